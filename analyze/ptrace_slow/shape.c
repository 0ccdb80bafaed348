/*
 * The shape of a probe series (shape.h): traceroute or not, and a
 * line saying what a capture holds when it holds no traceroute.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ptrace_slow/shape.h"

/* A series whose lowest TTL is above this was captured where it arrived, not where it left. */
#define SHAPE_LOW_TTL	32

void
trace_shape(const struct corr *c, uint32_t g, struct trace_shape *s)
{
	uint8_t ports[65536 / 8];
	uint32_t per_ttl[256], i;
	const struct corr_probe *prev = NULL;
	int64_t first = 0, last = 0;

	memset(s, 0, sizeof(*s));
	memset(per_ttl, 0, sizeof(per_ttl));
	memset(ports, 0, sizeof(ports));
	s->min_ttl = 256;
	for (i = 0; i < corr_nprobes(c); i++) {
		const struct corr_probe *p = corr_probe(c, i);
		const struct corr_reply *r;

		if (p->group != g)
			continue;
		if (s->probes++ == 0)
			first = p->ts;
		last = p->ts;
		if (per_ttl[p->ttl]++ == 0)
			s->ttls++;
		if (per_ttl[p->ttl] > s->per_ttl_max)
			s->per_ttl_max = per_ttl[p->ttl];
		if (p->ttl < s->min_ttl)
			s->min_ttl = p->ttl;
		if (p->ttl > s->max_ttl)
			s->max_ttl = p->ttl;
		if (p->key.proto != 1 && !(ports[p->key.b >> 3] & (1u << (p->key.b & 7)))) {
			ports[p->key.b >> 3] |= (uint8_t)(1u << (p->key.b & 7));
			s->dports++;
		}
		r = p->reply >= 0 ? corr_reply(c, (uint32_t)p->reply) : NULL;
		if (r != NULL && r->kind == RK_TIME_EXCEEDED)
			s->expired++;
		if (prev != NULL) {
			s->steps++;
			if (p->ttl == prev->ttl || p->ttl == prev->ttl + 1)
				s->climbs++;
			else if (p->ttl < prev->ttl)
				s->falls++;
		}
		prev = p;
	}
	s->span_s = (double)(last - first) / 1e9;
	s->rounds = s->probes ? 1 + s->falls : 0;
	s->traceroute = s->ttls >= 2 && 3 * s->climbs >= 2 * s->steps &&
	    (s->min_ttl <= SHAPE_LOW_TTL || s->expired > 0);
}

static bool
better(const struct corr_group *g, const struct corr_group *b)
{
	if (g->ttls_answered != b->ttls_answered)
		return g->ttls_answered > b->ttls_answered;
	if (g->ttls_probed != b->ttls_probed)
		return g->ttls_probed > b->ttls_probed;
	return g->nanswered > b->nanswered;
}

static const char *
probe_words(uint8_t proto, uint32_t n)
{
	switch (proto) {
	case 1:
		return n == 1 ? "ICMP echo request" : "ICMP echo requests";
	case 6:
		return n == 1 ? "TCP SYN" : "TCP SYNs";
	default:
		return n == 1 ? "UDP datagram" : "UDP datagrams";
	}
}

/* What a series that is not a traceroute looks like, in one line. */
static void
describe(const struct corr *c, uint32_t gi, char *why, size_t len)
{
	const struct corr_group *g = corr_group(c, gi);
	struct trace_shape s;
	char src[FL_ADDRSTRLEN], dst[FL_ADDRSTRLEN], ports[64] = "", ttls[96];
	const char *what;
	double rate;

	trace_shape(c, gi, &s);
	rate = s.span_s > 0 ? s.probes / s.span_s : 0;
	if (s.dports > 1)
		snprintf(ports, sizeof(ports), " on %u ports", s.dports);
	if (s.ttls == 1)
		snprintf(ttls, sizeof(ttls), "all with TTL %d", s.min_ttl);
	else if (s.min_ttl > SHAPE_LOW_TTL && 3 * s.climbs >= 2 * s.steps)
		snprintf(ttls, sizeof(ttls), "with TTLs %d to %d as they arrived, not as they "
		    "were sent", s.min_ttl, s.max_ttl);
	else
		snprintf(ttls, sizeof(ttls), "with TTLs scattered between %d and %d, not climbing",
		    s.min_ttl, s.max_ttl);
	if (s.dports >= 10)
		what = "a port scan";
	else if (s.probes >= 100 && rate >= 100)
		what = "a flood";
	else if (s.ttls > 1 && s.min_ttl > SHAPE_LOW_TTL && 3 * s.climbs >= 2 * s.steps)
		what = "probes arriving at this host (a scan)";
	else if (s.ttls > 1)
		what = "probes with varying TTLs (a scan or OS fingerprinting)";
	else if (g->proto == 1)
		what = "a ping";
	else if (g->proto == 6)
		what = s.probes == 1 ? "a connection" : "connection attempts";
	else
		what = "ordinary datagrams";
	snprintf(why, len, "%u %s from %s to %s%s, %s: %s, not a traceroute", s.probes,
	    probe_words(g->proto, s.probes), fl_addr_str(&g->src, src, sizeof(src)),
	    fl_addr_str(&g->dst, dst, sizeof(dst)), ports, ttls, what);
}

int32_t
trace_pick(const struct corr *c, const struct fl_addr *dst, char *why, size_t len)
{
	int32_t best = -1, biggest = -1;
	uint32_t i;

	if (why != NULL && len > 0)
		why[0] = '\0';
	for (i = 0; i < corr_ngroups(c); i++) {
		const struct corr_group *g = corr_group(c, i);
		struct trace_shape s;

		if (dst != NULL && fl_addr_is_set(dst) && !fl_addr_eq(dst, &g->dst))
			continue;
		if (biggest < 0 || g->nprobes > corr_group(c, (uint32_t)biggest)->nprobes)
			biggest = (int32_t)i;
		if (g->ttls_probed < 2)
			continue;
		trace_shape(c, i, &s);
		if (!s.traceroute)
			continue;
		if (best < 0 || better(g, corr_group(c, (uint32_t)best)))
			best = (int32_t)i;
	}
	if (best < 0 && why != NULL && len > 0) {
		if (biggest >= 0)
			describe(c, (uint32_t)biggest, why, len);
		else
			snprintf(why, len, "no probes (ICMP echo requests, UDP datagrams or TCP "
			    "SYNs)%s", dst != NULL && fl_addr_is_set(dst) ? " to that host" : "");
	}
	return best;
}

uint32_t
trace_per_hop(const struct corr *c, uint32_t g)
{
	uint32_t n[256], vals[256], i, j, v, k = 0;

	memset(n, 0, sizeof(n));
	if (corr_group_ttl(c, g, 0) != NULL) {
		/* A thinned trace: every probe, kept or not. */
		for (i = 0; i < 256; i++)
			n[i] = corr_group_ttl(c, g, (uint8_t)i)->sent;
	} else {
		for (i = 0; i < corr_nprobes(c); i++) {
			const struct corr_probe *p = corr_probe(c, i);

			if (p->group == g)
				n[p->ttl]++;
		}
	}
	for (i = 0; i < 256; i++)
		if (n[i] > 0)
			vals[k++] = n[i];
	/* The median over the TTLs probed (insertion sort: at most 256). */
	for (i = 1; i < k; i++) {
		for (v = vals[i], j = i; j > 0 && vals[j - 1] > v; j--)
			vals[j] = vals[j - 1];
		vals[j] = v;
	}
	return k ? vals[k / 2] : 0;
}
