#!/bin/bash
# Benchmark: ptrace-slow beside the tools an admin would otherwise run,
# mtr -r -c 10, traceroute and scamper, in one run on three realistic
# paths (issue 11, acceptance 6).  One 15-hop path (14 routers, the
# server at hop 15) carries distance on every link, one-way ms per link
# $DELAYS with one long link (link 7: +50 ms round trip from hop 8 on),
# and every node runs the kernel's default ICMP rate limits, as real
# routers do (a burst of about 6 answers per prober, then 1 a second):
#
#   healthy     that path as it is: ptrace-slow should say clean
#   congested   link 9 (r9 -> r10) limited to 4 Mbit/s (tbf) and loaded
#               by bursty UDP from r8 (8 Mbit/s on ~80 ms, off ~100 ms,
#               as t_real_congestion_alone.sh): congested at hop 10
#   lossy       the load gone, 10 % loss on what r6 forwards toward the
#               server: lossy-link at hop 7 (the drops are seeded, LAB_SEED
#               else the queue number, so a bench repeats; set LAB_SEED
#               for another draw)
#
# For each path and tool, over $BENCH_RUNS runs (default 3; the tools take
# turns within a run): the median wall time to a result, probes sent (an
# iptables counter on the client's OUTPUT chain), peak memory
# (/usr/bin/time), and what it concludes: ptrace-slow's verdict (kind,
# hop, confidence, rounds); for the others, which give no verdict, the
# rises of the mean RTT of $RISE_MS ms or more over the hop before and
# the hop from which loss lasts to the destination, as a reader of their
# table would see them.  Ratios are other tool / ptrace-slow.  The targets
# are stated against the figures, never asserted: a latency verdict on
# the 15-hop path in under 5 s; loss placed only with the probes the
# statistics need under rate limiting (0.9^44 < 0.01: about 44 probes
# judged at the lossy hop to tell 10 % from 0 % at p < 0.01).  The script
# fails (exit 1) when a tool is missing or a run errors (a non-zero exit,
# ptrace-slow's 1 for a fault and 2 for inconclusive aside, a timeout, no
# output).  Root; 4 to 8 minutes at BENCH_RUNS=3 (ptrace-slow probes a
# lossy path for up to its 60 rounds, ~70 s).  Outputs in $BENCH_OUT
# (default build/bench): each run's output and ptrace.txt, the table.
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/../lab/lib.sh"

RUNS=${BENCH_RUNS:-3}
OUT=${BENCH_OUT:-$FL_BIN/bench}
RUN_TIMEOUT=${BENCH_RUN_TIMEOUT:-240}	# seconds, one tool's run
RISE_MS=10
NEED_JUDGED=44
ROUTERS=14
DELAYS="0 1 2 1 3 2 1 25 2 1 2 3 1 2 0"	# one way, links 0..14
LONG_HOP=8		# link 7's far end
CONG_ROUTER=r9 CONG_HOP=10
LOSS_ROUTER=r6 LOSS_HOP=7 LOSS_PCT=10
TOOLS="ptrace-slow mtr traceroute scamper"
PATHS="healthy congested lossy"
case $RUNS in ''|*[!0-9]*|0) lab_die "BENCH_RUNS '$RUNS' is not a number of runs" ;; esac
for t in mtr traceroute scamper /usr/bin/time jq; do
	command -v "$t" >/dev/null ||
	    lab_die "$t missing: make bench-deps, or apt-get install -y mtr-tiny traceroute scamper time jq"
done
mkdir -p "$OUT" || lab_die "cannot make $OUT"
rm -f "$OUT"/ptrace-*.out "$OUT"/ptrace-*.err "$OUT"/ptrace-*.rss

