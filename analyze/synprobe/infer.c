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
 *
 * infer_syn() sorts the probes (classify), measures the path
 * (measure_path), asks client_side(), then port_answer(): server_open,
 * reset_answer (reset_on_path_by_syn, reset_on_path_by_ttl, refused),
 * icmp_answer, no_probe or silent_port; the evidence is gathered last.
 * The frames' notes and a saved capture's connection are wire.c's.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/synprobe/infer.h"
#include "analyze/synprobe/wire.h"

/*
 * Evidence from the server's capture of a two-sided reading is kept
 * apart from the client's frames by this offset; renderers print it as
 * "server frame N".
 */
#define SERVER_FRAME_BASE	EVIDENCE_SERVER_FRAME

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

/* A full-TTL SYN to the port (ours or the kernel's), and its answer. */
static void
add_attempt(const struct corr *c, const struct syn_local *l, const struct corr_probe *p,
    struct syn_result *r)
{
	struct syn_attempt *a;
	const struct corr_reply *rep;

	if (r->natt >= SYN_MAX_ATT)
		return;
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
}

/* A full-TTL SYN to another port of the host (SYN_MAX_CTRL ports at most). */
static void
add_control(const struct corr *c, const struct corr_probe *p, struct syn_result *r)
{
	int k;

	for (k = 0; k < r->nctl; k++)
		if (r->ctl[k].port == p->key.b)
			break;
	if (k == r->nctl) {
		if (r->nctl >= SYN_MAX_CTRL)
			return;
		r->ctl[r->nctl].port = p->key.b;
		memset(&r->ctl[r->nctl].o, 0, sizeof(r->ctl[0].o));
		r->nctl++;
	}
	observe(&r->ctl[k].o, c, p);
}

/*
 * A long capture thinned by the correlator (corr_group): the echo
 * requests sent and answered are its counts over every probe, not the
 * rounds it kept.
 */
static void
ping_whole_counts(const struct corr *c, struct syn_result *r)
{
	uint32_t g, sent = 0, received = 0;
	bool thinned = false;
	int t;

	for (g = 0; g < corr_ngroups(c); g++) {
		const struct corr_group *cg = corr_group(c, g);

		if (cg->proto != 1 || !fl_addr_eq(&cg->dst, &r->plan.dst) ||
		    corr_group_ttl(c, g, 0) == NULL)
			continue;
		thinned = true;
		for (t = r->plan.full_ttl; t < 256; t++) {
			sent += corr_group_ttl(c, g, (uint8_t)t)->sent;
			received += corr_group_ttl(c, g, (uint8_t)t)->answered;
		}
	}
	if (thinned) {
		r->ping_sent = sent;
		r->ping_received = received;
	}
}

/* Sort the capture's probes into the roles synprobe gives them. */
static void
classify(const struct corr *c, const struct syn_local *l, struct syn_result *r)
{
	uint32_t i;

	for (i = 0; i < corr_nprobes(c); i++) {
		const struct corr_probe *p = corr_probe(c, i);
		bool full = p->ttl >= r->plan.full_ttl;

		if (!fl_addr_eq(&p->key.dst, &r->plan.dst))
			continue;
		if (p->key.proto == 6 && p->key.b == r->plan.port && full) {
			add_attempt(c, l, p, r);
		} else if (p->key.proto == 6 && p->key.b == r->plan.port) {
			if (p->ttl <= SYN_MAX_TTL) {
				observe(&r->path_syn[p->ttl], c, p);
				if (p->ttl > r->path_max)
					r->path_max = p->ttl;
			}
		} else if (p->key.proto == 6 && full) {
			add_control(c, p, r);
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
	ping_whole_counts(c, r);
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
		    t->answer == RK_UNREACH ? dec_icmp_name_af(t->from.family, t->icmp_type,
		    t->icmp_code) :
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
	    dec_icmp_name_af(o->from.family, o->icmp_type, o->icmp_code) :
	    corr_reply_kind_name(o->answer),
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

/* The resolver failed: what it answered, and which resolver it was. */
static void
name_not_resolved(struct syn_result *r, const struct syn_local *l)
{
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
}

/*
 * Probes were sent and none reached the wire: the next hop never
 * answered ARP (the gateway, or the target when it is on-link), or
 * something on this machine swallows them.
 */
static void
never_on_wire(struct syn_result *r, const struct syn_local *l)
{
	char a[FL_ADDRSTRLEN], g[FL_ADDRSTRLEN];

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
		return;
	}
	set_verdict(r, FAULT_CLIENT, "blocked-locally", 0, &r->plan.src, CONF_LIKELY);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "%u probes were handed to the kernel and none appeared on the wire", l->sent);
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "The probes to %s never appear on the wire: something on this machine (an "
	    "outbound filter or traffic shaper) swallows them.", verdict_addr(&r->plan.dst, a));
}

