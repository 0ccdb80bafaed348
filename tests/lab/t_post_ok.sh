#!/bin/bash
# nginx on the server answers 200 to POST /ok: nothing wrong.  none/ok,
# status 200, the response read from the capture (plain HTTP), its Server
# header nginx's.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
po_run ok -d a=1 "http://$S/ok"
po_verdict ok none ok 200
f=$(lab_file ok.json)
assert_json_true "$f" '.transcript.request | startswith("POST /ok HTTP/1.1")' \
    "ok: the transcript holds the request line"
assert_json "$f" .transcript.source capture "ok: transcript read from the capture"
case $(po_header ok server) in nginx/*) lab_pass "ok: Server header nginx" ;;
*) lab_fail "ok: Server header '$(po_header ok server)' is not nginx's" ;; esac
assert_json_true "$f" '.evidence | type == "array" and length > 0' "ok: evidence listed"
po_capture_ok ok
lab_done
