#!/usr/bin/env bash
# synprobe's command-line contract without privileges: one-line errors
# with distinct statuses, and the two-sided reading of the book's FTP
# captures in JSON and in words.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=${FL_BIN:-${B:-build}}/synprobe
CAP=../shared/captures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh


expect 64 "host:port is required" --
expect 64 "has no port" -- 198.18.0.1
expect 64 "port: 'x' is not a whole number" -- 198.18.0.1:x
expect 64 "port: 0 is out of range" -- 198.18.0.1:0
expect 64 "port: 65536 is out of range" -- 198.18.0.1:65536
expect 64 "has no host" -- :21
expect 64 "put an IPv6 address in brackets" -- 2001:2::1:21
expect 64 "is not \[address\]:port" -- "[2001:2::1]21"
expect 64 "--attempts: 0 is out of range" -- --attempts 0 198.18.0.1:21
expect 64 "--wait: expected min,max" -- --wait 1 198.18.0.1:21
expect 64 "--wait: min 3 is above max 1" -- --wait 3,1 198.18.0.1:21
expect 64 "--ftp-login: expected user:password" -- --ftp-login alice 198.18.0.1:21
expect 64 "--server-capture goes with -r" -- --server-capture x.pcap 198.18.0.1:21
expect 64 "-r and -w cannot be used together" -- -r a.pcap -w b.pcap
expect 64 "unknown option" -- --frobnicate 198.18.0.1:21
expect 66 "cannot open /nonexistent" -- -r /nonexistent/x.pcap
expect 65 "not a capture file" -- -r Makefile
expect 65 "no TCP SYN found" -- -r "$CAP/icmp-tracert-slow.pcap"
if [ "$(id -u)" -eq 0 ]; then
	# IPv6 is probed (lab: t_syn_v6); here only what stops before a
	# probe is sent: the family asked for and the address given disagree.
	expect 64 "2001:2::1 is not an IPv4 address" -- -4 -n "[2001:2::1]:21"
	expect 64 "198.18.0.1 is not an IPv6 address" -- -6 -n 198.18.0.1:21
else
	expect 77 "raw sockets need root" -- -n "[2001:2::1]:21"
fi

"$BIN" --help >"$tmp/help" || fail "--help"
for o in -4 -6 -n -i -s -w -r --server-capture --control-port --attempts -m --wait --banner \
    --no-banner --banner-wait --ftp-login --json; do
	grep -qe "$o" "$tmp/help" || fail "--help does not mention $o"
done
"$BIN" --version | grep -qE '^synprobe [0-9]+\.[0-9]+' || fail "--version"

# The book: two captures, two attempts, one answer.
"$BIN" --json -r "$CAP/ftpclientdenied.pcap" --server-capture "$CAP/ftpserverdenied.pcap" >"$tmp/t.json"
rc=$?
[ "$rc" -eq 1 ] || fail "two-sided: exit $rc, expected 1"
check() {
	if jq -e "$1" "$tmp/t.json" >/dev/null; then ok "$1"; else fail "two-sided JSON: $1"; fi
}
check '.tool == "synprobe" and .target.address == "192.168.0.182" and .target.port == 21'
check '.verdict.fault == "server" and .verdict.kind == "filtered-by-host" and .verdict.address == "192.168.0.182"'
check '.verdict.confidence == "likely" and (.verdict.caveat | test("not the same attempt"))'
check '.verdict.summary | test("SYNs arrive at the server") and test("never answered")'
check '.probes.server_side.syns_arrived == 3 and .probes.server_side.replies_sent == 0'
check '[.evidence[] | select(.capture == "server")] | length == 1'
check '.capture.sha256 == "ceb589f33bddfba52f7d6c29fcb7eac2ef842fb12012de6d3289c36a0d11621d"'
check '.source.address == "192.168.0.193" and .options.server_capture != null'
"$BIN" -r "$CAP/ftpclientdenied.pcap" --server-capture "$CAP/ftpserverdenied.pcap" >"$tmp/t.txt"
grep -q "Verdict: SERVER fault: filtered-by-host" "$tmp/t.txt" || fail "text verdict"
grep -q "14.6 minutes apart" "$tmp/t.txt" || fail "text caveat"

# One side alone cannot place the drop, and says so.
"$BIN" --json -r "$CAP/ftpclientdenied.pcap" >"$tmp/c.json"
[ $? -eq 2 ] || fail "client capture alone: exit status, expected 2 (unknown)"
jq -e '.verdict.fault == "unknown" and .verdict.kind == "unanswered" and (.probes.syn.tries | length == 3)' \
    "$tmp/c.json" >/dev/null || fail "client capture alone: verdict"

# Every connection of a capture, not only the one judged: postprobe's own
# capture (2 exchanges, 2 half-open SYN probes) followed by synprobe's
# refused one (6 attempts reset), as one file; each connection is read
# with pcap-triage's readers, the failed ones named.
python3 - "$tmp/mixed.pcap" tests/fixtures/postprobe/ok.pcap tests/fixtures/synprobe/hostreset.pcap <<'PY'
import sys
out = open(sys.argv[1], "wb")
for i, name in enumerate(sys.argv[2:]):
    data = open(name, "rb").read()
    out.write(data if i == 0 else data[24:])	# one pcap header, then every record
PY
"$BIN" -n --json -r "$tmp/mixed.pcap" >"$tmp/m.json"
jq -e '.capture_connections | .total == 10 and .kept == 10 and .failed == 6 and .with_fault == 0 and
    ([.connections[].outcome] | (map(select(. == "refused")) | length) == 6 and
     (map(select(. == "half-open")) | length) == 2 and (map(select(. == "established")) | length) == 2)' \
    "$tmp/m.json" >/dev/null && ok "mixed capture: 10 connections, the 6 refused counted" ||
    fail "mixed capture: $(jq -c '.capture_connections | {total, failed, with_fault}' "$tmp/m.json")"
"$BIN" -n -r "$tmp/mixed.pcap" >"$tmp/m.txt"
grep -q "^Every TCP connection in the capture: 10; of them, 6 failed and 0 got through with a fault:" "$tmp/m.txt" &&
    [ "$(grep -c -- '-> 198.18.3.2:[0-9]*  refused (frames' "$tmp/m.txt")" = 6 ] &&
    ok "mixed capture text: the 6 refused named" || fail "mixed capture text: $(grep -A3 '^Every TCP' "$tmp/m.txt")"
# latency2 (real world): the connection got through with a slow path.
"$BIN" -n --json -r "$CAP/real-world/latency2.pcapng" >"$tmp/l.json"
jq -e '.capture_connections.with_fault == 1 and .capture_connections.connections[0].fault_kind == "slow-path" and
    .capture_connections.connections[0].time.rtt_ms > 800' "$tmp/l.json" >/dev/null &&
    ok "latency2: one connection through, with a slow path" || fail "latency2: $(jq -c .capture_connections "$tmp/l.json" | head -c 300)"

checks_end "synprobe CLI"
