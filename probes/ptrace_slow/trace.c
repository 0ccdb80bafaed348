/*
 * The ptrace-slow schedule (see trace.h).
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "analyze/common/readers.h"
#include "analyze/flow/stats.h"
#include "analyze/packet/decode.h"
#include "probes/cli/cli.h"
#include "probes/cli/replay.h"
#include "probes/ptrace_slow/trace.h"

struct sent_probe {
	struct corr_key	key;
	int64_t		when;
};

/* What the resolved() predicate needs: per-TTL reply times so far. */
struct waits {
	const struct trace_cfg	*cfg;
	int64_t			 now;
	double			 here[257];	/* max RTT at this TTL, s; 0 none */
	double			 beyond[257];	/* max RTT at any larger TTL */
	double			 any;
};

/* pcap's kernel timestamps are wall-clock: compare like with like. */
#define now_ns	cli_now_ns

int
trace_filter(const struct craft_flow *f, char *buf, size_t len)
{
	char s[FL_ADDRSTRLEN], d[FL_ADDRSTRLEN];
	/* Every ICMP error sent to us: the correlator sorts out whose it is. */
	static const char *errors =
	    "(icmp and dst host %s and (icmp[icmptype] == icmp-unreach or "
	    "icmp[icmptype] == icmp-timxceed or icmp[icmptype] == icmp-paramprob or "
	    "icmp[icmptype] == icmp-sourcequench))";

	/*
	 * Echoes on the run's ICMP identifier, whatever the method: -I's
	 * probes, and every method's Record Route probes (send_rr()).
	 * pcap's icmp[] honours the IP header length, options and all.
	 */
	static const char *echoes =
	    "(icmp and src host %s and dst host %s and icmp[icmptype] == icmp-echo and icmp[4:2] == %u) or "
	    "(icmp and src host %s and dst host %s and icmp[icmptype] == icmp-echoreply and icmp[4:2] == %u)";
	char e[400], x[400];
	int n;

	fl_addr_str(&f->src, s, sizeof(s));
	fl_addr_str(&f->dst, d, sizeof(d));
	if (f->dst.family == 6) {
		/*
		 * Every ICMPv6 message to us (errors, echo replies; the few
		 * neighbour discovery ones the correlator leaves aside) and
		 * our echoes: pcap reads ICMPv6's type only when no extension
		 * header comes first, and errors must pass whatever precedes.
		 */
		snprintf(e, sizeof(e), "(icmp6 and dst host %s) or (icmp6 and src host %s and "
		    "dst host %s)", s, s, d);
		x[0] = '\0';
	} else {
		snprintf(e, sizeof(e), errors, s);
		snprintf(x, sizeof(x), echoes, s, d, f->echo_id, d, s, f->echo_id);
	}
	if (f->dst.family == 6 && f->proto == 1) {
		n = snprintf(buf, len, "%s", e);
		return (n < 0 || (size_t)n >= len) ? -1 : 0;
	}
	if (f->dst.family == 6) {
		const char *t = f->proto == 17 ? "udp" : "tcp";

		n = snprintf(buf, len,
		    "(%s and src host %s and dst host %s and src port %u and dst port %u) or "
		    "(%s and src host %s and dst host %s and src port %u and dst port %u) or %s",
		    t, s, d, f->sport, f->dport, t, d, s, f->dport, f->sport, e);
		return (n < 0 || (size_t)n >= len) ? -1 : 0;
	}
	switch (f->proto) {
	case 1:
		n = snprintf(buf, len, "%s or %s", x, e);
		break;
	case 17:
		n = snprintf(buf, len,
		    "(udp and src host %s and dst host %s and src port %u and dst port %u) or "
		    "(udp and src host %s and dst host %s and src port %u and dst port %u) or %s or %s",
		    s, d, f->sport, f->dport, d, s, f->dport, f->sport, x, e);
		break;
	default:
		n = snprintf(buf, len,
		    "(tcp and src host %s and dst host %s and src port %u and dst port %u) or "
		    "(tcp and src host %s and dst host %s and src port %u and dst port %u) or %s or %s",
		    s, d, f->sport, f->dport, d, s, f->dport, f->sport, x, e);
	}
	return (n < 0 || (size_t)n >= len) ? -1 : 0;
}

