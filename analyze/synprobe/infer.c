/*
 * synprobe's rules (man/synprobe.1 states them for users).
 *
 * In order: what this host itself got wrong (the name, the route, its
 * own firewall, its gateway); then how the full-TTL SYNs to the port
 * were answered (SYN-ACK, reset, ICMP, nothing), each answer checked
 * against where it came from: a reset drawn by a SYN whose TTL could not
 * reach the host was sent by a device in front of it, and an ICMP error
 * is placed at the hop its sender answers time-exceeded from.  When the
 * port is silent, TTL-limited SYNs to it show how far they get, and
 * TTL-limited echoes and other ports show whether the host is there at
 * all: the difference locates the drop, as a segment, because a router
 * answers a TTL-limited probe before its forwarding filter runs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/synprobe/infer.h"

#define MS	1000000LL
/*
 * Evidence from the server's capture of a two-sided reading is kept
 * apart from the client's frames by this offset; renderers print it as
 * "server frame N".
 */
#define SERVER_FRAME_BASE	EVIDENCE_SERVER_FRAME

bool
syn_speaks_first(uint16_t port)
{
	switch (port) {
	case 21:	/* FTP */
	case 22:	/* SSH */
	case 25:	/* SMTP */
	case 110:	/* POP3 */
	case 119:	/* NNTP */
	case 143:	/* IMAP */
	case 587:	/* submission */
		return true;
	default:
		return false;
	}
}

static void
note_arp(struct syn_local *l, uint32_t frame, const struct dec_pkt *p)
{
	const struct fl_addr *who = p->arp_op == 1 ? &p->arp_tpa : &p->arp_spa;
	int i;

	if (fl_addr_is_set(&l->arp_for)) {
		if (p->arp_op == 1 && fl_addr_eq(&p->arp_tpa, &l->arp_for)) {
			if (l->arp_requests++ == 0)
				l->arp_frame = frame;
		} else if (p->arp_op == 2 && fl_addr_eq(&p->arp_spa, &l->arp_for)) {
			l->arp_replies++;
		}
	}
	if (p->arp_op != 1 && p->arp_op != 2)
		return;
	for (i = 0; i < l->narp; i++)
		if (fl_addr_eq(&l->arp[i].who, who))
			break;
	if (i == l->narp) {
		if (l->narp == SYN_MAX_ARP)
			return;
		memset(&l->arp[i], 0, sizeof(l->arp[i]));
		l->arp[i].who = *who;
		l->narp++;
	}
	if (p->arp_op == 1) {
		if (l->arp[i].requests++ == 0)
			l->arp[i].frame = frame;
	} else {
		l->arp[i].replies++;
	}
}

/* The flow a segment belongs to; create (for a SYN) when asked. */
static struct syn_flow *
flow_of(struct syn_local *l, const struct dec_pkt *p, bool *from_client, bool create)
{
	int i;

	for (i = 0; i < l->nflows; i++) {
		struct syn_flow *f = &l->flows[i];

		if (fl_addr_eq(&f->cli, &p->ip.src) && fl_addr_eq(&f->srv, &p->ip.dst) &&
		    f->cport == p->l4.sport && f->sport == p->l4.dport) {
			*from_client = true;
			return f;
		}
		if (fl_addr_eq(&f->srv, &p->ip.src) && fl_addr_eq(&f->cli, &p->ip.dst) &&
		    f->sport == p->l4.sport && f->cport == p->l4.dport) {
			*from_client = false;
			return f;
		}
	}
	if (!create || l->nflows == SYN_MAX_FLOWS)
		return NULL;
	*from_client = true;
	memset(&l->flows[l->nflows], 0, sizeof(l->flows[0]));
	l->flows[l->nflows].cli = p->ip.src;
	l->flows[l->nflows].srv = p->ip.dst;
	l->flows[l->nflows].cport = p->l4.sport;
	l->flows[l->nflows].sport = p->l4.dport;
	return &l->flows[l->nflows++];
}

