#!/bin/bash
# Benchmark: postprobe beside a bare curl -w, in one run on the lab chain
# with 10 ms of one-way delay on r1 -> r2 (so every phase is measurable),
# nginx in the server, for a quick endpoint (/ok) and a 2 s one (/slow).
#
# Over $BENCH_RUNS runs each (median): the phase timings of
#   curl -w              (namelookup, connect, pretransfer, starttransfer, total)
#   postprobe's libcurl  (the same clock, inside postprobe)
#   postprobe's packets  (SYN to SYN-ACK, last request byte to first answer byte...)
# whether they agree within max(1 ms, 5 %), and the wall time of
# postprobe (with and without its locating probes) over curl's.  Targets,
# reported and not asserted: agreement; overhead under 1.2x.  Beside
# them, the floor under any capturing tool: a libpcap handle opened and
# closed (pcap_floor.c).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/../lab/lib.sh"

RUNS=${BENCH_RUNS:-20}
OUT=${BENCH_OUT:-$LAB_REPO/build/bench}
mkdir -p "$OUT"
command -v curl >/dev/null && command -v jq >/dev/null || lab_die "curl and jq needed"
lab_init
lab_chain 3
S=$(lab_server_addr)
PP=$(lab_bin postprobe)
lab_delay r1 "$(lab_dev_right r1)" 10
lab_backend_sleep s 8081 2
lab_nginx s 80
# The floor under any capturing tool: a libpcap handle opened and closed.
FLOOR=$OUT/pcap_floor
cc -O2 -Wall -o "$FLOOR" "$LAB_REPO/tests/bench/pcap_floor.c" -lpcap || lab_die "cannot build pcap_floor"
: >"$OUT/floor.txt"
for i in $(seq "$RUNS"); do
	lab_exec c "$FLOOR" >>"$OUT/floor.txt" || lab_die "pcap_floor failed"
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
clock() { date +%s.%N; }
col() { awk -v c="$1" '{ print $c }' "$2" | median; }

for ep in ok slow; do
	: >"$OUT/curl-$ep.txt"
	: >"$OUT/pp-$ep.txt"
	: >"$OUT/wall-$ep.txt"
	for i in $(seq "$RUNS"); do
		t0=$(clock)
		lab_exec c curl -s -o /dev/null -d a=1 -w \
		    '%{time_namelookup} %{time_connect} %{time_pretransfer} %{time_starttransfer} %{time_total}\n' \
		    "http://$S/$ep" >>"$OUT/curl-$ep.txt"
		t1=$(clock)
		lab_exec c "$PP" --json --no-probe -d a=1 "http://$S/$ep" >"$OUT/pp.json" 2>/dev/null
		t2=$(clock)
		lab_exec c "$PP" --json -d a=1 "http://$S/$ep" >/dev/null 2>&1
		t3=$(clock)
		# libcurl's clock (s, like curl -w) and the packets' (ms)
		jq -r '[.libcurl_ms.namelookup, .libcurl_ms.connect, .libcurl_ms.pretransfer,
		    .libcurl_ms.starttransfer, .libcurl_ms.total, .timing_ms.connect,
		    .timing_ms.server_wait, .timing_ms.transfer] | map(. // -1) |
		    "\(.[0]/1000) \(.[1]/1000) \(.[2]/1000) \(.[3]/1000) \(.[4]/1000) \(.[5]) \(.[6]) \(.[7])"' \
		    "$OUT/pp.json" >>"$OUT/pp-$ep.txt"
		awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN { printf "%.4f %.4f %.4f\n", b - a, c - b, d - c }' \
		    >>"$OUT/wall-$ep.txt"
	done
done

agree() {	# A B (ms): within max(1 ms, 5 %)?
	awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; t = (a > b ? a : b) * 0.05;
	    if (t < 1) t = 1; print (d <= t) ? "yes" : "NO" }'
}
{
	echo "postprobe vs curl -w on the lab chain (10 ms one-way on r1 -> r2; medians of $RUNS runs)"
	for ep in ok slow; do
		c=$OUT/curl-$ep.txt p=$OUT/pp-$ep.txt w=$OUT/wall-$ep.txt
		echo
		echo "POST /$ep"
		printf '  %-26s %10s %12s %12s %7s\n' phase "curl -w" "pp libcurl" "pp packets" agree
		# phases in ms: connect = connect - namelookup; wait = starttransfer - pretransfer
		cc=$(awk '{ print ($2 - $1) * 1000 }' "$c" | median)
		pc=$(awk '{ print ($2 - $1) * 1000 }' "$p" | median)
		kc=$(col 6 "$p")
		printf '  %-26s %10.2f %12.2f %12.2f %7s\n' "connect" "$cc" "$pc" "$kc" "$(agree "$cc" "$pc")/$(agree "$pc" "$kc")"
		cw=$(awk '{ print ($4 - $3) * 1000 }' "$c" | median)
		pw=$(awk '{ print ($4 - $3) * 1000 }' "$p" | median)
		kw=$(col 7 "$p")
		printf '  %-26s %10.2f %12.2f %12.2f %7s\n' "request + server wait" "$cw" "$pw" "$kw" "$(agree "$cw" "$pw")/$(agree "$pw" "$kw")"
		ct=$(awk '{ print ($5 - $4) * 1000 }' "$c" | median)
		pt=$(awk '{ print ($5 - $4) * 1000 }' "$p" | median)
		kt=$(col 8 "$p")
		printf '  %-26s %10.2f %12.2f %12.2f %7s\n' "transfer" "$ct" "$pt" "$kt" "$(agree "$ct" "$pt")"
		ctot=$(awk '{ print $5 * 1000 }' "$c" | median)
		ptot=$(awk '{ print $5 * 1000 }' "$p" | median)
		printf '  %-26s %10.2f %12.2f %12s %7s\n' "total" "$ctot" "$ptot" "" "$(agree "$ctot" "$ptot")"
		wc=$(col 1 "$w") wn=$(col 2 "$w") wp=$(col 3 "$w")
		awk -v c="$wc" -v n="$wn" -v p="$wp" 'BEGIN {
		    printf "  wall: curl %.3f s, postprobe --no-probe %.3f s (%.2fx), with probes %.3f s (%.2fx)\n",
		    c, n, n / c, p, p / c }'
	done
	echo
	awk '{ print $1 }' "$OUT/floor.txt" | median >"$OUT/floor-open"
	awk '{ print $2 }' "$OUT/floor.txt" | median >"$OUT/floor-close"
	printf 'capture floor: opening a libpcap handle %.1f ms, closing it %.1f ms (medians; kernel RCU grace\n' \
	    "$(cat "$OUT/floor-open")" "$(cat "$OUT/floor-close")"
	echo "periods in packet_set_ring and packet_release): every capturing tool pays this, curl does not."
	echo
	echo "agree: curl -w vs postprobe's libcurl / postprobe's libcurl vs its packets, within max(1 ms, 5 %)."
	echo "Packets time the request's last byte to the answer's first; libcurl's starttransfer - pretransfer"
	echo "includes sending the request, so on a fast link they differ by the request's own time."
} | tee "$OUT/postprobe.txt"
lab_done
