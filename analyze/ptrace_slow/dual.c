/*
 * --both: the same host over IPv4 and over IPv6, compared by outcome
 * and round trip, not hop by hop (the two families' paths differ).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/ptrace_slow/infer.h"

/* A round trip differs when it is this much and this share apart. */
#define DUAL_RTT_MS	10.0
#define DUAL_RTT_FRAC	0.25

static double
dest_rtt(const struct path_result *r)
{
	return r->dest_ttl > 0 && r->hops[r->dest_ttl].rtt.n > 0 ? r->hops[r->dest_ttl].rtt.median :
	    -1;
}

/* "clean, the destination in 12.3 ms" or "unreachable at hop 3 (ADDR)". */
static void
outcome(const struct path_result *r, char *buf, size_t len)
{
	char a[FL_ADDRSTRLEN];
	double rtt = dest_rtt(r);

	if (r->verdict.hop > 0)
		snprintf(buf, len, "%s at hop %d (%s)", path_verdict_name(r->verdict.kind),
		    r->verdict.hop, fl_addr_is_set(&r->verdict.addr) ?
		    fl_addr_str(&r->verdict.addr, a, sizeof(a)) : "no address");
	else if (rtt >= 0)
		snprintf(buf, len, "%s, the destination answers in %.*f ms",
		    path_verdict_name(r->verdict.kind), rtt < 10 ? 2 : 1, rtt);
	else
		snprintf(buf, len, "%s, the destination never answers",
		    path_verdict_name(r->verdict.kind));
}

bool
path_dual_compare(const struct path_result *v4, const struct path_result *v6, char *buf,
    size_t len)
{
	char o4[200], o6[200];
	double r4 = dest_rtt(v4), r6 = dest_rtt(v6);
	bool same_kind = v4->verdict.kind == v6->verdict.kind && v4->verdict.hop == v6->verdict.hop;

	outcome(v4, o4, sizeof(o4));
	outcome(v6, o6, sizeof(o6));
	if (!same_kind || (r4 >= 0) != (r6 >= 0)) {
		snprintf(buf, len, "Over IPv4: %s; over IPv6: %s.", o4, o6);
		return false;
	}
	if (r4 >= 0 && fabs(r4 - r6) > DUAL_RTT_MS &&
	    fabs(r4 - r6) > DUAL_RTT_FRAC * fmin(r4, r6)) {
		snprintf(buf, len, "Both %s, but IPv%d is %.1f ms slower to the destination "
		    "(IPv4 %.1f ms, IPv6 %.1f ms).", path_verdict_name(v4->verdict.kind),
		    r6 > r4 ? 6 : 4, fabs(r4 - r6), r4, r6);
		return false;
	}
	snprintf(buf, len, "Same over IPv4 and IPv6: %s; %s.", o4, o6);
	return true;
}
