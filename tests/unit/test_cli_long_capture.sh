#!/usr/bin/env bash
# A long capture is read as its short self (issue 16, acceptance 4): the
# correlator keeps evenly spaced blocks of rounds of a trace past 8192
# probes and forgets the rest (correlate.h), so memory stays flat; what
# the commands conclude must not change with it.  Each lab fixture is
# repeated by tests/bench/pcap_grow.c (every copy a later run of its own,
# ICMP sequence numbers and the client's ports moved on) to about 8 MB,
# far past the point where rounds are thinned, and read -r: the verdict,
# its hop and the exit status are those of the same grown to 2 MB, where
# nothing is thinned; ptrace-slow says
# how many rounds it read and kept, and its counts are over all of them;
# synprobe's ping counts are every copy's.  The fixtures are never
# touched.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${FL_BIN:-${B:-build}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh
checks_need jq cc
BIN=$B/ptrace-slow
checks_built
GROW=$tmp/pcap_grow
cc -O2 -o "$GROW" tests/bench/pcap_grow.c -lpcap || { echo "FAIL: cannot build pcap_grow"; exit 1; }
SIZE=8000000

# run CMD FILE: CMD -n --json -r FILE into $tmp/out.json, its exit status in $rc.
run() {
	"$1" -n --json -r "$2" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
}
is() {	# WHAT JQ
	if jq -e "$2" "$tmp/out.json" >/dev/null; then ok "$1: $2"; else
		fail "$1: $2 (got $(jq -c '[.verdict.kind, .verdict.hop, .options.rounds, .options.rounds_in_capture]' \
		    "$tmp/out.json" 2>/dev/null || head -c 200 "$tmp/err"))"; fi
}
# same CMD FIXTURE: the fixture grown to SIZE, where rounds are thinned,
# reads as the fixture grown to 2 MB, where nothing is (fewer than the
# 65536 probes and replies at which the correlator first compacts): the
# thinning changes nothing the command concludes.  (The fixture itself is
# no reference: repeated copies of one short run are a capture of their
# own, whose first round of each copy comes 2 s after the last.)
same() {
	local cmd=$1 fx=$2 name want want_rc got
	name="$(basename "$cmd") $(basename "$fx")"
	if ! "$GROW" -c 198.18.0.1 "$fx" "$tmp/short.pcap" 2000000 2>"$tmp/grow.err" ||
	    ! "$GROW" -c 198.18.0.1 "$fx" "$tmp/long.pcap" "$SIZE" 2>"$tmp/grow.err"; then
		fail "pcap_grow $fx: $(cat "$tmp/grow.err")"
		return 1
	fi
	run "$cmd" "$tmp/short.pcap"
	want=$(jq -c '[.verdict.kind, .verdict.hop]' "$tmp/out.json")
	want_rc=$rc
	cp "$tmp/out.json" "$tmp/short.json"
	run "$cmd" "$tmp/long.pcap"
	got=$(jq -c '[.verdict.kind, .verdict.hop]' "$tmp/out.json")
	if [ "$rc" = "$want_rc" ]; then ok "$name long: exit $rc"; else
		fail "$name long: exit $rc, 2 MB $want_rc"; fi
	if [ "$got" = "$want" ]; then ok "$name long: verdict $got"; else
		fail "$name long: verdict $got, 2 MB $want"; fi
}

# ptrace-slow: every fault kind the fixtures hold, and the healthy ones.
for f in clean delay queue ratelimit icmpslow loss silent noroute udp tcpclosed; do
	same "$B/ptrace-slow" "tests/fixtures/ptrace/$f.pcap" || continue
	is "ptrace-slow $f long" '.options.rounds_kept_every >= 2 and .options.rounds < .options.rounds_in_capture'
	if jq -e '.options.rounds_kept_every == null' "$tmp/short.json" >/dev/null; then
		ok "ptrace-slow $f 2 MB: not thinned"
	else
		fail "ptrace-slow $f 2 MB: thinned already"
	fi
	# Every probe counted at hop 1 (it never sits past the destination).
	is "ptrace-slow $f long" '(.hops[] | select(.ttl == 1) | .sent) >= .options.rounds_in_capture'
done
"$B/ptrace-slow" -n -r "$tmp/long.pcap" >"$tmp/out.txt" 2>/dev/null
if grep -q "^A long capture: the times below are over [0-9]* of its [0-9]* rounds" "$tmp/out.txt"; then
	ok "ptrace-slow text: the thinning is stated"
else
	fail "ptrace-slow text: no line about the rounds kept"
fi

# synprobe: the verdicts, and the echo requests of every copy counted.
for f in open refused hostdrop pathprohib hostreset deadgw silent; do
	[ -r "tests/fixtures/synprobe/$f.pcap" ] || continue
	run "$B/synprobe" "tests/fixtures/synprobe/$f.pcap"
	one=$(jq '.probes.ping.sent // 0' "$tmp/out.json")
	same "$B/synprobe" "tests/fixtures/synprobe/$f.pcap" || continue
	copies=$(sed -n 's/.* x \([0-9]*\) copies.*/\1/p' "$tmp/grow.err")
	if [ "$one" -gt 0 ]; then
		is "synprobe $f long" ".probes.ping.sent == $((one * copies))"
	fi
done

# postprobe.
for f in ok large err filtered forged proxy; do
	[ -r "tests/fixtures/postprobe/$f.pcap" ] || continue
	same "$B/postprobe" "tests/fixtures/postprobe/$f.pcap"
done
checks_end "long captures"
