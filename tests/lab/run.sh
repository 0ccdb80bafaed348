#!/bin/bash
# tests/lab/run.sh: run the lab tests (tests/lab/t_*.sh), each in its own
# bash under timeout, and say which passed.
#
# usage: tests/lab/run.sh [FILTER...]
#   FILTER   run only tests whose name contains one of these strings
#            (e.g. "selftest", "t_ptrace_")
#
# Environment:
#   FL_BIN            where the binaries are (default <repo>/build; the lab
#                     helpers are in $FL_BIN/lab).  Nothing is built here:
#                     run "make all lab-tools" first.
#   LAB_TEST_TIMEOUT  seconds allowed per test (default 600)
#
# Each test's output is shown indented, then one line "PASS name (12.3 s)",
# or "FAIL name (...)"; a test that skips itself (exit status 77, e.g. not
# root) counts as failed, since it proved nothing.  Every
# test gets its own namespace prefix; if a killed test leaves namespaces
# behind, they are removed here and the test fails.  The last line is
# "N passed, N failed"; the exit status is 1 if any test failed (or none
# matched), else 0.

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
FL_BIN=$(cd "${FL_BIN:-$repo/build}" 2>/dev/null && pwd) || FL_BIN=${FL_BIN:-$repo/build}
export FL_BIN
timeout_s=${LAB_TEST_TIMEOUT:-600}
case $timeout_s in ''|*[!0-9]*)
	echo "run.sh: LAB_TEST_TIMEOUT '$timeout_s' is not a number of seconds" >&2
	exit 2 ;;
esac

tests=()
for t in "$here"/t_*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	if [ $# -gt 0 ]; then
		match=
		for f in "$@"; do
			case $name in *"$f"*) match=1 ;; esac
		done
		[ -n "$match" ] || continue
	fi
	tests+=("$t")
done

# Removes namespaces left by a test that was killed before its teardown;
# returns 1 if there were any.
sweep() {
	local prefix=$1 ns pids d found=0
	for ns in $(ip netns list 2>/dev/null |
	    awk -v p="$prefix-" 'index($1, p) == 1 { print $1 }'); do
		found=1
		pids=$(ip netns pids "$ns" 2>/dev/null)
		# shellcheck disable=SC2086
		[ -z "$pids" ] || kill -KILL $pids 2>/dev/null
		ip netns del "$ns" 2>/dev/null
		echo "    run.sh: removed leftover namespace $ns"
	done
	for d in "${TMPDIR:-/tmp}/$prefix".*; do
		[ -d "$d" ] && rm -rf "$d"
	done
	return $found
}

passed=0
failed=0
k=0
[ ${#tests[@]} -gt 0 ] || echo "run.sh: no lab test matches: $*"
for t in "${tests[@]}"; do
	name=$(basename "$t" .sh)
	k=$((k + 1))
	prefix=fl$$t$k$(printf "%03x" $((RANDOM % 4096)))
	start=$(date +%s.%N)
	LAB_PREFIX=$prefix timeout -k 15 "$timeout_s" bash "$t" 2>&1 |
	    sed -u 's/^/    /'
	rc=${PIPESTATUS[0]}
	secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	note=
	if ! sweep "$prefix"; then
		note=", left namespaces behind"
		[ "$rc" = 0 ] && rc=1
	fi
	case $rc in
	0)
		passed=$((passed + 1))
		echo "PASS $name ($secs s)" ;;
	77)
		# A skipped test proves nothing: it is not a pass.
		failed=$((failed + 1))
		echo "FAIL $name ($secs s, skipped: its requirements are missing)" ;;
	124)
		failed=$((failed + 1))
		echo "FAIL $name ($secs s, timed out after $timeout_s s$note)" ;;
	137)
		failed=$((failed + 1))
		echo "FAIL $name ($secs s, killed$note)" ;;
	*)
		failed=$((failed + 1))
		echo "FAIL $name ($secs s, exit $rc$note)" ;;
	esac
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ ${#tests[@]} -gt 0 ]
