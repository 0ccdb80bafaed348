/*
 * ICMP (RFC 792; codes of RFC 1122 3.2.2.1, RFC 1812 5.2.7.1; the
 * next-hop MTU of RFC 1191): every error with the router that sent it
 * and the packet it quotes, pings, and traceroutes.
 *
 * A traceroute is a flow whose packets leave with at least three
 * different low TTLs (below 32); its time-exceeded answers are its
 * hops, never a fault.  Time exceeded for a packet this host sent with
 * an ordinary TTL is a routing loop (the packet circled until its TTL
 * ran out).  Errors quoting a TCP SYN are the handshake's (tcp.c, with
 * synprobe's rules); errors quoting UDP are the application's or DNS's
 * (apps.c, names.c); fragmentation needed is read here, whatever it
 * quotes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/packet/view6.h"
#include "analyze/pcap_triage/flowtab.h"
#include "analyze/pcap_triage/readers.h"

#define NS		1000000000LL
#define TR_IDLE		(120 * NS)
#define PING_IDLE	(10 * NS)
#define LOOP_IDLE	(60 * NS)
#define TR_MAX_TTL	40
#define TR_PROBES	32
#define LOW_TTL		32

struct flow_key {
	struct fl_addr	src, dst;
	uint8_t		proto;
};

struct tr_probe {
	uint32_t	id;		/* echo sequence, UDP ports, TCP sequence */
	uint8_t		ttl;
	int64_t		ts;
	uint32_t	frame;
};

struct tr_hop {
	struct fl_addr	addr;
	double		min_rtt;	/* ms; NAN when never answered */
	uint16_t	sent, answered;
	int64_t		first_ts, last_ts;	/* its first probe; its last probe or answer */
	uint32_t	frame;
};

struct trace {
	uint64_t	ttls;		/* bit t-1: TTL t was used */
	int		nttls;
	struct tr_probe	probe[TR_PROBES];
	unsigned int	np;
	struct tr_hop	hop[TR_MAX_TTL + 1];
	int		dest_hop;	/* the TTL the destination answered at, 0 none */
	double		dest_rtt;
	uint32_t	first_frame, dest_frame;
	int64_t		first_ts;
	uint64_t	probes;
};

struct ping_key {
	struct fl_addr	src, dst;
	uint16_t	id, seq;
};

struct ping {
	int64_t		ts;
	uint32_t	frame, reply_frame, err_frame;
	uint8_t		ttl;
	bool		answered, error;
};

struct loop_key {
	struct fl_addr	router, dst;
};

struct loop {
	uint32_t	count, first_frame, last_frame;
	int64_t		first_ts;
	struct fl_addr	src;
};

struct tri_icmp {
	struct tri_ctx	*c;
	struct flowtab	*traces, *pings, *loops;
	/* pings, per destination group, for the summary note */
	uint64_t	 echo_sent, echo_answered, echo_unanswered;
	double		 echo_rtt_min;
	struct fl_addr	 echo_dst;
	uint32_t	 echo_frame;
	bool		 echo_many;
};

static const char *
unreach_name(uint8_t code)
{
	static const char *n[] = { "net unreachable", "host unreachable", "protocol unreachable",
		"port unreachable", "fragmentation needed", "source route failed",
		"destination network unknown", "destination host unknown", "source host isolated",
		"network administratively prohibited", "host administratively prohibited",
		"network unreachable for TOS", "host unreachable for TOS",
		"communication administratively prohibited", "host precedence violation",
		"precedence cutoff in effect" };

	return code < 16 ? n[code] : "unreachable";
}

/* The message's name in the frame's family (view6.h): ICMPv6 errors by their own names. */
static const char *
err_name(const struct dec_pkt *p, uint8_t type, uint8_t code)
{
	if (p->ip.src.family == 6)
		return dec_icmp_name_pkt(p, type, code);
	return type == 3 ? unreach_name(code) : dec_icmp_name(type, code);
}

/* The identifier of a probe, as its packet and an ICMP quote of it both show it. */
static bool
probe_id(uint8_t proto, const struct dec_l4 *l4, uint32_t *id)
{
	if (proto == 1 && (l4->have & L4_ICMPID))
		*id = (uint32_t)l4->echo_id << 16 | l4->echo_seq;
	else if (proto == 17 && (l4->have & L4_PORTS))
		*id = (uint32_t)l4->sport << 16 | l4->dport;
	else if (proto == 6 && (l4->have & L4_TCPSEQ))
		*id = l4->seq;
	else
		return false;
	return true;
}

