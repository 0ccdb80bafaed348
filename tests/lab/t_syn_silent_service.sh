#!/bin/bash
# A listener on port 21 accepts the connection and never sends a byte: the
# handshake works, the FTP banner never comes.  server/service-silent at
# hop 4 (198.18.3.2).
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_silent_listener s 21
sy_run silent "$S:21"
sy_verdict silent server service-silent 4 198.18.3.2
f=$(lab_file silent.json)
assert_json "$f" .probes.syn.answer syn-ack "silent: the SYN was answered with a SYN-ACK"
assert_json "$f" .probes.connect.result connected "silent: the kernel's connect() worked"
assert_json "$f" .probes.banner.expected true "silent: a banner was expected on port 21"
assert_json "$f" .probes.banner.received false "silent: no banner arrived"
sy_capture_ok silent
lab_done
