# Shared by the t_post_*.sh lab tests: a chain of three routers
#   c (198.18.0.1) - r1 - r2 - r3 - s (198.18.3.2)
# where hop k answers from 198.18.(k-1).2 and the server is hop 4, and a
# way to run postprobe in the client namespace with its JSON and capture
# kept.  The servers and faults are lib.sh's (the "postprobe" section),
# each checked on the wire by t_lab_post_selftest.sh.
# shellcheck shell=bash
# shellcheck source=tests/lab/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PO=
S=
# Request bodies: 20000 bytes (14 full-size segments) and 100 bytes (one
# small segment).
PO_BIG=
PO_SMALL=
# Captures and JSON worth keeping as unit-test fixtures land here when set.
PO_KEEP=${PO_KEEP:-}
declare -A PO_RC=()
declare -A PO_SECS=()
declare -A PO_URL=()

# S (the server's address) and the bodies are for the tests.
# shellcheck disable=SC2034
po_setup() {
	lab_init
	# lab_bin dies in the subshell only; stop here (the trap tears down).
	PO=$(lab_bin postprobe) || exit 1
	lab_chain 3
	S=$(lab_server_addr)
	PO_BIG=$(lab_file big.bin)
	PO_SMALL=$(lab_file small.bin)
	head -c 20000 /dev/zero | tr '\0' 'x' >"$PO_BIG"
	head -c 100 /dev/zero | tr '\0' 'y' >"$PO_SMALL"
}

# po_run NAME [ARGS...]: postprobe --json -w NAME.pcap ARGS in the client;
# JSON in $(lab_file NAME.json), stderr in NAME.json.err.  Its exit status
# is returned and kept in PO_RC[NAME], its run time (s) in PO_SECS[NAME],
# its URL (the last argument) in PO_URL[NAME] (for po_capture_ok).
po_run() {
	local name=$1 rc t0
	shift
	PO_URL[$name]=${!#}
	t0=$(date +%s.%N)
	lab_run c "$name.json" "$PO" --json -w "$(lab_file "$name.pcap")" "$@"
	rc=$?
	PO_RC[$name]=$rc
	PO_SECS[$name]=$(awk -v a="$t0" -v b="$(date +%s.%N)" \
	    'BEGIN { printf "%.1f", b - a }')
	lab_log "$name: postprobe $*: exit $rc after ${PO_SECS[$name]} s, verdict:" \
	    "$(jq -c '.verdict | {fault, kind, hop, address, confidence}' \
	    "$(lab_file "$name.json")" 2>/dev/null)," \
	    "http: $(jq -c '.http | {status, reason}' "$(lab_file "$name.json")" 2>/dev/null)," \
	    "timing_ms: $(jq -c .timing_ms "$(lab_file "$name.json")" 2>/dev/null)"
	lab_log "$name: summary: $(jq -r .verdict.summary "$(lab_file "$name.json")" 2>/dev/null)"
	[ -s "$(lab_file "$name.json.err")" ] && lab_show "$name.json.err"
	lab_keep "$PO_KEEP" "$name"
	return $rc
}

# po_exit NAME FAULT: the exit status that goes with FAULT: 0 for none, 1
# for a fault found, 2 for unknown.
po_exit() {
	assert_fault_exit "$1" "${PO_RC[$1]}" "$2"
}

# po_verdict NAME FAULT KIND STATUS [HOP ADDRESS]: the verdict's fault and
# kind, .http.status (an integer, "null" when no HTTP answer came, "-" to
# skip), the hop and address when given ("null" for a JSON null, "-" to
# skip), a summary, and the exit status that goes with FAULT.  FAULT may
# be "A|B" when either is right.
po_verdict() {
	local name=$1 fault=$2 kind=$3 status=$4 hop=${5:--} addr=${6:--} f got
	f=$(lab_file "$name.json")
	case $fault in
	*"|"*)
		got=$(jq -r .verdict.fault <"$f" 2>/dev/null)
		case "|$fault|" in
		*"|$got|"*) lab_pass "$name: verdict fault ($got, one of $fault)"
			po_exit "$name" "$got" ;;
		*) lab_fail "$name: verdict fault: got '$got', expected one of $fault"
			lab_show "$f" ;;
		esac ;;
	*)
		po_exit "$name" "$fault"
		assert_json "$f" .verdict.fault "$fault" "$name: verdict fault" ;;
	esac
	assert_json "$f" .verdict.kind "$kind" "$name: verdict kind"
	[ "$status" = - ] || assert_json "$f" .http.status "$status" "$name: HTTP status"
	[ "$hop" = - ] || assert_json "$f" .verdict.hop "$hop" "$name: verdict hop"
	[ "$addr" = - ] ||
	    assert_json "$f" .verdict.address "$addr" "$name: verdict address"
	assert_json_true "$f" '.verdict.summary | type == "string" and length > 0' \
	    "$name: the verdict has a summary"
}

# po_confidence NAME certain|likely|ambiguous
po_confidence() {
	assert_confidence "$1" "$(lab_file "$1.json")" "$2"
}

# po_timing NAME FIELD LO HI: .timing_ms.FIELD within [LO, HI] ms.
po_timing() {
	assert_between "$(jq -r ".timing_ms.$2" <"$(lab_file "$1.json")" 2>/dev/null)" \
	    "$3" "$4" "$1: timing_ms.$2"
}

# po_header NAME HEADER: the value of the first response header HEADER
# (case-insensitive) in the JSON, empty if none.
po_header() {
	jq -r --arg h "$2" \
	    '[.http.headers[]? | select(.name | ascii_downcase == ($h | ascii_downcase)) | .value][0] // empty' \
	    <"$(lab_file "$1.json")" 2>/dev/null
}

# po_capture_ok NAME: postprobe -r on the capture it wrote, given the same
# URL, reaches the same fault, kind and HTTP status.  Only where the
# evidence is on the wire in clear: not for HTTPS (the status is
# encrypted) nor for anything decided before a packet was sent.
po_capture_ok() {
	local name=$1 pcap json got want
	pcap=$(lab_file "$name.pcap")
	json=$(lab_file "$name.json")
	if [ ! -s "$pcap" ]; then
		lab_fail "$name: no capture written to $pcap"
		return
	fi
	want=$(jq -r '"\(.verdict.fault) \(.verdict.kind) \(.http.status)"' "$json" 2>/dev/null)
	got=$(timeout -k 5 "$LAB_CMD_TIMEOUT" "$PO" --json -r "$pcap" "${PO_URL[$name]}" \
	    2>"$LAB_TMP/$name.read.err" | tee "$LAB_TMP/$name.read.json" |
	    jq -r '"\(.verdict.fault) \(.verdict.kind) \(.http.status)"' 2>/dev/null)
	assert_eq "$got" "$want" \
	    "$name: -r on the written capture gives the same fault, kind and status"
	[ "$got" = "$want" ] || { lab_show "$name.read.json"; lab_show "$name.read.err"; }
}