/* This host's own faults, from what the live run saw. */
static bool
client_side(struct syn_result *r, const struct syn_local *l, uint32_t seen)
{
	char a[FL_ADDRSTRLEN];

	if (!l->live)
		return saved_client_side(r, l);
	if (l->dns_failed) {
		name_not_resolved(r, l);
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
		never_on_wire(r, l);
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
 * A SYN whose TTL runs out before the host that still draws a reset in
 * its name was answered by whatever sits at that hop.
 */
static bool
reset_on_path_by_syn(struct syn_result *r)
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
	return false;
}

/* A reset that arrives with more TTL left than the host's own echo replies came fewer hops. */
static bool
reset_on_path_by_ttl(struct syn_result *r, const struct syn_attempt *rst)
{
	char a[FL_ADDRSTRLEN], d[FL_ADDRSTRLEN];
	int diff, dev;

	if (r->ping.answer != RK_ECHO_REPLY || !from_host(r, &r->ping) ||
	    corr_return_hops(rst->reply_ttl) >= corr_return_hops(r->ping.reply_ttl))
		return false;
	diff = corr_return_hops(r->ping.reply_ttl) - corr_return_hops(rst->reply_ttl);
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

/* A reset in the host's name, refusing the port: its own. */
static void
refused(struct syn_result *r, const struct syn_attempt *rst)
{
	char h[FL_ADDRSTRLEN];

	set_verdict(r, FAULT_SERVER, "refused", r->host_ttl > 0 ? r->host_ttl : 0,
	    &r->plan.dst, CONF_CERTAIN);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "a reset from the host, consistent with its other replies");
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "%s is reachable but refuses connections on port %u: it answers the SYN "
	    "with a reset (frame %u). Nothing listens on that port, or its firewall "
	    "resets the connection.", verdict_addr(&r->plan.dst, h), r->plan.port,
	    rst->reply_frame);
}

/*
 * A reset in the host's name: its own, or a device's in front of it?
 * The TTL-limited SYNs tell for certain, the reset's TTL makes it likely;
 * else the host refuses.
 */
static void
reset_answer(struct syn_result *r, const struct syn_attempt *rst)
{
	if (!reset_on_path_by_syn(r) && !reset_on_path_by_ttl(r, rst))
		refused(r, rst);
}

static void
icmp_answer(struct syn_result *r, const struct syn_attempt *u)
{
	char a[FL_ADDRSTRLEN], h[FL_ADDRSTRLEN], who[96], Who[96];
	const char *what = dec_icmp_name_af(u->from.family, u->icmp_type, u->icmp_code);
	const char *icmp = u->from.family == 6 ? "ICMPv6" : "ICMP";
	int hop;

	if (fl_addr_eq(&u->from, &r->plan.dst)) {
		set_verdict(r, FAULT_SERVER, "prohibited-by-host", r->host_ttl > 0 ? r->host_ttl : 0,
		    &r->plan.dst, CONF_CERTAIN);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "%s %s from the host's own address", icmp, what);
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%s itself answers the SYN with %s %s (frame %u): its firewall rejects port %u.",
		    verdict_addr(&r->plan.dst, a), icmp, what, u->reply_frame, r->plan.port);
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
		    "%s %s from a router%s", icmp, what, hop ? ", placed by its time-exceeded" : "");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%s answers the SYN with %s %s (frame %u): its filter rejects port %u on "
		    "the way to %s.", Who, icmp, what, u->reply_frame, r->plan.port,
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
		    "%s %s from the last router%s", icmp, what, u->rtt_ms >= 900 ?
		    (u->from.family == 6 ? ", after the delay of a failed neighbour discovery" :
		    ", after the delay of a failed ARP") : "");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%s, the last one before %s, reports the host unreachable after %.1f s "
		    "(frame %u), the time its %s takes to give up: %s is down or disconnected.",
		    Who, verdict_addr(&r->plan.dst, h), u->rtt_ms / 1000, u->reply_frame,
		    u->from.family == 6 ? "neighbour discovery" : "ARP", verdict_addr(&r->plan.dst, a));
		return;
	}
	set_verdict(r, FAULT_PATH, "unreachable-on-path", hop, &u->from, CONF_CERTAIN);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason), "%s %s from a router", icmp,
	    what);
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "%s answers %s %s (frame %u): it has no route to %s.", Who, icmp, what,
	    u->reply_frame, verdict_addr(&r->plan.dst, h));
}

