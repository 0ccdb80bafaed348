/*
 * synprobe's and postprobe's answer at a glance (svg.h): this machine,
 * the path and the server as three boxes (four when a device on the way
 * answered in the server's place), the one at fault marked and named.
 */
#include <string.h>

#include "analyze/report/escape.h"
#include "analyze/report/report.h"
#include "analyze/report/svg.h"

enum box_state { BS_PLAIN, BS_FAULT, BS_OK, BS_ANSWERED, BS_BYPASSED };

struct box {
	const char	*head;
	double		 head_fs;
	char		 sub[2][160];	/* untrusted: an address, a port */
	double		 x, w;
	enum box_state	 state;
};

#define BX_Y		34.0
#define BX_H		70.0
#define BX_CAP_W	58	/* characters on a line of the caption */

static void
box_draw(FILE *out, const struct box *b)
{
	const char *fill = "#ffffff", *stroke = C_LINE, *dash = "", *ink = C_INK;
	double sw = 1.5, cx = b->x + b->w / 2;
	size_t i, max = svg_fit_chars(b->w - 8, 12);
	char tip[400], attrs[64];

	switch (b->state) {
	case BS_FAULT:
		fill = C_FAULT_BG;
		stroke = C_FAULT;
		sw = 4;
		break;
	case BS_OK:
		fill = C_OK_BG;
		stroke = C_OK;
		sw = 2;
		break;
	case BS_ANSWERED:
		fill = C_FAULT_BG;
		stroke = C_FAULT;
		sw = 2.5;
		dash = " stroke-dasharray=\"5 3\"";
		break;
	case BS_BYPASSED:
		stroke = C_GREY;
		dash = " stroke-dasharray=\"4 3\"";
		ink = C_LINE;
		break;
	default:
		break;
	}
	snprintf(tip, sizeof(tip), "%s%s%s%s%s", b->head, *b->sub[0] ? ": " : "", b->sub[0],
	    *b->sub[1] ? ", " : "", b->sub[1]);
	fputs("<g>", out);
	svg_title(out, tip);
	fprintf(out, "\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"8\" "
	    "fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n", b->x, BX_Y, b->w, BX_H, fill,
	    stroke, sw, dash);
	fprintf(out, "<g text-anchor=\"middle\" fill=\"%s\">\n", ink);
	snprintf(attrs, sizeof(attrs), "font-size=\"%.0f\" font-weight=\"bold\"", b->head_fs);
	svg_text(out, cx, BX_Y + 22, attrs, "%s", b->head);
	for (i = 0; i < 2; i++)
		if (*b->sub[i])
			svg_text_fit(out, cx, BX_Y + 41 + 15 * (double)i, "font-size=\"12\"",
			    b->sub[i], max);
	fputs("</g></g>\n", out);
}

/* A pill above a box: white words on a dark ground read in black and white too. */
static void
box_tag(FILE *out, const struct box *b, const char *words, const char *colour)
{
	double w = (double)strlen(words) * 12 * GLYPH_W + 16, cx = b->x + b->w / 2;

	fprintf(out, "<rect x=\"%.1f\" y=\"6\" width=\"%.1f\" height=\"20\" rx=\"10\" "
	    "fill=\"%s\"/>\n", cx - w / 2, w, colour);
	svg_text(out, cx, 20, "font-size=\"12\" font-weight=\"bold\" text-anchor=\"middle\" "
	    "fill=\"#ffffff\"", "%s", words);
}

/*
 * Where the fault is, in words, for under its box: the device or the
 * link for the path (two lines, its near end and its far end), the
 * address and port for the server.
 */
static void
box_where(const struct rp_item *it, const char *fault, char *w1, char *w2, size_t len)
{
	const json_t *tgt = rp_obj(it->root, "target");
	const char *taddr = rp_str(tgt, "address");
	const struct rp_place *near = &it->place_from, *far = &it->place;
	long long port = rp_int(tgt, "port", 1, 65535, 0);
	bool link = rp_obj(rp_obj(it->root, "verdict"), "link") != NULL && it->place_from.set;

	w1[0] = w2[0] = '\0';
	if (strcmp(fault, "path") == 0) {
		if (link && it->place.set) {
			/* place_from is the link's other end, not always the nearer one. */
			if (it->place.hop >= 0 && it->place_from.hop > it->place.hop) {
				near = &it->place;
				far = &it->place_from;
			}
			snprintf(w1, len, "The link from %.420s", near->text);
			snprintf(w2, len, "to %.420s", far->text);
		} else if (it->place.set)
			snprintf(w1, len, "%.420s", it->place.text);
		else
			snprintf(w1, len, "Somewhere on the path (the device is not known)");
	} else if (strcmp(fault, "server") == 0) {
		if (port != 0)
			snprintf(w1, len, "The server %.300s, port %lld", *taddr ? taddr : it->target,
			    port);
		else
			snprintf(w1, len, "The server %.300s", *taddr ? taddr : it->target);
	} else if (strcmp(fault, "client") == 0) {
		snprintf(w1, len, "%.420s", it->place.set ? it->place.text : "this machine");
	}
	if (w1[0] >= 'a' && w1[0] <= 'z')
		w1[0] = (char)(w1[0] - 'a' + 'A');
}