static void
flow_key(struct flow_key *k, const struct fl_addr *src, const struct fl_addr *dst, uint8_t proto)
{
	memset(k, 0, sizeof(*k));
	k->src = *src;
	k->dst = *dst;
	k->proto = proto;
}

static bool
is_trace(const struct trace *t)
{
	return t->nttls >= 3;
}

static void
trace_done(void *ctx, void *data, bool evicted)
{
	struct tri_icmp *m = ctx;
	struct trace *t = data;
	const struct flow_key *k = flowtab_key(m->traces, data);
	struct tri_ctx *c = m->c;
	char d[TRI_ADDR_TEXT], steps[200] = "", silent[120] = "", pauses[120] = "";
	struct tri_finding *f;
	double prev = NAN, best1 = 0, best2 = 0;
	int ttl, last = 0, b1 = 0, b2 = 0, answered = 0, nsilent = 0, npause = 0;
	int64_t prev_ts = 0;
	size_t o;

	(void)evicted;
	if (!is_trace(t))
		return;
	for (ttl = 1; ttl <= TR_MAX_TTL; ttl++) {
		const struct tr_hop *h = &t->hop[ttl];

		if (h->sent == 0)
			continue;
		last = ttl;
		/* A pause: the tool waited after the previous hop's last probe or answer. */
		if (prev_ts != 0 && h->first_ts - prev_ts > 3500 * 1000000LL && npause < 8) {
			o = strlen(pauses);
			snprintf(pauses + o, sizeof(pauses) - o, "%s%d", npause ? ", " : "", ttl);
			npause++;
		}
		prev_ts = h->last_ts;
		if (t->dest_hop > 0 && ttl >= t->dest_hop)
			break;
		if (h->answered == 0) {
			if (nsilent < 8) {
				o = strlen(silent);
				snprintf(silent + o, sizeof(silent) - o, "%s%d", nsilent ? ", " : "", ttl);
			}
			nsilent++;
			continue;
		}
		answered++;
		if (!isnan(prev) && h->min_rtt - prev > best1) {
			best2 = best1;
			b2 = b1;
			best1 = h->min_rtt - prev;
			b1 = ttl;
		} else if (!isnan(prev) && h->min_rtt - prev > best2) {
			best2 = h->min_rtt - prev;
			b2 = ttl;
		}
		prev = h->min_rtt;
	}
	if (b1 > 0)
		snprintf(steps, sizeof(steps), "; the round trip steps up most at hop %d (+%.1f ms)",
		    b1, best1);
	if (b2 > 0 && best2 >= 1) {
		o = strlen(steps);
		snprintf(steps + o, sizeof(steps) - o, " and hop %d (+%.1f ms)", b2, best2);
	}
	f = tri_add(c, TRI_NOTE, TL_IP, "traceroute", &k->dst, 0, t->first_frame, t->first_ts, NULL);
	if (f == NULL)
		return;
	tri_addr_text(c, &k->dst, d);
	tri_finding_who(f, FAULT_NONE, TW_PATH, CONF_CERTAIN, "the path to %s", d);
	if (t->dest_hop > 0)
		tri_finding_say(f, "A traceroute (%s) to %s: the destination answers at hop %d in "
		    "%.1f ms, %d router%s answer on the way%s.%s%s%s%s%s%s Routers that do not answer, "
		    "and time-exceeded for low TTLs, are normal in a traceroute, not faults.",
		    k->proto == 1 ? (k->dst.family == 6 ? "ICMPv6" : "ICMP") : k->proto == 17 ?
		    "UDP" : "TCP", d, t->dest_hop,
		    t->dest_rtt, answered, answered == 1 ? "" : "s", steps,
		    nsilent ? " Silent hops: " : "", silent, nsilent ? "." : "",
		    npause ? " It pauses 3.5 s or more before hops " : "", npause ? pauses : "",
		    npause ? "." : "");
	else
		tri_finding_say(f, "A traceroute (%s) to %s: %d of %d hops answer and the destination "
		    "never does%s.%s%s%s Routers that do not answer, and time-exceeded for low TTLs, "
		    "are normal in a traceroute, not faults.",
		    k->proto == 1 ? (k->dst.family == 6 ? "ICMPv6" : "ICMP") : k->proto == 17 ?
		    "UDP" : "TCP", d, answered, last,
		    steps, nsilent ? " Silent hops: " : "", silent, nsilent ? "." : "");
	if (npause > 0 && t->dest_hop > 0) {
		o = strlen(f->summary);
		snprintf(f->summary + o, sizeof(f->summary) - o, " The pauses are the tool's own "
		    "waits (its reverse DNS lookups of each hop, say), outside the capture.");
	}
	tri_finding_fig(f, "hops", t->dest_hop > 0 ? t->dest_hop : last);
	if (t->dest_hop > 0)
		tri_finding_fig(f, "destination_ms", t->dest_rtt);
	tri_finding_fig(f, "probes", (double)t->probes);
	tri_finding_ev(f, t->first_frame, "the first probe (ttl %d)", (int)__builtin_ctzll(t->ttls) + 1);
	if (t->dest_frame != 0)
		tri_finding_ev(f, t->dest_frame, "the destination answers");
}

