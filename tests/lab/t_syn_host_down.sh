#!/bin/bash
# The server's address is gone while r3 still routes to its subnet: r3
# tries ARP (3 requests, 1 s apart) and then answers ICMP host unreachable.
# server/host-down, reported as the host (hop 4, 198.18.3.2); the run may
# last r3's ARP wait longer, but no more than that.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_host_down s addr
sy_run hostdown "$S:$P"
sy_verdict hostdown server host-down 4 198.18.3.2
assert_between "${SY_SECS[hostdown]}" 0 30 "hostdown: the run is bounded (s)"
sy_capture_ok hostdown
lab_done
