/*
 * Reply-to-probe matching.  See correlate.h for the model.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/flow/correlate.h"

#define MAX_PROBES	(1u << 22)	/* bounded memory on huge captures */
#define MAX_REPLIES	(1u << 22)
#define MAX_GROUPS	(1u << 16)
#define MAX_RRS		(1u << 16)	/* Record Routes kept: a run sends a few */
/*
 * Held probes and replies are compacted (corr_group) when there are this
 * many, and then each time COMPACT_MIN / 2 more have come since the last.
 */
#define COMPACT_MIN	(1u << 16)
/* Past this many after a compaction, probes not kept go whatever their age. */
#define HELD_MAX	(1u << 19)
/* A reply captured before its probe: the probe comes within this (capture time). */
#define REORDER_NS	1000000LL
#define SETTLE_NS	(1000LL * 1000000LL)	/* when a reply waiting for its probe is settled */

/* Open-addressing index from a hash to an array position. */
struct itab {
	uint32_t	*h;
	int32_t		*v;		/* -1 = empty */
	uint32_t	 cap, n;
};

enum ikind { IK_PROBE, IK_PORTS, IK_GROUP };

struct corr {
	size_t			 nsigs;		/* 0: keep every probe-like packet */
	struct corr_sig		 sigs[CORR_MAX_SIGS];
	int64_t			 late_ns;
	int64_t			 horizon_ns;	/* how long a probe waits for replies */
	uint32_t		 compact_at;	/* held probes + replies */
	uint32_t		 compactions;
	int64_t			 now;		/* the latest stamp fed */
	struct corr_counters	 cnt;
	struct corr_probe	*probes;
	int32_t			*same_key;	/* previous probe with the same key */
	uint32_t		 nprobes, probes_cap;
	struct corr_reply	*replies;
	uint32_t		 nreplies, replies_cap;
	struct corr_group	*groups;
	uint32_t		 ngroups, groups_cap;
	struct corr_rr		*rrs;
	uint32_t		 nrrs, rrs_cap;
	struct corr_key		*pending_keys;	/* per reply awaiting its probe */
	uint8_t			*pending_mode;	/* 0: not pending */
	uint32_t		 pending_cap;
	struct itab		 by_key, by_ports, by_group;
	/* Per thinned group (CORR_COUNTED at most): its counts and last send per TTL. */
	struct gside {
		int64_t		 last_ts[256];
		struct corr_ttl	 tt[256];
	}			*side[CORR_COUNTED];
	uint32_t		 nside;
	int32_t			*side_of;	/* per group, -1 for none */
	uint32_t		 side_of_cap;
	struct fdef		*fd;
};

static uint32_t
mix(uint32_t h, uint32_t v)
{
	h ^= v;
	h *= 0x9e3779b1u;
	return h ^ (h >> 15);
}

static uint32_t
key_hash(const struct corr_key *k, enum ikind kind)
{
	uint32_t h = fl_addr_hash(&k->src, 2166136261u);

	h = fl_addr_hash(&k->dst, h);
	h = mix(h, k->proto);
	h = mix(h, k->a);
	if (kind == IK_GROUP)
		return h ? h : 1;
	h = mix(h, k->b);
	if (kind == IK_PROBE)
		h = mix(h, k->c);
	return h ? h : 1;
}

static void
group_key(const struct corr_probe *p, struct corr_key *g)
{
	memset(g, 0, sizeof(*g));
	g->src = p->key.src;
	g->dst = p->key.dst;
	g->proto = p->key.proto;
	/* Classic traceroutes vary ports per probe: group by host pair. */
	g->a = p->key.proto == 1 ? p->key.a : 0;
}

static bool
key_eq(const struct corr_key *x, const struct corr_key *y, enum ikind kind)
{
	if (!fl_addr_eq(&x->src, &y->src) || !fl_addr_eq(&x->dst, &y->dst) ||
	    x->proto != y->proto || x->a != y->a)
		return false;
	if (kind == IK_GROUP)
		return true;
	if (x->b != y->b)
		return false;
	return kind == IK_PORTS || x->c == y->c;
}

static const struct corr_key *
entry_key(const struct corr *c, enum ikind kind, int32_t v, struct corr_key *tmp)
{
	const struct corr_group *g;

	if (kind != IK_GROUP)
		return &c->probes[v].key;
	g = &c->groups[v];
	memset(tmp, 0, sizeof(*tmp));
	tmp->src = g->src;
	tmp->dst = g->dst;
	tmp->proto = g->proto;
	tmp->a = g->a;
	return tmp;
}

static int32_t *
itab_slot(const struct corr *c, const struct itab *t, enum ikind kind,
    const struct corr_key *k, uint32_t h)
{
	struct corr_key tmp;
	uint32_t i;

	if (t->cap == 0)
		return NULL;
	for (i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		if (t->v[i] < 0)
			return &t->v[i];
		if (t->h[i] == h && key_eq(entry_key(c, kind, t->v[i], &tmp), k, kind))
			return &t->v[i];
	}
}

