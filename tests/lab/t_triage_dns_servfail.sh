#!/bin/bash
# A resolver (the fake DNS server, on the run's server address) answering
# SERVFAIL to a name drawn afresh: server / dns-servfail at the resolver's
# address, the name in the finding.
. "$(dirname "$0")/triage_common.sh"
command -v dig >/dev/null || lab_die "dig missing (apt-get install -y dnsutils)"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	tr_dns s servfail
	name=host$(tr_rand 1000 99999).zone$(tr_rand 1 999).lab.test
	tr_capture c right "sf$run"
	lab_exec c dig +tries=1 +time=2 @"$S" "$name" A >/dev/null 2>&1
	tr_capture_end
	tr_read "sf$run"
	tr_expect "sf$run" server dns-servfail "$S"
	tr_has "sf$run" "[.findings[] | select(.kind == \"dns-servfail\") | .summary | contains(\"$name\")] | any" \
	    "the failing name is named"
	lab_stop_pid "$TR_DNS_PID"
done
tr_summary dns-servfail
lab_done
