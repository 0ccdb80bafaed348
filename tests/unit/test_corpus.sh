#!/usr/bin/env bash
# The regression corpus (tests/corpus/TESTLIST): every line's capture
# through its command, built with ASan and UBSan, LeakSanitizer on.  A
# run passes when it exits with the line's status, no sanitizer reports
# anything, and its reading is the line's: with --json, verdict.kind (or,
# for "-", an error document whose status is the exit); as text, one
# line on stderr for an error, a reading on stdout otherwise.  ptrace-slow
# and synprobe get -n.  A leak on
# an error path makes the sanitized command exit 1, "fault found", so
# it fails here by its status as well as by its report.
#
#   tests/unit/test_corpus.sh [PATTERN]    only lines whose capture matches
set -u
cd "$(dirname "$0")/../.." || exit 2
SAN=$PWD/${FL_BIN:-${B:-build}}/san/bin
LIST=tests/corpus/TESTLIST
only=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh
checks_need jq

# LeakSanitizer is ASan's default on Linux; say so, whatever the caller's
# ASAN_OPTIONS, so that a leak is never let through by an environment.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:halt_on_error=1
export LC_ALL=C.UTF-8

for c in ptrace-slow synprobe postprobe pcap-triage probe-report; do
	if [ ! -x "$SAN/$c" ]; then
		echo "FAIL: $SAN/$c not built: run 'make unit-tests'"
		exit 1
	fi
done

runs=0 wrong=0

# The sanitizer's first words and the first frame of ours it names.
san_report() {
	local what frame
	what=$(grep -m1 -oE '(LeakSanitizer|AddressSanitizer|UndefinedBehaviorSanitizer|runtime error)[^(]*' "$1")
	frame=$(grep -E '^ +#[0-9]+ ' "$1" | grep -vE 'libsanitizer|asan_|ubsan_|lib(c|pcap)\.so|in (malloc|calloc|realloc|strdup)' |
	    head -n 1 | sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ in //')
	echo "$what${frame:+ at $frame}"
}

# run_one LINE# CAPTURE COMMAND STATUS KIND MODE OPTIONS...
run_one() {
	local n=$1 cap=$2 cmd=$3 want=$4 kind=$5 mode=$6 rc lines got outfile='' prev=''
	local -a argv
	shift 6
	argv=("$@")
	for o in "$@"; do
		case $prev in -o | --report) [[ $o == "$tmp"/* ]] && outfile=$o ;; esac
		prev=$o
	done
	rm -f "$tmp"/r.*
	[ "$mode" = json ] && argv=(--json "${argv[@]}")
	# No reverse lookups: the corpus is read, not the network (and a
	# lookup still under way at exit is glibc's allocation, not ours).
	case $cmd in ptrace-slow | synprobe) argv=(-n "${argv[@]}") ;; esac
	if [ "$cmd" = probe-report ]; then
		argv+=("$cap")
	else
		argv+=(-r "$cap")
	fi
	(cd tests/corpus && exec "$SAN/$cmd" "${argv[@]}") >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	runs=$((runs + 1))
	local what="line $n: $cmd ${argv[*]} ($mode)"
	if grep -qE 'Sanitizer|runtime error' "$tmp/err"; then
		[ "$rc" -ne "$want" ] && wrong=$((wrong + 1))
		fail "$what: exit $rc, expected $want: $(san_report "$tmp/err")"
		return
	fi
	if [ "$rc" -ne "$want" ]; then
		wrong=$((wrong + 1))
		fail "$what: exit $rc, expected $want ($(head -c 200 "$tmp/err" | tr '\n' '|'))"
		return
	fi
	if [ "$mode" = json ]; then
		if ! jq -e 'type == "object"' "$tmp/out" >/dev/null 2>&1 ||
		    [ "$(jq -s length "$tmp/out" 2>/dev/null)" != 1 ]; then
			fail "$what: standard output is not one JSON document: $(head -c 120 "$tmp/out" | cat -v)"
			return
		fi
		if [ "$kind" = - ]; then
			got=$(jq -r '.error.status // "none"' "$tmp/out")
			[ "$got" = "$want" ] || { fail "$what: error.status $got, expected $want"; return; }
		else
			got=$(jq -r '.verdict.kind // "none"' "$tmp/out")
			[ "$got" = "$kind" ] || { fail "$what: verdict $got, expected $kind"; return; }
		fi
	elif [ "$want" -ge 64 ]; then
		lines=$(wc -l <"$tmp/err")
		if [ "$lines" -ne 1 ] || ! grep -qE "^$cmd: " "$tmp/err"; then
			fail "$what: $lines lines on stderr, expected one: $(head -n 3 "$tmp/err" | tr '\n' '|')"
			return
		fi
	elif [ -z "$outfile" ] && [ ! -s "$tmp/out" ]; then
		fail "$what: exit $rc but nothing on standard output"
		return
	fi
	# An output file is all or nothing: there when the run ends well, not
	# begun when it fails.
	if [ -n "$outfile" ] && [ "$want" -le 2 ] && [ ! -s "$outfile" ]; then
		fail "$what: exit $rc but no $outfile"
		return
	elif [ -n "$outfile" ] && [ "$want" -gt 2 ] && [ -e "$outfile" ]; then
		fail "$what: exit $rc, yet $outfile was written"
		return
	fi
	ok "$what: $rc ${kind}"
}

n=0 lines=0
while IFS= read -r line || [ -n "$line" ]; do
	n=$((n + 1))
	case $line in '' | '#'*) continue ;; esac
	# shellcheck disable=SC2086 # the options are words, as in tcpdump's TESTLIST
	set -- $line
	if [ $# -lt 4 ]; then
		fail "line $n of $LIST: expected 'capture command status kind [options]': $line"
		continue
	fi
	cap=$1 cmd=$2 want=$3 kind=$4
	shift 4
	[ -n "$only" ] && [[ $cap != *$only* ]] && continue
	if [ "$want" -ne 66 ] && [ ! -e "tests/corpus/$cap" ]; then
		fail "line $n: tests/corpus/$cap does not exist (python3 tests/corpus/make.py)"
		continue
	fi
	lines=$((lines + 1))
	opts=()
	for o in "$@"; do
		opts+=("${o//%T/$tmp}")
	done
	if [ "$cmd" = probe-report ]; then
		run_one "$n" "$cap" "$cmd" "$want" "$kind" text "${opts[@]}"
	else
		run_one "$n" "$cap" "$cmd" "$want" "$kind" text "${opts[@]}"
		run_one "$n" "$cap" "$cmd" "$want" "$kind" json "${opts[@]}"
	fi
done <"$LIST"

[ "$lines" -gt 0 ] || fail "no line of $LIST ran"
echo "$lines lines, $runs runs; $wrong runs with the wrong exit status"
checks_end corpus
