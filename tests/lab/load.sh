#!/usr/bin/env bash
# tests/lab/load.sh: the lab suite (or the tests matching FILTER) on a busy
# machine.  Starts LOAD_LOOPS CPU-bound loops (default 2, one per core
# here), each bounded by timeout and stopped at the end, runs
# tests/lab/run.sh, then reads its log: every verdict the probes gave, and
# every failed check, sorted into
#
#   inconclusive  the run said inconclusive (ptrace-slow) or unknown
#                 (synprobe, postprobe): the product could not be sure,
#                 which is allowed under load
#   wrong         any other failed check: a wrong verdict, hop or figure,
#                 or a lab that did not work
#
# No threshold is changed for the run.  Exit status 0 when nothing is
# wrong.
#
#   tests/lab/load.sh [FILTER...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
loops=${LOAD_LOOPS:-2}
case $loops in ''|*[!0-9]*) echo "load.sh: LOAD_LOOPS must be a number" >&2; exit 2 ;; esac
log=${LOAD_LOG:-$(mktemp /tmp/faultline-load.XXXXXX)}

pids=()
stop_loops() {
	[ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
	wait 2>/dev/null
	pids=()
}
trap stop_loops EXIT
for _ in $(seq "$loops"); do
	# Bounded even if this script is killed: timeout ends the loop.
	timeout 7200 bash -c 'while :; do :; done' &
	pids+=("$!")
done
echo "load.sh: $loops CPU-bound loops running (pids ${pids[*]}); lab log in $log"
bash "$here/run.sh" "$@" >"$log" 2>&1
rc=$?
stop_loops
grep -E '^(PASS|FAIL) ' "$log"

# Verdict lines are "lab: NAME: [CMD ARGS:] exit N[ after S s], verdict:
# {...}" (the *_common.sh runners); failed checks
# "FAIL: NAME: ...".  A failure belongs to the run it names.
awk '
	function kindof(j,   m) {
		if (match(j, /"kind":"[^"]*"/)) return substr(j, RSTART + 8, RLENGTH - 9)
		return ""
	}
	function faultof(j) {
		if (match(j, /"fault":"[^"]*"/)) return substr(j, RSTART + 9, RLENGTH - 10)
		return ""
	}
	/^(PASS|FAIL) t_/ { delete verdict; test = $2; next }
	/^    lab: [^ ]+: .*exit [0-9]+.*, verdict: / {
		name = $2; sub(/:$/, "", name)
		j = $0; sub(/.*verdict: /, "", j)
		verdict[name] = j; runs++
		k = kindof(j); f = faultof(j)
		if (k == "inconclusive" || f == "unknown") unsure++
		next
	}
	/^    FAIL: / {
		line = $0; sub(/^    FAIL: /, "", line)
		name = line; sub(/:.*/, "", name)
		j = (name in verdict) ? verdict[name] : ""
		if (j != "" && (kindof(j) == "inconclusive" || faultof(j) == "unknown")) {
			inc++; print "load.sh: inconclusive: " line
		} else {
			wrong++; print "load.sh: WRONG: " line (j != "" ? " (verdict " j ")" : "")
		}
	}
	END {
		printf "load.sh: %d probe runs, %d of them inconclusive or unknown; %d failed checks on such runs, %d other failed checks\n",
		    runs, unsure, inc, wrong
		exit wrong > 0
	}' "$log"
wrong_rc=$?
tail -n 1 "$log"
[ "$wrong_rc" = 0 ]
