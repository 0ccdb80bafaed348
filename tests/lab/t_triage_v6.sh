#!/bin/bash
# pcap-triage reads IPv6 as it reads IPv4.  Each run draws fresh IPv6
# addresses for the client and the server (2001:2::/48), a port and a size,
# and captures at the client three conversations over IPv6 only:
#   - an HTTP download from the server: no fault, exit 0, the connection
#     established, every frame read as IPv6;
#   - UDP datagrams to a port where nothing listens: the server answers
#     ICMPv6 port unreachable: server / udp-port-unreachable at its address
#     and that port;
#   - a connection to the server while r1 holds a prohibit route for it
#     (ICMPv6 administratively prohibited, 1/1): path / prohibited-on-path
#     at r1 (synprobe's rules, as for IPv4), named by its ICMPv6 name;
#   - the same download over IPv4 and IPv6 at once, NDP and ARP both on
#     the wire (a dual-stack LAN): no fault, exit 0, both families read;
#   - UDP to the server while the client's route points at a gateway
#     address nobody on the link has: its neighbour solicitations go
#     unanswered: client / ndp-unanswered at that address.
. "$(dirname "$0")/triage_common.sh"
tr_setup
G6=$(lab__a6 0 2)
for run in $(seq "$TR_RUNS"); do
	S6=2001:2:0:2::$(printf %x "$(tr_rand 256 65000)")
	C6=2001:2::$(printf %x "$(tr_rand 256 65000)")
	lab_exec s ip -6 addr add "$S6/64" dev left nodad 2>/dev/null
	lab_exec c ip -6 addr add "$C6/64" dev right nodad 2>/dev/null
	lab_exec c ip -6 route replace 2001:2::/48 via "$G6" src "$C6" ||
	    lab_die "cannot route the client through $G6 from $C6"
	lab_log "run $run: client $C6, gateway $G6, server $S6"
	port=$(tr_rand 2000 30000)
	size=$(tr_rand 20000 400000)

	tr_peer s "web$run" serve "$port" "$size"
	tr_capture c right "v6ok$run" ip6
	tr_client c get "$S6" "$port" /obj 0
	tr_capture_end
	tr_read "v6ok$run"
	tr_expect_or_dropped "v6ok$run" none no-fault "" \
	    '[.connections[] | .outcome == "established"] | (length > 0 and all)'
	tr_has "v6ok$run" '.frames.ipv6 > 0 and .frames.ipv4 == 0' \
	    "every frame read as IPv6"
	tr_has "v6ok$run" "[.connections[] | .server == \"$S6\"] | any" "the connection is to $S6"

	tr_addrs
	tr_capture c right "v6dual$run"
	tr_client c get "$S" "$port" /obj 0 &
	tr_client c get "$S6" "$port" /obj 0
	wait $!
	tr_capture_end
	tr_read "v6dual$run"
	tr_expect_or_dropped "v6dual$run" none no-fault "" \
	    '[.connections[] | .outcome == "established"] | (length == 2 and all)'
	tr_has "v6dual$run" '.frames.ipv6 > 0 and .frames.ipv4 > 0' "both families read"
	kill "$TR_PEER_PID" 2>/dev/null

	uport=$(tr_rand 1000 30000)
	tr_capture c right "v6udp$run" ip6
	tr_client c udp "$S6" "$uport" "$(tr_rand 2 4)"
	tr_capture_end
	tr_read "v6udp$run"
	tr_expect "v6udp$run" server udp-port-unreachable "$S6"
	tr_has "v6udp$run" "[.findings[] | select(.kind == \"udp-port-unreachable\") | .port == $uport] | any" \
	    "the port is $uport"

	lab_exec r1 ip -6 route add prohibit "$S6/128" || lab_die "cannot add the prohibit route"
	tr_capture c right "v6adm$run" ip6
	tr_client c get "$S6" "$port" /obj 0
	tr_capture_end
	lab_exec r1 ip -6 route del prohibit "$S6/128"
	tr_read "v6adm$run"
	tr_expect "v6adm$run" path prohibited-on-path "$G6"
	tr_has "v6adm$run" '.verdict.summary | test("with ICMPv6 communication administratively prohibited")' \
	    "the error goes by its ICMPv6 name"

	dead=2001:2::$(printf %x "$(tr_rand 256 65000)")
	lab_exec c ip -6 route replace 2001:2::/48 via "$dead" src "$C6" dev right ||
	    lab_die "cannot route the client through $dead"
	tr_capture c right "v6ndp$run" ip6
	tr_client c udp "$S6" "$uport" 5
	tr_capture_end
	tr_read "v6ndp$run"
	tr_expect "v6ndp$run" client ndp-unanswered "$dead"
	tr_has "v6ndp$run" '.verdict.summary | test("by neighbour solicitation")' \
	    "it says neighbour solicitation, not ARP"
done
# Five conversations a run, each read right or not.
TR_RUNS=$((5 * TR_RUNS))
tr_summary triage-ipv6
lab_done
