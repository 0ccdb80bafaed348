#!/bin/bash
# The client's own firewall drops TCP from the server (INPUT DROP): the
# server's SYN-ACKs reach the wire, and the capture, but not the kernel,
# so connect() times out.  client/blocked-locally, no hop, the client's
# address.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_listen s "$P"
lab_local_input_drop c
sy_run indrop "$S:$P"
sy_verdict indrop client blocked-locally null 198.18.0.1
f=$(lab_file indrop.json)
assert_json "$f" .probes.syn.answer syn-ack "indrop: the SYN-ACK was captured"
assert_json "$f" .probes.connect.result timeout "indrop: the kernel's connect() timed out"
sy_capture_ok indrop
lab_done
