#!/bin/bash
# An asymmetric return path two routers longer: probes go out c - r1 - r2
# - r3 - s, replies to the client leave r3 by b1, b2, b3 to r1, and r3 ->
# b1 adds 50 ms one way; the forward links are healthy.  Routers answer
# from the address the probe came in on (icmp_errors_use_inbound_ifaddr
# 1: hop 3 is 198.18.2.2); reply TTLs show the longer way back; Record
# Route shows b1 (198.19.1.1).  Never certain about hop 3, the return
# path shown, no loss invented.  Setup ~3 s, ~2 s a run today (LAB_RUNS,
# default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 60
lab_chain 3
lab_asym_return r3 r1 3 50
lab_icmp_inbound_ifaddr 1
lab_ratelimit_default_all
S=$(lab_server_addr)
real_row asym-longer fault "not certain on hop 3 (50 ms on a way back 2 hops longer), return path shown"
for _ in $(seq "$REAL_RUNS"); do
	real_run asym "$S"
	real_begin asym-longer
	real_not_certain_at 3
	real_mentions 198.19.1.1 "the return path (Record Route) is shown"
	real_no_loss_claim
	real_end
done
real_done
