#!/bin/bash
# Output files survive kills (issue 16): ptrace-slow probing the lab with
# -w and --report, ptrace-slow -r with --report, and probe-report -o, each
# killed $LAB_KILL_RUNS times (50) with SIGTERM and as many with SIGKILL at
# random moments of the run: every target is left as it was, byte for
# byte, or replaced whole (a run that ended before the kill, or a SIGTERM
# while probing, which stops the probes and reports), never damaged or
# empty, and no temporary file is left.  SIGKILL to a run and its
# guardian at once may leave temporary files, never a damaged target; the
# next run removes them.  The files are in a directory only root may
# write: after the privilege drop only the guardian can replace them.
. "$(dirname "$0")/lib.sh"
lab_init
PT=$(lab_bin ptrace-slow) || exit 1
PR=$(lab_bin probe-report) || exit 1
lab_chain 2
# 20 ms on the last link: probing lasts long enough to be killed in.
lab_delay r2 "$(lab_dev_right r2)" 20
S=$(lab_server_addr)
N=${LAB_KILL_RUNS:-50}
G=${LAB_KILL_GROUP_RUNS:-5}
out=$LAB_TMP/out
mkdir -p "$out"
chmod 755 "$out"

# ---- live: -w and --report ----
R=$out/trace.html W=$out/trace.pcap
live=(-n --json --rounds 4 --max-rounds 4 --interval 0.05 -w "$W" --report "$R" "$S")
lab_run c first.json "$PT" "${live[@]}"
rc=$?
assert_cmd "first run: exit $rc, 0 to 2" test "$rc" -le 2
assert_cmd "first run: the report complete" lab_kill_complete "$R"
assert_cmd "first run: the capture complete" lab_kill_complete "$W"
assert_eq "$(sha256sum <"$W" | cut -d' ' -f1)" "$(jq -r .capture.sha256 "$(lab_file first.json)")" \
    "first run: the capture is the one the JSON names"
assert_eq "$(stat -c %U "$out")" root "the directory is root's: the run, as nobody, cannot write in it"
cp -p "$R" "$R.old"
cp -p "$W" "$W.old"
LAB_KILL_TARGETS=("$R" "$W")
lab_kill_ms c "$PT" "${live[@]}"
lab_log "a live run takes about $((LAB_KILL_MS * 10 / 13)) ms"
for sig in TERM KILL; do
	lab_kill_runs "live-$sig" "$sig" "$N" c "$PT" "${live[@]}"
	lab_kill_judge "ptrace-slow live, SIG$sig x $N"
done
lab_kill_runs live-GROUP GROUP "$G" c "$PT" "${live[@]}"
lab_kill_judge "ptrace-slow live, SIGKILL to the run and its guardian x $G" group
lab_log "SIGKILL to both left $LAB_KILL_LEFT temporary files"
cp -p "$R.old" "$R"
lab_run c next.json "$PT" "${live[@]}"
assert_cmd "the next run ends well" test $? -le 2
assert_eq "$(lab__kill_temps "$R" | wc -l) $(lab__kill_temps "$W" | wc -l)" "0 0" \
    "the next run removed the temporary files the killed ones left"
assert_cmd "the next run replaced the report whole" lab_kill_complete "$R"

# ---- -r: --report ----
big=$LAB_TMP/big.pcap
lab_pcap_repeat "$LAB_REPO/../shared/captures/icmp-tracert-slow.pcap" "$big" 6000
Rr=$out/read.html
"$PT" -n -r "$big" --report "$Rr" >/dev/null 2>"$LAB_TMP/read.err"
rc=$?
assert_cmd "-r: exit $rc, 0 to 2" test "$rc" -le 2
assert_cmd "-r: the report complete" lab_kill_complete "$Rr"
cp -p "$Rr" "$Rr.old"
LAB_KILL_TARGETS=("$Rr")
lab_kill_ms - "$PT" -n -r "$big" --report "$Rr"
lab_log "a -r run takes about $((LAB_KILL_MS * 10 / 13)) ms"
for sig in TERM KILL; do
	lab_kill_runs "read-$sig" "$sig" "$N" - "$PT" -n -r "$big" --report "$Rr"
	lab_kill_judge "ptrace-slow -r, SIG$sig x $N"
	assert_cmd "ptrace-slow -r, SIG$sig: some runs killed before they ended ($LAB_KILL_OLD)" \
	    test "$LAB_KILL_OLD" -gt 0
done
lab_kill_runs read-GROUP GROUP "$G" - "$PT" -n -r "$big" --report "$Rr"
lab_kill_judge "ptrace-slow -r, SIGKILL to the run and its guardian x $G" group

# A run that fails: the old report byte for byte, as root, in root's directory.
cp -p "$Rr.old" "$Rr"
"$PT" -n -r "$LAB_REPO/Makefile" --report "$Rr" 2>/dev/null
assert_eq $? 65 "-r of a file that is no capture: exit 65"
assert_cmd "-r that fails: the old report byte for byte" cmp -s "$Rr" "$Rr.old"
assert_eq "$(lab__kill_temps "$Rr" | wc -l)" 0 "-r that fails: no temporary file"

# ---- probe-report -o ----
inputs=()
for _ in $(seq 64); do inputs+=("$(lab_file first.json)"); done
Ro=$out/summary.html
"$PR" -o "$Ro" "${inputs[@]}"
assert_eq $? 0 "probe-report: exit 0"
cp -p "$Ro" "$Ro.old"
LAB_KILL_TARGETS=("$Ro")
lab_kill_ms - "$PR" -o "$Ro" "${inputs[@]}"
for sig in TERM KILL; do
	lab_kill_runs "report-$sig" "$sig" "$N" - "$PR" -o "$Ro" "${inputs[@]}"
	lab_kill_judge "probe-report -o, SIG$sig x $N"
done
lab_done
