/*
 * A NAT on the path, where the packets show one.  A router past a NAT
 * quotes the probe as the NAT sent it on; a standards-compliant NAT
 * translates the quote in the ICMP error back to what this host sent
 * (RFC 5508 section 4.2), and then nothing shows: so a path with no
 * rewritten quote has "no NAT visible", never "no NAT".  The
 * correlator matches a rewritten quote by the probe's IP ID
 * (CORR_NAT_* in correlate.h); the NAT sits before the first hop whose
 * answers quote it so.  A source that is private (RFC 1918, RFC 6598)
 * here and public in the quote is the home and office NAT.
 */
#include <stdio.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

static bool
private_v4(const struct fl_addr *a)
{
	uint32_t v;

	if (a->family != 4)
		return false;
	v = fl_addr_v4_host(a);
	return (v >> 24) == 10 || (v >> 20) == (172u << 4 | 1) || (v >> 16) == (192u << 8 | 168) ||
	    (v >> 22) == (100u << 2 | 1);
}

int
path_nat(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct corr_reply *first = NULL;
	struct path_finding f;
	char l1[96], q[FL_ADDRSTRLEN], s[FL_ADDRSTRLEN], what[160];
	uint32_t i, n = 0;
	int ttl = 0;

	for (i = 0; i < corr_nprobes(w->c); i++) {
		const struct corr_probe *p = corr_probe(w->c, i);
		const struct corr_reply *r;

		if (p->group != w->group || p->reply < 0)
			continue;
		r = corr_reply(w->c, (uint32_t)p->reply);
		if (r->nat == 0)
			continue;
		n++;
		if (first == NULL || p->ttl < ttl) {
			first = r;
			ttl = p->ttl;
		}
	}
	if (first == NULL || ttl <= 0 || ttl >= PATH_MAX_HOPS)
		return 0;
	res->hops[ttl].flags |= HF_NAT;
	path_finding_init(&f, FK_NAT, &res->hops[ttl]);
	fl_addr_str(&first->q_src, q, sizeof(q));
	fl_addr_str(&res->src, s, sizeof(s));
	if (first->nat & CORR_NAT_SRC)
		snprintf(what, sizeof(what), "from %s%s, not %s%s", q,
		    (first->nat & CORR_NAT_PORT) ? " with another port" : "", s,
		    private_v4(&res->src) && !private_v4(&first->q_src) ?
		    " (a private address made public)" : "");
	else
		snprintf(what, sizeof(what), "with source port or identifier %u, not the one sent",
		    first->q_sport);
	snprintf(f.summary, sizeof(f.summary),
	    "%s and later hops quote the probes as sent %s: a NAT before %s rewrote them and "
	    "does not translate the quotes back (%u answer%s); not a fault by itself.",
	    path_hop_label(res, ttl, l1, sizeof(l1)), what, ttl == 1 ? "it" : "that hop", n,
	    n == 1 ? "" : "s");
	return path_add_finding(w, &f);
}
