#!/bin/bash
# r3 has no route to the server's subnet: unreachable, at hop 3, from r3's
# address 198.18.2.2.  Both ways: the route really deleted, and a REJECT.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
lab_noroute r3 route
pt_run noroute "$S"
assert_eq $? 1 "noroute: exit status 1"
pt_verdict noroute unreachable 3 198.18.2.2
pt_flag noroute 3 unreachable
assert_json_true "$(lab_file noroute.json)" '.verdict.summary | test("net unreachable")' \
    "noroute: the summary names the ICMP message"
pt_capture_ok noroute
lab_clear_all
lab_noroute r3 reject
pt_run reject "$S"
pt_verdict reject unreachable 3 198.18.2.2
lab_done
