#!/bin/bash
# r2 runs the kernel's default ICMP rate limit (burst of 6, then 1/s) and is
# probed ten times a second, so the limit bites: hop 2 loses answers while
# later hops do not; labelled rate-limited, not blamed.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_ratelimit_default r2
pt_run ratelimit --rounds 20 "$S"
assert_eq $? 0 "ratelimit: exit status 0"
pt_verdict ratelimit clean null null
pt_flag ratelimit 2 rate-limited
f=$(lab_file ratelimit.json)
assert_between "$(jq '[.hops[] | select(.ttl == 2)][0].loss_pct' "$f")" 30 90 \
    "ratelimit: the limit really bites at hop 2 (loss %)"
assert_json_true "$f" '[.hops[] | select(.ttl > 2) | .loss_pct] | all(. == 0)' \
    "ratelimit: later hops lose nothing"
assert_json_true "$f" '[.findings[] | select(.kind == "lossy-link")] | length == 0' \
    "ratelimit: no lossy link claimed"
pt_capture_ok ratelimit
lab_done
