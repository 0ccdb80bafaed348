#!/bin/bash
# t_lab_real_selftest.sh: the realistic-path helpers (lib.sh, "realistic
# paths") checked with ping, traceroute and tcpdump alone, before any
# t_real_*.sh test relies on them: link delays both ways, default ICMP
# rate limits everywhere, nfq_hold's slow-link mode (a large packet takes
# size / rate longer than a small one, and queues behind the ones before
# it), a return path of equal and of greater length, Record Route and a
# router that drops it, NAT at the client's edge and DNAT before the
# server, standing and bursty queues.  Measured numbers are printed
# ("lab: ..." lines) for README.md.  About 90 s.

# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"

lab_init
command -v nft >/dev/null || lab_die "nft missing (apt-get install -y nftables)"
command -v tcpdump >/dev/null || lab_die "tcpdump missing (apt-get install -y tcpdump)"

# med_hop TTL DST [N]: median RTT of ICMP echo probes expiring at TTL.
med_hop() { lab_stat median "$(lab_hop_rtts c "$2" "$1" "${3:-5}" | lab_stats)"; }
# min_hop TTL DST [N]: their minimum (a busy machine only ever adds).
min_hop() { lab_stat min "$(lab_hop_rtts c "$2" "$1" "${3:-5}" | lab_stats)"; }
# min_ping DST COUNT SIZE: the smallest RTT of COUNT pings of SIZE data bytes.
min_ping() { lab_stat min "$(lab_ping_rtts c "$1" "$2" 0.2 -s "$3" | lab_stats)"; }

# --- a 9-router path with distance on its links, default rate limits --------
lab_chain 9
S=$(lab_server_addr)
lab_link_delays 0 1 2 8 35 3 2 0 0 0
lab_ratelimit_default_all
assert_cmd "root namespace has no lab address or route while the lab is up" \
    lab_root_clean
# Hop k crosses links 0..k-1, each twice: 0, 2, 6, 22, 92, 98, 102 ms.
want=(0 0 2 6 22 92 98 102 102 102)
for ttl in 2 3 4 5 6 7 9; do
	m=$(min_hop "$ttl" "$S" 5)
	lab_log "distance path: hop $ttl min $m ms (expected ${want[$ttl]})"
	assert_between "$m" "${want[$ttl]}" "$(awk -v w="${want[$ttl]}" 'BEGIN { print w * 1.05 + 1 }')" \
	    "distance path: hop $ttl RTT is the links' delays both ways"
done
st=$(lab_ping_rtts c "$S" 10 0.05 | lab_stats)
lab_log "distance path: server RTT (ms): $st"
# Up to 1 ms, and 0.5 ms for each pass through an NFQUEUE holder (12 here:
# 6 delayed links both ways), over: what a busy host's scheduling adds to
# userspace holders (CI saw 105 ms, and 35.3 for 32, under load); a lost
# direction would read 51, a missing link 32.
assert_between "$(lab_stat min "$st")" 102 109 "distance path: server RTT 2 x 51 ms"
for n in c r1 r5 r9 s; do
	assert_eq "$(lab_exec "$n" sysctl -n net.ipv4.icmp_ratelimit) $(lab_exec "$n" sysctl -n net.ipv4.icmp_ratemask)" \
	    "$LAB_DEF_RATELIMIT $LAB_DEF_RATEMASK" "default ICMP rate limit on $n"
done
k=$(lab_ping_errors c "$S" 8 20 0.05 | grep -c "Time to live exceeded")
lab_log "distance path: 20 TTL-8 pings 50 ms apart: $k answered"
assert_between "$k" 6 9 "rate limit bites at hop 8, not probed before (answers of 20)"

# lab_link_off / on: the step comes and goes.
lab_link_off 4
m=$(min_ping "$S" 5 56)
assert_between "$m" 32 38 "link 4 bypassed: server RTT without its 70 ms"
lab_link_on 4
m=$(min_ping "$S" 5 56)
assert_between "$m" 102 109 "link 4 back: server RTT with it again"
lab_unchain

