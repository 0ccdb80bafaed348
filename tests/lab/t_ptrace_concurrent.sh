#!/bin/bash
# Two ptrace-slow runs to the same server at the same time, with 50 ms on
# r2 -> r3, one against a 30 ms service level: neither counts the other's
# probes or replies, both place the step on the link from hop 2 to hop 3,
# and each judges its own: "one" clean (distance, exit 0), "two" over
# budget (exit 1).
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_delay r2 "$(lab_dev_right r2)" 50
pt_run one "$S" &
p1=$!
pt_run two --expect-rtt 30 "$S" &
p2=$!
wait $p1
rc1=$?
wait $p2
rc2=$?
assert_eq "$rc1" 0 "one: exit status 0 (distance is not a fault)"
pt_verdict one clean null null
assert_eq "$rc2" 1 "two: exit status 1 (over the 30 ms expected)"
pt_verdict two over-budget 4 198.18.3.2
for r in one two; do
	f=$(lab_file $r.json)
	pt_step $r 2 45 55
	# (The capture's count also holds the run's Record Route probes,
	# which stats.probes, the traceroute's, does not.)
	assert_json_true "$f" '.stats.probes + (.record_route.sent // 0) == .capture.probes_sent' \
	    "$r: counts exactly its own probes"
	assert_json_true "$f" '[.hops[] | .received <= .sent] | all' "$r: no hop received more than it sent"
	assert_json_true "$f" '[.hops[] | .loss_pct] | all(. == 0)' "$r: no loss"
	assert_json_true "$f" '.capture.foreign_replies > 0' \
	    "$r: saw the other run's replies and set them aside"
done
ids=$(jq -r '.flow.icmp_id' "$(lab_file one.json)" "$(lab_file two.json)" | sort -u | wc -l)
assert_eq "$ids" 2 "the two runs used different identifiers"
lab_done
