#!/bin/bash
# Random jitter everywhere on a healthy path: a chain of 5, every link
# 1 ms each way plus a uniform 0..3 ms per packet (so replies reorder), and
# default ICMP rate limits everywhere.  Noise is not a fault and no hop
# may be blamed for it: clean, exit 0, no loss placed.  Setup ~4 s, ~2 s a
# run today (LAB_RUNS, default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 60
lab_chain 5
for i in 0 1 2 3 4 5; do lab_link_delay "$i" 1 3; done
lab_ratelimit_default_all
S=$(lab_server_addr)
real_row jitter healthy "clean, exit 0, no loss (1 ms + 0..3 ms jitter on every link)"
for _ in $(seq "$REAL_RUNS"); do
	real_run jitter "$S"
	real_begin jitter
	real_clean
	real_no_loss_claim
	real_end
done
real_done
