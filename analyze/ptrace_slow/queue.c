/*
 * Queueing, round by round.  A round sends one probe per TTL back to
 * back, so adjacent hops are sampled at nearly the same moment and see
 * the same queues (differential RTT, as Fontugne et al., IMC 2017; from
 * one vantage point the difference still includes the way back).  In a
 * round, each hop's queueing Q_t(r) is the least excess over its own
 * minimum among t and every later hop that answered in that round, so a
 * router slow to answer (a fixed time of its own) does not count, a
 * hop silent in that round drops out, and a delay counts at a link only
 * when every later hop that answered, the destination included, carried
 * it in the same round: it persists by construction.  The queueing a
 * link adds in round r is
 *
 *   q(r) = Q_k(r) - Q_a(r)
 *
 * for the link from answering hop a to k (Q_0 = 0, this host), over the
 * rounds in which a, k and the destination all answered.  Thresholds scale with the path's own jitter s (the median,
 * over links, of 1.4826 x MAD of q): low = max(floor_ms, noise_k x s),
 * high = max(queue_hi_ms, 2 x noise_k x s).  A link is queueing when
 * its median q is over low (sign test: P(X >= n_lo | n, 0.5) < alpha:
 * the queue is there most of the time) or when more rounds than a
 * healthy link would show are over high (P(X >= n_hi | n, normal_exceed)
 * < alpha: bursts of congestion).  Its minimum drifting up from the
 * first third of the rounds to the last, by more than low, with the last
 * third's differentials above the first's (Mann-Whitney, p < alpha,
 * which needs QUEUE_DRIFT_MIN rounds in each third), is a queue filling
 * during the run.  A size probe sent in a round instead of the regular
 * one counts for that round as its excess over its own size's minimum:
 * at the two ends of the largest step, where size probes go, a run
 * would otherwise have only the fast rounds to judge queueing by.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

/* Rounds looked at: enough for any run of ptrace-slow's, bounded for a long capture. */
#define QUEUE_MAX_ROUNDS	4096

/* Rounds in each third for a drift: 4 against 4 cannot reach p < 0.01 (1/70). */
#define QUEUE_DRIFT_MIN		5

/* Probe sizes told apart at one hop (ptrace-slow sends two besides the regular one). */
#define QUEUE_SIZES		8

struct grid {
	uint32_t	 first, n;	/* rounds first .. first + n - 1 */
	int		 hops;		/* TTLs 0 .. hops - 1 */
	double		*y;		/* n x hops: the round's RTT at a hop, NAN none */
};

#define Y(g, r, t)	((g)->y[(size_t)(r) * (size_t)(g)->hops + (size_t)(t)])

/* Each round's fastest regular answer at each hop, then its envelope. */
static int
grid_fill(const struct path_work *w, int last, struct grid *g)
{
	const struct path_result *res = w->res;
	size_t i, cells;
	uint32_t r;
	int t;

	g->hops = last + 1;
	g->n = res->rounds < QUEUE_MAX_ROUNDS ? res->rounds : QUEUE_MAX_ROUNDS;
	g->first = res->rounds - g->n;
	cells = (size_t)g->n * (size_t)g->hops;
	g->y = malloc((cells ? cells : 1) * sizeof(*g->y));
	if (g->y == NULL)
		return -1;
	for (i = 0; i < cells; i++)
		g->y[i] = NAN;
	for (t = 1; t <= last; t++) {
		const struct hop_work *hw = &w->hw[t];
		uint16_t sz[QUEUE_SIZES];
		double szmin[QUEUE_SIZES], y;
		int nsz = 0, j;

		/* Each probe size's own minimum at this hop: its serialisation is in it. */
		for (i = 0; i < hw->n; i++) {
			const struct sample *s = &hw->s[i];

			if (s->rtt < 0 || !s->sized)
				continue;
			for (j = 0; j < nsz && sz[j] != s->size; j++)
				;
			if (j == nsz) {
				if (nsz == QUEUE_SIZES)
					continue;
				sz[nsz] = s->size;
				szmin[nsz++] = s->rtt;
			} else if (s->rtt < szmin[j])
				szmin[j] = s->rtt;
		}
		for (i = 0; i < hw->n; i++) {
			const struct sample *s = &hw->s[i];

			if (s->rtt < 0 || s->round < g->first)
				continue;
			y = s->rtt;
			if (s->sized) {
				/*
				 * A size probe sent instead of the round's regular one
				 * samples the same queue: its excess over its own size's
				 * minimum, on the regular minimum.
				 */
				for (j = 0; j < nsz && sz[j] != s->size; j++)
					;
				if (j == nsz || res->hops[t].rtt.n == 0)
					continue;
				y = s->rtt - szmin[j] + res->hops[t].rtt.min;
			}
			r = s->round - g->first;
			if (isnan(Y(g, r, t)) || y < Y(g, r, t))
				Y(g, r, t) = y;
		}
	}
	return 0;
}

