/*
 * The link and the local network: ARP requests nobody answers, address
 * conflicts, DHCP that gives no address, and a gateway that sends
 * nothing back.
 *
 * ARP (RFC 826): a request is pending until a reply (or any ARP) from
 * the address asked for; it is judged once it has been idle 5 s.  Only
 * this host's own requests can be judged unanswered: on a mirror port a
 * request is broadcast but its reply is unicast to the asker, so others'
 * unanswered requests are notes.  An asker that sweeps many addresses
 * (16 or more) is scanning, and its misses are one note.
 *
 * Conflicts (RFC 5227 section 2.1.1 and 2.4): an ARP probe (sender
 * address 0.0.0.0) for an address that another MAC then claims, or two
 * MACs claiming one address within 60 s.  VRRP, HSRP and GLBP virtual
 * MACs move between routers by design and are not counted; plain
 * gratuitous ARPs (announcements) are normal.
 *
 * IPv6's neighbour discovery is read as ARP (RFC 4861 7.2): a neighbour
 * solicitation is a request (from :: it is duplicate address detection's
 * probe, RFC 4862 5.4, as RFC 5227's are), a solicited advertisement its
 * reply, an unsolicited one an announcement; findings ndp-unanswered and
 * address-conflict.  The routers are the sources of router
 * advertisements: an unanswered solicitation for one is for the gateway.
 * This host asks from its link-local address, so a solicitation is its
 * own when it comes from its MAC.
 *
 * DHCP (RFC 2131, options RFC 2132), per client MAC: DISCOVERs with no
 * OFFER, a NAK with no ACK after it, REQUESTs with no answer.  A REQUEST
 * whose ACK is not in the capture but whose client then uses an address
 * got one (the ACK was missed): a note.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/common/distinct.h"
#include "analyze/packet/cursor.h"
#include "analyze/pcap_triage/flowtab.h"
#include "analyze/pcap_triage/readers.h"

#define NS		1000000000LL
#define ARP_IDLE	(5 * NS)
#define CLAIM_IDLE	(60 * NS)
#define DHCP_IDLE	(60 * NS)
#define SWEEP_TARGETS	16
#define SWEEP_BITS	(SWEEP_TARGETS * 16)
#define CONFLICT_NS	(60 * NS)

struct arp_key {
	struct fl_addr	asker, target;
};

struct arp_req {
	uint8_t		asker_mac[6];
	uint32_t	requests, first_frame, last_frame, reply_frame;
	int64_t		first_ts, last_ts;
	bool		answered, probe;	/* probe: RFC 5227, sender 0.0.0.0 */
	uint8_t		reply_mac[6];
};

struct claim {
	uint8_t		mac[6];
	uint32_t	frame;
	int64_t		ts;
};

struct asker {
	uint8_t		bits[SWEEP_BITS / 8];
	uint32_t	set;		/* bits set */
	uint32_t	targets;	/* addresses asked for, estimated from bits */
	uint32_t	unanswered;
	uint32_t	first_frame;
};

struct dhcp_client {
	uint8_t		mac[6];
	uint32_t	discovers, offers, requests, acks, naks, declines;
	uint32_t	first_frame, offer_frame, nak_frame, ack_frame, last_req_frame;
	int64_t		first_ts, last_ts, ack_ts;
	struct fl_addr	server, requested, leased, router;
	bool		used;		/* an address of its own was seen in use later */
	struct fl_addr	used_addr;
	uint32_t	used_frame;
};

#define ROUTERS6	8

struct tri_link {
	struct tri_ctx	*c;
	struct fl_addr	 router6[ROUTERS6];	/* sources of router advertisements */
	int		 nrouter6;
	struct flowtab	*reqs, *claims, *askers, *dhcp;
	bool		 inbound;	/* a frame addressed to this host's MAC was seen */
	uint64_t	 arp_requests, arp_replies, gratuitous;
};

