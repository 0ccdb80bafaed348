#!/bin/bash
# r3, the last router before the server, rejects the port with ICMP
# admin-prohibited from its own address: path/prohibited-on-path at hop 3
# (198.18.2.2), not blamed on the server behind it.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_fwd_reject_port r3 "$P" admin-prohibited
sy_run r3prohib "$S:$P"
sy_verdict r3prohib path prohibited-on-path 3 198.18.2.2
sy_capture_ok r3prohib
lab_done
