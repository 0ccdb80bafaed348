#!/bin/bash
# One name lookup, one exit-status table, for every command: the target
# is resolved as the system resolves it (getaddrinfo, /etc/hosts first),
# and when that fails the DNS diagnosis says which resolver and what it
# said.  Against a fake resolver on r1: a name in the node's /etc/hosts
# resolves without DNS; NXDOMAIN exits 68 (ptrace-slow, and postprobe -r
# with a URL), SERVFAIL and a dead resolver exit 75; synprobe reads a
# name that does not resolve as the client's fault (exit 1) with the
# resolver named.
. "$(dirname "$0")/syn_common.sh"
sy_setup
PT=$(lab_bin ptrace-slow)
PO=$(lab_bin postprobe)
lab_resolver c 198.18.0.2

# lab_run in c; the exit status and stderr's one line.
status_of() {
	local name=$1
	shift
	lab_run c "$name.out" "$@"
	echo "$? $(head -n 1 "$(lab_file "$name.out.err")")"
}

# A name from /etc/hosts: found with no DNS at all (no server runs yet).
hosts=/etc/netns/$(lab_ns c)/hosts
printf '127.0.0.1 localhost\n%s server.lab.test\n' "$S" >"$hosts"
# The default --rounds (10): fewer leave a clean path inconclusive (exit 2,
# clean is certain only after 10 rounds), which would not show whether the
# name was probed to its end.
got=$(status_of hosts "$PT" -n --json server.lab.test)
assert_eq "${got%% *}" 0 "hosts: ptrace-slow finds server.lab.test in /etc/hosts"
assert_json "$(lab_file hosts.out)" '.target | "\(.host) \(.address)"' "server.lab.test $S" \
    "hosts: the name and the address /etc/hosts gives"
assert_json "$(lab_file hosts.out)" '.verdict.kind + " " + ([.hops[] | select(.flags | index("destination"))][0].address)' \
    "clean $S" "hosts: the path to that address probed to its end, clean"
rm -f "$hosts"

for mode in nxdomain:68 servfail:75 none:75; do
	m=${mode%%:*}
	want=${mode#*:}
	lab_syn_clear r1
	lab_dns_server r1 "$m"
	got=$(status_of "pt-$m" "$PT" -n --json www.nowhere.test)
	lab_log "ptrace-slow, resolver $m: $got"
	assert_eq "${got%% *}" "$want" "ptrace-slow, resolver $m: exit status"
	assert_cmd "ptrace-slow, resolver $m: the error names the resolver" \
	    grep -q "198.18.0.2" "$(lab_file "pt-$m.out.err")"
	got=$(status_of "po-$m" "$PO" --json -r "$LAB_REPO/tests/fixtures/postprobe/ok.pcap" \
	    "http://www.nowhere.test/")
	assert_eq "${got%% *}" "$want" "postprobe -r URL, resolver $m: exit status"
	sy_run "sy-$m" "www.nowhere.test:$P"
	sy_verdict "sy-$m" client name-not-resolved - -
	assert_json "$(lab_file "sy-$m.json")" .probes.dns.resolver 198.18.0.2 \
	    "synprobe, resolver $m: the resolver asked"
done
lab_done
