/*
 * Loss rules.  A router limits the ICMP it sends (Linux: a burst of
 * about six, then one a second, icmp_ratelimit and icmp_ratemask): a
 * probe it received while its limit had no token gets no answer, and
 * that is missing data, not loss.  So each hop's loss is counted only
 * over the probes it could have answered, and a hop whose limit is all
 * its loss is labelled and never blamed.  The lossy link starts at the
 * first hop of the run of answering hops, ending at the destination,
 * that each lose at least half the destination's share; it must be
 * significant (binomial tests) at the destination and against the hop
 * before it.  man/ptrace-slow.1 states these for users.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

/*
 * A token bucket lets a burst through and then about one reply a
 * second: after the first loss, replies come no faster than ~1.5/s
 * although probes were sent faster than 3/s.  *gap gets the median time
 * between replies once the burst is spent.
 */
static bool
token_bucket_like(const struct hop_work *hw, double *rate, double *gap)
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
	*rate = (double)ans_after / span;
	*gap = ng > 0 ? path_median(gaps, ng) : 1.0;
	return (double)ans_after <= 1 + 1.5 * span;
}

/*
 * Which unanswered probes a limited router could not have answered: those
 * sent less than its reply gap after its last reply, since the bucket
 * gives a token back only a gap after it spent the last one (a probe at
 * 0.9 s, with one reply a second, met an empty bucket).
 */
static void
account_hop(struct path_hop *h, struct hop_work *hw)
{
	int64_t last_answer = -1;
	size_t i;

	h->opportunities = h->lost = h->missing = 0;
	hw->limited = token_bucket_like(hw, &hw->limit_rate, &hw->limit_gap_s);
	for (i = 0; i < hw->n; i++) {
		struct sample *s = &hw->s[i];

		s->missing = false;
		if (s->rtt >= 0) {
			h->opportunities++;
			last_answer = s->ts;
			continue;
		}
		if (hw->limited && last_answer >= 0 &&
		    (double)(s->ts - last_answer) / 1e9 < hw->limit_gap_s) {
			s->missing = true;
			h->missing++;
			continue;
		}
		h->opportunities++;
		h->lost++;
	}
	h->loss_pct = h->opportunities ? 100.0 * h->lost / h->opportunities : 0;
}

void
path_loss_account(struct path_work *w)
{
	struct path_result *res = w->res;
	int t;

	for (t = res->first_ttl; t <= res->last_ttl && t > 0; t++)
		if (res->hops[t].probed)
			account_hop(&res->hops[t], &w->hw[t]);
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
		    "%s answered %u of %u probes (replies capped near %.1f/s after a burst): it "
		    "limits its ICMP rate, so the %u it withheld are missing data, not loss; "
		    "not a fault.", path_hop_label(w->res, t, l1, sizeof(l1)), h->received,
		    h->sent, hw->limit_rate, h->missing);
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
 * The run of answering hops before the destination that each lose at
 * least half its share ld: *start is where it begins, *before the
 * answering hop just ahead of it (0: the run starts at the first hop).
 * A hop whose own limit made it lose more than the destination is not
 * evidence either way and is passed over.
 */
static void
lossy_run(const struct path_work *w, double ld, int *start, int *before)
{
	const struct path_result *res = w->res;
	int t;

	*start = res->dest_ttl;
	*before = 0;
	for (t = res->dest_ttl - 1; t >= res->first_ttl && t > 0; t--) {
		const struct path_hop *h = &res->hops[t];

		if (!path_responding(res, t) || h->opportunities == 0)
			continue;
		if (loss_share(h) >= 0.5 * ld) {
			*start = t;
			continue;
		}
		*before = t;
		break;
	}
}

/*
 * The destination's loss is significant when P(X >= lost | opportunities,
 * base_loss) < alpha; its start is placed when the hop before the run
 * lost significantly less, P(X <= its losses | its opportunities, ld) <
 * alpha, or when the run starts at the first hop.  Loss not significant
 * at the destination is only a reason for the verdict.
 */
static int
lossy_link(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_hop *d = &res->hops[res->dest_ttl];
	double ld = loss_share(d);
	double pd = stats_binom_upper(d->lost, d->opportunities, w->pp->base_loss);
	struct path_finding f;
	char l1[96], l2[96];
	int start, before;
	bool placed;

	if (pd >= w->pp->alpha) {
		snprintf(res->verdict.reason, sizeof(res->verdict.reason),
		    "the destination lost %u of %u probes, not enough to tell a lossy "
		    "link from chance", d->lost, d->opportunities);
		return 0;
	}
	lossy_run(w, ld, &start, &before);
	placed = before == 0 || stats_binom_lower(res->hops[before].lost,
	    res->hops[before].opportunities, ld) < w->pp->alpha;
	path_finding_init(&f, FK_LOSSY_LINK, &res->hops[start]);
	f.has_link = true;
	f.from = path_end_of(res, before);
	f.to = path_end_of(res, start);
	f.loss_pct = 100 * ld;
	f.p_value = pd;
	f.located = placed;
	snprintf(f.summary, sizeof(f.summary),
	    "%.0f%% of probes to the destination are lost, and the loss starts "
	    "between %s and %s and persists to the destination%s.",
	    100 * ld, path_hop_label(res, before, l1, sizeof(l1)),
	    path_hop_label(res, start, l2, sizeof(l2)),
	    placed ? "" : " (too few samples yet to place it firmly)");
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
