# Shared by the t_triage_*.sh lab tests: a chain of two routers
#   c (198.18.0.1) - r1 - r2 - s (198.18.2.2, and a random address of its own)
# where a scenario's traffic is captured with tcpdump (at the client unless
# a test says otherwise) and the capture read back with pcap-triage -r.
# Addresses on the server's side, ports, names, sizes and timings are
# drawn afresh each run; each scenario runs TR_RUNS times (default 2) and
# says how many runs read right ("right of N").  The peers are
# tests/lab/triage_peer.py's; DNS is lib.sh's fake_dns.py.
# shellcheck shell=bash
# shellcheck source=tests/lab/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PT=
S=
C=198.18.0.1
TR_RUNS=${TR_RUNS:-2}
TR_PEER=
TR_RIGHT=0
TR_CAP_PID=
# Captures and JSON worth keeping land here when set.
TR_KEEP=${TR_KEEP:-}

tr_rand() { echo $(($1 + RANDOM % ($2 - $1 + 1))); }
# A decimal between A and B (seconds), drawn afresh.
tr_randsec() { awk -v a="$1" -v b="$2" -v r="$RANDOM" 'BEGIN { printf "%.2f", a + (b - a) * r / 32767 }'; }

tr_setup() {
	lab_init
	PT=$(lab_bin pcap-triage) || exit 1
	lab_chain 2
	TR_PEER="$(lab__py) $LAB_DIR/triage_peer.py"
}

# tr_server_addr: a fresh address on the server for this run (its /24 is routed).
tr_server_addr() {
	local a
	a=198.18.2.$(tr_rand 10 250)
	lab_exec s ip addr add "$a/24" dev left 2>/dev/null
	S=$a
	lab_log "run: the server is $S"
}

# tr_capture NODE DEV NAME [FILTER...]: tcpdump -w NAME.pcap in NODE on DEV
# (every packet written at once), until tr_capture_end.
tr_capture() {
	local node=$1 dev=$2 name=$3
	shift 3
	lab_bg "$node" "cap.$name" tcpdump --immediate-mode -U -n -s 0 -i "$dev" -w "$(lab_file "$name.pcap")" "$@"
	TR_CAP_PID=$LAB_LAST_PID
	lab_wait_log "$(lab_file "cap.$name.log")" "listening on" 10 ||
	    lab_die "tcpdump did not start in $node"
}

tr_capture_end() {
	sleep 0.3
	lab_stop_pid "$TR_CAP_PID"
	TR_CAP_PID=
}

# tr_peer NODE NAME ARGS...: triage_peer.py in the background (a server).
tr_peer() {
	local node=$1 name=$2
	shift 2
	# shellcheck disable=SC2086
	lab_bg "$node" "$name" $TR_PEER -t 120 "$@"
	lab_wait_log "$(lab_file "$name.log")" "listening on" 10 ||
	    lab_die "triage_peer $* did not start in $node"
}

# tr_client NODE ARGS...: triage_peer.py as a client, in the foreground.
tr_client() {
	local node=$1
	shift
	# shellcheck disable=SC2086
	timeout -k 5 60 ip netns exec "$(lab_ns "$node")" $TR_PEER "$@" >/dev/null 2>&1
}

# tr_read NAME [ARGS...]: pcap-triage -r NAME.pcap --json ARGS (in the root
# namespace: a saved capture needs none); JSON in NAME.json, exit status in
# TR_RC.
tr_read() {
	local name=$1
	shift
	timeout -k 5 120 "$PT" -r "$(lab_file "$name.pcap")" --json "$@" >"$(lab_file "$name.json")" \
	    2>"$(lab_file "$name.json.err")"
	TR_RC=$?
	lab_log "$name: pcap-triage exit $TR_RC, verdict $(jq -c '.verdict | {fault, kind, address, device}' \
	    "$(lab_file "$name.json")" 2>/dev/null)"
	lab_log "$name: $(jq -r .verdict.summary "$(lab_file "$name.json")" 2>/dev/null)"
	[ -s "$(lab_file "$name.json.err")" ] && lab_show "$name.json.err"
	lab_keep "$TR_KEEP" "$name"
}

# tr_expect NAME FAULT KIND [ADDRESS]: the verdict's fault and kind (and
# address), and the exit status that goes with them; counts the run as
# right when all hold.
tr_expect() {
	local name=$1 fault=$2 kind=$3 addr=${4:-} f ok=1
	f=$(lab_file "$name.json")
	[ "$(jq -r .verdict.fault "$f" 2>/dev/null)" = "$fault" ] || ok=0
	[ "$(jq -r .verdict.kind "$f" 2>/dev/null)" = "$kind" ] || ok=0
	[ -z "$addr" ] || [ "$(jq -r .verdict.address "$f" 2>/dev/null)" = "$addr" ] || ok=0
	case $kind in
	no-fault) [ "$TR_RC" = 0 ] || ok=0 ;;
	*) [ "$TR_RC" = 1 ] || ok=0 ;;
	esac
	if [ "$ok" = 1 ]; then
		TR_RIGHT=$((TR_RIGHT + 1))
		lab_pass "$name: $fault $kind${addr:+ at $addr}, exit $TR_RC"
	else
		lab_fail "$name: expected $fault $kind${addr:+ at $addr}"
		jq -c '[.findings[]? | {severity, kind, fault, address, summary}]' "$f" 2>/dev/null |
		    head -c 3000
		echo
	fi
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
