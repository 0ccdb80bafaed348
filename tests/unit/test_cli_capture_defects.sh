#!/usr/bin/env bash
# A capture's own defects are named and never become network faults
# (issue 16, findings 3 and 4), through the commands as they read -r:
#
# 3. Every frame written twice, three or fifty times (a mirror port, a
#    capture on two interfaces), or again one router later: ptrace-slow
#    read a clean path as lossy-link, 50 %, 67 %, 98 % lost from this host
#    to hop 1, exit 1.  Now the copies are left out and counted, the
#    reading is the original's, and the text says so.
# 4. Every frame stamped alike, or with a nanosecond field of 1e9 or more
#    (clamped when read): a congested path read clean, exit 0, with 0.0 ms
#    medians.  Now the verdict is inconclusive (exit 2) and names the
#    timestamps; the JSON's capture section says they are not trusted.
#
# The variants are written into a temporary directory by capvary.py from
# the ptrace fixtures; the fixtures themselves are never touched.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${FL_BIN:-${B:-build}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh
checks_need jq python3
BIN=$B/ptrace-slow
checks_built
VARY=tests/unit/capvary.py
FX=tests/fixtures/ptrace

# run FILE [CMD]: the JSON of CMD -n --json -r FILE in $tmp/out.json, the exit status in $rc.
run() {
	"${2:-$BIN}" -n --json -r "$1" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
}
# is WHAT JQ: the last run's JSON holds.
is() {
	if jq -e "$2" "$tmp/out.json" >/dev/null; then ok "$1: $2"; else
		fail "$1: $2 (got $(jq -c '[.verdict.kind, .verdict.reason, .capture.copies]' \
		    "$tmp/out.json" 2>/dev/null || head -c 200 "$tmp/err"))"; fi
}
status() {	# WHAT WANT
	if [ "$rc" = "$2" ]; then ok "$1: exit $2"; else fail "$1: exit $rc, expected $2"; fi
}

frames() { "$BIN" -n --json -r "$1" | jq '.capture.frames'; }

# 3. Copies.
for src in clean queue; do
	run "$FX/$src.pcap"
	want_kind=$(jq -r .verdict.kind "$tmp/out.json")
	want_hop=$(jq -r .verdict.hop "$tmp/out.json")
	want_rc=$rc
	n=$(jq .capture.frames "$tmp/out.json")
	for k in 2 3 50; do
		python3 "$VARY" "$FX/$src.pcap" "$tmp/$src-x$k.pcap" copies "$k" || fail "capvary $src x$k"
		run "$tmp/$src-x$k.pcap"
		status "$src.pcap, every frame $k times" "$want_rc"
		is "$src x$k" ".verdict.kind == \"$want_kind\" and .verdict.hop == $want_hop"
		is "$src x$k" ".capture.copies == $((n * (k - 1))) and .capture.copies_exact == $((n * (k - 1)))"
		is "$src x$k" '.capture.timestamps.trusted'
	done
	python3 "$VARY" "$FX/$src.pcap" "$tmp/$src-router.pcap" router || fail "capvary $src router"
	run "$tmp/$src-router.pcap"
	status "$src.pcap, every frame again one router later" "$want_rc"
	is "$src router" ".verdict.kind == \"$want_kind\" and .capture.copies_after_router > 0"
done
run "$tmp/clean-x2.pcap"
is "clean x2, a clean path" '.verdict.kind == "clean" and ([.hops[].lost] | add) == 0'
if "$BIN" -n -r "$tmp/clean-x2.pcap" | grep -q "^Note: $(frames "$FX/clean.pcap") frames are copies of others (a capture on a mirror port or on two interfaces?)"; then
	ok "clean x2: the text names the copies"
else
	fail "clean x2: the text does not name the copies"
fi

# The other commands read through the same correlator.
for f in open hostreset deadgw; do
	python3 "$VARY" "tests/fixtures/synprobe/$f.pcap" "$tmp/s-$f.pcap" copies 2
	run "tests/fixtures/synprobe/$f.pcap" "$B/synprobe"
	want=$(jq -r .verdict.kind "$tmp/out.json")
	run "$tmp/s-$f.pcap" "$B/synprobe"
	is "synprobe $f x2" ".verdict.kind == \"$want\" and .capture.copies > 0"
done
python3 "$VARY" tests/fixtures/postprobe/large.pcap "$tmp/p-large.pcap" copies 2
run "$tmp/p-large.pcap" "$B/postprobe"
is "postprobe large x2 (was request-lost)" '.verdict.kind == "pmtu-blackhole" and .capture.copies > 0'

