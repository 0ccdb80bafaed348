#!/bin/bash
# ptrace-slow --both (issue 13, "works over one family only"): one run
# probes a name's IPv4 and IPv6 addresses (c's /etc/hosts gives
# both.lab.test both) and states the difference in outcome and round
# trip, not hop by hop.  Both families alike on a healthy chain: "Same",
# dual_stack.same, exit 0.  IPv6 forwarding dropped at r2 while IPv4
# passes: the IPv6 trace is incomplete at hop 2 (2001:2:0:1::2), the
# IPv4 one clean, the difference said, exit 1 (a fault in either
# family).  --both with -4, or for an address, is refused (64).
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
S6=$(lab_server_addr6)
lab_resolver c 198.18.0.1
printf '127.0.0.1 localhost\n%s both.lab.test\n%s both.lab.test\n' "$S" "$S6" \
    >"/etc/netns/$(lab_ns c)/hosts"

pt_run same --both both.lab.test
assert_eq $? 0 "same: exit status 0"
f=$(lab_file same.json)
assert_json "$f" '"\(.dual_stack.ipv4.target) \(.dual_stack.ipv6.target)"' "$S $S6" \
    "same: both families probed"
assert_json "$f" '"\(.dual_stack.ipv4.kind) \(.dual_stack.ipv6.kind) \(.dual_stack.same)"' \
    "clean clean true" "same: both clean, said to be the same"
assert_json_true "$f" '.dual_stack.summary | startswith("Same over IPv4 and IPv6")' \
    "same: the summary says the same"
assert_json_true "$f" '.dual_stack.ipv4.destination_ttl == 4 and .dual_stack.ipv6.destination_ttl == 4' \
    "same: the destination is reached over both"

lab_exec r2 ip6tables -A FORWARD -o right -j DROP
pt_run v6drop --both both.lab.test
assert_eq $? 1 "v6drop: exit status 1 (IPv6 does not get through)"
f=$(lab_file v6drop.json)
assert_json "$f" '"\(.dual_stack.ipv4.kind) \(.dual_stack.ipv6.kind) \(.dual_stack.ipv6.hop) \(.dual_stack.ipv6.address) \(.dual_stack.same)"' \
    "clean incomplete 2 $(lab_hop_addr6 2) false" \
    "v6drop: IPv4 clean, IPv6 incomplete at hop 2, not the same"
assert_json_true "$f" '.dual_stack.summary | test("^Over IPv4: clean.*; over IPv6: incomplete at hop 2")' \
    "v6drop: the summary states the difference"
lab_log "v6drop: $(jq -r .dual_stack.summary "$f")"
# The capture holds both traces: -r reads the one to the address asked for.
pcap=$(lab_file v6drop.pcap)
assert_eq "$("$PT" -n --json -r "$pcap" "$S6" | jq -r '"\(.verdict.kind) \(.verdict.hop)"')" \
    "incomplete 2" "v6drop: -r for the IPv6 address reads its trace, incomplete at hop 2"
assert_eq "$("$PT" -n --json -r "$pcap" "$S" | jq -r '"\(.verdict.kind) \(.verdict.hop)"')" \
    "clean null" "v6drop: -r for the IPv4 address reads its trace, clean"

lab_run c both4.json "$PT" -n --json --both -4 both.lab.test
assert_eq $? 64 "--both -4: exit status 64"
lab_run c bothaddr.json "$PT" -n --json --both "$S"
assert_eq $? 64 "--both for an IPv4 address: exit status 64"
lab_done