/* A packet with a low TTL: a traceroute probe, perhaps. */
static void
note_probe(struct tri_icmp *m, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct flow_key k;
	struct trace *t;
	struct tr_probe *pr;
	bool created;
	uint32_t id;

	if (!probe_id(p->ip.proto, &p->l4, &id))
		return;
	flow_key(&k, &p->ip.src, &p->ip.dst, p->ip.proto);
	t = flowtab_get(m->traces, &k, ts, TR_IDLE, true, &created);
	if (t == NULL)
		return;
	if (created) {
		t->first_frame = frame;
		t->first_ts = ts;
		memset(t->hop, 0, sizeof(t->hop));
		for (int i = 0; i <= TR_MAX_TTL; i++)
			t->hop[i].min_rtt = NAN;
	}
	t->probes++;
	if (p->ip.ttl >= 1 && p->ip.ttl <= 64 && !(t->ttls & (1ull << (p->ip.ttl - 1)))) {
		t->ttls |= 1ull << (p->ip.ttl - 1);
		t->nttls++;
	}
	if (p->ip.ttl >= 1 && p->ip.ttl <= TR_MAX_TTL) {
		struct tr_hop *h = &t->hop[p->ip.ttl];

		if (h->sent++ == 0) {
			h->first_ts = ts;
			h->frame = frame;
		}
		h->last_ts = ts;
	}
	pr = &t->probe[t->np++ % TR_PROBES];
	pr->id = id;
	pr->ttl = p->ip.ttl;
	pr->ts = ts;
	pr->frame = frame;
}

static const struct tr_probe *
find_probe(const struct trace *t, uint32_t id)
{
	unsigned int i, n = t->np < TR_PROBES ? t->np : TR_PROBES;

	for (i = 0; i < n; i++) {
		const struct tr_probe *pr = &t->probe[(t->np - 1 - i) % TR_PROBES];

		if (pr->id == id)
			return pr;
	}
	return NULL;
}

/* An answer to a traceroute's probe: a hop, or the destination. */
static void
trace_answer(struct trace *t, const struct tr_probe *pr, const struct fl_addr *from, bool dest,
    uint32_t frame, int64_t ts)
{
	double rtt = (double)(ts - pr->ts) / 1e6;
	struct tr_hop *h;

	if (pr->ttl < 1 || pr->ttl > TR_MAX_TTL)
		return;
	h = &t->hop[pr->ttl];
	h->answered++;
	if (ts > h->last_ts)
		h->last_ts = ts;
	if (!fl_addr_is_set(&h->addr))
		h->addr = *from;
	if (isnan(h->min_rtt) || rtt < h->min_rtt)
		h->min_rtt = rtt;
	if (dest && (t->dest_hop == 0 || pr->ttl < t->dest_hop)) {
		t->dest_hop = pr->ttl;
		t->dest_rtt = rtt;
		t->dest_frame = frame;
	} else if (dest && pr->ttl == t->dest_hop && rtt < t->dest_rtt) {
		t->dest_rtt = rtt;
	}
}

