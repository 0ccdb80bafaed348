/*
 * Golden tests: a saved capture in, the expected reading out.  The
 * book's captures and the real-world ones are read-only fixtures in
 * ../shared/captures; captures recorded in the lab live in
 * tests/fixtures/ptrace/ (its README states what each should read as).
 * Each is read as ptrace-slow -r reads it: a saved capture, whose
 * timing is the tracing program's.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "analyze/ptrace_slow/infer.h"
#include "analyze/ptrace_slow/shape.h"

#define MS	1000000LL

static struct corr *
read_trace_as(const char *path, bool read_capture, struct path_result *r)
{
	struct path_params pp;
	char err[256];
	struct corr *c;
	int32_t g;

	c = load_capture(path, NULL, 5000 * MS, NULL, err, sizeof(err));
	if (c == NULL)
		fail_msg("%s: %s", path, err);
	g = trace_pick(c, NULL, err, sizeof(err));
	if (g < 0)
		fail_msg("%s: %s", path, err);
	infer_path_defaults(&pp);
	pp.read_capture = read_capture;
	assert_int_equal(infer_path(c, (uint32_t)g, &pp, r, err, sizeof(err)), 0);
	return c;
}

static struct corr *
read_trace(const char *path, struct path_result *r)
{
	return read_trace_as(path, true, r);
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

static const struct path_link *
link_to(const struct path_result *r, int k)
{
	size_t i;

	for (i = 0; i < r->nlinks; i++)
		if (r->links[i].to.ttl == k)
			return &r->links[i];
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

static bool
any_flag(const struct path_result *r, uint32_t flag)
{
	int t;

	for (t = 1; t < PATH_MAX_HOPS; t++)
		if (r->hops[t].flags & flag)
			return true;
	return false;
}

/* No fault finding of any kind: what a healthy path must show. */
static void
assert_no_fault(const struct path_result *r)
{
	size_t i;

	assert_false(any_flag(r, HF_FAULT | HF_QUEUEING | HF_LOSSY_LINK));
	for (i = 0; i < r->nfindings; i++)
		switch (r->findings[i].kind) {
		case FK_QUEUEING: case FK_LOSSY_LINK: case FK_SLOW_LINK: case FK_OVER_BUDGET:
			fail_msg("%s finding at hop %d", path_finding_name(r->findings[i].kind),
			    r->findings[i].hop);
			break;
		default:
			break;
		}
}

/* The budget's steps are >= 0 and add up to the destination's minimum. */
static void
assert_budget_adds_up(const struct path_result *r)
{
	double sum = 0;
	size_t i;

	assert_true(r->nlinks > 0);
	for (i = 0; i < r->nlinks; i++) {
		assert_true(r->links[i].added_ms >= 0);
		sum += r->links[i].added_ms;
	}
	assert_int_equal(r->links[r->nlinks - 1].to.ttl, r->dest_ttl);
	assert_true(fabs(sum - r->hops[r->dest_ttl].rtt.min) < 1e-9);
}

/*
 * The book's slow Windows tracert: a healthy path.  Hop 1 silent and
 * not blamed; the round trip (78 ms at hop 13) is spent on two steps,
 * the MPLS tunnel from hop 7 to hop 9 (labels quoted by hops 8 and 9)
 * and the link from hop 9 to hop 10, about 29 ms each, fixed: clean,
 * likely (3 probes per hop in one pass are too few to rule out a queue
 * that comes and goes); and the 49.5 s put down to tracert, as the
 * capture is read as one.
 */