# Helpers and load outlast every run: the lossy runs are the longest
# (up to 60 rounds at ~1.25 s under the rate limits).
LAB_HELPER_SECONDS=$((300 + RUNS * 200))
lab_init
PT=$(lab_bin ptrace-slow)
lab_chain "$ROUTERS"
# shellcheck disable=SC2086
lab_link_delays $DELAYS
lab_ratelimit_default_all
S=$(lab_server_addr)
lab_exec c iptables -N FLBENCH
lab_exec c iptables -A OUTPUT -d "$S" -j FLBENCH
lab_exec c iptables -A FLBENCH -j RETURN

ERRORS=0
probes() { lab_exec c iptables -L FLBENCH -v -x -n | awk '$3 == "RETURN" { print $1 }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run FILE OK_STATUSES CMD...: one timed run in c; leaves wall, rss_kb,
# probes, the output in FILE.out; a run whose exit status is not in
# OK_STATUSES (a space-separated list), or that wrote nothing, counts as
# an error.
run() {
	local f=$1 ok=$2 t0 t1 rc
	shift 2
	lab_exec c iptables -Z FLBENCH
	t0=$(date +%s%N)
	timeout -k 5 "$RUN_TIMEOUT" ip netns exec "$(lab_ns c)" \
	    /usr/bin/time -f %M -o "$f.rss" "$@" >"$f.out" 2>"$f.err"
	rc=$?
	t1=$(date +%s%N)
	wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
	rss_kb=$(tail -n 1 "$f.rss" 2>/dev/null)
	case $rss_kb in ''|*[!0-9]*) rss_kb=0 ;; esac
	probes=$(probes)
	case " $ok " in *" $rc "*) ;; *)
		ERRORS=$((ERRORS + 1))
		lab_log "error: exit $rc from $*"
		lab_show "$f.err" ;;
	esac
	if [ ! -s "$f.out" ]; then
		ERRORS=$((ERRORS + 1))
		lab_log "error: no output from $*"
	fi
}

# Each other tool's table as "HOP MEAN_MS LOST SENT" per hop (MEAN_MS "-"
# when nothing answered), then one conclusion from it: the rises and the
# loss that lasts to the destination.
hops_mtr() {	# "  3.|-- 198.18.2.2  0.0%  10  7.4  6.7  6.4  7.4  0.3"
	awk '$1 ~ /^[0-9]+\.\|--$/ { h = $1 + 0; l = $3; sub(/%/, "", l)
	    lost = int(l * $4 / 100 + 0.5)
	    print h, ($2 == "???" || lost == $4) ? "-" : $6, lost, $4 }' "$1"
}
hops_traceroute() {	# " 2  198.18.1.2  2.331 ms  *  2.237 ms"; scamper's the same, one probe
	awk '$1 ~ /^[0-9]+$/ { n = 0; s = 0; lost = 0
	    for (i = 2; i <= NF; i++) {
		if ($i == "*") lost++
		else if ($(i + 1) == "ms") { s += $i; n++ } }
	    print $1, n ? s / n : "-", lost, n + lost }' "$1"
}
shows() {
	awk -v rise="$RISE_MS" '
	{ h[NR] = $1; m[NR] = $2; lost[NR] = $3; sent[NR] = $4 }
	END {
		r = ""; prev = 0
		for (i = 1; i <= NR; i++) {
			if (m[i] == "-") continue
			if (m[i] - prev >= rise) r = r sprintf(" h%d+%.0f", h[i], m[i] - prev)
			prev = m[i]
		}
		from = "none"
		if (NR && lost[NR] > 0)
			for (i = NR; i >= 1 && lost[i] > 0; i--) from = "h" h[i]
		printf "rise%s; loss from %s", r == "" ? " none" : r, from
		if (NR) printf " (dest %d/%d)", lost[NR], sent[NR]
		printf "\n"
	}'
}

