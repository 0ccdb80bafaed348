#!/bin/bash
# r2 runs the kernel's default ICMP rate limit (a burst of 6, then 1 a
# second to each destination).  Probed once a round, every slow round at
# least 1.06 s after the last, r2 would answer them all; with -q 3 (three
# probes per hop in each round, back to back) the limit bites: r2 answers
# the first of each round and few of the others.  Those unanswered
# probes are missing data, not loss (analyze/ptrace_slow/loss.c): hop 2
# is labelled rate-limited, loses nothing as judged, and is not blamed.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_ratelimit_default r2
pt_run ratelimit -q 3 "$S"
assert_eq $? 0 "ratelimit: exit status 0"
pt_verdict ratelimit clean null null
pt_no_fault ratelimit
pt_flag ratelimit 2 rate-limited
f=$(lab_file ratelimit.json)
h2='[.hops[] | select(.ttl == 2)][0]'
assert_between "$(jq "$h2 | 100 * (.sent - .received) / .sent" "$f")" 30 90 \
    "ratelimit: the limit really bites at hop 2 (% unanswered)"
assert_json_true "$f" "$h2 | .missing > 0 and .missing == .sent - .received" \
    "ratelimit: every unanswered probe at hop 2 is missing data"
assert_json_true "$f" "$h2 | .lost == 0 and .loss_pct == 0" \
    "ratelimit: no loss counted at hop 2"
assert_json_true "$f" '[.findings[] | select(.kind == "rate-limited")][0] | .hop == 2 and
    (.summary | contains("missing data, not loss"))' \
    "ratelimit: the rate-limited finding names hop 2, missing data"
assert_json_true "$f" '[.hops[] | select(.ttl != 2) | .received == .sent and .loss_pct == 0] | all' \
    "ratelimit: the other hops answer every probe"
pt_capture_ok ratelimit
lab_done