/* The picture as drawn. */
struct boxes {
	struct box	 b[4];
	size_t		 nb;
	size_t		 marked;	/* the box at fault; nb or more when none is */
	bool		 none;		/* no fault: every box is OK */
	bool		 unknown;	/* the fault is not placed */
	bool		 middlebox;	/* a device on the path answered for the server */
	char		 where[500], where2[500];	/* the fault's place, in words */
};

/* This machine, the path, the device that answered in the server's place (if one did), the server. */
static void
boxes_build(const struct rp_item *it, struct boxes *bx)
{
	const json_t *tgt = rp_obj(it->root, "target");
	const char *src = rp_str(rp_obj(it->root, "source"), "address");
	const char *taddr = rp_str(tgt, "address"), *thost = rp_str(tgt, "host");
	long long port = rp_int(tgt, "port", 1, 65535, 0);
	struct box *b = bx->b;
	size_t nb;

	memset(b, 0, sizeof(bx->b));
	b[0].head = "This machine";
	snprintf(b[0].sub[0], sizeof(b[0].sub[0]), "%s", src);
	b[1].head = "The path";
	snprintf(b[1].sub[0], sizeof(b[1].sub[0]), "the network");
	nb = 2;
	if (bx->middlebox) {
		/* The device that answered in the server's place sits between the two. */
		b[nb].head = "answered here";
		snprintf(b[nb].sub[0], sizeof(b[nb].sub[0]), "%s",
		    it->place.set ? it->place.address : "a device");
		if (it->place.set && it->place.hop > 0)
			snprintf(b[nb].sub[1], sizeof(b[nb].sub[1]), "hop %d", it->place.hop);
		b[nb++].state = BS_ANSWERED;
	}
	b[nb].head = "The server";
	snprintf(b[nb].sub[0], sizeof(b[nb].sub[0]), "%s", *taddr ? taddr : thost);
	if (port != 0)
		snprintf(b[nb].sub[1], sizeof(b[nb].sub[1]), "port %lld", port);
	if (bx->middlebox)
		b[nb].state = BS_BYPASSED;
	bx->nb = nb + 1;
}

/* Widths and places across: four boxes sit closer, the one that answered a little smaller. */
static void
boxes_place(struct boxes *bx)
{
	size_t k, nb = bx->nb;
	double gap = nb == 4 ? 22 : 44, total, x;

	for (k = 0, total = 0; k < nb; k++) {
		bx->b[k].w = nb == 4 ? (k == 2 ? 96 : 100) : 124;
		bx->b[k].head_fs = nb == 4 ? (k == 2 ? 12 : 13) : 14;
		total += bx->b[k].w;
	}
	x = (SVG_W - total - (double)(nb - 1) * gap) / 2;
	for (k = 0; k < nb; k++) {
		bx->b[k].x = x;
		x += bx->b[k].w + gap;
	}
}

/* Every box OK when nothing is wrong, else the one at fault marked. */
static void
boxes_mark(const struct rp_item *it, struct boxes *bx)
{
	size_t k;

	bx->marked = 4;
	if (bx->none)
		for (k = 0; k < bx->nb; k++)
			bx->b[k].state = BS_OK;
	else if (strcmp(it->fault, "client") == 0)
		bx->marked = 0;
	else if (strcmp(it->fault, "path") == 0)
		bx->marked = 1;
	else if (strcmp(it->fault, "server") == 0)
		bx->marked = bx->nb - 1;
	if (bx->marked < bx->nb)
		bx->b[bx->marked].state = BS_FAULT;
}

static void
boxes_label(const struct rp_item *it, const struct boxes *bx, char *label, size_t len)
{
	size_t m = bx->marked;

	if (bx->none)
		snprintf(label, len, "This machine, the path and the server (%.300s): all "
		    "three work, no fault found.", it->target);
	else if (bx->unknown || m >= bx->nb)
		snprintf(label, len, "This machine, the path and the server (%.300s): the "
		    "evidence does not place the fault yet.", it->target);
	else
		snprintf(label, len, "This machine, the path and the server (%.300s): the "
		    "fault is in %s, marked. %.450s%s%.450s. Finding: %.40s.%s", it->target,
		    m == 0 ? "this machine" : m == 1 ? "the path" : "the server", bx->where,
		    *bx->where2 ? " " : "", bx->where2, it->kind,
		    bx->middlebox ? " A device on the path answers in the server's place." : "");
}

