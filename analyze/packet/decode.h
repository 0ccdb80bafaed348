/*
 * Packet decoding: captured bytes in, a filled struct out.
 *
 * dec_packet() walks the link layer, the IPv4 header (with options:
 * a Record Route is read out), and the transport header; for ICMP errors it also decodes the quoted
 * IP and transport headers and any RFC 4884 extension objects.  It
 * never prints and never reads outside the captured bytes.  A packet
 * cut short by the snap length is TRUNCATED; one whose captured bytes
 * contradict themselves is INVALID; the two are counted separately.
 *
 * IPv6 frames are decoded as far (extension headers, ICMPv6, NDP, the
 * quotes in ICMPv6 errors) but keep the status DEC_OTHER, why "IPv6",
 * that every IPv4 reader passes by: their own outcome is ip6_status (see
 * struct dec_pkt).
 */
#ifndef FL_DECODE_H
#define FL_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "analyze/packet/addr.h"
#include "analyze/packet/cursor.h"

enum dec_status {
	DEC_OK = 0,
	DEC_TRUNCATED,		/* not all of it was captured */
	DEC_INVALID,		/* captured, but malformed */
	DEC_OTHER		/* well formed, not IPv4 (ARP, IPv6, ...) */
};

/* Upper-layer and extension header numbers (IANA protocol numbers). */
#define IPPROTO6_HOPOPTS	0	/* RFC 8200 4.3 */
#define IPPROTO6_ROUTING	43	/* RFC 8200 4.4 */
#define IPPROTO6_FRAGMENT	44	/* RFC 8200 4.5 */
#define IPPROTO6_ESP		50	/* RFC 4303 */
#define IPPROTO6_AH		51	/* RFC 4302 */
#define IPPROTO6_ICMPV6		58	/* RFC 4443 */
#define IPPROTO6_NONE		59	/* RFC 8200 4.7 */
#define IPPROTO6_DSTOPTS	60	/* RFC 8200 4.6 */

/* Which optional transport fields were present (quotes may be short). */
#define L4_PORTS	0x01	/* UDP/TCP ports */
#define L4_UDP		0x02	/* UDP length and checksum */
#define L4_TCPSEQ	0x04	/* TCP sequence number */
#define L4_TCPHDR	0x08	/* full TCP header: ack, flags, window */
#define L4_ICMP		0x10	/* ICMP type, code, checksum */
#define L4_ICMPID	0x20	/* ICMP echo identifier and sequence */

#define TCP_FIN	0x01
#define TCP_SYN	0x02
#define TCP_RST	0x04
#define TCP_PSH	0x08
#define TCP_ACK	0x10
#define TCP_URG	0x20

#define TCP_NO_WSCALE	0xff

struct dec_ip {
	struct fl_addr	src, dst;
	uint8_t		hlen;		/* header length in bytes */
	uint8_t		tos;
	uint8_t		ttl;
	uint8_t		proto;
	uint16_t	id;
	uint16_t	tot_len;
	uint16_t	frag;		/* offset in 8-byte units */
	bool		df, mf;
	uint16_t	cksum;
};

struct dec_l4 {
	uint8_t		have;		/* L4_* */
	uint16_t	sport, dport;
	uint16_t	udp_len, udp_sum;
	uint32_t	seq, ack;
	uint8_t		tcp_flags;
	uint16_t	tcp_win;
	uint16_t	tcp_mss;	/* 0 when absent */
	uint8_t		tcp_wscale;	/* window scale shift (RFC 7323 2.2), TCP_NO_WSCALE when absent */
	bool		tcp_sack_ok;	/* SACK permitted (RFC 2018) */
	uint8_t		icmp_type, icmp_code;
	uint16_t	icmp_sum;
	uint16_t	echo_id, echo_seq;
};

#define DEC_MAX_MPLS	8

struct dec_mpls {
	uint32_t	label;
	uint8_t		tc;
	uint8_t		s;
	uint8_t		ttl;
};

