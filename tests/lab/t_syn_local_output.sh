#!/bin/bash
# The client's own firewall drops what it sends to the server (OUTPUT
# DROP): sendto() fails with EPERM and nothing reaches the wire.
# client/blocked-locally, no hop, the client's address.  No -r check: the
# capture is empty, the evidence is the send error.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_listen s "$P"
lab_local_output_drop c
sy_run outdrop "$S:$P"
sy_verdict outdrop client blocked-locally null 198.18.0.1
lab_done