# ptrace-slow's conclusion, and the key it is tallied by across runs.
pt_says() {
	jq -r '"\(.verdict.kind) h\(.verdict.hop // "-") \(.verdict.confidence // "-"), \(.stats.rounds) rounds, \(.duration_s) s" +
	    ([.findings[]? | select(.kind != "largest-step") | " [\(.kind) h\(.hop)]"] | unique | join(""))' "$1" 2>/dev/null
}
pt_key() {
	jq -r '"\(.verdict.kind) h\(.verdict.hop // "-") \(.verdict.confidence // "-")"' "$1" 2>/dev/null
}
# The lossy hop's count in a ptrace-slow run: "sent received lost missing".
pt_hop() {
	jq -r --argjson t "$2" '[.hops[]? | select(.ttl == $t)][0] |
	    "\(.sent // 0) \(.received // 0) \(.lost // 0) \(.missing // 0)"' "$1" 2>/dev/null
}
# The others' "rise h8 h10; loss from none" over runs: how often each hop.
tally_hops() {
	awk -F'; loss from ' '
	{ n = split($1, r, " ")
	  for (i = 2; i <= n; i++)
		if (r[i] == "none") none++
		else if (!(r[i] in rc)) { ro[++nr] = r[i]; rc[r[i]] = 1 }
		else rc[r[i]]++
	  if (!($2 in lc)) { lo[++nl] = $2; lc[$2] = 1 } else lc[$2]++ }
	END {
		printf "rise"
		for (i = 1; i <= nr; i++) for (j = i + 1; j <= nr; j++)
			if (substr(ro[j], 2) + 0 < substr(ro[i], 2) + 0) { t = ro[i]; ro[i] = ro[j]; ro[j] = t }
		for (i = 1; i <= nr; i++) printf " %s x%d", ro[i], rc[ro[i]]
		if (none) printf " none x%d", none
		printf "; loss from"
		for (i = 1; i <= nl; i++) printf " %s x%d", lo[i], lc[lo[i]]
		printf "\n"
	}'
}
tally() { sort | uniq -c | sort -rn | awk '{ n = $1; $1 = ""; sub(/^ /, ""); printf "%s%s x%d", (NR > 1 ? "; " : ""), $0, n }'; }

declare -A W P R SAYS ROUNDS DUR RIGHT
# What ptrace-slow should conclude on each path (jq, on its JSON).
declare -A EXPECT=(
	[healthy]='.verdict.kind == "clean"'
	[congested]=".verdict.kind == \"congested\" and .verdict.hop == $CONG_HOP"
	[lossy]="[.findings[]? | select(.kind == \"lossy-link\" and .hop == $LOSS_HOP)] | length > 0"
)
# bench PATH: every tool RUNS times on the path as it is now.
bench() {
	local path=$1 i tool f says
	local -A walls probes_l rss_l keys
	for i in $(seq "$RUNS"); do
		for tool in $TOOLS; do
			f=$OUT/ptrace-$path.$tool.$i
			case $tool in
			ptrace-slow)
				run "$f" "0 1 2" "$PT" -n --json "$S"
				says=$(pt_says "$f.out")
				[ -n "$says" ] || { ERRORS=$((ERRORS + 1)); lab_log "error: no JSON from ptrace-slow"; }
				keys[$tool]+="$(pt_key "$f.out")"$'\n'
				ROUNDS[$path]+="$(jq -r '.stats.rounds' "$f.out" 2>/dev/null) "
				jq -e "${EXPECT[$path]}" "$f.out" >/dev/null 2>&1 &&
				    RIGHT[$path]=$((${RIGHT[$path]:-0} + 1))
				DUR[$path]+="$(jq -r '.duration_s' "$f.out" 2>/dev/null) "
				[ "$path" = lossy ] && lab_log "ptrace-slow run $i, hop $LOSS_HOP sent/received/lost/missing: $(pt_hop "$f.out" "$LOSS_HOP")" ;;
			mtr)
				run "$f" 0 mtr -r -n -c 10 "$S"
				says=$(hops_mtr "$f.out" | shows) ;;
			traceroute)
				run "$f" 0 traceroute -n "$S"
				says=$(hops_traceroute "$f.out" | shows) ;;
			scamper)
				run "$f" 0 scamper -c 'trace -P icmp-paris' -i "$S"
				says=$(hops_traceroute "$f.out" | shows) ;;
			esac
			[ "$tool" = ptrace-slow ] || keys[$tool]+="$(sed 's/ (dest [^)]*)//; s/+[0-9]*//g' <<<"$says")"$'\n'
			walls[$tool]+="$wall "
			probes_l[$tool]+="$probes "
			rss_l[$tool]+="$rss_kb "
			lab_log "$path run $i $tool: $wall s, $probes probes, peak $rss_kb kB: $says"
		done
	done
	for tool in $TOOLS; do
		W[$path.$tool]=$(tr ' ' '\n' <<<"${walls[$tool]}" | grep . | median)
		P[$path.$tool]=$(tr ' ' '\n' <<<"${probes_l[$tool]}" | grep . | median)
		R[$path.$tool]=$(tr ' ' '\n' <<<"${rss_l[$tool]}" | grep . | median)
		if [ "$tool" = ptrace-slow ]; then
			SAYS[$path.$tool]=$(grep . <<<"${keys[$tool]}" | tally)
		else
			SAYS[$path.$tool]=$(grep . <<<"${keys[$tool]}" | tally_hops)
		fi
	done
}

