#!/usr/bin/env bash
# ptrace-slow -r reads only traceroutes (issue 11, acceptance 5): every
# link type libpcap hands over that carries IP gives the same reading as
# the Ethernet original; an unsupported link type is named; scans,
# floods, pings and fingerprinting probes are refused with one line
# saying what the capture holds instead; and in -r mode the options
# are what the capture held (rounds, probes per hop, TTLs, method).
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=${FL_BIN:-${B:-build}}/ptrace-slow
CAP=../shared/captures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh
checks_need jq python3
checks_built

RELINK=tests/unit/relink.py

# The reading of a capture, as one line: kind, hops, destination, method,
# queries, rounds, and the destination's answers.
reading() {
	"$BIN" -n --json -r "$1" | jq -r '[.verdict.kind, (.hops | length),
	    (.hops[-1].address // "-"), .options.method, .options.queries, .options.rounds,
	    (.hops[-1].received // 0)] | map(tostring) | join(" ")'
}

# 1. Link types: each relinked copy reads exactly as the Ethernet original.
for src in udp tcpopen clean; do
	want=$(reading "tests/fixtures/ptrace/$src.pcap")
	case $want in
	"clean 4 198.18.3.2 "*) ok "$src.pcap (Ethernet) reads: $want" ;;
	*) fail "$src.pcap (Ethernet) reads '$want', expected a clean 4-hop path" ;;
	esac
	for kind in ppp ppp-nocomp hdlc ppp-dir pppoe pppoe-bare vlan qinq mpls sll raw loop null; do
		python3 "$RELINK" "tests/fixtures/ptrace/$src.pcap" "$tmp/$kind.pcap" "$kind" ||
			{ fail "relink $src $kind"; continue; }
		got=$(reading "$tmp/$kind.pcap")
		if [ "$got" = "$want" ]; then
			ok "$src over $kind reads as over Ethernet"
		else
			fail "$src over $kind: '$got', expected '$want'"
		fi
	done
done

# 2. A link type that carries no IP this reader knows is named.
python3 "$RELINK" tests/fixtures/ptrace/udp.pcap "$tmp/wifi.pcap" ieee80211
expect 65 "wifi.pcap: link type IEEE802_11 \(105\) is not one ptrace-slow reads" -- \
	-n -r "$tmp/wifi.pcap"

# 3. Not traceroutes: refused with what they are.
python3 "$RELINK" --scan "$tmp/scan.pcap" random-ttl
python3 "$RELINK" --scan "$tmp/inbound.pcap" inbound
python3 "$RELINK" --scan "$tmp/osfp.pcap" fingerprint
python3 "$RELINK" --scan "$tmp/flood.pcap" flood
expect 65 "synscan.pcapng: no traceroute among 2011 frames: 1994 TCP SYNs from 172.16.0.8 to 64.13.134.52 on 1000 ports, with TTLs scattered between 37 and 59, not climbing: a port scan, not a traceroute" -- \
	-n -r "$CAP/real-world/synscan.pcapng"
expect 65 "400 TCP SYNs .* on 344 ports, .*scattered between 37 and 64.*: a port scan, not a traceroute" -- \
	-n -r "$tmp/scan.pcap"
expect 65 "200 TCP SYNs from 198.18.9.9 to 198.18.0.1 .*not a traceroute" -- -n -r "$tmp/inbound.pcap"
expect 65 "12 TCP SYNs .*scattered between 39 and 61.*OS fingerprinting\), not a traceroute" -- \
	-n -r "$tmp/osfp.pcap"
expect 65 "2000 ICMP echo requests .*, all with TTL 64: a flood, not a traceroute" -- \
	-n -r "$tmp/flood.pcap"
expect 65 "3 ICMP echo requests from 10.2.10.2 to 10.4.88.88, all with TTL 32: a ping, not a traceroute" -- \
	-n -r "$CAP/real-world/destunreachable.pcap"
expect 65 "1 TCP SYN from 172.16.16.128 to 74.125.95.104, all with TTL 128: a connection, not a traceroute" -- \
	-n -r "$CAP/http_google.pcapng"
