#!/usr/bin/env bash
# Runs every test suite and ends with one line, "N passed, N failed",
# counting individual test cases: cmocka cases, shell checks, fuzz
# targets and lab tests.  A run that executed nothing fails.
#
#   tests/run_all.sh [--no-lab] [--no-fuzz]
set -u
cd "$(dirname "$0")/.." || exit 2
B=${B:-build}
lab=1 fuzz=1
for a in "$@"; do
	case $a in
	--no-lab) lab=0 ;;
	--no-fuzz) fuzz=0 ;;
	*) echo "usage: $0 [--no-lab] [--no-fuzz]" >&2; exit 2 ;;
	esac
done

passed=0 failed=0
failures=()
log_dir=$B/test-logs
mkdir -p "$log_dir"

# One cmocka program: count its cases from its own summary lines.
run_cmocka() {
	local bin=$1 name log p f
	name=$(basename "$bin")
	log=$log_dir/$name.log
	CMOCKA_MESSAGE_OUTPUT=stdout timeout 300 "$bin" >"$log" 2>&1
	local rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0} f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or sanitizer report: not a pass
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1	# ran nothing
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		failures+=("$name")
		echo "FAIL $name ($p passed, $f failed; see $log)"
		grep -E '^\[  (FAILED|  ERROR)|ERROR|runtime error|AddressSanitizer' "$log" | head -n 20
	else
		echo "PASS $name ($p cases)"
	fi
}

# One script that exits 0 on success.
run_script() {
	local s=$1 name log t0 t1
	name=$(basename "$s")
	log=$log_dir/$name.log
	t0=$(date +%s)
	timeout 600 bash "$s" >"$log" 2>&1
	local rc=$?
	t1=$(date +%s)
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		echo "PASS $name ($((t1 - t0)) s)"
	else
		failed=$((failed + 1))
		failures+=("$name")
		echo "FAIL $name (exit $rc; see $log)"
		tail -n 20 "$log"
	fi
}

echo "== unit tests (ASan/UBSan)"
for bin in "$B"/tests/test_*; do
	[ -x "$bin" ] && run_cmocka "$bin"
done
for s in tests/unit/test_*.sh; do
	[ -f "$s" ] && run_script "$s"
done

if [ "$fuzz" -eq 1 ] && [ -f tests/fuzz/run.sh ]; then
	echo "== fuzz targets (bounded, ASan/UBSan)"
	bash tests/fuzz/run.sh >"$log_dir/fuzz.log" 2>&1
	rc=$?
	fp=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log_dir/fuzz.log" | tail -n 1)
	ff=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log_dir/fuzz.log" | tail -n 1)
	fp=${fp:-0} ff=${ff:-0}
	[ "$rc" -ne 0 ] && [ "$ff" -eq 0 ] && ff=1
	[ "$fp" -eq 0 ] && [ "$ff" -eq 0 ] && ff=1
	grep -E '^(PASS|FAIL)' "$log_dir/fuzz.log"
	passed=$((passed + fp))
	failed=$((failed + ff))
	[ "$ff" -gt 0 ] && failures+=("fuzz")
fi

if [ "$lab" -eq 1 ]; then
	echo "== lab tests (network namespaces, root)"
	if [ "$(id -u)" -ne 0 ]; then
		echo "FAIL lab: the lab tests need root (use 'make unit-check' without root)"
		failed=$((failed + 1))
		failures+=("lab")
	else
		FL_BIN=$PWD/$B bash tests/lab/run.sh >"$log_dir/lab.log" 2>&1
		rc=$?
		lp=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log_dir/lab.log" | tail -n 1)
		lf=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log_dir/lab.log" | tail -n 1)
		lp=${lp:-0} lf=${lf:-0}
		[ "$rc" -ne 0 ] && [ "$lf" -eq 0 ] && lf=1
		[ "$lp" -eq 0 ] && [ "$lf" -eq 0 ] && lf=1
		grep -E '^(PASS|FAIL)' "$log_dir/lab.log"
		passed=$((passed + lp))
		failed=$((failed + lf))
		[ "$lf" -gt 0 ] && failures+=("lab")
	fi
fi

if [ "${#failures[@]}" -gt 0 ]; then
	echo "failed: ${failures[*]} (logs in $log_dir)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
