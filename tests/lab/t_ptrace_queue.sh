#!/bin/bash
# A tbf-limited middle link (r2 -> r3, 4 Mbit/s) saturated by bursty
# background traffic: the link from hop 2 to hop 3 (198.18.2.2) is
# congested, its cause queueing (delay that varies round by round), a
# fault (exit 1).  The trace starts once the link has carried full load
# for about 2 s (the qdisc's counters say so): congestion already under way.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_tbf r2 "$(lab_dev_right r2)" 4mbit
lab_blast r1 "$S" 8000 60
lab_wait_loaded r2 "$(lab_dev_right r2)" 2 || lab_die "the load never filled r2's queue"
pt_run queue "$S"
assert_eq $? 1 "queue: exit status 1 (a fault)"
pt_verdict queue congested 3 198.18.2.2
f=$(lab_file queue.json)
assert_json "$f" .verdict.cause queueing "queue: cause"
assert_json "$f" .verdict.link.from.ttl 2 "queue: link from hop 2"
assert_json_true "$f" '[.hops[] | select(.ttl == 3)][0].rtt_ms | (.median - .min) > 10' \
    "queue: the spread above the minimum is wide at hop 3"
assert_json_true "$f" '[.hops[] | select(.ttl == 3)][0].flags | index("queueing") != null' \
    "queue: hop 3 is labelled queueing"
assert_json "$f" '[.latency_budget[] | select(.to.ttl == 3)][0].cause' queueing \
    "queue: the budget's link to hop 3 is queueing"
assert_json_true "$f" '[.hops[] | select(.ttl < 3) | .rtt_ms.median] | all(. < 5)' \
    "queue: the hops before the link see no queue"
pt_capture_ok queue
lab_done
