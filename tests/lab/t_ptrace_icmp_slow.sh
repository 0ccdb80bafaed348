#!/bin/bash
# r2 delays only its own ICMP by 80 ms: hop 2 looks slow, later hops do not;
# it is labelled icmp-deprioritized and not blamed.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_icmp_delay r2 80
pt_run icmpslow "$S"
assert_eq $? 0 "icmpslow: exit status 0"
pt_verdict icmpslow clean null null
pt_flag icmpslow 2 icmp-deprioritized
pt_no_flag icmpslow 2 bottleneck
f=$(lab_file icmpslow.json)
assert_between "$(jq '[.hops[] | select(.ttl == 2)][0].rtt_ms.p25' "$f")" 75 90 \
    "icmpslow: hop 2 answers ~80 ms late"
assert_json_true "$f" '[.findings[] | select(.kind == "icmp-deprioritized" and .hop == 2)] | length == 1' \
    "icmpslow: one icmp-deprioritized finding at hop 2"
pt_capture_ok icmpslow
lab_done
