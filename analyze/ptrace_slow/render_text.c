/*
 * ptrace-slow's terminal report: an mtr-like table, a plain-language
 * verdict, where the time goes (the latency budget), one note per
 * labelled hop, and the frames that prove it.
 */
#include <string.h>

#include "analyze/ptrace_slow/render.h"
#include "analyze/common/textout.h"
#include "analyze/flow/stats.h"

#define MAX_TEXT_EVIDENCE	16

static const char *
verdict_word(enum verdict_kind k)
{
	switch (k) {
	case VK_CLEAN:
		return "CLEAN";
	case VK_CONGESTED:
		return "CONGESTED";
	case VK_LOSSY_LINK:
		return "LOSSY LINK";
	case VK_SLOW_LINK:
		return "SLOW LINK";
	case VK_OVER_BUDGET:
		return "OVER BUDGET";
	case VK_UNREACHABLE:
		return "UNREACHABLE";
	case VK_INCOMPLETE:
		return "INCOMPLETE";
	default:
		return "INCONCLUSIVE";
	}
}

/* A short mark for the table's last column. */
static void
hop_marks(const struct path_hop *h, char *buf, size_t len)
{
	static const struct {
		uint32_t	 flag;
		const char	*word;
	} marks[] = {
		{ HF_FAULT, "<< fault" },
		{ HF_QUEUEING, "queueing" },
		{ HF_LOSSY_LINK, "loss starts" },
		{ HF_UNREACHABLE, "<< unreachable" },
		{ HF_ICMP_DEPRIORITIZED, "slow ICMP" },
		{ HF_RATE_LIMITED, "ICMP rate-limited" },
		{ HF_SILENT, "silent" },
		{ HF_MULTIPATH, "multipath" },
		{ HF_MPLS, "MPLS" },
	};
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		int n;

		if (!(h->flags & marks[i].flag))
			continue;
		n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", marks[i].word);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
}

/* Milliseconds: two decimals below 10 ms, where LAN hops live. */
static void
ms(char buf[16], double v)
{
	snprintf(buf, 16, v < 10 ? "%.2f" : "%.1f", v);
}

/* The first line, and the table's column heads. */
static void
text_header(FILE *out, const struct path_result *r, const struct fl_envelope *e,
    const char *host, const char *method)
{
	char a[FL_ADDRSTRLEN];

	fprintf(out, "ptrace-slow to %s (%s), %s probes: %u sent, %u answered",
	    host ? host : fl_addr_str(&r->dst, a, sizeof(a)), fl_addr_str(&r->dst, a, sizeof(a)),
	    method, r->probes, r->replies);
	if (e->capture_file && strcmp(e->capture_mode, "read") == 0)
		fprintf(out, " (from %s)", e->capture_file);
	else if (e->duration_s > 0)
		fprintf(out, " in %.1f s", e->duration_s);
	fprintf(out, "\n");
	if (r->round_stride > 1)
		fprintf(out, "A long capture: the times below are over %u of its %u rounds (one block of %d "
		    "in every %u), the counts over all of them.\n", r->rounds, r->rounds_read, CORR_BLOCK,
		    r->round_stride);
	fprintf(out, "\n");
	fprintf(out, "%3s  %-36s %5s %5s %6s %7s %7s %7s %7s %7s %6s %6s %4s  %s\n",
	    "Hop", "Address", "Sent", "Recv", "Loss%", "Min", "p25", "Median", "Avg", "Max",
	    "StDev", "Jitter", "RTTL", "");
}

/* "name (address) +2": the main responder, and how many others answered. */
static void
hop_label(const struct path_hop *h, char *label, size_t len)
{
	char a[FL_ADDRSTRLEN];

	if (!fl_addr_is_set(&h->addr))
		snprintf(label, len, "???");
	else if (h->name[0] != '\0')
		snprintf(label, len, "%.200s (%s)", h->name, fl_addr_str(&h->addr, a, sizeof(a)));
	else
		snprintf(label, len, "%s", fl_addr_str(&h->addr, a, sizeof(a)));
	if (h->naddrs > 1) {
		size_t l = strlen(label);

		snprintf(label + l, len - l, " +%d", h->naddrs - 1);
	}
}

