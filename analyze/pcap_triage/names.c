/*
 * DNS, per query (RFC 1035 section 4.1: header, question, answers; name
 * compression 4.1.4).  A query is one client asking one name and type,
 * to one or several resolvers, retries included; it is judged once it
 * has been idle 10 s in capture time: answered (how fast, by whom),
 * NXDOMAIN, SERVFAIL, REFUSED, or no answer after retries, and the same
 * name answered by one resolver and failing at another.
 *
 * What is normal is not a fault: NXDOMAIN for a search-list expansion
 * (the client also asked a shorter name that the failing one extends),
 * for a single-label name, for reverse (PTR) and service (SRV, TXT)
 * lookups; an empty answer (no AAAA record, say).  Answers teach the
 * capture's names: every A record names its address with the name
 * asked, as Wireshark's "resolve from the capture" does.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/packet/cursor.h"
#include "analyze/pcap_triage/flowtab.h"
#include "analyze/pcap_triage/readers.h"
#include "analyze/packet/view6.h"

#define NS		1000000000LL
#define Q_IDLE		(10 * NS)
#define MAX_RES		4
#define RECENT		512
#define SLOW_MS		1000.0

struct q_key {
	struct fl_addr	client;
	uint16_t	qtype;
	char		name[TRI_NAME_LEN];
};

struct q_res {
	struct fl_addr	addr;
	uint32_t	tx, rx;
	uint32_t	first_tx_frame, last_tx_frame, rx_frame, unreach_frame;
	int64_t		first_tx_ts, last_tx_ts, rx_ts;
	uint8_t		rcode;
	uint16_t	ancount;
	bool		unreach;
};

struct query {
	struct q_res	r[MAX_RES];
	int		nr;
	uint32_t	first_frame;
	int64_t		first_ts;
};

struct recent {
	struct fl_addr	client;
	char		name[TRI_NAME_LEN];
};

struct tri_names {
	struct tri_ctx	*c;
	struct flowtab	*q;
	struct recent	*recent;	/* RECENT names asked, a ring */
	size_t		 nrecent;
	struct fl_addr	 resolvers[8];
	int		 nresolvers;
	struct tri_dns_stats st;
};

struct dns_msg {
	uint16_t	id, flags, qd, an;
	char		qname[TRI_NAME_LEN];
	uint16_t	qtype;
	size_t		after_q;	/* offset of the answer section */
};

/*
 * A domain name at off, lowercased, labels joined by dots, bytes that
 * are not letters, digits, '-' or '_' written as \DDD (RFC 4343).
 * Compression pointers are followed, at most 64 of them; *end is the
 * offset after the name where it first appears.  False when malformed.
 */
static bool
dns_name(const struct cur *c, size_t off, char *out, size_t outlen, size_t *end)
{
	size_t o = off, n = 0, i;
	int jumps = 0;
	bool jumped = false;
	uint8_t len, b, lo;

	out[0] = '\0';
	for (;;) {
		if (!cur_u8(c, o, &len))
			return false;
		if ((len & 0xc0) == 0xc0) {
			if (!cur_u8(c, o + 1, &lo) || ++jumps > 64)
				return false;
			if (!jumped)
				*end = o + 2;
			jumped = true;
			o = (size_t)(len & 0x3f) << 8 | lo;
			continue;
		}
		if ((len & 0xc0) != 0)
			return false;
		if (len == 0) {
			if (!jumped)
				*end = o + 1;
			break;
		}
		if (!cur_has(c, o + 1, len))
			return false;
		if (n > 0 && n + 1 < outlen)
			out[n++] = '.';
		for (i = 0; i < len; i++) {
			if (!cur_u8(c, o + 1 + i, &b))
				return false;
			if (isalnum(b) || b == '-' || b == '_') {
				if (n + 1 < outlen)
					out[n++] = (char)tolower(b);
			} else if (n + 5 < outlen) {
				n += (size_t)snprintf(out + n, outlen - n, "\\%03u", b);
			}
		}
		o += 1 + (size_t)len;
	}
	if (n == 0 && outlen > 1) {
		out[0] = '.';
		n = 1;
	}
	out[n < outlen ? n : outlen - 1] = '\0';
	return true;
}

