/*
 * Path inference on synthetic traces: each scenario says, per hop, who
 * answers, how slowly and how often; the packets are built, correlated
 * and read back exactly as a capture would be.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "analyze/ptrace_slow/infer.h"
#include "pktbuild.h"

#define ME	A(198, 18, 0, 1)
#define DST	A(198, 18, 9, 2)
#define MS	1000000LL

struct hop_spec {
	uint32_t	addr;		/* 0: never answers */
	double		base_ms;	/* fastest reply */
	double		jitter_ms;	/* plus uniform [0, jitter) */
	double		loss;		/* share of probes unanswered, evenly spread */
	int		unreach_code;	/* > 0: answers ICMP unreachable code-1 */
	int		unreach_every;	/* > 0: ... only in rounds that are multiples of it */
	bool		rate_limit;	/* 6 answers, then one a second */
	bool		queued;		/* behind the shared queue */
	int		ret_extra;	/* the way back is this many hops longer (< 0: shorter) */
	uint32_t	round_addr[8];	/* nonzero: who answers in rounds 0-7 instead of addr */
	bool		dup;		/* every reply arrives twice */
	bool		late_first;	/* the first round's reply comes after the wait */
};

struct scenario {
	struct hop_spec	hop[16];	/* hop[i] is TTL i+1; the last is the destination */
	int		nhops;
	int		rounds;
	bool		dest_silent;	/* the destination never answers */
	double		queue_ms;	/* one queue, drawn per round in [0, queue_ms) */
	bool		udp;		/* UDP probes; the destination answers port unreachable */
	bool		descending;	/* each round probes from the largest TTL down */
	int		beyond;		/* TTLs probed past the destination, which answers them */
	uint32_t	detour;		/* nonzero: this router answers those in round 1 */
	bool		noise;		/* another program traces the first two hops alongside */
	bool		ttl0;		/* one probe with TTL 0, as a broken tool might send */
	int		skip_ttl;	/* > 0: this TTL is never probed */
	double		interval_ms;	/* between rounds; 0: 100 */
};

static int64_t
round_start(const struct scenario *s, int round)
{
	return (int64_t)(round * (s->interval_ms > 0 ? s->interval_ms : 100) * 1e6);
}

static uint64_t lcg = 1;

static double
rnd(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(lcg >> 11) / (double)(1ULL << 53);
}

/* Exactly floor(rounds x share) losses, spread out, phase per hop. */
static bool
lost(double share, int round, int ttl)
{
	double phase = 0.37 * ttl;

	return floor((round + 1) * share + phase) > floor(round * share + phase);
}

/* The probe for TTL t of this run, built into p; returns its length. */
static size_t
probe(const struct scenario *s, uint8_t *p, uint8_t t, uint16_t seq)
{
	if (s->udp)
		return pb_udp(p, ME, DST, t, 40000, 33434, seq);
	return pb_echo(p, 8, ME, DST, t, 77, seq);
}

/* What hop h at TTL t (or the destination) sends back to probe p. */
static size_t
answer(const struct scenario *s, const struct hop_spec *h, int round, int t, bool dest,
    const uint8_t *p, uint16_t seq, uint8_t *r)
{
	uint32_t from = round < 8 && h->round_addr[round] ? h->round_addr[round] : h->addr;

	if (h->unreach_code > 0 && (h->unreach_every == 0 || round % h->unreach_every == 0))
		return pb_icmp_err(r, 3, (uint8_t)(h->unreach_code - 1), from,
		    (uint8_t)(65 - t - h->ret_extra), p, 28, 1);
	if (dest && s->udp)
		return pb_icmp_err(r, 3, 3, DST, (uint8_t)(65 - t - h->ret_extra), p, 28, 1);
	if (dest)
		return pb_echo(r, 0, DST, ME, (uint8_t)(65 - t - h->ret_extra), 77, seq);
	return pb_icmp_err(r, 11, 0, from, (uint8_t)(256 - t - h->ret_extra), p, 28, 1);
}

/* Probes past the destination: its own answers, or a detour's. */
static void
run_beyond(const struct scenario *s, struct corr *c, int round, uint32_t *frame,
    uint16_t *seq)
{
	uint8_t p[64], r[128];
	int i;

	for (i = 1; i <= s->beyond; i++) {
		int t = s->nhops + i;
		int64_t ts = round_start(s, round) + t * 10000;
		size_t n = probe(s, p, (uint8_t)t, (*seq)++);

		pb_feed(c, ++*frame, ts, p, n);
		if (round == 1 && s->detour != 0)
			n = pb_icmp_err(r, 11, 0, s->detour, (uint8_t)(256 - t), p, 28, 1);
		else
			n = answer(s, &s->hop[s->nhops - 1], round, t, true, p,
			    (uint16_t)(*seq - 1), r);
		pb_feed(c, ++*frame, ts + 1000000, r, n);
	}
}

