#!/bin/bash
# Floods and their backscatter, read at the host.  A spoofed SYN flood: the
# server's node sends SYNs to a listening port of the client (port, rate
# 150-400 a second and 1.5-3 s drawn afresh) from random addresses of
# 198.19.0.0/16 and random ports (triage_host_peer.py flood, raw socket);
# r1 drops what the client answers them (a blackhole route, no ICMP).
# Read: syn-flood at the client's port, the SYNs counted, the rate and the
# duration those sent; suspect-host, exit 0.  Backscatter: SYN-ACKs and
# resets from random 198.19.0.0/16 addresses to random ports of the
# client, which never sent a SYN (someone spoofed its address): read as
# backscatter, never as a flood against it.
. "$(dirname "$0")/triage_host_common.sh"
tr_setup
lab_exec r1 ip route add blackhole 198.19.0.0/16 || lab_die "cannot add the blackhole on r1"
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	port=$(tr_rand 20000 29999) rate=$(tr_rand 150 400) secs=$(tr_randsec 1.5 3)
	tr_peer c "sink$run" sink "$port"
	sink=$TR_PEER_PID
	tr_capture c right "flood$run"
	th_peer s flood "$C" "$port" "$rate" "$secs" 198.19.0.0
	sent=$(awk '/^sent/ { print $2 }' "$(lab_file th.out)")
	tr_capture_end
	tr_read "flood$run"
	lab_log "flood$run: sent $sent SYNs at $rate/s for $secs s"
	th_expect "flood$run" none suspect-host 0 "[.findings[] | select(.kind == \"syn-flood\" and
	    .port == $port and .figures.syns >= $sent * 0.95 and .figures.syns <= $sent and
	    .figures.rate_per_s >= $rate * 0.8 and .figures.rate_per_s <= $rate * 1.25 and
	    .figures.duration_s >= $secs - 0.5 and .figures.duration_s <= $secs + 0.2 and
	    .figures.sources >= $sent * 0.8)] | length == 1"
	lab_stop_pid "$sink"
	brate=$(tr_rand 50 200) bsecs=$(tr_randsec 1 2)
	tr_capture c right "scatter$run"
	th_peer s backscatter "$C" "$brate" "$bsecs" 198.19.0.0
	bsent=$(awk '/^sent/ { print $2 }' "$(lab_file th.out)")
	tr_capture_end
	tr_read "scatter$run"
	tr_has "scatter$run" "[.findings[] | select(.kind == \"backscatter\" and
	    .figures.syn_acks + .figures.resets >= $bsent * 0.95)] | length == 1" \
	    "backscatter, $bsent unsolicited answers counted"
	tr_has "scatter$run" '[.findings[] | select(.kind == "syn-flood" or .severity == "fault")] | length == 0' \
	    "not a flood against this host, no fault"
done
tr_summary host-flood
lab_done
