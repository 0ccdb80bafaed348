/*
 * The user's evidence about a path: --baseline (an earlier result read
 * back, a step that grew, a path that changed, a baseline that is not
 * comparable or not a result at all) and --locations (a step the
 * distance explains, one it cannot, the longest prefix, bad lines).
 * Traces are synthetic (each run says, per hop, who answers and how
 * slowly; the packets are built, correlated and inferred exactly as a
 * capture would be) or the lab's captures in tests/fixtures/ptrace/; a
 * baseline is a run's own JSON.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "fixtures.h"
#include "analyze/common/envelope.h"
#include "analyze/ptrace_slow/baseline.h"
#include "analyze/ptrace_slow/infer.h"
#include "analyze/ptrace_slow/locations.h"
#include "analyze/ptrace_slow/render.h"
#include "pktbuild.h"

#define ME	A(198, 18, 0, 1)
#define DST	A(198, 18, 9, 2)
#define OTHER	A(198, 18, 7, 7)
#define MS	1000000LL
#define NHOPS	5
#define ROUNDS	12
#define ECHO_ID	77
/* 2026-11-22T16:40:01.123Z */
#define BASE_NS	(1795365601123LL * MS)

struct run {
	uint32_t	addr[NHOPS];	/* hop i is TTL i + 1; the last is DST */
	double		base_ms[NHOPS];
	int		answers[NHOPS];	/* rounds hop i answers in: 0 for every one */
};

/* Four routers and the destination, fast and steady. */
static void
healthy(struct run *r)
{
	int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < NHOPS; i++) {
		r->addr[i] = A(198, 18, (uint8_t)i, 2);
		r->base_ms[i] = 0.2 + 0.1 * i;
	}
	r->addr[NHOPS - 1] = DST;
}

/* A fixed step of ms on the link into TTL ttl: it and every later hop carry it. */
static void
step(struct run *r, int ttl, double ms)
{
	int i;

	for (i = ttl - 1; i < NHOPS; i++)
		r->base_ms[i] += ms;
}

static uint64_t lcg;

static double
rnd(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(lcg >> 11) / (double)(1ULL << 53);
}

/* Each round one echo request per TTL, back to back; every one answered. */
static struct corr *
trace(const struct run *run, uint64_t seed)
{
	struct corr *c = corr_new(NULL, 5000 * MS);
	uint8_t p[64], r[128];
	uint32_t frame = 0;
	uint16_t seq = 0;
	int round, t;

	lcg = seed;
	for (round = 0; round < ROUNDS; round++)
		for (t = 1; t <= NHOPS; t++) {
			int64_t ts = round * 100 * MS + t * 10000;
			double rtt = run->base_ms[t - 1] + 0.1 * rnd();
			size_t n = pb_echo(p, 8, ME, DST, (uint8_t)t, ECHO_ID, seq++);

			pb_feed(c, ++frame, ts, p, n);
			if (run->answers[t - 1] > 0 && round >= run->answers[t - 1])
				continue;
			ts += (int64_t)(rtt * 1e6);
			if (t == NHOPS)
				n = pb_echo(r, 0, DST, ME, (uint8_t)(65 - t), ECHO_ID,
				    (uint16_t)(seq - 1));
			else
				n = pb_icmp_err(r, 11, 0, run->addr[t - 1], (uint8_t)(256 - t), p,
				    28, 1);
			pb_feed(c, ++frame, ts, r, n);
		}
	corr_finish(c);
	return c;
}

static void
infer_with(const struct run *run, uint64_t seed, const struct path_baseline *bl,
    const struct path_locations *locs, struct path_result *res)
{
	struct path_params pp;
	struct corr *c = trace(run, seed);
	char err[64];

	infer_path_defaults(&pp);
	pp.baseline = bl;
	pp.locations = locs;
	assert_int_equal(corr_best_trace(c, NULL, 2), 0);
	assert_int_equal(infer_path(c, 0, &pp, res, err, sizeof(err)), 0);
	corr_free(c);
}

/* The run's --json document, as ptrace-slow writes it, started at ns. */
static json_t *
result_json_at(const struct path_result *res, int64_t ns)
{
	struct fl_envelope env;
	json_t *root;

	memset(&env, 0, sizeof(env));
	env.tool = "ptrace-slow";
	env.started_at = ns;
	env.src = res->src;
	root = render_json_envelope(&env);
	assert_non_null(root);
	assert_int_equal(render_json_path(root, res, "dst.example", "icmp"), 0);
	return root;
}

static json_t *
result_json(const struct path_result *res)
{
	return result_json_at(res, BASE_NS);
}

