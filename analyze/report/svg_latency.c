/*
 * ptrace-slow's round-trip time per hop (svg.h): a bar from the fastest
 * to the slowest answer with the median marked, the delay a faulty link
 * (congested, or slow) adds and every later hop carries set apart from
 * a router that is only slow to answer.  A healthy path's steps, however
 * large, are drawn like any hop: distance is not a fault.
 */
#include <math.h>
#include <string.h>

#include "analyze/report/report.h"
#include "analyze/report/svg.h"

/*
 * A latency bar: 'n' a hop's own round trip, 'k' carried to the destination
 * (from the faulty link on), 'd' slow to answer but not to forward.  The
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
rtt_style(const struct hop *p, const struct pverdict *v, bool fault)
{
	if (!p->has_rtt)
		return 0;
	if (p->flags & SVG_HOP_DEPRIO)
		return 'd';
	return fault && p->ttl >= v->hop ? 'k' : 'n';
}

static const struct legend lat_legend[] = {
	{ 'n', "a hop's round trip: the bar runs from the fastest to the slowest "
	    "answer, the dot marks the median" },
	{ 'k', "red, wider, square mark: the delay added at the faulty link "
	    "(congested or slow), carried by every hop after it up to the destination" },
	{ 'd', "grey, hollow, dashed: slow to answer, not to forward: the hops after "
	    "it are not slowed, so it is not a fault" },
	{ '^', "the slowest answers go beyond the top of the chart" },
	{ '*', "no answer from this hop" },
};
enum { NLG = sizeof(lat_legend) / sizeof(lat_legend[0]) };

/* The chart as drawn. */
struct lat {
	struct hops	 hs;
	struct pverdict	 v;
	size_t		 n;		/* hops drawn */
	int		 cut_lo, cut_hi;	/* silent hops not drawn */
	bool		 fault;		/* the verdict blames a link's delay */
	double		 top, step;	/* the y axis: its top and its ticks, ms */
	struct chart	 c;
	double		 ph, slot, bw;	/* plot height, a hop's slot, a bar's width */
	char		 amount[32];	/* "+40 ms" at the faulty link, "" when not given */
	struct legend	 lg[NLG];
	size_t		 nlg;
};

/*
 * The axis follows the medians; the slowest answers count only up
 * to three times the largest median, so that one wild reply does
 * not flatten every other hop.  Below 1 ms differences are noise.
 */
static void
lat_axis(struct lat *l, double med_max, double max_max)
{
	l->top = maxd(med_max, mind(max_max, 3 * med_max));
	l->top = clampd(l->top, 1, MS_MAX);
	l->step = svg_nice_step(l->top, 4);
	l->top = ceil(l->top / l->step - 1e-9) * l->step;
}

/* The hops and the verdict; false when no hop drawn has a round trip. */
static bool
lat_read(const struct rp_item *it, struct lat *l)
{
	double med_max = 0, max_max = 0;
	size_t i, answered = 0;

	svg_hops_read(it->root, &l->hs);
	l->n = svg_chart_span(&l->hs, &l->cut_lo, &l->cut_hi);
	for (i = 0; i < l->n; i++)
		if (l->hs.v[i].has_rtt) {
			answered++;
			med_max = maxd(med_max, l->hs.v[i].median);
			max_max = maxd(max_max, l->hs.v[i].max);
		}
	if (answered == 0)
		return false;
	svg_pverdict_read(it, &l->v);
	l->fault = l->v.delay && l->v.hop > 0;
	lat_axis(l, med_max, max_max);
	return true;
}

/* Which styles the chart uses, for its legend. */
static void
lat_legend_pick(struct lat *l)
{
	unsigned int seen = 0;
	size_t i;

	for (i = 0; i < l->n; i++) {
		char st = rtt_style(&l->hs.v[i], &l->v, l->fault);

		seen |= svg_legend_bit(lat_legend, NLG, st != 0 ? st : '*');
		if (st != 0 && l->hs.v[i].max > l->top)
			seen |= svg_legend_bit(lat_legend, NLG, '^');
	}
	l->nlg = svg_legend_pick(lat_legend, NLG, seen, l->lg);
}

static void
lat_layout(struct lat *l)
{
	l->c.n = l->n;
	l->c.x0 = 62;
	l->c.x1 = SVG_W - 10;
	l->c.y0 = 44;
	l->c.y1 = l->c.y0 + 170;
	l->ph = l->c.y1 - l->c.y0;
	l->slot = (l->c.x1 - l->c.x0) / (double)l->n;
	l->bw = clampd(l->slot * 0.36, 2, 14);
}

static void
lat_label(const struct rp_item *it, struct lat *l, char *label, size_t len)
{
	const char *what = strcmp(l->v.kind, "slow-link") == 0 ? "the slow link's delay" :
	    "queueing delay";

	l->amount[0] = '\0';
	if (l->fault && l->v.added_ms >= 0) {
		l->amount[0] = '+';
		svg_fmt_dur(l->v.added_ms, l->amount + 1, sizeof(l->amount) - 1);
	}
	if (l->fault)
		snprintf(label, len, "Round-trip time to each hop on the way to %s. From "
		    "hop %d on, every hop carries %s%s of %s up to the destination.",
		    it->target, l->v.hop, *l->amount ? l->amount + 1 : "the",
		    *l->amount && strcmp(l->v.kind, "slow-link") != 0 ? " (median round)" : "",
		    what);
	else
		snprintf(label, len, "Round-trip time to each hop on the way to %s. The "
		    "steps between hops are the path's distance, which is normal.", it->target);
}