static bool
virtual_mac(const uint8_t m[6])
{
	/* VRRP (RFC 5798 7.3), HSRP v1 and v2, GLBP. */
	return (m[0] == 0x00 && m[1] == 0x00 && m[2] == 0x5e && m[3] == 0x00 &&
	    (m[4] == 0x01 || m[4] == 0x02)) ||
	    (m[0] == 0x00 && m[1] == 0x00 && m[2] == 0x0c && m[3] == 0x07 && m[4] == 0xac) ||
	    (m[0] == 0x00 && m[1] == 0x00 && m[2] == 0x0c && m[3] == 0x9f && (m[4] & 0xf0) == 0xf0) ||
	    (m[0] == 0x00 && m[1] == 0x07 && m[2] == 0xb4 && m[3] == 0x00);
}

static bool
is_gateway(const struct tri_link *l, const struct fl_addr *a)
{
	struct fl_addr g;
	int i;

	if (a->family == 6)
		for (i = 0; i < l->nrouter6; i++)
			if (fl_addr_eq(&l->router6[i], a))
				return true;
	return tri_gateway(l->c, &g) != NULL && fl_addr_eq(&g, a);
}

/* Whether a request is this host's: from its address, or over IPv6 from its MAC (a link-local source). */
static bool
asked_by_host(const struct tri_ctx *c, const struct fl_addr *asker, const uint8_t mac[6])
{
	struct fl_addr h;
	int i;

	if (tri_is_host(c, asker))
		return true;
	if (asker->family != 6 || !tri_host(c, &h))
		return false;
	for (i = 0; i < c->ntalk; i++)
		if (fl_addr_eq(&c->talk[i].a, &h))
			return c->talk[i].has_mac && memcmp(c->talk[i].mac, mac, 6) == 0;
	return false;
}

/* A pending request is over: answered, or judged unanswered. */
static void
req_done(void *ctx, void *data, bool evicted)
{
	struct tri_link *l = ctx;
	struct arp_req *r = data;
	const struct arp_key *k = flowtab_key(l->reqs, data);
	struct tri_ctx *c = l->c;
	char a[TRI_ADDR_TEXT], t[TRI_ADDR_TEXT], m[18];
	struct tri_finding *f;
	struct asker *as;
	bool merged, mine, gw, v6;
	const char *by;

	(void)evicted;
	if (r->answered || r->probe)
		return;
	/* One request at the very end of the capture had no time to be answered. */
	if (r->requests < 2 && c->last_ts - r->first_ts < NS)
		return;
	as = flowtab_get(l->askers, &k->asker, r->last_ts, CLAIM_IDLE, false, NULL);
	if (as != NULL && as->targets >= SWEEP_TARGETS) {
		as->unanswered++;
		return;
	}
	v6 = k->target.family == 6;
	mine = asked_by_host(c, &k->asker, r->asker_mac);
	gw = is_gateway(l, &k->target);
	f = tri_add(c, mine ? TRI_FAULT : TRI_NOTE, TL_ARP, v6 ? "ndp-unanswered" : "arp-unanswered",
	    &k->target, 0, r->first_frame, r->first_ts, &merged);
	if (f == NULL)
		return;
	tri_addr_text(c, &k->target, t);
	tri_addr_text(c, &k->asker, a);
	by = v6 ? "neighbour solicitation" : "ARP";
	if (!merged) {
		tri_finding_who(f, mine ? FAULT_CLIENT : FAULT_NONE, gw ? TW_GATEWAY : TW_LAN,
		    mine ? CONF_LIKELY : CONF_AMBIGUOUS, "%s%s", gw ? "the gateway " : "", t);
		if (mine)
			tri_finding_say(f, "%s asks for %s by %s (%u request%s; no reply in the %.1f s "
			    "that follow) and nobody answers: no machine on the LAN has that address. If "
			    "it is this host's gateway, the gateway setting is wrong or the gateway is "
			    "down or disconnected.", a, t, by, r->requests, r->requests == 1 ? "" : "s",
			    (double)(c->last_ts - r->first_ts) / 1e9);
		else
			tri_finding_say(f, "%s asks for %s by %s (%u request%s) and no reply is "
			    "captured (on a mirror port a reply, unicast to the asker, may not be "
			    "seen).", a, t, by, r->requests, r->requests == 1 ? "" : "s");
	}
	tri_finding_fig(f, "requests", tri_finding_get(f, "requests") > 0 ?
	    tri_finding_get(f, "requests") + r->requests : r->requests);
	tri_finding_ev(f, r->first_frame, "%s who-has %s tell %s (%s): no reply", v6 ?
	    "neighbour solicitation" : "ARP", t, a, tri_mac_text(r->asker_mac, m));
	if (r->last_frame != r->first_frame)
		tri_finding_ev(f, r->last_frame, "%s who-has %s again, request %u: no reply", v6 ?
		    "neighbour solicitation" : "ARP", t, r->requests);
}

