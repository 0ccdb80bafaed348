/*
 * What the latency budget's steps mean.  A fixed step is distance (a
 * long link, an ocean) until evidence says more: queueing round by
 * round, or a minimum drifting up (queue.c), is congestion; a step where
 * loss starts too is a standing queue, full and dropping; a step that
 * grows with probe size is a slow link (size.c); a step no terrestrial
 * route explains (more than terrestrial_ms between adjacent hops) is a
 * satellite link or a detour; a destination over the user's RTT budget
 * is over budget.  A hop that answers slower than later hops do is only
 * slow to generate ICMP, and never blamed.  man/ptrace-slow.1 states the
 * rules for users.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

/* The least typical (p25) RTT of any answering hop after t, or INFINITY. */
static double
later_p25(const struct path_result *res, int t, int last)
{
	double m = INFINITY;
	int j;

	for (j = t + 1; j <= last; j++)
		if (path_responding(res, j) && res->hops[j].rtt.n > 0 && res->hops[j].rtt.p25 < m)
			m = res->hops[j].rtt.p25;
	return m;
}

/*
 * A hop whose typical RTT is above every later hop's by more than the
 * low threshold answers slowly but forwards fast: its router puts
 * generating ICMP behind forwarding.
 */
int
path_latency_labels(struct path_work *w)
{
	struct path_result *res = w->res;
	int last = res->dest_ttl > 0 ? res->dest_ttl : w->last_resp, t;
	double lo = fmax(w->pp->floor_ms, w->pp->noise_k * w->noise_ms);

	for (t = res->first_ttl; t > 0 && t < last; t++) {
		struct path_hop *h = &res->hops[t];
		struct path_finding f;
		double excess;
		char l1[96];

		if (!path_responding(res, t) || h->rtt.n == 0)
			continue;
		excess = h->rtt.p25 - later_p25(res, t, last);
		if (!(excess > lo))
			continue;
		h->flags |= HF_ICMP_DEPRIORITIZED;
		path_finding_init(&f, FK_ICMP_DEPRIORITIZED, h);
		f.added_ms = excess;
		snprintf(f.summary, sizeof(f.summary),
		    "%s answers %.1f ms slower than later hops, which do not carry the delay: "
		    "the router is slow to generate ICMP, not slow to forward; not a fault.",
		    path_hop_label(res, t, l1, sizeof(l1)), excess);
		if (path_add_finding(w, &f) != 0)
			return -1;
	}
	return 0;
}

/* The placed lossy-link finding that starts at link i's far end, or NULL. */
static const struct path_finding *
loss_at(const struct path_result *res, const struct path_link *l)
{
	size_t i;

	for (i = 0; i < res->nfindings; i++) {
		const struct path_finding *f = &res->findings[i];

		if (f->kind == FK_LOSSY_LINK && f->located && f->to.ttl == l->to.ttl)
			return f;
	}
	return NULL;
}

static int
queueing_finding(struct path_work *w, size_t i, const struct path_finding *loss)
{
	struct path_result *res = w->res;
	struct path_link *l = &res->links[i];
	const struct link_queue *lq = &w->lq[i];
	struct path_finding f;
	char l1[96], l2[96], what[260];

	path_finding_init(&f, FK_QUEUEING, &res->hops[l->to.ttl]);
	f.has_link = true;
	f.from = l->from;
	f.to = l->to;
	f.located = true;
	if (lq->queueing) {
		l->cause = f.cause = "queueing";
		f.added_ms = lq->median > 0 ? lq->median : lq->p90;
		f.p_value = fmin(lq->p_typical, lq->p_heavy);
		snprintf(what, sizeof(what), "queueing that varies round by round: %.1f ms in the "
		    "median round, %.1f ms in the worst tenth (%u rounds), carried by every later hop",
		    lq->median, lq->p90, lq->n);
	} else if (lq->drifting) {
		l->cause = f.cause = "filling-queue";
		f.added_ms = lq->drift_ms;
		snprintf(what, sizeof(what), "its minimum rose by %.1f ms during the run (first "
		    "and last %u rounds): a queue filling", lq->drift_ms, lq->drift_n);
	} else if (loss != NULL) {
		l->cause = f.cause = "standing-queue";
		f.added_ms = l->added_ms;
		f.loss_pct = loss->loss_pct;
		f.p_value = loss->p_value;
		snprintf(what, sizeof(what), "a step of %.1f ms where %.0f%% loss starts too: a "
		    "queue that stays full and drops", l->added_ms, loss->loss_pct);
	} else {
		l->cause = f.cause = "standing-queue";
		f.added_ms = l->added_ms;
		snprintf(what, sizeof(what), "a step of %.0f ms, more than any terrestrial route "
		    "between adjacent routers adds, that moves round by round (%.1f ms in the worst "
		    "tenth of %u rounds): a queue that stays full (a satellite link would look "
		    "alike: rule one out)", l->added_ms, lq->p90, lq->n);
	}
	if (loss != NULL)
		f.loss_pct = loss->loss_pct;
	res->hops[l->to.ttl].flags |= HF_QUEUEING;
	snprintf(f.summary, sizeof(f.summary), "The link from %s to %s is congested: %s.",
	    path_hop_label(res, l->from.ttl, l1, sizeof(l1)),
	    path_hop_label(res, l->to.ttl, l2, sizeof(l2)), what);
	return path_add_finding(w, &f);
}