/*
 * The outer IPv4 header's options (RFC 791 section 3.1), read when the
 * IHL is above 5.  A Record Route (type 7: length, pointer, then 4-byte
 * slots the routers fill in turn, the pointer naming the first free
 * one) is kept only when its length and pointer agree with each other
 * and with the header; one that does not is rr_bad and its addresses
 * are not given out, so a hostile option cannot pass for a route.
 * Options never change the packet's status: the rest of it is sound.
 */
#define DEC_MAX_RR	9	/* slots that fit in 40 bytes of options */

struct dec_ipopt {
	bool		has;		/* the header carried options (IHL > 5) */
	bool		bad;		/* an option's length runs past the header */
	bool		has_rr;		/* a sound Record Route */
	bool		rr_bad;		/* a Record Route whose length or pointer lies, or two */
	uint8_t		rr_len;		/* its length field */
	uint8_t		rr_ptr;		/* its pointer field (1-based, as on the wire) */
	uint8_t		rr_slots;	/* slots its length holds */
	uint8_t		rr_n;		/* addresses recorded */
	bool		rr_full;	/* no slot left: later routers recorded nothing */
	struct fl_addr	rr[DEC_MAX_RR];
};

/*
 * What an IPv6 header (RFC 8200) and its extension-header chain said.
 * The chain is walked within the payload length and the captured bytes,
 * each header by its own length rule: hop-by-hop, destination options,
 * routing and the other RFC 8200 kinds (RFC 7045's list) in 8-octet
 * units not counting the first 8, the fragment header 8 bytes, AH
 * (RFC 4302 2.2) in 4-octet units minus 2.  ESP (RFC 4303) ends the walk:
 * what follows is encrypted.  Every header is at least 8 bytes long, so
 * no chain, however hostile, walks longer than its bytes.
 */
#define DEC_MAX_EXT6	8	/* extension header kinds kept, in order */

struct dec_ip6 {
	uint8_t		tclass;		/* traffic class (also in ip.tos) */
	uint32_t	flow;		/* flow label, 20 bits */
	uint16_t	plen;		/* payload length field */
	uint8_t		nxt;		/* the fixed header's next header */
	uint32_t	l4_off;		/* upper-layer header's offset from the IPv6 header */
	uint16_t	n_ext;		/* extension headers walked */
	uint8_t		ext[DEC_MAX_EXT6];	/* their kinds (IPPROTO6_*), the first ones */
	bool		opt_bad;	/* a hop-by-hop or destination option ran past its header */
	bool		router_alert;	/* hop-by-hop Router Alert (RFC 2711) */
	bool		has_rh;		/* a routing header */
	uint8_t		rh_type, rh_segleft;
	bool		has_frag;	/* a fragment header: offset and M in ip.frag, ip.mf */
	uint32_t	frag_id;
	bool		has_ah;
	uint32_t	ah_spi;
	bool		esp;		/* the walk stopped at ESP */
	uint32_t	esp_spi;
};

/*
 * Neighbour Discovery (RFC 4861 section 4): router solicitation (133)
 * and advertisement (134), neighbour solicitation (135) and
 * advertisement (136), with the options that matter for finding a
 * neighbour or a router: the link-layer addresses (Ethernet's 6 bytes),
 * the MTU and the prefixes.
 */
#define NDP_NA_ROUTER		0x80	/* R, RFC 4861 4.4 */
#define NDP_NA_SOLICITED	0x40	/* S */
#define NDP_NA_OVERRIDE		0x20	/* O */
#define NDP_RA_MANAGED		0x80	/* M, RFC 4861 4.2 */
#define NDP_RA_OTHER		0x40	/* O */
#define DEC_MAX_PREFIX6		4

struct dec_ndp_prefix {
	struct fl_addr	prefix;
	uint8_t		len;		/* prefix length in bits */
	uint8_t		flags;		/* L 0x80, A 0x40 */
	uint32_t	valid, preferred;	/* lifetimes, seconds */
};

