/*
 * ptrace-slow's latency budget (svg.h): where the round trip goes, a
 * row per link that takes a noticeable part of it, the rest summed in
 * one row.  Each bar is the link's fixed step (what it adds to the
 * fastest round trip: distance, a tunnel, a slow link), with the
 * queueing of the median round hatched after it; the link the verdict
 * blames is red and named, every other one is drawn alike, so that a
 * healthy path's longest step does not look like a fault.
 */
#include <string.h>

#include "analyze/report/path.h"
#include "analyze/report/report.h"
#include "analyze/report/svg.h"

#define BG_ROWS		12	/* links drawn; the rest are one row */
#define BG_X0		158.0	/* where the bars start: after "this machine -> hop 1" */
#define BG_X1		(SVG_W - 12)
#define BG_ROW_H	40.0
#define BG_TOP		50.0

struct budget_pic {
	struct rp_budget b;
	size_t		 rows[BG_ROWS];	/* links drawn, in path order */
	size_t		 nrows;
	size_t		 nrest;		/* links summed in the last row */
	double		 rest_ms;
	double		 scale_ms;	/* what the full bar width stands for */
	bool		 queued;	/* a bar has queueing drawn */
	bool		 fault_drawn;
};

static double
queue_of(const struct rp_link *l)
{
	return l->queue_ms > 0 ? l->queue_ms : 0;
}

/* A link takes a noticeable part: a tenth of a millisecond and 2 % of the time, or queueing. */
static bool
noticeable(const struct budget_pic *p, size_t i)
{
	const struct rp_link *l = &p->b.v[i];

	return (int)i == p->b.fault || queue_of(l) >= 1 ||
	    (l->added_ms >= 0.1 && (l->share < 0 || l->share >= 0.02));
}

/* The rows: the noticeable links, the largest BG_ROWS of them (the blamed one always). */
static void
pick_rows(struct budget_pic *p)
{
	size_t i, j, k, n = 0;
	double w, wmin;

	for (i = 0; i < p->b.n; i++) {
		if (!noticeable(p, i))
			continue;
		if (n < BG_ROWS) {
			p->rows[n++] = i;
			continue;
		}
		/*
		 * Full: this link takes the place of the smallest row that is not
		 * the blamed link, when it is larger than that row or is itself
		 * the blamed link.
		 */
		w = (int)i == p->b.fault ? 1e300 : p->b.v[i].added_ms + queue_of(&p->b.v[i]);
		for (j = 0, k = BG_ROWS, wmin = w; j < n; j++) {
			const struct rp_link *l = &p->b.v[p->rows[j]];

			if ((int)p->rows[j] != p->b.fault && l->added_ms + queue_of(l) < wmin) {
				wmin = l->added_ms + queue_of(l);
				k = j;
			}
		}
		if (k == BG_ROWS)
			continue;
		memmove(&p->rows[k], &p->rows[k + 1], (n - k - 1) * sizeof(p->rows[0]));
		p->rows[n - 1] = i;
	}
	p->nrows = n;
	p->nrest = 0;
	p->rest_ms = 0;
	for (i = 0; i < p->b.n; i++) {
		for (j = 0; j < n && p->rows[j] != i; j++)
			;
		if (j == n) {
			p->nrest++;
			p->rest_ms += p->b.v[i].added_ms;
		}
	}
	p->nrest += p->b.more;
	p->scale_ms = p->rest_ms;
	p->queued = p->fault_drawn = false;
	for (j = 0; j < n; j++) {
		const struct rp_link *l = &p->b.v[p->rows[j]];

		p->scale_ms = maxd(p->scale_ms, l->added_ms + queue_of(l));
		p->queued |= queue_of(l) >= 0.1;
		p->fault_drawn |= (int)p->rows[j] == p->b.fault;
	}
}

/* "hop 2 -> hop 3", "this machine -> hop 1", the arrow a real one. */
static void
row_label(const struct rp_link *l, char *buf, size_t len)
{
	char a[32], b[32];

	if (l->from_ttl == 0)
		snprintf(a, sizeof(a), "this machine");
	else
		snprintf(a, sizeof(a), "hop %d", l->from_ttl);
	snprintf(b, sizeof(b), "hop %d", l->to_ttl);
	snprintf(buf, len, "%s \xe2\x86\x92 %s", a, b);
}

