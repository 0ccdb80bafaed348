/*
 * ptrace-slow's round-trip time per hop (svg.h): a bar from the fastest
 * to the slowest answer with the median marked, the delay a bottleneck
 * adds and every later hop keeps set apart from a router that is only
 * slow to answer.
 */
#include <math.h>
#include <string.h>

#include "analyze/report/report.h"
#include "analyze/report/svg.h"

/*
 * A latency bar: 'n' a hop's own round trip, 'k' kept to the destination
 * (from the bottleneck on), 'd' slow to answer but not to forward.  The
 * median's mark differs in shape as well as colour (dot, square, ring):
 * a range of a few tenths of a millisecond draws as a sliver, the mark
 * is what the eye finds.
 */
static void
rtt_bar(FILE *out, double cx, double bw, double slot, double ylo, double yhi, double ymed,
    char style)
{
	const char *fill, *stroke, *dash = "", *mark;
	double sw = 1.2, m = clampd(slot * 0.32, 1.5, 5.5);	/* the mark's half size */

	switch (style) {
	case 'k':
		fill = C_FAULT_PALE;
		stroke = C_FAULT;
		mark = C_INK;
		bw = mind(bw * 1.4, slot * 0.8);
		break;
	case 'd':
		fill = "#ffffff";
		stroke = C_GREY;
		mark = C_GREY;
		dash = " stroke-dasharray=\"3 2\"";
		sw = 1.5;
		break;
	default:
		fill = C_BLUE_BG;
		stroke = C_BLUE;
		mark = C_BLUE;
		break;
	}
	fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
	    "stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n", cx - bw / 2, yhi, bw,
	    maxd(ylo - yhi, 1), fill, stroke, sw, dash);
	fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
	    "stroke-width=\"2.5\"/>\n", cx - mind(bw / 2 + 5, slot * 0.45), ymed,
	    cx + mind(bw / 2 + 5, slot * 0.45), ymed, mark);
	switch (style) {
	case 'k':
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
		    "stroke=\"%s\" stroke-width=\"%.1f\"/>\n", cx - m, ymed - m, 2 * m, 2 * m,
		    C_FAULT, C_INK, m > 3 ? 2.0 : 1.0);
		break;
	case 'd':
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#ffffff\" stroke=\"%s\" "
		    "stroke-width=\"%.1f\"/>\n", cx, ymed, m * 0.8, C_GREY, m > 3 ? 2.0 : 1.0);
		break;
	default:
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n", cx, ymed,
		    m * 0.75, C_BLUE);
		break;
	}
}

/* A hop's style in the latency chart, 0 when it has no round trip to draw. */
static char
rtt_style(const struct hop *p, const struct pverdict *v, bool bottleneck)
{
	if (!p->has_rtt)
		return 0;
	if (p->flags & SVG_HOP_DEPRIO)
		return 'd';
	return bottleneck && p->ttl >= v->hop ? 'k' : 'n';
}

