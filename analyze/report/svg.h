/*
 * What probe-report's SVG pictures share (svg.c, svg_chart.c and one
 * file per picture, svg_budget.c to svg_waterfall.c): the sizes and
 * colours, the drawing primitives, and ptrace-slow's hops and verdict
 * read once, checked and clamped, for every picture that draws them.
 * Internal to analyze/report/: the pages call the rp_svg_* pictures
 * declared in report.h.
 */
#ifndef FL_REPORT_SVG_H
#define FL_REPORT_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

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
#define SVG_HOP_NAT		0x20	/* a quote shows the probe translated */
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
	double		 capacity_kbps;	/* < 0 when not given */
	bool		 link;		/* the verdict blames the link from..to (rp_blames_link) */
	bool		 delay;		/* for delay every later hop carries (rp_blames_delay) */
};

/* The plot area of a per-hop chart (latency, loss), one slot per hop across. */
struct chart {
	double	x0, x1, y0, y1;		/* the plot area */
	size_t	n;			/* hops across */
};

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

/* v inside [lo, hi]; NaN becomes lo. */
static inline double
clampd(double v, double lo, double hi)
{
	if (!(v >= lo))
		return lo;
	return v > hi ? hi : v;
}

static inline double
mind(double a, double b)
{
	return a < b ? a : b;
}

static inline double
maxd(double a, double b)
{
	return a > b ? a : b;
}

/* ---- primitives (svg.c) ---- */

/* A duration in words: "2.0 s", "50 ms", "0.03 ms". */
void	svg_fmt_dur(double ms, char *buf, size_t len);
/* Characters of font size fs that fit in width w. */
size_t	svg_fit_chars(double w, double fs);
/* A round step (1, 2 or 5 times a power of ten) that cuts range into about ticks parts. */
double	svg_nice_step(double range, int ticks);

/*
 * A <text> element.  attrs are the caller's own literal attributes; the
 * words are formatted, then escaped all the same, so that a result's
 * string slipping into a format one day still cannot break the page.
 */
void	svg_text(FILE *, double x, double y, const char *attrs, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* A <text> element holding an untrusted string, cut to max characters. */
void	svg_text_fit(FILE *, double x, double y, const char *attrs, const char *s, size_t max);
/* Wrapped lines of text from y on, each lh below the last; returns the y after them. */
double	svg_text_wrap(FILE *, double x, double y, double lh, const char *attrs, const char *s,
	    size_t width, size_t maxlines);
/* The lines svg_text_wrap would write (at most max). */
size_t	svg_wrap_count(const char *s, size_t width, size_t max);
/* A <title> child (a tooltip, and the name a screen reader gives the group). */
void	svg_title(FILE *, const char *s);

/* The <svg> element: sized by its viewBox, named in words for whoever cannot see it. */
void	svg_begin(FILE *, const char *cls, double h, const char *label);
void	svg_end(FILE *);
/* A solid triangle with its tip at (x, y), pointing right ('r'), down ('d') or up ('u'). */
void	svg_arrowhead(FILE *, double x, double y, char dir, double s, const char *colour);
/* Diagonal hatching inside a rectangle (no <pattern>: it would need a url()). */
void	svg_hatch(FILE *, double x, double y, double w, double h, double step, const char *colour);

/* ---- ptrace-slow's hops and verdict (svg.c) ---- */

struct rp_item;

void	svg_hops_read(const json_t *root, struct hops *);
void	svg_pverdict_read(const struct rp_item *, struct pverdict *);

/* ---- the per-hop charts' frame (svg_chart.c) ---- */

/* The hops a chart draws: of a trailing silent run, the first; the rest go in a note. */
size_t	svg_chart_span(const struct hops *, int *cut_lo, int *cut_hi);
/* The height of a chart with below (its legend) under its notes. */
double	svg_chart_height(const struct chart *, const struct hops *, int cut_lo, double below);
/* The notes under a chart; returns the y after them. */
double	svg_chart_notes(FILE *, double y, const struct hops *, int cut_lo, int cut_hi);
/* The centre of hop i's slot. */
double	svg_chart_cx(const struct chart *, size_t i);
void	svg_chart_axes(FILE *, const struct chart *, const struct hops *, const char *ylabel);
void	svg_chart_ytick(FILE *, const struct chart *, double ty, bool line, const char *label);
double	svg_legend_height(const struct legend *, size_t n);
unsigned int svg_legend_bit(const struct legend *, size_t n, char style);
size_t	svg_legend_pick(const struct legend *all, size_t n, unsigned int seen,
	    struct legend *lg);
/* An entry's words, wrapped beside its swatch; returns the y of the next entry. */
double	svg_legend_words(FILE *, double y, const char *words);

#endif
