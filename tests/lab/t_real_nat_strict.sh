#!/bin/bash
# The NAT office with a stricter NAT: r1 masquerades the client's link and
# drops what conntrack marks invalid (nft: ct state invalid drop); 5 and
# 10 ms of distance on links 1 and 2 (30 ms round trip); default ICMP rate
# limits everywhere; port 8080 open on the server, 8081 closed.
# With -I, -U, -T open and -T closed: clean, exit 0, no loss invented.
# Setup ~3 s, ~8 s a run today (LAB_RUNS, default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 120
lab_chain 3
lab_nat_office r1
lab_link_delays 0 5 10 0
lab_ct_invalid_drop r1
lab_listen s 8080
lab_ratelimit_default_all
for _ in $(seq "$REAL_RUNS"); do
	real_nat_methods nat-strict "$(lab_server_addr)" 8080 8081
done
real_done
