#!/bin/bash
# The injector of t_post_path_reset poses as the server: r2 sends its
# resets with ttl 62, so they arrive with ttl 61, as the server's own
# SYN-ACK does.  The reply TTL alone would blame the server
# (reset-by-server); the in-flow trace shows the copy of the request with
# ttl 3, which cannot reach the server, drawing the reset, and names the
# forged TTL.  path/reset-on-path at hop 2 (198.18.1.2), certain.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
lab_inject_reset r2 80 POST
lab_forge_reset_ttl r2 62
po_run forged -d a=1 "http://$S/ok"
po_verdict forged path reset-on-path null 2 198.18.1.2
po_confidence forged certain
f=$(lab_file forged.json)
assert_json_true "$f" '[.evidence[].summary | select(test("RST in 198.18.3.2.s name \\(ttl 61\\)"))] | length == 1' \
    "forged: the connection's reset arrives with the server's ttl (61)"
assert_json "$f" .flow_trace.answered_at 3 "forged: the ttl-3 copy draws the reset"
assert_json_true "$f" '.verdict.confidence_reason | test("forged")' \
    "forged: the reason names the forged ttl"
po_capture_ok forged
lab_done
