#!/bin/bash
# A healthy 1 ms metro link (r1 - r2, 1 ms each way: +2 ms round trip from
# hop 2 on) with default ICMP rate limits everywhere: clean, exit 0, the
# summary naming that step.  Setup ~3 s, ~2 s a run today (LAB_RUNS,
# default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 60
lab_chain 3
lab_link_delays 0 1 0 0
lab_ratelimit_default_all
S=$(lab_server_addr)
real_row metro healthy "clean, exit 0, summary names hop 2 (+2 ms)"
for _ in $(seq "$REAL_RUNS"); do
	real_run metro "$S"
	real_begin metro
	real_clean
	real_largest_step 2 "$(lab_hop_addr 2)"
	real_no_loss_claim
	real_end
done
real_done
