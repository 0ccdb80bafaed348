#!/bin/bash
# r2 resets any forwarded segment to port 80 carrying "POST" (string match,
# REJECT tcp-reset): the handshake is the server's (SYN-ACK TTL 61), the
# POST draws a RST with the server's address and r2's TTL (63, 1 router
# crossed), and the POST never reaches nginx.  The in-flow trace proves it:
# the copy of the request with ttl 2 expires at r2, the one with ttl 3
# (which cannot reach the server, 4 hops out) draws the reset.
# path/reset-on-path at hop 2 (198.18.1.2), certain, no HTTP status.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
lab_inject_reset r2 80 POST
po_run reset -d a=1 "http://$S/ok"
po_verdict reset path reset-on-path null 2 198.18.1.2
po_confidence reset certain
f=$(lab_file reset.json)
assert_json "$f" .flow_trace.answered_at 3 "reset: the ttl-3 copy of the request draws the reset"
assert_json "$f" .flow_trace.expired_up_to 2 "reset: the ttl-2 copy expires on the way"
assert_json "$f" .flow_trace.expired_from 198.18.1.2 "reset: ... at r2"
assert_json_true "$f" '.verdict.fault != "server"' \
    "reset: the RST is not blamed on the server"
assert_json_true "$f" '[.evidence[].summary | select(test("answering the ttl-3 copy"))] | length == 1' \
    "reset: the evidence shows the reset answering the ttl-3 copy"
po_capture_ok reset
lab_done