/*
 * The round's queueing at t: the least excess over its own minimum of t
 * and every later hop that answered in round r (NAN when none did).  A
 * delay added at or before t shows at every later hop; a router slow to
 * answer adds its own fixed time to its own minimum, so it shows no
 * excess, and a delay added later shows at later hops alone; a hop
 * silent in this round (a rate limit) drops out instead of leaving a
 * later hop's whole RTT in.
 */
static double
round_excess(const struct path_work *w, const struct grid *g, uint32_t r, int t)
{
	const struct path_result *res = w->res;
	double e = NAN, x;
	int j;

	for (j = g->hops - 1; j >= t; j--) {
		if (isnan(Y(g, r, j)) || res->hops[j].rtt.n == 0)
			continue;
		x = Y(g, r, j) - res->hops[j].rtt.min;
		if (isnan(e) || x < e)
			e = x;
	}
	return e;
}

/*
 * q(r) for the link a -> k in every round where a, k and the destination
 * answered, into q (n of them); the same into d, for the drift.
 */
static size_t
link_rounds(const struct path_work *w, const struct grid *g, int a, int k, int last,
    double *q, double *d)
{
	size_t n = 0;
	uint32_t r;

	for (r = 0; r < g->n; r++) {
		double Qa, Qk;

		if (isnan(Y(g, r, last)) || isnan(Y(g, r, k)) || (a > 0 && isnan(Y(g, r, a))))
			continue;
		Qk = round_excess(w, g, r, k);
		Qa = a > 0 ? round_excess(w, g, r, a) : 0;
		q[n] = Qk - Qa;
		d[n] = q[n];
		n++;
	}
	return n;
}

/*
 * The raw difference, round by round, between the excesses of k and a
 * over their own minima (a = 0: k's alone), into d, over the rounds in
 * which both answered.  Back-to-back probes that meet the same queues
 * differ little; jitter of their own, per packet (each router's queues
 * and its time to answer), makes them differ.
 */
static size_t
hop_diffs(const struct path_work *w, const struct grid *g, int a, int k, double *d)
{
	const struct path_result *res = w->res;
	size_t n = 0;
	uint32_t r;

	if (res->hops[k].rtt.n == 0 || (a > 0 && res->hops[a].rtt.n == 0))
		return 0;
	for (r = 0; r < g->n; r++) {
		if (isnan(Y(g, r, k)) || (a > 0 && isnan(Y(g, r, a))))
			continue;
		d[n++] = (Y(g, r, k) - res->hops[k].rtt.min) -
		    (a > 0 ? Y(g, r, a) - res->hops[a].rtt.min : 0);
	}
	return n;
}

static double
mad_scale(const double *q, size_t n, double *tmp)
{
	double med;
	size_t i;

	if (n < 3)
		return -1;
	memcpy(tmp, q, n * sizeof(*q));
	med = path_median(tmp, n);
	for (i = 0; i < n; i++)
		tmp[i] = fabs(q[i] - med);
	return 1.4826 * path_median(tmp, n);
}

