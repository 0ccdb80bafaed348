/*
 * Loss rules.  A router limits the ICMP it sends (Linux: a burst of
 * about six, then one a second, icmp_ratelimit and icmp_ratemask; the
 * destination's port unreachables too): a probe it received while its
 * limit had no token gets no answer, and that is missing data, not
 * loss.  So each hop's loss is counted only
 * over the probes it could have answered, and a hop whose limit is all
 * its loss is labelled and never blamed.  The loss must be significant
 * at the destination (binomial); where it starts is a change point over
 * the answering hops (lossy_link()).  man/ptrace-slow.1 states these for
 * users.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

/*
 * A probe sent at least SPACED_S after the one before it that reached
 * the same router finds a token in a Linux limit of one answer a
 * second, whatever came before (the bucket refills one token a second,
 * up to a burst of about six); one sent closer may not.
 */
#define SPACED_S	1.05

/* Spaced probes a hop needs before its close ones are compared with them. */
#define SPACED_MIN	5

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * When every probe to TTL dest or beyond reached the destination: the
 * times they met its limit, sorted (round 1's burst past the
 * destination spends its tokens too).  NULL when there is none or no
 * memory; the caller frees.
 */
static int64_t *
dest_arrivals(const struct path_work *w, size_t *n)
{
	const struct path_result *res = w->res;
	int64_t *ts;
	uint32_t i;

	*n = 0;
	if (res->dest_ttl <= 0 || (ts = malloc((corr_nprobes(w->c) + 1) * sizeof(*ts))) == NULL)
		return NULL;
	for (i = 0; i < corr_nprobes(w->c); i++) {
		const struct corr_probe *p = corr_probe(w->c, i);

		if (p->group == w->group && p->ttl >= res->dest_ttl)
			ts[(*n)++] = p->ts;
	}
	qsort(ts, *n, sizeof(*ts), cmp_i64);
	return ts;
}

/* The latest of the n sorted times before t, or -1. */
static int64_t
before(const int64_t *ts, size_t n, int64_t t)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ts[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? ts[lo - 1] : -1;
}

/*
 * A probe series faster than any limit (another tool's capture, or a
 * run with a short --interval): a token bucket lets a burst through and
 * then about one reply a second, so after the first loss replies come
 * no faster than ~1.5/s although probes were sent faster than 3/s.
 * *gap gets the median time between replies once the burst is spent.
 */
static bool
token_bucket_like(const struct hop_work *hw, double *gap)
{
	double gaps[512], span;
	size_t i, first_loss = hw->n, sent_after = 0, ans_after = 0, ng = 0;
	int64_t last = -1;

	for (i = 0; i < hw->n; i++)
		if (hw->s[i].rtt < 0) {
			first_loss = i;
			break;
		}
	if (first_loss < 2 || first_loss >= hw->n)
		return false;
	for (i = first_loss; i < hw->n; i++) {
		sent_after++;
		if (hw->s[i].rtt < 0)
			continue;
		ans_after++;
		if (last >= 0 && ng < sizeof(gaps) / sizeof(gaps[0]))
			gaps[ng++] = (double)(hw->s[i].ts - last) / 1e9;
		last = hw->s[i].ts;
	}
	span = (double)(hw->s[hw->n - 1].ts - hw->s[first_loss].ts) / 1e9;
	if (sent_after < 4 || span <= 0 || (double)sent_after / span < 3)
		return false;
	*gap = ng > 0 ? path_median(gaps, ng) : 1.0;
	return (double)ans_after <= 1 + 1.5 * span;
}

/* Set aside what a bucket seen by token_bucket_like() withheld: probes within its gap of the last answer. */
static uint32_t
bucket_missing(struct hop_work *hw, double gap)
{
	int64_t last_answer = -1;
	uint32_t n = 0;
	size_t i;

	for (i = 0; i < hw->n; i++) {
		struct sample *s = &hw->s[i];

		if (s->rtt >= 0)
			last_answer = s->ts;
		else if (last_answer >= 0 && (double)(s->ts - last_answer) / 1e9 < gap) {
			s->missing = true;
			n++;
		}
	}
	return n;
}

