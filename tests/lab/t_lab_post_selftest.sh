#!/bin/bash
# t_lab_post_selftest.sh: the servers and faults lib.sh provides for the
# postprobe tests (t_post_*.sh), checked with standard tools only (curl -w,
# openssl s_client, nmap -sS --reason, traceroute -T, ping -M do and
# tcpdump).  On a chain of three routers each must put on the wire exactly
# what the expected verdict relies on; measured numbers are printed
# ("lab: ..." lines) for README.md.  Also: the root namespace never sees a
# lab address or route, nginx writes nothing outside the test's temp dir,
# and teardown leaves no namespace, process or file behind.

# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"

lab_init
missing=
for t in /usr/sbin/nginx curl openssl nmap tcpdump traceroute; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
[ -z "$missing" ] || lab_die "missing tools:$missing (apt-get install -y" \
    "nginx-light curl openssl nmap tcpdump traceroute)"
t_start=$(date +%s)
pidfile_before=$(test -e /run/nginx.pid && echo present || echo absent)
lab_chain 3
S=$(lab_server_addr)
BIG=$(lab_file big.bin)
SMALL=$(lab_file small.bin)
head -c 20000 /dev/zero | tr '\0' 'x' >"$BIG"
head -c 100 /dev/zero | tr '\0' 'y' >"$SMALL"

# ms SECONDS: seconds (curl's -w times) in ms, one decimal.
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }

# web NAME CURL_ARGS...: one curl in c, bounded by --max-time $WEB_MAX
# (default 10).  Sets W_CODE (HTTP status, 000 if none), W_RC (curl's exit
# status), W_CONNECT (TCP handshake), W_TLS (TLS handshake), W_WAIT (first
# response byte after the request was sent: time_starttransfer -
# time_pretransfer), W_TOTAL, in ms, and W_SERVER (the Server header).
# Body in NAME.body, headers in NAME.hdr, curl's error in NAME.err.
web() {
	local name=$1 out c a p s t
	shift
	out=$(lab_exec c timeout -k 2 $((${WEB_MAX:-10} + 10)) curl -sS \
	    --max-time "${WEB_MAX:-10}" -o "$(lab_file "$name.body")" \
	    -D "$(lab_file "$name.hdr")" \
	    -w '%{http_code} %{time_connect} %{time_appconnect} %{time_pretransfer} %{time_starttransfer} %{time_total}' \
	    "$@" 2>"$(lab_file "$name.err")")
	W_RC=$?
	read -r W_CODE c a p s t <<<"$out"
	W_CODE=${W_CODE:-000}
	W_CONNECT=$(ms "${c:-0}")
	W_TLS=$(awk -v a="${a:-0}" -v c="${c:-0}" \
	    'BEGIN { printf "%.1f", (a > 0 ? (a - c) * 1000 : 0) }')
	W_WAIT=$(awk -v s="${s:-0}" -v p="${p:-0}" \
	    'BEGIN { printf "%.1f", (s > 0 ? (s - p) * 1000 : 0) }')
	W_TOTAL=$(ms "${t:-0}")
	W_SERVER=$(sed -n 's/^[Ss]erver: *//p' "$(lab_file "$name.hdr")" 2>/dev/null |
	    tr -d '\r' | tail -n 1)
}
# body NAME: the body the last web NAME received.
body() { tr -d '\r' <"$(lab_file "$1.body")" 2>/dev/null; }

# scan PORT...: nmap SYN scan of the server from c, "PORT STATE REASON..."
# per port (as in t_lab_syn_selftest.sh).
scan() {
	lab_exec c timeout 60 nmap -sS -Pn -n --reason --max-retries 1 \
	    -p "$(IFS=,; echo "$*")" "$S" 2>/dev/null |
	    awk '$1 ~ /^[0-9]+\/tcp$/ { p = $1; sub("/tcp", "", p); r = "";
	        for (i = 4; i <= NF; i++) r = r " " $i; print p, $2 r }'
}
reason() { awk -v p="$1" '$1 == p { $1 = ""; print substr($0, 2) }'; }

