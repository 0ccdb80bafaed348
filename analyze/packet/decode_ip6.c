/*
 * IPv6 decoding: the header and its extension-header chain, ICMPv6 and
 * Neighbour Discovery.  The bodies of ICMPv6 errors, with their quotes,
 * are read in decode_icmp.c beside ICMPv4's; TCP and UDP in decode.c.
 */
#include <string.h>

#include "analyze/packet/decode.h"

/* IPv6 packets this long are as long as an ICMPv6 error may be (RFC 4443 2.4 (c)). */
#define IPV6_MIN_MTU	1280

static enum dec_status
set_status(struct dec_pkt *p, enum dec_status st, const char *why)
{
	p->status = st;
	p->why = why;
	return st;
}

/* As decode.c's: a read past what was captured is truncation only if the snap length cut. */
static enum dec_status
short_read(struct dec_pkt *p, bool snapped, const char *what)
{
	return set_status(p, snapped ? DEC_TRUNCATED : DEC_INVALID, what);
}

static void
addr6(const struct cur *c, size_t off, struct fl_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (cur_copy(c, off, a->b, 16))
		a->family = 6;
}

/*
 * The options of a hop-by-hop or destination options header (RFC 8200
 * 4.2): Pad1 is one byte, every other option type, length, data.  An
 * option running past its header ends the walk, marked; like IPv4's, a
 * bad option does not change the packet's status.
 */
static void
dec_ip6_options(const struct cur *h, bool hop, struct dec_ip6 *x)
{
	uint8_t type, len;
	size_t i;

	for (i = 2; i < h->len;) {
		if (!cur_u8(h, i, &type))
			break;
		if (type == 0) {
			i++;
			continue;
		}
		if (!cur_u8(h, i + 1, &len) || !cur_has(h, i + 2, len)) {
			x->opt_bad = true;
			break;
		}
		/* RFC 2711: type 5, two bytes of value. */
		if (hop && type == 5 && len == 2)
			x->router_alert = true;
		i += 2 + (size_t)len;
	}
}

/* Is this next-header value an extension header walked by its (length + 1) * 8 rule? */
static bool
ext_generic(uint8_t nxt)
{
	switch (nxt) {
	case IPPROTO6_HOPOPTS:
	case IPPROTO6_ROUTING:
	case IPPROTO6_DSTOPTS:
	case 135:	/* Mobility, RFC 6275 */
	case 139:	/* HIP, RFC 7401 */
	case 140:	/* Shim6, RFC 5533 */
	case 253:	/* experiments, RFC 3692 */
	case 254:
		return true;
	default:
		return false;
	}
}

/*
 * RFC 8200 section 3: version, traffic class, flow label, payload
 * length, next header, hop limit, source, destination; then the chain
 * of section 4, each header naming the next.
 */
