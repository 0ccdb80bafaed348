# Shared by the t_ptrace_*.sh lab tests: a chain of three routers
#   c (198.18.0.1) - r1 - r2 - r3 - s (198.18.3.2)
# where hop k answers from 198.18.(k-1).2, and a way to run ptrace-slow in
# the client namespace with its JSON and capture kept.
# shellcheck shell=bash
# shellcheck source=tests/lab/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PT=
S=
# Captures worth keeping as unit-test fixtures land here when set.
PT_KEEP=${PT_KEEP:-}

pt_setup() {
	lab_init
	lab_chain 3
	PT=$(lab_bin ptrace-slow)
	S=$(lab_server_addr)
}

# pt_run NAME [ARGS...]: ptrace-slow -n --json -w NAME.pcap ARGS in the
# client; JSON in $(lab_file NAME.json).  Returns ptrace-slow's status.
pt_run() {
	local name=$1 rc
	shift
	lab_run c "$name.json" "$PT" -n --json -w "$(lab_file "$name.pcap")" "$@"
	rc=$?
	lab_log "$name: exit $rc, verdict: $(jq -c '.verdict | {kind, hop, address, cause, added_ms, loss_pct, confidence}' \
	    "$(lab_file "$name.json")" 2>/dev/null), $(jq -c '{rounds: .stats.rounds, seconds: .duration_s}' \
	    "$(lab_file "$name.json")" 2>/dev/null)"
	[ -s "$(lab_file "$name.json.err")" ] && lab_show "$name.json.err"
	lab_keep "$PT_KEEP" "$name"
	return $rc
}

# pt_verdict NAME KIND HOP ADDRESS: the verdict's kind, hop and address.
pt_verdict() {
	local f
	f=$(lab_file "$1.json")
	assert_json "$f" .verdict.kind "$2" "$1: verdict kind"
	assert_json "$f" .verdict.hop "$3" "$1: verdict hop"
	assert_json "$f" .verdict.address "$4" "$1: verdict address"
}

# pt_flag NAME TTL FLAG: hop TTL carries FLAG.
pt_flag() {
	assert_json_true "$(lab_file "$1.json")" \
	    "[.hops[] | select(.ttl == $2)][0].flags | index(\"$3\") != null" \
	    "$1: hop $2 is labelled $3"
}

# pt_no_flag NAME TTL FLAG
pt_no_flag() {
	assert_json_true "$(lab_file "$1.json")" \
	    "[.hops[] | select(.ttl == $2)][0].flags | index(\"$3\") == null" \
	    "$1: hop $2 is not labelled $3"
}

# pt_path NAME: hops 1..3 and the server answer from the address rule.
pt_path() {
	assert_json "$(lab_file "$1.json")" '[.hops[] | .address] | join(" ")' \
	    "198.18.0.2 198.18.1.2 198.18.2.2 198.18.3.2" "$1: the path as the lab built it"
}

# pt_step NAME FROM_TTL LO HI [CAUSE]: the latency budget's link from hop
# FROM_TTL to the next adds LO..HI ms of round trip, for CAUSE (default
# distance: a fixed step with nothing abnormal about it), and it is the
# largest step, the one the largest-step finding names.
pt_step() {
	local f to=$(($2 + 1)) cause=${5:-distance}
	f=$(lab_file "$1.json")
	assert_json "$f" "[.latency_budget[] | select(.to.ttl == $to)][0] | \"\\(.from.ttl) \\(.cause)\"" \
	    "$2 $cause" "$1: the budget's link to hop $to is from hop $2, $cause"
	assert_between "$(jq "[.latency_budget[] | select(.to.ttl == $to)][0].added_ms" "$f")" \
	    "$3" "$4" "$1: that link adds $3..$4 ms"
	assert_json "$f" '[.findings[] | select(.kind == "largest-step")][0] | "\(.link.from.ttl)-\(.hop)"' \
	    "$2-$to" "$1: the largest step is the link from hop $2 to hop $to"
}

# pt_no_fault NAME: no finding is a fault and no hop is labelled one.
pt_no_fault() {
	local f
	f=$(lab_file "$1.json")
	assert_json "$f" '[.findings[] | .kind | select(IN("congested", "lossy-link", "slow-link",
	    "over-budget", "unreachable", "incomplete"))] | join(" ")' "" \
	    "$1: no finding is a fault"
	assert_json "$f" '[.hops[] | .flags[] | select(IN("fault", "queueing", "lossy-link"))] | join(" ")' "" \
	    "$1: no hop is labelled fault, queueing or lossy-link"
}

# pt_capture_ok NAME [ARGS...]: the -w file is a complete capture and
# matches the JSON; ARGS (e.g. --expect-rtt MS) are given to -r as they
# were to the live run.
pt_capture_ok() {
	local pcap json name=$1
	shift
	pcap=$(lab_file "$name.pcap")
	json=$(lab_file "$name.json")
	assert_eq "$(sha256sum <"$pcap" | cut -d' ' -f1)" "$(jq -r .capture.sha256 "$json")" \
	    "$name: capture sha256 in the JSON is the file's"
	assert_eq "$("$PT" -n --json "$@" -r "$pcap" | jq -r '.verdict.kind + " " + (.verdict.hop|tostring)')" \
	    "$(jq -r '.verdict.kind + " " + (.verdict.hop|tostring)' "$json")" \
	    "$name: -r on the written capture gives the same verdict"
}
