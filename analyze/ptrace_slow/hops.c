/*
 * The hop table: every probe of the trace filed under its TTL with its
 * reply and its round, then each hop's statistics and the flags read
 * straight off them.  A hop is a TTL; the destination is the first TTL
 * at which the target itself answered.  Probes to larger TTLs (round
 * 1's burst, sent before the destination's distance was known) reach
 * the destination all at once: they show it is reachable, and are kept
 * out of its statistics, which they would otherwise dominate.  Probes
 * that carried IP options (trace.c's Record Route echoes) are left out
 * altogether: routers handle such packets on their slow path, so their
 * round trips and their losses are not the path's (route.c reads them).
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

static int
push_sample(struct hop_work *hw, const struct sample *s)
{
	if (hw->n == hw->cap) {
		size_t ncap = hw->cap ? hw->cap * 2 : 16;
		void *n = realloc(hw->s, ncap * sizeof(*hw->s));

		if (n == NULL)
			return -1;
		hw->s = n;
		hw->cap = ncap;
	}
	hw->s[hw->n++] = *s;
	return 0;
}

/* A time-exceeded from the target's address is a router's answer. */
static bool
from_dest(const struct path_result *res, const struct corr_reply *r)
{
	return fl_addr_eq(&r->from, &res->dst) && r->kind != RK_TIME_EXCEEDED;
}

/*
 * Pass 1: where the destination and any unreachable answered, so that
 * pass 2 knows which TTL the destination's answers belong to whatever
 * order the probes went out in.
 */
static void
find_ends(struct path_work *w)
{
	struct path_result *res = w->res;
	uint32_t pi;

	for (pi = 0; pi < corr_nprobes(w->c); pi++) {
		const struct corr_probe *p = corr_probe(w->c, pi);
		const struct corr_reply *r;

		if (p->group != w->group || p->reply < 0 || (p->has_opts && w->skip_opts))
			continue;
		r = corr_reply(w->c, (uint32_t)p->reply);
		if (from_dest(res, r)) {
			if (res->dest_ttl < 0 || p->ttl < res->dest_ttl)
				res->dest_ttl = p->ttl;
		} else if (r->kind == RK_UNREACH &&
		    (w->unreach_ttl < 0 || p->ttl < w->unreach_ttl)) {
			w->unreach_ttl = p->ttl;
			w->unreach_probe = (int32_t)pi;
		}
	}
}

static void
note_responder(struct path_hop *h, const struct fl_addr *a)
{
	int i;

	for (i = 0; i < h->naddrs; i++)
		if (fl_addr_eq(&h->addrs[i].addr, a)) {
			h->addrs[i].count++;
			return;
		}
	if (h->naddrs < PATH_MAX_RESP) {
		h->addrs[h->naddrs].addr = *a;
		h->addrs[h->naddrs].count = 1;
		h->naddrs++;
	}
}

/* What a reply tells about its hop, beyond its round trip. */
static void
note_reply(struct path_hop *h, struct hop_work *hw, const struct corr_reply *r)
{
	note_responder(h, &r->from);
	h->answers[r->kind]++;
	if (r->kind == RK_UNREACH && r->icmp_code < 16)
		h->unreach[r->icmp_code]++;
	hw->ttl_hist[r->ttl]++;
	if (r->kind == RK_TIME_EXCEEDED || r->kind == RK_UNREACH || r->kind == RK_PARAM)
		hw->icmp_err_replies = true;
	if (r->n_mpls > 0) {
		h->n_mpls = r->n_mpls;
		memcpy(h->mpls, r->mpls, sizeof(h->mpls));
	}
}

/*
 * Pass 2, one probe: filed under its TTL, or the destination's beyond
 * it.  An unanswered probe still inside its wait is left out.
 */
/* A probe past the destination's TTL: its answer shows reachability only. */
static void
file_beyond(struct path_result *res, const struct corr_reply *r)
{
	struct path_hop *h = &res->hops[res->dest_ttl];

	h->beyond_sent++;
	if (r != NULL)
		h->beyond_received++;
}

