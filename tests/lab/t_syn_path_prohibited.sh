#!/bin/bash
# r2 rejects forwarded TCP to the port with ICMP admin-prohibited from its
# own address: path/prohibited-on-path at hop 2 (198.18.1.2).
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_fwd_reject_port r2 "$P" admin-prohibited
sy_run pathprohib "$S:$P"
sy_verdict pathprohib path prohibited-on-path 2 198.18.1.2
sy_capture_ok pathprohib
lab_done
