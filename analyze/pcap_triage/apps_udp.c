/*
 * A UDP service that never answers while the rest of the network does
 * (issue 15's application faults): a client asks SERVER on a port whose
 * protocol always answers a request (NTP, SNMP, NetBIOS names, Kerberos,
 * RADIUS, TFTP, ...), asks again, and nothing comes back, neither an
 * answer nor an ICMP error, while other servers answer the same client.
 * The line works; the application waits for a service SERVER does not
 * give it (not running there, or filtered in front of it).
 * (ICMP port and protocol unreachable from the server itself are
 * apps.c's and icmp.c's.)
 *
 * Broadcasts and multicasts ask no one in particular and are never
 * judged; DNS is names.c's (its answers still show the client's line
 * works), DHCP link.c's; one-way protocols (syslog, NetFlow, SNMP traps,
 * RTP) do not answer (host_udp_answers()), as their silence is normal.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/pcap_triage/flowtab.h"
#include "analyze/pcap_triage/host.h"
#include "analyze/pcap_triage/readers.h"

#define NS		1000000000LL
#define SVC_IDLE	(600 * NS)	/* a service asked nothing this long is judged */
#define SVC_MAX		4096
#define CLI_MAX		4096
#define SILENT_MAX	64		/* silent services kept for judging */
#define MIN_ASKS	3		/* a request and two retries, */
#define MIN_WAIT	(NS / 2)	/* and the first unanswered this long at least */
#define IN_TIME		NS		/* an answer within a second is "in time" */

struct skey {
	struct fl_addr	cli, srv;
	uint16_t	port;
	uint16_t	pad;
};

struct svc {
	uint32_t	asks, answers, errors;
	uint32_t	first_frame, last_frame;
	int64_t		first_ts, last_ask_ts;
	int64_t		waited;		/* from the first request to the last frame seen, when judged */
};

/* What other services did for a client: the evidence that its line works. */
struct cli {
	uint32_t	answered;	/* UDP requests answered within IN_TIME, and SYN-ACKs */
	uint32_t	services;	/* UDP services that answered it (each once) */
	uint32_t	synacks;	/* TCP handshakes servers accepted */
};

struct silent {
	struct skey	k;
	struct svc	s;
};

struct app_udp {
	struct tri_ctx	*c;
	struct flowtab	*svcs, *clis;
	struct silent	 silent[SILENT_MAX];
	size_t		 nsilent;
};

static struct cli *
cli_of(struct app_udp *u, const struct fl_addr *a, int64_t ts)
{
	return flowtab_get(u->clis, a, ts, INT64_MAX / 4, true, NULL);
}

static void
svc_done(void *ctx, void *data, bool evicted)
{
	struct app_udp *u = ctx;
	struct svc *s = data;

	(void)evicted;
	if (((const struct skey *)flowtab_key(u->svcs, data))->port == 53)
		return;		/* names.c judges DNS, with the queries' names */
	/* Judged as late as the capture allows: an answer could still come until its last frame. */
	if (s->answers > 0 || s->errors > 0 || s->asks < MIN_ASKS || u->c->last_ts - s->first_ts < MIN_WAIT)
		return;
	if (u->nsilent == SILENT_MAX)
		return;
	memcpy(&u->silent[u->nsilent].k, flowtab_key(u->svcs, data), sizeof(struct skey));
	u->silent[u->nsilent].s = *s;
	u->silent[u->nsilent].s.waited = u->c->last_ts - s->first_ts;
	u->nsilent++;
}

static bool
link_broadcast(const struct dec_pkt *p)
{
	/* A subnet's broadcast address looks like a host's; its frame's group bit does not. */
	return p->has_mac_dst && (p->mac_dst[0] & 1);
}

static void
udp_frame(struct app_udp *u, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct skey k;
	struct svc *s;
	bool created;

	if (tri_addr_group(&p->ip.dst) || tri_addr_group(&p->ip.src))
		return;
	memset(&k, 0, sizeof(k));
	/* An answer: from the service's port to a client that asked it. */
	if (host_udp_answers(p->l4.sport)) {
		k.cli = p->ip.dst;
		k.srv = p->ip.src;
		k.port = p->l4.sport;
		s = flowtab_get(u->svcs, &k, ts, SVC_IDLE, false, NULL);
		if (s != NULL) {
			struct cli *c = cli_of(u, &p->ip.dst, ts);

			if (c != NULL) {
				if (ts - s->last_ask_ts <= IN_TIME)
					c->answered++;
				if (s->answers == 0)
					c->services++;
			}
			s->answers++;
			return;
		}
	}
	if (!host_udp_answers(p->l4.dport))
		return;
	if (link_broadcast(p))
		return;
	k.cli = p->ip.src;
	k.srv = p->ip.dst;
	k.port = p->l4.dport;
	s = flowtab_get(u->svcs, &k, ts, SVC_IDLE, true, &created);
	if (s == NULL)
		return;
	if (created) {
		s->first_frame = frame;
		s->first_ts = ts;
	}
	s->asks++;
	s->last_frame = frame;
	s->last_ask_ts = ts;
}