static int
file_probe(struct path_work *w, const struct corr_probe *p, uint32_t round)
{
	struct path_result *res = w->res;
	const struct corr_reply *r = NULL;
	struct path_hop *h;
	struct sample s;
	int t;

	if (p->reply >= 0)
		r = corr_reply(w->c, (uint32_t)p->reply);
	if (r == NULL && w->pp->resolved != NULL && !w->pp->resolved(w->pp->ctx, p))
		return 0;
	res->flow_id = p->key.a;
	res->dport = p->key.b;
	res->probes++;
	t = p->ttl;
	if (t == 0)
		return 0;
	if (r != NULL)
		res->replies++;
	if (res->dest_ttl > 0 && t > res->dest_ttl) {
		if (r == NULL || from_dest(res, r))
			file_beyond(res, r);
		return 0;	/* else a path change: not the destination's */
	}
	h = &res->hops[t];
	h->probed = true;
	h->ttl = (uint8_t)t;
	h->sent++;
	if (t < res->first_ttl)
		res->first_ttl = t;
	if (t > res->last_ttl)
		res->last_ttl = t;
	memset(&s, 0, sizeof(s));
	s.ts = p->ts;
	s.pframe = p->frame;
	s.ttl = p->ttl;
	s.round = round;
	s.size = p->len;
	s.rtt = -1;
	s.prev_ts = p->prev_ts;
	if (p->nreplies > 1)
		h->dups += p->nreplies - 1u;
	if (r == NULL) {
		if (p->late_reply >= 0)
			h->late++;
	} else {
		h->received++;
		s.rtt = (double)r->rtt / 1e6;
		s.rframe = r->frame;
		if (s.rtt > res->max_rtt_ms)
			res->max_rtt_ms = s.rtt;
		if (r->ts > res->last_ts)
			res->last_ts = r->ts;
		note_reply(h, &w->hw[t], r);
	}
	return push_sample(&w->hw[t], &s);
}

/*
 * The regular probes' size at each hop (the smallest sent there), so
 * that larger size probes (size.c) stay out of its RTT statistics.
 */
static void
mark_sizes(struct path_work *w)
{
	int t;
	size_t i;

	for (t = 1; t < PATH_MAX_HOPS; t++) {
		struct hop_work *hw = &w->hw[t];

		hw->base_size = 0;
		for (i = 0; i < hw->n; i++)
			if (hw->base_size == 0 || hw->s[i].size < hw->base_size)
				hw->base_size = hw->s[i].size;
		for (i = 0; i < hw->n; i++)
			hw->s[i].sized = hw->s[i].size > hw->base_size + 32;
	}
}

/*
 * Option probes are left out when the trace has others: a capture whose
 * every probe carried options (a tool that source-routes them, say) has
 * only slow-path times, and they are still its times.
 */
static bool
plain_probes(const struct path_work *w)
{
	uint32_t pi;

	for (pi = 0; pi < corr_nprobes(w->c); pi++) {
		const struct corr_probe *p = corr_probe(w->c, pi);

		if (p->group == w->group && !p->has_opts)
			return true;
	}
	return false;
}

/*
 * A thinned trace (corr_group): the rounds kept give the statistics, but
 * what each hop was sent and answered, and its fastest answer, are the
 * whole capture's, from the correlator's counts per TTL.
 */
static void
whole_counts(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct corr_group *g = corr_group(w->c, w->group);
	int t;

	res->rounds_read = res->rounds;
	res->round_stride = 1;
	w->thinned = g != NULL && g->stride > 1 && corr_group_ttl(w->c, w->group, 0) != NULL;
	if (!w->thinned)
		return;
	res->rounds_read = g->rounds;
	res->round_stride = g->stride;
	res->probes = res->replies = 0;
	if (res->dest_ttl > 0)
		res->hops[res->dest_ttl].beyond_sent = res->hops[res->dest_ttl].beyond_received = 0;
	for (t = 1; t < 256; t++) {
		const struct corr_ttl *ct = corr_group_ttl(w->c, w->group, (uint8_t)t);
		uint32_t sent = ct->sent, answered = ct->answered, i;
		struct path_hop *h;
		double k;

		if (w->skip_opts) {
			sent -= ct->opts_sent;
			answered -= ct->opts_answered;
		}
		res->probes += sent;
		res->replies += answered;
		if (sent == 0)
			continue;
		if (res->dest_ttl > 0 && t > res->dest_ttl) {
			h = &res->hops[res->dest_ttl];
			h->beyond_sent += sent;
			h->beyond_received += answered;
			continue;
		}
		if (t >= PATH_MAX_HOPS || !res->hops[t].probed)
			continue;
		h = &res->hops[t];
		/* Who answered and how, in the kept rounds' proportions. */
		k = h->received > 0 ? (double)answered / h->received : 0;
		for (i = 0; i < h->naddrs; i++)
			h->addrs[i].count = (uint32_t)(h->addrs[i].count * k + 0.5);
		for (i = 0; i < sizeof(h->answers) / sizeof(h->answers[0]); i++)
			h->answers[i] = (uint32_t)(h->answers[i] * k + 0.5);
		for (i = 0; i < sizeof(h->unreach) / sizeof(h->unreach[0]); i++)
			h->unreach[i] = (uint32_t)(h->unreach[i] * k + 0.5);
		h->sent = sent;
		h->received = answered;
		h->late = ct->late;
		h->dups = ct->dups;
	}
}

