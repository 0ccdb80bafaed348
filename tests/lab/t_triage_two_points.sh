#!/bin/bash
# A capture on both sides of a router: tcpdump on r1's two devices while
# the client sends to the server (500 bytes every 10 to 30 ms for 2 to 3
# s, drawn afresh) and r1 drops 20 % of what it forwards towards the server
# (nfq_hold, seed drawn afresh).  pcap-triage -r LEFT RIGHT finds the two
# files overlapping in time, reads them as two points and compares them:
# path / lost-between-points for the server, the data segments the far
# point never received counted, and the client's side nearer the client.
. "$(dirname "$0")/triage_common.sh"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	port=$(tr_rand 20000 40000)
	tr_peer s "sink$run" sink "$port"
	LAB_SEED=$RANDOM lab_loss r1 right 20
	tr_capture r1 left "near$run"
	tr_capture r1 right "far$run"
	tr_client c push "$S" "$port" "$(tr_rand 2 3)" "$(tr_rand 10 30)"
	tr_capture_end
	lab_clear r1
	tr_read "near$run" "$(lab_file "far$run.pcap")"
	tr_expect "near$run" path lost-between-points "$S" '(.points | length) == 2'
	tr_has "near$run" '[.comparison.findings[] | select(.kind == "lost-between-points") |
	    .figures.lost_to_server > 0] | any' "segments lost towards the server are counted"
	tr_has "near$run" '.comparison.shared_connections >= 1' "the connection is matched at both points"
	lab_stop_pid "$TR_PEER_PID"
done
tr_summary two-points
lab_done
