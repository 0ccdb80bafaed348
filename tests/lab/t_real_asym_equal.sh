#!/bin/bash
# An asymmetric return path of equal length: probes go out c - r1 - r2 -
# r3 - s, but replies to the client leave r3 by b1 to r1, and r3 -> b1
# adds 50 ms one way; every forward link is healthy.  Routers answer from
# the address their answer leaves by (icmp_errors_use_inbound_ifaddr 0,
# the default: hop 3 shows r3's return-side address 198.19.0.1); the reply
# TTLs cannot tell (equal length); Record Route is answered, and shows b1
# (198.19.1.1).  A round trip cannot tell the forward link from the way
# back: never certain about hop 3, the return path shown, no loss
# invented.  Setup ~3 s, ~2 s a run today (LAB_RUNS, default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 60
lab_chain 3
lab_asym_return r3 r1 1 50
lab_icmp_inbound_ifaddr 0
lab_ratelimit_default_all
S=$(lab_server_addr)
real_row asym-equal fault "not certain on hop 3 (50 ms on the way back), return path via 198.19.1.1 shown"
for _ in $(seq "$REAL_RUNS"); do
	real_run asym "$S"
	real_begin asym-equal
	real_not_certain_at 3
	real_mentions 198.19.1.1 "the return path (Record Route) is shown"
	real_no_loss_claim
	real_end
done
real_done
