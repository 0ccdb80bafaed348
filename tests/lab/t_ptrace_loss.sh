#!/bin/bash
# 25 % loss on the middle link r2 -> r3: a lossy link starting at hop 3
# (198.18.2.2), placed between hop 2 and hop 3.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_loss r2 "$(lab_dev_right r2)" 25
pt_run loss "$S"
assert_eq $? 1 "loss: exit status 1"
pt_verdict loss lossy-link 3 198.18.2.2
f=$(lab_file loss.json)
assert_json "$f" '.verdict.link.from.ttl' 2 "loss: link from hop 2"
assert_between "$(jq .verdict.loss_pct "$f")" 10 40 "loss: destination loss %"
assert_json_true "$f" '.verdict.p_value < 0.01' "loss: significant"
assert_json_true "$f" '[.hops[] | select(.ttl <= 2) | .loss_pct] | all(. == 0)' \
    "loss: no loss before the link"
pt_flag loss 3 lossy-link
pt_capture_ok loss
lab_done
