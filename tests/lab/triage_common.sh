# Shared by the t_triage_*.sh lab tests: a chain of two routers
#   c (198.18.0.1) - r1 - r2 - s (198.18.2.2)
# where a scenario's traffic is captured with tcpdump (at the client unless
# a test says otherwise) and the capture read back with pcap-triage -r.
# Each run draws fresh addresses for the client, its gateway and the
# server (tr_addrs), and fresh ports, names, sizes and timings; each
# scenario runs TR_RUNS times (default 3) and says how many runs read
# right ("right of N").  The peers are tests/lab/triage_peer.py's; DNS is
# lib.sh's fake_dns.py, bound to the run's server address.
# shellcheck shell=bash
# shellcheck source=tests/lab/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PT=
S=
C=198.18.0.1
GW=198.18.0.2
TR_RUNS=${TR_RUNS:-3}
TR_PEER=
TR_RIGHT=0
TR_RC=
# Open captures: name -> pid, and name -> "node dev".
declare -A TR_CAP=()
declare -A TR_CAP_AT=()
# Captures and JSON worth keeping land here when set.
TR_KEEP=${TR_KEEP:-}
# The end-of-capture marker (lib.sh's, an 802 experimental EtherType that
# no host answers): sent after a scenario's traffic, awaited in the file,
# then taken out of it, so the capture is complete without a sleep and
# holds only the scenario's own frames.
TR_MARK_TEXT="faultline lab: end of capture"

tr_rand() { echo $(($1 + RANDOM % ($2 - $1 + 1))); }
# A decimal between A and B (seconds), drawn afresh.
tr_randsec() { awk -v a="$1" -v b="$2" -v r="$RANDOM" 'BEGIN { printf "%.2f", a + (b - a) * r / 32767 }'; }

tr_setup() {
	lab_init
	PT=$(lab_bin pcap-triage) || exit 1
	lab_chain 2
	tr_wire
	TR_PEER="$(lab__py) $LAB_DIR/triage_peer.py"
}

# tr_wire: frames as a wire carries them.  A veth passes TCP's
# segmentation-offload super-segments (up to 64 KB) whole, so a capture
# would hold a few dozen of them where a real link has MSS-sized segments,
# and a router's loss would drop 45 segments at a time.  gso_max_segs 1 on
# every device makes each segment its own packet (this kernel image has
# no ethtool; GRO is off on a veth without XDP).
tr_wire() {
	local node dev
	for node in $(lab_nodes); do
		for dev in left right; do
			lab_exec "$node" ip link show dev "$dev" >/dev/null 2>&1 || continue
			lab_exec "$node" ip link set dev "$dev" gso_max_segs 1 ||
			    lab_die "cannot set gso_max_segs on $node $dev"
		done
	done
}

# tr_addrs: fresh addresses for this run: the server's (on its /24,
# routed), the client's (on link 0, made its source) and the gateway's
# (another address of r1 on link 0, made the client's next hop); in S, C
# and GW.  Earlier runs' addresses stay; nothing uses them again.
tr_addrs() {
	local a g c
	a=198.18.2.$(tr_rand 10 250)
	lab_exec s ip addr add "$a/24" dev left 2>/dev/null
	while :; do
		c=198.18.0.$(tr_rand 10 250)
		g=198.18.0.$(tr_rand 10 250)
		# Neither may be an address an earlier run gave either node (a
		# next hop that is the client's own address is no gateway).
		[ "$c" != "$g" ] && ! lab_exec c ip -o addr show | grep -qE " ($c|$g)/" &&
		    ! lab_exec r1 ip -o addr show | grep -qE " ($c|$g)/" && break
	done
	lab_exec r1 ip addr add "$g/24" dev left 2>/dev/null
	lab_exec c ip addr add "$c/24" dev right 2>/dev/null
	lab_exec c ip route replace 198.18.0.0/15 via "$g" src "$c" ||
	    lab_die "cannot route the client through $g from $c"
	S=$a C=$c GW=$g
	lab_log "run: client $C, gateway $GW, server $S"
}

