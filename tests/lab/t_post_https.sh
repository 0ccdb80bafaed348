#!/bin/bash
# HTTPS to nginx with a self-signed certificate (CN and SAN 198.18.3.2,
# SAN server.lab.test).  With --cacert naming it: none/ok 200, the
# transcript from libcurl (the capture holds only ciphertext).  Without:
# certificate verification fails in the client, kind tls-failure, server
# (the server offered a certificate the client does not trust).  And on a
# host whose own CA bundle cannot be read (an unreadable file bound over
# /etc/ssl/certs/ca-certificates.crt for that one run, in the run's own
# mount namespace): client, tls-failure, certain (libcurl's
# CURLE_SSL_CACERT_BADFILE; first seen on a bare root where the probe,
# dropped to nobody, could not open the bundle, and was read as the
# server's fault).  TLS 1.3 is negotiated; the capture of the
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
po_verdict nocert server tls-failure null
po_capture_ok nocert

bundle=/etc/ssl/certs/ca-certificates.crt
assert_cmd "nobundle: this host has a CA bundle to hide ($bundle)" test -f "$bundle"
nob=$(lab_file unreadable-bundle)
: >"$nob"
chmod 000 "$nob"
lab_run c nobundle.json sh -c 'mount --bind "$0" "$1" && shift && exec "$@"' \
    "$nob" "$bundle" "$PO" --json -d a=1 "https://$S/ok"
rc=$?
f=$(lab_file nobundle.json)
lab_log "nobundle: exit $rc, verdict: $(jq -c '.verdict | {fault, kind, confidence}' "$f" 2>/dev/null)"
assert_fault_exit nobundle "$rc" client
assert_json "$f" .verdict.fault client "nobundle: this host's fault"
assert_json "$f" .verdict.kind tls-failure "nobundle: verdict kind"
assert_json "$f" .verdict.confidence certain "nobundle: certain (libcurl's code says so)"
assert_json_true "$f" '.verdict.summary | test("cannot load its own certificates")' \
    "nobundle: the summary says this host cannot load its certificates"
assert_cmd "nobundle: the host's bundle is untouched" test -s "$bundle"
lab_done
