# tests/lab/lib.sh: real networks in network namespaces, with faults, for lab
# tests.  Source it from a tests/lab/t_*.sh script (bash), then:
#
#   lab_init                  root check, unique prefix, teardown trap
#   lab_chain 3               c - r1 - r2 - r3 - s, addresses below
#   lab_delay r1 "$(lab_dev_right r1)" 50
#   lab_run c out.json "$FL_BIN/ptrace-slow" --json "$(lab_server_addr)"
#   assert_json "$(lab_file out.json)" .verdict.hop 2 "delay found at hop 2"
#   lab_done                  summary line; exit status 1 if any check failed
#
# Topology (lab_chain N): node 0 is the client c, node k the router rk,
# node N+1 the server s.  Link i (0..N) joins node i and node i+1 on
# 198.18.i.0/24 and 2001:2:0:i::/64 (i in decimal digits); the left node has
# .1 / ::1 on its device "right", the right node .2 / ::2 on its device
# "left".  So rk answers a TTL-k probe from 198.18.(k-1).2, the server is
# 198.18.N.2 and the client 198.18.0.1.  Routes are specific (198.18.0.0/15,
# 2001:2::/48, per-link /24 and /64), never a default route, and nothing is
# ever added to the root namespace.
#
# Every node gets ICMP error rate limiting switched off (see lab__sysctls);
# lab_ratelimit_default puts one node back to the kernel defaults.
#
# Tests should not use "set -e": a failed check must not skip teardown or the
# remaining checks.  "set -u" is fine.
# shellcheck shell=bash

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_REPO=$(cd "$LAB_DIR/../.." && pwd)
FL_BIN=${FL_BIN:-$LAB_REPO/build}
LAB_TOOLS=${LAB_TOOLS:-$FL_BIN/lab}
# Helpers exit on their own after this long even if teardown never runs.
LAB_HELPER_SECONDS=${LAB_HELPER_SECONDS:-900}
# Upper bound for any one command run through lab_run.
LAB_CMD_TIMEOUT=${LAB_CMD_TIMEOUT:-120}
# tbf defaults (see README.md for why these numbers).
LAB_TBF_BURST=${LAB_TBF_BURST:-3000}
LAB_TBF_LATENCY=${LAB_TBF_LATENCY:-300ms}
LAB_BLAST_ONOFF=${LAB_BLAST_ONOFF:-80,100}

# The values a fresh namespace has on this kernel (lab_chain re-reads them);
# lab_ratelimit_default restores these.
LAB_DEF_RATELIMIT=1000
LAB_DEF_RATEMASK=6168
LAB_DEF_MSGS_PER_SEC=1000
LAB_DEF_MSGS_BURST=50
LAB_DEF_RATELIMIT6=100

# run.sh hands each test its own prefix so it can sweep up after a crash.
LAB_PREFIX=${LAB_PREFIX:-}
LAB_TMP=
LAB_N=0
LAB_UP=0
LAB_QNUM=10
# How the NFQUEUE holder is run (lab__hold): SCHED_FIFO when this kernel and
# container allow it, else the highest nice that does not starve the rest.
if chrt -f 10 true 2>/dev/null; then
	LAB_HOLD_PRIO=(chrt -f 10)
else
	LAB_HOLD_PRIO=(nice -n -15)
fi
LAB_PORT=9000
LAB_PASSES=0
LAB_FAILS=0
LAB_LAST_PID=
LAB_LAST_QUEUE=
LAB_PIDS=()
declare -A LAB_PID_NODE=()

lab_log() { echo "lab: $*"; }
lab_die() { echo "lab: error: $*" >&2; exit 1; }

# --- setup and teardown -----------------------------------------------------

# lab_init: must run first.  Needs root; picks the namespace prefix (fl, the
# shell's pid and a random suffix, or $LAB_PREFIX from run.sh) and a private
# temp dir, and arranges for lab_teardown on any exit.  Exits 77 (skip) when
# not root, 1 when a tool is missing.
lab_init() {
	local t missing=
	if [ "$(id -u)" != 0 ]; then
		echo "lab: SKIP: lab tests need root (network namespaces)" >&2
		exit 77
	fi
	for t in ip iptables ip6tables tc jq timeout sysctl ping traceroute awk; do
		command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
	done
	[ -z "$missing" ] || lab_die "missing tools:$missing" \
	    "(apt-get install -y iproute2 iptables jq iputils-ping traceroute)"
	LAB_PREFIX=${LAB_PREFIX:-fl$$$(printf '%04x' $((RANDOM % 65536)))}
	LAB_TMP=$(mktemp -d "${TMPDIR:-/tmp}/$LAB_PREFIX.XXXXXX") ||
	    lab_die "cannot make a temp dir"
	LAB_UP=1
	trap 'lab__on_exit' EXIT
	trap 'lab__on_signal 130' INT
	trap 'lab__on_signal 143' TERM
	trap 'lab__on_signal 129' HUP
	lab_log "prefix $LAB_PREFIX, temp dir $LAB_TMP"
}

lab__on_signal() {
	echo "lab: interrupted, tearing down" >&2
	exit "$1"
}

lab__on_exit() {
	local rc=$?
	lab_teardown
	[ "$rc" = 0 ] && [ "$LAB_FAILS" -gt 0 ] && rc=1
	exit "$rc"
}

# The namespaces this lab created, found by prefix so that even ones made
# by a half-finished lab_chain are removed.
lab__namespaces() {
	[ -n "$LAB_PREFIX" ] || return 0
	ip netns list 2>/dev/null | awk -v p="$LAB_PREFIX-" \
	    'index($1, p) == 1 { print $1 }'
}

# lab__stop_pids PID...: SIGTERM, up to 3 s for them to go, then SIGKILL.
lab__stop_pids() {
	local pid i alive
	[ $# -gt 0 ] || return 0
	kill -TERM "$@" 2>/dev/null
	for i in $(seq 60); do
		alive=
		for pid in "$@"; do
			kill -0 "$pid" 2>/dev/null && alive=1
		done
		[ -n "$alive" ] || break
		sleep 0.05
	done
	kill -KILL "$@" 2>/dev/null
	for pid in "$@"; do
		wait "$pid" 2>/dev/null
	done
	return 0
}

# lab_teardown: stops every helper, deletes every lab namespace and the temp
# dir.  Safe to call more than once; the EXIT trap calls it again.
lab_teardown() {
	local ns pids
	[ "$LAB_UP" = 1 ] || return 0
	lab__stop_pids "${LAB_PIDS[@]}"
	LAB_PIDS=()
	LAB_PID_NODE=()
	for ns in $(lab__namespaces); do
		# Anything still running inside was started by this lab.
		pids=$(ip netns pids "$ns" 2>/dev/null)
		# shellcheck disable=SC2086
		[ -z "$pids" ] || lab__stop_pids $pids
		ip netns del "$ns" 2>/dev/null ||
		    echo "lab: warning: could not delete namespace $ns" >&2
	done
	if [ -n "$LAB_TMP" ] && [ -z "${LAB_KEEP:-}" ]; then
		rm -rf "$LAB_TMP"
	elif [ -n "$LAB_TMP" ]; then
		echo "lab: kept $LAB_TMP" >&2
	fi
	LAB_UP=0
}

# --- names and addresses ----------------------------------------------------

# lab__idx NODE: the node's position on the chain (c=0, rk=k, s=N+1).
lab__idx() {
	case $1 in
	c) echo 0 ;;
	s) echo $((LAB_N + 1)) ;;
	r[1-9]|r[1-9][0-9]|r[1-9][0-9][0-9])
		[ "${1#r}" -le "$LAB_N" ] || lab_die "no router $1 (chain of $LAB_N)"
		echo "${1#r}" ;;
	*) lab_die "unknown node '$1' (c, r1..r$LAB_N or s)" ;;
	esac
}

# lab_node IDX: the node's name from its position.
lab_node() {
	if [ "$1" = 0 ]; then echo c
	elif [ "$1" = $((LAB_N + 1)) ]; then echo s
	else echo "r$1"
	fi
}

lab_ns() { echo "$LAB_PREFIX-$1"; }
lab_nodes() {
	local i
	for i in $(seq 0 $((LAB_N + 1))); do lab_node "$i"; done
}

# IPv6 address of host H (1 or 2) on link I, in canonical (RFC 5952) form.
lab__a6() {
	if [ "$1" = 0 ]; then echo "2001:2::$2"; else echo "2001:2:0:$1::$2"; fi
}

lab_addr_left() {
	local i; i=$(lab__idx "$1")
	[ "$i" -gt 0 ] || lab_die "$1 has no left side"
	echo "198.18.$((i - 1)).2"
}
lab_addr_right() {
	local i; i=$(lab__idx "$1")
	[ "$i" -le "$LAB_N" ] || lab_die "$1 has no right side"
	echo "198.18.$i.1"
}
lab_addr6_left() {
	local i; i=$(lab__idx "$1")
	[ "$i" -gt 0 ] || lab_die "$1 has no left side"
	lab__a6 $((i - 1)) 2
}
lab_addr6_right() {
	local i; i=$(lab__idx "$1")
	[ "$i" -le "$LAB_N" ] || lab_die "$1 has no right side"
	lab__a6 "$i" 1
}
lab_client_addr() { echo 198.18.0.1; }
lab_server_addr() { echo "198.18.$LAB_N.2"; }
lab_client_addr6() { lab__a6 0 1; }
lab_server_addr6() { lab__a6 "$LAB_N" 2; }
# lab_hop_addr TTL: who answers a probe from the client with this TTL.
lab_hop_addr() { lab_addr_left "$(lab_node "$1")"; }
lab_hop_addr6() { lab_addr6_left "$(lab_node "$1")"; }

lab_dev_left() {
	[ "$(lab__idx "$1")" -gt 0 ] || lab_die "$1 has no left side"
	echo left
}
lab_dev_right() {
	[ "$(lab__idx "$1")" -le "$LAB_N" ] || lab_die "$1 has no right side"
	echo right
}

# --- running things in nodes ------------------------------------------------

# lab_exec NODE CMD...: run CMD inside the node's namespace.
lab_exec() {
	local node=$1; shift
	ip netns exec "$(lab_ns "$node")" "$@"
}

# lab_run NODE NAME CMD...: run CMD in NODE under timeout $LAB_CMD_TIMEOUT,
# stdout to $(lab_file NAME), stderr to $(lab_file NAME.err).  Returns CMD's
# status (124 on timeout).
lab_run() {
	local node=$1 name=$2; shift 2
	timeout -k 5 "$LAB_CMD_TIMEOUT" ip netns exec "$(lab_ns "$node")" "$@" \
	    >"$LAB_TMP/$name" 2>"$LAB_TMP/$name.err"
}
lab_client() { lab_run c "$@"; }
lab_file() { echo "$LAB_TMP/$1"; }

# lab_show NAME_OR_PATH: print a captured file, indented and cut at 60 lines
# (evidence in the log when a check fails).
lab_show() {
	local f=$1
	[ -e "$f" ] || f=$LAB_TMP/$1
	[ -e "$f" ] || { echo "lab:   ($1: no such file)"; return 0; }
	sed -n '1,60s/^/lab:   /p' "$f"
	[ "$(wc -l <"$f")" -le 60 ] || echo "lab:   ... ($(wc -l <"$f") lines)"
}

# lab_bin NAME: the path of a product binary in $FL_BIN; dies with a hint
# if it has not been built.
lab_bin() {
	[ -x "$FL_BIN/$1" ] || lab_die "$FL_BIN/$1 missing: run 'make' first"
	echo "$FL_BIN/$1"
}

# lab_bg NODE NAME CMD...: start CMD in NODE in the background, output to
# $(lab_file NAME.log); its pid is tracked for teardown and left in
# LAB_LAST_PID.  (ip netns exec execs CMD, so the pid is CMD's own.)  The
# log is emptied before CMD starts, so nothing an earlier helper of that
# name wrote can be read as this one's.
lab_bg() {
	local node=$1 name=$2; shift 2
	: >"$LAB_TMP/$name.log"
	ip netns exec "$(lab_ns "$node")" "$@" >>"$LAB_TMP/$name.log" 2>&1 &
	LAB_LAST_PID=$!
	LAB_PIDS+=("$LAB_LAST_PID")
	LAB_PID_NODE[$LAB_LAST_PID]=$node
}

# Readiness.  A helper counts as started when it does its job for us: a
# TCP connect accepted, a DNS query answered, an HTTP request answered, an
# FTP greeting read, its queue bound in the kernel; never when a log line
# appears (an earlier helper's line or port can still be there), never
# after a sleep.  Every wait is bounded.

# lab_wait_until SECONDS WHAT CMD...: run CMD every 50 ms until it
# succeeds; 1 (with a message naming WHAT) after SECONDS.
lab_wait_until() {
	local secs=$1 what=$2 end
	shift 2
	end=$(($(date +%s%N) + secs * 1000000000))
	while :; do
		"$@" 2>/dev/null && return 0
		[ "$(date +%s%N)" -lt "$end" ] || break
		sleep 0.05
	done
	echo "lab: timed out after $secs s waiting for $what" >&2
	return 1
}

# lab__tcp_ok NODE ADDR PORT: a TCP connect from NODE to ADDR:PORT is
# accepted (and closed at once).
lab__tcp_ok() {
	case $2 in *:*) set -- "$1" "[$2]" "$3" ;; esac
	lab_exec "$1" timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "${2//[][]/}" "$3"
}

# lab_wait_tcp NODE ADDR PORT [SECONDS]: until NODE's connect to ADDR:PORT
# is accepted.
lab_wait_tcp() {
	lab_wait_until "${4:-10}" "a TCP connect from $1 to $2 port $3" \
	    lab__tcp_ok "$1" "$2" "$3"
}

# lab__queue_bound NODE QUEUE: the kernel lists QUEUE as bound to a
# program in NODE (/proc/net/netfilter/nfnetlink_queue is per namespace).
lab__queue_bound() {
	lab_exec "$1" awk -v q="$2" '$1 == q { found = 1 } END { exit !found }' \
	    /proc/net/netfilter/nfnetlink_queue
}

# lab__dns_ok NODE ADDR: fake_dns.py at ADDR answers its readiness query
# sent from NODE.
lab__dns_ok() {
	lab_exec "$1" "$(lab__py)" "$LAB_DIR/fake_dns.py" --ask "$2"
}

# lab__http_ok NODE URL: an HTTP(S) request from NODE is answered (any
# status).
lab__http_ok() {
	local code
	code=$(lab_exec "$1" curl -ks -o /dev/null -m 2 -w '%{http_code}' "$2")
	[ -n "$code" ] && [ "$code" != 000 ]
}

# lab__ftp_ok NODE ADDR PORT: the server at ADDR:PORT greets NODE with 220.
lab__ftp_ok() {
	lab_exec "$1" timeout 3 bash -c '
		exec 3<>"/dev/tcp/$0/$1" || exit 1
		IFS= read -r -t 2 line <&3 || exit 1
		case $line in 220*) exit 0 ;; esac
		exit 1' "$2" "$3"
}