/*
 * Each probe is spaced (it found a token whatever the router's limit)
 * or close.  A hop whose close probes went unanswered much more often
 * than its spaced ones (P(X >= close lost | close sent, the spaced
 * share, at least base_loss) < 0.05; lenient, since all it does is set
 * those probes aside) limits its ICMP rate: its loss is counted over the
 * spaced probes alone, and its unanswered close ones are missing data.
 * With fewer than SPACED_MIN spaced probes (a fast series), a hop whose
 * answers follow a token bucket's pattern is limited, and what its
 * bucket withheld is set aside (token_bucket_like()).  Any other hop's
 * loss is counted over every probe.
 */
static void
account_hop(const struct path_work *w, struct path_hop *h, struct hop_work *hw,
    const int64_t *arrivals, size_t narr)
{
	int64_t prev = -1;
	uint32_t sp = 0, sp_lost = 0, cl = 0, cl_lost = 0;
	double share, gap;
	size_t i;

	for (i = 0; i < hw->n; i++) {
		struct sample *s = &hw->s[i];
		int64_t last = arrivals != NULL ? before(arrivals, narr, s->ts) : prev;
		bool spaced;

		/* A thinned trace: the probe before may be one not kept. */
		if (w->thinned && s->prev_ts > last)
			last = s->prev_ts;
		spaced = last < 0 || (double)(s->ts - last) / 1e9 >= SPACED_S;

		prev = s->ts;
		s->missing = false;
		s->spaced = spaced;
		if (spaced) {
			sp++;
			sp_lost += s->rtt < 0;
		} else {
			cl++;
			cl_lost += s->rtt < 0;
		}
	}
	share = fmax(w->pp->base_loss, sp ? (double)sp_lost / sp : 0);
	hw->spaced_n = sp;
	hw->spaced_lost = sp_lost;
	hw->close_n = cl;
	hw->close_lost = cl_lost;
	hw->limited = cl_lost >= 2 && sp >= SPACED_MIN && stats_binom_upper(cl_lost, cl, share) < 0.05;
	if (hw->limited) {
		for (i = 0; i < hw->n; i++)
			hw->s[i].missing = hw->s[i].rtt < 0 && !hw->s[i].spaced;
		h->opportunities = sp;
		h->lost = sp_lost;
		h->missing = cl_lost;
	} else if ((hw->limited = token_bucket_like(hw, &gap))) {
		h->missing = bucket_missing(hw, gap);
		h->opportunities = sp + cl - h->missing;
		h->lost = sp_lost + cl_lost - h->missing;
	} else {
		h->opportunities = sp + cl;
		h->lost = sp_lost + cl_lost;
		h->missing = 0;
	}
	/*
	 * A thinned trace: the whole capture's counts, what the limit
	 * withheld in the kept rounds' proportion.
	 */
	if (w->thinned && hw->n > 0 && h->sent >= hw->n) {
		uint32_t miss = (uint32_t)((double)h->missing * h->sent / hw->n + 0.5);

		h->missing = miss < h->sent - h->received ? miss : h->sent - h->received;
		h->opportunities = h->sent - h->missing;
		h->lost = h->opportunities - h->received;
	}
	h->loss_pct = h->opportunities ? 100.0 * h->lost / h->opportunities : 0;
}

void
path_loss_account(struct path_work *w)
{
	struct path_result *res = w->res;
	int64_t *arr;
	size_t narr = 0;
	int t;

	arr = dest_arrivals(w, &narr);
	for (t = res->first_ttl; t <= res->last_ttl && t > 0; t++)
		if (res->hops[t].probed)
			account_hop(w, &res->hops[t], &w->hw[t], t == res->dest_ttl ? arr : NULL,
			    narr);
	free(arr);
}

static double
loss_share(const struct path_hop *h)
{
	return h->opportunities ? (double)h->lost / h->opportunities : 0;
}

