#!/bin/bash
# A server behind DNAT: the client aims at 198.19.200.1, which r3
# translates to the server 198.18.3.2 (r3's own time-exceeded then also
# carries 198.19.200.1, as Linux NAT routers' do); default ICMP rate
# limits everywhere; 5 and 10 ms of distance on links 1 and 2 (30 ms round
# trip); port 8080 open, 8081 closed.  With -I, -U, -T open
# and -T closed: clean, exit 0, no loss invented.  Setup ~3 s, ~8 s a run
# today (LAB_RUNS, default 3).
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 3 120
lab_chain 3
lab_dnat_server 198.19.200.1 r3
lab_link_delays 0 5 10 0
lab_listen s 8080
lab_ratelimit_default_all
for _ in $(seq "$REAL_RUNS"); do
	real_nat_methods dnat 198.19.200.1 8080 8081
done
real_done
