#!/bin/bash
# ptrace-slow on a clean chain of three routers: every hop answers, the
# verdict is clean and certain after the rounds the schedule promises (not
# many more), and the capture written with -w reads back the same.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
pt_run clean "$S"
assert_eq $? 0 "clean: exit status 0"
pt_verdict clean clean null null
pt_path clean
assert_json "$(lab_file clean.json)" .stats.destination_ttl 4 "clean: destination at hop 4"
assert_json_true "$(lab_file clean.json)" '.verdict.significant' "clean: significant"
assert_json_true "$(lab_file clean.json)" '[.hops[] | .loss_pct] | all(. == 0)' "clean: no loss"
assert_json_true "$(lab_file clean.json)" '.capture.kernel_dropped == 0 and .capture.probes_not_captured == 0' \
    "clean: nothing dropped, every probe captured"
# clean is certain only after 10 rounds (issue 11): 5 fast ones, then
# slow ones at least 1.06 s apart (--interval 1.25), the size probes
# finished after 6 of those.  A healthy path has no finding to place and
# must not be probed on towards --max-rounds (60 rounds, over a minute).
assert_json "$(lab_file clean.json)" .verdict.confidence certain "clean: certain"
assert_json_true "$(lab_file clean.json)" '.stats.rounds >= 10 and .stats.rounds <= 15' \
    "clean: 10 to 15 rounds"
assert_json_true "$(lab_file clean.json)" '.duration_s > 5 and .duration_s < 20' \
    "clean: a verdict in 5 to 20 s"
pt_capture_ok clean
lab_done