# --- a slow link: 1000 kbit/s on r1 - r2, both ways --------------------------
lab_chain 3
S=$(lab_server_addr)
lab_slow_link 1 1000 1
small=$(min_ping "$S" 10 56)	# 84-byte IP packets
large=$(min_ping "$S" 10 1372)	# 1400-byte IP packets
# Each way, (1400 - 84) x 8 bits / 1000 kbit/s = 10.53 ms more.
diff=$(awk -v a="$large" -v b="$small" 'BEGIN { printf "%.2f", a - b }')
lab_log "slow link 1000 kbit/s + 1 ms: min RTT 84 B $small ms, 1400 B $large ms, difference $diff ms (expected 21.06)"
assert_between "$small" 3.2 4.2 "slow link: small ping = 2 x (1 ms + 0.67 ms serialisation)"
assert_between "$diff" 20.0 22.2 "slow link: 1400-byte ping is 2 x 1316 x 8 / 1000 ms slower (within 5 %)"
m=$(lab_stat median "$(lab_hop_rtts c "$S" 1 5 | lab_stats)")
assert_between "$m" 0 1 "slow link: hop 1, before it, is not slowed (ms)"
# Ten at once (ping -l): each waits for the ones before it on the link.
st=$(lab_ping_rtts c "$S" 10 0.2 -l 10 -s 1372 | lab_stats)
lab_log "slow link: 10 x 1400 B sent at once: $st"
spread=$(awk -v a="$(lab_stat max "$st")" -v b="$(lab_stat min "$st")" 'BEGIN { printf "%.1f", a - b }')
assert_between "$spread" 85 110 "slow link: the 10th of a burst waits for 9 before it (~9 x 11.2 ms)"
lab_stop_pid "${LAB_PIDS[0]}"
grep -h 'link 1000 kbit/s' "$LAB_TMP"/nfq_hold.*.log | sed 's/^/lab: /'
lab_unchain

# --- return path: equal length, then longer; Record Route; options dropped --
lab_chain 3
S=$(lab_server_addr)
lab_asym_return r3 r1 1 50
lab_icmp_inbound_ifaddr 0
path=$(lab_exec c traceroute -n -I -q 1 -w 2 "$S" | awk 'NR > 1 { printf "%s ", $2 }')
lab_log "asym equal, inbound_ifaddr 0: traceroute $path"
assert_eq "$path" "198.18.0.2 198.18.1.2 198.19.0.1 198.18.3.2 " \
    "asym, inbound_ifaddr 0: hop 3 answers from its return-side address"
assert_between "$(med_hop 2 "$S" 3)" 0 1 "asym: hop 2 is not slowed (ms)"
assert_between "$(med_hop 3 "$S" 3)" 50 52 "asym: hop 3 is 50 ms later (the way back)"
ttl=$(lab_exec c ping -n -c 1 -W 2 "$S" | sed -n 's/.*ttl=\([0-9]*\).*/\1/p')
assert_eq "$ttl" 61 "asym, equal length: the server's reply TTL is the way out's (61)"
rr=$(lab_exec c ping -n -c 1 -W 2 -R "$S" | tr -s ' \t' '\n' | grep -c '^198\.19\.')
lab_log "asym: ping -R: $(lab_exec c ping -n -c 1 -W 2 -R "$S" | sed -n '/RR:/,/^$/p' | tr -s ' \t\n' ' ')"
assert_between "$rr" 1 3 "asym: Record Route shows the return path (198.19 addresses)"
lab_icmp_inbound_ifaddr 1
path=$(lab_exec c traceroute -n -I -q 1 -w 2 "$S" | awk 'NR > 1 { printf "%s ", $2 }')
assert_eq "$path" "198.18.0.2 198.18.1.2 198.18.2.2 198.18.3.2 " \
    "asym, inbound_ifaddr 1: hop 3 answers from the address the probe came in on"
