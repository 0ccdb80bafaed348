/*
 * probe-report's pictures, as inline SVG for the HTML page: the path as a
 * chain of hops, round-trip time and loss per hop, the client / path /
 * server boxes, and an HTTP timing waterfall.  A result file is untrusted
 * input: its strings go through rp_html_esc, its numbers are clamped to a
 * drawable range, and every loop over its arrays is bounded.  The SVG
 * carries no script, no link and no url() reference, sets its looks as
 * presentation attributes (the page's CSS is a bonus, not a need), and
 * never tells two things apart by colour alone, so a black-and-white
 * printout still reads.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "analyze/report/escape.h"
#include "analyze/report/report.h"

/*
 * One width for every picture: narrow enough that the text is still
 * legible when a phone shrinks the picture to its screen, wide enough
 * for three hop boxes side by side.
 */
#define SVG_W		480.0
#define MAX_HOPS	64		/* hops drawn; the rest are counted */
#define MAX_FLAGS	32		/* flags read per hop */
#define MS_MAX		1e6		/* 1000 s: a round trip or phase beyond is junk */
#define GLYPH_W		0.6		/* mean glyph width / font size, to fit text */

#define C_INK		"#222222"
#define C_LINE		"#555555"
#define C_GREY		"#8a8a8a"
#define C_PALE		"#f2f2f2"
#define C_FAULT		"#c62828"
#define C_FAULT_BG	"#fdecea"
#define C_FAULT_PALE	"#f3b3ad"
#define C_OK		"#2e7d32"
#define C_OK_BG		"#e8f5e9"
#define C_BLUE		"#1f5fa8"
#define C_BLUE_BG	"#d6e4f5"

/* What a hop's flags say, as far as the pictures care. */
#define SVG_HOP_DEST		0x01
#define SVG_HOP_DEPRIO		0x02	/* icmp-deprioritized */
#define SVG_HOP_RATELIM		0x04	/* rate-limited */
#define SVG_HOP_SILENT		0x08
#define SVG_HOP_UNREACH		0x10
#define SVG_HOP_NOT_FAULT	(SVG_HOP_DEPRIO | SVG_HOP_RATELIM | SVG_HOP_SILENT)

struct hop {
	int		 ttl;
	const char	*address;	/* "" when it never answered */
	const char	*name;		/* reverse DNS, "" when none */
	bool		 has_rtt;
	double		 min, median, max;	/* ms, min <= median <= max */
	double		 loss;		/* percent; < 0 when not given */
	unsigned int	 flags;
};

struct hops {
	struct hop	 v[MAX_HOPS];
	size_t		 n;
	size_t		 more;		/* hops in the file beyond MAX_HOPS */
};

/* The part of a ptrace-slow verdict the pictures mark. */
struct pverdict {
	const char	*kind;
	int		 hop;		/* -1 when none */
	int		 from, to;	/* the link's TTLs, -1 when none */
	double		 added_ms;	/* < 0 when not given */
	double		 loss_pct;	/* < 0 when not given */
};

struct span {
	const char	*p;
	size_t		 n;
};

/* ---- small helpers ---- */

/* v inside [lo, hi]; NaN becomes lo. */
static double
clampd(double v, double lo, double hi)
{
	if (!(v >= lo))
		return lo;
	return v > hi ? hi : v;
}

static double
mind(double a, double b)
{
	return a < b ? a : b;
}

static double
maxd(double a, double b)
{
	return a > b ? a : b;
}

/* A duration in words: "2.0 s", "50 ms", "0.03 ms". */
static void
fmt_dur(double ms, char *buf, size_t len)
{
	if (ms >= 100000)
		snprintf(buf, len, "%.0f s", ms / 1000);
	else if (ms >= 1000)
		snprintf(buf, len, "%.1f s", ms / 1000);
	else if (ms >= 10)
		snprintf(buf, len, "%.0f ms", ms);
	else if (ms >= 1)
		snprintf(buf, len, "%.1f ms", ms);
	else if (ms >= 0.005)
		snprintf(buf, len, "%.2f ms", ms);
	else if (ms > 0)
		snprintf(buf, len, "<0.01 ms");
	else
		snprintf(buf, len, "0 ms");
}

