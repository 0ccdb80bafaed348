/*
 * The frame the two per-hop charts (svg_latency.c, svg_loss.c) share:
 * which hops they draw, the axes with the hop numbers, the y ticks, the
 * notes under them, the legend, and the height all that takes.
 */
#include "analyze/report/svg.h"

/*
 * The hops a chart draws: a trailing run of silent hops (a trace that
 * went quiet, probed on up to its last TTL) keeps only its first hop,
 * and the rest are named in a note.
 */
size_t
svg_chart_span(const struct hops *hs, int *cut_lo, int *cut_hi)
{
	size_t k = hs->n;

	while (k > 0 && (hs->v[k - 1].flags & SVG_HOP_SILENT))
		k--;
	*cut_lo = *cut_hi = -1;
	if (hs->n - k < 3)
		return hs->n;
	*cut_lo = hs->v[k + 1].ttl;
	*cut_hi = hs->v[hs->n - 1].ttl;
	return k + 1;
}

/* A chart's height: the plot, the hop numbers, the notes svg_chart_notes writes, then below. */
double
svg_chart_height(const struct chart *c, const struct hops *hs, int cut_lo, double below)
{
	return c->y1 + 44 + (cut_lo > 0 ? 17 : 0) + (hs->more > 0 ? 17 : 0) + below;
}

/* The notes under a chart: hops cut off, hops beyond what is drawn. */
double
svg_chart_notes(FILE *out, double y, const struct hops *hs, int cut_lo, int cut_hi)
{
	const char *attrs = "font-size=\"13\" fill=\"" C_LINE "\"";

	if (cut_lo > 0) {
		svg_text(out, 8, y, attrs, "Hops %d\xe2\x80\x93%d did not answer either (not drawn).",
		    cut_lo, cut_hi);
		y += 17;
	}
	if (hs->more > 0) {
		svg_text(out, 8, y, attrs, "%zu more hop%s in the result, not drawn.", hs->more,
		    hs->more == 1 ? "" : "s");
		y += 17;
	}
	return y;
}

double
svg_chart_cx(const struct chart *c, size_t i)
{
	return c->x0 + (c->x1 - c->x0) * ((double)i + 0.5) / (double)c->n;
}

/* A y tick at ty: its label left of the axis, and a grid line across unless it is the axis. */
void
svg_chart_ytick(FILE *out, const struct chart *c, double ty, bool line, const char *label)
{
	if (line)
		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#dddddd\" stroke-width=\"1\"/>\n", c->x0, ty, c->x1, ty);
	svg_text(out, c->x0 - 6, ty + 4, "font-size=\"13\" text-anchor=\"end\"", "%s", label);
}

/* The axes, the hop numbers under them, and "hop" and what the y axis counts. */
void
svg_chart_axes(FILE *out, const struct chart *c, const struct hops *hs, const char *ylabel)
{
	size_t i, every = (c->n + 15) / 16;

	fprintf(out, "<g stroke=\"%s\" stroke-width=\"1\"><line x1=\"%.1f\" y1=\"%.1f\" "
	    "x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>\n",
	    C_LINE, c->x0, c->y0, c->x0, c->y1, c->x0, c->y1, c->x1, c->y1);
	fputs("<g font-size=\"13\" text-anchor=\"middle\">\n", out);
	for (i = 0; i < c->n; i += every)
		svg_text(out, svg_chart_cx(c, i), c->y1 + 18, "", "%d", hs->v[i].ttl);
	fputs("</g>\n", out);
	svg_text(out, c->x0 - 6, c->y1 + 18, "font-size=\"13\" text-anchor=\"end\"", "hop");
	svg_text(out, 4, c->y0 - 14, "font-size=\"13\" fill=\"" C_LINE "\"", "%s", ylabel);
}

double
svg_legend_height(const struct legend *lg, size_t n)
{
	double h = 0;
	size_t i;

	for (i = 0; i < n; i++)
		h += (double)svg_wrap_count(lg[i].words, LG_WIDTH, LG_LINES) * 16 + 6;
	return h;
}

/* The bit of a legend's entry for style, for a set of the styles seen. */
unsigned int
svg_legend_bit(const struct legend *lg, size_t n, char style)
{
	size_t i;

	for (i = 0; i < n && i < 32; i++)
		if (lg[i].style == style)
			return 1u << i;
	return 0;
}

double
svg_legend_words(FILE *out, double y, const char *words)
{
	return svg_text_wrap(out, 38, y, 16, "font-size=\"13\"", words, LG_WIDTH, LG_LINES) + 6;
}

/* The entries of all whose bits are in seen, in all's order, into lg; returns how many. */
size_t
svg_legend_pick(const struct legend *all, size_t n, unsigned int seen, struct legend *lg)
{
	size_t k, nlg = 0;

	for (k = 0; k < n; k++)
		if (seen & (1u << k))
			lg[nlg++] = all[k];
	return nlg;
}