int
path_hops_build(struct path_work *w)
{
	struct path_result *res = w->res;
	uint32_t pi, round = 0;
	int prev_ttl = -1;

	w->skip_opts = plain_probes(w);
	find_ends(w);
	for (pi = 0; pi < corr_nprobes(w->c); pi++) {
		const struct corr_probe *p = corr_probe(w->c, pi);

		if (p->group != w->group || (p->has_opts && w->skip_opts))
			continue;
		/* A round is one pass over the TTLs: a new one starts where the TTL falls. */
		if (prev_ttl >= 0 && p->ttl < prev_ttl)
			round++;
		prev_ttl = p->ttl;
		if (file_probe(w, p, round) != 0)
			return -1;
	}
	res->rounds = prev_ttl >= 0 ? round + 1 : 0;
	if (res->first_ttl > res->last_ttl)
		res->first_ttl = res->last_ttl;
	mark_sizes(w);
	whole_counts(w);
	return 0;
}

static void
sort_responders(struct path_hop *h)
{
	int i, j;

	for (i = 1; i < h->naddrs; i++)
		for (j = i; j > 0 && h->addrs[j].count > h->addrs[j - 1].count; j--) {
			struct path_responder t = h->addrs[j];

			h->addrs[j] = h->addrs[j - 1];
			h->addrs[j - 1] = t;
		}
	if (h->naddrs > 0)
		h->addr = h->addrs[0].addr;
}

static void
summarise_hop(struct path_hop *h, const struct hop_work *hw)
{
	double *x;
	size_t i, n = 0;
	uint32_t best = 0;
	int t;

	x = malloc((hw->n ? hw->n : 1) * sizeof(*x));
	h->best_rtt = -1;
	for (i = 0; i < hw->n; i++) {
		if (hw->s[i].rtt < 0 || hw->s[i].sized)
			continue;
		if (x != NULL)
			x[n++] = hw->s[i].rtt;
		if (h->best_rtt < 0 || hw->s[i].rtt < h->best_rtt) {
			h->best_rtt = hw->s[i].rtt;
			h->best_probe_frame = hw->s[i].pframe;
			h->best_reply_frame = hw->s[i].rframe;
		}
	}
	if (x != NULL)
		(void)stats_summarise(x, n, &h->rtt);
	free(x);
	h->reply_ttl = -1;
	for (t = 0; t < 256; t++)
		if (hw->ttl_hist[t] > best) {
			best = hw->ttl_hist[t];
			h->reply_ttl = t;
		}
	h->return_hops = h->reply_ttl > 0 ? corr_return_hops(h->reply_ttl) : -1;
}

/*
 * A return path at least 2 hops longer or shorter than the way out
 * (from the reply's TTL, the sender's initial TTL taken as the next of
 * 32, 64, 128, 255) hints at asymmetric routing; one hop is slack.
 */
static void
flag_hop(struct path_hop *h, int t, int dest_ttl)
{
	if (h->received == 0)
		h->flags |= HF_SILENT;
	if (t == dest_ttl)
		h->flags |= HF_DESTINATION;
	if (h->naddrs > 1)
		h->flags |= HF_MULTIPATH;
	if (h->late > 0)
		h->flags |= HF_LATE;
	if (h->dups > 0)
		h->flags |= HF_DUPLICATES;
	if (h->n_mpls > 0)
		h->flags |= HF_MPLS;
	if (h->return_hops > 0 && h->return_hops - t >= 2)
		h->flags |= HF_RETURN_LONGER;
	if (h->return_hops > 0 && t - h->return_hops >= 2)
		h->flags |= HF_RETURN_SHORTER;
}

void
path_hops_summarise(struct path_work *w)
{
	struct path_result *res = w->res;
	int t;

	for (t = res->first_ttl; t <= res->last_ttl && t > 0; t++) {
		struct path_hop *h = &res->hops[t];

		if (!h->probed)
			continue;
		sort_responders(h);
		summarise_hop(h, &w->hw[t]);
		if (w->thinned) {
			const struct corr_ttl *ct = corr_group_ttl(w->c, w->group, (uint8_t)t);
			double ms = ct->min_rtt >= 0 ? (double)ct->min_rtt / 1e6 : -1;

			/* The fastest answer of the whole capture, kept round or not. */
			if (ms >= 0 && (h->best_rtt < 0 || ms < h->best_rtt)) {
				h->best_rtt = ms;
				h->best_probe_frame = ct->min_probe_frame;
				h->best_reply_frame = ct->min_reply_frame;
				if (h->rtt.n > 0 && ms < h->rtt.min)
					h->rtt.min = ms;
			}
		}
		if (h->received > 0)
			w->last_resp = t;
		flag_hop(h, t, res->dest_ttl);
	}
}
