/*
 * Probe crafting tests.  libnet builds packets without privileges in a
 * LIBNET_NONE context, and libnet_pblock_coalesce() hands back the bytes
 * a raw socket would have sent (free them with libnet_adv_free_packet()).
 * Each probe is decoded again with the decoder the commands use and
 * checked against the identification scheme of craft.h, with every
 * checksum recomputed here, independently of libnet and the decoder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pcap/dlt.h>

#include "analyze/flow/correlate.h"
#include "probes/wire/craft.h"
#include "analyze/packet/decode.h"

#define SRC	0xc0000201u	/* 192.0.2.1 */
#define DST	0xc6336407u	/* 198.51.100.7 */
#define MAXPKT	256

/* RFC 1071 sum, folded with end-around carry, not complemented. */
static uint16_t
ref_sum(const uint8_t *b, size_t n, uint64_t s)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint64_t)b[i] << 8 | b[i + 1];
	if (n & 1)
		s += (uint64_t)b[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* A transport checksum over the RFC 768 / RFC 9293 pseudo-header holds. */
static bool
l4_sum_ok(const uint8_t *ip, size_t n, uint8_t proto)
{
	uint8_t ph[12];
	size_t hl = (size_t)(ip[0] & 0x0f) * 4;
	uint16_t l4len = (uint16_t)(n - hl);

	memcpy(ph, ip + 12, 8);
	ph[8] = 0;
	ph[9] = proto;
	ph[10] = (uint8_t)(l4len >> 8);
	ph[11] = (uint8_t)l4len;
	return ref_sum(ip + hl, l4len, ref_sum(ph, sizeof(ph), 0)) == 0xffff;
}

struct ctx {
	libnet_t	*l;
	struct craft	 cr;
	struct craft_flow f;
};

static void
ctx_open(struct ctx *x, uint8_t proto)
{
	char lerr[LIBNET_ERRBUF_SIZE], err[256];
	struct fl_addr src, dst;

	x->l = libnet_init(LIBNET_NONE, NULL, lerr);
	if (x->l == NULL)
		fail_msg("libnet_init(LIBNET_NONE): %s", lerr);
	fl_addr_v4(&src, SRC);
	fl_addr_v4(&dst, DST);
	if (craft_random_flow(&x->f, proto, &src, &dst, proto == 6 ? 443 : 33434, err,
	    sizeof(err)) != 0)
		fail_msg("craft_random_flow: %s", err);
}

static void
ctx_start(struct ctx *x)
{
	craft_init(&x->cr, x->l, &x->f);
}

static void
ctx_close(struct ctx *x)
{
	libnet_destroy(x->l);
}

/* Build probe idx and return its bytes, exactly as many as were built. */
static uint8_t *
build(struct ctx *x, uint16_t idx, uint8_t ttl, struct corr_key *key, uint32_t *n)
{
	char err[256];
	uint8_t *pkt, *copy;
	uint32_t len;

	if (craft_build(&x->cr, idx, ttl, key, err, sizeof(err)) != 0)
		fail_msg("craft_build(%u, %u): %s", idx, ttl, err);
	if (libnet_pblock_coalesce(x->l, &pkt, &len) == -1)
		fail_msg("libnet_pblock_coalesce: %s", libnet_geterror(x->l));
	copy = malloc(len);
	assert_non_null(copy);
	memcpy(copy, pkt, len);
	libnet_adv_free_packet(x->l, pkt);
	*n = len;
	return copy;
}

static bool
key_eq(const struct corr_key *a, const struct corr_key *b)
{
	return fl_addr_eq(&a->src, &b->src) && fl_addr_eq(&a->dst, &b->dst) &&
	    a->proto == b->proto && a->a == b->a && a->b == b->b && a->c == b->c;
}

/*
 * Everything one probe must be, whatever its protocol; the decoded
 * packet is left in p for the protocol's own checks.
 */
static void
check_common(const struct ctx *x, const uint8_t *b, uint32_t n, uint16_t idx,
    uint8_t ttl, const struct corr_key *key, struct dec_pkt *p)
{
	struct corr_key k2;
	struct fl_addr src, dst;

	if (dec_packet(b, n, n, DLT_RAW, p) != DEC_OK)
		fail_msg("probe %u: decodes as %d (%s)", idx, p->status, p->why);
	fl_addr_v4(&src, SRC);
	fl_addr_v4(&dst, DST);
	assert_int_equal(p->ip.hlen, 20);
	assert_int_equal(p->ip.tot_len, n);
	assert_int_equal(p->ip.ttl, ttl);
	assert_int_equal(p->ip.proto, x->f.proto);
	assert_int_equal(p->ip.tos, x->f.tos);
	assert_int_equal(p->ip.id, (uint16_t)(x->f.ipid_base + idx));
	assert_int_equal(p->ip.frag, 0);
	assert_false(p->ip.mf);
	assert_true(fl_addr_eq(&p->ip.src, &src));
	assert_true(fl_addr_eq(&p->ip.dst, &dst));
	if (ref_sum(b, 20, 0) != 0xffff)
		fail_msg("probe %u: IP header checksum 0x%04x is wrong", idx, p->ip.cksum);
	if (!corr_probe_key(p, &k2))
		fail_msg("probe %u: the correlator does not take it for a probe", idx);
	if (!key_eq(key, &k2))
		fail_msg("probe %u: craft_build key (%u,%u,%u) but decoded key (%u,%u,%u)",
		    idx, key->a, key->b, key->c, k2.a, k2.b, k2.c);
	assert_true(fl_addr_eq(&key->src, &src));
	assert_true(fl_addr_eq(&key->dst, &dst));
	assert_int_equal(key->proto, x->f.proto);
}

static const uint16_t idxs[] = { 0, 1, 2, 7, 255, 256, 1000, 32767, 32768, 59998,
    CRAFT_MAX_PROBES - 1 };
static const uint8_t ttls[] = { 1, 2, 30, 64, 255 };

#define NIDX	(sizeof(idxs) / sizeof(idxs[0]))
#define NTTL	(sizeof(ttls) / sizeof(ttls[0]))

/*
 * ICMP echo, RFC 792: identifier and checksum constant (so per-flow
 * load balancers hash every probe alike), sequence = base + idx, and the
 * checksum is really the checksum of the message.
 */
static void
check_icmp_flow(struct ctx *x)
{
	uint8_t first[MAXPKT];
	uint32_t n, n0 = 0;
	size_t i, t;
	struct corr_key key;
	struct dec_pkt p;
	uint8_t *b;

	ctx_start(x);
	for (i = 0; i < NIDX; i++) {
		for (t = 0; t < NTTL; t++) {
			b = build(x, idxs[i], ttls[t], &key, &n);
			check_common(x, b, n, idxs[i], ttls[t], &key, &p);
			assert_int_equal(n, 20 + 8 + CRAFT_PAYLOAD);
			assert_int_equal(p.l4.icmp_type, 8);
			assert_int_equal(p.l4.icmp_code, 0);
			assert_int_equal(p.l4.echo_id, x->f.echo_id);
			assert_int_equal(p.l4.echo_seq, (uint16_t)(x->f.seq_base + idxs[i]));
			assert_int_equal(p.l4.icmp_sum, x->f.echo_cksum);
			if (ref_sum(b + 20, n - 20, 0) != 0xffff)
				fail_msg("ICMP probe %u: checksum 0x%04x does not hold", idxs[i],
				    p.l4.icmp_sum);
			assert_int_equal(key.a, x->f.echo_id);
			assert_int_equal(key.c, (uint16_t)(x->f.seq_base + idxs[i]));
			if (n0 == 0) {
				memcpy(first, b, n);
				n0 = n;
			}
			/* Type, code, checksum, identifier: the flow hash. */
			assert_memory_equal(b + 20, first + 20, 6);
			/* The fixed payload after the two balancing bytes. */
			assert_memory_equal(b + 30, first + 30, CRAFT_PAYLOAD - 2);
			if (idxs[i] != 0)
				assert_int_not_equal(p.l4.echo_seq, first[26] << 8 | first[27]);
			free(b);
		}
	}
}

static void
check_udp_flow(struct ctx *x)
{
	uint32_t n;
	size_t i, t;
	struct corr_key key;
	struct dec_pkt p;
	uint8_t *b;

	ctx_start(x);
	for (i = 0; i < NIDX; i++) {
		for (t = 0; t < NTTL; t++) {
			uint16_t want = (uint16_t)(x->f.udp_base + idxs[i]);

			b = build(x, idxs[i], ttls[t], &key, &n);
			check_common(x, b, n, idxs[i], ttls[t], &key, &p);
			assert_int_equal(n, 20 + 8 + CRAFT_PAYLOAD);
			assert_int_equal(p.l4.sport, x->f.sport);
			assert_int_equal(p.l4.dport, x->f.dport);
			assert_int_equal(p.l4.udp_len, 8 + CRAFT_PAYLOAD);
			assert_int_equal(p.l4.udp_sum, want);
			assert_int_not_equal(p.l4.udp_sum, 0);
			if (!l4_sum_ok(b, n, 17))
				fail_msg("UDP probe %u: checksum 0x%04x does not hold", idxs[i],
				    p.l4.udp_sum);
			assert_int_equal(key.a, x->f.sport);
			assert_int_equal(key.b, x->f.dport);
			assert_int_equal(key.c, want);
			free(b);
		}
	}
}

static void
check_tcp_flow(struct ctx *x)
{
	uint32_t n;
	size_t i, t;
	struct corr_key key;
	struct dec_pkt p;
	uint8_t *b;

	ctx_start(x);
	for (i = 0; i < NIDX; i++) {
		for (t = 0; t < NTTL; t++) {
			uint32_t seq = x->f.tcp_base + idxs[i];

			b = build(x, idxs[i], ttls[t], &key, &n);
			check_common(x, b, n, idxs[i], ttls[t], &key, &p);
			assert_int_equal(n, 20 + 20 + 4);
			assert_int_equal(b[32] >> 4, 6);	/* data offset: MSS */
			assert_int_equal(p.l4.sport, x->f.sport);
			assert_int_equal(p.l4.dport, x->f.dport);
			assert_int_equal(p.l4.seq, seq);
			assert_int_equal(p.l4.ack, 0);
			assert_int_equal(p.l4.tcp_flags, TCP_SYN);
			assert_int_equal(p.l4.tcp_mss, 1460);
			assert_int_equal(p.payload_len, 0);
			if (!l4_sum_ok(b, n, 6))
				fail_msg("TCP probe %u: checksum does not hold", idxs[i]);
			assert_int_equal(key.a, x->f.sport);
			assert_int_equal(key.b, x->f.dport);
			assert_int_equal(key.c, seq);
			free(b);
		}
	}
}

static void
test_icmp_random(void **state)
{
	struct ctx x;

	(void)state;
	ctx_open(&x, 1);
	check_icmp_flow(&x);
	ctx_close(&x);
}

/* Identifiers at the edges: sequence and IP ID wrap, extreme checksums. */
static void
test_icmp_edges(void **state)
{
	static const uint16_t cks[] = { 1, 2, 0x7fff, 0x8000, 0xfffd };
	struct ctx x;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cks) / sizeof(cks[0]); i++) {
		ctx_open(&x, 1);
		x.f.echo_cksum = cks[i];
		x.f.echo_id = (uint16_t)(i & 1 ? 0xffff : 0);
		x.f.seq_base = 0xfff0;
		x.f.ipid_base = 0xffff;
		check_icmp_flow(&x);
		ctx_close(&x);
	}
}