/* The first line of what a server sent, made printable. */
static void
first_line(const struct cur *payload, char *out, size_t len)
{
	size_t i, j = 0;
	uint8_t ch;

	for (i = 0; j + 1 < len && cur_u8(payload, i, &ch); i++) {
		if (ch == '\r' || ch == '\n')
			break;
		out[j++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
	}
	out[j] = '\0';
}

static void
note_tcp(struct syn_local *l, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	uint8_t fl = p->l4.tcp_flags;
	struct syn_flow *f;
	bool cli;

	if ((fl & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
		f = flow_of(l, p, &cli, true);
		if (f == NULL || !cli)
			return;
		if (f->syn_ts == 0)
			f->syn_ts = ts;
		if (f->synack_ts != 0 && f->cli_ack_ts == 0)
			f->syns_after_synack++;
		return;
	}
	f = flow_of(l, p, &cli, false);
	if (f == NULL)
		return;
	if ((fl & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK)) {
		if (!cli && f->synack_ts == 0) {
			f->synack_ts = ts;
			f->synack_frame = frame;
		}
		return;
	}
	if (cli) {
		if ((fl & TCP_RST) && f->cli_rst_ts == 0) {
			f->cli_rst_ts = ts;
			f->cli_end_frame = frame;
		} else if ((fl & TCP_FIN) && f->cli_fin_ts == 0) {
			f->cli_fin_ts = ts;
			f->cli_end_frame = frame;
		} else if ((fl & TCP_ACK) && f->synack_ts != 0 && f->cli_ack_ts == 0) {
			f->cli_ack_ts = ts;
		}
	} else if (p->payload_len > 0 && f->srv_data_ts == 0) {
		f->srv_data_ts = ts;
		f->srv_data_frame = frame;
		first_line(&p->payload, f->srv_line, sizeof(f->srv_line));
	}
}

void
syn_note_frame(struct syn_local *l, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	if (p->is_arp) {
		note_arp(l, frame, p);
		return;
	}
	if (p->status != DEC_OK)
		return;
	if (p->ip.proto == 6 && (p->l4.have & L4_TCPHDR))
		note_tcp(l, frame, ts, p);
	/* A SYN we never see on the wire can still be quoted back to us. */
	if (p->is_icmp_err && p->quote_ok && p->err.q_ip.proto == 6 &&
	    !fl_addr_is_set(&l->quoted_dst)) {
		l->quoted_src = p->err.q_ip.src;
		l->quoted_dst = p->err.q_ip.dst;
		l->quoted_port = p->err.q_l4.dport;
	}
}



/* "the router at hop 2 (198.18.1.2)", or without the hop when unknown. */
static const char *
router_label(int hop, const struct fl_addr *a, bool capital, char *buf, size_t len)
{
	char s[FL_ADDRSTRLEN];

	if (hop > 0)
		snprintf(buf, len, "%s router at hop %d (%s)", capital ? "The" : "the", hop,
		    verdict_addr(a, s));
	else
		snprintf(buf, len, "%s router %s", capital ? "The" : "the", verdict_addr(a, s));
	return buf;
}

static void
observe(struct syn_probe_obs *o, const struct corr *c, const struct corr_probe *p)
{
	const struct corr_reply *rep;

	/* Keep the first probe, or a later one that was answered. */
	if (o->sent && (o->answer != RK_NONE || p->reply < 0))
		return;
	memset(o, 0, sizeof(*o));
	o->sent = true;
	o->frame = p->frame;
	if (p->reply < 0)
		return;
	rep = corr_reply(c, (uint32_t)p->reply);
	o->reply_frame = rep->frame;
	o->answer = rep->kind;
	o->icmp_type = rep->icmp_type;
	o->icmp_code = rep->icmp_code;
	o->from = rep->from;
	o->reply_ttl = rep->ttl;
	o->rtt_ms = (double)rep->rtt / 1e6;
}

static bool
answered_te(const struct syn_probe_obs *o)
{
	return o->sent && o->answer == RK_TIME_EXCEEDED;
}

static bool
from_host(const struct syn_result *r, const struct syn_probe_obs *o)
{
	return o->answer != RK_NONE && o->answer != RK_TIME_EXCEEDED &&
	    fl_addr_eq(&o->from, &r->plan.dst);
}

/*
 * Where a router sits: the smallest TTL it answered a TTL-limited probe
 * at (time-exceeded, or an unreachable from a router that looks its
 * route up before it checks the TTL); failing that, how many hops its
 * reply crossed, from the TTL it arrived with.  0 when unknown.
 */
static int
hop_of(const struct syn_result *r, const struct fl_addr *a, uint8_t reply_ttl)
{
	int t;

	for (t = 1; t <= r->path_max; t++)
		if ((r->path_syn[t].answer != RK_NONE && fl_addr_eq(&r->path_syn[t].from, a)) ||
		    (r->path_icmp[t].answer != RK_NONE && fl_addr_eq(&r->path_icmp[t].from, a)))
			return t;
	return reply_ttl > 0 ? corr_return_hops(reply_ttl) : 0;
}

/* Who answered time-exceeded at a TTL, from either kind of probe. */
static struct link_end
hop_end(const struct syn_result *r, int t)
{
	struct link_end e;

	memset(&e, 0, sizeof(e));
	e.ttl = t;
	if (t <= 0) {
		e.ttl = 0;
		e.addr = r->plan.src;
	} else if (t == r->host_ttl) {
		e.addr = r->plan.dst;
	} else if (t <= r->path_max) {
		if (answered_te(&r->path_syn[t]))
			e.addr = r->path_syn[t].from;
		else if (answered_te(&r->path_icmp[t]))
			e.addr = r->path_icmp[t].from;
	}
	return e;
}

static void
set_verdict(struct syn_result *r, enum fault f, const char *kind, int hop,
    const struct fl_addr *addr, enum confidence conf)
{
	r->v.fault = f;
	r->v.kind = kind;
	r->v.hop = hop;
	if (addr != NULL)
		r->v.addr = *addr;
	else
		memset(&r->v.addr, 0, sizeof(r->v.addr));
	r->v.confidence = conf;
}

static void
set_link(struct syn_result *r, int from, int to)
{
	r->v.has_link = true;
	r->v.from = hop_end(r, from);
	r->v.to = hop_end(r, to);
}

static bool
is_prohibited(uint8_t code)
{
	return code == 9 || code == 10 || code == 13;
}

bool
syn_guess_target(const struct corr *c, const struct syn_local *l, struct syn_plan *pl)
{
	struct { struct fl_addr dst; uint16_t port; uint32_t n; } best, cur;
	uint32_t i, j;

	memset(&best, 0, sizeof(best));
	for (i = 0; i < corr_nprobes(c); i++) {
		const struct corr_probe *p = corr_probe(c, i);

		if (p->key.proto != 6)
			continue;
		cur.dst = p->key.dst;
		cur.port = p->key.b;
		cur.n = 0;
		for (j = 0; j < corr_nprobes(c); j++) {
			const struct corr_probe *q = corr_probe(c, j);

			if (q->key.proto == 6 && q->key.b == cur.port &&
			    fl_addr_eq(&q->key.dst, &cur.dst))
				cur.n++;
		}
		if (cur.n > best.n)
			best = cur;
	}
	if (best.n == 0) {
		if (l == NULL || !fl_addr_is_set(&l->quoted_dst))
			return false;
		pl->src = l->quoted_src;
		pl->dst = l->quoted_dst;
		pl->port = l->quoted_port;
		return true;
	}
	pl->dst = best.dst;
	pl->port = best.port;
	for (i = 0; i < corr_nprobes(c); i++) {
		const struct corr_probe *p = corr_probe(c, i);

		if (p->key.proto == 6 && fl_addr_eq(&p->key.dst, &best.dst)) {
			pl->src = p->key.src;
			break;
		}
	}
	return true;
}

/*
 * For a saved capture: what the client's own TCP did, read from the
 * wire, in the place of what a live run learns from its connect().
 */
static void
wire_connection(const struct syn_plan *pl, const struct syn_local *l, struct syn_local *w)
{
	const struct syn_flow *f = NULL;
	int i;

	for (i = 0; i < l->nflows; i++) {
		const struct syn_flow *g = &l->flows[i];

		if (!fl_addr_eq(&g->srv, &pl->dst) || g->sport != pl->port || g->synack_ts == 0)
			continue;
		/* Prefer a connection that got somewhere. */
		if (f == NULL || (f->cli_ack_ts == 0 && g->cli_ack_ts != 0))
			f = g;
	}
	if (f == NULL)
		return;
	w->conn_tried = true;
	w->conn_sport = f->cport;
	if (f->cli_ack_ts != 0) {
		snprintf(w->conn_result, sizeof(w->conn_result), "connected");
		w->conn_ms = (double)(f->cli_ack_ts - f->syn_ts) / 1e6;
		w->banner_expected = syn_speaks_first(pl->port);
		if (f->srv_data_ts != 0) {
			w->banner_received = true;
			snprintf(w->banner, sizeof(w->banner), "%s", f->srv_line);
			w->banner_ms = (double)(f->srv_data_ts - f->cli_ack_ts) / 1e6;
		} else if (f->cli_fin_ts != 0 || f->cli_rst_ts != 0) {
			int64_t end = f->cli_fin_ts ? f->cli_fin_ts : f->cli_rst_ts;

			w->banner_ms = (double)(end - f->cli_ack_ts) / 1e6;
			/* A client that left at once was not waiting for a greeting. */
			if (w->banner_ms < 1000)
				w->banner_expected = false;
		} else {
			w->banner_expected = false;	/* the capture ends first */
		}
	} else if (f->cli_rst_ts == 0 && f->syns_after_synack > 0) {
		/* The SYN-ACK came; the client's TCP acted as if it had not. */
		snprintf(w->conn_result, sizeof(w->conn_result), "timeout");
		w->conn_ms = (double)(f->synack_ts - f->syn_ts) / 1e6;
	}
}

/* Sort the capture's probes into the roles synprobe gives them. */
static void
classify(const struct corr *c, const struct syn_local *l, struct syn_result *r)
{
	uint32_t i;
	int k;

	for (i = 0; i < corr_nprobes(c); i++) {
		const struct corr_probe *p = corr_probe(c, i);
		bool full = p->ttl >= r->plan.full_ttl;

		if (!fl_addr_eq(&p->key.dst, &r->plan.dst))
			continue;
		if (p->key.proto == 6 && p->key.b == r->plan.port && full) {
			struct syn_attempt *a;
			const struct corr_reply *rep;

			if (r->natt >= SYN_MAX_ATT)
				continue;
			a = &r->att[r->natt++];
			memset(a, 0, sizeof(*a));
			a->frame = p->frame;
			a->ts = p->ts;
			a->sport = p->key.a;
			a->seq = p->key.c;
			a->ttl = p->ttl;
			a->kernel = l->live && l->conn_sport != 0 && p->key.a == l->conn_sport;
			if (p->reply >= 0) {
				rep = corr_reply(c, (uint32_t)p->reply);
				a->answer = rep->kind;
				a->icmp_type = rep->icmp_type;
				a->icmp_code = rep->icmp_code;
				a->from = rep->from;
				a->reply_ttl = rep->ttl;
				a->reply_ipid = rep->ipid;
				a->reply_frame = rep->frame;
				a->rtt_ms = (double)rep->rtt / 1e6;
			}
		} else if (p->key.proto == 6 && p->key.b == r->plan.port) {
			if (p->ttl <= SYN_MAX_TTL) {
				observe(&r->path_syn[p->ttl], c, p);
				if (p->ttl > r->path_max)
					r->path_max = p->ttl;
			}
		} else if (p->key.proto == 6 && full) {
			for (k = 0; k < r->nctl; k++)
				if (r->ctl[k].port == p->key.b)
					break;
			if (k == r->nctl) {
				if (r->nctl >= SYN_MAX_CTRL)
					continue;
				r->ctl[r->nctl].port = p->key.b;
				memset(&r->ctl[r->nctl].o, 0, sizeof(r->ctl[0].o));
				r->nctl++;
			}
			observe(&r->ctl[k].o, c, p);
		} else if (p->key.proto == 1 && full) {
			r->ping_sent++;
			if (p->reply >= 0) {
				r->ping_received++;
				observe(&r->ping, c, p);
			} else if (!r->ping.sent) {
				observe(&r->ping, c, p);
			}
		} else if (p->key.proto == 1 && p->ttl <= SYN_MAX_TTL) {
			observe(&r->path_icmp[p->ttl], c, p);
			if (p->ttl > r->path_max)
				r->path_max = p->ttl;
		}
	}
}

/* How far the probes got, and where the host is. */
static void
measure_path(struct syn_result *r)
{
	int t, k;

	r->host_ttl = -1;
	for (t = 1; t <= r->path_max && r->host_ttl < 0; t++) {
		const struct syn_probe_obs *o = &r->path_icmp[t];

		if (o->answer == RK_ECHO_REPLY && from_host(r, o))
			r->host_ttl = t;
	}
	/* A SYN-ACK cannot be forged by a reset-injecting box; use it too. */
	for (t = 1; t <= r->path_max && r->host_ttl < 0; t++) {
		const struct syn_probe_obs *o = &r->path_syn[t];

		if ((o->answer == RK_SYNACK || o->answer == RK_ACK) && from_host(r, o))
			r->host_ttl = t;
	}
	r->host_alive = (r->ping.answer == RK_ECHO_REPLY && from_host(r, &r->ping)) ||
	    r->host_ttl > 0;
	for (k = 0; k < r->nctl; k++)
		if (from_host(r, &r->ctl[k].o) && r->ctl[k].o.answer != RK_UNREACH)
			r->host_alive = true;
	for (k = 0; k < r->natt; k++)
		if (r->att[k].answer == RK_SYNACK && fl_addr_eq(&r->att[k].from, &r->plan.dst))
			r->host_alive = true;
	for (t = 1; t <= r->path_max; t++) {
		if (r->host_ttl > 0 && t >= r->host_ttl)
			break;
		if (answered_te(&r->path_syn[t]))
			r->last_syn_hop = t;
		if (answered_te(&r->path_icmp[t]))
			r->last_icmp_hop = t;
	}
}

/* The first attempt answered with this kind, or NULL. */
static const struct syn_attempt *
answered(const struct syn_result *r, enum reply_kind k)
{
	int i;

	for (i = 0; i < r->natt; i++)
		if (r->att[i].answer == k)
			return &r->att[i];
	return NULL;
}

static int
evidence_attempts(struct syn_result *r, int max)
{
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN];
	int i, n = 0;

	for (i = 0; i < r->natt && n < max; i++, n++) {
		const struct syn_attempt *t = &r->att[i];
		bool again = false;
		int j;

		for (j = 0; j < i; j++)
			again |= r->att[j].sport == t->sport && r->att[j].seq == t->seq;
		if (evidence_add(&r->ev, t->frame, "%sSYN %u -> %s:%u, ttl %u, seq %u%s at +%.2f s%s",
		    t->kernel ? "connect() " : "", t->sport, verdict_addr(&r->plan.dst, a), r->plan.port,
		    t->ttl, t->seq, again ? ", retransmitted" : "",
		    (double)(t->ts - r->att[0].ts) / 1e9,
		    t->answer == RK_NONE ? ": no answer" : "") != 0)
			return -1;
		if (t->answer != RK_NONE &&
		    evidence_add(&r->ev, t->reply_frame, "%s from %s (ttl %u) answering frame %u, %.2f ms",
		    t->answer == RK_UNREACH ? dec_icmp_name(t->icmp_type, t->icmp_code) :
		    corr_reply_kind_name(t->answer), verdict_addr(&t->from, b), t->reply_ttl, t->frame,
		    t->rtt_ms) != 0)
			return -1;
	}
	return 0;
}

static int
evidence_obs(struct syn_result *r, const struct syn_probe_obs *o, const char *what)
{
	char b[FL_ADDRSTRLEN];

	if (!o->sent)
		return 0;
	if (o->answer == RK_NONE)
		return evidence_add(&r->ev, o->frame, "%s: no answer", what);
	if (evidence_add(&r->ev, o->frame, "%s", what) != 0)
		return -1;
	return evidence_add(&r->ev, o->reply_frame, "%s from %s (ttl %u) answering frame %u, %.2f ms",
	    o->answer == RK_UNREACH || o->answer == RK_TIME_EXCEEDED ?
	    dec_icmp_name(o->icmp_type, o->icmp_code) : corr_reply_kind_name(o->answer),
	    verdict_addr(&o->from, b), o->reply_ttl, o->frame, o->rtt_ms);
}

static int
evidence_path(struct syn_result *r, int t)
{
	char what[96], a[FL_ADDRSTRLEN];

	if (t < 1 || t > r->path_max)
		return 0;
	snprintf(what, sizeof(what), "SYN to %s:%u with ttl %d", verdict_addr(&r->plan.dst, a),
	    r->plan.port, t);
	if (evidence_obs(r, &r->path_syn[t], what) != 0)
		return -1;
	snprintf(what, sizeof(what), "echo request to %s with ttl %d", verdict_addr(&r->plan.dst, a), t);
	return evidence_obs(r, &r->path_icmp[t], what);
}

/*
 * A saved capture: no SYN on the wire, and ARP requests nobody
 * answered.  The next hop is dead (a saved capture does not say which
 * address is the gateway; the unanswered one is).
 */
static bool
saved_client_side(struct syn_result *r, const struct syn_local *l)
{
	char a[FL_ADDRSTRLEN], h[FL_ADDRSTRLEN];
	int i;

	if (r->natt > 0)
		return false;
	for (i = 0; i < l->narp; i++) {
		const struct syn_arp *e = &l->arp[i];

		if (e->requests == 0 || e->replies > 0)
			continue;
		if (fl_addr_eq(&e->who, &r->plan.dst)) {
			set_verdict(r, FAULT_SERVER, "host-down", 1, &r->plan.dst, CONF_LIKELY);
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "%s is on the client's own network but never answers ARP (%u requests): "
			    "it is down or disconnected, and no SYN could leave.", verdict_addr(&r->plan.dst, h),
			    e->requests);
		} else {
			set_verdict(r, FAULT_CLIENT, "gateway-unreachable", 1, &e->who, CONF_LIKELY);
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "The client asks for %s by ARP (%u requests) and nobody answers: its next "
			    "hop is dead, so no SYN to %s ever reaches the wire.", verdict_addr(&e->who, a),
			    e->requests, verdict_addr(&r->plan.dst, h));
		}
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "unanswered ARP in the capture and no SYN on the wire; a saved capture does not "
		    "say which address is the gateway");
		(void)evidence_add(&r->ev, e->frame, "ARP who-has %s: never answered", verdict_addr(&e->who, a));
		return true;
	}
	return false;
}