# lab__udp_bound NODE PORT: something in NODE has UDP PORT bound.
lab__udp_bound() {
	lab_exec "$1" ss -Hlun "sport = :$2" | grep -q .
}

# lab_wait_log FILE REGEX SECONDS: wait, bounded, for a line in a log.  For
# what a helper reports, not for whether it is ready (see above).
lab_wait_log() {
	local i
	for i in $(seq $(($3 * 20))); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	echo "lab: timed out after $3 s waiting for '$2' in $1" >&2
	[ -s "$1" ] && sed 's/^/lab:   /' "$1" >&2
	return 1
}

# --- topology ---------------------------------------------------------------

# The sysctls every node gets; routers also forward.  ICMP error rate
# limiting is off (ratelimit 0, ratemask 0) and the global budget raised, not
# zeroed: icmp_msgs_per_sec=0 would stop every ICMP error.  rp_filter is off
# so replies on asymmetric lab paths are never dropped.
lab__sysctls() {
	local node=$1 fwd=0
	case $node in r*) fwd=1 ;; esac
	lab_exec "$node" sysctl -qw \
	    net.ipv4.ip_forward=$fwd \
	    net.ipv4.conf.all.rp_filter=0 \
	    net.ipv4.conf.default.rp_filter=0 \
	    net.ipv4.icmp_ratelimit=0 \
	    net.ipv4.icmp_ratemask=0 \
	    net.ipv4.icmp_msgs_per_sec=100000 \
	    net.ipv4.icmp_msgs_burst=100000 \
	    net.ipv6.conf.all.forwarding=$fwd \
	    net.ipv6.conf.all.accept_ra=0 \
	    net.ipv6.conf.default.accept_ra=0 \
	    net.ipv6.conf.all.accept_dad=0 \
	    net.ipv6.conf.default.accept_dad=0 \
	    net.ipv6.icmp.ratelimit=0
}

# lab_show_sysctls NODE: one line with the values the kernel reports.
lab_show_sysctls() {
	local node=$1 line k
	line="$node:"
	for k in net.ipv4.ip_forward net.ipv4.conf.all.rp_filter \
	    net.ipv4.icmp_ratelimit net.ipv4.icmp_ratemask \
	    net.ipv4.icmp_msgs_per_sec net.ipv4.icmp_msgs_burst \
	    net.ipv6.conf.all.forwarding net.ipv6.icmp.ratelimit; do
		line="$line ${k#net.}=$(lab_exec "$node" sysctl -n "$k")"
	done
	lab_log "sysctl $line"
}

# Installs (or puts back) every route NODE should have; connected routes
# too, since lab_noroute may have removed one.
lab__routes() {
	local node=$1 i j l r
	i=$(lab__idx "$node")
	l=$((i - 1))
	r=$i
	if [ "$i" -gt 0 ]; then
		lab_exec "$node" ip route replace "198.18.$l.0/24" dev left \
		    proto kernel scope link src "198.18.$l.2"
		lab_exec "$node" ip -6 route replace "$(lab__a6 "$l" '')/64" \
		    dev left proto kernel metric 256
	fi
	if [ "$i" -le "$LAB_N" ]; then
		lab_exec "$node" ip route replace "198.18.$r.0/24" dev right \
		    proto kernel scope link src "198.18.$r.1"
		lab_exec "$node" ip -6 route replace "$(lab__a6 "$r" '')/64" \
		    dev right proto kernel metric 256
	fi
	if [ "$i" = 0 ]; then
		lab_exec c ip route replace 198.18.0.0/15 via 198.18.0.2
		lab_exec c ip -6 route replace 2001:2::/48 via "$(lab__a6 0 2)"
		return
	fi
	if [ "$i" = $((LAB_N + 1)) ]; then
		lab_exec s ip route replace 198.18.0.0/15 via "198.18.$l.1"
		lab_exec s ip -6 route replace 2001:2::/48 via "$(lab__a6 "$l" 1)"
		return
	fi
	for j in $(seq 0 $((l - 1))); do
		lab_exec "$node" ip route replace "198.18.$j.0/24" via "198.18.$l.1"
		lab_exec "$node" ip -6 route replace "$(lab__a6 "$j" '')/64" \
		    via "$(lab__a6 "$l" 1)"
	done
	for j in $(seq $((r + 1)) "$LAB_N"); do
		lab_exec "$node" ip route replace "198.18.$j.0/24" via "198.18.$r.2"
		lab_exec "$node" ip -6 route replace "$(lab__a6 "$j" '')/64" \
		    via "$(lab__a6 "$r" 2)"
	done
}

# lab_chain N: client c, routers r1..rN, server s in a line (see the top of
# this file for the address rule).  Checks end-to-end reachability over
# IPv4 and IPv6 before returning; dies if the network does not work.
lab_chain() {
	local n=$1 i node a b ns
	case $n in ''|*[!0-9]*) lab_die "lab_chain: '$n' is not a number" ;; esac
	if [ "$n" -lt 1 ] || [ "$n" -gt 250 ]; then
		lab_die "lab_chain: 1..250 routers, not $n"
	fi
	[ "$LAB_UP" = 1 ] || lab_die "lab_chain before lab_init"
	[ "$LAB_N" = 0 ] || lab_die "lab_chain called twice"
	LAB_N=$n
	for node in $(lab_nodes); do
		ns=$(lab_ns "$node")
		ip netns add "$ns" || lab_die "cannot create namespace $ns"
		lab_exec "$node" ip link set lo up
	done
	lab__read_defaults
	for node in $(lab_nodes); do
		lab__sysctls "$node" || lab_die "sysctls failed in $node"
	done
	for i in $(seq 0 "$n"); do
		a=$(lab_node "$i")
		b=$(lab_node $((i + 1)))
		# Created straight inside the two namespaces, never in the root one.
		ip link add right netns "$(lab_ns "$a")" type veth \
		    peer name left netns "$(lab_ns "$b")" ||
		    lab_die "cannot create link $i"
		lab_exec "$a" ip addr add "198.18.$i.1/24" dev right
		lab_exec "$b" ip addr add "198.18.$i.2/24" dev left
		lab_exec "$a" ip -6 addr add "$(lab__a6 "$i" 1)/64" dev right nodad
		lab_exec "$b" ip -6 addr add "$(lab__a6 "$i" 2)/64" dev left nodad
		lab_exec "$a" ip link set right up
		lab_exec "$b" ip link set left up
	done
	for node in $(lab_nodes); do
		lab__routes "$node"
	done
	lab_log "chain: c $(for i in $(seq "$n"); do printf -- '- r%s ' "$i"; done)- s;" \
	    "client $(lab_client_addr), server $(lab_server_addr)" \
	    "($(lab_server_addr6))"
	for node in $(lab_nodes); do
		lab_show_sysctls "$node"
	done
	lab_exec c ping -n -q -c 1 -W 3 "$(lab_server_addr)" >/dev/null ||
	    lab_die "chain built but the server does not answer over IPv4"
	lab_exec c ping -6 -n -q -c 1 -W 3 "$(lab_server_addr6)" >/dev/null ||
	    lab_die "chain built but the server does not answer over IPv6"
}

# The kernel's own defaults, read from the client's namespace while it is
# still fresh, so lab_ratelimit_default restores exactly those.
lab__read_defaults() {
	local v
	v=$(lab_exec c sysctl -n net.ipv4.icmp_ratelimit) && LAB_DEF_RATELIMIT=$v
	v=$(lab_exec c sysctl -n net.ipv4.icmp_ratemask) && LAB_DEF_RATEMASK=$v
	v=$(lab_exec c sysctl -n net.ipv4.icmp_msgs_per_sec) &&
	    LAB_DEF_MSGS_PER_SEC=$v
	v=$(lab_exec c sysctl -n net.ipv4.icmp_msgs_burst) && LAB_DEF_MSGS_BURST=$v
	v=$(lab_exec c sysctl -n net.ipv6.icmp.ratelimit) && LAB_DEF_RATELIMIT6=$v
	return 0
}

# --- faults -----------------------------------------------------------------
# Each fault adds rules with -A, so faults on different chains and devices
# combine; two NFQUEUE faults on the same chain and device do not (the first
# helper's verdict ends the chain), so give lab_delay both delay and loss.

# lab__hold NODE NFQ_HOLD_ARGS...: start nfq_hold on a fresh queue number in
# NODE and wait until it is bound; the queue number is left in
# LAB_LAST_QUEUE.  Rules are inserted only after this, without
# --queue-bypass, so no packet slips past at startup.
lab__hold() {
	local node=$1 q; shift
	[ -x "$LAB_TOOLS/nfq_hold" ] ||
	    lab_die "$LAB_TOOLS/nfq_hold missing: run 'make lab-tools'"
	q=$LAB_QNUM
	LAB_QNUM=$((q + 1))
	# A link's delay does not wait for a CPU: the holder runs ahead of
	# other work (real-time FIFO priority where the kernel grants it, nice
	# -15 where not), so a busy machine does not add to it.  It sleeps in
	# ppoll between packets, so it never holds a CPU for long.
	lab_bg "$node" "nfq_hold.$q" "${LAB_HOLD_PRIO[@]}" "$LAB_TOOLS/nfq_hold" -q "$q" \
	    -s "${LAB_SEED:-$q}" -t "$LAB_HELPER_SECONDS" "$@"
	lab_wait_until 5 "nfq_hold to bind queue $q in $node" \
	    lab__queue_bound "$node" "$q" || {
		lab_show "nfq_hold.$q.log"
		lab_die "nfq_hold did not start in $node"
	}
	LAB_LAST_QUEUE=$q
}

# lab_delay NODE DEV MS [JITTER_MS [LOSS_PCT]]: one-way delay (and loss) on
# everything NODE forwards out of DEV: iptables FORWARD -o DEV -> NFQUEUE ->
# nfq_hold.
lab_delay() {
	local node=$1 dev=$2 ms=$3 jit=${4:-0} loss=${5:-0} q
	lab__hold "$node" -d "$ms" -j "$jit" -l "$loss"
	q=$LAB_LAST_QUEUE
	lab_exec "$node" iptables -A FORWARD -o "$dev" -j NFQUEUE --queue-num "$q"
	lab_exec "$node" ip6tables -A FORWARD -o "$dev" -j NFQUEUE --queue-num "$q"
	lab_log "fault: $node delays forwarding out of $dev by $ms ms" \
	    "(+0..$jit ms jitter, $loss% loss; queue $q)"
}

# lab_loss NODE DEV PCT: drop PCT% of what NODE forwards out of DEV.
lab_loss() {
	local node=$1 dev=$2 pct=$3 q
	lab__hold "$node" -l "$pct"
	q=$LAB_LAST_QUEUE
	lab_exec "$node" iptables -A FORWARD -o "$dev" -j NFQUEUE --queue-num "$q"
	lab_exec "$node" ip6tables -A FORWARD -o "$dev" -j NFQUEUE --queue-num "$q"
	lab_log "fault: $node drops $pct% of forwarding out of $dev (queue $q)"
}

# The ICMP errors a router itself sends about the probes it handles.
lab__icmp_err_rules() {
	local node=$1 verb=$2; shift 2
	local t
	for t in time-exceeded destination-unreachable; do
		lab_exec "$node" iptables "$verb" OUTPUT -p icmp --icmp-type "$t" "$@"
		lab_exec "$node" ip6tables "$verb" OUTPUT -p ipv6-icmp \
		    --icmpv6-type "$t" "$@"
	done
}

# lab_icmp_delay NODE MS [JITTER_MS]: delay only the time-exceeded and
# unreachable messages NODE generates (OUTPUT chain), not what it forwards:
# a router that answers slowly while the path through it is fast.
lab_icmp_delay() {
	local node=$1 ms=$2 jit=${3:-0}
	lab__hold "$node" -d "$ms" -j "$jit"
	lab__icmp_err_rules "$node" -A -j NFQUEUE --queue-num "$LAB_LAST_QUEUE"
	lab_log "fault: $node delays its own ICMP errors by $ms ms" \
	    "(queue $LAB_LAST_QUEUE)"
}

# lab_silent NODE: NODE never answers (its ICMP errors are dropped on
# OUTPUT) but still forwards.
lab_silent() {
	lab__icmp_err_rules "$1" -A -j DROP
	lab_log "fault: $1 is silent (drops its own time-exceeded/unreachable)"
}

# lab_ratelimit_default NODE: the kernel's default ICMP rate limits again.
lab_ratelimit_default() {
	lab_exec "$1" sysctl -qw \
	    net.ipv4.icmp_ratelimit="$LAB_DEF_RATELIMIT" \
	    net.ipv4.icmp_ratemask="$LAB_DEF_RATEMASK" \
	    net.ipv4.icmp_msgs_per_sec="$LAB_DEF_MSGS_PER_SEC" \
	    net.ipv4.icmp_msgs_burst="$LAB_DEF_MSGS_BURST" \
	    net.ipv6.icmp.ratelimit="$LAB_DEF_RATELIMIT6"
	lab_log "fault: $1 back to default ICMP rate limits"
	lab_show_sysctls "$1"
}

# lab_noroute NODE [route|reject]: NODE can no longer reach the server's
# subnet and answers ICMP net unreachable.  "route" (the default) really
# deletes the route; the kernel then also applies its route-error limiter
# (net.ipv4.route.error_cost/error_burst: global, not per namespace, left
# alone), which lets through about 5 answers and then 1 per second.
# "reject" keeps the route and answers with an iptables REJECT instead, not
# limited that way (but a probe whose TTL ends at NODE gets time-exceeded).
lab_noroute() {
	local node=$1 mode=${2:-route}
	local net4="198.18.$LAB_N.0/24" net6
	net6="$(lab__a6 "$LAB_N" '')/64"
	case $mode in
	route)
		lab_exec "$node" ip route del "$net4" ||
		    lab_die "lab_noroute: no route to $net4 in $node"
		lab_exec "$node" ip -6 route del "$net6" ;;
	reject)
		lab_exec "$node" iptables -A FORWARD -d "$net4" \
		    -j REJECT --reject-with icmp-net-unreachable
		lab_exec "$node" ip6tables -A FORWARD -d "$net6" \
		    -j REJECT --reject-with icmp6-no-route ;;
	*) lab_die "lab_noroute: mode '$mode' is not route or reject" ;;
	esac
	lab_log "fault: $node has no route to $net4 and $net6 ($mode)"
}

# lab_filter_forward NODE: NODE drops everything it would forward toward the
# server; it still answers TTL-limited probes itself, nothing beyond does.
lab_filter_forward() {
	lab_exec "$1" iptables -A FORWARD -o right -j DROP
	lab_exec "$1" ip6tables -A FORWARD -o right -j DROP
	lab_log "fault: $1 drops all forwarding toward the server"
}

# lab_tbf NODE DEV RATE [BURST [LATENCY]]: a token bucket on DEV's egress.
lab_tbf() {
	local node=$1 dev=$2 rate=$3
	local burst=${4:-$LAB_TBF_BURST} lat=${5:-$LAB_TBF_LATENCY}
	lab_exec "$node" tc qdisc replace dev "$dev" root tbf rate "$rate" \
	    burst "$burst" latency "$lat" ||
	    lab_die "tc tbf failed on $node $dev"
	lab_log "fault: $node $dev limited by tbf rate $rate burst $burst" \
	    "latency $lat"
}

