/*
 * Record Route (RFC 791 3.1, option 7) as evidence of the way back:
 * the probe as craft.c builds it, the option read back through the
 * decoder and the correlator, and analyze/ptrace_slow/route.c on
 * synthetic traces built frame by frame.  A queue on the link from hop
 * 2 to hop 3 is congestion there; echo requests carrying the option
 * (after rounds 5, 7 and 9, as trace.c sends them) come back with slots
 * the test writes as the routers would: the way back over the same
 * link makes the verdict certain, another way back is named in its
 * summary, silence changes nothing, and the option probes' slow-path
 * times never reach the hop statistics.
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
#include <jansson.h>
#include <pcap/dlt.h>

#include "analyze/ptrace_slow/render.h"
#include "analyze/ptrace_slow/stage.h"
#include "probes/wire/craft.h"
#include "pktbuild.h"

/*
 * The lab's addressing: this host 198.18.0.1; router k answers from
 * 198.18.(k-1).2, the interface facing this host, and sends on towards
 * the destination from 198.18.k.1; the destination is 198.18.(N-1).2.
 * With p31, the links past router 1 are /31s in a row: link i is
 * 198.18.100.2i (router i's) and .2i+1 (the next node's, which it
 * answers from).
 */
#define ME		A(198, 18, 0, 1)
#define MS		1000000LL
#define ID		77
#define MAXH		8

struct sim {
	int		 nhops;		/* the last is the destination */
	int		 rounds;
	double		 queue_ms;	/* per round in [0, queue_ms), from hop 3 on */
	bool		 udp;		/* UDP probes (the RR echoes a second flow) */
	bool		 p31;		/* routers joined by /31s numbered in a row */
	/* Record Route probes after these rounds (-1 ends the list). */
	int		 rr_rounds[4];
	enum { RR_ANSWER, RR_DROP, RR_STRIP, RR_BAD } rr_mode;
	uint32_t	 rr_slots[9];	/* what the reply's option holds */
	int		 rr_n;
	double		 rr_extra_ms;	/* the slow path's added time */
	bool		 rr_lose_one;	/* the first option probe goes unanswered */
};

struct run {
	struct corr	*c;
	uint32_t	 frame;
	uint16_t	 seq;
};

static uint64_t lcg = 1;

static double
rnd(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(lcg >> 11) / (double)(1ULL << 53);
}

static uint32_t
hop_addr(const struct sim *s, int t)
{
	if (s->p31 && t > 1)
		return A(198, 18, 100, 2 * (t - 1) + 1);
	return A(198, 18, t - 1, 2);
}

static uint32_t
dst_of(const struct sim *s)
{
	return hop_addr(s, s->nhops);
}

/*
 * An echo request or reply with a 40-byte Record Route option (IHL 15):
 * 9 slots, n written, ptr as the last writer left it; bad_ptr sets a
 * pointer that lies (inside a slot).
 */
static size_t
pb_echo_rr(uint8_t *b, uint8_t type, uint32_t src, uint32_t dst, uint8_t ttl, uint16_t id,
    uint16_t seq, const uint32_t *slots, int n, bool bad_ptr)
{
	uint8_t *o = b + 20, *i = b + 60;
	int k;

	memset(b, 0, 76);
	b[0] = 0x4f;
	pb_put16(b + 2, 76);
	pb_put16(b + 4, seq);
	b[8] = ttl;
	b[9] = 1;
	pb_put32(b + 12, src);
	pb_put32(b + 16, dst);
	o[0] = 7;
	o[1] = 39;
	o[2] = bad_ptr ? 6 : (uint8_t)(4 + 4 * n);
	for (k = 0; k < n; k++)
		pb_put32(o + 3 + 4 * k, slots[k]);
	pb_put16(b + 10, pb_sum(b, 60, 0));
	i[0] = type;
	pb_put16(i + 4, id);
	pb_put16(i + 6, seq);
	memcpy(i + 8, "faultlin", 8);
	pb_put16(i + 2, pb_sum(i, 16, 0));
	return 76;
}

