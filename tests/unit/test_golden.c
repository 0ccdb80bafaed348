/*
 * Golden tests: a saved capture in, the expected reading out.  The
 * book's captures are read-only fixtures in ../shared/captures; captures
 * recorded in the lab live in tests/fixtures/ptrace/.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "infer_path.h"

#define MS	1000000LL

static struct corr *
read_trace(const char *path, struct path_result *r)
{
	struct path_params pp;
	char err[256];
	struct corr *c;
	int32_t g;

	c = load_capture(path, NULL, 5000 * MS, NULL, err, sizeof(err));
	if (c == NULL)
		fail_msg("%s: %s", path, err);
	g = corr_best_trace(c, NULL, 2);
	assert_true(g >= 0);
	infer_path_defaults(&pp);
	assert_int_equal(infer_path(c, (uint32_t)g, &pp, r, err, sizeof(err)), 0);
	return c;
}

static const struct path_finding *
finding_at(const struct path_result *r, enum finding_kind k, int hop)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == k && (hop < 0 || r->findings[i].hop == hop))
			return &r->findings[i];
	return NULL;
}

static bool
evidence_has(const struct path_result *r, uint32_t frame)
{
	size_t i;

	for (i = 0; i < r->nevidence; i++)
		if (r->evidence[i].frame == frame)
			return true;
	return false;
}

/*
 * The book's slow Windows tracert: hop 1 silent and not blamed, stable
 * rises at hops 9 and 10 (about +29 ms each) read as fixed delay, the
 * destination at hop 13 near 80 ms, and the 49.5 s put down to tracert.
 */
static void
test_tracert_slow(void **st)
{
	struct path_result r;
	struct corr *c = read_trace(SHARED_CAPTURES "/icmp-tracert-slow.pcap", &r);
	const struct path_finding *f;
	char a[FL_ADDRSTRLEN];
	size_t i;

	(void)st;
	assert_int_equal(r.verdict.kind, VK_BOTTLENECK);
	assert_true(r.verdict.significant);
	assert_int_equal(r.verdict.hop, 9);
	assert_string_equal(fl_addr_str(&r.verdict.addr, a, sizeof(a)), "129.250.4.197");
	assert_int_equal(r.verdict.from.ttl, 8);
	assert_string_equal(fl_addr_str(&r.verdict.from.addr, a, sizeof(a)), "129.250.2.112");
	assert_string_equal(r.verdict.cause, "fixed-delay");
	assert_true(r.verdict.added_ms > 26 && r.verdict.added_ms < 32);

	f = finding_at(&r, FK_LATENCY_RISE, 10);
	assert_non_null(f);
	assert_string_equal(f->cause, "fixed-delay");
	assert_true(f->added_ms > 26 && f->added_ms < 32);

	/* Hop 1: silent, labelled, never blamed. */
	assert_true(r.hops[1].flags & HF_SILENT);
	assert_non_null(finding_at(&r, FK_SILENT, 1));
	assert_int_not_equal(r.verdict.hop, 1);
	for (i = 0; i < r.nfindings; i++)
		if (r.findings[i].kind == FK_LOSSY_LINK || r.findings[i].kind == FK_RATE_LIMITED)
			fail_msg("loss finding at hop %d", r.findings[i].hop);

	assert_int_equal(r.dest_ttl, 13);
	assert_true(r.hops[13].flags & HF_DESTINATION);
	assert_true(fabs(r.hops[13].rtt.median - 78.7) < 1.0);
	assert_string_equal(fl_addr_str(&r.hops[13].addr, a, sizeof(a)), "198.173.244.32");

	/* MPLS labels quoted by hops 8 and 9 (pre-RFC 4884 layout). */
	assert_int_equal(r.hops[8].n_mpls, 1);
	assert_int_equal(r.hops[8].mpls[0].label, 426930);
	assert_int_equal(r.hops[9].mpls[0].label, 603760);

	/* The wall time is tracert's, and the report says so. */
	f = finding_at(&r, FK_TOOL_TIMING, -1);
	assert_non_null(f);
	assert_non_null(strstr(f->summary, "49.5 s"));
	assert_non_null(strstr(f->summary, "not the network"));
	assert_true(r.max_rtt_ms < 110);

	/* The proof: hop 8's and hop 9's probes and replies. */
	assert_true(evidence_has(&r, 46) && evidence_has(&r, 47));
	assert_true(evidence_has(&r, 40) && evidence_has(&r, 41));
	path_result_free(&r);
	corr_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tracert_slow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