struct dec_ndp {
	uint8_t		type;		/* 133-136 */
	struct fl_addr	target;		/* NS, NA */
	uint8_t		flags;		/* NA: NDP_NA_*; RA: NDP_RA_* and the rest of that byte */
	uint8_t		cur_hlim;	/* RA */
	uint16_t	router_life;	/* RA, seconds */
	uint32_t	reachable, retrans;	/* RA, milliseconds */
	bool		hlim_bad;	/* hop limit not 255: not from the link (RFC 4861 7.1.1) */
	bool		has_sll, has_tll;
	uint8_t		sll[6], tll[6];	/* source and target link-layer addresses */
	bool		has_mtu;
	uint32_t	mtu;
	uint8_t		n_prefix;	/* prefixes seen (those past DEC_MAX_PREFIX6 not kept) */
	struct dec_ndp_prefix prefix[DEC_MAX_PREFIX6];
};

/* An ICMP error's body: the quoted datagram and the extensions. */
struct dec_icmp_err {
	struct dec_ip	q_ip;
	struct dec_l4	q_l4;
	uint16_t	q_len;		/* bytes of the original datagram quoted */
	uint16_t	mtu;		/* next-hop MTU (type 3 code 4), else 0 */
	uint32_t	mtu6;		/* ICMPv6 packet too big's MTU (RFC 4443 3.2), else 0 */
	uint32_t	pointer;	/* ICMPv6 parameter problem's pointer (RFC 4443 3.4) */
	/* The length field: 32-bit words in ICMPv4, 64-bit in ICMPv6; 0 if none. */
	uint8_t		rfc4884_len;
	bool		has_ext;	/* RFC 4884 extension structure found */
	bool		ext_bad;	/* extension present but failed checks */
	enum dec_status	q_status;	/* of the quote: OK, TRUNCATED or INVALID */
	const char	*q_why;
	uint8_t		n_mpls;
	struct dec_mpls	mpls[DEC_MAX_MPLS];
	bool		q_is_ipv6;	/* the quote is an IPv6 packet: its chain in q_ip6 */
	struct dec_ip6	q_ip6;
};

struct dec_pkt {
	enum dec_status	status;
	const char	*why;		/* static reason when not DEC_OK */
	int		linktype;
	uint8_t		sll_dir;	/* Linux cooked: 0 in, 4 out; else 0xff */
	/*
	 * Link-layer addresses: Ethernet has both; Linux cooked captures
	 * carry only the sender's (the capturing host's own for outgoing
	 * frames), when it is 6 bytes long.
	 */
	bool		has_mac_src, has_mac_dst;
	uint8_t		mac_src[6], mac_dst[6];
	struct dec_ip	ip;
	struct dec_ipopt opt;		/* the outer header's options */
	struct dec_l4	l4;
	struct cur	payload;	/* captured transport payload */
	uint32_t	payload_len;	/* payload length on the wire */
	bool		is_icmp_err;	/* types 3, 4, 5, 11, 12 with a quote */
	bool		is_arp;		/* an IPv4-over-Ethernet ARP (status DEC_OTHER) */
	uint16_t	arp_op;		/* 1 request, 2 reply */
	struct fl_addr	arp_spa, arp_tpa;	/* sender and target protocol addresses */
	uint8_t		arp_sha[6], arp_tha[6];	/* sender and target hardware addresses */
	/* The IPv4 datagram as captured, header on, at most its total length (checksums). */
	struct cur	ip_bytes;
	bool		quote_ok;	/* quoted IP and 8 transport bytes present */
	struct dec_icmp_err err;
	/*
	 * An IPv6 frame (status DEC_OTHER, why "IPv6", as for every reader
	 * that knows IPv4 only): ip6_status and ip6_why are its decoding's
	 * own outcome, as status and why are an IPv4 packet's.  The shared
	 * fields are filled as for IPv4: ip.src and ip.dst (family 6), ip.ttl
	 * the hop limit, ip.tos the traffic class, ip.proto the upper layer
	 * at the chain's end, ip.hlen 40, ip.tot_len 0 (the payload length
	 * is ip6.plen), ip.frag and ip.mf from a fragment header; then l4,
	 * payload, is_icmp_err, err and quote_ok (ICMPv6 errors: types 1-4),
	 * and ndp when is_ndp.
	 */
	bool		is_ipv6;
	enum dec_status	ip6_status;
	const char	*ip6_why;
	struct dec_ip6	ip6;
	bool		is_ndp;
	struct dec_ndp	ndp;
	/*
	 * Not the decoder's: the capture record's timestamp was out of range
	 * (a nanosecond field of 1e9 or more) and was clamped when it was
	 * read, so it says nothing of when the frame was seen.
	 */
	bool		ts_clamped;
};