/* Another flow (ICMP identifier 99) through the first two hops. */
static void
run_noise(const struct scenario *s, struct corr *c, int round, uint32_t *frame)
{
	uint8_t p[64], r[128];
	int t;

	for (t = 1; t <= 2; t++) {
		int64_t ts = round_start(s, round) + 50 * MS + t * 10000;
		size_t n = pb_echo(p, 8, ME, DST, (uint8_t)t, 99, (uint16_t)(round * 2 + t));

		pb_feed(c, ++*frame, ts, p, n);
		n = pb_icmp_err(r, 11, 0, s->hop[t - 1].addr, (uint8_t)(256 - t), p, 28, 1);
		pb_feed(c, ++*frame, ts + 1000000, r, n);
	}
}

static struct corr *
run(const struct scenario *s, uint64_t seed)
{
	struct corr *c = corr_new(NULL, 5000 * MS);
	uint8_t p[64], r[128];
	uint32_t frame = 0;
	uint16_t seq = 0;
	int round, i;

	lcg = seed;
	for (round = 0; round < s->rounds; round++) {
		/*
		 * The probes of one round cross a queue within microseconds
		 * of each other, so every hop behind it sees the same state.
		 */
		double q = s->queue_ms * rnd();

		if (s->descending)
			run_beyond(s, c, round, &frame, &seq);
		for (i = 1; i <= s->nhops; i++) {
			int t = s->descending ? s->nhops + 1 - i : i;
			const struct hop_spec *h = &s->hop[t - 1];
			int64_t ts = round_start(s, round) + i * 10000;
			bool dest = t == s->nhops;
			double rtt = h->base_ms + h->jitter_ms * rnd() + (h->queued ? q : 0);
			size_t n;

			if (t == s->skip_ttl)
				continue;
			n = probe(s, p, (uint8_t)t, seq++);
			pb_feed(c, ++frame, ts, p, n);
			if (lost(h->loss, round, t) || (dest && s->dest_silent) ||
			    (!dest && h->addr == 0))
				continue;
			if (h->rate_limit && round >= 6 && round % 10 != 0)
				continue;
			ts += (int64_t)(rtt * 1e6);
			if (h->late_first && round == 0)
				ts += 6000 * MS;
			n = answer(s, h, round, t, dest, p, (uint16_t)(seq - 1), r);
			pb_feed(c, ++frame, ts, r, n);
			if (h->dup)
				pb_feed(c, ++frame, ts + 100000, r, n);
		}
		if (!s->descending)
			run_beyond(s, c, round, &frame, &seq);
		if (s->noise)
			run_noise(s, c, round, &frame);
		if (s->ttl0 && round == 0) {
			size_t n = probe(s, p, 0, seq++);

			pb_feed(c, ++frame, round_start(s, round) + 90 * MS, p, n);
		}
	}
	corr_finish(c);
	return c;
}

static void
infer(const struct scenario *s, uint64_t seed, struct path_result *res)
{
	struct path_params pp;
	struct corr *c = run(s, seed);
	char err[64];

	infer_path_defaults(&pp);
	assert_int_equal(corr_best_trace(c, NULL, 2), 0);
	assert_int_equal(infer_path(c, 0, &pp, res, err, sizeof(err)), 0);
	corr_free(c);
}

static bool
has_flag(const struct path_result *r, int ttl, uint32_t flag)
{
	return (r->hops[ttl].flags & flag) != 0;
}

static int
count_findings(const struct path_result *r, enum finding_kind k)
{
	size_t i;
	int n = 0;

	for (i = 0; i < r->nfindings; i++)
		n += r->findings[i].kind == k;
	return n;
}

/* Four routers and a destination, all fast and steady. */
static void
base(struct scenario *s, int rounds)
{
	int i;

	memset(s, 0, sizeof(*s));
	s->nhops = 5;
	s->rounds = rounds;
	for (i = 0; i < 5; i++) {
		s->hop[i].addr = A(198, 18, (uint8_t)i, 2);
		s->hop[i].base_ms = 0.2 + 0.1 * i;
		s->hop[i].jitter_ms = 0.1;
	}
	s->hop[4].addr = DST;
}

static void
test_clean(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 10);
	infer(&s, 1, &r);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(r.verdict.significant);
	assert_int_equal(r.dest_ttl, 5);
	assert_true(has_flag(&r, 5, HF_DESTINATION));
	assert_int_equal(r.hops[3].sent, 10);
	assert_int_equal(r.hops[3].received, 10);
	assert_int_equal(count_findings(&r, FK_LATENCY_RISE), 0);
	path_result_free(&r);
}

static void
test_fixed_delay_bottleneck(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 10);
	for (i = 2; i < 5; i++)
		s.hop[i].base_ms += 50;		/* the link from hop 2 to hop 3 */
	infer(&s, 2, &r);
	assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
	assert_int_equal(r.verdict.hop, 3);
	assert_int_equal(fl_addr_v4_host(&r.verdict.addr), A(198, 18, 2, 2));
	assert_true(r.verdict.has_link);
	assert_int_equal(r.verdict.from.ttl, 2);
	assert_int_equal(r.verdict.to.ttl, 3);
	assert_string_equal(r.verdict.cause, "fixed-delay");
	assert_true(fabs(r.verdict.added_ms - 50.1) < 1.0);
	assert_true(has_flag(&r, 3, HF_BOTTLENECK));
	assert_true(r.ev.n >= 4);
	path_result_free(&r);
}