/* Header and first question; false when it is not a DNS message with one. */
static bool
dns_parse(const struct cur *c, struct dns_msg *m)
{
	size_t end = 0;

	memset(m, 0, sizeof(*m));
	if (!cur_be16(c, 0, &m->id) || !cur_be16(c, 2, &m->flags) || !cur_be16(c, 4, &m->qd) ||
	    !cur_be16(c, 6, &m->an) || m->qd < 1)
		return false;
	if ((m->flags >> 11 & 0xf) != 0)	/* opcode: only standard queries */
		return false;
	if (!dns_name(c, 12, m->qname, sizeof(m->qname), &end) || !cur_be16(c, end, &m->qtype) ||
	    !cur_has(c, end + 2, 2))
		return false;
	m->after_q = end + 4;
	return true;
}

/* The A records of an answer name the addresses with the name asked. */
static void
learn_answers(struct tri_names *n, const struct cur *c, const struct dns_msg *m)
{
	size_t o = m->after_q, end = 0;
	char owner[TRI_NAME_LEN];
	uint16_t type, rdlen, i;
	uint32_t v;
	struct fl_addr a;

	for (i = 0; i < m->an && i < 64; i++) {
		if (!dns_name(c, o, owner, sizeof(owner), &end) || !cur_be16(c, end, &type) ||
		    !cur_be16(c, end + 8, &rdlen) || !cur_has(c, end + 10, rdlen))
			return;
		if (type == 1 && rdlen == 4 && cur_be32(c, end + 10, &v)) {
			fl_addr_v4(&a, v);
			tri_name_learn(n->c, &a, m->qname);
		}
		o = end + 10 + rdlen;
	}
}

static const char *
qtype_name(uint16_t t)
{
	switch (t) {
	case 1: return "A";
	case 2: return "NS";
	case 5: return "CNAME";
	case 6: return "SOA";
	case 12: return "PTR";
	case 15: return "MX";
	case 16: return "TXT";
	case 28: return "AAAA";
	case 33: return "SRV";
	case 65: return "HTTPS";
	default: return "other";
	}
}

static const char *
rcode_name(uint8_t r)
{
	static const char *n[] = { "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",
		"REFUSED" };

	return r < 6 ? n[r] : "error";
}

static void
note_resolver(struct tri_names *n, const struct fl_addr *a)
{
	int i;

	for (i = 0; i < n->nresolvers; i++)
		if (fl_addr_eq(&n->resolvers[i], a))
			return;
	if (n->nresolvers < 8) {
		n->resolvers[n->nresolvers++] = *a;
		n->st.resolvers = (uint64_t)n->nresolvers;
	}
}

static struct q_res *
res_of(struct query *q, const struct fl_addr *a, bool create)
{
	int i;

	for (i = 0; i < q->nr; i++)
		if (fl_addr_eq(&q->r[i].addr, a))
			return &q->r[i];
	if (!create)
		return q->nr == 1 ? &q->r[0] : NULL;
	if (q->nr >= MAX_RES)
		return &q->r[MAX_RES - 1];
	memset(&q->r[q->nr], 0, sizeof(q->r[0]));
	q->r[q->nr].addr = *a;
	return &q->r[q->nr++];
}

/* Was name asked as a shorter name plus a search domain (the shorter one asked too)? */
static bool
search_expansion(const struct tri_names *n, const struct q_key *k)
{
	size_t i, len, klen = strlen(k->name);

	if (strchr(k->name, '.') == NULL)
		return true;	/* single label */
	for (i = 0; i < n->nrecent && i < RECENT; i++) {
		const struct recent *r = &n->recent[i];

		len = strlen(r->name);
		if (!fl_addr_eq(&r->client, &k->client) || len == 0 || len >= klen)
			continue;
		if (strncmp(k->name, r->name, len) == 0 && k->name[len] == '.')
			return true;
	}
	return false;
}

