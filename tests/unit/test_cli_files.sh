#!/usr/bin/env bash
# The files a run names, on every command (issue 16): a capture whose
# name is not UTF-8 keeps its JSON fields, escaped; an output that is an
# input, or a symbolic link, is refused with one line before anything is
# opened and the input is intact; a run that fails leaves an existing
# target byte for byte and no temporary file; a leftover of a killed run
# is removed by the next; with --json every failure is one JSON document
# with its error; and what reaches the terminal holds no code point that
# reorders or breaks its lines.  Without root: -r runs, and live runs
# refused before they need privilege.
set -u
cd "$(dirname "$0")/../.." || exit 2
BINDIR=${FL_BIN:-${B:-build}}
CAP=../shared/captures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh
checks_need jq

# ---- names that are not UTF-8 ----
#
# jansson refuses such a string, and the field was silently lost: the
# name is kept, each stray byte as \xNN.
latin=$tmp/$(printf 'caf\xe9')
mkdir -p "$latin"
cp "$CAP/icmp-tracert-slow.pcap" "$CAP/ftpclientdenied.pcap" "$CAP/ftpserverdenied.pcap" \
    "$CAP/http-fault-post.pcap" "$latin/"
esc="$tmp/caf\\xe9"
for run in "ptrace-slow icmp-tracert-slow.pcap" "synprobe ftpclientdenied.pcap" \
    "postprobe http-fault-post.pcap"; do
	set -- $run
	"$BINDIR/$1" -n --json -r "$latin/$2" >"$tmp/latin.json" 2>"$tmp/err"
	got=$(jq -r '[.options.read, .capture.file] | map(. // "MISSING") | join(" ")' "$tmp/latin.json" 2>/dev/null)
	if [ "$got" = "$esc/$2 $esc/$2" ]; then
		ok "$1 -r with a name that is not UTF-8: options.read and capture.file kept, escaped"
	else
		fail "$1 -r with a name that is not UTF-8: options.read, capture.file are '$got'"
	fi
done
"$BINDIR/synprobe" -n --json -r "$latin/ftpclientdenied.pcap" \
    --server-capture "$latin/ftpserverdenied.pcap" >"$tmp/latin.json" 2>"$tmp/err"
got=$(jq -r '.options.server_capture // "MISSING"' "$tmp/latin.json" 2>/dev/null)
[ "$got" = "$esc/ftpserverdenied.pcap" ] &&
    ok "synprobe --server-capture with a name that is not UTF-8: kept, escaped" ||
    fail "synprobe --server-capture with a name that is not UTF-8: '$got'"

