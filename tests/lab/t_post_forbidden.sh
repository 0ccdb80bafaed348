#!/bin/bash
# nginx refuses POST on /form (limit_except GET { deny all; }) while GET
# works: the 403 comes from the server itself (its SYN-ACK and answer
# arrive with TTL 61, 3 routers crossed), so server/http-client-error at
# hop 4 (198.18.3.2), its IP ID following nginx's counter; the same URL
# with -X GET is none/ok 200.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
po_run post -d q=1 "http://$S/form"
po_verdict post server http-client-error 403 4 "$S"
case $(po_header post server) in nginx/*) lab_pass "post: the 403 is nginx's" ;;
*) lab_fail "post: Server header '$(po_header post server)' is not nginx's" ;; esac
# Linux numbers a connection's packets from one counter: the 403's first
# packet is a small step on from nginx's previous one.
assert_json "$(lab_file post.json)" .ip_id.answer_follows_server true \
    "post: the 403 follows nginx's IP ID counter"
po_capture_ok post
po_run get -X GET "http://$S/form"
po_verdict get none ok 200
po_capture_ok get
lab_done
