#!/bin/bash
# t_lab_syn_selftest.sh: the faults and servers lib.sh provides for the
# synprobe tests (t_syn_*.sh), checked with standard tools only (nmap -sS
# --reason, nc, curl, traceroute -T, ping, dig, getent, tcpdump, and
# python3 for the exact errno and time of one connect() or sendto()).  On
# a chain of three routers each must produce exactly the packets the
# expected verdict relies on; measured numbers are printed ("lab: ..."
# lines) for README.md.  Also: the root namespace never sees a lab address
# or route, the root /etc/resolv.conf is untouched, and teardown leaves no
# namespace, process or /etc/netns entry behind.

# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"

lab_init
missing=
for t in nmap nc curl dig getent tcpdump /usr/sbin/vsftpd; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
[ -z "$missing" ] || lab_die "missing tools:$missing (apt-get install -y" \
    "nmap netcat-openbsd curl dnsutils tcpdump vsftpd)"
resolv_sum=$(sha256sum /etc/resolv.conf 2>/dev/null)
lab_chain 3
S=$(lab_server_addr)
P=2121
PY=$(lab__py)

# scan PORT...: nmap SYN scan of the server from c, one line per port:
# "PORT STATE REASON...", e.g. "2121 filtered admin-prohibited from
# 198.18.1.2 ttl 63" (nmap leaves out "from" when the answer comes from
# the target itself).
scan() {
	lab_exec c timeout 60 nmap -sS -Pn -n --reason --max-retries 1 \
	    -p "$(IFS=,; echo "$*")" "$S" 2>/dev/null |
	    awk '$1 ~ /^[0-9]+\/tcp$/ { p = $1; sub("/tcp", "", p); r = "";
	        for (i = 4; i <= NF; i++) r = r " " $i; print p, $2 r }'
}
# reason PORT: the state and reason for one port of a scan on stdin.
reason() { awk -v p="$1" '$1 == p { $1 = ""; print substr($0, 2) }'; }

# conn PORT [SECONDS]: one kernel connect() from c to the server:
# "connected|timeout|ERRNO MS".
conn() {
	lab_exec c "$PY" -c '
import errno, socket, sys, time
s = socket.socket()
s.settimeout(float(sys.argv[3]))
t = time.monotonic()
try:
    s.connect((sys.argv[1], int(sys.argv[2])))
    r = "connected"
except socket.timeout:
    r = "timeout"
except OSError as e:
    r = errno.errorcode.get(e.errno, str(e.errno))
print(r, "%.0f" % ((time.monotonic() - t) * 1000))
' "$S" "$1" "${2:-3}"
}

# rawsyn PORT: sendto() of one bare TCP SYN on a raw socket in c, as a
# crafted probe is sent: "ok" or the errno name.
rawsyn() {
	lab_exec c "$PY" -c '
import errno, socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
syn = struct.pack("!HHIIBBHHH", 40000, int(sys.argv[2]), 1, 0, 5 << 4, 2,
                  1024, 0, 0)
try:
    s.sendto(syn, (sys.argv[1], 0))
    print("ok")
except OSError as e:
    print(errno.errorcode.get(e.errno, str(e.errno)))
' "$S" "$1"
}

# tcp_path PORT MAXTTL: who answers TTL-limited SYNs to PORT (traceroute -T,
# one probe per TTL, 1 s wait), e.g. "198.18.0.2 198.18.1.2 * *".
tcp_path() {
	lab_exec c timeout 30 traceroute -n -T -p "$1" -q 1 -N 1 -w 1 -m "$2" \
	    "$S" 2>/dev/null | awk 'NR > 1 { printf "%s%s", sep, $2; sep = " " }'
}

# pkts NAME: a lab_sniff log, one line per packet (tcpdump -v puts the
# transport on a second line).
pkts() {
	awk '/^[0-9]+\.[0-9]+ / { if (l != "") print l; l = $0; next }
	    /^(tcpdump|listening|[0-9]+ packets)/ || /^$/ { next }
	    { l = l " " $0 } END { if (l != "") print l }' "$(lab_file "$1.log")"
}

