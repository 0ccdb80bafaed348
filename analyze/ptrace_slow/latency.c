/*
 * Latency rules: a rise that starts at a hop and persists to the
 * destination, its cause (queueing or a fixed step), and the router
 * that is only slow to answer.  The numbers come from struct
 * path_params; man/ptrace-slow.1 states the rules for users.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

/* About two standard errors of a hop's p25 (2 x 1.36 sigma / sqrt n). */
static double
sampling_allowance(const struct path_hop *h)
{
	return h->received > 0 ? 4 * h->rtt.mad / sqrt((double)h->received) : 0;
}

static double
spread(const struct path_hop *h)
{
	return h->rtt.median - h->rtt.min;
}

/*
 * Queueing or a fixed step?  Queueing widens the spread above the
 * minimum (some probes find the queue empty, most do not), and since
 * every later hop sits behind the same queue, the wider spread
 * persists.  A longer or slower link moves the minimum itself and
 * leaves the spread alone.  Spread is median minus minimum.
 */
static const char *
rise_cause(const struct path_result *res, const struct path_params *pp, int b, int k,
    int last, double r)
{
	const struct path_hop *hk = &res->hops[k];
	double spread_b = b ? spread(&res->hops[b]) : 0, growth = spread(hk) - spread_b;
	double later[PATH_MAX_HOPS], med;
	size_t n = 0, i, j;
	int t;

	if (growth < fmax(pp->floor_ms, 0.5 * r))
		return "fixed-delay";
	for (t = k + 1; t <= last; t++)
		if (path_responding(res, t))
			later[n++] = spread(&res->hops[t]);
	if (n == 0)
		return "queueing";
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && later[j] < later[j - 1]; j--) {
			double x = later[j];

			later[j] = later[j - 1];
			later[j - 1] = x;
		}
	med = n % 2 ? later[n / 2] : (later[n / 2 - 1] + later[n / 2]) / 2;
	return med >= spread_b + 0.5 * growth ? "queueing" : "fixed-delay";
}

/*
 * A rise r from base hop b persists when every later answering hop j,
 * the destination included, stays above
 * p25(b) + persist_frac x r - min(4 x MAD(j) / sqrt(n(j)), r / 4):
 * the allowance covers the sampling error of p25(j) on a hop whose
 * replies spread widely, but a later hop must always keep at least
 * half the rise.
 */
static bool
persists(const struct path_work *w, double base_p25, int k, double r)
{
	const struct path_result *res = w->res;
	int j;

	for (j = k + 1; j <= w->last_resp; j++)
		if (path_responding(res, j) && res->hops[j].rtt.p25 < base_p25 +
		    w->pp->persist_frac * r - fmin(sampling_allowance(&res->hops[j]), r / 4))
			return false;
	return true;
}

/* A counted rise that later hops drop back from: never blamed. */
static int
deprioritized(struct path_work *w, int b, int k, double r)
{
	struct path_result *res = w->res;
	struct path_finding f;
	char l1[96], l2[96];

	res->hops[k].flags |= HF_ICMP_DEPRIORITIZED;
	path_finding_init(&f, FK_ICMP_DEPRIORITIZED, &res->hops[k]);
	f.added_ms = r;
	snprintf(f.summary, sizeof(f.summary),
	    "%s answers %.1f ms slower than %s, but later hops do not keep the delay: "
	    "the router is slow to generate ICMP, not slow to forward; not a fault.",
	    path_hop_label(res, k, l1, sizeof(l1)), r, path_hop_label(res, b, l2, sizeof(l2)));
	return path_add_finding(w, &f);
}

/*
 * The rise at hop k is p25(k) - p25(b), where b is the last earlier
 * hop that answered and whose own latency was not a spike that later
 * hops dropped back from (this host counts as a hop at 0 ms).  It
 * counts above max(floor, noise_k x MAD(b)).
 */
int
path_latency_rises(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_params *pp = w->pp;
	int b = 0, k;

	for (k = res->first_ttl; k <= w->last_resp && k > 0; k++) {
		double base_p25, r, noise;
		struct rise *ri;

		if (!path_responding(res, k))
			continue;
		base_p25 = b ? res->hops[b].rtt.p25 : 0;
		noise = b ? pp->noise_k * res->hops[b].rtt.mad : 0;
		r = res->hops[k].rtt.p25 - base_p25;
		if (r <= pp->floor_ms || r <= noise) {
			b = k;
			continue;
		}
		if (!persists(w, base_p25, k, r)) {
			if (deprioritized(w, b, k, r) != 0)
				return -1;
			continue;
		}
		ri = &w->rises[w->nrises++];
		ri->k = k;
		ri->b = b;
		ri->r = r;
		ri->cause = rise_cause(res, pp, b, k, w->last_resp, r);
		res->hops[k].flags |= HF_RISE;
		b = k;
	}
	return 0;
}

/* Every persisting rise is a finding; the largest is the bottleneck. */
int
path_latency_findings(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_finding f;
	char l1[96], l2[96];
	size_t i;

	w->best = w->nrises;
	for (i = 0; i < w->nrises; i++)
		if (w->best == w->nrises || w->rises[i].r > w->rises[w->best].r)
			w->best = i;
	for (i = 0; i < w->nrises; i++) {
		const struct rise *ri = &w->rises[i];

		path_finding_init(&f, FK_LATENCY_RISE, &res->hops[ri->k]);
		f.has_link = true;
		f.from = path_end_of(res, ri->b);
		f.to = path_end_of(res, ri->k);
		f.added_ms = ri->r;
		f.cause = ri->cause;
		snprintf(f.summary, sizeof(f.summary),
		    "+%.1f ms (round trip) from %s to %s, kept by every later hop (%s).",
		    ri->r, path_hop_label(res, ri->b, l1, sizeof(l1)),
		    path_hop_label(res, ri->k, l2, sizeof(l2)),
		    strcmp(ri->cause, "queueing") == 0 ?
		    "queueing: the spread grows, a sign of congestion" :
		    "fixed delay: the minimum itself steps up, a sign of distance or a slow link");
		if (i == w->best)
			res->hops[ri->k].flags |= HF_BOTTLENECK;
		if (path_add_finding(w, &f) != 0)
			return -1;
	}
	return 0;
}
