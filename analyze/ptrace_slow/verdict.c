/*
 * ptrace-slow's verdict: unreachable, incomplete, lossy link,
 * bottleneck, inconclusive or clean, from the hop table and the
 * findings; the packets cited as its evidence; and the final check
 * that turns a verdict the samples do not carry into inconclusive.
 */
#include <stdio.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

static void
describe_probe(const struct path_result *res, const struct corr_probe *p,
    char *buf, size_t len)
{
	char d[FL_ADDRSTRLEN];

	switch (p->key.proto) {
	case 1:
		snprintf(buf, len, "echo request to %s, ttl %u, id %u seq %u",
		    verdict_addr(&res->dst, d), p->ttl, p->key.a, (unsigned int)p->key.c);
		break;
	case 17:
		snprintf(buf, len, "UDP %u -> %s:%u, ttl %u, checksum 0x%04x",
		    p->key.a, verdict_addr(&res->dst, d), p->key.b, p->ttl, (unsigned int)p->key.c);
		break;
	default:
		snprintf(buf, len, "TCP SYN %u -> %s:%u, ttl %u, seq %u",
		    p->key.a, verdict_addr(&res->dst, d), p->key.b, p->ttl, (unsigned int)p->key.c);
	}
}

/* A probe and its reply (or its absence) as two evidence lines. */
static int
evidence_probe(struct path_result *res, const struct corr *c, const struct corr_probe *p)
{
	const struct corr_reply *r = p->reply >= 0 ? corr_reply(c, (uint32_t)p->reply) : NULL;
	char line[200], desc[160], a[FL_ADDRSTRLEN];

	describe_probe(res, p, desc, sizeof(desc));
	if (r == NULL) {
		snprintf(line, sizeof(line), "%s: no reply", desc);
		return evidence_add(&res->ev, p->frame, "%s", line);
	}
	if (evidence_add(&res->ev, p->frame, "%s", desc) != 0)
		return -1;
	if (r->kind == RK_TIME_EXCEEDED || r->kind == RK_UNREACH || r->kind == RK_PARAM)
		snprintf(line, sizeof(line), "%s from %s (reply ttl %u) answering frame %u, rtt %.*f ms",
		    dec_icmp_name(r->icmp_type, r->icmp_code), verdict_addr(&r->from, a), r->ttl,
		    p->frame, r->rtt < 10000000 ? 2 : 1, (double)r->rtt / 1e6);
	else
		snprintf(line, sizeof(line), "%s from %s (reply ttl %u) answering frame %u, rtt %.*f ms",
		    corr_reply_kind_name(r->kind), verdict_addr(&r->from, a), r->ttl,
		    p->frame, r->rtt < 10000000 ? 2 : 1, (double)r->rtt / 1e6);
	return evidence_add(&res->ev, r->frame, "%s", line);
}

/*
 * The destination never answered and a router sent an unreachable.  A
 * router that filters (rather than lacks a route) answers its own TTL
 * with time-exceeded and larger ones with unreachable: it sits where
 * it answered first.
 */
static int
verdict_unreachable(struct path_work *w, const struct corr_probe *up)
{
	struct path_result *res = w->res;
	struct path_verdict *v = &res->verdict;
	const struct corr_reply *r = corr_reply(w->c, (uint32_t)up->reply);
	int t, ttl = w->unreach_ttl;
	char a[FL_ADDRSTRLEN];

	for (t = res->first_ttl; t > 0 && t < ttl; t++)
		if (fl_addr_eq(&res->hops[t].addr, &r->from)) {
			ttl = t;
			break;
		}
	v->kind = VK_UNREACHABLE;
	v->hop = ttl;
	v->addr = r->from;
	v->significant = true;
	res->hops[ttl].flags |= HF_UNREACHABLE;
	snprintf(v->summary, sizeof(v->summary),
	    "The destination cannot be reached: the router at hop %d (%s) answers %s.",
	    ttl, verdict_addr(&r->from, a), dec_icmp_name(r->icmp_type, r->icmp_code));
	return evidence_probe(res, w->c, up);
}

/* The destination never answered and no unreachable came back. */
static void
verdict_incomplete(struct path_work *w)
{
	struct path_verdict *v = &w->res->verdict;
	char a[FL_ADDRSTRLEN];

	v->kind = VK_INCOMPLETE;
	v->hop = w->last_resp;
	v->significant = true;
	if (w->last_resp > 0) {
		v->addr = w->res->hops[w->last_resp].addr;
		snprintf(v->summary, sizeof(v->summary),
		    "The path goes silent after hop %d (%s): no router beyond it "
		    "and not the destination answered, so probes are dropped or "
		    "filtered after that router.", w->last_resp, verdict_addr(&v->addr, a));
	} else {
		snprintf(v->summary, sizeof(v->summary),
		    "Nothing answered: not the first router and not the "
		    "destination (check this host's own firewall and route).");
	}
}

