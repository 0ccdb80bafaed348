#!/bin/bash
# A server that stops reading: it accepts with a small receive buffer,
# reads the first BYTES (0 to 200 KB, drawn afresh) and no more.  The
# client's data fills the buffer and the server advertises a zero window
# until the capture ends (3 to 5 s of sending, drawn afresh): server /
# zero-window at the server's address, 2 s or more of it, and the client's
# window probes not taken for retransmissions.
. "$(dirname "$0")/triage_common.sh"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	port=$(tr_rand 20000 40000)
	tr_peer s "srv$run" noread "$port" "$(tr_rand 0 200000)"
	tr_capture c right "zw$run"
	tr_client c blast "$S" "$port" "$(tr_rand 3 5)"
	tr_capture_end
	tr_read "zw$run"
	tr_expect "zw$run" server zero-window "$S"
	tr_has "zw$run" '[.findings[] | select(.kind == "zero-window") | .figures.zero_window_s >= 2] | any' \
	    "the window stays zero 2 s or more"
	tr_has "zw$run" '[.findings[] | select(.kind == "retransmitted-unacked")] | length == 0' \
	    "window probes are not taken for retransmissions"
	lab_stop_pid "$TR_PEER_PID"
done
tr_summary zero-window
lab_done