# ---- an output that is an input, or a link: refused before anything is opened ----
#
# refuse STATUS PATTERN FILE -- COMMAND ARGS...: exit STATUS, one line on
# stderr matching PATTERN, nothing on stdout, FILE (an input) unchanged
# and nothing new in its directory.
refuse() {
	local want=$1 pat=$2 keep=$3 rc before after sum
	shift 4
	sum=$(sha256sum <"$keep")
	before=$(ls -A "$(dirname "$keep")")
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	after=$(ls -A "$(dirname "$keep")")
	if [ "$rc" -ne "$want" ]; then
		fail "$(basename "$1") ${*:2}: exit $rc, expected $want ($(head -c 200 "$tmp/err"))"
	elif [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -qE "^$(basename "$1"): .*$pat" "$tmp/err"; then
		fail "$(basename "$1") ${*:2}: stderr '$(cat "$tmp/err")' is not one line matching '$pat'"
	elif [ -s "$tmp/out" ]; then
		fail "$(basename "$1") ${*:2}: wrote on stdout: $(head -c 100 "$tmp/out")"
	elif [ "$(sha256sum <"$keep")" != "$sum" ]; then
		fail "$(basename "$1") ${*:2}: $keep changed"
	elif [ "$before" != "$after" ]; then
		fail "$(basename "$1") ${*:2}: the directory changed: $(echo "$after" | tr '\n' ' ')"
	else
		ok "[$rc] $(basename "$1") ${*:2}: $(cat "$tmp/err"); the input intact"
	fi
}
d=$tmp/same
mkdir -p "$d"
cp "$CAP/icmp-tracert-slow.pcap" "$d/t.pcap"
cp "$CAP/ftpclientdenied.pcap" "$d/c.pcap"
cp "$CAP/ftpserverdenied.pcap" "$d/s.pcap"
cp "$CAP/http-fault-post.pcap" "$d/p.pcap"
cp tests/fixtures/ptrace/delay.json "$d/r.json"
ln -s t.pcap "$d/tlink.pcap"
ln -s c.pcap "$d/clink.pcap"
ln -s r.json "$d/rlink.json"
ln -s nowhere.html "$d/dangling.html"
printf '198.18.2.0/24 isp Transit\n' >"$d/owners.txt"
PT=$BINDIR/ptrace-slow SP=$BINDIR/synprobe PP=$BINDIR/postprobe PR=$BINDIR/probe-report
refuse 64 "--report .*t.pcap is an input too \(-r .*t.pcap\)" "$d/t.pcap" -- \
    $PT -n -r "$d/t.pcap" --report "$d/t.pcap"
refuse 64 "is an input too" "$d/t.pcap" -- $PT -n -r "$d/tlink.pcap" --report "$d/t.pcap"
refuse 64 "--report .*tlink.pcap is an input too" "$d/t.pcap" -- $PT -n -r "$d/t.pcap" --report "$d/tlink.pcap"
sum=$(sha256sum <"$d/t.pcap")
$PT -n -r - --report "$d/t.pcap" <"$d/t.pcap" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 64 ] && grep -q 'is an input too (-r - (standard input))' "$tmp/err" && [ ! -s "$tmp/out" ] &&
    [ "$(sha256sum <"$d/t.pcap")" = "$sum" ] &&
    ok "[64] -r - --report FILE with FILE on standard input: $(cat "$tmp/err"); the input intact" ||
    fail "-r - --report FILE with FILE on standard input: exit $rc, $(cat "$tmp/err")"
refuse 64 "is an input too \(--owners" "$d/owners.txt" -- $PT -n -r "$d/t.pcap" --owners "$d/owners.txt" --report "$d/owners.txt"
refuse 64 "is an input too \(-r" "$d/c.pcap" -- $SP -n -r "$d/c.pcap" --server-capture "$d/s.pcap" --report "$d/c.pcap"
refuse 64 "is an input too \(--server-capture" "$d/s.pcap" -- $SP -n -r "$d/c.pcap" --server-capture "$d/s.pcap" --report "$d/s.pcap"
refuse 64 "is an input too \(-r" "$d/p.pcap" -- $PP -n -r "$d/p.pcap" --report "$d/p.pcap"
refuse 64 "-w .*p.pcap is an input too \(--data-binary" "$d/p.pcap" -- $PP --data-binary "@$d/p.pcap" -w "$d/p.pcap" http://198.18.3.2/
refuse 64 "--report's capture .*p.pcap is an input too \(-d" "$d/p.pcap" -- $PP -d "@$d/p.pcap" --report "$d/p.html" http://198.18.3.2/
refuse 64 "-o .*r.json is an input too \(.*r.json\)" "$d/r.json" -- $PR -o "$d/r.json" "$d/r.json"
refuse 64 "-o .*r.json is an input too" "$d/r.json" -- $PR -o "$d/r.json" "$d/rlink.json"
refuse 64 "-o .*owners.txt is an input too \(--owners" "$d/owners.txt" -- $PR --owners "$d/owners.txt" -o "$d/owners.txt" "$d/r.json"
# The same capture as both sides is one side twice, not two sides' evidence.
refuse 64 "--server-capture .*is the capture -r reads" "$d/c.pcap" -- $SP -n -r "$d/c.pcap" --server-capture "$d/c.pcap"
refuse 64 "--server-capture .*is the capture -r reads" "$d/c.pcap" -- $SP -n -r "$d/c.pcap" --server-capture "$d/clink.pcap"
# Two outputs that are one file; links at outputs, refused by every command alike.
refuse 64 "-w .*x.pcap and --report .*x.pcap are the same file" "$d/t.pcap" -- $PT -n -w "$d/x.pcap" --report "$d/x.pcap" 198.18.3.2
for c in "$PT -n -r $d/t.pcap" "$SP -n -r $d/c.pcap" "$PP -n -r $d/p.pcap"; do
	# shellcheck disable=SC2086
	refuse 73 "cannot create .*dangling.html: it is a symbolic link" "$d/t.pcap" -- $c --report "$d/dangling.html"