static void
verdict_lossy_link(struct path_work *w, const struct path_finding *loss)
{
	struct path_verdict *v = &w->res->verdict;
	char l1[96], l2[96];

	v->kind = VK_LOSSY_LINK;
	v->hop = loss->hop;
	v->addr = loss->addr;
	v->has_link = true;
	v->from = loss->from;
	v->to = loss->to;
	v->loss_pct = loss->loss_pct;
	v->p_value = loss->p_value;
	v->significant = true;
	snprintf(v->summary, sizeof(v->summary),
	    "Packets are lost on the link from %s to %s: %.0f%% of probes "
	    "to the destination are lost, and the loss starts there.",
	    path_hop_label(w->res, loss->from.ttl, l1, sizeof(l1)),
	    path_hop_label(w->res, loss->to.ttl, l2, sizeof(l2)), loss->loss_pct);
}

/*
 * The largest persisting rise, significant when the hops on both sides
 * of it have min_samples replies.  Loss that starts at the same hop is
 * reported in it.
 */
static void
verdict_bottleneck(struct path_work *w, const struct path_finding *loss)
{
	struct path_result *res = w->res;
	struct path_verdict *v = &res->verdict;
	const struct rise *rb = &w->rises[w->best];
	unsigned int min = w->pp->min_samples;
	char l1[96], l2[96];

	v->kind = VK_BOTTLENECK;
	v->hop = rb->k;
	v->addr = res->hops[rb->k].addr;
	v->has_link = true;
	v->from = path_end_of(res, rb->b);
	v->to = path_end_of(res, rb->k);
	v->added_ms = rb->r;
	v->cause = rb->cause;
	v->significant = res->hops[rb->k].received >= min &&
	    (rb->b == 0 || res->hops[rb->b].received >= min);
	if (loss != NULL && loss->hop == rb->k) {
		v->loss_pct = loss->loss_pct;
		v->p_value = loss->p_value;
	}
	snprintf(v->summary, sizeof(v->summary),
	    "The link from %s to %s adds %.1f ms (round trip) and every later hop "
	    "keeps it: %s.%s", path_hop_label(res, rb->b, l1, sizeof(l1)),
	    path_hop_label(res, rb->k, l2, sizeof(l2)), rb->r,
	    strcmp(rb->cause, "queueing") == 0 ?
	    "queueing delay that varies from probe to probe, the mark of a "
	    "congested link" :
	    "a fixed step in the minimum, the mark of distance or a slow link "
	    "rather than congestion",
	    v->loss_pct > 0 ? " Packets are also lost there." : "");
	if (!v->significant)
		snprintf(v->reason, sizeof(v->reason),
		    "fewer than %u replies at the hops that show the rise", min);
}

/*
 * Clean when no rise persists and the destination's loss is zero or
 * plainly chance, P(X >= lost | sent, base_loss) > 0.2; otherwise not
 * yet significant.
 */
static void
verdict_clean(struct path_work *w, const struct path_hop *d)
{
	struct path_verdict *v = &w->res->verdict;
	unsigned int lost = d->sent - d->received;

	v->kind = VK_CLEAN;
	v->significant = lost == 0 ||
	    stats_binom_upper(lost, d->sent, w->pp->base_loss) > 0.2;
	snprintf(v->summary, sizeof(v->summary),
	    "No hop adds latency that persists to the destination, and the "
	    "destination (hop %d, %.1f ms median) loses %.0f%% of probes: "
	    "the path looks clean.", w->res->dest_ttl, d->rtt.median, d->loss_pct);
}

/*
 * The destination answered.  A placed lossy link is the verdict unless
 * it starts where the bottleneck does; then the bottleneck; then loss
 * not yet placed, or too few answers, is inconclusive; else clean.
 */
static void
verdict_answered(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_verdict *v = &res->verdict;
	const struct path_finding *loss = NULL;
	const struct path_hop *d = &res->hops[res->dest_ttl];
	size_t i;

	for (i = 0; i < res->nfindings; i++)
		if (res->findings[i].kind == FK_LOSSY_LINK)
			loss = &res->findings[i];
	if (w->unreach_ttl > 0)
		snprintf(v->reason, sizeof(v->reason),
		    "hop %d also answered unreachable at times", w->unreach_ttl);
	if (loss != NULL && loss->located &&
	    (w->best == w->nrises || w->rises[w->best].k != loss->hop)) {
		verdict_lossy_link(w, loss);
	} else if (w->best < w->nrises) {
		verdict_bottleneck(w, loss);
	} else if (loss != NULL) {
		v->kind = VK_INCONCLUSIVE;
		snprintf(v->reason, sizeof(v->reason), "%s", loss->summary);
		snprintf(v->summary, sizeof(v->summary),
		    "The destination loses %.0f%% of probes, but the samples do not yet "
		    "show where the loss starts.", loss->loss_pct);
	} else if (d->received < w->pp->min_samples) {
		v->kind = VK_INCONCLUSIVE;
		snprintf(v->reason, sizeof(v->reason),
		    "the destination answered only %u of %u probes", d->received, d->sent);
		snprintf(v->summary, sizeof(v->summary),
		    "Too few answers from the destination to judge the path.");
	} else {
		verdict_clean(w, d);
	}
}

