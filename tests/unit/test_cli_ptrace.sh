#!/usr/bin/env bash
# ptrace-slow's command-line contract, without privileges: bad input
# gets exactly one line on stderr naming the problem and a documented,
# distinct exit status; -r on the book's tracert gives the JSON envelope
# and a healthy reading (exit 0); the lab's queue is a fault (exit 1),
# its unplaced loss inconclusive (exit 2).
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=${FL_BIN:-${B:-build}}/ptrace-slow
CAP=../shared/captures
FIX=tests/fixtures/ptrace
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
expect 64 "--both probes both families" -- --both -4 198.18.0.1
expect 64 "--both probes both families" -- --both -r x.pcap
expect 64 "unexpected argument" -- 198.18.0.1 198.18.0.2
# Names are looked up only after the raw socket is open and privileges
# are dropped (no DNS answer is parsed with privileges), so without root
# these runs stop at the privilege check.
if [ "$(id -u)" -eq 0 ]; then
	# A label of 70 characters cannot be a host name (RFC 1035 2.3.4).
	expect 64 "is not a host name" -- -n "$long"
	# IPv6 is probed (lab: t_ptrace_v6); here only what stops before a
	# probe is sent: the family asked for and the address given disagree.
	expect 64 "2001:2::1 is not an IPv4 address" -- -4 -n 2001:2::1
	expect 64 "198.18.0.1 is not an IPv6 address" -- -6 -n 198.18.0.1
else
	expect 77 "raw sockets need root" -- -n "$long"
	expect 77 "raw sockets need root" -- -n 2001:2::1
fi
expect 66 "cannot open /nonexistent" -- -r /nonexistent/x.pcap
expect 66 "is a directory" -- -r /tmp
expect 65 "not a capture file" -- -r Makefile
: >"$tmp/empty.pcap"
expect 65 "not a capture file" -- -r "$tmp/empty.pcap"
expect 65 "no traceroute among 3 frames: 3 TCP SYNs .*: connection attempts, not a traceroute" -- \
	-r "$CAP/ftpclientdenied.pcap"
expect 65 "no traceroute among 25 frames: 1 TCP SYN .*: a connection, not a traceroute" -- \
	-r "$CAP/http-fault-post.pcap"
expect 65 "no traceroute among 76 frames: no probes .* to that host" -- \
	-r "$CAP/icmp-tracert-slow.pcap" 198.18.9.9
if [ "$(id -u)" -ne 0 ]; then
	expect 77 "raw sockets need root or cap_net_raw" -- -n 198.18.0.1
fi

# --help and --version succeed and document every option.
"$BIN" --help >"$tmp/help" || fail "--help failed"
for o in -4 -6 --both -I -U -T -p -n -f -m -q -i -s -w -r --rounds --max-rounds --interval --wait --json; do
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

