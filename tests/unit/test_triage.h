/*
 * What pcap-triage's unit tests share: a saved capture read through the
 * command's readers (as pcap-triage -r reads it), and scenes built frame
 * by frame on Ethernet (MACs, ARP, IPv4, TCP with options, UDP, DNS,
 * ICMP errors quoting an earlier frame), read the same way.
 */
#ifndef FL_TEST_TRIAGE_H
#define FL_TEST_TRIAGE_H

#include <math.h>
#include <pcap/dlt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analyze/pcap_triage/triage.h"
#include "analyze/pcap_triage/tcp.h"
#include "probes/cli/replay.h"

#define TRI_FIX	"tests/fixtures/pcap_triage"
#define MS	1000000LL

/* A capture read through the triage's readers; NULL when it cannot be read. */
static inline struct triage *
triage_file(const char *name, const struct tri_opts *o)
{
	char path[256], err[256];
	struct readers rd;
	struct capture cap;
	struct triage *t;
	FILE *in;

	snprintf(path, sizeof(path), TRI_FIX "/%s", name);
	in = fopen(path, "rb");
	if (in == NULL)
		return NULL;
	t = triage_new(o, 0);
	if (t == NULL) {
		fclose(in);
		return NULL;
	}
	readers_init(&rd);
	triage_readers(t, &rd);
	if (replay_read(in, &cap, &rd, err, sizeof(err)) != 0) {
		capture_close(&cap);
		triage_free(t);
		return NULL;
	}
	capture_close(&cap);
	triage_finish(t);
	return t;
}

/* The first finding of a kind, NULL when none. */
static inline const struct tri_finding *
tri_find(const struct triage *t, const char *kind)
{
	size_t i;

	for (i = 0; i < t->ctx.f.n; i++)
		if (strcmp(t->ctx.f.v[i].kind, kind) == 0)
			return &t->ctx.f.v[i];
	return NULL;
}

static inline bool
tri_cites(const struct tri_finding *f, uint32_t frame)
{
	size_t i;

	for (i = 0; i < f->ev.n; i++)
		if (f->ev.v[i].frame == frame)
			return true;
	return false;
}

/* ---- scenes ---- */

#define SCENE_MAX	1024
#define SCENE_BYTES	1600

struct scene {
	uint8_t		 b[SCENE_MAX][SCENE_BYTES];
	uint32_t	 len[SCENE_MAX];
	int64_t		 ts[SCENE_MAX];
	int		 n;
};

struct node {
	uint32_t	ip;
	uint8_t		mac[6];
};

#define IP4(a, b, c, d)	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static inline struct node
node(uint32_t ip, uint8_t m)
{
	struct node n = { ip, { 0x02, 0x00, 0x00, 0x00, 0x00, m } };

	return n;
}

static inline void
sc_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
sc_put32(uint8_t *p, uint32_t v)
{
	sc_put16(p, (uint16_t)(v >> 16));
	sc_put16(p + 2, (uint16_t)v);
}

static inline uint16_t
sc_sum(const uint8_t *p, size_t n, uint32_t s)
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

/* A new frame: its Ethernet header; returns where the payload goes. */
static inline uint8_t *
sc_frame(struct scene *sc, int64_t ts, const uint8_t *smac, const uint8_t *dmac, uint16_t etype)
{
	uint8_t *f = sc->b[sc->n];

	memset(f, 0, SCENE_BYTES);
	memcpy(f, dmac, 6);
	memcpy(f + 6, smac, 6);
	sc_put16(f + 12, etype);
	sc->ts[sc->n] = ts;
	sc->len[sc->n] = 14;
	return f + 14;
}

static inline void
sc_arp(struct scene *sc, int64_t ts, uint16_t op, const struct node *s, uint32_t tpa,
    const uint8_t *tha)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, zero[6];
	uint8_t *a = sc_frame(sc, ts, s->mac, op == 1 ? bcast : tha, 0x0806);

	sc_put16(a, 1);
	sc_put16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	sc_put16(a + 6, op);
	memcpy(a + 8, s->mac, 6);
	sc_put32(a + 14, s->ip);
	memcpy(a + 18, tha != NULL ? tha : zero, 6);
	sc_put32(a + 24, tpa);
	sc->len[sc->n++] += 28;
}

