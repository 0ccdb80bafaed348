#!/bin/bash
# Nothing listens on the port: the server's own kernel answers RST.
# server/refused at hop 4 (198.18.3.2), certain.
. "$(dirname "$0")/syn_common.sh"
sy_setup
sy_run refused "$S:$P"
sy_verdict refused server refused 4 198.18.3.2
sy_confidence refused certain
f=$(lab_file refused.json)
assert_json "$f" .probes.syn.answer rst "refused: the SYN was answered with a RST"
assert_json "$f" .probes.connect.result refused "refused: the kernel's connect() was refused"
sy_capture_ok refused
lab_done
