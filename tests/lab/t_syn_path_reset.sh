#!/bin/bash
# r2 injects TCP resets for the port (FORWARD REJECT tcp-reset): the RST
# carries the server's address but r2's TTL (63 at the client, the
# server's own packets arrive with 61), so it is not the server's doing.
# path/reset-on-path at hop 2 (198.18.1.2).
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_fwd_reject_port r2 "$P" tcp-reset
sy_run pathreset "$S:$P"
sy_verdict pathreset path reset-on-path 2 198.18.1.2
assert_json "$(lab_file pathreset.json)" .probes.syn.answer rst \
    "pathreset: the SYN was answered with a RST"
sy_capture_ok pathreset
lab_done