lab_log "path healthy: distance only"
bench healthy

lab_log "path congested: $CONG_ROUTER right at 4 Mbit/s, loaded from r8"
lab_tbf "$CONG_ROUTER" right 4mbit
lab_blast r8 "$(lab_hop_addr "$CONG_HOP")" 8000 "$LAB_HELPER_SECONDS"
LOAD=$LAB_LAST_PID
lab_wait_loaded "$CONG_ROUTER" right 2 || lab_die "the load never filled $CONG_ROUTER's queue"
bench congested
lab_stop_pid "$LOAD"
lab_exec "$CONG_ROUTER" tc qdisc del dev right root

lab_log "path lossy: $LOSS_PCT % loss out of $LOSS_ROUTER right"
lab_loss "$LOSS_ROUTER" right "$LOSS_PCT"
bench lossy

label() {
	case $1 in
	ptrace-slow) echo "ptrace-slow -n --json" ;;
	mtr) echo "mtr -r -n -c 10" ;;
	traceroute) echo "traceroute -n" ;;
	scamper) echo "scamper trace icmp-paris" ;;
	esac
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "-" }'; }
# target PATH KIND: the latency target against ptrace-slow's runs.
latency_target() {
	local path=$1 kind=$2 w=${W[$1.ptrace-slow]} r d
	r=$(xargs <<<"${ROUNDS[$path]}" | tr ' ' ,)
	d=$(xargs <<<"${DUR[$path]}" | tr ' ' ,)
	awk -v w="$w" -v k="$kind" -v p="$path" -v r="$r" -v d="$d" -v ok="${RIGHT[$path]:-0}" -v n="$RUNS" 'BEGIN {
	    printf "  %-9s a latency verdict on 15 hops in under 5 s: %s, median %.2f s; %s in %d of %d runs (rounds %s; duration_s %s)\n",
		p, (w < 5 ? "met" : "NOT met"), w, k, ok, n, r, d }'
}

