#!/bin/bash
# A healthy path with a bottleneck: r1's link to the client is a token
# bucket (rate 20 to 100 Mbit/s, a queue of 30 to 100 full-size packets,
# as a small router's, both drawn afresh), and the client downloads 2 to
# 8 MB through it.  TCP fills the
# queue and loses packets when it overruns it (slow start's overshoot,
# then each time its window grows back): the loss every bulk transfer
# through a bottleneck shows.  The client's capture reads no fault, exit
# 0; the loss is named as a warning, in few loss events; the transfer is
# there whole.
. "$(dirname "$0")/triage_common.sh"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	port=$(tr_rand 20000 40000)
	bytes=$(($(tr_rand 2 7) * 1000000 + $(tr_rand 0 999) * 1000))
	rate=$((20 * $(tr_rand 1 5)))
	pkts=$(tr_rand 30 100)
	qms=$(awk -v p="$pkts" -v r="$rate" 'BEGIN { printf "%d", p * 1514 * 8 / (r * 1000) + 1 }')
	tr_peer s "srv$run" serve "$port" "$bytes" 0
	lab_tbf r1 left "${rate}mbit" 3000 "${qms}ms"
	tr_capture c right "neck$run"
	lab_exec c curl -s -o /dev/null --max-time 30 "http://$S:$port/big$run.bin"
	tr_capture_end
	drops=$(lab_exec r1 tc -s qdisc show dev left | awk '/dropped/ { for (i = 1; i < NF; i++) if ($i == "(dropped") print $(i + 1) + 0 }')
	lab_exec r1 tc qdisc del dev left root 2>/dev/null
	lab_log "neck$run: $bytes bytes at $rate Mbit/s, queue $pkts packets ($qms ms): the token bucket dropped ${drops:-?} packets"
	tr_read "neck$run"
	tr_expect "neck$run" none no-fault "" "[.connections[] | select(.bytes_to_client >= $bytes * 0.9)] | length == 1"
	if [ "${drops:-0}" -gt 0 ]; then
		tr_has "neck$run" '([.findings[] | select(.kind == "packet-loss")] | length <= 1) and
		    ([.findings[] | select(.kind == "packet-loss" and .severity == "fault")] | length == 0)' \
		    "the bucket's ${drops} drops are named at most as a warning"
	fi
	lab_stop_pid "$TR_PEER_PID"
done
tr_summary healthy-bottleneck
lab_done
