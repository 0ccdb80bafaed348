#!/bin/bash
# r2 never answers but forwards: hop 2 is silent (not lossy), the trace
# goes on to hop 3 and the server, and the path is clean.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_silent r2
pt_run silent "$S"
assert_eq $? 0 "silent: exit status 0"
pt_verdict silent clean null null
pt_flag silent 2 silent
f=$(lab_file silent.json)
assert_json "$f" '[.hops[] | select(.ttl == 2)][0].address' null "silent: hop 2 has no address"
assert_json "$f" '[.hops[] | select(.ttl == 3)][0].address' 198.18.2.2 "silent: hop 3 answers"
assert_json "$f" .stats.destination_ttl 4 "silent: the destination is reached"
assert_json_true "$f" '[.findings[] | select(.kind == "lossy-link" or .kind == "rate-limited")] | length == 0' \
    "silent: no loss claimed"
pt_capture_ok silent
lab_done
