#!/bin/bash
# Congestion alone, far from the client: a chain of 6, r4 -> r5 limited to
# 4 Mbit/s (tbf) and loaded by bursty UDP from r3 (8 Mbit/s on ~80 ms, off
# ~100 ms, randomised), default ICMP rate limits everywhere.  The verdict
# must be congested at hop 5 (198.18.4.2), exit 1, whether the queue is
# full or empty when probing starts: odd runs start once the qdisc holds
# >= 40 kB (~80 ms), even runs once it is empty.  Setup ~8 s (the load
# must have filled the link for 2 s), ~3 s a run today (LAB_RUNS, default
# 4: two of each).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 4 60
lab_chain 6
lab_ratelimit_default_all
S=$(lab_server_addr)
lab_tbf r4 right 4mbit
lab_blast r3 "$S" 8000 "$REAL_LOAD_SECONDS"
lab_wait_loaded r4 right 2 || lab_die "the load never filled r4's queue"
real_row congestion-queue-full fault "congested, exit 1, hop 5 198.18.4.2 (queue full at start)"
real_row congestion-queue-empty fault "congested, exit 1, hop 5 198.18.4.2 (queue empty at start)"
for k in $(seq "$REAL_RUNS"); do
	if [ $((k % 2)) = 1 ]; then row=congestion-queue-full; lab_wait_backlog r4 right full 40000 10
	else row=congestion-queue-empty; lab_wait_backlog r4 right empty 0 10
	fi
	real_run cong "$S"
	real_begin $row
	real_exit 1
	real_verdict congested 5 198.18.4.2
	real_end
done
real_done
