#!/bin/bash
# Healthy busy captures: at once, web pages (3 to 6 GETs of 1 to 20 KB),
# DNS (2 to 5 names drawn afresh, A and AAAA, answered by the resolver on
# the server's address; the AAAA answers empty, as is normal), a mail
# through an SMTP server and a download (1 to 4 MB), each service on a
# port drawn afresh: no fault, exit 0, every connection established.
. "$(dirname "$0")/triage_common.sh"
command -v dig >/dev/null || lab_die "dig missing (apt-get install -y dnsutils)"
tr_setup
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	web=$(tr_rand 20000 29999) big=$(tr_rand 30000 39999) mail=$(tr_rand 40000 49999)
	tr_peer s "web$run" serve "$web" "$(tr_rand 1000 20000)" 0
	web_pid=$TR_PEER_PID
	tr_peer s "big$run" serve "$big" "$(tr_rand 1000000 4000000)" 0
	big_pid=$TR_PEER_PID
	tr_peer s "smtp$run" smtp "$mail"
	smtp_pid=$TR_PEER_PID
	names=() pairs=()
	for i in $(seq "$(tr_rand 2 5)"); do
		names+=("www$(tr_rand 1 9999).site$i.lab.test")
		pairs+=("${names[-1]}=198.18.2.$(tr_rand 10 250)")
	done
	tr_dns s answer "${pairs[@]}"
	tr_capture c right "ok$run"
	(
		for n in "${names[@]}"; do
			lab_exec c dig +tries=2 +time=2 @"$S" "$n" A >/dev/null 2>&1
			lab_exec c dig +tries=2 +time=2 @"$S" "$n" AAAA >/dev/null 2>&1
		done
	) &
	dns=$!
	(
		for i in $(seq "$(tr_rand 3 6)"); do
			lab_exec c curl -s -o /dev/null --max-time 10 "http://$S:$web/page$i.html"
		done
	) &
	pages=$!
	lab_exec c curl -s -o /dev/null --max-time 20 "http://$S:$big/file$run.iso" &
	dl=$!
	tr_client c mail "$S" "$mail"
	wait "$dns" "$pages" "$dl"
	tr_capture_end
	tr_read "ok$run"
	tr_expect_or_dropped "ok$run" none no-fault "" '[.connections[] | .outcome == "established"] | all'
	tr_has "ok$run" "(.dns.answered >= ${#names[@]}) and .dns.servfail == 0 and .dns.unanswered == 0" \
	    "the DNS queries are answered"
	# The download, 1 MB at least: the bytes the capture saw and those it
	# says it missed (acknowledged, never captured: a busy host's tcpdump
	# can miss hundreds of KB in one gap).  When tcpdump says it dropped
	# packets, what it dropped may include the ACKs that would show it:
	# then the download need only be there.
	if [ "$(tr_capture_drops "ok$run")" -gt 0 ]; then
		want=0
	else
		want=1000000
	fi
	tr_has "ok$run" "[.connections[] | select(.bytes_to_client + 0 > 0)] as \$c |
	    ([\$c[] | select(.bytes_to_client > 100000)] | length == 1) and
	    ([\$c[] | .bytes_to_client] | add) + .capture_defects.bytes_acked_not_captured >= $want" \
	    "the download is there"
	lab_stop_pid "$web_pid"
	lab_stop_pid "$big_pid"
	lab_stop_pid "$smtp_pid"
	lab_stop_pid "$TR_DNS_PID"
done
tr_summary healthy-busy
lab_done
