/*
 * Two capture points compared (see compare.h).  For each connection of
 * point A that point B saw too, the point nearer the client is the one
 * where the client's packets carry the higher TTL.  Then:
 *
 *   SYNs sent, never answered at either point      the server drops them
 *   SYNs sent, answered at the far point only      the answers are lost between
 *   SYNs sent near the client, none at the far one the SYNs are lost between
 *   data segments sent, fewer at the far point     lost between the points
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/pcap_triage/compare.h"

static bool
same_conn(const struct tri_conn_sum *a, const struct tri_conn_sum *b, bool loose)
{
	return fl_addr_eq(&a->cli, &b->cli) && fl_addr_eq(&a->srv, &b->srv) && a->sport == b->sport &&
	    (loose || a->cport == b->cport);
}

static const struct tri_conn_sum *
find(const struct tri_conn_sum *v, size_t n, const struct tri_conn_sum *c, bool loose)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same_conn(&v[i], c, loose))
			return &v[i];
	return NULL;
}

static struct tri_finding *
add(struct tri_compare *o, enum tri_sev sev, const char *kind, const struct tri_conn_sum *c,
    uint32_t frame)
{
	struct tri_finding *f = tri_finding_add(&o->f, sev, TL_TCP, kind, &c->srv, c->sport, frame,
	    c->start_ts, NULL);

	if (f != NULL)
		f->point = 2;
	return f;
}

static void
compare_conn(struct tri_compare *o, const struct tri_conn_sum *a, const struct tri_conn_sum *b)
{
	const struct tri_conn_sum *near = a, *far = b;
	const char *nl = "A", *fl = "B";
	char s[FL_ADDRSTRLEN], c[FL_ADDRSTRLEN];
	struct tri_finding *f;

	if (b->ttl_c2s > a->ttl_c2s) {
		near = b;
		far = a;
		nl = "B";
		fl = "A";
	}
	verdict_addr(&a->srv, s);
	verdict_addr(&a->cli, c);
	if (near->syns > 0 && near->synacks == 0 && far->syns > 0 && far->synacks == 0) {
		f = add(o, TRI_FAULT, "filtered-by-host", a, far->first_frame);
		if (f == NULL)
			return;
		tri_finding_who(f, FAULT_SERVER, TW_SERVER, CONF_CERTAIN, "the server %s port %u", s,
		    a->sport);
		tri_finding_say(f, "The SYNs from %s reach the point near the server (%s: %u SYN%s) and "
		    "are never answered there either: nothing leaves the server for them. The server "
		    "itself (its firewall, or no service) drops them.", c, fl, far->syns,
		    far->syns == 1 ? "" : "s");
		tri_finding_ev(f, near->first_frame, "point %s: the SYN leaves", nl);
		tri_finding_ev(f, far->first_frame | EVIDENCE_SERVER_FRAME, "point %s: the SYN arrives, "
		    "nothing goes back", fl);
	} else if (near->syns > 0 && near->synacks == 0 && far->synacks > 0) {
		f = add(o, TRI_FAULT, "replies-lost", a, far->first_frame);
		if (f == NULL)
			return;
		tri_finding_who(f, FAULT_PATH, TW_PATH, CONF_CERTAIN, "the path between the points");
		tri_finding_say(f, "The server %s answers the SYNs (point %s sees %u SYN-ACK%s) but the "
		    "answers never reach point %s, nearer the client: they are lost or filtered on "
		    "the way back, between the two points.", s, fl, far->synacks,
		    far->synacks == 1 ? "" : "s", nl);
		tri_finding_ev(f, far->first_frame | EVIDENCE_SERVER_FRAME, "point %s: the SYN-ACK "
		    "leaves", fl);
	} else if (near->data_c2s > far->data_c2s + 2 || near->data_s2c + 2 < far->data_s2c) {
		uint32_t lost_up = near->data_c2s > far->data_c2s ? near->data_c2s - far->data_c2s : 0;
		uint32_t lost_down = far->data_s2c > near->data_s2c ? far->data_s2c - near->data_s2c : 0;

		f = add(o, TRI_FAULT, "lost-between-points", a, near->first_frame);
		if (f == NULL)
			return;
		tri_finding_who(f, FAULT_PATH, TW_PATH, CONF_LIKELY, "the path between the points");
		tri_finding_say(f, "Between the two points, %u data segments from the client and %u "
		    "from the server are lost: point %s sees the client send %u and point %s receives "
		    "%u; point %s sees the server send %u and point %s receives %u.", lost_up, lost_down,
		    nl, near->data_c2s, fl, far->data_c2s, fl, far->data_s2c, nl, near->data_s2c);
		tri_finding_fig(f, "lost_to_server", lost_up);
		tri_finding_fig(f, "lost_to_client", lost_down);
		tri_finding_ev(f, near->first_frame, "point %s: the connection", nl);
	}
}

static void
syns_lost(struct tri_compare *o, const struct tri_conn_sum *a, bool a_is_near)
{
	char s[FL_ADDRSTRLEN];
	struct tri_finding *f;

	if (a->syns == 0 || a->synacks > 0 || !a_is_near)
		return;
	f = add(o, TRI_FAULT, "syns-lost", a, a->first_frame);
	if (f == NULL)
		return;
	tri_finding_who(f, FAULT_PATH, TW_PATH, CONF_LIKELY, "the path between the points");
	tri_finding_say(f, "The SYNs to %s port %u leave the client (point A, %u SYN%s) but the other "
	    "capture never shows them: they are dropped between the two points.",
	    verdict_addr(&a->srv, s), a->sport, a->syns, a->syns == 1 ? "" : "s");
	tri_finding_ev(f, a->first_frame, "point A: the SYN leaves");
}

int
tri_compare(const struct triage *ta, const struct triage *tb, struct tri_compare *o)
{
	const struct tri_conn_sum *va, *vb, *m;
	size_t na, nb, i;
	double off_sum = 0;
	uint32_t off_n = 0;
	bool overlap;

	memset(o, 0, sizeof(*o));
	o->clock_offset_s = NAN;
	va = tri_tcp_conns(ta->tcp, &na, NULL);
	vb = tri_tcp_conns(tb->tcp, &nb, NULL);
	overlap = ta->ctx.first_ts <= tb->ctx.last_ts && tb->ctx.first_ts <= ta->ctx.last_ts;
	for (i = 0; i < na; i++) {
		m = find(vb, nb, &va[i], false);
		if (m != NULL) {
			o->shared++;
			o->same_attempt = true;
			off_sum += (double)(m->start_ts - va[i].start_ts) / 1e9;
			off_n++;
			compare_conn(o, &va[i], m);
			continue;
		}
		m = find(vb, nb, &va[i], true);
		if (m != NULL) {
			o->matched_loosely++;
			compare_conn(o, &va[i], m);
		} else if (overlap) {
			syns_lost(o, &va[i], true);
		}
	}
	if (off_n > 0)
		o->clock_offset_s = off_sum / off_n;
	if (!o->same_attempt && o->matched_loosely > 0) {
		double gap = (double)(tb->ctx.first_ts - ta->ctx.first_ts) / 1e9;

		snprintf(o->caveat, sizeof(o->caveat), "the two captures are not the same attempt (no "
		    "connection is in both; the same client, server and port are, captured %.1f "
		    "minutes apart): they are read as two attempts of the same problem",
		    fabs(gap) / 60);
	} else if (o->shared == 0 && o->matched_loosely == 0) {
		snprintf(o->caveat, sizeof(o->caveat), "the two captures share no connection: each is "
		    "read on its own");
	}
	tri_findings_rank(&o->f);
	return o->f.oom ? -1 : 0;
}

void
tri_compare_free(struct tri_compare *o)
{
	tri_findings_free(&o->f);
}