# ttl_of: the TTL of the (outer) IP header in a pkts line on stdin.
ttl_of() { sed -n 's/^[^(]*(tos [^,]*, ttl \([0-9]*\),.*/\1/p'; }

# since T0 T1: T1 - T0 in ms.
since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }

assert_cmd "root namespace has no lab address or route while the lab is up" \
    lab_root_clean

# --- 1. lab_ftp: vsftpd on 21, banner 220, anonymous download -----------------
lab_ftp s 21
t0=$(date +%s.%N)
banner=$(lab_exec c timeout 10 nc -w 3 "$S" 21 </dev/null | head -n 1 | tr -d '\r')
lab_log "ftp: banner '$banner' after $(since "$t0" "$(date +%s.%N)") ms"
case $banner in 220*) lab_pass "ftp: banner is a 220 greeting" ;;
*) lab_fail "ftp: banner '$banner' is not a 220 greeting" ;; esac
got=$(lab_exec c timeout 15 curl -s --max-time 10 "ftp://$S/hello.txt")
assert_eq "$got" "faultline lab file" "ftp: anonymous download with curl"
sc=$(scan 21)
ttl_server=$(echo "$sc" | reason 21 | awk '{ print $NF }')
lab_log "ftp: nmap 21: $(echo "$sc" | reason 21)"
assert_eq "$(echo "$sc" | reason 21)" "open syn-ack ttl 61" \
    "ftp: SYN-ACK from the server, 3 routers away"
lab_syn_clear_all

# --- 2. no listener: RST from the server -------------------------------------
sc=$(scan "$P")
lab_log "closed port: nmap $P: $(echo "$sc" | reason "$P"); connect: $(conn "$P")"
assert_eq "$(echo "$sc" | reason "$P")" "closed reset ttl 61" \
    "closed port: RST with the server's TTL"
assert_eq "$(conn "$P" | cut -d' ' -f1)" ECONNREFUSED "closed port: connect() refused"

# --- 3. lab_host_drop: port dropped by the host, port 22 and ping answer ------
lab_listen s 22
lab_host_drop s "$P"
sc=$(scan "$P" 22)
tp=$(tcp_path "$P" 5)
loss=$(lab_ping_loss c "$S" 5 0.02)
lab_log "host drop: nmap $P: $(echo "$sc" | reason "$P"); 22: $(echo "$sc" | reason 22);" \
    "traceroute -T -p $P: $tp; ping loss $loss%"
assert_eq "$(echo "$sc" | reason "$P")" "filtered no-response" "host drop: no answer on $P"
assert_eq "$(echo "$sc" | reason 22)" "open syn-ack ttl 61" "host drop: port 22 answers"
assert_eq "$tp" "198.18.0.2 198.18.1.2 198.18.2.2 * *" \
    "host drop: TTL-limited SYNs answered up to hop 3, nothing from hop 4 on"
assert_eq "$loss" 0 "host drop: the server answers ping"
lab_syn_clear_all

# --- 4. lab_host_reject admin-prohibited: ICMP 3/13 from the server -----------
lab_host_reject s "$P" admin-prohibited
lab_sniff c sniff.hostprohib right icmp
sc=$(scan "$P")
lab_sniff_stop
icmp=$(pkts sniff.hostprohib | grep -c "198.18.3.2 > 198.18.0.1: ICMP .*admin prohibited")
lab_log "host reject admin-prohibited: nmap $P: $(echo "$sc" | reason "$P");" \
    "tcpdump: $(pkts sniff.hostprohib | sed -n '1s/.*\(ttl [0-9]*\).*: \(ICMP [^,]*\).*/\2, \1/p')"
assert_eq "$(echo "$sc" | reason "$P")" "filtered admin-prohibited ttl 61" \
    "host reject: admin-prohibited from the server itself (no 'from')"