static bool
rr_round(const struct sim *s, int round)
{
	int i;

	for (i = 0; i < 4 && s->rr_rounds[i] >= 0; i++)
		if (s->rr_rounds[i] == round)
			return true;
	return false;
}

/* The Record Route echo after round's regular probes, and what comes back. */
static void
send_rr(const struct sim *s, struct run *rs, int64_t ts, double q, bool first)
{
	uint8_t p[128], r[128];
	uint16_t seq = rs->seq++;
	double rtt;
	size_t n;

	n = pb_echo_rr(p, 8, ME, dst_of(s), (uint8_t)s->nhops, ID, seq, NULL, 0, false);
	pb_feed(rs->c, ++rs->frame, ts, p, n);
	if (s->rr_mode == RR_DROP || (first && s->rr_lose_one))
		return;
	rtt = 0.2 + 0.1 * s->nhops + q + s->rr_extra_ms;
	if (s->rr_mode == RR_STRIP)
		n = pb_echo(r, 0, dst_of(s), ME, (uint8_t)(65 - s->nhops), ID, seq);
	else
		n = pb_echo_rr(r, 0, dst_of(s), ME, (uint8_t)(65 - s->nhops), ID, seq, s->rr_slots,
		    s->rr_n, s->rr_mode == RR_BAD);
	pb_feed(rs->c, ++rs->frame, ts + (int64_t)(rtt * 1e6), r, n);
}

static void
run_round(const struct sim *s, struct run *rs, int round, bool *first_rr)
{
	double q = s->queue_ms * rnd();
	int64_t t0 = (int64_t)round * 100 * MS;
	uint8_t p[128], r[128];
	int t;

	for (t = 1; t <= s->nhops; t++) {
		int64_t ts = t0 + t * 10000;
		bool dest = t == s->nhops;
		double rtt = 0.2 + 0.1 * (t - 1) + (t >= 3 ? q + 2 * rnd() : 0.1 * rnd());
		uint16_t seq = rs->seq++;
		size_t n;

		if (s->udp)
			n = pb_udp(p, ME, dst_of(s), (uint8_t)t, 40000, 33434, seq);
		else
			n = pb_echo(p, 8, ME, dst_of(s), (uint8_t)t, ID, seq);
		pb_feed(rs->c, ++rs->frame, ts, p, n);
		if (dest && s->udp)
			n = pb_icmp_err(r, 3, 3, dst_of(s), (uint8_t)(65 - t), p, 28, 1);
		else if (dest)
			n = pb_echo(r, 0, dst_of(s), ME, (uint8_t)(65 - t), ID, seq);
		else
			n = pb_icmp_err(r, 11, 0, hop_addr(s, t), (uint8_t)(256 - t), p, 28, 1);
		pb_feed(rs->c, ++rs->frame, ts + (int64_t)(rtt * 1e6), r, n);
	}
	if (rr_round(s, round)) {
		send_rr(s, rs, t0 + (s->nhops + 1) * 10000, q, *first_rr);
		*first_rr = false;
	}
}

static struct corr *
simulate(const struct sim *s, uint64_t seed)
{
	struct run rs;
	bool first = true;
	int round;

	memset(&rs, 0, sizeof(rs));
	rs.c = corr_new(NULL, 5000 * MS);
	assert_non_null(rs.c);
	lcg = seed;
	for (round = 0; round < s->rounds; round++)
		run_round(s, &rs, round, &first);
	corr_finish(rs.c);
	return rs.c;
}

static void
infer(const struct sim *s, uint64_t seed, struct path_result *r)
{
	struct path_params pp;
	struct corr *c = simulate(s, seed);
	char err[64];
	int32_t g = corr_best_trace(c, NULL, 2);

	assert_true(g >= 0);
	infer_path_defaults(&pp);
	assert_int_equal(infer_path(c, (uint32_t)g, &pp, r, err, sizeof(err)), 0);
	corr_free(c);
}

