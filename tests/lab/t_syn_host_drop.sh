#!/bin/bash
# The server's own firewall drops the port (INPUT DROP) while port 22
# answers and ping works: filtered near the host, at hop 4 (198.18.3.2),
# on the link from hop 3 (r3, 198.18.2.2).  Ambiguous: a drop on r3's
# outgoing side would look the same from the client.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_listen s 22
lab_host_drop s "$P"
sy_run hostdrop "$S:$P"
sy_verdict hostdrop server filtered-near-host 4 198.18.3.2
sy_link hostdrop 3 198.18.2.2 4 198.18.3.2
sy_confidence hostdrop ambiguous
f=$(lab_file hostdrop.json)
assert_json "$f" .probes.syn.answer null "hostdrop: the SYN was never answered"
assert_json "$f" '[.probes.controls[] | select(.port == 22) | .answer][0]' syn-ack \
    "hostdrop: control port 22 answered"
assert_json_true "$f" '.probes.ping.received > 0' "hostdrop: the server answers ping"
sy_path_answer hostdrop 3 syn 198.18.2.2
sy_capture_ok hostdrop
lab_done
