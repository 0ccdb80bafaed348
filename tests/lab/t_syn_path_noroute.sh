#!/bin/bash
# r2 has no route to the server's subnet and answers ICMP net unreachable:
# path/unreachable-on-path at hop 2 (198.18.1.2).  Both ways, as in
# t_ptrace_noroute.sh: the route really deleted (the kernel's route-error
# limiter then lets ~5 answers through and 1/s after; the route lookup
# comes before the TTL check, so even TTL-2 probes get net unreachable, or
# nothing once the burst is spent), and a REJECT that answers every probe
# and leaves TTL-2 probes their time-exceeded.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_noroute r2
sy_run noroute "$S:$P"
sy_verdict noroute path unreachable-on-path 2 198.18.1.2
sy_capture_ok noroute
lab_clear_all
lab_noroute r2 reject
sy_run reject "$S:$P"
sy_verdict reject path unreachable-on-path 2 198.18.1.2
sy_capture_ok reject
lab_done
