#!/bin/bash
# nginx proxies /slow to a backend on the server's loopback that takes 2 s:
# the request is acknowledged at once (RTT ~0.05 ms) and the first
# response byte comes ~2000 ms later, far over max(200 ms, 10 x RTT).
# server/slow-server, status 200, hop 4 (198.18.3.2), server_wait ~2000.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_backend_sleep s 8081 2
lab_nginx s 80
po_run slow -d a=1 "http://$S/slow"
po_verdict slow server slow-server 200 4 "$S"
po_timing slow server_wait 1900 2600
po_timing slow connect 0 50
po_timing slow total 1900 5000
po_capture_ok slow
lab_done