# tr_capture NODE DEV NAME [FILTER...]: tcpdump -w NAME.pcap in NODE on DEV
# (every packet written at once), until tr_capture_end.  Several may be
# open at once.
tr_capture() {
	local node=$1 dev=$2 name=$3 f
	shift 3
	f="$*"
	[ -z "$f" ] || f="($f) or (ether proto $LAB_SNIFF_MARK)"
	lab_bg "$node" "cap.$name" tcpdump --immediate-mode -U -B 32768 -n -s 0 -i "$dev" \
	    -w "$(lab_file "$name.pcap")" ${f:+"$f"}
	TR_CAP[$name]=$LAB_LAST_PID
	TR_CAP_AT[$name]="$node $dev"
	# tcpdump says so once its filter is set and the handle open.
	lab_wait_log "$(lab_file "cap.$name.log")" "listening on" 10 ||
	    lab_die "tcpdump did not start in $node"
}

# tr__marked FILE: the end marker is in the capture file.
tr__marked() { grep -qaF "$TR_MARK_TEXT" "$1"; }

# tr_capture_end [NAME...]: end these captures (default: every open one).
# A short settle lets the last replies arrive; then each capture's device
# sends the marker, tcpdump is stopped once it has written it (a capture is
# written in order, so everything before is in the file), and the marker
# is filtered out of the file.
tr_capture_end() {
	local name node dev f
	[ $# -gt 0 ] || set -- "${!TR_CAP[@]}"
	sleep 0.3
	for name in "$@"; do
		[ -n "${TR_CAP[$name]:-}" ] || continue
		read -r node dev <<<"${TR_CAP_AT[$name]}"
		f=$(lab_file "$name.pcap")
		if [ "$dev" != any ] && lab__carrier "$node" "$dev"; then
			lab__sniff_mark "$node" "$dev" ||
			    lab_fail "$name: could not send the end marker out of $node $dev"
			lab_wait_until 10 "the end marker in $name.pcap" tr__marked "$f" ||
			    lab_fail "$name: tcpdump never wrote the end marker: the capture may be incomplete"
		fi
		lab_stop_pid "${TR_CAP[$name]}"
		unset "TR_CAP[$name]" "TR_CAP_AT[$name]"
		if tr__marked "$f"; then
			tcpdump -r "$f" -w "$f.tmp" "not ether proto $LAB_SNIFF_MARK" 2>/dev/null &&
			    mv "$f.tmp" "$f" || lab_fail "$name: cannot take the marker out of the capture"
		fi
	done
}

# tr_peer NODE NAME MODE PORT ARGS...: triage_peer.py in the background (a
# server), ready once a TCP connect to it from inside NODE is accepted
# (made before any capture starts).
tr_peer() {
	local node=$1 name=$2
	shift 2
	# shellcheck disable=SC2086
	lab_bg "$node" "$name" $TR_PEER -t 120 "$@"
	TR_PEER_PID=$LAB_LAST_PID
	lab_wait_log "$(lab_file "$name.log")" "listening on" 10 &&
	    lab_wait_tcp "$node" 127.0.0.1 "$2" 10 ||
	    lab_die "triage_peer $* did not start in $node"
}

# tr_client NODE ARGS...: triage_peer.py as a client, in the foreground
# (bounded), its errors in the log.
tr_client() {
	local node=$1
	shift
	# shellcheck disable=SC2086
	timeout -k 5 60 ip netns exec "$(lab_ns "$node")" $TR_PEER "$@" >/dev/null 2>>"$(lab_file client.err)"
}

# tr_dns NODE MODE [NAME=ADDR...]: fake_dns.py on the run's server address
# $S port 53 in NODE, ready once it answers the client's readiness query.
tr_dns() {
	local node=$1
	shift
	lab_bg "$node" "dns.$S" "$(lab__py)" "$LAB_DIR/fake_dns.py" -a "$S" -t 120 "$@"
	TR_DNS_PID=$LAB_LAST_PID
	lab_wait_until 10 "the fake DNS server at $S to answer" lab__dns_ok c "$S" || {
		lab_show "dns.$S.log"
		lab_die "fake DNS server did not start at $S"
	}
}

# tr_read NAME [ARGS...]: pcap-triage --json -r NAME.pcap ARGS (more files,
# a filter; in the root namespace: a saved capture needs none); JSON in
# NAME.json, exit status in TR_RC.
tr_read() {
	local name=$1
	shift
	timeout -k 5 120 "$PT" --json -r "$(lab_file "$name.pcap")" "$@" >"$(lab_file "$name.json")" \
	    2>"$(lab_file "$name.json.err")"
	TR_RC=$?
	tr__said "$name"
}

# tr__said NAME: the verdict of NAME.json in the log.
tr__said() {
	local name=$1
	lab_log "$name: pcap-triage exit $TR_RC, verdict $(jq -c '.verdict | {fault, kind, address, device}' \
	    "$(lab_file "$name.json")" 2>/dev/null)"
	lab_log "$name: $(jq -r .verdict.summary "$(lab_file "$name.json")" 2>/dev/null)"
	[ -s "$(lab_file "$name.json.err")" ] && lab_show "$name.json.err"
	lab_keep "$TR_KEEP" "$name"
	return 0
}

# tr_expect NAME FAULT KIND [ADDRESS [JQ]]: the verdict's fault and kind
# (and address, and JQ true of the JSON: a reading that is more than a
# verdict), and the exit status that goes with them; counts the run as
# right when all hold.
tr_expect() {
	local name=$1 fault=$2 kind=$3 addr=${4:-} jqx=${5:-} f ok=1
	f=$(lab_file "$name.json")
	[ "$(jq -r .verdict.fault "$f" 2>/dev/null)" = "$fault" ] || ok=0
	[ "$(jq -r .verdict.kind "$f" 2>/dev/null)" = "$kind" ] || ok=0
	[ -z "$addr" ] || [ "$(jq -r .verdict.address "$f" 2>/dev/null)" = "$addr" ] || ok=0
	[ -z "$jqx" ] || [ "$(jq -r "$jqx" "$f" 2>/dev/null)" = true ] || ok=0
	case $kind in
	no-fault) [ "$TR_RC" = 0 ] || ok=0 ;;
	*) [ "$TR_RC" = 1 ] || ok=0 ;;
	esac
	if [ "$ok" = 1 ]; then
		TR_RIGHT=$((TR_RIGHT + 1))
		lab_pass "$name: $fault $kind${addr:+ at $addr}${jqx:+ and $jqx}, exit $TR_RC"
	else
		lab_fail "$name: expected $fault $kind${addr:+ at $addr}${jqx:+ and $jqx}"
		jq -c '[(.findings[]?, .comparison.findings[]?, .points[]?.findings[]?) |
		    {severity, kind, fault, address, summary}]' "$f" 2>/dev/null |
		    head -c 3000
		echo
	fi
}