# tcp_path PORT MAXTTL: who answers TTL-limited SYNs to PORT (traceroute
# -T, one probe per TTL), e.g. "198.18.0.2 198.18.1.2 198.18.2.2 198.18.3.2".
tcp_path() {
	lab_exec c timeout 30 traceroute -n -T -p "$1" -q 1 -N 1 -w 1 -m "$2" \
	    "$S" 2>/dev/null | awk 'NR > 1 { printf "%s%s", sep, $2; sep = " " }'
}

# dfping SIZE [TTL]: 3 echoes of SIZE payload bytes with DF set (ping -M
# do) from c to the server: "LOSS% ERRORS", ERRORS the ICMP errors that
# came back, "ADDR message" joined by ";" ("-" for none).
dfping() {
	local out loss err
	out=$(lab_exec c timeout 20 ping -n -c 3 -i 0.2 -W 1 -M "do" -s "$1" \
	    ${2:+-t "$2"} "$S" 2>&1)
	loss=$(echo "$out" | sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p')
	err=$(echo "$out" | sed -n 's/^From \([0-9.]*\) icmp_seq=[0-9]* \(.*\)$/\1 \2/p' |
	    sort -u | paste -sd ';')
	echo "$loss% ${err:--}"
}

# req_times NAME PORT: from a capture in c of one HTTP exchange on PORT,
# "ACK_MS RESP_MS": when the server acknowledged the end of the client's
# request and when its first response byte arrived, both after the request
# left the client.
req_times() {
	lab_pkts "$1" | awk -v cli=" > $S.$2:" -v srv="$S.$2 > " '
	function tcplen(l) { sub(/.*Flags \[/, "", l)
		return match(l, /length [0-9]+/) ? substr(l, RSTART + 7, RLENGTH - 7) + 0 : 0 }
	index($0, cli) && !treq && tcplen($0) > 0 {
		treq = $1; l = $0; sub(/.*Flags \[[^]]*\], /, "", l)
		if (match(l, /seq [0-9]+:[0-9]+/)) {
			split(substr(l, RSTART + 4, RLENGTH - 4), r, ":"); end = r[2] }
		next }
	treq && index($0, srv) {
		l = $0; sub(/.*Flags \[[^]]*\], /, "", l)
		if (!tack && match(l, /ack [0-9]+/) && substr(l, RSTART + 4, RLENGTH - 4) + 0 >= end)
			tack = $1
		if (!tresp && tcplen($0) > 0) tresp = $1 }
	END { if (treq && tack && tresp)
		printf "%.2f %.2f\n", (tack - treq) * 1000, (tresp - treq) * 1000 }'
}

assert_cmd "root namespace has no lab address or route while the lab is up" \
    lab_root_clean

# --- 1. lab_nginx: the site, method by method --------------------------------
lab_nginx s 80
web ok -d a=1 "http://$S/ok"
lab_log "nginx: POST /ok -> $W_CODE '$(body ok)' (Server: $W_SERVER)," \
    "connect $W_CONNECT ms, wait $W_WAIT ms, total $W_TOTAL ms"