int
path_verdict(struct path_work *w)
{
	const struct corr_probe *up;

	if (w->res->dest_ttl >= 0) {
		verdict_answered(w);
		return 0;
	}
	up = w->unreach_probe >= 0 ? corr_probe(w->c, (uint32_t)w->unreach_probe) : NULL;
	if (up != NULL)
		return verdict_unreachable(w, up);
	verdict_incomplete(w);
	return 0;
}

/*
 * Up to four probes at hop ttl, with their replies; for a lossy link
 * no more than two answered ones, so the unanswered show too.  Probes
 * past the destination count as its own.
 */
static int
evidence_at(struct path_work *w, int ttl)
{
	const struct path_result *res = w->res;
	uint32_t pi;
	int n = 0;

	for (pi = 0; pi < corr_nprobes(w->c) && n < 4; pi++) {
		const struct corr_probe *p = corr_probe(w->c, pi);
		int pt;

		if (p->group != w->group)
			continue;
		pt = (res->dest_ttl > 0 && p->ttl > res->dest_ttl) ? res->dest_ttl : p->ttl;
		if (pt != ttl)
			continue;
		if (res->verdict.kind == VK_LOSSY_LINK && p->reply >= 0 && n >= 2)
			continue;
		if (evidence_probe(w->res, w->c, p) != 0)
			return -1;
		n++;
	}
	return 0;
}

/* Up to four unanswered probes past the last hop that answered. */
static int
evidence_beyond(struct path_work *w)
{
	uint32_t pi;
	int n = 0;

	for (pi = 0; pi < corr_nprobes(w->c) && n < 4; pi++) {
		const struct corr_probe *p = corr_probe(w->c, pi);

		if (p->group == w->group && p->ttl > w->last_resp && p->reply < 0) {
			if (evidence_probe(w->res, w->c, p) != 0)
				return -1;
			n++;
		}
	}
	return 0;
}

/*
 * The packets behind the verdict: the probes at both ends of its link
 * (the destination's, for a clean path), and for an incomplete path
 * the last hop that answered and the probes past it that did not.  An
 * unreachable's probe and reply were cited when it was decided.
 */
int
path_verdict_evidence(struct path_work *w)
{
	const struct path_verdict *v = &w->res->verdict;
	int ends[2], e;

	if (v->kind != VK_BOTTLENECK && v->kind != VK_LOSSY_LINK && v->kind != VK_INCOMPLETE &&
	    v->kind != VK_CLEAN)
		return 0;
	ends[0] = v->has_link ? v->from.ttl : 0;
	ends[1] = v->kind == VK_CLEAN ? w->res->dest_ttl : v->hop;
	if (v->kind == VK_INCOMPLETE)
		ends[0] = 0;
	for (e = 0; e < 2; e++)
		if (ends[e] > 0 && evidence_at(w, ends[e]) != 0)
			return -1;
	if (v->kind == VK_INCOMPLETE)
		return evidence_beyond(w);
	return 0;
}

/* Never guess: a verdict the samples do not yet carry is inconclusive. */
void
path_verdict_check(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_verdict *v = &res->verdict;
	unsigned int min = w->pp->min_samples;

	if (!v->significant && (v->kind == VK_CLEAN || v->kind == VK_BOTTLENECK)) {
		if (v->kind == VK_BOTTLENECK)
			snprintf(v->reason, sizeof(v->reason), "a rise of %.1f ms at hop %d, but "
			    "fewer than %u replies there and at the hop before it", v->added_ms,
			    v->hop, min);
		else if (v->reason[0] == '\0')
			snprintf(v->reason, sizeof(v->reason), "the destination lost %u of %u "
			    "probes, too few to tell a lossy link from chance",
			    res->hops[res->dest_ttl].sent - res->hops[res->dest_ttl].received,
			    res->hops[res->dest_ttl].sent);
		v->kind = VK_INCONCLUSIVE;
		v->hop = 0;
		memset(&v->addr, 0, sizeof(v->addr));
		v->has_link = false;
		v->cause = NULL;
		v->added_ms = 0;
		snprintf(v->summary, sizeof(v->summary),
		    "The samples so far do not support a verdict: %s.", v->reason);
	}
	if (v->kind == VK_INCONCLUSIVE && v->summary[0] == '\0')
		snprintf(v->summary, sizeof(v->summary), "The evidence does not support a verdict.");
}
