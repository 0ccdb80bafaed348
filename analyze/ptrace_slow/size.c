/*
 * Serialisation: a low-capacity link takes longer to carry a larger
 * packet, so the step it adds grows with the probe's size (the pathchar
 * and clink idea).  At the two ends of a link, probes of several sizes
 * (all at least 576 bytes, so that every time-exceeded quotes as much
 * and the answers are the same size): each size's minimum RTT (no
 * queue in it), the slope of minimum RTT over size at each end, and the
 * link's own slope, the far end's minus the near end's: its time per
 * byte, one way.  capacity = 8 bits / slope.  It counts when both ends
 * have at least two sizes of min_samples answers each, 400 bytes apart,
 * and the link's slope adds more than a step must, max(floor_ms,
 * noise_k x jitter, noise_k x either end's p25 - minimum or the link's
 * median queueing: how uncertain a minimum of a few answers is there),
 * across the sizes probed: at the default 2 ms over
 * 600 and 1400 bytes, a link slower than about 3.2 Mbit/s.  A minimum of
 * three answers moves by a few tenths of a millisecond on a busy host,
 * which over 800 bytes would read as a 10 Mbit/s link on a healthy path.
 * Serialisation only adds, so a minimum that falls with size at either
 * end, by more than half the threshold, or a regular probe's minimum
 * above a size probe's, marks the minima as noise and nothing is judged.  A link that queues round by round (queue.c) is not judged: its
 * minima are too uncertain, and it is congested anyway.
 * Serialisation explains a step only up to what the largest probe
 * takes: where loss starts at the link too and the step is larger than
 * that by more than floor_ms, the link is a queue in front of a slow
 * link, full and dropping (a standing queue, latency.c), not a slow
 * link alone.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

#define SIZE_MAX_KINDS	8

struct size_line {
	uint16_t	size[SIZE_MAX_KINDS];
	double		min[SIZE_MAX_KINDS];
	uint32_t	n[SIZE_MAX_KINDS];
	int		kinds;
};

static void
size_mins(const struct hop_work *hw, struct size_line *sl)
{
	size_t i;
	int j;

	memset(sl, 0, sizeof(*sl));
	for (i = 0; i < hw->n; i++) {
		const struct sample *s = &hw->s[i];

		if (!s->sized || s->rtt < 0)
			continue;
		for (j = 0; j < sl->kinds && sl->size[j] != s->size; j++)
			;
		if (j == sl->kinds) {
			if (sl->kinds == SIZE_MAX_KINDS)
				continue;
			sl->kinds++;
			sl->size[j] = s->size;
			sl->min[j] = s->rtt;
		}
		sl->n[j]++;
		if (s->rtt < sl->min[j])
			sl->min[j] = s->rtt;
	}
}

/* Least-squares slope of min RTT over size (ms per byte); *span the sizes' range. */
static bool
slope_of(const struct size_line *sl, unsigned int min_n, double *slope, double *span)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, lo = INFINITY, hi = -INFINITY, m;
	int j, n = 0;

	for (j = 0; j < sl->kinds; j++) {
		if (sl->n[j] < min_n)
			continue;
		sx += sl->size[j];
		sy += sl->min[j];
		sxx += (double)sl->size[j] * sl->size[j];
		sxy += sl->size[j] * sl->min[j];
		lo = fmin(lo, sl->size[j]);
		hi = fmax(hi, sl->size[j]);
		n++;
	}
	if (n < 2 || hi - lo < 400)
		return false;
	m = n * sxx - sx * sx;
	if (m <= 0)
		return false;
	*slope = (n * sxy - sx * sy) / m;
	*span = hi - lo;
	return true;
}

/*
 * How far a hop's typical RTT sits above its minimum: a minimum of a
 * few answers is uncertain by about that much (a queue in front of the
 * link moves it by milliseconds).
 */
static double
spread(const struct path_result *res, int t)
{
	const struct path_hop *h = &res->hops[t];

	return h->rtt.n > 0 ? h->rtt.p25 - h->rtt.min : 0;
}

/*
 * The regular probes, smaller than any size probe, answered slower at
 * best than a size probe did, by more than tol: the minima are noise
 * (the standing queue's: 302.1 ms at 48 bytes, 298.1 at 600).
 */
static bool
base_above(const struct path_result *res, int t, const struct size_line *sl, unsigned int min_n,
    double tol)
{
	const struct path_hop *h = &res->hops[t];
	int j;

	if (h->rtt.n == 0)
		return false;
	for (j = 0; j < sl->kinds; j++)
		if (sl->n[j] >= min_n && h->rtt.min > sl->min[j] + tol)
			return true;
	return false;
}