/* Whether an ICMP error (or an echo reply, a SYN-ACK...) answers a traceroute; true when it did. */
static bool
trace_reply(struct tri_icmp *m, uint32_t frame, int64_t ts, const struct fl_addr *src,
    const struct fl_addr *dst, uint8_t proto, uint32_t id, const struct fl_addr *from, bool dest)
{
	struct flow_key k;
	struct trace *t;
	const struct tr_probe *pr;

	flow_key(&k, src, dst, proto);
	/* Kept even before the flow has three TTLs: the first hops answer before the third is sent. */
	t = flowtab_get(m->traces, &k, ts, TR_IDLE, false, NULL);
	if (t == NULL || (pr = find_probe(t, id)) == NULL)
		return false;
	trace_answer(t, pr, from, dest, frame, ts);
	return true;
}

static void
loop_done(void *ctx, void *data, bool evicted)
{
	struct tri_icmp *m = ctx;
	struct loop *l = data;
	const struct loop_key *k = flowtab_key(m->loops, data);
	char r[TRI_ADDR_TEXT], d[TRI_ADDR_TEXT], s[TRI_ADDR_TEXT];
	struct tri_finding *f;

	(void)evicted;
	f = tri_add(m->c, l->count >= 2 ? TRI_FAULT : TRI_WARNING, TL_IP, "routing-loop", &k->router,
	    0, l->first_frame, l->first_ts, NULL);
	if (f == NULL)
		return;
	tri_addr_text(m->c, &k->router, r);
	tri_addr_text(m->c, &k->dst, d);
	tri_finding_who(f, FAULT_PATH, TW_ROUTER, l->count >= 2 ? CONF_LIKELY : CONF_AMBIGUOUS,
	    "a router at %s", r);
	tri_finding_say(f, "Packets from %s to %s, sent with an ordinary TTL, expire on the way "
	    "(%u time-exceeded from %s): a routing loop sends them round until their TTL runs "
	    "out; %s is in the loop.", tri_addr_text(m->c, &l->src, s), d, l->count, r, r);
	tri_finding_fig(f, "expired", l->count);
	tri_finding_ev(f, l->first_frame, "time exceeded from %s for a packet to %s", r, d);
	if (l->last_frame != l->first_frame)
		tri_finding_ev(f, l->last_frame, "time exceeded again");
}

static void
ping_done(void *ctx, void *data, bool evicted)
{
	struct tri_icmp *m = ctx;
	struct ping *pg = data;
	const struct ping_key *k = flowtab_key(m->pings, data);

	(void)evicted;
	if (pg->answered || pg->error)
		return;
	/* The last second of the capture: no time for an answer. */
	if (m->c->last_ts - pg->ts < NS)
		return;
	m->echo_unanswered++;
	if (!fl_addr_is_set(&m->echo_dst)) {
		m->echo_dst = k->dst;
		m->echo_frame = pg->frame;
	} else if (!fl_addr_eq(&m->echo_dst, &k->dst)) {
		m->echo_many = true;
	}
}

