#!/bin/bash
# Debian's vsftpd on port 21 of the server: nothing is wrong.  none/open at
# hop 4 (198.18.3.2), and the FTP banner (220) was read, since FTP is a
# protocol where the server speaks first.
. "$(dirname "$0")/syn_common.sh"
sy_setup
lab_ftp s 21
sy_run open "$S:21"
sy_verdict open none open 4 198.18.3.2
f=$(lab_file open.json)
assert_json "$f" .probes.syn.answer syn-ack "open: the SYN was answered with a SYN-ACK"
assert_json "$f" .probes.connect.result connected "open: the kernel's connect() worked"
assert_json "$f" .probes.banner.expected true "open: port 21 is a server-speaks-first port"
assert_json "$f" .probes.banner.received true "open: the banner arrived"
assert_json_true "$f" '.probes.banner.line | startswith("220")' \
    "open: the banner is an FTP 220 greeting"
sy_capture_ok open
lab_done
