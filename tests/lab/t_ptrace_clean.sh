#!/bin/bash
# ptrace-slow on a clean chain of three routers: every hop answers, the
# verdict is clean, and the capture written with -w reads back the same.
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
assert_json_true "$(lab_file clean.json)" '.duration_s < 3' "clean: a verdict in under 3 s"
pt_capture_ok clean
lab_done