static void
remember(struct tri_names *n, const struct q_key *k)
{
	struct recent *r;

	if (n->recent == NULL && (n->recent = calloc(RECENT, sizeof(*n->recent))) == NULL)
		return;
	r = &n->recent[n->nrecent++ % RECENT];
	r->client = k->client;
	snprintf(r->name, sizeof(r->name), "%s", k->name);
}

static double
ms(int64_t a, int64_t b)
{
	return (double)(b - a) / 1e6;
}

/* A resolver that answers some other query in the capture is alive. */
static bool
answers_elsewhere(const struct tri_names *n, const struct fl_addr *a)
{
	int i;

	for (i = 0; i < n->nresolvers; i++)
		if (fl_addr_eq(&n->resolvers[i], a))
			return true;
	return false;
}

static void
judge_failure(struct tri_names *n, const struct q_key *k, const struct query *q,
    const struct q_res *bad, const struct q_res *good)
{
	struct tri_ctx *c = n->c;
	char rs[TRI_ADDR_TEXT], gs[TRI_ADDR_TEXT];
	const char *kind;
	struct tri_finding *f;
	bool merged;

	if (bad->rcode == 2)
		kind = good != NULL ? "dns-inconsistent" : "dns-servfail";
	else if (bad->rcode == 5)
		kind = "dns-refused";
	else
		kind = "dns-error";
	f = tri_add(c, TRI_FAULT, TL_DNS, kind, &bad->addr, 53, bad->first_tx_frame, q->first_ts,
	    &merged);
	if (f == NULL)
		return;
	tri_addr_text(c, &bad->addr, rs);
	tri_finding_who(f, FAULT_SERVER, TW_RESOLVER, CONF_CERTAIN, "the resolver %s", rs);
	if (!merged) {
		if (good != NULL)
			tri_finding_say(f, "The resolver %s answers %s for %s %s while %s answers "
			    "it: the same name works at one resolver and fails at the other, so the "
			    "failing one is broken (its upstream, its cache, or DNSSEC validation).",
			    rs, rcode_name(bad->rcode), qtype_name(k->qtype), k->name,
			    tri_addr_text(c, &good->addr, gs));
		else if (bad->rcode == 2)
			tri_finding_say(f, "The resolver %s answers SERVFAIL for %s %s in %.1f ms: "
			    "it could not get an answer from the name's servers (they are down or "
			    "broken, or DNSSEC validation fails).", rs, qtype_name(k->qtype), k->name,
			    ms(bad->first_tx_ts, bad->rx_ts));
		else if (bad->rcode == 5)
			tri_finding_say(f, "The resolver %s REFUSES to answer %s %s: it does not "
			    "serve this client (an access list), so the client is configured with "
			    "the wrong resolver or the resolver's access rules leave it out.", rs,
			    qtype_name(k->qtype), k->name);
		else
			tri_finding_say(f, "The resolver %s answers %s for %s %s.", rs,
			    rcode_name(bad->rcode), qtype_name(k->qtype), k->name);
	} else if (f->count == 2) {
		size_t len = strlen(f->summary);

		snprintf(f->summary + len, sizeof(f->summary) - len, " Other names fail the same way.");
	}
	tri_finding_fig(f, "queries", f->count);
	tri_finding_ev(f, bad->first_tx_frame, "%s %s? to %s", qtype_name(k->qtype), k->name, rs);
	tri_finding_ev(f, bad->rx_frame, "%s from %s in %.1f ms", rcode_name(bad->rcode), rs,
	    ms(bad->first_tx_ts, bad->rx_ts));
	if (good != NULL)
		tri_finding_ev(f, good->rx_frame, "%s answers it", gs);
}