/* This host's own faults, from what the live run saw. */
static bool
client_side(struct syn_result *r, const struct syn_local *l, uint32_t seen)
{
	char a[FL_ADDRSTRLEN], g[FL_ADDRSTRLEN];

	if (!l->live)
		return saved_client_side(r, l);
	if (l->dns_failed) {
		set_verdict(r, FAULT_CLIENT, "name-not-resolved", 0, NULL, CONF_CERTAIN);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the resolver's own answer");
		if (strcmp(l->dns_status, "nxdomain") == 0)
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "The name does not exist: the resolver %s answered NXDOMAIN in %.0f ms. "
			    "Check the spelling, or the DNS records.", l->dns_resolver[0] ?
			    l->dns_resolver : "(none configured)", l->dns_ms);
		else
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "The name cannot be resolved: the resolver %s gave %s (%s) after %.0f ms.",
			    l->dns_resolver[0] ? l->dns_resolver : "(none configured)",
			    l->dns_status, l->dns_detail, l->dns_ms);
		return true;
	}
	if (l->no_route) {
		set_verdict(r, FAULT_CLIENT, "no-local-route", 0, &r->plan.src, CONF_CERTAIN);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "this machine's routing table");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "This machine has no route to %s (%s): nothing can be sent there.",
		    verdict_addr(&r->plan.dst, a), l->route_detail[0] ? l->route_detail : "no route");
		return true;
	}
	if (l->send_errno == EPERM || l->send_errno == EACCES ||
	    strcmp(l->conn_result, "eperm") == 0) {
		set_verdict(r, FAULT_CLIENT, "blocked-locally", 0, &r->plan.src, CONF_CERTAIN);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the kernel refused to send (%s)", strerror(l->send_errno ? l->send_errno : EPERM));
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "This machine refuses to send to %s: sending fails with \"%s\". Its own "
		    "firewall (outbound rules) blocks the traffic.", verdict_addr(&r->plan.dst, a),
		    strerror(l->send_errno ? l->send_errno : EPERM));
		return true;
	}
	if (seen == 0 && l->sent > 0) {
		if (fl_addr_is_set(&l->arp_for) && l->arp_replies == 0 &&
		    (l->arp_requests > 0 || strcmp(l->gw_state, "failed") == 0 ||
		    strcmp(l->gw_state, "incomplete") == 0)) {
			if (fl_addr_is_set(&l->gateway)) {
				set_verdict(r, FAULT_CLIENT, "gateway-unreachable", 1, &l->gateway, CONF_CERTAIN);
				snprintf(r->v.summary, sizeof(r->v.summary),
				    "The gateway %s does not answer ARP (%u requests, no reply; its "
				    "entry is %s): no packet to %s ever leaves this machine.",
				    verdict_addr(&l->gateway, g), l->arp_requests, l->gw_state,
				    verdict_addr(&r->plan.dst, a));
			} else {
				set_verdict(r, FAULT_SERVER, "host-down", 1, &r->plan.dst, CONF_LIKELY);
				snprintf(r->v.summary, sizeof(r->v.summary),
				    "%s is on this machine's own network but does not answer ARP "
				    "(%u requests, no reply): it is down or disconnected.",
				    verdict_addr(&r->plan.dst, a), l->arp_requests);
			}
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "ARP requests seen on the wire, no reply, and no probe ever left");
			(void)evidence_add(&r->ev, l->arp_frame, "ARP who-has %s: never answered",
			    verdict_addr(&l->arp_for, g));
			return true;
		}
		set_verdict(r, FAULT_CLIENT, "blocked-locally", 0, &r->plan.src, CONF_LIKELY);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "%u probes were handed to the kernel and none appeared on the wire", l->sent);
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "The probes to %s never appear on the wire: something on this machine (an "
		    "outbound filter or traffic shaper) swallows them.", verdict_addr(&r->plan.dst, a));
		return true;
	}
	return false;
}

