/*
 * probe-report's HTML page: one self-contained file (inline CSS and
 * SVG, no script, nothing fetched), readable on a phone, clean on paper.
 * The conclusion, who acts and how sure come first, in plain words, then
 * what else the trace found; the pictures, the engineer's detail (for
 * ptrace-slow, where the time goes link by link), the evidence (frames,
 * capture, Wireshark filter) and the run's metadata follow.  The page is also
 * well-formed XML, so a parser can check it; every string that came from
 * a result file, and so possibly from the network, is escaped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/common/envelope.h"
#include "analyze/report/escape.h"
#include "analyze/report/path.h"
#include "analyze/report/report.h"

/* ---- the page's frame ---- */

static const char css[] =
":root{--ink:#1b1f24;--mute:#5b6670;--line:#d5dae0;--bad:#b3261e;--warn:#a15c00;--good:#1e6b35;--bg:#fff;--soft:#f4f6f8}\n"
"*{box-sizing:border-box}\n"
"body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}\n"
"main{max-width:60rem;margin:0 auto;padding:1rem}\n"
"h1{font-size:1.5rem;margin:.5rem 0}\n"
"h2{font-size:1.25rem;margin:1.5rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.25rem}\n"
"h3{font-size:1.05rem;margin:1.25rem 0 .5rem}\n"
".meta{color:var(--mute);font-size:.9rem}\n"
".overview{border:1px solid var(--line);border-radius:.5rem;padding:.5rem 1rem;background:var(--soft)}\n"
".overview li{margin:.35rem 0}\n"
".conclusion{border-left:.5rem solid var(--line);padding:.75rem 1rem;background:var(--soft);border-radius:.25rem}\n"
".conclusion.fault{border-left-color:var(--bad)}\n"
".conclusion.ok{border-left-color:var(--good)}\n"
".conclusion.unknown{border-left-color:var(--warn)}\n"
".headline{font-size:1.15rem;font-weight:600;margin:.25rem 0 .75rem}\n"
".status{display:inline-block;font-size:.8rem;font-weight:700;letter-spacing:.03em;text-transform:uppercase;padding:.1rem .5rem;border-radius:1rem;border:1px solid currentColor;margin-bottom:.25rem}\n"
".status.fault{color:var(--bad)} .status.ok{color:var(--good)} .status.unknown{color:var(--warn)}\n"
"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:.5rem 0}\n"
"dl.facts dt{font-weight:600;color:var(--mute)} dl.facts dd{margin:0}\n"
".conf{font-weight:700}\n"
"figure{margin:1rem 0} figcaption{color:var(--mute);font-size:.9rem}\n"
"svg.pic{width:100%;height:auto;max-width:34rem;display:block}\n"
"table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}\n"
"th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top}\n"
"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
"tr.fault td{font-weight:700;color:var(--bad)}\n"
"ul.findings{padding-left:1.25rem} ul.findings li{margin:.3rem 0}\n"
".scroll{overflow-x:auto}\n"
"code,pre{font:.85rem/1.4 ui-monospace,Menlo,Consolas,monospace}\n"
"pre{background:var(--soft);border:1px solid var(--line);padding:.5rem;white-space:pre-wrap;word-break:break-all;margin:.5rem 0}\n"
"code.cmd{display:block;background:var(--soft);border:1px solid var(--line);padding:.4rem;word-break:break-all;white-space:pre-wrap}\n"
".tx-out{color:#0b3d91} .tx-in{color:#6b1e1e}\n"
"footer{color:var(--mute);font-size:.85rem;border-top:1px solid var(--line);margin-top:2rem;padding-top:.5rem}\n"
"@media (max-width:40rem){body{font-size:15px}main{padding:.5rem}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.4rem}}\n"
"@page{margin:1.5cm}\n"
"@media print{body{font-size:11pt}main{max-width:none;padding:0}.conclusion,.overview,pre,code.cmd{background:none}"
"article{break-before:page;page-break-before:always}article:first-of-type{break-before:auto;page-break-before:auto}"
"figure,table,.conclusion,pre{break-inside:avoid;page-break-inside:avoid}h2,h3{break-after:avoid;page-break-after:avoid}"
".scroll{overflow:visible}}\n";