static int
itab_grow(struct corr *c, struct itab *t, enum ikind kind)
{
	struct itab nt;
	uint32_t i, j, cap = t->cap ? t->cap * 2 : 1024;

	nt.cap = cap;
	nt.n = t->n;
	nt.h = calloc(cap, sizeof(*nt.h));
	nt.v = malloc(cap * sizeof(*nt.v));
	if (nt.h == NULL || nt.v == NULL) {
		free(nt.h);
		free(nt.v);
		return -1;
	}
	for (i = 0; i < cap; i++)
		nt.v[i] = -1;
	for (i = 0; i < t->cap; i++) {
		if (t->v[i] < 0)
			continue;
		for (j = t->h[i] & (cap - 1); nt.v[j] >= 0; j = (j + 1) & (cap - 1))
			;
		nt.h[j] = t->h[i];
		nt.v[j] = t->v[i];
	}
	(void)kind;
	(void)c;
	free(t->h);
	free(t->v);
	*t = nt;
	return 0;
}

/* Insert or replace; returns the value it replaced, -1 if none, -2 on ENOMEM. */
static int32_t
itab_put(struct corr *c, struct itab *t, enum ikind kind,
    const struct corr_key *k, int32_t v)
{
	uint32_t h = key_hash(k, kind);
	int32_t *slot, old;

	if ((t->n + 1) * 2 > t->cap && itab_grow(c, t, kind) != 0)
		return -2;
	slot = itab_slot(c, t, kind, k, h);
	old = *slot;
	if (old < 0)
		t->n++;
	*slot = v;
	t->h[slot - t->v] = h;
	return old;
}

static int32_t
itab_get(const struct corr *c, const struct itab *t, enum ikind kind,
    const struct corr_key *k)
{
	int32_t *slot = itab_slot(c, t, kind, k, key_hash(k, kind));

	return slot ? *slot : -1;
}

