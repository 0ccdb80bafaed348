#!/bin/bash
# An application that waits for a UDP service that never answers, while
# the rest of the network answers in time (issue 15): the client asks NTP
# of the server 3 to 6 times (triage_host_peer.py ntp, a fresh port each,
# 400 to 900 ms apart), and the server's firewall drops UDP 123 without a
# word (no ICMP); the same server serves a web page at once.  Read as the
# server's: server / udp-no-answer at the server, port 123, exit 1, "waits
# for NTP (UDP port 123) on SERVER, which does not answer", nothing blamed
# on the path.  The healthy variant in the same run: the server runs an
# NTP responder and answers every request; no udp-no-answer, exit 0.
. "$(dirname "$0")/triage_host_common.sh"
tr_setup
healthy_right=0
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	web=$(tr_rand 20000 29999) n=$(tr_rand 3 6) gap=$(tr_rand 400 900)
	tr_peer s "web$run" serve "$web" "$(tr_rand 1000 20000)" 0
	web_pid=$TR_PEER_PID

	# The fault: UDP 123 dropped on the server, silently.
	lab_exec s iptables -I INPUT -p udp --dport 123 -j DROP
	tr_capture c right "mute$run"
	lab_exec c curl -s -o /dev/null --max-time 10 "http://$S:$web/index.html" ||
	    lab_fail "mute$run: the web page did not come"
	th_peer c ntp "$S" "$n" "$gap"
	tr_capture_end
	lab_exec s iptables -D INPUT -p udp --dport 123 -j DROP
	grep -q "answered 0" "$(lab_file th.out)" ||
	    lab_fail "mute$run: the dropped NTP requests were answered: $(cat "$(lab_file th.out)")"
	tr_read "mute$run"
	th_expect "mute$run" server udp-no-answer 1 "(.verdict.address == \"$S\") and
	    ([.findings[] | select(.kind == \"udp-no-answer\" and .port == 123 and
	    .figures.requests == $n and
	    (.summary | contains(\"waits for NTP (UDP port 123) on $S, which does not answer\")))] |
	    length == 1)"
	tr_has "mute$run" '[.findings[] | select(.fault == "path" or .who == "router")] | length == 0' \
	    "nothing blamed on the path"

	# Healthy: the same requests, answered.
	lab_bg s "ntpd$run" $TH_PEER ntpd 60
	ntpd_pid=$LAB_LAST_PID
	lab_wait_until 10 "the NTP responder in s to answer" \
	    eval "th_peer c ntp $S 1 300 && grep -q 'answered 1' $(lab_file th.out)" ||
	    lab_die "the NTP responder did not start"
	tr_capture c right "ntp$run"
	lab_exec c curl -s -o /dev/null --max-time 10 "http://$S:$web/index.html" ||
	    lab_fail "ntp$run: the web page did not come"
	th_peer c ntp "$S" "$n" "$gap"
	tr_capture_end
	grep -q "answered $n" "$(lab_file th.out)" ||
	    lab_fail "ntp$run: not every NTP request was answered: $(cat "$(lab_file th.out)")"
	tr_read "ntp$run"
	before=$TR_RIGHT
	tr_expect "ntp$run" none no-fault "" '[.findings[] | select(.kind == "udp-no-answer")] | length == 0'
	healthy_right=$((healthy_right + TR_RIGHT - before))
	TR_RIGHT=$before
	lab_stop_pid "$ntpd_pid"
	lab_stop_pid "$web_pid"
done
tr_summary host-udp-silent
TR_RIGHT=$healthy_right
tr_summary host-udp-answered
lab_done
