#!/bin/bash
# 50 ms of one-way delay on the middle link r2 -> r3: the bottleneck is the
# first hop past it (hop 3, 198.18.2.2), a fixed delay, about 50 ms added.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_delay r2 "$(lab_dev_right r2)" 50
pt_run delay "$S"
assert_eq $? 1 "delay: exit status 1 (a fault)"
pt_verdict delay bottleneck 3 198.18.2.2
f=$(lab_file delay.json)
assert_json "$f" .verdict.cause fixed-delay "delay: cause"
assert_json "$f" '.verdict.link.from.ttl, .verdict.link.from.address, .verdict.link.to.ttl' \
    "$(printf '2\n198.18.1.2\n3')" "delay: link from hop 2 to hop 3"
assert_between "$(jq .verdict.added_ms "$f")" 45 55 "delay: added_ms within 10 % of 50"
pt_flag delay 3 bottleneck
pt_no_flag delay 2 rise
assert_json_true "$f" '.duration_s < 3' "delay: a verdict in under 3 s"
pt_capture_ok delay
lab_done
