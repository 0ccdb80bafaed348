#!/bin/bash
# Mid-transfer the server goes away: after 0.5 to 1.5 s (drawn afresh)
# either r1 drops everything it forwards (the path) or the server's node
# drops everything it receives (the peer), drawn afresh.  The client
# retransmits with doubling back-off and no ACK comes: unknown (peer or
# path) / retransmitted-unacked at the server's address.
. "$(dirname "$0")/triage_common.sh"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	port=$(tr_rand 20000 40000)
	tr_peer s "srv$run" sink "$port"
	if [ $((RANDOM % 2)) = 0 ]; then
		where=r1 chain=FORWARD
	else
		where=s chain=INPUT
	fi
	tr_capture c right "gone$run"
	tr_client c push "$S" "$port" 7 "$(tr_rand 50 150)" &
	pusher=$!
	sleep "$(tr_randsec 0.5 1.5)"
	lab_exec "$where" iptables -I "$chain" -j DROP
	lab_log "run $run: $where drops all $chain"
	wait "$pusher"
	tr_capture_end
	lab_exec "$where" iptables -D "$chain" -j DROP
	tr_read "gone$run"
	tr_expect "gone$run" unknown retransmitted-unacked "$S"
	tr_has "gone$run" '[.findings[] | select(.kind == "retransmitted-unacked") |
	    .figures.retransmissions >= 3] | any' "three retransmissions or more"
	tr_has "gone$run" '[.findings[] | select(.kind == "retransmitted-unacked") |
	    .summary | contains("doubling back-off")] | any' "the back-off doubles"
	lab_stop_pid "$TR_PEER_PID"
done
tr_summary peer-vanishes
lab_done