static void
test_udp_random(void **state)
{
	struct ctx x;

	(void)state;
	ctx_open(&x, 17);
	check_udp_flow(&x);
	ctx_close(&x);
}

/* The lowest and highest bases craft_random_flow() can choose. */
static void
test_udp_edges(void **state)
{
	static const uint16_t bases[] = { 1, 0xfffe - CRAFT_MAX_PROBES - 1 };
	struct ctx x;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		ctx_open(&x, 17);
		x.f.udp_base = bases[i];
		x.f.sport = (uint16_t)(i ? 65535 : 1);
		x.f.dport = (uint16_t)(i ? 1 : 65535);
		check_udp_flow(&x);
		ctx_close(&x);
	}
}

/* Every index of a run: every UDP checksum holds and none is 0. */
static void
test_udp_every_index(void **state)
{
	struct corr_key key;
	struct dec_pkt p;
	struct ctx x;
	uint32_t i, n;
	uint8_t *b;

	(void)state;
	ctx_open(&x, 17);
	ctx_start(&x);
	for (i = 0; i < CRAFT_MAX_PROBES; i++) {
		b = build(&x, (uint16_t)i, 64, &key, &n);
		if (dec_packet(b, n, n, DLT_RAW, &p) != DEC_OK || p.l4.udp_sum == 0 ||
		    p.l4.udp_sum != (uint16_t)(x.f.udp_base + i) || !l4_sum_ok(b, n, 17))
			fail_msg("UDP probe %u (base %u): checksum 0x%04x", i, x.f.udp_base,
			    p.l4.udp_sum);
		free(b);
	}
	ctx_close(&x);
}

