/*
 * ptrace-slow's verdict: unreachable, incomplete, congested, lossy
 * link, slow link, over budget, inconclusive or clean, from the hop
 * table and the findings; the packets cited as its evidence; and the
 * final check that turns a verdict the samples do not carry into
 * inconclusive.
 */
#include <stdio.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

/*
 * A clean path is certain only over this many rounds: queueing that is
 * there in most rounds is significant from 7 on (sign test, 0.5^7 <
 * 0.01), and a few more let bursts show.
 */
#define CLEAN_CERTAIN_ROUNDS	10

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
		    dec_icmp_name_af(r->from.family, r->icmp_type, r->icmp_code), verdict_addr(&r->from, a), r->ttl,
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
	v->confidence = CONF_CERTAIN;
	snprintf(v->confidence_reason, sizeof(v->confidence_reason),
	    "the router itself says it cannot reach the destination");
	res->hops[ttl].flags |= HF_UNREACHABLE;
	snprintf(v->summary, sizeof(v->summary),
	    "The destination cannot be reached: the router at hop %d (%s) answers %s.",
	    ttl, verdict_addr(&r->from, a), dec_icmp_name_af(r->from.family, r->icmp_type, r->icmp_code));
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
	v->confidence = CONF_LIKELY;
	snprintf(v->confidence_reason, sizeof(v->confidence_reason),
	    "silence does not say whether the probes or the answers were dropped");
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

/*
 * Queueing or loss measured over a round trip may lie on the way back:
 * the summary says so, and says more when the replies' TTLs show the
 * way back changing length at that link (its two ends' return lengths
 * differ by other than the one hop, or so, the way out adds), when the
 * reply TTLs are known at both ends.  Where Record Route shows the way
 * back from hop k (route.c) running straight to hop a, and the TTLs do
 * not say otherwise, the link is the one both ways cross: certain,
 * whichever way the delay lies; where it shows the way back running
 * through other routers, the summary names them.  A slow link by
 * serialisation is the probe's way out (the answers are the same size
 * whatever the probe's), and a step past the user's budget is the whole
 * path's.
 */
static void
way_back(struct path_work *w, const struct path_finding *f)
{
	struct path_result *res = w->res;
	struct path_verdict *v = &res->verdict;
	int ra = f->from.ttl > 0 ? res->hops[f->from.ttl].return_hops : 0;
	int rk = res->hops[f->to.ttl].return_hops;
	int fwd = f->to.ttl - f->from.ttl;
	size_t used = strlen(v->summary);
	char l1[96], l2[96], via[200];
	bool ttl_change = ra >= 0 && rk > 0 && rk - ra != fwd;
	enum path_rr_link rr;

	path_hop_label(res, f->from.ttl, l1, sizeof(l1));
	path_hop_label(res, f->to.ttl, l2, sizeof(l2));
	rr = path_route_link(res, f->from.ttl, f->to.ttl, via, sizeof(via));
	if (rr == RRL_CROSSES && !ttl_change) {
		v->confidence = CONF_CERTAIN;
		snprintf(v->confidence_reason, sizeof(v->confidence_reason),
		    "Record Route shows the way back crossing the same link");
		snprintf(v->summary + used, sizeof(v->summary) - used,
		    " It lies on the link between %s and %s, one way or both: Record Route shows "
		    "their way back crossing the same link.", l1, l2);
		return;
	}
	if (ttl_change)
		snprintf(v->summary + used, sizeof(v->summary) - used,
		    " It lies between %s and %s, or on their way back, which the replies' TTLs "
		    "show changing there (%d hops back from %s, %d from %s, %d more out).",
		    l1, l2, ra, f->from.ttl > 0 ? l1 : "this host", rk, l2, fwd);
	else
		snprintf(v->summary + used, sizeof(v->summary) - used,
		    " It lies between %s and %s, or on their way back: a round trip cannot "
		    "tell which.", l1, l2);
	if (rr == RRL_ELSEWHERE) {
		used = strlen(v->summary);
		snprintf(v->summary + used, sizeof(v->summary) - used,
		    " Record Route shows the way back from hop %d running through %s: the delay "
		    "may lie there.", f->to.ttl, via);
	}
}

/*
 * A verdict on a link: from the finding that names it.  The round trip
 * cannot tell the link from the way back over it, so the verdict is
 * likely, not certain, unless the way back is known to cross the same
 * link (Record Route, route.c).
 */