/* An ICMP error this reader reports: who sent it, about what. */
static void
report_error(struct tri_icmp *m, uint32_t frame, int64_t ts, const struct dec_pkt *p,
    const char *what, uint32_t probe_frame, double rtt)
{
	struct tri_ctx *c = m->c;
	const struct dec_ip *q = &p->err.q_ip;
	uint8_t type = p->l4.icmp_type, code = p->l4.icmp_code;
	bool from_dest = fl_addr_eq(&p->ip.src, &q->dst), merged;
	char r[TRI_ADDR_TEXT], d[TRI_ADDR_TEXT], s[TRI_ADDR_TEXT];
	const char *kind;
	enum tri_sev sev = TRI_FAULT;
	enum fault side = from_dest ? FAULT_SERVER : FAULT_PATH;
	struct tri_finding *f;

	if (type == 3) {
		switch (code) {
		case 0: case 6: case 11:
			kind = "net-unreachable";
			break;
		case 1: case 7: case 12:
			kind = "host-unreachable";
			break;
		case 2:
			kind = "protocol-unreachable";
			break;
		case 3:
			kind = "port-unreachable";
			break;
		case 9: case 10: case 13:
			kind = "admin-prohibited";
			break;
		default:
			kind = "unreachable";
			break;
		}
	} else if (type == 5) {
		kind = "redirect";
		sev = TRI_WARNING;
		side = FAULT_CLIENT;
	} else if (type == 11) {
		kind = "reassembly-time-exceeded";
		sev = TRI_WARNING;
	} else if (type == 12) {
		kind = "parameter-problem";
		sev = TRI_WARNING;
	} else {
		kind = "source-quench";
		sev = TRI_NOTE;
		side = FAULT_NONE;
	}
	f = tri_add(c, sev, TL_IP, kind, &p->ip.src, 0, frame, ts, &merged);
	if (f == NULL)
		return;
	tri_addr_text(c, &p->ip.src, r);
	tri_addr_text(c, &q->dst, d);
	tri_addr_text(c, &q->src, s);
	if (!merged) {
		if (from_dest)
			tri_finding_who(f, side, TW_SERVER, CONF_CERTAIN, "%s", r);
		else
			tri_finding_who(f, side, TW_ROUTER, CONF_CERTAIN, "a router at %s (%d hop%s "
			    "away)", r, tri_hops(p->ip.ttl) + 1, tri_hops(p->ip.ttl) == 0 ? "" : "s");
		if (type == 3 && !from_dest)
			tri_finding_say(f, "The router %s answers %s from %s to %s with %s %s%s: it "
			    "%s, so nothing gets through to %s there.", r, what, s, d,
			    dec_icmp_proto(p), err_name(p, type, code),
			    rtt >= 0 ? (rtt < 1000 ? ", at once" : ", after a wait") : "", (code == 9 || code == 10 || code == 13) ?
			    "filters the traffic (an access list or firewall)" : code == 1 ?
			    (p->ip.src.family == 6 ? "cannot deliver to the host (no route, or the host "
			    "does not answer its neighbour solicitation)" : "cannot deliver to the host "
			    "(no route, or the host does not answer its ARP)") : "has no route to the "
			    "network", d);
		else if (type == 3)
			tri_finding_say(f, "%s itself answers %s from %s with %s %s: %s.", r, what, s,
			    dec_icmp_proto(p), err_name(p, type, code), (code == 9 || code == 10 || code == 13) ?
			    "its firewall refuses the traffic" : code == 2 ?
			    "it does not speak that protocol" : "it refuses the traffic");
		else if (type == 5)
			tri_finding_say(f, "The router %s redirects %s: for %s, another router on the "
			    "same LAN is the better first hop. This host's routes send the traffic the "
			    "long way (its gateway setting, or a missing route).", r, s, d);
		else if (type == 11)
			tri_finding_say(f, "%s could not reassemble a fragmented packet from %s in "
			    "time: some fragments were lost on the way.", r, s);
		else if (type == 12)
			tri_finding_say(f, "%s rejects a packet from %s to %s as malformed (parameter "
			    "problem): a header or option it does not accept.", r, s, d);
		else
			tri_finding_say(f, "%s sends source quench for traffic from %s (an obsolete "
			    "signal, RFC 6633).", r, s);
		if (rtt >= 0)
			tri_finding_fig(f, "answer_ms", rtt);
		tri_finding_fig(f, "hops_away", tri_hops(p->ip.ttl) + 1);
	}
	tri_finding_fig(f, "errors", f->count);
	if (probe_frame != 0)
		tri_finding_ev(f, probe_frame, "%s from %s to %s", what, s, d);
	if (rtt >= 0)
		tri_finding_ev(f, frame, "%s %s from %s, %.1f ms after it", dec_icmp_proto(p),
		    err_name(p, type, code), r, rtt);
	else
		tri_finding_ev(f, frame, "%s %s from %s quoting it", dec_icmp_proto(p),
		    err_name(p, type, code), r);
}