assert_between "$icmp" 1 2 "host reject: ICMP admin prohibited from 198.18.3.2 captured"
lab_syn_clear_all

# --- 5. lab_host_reject tcp-reset: same packets as no listener ----------------
lab_host_reject s "$P" tcp-reset
sc=$(scan "$P")
lab_log "host reject tcp-reset: nmap $P: $(echo "$sc" | reason "$P")"
assert_eq "$(echo "$sc" | reason "$P")" "closed reset ttl 61" \
    "host reset: RST with the server's TTL, like no listener"
lab_syn_clear_all

# --- 6. lab_fwd_drop_port r2: SYNs expire at r2, vanish after it --------------
lab_fwd_drop_port r2 "$P"
sc=$(scan "$P" 2122)
tp=$(tcp_path "$P" 4)
n3=$(lab_ping_errors c "$S" 3 3 0.05 | grep -c '^198.18.2.2 ')
lab_log "r2 forward drop: nmap $P: $(echo "$sc" | reason "$P"); 2122:" \
    "$(echo "$sc" | reason 2122); traceroute -T -p $P: $tp; TTL-3 echoes" \
    "answered by r3: $n3/3"
assert_eq "$(echo "$sc" | reason "$P")" "filtered no-response" "r2 drop: no answer on $P"
assert_eq "$(echo "$sc" | reason 2122)" "closed reset ttl 61" "r2 drop: other ports reach the server"
assert_eq "$tp" "198.18.0.2 198.18.1.2 * *" \
    "r2 drop: TTL-2 SYN answered by r2, TTL-3 and TTL-4 SYNs lost"
assert_eq "$n3" 3 "r2 drop: TTL-3 ICMP echoes still reach r3"
lab_syn_clear_all

# --- 7. lab_fwd_reject_port r2 admin-prohibited --------------------------------
lab_fwd_reject_port r2 "$P" admin-prohibited
sc=$(scan "$P")
lab_log "r2 forward reject admin-prohibited: nmap $P: $(echo "$sc" | reason "$P")"
assert_eq "$(echo "$sc" | reason "$P")" "filtered admin-prohibited from 198.18.1.2 ttl 63" \
    "r2 reject: admin-prohibited from r2 (198.18.1.2), 1 router away"
lab_syn_clear_all

# --- 8. lab_noroute r2: net unreachable from r2 --------------------------------
lab_noroute r2
sc=$(scan "$P")
lab_log "noroute r2: nmap $P: $(echo "$sc" | reason "$P")"
assert_eq "$(echo "$sc" | reason "$P")" "filtered net-unreach from 198.18.1.2 ttl 63" \
    "noroute r2: net unreachable from r2"
lab_syn_clear_all

# --- 9. lab_silent_listener: handshake, then silence ---------------------------
lab_silent_listener s 21
sc=$(scan 21)
t0=$(date +%s.%N)
bytes=$(lab_exec c timeout 10 nc -w 3 "$S" 21 </dev/null | wc -c)
ms=$(since "$t0" "$(date +%s.%N)")
lab_log "silent listener: nmap 21: $(echo "$sc" | reason 21); nc read $bytes bytes in $ms ms"
assert_eq "$(echo "$sc" | reason 21)" "open syn-ack ttl 61" "silent listener: handshake works"
assert_eq "$bytes" 0 "silent listener: not a byte sent"
assert_between "$ms" 2900 6000 "silent listener: nc waited its 3 s for data (ms)"
lab_syn_clear_all

