#!/bin/bash
# The server's firewall rejects the port with a TCP reset: on the wire the
# same as no listener (RST from 198.18.3.2 with the server's TTL), so
# server/refused at hop 4.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_host_reject s "$P" tcp-reset
sy_run hostreset "$S:$P"
sy_verdict hostreset server refused 4 198.18.3.2
assert_json "$(lab_file hostreset.json)" .probes.syn.answer rst \
    "hostreset: the SYN was answered with a RST"
sy_capture_ok hostreset
lab_done