/*
 * traceroute's -w MAX,HERE,NEAR: stop waiting for a probe after HERE
 * times the slowest reply already seen from its hop, or NEAR times the
 * slowest from any later hop, and never later than MAX.  A probe beyond
 * every hop that answered waits NEAR times the slowest reply seen
 * anywhere (at least 1 s).  Waits are floored at 100 ms.
 */
static bool
resolved(void *ctx, const struct corr_probe *p)
{
	const struct waits *w = ctx;
	double wait = 0;
	int t = p->ttl;

	if (p->reply >= 0)
		return true;
	if (w->here[t] > 0)
		wait = w->cfg->wait_here * w->here[t];
	if (w->beyond[t] > 0 && w->cfg->wait_near * w->beyond[t] > wait)
		wait = w->cfg->wait_near * w->beyond[t];
	if (w->here[t] == 0 && w->beyond[t] == 0)
		wait = w->any > 0 ? (w->cfg->wait_near * w->any > 1 ? w->cfg->wait_near * w->any : 1) :
		    w->cfg->wait_max;
	if (wait < 0.1)
		wait = 0.1;
	if (wait > w->cfg->wait_max)
		wait = w->cfg->wait_max;
	return w->now >= p->ts + (int64_t)(wait * 1e9);
}

static void
update_waits(struct waits *w, const struct corr *c)
{
	uint32_t i;
	int t;

	memset(w->here, 0, sizeof(w->here));
	memset(w->beyond, 0, sizeof(w->beyond));
	w->any = 0;
	for (i = 0; i < corr_nreplies(c); i++) {
		const struct corr_reply *r = corr_reply(c, i);
		const struct corr_probe *p;
		double rtt;

		if (r->probe < 0 || r->late)
			continue;
		p = corr_probe(c, (uint32_t)r->probe);
		if (p->has_opts)
			continue;	/* a router's slow path: not the hop's time */
		rtt = (double)r->rtt / 1e9;
		if (rtt > w->here[p->ttl])
			w->here[p->ttl] = rtt;
		if (rtt > w->any)
			w->any = rtt;
	}
	for (t = 255; t >= 0; t--)
		w->beyond[t] = w->here[t + 1] > w->beyond[t + 1] ? w->here[t + 1] : w->beyond[t + 1];
}

static bool
all_resolved(const struct corr *c, struct waits *w)
{
	uint32_t i;

	for (i = 0; i < corr_nprobes(c); i++)
		if (!resolved(w, corr_probe(c, i)))
			return false;
	return true;
}

/*
 * The schedule's state between rounds.  Rounds start at random times
 * (RFC 2330 11.1: no periodic load can fall into step with them): the
 * first TRACE_FAST_ROUNDS at exponentially distributed gaps of mean
 * TRACE_FAST_MEAN_S, inside the burst a router's ICMP rate limit allows
 * (Linux: about six answers, then one a second); later ones at 0.85 of
 * --interval plus an exponentially distributed wait of mean 0.15 of it,
 * so at the default of 1.25 s every round comes at least 1.06 s after
 * the one before and every router has a token for it (loss.c counts a
 * probe spaced from 1.05 s).
 */
#define TRACE_FAST_ROUNDS	5
#define TRACE_FAST_MEAN_S	0.1

/*
 * Probes of other sizes to the two ends of the largest step, to tell a
 * slow link by its serialisation (analyze/ptrace_slow/size.c): at least
 * 576 bytes, so every router's time-exceeded quotes the same and its
 * answer does not grow, and 800 bytes apart; TRACE_SIZE_SAMPLES answers
 * of each size at each end, sent in each round after the fast ones,
 * instead of that round's regular probe to those two TTLs (a router
 * limited to one answer a second has no token for a second probe); at
 * most TRACE_SIZE_ROUNDS rounds carry them.  ICMP and UDP only (a SYN carrying data is not a
 * probe firewalls pass).
 */
static const uint16_t trace_sizes[] = { 600, 1400 };
#define TRACE_NSIZES		(sizeof(trace_sizes) / sizeof(trace_sizes[0]))
#define TRACE_SIZE_SAMPLES	3
#define TRACE_SIZE_ROUNDS	24