# --- 10. lab_host_down: r3 answers host unreachable after its ARP wait ---------
for mode in addr link; do
	lab_host_down s "$mode"
	lab_sniff c "sniff.down.$mode" right "host $S or icmp"
	sniff_c=$LAB_SNIFF_PID
	lab_sniff r3 "sniff.arp.$mode" right arp
	sniff_r3=$LAB_SNIFF_PID
	res=$(conn "$P" 10)
	lab_sniff_stop "$sniff_c"
	lab_sniff_stop "$sniff_r3"
	t_syn=$(pkts "sniff.down.$mode" | awk '/Flags \[S\]/ { print $1; exit }')
	line=$(pkts "sniff.down.$mode" | grep -m1 "198.18.2.2 > 198.18.0.1: ICMP host $S unreachable")
	t_icmp=${line%% *}
	ttl=$(echo "$line" | ttl_of)
	# r3's ARP requests, in ms after the first SYN.  The SYN that c
	# retransmits at ~3 s starts another round just as the first ends, so
	# only those more than 0.5 s before the ICMP count.
	arp_ms=$(pkts "sniff.arp.$mode" | awk -v t0="${t_syn:-0}" \
	    -v m="Request who-has $S tell 198.18.3.1" 'index($0, m) {
	        printf "%s%.0f", sep, ($1 - t0) * 1000; sep = "," }')
	arps=$(pkts "sniff.arp.$mode" | awk -v t="${t_icmp:-0}" \
	    -v m="Request who-has $S tell 198.18.3.1" '$1 < t - 0.5 && index($0, m)' | wc -l)
	wait_ms=$(since "${t_syn:-0}" "${t_icmp:-0}")
	lab_log "host down ($mode): connect: $res; r3's ARP requests at ${arp_ms:-none} ms;" \
	    "ICMP host unreachable from 198.18.2.2 (ttl $ttl) $wait_ms ms after the first SYN"
	assert_eq "${res%% *}" EHOSTUNREACH "host down ($mode): connect() gets host unreachable"
	assert_cmd "host down ($mode): the ICMP comes from r3 (198.18.2.2)" test -n "$line"
	assert_eq "$ttl" 62 "host down ($mode): the ICMP's TTL (r3 is 2 routers away)"
	assert_between "$wait_ms" 2500 4500 "host down ($mode): r3's ARP wait (ms)"
	# With the link down r3's ARP requests never reach the wire (no
	# carrier) but its neighbour timer runs just the same.
	[ "$mode" = addr ] &&
	    assert_eq "$arps" 3 "host down ($mode): r3's ARP requests for the server"
	lab_syn_clear_all
done

# --- 11. lab_local_output_drop: EPERM, nothing on the wire --------------------
lab_listen s "$P"
lab_local_output_drop c
lab_sniff c sniff.outdrop right "dst host $S"
raw=$(rawsyn "$P")
res=$(conn "$P" 3)
lab_sniff_stop
n=$(pkts sniff.outdrop | wc -l)
lab_log "output drop: raw sendto(): $raw; connect(): $res; $n packets to $S on the wire"
assert_eq "$raw" EPERM "output drop: sendto() of a crafted SYN fails with EPERM"
assert_eq "${res%% *}" timeout "output drop: the kernel's connect() just times out"
assert_eq "$n" 0 "output drop: nothing reaches the wire"
[ "$n" = 0 ] || lab_show sniff.outdrop.log
lab_syn_clear_all

# --- 12. lab_local_input_drop: SYN-ACK on the wire, connect() times out -------
lab_listen s "$P"
lab_local_input_drop c
lab_sniff c sniff.indrop right "tcp and host $S"
res=$(conn "$P" 3)
lab_sniff_stop
synack=$(pkts sniff.indrop | grep -c "$S.$P > 198.18.0.1.[0-9]*: Flags \[S\.\]")
ttl=$(pkts sniff.indrop | grep -m1 "Flags \[S\.\]" | ttl_of)
loss=$(lab_ping_loss c "$S" 3 0.02)
lab_log "input drop: connect(): $res; $synack SYN-ACKs (ttl $ttl) captured; ping loss $loss%"
assert_eq "${res%% *}" timeout "input drop: connect() times out"
assert_between "$synack" 1 20 "input drop: the server's SYN-ACKs reach the wire"
assert_eq "$loss" 0 "input drop: ICMP still works"
lab_syn_clear_all