static void
judge_nxdomain(struct tri_names *n, const struct q_key *k, const struct query *q,
    const struct q_res *r)
{
	struct tri_ctx *c = n->c;
	char rs[TRI_ADDR_TEXT];
	struct tri_finding *f;
	bool normal, merged;

	n->st.nxdomain++;
	normal = search_expansion(n, k) || (k->qtype != 1 && k->qtype != 28 && k->qtype != 5 &&
	    k->qtype != 65);
	if (normal)
		n->st.search_nx++;
	f = tri_add(c, normal ? TRI_NOTE : TRI_FAULT, TL_DNS, normal ? "dns-nxdomain-normal" :
	    "dns-nxdomain", &r->addr, 53, r->first_tx_frame, q->first_ts, &merged);
	if (f == NULL)
		return;
	tri_addr_text(c, &r->addr, rs);
	if (!merged) {
		tri_finding_who(f, normal ? FAULT_NONE : FAULT_CLIENT, TW_RESOLVER, CONF_CERTAIN,
		    "the resolver %s", rs);
		if (normal)
			tri_finding_say(f, "NXDOMAIN for %s %s from %s: %s, which clients ask as a "
			    "matter of course; not a fault.", qtype_name(k->qtype), k->name, rs,
			    strchr(k->name, '.') == NULL ? "a single-label name" :
			    search_expansion(n, k) ? "a search-list expansion of a shorter name the "
			    "client also asked" : "a reverse or service lookup");
		else
			tri_finding_say(f, "The name %s does not exist: the resolver %s answers "
			    "NXDOMAIN in %.1f ms. The resolver works; the name is misspelt, or its "
			    "DNS records are missing.", k->name, rs, ms(r->first_tx_ts, r->rx_ts));
		tri_finding_fig(f, "answer_ms", ms(r->first_tx_ts, r->rx_ts));
	} else if (!normal && f->count == 2) {
		size_t len = strlen(f->summary);

		snprintf(f->summary + len, sizeof(f->summary) - len, " Other names do not exist "
		    "either (see the evidence).");
	}
	tri_finding_fig(f, "names", f->count);
	tri_finding_ev(f, r->first_tx_frame, "%s %s? to %s", qtype_name(k->qtype), k->name, rs);
	tri_finding_ev(f, r->rx_frame, "NXDOMAIN for %s in %.1f ms", k->name,
	    ms(r->first_tx_ts, r->rx_ts));
}

