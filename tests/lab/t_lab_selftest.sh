#!/bin/bash
# t_lab_selftest.sh: the lab checks itself, with standard tools only (ping,
# traceroute), before any product test trusts it.  On a chain of three
# routers, every fault in lib.sh must do what it claims at the network
# level, the root namespace must never see a lab address or route, and
# teardown must leave no namespace or process behind.  Measured numbers are
# printed ("lab: ..." lines) for README.md.

# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"

lab_init
assert_cmd "root namespace has no lab address or route before the lab" \
    lab_root_clean

lab_chain 3
S=$(lab_server_addr)
S6=$(lab_server_addr6)
assert_cmd "root namespace has no lab address or route while the lab is up" \
    lab_root_clean

# --- the address rule, as traceroute sees it --------------------------------
path=$(lab_exec c traceroute -n -I -q 1 -w 2 "$S" | awk 'NR > 1 { printf "%s ", $2 }')
assert_eq "$path" "198.18.0.2 198.18.1.2 198.18.2.2 198.18.3.2 " \
    "IPv4 traceroute follows the address rule"
path=$(lab_exec c traceroute -6 -n -I -q 1 -w 2 "$S6" | awk 'NR > 1 { printf "%s ", $2 }')
assert_eq "$path" "2001:2::2 2001:2:0:1::2 2001:2:0:2::2 2001:2:0:3::2 " \
    "IPv6 traceroute follows the address rule"
assert_eq "$(lab_hop_addr 2) $(lab_addr_left r3) $(lab_dev_right r2)" \
    "198.18.1.2 198.18.2.2 right" "name and address helpers"
lab_run c addr.json ip -j -4 addr show dev right
assert_json "$(lab_file addr.json)" '.[0].addr_info[0].local' 198.18.0.1 \
    "lab_run captures the client's output; assert_json reads it"

# --- clean path ---------------------------------------------------------------
base=$(lab_ping_rtts c "$S" 50 0.02 | lab_stats)
lab_log "clean c->s RTT (ms): $base"
assert_eq "$(lab_stat n "$base")" 50 "clean path: every ping answered"
assert_between "$(lab_stat median "$base")" 0 2 "clean path median RTT (ms)"
base6=$(lab_ping_rtts c "$S6" 20 0.02 | lab_stats)
lab_log "clean c->s IPv6 RTT (ms): $base6"
assert_between "$(lab_stat median "$base6")" 0 2 "clean IPv6 median RTT (ms)"
declare -A hbase
for ttl in 1 2 3; do
	hbase[$ttl]=$(lab_hop_rtts c "$S" "$ttl" 10 | lab_stats)
	lab_log "clean hop $ttl RTT (ms): ${hbase[$ttl]}"
done

# hop_medians LABEL: median RTT to hops 1-3 (traceroute) and the server
# (ping), printed and left in med[1..4].
declare -A med
hop_medians() {
	local ttl st
	for ttl in 1 2 3; do
		st=$(lab_hop_rtts c "$S" "$ttl" 10 | lab_stats)
		med[$ttl]=$(lab_stat median "$st")
		lab_log "$1 hop $ttl RTT (ms): $st"
	done
	st=$(lab_ping_rtts c "$S" 20 0.02 | lab_stats)
	med[4]=$(lab_stat median "$st")
	lab_log "$1 server RTT (ms): $st"
}

# --- lab_delay: 50 ms on r1 -> r2 ---------------------------------------------
lab_delay r1 "$(lab_dev_right r1)" 50
hop_medians "delay 50 r1->r2:"
assert_between "${med[1]}" 0 5 "delay r1->r2: hop 1 unaffected (ms)"
for ttl in 2 3 4; do
	assert_between "${med[$ttl]}" 45 55 "delay r1->r2: hop $ttl RTT ~50 ms"
done
lab_clear r1

# Jitter: uniform 0..20 ms on top of 20 ms.
lab_delay r1 "$(lab_dev_right r1)" 20 20
st=$(lab_ping_rtts c "$S" 50 0.02 | lab_stats)
lab_log "delay 20 + jitter 0..20 r1->r2: server RTT (ms): $st"
assert_between "$(lab_stat min "$st")" 19.5 26 "jitter: minimum near 20 ms"
assert_between "$(lab_stat max "$st")" 34 42 "jitter: maximum near 40 ms"
lab_clear r1

