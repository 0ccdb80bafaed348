/*
 * Loss rules, judged against the destination's own loss: a router that
 * limits its ICMP rate (loss at one hop that later hops do not show) is
 * labelled and never blamed; the lossy link starts at the first hop of
 * the run of answering hops, ending at the destination, that each lose
 * at least half the destination's share, and must be significant
 * (binomial tests) both at the destination and against the hop before.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

/*
 * A Linux-style ICMP rate limit lets a burst through and then about one
 * reply a second: after the first loss, replies come no faster than
 * ~1.5/s although probes were sent faster than 3/s.
 */
static bool
token_bucket_like(const struct hop_work *hw, double *rate)
{
	size_t i, first_loss = hw->n, sent_after = 0, ans_after = 0;
	double span;

	for (i = 0; i < hw->n; i++)
		if (hw->s[i].rtt < 0) {
			first_loss = i;
			break;
		}
	if (first_loss < 2 || first_loss >= hw->n)
		return false;
	for (i = first_loss; i < hw->n; i++) {
		sent_after++;
		if (hw->s[i].rtt >= 0)
			ans_after++;
	}
	span = (double)(hw->s[hw->n - 1].ts - hw->s[first_loss].ts) / 1e9;
	if (sent_after < 4 || span <= 0 || (double)sent_after / span < 3)
		return false;
	*rate = (double)ans_after / span;
	return (double)ans_after <= 1 + 1.5 * span;
}

static int
rate_limited(struct path_work *w, int t, double pv)
{
	struct path_hop *h = &w->res->hops[t];
	struct path_finding f;
	double rate = 0;
	char l1[96];

	h->flags |= HF_RATE_LIMITED;
	path_finding_init(&f, FK_RATE_LIMITED, h);
	f.loss_pct = h->loss_pct;
	f.p_value = pv;
	if (token_bucket_like(&w->hw[t], &rate))
		snprintf(f.summary, sizeof(f.summary),
		    "%s answered %u of %u probes (replies capped near %.1f/s after a "
		    "burst) while later hops answered: it limits its ICMP rate; not a fault.",
		    path_hop_label(w->res, t, l1, sizeof(l1)), h->received, h->sent, rate);
	else
		snprintf(f.summary, sizeof(f.summary),
		    "%s answered %u of %u probes while later hops lost less: the router "
		    "limits or drops its own ICMP replies, not the traffic it forwards; "
		    "not a fault.", path_hop_label(w->res, t, l1, sizeof(l1)), h->received, h->sent);
	return path_add_finding(w, &f);
}

/*
 * Per hop, against the reference (the destination, else the last hop
 * that answered): loss the reference does not show,
 * P(X >= lost | sent, max(base_loss, its share)) < alpha, is that
 * router's own.  The reference itself is labelled only when its replies
 * are ICMP errors under a rate limit (dest_rl), and then not tested.
 */
static int
rate_limited_hops(struct path_work *w, bool dest_rl)
{
	struct path_result *res = w->res;
	const struct path_params *pp = w->pp;
	int ref = res->dest_ttl > 0 ? res->dest_ttl : w->last_resp;
	double lref = ref ? (double)(res->hops[ref].sent - res->hops[ref].received) /
	    (double)(res->hops[ref].sent ? res->hops[ref].sent : 1) : 0;
	int t;

	for (t = res->first_ttl; t <= w->last_resp && t > 0; t++) {
		struct path_hop *h = &res->hops[t];
		unsigned int lost = h->sent - h->received;
		double pv;

		if (!path_responding(res, t) || lost == 0 || (t == ref && !dest_rl))
			continue;
		if (t != ref) {
			pv = stats_binom_upper(lost, h->sent, fmax(pp->base_loss, lref));
			if (pv >= pp->alpha)
				continue;
		} else {
			pv = -1;
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
 */
static void
lossy_run(const struct path_result *res, double ld, int *start, int *before)
{
	int t;

	*start = res->dest_ttl;
	*before = 0;
	for (t = res->dest_ttl - 1; t >= res->first_ttl && t > 0; t--) {
		if (!path_responding(res, t))
			continue;
		if ((double)(res->hops[t].sent - res->hops[t].received) /
		    (double)res->hops[t].sent >= 0.5 * ld) {
			*start = t;
			continue;
		}
		*before = t;
		break;
	}
}

/*
 * The destination's loss is significant when P(X >= lost | sent,
 * base_loss) < alpha; its start is placed when the hop before the run
 * lost significantly less, P(X <= its losses | its probes, ld) < alpha,
 * or when the run starts at the first hop.  Loss not significant at the
 * destination is only a reason for the verdict.
 */
static int
lossy_link(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_hop *d = &res->hops[res->dest_ttl];
	unsigned int lost_d = d->sent - d->received;
	double ld = (double)lost_d / (double)d->sent;
	double pd = stats_binom_upper(lost_d, d->sent, w->pp->base_loss);
	struct path_finding f;
	char l1[96], l2[96];
	int start, before;
	bool placed;

	lossy_run(res, ld, &start, &before);
	placed = before == 0 || stats_binom_lower(
	    res->hops[before].sent - res->hops[before].received,
	    res->hops[before].sent, ld) < w->pp->alpha;
	if (pd >= w->pp->alpha) {
		snprintf(res->verdict.reason, sizeof(res->verdict.reason),
		    "the destination lost %u of %u probes, not enough to tell a lossy "
		    "link from chance", lost_d, d->sent);
		return 0;
	}
	path_finding_init(&f, FK_LOSSY_LINK, &res->hops[start]);
	f.has_link = true;
	f.from = path_end_of(res, before);
	f.to = path_end_of(res, start);
	f.loss_pct = 100 * ld;
	f.p_value = pd;
	snprintf(f.summary, sizeof(f.summary),
	    "%.0f%% of probes to the destination are lost, and the loss starts "
	    "between %s and %s and persists to the destination%s.",
	    100 * ld, path_hop_label(res, before, l1, sizeof(l1)),
	    path_hop_label(res, start, l2, sizeof(l2)),
	    placed ? "" : " (too few samples yet to place it firmly)");
	if (placed)
		res->hops[start].flags |= HF_LOSSY_LINK;
	f.located = placed;
	return path_add_finding(w, &f);
}

int
path_loss(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_hop *d = res->dest_ttl > 0 ? &res->hops[res->dest_ttl] : NULL;
	bool dest_rl = false;
	double rate = 0;

	/*
	 * A destination that answers with ICMP errors (UDP probes) limits
	 * them like any router: its loss is then labelled, not judged.
	 */
	if (d != NULL && w->hw[res->dest_ttl].icmp_err_replies &&
	    token_bucket_like(&w->hw[res->dest_ttl], &rate))
		dest_rl = true;
	if (rate_limited_hops(w, dest_rl) != 0)
		return -1;
	if (d != NULL && !dest_rl && d->sent > d->received)
		return lossy_link(w);
	return 0;
}
