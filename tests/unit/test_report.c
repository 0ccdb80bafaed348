/*
 * Golden tests for probe-report: the results recorded from real lab runs
 * (the JSON under tests/fixtures/) in, the report's
 * conclusion, place, who acts and evidence out; for ptrace-slow, each
 * kind and cause, a healthy path never worded as a fault, where the time
 * goes, the confidence and its reason, the findings, and the older
 * results still read; ownership claimed only from evidence; the owners
 * file; hostile strings escaped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "analyze/report/report.h"

/* The whole report of items, as the format writes it. */
static char *
render(const struct rp_item *it, size_t n, enum rp_format f)
{
	struct rp_meta m = { NULL, 1795000000LL * 1000000000LL, "probe-report test" };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	assert_int_equal(report_write(out, f, it, n, &m), 0);
	assert_int_equal(fclose(out), 0);
	return buf;
}

static json_t *
load_json(const char *path)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);

	if (root == NULL)
		fail_msg("%s: %s", path, je.text);
	return root;
}

static const struct {
	const char	*file;
	const char	*fault;
	const char	*kind;
	enum rp_actor	 actor;
	int		 hop;		/* -1: no place */
	const char	*address;
	const char	*headline;	/* a piece of the conclusion */
	const char	*confidence;
	const char	*status;	/* the status word; NULL: not checked */
	const char	*who;		/* a piece of who acts; NULL: not checked */
} lab[] = {
	/*
	 * ptrace-slow's current results (tests/fixtures/report/README.md): each
	 * kind, and for a link's verdict each cause that changes the sentence.
	 */
	{ "report/congested", "path", "congested", RA_ISP, 3, "198.18.2.2",
	  "slowed by a congested link: packets wait in a queue there, 53 ms in the median round trip, 103 ms in the worst tenth",
	  "likely", "Fault on the network path", "check that link's load" },
	{ "report/slow_link", "path", "slow-link", RA_ISP, 3, "198.18.2.2",
	  "slowed by a low-capacity link: it carries only about 1.0 Mbit/s", "likely",
	  "Fault on the network path", "what speed that link should run at: about 1.0 Mbit/s was measured" },
	{ "report/slow_baseline", "path", "slow-link", RA_ISP, 3, "198.18.2.2",
	  "slower than it was: one link now adds 50 ms to every round trip, against 2.1 ms then, a change since the earlier measurement (the baseline) of 2026-11-01T09:00:00.000Z",
	  "likely", "Fault on the network path", "what changed on that link since the earlier measurement (the baseline) of 2026-11-01" },
	{ "report/slow_locations", "path", "slow-link", RA_ISP, 3, "198.18.2.2",
	  "adds 50 ms, far more than the distance between the places its two ends are in allows (by the locations file given)",
	  "likely", "Fault on the network path", "why traffic between those two places takes so long" },
	/*
	 * Over budget (a real capture, --expect-rtt 8): the link that adds the
	 * most is the place, not the destination's server.
	 */
	{ "report/over_budget", "path", "over-budget", RA_ISP, 4, "12.86.61.157",
	  "The round trip to 4.2.2.1 takes 12 ms, over the budget of 8.0 ms set for it. The links that add the most: the link from hop 3 (12.153.21.202) to hop 4 (12.86.61.157): +5.2 ms (45%); the link from hop 4 (12.86.61.157) to hop 5 (12.122.133.110): +4.6 ms (40%)",
	  "certain", "Over the latency budget", "the operators of those links" },
	{ "report/clean_step", "none", "clean", RA_NOBODY, -1, NULL,
	  "healthy: every link on it passes the packets without queueing them or losing any, and no link takes longer than its distance explains, so there is nothing to fix. Most of its 50 ms round trip is spent on the link from hop 2 (198.18.1.2) to hop 3 (198.18.2.2): +50 ms (100%), distance or a long link, which is normal.",
	  "certain", "No fault found", "Nothing to fix" },
	{ "report/real_clean", "none", "clean", RA_NOBODY, -1, NULL,
	  "Most of its 12 ms round trip is spent on the link from hop 3 (12.153.21.202) to hop 4 (12.86.61.157): +5.2 ms (45%), and on the link from hop 4 (12.86.61.157) to hop 5 (12.122.133.110): +4.6 ms (40%); both distance or a long link",
	  NULL, "No fault found", "Nothing to fix" },
	{ "report/clean", "none", "clean", RA_NOBODY, -1, NULL,
	  "Its whole round trip takes under 1 ms", "certain", "No fault found", NULL },
	{ "report/real_tunnel", "none", "clean", RA_NOBODY, -1, NULL,
	  "Most of its 78 ms round trip is spent on the link from hop 7 (129.250.9.109) to hop 9 (129.250.4.197): +30 ms (39%), an MPLS tunnel, counted as one link, which is normal; and on the link from hop 9",
	  NULL, "No fault found", "Nothing to fix" },
	/* A NAT on a healthy path is a finding, not a fault. */
	{ "report/nat_clean", "none", "clean", RA_NOBODY, -1, NULL, "is healthy", NULL,
	  "No fault found", "Nothing to fix" },
	{ "report/loss_unplaced", "unknown", "inconclusive", RA_UNKNOWN, -1, NULL,
	  "being lost (17% of them), but the measurements do not yet show on which link", "ambiguous",
	  "Not placed yet", "more rounds" },
	/*
	 * ptrace-slow's older results (tests/fixtures/ptrace/, kept as they
	 * were): a "bottleneck" with queueing was congestion; a fixed step is
	 * shown as the older version's claim, and nobody is blamed for it.
	 */
	{ "ptrace/delay", "unknown", "bottleneck", RA_UNKNOWN, 3, "198.18.2.2",
	  "An older version of ptrace-slow reported a latency step on the path to 198.18.3.2: the link to a router at 198.18.2.2, 3 hops out, from a router at 198.18.1.2, 2 hops out, adds 50 ms to every round trip",
	  "ambiguous", "Older result: not judged", "Measure again with the current ptrace-slow" },
	{ "ptrace/queue", "path", "bottleneck", RA_ISP, 3, "198.18.2.2",
	  "slowed by a congested link: packets wait in a queue there, adding 34 ms", "likely",
	  "Fault on the network path", "check that link's load" },
	{ "ptrace/loss", "path", "lossy-link", RA_ISP, 3, "198.18.2.2", "being lost (20% of them)",
	  "certain", "Fault on the network path", NULL },
	{ "ptrace/noroute", "path", "unreachable", RA_ISP, 3, "198.18.2.2", "cannot be reached",
	  "certain", NULL, NULL },
	{ "ptrace/clean", "none", "clean", RA_NOBODY, -1, NULL, "The path to 198.18.3.2 is healthy",
	  "certain", "No fault found", NULL },
	/* The router slow to answer traceroute is not blamed. */
	{ "ptrace/icmpslow", "none", "clean", RA_NOBODY, -1, NULL, "is healthy", "certain", NULL, NULL },
	{ "ptrace/filter", "unknown", "incomplete", RA_UNKNOWN, 2, "198.18.1.2",
	  "stops part of the way", "ambiguous", NULL, NULL },
	{ "synprobe/open", "none", "open", RA_NOBODY, 4, "198.18.3.2", "is reachable", "certain", NULL, NULL },
	{ "synprobe/refused", "server", "refused", RA_SERVER, 4, "198.18.3.2",
	  "nothing accepts connections on port 2121", "certain", NULL, NULL },
	{ "synprobe/hostdrop", "server", "filtered-near-host", RA_SERVER, 4, "198.18.3.2",
	  "silently dropped at the server", "ambiguous", NULL, NULL },
	{ "synprobe/pathdrop", "path", "filtered-on-path", RA_ISP, 2, "198.18.1.2",
	  "blocked on the way by a firewall", "likely", NULL, NULL },
	{ "synprobe/pathprohib", "path", "prohibited-on-path", RA_ISP, 2, "198.18.1.2",
	  "administratively prohibited", "certain", NULL, NULL },
	{ "synprobe/pathreset", "path", "reset-on-path", RA_ISP, 2, "198.18.1.2",
	  "cuts the connection", "certain", NULL, NULL },
	{ "synprobe/deadgw", "client", "gateway-unreachable", RA_OURS, 1, "198.18.0.2",
	  "cannot reach its gateway, 198.18.0.2", "certain", NULL, NULL },
	{ "synprobe/indrop", "client", "blocked-locally", RA_USER, 0, "198.18.0.1",
	  "own firewall stops the connection", "certain", NULL, NULL },
	{ "synprobe/nxdomain", "client", "name-not-resolved", RA_USER, -1, NULL,
	  "www.nowhere.test cannot be turned into an address: the name does not exist", "certain", NULL, NULL },
	{ "postprobe/post", "server", "http-client-error", RA_SERVER, 4, "198.18.3.2",
	  "itself refused the request: it answered \"403 Forbidden\"", "certain", NULL, NULL },
	{ "postprobe/err", "server", "http-server-error", RA_SERVER, 4, "198.18.3.2",
	  "500 Internal Server Error", "certain", NULL, NULL },
	{ "postprobe/slow", "server", "slow-server", RA_SERVER, 4, "198.18.3.2",
	  "it took 2.0 s to start answering", "certain", NULL, NULL },
	{ "postprobe/proxy", "path", "answered-by-middlebox", RA_ISP, 3, "198.18.2.2",
	  "did not come from the web server", "certain", NULL, NULL },
	{ "postprobe/proxy_noecho", "path", "answered-by-middlebox", RA_ISP, 3, "198.18.2.2",
	  "did not come from the web server", "certain", NULL, NULL },
	{ "postprobe/proxy_silent", "path", "answered-by-middlebox", RA_ISP, 3,
	  "an unknown address", "did not come from the web server", "likely", NULL, NULL },
	{ "postprobe/reset", "path", "reset-on-path", RA_ISP, 2, "198.18.1.2",
	  "cuts the connection", "certain", NULL, NULL },
	{ "postprobe/reset_ttl", "path", "reset-on-path", RA_ISP, 2, "198.18.1.2",
	  "cuts the connection", "likely", NULL, NULL },
	{ "postprobe/forged", "path", "reset-on-path", RA_ISP, 2, "198.18.1.2",
	  "cuts the connection", "certain", NULL, NULL },
	{ "postprobe/large", "path", "pmtu-blackhole", RA_ISP, 2, "198.18.1.2",
	  "Large requests to http://198.18.3.2/upload never arrive", "likely", NULL, NULL },
	{ "postprobe/nocert", "server", "tls-failure", RA_SERVER, 4, "198.18.3.2",
	  "self-signed certificate", "likely", NULL, NULL },
	{ "postprobe/ok", "none", "ok", RA_NOBODY, 4, "198.18.3.2",
	  "answered by the web server itself, \"200 OK\", in time", "certain", NULL, NULL },
	/* A relaying proxy: no fault, but who answered is said. */
	{ "postprobe/proxy_get", "none", "ok", RA_NOBODY, 3, "198.18.2.2",
	  "not by the web server itself", "certain", NULL, NULL },
	/*
	 * pcap-triage's readings of real captures (tests/fixtures/report/README.md):
	 * who acts follows the verdict's side and device, not a hop.
	 */
	{ "report/triage_slow_path", "path", "slow-path", RA_UNKNOWN, -1, NULL,
	  "The path is slow: the handshake's round trip takes 895 ms", "likely",
	  "Fault on the network path", "Run ptrace-slow toward the server" },
	{ "report/triage_nxdomain", "client", "dns-nxdomain", RA_USER, -1, NULL,
	  "The name 12498283719301382971974.net does not exist", "certain", "Fault on this machine",
	  "Check the spelling of the name" },
	{ "report/triage_zero_window", "client", "zero-window", RA_USER, -1, NULL,
	  "stopped reading: it advertises a zero window for 23.7 s", "certain",
	  "Fault on this machine", "Look at this machine" },
	{ "report/triage_no_fault", "none", "no-fault", RA_NOBODY, -1, NULL, "No fault: 6 frames read",
	  "likely", "No fault found", "Nothing to fix on the network" },
	/* A suspect host is no network fault, and still somebody's work. */
	{ "report/triage_suspect", "none", "suspect-host", RA_USER, -1, NULL,
	  "answers outsiders on TCP port 1025 (frame 211)", "likely",
	  "No network fault; this host needs a look", "checked for unwanted software" },
	/* A capture of one direction only cannot clear the network. */
	{ "report/triage_one_way", "unknown", "cannot-judge", RA_UNKNOWN, -1, NULL,
	  "No fault found, but the capture cannot show one", "ambiguous", "Cannot be judged",
	  "Capture again, both directions" },
};