int
dec_ip6_hdr(const struct cur *c, struct dec_ip *ip, struct dec_ip6 *x, const char **why)
{
	uint32_t w = 0, off, end, hl = 0;
	uint16_t fo = 0;
	uint8_t v, nxt = 0, next = 0, len = 0;
	struct cur h;

	memset(ip, 0, sizeof(*ip));
	memset(x, 0, sizeof(*x));
	if (!cur_u8(c, 0, &v)) {
		*why = "IPv6 header cut short";
		return -1;
	}
	if ((v >> 4) != 6) {
		*why = "IP version is not 6";
		return -2;
	}
	if (!cur_has(c, 0, 40)) {
		*why = "IPv6 header cut short";
		return -1;
	}
	(void)cur_be32(c, 0, &w);
	x->tclass = (uint8_t)(w >> 20);
	x->flow = w & 0xfffff;
	(void)cur_be16(c, 4, &x->plen);
	(void)cur_u8(c, 6, &nxt);
	(void)cur_u8(c, 7, &ip->ttl);
	addr6(c, 8, &ip->src);
	addr6(c, 24, &ip->dst);
	x->nxt = nxt;
	ip->hlen = 40;
	ip->tos = x->tclass;
	end = 40u + x->plen;
	for (off = 40;; off += hl, nxt = next) {
		if (ext_generic(nxt) || nxt == IPPROTO6_FRAGMENT || nxt == IPPROTO6_AH) {
			if (off + 2 > end) {
				*why = "IPv6 extension header past the payload length";
				return -2;
			}
			if (!cur_u8(c, off, &next) || !cur_u8(c, off + 1, &len)) {
				*why = "IPv6 extension header cut short";
				return -1;
			}
		}
		if (ext_generic(nxt)) {
			/* RFC 8200 4.3: hop-by-hop options come first or not at all. */
			if (nxt == IPPROTO6_HOPOPTS && off != 40) {
				*why = "IPv6 hop-by-hop options header not first";
				return -2;
			}
			hl = ((uint32_t)len + 1) * 8;
		} else if (nxt == IPPROTO6_FRAGMENT) {
			hl = 8;		/* RFC 8200 4.5: its length byte is reserved */
		} else if (nxt == IPPROTO6_AH) {
			/* RFC 4302 2.2: 32-bit words minus 2; the fixed part is 3 words. */
			hl = ((uint32_t)len + 2) * 4;
			if (hl < 12) {
				*why = "IPv6 AH length below 3 words";
				return -2;
			}
		} else {
			break;		/* ESP, no next header or an upper layer */
		}
		if (off + hl > end) {
			*why = "IPv6 extension header past the payload length";
			return -2;
		}
		if (!cur_sub(c, off, hl, &h)) {
			*why = "IPv6 extension header cut short";
			return -1;
		}
		if (x->n_ext < DEC_MAX_EXT6)
			x->ext[x->n_ext] = nxt;
		x->n_ext++;
		switch (nxt) {
		case IPPROTO6_HOPOPTS:
		case IPPROTO6_DSTOPTS:
			dec_ip6_options(&h, nxt == IPPROTO6_HOPOPTS, x);
			break;
		case IPPROTO6_ROUTING:
			/* RFC 8200 4.4: type, then segments left. */
			x->has_rh = true;
			(void)cur_u8(&h, 2, &x->rh_type);
			(void)cur_u8(&h, 3, &x->rh_segleft);
			break;
		case IPPROTO6_FRAGMENT:
			if (x->has_frag) {
				*why = "two IPv6 fragment headers";
				return -2;
			}
			x->has_frag = true;
			(void)cur_be16(&h, 2, &fo);
			(void)cur_be32(&h, 4, &x->frag_id);
			ip->frag = fo >> 3;
			ip->mf = (fo & 1) != 0;
			break;
		case IPPROTO6_AH:
			x->has_ah = true;
			(void)cur_be32(&h, 4, &x->ah_spi);
			break;
		default:
			break;
		}
		if (ip->frag != 0) {
			/* A later fragment: the rest is the datagram's middle, no header. */
			off += hl;
			nxt = next;
			break;
		}
	}
	if (nxt == IPPROTO6_ESP) {
		/* RFC 4303 2: the SPI is in the clear, the rest is not. */
		x->esp = true;
		(void)cur_be32(c, off, &x->esp_spi);
	}
	ip->proto = nxt;
	x->l4_off = off;
	return 0;
}

/*
 * Neighbour Discovery, RFC 4861 section 4: the fixed part of each
 * message, then options of type, length in 8-octet units and data.  A
 * message with an option of length 0, or one past its end, must be
 * discarded (4.6, 7.1.1): it is invalid, not merely odd.
 */