/* Five hops, congestion on the link from hop 2 to hop 3; no Record Route. */
static void
base(struct sim *s)
{
	memset(s, 0, sizeof(*s));
	s->nhops = 5;
	s->rounds = 20;
	s->queue_ms = 40;
	s->rr_rounds[0] = -1;
}

/* ... with Record Route after rounds 5, 7 and 9. */
static void
with_rr(struct sim *s)
{
	s->rr_rounds[0] = 5;
	s->rr_rounds[1] = 7;
	s->rr_rounds[2] = 9;
	s->rr_rounds[3] = -1;
}

/*
 * The slots a symmetric 4-router path writes: r1..r4's outgoing
 * interfaces out, the destination twice, then r4, r3, r2 back (full).
 */
static void
slots_symmetric(struct sim *s)
{
	static const uint32_t v[9] = {
		A(198, 18, 1, 1), A(198, 18, 2, 1), A(198, 18, 3, 1), A(198, 18, 4, 1),
		A(198, 18, 4, 2), A(198, 18, 4, 2),
		A(198, 18, 3, 2), A(198, 18, 2, 2), A(198, 18, 1, 2),
	};

	memcpy(s->rr_slots, v, sizeof(v));
	s->rr_n = 9;
}

/*
 * The way back leaves r3 by another router: r4 writes 198.18.3.2, r3
 * its return-side 198.19.0.1, b1 198.19.1.1 (full).
 */
static void
slots_asymmetric(struct sim *s)
{
	static const uint32_t v[9] = {
		A(198, 18, 1, 1), A(198, 18, 2, 1), A(198, 18, 3, 1), A(198, 18, 4, 1),
		A(198, 18, 4, 2), A(198, 18, 4, 2),
		A(198, 18, 3, 2), A(198, 19, 0, 1), A(198, 19, 1, 1),
	};

	memcpy(s->rr_slots, v, sizeof(v));
	s->rr_n = 9;
}

static const struct path_finding *
rr_note(const struct path_result *r)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_RETURN_PATH && r->findings[i].cause != NULL &&
		    strcmp(r->findings[i].cause, "record-route") == 0)
			return &r->findings[i];
	return NULL;
}

static json_t *
json_of(const struct path_result *r)
{
	json_t *root = json_object();

	assert_non_null(root);
	assert_int_equal(render_json_path(root, r, NULL, "icmp"), 0);
	return root;
}

static char *
text_of(const struct path_result *r)
{
	struct fl_envelope e;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	memset(&e, 0, sizeof(e));
	assert_int_equal(render_text_path(f, r, &e, NULL, "icmp"), 0);
	fclose(f);
	return buf;
}

static bool
evidence_cites(const struct path_result *r, const char *words)
{
	size_t i;

	for (i = 0; i < r->ev.n; i++)
		if (strstr(r->ev.v[i].summary, words) != NULL)
			return true;
	return false;
}

/* ------------------------------------------------------------------ craft */

static uint8_t *
built(libnet_t *l, struct craft *cr, uint16_t idx, uint8_t ttl, struct corr_key *key,
    uint32_t *n)
{
	char err[256];
	uint8_t *pkt, *copy;

	if (craft_build(cr, idx, ttl, key, err, sizeof(err)) != 0)
		fail_msg("craft_build: %s", err);
	if (libnet_pblock_coalesce(l, &pkt, n) == -1)
		fail_msg("libnet_pblock_coalesce: %s", libnet_geterror(l));
	copy = malloc(*n);
	assert_non_null(copy);
	memcpy(copy, pkt, *n);
	libnet_adv_free_packet(l, pkt);
	return copy;
}