/* Characters of font size fs that fit in width w. */
static size_t
fit_chars(double w, double fs)
{
	double c = w / (fs * GLYPH_W);

	return c < 1 ? 1 : (size_t)c;
}

/*
 * A <text> element.  attrs are this file's own literal attributes; the
 * words are formatted, then escaped all the same, so that a result's
 * string slipping into a format one day still cannot break the page.
 */
static void text(FILE *, double, double, const char *, const char *, ...)
    __attribute__((format(printf, 5, 6)));

static void
text(FILE *out, double x, double y, const char *attrs, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
	rp_html_esc(out, buf);
	fputs("</text>\n", out);
}

/* A <text> element holding an untrusted string, cut to max characters. */
static void
text_fit(FILE *out, double x, double y, const char *attrs, const char *s, size_t max)
{
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
	rp_html_esc_fit(out, s, max);
	fputs("</text>\n", out);
}

/* A <title> child (a tooltip, and the name a screen reader gives the group). */
static void
title(FILE *out, const char *s)
{
	fputs("<title>", out);
	rp_html_esc(out, s);
	fputs("</title>", out);
}

/*
 * Split s at spaces into lines of at most width bytes (a longer word is
 * cut between characters); *more when max lines do not hold it all.
 */
static size_t
wrap(const char *s, size_t width, struct span *v, size_t max, bool *more)
{
	size_t n = 0, len, cut, i;

	*more = false;
	while (*s == ' ')
		s++;
	while (*s != '\0') {
		if (n == max) {
			*more = true;
			break;
		}
		len = strlen(s);
		if (len <= width) {
			cut = len;
		} else {
			for (cut = 0, i = width; i > 0; i--)
				if (s[i] == ' ') {
					cut = i;
					break;
				}
			if (cut == 0) {
				cut = width;
				while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
					cut--;
				if (cut == 0)
					cut = width;
			}
		}
		v[n].p = s;
		v[n++].n = cut;
		s += cut;
		while (*s == ' ')
			s++;
	}
	return n;
}

/* Wrapped lines of text from y on, each lh below the last; returns the y after them. */
static double
text_wrap(FILE *out, double x, double y, double lh, const char *attrs, const char *s,
    size_t width, size_t maxlines)
{
	struct span l[8];
	size_t i, n;
	bool more;

	if (maxlines > 8)
		maxlines = 8;
	n = wrap(s, width, l, maxlines, &more);
	for (i = 0; i < n; i++, y += lh) {
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
		rp_html_escn(out, l[i].p, l[i].n);
		if (more && i + 1 == n)
			fputs("\xe2\x80\xa6", out);
		fputs("</text>\n", out);
	}
	return y;
}

/* The <svg> element: sized by its viewBox, named in words for whoever cannot see it. */
static void
svg_begin(FILE *out, const char *cls, double h, const char *label)
{
	fprintf(out, "<svg class=\"pic %s\" viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" "
	    "role=\"img\" aria-label=\"", cls, SVG_W, h);
	rp_html_esc(out, label);
	fputs("\" font-family=\"sans-serif\" font-size=\"12\" fill=\"" C_INK "\">\n", out);
	title(out, label);
	fputs("\n<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n", out);
}

static void
svg_end(FILE *out)
{
	fputs("</svg>\n", out);
}

/* A solid triangle with its tip at (x, y), pointing right ('r'), down ('d') or up ('u'). */
static void
arrowhead(FILE *out, double x, double y, char dir, double s, const char *colour)
{
	double ax, ay, bx, by;

	switch (dir) {
	case 'd':
		ax = x - s * 0.6;
		ay = y - s;
		bx = x + s * 0.6;
		by = y - s;
		break;
	case 'u':
		ax = x - s * 0.6;
		ay = y + s;
		bx = x + s * 0.6;
		by = y + s;
		break;
	default:
		ax = x - s;
		ay = y - s * 0.6;
		bx = x - s;
		by = y + s * 0.6;
		break;
	}
	fprintf(out, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\"/>\n",
	    x, y, ax, ay, bx, by, colour);
}

/*
 * Diagonal hatching inside a rectangle, drawn line by line: a <pattern>
 * would need a url() reference, which the page does not allow.
 */
