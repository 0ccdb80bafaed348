/*
 * ICMP and ICMPv6 error bodies: the quoted datagram that ties a reply to
 * the probe that caused it, and the RFC 4884 extension objects (MPLS
 * label stacks, RFC 4950) that routers append after it.
 */
#include <string.h>

#include "analyze/packet/decode.h"

/*
 * Whatever transport fields the quote holds.  RFC 792 promises the
 * first 8 bytes; RFC 1812 routers quote more, so TCP flags and the
 * acknowledgement number are read only when present.
 */
void
dec_l4_quote(const struct cur *c, uint8_t proto, struct dec_l4 *l4)
{
	uint8_t off;

	memset(l4, 0, sizeof(*l4));
	switch (proto) {
	case 6:
		if (cur_be16(c, 0, &l4->sport) && cur_be16(c, 2, &l4->dport))
			l4->have |= L4_PORTS;
		if (cur_be32(c, 4, &l4->seq))
			l4->have |= L4_TCPSEQ;
		if (cur_be32(c, 8, &l4->ack) && cur_u8(c, 12, &off) &&
		    cur_u8(c, 13, &l4->tcp_flags) && cur_be16(c, 14, &l4->tcp_win))
			l4->have |= L4_TCPHDR;
		break;
	case 17:
		if (cur_be16(c, 0, &l4->sport) && cur_be16(c, 2, &l4->dport))
			l4->have |= L4_PORTS;
		if (cur_be16(c, 4, &l4->udp_len) && cur_be16(c, 6, &l4->udp_sum))
			l4->have |= L4_UDP;
		break;
	case 1:
		if (cur_u8(c, 0, &l4->icmp_type) && cur_u8(c, 1, &l4->icmp_code) &&
		    cur_be16(c, 2, &l4->icmp_sum))
			l4->have |= L4_ICMP;
		if (cur_be16(c, 4, &l4->echo_id) && cur_be16(c, 6, &l4->echo_seq))
			l4->have |= L4_ICMPID;
		break;
	default:
		break;
	}
}

/*
 * RFC 4884 extension structure: a 4-byte header (version 2, checksum)
 * then objects, each with a 4-byte header (length, class, C-type).
 * RFC 4950 defines class 1, C-type 1: the incoming MPLS label stack.
 */
static void
dec_extensions(const struct cur *ext, struct dec_icmp_err *e)
{
	uint8_t ver = 0, cls = 0, ctype = 0;
	uint16_t sum, olen;
	uint32_t entry = 0;
	size_t off, i;
	struct cur obj;

	if (!cur_u8(ext, 0, &ver) || !cur_be16(ext, 2, &sum))
		return;
	if ((ver >> 4) != 2)
		return;
	e->has_ext = true;
	/* An all-zero checksum means none was sent (RFC 4884 section 7). */
	if (sum != 0 && cur_cksum(ext, 0) != 0xffff) {
		e->ext_bad = true;
		return;
	}
	/* Each object header: length (2), class (1), type (1); RFC 4884 section 7. */
	for (off = 4; cur_be16(ext, off, &olen) && cur_u8(ext, off + 2, &cls) &&
	    cur_u8(ext, off + 3, &ctype); off += olen) {
		if (olen < 4 || !cur_sub(ext, off, olen, &obj)) {
			e->ext_bad = true;
			return;
		}
		if (cls != 1 || ctype != 1)
			continue;
		for (i = 4; i + 4 <= olen && e->n_mpls < DEC_MAX_MPLS; i += 4) {
			struct dec_mpls *m = &e->mpls[e->n_mpls++];

			(void)cur_be32(&obj, i, &entry);
			m->label = entry >> 12;
			m->tc = (uint8_t)((entry >> 9) & 7);
			m->s = (uint8_t)((entry >> 8) & 1);
			m->ttl = (uint8_t)entry;
		}
	}
}