static int
detour_finding(struct path_work *w, const struct path_link *l)
{
	struct path_result *res = w->res;
	struct path_finding f;
	char l1[96], l2[96];

	path_finding_init(&f, FK_SLOW_LINK, &res->hops[l->to.ttl]);
	f.has_link = true;
	f.from = l->from;
	f.to = l->to;
	f.added_ms = l->added_ms;
	f.cause = "satellite-or-detour";
	f.located = true;
	snprintf(f.summary, sizeof(f.summary),
	    "The link from %s to %s adds %.0f ms, more than any terrestrial route between two "
	    "adjacent routers (%.0f ms): a satellite link, a detour, or a queue that stays full "
	    "in front of a slow link (a round trip that barely moves cannot tell them apart).",
	    path_hop_label(res, l->from.ttl, l1, sizeof(l1)),
	    path_hop_label(res, l->to.ttl, l2, sizeof(l2)), l->added_ms, w->pp->terrestrial_ms);
	return path_add_finding(w, &f);
}

static bool
has_finding_at(const struct path_result *res, enum finding_kind k, int to)
{
	size_t i;

	for (i = 0; i < res->nfindings; i++)
		if (res->findings[i].kind == k && res->findings[i].to.ttl == to)
			return true;
	return false;
}

static const char *
step_words(const char *cause)
{
	if (strcmp(cause, "distance") == 0)
		return "fixed: distance or a long link";
	if (strcmp(cause, "mpls-tunnel") == 0)
		return "across an MPLS tunnel";
	return cause;
}

/*
 * The largest step (and the next one too when the largest holds less
 * than two thirds of the round trip and the next a quarter or more), and
 * the link to probe at other sizes when it may be a slow one.
 */
static int
largest_step(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_link *big = NULL, *next = NULL;
	struct path_finding f;
	char l1[96], l2[96], second[300] = "";
	double total = 0;
	size_t i;

	for (i = 0; i < res->nlinks; i++) {
		const struct path_link *l = &res->links[i];

		total += l->added_ms;
		if (big == NULL || l->added_ms > big->added_ms) {
			next = big;
			big = l;
		} else if (next == NULL || l->added_ms > next->added_ms)
			next = l;
	}
	if (big == NULL || big->added_ms <= w->pp->floor_ms)
		return 0;
	/*
	 * Size probes go to a steady step only: at a hop whose median is
	 * far over its minimum they would tell nothing (minima of a few
	 * answers behind a queue), and they take the place of the regular
	 * probes the round-by-round queueing is read from (the lab's queue
	 * full at the start: the rising hop kept only its 4 fast rounds, all
	 * queued, and the congestion was placed a hop late, 1 run of 5).
	 */
	if (strcmp(big->cause, "distance") == 0 && res->hops[big->to.ttl].rtt.n > 0 &&
	    res->hops[big->to.ttl].rtt.median - res->hops[big->to.ttl].rtt.min <=
	    fmax(w->pp->floor_ms, w->pp->noise_k * w->noise_ms)) {
		res->size_from = big->from.ttl;
		res->size_to = big->to.ttl;
	}
	if (next != NULL && big->share < 2.0 / 3 && next->share >= 0.25 &&
	    next->added_ms > w->pp->floor_ms)
		snprintf(second, sizeof(second), ", then on the link from %s to %s: +%.1f ms "
		    "(%.0f%%), %s", path_hop_label(res, next->from.ttl, l1, sizeof(l1)),
		    path_hop_label(res, next->to.ttl, l2, sizeof(l2)), next->added_ms,
		    100 * next->share, step_words(next->cause));
	path_finding_init(&f, FK_LARGEST_STEP, &res->hops[big->to.ttl]);
	f.has_link = true;
	f.from = big->from;
	f.to = big->to;
	f.added_ms = big->added_ms;
	f.cause = big->cause;
	snprintf(f.summary, sizeof(f.summary),
	    "The %.0f ms of the round trip are spent mostly on the link from %s to %s: "
	    "+%.1f ms (%.0f%%), %s%s.", total, path_hop_label(res, big->from.ttl, l1, sizeof(l1)),
	    path_hop_label(res, big->to.ttl, l2, sizeof(l2)), big->added_ms, 100 * big->share,
	    step_words(big->cause), second);
	return path_add_finding(w, &f);
}

