#!/bin/bash
# --report on each probe, live on the lab chain
#   c (198.18.0.1) - r1 - r2 - r3 - s (198.18.3.2)
# with a 30 ms link r1 -> r2 (over ptrace-slow's --expect-rtt 20), port
# 2121 dropped on r2 and nginx refusing POST /form: each run writes its
# report (HTML, Markdown by name) and keeps its capture beside it; the
# page names the fault, who acts (from the owners file) and the frames,
# and its SHA-256 is the capture's.  A run that fails leaves no report
# behind: none, or (when it failed after dropping root for nobody, who
# may not unlink in this directory) an empty file, as -w does.
. "$(dirname "$0")/lib.sh"

lab_init
lab_chain 3
S=$(lab_server_addr)
D=$LAB_TMP/reports
mkdir -p "$D"
OWN=$LAB_REPO/tests/lab/demo-owners.txt
# (Not on r2 itself: its NFQUEUE hold accepts the packets it releases,
# which would skip r2's drop rule.)
lab_delay r1 "$(lab_dev_right r1)" 30
lab_fwd_drop_port r2 2121
lab_nginx s 80

# report_ok NAME FILE PCAP HEADLINE WHO: the page exists, is well-formed,
# names the conclusion and who acts, and cites the capture kept beside it.
report_ok() {
	local name=$1 f=$2 pcap=$3 head=$4 who=$5 sha
	if [ -s "$f" ]; then lab_pass "$name: report written"; else
		lab_fail "$name: no report at $f"; return; fi
	if [ -s "$pcap" ]; then lab_pass "$name: capture kept beside it"; else
		lab_fail "$name: no capture at $pcap"; return; fi
	assert_cmd "$name: the page is well-formed" xmllint --noout "$f"
	assert_cmd "$name: the conclusion: $head" grep -qF "$head" "$f"
	assert_cmd "$name: who acts: $who" grep -qF "$who" "$f"
	sha=$(sha256sum "$pcap" | cut -d' ' -f1)
	assert_cmd "$name: the page cites the capture's SHA-256" grep -qF "$sha" "$f"
	assert_cmd "$name: with a Wireshark filter" grep -qF "frame.number in {" "$f"
}

# The 30 ms link alone is distance, not a fault (clean, exit 0); against a
# 20 ms service level (--expect-rtt) the round trip is over budget, and the
# report names the link that adds the most, r1 -> r2, and its operator.
lab_run c slow.out "$(lab_bin ptrace-slow)" -n --expect-rtt 20 --report "$D/slow.html" \
    --owners "$OWN" "$S"
assert_eq "$?" 1 "ptrace-slow --expect-rtt 20 --report: exit 1 (over budget)"
report_ok ptrace "$D/slow.html" "$D/slow.pcap" \
    "over the budget of 20 ms set for it. The links that add the most: the link from hop 1 (198.18.0.2) to hop 2 (198.18.1.2)" \
    "Example Broadband runs 198.18.1.2"
assert_cmd "ptrace: the terminal text is still written" grep -q "OVER BUDGET at hop 4" \
    "$(lab_file slow.out)"

lab_run c ftp.out "$(lab_bin synprobe)" --json --report "$D/ftp.html" --owners "$OWN" "$S:2121"
assert_eq "$?" 1 "synprobe --report --json: exit 1 (a fault)"
report_ok synprobe "$D/ftp.html" "$D/ftp.pcap" "blocked on the way by a firewall" \
    "Example Broadband runs 198.18.1.2"
assert_json "$(lab_file ftp.out)" .options.report "$D/ftp.html" "synprobe: the JSON names its report"
assert_json "$(lab_file ftp.out)" .source.gateway 198.18.0.2 "synprobe: the JSON names the gateway"

lab_run c post.out "$(lab_bin postprobe)" -d a=1 -w "$D/post-capture.pcap" --report "$D/post.md" \
    "http://$S/form"
assert_eq "$?" 1 "postprobe --report: exit 1 (a fault)"
if [ -s "$D/post.md" ] && [ "$(head -n 1 "$D/post.md")" = "# Network fault report" ]; then
	lab_pass "postprobe: a .md name gives Markdown"
else
	lab_fail "postprobe: no Markdown report"
fi
assert_cmd "postprobe: the conclusion" grep -qF "itself refused the request" "$D/post.md"
assert_cmd "postprobe: -w names the capture kept" test -s "$D/post-capture.pcap"
assert_cmd "postprobe: no second capture" test ! -e "$D/post.pcap"

# A failed run leaves nothing that looks like a report.  (Without a
# resolver in the namespace, the name is either judged, a client fault
# with its own report, or the run fails with 75.)
lab_run c bad.out "$(lab_bin synprobe)" --report "$D/bad.html" no-such-host.invalid:21
rc=$?
lab_log "synprobe no-such-host.invalid:21 exited $rc: $(head -c 200 "$(lab_file bad.out.err)")"
if [ "$rc" -eq 1 ]; then
	assert_cmd "synprobe: a name that does not resolve is reported" grep -qF \
	    "cannot be turned into an address" "$D/bad.html"
else
	assert_cmd "synprobe: no report left after exit $rc" test ! -s "$D/bad.html"
fi
lab_run c noopen.out "$(lab_bin ptrace-slow)" -r "$D/nothing.pcap" --report "$D/nothing.html"
assert_eq "$?" 66 "ptrace-slow -r on a missing file: exit 66"
assert_cmd "ptrace-slow: no report left after exit 66" test ! -e "$D/nothing.html"
lab_run c badcap.out "$(lab_bin ptrace-slow)" -r "$OWN" --report "$D/badcap.html"
assert_eq "$?" 65 "ptrace-slow -r on a text file: exit 65"
assert_cmd "ptrace-slow: no report left after exit 65" test ! -s "$D/badcap.html"
lab_done