/*
 * craft_record_route(): IHL 15, an empty option of 9 slots with the
 * pointer at the first, the IP checksum over all 60 bytes, the ICMP key
 * as without the option; a UDP run's echo on its identifier; off again,
 * a plain 20-byte header (the packet built afresh, not the old options
 * block reused).
 */
static void
test_craft_rr(void **st)
{
	char lerr[LIBNET_ERRBUF_SIZE], err[128];
	struct fl_addr src, dst;
	struct craft_flow f;
	struct craft cr;
	struct corr_key key;
	struct dec_pkt p;
	libnet_t *l;
	uint8_t *b;
	uint32_t n;
	int proto;

	(void)st;
	fl_addr_v4(&src, ME);
	fl_addr_v4(&dst, A(198, 18, 4, 2));
	for (proto = 0; proto < 2; proto++) {
		l = libnet_init(LIBNET_NONE, NULL, lerr);
		assert_non_null(l);
		assert_int_equal(craft_random_flow(&f, proto ? 17 : 1, &src, &dst, 33434, err,
		    sizeof(err)), 0);
		craft_init(&cr, l, &f);
		b = built(l, &cr, 0, 7, &key, &n);
		assert_int_equal(b[0], 0x45);
		free(b);

		craft_retarget(&cr, 1, f.sport, f.dport);
		craft_record_route(&cr, true);
		b = built(l, &cr, 3, 5, &key, &n);
		assert_int_equal(n, 20 + 40 + 8 + CRAFT_PAYLOAD);
		assert_int_equal(b[0], 0x4f);
		assert_int_equal(pb_sum(b, 60, 0), 0);
		assert_int_equal(dec_packet(b, n, n, DLT_RAW, &p), DEC_OK);
		assert_int_equal(p.ip.hlen, 60);
		assert_int_equal(p.ip.tot_len, n);
		assert_int_equal(p.ip.ttl, 5);
		assert_true(p.opt.has && p.opt.has_rr && !p.opt.rr_bad && !p.opt.bad);
		assert_int_equal(p.opt.rr_len, 39);
		assert_int_equal(p.opt.rr_ptr, 4);
		assert_int_equal(p.opt.rr_slots, 9);
		assert_int_equal(p.opt.rr_n, 0);
		assert_int_equal(p.l4.icmp_type, 8);
		assert_int_equal(p.l4.echo_id, f.echo_id);
		assert_int_equal(key.proto, 1);
		assert_int_equal(key.a, f.echo_id);
		assert_int_equal(p.l4.echo_seq, key.c);
		free(b);
		/* The same shape again reuses the blocks: still one option, still sound. */
		b = built(l, &cr, 4, 5, &key, &n);
		assert_int_equal(n, 20 + 40 + 8 + CRAFT_PAYLOAD);
		assert_int_equal(pb_sum(b, 60, 0), 0);
		free(b);

		craft_record_route(&cr, false);
		craft_retarget(&cr, f.proto, f.sport, f.dport);
		b = built(l, &cr, 5, 6, &key, &n);
		assert_int_equal(b[0], 0x45);
		assert_int_equal(dec_packet(b, n, n, DLT_RAW, &p), DEC_OK);
		assert_false(p.opt.has);
		assert_int_equal(p.ip.proto, f.proto);
		assert_int_equal(n, 20 + 8 + CRAFT_PAYLOAD);
		free(b);
		libnet_destroy(l);
	}
}

/* ------------------------------------------------------------- correlate */