static void
judge_silence(struct tri_names *n, const struct q_key *k, const struct query *q,
    const struct q_res *r, const struct q_res *good)
{
	struct tri_ctx *c = n->c;
	char rs[TRI_ADDR_TEXT], gs[TRI_ADDR_TEXT];
	struct tri_finding *f;
	const struct tri_hop *gw = tri_gateway(c, NULL);
	bool merged, alive = answers_elsewhere(n, &r->addr), gw_dead;
	double span = ms(r->first_tx_ts, r->last_tx_ts) / 1000;
	enum fault side;

	n->st.unanswered++;
	gw_dead = gw != NULL && gw->in == 0;
	if (r->unreach) {
		f = tri_add(c, TRI_FAULT, TL_DNS, "dns-port-unreachable", &r->addr, 53,
		    r->first_tx_frame, q->first_ts, &merged);
		if (f == NULL)
			return;
		tri_addr_text(c, &r->addr, rs);
		tri_finding_who(f, FAULT_SERVER, TW_RESOLVER, CONF_CERTAIN, "the resolver %s", rs);
		tri_finding_say(f, "%s answers the DNS query for %s with %s port unreachable: the "
		    "machine is up but no DNS server listens on it (the client is configured "
		    "with a resolver that is not one, or its DNS service is stopped).", rs, k->name,
		    r->addr.family == 6 ? "ICMPv6" : "ICMP");
		tri_finding_ev(f, r->first_tx_frame, "%s %s? to %s", qtype_name(k->qtype), k->name, rs);
		tri_finding_ev(f, r->unreach_frame, "port unreachable from %s", rs);
		return;
	}
	if (good != NULL) {
		f = tri_add(c, TRI_WARNING, TL_DNS, "dns-resolver-silent", &r->addr, 53,
		    r->first_tx_frame, q->first_ts, &merged);
		if (f == NULL)
			return;
		tri_addr_text(c, &r->addr, rs);
		tri_finding_who(f, FAULT_SERVER, TW_RESOLVER, CONF_LIKELY, "the resolver %s", rs);
		if (!merged)
			tri_finding_say(f, "The resolver %s never answers (%u quer%s for %s), while %s "
			    "does: the client loses time on a dead resolver before it tries the next.",
			    rs, r->tx, r->tx == 1 ? "y" : "ies", k->name, tri_addr_text(c, &good->addr, gs));
		tri_finding_ev(f, r->first_tx_frame, "%s %s? to %s: no answer", qtype_name(k->qtype),
		    k->name, rs);
		return;
	}
	side = alive ? FAULT_SERVER : gw_dead ? FAULT_CLIENT : FAULT_UNKNOWN;
	f = tri_add(c, TRI_FAULT, TL_DNS, "dns-no-answer", &r->addr, 53, r->first_tx_frame,
	    q->first_ts, &merged);
	if (f == NULL)
		return;
	tri_addr_text(c, &r->addr, rs);
	if (!merged) {
		tri_finding_who(f, side, TW_RESOLVER, alive ? CONF_LIKELY : CONF_AMBIGUOUS,
		    "the resolver %s", rs);
		tri_finding_say(f, "The resolver %s never answers: %u quer%s for %s %s over %.1f s, "
		    "no reply. %s", rs, r->tx, r->tx == 1 ? "y" : "ies", qtype_name(k->qtype), k->name,
		    span, alive ? "It answers other queries, so it is overloaded or drops some." :
		    gw_dead ? "Nothing comes back through the gateway at all (see the gateway "
		    "finding): the queries are lost beyond it." : "The resolver is down, or the "
		    "path to it drops DNS.");
	}
	tri_finding_fig(f, "queries", tri_finding_get(f, "queries") > 0 ?
	    tri_finding_get(f, "queries") + r->tx : r->tx);
	tri_finding_ev(f, r->first_tx_frame, "%s %s? to %s: no answer", qtype_name(k->qtype),
	    k->name, rs);
	if (r->last_tx_frame != r->first_tx_frame)
		tri_finding_ev(f, r->last_tx_frame, "%s %s? to %s again: no answer",
		    qtype_name(k->qtype), k->name, rs);
}

static void
judge_ok(struct tri_names *n, const struct q_key *k, const struct query *q, const struct q_res *r)
{
	struct tri_ctx *c = n->c;
	char rs[TRI_ADDR_TEXT];
	struct tri_finding *f;
	double t = ms(q->first_ts, r->rx_ts), first = ms(r->last_tx_ts, r->rx_ts);
	bool merged;
	uint32_t tx = 0;
	int i;

	n->st.answered++;
	n->st.answer_ms_sum += first;
	if (first > n->st.answer_ms_max)
		n->st.answer_ms_max = first;
	if (r->ancount == 0)
		n->st.empty++;
	for (i = 0; i < q->nr; i++)
		tx += q->r[i].tx;
	tri_addr_text(c, &r->addr, rs);
	if (tx > 1 && t >= 500) {
		f = tri_add(c, TRI_WARNING, TL_DNS, "dns-retried", &r->addr, 53, q->first_frame,
		    q->first_ts, &merged);
		if (f == NULL)
			return;
		tri_finding_who(f, FAULT_UNKNOWN, TW_RESOLVER, CONF_LIKELY, "the resolver %s", rs);
		if (!merged)
			tri_finding_say(f, "%s %s is answered only after %u queries, %.0f ms after the "
			    "first: the first queries or their answers were lost, and the client waited "
			    "for its retry timer.", qtype_name(k->qtype), k->name, tx, t);
		tri_finding_fig(f, "wait_ms", t);
		tri_finding_ev(f, q->first_frame, "%s %s?: no answer to this one", qtype_name(k->qtype),
		    k->name);
		tri_finding_ev(f, r->rx_frame, "answered by %s", rs);
	} else if (first >= SLOW_MS) {
		f = tri_add(c, TRI_WARNING, TL_DNS, "dns-slow", &r->addr, 53, r->first_tx_frame,
		    q->first_ts, &merged);
		if (f == NULL)
			return;
		tri_finding_who(f, FAULT_SERVER, TW_RESOLVER, CONF_LIKELY, "the resolver %s", rs);
		if (!merged)
			tri_finding_say(f, "The resolver %s takes %.0f ms to answer %s %s: every "
			    "connection to a new name waits that long first.", rs, first,
			    qtype_name(k->qtype), k->name);
		tri_finding_fig(f, "answer_ms", first);
		tri_finding_ev(f, r->rx_frame, "answer after %.0f ms", first);
	}
}