static int
rate_limited(struct path_work *w, int t, double pv)
{
	struct path_hop *h = &w->res->hops[t];
	const struct hop_work *hw = &w->hw[t];
	struct path_finding f;
	char l1[96];

	h->flags |= HF_RATE_LIMITED;
	path_finding_init(&f, FK_RATE_LIMITED, h);
	f.loss_pct = h->loss_pct;
	f.p_value = pv;
	if (hw->limited)
		snprintf(f.summary, sizeof(f.summary),
		    "%s answered %u of %u probes: %u of the %u sent within %.2f s of the one before "
		    "went unanswered, against %u of the %u sent further apart: it limits its ICMP "
		    "rate, so those %u are missing data, not loss; not a fault.",
		    path_hop_label(w->res, t, l1, sizeof(l1)), h->received, h->sent,
		    hw->close_lost, hw->close_n, SPACED_S, hw->spaced_lost, hw->spaced_n,
		    h->missing);
	else
		snprintf(f.summary, sizeof(f.summary),
		    "%s answered %u of %u probes while later hops lost less: the router "
		    "limits or drops its own ICMP replies, not the traffic it forwards; "
		    "not a fault.", path_hop_label(w->res, t, l1, sizeof(l1)), h->received, h->sent);
	return path_add_finding(w, &f);
}

/*
 * A hop whose replies a token bucket capped is labelled (its withheld
 * replies are not counted as loss).  Loss the reference (the
 * destination, else the last hop that answered) does not show,
 * P(X >= lost | opportunities, max(base_loss, its share)) < alpha, is
 * that router's own too.
 */
static int
rate_limited_hops(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_params *pp = w->pp;
	int ref = res->dest_ttl > 0 ? res->dest_ttl : w->last_resp;
	double lref = ref ? loss_share(&res->hops[ref]) : 0;
	int t;

	for (t = res->first_ttl; t <= w->last_resp && t > 0; t++) {
		struct path_hop *h = &res->hops[t];
		double pv = -1;

		if (!path_responding(res, t))
			continue;
		if (!w->hw[t].limited) {
			if (h->lost == 0 || t == ref)
				continue;
			pv = stats_binom_upper(h->lost, h->opportunities, fmax(pp->base_loss, lref));
			if (pv >= pp->alpha)
				continue;
		}
		if (rate_limited(w, t, pv) != 0)
			return -1;
	}
	return 0;
}

/*
 * Where the loss starts: a change point.  Each probe is its own packet,
 * so the answering hops' losses are independent draws, from a rate p0
 * before the lossy link (what is normal: their pooled rate, at most
 * base_loss) and p1 from it on (a hop's loss is the path's up to it).  For each answering hop s, the log-likelihood of "the loss
 * starts at s", with p0 and p1 the pooled rates before and from s; the
 * start is the best s, placed when every other s is worse by
 * LOSS_PLACE_LL or more (a likelihood ratio test at 0.01: half of
 * chi-squared(1)'s 6.63), and otherwise the hops within that of it are
 * the range the samples allow.  Pooling keeps one unlucky hop (1 lost of
 * 21 where 10 % is lost from far before it) from moving the start to the
 * destination, as a walk back from it did; telling the start hop from
 * the one before takes about 44 answered probes there at 10 %.  Hops a
 * rate limit labelled, whose loss is their own, are passed over.
 */
#define LOSS_PLACE_LL	3.32
#define LOSS_MAX_CAND	PATH_MAX_HOPS

static double
seg_ll(double lost, double n, double p)
{
	p = fmin(fmax(p, 1e-4), 1 - 1e-4);
	return lost * log(p) + (n - lost) * log1p(-p);
}

struct loss_cp {
	int	 ttl[LOSS_MAX_CAND];
	double	 ll[LOSS_MAX_CAND], p1[LOSS_MAX_CAND];
	int	 n, best, lo, hi;	/* indices: the start, and the range the samples allow */
};

