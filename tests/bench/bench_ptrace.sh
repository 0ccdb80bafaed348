#!/bin/bash
# Benchmark: ptrace-slow beside the tools an admin would otherwise run,
# mtr -r -c 10 and traceroute, in one run on the lab's slow path: a chain
# of three routers with 50 ms of one-way delay injected on r2 -> r3.
#
# For each tool, over $BENCH_RUNS runs (medians): wall time to a result,
# probes sent (an iptables counter on the client's OUTPUT chain), the rise
# it shows at hop 3 against the 50 ms injected (RTT error), peak memory,
# and what it concludes.  Ratios are other tool / ptrace-slow.  Nothing is
# asserted: the targets are reported (a verdict in under 3 s; mtr's
# report takes about 15 s there).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/../lab/lib.sh"

RUNS=${BENCH_RUNS:-3}
OUT=${BENCH_OUT:-$LAB_REPO/build/bench}
INJECT=50
mkdir -p "$OUT"
for t in mtr traceroute /usr/bin/time jq; do
	command -v "$t" >/dev/null || lab_die "$t missing: run 'make bench-deps'"
done

lab_init
lab_chain 3
lab_delay r2 "$(lab_dev_right r2)" "$INJECT"
S=$(lab_server_addr)
PT=$(lab_bin ptrace-slow)
lab_exec c iptables -N FLBENCH
lab_exec c iptables -A OUTPUT -d "$S" -j FLBENCH
lab_exec c iptables -A FLBENCH -j RETURN

probes() { lab_exec c iptables -L FLBENCH -v -x -n | awk '$3 == "RETURN" { print $1 }'; }
zero() { lab_exec c iptables -Z FLBENCH; }

# run NAME CMD...: one timed run; leaves wall, rss_kb, probes, and the
# tool's output in $OUT/NAME.out.
run() {
	local name=$1 t0 t1
	shift
	zero
	t0=$(date +%s.%N)
	lab_exec c /usr/bin/time -f "%M" -o "$OUT/$name.rss" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
	t1=$(date +%s.%N)
	wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	rss_kb=$(tail -n 1 "$OUT/$name.rss")
	probes=$(probes)
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The rise each tool shows between hop 2 and hop 3, in ms.
rise_ptrace() { jq '[.hops[] | select(.ttl == 3)][0].rtt_ms.p25 - [.hops[] | select(.ttl == 2)][0].rtt_ms.p25' "$1"; }
rise_mtr() {	# mtr -r: HOST Loss% Snt Last Avg Best Wrst StDev
	awk '$1 == "2.|--" { a = $6 } $1 == "3.|--" { b = $6 } END { printf "%.3f\n", b - a }' "$1"
}
rise_traceroute() {	# " 2  198.18.1.2  0.030 ms  0.012 ms  0.011 ms"
	awk '$1 == 2 || $1 == 3 { n = 0; s = 0; for (i = 3; i <= NF; i++) if ($(i + 1) == "ms") { s += $i; n++ }
	    m[$1] = n ? s / n : 0 } END { printf "%.3f\n", m[3] - m[2] }' "$1"
}

declare -A W P E R V
for tool in ptrace-slow mtr traceroute; do
	walls=() probes_l=() errs=() rss_l=()
	for i in $(seq "$RUNS"); do
		case $tool in
		ptrace-slow)
			run pt$i "$PT" -n --json "$S"
			rise=$(rise_ptrace "$OUT/pt$i.out")
			verdict=$(jq -r '"\(.verdict.kind) at hop \(.verdict.hop) (\(.verdict.cause)), +\(.verdict.added_ms) ms"' "$OUT/pt$i.out") ;;
		mtr)
			run mtr$i mtr -r -n -c 10 "$S"
			rise=$(rise_mtr "$OUT/mtr$i.out")
			verdict="a table; the reader must judge" ;;
		traceroute)
			run tr$i traceroute -n "$S"
			rise=$(rise_traceroute "$OUT/tr$i.out")
			verdict="a table; the reader must judge" ;;
		esac
		walls+=("$wall")
		probes_l+=("$probes")
		rss_l+=("$rss_kb")
		errs+=("$(awk -v r="$rise" -v i="$INJECT" 'BEGIN { e = r - i; printf "%.3f\n", e < 0 ? -e : e }')")
		lab_log "$tool run $i: wall $wall s, $probes probes, rise $rise ms, peak ${rss_kb} kB"
	done
	W[$tool]=$(printf '%s\n' "${walls[@]}" | median)
	P[$tool]=$(printf '%s\n' "${probes_l[@]}" | median)
	E[$tool]=$(printf '%s\n' "${errs[@]}" | median)
	R[$tool]=$(printf '%s\n' "${rss_l[@]}" | median)
	V[$tool]=$verdict
done

{
	echo "ptrace-slow vs mtr and traceroute on the lab slow path"
	echo "(c - r1 - r2 - r3 - s, $INJECT ms one-way delay on r2 -> r3; medians of $RUNS runs)"
	echo
	printf '%-22s %8s %8s %12s %10s  %s\n' tool "wall s" probes "|error| ms" "peak kB" "result"
	printf '%-22s %8s %8s %12s %10s  %s\n' "ptrace-slow" "${W[ptrace-slow]}" "${P[ptrace-slow]}" "${E[ptrace-slow]}" "${R[ptrace-slow]}" "${V[ptrace-slow]}"
	printf '%-22s %8s %8s %12s %10s  %s\n' "mtr -r -c 10" "${W[mtr]}" "${P[mtr]}" "${E[mtr]}" "${R[mtr]}" "${V[mtr]}"
	printf '%-22s %8s %8s %12s %10s  %s\n' "traceroute" "${W[traceroute]}" "${P[traceroute]}" "${E[traceroute]}" "${R[traceroute]}" "${V[traceroute]}"
	echo
	echo "ratios, other tool / ptrace-slow:"
	for t in mtr traceroute; do
		awk -v t="$t" -v w="${W[$t]}" -v pw="${W[ptrace-slow]}" -v p="${P[$t]}" -v pp="${P[ptrace-slow]}" \
		    -v r="${R[$t]}" -v pr="${R[ptrace-slow]}" 'BEGIN {
			printf "  %-12s wall %.1fx   probes %.2fx   peak memory %.2fx\n", t, w / pw, p / pp, r / pr }'
	done
	echo
	awk -v w="${W[ptrace-slow]}" 'BEGIN { printf "target: a correct verdict in under 3 s: %s (%.2f s)\n", w < 3 ? "met" : "NOT met", w }'
} | tee "$OUT/ptrace.txt"
lab_done
