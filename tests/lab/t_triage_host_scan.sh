#!/bin/bash
# A port scan of this host from outside: nmap -sS from the server's node
# (the run's address) over 100-300 ports of the client (a range drawn
# afresh), one of which listens.  Read: port-scan from that source with
# its SYNs, duration and rate; the listening port open and exposed to
# the outsider: suspect-host, no fault, exit 0.
# Then this host sweeps: nmap -sS to TCP port 445 of 100-250 addresses of
# 198.18.3.0/24, which r1 drops without a word (a blackhole route), as a
# worm probes its neighbours.  Read: address-sweep by this host, a
# warning of the host layer, the verdict suspect-host naming the sweep,
# exit 0; its unanswered SYNs are not read as faults one by one.
. "$(dirname "$0")/triage_host_common.sh"
command -v nmap >/dev/null || lab_die "nmap missing (apt-get install -y nmap)"
tr_setup
lab_exec r1 ip route replace blackhole 198.18.3.0/24
sweep_right=0
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	lo=$(tr_rand 20000 29000) n=$(tr_rand 100 300)
	hi=$((lo + n - 1)) open=$((lo + $(tr_rand 0 $((n - 1)))))
	tr_peer c "listen$run" sink "$open"
	listen=$TR_PEER_PID
	tr_capture c right "scan$run"
	# Every probe is answered within a millisecond here, so nmap's own
	# timeout shrinks to its 100 ms floor; with --max-retries 0 a SYN-ACK
	# delayed by a stalled machine would be taken for a filtered port.
	lab_exec s timeout 30 nmap -n -Pn -sS -S "$S" -e left --max-retries 0 --min-rtt-timeout 500ms \
	    -p "$lo-$hi" "$C" >"$(lab_file "nmap$run.out")" 2>&1 ||
	    { lab_fail "scan$run: nmap failed"; lab_show "nmap$run.out"; }
	grep -q "^$open/tcp *open" "$(lab_file "nmap$run.out")" || {
		lab_fail "scan$run: nmap did not find $open open"
		lab_show "nmap$run.out"
	}
	tr_capture_end
	tr_read "scan$run"
	# nmap sends each port once (--max-retries 0); a busy host's capture
	# may miss a few SYNs (CI saw 254 of 294): four fifths must be there.
	th_expect "scan$run" none suspect-host 0 "[.findings[] | select(.kind == \"port-scan\" and
	    .address == \"$S\" and .figures.targets >= $n * 0.8 and .figures.syns >= $n * 0.8 and
	    .figures.rate_per_s > 0 and .figures.duration_s >= 0 and .figures.open == 1)] | length == 1"
	tr_has "scan$run" "[.host.exposed[] | .port == $open] | any" "port $open exposed"
	lab_stop_pid "$listen"

	hosts=$(tr_rand 100 250)
	tr_capture c right "sweep$run"
	# From the run's address: nmap picks the interface's first address
	# (198.18.0.1), not the route's src, unless told (-S), as for the scan.
	lab_exec c timeout 60 nmap -n -Pn -sS -S "$C" -e right --max-retries 0 -p 445 "198.18.3.1-$hosts" \
	    >"$(lab_file "nmap$run.sweep")" 2>&1 || { lab_fail "sweep$run: nmap failed"; lab_show "nmap$run.sweep"; }
	tr_capture_end
	tr_read "sweep$run"
	before=$TR_RIGHT
	th_expect "sweep$run" none suspect-host 0 "([.findings[] | select(.kind == \"address-sweep\" and
	    .severity == \"warning\" and .address == \"$C\" and .port == 445 and
	    .figures.addresses >= $hosts * 0.8 and .figures.addresses <= $hosts * 1.1)] | length == 1) and
	    (.verdict.summary | contains(\"port 445\")) and
	    ([.findings[] | select(.severity == \"fault\")] | length == 0)"
	sweep_right=$((sweep_right + TR_RIGHT - before))
	TR_RIGHT=$before
done
tr_summary host-scan
TR_RIGHT=$sweep_right
tr_summary host-sweep
lab_done
