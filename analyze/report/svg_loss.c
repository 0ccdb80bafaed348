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

void
rp_svg_loss(FILE *out, const struct rp_item *it)
{
	static const struct legend all[] = {
		{ 'n', "probes lost at this hop" },
		{ 'r', "red, solid: the loss that starts at the lossy link and carries "
		    "through to the destination" },
		{ 'g', "grey, hatched: the router does not answer us, or limits its answers; "
		    "that alone does not mean traffic through it is lost" },
	};
	enum { NLG = sizeof(all) / sizeof(all[0]) };
	struct legend lg[NLG];
	struct hops hs;
	struct pverdict v;
	struct chart c;
	char label[1200], tip[300], dest[64];
	double bw, h, y, loss[MAX_HOPS];
	size_t i, k, n, drawn = 0, lossy = 0, nlg = 0;
	int cut_lo, cut_hi, pct;
	unsigned int seen = 0;
	bool lossy_link;

	if (it == NULL || it->tool != RT_PTRACE)
		return;
	svg_hops_read(it->root, &hs);
	n = svg_chart_span(&hs, &cut_lo, &cut_hi);
	svg_pverdict_read(it->root, &v);
	lossy_link = strcmp(v.kind, "lossy-link") == 0 && v.hop > 0;
	dest[0] = '\0';
	for (i = 0; i < n; i++) {
		/* A hop that never answered lost everything, whether the file says so or not. */
		loss[i] = hs.v[i].loss;
		if (loss[i] < 0 && (hs.v[i].flags & SVG_HOP_SILENT))
			loss[i] = 100;
		if (loss[i] < 0)
			continue;
		drawn++;
		if (loss[i] > 0) {
			lossy++;
			seen |= svg_legend_bit(all, NLG, loss_style(&hs.v[i], &v, lossy_link, loss[i]));
		}
		if (hs.v[i].flags & SVG_HOP_DEST)
			snprintf(dest, sizeof(dest), " The destination loses %.0f%%.", loss[i]);
	}
	if (drawn == 0)
		return;
	for (k = 0; k < NLG; k++)
		if (seen & (1u << k))
			lg[nlg++] = all[k];

	if (lossy == 0)
		snprintf(label, sizeof(label), "Probes lost at each hop on the way to %s: none, at "
		    "any hop.", it->target);
	else if (lossy_link)
		snprintf(label, sizeof(label), "Probes lost at each hop on the way to %s: the loss "
		    "starts at hop %d and carries through to the destination.%s", it->target, v.hop,
		    dest);
	else
		snprintf(label, sizeof(label), "Probes lost at each hop on the way to %s. Hatched "
		    "bars are routers that do not answer us, or limit their answers: that alone "
		    "does not mean traffic through them is lost.%s", it->target, dest);

	/* A flat chart proves there is no loss; it need not be tall to do so. */
	c.n = n;
	c.x0 = 62;
	c.x1 = SVG_W - 10;
	c.y0 = 44;
	c.y1 = c.y0 + (lossy > 0 ? 110 : 36);
	bw = clampd((c.x1 - c.x0) / (double)n * 0.6, 3, 40);
	h = c.y1 + 44 + (cut_lo > 0 ? 17 : 0) + (hs.more > 0 ? 17 : 0) +
	    (lossy > 0 ? svg_legend_height(lg, nlg) : 22);
	svg_begin(out, "rp-loss", h, label);

	for (pct = 0; pct <= 100; pct += lossy > 0 ? 50 : 100) {
		double ty = c.y1 - pct / 100.0 * (c.y1 - c.y0);

		if (pct > 0)
			fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			    "stroke=\"#dddddd\" stroke-width=\"1\"/>\n", c.x0, ty, c.x1, ty);
		svg_text(out, c.x0 - 6, ty + 4, "font-size=\"13\" text-anchor=\"end\"", "%d%%", pct);
	}
	svg_chart_axes(out, &c, &hs, "probes lost");

	for (i = 0; i < n; i++) {
		const struct hop *p = &hs.v[i];
		double cx = svg_chart_cx(&c, i), bh;
		char style;
		bool is_dest = (p->flags & SVG_HOP_DEST) != 0;

		if (loss[i] < 0)
			continue;
		style = loss_style(p, &v, lossy_link, loss[i]);
		bh = loss[i] / 100 * (c.y1 - c.y0);
		snprintf(tip, sizeof(tip), "hop %d: %.1f%% of probes lost%s%s", p->ttl, loss[i],
		    is_dest ? " (the destination)" : "", style != 'g' ? "" :
		    (p->flags & SVG_HOP_SILENT) ? " (it does not answer us)" :
		    " (it limits or delays its own answers: not a fault)");
		fputs("<g>", out);
		svg_title(out, tip);
		fputs("\n", out);
		loss_bar(out, cx - bw / 2, c.y1 - bh, bw, bh, style);
		fputs("</g>\n", out);
		if (is_dest || (n <= 20 && loss[i] >= 0.5)) {
			char attrs[160];

			snprintf(attrs, sizeof(attrs), "font-size=\"%s\" text-anchor=\"middle\"%s",
			    is_dest ? "13\" font-weight=\"bold" : "12",
			    style == 'r' ? " fill=\"" C_FAULT "\"" : "");
			svg_text(out, cx, c.y1 - bh - 5, attrs, "%s%.0f%%",
			    is_dest && n <= 12 && loss[i] < 80 ? "destination " : "", loss[i]);
		}
		if (lossy_link && p->ttl == v.hop && loss[i] > 0 && loss[i] < 80)
			svg_text(out, cx, c.y1 - bh - 21, "font-size=\"13\" font-weight=\"bold\" "
			    "text-anchor=\"middle\" fill=\"" C_FAULT "\"", "loss starts");
	}

	y = svg_chart_notes(out, c.y1 + 40, &hs, cut_lo, cut_hi) + 4;
	if (lossy == 0) {
		svg_text(out, 8, y, "font-size=\"13\"", "No hop loses any probe.");
		svg_end(out);
		return;
	}
	for (k = 0; k < nlg; k++) {
		loss_bar(out, 12, y - 12, 16, 14, lg[k].style);
		y = svg_legend_words(out, y, lg[k].words);
	}
	svg_end(out);
}