/* Under a bar: the step, its share and why; or the queueing. */
static void
row_words(const struct budget_pic *p, const struct rp_link *l, char *buf, size_t len)
{
	char add[16], q[16], q90[16], share[24] = "";

	svg_fmt_dur(l->added_ms, add, sizeof(add));
	if (l->share >= 0 && p->b.total_ms >= 1)
		snprintf(share, sizeof(share), " (%.0f%%)", 100 * l->share);
	if (queue_of(l) >= 0.1) {
		svg_fmt_dur(queue_of(l), q, sizeof(q));
		svg_fmt_dur(l->queue_p90_ms > 0 ? l->queue_p90_ms : queue_of(l), q90, sizeof(q90));
		if (l->added_ms >= 0.1)
			snprintf(buf, len, "+%s%s, queue %s (median), %s (worst tenth)", add, share,
			    q, q90);
		else
			snprintf(buf, len, "queue %s (median), %s (worst tenth)", q, q90);
		return;
	}
	snprintf(buf, len, "+%s%s: %s", add, share, rp_cause_words(l->cause, true));
}

static void
row_bar(FILE *out, const struct budget_pic *p, const struct rp_link *l, bool fault, double y)
{
	double w = BG_X1 - BG_X0, fw = l->added_ms / p->scale_ms * w;
	double qw = queue_of(l) / p->scale_ms * w;

	fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\" "
	    "stroke=\"%s\" stroke-width=\"%s\"/>\n", BG_X0, y, maxd(fw, 1),
	    fault ? C_FAULT_PALE : C_BLUE_BG, fault ? C_FAULT : C_BLUE, fault ? "2" : "1");
	if (qw >= 1) {
		svg_hatch(out, BG_X0 + fw, y, qw, 14, 5, fault ? C_FAULT : C_GREY);
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"none\" "
		    "stroke=\"%s\" stroke-width=\"%s\" stroke-dasharray=\"3 2\"/>\n", BG_X0 + fw, y,
		    qw, fault ? C_FAULT : C_GREY, fault ? "2" : "1");
	}
}

static void
draw_row(FILE *out, const struct budget_pic *p, size_t k, double y)
{
	const struct rp_link *l = &p->b.v[p->rows[k]];
	bool fault = (int)p->rows[k] == p->b.fault;
	char label[80], words[200], tip[480], link[240];
	size_t fit = svg_fit_chars(BG_X1 - BG_X0, 12);

	row_label(l, label, sizeof(label));
	row_words(p, l, words, sizeof(words));
	rp_link_words(l, link, sizeof(link));
	snprintf(tip, sizeof(tip), "%s: %s", link, words);
	fputs("<g>", out);
	svg_title(out, tip);
	fputs("\n", out);
	svg_text(out, 8, y + 12, fault ? "font-size=\"12\" font-weight=\"bold\" fill=\"" C_FAULT "\"" :
	    "font-size=\"12\"", "%s%s", label, l->tunnel ? " (tunnel)" : "");
	row_bar(out, p, l, fault, y);
	svg_text_fit(out, BG_X0, y + 29, fault ? "font-size=\"12\" font-weight=\"bold\" fill=\""
	    C_FAULT "\"" : "font-size=\"12\" fill=\"" C_LINE "\"", words, fit);
	fputs("</g>\n", out);
}

static void
draw_rest(FILE *out, const struct budget_pic *p, double y)
{
	double w = BG_X1 - BG_X0;
	char ms[16];

	svg_fmt_dur(p->rest_ms, ms, sizeof(ms));
	svg_text(out, 8, y + 12, "font-size=\"12\" fill=\"" C_LINE "\"", "%zu other link%s",
	    p->nrest, p->nrest == 1 ? "" : "s");
	if (p->scale_ms > 0 && p->rest_ms > 0)
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\" "
		    "stroke=\"%s\" stroke-width=\"1\"/>\n", BG_X0, y,
		    maxd(p->rest_ms / p->scale_ms * w, 1), C_PALE, C_GREY);
	svg_text(out, BG_X0, y + 29, "font-size=\"12\" fill=\"" C_LINE "\"", "+%s together", ms);
}

static const struct legend bg_legend[] = {
	{ 'n', "solid: the link's fixed step, what it adds to the fastest round trip "
	    "(distance, a tunnel, a slow link)" },
	{ 'q', "hatched, after it: queueing in the median round" },
	{ 'k', "red, bold: the link the verdict names" },
};

