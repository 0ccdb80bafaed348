#!/bin/bash
# tests/lab/truth.sh: how often ptrace-slow is right on realistic paths.
# Runs each realistic scenario (tests/lab/t_real_*.sh) with LAB_RUNS runs
# inside one lab (set up once), then prints one row per expected verdict:
# scenario, expected, right of N, and the 95 % Wilson score interval of
# the rate (issue 11: each fault right in at least 57 of 60, each healthy
# path in all 60).
#
# usage: tests/lab/truth.sh [-n RUNS] [FILTER...]
#   -n RUNS   runs per scenario (default $TRUTH_RUNS, else 60)
#   FILTER    only the t_real_*.sh whose name contains one of these
#
# Environment: FL_BIN (the binaries, as run.sh), TRUTH_DIR (where each
# scenario's log, the table and the JSON and capture of every wrong run
# are kept; default $FL_BIN/truth), TRUTH_TIMEOUT (seconds per scenario,
# default 150 per run plus 300).  Root, like every lab test.  60 runs of
# the whole matrix take about an hour with today's ptrace-slow (5 runs:
# 6 minutes); figures taken while the machine is busy are noisy.
#
# Exit status: 0 when every row reaches its bar (all runs for a healthy
# path, 95 % for a fault), 1 otherwise, 2 on a usage error.

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
FL_BIN=$(cd "${FL_BIN:-$repo/build}" 2>/dev/null && pwd) || FL_BIN=${FL_BIN:-$repo/build}
export FL_BIN
runs=${TRUTH_RUNS:-60}
while getopts n:h o; do
	case $o in
	n) runs=$OPTARG ;;
	h) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
case $runs in ''|*[!0-9]*|0)
	echo "truth.sh: -n '$runs' is not a number of runs" >&2
	exit 2 ;;
esac
out=${TRUTH_DIR:-$FL_BIN/truth}
mkdir -p "$out" || exit 2
tmo=${TRUTH_TIMEOUT:-$((300 + runs * 150))}

tests=()
for t in "$here"/t_real_*.sh; do
	name=$(basename "$t" .sh)
	if [ $# -gt 0 ]; then
		match=
		for f in "$@"; do case $name in *"$f"*) match=1 ;; esac; done
		[ -n "$match" ] || continue
	fi
	tests+=("$name")
done
[ ${#tests[@]} -gt 0 ] || { echo "truth.sh: no t_real_*.sh matches: $*" >&2; exit 2; }

rows=$out/rows.txt
: >"$rows"
t_all=$(date +%s)
for name in "${tests[@]}"; do
	log=$out/$name.log
	t0=$(date +%s)
	LAB_RUNS=$runs REAL_KEEP=$out/wrong LAB_TEST_TIMEOUT=$tmo \
	    bash "$here/run.sh" "$name" >"$log" 2>&1
	secs=$(($(date +%s) - t0))
	n=$(grep -c 'truth-row:' "$log")
	[ "$(grep -cE '^(PASS|FAIL) ' "$log")" -le 1 ] ||
	    echo "truth.sh: warning: '$name' matched more than one test in run.sh" >&2
	echo "truth.sh: $name: $(tail -n 2 "$log" | head -n 1 | sed 's/^ *//') ($secs s, $n rows; log $log)"
	if [ "$n" = 0 ]; then
		# The lab never got as far as judging: every row unknown.
		echo "$name (no result: see $log)||0|0|1|$secs" >>"$rows"
		continue
	fi
	sed -n 's/^ *truth-row: //p' "$log" | sed "s/\$/|$secs/" >>"$rows"
done

# rows.txt: scenario | expected | right | N | needed | seconds
awk -F'|' -v z=1.96 '
function wilson(k, n, lo,   p, d, c, h) {
	if (n == 0) return lo ? 0 : 100
	p = k / n; d = 1 + z * z / n
	c = (p + z * z / (2 * n)) / d
	h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
	return 100 * (lo ? (c - h < 0 ? 0 : c - h) : (c + h > 1 ? 1 : c + h))
}
BEGIN {
	printf "%-26s %-64s %9s  %-15s %s\n", "scenario", "expected", "right", "95 % interval", "bar"
}
{
	need = $5
	ok = ($4 > 0 && $3 >= need)
	bad += !ok
	printf "%-26s %-64s %4d of %-3d [%5.1f, %5.1f] %%  %s\n", $1, substr($2, 1, 64), $3, $4,
	    wilson($3, $4, 1), wilson($3, $4, 0), ok ? "met" : "not met (" need ")"
}
END { exit bad > 0 }' "$rows" | tee "$out/table.txt"
rc=${PIPESTATUS[0]}

# What it said: per row, the answers of its runs (kind/cause@hop), most
# frequent first, so a row that is not met shows what the product did.
echo
echo "what ptrace-slow said (runs: kind[/cause]@hop, exit status):"
for name in "${tests[@]}"; do
	sed -n 's/^ *truth-run: \([^ ]*\) [0-9]* [a-z]* (exit \([0-9]*\), \([^ ]*\) hop \([^ ]*\) .*/\1 \3@\4 exit \2/p' \
	    "$out/$name.log"
done | sort | uniq -c | sort -k2,2 -k1,1nr | awk '
	$2 != row { if (row != "") print line; row = $2; line = sprintf("  %-26s", row) }
	{ line = line sprintf(" %dx %s (%s %s);", $1, $3, $4, $5) }
	END { if (row != "") print line }' | tee "$out/said.txt"
echo "truth.sh: $(wc -l <"$rows") rows, $runs runs each, $(($(date +%s) - t_all)) s; table in $out/table.txt"
exit "$rc"
