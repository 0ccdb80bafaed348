/*
 * ptrace-slow's path as a chain of hops, three to a row (svg.h): this
 * machine, each hop or run of like hops, the link or hop the verdict
 * names marked in red and in words; a healthy path's, however long its
 * steps, marks nothing.
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
	else if (h->flags & SVG_HOP_NAT)
		*note = "translates (NAT)";
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

/* The chain as drawn, and what of it the verdict marks. */
struct chain {
	struct hops	 hs;
	struct pverdict	 v;
	struct cnode	 nodes[MAX_HOPS + 1];
	size_t		 nn;
	int		 ma, mb;	/* the marked link runs from node ma to node mb; -1 none */
	int		 mh;		/* the hop node an unreachable or incomplete names; -1 */
	bool		 unreach;
	char		 amount[32];	/* beside the marked link: "+40 ms", "25% loss"; "" none */
	double		 bh;		/* a box's height */
};

/* The sentence for a marked link (congested, slow or lossy), its amount for beside it. */
static void
chain_link_words(struct chain *ch, char *what, size_t len)
{
	const struct pverdict *v = &ch->v;
	char from[32], cap[48] = "";

	if (v->from == 0)
		snprintf(from, sizeof(from), "this machine");
	else
		snprintf(from, sizeof(from), "hop %d", v->from);
	if (v->delay && v->added_ms >= 0) {
		ch->amount[0] = '+';
		svg_fmt_dur(v->added_ms, ch->amount + 1, sizeof(ch->amount) - 1);
	}
	if (strcmp(v->kind, "slow-link") == 0) {
		if (v->capacity_kbps > 0)
			snprintf(cap, sizeof(cap), " (about %.0f kbit/s)", v->capacity_kbps);
		snprintf(what, len, " The link from %s to hop %d is marked: it is a slow link%s "
		    "that adds %s to every round trip.", from, v->to, cap,
		    *ch->amount ? ch->amount + 1 : "delay");
	} else if (v->delay) {
		snprintf(what, len, " The link from %s to hop %d is marked: it is congested, "
		    "adding %s of queueing to the round trip.", from, v->to,
		    *ch->amount ? ch->amount + 1 : "delay");
	} else if (v->loss_pct >= 0) {
		snprintf(ch->amount, sizeof(ch->amount), "%.0f%% loss", v->loss_pct);
		snprintf(what, len, " The link from %s to hop %d is marked: packets "
		    "are lost from there on (%.0f%% of them).", from, v->to, v->loss_pct);
	} else {
		snprintf(what, len, " The link from %s to hop %d is marked: packets "
		    "are lost from there on.", from, v->to);
	}
}

/* What the verdict marks: a link, or a hop (ma, mb, mh), and the sentence that says so. */
static void
chain_marks(struct chain *ch, char *what, size_t len)
{
	const struct pverdict *v = &ch->v;
	bool incomplete = strcmp(v->kind, "incomplete") == 0;

	ch->unreach = strcmp(v->kind, "unreachable") == 0;
	ch->ma = ch->mb = ch->mh = -1;
	what[0] = ch->amount[0] = '\0';
	if (v->link) {
		ch->ma = node_of(ch->nodes, ch->nn, &ch->hs, v->from);
		ch->mb = node_of(ch->nodes, ch->nn, &ch->hs, v->to);
		if (ch->ma < 0 || ch->mb <= ch->ma)
			ch->ma = ch->mb = -1;
	}
	if (ch->ma >= 0)
		chain_link_words(ch, what, len);
	else if ((ch->unreach || incomplete) && v->hop > 0 &&
	    (ch->mh = node_of(ch->nodes, ch->nn, &ch->hs, v->hop)) > 0)
		snprintf(what, len, ch->unreach ? " Hop %d is marked: it has no route onward." :
		    " Hop %d is the last one to answer.", v->hop);
}

/* Boxes as tall as the wordiest node needs. */
static double
chain_box_height(const struct chain *ch)
{
	const char *name, *note;
	double bh = 40;
	size_t k;

	for (k = 0; k < ch->nn; k++) {
		node_words(&ch->hs, &ch->nodes[k], &name, &note);
		bh = maxd(bh, 40 + (*name ? 14 : 0) + (*note ? 14 : 0));
	}
	return bh;
}

