#!/bin/bash
# make demo: ptrace-slow on a small network built in namespaces, then torn
# down.  The link r2 -> r3 is slow (40 ms each way: a long WAN link), and
# r1 is slow to answer traceroute (its CPU delays its own ICMP by 60 ms):
# the hop mtr users would blame, and the one that is innocent.  Ends by
# writing the report a manager reads (--report, with tests/lab/demo-owners.txt
# saying who runs which addresses) and printing its path.
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"

out=${DEMO_OUT:-$LAB_REPO/build/demo}
mkdir -p "$out"
lab_init >/dev/null
lab_chain 3 >/dev/null
lab_delay r2 "$(lab_dev_right r2)" 40 >/dev/null
lab_icmp_delay r1 60 >/dev/null
S=$(lab_server_addr)
cat <<TXT

Demo network (network namespaces on this machine):

  this host 198.18.0.1 -- r1 -- r2 ==slow== r3 -- server $S
                          |          40 ms each way on r2 -> r3
                          r1 answers traceroute 60 ms late (busy CPU)

Running: ptrace-slow -n -w $out/demo.pcap --report $out/demo-report.html \
             --owners tests/lab/demo-owners.txt $S

TXT
rm -f "$out/demo-report.html"
lab_exec c "$(lab_bin ptrace-slow)" -n -w "$out/demo.pcap" --report "$out/demo-report.html" \
    --owners "$LAB_REPO/tests/lab/demo-owners.txt" "$S"
rc=$?
lab_exec c "$(lab_bin ptrace-slow)" -n --json -r "$out/demo.pcap" >"$out/demo.json"
echo
echo "Capture: $out/demo.pcap (open it in Wireshark); JSON: $out/demo.json"
echo "ptrace-slow exited $rc (1 = a fault was found); the demo network is torn down."
[ -s "$out/demo-report.html" ] || { echo "demo: no report was written" >&2; exit 1; }
echo
echo "Report for a manager: $out/demo-report.html"
[ "$rc" -eq 1 ]