/* s as the page writes it. */
static const char *
escaped(const char *s, char *buf, size_t len)
{
	FILE *out = fmemopen(buf, len, "w");

	assert_non_null(out);
	rp_html_esc(out, s);
	assert_int_equal(fclose(out), 0);
	return buf;
}

/* Where the evidence frames of a result are listed in its page. */
static void
check_evidence(const struct rp_item *it, const char *html)
{
	const json_t *cap = rp_obj(it->root, "capture");
	char cell[48];
	size_t i;

	for (i = 0; i < it->nframes; i++) {
		snprintf(cell, sizeof(cell), "<td class=\"n\">%u", it->frames[i]);
		if (strstr(html, cell) == NULL)
			fail_msg("%s: frame %u not in the evidence table", it->file, it->frames[i]);
	}
	if (it->nframes > 0) {
		assert_non_null(strstr(html, "frame.number in {"));
		assert_non_null(strstr(html, it->filter));
		assert_non_null(strstr(html, rp_str(cap, "sha256")));
		assert_non_null(strstr(html, "wireshark -r "));
	}
}

static void
test_lab_results(void **st)
{
	char path[256], err[256], esc[256];
	struct rp_item it;
	json_t *root;
	char *html, *md, *txt;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(lab) / sizeof(lab[0]); i++) {
		snprintf(path, sizeof(path), FIXTURES "/%s.json", lab[i].file);
		print_message("%s\n", lab[i].file);
		root = load_json(path);
		assert_int_equal(rp_item_read(root, path, NULL, &it, err, sizeof(err)), 0);
		assert_string_equal(it.fault, lab[i].fault);
		assert_string_equal(it.kind, lab[i].kind);
		assert_int_equal(it.actor, lab[i].actor);
		/* The real capture's confidence is the tool's to give: its reason must be shown. */
		if (lab[i].confidence != NULL)
			assert_string_equal(it.confidence, lab[i].confidence);
		assert_true(it.confidence_reason[0] != '\0');
		if (strstr(it.headline, lab[i].headline) == NULL)
			fail_msg("%s: headline '%s' lacks '%s'", lab[i].file, it.headline, lab[i].headline);
		if (lab[i].status != NULL)
			assert_string_equal(rp_status_word(&it), lab[i].status);
		if (lab[i].who != NULL && strstr(it.actor_text, lab[i].who) == NULL)
			fail_msg("%s: who acts '%s' lacks '%s'", lab[i].file, it.actor_text, lab[i].who);
		if (lab[i].hop >= 0) {
			assert_true(it.place.set);
			assert_int_equal(it.place.hop, lab[i].hop);
			assert_string_equal(it.place.address, lab[i].address);
		}
		assert_true(it.actor_text[0] != '\0');
		/* Nothing in the lab's 198.18/15 says who runs it: no owner is made up. */
		if (it.place.set && it.actor == RA_ISP) {
			assert_string_equal(it.place.owner, "");
			assert_non_null(strstr(it.place.text, "a router at "));
			assert_non_null(strstr(it.place.text, " hops out"));
			assert_non_null(strstr(it.actor_text, "unless"));
		}

		html = render(&it, 1, RF_HTML);
		assert_non_null(strstr(html, "Who should act"));
		assert_non_null(strstr(html, "<p class=\"headline\">"));
		assert_non_null(strstr(html, escaped(rp_actor_name(it.actor), esc, sizeof(esc))));
		assert_null(strstr(html, "<script"));
		check_evidence(&it, html);
		md = render(&it, 1, RF_MD);
		assert_non_null(strstr(md, "**Who should act:**"));
		txt = render(&it, 1, RF_TXT);
		assert_non_null(strstr(txt, "Who should act: "));
		free(html);
		free(md);
		free(txt);
		json_decref(root);
	}
}

