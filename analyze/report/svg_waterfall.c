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

void
rp_svg_waterfall(FILE *out, const struct rp_item *it)
{
	static const struct {
		const char	*key;
		const char	*name;
	} phases[] = {
		{ "dns", "DNS lookup" }, { "connect", "connect" }, { "tls", "TLS handshake" },
		{ "request_sent", "request sent" }, { "server_wait", "server wait" },
		{ "transfer", "transfer" },
	};
	enum { NPH = sizeof(phases) / sizeof(phases[0]) };
	const json_t *tm;
	const char *source, *note;
	double d[NPH], sum = 0, total, scale, rest = 0, start, step, t, h, y, x, w;
	char label[1200], dur[32], tick[32], longest_dur[32];
	size_t i, longest = NPH, given = 0, rows;
	int k;

	if (it == NULL || it->tool != RT_HTTP)
		return;
	tm = rp_obj(it->root, "timing_ms");
	if (tm == NULL)
		return;
	for (i = 0; i < NPH; i++) {
		d[i] = rp_num(tm, phases[i].key, -1);
		if (d[i] < 0) {
			d[i] = -1;	/* not measured, or junk */
			continue;
		}
		d[i] = clampd(d[i], 0, MS_MAX);
		given++;
		sum += d[i];
		if (longest == NPH || d[i] > d[longest])
			longest = i;
	}
	total = rp_num(tm, "total", -1);
	total = total < 0 ? -1 : clampd(total, 0, 10 * MS_MAX);
	if (given == 0 && total < 0)
		return;
	if (longest < NPH && d[longest] <= 0)
		longest = NPH;	/* all zero: nothing stands out */
	/* The phases may not add up to the total: the rest is shown as such, not spread. */
	if (total > sum && total - sum > maxd(total * 0.01, 0.001))
		rest = total - sum;
	scale = maxd(maxd(total, sum), 1e-3);
	source = rp_str(tm, "source");

	longest_dur[0] = '\0';
	if (longest < NPH)
		svg_fmt_dur(d[longest], longest_dur, sizeof(longest_dur));
	svg_fmt_dur(total >= 0 ? total : sum, dur, sizeof(dur));
	snprintf(label, sizeof(label), "Where the time went in the request to %s: %s in all%s%s%s%s.",
	    it->target, dur, longest < NPH ? "; the longest phase is " : "",
	    longest < NPH ? phases[longest].name : "", longest < NPH ? ", " : "", longest_dur);

	if (strcmp(source, "capture") == 0)
		note = "Times read from the captured packets.";
	else if (strcmp(source, "libcurl") == 0)
		note = "Times as libcurl (the HTTP library) measured them: the packets did not "
		    "give them.";
	else
		note = "Where these times come from is not stated.";
	rows = NPH + (rest > 0 ? 1 : 0) + 1;
	h = 10 + (double)rows * WF_ROW + 28 + (double)svg_wrap_count(note, WF_NOTE_W, 2) * 15;
	svg_begin(out, "rp-waterfall", h, label);

	/* Time grid. */
	step = svg_nice_step(scale, 4);
	for (k = 0, t = 0; t <= scale * 1.0001 && k < 12; k++, t += step) {
		x = WF_BX0 + t / scale * (WF_BX1 - WF_BX0);
		fprintf(out, "<line x1=\"%.1f\" y1=\"6\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\" "
		    "stroke-width=\"1\"/>\n", x, x, 10 + (double)rows * WF_ROW);
		svg_fmt_dur(t, tick, sizeof(tick));
		svg_text(out, x, 10 + (double)rows * WF_ROW + 16, k == 0 ?
		    "font-size=\"11\" text-anchor=\"start\" fill=\"" C_LINE "\"" :
		    x > WF_BX1 - 20 ? "font-size=\"11\" text-anchor=\"end\" fill=\"" C_LINE "\"" :
		    "font-size=\"11\" text-anchor=\"middle\" fill=\"" C_LINE "\"", "%s", tick);
	}

	y = 10;
	start = 0;
	for (i = 0; i < NPH; i++, y += WF_ROW) {
		bool big = i == longest;
		const char *attrs = big ? "font-size=\"13\" font-weight=\"bold\"" : "font-size=\"13\"";
		char rattrs[64];

		svg_text(out, 8, y + 16, attrs, "%s", phases[i].name);
		snprintf(rattrs, sizeof(rattrs), "%s text-anchor=\"end\"", attrs);
		if (d[i] < 0) {
			svg_text(out, WF_BX0 - 8, y + 16, "font-size=\"13\" text-anchor=\"end\" fill=\""
			    C_GREY "\"", "\xe2\x80\x94");
			svg_text(out, WF_BX0 + 4, y + 16, "font-size=\"11\" font-style=\"italic\" fill=\""
			    C_GREY "\"", "not measured");
			continue;
		}
		svg_fmt_dur(d[i], dur, sizeof(dur));
		svg_text(out, WF_BX0 - 8, y + 16, rattrs, "%s", dur);
		x = WF_BX0 + start / scale * (WF_BX1 - WF_BX0);
		w = d[i] / scale * (WF_BX1 - WF_BX0);
		fputs("<g>", out);
		{
			char tip[96];

			snprintf(tip, sizeof(tip), "%s: %s%s", phases[i].name, dur,
			    big ? " (the longest phase)" : "");
			svg_title(out, tip);
		}
		/* A phase of 0 ms: nothing to see but that it happened, a thin tick. */
		if (d[i] <= 0)
			fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			    "stroke=\"%s\" stroke-width=\"1.5\"/>", x, y + 5, x, y + 21, C_GREY);
		else
			fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			    "fill=\"%s\" stroke=\"%s\" stroke-width=\"1\"/>", x, y + (big ? 4 : 7),
			    maxd(w, 2), big ? 18.0 : 12.0, big ? C_FAULT : C_BLUE_BG,
			    big ? C_INK : C_BLUE);
		fputs("</g>\n", out);
		if (big) {
			double end = x + maxd(w, 2);

			if (end + 64 <= SVG_W)
				svg_text(out, end + 5, y + 17, "font-size=\"12\" font-weight=\"bold\"",
				    "longest");
			else if (x - 64 >= WF_BX0)
				svg_text(out, x - 5, y + 17, "font-size=\"12\" font-weight=\"bold\" "
				    "text-anchor=\"end\"", "longest");
			else
				svg_text(out, x + 6, y + 17, "font-size=\"12\" font-weight=\"bold\" "
				    "fill=\"#ffffff\"", "longest");
		}
		start += d[i];
	}
	if (rest > 0) {
		svg_fmt_dur(rest, dur, sizeof(dur));
		svg_text(out, 8, y + 16, "font-size=\"13\" font-style=\"italic\"", "not broken down");
		svg_text(out, WF_BX0 - 8, y + 16, "font-size=\"13\" font-style=\"italic\" "
		    "text-anchor=\"end\"", "%s", dur);
		x = WF_BX0 + sum / scale * (WF_BX1 - WF_BX0);
		w = maxd(rest / scale * (WF_BX1 - WF_BX0), 2);
		fputs("<g>", out);
		svg_title(out, "time in the total that the phases above do not account for");
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" "
		    "fill=\"#eeeeee\"/>", x, y + 7, w);
		svg_hatch(out, x, y + 7, w, 12, 6, C_GREY);
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"none\" "
		    "stroke=\"%s\" stroke-dasharray=\"3 2\"/></g>\n", x, y + 7, w, C_GREY);
		y += WF_ROW;
	}
	svg_fmt_dur(total >= 0 ? total : sum, dur, sizeof(dur));
	svg_text(out, 8, y + 16, "font-size=\"13\" font-weight=\"bold\"", "total");
	svg_text(out, WF_BX0 - 8, y + 16, "font-size=\"13\" font-weight=\"bold\" text-anchor=\"end\"",
	    "%s", dur);
	fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"none\" "
	    "stroke=\"%s\" stroke-width=\"2\"/>\n", WF_BX0, y + 7,
	    (total >= 0 ? total : sum) / scale * (WF_BX1 - WF_BX0), C_INK);
	y += WF_ROW + 28;

	svg_text_wrap(out, 8, y, 15, "font-size=\"12\" fill=\"" C_LINE "\"", note, WF_NOTE_W, 2);
	svg_end(out);
}