assert_eq "$W_CODE" 200 "nginx: POST /ok answered 200"
case $W_SERVER in nginx/*) lab_pass "nginx: Server header $W_SERVER" ;;
*) lab_fail "nginx: Server header '$W_SERVER' is not nginx's" ;; esac
web form_get "http://$S/form"
c_get=$W_CODE
web form_post -d q=1 "http://$S/form"
c_post=$W_CODE
web form_put -X PUT -d q=1 "http://$S/form"
lab_log "nginx: /form GET -> $c_get, POST -> $c_post, PUT -> $W_CODE"
assert_eq "$c_get" 200 "nginx: GET /form answered 200"
assert_eq "$c_post" 403 "nginx: POST /form answered 403 (limit_except GET)"
assert_eq "$W_CODE" 403 "nginx: PUT /form answered 403"
web err -d a=1 "http://$S/error"
lab_log "nginx: POST /error -> $W_CODE"
assert_eq "$W_CODE" 500 "nginx: POST /error answered 500"
web upload --data-binary "@$BIG" "http://$S/upload"
lab_log "nginx: POST /upload (20000 bytes) -> $W_CODE '$(body upload)'"
assert_eq "$(body upload)" "received 20000 bytes" "nginx: /upload answers once the whole body is in"
n=$(grep -c ' "POST /form HTTP/1.1" 403 ' "$(lab_nginx_dir s 80)/access.log")
assert_eq "$n" 1 "nginx: its own access log has the 403"
sc=$(scan 80)
lab_log "nginx: nmap 80: $(echo "$sc" | reason 80)"
assert_eq "$(echo "$sc" | reason 80)" "open syn-ack ttl 61" \
    "nginx: SYN-ACK from the server, 3 routers away"
lab_post_clear_all

# --- 2. lab_backend_sleep: 2 s of server wait on a fast path --------------------
lab_backend_sleep s 8081 2
lab_nginx s 80
rtt=$(lab_ping_rtts c "$S" 10 0.05 | lab_stats)
lab_sniff c sniff.slow right "tcp port 80"
web slow -d a=1 "http://$S/slow"
lab_sniff_stop
rt=$(req_times sniff.slow 80)
lab_log "slow: ping RTT $(lab_stat median "$rtt") ms median (max $(lab_stat max "$rtt"));" \
    "POST /slow -> $W_CODE '$(body slow)', curl wait $W_WAIT ms, total $W_TOTAL ms;" \
    "capture: request ACKed after ${rt%% *} ms, first response byte after ${rt##* } ms;" \
    "nginx: $(grep -o 'request_time=[0-9.]* upstream_time=[0-9.]*' \
    "$(lab_nginx_dir s 80)/access.log" | tail -n 1)"
assert_eq "$W_CODE" 200 "slow: answered 200"
assert_between "$W_WAIT" 1950 2500 "slow: curl's server wait (ms)"
assert_between "${rt%% *}" 0 5 "slow: the request is ACKed at once (ms)"
assert_between "${rt##* }" 1950 2500 "slow: the first response byte after ~2 s (ms)"
assert_between "$(lab_stat max "$rtt")" 0 20 \
    "slow: path RTT far below the 200 ms / 10 x RTT threshold (ms)"
lab_post_clear_all

# --- 3. lab_https_cert + lab_nginx_tls ------------------------------------------
lab_https_cert s server.lab.test
cert=$LAB_CERT
lab_nginx_tls s 443 server.lab.test
# OpenSSL 3.0 prints "subject=CN = A", 3.5 "subject=CN=A": compare without spaces.
subj=$(openssl x509 -in "$cert" -noout -subject 2>/dev/null | tr -d ' ')
san=$(openssl x509 -in "$cert" -noout -ext subjectAltName 2>/dev/null | sed -n 2p | tr -d ' ')
lab_log "https: certificate $subj; SAN $san"
assert_eq "$subj" "subject=CN=$S" "https: CN is the server's address"
assert_eq "$san" "IPAddress:$S,DNS:server.lab.test" "https: SAN holds the address and the name"
web tls_ok --cacert "$cert" -d a=1 "https://$S/ok"
lab_log "https: --cacert: POST /ok -> $W_CODE, TCP $W_CONNECT ms, TLS handshake $W_TLS ms," \
    "wait $W_WAIT ms"
assert_eq "$W_CODE" 200 "https: with --cacert, 200"
web tls_name --cacert "$cert" --resolve "server.lab.test:443:$S" -d a=1 \
    "https://server.lab.test/ok"
assert_eq "$W_CODE" 200 "https: by name (server.lab.test) with --cacert, 200"
web tls_bad -d a=1 "https://$S/ok"
lab_log "https: no --cacert: curl exit $W_RC: $(cat "$(lab_file tls_bad.err)")"
assert_eq "$W_RC" 60 "https: without --cacert curl fails certificate verification (exit 60)"
v_ok=$(lab_exec c timeout 10 openssl s_client -connect "$S:443" -CAfile "$cert" \
    -verify_ip "$S" </dev/null 2>/dev/null | sed -n 's/^ *Verify return code: //p' |
    head -n 1)
v_bad=$(lab_exec c timeout 10 openssl s_client -connect "$S:443" \
    </dev/null 2>/dev/null |
    sed -n 's/^ *Verify return code: //p' | head -n 1)
proto=$(lab_exec c timeout 10 openssl s_client -connect "$S:443" -CAfile "$cert" \
    </dev/null 2>/dev/null | sed -n 's/^New, \(TLSv[0-9.]*\), Cipher is \(.*\)/\1 \2/p' |
    head -n 1)
lab_log "https: openssl s_client: $proto; with the cert: '$v_ok'; without: '$v_bad'"
assert_eq "$v_ok" "0 (ok)" "https: s_client verifies the chain and the IP with the cert"
assert_eq "$v_bad" "18 (self-signed certificate)" "https: s_client without it: self-signed"
assert_eq "${proto%% *}" TLSv1.3 "https: TLS 1.3 negotiated (\$LAB_TLS_PROTOCOLS)"
lab_post_clear_all

# --- 4. lab_transparent_proxy r3: 403 from r3 in the server's name ---------------
lab_nginx s 80
lab_nginx s 8080
lab_transparent_proxy r3 80 deny-post
lab_sniff c sniff.proxy right "tcp and src host $S and tcp[tcpflags] & tcp-syn != 0"
web px_post -d q=1 "http://$S/form"
px_post="$W_CODE $W_SERVER"
web px_get "http://$S/form"
px_get="$W_CODE $W_SERVER"
web px_8080 -d q=1 "http://$S:8080/form"
lab_sniff_stop
ttl_80=$(lab_pkts sniff.proxy | grep "$S.80 > " | lab_pkt_ttl | sort -u | paste -sd,)
ttl_8080=$(lab_pkts sniff.proxy | grep "$S.8080 > " | lab_pkt_ttl | sort -u | paste -sd,)
sc=$(scan 80 8080)
tp80=$(tcp_path 80 5)
tp8080=$(tcp_path 8080 5)
posts=$(grep -c '"POST /form' "$(lab_nginx_dir s 80)/access.log")
gets=$(grep '"GET /form' "$(lab_nginx_dir s 80)/access.log" | cut -d: -f1 | paste -sd,)
lab_log "proxy on r3: POST /form -> $px_post; GET /form -> $px_get; :8080 POST -> $W_CODE $W_SERVER"
lab_log "proxy on r3: SYN-ACK ttl on port 80 $ttl_80, on 8080 (not redirected) $ttl_8080;" \
    "nmap 80: $(echo "$sc" | reason 80); 8080: $(echo "$sc" | reason 8080)"
lab_log "proxy on r3: traceroute -T -p 80: $tp80; -p 8080: $tp8080"
lab_log "proxy on r3: the server's nginx saw $posts POST, GET from $gets;" \
    "proxy log: $(paste -sd';' "$(lab_file proxy.r3.log)")"
assert_eq "$px_post" "403 lab-proxy" "proxy: POST answered 403 by the proxy (Server: lab-proxy)"
case $px_get in "200 nginx/"*) lab_pass "proxy: GET relayed to the server's nginx ($px_get)" ;;
*) lab_fail "proxy: GET not relayed: '$px_get'" ;; esac
assert_eq "$ttl_80" 62 "proxy: its SYN-ACK carries the server's address with TTL 62 (2 routers)"
assert_eq "$ttl_8080" 61 "proxy: the server's own SYN-ACK has TTL 61 (3 routers)"
assert_eq "$(echo "$sc" | reason 80)" "open syn-ack ttl 62" "proxy: nmap sees port 80 answered 2 routers away"
assert_eq "$tp80" "198.18.0.2 198.18.1.2 $S" \
    "proxy: a TTL-3 SYN to port 80 already draws a SYN-ACK in the server's name"
assert_eq "$tp8080" "198.18.0.2 198.18.1.2 198.18.2.2 $S" \
    "proxy: to port 8080, r3 answers TTL 3 and the server TTL 4"
assert_eq "$posts" 0 "proxy: no POST reached the server"
assert_eq "$gets" 198.18.3.1 "proxy: the relayed GET reached the server from r3 (198.18.3.1)"
lab_post_clear_all

# --- 5. lab_inject_reset r2: RST in the server's name after the handshake --------
lab_nginx s 80
lab_inject_reset r2 80 POST
lab_sniff c sniff.rst right "tcp and src host $S"
web rst_post -d a=1 "http://$S/ok"
rst_rc=$W_RC
web rst_get "http://$S/form"
lab_sniff_stop
port=$(lab_pkts sniff.rst | grep -m1 'Flags \[R' | sed -n "s/.*$S\.80 > 198\.18\.0\.1\.\([0-9]*\):.*/\1/p")
synack=$(lab_pkts sniff.rst | grep "> 198.18.0.1.$port: Flags \[S\.\]" | lab_pkt_ttl)
rst=$(lab_pkts sniff.rst | grep "> 198.18.0.1.$port: Flags \[R")
rst_ttl=$(echo "$rst" | lab_pkt_ttl)
rst_src=$(echo "$rst" | sed -n 's/.*) *\([0-9.]*\)\.80 > .*/\1/p')
posts=$(grep -c '"POST' "$(lab_nginx_dir s 80)/access.log")
lab_log "reset on r2: POST -> curl exit $rst_rc ($(cat "$(lab_file rst_post.err)"));" \
    "GET -> $W_CODE; on the POST's connection: SYN-ACK ttl $synack, then RST from" \
    "$rst_src ttl $rst_ttl; POSTs in nginx's log: $posts"
