/*
 * The host reader (host.h): attempts from outside that this host never
 * asked for, grouped by remote source and port, with its answers; the
 * ports it exposes; remote calls from outside its local networks; the
 * programs it downloaded (host_dl.c); and, at the end, the local
 * networks, the findings ranked by their chain of evidence, and the
 * sentence the verdict gives when there is no network fault.
 *
 * A TCP SYN from another machine opens a group; a UDP datagram does too
 * unless it is a reply within UDP_WINDOW of a datagram the receiver sent
 * to that address from that port (a TFTP server answers from a new port:
 * the remote port is not part of the match), or LAN chatter (broadcast,
 * multicast, DHCP, late DNS answers).  Which groups are this host's, and
 * which sources are outside, is decided at the end, once both are known.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/pcap_triage/flowtab.h"
#include "analyze/common/distinct.h"
#include "analyze/pcap_triage/host.h"
#include "analyze/pcap_triage/readers.h"

#define NS		1000000000LL
#define UDP_WINDOW	(30 * NS)
#define FOREVER		(INT64_MAX / 4)
#define CHAIN_S		3600.0	/* a remote call or inbound answer this long before a download counts */
#define LOOKUP_S	10.0	/* a lookup this long before a download is its lookup */
#define SENDERS		64

struct gkey {
	struct fl_addr	src, dst;
	uint16_t	port;
	uint8_t		proto;
};

struct ukey {
	struct fl_addr	local, remote;
	uint16_t	lport;
};

struct sender {
	struct fl_addr	a;
	uint32_t	frame;
	int64_t		ts;
	uint64_t	syns;		/* connections it opened */
};

/*
 * SYNs to one address and port, for floods: how many, from how many
 * sources (linear counting over a bitmap: Whang et al., 1990), how many
 * of those sources went on to finish a handshake, and the answers.
 */
#define SRC_BITS	4096
#define FLOOD_SYNS	100	/* a flood: this many SYNs at least, */
#define FLOOD_SOURCES	50	/* from this many sources, */
#define FLOOD_RATE	20.0	/* at this rate (a second) */
#define SENT_BITS	(1u << 16)
#define BACKSCATTER	20	/* unsolicited SYN-ACKs and resets, */
#define BACKSCATTER_SRC	10	/* from this many sources */

struct fkey {
	struct fl_addr	dst;
	uint16_t	port;
};

struct flood {
	uint8_t		 src[SRC_BITS / 8], done[SRC_BITS / 8];
	uint64_t	 syns, synack, rst;
	uint32_t	 first_frame;
	int64_t		 first_ts, last_ts;
};

/* SYN-ACKs and resets arriving at one address on no connection it opened. */
struct scatter {
	uint8_t		 src[SRC_BITS / 8];
	uint64_t	 synack, rst;
	uint32_t	 first_frame, last_frame;
	int64_t		 first_ts, last_ts;
};

struct tri_hostr {
	struct tri_ctx	*c;
	struct flowtab	*groups, *sent, *floods, *scatters;
	uint8_t		*tuples;	/* SENT_BITS: 4-tuples some address sent a segment on */
	struct host_dls	*dls;
	struct host_p2p	*p2p;
	struct host_call calls[HOST_MAX_CALLS];
	size_t		 ncalls;
	struct sender	 senders[SENDERS];
	int		 nsenders;
	uint32_t	 dhcp_frame;
	int64_t		 dhcp_ts;
	struct fl_addr	 dhcp_yiaddr;
	uint32_t	 dhcp_mask;
	/* groups gathered at the end */
	struct host_group *all;
	size_t		 nall, capall;
	struct tri_host_result r;
	struct host_dl	*dl;
};

/* ---- gathering ---- */

static struct host_group *
group(struct tri_hostr *h, const struct fl_addr *src, const struct fl_addr *dst, uint16_t port,
    uint8_t proto, int64_t ts, bool create)
{
	struct gkey k;
	struct host_group *g;
	bool created;

	memset(&k, 0, sizeof(k));
	k.src = *src;
	k.dst = *dst;
	k.port = port;
	k.proto = proto;
	g = flowtab_get(h->groups, &k, ts, FOREVER, create, &created);
	if (g != NULL && created) {
		g->src = *src;
		g->dst = *dst;
		g->port = port;
		g->proto = proto;
	}
	return g;
}

static void
attempt(struct host_group *g, uint32_t frame, int64_t ts)
{
	if (g->attempts++ == 0) {
		g->first_frame = frame;
		g->first_ts = ts;
	}
	g->last_frame = frame;
	g->last_ts = ts;
}

static struct host_call *
call_for(struct tri_hostr *h, const struct fl_addr *src, const struct fl_addr *dst, uint16_t sport,
    uint16_t dport, uint8_t proto, bool create)
{
	size_t i;

	for (i = h->ncalls; i-- > 0;) {
		struct host_call *k = &h->calls[i];

		if (k->proto == proto && k->dport == dport && fl_addr_eq(&k->src, src) &&
		    fl_addr_eq(&k->dst, dst) && (proto == 17 || k->sport == sport))
			return k;
	}
	if (!create || h->ncalls >= HOST_MAX_CALLS)
		return NULL;
	memset(&h->calls[h->ncalls], 0, sizeof(h->calls[0]));
	h->calls[h->ncalls].src = *src;
	h->calls[h->ncalls].dst = *dst;
	h->calls[h->ncalls].sport = sport;
	h->calls[h->ncalls].dport = dport;
	h->calls[h->ncalls].proto = proto;
	return &h->calls[h->ncalls++];
}

static void
call_opened(struct host_call *k, const struct rpc_pdu *r, uint32_t frame, int64_t ts, bool cl)
{
	char u[37];
	const char *n;

	k->count++;
	if (k->frame == 0) {
		k->frame = frame;
		k->ts = ts;
	}
	if (r->ptype == 0 && k->request_frame == 0) {
		k->request_frame = frame;
		k->opnum = r->opnum;
	}
	if (r->has_uuid && k->iface[0] == '\0') {
		n = rpc_iface_name(r->uuid, r->le, u);
		snprintf(k->iface, sizeof(k->iface), "%s", n != NULL ? n : u);
		if (cl && n != NULL && strstr(n, "Messenger") != NULL && r->opnum == 0)
			snprintf(k->what, sizeof(k->what), "NetrSendMessage (Messenger)");
	}
	if (k->what[0] == '\0')
		snprintf(k->what, sizeof(k->what), "DCE/RPC %s%s", rpc_ptype_name(r->ptype),
		    cl ? " over UDP" : "");
}

static void
call_answered(struct host_call *k, const struct rpc_pdu *r, uint32_t frame)
{
	const char *s;

	if (k->answer_frame != 0 && r->ptype != 3 && r->ptype != 2)
		return;
	k->answer_frame = frame;
	switch (r->ptype) {
	case 12: case 15:
		if (r->has_result && r->result == 0) {
			snprintf(k->answer, sizeof(k->answer), "accepted the bind");
			k->accepted = true;
		} else
			snprintf(k->answer, sizeof(k->answer), "rejected the bind (%s)",
			    r->result == 2 ? "provider rejection" : "user rejection");
		break;
	case 13:
		snprintf(k->answer, sizeof(k->answer), "refused the bind (bind_nak)");
		break;
	case 3: case 6:
		s = rpc_status_name(r->status);
		if (s != NULL)
			snprintf(k->answer, sizeof(k->answer), "answered with a fault: %s", s);
		else
			snprintf(k->answer, sizeof(k->answer), "answered with a fault, status 0x%08x",
			    r->status);
		break;
	case 2:
		snprintf(k->answer, sizeof(k->answer), "ran it and sent a response");
		k->accepted = true;
		break;
	default:
		snprintf(k->answer, sizeof(k->answer), "answered with %s", rpc_ptype_name(r->ptype));
		break;
	}
}

