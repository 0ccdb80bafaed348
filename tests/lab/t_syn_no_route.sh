#!/bin/bash
# The client has no route to the server at all: client/no-local-route, no
# hop.  No -r check: nothing is sent, the evidence is the route lookup.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_no_local_route c
sy_run noroute "$S:$P"
sy_verdict noroute client no-local-route null -
lab_done
