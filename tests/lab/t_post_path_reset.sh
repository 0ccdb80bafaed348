#!/bin/bash
# r2 resets any forwarded segment to port 80 carrying "POST" (string match,
# REJECT tcp-reset): the handshake is the server's (SYN-ACK TTL 61), the
# POST draws a RST with the server's address and r2's TTL (63, 1 router
# crossed), and the POST never reaches nginx.  path/reset-on-path at hop 2
# (198.18.1.2), no HTTP status.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
lab_inject_reset r2 80 POST
po_run reset -d a=1 "http://$S/ok"
po_verdict reset path reset-on-path null 2 198.18.1.2
assert_json_true "$(lab_file reset.json)" '.verdict.fault != "server"' \
    "reset: the RST is not blamed on the server"
po_capture_ok reset
lab_done