expect 65 "4 UDP datagrams from 192.168.0.122 to 192.168.0.255, all with TTL 128: ordinary datagrams, not a traceroute" -- \
	-n -r "$CAP/real-world/bethscomputer.pcap"
expect 65 "no traceroute among .*: no probes \(ICMP echo requests, UDP datagrams or TCP SYNs\)" -- \
	-n -r "$CAP/real-world/tcp_zerowindowdead.pcapng"

# 4. The book's and the real-world traceroutes read as their READMEs say.
"$BIN" -n --json -r "$CAP/icmp-tracert-slow.pcap" >"$tmp/t.json"
rc=$?
check() {	# WHAT JQ
	if jq -e "$2" "$tmp/t.json" >/dev/null; then ok "$1: $2"; else fail "$1: $2"; fi
}
[ "$rc" -eq 0 ] && ok "tracert: exit 0 (no fault)" || fail "tracert: exit $rc, expected 0"
check tracert '.verdict.kind == "clean" and (.hops | length) == 13'
check tracert '.hops[0].flags | index("silent")'
check tracert '[.findings[] | select(.kind == "tool-timing")] | length == 1'
# The capture held 3 probes per hop in one pass (tracert), not our defaults.
check tracert '.options.queries == 3 and .options.rounds == 1 and .options.from_capture == true'
check tracert '.options.first_ttl == 1 and .options.max_ttl == 13 and .options.method == "icmp"'
check tracert '(.options | has("max_rounds") | not) and (.options | has("interval_s") | not)'
check tracert '.verdict.confidence != "certain"'
"$BIN" -n --json -r "$CAP/real-world/icmp_traceroute.pcapng" >"$tmp/t.json"
rc=$?
[ "$rc" -eq 0 ] && ok "icmp_traceroute: exit 0 (healthy)" || fail "icmp_traceroute: exit $rc, expected 0"
check icmp_traceroute '.verdict.kind == "clean" and (.hops | length) == 9'
check icmp_traceroute '.verdict.summary | test("hop 3 \\(12.153.21.202\\) to hop 4") and test("hop 4 \\(12.86.61.157\\) to hop 5")'
check icmp_traceroute '.options.queries == 3 and .options.rounds == 1'
# Minima of three answers on a jittery path: a size slope that falls at the near end is noise, not a slow link.
"$BIN" -n --json -r tests/fixtures/ptrace/jitter_sizes.pcap >"$tmp/j.json"
jq -e '.verdict.kind == "clean" and ([.findings[] | select(.kind == "slow-link")] | length == 0)' "$tmp/j.json" >/dev/null &&
    ok "jitter_sizes: clean, no slow link" ||
    fail "jitter_sizes: $(jq -c '[.verdict.kind, .verdict.hop, .verdict.cause]' "$tmp/j.json")"
# Each figure with its 95 % interval: the median's brackets it, and 0 of 3 lost is 0 to 56 %.
check icmp_traceroute '[.hops[] | select(.received > 0) | .rtt_ms | .median_ci[0] <= .median and .median <= .median_ci[1]] | all'
check icmp_traceroute '.hops[-1].loss_ci_pct[0] == 0 and ((.hops[-1].loss_ci_pct[1] - 56.15) | fabs) < 0.01'
"$BIN" -n -r "$CAP/real-world/icmp_traceroute.pcapng" >"$tmp/t.txt" 2>&1
grep -qF 'The destination: median 11.6 ms (95 % interval 11.6 to 12.4), loss 0.0% (95 % interval 0.0 to 56.1%) over 3 probes.' "$tmp/t.txt" &&
    ok "icmp_traceroute: the text gives the destination's intervals" ||
    fail "icmp_traceroute: the text lacks the destination's intervals: $(grep -F 'The destination:' "$tmp/t.txt")"
check icmp_traceroute '.verdict.confidence != "certain"'
check icmp_traceroute '[.findings[] | select(.kind == "lossy-link" or .kind == "congested" or .kind == "slow-link")] | length == 0'

checks_end "ptrace-slow -r"
