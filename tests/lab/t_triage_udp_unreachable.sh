#!/bin/bash
# UDP to a port of the server where nothing listens (drawn afresh, as the
# number of datagrams): the server answers ICMP port unreachable; server /
# udp-port-unreachable at the server's address and that port.
. "$(dirname "$0")/triage_common.sh"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	port=$(tr_rand 1000 30000)
	tr_capture c right "udp$run"
	tr_client c udp "$S" "$port" "$(tr_rand 2 4)"
	tr_capture_end
	tr_read "udp$run"
	tr_expect "udp$run" server udp-port-unreachable "$S"
	tr_has "udp$run" "[.findings[] | select(.kind == \"udp-port-unreachable\") | .port == $port] | any" \
	    "the port is $port"
done
tr_summary udp-port-unreachable
lab_done
