#!/bin/bash
# The client's gateway (r1, at an address drawn afresh) no longer answers
# ARP: the client's pings to the server never leave, the capture holds ARP
# requests only: client / arp-unanswered at the gateway's address.  The
# number of pings and how long the capture goes on after them are drawn
# afresh too.
. "$(dirname "$0")/triage_common.sh"
tr_setup
lab_dead_gateway c
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	lab_exec c ip neigh flush dev right
	tr_capture c right "gw$run" arp or ip
	lab_exec c ping -n -q -c "$(tr_rand 2 4)" -i 0.5 -W 1 "$S" >/dev/null 2>&1
	sleep "$(tr_randsec 0.5 1.5)"
	tr_capture_end
	tr_read "gw$run"
	tr_expect "gw$run" client arp-unanswered "$GW"
	tr_has "gw$run" "[.findings[] | select(.kind == \"arp-unanswered\") | .summary |
	    contains(\"$C asks for $GW\")] | any" "the asker and the address asked are named"
done
tr_summary dead-gateway
lab_done