/* Over many draws, not one lucky seed. */
static void
test_queueing_bottleneck(void **st)
{
	struct scenario s;
	struct path_result r;
	uint64_t seed;
	int i;

	(void)st;
	for (seed = 100; seed < 400; seed++) {
		base(&s, 20);
		s.queue_ms = 40;			/* a queue that fills and drains */
		for (i = 2; i < 5; i++) {
			s.hop[i].queued = true;
			s.hop[i].jitter_ms = 2;
		}
		infer(&s, seed, &r);
		assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
		assert_int_equal(r.verdict.hop, 3);
		assert_string_equal(r.verdict.cause, "queueing");
		path_result_free(&r);

		/* The same rise as a fixed step, for contrast. */
		base(&s, 20);
		for (i = 2; i < 5; i++)
			s.hop[i].base_ms += 10;
		infer(&s, seed, &r);
		assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
		assert_int_equal(r.verdict.hop, 3);
		assert_string_equal(r.verdict.cause, "fixed-delay");
		path_result_free(&r);
	}
}

static void
test_icmp_deprioritized_is_not_blamed(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 10);
	s.hop[1].base_ms += 80;			/* hop 2 is slow to answer only */
	infer(&s, 4, &r);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(has_flag(&r, 2, HF_ICMP_DEPRIORITIZED));
	assert_false(has_flag(&r, 2, HF_BOTTLENECK));
	assert_int_equal(count_findings(&r, FK_ICMP_DEPRIORITIZED), 1);
	path_result_free(&r);
}

/* A real bottleneck right behind a slow-ICMP router is still found. */
static void
test_bottleneck_behind_deprioritized_hop(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 10);
	s.hop[1].base_ms += 80;
	for (i = 2; i < 5; i++)
		s.hop[i].base_ms += 30;
	infer(&s, 5, &r);
	assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
	assert_int_equal(r.verdict.hop, 3);
	assert_int_equal(r.verdict.from.ttl, 1);	/* hop 2's spike is no baseline */
	assert_true(fabs(r.verdict.added_ms - 30.2) < 1.0);
	assert_true(has_flag(&r, 2, HF_ICMP_DEPRIORITIZED));
	path_result_free(&r);
}

static void
test_rate_limited_router(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 20);
	s.hop[1].rate_limit = true;
	infer(&s, 6, &r);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(has_flag(&r, 2, HF_RATE_LIMITED));
	assert_true(r.hops[2].loss_pct > 30);
	assert_int_equal(count_findings(&r, FK_RATE_LIMITED), 1);
	assert_int_equal(count_findings(&r, FK_LOSSY_LINK), 0);
	path_result_free(&r);
}

static void
test_lossy_link(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 30);
	for (i = 2; i < 5; i++)
		s.hop[i].loss = 0.25;
	infer(&s, 7, &r);
	assert_int_equal(r.verdict.kind, VK_LOSSY_LINK);
	assert_int_equal(r.verdict.hop, 3);
	assert_int_equal(r.verdict.from.ttl, 2);
	assert_true(r.verdict.loss_pct > 10 && r.verdict.loss_pct < 40);
	assert_true(r.verdict.p_value >= 0 && r.verdict.p_value < 0.01);
	assert_true(has_flag(&r, 3, HF_LOSSY_LINK));
	path_result_free(&r);
}

/* Too few samples to place the loss: say so rather than guess. */
static void
test_loss_not_yet_located_is_inconclusive(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 6);
	s.hop[3].loss = 0.3;
	s.hop[4].loss = 0.3;
	infer(&s, 8, &r);
	assert_int_equal(r.verdict.kind, VK_INCONCLUSIVE);
	assert_false(r.verdict.significant);
	assert_true(r.verdict.reason[0] != '\0');
	path_result_free(&r);
}

static void
test_silent_router_is_not_lossy(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 10);
	s.hop[1].addr = 0;
	infer(&s, 9, &r);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(has_flag(&r, 2, HF_SILENT));
	assert_false(fl_addr_is_set(&r.hops[2].addr));
	assert_int_equal(count_findings(&r, FK_SILENT), 1);
	assert_int_equal(count_findings(&r, FK_LOSSY_LINK), 0);
	assert_int_equal(count_findings(&r, FK_RATE_LIMITED), 0);
	path_result_free(&r);
}

static void
test_unreachable(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 5);
	s.nhops = 3;
	s.hop[2].unreach_code = 1;		/* net unreachable from hop 3 */
	infer(&s, 10, &r);
	assert_int_equal(r.verdict.kind, VK_UNREACHABLE);
	assert_int_equal(r.verdict.hop, 3);
	assert_int_equal(fl_addr_v4_host(&r.verdict.addr), A(198, 18, 2, 2));
	assert_true(has_flag(&r, 3, HF_UNREACHABLE));
	assert_int_equal(r.dest_ttl, -1);
	path_result_free(&r);
}