void
rp_svg_latency(FILE *out, const struct rp_item *it)
{
	static const struct legend all[] = {
		{ 'n', "a hop's round trip: the bar runs from the fastest to the slowest "
		    "answer, the dot marks the median" },
		{ 'k', "red, wider, square mark: the delay added at the bottleneck link, "
		    "kept by every hop after it up to the destination" },
		{ 'd', "grey, hollow, dashed: slow to answer, not to forward: the hops after "
		    "it are not slowed, so it is not a fault" },
		{ '^', "the slowest answers go beyond the top of the chart" },
		{ '*', "no answer from this hop" },
	};
	enum { NLG = sizeof(all) / sizeof(all[0]) };
	struct legend lg[NLG];
	struct hops hs;
	struct pverdict v;
	struct chart c;
	char label[1200], tick[32], tip[400], amount[32];
	double med_max = 0, max_max = 0, top, step, t, bw, slot, h, y, ys, ph;
	size_t i, k, n, nlg = 0, answered = 0;
	unsigned int seen = 0;
	int cut_lo, cut_hi;
	bool bottleneck;

	if (it == NULL || it->tool != RT_PTRACE)
		return;
	svg_hops_read(it->root, &hs);
	n = svg_chart_span(&hs, &cut_lo, &cut_hi);
	for (i = 0; i < n; i++)
		if (hs.v[i].has_rtt) {
			answered++;
			med_max = maxd(med_max, hs.v[i].median);
			max_max = maxd(max_max, hs.v[i].max);
		}
	if (answered == 0)
		return;
	svg_pverdict_read(it->root, &v);
	bottleneck = strcmp(v.kind, "bottleneck") == 0 && v.hop > 0;

	/*
	 * The axis follows the medians; the slowest answers count only up
	 * to three times the largest median, so that one wild reply does
	 * not flatten every other hop.  Below 1 ms differences are noise.
	 */
	top = maxd(med_max, mind(max_max, 3 * med_max));
	top = clampd(top, 1, MS_MAX);
	step = svg_nice_step(top, 4);
	top = ceil(top / step - 1e-9) * step;

	/* Which styles the chart uses, for its legend. */
	for (i = 0; i < n; i++) {
		char st = rtt_style(&hs.v[i], &v, bottleneck);

		seen |= svg_legend_bit(all, NLG, st != 0 ? st : '*');
		if (st != 0 && hs.v[i].max > top)
			seen |= svg_legend_bit(all, NLG, '^');
	}
	for (k = 0; k < NLG; k++)
		if (seen & (1u << k))
			lg[nlg++] = all[k];

	c.n = n;
	c.x0 = 62;
	c.x1 = SVG_W - 10;
	c.y0 = 44;
	c.y1 = c.y0 + 170;
	ph = c.y1 - c.y0;
	slot = (c.x1 - c.x0) / (double)n;
	bw = clampd(slot * 0.36, 2, 14);

	amount[0] = '\0';
	if (bottleneck && v.added_ms >= 0) {
		amount[0] = '+';
		svg_fmt_dur(v.added_ms, amount + 1, sizeof(amount) - 1);
	}
	if (bottleneck)
		snprintf(label, sizeof(label), "Round-trip time to each hop on the way to %s. From "
		    "hop %d on, every hop keeps %s of added delay up to the destination.",
		    it->target, v.hop, *amount ? amount + 1 : "the");
	else
		snprintf(label, sizeof(label), "Round-trip time to each hop on the way to %s. No "
		    "hop adds delay that is kept up to the destination.", it->target);
	h = c.y1 + 44 + (cut_lo > 0 ? 17 : 0) + (hs.more > 0 ? 17 : 0) + svg_legend_height(lg, nlg);
	svg_begin(out, "rp-latency", h, label);

	/* Grid and y ticks. */
	for (k = 0, t = 0; t <= top + step / 2 && k < 12; k++, t += step) {
		double ty = c.y1 - (t / top) * ph;

		if (step >= 1000)
			snprintf(tick, sizeof(tick), "%.0f s", t / 1000);
		else
			snprintf(tick, sizeof(tick), step >= 1 ? "%.0f ms" : "%.1f ms", t);
		if (k > 0)
			fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			    "stroke=\"#dddddd\" stroke-width=\"1\"/>\n", c.x0, ty, c.x1, ty);
		svg_text(out, c.x0 - 6, ty + 4, "font-size=\"13\" text-anchor=\"end\"", "%s", tick);
	}
	svg_chart_axes(out, &c, &hs, "round trip");

	for (i = 0; i < n; i++) {
		const struct hop *p = &hs.v[i];
		double cx = svg_chart_cx(&c, i), ylo, yhi, ymed;
		char style = rtt_style(p, &v, bottleneck), a[16], b[16], m[16];
		bool clip;

		if (style == 0) {
			svg_text(out, cx, c.y1 - 5, "font-size=\"16\" font-weight=\"bold\" "
			    "text-anchor=\"middle\" fill=\"" C_GREY "\"", "*");
			continue;
		}
		clip = p->max > top;
		ylo = c.y1 - mind(p->min, top) / top * ph;
		yhi = c.y1 - mind(p->max, top) / top * ph;
		ymed = c.y1 - mind(p->median, top) / top * ph;
		svg_fmt_dur(p->min, a, sizeof(a));
		svg_fmt_dur(p->median, m, sizeof(m));
		svg_fmt_dur(p->max, b, sizeof(b));
		snprintf(tip, sizeof(tip), "hop %d: median %s, fastest %s, slowest %s%s", p->ttl, m,
		    a, b, style == 'd' ? " (slow to answer, not to forward: not a fault)" :
		    style == 'k' ? " (keeps the delay added at the bottleneck)" : "");
		fputs("<g>", out);
		svg_title(out, tip);
		fputs("\n", out);
		rtt_bar(out, cx, bw, slot, ylo, yhi, ymed, style);
		if (clip)
			svg_arrowhead(out, cx, c.y0 - 10, 'u', 7, C_INK);
		fputs("</g>\n", out);
		ys = clip ? c.y0 - 20 : mind(yhi, ymed - 6) - 8;
		if (bottleneck && p->ttl == v.hop && *amount)
			svg_text(out, cx, ys, "font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\" "
			    "fill=\"" C_FAULT "\"", "%s", amount);
		else if (style == 'd' && n <= 8)
			svg_text(out, cx, ys, "font-size=\"11\" font-style=\"italic\" text-anchor=\"middle\" "
			    "fill=\"" C_LINE "\"", "slow reply only");
	}

	y = svg_chart_notes(out, c.y1 + 40, &hs, cut_lo, cut_hi) + 4;
	for (k = 0; k < nlg; k++) {
		switch (lg[k].style) {
		case '^':
			svg_arrowhead(out, 20, y - 12, 'u', 7, C_INK);
			break;
		case '*':
			svg_text(out, 20, y + 3, "font-size=\"16\" font-weight=\"bold\" "
			    "text-anchor=\"middle\" fill=\"" C_GREY "\"", "*");
			break;
		default:
			rtt_bar(out, 20, 8, 40, y + 2, y - 12, y - 5, lg[k].style);
			break;
		}
		y = svg_legend_words(out, y, lg[k].words);
	}
	svg_end(out);
}
