/*
 * The latency budget: where the path's round trip goes, link by link.
 * Each answering hop's minimum RTT (its regular probes: the RTT with no
 * queue in it) is taken on the monotone lower envelope from the
 * destination back (a hop's value is the least of its own and every
 * later hop's), so a router that is slow to answer, or a later hop that
 * answers faster, does not make a step; each link adds the envelope's
 * step from the answering hop before it.  The steps add up to the
 * destination's minimum RTT.  A labelled MPLS tunnel is one link
 * (RFC 3032 2.3.2: every hop inside answers through the tunnel's exit,
 * with its RTT).  A step is distance until other evidence says more
 * (queue.c, size.c, latency.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

/* The envelope, from the destination (or the last hop that answered) back. */
static void
envelope(struct path_work *w, int last)
{
	struct path_result *res = w->res;
	double env = INFINITY;
	int t;

	for (t = 0; t < PATH_MAX_HOPS; t++)
		w->hw[t].env_min = -1;
	for (t = last; t >= res->first_ttl && t > 0; t--) {
		const struct path_hop *h = &res->hops[t];

		if (!h->probed || h->rtt.n == 0)
			continue;
		if (h->rtt.min < env)
			env = h->rtt.min;
		w->hw[t].env_min = env;
	}
}

static int
add_link(struct path_work *w, int a, int k, bool tunnel)
{
	struct path_result *res = w->res;
	struct path_link *l;
	double ea = a > 0 ? w->hw[a].env_min : 0, ek = w->hw[k].env_min;

	if (res->nlinks == w->lcap) {
		size_t ncap = w->lcap ? w->lcap * 2 : 16;
		void *n = realloc(res->links, ncap * sizeof(*res->links));

		if (n == NULL)
			return -1;
		res->links = n;
		w->lcap = ncap;
	}
	l = &res->links[res->nlinks++];
	memset(l, 0, sizeof(*l));
	l->from = path_end_of(res, a);
	l->to = path_end_of(res, k);
	l->added_ms = ek - ea > 0 ? ek - ea : 0;
	l->tunnel = tunnel;
	l->cause = tunnel ? "mpls-tunnel" : "distance";
	return 0;
}

/* The last hop of a run of labelled (MPLS) hops starting at k, or k. */
static int
tunnel_end(const struct path_work *w, int k, int last)
{
	const struct path_result *res = w->res;
	int t, end = k;

	if (res->hops[k].n_mpls == 0)
		return k;
	for (t = k + 1; t <= last; t++) {
		if (w->hw[t].env_min < 0)
			continue;
		if (res->hops[t].n_mpls == 0)
			break;
		end = t;
	}
	return end;
}

int
path_budget(struct path_work *w)
{
	struct path_result *res = w->res;
	int last = res->dest_ttl > 0 ? res->dest_ttl : w->last_resp;
	int a = 0, k, end;
	double total;
	size_t i;

	if (last <= 0)
		return 0;
	envelope(w, last);
	for (k = res->first_ttl; k <= last && k > 0; k++) {
		if (w->hw[k].env_min < 0)
			continue;
		end = tunnel_end(w, k, last);
		if (add_link(w, a, end, end != k) != 0)
			return -1;
		a = end;
		k = end;
	}
	total = w->hw[last].env_min;
	for (i = 0; i < res->nlinks; i++)
		res->links[i].share = total > 0 ? res->links[i].added_ms / total : 0;
	return 0;
}
