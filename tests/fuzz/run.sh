#!/usr/bin/env bash
# Builds and runs the fuzz targets under ASan and UBSan (README.md):
# first every seed of a target's corpus once, then the fuzzer itself for
# FUZZ_SECONDS (default 20) on a copy of the corpus, so that what it
# finds never lands in the committed seeds.  A crash, leak, hang,
# sanitizer report or broken invariant fails the target; its input is
# kept in build/fuzz/crashes/ with the report beside it.  Ends with the
# line "N passed, N failed" that tests/run_all.sh reads.
#
#   tests/fuzz/run.sh [target...]
#   FUZZ_SECONDS=300 tests/fuzz/run.sh fuzz_capture
#
# Several runs may share the tree (make check from two shells): each
# gets its own directory under build/fuzz/runs/ (logs, and the corpus
# copy, removed at the end unless FUZZ_KEEP_CORPUS=1); the five newest
# are kept.
set -u
cd "$(dirname "$0")/../.." || exit 2

B=${B:-build}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
case $FUZZ_SECONDS in
''|*[!0-9]*)
	echo "run.sh: FUZZ_SECONDS must be a whole number of seconds, not '$FUZZ_SECONDS'" >&2
	exit 2 ;;
esac
if [ "$FUZZ_SECONDS" -gt 86400 ]; then
	echo "run.sh: FUZZ_SECONDS is more than a day" >&2
	exit 2
fi

dir=tests/fuzz
out=$B/fuzz
crashes=$out/crashes
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_packet fuzz_capture fuzz_http fuzz_report fuzz_baseline fuzz_locations fuzz_triage)