/*
 * Record Route (RFC 791 3.1): one ICMP echo request to the destination
 * (at its distance, or --max-ttl before it is known) with nine empty
 * slots, after the regular probes of every other slow round, at most
 * TRACE_RR_PROBES, whatever the method: its echo reply, where routers
 * and the destination keep the option, shows the way back (analyze/
 * ptrace_slow/route.c).  It goes on the run's ICMP identifier, which
 * the correlator is told about for -U and -T.  Opportunistic: many
 * networks drop or strip options, and a failed send only ends them.
 */
#define TRACE_RR_PROBES		3

struct sched {
	const struct trace_cfg	*cfg;
	uint64_t		 rng;
	int			 limit;		/* highest TTL a round probes */
	bool			 settled;	/* round 1 answered: later rounds may start */
	bool			 sending;
	int64_t			 next_round, last_send;
	enum verdict_kind	 prev_kind;
	int			 prev_hop;
	/* Size probes: to TTLs size_a (0: none, the link starts here) and size_k. */
	int			 size_a, size_k;
	bool			 size_on, size_done;
	unsigned int		 size_rounds, size_next;
	/* TCP: the last probe to the destination, which must be answered before the next. */
	struct corr_key		 dest_key;
	bool			 dest_pending;
	int			 dest_ttl;	/* the destination's distance; <= 0 not known */
	unsigned int		 rr_sent;
	bool			 rr_done;
};

static uint64_t
rng_next(uint64_t *x)
{
	/* xorshift64* (Vigna): uniform enough for send times. */
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 2685821657736338717ULL;
}

/* An exponentially distributed wait of this mean, in ns. */
static int64_t
expo_ns(uint64_t *x, double mean_s)
{
	double u = ((double)(rng_next(x) >> 11) + 1.0) / 9007199254740993.0;	/* (0, 1] */

	return (int64_t)(-mean_s * log(u) * 1e9);
}

static int64_t
round_gap(struct sched *s, unsigned int rounds_done)
{
	if (rounds_done < TRACE_FAST_ROUNDS)
		return expo_ns(&s->rng, TRACE_FAST_MEAN_S);
	return (int64_t)(0.85 * s->cfg->interval_s * 1e9) +
	    expo_ns(&s->rng, 0.15 * s->cfg->interval_s);
}

