#!/bin/bash
# nginx listens on 80 and 8080, and the server's own firewall drops 8080
# (INPUT DROP): no answer on 8080 while 80 answers and TTL-limited SYNs
# are answered up to r3.  server/filtered-near-host at hop 4 (198.18.3.2),
# no HTTP status.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
lab_nginx s 8080
lab_host_drop s 8080
po_run filtered --max-time 10 -d a=1 "http://$S:8080/ok"
po_verdict filtered server filtered-near-host null 4 "$S"
po_capture_ok filtered
lab_done