/* The probe keeps that it had options; the reply keeps its slots, or that they lied. */
static void
test_corr_rr(void **st)
{
	static const uint32_t slots[3] = { A(198, 18, 1, 1), A(198, 18, 1, 2), A(198, 18, 0, 2) };
	uint8_t b[128];
	struct corr *c = corr_new(NULL, 0);
	const struct corr_reply *r;
	const struct corr_rr *rr;
	size_t n;

	(void)st;
	n = pb_echo_rr(b, 8, ME, A(198, 18, 1, 2), 2, ID, 1, NULL, 0, false);
	pb_feed(c, 1, 1000, b, n);
	n = pb_echo(b, 8, ME, A(198, 18, 1, 2), 2, ID, 2);
	pb_feed(c, 2, 2000, b, n);
	n = pb_echo_rr(b, 0, A(198, 18, 1, 2), ME, 63, ID, 1, slots, 3, false);
	pb_feed(c, 3, 3000, b, n);
	n = pb_echo_rr(b, 0, A(198, 18, 1, 2), ME, 63, ID, 2, slots, 3, true);
	pb_feed(c, 4, 4000, b, n);
	corr_finish(c);
	assert_int_equal(corr_nprobes(c), 2);
	assert_true(corr_probe(c, 0)->has_opts);
	assert_false(corr_probe(c, 1)->has_opts);
	assert_int_equal(corr_nreplies(c), 2);
	r = corr_reply(c, 0);
	assert_int_equal(r->probe, 0);
	assert_true(r->has_opts && !r->rr_bad);
	rr = corr_rr(c, r->rr);
	assert_non_null(rr);
	assert_int_equal(rr->n, 3);
	assert_false(rr->full);
	assert_int_equal(fl_addr_v4_host(&rr->addr[2]), A(198, 18, 0, 2));
	r = corr_reply(c, 1);
	assert_int_equal(r->probe, 1);
	assert_true(r->has_opts && r->rr_bad);
	assert_int_equal(r->rr, -1);
	assert_null(corr_rr(c, -1));
	assert_null(corr_rr(c, 1));
	corr_free(c);
}

/* -------------------------------------------------------------- the way back */

/*
 * The way back over the same link: certain, said so, the slots in the
 * JSON, the answer cited, a note under Notes.
 */
static void
test_rr_crosses_certain(void **st)
{
	struct sim s;
	struct path_result r;
	json_t *root, *rr, *back;
	char *txt;

	(void)st;
	base(&s);
	with_rr(&s);
	slots_symmetric(&s);
	infer(&s, 7, &r);
	assert_int_equal(r.verdict.kind, VK_CONGESTED);
	assert_int_equal(r.verdict.hop, 3);
	assert_int_equal(r.verdict.from.ttl, 2);
	assert_int_equal(r.verdict.confidence, CONF_CERTAIN);
	assert_string_equal(r.verdict.confidence_reason,
	    "Record Route shows the way back crossing the same link");
	assert_non_null(strstr(r.verdict.summary, "one way or both"));
	assert_null(strstr(r.verdict.summary, "a round trip cannot tell which"));
	assert_true(r.rr.answered && r.rr.split && r.rr.full);
	assert_int_equal(r.rr.sent, 3);
	assert_int_equal(r.rr.replies, 3);
	assert_int_equal(r.rr.nfwd, 4);
	assert_int_equal(r.rr.nback, 3);
	assert_int_equal(r.rr.fwd_hop[0], 1);
	assert_int_equal(r.rr.fwd_hop[3], 4);
	assert_int_equal(r.rr.back_hop[0], 4);
	assert_int_equal(r.rr.back_hop[1], 3);
	assert_int_equal(r.rr.back_hop[2], 2);
	assert_int_equal(r.rr.link, RRL_CROSSES);
	assert_true(evidence_cites(&r, "Record Route: 198.18.1.1"));
	assert_non_null(rr_note(&r));

	root = json_of(&r);
	rr = json_object_get(root, "record_route");
	assert_non_null(rr);
	assert_true(json_is_true(json_object_get(rr, "answered")));
	back = json_object_get(rr, "back");
	assert_int_equal(json_array_size(back), 3);
	assert_string_equal(json_string_value(json_array_get(back, 1)), "198.18.2.2");
	assert_int_equal(json_array_size(json_object_get(rr, "forward")), 4);
	assert_true(json_is_false(json_object_get(rr, "complete")));
	assert_true(json_is_true(json_object_get(json_object_get(rr, "way_back"),
	    "crosses_link")));
	json_decref(root);
	txt = text_of(&r);
	assert_non_null(strstr(txt, "Notes:"));
	assert_non_null(strstr(txt, "return-path: Record Route shows the way back from the "
	    "destination through 198.18.3.2, 198.18.2.2, 198.18.1.2"));
	assert_non_null(strstr(strstr(txt, "Notes:"), "Record Route"));
	free(txt);
	path_result_free(&r);
}

