/*
 * The way back, from IP Record Route (RFC 791 section 3.1, option 7).
 *
 * trace.c sends a few echo requests to the destination with nine empty
 * slots.  Each router that keeps the option writes the address of the
 * interface it sends the packet out of into the next free slot; the
 * destination echoes the option into its reply (RFC 1122 3.2.2.6; Linux's
 * ip_options_echo()), so the routers on the way back go on writing
 * until the slots run out.  The destination records itself (Linux: on
 * arrival and again on sending the reply), which splits out from back.
 *
 * A router's time-exceeded comes from one of its addresses (usually the
 * one facing this host), its slot names another (the one facing the
 * next hop): the two ends of a point-to-point link share a /30 or a
 * /31, so a forward slot is hop t's when it is one of hop t's addresses
 * or the mate of one of hop t+1's; slots left over between two placed
 * ones are placed by their order.  On the way back a router is there
 * when it wrote one of its addresses, or received from the mate of
 * one.  The way back crosses the verdict's link from hop a to hop k when
 * hop a follows hop k directly on it.
 *
 * Record Route is opportunistic: routers handle options on their slow
 * path (hops.c keeps these probes out of every statistic), many networks
 * drop or strip them, and a router may forward the option without
 * writing in it.  An answer can show the way back; silence shows
 * nothing, and then nothing here changes the verdict.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

static bool
v4(const struct fl_addr *a, uint32_t *v)
{
	if (a->family != 4)
		return false;
	*v = fl_addr_v4_host(a);
	return true;
}

/*
 * The two ends of one point-to-point link: a /31 (RFC 3021: .0 and .1,
 * .2 and .3; bits 31) or the two hosts of a /30 (.1 and .2; bits 30),
 * or either (bits 0).  The first is the stronger reading: no /30 holds
 * a .0 or a .3 as a router's address, but where links are /31s numbered
 * in a row, one router's own two ends (.1 on one, .2 on the next) look
 * like a /30.
 */
static bool
mates_as(const struct fl_addr *a, const struct fl_addr *b, int bits)
{
	uint32_t x, y;

	if (!v4(a, &x) || !v4(b, &y) || x == y || (x >> 2) != (y >> 2))
		return false;
	if ((x ^ y) == 1)
		return bits != 30;
	return bits != 31 && (((x & 3) == 1 && (y & 3) == 2) || ((x & 3) == 2 && (y & 3) == 1));
}

static bool
mates(const struct fl_addr *a, const struct fl_addr *b)
{
	return mates_as(a, b, 0);
}

/* One of the addresses hop t answered from (the destination's own at its TTL). */
static bool
hop_has(const struct path_result *res, int t, const struct fl_addr *a)
{
	const struct path_hop *h;
	int i;

	if (t <= 0 || t >= PATH_MAX_HOPS)
		return false;
	if (t == res->dest_ttl && fl_addr_eq(a, &res->dst))
		return true;
	h = &res->hops[t];
	for (i = 0; i < h->naddrs; i++)
		if (fl_addr_eq(&h->addrs[i].addr, a))
			return true;
	return false;
}

static bool
hop_mate(const struct path_result *res, int t, const struct fl_addr *a, int bits)
{
	const struct path_hop *h;
	int i;

	if (t <= 0 || t >= PATH_MAX_HOPS)
		return false;
	if (t == res->dest_ttl && mates_as(a, &res->dst, bits))
		return true;
	h = &res->hops[t];
	for (i = 0; i < h->naddrs; i++)
		if (mates_as(&h->addrs[i].addr, a, bits))
			return true;
	return false;
}

/* The router at hop t owns a: it answered from it, or wrote it on the way out. */
static bool
router_is(const struct path_result *res, int t, const struct fl_addr *a)
{
	const struct path_rr *rr = &res->rr;
	int j;

	if (hop_has(res, t, a))
		return true;
	for (j = 0; j < rr->nfwd; j++)
		if (rr->fwd_hop[j] == t && fl_addr_eq(&rr->fwd[j], a))
			return true;
	return false;
}