static void
asker_done(void *ctx, void *data, bool evicted)
{
	struct tri_link *l = ctx;
	struct asker *as = data;
	const struct fl_addr *who = flowtab_key(l->askers, data);
	char a[TRI_ADDR_TEXT];
	struct tri_finding *f;
	bool merged;

	(void)evicted;
	if (as->targets < SWEEP_TARGETS)
		return;
	f = tri_add(l->c, TRI_NOTE, TL_ARP, "arp-sweep", who, 0, as->first_frame, 0, &merged);
	if (f == NULL || merged)
		return;
	tri_finding_who(f, FAULT_NONE, TW_LAN, CONF_LIKELY, "%s", tri_addr_text(l->c, who, a));
	tri_finding_say(f, "%s asks ARP for about %u addresses: a scan of the LAN (a network "
	    "scanner, or a host discovering its neighbours), not a fault.", a, as->targets);
	tri_finding_fig(f, "addresses", as->targets);
	tri_finding_ev(f, as->first_frame, "the first ARP request of the sweep");
}

/* RFC 5227: two MACs for one address, neither a virtual router's. */
static void
conflict(struct tri_link *l, const struct fl_addr *ip, const uint8_t m1[6], uint32_t f1,
    const uint8_t m2[6], uint32_t f2, int64_t ts, bool probe)
{
	char a[TRI_ADDR_TEXT], x[18], y[18];
	struct tri_finding *f;
	bool merged;

	if (virtual_mac(m1) || virtual_mac(m2))
		return;
	f = tri_add(l->c, TRI_FAULT, TL_ARP, "address-conflict", ip, 0, f2, ts, &merged);
	if (f == NULL)
		return;
	tri_addr_text(l->c, ip, a);
	tri_mac_text(m1, x);
	tri_mac_text(m2, y);
	if (!merged) {
		tri_finding_who(f, FAULT_CLIENT, TW_LAN, CONF_CERTAIN, "%s (%s and %s)", a, x, y);
		if (probe)
			tri_finding_say(f, "Address conflict (%s): %s probes for %s before "
			    "using it, and %s answers that it already has it. Two machines are "
			    "configured with the same address.", ip->family == 6 ? "RFC 4862 "
			    "duplicate address detection" : "RFC 5227", x, a, y);
		else
			tri_finding_say(f, "Address conflict (%s): two machines claim %s, %s "
			    "and %s. Traffic for the address goes to whichever answered last.",
			    ip->family == 6 ? "RFC 4861" : "RFC 5227", a, x, y);
	}
	tri_finding_ev(f, f1, "%s claims %s", x, a);
	tri_finding_ev(f, f2, "%s claims %s too", y, a);
}

