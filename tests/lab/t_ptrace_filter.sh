#!/bin/bash
# r2 drops everything it would forward toward the server: r2 still answers
# hop 2, nothing beyond does: incomplete, after hop 2 (198.18.1.2).
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_filter_forward r2
pt_run filter "$S"
assert_eq $? 1 "filter: exit status 1"
pt_verdict filter incomplete 2 198.18.1.2
f=$(lab_file filter.json)
assert_json "$f" .stats.destination_ttl null "filter: the destination never answered"
assert_json_true "$f" '[.hops[] | select(.ttl > 2) | .received] | all(. == 0)' \
    "filter: nothing beyond hop 2 answered"
# Bounded wait: the probes past hop 2 are never answered, and each is given
# up after its own short wait (beyond every hop that answered: 10 x the
# slowest reply seen, at least 1 s), not --wait's 5 s each in turn.  The
# unanswered hops are placed at once, so the run stops at --rounds (10:
# 5 fast rounds, 5 at least 1.06 s apart, ~6.5 s) plus the last wait.
assert_json "$f" .stats.rounds 10 "filter: judged after --rounds, not probed on"
assert_json_true "$f" '.duration_s < 15' "filter: bounded wait"
pt_capture_ok filter
lab_done