static void
server_open(struct syn_result *r, const struct syn_local *l, const struct syn_attempt *ok)
{
	char a[FL_ADDRSTRLEN];

	if (l->conn_tried && strcmp(l->conn_result, "timeout") == 0) {
		set_verdict(r, FAULT_CLIENT, "blocked-locally", 0, &r->plan.src,
		    l->live ? CONF_CERTAIN : CONF_LIKELY);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    l->live ? "the SYN-ACK is on the wire (frame %u) but the kernel's connect() "
		    "timed out" : "the SYN-ACK is on the wire (frame %u) but the client's TCP never "
		    "acknowledged it and kept sending SYNs", ok->reply_frame);
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%s answers on port %u (SYN-ACK, frame %u), but this machine's own connection "
		    "attempt times out: its firewall (inbound rules) drops the replies before they "
		    "reach the connection.", verdict_addr(&r->plan.dst, a), r->plan.port, ok->reply_frame);
		return;
	}
	if (l->conn_tried && l->banner_expected && strcmp(l->conn_result, "connected") == 0 &&
	    !l->banner_received) {
		set_verdict(r, FAULT_SERVER, "service-silent", r->host_ttl > 0 ? r->host_ttl : 0,
		    &r->plan.dst, l->live ? CONF_CERTAIN : CONF_LIKELY);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the connection was accepted and nothing came in %.1f s", l->banner_ms / 1000);
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%s accepts the connection on port %u but its service says nothing in %.1f s, "
		    "though on this port the server speaks first: the application is hung, "
		    "overloaded or misconfigured.", verdict_addr(&r->plan.dst, a), r->plan.port,
		    l->banner_ms / 1000);
		return;
	}
	if (l->login_tried && l->login_code != 230) {
		set_verdict(r, FAULT_SERVER, "login-refused", r->host_ttl > 0 ? r->host_ttl : 0,
		    &r->plan.dst, CONF_CERTAIN);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the server's reply to the login");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%s accepts the connection and greets, but refuses the login: \"%s\".",
		    verdict_addr(&r->plan.dst, a), l->login_line[0] ? l->login_line : "no reply");
		return;
	}
	set_verdict(r, FAULT_NONE, "open", r->host_ttl > 0 ? r->host_ttl : 0, &r->plan.dst,
	    CONF_CERTAIN);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "a SYN-ACK from the host for our SYN");
	if (l->banner_received)
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Port %u on %s is open: SYN-ACK (frame %u), and the service greets with \"%s\".",
		    r->plan.port, verdict_addr(&r->plan.dst, a), ok->reply_frame, l->banner);
	else
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Port %u on %s is open: it answers the SYN with a SYN-ACK (frame %u).",
		    r->plan.port, verdict_addr(&r->plan.dst, a), ok->reply_frame);
}