# lab__tbf_loaded NODE DEV SECONDS: the token bucket on DEV has held back
# packets (tc's overlimits counter) and passed at least SECONDS worth of
# its rate: the link has been carrying full load for about that long.
lab__tbf_loaded() {
	lab_exec "$1" tc -s qdisc show dev "$2" | awk -v secs="$3" '
	function bits(v,   n, u) {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u ~ /^[Kk]/) n *= 1e3; else if (u ~ /^M/) n *= 1e6; else if (u ~ /^G/) n *= 1e9
		return n
	}
	/ tbf / { for (i = 1; i < NF; i++) if ($i == "rate") rate = bits($(i + 1)) }
	/Sent/ { for (i = 1; i < NF; i++) {
		if ($i == "Sent") sent = $(i + 1) + 0
		if ($i == "overlimits") over = $(i + 1) + 0 } }
	END { exit !(rate > 0 && over > 0 && sent * 8 >= secs * rate) }'
}

# lab_wait_loaded NODE DEV SECONDS: until load (lab_blast) has kept the
# token bucket lab_tbf put on DEV full for about SECONDS: the steady,
# congested state a scenario starts from.  Asks the qdisc; bounded.
lab_wait_loaded() {
	lab_wait_until $(($3 * 3 + 10)) "$3 s of full load on $1 $2" \
	    lab__tbf_loaded "$1" "$2" "$3"
}

# lab__owner ADDR: the node holding ADDR.
lab__owner() {
	local node
	for node in $(lab_nodes); do
		if lab_exec "$node" ip -o addr show | grep -qF " $1/"; then
			echo "$node"
			return 0
		fi
	done
	lab_die "no lab node has address $1"
}

# lab_blast FROM TO_ADDR RATE_KBIT SECONDS [ON_MS,OFF_MS|steady [ARGS...]]:
# UDP load from FROM to TO_ADDR, switched on and off with randomised periods
# (default $LAB_BLAST_ONOFF).  A sink on TO_ADDR's node swallows it so the
# server sends no port-unreachables back.  Reports land in
# $(lab_file blast.PORT.log) and $(lab_file sink.PORT.log).
lab_blast() {
	local from=$1 to=$2 rate=$3 secs=$4 onoff=${5:-$LAB_BLAST_ONOFF} dst port
	shift 4
	[ $# -gt 0 ] && shift
	[ -x "$LAB_TOOLS/blast" ] ||
	    lab_die "$LAB_TOOLS/blast missing: run 'make lab-tools'"
	dst=$(lab__owner "$to")
	port=$LAB_PORT
	LAB_PORT=$((port + 1))
	lab_bg "$dst" "sink.$port" "$LAB_TOOLS/blast" -l "$port" -t $((secs + 5))
	lab_wait_until 5 "the blast sink on UDP port $port in $dst" \
	    lab__udp_bound "$dst" "$port" ||
	    lab_die "blast sink did not start in $dst"
	if [ "$onoff" = steady ]; then
		set -- "$@"
	else
		set -- --onoff "$onoff" --random -S "${LAB_SEED:-$port}" "$@"
	fi
	lab_bg "$from" "blast.$port" "$LAB_TOOLS/blast" -d "$to" -p "$port" \
	    -r "$rate" -t "$secs" "$@"
	lab_log "load: $from -> $to port $port at $rate kbit/s for $secs s" \
	    "($onoff)"
}

# lab_listen NODE PORT [SECONDS]: a TCP listener (IPv4 and IPv6) that
# accepts and closes connections.
lab_listen() {
	local node=$1 port=$2 secs=${3:-$LAB_HELPER_SECONDS} py=python3
	[ -x /usr/bin/python3 ] && py=/usr/bin/python3
	lab_bg "$node" "listen.$port" "$py" -c '
import socket, sys, time
port, end = int(sys.argv[1]), time.monotonic() + float(sys.argv[2])
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(("::", port))
s.listen(128)
s.settimeout(0.2)
print("listening on", port, flush=True)
while time.monotonic() < end:
    try:
        c, _ = s.accept()
        c.close()
    except socket.timeout:
        pass
' "$port" "$secs"
	lab_wait_tcp "$node" 127.0.0.1 "$port" 10 ||
	    lab_die "TCP listener did not start in $node"
	lab_log "listen: $node TCP port $port"
}

# lab_clear NODE: undo every fault on NODE: its helpers stop, its filter
# rules and qdiscs go, its sysctls and routes are the lab's again.
lab_clear() {
	local node=$1 pid pids=() dev
	for pid in "${!LAB_PID_NODE[@]}"; do
		[ "${LAB_PID_NODE[$pid]}" = "$node" ] && pids+=("$pid")
	done
	if [ ${#pids[@]} -gt 0 ]; then
		# Rules first, so no packet is queued to a helper that is gone.
		lab_exec "$node" iptables -F
		lab_exec "$node" ip6tables -F
		lab__stop_pids "${pids[@]}"
		for pid in "${pids[@]}"; do unset "LAB_PID_NODE[$pid]"; done
		local keep=()
		for pid in "${LAB_PIDS[@]}"; do
			[ -n "${LAB_PID_NODE[$pid]:-}" ] && keep+=("$pid")
		done
		LAB_PIDS=("${keep[@]}")
	fi
	lab_exec "$node" iptables -F
	lab_exec "$node" ip6tables -F
	for dev in left right; do
		lab_exec "$node" tc qdisc del dev "$dev" root 2>/dev/null
	done
	lab__sysctls "$node"
	lab__routes "$node"
	return 0
}

lab_clear_all() {
	local node
	for node in $(lab_nodes); do lab_clear "$node"; done
	lab_log "all faults cleared"
}

# --- measuring --------------------------------------------------------------

# lab_ping_rtts NODE DST COUNT INTERVAL [PING_ARGS...]: the RTT of every
# answered echo, one per line, in ms.
lab_ping_rtts() {
	local node=$1 dst=$2 count=$3 iv=$4; shift 4
	lab_exec "$node" timeout -k 2 $((count * 2 + 10)) ping -n -c "$count" \
	    -i "$iv" -W 2 "$@" "$dst" 2>/dev/null |
	    sed -n 's/.* time=\([0-9.]*\) ms.*/\1/p'
}

# lab_ping_loss NODE DST COUNT INTERVAL: the packet loss ping reports, in %.
lab_ping_loss() {
	local node=$1 dst=$2 count=$3 iv=$4
	lab_exec "$node" timeout -k 2 $((count * 2 + 10)) ping -n -q -c "$count" \
	    -i "$iv" -W 2 "$dst" 2>/dev/null |
	    sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p'
}

# lab_ping_errors NODE DST TTL COUNT INTERVAL [PING_ARGS...]: one line
# "ADDR MESSAGE" per ICMP error answering COUNT echo requests sent with
# this TTL, e.g. "198.18.1.2 Time to live exceeded".
lab_ping_errors() {
	local node=$1 dst=$2 ttl=$3 count=$4 iv=$5; shift 5
	lab_exec "$node" timeout -k 2 $((count * 2 + 10)) ping -n -c "$count" \
	    -i "$iv" -W 1 -t "$ttl" "$@" "$dst" 2>/dev/null |
	    sed -n 's/^From \([0-9a-f.:]*\) icmp_seq=[0-9]* \(.*\)$/\1 \2/p'
}

# lab_hop_rtts NODE DST TTL COUNT [TRACEROUTE_ARGS...]: RTTs (ms) of ICMP
# echo probes that expire at TTL, one per line, sent one at a time.
lab_hop_rtts() {
	local node=$1 dst=$2 ttl=$3 count=$4 q; shift 4
	while [ "$count" -gt 0 ]; do
		q=$((count > 10 ? 10 : count))
		count=$((count - q))
		lab_exec "$node" timeout -k 2 $((q * 3 + 10)) traceroute -n -I \
		    -N 1 -q "$q" -f "$ttl" -m "$ttl" -w 2 "$@" "$dst" 2>/dev/null |
		    sed 1d | grep -oE '[0-9.]+ ms' | sed 's/ ms//'
	done
}

# lab_stats: numbers on stdin -> "n=.. min=.. p25=.. median=.. p75=.. max=..
# mean=..".  Nearest-rank percentiles; n=0 and nothing else when empty.
lab_stats() {
	sort -g | awk '
	{ v[NR] = $1; s += $1 }
	function pct(p,  k) { k = int(p * NR + 0.999999); if (k < 1) k = 1;
	    return v[k] }
	END {
		if (NR == 0) { print "n=0"; exit }
		printf "n=%d min=%.3f p25=%.3f median=%.3f p75=%.3f max=%.3f mean=%.3f\n",
		    NR, v[1], pct(0.25), pct(0.5), pct(0.75), v[NR], s / NR
	}'
}

# lab_stat KEY "STATS": one field of lab_stats output.
lab_stat() {
	echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# lab_root_clean: true when the root namespace has no lab address or route.
lab_root_clean() {
	! { ip -4 addr show; ip -4 route show table all; } 2>/dev/null |
	    grep -qE '198\.1[89]\.' &&
	! { ip -6 addr show; ip -6 route show table all; } 2>/dev/null |
	    grep -qiE '2001:2:'
}

# --- checks -----------------------------------------------------------------

lab_pass() { LAB_PASSES=$((LAB_PASSES + 1)); echo "PASS: $*"; }
lab_fail() { LAB_FAILS=$((LAB_FAILS + 1)); echo "FAIL: $*"; }

# assert_eq ACTUAL EXPECTED MESSAGE
assert_eq() {
	if [ "$1" = "$2" ]; then lab_pass "$3 ($1)"
	else lab_fail "$3: got '$1', expected '$2'"
	fi
}

# assert_cmd MESSAGE CMD...: passes when CMD succeeds.
assert_cmd() {
	local msg=$1; shift
	if "$@"; then lab_pass "$msg"; else lab_fail "$msg"; fi
}

# assert_json FILE JQ_EXPR EXPECTED [MESSAGE]: jq -r's output must equal
# EXPECTED exactly.
assert_json() {
	local got msg=${4:-$2 == $3}
	if ! got=$(jq -r "$2" <"$1" 2>&1); then
		lab_fail "$msg: jq '$2' failed on $1: $got"
		lab_show "$1"
		return
	fi
	assert_eq "$got" "$3" "$msg"
	[ "$got" = "$3" ] || lab_show "$1"
}

# assert_json_true FILE JQ_EXPR [MESSAGE]: JQ_EXPR must yield true (jq -e).
assert_json_true() {
	local msg=${3:-$2}
	if jq -e "$2" <"$1" >/dev/null 2>&1; then
		lab_pass "$msg"
	else
		lab_fail "$msg: '$2' is not true in $1"
		lab_show "$1"
	fi
}

# assert_fault_exit NAME RC FAULT: RC is the exit status the man pages give
# for FAULT: 0 for none, 2 for unknown, 1 for a fault found.
assert_fault_exit() {
	local want
	case $3 in
	none) want=0 ;;
	unknown) want=2 ;;
	*) want=1 ;;
	esac
	assert_eq "${2:-unset}" "$want" "$1: exit status for fault $3"
}

# assert_confidence NAME FILE LEVEL: the verdict's confidence is LEVEL
# (certain, likely, ambiguous) and comes with a reason.
assert_confidence() {
	assert_json "$2" .verdict.confidence "$3" "$1: verdict confidence"
	assert_json_true "$2" '.verdict.confidence_reason | type == "string" and length > 0' \
	    "$1: the confidence has a reason"
}

# lab_keep DIR NAME: when DIR is set, copy the run's NAME.pcap and
# NAME.json out of the lab into it (to become fixtures).
lab_keep() {
	[ -n "$1" ] || return 0
	mkdir -p "$1"
	[ -s "$(lab_file "$2.pcap")" ] && cp "$(lab_file "$2.pcap")" "$1/$2.pcap"
	[ -e "$(lab_file "$2.json")" ] && cp "$(lab_file "$2.json")" "$1/$2.json"
	return 0
}

# assert_between VALUE LO HI MESSAGE: LO <= VALUE <= HI, numbers with
# decimals allowed.
assert_between() {
	if awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN {
	    exit !(v ~ /^-?[0-9]+(\.[0-9]*)?$/ && v + 0 >= lo + 0 && v + 0 <= hi + 0) }'; then
		lab_pass "$4 ($1 in [$2, $3])"
	else
		lab_fail "$4: '$1' not in [$2, $3]"
	fi
}

# lab_done: the summary line; exits 1 if any check failed, else 0 (the EXIT
# trap tears the lab down either way).
lab_done() {
	echo "lab: $LAB_PASSES checks passed, $LAB_FAILS failed"
	[ "$LAB_FAILS" = 0 ] && exit 0
	exit 1
}

# === synprobe: servers, host and path firewalls, client faults, DNS =========
# Added for the t_syn_*.sh tests; t_lab_syn_selftest.sh checks each of these
# at the packet level (nmap, nc, traceroute -T, dig, curl, tcpdump) before
# any synprobe test relies on it.  Filter rules and helper processes go with
# lab_clear as usual; what changes links, addresses or ARP is put back by
# lab_syn_clear (which then calls lab_clear).  The /etc/netns/<ns> files
# that lab_resolver writes are removed by the EXIT trap it installs.

LAB_SYN_ETC=()
LAB_SYN_TRAP=0
LAB_SNIFF_PID=

lab__py() {
	if [ -x /usr/bin/python3 ]; then echo /usr/bin/python3
	else echo python3
	fi
}

# lab__node_addr NODE: the node's address nearest the client (left side,
# or the client's own).
lab__node_addr() {
	if [ "$(lab__idx "$1")" = 0 ]; then lab_client_addr
	else lab_addr_left "$1"
	fi
}

# lab_stop_pid PID: stop one tracked helper now (SIGTERM, then SIGKILL
# after 3 s) and forget it.
lab_stop_pid() {
	local pid=$1 p keep=()
	lab__stop_pids "$pid"
	unset "LAB_PID_NODE[$pid]"
	for p in "${LAB_PIDS[@]}"; do
		[ "$p" = "$pid" ] || keep+=("$p")
	done
	LAB_PIDS=("${keep[@]}")
}

# lab_ftp NODE [PORT]: Debian's vsftpd in the foreground in NODE, on PORT
# (default 21), IPv4, anonymous read-only login only (local users off, so
# PAM is never consulted), its own config, root dir (one file, hello.txt)
# and secure_chroot_dir in the test's temp dir.  Banner:
# "220 faultline lab FTP ready".  seccomp and network isolation are off:
# they are vsftpd's defences against itself and fail in some containers.
lab_ftp() {
	local node=$1 port=${2:-21} d
	[ -x /usr/sbin/vsftpd ] ||
	    lab_die "lab_ftp: /usr/sbin/vsftpd missing (apt-get install -y vsftpd)"
	d=$LAB_TMP/ftp.$node.$port
	mkdir -p "$d/root" "$d/empty" || lab_die "lab_ftp: cannot make $d"
	chmod 755 "$d" "$d/root" "$d/empty"
	echo "faultline lab file" >"$d/root/hello.txt"
	cat >"$d/vsftpd.conf" <<-CONF
	listen=YES
	listen_ipv6=NO
	listen_port=$port
	background=NO
	anonymous_enable=YES
	no_anon_password=YES
	anon_root=$d/root
	local_enable=NO
	write_enable=NO
	secure_chroot_dir=$d/empty
	ftpd_banner=faultline lab FTP ready
	seccomp_sandbox=NO
	isolate=NO
	isolate_network=NO
	syslog_enable=NO
	xferlog_enable=NO
	vsftpd_log_file=$d/vsftpd.log
	connect_from_port_20=NO
	pasv_enable=YES
	CONF
	lab_bg "$node" "ftp.$port" /usr/sbin/vsftpd "$d/vsftpd.conf"
	lab_wait_until 10 "vsftpd's greeting on port $port in $node" \
	    lab__ftp_ok "$node" 127.0.0.1 "$port" || {
		lab_show "ftp.$port.log"
		lab_die "vsftpd did not start in $node"
	}
	lab_log "ftp: vsftpd in $node on TCP port $port (anonymous)"
}

# lab_silent_listener NODE PORT [SECONDS]: a TCP listener (IPv4 and IPv6)
# that accepts every connection, reads and discards, and never sends a
# byte: a service that took the connection and went quiet.
lab_silent_listener() {
	local node=$1 port=$2 secs=${3:-$LAB_HELPER_SECONDS}
	lab_bg "$node" "silent.$port" "$(lab__py)" -c '
import selectors, socket, sys, time
port, end = int(sys.argv[1]), time.monotonic() + float(sys.argv[2])
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(("::", port))
s.listen(128)
sel = selectors.DefaultSelector()
sel.register(s, selectors.EVENT_READ)
print("silent listener on", port, flush=True)
while time.monotonic() < end:
    for key, _ in sel.select(0.2):
        if key.fileobj is s:
            c, peer = s.accept()
            print("accepted", peer[0], flush=True)
            sel.register(c, selectors.EVENT_READ)
        else:
            try:
                data = key.fileobj.recv(4096)
            except OSError:
                data = b""
            if not data:
                sel.unregister(key.fileobj)
                key.fileobj.close()
' "$port" "$secs"
	lab_wait_tcp "$node" 127.0.0.1 "$port" 10 ||
	    lab_die "silent listener did not start in $node"
	lab_log "listen: $node TCP port $port accepts and never speaks"
}

# lab__reject_with FAMILY KIND: iptables' or ip6tables' --reject-with name.
lab__reject_with() {
	case $2 in
	tcp-reset) echo tcp-reset ;;
	admin-prohibited|icmp-admin-prohibited|icmp6-adm-prohibited)
		if [ "$1" = 4 ]; then echo icmp-admin-prohibited
		else echo icmp6-adm-prohibited; fi ;;
	port-unreachable|icmp-port-unreachable|icmp6-port-unreachable)
		if [ "$1" = 4 ]; then echo icmp-port-unreachable
		else echo icmp6-port-unreachable; fi ;;
	host-unreachable|icmp-host-unreachable|icmp6-addr-unreachable)
		if [ "$1" = 4 ]; then echo icmp-host-unreachable
		else echo icmp6-addr-unreachable; fi ;;
	*) lab_die "reject kind '$2': tcp-reset, admin-prohibited," \
	    "port-unreachable or host-unreachable" ;;
	esac
}