static double
legend_draw(FILE *out, const struct budget_pic *p, double y, bool draw)
{
	size_t k;

	for (k = 0; k < sizeof(bg_legend) / sizeof(bg_legend[0]); k++) {
		if ((bg_legend[k].style == 'q' && !p->queued) ||
		    (bg_legend[k].style == 'k' && !p->fault_drawn))
			continue;
		if (!draw) {
			y += (double)svg_wrap_count(bg_legend[k].words, LG_WIDTH, LG_LINES) * 16 + 6;
			continue;
		}
		switch (bg_legend[k].style) {
		case 'q':
			svg_hatch(out, 10, y - 12, 20, 14, 5, C_GREY);
			fprintf(out, "<rect x=\"10\" y=\"%.1f\" width=\"20\" height=\"14\" fill=\"none\" "
			    "stroke=\"" C_GREY "\" stroke-dasharray=\"3 2\"/>\n", y - 12);
			break;
		case 'k':
			fprintf(out, "<rect x=\"10\" y=\"%.1f\" width=\"20\" height=\"14\" fill=\""
			    C_FAULT_PALE "\" stroke=\"" C_FAULT "\" stroke-width=\"2\"/>\n", y - 12);
			break;
		default:
			fprintf(out, "<rect x=\"10\" y=\"%.1f\" width=\"20\" height=\"14\" fill=\""
			    C_BLUE_BG "\" stroke=\"" C_BLUE "\"/>\n", y - 12);
			break;
		}
		y = svg_legend_words(out, y, bg_legend[k].words);
	}
	return y;
}

/* The picture's name in words, for whoever cannot see it. */
static void
pic_label(const struct rp_item *it, const struct budget_pic *p, char *buf, size_t len)
{
	size_t top;
	char total[16], words[240], step[16];

	svg_fmt_dur(p->b.total_ms, total, sizeof(total));
	if (p->b.fault >= 0) {
		rp_link_words(&p->b.v[p->b.fault], words, sizeof(words));
		snprintf(buf, len, "Where the round trip to %s goes, link by link: %s at its "
		    "fastest. The verdict names %s, marked.", it->target, total, words);
	} else if (rp_budget_top(&p->b, &top, 1) == 1 && p->b.total_ms >= 1) {
		rp_link_words(&p->b.v[top], words, sizeof(words));
		svg_fmt_dur(p->b.v[top].added_ms, step, sizeof(step));
		snprintf(buf, len, "Where the round trip to %s goes, link by link: %s at its "
		    "fastest, most of it on %s (+%s, %s).", it->target, total, words, step,
		    rp_cause_words(p->b.v[top].cause, true));
	} else {
		snprintf(buf, len, "Where the round trip to %s goes, link by link: %s at its "
		    "fastest, no link taking a noticeable part.", it->target, total);
	}
}

void
rp_svg_budget(FILE *out, const struct rp_item *it)
{
	struct budget_pic p;
	char label[1200], total[16], median[16];
	double y, h, med;
	size_t k;

	if (it == NULL || it->tool != RT_PTRACE)
		return;
	rp_budget_read(it->root, rp_blames_link(it), &p.b);
	if (p.b.n == 0)
		return;
	pick_rows(&p);
	pic_label(it, &p, label, sizeof(label));
	if (p.nrows == 0 || p.scale_ms <= 0)
		h = BG_TOP + 30;
	else
		h = legend_draw(out, &p, BG_TOP + (double)(p.nrows + (p.nrest > 0)) * BG_ROW_H + 22,
		    false) + 4;
	svg_begin(out, "rp-budget", h, label);
	svg_fmt_dur(p.b.total_ms, total, sizeof(total));
	svg_text(out, 8, 20, "font-size=\"14\" font-weight=\"bold\"",
	    "Where the round trip goes, link by link");
	med = rp_dest_median(it->root);
	svg_fmt_dur(med, median, sizeof(median));
	if (med >= 0)
		svg_text(out, 8, 37, "font-size=\"12\" fill=\"" C_LINE "\"",
		    "at its fastest %s; the destination's median %s", total, median);
	else
		svg_text(out, 8, 37, "font-size=\"12\" fill=\"" C_LINE "\"", "at its fastest %s",
		    total);
	y = BG_TOP;
	if (p.nrows == 0 || p.scale_ms <= 0) {
		svg_text(out, 8, y + 14, "font-size=\"13\"", "No link takes a noticeable part of it: "
		    "the whole round trip is short.");
		svg_end(out);
		return;
	}
	for (k = 0; k < p.nrows; k++, y += BG_ROW_H)
		draw_row(out, &p, k, y);
	if (p.nrest > 0) {
		draw_rest(out, &p, y);
		y += BG_ROW_H;
	}
	legend_draw(out, &p, y + 22, true);
	svg_end(out);
}
