/*
 * What the readers share about the capture and its network (see
 * context.h).  This host is found with the space-saving algorithm
 * (Metwally et al., 2005) over the addresses of unicast IPv4 frames,
 * preferring one whose own packets leave with an initial TTL (a
 * capture is taken before its host's packets cross any router).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/pcap_triage/context.h"
#include "analyze/pcap_triage/flowtab.h"

void
tri_ctx_init(struct tri_ctx *c, const struct tri_opts *o)
{
	memset(c, 0, sizeof(*c));
	if (o != NULL)
		c->opt = *o;
	if (c->opt.max_flows == 0)
		c->opt.max_flows = TRI_DEFAULT_FLOWS;
	c->linktype = -1;
}

void
tri_ctx_free(struct tri_ctx *c)
{
	tri_findings_free(&c->f);
	free(c->names);
	c->names = NULL;
}

bool
tri_initial_ttl(uint8_t t)
{
	return t == 64 || t == 128 || t == 255 || t == 32 || t == 60 || t == 30;
}

int
tri_hops(uint8_t ttl)
{
	int init = ttl <= 32 ? 32 : ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;

	return init - ttl;
}

bool
tri_addr_group(const struct fl_addr *a)
{
	uint32_t v;

	if (a->family != 4)
		return a->family == 6 && a->b[0] == 0xff;
	v = fl_addr_v4_host(a);
	return v == 0 || v == 0xffffffffu || (v >> 28) == 0xe || (v & 0xff) == 0xff;
}

bool
tri_addr_private(const struct fl_addr *a)
{
	uint32_t v;

	if (a->family == 6)
		/* Unique local fc00::/7, link-local fe80::/10, loopback ::1 (RFC 4193, 4291). */
		return (a->b[0] & 0xfe) == 0xfc || fl_addr_link_local6(a) ||
		    fl_addr_loopback6(a);
	if (a->family != 4)
		return false;
	v = fl_addr_v4_host(a);
	return (v >> 24) == 10 || (v >> 20) == (172u << 4 | 1) || (v >> 16) == (192u << 8 | 168) ||
	    (v >> 24) == 127 || (v >> 16) == (169u << 8 | 254) || (v >> 22) == (100u << 2 | 1);
}

/* One more frame for an address (space-saving: the least counted slot is taken over). */
static struct tri_talker *
talk(struct tri_ctx *c, const struct fl_addr *a)
{
	struct tri_talker *t, *min = NULL;
	int i;

	for (i = 0; i < c->ntalk; i++) {
		t = &c->talk[i];
		if (fl_addr_eq(&t->a, a)) {
			t->n++;
			return t;
		}
		if (min == NULL || t->n < min->n)
			min = t;
	}
	if (c->ntalk < TRI_HOST_SLOTS) {
		t = &c->talk[c->ntalk++];
		memset(t, 0, sizeof(*t));
		t->a = *a;
		t->n = 1;
		return t;
	}
	t = min;
	t->err = t->n;
	t->n++;
	t->a = *a;
	t->sent = t->sent_init = 0;
	t->has_mac = false;
	return t;
}

bool
tri_host(const struct tri_ctx *c, struct fl_addr *out)
{
	const struct tri_talker *best = NULL;
	int i, pass;

	if (fl_addr_is_set(&c->opt.host)) {
		*out = c->opt.host;
		return true;
	}
	/*
	 * First among those whose packets leave with an initial TTL, then
	 * any; an IPv6 link-local address only when no other will do: the
	 * host that has one has others, and neighbour discovery, always
	 * sent with hop limit 255, says nothing of where the capture was.
	 */
	for (pass = 0; pass < 3 && best == NULL; pass++)
		for (i = 0; i < c->ntalk; i++) {
			const struct tri_talker *t = &c->talk[i];

			if (pass < 2 && fl_addr_link_local6(&t->a))
				continue;
			if (pass == 0 && (t->sent == 0 || t->sent_init * 2 < t->sent))
				continue;
			if (best == NULL || t->n > best->n)
				best = t;
		}
	if (best == NULL)
		return false;
	*out = best->a;
	return true;
}

bool
tri_is_host(const struct tri_ctx *c, const struct fl_addr *a)
{
	struct fl_addr h;

	return tri_host(c, &h) && fl_addr_eq(&h, a);
}

static size_t
arp_slot(const struct fl_addr *a)
{
	return fl_addr_hash(a, 0) % TRI_ARP_SLOTS;
}