# lab_host_drop NODE PORT: NODE's own firewall silently drops TCP to PORT
# (INPUT chain); other ports are untouched.
lab_host_drop() {
	lab_exec "$1" iptables -A INPUT -p tcp --dport "$2" -j DROP
	lab_exec "$1" ip6tables -A INPUT -p tcp --dport "$2" -j DROP
	lab_log "fault: $1 drops incoming TCP to port $2 (INPUT)"
}

# lab_host_reject NODE PORT KIND: NODE's own firewall rejects TCP to PORT
# (INPUT chain) with KIND: admin-prohibited (ICMP type 3 code 13 /
# ICMPv6 1/1), tcp-reset, port-unreachable or host-unreachable.  The
# answer comes from NODE's own address, as a real host's would.
lab_host_reject() {
	local node=$1 port=$2 kind=$3
	lab_exec "$node" iptables -A INPUT -p tcp --dport "$port" \
	    -j REJECT --reject-with "$(lab__reject_with 4 "$kind")"
	lab_exec "$node" ip6tables -A INPUT -p tcp --dport "$port" \
	    -j REJECT --reject-with "$(lab__reject_with 6 "$kind")"
	lab_log "fault: $node rejects incoming TCP to port $port ($kind, INPUT)"
}

# lab_fwd_drop_port NODE PORT: router NODE drops TCP to PORT that it would
# forward (FORWARD chain).  A probe whose TTL ends at NODE still gets
# time-exceeded (the TTL check comes before the FORWARD hook); one meant to
# go further vanishes.
lab_fwd_drop_port() {
	lab_exec "$1" iptables -A FORWARD -p tcp --dport "$2" -j DROP
	lab_exec "$1" ip6tables -A FORWARD -p tcp --dport "$2" -j DROP
	lab_log "fault: $1 drops forwarded TCP to port $2"
}

# lab_fwd_reject_port NODE PORT KIND: router NODE rejects forwarded TCP to
# PORT with KIND (as lab_host_reject).  ICMP errors come from NODE's
# address; a tcp-reset carries the *server's* address as its source (it
# impersonates the server) but NODE's initial TTL, so it arrives with a TTL
# that shows fewer hops than the server's own answers.
lab_fwd_reject_port() {
	local node=$1 port=$2 kind=$3
	lab_exec "$node" iptables -A FORWARD -p tcp --dport "$port" \
	    -j REJECT --reject-with "$(lab__reject_with 4 "$kind")"
	lab_exec "$node" ip6tables -A FORWARD -p tcp --dport "$port" \
	    -j REJECT --reject-with "$(lab__reject_with 6 "$kind")"
	lab_log "fault: $node rejects forwarded TCP to port $port ($kind)"
}

# lab_host_down [NODE [addr|link]]: NODE (default s) disappears from its
# left link while the router before it keeps its route: "addr" (default)
# removes NODE's addresses on that link, "link" sets the device down (the
# router's side then loses carrier).  The router's neighbour entry for NODE
# is flushed, so its next packet for NODE starts address resolution afresh
# and, after the kernel's ARP wait (3 solicitations 1 s apart), is answered
# with ICMP host unreachable (ICMPv6 address unreachable) from the router.
# lab_syn_clear NODE brings NODE back.
lab_host_down() {
	local node=${1:-s} mode=${2:-addr} i prev a a6
	i=$(lab__idx "$node")
	[ "$i" -gt 0 ] || lab_die "lab_host_down: $node has no router before it"
	prev=$(lab_node $((i - 1)))
	a=$(lab_addr_left "$node")
	a6=$(lab_addr6_left "$node")
	case $mode in
	addr) lab_exec "$node" ip addr flush dev left ;;
	link) lab_exec "$node" ip link set dev left down ;;
	*) lab_die "lab_host_down: mode '$mode' is not addr or link" ;;
	esac
	lab_exec "$prev" ip neigh flush dev right to "$a" 2>/dev/null
	lab_exec "$prev" ip -6 neigh flush dev right to "$a6" 2>/dev/null
	lab_log "fault: $node ($a) is down ($mode); $prev still routes to it"
}

# lab_local_output_drop [NODE [ADDR]]: NODE's own firewall drops
# everything it sends to ADDR (default: the server, IPv4 and IPv6) on
# OUTPUT, so sendto()/sendmsg() fail with EPERM and nothing reaches the
# wire.
lab_local_output_drop() {
	local node=${1:-c} a=${2:-}
	if [ -z "$a" ]; then
		lab_exec "$node" iptables -A OUTPUT -d "$(lab_server_addr)" -j DROP
		lab_exec "$node" ip6tables -A OUTPUT -d "$(lab_server_addr6)" -j DROP
		a=$(lab_server_addr)
	else
		case $a in
		*:*) lab_exec "$node" ip6tables -A OUTPUT -d "$a" -j DROP ;;
		*) lab_exec "$node" iptables -A OUTPUT -d "$a" -j DROP ;;
		esac
	fi
	lab_log "fault: $node drops everything it sends to $a (OUTPUT)"
}

# lab_local_input_drop [NODE [ADDR]]: NODE's own firewall drops TCP coming
# from ADDR (default: the server) on INPUT: the replies reach NODE's wire
# (and its captures, which see packets before netfilter) but not its
# sockets.  ICMP still gets through, so ping works.
lab_local_input_drop() {
	local node=${1:-c} a=${2:-}
	if [ -z "$a" ]; then
		lab_exec "$node" iptables -A INPUT -p tcp -s "$(lab_server_addr)" -j DROP
		lab_exec "$node" ip6tables -A INPUT -p tcp -s "$(lab_server_addr6)" -j DROP
		a=$(lab_server_addr)
	else
		case $a in
		*:*) lab_exec "$node" ip6tables -A INPUT -p tcp -s "$a" -j DROP ;;
		*) lab_exec "$node" iptables -A INPUT -p tcp -s "$a" -j DROP ;;
		esac
	fi
	lab_log "fault: $node drops TCP arriving from $a (INPUT)"
}

# lab_no_local_route [NODE]: the client (default c) loses its route to the
# lab (198.18.0.0/15 and 2001:2::/48 via r1); only its own link stays
# reachable, so connect() to the server fails with ENETUNREACH at once.
# lab_clear puts the routes back.
lab_no_local_route() {
	local node=${1:-c}
	[ "$(lab__idx "$node")" = 0 ] || lab_die "lab_no_local_route: only for c"
	lab_exec "$node" ip route del 198.18.0.0/15 ||
	    lab_die "lab_no_local_route: no route to 198.18.0.0/15 in $node"
	lab_exec "$node" ip -6 route del 2001:2::/48
	lab_log "fault: $node has no route to 198.18.0.0/15 or 2001:2::/48"
}

# lab_dead_gateway [NODE]: the client's (default c) gateway r1 stops
# answering ARP on that link (ip link set left arp off: the kernel then
# drops incoming ARP on it) and neighbour solicitations (ip6tables), and
# the client forgets r1's MAC.  The client's packets to the server never
# reach the wire: it sends ARP requests, gives up after 3 (1 s apart) and
# reports host unreachable itself.  lab_syn_clear r1 undoes it.
lab_dead_gateway() {
	local node=${1:-c} gw
	[ "$(lab__idx "$node")" = 0 ] || lab_die "lab_dead_gateway: only for c"
	gw=r1
	lab_exec "$gw" ip link set dev left arp off
	lab_exec "$gw" ip6tables -A INPUT -i left -p ipv6-icmp \
	    --icmpv6-type neighbour-solicitation -j DROP
	lab_exec "$node" ip neigh flush dev right
	lab_exec "$node" ip -6 neigh flush dev right
	lab_log "fault: $gw ($(lab_addr_left "$gw")) no longer answers ARP/ND;" \
	    "$node's neighbour cache flushed"
}

# lab_syn_clear NODE: lab_clear, and also bring back what the functions
# above change outside the filter table: NODE's links up, ARP on, its
# addresses back (ip addr replace), its neighbour cache flushed.
lab_syn_clear() {
	local node=$1 i dev
	i=$(lab__idx "$node")
	for dev in left right; do
		lab_exec "$node" ip link show dev "$dev" >/dev/null 2>&1 || continue
		lab_exec "$node" ip link set dev "$dev" up arp on
		lab_exec "$node" ip neigh flush dev "$dev"
		lab_exec "$node" ip -6 neigh flush dev "$dev"
	done
	if [ "$i" -gt 0 ]; then
		lab_exec "$node" ip addr replace "$(lab_addr_left "$node")/24" dev left
		lab_exec "$node" ip -6 addr replace "$(lab_addr6_left "$node")/64" \
		    dev left nodad
	fi
	if [ "$i" -le "$LAB_N" ]; then
		lab_exec "$node" ip addr replace "$(lab_addr_right "$node")/24" dev right
		lab_exec "$node" ip -6 addr replace "$(lab_addr6_right "$node")/64" \
		    dev right nodad
	fi
	lab_clear "$node"
}

lab_syn_clear_all() {
	local node
	for node in $(lab_nodes); do lab_syn_clear "$node"; done
	lab_log "all faults cleared (links, addresses and ARP too)"
}