# Per-input limits.  After a crash the fuzzer starts again on the grown
# corpus, so that one known bug cannot end the run.
LIMITS=(-timeout=10 -rss_limit_mb=2048)
MAX_RESTARTS=100
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mkdir -p "$crashes" "$out/runs"
run=$(mktemp -d "$out/runs/$(date +%Y%m%d-%H%M%S)-XXXX") || exit 2
logs=$run
cleanup() {
	[ "${FUZZ_KEEP_CORPUS:-0}" = 1 ] || rm -rf "$run/work"
}
trap cleanup EXIT
# shellcheck disable=SC2012
ls -1dt "$out"/runs/*/ 2>/dev/null | tail -n +6 | xargs -r rm -rf

passed=0 failed=0

# Two runs must not build the same objects at once.
if ! flock "$out/.build.lock" make -s fuzz-build B="$B" >"$logs/build.log" 2>&1; then
	echo "FAIL fuzz-build (see $logs/build.log)"
	tail -n 20 "$logs/build.log"
	echo "0 passed, 1 failed"
	exit 1
fi

max_len() {
	case $1 in
	fuzz_capture|fuzz_baseline|fuzz_triage) echo 65536 ;;
	*) echo 16384 ;;
	esac
}

# The one-line verdict on a failed run: ours, the sanitizer's, libFuzzer's.
summary() {
	local s
	s=$(grep -a -m 1 -E 'invariant broken: ' "$1")
	[ -n "$s" ] || s=$(grep -a -m 1 -E '^SUMMARY: ' "$1" | sed 's/^SUMMARY: //')
	[ -n "$s" ] || s=$(grep -a -m 1 -E 'ERROR: libFuzzer: [a-z-]+' "$1")
	[ -n "$s" ] || s="exit status $2 without a report (killed at the time limit?)"
	printf '%s\n' "$s" | sed 's/[[:space:]]*$//'
}

# The head of the report: from the first error line on.
report_head() {
	awk '/ERROR: |runtime error|invariant broken|^==[0-9]+==/ { on = 1 }
	    on && n < 30 { print "    " $0; n++ }' "$1" | tr -d '\000'
}

declare -A known		# summary -> the input that first showed it
failures=()

# Every seed once.  A seed that fails is reported, and the seeds after it
# still run.  Sets nseeds and bad_seeds.
replay() {
	local t=$1 bin=$out/$1 log rc bad i n=0 s kept
	local -a list rest
	mapfile -t list < <(find "$dir/corpus/$t" -type f | LC_ALL=C sort)
	nseeds=${#list[@]}
	bad_seeds=()
	while [ ${#list[@]} -gt 0 ]; do
		n=$((n + 1))
		log=$logs/$t-replay-$n.log
		timeout -k 10 900 "$bin" "${LIMITS[@]}" "${list[@]}" >"$log" 2>&1
		rc=$?
		[ $rc -eq 0 ] && break
		bad=$(sed -n 's/^Running: //p' "$log" | tail -n 1)
		s=$(summary "$log" $rc)
		kept=$crashes/$t-$(basename "${bad:-startup}")
		[ -n "$bad" ] && cp "$bad" "$kept"
		cp "$log" "$kept.txt"
		echo "  $t: seed ${bad:-?} fails: $s"
		echo "  (report in $kept.txt)"
		report_head "$log"
		failures+=("$t: seed $(basename "${bad:-?}"): $s")
		[ -n "$bad" ] || return
		bad_seeds+=("$bad")
		known[$s]=$(basename "$bad")
		rest=()
		for i in "${!list[@]}"; do
			if [ "${list[$i]}" = "$bad" ]; then
				rest=("${list[@]:$((i + 1))}")
				break
			fi
		done
		list=("${rest[@]}")
	done
}

# The fuzzer on a copy of the corpus until FUZZ_SECONDS have passed.
# Sets runs, execs, cov, ft, new_crashes, known_hits.
fuzz() {
	local t=$1 bin=$out/$1 corpus=$run/work/$1 deadline left log rc art s b n=0
	local -a dict=()
	deadline=$((SECONDS + FUZZ_SECONDS))
	mkdir -p "$corpus"
	cp "$dir/corpus/$t"/* "$corpus"/
	for b in "${bad_seeds[@]}"; do
		rm -f "$corpus/$(basename "$b")"
	done
	[ -f "$dir/$t.dict" ] && dict=(-dict="$dir/$t.dict")
	while left=$((deadline - SECONDS)); [ $left -gt 0 ] && [ $n -lt $MAX_RESTARTS ]; do
		n=$((n + 1))
		log=$logs/$t-fuzz-$n.log
		timeout -k 10 $((left + 300)) "$bin" "${LIMITS[@]}" -max_total_time=$left \
		    -max_len="$(max_len "$t")" -print_final_stats=1 \
		    -artifact_prefix="$crashes/$t-" "${dict[@]}" "$corpus" >"$log" 2>&1
		rc=$?
		s=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
		execs=$((execs + ${s:-0}))
		s=$(grep -a -E '#[0-9]+[[:space:]]+(INITED|NEW|REDUCE|pulse|DONE) +cov: ' "$log" | tail -n 1)
		if [ -n "$s" ]; then
			cov=$(echo "$s" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
			ft=$(echo "$s" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
		fi
		[ $rc -eq 0 ] && break
		s=$(summary "$log" $rc)
		art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		[ -n "$art" ] || art=$crashes/$t-run-$n
		cp "$log" "$art.txt"
		if [ -n "${known[$s]:-}" ]; then
			known_hits=$((known_hits + 1))
		else
			new_crashes=$((new_crashes + 1))
			known[$s]=$(basename "$art")
			echo "  $t: fuzzing found: $s"
			echo "  (input $art; report in $art.txt)"
			report_head "$log"
			failures+=("$t: fuzzing: $s")
		fi
		# A crash before the fuzzing proper began would only recur.
		grep -a -q 'INITED' "$log" || break
	done
	runs=$n
}

t0=$SECONDS
for t in "${targets[@]}"; do
	if [ ! -x "$out/$t" ] || [ ! -d "$dir/corpus/$t" ]; then
		echo "FAIL $t (no such target or corpus)"
		failed=$((failed + 1))
		continue
	fi
	nfail=${#failures[@]}
	replay "$t"
	runs=0 execs=0 cov=- ft=- new_crashes=0 known_hits=0
	[ "$FUZZ_SECONDS" -gt 0 ] && fuzz "$t"
	ncorp=$(find "$run/work/$t" -type f 2>/dev/null | wc -l)
	rate=$((FUZZ_SECONDS > 0 ? execs / FUZZ_SECONDS : 0))
	detail="$nseeds seeds replayed; fuzzed $FUZZ_SECONDS s in $runs run(s): $execs inputs, ~$rate exec/s, cov $cov ft $ft, corpus $nseeds -> $ncorp"
	if [ "$known_hits" -gt 0 ]; then
		echo "  $t: the fuzzer hit already reported bugs $known_hits more time(s) and started again"
	fi
	if [ ${#failures[@]} -eq "$nfail" ]; then
		echo "PASS $t ($detail)"
		passed=$((passed + 1))
	else
		echo "FAIL $t (${#bad_seeds[@]} failing seed(s), $new_crashes new crash(es); $detail)"
		failed=$((failed + 1))
	fi
done

if [ ${#failures[@]} -gt 0 ]; then
	echo "failures (inputs and reports in $crashes/):"
	printf '  %s\n' "${failures[@]}"
fi
echo "fuzzing took $((SECONDS - t0)) s; logs in $logs/"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
