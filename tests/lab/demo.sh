#!/bin/bash
# make demo: ptrace-slow twice on a small network built in namespaces, then
# torn down.  The network has what makes mtr users open wrong tickets: a
# long WAN link (r2 - r3, 20 ms each way: distance), r1 slow to answer
# traceroute (its CPU delays its own ICMP by 60 ms), and the kernel's
# default ICMP rate limits on every router.  Run 1 on it as it is: a
# healthy path, the false alarm refused (clean, exit 0, the 40 ms named as
# distance, r1 not blamed).  Then the link r1 -> r2 is squeezed to 4 Mbit/s
# under a bursty 8 Mbit/s load: run 2 names the congested link (exit 1) and
# writes the report a manager reads (--report, with
# tests/lab/demo-owners.txt saying who runs which addresses).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"

out=${DEMO_OUT:-$LAB_REPO/build/demo}
mkdir -p "$out"
lab_init >/dev/null
lab_chain 3 >/dev/null
lab_link_delay 2 20 >/dev/null
lab_icmp_delay r1 60 >/dev/null
lab_ratelimit_default_all >/dev/null
S=$(lab_server_addr)
H2=$(lab_hop_addr 2)
cat <<TXT

Demo network (network namespaces on this machine):

  this host 198.18.0.1 -- r1 -- r2 ===== r3 -- server $S
                          |       20 ms each way (a long WAN link)
                          r1 answers traceroute 60 ms late (busy CPU)

1. The path as it is.  mtr would show 60 ms at hop 1 and 40 ms more at
   hop 3; neither is a fault.

Running: ptrace-slow -n -w $out/healthy.pcap $S

TXT
rm -f "$out/demo-report.html"
lab_exec c "$(lab_bin ptrace-slow)" -n -w "$out/healthy.pcap" "$S"
rc1=$?
lab_exec c "$(lab_bin ptrace-slow)" -n --json -r "$out/healthy.pcap" >"$out/healthy.json"
echo
echo "ptrace-slow exited $rc1 (0 = no fault: distance and a slow-to-answer router are not faults)."

lab_tbf r1 "$(lab_dev_right r1)" 4mbit >/dev/null
lab_blast r1 "$S" 8000 60 >/dev/null
lab_wait_loaded r1 "$(lab_dev_right r1)" 2 >/dev/null ||
	lab_die "the load never filled r1's link"
cat <<TXT

2. Now r1 -> r2 ($H2) carries 4 Mbit/s under a bursty 8 Mbit/s load:
   a congested link.

Running: ptrace-slow -n -w $out/demo.pcap --report $out/demo-report.html \\
             --owners tests/lab/demo-owners.txt $S

TXT
lab_exec c "$(lab_bin ptrace-slow)" -n -w "$out/demo.pcap" --report "$out/demo-report.html" \
    --owners "$LAB_REPO/tests/lab/demo-owners.txt" "$S"
rc2=$?
lab_exec c "$(lab_bin ptrace-slow)" -n --json -r "$out/demo.pcap" >"$out/demo.json"
echo
echo "Captures: $out/healthy.pcap, $out/demo.pcap (open them in Wireshark);"
echo "JSON: $out/healthy.json, $out/demo.json"
echo "ptrace-slow exited $rc1, then $rc2 (1 = a fault was found); the demo network is torn down."
[ -s "$out/demo-report.html" ] || { echo "demo: no report was written" >&2; exit 1; }
echo
echo "Report for a manager: $out/demo-report.html"
[ "$rc1" -eq 0 ] && [ "$rc2" -eq 1 ]