/*
 * The way back from hop 3 by another router: likely, and the summary
 * names where the delay may lie instead; the note says which addresses
 * the way out does not cross.
 */
static void
test_rr_elsewhere_named(void **st)
{
	struct sim s;
	struct path_result r;
	const struct path_finding *f;
	json_t *root, *wb;

	(void)st;
	base(&s);
	with_rr(&s);
	slots_asymmetric(&s);
	infer(&s, 7, &r);
	assert_int_equal(r.verdict.kind, VK_CONGESTED);
	assert_int_equal(r.verdict.hop, 3);
	assert_int_equal(r.verdict.confidence, CONF_LIKELY);
	assert_non_null(strstr(r.verdict.summary, "a round trip cannot tell which"));
	assert_non_null(strstr(r.verdict.summary,
	    "Record Route shows the way back from hop 3 running through 198.19.1.1: the delay "
	    "may lie there."));
	assert_int_equal(r.rr.link, RRL_ELSEWHERE);
	f = rr_note(&r);
	assert_non_null(f);
	/* r3 received from r4's 198.18.3.2 and wrote 198.19.0.1: that one is hop 3's. */
	assert_non_null(strstr(f->summary, ": 198.19.1.1 is on no hop of the way out"));
	assert_int_equal(r.rr.back_hop[1], 3);
	assert_int_equal(r.rr.back_hop[2], 0);
	root = json_of(&r);
	wb = json_object_get(json_object_get(root, "record_route"), "way_back");
	assert_true(json_is_false(json_object_get(wb, "crosses_link")));
	assert_int_equal(json_integer_value(json_object_get(wb, "to")), 3);
	json_decref(root);
	path_result_free(&r);
}

/*
 * No answer, a stripped option, or one whose pointer lies: the verdict,
 * its confidence and its summary are exactly those of a run without
 * Record Route, and no note claims a way back.
 */
static void
test_rr_silent_changes_nothing(void **st)
{
	struct sim s;
	struct path_result plain, r;
	json_t *root, *rr;
	int mode;

	(void)st;
	base(&s);
	infer(&s, 7, &plain);
	assert_int_equal(plain.verdict.kind, VK_CONGESTED);
	assert_int_equal(plain.verdict.confidence, CONF_LIKELY);
	assert_int_equal(plain.rr.sent, 0);
	root = json_of(&plain);
	assert_null(json_object_get(root, "record_route"));
	json_decref(root);
	for (mode = RR_DROP; mode <= RR_BAD; mode++) {
		base(&s);
		with_rr(&s);
		slots_symmetric(&s);
		s.rr_mode = mode;
		infer(&s, 7, &r);
		assert_int_equal(r.verdict.kind, VK_CONGESTED);
		assert_int_equal(r.verdict.hop, plain.verdict.hop);
		assert_int_equal(r.verdict.confidence, CONF_LIKELY);
		assert_string_equal(r.verdict.confidence_reason, plain.verdict.confidence_reason);
		assert_string_equal(r.verdict.summary, plain.verdict.summary);
		assert_false(r.rr.answered);
		assert_int_equal(r.rr.sent, 3);
		assert_int_equal(r.rr.link, RRL_UNKNOWN);
		assert_int_equal(r.rr.replies, mode == RR_DROP ? 0 : 3);
		assert_int_equal(r.rr.stripped, mode == RR_STRIP ? 3 : 0);
		assert_int_equal(r.rr.unreadable, mode == RR_BAD ? 3 : 0);
		assert_null(rr_note(&r));
		assert_int_equal(r.nfindings, plain.nfindings);
		root = json_of(&r);
		rr = json_object_get(root, "record_route");
		assert_true(json_is_false(json_object_get(rr, "answered")));
		assert_non_null(strstr(json_string_value(json_object_get(rr, "note")),
		    "proves nothing"));
		assert_null(json_object_get(rr, "back"));
		json_decref(root);
		path_result_free(&r);
	}
	path_result_free(&plain);
}

