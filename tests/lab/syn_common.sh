# Shared by the t_syn_*.sh lab tests: a chain of three routers
#   c (198.18.0.1) - r1 - r2 - r3 - s (198.18.3.2)
# where hop k answers from 198.18.(k-1).2 and the server is hop 4, and a
# way to run synprobe in the client namespace with its JSON and capture
# kept.  The faults themselves are lib.sh's (the "synprobe" section), each
# checked at the packet level by t_lab_syn_selftest.sh.
# shellcheck shell=bash
# shellcheck source=tests/lab/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SY=
S=
# The port most scenarios probe: high, so no control port (22, 80, 443)
# and no server-speaks-first port (21, 22, 25, ...) is confused with it.
# shellcheck disable=SC2034  # used by the tests
P=2121
# Captures and JSON worth keeping as unit-test fixtures land here when set.
SY_KEEP=${SY_KEEP:-}
declare -A SY_RC=()
declare -A SY_SECS=()

# S (the server's address) is for the tests.
# shellcheck disable=SC2034
sy_setup() {
	lab_init
	lab_chain 3
	SY=$(lab_bin synprobe)
	S=$(lab_server_addr)
}

# sy_run NAME [ARGS...]: synprobe -n --json -w NAME.pcap ARGS in the client;
# JSON in $(lab_file NAME.json), stderr in NAME.json.err.  Its exit status
# is returned and kept in SY_RC[NAME], its run time (s) in SY_SECS[NAME].
sy_run() {
	local name=$1 rc t0
	shift
	t0=$(date +%s.%N)
	lab_run c "$name.json" "$SY" -n --json -w "$(lab_file "$name.pcap")" "$@"
	rc=$?
	SY_RC[$name]=$rc
	SY_SECS[$name]=$(awk -v a="$t0" -v b="$(date +%s.%N)" \
	    'BEGIN { printf "%.1f", b - a }')
	lab_log "$name: synprobe $*: exit $rc after ${SY_SECS[$name]} s, verdict:" \
	    "$(jq -c '.verdict | {fault, kind, hop, address, link, confidence}' \
	    "$(lab_file "$name.json")" 2>/dev/null)"
	[ -s "$(lab_file "$name.json.err")" ] && lab_show "$name.json.err"
	lab_keep "$SY_KEEP" "$name"
	return $rc
}

# sy_exit NAME FAULT: the exit status the man page gives for FAULT: 0 for
# none, 1 for a fault found, 2 for unknown.
sy_exit() {
	assert_fault_exit "$1" "${SY_RC[$1]}" "$2"
}

# sy_verdict NAME FAULT KIND HOP ADDRESS: the verdict's fault, kind, hop
# and address ("null" where the JSON must hold null, "-" to leave a field
# unchecked), and the exit status that goes with FAULT.
sy_verdict() {
	local name=$1 f
	f=$(lab_file "$1.json")
	sy_exit "$name" "$2"
	assert_json "$f" .verdict.fault "$2" "$name: verdict fault"
	assert_json "$f" .verdict.kind "$3" "$name: verdict kind"
	[ "$4" = - ] || assert_json "$f" .verdict.hop "$4" "$name: verdict hop"
	[ "$5" = - ] ||
	    assert_json "$f" .verdict.address "$5" "$name: verdict address"
	assert_json_true "$f" '.verdict.summary | type == "string" and length > 0' \
	    "$name: the verdict has a summary"
}

# sy_link NAME FROM_TTL FROM_ADDR TO_TTL TO_ADDR: the link the verdict
# blames (TTL 0 is the client).
sy_link() {
	assert_json "$(lab_file "$1.json")" \
	    '.verdict.link | "\(.from.ttl) \(.from.address) \(.to.ttl) \(.to.address)"' \
	    "$2 $3 $4 $5" "$1: verdict link hop $2 -> hop $4"
}

# sy_confidence NAME certain|likely|ambiguous
sy_confidence() {
	assert_confidence "$1" "$(lab_file "$1.json")" "$2"
}

# sy_path_answer NAME TTL syn|icmp ADDRESS: the TTL-limited probe of that
# kind at TTL was answered from ADDRESS ("null": not answered at all).
sy_path_answer() {
	local f
	f=$(lab_file "$1.json")
	if [ "$4" = null ]; then
		assert_json_true "$f" \
		    "[.probes.path[] | select(.ttl == $2) | .$3 | (. == null or .address == null)] | all" \
		    "$1: no answer to the TTL-$2 $3 probe"
	else
		assert_json "$f" \
		    "[.probes.path[] | select(.ttl == $2) | .$3.address][0]" "$4" \
		    "$1: the TTL-$2 $3 probe answered from"
	fi
}

# sy_capture_ok NAME: synprobe -r on the capture it wrote, told the same
# host:port, reaches the same fault and kind.  Only for faults the wire
# shows: a saved capture holds no DNS result, no send error and no route
# lookup.
sy_capture_ok() {
	local pcap json got want target
	pcap=$(lab_file "$1.pcap")
	json=$(lab_file "$1.json")
	if [ ! -s "$pcap" ]; then
		lab_fail "$1: no capture written to $pcap"
		return
	fi
	want=$(jq -r '.verdict.fault + " " + .verdict.kind' "$json" 2>/dev/null)
	target=$(jq -r 'if (.target.address | contains(":")) then "[\(.target.address)]:\(.target.port)"
	    else "\(.target.address):\(.target.port)" end' "$json" 2>/dev/null)
	got=$(timeout -k 5 "$LAB_CMD_TIMEOUT" "$SY" -n --json -r "$pcap" "$target" \
	    2>"$LAB_TMP/$1.read.err" | tee "$LAB_TMP/$1.read.json" |
	    jq -r '.verdict.fault + " " + .verdict.kind' 2>/dev/null)
	assert_eq "$got" "$want" "$1: -r on the written capture gives the same fault and kind"
	[ "$got" = "$want" ] || { lab_show "$1.read.json"; lab_show "$1.read.err"; }
}
