/*
 * ptrace-slow's probes lost per hop (svg.h): the loss that starts at a
 * lossy link and carries to the destination set apart from routers that
 * only limit their own answers.
 */
#include <string.h>

#include "analyze/report/report.h"
#include "analyze/report/svg.h"

/* A loss bar: solid for loss, red from a lossy link on, grey hatched when it is not a fault. */
static void
loss_bar(FILE *out, double x, double y, double w, double h, char style)
{
	if (h < 0.5)
		h = 0.5;
	switch (style) {
	case 'g':
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		    "fill=\"#eeeeee\"/>\n", x, y, w, h);
		svg_hatch(out, x, y, w, h, 5, C_GREY);
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		    "fill=\"none\" stroke=\"%s\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>\n",
		    x, y, w, h, C_GREY);
		break;
	case 'r':
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
		    "stroke=\"%s\" stroke-width=\"1.5\"/>\n", x, y, w, h, C_FAULT, C_INK);
		break;
	default:
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
		    "stroke=\"%s\" stroke-width=\"1\"/>\n", x, y, w, h, C_BLUE_BG, C_BLUE);
		break;
	}
}

/* A hop's style in the loss chart: 'g' not a fault, 'r' from the lossy link on, 'n' else. */
static char
loss_style(const struct hop *p, const struct pverdict *v, bool lossy_link, double loss)
{
	if (p->flags & SVG_HOP_NOT_FAULT)
		return 'g';
	return lossy_link && p->ttl >= v->hop && loss > 0 ? 'r' : 'n';
}

static const struct legend loss_legend[] = {
	{ 'n', "probes lost at this hop" },
	{ 'r', "red, solid: the loss that starts at the lossy link and carries "
	    "through to the destination" },
	{ 'g', "grey, hatched: the router does not answer us, or limits its answers; "
	    "that alone does not mean traffic through it is lost" },
};
enum { NLG = sizeof(loss_legend) / sizeof(loss_legend[0]) };

/* The chart as drawn. */
struct loss {
	struct hops	 hs;
	struct pverdict	 v;
	size_t		 n;		/* hops drawn */
	int		 cut_lo, cut_hi;	/* silent hops not drawn */
	bool		 lossy_link;
	double		 pct[MAX_HOPS];	/* each hop's loss; < 0 not known, not drawn */
	size_t		 lossy;		/* hops that lose any */
	char		 dest[64];	/* the destination's loss in words, "" when not known */
	struct chart	 c;
	double		 bw;		/* a bar's width */
	struct legend	 lg[NLG];
	size_t		 nlg;
};

/* The hops, the verdict and each hop's loss; false when no hop's loss is known. */
static bool
loss_read(const struct rp_item *it, struct loss *l)
{
	const struct hop *p;
	unsigned int seen = 0;
	size_t i, drawn = 0;

	svg_hops_read(it->root, &l->hs);
	l->n = svg_chart_span(&l->hs, &l->cut_lo, &l->cut_hi);
	svg_pverdict_read(it, &l->v);
	/* A congested link that drops (a standing queue) is where the loss starts too. */
	l->lossy_link = l->v.link && l->v.hop > 0 && (strcmp(l->v.kind, "lossy-link") == 0 ||
	    l->v.loss_pct > 0);
	l->lossy = 0;
	l->dest[0] = '\0';
	for (i = 0; i < l->n; i++) {
		p = &l->hs.v[i];
		/* A hop that never answered lost everything, whether the file says so or not. */
		l->pct[i] = p->loss;
		if (l->pct[i] < 0 && (p->flags & SVG_HOP_SILENT))
			l->pct[i] = 100;
		if (l->pct[i] < 0)
			continue;
		drawn++;
		if (l->pct[i] > 0) {
			l->lossy++;
			seen |= svg_legend_bit(loss_legend, NLG,
			    loss_style(p, &l->v, l->lossy_link, l->pct[i]));
		}
		if (p->flags & SVG_HOP_DEST)
			snprintf(l->dest, sizeof(l->dest), " The destination loses %.0f%%.", l->pct[i]);
	}
	l->nlg = svg_legend_pick(loss_legend, NLG, seen, l->lg);
	return drawn > 0;
}

static void
loss_label(const struct rp_item *it, const struct loss *l, char *label, size_t len)
{
	if (l->lossy == 0)
		snprintf(label, len, "Probes lost at each hop on the way to %s: none, at "
		    "any hop.", it->target);
	else if (l->lossy_link)
		snprintf(label, len, "Probes lost at each hop on the way to %s: the loss "
		    "starts at hop %d and carries through to the destination.%s", it->target,
		    l->v.hop, l->dest);
	else
		snprintf(label, len, "Probes lost at each hop on the way to %s. Hatched "
		    "bars are routers that do not answer us, or limit their answers: that alone "
		    "does not mean traffic through them is lost.%s", it->target, l->dest);
}

