#!/bin/bash
# A link overloaded to a standing queue: r2 -> r3 limited to 4 Mbit/s by
# tbf with room for 300 ms, and a steady 5 Mbit/s from r1 across it; the
# queue sits full, every packet waits ~300 ms, tail drops shed a fifth of
# everything; default ICMP rate limits everywhere.  A high minimum with a
# small spread is still congestion: congested at hop 3 (198.18.2.2), exit
# 1, never a fixed delay.  Setup ~5 s, ~5 s a run today (LAB_RUNS,
# default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 90
lab_chain 4
lab_ratelimit_default_all
S=$(lab_server_addr)
lab_standing_queue r2 right 4000 300 r1 "$REAL_LOAD_SECONDS"
real_row standing-queue fault "congested, exit 1, hop 3 198.18.2.2 (300 ms standing queue)"
for _ in $(seq "$REAL_RUNS"); do
	real_run standing "$S"
	real_begin standing-queue
	real_exit 1
	real_verdict congested 3 198.18.2.2
	real_end
done
real_done