/*
 * A reset in the host's name: its own, or a device's in front of it?
 * A SYN whose TTL runs out before the host that still draws one was
 * answered by whatever sits at that hop.  Failing that, a reset that
 * arrives with more TTL left than the host's own replies came fewer
 * hops.
 */
static bool
reset_on_path(struct syn_result *r, const struct syn_attempt *rst)
{
	char a[FL_ADDRSTRLEN], d[FL_ADDRSTRLEN];
	int t, dev;

	for (t = 1; t <= r->path_max; t++) {
		const struct syn_probe_obs *o = &r->path_syn[t];

		if (o->answer != RK_RST || !from_host(r, o))
			continue;
		if ((r->host_ttl > 0 && t < r->host_ttl) ||
		    (t <= r->path_max && answered_te(&r->path_icmp[t]))) {
			dev = t - 1;
			set_verdict(r, FAULT_PATH, "reset-on-path", dev > 0 ? dev : 0, NULL, CONF_CERTAIN);
			r->v.addr = hop_end(r, dev).addr;
			set_link(r, dev, t);
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "a SYN with ttl %d, which cannot reach %s (%s), drew the reset (frame %u)",
			    t, verdict_addr(&r->plan.dst, d), r->host_ttl > 0 ? "further away" :
			    "a router answers at that ttl", o->reply_frame);
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "A reset answers the SYN in %s's name, but a device in front of it sends "
			    "it: a SYN with ttl %d, which expires before reaching %s, drew the same "
			    "reset. The device sits just after hop %d (%s); the server is not the one "
			    "refusing.", verdict_addr(&r->plan.dst, d), t, verdict_addr(&r->plan.dst, d), dev,
			    verdict_addr(&r->v.addr, a));
			return true;
		}
	}
	if (r->ping.answer == RK_ECHO_REPLY && from_host(r, &r->ping) &&
	    corr_return_hops(rst->reply_ttl) < corr_return_hops(r->ping.reply_ttl)) {
		int diff = corr_return_hops(r->ping.reply_ttl) - corr_return_hops(rst->reply_ttl);

		dev = r->host_ttl > 0 ? r->host_ttl - diff : 0;
		set_verdict(r, FAULT_PATH, "reset-on-path", dev > 0 ? dev : 0, NULL, CONF_LIKELY);
		if (dev > 0) {
			r->v.addr = hop_end(r, dev).addr;
			set_link(r, dev, dev + 1);
		}
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the reset arrives with ttl %u, %d hop%s fewer than the host's own replies (ttl %u)",
		    rst->reply_ttl, diff, diff == 1 ? "" : "s", r->ping.reply_ttl);
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "A reset answers the SYN in %s's name, but it travelled %d hop%s fewer than "
		    "%s's own replies: a device in front of the server sends it.",
		    verdict_addr(&r->plan.dst, d), diff, diff == 1 ? "" : "s", verdict_addr(&r->plan.dst, a));
		return true;
	}
	return false;
}

