/*
 * ptrace-slow's path as a chain of hops, three to a row (svg.h): this
 * machine, each hop or run of like hops, the link or hop the verdict
 * names marked in red and in words.
 */
#include <string.h>

#include "analyze/report/report.h"
#include "analyze/report/svg.h"

#define CH_COLS		3
#define CH_BOX_W	124.0
#define CH_GAP		((SVG_W - 16 - CH_COLS * CH_BOX_W) / (CH_COLS - 1))
#define CH_BAND		42.0	/* under a row: labels, then the turn to the next */

/* A node of the chain: this machine, one hop, or a run of like hops. */
struct cnode {
	int	lo, hi;		/* indices into hops; -1 for this machine */
};

/* A hop the verdict names is never folded into a run. */
static bool
hop_named(const struct hop *h, const struct pverdict *v)
{
	return h->ttl == v->hop || h->ttl == v->from || h->ttl == v->to ||
	    (h->flags & (SVG_HOP_DEST | SVG_HOP_UNREACH)) != 0;
}

/*
 * Three or more hops in a row with the same address (none at all, or a
 * router answering for every TTL past it) become one node: thirty
 * stars say no more than one.
 */
static size_t
chain_nodes(const struct hops *hs, const struct pverdict *v, struct cnode *nodes)
{
	size_t i = 0, j, n = 0;

	nodes[n].lo = nodes[n].hi = -1;
	n++;
	while (i < hs->n) {
		j = i + 1;
		if (!hop_named(&hs->v[i], v))
			while (j < hs->n && !hop_named(&hs->v[j], v) &&
			    strcmp(hs->v[j].address, hs->v[i].address) == 0)
				j++;
		if (j - i < 3)
			j = i + 1;
		nodes[n].lo = (int)i;
		nodes[n].hi = (int)j - 1;
		n++;
		i = j;
	}
	return n;
}

/* The node holding TTL ttl (0: this machine), or -1. */
static int
node_of(const struct cnode *nodes, size_t nn, const struct hops *hs, int ttl)
{
	size_t k;
	int m;

	if (ttl == 0)
		return 0;
	for (k = 1; k < nn; k++)
		for (m = nodes[k].lo; m <= nodes[k].hi; m++)
			if (hs->v[m].ttl == ttl)
				return (int)k;
	return -1;
}

static double
node_x(size_t k)
{
	return 8 + (double)(k % CH_COLS) * (CH_BOX_W + CH_GAP);
}

static double
node_y(size_t k, double bh)
{
	return 8 + (double)(k / CH_COLS) * (bh + CH_BAND);
}

/* What a node says under its address: the reverse DNS name, and a note. */
static void
node_words(const struct hops *hs, const struct cnode *nd, const char **name, const char **note)
{
	const struct hop *h = nd->lo >= 0 ? &hs->v[nd->lo] : NULL;
	bool run = h != NULL && nd->hi > nd->lo;

	*name = *note = "";
	if (h == NULL)
		return;
	*name = run ? "" : h->name;
	if (h->flags & SVG_HOP_UNREACH)
		*note = "unreachable";
	else if (h->flags & SVG_HOP_DEST)
		*note = "destination";
	else if (*h->address == '\0')
		*note = "no answer";
	else if (run)
		*note = nd->lo > 0 && strcmp(hs->v[nd->lo - 1].address, h->address) == 0 ?
		    "same router again" : "same address";
	else if (h->flags & SVG_HOP_DEPRIO)
		*note = "slow to answer";
	else if (h->flags & SVG_HOP_RATELIM)
		*note = "limits its answers";
}