/* The SYNs get past the last router before the live host: its firewall, or a device at its door. */
static void
filtered_near_host(struct syn_result *r, const char *how)
{
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN], h[FL_ADDRSTRLEN];

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
}

/* The host is alive, but no TTL-limited probe was answered to place the drop. */
static void
filtered_near_host_unplaced(struct syn_result *r, const char *how)
{
	char h[FL_ADDRSTRLEN];

	set_verdict(r, FAULT_SERVER, "filtered-near-host", 0, &r->plan.dst, CONF_AMBIGUOUS);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "the host answers other probes; without TTL-limited answers the drop cannot "
	    "be placed");
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "%s %s but port %u never answers: a firewall drops the SYNs, on the host or "
	    "in front of it.", verdict_addr(&r->plan.dst, h), how ? how : "is alive", r->plan.port);
}

/* SYNs to the port stop after hop k while echoes get further: a filter on the link after it. */
static void
filtered_on_path(struct syn_result *r, int k)
{
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN];

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
}

/* A capture of the SYNs alone: nothing to tell a path filter from the server's. */
static void
unanswered(struct syn_result *r)
{
	char a[FL_ADDRSTRLEN], h[FL_ADDRSTRLEN];
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
}

/* Every kind of probe stops after hop k (0: at this host): a dead host and a total filter look alike. */
static void
no_response(struct syn_result *r, int k)
{
	char a[FL_ADDRSTRLEN], h[FL_ADDRSTRLEN];

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

/*
 * Nothing answered the SYNs to the port: locate the silence.  k is the
 * last hop whose router answered a TTL-limited SYN; the host is alive
 * when something of its own answered (echoes, other ports).
 */
static void
silent_port(struct syn_result *r)
{
	int k = r->last_syn_hop;
	int reach = r->host_ttl > 0 ? r->host_ttl : r->last_icmp_hop + 1;
	const char *how = r->host_ttl > 0 ? "answers echo requests" : r->host_alive ?
	    "answers other probes" : NULL;

	if (r->host_alive && r->host_ttl > 0 && k >= r->host_ttl - 1)
		filtered_near_host(r, how);
	else if (r->host_alive && r->host_ttl < 0 && k == 0 && r->last_icmp_hop == 0)
		filtered_near_host_unplaced(r, how);
	else if ((r->host_alive && k < reach - 1) || (!r->host_alive && r->last_icmp_hop > k))
		filtered_on_path(r, k);
	else if (r->path_max == 0 && r->nctl == 0 && r->ping_sent == 0)
		unanswered(r);
	else
		no_response(r, k > r->last_icmp_hop ? k : r->last_icmp_hop);
}

static void
no_probe(struct syn_result *r)
{
	set_verdict(r, FAULT_UNKNOWN, "no-probe", 0, NULL, CONF_AMBIGUOUS);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "the capture holds no SYN to the port");
	snprintf(r->v.summary, sizeof(r->v.summary), "No SYN to port %u was captured.",
	    r->plan.port);
}

/* The first full-TTL SYN answered by an ICMP error, or NULL. */
static const struct syn_attempt *
answered_icmp(const struct syn_result *r)
{
	int k;

	for (k = 0; k < r->natt; k++)
		if (r->att[k].answer == RK_UNREACH || r->att[k].answer == RK_TIME_EXCEEDED ||
		    r->att[k].answer == RK_PARAM)
			return &r->att[k];
	return NULL;
}

/*
 * How the full-TTL SYNs to the port were answered decides: open (a
 * SYN-ACK from the host), a reset in its name, an ICMP error, or silence.
 */