/* A document's text parsed as a baseline; 0 or -1 as the parser says. */
static int
parse_json(json_t *root, struct path_baseline *bl, char *err, size_t errlen)
{
	char *text = json_dumps(root, JSON_PRESERVE_ORDER);
	int rc;

	assert_non_null(text);
	rc = path_baseline_parse(text, strlen(text), bl, err, errlen);
	free(text);
	return rc;
}

/* The baseline of a run: its JSON, read back. */
static void
baseline_of(const struct run *run, uint64_t seed, struct path_baseline *bl)
{
	struct path_result res;
	json_t *root;
	char err[200] = "";

	infer_with(run, seed, NULL, NULL, &res);
	assert_int_equal(res.verdict.kind, VK_CLEAN);
	root = result_json(&res);
	if (parse_json(root, bl, err, sizeof(err)) != 0)
		fail_msg("a run's own JSON refused as a baseline: %s", err);
	json_decref(root);
	path_result_free(&res);
}

static int
count(const struct path_result *r, enum finding_kind k)
{
	size_t i;
	int n = 0;

	for (i = 0; i < r->nfindings; i++)
		n += r->findings[i].kind == k;
	return n;
}

static const struct path_finding *
finding(const struct path_result *r, enum finding_kind k)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == k)
			return &r->findings[i];
	return NULL;
}

