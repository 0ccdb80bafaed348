#!/bin/bash
# Output files survive kills (issue 16), synprobe: probing the lab with -w
# and --report, and -r with --server-capture and --report, each killed
# $LAB_KILL_RUNS times (50) with SIGTERM and as many with SIGKILL at random
# moments: every target is left as it was, byte for byte, or replaced
# whole, never damaged or empty, and no temporary file is left; SIGKILL to
# a run and its guardian at once may leave temporary files, which the
# next run removes.  The files are in a directory only root may write.
. "$(dirname "$0")/lib.sh"
lab_init
SY=$(lab_bin synprobe) || exit 1
lab_chain 2
S=$(lab_server_addr)
lab_listen s 2121
lab_wait_tcp c "$S" 2121 || lab_die "no listener on $S:2121"
N=${LAB_KILL_RUNS:-50}
G=${LAB_KILL_GROUP_RUNS:-5}
out=$LAB_TMP/out
mkdir -p "$out"
chmod 755 "$out"

# ---- live: -w and --report ----
R=$out/syn.html W=$out/syn.pcap
live=(-n --json --no-banner -w "$W" --report "$R" "$S:2121")
lab_run c first.json "$SY" "${live[@]}"
rc=$?
assert_cmd "first run: exit $rc, 0 to 2" test "$rc" -le 2
assert_cmd "first run: the report complete" lab_kill_complete "$R"
assert_cmd "first run: the capture complete" lab_kill_complete "$W"
assert_eq "$(sha256sum <"$W" | cut -d' ' -f1)" "$(jq -r .capture.sha256 "$(lab_file first.json)")" \
    "first run: the capture is the one the JSON names"
cp -p "$R" "$R.old"
cp -p "$W" "$W.old"
LAB_KILL_TARGETS=("$R" "$W")
lab_kill_ms c "$SY" "${live[@]}"
lab_log "a live run takes about $((LAB_KILL_MS * 10 / 13)) ms"
for sig in TERM KILL; do
	lab_kill_runs "live-$sig" "$sig" "$N" c "$SY" "${live[@]}"
	lab_kill_judge "synprobe live, SIG$sig x $N"
done
lab_kill_runs live-GROUP GROUP "$G" c "$SY" "${live[@]}"
lab_kill_judge "synprobe live, SIGKILL to the run and its guardian x $G" group
cp -p "$R.old" "$R"
lab_run c next.json "$SY" "${live[@]}"
assert_cmd "the next run ends well" test $? -le 2
assert_eq "$(lab__kill_temps "$R" | wc -l) $(lab__kill_temps "$W" | wc -l)" "0 0" \
    "the next run removed the temporary files the killed ones left"

# ---- -r and --server-capture: --report ----
caps=$LAB_REPO/../shared/captures
lab_pcap_repeat "$caps/ftpclientdenied.pcap" "$LAB_TMP/client.pcap" 1200
lab_pcap_repeat "$caps/ftpserverdenied.pcap" "$LAB_TMP/server.pcap" 1200
read=(-n -r "$LAB_TMP/client.pcap" --server-capture "$LAB_TMP/server.pcap")
Rr=$out/read.html
"$SY" "${read[@]}" --report "$Rr" >/dev/null 2>"$LAB_TMP/read.err"
rc=$?
assert_cmd "-r: exit $rc, 0 to 2" test "$rc" -le 2
assert_cmd "-r: the report complete" lab_kill_complete "$Rr"
cp -p "$Rr" "$Rr.old"
LAB_KILL_TARGETS=("$Rr")
lab_kill_ms - "$SY" "${read[@]}" --report "$Rr"
lab_log "a -r run takes about $((LAB_KILL_MS * 10 / 13)) ms"
for sig in TERM KILL; do
	lab_kill_runs "read-$sig" "$sig" "$N" - "$SY" "${read[@]}" --report "$Rr"
	lab_kill_judge "synprobe -r, SIG$sig x $N"
	assert_cmd "synprobe -r, SIG$sig: some runs killed before they ended ($LAB_KILL_OLD)" \
	    test "$LAB_KILL_OLD" -gt 0
done
lab_kill_runs read-GROUP GROUP "$G" - "$SY" "${read[@]}" --report "$Rr"
lab_kill_judge "synprobe -r, SIGKILL to the run and its guardian x $G" group
cp -p "$Rr.old" "$Rr"
"$SY" -n -r "$LAB_REPO/Makefile" --report "$Rr" 2>/dev/null
assert_eq $? 65 "-r of a file that is no capture: exit 65"
assert_cmd "-r that fails: the old report byte for byte" cmp -s "$Rr" "$Rr.old"
assert_eq "$(lab__kill_temps "$Rr" | wc -l)" 0 "-r that fails: no temporary file (the run's and the killed runs' alike)"
lab_done
