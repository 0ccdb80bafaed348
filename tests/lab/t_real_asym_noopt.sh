#!/bin/bash
# The equal-length asymmetric return path of t_real_asym_equal.sh (50 ms
# on r3 -> b1, on the way back only), with r2 dropping every packet that
# carries IP options (nft: ip option rr exists drop) and routers
# answering from their inbound address (icmp_errors_use_inbound_ifaddr
# 1), so nothing in the packets tells the way back from the way out.
# Record Route's absence proves nothing: never certain about hop 3, and no
# loss invented from the dropped option probes.  Setup ~3 s, ~2 s a run
# today (LAB_RUNS, default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 60
lab_chain 3
lab_asym_return r3 r1 1 50
lab_icmp_inbound_ifaddr 1
lab_drop_ip_options r2
lab_ratelimit_default_all
S=$(lab_server_addr)
real_row asym-no-options fault "not certain on hop 3 (50 ms on the way back, options dropped), no loss"
for _ in $(seq "$REAL_RUNS"); do
	real_run asym "$S"
	real_begin asym-no-options
	real_not_certain_at 3
	real_no_loss_claim
	real_end
done
real_done
