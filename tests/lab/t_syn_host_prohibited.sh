#!/bin/bash
# The server's firewall rejects the port with ICMP admin-prohibited (type 3
# code 13) from its own address: server/prohibited-by-host at hop 4.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_host_reject s "$P" admin-prohibited
sy_run hostprohib "$S:$P"
sy_verdict hostprohib server prohibited-by-host 4 198.18.3.2
assert_json_true "$(lab_file hostprohib.json)" \
    '.probes.syn.answer | . != null and . != "syn-ack" and . != "rst"' \
    "hostprohib: the SYN was answered by an ICMP error"
sy_capture_ok hostprohib
lab_done