static enum dec_status
dec_ndp(const struct cur *c, bool snapped, uint32_t wire_len, struct dec_pkt *p)
{
	struct dec_ndp *n = &p->ndp;
	struct dec_ndp_prefix *pf;
	uint8_t t = p->l4.icmp_type, type, len;
	uint32_t fixed, off, olen;
	struct cur o;

	memset(n, 0, sizeof(*n));
	p->is_ndp = true;
	n->type = t;
	n->hlim_bad = p->ip.ttl != 255;
	fixed = t == 133 ? 8 : t == 134 ? 16 : 24;
	if (wire_len < fixed)
		return set_status(p, DEC_INVALID, "NDP message shorter than its fixed part");
	if (!cur_has(c, 0, fixed))
		return short_read(p, snapped, "NDP message cut short");
	if (p->l4.icmp_code != 0)
		return set_status(p, DEC_INVALID, "NDP code is not 0");
	switch (t) {
	case 134:
		(void)cur_u8(c, 4, &n->cur_hlim);
		(void)cur_u8(c, 5, &n->flags);
		(void)cur_be16(c, 6, &n->router_life);
		(void)cur_be32(c, 8, &n->reachable);
		(void)cur_be32(c, 12, &n->retrans);
		break;
	case 136:
		(void)cur_u8(c, 4, &n->flags);
		n->flags &= NDP_NA_ROUTER | NDP_NA_SOLICITED | NDP_NA_OVERRIDE;
		addr6(c, 8, &n->target);
		break;
	case 135:
		addr6(c, 8, &n->target);
		break;
	default:
		break;
	}
	for (off = fixed; off < wire_len; off += olen) {
		if (off + 2 > wire_len)
			return set_status(p, DEC_INVALID, "NDP option header past the message");
		if (!cur_u8(c, off, &type) || !cur_u8(c, off + 1, &len))
			return short_read(p, snapped, "NDP option cut short");
		if (len == 0)
			return set_status(p, DEC_INVALID, "NDP option of length 0");
		olen = (uint32_t)len * 8;
		if (off + olen > wire_len)
			return set_status(p, DEC_INVALID, "NDP option past the message");
		if (!cur_sub(c, off, olen, &o))
			return short_read(p, snapped, "NDP option cut short");
		/* 4.6.1: Ethernet's addresses fill a one-unit option. */
		if (type == 1 && len == 1)
			n->has_sll = cur_copy(&o, 2, n->sll, 6);
		else if (type == 2 && len == 1)
			n->has_tll = cur_copy(&o, 2, n->tll, 6);
		else if (type == 5 && len == 1)
			n->has_mtu = cur_be32(&o, 4, &n->mtu);	/* 4.6.4 */
		else if (type == 3 && len == 4) {
			/* 4.6.2: prefix length, L and A, lifetimes, prefix. */
			if (n->n_prefix < DEC_MAX_PREFIX6) {
				pf = &n->prefix[n->n_prefix];
				(void)cur_u8(&o, 2, &pf->len);
				(void)cur_u8(&o, 3, &pf->flags);
				(void)cur_be32(&o, 4, &pf->valid);
				(void)cur_be32(&o, 8, &pf->preferred);
				addr6(&o, 16, &pf->prefix);
			}
			if (n->n_prefix < 255)
				n->n_prefix++;
		}
	}
	return set_status(p, DEC_OK, NULL);
}

/* ICMPv6, RFC 4443 section 2.1: type, code, checksum, then the body. */
static enum dec_status
dec_icmp6(const struct cur *c, bool snapped, uint32_t wire_len, bool sender_cut,
    struct dec_pkt *p)
{
	uint8_t t;

	if (!cur_u8(c, 0, &p->l4.icmp_type) || !cur_u8(c, 1, &p->l4.icmp_code) ||
	    !cur_be16(c, 2, &p->l4.icmp_sum))
		return short_read(p, snapped, "ICMPv6 header cut short");
	p->l4.have |= L4_ICMP;
	/* Every message RFC 4443 and RFC 4861 define has 8 bytes at least. */
	if (wire_len < 8)
		return set_status(p, DEC_INVALID, "ICMPv6 message shorter than 8 bytes");
	t = p->l4.icmp_type;
	if (t == 128 || t == 129) {
		/* RFC 4443 4.1, 4.2. */
		if (!cur_be16(c, 4, &p->l4.echo_id) || !cur_be16(c, 6, &p->l4.echo_seq))
			return short_read(p, snapped, "ICMPv6 echo header cut short");
		p->l4.have |= L4_ICMPID;
	}
	p->payload_len = wire_len - 8;
	p->payload = cur_clip(c, 8, p->payload_len);
	if (t >= 1 && t <= 4) {
		struct cur body = cur_clip(c, 0, wire_len);

		/* As for ICMPv4: the quote's status is its own. */
		p->is_icmp_err = true;
		dec_icmp6_error(&body, snapped, sender_cut, p);
	} else if (t >= 133 && t <= 136) {
		return dec_ndp(c, snapped, wire_len, p);
	}
	return set_status(p, DEC_OK, NULL);
}

