#!/bin/bash
# A name that resolves (the fake resolver on r1 answers server.lab.test
# with 198.18.3.2) to a server that listens: synprobe NAME:PORT works end to
# end, none/open at hop 4, DNS status ok.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_listen s "$P"
lab_dns_server r1 answer server.lab.test "$S"
lab_resolver c "$LAB_DNS_ADDR"
sy_run byname "server.lab.test:$P"
sy_verdict byname none open 4 198.18.3.2
f=$(lab_file byname.json)
assert_json "$f" .probes.dns.status ok "byname: DNS status"
assert_json "$f" .probes.dns.resolver 198.18.0.2 "byname: the resolver asked"
assert_json "$f" .probes.connect.result connected "byname: the kernel's connect() worked"
sy_capture_ok byname
lab_done
