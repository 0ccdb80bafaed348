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
expect 69 "IPv6 is not supported yet" -- "http://[2001:2::1]/form"
expect 66 "cannot open /nonexistent" -- -r /nonexistent/x.pcap
expect 65 "not a capture file" -- -r Makefile
expect 65 "no HTTP request found" -- -r "$CAP/icmp-tracert-slow.pcap"
# Files named by options are read first, before anything privileged.
expect 66 "cannot open /nonexistent/body" -- -d @/nonexistent/body http://198.18.0.1/
expect 66 "cannot open /nonexistent/ca.pem" -- --cacert /nonexistent/ca.pem https://198.18.0.1/

"$BIN" --help >"$tmp/help" || fail "--help"
for o in -d --data-binary -H -u -X -L -k --cacert --max-time --no-probe -i -w -r --json; do
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

checks_end "postprobe CLI"