/* A MAC says it has an address (ARP sender, announcement or reply). */
static void
claim(struct tri_link *l, uint32_t frame, int64_t ts, const struct fl_addr *ip, const uint8_t mac[6])
{
	struct claim *cl;
	bool created;

	if (!fl_addr_is_set(ip) || (ip->family == 6 ? fl_addr_unspec6(ip) : fl_addr_v4_host(ip) == 0))
		return;
	cl = flowtab_get(l->claims, ip, ts, CLAIM_IDLE, true, &created);
	if (cl == NULL)
		return;
	if (!created && memcmp(cl->mac, mac, 6) != 0 && ts - cl->ts < CONFLICT_NS)
		conflict(l, ip, cl->mac, cl->frame, mac, frame, ts, false);
	memcpy(cl->mac, mac, 6);
	cl->frame = frame;
	cl->ts = ts;
	tri_arp_learn(l->c, ip, mac, frame);
}

static void
sweep_note(struct tri_link *l, uint32_t frame, int64_t ts, const struct fl_addr *asker,
    const struct fl_addr *target)
{
	struct asker *as;
	bool created;

	as = flowtab_get(l->askers, asker, ts, CLAIM_IDLE, true, &created);
	if (as == NULL)
		return;
	if (created)
		as->first_frame = frame;
	if (!distinct_add(as->bits, SWEEP_BITS, fl_addr_hash(target, 3))) {
		as->set++;
		as->targets = (uint32_t)floor(distinct_estimate(as->set, SWEEP_BITS) + 0.5);
	}
}

static void
arp_frame(struct tri_link *l, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct arp_key k;
	struct arp_req *r;
	bool created;
	static const struct fl_addr zero4 = { 4, { 0 } }, zero6 = { 6, { 0 } };
	const struct fl_addr *zero = p->arp_spa.family == 6 ? &zero6 : &zero4;
	bool probe = p->arp_spa.family == 6 ? fl_addr_unspec6(&p->arp_spa) : fl_addr_v4_host(&p->arp_spa) == 0;

	if (p->arp_op == 1) {
		l->arp_requests++;
		if (!probe && fl_addr_eq(&p->arp_spa, &p->arp_tpa)) {
			l->gratuitous++;
			claim(l, frame, ts, &p->arp_spa, p->arp_sha);
			return;
		}
		if (!probe)
			claim(l, frame, ts, &p->arp_spa, p->arp_sha);
		memset(&k, 0, sizeof(k));
		k.asker = probe ? *zero : p->arp_spa;
		k.target = p->arp_tpa;
		r = flowtab_get(l->reqs, &k, ts, ARP_IDLE, true, &created);
		if (r == NULL)
			return;
		if (created) {
			memcpy(r->asker_mac, p->arp_sha, 6);
			r->first_frame = frame;
			r->first_ts = ts;
			r->probe = probe;
			if (!probe)
				sweep_note(l, frame, ts, &p->arp_spa, &p->arp_tpa);
		}
		r->requests++;
		r->last_frame = frame;
		r->last_ts = ts;
		if (probe && r->answered && memcmp(r->reply_mac, p->arp_sha, 6) != 0)
			conflict(l, &p->arp_tpa, p->arp_sha, frame, r->reply_mac, r->reply_frame, ts,
			    true);
		return;
	}
	if (p->arp_op != 2)
		return;
	l->arp_replies++;
	claim(l, frame, ts, &p->arp_spa, p->arp_sha);
	/* Every request for this address, from anyone, is answered. */
	memset(&k, 0, sizeof(k));
	k.asker = p->arp_tpa;
	k.target = p->arp_spa;
	r = flowtab_get(l->reqs, &k, ts, ARP_IDLE, false, NULL);
	if (r != NULL && !r->answered && !r->probe) {
		r->answered = true;
		r->reply_frame = frame;
		memcpy(r->reply_mac, p->arp_sha, 6);
	}
	k.asker = *zero;
	r = flowtab_get(l->reqs, &k, ts, ARP_IDLE, false, NULL);
	if (r != NULL && memcmp(r->asker_mac, p->arp_sha, 6) != 0) {
		if (!r->answered)
			conflict(l, &p->arp_spa, r->asker_mac, r->first_frame, p->arp_sha, frame, ts,
			    true);
		r->answered = true;
		r->reply_frame = frame;
		memcpy(r->reply_mac, p->arp_sha, 6);
	}
}

