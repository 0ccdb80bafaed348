#!/bin/bash
# A BitTorrent-like swarm, read at the host: 10 to 30 peers (addresses of
# the server's node drawn afresh), each answering a DHT ping (BEP 5) to its
# port and a peer handshake (BEP 3) with 16 KB of piece data, the host
# asking from a DHT port drawn afresh.  Read: p2p-swarm at this host, the
# peers counted (within 10 %), its DHT port, the info-hash; suspect-host,
# no fault, exit 0.  The healthy busy captures (t_triage_healthy.sh: web,
# DNS, mail, a download) are the other side: no host finding there.
. "$(dirname "$0")/triage_host_common.sh"
tr_setup
SWARM="$(lab__py) $LAB_DIR/triage_swarm.py"
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	n=$(tr_rand 10 30) port=$(tr_rand 6881 6999) lport=$(tr_rand 20000 29999)
	ih=$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')
	peers=()
	while [ "${#peers[@]}" -lt "$n" ]; do
		a=198.18.2.$(tr_rand 10 250)
		[ "$a" = "$S" ] && continue
		case " ${peers[*]} " in *" $a "*) continue ;; esac
		lab_exec s ip addr add "$a/24" dev left 2>/dev/null
		peers+=("$a")
	done
	# shellcheck disable=SC2086
	lab_bg s "swarm$run" $SWARM peers "$port" "$ih" "${peers[@]}"
	pid=$LAB_LAST_PID
	lab_wait_log "$(lab_file "swarm$run.log")" "listening on" 10 &&
	    lab_wait_tcp s "${peers[0]}" "$port" 10 && lab_wait_tcp s "${peers[-1]}" "$port" 10 ||
	    lab_die "swarm$run: the peers did not start"
	tr_capture c right "swarm$run"
	# shellcheck disable=SC2086
	got=$(timeout -k 5 90 ip netns exec "$(lab_ns c)" $SWARM leech "$port" "$ih" "$lport" \
	    "${peers[@]}" 2>>"$(lab_file swarm.err)")
	[ "$got" = "peers $n" ] || lab_fail "swarm$run: the leech reached '$got' of $n peers"
	tr_capture_end
	tr_read "swarm$run"
	lab_log "swarm$run: $n peers on port $port, the host's DHT port $lport, info-hash $ih"
	th_expect "swarm$run" none suspect-host 0 "[.findings[] | select(.kind == \"p2p-swarm\" and
	    .address == \"$C\" and .port == $lport and .figures.peers >= $n * 0.9 and
	    .figures.peers <= $n * 1.1 and .figures.handshakes == $n and .figures.dht_exchanges == $n
	    and .severity == \"warning\" and .fault == \"none\")] | length == 1"
	tr_has "swarm$run" "[.host.swarms[] | select(.infohash == \"$ih\" and .host == \"$C\")] |
	    length == 1" "the swarm's info-hash and host in host.swarms"
	tr_has "swarm$run" '[.findings[] | select(.severity == "fault")] | length == 0' "no fault"
	lab_stop_pid "$pid"
done
tr_summary host-swarm
lab_done
