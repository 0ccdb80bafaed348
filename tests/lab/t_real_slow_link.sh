#!/bin/bash
# A low-capacity link: r2 - r3 carries 1000 kbit/s each way (nfq_hold -b:
# each packet its length over the rate, behind the ones before it) and 2 ms
# of propagation; default ICMP rate limits everywhere.  A 60-byte probe
# sees a step of ~5 ms, a 1500-byte one ~28 ms: the step grows with the
# size, so it is slow-link at hop 3 (198.18.2.2), exit 1, with the
# capacity estimated within 30 % of 1 Mbit/s.  Setup ~3 s, ~2 s a run
# today (LAB_RUNS, default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 90
lab_chain 4
lab_slow_link 2 1000 2
lab_ratelimit_default_all
S=$(lab_server_addr)
real_row slow-link fault "slow-link, exit 1, hop 3 198.18.2.2, capacity 1 Mbit/s +-30 %"
for _ in $(seq "$REAL_RUNS"); do
	real_run slow "$S"
	real_begin slow-link
	real_exit 1
	real_verdict slow-link 3 198.18.2.2
	real_capacity 1000000 30
	real_end
done
real_done