assert_eq "$rst_rc" 56 "reset: curl's POST is reset (exit 56)"
assert_eq "$W_CODE" 200 "reset: a GET passes"
assert_eq "$synack" 61 "reset: the handshake was the server's (SYN-ACK ttl 61)"
assert_eq "$rst_src $rst_ttl" "$S 63" "reset: the RST carries the server's address with r2's TTL (63)"
assert_eq "$posts" 0 "reset: the POST never reached the server"
lab_post_clear_all

# --- 6. lab_mtu_blackhole r2 right 1000 ---------------------------------------------
lab_nginx s 80
lab_mtu_blackhole r2 right 1000
probing=$(lab_exec c sysctl -n net.ipv4.tcp_mtu_probing)
lab_sniff c sniff.mtu.c right "tcp port 80 or icmp"
sniff_c=$LAB_SNIFF_PID
lab_sniff r2 sniff.mtu.r2in left "tcp port 80 and src host 198.18.0.1"
sniff_r2in=$LAB_SNIFF_PID
lab_sniff r2 sniff.mtu.r2out right "tcp port 80 and src host 198.18.0.1"
sniff_r2out=$LAB_SNIFF_PID
WEB_MAX=5 web mtu_big --data-binary "@$BIG" "http://$S/upload"
big="$W_RC $W_TOTAL"
lab_sniff_stop "$sniff_c"
lab_sniff_stop "$sniff_r2in"
lab_sniff_stop "$sniff_r2out"
web mtu_small --data-binary "@$SMALL" "http://$S/upload"
# bigpkts NAME: "SECONDS IP_LENGTH" of every TCP packet from the client
# larger than the link's 1000 bytes in a capture.  On the veths the kernel
# hands TCP whole GSO bursts (several segments in one "packet" of up to
# 64 kB), so a capture in c or r2 shows those as they are.
bigpkts() {
	lab_pkts "$1" | grep ' 198\.18\.0\.1\.[0-9]* > ' |
	    sed -n 's/^\([0-9.]*\) [^(]*(.*, length \([0-9]*\)).*/\1 \2/p' |
	    awk '$2 > 1000'
}
big_c=$(bigpkts sniff.mtu.c)
full_c=$(echo "$big_c" | grep -c .)
sizes_c=$(echo "$big_c" | awk '{ print $2 }' | paste -sd,)
# When c sent each lone full-size segment (its retransmissions), in ms
# after the first data.
t0=$(echo "$big_c" | awk 'NR == 1 { print $1 }')
rexmit=$(echo "$big_c" | awk -v t0="$t0" '$2 == 1500 {
    printf "%s%.0f", sep, ($1 - t0) * 1000; sep = "," }')
