/*
 * Link layer, IPv4 and transport decoding.  ICMP error bodies are in
 * decode_icmp.c.
 */
#include <pcap/dlt.h>
#include <stdio.h>
#include <string.h>

#include "analyze/packet/decode.h"

#define ETHERTYPE_IPV4	0x0800
#define ETHERTYPE_IPV6	0x86dd
#define ETHERTYPE_ARP	0x0806
#define ETHERTYPE_VLAN	0x8100
#define ETHERTYPE_QINQ	0x88a8
#define ETHERTYPE_PPPOE	0x8864		/* PPPoE session stage, RFC 2516 */
#define ETHERTYPE_MPLS	0x8847
#define ETHERTYPE_MPLSM	0x8848		/* MPLS multicast */

#ifndef DLT_PPP_SERIAL
#define DLT_PPP_SERIAL	50
#endif
#ifndef DLT_PPP_ETHER
#define DLT_PPP_ETHER	51
#endif
#ifndef DLT_C_HDLC
#define DLT_C_HDLC	104
#endif
#ifndef DLT_PPP_WITH_DIR
#define DLT_PPP_WITH_DIR 204
#endif

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2	276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4	228
#endif

uint16_t
cur_cksum(const struct cur *c, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < c->len; i += 2)
		sum += (uint32_t)(c->p[i] << 8 | c->p[i + 1]);
	if (c->len & 1)
		sum += (uint32_t)c->p[c->len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

bool
dec_linktype_supported(int lt)
{
	switch (lt) {
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_NULL:
	case DLT_LOOP:
	case DLT_PPP:
	case DLT_PPP_SERIAL:
	case DLT_PPP_ETHER:
	case DLT_PPP_WITH_DIR:
	case DLT_C_HDLC:
		return true;
	default:
		return false;
	}
}

static enum dec_status
set_status(struct dec_pkt *p, enum dec_status st, const char *why)
{
	p->status = st;
	p->why = why;
	return st;
}

/*
 * A read failed: if bytes were cut by the snap length the packet is
 * truncated, otherwise what was captured is all there was and the
 * headers lie about it.
 */
static enum dec_status
short_read(struct dec_pkt *p, bool snapped, const char *what)
{
	return set_status(p, snapped ? DEC_TRUNCATED : DEC_INVALID, what);
}

/* TCP header, RFC 9293 section 3.1. */
enum dec_status
dec_tcp(const struct cur *c, bool snapped, uint32_t wire_len, struct dec_pkt *p)
{
	uint8_t off, kind, olen;
	size_t hlen, i;

	if (!cur_be16(c, 0, &p->l4.sport) || !cur_be16(c, 2, &p->l4.dport))
		return short_read(p, snapped, "TCP header cut short");
	p->l4.have |= L4_PORTS;
	if (!cur_be32(c, 4, &p->l4.seq))
		return short_read(p, snapped, "TCP header cut short");
	p->l4.have |= L4_TCPSEQ;
	if (!cur_be32(c, 8, &p->l4.ack) || !cur_u8(c, 12, &off) ||
	    !cur_u8(c, 13, &p->l4.tcp_flags) || !cur_be16(c, 14, &p->l4.tcp_win))
		return short_read(p, snapped, "TCP header cut short");
	hlen = (size_t)(off >> 4) * 4;
	if (hlen < 20)
		return set_status(p, DEC_INVALID, "TCP data offset below 5");
	if (wire_len < hlen)
		return set_status(p, DEC_INVALID, "TCP header longer than segment");
	if (!cur_has(c, 0, hlen))
		return short_read(p, snapped, "TCP options cut short");
	p->l4.have |= L4_TCPHDR;
	/*
	 * Options (RFC 9293 3.2): the MSS, the window scale (RFC 7323
	 * 2.2) and SACK permitted (RFC 2018) are kept.
	 */
	for (i = 20; i < hlen;) {
		if (!cur_u8(c, i, &kind))
			break;
		if (kind == 0)
			break;
		if (kind == 1) {
			i++;
			continue;
		}
		if (!cur_u8(c, i + 1, &olen) || olen < 2 || i + olen > hlen)
			break;
		if (kind == 2 && olen == 4)
			(void)cur_be16(c, i + 2, &p->l4.tcp_mss);
		else if (kind == 3 && olen == 3)
			(void)cur_u8(c, i + 2, &p->l4.tcp_wscale);
		else if (kind == 4 && olen == 2)
			p->l4.tcp_sack_ok = true;
		i += olen;
	}
	p->payload_len = wire_len - (uint32_t)hlen;
	p->payload = cur_clip(c, hlen, p->payload_len);
	return set_status(p, DEC_OK, NULL);
}

/* UDP header, RFC 768. */
enum dec_status
dec_udp(const struct cur *c, bool snapped, uint32_t wire_len, struct dec_pkt *p)
{
	if (!cur_be16(c, 0, &p->l4.sport) || !cur_be16(c, 2, &p->l4.dport))
		return short_read(p, snapped, "UDP header cut short");
	p->l4.have |= L4_PORTS;
	if (!cur_be16(c, 4, &p->l4.udp_len) || !cur_be16(c, 6, &p->l4.udp_sum))
		return short_read(p, snapped, "UDP header cut short");
	p->l4.have |= L4_UDP;
	/*
	 * A first fragment (MF set, offset 0) carries only part of the
	 * datagram its UDP length describes (RFC 791, RFC 768).
	 */
	if (p->l4.udp_len < 8 || (p->l4.udp_len > wire_len && !p->ip.mf))
		return set_status(p, DEC_INVALID, "UDP length field out of range");
	p->payload_len = (p->l4.udp_len > wire_len ? wire_len : p->l4.udp_len) - 8u;
	p->payload = cur_clip(c, 8, p->payload_len);
	return set_status(p, DEC_OK, NULL);
}

/* ICMP header, RFC 792. */
static enum dec_status
dec_icmp(const struct cur *c, bool snapped, uint32_t wire_len, struct dec_pkt *p)
{
	uint8_t t;

	if (!cur_u8(c, 0, &p->l4.icmp_type) || !cur_u8(c, 1, &p->l4.icmp_code) ||
	    !cur_be16(c, 2, &p->l4.icmp_sum))
		return short_read(p, snapped, "ICMP header cut short");
	p->l4.have |= L4_ICMP;
	if (wire_len < 8)
		return set_status(p, DEC_INVALID, "ICMP message shorter than 8 bytes");
	t = p->l4.icmp_type;
	if (t == 0 || t == 8 || t == 13 || t == 14) {
		if (!cur_be16(c, 4, &p->l4.echo_id) || !cur_be16(c, 6, &p->l4.echo_seq))
			return short_read(p, snapped, "ICMP echo header cut short");
		p->l4.have |= L4_ICMPID;
	}
	p->payload_len = wire_len - 8;
	p->payload = cur_clip(c, 8, p->payload_len);
	if (t == 3 || t == 4 || t == 5 || t == 11 || t == 12) {
		struct cur body = cur_clip(c, 0, wire_len);

		/*
		 * A quote we cannot read makes the error useless for
		 * matching, but the ICMP message itself was fine: the
		 * quote's own status is kept apart from the packet's.
		 */
		p->is_icmp_err = true;
		dec_icmp_error(&body, snapped, p);
	}
	return set_status(p, DEC_OK, NULL);
}

/*
 * The IPv4 header alone, RFC 791, options honoured through the IHL
 * field.  Shared by whole packets and by the quotes inside ICMP errors,
 * whose total length describes the original datagram, not the quote.
 * Returns 0, or -1 when the header was not all captured, -2 when it is
 * malformed.
 */
int
dec_ip_hdr(const struct cur *c, struct dec_ip *ip, const char **why)
{
	uint8_t vihl, hl;
	uint16_t frag = 0;
	uint32_t v = 0;

	if (!cur_u8(c, 0, &vihl)) {
		*why = "IPv4 header cut short";
		return -1;
	}
	if ((vihl >> 4) != 4) {
		*why = (vihl >> 4) == 6 ? "IPv6" : "IP version is neither 4 nor 6";
		return -2;
	}
	hl = (uint8_t)((vihl & 0x0f) * 4);
	if (hl < 20) {
		*why = "IPv4 header length below 20";
		return -2;
	}
	if (!cur_has(c, 0, hl)) {
		*why = "IPv4 header cut short";
		return -1;
	}
	ip->hlen = hl;
	(void)cur_u8(c, 1, &ip->tos);
	(void)cur_be16(c, 2, &ip->tot_len);
	(void)cur_be16(c, 4, &ip->id);
	(void)cur_be16(c, 6, &frag);
	(void)cur_u8(c, 8, &ip->ttl);
	(void)cur_u8(c, 9, &ip->proto);
	(void)cur_be16(c, 10, &ip->cksum);
	(void)cur_be32(c, 12, &v);
	fl_addr_v4(&ip->src, v);
	(void)cur_be32(c, 16, &v);
	fl_addr_v4(&ip->dst, v);
	ip->df = (frag & 0x4000) != 0;
	ip->mf = (frag & 0x2000) != 0;
	ip->frag = frag & 0x1fff;
	if (ip->tot_len < hl) {
		*why = "IPv4 total length below header length";
		return -2;
	}
	return 0;
}

/*
 * A Record Route's body (RFC 791 section 3.1, "Record Route"): the
 * option's bytes from its type on, len of them.  The pointer counts
 * from the type byte, starts at 4 and moves 4 a slot; it must land on
 * a slot boundary no further than one past the last slot (the option
 * full).  Anything else is a lie about where the addresses end.
 */
static void
dec_rr(const struct cur *o, struct dec_ipopt *opt)
{
	uint8_t len = 0, ptr = 0;
	uint32_t v;
	unsigned int i, slots;

	if (opt->has_rr || opt->rr_bad) {
		/* RFC 1812 5.2.4.1 lets no option appear twice. */
		opt->has_rr = false;
		opt->rr_bad = true;
		return;
	}
	if (!cur_u8(o, 1, &len) || !cur_u8(o, 2, &ptr) || len < 3) {
		opt->rr_bad = true;
		return;
	}
	opt->rr_len = len;
	opt->rr_ptr = ptr;
	slots = (len - 3u) / 4;
	if (ptr < 4 || (ptr - 4u) % 4 != 0 || (ptr - 4u) / 4 > slots || slots > DEC_MAX_RR) {
		opt->rr_bad = true;
		return;
	}
	opt->rr_slots = (uint8_t)slots;
	opt->rr_n = (uint8_t)((ptr - 4u) / 4);
	opt->rr_full = opt->rr_n == slots;
	for (i = 0; i < opt->rr_n; i++) {
		if (!cur_be32(o, 3 + 4 * i, &v)) {
			opt->rr_bad = true;
			opt->rr_n = 0;
			return;
		}
		fl_addr_v4(&opt->rr[i], v);
	}
	opt->has_rr = true;
}

/*
 * The options of a header of hlen bytes (RFC 791 section 3.1): end of
 * list (0) and no-operation (1) are one byte; every other option is
 * type, length (counting both), data.  A length below 2 or past the
 * header ends the walk, the options marked bad.
 */
static void
dec_ip_options(const struct cur *c, uint8_t hlen, struct dec_ipopt *opt)
{
	struct cur area, o;
	uint8_t type, len;
	size_t i;

	if (hlen <= 20 || !cur_sub(c, 20, (size_t)hlen - 20, &area))
		return;
	opt->has = true;
	for (i = 0; i < area.len;) {
		if (!cur_u8(&area, i, &type) || type == 0)
			break;
		if (type == 1) {
			i++;
			continue;
		}
		if (!cur_u8(&area, i + 1, &len) || len < 2 || !cur_sub(&area, i, len, &o)) {
			opt->bad = true;
			if (type == 7) {
				opt->has_rr = false;
				opt->rr_bad = true;
			}
			break;
		}
		if (type == 7)
			dec_rr(&o, opt);
		i += len;
	}
	if (opt->rr_bad) {
		opt->rr_n = 0;
		opt->rr_full = false;
	}
}

enum dec_status
dec_ipv4(const struct cur *c, bool snapped, struct dec_pkt *p)
{
	const char *why = NULL;
	struct cur l4;
	size_t avail;
	uint8_t vihl;
	int rc;

	if (cur_u8(c, 0, &vihl) && (vihl >> 4) == 6)
		return set_status(p, DEC_OTHER, "IPv6");
	rc = dec_ip_hdr(c, &p->ip, &why);
	if (rc == -1)
		return short_read(p, snapped, why);
	if (rc == -2)
		return set_status(p, DEC_INVALID, why);
	dec_ip_options(c, p->ip.hlen, &p->opt);
	/*
	 * Link layers pad short frames: trust the total length, but a
	 * datagram claiming more than the frame held is invalid unless the
	 * capture was cut.
	 */
	if (c->len < p->ip.tot_len && !snapped)
		return set_status(p, DEC_INVALID, "IPv4 total length beyond the frame");
	avail = c->len < p->ip.tot_len ? c->len : p->ip.tot_len;
	snapped = snapped && avail < p->ip.tot_len;
	p->ip_bytes = cur_clip(c, 0, avail);
	if (p->ip.frag != 0) {
		/* A later fragment: no transport header to read. */
		p->payload_len = (uint32_t)p->ip.tot_len - p->ip.hlen;
		p->payload = cur_clip(c, p->ip.hlen, avail - p->ip.hlen);
		return set_status(p, DEC_OK, NULL);
	}
	l4 = cur_clip(c, p->ip.hlen, avail - p->ip.hlen);
	switch (p->ip.proto) {
	case 1:
		return dec_icmp(&l4, snapped, (uint32_t)p->ip.tot_len - p->ip.hlen, p);
	case 6:
		return dec_tcp(&l4, snapped, (uint32_t)p->ip.tot_len - p->ip.hlen, p);
	case 17:
		return dec_udp(&l4, snapped, (uint32_t)p->ip.tot_len - p->ip.hlen, p);
	default:
		p->payload_len = (uint32_t)p->ip.tot_len - p->ip.hlen;
		p->payload = l4;
		return set_status(p, DEC_OK, NULL);
	}
}

/* Ethernet II with any number of 802.1Q / 802.1ad tags. */
static bool
ether_payload(const struct cur *c, uint16_t *etype, size_t *off)
{
	size_t o = 12;
	int tags = 0;

	for (;;) {
		if (!cur_be16(c, o, etype))
			return false;
		if ((*etype != ETHERTYPE_VLAN && *etype != ETHERTYPE_QINQ) || tags++ > 4)
			break;
		o += 4;
	}
	*off = o + 2;
	return true;
}

/* A PPP protocol number (RFC 1661) as the EtherType of what it carries, 0 for others. */
static uint16_t
ppp_etype(uint16_t proto)
{
	switch (proto) {
	case 0x0021:
		return ETHERTYPE_IPV4;
	case 0x0057:
		return ETHERTYPE_IPV6;
	case 0x0281:
	case 0x0283:
		return ETHERTYPE_MPLS;
	default:
		return 0;
	}
}

/*
 * PPP at off: the HDLC-like address and control (0xff 0x03) when
 * present (RFC 1662; address-and-control compression leaves them
 * out), then a one- or two-byte protocol (RFC 1661: an odd first byte
 * is a compressed one).  Cisco HDLC framing, which DLT_PPP_SERIAL also
 * carries, is an address of 0x0f or 0x8f, a zero control and an
 * EtherType.
 */
static bool
ppp_payload(const struct cur *c, size_t off, uint16_t *etype, size_t *next)
{
	uint8_t a, b;
	uint16_t proto;

	if (!cur_u8(c, off, &a) || !cur_u8(c, off + 1, &b))
		return false;
	if ((a == 0x0f || a == 0x8f) && b == 0x00) {
		if (!cur_be16(c, off + 2, etype))
			return false;
		*next = off + 4;
		return true;
	}
	if (a == 0xff && b == 0x03)
		off += 2;
	if (!cur_u8(c, off, &a))
		return false;
	if (a & 1) {
		proto = a;
		*next = off + 1;
	} else {
		if (!cur_be16(c, off, &proto))
			return false;
		*next = off + 2;
	}
	*etype = ppp_etype(proto);
	return true;
}

/*
 * What an EtherType's payload carries once PPPoE (a 6-byte session
 * header, then PPP's protocol) and MPLS (labels up to the one with the
 * bottom-of-stack bit; the payload's version nibble says IPv4 or IPv6)
 * are taken off.  Returns false when the frame ends inside them.
 */
static bool
inner_payload(const struct cur *c, uint16_t *etype, size_t *off)
{
	uint32_t label;
	uint8_t v;
	int n;

	if (*etype == ETHERTYPE_PPPOE) {
		uint16_t proto;

		if (!cur_be16(c, *off + 6, &proto))
			return false;
		*etype = ppp_etype(proto);
		*off += 8;
	}
	if (*etype != ETHERTYPE_MPLS && *etype != ETHERTYPE_MPLSM)
		return true;
	for (n = 0; n < 16; n++) {
		if (!cur_be32(c, *off, &label))
			return false;
		*off += 4;
		if (label & 0x100)
			break;
	}
	if (!cur_u8(c, *off, &v))
		return false;
	*etype = (v >> 4) == 4 ? ETHERTYPE_IPV4 : (v >> 4) == 6 ? ETHERTYPE_IPV6 : 0;
	return true;
}

/*
 * ARP, RFC 826, for IPv4 over Ethernet only (hardware type 1, 6-byte
 * hardware and 4-byte protocol addresses); anything else is left unread.
 */
static void
dec_arp(const struct cur *c, struct dec_pkt *p)
{
	uint16_t htype, ptype;
	uint8_t hlen, plen;
	uint32_t spa, tpa;

	if (!cur_be16(c, 0, &htype) || !cur_be16(c, 2, &ptype) || !cur_u8(c, 4, &hlen) ||
	    !cur_u8(c, 5, &plen) || htype != 1 || ptype != ETHERTYPE_IPV4 || hlen != 6 ||
	    plen != 4)
		return;
	if (!cur_be16(c, 6, &p->arp_op) || !cur_copy(c, 8, p->arp_sha, 6) ||
	    !cur_be32(c, 14, &spa) || !cur_copy(c, 18, p->arp_tha, 6) || !cur_be32(c, 24, &tpa))
		return;
	fl_addr_v4(&p->arp_spa, spa);
	fl_addr_v4(&p->arp_tpa, tpa);
	p->is_arp = true;
}

enum dec_status
dec_packet(const uint8_t *data, uint32_t caplen, uint32_t wirelen,
    int linktype, struct dec_pkt *p)
{
	struct cur c = cur_make(data, caplen), ip;
	bool snapped = caplen < wirelen;
	uint16_t etype = 0, alen = 0;
	uint32_t fam = 0;
	size_t off = 0;
	uint8_t b;

	memset(p, 0, sizeof(*p));
	p->linktype = linktype;
	p->sll_dir = 0xff;
	p->l4.tcp_wscale = TCP_NO_WSCALE;
	p->payload = cur_make(NULL, 0);
	p->ip_bytes = cur_make(NULL, 0);
	switch (linktype) {
	case DLT_EN10MB:
		if (!ether_payload(&c, &etype, &off))
			return short_read(p, snapped, "Ethernet header cut short");
		p->has_mac_dst = cur_copy(&c, 0, p->mac_dst, 6);
		p->has_mac_src = cur_copy(&c, 6, p->mac_src, 6);
		break;
	case DLT_LINUX_SLL:	/* 16-byte cooked header, protocol last */
		if (!cur_be16(&c, 14, &etype))
			return short_read(p, snapped, "Linux cooked header cut short");
		if (cur_u8(&c, 1, &b))
			p->sll_dir = b;
		p->has_mac_src = cur_be16(&c, 4, &alen) && alen == 6 && cur_copy(&c, 6, p->mac_src, 6);
		off = 16;
		break;
	case DLT_LINUX_SLL2:	/* 20-byte cooked header, protocol first */
		if (!cur_be16(&c, 0, &etype) || !cur_has(&c, 0, 20))
			return short_read(p, snapped, "Linux cooked v2 header cut short");
		if (cur_u8(&c, 10, &b))
			p->sll_dir = b;
		p->has_mac_src = cur_u8(&c, 11, &b) && b == 6 && cur_copy(&c, 12, p->mac_src, 6);
		off = 20;
		break;
	case DLT_RAW:
	case DLT_IPV4:
		if (!cur_u8(&c, 0, &b))
			return short_read(p, snapped, "empty raw IP frame");
		etype = (b >> 4) == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
		break;
	case DLT_NULL:		/* family in the capturing host's order */
	case DLT_LOOP:		/* family in network order */
		if (!(linktype == DLT_LOOP ? cur_be32(&c, 0, &fam) : cur_le32(&c, 0, &fam)))
			return short_read(p, snapped, "loopback header cut short");
		if (linktype == DLT_NULL && fam > 0xffff)
			(void)cur_be32(&c, 0, &fam);
		etype = fam == 2 ? ETHERTYPE_IPV4 : (fam == 24 || fam == 28 || fam == 30) ?
		    ETHERTYPE_IPV6 : 0;
		off = 4;
		break;
	case DLT_PPP:
	case DLT_PPP_SERIAL:
	case DLT_C_HDLC:
		if (!ppp_payload(&c, 0, &etype, &off))
			return short_read(p, snapped, "PPP header cut short");
		break;
	case DLT_PPP_WITH_DIR:	/* a direction byte, then PPP */
		if (!ppp_payload(&c, 1, &etype, &off))
			return short_read(p, snapped, "PPP header cut short");
		break;
	case DLT_PPP_ETHER:	/* a PPPoE session header without the Ethernet one */
		etype = ETHERTYPE_PPPOE;
		off = 0;
		break;
	default:
		return set_status(p, DEC_OTHER, "unsupported link type");
	}
	if (!inner_payload(&c, &etype, &off))
		return short_read(p, snapped, "PPPoE or MPLS header cut short");
	if (etype == ETHERTYPE_IPV6) {
		/*
		 * Decoded, but left DEC_OTHER for the readers that know IPv4
		 * only, as before there was an IPv6 decoder: its own outcome
		 * is ip6_status.
		 */
		p->is_ipv6 = true;
		if (cur_tail(&c, off, &ip))
			(void)dec_ipv6(&ip, snapped, p);
		else
			(void)short_read(p, snapped, "link header cut short");
		p->ip6_status = p->status;
		p->ip6_why = p->why;
		return set_status(p, DEC_OTHER, "IPv6");
	}
	if (etype == ETHERTYPE_ARP) {
		if (cur_tail(&c, off, &ip))
			dec_arp(&ip, p);
		return set_status(p, DEC_OTHER, "ARP");
	}
	if (etype != ETHERTYPE_IPV4)
		return set_status(p, DEC_OTHER, "not IP");
	if (!cur_tail(&c, off, &ip))
		return short_read(p, snapped, "link header cut short");
	return dec_ipv4(&ip, snapped, p);
}

const char *
dec_tcp_flags(uint8_t f, char *buf, unsigned int len)
{
	static const char *names[] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG" };
	size_t used = 0;
	int i;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < 6; i++) {
		if (!(f & (1 << i)))
			continue;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0,
		    "%s%s", used ? "," : "", names[i]);
		if (used >= len)
			break;
	}
	return buf;
}