/* The pictures mark the fault: the bottleneck link, the fault's box, the device, the slow phase. */
static void
test_pictures(void **st)
{
	static const struct {
		const char	*file;
		const char	*marks[4];
	} pics[] = {
		{ "report/slow_link", { "rp-chain", "The link from hop 2 to hop 3 is marked: it is a "
		    "slow link (about 1000 kbit/s) that adds 50 ms", "rp-latency",
		    "From hop 3 on, every hop carries 50 ms of the slow link&#39;s delay" } },
		{ "report/congested", { "The link from hop 2 to hop 3 is marked: it is congested, "
		    "adding 53 ms of queueing", "every hop carries 53 ms (median round) of queueing delay",
		    "rp-budget", "queue 53 ms (median), 103 ms (worst tenth)" } },
		/* A healthy path's 50 ms step is drawn like any other: nothing is marked. */
		{ "report/clean_step", { "rp-latency", "The steps between hops are the path&#39;s "
		    "distance, which is normal.", "rp-budget", "+50 ms (100%): distance or a long link" } },
		{ "report/over_budget", { "rp-chain", "rp-budget", "most of it on the link from hop 3 "
		    "(12.153.21.202) to hop 4 (12.86.61.157)", NULL } },
		{ "report/nat_clean", { "rp-chain", "translates (NAT)", NULL, NULL } },
		/* A tunnel is one link of the budget. */
		{ "report/real_tunnel", { "rp-budget", "hop 7 \xe2\x86\x92 hop 9 (tunnel)",
		    "+30 ms (39%): an MPLS tunnel", NULL } },
		/* An older result's fixed step is shown, not marked. */
		{ "ptrace/delay", { "rp-chain", "4 hops, 0 of them silent.\"", "rp-latency",
		    "The steps between hops are the path&#39;s distance" } },
		{ "ptrace/queue", { "rp-chain", "is marked: it is congested", "rp-latency",
		    "From hop 3 on, every hop carries 34 ms" } },
		{ "ptrace/loss", { "rp-loss", "loss starts", "rp-chain", NULL } },
		/* The router slow to answer is drawn apart from delay that persists. */
		{ "ptrace/icmpslow", { "rp-latency", "The steps between hops are the path&#39;s distance",
		    "slow reply only", "grey, hollow, dashed: slow to answer, not to" } },
		{ "synprobe/pathdrop", { "rp-boxes", "the fault is in the path, marked", "FAULT HERE",
		    "198.18.1.2" } },
		{ "synprobe/refused", { "rp-boxes", "the fault is in the server, marked", "FAULT HERE",
		    NULL } },
		{ "postprobe/proxy", { "rp-boxes", "answered here", "198.18.2.2", NULL } },
		{ "postprobe/slow", { "rp-waterfall", "the longest phase is server wait, 2.0 s", NULL,
		    NULL } },
	};
	char path[256], err[256];
	struct rp_item it;
	json_t *root;
	char *html;
	size_t i, k;

	(void)st;
	for (i = 0; i < sizeof(pics) / sizeof(pics[0]); i++) {
		snprintf(path, sizeof(path), FIXTURES "/%s.json", pics[i].file);
		root = load_json(path);
		assert_int_equal(rp_item_read(root, path, NULL, &it, err, sizeof(err)), 0);
		html = render(&it, 1, RF_HTML);
		assert_non_null(strstr(html, "<svg"));
		assert_non_null(strstr(html, "role=\"img\""));
		for (k = 0; k < 4 && pics[i].marks[k] != NULL; k++)
			if (strstr(html, pics[i].marks[k]) == NULL)
				fail_msg("%s: the pictures lack '%s'", pics[i].file, pics[i].marks[k]);
		free(html);
		json_decref(root);
	}
}

static void
test_several(void **st)
{
	static const char *const files[] = { "report/congested", "synprobe/refused", "postprobe/post",
	    "postprobe/ok" };
	struct rp_item it[4];
	json_t *roots[4];
	char path[256], err[256], *html;
	size_t i;

	(void)st;
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), FIXTURES "/%s.json", files[i]);
		roots[i] = load_json(path);
		assert_int_equal(rp_item_read(roots[i], path, NULL, &it[i], err, sizeof(err)), 0);
	}
	html = render(it, 4, RF_HTML);
	assert_non_null(strstr(html, "4 checks, 3 found a fault."));
	assert_non_null(strstr(html, "<a href=\"#result-4\">"));
	assert_non_null(strstr(html, "<article id=\"result-4\">"));
	free(html);
	for (i = 0; i < 4; i++)
		json_decref(roots[i]);
}

/* A hand-made ptrace-slow result with a congested link into hop `hop`. */
static json_t *
ptrace_result(const char *gw, const char *hop_addrs[], const char *names[], int nhops, int hop)
{
	json_t *root = json_object(), *hops = json_array(), *v, *link;
	int t;

	json_object_set_new(root, "tool", json_string("ptrace-slow"));
	json_object_set_new(root, "source", json_pack("{s:s,s:s?}", "address", "192.168.1.10",
	    "gateway", gw));
	json_object_set_new(root, "target", json_pack("{s:s,s:s}", "host", "www.example.com",
	    "address", "203.0.113.80"));
	for (t = 1; t <= nhops; t++) {
		json_t *h = json_pack("{s:i,s:s}", "ttl", t, "address", hop_addrs[t - 1]);

		if (names != NULL && names[t - 1] != NULL)
			json_object_set_new(h, "name", json_string(names[t - 1]));
		json_array_append_new(hops, h);
	}
	json_object_set_new(root, "hops", hops);
	link = json_pack("{s:{s:i,s:s},s:{s:i,s:s}}", "from", "ttl", hop - 1, "address",
	    hop_addrs[hop - 2], "to", "ttl", hop, "address", hop_addrs[hop - 1]);
	v = json_pack("{s:s,s:s,s:i,s:s,s:o,s:f,s:b,s:s,s:s,s:s}", "kind", "congested", "cause",
	    "queueing", "hop", hop, "address", hop_addrs[hop - 1], "link", link, "added_ms", 42.0,
	    "significant", 1, "confidence", "likely", "confidence_reason", "the way back", "summary",
	    "x");
	json_object_set_new(root, "verdict", v);
	return root;
}

/* A result read and its three pages; the caller frees the pages and the root. */
struct pages {
	json_t		*root;
	struct rp_item	 it;
	char		*html, *md, *txt;
};

