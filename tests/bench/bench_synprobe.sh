#!/bin/bash
# Benchmark: synprobe beside nmap -sS -Pn --reason -p PORT, in one run on
# the lab chain (c - r1 - r2 - r3 - s), for an open port, a refused one,
# one the host's firewall drops, and one r2 drops on the path.  For each:
# wall time to a verdict (medians of $BENCH_RUNS runs), what each tool
# concludes, and the ratio nmap / synprobe.  Targets, reported and not
# asserted: open and refused within a few RTTs of the start; a located
# silent drop within 2 s (nmap needs about 1.3 s to say only "filtered").
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/../lab/lib.sh"

RUNS=${BENCH_RUNS:-3}
OUT=${BENCH_OUT:-$LAB_REPO/build/bench}
mkdir -p "$OUT"
for t in nmap jq; do
	command -v "$t" >/dev/null || lab_die "$t missing: run 'make bench-deps'"
done
lab_init
lab_chain 3
S=$(lab_server_addr)
SP=$(lab_bin synprobe)
lab_listen s 2121
lab_listen s 22
lab_exec s iptables -A INPUT -p tcp --dport 2123 -j DROP
lab_exec r2 iptables -A FORWARD -p tcp --dport 2124 -j DROP

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
clock() { date +%s.%N; }

declare -A SW NW SV NV
for case in open:2121 refused:2122 host-filtered:2123 path-filtered:2124; do
	name=${case%%:*} port=${case##*:}
	sw=() nw=()
	for i in $(seq "$RUNS"); do
		t0=$(clock)
		lab_exec c "$SP" -n --json "$S:$port" >"$OUT/syn-$name-$i.json" 2>/dev/null
		t1=$(clock)
		lab_exec c nmap -n -sS -Pn --reason -p "$port" "$S" >"$OUT/nmap-$name-$i.txt" 2>&1
		t2=$(clock)
		sw+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
		nw+=("$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.3f", b - a }')")
	done
	SW[$name]=$(printf '%s\n' "${sw[@]}" | median)
	NW[$name]=$(printf '%s\n' "${nw[@]}" | median)
	SV[$name]=$(jq -r '"\(.verdict.fault)/\(.verdict.kind)" + (if .verdict.hop then " hop \(.verdict.hop)" else "" end)' \
	    "$OUT/syn-$name-1.json")
	NV[$name]=$(awk -v p="$port/tcp" '$1 == p { $1 = ""; sub(/^ /, ""); print; exit }' "$OUT/nmap-$name-1.txt")
	lab_log "$name: synprobe ${sw[*]} s, nmap ${nw[*]} s"
done

{
	echo "synprobe vs nmap -sS -Pn --reason on the lab chain (medians of $RUNS runs)"
	echo
	printf '%-15s %12s %10s %7s  %-32s %s\n' case "synprobe s" "nmap s" ratio "synprobe says" "nmap says"
	for name in open refused host-filtered path-filtered; do
		printf '%-15s %12s %10s %6.1fx  %-32s %s\n' "$name" "${SW[$name]}" "${NW[$name]}" \
		    "$(awk -v a="${NW[$name]}" -v b="${SW[$name]}" 'BEGIN { print a / b }')" \
		    "${SV[$name]}" "${NV[$name]}"
	done
	echo
	echo "ratio = nmap wall time / synprobe wall time (above 1: synprobe is faster)."
	awk -v p="${SW[path-filtered]}" -v h="${SW[host-filtered]}" 'BEGIN {
	    printf "target: a located silent drop within 2 s: %s (path %.2f s, host %.2f s)\n",
	    (p < 2 && h < 2) ? "met" : "NOT met", p, h }'
} | tee "$OUT/synprobe.txt"
lab_done
