#!/bin/bash
# The client's resolver (a fake server on r1, 198.18.0.2) says the name
# does not exist: client/name-not-resolved, exit 1 (a verdict, not an
# error), and the DNS probe names the status and the resolver.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_dns_server r1 nxdomain
lab_resolver c "$LAB_DNS_ADDR"
sy_run nxdomain "www.nowhere.test:$P"
sy_verdict nxdomain client name-not-resolved - -
f=$(lab_file nxdomain.json)
assert_json "$f" .probes.dns.status nxdomain "nxdomain: DNS status"
assert_json "$f" .probes.dns.resolver 198.18.0.2 "nxdomain: the resolver asked"
assert_cmd "nxdomain: the fake server was asked" \
    grep -q 'query www.nowhere.test A' "$(lab_file dns.r1.log)"
lab_done