/* Fragmentation needed (RFC 1191): path MTU discovery at work, or a sender that does not listen. */
static void
frag_needed(struct tri_icmp *m, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tri_ctx *c = m->c;
	char r[TRI_ADDR_TEXT], s[TRI_ADDR_TEXT], d[TRI_ADDR_TEXT];
	struct tri_finding *f;
	bool merged;

	f = tri_add(c, TRI_NOTE, TL_IP, "fragmentation-needed", &p->ip.src, p->err.mtu, frame, ts,
	    &merged);
	if (f == NULL)
		return;
	tri_addr_text(c, &p->ip.src, r);
	if (!merged) {
		tri_finding_who(f, FAULT_NONE, TW_ROUTER, CONF_CERTAIN, "a router at %s", r);
		tri_finding_say(f, "The router %s reports that packets from %s to %s (%u bytes%s) "
		    "do not fit its next link (MTU %u): path MTU discovery at work. A "
		    "problem only if the sender keeps sending large packets (see TCP).", r,
		    tri_addr_text(c, &p->err.q_ip.src, s), tri_addr_text(c, &p->err.q_ip.dst, d),
		    p->err.q_ip.tot_len, p->ip.src.family == 6 ? "; IPv6 routers never fragment" :
		    ", DF set", p->err.mtu);
		tri_finding_fig(f, "mtu", p->err.mtu);
	}
	if (f->count >= 10 && f->sev == TRI_NOTE) {
		f->sev = TRI_WARNING;
		f->side = FAULT_CLIENT;
		tri_finding_say(f, "The router %s keeps reporting that packets from %s (%u bytes) "
		    "do not fit its MTU of %u (%u times): the sender does not lower its packet size "
		    "(its path MTU discovery does not work, or the ICMP does not reach it).", r,
		    tri_addr_text(c, &p->err.q_ip.src, s), p->err.q_ip.tot_len, p->err.mtu, f->count);
	}
	tri_finding_fig(f, "reports", f->count);
	tri_finding_ev(f, frame, "%s, MTU %u, from %s", p->ip.src.family == 6 ? "packet too big" :
	    "fragmentation needed", p->err.mtu, r);
}

static void
icmp_error(struct tri_icmp *m, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	const struct dec_ip *q = &p->err.q_ip;
	const struct dec_l4 *ql = &p->err.q_l4;
	uint8_t type = p->l4.icmp_type, code = p->l4.icmp_code;
	bool dest = fl_addr_eq(&p->ip.src, &q->dst);
	struct flow_key fk;
	uint32_t id;

	if (!p->quote_ok)
		return;
	if (type == 3 && code == 4) {
		frag_needed(m, frame, ts, p);
		return;
	}
	if (probe_id(q->proto, ql, &id) &&
	    trace_reply(m, frame, ts, &q->src, &q->dst, q->proto, id, &p->ip.src, dest))
		return;
	if (q->proto == 17)
		return;		/* apps.c and names.c */
	if (q->proto == 6 && (!(ql->have & L4_TCPHDR) || (ql->tcp_flags & TCP_SYN)))
		return;		/* the handshake's: tcp.c */
	if (type == 11 && code == 0) {
		struct loop_key lk;
		struct loop *l;
		bool created;

		/* A probe of a flow that used low TTLs is a traceroute's. */
		flow_key(&fk, &q->src, &q->dst, q->proto);
		if (flowtab_get(m->traces, &fk, ts, TR_IDLE, false, NULL) != NULL)
			return;
		if (!tri_is_host(m->c, &q->src))
			return;
		memset(&lk, 0, sizeof(lk));
		lk.router = p->ip.src;
		lk.dst = q->dst;
		l = flowtab_get(m->loops, &lk, ts, LOOP_IDLE, true, &created);
		if (l == NULL)
			return;
		if (created) {
			l->first_frame = frame;
			l->first_ts = ts;
			l->src = q->src;
		}
		l->count++;
		l->last_frame = frame;
		return;
	}
	if (q->proto == 1 && (ql->have & L4_ICMPID) && (ql->icmp_type == 8)) {
		struct ping_key k;
		struct ping *pg;

		memset(&k, 0, sizeof(k));
		k.src = q->src;
		k.dst = q->dst;
		k.id = ql->echo_id;
		k.seq = ql->echo_seq;
		pg = flowtab_get(m->pings, &k, ts, PING_IDLE, false, NULL);
		if (pg != NULL) {
			pg->error = true;
			pg->err_frame = frame;
			report_error(m, frame, ts, p, "the echo request", pg->frame,
			    (double)(ts - pg->ts) / 1e6);
			return;
		}
		report_error(m, frame, ts, p, "an echo request", 0, -1);
		return;
	}
	report_error(m, frame, ts, p, q->proto == 6 ? "a TCP segment" : "a packet", 0, -1);
}

