/*
 * libnet probe construction (see craft.h for the identification scheme).
 */
#include <sys/random.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "probes/wire/craft.h"

static const uint8_t pattern[CRAFT_PAYLOAD - 2] = "faultline probe";

int
craft_random_flow(struct craft_flow *f, uint8_t proto, const struct fl_addr *src,
    const struct fl_addr *dst, uint16_t dport, char *err, size_t errlen)
{
	uint16_t r[8];

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		snprintf(err, errlen, "getrandom: %s", strerror(errno));
		return -1;
	}
	memset(f, 0, sizeof(*f));
	f->proto = proto;
	f->src = *src;
	f->dst = *dst;
	f->dport = dport;
	/* Ephemeral-range source port; the caller reserves it with bind(). */
	f->sport = (uint16_t)(33000 + r[0] % 28000);
	f->echo_id = r[1];
	/* Never 0 or 0xffff: the one's complement sum could not reach it. */
	f->echo_cksum = (uint16_t)(1 + r[2] % 0xfffd);
	f->seq_base = r[3];
	f->udp_base = (uint16_t)(1 + r[4] % (0xfffe - CRAFT_MAX_PROBES - 1));
	f->tcp_base = ((uint32_t)r[5] << 16) | r[3];
	f->ipid_base = r[2] ^ r[4];
	/* Never 0: a zero label says "no flow" (RFC 6437 2). */
	f->flow_label = (((uint32_t)r[6] << 16 | r[7]) % 0xfffffu) + 1;
	return 0;
}

void
craft_init(struct craft *c, libnet_t *l, const struct craft_flow *f)
{
	memset(c, 0, sizeof(*c));
	c->l = l;
	c->f = *f;
}

void
craft_retarget(struct craft *c, uint8_t proto, uint16_t sport, uint16_t dport)
{
	if (c->f.proto == proto && c->f.sport == sport && c->f.dport == dport)
		return;
	libnet_clear_packet(c->l);
	c->t_opt = c->t_l4 = c->t_ipopt = c->t_ip = 0;
	c->f.proto = proto;
	c->f.sport = sport;
	c->f.dport = dport;
}

/* The IP header's length: IPv4 without options, or IPv6's fixed header. */
static size_t
ip_hlen(const struct craft_flow *f)
{
	return f->dst.family == 6 ? LIBNET_IPV6_H : LIBNET_IPV4_H;
}

int
craft_size(struct craft *c, uint16_t length, bool df)
{
	if (length != 0 && (length < ip_hlen(&c->f) + 8 + CRAFT_PAYLOAD || length > CRAFT_MAX_LEN))
		return -1;
	if (c->f.length != length || c->f.df != df) {
		/* A new payload size means new pblocks: start the packet afresh. */
		libnet_clear_packet(c->l);
		c->t_opt = c->t_l4 = c->t_ipopt = c->t_ip = 0;
	}
	c->f.length = length;
	c->f.df = df;
	return 0;
}

void
craft_record_route(struct craft *c, bool on)
{
	if (c->f.rr != on) {
		/*
		 * An options block comes or goes between the transport and the
		 * IP header: start the packet afresh, as for a new size.
		 */
		libnet_clear_packet(c->l);
		c->t_opt = c->t_l4 = c->t_ipopt = c->t_ip = 0;
	}
	c->f.rr = on;
}

static uint32_t
sum_words(const uint8_t *b, size_t n, uint32_t s)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (n & 1)
		s += (uint32_t)b[n - 1] << 8;
	return s;
}

static uint16_t
fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/*
 * RFC 1071: with every other word summed into partial, the word W that
 * makes the final checksum equal want satisfies S + W = ~want in one's
 * complement arithmetic, so W = ~want + ~S.
 */
uint16_t
craft_fix_word(uint32_t partial, uint16_t want)
{
	uint16_t s = fold(partial), t = (uint16_t)~want;

	return fold((uint32_t)t + (uint16_t)~s);
}

static uint32_t
be32(const struct fl_addr *a)
{
	return htonl(fl_addr_v4_host(a));
}