static void
loss_change_point(const struct path_result *res, double base_loss, struct loss_cp *cp)
{
	double L[LOSS_MAX_CAND], N[LOSS_MAX_CAND];
	double bestll = -INFINITY;
	int t, c, j;

	cp->n = 0;
	for (t = res->first_ttl; t > 0 && t <= res->dest_ttl && cp->n < LOSS_MAX_CAND; t++) {
		const struct path_hop *h = &res->hops[t];

		if (t != res->dest_ttl && (!path_responding(res, t) || h->opportunities == 0 ||
		    (h->flags & HF_RATE_LIMITED)))
			continue;
		cp->ttl[cp->n] = t;
		L[cp->n] = h->lost;
		N[cp->n++] = h->opportunities;
	}
	cp->best = cp->n - 1;
	for (c = 0; c < cp->n; c++) {
		double lb = 0, nb = 0, la = 0, na = 0, p0, p1, ll = 0;

		for (j = 0; j < c; j++) {
			lb += L[j];
			nb += N[j];
		}
		for (j = c; j < cp->n; j++) {
			la += L[j];
			na += N[j];
		}
		/* Before the start the path loses what is normal, at most base_loss. */
		p0 = fmin(nb > 0 ? lb / nb : 0, base_loss);
		p1 = na > 0 ? la / na : 0;
		cp->p1[c] = p1;
		if (p1 <= p0) {
			cp->ll[c] = -INFINITY;	/* no rise there */
			continue;
		}
		for (j = 0; j < cp->n; j++)
			ll += seg_ll(L[j], N[j], j < c ? p0 : p1);
		cp->ll[c] = ll;
		if (ll > bestll) {
			bestll = ll;
			cp->best = c;
		}
	}
	cp->lo = cp->hi = cp->best;
	for (c = 0; c < cp->n; c++)
		if (c != cp->best && cp->ll[cp->best] - cp->ll[c] < LOSS_PLACE_LL) {
			if (c < cp->lo)
				cp->lo = c;
			if (c > cp->hi)
				cp->hi = c;
		}
}

/*
 * The destination's loss is significant when P(X >= lost | opportunities,
 * base_loss) < alpha; its start is the change point above.  Loss not
 * significant at the destination is only a reason for the verdict.
 */
static int
lossy_link(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_hop *d = &res->hops[res->dest_ttl];
	double pd = stats_binom_upper(d->lost, d->opportunities, w->pp->base_loss);
	struct path_finding f;
	struct loss_cp cp;
	char l1[96], l2[96], l3[96], range[260] = "";
	int start, before;
	bool placed;

	if (pd >= w->pp->alpha) {
		snprintf(res->verdict.reason, sizeof(res->verdict.reason),
		    "the destination lost %u of %u probes, not enough to tell a lossy "
		    "link from chance", d->lost, d->opportunities);
		return 0;
	}
	loss_change_point(res, w->pp->base_loss, &cp);
	start = cp.ttl[cp.best];
	before = cp.best > 0 ? cp.ttl[cp.best - 1] : 0;
	/*
	 * And the exact test the old rule made, on the pooled rate: the hop
	 * before the start lost significantly less, P(X <= its losses | its
	 * probes, p1) < alpha (the likelihood ratio is an approximation at
	 * these counts).
	 */
	placed = cp.lo == cp.hi && (before == 0 || stats_binom_lower(res->hops[before].lost,
	    res->hops[before].opportunities, cp.p1[cp.best]) < w->pp->alpha);
	if (!placed && cp.lo == cp.hi && cp.best > 0)
		cp.lo = cp.best - 1;
	if (!placed)
		snprintf(range, sizeof(range), ": it starts somewhere from %s to %s",
		    path_hop_label(res, cp.ttl[cp.lo], l3, sizeof(l3)),
		    path_hop_label(res, cp.ttl[cp.hi], l2, sizeof(l2)));
	path_finding_init(&f, FK_LOSSY_LINK, &res->hops[start]);
	f.has_link = true;
	f.from = path_end_of(res, before);
	f.to = path_end_of(res, start);
	f.loss_pct = 100 * loss_share(d);
	f.p_value = pd;
	f.located = placed;
	snprintf(f.summary, sizeof(f.summary),
	    "%.0f%% of probes to the destination are lost, and the loss starts "
	    "between %s and %s and persists to the destination%s%.200s%s.",
	    f.loss_pct, path_hop_label(res, before, l1, sizeof(l1)),
	    path_hop_label(res, start, l2, sizeof(l2)),
	    placed ? "" : " (too few samples yet to place it firmly", range, placed ? "" : ")");
	if (placed)
		res->hops[start].flags |= HF_LOSSY_LINK;
	else
		res->unplaced++;
	return path_add_finding(w, &f);
}

int
path_loss(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_hop *d = res->dest_ttl > 0 ? &res->hops[res->dest_ttl] : NULL;

	if (rate_limited_hops(w) != 0)
		return -1;
	if (d != NULL && d->lost > 0)
		return lossy_link(w);
	return 0;
}