static void
chain_node(FILE *out, const struct rp_item *it, const struct hops *hs, const struct cnode *nd,
    bool marked, double x, double y, double bh)
{
	const struct hop *h = nd->lo >= 0 ? &hs->v[nd->lo] : NULL;
	const char *addr, *name, *note, *fill = "#ffffff", *stroke = C_LINE;
	const char *dash = "", *ink = C_INK;
	char head[48], tip[700];
	double cx = x + CH_BOX_W / 2, ly, sw = 1.2;

	node_words(hs, nd, &name, &note);
	if (h == NULL) {
		addr = rp_str(rp_obj(it->root, "source"), "address");
		snprintf(head, sizeof(head), "This machine");
		fill = "#eef2f7";
		sw = 1.5;
		snprintf(tip, sizeof(tip), "This machine %s", addr);
	} else {
		addr = *h->address ? h->address : "*";
		if (nd->hi > nd->lo)
			snprintf(head, sizeof(head), "hops %d\xe2\x80\x93%d", h->ttl, hs->v[nd->hi].ttl);
		else
			snprintf(head, sizeof(head), "hop %d", h->ttl);
		if (*h->address == '\0') {
			fill = C_PALE;
			stroke = C_GREY;
			dash = " stroke-dasharray=\"4 3\"";
			ink = C_LINE;
		}
		if (h->flags & SVG_HOP_DEST) {
			stroke = C_INK;
			sw = 2.5;
		}
		snprintf(tip, sizeof(tip), "%s: %s%s%s%s%s%s", head,
		    *h->address ? h->address : "no answer", *name ? " (" : "", name,
		    *name ? ")" : "", *note ? ", " : "", note);
	}
	if (marked) {
		fill = C_FAULT_BG;
		stroke = C_FAULT;
		sw = 3.5;
		dash = "";
	}
	fputs("<g>", out);
	svg_title(out, tip);
	fprintf(out, "\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" "
	    "fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n",
	    x, y, CH_BOX_W, bh, fill, stroke, sw, dash);
	fprintf(out, "<g text-anchor=\"middle\" fill=\"%s\">\n", ink);
	svg_text(out, cx, y + 17, "font-size=\"13\" font-weight=\"bold\"", "%s", head);
	svg_text_fit(out, cx, y + 33, "font-size=\"12\"", addr, svg_fit_chars(CH_BOX_W - 8, 12));
	ly = y + 48;
	if (*name) {
		svg_text_fit(out, cx, ly, "font-size=\"11\"", name, svg_fit_chars(CH_BOX_W - 8, 11));
		ly += 14;
	}
	if (*note)
		svg_text(out, cx, ly, "font-size=\"11\" font-style=\"italic\"", "%s", note);
	fputs("</g></g>\n", out);
}