static void
icmp_answer(struct syn_result *r, const struct syn_attempt *u)
{
	char a[FL_ADDRSTRLEN], h[FL_ADDRSTRLEN], who[96], Who[96];
	const char *what = dec_icmp_name(u->icmp_type, u->icmp_code);
	int hop;

	if (fl_addr_eq(&u->from, &r->plan.dst)) {
		set_verdict(r, FAULT_SERVER, "prohibited-by-host", r->host_ttl > 0 ? r->host_ttl : 0,
		    &r->plan.dst, CONF_CERTAIN);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "ICMP %s from the host's own address", what);
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%s itself answers the SYN with ICMP %s (frame %u): its firewall rejects port %u.",
		    verdict_addr(&r->plan.dst, a), what, u->reply_frame, r->plan.port);
		return;
	}
	hop = hop_of(r, &u->from, u->reply_ttl);
	router_label(hop, &u->from, false, who, sizeof(who));
	router_label(hop, &u->from, true, Who, sizeof(Who));
	if (u->icmp_type == 11) {
		set_verdict(r, FAULT_PATH, "loop", hop, &u->from, CONF_CERTAIN);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "a full-TTL SYN expired in transit");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "A SYN sent with ttl %u expired at %s (frame %u): packets to %s loop between "
		    "routers.", u->ttl, who, u->reply_frame, verdict_addr(&r->plan.dst, h));
		return;
	}
	if (is_prohibited(u->icmp_code)) {
		set_verdict(r, FAULT_PATH, "prohibited-on-path", hop, &u->from, CONF_CERTAIN);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "ICMP %s from a router%s", what, hop ? ", placed by its time-exceeded" : "");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%s answers the SYN with ICMP %s (frame %u): its filter rejects port %u on "
		    "the way to %s.", Who, what, u->reply_frame, r->plan.port,
		    verdict_addr(&r->plan.dst, h));
		return;
	}
	/*
	 * Host unreachable after an ARP wait, from the router nearest the
	 * host: that router is on the host's subnet and the host is gone.
	 */
	if (u->icmp_code == 1 && (u->rtt_ms >= 900 ||
	    (hop > 0 && hop >= r->last_icmp_hop && hop >= r->last_syn_hop))) {
		set_verdict(r, FAULT_SERVER, "host-down", hop > 0 ? hop + 1 : 0, &r->plan.dst,
		    u->rtt_ms >= 900 ? CONF_LIKELY : CONF_AMBIGUOUS);
		if (hop > 0)
			set_link(r, hop, hop + 1);
		r->v.to.addr = r->plan.dst;
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "ICMP host unreachable from the last router%s",
		    u->rtt_ms >= 900 ? ", after the delay of a failed ARP" : "");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%s, the last one before %s, reports the host unreachable after %.1f s "
		    "(frame %u), the time its ARP takes to give up: %s is down or disconnected.",
		    Who, verdict_addr(&r->plan.dst, h), u->rtt_ms / 1000, u->reply_frame,
		    verdict_addr(&r->plan.dst, a));
		return;
	}
	set_verdict(r, FAULT_PATH, "unreachable-on-path", hop, &u->from, CONF_CERTAIN);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason), "ICMP %s from a router", what);
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "%s answers ICMP %s (frame %u): it has no route to %s.", Who, what,
	    u->reply_frame, verdict_addr(&r->plan.dst, h));
}