/*
 * Would an extension structure sit at this offset?  Used for routers
 * that append extensions after a 128-byte quote without setting the
 * RFC 4884 length field (the compatibility case of its section 5).
 */
static bool
looks_like_ext(const struct cur *icmp, size_t off)
{
	struct cur ext;
	uint8_t ver;
	uint16_t sum;

	if (!cur_tail(icmp, off, &ext) || ext.len < 8 || !cur_u8(&ext, 0, &ver) ||
	    (ver >> 4) != 2 || !cur_be16(&ext, 2, &sum))
		return false;
	return sum != 0 && cur_cksum(&ext, 0) == 0xffff;
}

void
dec_icmp_error(const struct cur *icmp, bool snapped, struct dec_pkt *p)
{
	struct dec_icmp_err *e = &p->err;
	struct cur quote, l4, ext;
	const char *why = NULL;
	uint8_t type = p->l4.icmp_type, len_words = 0;
	uint16_t mtu;
	size_t qlen, ext_off = 0, l4len;
	bool cut;
	int rc;

	memset(e, 0, sizeof(*e));
	if (type == 3 || type == 11 || type == 12)
		(void)cur_u8(icmp, 5, &len_words);
	if (type == 3 && p->l4.icmp_code == 4 && cur_be16(icmp, 6, &mtu))
		e->mtu = mtu;
	e->rfc4884_len = len_words;
	if (len_words != 0) {
		qlen = (size_t)len_words * 4;
		ext_off = 8 + qlen;
	} else {
		qlen = icmp->len >= 8 ? icmp->len - 8 : 0;
		if (qlen > 128 && looks_like_ext(icmp, 8 + 128)) {
			qlen = 128;
			ext_off = 8 + 128;
		}
	}
	quote = cur_clip(icmp, 8, qlen);
	e->q_len = (uint16_t)quote.len;
	/*
	 * A quote running to the end of the message was cut by the snap
	 * length if the capture was; one of declared length (RFC 4884) if
	 * it holds less than declared.  Any other short quote was sent
	 * that way: invalid, not truncated.
	 */
	cut = snapped && (ext_off == 0 || quote.len < qlen);
	if (ext_off != 0 && cur_tail(icmp, ext_off, &ext) && ext.len > 0)
		dec_extensions(&ext, e);

	rc = dec_ip_hdr(&quote, &e->q_ip, &why);
	if (rc != 0) {
		e->q_status = (rc == -1 && cut) ? DEC_TRUNCATED : DEC_INVALID;
		e->q_why = why;
		return;
	}
	/* Only the original datagram counts: RFC 4884 pads the quote. */
	l4len = quote.len - e->q_ip.hlen;
	if ((size_t)(e->q_ip.tot_len - e->q_ip.hlen) < l4len)
		l4len = (size_t)(e->q_ip.tot_len - e->q_ip.hlen);
	l4 = cur_clip(&quote, e->q_ip.hlen, l4len);
	if (e->q_ip.frag == 0)
		dec_l4_quote(&l4, e->q_ip.proto, &e->q_l4);
	if (e->q_ip.frag == 0 && l4.len < 8) {
		/* A quoted datagram too short for 8 bytes is invalid, cut or not. */
		e->q_status = (cut && e->q_ip.tot_len - e->q_ip.hlen >= 8) ?
		    DEC_TRUNCATED : DEC_INVALID;
		e->q_why = "quoted transport header shorter than 8 bytes";
		return;
	}
	e->q_status = DEC_OK;
	p->quote_ok = true;
}

/*
 * The first transport bytes quoted from an IPv6 packet: TCP and UDP as
 * for IPv4, ICMPv6 (RFC 4443 2.1) in ICMP's place.  Kept apart from
 * dec_l4_quote() so that an IPv4 quote naming protocol 58 reads as
 * before.
 */
