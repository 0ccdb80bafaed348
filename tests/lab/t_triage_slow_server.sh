#!/bin/bash
# A server that takes 0.8 to 2 s (drawn afresh) before it answers a GET on
# a random port: pcap-triage reads the client's capture as server /
# slow-server at the server's address, with the server's time close to the
# delay and a round trip under a millisecond.
. "$(dirname "$0")/triage_common.sh"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	port=$(tr_rand 20000 40000)
	delay=$(tr_randsec 0.8 2.0)
	tr_peer s "srv$run" serve "$port" "$(tr_rand 200 5000)" "$delay"
	tr_capture c right "slow$run"
	lab_exec c curl -s -o /dev/null --max-time 20 "http://$S:$port/report"
	tr_capture_end
	tr_read "slow$run"
	tr_expect "slow$run" server slow-server "$S"
	tr_has "slow$run" "(.connections[0].time.server_ms / 1000 - $delay) | fabs < 0.2" \
	    "the server's time is the delay ($delay s)"
	tr_has "slow$run" '.connections[0].capture_point == "client"' "captured at the client"
	lab_stop_pid "$TR_PEER_PID"
done
tr_summary slow-server
lab_done