static const char *
status_class(const struct rp_item *it)
{
	if (it->tool == RT_TRIAGE && strcmp(it->kind, "suspect-host") == 0)
		return "unknown";	/* no network fault, but something to look at */
	if (strcmp(it->fault, "none") == 0)
		return "ok";
	return strcmp(it->fault, "unknown") == 0 ? "unknown" : "fault";
}

static const char *
what_of(const struct rp_item *it)
{
	switch (it->tool) {
	case RT_PTRACE:	return "Is the path slow?";
	case RT_SYN:	return "Can we connect?";
	case RT_TRIAGE:	return "What does the capture show?";
	case RT_HTTP:
	default:	return "Who answered the web request?";
	}
}

/* A value for a table cell: a number with a unit, or a dash. */
static void
cell_ms(FILE *out, const json_t *o, const char *key)
{
	const json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;

	if (json_is_number(v))
		fprintf(out, "<td class=\"n\">%.3g</td>", rp_num(o, key, 0));
	else
		fputs("<td class=\"n\">-</td>", out);
}


/* ---- per tool: the engineer's detail ---- */

static void
detail_ptrace(FILE *out, const struct rp_item *it)
{
	const json_t *hops = rp_arr(it->root, "hops"), *h, *f;
	size_t i, j;

	if (hops == NULL || json_array_size(hops) == 0)
		return;
	fputs("<h3>Hop by hop</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th class=\"n\">Hop</th>"
	    "<th>Address</th><th>Name</th><th class=\"n\">Sent</th><th class=\"n\">Answered</th>"
	    "<th class=\"n\">Loss %</th><th class=\"n\">Min ms</th><th class=\"n\">Median ms</th>"
	    "<th class=\"n\">Max ms</th><th>Notes</th></tr></thead>\n<tbody>\n", out);
	json_array_foreach(hops, i, h) {
		const json_t *rtt = rp_obj(h, "rtt_ms");

		if (i >= 255)
			break;
		fprintf(out, "<tr><td class=\"n\">%lld</td>", rp_int(h, "ttl", 0, 255, 0));
		rp_html_td(out, *rp_str(h, "address") ? rp_str(h, "address") : "(no answer)");
		rp_html_td(out, rp_str(h, "name"));
		fprintf(out, "<td class=\"n\">%lld</td><td class=\"n\">%lld</td>",
		    rp_int(h, "sent", 0, 1LL << 40, 0), rp_int(h, "received", 0, 1LL << 40, 0));
		cell_ms(out, h, "loss_pct");
		cell_ms(out, rtt, "min");
		cell_ms(out, rtt, "median");
		cell_ms(out, rtt, "max");
		fputs("<td>", out);
		json_array_foreach(rp_arr(h, "flags"), j, f) {
			if (!json_is_string(f) || j >= 8)
				continue;
			if (j > 0)
				fputs(", ", out);
			rp_html_esc(out, json_string_value(f));
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

/* "hop 2 (198.18.1.2)", "this machine": one end of a link, escaped. */
static void
link_end(FILE *out, int ttl, const char *addr)
{
	if (ttl == 0) {
		fputs("this machine", out);
		return;
	}
	fprintf(out, "hop %d", ttl);
	if (*addr != '\0') {
		fputs(" (", out);
		rp_html_esc(out, addr);
		fputs(")", out);
	}
}

/* A number of ms for a cell, a dash when not measured (< 0). */
static void
td_ms(FILE *out, double ms)
{
	if (ms < 0)
		fputs("<td class=\"n\">-</td>", out);
	else
		fprintf(out, "<td class=\"n\">%.3g</td>", ms);
}

/* ptrace-slow's latency budget: every link, what it adds, its share, its queueing, why. */
static void
budget_table(FILE *out, const struct rp_item *it)
{
	struct rp_budget b;
	size_t i;

	rp_budget_read(it->root, rp_blames_link(it), &b);
	if (b.n == 0)
		return;
	fputs("<h3>Where the time goes</h3>\n<p>What each link adds to the fastest round trip "
	    "(its fixed step), its share of it, and the queueing measured round by round; a "
	    "step is distance unless the evidence says more.</p>\n"
	    "<div class=\"scroll\"><table class=\"budget\">\n<thead><tr><th>Link</th>"
	    "<th class=\"n\">Adds ms</th><th class=\"n\">Share</th>"
	    "<th class=\"n\">Queueing ms (median)</th><th class=\"n\">Worst tenth ms</th>"
	    "<th>Cause</th></tr></thead>\n<tbody>\n", out);
	for (i = 0; i < b.n; i++) {
		const struct rp_link *l = &b.v[i];

		fputs((int)i == b.fault ? "<tr class=\"fault\"><td>" : "<tr><td>", out);
		link_end(out, l->from_ttl, l->from_addr);
		fputs(" \xe2\x86\x92 ", out);
		link_end(out, l->to_ttl, l->to_addr);
		if (l->tunnel)
			fputs(" (MPLS tunnel)", out);
		fprintf(out, "</td><td class=\"n\">%.3g</td>", l->added_ms);
		if (l->share >= 0 && b.total_ms >= 1)
			fprintf(out, "<td class=\"n\">%.0f%%</td>", 100 * l->share);
		else
			fputs("<td class=\"n\">-</td>", out);
		td_ms(out, l->queue_ms);
		td_ms(out, l->queue_p90_ms);
		fputs("<td>", out);
		rp_html_esc(out, rp_cause_words(l->cause, true));
		if ((int)i == b.fault)
			fputs(" (the verdict's link)", out);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
	if (b.more > 0)
		fprintf(out, "<p class=\"meta\">%zu more links in the result, not listed.</p>\n",
		    b.more);
	if (b.total_ms < 1)
		fputs("<p class=\"meta\">The whole round trip takes under 1 ms: shares of it "
		    "mean little, and are not shown.</p>\n", out);
}

/*
 * What the packets say of a NAT when they show none: "no NAT visible",
 * never "no NAT" (one that translates its quotes back does not show).
 */
static void
nat_note(FILE *out, const struct rp_item *it)
{
	const json_t *nat = rp_obj(it->root, "nat");

	if (nat == NULL || !json_is_false(json_object_get(nat, "visible")))
		return;
	fputs("<p class=\"meta\">NAT: ", out);
	rp_html_esc(out, *rp_str(nat, "note") ? rp_str(nat, "note") : "no NAT visible");
	fputs("</p>\n", out);
}

/* What else the trace found (a NAT, a path change, a router slow to answer...), in words. */
static void
findings(FILE *out, const struct rp_item *it)
{
	struct rp_finding_line v[32];
	size_t i, n = rp_findings_lines(it->root, v, 32);

	if (n == 0)
		return;
	fputs("<h3>Also found</h3>\n<ul class=\"findings\">\n", out);
	for (i = 0; i < n; i++) {
		fputs("<li><strong>", out);
		rp_html_esc(out, rp_finding_label(rp_str(v[i].f, "kind")));
		fputs("</strong>", out);
		if (v[i].nhops > 0)
			fprintf(out, " (hop%s %s)", v[i].nhops > 1 ? "s" : "", v[i].hops);
		if (json_is_false(json_object_get(v[i].f, "located")))
			fputs(" (not placed yet)", out);
		if (*rp_str(v[i].f, "summary") != '\0') {
			fputs(": ", out);
			rp_html_esc(out, rp_str(v[i].f, "summary"));
		}
		if (v[i].more > 0)
			fprintf(out, " (and %zu more like it)", v[i].more);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
}

/* The name lookup and the route: what this machine knew before any probe left. */
static void
syn_local(FILE *out, const json_t *pr)
{
	const json_t *dns = rp_obj(pr, "dns"), *loc = rp_obj(pr, "local");

	if (dns != NULL) {
		fputs("<dt>Name lookup</dt><dd>", out);
		rp_html_esc(out, rp_str(dns, "status"));
		if (*rp_str(dns, "resolver")) {
			fputs(" (resolver ", out);
			rp_html_esc(out, rp_str(dns, "resolver"));
			fputs(")", out);
		}
		fputs("</dd>\n", out);
	}
	if (loc != NULL) {
		fputs("<dt>Route</dt><dd>", out);
		fputs(json_is_true(json_object_get(loc, "route")) ? "yes" : "none", out);
		if (*rp_str(loc, "gateway")) {
			fputs(", gateway ", out);
			rp_html_esc(out, rp_str(loc, "gateway"));
			fputs(" (", out);
			rp_html_esc(out, rp_str(loc, "gateway_state"));
			fputs(")", out);
		}
		fputs("</dd>\n", out);
	}
}

/* The system's connect(), the SYNs, the pings. */
static void
syn_probes(FILE *out, const json_t *pr)
{
	const json_t *conn = rp_obj(pr, "connect"), *ping = rp_obj(pr, "ping");
	const json_t *syn = rp_obj(pr, "syn");

	if (conn != NULL) {
		fputs("<dt>The system's own connect()</dt><dd>", out);
		rp_html_esc(out, rp_str(conn, "result"));
		fprintf(out, " after %.1f ms</dd>\n", rp_num(conn, "ms", 0));
	}
	if (syn != NULL) {
		fputs("<dt>SYNs to the port</dt><dd>", out);
		fprintf(out, "%lld sent, answer: ", rp_int(syn, "attempts", 0, 1000000, 0));
		rp_html_esc(out, *rp_str(syn, "answer") ? rp_str(syn, "answer") : "none");
		fputs("</dd>\n", out);
	}
	if (ping != NULL)
		fprintf(out, "<dt>Ping</dt><dd>%lld sent, %lld answered</dd>\n",
		    rp_int(ping, "sent", 0, 1000000, 0), rp_int(ping, "received", 0, 1000000, 0));
}

/* The control ports, and the service's greeting. */
static void
syn_controls(FILE *out, const json_t *pr)
{
	const json_t *c, *ban = rp_obj(pr, "banner");
	size_t i;

	json_array_foreach(rp_arr(pr, "controls"), i, c) {
		if (i >= 16)
			break;
		fprintf(out, "<dt>Control port %lld</dt><dd>", rp_int(c, "port", 0, 65535, 0));
		rp_html_esc(out, *rp_str(c, "answer") ? rp_str(c, "answer") : "no answer");
		if (*rp_str(c, "from")) {
			fputs(" from ", out);
			rp_html_esc(out, rp_str(c, "from"));
		}
		fputs("</dd>\n", out);
	}
	if (ban != NULL && json_is_true(json_object_get(ban, "received"))) {
		fputs("<dt>Greeting</dt><dd><code>", out);
		rp_html_esc(out, rp_str(ban, "line"));
		fputs("</code></dd>\n", out);
	}
}

static void
detail_syn(FILE *out, const struct rp_item *it)
{
	const json_t *pr = rp_obj(it->root, "probes");

	if (pr == NULL)
		return;
	fputs("<h3>What each probe met</h3>\n<dl class=\"facts\">\n", out);
	syn_local(out, pr);
	syn_probes(out, pr);
	syn_controls(out, pr);
	fputs("</dl>\n", out);
}

static void
transcript(FILE *out, const json_t *t, const char *key, const char *label, const char *cls)
{
	const char *s = rp_str(t, key);

	if (*s == '\0')
		return;
	fprintf(out, "<p><strong>%s</strong></p>\n<pre class=\"%s\">", label, cls);
	/* A body can be long: the page keeps the first 8 kB. */
	rp_html_escn(out, s, strnlen(s, 8192));
	if (strlen(s) > 8192)
		fputs("\n[... cut; the whole exchange is in the capture]", out);
	fputs("</pre>\n", out);
}

/* The request as sent, and the answer's status line. */
static void
http_exchange(FILE *out, const json_t *req, const json_t *http)
{
	fputs("<h3>The exchange</h3>\n<dl class=\"facts\">\n", out);
	if (req != NULL) {
		fputs("<dt>Request</dt><dd><code>", out);
		rp_html_esc(out, rp_str(req, "method"));
		fputs(" ", out);
		rp_html_esc(out, rp_str(req, "target"));
		fprintf(out, "</code>, %lld bytes, %s, %lld retransmissions</dd>\n",
		    rp_int(req, "bytes", 0, 1LL << 40, 0),
		    json_is_true(json_object_get(req, "acknowledged")) ? "acknowledged by the server" :
		    "never acknowledged", rp_int(req, "retransmissions", 0, 1LL << 32, 0));
	}
	if (rp_int(http, "status", 100, 999, 0) != 0) {
		fprintf(out, "<dt>Answer</dt><dd><code>%lld ", rp_int(http, "status", 100, 999, 0));
		rp_html_esc(out, rp_str(http, "reason"));
		fputs("</code></dd>\n", out);
	}
	fputs("</dl>\n", out);
}

static void
http_headers(FILE *out, const json_t *http)
{
	const json_t *h;
	size_t i;

	if (json_array_size(rp_arr(http, "headers")) == 0)
		return;
	fputs("<div class=\"scroll\"><table><thead><tr><th>Response header</th><th>Value</th></tr>"
	    "</thead><tbody>\n", out);
	json_array_foreach(rp_arr(http, "headers"), i, h) {
		if (i >= 64)
			break;
		fputs("<tr>", out);
		rp_html_td(out, rp_str(h, "name"));
		rp_html_td(out, rp_str(h, "value"));
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

/* One row of the phases' times, a dash for each one not measured. */
static void
http_timing(FILE *out, const json_t *tm)
{
	static const char *const phases[] = { "dns", "connect", "tls", "request_sent", "server_wait",
	    "transfer", "total" };
	size_t i;

	if (tm == NULL)
		return;
	fputs("<div class=\"scroll\"><table><thead><tr>", out);
	for (i = 0; i < sizeof(phases) / sizeof(phases[0]); i++) {
		fputs("<th class=\"n\">", out);
		rp_html_esc(out, phases[i]);
		fputs(" ms</th>", out);
	}
	fputs("</tr></thead><tbody><tr>", out);
	for (i = 0; i < sizeof(phases) / sizeof(phases[0]); i++)
		cell_ms(out, tm, phases[i]);
	fputs("</tr></tbody></table></div>\n", out);
}

static void
http_transcript(FILE *out, const json_t *tr)
{
	if (tr == NULL)
		return;
	fputs("<h3>Transcript</h3>\n<p class=\"meta\">", out);
	fputs(strcmp(rp_str(tr, "source"), "capture") == 0 ?
	    "Reassembled from the captured packets, as Wireshark's Follow TCP Stream shows it." :
	    "As libcurl sent and received it (the packets are encrypted).", out);
	fputs("</p>\n", out);
	transcript(out, tr, "request", "Sent", "tx-out");
	transcript(out, tr, "response", "Received", "tx-in");
}

static void
detail_http(FILE *out, const struct rp_item *it)
{
	const json_t *http = rp_obj(it->root, "http");

	http_exchange(out, rp_obj(it->root, "request"), http);
	http_headers(out, http);
	http_timing(out, rp_obj(it->root, "timing_ms"));
	http_transcript(out, rp_obj(it->root, "transcript"));
}

/* ---- evidence and run ---- */

/* The packets that prove the verdict, by frame number. */
static void
evidence_table(FILE *out, const struct rp_item *it, const json_t *ev)
{
	const json_t *e;
	size_t i;

	if (json_array_size(ev) == 0 && it->tool == RT_TRIAGE) {
		fputs("<p>No packet proves a fault: none was found. Each finding above cites its "
		    "own frames.</p>\n", out);
		return;
	}
	if (json_array_size(ev) == 0) {
		fputs("<p>No packet is evidence here: the verdict was reached before anything "
		    "was sent, or from what this machine knows (routes, name service).</p>\n", out);
		return;
	}
	fputs("<div class=\"scroll\"><table><thead><tr><th class=\"n\">Frame</th><th>Packet</th>"
	    "</tr></thead><tbody>\n", out);
	json_array_foreach(ev, i, e) {
		if (i >= 200)
			break;
		fprintf(out, "<tr><td class=\"n\">%lld%s</td>", rp_int(e, "frame", 0, UINT32_MAX, 0),
		    *rp_str(e, "capture") ? " (server)" : "");
		rp_html_td(out, rp_str(e, "summary"));
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

/* The capture file, its hash, the server's capture. */
static void
capture_facts(FILE *out, const struct rp_item *it)
{
	const json_t *cap = rp_obj(it->root, "capture");
	const char *file = rp_str(cap, "file"), *sha = rp_str(cap, "sha256");
	const char *server = rp_str(rp_obj(it->root, "options"), "server_capture");

	fputs("<dl class=\"facts\">\n", out);
	if (*file != '\0') {
		fputs("<dt>Capture</dt><dd><code>", out);
		rp_html_esc(out, file);
		fprintf(out, "</code> (%s, %lld frames)</dd>\n",
		    strcmp(rp_str(cap, "mode"), "read") == 0 ? "read" : "written by this run",
		    rp_int(cap, "frames", 0, 1LL << 40, 0));
		fputs("<dt>SHA-256</dt><dd><code>", out);
		rp_html_esc(out, *sha ? sha : "-");
		fputs("</code></dd>\n", out);
		if (*server != '\0') {
			fputs("<dt>Server's capture</dt><dd><code>", out);
			rp_html_esc(out, server);
			fputs("</code></dd>\n", out);
		}
	} else {
		fputs("<dt>Capture</dt><dd>none kept (run the probe with -w or --report to keep one)</dd>\n",
		    out);
	}
	fputs("</dl>\n", out);
}

/* How to open the evidence in Wireshark: the command, with the display filter. */
static void
wireshark_hint(FILE *out, const struct rp_item *it, const char *file)
{
	fputs("<p>To see these packets in Wireshark (File, Open; then paste the filter in the "
	    "display filter bar), or from a shell:</p>\n<code class=\"cmd\">wireshark -r ", out);
	rp_html_esc_shell(out, file);
	if (it->filter[0] != '\0') {
		fputs(" -Y ", out);
		rp_html_esc_shell(out, it->filter);
	}
	fputs("</code>\n", out);
	if (it->filter[0] != '\0') {
		fputs("<p>Display filter:</p>\n<code class=\"cmd\">", out);
		rp_html_esc(out, it->filter);
		fputs("</code>\n", out);
	}
	fprintf(out, "<p class=\"meta\">Check the file is the one measured: "
	    "<code>sha256sum</code> must print the SHA-256 above.</p>\n");
}

static void
evidence(FILE *out, const struct rp_item *it)
{
	const char *file = rp_str(rp_obj(it->root, "capture"), "file");

	fputs("<h3>Evidence</h3>\n", out);
	evidence_table(out, it, rp_arr(it->root, "evidence"));
	capture_facts(out, it);
	if (*file != '\0')
		wireshark_hint(out, it, file);
}

static void
run_meta(FILE *out, const struct rp_item *it)
{
	const json_t *src = rp_obj(it->root, "source"), *opts = rp_obj(it->root, "options"), *v;
	const char *k;
	char *dump;
	bool first = true;

	fputs("<h3>The run</h3>\n<dl class=\"facts\">\n<dt>When</dt><dd>", out);
	rp_html_esc(out, *rp_str(it->root, "started_at") ? rp_str(it->root, "started_at") : "unknown");
	fputs(" (UTC)</dd>\n<dt>From</dt><dd>", out);
	rp_html_esc(out, *rp_str(src, "address") ? rp_str(src, "address") : "unknown address");
	if (*rp_str(src, "interface")) {
		fputs(" on interface ", out);
		rp_html_esc(out, rp_str(src, "interface"));
	}
	if (*rp_str(src, "gateway")) {
		fputs(", gateway ", out);
		rp_html_esc(out, rp_str(src, "gateway"));
	}
	fputs("</dd>\n<dt>Tool</dt><dd>", out);
	rp_html_esc(out, it->tool_name);
	fputs(" ", out);
	rp_html_esc(out, rp_str(it->root, "version"));
	if (json_is_number(json_object_get(it->root, "duration_s")))
		fprintf(out, ", ran %.1f s", rp_num(it->root, "duration_s", 0));
	fputs("</dd>\n<dt>Options</dt><dd><code>", out);
	json_object_foreach((json_t *)(uintptr_t)opts, k, v) {
		if (json_is_null(v) || json_is_false(v))
			continue;
		dump = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
		if (!first)
			fputs(", ", out);
		first = false;
		rp_html_esc(out, k);
		fputs("=", out);
		if (dump != NULL && strlen(dump) > 300)
			strcpy(dump + 297, "...");
		rp_html_esc(out, dump != NULL ? dump : "?");
		free(dump);
	}
	fputs("</code></dd>\n", out);
	if (it->file != NULL) {
		fputs("<dt>Result file</dt><dd><code>", out);
		rp_html_esc(out, it->file);
		fputs("</code></dd>\n", out);
	}
	fputs("</dl>\n", out);
}

/* ---- the page ---- */

static void
conclusion(FILE *out, const struct rp_item *it)
{
	fprintf(out, "<div class=\"conclusion %s\">\n", status_class(it));
	fprintf(out, "<span class=\"status %s\">%s</span>\n<p class=\"headline\">", status_class(it),
	    rp_status_word(it));
	rp_html_esc(out, it->headline);
	fputs("</p>\n<dl class=\"facts\">\n<dt>Who should act</dt><dd class=\"who\">", out);
	rp_html_esc(out, it->actor_text);
	fputs("</dd>\n<dt>How sure</dt><dd><span class=\"conf\">", out);
	rp_html_esc(out, it->confidence);
	fputs("</span>", out);
	if (it->confidence_reason[0] != '\0') {
		fputs(": ", out);
		rp_html_esc(out, it->confidence_reason);
	}
	fputs("</dd>\n", out);
	if (it->place.set && it->is_fault) {
		fputs("<dt>Where</dt><dd>", out);
		rp_html_esc(out, it->place.text);
		if (it->place.claim[0] != '\0') {
			fputs(" (", out);
			rp_html_esc(out, it->place.claim);
			fputs(")", out);
		}
		fputs("</dd>\n", out);
	}
	fputs("</dl>\n</div>\n", out);
}

static void
pictures(FILE *out, const struct rp_item *it)
{
	if (it->tool == RT_TRIAGE) {
		if (json_array_size(rp_arr(it->root, "connections")) == 0)
			return;
		fputs("<figure>\n", out);
		rp_svg_timeline(out, it);
		fputs("<figcaption>The capture's connections over time, from the first packet to "
		    "the last of each: red where one failed or a fault comes from it. The table "
		    "below gives each one's times.</figcaption>\n</figure>\n", out);
		return;
	}
	fputs("<figure>\n", out);
	switch (it->tool) {
	case RT_PTRACE:
		rp_svg_path_chain(out, it);
		fputs("<figcaption>The path, hop by hop, from this machine to the target.</figcaption>\n"
		    "</figure>\n<figure>\n", out);
		rp_svg_latency(out, it);
		fputs("<figcaption>Round-trip time to each hop: the bar runs from the fastest to the "
		    "slowest answer, the mark is the median.</figcaption>\n</figure>\n<figure>\n", out);
		rp_svg_loss(out, it);
		fputs("<figcaption>Probes lost at each hop.</figcaption>\n", out);
		if (json_array_size(rp_arr(it->root, "latency_budget")) > 0) {
			fputs("</figure>\n<figure>\n", out);
			rp_svg_budget(out, it);
			fputs("<figcaption>Where the time goes: what each link adds to the fastest "
			    "round trip (distance, a tunnel, a slow link), with the queueing of the "
			    "median round hatched after it.</figcaption>\n", out);
		}
		break;
	case RT_SYN:
		rp_svg_boxes(out, it);
		fputs("<figcaption>Where the fault lies: this machine, the path, or the server."
		    "</figcaption>\n", out);
		break;
	case RT_TRIAGE:
		break;
	case RT_HTTP:
		rp_svg_boxes(out, it);
		fputs("<figcaption>Where the fault lies: this machine, the path, or the server."
		    "</figcaption>\n</figure>\n<figure>\n", out);
		rp_svg_waterfall(out, it);
		fputs("<figcaption>Where the time went, from the name lookup to the last byte of the "
		    "answer.</figcaption>\n", out);
		break;
	}
	fputs("</figure>\n", out);
}

static void
article(FILE *out, const struct rp_item *it, size_t idx, size_t n)
{
	fprintf(out, "<article id=\"result-%zu\">\n<h2>", idx + 1);
	if (n > 1)
		fprintf(out, "%zu. ", idx + 1);
	rp_html_esc(out, what_of(it));
	fputs(" <span class=\"meta\">", out);
	rp_html_esc(out, it->target);
	fputs("</span></h2>\n", out);
	conclusion(out, it);
	if (it->tool == RT_PTRACE)
		findings(out, it);
	pictures(out, it);
	fputs("<h3>For the engineer</h3>\n<p>", out);
	rp_html_esc(out, it->summary);
	fputs("</p>\n", out);
	switch (it->tool) {
	case RT_PTRACE:
		nat_note(out, it);
		budget_table(out, it);
		detail_ptrace(out, it);
		break;
	case RT_SYN:	detail_syn(out, it); break;
	case RT_HTTP:	detail_http(out, it); break;
	case RT_TRIAGE:	rp_triage_html(out, it); break;
	}
	evidence(out, it);
	run_meta(out, it);
	fputs("</article>\n", out);
}

int
report_html(FILE *out, const struct rp_item *items, size_t n, const struct rp_meta *m)
{
	char when[40];
	size_t i, faults = 0;

	render_time_iso(m->generated_ns, when, sizeof(when));
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
	    "<meta name=\"generator\" content=\"", out);
	rp_html_esc(out, m->generator);
	fputs("\"/>\n<title>", out);
	rp_html_esc(out, m->title != NULL ? m->title : "Network fault report");
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<header>\n<h1>", css);
	rp_html_esc(out, m->title != NULL ? m->title : "Network fault report");
	fputs("</h1>\n<p class=\"meta\">Written ", out);
	rp_html_esc(out, when);
	fputs(" (UTC) by ", out);
	rp_html_esc(out, m->generator);
	fputs(" from the packets each probe captured.</p>\n</header>\n", out);
	for (i = 0; i < n; i++)
		faults += items[i].is_fault && strcmp(items[i].fault, "unknown") != 0;
	if (n > 1) {
		fprintf(out, "<section class=\"overview\">\n<p><strong>%zu checks, %zu found a fault."
		    "</strong></p>\n<ol>\n", n, faults);
		for (i = 0; i < n; i++) {
			fprintf(out, "<li><a href=\"#result-%zu\">", i + 1);
			rp_html_esc(out, rp_status_word(&items[i]));
			fputs("</a>: ", out);
			rp_html_esc(out, items[i].headline);
			fputs(" <em>", out);
			rp_html_esc(out, rp_actor_name(items[i].actor));
			fputs(".</em></li>\n", out);
		}
		fputs("</ol>\n</section>\n", out);
	}
	for (i = 0; i < n; i++)
		article(out, &items[i], i, n);
	fputs("<footer>\n<p>How to read this report: the first box of each check is the conclusion; "
	    "\"Who should act\" follows the table in probe-report(1); the evidence lists the captured "
	    "packets that prove it, by frame number in the capture file.</p>\n</footer>\n"
	    "</main>\n</body>\n</html>\n", out);
	return ferror(out) ? -1 : 0;
}