/* An IPv4 packet with the transport bytes l4 (checksums filled). */
static inline void
sc_ip(struct scene *sc, int64_t ts, const uint8_t *smac, const uint8_t *dmac, uint32_t src,
    uint32_t dst, uint8_t ttl, uint8_t proto, const uint8_t *l4, size_t l4len)
{
	uint8_t *ip = sc_frame(sc, ts, smac, dmac, 0x0800), *t = ip + 20;
	uint32_t ps;

	ip[0] = 0x45;
	sc_put16(ip + 2, (uint16_t)(20 + l4len));
	sc_put16(ip + 4, (uint16_t)(sc->n * 7 + 1));
	ip[6] = 0x40;
	ip[8] = ttl;
	ip[9] = proto;
	sc_put32(ip + 12, src);
	sc_put32(ip + 16, dst);
	sc_put16(ip + 10, sc_sum(ip, 20, 0));
	memcpy(t, l4, l4len);
	ps = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + proto + (uint32_t)l4len;
	if (proto == 6) {
		sc_put16(t + 16, 0);
		sc_put16(t + 16, sc_sum(t, l4len, ps));
	} else if (proto == 17) {
		sc_put16(t + 6, 0);
		sc_put16(t + 6, sc_sum(t, l4len, ps));
	} else if (proto == 1) {
		sc_put16(t + 2, 0);
		sc_put16(t + 2, sc_sum(t, l4len, 0));
	}
	sc->len[sc->n++] += (uint32_t)(20 + l4len);
}

/* TCP: mss and wscale (0xff: none) as options on a SYN. */
static inline void
sc_tcp(struct scene *sc, int64_t ts, const struct node *s, const uint8_t *smac, uint16_t sport,
    const struct node *d, const uint8_t *dmac, uint16_t dport, uint32_t seq, uint32_t ack,
    uint8_t flags, uint16_t win, const void *data, size_t len, uint8_t ttl)
{
	uint8_t t[1500];
	size_t h = (flags & 0x02) ? 28 : 20;

	memset(t, 0, sizeof(t));
	sc_put16(t, sport);
	sc_put16(t + 2, dport);
	sc_put32(t + 4, seq);
	sc_put32(t + 8, ack);
	t[12] = (uint8_t)((h / 4) << 4);
	t[13] = flags;
	sc_put16(t + 14, win);
	if (flags & 0x02) {
		t[20] = 2;
		t[21] = 4;
		sc_put16(t + 22, 1460);
		t[24] = 1;
		t[25] = 3;
		t[26] = 3;
		t[27] = 7;
	}
	if (len > 0)
		memcpy(t + h, data, len);
	sc_ip(sc, ts, smac ? smac : s->mac, dmac ? dmac : d->mac, s->ip, d->ip, ttl, 6, t, h + len);
}

static inline void
sc_udp(struct scene *sc, int64_t ts, const struct node *s, const uint8_t *smac, uint16_t sport,
    const struct node *d, const uint8_t *dmac, uint16_t dport, const void *data, size_t len,
    uint8_t ttl)
{
	uint8_t u[1500];

	sc_put16(u, sport);
	sc_put16(u + 2, dport);
	sc_put16(u + 4, (uint16_t)(8 + len));
	sc_put16(u + 6, 0);
	memcpy(u + 8, data, len);
	sc_ip(sc, ts, smac ? smac : s->mac, dmac ? dmac : d->mac, s->ip, d->ip, ttl, 17, u, 8 + len);
}

/* An ICMP error from r quoting the IP header and 8 bytes of frame k. */
static inline void
sc_icmp_err(struct scene *sc, int64_t ts, const struct node *r, const uint8_t *dmac, uint8_t type,
    uint8_t code, int k, uint8_t ttl)
{
	uint8_t m[64];
	const uint8_t *q = sc->b[k] + 14;
	uint32_t to = (uint32_t)q[12] << 24 | (uint32_t)q[13] << 16 | (uint32_t)q[14] << 8 | q[15];

	memset(m, 0, sizeof(m));
	m[0] = type;
	m[1] = code;
	memcpy(m + 8, q, 28);
	sc_ip(sc, ts, r->mac, dmac, r->ip, to, ttl, 1, m, 36);
}

/* An ICMP echo request (type 8) or reply (0) from s to d, identifier 0x4242. */
static inline void
sc_echo(struct scene *sc, int64_t ms, const struct node *s, const struct node *d,
    const uint8_t *dmac, uint8_t type, uint16_t seq, uint8_t ttl)
{
	uint8_t m[16];

	memset(m, 0, sizeof(m));
	m[0] = type;
	sc_put16(m + 4, 0x4242);
	sc_put16(m + 6, seq);
	sc_ip(sc, ms * MS, s->mac, dmac, s->ip, d->ip, ttl, 1, m, sizeof(m));
}

