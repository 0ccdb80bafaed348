#!/bin/bash
# Nothing listens on 8080 (nginx answers on 80): the server's own RST
# (TTL 61), server/refused at hop 4 (198.18.3.2), no HTTP status.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
po_run refused -d a=1 "http://$S:8080/ok"
po_verdict refused server refused null 4 "$S"
po_capture_ok refused
lab_done
