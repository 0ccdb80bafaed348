/*
 * synprobe's wire notes: what a capture's frames say outside the
 * correlator (ARP for the next hop and for every target, each TCP
 * connection as the wire shows it, a SYN quoted by an ICMP error), and
 * how a saved capture is read with them where a live run has its own
 * observations: the target most SYNs went to, and what the client's TCP
 * did in place of the kernel's connect().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/synprobe/infer.h"
#include "analyze/synprobe/wire.h"

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

#define GREET_LOOK	64
#define GREET_HEX	8

void
syn_greeting(char *out, size_t len, const uint8_t *data, size_t n)
{
	size_t i, j = 0, look = n < GREET_LOOK ? n : GREET_LOOK, odd = 0;
	bool nul = false;
	int w;

	if (len == 0)
		return;
	for (i = 0; i < look; i++) {
		if (data[i] == '\n' && i > 0)
			break;
		nul |= data[i] == 0;
		odd += data[i] != '\r' && data[i] != '\t' && (data[i] < 0x20 || data[i] >= 0x7f);
	}
	if (n > 0 && (nul || 4 * odd >= (i > 0 ? i : 1))) {
		w = snprintf(out, len, "binary data, %zu byte%s received:", n, n == 1 ? "" : "s");
		for (i = 0; i < n && i < GREET_HEX && w > 0 && (size_t)w < len; i++)
			w += snprintf(out + w, len - (size_t)w, " %02x", data[i]);
		if (n > GREET_HEX && w > 0 && (size_t)w < len)
			snprintf(out + w, len - (size_t)w, " ...");
		return;
	}
	for (i = 0; i < n && j + 1 < len; i++) {
		if (data[i] == '\r' || data[i] == '\n')
			break;
		out[j++] = (data[i] >= 0x20 && data[i] < 0x7f) ? (char)data[i] : '?';
	}
	out[j] = '\0';
}

/* The first line of what a server sent, as it may be shown (syn_greeting()). */
static void
first_line(const struct cur *payload, char *out, size_t len)
{
	uint8_t buf[512];
	size_t n = 0;

	while (n < sizeof(buf) && cur_u8(payload, n, &buf[n]))
		n++;
	syn_greeting(out, len, buf, n);
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

/*
 * IPv6's neighbour discovery where IPv4 has ARP (RFC 4861): a
 * solicitation asks for its target, an advertisement answers for it.
 * Only messages sent with hop limit 255 come from the link (7.1).
 */
static void
note_ndp(struct syn_local *l, uint32_t frame, const struct dec_pkt *p)
{
	struct dec_pkt a;

	if (p->ndp.hlim_bad || (p->ndp.type != 135 && p->ndp.type != 136))
		return;
	memset(&a, 0, sizeof(a));
	a.is_arp = true;
	a.arp_op = p->ndp.type == 135 ? 1 : 2;
	a.arp_spa = p->ndp.type == 135 ? p->ip.src : p->ndp.target;
	a.arp_tpa = p->ndp.type == 135 ? p->ndp.target : p->ip.dst;
	note_arp(l, frame, &a);
}

void
syn_note_frame(struct syn_local *l, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	if (p->is_arp) {
		note_arp(l, frame, p);
		return;
	}
	if (p->is_ndp) {
		note_ndp(l, frame, p);
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

/*
 * The SYNs per destination and port, counted in one pass (a long capture
 * holds millions): an open-addressing table sized to the probes, the
 * first SYN of each pair kept so that ties go to the pair seen first.
 */
struct target_count {
	struct fl_addr	dst;
	uint16_t	port;
	uint32_t	n, first;
};

bool
syn_guess_target(const struct corr *c, const struct syn_local *l, struct syn_plan *pl)
{
	struct target_count best, *tab;
	uint32_t i, cap = 16, np = corr_nprobes(c);

	while (cap < 2 * (uint64_t)np && cap < (1u << 30))
		cap *= 2;
	tab = calloc(cap, sizeof(*tab));
	if (tab == NULL)
		return false;
	memset(&best, 0, sizeof(best));
	for (i = 0; i < np; i++) {
		const struct corr_probe *p = corr_probe(c, i);
		uint32_t h;

		if (p->key.proto != 6)
			continue;
		h = fl_addr_hash(&p->key.dst, p->key.b * 2654435761u) & (cap - 1);
		while (tab[h].n > 0 &&
		    (tab[h].port != p->key.b || !fl_addr_eq(&tab[h].dst, &p->key.dst)))
			h = (h + 1) & (cap - 1);
		if (tab[h].n++ == 0) {
			tab[h].dst = p->key.dst;
			tab[h].port = p->key.b;
			tab[h].first = i;
		}
		if (tab[h].n > best.n || (tab[h].n == best.n && tab[h].first < best.first))
			best = tab[h];
	}
	free(tab);
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
void
syn_wire_connection(const struct syn_plan *pl, const struct syn_local *l, struct syn_local *w)
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
