#!/bin/bash
# A bulk download (BYTES drawn afresh) over a path where r1 drops 20 % of
# what it forwards towards the client (nfq_hold, seed drawn afresh): the
# client's capture reads path / packet-loss towards the client.
. "$(dirname "$0")/triage_common.sh"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	port=$(tr_rand 20000 40000)
	bytes=$(tr_rand 300000 600000)
	tr_peer s "srv$run" serve "$port" "$bytes" 0
	LAB_SEED=$RANDOM lab_loss r1 left 20
	tr_capture c right "loss$run"
	lab_exec c curl -s -o /dev/null --max-time 30 "http://$S:$port/big$run.bin"
	tr_capture_end
	lab_clear r1
	tr_read "loss$run"
	tr_expect "loss$run" path packet-loss
	lab_stop_pid "$TR_PEER_PID"
done
tr_summary path-loss
lab_done
