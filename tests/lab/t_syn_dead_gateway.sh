#!/bin/bash
# The client's gateway r1 no longer answers ARP: the client's ARP requests
# go unanswered and no probe reaches the wire.  client/gateway-unreachable
# at hop 1, r1's address 198.18.0.2.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_dead_gateway c
sy_run deadgw "$S:$P"
sy_verdict deadgw client gateway-unreachable 1 198.18.0.2
sy_capture_ok deadgw
lab_done