/* A flat chart proves there is no loss; it need not be tall to do so. */
static void
loss_layout(struct loss *l)
{
	l->c.n = l->n;
	l->c.x0 = 62;
	l->c.x1 = SVG_W - 10;
	l->c.y0 = 44;
	l->c.y1 = l->c.y0 + (l->lossy > 0 ? 110 : 36);
	l->bw = clampd((l->c.x1 - l->c.x0) / (double)l->n * 0.6, 3, 40);
}

/* Grid and y ticks: 0, 50 and 100 %, or only 0 and 100 when nothing is lost. */
static void
loss_grid(FILE *out, const struct loss *l)
{
	const struct chart *c = &l->c;
	char tick[16];
	int pct;

	for (pct = 0; pct <= 100; pct += l->lossy > 0 ? 50 : 100) {
		snprintf(tick, sizeof(tick), "%d%%", pct);
		svg_chart_ytick(out, c, c->y1 - pct / 100.0 * (c->y1 - c->y0), pct > 0, tick);
	}
}

/* A hop's bar with its tooltip, its percentage above it, and where the loss starts. */
static void
loss_hop(FILE *out, const struct loss *l, size_t i)
{
	const struct hop *p = &l->hs.v[i];
	const struct chart *c = &l->c;
	double cx = svg_chart_cx(c, i), bh, pct = l->pct[i];
	char style, tip[300], attrs[160];
	bool is_dest = (p->flags & SVG_HOP_DEST) != 0;

	if (pct < 0)
		return;
	style = loss_style(p, &l->v, l->lossy_link, pct);
	bh = pct / 100 * (c->y1 - c->y0);
	snprintf(tip, sizeof(tip), "hop %d: %.1f%% of probes lost%s%s", p->ttl, pct,
	    is_dest ? " (the destination)" : "", style != 'g' ? "" :
	    (p->flags & SVG_HOP_SILENT) ? " (it does not answer us)" :
	    " (it limits or delays its own answers: not a fault)");
	fputs("<g>", out);
	svg_title(out, tip);
	fputs("\n", out);
	loss_bar(out, cx - l->bw / 2, c->y1 - bh, l->bw, bh, style);
	fputs("</g>\n", out);
	if (is_dest || (l->n <= 20 && pct >= 0.5)) {
		snprintf(attrs, sizeof(attrs), "font-size=\"%s\" text-anchor=\"middle\"%s",
		    is_dest ? "13\" font-weight=\"bold" : "12",
		    style == 'r' ? " fill=\"" C_FAULT "\"" : "");
		svg_text(out, cx, c->y1 - bh - 5, attrs, "%s%.0f%%",
		    is_dest && l->n <= 12 && pct < 80 ? "destination " : "", pct);
	}
	if (l->lossy_link && p->ttl == l->v.hop && pct > 0 && pct < 80)
		svg_text(out, cx, c->y1 - bh - 21, "font-size=\"13\" font-weight=\"bold\" "
		    "text-anchor=\"middle\" fill=\"" C_FAULT "\"", "loss starts");
}

/* The legend from y on; when nothing is lost, a sentence says so instead. */
static void
loss_legend_draw(FILE *out, const struct loss *l, double y)
{
	size_t k;

	if (l->lossy == 0) {
		svg_text(out, 8, y, "font-size=\"13\"", "No hop loses any probe.");
		return;
	}
	for (k = 0; k < l->nlg; k++) {
		loss_bar(out, 12, y - 12, 16, 14, l->lg[k].style);
		y = svg_legend_words(out, y, l->lg[k].words);
	}
}

void
rp_svg_loss(FILE *out, const struct rp_item *it)
{
	struct loss l;
	char label[1200];
	size_t i;

	if (it == NULL || it->tool != RT_PTRACE || !loss_read(it, &l))
		return;
	loss_label(it, &l, label, sizeof(label));
	loss_layout(&l);
	svg_begin(out, "rp-loss", svg_chart_height(&l.c, &l.hs, l.cut_lo,
	    l.lossy > 0 ? svg_legend_height(l.lg, l.nlg) : 22), label);
	loss_grid(out, &l);
	svg_chart_axes(out, &l.c, &l.hs, "probes lost");
	for (i = 0; i < l.n; i++)
		loss_hop(out, &l, i);
	loss_legend_draw(out, &l, svg_chart_notes(out, l.c.y1 + 40, &l.hs, l.cut_lo, l.cut_hi) + 4);
	svg_end(out);
}