static void
hatch(FILE *out, double x, double y, double w, double h, double step, const char *colour)
{
	double u, ax, bx;

	if (w <= 0 || h <= 0 || step < 2)
		return;
	fprintf(out, "<g stroke=\"%s\" stroke-width=\"1\">", colour);
	for (u = step; u < w + h; u += step) {
		ax = u > h ? u - h : 0;		/* the line x + y = u, clipped to the box */
		bx = u < w ? u : w;
		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
		    x + ax, y + h - (u - ax), x + bx, y + h - (u - bx));
	}
	fputs("</g>\n", out);
}

/* ---- ptrace-slow's hops ---- */

static unsigned int
hop_flags(const json_t *h)
{
	static const struct {
		const char	*name;
		unsigned int	 flag;
	} names[] = {
		{ "destination", SVG_HOP_DEST }, { "icmp-deprioritized", SVG_HOP_DEPRIO },
		{ "rate-limited", SVG_HOP_RATELIM }, { "silent", SVG_HOP_SILENT },
		{ "unreachable", SVG_HOP_UNREACH },
	};
	const json_t *arr = rp_arr(h, "flags");
	unsigned int f = 0;
	size_t i, k, n = arr != NULL ? json_array_size(arr) : 0;

	for (i = 0; i < n && i < MAX_FLAGS; i++) {
		const char *s = json_string_value(json_array_get(arr, i));

		for (k = 0; s != NULL && k < sizeof(names) / sizeof(names[0]); k++)
			if (strcmp(s, names[k].name) == 0)
				f |= names[k].flag;
	}
	return f;
}

static void
hops_read(const json_t *root, struct hops *hs)
{
	const json_t *arr = rp_arr(root, "hops"), *h, *rtt;
	size_t i, total = arr != NULL ? json_array_size(arr) : 0;
	struct hop *p;
	double med;

	hs->n = 0;
	for (i = 0; i < total && hs->n < MAX_HOPS; i++) {
		h = json_array_get(arr, i);
		if (!json_is_object(h))
			continue;
		p = &hs->v[hs->n];
		memset(p, 0, sizeof(*p));
		/* Without its TTL a hop is still drawn, in its place in the list. */
		p->ttl = (int)rp_int(h, "ttl", 1, 255, (long long)hs->n + 1);
		p->address = rp_str(h, "address");
		p->name = rp_str(h, "name");
		p->flags = hop_flags(h);
		p->loss = rp_num(h, "loss_pct", -1);
		p->loss = p->loss < 0 ? -1 : clampd(p->loss, 0, 100);
		rtt = rp_obj(h, "rtt_ms");
		med = rp_num(rtt, "median", NAN);
		if (rtt != NULL && isfinite(med)) {
			p->has_rtt = true;
			p->median = clampd(med, 0, MS_MAX);
			p->min = mind(clampd(rp_num(rtt, "min", med), 0, MS_MAX), p->median);
			p->max = maxd(clampd(rp_num(rtt, "max", med), 0, MS_MAX), p->median);
		}
		if (*p->address == '\0' && !p->has_rtt)
			p->flags |= SVG_HOP_SILENT;
		hs->n++;
	}
	hs->more = total - i;
}

static void
pverdict_read(const json_t *root, struct pverdict *v)
{
	const json_t *vd = rp_obj(root, "verdict"), *link = rp_obj(vd, "link");
	double d;

	v->kind = rp_str(vd, "kind");
	v->hop = (int)rp_int(vd, "hop", 1, 255, -1);
	v->from = (int)rp_int(rp_obj(link, "from"), "ttl", 0, 255, -1);
	v->to = (int)rp_int(rp_obj(link, "to"), "ttl", 1, 255, -1);
	/* A link verdict without its link: the one into the verdict's hop. */
	if ((v->from < 0 || v->to <= v->from) && v->hop > 0 &&
	    (strcmp(v->kind, "bottleneck") == 0 || strcmp(v->kind, "lossy-link") == 0)) {
		v->from = v->hop - 1;
		v->to = v->hop;
	}
	if (v->to <= v->from)
		v->from = v->to = -1;
	d = rp_num(vd, "added_ms", -1);
	v->added_ms = d < 0 ? -1 : clampd(d, 0, MS_MAX);
	d = rp_num(vd, "loss_pct", -1);
	v->loss_pct = d < 0 ? -1 : clampd(d, 0, 100);
}