static void
echo(struct tri_icmp *m, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct ping_key k;
	struct ping *pg;
	bool created;

	memset(&k, 0, sizeof(k));
	k.id = p->l4.echo_id;
	k.seq = p->l4.echo_seq;
	if (p->l4.icmp_type == 8) {
		k.src = p->ip.src;
		k.dst = p->ip.dst;
		pg = flowtab_get(m->pings, &k, ts, PING_IDLE, true, &created);
		if (pg == NULL || !created)
			return;
		pg->ts = ts;
		pg->frame = frame;
		pg->ttl = p->ip.ttl;
		m->echo_sent++;
		return;
	}
	k.src = p->ip.dst;
	k.dst = p->ip.src;
	(void)trace_reply(m, frame, ts, &k.src, &k.dst, 1, (uint32_t)k.id << 16 | k.seq, &p->ip.src,
	    true);
	pg = flowtab_get(m->pings, &k, ts, PING_IDLE, false, NULL);
	if (pg == NULL || pg->answered)
		return;
	pg->answered = true;
	pg->reply_frame = frame;
	m->echo_answered++;
	if (m->echo_rtt_min == 0 || (double)(ts - pg->ts) / 1e6 < m->echo_rtt_min)
		m->echo_rtt_min = (double)(ts - pg->ts) / 1e6;
}

bool
tri_icmp_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tri_icmp *m = ctx;

	flowtab_expire(m->traces, ts);
	flowtab_expire(m->pings, ts);
	flowtab_expire(m->loops, ts);
	if (p->status != DEC_OK || p->ip.frag != 0)
		return false;
	/* Low TTLs that are not a host's initial one: traceroute probes, perhaps. */
	if (p->ip.ttl < LOW_TTL && !tri_initial_ttl(p->ip.ttl) && !p->is_icmp_err &&
	    !(p->ip.proto == 1 && p->l4.icmp_type == 0) && p->ip.proto != IPPROTO6_ICMPV6)
		note_probe(m, frame, ts, p);
	if (p->ip.proto != 1 || !(p->l4.have & L4_ICMP))
		return false;
	if (p->is_icmp_err)
		icmp_error(m, frame, ts, p);
	else if ((p->l4.icmp_type == 8 || p->l4.icmp_type == 0) && (p->l4.have & L4_ICMPID))
		echo(m, frame, ts, p);
	return false;
}

struct tri_icmp *
tri_icmp_new(struct tri_ctx *c)
{
	struct tri_icmp *m = calloc(1, sizeof(*m));
	size_t max = c->opt.max_flows;

	if (m == NULL)
		return NULL;
	m->c = c;
	m->traces = flowtab_new(sizeof(struct flow_key), sizeof(struct trace), max / 8 + 16,
	    trace_done, m);
	m->pings = flowtab_new(sizeof(struct ping_key), sizeof(struct ping), max, ping_done, m);
	m->loops = flowtab_new(sizeof(struct loop_key), sizeof(struct loop), 1024, loop_done, m);
	if (m->traces == NULL || m->pings == NULL || m->loops == NULL) {
		tri_icmp_free(m);
		return NULL;
	}
	return m;
}

void
tri_icmp_finish(struct tri_icmp *m)
{
	struct tri_finding *f;
	char d[TRI_ADDR_TEXT];

	flowtab_drain(m->pings);
	flowtab_drain(m->traces);
	flowtab_drain(m->loops);
	if (m->echo_unanswered >= 3 && m->echo_answered == 0) {
		f = tri_add(m->c, TRI_NOTE, TL_IP, "ping-unanswered", &m->echo_dst, 0, m->echo_frame,
		    0, NULL);
		if (f != NULL) {
			tri_addr_text(m->c, &m->echo_dst, d);
			tri_finding_who(f, FAULT_NONE, TW_SERVER, CONF_AMBIGUOUS, "%s%s", d,
			    m->echo_many ? " and others" : "");
			tri_finding_say(f, "%llu echo requests to %s%s get no answer and no error: the "
			    "host is down, or ICMP echo is filtered (common, so not a fault alone).",
			    (unsigned long long)m->echo_unanswered, d, m->echo_many ? " and others" : "");
			tri_finding_fig(f, "unanswered", (double)m->echo_unanswered);
			tri_finding_ev(f, m->echo_frame, "echo request to %s: no answer", d);
		}
	}
}

void
tri_icmp_free(struct tri_icmp *m)
{
	if (m == NULL)
		return;
	flowtab_free(m->traces);
	flowtab_free(m->pings);
	flowtab_free(m->loops);
	free(m);
}
