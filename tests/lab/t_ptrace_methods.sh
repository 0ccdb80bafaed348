#!/bin/bash
# The same 50 ms delay on r1 -> r2 read with ICMP, UDP, and TCP SYN probes
# to an open and to a closed port: the destination answers each its own
# way, every reply is matched to its probe, and every method sees the same
# path: the latency budget puts the 50 ms on the link from hop 1 to hop 2
# (198.18.1.2).  That fixed step is distance, so ICMP, UDP and TCP closed
# say clean (exit 0); TCP open runs against a 30 ms service level
# (--expect-rtt), which the destination's SYN-ACKs exceed: over-budget,
# exit 1, naming the link.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_listen s 8080
lab_delay r1 "$(lab_dev_right r1)" 50
declare -A rc
pt_run icmp -I "$S"
rc[icmp]=$?
pt_run udp -U "$S"
rc[udp]=$?
pt_run tcpopen -T -p 8080 --expect-rtt 30 "$S"
rc[tcpopen]=$?
pt_run tcpclosed -T -p 8081 "$S"
rc[tcpclosed]=$?
for m in icmp udp tcpclosed; do
	assert_eq "${rc[$m]}" 0 "$m: exit status 0 (distance is not a fault)"
	pt_verdict $m clean null null
	pt_no_fault $m
done
assert_eq "${rc[tcpopen]}" 1 "tcpopen: exit status 1 (over the 30 ms expected)"
pt_verdict tcpopen over-budget 4 198.18.3.2
assert_json_true "$(lab_file tcpopen.json)" '.verdict.summary | contains("over the 30 ms expected") and
    contains("hop 1 (198.18.0.2) to hop 2 (198.18.1.2)")' \
    "tcpopen: the summary names the budget and the link that adds the most"
for m in icmp udp tcpopen tcpclosed; do
	pt_step $m 1 45 55
	assert_json "$(lab_file $m.json)" .stats.destination_ttl 4 "$m: destination at hop 4"
	assert_json_true "$(lab_file $m.json)" '[.hops[] | .loss_pct] | all(. == 0)' "$m: no loss"
done
assert_json "$(lab_file udp.json)" .method udp "udp: method"
dest='[.hops[] | select(.ttl == 4)][0]'
assert_json_true "$(lab_file icmp.json)" "$dest | .answers[\"echo-reply\"] == .received" \
    "icmp: the destination answers echo replies"
assert_json_true "$(lab_file udp.json)" "$dest | .answers[\"port-unreachable\"] == .received" \
    "udp: the destination answers port unreachable"
# SYNs of one flow that reach an open port together (round 1 probes every
# TTL at once, and the delay queues them) draw SYN-ACK for some and
# RST/ACK for the rest, each acknowledging its own probe: SYN-ACKs must be
# there, and nothing but the server's TCP.
assert_json_true "$(lab_file tcpopen.json)" \
    "$dest | .answers[\"syn-ack\"] > 0 and (.answers[\"syn-ack\"] + (.answers.rst // 0)) == .received" \
    "tcp open: the destination answers SYN-ACK"
assert_json_true "$(lab_file tcpclosed.json)" "$dest | .answers.rst == .received" \
    "tcp closed: the destination answers RST"
for m in icmp udp tcpopen tcpclosed; do
	assert_json_true "$(lab_file $m.json)" \
	    '[.hops[] | select(.ttl < 4) | .answers["time-exceeded"] == .received] | all' \
	    "$m: routers answer time-exceeded"
done
assert_json "$(lab_file tcpopen.json)" .options.port 8080 "tcp open: port in options"
pt_capture_ok udp
pt_capture_ok tcpopen --expect-rtt 30
lab_done
