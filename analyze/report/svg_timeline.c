/*
 * pcap-triage's connections over the capture's time (svg.h): one row per
 * connection worth a row (rp_triage_conns: the failed and faulted first,
 * then the longest), drawn in the order they began, a bar from its first
 * to its last packet, red when it failed or carries a fault.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/report/report.h"
#include "analyze/report/svg.h"

#define TL_ROWS		24
#define TL_ROW		16.0
#define TL_X0		150.0	/* the track */
#define TL_X1		(SVG_W - 10)

static int
by_start(const void *pa, const void *pb)
{
	double a = rp_num(*(const json_t *const *)pa, "start_s", 0);
	double b = rp_num(*(const json_t *const *)pb, "start_s", 0);

	return a < b ? -1 : a > b;
}

/* The grid and its ticks in seconds, under the rows. */
static void
tl_grid(FILE *out, double span, double bottom)
{
	double step = svg_nice_step(span, 4), t, x;
	char tick[32];
	int k;

	for (k = 0, t = 0; t <= span * 1.0001 && k < 12; k++, t += step) {
		x = TL_X0 + t / span * (TL_X1 - TL_X0);
		fprintf(out, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\" "
		    "stroke-width=\"1\"/>\n", x, x, bottom);
		svg_fmt_dur(t * 1000, tick, sizeof(tick));
		svg_text(out, x, bottom + 14, k == 0 ?
		    "font-size=\"11\" text-anchor=\"start\" fill=\"" C_LINE "\"" :
		    "font-size=\"11\" text-anchor=\"middle\" fill=\"" C_LINE "\"", "%s", tick);
	}
}

void
rp_svg_timeline(FILE *out, const struct rp_item *it)
{
	const json_t *v[TL_ROWS], *c;
	size_t i, n;
	double span, s, e, x, w, y, bottom;
	char label[300], name[FL_ADDRSTRLEN * 2 + 24], tip[400];

	if (it == NULL || it->tool != RT_TRIAGE)
		return;
	n = rp_triage_conns(it->root, v, TL_ROWS);
	if (n == 0)
		return;
	qsort(v, n, sizeof(v[0]), by_start);
	span = clampd(rp_num(it->root, "duration_s", 0), 0, 1e7);
	for (i = 0; i < n; i++)
		span = maxd(span, clampd(rp_num(v[i], "end_s", 0), 0, 1e7));
	if (span <= 0)
		span = 1e-3;
	bottom = 6 + (double)n * TL_ROW;
	snprintf(label, sizeof(label), "The capture's connections over time: %zu of %lld shown, "
	    "red where one failed or carries a fault.", n,
	    rp_int(it->root, "connections_total", 0, INT64_MAX, 0));
	svg_begin(out, "rp-timeline", bottom + 22, label);
	tl_grid(out, span, bottom);
	for (i = 0; i < n; i++) {
		c = v[i];
		y = 6 + (double)i * TL_ROW;
		/* The far end, as this host sees it: an outsider's attempt is named by the outsider. */
		if (strcmp(rp_str(c, "server"), rp_str(it->root, "this_host")) == 0)
			snprintf(name, sizeof(name), "from %s", rp_str(c, "client"));
		else
			snprintf(name, sizeof(name), "%s:%lld", rp_str(c, "server"),
			    rp_int(c, "server_port", 0, 65535, 0));
		svg_text_fit(out, 8, y + 11, "font-size=\"11\"", name, svg_fit_chars(TL_X0 - 14, 11));
		s = clampd(rp_num(c, "start_s", 0), 0, span);
		e = clampd(rp_num(c, "end_s", s), s, span);
		x = TL_X0 + s / span * (TL_X1 - TL_X0);
		w = maxd((e - s) / span * (TL_X1 - TL_X0), 2);
		snprintf(tip, sizeof(tip), "%s port %lld to %s port %lld, %s%s%s", rp_str(c, "client"),
		    rp_int(c, "client_port", 0, 65535, 0), rp_str(c, "server"),
		    rp_int(c, "server_port", 0, 65535, 0), rp_str(c, "outcome"),
		    *rp_str(c, "fault_kind") ? ": " : "", rp_str(c, "fault_kind"));
		fputs("<g>", out);
		svg_title(out, tip);
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"10\" fill=\"%s\" "
		    "stroke=\"%s\" stroke-width=\"1\"/></g>\n", x, y + 2, w,
		    rp_triage_conn_bad(it->root, c) ? C_FAULT : C_BLUE_BG,
		    rp_triage_conn_bad(it->root, c) ? C_INK : C_BLUE);
	}
	svg_end(out);
}
