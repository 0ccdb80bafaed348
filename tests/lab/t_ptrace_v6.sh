#!/bin/bash
# ptrace-slow over IPv6 (issue 13): the IPv4 scenarios of t_ptrace_delay,
# t_ptrace_loss and t_ptrace_noroute on the same chain of three routers,
# probed at the server's IPv6 address (2001:2:0:3::2) with ICMPv6 echo,
# UDP and TCP SYN, hop limits for TTLs.  The same verdicts, hops and
# addresses (IPv6 text form): 50 ms of one-way delay r2 -> r3 is
# distance, clean, exit 0, the step on the link from hop 2 (2001:2:0:1::2)
# to hop 3 (2001:2:0:2::2); the same against a 30 ms --expect-rtt is
# over-budget at hop 4; 25 % loss there is lossy-link at hop 3; r3
# without a route is unreachable at hop 3, said with ICMPv6's words.
# Every probe of a run keeps one flow label, one ICMPv6 checksum (-I)
# or one 5-tuple (-U, -T), so per-flow balancers keep it on one path.
# -4 and -6 choose the family of a name with both (/etc/hosts in c),
# which otherwise resolves in the system's order (RFC 6724: IPv6 here);
# an IPv4-mapped address is the IPv4 target.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
S6=$(lab_server_addr6)
H1=$(lab_hop_addr6 1) H2=$(lab_hop_addr6 2) H3=$(lab_hop_addr6 3)
lab_delay r2 "$(lab_dev_right r2)" 50

for m in I U T; do
	pt_run "delay$m" -6 "-$m" "$S6"
	assert_eq $? 0 "delay -$m: exit status 0 (distance is not a fault)"
	pt_verdict "delay$m" clean null null
	f=$(lab_file "delay$m.json")
	assert_json "$f" '[.hops[] | .address] | join(" ")' "$H1 $H2 $H3 $S6" \
	    "delay -$m: the hops are the routers' IPv6 addresses, then the server's"
	pt_step "delay$m" 2 45 55
	pt_no_fault "delay$m"
	assert_json "$f" .options.family 6 "delay -$m: IPv6 said in the options"
	pt_capture_ok "delay$m"
	# One flow for the whole run: the flow label (tcpdump -vv; a pcap
	# filter matches the outer header only, not the copies ICMPv6 errors
	# quote), and -I's checksum.
	fl=$(tcpdump -nn -vv -r "$(lab_file "delay$m.pcap")" "src host 2001:2::1 and dst host $S6" \
	    2>/dev/null | grep -o 'flowlabel 0x[0-9a-f]*' | sort -u | grep -c .)
	assert_eq "$fl" 1 "delay -$m: every probe carries one flow label"
done
# The echo requests' checksum, bytes 42-43 of the IPv6 packet (tcpdump -x:
# the sixth group of the 0x0020 line), and tcpdump's own check of it.
pf="icmp6 and ip6[40] == 128 and src host 2001:2::1"
ck=$(tcpdump -nn -x -r "$(lab_file delayI.pcap)" "$pf" 2>/dev/null |
    awk '$1 == "0x0020:" { print $7 }' | sort -u | grep -c .)
n=$(tcpdump -nn -r "$(lab_file delayI.pcap)" "$pf" 2>/dev/null | grep -c .)
ok=$(tcpdump -nn -vv -r "$(lab_file delayI.pcap)" "$pf" 2>/dev/null | grep -c 'icmp6 sum ok')
assert_eq "$ck $ok" "1 $n" "delay -I: one ICMPv6 checksum for all $n echoes, and a valid one"
pt_run budget -6 --expect-rtt 30 "$S6"
assert_eq $? 1 "budget: exit status 1 (over the 30 ms expected)"
pt_verdict budget over-budget 4 "$S6"
lab_clear_all

lab_loss r2 "$(lab_dev_right r2)" 25
pt_run loss -6 -U "$S6"
assert_eq $? 1 "loss: exit status 1"
pt_verdict loss lossy-link 3 "$H3"
assert_json_true "$(lab_file loss.json)" '[.hops[] | select(.ttl <= 2) | .loss_pct] | all(. == 0)' \
    "loss: no loss before the link"
pt_capture_ok loss
lab_clear_all

lab_noroute r3 route
pt_run noroute -6 "$S6"
assert_eq $? 1 "noroute: exit status 1"
pt_verdict noroute unreachable 3 "$H3"
lab_log "noroute: $(jq -r .verdict.summary "$(lab_file noroute.json)")"
assert_json_true "$(lab_file noroute.json)" '.verdict.summary | test("no route to destination")' \
    "noroute: the summary names the ICMPv6 message"
pt_capture_ok noroute
lab_clear_all

# A name with both families, from c's own /etc/hosts.
lab_resolver c 198.18.0.1
printf '127.0.0.1 localhost\n%s both.lab.test\n%s both.lab.test\n%s four.lab.test\n' \
    "$S" "$S6" "$S" >"/etc/netns/$(lab_ns c)/hosts"
pt_run both --rounds 3 --max-rounds 3 both.lab.test
assert_json "$(lab_file both.json)" '"\(.options.family) \(.options.family_from) \(.target.address // .hops[-1].address)"' \
    "6 system order $S6" "both: the system's order picks IPv6, and says so"
pt_run both4 -4 --rounds 3 --max-rounds 3 both.lab.test
assert_json "$(lab_file both4.json)" '"\(.options.family) \(.options.family_from) \(.hops[-1].address)"' \
    "4 option $S" "both -4: IPv4, as asked"
lab_run c six4.json "$PT" -n --json -4 "$S6"
assert_eq $? 64 "-4 with an IPv6 address: exit status 64"
assert_json "$(lab_file six4.json)" '.error.message | test("not an IPv4 address")' true \
    "-4 with an IPv6 address: says why, in JSON"
lab_run c four.json "$PT" -n --json -6 four.lab.test
assert_eq $? 68 "-6 for a name with only IPv4 addresses: exit status 68"
assert_json "$(lab_file four.json)" .error.message "four.lab.test has only IPv4 addresses" \
    "-6 for a name with only IPv4 addresses: says so"
pt_run mapped --rounds 3 --max-rounds 3 "::ffff:$S"
assert_json "$(lab_file mapped.json)" '"\(.options.family) \(.hops[-1].address)"' "4 $S" \
    "::ffff:$S is the IPv4 target"
lab_run c four6.json "$PT" -n --json -6 "$S"
assert_eq $? 64 "-6 with an IPv4 address: exit status 64"
lab_done