static void
test_incomplete(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 5);
	s.hop[2].addr = 0;
	s.hop[3].addr = 0;
	s.dest_silent = true;
	infer(&s, 11, &r);
	assert_int_equal(r.verdict.kind, VK_INCOMPLETE);
	assert_int_equal(r.verdict.hop, 2);
	assert_int_equal(fl_addr_v4_host(&r.verdict.addr), A(198, 18, 1, 2));
	assert_int_equal(count_findings(&r, FK_SILENT), 0);	/* nothing answered beyond */
	path_result_free(&r);
}

/* A slow first link is measured from this host. */
static void
test_rise_at_first_hop(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 10);
	for (i = 0; i < 5; i++)
		s.hop[i].base_ms += 20;
	infer(&s, 12, &r);
	assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
	assert_int_equal(r.verdict.hop, 1);
	assert_int_equal(r.verdict.from.ttl, 0);
	assert_int_equal(fl_addr_v4_host(&r.verdict.from.addr), ME);
	path_result_free(&r);
}

/* Unanswered probes still inside their wait are neither lost nor kept. */
static bool
none_resolved(void *ctx, const struct corr_probe *p)
{
	(void)ctx;
	(void)p;
	return false;
}

static void
test_pending_probes_are_not_lost(void **st)
{
	struct scenario s;
	struct path_params pp;
	struct path_result r;
	struct corr *c;
	char err[64];

	(void)st;
	base(&s, 10);
	s.hop[4].loss = 0.5;
	c = run(&s, 13);
	infer_path_defaults(&pp);
	pp.resolved = none_resolved;
	assert_int_equal(infer_path(c, 0, &pp, &r, err, sizeof(err)), 0);
	assert_int_equal(r.hops[5].sent, r.hops[5].received);
	assert_true(r.hops[5].received < 10);
	path_result_free(&r);
	corr_free(c);
}

/* Rules: the thresholds are parameters, and they bite. */
static void
test_floor_and_persistence_thresholds(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 10);
	for (i = 2; i < 5; i++)
		s.hop[i].base_ms += 1.5;	/* below the 2 ms floor */
	infer(&s, 14, &r);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	path_result_free(&r);

	base(&s, 10);
	s.hop[2].base_ms += 20;
	s.hop[3].base_ms += 20;
	s.hop[4].base_ms += 10;		/* the destination keeps only half */
	infer(&s, 15, &r);
	assert_true(has_flag(&r, 3, HF_ICMP_DEPRIORITIZED));
	assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
	assert_int_equal(r.verdict.hop, 5);	/* the half that persists */
	path_result_free(&r);
}


/*
 * The rules below had no test until the inference was split into
 * stages; each pins today's reading, so that the split (and later
 * changes to the rules) show where they change it.
 */

static const struct path_finding *
finding(const struct path_result *r, enum finding_kind k)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == k)
			return &r->findings[i];
	return NULL;
}

/* Several routers for one TTL: the most frequent is the hop's address. */
static void
test_multipath(void **st)
{
	struct scenario s;
	struct path_result r;
	const struct path_finding *f;
	int i;

	(void)st;
	base(&s, 10);
	s.hop[1].round_addr[0] = A(198, 18, 1, 9);	/* first seen, but rarer */
	for (i = 0; i < 5; i++)				/* more than PATH_MAX_RESP */
		s.hop[2].round_addr[i] = A(198, 18, 2, (uint8_t)(10 + i));
	infer(&s, 20, &r);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(has_flag(&r, 2, HF_MULTIPATH));
	assert_int_equal(r.hops[2].naddrs, 2);
	assert_int_equal(fl_addr_v4_host(&r.hops[2].addr), A(198, 18, 1, 2));
	assert_int_equal(r.hops[2].addrs[0].count, 9);
	assert_int_equal(fl_addr_v4_host(&r.hops[2].addrs[1].addr), A(198, 18, 1, 9));
	/* Only the first four responders are kept, whoever answers most. */
	assert_int_equal(r.hops[3].naddrs, PATH_MAX_RESP);
	assert_int_equal(fl_addr_v4_host(&r.hops[3].addr), A(198, 18, 2, 10));
	assert_int_equal(count_findings(&r, FK_MULTIPATH), 2);
	f = finding(&r, FK_MULTIPATH);
	assert_int_equal(f->hop, 2);
	assert_non_null(strstr(f->summary, "2 different routers answered at hop 2"));
	path_result_free(&r);
}

/* One note for every hop whose replies come back a different way. */
static void
test_return_path(void **st)
{
	struct scenario s;
	struct path_result r;
	const struct path_finding *f;

	(void)st;
	base(&s, 10);
	s.hop[2].ret_extra = 2;
	infer(&s, 21, &r);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(has_flag(&r, 3, HF_RETURN_LONGER));
	assert_int_equal(r.hops[3].return_hops, 5);
	f = finding(&r, FK_RETURN_PATH);
	assert_non_null(f);
	assert_int_equal(f->hop, 0);
	assert_non_null(strstr(f->summary, "return path longer than the way out at hop 3 (5 back)"));
	path_result_free(&r);

	base(&s, 10);
	s.hop[2].ret_extra = -2;
	s.hop[3].ret_extra = -2;
	s.hop[4].ret_extra = 1;			/* one hop: within the rule's slack */
	infer(&s, 22, &r);
	assert_true(has_flag(&r, 3, HF_RETURN_SHORTER));
	assert_true(has_flag(&r, 4, HF_RETURN_SHORTER));
	assert_false(has_flag(&r, 5, HF_RETURN_LONGER));
	assert_int_equal(count_findings(&r, FK_RETURN_PATH), 1);
	f = finding(&r, FK_RETURN_PATH);
	assert_non_null(strstr(f->summary, "shorter than the way out at hops 3 (1 back), 4 (2 back)"));
	path_result_free(&r);
}

