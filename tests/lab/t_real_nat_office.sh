#!/bin/bash
# The NAT office: the client behind r1, which masquerades its link (as
# every home and most offices), 5 and 10 ms of distance on links 1 and 2
# (30 ms round trip: SYNs of one flow are in flight together, as on a real
# path; with none the trap below never springs), default ICMP rate limits
# everywhere, a listener on the server's port 8080 (8081 closed).  A
# healthy path: with -I, -U, -T open and -T closed, clean, exit 0, no loss
# invented (repeated SYNs on one flow with changing sequence numbers make
# conntrack drop most RSTs).  Setup ~3 s, the four methods ~10 s a run
# today (LAB_RUNS, default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 120
lab_chain 3
lab_nat_office r1
lab_link_delays 0 5 10 0
lab_listen s 8080
lab_ratelimit_default_all
for _ in $(seq "$REAL_RUNS"); do
	real_nat_methods nat-office "$(lab_server_addr)" 8080 8081
done
real_done