lab_drop_ip_options r2
assert_eq "$(lab_ping_loss c "$S" 3 0.2)" 0 "options dropped at r2: plain pings pass"
lost=$(lab_exec c timeout 10 ping -n -q -c 3 -i 0.2 -W 1 -R "$S" 2>/dev/null |
    sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p')
assert_eq "$lost" 100 "options dropped at r2: Record Route pings vanish"
lab_unchain

lab_chain 3
S=$(lab_server_addr)
lab_asym_return r3 r1 3 50
ttl=$(lab_exec c ping -n -c 1 -W 2 "$S" | sed -n 's/.*ttl=\([0-9]*\).*/\1/p')
assert_eq "$ttl" 59 "asym, longer: the server's reply crosses 2 more routers (ttl 59)"
assert_between "$(med_hop 3 "$S" 3)" 50 52 "asym, longer: hop 3 is 50 ms later"
lab_unchain

# --- NAT at the client's edge, with ct state invalid drop; DNAT -------------
lab_chain 3
S=$(lab_server_addr)
lab_nat_office r1
lab_ct_invalid_drop r1
lab_dnat_server 198.19.200.1 r3
lab_sniff s nat left icmp
assert_eq "$(lab_ping_loss c "$S" 3 0.1)" 0 "nat: pings reach the server"
lab_sniff_stop
assert_cmd "nat: the server sees the office as 198.18.1.1" \
    grep -q '198\.18\.1\.1 > 198\.18\.3\.2: ICMP echo request' "$(lab_file nat.log)"
assert_cmd "nat: and never the client's own address" \
    bash -c "! grep -q '198\.18\.0\.1 > 198\.18\.3\.2' '$(lab_file nat.log)'"
path=$(lab_exec c traceroute -n -I -q 1 -w 2 198.19.200.1 | awk 'NR > 1 { printf "%s ", $2 }')
# r3's own time-exceeded leaves in the public address's name too.
assert_eq "$path" "198.18.0.2 198.18.1.2 198.19.200.1 198.19.200.1 " \
    "dnat: traceroute to the public address: r3 and the server answer in its name"
# Link delays on routers whose conntrack is on (NAT rules): a burst of one
# new flow must pass whole (held before conntrack, not after it).
lab_link_delays 0 5 10 0
for dst in "$S" 198.19.200.1; do
	lost=$(lab_exec c timeout 10 ping -n -q -l 20 -c 20 -W 2 "$dst" 2>/dev/null |
	    sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p')
	assert_eq "$lost" 0 "nat + link delays: 20 pings at once to $dst all answered"
done
assert_cmd "ct invalid drop is in r1's ruleset" \
    bash -c "ip netns exec '$(lab_ns r1)' nft list table inet lab_ct | grep -q 'ct state invalid drop'"
lab_unchain

# --- queues: standing (300 ms) and bursty ------------------------------------
lab_chain 3
S=$(lab_server_addr)
lab_standing_queue r2 right 4000 300 r1 30
st=$(lab_ping_rtts c "$S" 20 0.1 | lab_stats)
lab_log "standing queue 4000 kbit/s, 300 ms: server RTT (ms): $st"
assert_between "$(lab_stat min "$st")" 250 320 "standing queue: even the minimum waits ~300 ms"
assert_between "$(awk -v a="$(lab_stat max "$st")" -v b="$(lab_stat min "$st")" 'BEGIN { print a - b }')" \
    0 40 "standing queue: and the spread is small"
lab_unchain

lab_chain 3
S=$(lab_server_addr)
lab_tbf r2 right 4mbit
lab_blast r1 "$S" 8000 30
lab_wait_loaded r2 right 2 || lab_die "the load never filled r2's queue"
assert_cmd "bursty load: the queue is seen full (>= 40 kB)" lab_wait_backlog r2 right full 40000 10
assert_cmd "bursty load: and seen empty" lab_wait_backlog r2 right empty 0 10
lab_unchain

assert_cmd "root namespace has no lab address or route after the topologies" \
    lab_root_clean
lab_done