static void
verdict_link(struct path_work *w, enum verdict_kind kind, const struct path_finding *f)
{
	struct path_verdict *v = &w->res->verdict;
	char l1[96], l2[96];

	v->kind = kind;
	v->hop = f->hop;
	v->addr = f->addr;
	v->has_link = f->has_link;
	v->from = f->from;
	v->to = f->to;
	v->added_ms = f->added_ms;
	v->cause = f->cause;
	v->loss_pct = f->loss_pct;
	v->p_value = f->p_value;
	v->capacity_kbps = f->capacity_kbps;
	v->significant = f->located;
	v->confidence = CONF_LIKELY;
	snprintf(v->confidence_reason, sizeof(v->confidence_reason),
	    "a round trip cannot tell the link from %s to %s from the way back over it",
	    path_hop_label(w->res, f->from.ttl, l1, sizeof(l1)),
	    path_hop_label(w->res, f->to.ttl, l2, sizeof(l2)));
	snprintf(v->summary, sizeof(v->summary), "%s", f->summary);
	if (kind == VK_CONGESTED || kind == VK_LOSSY_LINK)
		way_back(w, f);
}

/* The finding of kind k the verdict should name: the worst placed one, or -1. */
static int
worst(const struct path_result *res, enum finding_kind k)
{
	int i, best = -1;

	for (i = 0; i < (int)res->nfindings; i++) {
		const struct path_finding *f = &res->findings[i];

		if (f->kind != k || !f->located)
			continue;
		if (best < 0 || f->added_ms + f->loss_pct > res->findings[best].added_ms +
		    res->findings[best].loss_pct)
			best = i;
	}
	return best;
}

/* A placed lossy link that a congestion finding at the same link does not explain. */
static int
lossy_alone(const struct path_result *res)
{
	int i;

	for (i = 0; i < (int)res->nfindings; i++) {
		const struct path_finding *f = &res->findings[i];

		if (f->kind == FK_LOSSY_LINK && f->located &&
		    !(res->hops[f->to.ttl].flags & HF_QUEUEING))
			return i;
	}
	return -1;
}

/* Faults found besides the verdict's, named in its reason. */
static void
also(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_verdict *v = &res->verdict;
	size_t i, used = strlen(v->reason);

	for (i = 0; i < res->nfindings; i++) {
		const struct path_finding *f = &res->findings[i];
		int n;

		if ((int)i == w->fault || (f->kind != FK_QUEUEING && f->kind != FK_LOSSY_LINK &&
		    f->kind != FK_SLOW_LINK && f->kind != FK_OVER_BUDGET))
			continue;
		if (f->kind == FK_LOSSY_LINK && (res->hops[f->to.ttl].flags & HF_QUEUEING) &&
		    v->kind == VK_CONGESTED && v->to.ttl == f->to.ttl)
			continue;
		n = snprintf(v->reason + used, sizeof(v->reason) - used, "%salso: %s%s",
		    used ? "; " : "", path_finding_name(f->kind), f->located ? "" : " (not placed yet)");
		if (n < 0 || (size_t)n >= sizeof(v->reason) - used)
			break;
		used += (size_t)n;
		if (f->to.ttl > 0) {
			n = snprintf(v->reason + used, sizeof(v->reason) - used, " at hop %d",
			    f->to.ttl);
			if (n > 0 && (size_t)n < sizeof(v->reason) - used)
				used += (size_t)n;
		}
	}
}

/* Clean: no fault, and the destination's loss zero or plainly chance. */
static void
verdict_clean(struct path_work *w, const struct path_hop *d)
{
	struct path_result *res = w->res;
	struct path_verdict *v = &res->verdict;
	const char *where = "";
	size_t i;

	v->kind = VK_CLEAN;
	v->significant = d->lost == 0 ||
	    stats_binom_upper(d->lost, d->opportunities, w->pp->base_loss) > 0.2;
	if (res->queue_undecided > 0) {
		v->significant = false;
		snprintf(v->reason, sizeof(v->reason), "%u link%s queued over the high threshold "
		    "in 3 rounds or more, more than a healthy link does by chance, too few yet to "
		    "call it congestion", res->queue_undecided, res->queue_undecided == 1 ? "" : "s");
	}
	if (res->rounds < CLEAN_CERTAIN_ROUNDS) {
		v->confidence = CONF_LIKELY;
		snprintf(v->confidence_reason, sizeof(v->confidence_reason),
		    "%u round%s, %u answer%s from the destination: too few to rule out queueing "
		    "that comes and goes", res->rounds, res->rounds == 1 ? "" : "s",
		    d->received, d->received == 1 ? "" : "s");
	} else {
		double lo, hi;

		stats_wilson(d->lost, d->opportunities, &lo, &hi);
		v->confidence = v->significant ? CONF_CERTAIN : CONF_LIKELY;
		snprintf(v->confidence_reason, sizeof(v->confidence_reason),
		    "%u rounds; no link's queueing, loss or size dependence stands out from the "
		    "path's own jitter; %u probes to the destination put its loss under %.0f%% "
		    "(95 %%)", res->rounds, d->opportunities, 100 * hi);
	}
	for (i = 0; i < res->nfindings; i++)
		if (res->findings[i].kind == FK_LARGEST_STEP)
			where = res->findings[i].summary;
	snprintf(v->summary, sizeof(v->summary),
	    "No link adds queueing, loss or a step beyond distance: the destination (hop %d) "
	    "answers in %.1f ms (median) and loses %.0f%% of probes, so the path is healthy.%s%s",
	    res->dest_ttl, d->rtt.median, d->loss_pct, where[0] ? " " : "", where);
}

