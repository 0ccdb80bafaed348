/*
 * Which probe series of a saved capture is a traceroute, and what the
 * capture holds when none is: ptrace-slow -r reads only a series from
 * one source to one destination whose TTLs climb, and names a scan, a
 * flood or a ping for what it is instead of inventing hops.
 */
#ifndef FL_PTRACE_SHAPE_H
#define FL_PTRACE_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/flow/correlate.h"

/* How one correlator group's probes were sent, in capture order. */
struct trace_shape {
	uint32_t	probes;
	uint32_t	ttls;		/* distinct TTLs */
	int		min_ttl, max_ttl;
	uint32_t	steps;		/* pairs of consecutive probes */
	uint32_t	climbs;		/* ... whose TTL stayed or rose by one */
	uint32_t	falls;		/* ... whose TTL fell (a new round) */
	uint32_t	expired;	/* answered by time-exceeded */
	uint32_t	dports;		/* distinct destination ports (TCP, UDP) */
	uint32_t	per_ttl_max;	/* most probes at one TTL */
	uint32_t	rounds;		/* 1 + falls */
	double		span_s;		/* first to last probe */
	bool		traceroute;
};

/*
 * The shape of group g.  A traceroute: at least two distinct TTLs, at
 * least two thirds of the steps between consecutive probes keep or
 * raise the TTL by one (a round climbs; a fall starts the next round),
 * and the TTLs start low (at most 32) or some probe expired on the way
 * (time-exceeded): a series captured at its sender, not probes arriving
 * here with what their path left of their TTL.
 */
void	trace_shape(const struct corr *, uint32_t g, struct trace_shape *);

/*
 * The traceroute -r reads: among the groups whose shape is one (towards
 * dst when set), the one with the most TTLs answered, then probed, then
 * replies.  -1 when there is none; then why holds one line saying what
 * the capture looks like instead ("1994 TCP SYNs from A to B on 1000
 * ports with TTLs scattered between 37 and 64: a port scan, not a
 * traceroute").
 */
int32_t	trace_pick(const struct corr *, const struct fl_addr *dst, char *why, size_t len);

/* The probes a series sent per TTL (the median over its TTLs): -r's "queries". */
uint32_t trace_per_hop(const struct corr *, uint32_t g);

#endif