/* A reply after the wait is late, not received; a second one is a duplicate. */
static void
test_late_and_duplicate_replies(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 10);
	s.hop[1].late_first = true;
	s.hop[2].dup = true;
	infer(&s, 23, &r);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(has_flag(&r, 2, HF_LATE));
	assert_int_equal(r.hops[2].late, 1);
	assert_int_equal(r.hops[2].received, 9);
	assert_false(has_flag(&r, 2, HF_RATE_LIMITED));	/* one loss in ten is chance */
	assert_true(has_flag(&r, 3, HF_DUPLICATES));
	assert_int_equal(r.hops[3].dups, 10);
	assert_int_equal(r.hops[3].received, 10);
	path_result_free(&r);
}

/*
 * Probes past the destination count as its own, whichever TTL it first
 * answered; a router answering one of them (a path change) is not the
 * destination and its probe is left out.  Probes of another flow and a
 * TTL-0 probe change nothing in the hop table.
 */
static void
test_beyond_destination_and_other_flows(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 10);
	s.beyond = 2;
	s.descending = true;
	s.detour = A(203, 0, 113, 1);
	s.noise = true;
	s.ttl0 = true;
	infer(&s, 24, &r);
	assert_int_equal(r.dest_ttl, 5);
	assert_int_equal(r.last_ttl, 5);
	assert_int_equal(r.hops[5].sent, 10 * 3 - 2);
	assert_int_equal(r.hops[5].received, 10 * 3 - 2);
	assert_false(r.hops[6].probed);
	assert_int_equal(r.probes, 10 * 7 + 1);
	assert_int_equal(r.hops[1].sent, 10);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(r.verdict.significant);
	path_result_free(&r);
}

/*
 * UDP probes: a destination that answers with port unreachables under a
 * token-bucket limit (while probes come faster than it lets replies
 * out) has its loss labelled rate-limited and not placed.
 * The clean verdict's own check still counts that loss against it (its
 * reason calls 13 of 20 "too few"): pinned as it stands.
 */
static void
test_destination_rate_limited(void **st)
{
	struct scenario s;
	struct path_result r;
	const struct path_finding *f;

	(void)st;
	base(&s, 20);
	s.udp = true;
	s.hop[4].rate_limit = true;
	infer(&s, 25, &r);
	assert_int_equal(r.proto, 17);
	assert_true(has_flag(&r, 5, HF_RATE_LIMITED));
	assert_true(r.hops[5].answers[RK_UNREACH] > 0);
	f = finding(&r, FK_RATE_LIMITED);
	assert_non_null(f);
	assert_int_equal(f->hop, 5);
	assert_true(f->p_value < 0);
	assert_non_null(strstr(f->summary, "replies capped near"));
	assert_int_equal(count_findings(&r, FK_LOSSY_LINK), 0);
	assert_int_equal(r.verdict.kind, VK_INCONCLUSIVE);
	assert_string_equal(r.verdict.reason,
	    "the destination lost 13 of 20 probes, too few to tell a lossy link from chance");
	path_result_free(&r);

	/* Probed once a second, the same pattern is no rate limit: its loss is judged. */
	base(&s, 20);
	s.udp = true;
	s.interval_ms = 1000;
	s.hop[4].rate_limit = true;
	infer(&s, 25, &r);
	assert_false(has_flag(&r, 5, HF_RATE_LIMITED));
	assert_int_equal(count_findings(&r, FK_RATE_LIMITED), 0);
	f = finding(&r, FK_LOSSY_LINK);
	assert_non_null(f);
	assert_int_equal(f->hop, 5);
	path_result_free(&r);
}

/* Loss at one router with no burst pattern: it drops its own replies. */
static void
test_rate_limited_without_burst(void **st)
{
	struct scenario s;
	struct path_result r;
	const struct path_finding *f;

	(void)st;
	base(&s, 20);
	s.hop[1].loss = 0.5;
	infer(&s, 26, &r);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	f = finding(&r, FK_RATE_LIMITED);
	assert_non_null(f);
	assert_int_equal(f->hop, 2);
	assert_true(f->p_value >= 0 && f->p_value < 0.01);
	assert_non_null(strstr(f->summary, "limits or drops its own ICMP replies"));
	path_result_free(&r);
}