static void
test_tracert_slow(void **st)
{
	struct path_result r;
	struct corr *c = read_trace(SHARED_CAPTURES "/icmp-tracert-slow.pcap", &r);
	const struct path_finding *f;
	const struct path_link *l;
	char a[FL_ADDRSTRLEN];
	size_t i;

	(void)st;
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(r.verdict.significant);
	assert_int_equal(r.rounds, 1);
	assert_int_equal(r.verdict.confidence, CONF_LIKELY);
	assert_non_null(strstr(r.verdict.confidence_reason, "1 round, 3 answers from the "
	    "destination: too few to rule out queueing that comes and goes"));
	assert_int_equal(r.verdict.hop, 0);
	assert_no_fault(&r);

	/* Hop 1: silent, labelled, never blamed. */
	assert_true(r.hops[1].flags & HF_SILENT);
	assert_non_null(finding_at(&r, FK_SILENT, 1));
	for (i = 0; i < r.nfindings; i++)
		if (r.findings[i].kind == FK_RATE_LIMITED)
			fail_msg("rate-limited finding at hop %d", r.findings[i].hop);
	assert_null(link_to(&r, 1));

	assert_int_equal(r.dest_ttl, 13);
	assert_true(r.hops[13].flags & HF_DESTINATION);
	assert_true(fabs(r.hops[13].rtt.median - 78.7) < 1.0);
	assert_int_equal(r.hops[13].lost, 0);
	assert_string_equal(fl_addr_str(&r.hops[13].addr, a, sizeof(a)), "198.173.244.32");

	/* MPLS labels quoted by hops 8 and 9 (pre-RFC 4884 layout): one tunnel link. */
	assert_int_equal(r.hops[8].n_mpls, 1);
	assert_int_equal(r.hops[8].mpls[0].label, 426930);
	assert_int_equal(r.hops[9].mpls[0].label, 603760);
	assert_true((r.hops[8].flags & HF_MPLS) && (r.hops[9].flags & HF_MPLS));
	assert_null(link_to(&r, 8));
	l = link_to(&r, 9);
	assert_non_null(l);
	assert_int_equal(l->from.ttl, 7);
	assert_true(l->tunnel);
	assert_string_equal(l->cause, "mpls-tunnel");
	assert_true(l->added_ms > 28 && l->added_ms < 32);
	l = link_to(&r, 10);
	assert_string_equal(l->cause, "distance");
	assert_true(l->added_ms > 26 && l->added_ms < 30);
	assert_budget_adds_up(&r);
	assert_true(fabs(r.hops[13].rtt.min - 78.2) < 0.1);

	/* The largest steps, named in the verdict. */
	f = finding_at(&r, FK_LARGEST_STEP, 9);
	assert_non_null(f);
	assert_int_equal(f->from.ttl, 7);
	assert_int_equal(f->to.ttl, 9);
	assert_non_null(strstr(f->summary, "mostly on the link from hop 7 (129.250.9.109) to "
	    "hop 9 (129.250.4.197): +30.3 ms (39%), across an MPLS tunnel"));
	assert_non_null(strstr(f->summary, "then on the link from hop 9 (129.250.4.197) to "
	    "hop 10 (129.250.5.35): +28.1 ms (36%), fixed: distance or a long link"));
	assert_non_null(strstr(r.verdict.summary, f->summary));

	/* The wall time is tracert's, and the report says so. */
	f = finding_at(&r, FK_TOOL_TIMING, -1);
	assert_non_null(f);
	assert_non_null(strstr(f->summary, "49.5 s"));
	assert_non_null(strstr(f->summary, "not the network"));
	assert_true(r.max_rtt_ms < 110);

	/* The proof of a clean path: the destination's probes and replies. */
	assert_true(evidence_has(&r, 71) && evidence_has(&r, 72));
	assert_true(evidence_has(&r, 75) && evidence_has(&r, 76));
	path_result_free(&r);
	corr_free(c);

	/* A live run paces its own probes: no tool-timing note then. */
	c = read_trace_as(SHARED_CAPTURES "/icmp-tracert-slow.pcap", false, &r);
	assert_null(finding_at(&r, FK_TOOL_TIMING, -1));
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	path_result_free(&r);
	corr_free(c);
}

/*
 * A real healthy Windows tracert to 4.2.2.1 (the real-world README: 9
 * hops, 0 loss, 11.6 ms; the steps at hops 4-5 are where its time is
 * spent): clean, and the summary names both links.
 */
static void
test_real_world_traceroute(void **st)
{
	struct path_result r;
	struct corr *c = read_trace(SHARED_CAPTURES "/real-world/icmp_traceroute.pcapng", &r);
	int t;

	(void)st;
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(r.verdict.significant);
	assert_int_equal(r.verdict.confidence, CONF_LIKELY);	/* 3 probes per hop, one pass */
	assert_no_fault(&r);
	assert_int_equal(r.dest_ttl, 9);
	assert_true(fabs(r.hops[9].rtt.median - 11.6) < 0.2);
	for (t = 1; t <= 9; t++) {
		assert_int_equal(r.hops[t].sent, 3);
		assert_int_equal(r.hops[t].lost, 0);
	}
	assert_non_null(strstr(r.verdict.summary,
	    "the link from hop 3 (12.153.21.202) to hop 4 (12.86.61.157): +5.2 ms"));
	assert_non_null(strstr(r.verdict.summary,
	    "then on the link from hop 4 (12.86.61.157) to hop 5 (12.122.133.110): +4.6 ms"));
	assert_true(link_to(&r, 4)->share + link_to(&r, 5)->share > 0.8);
	assert_budget_adds_up(&r);
	assert_non_null(finding_at(&r, FK_TOOL_TIMING, -1));
	path_result_free(&r);
	corr_free(c);
}

