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

void
rp_svg_boxes(FILE *out, const struct rp_item *it)
{
	struct box b[4];
	const json_t *tgt;
	const char *src, *taddr, *thost, *anchor = "middle";
	char label[1600], where[500], where2[500], attrs[96];
	size_t nb, k, marked = 4, caplines;
	double gap, total, x, cap_x = SVG_W / 2, h, y;
	long long port;
	bool middlebox, none, unknown;

	if (it == NULL || (it->tool != RT_SYN && it->tool != RT_HTTP))
		return;
	tgt = rp_obj(it->root, "target");
	src = rp_str(rp_obj(it->root, "source"), "address");
	taddr = rp_str(tgt, "address");
	thost = rp_str(tgt, "host");
	port = rp_int(tgt, "port", 1, 65535, 0);
	none = strcmp(it->fault, "none") == 0;
	unknown = !none && strcmp(it->fault, "client") != 0 && strcmp(it->fault, "path") != 0 &&
	    strcmp(it->fault, "server") != 0;
	middlebox = it->tool == RT_HTTP && strcmp(it->kind, "answered-by-middlebox") == 0 &&
	    strcmp(it->fault, "path") == 0;

	memset(b, 0, sizeof(b));
	b[0].head = "This machine";
	snprintf(b[0].sub[0], sizeof(b[0].sub[0]), "%s", src);
	b[1].head = "The path";
	snprintf(b[1].sub[0], sizeof(b[1].sub[0]), "the network");
	nb = 2;
	if (middlebox) {
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
	if (middlebox)
		b[nb].state = BS_BYPASSED;
	nb++;

	gap = nb == 4 ? 22 : 44;
	for (k = 0, total = 0; k < nb; k++) {
		b[k].w = nb == 4 ? (k == 2 ? 96 : 100) : 124;
		b[k].head_fs = nb == 4 ? (k == 2 ? 12 : 13) : 14;
		total += b[k].w;
	}
	x = (SVG_W - total - (double)(nb - 1) * gap) / 2;
	for (k = 0; k < nb; k++) {
		b[k].x = x;
		x += b[k].w + gap;
	}

	if (none)
		for (k = 0; k < nb; k++)
			b[k].state = BS_OK;
	else if (strcmp(it->fault, "client") == 0)
		marked = 0;
	else if (strcmp(it->fault, "path") == 0)
		marked = 1;
	else if (strcmp(it->fault, "server") == 0)
		marked = nb - 1;
	if (marked < nb)
		b[marked].state = BS_FAULT;
	box_where(it, it->fault, where, where2, sizeof(where));

	if (none)
		snprintf(label, sizeof(label), "This machine, the path and the server (%.300s): all "
		    "three work, no fault found.", it->target);
	else if (unknown || marked >= nb)
		snprintf(label, sizeof(label), "This machine, the path and the server (%.300s): the "
		    "evidence does not place the fault yet.", it->target);
	else
		snprintf(label, sizeof(label), "This machine, the path and the server (%.300s): the "
		    "fault is in %s, marked. %.450s%s%.450s. Finding: %.40s.%s", it->target,
		    marked == 0 ? "this machine" : marked == 1 ? "the path" : "the server", where,
		    *where2 ? " " : "", where2, it->kind,
		    middlebox ? " A device on the path answers in the server's place." : "");

	caplines = marked >= nb ? 1 :
	    svg_wrap_count(where, BX_CAP_W, 3) + svg_wrap_count(where2, BX_CAP_W, 3);
	h = BX_Y + BX_H + 24 + (double)caplines * 17 + 20;
	svg_begin(out, "rp-boxes", h, label);

	for (k = 0; k + 1 < nb; k++) {
		double x0 = b[k].x + b[k].w + 3, x1 = b[k + 1].x - 3, ym = BX_Y + BX_H / 2;
		bool faded = b[k + 1].state == BS_BYPASSED;
		const char *col = faded ? C_GREY : C_LINE;

		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
		    "stroke-width=\"2\"%s/>\n", x0, ym, x1 - 8, ym, col,
		    faded ? " stroke-dasharray=\"4 3\"" : "");
		svg_arrowhead(out, x1, ym, 'r', 8, col);
	}
	for (k = 0; k < nb; k++)
		box_draw(out, &b[k]);

	y = BX_Y + BX_H + 24;
	if (none) {
		for (k = 0; k < nb; k++)
			box_tag(out, &b[k], "OK", C_OK);
		svg_text(out, cap_x, y, "font-size=\"13\" text-anchor=\"middle\"",
		    "No fault found: all three work.");
		y += 17;
	} else if (marked >= nb) {
		svg_text(out, cap_x, y, "font-size=\"13\" font-style=\"italic\" text-anchor=\"middle\"",
		    "The evidence does not place the fault yet: no box is marked.");
		y += 17;
	} else {
		/* The words go under the marked box, as near as the width allows. */
		double bx = b[marked].x + b[marked].w / 2;

		box_tag(out, &b[marked], "FAULT HERE", C_FAULT);
		if (bx < SVG_W / 3) {
			anchor = "start";
			cap_x = b[0].x;
		} else if (bx > SVG_W * 2 / 3) {
			anchor = "end";
			cap_x = b[nb - 1].x + b[nb - 1].w;
		}
		snprintf(attrs, sizeof(attrs), "font-size=\"13\" font-weight=\"bold\" "
		    "text-anchor=\"%s\"", anchor);
		y = svg_text_wrap(out, cap_x, y, 17, attrs, where, BX_CAP_W, 3);
		y = svg_text_wrap(out, cap_x, y, 17, attrs, where2, BX_CAP_W, 3);
	}
	snprintf(attrs, sizeof(attrs), "font-size=\"12\" fill=\"" C_LINE "\" text-anchor=\"%s\"",
	    anchor);
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>finding: ", cap_x, y + 1, attrs);
	rp_html_esc_fit(out, it->kind, 40);
	fputs("</text>\n", out);
	svg_end(out);
}