/* Loss at the destination that chance explains: inconclusive, then clean. */
static void
test_destination_loss_by_chance(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 10);
	s.hop[4].loss = 0.1;
	infer(&s, 27, &r);
	assert_int_equal(r.hops[5].received, 9);
	assert_int_equal(count_findings(&r, FK_LOSSY_LINK), 0);
	assert_int_equal(r.verdict.kind, VK_INCONCLUSIVE);
	assert_false(r.verdict.significant);
	assert_string_equal(r.verdict.reason, "the destination lost 1 of 10 probes, not enough "
	    "to tell a lossy link from chance");
	assert_non_null(strstr(r.verdict.summary, "The samples so far do not support a verdict"));
	path_result_free(&r);

	base(&s, 40);
	s.hop[4].loss = 0.025;
	infer(&s, 28, &r);
	assert_int_equal(r.hops[5].received, 39);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(r.verdict.significant);
	path_result_free(&r);
}

/* Loss from the first hop on: the link from this host; a silent hop inside the run. */
static void
test_lossy_link_from_this_host(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 30);
	for (i = 0; i < 5; i++)
		s.hop[i].loss = 0.25;
	s.hop[2].addr = 0;
	infer(&s, 29, &r);
	assert_int_equal(r.verdict.kind, VK_LOSSY_LINK);
	assert_int_equal(r.verdict.hop, 1);
	assert_int_equal(r.verdict.from.ttl, 0);
	assert_int_equal(fl_addr_v4_host(&r.verdict.from.addr), ME);
	assert_true(has_flag(&r, 1, HF_LOSSY_LINK));
	assert_true(has_flag(&r, 3, HF_SILENT));
	assert_int_equal(count_findings(&r, FK_RATE_LIMITED), 0);
	path_result_free(&r);
}

/* When loss and the largest rise start at the same hop, the verdict is the rise. */
static void
test_loss_at_the_bottleneck(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 30);
	for (i = 2; i < 5; i++) {
		s.hop[i].base_ms += 50;
		s.hop[i].loss = 0.25;
	}
	infer(&s, 30, &r);
	assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
	assert_int_equal(r.verdict.hop, 3);
	assert_true(r.verdict.significant);
	assert_true(r.verdict.loss_pct > 10);
	assert_true(r.verdict.p_value >= 0 && r.verdict.p_value < 0.01);
	assert_non_null(strstr(r.verdict.summary, "Packets are also lost there."));
	assert_true(has_flag(&r, 3, HF_BOTTLENECK));
	assert_true(has_flag(&r, 3, HF_LOSSY_LINK));
	path_result_free(&r);
}

/* Loss placed at another hop than the rise: the loss is the verdict. */
static void
test_lossy_link_beside_a_rise(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 30);
	for (i = 1; i < 5; i++)
		s.hop[i].base_ms += 30;
	for (i = 3; i < 5; i++)
		s.hop[i].loss = 0.25;
	infer(&s, 31, &r);
	assert_int_equal(r.verdict.kind, VK_LOSSY_LINK);
	assert_int_equal(r.verdict.hop, 4);
	assert_int_equal(r.verdict.from.ttl, 3);
	assert_int_equal(r.verdict.added_ms, 0);
	assert_int_equal(count_findings(&r, FK_LATENCY_RISE), 1);
	assert_true(has_flag(&r, 2, HF_BOTTLENECK));		/* the flag stays with the rise */
	path_result_free(&r);
}

/* A rise on two replies: not enough to blame anyone. */
static void
test_bottleneck_on_too_few_replies(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 2);
	for (i = 2; i < 5; i++)
		s.hop[i].base_ms += 50;
	infer(&s, 32, &r);
	assert_int_equal(r.verdict.kind, VK_INCONCLUSIVE);
	assert_false(r.verdict.significant);
	assert_int_equal(r.verdict.hop, 0);
	assert_false(fl_addr_is_set(&r.verdict.addr));
	assert_false(r.verdict.has_link);
	assert_null(r.verdict.cause);
	assert_int_equal(r.verdict.added_ms, 0);
	assert_non_null(strstr(r.verdict.reason, "at hop 3, but fewer than 3 replies there and "
	    "at the hop before it"));
	assert_non_null(strstr(r.verdict.summary, "The samples so far do not support a verdict"));
	assert_true(has_flag(&r, 3, HF_BOTTLENECK));
	assert_int_equal(count_findings(&r, FK_LATENCY_RISE), 1);
	path_result_free(&r);

	/* Enough replies at the rise, too few at the hop it is measured from. */
	base(&s, 10);
	s.hop[1].loss = 0.8;
	for (i = 2; i < 5; i++)
		s.hop[i].base_ms += 50;
	infer(&s, 38, &r);
	assert_int_equal(r.hops[2].received, 2);
	assert_int_equal(r.hops[3].received, 10);
	assert_int_equal(r.verdict.kind, VK_INCONCLUSIVE);
	assert_non_null(strstr(r.verdict.reason, "at hop 3, but fewer than 3 replies"));
	path_result_free(&r);
}

/* Loss not yet placed does not hide a rise elsewhere, nor joins its verdict. */
static void
test_bottleneck_beside_unplaced_loss(void **st)
{
	struct scenario s;
	struct path_result r;
	const struct path_finding *f;
	int i;

	(void)st;
	base(&s, 6);
	for (i = 2; i < 5; i++)
		s.hop[i].base_ms += 50;
	s.hop[3].loss = 0.3;
	s.hop[4].loss = 0.3;
	infer(&s, 39, &r);
	f = finding(&r, FK_LOSSY_LINK);
	assert_non_null(f);
	assert_false(f->located);
	assert_int_equal(f->hop, 4);
	assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
	assert_int_equal(r.verdict.hop, 3);
	assert_true(r.verdict.significant);
	assert_int_equal(r.verdict.loss_pct, 0);
	assert_true(r.verdict.p_value < 0);
	assert_false(has_flag(&r, 4, HF_LOSSY_LINK));
	path_result_free(&r);
}

