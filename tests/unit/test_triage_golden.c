/*
 * Golden tests for pcap-triage: every real capture of
 * ../shared/captures/real-world/ and the book's captures (copied into
 * tests/fixtures/pcap_triage/) read as their READMEs say: the verdict,
 * the side, the device, the key figures and the evidence frames.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_triage.h"
#include "analyze/pcap_triage/compare.h"

struct fig {
	const char	*name;
	double		 v, tol;
};

static const struct golden {
	const char	*file;
	const char	*kind;		/* the top fault; NULL: no fault */
	enum fault	 side;
	const char	*addr;		/* the device, NULL: not checked */
	struct fig	 figs[3];
	uint32_t	 frames[6];	/* cited by the top finding (0 ends) */
	const char	*note;		/* a note that must be there, or NULL */
} goldens[] = {
	{ "icmp_traceroute.pcapng", NULL, FAULT_NONE, NULL, { { NULL, 0, 0 } }, { 0 }, "traceroute" },
	{ "latency1.pcapng", NULL, FAULT_NONE, NULL, { { NULL, 0, 0 } }, { 0 }, NULL },
	{ "latency2.pcapng", "slow-path", FAULT_PATH, "74.125.95.104",
	    { { "rtt_ms", 895.1, 1 }, { "request_ack_ms", 1155.2, 1 }, { "server_ms", 15.9, 1 } },
	    { 1, 2, 5, 0 }, NULL },
	{ "latency3.pcapng", "slow-client", FAULT_CLIENT, "172.16.16.128",
	    { { "client_wait_ms", 1345.0, 1 }, { "rtt_ms", 38.7, 1 } }, { 3, 4, 0 }, NULL },
	{ "latency4.pcapng", "slow-server", FAULT_SERVER, "74.125.95.104",
	    { { "server_ms", 1012.3, 1 }, { "answer_after_ack_ms", 983.0, 1 }, { "rtt_ms", 34.8, 1 } },
	    { 4, 5, 6, 0 }, NULL },
	{ "tcp_retransmissions.pcapng", "retransmitted-unacked", FAULT_UNKNOWN, "10.3.71.7",
	    { { "retransmissions", 5, 0 }, { "bytes", 648, 0 }, { "span_s", 9.211, 0.01 } },
	    { 1, 2, 3, 4, 5, 6 }, NULL },
	{ "tcp_zerowindowdead.pcapng", "zero-window", FAULT_CLIENT, "172.31.136.85",
	    { { "zero_window_s", 23.7, 0.05 }, { "probes", 3, 0 } }, { 2, 3, 5, 7, 0 }, NULL },
	{ "dns_query_nonexistent.pcapng", "dns-nxdomain", FAULT_CLIENT, "8.8.8.8",
	    { { "answer_ms", 29.7, 0.1 } }, { 1, 2, 0 }, NULL },
	{ "nowebaccess1.pcapng", "gateway-returns-nothing", FAULT_CLIENT, "172.16.0.10",
	    { { "packets_out", 7, 0 } }, { 3, 0 }, NULL },
	{ "nowebaccess2.pcapng", "refused", FAULT_SERVER, "172.16.0.102", { { "syns", 3, 0 } },
	    { 3, 4, 0 }, NULL },
	{ "nowebaccess3.pcapng", "unanswered", FAULT_PATH, "74.125.95.105", { { "syns", 3, 0 } },
	    { 3, 4, 5, 0 }, NULL },
	{ "destunreachable.pcap", "host-unreachable", FAULT_PATH, "10.2.99.99",
	    { { "answer_ms", 2.0, 0.1 }, { "errors", 3, 0 } }, { 1, 2, 4, 6, 0 }, NULL },
	{ "bethscomputer.pcap", "arp-unanswered", FAULT_CLIENT, "192.168.0.11", { { NULL, 0, 0 } },
	    { 1, 0 }, NULL },
	{ "synscan.pcapng", NULL, FAULT_NONE, NULL, { { NULL, 0, 0 } }, { 0 }, "port-scan" },
	{ "ftpclientdenied.pcap", "unanswered", FAULT_UNKNOWN, "192.168.0.182", { { "syns", 3, 0 } },
	    { 1, 2, 3, 0 }, NULL },
	{ "ftpserverdenied.pcap", "unanswered", FAULT_UNKNOWN, "192.168.0.182", { { "syns", 3, 0 } },
	    { 1, 2, 3, 0 }, NULL },
	{ "http-fault-post.pcap", "http-client-error", FAULT_SERVER, "216.23.168.114",
	    { { "status", 403, 0 }, { "responses", 2, 0 } }, { 4, 9, 7, 12, 0 }, NULL },
	{ "evilprogram.pcap", NULL, FAULT_NONE, NULL, { { NULL, 0, 0 } }, { 0 }, "inbound-refused" },
	{ "icmp-tracert-slow.pcap", NULL, FAULT_NONE, NULL, { { NULL, 0, 0 } }, { 0 }, "traceroute" },
	{ "tcp_handshake.pcapng", NULL, FAULT_NONE, NULL, { { NULL, 0, 0 } }, { 0 }, NULL },
	{ "http_google.pcapng", NULL, FAULT_NONE, NULL, { { NULL, 0, 0 } }, { 0 }, NULL },
	/*
	 * The lab's 20 % loss download (t_triage_loss, snapped to 128 bytes):
	 * the server's SYN-ACK was lost, then its one-segment first window,
	 * so the answer came an RTO (208 ms) late: the loss, not the server.
	 */
	{ "lab-loss-synack.pcap", "packet-loss", FAULT_PATH, "198.18.2.174",
	    { { "retransmitted", 46, 0 }, { "loss_pct", 20.264, 0.01 } }, { 11, 0 }, "slow-answer" },
	/*
	 * postprobe's own capture of a forged reset (tests/fixtures/postprobe):
	 * the reset mimics the server's TTL, but a copy of the request with
	 * TTL 3, too short-lived to reach the server 3 hops away, draws one
	 * too.  The copies are an in-flow traceroute, not retransmissions.
	 */
	{ "postprobe-forged.pcap", "reset-on-path", FAULT_PATH, "198.18.3.2", { { NULL, 0, 0 } },
	    { 308, 309, 5, 0 }, "in-flow-traceroute" },
	/* postprobe's healthy POST, with its TTL-limited SYN probes on one 4-tuple */
	{ "postprobe-ok.pcap", NULL, FAULT_NONE, NULL, { { NULL, 0, 0 } }, { 0 }, "checksum-offload" },
};