/* A DNS query or answer (rcode; one A record when addr != 0). */
static inline size_t
sc_dns(uint8_t *m, uint16_t id, bool resp, uint8_t rcode, const char *name, uint16_t qtype,
    uint32_t addr)
{
	size_t o = 12, l;
	const char *p = name, *dot;

	memset(m, 0, 512);
	sc_put16(m, id);
	sc_put16(m + 2, resp ? (uint16_t)(0x8180 | rcode) : 0x0100);
	sc_put16(m + 4, 1);
	sc_put16(m + 6, addr != 0 ? 1 : 0);
	while (*p != '\0') {
		dot = strchr(p, '.');
		l = dot ? (size_t)(dot - p) : strlen(p);
		m[o++] = (uint8_t)l;
		memcpy(m + o, p, l);
		o += l;
		p += l + (dot ? 1 : 0);
	}
	m[o++] = 0;
	sc_put16(m + o, qtype);
	sc_put16(m + o + 2, 1);
	o += 4;
	if (addr != 0) {
		sc_put16(m + o, 0xc00c);
		sc_put16(m + o + 2, 1);
		sc_put16(m + o + 4, 1);
		sc_put32(m + o + 6, 300);
		sc_put16(m + o + 10, 4);
		sc_put32(m + o + 12, addr);
		o += 16;
	}
	return o;
}

/* ---- the same scene over IPv6 ---- */

/*
 * An IPv4 address's IPv6 counterpart: 2001:2::a.b.c.d (RFC 5180's
 * benchmarking prefix), a broadcast or multicast one ff02::1.
 */
static inline void
sc_v6addr(uint8_t *o, const uint8_t *v4)
{
	memset(o, 0, 16);
	o[0] = 0xff;
	o[1] = 0x02;
	o[15] = 1;
	if (v4[0] >= 224 || v4[3] == 255)
		return;
	o[0] = 0x20;
	o[1] = 0x01;
	o[2] = 0x00;
	o[3] = 0x02;
	o[15] = 0;
	memcpy(o + 12, v4, 4);
}

/* ICMPv4's type and code as ICMPv6's (RFC 4443); false when it has none. */
static inline bool
sc_icmp6(uint8_t t, uint8_t c, uint8_t *t6, uint8_t *c6)
{
	static const uint8_t un[16] = { 0, 3, 0xff, 4, 0xff, 7, 0, 3, 0xff, 5, 6, 2, 3, 1, 0xff, 0xff };

	*c6 = 0;
	switch (t) {
	case 8:
		*t6 = 128;
		return true;
	case 0:
		*t6 = 129;
		return true;
	case 11:
		*t6 = 3;
		*c6 = c;
		return true;
	case 12:
		*t6 = 4;
		return true;
	case 3:
		if (c == 4) {
			*t6 = 2;
			return true;
		}
		if (c >= 16 || un[c] == 0xff)
			return false;
		*t6 = 1;
		*c6 = un[c];
		return true;
	default:
		return false;
	}
}

static inline uint32_t
sc_pseudo6(const uint8_t *ip6, size_t l4len, uint8_t nxt)
{
	uint32_t s = 0;
	int i;

	for (i = 8; i < 40; i += 2)
		s += (uint32_t)(ip6[i] << 8 | ip6[i + 1]);
	return s + (uint32_t)(l4len >> 16) + (uint32_t)(l4len & 0xffff) + nxt;
}

/*
 * The IPv4 packet ip (n bytes) as IPv6 into out; its length, 0 when it
 * has no counterpart.  A quote (header and 8 bytes) keeps the original's
 * length and no checksum is redone in it.
 */
static inline size_t
sc_ip4to6(const uint8_t *ip, size_t n, uint8_t *out, bool quote)
{
	size_t hl = (size_t)(ip[0] & 15) * 4, l4n = n - hl, q;
	uint8_t proto = ip[9], *t = out + 40, t6, c6;
	uint16_t plen;

	memset(out, 0, 40);
	out[0] = 0x60;
	out[6] = proto == 1 ? 58 : proto;
	out[7] = ip[8];
	sc_v6addr(out + 8, ip + 12);
	sc_v6addr(out + 24, ip + 16);
	memcpy(t, ip + hl, l4n);
	plen = (uint16_t)l4n;
	if (proto == 1) {
		if (!sc_icmp6(t[0], t[1], &t6, &c6))
			return 0;
		if (!quote && (t[0] == 3 || t[0] == 11 || t[0] == 12)) {
			uint16_t mtu = (uint16_t)(ip[hl + 6] << 8 | ip[hl + 7]);

			memset(t + 4, 0, 4);
			if (t6 == 2)
				sc_put32(t + 4, mtu);
			q = sc_ip4to6(ip + hl + 8, l4n - 8, t + 8, true);
			if (q == 0)
				return 0;
			plen = (uint16_t)(8 + q);
		}
		t[0] = t6;
		t[1] = c6;
	}
	if (quote) {
		sc_put16(out + 4, (uint16_t)((ip[2] << 8 | ip[3]) - hl));
		return 40 + l4n;
	}
	sc_put16(out + 4, plen);
	if (proto == 6) {
		sc_put16(t + 16, 0);
		sc_put16(t + 16, sc_sum(t, plen, sc_pseudo6(out, plen, 6)));
	} else if (proto == 17) {
		sc_put16(t + 6, 0);
		sc_put16(t + 6, sc_sum(t, plen, sc_pseudo6(out, plen, 17)));
	} else if (proto == 1) {
		sc_put16(t + 2, 0);
		sc_put16(t + 2, sc_sum(t, plen, sc_pseudo6(out, plen, 58)));
	}
	return 40 + plen;
}

