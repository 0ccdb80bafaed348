#!/bin/bash
# A healthy 9-router path whose links carry distance: one-way delays of
# 1, 2, 8, 35, 3 and 2 ms on links 1-6, both directions (102 ms round
# trip), and the kernel's default ICMP rate limits on every node.  Distance
# is not a fault: clean, exit 0, the summary naming the largest step (hop
# 4 -> hop 5, +70 ms).  With --expect-rtt 80 the same path is over-budget,
# exit 1, naming that link; with --expect-rtt 150 it is clean.
# Setup ~5 s; a run of the three ~5-10 s today (LAB_RUNS, default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 90
lab_chain 9
lab_link_delays 0 1 2 8 35 3 2 0 0 0
lab_ratelimit_default_all
S=$(lab_server_addr)
big=$(lab_hop_addr 5)
real_row distance9 healthy "clean, exit 0, summary names hop 5 (+70 ms)"
real_row distance9-over-budget fault "over-budget, exit 1 (--expect-rtt 80), names hop 5"
real_row distance9-within-budget healthy "clean, exit 0 (--expect-rtt 150)"
for _ in $(seq "$REAL_RUNS"); do
	real_run d9 "$S"
	real_begin distance9
	real_clean
	real_largest_step 5 "$big"
	real_no_loss_claim
	real_end

	real_run over --expect-rtt 80 "$S"
	real_begin distance9-over-budget
	real_exit 1
	real_verdict over-budget
	real_largest_step 5 "$big"
	real_end

	real_run within --expect-rtt 150 "$S"
	real_begin distance9-within-budget
	real_clean
	real_end
done
real_done
