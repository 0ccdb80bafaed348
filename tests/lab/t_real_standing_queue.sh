#!/bin/bash
# A link overloaded to a standing queue: r2 -> r3 limited to 4 Mbit/s by
# tbf with room for 300 ms, and a steady 5 Mbit/s from r1 across it; the
# queue sits full, every packet waits ~300 ms, tail drops shed a fifth of
# everything; default ICMP rate limits everywhere.  A high minimum with a
# small spread is still a fault: congested (standing queue) at hop 3
# (198.18.2.2) when its round-by-round spread or loss shows, else a step no
# terrestrial route explains that names the queue; exit 1, never distance.  Setup ~5 s, ~5 s a run today (LAB_RUNS,
# default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 90
lab_chain 4
lab_ratelimit_default_all
S=$(lab_server_addr)
lab_standing_queue r2 right 4000 300 r1 "$REAL_LOAD_SECONDS"
real_row standing-queue fault "a fault at hop 3 198.18.2.2, exit 1: congested, or a 300 ms step no terrestrial route explains that names the full queue"
for _ in $(seq "$REAL_RUNS"); do
	real_run standing "$S"
	real_begin standing-queue
	real_exit 1
	assert_json "$REAL_JSON" '.verdict.hop, .verdict.address' "$(printf '3\n198.18.2.2')" \
	    "standing-queue: the verdict's hop"
	# The byte-limited queue lets the small probes in, so no loss shows;
	# when its RTT barely moves (1.7 ms in 11 rounds), nothing tells it
	# from a satellite hop but the operator: the verdict names both.
	assert_json_true "$REAL_JSON" \
	    '.verdict.kind == "congested" or
	     (.verdict.kind == "slow-link" and .verdict.cause == "satellite-or-detour" and
	      (.verdict.summary | test("a queue that stays full")))' \
	    "standing-queue: congested, or a step beyond any terrestrial route that names the full queue"
	real_end
done
real_done