static double
min_of(const double *v, size_t n)
{
	double m = INFINITY;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

/* The link's statistics, given the thresholds. */
static void
judge(struct path_work *w, struct link_queue *lq, double *q, double *d, size_t n,
    double lo, double hi)
{
	const struct path_params *pp = w->pp;
	size_t i, third = n / 3;

	lq->n = (uint32_t)n;
	lq->n_lo = lq->n_hi = 0;
	for (i = 0; i < n; i++) {
		lq->n_lo += q[i] > lo;
		lq->n_hi += q[i] > hi;
	}
	if (third >= QUEUE_DRIFT_MIN) {
		lq->drift_ms = min_of(d + n - third, third) - min_of(d, third);
		lq->drift_n = (uint32_t)third;
		lq->p_drift = stats_mw_upper(d, third, d + n - third, third);
		lq->drifting = lq->drift_ms > lo && lq->p_drift < pp->alpha;
	}
	lq->median = path_quantile(q, n, 0.5);
	lq->p75 = path_quantile(q, n, 0.75);
	lq->p90 = path_quantile(q, n, 0.9);
	lq->p_typical = stats_binom_upper(lq->n_lo, lq->n, 0.5);
	lq->p_heavy = stats_binom_upper(lq->n_hi, lq->n, pp->normal_exceed);
	lq->queueing = n >= pp->min_samples &&
	    (lq->p_typical < pp->alpha || lq->p_heavy < pp->alpha);
}

int
path_queue(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_params *pp = w->pp;
	int last = res->dest_ttl > 0 ? res->dest_ttl : w->last_resp;
	struct grid g;
	double *q, *d, *tmp, *hd, *scales, *hscales, lo, hi, noise;
	size_t i, ns = 0, nh = 0;
	int rc = -1;

	if (res->nlinks == 0 || last <= 0)
		return 0;
	w->lq = calloc(res->nlinks, sizeof(*w->lq));
	memset(&g, 0, sizeof(g));
	if (w->lq == NULL || grid_fill(w, last, &g) != 0)
		return -1;
	q = malloc(((size_t)g.n + 1) * sizeof(*q) * res->nlinks);
	d = malloc(((size_t)g.n + 1) * sizeof(*d) * res->nlinks);
	tmp = malloc(((size_t)g.n + 1) * sizeof(*tmp));
	hd = malloc(((size_t)g.n + 1) * sizeof(*hd));
	scales = malloc(res->nlinks * sizeof(*scales));
	hscales = malloc(res->nlinks * sizeof(*hscales));
	if (q == NULL || d == NULL || tmp == NULL || hd == NULL || scales == NULL ||
	    hscales == NULL)
		goto out;
	for (i = 0; i < res->nlinks; i++) {
		struct link_queue *lq = &w->lq[i];
		double *qi = q + i * ((size_t)g.n + 1), *di = d + i * ((size_t)g.n + 1);
		double sc;

		lq->a = res->links[i].from.ttl;
		lq->k = res->links[i].to.ttl;
		lq->n = (uint32_t)link_rounds(w, &g, lq->a, lq->k, last, qi, di);
		if ((sc = mad_scale(qi, lq->n, tmp)) >= 0)
			scales[ns++] = sc;
	}
	w->noise_ms = ns > 0 ? path_median(scales, ns) : 0;
	lo = fmax(pp->floor_ms, pp->noise_k * w->noise_ms);
	hi = fmax(pp->queue_hi_ms, 2 * pp->noise_k * w->noise_ms);
	/*
	 * The heavy rounds of the link into the destination count over the
	 * larger of high and 2 x noise_k x its hops' per-packet jitter: the
	 * median, over the links before it (three or more; one congested
	 * link among them does not move the median), of the spread of the
	 * raw hop-to-hop differences.  Its q is the destination's excess
	 * less the hop before's, with no later hop to take a least excess
	 * over (round_excess), so jitter of each packet's own, which
	 * accumulates link by link, shows there in full where the envelope
	 * hides it further in.  On the lab's healthy jittery path (1 ms +
	 * 0..3 ms per packet on each of 6 links, t_real_jitter) about 1 run
	 * in 15 read the destination congested; in test_infer's model of
	 * it the heavy test over a 10 ms high is what fired, not the
	 * typical (sign) test, which keeps low.
	 */
	for (i = 0; i < res->nlinks; i++) {
		size_t n;
		double sc;

		if (w->lq[i].k >= last)
			continue;
		n = hop_diffs(w, &g, w->lq[i].a, w->lq[i].k, hd);
		if ((sc = mad_scale(hd, n, tmp)) >= 0)
			hscales[nh++] = sc;
	}
	noise = nh >= 3 ? fmax(w->noise_ms, path_median(hscales, nh)) : w->noise_ms;
	for (i = 0; i < res->nlinks; i++) {
		struct link_queue *lq = &w->lq[i];
		struct path_link *l = &res->links[i];

		if (lq->k == last)
			judge(w, lq, q + i * ((size_t)g.n + 1), d + i * ((size_t)g.n + 1), lq->n,
			    lo, fmax(hi, 2 * pp->noise_k * noise));
		else
			judge(w, lq, q + i * ((size_t)g.n + 1), d + i * ((size_t)g.n + 1), lq->n,
			    lo, hi);
		l->rounds = lq->n;
		l->queue_ms = lq->n > 0 ? lq->median : 0;
		l->queue_p90_ms = lq->n > 0 ? lq->p90 : 0;
		if (lq->queueing)
			l->cause = "queueing";
		/*
		 * Undecided: three rounds or more over high, more than a
		 * healthy link shows by chance (the heavy test's p under 0.2)
		 * yet not significant; the schedule probes on (trace.c), as it
		 * does for an undecided loss, and a clean reading waits
		 * (verdict.c), rather than decide a link that may be congested.
		 */
		if (!lq->queueing && !lq->drifting && lq->n_hi >= 3 && lq->p_heavy < 0.2)
			res->queue_undecided++;
	}
	rc = 0;
out:
	free(q);
	free(d);
	free(tmp);
	free(hd);
	free(scales);
	free(hscales);
	free(g.y);
	return rc;
}