/* The router at hop t sits at the other end of a's link. */
static bool
router_near(const struct path_result *res, int t, const struct fl_addr *a)
{
	const struct path_rr *rr = &res->rr;
	int j;

	if (hop_mate(res, t, a, 0))
		return true;
	for (j = 0; j < rr->nfwd; j++)
		if (rr->fwd_hop[j] == t && mates(&rr->fwd[j], a))
			return true;
	return false;
}

/* The last router before the destination: the way out has this many. */
static int
routers_out(const struct path_result *res)
{
	int last = res->dest_ttl > 0 ? res->dest_ttl : res->last_ttl + 1;

	return last > PATH_MAX_HOPS ? PATH_MAX_HOPS : last;
}

/*
 * Which hop wrote each forward slot: by address first (one hop t
 * answered from, then the /31 mate, then the /30 mate of one hop t+1
 * answered from); then a slot between two placed ones (this host before
 * the first, the destination after the last) whose count of slots
 * matches the count of hops between them is placed by its order.
 */
static void
place_forward(struct path_rr *rr, const struct path_result *res)
{
	static const int tiers[] = { 31, 30 };
	int found[PATH_RR_SLOTS], last = routers_out(res), j, t, jl, jr, tl, tr;
	size_t k;

	for (j = 0; j < rr->nfwd; j++) {
		found[j] = 0;
		for (t = 1; t < last && found[j] == 0; t++)
			if (hop_has(res, t, &rr->fwd[j]))
				found[j] = t;
		for (k = 0; k < sizeof(tiers) / sizeof(tiers[0]); k++)
			for (t = 1; t < last && found[j] == 0; t++)
				if (hop_mate(res, t + 1, &rr->fwd[j], tiers[k]))
					found[j] = t;
	}
	for (j = 0; j < rr->nfwd; j++) {
		rr->fwd_hop[j] = found[j];
		if (found[j] != 0)
			continue;
		for (jl = j - 1; jl >= 0 && found[jl] == 0; jl--)
			;
		for (jr = j + 1; jr < rr->nfwd && found[jr] == 0; jr++)
			;
		tl = jl >= 0 ? found[jl] : 0;
		tr = jr < rr->nfwd ? found[jr] : last;
		if (tr - tl == jr - jl)
			rr->fwd_hop[j] = tl + (j - jl);
	}
}

/* S[j] of the way back: the destination's own slot (j = 0), then back[j - 1]. */
static const struct fl_addr *
back_at(const struct path_result *res, int j)
{
	return j == 0 ? &res->dst : &res->rr.back[j - 1];
}

/*
 * Where the router at hop t is on the way back: p when it wrote back slot
 * p (1-based), or p + 1 when it received from the mate of slot p (0: the
 * destination's own); 0 when it is not seen there.
 */
static int
back_pos(const struct path_result *res, int t)
{
	int j;

	for (j = 0; j <= res->rr.nback; j++) {
		if (j > 0 && router_is(res, t, back_at(res, j)))
			return j;
		if (router_near(res, t, back_at(res, j)))
			return j + 1;
	}
	return 0;
}

static void
place_back(struct path_rr *rr, const struct path_result *res)
{
	int j, t, last = routers_out(res);

	for (j = 0; j < rr->nback; j++) {
		rr->back_hop[j] = 0;
		for (t = 1; t < last && rr->back_hop[j] == 0; t++)
			if (router_is(res, t, &rr->back[j]) || router_near(res, t, back_at(res, j)))
				rr->back_hop[j] = t;
	}
}

/*
 * One reply's slots, split where the destination wrote itself: out
 * before its first slot (this host's own address left out, for tools
 * whose kernel records the sender), back after its last.
 */
