#!/bin/bash
# The live mode in the lab: pcap-triage -i right in the client's namespace,
# as root, which must drop to nobody with no capabilities once its capture
# is open (that drop is also how the test knows the capture is ready).
# Runs alternate: -G SECONDS (3 to 4 s, drawn afresh) with -w FILE while
# the client GETs from a server that waits 0.5 to 1 s: server / slow-server
# at the server, and the saved FILE read back with -r says the same; and
# -c COUNT (6 to 10 frames, drawn afresh) while the client sends COUNT
# datagrams to a closed port: it stops after COUNT frames by itself, and
# reads server / udp-port-unreachable at the server and that port.
. "$(dirname "$0")/triage_common.sh"
tr_setup

# tr_live NAME ARGS...: pcap-triage --json -i right ARGS in c, in the
# background (JSON to NAME.json, errors to NAME.json.err); returns once it
# runs as nobody with no effective capability, and fails the run if that
# never happens.
tr_live() {
	local name=$1
	shift
	ip netns exec "$(lab_ns c)" "$PT" --json -i right "$@" >"$(lab_file "$name.json")" \
	    2>"$(lab_file "$name.json.err")" &
	LIVE_PID=$!
	LAB_PIDS+=("$LIVE_PID")
	LAB_PID_NODE[$LIVE_PID]=c
	if lab_wait_until 10 "pcap-triage to drop its privileges" tr__dropped "$LIVE_PID"; then
		lab_pass "$name: privileges dropped once the capture is open ($(tr__ids "$LIVE_PID"))"
	else
		lab_fail "$name: pcap-triage still runs as $(tr__ids "$LIVE_PID")"
	fi
}
tr__ids() { awk '/^(Uid|Gid|CapEff):/ { printf "%s %s ", $1, $2 }' "/proc/$1/status" 2>/dev/null; }
tr__dropped() {
	awk '/^Uid:/ { u = ($2 == 65534 && $3 == 65534 && $4 == 65534) }
	    /^Gid:/ { g = ($2 != 0 && $3 != 0 && $4 != 0) }
	    /^CapEff:/ { k = ($2 ~ /^0+$/) }
	    END { exit !(u && g && k) }' "/proc/$1/status"
}

# tr_live_end NAME SECONDS: wait (bounded) for the live run to end by
# itself; its exit status in TR_RC.
tr_live_end() {
	local name=$1
	if ! lab_wait_until "$2" "pcap-triage -i to stop by itself" tr__gone "$LIVE_PID"; then
		lab_fail "$name: pcap-triage did not stop by itself"
	fi
	wait "$LIVE_PID"
	TR_RC=$?
	lab_stop_pid "$LIVE_PID"
	tr__said "$name"
}
tr__gone() { ! kill -0 "$1" 2>/dev/null; }

for run in $(seq "$TR_RUNS"); do
	tr_addrs
	if [ $((run % 2)) = 1 ]; then
		port=$(tr_rand 20000 40000)
		delay=$(tr_randsec 0.5 1.0)
		secs=$(tr_randsec 3 4)
		tr_peer s "srv$run" serve "$port" "$(tr_rand 200 5000)" "$delay"
		tr_live "live$run" -G "$secs" -w "$(lab_file "live$run.pcap")"
		lab_exec c curl -s -o /dev/null --max-time 10 "http://$S:$port/live$run"
		tr_live_end "live$run" 15
		tr_expect "live$run" server slow-server "$S"
		tr_has "live$run" "(.connections[0].time.server_ms / 1000 - $delay) | fabs < 0.2" \
		    "the server's time is the delay ($delay s)"
		cp "$(lab_file "live$run.pcap")" "$(lab_file "saved$run.pcap")"
		tr_read "saved$run"
		assert_json "$(lab_file "saved$run.json")" '.verdict | "\(.fault) \(.kind) \(.address)"' \
		    "server slow-server $S" "live$run: the -w file read back says the same"
		lab_stop_pid "$TR_PEER_PID"
	else
		port=$(tr_rand 1000 30000)
		count=$(tr_rand 6 10)
		tr_live "live$run" -c "$count"
		tr_client c udp "$S" "$port" "$count"
		tr_live_end "live$run" 15
		tr_expect "live$run" server udp-port-unreachable "$S"
		tr_has "live$run" "[.findings[] | select(.kind == \"udp-port-unreachable\") | .port == $port] | any" \
		    "the port is $port"
		tr_has "live$run" ".frames.all == $count" "it read $count frames"
	fi
done
tr_summary live
lab_done