/*
 * A congested link, a slow link or a round trip over budget that a
 * stage found but could not place firmly (too few round trips at its
 * ends: a --baseline or --locations step between hops that rate limits
 * and size probes left with fewer than min_samples regular answers).
 * The path cannot be called clean while it stands: the verdict is
 * inconclusive, and the run counts it unplaced so that probing goes on.
 */
static int
unlocated_fault(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_verdict *v = &res->verdict;
	const struct path_finding *f = NULL;
	const char *what;
	size_t i;

	for (i = 0; i < res->nfindings && f == NULL; i++)
		if ((res->findings[i].kind == FK_QUEUEING || res->findings[i].kind == FK_SLOW_LINK ||
		    res->findings[i].kind == FK_OVER_BUDGET) && !res->findings[i].located)
			f = &res->findings[i];
	if (f == NULL)
		return 0;
	what = f->kind == FK_QUEUEING ? "congested link" : f->kind == FK_SLOW_LINK ? "slow link" :
	    "round trip over budget";
	v->kind = VK_INCONCLUSIVE;
	res->unplaced++;
	if (f->has_link)
		snprintf(v->reason, sizeof(v->reason), "a %s at hop %d (%.1f ms), but hop %d and "
		    "hop %d have %u and %u round trips from regular probes, fewer than the %u that "
		    "place a link", what, f->to.ttl, f->added_ms, f->from.ttl,
		    f->to.ttl, f->from.ttl > 0 ? (unsigned int)res->hops[f->from.ttl].rtt.n : 0,
		    (unsigned int)res->hops[f->to.ttl].rtt.n, (unsigned int)w->pp->min_samples);
	else
		snprintf(v->reason, sizeof(v->reason), "a %s at hop %d, but the destination "
		    "answered only %u probes", what, f->hop,
		    res->hops[res->dest_ttl].received);
	snprintf(v->summary, sizeof(v->summary), "The samples so far do not support a verdict: "
	    "%s.", v->reason);
	return 1;
}

/*
 * The destination answered.  In order: congestion, a lossy link that
 * congestion does not explain, a slow link, over budget; one of those
 * not yet placed, loss not yet placed, or too few answers, is
 * inconclusive; else clean.
 */
