/*
 * probe-report as Markdown (for a ticket or a wiki) or plain text (for
 * a mail): the same order as the HTML page (conclusion, who acts, how
 * sure, where, what else was found; then the engineer's detail, the
 * evidence and the run), without the pictures: for ptrace-slow, the
 * latency budget's table stands where its picture is.  Strings from the results are untrusted: in
 * Markdown every character with a meaning is escaped, raw HTML included;
 * in both, control characters are dropped.
 */
#include <stdint.h>
#include <string.h>

#include "analyze/common/envelope.h"
#include "analyze/report/escape.h"
#include "analyze/report/path.h"
#include "analyze/report/report.h"

struct tw {
	FILE	*out;
	bool	 md;
};

/* Inline text: one line, escaped for Markdown when md. */
static void
put(const struct tw *w, const char *s)
{
	rp_text_esc(w->out, s, w->md);
}

/* A Markdown fence: three backticks, or one more than the longest run in the block's n bytes. */
static void
fence(const struct tw *w, const char *s, size_t n)
{
	size_t i, run = 0, longest = 0;

	for (i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (i = 0; i < (longest < 3 ? 3 : longest + 1); i++)
		fputc('`', w->out);
	fputc('\n', w->out);
}

/* A block kept verbatim (a transcript): fenced in Markdown, indented in text. */
static void
block(const struct tw *w, const char *s, size_t max)
{
	size_t i, line, n = strnlen(s, max);
	const char *nl;

	if (w->md)
		fence(w, s, n);
	for (i = 0; i < n; i += line) {
		nl = memchr(s + i, '\n', n - i);
		line = nl != NULL ? (size_t)(nl - s) + 1 - i : n - i;
		if (!w->md)
			fputs("    ", w->out);
		rp_text_verbatim(w->out, s + i, line);
	}
	if (n > 0 && s[n - 1] != '\n')
		fputc('\n', w->out);
	if (strlen(s) > max)
		fputs(w->md ? "[... cut; the whole exchange is in the capture]\n" :
		    "    [... cut; the whole exchange is in the capture]\n", w->out);
	if (w->md)
		fence(w, s, n);
}

static void
heading(const struct tw *w, int level, const char *s)
{
	size_t n = strlen(s);

	if (w->md) {
		fprintf(w->out, "\n%.*s ", level, "####");
		put(w, s);
		fputc('\n', w->out);
		return;
	}
	fputc('\n', w->out);
	put(w, s);
	fputc('\n', w->out);
	if (n > 78)
		n = 78;
	while (n-- > 0)
		fputc(level == 1 ? '=' : level == 2 ? '-' : '.', w->out);
	fputc('\n', w->out);
}

/* "- **Label:** value" / "  Label: value" */
static void
fact(const struct tw *w, const char *label, const char *value)
{
	fputs(w->md ? "- **" : "  ", w->out);
	put(w, label);
	fputs(w->md ? ":** " : ": ", w->out);
	put(w, value);
	fputc('\n', w->out);
}

static void
hops(const struct tw *w, const struct rp_item *it)
{
	const json_t *arr = rp_arr(it->root, "hops"), *h;
	char addr[64];
	size_t i;

	if (json_array_size(arr) == 0)
		return;
	heading(w, 3, "Hop by hop");
	fputs(w->md ? "\n| Hop | Address | Sent | Answered | Loss % | Median ms |\n|---:|---|---:|---:|---:|---:|\n" :
	    "\n  Hop  Address                          Sent  Answered  Loss%  Median ms\n", w->out);
	json_array_foreach(arr, i, h) {
		const char *a = rp_str(h, "address");

		if (i >= 255)
			break;
		if (w->md) {
			fprintf(w->out, "| %lld | ", rp_int(h, "ttl", 0, 255, 0));
			put(w, *a ? a : "(no answer)");
			fprintf(w->out, " | %lld | %lld | %.1f | %.3g |\n", rp_int(h, "sent", 0, 1LL << 40, 0),
			    rp_int(h, "received", 0, 1LL << 40, 0), rp_num(h, "loss_pct", 0),
			    rp_num(rp_obj(h, "rtt_ms"), "median", 0));
		} else {
			rp_text_printable(*a ? a : "(no answer)", addr, sizeof(addr));
			fprintf(w->out, "  %3lld  %-31s  %4lld  %8lld  %5.1f  %9.3g\n",
			    rp_int(h, "ttl", 0, 255, 0), addr, rp_int(h, "sent", 0, 1LL << 40, 0),
			    rp_int(h, "received", 0, 1LL << 40, 0), rp_num(h, "loss_pct", 0),
			    rp_num(rp_obj(h, "rtt_ms"), "median", 0));
		}
	}
}

static void
http_detail(const struct tw *w, const struct rp_item *it)
{
	const json_t *http = rp_obj(it->root, "http"), *tm = rp_obj(it->root, "timing_ms");
	const json_t *tr = rp_obj(it->root, "transcript");
	static const char *const phases[] = { "dns", "connect", "tls", "request_sent", "server_wait",
	    "transfer", "total" };
	char buf[120];
	size_t i;

	if (rp_int(http, "status", 100, 999, 0) != 0) {
		snprintf(buf, sizeof(buf), "%lld ", rp_int(http, "status", 100, 999, 0));
		fputs(w->md ? "- **Answer:** " : "  Answer: ", w->out);
		put(w, buf);
		put(w, rp_str(http, "reason"));
		fputc('\n', w->out);
	}
	if (tm != NULL) {
		fputs(w->md ? "- **Timing (ms):** " : "  Timing (ms): ", w->out);
		for (i = 0; i < sizeof(phases) / sizeof(phases[0]); i++) {
			if (json_is_number(json_object_get(tm, phases[i])))
				snprintf(buf, sizeof(buf), "%s%s %.3g", i ? ", " : "", phases[i],
				    rp_num(tm, phases[i], 0));
			else
				snprintf(buf, sizeof(buf), "%s%s -", i ? ", " : "", phases[i]);
			put(w, buf);
		}
		fputc('\n', w->out);
	}
	if (tr != NULL && (*rp_str(tr, "request") || *rp_str(tr, "response"))) {
		heading(w, 3, strcmp(rp_str(tr, "source"), "capture") == 0 ?
		    "Transcript (reassembled from the captured packets)" :
		    "Transcript (as libcurl sent and received it: the packets are encrypted)");
		if (*rp_str(tr, "request"))
			block(w, rp_str(tr, "request"), 4096);
		if (*rp_str(tr, "response"))
			block(w, rp_str(tr, "response"), 4096);
	}
}

/* The heading, then what the manager needs: the conclusion, who acts, how sure, where. */
static void
conclusion(const struct tw *w, const struct rp_item *it, size_t idx, size_t n)
{
	char buf[1400];

	if (n > 1)
		snprintf(buf, sizeof(buf), "%zu. %s: %s", idx + 1, it->tool_name, it->target);
	else
		snprintf(buf, sizeof(buf), "%s: %s", it->tool_name, it->target);
	heading(w, 2, buf);
	fputc('\n', w->out);
	fputs(w->md ? "**" : "", w->out);
	put(w, rp_status_word(it));
	fputs(w->md ? ".** " : ". ", w->out);
	put(w, it->headline);
	fputs("\n\n", w->out);
	fact(w, "Who should act", it->actor_text);
	snprintf(buf, sizeof(buf), "%s%s%s", it->confidence, it->confidence_reason[0] ? ": " : "",
	    it->confidence_reason);
	fact(w, "How sure", buf);
	if (it->place.set && it->is_fault) {
		snprintf(buf, sizeof(buf), "%s%s%s%s", it->place.text, it->place.claim[0] ? " (" : "",
		    it->place.claim, it->place.claim[0] ? ")" : "");
		fact(w, "Where", buf);
	}
}

/* What else the trace found, a line each (path.h: those of a kind that only answer oddly, one). */
static void
also_found(const struct tw *w, const struct rp_item *it)
{
	struct rp_finding_line v[32];
	char buf[120];
	size_t i, n = rp_findings_lines(it->root, v, 32);

	if (n == 0)
		return;
	heading(w, 3, "Also found");
	fputc('\n', w->out);
	for (i = 0; i < n; i++) {
		fputs(w->md ? "- **" : "  - ", w->out);
		put(w, rp_finding_label(rp_str(v[i].f, "kind")));
		snprintf(buf, sizeof(buf), "%s%s%s%s", v[i].nhops > 0 ? " (hop" : "",
		    v[i].nhops > 1 ? "s " : v[i].nhops > 0 ? " " : "", v[i].hops,
		    v[i].nhops > 0 ? ")" : "");
		put(w, buf);
		if (json_is_false(json_object_get(v[i].f, "located")))
			put(w, " (not placed yet)");
		fputs(w->md ? ":** " : ": ", w->out);
		put(w, rp_str(v[i].f, "summary"));
		if (v[i].more > 0) {
			snprintf(buf, sizeof(buf), " (and %zu more like it)", v[i].more);
			put(w, buf);
		}
		fputc('\n', w->out);
	}
}

/* "hop 2 (198.18.1.2)", "this machine". */
static void
end_text(int ttl, const char *addr, bool with_addr, char *buf, size_t len)
{
	char a[64];

	if (ttl == 0) {
		snprintf(buf, len, "this machine");
		return;
	}
	rp_text_printable(addr, a, sizeof(a));
	if (with_addr && *a != '\0')
		snprintf(buf, len, "hop %d (%s)", ttl, a);
	else
		snprintf(buf, len, "hop %d", ttl);
}

/* A queueing figure, "-" when not measured. */
static void
ms_or_dash(double ms, char *buf, size_t len)
{
	if (ms < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, ms >= 1000 ? "%.0f" : "%.3g", ms);
}

/* ptrace-slow's latency budget: a row per link, the verdict's marked. */
static void
budget(const struct tw *w, const struct rp_item *it)
{
	struct rp_budget b;
	char from[96], to[96], share[16], q[16], q90[16], total[32], buf[400];
	size_t i;

	rp_budget_read(it->root, rp_blames_link(it), &b);
	if (b.n == 0)
		return;
	heading(w, 3, "Where the time goes");
	rp_fmt_ms(b.total_ms, total, sizeof(total));
	snprintf(buf, sizeof(buf), "What each link adds to the fastest round trip (%s in all), "
	    "its share, and the queueing measured round by round; a step is distance unless "
	    "the evidence says more.", total);
	fputc('\n', w->out);
	put(w, buf);
	fputc('\n', w->out);
	fputs(w->md ? "\n| From | To | Adds ms | Share | Queueing ms (median / worst tenth) | Cause |\n"
	    "|---|---|---:|---:|---:|---|\n" :
	    "\n  Link                    Adds ms  Share  Queue ms  Worst 10%  Cause\n",
	    w->out);
	for (i = 0; i < b.n; i++) {
		const struct rp_link *l = &b.v[i];
		const char *mark = (int)i == b.fault ? " (the verdict's link)" : "";

		if (l->share >= 0 && b.total_ms >= 1)
			snprintf(share, sizeof(share), "%.0f%%", 100 * l->share);
		else
			snprintf(share, sizeof(share), "-");
		ms_or_dash(l->queue_ms, q, sizeof(q));
		ms_or_dash(l->queue_p90_ms, q90, sizeof(q90));
		end_text(l->from_ttl, l->from_addr, w->md, from, sizeof(from));
		end_text(l->to_ttl, l->to_addr, w->md, to, sizeof(to));
		if (w->md) {
			fputs("| ", w->out);
			put(w, from);
			fputs(" | ", w->out);
			put(w, to);
			fprintf(w->out, " | %.3g | %s | %s / %s | ", l->added_ms, share, q, q90);
			put(w, rp_cause_words(l->cause, true));
			put(w, mark);
			fputs(" |\n", w->out);
		} else {
			snprintf(buf, sizeof(buf), "%s -> %s", from, to);
			fprintf(w->out, "  %-22s  %7.3g  %5s  %8s  %9s  ", buf, l->added_ms, share, q,
			    q90);
			put(w, rp_cause_words(l->cause, true));
			put(w, mark);
			fputc('\n', w->out);
		}
	}
	if (b.more > 0)
		fprintf(w->out, "%s%zu more links in the result, not listed.\n", w->md ? "\n" : "  ",
		    b.more);
	if (b.total_ms < 1)
		fputs(w->md ? "\nThe whole round trip takes under 1 ms: shares of it mean little, "
		    "and are not shown.\n" : "  The whole round trip takes under 1 ms: shares of it "
		    "mean little, and are not shown.\n", w->out);
}

/* pcap-triage: its findings, a suspect host's exposed services and downloads, the connections. */
static void
triage_detail(const struct tw *w, const struct rp_item *it)
{
	const json_t *f, *host = rp_obj(it->root, "host"), *v[10], *tm;
	size_t i, n;
	char buf[1600];

	if (json_array_size(rp_arr(it->root, "findings")) > 0) {
		heading(w, 4, "What the capture shows");
		fputc('\n', w->out);
	}
	json_array_foreach(rp_arr(it->root, "findings"), i, f) {
		if (i >= 40)
			break;
		snprintf(buf, sizeof(buf), "%s, %s (%s): ", rp_str(f, "severity"), rp_str(f, "kind"),
		    rp_str(f, "device"));
		fputs(w->md ? "- " : "  - ", w->out);
		put(w, buf);
		put(w, rp_str(f, "summary"));
		fputc('\n', w->out);
	}
	if (json_array_size(rp_arr(host, "exposed")) > 0) {
		heading(w, 4, "Services this host exposes to outsiders");
		fputc('\n', w->out);
		json_array_foreach(rp_arr(host, "exposed"), i, f) {
			if (i >= 20)
				break;
			snprintf(buf, sizeof(buf), "%s port %lld, answered %s (frames %lld, %lld)",
			    rp_str(f, "protocol"), rp_int(f, "port", 0, 65535, 0), rp_str(f, "source"),
			    rp_int(f, "attempt_frame", 0, UINT32_MAX, 0),
			    rp_int(f, "answer_frame", 0, UINT32_MAX, 0));
			fputs(w->md ? "- " : "  - ", w->out);
			put(w, buf);
			fputc('\n', w->out);
		}
	}
	if (json_array_size(rp_arr(host, "downloads")) > 0) {
		heading(w, 4, "Programs this host downloaded");
		fputc('\n', w->out);
		json_array_foreach(rp_arr(host, "downloads"), i, f) {
			if (i >= 20)
				break;
			snprintf(buf, sizeof(buf), "%s from %s%s%s%s over %s, %s, %lld bytes (frame %lld)%s",
			    rp_str(f, "file"), rp_str(f, "server"), *rp_str(f, "name") ? " (" : "",
			    rp_str(f, "name"), *rp_str(f, "name") ? ")" : "", rp_str(f, "via"),
			    *rp_str(f, "executable") ? rp_str(f, "executable") : "not a program",
			    rp_int(f, "size", 0, INT64_MAX, 0), rp_int(f, "request_frame", 0, UINT32_MAX, 0),
			    strcmp(rp_str(f, "severity"), "warning") == 0 ? ": a warning" : "");
			fputs(w->md ? "- " : "  - ", w->out);
			put(w, buf);
			fputc('\n', w->out);
		}
	}
	n = rp_triage_conns(it->root, v, 10);
	if (n == 0)
		return;
	heading(w, 4, "Where the time goes, per connection (ms)");
	fputc('\n', w->out);
	for (i = 0; i < n; i++) {
		static const char *keys[] = { "rtt_ms", "connect_ms", "client_wait_ms", "server_ms",
			"transfer_ms", "total_ms" };
		char d[6][16];
		size_t k;

		tm = rp_obj(v[i], "time");
		for (k = 0; k < 6; k++)
			ms_or_dash(rp_num(tm, keys[k], -1), d[k], sizeof(d[k]));
		snprintf(buf, sizeof(buf), "%s port %lld to %s port %lld, %s%s%s: round trip %s, "
		    "connect %s, client wait %s, server %s, transfer %s, total %s",
		    rp_str(v[i], "client"), rp_int(v[i], "client_port", 0, 65535, 0),
		    rp_str(v[i], "server"), rp_int(v[i], "server_port", 0, 65535, 0),
		    rp_str(v[i], "outcome"), *rp_str(v[i], "fault_kind") ? ": " : "",
		    rp_str(v[i], "fault_kind"), d[0], d[1], d[2], d[3], d[4], d[5]);
		fputs(w->md ? "- " : "  - ", w->out);
		put(w, buf);
		fputc('\n', w->out);
	}
}

/* The tool's own summary and, per tool, its detail. */
static void
for_the_engineer(const struct tw *w, const struct rp_item *it)
{
	heading(w, 3, "For the engineer");
	fputc('\n', w->out);
	put(w, it->summary);
	fputc('\n', w->out);
	if (it->tool == RT_PTRACE && json_is_false(json_object_get(rp_obj(it->root, "nat"),
	    "visible"))) {
		fputc('\n', w->out);
		fact(w, "NAT", *rp_str(rp_obj(it->root, "nat"), "note") ?
		    rp_str(rp_obj(it->root, "nat"), "note") : "no NAT visible");
	}
	if (it->tool == RT_PTRACE)
		hops(w, it);
	if (it->tool == RT_HTTP)
		http_detail(w, it);
	if (it->tool == RT_TRIAGE)
		triage_detail(w, it);
}

/* The evidence's packets by frame, and the capture that holds them. */
static void
evidence(const struct tw *w, const struct rp_item *it)
{
	const json_t *ev = rp_arr(it->root, "evidence"), *e, *cap = rp_obj(it->root, "capture");
	char buf[1400];
	size_t i;

	heading(w, 3, "Evidence");
	fputc('\n', w->out);
	json_array_foreach(ev, i, e) {
		if (i >= 200)
			break;
		snprintf(buf, sizeof(buf), "frame %lld%s: ", rp_int(e, "frame", 0, UINT32_MAX, 0),
		    *rp_str(e, "capture") ? " (server's capture)" : "");
		fputs(w->md ? "- " : "  ", w->out);
		put(w, buf);
		put(w, rp_str(e, "summary"));
		fputc('\n', w->out);
	}
	if (json_array_size(ev) == 0)
		fprintf(w->out, "%sno packet: %s\n", w->md ? "- " : "  ", it->tool == RT_TRIAGE ?
		    "no fault to prove; each finding above cites its own frames" :
		    "the verdict came before anything was sent");
	if (*rp_str(cap, "file")) {
		fputc('\n', w->out);
		fact(w, "Capture", rp_str(cap, "file"));
		fact(w, "SHA-256", rp_str(cap, "sha256"));
		if (it->filter[0] != '\0')
			fact(w, "Wireshark display filter", it->filter);
	}
}

/* When, from where and with what the probe ran. */
static void
the_run(const struct tw *w, const struct rp_item *it)
{
	const json_t *src = rp_obj(it->root, "source");
	char buf[1400];

	heading(w, 3, "The run");
	fputc('\n', w->out);
	snprintf(buf, sizeof(buf), "%s (UTC)", *rp_str(it->root, "started_at") ?
	    rp_str(it->root, "started_at") : "unknown");
	fact(w, "When", buf);
	snprintf(buf, sizeof(buf), "%s%s%s", *rp_str(src, "address") ? rp_str(src, "address") : "unknown",
	    *rp_str(src, "interface") ? " on " : "", rp_str(src, "interface"));
	fact(w, "From", buf);
	snprintf(buf, sizeof(buf), "%s %s", it->tool_name, rp_str(it->root, "version"));
	fact(w, "Tool", buf);
	if (it->file != NULL)
		fact(w, "Result file", it->file);
}

/* One result, in the order of the HTML page, the budget's table in its picture's place. */
static void
item(const struct tw *w, const struct rp_item *it, size_t idx, size_t n)
{
	conclusion(w, it, idx, n);
	if (it->tool == RT_PTRACE) {
		also_found(w, it);
		budget(w, it);
	}
	for_the_engineer(w, it);
	evidence(w, it);
	the_run(w, it);
}

int
report_text(FILE *out, const struct rp_item *items, size_t n, const struct rp_meta *m, bool md)
{
	struct tw w = { out, md };
	char when[40], buf[200];
	size_t i;

	render_time_iso(m->generated_ns, when, sizeof(when));
	if (md) {
		fputs("# ", out);
		put(&w, m->title != NULL ? m->title : "Network fault report");
		fputc('\n', out);
	} else {
		heading(&w, 1, m->title != NULL ? m->title : "Network fault report");
	}
	snprintf(buf, sizeof(buf), "Written %s (UTC) by %s from the packets each probe captured.", when,
	    m->generator);
	fputc('\n', out);
	put(&w, buf);
	fputc('\n', out);
	if (n > 1) {
		fputc('\n', out);
		for (i = 0; i < n; i++) {
			fprintf(out, "%s%zu. ", md ? "" : "  ", i + 1);
			put(&w, rp_status_word(&items[i]));
			fputs(": ", out);
			put(&w, items[i].headline);
			fputs(" (", out);
			put(&w, rp_actor_name(items[i].actor));
			fputs(")\n", out);
		}
	}
	for (i = 0; i < n; i++)
		item(&w, &items[i], i, n);
	return ferror(out) ? -1 : 0;
}
