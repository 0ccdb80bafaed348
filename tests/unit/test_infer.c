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
	bool		rate_limit;	/* 6 answers, then one a second */
	bool		queued;		/* behind the shared queue */
};

struct scenario {
	struct hop_spec	hop[16];	/* hop[i] is TTL i+1; the last is the destination */
	int		nhops;
	int		rounds;
	bool		dest_silent;	/* the destination never answers */
	double		queue_ms;	/* one queue, drawn per round in [0, queue_ms) */
};

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

static struct corr *
run(const struct scenario *s, uint64_t seed)
{
	struct corr *c = corr_new(NULL, 5000 * MS);
	uint8_t p[64], r[128];
	uint32_t frame = 0;
	uint16_t seq = 0;
	int round, t;

	lcg = seed;
	for (round = 0; round < s->rounds; round++) {
		/*
		 * The probes of one round cross a queue within microseconds
		 * of each other, so every hop behind it sees the same state.
		 */
		double q = s->queue_ms * rnd();

		for (t = 1; t <= s->nhops; t++) {
			const struct hop_spec *h = &s->hop[t - 1];
			int64_t ts = round * 100 * MS + t * 10000;
			bool dest = t == s->nhops;
			double rtt = h->base_ms + h->jitter_ms * rnd() + (h->queued ? q : 0);
			size_t n;

			n = pb_echo(p, 8, ME, DST, (uint8_t)t, 77, seq++);
			pb_feed(c, ++frame, ts, p, n);
			if (lost(h->loss, round, t) || (dest && s->dest_silent) ||
			    (!dest && h->addr == 0))
				continue;
			if (h->rate_limit && round >= 6 && round % 10 != 0)
				continue;
			ts += (int64_t)(rtt * 1e6);
			if (h->unreach_code > 0)
				n = pb_icmp_err(r, 3, (uint8_t)(h->unreach_code - 1), h->addr,
				    (uint8_t)(65 - t), p, 28, 1);
			else if (dest)
				n = pb_echo(r, 0, DST, ME, (uint8_t)(65 - t), 77, (uint16_t)(seq - 1));
			else
				n = pb_icmp_err(r, 11, 0, h->addr, (uint8_t)(256 - t), p, 28, 1);
			pb_feed(c, ++frame, ts, r, n);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
