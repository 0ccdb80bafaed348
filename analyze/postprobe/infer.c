/*
 * postprobe's rules (man/postprobe.1 states them for users).
 *
 * A connection that could not be made is synprobe's question, and its
 * verdict stands.  Otherwise, in order: did something in front of the
 * server answer in its place (a TTL-limited SYN that expires before the
 * server still drew a SYN-ACK; or the replies crossed fewer hops than the
 * server's own echo replies)?  Was the exchange cut by a reset, and from
 * how far did the reset come?  Did the request stall unacknowledged while
 * large packets vanish without a word (a path MTU black hole)?  If the
 * server itself answered and the request arrived whole: its status, and
 * whether it took too long to think (more than max(200 ms, 10 x RTT)).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/postprobe/infer.h"
#include "analyze/flow/tls.h"

#define MAX_WCONNS	256
#define MAX_ACKS	8192
#define MAX_ERRS	64

struct ack_at {
	int64_t		ts;
	uint32_t	ack;
};

#define MAX_IDS		64

/* One direction's acknowledgements and reset, as the frames show them. */
struct wdir {
	bool		have_ack;
	uint32_t	max_ack;
	struct ack_at	*acks;		/* each time the cumulative ack moved on */
	size_t		nacks, cap;
	uint8_t		ttl;		/* of the last packet */
	uint8_t		first_ttl;	/* of the first (a SYN-ACK, server side) */
	uint8_t		data_ttl;	/* of the first carrying data */
	bool		rst;
	uint32_t	rst_frame;
	int64_t		rst_ts;
	uint8_t		rst_ttl;
	uint16_t	rst_ipid;
	/* The first non-zero IP IDs, in capture order, and the first data packet's frame. */
	uint16_t	ids[MAX_IDS];
	uint32_t	id_frames[MAX_IDS];
	size_t		nids;
	uint32_t	data_frame;
	uint16_t	data_ipid;
};

/* The most an IP ID counter moves between two packets of one sender here. */
#define IPID_STEP	2048

struct wconn {
	struct fl_addr	a, b;
	uint16_t	ap, bp;
	bool		a_syn;		/* a sent the SYN: a is the client */
	struct wdir	d[2];		/* [0] from a to b, [1] from b to a */
};

/*
 * The in-flow trace (0trace): copies of the request's first bytes sent
 * on the connection's own 4-tuple with TTL 1, 2, ...  Each copy carries
 * its own IP ID (quoted back by time-exceeded) and acknowledgement number
 * (a reset to it takes that as its sequence number).  Told from the
 * client's own segments by a TTL below theirs.
 */
#define MAX_ZT		64

struct zprobe {
	size_t		conn;		/* index in struct http_wire's connections */
	uint32_t	frame;
	uint8_t		ttl;
	uint16_t	ipid;
	uint32_t	seq, ack;
	uint32_t	te_frame;	/* time-exceeded for it, 0 none */
	struct fl_addr	te_from;
	uint32_t	ans_frame;	/* a reset or an ICMP unreachable for it, 0 none */
	bool		ans_rst;
	uint8_t		ans_ttl;
	struct fl_addr	ans_from;
};

struct werr {
	uint32_t	frame;
	int64_t		ts;
	uint8_t		type, code;
	uint16_t	mtu;
	struct fl_addr	from, qsrc, qdst;
	uint16_t	qsport, qdport;
};

struct http_wire {
	struct wconn	*c;
	size_t		 n, cap;
	struct werr	 err[MAX_ERRS];
	size_t		 nerr;
	struct zprobe	 zt[MAX_ZT];
	size_t		 nzt;
};

struct http_wire *
http_wire_new(void)
{
	return calloc(1, sizeof(struct http_wire));
}

void
http_wire_free(struct http_wire *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++) {
		free(w->c[i].d[0].acks);
		free(w->c[i].d[1].acks);
	}
	free(w->c);
	free(w);
}

static struct wconn *
wfind(const struct http_wire *w, const struct fl_addr *s, uint16_t sp, const struct fl_addr *d,
    uint16_t dp, int *dir)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		struct wconn *c = &w->c[i];

		if (fl_addr_eq(&c->a, s) && fl_addr_eq(&c->b, d) && c->ap == sp && c->bp == dp) {
			*dir = 0;
			return c;
		}
		if (fl_addr_eq(&c->b, s) && fl_addr_eq(&c->a, d) && c->bp == sp && c->ap == dp) {
			*dir = 1;
			return c;
		}
	}
	return NULL;
}

