#!/bin/bash
# A client that connects to a web server on a random port and waits 0.8 to
# 2 s (drawn afresh) before it sends its GET: client / slow-client at the
# client's address, the wait measured, the server's time small.
. "$(dirname "$0")/triage_common.sh"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	port=$(tr_rand 20000 40000)
	wait=$(tr_randsec 0.8 2.0)
	tr_peer s "srv$run" serve "$port" "$(tr_rand 100 3000)" 0
	tr_capture c right "wait$run"
	tr_client c slow "$S" "$port" "$wait" "/p$(tr_rand 1 9999).html"
	tr_capture_end
	tr_read "wait$run"
	tr_expect "wait$run" client slow-client "$C"
	tr_has "wait$run" "(.connections[0].time.client_wait_ms / 1000 - $wait) | fabs < 0.2" \
	    "the client's wait is $wait s"
	# Under the 200 ms a slow server needs (the server's python may wait
	# for a busy CPU, which is not what this scenario is about).
	tr_has "wait$run" '.connections[0].time.server_ms < 200' "the server answers at once"
	lab_stop_pid "$TR_PEER_PID"
done
tr_summary slow-client
lab_done
