#!/bin/bash
# postprobe over IPv6 (issue 13): the IPv4 scenarios of t_post_ok,
# t_post_forbidden, t_post_server_error, t_post_refused and
# t_post_filtered on the same chain and nginx (which listens on both
# families), at http://[2001:2:0:3::2]/: the same fault, kind, status,
# hop and address (IPv6 text form), the locating probes over IPv6.  -4
# and -6 choose the family of a name with both (/etc/hosts in c), which
# otherwise connects in the system's order (RFC 6724: IPv6 here), not
# by libcurl's racing of the two.  Not yet over IPv6: the in-flow trace
# after a reset and the path MTU probes (IPv4 segments and DF).
. "$(dirname "$0")/post_common.sh"
po_setup
S6=$(lab_server_addr6)
U="http://[$S6]"
lab_nginx s 80
lab_nginx s 8080
lab_host_drop s 8080

po_run ok -d a=1 "$U/ok"
po_verdict ok none ok 200
assert_json_true "$(lab_file ok.json)" '.transcript.request | startswith("POST /ok HTTP/1.1")' \
    "ok: the transcript holds the request line"
po_capture_ok ok

po_run post -d q=1 "$U/form"
po_verdict post server http-client-error 403 4 "$S6"
po_capture_ok post

po_run err -d a=1 "$U/error"
po_verdict err server http-server-error 500 4 "$S6"
po_capture_ok err

po_run refused -d a=1 "http://[$S6]:8081/ok"
po_verdict refused server refused null 4 "$S6"
po_capture_ok refused

po_run filtered --max-time 10 -d a=1 "http://[$S6]:8080/ok"
po_verdict filtered server filtered-near-host null 4 "$S6"
po_capture_ok filtered

# A name with both families, from c's own /etc/hosts.
lab_resolver c 198.18.0.1
printf '127.0.0.1 localhost\n%s both.lab.test\n%s both.lab.test\n' "$S" "$S6" \
    >"/etc/netns/$(lab_ns c)/hosts"
po_run both -d a=1 "http://both.lab.test/ok"
po_verdict both none ok 200
assert_json "$(lab_file both.json)" .target.address "$S6" \
    "both: the system's order connects over IPv6"
po_run both4 -4 -d a=1 "http://both.lab.test/ok"
po_verdict both4 none ok 200
assert_json "$(lab_file both4.json)" .target.address "$S" "both -4: over IPv4, as asked"
lab_done