bool
tri_arp_mac(const struct tri_ctx *c, const struct fl_addr *a, uint8_t mac[6])
{
	const struct tri_arp_ent *e = &c->arp[arp_slot(a)];

	if (!fl_addr_is_set(&e->ip) || !fl_addr_eq(&e->ip, a))
		return false;
	memcpy(mac, e->mac, 6);
	return true;
}

bool
tri_arp_ip(const struct tri_ctx *c, const uint8_t mac[6], struct fl_addr *out)
{
	size_t i;
	int fam;

	/* An IPv4 address first: a router known by NDP too goes by its link-local address only without one. */
	for (fam = 4; fam <= 6; fam += 2)
		for (i = 0; i < TRI_ARP_SLOTS; i++)
			if (c->arp[i].ip.family == fam && memcmp(c->arp[i].mac, mac, 6) == 0) {
				*out = c->arp[i].ip;
				return true;
			}
	return false;
}

void
tri_arp_learn(struct tri_ctx *c, const struct fl_addr *a, const uint8_t mac[6], uint32_t frame)
{
	struct tri_arp_ent *e = &c->arp[arp_slot(a)];
	static const uint8_t zero[6];

	if (!fl_addr_is_set(a) || tri_addr_group(a) || memcmp(mac, zero, 6) == 0 || (mac[0] & 1))
		return;
	e->ip = *a;
	memcpy(e->mac, mac, 6);
	e->frame = frame;
}

static struct tri_hop *
hop_of(struct tri_ctx *c, const uint8_t mac[6], bool create)
{
	int i;

	for (i = 0; i < c->nhop; i++)
		if (memcmp(c->hop[i].mac, mac, 6) == 0)
			return &c->hop[i];
	if (!create || c->nhop >= TRI_HOP_SLOTS)
		return NULL;
	memset(&c->hop[c->nhop], 0, sizeof(c->hop[0]));
	memcpy(c->hop[c->nhop].mac, mac, 6);
	return &c->hop[c->nhop++];
}

/*
 * A unicast IPv4 frame whose destination MAC is not the one ARP gave for
 * its destination address goes to a next hop; one whose source MAC is
 * not its source address's came from one.  Without ARP the MAC that
 * carries two different destinations' traffic is one too.
 */
static void
note_hops(struct tri_ctx *c, uint32_t frame, const struct dec_pkt *p)
{
	uint8_t mac[6];
	struct tri_hop *h;
	int i;

	if (p->has_mac_dst && !(p->mac_dst[0] & 1) && !tri_addr_group(&p->ip.dst) &&
	    !(tri_arp_mac(c, &p->ip.dst, mac) && memcmp(mac, p->mac_dst, 6) == 0)) {
		h = hop_of(c, p->mac_dst, true);
		if (h != NULL) {
			if (h->out++ == 0)
				h->first_out_frame = frame;
			for (i = 0; i < h->ndst; i++)
				if (fl_addr_eq(&h->dst[i], &p->ip.dst))
					break;
			if (i == h->ndst && h->ndst < 2)
				h->dst[h->ndst++] = p->ip.dst;
		}
	}
	if (p->has_mac_src && !(tri_arp_mac(c, &p->ip.src, mac) && memcmp(mac, p->mac_src, 6) == 0)) {
		h = hop_of(c, p->mac_src, false);
		if (h != NULL && h->in++ == 0)
			h->first_in_frame = frame;
	}
}

const struct tri_hop *
tri_gateway(const struct tri_ctx *c, struct fl_addr *addr)
{
	const struct tri_hop *best = NULL;
	int i;

	for (i = 0; i < c->nhop; i++) {
		const struct tri_hop *h = &c->hop[i];

		if (h->ndst < 2)
			continue;
		if (best == NULL || h->out + h->in > best->out + best->in)
			best = h;
	}
	if (best != NULL && addr != NULL && !tri_arp_ip(c, best->mac, addr))
		memset(addr, 0, sizeof(*addr));
	return best;
}

bool
tri_via_gateway(const struct tri_ctx *c, const struct dec_pkt *p)
{
	const struct tri_hop *g = tri_gateway(c, NULL);

	return g != NULL && p->has_mac_src && memcmp(p->mac_src, g->mac, 6) == 0;
}

static size_t
name_slot(const struct fl_addr *a)
{
	return fl_addr_hash(a, 7) % TRI_NAME_SLOTS;
}

const char *
tri_name_of(const struct tri_ctx *c, const struct fl_addr *a)
{
	const struct tri_name_ent *e;

	if (c->opt.numeric || c->names == NULL || !fl_addr_is_set(a))
		return NULL;
	e = &c->names[name_slot(a)];
	return fl_addr_eq(&e->a, a) && e->name[0] != '\0' ? e->name : NULL;
}

