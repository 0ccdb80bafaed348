/*
 * Golden tests for probe-report: the results recorded from real lab runs
 * (the JSON under tests/fixtures/) in, the report's
 * conclusion, place, who acts and evidence out; ownership claimed only
 * from evidence; the owners file; hostile strings escaped.
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
} lab[] = {
	{ "ptrace/delay", "path", "bottleneck", RA_ISP, 3, "198.18.2.2",
	  "slow because of one link: it adds 50 ms to every round trip", "certain" },
	{ "ptrace/queue", "path", "bottleneck", RA_ISP, 3, "198.18.2.2", "slow because of one link",
	  "certain" },
	{ "ptrace/loss", "path", "lossy-link", RA_ISP, 3, "198.18.2.2", "being lost (20% of them)",
	  "certain" },
	{ "ptrace/noroute", "path", "unreachable", RA_ISP, 3, "198.18.2.2", "cannot be reached",
	  "certain" },
	{ "ptrace/clean", "none", "clean", RA_NOBODY, -1, NULL, "The path to 198.18.3.2 is healthy",
	  "certain" },
	/* The router slow to answer traceroute is not blamed. */
	{ "ptrace/icmpslow", "none", "clean", RA_NOBODY, -1, NULL, "is healthy", "certain" },
	{ "ptrace/filter", "unknown", "incomplete", RA_UNKNOWN, 2, "198.18.1.2",
	  "stops part of the way", "ambiguous" },
	{ "synprobe/open", "none", "open", RA_NOBODY, 4, "198.18.3.2", "is reachable", "certain" },
	{ "synprobe/refused", "server", "refused", RA_SERVER, 4, "198.18.3.2",
	  "nothing accepts connections on port 2121", "certain" },
	{ "synprobe/hostdrop", "server", "filtered-near-host", RA_SERVER, 4, "198.18.3.2",
	  "silently dropped at the server", "ambiguous" },
	{ "synprobe/pathdrop", "path", "filtered-on-path", RA_ISP, 2, "198.18.1.2",
	  "blocked on the way by a firewall", "likely" },
	{ "synprobe/pathprohib", "path", "prohibited-on-path", RA_ISP, 2, "198.18.1.2",
	  "administratively prohibited", "certain" },
	{ "synprobe/pathreset", "path", "reset-on-path", RA_ISP, 2, "198.18.1.2",
	  "cuts the connection", "certain" },
	{ "synprobe/deadgw", "client", "gateway-unreachable", RA_OURS, 1, "198.18.0.2",
	  "cannot reach its gateway, 198.18.0.2", "certain" },
	{ "synprobe/indrop", "client", "blocked-locally", RA_USER, 0, "198.18.0.1",
	  "own firewall stops the connection", "certain" },
	{ "synprobe/nxdomain", "client", "name-not-resolved", RA_USER, -1, NULL,
	  "www.nowhere.test cannot be turned into an address: the name does not exist", "certain" },
	{ "postprobe/post", "server", "http-client-error", RA_SERVER, 4, "198.18.3.2",
	  "itself refused the request: it answered \"403 Forbidden\"", "certain" },
	{ "postprobe/err", "server", "http-server-error", RA_SERVER, 4, "198.18.3.2",
	  "500 Internal Server Error", "certain" },
	{ "postprobe/slow", "server", "slow-server", RA_SERVER, 4, "198.18.3.2",
	  "it took 2.0 s to start answering", "certain" },
	{ "postprobe/proxy", "path", "answered-by-middlebox", RA_ISP, 3, "198.18.2.2",
	  "did not come from the web server", "certain" },
	{ "postprobe/proxy_noecho", "path", "answered-by-middlebox", RA_ISP, 3, "198.18.2.2",
	  "did not come from the web server", "certain" },
	{ "postprobe/proxy_silent", "path", "answered-by-middlebox", RA_ISP, 3,
	  "an unknown address", "did not come from the web server", "likely" },
	{ "postprobe/reset", "path", "reset-on-path", RA_ISP, 2, "198.18.1.2",
	  "cuts the connection", "certain" },
	{ "postprobe/reset_ttl", "path", "reset-on-path", RA_ISP, 2, "198.18.1.2",
	  "cuts the connection", "likely" },
	{ "postprobe/forged", "path", "reset-on-path", RA_ISP, 2, "198.18.1.2",
	  "cuts the connection", "certain" },
	{ "postprobe/large", "path", "pmtu-blackhole", RA_ISP, 2, "198.18.1.2",
	  "Large requests to http://198.18.3.2/upload never arrive", "likely" },
	{ "postprobe/nocert", "server", "tls-failure", RA_SERVER, 4, "198.18.3.2",
	  "self-signed certificate", "likely" },
	{ "postprobe/ok", "none", "ok", RA_NOBODY, 4, "198.18.3.2",
	  "answered by the web server itself, \"200 OK\", in time", "certain" },
	/* A relaying proxy: no fault, but who answered is said. */
	{ "postprobe/proxy_get", "none", "ok", RA_NOBODY, 3, "198.18.2.2",
	  "not by the web server itself", "certain" },
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
		assert_string_equal(it.confidence, lab[i].confidence);
		assert_true(it.confidence_reason[0] != '\0');
		if (strstr(it.headline, lab[i].headline) == NULL)
			fail_msg("%s: headline '%s' lacks '%s'", lab[i].file, it.headline, lab[i].headline);
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
		{ "ptrace/delay", { "rp-chain", "The link from hop 2 to hop 3 is marked: it adds 50 ms",
		    "rp-latency", "From hop 3 on, every hop keeps 50 ms" } },
		{ "ptrace/loss", { "rp-loss", "loss starts", "rp-chain", NULL } },
		/* The router slow to answer is drawn apart from delay that persists. */
		{ "ptrace/icmpslow", { "rp-latency", "No hop adds delay that is kept up to the destination",
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
	static const char *const files[] = { "ptrace/delay", "synprobe/refused", "postprobe/post",
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

/* A hand-made ptrace-slow result with a bottleneck into hop `hop`. */
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
	v = json_pack("{s:s,s:i,s:s,s:o,s:f,s:b,s:s}", "kind", "bottleneck", "hop", hop, "address",
	    hop_addrs[hop - 1], "link", link, "added_ms", 42.0, "significant", 1, "summary", "x");
	json_object_set_new(root, "verdict", v);
	return root;
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