static void
test_tcp_random(void **state)
{
	struct ctx x;

	(void)state;
	ctx_open(&x, 6);
	check_tcp_flow(&x);
	ctx_close(&x);
}

static void
test_tcp_edges(void **state)
{
	struct ctx x;

	(void)state;
	ctx_open(&x, 6);
	x.f.tcp_base = 0xffffffffu - 100;	/* wraps within the run */
	x.f.tos = 0x10;
	check_tcp_flow(&x);
	ctx_close(&x);
}

static void
test_unknown_proto(void **state)
{
	char err[256] = "";
	struct corr_key key;
	struct ctx x;

	(void)state;
	ctx_open(&x, 99);
	ctx_start(&x);
	assert_int_equal(craft_build(&x.cr, 0, 1, &key, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "99"));
	ctx_close(&x);
}

/*
 * ~fold(partial + w) == want, the property craft_fix_word() promises for
 * the checksums craft.c asks of it: never 0xffff, which an end-around
 * sum reaches only when every word is 0 (partial 0 and w 0).
 */
static bool
fixes(uint32_t partial, uint16_t w, uint16_t want)
{
	uint64_t s = (uint64_t)partial + w;

	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s == want;
}

static void
check_fix_word(uint32_t partial, uint16_t want)
{
	uint16_t got = craft_fix_word(partial, want);
	uint32_t w;
	bool any = false;

	if (want == 0xffff) {
		assert_false(fixes(partial, got, want) && partial != 0);
		return;
	}
	if (fixes(partial, got, want))
		return;
	for (w = 0; w <= 0xffff && !any; w++)
		any = fixes(partial, (uint16_t)w, want);
	if (any)
		fail_msg("craft_fix_word(0x%08x, 0x%04x) = 0x%04x does not reach it, "
		    "but 0x%04x does", partial, want, got, w - 1);
	fail_msg("craft_fix_word(0x%08x, 0x%04x): no word reaches it", partial, want);
}

