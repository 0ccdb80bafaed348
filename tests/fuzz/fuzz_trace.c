/*
 * The fixed trace fuzz_baseline and fuzz_locations infer with what they
 * read (fuzz_trace.h).  Built once; infer_path() only reads it.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "analyze/common/envelope.h"
#include "analyze/ptrace_slow/render.h"
#include "fuzz_analysis.h"
#include "fuzz_trace.h"
#include "tests/unit/pktbuild.h"

#define ME	A(198, 18, 0, 1)
#define DST	A(198, 18, 9, 2)
#define MS	1000000LL
#define NHOPS	5
#define ROUNDS	12

static struct corr *
trace(void)
{
	static const double base_ms[NHOPS] = { 0.2, 0.3, 5.4, 5.5, 5.6 };
	struct corr *c = corr_new(NULL, 5000 * MS);
	uint8_t p[64], r[128];
	uint32_t frame = 0;
	uint16_t seq = 0;
	int round, t;

	FUZZ_CHECK(c != NULL);
	for (round = 0; round < ROUNDS; round++)
		for (t = 1; t <= NHOPS; t++) {
			int64_t ts = round * 100 * MS + t * 10000;
			size_t n = pb_echo(p, 8, ME, DST, (uint8_t)t, 77, seq++);

			pb_feed(c, ++frame, ts, p, n);
			ts += (int64_t)((base_ms[t - 1] + 0.01 * ((round * 7 + t * 3) % 10)) * 1e6);
			if (t == NHOPS)
				n = pb_echo(r, 0, DST, ME, (uint8_t)(65 - t), 77, (uint16_t)(seq - 1));
			else
				n = pb_icmp_err(r, 11, 0, A(198, 18, t - 1, 2), (uint8_t)(256 - t), p,
				    28, 1);
			pb_feed(c, ++frame, ts, r, n);
		}
	corr_finish(c);
	FUZZ_CHECK(corr_best_trace(c, NULL, 2) == 0);
	return c;
}

/* Every sentence is text jansson takes whole (valid UTF-8), and says something. */
static void
check_sentences(const struct path_result *res)
{
	json_t *s;
	size_t i;

	FUZZ_CHECK(res->verdict.summary[0] != '\0');
	for (i = 0; i < res->nfindings; i++) {
		FUZZ_CHECK(res->findings[i].summary[0] != '\0');
		s = json_string(res->findings[i].summary);
		FUZZ_CHECK(s != NULL);
		json_decref(s);
	}
	s = json_string(res->verdict.summary);
	FUZZ_CHECK(s != NULL);
	json_decref(s);
}

static void
reports(const struct path_result *res, bool round_trip)
{
	static FILE *devnull;
	struct path_baseline again;
	struct fl_envelope env;
	json_t *root;
	char *text, err[256];

	if (devnull == NULL)
		devnull = fopen("/dev/null", "w");
	FUZZ_CHECK(devnull != NULL);
	memset(&env, 0, sizeof(env));
	env.tool = "ptrace-slow";
	env.started_at = 1795365601123LL * MS;
	env.src = res->src;
	root = render_json_envelope(&env);
	FUZZ_CHECK(root != NULL);
	FUZZ_CHECK(render_json_path(root, res, "fuzz.example", "icmp") == 0);
	text = json_dumps(root, JSON_PRESERVE_ORDER);
	FUZZ_CHECK(text != NULL);
	if (round_trip) {
		if (path_baseline_parse(text, strlen(text), &again, err, sizeof(err)) != 0) {
			fprintf(stderr, "fuzz_trace: our own JSON refused: %s\n", err);
			FUZZ_CHECK(!"a result read back as a baseline");
		}
		path_baseline_free(&again);
	}
	free(text);
	json_decref(root);
	FUZZ_CHECK(render_text_path(devnull, res, &env, "fuzz.example", "icmp") == 0);
}

void
fuzz_trace_infer(const struct path_baseline *bl, const struct path_locations *locs,
    bool round_trip)
{
	static struct corr *c;
	struct path_params pp;
	struct path_result res;
	char err[128];
	size_t i;

	if (c == NULL)
		c = trace();
	infer_path_defaults(&pp);
	pp.baseline = bl;
	pp.locations = locs;
	FUZZ_CHECK(infer_path(c, 0, &pp, &res, err, sizeof(err)) == 0);
	check_sentences(&res);
	for (i = 0; i < res.nlinks; i++)
		FUZZ_CHECK(res.links[i].cause != NULL && res.links[i].noise_ms >= 0);
	reports(&res, round_trip);
	path_result_free(&res);
}