static void
q_done(void *ctx, void *data, bool evicted)
{
	struct tri_names *n = ctx;
	struct query *q = data;
	const struct q_key *k = flowtab_key(n->q, data);
	const struct q_res *good = NULL, *bad = NULL, *nx = NULL, *silent = NULL;
	int i;

	(void)evicted;
	n->st.queries++;
	for (i = 0; i < q->nr; i++) {
		const struct q_res *r = &q->r[i];

		if (r->rx > 0 && r->rcode == 0 && good == NULL)
			good = r;
		else if (r->rx > 0 && r->rcode == 3 && nx == NULL)
			nx = r;
		else if (r->rx > 0 && r->rcode != 0 && r->rcode != 3 && bad == NULL)
			bad = r;
		else if (r->rx == 0 && silent == NULL)
			silent = r;
	}
	if (bad != NULL) {
		if (bad->rcode == 2)
			n->st.servfail++;
		else if (bad->rcode == 5)
			n->st.refused++;
		else
			n->st.other_rcode++;
		judge_failure(n, k, q, bad, good);
	}
	if (nx != NULL && good == NULL)
		judge_nxdomain(n, k, q, nx);
	if (good != NULL)
		judge_ok(n, k, q, good);
	if (silent != NULL && bad == NULL && nx == NULL) {
		/* One query at the very end of the capture had no time to be answered. */
		if (silent->tx < 2 && !silent->unreach && n->c->last_ts - silent->first_tx_ts < 3 * NS)
			return;
		judge_silence(n, k, q, silent, good);
	}
}

/* An ICMP error quoting a DNS answer (source port 53): the client refused it. */
static void
dns_icmp(struct tri_names *n, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	const struct dec_ip *qi = &p->err.q_ip;
	struct tri_finding *f;
	char rs[TRI_ADDR_TEXT], cs[TRI_ADDR_TEXT];
	bool merged;

	if (p->l4.icmp_type != 3)
		return;
	/* sport 53: the resolver's answer reached a port already closed. */
	f = tri_add(n->c, TRI_NOTE, TL_DNS, "dns-late-answer", &qi->src, 53, frame, ts, &merged);
	if (f == NULL)
		return;
	tri_addr_text(n->c, &qi->src, rs);
	tri_addr_text(n->c, &qi->dst, cs);
	if (!merged) {
		tri_finding_who(f, FAULT_NONE, TW_RESOLVER, CONF_LIKELY, "the resolver %s", rs);
		tri_finding_say(f, "%s refuses (%s port unreachable) an answer from the resolver %s: "
		    "the answer came after the client had stopped waiting for it (a slow or "
		    "duplicated answer). Not a fault unless names fail too.", cs, dec_icmp_proto(p),
		    rs);
	}
	tri_finding_ev(f, frame, "port unreachable from %s for the answer of %s", cs, rs);
}

