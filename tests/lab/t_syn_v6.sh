#!/bin/bash
# synprobe over IPv6 (issue 13): the IPv4 scenarios of t_syn_open,
# t_syn_refused, t_syn_path_prohibited, t_syn_host_drop, t_syn_host_down
# and t_syn_dead_gateway on the same chain, probed at the server's IPv6
# address ([2001:2:0:3::2]:port), with the same fault, kind, hop and
# address (IPv6 text form).  The path's and the server's kinds come from
# ICMPv6 (administratively prohibited, address unreachable after the
# router's neighbour discovery gives up), the client's from neighbour
# discovery where IPv4 has ARP.  Linux reports ICMPv6 administratively
# prohibited to connect() as EACCES, which must not read as this host's
# own firewall.
. "$(dirname "$0")/syn_common.sh"
sy_setup
S6=$(lab_server_addr6)
H2=$(lab_hop_addr6 2) H3=$(lab_hop_addr6 3)
lab_listen s 8080
lab_listen s 22
lab_fwd_reject_port r2 8082 admin-prohibited
lab_host_drop s 8083

sy_run open "[$S6]:8080"
sy_verdict open none open 4 "$S6"
assert_json "$(lab_file open.json)" .probes.connect.result connected "open: the kernel's connect() over IPv6 worked"
sy_capture_ok open

sy_run refused "[$S6]:8081"
sy_verdict refused server refused 4 "$S6"
sy_capture_ok refused

sy_run pathprohib "[$S6]:8082"
sy_verdict pathprohib path prohibited-on-path 2 "$H2"
assert_json_true "$(lab_file pathprohib.json)" '.verdict.summary | test("ICMPv6 communication administratively prohibited")' \
    "pathprohib: the summary names the ICMPv6 message"
assert_json "$(lab_file pathprohib.json)" .probes.connect.result prohibited \
    "pathprohib: connect()'s EACCES is read as the network's answer"
sy_capture_ok pathprohib

sy_run hostdrop "[$S6]:8083"
sy_verdict hostdrop server filtered-near-host 4 "$S6"
sy_link hostdrop 3 "$H3" 4 "$S6"
sy_capture_ok hostdrop
lab_clear_all

lab_host_down s addr
sy_run hostdown "[$S6]:8080"
sy_verdict hostdown server host-down 4 "$S6"
assert_json_true "$(lab_file hostdown.json)" '.verdict.summary | test("neighbour discovery")' \
    "hostdown: the summary says neighbour discovery, not ARP"
assert_between "${SY_SECS[hostdown]}" 0 30 "hostdown: the run is bounded (s)"
sy_capture_ok hostdown
lab_syn_clear s

lab_dead_gateway c
sy_run deadgw "[$S6]:8080"
sy_verdict deadgw client gateway-unreachable 1 "$(lab_hop_addr6 1)"
sy_capture_ok deadgw
lab_done