/*
 * Neighbour discovery as ARP (the header's comment): the frame's reading
 * as an ARP request, reply or announcement, given to arp_frame().  Only
 * messages sent with hop limit 255 come from the link (RFC 4861 7.1).
 */
static void
ndp_frame(struct tri_link *l, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	const struct dec_ndp *n = &p->ndp;
	struct dec_pkt a;

	if (n->hlim_bad)
		return;
	if (n->type == 134) {
		int i;

		for (i = 0; i < l->nrouter6; i++)
			if (fl_addr_eq(&l->router6[i], &p->ip.src))
				return;
		if (l->nrouter6 < ROUTERS6)
			l->router6[l->nrouter6++] = p->ip.src;
		return;
	}
	if (n->type != 135 && n->type != 136)
		return;
	memset(&a, 0, sizeof(a));
	a.is_arp = true;
	/* The link-layer address: the message's option, else the frame's source MAC. */
	if (n->type == 135 ? n->has_sll : n->has_tll)
		memcpy(a.arp_sha, n->type == 135 ? n->sll : n->tll, 6);
	else if (p->has_mac_src)
		memcpy(a.arp_sha, p->mac_src, 6);
	else
		return;
	if (n->type == 135) {
		a.arp_op = 1;
		a.arp_spa = p->ip.src;
		a.arp_tpa = n->target;
	} else {
		a.arp_spa = n->target;
		if (n->flags & NDP_NA_SOLICITED) {
			a.arp_op = 2;
			a.arp_tpa = p->ip.dst;
		} else {
			/* Unsolicited: an announcement, and the answer to any probe for the address. */
			a.arp_op = 1;
			a.arp_tpa = n->target;
			arp_frame(l, frame, ts, &a);
			a.arp_op = 2;
			a.arp_tpa = (struct fl_addr){ 6, { 0 } };
		}
	}
	arp_frame(l, frame, ts, &a);
}

/* ---- DHCP ---- */

struct dhcp_msg {
	uint8_t		op, type;
	uint8_t		chaddr[6];
	uint32_t	xid;
	struct fl_addr	ciaddr, yiaddr, server, requested, router;
};

/* BOOTP and its options, RFC 2131 section 2 and RFC 2132; false when it is not one. */
static bool
dhcp_parse(const struct cur *c, struct dhcp_msg *m)
{
	uint32_t magic, v;
	uint8_t hlen, code, len;
	size_t o;

	memset(m, 0, sizeof(*m));
	if (!cur_u8(c, 0, &m->op) || !cur_u8(c, 2, &hlen) || !cur_be32(c, 4, &m->xid) ||
	    !cur_be32(c, 236, &magic) || magic != 0x63825363u || hlen != 6 ||
	    !cur_copy(c, 28, m->chaddr, 6))
		return false;
	if (cur_be32(c, 12, &v))
		fl_addr_v4(&m->ciaddr, v);
	if (cur_be32(c, 16, &v))
		fl_addr_v4(&m->yiaddr, v);
	for (o = 240; cur_u8(c, o, &code) && code != 255;) {
		if (code == 0) {
			o++;
			continue;
		}
		if (!cur_u8(c, o + 1, &len) || !cur_has(c, o + 2, len))
			break;
		if (code == 53 && len >= 1)
			(void)cur_u8(c, o + 2, &m->type);
		else if (code == 54 && len >= 4 && cur_be32(c, o + 2, &v))
			fl_addr_v4(&m->server, v);
		else if (code == 50 && len >= 4 && cur_be32(c, o + 2, &v))
			fl_addr_v4(&m->requested, v);
		else if (code == 3 && len >= 4 && cur_be32(c, o + 2, &v))
			fl_addr_v4(&m->router, v);
		o += 2 + (size_t)len;
	}
	return m->type != 0;
}