/*
 * Slots without the destination's own address cannot be split into
 * out and back: said so in a note, and the verdict stays likely.
 */
static void
test_rr_not_split(void **st)
{
	struct sim s;
	struct path_result r;
	const struct path_finding *f;

	(void)st;
	base(&s);
	with_rr(&s);
	slots_symmetric(&s);
	s.rr_slots[4] = s.rr_slots[5] = A(203, 0, 113, 9);
	infer(&s, 7, &r);
	assert_true(r.rr.answered);
	assert_false(r.rr.split);
	assert_int_equal(r.verdict.confidence, CONF_LIKELY);
	f = rr_note(&r);
	assert_non_null(f);
	assert_non_null(strstr(f->summary, "cannot be told apart"));
	path_result_free(&r);
}

/*
 * The option probes go to the destination's TTL on the regular flow (-I)
 * with a slow path's half second added and one unanswered: the hop table
 * is exactly the one without them, so nothing of theirs is an RTT, a
 * loss or a round; with UDP probes they are a second flow, read all the
 * same.
 */
static void
test_rr_kept_out_of_statistics(void **st)
{
	struct sim s;
	struct path_result plain, r;
	int t, udp;

	(void)st;
	for (udp = 0; udp < 2; udp++) {
		base(&s);
		s.udp = udp;
		infer(&s, 11, &plain);
		base(&s);
		s.udp = udp;
		with_rr(&s);
		slots_symmetric(&s);
		s.rr_extra_ms = 500;
		s.rr_lose_one = true;
		infer(&s, 11, &r);
		assert_int_equal(r.rr.sent, 3);
		assert_int_equal(r.rr.replies, 2);
		assert_true(r.rr.answered);
		assert_int_equal(r.rounds, plain.rounds);
		assert_int_equal(r.probes, plain.probes);
		assert_int_equal(r.replies, plain.replies);
		assert_int_equal(r.dest_ttl, plain.dest_ttl);
		for (t = 1; t <= s.nhops; t++) {
			const struct path_hop *a = &plain.hops[t], *b = &r.hops[t];

			assert_int_equal(b->sent, a->sent);
			assert_int_equal(b->received, a->received);
			assert_int_equal(b->lost, a->lost);
			assert_int_equal(b->opportunities, a->opportunities);
			assert_true(b->loss_pct == a->loss_pct);
			assert_true(b->rtt.max == a->rtt.max);
			assert_true(b->rtt.median == a->rtt.median);
			assert_true(b->rtt.max < 200);
		}
		assert_int_equal(r.nlinks, plain.nlinks);
		assert_int_equal(r.verdict.kind, plain.verdict.kind);
		assert_true(r.verdict.added_ms == plain.verdict.added_ms);
		path_result_free(&plain);
		path_result_free(&r);
	}
}

/*
 * route.c's reading on its own terms: a three-router path whose way back
 * leaves room (not full), the link from this host to hop 1, and a way
 * back that skips hop a.
 */
