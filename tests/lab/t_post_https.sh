#!/bin/bash
# HTTPS to nginx with a self-signed certificate (CN and SAN 198.18.3.2,
# SAN server.lab.test).  With --cacert naming it: none/ok 200, the
# transcript from libcurl (the capture holds only ciphertext).  Without:
# certificate verification fails in the client, kind tls-failure (client
# or server as postprobe decides: the server offered a certificate the
# client does not trust).  TLS 1.3 is negotiated; the capture of the
# good exchange holds only ciphertext (no -r check), but the failed one
# shows the client's fatal alert in clear (OpenSSL 3.0 sends it
# unencrypted: 15 03 03 00 02 02 30, unknown_ca, right after the
# server's first flight), so -r is checked there.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_https_cert s server.lab.test
lab_nginx_tls s 443 server.lab.test
po_run https --cacert "$LAB_CERT" -d a=1 "https://$S/ok"
po_verdict https none ok 200
assert_json "$(lab_file https.json)" .transcript.source libcurl \
    "https: transcript from libcurl"
assert_json_true "$(lab_file https.json)" '.timing_ms.tls > 0' "https: a TLS handshake time"
po_run nocert -d a=1 "https://$S/ok"
po_verdict nocert "client|server" tls-failure null
po_capture_ok nocert
lab_done
