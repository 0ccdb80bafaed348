#!/bin/bash
# Two faults at once on a chain of 8: congestion on r2 -> r3 (4 Mbit/s
# tbf, bursty load from r1 to r3) and 10 % loss on r5 -> r6; default ICMP
# rate limits everywhere, so placing the loss needs the answers the limits
# let through (~1/s per router).  Both must be placed: a congested
# finding at hop 3 (198.18.2.2) and a lossy-link finding at hop 6
# (198.18.5.2); the verdict is one of them, exit 1.  Setup ~8 s; a run
# ~5 s today, up to a minute once the loss is placed under the limits
# (LAB_RUNS, default 2).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 2 150
lab_chain 8
lab_ratelimit_default_all
S=$(lab_server_addr)
lab_tbf r2 right 4mbit
lab_blast r1 "$(lab_hop_addr 3)" 8000 "$REAL_LOAD_SECONDS"
lab_loss r5 right 10
lab_wait_loaded r2 right 2 || lab_die "the load never filled r2's queue"
real_row two-faults fault "congested at hop 3 and lossy-link at hop 6 both placed, exit 1"
for _ in $(seq "$REAL_RUNS"); do
	real_run two "$S"
	real_begin two-faults
	real_exit 1
	assert_json_true "$REAL_JSON" '.verdict.kind == "congested" or .verdict.kind == "lossy-link"' \
	    "two-faults: the verdict is one of the two"
	real_finding congested 3
	real_finding lossy-link 6
	real_end
done
real_done
