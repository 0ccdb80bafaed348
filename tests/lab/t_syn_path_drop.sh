#!/bin/bash
# r2 drops forwarded TCP to the port.  TTL-2 SYNs still expire at r2 (the
# TTL check comes before the FORWARD hook), TTL-3 SYNs vanish while TTL-3
# echoes reach r3: path/filtered-on-path at hop 2 (198.18.1.2), on the
# link from hop 2 to hop 3 (198.18.2.2).
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_fwd_drop_port r2 "$P"
sy_run pathdrop "$S:$P"
sy_verdict pathdrop path filtered-on-path 2 198.18.1.2
sy_link pathdrop 2 198.18.1.2 3 198.18.2.2
sy_path_answer pathdrop 2 syn 198.18.1.2
sy_path_answer pathdrop 3 syn null
sy_path_answer pathdrop 3 icmp 198.18.2.2
assert_json "$(lab_file pathdrop.json)" .probes.syn.answer null \
    "pathdrop: the SYN was never answered"
sy_capture_ok pathdrop
lab_done