static uint32_t
tuple_hash(const struct fl_addr *a, uint16_t ap, const struct fl_addr *b, uint16_t bp)
{
	return (fl_addr_hash(a, ap) * 2654435761u) ^ (fl_addr_hash(b, bp) * 40503u);
}

static struct flood *
flood_of(struct tri_hostr *h, const struct fl_addr *dst, uint16_t port, int64_t ts, bool create)
{
	struct fkey k;
	struct flood *f;
	bool created;

	memset(&k, 0, sizeof(k));
	k.dst = *dst;
	k.port = port;
	f = flowtab_get(h->floods, &k, ts, FOREVER, create, &created);
	if (f != NULL && created)
		f->first_ts = ts;
	return f;
}

/*
 * Floods and backscatter: every SYN counted by its destination and port;
 * every segment's 4-tuple remembered for its sender, so that a SYN-ACK or
 * a reset that arrives on a tuple its receiver never sent on is an answer
 * to a SYN someone else sent with the receiver's address.
 */
static void
tcp_count(struct tri_hostr *h, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	uint8_t fl = p->l4.tcp_flags;
	struct flood *f;

	if ((fl & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
		if ((f = flood_of(h, &p->ip.dst, p->l4.dport, ts, true)) != NULL) {
			if (f->syns++ == 0)
				f->first_frame = frame;
			f->last_ts = ts;
			(void)distinct_add(f->src, SRC_BITS, fl_addr_hash(&p->ip.src, 0));
		}
	} else if ((fl & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK) || (fl & TCP_RST)) {
		/* this address's answer to SYNs on its port */
		if ((f = flood_of(h, &p->ip.src, p->l4.sport, ts, false)) != NULL) {
			if (fl & TCP_SYN)
				f->synack++;
			else
				f->rst++;
		}
		if (!distinct_has(h->tuples, SENT_BITS,
		    tuple_hash(&p->ip.dst, p->l4.dport, &p->ip.src, p->l4.sport))) {
			struct scatter *sc;
			bool created;

			sc = flowtab_get(h->scatters, &p->ip.dst, ts, FOREVER, true, &created);
			if (sc != NULL) {
				if (created) {
					sc->first_frame = frame;
					sc->first_ts = ts;
				}
				sc->last_frame = frame;
				sc->last_ts = ts;
				if (fl & TCP_SYN)
					sc->synack++;
				else
					sc->rst++;
				(void)distinct_add(sc->src, SRC_BITS, fl_addr_hash(&p->ip.src, 0));
			}
		}
	} else if (!(fl & TCP_SYN) && (f = flood_of(h, &p->ip.dst, p->l4.dport, ts, false)) != NULL)
		/* a source that goes on after its SYN: a real client */
		(void)distinct_add(f->done, SRC_BITS, fl_addr_hash(&p->ip.src, 0));
	(void)distinct_add(h->tuples, SENT_BITS, tuple_hash(&p->ip.src, p->l4.sport, &p->ip.dst, p->l4.dport));
}

static void
tcp_frame(struct tri_hostr *h, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	uint8_t fl = p->l4.tcp_flags;
	struct host_group *g;
	struct rpc_pdu r;
	bool smb2;
	uint8_t cmd;

	tcp_count(h, frame, ts, p);

	if ((fl & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
		/*
		 * An active FTP data connection comes from port 20: asked for, not
		 * an attempt.  Which address is this host is known only at the
		 * end (the first frames may be an outsider's), so every SYN opens
		 * a group and judge() keeps those to this host.
		 */
		if (p->l4.sport != 20 && !tri_addr_group(&p->ip.dst) &&
		    (g = group(h, &p->ip.src, &p->ip.dst, p->l4.dport, 6, ts, true)) != NULL)
			attempt(g, frame, ts);
		return;
	}
	/* The answer to one: from the port attempted, back to the source. */
	g = group(h, &p->ip.dst, &p->ip.src, p->l4.sport, 6, ts, false);
	if (g != NULL) {
		if ((fl & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK)) {
			if (g->synack++ == 0)
				g->answer_frame = frame;
		} else if (fl & TCP_RST) {
			if (g->rst++ == 0 && g->synack == 0)
				g->answer_frame = frame;
		}
		if (p->payload.len > 0) {
			struct host_call *k = call_for(h, &p->ip.dst, &p->ip.src, p->l4.dport, p->l4.sport,
			    6, false);

			if (k != NULL && rpc_co_parse(&p->payload, &r))
				call_answered(k, &r, frame);
			else if (k != NULL && k->answer_frame == 0 && rpc_smb_parse(&p->payload, &smb2, &cmd)) {
				k->answer_frame = frame;
				snprintf(k->answer, sizeof(k->answer), "answered in SMB%s", smb2 ? "2" : "");
				k->accepted = true;
			}
		}
		return;
	}
	if (p->payload.len == 0)
		return;
	/* Data on a connection an outsider opened: a remote call? */
	g = group(h, &p->ip.src, &p->ip.dst, p->l4.dport, 6, ts, false);
	if (g == NULL)
		return;
	if (rpc_co_parse(&p->payload, &r) && (r.ptype == 0 || r.ptype == 11 || r.ptype == 14)) {
		struct host_call *k = call_for(h, &p->ip.src, &p->ip.dst, p->l4.sport, p->l4.dport, 6,
		    true);

		if (k != NULL)
			call_opened(k, &r, frame, ts, false);
	} else if (rpc_smb_parse(&p->payload, &smb2, &cmd)) {
		struct host_call *k = call_for(h, &p->ip.src, &p->ip.dst, p->l4.sport, p->l4.dport, 6,
		    true);

		if (k != NULL) {
			k->count++;
			if (k->frame == 0) {
				k->frame = frame;
				k->ts = ts;
				snprintf(k->what, sizeof(k->what), "SMB%s (command 0x%02x)",
				    smb2 ? "2" : "", cmd);
			}
		}
	}
}

static bool
udp_recent(struct tri_hostr *h, const struct fl_addr *local, uint16_t lport,
    const struct fl_addr *remote, int64_t ts)
{
	struct ukey k;
	int64_t *last;

	memset(&k, 0, sizeof(k));
	k.local = *local;
	k.lport = lport;
	k.remote = *remote;
	last = flowtab_get(h->sent, &k, ts, UDP_WINDOW, false, NULL);
	return last != NULL && ts - *last <= UDP_WINDOW;
}

static void
udp_sent(struct tri_hostr *h, const struct fl_addr *local, uint16_t lport,
    const struct fl_addr *remote, int64_t ts)
{
	struct ukey k;
	int64_t *last;

	memset(&k, 0, sizeof(k));
	k.local = *local;
	k.lport = lport;
	k.remote = *remote;
	last = flowtab_get(h->sent, &k, ts, UDP_WINDOW, true, NULL);
	if (last != NULL)
		*last = ts;
}

/* RFC 2131 4.3.1: a DHCPACK's yiaddr (16) and its subnet mask (option 1). */
static void
dhcp_answer(struct tri_hostr *h, const struct cur *c)
{
	uint32_t yi, cookie, mask = 0;
	uint8_t op, t, l, type = 0;
	size_t off = 240;

	if (!cur_u8(c, 0, &op) || op != 2 || !cur_be32(c, 16, &yi) || !cur_be32(c, 236, &cookie) ||
	    cookie != 0x63825363)
		return;
	while (cur_u8(c, off, &t) && t != 255) {
		if (t == 0) {
			off++;
			continue;
		}
		if (!cur_u8(c, off + 1, &l))
			return;
		if (t == 1 && l == 4)
			(void)cur_be32(c, off + 2, &mask);
		if (t == 53 && l == 1)
			(void)cur_u8(c, off + 2, &type);
		off += 2 + (size_t)l;
	}
	if (type == 5 && mask != 0 && yi != 0) {
		fl_addr_v4(&h->dhcp_yiaddr, yi);
		h->dhcp_mask = mask;
	}
}

static void
udp_frame(struct tri_hostr *h, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	const struct fl_addr *s = &p->ip.src, *d = &p->ip.dst;
	uint16_t sp = p->l4.sport, dp = p->l4.dport;
	struct host_group *g;
	struct rpc_pdu r;

	if (sp == 68 && dp == 67) {
		if (h->dhcp_frame == 0) {
			h->dhcp_frame = frame;
			h->dhcp_ts = ts;
		}
		return;
	}
	if (sp == 67 && dp == 68) {
		dhcp_answer(h, &p->payload);
		return;
	}
	/* An answer from the port an outsider tried. */
	g = group(h, d, s, sp, 17, ts, false);
	if (g != NULL) {
		if (g->replies++ == 0 && g->unreach == 0)
			g->answer_frame = frame;
		if (rpc_cl_parse(&p->payload, &r)) {
			struct host_call *k = call_for(h, d, s, dp, sp, 17, false);

			if (k != NULL)
				call_answered(k, &r, frame);
		}
	}
	if (!tri_addr_group(d))
		udp_sent(h, s, sp, d, ts);
	if (tri_addr_group(d) || sp == 53 || sp == 123)
		return;
	if (udp_recent(h, d, dp, s, ts))
		return;		/* a reply inside the receiver's request window */
	g = group(h, s, d, dp, 17, ts, true);
	if (g == NULL)
		return;
	attempt(g, frame, ts);
	if (rpc_cl_parse(&p->payload, &r) && (r.ptype == 0 || r.ptype == 1)) {
		struct host_call *k = call_for(h, s, d, sp, dp, 17, true);

		if (k != NULL)
			call_opened(k, &r, frame, ts, true);
	}
}

static void
icmp_frame(struct tri_hostr *h, uint32_t frame, const struct dec_pkt *p)
{
	const struct dec_ip *q = &p->err.q_ip;
	struct host_group *g;
	struct host_call *k;

	if (p->l4.icmp_type != 3 || !(p->err.q_l4.have & L4_PORTS))
		return;
	g = group(h, &q->src, &q->dst, p->err.q_l4.dport, q->proto, 0, false);
	if (g == NULL || !fl_addr_eq(&p->ip.src, &q->dst))
		return;
	if (g->unreach++ == 0 && g->replies == 0 && g->synack == 0)
		g->answer_frame = frame;
	k = call_for(h, &q->src, &q->dst, p->err.q_l4.sport, p->err.q_l4.dport, q->proto, false);
	if (k != NULL && k->answer_frame == 0) {
		k->answer_frame = frame;
		snprintf(k->answer, sizeof(k->answer), "answered ICMP %s: nothing listens there",
		    dec_icmp_name(p->l4.icmp_type, p->l4.icmp_code));
	}
}

bool
tri_hostr_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tri_hostr *h = ctx;

	host_dls_feed(h->dls, frame, ts, p);
	host_p2p_feed(h->p2p, frame, ts, p);
	host_talk_feed(&h->r.talk, ts, p);
	flowtab_expire(h->sent, ts);
	if (p->status != DEC_OK || p->ip.frag != 0)
		return false;
	/* The first own packet of each sender: when its stack came up (DHCP aside). */
	if (h->nsenders < SENDERS && fl_addr_v4_host(&p->ip.src) != 0 && !tri_addr_group(&p->ip.src) &&
	    !(p->ip.proto == 17 && p->l4.sport == 68)) {
		int i;

		for (i = 0; i < h->nsenders; i++)
			if (fl_addr_eq(&h->senders[i].a, &p->ip.src))
				break;
		if (i == h->nsenders) {
			h->senders[i].a = p->ip.src;
			h->senders[i].frame = frame;
			h->senders[i].ts = ts;
			h->nsenders++;
		}
	}
	for (int i = 0; p->ip.proto == 6 && (p->l4.have & L4_TCPHDR) &&
	    (p->l4.tcp_flags & (TCP_SYN | TCP_ACK)) == TCP_SYN && i < h->nsenders; i++)
		if (fl_addr_eq(&h->senders[i].a, &p->ip.src))
			h->senders[i].syns++;
	if (p->is_icmp_err && p->quote_ok)
		icmp_frame(h, frame, p);
	else if (p->ip.proto == 6 && (p->l4.have & L4_TCPHDR))
		tcp_frame(h, frame, ts, p);
	else if (p->ip.proto == 17 && (p->l4.have & L4_PORTS))
		udp_frame(h, frame, ts, p);
	return false;
}

/* ---- services ---- */

/*
 * UDP services by port; answers: the protocol answers every request it
 * takes, so its silence means something (apps_udp.c).  Not DHCP (link.c's),
 * nor STUN or SIP, which offices block on purpose (a softphone or a
 * browser's WebRTC then falls back), nor the one-way ones.
 */
static const struct udp_svc {
	uint16_t	 port;
	const char	*name;
	bool		 answers;
} udp_svcs[] = {
	{ 53, "DNS", true }, { 67, "DHCP", false }, { 69, "TFTP", true }, { 88, "Kerberos", true },
	{ 111, "the RPC portmapper", true }, { 123, "NTP", true },
	{ 135, "the DCE/RPC endpoint mapper", false }, { 137, "NetBIOS name service", true },
	{ 138, "NetBIOS datagram service", false }, { 161, "SNMP", true }, { 389, "CLDAP", true },
	{ 464, "Kerberos password change", true }, { 500, "IKE", true }, { 514, "syslog", false },
	{ 520, "RIP", false }, { 1645, "RADIUS", true }, { 1812, "RADIUS", true },
	{ 1434, "the SQL Server browser", true }, { 1646, "RADIUS accounting", true },
	{ 1813, "RADIUS accounting", true }, { 2049, "NFS", true }, { 3478, "STUN", false },
	{ 4500, "IKE (NAT traversal)", false }, { 5060, "SIP", false },
};

static const struct udp_svc *
udp_svc(uint16_t port)
{
	size_t i;

	for (i = 0; i < sizeof(udp_svcs) / sizeof(udp_svcs[0]); i++)
		if (udp_svcs[i].port == port)
			return &udp_svcs[i];
	return NULL;
}

const char *
host_udp_service(uint16_t port)
{
	const struct udp_svc *v = udp_svc(port);

	return v != NULL ? v->name : NULL;
}

bool
host_udp_answers(uint16_t port)
{
	const struct udp_svc *v = udp_svc(port);

	return v != NULL && v->answers;
}

/* ---- judging ---- */

static void
gather(void *ctx, void *data)
{
	struct tri_hostr *h = ctx;
	const struct host_group *g = data;

	if (h->nall == h->capall) {
		size_t n = h->capall ? h->capall * 2 : 256;
		void *v = realloc(h->all, n * sizeof(*h->all));

		if (v == NULL)
			return;
		h->all = v;
		h->capall = n;
	}
	h->all[h->nall++] = *g;
}

static void
add_net(struct tri_host_result *r, uint32_t net, int len, const char *how)
{
	uint32_t mask = len <= 0 ? 0 : len >= 32 ? 0xffffffffu : ~((1u << (32 - len)) - 1);
	int i;

	for (i = 0; i < r->nnets; i++)
		if (r->nets[i].net == (net & mask) && r->nets[i].mask == mask)
			return;
	if (r->nnets >= HOST_MAX_NETS)
		return;
	r->nets[r->nnets].net = net & mask;
	r->nets[r->nnets].mask = mask;
	r->nets[r->nnets++].how = how;
}

static int
mask_len(uint32_t m)
{
	int n = 0;

	while (m & 0x80000000u) {
		n++;
		m <<= 1;
	}
	return n;
}

/*
 * The local networks: --local; else the DHCP answer's mask; else the
 * smallest prefix (between /16 and /24) that holds this host and every
 * address ARP showed within its /16.  Private ranges (RFC 1918 and the
 * like) are never taken for outsiders.
 */
static void
local_nets(struct tri_hostr *h, const struct fl_addr *host)
{
	struct tri_host_result *r = &h->r;
	const struct tri_ctx *c = h->c;
	uint32_t a = fl_addr_v4_host(host), lo = a, hi = a;
	char s[FL_ADDRSTRLEN];
	int i, len;

	for (i = 0; i < c->opt.nlocal && i < 8; i++)
		add_net(r, c->opt.local_net[i], mask_len(c->opt.local_mask[i]), "--local");
	if (r->nnets > 0) {
		snprintf(r->assumed, sizeof(r->assumed), "the local networks given with --local");
		return;
	}
	if (h->dhcp_mask != 0 && fl_addr_eq(&h->dhcp_yiaddr, host)) {
		add_net(r, a, mask_len(h->dhcp_mask), "DHCP");
		snprintf(r->assumed, sizeof(r->assumed), "this host's network from its DHCP answer "
		    "(/%d); private ranges are not outsiders", mask_len(h->dhcp_mask));
		return;
	}
	for (i = 0; i < TRI_ARP_SLOTS; i++) {
		uint32_t v = fl_addr_v4_host(&c->arp[i].ip);

		if (c->arp[i].ip.family == 4 && v != 0 && (v >> 16) == (a >> 16)) {
			if (v < lo)
				lo = v;
			if (v > hi)
				hi = v;
		}
	}
	for (len = 24; len > 16; len--) {
		uint32_t m = ~((1u << (32 - len)) - 1);

		if ((lo & m) == (hi & m))
			break;
	}
	add_net(r, a, len, lo != hi ? "ARP" : "this host's address");
	snprintf(r->assumed, sizeof(r->assumed), "%s/%d, %s; private ranges are not outsiders "
	    "(--local PREFIX to say otherwise)", verdict_addr(host, s) ? s : "", len, lo != hi ?
	    "the smallest prefix holding this host and the addresses ARP showed" :
	    "this host's /24 (no DHCP answer or ARP to say more)");
	{
		struct fl_addr n;

		fl_addr_v4(&n, a & ~((1u << (32 - len)) - 1));
		snprintf(r->assumed, sizeof(r->assumed), "%s/%d, %s; private ranges are not "
		    "outsiders (--local PREFIX to say otherwise)", verdict_addr(&n, s), len, lo != hi ?
		    "the smallest prefix holding this host and the addresses ARP showed" :
		    "this host's /24 (no DHCP answer or ARP to say more)");
	}
}

static bool
outside(const struct tri_host_result *r, const struct fl_addr *a)
{
	uint32_t v = fl_addr_v4_host(a);
	int i;

	if (a->family != 4 || tri_addr_private(a) || tri_addr_group(a) || v == 0)
		return false;
	for (i = 0; i < r->nnets; i++)
		if ((v & r->nets[i].mask) == r->nets[i].net)
			return false;
	return true;
}

static int
group_cmp(const void *a, const void *b)
{
	const struct host_group *x = a, *y = b;

	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	return x->first_frame < y->first_frame ? -1 : x->first_frame > y->first_frame;
}

/* Per port, what the inbound attempts drew. */
struct port_sum {
	uint16_t	port;
	uint8_t		proto;
	uint32_t	attempts, sources, rst, synack, unreach, replies, early;
	uint32_t	first_frame, open_frame, open_syn_frame, answer_frame;
	struct fl_addr	open_src;
	int64_t		first_ts, open_ts;
};

static const char *
answer_word(const struct port_sum *s)
{
	if (s->synack > 0 || s->replies > 0)
		return "answered: open";
	if (s->rst > 0)
		return "RST: closed";
	if (s->unreach > 0)
		return "ICMP unreachable";
	return "silence";
}

/* Open ports first, then the most tried. */
static int
port_cmp(const void *a, const void *b)
{
	const struct port_sum *x = a, *y = b;
	bool ox = x->open_frame != 0, oy = y->open_frame != 0;

	if (ox != oy)
		return ox ? -1 : 1;
	if (x->attempts != y->attempts)
		return x->attempts > y->attempts ? -1 : 1;
	return x->port < y->port ? -1 : x->port > y->port;
}

struct flood_walk {
	struct tri_hostr	*h;
	const struct fl_addr	*host;
	const char		*hs;
	bool			 warn;
	char			 clause[200];
};

/*
 * A spoofed SYN flood at this host: many SYNs to one port, nearly every
 * one from a source never seen before, and nearly none of those sources
 * finishing a handshake (a busy server's clients do), at a rate no
 * retrying client keeps up.
 */
static void
flood_judge(void *ctx, void *data)
{
	struct flood_walk *w = ctx;
	struct flood *f = data;
	const struct fkey *k = flowtab_key(w->h->floods, data);
	double srcs, done, secs, rate;
	struct tri_finding *t;

	if (!fl_addr_eq(&k->dst, w->host) || f->syns < FLOOD_SYNS)
		return;
	srcs = distinct_count(f->src, SRC_BITS);
	done = floor(distinct_count(f->done, SRC_BITS) + 0.5);
	secs = (double)(f->last_ts - f->first_ts) / 1e9;
	rate = secs > 0 ? (double)f->syns / secs : 0;
	if (srcs < FLOOD_SOURCES || srcs < 0.5 * (double)f->syns || done > 0.1 * srcs ||
	    rate < FLOOD_RATE)
		return;
	t = tri_add(w->h->c, TRI_WARNING, TL_HOST, "syn-flood", w->host, k->port, f->first_frame,
	    f->first_ts, NULL);
	if (t == NULL)
		return;
	w->warn = true;
	t->rank = 45;
	tri_finding_who(t, FAULT_NONE, TW_HOST, CONF_LIKELY, "this host, %s TCP port %u", w->hs, k->port);
	tri_finding_say(t, "A SYN flood at this host's TCP port %u: %llu SYNs from about %.0f sources "
	    "in %.1f s (%.0f a second), nearly each source seen once and %.0f of them finishing a "
	    "handshake: spoofed addresses, not clients. This host answered %llu SYN-ACKs and %llu "
	    "resets into the void.", k->port, (unsigned long long)f->syns, srcs, secs, rate, done,
	    (unsigned long long)f->synack, (unsigned long long)f->rst);
	tri_finding_fig(t, "syns", (double)f->syns);
	tri_finding_fig(t, "sources", srcs);
	tri_finding_fig(t, "duration_s", secs);
	tri_finding_fig(t, "rate_per_s", rate);
	tri_finding_fig(t, "completed", done);
	tri_finding_fig(t, "syn_acks", (double)f->synack);
	tri_finding_ev(t, f->first_frame, "the first SYN of the flood");
	if (w->clause[0] == '\0')
		snprintf(w->clause, sizeof(w->clause), "is the target of a SYN flood on TCP port %u "
		    "(%llu SYNs from about %.0f spoofed sources, %.0f a second over %.1f s)", k->port,
		    (unsigned long long)f->syns, srcs, rate, secs);
}

/* Answers to SYNs this host never sent: someone uses its address (RFC 4987 3.1: backscatter). */
static void
scatter_judge(struct tri_hostr *h, const struct fl_addr *host, const char *hs)
{
	struct scatter *sc = flowtab_get(h->scatters, host, 0, FOREVER, false, NULL);
	struct tri_finding *t;
	double srcs, secs;

	if (sc == NULL || sc->synack + sc->rst < BACKSCATTER)
		return;
	srcs = distinct_count(sc->src, SRC_BITS);
	if (srcs < BACKSCATTER_SRC)
		return;
	secs = (double)(sc->last_ts - sc->first_ts) / 1e9;
	t = tri_add(h->c, TRI_NOTE, TL_HOST, "backscatter", host, 0, sc->first_frame, sc->first_ts,
	    NULL);
	if (t == NULL)
		return;
	t->rank = 44;
	tri_finding_who(t, FAULT_NONE, TW_HOST, CONF_LIKELY, "this host, %s", hs);
	tri_finding_say(t, "Backscatter: %llu SYN-ACKs and %llu resets from about %.0f sources in "
	    "%.1f s arrive for connections this host never opened. Someone sends SYNs with this host's "
	    "address as their source (a flood against those servers, spoofed); this is their answer, "
	    "not a flood against this host.", (unsigned long long)sc->synack,
	    (unsigned long long)sc->rst, srcs, secs);
	tri_finding_fig(t, "syn_acks", (double)sc->synack);
	tri_finding_fig(t, "resets", (double)sc->rst);
	tri_finding_fig(t, "sources", srcs);
	tri_finding_fig(t, "duration_s", secs);
	tri_finding_fig(t, "rate_per_s", secs > 0 ? (double)(sc->synack + sc->rst) / secs : 0);
	tri_finding_ev(t, sc->first_frame, "the first unsolicited answer");
	tri_finding_ev(t, sc->last_frame, "the last");
}

/* What judge() works on, stage by stage. */
struct judging {
	struct tri_hostr	*h;
	struct tri_ctx		*c;
	struct tri_host_result	*r;
	struct fl_addr		 host;
	char			 hs[TRI_ADDR_TEXT];
	struct port_sum		*ps;		/* inbound attempts per port */
	size_t			 nps;
	uint64_t		 outbound;	/* connections this host opened itself */
	bool			 warn;		/* something for the verdict's sentence */
	char			 flood_cl[200];
};

/* When the stack came up; this host's groups from outside, and per port. */
static bool
judge_groups(struct judging *jg)
{
	struct tri_hostr *h = jg->h;
	struct tri_host_result *r = jg->r;
	struct port_sum *ps;
	size_t i, nps = 0;

	for (i = 0; i < (size_t)h->nsenders; i++)
		if (fl_addr_eq(&h->senders[i].a, &jg->host)) {
			r->up_frame = h->senders[i].frame;
			r->up_ts = h->senders[i].ts;
			jg->outbound = h->senders[i].syns;
		}
	r->dhcp_frame = h->dhcp_frame;
	r->dhcp_ts = h->dhcp_ts;
	if (r->dhcp_frame != 0 && r->up_frame != 0 && r->dhcp_ts > r->up_ts)
		r->dhcp_frame = 0;	/* a DHCP renewal later on: not the stack coming up */
	flowtab_each(h->groups, gather, h);
	for (i = 0; i < h->nall; i++) {
		struct host_group *g = &h->all[i];

		if (!fl_addr_eq(&g->dst, &jg->host) || !outside(r, &g->src))
			continue;
		h->all[r->nin++] = *g;
		r->in_attempts += g->attempts;
	}
	r->in = h->all;
	if (r->nin > 1)
		qsort(r->in, r->nin, sizeof(*r->in), group_cmp);
	ps = calloc(r->nin ? r->nin : 1, sizeof(*ps));
	if (ps == NULL)
		return false;
	for (i = 0; i < r->nin; i++) {
		const struct host_group *g = &r->in[i];
		struct port_sum *s = nps > 0 && ps[nps - 1].port == g->port &&
		    ps[nps - 1].proto == g->proto ? &ps[nps - 1] : NULL;

		if (s == NULL) {
			s = &ps[nps++];
			s->port = g->port;
			s->proto = g->proto;
			s->first_frame = g->first_frame;
			s->first_ts = g->first_ts;
		}
		s->attempts += g->attempts;
		s->sources++;
		s->rst += g->rst;
		s->synack += g->synack;
		s->unreach += g->unreach;
		s->replies += g->replies;
		/* Before the stack was up: only when the capture saw it come up by DHCP. */
		if (r->up_frame != 0 && r->dhcp_frame != 0 && g->first_ts < r->up_ts)
			s->early++;
		if (s->answer_frame == 0)
			s->answer_frame = g->answer_frame;
		if ((g->synack > 0 || g->replies > 0) && s->open_frame == 0) {
			s->open_frame = g->answer_frame;
			s->open_syn_frame = g->first_frame;
			s->open_src = g->src;
			s->open_ts = g->first_ts;
		}
		if (g->first_ts < s->first_ts) {
			s->first_ts = g->first_ts;
			s->first_frame = g->first_frame;
		}
	}
	qsort(ps, nps, sizeof(*ps), port_cmp);
	jg->ps = ps;
	jg->nps = nps;
	return true;
}

/* Ports that answered outsiders. */
static void
judge_exposed(struct judging *jg)
{
	struct tri_ctx *c = jg->c;
	char a[TRI_ADDR_TEXT];
	size_t i;

	for (i = 0; i < jg->nps; i++) {
		struct port_sum *s = &jg->ps[i];
		struct tri_finding *f;
		bool server;

		if (s->open_frame == 0)
			continue;
		/* A machine that mostly serves others: its service is its job, a note. */
		server = s->synack + s->replies > jg->outbound + 1;
		if (!server)
			jg->warn = true;
		f = tri_add(c, server ? TRI_NOTE : TRI_WARNING, TL_HOST, "exposed-service", &jg->host,
		    s->port, s->open_syn_frame, s->open_ts, NULL);
		if (f == NULL)
			continue;
		f->rank = 30;
		tri_finding_who(f, FAULT_NONE, TW_HOST, CONF_CERTAIN, "this host, %s %s port %u", jg->hs,
		    s->proto == 6 ? "TCP" : "UDP", s->port);
		tri_finding_say(f, "This host answers outsiders on %s port %u (%s to %s, frame %u): a "
		    "service listening to the outside. %u attempts from %u source%s reached that port.",
		    s->proto == 6 ? "TCP" : "UDP", s->port, s->proto == 6 ? "SYN-ACK" : "a reply",
		    tri_addr_text(c, &s->open_src, a), s->open_frame, s->attempts, s->sources,
		    s->sources == 1 ? "" : "s");
		tri_finding_fig(f, "attempts", s->attempts);
		tri_finding_fig(f, "sources", s->sources);
		tri_finding_ev(f, s->open_syn_frame, "%s from %s to port %u", s->proto == 6 ? "SYN" :
		    "datagram", a, s->port);
		tri_finding_ev(f, s->open_frame, "%s from this host", s->proto == 6 ? "SYN-ACK" : "reply");
	}
}

/* Remote calls from outside; r->calls keeps those. */
static void
judge_calls(struct judging *jg)
{
	struct tri_hostr *h = jg->h;
	struct tri_host_result *r = jg->r;
	struct tri_ctx *c = jg->c;
	char a[TRI_ADDR_TEXT];
	size_t i, j;

	for (i = 0; i < h->ncalls; i++) {
		struct host_call *k = &h->calls[i];
		struct tri_finding *f;
		bool merged, strong;

		if (!fl_addr_eq(&k->dst, &jg->host) || !outside(r, &k->src))
			continue;
		r->calls = h->calls;
		strong = k->proto == 6 || k->accepted;
		if (strong)
			jg->warn = true;
		f = tri_add(c, strong ? TRI_WARNING : TRI_NOTE, TL_HOST, "remote-call", &jg->host,
		    k->proto == 6 ? k->dport : 0, k->frame, k->ts, &merged);
		if (f == NULL)
			continue;
		f->rank = 20;
		tri_finding_fig(f, "calls", f->count);
		tri_addr_text(c, &k->src, a);
		if (!merged) {
			char ans[40] = "";

			tri_finding_who(f, FAULT_NONE, TW_HOST, strong ? CONF_CERTAIN : CONF_LIKELY,
			    "this host, %s %s port %u", jg->hs, k->proto == 6 ? "TCP" : "UDP", k->dport);
			if (k->answer_frame)
				snprintf(ans, sizeof(ans), " (frame %u)", k->answer_frame);
			tri_finding_say(f, "A remote procedure call from outside the local networks: %s%s%s "
			    "from %s to %s port %u (frame %u); this host %s%s.", k->what,
			    k->iface[0] ? " to " : "", k->iface, a, k->proto == 6 ? "TCP" : "UDP", k->dport,
			    k->frame, k->answer[0] ? k->answer : "did not answer", ans);
		}
		tri_finding_ev(f, k->frame, "%s from %s", k->what, a);
		if (k->request_frame && k->request_frame != k->frame)
			tri_finding_ev(f, k->request_frame, "request, opnum %u", k->opnum);
		tri_finding_ev(f, k->answer_frame, "this host %s", k->answer);
	}
	for (i = 0, j = 0; i < h->ncalls; i++)
		if (fl_addr_eq(&h->calls[i].dst, &jg->host) && outside(r, &h->calls[i].src))
			h->calls[j++] = h->calls[i];
	r->calls = h->calls;
	r->ncalls = j;
}

/* The name the download's server was looked up by, or whether its URL named a bare address. */
static void
dl_name(struct judging *jg, struct host_dl *x)
{
	const struct tri_name_ent *ne = tri_name_entry(jg->c, &x->server);
	struct fl_addr lit;
	char hh[96];

	if (ne != NULL) {
		snprintf(x->name, sizeof(x->name), "%s", ne->name);
		x->lookup_frame = ne->frame;
		x->lookup_ts = ne->ts;
		x->looked_up = ne->ts <= x->request_ts;
		x->after_lookup_s = (double)(x->request_ts - ne->ts) / 1e9;
		return;
	}
	snprintf(hh, sizeof(hh), "%s", x->host_hdr);
	hh[strcspn(hh, ":")] = '\0';
	x->bare_ip = hh[0] == '\0' || fl_addr_parse(hh, &lit) == 0;
}

/* The latest answered attempt or remote call from outside before the download. */
static void
dl_chain(const struct judging *jg, struct host_dl *x)
{
	const struct tri_host_result *r = jg->r;
	int64_t best = 0;
	uint32_t bf = 0;
	size_t j;

	for (j = 0; j < r->nin; j++)
		if ((r->in[j].synack > 0 || r->in[j].replies > 0) &&
		    r->in[j].first_ts < x->request_ts && r->in[j].first_ts > best) {
			best = r->in[j].first_ts;
			bf = r->in[j].first_frame;
		}
	for (j = 0; j < r->ncalls; j++)
		if ((r->calls[j].proto == 6 || r->calls[j].accepted) &&
		    r->calls[j].ts < x->request_ts && r->calls[j].ts > best) {
			best = r->calls[j].ts;
			bf = r->calls[j].frame;
		}
	if (bf != 0 && (double)(x->request_ts - best) / 1e9 <= CHAIN_S) {
		x->chain_frame = bf;
		x->chain_s = (double)(x->request_ts - best) / 1e9;
	}
}

/* The download's sentence, figures and evidence. */
static void
dl_say(const struct judging *jg, struct tri_finding *f, const struct host_dl *x)
{
	const struct tri_host_result *r = jg->r;
	char a[TRI_ADDR_TEXT], why[200], sz[80], ch[200] = "";
	uint64_t from_src = 0;
	uint32_t src_frame = 0;
	uint16_t src_port = 0;
	size_t j;

	tri_addr_text(jg->c, &x->server, a);
	tri_finding_who(f, FAULT_NONE, TW_HOST, x->strength == 2 ? CONF_CERTAIN : CONF_LIKELY,
	    "this host, %s, from %s", jg->hs, a);
	if (x->whole)
		snprintf(sz, sizeof(sz), "%llu bytes, whole", (unsigned long long)x->size);
	else
		snprintf(sz, sizeof(sz), "%llu of %llu bytes captured", (unsigned long long)x->captured,
		    (unsigned long long)x->size);
	if (x->looked_up && x->after_lookup_s <= LOOKUP_S)
		snprintf(why, sizeof(why), " %.1f s after looking up %s (frame %u)",
		    x->after_lookup_s, x->name, x->lookup_frame);
	else if (x->bare_ip)
		snprintf(why, sizeof(why), " from a bare IP address (no name looked up)");
	else
		why[0] = '\0';
	/* The server is itself a source of attempts on this host: one story. */
	for (j = 0; j < r->nin; j++)
		if (fl_addr_eq(&r->in[j].src, &x->server)) {
			from_src += r->in[j].attempts;
			if (src_frame == 0 || r->in[j].first_frame < src_frame) {
				src_frame = r->in[j].first_frame;
				src_port = r->in[j].port;
			}
		}
	if (x->chain_frame)
		snprintf(ch, sizeof(ch), ", %.0f s after a remote call or an answered inbound "
		    "attempt from outside (frame %u)", x->chain_s, x->chain_frame);
	else if (from_src > 0)
		snprintf(ch, sizeof(ch), ", the source of %llu unsolicited attempts on this "
		    "host (port %u first, frame %u)", (unsigned long long)from_src, src_port,
		    src_frame);
	tri_finding_say(f, "This host downloaded the program %s (%s, %s) over %s from %s%s%s.%s",
	    x->file[0] ? x->file : "(unnamed)", strcmp(x->exe, "extension") == 0 ?
	    "an executable by its name" : x->exe, sz, x->via, a, why, ch,
	    x->whole ? "" : " Not whole: no hash.");
	tri_finding_fig(f, "bytes", (double)x->size);
	tri_finding_fig(f, "captured", (double)x->captured);
	if (x->looked_up)
		tri_finding_fig(f, "after_lookup_s", x->after_lookup_s);
	tri_finding_ev(f, x->chain_frame, "a remote call or an answered attempt from outside");
	tri_finding_ev(f, x->lookup_frame, "DNS answer for %s", x->name);
	tri_finding_ev(f, x->request_frame, "%s request for %s", x->via, x->file);
	if (x->data_frame != x->request_frame)
		tri_finding_ev(f, x->data_frame, "the program's first bytes (%s)", x->exe);
}

/* Programs this host downloaded; r->dl keeps them. */
static void
judge_downloads(struct judging *jg)
{
	struct tri_hostr *h = jg->h;
	struct tri_host_result *r = jg->r;
	const struct host_dl *dl;
	size_t i, ndl;

	host_dls_finish(h->dls);
	dl = host_dls_list(h->dls, &ndl);
	h->dl = calloc(ndl ? ndl : 1, sizeof(*h->dl));
	for (i = 0; h->dl != NULL && i < ndl; i++) {
		struct host_dl x = dl[i];
		struct tri_finding *f;

		if (!fl_addr_eq(host_dls_client(h->dls, i), &jg->host))
			continue;
		dl_name(jg, &x);
		dl_chain(jg, &x);
		x.strength = (strcmp(x.via, "tftp") == 0 || x.bare_ip ||
		    (x.chain_frame != 0 && x.looked_up && x.after_lookup_s <= LOOKUP_S)) ? 2 : 1;
		h->dl[r->ndl++] = x;
		if (x.strength == 2)
			jg->warn = true;
		f = tri_add(jg->c, x.strength == 2 ? TRI_WARNING : TRI_NOTE, TL_HOST, "program-download",
		    &x.server, x.port, x.request_frame, x.request_ts, NULL);
		if (f == NULL)
			continue;
		f->rank = 10;
		dl_say(jg, f, &x);
	}
	r->dl = h->dl;
}

/* The inbound attempts, one finding, port by port. */
static void
judge_inbound(struct judging *jg)
{
	const struct tri_host_result *r = jg->r;
	const struct port_sum *ps = jg->ps;
	struct tri_finding *f;
	char list[400];
	uint32_t early = 0;
	size_t i, l = 0;

	if (r->nin == 0)
		return;
	list[0] = '\0';
	for (i = 0; i < jg->nps && l < sizeof(list) - 60; i++)
		l += (size_t)snprintf(list + l, sizeof(list) - l, "%s%s %u x%u (%s)", i ? ", " : "",
		    ps[i].proto == 6 ? "TCP" : "UDP", ps[i].port, ps[i].attempts, answer_word(&ps[i]));
	if (i < jg->nps)
		snprintf(list + l, sizeof(list) - l, ", and %zu more ports", jg->nps - i);
	f = tri_add(jg->c, jg->warn ? TRI_WARNING : TRI_NOTE, TL_HOST, "inbound-attempts", &jg->host, 0,
	    r->in[0].first_frame, r->in[0].first_ts, NULL);
	if (f == NULL)
		return;
	f->rank = 40;
	for (i = 0; i < jg->nps; i++)
		early += ps[i].early;
	tri_finding_who(f, FAULT_NONE, TW_HOST, CONF_CERTAIN, "this host, %s", jg->hs);
	tri_finding_say(f, "%llu attempts from %zu source%s outside the local networks "
	    "that this host never asked for, by port: %s.%s%s", (unsigned long long)
	    r->in_attempts, r->nin, r->nin == 1 ? "" : "s", list,
	    early ? " Some arrived before this host's own stack was up" : "",
	    early ? " (during DHCP)." : "");
	tri_finding_fig(f, "attempts", (double)r->in_attempts);
	tri_finding_fig(f, "ports", (double)jg->nps);
	tri_finding_fig(f, "groups", (double)r->nin);
	for (i = 0; i < jg->nps; i++) {
		tri_finding_ev(f, ps[i].first_frame, "%s to port %u", ps[i].proto == 6 ? "SYN" :
		    "datagram", ps[i].port);
		if (f->ev.n >= TRI_MAX_EV - 2)
			break;
	}
}

/* Floods at it; answers to floods that borrowed its address. */
static void
judge_floods(struct judging *jg)
{
	struct flood_walk w;

	memset(&w, 0, sizeof(w));
	w.h = jg->h;
	w.host = &jg->host;
	w.hs = jg->hs;
	flowtab_each(jg->h->floods, flood_judge, &w);
	if (w.warn)
		jg->warn = true;
	snprintf(jg->flood_cl, sizeof(jg->flood_cl), "%s", w.clause);
	scatter_judge(jg->h, &jg->host, jg->hs);
}

/*
 * This host in a peer-to-peer swarm: only from the protocol's own frames
 * (peer handshakes, DHT messages) and with peers enough to be a swarm, 3
 * or more; its share of the capture's bytes says whether it eats the line.
 */
static void
judge_swarms(struct judging *jg)
{
	struct tri_host_result *r = jg->r;
	const struct host_swarm *sw;
	struct tri_finding *f;
	size_t i, n;
	double share;
	char port[40], hsk[100];

	sw = host_p2p_list(jg->h->p2p, &n);
	r->all_bytes = host_p2p_bytes(jg->h->p2p);
	for (i = 0; i < n; i++) {
		const struct host_swarm *x = &sw[i];

		if (!fl_addr_eq(&x->host, &jg->host) || x->peers < 3 || r->nswarms >= HOST_MAX_SWARMS)
			continue;
		r->swarms[r->nswarms++] = *x;
		jg->warn = true;
		share = r->all_bytes > 0 ? 100.0 * (double)(x->bytes_in + x->bytes_out) /
		    (double)r->all_bytes : 0;
		f = tri_add(jg->c, TRI_WARNING, TL_HOST, "p2p-swarm", &x->host, x->port, x->first_frame,
		    x->first_ts, NULL);
		if (f == NULL)
			continue;
		f->rank = 5;
		if (x->port != 0)
			snprintf(port, sizeof(port), " on its port %u", x->port);
		else
			port[0] = '\0';
		snprintf(hsk, sizeof(hsk), "%u connection%s opened with the peer handshake%s%s%s",
		    x->handshakes, x->handshakes == 1 ? "" : "s", x->infohash[0] ? " (info-hash " : "",
		    x->infohash, x->infohash[0] ? ")" : "");
		tri_finding_who(f, FAULT_NONE, TW_HOST, CONF_CERTAIN, "this host, %s", jg->hs);
		tri_finding_say(f, "This host takes part in a BitTorrent swarm%s: about %u peers, %s and "
		    "%u DHT exchange%s; %.1f MB in and %.1f MB out over %.0f s, %.0f %% of the capture's "
		    "bytes. Peer-to-peer traffic is what eats a line when it is a large share; whether "
		    "it is allowed is a policy question, not a network fault.", port, x->peers, hsk,
		    x->dht, x->dht == 1 ? "" : "s", (double)x->bytes_in / 1e6,
		    (double)x->bytes_out / 1e6, (double)(x->last_ts - x->first_ts) / 1e9, share);
		tri_finding_fig(f, "peers", x->peers);
		tri_finding_fig(f, "handshakes", x->handshakes);
		tri_finding_fig(f, "dht_exchanges", x->dht);
		tri_finding_fig(f, "bytes", (double)(x->bytes_in + x->bytes_out));
		tri_finding_fig(f, "share_pct", share);
		tri_finding_ev(f, x->handshake_frame, "a BitTorrent peer handshake");
		tri_finding_ev(f, x->dht_frame, "a BitTorrent DHT message");
	}
}

/* What this host did, for the verdict: its clauses, joined. */
static void
judge_story(struct judging *jg)
{
	const struct tri_host_result *r = jg->r;
	const struct port_sum *ps = jg->ps;
	struct tri_ctx *c = jg->c;
	char story[560], cl[5][300], a[TRI_ADDR_TEXT];
	size_t i, sl;
	int ncl = 0, q;

	story[0] = '\0';
	/* tcp.c's sweep of addresses by this host, a warning of this layer (read before this). */
	for (i = 0; i < c->f.n; i++)
		if (c->f.v[i].layer == TL_HOST && strcmp(c->f.v[i].kind, "address-sweep") == 0) {
			jg->warn = true;
			snprintf(cl[ncl++], sizeof(cl[0]), "sweeps about %.0f addresses with SYNs to TCP "
			    "port %u (frame %u)", tri_finding_get(&c->f.v[i], "addresses"),
			    c->f.v[i].port, c->f.v[i].first_frame);
			break;
		}
	if (!jg->warn)
		goto done;
	if (jg->flood_cl[0] != '\0')
		snprintf(cl[ncl++], sizeof(cl[0]), "%s", jg->flood_cl);
	for (i = 0; i < jg->nps && ncl < 1; i++)
		if (ps[i].open_frame)
			snprintf(cl[ncl++], sizeof(cl[0]), "answers outsiders on %s port %u (frame %u)",
			    ps[i].proto == 6 ? "TCP" : "UDP", ps[i].port, ps[i].open_frame);
	if (r->nin > 0)
		snprintf(cl[ncl++], sizeof(cl[0]), "drew %llu unsolicited attempts on %zu port%s",
		    (unsigned long long)r->in_attempts, jg->nps, jg->nps == 1 ? "" : "s");
	for (i = 0; i < r->ncalls; i++)
		if (r->calls[i].proto == 6 || r->calls[i].accepted) {
			snprintf(cl[ncl++], sizeof(cl[0]), "took a remote call from outside (%s from "
			    "%s, frame %u; it %s)", r->calls[i].what, tri_addr_text(c,
			    &r->calls[i].src, a), r->calls[i].frame, r->calls[i].answer[0] ?
			    r->calls[i].answer : "did not answer");
			break;
		}
	if (r->nswarms > 0 && ncl < 5)
		snprintf(cl[ncl++], sizeof(cl[0]), "takes part in a BitTorrent swarm with about %u "
		    "peers (frame %u)", r->swarms[0].peers, r->swarms[0].first_frame);
	for (i = 0; i < r->ndl && ncl < 5; i++)
		if (r->dl[i].strength == 2) {
			snprintf(cl[ncl++], sizeof(cl[0]), "downloaded the program %s from %s (frame %u)",
			    r->dl[i].file, tri_addr_text(c, &r->dl[i].server, a),
			    r->dl[i].request_frame);
			break;
		}
	sl = (size_t)snprintf(story, sizeof(story), "No network fault. This host (%s)", jg->hs);
	for (q = 0; q < ncl && sl < sizeof(story); q++)
		sl += (size_t)snprintf(story + sl, sizeof(story) - sl, "%s%s", q == 0 ? " " :
		    q == ncl - 1 ? " and " : ", ", cl[q]);
	if (sl < sizeof(story) - 1)
		snprintf(story + sl, sizeof(story) - sl, ".");
done:
	snprintf(jg->r->story, sizeof(jg->r->story), "%s", story);
}

static void
judge(struct tri_hostr *h)
{
	struct judging jg;

	memset(&jg, 0, sizeof(jg));
	jg.h = h;
	jg.c = h->c;
	jg.r = &h->r;
	if (!tri_host(jg.c, &jg.host) || jg.host.family != 4)
		return;
	tri_addr_text(jg.c, &jg.host, jg.hs);
	local_nets(h, &jg.host);
	if (!judge_groups(&jg))
		return;
	judge_exposed(&jg);
	judge_calls(&jg);
	judge_downloads(&jg);
	judge_inbound(&jg);
	judge_floods(&jg);
	judge_swarms(&jg);
	judge_story(&jg);
	free(jg.ps);
}

void
tri_hostr_finish(struct tri_hostr *h)
{
	host_talk_finish(&h->r.talk);
	judge(h);
}

const struct tri_host_result *
tri_hostr_result(const struct tri_hostr *h)
{
	return &h->r;
}

struct tri_hostr *
tri_hostr_new(struct tri_ctx *c)
{
	struct tri_hostr *h = calloc(1, sizeof(*h));
	size_t max = c->opt.max_flows ? c->opt.max_flows : TRI_DEFAULT_FLOWS;

	if (h == NULL)
		return NULL;
	h->c = c;
	h->groups = flowtab_new(sizeof(struct gkey), sizeof(struct host_group),
	    max < HOST_MAX_GROUPS ? max : HOST_MAX_GROUPS, NULL, NULL);
	h->sent = flowtab_new(sizeof(struct ukey), sizeof(int64_t), max, NULL, NULL);
	h->floods = flowtab_new(sizeof(struct fkey), sizeof(struct flood), 256, NULL, NULL);
	h->scatters = flowtab_new(sizeof(struct fl_addr), sizeof(struct scatter), 64, NULL, NULL);
	h->tuples = calloc(SENT_BITS / 8, 1);
	h->dls = host_dls_new(c, max);
	h->p2p = host_p2p_new(c, max);
	if (h->groups == NULL || h->sent == NULL || h->dls == NULL || h->p2p == NULL ||
	    h->floods == NULL ||
	    h->scatters == NULL || h->tuples == NULL) {
		tri_hostr_free(h);
		return NULL;
	}
	return h;
}

void
tri_hostr_free(struct tri_hostr *h)
{
	if (h == NULL)
		return;
	flowtab_free(h->groups);
	flowtab_free(h->sent);
	flowtab_free(h->floods);
	flowtab_free(h->scatters);
	free(h->tuples);
	host_dls_free(h->dls);
	host_p2p_free(h->p2p);
	free(h->all);
	free(h->dl);
	free(h);
}