done
refuse 73 "cannot create .*dangling.html: it is a symbolic link" "$d/t.pcap" -- $PT -n -w "$d/dangling.html" 198.18.3.2
refuse 73 "cannot create .*dangling.html: it is a symbolic link" "$d/t.pcap" -- $PR -o "$d/dangling.html" "$d/r.json"
[ "$(readlink "$d/dangling.html")" = nowhere.html ] && [ ! -e "$d/nowhere.html" ] &&
    ok "the link at the output is still a link, and nothing was written through it" ||
    fail "the link at the output was replaced or written through"

# ---- a run that fails leaves the old target as it was, and no temporary file ----
o=$tmp/old
mkdir -p "$o"
printf 'the old report\n' >"$o/r.html"
chmod 600 "$o/r.html"
for run in "$PT -n -r Makefile" "$PT -n -r $CAP/ftpclientdenied.pcap" "$SP -n -r $CAP/icmp-tracert-slow.pcap" \
    "$PP -n -r $CAP/icmp-tracert-slow.pcap" "$PR tests/fixtures/ptrace/delay.json Makefile"; do
	opt=--report
	case $run in "$PR"*) opt=-o ;; esac
	# shellcheck disable=SC2086
	$run $opt "$o/r.html" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" -lt 64 ]; then
		fail "$run: exit $rc, expected a failure"
	elif [ "$(cat "$o/r.html")" != "the old report" ] || [ "$(ls -A "$o")" != r.html ]; then
		fail "$run (exit $rc): the directory holds $(ls -A "$o" | tr '\n' ' '), r.html '$(head -c 30 "$o/r.html")'"
	else
		ok "[$rc] $(basename "${run%% *}") fails: the old report byte for byte, no temporary file"
	fi
done
# And one that ends well replaces it, keeping its permissions.
$PT -n -r "$CAP/icmp-tracert-slow.pcap" --report "$o/r.html" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -le 2 ] && tail -c 20 "$o/r.html" | grep -q '</html>' && [ "$(stat -c %a "$o/r.html")" = 600 ] &&
    [ "$(ls -A "$o")" = r.html ]; then
	ok "[$rc] a run that ends well replaces the report whole, mode 600 kept, no temporary file"
else
	fail "a run that ends well (exit $rc): $(ls -lA "$o" | tr '\n' ' ')"
fi

# ---- a leftover of a killed run: removed by the next, unless a live run holds it ----
l=$tmp/left
mkdir -p "$l"
printf 'half a report' >"$l/.r.html.faultline-Ab12Cd34"
printf 'a live run' >"$l/.r.html.faultline-Zz98Yy76"
printf 'not ours' >"$l/.r.html.faultline-short"
if command -v flock >/dev/null; then
	flock "$l/.r.html.faultline-Zz98Yy76" sleep 30 &
	holder=$!
	sleep 0.2
	$PR -o "$l/r.html" tests/fixtures/ptrace/delay.json 2>"$tmp/err"
	got=$(ls -A "$l" | sort | tr '\n' ' ')
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
	[ "$got" = ".r.html.faultline-Zz98Yy76 .r.html.faultline-short r.html " ] &&
	    ok "a leftover temporary file removed by the next run; one a live run locks, and one not ours, kept" ||
	    fail "leftovers: the directory holds '$got'"
fi

