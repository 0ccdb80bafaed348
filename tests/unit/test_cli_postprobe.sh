#!/usr/bin/env bash
# postprobe's command-line contract without privileges: one-line errors
# with distinct statuses, and the book's refused POST in JSON and words.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=${FL_BIN:-${B:-build}}/postprobe
CAP=../shared/captures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh


expect 64 "a URL is required" --
expect 64 "only http:// and https:// URLs" -- ftp://198.18.0.1/x
expect 64 "is not a URL" -- "http://[not a url"
expect 64 "-H: 'nocolon' is not 'Name: value'" -- -H nocolon http://198.18.0.1/
expect 64 "-X: 'get me' is not an HTTP method" -- -X "get me" http://198.18.0.1/
expect 64 "--max-time: 'soon' is not a number of seconds" -- --max-time soon http://198.18.0.1/
expect 64 "-u: expected user:password" -- -u alice http://198.18.0.1/
expect 64 "-r and -w cannot be used together" -- -r a.pcap -w b.pcap
expect 64 "unexpected argument" -- http://198.18.0.1/ http://198.18.0.2/
# IPv6 is probed (lab: t_post_v6); here only what stops before anything is
# sent: the family asked for and the address in the URL disagree.
expect 64 "2001:2::1 is not an IPv4 address" -- -4 "http://[2001:2::1]/form"
expect 64 "198.18.0.1 is not an IPv6 address" -- -6 "http://198.18.0.1/form"
expect 66 "cannot open /nonexistent" -- -r /nonexistent/x.pcap
expect 65 "not a capture file" -- -r Makefile
expect 65 "no HTTP request found" -- -r "$CAP/icmp-tracert-slow.pcap"
# Files named by options are read first, before anything privileged.
expect 66 "cannot open /nonexistent/body" -- -d @/nonexistent/body http://198.18.0.1/
expect 66 "cannot open /nonexistent/ca.pem" -- --cacert /nonexistent/ca.pem https://198.18.0.1/

"$BIN" --help >"$tmp/help" || fail "--help"
for o in -4 -6 -d --data-binary -H -u -X -L -k --cacert --max-time --no-probe -i -w -r --json; do
	grep -qe "$o" "$tmp/help" || fail "--help does not mention $o"
done
"$BIN" --version | grep -qE '^postprobe [0-9]+\.[0-9]+' || fail "--version"

# The book: the POST is refused by the server itself.
"$BIN" --json -r "$CAP/http-fault-post.pcap" >"$tmp/p.json"
[ $? -eq 1 ] || fail "book: exit status, expected 1"
check() {
	if jq -e "$1" "$tmp/p.json" >/dev/null; then ok "$1"; else fail "book JSON: $1"; fi
}
check '.tool == "postprobe" and .target.address == "216.23.168.114" and .target.port == 80'
check '.target.host == "www.discoverconsoles.com"'
check '.verdict.fault == "server" and .verdict.kind == "http-client-error" and .verdict.address == "216.23.168.114"'
check '.verdict.summary | test("403 Forbidden from 216.23.168.114 in reply to the POST")'
check '.http.status == 403 and .http.reason == "Forbidden" and .http.version == "HTTP/1.1"'
check '[.http.headers[] | select(.name == "Server")][0].value == "Microsoft-IIS/6.0"'
check '.request.method == "POST" and .request.target == "/flashmail.asp" and .request.acknowledged'
check '.transcript.source == "capture" and (.transcript.request | startswith("POST /flashmail.asp HTTP/1.1"))'
check '.transcript.response | startswith("HTTP/1.1 403 Forbidden")'
check '.timing_ms.source == "capture" and .timing_ms.server_wait > 40 and .timing_ms.server_wait < 50'
check '.capture.file_cut_short == true'
check '[.evidence[].summary] | any(test("403 Forbidden"))'
"$BIN" -r "$CAP/http-fault-post.pcap" >"$tmp/p.txt"
grep -q "Verdict: SERVER fault: http-client-error" "$tmp/p.txt" || fail "text verdict"
grep -q "^  > POST /flashmail.asp HTTP/1.1" "$tmp/p.txt" || fail "text transcript"

# The real-world latency captures (their README): postprobe read latency2
# and latency3 "ok, the network delivers both ways", with timing rows that
# leave out the client's 1.3 s wait.  Its exchange is now also read with
# pcap-triage's split (round trip, client wait, server time), which
# decides when postprobe's own rules found nothing or blamed the server.
RW=$CAP/real-world
for want in latency1:ok:0 latency2:slow-path:1 latency3:slow-client:1 latency4:slow-server:1; do
	f=${want%%:*} rest=${want#*:}
	kind=${rest%%:*} st=${rest#*:}
	"$BIN" -n --json -r "$RW/$f.pcapng" >"$tmp/l.json"
	rc=$?
	[ "$rc" = "$st" ] && ok "$f: exit $st" || fail "$f: exit $rc, expected $st"
	got=$(jq -r .verdict.kind "$tmp/l.json")
	[ "$got" = "$kind" ] && ok "$f: $kind" || fail "$f: verdict $got, expected $kind"
	jq -e '.timing_ms.split.rtt > 0 and (.capture_connections.total == 1) and
	    (.capture_connections.connections[0].time.total_ms > 0)' "$tmp/l.json" >/dev/null &&
	    ok "$f: the split and the connection table" || fail "$f: no split or connection table"
done
jq -e '.timing_ms.split.client_wait > 1300' <("$BIN" -n --json -r "$RW/latency3.pcapng") >/dev/null &&
    ok "latency3: the client's 1345 ms wait is in the split" || fail "latency3: client wait missing"
"$BIN" -n -r "$RW/latency2.pcapng" >"$tmp/l.txt"
grep -q "^Verdict: PATH fault: slow-path" "$tmp/l.txt" && grep -q "handshake's round trip takes 895 ms" "$tmp/l.txt" &&
    grep -q "^  split: round trip 895.1 ms" "$tmp/l.txt" && grep -q "^Every TCP connection in the capture: 1;" "$tmp/l.txt" &&
    ok "latency2 text: verdict, split and table" || fail "latency2 text: $(head -5 "$tmp/l.txt")"
# postprobe's own capture: its locating SYN probes are half-open, not failed connections.
"$BIN" -n --json -r tests/fixtures/postprobe/ok.pcap >"$tmp/o.json"
jq -e '.verdict.kind == "ok" and .capture_connections.total == 4 and .capture_connections.failed == 0 and
    ([.capture_connections.connections[].outcome] | sort == ["established","established","half-open","half-open"])'     "$tmp/o.json" >/dev/null && ok "own capture: 2 established, 2 half-open probes, none failed" ||
    fail "own capture: $(jq -c '.capture_connections | {total, failed}' "$tmp/o.json")"

checks_end "postprobe CLI"