# lab_dns_server NODE MODE [NAME ADDR]...: a fake DNS server
# (tests/lab/fake_dns.py) on UDP port 53 of NODE.  MODE: nxdomain,
# servfail, no-answer (NOERROR, empty answer), drop (never answers),
# answer (A records for the NAME ADDR pairs, NXDOMAIN for other names), or
# none (nothing is started: queries to NODE get ICMP port unreachable).
# The address to put in a resolver is NODE's left one (the client's own
# for c); it is left in LAB_DNS_ADDR.  Queries are logged to
# $(lab_file dns.NODE.log).
lab_dns_server() {
	local node=$1 mode=$2 pairs=()
	shift 2
	LAB_DNS_ADDR=$(lab__node_addr "$node")
	if [ "$mode" = none ]; then
		lab_log "dns: no server in $node ($LAB_DNS_ADDR)"
		return 0
	fi
	while [ $# -ge 2 ]; do
		pairs+=("$1=$2")
		shift 2
	done
	[ $# = 0 ] || lab_die "lab_dns_server: NAME without an ADDR"
	lab_bg "$node" "dns.$node" "$(lab__py)" "$LAB_DIR/fake_dns.py" \
	    -t "$LAB_HELPER_SECONDS" "$mode" "${pairs[@]}"
	lab_wait_until 10 "the fake DNS server ($mode) at $LAB_DNS_ADDR to answer" \
	    lab__dns_ok "$node" "$LAB_DNS_ADDR" || {
		lab_show "dns.$node.log"
		lab_die "fake DNS server did not start in $node"
	}
	lab_log "dns: fake server in $node ($LAB_DNS_ADDR:53), mode $mode" \
	    "${pairs[*]}"
}

# lab_resolver NODE ADDR [OPTIONS]: NODE's /etc/resolv.conf (as every
# "ip netns exec" into it sees it: the file /etc/netns/<ns>/resolv.conf is
# bind-mounted over it) names only ADDR, with "options OPTIONS" (default
# "timeout:1 attempts:2", so a dead resolver costs seconds, not minutes).
# The directory is the namespace's own and is removed at exit.
lab_resolver() {
	local node=$1 addr=$2 opts=${3:-timeout:1 attempts:2} d
	d=/etc/netns/$(lab_ns "$node")
	mkdir -p "$d" || lab_die "lab_resolver: cannot make $d"
	LAB_SYN_ETC+=("$d")
	printf 'nameserver %s\noptions %s\n' "$addr" "$opts" >"$d/resolv.conf"
	if [ "$LAB_SYN_TRAP" = 0 ]; then
		trap 'lab__syn_on_exit' EXIT
		LAB_SYN_TRAP=1
	fi
	lab_log "dns: $node resolves through $addr ($d/resolv.conf)"
}

# lab_syn_etc_clean: remove the /etc/netns/<ns> directories lab_resolver
# made (only those).
lab_syn_etc_clean() {
	local d
	for d in "${LAB_SYN_ETC[@]}"; do
		case $d in /etc/netns/"$LAB_PREFIX"-*) rm -rf "$d" ;; esac
	done
	LAB_SYN_ETC=()
}

# The EXIT trap once lab_resolver has run: its files first, then the usual
# teardown, keeping the exit status.
lab__syn_on_exit() {
	local rc=$?
	lab_syn_etc_clean
	(exit "$rc")
	lab__on_exit
}

# lab_sniff NODE NAME DEV [FILTER...]: tcpdump -n -tt -v in NODE on DEV,
# text to $(lab_file NAME.log), in the background until lab_sniff_stop; the
# pid is left in LAB_SNIFF_PID.  Returns once tcpdump has its filter set
# (it says "listening on" only then; the log is this tcpdump's alone).
# The filter also admits lab_sniff_stop's end marker.
LAB_SNIFF_MARK=0x88b5	# IEEE 802 local experimental EtherType
declare -A LAB_SNIFF_AT=()
lab_sniff() {
	local node=$1 name=$2 dev=$3 f
	shift 3
	command -v tcpdump >/dev/null 2>&1 ||
	    lab_die "lab_sniff: tcpdump missing (apt-get install -y tcpdump)"
	f="$*"
	[ -z "$f" ] || f="($f) or (ether proto $LAB_SNIFF_MARK)"
	lab_bg "$node" "$name" tcpdump --immediate-mode -l -n -tt -v -i "$dev" ${f:+"$f"}
	LAB_SNIFF_PID=$LAB_LAST_PID
	LAB_SNIFF_AT[$LAB_SNIFF_PID]="$node $dev $name"
	lab_wait_log "$LAB_TMP/$name.log" "listening on" 10 ||
	    lab_die "tcpdump did not start in $node"
}

# lab__carrier NODE DEV: DEV is up with carrier (not NO-CARRIER).
lab__carrier() {
	lab_exec "$1" ip -o link show dev "$2" 2>/dev/null | grep -v NO-CARRIER |
	    grep -q '[<,]UP[,>]'
}

# lab__sniff_mark NODE DEV: one Ethernet frame of EtherType
# $LAB_SNIFF_MARK out of DEV, to the broadcast address: no host answers
# it, so it adds nothing else to any capture.
lab__sniff_mark() {
	lab_exec "$1" "$(lab__py)" -c '
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
mac = s.getsockname()[4]
s.send(b"\xff" * 6 + mac + bytes.fromhex(sys.argv[2][2:]) +
       b"faultline lab: end of capture".ljust(46, b"\0"))
' "$2" "$LAB_SNIFF_MARK"
}

# lab_sniff_stop [PID]: stop tcpdump (default the last lab_sniff) once its
# log is complete: a marker frame is sent out of the device after
# everything the test sent, and tcpdump is stopped when it has printed it
# (a capture is read in order, so every earlier packet is in the log too).
# The marker's lines are then taken out of the log.
lab_sniff_stop() {
	local pid=${1:-$LAB_SNIFF_PID} at log
	[ -n "$pid" ] || return 0
	at=${LAB_SNIFF_AT[$pid]:-}
	if [ -n "$at" ]; then
		set -- $at
		log=$LAB_TMP/$3.log
	fi
	# A device without carrier sends and receives nothing, the marker
	# included (its queue discards before any capture sees it).
	if [ -n "$at" ] && ! lab__carrier "$1" "$2"; then
		at=
	elif [ -n "$at" ]; then
		lab__sniff_mark "$1" "$2" ||
		    lab_fail "lab_sniff_stop: could not send the end marker out of $1 $2"
		lab_wait_log "$log" "ethertype Unknown \\($LAB_SNIFF_MARK\\)" 10 ||
		    lab_fail "lab_sniff_stop: tcpdump in $1 never printed the end marker: $log may be incomplete"
	fi
	lab_stop_pid "$pid"
	if [ -n "$at" ] && [ -f "$log" ]; then
		# The marker's line and hex dump go, and tcpdump's closing
		# counts no longer include it.
		awk -v m="ethertype Unknown ($LAB_SNIFF_MARK)" '
			/^[0-9]+\.[0-9]+ / && index($0, m) { skip = 1; marked = 1; next }
			skip && (/^\t/ || /^$/) { next }
			{ skip = 0 }
			marked && /^[0-9]+ packets? (captured|received by filter)$/ {
				n = $1 - 1
				sub(/^[0-9]+ packets?/, n " packet" (n == 1 ? "" : "s"))
			}
			{ print }' "$log" >"$log.tmp" && mv "$log.tmp" "$log"
	fi
	unset "LAB_SNIFF_AT[$pid]"
	[ "$pid" = "$LAB_SNIFF_PID" ] && LAB_SNIFF_PID=
	return 0
}

# === postprobe: web servers, proxies, MTU ===================================
# Added for the t_post_*.sh tests; t_lab_post_selftest.sh checks each of
# these with curl, nmap, ping -M do, openssl and tcpdump before any
# postprobe test relies on it.  Servers are Debian's nginx (own config and
# prefix in the test's temp dir, never the system service) and two small
# python3 helpers: http_backend.py (a slow origin behind nginx) and
# transparent_proxy.py (an intercepting proxy on a router).  IPv4 only
# where noted.  Helpers and filter rules go with lab_clear as usual; the nat
# table, link MTUs and route caches need lab_post_clear.

LAB_BACKEND_PORT=${LAB_BACKEND_PORT:-8081}
LAB_PROXY_PORT=${LAB_PROXY_PORT:-3128}
LAB_LINK_MTU=1500
# What lab_nginx_tls offers: nginx 1.22's built-in default lacks TLSv1.3
# (added to it in 1.23.4); this is what current servers offer.
LAB_TLS_PROTOCOLS=${LAB_TLS_PROTOCOLS:-TLSv1.2 TLSv1.3}
LAB_CERT=
LAB_KEY=

# lab__fill TEMPLATE KEY=VALUE...: TEMPLATE's text with every @KEY@
# replaced.  (The replacement is quoted so bash 5.2's patsub_replacement
# never reads a "&" in it.)
lab__fill() {
	local t kv
	t=$(cat "$1") || lab_die "cannot read template $1"
	shift
	for kv in "$@"; do
		t=${t//@${kv%%=*}@/"${kv#*=}"}
	done
	printf '%s\n' "$t"
}

# lab_nginx_dir NODE PORT: the directory of the nginx instance on PORT in
# NODE (nginx.conf, site.conf, access.log, www/).
lab_nginx_dir() { echo "$LAB_TMP/nginx.$1.$2"; }

# lab__nginx NODE PORT LISTEN TLS_LINES SITE: write the instance's
# configuration, check it with nginx -t, start nginx in the foreground
# and wait until both its port and its inner loopback port listen.
lab__nginx() {
	local node=$1 port=$2 listen=$3 tls=$4 site=$5 d inner scheme
	[ -x /usr/sbin/nginx ] ||
	    lab_die "lab_nginx: /usr/sbin/nginx missing (apt-get install -y nginx-light)"
	[ -r "$site" ] || lab_die "lab_nginx: no site template $site"
	d=$(lab_nginx_dir "$node" "$port")
	# A loopback port of its own for the /upload location's inner server.
	inner=$((10000 + port % 50000))
	mkdir -p "$d/tmp" "$d/www" || lab_die "lab_nginx: cannot make $d"
	# A fresh log per instance: the last one on this port has stopped.
	rm -f "$d/access.log"
	cat >"$d/www/form.html" <<-'HTML'
	<html><body><form method="post" action="/form">
	<input name="q"><input type="submit"></form></body></html>
	HTML
	lab__fill "$site" "LISTEN=$listen" "TLS=$tls" "DIR=$d" "INNER=$inner" \
	    "BACKEND=127.0.0.1:$LAB_BACKEND_PORT" >"$d/site.conf"
	lab__fill "$LAB_DIR/nginx.conf.in" "DIR=$d" "SITE=$d/site.conf" \
	    >"$d/nginx.conf"
	lab_exec "$node" /usr/sbin/nginx -t -q -p "$d/" -c "$d/nginx.conf" \
	    >"$d/check.log" 2>&1 || {
		lab_show "$d/check.log"
		lab_die "lab_nginx: nginx -t rejects $d/nginx.conf"
	}
	lab_bg "$node" "nginx.$node.$port" /usr/sbin/nginx -p "$d/" \
	    -c "$d/nginx.conf"
	case $listen in *ssl*) scheme=https ;; *) scheme=http ;; esac
	if ! lab_wait_until 10 "nginx to answer on port $port in $node" \
	    lab__http_ok "$node" "$scheme://127.0.0.1:$port/" ||
	    ! lab_wait_tcp "$node" 127.0.0.1 "$inner" 5; then
		lab_show "nginx.$node.$port.log"
		lab_die "nginx did not start in $node on port $port"
	fi
}

# lab_nginx NODE [PORT [SITE]]: Debian's nginx in NODE answering HTTP on
# PORT (default 80, IPv4 and IPv6), serving SITE (a template, default
# tests/lab/nginx_site.conf.in: /ok, /upload, /form, /error, /slow; see its
# header).  Start lab_backend_sleep first if /slow is wanted: /slow goes
# to 127.0.0.1:$LAB_BACKEND_PORT.  Access log (with request_time) in
# $(lab_nginx_dir NODE PORT)/access.log.
lab_nginx() {
	local node=$1 port=${2:-80} site=${3:-$LAB_DIR/nginx_site.conf.in}
	lab__nginx "$node" "$port" "$port" "" "$site"
	lab_log "http: nginx in $node on TCP port $port ($(basename "$site"))"
}

# lab_nginx_tls NODE [PORT [NAME [SITE]]]: the same over HTTPS on PORT
# (default 443) with the certificate lab_https_cert made for NAME (made
# now if it does not exist yet; default name server.lab.test), offering
# $LAB_TLS_PROTOCOLS (default TLSv1.2 TLSv1.3).
lab_nginx_tls() {
	local node=$1 port=${2:-443} name=${3:-server.lab.test}
	local site=${4:-$LAB_DIR/nginx_site.conf.in} c k
	c=$LAB_TMP/tls/$name.crt
	k=$LAB_TMP/tls/$name.key
	[ -s "$c" ] || lab_https_cert "$node" "$name"
	lab__nginx "$node" "$port" "$port ssl" \
	    "ssl_certificate $c; ssl_certificate_key $k; ssl_protocols $LAB_TLS_PROTOCOLS;" \
	    "$site"
	lab_log "https: nginx in $node on TCP port $port, certificate $c"
}

# lab_https_cert NODE NAME: a self-signed certificate (P-256 key, 7 days,
# CA:TRUE so it can be its own trust anchor) whose subject CN is NODE's
# address nearest the client and whose subjectAltName holds that address
# and NAME.  Files $LAB_TMP/tls/NAME.crt and NAME.key, left in LAB_CERT and
# LAB_KEY; hand LAB_CERT to a client's --cacert.
lab_https_cert() {
	local node=$1 name=$2 a d
	command -v openssl >/dev/null 2>&1 ||
	    lab_die "lab_https_cert: openssl missing (apt-get install -y openssl)"
	a=$(lab__node_addr "$node")
	d=$LAB_TMP/tls
	mkdir -p "$d" || lab_die "lab_https_cert: cannot make $d"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
	    -nodes -days 7 -subj "/CN=$a" \
	    -addext "subjectAltName=IP:$a,DNS:$name" \
	    -keyout "$d/$name.key" -out "$d/$name.crt" >"$d/$name.log" 2>&1 || {
		lab_show "$d/$name.log"
		lab_die "lab_https_cert: openssl req failed"
	}
	LAB_CERT=$d/$name.crt
	# shellcheck disable=SC2034  # for the tests
	LAB_KEY=$d/$name.key
	lab_log "tls: self-signed certificate for $a and $name: $LAB_CERT"
}

# lab_backend_sleep NODE PORT SECS: http_backend.py on 127.0.0.1:PORT in
# NODE: reads each request in full, sleeps SECS, answers 200.  Sets
# LAB_BACKEND_PORT, so an nginx started afterwards in NODE proxies /slow
# to it.  Requests are logged to $(lab_file backend.PORT.log).
lab_backend_sleep() {
	local node=$1 port=$2 secs=$3
	lab_bg "$node" "backend.$port" "$(lab__py)" "$LAB_DIR/http_backend.py" \
	    -a 127.0.0.1 -p "$port" -d "$secs" -t "$LAB_HELPER_SECONDS"
	lab_wait_tcp "$node" 127.0.0.1 "$port" 10 ||
	    lab_die "http backend did not start in $node"
	LAB_BACKEND_PORT=$port
	lab_log "http: backend in $node on 127.0.0.1:$port answers after $secs s"
}

# lab_transparent_proxy ROUTER PORT MODE: transparent_proxy.py on ROUTER
# (TCP $LAB_PROXY_PORT) and "iptables -t nat -A PREROUTING -i left -p tcp
# --dport PORT -j REDIRECT" to it: every connection from the client side
# to PORT, whatever its destination, ends at ROUTER, which completes the
# handshake with the server's address and ROUTER's TTL.  MODE deny-post
# (403 to POST, other methods relayed to the server), deny (403 to all) or
# relay.  A probe that reaches ROUTER with any TTL left is delivered
# locally, so TTL-limited SYNs to PORT are answered with a SYN-ACK from
# ROUTER's hop on.  IPv4 only.  Requests logged to
# $(lab_file proxy.ROUTER.log).
lab_transparent_proxy() {
	local node=$1 port=$2 mode=$3
	case $mode in deny-post|deny|relay) ;;
	*) lab_die "lab_transparent_proxy: mode '$mode' is not deny-post, deny or relay" ;;
	esac
	lab_bg "$node" "proxy.$node" "$(lab__py)" "$LAB_DIR/transparent_proxy.py" \
	    -p "$LAB_PROXY_PORT" -t "$LAB_HELPER_SECONDS" "$mode"
	lab_wait_tcp "$node" 127.0.0.1 "$LAB_PROXY_PORT" 10 ||
	    lab_die "transparent proxy did not start in $node"
	lab_exec "$node" iptables -t nat -A PREROUTING -i left -p tcp \
	    --dport "$port" -j REDIRECT --to-ports "$LAB_PROXY_PORT" ||
	    lab_die "lab_transparent_proxy: iptables REDIRECT failed in $node"
	lab_log "fault: $node intercepts TCP port $port (REDIRECT to" \
	    "$LAB_PROXY_PORT, mode $mode)"
}

