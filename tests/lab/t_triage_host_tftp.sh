#!/bin/bash
# The book's second suspect host: a source outside keeps connecting to a
# port of this host that is closed (port and count drawn afresh; the book's
# was 26452), then this host fetches a program from that source over TFTP
# (Debian's tftpd-hpa and tftp-hpa; the file a copy of /bin/true with a
# random tail, under a random .exe name).  Read as the book reads it: no
# network fault, suspect-host, exit 0; the inbound attempts from the
# source on that port, answered RST (closed), counted; the TFTP download
# with the server, the file name, its size and its SHA-256.
. "$(dirname "$0")/triage_host_common.sh"
command -v in.tftpd >/dev/null || lab_die "in.tftpd missing (apt-get install -y tftpd-hpa)"
command -v tftp >/dev/null || lab_die "tftp missing (apt-get install -y tftp-hpa)"
tr_setup
# tftp_ok FILE: the client fetched the readiness file whole.
tftp_ok() {
	rm -f "$(lab_file got.ready)"
	lab_exec c timeout 5 tftp -m binary "$S" -c get ready.bin "$(lab_file got.ready)" &&
	    cmp -s "$(lab_file got.ready)" "$root/ready.bin"
}
for run in $(seq "$TR_RUNS"); do
	tr_addrs
	root=$(lab_file "tftp$run")
	mkdir -p "$root" && chmod 755 "$root"
	file=$(printf 'upd%04d.exe' "$(tr_rand 0 9999)")
	cp /bin/true "$root/$file"
	head -c "$(tr_rand 1 3000)" /dev/urandom >>"$root/$file"
	head -c 100 /dev/urandom >"$root/ready.bin"
	chmod 644 "$root"/*
	size=$(stat -c %s "$root/$file")
	sha=$(sha256sum "$root/$file" | cut -d' ' -f1)
	lab_bg s "tftpd$run" in.tftpd -L -a "$S:69" -s "$root"
	tftpd=$LAB_LAST_PID
	lab_wait_until 10 "tftpd at $S to serve" tftp_ok || lab_die "in.tftpd did not start at $S"
	port=$(tr_rand 20000 60000) knocks=$(tr_rand 4 8) later=$(tr_rand 2 4)
	tr_capture c right "tftp$run"
	th_peer s knock "$S" "$C" "$port" "$knocks" "$(tr_rand 100 400)"
	lab_exec c timeout 20 tftp -m binary "$S" -c get "$file" "$(lab_file "got$run.exe")"
	cmp -s "$(lab_file "got$run.exe")" "$root/$file" || lab_fail "tftp$run: the download is not whole"
	th_peer s knock "$S" "$C" "$port" "$later" "$(tr_rand 100 400)"
	tr_capture_end
	tr_read "tftp$run"
	th_expect "tftp$run" none suspect-host 0 "([.host.inbound[] | select(.source == \"$S\" and
	    .port == $port and .protocol == \"tcp\" and .answer == \"closed\" and
	    .attempts == $((knocks + later)))] | length == 1) and
	    ([.host.downloads[] | select(.via == \"tftp\" and .server == \"$S\" and
	    .file == \"$file\" and .size == $size and .whole and .sha256 == \"$sha\" and
	    .executable == \"ELF\")] | length == 1)"
	tr_has "tftp$run" '[.findings[] | select(.kind == "program-download") | .severity == "warning"] | any' \
	    "the download is a warning (TFTP)"
	tr_has "tftp$run" '[.findings[] | select(.severity == "fault")] | length == 0' "no fault"
	tr_has "tftp$run" "[.findings[] | select(.kind == \"program-download\") |
	    .summary | contains(\"the source of $((knocks + later)) unsolicited attempts\")] | any" \
	    "the download names its server as the rogue source"
	lab_stop_pid "$tftpd"
done
tr_summary host-tftp
lab_done