static void
dec_l4_quote6(const struct cur *c, uint8_t proto, struct dec_l4 *l4)
{
	if (proto != IPPROTO6_ICMPV6) {
		dec_l4_quote(c, proto == 6 || proto == 17 ? proto : 0, l4);
		return;
	}
	memset(l4, 0, sizeof(*l4));
	if (cur_u8(c, 0, &l4->icmp_type) && cur_u8(c, 1, &l4->icmp_code) &&
	    cur_be16(c, 2, &l4->icmp_sum))
		l4->have |= L4_ICMP;
	if (cur_be16(c, 4, &l4->echo_id) && cur_be16(c, 6, &l4->echo_seq))
		l4->have |= L4_ICMPID;
}

/*
 * ICMPv6 errors, RFC 4443 section 3: destination unreachable (1),
 * packet too big (2, its MTU in the 4 bytes after the checksum), time
 * exceeded (3), parameter problem (4, a pointer there); then as much of
 * the invoking packet as fits in the minimum MTU.  RFC 4884 section 4.5
 * puts a length in the first byte after the checksum of types 1 and 3,
 * counting 64-bit words here (32-bit ones in ICMPv4).
 */
void
dec_icmp6_error(const struct cur *icmp, bool snapped, bool sender_cut, struct dec_pkt *p)
{
	struct dec_icmp_err *e = &p->err;
	struct cur quote, l4, ext;
	const char *why = NULL;
	uint8_t type = p->l4.icmp_type, len_words = 0;
	uint16_t plen = 0;
	size_t qlen, ext_off = 0, orig;
	bool cut;
	int rc;

	memset(e, 0, sizeof(*e));
	e->q_is_ipv6 = true;
	if (type == 1 || type == 3)
		(void)cur_u8(icmp, 4, &len_words);
	else if (type == 2)
		(void)cur_be32(icmp, 4, &e->mtu6);
	else if (type == 4)
		(void)cur_be32(icmp, 4, &e->pointer);
	e->rfc4884_len = len_words;
	if (len_words != 0) {
		qlen = (size_t)len_words * 8;
		ext_off = 8 + qlen;
	} else {
		qlen = icmp->len >= 8 ? icmp->len - 8 : 0;
		/* The section 5 compatibility case, as for ICMPv4. */
		if ((type == 1 || type == 3) && qlen > 128 && looks_like_ext(icmp, 8 + 128)) {
			qlen = 128;
			ext_off = 8 + 128;
		}
	}
	quote = cur_clip(icmp, 8, qlen);
	e->q_len = (uint16_t)quote.len;
	/*
	 * As for ICMPv4, and one more way to be cut: an error as long as
	 * the minimum MTU allows was cut by its sender, not malformed.
	 */
	cut = (snapped && (ext_off == 0 || quote.len < qlen)) || (sender_cut && ext_off == 0);
	if (ext_off != 0 && cur_tail(icmp, ext_off, &ext) && ext.len > 0)
		dec_extensions(&ext, e);

	/* Only the original packet counts: RFC 4884 pads the quote. */
	if (cur_be16(&quote, 4, &plen))
		quote = cur_clip(&quote, 0, 40u + plen);
	rc = dec_ip6_hdr(&quote, &e->q_ip, &e->q_ip6, &why);
	if (rc != 0) {
		e->q_status = (rc == -1 && cut) ? DEC_TRUNCATED : DEC_INVALID;
		e->q_why = why;
		return;
	}
	orig = 40u + plen - e->q_ip6.l4_off;
	l4 = cur_clip(&quote, e->q_ip6.l4_off, orig);
	if (e->q_ip.frag == 0 && !e->q_ip6.esp && e->q_ip.proto != IPPROTO6_NONE) {
		dec_l4_quote6(&l4, e->q_ip.proto, &e->q_l4);
		if (l4.len < 8) {
			/* A quoted packet too short for 8 bytes is invalid, cut or not. */
			e->q_status = (cut && orig >= 8) ? DEC_TRUNCATED : DEC_INVALID;
			e->q_why = "quoted transport header shorter than 8 bytes";
			return;
		}
	}
	e->q_status = DEC_OK;
	p->quote_ok = true;
}