/* Captures written by ptrace-slow -w in the lab, one per reading. */
static const struct {
	const char	*file;
	enum verdict_kind kind;
	int		 hop;
	const char	*addr;		/* NULL: none */
	const char	*cause;		/* NULL: none */
	int		 flag_hop;	/* a hop that must carry every bit of flag */
	uint32_t	 flag;
	uint8_t		 dest_answer;	/* how the destination answers */
	int		 step_to;	/* the largest step's far end; 0: none over the floor */
} lab[] = {
	{ "clean", VK_CLEAN, 0, NULL, NULL, 4, HF_DESTINATION, RK_ECHO_REPLY, 0 },
	{ "delay", VK_CLEAN, 0, NULL, NULL, 4, HF_DESTINATION, RK_ECHO_REPLY, 3 },
	{ "queue", VK_CONGESTED, 3, "198.18.2.2", "queueing", 3, HF_QUEUEING | HF_FAULT,
	    RK_ECHO_REPLY, 0 },
	{ "icmpslow", VK_CLEAN, 0, NULL, NULL, 2, HF_ICMP_DEPRIORITIZED, RK_ECHO_REPLY, 0 },
	{ "ratelimit", VK_CLEAN, 0, NULL, NULL, 2, HF_RATE_LIMITED, RK_ECHO_REPLY, 0 },
	{ "loss", VK_INCONCLUSIVE, 0, NULL, NULL, 4, HF_DESTINATION, RK_ECHO_REPLY, 0 },
	{ "silent", VK_CLEAN, 0, NULL, NULL, 2, HF_SILENT, RK_ECHO_REPLY, 0 },
	{ "noroute", VK_UNREACHABLE, 3, "198.18.2.2", NULL, 3, HF_UNREACHABLE, 0, 0 },
	{ "reject", VK_UNREACHABLE, 3, "198.18.2.2", NULL, 3, HF_UNREACHABLE, 0, 0 },
	{ "filter", VK_INCOMPLETE, 2, "198.18.1.2", NULL, 3, HF_SILENT, 0, 0 },
	{ "udp", VK_CLEAN, 0, NULL, NULL, 4, HF_DESTINATION, RK_UNREACH, 2 },
	{ "tcpopen", VK_CLEAN, 0, NULL, NULL, 4, HF_DESTINATION, RK_SYNACK, 2 },
	{ "tcpclosed", VK_CLEAN, 0, NULL, NULL, 4, HF_DESTINATION, RK_RST, 2 },
	{ "one", VK_CLEAN, 0, NULL, NULL, 4, HF_DESTINATION, RK_ECHO_REPLY, 3 },
};

static void
test_lab_captures(void **st)
{
	char path[256], a[FL_ADDRSTRLEN];
	const struct path_finding *f;
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
		if ((r.hops[lab[i].flag_hop].flags & lab[i].flag) != lab[i].flag)
			fail_msg("%s: hop %d lacks flag 0x%x", lab[i].file, lab[i].flag_hop,
			    lab[i].flag);
		if (lab[i].dest_answer != 0) {
			assert_int_equal(r.dest_ttl, 4);
			assert_true(r.hops[4].answers[lab[i].dest_answer] > 0);
			assert_budget_adds_up(&r);
		}
		if (lab[i].kind == VK_CLEAN)
			assert_no_fault(&r);
		f = finding_at(&r, FK_LARGEST_STEP, -1);
		if (lab[i].step_to == 0) {
			if (f != NULL)
				fail_msg("%s: a largest step at hop %d", lab[i].file, f->hop);
		} else {
			/* The lab's 50 ms one-way delay: distance, named with its link. */
			if (f == NULL || f->to.ttl != lab[i].step_to ||
			    f->from.ttl != lab[i].step_to - 1)
				fail_msg("%s: no largest step to hop %d", lab[i].file, lab[i].step_to);
			assert_string_equal(f->cause, "distance");
			assert_true(f->added_ms > 49 && f->added_ms < 52);
			assert_non_null(strstr(r.verdict.summary, f->summary));
		}
		if (lab[i].kind != VK_INCONCLUSIVE)
			assert_true(r.ev.n > 0);
		assert_true(r.verdict.summary[0] != '\0');
		path_result_free(&r);
		corr_free(c);
	}
}