/* Nothing answered the SYNs to the port: locate the silence. */
static void
silent_port(struct syn_result *r)
{
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN], h[FL_ADDRSTRLEN];
	int k = r->last_syn_hop, reach;
	const char *how;

	reach = r->host_ttl > 0 ? r->host_ttl : r->last_icmp_hop + 1;
	how = r->host_ttl > 0 ? "answers echo requests" : r->host_alive ?
	    "answers other probes" : NULL;
	if (r->host_alive && r->host_ttl > 0 && k >= r->host_ttl - 1) {
		set_verdict(r, FAULT_SERVER, "filtered-near-host", r->host_ttl, &r->plan.dst,
		    CONF_AMBIGUOUS);
		set_link(r, r->host_ttl - 1, r->host_ttl);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "from this side, the host's own firewall and a device directly in front of it "
		    "look the same");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "The SYNs to port %u get past the last router before %s (hop %d, %s), and %s "
		    "%s, but port %u never answers: the host's own firewall drops them, or a "
		    "device directly in front of it does.", r->plan.port, verdict_addr(&r->plan.dst, h),
		    r->host_ttl - 1, verdict_addr(&r->v.from.addr, a), verdict_addr(&r->plan.dst, b), how,
		    r->plan.port);
		return;
	}
	if (r->host_alive && r->host_ttl < 0 && k == 0 && r->last_icmp_hop == 0) {
		set_verdict(r, FAULT_SERVER, "filtered-near-host", 0, &r->plan.dst, CONF_AMBIGUOUS);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the host answers other probes; without TTL-limited answers the drop cannot "
		    "be placed");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%s %s but port %u never answers: a firewall drops the SYNs, on the host or "
		    "in front of it.", verdict_addr(&r->plan.dst, h), how ? how : "is alive", r->plan.port);
		return;
	}
	if ((r->host_alive && k < reach - 1) || (!r->host_alive && r->last_icmp_hop > k)) {
		set_verdict(r, FAULT_PATH, "filtered-on-path", k, NULL, CONF_LIKELY);
		set_link(r, k, k + 1);
		r->v.addr = r->v.from.addr;
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "SYNs to port %u stop after hop %d while echo requests get %s", r->plan.port,
		    k, r->host_alive ? "to the host" : "further");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "SYNs to port %u stop after hop %d (%s): nothing beyond answers them, while "
		    "echo requests %s. A filter between hop %d and hop %d%s%s%s drops port %u; it "
		    "may be hop %d itself, since a router answers a TTL-limited probe before its "
		    "forwarding filter runs.", r->plan.port, k, k ? verdict_addr(&r->v.from.addr, a) : "this host",
		    r->host_alive ? "reach the host" : "get further", k, k + 1,
		    fl_addr_is_set(&r->v.to.addr) ? " (" : "", fl_addr_is_set(&r->v.to.addr) ?
		    verdict_addr(&r->v.to.addr, b) : "", fl_addr_is_set(&r->v.to.addr) ? ")" : "",
		    r->plan.port, k);
		return;
	}
	if (r->path_max == 0 && r->nctl == 0 && r->ping_sent == 0) {
		double span = r->natt > 1 ? (double)(r->att[r->natt - 1].ts - r->att[0].ts) / 1e9 : 0;

		set_verdict(r, FAULT_UNKNOWN, "unanswered", 0, NULL, CONF_AMBIGUOUS);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the capture holds only the SYNs, no probe that could place the drop");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%d SYN%s to port %u of %s went unanswered over %.1f s. From these packets "
		    "alone a filter on the path and one on the server look the same: probe live "
		    "(synprobe %s:%u), or read the server's capture beside this one.",
		    r->natt, r->natt == 1 ? "" : "s", r->plan.port, verdict_addr(&r->plan.dst, h), span,
		    verdict_addr(&r->plan.dst, a), r->plan.port);
		return;
	}
	k = k > r->last_icmp_hop ? k : r->last_icmp_hop;
	set_verdict(r, FAULT_UNKNOWN, "no-response", k, NULL, CONF_AMBIGUOUS);
	if (k > 0) {
		set_link(r, k, k + 1);
		r->v.addr = r->v.from.addr;
	}
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "every kind of probe stops at the same place; a dead host and a total filter look "
	    "alike");
	if (k > 0)
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Nothing answers beyond hop %d (%s): %s is down, or everything to it is "
		    "filtered after that router.", k, verdict_addr(&r->v.addr, a), verdict_addr(&r->plan.dst, h));
	else
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Nothing answers at all, not even the first router: %s is down, or everything "
		    "is filtered right after this host.", verdict_addr(&r->plan.dst, h));
}

int
infer_syn(const struct corr *c, const struct syn_plan *plan, const struct syn_local *l,
    struct syn_result *r, char *err, size_t errlen)
{
	const struct syn_attempt *ok, *rst = NULL, *icmp = NULL, *ack;
	struct syn_local wire;
	char h[FL_ADDRSTRLEN];
	uint32_t seen = 0, i;
	int k, rc = -1;

	memset(r, 0, sizeof(*r));
	r->plan = *plan;
	if (r->plan.full_ttl <= 0)
		r->plan.full_ttl = 32;
	/* A saved capture: read the client's TCP from the wire instead. */
	if (!l->live) {
		wire = *l;
		wire_connection(&r->plan, l, &wire);
		l = &wire;
	}
	for (i = 0; i < corr_nprobes(c); i++)
		if (fl_addr_eq(&corr_probe(c, i)->key.dst, &plan->dst))
			seen++;
	classify(c, l, r);
	measure_path(r);

	if (client_side(r, l, seen))
		goto evidence;

	ok = answered(r, RK_SYNACK);
	ack = answered(r, RK_ACK);
	for (k = 0; k < r->natt; k++) {
		if (r->att[k].answer == RK_RST && rst == NULL)
			rst = &r->att[k];
		if ((r->att[k].answer == RK_UNREACH || r->att[k].answer == RK_TIME_EXCEEDED ||
		    r->att[k].answer == RK_PARAM) && icmp == NULL)
			icmp = &r->att[k];
	}
	if (ok == NULL && ack != NULL && fl_addr_eq(&ack->from, &plan->dst))
		ok = ack;	/* a bare ACK to a repeated SYN: the port is open */
	if (ok != NULL && !fl_addr_eq(&ok->from, &plan->dst))
		ok = NULL;
	if (ok != NULL) {
		server_open(r, l, ok);
	} else if (rst != NULL && fl_addr_eq(&rst->from, &plan->dst)) {
		if (!reset_on_path(r, rst)) {
			set_verdict(r, FAULT_SERVER, "refused", r->host_ttl > 0 ? r->host_ttl : 0,
			    &plan->dst, CONF_CERTAIN);
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "a reset from the host, consistent with its other replies");
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "%s is reachable but refuses connections on port %u: it answers the SYN "
			    "with a reset (frame %u). Nothing listens on that port, or its firewall "
			    "resets the connection.", verdict_addr(&plan->dst, h), plan->port,
			    rst->reply_frame);
		}
	} else if (icmp != NULL) {
		icmp_answer(r, icmp);
	} else if (r->natt == 0) {
		set_verdict(r, FAULT_UNKNOWN, "no-probe", 0, NULL, CONF_AMBIGUOUS);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the capture holds no SYN to the port");
		snprintf(r->v.summary, sizeof(r->v.summary), "No SYN to port %u was captured.",
		    plan->port);
	} else {
		silent_port(r);
	}