static void
pages_of(json_t *root, const char *name, struct pages *p)
{
	char err[256];

	p->root = root;
	if (rp_item_read(root, name, NULL, &p->it, err, sizeof(err)) != 0)
		fail_msg("%s: %s", name, err);
	p->html = render(&p->it, 1, RF_HTML);
	p->md = render(&p->it, 1, RF_MD);
	p->txt = render(&p->it, 1, RF_TXT);
}

static void
pages_load(const char *file, struct pages *p)
{
	char path[256];

	snprintf(path, sizeof(path), FIXTURES "/%s.json", file);
	pages_of(load_json(path), path, p);
}

static void
pages_free(struct pages *p)
{
	free(p->html);
	free(p->md);
	free(p->txt);
	json_decref(p->root);
}

/* Each of want in the pages formats names (h HTML, m Markdown, t text), or the test fails. */
static void
in_pages(const struct pages *p, const char *file, const char *const *want, size_t n,
    const char *formats)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strchr(formats, 'h') != NULL && strstr(p->html, want[i]) == NULL)
			fail_msg("%s: the HTML page lacks '%s'", file, want[i]);
		if (strchr(formats, 'm') != NULL && strstr(p->md, want[i]) == NULL)
			fail_msg("%s: the Markdown lacks '%s'", file, want[i]);
		if (strchr(formats, 't') != NULL && strstr(p->txt, want[i]) == NULL)
			fail_msg("%s: the text lacks '%s'", file, want[i]);
	}
}

/*
 * A healthy path is never a fault to a manager, however long its steps
 * (distance is where the time goes): no fault status, nobody to act, no
 * red mark, no word of congestion, a slow link, a bottleneck or a loss,
 * in any format; and the conclusion says where the time goes.
 */
static void
test_clean_never_a_fault(void **st)
{
	static const char *const files[] = { "report/clean_step", "report/real_clean", "report/clean",
	    "report/real_tunnel", "report/nat_clean", "ptrace/clean", "ptrace/icmpslow",
	    "ptrace/ratelimit", "ptrace/silent" };
	static const char *const never[] = { "Fault on", "FAULT", "ault here", "congested",
	    "ongestion", "bottleneck", "slowed by", "low-capacity", "is marked", "lossy",
	    "Packet loss", "the verdict's link", "#c62828",
	    "conclusion fault", "status fault", "Over the latency budget", "<dt>Where</dt>",
	    "Where:", "Older result" };
	struct pages p;
	size_t i, k;

	(void)st;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		print_message("%s\n", files[i]);
		pages_load(files[i], &p);
		assert_false(p.it.is_fault);
		assert_int_equal(p.it.actor, RA_NOBODY);
		assert_string_equal(rp_status_word(&p.it), "No fault found");
		/* The sentences a manager reads hold no "fault" at all. */
		if (strstr(p.it.headline, "ault") != NULL || strstr(p.it.actor_text, "ault") != NULL)
			fail_msg("%s: '%s' / '%s' speak of a fault", files[i], p.it.headline,
			    p.it.actor_text);
		for (k = 0; k < sizeof(never) / sizeof(never[0]); k++) {
			if (strstr(p.html, never[k]) != NULL)
				fail_msg("%s: the HTML page says '%s'", files[i], never[k]);
			if (strstr(p.md, never[k]) != NULL || strstr(p.txt, never[k]) != NULL)
				fail_msg("%s: the Markdown or text says '%s'", files[i], never[k]);
		}
		assert_non_null(strstr(p.html, "<div class=\"conclusion ok\">"));
		pages_free(&p);
	}
	/* The largest step is named, with its share, as distance. */
	pages_load("report/clean_step", &p);
	{
		static const char *const want[] = { "No fault found", "Most of its 50 ms round trip is "
		    "spent on the link from hop 2 (198.18.1.2) to hop 3 (198.18.2.2): +50 ms (100%), "
		    "distance or a long link, which is normal." };

		in_pages(&p, "report/clean_step", want, 2, "ht");
	}
	pages_free(&p);
}

/* Where the time goes: the budget's picture and table in HTML, its table in text and Markdown. */
static void
test_budget_shown(void **st)
{
	static const char *const step_html[] = { "<svg class=\"pic rp-budget\"",
	    "<h3>Where the time goes</h3>", "hop 2 (198.18.1.2) \xe2\x86\x92 hop 3 (198.18.2.2)"
	    "</td><td class=\"n\">50.1</td><td class=\"n\">100%</td>",
	    "hop 2 \xe2\x86\x92 hop 3</text>", "+50 ms (100%): distance or a long link" };
	static const char *const step_txt[] = { "Where the time goes",
	    "  hop 2 -> hop 3             50.1   100%     0.078      0.176  distance or a long link" };
	static const char *const step_md[] = { "### Where the time goes",
	    "| hop 2 \\(198\\.18\\.1\\.2\\) | hop 3 \\(198\\.18\\.2\\.2\\) | 50.1 | 100% | "
	    "0.078 / 0.176 | distance or a long link |" };
	static const char *const real[] = { "hop 3 -> hop 4             5.21    45%",
	    "hop 4 -> hop 5             4.64    40%" };
	static const char *const cong_html[] = { "<tr class=\"fault\"><td>hop 2 (198.18.1.2)",
	    "queueing (congestion) (the verdict's link)", "red, bold: the link the verdict names",
	    "hatched, after it: queueing in the median round", "The whole round trip takes under "
	    "1 ms: shares of it mean little" };
	static const char *const cong_txt[] = { "52.6        103  queueing (congestion) (the "
	    "verdict's link)" };
	struct pages p;

	(void)st;
	pages_load("report/clean_step", &p);
	in_pages(&p, "report/clean_step", step_html, 5, "h");
	if (strstr(p.txt, step_txt[1]) == NULL)
		fail_msg("report/clean_step: the text's budget lacks '%s':\n%s", step_txt[1], p.txt);
	in_pages(&p, "report/clean_step", step_md, 2, "m");
	pages_free(&p);
	pages_load("report/real_clean", &p);
	assert_non_null(strstr(p.txt, real[0]));
	assert_non_null(strstr(p.txt, real[1]));
	pages_free(&p);
	pages_load("report/congested", &p);
	in_pages(&p, "report/congested", cong_html, 5, "h");
	assert_non_null(strstr(p.txt, cong_txt[0]));
	pages_free(&p);
	/* An older result has no budget: no picture, no table, nothing made up. */
	pages_load("ptrace/delay", &p);
	assert_null(strstr(p.html, "rp-budget"));
	assert_null(strstr(p.html, "Where the time goes"));
	assert_null(strstr(p.txt, "Where the time goes"));
	pages_free(&p);
}