/*
 * The hops a chart draws: a trailing run of silent hops (a trace that
 * went quiet, probed on up to its last TTL) keeps only its first hop,
 * and the rest are named in a note.
 */
static size_t
chart_span(const struct hops *hs, int *cut_lo, int *cut_hi)
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

/* The notes under a chart: hops cut off, hops beyond what is drawn. */
static double
chart_notes(FILE *out, double y, const struct hops *hs, int cut_lo, int cut_hi)
{
	const char *attrs = "font-size=\"13\" fill=\"" C_LINE "\"";

	if (cut_lo > 0) {
		text(out, 8, y, attrs, "Hops %d\xe2\x80\x93%d did not answer either (not drawn).",
		    cut_lo, cut_hi);
		y += 17;
	}
	if (hs->more > 0) {
		text(out, 8, y, attrs, "%zu more hop%s in the result, not drawn.", hs->more,
		    hs->more == 1 ? "" : "s");
		y += 17;
	}
	return y;
}

/* ---- 1. the path as a chain ---- */

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
	title(out, tip);
	fprintf(out, "\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" "
	    "fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n",
	    x, y, CH_BOX_W, bh, fill, stroke, sw, dash);
	fprintf(out, "<g text-anchor=\"middle\" fill=\"%s\">\n", ink);
	text(out, cx, y + 17, "font-size=\"13\" font-weight=\"bold\"", "%s", head);
	text_fit(out, cx, y + 33, "font-size=\"12\"", addr, fit_chars(CH_BOX_W - 8, 12));
	ly = y + 48;
	if (*name) {
		text_fit(out, cx, ly, "font-size=\"11\"", name, fit_chars(CH_BOX_W - 8, 11));
		ly += 14;
	}
	if (*note)
		text(out, cx, ly, "font-size=\"11\" font-style=\"italic\"", "%s", note);
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
	hops_read(it->root, &hs);
	if (hs.n == 0)
		return;
	pverdict_read(it->root, &v);
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
				fmt_dur(v.added_ms, amount + 1, sizeof(amount) - 1);
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
			arrowhead(out, x1 - 1, ym, 'r', 7, col);
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
			arrowhead(out, x1 + CH_BOX_W / 2, y1 - 1, 'd', 7, col);
			lx = x0 + CH_BOX_W / 2 - 8;
			ly = y0 + bh + 18;
			anchor = "end";
		}
		if (mark && (int)k == ma && *amount) {
			char attrs[128];

			snprintf(attrs, sizeof(attrs), "font-size=\"13\" font-weight=\"bold\" "
			    "text-anchor=\"%s\" fill=\"" C_FAULT "\"", anchor);
			text(out, lx, ly, attrs, "%s", amount);
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
		text(out, node_x((size_t)mh) + CH_BOX_W / 2 - (turn ? 8 : 0),
		    node_y((size_t)mh, bh) + bh + 16, attrs, "%s",
		    unreach ? "no route onward" : "last to answer");
	}
	if (hs.more > 0)
		text(out, 8, h - 8, "font-size=\"12\" fill=\"" C_LINE "\"",
		    "%zu more hop%s in the result, not drawn.", hs.more, hs.more == 1 ? "" : "s");
	svg_end(out);
}

/* ---- 2 and 3. per-hop charts ---- */

struct chart {
	double	x0, x1, y0, y1;		/* the plot area */
	size_t	n;			/* hops across */
};

static double
chart_cx(const struct chart *c, size_t i)
{
	return c->x0 + (c->x1 - c->x0) * ((double)i + 0.5) / (double)c->n;
}

/* The axes, the hop numbers under them, and "hop" and what the y axis counts. */
static void
chart_axes(FILE *out, const struct chart *c, const struct hops *hs, const char *ylabel)
{
	size_t i, every = (c->n + 15) / 16;

	fprintf(out, "<g stroke=\"%s\" stroke-width=\"1\"><line x1=\"%.1f\" y1=\"%.1f\" "
	    "x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>\n",
	    C_LINE, c->x0, c->y0, c->x0, c->y1, c->x0, c->y1, c->x1, c->y1);
	fputs("<g font-size=\"13\" text-anchor=\"middle\">\n", out);
	for (i = 0; i < c->n; i += every)
		text(out, chart_cx(c, i), c->y1 + 18, "", "%d", hs->v[i].ttl);
	fputs("</g>\n", out);
	text(out, c->x0 - 6, c->y1 + 18, "font-size=\"13\" text-anchor=\"end\"", "hop");
	text(out, 4, c->y0 - 14, "font-size=\"13\" fill=\"" C_LINE "\"", "%s", ylabel);
}

