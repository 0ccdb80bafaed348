#!/bin/bash
# Benchmark: pcap-triage reading a large mixed capture, side by side in one
# run with what a user would otherwise run on it: a bare libpcap read loop
# (pcap_read.c: the floor under any reader), tcpdump -r F -w /dev/null and
# tshark -r F -q -z expert (Wireshark's Expert Info, the nearest thing to
# a reading).
#
# The capture is made in the lab: the chain of two routers of the triage
# tests (MSS-sized segments, no offload super-segments), nginx in s, and at
# the client triage_mix.py's WORKERS threads fetching 2 KB, 200 KB and
# 2 MB objects over a new connection each (thousands of connections),
# about 200 DNS queries a second to a resolver on s, and a ping every
# 10 ms; tcpdump at the client's interface writes it until the file
# holds BENCH_TRIAGE_MB MB (default 1024).  The small capture is its first
# tenth by frames (editcap), BENCH_TRIAGE_MB / 10 MB.
#
# For each capture and tool, over BENCH_RUNS runs (default 3, the tools
# taking turns within a run): the median wall time, the rate (MB/s) and
# the peak resident memory (GNU time's %M).  Targets, stated and not
# asserted (issue 12): pcap-triage at least 0.5 x the bare loop's rate and
# at least 20 x tshark's; its peak memory flat (within 20 %) from the
# small capture to the large one.  Root; about 10 minutes at the default
# size and BENCH_RUNS=3, most of it tshark.  Outputs in $BENCH_OUT
# (triage.txt); BENCH_TRIAGE_KEEP=1 keeps the captures there.
# shellcheck source=tests/lab/triage_common.sh
. "$(dirname "$0")/../lab/triage_common.sh"

RUNS=${BENCH_RUNS:-3}
MB=${BENCH_TRIAGE_MB:-1024}
WORKERS=${BENCH_TRIAGE_WORKERS:-6}
OUT=${BENCH_OUT:-$LAB_REPO/build/bench}
case $RUNS$MB$WORKERS in *[!0-9]*) lab_die "BENCH_RUNS, BENCH_TRIAGE_MB and BENCH_TRIAGE_WORKERS must be numbers" ;; esac
mkdir -p "$OUT"
for t in tcpdump tshark editcap capinfos /usr/bin/time jq; do
	command -v "$t" >/dev/null || lab_die "$t missing (make bench-deps)"
done
tr_setup
S=$(lab_server_addr)
READ=$OUT/pcap_read
cc -O2 -Wall -o "$READ" "$LAB_REPO/tests/bench/pcap_read.c" -lpcap || lab_die "cannot build pcap_read"

# The capture: every frame at the client.  Nothing in the root namespace.
lab_nginx s 80
www=$(lab_nginx_dir s 80)/www
head -c 2000 /dev/zero >"$www/s.bin"
head -c 200000 /dev/zero >"$www/m.bin"
head -c 2000000 /dev/zero >"$www/l.bin"
names=()
for i in 1 2 3 4 5 6 7 8; do names+=("www$i.bench.lab.test=198.18.2.$((20 + i))"); done
tr_dns s answer "${names[@]}"
big=$(lab_file big.pcap)
small=$(lab_file small.pcap)
lab_bg c cap tcpdump -B 65536 -n -s 0 -i right -w "$big"
cap_pid=$LAB_LAST_PID
lab_wait_log "$(lab_file cap.log)" "listening on" 10 || lab_die "tcpdump did not start in c"
lab_bg c ping ping -q -i 0.01 -w 900 "$S"
ping_pid=$LAB_LAST_PID
lab_bg c mix "$(lab__py)" "$LAB_REPO/tests/bench/triage_mix.py" "$S" 80 "$S" 900 "$WORKERS" \
    "${names[@]%%=*}"
mix_pid=$LAB_LAST_PID
t0=$(date +%s)
want=$((MB * 1000000))
# Bounded: 900 s at most, whatever the machine's speed.
while [ "$(stat -c %s "$big" 2>/dev/null || echo 0)" -lt "$want" ]; do
	[ $(($(date +%s) - t0)) -lt 900 ] || lab_die "the capture reached only $(stat -c %s "$big") bytes in 900 s"
	kill -0 "$mix_pid" 2>/dev/null || lab_die "triage_mix.py stopped: $(cat "$(lab_file mix.log)")"
	sleep 1
