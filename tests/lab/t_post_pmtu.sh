#!/bin/bash
# The r2-r3 link has MTU 1000 at both ends and r2 drops the ICMP
# fragmentation-needed it generates: full-size (1500-byte) DF packets from
# the client vanish at r2's egress toward r3, small ones pass, nothing
# comes back.  A 100-byte POST: none/ok 200.  A 20000-byte POST hangs
# until --max-time: path/pmtu-blackhole.
#
# Expected place: hop 2, 198.18.1.2.  The black hole is r2: a large probe
# that expires at r2 is still answered (the TTL check comes before the
# MTU check), one meant for r3 or beyond is swallowed by r2 and no
# router after it ever sees it, while small probes are answered by r3
# (198.18.2.2) and the server.  So the last hop that large packets reach,
# and the one that should have said "fragmentation needed", is r2; hop 3
# is where they stop arriving.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
lab_mtu_blackhole r2 right 1000
po_run small --max-time 10 --data-binary "@$PO_SMALL" "http://$S/upload"
po_verdict small none ok 200
po_capture_ok small
po_run large --max-time 10 --data-binary "@$PO_BIG" "http://$S/upload"
po_verdict large path pmtu-blackhole null 2 198.18.1.2
assert_between "${PO_SECS[large]}" 5 60 "large: postprobe waited for the request (s)"
po_capture_ok large
lab_done
