#!/bin/bash
# r3 (one hop before the server) intercepts port 80 (nat REDIRECT to a
# proxy on r3) and answers POSTs itself with 403 (Server: lab-proxy);
# GETs it relays to the server.  Its SYN-ACK and 403 carry the server's
# address but arrive with TTL 62 (2 routers crossed), the server's own
# packets with 61; a TTL-3 SYN to port 80 already draws a SYN-ACK.  So
# path/answered-by-middlebox at hop 3 (198.18.2.2), not the server's 403.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
lab_transparent_proxy r3 80 deny-post
po_run proxy -d q=1 "http://$S/form"
po_verdict proxy path answered-by-middlebox 403 3 198.18.2.2
assert_json_true "$(lab_file proxy.json)" '.verdict.fault != "server"' \
    "proxy: the 403 is not blamed on the server"
po_capture_ok proxy
# The relayed GET: the answer is the server's, the connection r3's.  Only
# the status is asserted; the verdict is logged for the record.
po_run proxy_get -X GET "http://$S/form"
assert_json "$(lab_file proxy_get.json)" .http.status 200 "proxy_get: the relayed GET gets 200"
lab_done