/* Over the user's budget: the destination's median RTT above --expect-rtt. */
static int
over_budget(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_hop *d;
	struct path_finding f;
	char top[300] = "", l1[96], l2[96];
	size_t i, used = 0, shown = 0, order[PATH_MAX_HOPS], j, n;

	if (w->pp->expect_rtt_ms <= 0 || res->dest_ttl <= 0)
		return 0;
	d = &res->hops[res->dest_ttl];
	if (d->rtt.n == 0 || d->rtt.median <= w->pp->expect_rtt_ms)
		return 0;
	n = res->nlinks < PATH_MAX_HOPS ? res->nlinks : PATH_MAX_HOPS;
	for (i = 0; i < n; i++) {
		for (j = i; j > 0 && res->links[order[j - 1]].added_ms < res->links[i].added_ms; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (i = 0; i < n && shown < 3; i++) {
		const struct path_link *l = &res->links[order[i]];
		int k;

		if (l->added_ms <= w->pp->floor_ms)
			break;
		k = snprintf(top + used, sizeof(top) - used, "%s%s to %s +%.1f ms", shown ? "; " : "",
		    path_hop_label(res, l->from.ttl, l1, sizeof(l1)),
		    path_hop_label(res, l->to.ttl, l2, sizeof(l2)), l->added_ms);
		if (k < 0 || (size_t)k >= sizeof(top) - used)
			break;
		used += (size_t)k;
		shown++;
	}
	path_finding_init(&f, FK_OVER_BUDGET, d);
	f.added_ms = d->rtt.median - w->pp->expect_rtt_ms;
	f.located = d->received >= w->pp->min_samples;
	snprintf(f.summary, sizeof(f.summary),
	    "The destination answers in %.1f ms (median), over the %.0f ms expected; the links "
	    "that add the most: %s.", d->rtt.median, w->pp->expect_rtt_ms,
	    shown ? top : "none stands out");
	return path_add_finding(w, &f);
}

/*
 * A step beyond any terrestrial route that also moves round by round,
 * in two rounds or more over the low threshold: a drop-tail queue under constant overload sits
 * nearly full, a high minimum with a small spread of its own (its
 * drops may spare the small probes: a byte-limited queue still has
 * room for 48 bytes when it has none for 1500).  A steady step beyond
 * it stays a satellite link or a detour.
 */
static bool
standing(const struct path_work *w, size_t i)
{
	const struct path_link *l = &w->res->links[i];
	const struct link_queue *lq = &w->lq[i];
	double lo = fmax(w->pp->floor_ms, w->pp->noise_k * w->noise_ms);

	return l->added_ms > w->pp->terrestrial_ms && lq->n >= 2 * w->pp->min_samples &&
	    lq->n_lo >= 2 && lq->p90 > lo;
}

int
path_faults(struct path_work *w)
{
	struct path_result *res = w->res;
	size_t i;

	for (i = 0; i < res->nlinks; i++) {
		const struct path_link *l = &res->links[i];
		const struct path_finding *loss = loss_at(res, l);
		bool step = l->added_ms > fmax(w->pp->floor_ms, w->pp->noise_k * w->noise_ms);

		if (strcmp(l->cause, "serialisation") == 0)
			continue;
		if (w->lq[i].queueing || w->lq[i].drifting || (loss != NULL && step) ||
		    standing(w, i)) {
			if (queueing_finding(w, i, loss) != 0)
				return -1;
		} else if (l->added_ms > w->pp->terrestrial_ms &&
		    !has_finding_at(res, FK_SLOW_LINK, l->to.ttl)) {
			if (detour_finding(w, l) != 0)
				return -1;
		}
	}
	if (largest_step(w) != 0 || over_budget(w) != 0)
		return -1;
	return 0;
}