static void
port_answer(struct syn_result *r, const struct syn_local *l)
{
	const struct syn_attempt *ok = answered(r, RK_SYNACK), *ack = answered(r, RK_ACK);
	const struct syn_attempt *rst = answered(r, RK_RST), *icmp = answered_icmp(r);

	if (ok == NULL && ack != NULL && fl_addr_eq(&ack->from, &r->plan.dst))
		ok = ack;	/* a bare ACK to a repeated SYN: the port is open */
	if (ok != NULL && !fl_addr_eq(&ok->from, &r->plan.dst))
		ok = NULL;
	if (ok != NULL)
		server_open(r, l, ok);
	else if (rst != NULL && fl_addr_eq(&rst->from, &r->plan.dst))
		reset_answer(r, rst);
	else if (icmp != NULL)
		icmp_answer(r, icmp);
	else if (r->natt == 0)
		no_probe(r);
	else
		silent_port(r);
}

/*
 * The frames behind the verdict: the SYNs and their answers, the
 * TTL-limited probes at each end of a located link, the ping and the
 * control ports.
 */
static int
evidence(struct syn_result *r)
{
	int k;

	if (evidence_attempts(r, 6) != 0)
		return -1;
	if (r->v.fault == FAULT_PATH || r->v.fault == FAULT_UNKNOWN ||
	    (r->v.fault == FAULT_SERVER && (strcmp(r->v.kind, "filtered-near-host") == 0 ||
	    strcmp(r->v.kind, "host-down") == 0))) {
		if (r->v.has_link && (evidence_path(r, r->v.from.ttl) != 0 ||
		    evidence_path(r, r->v.to.ttl) != 0))
			return -1;
	}
	if (r->ping.sent && evidence_obs(r, &r->ping, "echo request (ttl 64)") != 0)
		return -1;
	for (k = 0; k < r->nctl; k++) {
		char what[64];

		snprintf(what, sizeof(what), "SYN to control port %u", r->ctl[k].port);
		if (evidence_obs(r, &r->ctl[k].o, what) != 0)
			return -1;
	}
	return 0;
}

int
infer_syn(const struct corr *c, const struct syn_plan *plan, const struct syn_local *l,
    struct syn_result *r, char *err, size_t errlen)
{
	struct syn_local wire;
	uint32_t seen = 0, i;

	memset(r, 0, sizeof(*r));
	r->plan = *plan;
	if (r->plan.full_ttl <= 0)
		r->plan.full_ttl = 32;
	/* A saved capture: read the client's TCP from the wire instead. */
	if (!l->live) {
		wire = *l;
		syn_wire_connection(&r->plan, l, &wire);
		l = &wire;
	}
	for (i = 0; i < corr_nprobes(c); i++)
		if (fl_addr_eq(&corr_probe(c, i)->key.dst, &plan->dst))
			seen++;
	classify(c, l, r);
	measure_path(r);
	if (!client_side(r, l, seen))
		port_answer(r, l);
	if (evidence(r) != 0) {
		snprintf(err, errlen, "out of memory");
		syn_result_free(r);
		return -1;
	}
	return 0;
}

/* What the server's capture shows of the client's SYNs. */
struct server_side {
	uint32_t	arrived, left;		/* SYNs from the client, and replies to them */
	uint32_t	same;			/* SYNs the client's capture holds too */
	uint32_t	first_arrival, first_left;	/* frames in the server's capture */
	uint16_t	sport_c, sport_s;	/* the first source port on each side */
	int64_t		tc, ts;			/* when each side saw its first SYN */
};

static void
read_server_side(const struct corr *srv, const struct syn_plan *plan, const struct syn_result *r,
    struct server_side *s)
{
	uint32_t i, j;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < (uint32_t)r->natt; i++) {
		if (s->sport_c == 0)
			s->sport_c = r->att[i].sport;
		if (s->tc == 0)
			s->tc = r->att[i].ts;
	}
	/* On the server's side: SYNs from the client, and whatever went back. */
	for (i = 0; i < corr_nprobes(srv); i++) {
		const struct corr_probe *p = corr_probe(srv, i);

		if (p->key.proto != 6 || p->key.b != plan->port ||
		    !fl_addr_eq(&p->key.dst, &plan->dst) || !fl_addr_eq(&p->key.src, &plan->src))
			continue;
		s->arrived++;
		if (s->first_arrival == 0) {
			s->first_arrival = p->frame;
			s->sport_s = p->key.a;
			s->ts = p->ts;
		}
		for (j = 0; j < (uint32_t)r->natt; j++)
			if (r->att[j].sport == p->key.a && r->att[j].seq == p->key.c)
				s->same++;
		if (p->nreplies > 0) {
			s->left += p->nreplies;
			if (s->first_left == 0 && p->reply >= 0)
				s->first_left = corr_reply(srv, (uint32_t)p->reply)->frame;
		}
	}
}

