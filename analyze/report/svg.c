/*
 * The drawing primitives probe-report's pictures share (svg.h): text
 * that is always escaped and fits its box, the <svg> frame, arrowheads
 * and hatching; and ptrace-slow's hops and verdict read from a result.
 * A result file is untrusted input: its strings go through the escaping
 * of escape.c, its numbers are clamped to a drawable range, and every
 * loop over its arrays is bounded.  The SVG carries no script, no link
 * and no url() reference, sets its looks as presentation attributes
 * (the page's CSS is a bonus, not a need), and never tells two things
 * apart by colour alone, so a black-and-white printout still reads.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "analyze/report/escape.h"
#include "analyze/report/json_read.h"
#include "analyze/report/report.h"
#include "analyze/report/svg.h"

struct span {
	const char	*p;
	size_t		 n;
};

/* A duration in words: "2.0 s", "50 ms", "0.03 ms". */
void
svg_fmt_dur(double ms, char *buf, size_t len)
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
size_t
svg_fit_chars(double w, double fs)
{
	double c = w / (fs * GLYPH_W);

	return c < 1 ? 1 : (size_t)c;
}

/* A <text> element, its words escaped (svg.h says why). */
void
svg_text(FILE *out, double x, double y, const char *attrs, const char *fmt, ...)
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
void
svg_text_fit(FILE *out, double x, double y, const char *attrs, const char *s, size_t max)
{
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
	rp_html_esc_fit(out, s, max);
	fputs("</text>\n", out);
}

/* A <title> child (a tooltip, and the name a screen reader gives the group). */
void
svg_title(FILE *out, const char *s)
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
double
svg_text_wrap(FILE *out, double x, double y, double lh, const char *attrs, const char *s,
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
void
svg_begin(FILE *out, const char *cls, double h, const char *label)
{
	fprintf(out, "<svg class=\"pic %s\" viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" "
	    "role=\"img\" aria-label=\"", cls, SVG_W, h);
	rp_html_esc(out, label);
	fputs("\" font-family=\"sans-serif\" font-size=\"12\" fill=\"" C_INK "\">\n", out);
	svg_title(out, label);
	fputs("\n<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n", out);
}

void
svg_end(FILE *out)
{
	fputs("</svg>\n", out);
}

/* A solid triangle with its tip at (x, y), pointing right ('r'), down ('d') or up ('u'). */
void
svg_arrowhead(FILE *out, double x, double y, char dir, double s, const char *colour)
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
void
svg_hatch(FILE *out, double x, double y, double w, double h, double step, const char *colour)
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

size_t
svg_wrap_count(const char *s, size_t width, size_t max)
{
	struct span l[8];
	bool more;

	return wrap(s, width, l, max > 8 ? 8 : max, &more);
}

/* A round step (1, 2 or 5 times a power of ten) that cuts range into about ticks parts. */
double
svg_nice_step(double range, int ticks)
{
	double raw = range / ticks, mag, f;

	if (!(raw > 0))
		return 1;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
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
		{ "unreachable", SVG_HOP_UNREACH }, { "nat", SVG_HOP_NAT },
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

void
svg_hops_read(const json_t *root, struct hops *hs)
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

void
svg_pverdict_read(const struct rp_item *it, struct pverdict *v)
{
	const json_t *vd = rp_obj(it->root, "verdict"), *link = rp_obj(vd, "link");
	double d;

	/* The item's kind: the page and the pictures say the same. */
	v->kind = it->kind;
	v->link = rp_blames_link(it);
	v->delay = rp_blames_delay(it);
	v->hop = (int)rp_int(vd, "hop", 1, 255, -1);
	v->from = (int)rp_int(rp_obj(link, "from"), "ttl", 0, 255, -1);
	v->to = (int)rp_int(rp_obj(link, "to"), "ttl", 1, 255, -1);
	/* A link verdict without its link: the one into the verdict's hop. */
	if ((v->from < 0 || v->to <= v->from) && v->hop > 0 &&
	    (v->link || strcmp(v->kind, "bottleneck") == 0)) {
		v->from = v->hop - 1;
		v->to = v->hop;
	}
	if (v->to <= v->from)
		v->from = v->to = -1;
	d = rp_num(vd, "added_ms", -1);
	v->added_ms = d < 0 ? -1 : clampd(d, 0, MS_MAX);
	d = rp_num(vd, "loss_pct", -1);
	v->loss_pct = d < 0 ? -1 : clampd(d, 0, 100);
	d = rp_num(vd, "capacity_kbps", -1);
	v->capacity_kbps = d > 0 ? clampd(d, 0, 1e9) : -1;
}
