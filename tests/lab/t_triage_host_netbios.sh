#!/bin/bash
# The book's third case: an application that hangs "because the network
# is slow".  The client sends NetBIOS name queries (UDP 137, from port
# 137, 3 to 6 of them, a random name each: triage_host_peer.py nbns) to a
# server that runs no NetBIOS, which answers ICMP port unreachable; the
# same server serves a web page at once (the network works).  Read as an
# application fault: server / udp-port-unreachable at the server, port
# 137, exit 1, "the application ... waits for NetBIOS name service ... on
# SERVER, which does not offer it", the network not at fault: no finding
# of the path or a router.
. "$(dirname "$0")/triage_host_common.sh"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	web=$(tr_rand 20000 29999) n=$(tr_rand 3 6)
	tr_peer s "web$run" serve "$web" "$(tr_rand 1000 20000)" 0
	web_pid=$TR_PEER_PID
	tr_capture c right "nb$run"
	lab_exec c curl -s -o /dev/null --max-time 10 "http://$S:$web/index.html" ||
	    lab_fail "nb$run: the web page did not come"
	th_peer c nbns "$S" "$n" "$(tr_rand 300 800)"
	tr_capture_end
	tr_read "nb$run"
	th_expect "nb$run" server udp-port-unreachable 1 "(.verdict.address == \"$S\") and
	    ([.findings[] | select(.kind == \"udp-port-unreachable\" and .port == 137 and
	    .count == $n and (.summary | contains(\"waits for NetBIOS name service (UDP port 137) on $S, which does not offer it\")) and
	    (.summary | contains(\"network is not at fault\")))] | length == 1)"
	tr_has "nb$run" '[.findings[] | select(.fault == "path" or .who == "router")] | length == 0' \
	    "nothing blamed on the path"
	tr_has "nb$run" '[.connections[] | .outcome == "established"] | all' "the web page came"
	lab_stop_pid "$web_pid"
done
tr_summary host-netbios
lab_done