# lab_inject_reset ROUTER PORT STRING: ROUTER answers any forwarded TCP
# segment to PORT whose payload contains STRING with a RST to the sender
# (iptables -m string --algo bm, REJECT --reject-with tcp-reset) and drops
# the segment.  The handshake passes (no payload); the first segment
# carrying STRING draws a RST with the server's address and ROUTER's TTL.
lab_inject_reset() {
	local node=$1 port=$2 str=$3
	lab_exec "$node" iptables -A FORWARD -p tcp --dport "$port" \
	    -m string --algo bm --string "$str" -j REJECT --reject-with tcp-reset ||
	    lab_die "lab_inject_reset: iptables string match failed in $node"
	lab_exec "$node" ip6tables -A FORWARD -p tcp --dport "$port" \
	    -m string --algo bm --string "$str" -j REJECT --reject-with tcp-reset
	lab_log "fault: $node resets forwarded TCP to port $port carrying '$str'"
}

# lab_forge_reset_ttl NODE TTL: resets NODE itself sends (lab_inject_reset's)
# leave with TTL instead of 64, as injectors that pose as the server do.
lab_forge_reset_ttl() {
	local node=$1 ttl=$2
	lab_exec "$node" iptables -t mangle -A OUTPUT -p tcp --tcp-flags RST RST \
	    -j TTL --ttl-set "$ttl" ||
	    lab_die "lab_forge_reset_ttl: iptables TTL target failed in $node"
	lab_log "fault: $node sends its resets with ttl $ttl"
}

# lab__peer NODE DEV: "PEER PEER_DEV", the other end of NODE's DEV.
lab__peer() {
	local i
	i=$(lab__idx "$1")
	case $2 in
	right) [ "$i" -le "$LAB_N" ] || lab_die "$1 has no right side"
		echo "$(lab_node $((i + 1))) left" ;;
	left) [ "$i" -gt 0 ] || lab_die "$1 has no left side"
		echo "$(lab_node $((i - 1))) right" ;;
	*) lab_die "device '$2' is not left or right" ;;
	esac
}

# lab_link_mtu NODE DEV MTU: the link on NODE's DEV gets MTU at both ends.
# Forwarded packets too big for it get ICMP fragmentation needed from the
# router in front of it (path MTU discovery works).  Below 1280 the kernel
# takes IPv6 off both devices; lab_post_clear puts it back.
lab_link_mtu() {
	local node=$1 dev=$2 mtu=$3 peer
	read -r -a peer <<<"$(lab__peer "$node" "$dev")"
	lab_exec "$node" ip link set dev "$dev" mtu "$mtu" ||
	    lab_die "lab_link_mtu: cannot set mtu $mtu on $node $dev"
	lab_exec "${peer[0]}" ip link set dev "${peer[1]}" mtu "$mtu" ||
	    lab_die "lab_link_mtu: cannot set mtu $mtu on ${peer[0]} ${peer[1]}"
	lab_log "fault: link $node $dev - ${peer[0]} ${peer[1]} has MTU $mtu"
}

# lab_mtu_blackhole ROUTER DEV MTU: lab_link_mtu, and ROUTER drops the
# ICMP fragmentation-needed (ICMPv6 packet too big) it generates itself
# (OUTPUT), so a DF packet larger than MTU that ROUTER should forward out
# of DEV just vanishes: a path MTU black hole at ROUTER's DEV egress.
# ROUTER still answers time-exceeded: the TTL check comes before the MTU
# check, so a large probe expiring at ROUTER is answered, one meant to go
# further is not.
lab_mtu_blackhole() {
	local node=$1 dev=$2 mtu=$3
	lab_link_mtu "$node" "$dev" "$mtu"
	lab_exec "$node" iptables -A OUTPUT -p icmp \
	    --icmp-type fragmentation-needed -j DROP
	lab_exec "$node" ip6tables -A OUTPUT -p ipv6-icmp \
	    --icmpv6-type packet-too-big -j DROP
	lab_log "fault: $node drops its own ICMP fragmentation-needed: black hole" \
	    "for packets over $mtu bytes out of $dev"
}

# lab_post_clear NODE: lab_syn_clear, and also: the nat table flushed, the
# link MTUs back to $LAB_LINK_MTU, the route cache (learned path MTUs)
# flushed.  Connections already tracked through a REDIRECT keep it until
# they end; new ones are not redirected.
lab_post_clear() {
	local node=$1 dev
	lab_exec "$node" iptables -t nat -F
	lab_exec "$node" ip6tables -t nat -F
	for dev in left right; do
		lab_exec "$node" ip link show dev "$dev" >/dev/null 2>&1 || continue
		lab_exec "$node" ip link set dev "$dev" mtu "$LAB_LINK_MTU"
	done
	lab_exec "$node" ip route flush cache
	lab_exec "$node" ip -6 route flush cache 2>/dev/null
	lab_syn_clear "$node"
	lab__pmtu_settle "$node"
}

# lab__pmtu_settle NODE: a frag-needed still in flight when the cache was
# flushed (a busy machine delivers it late) learns the path MTU again:
# flush until the cache stays empty for two looks 50 ms apart, asking the
# kernel each time (at most 3 s).
lab__pmtu_settle() {
	local node=$1 calm=0 i
	for i in $(seq 60); do
		if [ -z "$(lab_exec "$node" ip route show cache 2>/dev/null)" ]; then
			calm=$((calm + 1))
			[ "$calm" -ge 2 ] && return 0
		else
			calm=0
			lab_exec "$node" ip route flush cache
		fi
		sleep 0.05
	done
	lab_log "lab_post_clear: $node's route cache kept learning a path MTU for 3 s"
}

lab_post_clear_all() {
	local node
	for node in $(lab_nodes); do lab_post_clear "$node"; done
	# While the later nodes were cleared, an earlier one could still learn
	# a path MTU from a router whose small link MTU was not yet restored
	# (CI: c's route cache held mtu 1000 after all were cleared).  Every
	# link MTU is back now, so no new frag-needed can come: settle each
	# node's cache once more.
	for node in $(lab_nodes); do lab__pmtu_settle "$node"; done
	lab_log "all faults cleared (nat, MTUs and route caches too)"
}

# lab_pkts NAME: a lab_sniff log, one line per packet (tcpdump -v puts the
# transport on a second line).
lab_pkts() {
	awk '/^[0-9]+\.[0-9]+ / { if (l != "") print l; l = $0; next }
	    /^(tcpdump|listening|[0-9]+ packets)/ || /^$/ { next }
	    { l = l " " $0 } END { if (l != "") print l }' "$(lab_file "$1.log")"
}

# lab_pkt_ttl: the TTL of the (outer) IP header of a lab_pkts line on stdin.
lab_pkt_ttl() { sed -n 's/^[^(]*(tos [^,]*, ttl \([0-9]*\),.*/\1/p'; }

# === realistic paths (issue 11): t_real_*.sh and truth.sh ===================
# Paths that look like real ones: longer chains with a delay on every link
# in both directions, the kernel's default ICMP rate limits everywhere, a
# return path that differs from the way out, NAT at either end, a router
# that drops IP options, slow (low-capacity) links, standing queues.
# t_lab_real_selftest.sh checks each with ping and traceroute before any
# t_real_*.sh test relies on it.  Extra routers (the return path's b1..bK)
# are IPv4 only, on 198.19.j.0/24; everything else is dual stack.
#
# A link's delay is applied where the packet arrives (raw PREROUTING -i
# at the receiving node), so it holds everything that crosses the link,
# routers' own ICMP answers included, as a wire does; FORWARD-only delays
# (lab_delay) skip what a router sends itself.  The one exception is the
# client's own link: a delay at c's ingress or egress would be hidden from
# the probing tool (its capture sees packets before PREROUTING and after
# POSTROUTING), so link 0 is held at r1, both ways.

declare -A LAB_LINK_RULES=()	# "I" -> the rules of link I, one per line
LAB_EXTRA_NODES=()		# b1..bK, when lab_asym_return made them

# lab__mangle_rule NODE -A|-D|-C CHAIN DEVOPT DEV QUEUE [v4]: the NFQUEUE
# rule of one held direction, in iptables and (unless v4) ip6tables.
# Arrivals are held in the raw table, before conntrack: a wire delays
# packets before a router's conntrack sees them, and packets of one new
# flow queued after conntrack each carry an unconfirmed entry of their
# own, so all but the first would be dropped as clashes when released (a
# burst of 20 pings lost 19 through a router with NAT rules).  Departures
# are held in mangle POSTROUTING (raw has none); what leaves there belongs
# to flows conntrack has already confirmed.
lab__mangle_rule() {
	local node=$1 verb=$2 chain=$3 devopt=$4 dev=$5 q=$6 fam=${7:-} t=mangle
	[ "$chain" = PREROUTING ] && t=raw
	lab_exec "$node" iptables -t "$t" "$verb" "$chain" "$devopt" "$dev" \
	    -j NFQUEUE --queue-num "$q" || return 1
	[ "$fam" = v4 ] && return 0
	lab_exec "$node" ip6tables -t "$t" "$verb" "$chain" "$devopt" "$dev" \
	    -j NFQUEUE --queue-num "$q"
}

# lab_hold_dir KEY NODE in|out DEV [v4] -- NFQ_HOLD_ARGS...: an nfq_hold
# in NODE on everything arriving on (in) or leaving by (out) DEV, routers'
# own packets included; the rule is remembered under KEY for lab_link_off
# and lab_link_on.
lab_hold_dir() {
	local key=$1 node=$2 dir=$3 dev=$4 fam= chain devopt
	shift 4
	if [ "${1:-}" = v4 ]; then fam=v4; shift; fi
	[ "${1:-}" = -- ] && shift
	case $dir in
	in) chain=PREROUTING devopt=-i ;;
	out) chain=POSTROUTING devopt=-o ;;
	*) lab_die "lab_hold_dir: direction '$dir' is not in or out" ;;
	esac
	lab__hold "$node" "$@"
	lab__mangle_rule "$node" -A "$chain" "$devopt" "$dev" "$LAB_LAST_QUEUE" $fam ||
	    lab_die "lab_hold_dir: iptables -t mangle failed in $node"
	LAB_LINK_RULES[$key]+="$node $chain $devopt $dev $LAB_LAST_QUEUE $fam"$'\n'
}

# lab__link_dir I fwd|rev: "NODE in|out DEV", where link I's direction is
# held: fwd is node I -> node I+1 (toward the server), rev the way back.
lab__link_dir() {
	local i=$1 a b
	a=$(lab_node "$i")
	b=$(lab_node $((i + 1)))
	case $2 in
	fwd) echo "$b in left" ;;
	rev) if [ "$i" = 0 ]; then echo "$b out left"; else echo "$a in right"; fi ;;
	*) lab_die "lab__link_dir: '$2' is not fwd or rev" ;;
	esac
}

# lab_link_hold I fwd|rev|both NFQ_HOLD_ARGS...: nfq_hold on chain link I
# (0..N, between node I and node I+1) in one direction or both.
lab_link_hold() {
	local i=$1 which=$2 d at
	shift 2
	case $i in ''|*[!0-9]*) lab_die "lab_link_hold: link '$i' is not a number" ;; esac
	[ "$i" -le "$LAB_N" ] || lab_die "lab_link_hold: no link $i (chain of $LAB_N)"
	case $which in both) set -- fwd rev -- "$@" ;; fwd|rev) set -- "$which" -- "$@" ;;
	*) lab_die "lab_link_hold: '$which' is not fwd, rev or both" ;;
	esac
	local dirs=()
	while [ "$1" != -- ]; do dirs+=("$1"); shift; done
	shift
	for d in "${dirs[@]}"; do
		read -r -a at <<<"$(lab__link_dir "$i" "$d")"
		lab_hold_dir "$i" "${at[@]}" -- "$@"
	done
}

# lab_link_delay I MS [JITTER_MS]: MS one way (plus uniform 0..JITTER) in
# each direction of chain link I: MS x 2 more round trip for every hop past
# it.  0 does nothing.
lab_link_delay() {
	local i=$1 ms=$2 jit=${3:-0}
	[ "$ms" = 0 ] && [ "$jit" = 0 ] && return 0
	lab_link_hold "$i" both -d "$ms" -j "$jit"
	lab_log "link $i ($(lab_node "$i") - $(lab_node $((i + 1)))): $ms ms" \
	    "each way (+0..$jit ms jitter)"
}

# lab_link_delays D0 D1 ...: one-way delay Di ms on chain link i, both
# directions (0: none).
lab_link_delays() {
	local i=0 d
	for d in "$@"; do
		lab_link_delay "$i" "$d"
		i=$((i + 1))
	done
}

# lab_slow_link I RATE_KBIT [MS]: chain link I becomes a low-capacity
# link: in each direction a packet waits for the ones before it, then its
# IP length over RATE_KBIT (nfq_hold -b), then MS of propagation.  A
# sparse probe of L bytes crosses it L x 8 / RATE ms late each way, so the
# step grows with the probe's size (tbf would let it through at once).
lab_slow_link() {
	local i=$1 rate=$2 ms=${3:-0}
	lab_link_hold "$i" both -b "$rate" -d "$ms"
	lab_log "link $i ($(lab_node "$i") - $(lab_node $((i + 1)))): slow link," \
	    "$rate kbit/s each way, +$ms ms"
}

# lab_link_off KEY / lab_link_on KEY: take out / put back the NFQUEUE rules
# of link KEY (its holders keep running), so a step comes and goes within
# one lab (a baseline, then a change).  A rule taken out lets packets skip
# to the next rule on that hook: another link's holder, or none.
lab_link_off() {
	local node chain devopt dev q fam
	while read -r node chain devopt dev q fam; do
		[ -n "$node" ] || continue
		while lab__mangle_rule "$node" -C "$chain" "$devopt" "$dev" "$q" \
		    $fam 2>/dev/null; do
			lab__mangle_rule "$node" -D "$chain" "$devopt" "$dev" "$q" $fam
		done
	done <<<"${LAB_LINK_RULES[$1]:-}"
	lab_log "link $1: holders bypassed"
}
lab_link_on() {
	local node chain devopt dev q fam
	while read -r node chain devopt dev q fam; do
		[ -n "$node" ] || continue
		lab__mangle_rule "$node" -C "$chain" "$devopt" "$dev" "$q" $fam \
		    2>/dev/null ||
		    lab__mangle_rule "$node" -I "$chain" "$devopt" "$dev" "$q" $fam
	done <<<"${LAB_LINK_RULES[$1]:-}"
	lab_log "link $1: holders back in the path"
}

# lab_all_nodes: the chain's nodes and any extra router.
lab_all_nodes() {
	lab_nodes
	local n
	for n in "${LAB_EXTRA_NODES[@]}"; do echo "$n"; done
}

# lab_ratelimit_default_all: every node, hosts and routers, back to the
# kernel's default ICMP rate limits, as real ones run (Linux: a burst of
# about 6 time-exceeded or unreachable per destination, then 1 per second).
lab_ratelimit_default_all() {
	local n
	for n in $(lab_all_nodes); do lab_ratelimit_default "$n" >/dev/null; done
	lab_log "fault: every node runs the default ICMP rate limits" \
	    "(icmp_ratelimit=$LAB_DEF_RATELIMIT ratemask=$LAB_DEF_RATEMASK)"
}

