/*
 * IPv6 frames as the readers read them.  The decoder keeps an IPv6
 * frame's outcome apart (decode.h: status DEC_OTHER "IPv6", its own in
 * ip6_status); readers_record() hands every command's readers the copy
 * dec_view6() makes instead, in which the status is the frame's own and
 * ICMPv6 (RFC 4443) wears the ICMPv4 type and code that mean the same
 * (RFC 4443 3.1 against RFC 792 and RFC 1812 5.2.7.1), so that every rule
 * written for IPv4 (the correlator's, ptrace-slow's, synprobe's,
 * postprobe's, pcap-triage's) reads both families; dec_icmp_name_pkt()
 * gives the name the frame's own family uses, so that no finding calls an
 * ICMPv6 error by an ICMPv4 name.
 *
 *   ICMPv6                          read as ICMPv4
 *   1/0 no route                    3/0  net unreachable
 *   1/1 administratively prohibited 3/13 communication administratively prohibited
 *   1/2 beyond scope of source      3/11 net unreachable (for TOS)
 *   1/3 address unreachable         3/1  host unreachable
 *   1/4 port unreachable            3/3  port unreachable
 *   1/5 source address policy       3/9  network administratively prohibited
 *   1/6 reject route                3/10 host administratively prohibited
 *   1/7 error in source routing     3/5  source route failed
 *   2   packet too big, MTU         3/4  fragmentation needed, its MTU
 *   3/0 hop limit exceeded          11/0 time exceeded in transit
 *   3/1 reassembly time exceeded    11/1
 *   4/c parameter problem           12/c
 *   128 / 129 echo request / reply  8 / 0
 *
 * Neighbour discovery and the other informational types keep protocol
 * 58, which the ICMP readers pass by; NDP is the context's and the link
 * reader's (p->is_ndp).  IPv6 has no header checksum and no
 * identification: the view's ip_bytes is empty (no checksum is checked)
 * and ip.id 0, which every reader already takes as unknown.
 */
#ifndef FL_VIEW6_H
#define FL_VIEW6_H

#include <stdbool.h>

#include "analyze/packet/decode.h"

/* The reading of an IPv6 frame into *v; false (v untouched) for any other frame. */
bool	dec_view6(const struct dec_pkt *p, struct dec_pkt *v);

/* The ICMP message's name in the frame's family ("port unreachable", "address unreachable"). */
const char *dec_icmp_name_pkt(const struct dec_pkt *p, uint8_t type, uint8_t code);

/* "ICMP" or "ICMPv6", for the frame's family. */
const char *dec_icmp_proto(const struct dec_pkt *p);

#endif
