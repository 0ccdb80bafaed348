/*
 * postprobe's timing waterfall (svg.h): where the time of an HTTP
 * request went, phase by phase from the name lookup to the last byte,
 * the longest phase marked, time the phases do not account for shown
 * as such.
 */
#include <string.h>

#include "analyze/report/report.h"
#include "analyze/report/svg.h"

#define WF_ROW		26.0
#define WF_BX0		178.0	/* the bars' track */
#define WF_BX1		(SVG_W - 12)
#define WF_NOTE_W	66	/* characters on a line of the note */

static const struct {
	const char	*key;
	const char	*name;
} phases[] = {
	{ "dns", "DNS lookup" }, { "connect", "connect" }, { "tls", "TLS handshake" },
	{ "request_sent", "request sent" }, { "server_wait", "server wait" },
	{ "transfer", "transfer" },
};
enum { NPH = sizeof(phases) / sizeof(phases[0]) };

/* The timings as drawn. */
struct wf {
	double	 d[NPH];	/* ms per phase; -1 not measured, or junk */
	double	 sum;		/* of the phases measured */
	double	 total;		/* the result's own total; -1 when not given */
	double	 rest;		/* of the total, what the phases leave out; 0 when nothing */
	double	 scale;		/* the ms the track spans */
	size_t	 longest;	/* the phase marked; NPH when none stands out */
	size_t	 rows;		/* the phases, the rest when there is one, the total */
};

/* The x of ms on the track. */
static double
wf_x(const struct wf *w, double ms)
{
	return WF_BX0 + ms / w->scale * (WF_BX1 - WF_BX0);
}

/* The total as the result gives it, else the phases' sum. */
static double
wf_total(const struct wf *w)
{
	return w->total >= 0 ? w->total : w->sum;
}

/* false when there is nothing to draw: no phase measured and no total. */
static bool
wf_read(const json_t *tm, struct wf *w)
{
	size_t i, given = 0;

	w->sum = 0;
	w->rest = 0;
	w->longest = NPH;
	for (i = 0; i < NPH; i++) {
		w->d[i] = rp_num(tm, phases[i].key, -1);
		if (w->d[i] < 0) {
			w->d[i] = -1;	/* not measured, or junk */
			continue;
		}
		w->d[i] = clampd(w->d[i], 0, MS_MAX);
		given++;
		w->sum += w->d[i];
		if (w->longest == NPH || w->d[i] > w->d[w->longest])
			w->longest = i;
	}
	w->total = rp_num(tm, "total", -1);
	w->total = w->total < 0 ? -1 : clampd(w->total, 0, 10 * MS_MAX);
	if (given == 0 && w->total < 0)
		return false;
	if (w->longest < NPH && w->d[w->longest] <= 0)
		w->longest = NPH;	/* all zero: nothing stands out */
	/* The phases may not add up to the total: the rest is shown as such, not spread. */
	if (w->total > w->sum && w->total - w->sum > maxd(w->total * 0.01, 0.001))
		w->rest = w->total - w->sum;
	w->scale = maxd(maxd(w->total, w->sum), 1e-3);
	w->rows = NPH + (w->rest > 0 ? 1 : 0) + 1;
	return true;
}

static void
wf_label(const struct rp_item *it, const struct wf *w, char *label, size_t len)
{
	char dur[32], longest_dur[32];
	bool has = w->longest < NPH;

	longest_dur[0] = '\0';
	if (has)
		svg_fmt_dur(w->d[w->longest], longest_dur, sizeof(longest_dur));
	svg_fmt_dur(wf_total(w), dur, sizeof(dur));
	snprintf(label, len, "Where the time went in the request to %s: %s in all%s%s%s%s.",
	    it->target, dur, has ? "; the longest phase is " : "",
	    has ? phases[w->longest].name : "", has ? ", " : "", longest_dur);
}

/* Where the times come from, for under the chart. */
static const char *
wf_note(const json_t *tm)
{
	const char *source = rp_str(tm, "source");

	if (strcmp(source, "capture") == 0)
		return "Times read from the captured packets.";
	if (strcmp(source, "libcurl") == 0)
		return "Times as libcurl (the HTTP library) measured them: the packets did not "
		    "give them.";
	return "Where these times come from is not stated.";
}

/* The time grid over every row, with its ticks under them. */
static void
wf_grid(FILE *out, const struct wf *w)
{
	double step = svg_nice_step(w->scale, 4), t, x, bottom = 10 + (double)w->rows * WF_ROW;
	char tick[32];
	int k;

	for (k = 0, t = 0; t <= w->scale * 1.0001 && k < 12; k++, t += step) {
		x = wf_x(w, t);
		fprintf(out, "<line x1=\"%.1f\" y1=\"6\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\" "
		    "stroke-width=\"1\"/>\n", x, x, bottom);
		svg_fmt_dur(t, tick, sizeof(tick));
		svg_text(out, x, bottom + 16, k == 0 ?
		    "font-size=\"11\" text-anchor=\"start\" fill=\"" C_LINE "\"" :
		    x > WF_BX1 - 20 ? "font-size=\"11\" text-anchor=\"end\" fill=\"" C_LINE "\"" :
		    "font-size=\"11\" text-anchor=\"middle\" fill=\"" C_LINE "\"", "%s", tick);
	}
}