/* The ICMP error for a query: find the query by client and resolver. */
struct unreach_scan {
	struct tri_names	*n;
	struct fl_addr		 cli, srv;
	uint32_t		 frame;
};

static void
mark_unreach(void *ctx, void *data)
{
	struct unreach_scan *u = ctx;
	struct query *q = data;
	const struct q_key *k = flowtab_key(u->n->q, data);
	int i;

	if (!fl_addr_eq(&k->client, &u->cli))
		return;
	for (i = 0; i < q->nr; i++)
		if (fl_addr_eq(&q->r[i].addr, &u->srv) && !q->r[i].unreach) {
			q->r[i].unreach = true;
			q->r[i].unreach_frame = u->frame;
		}
}

bool
tri_names_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tri_names *n = ctx;
	struct dns_msg m;
	struct q_key k;
	struct query *q;
	struct q_res *r;
	bool created, resp;

	flowtab_expire(n->q, ts);
	if (p->status != DEC_OK)
		return false;
	if (p->is_icmp_err && p->err.q_ip.proto == 17 && (p->err.q_l4.have & L4_PORTS)) {
		if (p->err.q_l4.dport == 53 && p->l4.icmp_type == 3) {
			struct unreach_scan u = { n, p->err.q_ip.src, p->err.q_ip.dst, frame };

			flowtab_each(n->q, mark_unreach, &u);
		} else if (p->err.q_l4.sport == 53) {
			dns_icmp(n, frame, ts, p);
		}
		return false;
	}
	if (p->ip.proto != 17 || !(p->l4.have & L4_PORTS) ||
	    (p->l4.sport != 53 && p->l4.dport != 53))
		return false;
	if (!dns_parse(&p->payload, &m))
		return false;
	resp = (m.flags & 0x8000) != 0;
	if (resp != (p->l4.sport == 53))
		return false;
	memset(&k, 0, sizeof(k));
	k.client = resp ? p->ip.dst : p->ip.src;
	k.qtype = m.qtype;
	snprintf(k.name, sizeof(k.name), "%s", m.qname);
	q = flowtab_get(n->q, &k, ts, Q_IDLE, !resp, &created);
	if (q == NULL)
		return false;
	if (created) {
		q->first_frame = frame;
		q->first_ts = ts;
		remember(n, &k);
	}
	if (!resp) {
		r = res_of(q, &p->ip.dst, true);
		if (r->tx++ == 0) {
			r->first_tx_frame = frame;
			r->first_tx_ts = ts;
		}
		r->last_tx_frame = frame;
		r->last_tx_ts = ts;
		return false;
	}
	r = res_of(q, &p->ip.src, false);
	if (r == NULL)
		return false;
	note_resolver(n, &r->addr);
	if (r->rx++ == 0) {
		r->rx_frame = frame;
		r->rx_ts = ts;
		r->rcode = (uint8_t)(m.flags & 0xf);
		r->ancount = m.an;
	}
	if (r->rcode == 0)
		learn_answers(n, &p->payload, &m);
	return false;
}

struct tri_names *
tri_names_new(struct tri_ctx *c)
{
	struct tri_names *n = calloc(1, sizeof(*n));

	if (n == NULL)
		return NULL;
	n->c = c;
	n->q = flowtab_new(sizeof(struct q_key), sizeof(struct query), c->opt.max_flows, q_done, n);
	if (n->q == NULL) {
		free(n);
		return NULL;
	}
	return n;
}

void
tri_names_finish(struct tri_names *n)
{
	flowtab_drain(n->q);
}

const struct tri_dns_stats *
tri_names_stats(const struct tri_names *n)
{
	return &n->st;
}

void
tri_names_free(struct tri_names *n)
{
	if (n == NULL)
		return;
	flowtab_free(n->q);
	free(n->recent);
	free(n);
}