/* Too few answers from the destination and no rise: inconclusive. */
static void
test_too_few_destination_answers(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 2);
	infer(&s, 33, &r);
	assert_int_equal(r.verdict.kind, VK_INCONCLUSIVE);
	assert_false(r.verdict.significant);
	assert_string_equal(r.verdict.reason, "the destination answered only 2 of 2 probes");
	assert_string_equal(r.verdict.summary, "Too few answers from the destination to judge the path.");
	path_result_free(&r);
}

/* An unreachable now and then from a router does not stop a verdict. */
static void
test_unreachable_at_times(void **st)
{
	struct scenario s;
	struct path_result r;

	(void)st;
	base(&s, 10);
	s.descending = true;		/* the smallest TTL wins, whatever the order */
	s.hop[2].unreach_code = 1;
	s.hop[2].unreach_every = 5;
	s.hop[3].unreach_code = 14;
	s.hop[3].unreach_every = 3;
	infer(&s, 34, &r);
	assert_int_equal(r.dest_ttl, 5);
	assert_int_equal(r.hops[3].unreach[0], 2);
	assert_int_equal(r.hops[4].unreach[13], 4);
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(r.verdict.significant);
	assert_false(has_flag(&r, 3, HF_UNREACHABLE));
	assert_string_equal(r.verdict.reason, "hop 3 also answered unreachable at times");
	path_result_free(&r);
}

static void
test_nothing_answered(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 5);
	for (i = 0; i < 4; i++)
		s.hop[i].addr = 0;
	s.dest_silent = true;
	infer(&s, 35, &r);
	assert_int_equal(r.verdict.kind, VK_INCOMPLETE);
	assert_int_equal(r.verdict.hop, 0);
	assert_true(r.verdict.significant);
	assert_false(fl_addr_is_set(&r.verdict.addr));
	assert_non_null(strstr(r.verdict.summary, "Nothing answered"));
	assert_int_equal(count_findings(&r, FK_SILENT), 0);
	assert_int_equal(r.replies, 0);
	assert_true(r.ev.n > 0);		/* the unanswered probes */
	path_result_free(&r);
}

/*
 * A queue at the destination alone (no later hop to check the spread
 * against), and a queue with a silent hop behind it.
 */
static void
test_queueing_at_the_end_and_behind_a_silent_hop(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 20);
	s.queue_ms = 40;
	s.hop[4].queued = true;
	s.hop[4].jitter_ms = 2;
	infer(&s, 36, &r);
	assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
	assert_int_equal(r.verdict.hop, 5);
	assert_string_equal(r.verdict.cause, "queueing");
	path_result_free(&r);

	base(&s, 20);
	s.queue_ms = 40;
	for (i = 2; i < 5; i++) {
		s.hop[i].queued = true;
		s.hop[i].jitter_ms = 2;
	}
	s.hop[3].addr = 0;
	infer(&s, 37, &r);
	assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
	assert_int_equal(r.verdict.hop, 3);
	assert_string_equal(r.verdict.cause, "queueing");
	assert_true(has_flag(&r, 4, HF_SILENT));
	path_result_free(&r);
}

static bool
all_resolved(void *ctx, const struct corr_probe *p)
{
	(void)ctx;
	(void)p;
	return true;
}

/* A resolver that decides every probe reads the same as none. */
static void
test_resolved_probes_are_lost(void **st)
{
	struct scenario s;
	struct path_params pp;
	struct path_result r;
	struct corr *c;
	char err[64];

	(void)st;
	base(&s, 10);
	s.hop[4].loss = 0.5;
	c = run(&s, 13);
	infer_path_defaults(&pp);
	pp.resolved = all_resolved;
	assert_int_equal(infer_path(c, 0, &pp, &r, err, sizeof(err)), 0);
	assert_int_equal(r.hops[5].sent, 10);
	assert_int_equal(r.hops[5].received, 5);
	path_result_free(&r);
	assert_int_equal(infer_path(c, 7, &pp, &r, err, sizeof(err)), -1);
	assert_string_equal(err, "no such probe group");
	corr_free(c);
}

/* A TTL the tool skipped is no hop; the rise is measured across the gap. */
static void
test_ttl_not_probed(void **st)
{
	struct scenario s;
	struct path_result r;
	int i;

	(void)st;
	base(&s, 10);
	s.skip_ttl = 3;
	for (i = 3; i < 5; i++)
		s.hop[i].base_ms += 20;
	infer(&s, 40, &r);
	assert_false(r.hops[3].probed);
	assert_int_equal(r.hops[3].flags, 0);
	assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
	assert_int_equal(r.verdict.hop, 4);
	assert_int_equal(r.verdict.from.ttl, 2);
	assert_int_equal(count_findings(&r, FK_SILENT), 0);
	path_result_free(&r);
}