/* How sure, and why, in every format: the tool's own words. */
static void
test_confidence_shown(void **st)
{
	static const struct {
		const char	*file;
		const char	*html, *text;
	} cases[] = {
		{ "report/congested", "<span class=\"conf\">likely</span>: a round trip cannot tell "
		  "the link from hop 2 (198.18.1.2) to hop 3 (198.18.2.2) from the way back over it",
		  "How sure: likely: a round trip cannot tell the link from hop 2 (198.18.1.2) to "
		  "hop 3 (198.18.2.2) from the way back over it" },
		{ "report/over_budget", "<span class=\"conf\">certain</span>: the destination&#39;s "
		  "median over 3 answers", "How sure: certain: the destination's median over 3 answers" },
		{ "report/loss_unplaced", "<span class=\"conf\">ambiguous</span>: 17% of probes",
		  "How sure: ambiguous: 17% of probes" },
		{ "ptrace/delay", "<span class=\"conf\">ambiguous</span>: the step is measured, but a "
		  "fixed step alone does not show a fault", "How sure: ambiguous: the step is measured" },
	};
	struct pages p;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pages_load(cases[i].file, &p);
		if (strstr(p.html, cases[i].html) == NULL)
			fail_msg("%s: the HTML page lacks '%s'", cases[i].file, cases[i].html);
		if (strstr(p.txt, cases[i].text) == NULL)
			fail_msg("%s: the text lacks '%s'", cases[i].file, cases[i].text);
		if (strstr(p.md, "**How sure:** ") == NULL)
			fail_msg("%s: the Markdown has no 'How sure'", cases[i].file);
		pages_free(&p);
	}
	/* The reason comes from the file: change it and the page changes. */
	{
		json_t *root = load_json(FIXTURES "/report/congested.json");

		json_object_set_new(json_object_get(root, "verdict"), "confidence",
		    json_string("certain"));
		json_object_set_new(json_object_get(root, "verdict"), "confidence_reason",
		    json_string("Record Route shows the way back over the same link"));
		pages_of(root, "congested (edited)", &p);
		assert_string_equal(p.it.confidence, "certain");
		assert_non_null(strstr(p.txt, "How sure: certain: Record Route shows the way back"));
		pages_free(&p);
	}
}

/* What else the trace found: a NAT, a path change, each as a finding; the verdict's own not twice. */
static void
test_findings_shown(void **st)
{
	static const char *const nat_html[] = { "<h3>Also found</h3>",
	    "<li><strong>Address translation (NAT) on the path</strong> (hop 2): hop 2 "
	    "(12.180.241.1) and later hops quote the probes as sent from 12.180.241.77",
	    "<li><strong>The way back differs (a hint)</strong>", "translates (NAT)" };
	static const char *const nat_txt[] = { "  - Address translation (NAT) on the path (hop 2): "
	    "hop 2 (12.180.241.1) and later hops quote" };
	static const char *const nat_md[] = { "- **Address translation \\(NAT\\) on the path "
	    "\\(hop 2\\):** hop 2 \\(12\\.180\\.241\\.1\\) and later hops quote" };
	static const char *const grouped[] = { "A router slow to answer (not a fault) (hops 2, 6, 7, "
	    "11, 12): hop 2 (12.244.25.161) answers 3.3 ms slower", "(and 4 more like it)" };
	static const char *const change[] = { "The path changed since the baseline (hop 3): The "
	    "path differs from the baseline of 2026-11-01T09:00:00.000Z: hop 3 answers from "
	    "198.18.2.2 (was 198.18.9.2)" };
	struct pages p;

	(void)st;
	pages_load("report/nat_clean", &p);
	in_pages(&p, "report/nat_clean", nat_html, 4, "h");
	assert_non_null(strstr(p.txt, nat_txt[0]));
	if (strstr(p.md, nat_md[0]) == NULL)
		fail_msg("report/nat_clean: the Markdown lacks '%s':\n%s", nat_md[0], p.md);
	/* A NAT seen is not also "none visible". */
	assert_null(strstr(p.html, "no NAT visible"));
	pages_free(&p);
	/* None seen is said as ptrace-slow says it: not visible, which is not none. */
	pages_load("report/congested", &p);
	assert_non_null(strstr(p.html, "<p class=\"meta\">NAT: no NAT visible: a NAT that "
	    "translates the quotes in ICMP errors back (RFC 5508) does not show in them</p>"));
	assert_non_null(strstr(p.txt, "  NAT: no NAT visible: "));
	pages_free(&p);
	/* The over-budget finding is the verdict: said once, in the summary. */
	pages_load("report/over_budget", &p);
	assert_null(strstr(p.html, "<strong>Over the latency budget</strong>"));
	pages_free(&p);
	/* Routers that only answer oddly: one line for all of a kind. */
	pages_load("report/real_tunnel", &p);
	in_pages(&p, "report/real_tunnel", grouped, 2, "t");
	assert_non_null(strstr(p.html, "<li><strong>A router slow to answer (not a fault)</strong> "
	    "(hops 2, 6, 7, 11, 12)"));
	pages_free(&p);
	pages_load("report/slow_baseline", &p);
	assert_non_null(strstr(p.txt, change[0]));
	assert_non_null(strstr(p.html, "<strong>The path changed since the baseline</strong> (hop 3)"));
	assert_null(strstr(p.html, "<strong>A slow link</strong>"));
	pages_free(&p);
	/* A loss not yet placed says so. */
	pages_load("report/loss_unplaced", &p);
	assert_non_null(strstr(p.txt, "  - Packet loss (hop 3) (not placed yet): 17% of probes"));
	pages_free(&p);
	/* Congestion alone: its one finding is the verdict, so nothing else is listed. */
	pages_load("report/congested", &p);
	assert_null(strstr(p.html, "Also found"));
	assert_null(strstr(p.txt, "Also found"));
	pages_free(&p);
}

/* The sentence for each cause that changes it, from copies of the results edited here. */
static void
test_causes(void **st)
{
	static const struct {
		const char	*file;
		const char	*kind, *cause;	/* NULL: kept */
		double		 loss_pct;	/* > 0: set */
		const char	*headline;
		const char	*status;
	} cases[] = {
		{ "report/congested", NULL, "standing-queue", 12, "its queue stays full, which adds "
		  "53 ms to every round trip and drops 12% of the packets", "Fault on the network path" },
		{ "report/congested", NULL, "filling-queue", 0, "its queue filled up while we measured, "
		  "so its delay rose by 53 ms", "Fault on the network path" },
		{ "report/slow_link", NULL, "satellite-or-detour", 0, "more than any land route between "
		  "two neighbouring routers takes: a satellite link or a long detour", NULL },
		{ "report/slow_link", NULL, "a-cause-not-known-yet", 0, "it adds 50 ms to every round "
		  "trip, more than it should", "Fault on the network path" },
		/* A kind this reader does not know is placed nowhere and blames no one. */
		{ "report/slow_link", "a-kind-not-known-yet", NULL, 0, "takes 0.800 ms more per 100 "
		  "bytes", "Not placed yet" },
		/* The old kind with its old cause reads as congestion. */
		{ "report/congested", "bottleneck", "queueing", 0, "slowed by a congested link",
		  "Fault on the network path" },
	};
	struct pages p;
	json_t *root, *v;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[256];

		snprintf(path, sizeof(path), FIXTURES "/%s.json", cases[i].file);
		root = load_json(path);
		v = json_object_get(root, "verdict");
		if (cases[i].kind != NULL)
			json_object_set_new(v, "kind", json_string(cases[i].kind));
		if (cases[i].cause != NULL)
			json_object_set_new(v, "cause", json_string(cases[i].cause));
		if (cases[i].loss_pct > 0)
			json_object_set_new(v, "loss_pct", json_real(cases[i].loss_pct));
		pages_of(root, path, &p);
		if (strstr(p.it.headline, cases[i].headline) == NULL)
			fail_msg("%s as %s/%s: headline '%s' lacks '%s'", cases[i].file,
			    cases[i].kind ? cases[i].kind : "-", cases[i].cause ? cases[i].cause : "-",
			    p.it.headline, cases[i].headline);
		if (cases[i].status != NULL)
			assert_string_equal(rp_status_word(&p.it), cases[i].status);
		pages_free(&p);
	}
	/* Over budget without the budget in the options: what the verdict is over it by tells it. */
	root = load_json(FIXTURES "/report/over_budget.json");
	json_object_del(json_object_get(root, "options"), "expect_rtt_ms");
	pages_of(root, "over_budget (no option)", &p);
	assert_non_null(strstr(p.it.headline, "over the budget of 8.0 ms"));
	pages_free(&p);
}