done
made=$(($(date +%s) - t0))
lab_stop_pid "$mix_pid"
lab_stop_pid "$ping_pid"
lab_stop_pid "$cap_pid"
frames=$(capinfos -M -c -T "$big" | awk -F'\t' 'NR == 2 { print $2 }')
[ -n "$frames" ] && [ "$frames" -gt 0 ] || lab_die "capinfos cannot count $big"
editcap -r "$big" "$small" "1-$((frames / 10))" || lab_die "editcap cannot cut $small"
lab_log "capture: $(stat -c %s "$big") bytes, $frames frames in $made s"

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
TOOLS="pcap-triage pcap_read tcpdump tshark"
PT=$(lab_bin pcap-triage)
run_tool() {	# TOOL FILE: the command's wall s and peak kB, appended to OUT/triage.TOOL.SIZE
	local tool=$1 f=$2 size=$3 tf=$OUT/time.out
	case $tool in
	pcap-triage) set -- "$PT" --json -r "$f" ;;
	pcap_read) set -- "$READ" "$f" ;;
	tcpdump) set -- tcpdump -n -r "$f" -w /dev/null ;;
	tshark) set -- tshark -n -r "$f" -q -z expert ;;
	esac
	/usr/bin/time -f '%e %M' -o "$tf" "$@" >"$OUT/triage.$tool.$size.stdout" 2>"$OUT/triage.$tool.$size.stderr"
	rc=$?
	case $tool:$rc in pcap-triage:[012]|*:0) ;; *) lab_fail "$tool on $size capture: exit $rc"; return ;; esac
	tail -1 "$tf" >>"$OUT/triage.$tool.$size"
}
declare -A W=() R=() MBS=()
for size in small big; do
	f=${!size}
	bytes=$(stat -c %s "$f")
	for tool in $TOOLS; do : >"$OUT/triage.$tool.$size"; done
	for i in $(seq "$RUNS"); do
		for tool in $TOOLS; do run_tool "$tool" "$f" "$size"; done
	done
	for tool in $TOOLS; do
		W[$size.$tool]=$(awk '{ print $1 }' "$OUT/triage.$tool.$size" | median)
		R[$size.$tool]=$(awk '{ print $2 }' "$OUT/triage.$tool.$size" | median)
		MBS[$size.$tool]=$(awk -v b="$bytes" -v w="${W[$size.$tool]}" 'BEGIN { if (w > 0) printf "%.0f", b / 1e6 / w; else print "-" }')
	done
	lab_log "$size: $(jq -r '"verdict \(.verdict.kind // .top.kind // "-"); \(.findings | length) findings"' \
	    "$OUT/triage.pcap-triage.$size.stdout" 2>/dev/null)"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
{
	echo "pcap-triage vs a bare libpcap loop, tcpdump and tshark on a mixed lab capture"
	echo "($(stat -c %s "$big") bytes, $frames frames: $WORKERS HTTP workers, DNS, ping; small = first tenth of"
	echo " the frames, $(stat -c %s "$small") bytes; medians of $RUNS runs)"
	for size in small big; do
		echo
		echo "$size capture"
		printf '  %-12s %8s %8s %10s %14s\n' tool "wall s" "MB/s" "peak kB" "rate x triage"
		for tool in $TOOLS; do
			printf '  %-12s %8s %8s %10s %14s\n' "$tool" "${W[$size.$tool]}" "${MBS[$size.$tool]}" \
			    "${R[$size.$tool]}" "$(ratio "${MBS[$size.$tool]}" "${MBS[$size.pcap-triage]}")"
		done
	done
	echo
	echo "targets (stated, not asserted):"
	echo "  rate, pcap-triage / bare loop (big): $(ratio "${MBS[big.pcap-triage]}" "${MBS[big.pcap_read]}") (target >= 0.5)"
	echo "  rate, pcap-triage / tshark (big):    $(ratio "${MBS[big.pcap-triage]}" "${MBS[big.tshark]}") (target >= 20)"
	echo "  peak memory, big / small:            $(ratio "${R[big.pcap-triage]}" "${R[small.pcap-triage]}") (target <= 1.2; tshark $(ratio "${R[big.tshark]}" "${R[small.tshark]}"))"
} | tee "$OUT/triage.txt"
if [ -n "${BENCH_TRIAGE_KEEP:-}" ]; then
	mv "$big" "$small" "$OUT/"
fi
lab_done