static void
dhcp_done(void *ctx, void *data, bool evicted)
{
	struct tri_link *l = ctx;
	struct dhcp_client *d = data;
	struct tri_ctx *c = l->c;
	char m[18], s[TRI_ADDR_TEXT], a[TRI_ADDR_TEXT];
	struct tri_finding *f = NULL;
	struct fl_addr none;
	double span = (double)(d->last_ts - d->first_ts) / 1e9;

	(void)evicted;
	memset(&none, 0, sizeof(none));
	tri_mac_text(d->mac, m);
	if (d->acks > 0)
		return;
	if (d->naks > 0) {
		f = tri_add(c, TRI_FAULT, TL_DHCP, "dhcp-nak", &d->server, 0, d->nak_frame,
		    d->first_ts, NULL);
		if (f == NULL)
			return;
		tri_finding_who(f, FAULT_CLIENT, TW_DHCP, CONF_CERTAIN, "the DHCP server %s",
		    tri_addr_text(c, &d->server, s));
		tri_finding_say(f, "The DHCP server %s refuses (NAK) the address %s that %s asks "
		    "for, and no address is granted after it: the client asks for a lease that is "
		    "not valid on this network (it moved, or the server's scope changed).", s,
		    fl_addr_is_set(&d->requested) ? tri_addr_text(c, &d->requested, a) : "(none)", m);
		tri_finding_ev(f, d->first_frame, "DHCP from %s", m);
		tri_finding_ev(f, d->nak_frame, "DHCPNAK from %s", s);
	} else if (d->discovers > 0 && d->offers == 0 && (d->discovers >= 2 || span >= 4)) {
		f = tri_add(c, TRI_FAULT, TL_DHCP, "dhcp-no-offer", &none, 0, d->first_frame,
		    d->first_ts, NULL);
		if (f == NULL)
			return;
		tri_finding_who(f, FAULT_CLIENT, TW_DHCP, CONF_LIKELY, "the LAN's DHCP server (none "
		    "answers)");
		tri_finding_say(f, "%s sends %u DHCPDISCOVER over %.1f s and no DHCP server offers "
		    "an address: there is no DHCP server (or relay) on this LAN, or it is down, "
		    "so the machine gets no address.", m, d->discovers, span);
		tri_finding_fig(f, "discovers", d->discovers);
		tri_finding_ev(f, d->first_frame, "DHCPDISCOVER from %s: no offer", m);
	} else if (d->requests > 0 && d->offers == 0 && !d->used && d->requests >= 2) {
		f = tri_add(c, TRI_FAULT, TL_DHCP, "dhcp-no-answer", &none, 0, d->first_frame,
		    d->first_ts, NULL);
		if (f == NULL)
			return;
		tri_finding_who(f, FAULT_CLIENT, TW_DHCP, CONF_LIKELY, "the LAN's DHCP server (none "
		    "answers)");
		tri_finding_say(f, "%s sends %u DHCPREQUEST over %.1f s and nothing answers (no ACK, "
		    "no NAK): the DHCP server is unreachable or down.", m, d->requests, span);
		tri_finding_ev(f, d->first_frame, "DHCPREQUEST from %s: no answer", m);
	} else if (d->requests > 0 && d->used) {
		f = tri_add(c, TRI_NOTE, TL_DHCP, "dhcp-ack-not-captured", &d->used_addr, 0,
		    d->first_frame, d->first_ts, NULL);
		if (f == NULL)
			return;
		tri_finding_who(f, FAULT_NONE, TW_DHCP, CONF_LIKELY, "%s", m);
		tri_finding_say(f, "%s asks DHCP for an address and its answer is not in the capture, "
		    "but it then uses %s (frame %u): the lease was granted.", m,
		    tri_addr_text(c, &d->used_addr, a), d->used_frame);
		tri_finding_ev(f, d->first_frame, "DHCPREQUEST from %s", m);
		tri_finding_ev(f, d->used_frame, "%s in use by %s", a, m);
	}
}