/* "longest" beside the longest phase's bar (x to end): after it, before it, else inside. */
static void
wf_longest_tag(FILE *out, double x, double end, double y)
{
	if (end + 64 <= SVG_W)
		svg_text(out, end + 5, y + 17, "font-size=\"12\" font-weight=\"bold\"", "longest");
	else if (x - 64 >= WF_BX0)
		svg_text(out, x - 5, y + 17, "font-size=\"12\" font-weight=\"bold\" "
		    "text-anchor=\"end\"", "longest");
	else
		svg_text(out, x + 6, y + 17, "font-size=\"12\" font-weight=\"bold\" "
		    "fill=\"#ffffff\"", "longest");
}

/* Phase i's row at y, its bar from start ms on. */
static void
wf_phase(FILE *out, const struct wf *w, size_t i, double y, double start)
{
	bool big = i == w->longest;
	const char *attrs = big ? "font-size=\"13\" font-weight=\"bold\"" : "font-size=\"13\"";
	char rattrs[64], dur[32], tip[96];
	double x, bw, d = w->d[i];

	svg_text(out, 8, y + 16, attrs, "%s", phases[i].name);
	snprintf(rattrs, sizeof(rattrs), "%s text-anchor=\"end\"", attrs);
	if (d < 0) {
		svg_text(out, WF_BX0 - 8, y + 16, "font-size=\"13\" text-anchor=\"end\" fill=\""
		    C_GREY "\"", "\xe2\x80\x94");
		svg_text(out, WF_BX0 + 4, y + 16, "font-size=\"11\" font-style=\"italic\" fill=\""
		    C_GREY "\"", "not measured");
		return;
	}
	svg_fmt_dur(d, dur, sizeof(dur));
	svg_text(out, WF_BX0 - 8, y + 16, rattrs, "%s", dur);
	x = wf_x(w, start);
	bw = d / w->scale * (WF_BX1 - WF_BX0);
	fputs("<g>", out);
	snprintf(tip, sizeof(tip), "%s: %s%s", phases[i].name, dur, big ? " (the longest phase)" : "");
	svg_title(out, tip);
	/* A phase of 0 ms: nothing to see but that it happened, a thin tick. */
	if (d <= 0)
		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"%s\" stroke-width=\"1.5\"/>", x, y + 5, x, y + 21, C_GREY);
	else
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		    "fill=\"%s\" stroke=\"%s\" stroke-width=\"1\"/>", x, y + (big ? 4 : 7),
		    maxd(bw, 2), big ? 18.0 : 12.0, big ? C_FAULT : C_BLUE_BG,
		    big ? C_INK : C_BLUE);
	fputs("</g>\n", out);
	if (big)
		wf_longest_tag(out, x, x + maxd(bw, 2), y);
}

/* The row of time the phases leave out, hatched, after them. */
static void
wf_rest(FILE *out, const struct wf *w, double y)
{
	char dur[32];
	double x = wf_x(w, w->sum), bw = maxd(w->rest / w->scale * (WF_BX1 - WF_BX0), 2);

	svg_fmt_dur(w->rest, dur, sizeof(dur));
	svg_text(out, 8, y + 16, "font-size=\"13\" font-style=\"italic\"", "not broken down");
	svg_text(out, WF_BX0 - 8, y + 16, "font-size=\"13\" font-style=\"italic\" "
	    "text-anchor=\"end\"", "%s", dur);
	fputs("<g>", out);
	svg_title(out, "time in the total that the phases above do not account for");
	fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" "
	    "fill=\"#eeeeee\"/>", x, y + 7, bw);
	svg_hatch(out, x, y + 7, bw, 12, 6, C_GREY);
	fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"none\" "
	    "stroke=\"%s\" stroke-dasharray=\"3 2\"/></g>\n", x, y + 7, bw, C_GREY);
}

/* The total's row: an outline the whole length of the request. */
static void
wf_total_row(FILE *out, const struct wf *w, double y)
{
	char dur[32];

	svg_fmt_dur(wf_total(w), dur, sizeof(dur));
	svg_text(out, 8, y + 16, "font-size=\"13\" font-weight=\"bold\"", "total");
	svg_text(out, WF_BX0 - 8, y + 16, "font-size=\"13\" font-weight=\"bold\" text-anchor=\"end\"",
	    "%s", dur);
	fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"none\" "
	    "stroke=\"%s\" stroke-width=\"2\"/>\n", WF_BX0, y + 7,
	    wf_total(w) / w->scale * (WF_BX1 - WF_BX0), C_INK);
}

void
rp_svg_waterfall(FILE *out, const struct rp_item *it)
{
	const json_t *tm;
	const char *note;
	struct wf w;
	char label[1200];
	double y, start;
	size_t i;

	if (it == NULL || it->tool != RT_HTTP)
		return;
	tm = rp_obj(it->root, "timing_ms");
	if (tm == NULL || !wf_read(tm, &w))
		return;
	wf_label(it, &w, label, sizeof(label));
	note = wf_note(tm);
	svg_begin(out, "rp-waterfall", 10 + (double)w.rows * WF_ROW + 28 +
	    (double)svg_wrap_count(note, WF_NOTE_W, 2) * 15, label);
	wf_grid(out, &w);
	for (i = 0, y = 10, start = 0; i < NPH; i++, y += WF_ROW) {
		wf_phase(out, &w, i, y, start);
		if (w.d[i] >= 0)
			start += w.d[i];
	}
	if (w.rest > 0) {
		wf_rest(out, &w, y);
		y += WF_ROW;
	}
	wf_total_row(out, &w, y);
	y += WF_ROW + 28;
	svg_text_wrap(out, 8, y, 15, "font-size=\"12\" fill=\"" C_LINE "\"", note, WF_NOTE_W, 2);
	svg_end(out);
}