/* The arrows from box to box; the one to a box that was bypassed is faded. */
static void
boxes_arrows(FILE *out, const struct boxes *bx)
{
	const struct box *b = bx->b;
	size_t k;

	for (k = 0; k + 1 < bx->nb; k++) {
		double x0 = b[k].x + b[k].w + 3, x1 = b[k + 1].x - 3, ym = BX_Y + BX_H / 2;
		bool faded = b[k + 1].state == BS_BYPASSED;
		const char *col = faded ? C_GREY : C_LINE;

		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
		    "stroke-width=\"2\"%s/>\n", x0, ym, x1 - 8, ym, col,
		    faded ? " stroke-dasharray=\"4 3\"" : "");
		svg_arrowhead(out, x1, ym, 'r', 8, col);
	}
}

/*
 * The tags over the boxes and the words under them: OK over each, a
 * sentence that no box is marked, or FAULT HERE over the marked one and
 * its place under it, as near as the width allows; then the finding.
 */
static void
boxes_caption(FILE *out, const struct rp_item *it, const struct boxes *bx)
{
	const struct box *b = bx->b;
	const char *anchor = "middle";
	double cap_x = SVG_W / 2, y = BX_Y + BX_H + 24, mx;
	char attrs[96];
	size_t k, m = bx->marked;

	if (bx->none) {
		for (k = 0; k < bx->nb; k++)
			box_tag(out, &b[k], "OK", C_OK);
		svg_text(out, cap_x, y, "font-size=\"13\" text-anchor=\"middle\"",
		    "No fault found: all three work.");
		y += 17;
	} else if (m >= bx->nb) {
		svg_text(out, cap_x, y, "font-size=\"13\" font-style=\"italic\" text-anchor=\"middle\"",
		    "The evidence does not place the fault yet: no box is marked.");
		y += 17;
	} else {
		mx = b[m].x + b[m].w / 2;
		box_tag(out, &b[m], "FAULT HERE", C_FAULT);
		if (mx < SVG_W / 3) {
			anchor = "start";
			cap_x = b[0].x;
		} else if (mx > SVG_W * 2 / 3) {
			anchor = "end";
			cap_x = b[bx->nb - 1].x + b[bx->nb - 1].w;
		}
		snprintf(attrs, sizeof(attrs), "font-size=\"13\" font-weight=\"bold\" "
		    "text-anchor=\"%s\"", anchor);
		y = svg_text_wrap(out, cap_x, y, 17, attrs, bx->where, BX_CAP_W, 3);
		y = svg_text_wrap(out, cap_x, y, 17, attrs, bx->where2, BX_CAP_W, 3);
	}
	snprintf(attrs, sizeof(attrs), "font-size=\"12\" fill=\"" C_LINE "\" text-anchor=\"%s\"",
	    anchor);
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>finding: ", cap_x, y + 1, attrs);
	rp_html_esc_fit(out, it->kind, 40);
	fputs("</text>\n", out);
}

void
rp_svg_boxes(FILE *out, const struct rp_item *it)
{
	struct boxes bx;
	char label[1600];
	size_t k, caplines;

	if (it == NULL || (it->tool != RT_SYN && it->tool != RT_HTTP))
		return;
	bx.none = strcmp(it->fault, "none") == 0;
	bx.unknown = !bx.none && strcmp(it->fault, "client") != 0 &&
	    strcmp(it->fault, "path") != 0 && strcmp(it->fault, "server") != 0;
	bx.middlebox = it->tool == RT_HTTP && strcmp(it->kind, "answered-by-middlebox") == 0 &&
	    strcmp(it->fault, "path") == 0;
	boxes_build(it, &bx);
	boxes_place(&bx);
	boxes_mark(it, &bx);
	box_where(it, it->fault, bx.where, bx.where2, sizeof(bx.where));
	boxes_label(it, &bx, label, sizeof(label));
	caplines = bx.marked >= bx.nb ? 1 :
	    svg_wrap_count(bx.where, BX_CAP_W, 3) + svg_wrap_count(bx.where2, BX_CAP_W, 3);
	svg_begin(out, "rp-boxes", BX_Y + BX_H + 24 + (double)caplines * 17 + 20, label);
	boxes_arrows(out, &bx);
	for (k = 0; k < bx.nb; k++)
		box_draw(out, &bx.b[k]);
	boxes_caption(out, it, &bx);
	svg_end(out);
}