static void
itab_free(struct itab *t)
{
	free(t->h);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

struct corr *
corr_new(const struct corr_sig *sig, int64_t late_ns)
{
	struct corr *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->fd = fdef_new();
	if (c->fd == NULL) {
		free(c);
		return NULL;
	}
	c->cnt.fd = fdef_stats(c->fd);
	if (sig != NULL)
		c->sigs[c->nsigs++] = *sig;
	c->late_ns = late_ns;
	c->horizon_ns = late_ns > 0 ? 2 * late_ns + 1000000000LL : 60 * 1000000000LL;
	c->compact_at = COMPACT_MIN;
	return c;
}

void
corr_free(struct corr *c)
{
	uint32_t i;

	if (c == NULL)
		return;
	free(c->probes);
	free(c->same_key);
	free(c->replies);
	free(c->groups);
	free(c->rrs);
	free(c->pending_keys);
	free(c->pending_mode);
	itab_free(&c->by_key);
	itab_free(&c->by_ports);
	itab_free(&c->by_group);
	fdef_free(c->fd);
	for (i = 0; i < c->nside; i++)
		free(c->side[i]);
	free(c->side_of);
	free(c);
}

static int
grow(void **arr, uint32_t *cap, size_t elem, uint32_t need)
{
	uint32_t ncap;
	void *n;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 256;
	while (ncap < need)
		ncap *= 2;
	n = realloc(*arr, (size_t)ncap * elem);
	if (n == NULL)
		return -1;
	*arr = n;
	*cap = ncap;
	return 0;
}

bool
corr_probe_key(const struct dec_pkt *p, struct corr_key *k)
{
	memset(k, 0, sizeof(*k));
	if (p->status != DEC_OK || p->ip.frag != 0)
		return false;
	k->src = p->ip.src;
	k->dst = p->ip.dst;
	k->proto = p->ip.proto;
	switch (p->ip.proto) {
	case 1:
		if (!(p->l4.have & L4_ICMPID) || p->l4.icmp_type != 8)
			return false;
		k->a = p->l4.echo_id;
		k->c = p->l4.echo_seq;
		return true;
	case 17:
		if (!(p->l4.have & L4_UDP))
			return false;
		k->a = p->l4.sport;
		k->b = p->l4.dport;
		k->c = p->l4.udp_sum;
		return true;
	case 6:
		if (!(p->l4.have & L4_TCPHDR) ||
		    (p->l4.tcp_flags & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_SYN)
			return false;
		k->a = p->l4.sport;
		k->b = p->l4.dport;
		k->c = p->l4.seq;
		return true;
	default:
		return false;
	}
}

/* The probe array and its parallel same-key links grow together. */
static int
grow_probes(struct corr *c, uint32_t need)
{
	uint32_t cap = c->probes_cap;
	void *n;

	if (grow((void **)&c->probes, &cap, sizeof(*c->probes), need) != 0)
		return -1;
	if (cap != c->probes_cap) {
		n = realloc(c->same_key, (size_t)cap * sizeof(*c->same_key));
		if (n == NULL)
			return -1;
		c->same_key = n;
	}
	c->probes_cap = cap;
	return 0;
}

static bool
sig_match(const struct corr_sig *s, const struct corr_key *k)
{
	return fl_addr_eq(&s->src, &k->src) && fl_addr_eq(&s->dst, &k->dst) &&
	    s->proto == k->proto && s->a == k->a && (s->b == 0 || s->b == k->b);
}

static bool
ours(const struct corr *c, const struct corr_key *k)
{
	size_t i;

	for (i = 0; i < c->nsigs; i++)
		if (sig_match(&c->sigs[i], k))
			return true;
	return false;
}

/* Our own source address, for telling our outgoing traffic apart. */
static bool
from_us(const struct corr *c, const struct fl_addr *a)
{
	size_t i;

	for (i = 0; i < c->nsigs; i++)
		if (fl_addr_eq(&c->sigs[i].src, a))
			return true;
	return false;
}

int
corr_add_sig(struct corr *c, const struct corr_sig *sig)
{
	if (c->nsigs >= CORR_MAX_SIGS)
		return -1;
	c->sigs[c->nsigs++] = *sig;
	return 0;
}

static void
bit_set(uint64_t *bits, uint8_t i, uint32_t *count)
{
	if (!(bits[i >> 6] & (1ull << (i & 63)))) {
		bits[i >> 6] |= 1ull << (i & 63);
		(*count)++;
	}
}

static struct gside *
side_get(const struct corr *c, uint32_t g)
{
	if (g >= c->side_of_cap || c->side_of[g] < 0)
		return NULL;
	return c->side[c->side_of[g]];
}

static void
side_answer(struct gside *sd, const struct corr_probe *p, const struct corr_reply *r)
{
	struct corr_ttl *t = &sd->tt[p->ttl];

	t->answered++;
	if (p->has_opts) {
		t->opts_answered++;
		return;
	}
	if (!r->rtt_bad && (t->min_rtt < 0 || r->rtt < t->min_rtt)) {
		t->min_rtt = r->rtt;
		t->min_probe_frame = p->frame;
		t->min_reply_frame = r->frame;
	}
}

static void
add_probe(struct corr *c, uint32_t frame, int64_t ts, bool ts_bad, const struct dec_pkt *p,
    const struct corr_key *k)
{
	struct corr_probe *pr;
	struct corr_group *g;
	struct corr_key gk;
	int32_t prev, gi;
	uint32_t i = c->nprobes;

	if (c->nprobes >= MAX_PROBES || grow_probes(c, i + 1) != 0) {
		c->cnt.untracked++;
		return;
	}
	pr = &c->probes[i];
	memset(pr, 0, sizeof(*pr));
	pr->frame = frame;
	pr->ts = ts;
	pr->key = *k;
	pr->ttl = p->ip.ttl;
	pr->tos = p->ip.tos;
	pr->ipid = p->ip.id;
	pr->len = p->ip.tot_len;
	pr->tcp_flags = p->l4.tcp_flags;
	pr->has_opts = p->opt.has;
	pr->ts_bad = ts_bad;
	pr->reply = -1;
	pr->late_reply = -1;
	pr->attempt = 1;

	group_key(pr, &gk);
	gi = itab_get(c, &c->by_group, IK_GROUP, &gk);
	if (gi < 0) {
		if (c->ngroups >= MAX_GROUPS || grow((void **)&c->groups, &c->groups_cap,
		    sizeof(*c->groups), c->ngroups + 1) != 0) {
			c->cnt.untracked++;
			return;
		}
		gi = (int32_t)c->ngroups;
		g = &c->groups[gi];
		memset(g, 0, sizeof(*g));
		g->src = gk.src;
		g->dst = gk.dst;
		g->proto = gk.proto;
		g->a = gk.a;
		g->first_ts = ts;
		g->stride = 1;
		g->prev_ttl = -1;
		c->ngroups++;
		if (itab_put(c, &c->by_group, IK_GROUP, &gk, gi) == -2) {
			c->ngroups--;
			c->cnt.untracked++;
			return;
		}
	}
	prev = itab_put(c, &c->by_key, IK_PROBE, k, (int32_t)i);
	if (prev == -2) {
		c->cnt.untracked++;
		return;
	}
	(void)itab_put(c, &c->by_ports, IK_PORTS, k, (int32_t)i);
	c->same_key[i] = prev;
	if (prev >= 0)
		pr->attempt = (uint8_t)(c->probes[prev].attempt < 255 ?
		    c->probes[prev].attempt + 1 : 255);
	pr->group = (uint32_t)gi;
	g = &c->groups[gi];
	/* The round, as corr_group counts them. */
	if (g->prev_ttl >= 0 && (pr->ttl < g->prev_ttl || g->round_len >= CORR_ROUND_MAX)) {
		g->rounds++;
		g->round_len = 0;
	}
	if (g->prev_ttl < 0)
		g->rounds = 1;
	g->prev_ttl = pr->ttl;
	g->round_len++;
	pr->round = g->rounds - 1;
	{
		struct gside *sd = side_get(c, (uint32_t)gi);

		if (sd != NULL) {
			pr->prev_ts = sd->last_ts[pr->ttl];
			sd->last_ts[pr->ttl] = ts;
			sd->tt[pr->ttl].sent++;
			sd->tt[pr->ttl].opts_sent += pr->has_opts;
		}
	}
	g->nprobes++;
	g->last_ts = ts;
	bit_set(g->probed_bits, pr->ttl, &g->ttls_probed);
	c->nprobes++;
	c->cnt.probes++;
}

/* Mode of a pending lookup: exact key, or ports only. */
#define PM_KEY		1
#define PM_PORTS	2

/*
 * The probe a reply answers: the latest one with its key sent no later
 * than the reply.  Retransmissions share a key; the latest wins.
 */
static int32_t
lookup(const struct corr *c, const struct corr_key *k, int mode, int64_t ts,
    bool *reordered)
{
	int32_t i;

	*reordered = false;
	if (mode == PM_KEY) {
		for (i = itab_get(c, &c->by_key, IK_PROBE, k); i >= 0; i = c->same_key[i])
			if (c->probes[i].ts <= ts)
				return i;
	} else {
		i = itab_get(c, &c->by_ports, IK_PORTS, k);
		if (i >= 0 && c->probes[i].ts <= ts)
			return i;
	}
	if (mode == PM_KEY ? itab_get(c, &c->by_key, IK_PROBE, k) >= 0 :
	    itab_get(c, &c->by_ports, IK_PORTS, k) >= 0)
		*reordered = true;
	return -1;
}

static void
attach(struct corr *c, uint32_t ri, int32_t pi)
{
	struct corr_reply *r = &c->replies[ri];
	struct corr_probe *p = &c->probes[pi];
	struct corr_group *g = &c->groups[p->group];
	struct gside *sd = side_get(c, p->group);

	r->probe = pi;
	r->rtt = r->ts - p->ts;
	p->nreplies++;
	c->cnt.replies++;
	if (p->reply >= 0) {
		r->dup = true;
		c->cnt.duplicates++;
		if (sd != NULL)
			sd->tt[p->ttl].dups++;
		return;
	}
	/* A reply within the very nanosecond (or microsecond) of its probe: the clock stood still. */
	if (p->ts_bad || r->ts_bad || r->rtt == 0) {
		r->rtt_bad = true;
		c->cnt.rtt_bad++;
	}
	if (c->late_ns > 0 && r->rtt > c->late_ns) {
		r->late = true;
		c->cnt.late++;
		if (p->late_reply < 0)
			p->late_reply = (int32_t)ri;
		if (sd != NULL)
			sd->tt[p->ttl].late++;
		return;
	}
	p->reply = (int32_t)ri;
	if (sd != NULL)
		side_answer(sd, p, r);
	g->nanswered++;
	bit_set(g->answered_bits, p->ttl, &g->ttls_answered);
}

/* Build the lookup key a reply carries for its probe. */
static bool
reply_key(const struct dec_pkt *p, struct corr_reply *r, struct corr_key *k, int *mode)
{
	const struct dec_icmp_err *e = &p->err;

	memset(k, 0, sizeof(*k));
	*mode = PM_KEY;
	if (p->ip.proto == 1 && p->is_icmp_err) {
		if (!p->quote_ok || e->q_ip.frag != 0)
			return false;
		k->src = e->q_ip.src;
		k->dst = e->q_ip.dst;
		k->proto = e->q_ip.proto;
		switch (k->proto) {
		case 1:
			if (!(e->q_l4.have & L4_ICMPID) || e->q_l4.icmp_type != 8)
				return false;
			k->a = e->q_l4.echo_id;
			k->c = e->q_l4.echo_seq;
			break;
		case 17:
			k->a = e->q_l4.sport;
			k->b = e->q_l4.dport;
			k->c = e->q_l4.udp_sum;
			break;
		case 6:
			k->a = e->q_l4.sport;
			k->b = e->q_l4.dport;
			k->c = e->q_l4.seq;
			break;
		default:
			return false;
		}
		switch (p->l4.icmp_type) {
		case 11:
			r->kind = RK_TIME_EXCEEDED;
			break;
		case 3:
			r->kind = RK_UNREACH;
			break;
		case 12:
			r->kind = RK_PARAM;
			break;
		default:
			r->kind = RK_OTHER_ICMP;
		}
		r->q_ttl = e->q_ip.ttl;
		r->mtu = e->mtu;
		r->n_mpls = e->n_mpls;
		memcpy(r->mpls, e->mpls, sizeof(r->mpls));
		return true;
	}
	k->src = p->ip.dst;
	k->dst = p->ip.src;
	k->proto = p->ip.proto;
	switch (p->ip.proto) {
	case 1:
		if (p->l4.icmp_type != 0 || !(p->l4.have & L4_ICMPID))
			return false;
		k->a = p->l4.echo_id;
		k->c = p->l4.echo_seq;
		r->kind = RK_ECHO_REPLY;
		return true;
	case 6:
		if (!(p->l4.have & L4_TCPHDR))
			return false;
		k->a = p->l4.dport;
		k->b = p->l4.sport;
		r->tcp_flags = p->l4.tcp_flags;
		r->tcp_win = p->l4.tcp_win;
		if (p->l4.tcp_flags & TCP_RST)
			r->kind = RK_RST;
		else if ((p->l4.tcp_flags & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK))
			r->kind = RK_SYNACK;
		else if (p->l4.tcp_flags & TCP_ACK)
			r->kind = RK_ACK;
		else
			return false;
		/* RFC 9293: a reply to a SYN acknowledges its sequence + 1. */
		if (p->l4.tcp_flags & TCP_ACK)
			k->c = p->l4.ack - 1;
		else
			*mode = PM_PORTS;
		return true;
	case 17:
		if (!(p->l4.have & L4_PORTS))
			return false;
		k->a = p->l4.dport;
		k->b = p->l4.sport;
		r->kind = RK_UDP;
		*mode = PM_PORTS;
		return true;
	default:
		return false;
	}
}

/* How far back a rewritten quote is looked for: probes sent this long before it. */
#define NAT_WINDOW_NS	(10 * 1000000000LL)
#define NAT_MAX_LOOK	8192

/*
 * An ICMP error whose quote matches no probe by its key may quote one
 * that a NAT rewrote and did not translate back: the latest probe to
 * the same destination and protocol, with the same IP ID, sent before
 * it and within NAT_WINDOW_NS (the IP ID carries the probe's index and
 * NATs leave it alone; Dublin traceroute's idea).  Only when the
 * quoted source address differs, and the IP ID names one probe.
 */
static int32_t
lookup_rewritten(const struct corr *c, const struct dec_pkt *p, const struct corr_key *k,
    int64_t ts, struct corr_reply *r)
{
	const struct dec_icmp_err *e = &p->err;
	uint32_t i, looked = 0;
	int32_t found = -1;

	for (i = c->nprobes; i > 0 && looked < NAT_MAX_LOOK; i--, looked++) {
		const struct corr_probe *pr = &c->probes[i - 1];

		if (pr->ts > ts)
			continue;
		if (pr->ts < ts - NAT_WINDOW_NS)
			break;
		if (pr->ipid != e->q_ip.id || pr->key.proto != k->proto ||
		    !fl_addr_eq(&pr->key.dst, &k->dst))
			continue;
		/* Two probes with this IP ID (a tool that leaves it 0): no telling which. */
		if (found >= 0)
			return -1;
		found = (int32_t)(i - 1);
	}
	if (found < 0)
		return -1;
	/*
	 * A source NAT always rewrites the address; a quote of this host's
	 * own address with another identifier is another run's probe.
	 */
	if (fl_addr_eq(&c->probes[found].key.src, &k->src))
		return -1;
	r->nat = CORR_NAT_SRC;
	if (c->probes[found].key.a != k->a)
		r->nat |= CORR_NAT_PORT;
	if (c->probes[found].key.c != k->c)
		r->nat |= CORR_NAT_ID;
	r->q_src = k->src;
	r->q_sport = k->a;
	return found;
}

/* Keep a reply's Record Route; its index, or -1 (none, or no room). */
static int32_t
keep_rr(struct corr *c, const struct dec_ipopt *o)
{
	struct corr_rr *rr;

	if (!o->has_rr || c->nrrs >= MAX_RRS ||
	    grow((void **)&c->rrs, &c->rrs_cap, sizeof(*c->rrs), c->nrrs + 1) != 0)
		return -1;
	rr = &c->rrs[c->nrrs];
	memset(rr, 0, sizeof(*rr));
	rr->n = o->rr_n <= DEC_MAX_RR ? o->rr_n : DEC_MAX_RR;
	rr->full = o->rr_full;
	memcpy(rr->addr, o->rr, (size_t)rr->n * sizeof(rr->addr[0]));
	return (int32_t)c->nrrs++;
}

static void
add_reply(struct corr *c, uint32_t frame, int64_t ts, bool ts_bad, const struct dec_pkt *p)
{
	struct corr_reply r;
	struct corr_key k;
	bool reordered;
	int mode;
	int32_t pi;
	uint32_t ri;

	memset(&r, 0, sizeof(r));
	if (!reply_key(p, &r, &k, &mode))
		return;
	pi = lookup(c, &k, mode, ts, &reordered);
	if (pi < 0 && !reordered && p->is_icmp_err)
		pi = lookup_rewritten(c, p, &k, ts, &r);
	/*
	 * A TCP segment or UDP datagram that answers nothing of ours is
	 * ordinary traffic, not a reply; anything else that matches no
	 * probe yet waits for corr_finish(), in case its probe was
	 * captured after it.
	 */
	if (pi < 0 && (r.kind == RK_ACK || r.kind == RK_UDP))
		return;
	if (c->nreplies >= MAX_REPLIES ||
	    grow((void **)&c->replies, &c->replies_cap, sizeof(*c->replies), c->nreplies + 1) != 0) {
		c->cnt.untracked++;
		return;
	}
	ri = c->nreplies++;
	r.frame = frame;
	r.ts = ts;
	r.ts_bad = ts_bad;
	r.probe = -1;
	r.icmp_type = p->l4.icmp_type;
	r.icmp_code = p->l4.icmp_code;
	r.from = p->ip.src;
	r.ttl = p->ip.ttl;
	r.ipid = p->ip.id;
	r.has_opts = p->opt.has;
	r.rr_bad = p->opt.rr_bad;
	r.rr = keep_rr(c, &p->opt);
	c->replies[ri] = r;
	if (pi >= 0) {
		attach(c, ri, pi);
		return;
	}
	if (c->pending_cap < c->replies_cap) {
		void *nk, *nm;

		nk = realloc(c->pending_keys, (size_t)c->replies_cap * sizeof(*c->pending_keys));
		if (nk == NULL)
			return;
		c->pending_keys = nk;
		nm = realloc(c->pending_mode, (size_t)c->replies_cap);
		if (nm == NULL)
			return;
		c->pending_mode = nm;
		memset(c->pending_mode + c->pending_cap, 0, c->replies_cap - c->pending_cap);
		c->pending_cap = c->replies_cap;
	}
	c->pending_keys[ri] = k;
	c->pending_mode[ri] = (uint8_t)mode;
}

/*
 * A reply still waiting for its probe: match it to one captured up to
 * REORDER_NS after it, or count it as foreign.
 */
static void
settle_reply(struct corr *c, uint32_t i)
{
	bool reordered;
	int32_t pi;

	pi = lookup(c, &c->pending_keys[i], c->pending_mode[i],
	    c->replies[i].ts + REORDER_NS, &reordered);
	c->pending_mode[i] = 0;
	if (pi >= 0) {
		attach(c, i, pi);
		c->cnt.reordered++;
	} else {
		c->cnt.foreign_replies++;
	}
}

static bool
probe_kept(const struct corr *c, const struct corr_probe *p)
{
	return (p->round / CORR_BLOCK) % c->groups[p->group].stride == 0;
}

/*
 * Before a group's first thinning every probe it had is held: its
 * counts per TTL start from them, and each probe learns when the one
 * before it at its TTL went.  No memory, or CORR_COUNTED groups counted
 * already: the group goes without (its hops count the probes kept).
 */
static void
side_start(struct corr *c, uint32_t g)
{
	struct gside *sd;
	uint32_t i, t;

	if (c->nside >= CORR_COUNTED || side_get(c, g) != NULL)
		return;
	if (g >= c->side_of_cap) {
		uint32_t ncap = c->side_of_cap ? c->side_of_cap : 64;
		int32_t *n;

		while (ncap <= g)
			ncap *= 2;
		if ((n = realloc(c->side_of, ncap * sizeof(*n))) == NULL)
			return;
		for (i = c->side_of_cap; i < ncap; i++)
			n[i] = -1;
		c->side_of = n;
		c->side_of_cap = ncap;
	}
	if ((sd = calloc(1, sizeof(*sd))) == NULL)
		return;
	for (t = 0; t < 256; t++) {
		sd->last_ts[t] = -1;
		sd->tt[t].min_rtt = -1;
	}
	for (i = 0; i < c->nprobes; i++) {
		struct corr_probe *p = &c->probes[i];

		if (p->group != g)
			continue;
		p->prev_ts = sd->last_ts[p->ttl];
		sd->last_ts[p->ttl] = p->ts;
		sd->tt[p->ttl].sent++;
		sd->tt[p->ttl].opts_sent += p->has_opts;
		if (p->reply >= 0)
			side_answer(sd, p, &c->replies[p->reply]);
		if (p->late_reply >= 0)
			sd->tt[p->ttl].late++;
		{
			unsigned counted = (p->reply >= 0) + (p->late_reply >= 0);

			if (p->nreplies > counted)
				sd->tt[p->ttl].dups += p->nreplies - counted;
		}
	}
	c->side_of[g] = (int32_t)c->nside;
	c->side[c->nside++] = sd;
}

/* The probes each group keeps at its stride, into kept[group]. */
static void
count_kept(const struct corr *c, uint32_t *kept, int32_t only)
{
	uint32_t i;

	for (i = 0; i < c->nprobes; i++) {
		const struct corr_probe *p = &c->probes[i];

		if ((only < 0 || p->group == (uint32_t)only) && probe_kept(c, p))
			kept[p->group]++;
	}
}

/* Double group g's stride; false when that keeps as many (all in round 0). */
static bool
thin_group(struct corr *c, uint32_t *kept, uint32_t g, uint32_t *total)
{
	uint32_t before = kept[g];

	if (c->groups[g].stride >= (1u << 30))
		return false;
	if (c->groups[g].stride == 1)
		side_start(c, g);
	c->groups[g].stride *= 2;
	kept[g] = 0;
	count_kept(c, kept, (int32_t)g);
	*total -= before - kept[g];
	return kept[g] < before;
}

/* The strides that bring every group within CORR_GROUP_KEEP, and all within CORR_TOTAL_KEEP. */
static int
set_strides(struct corr *c)
{
	uint32_t *kept = calloc(c->ngroups ? c->ngroups : 1, sizeof(*kept));
	uint32_t g, total = 0, big;
	bool *stuck;

	if (kept == NULL)
		return -1;
	stuck = calloc(c->ngroups ? c->ngroups : 1, sizeof(*stuck));
	if (stuck == NULL) {
		free(kept);
		return -1;
	}
	count_kept(c, kept, -1);
	for (g = 0; g < c->ngroups; g++)
		total += kept[g];
	for (g = 0; g < c->ngroups; g++)
		while (kept[g] > CORR_GROUP_KEEP && thin_group(c, kept, g, &total))
			;
	while (total > CORR_TOTAL_KEEP) {
		big = UINT32_MAX;
		for (g = 0; g < c->ngroups; g++)
			if (!stuck[g] && kept[g] > 1 && (big == UINT32_MAX || kept[g] > kept[big]))
				big = g;
		if (big == UINT32_MAX)
			break;
		if (!thin_group(c, kept, big, &total))
			stuck[big] = true;
	}
	free(stuck);
	free(kept);
	return 0;
}

/*
 * held[i] = 1 for each probe a compaction keeps: its round is kept, it
 * carried IP options (CORR_OPTS_KEEP at most), or, by_age, its replies
 * may still come at now.  Returns how many.
 */
static uint32_t
mark_held(const struct corr *c, int32_t *held, int64_t now, bool by_age)
{
	uint32_t i, n = 0, opts = 0;

	for (i = 0; i < c->nprobes; i++) {
		const struct corr_probe *p = &c->probes[i];

		held[i] = probe_kept(c, p) || (p->has_opts && opts++ < CORR_OPTS_KEEP) ||
		    (by_age && p->ts > now - c->horizon_ns);
		n += (uint32_t)held[i];
	}
	return n;
}

static void
itab_clear(struct itab *t)
{
	uint32_t i;

	for (i = 0; i < t->cap; i++)
		t->v[i] = -1;
	t->n = 0;
}

/*
 * Forget what can no longer matter, at capture time now (final: the end
 * of the capture): replies waiting for a probe that has not come are
 * settled, probes of the rounds not kept whose replies can no longer
 * come go with their replies, and the indexes are rebuilt.  What the
 * counters and the groups say is unchanged: they were counted as they
 * came.  On no memory nothing is forgotten.
 */
static void
compact(struct corr *c, int64_t now, bool final)
{
	int32_t *pmap, *rmap;
	uint32_t i, np = 0, nr = 0, nrr;

	for (i = 0; i < c->nreplies && i < c->pending_cap; i++)
		if (c->replies[i].probe < 0 && c->pending_mode[i] != 0 &&
		    (final || c->replies[i].ts < now - SETTLE_NS))
			settle_reply(c, i);
	if (set_strides(c) != 0)
		return;
	pmap = malloc((c->nprobes ? c->nprobes : 1) * sizeof(*pmap));
	rmap = malloc((c->nreplies ? c->nreplies : 1) * sizeof(*rmap));
	if (pmap == NULL || rmap == NULL) {
		free(pmap);
		free(rmap);
		return;
	}
	/* Stamps that do not advance hold everything in the window: keep to the budget then. */
	if (mark_held(c, pmap, now, !final) > HELD_MAX && !final)
		(void)mark_held(c, pmap, now, false);
	for (i = 0; i < c->nprobes; i++)
		pmap[i] = pmap[i] ? (int32_t)np++ : -1;
	for (i = 0; i < c->nreplies; i++) {
		const struct corr_reply *r = &c->replies[i];
		bool waiting = r->probe < 0 && i < c->pending_cap && c->pending_mode[i] != 0;

		/* A reply matching nothing goes once it is older than the horizon. */
		if ((r->probe >= 0 && pmap[r->probe] >= 0) || waiting ||
		    (r->probe < 0 && r->ts > now - c->horizon_ns))
			rmap[i] = (int32_t)nr++;
		else
			rmap[i] = -1;
	}
	for (i = 0; i < c->nprobes; i++) {
		struct corr_probe p = c->probes[i];
		int32_t sk = c->same_key[i];

		if (pmap[i] < 0) {
			c->cnt.sampled_out++;
			continue;
		}
		p.reply = p.reply >= 0 ? rmap[p.reply] : -1;
		p.late_reply = p.late_reply >= 0 ? rmap[p.late_reply] : -1;
		c->probes[pmap[i]] = p;
		c->same_key[pmap[i]] = sk >= 0 ? pmap[sk] : -1;
	}
	nrr = 0;
	for (i = 0; i < c->nreplies; i++) {
		struct corr_reply r = c->replies[i];

		if (rmap[i] < 0)
			continue;
		r.probe = r.probe >= 0 ? pmap[r.probe] : -1;
		/* Record Routes go with their replies, in the same order. */
		if (r.rr >= 0 && (uint32_t)r.rr < c->nrrs) {
			c->rrs[nrr] = c->rrs[r.rr];
			r.rr = (int32_t)nrr++;
		} else {
			r.rr = -1;
		}
		c->replies[rmap[i]] = r;
		if (i < c->pending_cap && (uint32_t)rmap[i] < c->pending_cap) {
			c->pending_keys[rmap[i]] = c->pending_keys[i];
			c->pending_mode[rmap[i]] = c->pending_mode[i];
		}
	}
	if (c->pending_cap > nr)
		memset(c->pending_mode + nr, 0, c->pending_cap - nr);
	c->nprobes = np;
	c->nreplies = nr;
	c->nrrs = nrr;
	itab_clear(&c->by_key);
	itab_clear(&c->by_ports);
	for (i = 0; i < np; i++) {
		/* In capture order, so the latest probe with a key is the one indexed. */
		if (itab_put(c, &c->by_key, IK_PROBE, &c->probes[i].key, (int32_t)i) == -2 ||
		    itab_put(c, &c->by_ports, IK_PORTS, &c->probes[i].key, (int32_t)i) == -2)
			break;
	}
	free(pmap);
	free(rmap);
	c->compactions++;
	/*
	 * A fixed stretch of new ones before the next: the arrays stay the
	 * size the budget needs (a share of each compaction per frame).
	 */
	c->compact_at = np + nr + COMPACT_MIN / 2 > COMPACT_MIN ? np + nr + COMPACT_MIN / 2 : COMPACT_MIN;
}

void
corr_finish(struct corr *c)
{
	uint32_t i;

	for (i = 0; i < c->nreplies && i < c->pending_cap; i++)
		if (c->replies[i].probe < 0 && c->pending_mode[i] != 0)
			settle_reply(c, i);
	/* A capture that never needed compacting is left whole. */
	if (c->compactions > 0)
		compact(c, c->now, true);
}

const struct corr_ttl *
corr_group_ttl(const struct corr *c, uint32_t g, uint8_t ttl)
{
	const struct gside *sd = side_get(c, g);

	return sd != NULL ? &sd->tt[ttl] : NULL;
}

uint32_t
corr_held(const struct corr *c)
{
	return c->nprobes + c->nreplies;
}

bool
corr_reader(void *corr, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	corr_feed(corr, frame, ts, p);
	return false;
}

void
corr_feed(struct corr *c, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct corr_key k;
	unsigned int def;
	bool ts_bad;

	c->cnt.frames++;
	if (ts > c->now && ts <= FDEF_TS_MAX)
		c->now = ts;
	if (c->nprobes + c->nreplies >= c->compact_at)
		compact(c, c->now, false);
	def = fdef_frame(c->fd, frame, ts, p);
	if (def & FDEF_COPY) {
		c->cnt.copies++;
		return;
	}
	ts_bad = (def & FDEF_TS_BAD) != 0;
	/* Keep timestamp arithmetic (RTTs, waits) far from overflow. */
	if (ts < 0)
		ts = 0;
	if (ts > FDEF_TS_MAX)
		ts = FDEF_TS_MAX;
	switch (p->status) {
	case DEC_TRUNCATED:
		c->cnt.truncated++;
		return;
	case DEC_INVALID:
		c->cnt.invalid++;
		return;
	case DEC_OTHER:
		c->cnt.not_ipv4++;
		return;
	case DEC_OK:
		break;
	}
	if (p->ip.src.family == 6)
		c->cnt.ipv6++;
	if (p->is_icmp_err && !p->quote_ok) {
		if (p->err.q_status == DEC_TRUNCATED)
			c->cnt.quote_truncated++;
		else
			c->cnt.quote_invalid++;
		return;
	}
	/* In a live run, our own outgoing non-probe traffic (the kernel's
	 * RST to a SYN-ACK, say) is neither a probe nor a reply. */
	if (c->nsigs > 0 && from_us(c, &p->ip.src) && !corr_probe_key(p, &k))
		return;
	if (corr_probe_key(p, &k)) {
		if (c->nsigs > 0 && !ours(c, &k)) {
			/*
			 * Not one of ours; but a UDP datagram could still be
			 * a reply on our ports, so fall through for UDP.
			 */
			c->cnt.foreign_probes++;
			if (k.proto != 17)
				return;
		} else {
			add_probe(c, frame, ts, ts_bad, p, &k);
			return;
		}
	}
	add_reply(c, frame, ts, ts_bad, p);
}

const struct corr_counters *
corr_counters(const struct corr *c)
{
	return &c->cnt;
}

uint32_t
corr_nprobes(const struct corr *c)
{
	return c->nprobes;
}

const struct corr_probe *
corr_probe(const struct corr *c, uint32_t i)
{
	return i < c->nprobes ? &c->probes[i] : NULL;
}

uint32_t
corr_nreplies(const struct corr *c)
{
	return c->nreplies;
}

const struct corr_reply *
corr_reply(const struct corr *c, uint32_t i)
{
	return i < c->nreplies ? &c->replies[i] : NULL;
}

const struct corr_rr *
corr_rr(const struct corr *c, int32_t i)
{
	return i >= 0 && (uint32_t)i < c->nrrs ? &c->rrs[i] : NULL;
}

uint32_t
corr_ngroups(const struct corr *c)
{
	return c->ngroups;
}

const struct corr_group *
corr_group(const struct corr *c, uint32_t i)
{
	return i < c->ngroups ? &c->groups[i] : NULL;
}

int32_t
corr_find(const struct corr *c, const struct corr_key *k)
{
	return itab_get(c, &c->by_key, IK_PROBE, k);
}

int32_t
corr_best_trace(const struct corr *c, const struct fl_addr *dst, uint32_t min_ttls)
{
	int32_t best = -1;
	uint32_t i;

	for (i = 0; i < c->ngroups; i++) {
		const struct corr_group *g = &c->groups[i], *b;

		if (g->ttls_probed < min_ttls)
			continue;
		if (dst != NULL && fl_addr_is_set(dst) && !fl_addr_eq(dst, &g->dst))
			continue;
		if (best < 0) {
			best = (int32_t)i;
			continue;
		}
		b = &c->groups[best];
		if (g->ttls_answered > b->ttls_answered ||
		    (g->ttls_answered == b->ttls_answered &&
		    (g->ttls_probed > b->ttls_probed ||
		    (g->ttls_probed == b->ttls_probed && g->nanswered > b->nanswered))))
			best = (int32_t)i;
	}
	return best;
}

int
corr_return_hops(int reply_ttl)
{
	int init = reply_ttl <= 32 ? 32 : reply_ttl <= 64 ? 64 : reply_ttl <= 128 ? 128 : 255;

	return init - reply_ttl + 1;
}

const char *
corr_reply_kind_name(enum reply_kind k)
{
	switch (k) {
	case RK_TIME_EXCEEDED:
		return "time-exceeded";
	case RK_UNREACH:
		return "unreachable";
	case RK_PARAM:
		return "parameter-problem";
	case RK_OTHER_ICMP:
		return "icmp";
	case RK_ECHO_REPLY:
		return "echo-reply";
	case RK_SYNACK:
		return "syn-ack";
	case RK_RST:
		return "rst";
	case RK_ACK:
		return "ack";
	case RK_UDP:
		return "udp";
	default:
		return "none";
	}
}

const char *
corr_answer_name(enum reply_kind k, uint8_t code)
{
	static const char *unreach[16] = {
		"net-unreachable", "host-unreachable", "protocol-unreachable",
		"port-unreachable", "fragmentation-needed", "source-route-failed",
		"net-unknown", "host-unknown", "source-isolated", "net-prohibited",
		"host-prohibited", "net-unreachable-for-tos", "host-unreachable-for-tos",
		"admin-prohibited", "precedence-violation", "precedence-cutoff",
	};

	if (k == RK_UNREACH)
		return code < 16 ? unreach[code] : "unreachable";
	return corr_reply_kind_name(k);
}