/* Link types handled (values are the DLT_ numbers libpcap reports). */
bool	dec_linktype_supported(int linktype);

/*
 * Decode one captured frame.  caplen bytes were captured of a frame
 * that was wirelen bytes long.  Returns p->status.
 */
enum dec_status dec_packet(const uint8_t *data, uint32_t caplen,
	    uint32_t wirelen, int linktype, struct dec_pkt *p);

/*
 * Decode from the IPv4 header on: a frame's network layer, once
 * dec_packet() has taken off the link header (or found none).  A quote
 * inside an ICMP error is read by dec_icmp_error() instead.
 */
enum dec_status dec_ipv4(const struct cur *c, bool snapped, struct dec_pkt *p);

/* The IPv4 header alone: 0, -1 cut short, -2 malformed; *why set. */
int	dec_ip_hdr(const struct cur *c, struct dec_ip *ip, const char **why);

/*
 * Decode from the IPv6 header on (RFC 8200), into p's status and why as
 * dec_ipv4() does; dec_packet() then moves them to ip6_status and ip6_why.
 */
enum dec_status dec_ipv6(const struct cur *c, bool snapped, struct dec_pkt *p);

/*
 * The IPv6 header and its extension chain alone, walked within what c
 * holds and within the payload length: 0, -1 cut short (the chain goes
 * on past c), -2 malformed (past the payload length, or otherwise);
 * *why set.  Shared by whole packets and by the quotes inside ICMPv6
 * errors.  On 0 ip->proto is the upper layer and ip6->l4_off its
 * offset; a later fragment (ip->frag != 0) or ESP ends the walk there.
 */
int	dec_ip6_hdr(const struct cur *c, struct dec_ip *ip, struct dec_ip6 *ip6,
	    const char **why);

/* TCP (RFC 9293) and UDP (RFC 768) headers, shared by IPv4 and IPv6. */
enum dec_status dec_tcp(const struct cur *c, bool snapped, uint32_t wire_len,
	    struct dec_pkt *p);
enum dec_status dec_udp(const struct cur *c, bool snapped, uint32_t wire_len,
	    struct dec_pkt *p);

/* The ICMP error body, starting at the ICMP header. */
void	dec_icmp_error(const struct cur *icmp, bool snapped, struct dec_pkt *p);

/*
 * The ICMPv6 error body (types 1-4), starting at the ICMPv6 header;
 * sender_cut: the error was as long as RFC 4443 2.4 (c) lets it be, so
 * its quote may have been cut by the sender.
 */
void	dec_icmp6_error(const struct cur *icmp, bool snapped, bool sender_cut,
	    struct dec_pkt *p);

/* The first transport bytes of a datagram quoted in an ICMP error (RFC 792: 8 at least). */
void	dec_l4_quote(const struct cur *c, uint8_t proto, struct dec_l4 *l4);

/* Human names for one-line summaries. */
const char *dec_icmp_name(uint8_t type, uint8_t code);
const char *dec_icmp6_name(uint8_t type, uint8_t code);
/*
 * ICMPv6's type and code as the ICMPv4 message that means the same
 * (RFC 4443 3.1 against RFC 792 and RFC 1812 5.2.7.1; the table is in
 * pcap_triage/view6.h), false for a type with none (NDP, MLD); and the
 * name of such an ICMPv4 type and code in the family's own words
 * (family 6: "address unreachable", not "host unreachable").
 */
bool	dec_icmp6_as4(uint8_t t6, uint8_t c6, uint8_t *t4, uint8_t *c4);
const char *dec_icmp_name_af(uint8_t family, uint8_t type, uint8_t code);
const char *dec_tcp_flags(uint8_t flags, char *buf, unsigned int len);

#endif