void
app_udp_feed(struct app_udp *u, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	if (u == NULL)
		return;
	flowtab_expire(u->svcs, ts);
	if (p->status != DEC_OK)
		return;
	if (p->is_icmp_err && p->quote_ok) {
		const struct dec_ip *q = &p->err.q_ip;

		/* Any error about a request to a service: that service's silence is explained. */
		if (q->proto == 17 && (p->err.q_l4.have & L4_PORTS)) {
			struct skey k;
			struct svc *s;

			memset(&k, 0, sizeof(k));
			k.cli = q->src;
			k.srv = q->dst;
			k.port = p->err.q_l4.dport;
			s = flowtab_get(u->svcs, &k, ts, SVC_IDLE, false, NULL);
			if (s != NULL)
				s->errors++;
		}
		return;
	}
	if (p->ip.frag != 0)
		return;
	if (p->ip.proto == 17 && (p->l4.have & L4_PORTS)) {
		udp_frame(u, frame, ts, p);
	} else if (p->ip.proto == 6 && (p->l4.have & L4_TCPHDR) &&
	    (p->l4.tcp_flags & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK) &&
	    !tri_addr_group(&p->ip.dst)) {
		/* A server that accepts this client: its line works. */
		struct cli *c = cli_of(u, &p->ip.dst, ts);

		if (c != NULL) {
			c->answered++;
			c->synacks++;
		}
	}
}

static void
judge(struct app_udp *u, const struct silent *x)
{
	struct cli *c = flowtab_get(u->clis, &x->k.cli, 0, INT64_MAX / 4, false, NULL);
	const char *svc = host_udp_service(x->k.port);
	char cs[TRI_ADDR_TEXT], ss[TRI_ADDR_TEXT], name[64];
	struct tri_finding *f;
	double span = (double)(x->s.last_ask_ts - x->s.first_ts) / 1e9, prev;
	bool merged;

	/* Nobody answers this client: the capture, its line or its gateway, not one service. */
	if (c == NULL || c->answered == 0)
		return;
	/* Asked of this host: an inbound attempt (host.c's), the asker's business. */
	if (tri_is_host(u->c, &x->k.srv))
		return;
	snprintf(name, sizeof(name), "%s", svc != NULL ? svc : "its service");
	f = tri_add(u->c, TRI_FAULT, TL_APP, "udp-no-answer", &x->k.srv, x->k.port,
	    x->s.first_frame, x->s.first_ts, &merged);
	if (f == NULL)
		return;
	tri_addr_text(u->c, &x->k.cli, cs);
	tri_addr_text(u->c, &x->k.srv, ss);
	if (!merged) {
		char others[96];

		if (c->services > 0 && c->synacks > 0)
			snprintf(others, sizeof(others), "%u UDP service%s, %u TCP handshake%s accepted",
			    c->services, c->services == 1 ? "" : "s", c->synacks,
			    c->synacks == 1 ? "" : "s");
		else if (c->services > 0)
			snprintf(others, sizeof(others), "%u UDP service%s", c->services,
			    c->services == 1 ? "" : "s");
		else
			snprintf(others, sizeof(others), "%u TCP handshake%s accepted", c->synacks,
			    c->synacks == 1 ? "" : "s");
		tri_finding_who(f, FAULT_SERVER, TW_SERVER, CONF_LIKELY, "%s port %u", ss, x->k.port);
		tri_finding_say(f, "The application on %s waits for %s (UDP port %u) on %s, which does "
		    "not answer: %u requests over %.1f s and nothing back in %.1f s, not even an ICMP "
		    "error, while other services answer this client in time (%s). The line works: %s "
		    "does not run %s, or a filter on it or in front of it drops the requests. Check "
		    "which server the application is set to use.", cs, name, x->k.port, ss,
		    x->s.asks, span, (double)x->s.waited / 1e9, others, ss, name);
	}
	prev = tri_finding_get(f, "requests");
	tri_finding_fig(f, "requests", (isnan(prev) ? 0 : prev) + x->s.asks);
	tri_finding_fig(f, "duration_s", span);
	tri_finding_fig(f, "waited_s", (double)x->s.waited / 1e9);
	tri_finding_fig(f, "answers_elsewhere", c->answered);
	tri_finding_ev(f, x->s.first_frame, "%s to %s port %u: no answer", name, ss, x->k.port);
	if (x->s.last_frame != x->s.first_frame)
		tri_finding_ev(f, x->s.last_frame, "%s to %s port %u again (request %u): no answer",
		    name, ss, x->k.port, x->s.asks);
}

void
app_udp_finish(struct app_udp *u)
{
	size_t i;

	if (u == NULL)
		return;
	flowtab_drain(u->svcs);
	for (i = 0; i < u->nsilent; i++)
		judge(u, &u->silent[i]);
	u->nsilent = 0;
}

struct app_udp *
app_udp_new(struct tri_ctx *c)
{
	struct app_udp *u = calloc(1, sizeof(*u));

	if (u == NULL)
		return NULL;
	u->c = c;
	u->svcs = flowtab_new(sizeof(struct skey), sizeof(struct svc),
	    c->opt.max_flows < SVC_MAX ? c->opt.max_flows : SVC_MAX, svc_done, u);
	u->clis = flowtab_new(sizeof(struct fl_addr), sizeof(struct cli), CLI_MAX, NULL, NULL);
	if (u->svcs == NULL || u->clis == NULL) {
		app_udp_free(u);
		return NULL;
	}
	return u;
}

void
app_udp_free(struct app_udp *u)
{
	if (u == NULL)
		return;
	flowtab_free(u->svcs);
	flowtab_free(u->clis);
	free(u);
}
