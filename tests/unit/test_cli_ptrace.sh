#!/usr/bin/env bash
# ptrace-slow's command-line contract, without privileges: bad input
# gets exactly one line on stderr naming the problem and a documented,
# distinct exit status; -r on the book's tracert gives the JSON envelope.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=${FL_BIN:-build}/ptrace-slow
CAP=../shared/captures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh

# expect STATUS PATTERN -- args...: exit status, one stderr line matching PATTERN

long=$(printf 'a%.0s' $(seq 70)).example

expect 64 "host to trace is required" --
expect 64 "-m: 'abc' is not a whole number" -- -m abc 198.18.0.1
expect 64 "-q: 0 is out of range" -- -q 0 198.18.0.1
expect 64 "-p: 70000 is out of range" -- -U -p 70000 198.18.0.1
expect 64 "-p applies to UDP" -- -p 80 198.18.0.1
expect 64 "--interval: 'nan' is not a number" -- --interval nan 198.18.0.1
expect 64 "--wait: expected MAX" -- --wait 1,2 198.18.0.1
expect 64 "-f 9 is beyond -m 5" -- -f 9 -m 5 198.18.0.1
expect 64 "unknown option" -- --frobnicate 198.18.0.1
expect 64 "needs an argument" -- 198.18.0.1 -m
expect 64 "-r and -w cannot be used together" -- -r x.pcap -w y.pcap
expect 64 "unexpected argument" -- 198.18.0.1 198.18.0.2
# Names are looked up only after the raw socket is open and privileges
# are dropped (no DNS answer is parsed with privileges), so without root
# these runs stop at the privilege check.
if [ "$(id -u)" -eq 0 ]; then
	# A label of 70 characters cannot be a host name (RFC 1035 2.3.4).
	expect 64 "is not a host name" -- -n "$long"
	expect 69 "IPv6 is not supported yet" -- -n 2001:2::1
else
	expect 77 "raw sockets need root" -- -n "$long"
	expect 77 "raw sockets need root" -- -n 2001:2::1
fi
expect 66 "cannot open /nonexistent" -- -r /nonexistent/x.pcap
expect 66 "is a directory" -- -r /tmp
expect 65 "not a capture file" -- -r Makefile
: >"$tmp/empty.pcap"
expect 65 "not a capture file" -- -r "$tmp/empty.pcap"
expect 65 "no traceroute found" -- -r "$CAP/ftpclientdenied.pcap"
expect 65 "no traceroute found" -- -r "$CAP/http-fault-post.pcap"
expect 65 "no traceroute found .*198.18.9.9" -- -r "$CAP/icmp-tracert-slow.pcap" 198.18.9.9
if [ "$(id -u)" -ne 0 ]; then
	expect 77 "raw sockets need root or cap_net_raw" -- -n 198.18.0.1
fi

# --help and --version succeed and document every option.
"$BIN" --help >"$tmp/help" || fail "--help failed"
for o in -I -U -T -p -n -f -m -q -i -s -w -r --rounds --max-rounds --interval --wait --json; do
	grep -qe "$o" "$tmp/help" || fail "--help does not mention $o"
done
"$BIN" --version | grep -qE '^ptrace-slow [0-9]+\.[0-9]+' || fail "--version"

# A capture cut inside a packet: analysed, and the cut is reported.
head -c 5000 "$CAP/icmp-tracert-slow.pcap" >"$tmp/cut.pcap"
"$BIN" -n -r "$tmp/cut.pcap" >"$tmp/out" 2>"$tmp/err"
rc=$?
grep -q "ends inside a packet" "$tmp/out" || fail "cut capture: no warning (rc $rc)"
"$BIN" -n --json -r "$tmp/cut.pcap" | jq -e '.capture.file_cut_short == true and (.hops | length) >= 5' >/dev/null ||
	fail "cut capture: JSON does not say so"

# The JSON envelope from the book's tracert.
"$BIN" -n --json -r "$CAP/icmp-tracert-slow.pcap" >"$tmp/t.json"
rc=$?
[ "$rc" -eq 1 ] || fail "tracert: exit $rc, expected 1 (a fault found)"
check() {
	if jq -e "$1" "$tmp/t.json" >/dev/null; then
		ok "$1"
	else
		fail "tracert JSON: $1"
	fi
}
check '.tool == "ptrace-slow" and (.version | test("^[0-9]+\\.[0-9]+"))'
check '.started_at == "2005-01-23T22:53:56.936Z"'
check '.source.address == "24.6.126.218"'
check '.capture.file | endswith("icmp-tracert-slow.pcap")'
check '.capture.sha256 == "94487d008475aefaf5413fa6d1749a2d84d9041c2caeb3f351d03bd57dc5e903"'
check '.capture.frames == 76'
check '.options.read | endswith("icmp-tracert-slow.pcap")'
check '.target.address == "198.173.244.32" and .method == "icmp"'
check '.verdict.kind == "bottleneck" and .verdict.hop == 9 and .verdict.address == "129.250.4.197"'
check '.verdict.link.from.ttl == 8 and .verdict.link.to.ttl == 9 and .verdict.cause == "fixed-delay"'
check '.verdict.added_ms > 26 and .verdict.added_ms < 32 and (.verdict.summary | length) > 20'
check '.hops[0].ttl == 1 and .hops[0].address == null and (.hops[0].flags | index("silent"))'
check '[.hops[] | select(.ttl == 13)][0] | .rtt_ms.median > 77 and .rtt_ms.median < 80 and (.flags | index("destination"))'
check '[.hops[] | select(.ttl == 9)][0] | .rtt_ms.p25 != null and .reply_ttl == 246 and .mpls[0].label == 603760'
check '[.findings[] | select(.kind == "latency-rise" and .hop == 10 and .cause == "fixed-delay")] | length == 1'
check '[.findings[] | select(.kind == "tool-timing")] | length == 1'
check '[.findings[] | select(.hop == 1)] | all(.kind == "silent")'
check '[.evidence[].frame] | contains([46, 47])'
check '.evidence | all(.summary | length > 10)'

# The text report says the same in words.
"$BIN" -n -r "$CAP/icmp-tracert-slow.pcap" >"$tmp/t.txt"
grep -q "Verdict: BOTTLENECK at hop 9 (129.250.4.197)" "$tmp/t.txt" || fail "text verdict line"
grep -qE "^ +1 +\?\?\? .*silent" "$tmp/t.txt" || fail "text: hop 1 silent"
grep -q "not the network" "$tmp/t.txt" || fail "text: tool timing note"

checks_end "ptrace-slow CLI"