/* A live run before any probe is decided: nothing to read yet. */
static void
test_nothing_decided_yet(void **st)
{
	struct scenario s;
	struct path_params pp;
	struct path_result r;
	struct corr *c;
	char err[64];
	int i;

	(void)st;
	base(&s, 3);
	for (i = 0; i < 4; i++)
		s.hop[i].addr = 0;
	s.dest_silent = true;
	c = run(&s, 41);
	infer_path_defaults(&pp);
	pp.resolved = none_resolved;
	assert_int_equal(infer_path(c, 0, &pp, &r, err, sizeof(err)), 0);
	assert_int_equal(r.probes, 0);
	assert_int_equal(r.first_ttl, 0);
	assert_int_equal(r.last_ttl, 0);
	assert_int_equal(r.verdict.kind, VK_INCOMPLETE);
	assert_non_null(strstr(r.verdict.summary, "Nothing answered"));
	assert_int_equal(r.nfindings, 0);
	/* The evidence does not ask resolved(): undecided probes show as unanswered. */
	assert_int_equal(r.ev.n, 4);
	assert_non_null(strstr(r.ev.v[0].summary, "no reply"));
	path_result_free(&r);
	corr_free(c);
}

/*
 * A run far longer than its slowest reply: the time went on the tool's
 * waiting.  Probes of a round overlap their replies here (no pause is
 * counted for them), another flow runs alongside, one probe is lost.
 * A run as long because the replies are slow is no such note.
 */
static void
test_tool_timing(void **st)
{
	struct scenario s;
	struct path_result r;
	const struct path_finding *f;
	int i;

	(void)st;
	base(&s, 10);
	s.interval_ms = 1000;
	s.noise = true;
	s.hop[2].loss = 0.1;
	infer(&s, 42, &r);
	f = finding(&r, FK_TOOL_TIMING);
	assert_non_null(f);
	assert_int_equal(f->hop, 0);
	assert_non_null(strstr(f->summary, "The trace took 9.0 s"));
	assert_non_null(strstr(f->summary, "waiting out 1 unanswered probe and"));
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	path_result_free(&r);

	base(&s, 10);
	s.interval_ms = 600;
	for (i = 0; i < 5; i++)
		s.hop[i].base_ms += 300;
	infer(&s, 43, &r);
	assert_true(r.last_ts - r.first_ts > 5000 * MS);
	assert_null(finding(&r, FK_TOOL_TIMING));
	path_result_free(&r);
}

/* The names the renderers and the JSON use. */
static void
test_names(void **st)
{
	(void)st;
	assert_string_equal(path_verdict_name(VK_BOTTLENECK), "bottleneck");
	assert_string_equal(path_verdict_name((enum verdict_kind)99), "inconclusive");
	assert_string_equal(path_finding_name(FK_TOOL_TIMING), "tool-timing");
	assert_string_equal(path_finding_name((enum finding_kind)99), "finding");
	assert_string_equal(path_flag_name(0), "silent");
	assert_string_equal(path_flag_name(HF_NFLAGS - 1), "mpls");
	assert_null(path_flag_name(HF_NFLAGS));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_fixed_delay_bottleneck),
		cmocka_unit_test(test_queueing_bottleneck),
		cmocka_unit_test(test_icmp_deprioritized_is_not_blamed),
		cmocka_unit_test(test_bottleneck_behind_deprioritized_hop),
		cmocka_unit_test(test_rate_limited_router),
		cmocka_unit_test(test_lossy_link),
		cmocka_unit_test(test_loss_not_yet_located_is_inconclusive),
		cmocka_unit_test(test_silent_router_is_not_lossy),
		cmocka_unit_test(test_unreachable),
		cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_rise_at_first_hop),
		cmocka_unit_test(test_pending_probes_are_not_lost),
		cmocka_unit_test(test_floor_and_persistence_thresholds),
		cmocka_unit_test(test_multipath),
		cmocka_unit_test(test_return_path),
		cmocka_unit_test(test_late_and_duplicate_replies),
		cmocka_unit_test(test_beyond_destination_and_other_flows),
		cmocka_unit_test(test_destination_rate_limited),
		cmocka_unit_test(test_rate_limited_without_burst),
		cmocka_unit_test(test_destination_loss_by_chance),
		cmocka_unit_test(test_lossy_link_from_this_host),
		cmocka_unit_test(test_loss_at_the_bottleneck),
		cmocka_unit_test(test_lossy_link_beside_a_rise),
		cmocka_unit_test(test_bottleneck_on_too_few_replies),
		cmocka_unit_test(test_too_few_destination_answers),
		cmocka_unit_test(test_unreachable_at_times),
		cmocka_unit_test(test_nothing_answered),
		cmocka_unit_test(test_queueing_at_the_end_and_behind_a_silent_hop),
		cmocka_unit_test(test_resolved_probes_are_lost),
		cmocka_unit_test(test_bottleneck_beside_unplaced_loss),
		cmocka_unit_test(test_ttl_not_probed),
		cmocka_unit_test(test_nothing_decided_yet),
		cmocka_unit_test(test_tool_timing),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