/* One row of the table; a hop that never answered has no times. */
static void
text_hop(FILE *out, const struct path_hop *h)
{
	char label[300], marks[80], c[8][16];
	int i;

	hop_label(h, label, sizeof(label));
	hop_marks(h, marks, sizeof(marks));
	if (h->received == 0) {
		for (i = 0; i < 8; i++)
			snprintf(c[i], sizeof(c[i]), "-");
	} else {
		ms(c[0], h->rtt.min);
		ms(c[1], h->rtt.p25);
		ms(c[2], h->rtt.median);
		ms(c[3], h->rtt.avg);
		ms(c[4], h->rtt.max);
		ms(c[5], h->rtt.stdev);
		ms(c[6], h->rtt.jitter);
		snprintf(c[7], sizeof(c[7]), "%d", h->reply_ttl);
	}
	fprintf(out, "%3d  %-36.36s %5u %5u %6.1f %7s %7s %7s %7s %7s %6s %6s %4s  %s\n",
	    h->ttl, label, h->sent, h->received, h->loss_pct, c[0], c[1], c[2], c[3], c[4],
	    c[5], c[6], c[7], marks);
}

static void
text_verdict(FILE *out, const struct path_verdict *v, const struct path_hop *d)
{
	char a[FL_ADDRSTRLEN];

	fprintf(out, "\nVerdict: %s", verdict_word(v->kind));
	if (v->hop > 0)
		fprintf(out, " at hop %d", v->hop);
	if (fl_addr_is_set(&v->addr))
		fprintf(out, " (%s)", fl_addr_str(&v->addr, a, sizeof(a)));
	fprintf(out, "\n  %s\n", v->summary);
	if (v->kind != VK_INCONCLUSIVE && v->kind != VK_CLEAN)
		fprintf(out, "  Confidence: %s (%s).\n", confidence_name(v->confidence),
		    v->confidence_reason);
	if (d != NULL && d->received > 0 && d->opportunities > 0) {
		double lo, hi;

		stats_wilson(d->lost, d->opportunities, &lo, &hi);
		fprintf(out, "  The destination: median %.1f ms (95 %% interval %.1f to %.1f), loss "
		    "%.1f%% (95 %% interval %.1f to %.1f%%) over %u probes.\n", d->rtt.median,
		    d->rtt.median_lo, d->rtt.median_hi, d->loss_pct, 100 * lo, 100 * hi,
		    d->opportunities);
	}
	if (v->reason[0] != '\0')
		fprintf(out, "  (%s)\n", v->reason);
	if (!v->significant && v->kind != VK_INCONCLUSIVE)
		fprintf(out, "  Caution: not significant yet; more rounds would firm it up.\n");
}

/* Where the round trip goes: each link's step, its cause and its share. */
static void
text_budget(FILE *out, const struct path_result *r)
{
	size_t i;

	if (r->nlinks == 0)
		return;
	fprintf(out, "\nWhere the time goes (round trip, on the lower envelope of the minima):\n");
	for (i = 0; i < r->nlinks; i++) {
		const struct path_link *l = &r->links[i];
		char from[16];

		if (l->from.ttl == 0)
			snprintf(from, sizeof(from), "host");
		else
			snprintf(from, sizeof(from), "hop %d", l->from.ttl);
		fprintf(out, "  %-7s -> hop %-3d %+8.2f ms %4.0f%%  %s", from, l->to.ttl,
		    l->added_ms, 100 * l->share, l->cause);
		if (l->rounds > 0 && l->queue_p90_ms > 0.5)
			fprintf(out, " (queueing %.1f ms median, %.1f ms p90, %u rounds)",
			    l->queue_ms, l->queue_p90_ms, l->rounds);
		fprintf(out, "\n");
	}
}

/* One note per finding, by hop; those about no hop last. */
static void
text_notes(FILE *out, const struct path_result *r)
{
	size_t i;

	if (r->nfindings > 0)
		fprintf(out, "\nNotes:\n");
	for (i = 0; i < r->nfindings; i++) {
		const struct path_finding *f = &r->findings[i];

		if (f->hop > 0)
			fprintf(out, "  hop %-3d %s: %s\n", f->hop, path_finding_name(f->kind), f->summary);
		else
			fprintf(out, "  %s: %s\n", path_finding_name(f->kind), f->summary);
	}
}

int
render_text_path(FILE *out, const struct path_result *r, const struct fl_envelope *e,
    const char *host, const char *method)
{
	int t;

	text_header(out, r, e, host, method);
	for (t = r->first_ttl; t > 0 && t <= r->last_ttl; t++)
		if (r->hops[t].probed)
			text_hop(out, &r->hops[t]);
	text_verdict(out, &r->verdict, r->dest_ttl > 0 ? &r->hops[r->dest_ttl] : NULL);
	text_budget(out, r);
	text_notes(out, r);
	to_evidence(out, &r->ev, 6, MAX_TEXT_EVIDENCE);
	to_capture(out, e);
	fflush(out);
	return ferror(out) ? -1 : 0;
}