/*
 * The tbf queue on r2 -> r3: congestion round by round at the link to
 * hop 3, carried by the destination, not a fixed step (the queue is
 * empty at times: the link's minimum stays small).
 */
static void
test_lab_queue(void **st)
{
	struct path_result r;
	struct corr *c = read_trace(FIXTURES "/ptrace/queue.pcap", &r);
	const struct path_link *l;

	(void)st;
	assert_int_equal(r.verdict.kind, VK_CONGESTED);
	assert_true(r.verdict.significant);
	assert_int_equal(r.verdict.confidence, CONF_LIKELY);
	assert_int_equal(r.verdict.from.ttl, 2);
	assert_int_equal(r.verdict.to.ttl, 3);
	assert_true(r.verdict.added_ms > 10);
	assert_true(r.verdict.p_value >= 0 && r.verdict.p_value < 0.01);
	l = link_to(&r, 3);
	assert_string_equal(l->cause, "queueing");
	assert_true(l->added_ms < 1);
	assert_true(l->queue_ms > 10 && l->rounds >= 10);
	assert_string_equal(link_to(&r, 4)->cause, "distance");
	assert_true(fabs(link_to(&r, 4)->queue_ms) < 2);
	path_result_free(&r);
	corr_free(c);
}

/*
 * 25 % loss on r2 -> r3 over 23 rounds: hop 2 lost 0 of 23, hop 3 3 of
 * 23, the destination 4 of 23.  The loss is real (P(X >= 4 | 23, 1 %)
 * is tiny) but not yet placed: with the destination's 17 %, 0 of 23 at
 * hop 2 happens by chance with P = 0.826^23 = 0.012, over alpha 0.01.
 * Honestly inconclusive, with the unplaced finding between hops 2 and 3.
 */
static void
test_lab_loss_unplaced(void **st)
{
	struct path_result r;
	struct corr *c = read_trace(FIXTURES "/ptrace/loss.pcap", &r);
	const struct path_finding *f;
	double ld, p_before;

	(void)st;
	assert_int_equal(r.rounds, 23);
	assert_int_equal(r.hops[2].lost, 0);
	assert_int_equal(r.hops[2].opportunities, 23);
	assert_int_equal(r.hops[3].lost, 3);
	assert_int_equal(r.hops[3].opportunities, 23);
	assert_int_equal(r.hops[4].lost, 4);
	assert_int_equal(r.hops[4].opportunities, 23);
	assert_int_equal(r.hops[4].missing, 0);
	/* Round 1's probes past the destination are kept out of its statistics. */
	assert_true(r.hops[4].beyond_sent > 0);
	assert_int_equal(r.hops[4].sent, 23);

	ld = 4.0 / 23;
	p_before = stats_binom_lower(0, 23, ld);
	assert_true(fabs(p_before - pow(1 - ld, 23)) < 1e-12);
	assert_true(p_before > 0.01 && p_before < 0.013);

	f = finding_at(&r, FK_LOSSY_LINK, 3);
	assert_non_null(f);
	assert_false(f->located);
	assert_int_equal(f->from.ttl, 2);
	assert_int_equal(f->to.ttl, 3);
	assert_true(fabs(f->loss_pct - 100 * ld) < 1e-9);
	assert_true(f->p_value >= 0 && f->p_value < 0.01);
	assert_non_null(strstr(f->summary, "between hop 2 (198.18.1.2) and hop 3 (198.18.2.2)"));
	assert_non_null(strstr(f->summary, "too few samples yet to place it firmly"));
	assert_false(r.hops[3].flags & HF_LOSSY_LINK);
	assert_false(any_flag(&r, HF_FAULT));

	assert_int_equal(r.verdict.kind, VK_INCONCLUSIVE);
	assert_false(r.verdict.significant);
	assert_int_equal(r.verdict.confidence, CONF_AMBIGUOUS);
	assert_int_equal(r.unplaced, 1);
	assert_string_equal(r.verdict.reason, f->summary);
	assert_string_equal(r.verdict.summary, "The destination loses 17% of probes, but the "
	    "samples do not yet show where the loss starts.");
	path_result_free(&r);
	corr_free(c);
}