/* The SYNs arrive and nothing leaves the server. */
static int
filtered_by_host(struct syn_result *r, const struct syn_plan *plan, const struct server_side *s)
{
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN];

	set_verdict(r, FAULT_SERVER, "filtered-by-host", 0, &plan->dst,
	    s->same > 0 ? CONF_CERTAIN : CONF_LIKELY);
	r->v.has_link = false;
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason), "%s",
	    s->same > 0 ? "the same SYNs are seen arriving at the server, and nothing leaves it" :
	    "the server's capture shows SYNs arriving and nothing leaving, but it is another "
	    "attempt than the client's");
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "Server: SYNs arrive at the server (%s, %u in its capture) and are never "
	    "answered: nothing leaves it for %s. The server itself (its firewall, or no "
	    "service bound) drops them.", verdict_addr(&plan->dst, a), s->arrived,
	    verdict_addr(&plan->src, b));
	return evidence_add(&r->ev, s->first_arrival + SERVER_FRAME_BASE,
	    "server capture, frame %u: the SYN from %s arrives; nothing is sent back",
	    s->first_arrival, verdict_addr(&plan->src, b)) != 0 ? -1 : 0;
}

/* The server answers, and the client's capture shows nothing arriving. */
static void
replies_lost(struct syn_result *r, const struct syn_plan *plan, const struct server_side *s)
{
	char b[FL_ADDRSTRLEN];

	set_verdict(r, FAULT_PATH, "replies-lost", 0, NULL, s->same > 0 ? CONF_CERTAIN : CONF_LIKELY);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "the server's capture shows it answering; the client's shows nothing arriving");
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "The server answers the SYNs (its capture, frame %u) but the answers never "
	    "reach %s: they are lost or filtered on the way back.", s->first_left,
	    verdict_addr(&plan->src, b));
}

/* The SYNs leave the client and the server's capture never shows them. */
static void
syns_lost(struct syn_result *r, const struct syn_plan *plan)
{
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN];

	set_verdict(r, FAULT_PATH, "syns-lost", 0, NULL, CONF_LIKELY);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "the SYNs leave the client but the server's capture never shows them");
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "The SYNs leave %s but never reach the server %s: they are dropped on the way.",
	    verdict_addr(&plan->src, b), verdict_addr(&plan->dst, a));
}

/*
 * The client's capture is read as infer_syn() reads it; where that
 * found a fault, the server's capture says which side of the wire it
 * is on.
 */
int
infer_syn_two_sided(const struct corr *cli, const struct corr *srv, const struct syn_plan *plan,
    struct syn_result *r, char *err, size_t errlen)
{
	struct syn_local none;
	struct server_side s;

	memset(&none, 0, sizeof(none));
	if (infer_syn(cli, plan, &none, r, err, errlen) != 0)
		return -1;
	r->two_sided = true;
	read_server_side(srv, plan, r, &s);
	r->server_syns = s.arrived;
	r->server_replies = s.left;
	if (s.same == 0 && s.arrived > 0) {
		double gap = (double)(s.ts > s.tc ? s.ts - s.tc : s.tc - s.ts) / 1e9;

		snprintf(r->caveat, sizeof(r->caveat),
		    "the two captures are not the same attempt (client port %u on the client's "
		    "side, %u on the server's; captured %.1f minutes apart): they are read as "
		    "labelled, as two attempts of the same problem", s.sport_c, s.sport_s, gap / 60);
	}
	if (r->v.fault == FAULT_NONE)
		return 0;
	if (s.arrived > 0 && s.left == 0) {
		if (filtered_by_host(r, plan, &s) == 0)
			return 0;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (s.arrived > 0)
		replies_lost(r, plan, &s);
	else if (r->natt > 0)
		syns_lost(r, plan);
	return 0;
}

void
syn_result_free(struct syn_result *r)
{
	evidence_free(&r->ev);
}