void
tri_name_learn(struct tri_ctx *c, const struct fl_addr *a, const char *name)
{
	struct tri_name_ent *e;

	if (c->names == NULL && (c->names = calloc(TRI_NAME_SLOTS, sizeof(*c->names))) == NULL)
		return;
	e = &c->names[name_slot(a)];
	e->a = *a;
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->frame = c->cur_frame;
	e->ts = c->cur_ts;
	c->names_seen++;
}

const struct tri_name_ent *
tri_name_entry(const struct tri_ctx *c, const struct fl_addr *a)
{
	return tri_name_of(c, a) != NULL ? &c->names[name_slot(a)] : NULL;
}

const char *
tri_addr_text(const struct tri_ctx *c, const struct fl_addr *a, char *buf)
{
	char s[FL_ADDRSTRLEN];
	const char *n = tri_name_of(c, a);

	if (n != NULL)
		snprintf(buf, TRI_ADDR_TEXT, "%s (%s)", verdict_addr(a, s), n);
	else
		snprintf(buf, TRI_ADDR_TEXT, "%s", verdict_addr(a, s));
	return buf;
}

const char *
tri_mac_text(const uint8_t m[6], char *buf)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
	return buf;
}

struct tri_finding *
tri_add(struct tri_ctx *c, enum tri_sev sev, enum tri_layer layer, const char *kind,
    const struct fl_addr *addr, uint16_t port, uint32_t frame, int64_t ts, bool *merged)
{
	struct tri_finding *f = tri_finding_add(&c->f, sev, layer, kind, addr, port, frame, ts, merged);

	if (f != NULL)
		f->point = c->point;
	return f;
}

/*
 * Neighbour discovery is IPv6's ARP (RFC 4861 4.3, 4.4, 4.2): a
 * solicitation or a router's advertisement gives its sender's
 * link-layer address, a neighbour advertisement its target's.
 */
static void
ndp_learn(struct tri_ctx *c, uint32_t frame, const struct dec_pkt *p)
{
	const struct dec_ndp *n = &p->ndp;

	if (n->hlim_bad)
		return;
	if (n->has_sll && !fl_addr_unspec6(&p->ip.src))
		tri_arp_learn(c, &p->ip.src, n->sll, frame);
	if (n->type == 136 && n->has_tll)
		tri_arp_learn(c, &n->target, n->tll, frame);
}

bool
tri_ctx_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tri_ctx *c = ctx;
	struct tri_talker *t;

	c->cur_frame = frame;
	c->cur_ts = ts;
	if (c->frames++ == 0 || ts < c->first_ts)
		c->first_ts = ts;
	if (ts > c->last_ts)
		c->last_ts = ts;
	c->linktype = p->linktype;
	switch (p->status) {
	case DEC_TRUNCATED:
		c->truncated++;
		return false;
	case DEC_INVALID:
		c->invalid++;
		return false;
	case DEC_OTHER:
		/* An ARP sender is on the LAN: a capture of ARP alone still has a host. */
		if (p->is_arp && fl_addr_v4_host(&p->arp_spa) != 0 && !tri_addr_group(&p->arp_spa)) {
			t = talk(c, &p->arp_spa);
			t->sent++;
			t->sent_init++;
		}
		if (p->is_arp)
			c->arp_frames++;
		else
			c->other++;
		return false;
	default:
		break;
	}
	if (p->ip.src.family == 6) {
		c->ipv6++;
		if (p->is_ndp)
			ndp_learn(c, frame, p);
	} else {
		c->ipv4++;
	}
	if (!tri_addr_group(&p->ip.src) && !fl_addr_unspec6(&p->ip.src)) {
		t = talk(c, &p->ip.src);
		t->sent++;
		/* An initial TTL, or a low one a prober chose: sent from where the capture is. */
		if (tri_initial_ttl(p->ip.ttl) || p->ip.ttl < 32)
			t->sent_init++;
		if (p->has_mac_src && !t->has_mac) {
			memcpy(t->mac, p->mac_src, 6);
			t->has_mac = true;
		}
	}
	if (!tri_addr_group(&p->ip.dst))
		(void)talk(c, &p->ip.dst);
	/* A link-local destination is on the link by definition (RFC 4291 2.5.6), never beyond a hop. */
	if (!(p->ip.dst.family == 6 && (p->is_ndp || fl_addr_link_local6(&p->ip.dst))))
		note_hops(c, frame, p);
	return false;
}