/*
 * Every older result (tests/fixtures/ptrace/, kept as the older
 * ptrace-slow wrote them) still reads and renders; a fixed step is the
 * older version's claim, shown plainly and marked nowhere; and results
 * with junk where the new fields go are read without a crash.
 */
static void
test_old_format(void **st)
{
	static const char *const old[] = { "clean", "delay", "filter", "icmpslow", "loss",
	    "noroute", "one", "queue", "ratelimit", "reject", "silent", "tcpclosed", "tcpopen", "udp" };
	static const char *const junk[] = {
		"\"latency_budget\": \"none\"",
		"\"latency_budget\": [7, null, {}, {\"from\": 3, \"to\": {\"ttl\": \"x\"}, "
		    "\"added_ms\": -5, \"share\": 7, \"queue_ms\": \"a\", \"cause\": 9}]",
		"\"latency_budget\": [{\"from\": {\"ttl\": 0}, \"to\": {\"ttl\": 1}, \"added_ms\": 1e300, "
		    "\"share\": -1, \"queue_ms\": 1e300, \"queue_p90_ms\": -1e300}]",
		"\"findings\": {\"kind\": \"nat\"}",
		"\"findings\": [1, \"nat\", {\"kind\": 5}, {\"kind\": \"nat\", \"hop\": -3, "
		    "\"summary\": 4}, {\"kind\": \"path-change\", \"located\": \"no\"}]",
		"\"verdict\": {\"kind\": \"over-budget\", \"cause\": 5, \"added_ms\": \"x\"}",
		"\"verdict\": {\"kind\": \"slow-link\", \"capacity_kbps\": -4, \"link\": 3}",
		"\"verdict\": {\"kind\": \"congested\", \"confidence\": 1, \"hop\": 999}",
		"\"baseline\": {\"started_at\": 20261101}",
	};
	struct pages p;
	char file[64], buf[1024];
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(old) / sizeof(old[0]); i++) {
		snprintf(file, sizeof(file), "ptrace/%s", old[i]);
		print_message("%s\n", file);
		pages_load(file, &p);
		assert_non_null(strstr(p.html, "</html>"));
		if (strcmp(json_string_value(json_object_get(json_object_get(p.root, "verdict"),
		    "kind")), "bottleneck") == 0 && strcmp(old[i], "queue") != 0) {
			assert_string_equal(rp_status_word(&p.it), "Older result: not judged");
			assert_string_equal(p.it.fault, "unknown");
			assert_int_equal(p.it.actor, RA_UNKNOWN);
			assert_non_null(strstr(p.it.headline, "An older version of ptrace-slow reported "
			    "a latency step"));
			assert_null(strstr(p.html, "#c62828"));
			assert_null(strstr(p.html, "is marked"));
		}
		pages_free(&p);
	}
	for (i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		json_t *root;

		snprintf(buf, sizeof(buf), "{\"tool\": \"ptrace-slow\", \"hops\": [{\"ttl\": 1, "
		    "\"address\": \"198.51.100.1\", \"rtt_ms\": {\"min\": 1, \"median\": 2, \"max\": 3}}], "
		    "\"verdict\": {\"kind\": \"clean\"}, %s}", junk[i]);
		root = json_loads(buf, 0, NULL);
		if (root == NULL)
			fail_msg("junk %zu: not JSON: %s", i, buf);
		pages_of(root, buf, &p);
		/* A step's share is at most the whole. */
		assert_null(strstr(p.html, "700%"));
		pages_free(&p);
	}
}

static void
test_ownership(void **st)
{
	static const char owners[] = "# who runs what\n"
	    "198.51.100.0/24 isp Example Broadband\n"
	    "198.51.100.7    ours   The lab router   # a host route\n"
	    "\n203.0.113.0/25 Web Host Inc\n";
	const char *addrs[] = { "192.168.1.1", "10.1.1.1", "100.64.3.1", "198.51.100.7",
	    "192.168.9.9", "203.0.113.80" };
	const char *names[] = { NULL, NULL, NULL, "ae1.core1.lon.bigtransit.co.uk", NULL, NULL };
	struct rp_owners own = { NULL, 0, 0 };
	char err[256];
	struct rp_item it;
	json_t *root;
	FILE *f;

	(void)st;
	/* The gateway: ours. */
	root = ptrace_result("192.168.1.1", addrs, NULL, 6, 2);
	assert_int_equal(rp_item_read(root, NULL, NULL, &it, err, sizeof(err)), 0);
	assert_int_equal(it.place_from.actor, RA_OURS);
	assert_non_null(strstr(it.place_from.text, "our gateway 192.168.1.1"));
	assert_non_null(strstr(it.place_from.claim, "gateway"));
	/* A private address with nothing public before it: ours. */
	assert_int_equal(it.place.actor, RA_OURS);
	assert_int_equal(it.actor, RA_OURS);
	assert_non_null(strstr(it.place.claim, "RFC 1918"));
	json_decref(root);
	/* Without the gateway, hop 1 is only a private address. */
	root = ptrace_result(NULL, addrs, NULL, 6, 2);
	assert_int_equal(rp_item_read(root, NULL, NULL, &it, err, sizeof(err)), 0);
	assert_null(strstr(it.place_from.claim, "gateway"));
	assert_int_equal(it.place_from.actor, RA_OURS);
	json_decref(root);
	/* A shared (carrier-grade NAT) address: the ISP. */
	root = ptrace_result("192.168.1.1", addrs, NULL, 6, 3);
	assert_int_equal(rp_item_read(root, NULL, NULL, &it, err, sizeof(err)), 0);
	assert_int_equal(it.actor, RA_ISP);
	assert_non_null(strstr(it.place.claim, "RFC 6598"));
	json_decref(root);
	/* A reverse DNS name: its domain's network (three labels under co.uk). */
	root = ptrace_result("192.168.1.1", addrs, names, 6, 4);
	assert_int_equal(rp_item_read(root, NULL, NULL, &it, err, sizeof(err)), 0);
	assert_string_equal(it.place.owner, "bigtransit.co.uk");
	assert_non_null(strstr(it.place.claim, "reverse DNS"));
	assert_int_equal(it.actor, RA_ISP);
	json_decref(root);
	/* A private address after a public one is inside someone else's network. */
	root = ptrace_result("192.168.1.1", addrs, NULL, 6, 5);
	assert_int_equal(rp_item_read(root, NULL, NULL, &it, err, sizeof(err)), 0);
	assert_int_equal(it.actor, RA_ISP);
	assert_non_null(strstr(it.place.claim, "after a public one"));
	json_decref(root);
	/* The target's own address: the server's owner. */
	root = ptrace_result("192.168.1.1", addrs, NULL, 6, 6);
	assert_int_equal(rp_item_read(root, NULL, NULL, &it, err, sizeof(err)), 0);
	assert_int_equal(it.actor, RA_SERVER);
	json_decref(root);
	/* No evidence at all: a router at ADDRESS, N hops out, and no owner named. */
	{
		const char *pub[] = { "198.51.100.1", "198.51.100.2", "198.51.100.3" };

		root = ptrace_result(NULL, pub, NULL, 3, 2);
		assert_int_equal(rp_item_read(root, NULL, NULL, &it, err, sizeof(err)), 0);
		assert_string_equal(it.place.text, "a router at 198.51.100.2, 2 hops out");
		assert_string_equal(it.place.owner, "");
		assert_non_null(strstr(it.actor_text, "unless 198.51.100.2 is ours"));
		json_decref(root);
	}
	/* The owners file is the user's word and comes first, longest prefix winning. */
	f = fmemopen((void *)(uintptr_t)owners, strlen(owners), "r");
	assert_non_null(f);
	assert_int_equal(rp_owners_load(&own, f, "owners", err, sizeof(err)), 0);
	fclose(f);
	assert_int_equal(own.n, 3);
	root = ptrace_result("192.168.1.1", addrs, names, 6, 4);
	assert_int_equal(rp_item_read(root, NULL, &own, &it, err, sizeof(err)), 0);
	assert_string_equal(it.place.owner, "The lab router");
	assert_int_equal(it.actor, RA_OURS);
	assert_non_null(strstr(it.place.claim, "198.51.100.7/32"));
	json_decref(root);
	root = ptrace_result("192.168.1.1", addrs, NULL, 6, 6);
	assert_int_equal(rp_item_read(root, NULL, &own, &it, err, sizeof(err)), 0);
	assert_string_equal(it.place.owner, "Web Host Inc");
	assert_int_equal(it.actor, RA_SERVER);
	json_decref(root);
	rp_owners_free(&own);
}

