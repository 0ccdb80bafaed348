#!/bin/bash
# 50 ms of one-way delay on the middle link r2 -> r3.  A fixed step is
# distance, not a fault (issue 11): the path is clean, exit 0, and the
# latency budget puts the 50 ms on the link from hop 2 (198.18.1.2) to
# hop 3 (198.18.2.2), the largest step the summary names.  The same path
# against a 30 ms service level (--expect-rtt) is over-budget, exit 1,
# naming that link as the one that adds the most.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_delay r2 "$(lab_dev_right r2)" 50

pt_run delay "$S"
assert_eq $? 0 "delay: exit status 0 (distance is not a fault)"
pt_verdict delay clean null null
f=$(lab_file delay.json)
pt_step delay 2 45 55
pt_no_fault delay
assert_json_true "$f" '[.latency_budget[] | select(.to.ttl != 3) | .added_ms] | all(. < 5)' \
    "delay: no other link adds more than 5 ms"
assert_json_true "$f" '.verdict.summary | contains("from hop 2 (198.18.1.2) to hop 3 (198.18.2.2)")' \
    "delay: the summary names the link from hop 2 to hop 3"
assert_json "$f" .verdict.confidence certain "delay: clean is certain"
assert_json_true "$f" '.stats.rounds >= 10' "delay: certain only after 10 rounds or more"
# 10 rounds: 5 fast ones and 5 at least 1.06 s apart; a path with no
# finding to place must not be probed towards --max-rounds (60, ~70 s).
assert_json_true "$f" '.duration_s < 20' "delay: a verdict in under 20 s"
pt_capture_ok delay

pt_run budget --expect-rtt 30 "$S"
assert_eq $? 1 "budget: exit status 1 (over the 30 ms expected)"
pt_verdict budget over-budget 4 198.18.3.2
f=$(lab_file budget.json)
assert_between "$(jq .verdict.added_ms "$f")" 15 25 "budget: about 20 ms over the 30 expected"
assert_json_true "$f" '.verdict.summary | contains("over the 30 ms expected") and
    contains("hop 2 (198.18.1.2) to hop 3 (198.18.2.2)")' \
    "budget: the summary names the budget and the link that adds the most"
pt_step budget 2 45 55
pt_capture_ok budget --expect-rtt 30
lab_done