static struct libnet_in6_addr
in6(const struct fl_addr *a)
{
	struct libnet_in6_addr x;

	memcpy(&x, a->b, sizeof(x));
	return x;
}

/*
 * One builder for both families (see craft.h): the transport header
 * with its checksum held or set as the scheme says, then the IP header.
 * The pseudo-header (RFC 768, RFC 8200 8.1: both addresses, the
 * upper-layer length, the protocol) enters the UDP and TCP checksums in
 * both families and ICMPv6's, not ICMPv4's.
 */
int
craft_build(struct craft *c, uint16_t idx, uint8_t ttl, struct corr_key *key,
    char *err, size_t errlen)
{
	const struct craft_flow *f = &c->f;
	bool v6 = f->dst.family == 6;
	size_t alen = v6 ? 16 : 4, hlen = ip_hlen(f);
	uint8_t payload[CRAFT_MAX_LEN];
	uint16_t ipid = (uint16_t)(f->ipid_base + idx), w, ulen = 0, len;
	/* ICMP and UDP headers are both 8 bytes. */
	size_t plen = f->length ? (size_t)f->length - hlen - 8 : CRAFT_PAYLOAD;
	uint32_t s, pseudo = sum_words(f->src.b, alen, 0) + sum_words(f->dst.b, alen, 0);
	/* MSS 1460 (IPv4) or 1440 (IPv6): 1500 less the headers. */
	static const uint8_t mss4[4] = { 2, 4, 0x05, 0xb4 }, mss6[4] = { 2, 4, 0x05, 0xa0 };

	memset(key, 0, sizeof(*key));
	key->src = f->src;
	key->dst = f->dst;
	key->proto = f->proto;
	memset(payload, 0, plen);
	memcpy(payload + 2, pattern, sizeof(pattern));

	switch (f->proto) {
	case 1: {
		uint16_t seq = (uint16_t)(f->seq_base + idx);

		/* ICMP echo (RFC 792, RFC 4443 4.1): checksum held at echo_cksum. */
		ulen = (uint16_t)(LIBNET_ICMPV4_ECHO_H + plen);
		s = v6 ? pseudo + ulen + IPPROTO_ICMPV6 + (128u << 8) : 0x0800u;
		s = sum_words(payload, plen, s + f->echo_id + seq);
		w = craft_fix_word(s, f->echo_cksum);
		payload[0] = (uint8_t)(w >> 8);
		payload[1] = (uint8_t)w;
		c->t_l4 = v6 ? libnet_build_icmpv6_echo(128, 0, f->echo_cksum, f->echo_id, seq,
		    payload, (uint32_t)plen, c->l, c->t_l4) :
		    libnet_build_icmpv4_echo(ICMP_ECHO, 0, f->echo_cksum, f->echo_id, seq,
		    payload, (uint32_t)plen, c->l, c->t_l4);
		key->a = f->echo_id;
		key->c = seq;
		break;
	}
	case 17: {
		uint16_t want = (uint16_t)(f->udp_base + idx);

		/* UDP, RFC 768: pseudo-header, header, payload. */
		ulen = (uint16_t)(LIBNET_UDP_H + plen);
		s = pseudo + 17u + ulen + f->sport + f->dport + ulen;
		s = sum_words(payload, plen, s);
		w = craft_fix_word(s, want);
		payload[0] = (uint8_t)(w >> 8);
		payload[1] = (uint8_t)w;
		c->t_l4 = libnet_build_udp(f->sport, f->dport, ulen, want, payload,
		    (uint32_t)plen, c->l, c->t_l4);
		key->a = f->sport;
		key->b = f->dport;
		key->c = want;
		break;
	}
	case 6: {
		uint32_t seq = f->tcp_base + idx;

		/* TCP SYN, RFC 9293, with an MSS option as real stacks send. */
		c->t_opt = libnet_build_tcp_options(v6 ? mss6 : mss4, sizeof(mss4), c->l,
		    c->t_opt);
		if (c->t_opt == -1)
			break;
		ulen = LIBNET_TCP_H + sizeof(mss4);
		c->t_l4 = libnet_build_tcp(f->sport, f->dport, seq, 0, TH_SYN, 64240, 0, 0,
		    ulen, NULL, 0, c->l, c->t_l4);
		key->a = f->sport;
		key->b = f->dport;
		key->c = seq;
		break;
	}
	default:
		snprintf(err, errlen, "unknown probe protocol %u", f->proto);
		return -1;
	}
	if (c->t_l4 == -1 || (f->proto == 6 && c->t_opt == -1)) {
		snprintf(err, errlen, "building the probe: %s", libnet_geterror(c->l));
		return -1;
	}
	if (v6) {
		c->t_ip = libnet_build_ipv6(f->tos, f->flow_label, ulen,
		    f->proto == 1 ? IPPROTO_ICMPV6 : f->proto, ttl, in6(&f->src), in6(&f->dst),
		    NULL, 0, c->l, c->t_ip);
		if (c->t_ip == -1) {
			snprintf(err, errlen, "building the IPv6 header: %s", libnet_geterror(c->l));
			return -1;
		}
		return 0;
	}
	len = (uint16_t)(hlen + ulen);
	if (f->rr) {
		/*
		 * RFC 791 3.1: type 7, length 3 + 4 x slots, pointer 4 (the
		 * first slot), the slots zero, then an end of list to fill the
		 * 40 bytes.  libnet wants the options block built before the
		 * IP header, whose IHL it sets from it.
		 */
		uint8_t opt[40];

		memset(opt, 0, sizeof(opt));
		opt[0] = 7;
		opt[1] = 3 + 4 * CRAFT_RR_SLOTS;
		opt[2] = 4;
		c->t_ipopt = libnet_build_ipv4_options(opt, sizeof(opt), c->l, c->t_ipopt);
		if (c->t_ipopt == -1) {
			snprintf(err, errlen, "building the IP options: %s", libnet_geterror(c->l));
			return -1;
		}
		len = (uint16_t)(len + sizeof(opt));
	}
	c->t_ip = libnet_build_ipv4(len, f->tos, ipid, f->df ? IP_DF : 0, ttl, f->proto, 0,
	    be32(&f->src), be32(&f->dst), NULL, 0, c->l, c->t_ip);
	if (c->t_ip == -1) {
		snprintf(err, errlen, "building the IP header: %s", libnet_geterror(c->l));
		return -1;
	}
	return 0;
}

