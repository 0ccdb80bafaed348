#!/bin/bash
# The other ways a name fails, each against a fake resolver on r1
# (198.18.0.2): SERVFAIL, NOERROR with no answer, and no server at all (r1
# answers ICMP port unreachable).  Each is the client's fault
# (name-not-resolved), with the DNS status saying which.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_resolver c 198.18.0.2
for mode in servfail:servfail no-answer:no-answer none:resolver-unreachable; do
	m=${mode%%:*}
	want=${mode#*:}
	lab_syn_clear r1
	lab_dns_server r1 "$m"
	sy_run "dns-$m" "www.nowhere.test:$P"
	sy_verdict "dns-$m" client name-not-resolved - -
	f=$(lab_file "dns-$m.json")
	assert_json "$f" .probes.dns.status "$want" "dns-$m: DNS status"
	assert_json "$f" .probes.dns.resolver 198.18.0.2 "dns-$m: the resolver asked"
	assert_between "${SY_SECS[dns-$m]}" 0 20 "dns-$m: the run is bounded (s)"
done
lab_done