full_in=$(bigpkts sniff.mtu.r2in | grep -c .)
icmp_c=$(lab_pkts sniff.mtu.c | grep -c 'ICMP')
max_out=$(lab_pkts sniff.mtu.r2out | sed -n 's/^[^(]*(.*, length \([0-9]*\)).*/\1/p' | sort -n | tail -n 1)
p1400=$(dfping 1400)
p973=$(dfping 973)
p972=$(dfping 972)
p900=$(dfping 900)
t2=$(dfping 1400 2)
t3=$(dfping 1400 3)
t3s=$(dfping 900 3)
lab_log "mtu black hole: tcp_mtu_probing=$probing in c; 20000-byte POST: curl exit ${big% *}" \
    "after ${big#* } ms; 100-byte POST: $W_CODE '$(body mtu_small)'"
lab_log "mtu black hole: capture: $full_c packets over 1000 bytes from c (IP lengths" \
    "$sizes_c; lone 1500-byte resends at $rexmit ms), $full_in of them reach r2," \
    "largest leaving r2 toward r3: ${max_out:-none} bytes; $icmp_c ICMP back to c"
lab_log "mtu black hole: ping -M do -s 1400: $p1400; -s 973: $p973; -s 972: $p972;" \
    "-s 900: $p900"
lab_log "mtu black hole: -s 1400 -t 2: $t2; -s 1400 -t 3: $t3; -s 900 -t 3: $t3s"
assert_eq "${big% *}" 28 "mtu: the 20000-byte POST times out (curl exit 28)"
assert_eq "$W_CODE $(body mtu_small)" "200 received 100 bytes" "mtu: the 100-byte POST works"
assert_between "$full_c" 2 1000 "mtu: c sends (and resends) packets over 1000 bytes"
assert_eq "$full_in" "$full_c" "mtu: every one reaches r2"
assert_between "${max_out:-0}" 1 1000 "mtu: nothing over 1000 bytes leaves r2 toward r3"
assert_eq "$icmp_c" 0 "mtu: no ICMP comes back to c"
assert_eq "$p1400" "100% -" "mtu: ping -M do -s 1400 lost, no frag-needed"
assert_eq "$p973" "100% -" "mtu: ping -M do -s 973 (1001 bytes) lost"
assert_eq "$p972" "0% -" "mtu: ping -M do -s 972 (1000 bytes) passes"
assert_eq "$p900" "0% -" "mtu: ping -M do -s 900 passes"
assert_eq "$t2" "100% 198.18.1.2 Time to live exceeded" \
    "mtu: a large packet expiring at r2 is answered (TTL check before MTU check)"