# --- lab_loss: 25 % on r1 -> r2 -------------------------------------------------
lab_loss r1 "$(lab_dev_right r1)" 25
loss=$(lab_ping_loss c "$S" 200 0.01)
lab_log "loss 25% r1->r2: ping reports $loss% loss over 200 pings"
assert_between "$loss" 15 35 "loss 25%: measured loss (%)"
lab_clear r1
lab_log "$(grep -h 'packets,' "$LAB_TMP"/nfq_hold.*.log | tail -n 1)"

# --- lab_icmp_delay: r2 answers 80 ms late, forwards at full speed --------------
lab_icmp_delay r2 80
hop_medians "icmp_delay 80 r2:"
assert_between "${med[1]}" 0 5 "icmp_delay r2: hop 1 fast (ms)"
assert_between "${med[2]}" 72 88 "icmp_delay r2: hop 2 slow, ~80 ms"
assert_between "${med[3]}" 0 5 "icmp_delay r2: hop 3 fast (ms)"
assert_between "${med[4]}" 0 5 "icmp_delay r2: server fast (ms)"
lab_clear r2

# count_from ADDR: how many lines of stdin come from ADDR.
count_from() { grep -c "^$1 " || true; }

# --- lab_silent: r2 never answers, r3 does --------------------------------------
lab_silent r2
n2=$(lab_ping_errors c "$S" 2 10 0.05 | count_from 198.18.1.2)
n3=$(lab_ping_errors c "$S" 3 10 0.05 | count_from 198.18.2.2)
loss=$(lab_ping_loss c "$S" 10 0.02)
lab_log "silent r2: hop 2 answered $n2/10, hop 3 $n3/10, server loss $loss%"
assert_eq "$n2" 0 "silent r2: hop 2 never answers"
assert_eq "$n3" 10 "silent r2: hop 3 answers every probe"
assert_eq "$loss" 0 "silent r2: still forwards to the server"
lab_clear r2

# --- lab_ratelimit_default: the kernel's ICMP limits on r2 ----------------------
lab_ratelimit_default r2
n2=$(lab_ping_errors c "$S" 2 20 0.05 | count_from 198.18.1.2)
n3=$(lab_ping_errors c "$S" 3 20 0.05 | count_from 198.18.2.2)
lab_log "default rate limit on r2: 20 TTL-limited pings 50 ms apart:" \
    "hop 2 answered $n2, hop 3 answered $n3"
assert_between "$n2" 5 10 "rate-limited r2: only a burst of answers"
assert_between "$n3" 19 20 "unlimited r3: (nearly) every answer"
lab_clear r2

# --- lab_noroute: r3 loses its route to the server ------------------------------
lab_noroute r3
lab_ping_errors c "$S" 64 10 0.05 >"$LAB_TMP/noroute"
n3=$(count_from 198.18.2.2 <"$LAB_TMP/noroute")
kind=$(sed -n '1s/^[^ ]* //p' "$LAB_TMP/noroute")
lab_log "noroute r3: $n3/10 answers from 198.18.2.2 ('$kind');" \
    "other sources: $(grep -vc '^198.18.2.2 ' "$LAB_TMP/noroute")"
assert_between "$n3" 1 10 "noroute r3: ICMP unreachable from r3's left address"
assert_eq "$kind" "Destination Net Unreachable" "noroute r3: the message"
lab_ping_errors c "$S6" 64 10 0.05 -6 >"$LAB_TMP/noroute6"
n3=$(count_from 2001:2:0:2::2 <"$LAB_TMP/noroute6")
kind=$(sed -n '1s/^[^ ]* //p' "$LAB_TMP/noroute6")
lab_log "noroute r3 IPv6: $n3/10 answers from 2001:2:0:2::2 ('$kind')"
assert_between "$n3" 1 10 "noroute r3: ICMPv6 unreachable from r3"
lab_clear r3
assert_eq "$(lab_ping_loss c "$S" 5 0.02)" 0 "lab_clear r3: route back, server reachable"
lab_noroute r2
n2=$(lab_ping_errors c "$S" 64 3 0.05 | count_from 198.18.1.2)
assert_between "$n2" 1 3 "noroute r2 (route via r3 removed): unreachable from r2"
lab_clear r2
lab_noroute r3 reject
n3=$(lab_ping_errors c "$S" 64 10 0.05 | count_from 198.18.2.2)
lab_log "noroute r3 (reject): $n3/10 answers from 198.18.2.2"
assert_eq "$n3" 10 "noroute r3 reject: every probe answered"
lab_clear r3

