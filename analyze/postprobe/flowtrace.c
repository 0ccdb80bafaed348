/*
 * The in-flow trace's reading (0trace, as the probe sends it: copies of
 * the request on the connection's own 4-tuple, TTL 1, 2, ...): which
 * frames are the trace's (the copies, a time-exceeded or unreachable
 * quoting one, a reset taking a copy's acknowledgement number as its
 * sequence number), and what the trace of a connection showed.
 */
#include <string.h>

#include "analyze/postprobe/infer.h"
#include "analyze/postprobe/wire.h"

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

bool
flowtrace_note_icmp(struct http_wire *w, uint32_t frame, const struct dec_pkt *p)
{
	struct zprobe *z;

	if ((z = zt_quoted(w, p)) == NULL)
		return false;
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

/*
 * Is this segment one of the in-flow probes (from the client, with data,
 * below the client's own TTL), or a reset answering one (its sequence
 * number is the probe's acknowledgement number)?  Recorded if so.
 */
bool
flowtrace_note_segment(struct http_wire *w, struct wconn *c, int dir, uint32_t frame,
    const struct dec_pkt *p)
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

void
flowtrace_read(const struct http_wire *w, const struct wconn *wc, struct http_ztrace *z)
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