# lab_icmp_inbound_ifaddr 0|1: net.ipv4.icmp_errors_use_inbound_ifaddr on
# every router.  0 (the default): a router answers from the address of the
# interface the answer leaves by, which on an asymmetric path is not the one
# the probe came in on; 1: from the interface the probe came in on.
lab_icmp_inbound_ifaddr() {
	local n
	for n in $(lab_all_nodes); do
		case $n in r*|b*) lab_exec "$n" sysctl -qw \
		    net.ipv4.icmp_errors_use_inbound_ifaddr="$1" ;; esac
	done
	lab_log "routers: icmp_errors_use_inbound_ifaddr=$1"
}

# lab_asym_return FROM TO K [MS]: replies to the client leave router FROM by
# a return path of K extra routers b1..bK to router TO (TO before FROM on
# the chain) instead of the chain between them; the way out is unchanged.
# K = FROM - TO - 1 gives a return path of equal length (the reply TTLs
# cannot tell), more gives a longer one.  MS is a one-way delay on the
# return path's first link (FROM -> b1): every hop from FROM on is MS later
# by round trip while the forward links are healthy.  Return link j
# (0..K) is 198.19.j.0/24: .1 on the side nearer FROM (device "ret"),
# .2 on the far side (device "back").  IPv4 only: IPv6 keeps the chain.
lab_asym_return() {
	local from=$1 to=$2 k=$3 ms=${4:-0} j a b ns dev_a dev_b
	[ "$(lab__idx "$to")" -lt "$(lab__idx "$from")" ] ||
	    lab_die "lab_asym_return: $to is not before $from"
	[ "$k" -ge 1 ] || lab_die "lab_asym_return: at least one router"
	for j in $(seq 1 "$k"); do
		ns=$(lab_ns "b$j")
		ip netns add "$ns" || lab_die "cannot create namespace $ns"
		LAB_EXTRA_NODES+=("b$j")
		lab_exec "b$j" ip link set lo up
		lab__sysctls "b$j"
		lab_exec "b$j" sysctl -qw net.ipv4.ip_forward=1
	done
	for j in $(seq 0 "$k"); do
		if [ "$j" = 0 ]; then a=$from; else a=b$j; fi
		if [ "$j" = "$k" ]; then b=$to; else b=b$((j + 1)); fi
		dev_a=ret dev_b=back
		ip link add "$dev_a" netns "$(lab_ns "$a")" type veth \
		    peer name "$dev_b" netns "$(lab_ns "$b")" ||
		    lab_die "cannot create return link $j"
		lab_exec "$a" ip addr add "198.19.$j.1/24" dev "$dev_a"
		lab_exec "$b" ip addr add "198.19.$j.2/24" dev "$dev_b"
		lab_exec "$a" ip link set "$dev_a" up
		lab_exec "$b" ip link set "$dev_b" up
		# Everything for the client's link goes on down the return path
		# (TO has it on its own left side).
		lab_exec "$a" ip route replace 198.18.0.0/24 via "198.19.$j.2"
	done
	if [ "$ms" != 0 ]; then
		lab_hold_dir "ret" "b1" in back v4 -- -d "$ms"
	fi
	lab_log "return path: $from -> $(for j in $(seq "$k"); do printf 'b%s -> ' "$j"; done)$to" \
	    "for replies to 198.18.0.0/24 (+$ms ms one way); out via the chain"
}

# lab_nat_office [ROUTER]: the client sits in an office behind ROUTER
# (default r1), which masquerades what it forwards out of its right side
# (iptables -t nat POSTROUTING -o right -j MASQUERADE): the path sees
# ROUTER's address 198.18.1.1, conntrack translates the answers back.
lab_nat_office() {
	local node=${1:-r1}
	lab_exec "$node" iptables -t nat -A POSTROUTING -s 198.18.0.0/24 \
	    -o right -j MASQUERADE ||
	    lab_die "lab_nat_office: MASQUERADE failed in $node"
	lab_log "nat: $node masquerades the client's link behind $(lab_addr_right "$node")"
}

# lab_ct_invalid_drop NODE: NODE's firewall drops what conntrack marks
# invalid (nft: ct state invalid drop, in forward), as many NAT boxes do.
lab_ct_invalid_drop() {
	lab_exec "$1" nft -f - <<-'NFT' ||
	table inet lab_ct {
		chain lab_forward {
			type filter hook forward priority 0; policy accept;
			ct state invalid drop
		}
	}
	NFT
	    lab_die "lab_ct_invalid_drop: nft failed in $1 (apt-get install -y nftables)"
	lab_log "nat: $1 drops conntrack-invalid packets (nft ct state invalid drop)"
}

# lab_dnat_server PUBLIC [ROUTER]: the server is reached at PUBLIC, an
# address in 198.18.0.0/15 off every link, which ROUTER (default the last
# router) translates to the server's own (iptables -t nat PREROUTING -d
# PUBLIC -j DNAT); the routers before it route PUBLIC toward it.  IPv4.
# ROUTER's own time-exceeded for a probe it translated is rewritten too
# (conntrack takes it for part of the reply direction): ROUTER's hop
# answers in PUBLIC's name, one hop before the server, as Linux NAT
# routers on real paths do.
lab_dnat_server() {
	local pub=$1 node=${2:-r$LAB_N} i k
	k=$(lab__idx "$node")
	lab_exec "$node" iptables -t nat -A PREROUTING -d "$pub" \
	    -j DNAT --to-destination "$(lab_server_addr)" ||
	    lab_die "lab_dnat_server: DNAT failed in $node"
	for i in $(seq 1 $((k - 1))); do
		lab_exec "r$i" ip route replace "$pub/32" via "198.18.$i.2"
	done
	lab_log "nat: $node translates $pub to the server $(lab_server_addr) (DNAT)"
}

# lab_drop_ip_options NODE: NODE drops every packet carrying IP Record
# Route (RFC 791 option 7) that arrives, as many networks filter options
# (nft: ip option rr exists drop, at prerouting).
lab_drop_ip_options() {
	lab_exec "$1" nft -f - <<-'NFT' ||
	table ip lab_opt {
		chain lab_pre {
			type filter hook prerouting priority -300; policy accept;
			ip option rr exists drop
		}
	}
	NFT
	    lab_die "lab_drop_ip_options: nft failed in $1 (apt-get install -y nftables)"
	lab_log "fault: $1 drops packets with IP record route"
}

# lab__backlog NODE DEV: the bytes queued in DEV's root qdisc now.
lab__backlog() {
	lab_exec "$1" tc -s qdisc show dev "$2" | awk '
	/backlog/ { for (i = 1; i < NF; i++) if ($i == "backlog") {
		v = $(i + 1); n = v + 0; sub(/^[0-9.]+/, "", v)
		if (v ~ /^K/) n *= 1000; else if (v ~ /^M/) n *= 1000000
		print int(n); exit } }'
}
lab__backlog_is() {
	local b
	b=$(lab__backlog "$1" "$2")
	[ -n "$b" ] || return 1
	case $3 in
	empty) [ "$b" -le "$4" ] ;;
	full) [ "$b" -ge "$4" ] ;;
	esac
}

# lab_wait_backlog NODE DEV empty|full BYTES [SECONDS]: until DEV's queue
# holds at most (empty) or at least (full) BYTES: a run that starts on an
# idle or on a loaded link.  Asks the qdisc every 10 ms; bounded.
lab_wait_backlog() {
	local end=$(($(date +%s%N) + ${5:-10} * 1000000000))
	while :; do
		lab__backlog_is "$1" "$2" "$3" "$4" && return 0
		[ "$(date +%s%N)" -lt "$end" ] || break
		sleep 0.01
	done
	echo "lab: timed out waiting for $1 $2 to be $3 ($4 bytes)" >&2
	return 1
}

# lab_standing_queue NODE DEV RATE_KBIT QUEUE_MS FROM SECONDS: DEV is
# limited to RATE by tbf with room for QUEUE_MS of backlog, and FROM sends
# a steady 25 % more than RATE across it to the server: the queue sits
# full, about QUEUE_MS for every packet, tail drops shed the excess (about
# a fifth of everything, probes included).  Returns once the queue is 95 %
# full.
lab_standing_queue() {
	local node=$1 dev=$2 rate=$3 qms=$4 from=$5 secs=$6
	lab_tbf "$node" "$dev" "${rate}kbit" "$LAB_TBF_BURST" "${qms}ms"
	lab_blast "$from" "$(lab_server_addr)" $((rate * 5 / 4)) "$secs" steady
	lab_wait_backlog "$node" "$dev" full $((rate * qms / 8 * 95 / 100)) 15 ||
	    lab_die "lab_standing_queue: $node $dev never filled"
	lab_log "fault: $node $dev: standing queue of ~$qms ms at $rate kbit/s"
}

# lab_unchain: the lab's namespaces and helpers go (as at teardown) but the
# temp dir and the checks counted stay, so one test can build several
# topologies in turn (lab_chain again afterwards).
lab_unchain() {
	local ns pids
	lab__stop_pids "${LAB_PIDS[@]}"
	LAB_PIDS=()
	LAB_PID_NODE=()
	for ns in $(lab__namespaces); do
		pids=$(ip netns pids "$ns" 2>/dev/null)
		# shellcheck disable=SC2086
		[ -z "$pids" ] || lab__stop_pids $pids
		ip netns del "$ns" 2>/dev/null ||
		    echo "lab: warning: could not delete namespace $ns" >&2
	done
	LAB_N=0
	LAB_EXTRA_NODES=()
	LAB_LINK_RULES=()
	lab_log "topology taken down"
}

# --- the realistic matrix: runs, judgments, right of N ----------------------
# A t_real_*.sh test builds its lab once and runs ptrace-slow in it
# $LAB_RUNS times (default: the test's own, a few, for make check;
# truth.sh asks for 60).  Each run is judged right or wrong as a whole:
# real_begin LABEL, the checks, real_end.  A check that fails inside a run
# prints its FAIL line but only makes that run wrong; real_done then passes
# a LABEL (a row of the matrix) when it was right in every run for a
# healthy path, or in at least 95 % of them (at least 1) for a fault
# (57 of 60, issue 11's acceptance), and prints one line per row for
# truth.sh:  "truth-row: LABEL|EXPECTED|RIGHT|N|NEEDED".
#
# The JSON names the checks read are issue 11's (verdict.kind, hop,
# address, confidence; latency_budget[]), spelled as below; they are kept
# in these variables so that one line follows the product if it spells
# them otherwise.
REAL_JQ_BUDGET=${REAL_JQ_BUDGET:-.latency_budget}	# [{from:{ttl,address}, to:{ttl,address}, added_ms, cause, share}]
REAL_JQ_CAPACITY=${REAL_JQ_CAPACITY:-(.verdict.capacity_kbps // empty) * 1000}	# bits per second
REAL_JQ_CONFIDENCE=${REAL_JQ_CONFIDENCE:-.verdict.confidence}	# certain, likely, ambiguous
REAL_KEEP=${REAL_KEEP:-}	# when set, wrong runs' JSON and capture land here (every run's with REAL_KEEP_ALL=1)
REAL_RUNS=
REAL_JSON=
REAL_RC=
REAL_SECS=
REAL_CUR=
REAL_FAILS0=0
REAL_ROWS=()
declare -A REAL_RIGHT=() REAL_DONE=() REAL_EXPECT=() REAL_HEALTHY=()

# real_init DEFAULT_RUNS RUN_SECONDS: lab_init for a matrix test.  Runs:
# $LAB_RUNS, else DEFAULT_RUNS; RUN_SECONDS bounds one run (its setup
# included), so helpers (nfq_hold's -t) and load outlive them all:
# REAL_LOAD_SECONDS is the time to give lab_blast.
real_init() {
	REAL_RUNS=${LAB_RUNS:-$1}
	case $REAL_RUNS in ''|*[!0-9]*|0) lab_die "LAB_RUNS '$REAL_RUNS' is not a number of runs" ;; esac
	LAB_HELPER_SECONDS=$((120 + REAL_RUNS * $2))
	REAL_LOAD_SECONDS=$LAB_HELPER_SECONDS
	lab_init
	PT=$(lab_bin ptrace-slow)
	lab_log "matrix: $REAL_RUNS run(s), each within $2 s"
}

# real_row LABEL healthy|fault|power EXPECTED: a row of the matrix;
# EXPECTED is the verdict in words, for the table.  healthy rows must be
# right every run, fault rows in 95 % of runs; a power row is measured
# and printed (right of N in the truth table) but fails nothing: what the
# statistics allow in the runs' length, such as placing 10 % loss under
# rate limits, which a companion fault or healthy row keeps honest.
real_row() {
	REAL_ROWS+=("$1")
	case $2 in
	healthy) REAL_HEALTHY[$1]=1 ;;
	power) REAL_HEALTHY[$1]=power ;;	# measured for make truth; statistics bound it, CI does not
	*) REAL_HEALTHY[$1]=0 ;;
	esac
	REAL_EXPECT[$1]=$3
	REAL_RIGHT[$1]=0
	REAL_DONE[$1]=0
}

# real_run NAME [ARGS...]: ptrace-slow -n --json -w NAME.pcap ARGS in c;
# REAL_JSON, REAL_RC and REAL_SECS describe the run.
real_run() {
	local name=$1 t0
	shift
	t0=$(date +%s%N)
	lab_run c "$name.json" "$PT" -n --json -w "$(lab_file "$name.pcap")" "$@"
	REAL_RC=$?
	REAL_SECS=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
	REAL_JSON=$(lab_file "$name.json")
	[ -s "$REAL_JSON" ] || echo '{}' >"$REAL_JSON"
	[ -s "$(lab_file "$name.json.err")" ] && lab_show "$name.json.err"
	return 0
}