# --- lab_filter_forward: the path goes silent after r2 --------------------------
lab_filter_forward r2
n2=$(lab_ping_errors c "$S" 2 10 0.05 | count_from 198.18.1.2)
n3=$(lab_ping_errors c "$S" 3 10 0.05 | wc -l)
loss=$(lab_ping_loss c "$S" 10 0.02)
lab_log "filter_forward r2: hop 2 answered $n2/10, hop 3 $n3/10," \
    "server loss $loss%"
assert_eq "$n2" 10 "filter_forward r2: hop 2 answers"
assert_eq "$n3" 0 "filter_forward r2: nothing beyond hop 2 answers"
assert_eq "$loss" 100 "filter_forward r2: server unreachable"
lab_clear r2

# --- lab_tbf + lab_blast: a queue that fills and drains --------------------------
# 4 Mbit/s on r1 -> r2; 8 Mbit/s of UDP switched on ~80 ms, off ~100 ms
# (each period drawn from [mean/2, 3*mean/2]): average load ~0.9 of the
# link, so the queue builds during each burst and drains after it.
lab_tbf r1 "$(lab_dev_right r1)" 4mbit
lab_blast c "$S" 8000 25
lab_wait_loaded r1 "$(lab_dev_right r1)" 1 || lab_die "the load never filled r1's queue"
q=$(lab_ping_rtts c "$S" 100 0.05 | lab_stats)
h1=$(lab_hop_rtts c "$S" 1 10 | lab_stats)
lab_log "tbf 4mbit + blast: server RTT (ms): $q"
lab_log "tbf 4mbit + blast: baseline was: $base"
lab_log "tbf 4mbit + blast: hop 1 (before the link) RTT (ms): $h1"
lab_log "tbf: $(lab_exec r1 tc -s qdisc show dev right | tr -s ' \n' ' ')"
rise=$(awk -v a="$(lab_stat median "$q")" -v b="$(lab_stat median "$base")" \
    'BEGIN { printf "%.3f", a - b }')
spread=$(awk -v a="$(lab_stat median "$q")" -v b="$(lab_stat min "$q")" \
    'BEGIN { printf "%.3f", a - b }')
iqr=$(awk -v a="$(lab_stat p75 "$q")" -v b="$(lab_stat p25 "$q")" \
    'BEGIN { printf "%.3f", a - b }')
assert_between "$(lab_stat n "$q")" 95 100 "tbf+blast: probes get through"
assert_between "$rise" 10 1000 "tbf+blast: median rises (ms)"
assert_between "$spread" 10 1000 "tbf+blast: median minus min (ms)"
assert_between "$iqr" 10 1000 "tbf+blast: p75 minus p25, not a constant queue (ms)"
assert_between "$(lab_stat min "$q")" 0 5 "tbf+blast: some probes find the queue empty (ms)"
assert_between "$(lab_stat median "$h1")" 0 5 "tbf+blast: hop 1 unaffected (ms)"
lab_clear c
lab_clear s
lab_clear r1
lab_log "$(cat "$LAB_TMP"/blast.*.log) / $(grep received "$LAB_TMP"/sink.*.log)"

# --- lab_listen ---------------------------------------------------------------
lab_listen s 8080
assert_cmd "lab_listen: TCP connect to the server works" \
    lab_exec c timeout 5 bash -c "exec 3<>/dev/tcp/$S/8080"

# --- teardown leaves nothing behind ---------------------------------------------
# Leave helpers running in several nodes for teardown to find.
lab_delay r2 "$(lab_dev_right r2)" 10
lab_icmp_delay r3 10
lab_blast c "$S" 1000 60 steady
assert_cmd "root namespace still clean after every fault" lab_root_clean
pids=("${LAB_PIDS[@]}")
prefix=$LAB_PREFIX
tmp=$LAB_TMP
lab_teardown
left=$(ip netns list | awk -v p="$prefix-" 'index($1, p) == 1' | wc -l)
assert_eq "$left" 0 "teardown: no lab namespace left"
alive=0
for pid in "${pids[@]}"; do
	kill -0 "$pid" 2>/dev/null && alive=$((alive + 1))
done
assert_eq "$alive" 0 "teardown: none of ${#pids[@]} helper processes left"
assert_cmd "teardown: temp dir removed" test ! -e "$tmp"
assert_cmd "teardown: root namespace clean" lab_root_clean
lab_done