evidence:
	if (evidence_attempts(r, 6) != 0)
		goto nomem;
	if (r->v.fault == FAULT_PATH || r->v.fault == FAULT_UNKNOWN ||
	    (r->v.fault == FAULT_SERVER && (strcmp(r->v.kind, "filtered-near-host") == 0 ||
	    strcmp(r->v.kind, "host-down") == 0))) {
		if (r->v.has_link && (evidence_path(r, r->v.from.ttl) != 0 ||
		    evidence_path(r, r->v.to.ttl) != 0))
			goto nomem;
	}
	if (r->ping.sent && evidence_obs(r, &r->ping, "echo request (ttl 64)") != 0)
		goto nomem;
	for (k = 0; k < r->nctl; k++) {
		char what[64];

		snprintf(what, sizeof(what), "SYN to control port %u", r->ctl[k].port);
		if (evidence_obs(r, &r->ctl[k].o, what) != 0)
			goto nomem;
	}
	rc = 0;
	goto out;
nomem:
	snprintf(err, errlen, "out of memory");
	syn_result_free(r);
out:
	return rc;
}

int
infer_syn_two_sided(const struct corr *cli, const struct corr *srv, const struct syn_plan *plan,
    struct syn_result *r, char *err, size_t errlen)
{
	struct syn_local none;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN];
	uint32_t i, j, arrived = 0, left = 0, same = 0, first_arrival = 0, first_left = 0;
	uint16_t sport_c = 0, sport_s = 0;
	int64_t tc = 0, ts = 0;

	memset(&none, 0, sizeof(none));
	if (infer_syn(cli, plan, &none, r, err, errlen) != 0)
		return -1;
	r->two_sided = true;
	for (i = 0; i < (uint32_t)r->natt; i++) {
		if (sport_c == 0)
			sport_c = r->att[i].sport;
		if (tc == 0)
			tc = r->att[i].ts;
	}
	/* On the server's side: SYNs from the client, and whatever went back. */
	for (i = 0; i < corr_nprobes(srv); i++) {
		const struct corr_probe *p = corr_probe(srv, i);

		if (p->key.proto != 6 || p->key.b != plan->port ||
		    !fl_addr_eq(&p->key.dst, &plan->dst) || !fl_addr_eq(&p->key.src, &plan->src))
			continue;
		arrived++;
		if (first_arrival == 0) {
			first_arrival = p->frame;
			sport_s = p->key.a;
			ts = p->ts;
		}
		for (j = 0; j < (uint32_t)r->natt; j++)
			if (r->att[j].sport == p->key.a && r->att[j].seq == p->key.c)
				same++;
		if (p->nreplies > 0) {
			left += p->nreplies;
			if (first_left == 0 && p->reply >= 0)
				first_left = corr_reply(srv, (uint32_t)p->reply)->frame;
		}
	}
	r->server_syns = arrived;
	r->server_replies = left;
	if (same == 0 && arrived > 0) {
		double gap = (double)(ts > tc ? ts - tc : tc - ts) / 1e9;

		snprintf(r->caveat, sizeof(r->caveat),
		    "the two captures are not the same attempt (client port %u on the client's "
		    "side, %u on the server's; captured %.1f minutes apart): they are read as "
		    "labelled, as two attempts of the same problem", sport_c, sport_s, gap / 60);
	}
	if (arrived > 0 && left == 0 && r->v.fault != FAULT_NONE) {
		set_verdict(r, FAULT_SERVER, "filtered-by-host", 0, &plan->dst,
		    same > 0 ? CONF_CERTAIN : CONF_LIKELY);
		r->v.has_link = false;
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason), "%s",
		    same > 0 ? "the same SYNs are seen arriving at the server, and nothing leaves it" :
		    "the server's capture shows SYNs arriving and nothing leaving, but it is another "
		    "attempt than the client's");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Server: SYNs arrive at the server (%s, %u in its capture) and are never "
		    "answered: nothing leaves it for %s. The server itself (its firewall, or no "
		    "service bound) drops them.", verdict_addr(&plan->dst, a), arrived, verdict_addr(&plan->src, b));
		if (evidence_add(&r->ev, first_arrival + SERVER_FRAME_BASE,
		    "server capture, frame %u: the SYN from %s arrives; nothing is sent back",
		    first_arrival, verdict_addr(&plan->src, b)) != 0)
			return -1;
	} else if (arrived > 0 && left > 0 && r->v.fault != FAULT_NONE) {
		set_verdict(r, FAULT_PATH, "replies-lost", 0, NULL, same > 0 ? CONF_CERTAIN : CONF_LIKELY);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the server's capture shows it answering; the client's shows nothing arriving");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "The server answers the SYNs (its capture, frame %u) but the answers never "
		    "reach %s: they are lost or filtered on the way back.", first_left,
		    verdict_addr(&plan->src, b));
	} else if (arrived == 0 && r->natt > 0 && r->v.fault != FAULT_NONE) {
		set_verdict(r, FAULT_PATH, "syns-lost", 0, NULL, CONF_LIKELY);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the SYNs leave the client but the server's capture never shows them");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "The SYNs leave %s but never reach the server %s: they are dropped on the way.",
		    verdict_addr(&plan->src, b), verdict_addr(&plan->dst, a));
	}
	return 0;
}

void
syn_result_free(struct syn_result *r)
{
	evidence_free(&r->ev);
}