static void
test_owners_file_errors(void **st)
{
	static const char *const bad[] = {
		"198.51.100.0/33 isp X\n",	/* length beyond 32 */
		"198.51.100/24 isp X\n",	/* not an address */
		"198.51.100.0/24\n",		/* no name */
		"198.51.100.0/24 isp\n",	/* a role, no name */
		"198.51.100.0/2x isp X\n",
		"198.51.100.0/24 isp X\x01Y\n",	/* a control character */
	};
	struct rp_owners own = { NULL, 0, 0 };
	char err[256];
	size_t i;
	FILE *f;

	(void)st;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f = fmemopen((void *)(uintptr_t)bad[i], strlen(bad[i]), "r");
		assert_non_null(f);
		err[0] = '\0';
		assert_int_equal(rp_owners_load(&own, f, "owners", err, sizeof(err)), -1);
		assert_non_null(strstr(err, "owners:1:"));
		fclose(f);
		rp_owners_free(&own);
	}
}

/*
 * An owners file with more prefixes than the limit fails with a message,
 * and what was read is freed once: the limit used to be checked after
 * the realloc that passed it, and the freed block was freed again.
 */
static void
test_owners_too_many(void **st)
{
	char *buf = NULL, err[256];
	size_t len = 0, i;
	struct rp_owners own = { NULL, 0, 0 };
	FILE *f = open_memstream(&buf, &len);

	(void)st;
	assert_non_null(f);
	for (i = 0; i < 70000; i++)
		fprintf(f, "10.%zu.%zu.%zu/32 isp n%zu\n", i >> 16, (i >> 8) & 0xff, i & 0xff, i);
	assert_int_equal(fclose(f), 0);
	f = fmemopen(buf, len, "r");
	assert_non_null(f);
	assert_int_equal(rp_owners_load(&own, f, "owners", err, sizeof(err)), -1);
	assert_string_equal(err, "owners: too many prefixes");
	assert_true(own.n <= 100000 && own.n <= own.cap);
	fclose(f);
	rp_owners_free(&own);
	free(buf);
}

/*
 * pcap-triage's page: its findings ranked, where the time goes per
 * connection with a bar each, the timeline picture, and for the suspect
 * host the tables of its exposed services and downloads, in the order of
 * importance; the text formats carry the same tables.
 */
static void
test_triage_pages(void **st)
{
	static const char *const suspect_all[] = {
		"Services this host exposes to outsiders", "Programs this host downloaded",
		"bkinst", "Where the time goes, per connection",
	};
	static const char *const suspect_ht[] = {
		"bkinst.exe", "208.48.15.13 (updates.virtumonde.com)",
	};
	static const char *const suspect_html[] = {
		"<svg class=\"pic rp-timeline\"", "Remote calls from outside",
		"Unsolicited attempts from outside", "<td class=\"n\">1025</td><td class=\"n\">5</td>",
		"What does the capture show?", "No packet proves a fault: none was found",
	};
	static const char *const slow_all[] = {
		"slow-path", "round trip 895", "What the capture shows", "connect 895, client wait 0.335",
	};
	struct pages p;
	const char *e, *d, *t, *ex;

	(void)st;
	pages_load("report/triage_suspect", &p);
	in_pages(&p, "triage_suspect", suspect_all, 4, "hmt");
	in_pages(&p, "triage_suspect", suspect_ht, 2, "ht");
	in_pages(&p, "triage_suspect", suspect_html, 6, "h");
	/* Attention, not alarm: the warning colour, never the fault's. */
	assert_non_null(strstr(p.html, "<div class=\"conclusion unknown\">"));
	assert_non_null(strstr(p.html, "<p>659 frames over 20392.2 s;"));
	/* What uses the line: this host first, then the download's and the update's servers. */
	assert_non_null(strstr(p.html, "<h3>What uses the line</h3>"));
	assert_non_null(strstr(p.html, "<td>24.6.125.19 (this host)</td>"));
	assert_non_null(strstr(p.html, "<td>tcp/80</td>"));
	/* An outsider's attempt on this host is named by the outsider in the timeline. */
	assert_non_null(strstr(p.html, ">from 24.87.14.222</text>"));
	/* The services first, then the downloads, then the calls and the background attempts. */
	ex = strstr(p.html, "Services this host exposes");
	d = strstr(p.html, "Programs this host downloaded");
	e = strstr(p.html, "Remote calls from outside");
	t = strstr(p.html, "Unsolicited attempts from outside");
	assert_true(ex != NULL && d != NULL && e != NULL && t != NULL && ex < d && d < e && e < t);
	/* Outsiders' refused attempts on this host are the background, not failures in red. */
	assert_null(strstr(p.txt, "refused: round trip"));
	pages_free(&p);

	pages_load("report/triage_slow_path", &p);
	in_pages(&p, "triage_slow_path", slow_all, 4, "t");
	/* The faulted connection is a red row with its bar: connect 895 ms of a 2067 ms life. */
	assert_non_null(strstr(p.html, "<tr class=\"fault\"><td>172.16.16.128 port 1606</td>"));
	assert_non_null(strstr(p.html, "<svg class=\"bar\""));
	assert_non_null(strstr(p.html, "<title>connect 895.1 ms</title>"));
	assert_non_null(strstr(p.html, "<dt>Where</dt><dd>the path between 172.16.16.128 port 1606 "
	    "and 74.125.95.104 port 80"));
	/* The verdict's own frames are the evidence. */
	assert_int_equal(p.it.nframes, 3);
	check_evidence(&p.it, p.html);
	pages_free(&p);

	pages_load("report/triage_no_fault", &p);
	assert_non_null(strstr(p.html, "<div class=\"conclusion ok\">"));
	assert_null(strstr(p.html, "class=\"fault\""));
	pages_free(&p);
}

/*
 * A hostile result with 100,000 exposed-service entries (one per caller):
 * the table counts callers over a bounded number of them, so the page is
 * written at once instead of in 10^10 comparisons, and shows at most 40 rows.
 */
static void
test_triage_many_rows(void **st)
{
	struct pages p;
	json_t *root, *ex;
	char err[256];
	const char *q;
	size_t i, rows = 0;

	(void)st;
	root = load_json(FIXTURES "/report/triage_suspect.json");
	ex = json_array();
	for (i = 0; i < 100000; i++)
		json_array_append_new(ex, json_pack("{s:s,s:i,s:s,s:i,s:i}", "protocol", "tcp", "port",
		    (int)(i % 50000), "source", "192.0.2.1", "attempt_frame", 1, "answer_frame", 2));
	json_object_set_new((json_t *)(uintptr_t)rp_obj(root, "host"), "exposed", ex);
	memset(&p, 0, sizeof(p));
	p.root = root;
	assert_int_equal(rp_item_read(root, "many", NULL, &p.it, err, sizeof(err)), 0);
	p.html = render(&p.it, 1, RF_HTML);
	q = strstr(p.html, "Services this host exposes to outsiders");
	assert_non_null(q);
	for (q = strstr(q, "<tbody>"); q != NULL && (q = strstr(q, "<tr>")) != NULL &&
	    q < strstr(p.html, "Programs this host downloaded"); q++)
		rows++;
	assert_in_range(rows, 1, 40);
	free(p.html);
	json_decref(root);
}