/*
 * A chart's legend: one entry per style the chart uses, a swatch the
 * caller draws at (8..32, y - 12..y + 2) and words wrapped beside it.
 */
#define LG_WIDTH	52	/* characters on a line of a legend */
#define LG_LINES	3

struct legend {
	char		 style;
	const char	*words;
};

static size_t
wrap_count(const char *s, size_t width, size_t max)
{
	struct span l[8];
	bool more;

	return wrap(s, width, l, max > 8 ? 8 : max, &more);
}

static double
legend_height(const struct legend *lg, size_t n)
{
	double h = 0;
	size_t i;

	for (i = 0; i < n; i++)
		h += (double)wrap_count(lg[i].words, LG_WIDTH, LG_LINES) * 16 + 6;
	return h;
}

/* The bit of a legend's entry for style, for a set of the styles seen. */
static unsigned int
legend_bit(const struct legend *lg, size_t n, char style)
{
	size_t i;

	for (i = 0; i < n && i < 32; i++)
		if (lg[i].style == style)
			return 1u << i;
	return 0;
}

static double
legend_words(FILE *out, double y, const char *words)
{
	return text_wrap(out, 38, y, 16, "font-size=\"13\"", words, LG_WIDTH, LG_LINES) + 6;
}

/* A round step (1, 2 or 5 times a power of ten) that cuts range into about ticks parts. */
static double
nice_step(double range, int ticks)
{
	double raw = range / ticks, mag, f;

	if (!(raw > 0))
		return 1;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

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
	hops_read(it->root, &hs);
	n = chart_span(&hs, &cut_lo, &cut_hi);
	for (i = 0; i < n; i++)
		if (hs.v[i].has_rtt) {
			answered++;
			med_max = maxd(med_max, hs.v[i].median);
			max_max = maxd(max_max, hs.v[i].max);
		}
	if (answered == 0)
		return;
	pverdict_read(it->root, &v);
	bottleneck = strcmp(v.kind, "bottleneck") == 0 && v.hop > 0;

	/*
	 * The axis follows the medians; the slowest answers count only up
	 * to three times the largest median, so that one wild reply does
	 * not flatten every other hop.  Below 1 ms differences are noise.
	 */
	top = maxd(med_max, mind(max_max, 3 * med_max));
	top = clampd(top, 1, MS_MAX);
	step = nice_step(top, 4);
	top = ceil(top / step - 1e-9) * step;

	/* Which styles the chart uses, for its legend. */
	for (i = 0; i < n; i++) {
		char st = rtt_style(&hs.v[i], &v, bottleneck);

		seen |= legend_bit(all, NLG, st != 0 ? st : '*');
		if (st != 0 && hs.v[i].max > top)
			seen |= legend_bit(all, NLG, '^');
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
		fmt_dur(v.added_ms, amount + 1, sizeof(amount) - 1);
	}
	if (bottleneck)
		snprintf(label, sizeof(label), "Round-trip time to each hop on the way to %s. From "
		    "hop %d on, every hop keeps %s of added delay up to the destination.",
		    it->target, v.hop, *amount ? amount + 1 : "the");
	else
		snprintf(label, sizeof(label), "Round-trip time to each hop on the way to %s. No "
		    "hop adds delay that is kept up to the destination.", it->target);
	h = c.y1 + 44 + (cut_lo > 0 ? 17 : 0) + (hs.more > 0 ? 17 : 0) + legend_height(lg, nlg);
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
		text(out, c.x0 - 6, ty + 4, "font-size=\"13\" text-anchor=\"end\"", "%s", tick);
	}
	chart_axes(out, &c, &hs, "round trip");

	for (i = 0; i < n; i++) {
		const struct hop *p = &hs.v[i];
		double cx = chart_cx(&c, i), ylo, yhi, ymed;
		char style = rtt_style(p, &v, bottleneck), a[16], b[16], m[16];
		bool clip;

		if (style == 0) {
			text(out, cx, c.y1 - 5, "font-size=\"16\" font-weight=\"bold\" "
			    "text-anchor=\"middle\" fill=\"" C_GREY "\"", "*");
			continue;
		}
		clip = p->max > top;
		ylo = c.y1 - mind(p->min, top) / top * ph;
		yhi = c.y1 - mind(p->max, top) / top * ph;
		ymed = c.y1 - mind(p->median, top) / top * ph;
		fmt_dur(p->min, a, sizeof(a));
		fmt_dur(p->median, m, sizeof(m));
		fmt_dur(p->max, b, sizeof(b));
		snprintf(tip, sizeof(tip), "hop %d: median %s, fastest %s, slowest %s%s", p->ttl, m,
		    a, b, style == 'd' ? " (slow to answer, not to forward: not a fault)" :
		    style == 'k' ? " (keeps the delay added at the bottleneck)" : "");
		fputs("<g>", out);
		title(out, tip);
		fputs("\n", out);
		rtt_bar(out, cx, bw, slot, ylo, yhi, ymed, style);
		if (clip)
			arrowhead(out, cx, c.y0 - 10, 'u', 7, C_INK);
		fputs("</g>\n", out);
		ys = clip ? c.y0 - 20 : mind(yhi, ymed - 6) - 8;
		if (bottleneck && p->ttl == v.hop && *amount)
			text(out, cx, ys, "font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\" "
			    "fill=\"" C_FAULT "\"", "%s", amount);
		else if (style == 'd' && n <= 8)
			text(out, cx, ys, "font-size=\"11\" font-style=\"italic\" text-anchor=\"middle\" "
			    "fill=\"" C_LINE "\"", "slow reply only");
	}

	y = chart_notes(out, c.y1 + 40, &hs, cut_lo, cut_hi) + 4;
	for (k = 0; k < nlg; k++) {
		switch (lg[k].style) {
		case '^':
			arrowhead(out, 20, y - 12, 'u', 7, C_INK);
			break;
		case '*':
			text(out, 20, y + 3, "font-size=\"16\" font-weight=\"bold\" "
			    "text-anchor=\"middle\" fill=\"" C_GREY "\"", "*");
			break;
		default:
			rtt_bar(out, 20, 8, 40, y + 2, y - 12, y - 5, lg[k].style);
			break;
		}
		y = legend_words(out, y, lg[k].words);
	}
	svg_end(out);
}

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
		hatch(out, x, y, w, h, 5, C_GREY);
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
	hops_read(it->root, &hs);
	n = chart_span(&hs, &cut_lo, &cut_hi);
	pverdict_read(it->root, &v);
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
			seen |= legend_bit(all, NLG, loss_style(&hs.v[i], &v, lossy_link, loss[i]));
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
	    (lossy > 0 ? legend_height(lg, nlg) : 22);
	svg_begin(out, "rp-loss", h, label);

	for (pct = 0; pct <= 100; pct += lossy > 0 ? 50 : 100) {
		double ty = c.y1 - pct / 100.0 * (c.y1 - c.y0);

		if (pct > 0)
			fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			    "stroke=\"#dddddd\" stroke-width=\"1\"/>\n", c.x0, ty, c.x1, ty);
		text(out, c.x0 - 6, ty + 4, "font-size=\"13\" text-anchor=\"end\"", "%d%%", pct);
	}
	chart_axes(out, &c, &hs, "probes lost");

	for (i = 0; i < n; i++) {
		const struct hop *p = &hs.v[i];
		double cx = chart_cx(&c, i), bh;
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
		title(out, tip);
		fputs("\n", out);
		loss_bar(out, cx - bw / 2, c.y1 - bh, bw, bh, style);
		fputs("</g>\n", out);
		if (is_dest || (n <= 20 && loss[i] >= 0.5)) {
			char attrs[160];

			snprintf(attrs, sizeof(attrs), "font-size=\"%s\" text-anchor=\"middle\"%s",
			    is_dest ? "13\" font-weight=\"bold" : "12",
			    style == 'r' ? " fill=\"" C_FAULT "\"" : "");
			text(out, cx, c.y1 - bh - 5, attrs, "%s%.0f%%",
			    is_dest && n <= 12 && loss[i] < 80 ? "destination " : "", loss[i]);
		}
		if (lossy_link && p->ttl == v.hop && loss[i] > 0 && loss[i] < 80)
			text(out, cx, c.y1 - bh - 21, "font-size=\"13\" font-weight=\"bold\" "
			    "text-anchor=\"middle\" fill=\"" C_FAULT "\"", "loss starts");
	}

	y = chart_notes(out, c.y1 + 40, &hs, cut_lo, cut_hi) + 4;
	if (lossy == 0) {
		text(out, 8, y, "font-size=\"13\"", "No hop loses any probe.");
		svg_end(out);
		return;
	}
	for (k = 0; k < nlg; k++) {
		loss_bar(out, 12, y - 12, 16, 14, lg[k].style);
		y = legend_words(out, y, lg[k].words);
	}
	svg_end(out);
}

