/*
 * Tiny builders for raw IPv4 and IPv6 test packets (link type DLT_RAW): probes
 * and the replies routers and hosts send to them, with every field the
 * correlator looks at under the test's control.  Checksums are filled
 * in so the packets are also valid on the wire.
 */
#ifndef FL_TEST_PKTBUILD_H
#define FL_TEST_PKTBUILD_H

#include <pcap/dlt.h>
#include <stdint.h>
#include <string.h>

#include "analyze/flow/correlate.h"
#include "analyze/packet/decode.h"

#define A(a, b, c, d)	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static inline void
pb_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
pb_put32(uint8_t *p, uint32_t v)
{
	pb_put16(p, (uint16_t)(v >> 16));
	pb_put16(p + 2, (uint16_t)v);
}

static inline uint16_t
pb_sum(const uint8_t *p, size_t n, uint32_t s)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* A 20-byte IPv4 header; returns 20. */
static inline size_t
pb_ip(uint8_t *b, uint32_t src, uint32_t dst, uint8_t proto, uint8_t ttl,
    uint16_t id, uint16_t tot_len)
{
	memset(b, 0, 20);
	b[0] = 0x45;
	pb_put16(b + 2, tot_len);
	pb_put16(b + 4, id);
	b[8] = ttl;
	b[9] = proto;
	pb_put32(b + 12, src);
	pb_put32(b + 16, dst);
	pb_put16(b + 10, pb_sum(b, 20, 0));
	return 20;
}

/* ICMP echo request (type 8) or reply (type 0), 8 bytes of payload. */
static inline size_t
pb_echo(uint8_t *b, uint8_t type, uint32_t src, uint32_t dst, uint8_t ttl,
    uint16_t id, uint16_t seq)
{
	uint8_t *i = b + 20;

	pb_ip(b, src, dst, 1, ttl, seq, 36);
	memset(i, 0, 16);
	i[0] = type;
	pb_put16(i + 4, id);
	pb_put16(i + 6, seq);
	memcpy(i + 8, "faultlin", 8);
	pb_put16(i + 2, pb_sum(i, 16, 0));
	return 36;
}

/* UDP datagram with a chosen checksum field (not recomputed). */
static inline size_t
pb_udp(uint8_t *b, uint32_t src, uint32_t dst, uint8_t ttl, uint16_t sport,
    uint16_t dport, uint16_t cksum)
{
	pb_ip(b, src, dst, 17, ttl, cksum, 36);
	pb_put16(b + 20, sport);
	pb_put16(b + 22, dport);
	pb_put16(b + 24, 16);
	pb_put16(b + 26, cksum);
	memcpy(b + 28, "faultlin", 8);
	return 36;
}

/* TCP segment with the given flags; 20-byte header, no payload. */
static inline size_t
pb_tcp(uint8_t *b, uint32_t src, uint32_t dst, uint8_t ttl, uint16_t sport,
    uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags)
{
	pb_ip(b, src, dst, 6, ttl, (uint16_t)seq, 40);
	memset(b + 20, 0, 20);
	pb_put16(b + 20, sport);
	pb_put16(b + 22, dport);
	pb_put32(b + 24, seq);
	pb_put32(b + 28, ack);
	b[32] = 5 << 4;
	b[33] = flags;
	pb_put16(b + 34, 64240);
	return 40;
}

/*
 * ICMP error (type, code) from router to the probe's source, quoting
 * qlen bytes of the probe (RFC 792: header + 8) with its TTL set to
 * q_ttl as a router would see it.
 */
static inline size_t
pb_icmp_err(uint8_t *b, uint8_t type, uint8_t code, uint32_t router, uint8_t ttl,
    const uint8_t *probe, size_t qlen, uint8_t q_ttl)
{
	uint8_t *i = b + 20;
	uint32_t to = (uint32_t)probe[12] << 24 | (uint32_t)probe[13] << 16 |
	    (uint32_t)probe[14] << 8 | probe[15];

	pb_ip(b, router, to, 1, ttl, 0, (uint16_t)(28 + qlen));
	memset(i, 0, 8);
	i[0] = type;
	i[1] = code;
	memcpy(i + 8, probe, qlen);
	i[8 + 8] = q_ttl;
	pb_put16(i + 2, pb_sum(i, 8 + qlen, 0));
	return 28 + qlen;
}

