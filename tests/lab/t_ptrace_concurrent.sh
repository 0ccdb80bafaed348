#!/bin/bash
# Two ptrace-slow runs to the same server at the same time, with 50 ms on
# r2 -> r3: both find hop 3, and neither counts the other's probes or replies.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_delay r2 "$(lab_dev_right r2)" 50
pt_run one --rounds 20 "$S" &
p1=$!
pt_run two --rounds 20 "$S" &
p2=$!
wait $p1 $p2
for r in one two; do
	f=$(lab_file $r.json)
	pt_verdict $r bottleneck 3 198.18.2.2
	assert_json_true "$f" '.stats.probes == .capture.probes_sent' \
	    "$r: counts exactly its own probes"
	assert_json_true "$f" '[.hops[] | .received <= .sent] | all' "$r: no hop received more than it sent"
	assert_json_true "$f" '.capture.foreign_replies > 0' \
	    "$r: saw the other run's replies and set them aside"
done
ids=$(jq -r '.evidence[0].summary' "$(lab_file one.json)" "$(lab_file two.json)" |
    sed -n 's/.* id \([0-9]*\) .*/\1/p' | sort -u | wc -l)
assert_eq "$ids" 2 "the two runs used different identifiers"
lab_done