static void
split(struct path_rr *rr, const struct path_result *res)
{
	int first = -1, lastd = -1, j;

	rr->nfwd = rr->nback = 0;
	rr->split = false;
	for (j = 0; j < rr->nrec; j++)
		if (fl_addr_eq(&rr->rec[j], &res->dst)) {
			if (first < 0)
				first = j;
			lastd = j;
		}
	if (first < 0)
		return;
	rr->split = true;
	for (j = 0; j < first; j++)
		if (!fl_addr_eq(&rr->rec[j], &res->src))
			rr->fwd[rr->nfwd++] = rr->rec[j];
	for (j = lastd + 1; j < rr->nrec; j++)
		rr->back[rr->nback++] = rr->rec[j];
}

/* Whether reply r's Record Route reads better than the one kept: split, then longer back. */
static bool
better(const struct path_rr *kept, const struct path_rr *cand)
{
	if (!kept->answered)
		return true;
	if (cand->split != kept->split)
		return cand->split;
	return cand->nback >= kept->nback;
}

/* Every answer to an option probe of this trace, its best Record Route kept. */
static void
gather(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_rr *rr = &res->rr, cand;
	uint32_t pi;

	for (pi = 0; pi < corr_nprobes(w->c); pi++) {
		const struct corr_probe *p = corr_probe(w->c, pi);
		const struct corr_reply *r;
		const struct corr_rr *got;
		int32_t ri;

		if (!p->has_opts || p->key.proto != 1 || !fl_addr_eq(&p->key.src, &res->src) ||
		    !fl_addr_eq(&p->key.dst, &res->dst))
			continue;
		rr->sent++;
		/* A late answer's slots are as good as a prompt one's: no time is read. */
		ri = p->reply >= 0 ? p->reply : p->late_reply;
		if (ri < 0 || (r = corr_reply(w->c, (uint32_t)ri)) == NULL ||
		    r->kind != RK_ECHO_REPLY)
			continue;
		rr->replies++;
		if ((got = corr_rr(w->c, r->rr)) == NULL) {
			if (r->rr_bad)
				rr->unreadable++;
			else
				rr->stripped++;
			continue;
		}
		memset(&cand, 0, sizeof(cand));
		cand.answered = true;
		cand.full = got->full;
		cand.nrec = got->n <= PATH_RR_SLOTS ? got->n : PATH_RR_SLOTS;
		memcpy(cand.rec, got->addr, (size_t)cand.nrec * sizeof(cand.rec[0]));
		cand.probe_frame = p->frame;
		cand.reply_frame = r->frame;
		split(&cand, res);
		if (better(rr, &cand)) {
			cand.sent = rr->sent;
			cand.replies = rr->replies;
			cand.stripped = rr->stripped;
			cand.unreadable = rr->unreadable;
			*rr = cand;
		}
	}
}

/* "a, b, c" from n addresses. */
static void
list(const struct fl_addr *a, int n, char *buf, size_t len)
{
	char s[FL_ADDRSTRLEN];
	size_t used = 0;
	int i, k;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		k = snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
		    fl_addr_str(&a[i], s, sizeof(s)));
		if (k < 0 || (size_t)k >= len - used)
			break;
		used += (size_t)k;
	}
}

