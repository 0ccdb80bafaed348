#!/bin/bash
# The transparent proxy on r3 (answers port 80 itself, 403 to POST), and
# the server drops echo requests, so no echo reply gives its distance.
#  - proxy: the ttl-3 echo still expires at r3 while a ttl-3 SYN draws a
#    SYN-ACK in the server's name: answered-by-middlebox at hop 3
#    (198.18.2.2), certain, said in those words (not "before the server
#    (hop 3)").
#  - proxy_silent: r3 is silent too (drops its own ICMP errors), so no
#    TTL-limited probe places it.  The control port (443, which the proxy
#    does not take) draws the server's own reset, from 4 hops, while the
#    connection's SYN-ACK came from 3: answered-by-middlebox at hop 3,
#    likely, by TTLs.
. "$(dirname "$0")/post_common.sh"
po_setup
lab_nginx s 80
lab_transparent_proxy r3 80 deny-post
lab_exec s iptables -A INPUT -p icmp --icmp-type echo-request -j DROP
lab_log "fault: s drops echo requests"
po_run proxy -d q=1 "http://$S/form"
po_verdict proxy path answered-by-middlebox 403 3 198.18.2.2
po_confidence proxy certain
assert_json_true "$(lab_file proxy.json)" '.verdict.confidence_reason | test("expired at 198.18.2.2")' \
    "proxy: the reason is the ttl-3 echo expiring at r3"
lab_silent r3
po_run proxy_silent -d q=1 "http://$S/form"
po_verdict proxy_silent path answered-by-middlebox 403 3
po_confidence proxy_silent likely
assert_json_true "$(lab_file proxy_silent.json)" \
    '.verdict.confidence_reason | test("answers on another port \\(ttl 61\\)")' \
    "proxy_silent: the server's distance comes from port 443's answer"
lab_done
