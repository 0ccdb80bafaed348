#!/bin/bash
# A tbf-limited middle link (r2 -> r3, 4 Mbit/s) saturated by bursty
# background traffic: the bottleneck is hop 3 and its cause is queueing.
# The trace starts once the link has carried full load for about 2 s (the
# qdisc's counters say so): congestion already under way.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_tbf r2 "$(lab_dev_right r2)" 4mbit
lab_blast r1 "$S" 8000 60
lab_wait_loaded r2 "$(lab_dev_right r2)" 2 || lab_die "the load never filled r2's queue"
pt_run queue --rounds 20 "$S"
pt_verdict queue bottleneck 3 198.18.2.2
f=$(lab_file queue.json)
assert_json "$f" .verdict.cause queueing "queue: cause"
assert_json "$f" .verdict.link.from.ttl 2 "queue: link from hop 2"
assert_json_true "$f" '[.hops[] | select(.ttl == 3)][0].rtt_ms | (.median - .min) > 10' \
    "queue: the spread above the minimum is wide at hop 3"
pt_capture_ok queue
lab_done
