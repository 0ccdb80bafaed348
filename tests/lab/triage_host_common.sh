# Shared by the t_triage_host_*.sh lab tests (pcap-triage's host reader):
# triage_common.sh's chain, captures and reading, plus th_expect, which
# checks a verdict that need not be a fault (suspect-host and no-fault
# exit 0), and TH_PEER, tests/lab/triage_host_peer.py (the outsiders).
# shellcheck shell=bash
# shellcheck source=tests/lab/triage_common.sh
. "$(dirname "${BASH_SOURCE[0]}")/triage_common.sh"

TH_PEER="$(lab__py) $(dirname "${BASH_SOURCE[0]}")/triage_host_peer.py"

# th_peer NODE ARGS...: triage_host_peer.py in NODE, in the foreground
# (bounded); what it printed in th.out, its errors in th.err.
th_peer() {
	local node=$1
	shift
	# shellcheck disable=SC2086
	timeout -k 5 60 ip netns exec "$(lab_ns "$node")" $TH_PEER "$@" \
	    >"$(lab_file th.out)" 2>>"$(lab_file th.err)"
}

# th_expect NAME FAULT KIND EXIT JQ: the verdict's fault and kind, the exit
# status, and JQ true of the JSON; counts the run as right when all hold.
th_expect() {
	local name=$1 fault=$2 kind=$3 rc=$4 jqx=$5 f ok=1
	f=$(lab_file "$name.json")
	[ "$(jq -r .verdict.fault "$f" 2>/dev/null)" = "$fault" ] || ok=0
	[ "$(jq -r .verdict.kind "$f" 2>/dev/null)" = "$kind" ] || ok=0
	[ "$TR_RC" = "$rc" ] || ok=0
	[ "$(jq -r "$jqx" "$f" 2>/dev/null)" = true ] || ok=0
	if [ "$ok" = 1 ]; then
		TR_RIGHT=$((TR_RIGHT + 1))
		lab_pass "$name: $fault $kind, exit $TR_RC, and $jqx"
	else
		lab_fail "$name: expected $fault $kind exit $rc and $jqx (exit $TR_RC)"
		jq -c '{host: (.host | del(.inbound)), inbound: (.host.inbound[:8]?),
		    findings: [.findings[]? | {severity, kind, fault, address, port, summary, figures}]}' \
		    "$f" 2>/dev/null | head -c 4000
		echo
	fi
}
