#!/bin/bash
# The same 50 ms delay on r1 -> r2 found with ICMP, UDP, and TCP SYN probes
# to an open and to a closed port; the destination answers each its own way
# and every reply is matched to its probe.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_listen s 8080
lab_delay r1 "$(lab_dev_right r1)" 50
pt_run icmp -I "$S"
pt_run udp -U "$S"
pt_run tcpopen -T -p 8080 "$S"
pt_run tcpclosed -T -p 8081 "$S"
for m in icmp udp tcpopen tcpclosed; do
	pt_verdict $m bottleneck 2 198.18.1.2
	assert_between "$(jq .verdict.added_ms "$(lab_file $m.json)")" 45 55 "$m: added_ms"
	assert_json "$(lab_file $m.json)" .stats.destination_ttl 4 "$m: destination at hop 4"
done
assert_json "$(lab_file udp.json)" .method udp "udp: method"
dest='[.hops[] | select(.ttl == 4)][0]'
assert_json_true "$(lab_file icmp.json)" "$dest | .answers[\"echo-reply\"] == .received" \
    "icmp: the destination answers echo replies"
assert_json_true "$(lab_file udp.json)" "$dest | .answers[\"port-unreachable\"] == .received" \
    "udp: the destination answers port unreachable"
# SYNs of one flow that reach an open port in a burst (the delay queues
# them) draw SYN-ACK for some and RST/ACK for the rest, each acknowledging
# its own probe: SYN-ACKs must be there, and nothing but the server's TCP.
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
pt_capture_ok tcpopen
lab_done