/* Serial-number comparison (RFC 1982): a after b. */
static bool
seq_after(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

/* The in-flow probe an ICMP error quotes, or NULL. */
static struct zprobe *
zt_quoted(struct http_wire *w, const struct dec_pkt *p)
{
	size_t i;

	if (!(p->err.q_l4.have & L4_TCPSEQ))
		return NULL;
	for (i = 0; i < w->nzt; i++) {
		struct zprobe *z = &w->zt[i];
		const struct wconn *c = &w->c[z->conn];

		if (fl_addr_eq(&p->err.q_ip.src, &c->a) && fl_addr_eq(&p->err.q_ip.dst, &c->b) &&
		    p->err.q_l4.sport == c->ap && p->err.q_l4.dport == c->bp &&
		    p->err.q_ip.id == z->ipid && p->err.q_l4.seq == z->seq)
			return z;
	}
	return NULL;
}

/*
 * Is this segment one of the in-flow probes (from the client, with data,
 * below the client's own TTL), or a reset answering one (its sequence
 * number is the probe's acknowledgement number)?  Recorded if so.
 */
static bool
zt_segment(struct http_wire *w, struct wconn *c, int dir, uint32_t frame, const struct dec_pkt *p)
{
	size_t i;

	if (dir == 0 && c->a_syn && c->d[0].first_ttl > p->ip.ttl && p->ip.ttl <= 32 &&
	    p->payload_len > 0 && (p->l4.tcp_flags & TCP_ACK) &&
	    !(p->l4.tcp_flags & (TCP_SYN | TCP_RST | TCP_FIN))) {
		struct zprobe *z;

		if (w->nzt == MAX_ZT)
			return true;
		z = &w->zt[w->nzt++];
		memset(z, 0, sizeof(*z));
		z->conn = (size_t)(c - w->c);
		z->frame = frame;
		z->ttl = p->ip.ttl;
		z->ipid = p->ip.id;
		z->seq = p->l4.seq;
		z->ack = p->l4.ack;
		return true;
	}
	if (dir != 1 || !(p->l4.tcp_flags & TCP_RST))
		return false;
	for (i = 0; i < w->nzt; i++) {
		struct zprobe *z = &w->zt[i];

		if (&w->c[z->conn] == c && p->l4.seq == z->ack) {
			if (z->ans_frame == 0) {
				z->ans_frame = frame;
				z->ans_rst = true;
				z->ans_ttl = p->ip.ttl;
				z->ans_from = p->ip.src;
			}
			return true;
		}
	}
	return false;
}

bool
http_note_frame(struct http_wire *w, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct wconn *c;
	struct wdir *d;
	int dir;

	if (p->status != DEC_OK)
		return false;
	if (p->is_icmp_err) {
		struct werr *e;
		struct zprobe *z;

		if (!p->quote_ok || p->err.q_ip.proto != 6)
			return false;
		if ((z = zt_quoted(w, p)) != NULL) {
			if (p->l4.icmp_type == 11 && z->te_frame == 0) {
				z->te_frame = frame;
				z->te_from = p->ip.src;
			} else if (p->l4.icmp_type != 11 && z->ans_frame == 0) {
				z->ans_frame = frame;
				z->ans_ttl = p->ip.ttl;
				z->ans_from = p->ip.src;
			}
			return true;
		}
		if (w->nerr == MAX_ERRS)
			return false;
		e = &w->err[w->nerr++];
		e->frame = frame;
		e->ts = ts;
		e->type = p->l4.icmp_type;
		e->code = p->l4.icmp_code;
		e->mtu = p->err.mtu;
		e->from = p->ip.src;
		e->qsrc = p->err.q_ip.src;
		e->qdst = p->err.q_ip.dst;
		e->qsport = p->err.q_l4.sport;
		e->qdport = p->err.q_l4.dport;
		return false;
	}
	if (p->ip.proto != 6 || !(p->l4.have & L4_TCPHDR))
		return false;
	c = wfind(w, &p->ip.src, p->l4.sport, &p->ip.dst, p->l4.dport, &dir);
	if (c == NULL) {
		if (w->n == MAX_WCONNS)
			return false;
		if (w->n == w->cap) {
			size_t ncap = w->cap ? w->cap * 2 : 8;
			void *n = realloc(w->c, ncap * sizeof(*w->c));

			if (n == NULL)
				return false;
			w->c = n;
			w->cap = ncap;
		}
		c = &w->c[w->n++];
		memset(c, 0, sizeof(*c));
		c->a = p->ip.src;
		c->b = p->ip.dst;
		c->ap = p->l4.sport;
		c->bp = p->l4.dport;
		c->a_syn = (p->l4.tcp_flags & (TCP_SYN | TCP_ACK)) == TCP_SYN;
		dir = 0;
	}
	if (zt_segment(w, c, dir, frame, p))
		return true;
	d = &c->d[dir];
	if (p->ip.id != 0 && d->nids < MAX_IDS) {
		d->ids[d->nids] = p->ip.id;
		d->id_frames[d->nids++] = frame;
	}
	/* TTLs tell who sent what: kept per kind, not just the last. */
	if (d->first_ttl == 0)
		d->first_ttl = p->ip.ttl;
	if (d->data_ttl == 0 && p->payload_len > 0) {
		d->data_ttl = p->ip.ttl;
		d->data_frame = frame;
		d->data_ipid = p->ip.id;
	}
	d->ttl = p->ip.ttl;
	if ((p->l4.tcp_flags & TCP_RST) && !d->rst) {
		d->rst = true;
		d->rst_frame = frame;
		d->rst_ts = ts;
		d->rst_ttl = p->ip.ttl;
		d->rst_ipid = p->ip.id;
	}
	if (!(p->l4.tcp_flags & TCP_ACK) || (p->l4.tcp_flags & TCP_RST))
		return false;
	if (d->have_ack && !seq_after(p->l4.ack, d->max_ack))
		return false;
	d->have_ack = true;
	d->max_ack = p->l4.ack;
	if (d->nacks == MAX_ACKS)
		return false;
	if (d->nacks == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 64;
		void *n = realloc(d->acks, ncap * sizeof(*d->acks));

		if (n == NULL)
			return false;
		d->acks = n;
		d->cap = ncap;
	}
	d->acks[d->nacks].ts = ts;
	d->acks[d->nacks].ack = p->l4.ack;
	d->nacks++;
	return false;
}

bool
http_feed(struct tcp_streams *t, struct http_wire *w, uint32_t frame, int64_t ts,
    const struct dec_pkt *p)
{
	if (http_note_frame(w, frame, ts, p))
		return true;
	tcps_feed(t, frame, ts, p);
	return false;
}

/* When the peer first acknowledged everything up to isn + 1 + off. */
static int64_t
acked_at(const struct wdir *d, uint32_t isn, size_t off)
{
	uint32_t want = isn + 1 + (uint32_t)off;
	size_t i;

	for (i = 0; i < d->nacks; i++)
		if (!seq_after(want, d->acks[i].ack))
			return d->acks[i].ts;
	return 0;
}




static void
verdict(struct http_result *r, enum fault f, const char *kind, int hop,
    const struct fl_addr *addr, enum confidence c)
{
	r->v.fault = f;
	r->v.kind = kind;
	r->v.hop = hop;
	if (addr != NULL)
		r->v.addr = *addr;
	else
		memset(&r->v.addr, 0, sizeof(r->v.addr));
	r->v.confidence = c;
}

static double
ms(int64_t a, int64_t b)
{
	return a > 0 && b > 0 ? (double)(b - a) / 1e6 : -1;
}

/* The time the byte at off of a direction was first seen, 0 if unknown. */
static int64_t
ts_at(const struct tcp_dir *d, size_t off)
{
	size_t i;

	for (i = 0; i < d->nspans; i++)
		if (off >= d->spans[i].off && off < d->spans[i].off + d->spans[i].len)
			return d->spans[i].ts;
	return 0;
}

/* A transcript: printable, line ends kept, cut long. */
static char *
excerpt(const uint8_t *data, size_t len, size_t max)
{
	size_t cap = max * 4 + 64;
	char *s = malloc(cap);

	if (s != NULL)
		(void)http_excerpt(data, len, s, cap, max);
	return s;
}

static void
copy_headers(struct http_result *r, const struct http_msg *m)
{
	int i;

	r->nheaders = m->nheaders < HTTP_MAX_HEADERS ? m->nheaders : HTTP_MAX_HEADERS;
	for (i = 0; i < r->nheaders; i++)
		r->headers[i] = m->headers[i];
}

/* A plain-HTTP exchange in a connection: the first request and its answer. */
static bool
exchange_of(const struct tcp_conn *c, struct http_msg *req, struct http_msg *resp,
    bool *have_resp)
{
	size_t next;
	enum http_status st;

	memset(req, 0, sizeof(*req));
	memset(resp, 0, sizeof(*resp));
	*have_resp = false;
	st = http_parse(c->c2s.data, c->c2s.len, 0, true, req, &next);
	if (st == HTTP_BAD || req->method[0] == '\0')
		return false;
	/* An answer to HEAD has no body; one that ends with the close ends at the FIN. */
	st = http_parse_ex(c->s2c.data, c->s2c.len, 0, false,
	    http_response_flags(req) | (c->s2c.fin ? HTTP_F_EOF : 0), resp, &next);
	*have_resp = st != HTTP_BAD && resp->status > 0;
	return true;
}

/* The connection the run made (live), or the capture's HTTP exchange. */
static const struct tcp_conn *
pick(const struct tcp_streams *ts, const struct http_local *l, const struct syn_plan *pl,
    struct http_result *r)
{
	const struct tcp_conn *best = NULL, *tls = NULL, *c;
	struct http_msg req, resp;
	bool have;
	size_t i;

	if (l->live && l->lport != 0)
		return tcps_find(ts, &l->local, l->lport, &l->remote, l->rport);
	for (i = 0; i < tcps_count(ts); i++) {
		c = tcps_conn(ts, i);
		if (!fl_addr_eq(&c->srv, &pl->dst) || c->sport != pl->port)
			continue;
		if (!exchange_of(c, &req, &resp, &have)) {
			/* HTTPS: the connection is found, its messages are not readable. */
			if (best == NULL && tls_stream(c->c2s.data, c->c2s.len))
				tls = c;
			continue;
		}
		r->nexchanges++;
		/* The first that was answered, a POST if there is one. */
		if (best == NULL || (have && strcmp(req.method, "POST") == 0 &&
		    strcmp(r->method, "POST") != 0)) {
			best = c;
			snprintf(r->method, sizeof(r->method), "%s", req.method);
		}
	}
	return best != NULL ? best : tls;
}

/* Something nearer than the server answered for it: the probes say where. */
static int
interceptor_hop(const struct syn_result *s, const struct syn_plan *pl)
{
	int t;

	if (s == NULL)
		return 0;
	for (t = 1; t <= s->path_max; t++) {
		const struct syn_probe_obs *o = &s->path_syn[t];

		if ((o->answer == RK_SYNACK || o->answer == RK_ACK) &&
		    fl_addr_eq(&o->from, &pl->dst) &&
		    ((s->host_ttl > 0 && t < s->host_ttl) ||
		    s->path_icmp[t].answer == RK_TIME_EXCEEDED))
			return t;
	}
	return 0;
}

/*
 * The server's own answer to a probe a transparent proxy does not
 * intercept, for its distance: its echo reply, else its answer (SYN-ACK
 * or reset) on a control port.  NULL when neither came.
 */
static const struct syn_probe_obs *
host_reference(const struct syn_result *s, const struct syn_plan *pl, const char **what)
{
	int i;

	if (s == NULL)
		return NULL;
	if (s->ping.answer == RK_ECHO_REPLY && s->ping.reply_ttl > 0) {
		*what = "echo replies";
		return &s->ping;
	}
	for (i = 0; i < s->nctl; i++) {
		const struct syn_probe_obs *o = &s->ctl[i].o;

		if ((o->answer == RK_SYNACK || o->answer == RK_RST) && o->reply_ttl > 0 &&
		    fl_addr_eq(&o->from, &pl->dst)) {
			*what = "answers on another port";
			return o;
		}
	}
	return NULL;
}

/* The router seen at a TTL by the locating probes. */
static struct fl_addr
router_at(const struct syn_result *s, int t)
{
	struct fl_addr a;

	memset(&a, 0, sizeof(a));
	if (s == NULL || t < 1 || t > s->path_max)
		return a;
	if (s->path_icmp[t].answer == RK_TIME_EXCEEDED)
		return s->path_icmp[t].from;
	if (s->path_syn[t].answer == RK_TIME_EXCEEDED)
		return s->path_syn[t].from;
	return a;
}

/* The path MTU probes: large DF echoes among the correlator's probes. */
static void
read_mtu(const struct corr *c, const struct syn_plan *pl, struct http_mtu *m)
{
	uint32_t i;

	memset(m, 0, sizeof(*m));
	if (c == NULL)
		return;
	for (i = 0; i < corr_nprobes(c); i++) {
		const struct corr_probe *p = corr_probe(c, i);
		const struct corr_reply *rep;
		bool full = p->ttl >= 32;

		if (p->key.proto != 1 || p->len < 576 || !fl_addr_eq(&p->key.dst, &pl->dst))
			continue;
		m->probed = true;
		rep = p->reply >= 0 ? corr_reply(c, (uint32_t)p->reply) : NULL;
		if (rep != NULL && rep->kind == RK_UNREACH && rep->icmp_code == 4) {
			m->frag_needed = true;
			m->frag_mtu = rep->mtu;
			m->frag_from = rep->from;
		}
		if (full) {
			if (rep != NULL && rep->kind == RK_ECHO_REPLY) {
				if (p->len > m->largest_ok)
					m->largest_ok = p->len;
			} else if (rep == NULL && (m->smallest_lost == 0 || p->len < m->smallest_lost)) {
				m->smallest_lost = p->len;
			}
		} else if (rep != NULL && rep->kind == RK_TIME_EXCEEDED) {
			if (p->len >= 1200 && p->ttl > m->last_hop_large)
				m->last_hop_large = p->ttl;
			if (p->len < 1200 && p->ttl > m->last_hop_small)
				m->last_hop_small = p->ttl;
		}
	}
}

/* The in-flow trace of one connection. */
static void
read_zt(const struct http_wire *w, const struct wconn *wc, struct http_ztrace *z)
{
	size_t i;

	memset(z, 0, sizeof(*z));
	if (wc == NULL)
		return;
	for (i = 0; i < w->nzt; i++) {
		const struct zprobe *p = &w->zt[i];

		if (&w->c[p->conn] != wc)
			continue;
		z->sent++;
		if (p->ttl > z->max_ttl)
			z->max_ttl = p->ttl;
		if (p->te_frame != 0 && p->ttl > z->expired) {
			z->expired = p->ttl;
			z->expired_from = p->te_from;
			z->expired_frame = p->te_frame;
		}
		if (p->ans_frame != 0 && (z->answered == 0 || p->ttl < z->answered)) {
			z->answered = p->ttl;
			z->answered_rst = p->ans_rst;
			z->answer_ttl = p->ans_ttl;
			z->answer_from = p->ans_from;
			z->answer_frame = p->ans_frame;
			z->probe_frame = p->frame;
		}
	}
}

/*
 * Does the packet of this frame follow the sender's IP ID counter?  1:
 * its ID is a small step on from the sender's packet before it; -1: it
 * is not, though the packets before and after it are a small step apart
 * (the sender kept a sequence this packet is not part of); 0: cannot say
 * (ID zero, or too few IDs around it, as with random IDs).  prev gets the
 * ID before it.
 */
static int
id_fit(const struct wdir *d, uint32_t frame, uint16_t *prev)
{
	size_t j;

	*prev = 0;
	for (j = 0; j < d->nids && d->id_frames[j] != frame; j++)
		;
	if (j == d->nids || j == 0)
		return 0;
	*prev = d->ids[j - 1];
	if ((uint16_t)(d->ids[j] - d->ids[j - 1]) - 1u < IPID_STEP)
		return 1;
	if (j + 1 < d->nids && (uint16_t)(d->ids[j + 1] - d->ids[j - 1]) - 1u < 2 * IPID_STEP)
		return -1;
	return 0;
}

/*
 * The IP ID behind the reason: a packet that follows the server's own
 * counter is one more sign it is the server's; one that breaks a
 * sequence the server kept may come from a device that copies the
 * server's address and TTL (or from a load balancer's other half).
 */
static void
ipid_reason(struct http_result *r, const char *what, uint16_t id, uint16_t prev, int fit)
{
	size_t n = strlen(r->v.confidence_reason);

	if (fit > 0)
		snprintf(r->v.confidence_reason + n, sizeof(r->v.confidence_reason) - n,
		    "; the %s's IP ID (%u) follows the server's last (%u)", what, id, prev);
	else if (fit < 0)
		snprintf(r->v.confidence_reason + n, sizeof(r->v.confidence_reason) - n,
		    "; but the %s's IP ID (%u) breaks the server's sequence (last %u): a device "
		    "copying the server's address and TTL may have sent it", what, id, prev);
}

static void
from_syn(struct http_result *r, const struct syn_result *s)
{
	size_t i;

	r->v = s->v;
	snprintf(r->v.summary, sizeof(r->v.summary), "No connection could be made, so no request "
	    "was sent. %.540s", s->v.summary);
	for (i = 0; i < s->ev.n; i++)
		(void)evidence_add(&r->ev, s->ev.v[i].frame, "%s", s->ev.v[i].summary);
}

/* libcurl's own phase timings, when the packets cannot give them. */
static void
curl_timings(struct http_result *r, const struct http_local *l)
{
	r->t_dns = l->c_dns;
	r->t_connect = l->c_connect > 0 ? l->c_connect - l->c_dns : -1;
	r->t_tls = l->tls && l->c_tls > 0 ? l->c_tls - l->c_connect : 0;
	r->t_request = -1;
	r->t_wait = l->c_start > 0 ? l->c_start - l->c_pretransfer : -1;
	r->t_transfer = l->c_start > 0 ? l->c_total - l->c_start : -1;
	r->t_total = l->c_total;
}

int
infer_http(const struct tcp_streams *ts, const struct http_wire *w, const struct corr *cr,
    const struct syn_result *syn, const struct http_local *l, const struct syn_plan *pl,
    struct http_result *r, char *err, size_t errlen)
{
	const struct tcp_conn *c;
	const struct wconn *wc = NULL;
	const struct wdir *from_srv = NULL;
	struct http_msg req, resp;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN], who[64], where[96] = "";
	bool have_resp = false, https;
	size_t req_end = 0, resp_end = 0;
	int64_t t_req_last = 0, t_resp_first = 0, t_resp_last = 0, t_acked = 0;
	int dir = 0, hop = 0;
	const struct syn_probe_obs *ref;
	const char *ref_what = "";

	memset(r, 0, sizeof(*r));
	r->t_dns = r->t_connect = r->t_tls = r->t_request = r->t_wait = r->t_transfer =
	    r->t_total = r->rtt_ms = -1;
	read_mtu(cr, pl, &r->mtu);

	/* No connection: synprobe's reading is the answer. */
	if ((l->dns_failed || l->connect_failed) && syn != NULL) {
		from_syn(r, syn);
		return 0;
	}
	c = pick(ts, l, pl, r);
	/* A saved capture without an HTTP exchange: what its SYNs say. */
	if (c == NULL && !l->live && !l->tls_failed && syn != NULL) {
		from_syn(r, syn);
		return 0;
	}
	https = l->tls || (pl->port == 443 && (c == NULL || !exchange_of(c, &req, &resp, &have_resp)));
	if (c != NULL) {
		r->found = true;
		r->cli = c->cli;
		r->srv = c->srv;
		r->cport = c->cport;
		r->sport = c->sport;
		r->retransmits = c->c2s.retransmits;
		wc = wfind(w, &c->cli, c->cport, &c->srv, c->sport, &dir);
		if (wc != NULL) {
			from_srv = &wc->d[1 - dir];
			r->synack_ttl = c->synack_frame ? from_srv->first_ttl : 0;
			r->resp_ttl = from_srv->data_ttl;
			r->resp_ipid = from_srv->data_ipid;
			r->resp_id_fit = id_fit(from_srv, from_srv->data_frame, &r->resp_id_prev);
			r->rst_ipid = from_srv->rst_ipid;
			r->rst_id_fit = from_srv->rst ? id_fit(from_srv, from_srv->rst_frame,
			    &r->rst_id_prev) : 0;
		}
		read_zt(w, wc, &r->zt);
		if (c->synack_frame && c->syn_frame)
			r->rtt_ms = ms(c->syn_ts, c->synack_ts);
	}
	/* A saved HTTPS exchange: a plaintext fatal alert says the handshake failed. */
	if (!l->live && c != NULL && tls_stream(c->c2s.data, c->c2s.len)) {
		uint8_t lvl, desc;
		size_t at;
		bool cli_alert = tls_alert(c->c2s.data, c->c2s.len, &lvl, &desc, &at);

		if (!cli_alert && !tls_alert(c->s2c.data, c->s2c.len, &lvl, &desc, &at))
			lvl = 0;
		if (lvl == 2) {
			bool cert = desc >= 42 && desc <= 48;

			verdict(r, cert || !cli_alert ? FAULT_SERVER : FAULT_CLIENT, "tls-failure", 0, &pl->dst,
			    CONF_LIKELY);
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "a fatal TLS alert, %s, sent in clear by the %s", tls_alert_name(desc),
			    cli_alert ? "client" : "server");
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "The TLS handshake with %s fails: the %s ends it with the alert %s (frame "
			    "%u)%s", verdict_addr(&pl->dst, a), cli_alert ? "client" : "server",
			    tls_alert_name(desc), tcps_frame_at(cli_alert ? &c->c2s : &c->s2c, at),
			    cert && cli_alert ? ": the client does not trust the server's certificate "
			    "(self-signed, expired, unknown CA or another name)." : ".");
			(void)evidence_add(&r->ev, tcps_frame_at(cli_alert ? &c->c2s : &c->s2c, at),
			    "TLS alert %s (fatal) from the %s", tls_alert_name(desc),
			    cli_alert ? "client" : "server");
			goto evidence;
		}
	}
	if (!l->live && c != NULL && tls_stream(c->c2s.data, c->c2s.len) && r->v.kind == NULL) {
		bool both = tls_app_data(c->c2s.data, c->c2s.len) &&
		    tls_app_data(c->s2c.data, c->s2c.len);

		verdict(r, FAULT_UNKNOWN, both ? "encrypted" : "tls-incomplete", 0, &pl->dst,
		    CONF_AMBIGUOUS);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the exchange is encrypted; a capture alone cannot show its content");
		snprintf(r->v.summary, sizeof(r->v.summary), both ?
		    "An HTTPS exchange with %s went both ways, but it is encrypted: the status "
		    "cannot be read from the capture. Run postprobe live, where libcurl sees it." :
		    "An HTTPS connection with %s never got as far as carrying the request, and no "
		    "plaintext alert says why.", verdict_addr(&pl->dst, a));
		goto evidence;
	}
	if (l->tls_failed) {
		verdict(r, l->tls_local ? FAULT_CLIENT : FAULT_SERVER, "tls-failure",
		    !l->tls_local && syn && syn->host_ttl > 0 ? syn->host_ttl : 0,
		    l->tls_local ? &pl->src : &pl->dst, l->tls_local ? CONF_CERTAIN : CONF_LIKELY);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason), "libcurl: %.200s",
		    l->curl_error);
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "The TLS handshake with %s fails: %s. %s", verdict_addr(&pl->dst, a), l->curl_error,
		    r->v.fault == FAULT_SERVER ? "The server's certificate is not trusted by this client "
		    "(self-signed, expired, or for another name): give its CA with --cacert, or fix "
		    "the certificate." : "This host cannot load its own certificates (the CA "
		    "bundle, or the client certificate), so no server could be trusted: install or "
		    "repair them (Debian: the ca-certificates package), or give --cacert.");
		curl_timings(r, l);
		goto evidence;
	}

	/* The messages: from the packets when plain, from libcurl when TLS. */
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	if (c != NULL && !https && exchange_of(c, &req, &resp, &have_resp)) {
		size_t next;

		snprintf(r->method, sizeof(r->method), "%s", req.method);
		snprintf(r->target, sizeof(r->target), "%s", req.target);
		if (http_header(&req, "Host") != NULL)
			snprintf(r->host, sizeof(r->host), "%s", http_header(&req, "Host"));
		req_end = req.start + req.header_len + req.body_len;
		r->request_len = req.header_len + req.body_len;
		r->req_text = excerpt(c->c2s.data, c->c2s.len, 2048);
		r->resp_text = excerpt(c->s2c.data, c->s2c.len, 2048);
		r->transcript_capture = true;
		if (have_resp) {
			resp_end = resp.start + resp.header_len + resp.body_len;
			r->response_len = resp.header_len + resp.body_len;
		}
		(void)next;
	} else if (l->live) {
		size_t next;

		if (l->out != NULL && http_parse((const uint8_t *)l->out, l->outlen, 0, true, &req,
		    &next) != HTTP_BAD) {
			snprintf(r->method, sizeof(r->method), "%s", req.method);
			snprintf(r->target, sizeof(r->target), "%s", req.target);
		}
		if (l->in != NULL && http_parse((const uint8_t *)l->in, l->inlen, 0, false, &resp,
		    &next) != HTTP_BAD && resp.status > 0)
			have_resp = true;
		r->req_text = l->out ? excerpt((const uint8_t *)l->out, l->outlen, 2048) : NULL;
		r->resp_text = l->in ? excerpt((const uint8_t *)l->in, l->inlen, 2048) : NULL;
		r->transcript_capture = false;
	}
	if (r->method[0] == '\0')
		snprintf(r->method, sizeof(r->method), "%s", l->method[0] ? l->method : "POST");
	if (have_resp) {
		r->status = resp.status;
		snprintf(r->reason, sizeof(r->reason), "%s", resp.reason);
		snprintf(r->version, sizeof(r->version), "%s", resp.version);
		copy_headers(r, &resp);
	} else if (l->live && l->status > 0) {
		r->status = (int)l->status;
	}

	/* Timings: the packets where they can say, libcurl for the rest. */
	if (c != NULL && !https && req_end > 0) {
		t_req_last = ts_at(&c->c2s, req_end - 1);
		if (have_resp) {
			t_resp_first = ts_at(&c->s2c, resp.start);
			t_resp_last = resp_end > 0 ? ts_at(&c->s2c, resp_end - 1) : 0;
			if (t_resp_last == 0)
				t_resp_last = c->s2c.last_data_ts;
		}
		if (from_srv != NULL && c->c2s.have_isn)
			t_acked = acked_at(from_srv, c->c2s.isn, req_end);
		r->request_acked = t_acked > 0 || have_resp;
		r->t_connect = c->syn_frame && c->synack_frame ? ms(c->syn_ts, c->synack_ts) : -1;
		r->t_tls = 0;
		r->t_request = ms(ts_at(&c->c2s, req.start), t_req_last);
		r->t_wait = ms(t_req_last, t_resp_first);
		r->t_transfer = ms(t_resp_first, t_resp_last);
		r->t_dns = l->live ? l->c_dns : -1;
		r->t_total = c->syn_frame && t_resp_last ? ms(c->syn_ts, t_resp_last) +
		    (r->t_dns > 0 ? r->t_dns : 0) : (l->live ? l->c_total : -1);
		r->timing_from_capture = true;
	} else if (l->live) {
		curl_timings(r, l);
		r->request_acked = have_resp;
		if (c != NULL && c->syn_frame && c->synack_frame)
			r->t_connect = ms(c->syn_ts, c->synack_ts);
	}

	/* 1. Did something in front of the server answer for it? */
	hop = interceptor_hop(syn, pl);
	ref = host_reference(syn, pl, &ref_what);
	/* Else by TTLs: the SYN-ACK came from nearer than the server's own answers. */
	if (hop == 0 && ref != NULL && r->synack_ttl > 0 &&
	    corr_return_hops(r->synack_ttl) < corr_return_hops(ref->reply_ttl))
		hop = corr_return_hops(r->synack_ttl);
	if (hop > 0 && r->found) {
		struct fl_addr dev = router_at(syn, hop);

		verdict(r, FAULT_PATH, "answered-by-middlebox", hop, &dev,
		    interceptor_hop(syn, pl) ? CONF_CERTAIN : CONF_LIKELY);
		snprintf(who, sizeof(who), "hop %d (%s)", hop, verdict_addr(&dev, b));
		if (interceptor_hop(syn, pl) && syn->host_ttl > hop)
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "a SYN with ttl %d, which expires before %s (hop %d), drew a SYN-ACK in "
			    "its name", hop, verdict_addr(&pl->dst, a), syn->host_ttl);
		else if (interceptor_hop(syn, pl))
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "a SYN with ttl %d drew a SYN-ACK in %s's name, though an echo with the "
			    "same ttl expired at %s: the SYN-ACK comes from there, short of the server",
			    hop, verdict_addr(&pl->dst, a), verdict_addr(&syn->path_icmp[hop].from, b));
		else
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "the connection's SYN-ACK (ttl %u) crossed fewer hops than the server's "
			    "own %s (ttl %u)", r->synack_ttl, ref_what, ref->reply_ttl);
		if (r->status > 0 && r->status < 400) {
			/* It answered, and well: the interception is worth knowing, not a fault. */
			verdict(r, FAULT_NONE, "ok", hop, &dev, r->v.confidence);
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "%d %s in reply to the %s, but from a device at %s that answers in %s's "
			    "place (a transparent proxy): the connection ends there, not at the "
			    "server; whether the device relays the request to it cannot be seen from "
			    "here.", r->status, r->reason, r->method, who, verdict_addr(&pl->dst, a));
		} else if (r->status > 0) {
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "Path: \"%d %s\" in reply to the %s comes from a device at %s that answers "
			    "in %s's place (a transparent proxy, WAF or filter): the connection ends "
			    "there, not at the server, so the refusal is the device's, not the "
			    "server's.", r->status, r->reason, r->method, who, verdict_addr(&pl->dst, a));
		} else {
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "Path: a device at %s answers in %s's place; the connection ends there, "
			    "not at the server.", who, verdict_addr(&pl->dst, a));
		}
		goto evidence;
	}

	/* 2. A reset cut the exchange: the server's, or a device's in front of it? */
	if (from_srv != NULL && from_srv->rst && !(have_resp && resp.complete)) {
		int diff = r->synack_ttl > 0 ? corr_return_hops(r->synack_ttl) -
		    corr_return_hops(from_srv->rst_ttl) : 0;

		int far = syn != NULL && syn->host_ttl > 0 ? syn->host_ttl :
		    r->synack_ttl > 0 ? corr_return_hops(r->synack_ttl) : 0;
		const struct http_ztrace *z = &r->zt;

		r->reset = true;
		r->rst_ttl = from_srv->rst_ttl;
		if (z->answered > 0 && z->answered_rst && far > 0 && z->answered < far) {
			/*
			 * A copy of the request that expires before the server
			 * drew the reset: a device sends it, on the link from hop
			 * t - 1 to hop t.  Which end: a reset that came back across
			 * t hops is hop t's (it acts on what arrives, before the
			 * TTL check); one from fewer hops is hop t - 1's (it acts on
			 * what that router forwards); one that claims more hops than
			 * the copy ever crossed has a forged TTL, and hop t - 1 is
			 * the nearer guess.
			 */
			int t = z->answered, back = corr_return_hops(z->answer_ttl);
			int at = t > 1 && back != t ? t - 1 : t;
			struct fl_addr dev = at == z->expired ? z->expired_from : router_at(syn, at);
			char forged[96] = "";

			verdict(r, FAULT_PATH, "reset-on-path", at, fl_addr_is_set(&dev) ? &dev : NULL,
			    CONF_CERTAIN);
			if (t > 1) {
				r->v.has_link = true;
				r->v.from.ttl = t - 1;
				r->v.from.addr = t - 1 == z->expired ? z->expired_from : router_at(syn, t - 1);
				r->v.to.ttl = t;
				r->v.to.addr = router_at(syn, t);
			}
			if (back > t)
				snprintf(forged, sizeof(forged), "; the reset's ttl (%u) claims %d hops, "
				    "more than the copy crossed: forged", z->answer_ttl, back);
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "a copy of the request sent on the connection with ttl %d, which expires "
			    "before %s (hop %d), drew the reset (frame %u)%s", t, verdict_addr(&pl->dst, a), far,
			    z->answer_frame, forged);
			snprintf(where, sizeof(where), " at hop %d%s%s%s", at,
			    fl_addr_is_set(&dev) ? " (" : "", fl_addr_is_set(&dev) ? verdict_addr(&dev, b) : "",
			    fl_addr_is_set(&dev) ? ")" : "");
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "Path: the %s to %s is cut by a reset in the server's name (frame %u), but a "
			    "device%s sends it: copies of the request too short-lived to reach the "
			    "server draw the same reset. A device on the path resets the connection, "
			    "not the server.", r->method, verdict_addr(&pl->dst, a), from_srv->rst_frame, where);
		} else if (diff > 0) {
			int at = (syn != NULL && syn->host_ttl > 0 ? syn->host_ttl :
			    corr_return_hops(r->synack_ttl)) - diff;
			struct fl_addr dev = router_at(syn, at);

			verdict(r, FAULT_PATH, "reset-on-path", at > 0 ? at : 0,
			    fl_addr_is_set(&dev) ? &dev : NULL, CONF_LIKELY);
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "the reset arrives with ttl %u, %d hop%s fewer than the server's SYN-ACK "
			    "(ttl %u)", from_srv->rst_ttl, diff, diff == 1 ? "" : "s", r->synack_ttl);
			if (r->rst_id_fit < 0)
				ipid_reason(r, "reset", r->rst_ipid, r->rst_id_prev, r->rst_id_fit);
			if (at > 0)
				snprintf(where, sizeof(where), ", from hop %d (%s)", at, verdict_addr(&dev, b));
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "Path: the %s to %s is cut by a reset in the server's name (frame %u), but "
			    "it comes from %d hop%s nearer than the server%s: a device on the path "
			    "resets the connection, not the server.", r->method, verdict_addr(&pl->dst, a),
			    from_srv->rst_frame, diff, diff == 1 ? "" : "s", where);
		} else {
			verdict(r, FAULT_SERVER, "reset-by-server", syn && syn->host_ttl > 0 ?
			    syn->host_ttl : 0, &pl->dst, r->rst_id_fit < 0 ? CONF_AMBIGUOUS : CONF_LIKELY);
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "the reset crossed as many hops as the server's own packets");
			ipid_reason(r, "reset", r->rst_ipid, r->rst_id_prev, r->rst_id_fit);
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "Server: %s resets the connection (frame %u) instead of answering the %s.",
			    verdict_addr(&pl->dst, a), from_srv->rst_frame, r->method);
		}
		goto evidence;
	}

	/* 3. The request stalled: a path MTU black hole? */
	if (!have_resp && r->found && !r->request_acked) {
		const struct http_mtu *m = &r->mtu;

		if (m->probed && m->smallest_lost > 0 && m->largest_ok > 0 &&
		    m->largest_ok < m->smallest_lost && !m->frag_needed) {
			struct fl_addr dev = router_at(syn, m->last_hop_large);

			verdict(r, FAULT_PATH, "pmtu-blackhole", m->last_hop_large,
			    fl_addr_is_set(&dev) ? &dev : NULL, CONF_LIKELY);
			if (m->last_hop_large > 0) {
				r->v.has_link = true;
				r->v.from.ttl = m->last_hop_large;
				r->v.from.addr = dev;
				r->v.to.ttl = m->last_hop_large + 1;
				r->v.to.addr = router_at(syn, m->last_hop_large + 1);
			}
			snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
			    "echo requests of %u bytes with DF pass, of %u bytes vanish, and no ICMP "
			    "fragmentation-needed comes back", m->largest_ok, m->smallest_lost);
			if (m->last_hop_large > 0)
				snprintf(where, sizeof(where), " after hop %d (%s)", m->last_hop_large,
				    verdict_addr(&dev, b));
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "Path: full-size packets vanish%s on the way to %s while small ones pass, "
			    "and no \"fragmentation needed\" comes back: a path MTU black hole. The "
			    "%s's full-size segments are dropped (retransmitted %u times), so large "
			    "requests hang while small ones work.", where, verdict_addr(&pl->dst, a), r->method,
			    r->retransmits);
			goto evidence;
		}
		verdict(r, FAULT_UNKNOWN, "request-lost", 0, NULL, CONF_AMBIGUOUS);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the request was never acknowledged and nothing placed the loss");
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "The connection to %s opens, but the %s is never acknowledged (%u "
		    "retransmissions) and no answer comes.", verdict_addr(&pl->dst, a), r->method,
		    r->retransmits);
		goto evidence;
	}

	/* 4. The server answered, or kept silent after taking the request. */
	if (!have_resp) {
		verdict(r, FAULT_SERVER, "slow-server", syn && syn->host_ttl > 0 ? syn->host_ttl : 0,
		    &pl->dst, CONF_LIKELY);
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the request was acknowledged and no answer came");
		if (l->max_time > 0)
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "Server: %s takes the %s (acknowledged) but sends no answer within %.0f s.",
			    verdict_addr(&pl->dst, a), r->method, l->max_time);
		else
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "Server: %s takes the %s (acknowledged) but no answer is in the capture.",
			    verdict_addr(&pl->dst, a), r->method);
		goto evidence;
	}
	{
		enum confidence conf = syn != NULL && syn->host_ttl > 0 ? CONF_CERTAIN : CONF_LIKELY;
		double thr = r->rtt_ms > 0 ? fmax(200, 10 * r->rtt_ms) : 200;
		bool slow = r->t_wait > thr;
		int at = syn && syn->host_ttl > 0 ? syn->host_ttl : 0;

		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason), "%s",
		    conf == CONF_CERTAIN ? "the answer crossed as many hops as the server's own echo "
		    "replies, and nothing nearer answers for it" :
		    "the answer comes from the server's address; no probe checked for a device in "
		    "front of it");
		if (r->transcript_capture && r->resp_id_fit < 0)
			conf = CONF_AMBIGUOUS;
		if (r->transcript_capture)
			ipid_reason(r, "answer", r->resp_ipid, r->resp_id_prev, r->resp_id_fit);
		if (r->status >= 500)
			verdict(r, FAULT_SERVER, "http-server-error", at, &pl->dst, conf);
		else if (r->status >= 400)
			verdict(r, FAULT_SERVER, "http-client-error", at, &pl->dst, conf);
		else if (slow)
			verdict(r, FAULT_SERVER, "slow-server", at, &pl->dst, conf);
		else
			verdict(r, FAULT_NONE, "ok", at, &pl->dst, conf);
		if (r->status >= 400)
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "Server: %d %s from %s in reply to the %s%s%s. The request was delivered "
			    "intact (acknowledged, %u retransmission%s, no reset): the server itself "
			    "refuses it.", r->status, r->reason, verdict_addr(&pl->dst, a), r->method,
			    r->target[0] ? " " : "", r->target, r->retransmits,
			    r->retransmits == 1 ? "" : "s");
		else if (slow)
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "Server: %s takes %.0f ms to start answering the %s (over max(200 ms, 10 x "
			    "the %.3g ms round trip)), though the network delivered it at once: the "
			    "application is slow, not the network.", verdict_addr(&pl->dst, a), r->t_wait,
			    r->method, r->rtt_ms);
		else
			snprintf(r->v.summary, sizeof(r->v.summary),
			    "%d %s from %s in reply to the %s%s%s: the server answers, and the network "
			    "delivers both ways.", r->status, r->reason, verdict_addr(&pl->dst, a), r->method,
			    r->target[0] ? " " : "", r->target);
		if (r->nexchanges > 1) {
			size_t n = strlen(r->v.summary);

			snprintf(r->v.summary + n, sizeof(r->v.summary) - n,
			    " (%d such exchanges in the capture.)", r->nexchanges);
		}
	}