/* A placed loss that starts at link l's far end. */
static bool
loss_starts_at(const struct path_result *res, const struct path_link *l)
{
	size_t i;

	for (i = 0; i < res->nfindings; i++)
		if (res->findings[i].kind == FK_LOSSY_LINK && res->findings[i].located &&
		    res->findings[i].to.ttl == l->to.ttl)
			return true;
	return false;
}

/* The largest size probed at both ends of a link, in bytes. */
static double
largest_size(const struct size_line *a, const struct size_line *b, unsigned int min_n)
{
	double m = 0;
	int j;

	for (j = 0; j < a->kinds; j++)
		if (a->n[j] >= min_n)
			m = fmax(m, a->size[j]);
	return b != NULL ? fmin(m, largest_size(b, NULL, min_n)) : m;
}

/* A slow-link finding for link i, whose own slope is slope ms per byte. */
static int
slow_link(struct path_work *w, size_t i, double slope, double span)
{
	struct path_result *res = w->res;
	struct path_link *l = &res->links[i];
	struct path_finding f;
	char l1[96], l2[96];

	/* Serialisation, not queueing, is what the step is. */
	l->cause = "serialisation";
	if (w->lq != NULL)
		w->lq[i].queueing = w->lq[i].drifting = false;
	path_finding_init(&f, FK_SLOW_LINK, &res->hops[l->to.ttl]);
	f.has_link = true;
	f.from = l->from;
	f.to = l->to;
	f.added_ms = l->added_ms;
	f.cause = "serialisation";
	/* ms per byte to kbit/s: 8 bits in slope ms is 8 / slope kbit/s. */
	f.capacity_kbps = 8.0 / slope;
	f.located = true;
	snprintf(f.summary, sizeof(f.summary),
	    "The link from %s to %s takes %.3f ms more per 100 bytes of probe (over sizes "
	    "%.0f bytes apart): it carries about %.0f kbit/s, a slow link.",
	    path_hop_label(res, l->from.ttl, l1, sizeof(l1)),
	    path_hop_label(res, l->to.ttl, l2, sizeof(l2)), slope * 100, span, f.capacity_kbps);
	return path_add_finding(w, &f);
}

int
path_size(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_params *pp = w->pp;
	size_t i;

	for (i = 0; i < res->nlinks; i++) {
		const struct path_link *l = &res->links[i];
		struct size_line near, far;
		double sn = 0, sf = 0, span_n = 0, span_f = 0, slope, span, noise;
		int a = l->from.ttl, k = l->to.ttl;

		size_mins(&w->hw[k], &far);
		if (!slope_of(&far, pp->min_samples, &sf, &span_f))
			continue;
		span = span_f;
		if (a > 0) {
			size_mins(&w->hw[a], &near);
			if (!slope_of(&near, pp->min_samples, &sn, &span_n))
				continue;
			span = fmin(span_f, span_n);
		}
		/*
		 * A link that queues round by round hides its serialisation: a
		 * minimum of a few answers moves by tens of milliseconds there
		 * (the lab's congested 4 Mbit/s link read as 300 to 560 kbit/s in
		 * 3 runs of 21).  It is congested, whatever its capacity.
		 */
		if (w->lq != NULL && (w->lq[i].queueing || w->lq[i].drifting))
			continue;
		noise = fmax(fmax(pp->floor_ms, pp->noise_k * w->noise_ms),
		    pp->noise_k * fmax(fmax(spread(res, k), a > 0 ? spread(res, a) : 0),
		    w->lq != NULL ? w->lq[i].median : 0));
		/*
		 * Serialisation only adds: a minimum that falls as the probe
		 * grows, at either end, by more than half that, says the minima
		 * are noise (the lab's jittery path: 4.3 ms less at 1400 bytes
		 * than at 600 at the near end read as a 1000 kbit/s link, 1 run
		 * in 10).  And the near end's own slope, at least 0, is taken
		 * off the far end's.
		 */
		if (sf * span_f < -noise / 2 || (a > 0 && sn * span_n < -noise / 2) ||
		    base_above(res, k, &far, pp->min_samples, noise / 2) ||
		    (a > 0 && base_above(res, a, &near, pp->min_samples, noise / 2)))
			continue;
		slope = sf - fmax(sn, 0);
		if (slope * span <= noise)
			continue;
		if (loss_starts_at(res, l) && l->added_ms > slope * largest_size(&far,
		    a > 0 ? &near : NULL, pp->min_samples) + pp->floor_ms)
			continue;	/* a standing queue: latency.c */
		if (slow_link(w, i, slope, span) != 0)
			return -1;
	}
	return 0;
}