/* A sentence into a finding's summary; the lists in it are bounded by the nine slots. */
static void __attribute__((format(printf, 3, 4)))
say(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* The note: what the way back was, and where it leaves the way out. */
static int
note(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_rr *rr = &res->rr;
	struct path_finding f;
	struct fl_addr other[PATH_RR_SLOTS];
	char out[200], back[200], odd[200], all[200];
	int j, nother = 0;

	path_finding_init(&f, FK_RETURN_PATH, NULL);
	f.cause = "record-route";
	list(rr->fwd, rr->nfwd, out, sizeof(out));
	list(rr->back, rr->nback, back, sizeof(back));
	if (!rr->split) {
		list(rr->rec, rr->nrec, all, sizeof(all));
		say(f.summary, sizeof(f.summary),
		    "Record Route came back (%s), but without the destination's own address "
		    "among its slots, so the way out and the way back cannot be told apart.",
		    rr->nrec ? all : "no slot written");
		return path_add_finding(w, &f);
	}
	if (rr->nback == 0) {
		say(f.summary, sizeof(f.summary),
		    "Record Route came back with its %d slots %s on the way out (%s): the way "
		    "back is not shown.", PATH_RR_SLOTS, rr->full ? "filled" : "written",
		    rr->nfwd ? out : "none");
		return path_add_finding(w, &f);
	}
	for (j = 0; j < rr->nback; j++)
		if (rr->back_hop[j] == 0)
			other[nother++] = rr->back[j];
	list(other, nother, odd, sizeof(odd));
	if (nother == 0)
		say(f.summary, sizeof(f.summary),
		    "Record Route shows the way back from the destination through %s%s (out "
		    "through %s): every router on it is one the way out crosses too.", back,
		    rr->full ? " and on, past its last slot" : "", rr->nfwd ? out : "none that wrote");
	else
		say(f.summary, sizeof(f.summary),
		    "Record Route shows the way back from the destination through %s%s (out "
		    "through %s): %s %s on no hop of the way out, so a delay seen past %s may lie "
		    "on the way back.", back, rr->full ? " and on, past its last slot" : "",
		    rr->nfwd ? out : "none that wrote", odd, nother == 1 ? "is" : "are",
		    nother == 1 ? "it" : "them");
	return path_add_finding(w, &f);
}

int
path_route(struct path_work *w)
{
	struct path_rr *rr = &w->res->rr;

	memset(rr, 0, sizeof(*rr));
	gather(w);
	if (!rr->answered)
		return 0;
	place_forward(rr, w->res);
	place_back(rr, w->res);
	return note(w);
}

/*
 * The way back over the link from hop a to hop k: hop k on it (the
 * destination is its start), and then hop a directly (this host when a
 * is 0: hop k the last router, with slots to spare or this host's mate
 * after it).  Elsewhere when what follows hop k is known and is not hop
 * a; unknown when Record Route was not answered, the way back does not
 * show hop k, or the slots ran out at it.
 */
enum path_rr_link
path_route_link(struct path_result *res, int a, int k, char *via, size_t len)
{
	struct path_rr *rr = &res->rr;
	int m = rr->nback, pk, next;
	bool follows;

	if (len > 0)
		via[0] = '\0';
	rr->link = RRL_UNKNOWN;
	rr->link_from = a;
	rr->link_to = k;
	if (!rr->answered || !rr->split || a < 0 || k <= a || k >= PATH_MAX_HOPS ||
	    res->dest_ttl <= 0 || k > res->dest_ttl)
		return RRL_UNKNOWN;
	pk = k == res->dest_ttl ? 0 : back_pos(res, k);
	if (pk == 0 && k != res->dest_ttl)
		return RRL_UNKNOWN;
	next = pk + 1;
	if (a == 0)
		follows = pk == m && (!rr->full || (m > 0 && mates(back_at(res, m), &res->src)));
	else
		follows = (next <= m && router_is(res, a, back_at(res, next))) ||
		    (pk <= m && router_near(res, a, back_at(res, pk)));
	if (follows) {
		rr->link = RRL_CROSSES;
		return rr->link;
	}
	if (next > m && rr->full)
		return RRL_UNKNOWN;
	if (next <= m)
		list(&rr->back[next - 1], m - next + 1, via, len);
	else
		snprintf(via, len, "no other router");
	rr->link = RRL_ELSEWHERE;
	return rr->link;
}

/* The answer that decided the verdict's way back, cited. */
int
path_route_evidence(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_rr *rr = &res->rr;
	char d[FL_ADDRSTRLEN], all[200];

	if (rr->link == RRL_UNKNOWN || !rr->answered)
		return 0;
	list(rr->rec, rr->nrec, all, sizeof(all));
	if (evidence_add(&res->ev, rr->probe_frame, "echo request to %s with Record Route "
	    "(%d empty slots)", verdict_addr(&res->dst, d), PATH_RR_SLOTS) != 0)
		return -1;
	return evidence_add(&res->ev, rr->reply_frame, "echo reply from %s, Record Route: %s",
	    verdict_addr(&res->dst, d), all);
}