/*
 * r2 at the kernel's default ICMP limit: 7 answers of 20 (the burst,
 * then 1.0 s).  Its probe at 1.903 s, 0.901 s after the answer at
 * 1.002 s, met an empty bucket: missing, like the other 12, not lost.
 */
static void
test_lab_ratelimit(void **st)
{
	struct path_result r;
	struct corr *c = read_trace(FIXTURES "/ptrace/ratelimit.pcap", &r);
	const struct path_finding *f;

	(void)st;
	assert_int_equal(r.hops[2].sent, 20);
	assert_int_equal(r.hops[2].received, 7);
	assert_int_equal(r.hops[2].missing, 13);
	assert_int_equal(r.hops[2].lost, 0);
	assert_true(r.hops[2].loss_pct == 0);
	f = finding_at(&r, FK_RATE_LIMITED, 2);
	assert_non_null(f);
	assert_non_null(strstr(f->summary, "answered 7 of 20 probes"));
	assert_non_null(strstr(f->summary, "so those 13 are missing data, not loss"));
	assert_int_equal(r.verdict.kind, VK_CLEAN);
	assert_true(r.verdict.significant);
	path_result_free(&r);
	corr_free(c);
}

/*
 * Linux traceroute and mtr, on the lab's 50 ms path, in several formats,
 * over IPv4 and IPv6 (readers_record() reads an IPv6 frame as its own,
 * ICMPv6 hop limit exceeded and port unreachable as their ICMPv4 kin).
 */
static void
test_foreign_captures(void **st)
{
	static const struct {
		const char	*file;
		uint8_t		 proto;
		const char	*step;
	} f[] = {
		{ "traceroute-udp-eth.pcap", 17, "198.18.2.2" },
		{ "traceroute-icmp-sll.pcap", 1, "198.18.2.2" },
		{ "traceroute-tcp-sll2.pcap", 6, "198.18.2.2" },
		{ "mtr-icmp.pcapng", 1, "198.18.2.2" },
		{ "mtr-udp-eth.pcap", 17, "198.18.2.2" },
		{ "mtr-tcp-eth.pcap", 6, "198.18.2.2" },
		{ "traceroute6-udp-eth.pcap", 17, "2001:2:0:2::2" },
		{ "traceroute6-icmp-eth.pcap", 1, "2001:2:0:2::2" },
		{ "traceroute6-tcp-eth.pcap", 6, "2001:2:0:2::2" },
		{ "mtr6-icmp-eth.pcap", 1, "2001:2:0:2::2" },
	};
	char path[256], a[FL_ADDRSTRLEN];
	const struct path_finding *s;
	struct path_result r;
	struct corr *c;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		snprintf(path, sizeof(path), FIXTURES "/foreign/%s", f[i].file);
		c = read_trace(path, &r);
		if (r.verdict.kind != VK_CLEAN)
			fail_msg("%s: %s at hop %d", f[i].file, path_verdict_name(r.verdict.kind),
			    r.verdict.hop);
		assert_no_fault(&r);
		assert_int_equal(r.proto, f[i].proto);
		assert_int_equal(r.dest_ttl, 4);
		s = finding_at(&r, FK_LARGEST_STEP, 3);
		if (s == NULL)
			fail_msg("%s: no largest step at hop 3", f[i].file);
		assert_int_equal(s->from.ttl, 2);
		assert_string_equal(fl_addr_str(&s->addr, a, sizeof(a)), f[i].step);
		assert_string_equal(s->cause, "distance");
		assert_true(s->added_ms > 45 && s->added_ms < 55);
		assert_budget_adds_up(&r);
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
		cmocka_unit_test(test_real_world_traceroute),
		cmocka_unit_test(test_lab_captures),
		cmocka_unit_test(test_lab_queue),
		cmocka_unit_test(test_lab_loss_unplaced),
		cmocka_unit_test(test_lab_ratelimit),
		cmocka_unit_test(test_foreign_captures),
		cmocka_unit_test(test_concurrent_capture_keeps_runs_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
