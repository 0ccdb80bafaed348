#!/bin/bash
# Congestion plus a fixed step elsewhere: as t_real_congestion_alone.sh
# (r4 -> r5 at 4 Mbit/s under bursty load, default ICMP rate limits), and
# link 1 (r1 - r2) carries 20 ms each way: +40 ms of distance from hop 2
# on.  The
# step is not a fault; the verdict must be congested at hop 5
# (198.18.4.2), exit 1, with the step in the latency budget at hop 2.
# Setup ~8 s, ~3 s a run today (LAB_RUNS, default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 60
lab_chain 6
lab_link_delays 0 20 0 0 0 0 0
lab_ratelimit_default_all
S=$(lab_server_addr)
lab_tbf r4 right 4mbit
lab_blast r3 "$S" 8000 "$REAL_LOAD_SECONDS"
lab_wait_loaded r4 right 2 || lab_die "the load never filled r4's queue"
real_row congestion-plus-step fault "congested, exit 1, hop 5 198.18.4.2 (+40 ms fixed at hop 2 is budget)"
for _ in $(seq "$REAL_RUNS"); do
	real_run congstep "$S"
	real_begin congestion-plus-step
	real_exit 1
	real_verdict congested 5 198.18.4.2
	assert_json_true "$REAL_JSON" \
	    "[$REAL_JQ_BUDGET[]? | select(.to.ttl == 2 and .added_ms > 35)] | length == 1" \
	    "congestion-plus-step: the 40 ms step is in the budget at hop 2"
	real_end
done
real_done
