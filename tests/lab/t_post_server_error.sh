#!/bin/bash
# nginx answers 500 (location /error { return 500; }): the server's own
# error, server/http-server-error, status 500, at hop 4 (198.18.3.2) like
# any answer that comes from the server itself.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
po_run err -d a=1 "http://$S/error"
po_verdict err server http-server-error 500 4 "$S"
po_capture_ok err
lab_done
