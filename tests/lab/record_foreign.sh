#!/bin/bash
# Records the captures in tests/fixtures/foreign/: Linux traceroute and mtr,
# each tracing the lab's slow path (50 ms one-way on r2 -> r3, so the
# bottleneck is hop 3, 198.18.2.2), captured by tcpdump or dumpcap on
# several link types and in pcap and pcapng.  ptrace-slow -r must read
# each the same way.  Not a test; run it by hand (root) to refresh them:
#   tests/lab/record_foreign.sh [OUT_DIR]
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"

O=${1:-$LAB_REPO/tests/fixtures/foreign}
mkdir -p "$O"
lab_init
lab_chain 3
lab_delay r2 "$(lab_dev_right r2)" 50
S=$(lab_server_addr)

# rec NAME CAPTURE-CMD... -- TOOL-CMD...: capture while the tool runs.
rec() {
	local name=$1 cap=() cp
	shift
	while [ "$1" != -- ]; do cap+=("$1"); shift; done
	shift
	ip netns exec "$(lab_ns c)" "${cap[@]}" >/dev/null 2>&1 &
	cp=$!
	sleep 1
	lab_exec c "$@" >"$O/$name.txt" 2>&1
	sleep 2
	kill -INT "$cp"
	wait "$cp"
	lab_log "$name: $(tail -n 1 "$O/$name.txt")"
}
T="tcpdump --immediate-mode -U -B 8192"
rec traceroute-udp-eth $T -i right -w "$O/traceroute-udp-eth.pcap" -- traceroute -n "$S"
rec traceroute-icmp-sll $T -i any -y LINUX_SLL -w "$O/traceroute-icmp-sll.pcap" -- traceroute -n -I "$S"
rec traceroute-tcp-sll2 $T -i any -y LINUX_SLL2 -w "$O/traceroute-tcp-sll2.pcap" -- traceroute -n -T -p 80 "$S"
rec mtr-icmp dumpcap -q -n -i right -w "$O/mtr-icmp.pcapng" -- mtr -r -n -c 5 "$S"
rec mtr-udp-eth $T -i right -w "$O/mtr-udp-eth.pcap" -- mtr -r -n -u -c 5 "$S"
rec mtr-tcp-eth $T -i right -w "$O/mtr-tcp-eth.pcap" -- mtr -r -n -T -P 80 -c 5 "$S"
# The same tools over IPv6 (the 50 ms step is hop 3, 2001:2:0:2::2).
S6=$(lab_server_addr6)
rec traceroute6-udp-eth $T -i right -w "$O/traceroute6-udp-eth.pcap" -- traceroute -6 -n "$S6"
rec traceroute6-icmp-eth $T -i right -w "$O/traceroute6-icmp-eth.pcap" -- traceroute -6 -n -I "$S6"
rec traceroute6-tcp-eth $T -i right -w "$O/traceroute6-tcp-eth.pcap" -- traceroute -6 -n -T -p 80 "$S6"
rec mtr6-icmp-eth $T -i right -w "$O/mtr6-icmp-eth.pcap" -- mtr -6 -r -n -c 5 "$S6"
rm -f "$O"/*.txt
lab_done