# loss_target FILE RUN: where ptrace-slow placed the loss in one lossy
# run, after how long, and on how many judged probes (answered or lost,
# not rate-limited) at the hop it placed it at, or at the lossy hop when
# it placed none.
loss_target() {
	jq -r --arg i "$2" --argjson h "$LOSS_HOP" --argjson need "$NEED_JUDGED" --arg pct "$LOSS_PCT" '
	    def judged($t): [.hops[]? | select(.ttl == $t)][0] // {} |
		"\((.received // 0) + (.lost // 0)) judged (\(.sent // 0) sent, \(.lost // 0) lost, \(.missing // 0) rate-limited)";
	    def n($t): [.hops[]? | select(.ttl == $t)][0] // {} | (.received // 0) + (.lost // 0);
	    ([.findings[]? | select(.kind == "lossy-link") | .hop] | unique) as $at |
	    ([.hops[]? | select(.flags | index("destination"))][0] // {}) as $d |
	    "  lossy run \($i): " +
	    (if ($at | length) > 0 then
		"loss placed at hop \($at | map(tostring) | join(","))" +
		(if ($at | index($h)) then "" else " (not \($h))" end) +
		" after \(.stats.rounds) rounds, \(.duration_s) s, on " + judged($at[0]) + " there" +
		(if n($at[0]) < $need then ": EARLIER than the \($need) the statistics need" else "" end)
	     else
		"loss NOT placed after \(.stats.rounds) rounds, \(.duration_s) s; hop \($h): " + judged($h) +
		(if n($h) < $need then ", too few to rule \($pct) % loss out" else "" end)
	     end) +
	    "; destination \($d.lost // 0) of \($d.sent // 0) lost; verdict \(.verdict.kind) h\(.verdict.hop // "-") \(.verdict.confidence // "-")"' \
	    "$1" 2>/dev/null || echo "  lossy run $2: no JSON"
}

{
	echo "ptrace-slow vs mtr, traceroute and scamper on realistic paths"
	echo "(c - r1 ... r$ROUTERS - s, server at hop 15; one-way ms per link: $DELAYS;"
	echo " default ICMP rate limits on every node; medians of $RUNS runs; ratios other / ptrace-slow)"
	for path in $PATHS; do
		echo
		case $path in
		healthy) echo "healthy: distance only; expected clean (largest step hop $LONG_HOP, +50 ms: a long link)" ;;
		congested) echo "congested: $CONG_ROUTER -> r$CONG_HOP tbf 4 Mbit/s + bursty 8 Mbit/s load; expected congested at hop $CONG_HOP" ;;
		lossy) echo "lossy: $LOSS_PCT % loss $LOSS_ROUTER -> r$LOSS_HOP; expected lossy-link at hop $LOSS_HOP" ;;
		esac
		printf '  %-25s %7s %7s %8s %7s %7s %7s  %s\n' tool "wall s" probes "peak kB" "wall x" "probe x" "peak x" "concludes (runs)"
		for tool in $TOOLS; do
			printf '  %-25s %7s %7s %8s %7s %7s %7s  %s\n' "$(label "$tool")" \
			    "${W[$path.$tool]}" "${P[$path.$tool]}" "${R[$path.$tool]}" \
			    "$(ratio "${W[$path.$tool]}" "${W[$path.ptrace-slow]}")" \
			    "$(ratio "${P[$path.$tool]}" "${P[$path.ptrace-slow]}")" \
			    "$(ratio "${R[$path.$tool]}" "${R[$path.ptrace-slow]}")" \
			    "$([ "$tool" = ptrace-slow ] || echo "no verdict: ")${SAYS[$path.$tool]}"
		done
	done
	echo
	echo "(others: 'rise hN' = the mean RTT steps up >= $RISE_MS ms at hop N; 'loss from hN' = loss at"
	echo " every hop from N to the destination; mtr, traceroute and scamper give no verdict)"
	echo
	echo "targets (stated, not asserted):"
	latency_target healthy clean
	latency_target congested congested
	for i in $(seq "$RUNS"); do
		loss_target "$OUT/ptrace-lossy.ptrace-slow.$i.out" "$i"
	done
	echo
	[ "$ERRORS" = 0 ] && echo "runs: all ended well" || echo "runs: $ERRORS ERRORS (see above)"
} | tee "$OUT/ptrace.txt"
[ "$ERRORS" = 0 ] || lab_fail "$ERRORS run(s) errored or a tool gave no output"
lab_done