# The JSON envelope from the book's tracert: a healthy path, exit 0.
"$BIN" -n --json -r "$CAP/icmp-tracert-slow.pcap" >"$tmp/t.json"
rc=$?
[ "$rc" -eq 0 ] || fail "tracert: exit $rc, expected 0 (a healthy path)"
json=$tmp/t.json
check() {
	if jq -e "$1" "$json" >/dev/null; then
		ok "$1"
	else
		fail "$(basename "$json"): $1"
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
# The verdict: clean, on no hop; likely, as one pass of 3 probes per hop
# cannot rule out a queue that comes and goes.
check '.verdict.kind == "clean" and .verdict.hop == null and .verdict.address == null'
check '.verdict.link == null and .verdict.cause == null and .verdict.added_ms == null'
check '.verdict.capacity_kbps == null and .verdict.loss_pct == null and .verdict.significant == true'
check '.verdict.confidence == "likely" and (.verdict.confidence_reason | test("1 round, 3 answers"))'
check '.verdict.summary | test("spent mostly on the link from hop 7 \\(129.250.9.109\\) to hop 9 \\(129.250.4.197\\): \\+30.3 ms \\(39%\\), across an MPLS tunnel, then on the link from hop 9 \\(129.250.4.197\\) to hop 10 \\(129.250.5.35\\): \\+28.1 ms")'
# The latency budget: a link per answering hop (hop 1 is silent), the
# labelled hops 8 and 9 one tunnel, steps >= 0 adding up to hop 13's
# minimum, shares to 1.
check '.latency_budget | length == 11'
check '.latency_budget[0].from.ttl == 0 and .latency_budget[0].to.ttl == 2'
check '[.latency_budget[] | .added_ms >= 0] | all'
check '([.latency_budget[].added_ms] | add) as $s | [.hops[] | select(.ttl == 13)][0].rtt_ms.min as $m | ($s - $m | fabs) < 0.01'
check '([.latency_budget[].share] | add) - 1 | fabs < 0.01'
check '[.latency_budget[] | select(.tunnel == true)] | length == 1'
check '[.latency_budget[] | select(.to.ttl == 9)][0] | .from.ttl == 7 and .cause == "mpls-tunnel" and .added_ms > 28 and .added_ms < 32'
check '[.latency_budget[] | select(.to.ttl == 10)][0] | .cause == "distance" and .added_ms > 26 and .added_ms < 30 and .rounds == 1'
check '[.latency_budget[] | select(.to.ttl == 8)] | length == 0'
# Hops: per-hop loss as judged (lost, missing), the silent one, MPLS.
check '.hops[0].ttl == 1 and .hops[0].address == null and (.hops[0].flags | index("silent")) and .hops[0].lost == 3'
check '[.hops[] | select(.ttl > 1) | .lost == 0 and .missing == 0] | all'
check '[.hops[] | select(.ttl == 13)][0] | .rtt_ms.median > 77 and .rtt_ms.median < 80 and (.flags | index("destination"))'
check '[.hops[] | select(.ttl == 9)][0] | .rtt_ms.p25 != null and .reply_ttl == 246 and .mpls[0].label == 603760 and (.flags | index("mpls"))'
check '[.hops[] | .flags | index("fault")] | all(. == null)'
# Findings: the largest step named, the tool's timing, hop 1 only silent, no fault.
check '[.findings[] | select(.kind == "largest-step")] | length == 1'
check '[.findings[] | select(.kind == "largest-step")][0] | .hop == 9 and .link.from.ttl == 7 and .link.to.ttl == 9 and .cause == "mpls-tunnel"'
check '[.findings[] | select(.kind == "tool-timing")] | length == 1'
check '[.findings[] | select(.hop == 1)] | all(.kind == "silent")'
check '[.findings[] | select(.kind | test("^(queueing|lossy-link|slow-link|over-budget)$"))] | length == 0'
check '.stats.probes == 39 and .stats.replies == 36 and .stats.rounds == 1 and .stats.unplaced == 0 and .stats.destination_ttl == 13'
# The proof of a clean path: the destination's probes and replies.
check '[.evidence[].frame] | contains([71, 72, 75, 76])'
check '.evidence | all(.summary | length > 10)'

# The text report says the same in words.
"$BIN" -n -r "$CAP/icmp-tracert-slow.pcap" >"$tmp/t.txt"
grep -q "^Verdict: CLEAN$" "$tmp/t.txt" || fail "text verdict line"
grep -qE "^ +1 +\?\?\? .*silent" "$tmp/t.txt" || fail "text: hop 1 silent"
grep -q "not the network" "$tmp/t.txt" || fail "text: tool timing note"
grep -q "^Where the time goes" "$tmp/t.txt" || fail "text: no latency budget"
grep -qE "^  hop 7 +-> hop 9 +\+30\.27 ms +39%  mpls-tunnel$" "$tmp/t.txt" || fail "text: the tunnel's link"

# The real-world healthy tracert (11.6 ms, 0 loss): exit 0, the steps at hops 4-5 named.
"$BIN" -n --json -r "$CAP/real-world/icmp_traceroute.pcapng" >"$tmp/rw.json"
rc=$?
[ "$rc" -eq 0 ] || fail "real-world tracert: exit $rc, expected 0 (a healthy path)"
json=$tmp/rw.json
check '.verdict.kind == "clean" and .stats.destination_ttl == 9'
check '.verdict.summary | test("hop 3 \\(12.153.21.202\\) to hop 4 \\(12.86.61.157\\): \\+5.2 ms")'
check '.verdict.summary | test("then on the link from hop 4 \\(12.86.61.157\\) to hop 5 \\(12.122.133.110\\): \\+4.6 ms")'
check '[.hops[] | .lost] | add == 0'

# The lab's tbf queue on r2 -> r3: congested at hop 3, a fault, exit 1.
"$BIN" -n --json -r "$FIX/queue.pcap" >"$tmp/q.json"
rc=$?
[ "$rc" -eq 1 ] || fail "queue: exit $rc, expected 1 (a fault found)"
json=$tmp/q.json
check '.verdict.kind == "congested" and .verdict.hop == 3 and .verdict.address == "198.18.2.2"'
check '.verdict.link.from.ttl == 2 and .verdict.link.to.ttl == 3 and .verdict.cause == "queueing"'
check '.verdict.added_ms > 10 and .verdict.p_value < 0.01 and .verdict.significant == true'
check '.verdict.confidence == "likely" and (.verdict.confidence_reason | test("from the way back"))'
check '[.latency_budget[] | select(.to.ttl == 3)][0] | .cause == "queueing" and .queue_ms > 10 and .queue_p90_ms > .queue_ms and .rounds == 20'
check '[.hops[] | select(.ttl == 3)][0].flags | index("queueing") and index("fault")'
check '.stats.rounds == 20 and .stats.unplaced == 0'

# The lab's 25 % loss over 23 rounds: real, but not yet placed (0 of 23
# at hop 2 is chance at 17 %: p = 0.012): inconclusive, exit 2.
"$BIN" -n --json -r "$FIX/loss.pcap" >"$tmp/l.json"
rc=$?
[ "$rc" -eq 2 ] || fail "loss: exit $rc, expected 2 (inconclusive)"
json=$tmp/l.json
check '.verdict.kind == "inconclusive" and .verdict.hop == null and .verdict.confidence == "ambiguous"'
check '.verdict.summary == "The destination loses 17% of probes, but the samples do not yet show where the loss starts."'
check '.stats.rounds == 23 and .stats.unplaced == 1'
check '[.findings[] | select(.kind == "lossy-link")][0] | .located == false and .link.from.ttl == 2 and .link.to.ttl == 3 and .p_value < 0.01'
check '[.hops[] | [.ttl, .lost, .missing]] == [[1, 0, 0], [2, 0, 0], [3, 3, 0], [4, 4, 0]]'
# Round 1's probes past the destination: its reachability, not its statistics.
check '[.hops[] | select(.ttl == 4)][0] | .sent == 23 and .beyond_sent == 26 and .beyond_received > 0 and .beyond_received <= .beyond_sent'
check '[.hops[] | select(.beyond_sent != null)] | length == 1'

# The lab's rate-limited router: its withheld replies are missing, not lost.
"$BIN" -n --json -r "$FIX/ratelimit.pcap" >"$tmp/r.json"
rc=$?
[ "$rc" -eq 0 ] || fail "ratelimit: exit $rc, expected 0"
json=$tmp/r.json
check '[.hops[] | select(.ttl == 2)][0] | .received == 7 and .missing == 13 and .lost == 0 and .loss_pct == 0 and (.flags | index("rate-limited"))'

checks_end "ptrace-slow CLI"