/* Grid and y ticks. */
static void
lat_grid(FILE *out, const struct lat *l)
{
	const struct chart *c = &l->c;
	char tick[32];
	double t;
	size_t k;

	for (k = 0, t = 0; t <= l->top + l->step / 2 && k < 12; k++, t += l->step) {
		double ty = c->y1 - (t / l->top) * l->ph;

		if (l->step >= 1000)
			snprintf(tick, sizeof(tick), "%.0f s", t / 1000);
		else
			snprintf(tick, sizeof(tick), l->step >= 1 ? "%.0f ms" : "%.1f ms", t);
		svg_chart_ytick(out, c, ty, k > 0, tick);
	}
}

/* A hop's bar with its tooltip, an arrow when it goes off the top, and the words above it. */
static void
lat_hop(FILE *out, const struct lat *l, size_t i)
{
	const struct hop *p = &l->hs.v[i];
	const struct chart *c = &l->c;
	double cx = svg_chart_cx(c, i), ylo, yhi, ymed, ys;
	char style = rtt_style(p, &l->v, l->fault), a[16], b[16], m[16], tip[400];
	bool clip;

	if (style == 0) {
		svg_text(out, cx, c->y1 - 5, "font-size=\"16\" font-weight=\"bold\" "
		    "text-anchor=\"middle\" fill=\"" C_GREY "\"", "*");
		return;
	}
	clip = p->max > l->top;
	ylo = c->y1 - mind(p->min, l->top) / l->top * l->ph;
	yhi = c->y1 - mind(p->max, l->top) / l->top * l->ph;
	ymed = c->y1 - mind(p->median, l->top) / l->top * l->ph;
	svg_fmt_dur(p->min, a, sizeof(a));
	svg_fmt_dur(p->median, m, sizeof(m));
	svg_fmt_dur(p->max, b, sizeof(b));
	snprintf(tip, sizeof(tip), "hop %d: median %s, fastest %s, slowest %s%s", p->ttl, m,
	    a, b, style == 'd' ? " (slow to answer, not to forward: not a fault)" :
	    style == 'k' ? " (carries the delay added at the faulty link)" : "");
	fputs("<g>", out);
	svg_title(out, tip);
	fputs("\n", out);
	rtt_bar(out, cx, l->bw, l->slot, ylo, yhi, ymed, style);
	if (clip)
		svg_arrowhead(out, cx, c->y0 - 10, 'u', 7, C_INK);
	fputs("</g>\n", out);
	ys = clip ? c->y0 - 20 : mind(yhi, ymed - 6) - 8;
	if (l->fault && p->ttl == l->v.hop && *l->amount)
		svg_text(out, cx, ys, "font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\" "
		    "fill=\"" C_FAULT "\"", "%s", l->amount);
	else if (style == 'd' && l->n <= 8)
		svg_text(out, cx, ys, "font-size=\"11\" font-style=\"italic\" text-anchor=\"middle\" "
		    "fill=\"" C_LINE "\"", "slow reply only");
}

/* The legend from y on, each entry's swatch drawn as the chart draws it. */
static void
lat_legend_draw(FILE *out, const struct lat *l, double y)
{
	size_t k;

	for (k = 0; k < l->nlg; k++) {
		switch (l->lg[k].style) {
		case '^':
			svg_arrowhead(out, 20, y - 12, 'u', 7, C_INK);
			break;
		case '*':
			svg_text(out, 20, y + 3, "font-size=\"16\" font-weight=\"bold\" "
			    "text-anchor=\"middle\" fill=\"" C_GREY "\"", "*");
			break;
		default:
			rtt_bar(out, 20, 8, 40, y + 2, y - 12, y - 5, l->lg[k].style);
			break;
		}
		y = svg_legend_words(out, y, l->lg[k].words);
	}
}

void
rp_svg_latency(FILE *out, const struct rp_item *it)
{
	struct lat l;
	char label[1200];
	size_t i;

	if (it == NULL || it->tool != RT_PTRACE || !lat_read(it, &l))
		return;
	lat_legend_pick(&l);
	lat_layout(&l);
	lat_label(it, &l, label, sizeof(label));
	svg_begin(out, "rp-latency", svg_chart_height(&l.c, &l.hs, l.cut_lo,
	    svg_legend_height(l.lg, l.nlg)), label);
	lat_grid(out, &l);
	svg_chart_axes(out, &l.c, &l.hs, "round trip");
	for (i = 0; i < l.n; i++)
		lat_hop(out, &l, i);
	lat_legend_draw(out, &l, svg_chart_notes(out, l.c.y1 + 40, &l.hs, l.cut_lo, l.cut_hi) + 4);
	svg_end(out);
}