static void
test_rr_link_cases(void **st)
{
	struct sim s;
	struct path_result r;
	char via[200];
	static const uint32_t sym[8] = {
		A(198, 18, 1, 1), A(198, 18, 2, 1), A(198, 18, 3, 1),
		A(198, 18, 3, 2), A(198, 18, 3, 2),
		A(198, 18, 2, 2), A(198, 18, 1, 2), A(198, 18, 0, 2),
	};
	static const uint32_t p31[8] = {
		A(198, 18, 100, 2), A(198, 18, 100, 4), A(198, 18, 100, 6),
		A(198, 18, 100, 7), A(198, 18, 100, 7),
		A(198, 18, 100, 5), A(198, 18, 100, 3), A(198, 18, 0, 2),
	};
	static const uint32_t asym[8] = {
		A(198, 18, 1, 1), A(198, 18, 2, 1), A(198, 18, 3, 1),
		A(198, 18, 3, 2), A(198, 18, 3, 2),
		A(198, 19, 0, 1), A(198, 19, 1, 1), A(198, 18, 0, 2),
	};

	(void)st;
	base(&s);
	s.nhops = 4;
	s.queue_ms = 0;
	with_rr(&s);
	memcpy(s.rr_slots, sym, sizeof(sym));
	s.rr_n = 8;
	infer(&s, 3, &r);
	assert_true(r.rr.answered && r.rr.split && !r.rr.full);
	assert_int_equal(r.rr.nback, 3);
	assert_int_equal(path_route_link(&r, 2, 3, via, sizeof(via)), RRL_CROSSES);
	assert_int_equal(path_route_link(&r, 0, 1, via, sizeof(via)), RRL_CROSSES);
	assert_int_equal(path_route_link(&r, 3, 4, via, sizeof(via)), RRL_CROSSES);
	assert_int_equal(path_route_link(&r, 1, 3, via, sizeof(via)), RRL_ELSEWHERE);
	assert_string_equal(via, "198.18.1.2, 198.18.0.2");
	assert_int_equal(path_route_link(&r, 0, 2, via, sizeof(via)), RRL_ELSEWHERE);
	path_result_free(&r);

	memcpy(s.rr_slots, asym, sizeof(asym));
	infer(&s, 3, &r);
	assert_int_equal(path_route_link(&r, 2, 3, via, sizeof(via)), RRL_ELSEWHERE);
	assert_string_equal(via, "198.19.1.1, 198.18.0.2");
	/* Hop 2 is not on the way back: its own way back is not shown. */
	assert_int_equal(path_route_link(&r, 1, 2, via, sizeof(via)), RRL_UNKNOWN);
	assert_int_equal(path_route_link(&r, 0, 1, via, sizeof(via)), RRL_CROSSES);
	path_result_free(&r);

	/*
	 * /31s in a row: router 3 writes .6 out, and answers from .5, which
	 * with router 2's .3 would read as a /30 with .6; the /31 with the
	 * destination's .7 is the stronger reading.
	 */
	s.p31 = true;
	memcpy(s.rr_slots, p31, sizeof(p31));
	infer(&s, 3, &r);
	assert_int_equal(r.rr.nfwd, 3);
	assert_int_equal(r.rr.fwd_hop[0], 1);
	assert_int_equal(r.rr.fwd_hop[1], 2);
	assert_int_equal(r.rr.fwd_hop[2], 3);
	assert_int_equal(path_route_link(&r, 2, 3, via, sizeof(via)), RRL_CROSSES);
	assert_int_equal(path_route_link(&r, 1, 2, via, sizeof(via)), RRL_CROSSES);
	path_result_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_craft_rr),
		cmocka_unit_test(test_corr_rr),
		cmocka_unit_test(test_rr_crosses_certain),
		cmocka_unit_test(test_rr_elsewhere_named),
		cmocka_unit_test(test_rr_silent_changes_nothing),
		cmocka_unit_test(test_rr_not_split),
		cmocka_unit_test(test_rr_kept_out_of_statistics),
		cmocka_unit_test(test_rr_link_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