int
craft_segment(struct craft *c, uint32_t seq, uint32_t ack, const uint8_t *payload, uint16_t plen,
    uint16_t ipid, uint8_t ttl, char *err, size_t errlen)
{
	const struct craft_flow *f = &c->f;
	libnet_ptag_t t;
	int rc = -1, saved = 0;

	if (plen == 0 || plen > CRAFT_SEGMENT_MAX) {
		snprintf(err, errlen, "segment payload of %u bytes out of range", plen);
		return -1;
	}
	libnet_clear_packet(c->l);
	c->t_opt = c->t_l4 = c->t_ipopt = c->t_ip = 0;
	t = libnet_build_tcp(f->sport, f->dport, seq, ack, TH_ACK | TH_PUSH, 64240, 0, 0,
	    (uint32_t)(LIBNET_TCP_H + plen), payload, plen, c->l, 0);
	if (t != -1)
		t = libnet_build_ipv4((uint16_t)(LIBNET_IPV4_H + LIBNET_TCP_H + plen), f->tos, ipid,
		    IP_DF, ttl, IPPROTO_TCP, 0, be32(&f->src), be32(&f->dst), NULL, 0, c->l, 0);
	if (t == -1)
		snprintf(err, errlen, "building the segment: %s", libnet_geterror(c->l));
	else if (libnet_write(c->l) == -1) {
		saved = errno;
		snprintf(err, errlen, "sending the segment: %s", libnet_geterror(c->l));
	} else
		rc = 0;
	libnet_clear_packet(c->l);
	errno = saved;
	return rc;
}

int
craft_send(struct craft *c, char *err, size_t errlen)
{
	int saved;

	errno = 0;
	if (libnet_write(c->l) == -1) {
		saved = errno;
		snprintf(err, errlen, "sending the probe: %s", libnet_geterror(c->l));
		errno = saved;
		return -1;
	}
	return 0;
}