/* IPv6 addresses, 16 bytes: pb_a6(a, x, n) is 2001:db8:x::n (RFC 3849's prefix). */
static inline void
pb_a6(uint8_t *a, uint16_t net, uint16_t host)
{
	memset(a, 0, 16);
	pb_put16(a, 0x2001);
	pb_put16(a + 2, 0x0db8);
	pb_put16(a + 4, net);
	pb_put16(a + 14, host);
}

/* A 40-byte IPv6 header; returns 40. */
static inline size_t
pb_ip6(uint8_t *b, const uint8_t *src, const uint8_t *dst, uint8_t nxt, uint8_t hlim,
    uint16_t plen, uint32_t flow)
{
	memset(b, 0, 40);
	pb_put32(b, 0x60000000u | (flow & 0xfffff));
	pb_put16(b + 4, plen);
	b[6] = nxt;
	b[7] = hlim;
	memcpy(b + 8, src, 16);
	memcpy(b + 24, dst, 16);
	return 40;
}

/* The upper-layer checksum over the RFC 8200 8.1 pseudo-header, for n bytes at l4. */
static inline uint16_t
pb_sum6(const uint8_t *ip6, uint8_t nxt, const uint8_t *l4, size_t n)
{
	uint8_t ph[40];

	memcpy(ph, ip6 + 8, 32);
	pb_put32(ph + 32, (uint32_t)n);
	memset(ph + 36, 0, 3);
	ph[39] = nxt;
	return pb_sum(l4, n, (uint16_t)~pb_sum(ph, 40, 0));
}

/* ICMPv6 echo request (128) or reply (129), 8 bytes of data; returns 56. */
static inline size_t
pb_echo6(uint8_t *b, uint8_t type, const uint8_t *src, const uint8_t *dst, uint8_t hlim,
    uint16_t id, uint16_t seq)
{
	uint8_t *i = b + 40;

	pb_ip6(b, src, dst, 58, hlim, 16, 0);
	memset(i, 0, 16);
	i[0] = type;
	pb_put16(i + 4, id);
	pb_put16(i + 6, seq);
	memcpy(i + 8, "faultlin", 8);
	pb_put16(i + 2, pb_sum6(b, 58, i, 16));
	return 56;
}

/* A UDP datagram over IPv6 with 8 bytes of data; returns 56. */
static inline size_t
pb_udp6(uint8_t *b, const uint8_t *src, const uint8_t *dst, uint8_t hlim, uint16_t sport,
    uint16_t dport)
{
	uint8_t *u = b + 40;

	pb_ip6(b, src, dst, 17, hlim, 16, 0);
	pb_put16(u, sport);
	pb_put16(u + 2, dport);
	pb_put16(u + 4, 16);
	pb_put16(u + 6, 0);
	memcpy(u + 8, "faultlin", 8);
	pb_put16(u + 6, pb_sum6(b, 17, u, 16));
	return 56;
}

/*
 * An ICMPv6 error (RFC 4443 section 3) of type and code from router to
 * the probe's source, the four bytes after the checksum set to word (the
 * MTU, the pointer, or RFC 4884's length in its first byte), quoting
 * qlen bytes of the probe with its hop limit set to q_hlim.
 */
static inline size_t
pb_icmp6_err(uint8_t *b, uint8_t type, uint8_t code, uint32_t word, const uint8_t *router,
    uint8_t hlim, const uint8_t *probe, size_t qlen, uint8_t q_hlim)
{
	uint8_t *i = b + 40;

	pb_ip6(b, router, probe + 8, 58, hlim, (uint16_t)(8 + qlen), 0);
	memset(i, 0, 8);
	i[0] = type;
	i[1] = code;
	pb_put32(i + 4, word);
	memcpy(i + 8, probe, qlen);
	if (qlen > 7)
		i[8 + 7] = q_hlim;
	pb_put16(i + 2, pb_sum6(b, 58, i, 8 + qlen));
	return 48 + qlen;
}

/* Decode as DLT_RAW and feed to the correlator. */
static inline void
pb_feed(struct corr *c, uint32_t frame, int64_t ts, const uint8_t *b, size_t n)
{
	struct dec_pkt p;

	(void)dec_packet(b, (uint32_t)n, (uint32_t)n, DLT_RAW, &p);
	corr_feed(c, frame, ts, &p);
}

#endif