static void
check_golden(const struct golden *g)
{
	struct triage *t = triage_file(g->file, NULL);
	const struct tri_finding *top;
	char a[FL_ADDRSTRLEN];
	int i;

	if (t == NULL)
		fail_msg("%s: cannot be read", g->file);
	top = t->top;
	if (g->kind == NULL) {
		if (top != NULL)
			fail_msg("%s: a fault (%s: %s) where there is none", g->file, top->kind, top->summary);
		assert_int_equal(t->v.fault, FAULT_NONE);
	} else {
		if (top == NULL)
			fail_msg("%s: no fault, expected %s", g->file, g->kind);
		if (strcmp(top->kind, g->kind) != 0 || top->side != g->side)
			fail_msg("%s: %s %s, expected %s %s (%s)", g->file, fault_name(top->side), top->kind,
			    fault_name(g->side), g->kind, top->summary);
		if (g->addr != NULL && strcmp(verdict_addr(&top->addr, a), g->addr) != 0)
			fail_msg("%s: device %s, expected %s", g->file, a, g->addr);
		for (i = 0; i < 3 && g->figs[i].name != NULL; i++) {
			double v = tri_finding_get(top, g->figs[i].name);

			if (isnan(v) || fabs(v - g->figs[i].v) > g->figs[i].tol)
				fail_msg("%s: %s = %g, expected %g", g->file, g->figs[i].name, v, g->figs[i].v);
		}
		for (i = 0; i < 6 && g->frames[i] != 0; i++)
			if (!tri_cites(top, g->frames[i]))
				fail_msg("%s: frame %u is not cited", g->file, g->frames[i]);
	}
	if (g->note != NULL && tri_find(t, g->note) == NULL)
		fail_msg("%s: no %s finding", g->file, g->note);
	triage_free(t);
}

static void
test_goldens(void **st)
{
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(goldens) / sizeof(goldens[0]); i++)
		check_golden(&goldens[i]);
}

/*
 * What our own probing leaves in a capture is not a capture defect: SYN
 * probes reusing a 4-tuple with a new ISN each leave no gap "acknowledged
 * but never captured"; copies of the request that carry a marker in their
 * ACK field neither; the server's TCP checksums a veth leaves unfilled,
 * beside routers' ICMP that is right, are offload, not corruption.
 */
static void
test_own_probes_not_defects(void **st)
{
	static const char *files[] = { "postprobe-ok.pcap", "postprobe-forged.pcap" };
	struct triage *t;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		t = triage_file(files[i], NULL);
		assert_non_null(t);
		if (tri_find(t, "capture-dropped") != NULL)
			fail_msg("%s: %s", files[i], tri_find(t, "capture-dropped")->summary);
		if (tri_find(t, "checksum-errors") != NULL)
			fail_msg("%s: %s", files[i], tri_find(t, "checksum-errors")->summary);
		assert_null(tri_find(t, "retransmitted-unacked"));
		assert_int_equal(cdef_stats(t->cdef)->unseen_bytes, 0);
		triage_free(t);
	}
}