# ---- --json: every failure is one JSON document with its error ----
jerr() {	# STATUS -- COMMAND ARGS...
	local want=$1 rc tool msg
	shift 2
	tool=$(basename "$1")
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	msg=$(sed "s/^$tool: //" "$tmp/err")
	if [ "$rc" -ne "$want" ]; then
		fail "$tool ${*:2}: exit $rc, expected $want"
	elif ! jq -e --arg t "$tool" --arg m "$msg" --argjson s "$want" \
	    '.tool == $t and (.version | length > 0) and .error.status == $s and .error.message == $m' \
	    "$tmp/out" >/dev/null 2>&1 || [ "$(jq -s length "$tmp/out" 2>/dev/null)" != 1 ]; then
		fail "$tool ${*:2}: stdout is not one document {tool, version, error {status $want, message}}: $(head -c 200 "$tmp/out")"
	else
		ok "[$rc] $tool ${*:2}: one JSON document, error $(jq -c .error "$tmp/out" | cut -c1-80)"
	fi
}
jerr 64 -- $PT --json -m abc 198.18.3.2
jerr 64 -- $PT -m abc --json 198.18.3.2
jerr 64 -- $PT --json --frobnicate 198.18.3.2
jerr 65 -- $PT --json -n -r Makefile
jerr 66 -- $PT --json -n -r /nonexistent.pcap
jerr 65 -- $PT --json -n -r "$CAP/ftpclientdenied.pcap"
jerr 64 -- $PT --json -n -r "$d/t.pcap" --report "$d/t.pcap"
jerr 64 -- $SP --json 198.18.3.2
jerr 65 -- $SP --json -n -r Makefile
jerr 64 -- $SP --json -n -r "$d/c.pcap" --server-capture "$d/c.pcap"
jerr 64 -- $PP --json
jerr 65 -- $PP --json -n -r Makefile
jerr 65 -- $PP --json -n -r "$CAP/icmp-tracert-slow.pcap"
# --json as -w's file name is not --json.
$PT -w --json -r x.pcap >"$tmp/out" 2>"$tmp/err"
[ ! -s "$tmp/out" ] && ok "-w --json: a file named --json, not JSON mode" ||
    fail "-w --json: wrote on stdout: $(head -c 80 "$tmp/out")"

# ---- the terminal: nothing that reorders or breaks a line ----
HAZARD='\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbb\xbf'
bidi=$tmp/$(printf 'a\xe2\x80\xaeb\xe2\x81\xa6c\xe2\x80\xa8d\xc2\x85e\xef\xbb\xbff')
mkdir -p "$bidi"
cp "$CAP/icmp-tracert-slow.pcap" "$bidi/t.pcap"
cp "$CAP/ftpclientdenied.pcap" "$bidi/c.pcap"
cp "$CAP/http-fault-post.pcap" "$bidi/p.pcap"
for run in "$PT t.pcap" "$SP c.pcap" "$PP p.pcap"; do
	set -- $run
	"$1" -n -r "$bidi/$2" >"$tmp/out" 2>&1
	"$1" -n -r "$bidi/$2" --json >"$tmp/out.json" 2>&1
	"$1" -n -r "$bidi/nonexistent" >/dev/null 2>"$tmp/err"
	if LC_ALL=C grep -qaP "$HAZARD" "$tmp/out" "$tmp/out.json" "$tmp/err"; then
		fail "$(basename "$1"): a bidirectional or separator code point reached the terminal"
	elif ! grep -qF 'a<U+202E>b<U+2066>c<U+2028>d<U+0085>e<U+FEFF>f' "$tmp/out" ||
	    ! grep -qF 'a<U+202E>b<U+2066>c<U+2028>d<U+0085>e<U+FEFF>f' "$tmp/err"; then
		fail "$(basename "$1"): the name is not shown by its code points' names: $(grep -a 'U+' "$tmp/out" | head -n 1)"
	elif [ "$(jq -r .capture.file "$tmp/out.json")" != "$bidi/$2" ]; then
		fail "$(basename "$1") --json: the name is not the same string: $(jq -c .capture.file "$tmp/out.json")"
	else
		ok "$(basename "$1"): text and errors show the code points by name, JSON as \\u escapes of the same name"
	fi
done

checks_end "command-line files"
