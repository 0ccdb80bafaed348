/*
 * postprobe's wire notes: what each frame says outside the streams the
 * reassembler rebuilds (every acknowledgement and when it came, the
 * first reset, the TTLs and IP IDs by kind of packet, ICMP errors that
 * quote TCP), kept per connection for the rules (infer.c).  Frames of
 * the in-flow trace are handed to flowtrace.c and go no further.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/postprobe/infer.h"
#include "analyze/postprobe/wire.h"

/* The most an IP ID counter moves between two packets of one sender here. */
#define IPID_STEP	2048

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

struct wconn *
http_wire_conn(const struct http_wire *w, const struct fl_addr *s, uint16_t sp,
    const struct fl_addr *d, uint16_t dp, int *dir)
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

/* An ICMP error about TCP, for the rules to weigh (MAX_ERRS at most). */
static void
note_error(struct http_wire *w, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct werr *e;

	if (w->nerr == MAX_ERRS)
		return;
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
}

/* The connection of a TCP segment, added when it is new (MAX_WCONNS at most). */
static struct wconn *
conn_of(struct http_wire *w, const struct dec_pkt *p, int *dir)
{
	struct wconn *c;

	c = http_wire_conn(w, &p->ip.src, p->l4.sport, &p->ip.dst, p->l4.dport, dir);
	if (c != NULL)
		return c;
	if (w->n == MAX_WCONNS)
		return NULL;
	if (w->n == w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 8;
		void *n = realloc(w->c, ncap * sizeof(*w->c));

		if (n == NULL)
			return NULL;
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
	*dir = 0;
	return c;
}

/* A segment's IP ID, TTL and reset, in its direction. */
static void
note_segment(struct wdir *d, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
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
}

/* Each time the cumulative acknowledgement moves on (MAX_ACKS at most). */
static void
note_ack(struct wdir *d, int64_t ts, const struct dec_pkt *p)
{
	if (!(p->l4.tcp_flags & TCP_ACK) || (p->l4.tcp_flags & TCP_RST))
		return;
	if (d->have_ack && !seq_after(p->l4.ack, d->max_ack))
		return;
	d->have_ack = true;
	d->max_ack = p->l4.ack;
	if (d->nacks == MAX_ACKS)
		return;
	if (d->nacks == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 64;
		void *n = realloc(d->acks, ncap * sizeof(*d->acks));

		if (n == NULL)
			return;
		d->acks = n;
		d->cap = ncap;
	}
	d->acks[d->nacks].ts = ts;
	d->acks[d->nacks].ack = p->l4.ack;
	d->nacks++;
}

bool
http_note_frame(struct http_wire *w, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct wconn *c;
	int dir;

	if (p->status != DEC_OK)
		return false;
	if (p->is_icmp_err) {
		if (!p->quote_ok || p->err.q_ip.proto != 6)
			return false;
		if (flowtrace_note_icmp(w, frame, p))
			return true;
		note_error(w, frame, ts, p);
		return false;
	}
	if (p->ip.proto != 6 || !(p->l4.have & L4_TCPHDR))
		return false;
	if ((c = conn_of(w, p, &dir)) == NULL)
		return false;
	if (flowtrace_note_segment(w, c, dir, frame, p))
		return true;
	note_segment(&c->d[dir], frame, ts, p);
	note_ack(&c->d[dir], ts, p);
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

int64_t
http_wire_acked_at(const struct wdir *d, uint32_t isn, size_t off)
{
	uint32_t want = isn + 1 + (uint32_t)off;
	size_t i;

	for (i = 0; i < d->nacks; i++)
		if (!seq_after(want, d->acks[i].ack))
			return d->acks[i].ts;
	return 0;
}

int
http_wire_id_fit(const struct wdir *d, uint32_t frame, uint16_t *prev)
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