static void
test_fix_word(void **state)
{
	static const uint32_t partials[] = { 0, 1, 0xfffe, 0xffff, 0x10000, 0x1fffe, 0x1ffff,
	    0x12345678, 0xfffeffff, 0xffff0000, 0xffffffff };
	static const uint16_t wants[] = { 0, 1, 2, 0x7fff, 0x8000, 0xfffd, 0xfffe, 0xffff };
	uint32_t r[2];
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(partials) / sizeof(partials[0]); i++)
		for (j = 0; j < sizeof(wants) / sizeof(wants[0]); j++)
			check_fix_word(partials[i], wants[j]);
	srandom(20261122);
	for (i = 0; i < 2000; i++) {
		r[0] = (uint32_t)random() ^ ((uint32_t)random() << 16);
		r[1] = (uint32_t)random();
		/* Real partial sums are small; test those and the whole range. */
		check_fix_word(i & 1 ? r[0] : r[0] & 0xfffff, (uint16_t)r[1]);
	}
	/* Brute force the other way: every want for a few partials. */
	for (i = 0; i < 4; i++) {
		uint32_t w, partial = i == 0 ? 0x2fffd : (uint32_t)random();

		for (w = 0; w < 0xffff; w++)
			if (!fixes(partial, craft_fix_word(partial, (uint16_t)w), (uint16_t)w))
				fail_msg("craft_fix_word(0x%08x, 0x%04x) fails", partial, w);
	}
}

static void
test_random_flow(void **state)
{
	struct craft_flow f[1000];
	struct fl_addr src, dst;
	unsigned int distinct_id = 0, i, j;
	uint16_t sport_min = 0xffff, sport_max = 0;
	char err[128];

	(void)state;
	fl_addr_v4(&src, SRC);
	fl_addr_v4(&dst, DST);
	for (i = 0; i < 1000; i++) {
		if (craft_random_flow(&f[i], 17, &src, &dst, 33434, err, sizeof(err)) != 0)
			fail_msg("craft_random_flow: %s", err);
		assert_int_equal(f[i].proto, 17);
		assert_true(fl_addr_eq(&f[i].src, &src));
		assert_true(fl_addr_eq(&f[i].dst, &dst));
		assert_int_equal(f[i].dport, 33434);
		assert_int_equal(f[i].tos, 0);
		assert_in_range(f[i].sport, 33000, 60999);
		assert_in_range(f[i].echo_cksum, 1, 0xfffd);
		assert_in_range(f[i].udp_base, 1, 0xfffe - CRAFT_MAX_PROBES);
		/* Every UDP checksum of the run stays in 1..0xfffe. */
		assert_true((uint32_t)f[i].udp_base + CRAFT_MAX_PROBES - 1 <= 0xfffe);
		if (f[i].sport < sport_min)
			sport_min = f[i].sport;
		if (f[i].sport > sport_max)
			sport_max = f[i].sport;
	}
	/* Two flows differ; a thousand are nearly all distinct. */
	assert_true(f[0].echo_id != f[1].echo_id || f[0].tcp_base != f[1].tcp_base);
	for (i = 0; i < 1000; i++) {
		for (j = 0; j < i && f[j].echo_id != f[i].echo_id; j++)
			;
		distinct_id += j == i;
	}
	assert_true(distinct_id > 950);
	/* The source port spreads over its range, not a corner of it. */
	assert_true(sport_min < 34000);
	assert_true(sport_max > 60000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_icmp_random),
		cmocka_unit_test(test_icmp_edges),
		cmocka_unit_test(test_udp_random),
		cmocka_unit_test(test_udp_edges),
		cmocka_unit_test(test_udp_every_index),
		cmocka_unit_test(test_tcp_random),
		cmocka_unit_test(test_tcp_edges),
		cmocka_unit_test(test_unknown_proto),
		cmocka_unit_test(test_fix_word),
		cmocka_unit_test(test_random_flow),
	};

	return cmocka_run_group_tests_name("craft", tests, NULL, NULL);
}