# real_got: the run's verdict in one line: exit status, kind (/cause when
# there is one), hop, address, confidence, seconds, summary.
real_got() {
	jq -r --arg rc "$REAL_RC" --arg s "$REAL_SECS" \
	    "\"exit \" + \$rc + \", \" + (.verdict.kind // \"-\" | tostring) +
	     (if .verdict.cause then \"/\" + (.verdict.cause | tostring) else \"\" end) +
	     \" hop \" + (.verdict.hop // \"-\" | tostring) +
	     \" \" + (.verdict.address // \"-\" | tostring) +
	     \" \" + (($REAL_JQ_CONFIDENCE) // \"-\" | tostring) +
	     \", \" + \$s + \" s: \" + (.verdict.summary // \"\" | .[0:160])" \
	    "$REAL_JSON" 2>/dev/null || echo "exit $REAL_RC, no JSON"
}

real_begin() {
	REAL_CUR=$1
	REAL_FAILS0=$LAB_FAILS
	[ -n "${REAL_EXPECT[$1]+x}" ] || lab_die "real_begin: no row '$1' (real_row first)"
}

# real_end: the run of the current row is right when none of its checks
# failed.  Its failures are the run's, not the test's (real_done decides).
real_end() {
	local label=$REAL_CUR wrong k verdict
	wrong=$((LAB_FAILS - REAL_FAILS0))
	LAB_FAILS=$REAL_FAILS0
	REAL_DONE[$label]=$((REAL_DONE[$label] + 1))
	k=${REAL_DONE[$label]}
	if [ "$wrong" = 0 ]; then
		REAL_RIGHT[$label]=$((REAL_RIGHT[$label] + 1))
		verdict=right
	else
		verdict=wrong
	fi
	if [ -n "$REAL_KEEP" ] && { [ "$verdict" = wrong ] || [ -n "${REAL_KEEP_ALL:-}" ]; }; then
		mkdir -p "$REAL_KEEP"
		cp "$REAL_JSON" "$REAL_KEEP/$label.$k.json" 2>/dev/null
		cp "${REAL_JSON%.json}.pcap" "$REAL_KEEP/$label.$k.pcap" 2>/dev/null
	fi
	echo "truth-run: $label $k $verdict ($(real_got))"
}

# real_done: one check and one truth-row line per row, then lab_done.
real_done() {
	local label n r need
	for label in "${REAL_ROWS[@]}"; do
		n=${REAL_DONE[$label]}
		r=${REAL_RIGHT[$label]}
		if [ "${REAL_HEALTHY[$label]}" = 1 ]; then need=$n
		elif [ "${REAL_HEALTHY[$label]}" = power ]; then need=0
		else need=$((n * 95 / 100)); [ "$need" -ge 1 ] || need=1
		fi
		echo "truth-row: $label|${REAL_EXPECT[$label]}|$r|$n|$need"
		if [ "$n" -gt 0 ] && [ "$r" -ge "$need" ]; then
			lab_pass "$label: right in $r of $n runs (needs $need)"
		else
			lab_fail "$label: right in $r of $n runs (needs $need): expected ${REAL_EXPECT[$label]}"
		fi
	done
	lab_done
}

# --- checks on the current run (REAL_JSON, REAL_RC) --------------------------

real_exit() { assert_eq "$REAL_RC" "$1" "$REAL_CUR: exit status"; }

# real_verdict KIND [HOP [ADDRESS]]: "-" skips a field.
real_verdict() {
	assert_json "$REAL_JSON" .verdict.kind "$1" "$REAL_CUR: verdict kind"
	[ "${2:--}" = - ] || assert_json "$REAL_JSON" .verdict.hop "$2" "$REAL_CUR: verdict hop"
	[ "${3:--}" = - ] || assert_json "$REAL_JSON" .verdict.address "$3" "$REAL_CUR: verdict address"
}

# real_clean: a healthy path: clean, exit 0.
real_clean() {
	real_exit 0
	real_verdict clean
}

# real_largest_step TTL ADDRESS: the latency budget's largest step ends at
# hop TTL, and the summary names it (the hop or its address).
real_largest_step() {
	assert_json "$REAL_JSON" "$REAL_JQ_BUDGET | max_by(.added_ms) | .to.ttl" "$1" \
	    "$REAL_CUR: the latency budget's largest step ends at hop $1"
	assert_json_true "$REAL_JSON" \
	    ".verdict.summary | test(\"\\\\bhop $1\\\\b|${2//./\\\\.}\")" \
	    "$REAL_CUR: the summary names the largest step (hop $1, $2)"
}

# real_no_loss_claim: no loss is placed anywhere.
real_no_loss_claim() {
	assert_json_true "$REAL_JSON" \
	    '.verdict.kind != "lossy-link" and ([.findings[]? | select(.kind == "lossy-link")] | length == 0)' \
	    "$REAL_CUR: no lossy link claimed"
}

# real_dest_loss PCT: the destination's loss is exactly PCT.
real_dest_loss() {
	assert_json "$REAL_JSON" \
	    '[.hops[]? | select(.flags | index("destination"))][0].loss_pct' "$1" \
	    "$REAL_CUR: the destination's loss %"
}

# real_finding KIND TTL: a finding of KIND placed at hop TTL.
real_finding() {
	assert_json_true "$REAL_JSON" \
	    "[.findings[]? | select(.kind == \"$1\" and .hop == $2)] | length > 0" \
	    "$REAL_CUR: a $1 finding at hop $2"
}

# real_not_certain_at TTL: a confidence is given, and it is not "certain"
# when the verdict names hop TTL.
real_not_certain_at() {
	assert_json_true "$REAL_JSON" "($REAL_JQ_CONFIDENCE | type) == \"string\"" \
	    "$REAL_CUR: the verdict carries a confidence"
	assert_json_true "$REAL_JSON" \
	    "(.verdict.hop == $1 and $REAL_JQ_CONFIDENCE == \"certain\") | not" \
	    "$REAL_CUR: not certain about hop $1"
}

# real_mentions TEXT WHAT: some string in the JSON contains TEXT.
real_mentions() {
	assert_json_true "$REAL_JSON" "[.. | strings | select(contains(\"$1\"))] | length > 0" \
	    "$REAL_CUR: $2 ($1)"
}

# real_capacity BPS PCT: the estimated capacity is within PCT % of BPS.
real_capacity() {
	local got
	got=$(jq -r "$REAL_JQ_CAPACITY // \"none\"" "$REAL_JSON" 2>/dev/null)
	assert_between "$got" "$(awk -v b="$1" -v p="$2" 'BEGIN { print b * (1 - p / 100) }')" \
	    "$(awk -v b="$1" -v p="$2" 'BEGIN { print b * (1 + p / 100) }')" \
	    "$REAL_CUR: capacity (bit/s) within $2 % of $1"
}

# real_nat_methods ROW_PREFIX TARGET OPEN_PORT CLOSED_PORT: one run with
# each method through a NAT (ICMP, UDP, TCP to an open and to a closed
# port), each judged as its own row ROW_PREFIX-icmp, -udp, -tcp-open,
# -tcp-closed: the path is healthy, so clean, exit 0, no loss placed, and
# (except UDP, whose port unreachables the server's own rate limit thins)
# no loss at the destination.  Rows are declared on the first call.
real_nat_methods() {
	local p=$1 target=$2 open=$3 closed=$4 m args
	if [ -z "${REAL_EXPECT[$p-icmp]+x}" ]; then
		real_row "$p-icmp" healthy "clean, exit 0, no loss (-I)"
		real_row "$p-udp" healthy "clean, exit 0, no loss placed (-U)"
		real_row "$p-tcp-open" healthy "clean, exit 0, no loss (-T -p $open, open)"
		real_row "$p-tcp-closed" healthy "clean, exit 0, no loss (-T -p $closed, closed)"
	fi
	for m in icmp udp tcp-open tcp-closed; do
		case $m in
		icmp) args=(-I) ;;
		udp) args=(-U) ;;
		tcp-open) args=(-T -p "$open") ;;
		tcp-closed) args=(-T -p "$closed") ;;
		esac
		real_run "$p-$m" "${args[@]}" "$target"
		real_begin "$p-$m"
		real_clean
		real_no_loss_claim
		[ "$m" = udp ] || real_dest_loss 0
		real_end
	done
}

# --- output files under kills (issue 16) --------------------------------------
#
# Every output file is all or nothing: a run killed at any moment leaves
# each target as it was, byte for byte, or complete and new (a run that
# ended well before the kill, or a SIGTERM while probing, which stops the
# probes and reports), and no temporary file beside it.  These helpers
# kill runs at random moments and judge what they left.
#
#   LAB_KILL_TARGETS=(a.html a.pcap)   the files each run writes; each has
#                                      its old content in FILE.old
#   LAB_KILL_MS=800                    kills land up to this long after start
#   lab_kill_runs LABEL SIG N NODE CMD...
#                                      N runs, each killed with SIG (TERM,
#                                      KILL, or GROUP: SIGKILL to the run and
#                                      its guardian at once); NODE "-" runs
#                                      CMD here, not in a namespace
#   lab_kill_ms NODE CMD...           LAB_KILL_MS from one run left alone
#                                      (1.3 times its time)
#
# Counts of the last lab_kill_runs: LAB_KILL_OLD (targets left as they
# were), LAB_KILL_NEW (replaced, complete), LAB_KILL_BAD (anything else),
# LAB_KILL_LEFT (temporary files left: only GROUP may leave them, and the
# next run must remove them), LAB_KILL_ENDED (runs that ended well).
LAB_KILL_TARGETS=()
LAB_KILL_MS=500
LAB_KILL_OLD=0 LAB_KILL_NEW=0 LAB_KILL_BAD=0 LAB_KILL_LEFT=0 LAB_KILL_ENDED=0

# lab__kill_temps FILE: the temporary files of FILE's that are there now
# (".FILE.faultline-XXXXXXXX", or any other ".FILE.*" a writer may use).
lab__kill_temps() {
	local f=$1
	find "$(dirname "$f")" -maxdepth 1 -name ".$(basename "$f").*" 2>/dev/null
}

# lab_kill_complete FILE: FILE is a whole output: a page that ends its
# HTML, or a pcap whose every record is there (the header, then each
# record's whole length, to the end of the file).
lab_kill_complete() {
	local f=$1
	[ -s "$f" ] || return 1
	case $f in
	*.html)
		[ "$(tail -n 1 "$f")" = "</html>" ] && xmllint --noout "$f" 2>/dev/null ;;
	*.pcap)
		python3 - "$f" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
if len(d) < 24 or d[:4] not in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
    sys.exit(1)
i = 24
while i < len(d):
    if i + 16 > len(d):
        sys.exit(1)
    caplen = struct.unpack('<I', d[i + 8:i + 12])[0]
    i += 16 + caplen
sys.exit(0 if i == len(d) else 1)
PY
		;;
	*) return 0 ;;
	esac
}

# lab__kill_start NODE CMD...: CMD in its own session (so GROUP reaches
# the run and its guardian, and nothing else), output to kill.out and
# kill.err; its pid in LAB_LAST_PID.  Returns once the child is no longer
# this shell: a signal to a child bash that has not yet run setsid would
# run this shell's traps there (the teardown!), not reach CMD.
lab__kill_start() {
	local node=$1 me i
	shift
	if [ "$node" = - ]; then
		setsid "$@" >"$LAB_TMP/kill.out" 2>"$LAB_TMP/kill.err" </dev/null &
	else
		setsid ip netns exec "$(lab_ns "$node")" "$@" >"$LAB_TMP/kill.out" \
		    2>"$LAB_TMP/kill.err" </dev/null &
	fi
	LAB_LAST_PID=$!
	me=$(readlink /proc/$$/exe)
	for ((i = 0; i < 5000; i++)); do
		[ "$(readlink "/proc/$LAB_LAST_PID/exe" 2>/dev/null)" = "$me" ] || break
	done
}

lab_kill_ms() {
	local t0 t1
	t0=$(date +%s%N)
	lab__kill_start "$@"
	wait "$LAB_LAST_PID"
	t1=$(date +%s%N)
	LAB_KILL_MS=$(( (t1 - t0) * 13 / 10 / 1000000 + 1 ))
}

lab_kill_runs() {
	local label=$1 sig=$2 n=$3 node=$4 i f rc ms t left bad
	shift 4
	LAB_KILL_OLD=0 LAB_KILL_NEW=0 LAB_KILL_BAD=0 LAB_KILL_LEFT=0 LAB_KILL_ENDED=0
	for ((i = 0; i < n; i++)); do
		for f in "${LAB_KILL_TARGETS[@]}"; do
			cp -p "$f.old" "$f"
		done
		ms=$(( (RANDOM * 32768 + RANDOM) % LAB_KILL_MS ))
		lab__kill_start "$node" "$@"
		sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
		case $sig in
		GROUP) kill -KILL -- "-$LAB_LAST_PID" 2>/dev/null ;;
		*) kill -"$sig" "$LAB_LAST_PID" 2>/dev/null ;;
		esac
		# (No "Killed" line from the shell: the kill is the point.)
		wait "$LAB_LAST_PID" 2>/dev/null
		rc=$?
		[ "$rc" -le 2 ] && LAB_KILL_ENDED=$((LAB_KILL_ENDED + 1))
		for f in "${LAB_KILL_TARGETS[@]}"; do
			# A guardian whose run was killed removes the files as it sees it go.
			for t in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
				[ -z "$(lab__kill_temps "$f")" ] && break
				[ "$sig" = GROUP ] && break
				sleep 0.1
			done
			left=$(lab__kill_temps "$f" | wc -l)
			if [ "$left" -gt 0 ]; then
				LAB_KILL_LEFT=$((LAB_KILL_LEFT + left))
				[ "$sig" = GROUP ] ||
				    lab_log "$label run $i (kill at $ms ms, exit $rc): temporary file left: $(lab__kill_temps "$f")"
			fi
			bad=
			if cmp -s "$f" "$f.old"; then
				# An old file after a run that ended well is no old file.
				if [ "$rc" -le 2 ]; then bad="the old file after exit $rc"
				else LAB_KILL_OLD=$((LAB_KILL_OLD + 1)); fi
			elif lab_kill_complete "$f"; then
				LAB_KILL_NEW=$((LAB_KILL_NEW + 1))
			else
				bad="neither the old file nor a complete one ($(stat -c %s "$f" 2>/dev/null || echo missing) bytes)"
			fi
			if [ -n "$bad" ]; then
				LAB_KILL_BAD=$((LAB_KILL_BAD + 1))
				lab_log "$label run $i (kill at $ms ms, exit $rc): $f: $bad"
				cp -p "$f" "$LAB_TMP/bad.$label.$i.$(basename "$f")" 2>/dev/null
				lab_show "$LAB_TMP/kill.err"
			fi
		done
	done
	lab_log "$label: $n runs killed ($([ "$sig" = GROUP ] && echo "SIGKILL to the run and its guardian" ||
	    echo "SIG$sig")) up to $LAB_KILL_MS ms in: $LAB_KILL_ENDED ended well;" \
	    "targets left as they were $LAB_KILL_OLD, replaced whole $LAB_KILL_NEW, damaged $LAB_KILL_BAD;" \
	    "temporary files left $LAB_KILL_LEFT"
}

# lab_kill_judge LABEL: the checks on the last lab_kill_runs: no target
# damaged, and (but for GROUP runs) no temporary file left.
lab_kill_judge() {
	local label=$1 group=${2:-}
	assert_eq "$LAB_KILL_BAD" 0 "$label: every target left as it was or complete and new ($LAB_KILL_OLD old, $LAB_KILL_NEW new)"
	[ -n "$group" ] || assert_eq "$LAB_KILL_LEFT" 0 "$label: no temporary file left"
}

# lab_pcap_repeat IN OUT N: OUT holds IN's records N times over, each copy
# later in time than the last (a long capture for -r runs to be killed in).
lab_pcap_repeat() {
	python3 - "$@" <<'PY'
import struct, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
d = open(src, 'rb').read()
e = '<' if d[:4] in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
recs, i = [], 24
while i + 16 <= len(d):
    ts, frac, cl, ol = struct.unpack(e + 'IIII', d[i:i + 16])
    recs.append((ts, frac, d[i + 16:i + 16 + cl], ol))
    i += 16 + cl
span = recs[-1][0] - recs[0][0] + 2
with open(dst, 'wb') as f:
    f.write(d[:24])
    for k in range(n):
        for ts, frac, data, ol in recs:
            f.write(struct.pack(e + 'IIII', ts + k * span, frac, len(data), ol) + data)
PY
}