static int
send_one(struct craft *cr, uint16_t idx, int ttl, struct sent_probe *rec, char *err,
    size_t errlen)
{
	int tries;

	if (craft_build(cr, idx, (uint8_t)ttl, &rec->key, err, errlen) != 0)
		return -1;
	for (tries = 0;; tries++) {
		if (craft_send(cr, err, errlen) == 0)
			break;
		/* A full socket buffer is transient; anything else is not. */
		if (errno != ENOBUFS || tries >= 20)
			return -1;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	rec->when = now_ns();
	return 0;
}

/* Answers of each size at TTL t so far; true when every size has enough. */
static bool
sizes_answered(const struct corr *c, int t)
{
	uint32_t n[TRACE_NSIZES], i;
	size_t j;

	memset(n, 0, sizeof(n));
	for (i = 0; i < corr_nprobes(c); i++) {
		const struct corr_probe *p = corr_probe(c, i);

		if (p->ttl != t || p->reply < 0 || p->has_opts)
			continue;
		for (j = 0; j < TRACE_NSIZES; j++)
			if (p->len == trace_sizes[j])
				n[j]++;
	}
	for (j = 0; j < TRACE_NSIZES; j++)
		if (n[j] < TRACE_SIZE_SAMPLES)
			return false;
	return true;
}

/* Whether this round carries size probes, and which size. */
static uint16_t
round_size(struct sched *s, unsigned int round)
{
	if (!s->size_on || s->size_done || round < TRACE_FAST_ROUNDS)
		return 0;
	if (s->size_rounds >= TRACE_SIZE_ROUNDS) {
		s->size_done = true;
		return 0;
	}
	s->size_rounds++;
	return trace_sizes[s->size_next++ % TRACE_NSIZES];
}

/* Whether this round ends with a Record Route probe: every other slow one. */
static bool
round_rr(const struct sched *s, unsigned int round)
{
	return !s->rr_done && s->rr_sent < TRACE_RR_PROBES && round >= TRACE_FAST_ROUNDS &&
	    (round - TRACE_FAST_ROUNDS) % 2 == 0;
}

/*
 * The Record Route probe: an ICMP echo on the run's identifier, so a
 * UDP or TCP run switches the context to ICMP and back (craft_retarget()
 * and craft_record_route() clear the packet, which the next probe builds
 * afresh).  A failed send ends Record Route, not the run.
 */
static void
send_rr(struct sched *s, struct craft *cr, struct trace_stats *st, struct sent_probe *sent)
{
	uint8_t proto = cr->f.proto;
	uint16_t sport = cr->f.sport, dport = cr->f.dport;
	int ttl = s->dest_ttl > 0 ? s->dest_ttl : s->cfg->max_ttl;
	char err[200];
	int rc;

	craft_retarget(cr, 1, sport, dport);
	craft_record_route(cr, true);
	rc = send_one(cr, (uint16_t)st->sent, ttl, &sent[st->sent], err, sizeof(err));
	craft_record_route(cr, false);
	craft_retarget(cr, proto, sport, dport);
	if (rc != 0) {
		s->rr_done = true;
		return;
	}
	st->sent++;
	s->rr_sent++;
}

/*
 * One round: one probe per TTL, back to back, so that adjacent hops are
 * sampled at nearly the same moment; in a size round the two ends of
 * the step get a probe of that size instead.  A size the path refuses
 * (EMSGSIZE: over this host's MTU) ends size probing.
 */
static int
send_round(struct sched *s, struct craft *cr, struct trace_stats *st, struct sent_probe *sent,
    char *err, size_t errlen)
{
	const struct trace_cfg *cfg = s->cfg;
	uint16_t size = round_size(s, st->rounds);
	int ttl, q;
	bool ok;

	/* -q's probes to one TTL back to back: one pass over the TTLs is one round (hops.c). */
	for (ttl = cfg->first_ttl; ttl <= s->limit; ttl++)
		for (q = 0; q < cfg->nqueries; q++) {
			bool sized = size != 0 && (ttl == s->size_a || ttl == s->size_k);

			if (sized && craft_size(cr, size, false) != 0)
				sized = false;
			ok = send_one(cr, (uint16_t)st->sent, ttl, &sent[st->sent], err, errlen) == 0;
			if (!ok && (!sized || errno != EMSGSIZE))
				return -1;
			if (sized)
				(void)craft_size(cr, 0, false);
			if (!ok) {
				s->size_done = true;
				continue;
			}
			if (ttl == s->limit) {
				s->dest_key = sent[st->sent].key;
				s->dest_pending = cfg->proto == 6;
			}
			st->sent++;
		}
	if (round_rr(s, st->rounds))
		send_rr(s, cr, st, sent);
	st->rounds++;
	s->last_send = now_ns();
	s->next_round = s->last_send + round_gap(s, st->rounds);
	return 0;
}

/*
 * Behind a NAT, Linux conntrack takes a new SYN on a tuple still in
 * SYN_SENT for a retransmission and lets through only the answer to
 * the latest: so a TCP round waits until the destination answered the
 * last round's probe, or it was given up (at most one SYN in flight to
 * it).
 */
static bool
dest_clear(struct sched *s, const struct corr *c, struct waits *w)
{
	int32_t pi;

	if (!s->dest_pending)
		return true;
	pi = corr_find(c, &s->dest_key);
	if (pi >= 0 && resolved(w, corr_probe(c, (uint32_t)pi)))
		s->dest_pending = false;
	else if (pi < 0 && w->now > s->last_send + (int64_t)(s->cfg->wait_max * 1e9))
		s->dest_pending = false;
	return !s->dest_pending;
}

/*
 * Loss at the destination not yet telling chance from a lossy link.
 * Once a probe is lost, probing goes on until the binomial test is
 * significant or Wald's sequential test (SPRT) accepts chance: the
 * log-likelihood ratio of TRACE_LOSS_WORTH (the least loss worth a
 * ticket) against base_loss, over the probes that could be answered,
 * falls to ln(beta / (1 - alpha)), beta TRACE_LOSS_BETA.  At 1 % against
 * 10 %, one loss needs about 55 probes without another to be chance
 * (a minute at the slow rounds' pace; --max-rounds caps it), where a
 * fixed "1 lost of 23 looks like chance" stopped the lab's 10 % lossy
 * hop one run in two before it was placed.  A run with no loss at all
 * stops at --rounds as before.
 */
#define TRACE_LOSS_WORTH	0.10
#define TRACE_LOSS_BETA		0.05

static bool
loss_undecided(const struct path_result *res, const struct path_params *pp)
{
	const struct path_hop *d;
	double p, p0 = pp->base_loss, p1 = TRACE_LOSS_WORTH, llr;

	if (res->dest_ttl <= 0)
		return false;
	d = &res->hops[res->dest_ttl];
	if (d->lost == 0 || d->opportunities < d->lost)
		return false;
	p = stats_binom_upper(d->lost, d->opportunities, pp->base_loss);
	if (p < pp->alpha)
		return false;
	if (!(p0 > 0 && p0 < p1 && p1 < 1))
		return false;
	llr = d->lost * log(p1 / p0) + (double)(d->opportunities - d->lost) *
	    log((1 - p1) / (1 - p0));
	return llr > log(TRACE_LOSS_BETA / (1 - pp->alpha));
}

/* The highest TTL the next round probes, from what answered. */
static int
next_limit(const struct sched *s, const struct path_result *res)
{
	const struct trace_cfg *cfg = s->cfg;
	int limit = s->limit, last = 0, t;

	if (res->dest_ttl > 0)
		limit = res->dest_ttl;
	else if (res->verdict.kind == VK_UNREACHABLE)
		limit = res->verdict.hop + 1;	/* one past the router, to keep drawing it */
	else if (res->last_ttl > 0) {
		for (t = res->first_ttl; t <= res->last_ttl; t++)
			if (res->hops[t].probed && res->hops[t].received > 0)
				last = t;
		limit = last > 0 ? last + 2 : cfg->max_ttl;
	}
	if (limit > cfg->max_ttl)
		limit = cfg->max_ttl;
	if (limit < cfg->first_ttl)
		limit = cfg->first_ttl;
	return limit;
}

/*
 * What the analysis so far says about the schedule: how far to probe,
 * whether round 1 has settled (destination heard, unreachable, or every
 * probe decided), which step to probe at other sizes, and whether to
 * stop: after --rounds, once the verdict is significant and unchanged,
 * every finding is placed, the destination's loss is decided, no link's
 * queueing is undecided (queue.c), and the size probes are in.
 */
static void
take_stock(struct sched *s, const struct corr *c, struct waits *w, const struct path_result *res,
    const struct path_params *pp, const struct trace_stats *st)
{
	const struct trace_cfg *cfg = s->cfg;
	const struct path_verdict *v = &res->verdict;
	bool more;

	s->limit = next_limit(s, res);
	s->dest_ttl = res->dest_ttl;
	if (!s->settled)
		s->settled = res->dest_ttl > 0 || v->kind == VK_UNREACHABLE || all_resolved(c, w);
	if (!s->size_on && cfg->proto != 6 && st->rounds >= TRACE_FAST_ROUNDS &&
	    res->size_to > 0 && res->size_to <= s->limit) {
		s->size_on = true;
		s->size_a = res->size_from;
		s->size_k = res->size_to;
	}
	if (s->size_on && !s->size_done && sizes_answered(c, s->size_k) &&
	    (s->size_a <= 0 || sizes_answered(c, s->size_a)))
		s->size_done = true;
	if (cfg->progress != NULL)
		cfg->progress(cfg->progress_ctx, st->rounds, st->sent, res->replies, res->dest_ttl);
	more = res->unplaced > 0 || res->queue_undecided > 0 || loss_undecided(res, pp) ||
	    (s->size_on && !s->size_done);
	if (s->sending && st->rounds >= cfg->rounds && v->significant && !more &&
	    v->kind == s->prev_kind && v->hop == s->prev_hop)
		s->sending = false;
	if (st->rounds >= cfg->max_rounds)
		s->sending = false;
	s->prev_kind = v->kind;
	s->prev_hop = v->hop;
}

static bool
round_due(struct sched *s, const struct corr *c, struct waits *w, const struct trace_stats *st,
    int64_t now)
{
	return s->sending && now >= s->next_round && (st->rounds == 0 || s->settled) &&
	    dest_clear(s, c, w);
}

static void
count_unseen(const struct corr *c, const struct sent_probe *sent, struct trace_stats *st)
{
	uint32_t i;

	for (i = 0; i < st->sent; i++)
		if (corr_find(c, &sent[i].key) < 0)
			st->unseen++;
}

static void
sched_init(struct sched *s, const struct trace_cfg *cfg, int64_t start)
{
	memset(s, 0, sizeof(*s));
	s->cfg = cfg;
	s->limit = cfg->max_ttl;
	s->sending = true;
	s->next_round = s->last_send = start;
	s->prev_kind = VK_INCONCLUSIVE;
	s->prev_hop = -1;
	s->rng = (uint64_t)start ^ ((uint64_t)getpid() << 32) ^ 0x9e3779b97f4a7c15ULL;
	if (getrandom(&s->rng, sizeof(s->rng), 0) != (ssize_t)sizeof(s->rng) || s->rng == 0)
		s->rng = (uint64_t)start | 1;
}

int
trace_run(const struct trace_cfg *cfg, struct craft *cr, struct capture *cap, struct corr *c,
    const struct path_params *base, struct trace_stats *st, char *err, size_t errlen)
{
	struct sent_probe *sent;
	struct path_params pp = *base;
	struct readers rd;
	struct path_result res;
	struct sched s;
	struct waits w;
	struct pollfd pfd;
	int64_t start = now_ns(), now;
	int rc = -1;
	char ierr[128];

	memset(st, 0, sizeof(*st));
	memset(&w, 0, sizeof(w));
	readers_init(&rd);
	readers_add(&rd, corr_reader, c);
	sched_init(&s, cfg, start);
	w.cfg = cfg;
	pp.resolved = resolved;
	pp.ctx = &w;
	if ((sent = calloc(CRAFT_MAX_PROBES, sizeof(*sent))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (cr->f.dst.family == 6)
		s.rr_done = true;	/* IPv6 has no Record Route (RFC 8200 dropped it) */
	else if (cfg->proto != 1) {
		/* The Record Route echoes (send_rr()) are ours too. */
		struct corr_sig rs;

		memset(&rs, 0, sizeof(rs));
		rs.src = cr->f.src;
		rs.dst = cr->f.dst;
		rs.proto = 1;
		rs.a = cr->f.echo_id;
		if (corr_add_sig(c, &rs) != 0)
			s.rr_done = true;
	}
	pfd.fd = capture_fd(cap);
	pfd.events = POLLIN;
	for (;;) {
		if (cfg->stop != NULL && *cfg->stop) {
			st->interrupted = true;
			break;
		}
		w.now = now = now_ns();
		if (round_due(&s, c, &w, st, now)) {
			if (st->sent + (uint32_t)((s.limit - cfg->first_ttl + 1) * cfg->nqueries) + 1 >
			    CRAFT_MAX_PROBES)
				s.sending = false;
			else if (send_round(&s, cr, st, sent, err, errlen) != 0)
				goto out;
		}
		/* Poll a while; a reply wakes us earlier. */
		if (poll(&pfd, 1, 20) < 0 && errno != EINTR) {
			snprintf(err, errlen, "poll: %s", strerror(errno));
			goto out;
		}
		if (capture_dispatch(cap, -1, replay_frame, &rd, err, errlen) < 0)
			goto out;
		w.now = now = now_ns();
		if (s.sending && now < s.next_round)
			continue;
		/* A round is due (or we are draining): look at what we have. */
		update_waits(&w, c);
		if (corr_ngroups(c) > 0 && infer_path(c, 0, &pp, &res, ierr, sizeof(ierr)) == 0) {
			take_stock(&s, c, &w, &res, &pp, st);
			path_result_free(&res);
		}
		if (!s.sending && (all_resolved(c, &w) ||
		    now > s.last_send + (int64_t)((cfg->wait_max + 0.2) * 1e9)))
			break;
	}
	(void)capture_dispatch(cap, -1, replay_frame, &rd, err, errlen);
	corr_finish(c);
	count_unseen(c, sent, st);
	st->duration_s = (double)(now_ns() - start) / 1e9;
	rc = 0;
out:
	free(sent);
	return rc;
}