/*
 * ARP as neighbour discovery (RFC 4861 4.3, 4.4; RFC 4862 5.4): a
 * request as a solicitation (from :: without a link-layer option when
 * it is a probe from 0.0.0.0), a gratuitous request as an unsolicited
 * advertisement to all nodes, a reply as a solicited advertisement (to
 * all nodes, unsolicited, when it answers a probe).
 */
static inline size_t
sc_arp_to_ndp(const uint8_t *a, uint8_t *f)
{
	static const uint8_t all[4] = { 224, 0, 0, 1 };
	uint8_t *ip = f + 14, *t = ip + 40;
	bool req = a[7] == 1, probe = memcmp(a + 14, "\0\0\0\0", 4) == 0;
	bool grat = req && memcmp(a + 14, a + 24, 4) == 0;
	bool to_all = !req && memcmp(a + 24, "\0\0\0\0", 4) == 0;
	size_t plen = probe ? 24 : 32;

	memset(ip, 0, 72);
	ip[0] = 0x60;
	ip[6] = 58;
	ip[7] = 255;
	if (!probe)
		sc_v6addr(ip + 8, a + 14);
	if (req && !grat) {
		t[0] = 135;
		sc_v6addr(t + 8, a + 24);
		memcpy(ip + 24, "\xff\x02\0\0\0\0\0\0\0\0\0\x01\xff", 13);
		memcpy(ip + 37, t + 21, 3);
		memcpy(f, "\x33\x33\xff", 3);
		memcpy(f + 3, t + 21, 3);
		t[24] = 1;
	} else {
		t[0] = 136;
		t[4] = grat || to_all ? 0x20 : 0x60;
		sc_v6addr(t + 8, a + 14);
		if (grat || to_all) {
			sc_v6addr(ip + 24, all);
			memcpy(f, "\x33\x33\0\0\0\x01", 6);
		} else {
			sc_v6addr(ip + 24, a + 24);
		}
		t[24] = 2;
	}
	t[25] = 1;
	memcpy(t + 26, a + 8, 6);
	sc_put16(ip + 4, (uint16_t)plen);
	sc_put16(t + 2, sc_sum(t, plen, sc_pseudo6(ip, plen, 58)));
	return 14 + 40 + plen;
}

/* The scene with every IPv4 packet and ARP frame in IPv6 (frames without one are dropped). */
static inline void
sc_to_v6(const struct scene *in, struct scene *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < in->n; i++) {
		const uint8_t *f = in->b[i];
		uint8_t *o = out->b[out->n];
		size_t n = 0;

		memcpy(o, f, 14);
		if (f[12] == 0x08 && f[13] == 0x06) {
			n = sc_arp_to_ndp(f + 14, o);
		} else if (f[12] == 0x08 && f[13] == 0x00) {
			n = sc_ip4to6(f + 14, in->len[i] - 14, o + 14, false);
			n = n > 0 ? 14 + n : 0;
		}
		if (n == 0 || n > SCENE_BYTES)
			continue;
		o[12] = 0x86;
		o[13] = 0xdd;
		out->len[out->n] = (uint32_t)n;
		out->ts[out->n++] = in->ts[i];
	}
}

/* The scene through a triage's readers, finished. */
static inline struct triage *
sc_run(const struct scene *sc, const struct tri_opts *o)
{
	struct triage *t = triage_new(o, 0);
	struct readers rd;
	int i;

	if (t == NULL)
		return NULL;
	readers_init(&rd);
	triage_readers(t, &rd);
	for (i = 0; i < sc->n; i++)
		readers_frame(&rd, (uint32_t)i + 1, 1700000000LL * 1000000000LL + sc->ts[i], sc->b[i],
		    sc->len[i], sc->len[i], DLT_EN10MB);
	triage_finish(t);
	return t;
}

#endif
