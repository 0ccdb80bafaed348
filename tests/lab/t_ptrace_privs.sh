#!/bin/bash
# Privileges.  A capabilities-only run (setcap cap_net_raw, no root) as an
# ordinary user writes -w into that user's own directory; without the
# capability the same run is refused with status 77; a root run has dropped
# to nobody with no capability left while it probes.
. "$(dirname "$0")/ptrace_common.sh"
pt_setup
user=flcap$$
home=$(mktemp -d /tmp/flcap.XXXXXX)
cleanup_user() { userdel "$user" >/dev/null 2>&1; rm -rf "$home"; }
trap 'cleanup_user; lab__on_exit' EXIT
useradd -M -d "$home" -s /bin/sh "$user" || lab_die "useradd failed"
chown "$user:" "$home"
chmod 700 "$home"
cp "$PT" "$home/ptrace-slow"
chown "$user:" "$home/ptrace-slow"
setcap cap_net_raw+ep "$home/ptrace-slow" || lab_die "setcap failed"
lab_log "getcap: $(getcap "$home/ptrace-slow")"

lab_run c caps.json setpriv --reuid="$user" --regid="$user" --init-groups -- \
    "$home/ptrace-slow" -n --json -w "$home/trace.pcap" "$S"
assert_eq $? 0 "caps-only: exit status 0"
lab_show caps.json.err
assert_json "$(lab_file caps.json)" .verdict.kind clean "caps-only: verdict"
assert_eq "$(stat -c %U "$home/trace.pcap" 2>/dev/null)" "$user" "caps-only: the capture belongs to the user"
assert_eq "$(sha256sum <"$home/trace.pcap" | cut -d' ' -f1)" "$(jq -r .capture.sha256 "$(lab_file caps.json)")" \
    "caps-only: the capture is complete (sha256 matches)"

setcap -r "$home/ptrace-slow"
lab_run c nocaps.json setpriv --reuid="$user" --regid="$user" --init-groups -- \
    "$home/ptrace-slow" -n --json -w "$home/no.pcap" "$S"
assert_eq $? 77 "no capability: exit status 77"
assert_cmd "no capability: one line naming the problem" \
    grep -q "need root or cap_net_raw" "$(lab_file nocaps.json.err)"
assert_cmd "no capability: no capture left behind" test ! -e "$home/no.pcap"

# As root: while it probes, the process runs as nobody with no capability.
lab_bg c rootrun "$PT" -n --rounds 40 --max-rounds 40 --interval 0.1 -w "$(lab_file root.pcap)" "$S"
pid=$LAB_LAST_PID
status=
for _ in $(seq 60); do
	sleep 0.05
	st=$(cat /proc/$pid/status 2>/dev/null) || break
	if echo "$st" | grep -q "^Uid:.*65534.*65534.*65534.*65534"; then
		status=$st
		break
	fi
done
assert_cmd "root run: uid dropped to nobody while probing" test -n "$status"
assert_eq "$(echo "$status" | awk '/^CapEff:/ {print $2}')" 0000000000000000 "root run: no effective capability"
assert_eq "$(echo "$status" | awk '/^CapPrm:/ {print $2}')" 0000000000000000 "root run: no permitted capability"
assert_eq "$(echo "$status" | awk '/^NoNewPrivs:/ {print $2}')" 1 "root run: no_new_privs set"
wait "$pid"
assert_eq $? 0 "root run: exit status 0"
lab_done