static void
test_not_a_result(void **st)
{
	static const char *const docs[] = {
		"{\"tool\":\"nmap\"}", "[]", "\"x\"", "{\"tool\":\"synprobe\"}",
		"{\"tool\":\"postprobe\",\"verdict\":{\"kind\":7}}",
	};
	struct rp_item it;
	char err[256];
	json_t *root;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		root = json_loads(docs[i], JSON_DECODE_ANY, NULL);
		assert_non_null(root);
		err[0] = '\0';
		assert_int_equal(rp_item_read(root, NULL, NULL, &it, err, sizeof(err)), -1);
		assert_true(err[0] != '\0');
		json_decref(root);
	}
}

/* A Markdown document with its fenced blocks blanked out, in place. */
static char *
outside_fences(char *md)
{
	char *p = md, *open, *close;
	size_t n;

	while ((open = strstr(p, "\n```")) != NULL) {
		n = strspn(open + 1, "`");
		close = open + 1 + n;
		for (;;) {
			close = strstr(close, "\n```");
			if (close == NULL || strspn(close + 1, "`") == n)
				break;
			close++;
		}
		if (close == NULL)
			return md;
		memset(open + 1, ' ', (size_t)(close - open));
		p = close + 1 + n;
	}
	return md;
}

/* Strings from the network stay text in every format. */
static void
test_hostile(void **st)
{
	static const char evil[] = "<script>alert(1)</script>\"'&\x01\x1b[31m\xef\xbf\xbe"
	    "[x](javascript:alert(1))`|";
	char path[256], err[256], *html, *md, *txt;
	struct rp_item it;
	json_t *root, *h;
	size_t i;

	(void)st;
	snprintf(path, sizeof(path), FIXTURES "/postprobe/post.json");
	root = load_json(path);
	json_object_set_new(json_object_get(root, "target"), "url", json_string(evil));
	json_object_set_new(json_object_get(root, "verdict"), "summary", json_string(evil));
	json_object_set_new(json_object_get(root, "http"), "reason", json_string(evil));
	json_array_foreach(json_object_get(json_object_get(root, "http"), "headers"), i, h)
		json_object_set_new(h, "value", json_string(evil));
	json_object_set_new(json_object_get(root, "transcript"), "response", json_string(evil));
	json_object_set_new(json_object_get(root, "capture"), "file", json_string("it's $(reboot).pcap"));
	assert_int_equal(rp_item_read(root, path, NULL, &it, err, sizeof(err)), 0);
	html = render(&it, 1, RF_HTML);
	assert_null(strstr(html, "<script>"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"));
	assert_null(strstr(html, "\x01"));
	assert_null(strstr(html, "\x1b"));
	assert_null(strstr(html, "\xef\xbf\xbe"));
	/* The shell command quotes the file name: 'it'\''s $(reboot).pcap'. */
	assert_non_null(strstr(html, "&#39;it&#39;\\&#39;&#39;s $(reboot).pcap&#39;"));
	md = render(&it, 1, RF_MD);
	/* Raw only inside a fenced block (shown as text), escaped everywhere else. */
	assert_null(strstr(outside_fences(md), "<script>"));
	assert_null(strstr(md, "](javascript:"));
	assert_non_null(strstr(md, "&lt;script&gt;"));
	txt = render(&it, 1, RF_TXT);
	assert_null(strstr(txt, "\x01"));
	assert_null(strstr(txt, "\x1b"));
	free(html);
	free(md);
	free(txt);
	json_decref(root);
}

/* Bytes that are not UTF-8 (a string cut mid-character) become U+FFFD. */
static void
test_utf8(void **st)
{
	static const unsigned char ok[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	static const unsigned char cut[] = "\xe2\x82";
	static const unsigned char overlong[] = "\xc0\xaf";
	static const unsigned char surrogate[] = "\xed\xa0\x80";
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	(void)st;
	assert_int_equal(rp_utf8_len(ok, ok + 1), 1);
	assert_int_equal(rp_utf8_len(ok + 1, ok + sizeof(ok) - 1), 2);
	assert_int_equal(rp_utf8_len(ok + 3, ok + sizeof(ok) - 1), 3);
	assert_int_equal(rp_utf8_len(ok + 6, ok + sizeof(ok) - 1), 4);
	assert_int_equal(rp_utf8_len(cut, cut + 2), 0);
	assert_int_equal(rp_utf8_len(overlong, overlong + 2), 0);
	assert_int_equal(rp_utf8_len(surrogate, surrogate + 3), 0);
	out = open_memstream(&buf, &len);
	rp_html_escn(out, (const char *)cut, 2);
	fclose(out);
	assert_string_equal(buf, "\xef\xbf\xbd\xef\xbf\xbd");
	free(buf);
}

/* What each escape writes, byte for byte: the renderers' outputs are built of these. */
static char *
escape_out(int how, const char *s, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	switch (how) {
	case 'f': rp_html_esc_fit(out, s, n); break;
	case 'q': rp_html_esc_shell(out, s); break;
	case 'm': rp_text_esc(out, s, true); break;
	case 't': rp_text_esc(out, s, false); break;
	case 'v': rp_text_verbatim(out, s, n); break;
	}
	fclose(out);
	return buf;
}

static void
test_escape(void **st)
{
	static const struct {
		int		 how;
		const char	*in;
		size_t		 n;
		const char	*want;
	} cases[] = {
		{ 'f', "abcdef", 4, "abc\xe2\x80\xa6" },
		{ 'f', "abc", 4, "abc" },
		{ 'f', "\xc3\xa9\xe4\xb8\xadx", 2, "\xc3\xa9\xe2\x80\xa6" },
		{ 'f', "<a>", 3, "&lt;a&gt;" },
		{ 'q', "it's", 0, "&#39;it&#39;\\&#39;&#39;s&#39;" },
		{ 'm', "a*b\n<c>&", 0, "a\\*b &lt;c&gt;&amp;" },
		{ 't', "a*b\n<c>\x01", 0, "a*b <c>" },
		{ 'v', "a\x01\tb\n\xff", 6, "a\tb\n\xef\xbf\xbd" },
	};
	char buf[8], *got;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = escape_out(cases[i].how, cases[i].in, cases[i].n);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
	/* A column cuts before a character that does not fit whole. */
	rp_text_printable("a\x1b" "b\xc3\xa9", buf, 4);
	assert_string_equal(buf, "ab");
	rp_text_printable("a\x1b" "b\xc3\xa9", buf, 5);
	assert_string_equal(buf, "ab\xc3\xa9");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lab_results),
		cmocka_unit_test(test_pictures),
		cmocka_unit_test(test_several),
		cmocka_unit_test(test_triage_pages),
		cmocka_unit_test(test_triage_many_rows),
		cmocka_unit_test(test_clean_never_a_fault),
		cmocka_unit_test(test_budget_shown),
		cmocka_unit_test(test_confidence_shown),
		cmocka_unit_test(test_findings_shown),
		cmocka_unit_test(test_causes),
		cmocka_unit_test(test_old_format),
		cmocka_unit_test(test_ownership),
		cmocka_unit_test(test_owners_file_errors),
		cmocka_unit_test(test_owners_too_many),
		cmocka_unit_test(test_not_a_result),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_escape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