/* The traceroute's reading: 9 hops, 11.6 ms to the destination, the steps at hops 4 and 5. */
static void
test_traceroute_figures(void **st)
{
	struct triage *t = triage_file("icmp_traceroute.pcapng", NULL);
	const struct tri_finding *f;

	(void)st;
	assert_non_null(t);
	f = tri_find(t, "traceroute");
	assert_non_null(f);
	assert_int_equal((int)tri_finding_get(f, "hops"), 9);
	assert_true(fabs(tri_finding_get(f, "destination_ms") - 11.6) < 0.2);
	assert_non_null(strstr(f->summary, "hop 4"));
	assert_non_null(strstr(f->summary, "hop 5"));
	assert_null(strstr(f->summary, "Silent"));
	triage_free(t);
	/* The slow tracert: hop 1 silent, the pauses before hops 3, 4, 5, 8, 12 and 13. */
	t = triage_file("icmp-tracert-slow.pcap", NULL);
	assert_non_null(t);
	f = tri_find(t, "traceroute");
	assert_non_null(f);
	assert_int_equal((int)tri_finding_get(f, "hops"), 13);
	assert_non_null(strstr(f->summary, "Silent hops: 1."));
	assert_non_null(strstr(f->summary, "hops 3, 4, 5, 8, 12, 13"));
	assert_non_null(tri_find(t, "dns-late-answer"));
	triage_free(t);
}

/* Where the capture was taken, and the time split, for the baseline. */
static void
test_latency1_split(void **st)
{
	struct triage *t = triage_file("latency1.pcapng", NULL);
	const struct tri_conn_sum *c;
	size_t n;

	(void)st;
	assert_non_null(t);
	c = tri_tcp_conns(t->tcp, &n, NULL);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].point, "client");
	assert_true(fabs(c[0].rtt_ms - 30.2) < 0.2);
	assert_true(fabs(c[0].server_ms - 40.8) < 0.5);
	assert_int_equal(c[0].exchanges, 1);
	triage_free(t);
}

/* The book's two FTP captures as two points: the server drops the SYNs, two attempts apart. */
static void
test_two_points(void **st)
{
	struct triage *a = triage_file("ftpclientdenied.pcap", NULL);
	struct triage *b = triage_file("ftpserverdenied.pcap", NULL);
	struct tri_compare cmp;
	const struct tri_finding *f;

	(void)st;
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(tri_compare(a, b, &cmp), 0);
	f = tri_findings_top(&cmp.f);
	assert_non_null(f);
	assert_string_equal(f->kind, "filtered-by-host");
	assert_int_equal(f->side, FAULT_SERVER);
	assert_false(cmp.same_attempt);
	assert_non_null(strstr(cmp.caveat, "not the same attempt"));
	assert_non_null(strstr(cmp.caveat, "14.6 minutes"));
	tri_compare_free(&cmp);
	triage_free(a);
	triage_free(b);
}

/* Names come from the capture's own DNS answers, unless -n. */
static void
test_names_from_capture(void **st)
{
	struct tri_opts o;
	struct triage *t = triage_file("nowebaccess3.pcapng", NULL);
	struct fl_addr a;

	(void)st;
	assert_non_null(t);
	fl_addr_parse("74.125.95.105", &a);
	assert_non_null(tri_name_of(&t->ctx, &a));
	assert_string_equal(tri_name_of(&t->ctx, &a), "www.google.com");
	triage_free(t);
	memset(&o, 0, sizeof(o));
	o.numeric = true;
	t = triage_file("nowebaccess3.pcapng", &o);
	assert_non_null(t);
	assert_null(tri_name_of(&t->ctx, &a));
	triage_free(t);
}

/* Nor is it named as the server's fault anywhere beside the top one. */
static void
test_lost_synack_is_not_a_slow_server(void **st)
{
	struct triage *t = triage_file("lab-loss-synack.pcap", NULL);
	const struct tri_finding *f;

	(void)st;
	assert_non_null(t);
	assert_null(tri_find(t, "slow-server"));
	f = tri_find(t, "slow-answer");
	assert_non_null(f);
	assert_int_equal(f->side, FAULT_UNKNOWN);
	assert_true(tri_cites(f, 3) && tri_cites(f, 11));
	triage_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_goldens),
		cmocka_unit_test(test_own_probes_not_defects),
		cmocka_unit_test(test_traceroute_figures),
		cmocka_unit_test(test_latency1_split),
		cmocka_unit_test(test_two_points),
		cmocka_unit_test(test_names_from_capture),
		cmocka_unit_test(test_lost_synack_is_not_a_slow_server),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
