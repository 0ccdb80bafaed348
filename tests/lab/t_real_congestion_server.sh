#!/bin/bash
# The server's own access link congested on a jittery path: a chain of 5,
# every link 1 ms each way plus a uniform 0..3 ms per packet (as
# t_real_jitter, whose healthy path must stay clean), r5 -> server limited
# to 4 Mbit/s (tbf) and loaded by bursty UDP from r4 (8 Mbit/s on ~80 ms,
# off ~100 ms, randomised), default ICMP rate limits everywhere.  The
# verdict must be congested at hop 6, the destination (the link from r5),
# exit 1, whether the queue is full or empty when probing starts.  The
# link into the destination is judged against the path's per-packet
# jitter (queue.c), which must not hide a real queue there.  Setup ~8 s,
# ~4 s a run today (LAB_RUNS, default 4: two of each).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 4 60
lab_chain 5
for i in 0 1 2 3 4 5; do lab_link_delay "$i" 1 3; done
lab_ratelimit_default_all
S=$(lab_server_addr)
lab_tbf r5 right 4mbit
lab_blast r4 "$S" 8000 "$REAL_LOAD_SECONDS"
lab_wait_loaded r5 right 2 || lab_die "the load never filled r5's queue"
real_row server-queue-full fault "congested, exit 1, hop 6 $S (queue full at start)"
real_row server-queue-empty fault "congested, exit 1, hop 6 $S (queue empty at start)"
for k in $(seq "$REAL_RUNS"); do
	if [ $((k % 2)) = 1 ]; then row=server-queue-full; lab_wait_backlog r5 right full 40000 10
	else row=server-queue-empty; lab_wait_backlog r5 right empty 0 10
	fi
	real_run srvcong "$S"
	real_begin $row
	real_exit 1
	real_verdict congested 6 "$S"
	real_end
done
real_done
