#!/usr/bin/env bash
# Every command reads IPv6 captures (issue 13, "live and from captures":
# the from-captures half): readers_record() gives an IPv6 frame its own
# reading (analyze/packet/view6.c), so ptrace-slow reads Linux
# traceroute -6 and mtr -6 (tests/fixtures/foreign/*6-*.pcap, recorded by
# tests/lab/record_foreign.sh on the lab's 50 ms path), and synprobe,
# postprobe and pcap-triage read t_triage_v6's conversations
# (tests/fixtures/ipv6/): each verdict, device and exit status as over
# IPv4, ICMPv6 named as such.  Without root.
set -u
cd "$(dirname "$0")/../.." || exit 2
BINDIR=${FL_BIN:-${B:-build}}
F=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh
checks_need jq

# run NAME WANT-EXIT JQ-CHECK CMD FILE: the command's --json reading of FILE.
run() {
	local name=$1 want=$2 jqx=$3 cmd=$4 file=$5 rc
	"$BINDIR/$cmd" -n --json -r "$file" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		fail "$name: $cmd -r $(basename "$file") exit $rc, expected $want: $(head -c 200 "$tmp/err")"
	elif [ "$(jq -r "$jqx" "$tmp/out.json" 2>/dev/null)" != true ]; then
		fail "$name: $cmd -r $(basename "$file"): '$jqx' is not true: $(jq -c .verdict "$tmp/out.json" 2>/dev/null | head -c 400)"
	else
		ok "$name: $cmd -r $(basename "$file"): exit $rc, $jqx"
	fi
}

# text NAME PATTERN CMD FILE: the text report holds PATTERN.
text() {
	local name=$1 pat=$2 cmd=$3 file=$4
	"$BINDIR/$cmd" -n -r "$file" >"$tmp/out.txt" 2>&1
	if grep -qF -- "$pat" "$tmp/out.txt"; then
		ok "$name: $cmd's text says '$pat'"
	else
		fail "$name: $cmd's text lacks '$pat': $(head -c 300 "$tmp/out.txt")"
	fi
}

for f in traceroute6-udp-eth traceroute6-icmp-eth traceroute6-tcp-eth mtr6-icmp-eth; do
	file=$F/foreign/$f.pcap
	run "$f" 0 "(.verdict.kind == \"clean\") and
	    ([.hops[] | .address] | index(\"2001:2:0:2::2\") == 2) and
	    ([.hops[] | .address] | .[-1] == \"2001:2:0:3::2\") and
	    (.capture.ipv6 > 0)" ptrace-slow "$file"
	text "$f" "on the link from hop 2 (2001:2:0:1::2) to hop 3 (2001:2:0:2::2): +50" ptrace-slow "$file"
done

run syn-prohibited 1 '.verdict.fault == "path" and .verdict.kind == "prohibited-on-path" and
    .verdict.address == "2001:2::2"' synprobe $F/ipv6/syn-prohibited.pcap
text syn-prohibited "answers the SYN with ICMPv6 communication administratively prohibited" \
    synprobe $F/ipv6/syn-prohibited.pcap
run syn-open 0 '.verdict.kind == "open"' synprobe $F/ipv6/http-get.pcap
run post-ok 0 '.verdict.kind == "ok" and (.verdict.address | startswith("2001:2:0:2::"))' \
    postprobe $F/ipv6/http-get.pcap
text post-ok "GET http://[2001:2:0:2::" postprobe $F/ipv6/http-get.pcap
run triage-prohibited 1 '.verdict.kind == "prohibited-on-path" and .verdict.address == "2001:2::2"' \
    pcap-triage $F/ipv6/syn-prohibited.pcap

run triage-ok 0 '.verdict.kind == "no-fault" and .frames.ipv6 > 0 and .frames.ipv4 == 0' \
    pcap-triage $F/ipv6/http-get.pcap
run triage-udp 1 '.verdict.kind == "udp-port-unreachable" and .verdict.fault == "server"' \
    pcap-triage $F/ipv6/udp-unreachable.pcap
text triage-udp "with ICMPv6 port unreachable" pcap-triage $F/ipv6/udp-unreachable.pcap
run triage-ndp 1 '.verdict.kind == "ndp-unanswered" and .verdict.fault == "client"' \
    pcap-triage $F/ipv6/ndp-unanswered.pcap
text triage-ndp "by neighbour solicitation" pcap-triage $F/ipv6/ndp-unanswered.pcap

checks_end "IPv6 capture"
