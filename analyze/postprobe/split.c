/*
 * postprobe's exchange read with pcap-triage's readers (infer.h,
 * http_adopt_split()): the connection's three-way split, and the
 * verdict when the split puts the time somewhere postprobe's own rules
 * did not look.  postprobe times the exchange from the request's ACK
 * and libcurl's phases; pcap-triage splits it as the packets show it
 * (the handshake's round trip and the request's ACK for the wire, the
 * client's wait before its request, the first byte of the answer less
 * the last byte of the request less a round trip for the server), so a
 * capture that postprobe read "ok" can hold a slow path or a slow
 * client.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/pcap_triage/triage.h"
#include "analyze/postprobe/infer.h"

/* The exchange's connection among those the triage kept. */
static const struct tri_conn_sum *
conn_of(const struct http_result *r, const struct triage *t)
{
	const struct tri_conn_sum *cs;
	uint64_t total;
	size_t n, i;

	cs = tri_tcp_conns(t->tcp, &n, &total);
	for (i = 0; i < n; i++)
		if (cs[i].cport == r->cport && cs[i].sport == r->sport &&
		    fl_addr_eq(&cs[i].cli, &r->cli) && fl_addr_eq(&cs[i].srv, &r->srv))
			return &cs[i];
	return NULL;
}

/* The triage's finding of that kind about this connection's client or server. */
static const struct tri_finding *
finding_of(const struct triage *t, const struct tri_conn_sum *c, const char *kind)
{
	const struct tri_findings *l = &t->ctx.f;
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct tri_finding *f = &l->v[i];

		if (strcmp(f->kind, kind) == 0 && (fl_addr_eq(&f->addr, &c->srv) ||
		    fl_addr_eq(&f->addr, &c->cli)))
			return f;
	}
	return NULL;
}

void
http_adopt_split(struct http_result *r, const struct triage *t)
{
	const struct tri_conn_sum *c;
	const struct tri_finding *f;
	const char *k;
	size_t i;

	if (t == NULL || !r->found || (c = conn_of(r, t)) == NULL)
		return;
	r->has_split = true;
	r->split_rtt = c->rtt_ms;
	r->split_client = c->client_wait_ms;
	r->split_server = c->server_ms;
	r->split_transfer = c->transfer_ms;
	r->split_fault = c->fault_kind;
	k = c->fault_kind;
	if (r->v.kind == NULL || (strcmp(r->v.kind, "ok") != 0 &&
	    strcmp(r->v.kind, "slow-server") != 0) || k == NULL ||
	    (strcmp(k, "slow-path") != 0 && strcmp(k, "slow-client") != 0 &&
	    strcmp(k, "slow-server") != 0) || strcmp(k, r->v.kind) == 0 ||
	    (f = finding_of(t, c, k)) == NULL)
		return;
	r->v.kind = k;
	r->v.fault = f->side;
	r->v.hop = 0;
	r->v.has_link = false;
	r->v.addr = strcmp(k, "slow-client") == 0 ? c->cli : c->srv;
	r->v.confidence = f->conf;
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason), "the connection's "
	    "own packets: pcap-triage's reading of it (the round trip from the handshake, "
	    "the server's time with a round trip taken off, the client's waits)");
	snprintf(r->v.summary, sizeof(r->v.summary), "%s", f->summary);
	for (i = 0; i < f->ev.n; i++)
		evidence_add(&r->ev, f->ev.v[i].frame, "%s", f->ev.v[i].summary);
}