static void
assert_contains(const char *s, const char *part)
{
	if (strstr(s, part) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", s, part);
}

/* What the parser reads of a run's JSON: date, target, method, flow, hops, budget. */
static void
test_baseline_reads_a_result(void **st)
{
	struct path_baseline bl;
	struct path_flow f;
	struct run run;
	struct fl_addr dst;
	char err[200];

	(void)st;
	healthy(&run);
	step(&run, 3, 5);
	baseline_of(&run, 1, &bl);
	assert_string_equal(bl.started_at, "2026-11-22T16:40:01.123Z");
	assert_string_equal(bl.date, "2026-11-22 16:40 UTC");
	assert_int_equal(fl_addr_v4_host(&bl.dst), DST);
	assert_int_equal(fl_addr_v4_host(&bl.src), ME);
	assert_int_equal(bl.proto, 1);
	assert_int_equal(bl.nhops, NHOPS);
	assert_int_equal(fl_addr_v4_host(&bl.hops[2].addr), A(198, 18, 2, 2));
	assert_int_equal(bl.dest_ttl, NHOPS);
	assert_int_equal(bl.nlinks, NHOPS);
	assert_int_equal(bl.links[0].from.ttl, 0);
	assert_int_equal(bl.links[2].from.ttl, 2);
	assert_int_equal(bl.links[2].to.ttl, 3);
	assert_true(fabs(bl.links[2].added_ms - 5.1) < 0.2);
	assert_true(bl.links[2].noise_ms >= 0 && bl.links[2].noise_ms < 1);
	assert_true(bl.noise_ms >= 0);
	assert_true(path_baseline_flow(&bl, &f));
	assert_int_equal(f.proto, 1);
	assert_int_equal(f.echo_id, ECHO_ID);
	fl_addr_v4(&dst, DST);
	assert_int_equal(path_baseline_check(&bl, &dst, 1, err, sizeof(err)), 0);
	path_baseline_free(&bl);
	assert_null(bl.hops);
	assert_false(path_baseline_flow(&bl, &f));
}

/* The same path, a step grown by 30 ms: a slow link since the baseline. */
static void
test_baseline_step_grew(void **st)
{
	struct path_baseline bl;
	struct path_result res;
	const struct path_link *l;
	struct run run;

	(void)st;
	healthy(&run);
	baseline_of(&run, 2, &bl);
	step(&run, 3, 30);

	infer_with(&run, 3, NULL, NULL, &res);	/* alone, a fixed step is distance */
	assert_int_equal(res.verdict.kind, VK_CLEAN);
	path_result_free(&res);

	infer_with(&run, 3, &bl, NULL, &res);
	assert_int_equal(res.verdict.kind, VK_SLOW_LINK);
	assert_true(res.verdict.significant);
	assert_string_equal(res.verdict.cause, "baseline");
	assert_int_equal(res.verdict.hop, 3);
	assert_int_equal(fl_addr_v4_host(&res.verdict.addr), A(198, 18, 2, 2));
	assert_int_equal(res.verdict.from.ttl, 2);
	assert_int_equal(res.verdict.to.ttl, 3);
	assert_contains(res.verdict.summary, "since the baseline of 2026-11-22 16:40 UTC (+30.");
	assert_contains(res.verdict.summary, "was 0.1 ms");
	assert_true(res.hops[3].flags & HF_FAULT);
	l = &res.links[2];
	assert_int_equal(l->to.ttl, 3);
	assert_string_equal(l->cause, "baseline");
	assert_true(l->has_baseline);
	assert_true(fabs(l->baseline_ms - 0.1) < 0.1);
	assert_true(res.links[1].has_baseline);
	assert_string_equal(res.links[1].cause, "distance");
	assert_int_equal(count(&res, FK_PATH_CHANGE), 0);
	/* The largest-step note no longer calls it distance. */
	assert_non_null(finding(&res, FK_LARGEST_STEP));
	assert_contains(finding(&res, FK_LARGEST_STEP)->summary, "grown since the baseline");
	path_result_free(&res);
	path_baseline_free(&bl);
}

/*
 * The step grew, but the routers at its ends answered too few regular
 * probes to place it (the lab under load: rate limits and size probes
 * left hop 2 and hop 3 with two round trips each).  Not clean: the
 * verdict is inconclusive and the run is told to probe on.
 */
static void
test_baseline_step_not_yet_placed(void **st)
{
	struct path_baseline bl;
	struct path_result res;
	const struct path_finding *f;
	struct run run;

	(void)st;
	healthy(&run);
	baseline_of(&run, 2, &bl);
	step(&run, 3, 30);
	run.answers[1] = 2;
	run.answers[2] = 2;

	infer_with(&run, 3, &bl, NULL, &res);
	f = finding(&res, FK_SLOW_LINK);
	assert_non_null(f);
	assert_false(f->located);
	assert_int_equal(res.verdict.kind, VK_INCONCLUSIVE);
	assert_int_equal(res.verdict.confidence, CONF_AMBIGUOUS);
	assert_true(res.unplaced > 0);
	assert_contains(res.verdict.reason, "slow link at hop 3");
	assert_contains(res.verdict.reason, "2 and 2 round trips");
	path_result_free(&res);

	/* Every hop answering: the same step is placed. */
	run.answers[1] = run.answers[2] = 0;
	infer_with(&run, 3, &bl, NULL, &res);
	assert_int_equal(res.verdict.kind, VK_SLOW_LINK);
	assert_int_equal(res.unplaced, 0);
	path_result_free(&res);
	path_baseline_free(&bl);
}

/* Every link's noise_ms set to ms in a baseline's JSON. */
static void
set_noise(json_t *root, double ms)
{
	json_t *ls = json_object_get(root, "latency_budget"), *l;
	size_t i;

	json_array_foreach(ls, i, l)
		json_object_set_new(l, "noise_ms", json_real(ms));
}

/*
 * 10 ms more, over the 5 ms floor: slow against a steady baseline, clean
 * against one whose noise was 6 ms (3 x 6 ms is more than 10).
 */
static void
test_baseline_growth_within_noise(void **st)
{
	struct path_baseline bl;
	struct path_result res;
	struct run run;
	json_t *root;
	char err[200];

	(void)st;
	healthy(&run);
	infer_with(&run, 4, NULL, NULL, &res);
	root = result_json(&res);
	path_result_free(&res);
	step(&run, 3, 10);

	assert_int_equal(parse_json(root, &bl, err, sizeof(err)), 0);
	infer_with(&run, 5, &bl, NULL, &res);
	assert_int_equal(res.verdict.kind, VK_SLOW_LINK);
	assert_int_equal(res.verdict.hop, 3);
	path_result_free(&res);
	path_baseline_free(&bl);

	set_noise(root, 6.0);
	assert_int_equal(parse_json(root, &bl, err, sizeof(err)), 0);
	assert_true(fabs(bl.links[2].noise_ms - 6.0) < 1e-9);
	infer_with(&run, 5, &bl, NULL, &res);
	assert_int_equal(res.verdict.kind, VK_CLEAN);
	assert_int_equal(count(&res, FK_SLOW_LINK), 0);
	assert_string_equal(res.links[2].cause, "distance");
	assert_true(res.links[2].has_baseline);
	path_result_free(&res);
	path_baseline_free(&bl);
	json_decref(root);
}

/* Another router at hop 3: a path change, no fault by itself; slow when its step is. */
static void
test_baseline_path_change(void **st)
{
	struct path_baseline bl;
	struct path_result res;
	const struct path_finding *f;
	struct run run;

	(void)st;
	healthy(&run);
	baseline_of(&run, 6, &bl);
	run.addr[2] = A(198, 18, 2, 99);

	infer_with(&run, 7, &bl, NULL, &res);
	assert_int_equal(res.verdict.kind, VK_CLEAN);
	assert_int_equal(count(&res, FK_PATH_CHANGE), 1);
	f = finding(&res, FK_PATH_CHANGE);
	assert_int_equal(f->hop, 3);
	assert_int_equal(fl_addr_v4_host(&f->addr), A(198, 18, 2, 99));
	assert_contains(f->summary, "hop 3 is 198.18.2.99 (was 198.18.2.2)");
	assert_contains(f->summary, "the probes used the baseline's own flow");
	assert_contains(f->summary, "not a fault by itself");
	assert_int_equal(count(&res, FK_SLOW_LINK), 0);
	/* Links into and out of the new router have no match; those around it do. */
	assert_false(res.links[2].has_baseline);
	assert_false(res.links[3].has_baseline);
	assert_true(res.links[4].has_baseline);
	path_result_free(&res);

	/* The new router's link is 30 ms slower: the stretch around it is the fault. */
	step(&run, 3, 30);
	infer_with(&run, 8, &bl, NULL, &res);
	assert_int_equal(res.verdict.kind, VK_SLOW_LINK);
	assert_string_equal(res.verdict.cause, "baseline");
	assert_int_equal(res.verdict.from.ttl, 2);
	assert_int_equal(res.verdict.to.ttl, 4);
	assert_contains(res.verdict.summary, "the stretch from hop 2 (198.18.1.2) to hop 4");
	assert_contains(res.verdict.summary, "since the baseline of");
	assert_int_equal(count(&res, FK_PATH_CHANGE), 1);
	path_result_free(&res);
	path_baseline_free(&bl);
}

/* Another target, another method, another tool: refused, and never compared. */
static void
test_baseline_other_target_refused(void **st)
{
	struct path_baseline bl;
	struct path_result res;
	struct fl_addr other, dst;
	struct run run;
	json_t *root, *t;
	char err[200];

	(void)st;
	healthy(&run);
	baseline_of(&run, 9, &bl);
	fl_addr_v4(&other, OTHER);
	fl_addr_v4(&dst, DST);
	assert_int_equal(path_baseline_check(&bl, &other, 1, err, sizeof(err)), -1);
	assert_contains(err, "traced 198.18.9.2, not 198.18.7.7");
	assert_null(strchr(err, '\n'));
	assert_int_equal(path_baseline_check(&bl, &dst, 17, err, sizeof(err)), -1);
	assert_contains(err, "probed with icmp, this run with udp");

	/* The stage does not compare with a baseline of another target. */
	infer_with(&run, 9, NULL, NULL, &res);
	root = result_json(&res);
	path_result_free(&res);
	t = json_object_get(root, "target");
	json_object_set_new(t, "address", json_string("198.18.7.7"));
	path_baseline_free(&bl);
	assert_int_equal(parse_json(root, &bl, err, sizeof(err)), 0);
	step(&run, 3, 30);
	infer_with(&run, 10, &bl, NULL, &res);
	assert_int_equal(res.verdict.kind, VK_CLEAN);
	assert_false(res.links[2].has_baseline);
	path_result_free(&res);
	path_baseline_free(&bl);

	/* Another tool's result. */
	json_object_set_new(root, "tool", json_string("synprobe"));
	assert_int_equal(parse_json(root, &bl, err, sizeof(err)), -1);
	assert_contains(err, "not a ptrace-slow result");
	json_decref(root);
}

/* A document of the right shape with one field bent: path, then the bent JSON value. */
struct bent {
	const char	*pointer;	/* "hops/2/ttl": object keys and array indices */
	const char	*value;		/* JSON text, or NULL to delete the field */
	const char	*why;		/* part of the error */
};

static void
bend(json_t *root, const struct bent *b)
{
	char path[128], *tok, *save, *last = NULL;
	json_t *at = root, *parent = NULL, *v;

	snprintf(path, sizeof(path), "%s", b->pointer);
	for (tok = strtok_r(path, "/", &save); tok != NULL; tok = strtok_r(NULL, "/", &save)) {
		parent = at;
		last = tok;
		at = json_is_array(at) ? json_array_get(at, strtoul(tok, NULL, 10)) :
		    json_object_get(at, tok);
	}
	assert_non_null(parent);
	if (b->value == NULL) {
		assert_int_equal(json_object_del(parent, last), 0);
		return;
	}
	v = json_loads(b->value, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	assert_non_null(v);
	if (json_is_array(parent))
		json_array_set_new(parent, strtoul(last, NULL, 10), v);
	else
		json_object_set_new(parent, last, v);
}

static void
assert_refused(const char *buf, size_t len, const char *why)
{
	struct path_baseline bl;
	char err[200] = "";

	if (path_baseline_parse(buf, len, &bl, err, sizeof(err)) != -1)
		fail_msg("accepted %.*s", (int)(len < 80 ? len : 80), buf);
	assert_true(err[0] != '\0');
	assert_null(strchr(err, '\n'));
	assert_null(bl.hops);
	assert_null(bl.links);
	if (why != NULL)
		assert_contains(err, why);
}

/* Hostile, cut and malformed documents: each refused with one line, nothing kept. */
static void
test_baseline_hostile_refused(void **st)
{
	static const struct bent bents[] = {
		{ "tool", NULL, "not a ptrace-slow result" },
		{ "started_at", "\"yesterday\"", "started_at" },
		{ "started_at", "\"2026-11-22T16:40:01.123Z\\u0007\"", "started_at" },
		{ "method", "\"carrier-pigeon\"", "method" },
		{ "target", "[]", "target" },
		{ "target/address", "\"198.18.9.256\"", "target.address" },
		{ "target/address", "\"198.18.9.2\\u0000x\"", "not JSON" },
		{ "target/address", "null", "target.address" },
		{ "flow/icmp_id", "70000", "flow.icmp_id" },
		{ "hops", "{}", "hops" },
		{ "hops/2/ttl", "\"3\"", "hops[2].ttl" },
		{ "hops/2/ttl", "0", "hops[2].ttl" },
		{ "hops/2/ttl", "2", "does not follow" },
		{ "hops/2/ttl", "9223372036854775807", "hops[2].ttl" },
		{ "hops/1", "7", "hops[1]" },
		{ "hops/1/addresses/0/address", "{\"a\": 1}", "hops[1].addresses[0].address" },
		{ "latency_budget/1/from/ttl", "2", "does not start where" },
		{ "latency_budget/1/to/ttl", "1", "ends before it starts" },
		{ "latency_budget/1/to", "null", "latency_budget[1].to" },
		{ "latency_budget/1/added_ms", "-1", "latency_budget[1].added_ms" },
		{ "latency_budget/1/added_ms", "1e300", "latency_budget[1].added_ms" },
		{ "latency_budget/1/added_ms", "\"5\"", "latency_budget[1].added_ms" },
		{ "latency_budget/1/noise_ms", "true", "latency_budget[1].noise_ms" },
		{ "stats/destination_ttl", "256", "stats.destination_ttl" },
	};
	static const char *const raw[] = {
		"", " ", "null", "[]", "\"ptrace-slow\"", "{", "{\"tool\": \"ptrace-slow\"}",
		"{\"tool\": \"ptrace-slow\", \"tool\": \"ptrace-slow\"}",
		"{\"tool\": \"ptrace-\xff\xfeslow\"}", "\xef\xbb\xbf{}",
	};
	struct path_baseline bl;
	struct path_result res;
	struct run run;
	json_t *root, *copy;
	char *text, *deep, err[200];
	size_t i, len, cut;

	(void)st;
	healthy(&run);
	infer_with(&run, 11, NULL, NULL, &res);
	root = result_json(&res);
	path_result_free(&res);
	for (i = 0; i < sizeof(bents) / sizeof(bents[0]); i++) {
		copy = json_deep_copy(root);
		bend(copy, &bents[i]);
		text = json_dumps(copy, 0);
		assert_non_null(text);
		assert_refused(text, strlen(text), bents[i].why);
		free(text);
		json_decref(copy);
	}
	for (i = 0; i < sizeof(raw) / sizeof(raw[0]); i++)
		assert_refused(raw[i], strlen(raw[i]), NULL);

	/* Cut anywhere short of its end. */
	text = json_dumps(root, JSON_INDENT(2));
	len = strlen(text);
	for (cut = 0; cut + 1 < len; cut += 1 + cut / 50)
		assert_refused(text, cut, NULL);
	/* A NUL inside: the length says where the document ends, not the NUL. */
	text[len / 2] = '\0';
	assert_refused(text, len, NULL);
	free(text);

	/* Nested far deeper than any result. */
	len = 200000;
	deep = malloc(len);
	assert_non_null(deep);
	memset(deep, '[', len);
	assert_refused(deep, len, "not JSON");
	/* Larger than any result could be: refused before reading. */
	assert_refused(deep, PATH_BASELINE_MAX + 1, "MiB");
	free(deep);
	json_decref(root);

	/* The error text never carries the input's control bytes. */
	assert_int_equal(path_baseline_parse("{\"a\x01\": 1", 9, &bl, err, sizeof(err)), -1);
	for (i = 0; err[i] != '\0'; i++)
		assert_true(err[i] >= 0x20 && err[i] < 0x7f);
}

/* A lab capture read as ptrace-slow -r reads it, with a baseline or none. */
static void
infer_capture(const char *name, const struct path_baseline *bl, struct path_result *res)
{
	struct path_params pp;
	char path[128], err[256];
	struct corr *c;
	int32_t g;

	snprintf(path, sizeof(path), FIXTURES "/ptrace/%s.pcap", name);
	c = load_capture(path, NULL, 5000 * MS, NULL, err, sizeof(err));
	if (c == NULL)
		fail_msg("%s: %s", path, err);
	g = corr_best_trace(c, NULL, 2);
	assert_true(g >= 0);
	infer_path_defaults(&pp);
	pp.read_capture = true;
	pp.baseline = bl;
	assert_int_equal(infer_path(c, (uint32_t)g, &pp, res, err, sizeof(err)), 0);
	corr_free(c);
}

/*
 * The lab's chain: clean.pcap as the baseline; delay.pcap's 50 ms on r2
 * -> r3 is then new, at hop 3; the same capture again, or one with hop 2
 * silent, is not; a UDP run is not compared with an ICMP baseline.
 */
static void
test_baseline_on_captures(void **st)
{
	struct path_baseline bl;
	struct path_result res;
	struct path_flow f;
	json_t *root;
	char err[200];

	(void)st;
	infer_capture("clean", NULL, &res);
	assert_int_equal(res.verdict.kind, VK_CLEAN);
	root = result_json_at(&res, res.first_ts);
	path_result_free(&res);
	if (parse_json(root, &bl, err, sizeof(err)) != 0)
		fail_msg("clean.pcap's JSON refused: %s", err);
	json_decref(root);
	assert_true(path_baseline_flow(&bl, &f));
	assert_int_equal(f.proto, 1);

	infer_capture("delay", NULL, &res);
	assert_int_equal(res.verdict.kind, VK_CLEAN);	/* a fixed step alone is distance */
	path_result_free(&res);
	infer_capture("delay", &bl, &res);
	assert_int_equal(res.verdict.kind, VK_SLOW_LINK);
	assert_string_equal(res.verdict.cause, "baseline");
	assert_int_equal(res.verdict.hop, 3);
	assert_int_equal(fl_addr_v4_host(&res.verdict.addr), A(198, 18, 2, 2));
	assert_int_equal(res.verdict.from.ttl, 2);
	assert_true(res.verdict.added_ms > 45 && res.verdict.added_ms < 60);
	assert_contains(res.verdict.summary, "since the baseline of");
	assert_contains(res.verdict.summary, "was 0.0 ms");
	assert_int_equal(count(&res, FK_PATH_CHANGE), 0);
	path_result_free(&res);

	infer_capture("clean", &bl, &res);
	assert_int_equal(res.verdict.kind, VK_CLEAN);
	assert_int_equal(count(&res, FK_SLOW_LINK) + count(&res, FK_PATH_CHANGE), 0);
	assert_true(res.links[2].has_baseline);
	path_result_free(&res);

	infer_capture("silent", &bl, &res);
	assert_int_equal(res.verdict.kind, VK_CLEAN);
	assert_int_equal(count(&res, FK_SLOW_LINK) + count(&res, FK_PATH_CHANGE), 0);
	path_result_free(&res);

	infer_capture("udp", NULL, &res);
	assert_int_equal(path_baseline_check(&bl, &res.dst, res.proto, err, sizeof(err)), -1);
	assert_contains(err, "probed with icmp, this run with udp");
	path_result_free(&res);
	path_baseline_free(&bl);
}

/* Places along the equator, d km from 0,0 (6371 km sphere). */
static double
lon_at_km(double d)
{
	return d / 6371.0 * 180 / M_PI;
}

static void
load_locations(struct path_locations *locs, const char *text)
{
	char err[200] = "";

	if (path_locations_parse(text, strlen(text), locs, err, sizeof(err)) != 0)
		fail_msg("locations refused: %s", err);
}

/* 35 ms between places 3000 km apart: fibre allows 90 ms, so it is distance. */
static void
test_locations_distance_explains(void **st)
{
	struct path_locations locs;
	struct path_result res;
	const struct path_finding *f;
	struct run run;
	char text[300];

	(void)st;
	snprintf(text, sizeof(text), "# where the routers are\n"
	    "198.18.1.2\t0 0 Lisbon\r\n"
	    "198.18.2.0/24 0 %.6f   Far   Away   # the trailing comment\n"
	    "\n", lon_at_km(3000));
	load_locations(&locs, text);
	healthy(&run);
	step(&run, 3, 35);
	infer_with(&run, 12, NULL, &locs, &res);
	assert_int_equal(res.verdict.kind, VK_CLEAN);
	assert_int_equal(count(&res, FK_SLOW_LINK), 0);
	assert_string_equal(res.links[2].cause, "distance");
	assert_true(res.links[2].has_distance);
	assert_true(fabs(res.links[2].distance_km - 3000) < 1);
	assert_false(res.links[1].has_distance);	/* hop 1 has no place */
	f = finding(&res, FK_DISTANCE);
	assert_non_null(f);
	assert_int_equal(f->hop, 3);
	assert_string_equal(f->cause, "distance");
	assert_contains(f->summary, "between Lisbon and Far Away, 3000 km apart");
	assert_contains(f->summary, "3 x 30.0 ms");
	assert_contains(f->summary, "so the step is distance, not a fault");
	path_result_free(&res);
	path_locations_free(&locs);
}

/* 40 ms between places 50 km apart: no route explains it, a slow link. */
static void
test_locations_beyond_distance(void **st)
{
	struct path_locations locs;
	struct path_result res;
	struct run run;
	char text[300];

	(void)st;
	snprintf(text, sizeof(text), "198.18.1.2 0 0 Paris\n198.18.2.2 0 %.6f Frankfurt\n",
	    lon_at_km(50));
	load_locations(&locs, text);
	healthy(&run);
	step(&run, 3, 40);
	infer_with(&run, 13, NULL, &locs, &res);
	assert_int_equal(res.verdict.kind, VK_SLOW_LINK);
	assert_true(res.verdict.significant);
	assert_string_equal(res.verdict.cause, "beyond-distance");
	assert_int_equal(res.verdict.hop, 3);
	assert_int_equal(res.verdict.from.ttl, 2);
	assert_contains(res.verdict.summary, "between Paris and Frankfurt, 50 km apart");
	assert_contains(res.verdict.summary, "fibre explains at most 1.5 ms (3 x 0.5 ms");
	assert_string_equal(res.links[2].cause, "beyond-distance");
	assert_int_equal(count(&res, FK_DISTANCE), 0);
	assert_contains(finding(&res, FK_LARGEST_STEP)->summary, "beyond what the distance");
	path_result_free(&res);

	/* Unnamed places are given by their coordinates. */
	path_locations_free(&locs);
	snprintf(text, sizeof(text), "198.18.1.2 0 0\n198.18.2.2 0 %.6f\n", lon_at_km(50));
	load_locations(&locs, text);
	infer_with(&run, 13, NULL, &locs, &res);
	assert_int_equal(res.verdict.kind, VK_SLOW_LINK);
	assert_contains(res.verdict.summary, "between 0.00,0.00 and 0.00,0.45");
	path_result_free(&res);
	path_locations_free(&locs);
}

static void
assert_place(const struct path_locations *locs, uint32_t a, const char *name)
{
	const struct path_location *l;
	struct fl_addr fa;

	fl_addr_v4(&fa, a);
	l = path_locations_find(locs, &fa);
	if (name == NULL) {
		assert_null(l);
		return;
	}
	assert_non_null(l);
	assert_string_equal(l->name, name);
}

static void
test_locations_longest_prefix(void **st)
{
	static const char text[] =
	    "198.18.0.0/16 1 1 sixteen\n"
	    "198.18.2.2 3 3 host\n"
	    "198.18.2.0/24 2 2 twenty-four\n"
	    "10.0.0.0/8 4 4 ten\n"
	    "198.18.2.0/23 2.5 2.5 twenty-three\n";
	struct path_locations locs;
	struct fl_addr v6;

	(void)st;
	load_locations(&locs, text);
	assert_int_equal(locs.n, 5);
	assert_place(&locs, A(198, 18, 2, 2), "host");
	assert_place(&locs, A(198, 18, 2, 3), "twenty-four");
	assert_place(&locs, A(198, 18, 3, 1), "twenty-three");
	assert_place(&locs, A(198, 18, 200, 1), "sixteen");
	assert_place(&locs, A(10, 200, 0, 1), "ten");
	assert_place(&locs, A(192, 0, 2, 1), NULL);
	memset(&v6, 0, sizeof(v6));
	assert_int_equal(fl_addr_parse("2001:db8::1", &v6), 0);
	assert_null(path_locations_find(&locs, &v6));
	path_locations_free(&locs);

	load_locations(&locs, "0.0.0.0/0 -33.8688 151.2093 anywhere\n198.18.2.2 +48.85 2.35\n");
	assert_place(&locs, A(192, 0, 2, 1), "anywhere");
	assert_place(&locs, A(198, 18, 2, 2), "");
	memset(&v6, 0, sizeof(v6));
	assert_null(path_locations_find(&locs, &v6));	/* an unset address */
	path_locations_free(&locs);

	/* Empty and comment-only files hold nothing, and are fine. */
	load_locations(&locs, "");
	assert_int_equal(locs.n, 0);
	load_locations(&locs, "# nothing yet\n\n   \n");
	assert_int_equal(locs.n, 0);
	path_locations_free(&locs);
	/* Paris to Frankfurt, about 479 km. */
	assert_true(fabs(path_great_circle_km(48.8566, 2.3522, 50.1109, 8.6821) - 479) < 3);
}

/* Bad lines: refused, with their line number. */
static void
test_locations_bad_lines(void **st)
{
	static const struct {
		const char	*text;
		const char	*err;
	} bad[] = {
		{ "# places\n\n10.0.0.1 91 0\n", "line 3: '91' is not a latitude" },
		{ "10.0.0.1 0 180.5\n", "line 1: '180.5' is not a longitude" },
		{ "10.0.0.1 1e1 0\n", "line 1: '1e1' is not a latitude" },
		{ "10.0.0.1 nan 0\n", "line 1: 'nan'" },
		{ "10.0.0.1 0x10 0\n", "line 1: '0x10'" },
		{ "10.0.0.1 . 0\n", "line 1: '.'" },
		{ "ok 1 2\n", "line 1: 'ok' is not an IPv4 address or prefix" },
		{ "10.0.0.1 0 0\n10.0.0.0/33 0 0\n", "line 2: '10.0.0.0/33': the prefix length" },
		{ "10.0.0.0/ 0 0\n", "line 1: '10.0.0.0/'" },
		{ "10.0.0.0/-8 0 0\n", "line 1: '10.0.0.0/-8'" },
		{ "10.0.0.0/008 0 0\n", "line 1: '10.0.0.0/008'" },
		{ "10.1.2.3/24 0 0\n", "line 1: '10.1.2.3/24' has bits set past its /24" },
		{ "2001:db8::/32 0 0\n", "line 1: '2001:db8::/32': IPv6 is not read yet" },
		{ "10.0.0.01 0 0\n", "line 1: '10.0.0.01'" },
		{ "10.0.0.1 0\n", "line 1: want ADDRESS-or-PREFIX LATITUDE LONGITUDE" },
		{ "10.0.0.1\n", "line 1: want" },
		{ "\n\n\n\n10.0.0.1 0 0 a\x01z\n", "line 5: a control character (0x01)" },
		{ "10.0.0.1 0 0 caf\xc3\n", "line 1: the name is not UTF-8" },
		{ "10.0.0.1 0 0 \xc0\xaf\n", "line 1: the name is not UTF-8" },
		{ "10.0.0.1 0 0 \xed\xa0\x80\n", "line 1: the name is not UTF-8" },
		{ "10.0.0.1 0 0 evil\xe2\x80\xaegnp\n", "line 1: the name is not UTF-8" },
		{ "10.0.0.1 0 0 \xc2\x85\n", "line 1: the name is not UTF-8" },
		{ "10.0.0.1 0 0 aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd e\n",
		    "line 1: the name is longer than 40 bytes" },
		{ "10.0.0.0/8 0 0\n10.0.0.1 0 0\n10.0.0.0/8 1 1\n",
		    "line 3: 10.0.0.0/8 is given again (first on line 1)" },
	};
	struct path_locations locs;
	char err[200], *big;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (path_locations_parse(bad[i].text, strlen(bad[i].text), &locs, err,
		    sizeof(err)) != -1)
			fail_msg("accepted \"%s\"", bad[i].text);
		assert_null(locs.v);
		assert_null(strchr(err, '\n'));
		assert_contains(err, bad[i].err);
	}
	/* A NUL byte, and a line longer than PATH_LOCATIONS_LINE. */
	assert_int_equal(path_locations_parse("10.0.0.1 0 0\n1\0.0.0.2 0 0\n", 26, &locs, err,
	    sizeof(err)), -1);
	assert_contains(err, "line 2: a NUL byte");
	big = malloc(PATH_LOCATIONS_LINE + 40);
	assert_non_null(big);
	memset(big, ' ', PATH_LOCATIONS_LINE + 40);
	memcpy(big, "10.0.0.1 0 0", 12);
	assert_int_equal(path_locations_parse(big, PATH_LOCATIONS_LINE + 40, &locs, err,
	    sizeof(err)), -1);
	assert_contains(err, "line 1: longer than");
	/* The longest line that is allowed, with its CR. */
	big[PATH_LOCATIONS_LINE] = '\r';
	big[PATH_LOCATIONS_LINE + 1] = '\n';
	assert_int_equal(path_locations_parse(big, PATH_LOCATIONS_LINE + 2, &locs, err,
	    sizeof(err)), 0);
	assert_int_equal(locs.n, 1);
	path_locations_free(&locs);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_baseline_reads_a_result),
		cmocka_unit_test(test_baseline_step_grew),
		cmocka_unit_test(test_baseline_step_not_yet_placed),
		cmocka_unit_test(test_baseline_growth_within_noise),
		cmocka_unit_test(test_baseline_path_change),
		cmocka_unit_test(test_baseline_other_target_refused),
		cmocka_unit_test(test_baseline_hostile_refused),
		cmocka_unit_test(test_baseline_on_captures),
		cmocka_unit_test(test_locations_distance_explains),
		cmocka_unit_test(test_locations_beyond_distance),
		cmocka_unit_test(test_locations_longest_prefix),
		cmocka_unit_test(test_locations_bad_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