evidence:
	if (c != NULL) {
		if (evidence_add(&r->ev, c->syn_frame, "SYN %s:%u -> %s:%u", verdict_addr(&c->cli, a), c->cport,
		    verdict_addr(&c->srv, b), c->sport) != 0 ||
		    evidence_add(&r->ev, c->synack_frame, "SYN-ACK from %s (ttl %u)", verdict_addr(&c->srv, b),
		    r->synack_ttl) != 0)
			goto nomem;
		if (r->method[0] && r->transcript_capture && req.method[0] &&
		    evidence_add(&r->ev, tcps_frame_at(&c->c2s, req.start), "%s %s %s (%zu bytes)",
		    req.method, req.target, req.version, r->request_len) != 0)
			goto nomem;
		if (req_end > 0 && evidence_add(&r->ev, tcps_frame_at(&c->c2s, req_end - 1),
		    "the request's last byte") != 0)
			goto nomem;
		if (have_resp && r->transcript_capture && evidence_add(&r->ev,
		    tcps_frame_at(&c->s2c, resp.start), "%s %d %s from %s (ttl %u)", resp.version,
		    resp.status, resp.reason, verdict_addr(&c->srv, b), r->resp_ttl) != 0)
			goto nomem;
		if (have_resp && resp_end > 0 && resp_end != resp.start + 1 &&
		    evidence_add(&r->ev, tcps_frame_at(&c->s2c, resp_end - 1), "the response's last byte") != 0)
			goto nomem;
		if (from_srv != NULL && from_srv->rst &&
		    evidence_add(&r->ev, from_srv->rst_frame, "RST in %s's name (ttl %u)", verdict_addr(&c->srv, b),
		    from_srv->rst_ttl) != 0)
			goto nomem;
		if (r->zt.expired > 0 && evidence_add(&r->ev, r->zt.expired_frame,
		    "time exceeded from %s for the ttl-%d copy", verdict_addr(&r->zt.expired_from, b),
		    r->zt.expired) != 0)
			goto nomem;
		if (r->zt.answered > 0 && (evidence_add(&r->ev, r->zt.probe_frame,
		    "copy of the request on the connection with ttl %d", r->zt.answered) != 0 ||
		    evidence_add(&r->ev, r->zt.answer_frame, "%s from %s (ttl %u) answering the ttl-%d copy",
		    r->zt.answered_rst ? "RST" : "ICMP error", verdict_addr(&r->zt.answer_from, b),
		    r->zt.answer_ttl, r->zt.answered) != 0))
			goto nomem;
	}
	if (syn != NULL && hop > 0 && hop <= syn->path_max) {
		const struct syn_probe_obs *o = &syn->path_syn[hop];

		if (o->sent && evidence_add(&r->ev, o->frame, "SYN to %s:%u with ttl %d",
		    verdict_addr(&pl->dst, a), pl->port, hop) != 0)
			goto nomem;
		if (o->answer != RK_NONE && evidence_add(&r->ev, o->reply_frame,
		    "%s in %s's name answering a ttl-%d SYN", corr_reply_kind_name(o->answer),
		    verdict_addr(&o->from, b), hop) != 0)
			goto nomem;
	}
	return 0;
nomem:
	snprintf(err, errlen, "out of memory");
	return -1;
}

void
http_result_free(struct http_result *r)
{
	free(r->req_text);
	free(r->resp_text);
	r->req_text = r->resp_text = NULL;
	evidence_free(&r->ev);
}