enum dec_status
dec_ipv6(const struct cur *c, bool snapped, struct dec_pkt *p)
{
	const char *why = NULL;
	struct cur h, l4;
	uint32_t tot, avail, wire;
	uint16_t plen = 0;
	uint8_t v;
	int rc;

	p->is_ipv6 = true;
	/*
	 * As for IPv4's total length: link layers pad, so trust the payload
	 * length, but one past the frame is invalid unless the snap cut.
	 * (Jumbograms, RFC 2675, with their length 0, are not read.)
	 */
	if (cur_u8(c, 0, &v) && (v >> 4) == 6 && cur_has(c, 0, 40) && cur_be16(c, 4, &plen) &&
	    c->len < 40u + plen && !snapped)
		return set_status(p, DEC_INVALID, "IPv6 payload length beyond the frame");
	tot = 40u + plen;
	avail = c->len < tot ? (uint32_t)c->len : tot;
	snapped = snapped && avail < tot;
	h = cur_clip(c, 0, avail);
	rc = dec_ip6_hdr(&h, &p->ip, &p->ip6, &why);
	if (rc == -1)
		return short_read(p, snapped, why);
	if (rc == -2)
		return set_status(p, DEC_INVALID, why);
	p->ip_bytes = h;
	wire = tot - p->ip6.l4_off;
	l4 = cur_clip(&h, p->ip6.l4_off, avail - p->ip6.l4_off);
	if (p->ip.frag != 0 || p->ip6.esp) {
		/* A later fragment, or encrypted: no transport header to read. */
		p->payload_len = wire;
		p->payload = l4;
		return set_status(p, DEC_OK, NULL);
	}
	switch (p->ip.proto) {
	case IPPROTO6_ICMPV6:
		return dec_icmp6(&l4, snapped, wire, tot >= IPV6_MIN_MTU, p);
	case 6:
		return dec_tcp(&l4, snapped, wire, p);
	case 17:
		return dec_udp(&l4, snapped, wire, p);
	default:
		p->payload_len = wire;
		p->payload = l4;
		return set_status(p, DEC_OK, NULL);
	}
}

const char *
dec_icmp6_name(uint8_t type, uint8_t code)
{
	/* RFC 4443 3.1, with RFC 6550's code 7 and RFC 8883's 8. */
	static const char *unreach[] = {
		"no route to destination", "communication administratively prohibited",
		"beyond scope of source address", "address unreachable", "port unreachable",
		"source address failed ingress/egress policy", "reject route to destination",
		"error in source routing header", "headers too long",
	};
	/* RFC 4443 3.4, with RFC 7112's code 3. */
	static const char *param[] = {
		"erroneous header field", "unrecognized next header type",
		"unrecognized IPv6 option", "first fragment has incomplete header chain",
	};

	switch (type) {
	case 1:
		return code < sizeof(unreach) / sizeof(unreach[0]) ? unreach[code] :
		    "destination unreachable";
	case 2:
		return "packet too big";
	case 3:
		return code == 0 ? "hop limit exceeded in transit" :
		    code == 1 ? "fragment reassembly time exceeded" : "time exceeded";
	case 4:
		return code < sizeof(param) / sizeof(param[0]) ? param[code] :
		    "parameter problem";
	case 128:
		return "echo request";
	case 129:
		return "echo reply";
	case 133:
		return "router solicitation";
	case 134:
		return "router advertisement";
	case 135:
		return "neighbour solicitation";
	case 136:
		return "neighbour advertisement";
	case 137:
		return "redirect";
	default:
		return "ICMPv6";
	}
}