static void
verdict_answered(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_verdict *v = &res->verdict;
	const struct path_hop *d = &res->hops[res->dest_ttl];
	size_t i;
	int f;

	if (w->unreach_ttl > 0)
		snprintf(v->reason, sizeof(v->reason),
		    "hop %d also answered unreachable at times", w->unreach_ttl);
	if ((f = worst(res, FK_QUEUEING)) >= 0)
		verdict_link(w, VK_CONGESTED, &res->findings[f]);
	else if ((f = lossy_alone(res)) >= 0)
		verdict_link(w, VK_LOSSY_LINK, &res->findings[f]);
	else if ((f = worst(res, FK_SLOW_LINK)) >= 0)
		verdict_link(w, VK_SLOW_LINK, &res->findings[f]);
	else if ((f = worst(res, FK_OVER_BUDGET)) >= 0) {
		verdict_link(w, VK_OVER_BUDGET, &res->findings[f]);
		v->confidence = CONF_CERTAIN;
		snprintf(v->confidence_reason, sizeof(v->confidence_reason),
		    "the destination's median over %u answers", d->received);
	}
	w->fault = f;
	if (f >= 0) {
		res->hops[res->findings[f].to.ttl > 0 ? res->findings[f].to.ttl :
		    res->dest_ttl].flags |= HF_FAULT;
		also(w);
		return;
	}
	if (unlocated_fault(w))
		return;
	for (i = 0; i < res->nfindings; i++)
		if (res->findings[i].kind == FK_LOSSY_LINK) {
			v->kind = VK_INCONCLUSIVE;
			snprintf(v->reason, sizeof(v->reason), "%s", res->findings[i].summary);
			snprintf(v->summary, sizeof(v->summary),
			    "The destination loses %.0f%% of probes, but the samples do not yet "
			    "show where the loss starts.", res->findings[i].loss_pct);
			return;
		}
	if (d->received < w->pp->min_samples) {
		v->kind = VK_INCONCLUSIVE;
		snprintf(v->reason, sizeof(v->reason),
		    "the destination answered only %u of %u probes", d->received, d->sent);
		snprintf(v->summary, sizeof(v->summary),
		    "Too few answers from the destination to judge the path.");
		return;
	}
	verdict_clean(w, d);
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

		if (p->group != w->group || (p->has_opts && w->skip_opts))
			continue;
		pt = (res->dest_ttl > 0 && p->ttl > res->dest_ttl) ? res->dest_ttl : p->ttl;
		if (pt != ttl)
			continue;
		if (res->verdict.kind == VK_LOSSY_LINK && p->reply >= 0 && n >= 2)
			continue;
		if (res->dest_ttl > 0 && p->ttl > res->dest_ttl)
			continue;	/* round 1's burst past the destination */
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

	if (v->kind == VK_UNREACHABLE || v->kind == VK_INCONCLUSIVE)
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

/* Inconclusive: no hop, link, cause or figure named any more. */
static void
verdict_unplace(struct path_verdict *v)
{
	v->kind = VK_INCONCLUSIVE;
	v->hop = 0;
	memset(&v->addr, 0, sizeof(v->addr));
	v->has_link = false;
	v->cause = NULL;
	v->added_ms = 0;
	v->capacity_kbps = 0;
}

/*
 * A verdict read from round trips the capture's clock cannot give is
 * inconclusive (frame_defects.h): replies stamped the same time as their
 * probe, stamps out of range, or a clock that went back while replies
 * went unmatched (a reply stamped before its probe is lost to it; frames
 * merely out of time order keep their stamps right).  Unreachable and
 * incomplete rest on which probes were answered, not on when, and stand.
 */
static void
verdict_timestamps(struct path_work *w)
{
	const struct fdef_stats *fd = corr_counters(w->c)->fd;
	struct path_verdict *v = &w->res->verdict;
	uint32_t pi, bad = 0, rtts = 0;
	char why[240], detail[400];

	if (fd == NULL || v->kind == VK_UNREACHABLE || v->kind == VK_INCOMPLETE)
		return;
	for (pi = 0; pi < corr_nprobes(w->c); pi++) {
		const struct corr_probe *p = corr_probe(w->c, pi);
		int32_t ri = p->reply >= 0 ? p->reply : p->late_reply;
		const struct corr_reply *r = ri >= 0 ? corr_reply(w->c, (uint32_t)ri) : NULL;

		if (p->group != w->group)
			continue;
		rtts += r != NULL;
		bad += r != NULL ? r->rtt_bad : p->ts_bad;
	}
	if (bad == 0 && (fd->ts_back == 0 || corr_counters(w->c)->foreign_replies == 0))
		return;
	fdef_ts_text(fd, why, sizeof(why));
	if (bad > 0)
		snprintf(detail, sizeof(detail), "%u of %u round trips are read from frames stamped "
		    "the same time as their probe or out of range%s%s", bad, rtts,
		    why[0] ? "; " : "", why);
	else
		snprintf(detail, sizeof(detail), "%s, and %llu replies match no probe (one stamped "
		    "before its probe is lost to it)", why,
		    (unsigned long long)corr_counters(w->c)->foreign_replies);
	snprintf(v->reason, sizeof(v->reason), "the capture's timestamps cannot be trusted: %.350s",
	    detail);
	verdict_unplace(v);
	v->significant = true;
	v->confidence_reason[0] = '\0';
	snprintf(v->summary, sizeof(v->summary), "The capture's timestamps do not measure "
	    "round trips, so the path cannot be judged from this capture.");
}

/* Never guess: a verdict the samples do not yet carry is inconclusive. */
void
path_verdict_check(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_verdict *v = &res->verdict;

	verdict_timestamps(w);

	if (!v->significant && v->kind != VK_INCONCLUSIVE) {
		if (v->kind != VK_CLEAN)
			snprintf(v->reason, sizeof(v->reason), "%s at hop %d, but too few samples "
			    "yet to place it firmly", path_verdict_name(v->kind), v->hop);
		else if (v->reason[0] == '\0')
			snprintf(v->reason, sizeof(v->reason), "the destination lost %u of %u "
			    "probes, too few to tell a lossy link from chance",
			    res->hops[res->dest_ttl].lost, res->hops[res->dest_ttl].opportunities);
		if (v->kind != VK_CLEAN)
			res->unplaced++;
		verdict_unplace(v);
		snprintf(v->summary, sizeof(v->summary),
		    "The samples so far do not support a verdict: %s.", v->reason);
	}
	if (v->kind == VK_INCONCLUSIVE) {
		v->confidence = CONF_AMBIGUOUS;
		if (v->confidence_reason[0] == '\0')
			snprintf(v->confidence_reason, sizeof(v->confidence_reason), "%.290s",
			    v->reason[0] ? v->reason : "the evidence does not decide");
		if (v->summary[0] == '\0')
			snprintf(v->summary, sizeof(v->summary),
			    "The evidence does not support a verdict.");
	}
}