assert_eq "$t3" "100% -" "mtu: a large packet meant for r3 vanishes at r2"
assert_eq "$t3s" "100% 198.18.2.2 Time to live exceeded" "mtu: a small one reaches r3"
lab_post_clear_all
# The control: the same link MTU with r2's ICMP allowed; path MTU discovery
# then works, so the ICMP drop is what makes the black hole.
lab_nginx s 80
lab_link_mtu r2 right 1000
# The black hole's timed-out POST may leave an orphaned connection in c
# that still resends a 1500-byte segment: once r2 answers it, c has
# learned mtu 1000 before the ping, which then fails locally ("message
# too long") instead of being answered (1 run of 7 here, 1 in CI).  Forget the
# learned MTU and ask again, up to 5 times.
for _ in 1 2 3 4 5; do
	lab_exec c ip route flush cache
	pc=$(dfping 1400)
	case $pc in *"Frag needed"*) break ;; esac
done
pmtu=$(lab_exec c ip route get "$S" | sed -n 's/.* mtu \([0-9]*\).*/\1/p')
web mtu_ctl --data-binary "@$BIG" "http://$S/upload"
lab_log "mtu control (ICMP allowed): ping -M do -s 1400: $pc; c's route cache: mtu" \
    "${pmtu:-none}; 20000-byte POST: $W_CODE '$(body mtu_ctl)' in $W_TOTAL ms"