# --- 13. lab_no_local_route: ENETUNREACH at once --------------------------------
lab_no_local_route c
res=$(conn "$P" 3)
rg=$(lab_exec c ip route get "$S" 2>&1)
lab_log "no local route: connect(): $res; ip route get: '$rg'"
assert_eq "${res%% *}" ENETUNREACH "no local route: connect() fails with ENETUNREACH"
assert_between "${res#* }" 0 100 "no local route: at once (ms)"
lab_syn_clear_all
assert_eq "$(conn "$P" 3 | cut -d' ' -f1)" ECONNREFUSED "lab_syn_clear: route back"

# --- 14. lab_dead_gateway: ARP requests only, then host unreachable -----------
lab_dead_gateway c
lab_sniff c sniff.deadgw right "arp or src host 198.18.0.1"
res=$(conn "$P" 10)
lab_sniff_stop
arp_t=$(pkts sniff.deadgw | awk '/Request who-has 198.18.0.2 tell 198.18.0.1/ { print $1 }')
narp=$(echo "$arp_t" | grep -c .)
gaps=$(echo "$arp_t" | awk 'NR > 1 { printf "%s%.0f", sep, ($1 - p) * 1000; sep = "," } { p = $1 }')
nip=$(pkts sniff.deadgw | grep -c " IP ")
lab_log "dead gateway: connect(): $res; $narp ARP requests for 198.18.0.2" \
    "(gaps $gaps ms); $nip IP packets from c on the wire; c's entry:" \
    "$(lab_exec c ip neigh show 198.18.0.2)"
assert_eq "${res%% *}" EHOSTUNREACH "dead gateway: connect() gets host unreachable"
assert_between "${res#* }" 2500 4500 "dead gateway: after the ARP wait (ms)"
assert_eq "$narp" 3 "dead gateway: 3 ARP requests for the gateway"
assert_eq "$nip" 0 "dead gateway: no probe reaches the wire"
lab_syn_clear_all
lab_syn_clear c
assert_eq "$(conn "$P" 3 | cut -d' ' -f1)" ECONNREFUSED "lab_syn_clear: gateway back"

# --- 15. lab_dns_server + lab_resolver -------------------------------------------
# dig_status: what dig, reading c's resolv.conf, says about a name.
dig_status() {
	local out st
	out=$(lab_exec c timeout 10 dig +tries=1 +time=2 "$1" A 2>&1)
	st=$(echo "$out" | sed -n 's/.*status: \([A-Z]*\),.*/\1/p')
	if [ -n "$st" ]; then
		echo "$st answers=$(echo "$out" | sed -n 's/.*ANSWER: \([0-9]*\),.*/\1/p')"
	else
		echo "$out" | grep -oE 'timed out|connection refused|no servers could be reached' | head -n 1
	fi
}
lab_resolver c 198.18.0.2
rc_in=$(lab_exec c cat /etc/resolv.conf | tr '\n' ' ')
lab_log "dns: c's /etc/resolv.conf: $rc_in"
assert_eq "$(lab_exec c sed -n 's/^nameserver //p' /etc/resolv.conf)" 198.18.0.2 \
    "dns: ip netns exec shows c the lab's resolv.conf"
for mode in nxdomain:NXDOMAIN servfail:SERVFAIL "no-answer:NOERROR answers=0" \
    "drop:timed out" "none:connection refused"; do
	m=${mode%%:*}
	want=${mode#*:}
	lab_syn_clear r1
	lab_dns_server r1 "$m"
	t0=$(date +%s.%N)
	got=$(dig_status www.nowhere.test)
	ms=$(since "$t0" "$(date +%s.%N)")
	lab_log "dns $m: dig says '$got' in $ms ms"
	case $want in
	NXDOMAIN|SERVFAIL) assert_eq "$got" "$want answers=0" "dns $m: dig's status" ;;
	*) assert_eq "$got" "$want" "dns $m: dig's status" ;;
	esac