# tr_capture_drops NAME: the packets tcpdump says the kernel dropped in
# capture NAME (after tr_capture_end), 0 when it says none.
tr_capture_drops() {
	local n
	n=$(sed -n 's/^\([0-9][0-9]*\) packets\{0,1\} dropped by kernel.*/\1/p' \
	    "$(lab_file "cap.$1.log")" 2>/dev/null | tail -1)
	echo "${n:-0}"
}

# tr_expect_or_dropped NAME FAULT KIND [ADDRESS [JQ]]: tr_expect, except
# that a capture tcpdump says it dropped packets from may instead be read
# as what it is: no fault judged (cannot-judge, fault unknown, exit 2) with
# a capture-dropped warning.
tr_expect_or_dropped() {
	local name=$1 drops
	drops=$(tr_capture_drops "$name")
	if [ "$drops" -gt 0 ] && [ "$TR_RC" = 2 ] &&
	    [ "$(jq -r '.verdict.fault == "unknown" and .verdict.kind == "cannot-judge" and
	    ([.findings[] | select(.kind == "capture-dropped")] | length == 1)' \
	    "$(lab_file "$name.json")" 2>/dev/null)" = true ]; then
		TR_RIGHT=$((TR_RIGHT + 1))
		lab_pass "$name: no fault judged (cannot-judge), and the $drops packets tcpdump dropped named (capture-dropped, exit 2)"
		return
	fi
	[ "$drops" = 0 ] || lab_log "$name: tcpdump dropped $drops packets"
	tr_expect "$@"
}

# tr_has NAME JQ MESSAGE: a further check on the JSON (not counted in right-of-N).
tr_has() {
	assert_json_true "$(lab_file "$1.json")" "$2" "$1: $3"
}

# tr_summary SCENARIO: "right of N" for the log and the bench.
tr_summary() {
	lab_log "scenario $1: $TR_RIGHT right of $TR_RUNS"
	echo "TRIAGE-SCENARIO $1 $TR_RIGHT/$TR_RUNS"
}