case $pc in *"198.18.1.2 Frag needed and DF set (mtu = 1000)"*)
	lab_pass "mtu control: r2 answers frag-needed (mtu 1000)" ;;
*) lab_fail "mtu control: no frag-needed from r2: '$pc'" ;; esac
assert_eq "$(body mtu_ctl)" "received 20000 bytes" "mtu control: the large POST works"
lab_post_clear_all
pmtu=$(lab_exec c ip route get "$S" | sed -n 's/.* mtu \([0-9]*\).*/\1/p')
assert_eq "${pmtu:-none}" none "lab_post_clear: the learned path MTU is forgotten"
assert_cmd "lab_post_clear: IPv6 back across the link that had MTU 1000" \
    lab_exec c ping -6 -n -q -c 1 -W 2 "$(lab_server_addr6)"

# --- 7. nothing on the port: refused ------------------------------------------------
lab_nginx s 80
web refused -d a=1 "http://$S:8080/ok"
sc=$(scan 8080)
lab_log "refused: curl exit $W_RC ($(cat "$(lab_file refused.err)")); nmap 8080: $(echo "$sc" | reason 8080)"
assert_eq "$W_RC" 7 "refused: curl cannot connect (exit 7)"
assert_eq "$(echo "$sc" | reason 8080)" "closed reset ttl 61" "refused: RST from the server itself"
lab_post_clear_all

# --- 8. the server's firewall drops the port while 80 answers -----------------------
lab_nginx s 80
lab_nginx s 8080
lab_host_drop s 8080
WEB_MAX=3 web filtered -d a=1 "http://$S:8080/ok"
f="$W_RC $W_TOTAL"
web filtered80 -d a=1 "http://$S/ok"
sc=$(scan 8080 80)
tp=$(tcp_path 8080 5)
lab_log "filtered: curl to 8080 exit ${f% *} after ${f#* } ms; port 80: $W_CODE;" \
    "nmap 8080: $(echo "$sc" | reason 8080); 80: $(echo "$sc" | reason 80);" \
    "traceroute -T -p 8080: $tp"
assert_eq "${f% *}" 28 "filtered: curl to 8080 times out (exit 28)"
assert_eq "$W_CODE" 200 "filtered: port 80 answers"
assert_eq "$(echo "$sc" | reason 8080)" "filtered no-response" "filtered: no answer on 8080"
assert_eq "$tp" "198.18.0.2 198.18.1.2 198.18.2.2 * *" \
    "filtered: TTL-limited SYNs answered up to hop 3, nothing from hop 4"
lab_post_clear_all

# --- teardown leaves nothing behind -------------------------------------------
lab_backend_sleep s 8081 2
lab_nginx s 80
lab_nginx_tls s 443 server.lab.test
lab_transparent_proxy r3 80 deny-post
lab_mtu_blackhole r2 right 1000
assert_cmd "root namespace still clean with every fault in place" lab_root_clean
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
n=$(pgrep -f -- "-p $tmp/" | wc -l)
assert_eq "$n" 0 "teardown: no nginx of this lab left"
assert_cmd "teardown: temp dir removed" test ! -e "$tmp"
assert_cmd "teardown: root namespace clean" lab_root_clean
n=$(find /var/log/nginx /var/lib/nginx /etc/nginx -newermt "@$t_start" 2>/dev/null | wc -l)
assert_eq "$n" 0 "nginx wrote nothing under /var/log/nginx, /var/lib/nginx, /etc/nginx"
assert_eq "$(test -e /run/nginx.pid && echo present || echo absent)" "$pidfile_before" \
    "nginx left /run/nginx.pid as it was"
lab_done
