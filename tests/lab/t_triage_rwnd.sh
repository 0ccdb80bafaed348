#!/bin/bash
# A receiver-window-limited download: the client reads 1 to 2 MB (drawn
# afresh) with a receive buffer of 24 to 64 KB (drawn afresh, set before
# the handshake so the window scale follows it) over a path of 20 to 40 ms
# (r1 delays what it forwards towards the client).  The window, not the
# network, sets the rate: no fault, and the transfer's rate-limit reading
# is receiver-window (a warning: the receiver's buffer).
. "$(dirname "$0")/triage_common.sh"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	port=$(tr_rand 20000 40000)
	tr_peer s "srv$run" serve "$port" "$(tr_rand 1000000 2000000)" 0
	lab_delay r1 left "$(tr_rand 20 40)"
	tr_capture c right "rwnd$run"
	tr_client c get "$S" "$port" "/big$run.bin" "$(tr_rand 24576 65536)"
	tr_capture_end
	lab_clear r1
	tr_read "rwnd$run"
	tr_expect "rwnd$run" none no-fault "" \
	    '[.findings[] | select(.kind == "rate-limit" and .severity == "warning") | .summary | test("receiver-window")] | any'
	tr_has "rwnd$run" '[.connections[] | select(.rate != null) | .rate.class] == ["receiver-window"]' \
	    "the connection's class is receiver-window"
	lab_stop_pid "$TR_PEER_PID"
done
tr_summary receiver-window
lab_done
