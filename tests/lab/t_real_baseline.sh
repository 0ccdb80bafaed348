#!/bin/bash
# A fixed step new against a baseline.  Chain of 4 with 5 ms of distance on
# link 1, default ICMP rate limits everywhere.  Each run: a reference run
# (clean, exit 0) saved as the baseline; the same path again with
# --baseline (unchanged: clean, exit 0); then link 2 (r2 - r3) gains 10 ms
# each way and --baseline must call it slow-link at hop 3 (198.18.2.2),
# exit 1 ("since the baseline").  The step's holders stay up between runs;
# only their rules come and go.  Setup ~3 s, ~5 s a run today (LAB_RUNS,
# default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 120
lab_chain 4
lab_link_delays 0 5 0 0 0
lab_link_delay 2 10
lab_link_off 2
lab_ratelimit_default_all
S=$(lab_server_addr)
base=$(lab_file base.json)
real_row baseline-reference healthy "clean, exit 0 (the run saved as baseline)"
real_row baseline-unchanged healthy "clean, exit 0 (--baseline, nothing changed)"
real_row baseline-new-step fault "slow-link, exit 1, hop 3 198.18.2.2 (--baseline, +20 ms new)"
for _ in $(seq "$REAL_RUNS"); do
	lab_link_off 2 >/dev/null
	real_run base "$S"
	real_begin baseline-reference
	real_clean
	real_end

	real_run same --baseline "$base" "$S"
	real_begin baseline-unchanged
	real_clean
	real_end

	lab_link_on 2 >/dev/null
	real_run step --baseline "$base" "$S"
	real_begin baseline-new-step
	real_exit 1
	real_verdict slow-link 3 198.18.2.2
	real_end
done
real_done
