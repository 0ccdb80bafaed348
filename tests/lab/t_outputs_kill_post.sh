#!/bin/bash
# Output files survive kills (issue 16), postprobe: a POST to nginx in the
# lab with -w and --report, and -r with --report, each killed
# $LAB_KILL_RUNS times (50) with SIGTERM and as many with SIGKILL at random
# moments: every target is left as it was, byte for byte, or replaced
# whole, never damaged or empty, and no temporary file is left; SIGKILL to
# a run and its guardian at once may leave temporary files, which the
# next run removes.  The files are in a directory only root may write.
. "$(dirname "$0")/lib.sh"
lab_init
PO=$(lab_bin postprobe) || exit 1
lab_chain 2
S=$(lab_server_addr)
lab_nginx s 80
N=${LAB_KILL_RUNS:-50}
G=${LAB_KILL_GROUP_RUNS:-5}
out=$LAB_TMP/out
mkdir -p "$out"
chmod 755 "$out"

# ---- live: -w and --report ----
R=$out/post.html W=$out/post.pcap
live=(-n --json -w "$W" --report "$R" -d a=1 "http://$S/ok")
lab_run c first.json "$PO" "${live[@]}"
rc=$?
assert_cmd "first run: exit $rc, 0 to 2" test "$rc" -le 2
assert_cmd "first run: the report complete" lab_kill_complete "$R"
assert_cmd "first run: the capture complete" lab_kill_complete "$W"
assert_eq "$(sha256sum <"$W" | cut -d' ' -f1)" "$(jq -r .capture.sha256 "$(lab_file first.json)")" \
    "first run: the capture is the one the JSON names"
cp -p "$R" "$R.old"
cp -p "$W" "$W.old"
LAB_KILL_TARGETS=("$R" "$W")
lab_kill_ms c "$PO" "${live[@]}"
lab_log "a live run takes about $((LAB_KILL_MS * 10 / 13)) ms"
for sig in TERM KILL; do
	lab_kill_runs "live-$sig" "$sig" "$N" c "$PO" "${live[@]}"
	lab_kill_judge "postprobe live, SIG$sig x $N"
done
lab_kill_runs live-GROUP GROUP "$G" c "$PO" "${live[@]}"
lab_kill_judge "postprobe live, SIGKILL to the run and its guardian x $G" group
cp -p "$R.old" "$R"
lab_run c next.json "$PO" "${live[@]}"
assert_cmd "the next run ends well" test $? -le 2
assert_eq "$(lab__kill_temps "$R" | wc -l) $(lab__kill_temps "$W" | wc -l)" "0 0" \
    "the next run removed the temporary files the killed ones left"

# ---- -r: --report ----
lab_pcap_repeat "$LAB_REPO/../shared/captures/http-fault-post.pcap" "$LAB_TMP/big.pcap" 15000
read=(-n -r "$LAB_TMP/big.pcap")
Rr=$out/read.html
"$PO" "${read[@]}" --report "$Rr" >/dev/null 2>"$LAB_TMP/read.err"
rc=$?
assert_cmd "-r: exit $rc, 0 to 2" test "$rc" -le 2
assert_cmd "-r: the report complete" lab_kill_complete "$Rr"
cp -p "$Rr" "$Rr.old"
LAB_KILL_TARGETS=("$Rr")
lab_kill_ms - "$PO" "${read[@]}" --report "$Rr"
lab_log "a -r run takes about $((LAB_KILL_MS * 10 / 13)) ms"
for sig in TERM KILL; do
	lab_kill_runs "read-$sig" "$sig" "$N" - "$PO" "${read[@]}" --report "$Rr"
	lab_kill_judge "postprobe -r, SIG$sig x $N"
	assert_cmd "postprobe -r, SIG$sig: some runs killed before they ended ($LAB_KILL_OLD)" \
	    test "$LAB_KILL_OLD" -gt 0
done
lab_kill_runs read-GROUP GROUP "$G" - "$PO" "${read[@]}" --report "$Rr"
lab_kill_judge "postprobe -r, SIGKILL to the run and its guardian x $G" group
cp -p "$Rr.old" "$Rr"
"$PO" -n -r "$LAB_REPO/Makefile" --report "$Rr" 2>/dev/null
assert_eq $? 65 "-r of a file that is no capture: exit 65"
assert_cmd "-r that fails: the old report byte for byte" cmp -s "$Rr" "$Rr.old"
assert_eq "$(lab__kill_temps "$Rr" | wc -l)" 0 "-r that fails: no temporary file (the run's and the killed runs' alike)"
lab_done