void
rp_svg_path_chain(FILE *out, const struct rp_item *it)
{
	struct hops hs;
	struct cnode nodes[MAX_HOPS + 1];
	struct pverdict v;
	char label[1200], what[300], amount[32];
	size_t nn, k, rows, last_row, silent = 0;
	int ma = -1, mb = -1, mh = -1;
	bool is_link, unreach, incomplete;
	double h, bh;

	if (it == NULL || it->tool != RT_PTRACE)
		return;
	svg_hops_read(it->root, &hs);
	if (hs.n == 0)
		return;
	svg_pverdict_read(it->root, &v);
	nn = chain_nodes(&hs, &v, nodes);
	for (k = 0; k < hs.n; k++)
		if (*hs.v[k].address == '\0')
			silent++;

	is_link = strcmp(v.kind, "bottleneck") == 0 || strcmp(v.kind, "lossy-link") == 0;
	unreach = strcmp(v.kind, "unreachable") == 0;
	incomplete = strcmp(v.kind, "incomplete") == 0;
	what[0] = amount[0] = '\0';
	if (is_link) {
		ma = node_of(nodes, nn, &hs, v.from);
		mb = node_of(nodes, nn, &hs, v.to);
		if (ma < 0 || mb <= ma)
			ma = mb = -1;
	}
	if (ma >= 0) {
		char from[32];

		if (v.from == 0)
			snprintf(from, sizeof(from), "this machine");
		else
			snprintf(from, sizeof(from), "hop %d", v.from);
		if (strcmp(v.kind, "bottleneck") == 0) {
			if (v.added_ms >= 0) {
				amount[0] = '+';
				svg_fmt_dur(v.added_ms, amount + 1, sizeof(amount) - 1);
			}
			snprintf(what, sizeof(what), " The link from %s to hop %d is marked: it adds "
			    "%s to every round trip.", from, v.to, *amount ? amount + 1 : "delay");
		} else if (v.loss_pct >= 0) {
			snprintf(amount, sizeof(amount), "%.0f%% loss", v.loss_pct);
			snprintf(what, sizeof(what), " The link from %s to hop %d is marked: packets "
			    "are lost from there on (%.0f%% of them).", from, v.to, v.loss_pct);
		} else {
			snprintf(what, sizeof(what), " The link from %s to hop %d is marked: packets "
			    "are lost from there on.", from, v.to);
		}
	} else if ((unreach || incomplete) && v.hop > 0 &&
	    (mh = node_of(nodes, nn, &hs, v.hop)) > 0) {
		snprintf(what, sizeof(what), unreach ? " Hop %d is marked: it has no route onward." :
		    " Hop %d is the last one to answer.", v.hop);
	}
	snprintf(label, sizeof(label), "The path from this machine to %s, hop by hop: %zu hop%s, "
	    "%zu of them silent.%s", it->target, hs.n, hs.n == 1 ? "" : "s", silent, what);

	/* Boxes as tall as the wordiest node needs; under the last row, room for its labels only. */
	for (k = 0, bh = 40; k < nn; k++) {
		const char *name, *note;

		node_words(&hs, &nodes[k], &name, &note);
		bh = maxd(bh, 40 + (*name ? 14 : 0) + (*note ? 14 : 0));
	}
	rows = (nn + CH_COLS - 1) / CH_COLS;
	last_row = (rows - 1) * CH_COLS;
	h = node_y(last_row, bh) + bh + 10;
	if ((mh >= 0 && (size_t)mh >= last_row) || (ma >= 0 && (size_t)ma >= last_row))
		h += 16;
	if (hs.more > 0)
		h += 18;
	svg_begin(out, "rp-chain", h, label);

	/* The links first, so that the boxes sit on top of their ends. */
	for (k = 0; k + 1 < nn; k++) {
		bool mark = ma >= 0 && (int)k >= ma && (int)k < mb;
		const char *col = mark ? C_FAULT : C_LINE;
		double x0 = node_x(k), y0 = node_y(k, bh);
		double x1 = node_x(k + 1), y1 = node_y(k + 1, bh);
		double ym = y0 + bh / 2, lx, ly;
		const char *anchor;

		fprintf(out, "<g stroke=\"%s\" stroke-width=\"%s\" fill=\"none\"%s>", col,
		    mark ? "4" : "1.5", mark ? " stroke-dasharray=\"8 5\"" : "");
		if ((k + 1) % CH_COLS != 0) {
			fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>\n",
			    x0 + CH_BOX_W, ym, x1 - 7, ym);
			svg_arrowhead(out, x1 - 1, ym, 'r', 7, col);
			lx = x0 + CH_BOX_W + CH_GAP / 2;
			ly = y0 + bh + 16;
			anchor = "middle";
		} else {
			/* The turn to the next row runs under this row's boxes. */
			double turn = y0 + bh + 30;

			fprintf(out, "<polyline points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>"
			    "</g>\n",
			    x0 + CH_BOX_W / 2, y0 + bh, x0 + CH_BOX_W / 2, turn,
			    x1 + CH_BOX_W / 2, turn, x1 + CH_BOX_W / 2, y1 - 7);
			svg_arrowhead(out, x1 + CH_BOX_W / 2, y1 - 1, 'd', 7, col);
			lx = x0 + CH_BOX_W / 2 - 8;
			ly = y0 + bh + 18;
			anchor = "end";
		}
		if (mark && (int)k == ma && *amount) {
			char attrs[128];

			snprintf(attrs, sizeof(attrs), "font-size=\"13\" font-weight=\"bold\" "
			    "text-anchor=\"%s\" fill=\"" C_FAULT "\"", anchor);
			svg_text(out, lx, ly, attrs, "%s", amount);
		}
	}
	for (k = 0; k < nn; k++)
		chain_node(out, it, &hs, &nodes[k], unreach && (int)k == mh, node_x(k),
		    node_y(k, bh), bh);
	if (mh > 0) {
		/* Beside the turn to the next row when one runs down from this node. */
		bool turn = ((size_t)mh + 1) % CH_COLS == 0 && (size_t)mh + 1 < nn;
		char attrs[128];

		snprintf(attrs, sizeof(attrs), "font-size=\"12\" %s text-anchor=\"%s\"",
		    unreach ? "font-weight=\"bold\" fill=\"" C_FAULT "\"" : "font-style=\"italic\"",
		    turn ? "end" : "middle");
		svg_text(out, node_x((size_t)mh) + CH_BOX_W / 2 - (turn ? 8 : 0),
		    node_y((size_t)mh, bh) + bh + 16, attrs, "%s",
		    unreach ? "no route onward" : "last to answer");
	}
	if (hs.more > 0)
		svg_text(out, 8, h - 8, "font-size=\"12\" fill=\"" C_LINE "\"",
		    "%zu more hop%s in the result, not drawn.", hs.more, hs.more == 1 ? "" : "s");
	svg_end(out);
}