/* Under the last row, room for its labels only. */
static double
chain_height(const struct chain *ch)
{
	size_t rows = (ch->nn + CH_COLS - 1) / CH_COLS, last_row = (rows - 1) * CH_COLS;
	double h = node_y(last_row, ch->bh) + ch->bh + 10;

	if ((ch->mh >= 0 && (size_t)ch->mh >= last_row) ||
	    (ch->ma >= 0 && (size_t)ch->ma >= last_row))
		h += 16;
	if (ch->hs.more > 0)
		h += 18;
	return h;
}

/*
 * The link from node k to the next: a line along the row, or a turn
 * down to the next row under this row's boxes; red and dashed when
 * marked, its amount beside the first marked one.
 */
static void
chain_link(FILE *out, const struct chain *ch, size_t k)
{
	bool mark = ch->ma >= 0 && (int)k >= ch->ma && (int)k < ch->mb;
	const char *col = mark ? C_FAULT : C_LINE, *anchor;
	double bh = ch->bh, x0 = node_x(k), y0 = node_y(k, bh);
	double x1 = node_x(k + 1), y1 = node_y(k + 1, bh);
	double ym = y0 + bh / 2, lx, ly, turn;
	char attrs[128];

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
		turn = y0 + bh + 30;
		fprintf(out, "<polyline points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>"
		    "</g>\n",
		    x0 + CH_BOX_W / 2, y0 + bh, x0 + CH_BOX_W / 2, turn,
		    x1 + CH_BOX_W / 2, turn, x1 + CH_BOX_W / 2, y1 - 7);
		svg_arrowhead(out, x1 + CH_BOX_W / 2, y1 - 1, 'd', 7, col);
		lx = x0 + CH_BOX_W / 2 - 8;
		ly = y0 + bh + 18;
		anchor = "end";
	}
	if (mark && (int)k == ch->ma && *ch->amount) {
		snprintf(attrs, sizeof(attrs), "font-size=\"13\" font-weight=\"bold\" "
		    "text-anchor=\"%s\" fill=\"" C_FAULT "\"", anchor);
		svg_text(out, lx, ly, attrs, "%s", ch->amount);
	}
}

/* Under the node the verdict names: beside the turn to the next row when one runs down from it. */
static void
chain_hop_note(FILE *out, const struct chain *ch)
{
	size_t mh = (size_t)ch->mh;
	bool turn = (mh + 1) % CH_COLS == 0 && mh + 1 < ch->nn;
	char attrs[128];

	snprintf(attrs, sizeof(attrs), "font-size=\"12\" %s text-anchor=\"%s\"",
	    ch->unreach ? "font-weight=\"bold\" fill=\"" C_FAULT "\"" : "font-style=\"italic\"",
	    turn ? "end" : "middle");
	svg_text(out, node_x(mh) + CH_BOX_W / 2 - (turn ? 8 : 0), node_y(mh, ch->bh) + ch->bh + 16,
	    attrs, "%s", ch->unreach ? "no route onward" : "last to answer");
}

void
rp_svg_path_chain(FILE *out, const struct rp_item *it)
{
	struct chain ch;
	char label[1200], what[300];
	size_t k, silent = 0;
	double h;

	if (it == NULL || it->tool != RT_PTRACE)
		return;
	svg_hops_read(it->root, &ch.hs);
	if (ch.hs.n == 0)
		return;
	svg_pverdict_read(it, &ch.v);
	ch.nn = chain_nodes(&ch.hs, &ch.v, ch.nodes);
	for (k = 0; k < ch.hs.n; k++)
		if (*ch.hs.v[k].address == '\0')
			silent++;
	chain_marks(&ch, what, sizeof(what));
	snprintf(label, sizeof(label), "The path from this machine to %s, hop by hop: %zu hop%s, "
	    "%zu of them silent.%s", it->target, ch.hs.n, ch.hs.n == 1 ? "" : "s", silent, what);
	ch.bh = chain_box_height(&ch);
	h = chain_height(&ch);
	svg_begin(out, "rp-chain", h, label);
	/* The links first, so that the boxes sit on top of their ends. */
	for (k = 0; k + 1 < ch.nn; k++)
		chain_link(out, &ch, k);
	for (k = 0; k < ch.nn; k++)
		chain_node(out, it, &ch.hs, &ch.nodes[k], ch.unreach && (int)k == ch.mh, node_x(k),
		    node_y(k, ch.bh), ch.bh);
	if (ch.mh > 0)
		chain_hop_note(out, &ch);
	if (ch.hs.more > 0)
		svg_text(out, 8, h - 8, "font-size=\"12\" fill=\"" C_LINE "\"",
		    "%zu more hop%s in the result, not drawn.", ch.hs.more, ch.hs.more == 1 ? "" : "s");
	svg_end(out);
}