const char *
dec_icmp_name(uint8_t type, uint8_t code)
{
	static const char *unreach[] = {
		"net unreachable", "host unreachable", "protocol unreachable",
		"port unreachable", "fragmentation needed", "source route failed",
		"destination network unknown", "destination host unknown",
		"source host isolated", "network administratively prohibited",
		"host administratively prohibited", "network unreachable for TOS",
		"host unreachable for TOS", "communication administratively prohibited",
		"host precedence violation", "precedence cutoff in effect",
	};

	switch (type) {
	case 0:
		return "echo reply";
	case 3:
		return code < 16 ? unreach[code] : "destination unreachable";
	case 4:
		return "source quench";
	case 5:
		return "redirect";
	case 8:
		return "echo request";
	case 11:
		return code == 0 ? "time exceeded in transit" : "fragment reassembly time exceeded";
	case 12:
		return "parameter problem";
	default:
		return "ICMP";
	}
}

/* ICMPv6 (RFC 4443) against the ICMPv4 message that means the same (decode.h). */
static const struct {
	uint8_t	t6, c6, t4, c4;
} map[] = {
	{ 1, 0, 3, 0 }, { 1, 1, 3, 13 }, { 1, 2, 3, 11 }, { 1, 3, 3, 1 }, { 1, 4, 3, 3 },
	{ 1, 5, 3, 9 }, { 1, 6, 3, 10 }, { 1, 7, 3, 5 },
	{ 3, 0, 11, 0 }, { 3, 1, 11, 1 },
	{ 4, 0, 12, 0 }, { 4, 1, 12, 1 }, { 4, 2, 12, 2 }, { 4, 3, 12, 3 },
	{ 128, 0, 8, 0 }, { 129, 0, 0, 0 },
};

/* An unreachable code ICMPv4 has no counterpart for: a code past its table (kind "unreachable"). */
#define UNREACH_OTHER	255

bool
dec_icmp6_as4(uint8_t t6, uint8_t c6, uint8_t *t4, uint8_t *c4)
{
	size_t i;

	if (t6 == 2) {
		*t4 = 3;
		*c4 = 4;
		return true;
	}
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].t6 == t6 && (map[i].c6 == c6 || t6 >= 128)) {
			*t4 = map[i].t4;
			*c4 = t6 >= 128 ? c6 : map[i].c4;
			return true;
		}
	if (t6 == 1 || t6 == 3 || t6 == 4) {
		*t4 = t6 == 1 ? 3 : t6 == 3 ? 11 : 12;
		*c4 = t6 == 1 ? UNREACH_OTHER : c6;
		return true;
	}
	return false;
}

static bool
as6(uint8_t t4, uint8_t c4, uint8_t *t6, uint8_t *c6)
{
	size_t i;

	if (t4 == 3 && c4 == 4) {
		*t6 = 2;
		*c6 = 0;
		return true;
	}
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].t4 == t4 && (map[i].c4 == c4 || map[i].t6 >= 128)) {
			*t6 = map[i].t6;
			*c6 = map[i].t6 >= 128 ? c4 : map[i].c6;
			return true;
		}
	if (t4 == 3 || t4 == 11 || t4 == 12) {
		*t6 = t4 == 3 ? 1 : t4 == 11 ? 3 : 4;
		*c6 = t4 == 3 ? 255 : c4;
		return true;
	}
	return false;
}

const char *
dec_icmp_name_af(uint8_t family, uint8_t type, uint8_t code)
{
	uint8_t t6, c6;

	if (family == 6 && as6(type, code, &t6, &c6))
		return dec_icmp6_name(t6, c6);
	return dec_icmp_name(type, code);
}