static void
dhcp_frame(struct tri_link *l, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct dhcp_msg m;
	struct dhcp_client *d;
	bool created;

	if (!dhcp_parse(&p->payload, &m))
		return;
	d = flowtab_get(l->dhcp, m.chaddr, ts, DHCP_IDLE, m.op == 1, &created);
	if (d == NULL)
		return;
	if (created) {
		memcpy(d->mac, m.chaddr, 6);
		d->first_frame = frame;
		d->first_ts = ts;
	}
	d->last_ts = ts;
	switch (m.type) {
	case 1:
		d->discovers++;
		break;
	case 2:
		if (d->offers++ == 0)
			d->offer_frame = frame;
		break;
	case 3:
		d->requests++;
		d->last_req_frame = frame;
		d->requested = fl_addr_is_set(&m.requested) ? m.requested : m.ciaddr;
		break;
	case 4:
		d->declines++;
		break;
	case 5:
		if (d->acks++ == 0) {
			d->ack_frame = frame;
			d->ack_ts = ts;
		}
		d->leased = m.yiaddr;
		d->router = m.router;
		if (fl_addr_is_set(&m.yiaddr))
			tri_arp_learn(l->c, &m.yiaddr, m.chaddr, frame);
		break;
	case 6:
		if (d->naks++ == 0)
			d->nak_frame = frame;
		break;
	default:
		break;
	}
	if (m.op == 2 && fl_addr_is_set(&m.server))
		d->server = m.server;
	else if (m.op == 2 && !fl_addr_is_set(&d->server))
		d->server = p->ip.src;
	/* An answer resets the wait: a NAK followed by a new exchange is judged on its end. */
	if (m.type == 5)
		d->naks = 0;
}

/* A DHCP client's MAC seen using an address of its own (announcement, or IPv4 from it). */
static void
dhcp_used(struct tri_link *l, uint32_t frame, int64_t ts, const uint8_t mac[6],
    const struct fl_addr *a)
{
	struct dhcp_client *d;

	if (!fl_addr_is_set(a) || fl_addr_v4_host(a) == 0)
		return;
	d = flowtab_get(l->dhcp, mac, ts, DHCP_IDLE, false, NULL);
	if (d == NULL || d->used)
		return;
	d->used = true;
	d->used_addr = *a;
	d->used_frame = frame;
}

bool
tri_link_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tri_link *l = ctx;
	struct fl_addr h;

	flowtab_expire(l->reqs, ts);
	flowtab_expire(l->dhcp, ts);
	if (p->is_arp) {
		arp_frame(l, frame, ts, p);
		if (fl_addr_v4_host(&p->arp_spa) != 0 && flowtab_count(l->dhcp) > 0)
			dhcp_used(l, frame, ts, p->arp_sha, &p->arp_spa);
		return false;
	}
	if (p->status != DEC_OK)
		return false;
	if (p->is_ndp) {
		ndp_frame(l, frame, ts, p);
		return false;
	}
	if (p->ip.proto == 17 && (p->l4.have & L4_PORTS) &&
	    ((p->l4.sport == 68 && p->l4.dport == 67) || (p->l4.sport == 67 && p->l4.dport == 68)))
		dhcp_frame(l, frame, ts, p);
	else if (p->has_mac_src && flowtab_count(l->dhcp) > 0)
		dhcp_used(l, frame, ts, p->mac_src, &p->ip.src);
	if (!l->inbound && tri_host(l->c, &h) && fl_addr_eq(&p->ip.dst, &h) &&
	    !fl_addr_eq(&p->ip.src, &h))
		l->inbound = true;
	return false;
}