done
lab_syn_clear r1
lab_dns_server r1 answer server.lab.test "$S"
ga=$(lab_exec c timeout 10 getent ahostsv4 server.lab.test | awk 'NR == 1 { print $1 }')
nx=$(lab_exec c timeout 10 getent ahostsv4 other.lab.test; echo "exit $?")
lab_log "dns answer: getent ahostsv4 server.lab.test -> $ga; other.lab.test -> $nx;" \
    "queries: $(grep -c '^query' "$(lab_file dns.r1.log)")"
assert_eq "$ga" "$S" "dns answer: the system resolver in c gets the server's address"
assert_eq "$nx" "exit 2" "dns answer: other names do not exist"
assert_eq "$(sha256sum /etc/resolv.conf 2>/dev/null)" "$resolv_sum" \
    "dns: the root namespace's /etc/resolv.conf is untouched"
lab_syn_clear_all

# --- 16. lab_fwd_reject_port r2 tcp-reset: the server's address, r2's TTL ------
lab_fwd_reject_port r2 "$P" tcp-reset
lab_sniff c sniff.rst right "tcp and src host $S"
sc=$(scan "$P" 2122)
lab_sniff_stop
rst=$(pkts sniff.rst | grep -m1 "$S.$P > 198.18.0.1.[0-9]*: Flags \[R")
ttl_rst=$(echo "$rst" | ttl_of)
lab_log "r2 injects RST: nmap $P: $(echo "$sc" | reason "$P"); 2122 (the server's own):" \
    "$(echo "$sc" | reason 2122); captured RST from $S has ttl $ttl_rst:" \
    "$((64 - ${ttl_rst:-64})) router(s) crossed, the server's answers $((64 - ${ttl_server:-0}))"
assert_eq "$(echo "$sc" | reason "$P")" "closed reset ttl 63" \
    "r2 RST: carries the server's address with r2's TTL (1 router away)"
assert_eq "$(echo "$sc" | reason 2122)" "closed reset ttl 61" \
    "r2 RST: the server's own RST has TTL 61 (3 routers away)"
assert_eq "$ttl_rst" 63 "r2 RST: captured from $S with TTL 63"
lab_syn_clear_all

# --- 17. lab_fwd_reject_port r3 admin-prohibited: the last router --------------
lab_fwd_reject_port r3 "$P" admin-prohibited
sc=$(scan "$P")
lab_log "r3 forward reject admin-prohibited: nmap $P: $(echo "$sc" | reason "$P")"
assert_eq "$(echo "$sc" | reason "$P")" "filtered admin-prohibited from 198.18.2.2 ttl 62" \
    "r3 reject: admin-prohibited from r3 (198.18.2.2), 2 routers away"
lab_syn_clear_all

# --- teardown leaves nothing behind -------------------------------------------
lab_ftp s 21
lab_silent_listener s 8021
lab_dns_server r1 nxdomain
lab_host_down s link
assert_cmd "root namespace still clean after every fault" lab_root_clean
pids=("${LAB_PIDS[@]}")
prefix=$LAB_PREFIX
tmp=$LAB_TMP
etc=("${LAB_SYN_ETC[@]}")
lab_syn_etc_clean
lab_teardown
left=$(ip netns list | awk -v p="$prefix-" 'index($1, p) == 1' | wc -l)
assert_eq "$left" 0 "teardown: no lab namespace left"
alive=0
for pid in "${pids[@]}"; do
	kill -0 "$pid" 2>/dev/null && alive=$((alive + 1))
done
assert_eq "$alive" 0 "teardown: none of ${#pids[@]} helper processes left"
assert_cmd "teardown: temp dir removed" test ! -e "$tmp"
assert_cmd "teardown: /etc/netns/$prefix-c removed" test ! -e "${etc[0]}"
assert_cmd "teardown: root namespace clean" lab_root_clean
lab_done