/* ---- 4. this machine, the path, the server ---- */

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
	size_t i, max = fit_chars(b->w - 8, 12);
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
	title(out, tip);
	fprintf(out, "\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"8\" "
	    "fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n", b->x, BX_Y, b->w, BX_H, fill,
	    stroke, sw, dash);
	fprintf(out, "<g text-anchor=\"middle\" fill=\"%s\">\n", ink);
	snprintf(attrs, sizeof(attrs), "font-size=\"%.0f\" font-weight=\"bold\"", b->head_fs);
	text(out, cx, BX_Y + 22, attrs, "%s", b->head);
	for (i = 0; i < 2; i++)
		if (*b->sub[i])
			text_fit(out, cx, BX_Y + 41 + 15 * (double)i, "font-size=\"12\"", b->sub[i], max);
	fputs("</g></g>\n", out);
}

/* A pill above a box: white words on a dark ground read in black and white too. */
static void
box_tag(FILE *out, const struct box *b, const char *words, const char *colour)
{
	double w = (double)strlen(words) * 12 * GLYPH_W + 16, cx = b->x + b->w / 2;

	fprintf(out, "<rect x=\"%.1f\" y=\"6\" width=\"%.1f\" height=\"20\" rx=\"10\" "
	    "fill=\"%s\"/>\n", cx - w / 2, w, colour);
	text(out, cx, 20, "font-size=\"12\" font-weight=\"bold\" text-anchor=\"middle\" "
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
	    wrap_count(where, BX_CAP_W, 3) + wrap_count(where2, BX_CAP_W, 3);
	h = BX_Y + BX_H + 24 + (double)caplines * 17 + 20;
	svg_begin(out, "rp-boxes", h, label);

	for (k = 0; k + 1 < nb; k++) {
		double x0 = b[k].x + b[k].w + 3, x1 = b[k + 1].x - 3, ym = BX_Y + BX_H / 2;
		bool faded = b[k + 1].state == BS_BYPASSED;
		const char *col = faded ? C_GREY : C_LINE;

		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
		    "stroke-width=\"2\"%s/>\n", x0, ym, x1 - 8, ym, col,
		    faded ? " stroke-dasharray=\"4 3\"" : "");
		arrowhead(out, x1, ym, 'r', 8, col);
	}
	for (k = 0; k < nb; k++)
		box_draw(out, &b[k]);

	y = BX_Y + BX_H + 24;
	if (none) {
		for (k = 0; k < nb; k++)
			box_tag(out, &b[k], "OK", C_OK);
		text(out, cap_x, y, "font-size=\"13\" text-anchor=\"middle\"",
		    "No fault found: all three work.");
		y += 17;
	} else if (marked >= nb) {
		text(out, cap_x, y, "font-size=\"13\" font-style=\"italic\" text-anchor=\"middle\"",
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
		y = text_wrap(out, cap_x, y, 17, attrs, where, BX_CAP_W, 3);
		y = text_wrap(out, cap_x, y, 17, attrs, where2, BX_CAP_W, 3);
	}
	snprintf(attrs, sizeof(attrs), "font-size=\"12\" fill=\"" C_LINE "\" text-anchor=\"%s\"",
	    anchor);
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>finding: ", cap_x, y + 1, attrs);
	rp_html_esc_fit(out, it->kind, 40);
	fputs("</text>\n", out);
	svg_end(out);
}

/* ---- 5. the HTTP timing waterfall ---- */

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
		fmt_dur(d[longest], longest_dur, sizeof(longest_dur));
	fmt_dur(total >= 0 ? total : sum, dur, sizeof(dur));
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
	h = 10 + (double)rows * WF_ROW + 28 + (double)wrap_count(note, WF_NOTE_W, 2) * 15;
	svg_begin(out, "rp-waterfall", h, label);

	/* Time grid. */
	step = nice_step(scale, 4);
	for (k = 0, t = 0; t <= scale * 1.0001 && k < 12; k++, t += step) {
		x = WF_BX0 + t / scale * (WF_BX1 - WF_BX0);
		fprintf(out, "<line x1=\"%.1f\" y1=\"6\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\" "
		    "stroke-width=\"1\"/>\n", x, x, 10 + (double)rows * WF_ROW);
		fmt_dur(t, tick, sizeof(tick));
		text(out, x, 10 + (double)rows * WF_ROW + 16, k == 0 ?
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

		text(out, 8, y + 16, attrs, "%s", phases[i].name);
		snprintf(rattrs, sizeof(rattrs), "%s text-anchor=\"end\"", attrs);
		if (d[i] < 0) {
			text(out, WF_BX0 - 8, y + 16, "font-size=\"13\" text-anchor=\"end\" fill=\""
			    C_GREY "\"", "\xe2\x80\x94");
			text(out, WF_BX0 + 4, y + 16, "font-size=\"11\" font-style=\"italic\" fill=\""
			    C_GREY "\"", "not measured");
			continue;
		}
		fmt_dur(d[i], dur, sizeof(dur));
		text(out, WF_BX0 - 8, y + 16, rattrs, "%s", dur);
		x = WF_BX0 + start / scale * (WF_BX1 - WF_BX0);
		w = d[i] / scale * (WF_BX1 - WF_BX0);
		fputs("<g>", out);
		{
			char tip[96];

			snprintf(tip, sizeof(tip), "%s: %s%s", phases[i].name, dur,
			    big ? " (the longest phase)" : "");
			title(out, tip);
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
				text(out, end + 5, y + 17, "font-size=\"12\" font-weight=\"bold\"",
				    "longest");
			else if (x - 64 >= WF_BX0)
				text(out, x - 5, y + 17, "font-size=\"12\" font-weight=\"bold\" "
				    "text-anchor=\"end\"", "longest");
			else
				text(out, x + 6, y + 17, "font-size=\"12\" font-weight=\"bold\" "
				    "fill=\"#ffffff\"", "longest");
		}
		start += d[i];
	}
	if (rest > 0) {
		fmt_dur(rest, dur, sizeof(dur));
		text(out, 8, y + 16, "font-size=\"13\" font-style=\"italic\"", "not broken down");
		text(out, WF_BX0 - 8, y + 16, "font-size=\"13\" font-style=\"italic\" "
		    "text-anchor=\"end\"", "%s", dur);
		x = WF_BX0 + sum / scale * (WF_BX1 - WF_BX0);
		w = maxd(rest / scale * (WF_BX1 - WF_BX0), 2);
		fputs("<g>", out);
		title(out, "time in the total that the phases above do not account for");
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" "
		    "fill=\"#eeeeee\"/>", x, y + 7, w);
		hatch(out, x, y + 7, w, 12, 6, C_GREY);
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"none\" "
		    "stroke=\"%s\" stroke-dasharray=\"3 2\"/></g>\n", x, y + 7, w, C_GREY);
		y += WF_ROW;
	}
	fmt_dur(total >= 0 ? total : sum, dur, sizeof(dur));
	text(out, 8, y + 16, "font-size=\"13\" font-weight=\"bold\"", "total");
	text(out, WF_BX0 - 8, y + 16, "font-size=\"13\" font-weight=\"bold\" text-anchor=\"end\"",
	    "%s", dur);
	fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"none\" "
	    "stroke=\"%s\" stroke-width=\"2\"/>\n", WF_BX0, y + 7,
	    (total >= 0 ? total : sum) / scale * (WF_BX1 - WF_BX0), C_INK);
	y += WF_ROW + 28;

	text_wrap(out, 8, y, 15, "font-size=\"12\" fill=\"" C_LINE "\"", note, WF_NOTE_W, 2);
	svg_end(out);
}