struct tri_link *
tri_link_new(struct tri_ctx *c)
{
	struct tri_link *l = calloc(1, sizeof(*l));
	size_t max = c->opt.max_flows;

	if (l == NULL)
		return NULL;
	l->c = c;
	l->reqs = flowtab_new(sizeof(struct arp_key), sizeof(struct arp_req), max, req_done, l);
	l->claims = flowtab_new(sizeof(struct fl_addr), sizeof(struct claim), max, NULL, l);
	l->askers = flowtab_new(sizeof(struct fl_addr), sizeof(struct asker), 4096, asker_done, l);
	l->dhcp = flowtab_new(6, sizeof(struct dhcp_client), 4096, dhcp_done, l);
	if (l->reqs == NULL || l->claims == NULL || l->askers == NULL || l->dhcp == NULL) {
		tri_link_free(l);
		return NULL;
	}
	return l;
}

/*
 * This host sends IPv4 traffic for several addresses beyond its LAN
 * through one MAC, the capture shows traffic coming in to it, and yet
 * nothing ever comes back through that MAC: the gateway it is
 * configured with does not route for it (a wrong gateway setting, or the
 * gateway's own way out is dead).
 */
static void
gateway_silent(struct tri_link *l)
{
	struct tri_ctx *c = l->c;
	const struct tri_hop *g;
	struct fl_addr ga, h;
	struct tri_finding *f;
	char m[18], a[TRI_ADDR_TEXT], d0[TRI_ADDR_TEXT], d1[TRI_ADDR_TEXT], hs[TRI_ADDR_TEXT];

	g = tri_gateway(c, &ga);
	if (g == NULL || g->in > 0 || g->out < 3 || !tri_host(c, &h) ||
	    c->last_ts - c->first_ts < 2 * NS)
		return;
	/* The capture must see inbound frames at all: ARP replies count. */
	if (!l->inbound && l->arp_replies == 0)
		return;
	/*
	 * Mostly a scan of this host's (a sweep's addresses mostly hold no
	 * machine, or drop it): silence is what a scan gets, no evidence
	 * against the gateway (tcp.c names the scan).
	 */
	if (fl_addr_eq(&c->scanner, &h) && 2 * c->scanner_syns >= g->out)
		return;
	f = tri_add(c, TRI_FAULT, TL_IP, "gateway-returns-nothing", &ga, 0, g->first_out_frame, 0,
	    NULL);
	if (f == NULL)
		return;
	tri_mac_text(g->mac, m);
	if (fl_addr_is_set(&ga))
		tri_addr_text(c, &ga, a);
	else
		snprintf(a, sizeof(a), "MAC %s", m);
	tri_finding_who(f, FAULT_CLIENT, TW_GATEWAY, CONF_LIKELY, "the gateway %s (%s)", a, m);
	tri_finding_say(f, "%s sends %llu packets to addresses beyond its LAN (%s, %s...) through "
	    "the gateway %s (%s), and nothing ever comes back through it: this host's gateway "
	    "setting points at a machine that does not route for it, or that gateway's own way "
	    "out is down.", tri_addr_text(c, &h, hs), (unsigned long long)g->out,
	    tri_addr_text(c, &g->dst[0], d0), tri_addr_text(c, &g->dst[1], d1), a, m);
	tri_finding_fig(f, "packets_out", (double)g->out);
	tri_finding_fig(f, "packets_back", 0);
	tri_finding_ev(f, g->first_out_frame, "the first packet out through %s: nothing comes back",
	    m);
}

void
tri_link_finish(struct tri_link *l)
{
	flowtab_drain(l->reqs);
	flowtab_drain(l->askers);
	flowtab_drain(l->dhcp);
	flowtab_drain(l->claims);
	gateway_silent(l);
}

void
tri_link_free(struct tri_link *l)
{
	if (l == NULL)
		return;
	flowtab_free(l->reqs);
	flowtab_free(l->claims);
	flowtab_free(l->askers);
	flowtab_free(l->dhcp);
	free(l);
}