# 4. Timestamps.
for src in clean queue; do
	for kind in same-ts ns-range; do
		python3 "$VARY" "$FX/$src.pcap" "$tmp/$src-$kind.pcap" "$kind" || fail "capvary $src $kind"
		run "$tmp/$src-$kind.pcap"
		status "$src.pcap, $kind" 2
		is "$src $kind" '.verdict.kind == "inconclusive" and (.verdict.reason | test("timestamps cannot be trusted"))'
		is "$src $kind" '.capture.timestamps.trusted == false and .capture.timestamps.round_trips_unusable > 0'
	done
	is "$src ns-range" '.capture.timestamps.out_of_range == .capture.frames'
	python3 "$VARY" "$FX/$src.pcap" "$tmp/$src-back.pcap" backwards
	run "$tmp/$src-back.pcap"
	status "$src.pcap, a clock that goes back" 2
	is "$src backwards" '.capture.timestamps.backwards > 0 and (.verdict.reason | test("captured earlier"))'
done
run "$tmp/queue-same-ts.pcap"
is "queue same-ts" '.verdict.reason | test("every frame is stamped with the same time")'
if "$BIN" -n -r "$tmp/queue-ns-range.pcap" | grep -q "^Warning: the capture's timestamps cannot be trusted: .* out of range (a nanosecond field of 1e9 or more"; then
	ok "queue ns-range: the text names the timestamps"
else
	fail "queue ns-range: the text does not name the timestamps"
fi
# postprobe: "ok" and "slow-server" rest on the times; an HTTP status does not.
for kind in same-ts ns-range; do
	python3 "$VARY" tests/fixtures/postprobe/slow.pcap "$tmp/p-slow-$kind.pcap" "$kind"
	run "$tmp/p-slow-$kind.pcap" "$B/postprobe"
	status "postprobe slow.pcap, $kind" 2
	is "postprobe slow $kind (was ok / slow-server)" '.verdict.kind == "timestamps-untrusted" and .verdict.fault == "unknown"'
	python3 "$VARY" tests/fixtures/postprobe/err.pcap "$tmp/p-err-$kind.pcap" "$kind"
	run "$tmp/p-err-$kind.pcap" "$B/postprobe"
	is "postprobe err $kind (a status needs no clock)" '.verdict.kind == "http-server-error"'
done
# Sound stamps, nothing said.
run "$FX/queue.pcap"
is "queue.pcap" '.capture.timestamps.trusted and .capture.copies == 0 and .verdict.kind == "congested"'
# pcap-triage names them too, from the same module.
"$B/pcap-triage" -n --json -r "$tmp/clean-same-ts.pcap" >"$tmp/out.json" 2>"$tmp/err"
is "pcap-triage same-ts" '[.. | objects | select(.kind? == "broken-timestamps")] | length > 0'

# A file that ends inside a packet: every command says so with libpcap's
# own reason, also when nothing in what was read answers the command (the
# exit-65 lines said only "no TCP SYN found among 37 frames", and
# pcap-triage's file_error was null).
head -c 3000 "$FX/clean.pcap" >"$tmp/cut-trace.pcap"
head -c 700 tests/fixtures/postprobe/ok.pcap >"$tmp/cut-http.pcap"
why="truncated dump file"
for cmd in synprobe:cut-trace postprobe:cut-trace ptrace-slow:cut-http; do
	"$B/${cmd%%:*}" -n -r "$tmp/${cmd#*:}.pcap" >/dev/null 2>"$tmp/err"
	rc=$?
	status "${cmd%%:*} -r ${cmd#*:}.pcap" 65
	if grep -q "ends inside a packet: $why" "$tmp/err"; then
		ok "${cmd%%:*} ${cmd#*:}: the one-line error names the cut"
	else
		fail "${cmd%%:*} ${cmd#*:}: the error hides the cut: $(head -c 300 "$tmp/err")"
	fi
	"$B/${cmd%%:*}" -n --json -r "$tmp/${cmd#*:}.pcap" >"$tmp/out.json" 2>/dev/null
	is "${cmd%%:*} --json ${cmd#*:}" ".error.message | test(\"$why\")"
done
"$B/pcap-triage" -n --json -r "$tmp/cut-trace.pcap" >"$tmp/out.json" 2>/dev/null
is "pcap-triage cut-trace" ".capture.file_cut_short and (.capture.file_error | test(\"$why\"))"
if "$B/pcap-triage" -n -r "$tmp/cut-trace.pcap" 2>/dev/null | grep -q "ends inside a packet ($why"; then
	ok "pcap-triage cut-trace: the text names libpcap's reason"
else
	fail "pcap-triage cut-trace: the text does not name libpcap's reason"
fi

checks_end "capture defects"
