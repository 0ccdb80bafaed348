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
#include "analyze/ptrace_slow/infer.h"

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

	for (i = 0; i < r->ev.n; i++)
		if (r->ev.v[i].frame == frame)
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

/* Captures written by ptrace-slow -w in the lab, one per verdict kind. */
static const struct {
	const char	*file;
	enum verdict_kind kind;
	int		 hop;
	const char	*addr;		/* NULL: none */
	const char	*cause;		/* NULL: none */
	int		 flag_hop;	/* a hop that must carry flag */
	uint32_t	 flag;
	uint8_t		 dest_answer;	/* how the destination answers */
} lab[] = {
	{ "clean", VK_CLEAN, 0, NULL, NULL, 4, HF_DESTINATION, RK_ECHO_REPLY },
	{ "delay", VK_BOTTLENECK, 3, "198.18.2.2", "fixed-delay", 3, HF_BOTTLENECK, RK_ECHO_REPLY },
	{ "queue", VK_BOTTLENECK, 3, "198.18.2.2", "queueing", 3, HF_BOTTLENECK, RK_ECHO_REPLY },
	{ "icmpslow", VK_CLEAN, 0, NULL, NULL, 2, HF_ICMP_DEPRIORITIZED, RK_ECHO_REPLY },
	{ "ratelimit", VK_CLEAN, 0, NULL, NULL, 2, HF_RATE_LIMITED, RK_ECHO_REPLY },
	{ "loss", VK_LOSSY_LINK, 3, "198.18.2.2", NULL, 3, HF_LOSSY_LINK, RK_ECHO_REPLY },
	{ "silent", VK_CLEAN, 0, NULL, NULL, 2, HF_SILENT, RK_ECHO_REPLY },
	{ "noroute", VK_UNREACHABLE, 3, "198.18.2.2", NULL, 3, HF_UNREACHABLE, 0 },
	{ "reject", VK_UNREACHABLE, 3, "198.18.2.2", NULL, 3, HF_UNREACHABLE, 0 },
	{ "filter", VK_INCOMPLETE, 2, "198.18.1.2", NULL, 3, HF_SILENT, 0 },
	{ "udp", VK_BOTTLENECK, 2, "198.18.1.2", "fixed-delay", 2, HF_BOTTLENECK, RK_UNREACH },
	{ "tcpopen", VK_BOTTLENECK, 2, "198.18.1.2", "fixed-delay", 2, HF_BOTTLENECK, RK_SYNACK },
	{ "tcpclosed", VK_BOTTLENECK, 2, "198.18.1.2", "fixed-delay", 2, HF_BOTTLENECK, RK_RST },
	{ "one", VK_BOTTLENECK, 3, "198.18.2.2", "fixed-delay", 3, HF_BOTTLENECK, RK_ECHO_REPLY },
};

static void
test_lab_captures(void **st)
{
	char path[256], a[FL_ADDRSTRLEN];
	struct path_result r;
	struct corr *c;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(lab) / sizeof(lab[0]); i++) {
		snprintf(path, sizeof(path), FIXTURES "/ptrace/%s.pcap", lab[i].file);
		c = read_trace(path, &r);
		if (r.verdict.kind != lab[i].kind || r.verdict.hop != lab[i].hop)
			fail_msg("%s: %s at hop %d, expected %s at hop %d", lab[i].file,
			    path_verdict_name(r.verdict.kind), r.verdict.hop,
			    path_verdict_name(lab[i].kind), lab[i].hop);
		assert_string_equal(lab[i].addr ? lab[i].addr : "",
		    fl_addr_is_set(&r.verdict.addr) ? fl_addr_str(&r.verdict.addr, a, sizeof(a)) : "");
		assert_string_equal(lab[i].cause ? lab[i].cause : "",
		    r.verdict.cause ? r.verdict.cause : "");
		if (!(r.hops[lab[i].flag_hop].flags & lab[i].flag))
			fail_msg("%s: hop %d lacks flag 0x%x", lab[i].file, lab[i].flag_hop,
			    lab[i].flag);
		if (lab[i].dest_answer != 0) {
			assert_int_equal(r.dest_ttl, 4);
			assert_true(r.hops[4].answers[lab[i].dest_answer] > 0);
		}
		assert_true(r.ev.n > 0);
		assert_true(r.verdict.summary[0] != '\0');
		path_result_free(&r);
		corr_free(c);
	}
}

/* Linux traceroute and mtr, on the same slow path, in several formats. */
static void
test_foreign_captures(void **st)
{
	static const struct {
		const char	*file;
		uint8_t		 proto;
	} f[] = {
		{ "traceroute-udp-eth.pcap", 17 },
		{ "traceroute-icmp-sll.pcap", 1 },
		{ "traceroute-tcp-sll2.pcap", 6 },
		{ "mtr-icmp.pcapng", 1 },
		{ "mtr-udp-eth.pcap", 17 },
		{ "mtr-tcp-eth.pcap", 6 },
	};
	char path[256], a[FL_ADDRSTRLEN];
	struct path_result r;
	struct corr *c;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		snprintf(path, sizeof(path), FIXTURES "/foreign/%s", f[i].file);
		c = read_trace(path, &r);
		if (r.verdict.kind != VK_BOTTLENECK || r.verdict.hop != 3)
			fail_msg("%s: %s at hop %d", f[i].file, path_verdict_name(r.verdict.kind),
			    r.verdict.hop);
		assert_int_equal(r.proto, f[i].proto);
		assert_string_equal(fl_addr_str(&r.verdict.addr, a, sizeof(a)), "198.18.2.2");
		assert_string_equal(r.verdict.cause, "fixed-delay");
		assert_true(r.verdict.added_ms > 45 && r.verdict.added_ms < 55);
		assert_int_equal(r.dest_ttl, 4);
		path_result_free(&r);
		corr_free(c);
	}
}

/*
 * One run's capture also holds the other run's ICMP errors (its filter
 * admits every ICMP error to this host): read back, they match nothing.
 */
static void
test_concurrent_capture_keeps_runs_apart(void **st)
{
	char err[256];
	struct corr *c = load_capture(FIXTURES "/ptrace/one.pcap", NULL, 5000 * MS, NULL,
	    err, sizeof(err));
	const struct corr_group *g;
	int32_t gi;
	uint32_t i, answered = 0;

	(void)st;
	assert_non_null(c);
	assert_true(corr_counters(c)->foreign_replies > 0);
	gi = corr_best_trace(c, NULL, 2);
	g = corr_group(c, (uint32_t)gi);
	for (i = 0; i < corr_nprobes(c); i++)
		answered += corr_probe(c, i)->group == (uint32_t)gi && corr_probe(c, i)->reply >= 0;
	assert_int_equal(answered, g->nanswered);
	assert_true(g->nanswered <= g->nprobes);
	corr_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tracert_slow),
		cmocka_unit_test(test_lab_captures),
		cmocka_unit_test(test_foreign_captures),
		cmocka_unit_test(test_concurrent_capture_keeps_runs_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
