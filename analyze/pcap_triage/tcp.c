/*
 * TCP, per connection (RFC 9293), as the frames show it: the handshake,
 * each side's data in sequence space (RFC 1982 comparisons), its
 * retransmissions (a segment seen again), holes filled later (lost before
 * the capture point), duplicate ACKs (RFC 5681 section 2: three of them
 * and a retransmission of the acknowledged byte is a fast retransmit),
 * keep-alives (one byte, or none, just below the next sequence number,
 * RFC 9293 3.8.4), window probes during a zero window (3.8.6.1), the
 * window scale (RFC 7323 2.2), resets, and the turns of a request and
 * response: who waited for whom.
 *
 * A connection lives in a bounded table (flowtab.c): 300 s idle while
 * open, 60 s while its SYN is unanswered, 5 s after it closed.  Its end
 * hands it to the rules (tcp_judge.c).  A handshake that is never
 * answered keeps its frames (the SYNs and whatever answered them, ICMP
 * errors included) for synprobe's rules, which read them as synprobe -r
 * would.  A source that sends SYNs to 20 or more ports, or to 64 or more
 * addresses at a new one a second, completing few handshakes, is
 * scanning: its attempts are one note (a warning when it is this host),
 * not a fault each.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/common/distinct.h"
#include "analyze/pcap_triage/readers.h"
#include "analyze/pcap_triage/tcp_int.h"

#define IDLE_OPEN	(300 * TCP_NS)
#define IDLE_HALF	(60 * TCP_NS)
#define IDLE_CLOSED	(5 * TCP_NS)
#define SCAN_IDLE	(120 * TCP_NS)
#define SCAN_TARGETS	20	/* a port scan: this many ports, */
#define SCAN_HOSTS	64	/* a sweep: this many addresses, */
#define SCAN_RATE	1.0	/* a new one a second at least, */
#define SCAN_DONE	0.2	/* at most this share of them completing a handshake */
#define SCAN_BITS	4096
#define SCAN_SUB_BITS	512

struct tkey {
	struct fl_addr	a, b;
	uint16_t	ap, bp;
};

struct scan_src {
	uint8_t		bits[SCAN_BITS / 8];
	uint8_t		port_bits[SCAN_SUB_BITS / 8], host_bits[SCAN_SUB_BITS / 8];
	uint32_t	set;		/* bits set */
	uint32_t	targets;	/* ports and hosts, estimated from bits */
	uint32_t	syns, open, refused, silent;
	uint32_t	established;	/* handshakes it completed (a client's, not a scan's) */
	uint32_t	first_frame;
	int64_t		first_ts, last_ts;
	struct fl_addr	dst;		/* the first target */
	uint16_t	port;		/* the first port */
	bool		many_dsts, many_ports;
};

static int
end_cmp(const struct fl_addr *a, uint16_t ap, const struct fl_addr *b, uint16_t bp)
{
	int c = memcmp(a, b, sizeof(*a));

	if (c != 0)
		return c;
	return ap < bp ? -1 : ap > bp;
}

static void
make_key(struct tkey *k, const struct fl_addr *s, uint16_t sp, const struct fl_addr *d, uint16_t dp)
{
	memset(k, 0, sizeof(*k));
	if (end_cmp(s, sp, d, dp) <= 0) {
		k->a = *s;
		k->ap = sp;
		k->b = *d;
		k->bp = dp;
	} else {
		k->a = *d;
		k->ap = dp;
		k->b = *s;
		k->bp = sp;
	}
}

/* Which side sent p: 0 the client, 1 the server. */
static int
side_of(const struct tconn *t, const struct fl_addr *src, uint16_t sport)
{
	return fl_addr_eq(src, &t->cli) && sport == t->cport ? 0 : 1;
}

static void
set_roles(struct tconn *t, const struct fl_addr *cli, uint16_t cport, const struct fl_addr *srv,
    uint16_t sport)
{
	t->cli = *cli;
	t->cport = cport;
	t->srv = *srv;
	t->sport = sport;
}

/* Swap client and server (a SYN-ACK shows the guess was wrong). */
static void
swap_roles(struct tconn *t)
{
	struct tdir d = t->d[0];
	struct fl_addr a = t->cli;
	uint16_t p = t->cport;

	t->d[0] = t->d[1];
	t->d[1] = d;
	t->cli = t->srv;
	t->cport = t->sport;
	t->srv = a;
	t->sport = p;
}

static void
keep_packet(struct tconn *t, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct stored *s;

	if (t->nst >= STORED_MAX)
		return;
	if (t->st == NULL && (t->st = calloc(STORED_MAX, sizeof(*t->st))) == NULL)
		return;
	s = &t->st[t->nst++];
	s->p = *p;
	/* The frame's bytes are gone once the reader returns: none of them are kept. */
	s->p.payload = cur_make(NULL, 0);
	s->p.ip_bytes = cur_make(NULL, 0);
	s->frame = frame;
	s->ts = ts;
}

static void
drop_packets(struct tconn *t)
{
	free(t->st);
	t->st = NULL;
	t->nst = 0;
}

static void
conn_done(void *ctx, void *data, bool evicted)
{
	struct tri_tcp *tc = ctx;
	struct tconn *t = data;

	(void)evicted;
	tcp_judge(tc, t);
	drop_packets(t);
}

/* ---- scans ---- */

/*
 * Whether a source's SYNs are a scan: many ports (a port scan), or many
 * addresses at a steady rate (a sweep), and few of them completing a
 * handshake.  A busy client opens as many connections, to a few ports
 * (a browser's 80 and 443), and nearly all of them complete; a client
 * behind a dead path retries a few tens of servers, not hundreds.
 */
static bool
is_scan(const struct scan_src *s, double *ports, double *hosts)
{
	double secs = (double)(s->last_ts - s->first_ts) / 1e9;

	/* One address or one port: the finer count of all targets is the other's. */
	*ports = s->many_dsts ? floor(distinct_count(s->port_bits, SCAN_SUB_BITS) + 0.5) : s->targets;
	*hosts = s->many_ports ? floor(distinct_count(s->host_bits, SCAN_SUB_BITS) + 0.5) : s->targets;
	if (s->targets < SCAN_TARGETS || (double)s->established > SCAN_DONE * s->targets)
		return false;
	if (*ports >= SCAN_TARGETS)
		return true;
	return *hosts >= SCAN_HOSTS && *hosts / (secs > 1 ? secs : 1) >= SCAN_RATE;
}

static struct scan_src *
scan_note(struct tri_tcp *tc, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct scan_src *s;
	bool created;

	s = flowtab_get(tc->scans, &p->ip.src, ts, SCAN_IDLE, true, &created);
	if (s == NULL)
		return NULL;
	if (created) {
		s->first_frame = frame;
		s->first_ts = ts;
		s->dst = p->ip.dst;
		s->port = p->l4.dport;
	}
	s->last_ts = ts;
	s->syns++;
	if (!fl_addr_eq(&s->dst, &p->ip.dst))
		s->many_dsts = true;
	if (s->port != p->l4.dport)
		s->many_ports = true;
	(void)distinct_add(s->port_bits, SCAN_SUB_BITS, flowtab_hash(&p->l4.dport, 2, 7));
	(void)distinct_add(s->host_bits, SCAN_SUB_BITS, fl_addr_hash(&p->ip.dst, 11));
	if (!distinct_add(s->bits, SCAN_BITS, fl_addr_hash(&p->ip.dst, p->l4.dport))) {
		s->set++;
		s->targets = (uint32_t)floor(distinct_estimate(s->set, SCAN_BITS) + 0.5);
	}
	if (s->targets >= SCAN_TARGETS && (!fl_addr_is_set(&tc->c->scanner) ||
	    fl_addr_eq(&tc->c->scanner, &p->ip.src))) {
		double ports, hosts;

		if (is_scan(s, &ports, &hosts)) {
			tc->c->scanner = p->ip.src;
			tc->c->scanner_syns = s->syns;
		}
	}
	return s;
}

/* A handshake completed: its client connects, the more it does the less it scans. */
void
tcp_scan_established(struct tri_tcp *tc, const struct fl_addr *cli)
{
	struct scan_src *s = flowtab_get(tc->scans, cli, 0, SCAN_IDLE, false, NULL);

	if (s != NULL)
		s->established++;
}

static void
scan_done(void *ctx, void *data, bool evicted)
{
	struct tri_tcp *tc = ctx;
	struct scan_src *s = data;
	const struct fl_addr *src = flowtab_key(tc->scans, data);
	char a[TRI_ADDR_TEXT], d[TRI_ADDR_TEXT], what[TRI_ADDR_TEXT + 96];
	struct tri_finding *f;
	double ports, hosts, secs;
	bool own, sweep, alarm;

	(void)evicted;
	if (!is_scan(s, &ports, &hosts))
		return;
	own = tri_is_host(tc->c, src);
	secs = (double)(s->last_ts - s->first_ts) / 1e9;
	sweep = ports < SCAN_TARGETS;
	/*
	 * This host sweeping addresses is how a worm spreads (a security
	 * warning of the host layer); its scan of one machine's ports is
	 * more often someone here running nmap (a note, as any scan).
	 */
	alarm = own && sweep;
	f = tri_add(tc->c, alarm ? TRI_WARNING : TRI_NOTE, alarm ? TL_HOST : TL_TCP, sweep ?
	    "address-sweep" : "port-scan", src, sweep ? s->port : 0, s->first_frame, s->first_ts, NULL);
	if (f == NULL)
		return;
	tri_addr_text(tc->c, src, a);
	tri_addr_text(tc->c, &s->dst, d);
	tri_finding_who(f, FAULT_NONE, own ? TW_HOST : TW_CLIENT, CONF_LIKELY, "%s", a);
	if (sweep)
		snprintf(what, sizeof(what), "sweeps about %.0f addresses (%s first) with SYNs to TCP "
		    "port %u%s", hosts, d, s->port, s->many_ports ? " and a few others" : "");
	else
		snprintf(what, sizeof(what), "scans %s%s: SYNs to about %.0f ports", d,
		    s->many_dsts ? " and other hosts" : "", ports);
	tri_finding_say(f, "%s %s in %.1f s (%u open, %u refused, %u unanswered; %u handshakes "
	    "completed). %s", own ? "This host" : a, what, secs, s->open, s->refused, s->silent,
	    s->established, alarm ? "A program on this host probes other machines for that "
	    "service, as a worm spreading or a scanner does: find which one (its process), unless "
	    "someone here runs it on purpose. Not a network fault." : own ? "A scanner runs on "
	    "this host (nmap or the like): if nobody here runs one, find the program. A scan's "
	    "closed and filtered ports are what it looks for, not faults." : "A scan's closed and "
	    "filtered ports are what it looks for, not faults.");
	tri_finding_fig(f, "targets", s->targets);
	tri_finding_fig(f, "ports", ports);
	tri_finding_fig(f, "addresses", hosts);
	tri_finding_fig(f, "open", s->open);
	tri_finding_fig(f, "syns", s->syns);
	tri_finding_fig(f, "established", s->established);
	tri_finding_fig(f, "duration_s", secs);
	if (s->last_ts > s->first_ts)
		tri_finding_fig(f, "rate_per_s", s->syns / secs);
	tri_finding_ev(f, s->first_frame, "the first SYN of the %s", sweep ? "sweep" : "scan");
}

struct scan_src *
tcp_scan_of(struct tri_tcp *tc, const struct fl_addr *src)
{
	struct scan_src *s = flowtab_get(tc->scans, src, 0, SCAN_IDLE, false, NULL);
	double ports, hosts;

	return s != NULL && is_scan(s, &ports, &hosts) ? s : NULL;
}

void
tcp_scan_count(struct scan_src *s, int what)
{
	if (what == 0)
		s->open++;
	else if (what == 1)
		s->refused++;
	else
		s->silent++;
}

/* ---- one segment ---- */

/*
 * The round trip on the sender's side of the capture point (from the
 * handshake: SYN to SYN-ACK for the server's data, SYN-ACK to ACK for the
 * client's), in ms; NaN when the handshake was not seen.
 */
static double
sender_half_ms(const struct tconn *t, int s)
{
	if (s == 1 && t->syn_seen && t->synack_seen && t->synack_ts >= t->syn_last_ts)
		return (double)(t->synack_ts - t->syn_last_ts) / 1e6;
	if (s == 0 && t->synack_seen && t->established && t->ack_ts >= t->synack_ts)
		return (double)(t->ack_ts - t->synack_ts) / 1e6;
	return NAN;
}

/*
 * A segment that fills a hole was sent before the one that opened it
 * (reordered on the way: late, not lost) or after (a resend: lost before
 * the capture point).  The sender's IP IDs tell when they are a counter,
 * as Linux's and Windows' are per connection or per host (Jaiswal et al.,
 * "Measurement and classification of out-of-sequence packets", 2003).
 * Otherwise the time: a resend reaches the capture point a round trip of
 * the sender's side after the hole opened, at the soonest, since the
 * duplicate ACKs must reach the sender first; only a hole filled in less
 * than half that is called reordering.
 */
static bool
late_not_lost(const struct tconn *t, int s, int64_t ts, int64_t opened, uint16_t id,
    uint16_t open_id)
{
	const struct tdir *d = &t->d[s];
	double half;

	if (d->ipid_n >= 8 && d->ipid_seq * 10 >= (d->ipid_n - 1) * 9)
		return (int16_t)(uint16_t)(id - open_id) < 0;
	half = sender_half_ms(t, s);
	return isfinite(half) && (double)(ts - opened) / 1e6 < 0.5 * half;
}

/* Holes the peer has acknowledged past were the capture's: forgotten. */
static void
holes_acked(struct tdir *d, const struct tdir *peer)
{
	unsigned int i, n = 0;

	if (!peer->have_ack)
		return;
	for (i = 0; i < d->nholes; i++)
		if (seq_diff(peer->hi_ack, d->holes[i].e) < 0)
			d->holes[n++] = d->holes[i];
	d->nholes = n;
}

static void
hole_open(struct tdir *d, const struct tdir *peer, uint32_t from, uint32_t to, int64_t ts,
    uint16_t ipid)
{
	holes_acked(d, peer);
	if (d->nholes == TCP_HOLES) {
		/* the oldest goes: its fills will count as data seen twice */
		memmove(&d->holes[0], &d->holes[1], (TCP_HOLES - 1) * sizeof(d->holes[0]));
		d->nholes--;
	}
	d->holes[d->nholes].s = from;
	d->holes[d->nholes].e = to;
	d->holes[d->nholes].ts = ts;
	d->holes[d->nholes].ipid = ipid;
	d->nholes++;
}

/*
 * [seq, end) starts inside a hole: the capture sees it for the first time.
 * *opened: when that hole opened; *filled: how many of its bytes it
 * covers (seen for the first time, so part of what the stream carried).
 */
static bool
hole_fill(struct tdir *d, const struct tdir *peer, uint32_t seq, uint32_t end, int64_t *opened,
    uint16_t *ipid, uint32_t *filled)
{
	unsigned int i;

	holes_acked(d, peer);
	for (i = 0; i < d->nholes; i++) {
		uint32_t hs = d->holes[i].s, he = d->holes[i].e;

		if (seq_diff(seq, hs) < 0 || seq_diff(seq, he) >= 0)
			continue;
		*opened = d->holes[i].ts;
		*ipid = d->holes[i].ipid;
		*filled = seq_diff(end, he) >= 0 ? he - seq : end - seq;
		if (seq == hs && seq_diff(end, he) >= 0) {
			memmove(&d->holes[i], &d->holes[i + 1], (d->nholes - i - 1) * sizeof(d->holes[0]));
			d->nholes--;
		} else if (seq == hs) {
			d->holes[i].s = end;
		} else if (seq_diff(end, he) >= 0) {
			d->holes[i].e = seq;
		} else if (d->nholes < TCP_HOLES) {
			/* the middle of it: two holes */
			memmove(&d->holes[i + 2], &d->holes[i + 1], (d->nholes - i - 1) * sizeof(d->holes[0]));
			d->holes[i + 1].s = end;
			d->holes[i + 1].e = he;
			d->holes[i + 1].ts = d->holes[i].ts;
			d->holes[i + 1].ipid = d->holes[i].ipid;
			d->holes[i].e = seq;
			d->nholes++;
		}
		return true;
	}
	return false;
}

/* A retransmission of seq: the same loss event, or a new one. */
static void
loss_event(struct tdir *d, uint32_t seq)
{
	if (!d->in_event || seq_diff(seq, d->recover) >= 0) {
		d->loss_events++;
		d->in_event = true;
		d->event_segs = 0;
		d->recover = d->nxt;
	}
	if (++d->event_segs > d->event_max)
		d->event_max = d->event_segs;
}

static void
note_sent(struct tdir *d, uint32_t seq, uint32_t end, uint32_t frame, int64_t ts, bool rexmit)
{
	unsigned int i = d->nsent++ % SENT_RING;

	d->sent[i].seq = seq;
	d->sent[i].end = end;
	d->sent[i].frame = frame;
	d->sent[i].ts = ts;
	d->sent[i].rexmit = rexmit;
}

/* The first copy of a segment starting at seq, from the ring; false when it left it. */
static bool
first_copy(const struct tdir *d, uint32_t seq, int64_t *ts, uint32_t *frame)
{
	unsigned int i, n = d->nsent < SENT_RING ? d->nsent : SENT_RING;

	for (i = n; i-- > 0;) {
		const unsigned int k = (d->nsent - n + i) % SENT_RING;

		if (d->sent[k].seq == seq && !d->sent[k].rexmit) {
			*ts = d->sent[k].ts;
			*frame = d->sent[k].frame;
			return true;
		}
	}
	return false;
}

static void
chain_add(struct tdir *d, uint32_t seq, uint32_t len, uint32_t frame, int64_t ts)
{
	struct chain *c = &d->cur;
	int64_t ots;
	uint32_t oframe;

	if (c->n > 0 && !c->acked && c->seq == seq) {
		if (c->n < CHAIN_MAX) {
			c->ts[c->n] = ts;
			c->frame[c->n] = frame;
		}
		c->n++;
		if (len < c->min_len) {
			c->min_len = len;
			c->shrank = true;
		}
		return;
	}
	/* A new chain: the worst unanswered one so far is kept. */
	if (c->n > d->worst.n || (c->n == d->worst.n && !c->acked))
		d->worst = *c;
	memset(c, 0, sizeof(*c));
	c->seq = seq;
	c->len = c->min_len = len;
	if (first_copy(d, seq, &ots, &oframe)) {
		c->ts[0] = ots;
		c->frame[0] = oframe;
		c->n = 1;
	}
	c->ts[c->n] = ts;
	c->frame[c->n] = frame;
	c->n++;
}

static void
window_update(struct tconn *t, int s, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tdir *d = &t->d[s];
	bool scaled = t->d[0].ws_set && t->d[1].ws_set && !(p->l4.tcp_flags & TCP_SYN);
	uint64_t win = (uint64_t)p->l4.tcp_win << (scaled ? (d->wscale > 14 ? 14 : d->wscale) : 0);

	d->last_win_raw = p->l4.tcp_win;
	d->win = win;
	if (win > d->win_max)
		d->win_max = win;
	if (p->l4.tcp_flags & (TCP_RST | TCP_SYN))
		return;
	if (win == 0 && !d->zw) {
		d->zw = true;
		d->zw_start = ts;
		d->zw_frame = frame;
		d->zw_events++;
		d->nprobe = 0;
	} else if (win > 0 && d->zw) {
		int64_t dur = ts - d->zw_start;

		d->zw = false;
		d->zw_total += dur;
		if (dur > d->zw_longest) {
			d->zw_longest = dur;
			d->zw_longest_frame = d->zw_frame;
			d->zw_end_frame = frame;
		}
	}
}

/* The request's ACK, for the server's time: the server acknowledges the client's request. */
static void
ack_advance(struct tconn *t, int s, uint32_t frame, int64_t ts, uint32_t ack)
{
	struct tdir *peer = &t->d[1 - s];
	unsigned int i, n;

	/* Round trips from the peer's segments (Karn: never from a retransmitted one). */
	n = peer->nsent < SENT_RING ? peer->nsent : SENT_RING;
	for (i = 0; i < n; i++) {
		unsigned int k = (peer->nsent - 1 - i) % SENT_RING;

		if (peer->sent[k].end == ack && !peer->sent[k].rexmit) {
			double ms = (double)(ts - peer->sent[k].ts) / 1e6;

			if (ms >= 0) {
				if (peer->rtt_n == 0 || ms < peer->rtt_min)
					peer->rtt_min = ms;
				peer->rtt_sum += ms;
				peer->rtt_n++;
			}
			break;
		}
	}
	if (peer->cur.n > 0 && !peer->cur.acked && seq_diff(ack, peer->cur.seq) > 0) {
		peer->cur.acked = true;
		peer->cur.ack_ts = ts;
	}
	if (s == 1 && t->turn == 0 && !t->req_acked && seq_diff(ack, t->req_end) >= 0) {
		t->req_acked = true;
		t->req_ack_ts = ts;
		t->req_ack_frame = frame;
	}
}

static void
acks(struct tconn *t, int s, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tdir *d = &t->d[s], *peer = &t->d[1 - s];
	uint32_t ack = p->l4.ack;

	if (!(p->l4.tcp_flags & TCP_ACK))
		return;
	if (!d->have_ack || seq_diff(ack, d->hi_ack) > 0) {
		if (d->have_ack)
			d->ack_moves++;
		d->have_ack = true;
		d->hi_ack = ack;
		d->dup_run = 0;
		ack_advance(t, s, frame, ts, ack);
		return;
	}
	/* RFC 5681: same ACK, no data, no SYN/FIN, same window, data outstanding. */
	if (ack == d->hi_ack && p->payload_len == 0 &&
	    !(p->l4.tcp_flags & (TCP_SYN | TCP_FIN | TCP_RST)) && p->l4.tcp_win == d->last_win_raw &&
	    peer->have_nxt && seq_diff(peer->nxt, ack) > 0) {
		d->dupacks++;
		if (++d->dup_run == 3)
			d->dup_runs++;
	}
}

/* A new turn of data from side s: the other side's time, or the client's wait. */
static void
turn(struct tconn *t, int s, uint32_t frame, int64_t ts)
{
	double rtt_srv = t->synack_seen && t->syn_seen ? (double)(t->synack_ts - t->syn_last_ts) / 1e6 :
	    t->d[0].rtt_n > 0 ? t->d[0].rtt_min : NAN;
	double rtt_cli = t->synack_seen && t->established ? (double)(t->ack_ts - t->synack_ts) / 1e6 :
	    0;

	if (t->turn == s) {
		t->turn_last = ts;
		t->turn_last_frame = frame;
		return;
	}
	if (s == 0) {
		double wait;
		int64_t ref;
		uint32_t rframe;

		if (t->turn == 1) {
			t->transfer_sum += (double)(t->turn_last - t->turn_first) / 1e6;
			ref = t->turn_last;
			rframe = t->turn_last_frame;
			/* After an answer: the client's think time, its own side's round trip off. */
			wait = (double)(ts - ref) / 1e6 - (rtt_cli > 0 ? rtt_cli : 0);
		} else if (t->established) {
			ref = t->ack_ts;
			rframe = t->ack_frame;
			wait = (double)(ts - ref) / 1e6;
		} else {
			ref = 0;
			rframe = 0;
			wait = NAN;
		}
		if (!isnan(wait)) {
			if (wait < 0)
				wait = 0;
			if (t->turn == -1) {
				t->wait_first = wait;
				t->wait_frames[0] = rframe;
				t->wait_frames[1] = frame;
				t->wait_is_first = 1;
			} else if (isnan(t->wait_max) || wait > t->wait_max) {
				t->wait_max = wait;
				if (isnan(t->wait_first) || wait > t->wait_first) {
					t->wait_frames[0] = rframe;
					t->wait_frames[1] = frame;
					t->wait_is_first = 0;
				}
			}
		}
		t->req_acked = false;
	} else if (t->turn == 0) {
		/*
		 * The server's time: first byte of the answer less last byte of
		 * the request, less the round trip between the capture point and
		 * the server (the handshake's SYN to SYN-ACK).  When the request's
		 * own ACK came back much later than that (by more than a delayed
		 * ACK's 200 ms) the path itself slowed down: its round trip is
		 * used instead.
		 */
		double raw = (double)(ts - t->turn_last) / 1e6, used = isnan(rtt_srv) ? 0 : rtt_srv;
		double ackrtt = NAN, server;

		if (t->req_acked && t->req_ack_ts <= ts)
			ackrtt = (double)(t->req_ack_ts - t->turn_last) / 1e6;
		if (!isnan(ackrtt) && t->req_ack_ts < ts && ackrtt > used + 200)
			used = ackrtt;
		server = raw - used;
		if (server < 0)
			server = 0;
		t->exchanges++;
		if (isnan(t->server_max) || server > t->server_max) {
			t->server_max = server;
			t->server_raw = raw;
			t->server_rtt_used = used;
			t->server_ackgap = t->req_acked && t->req_ack_ts < ts ?
			    (double)(ts - t->req_ack_ts) / 1e6 : NAN;
			t->rtt_req = ackrtt;
			t->server_frames[0] = t->turn_last_frame;
			t->server_frames[1] = frame;
			t->req_ack_frame_w = t->req_acked ? t->req_ack_frame : 0;
			t->ack_piggybacked = t->req_acked && t->req_ack_ts == ts;
		}
	} else if (t->turn == -1 && t->established) {
		t->greet_ms = (double)(ts - t->ack_ts) / 1e6;
		t->greet_frame = frame;
	}
	t->turn = s;
	t->turn_first = t->turn_last = ts;
	t->turn_first_frame = t->turn_last_frame = frame;
}

static void
data(struct tconn *t, int s, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tdir *d = &t->d[s], *peer = &t->d[1 - s];
	uint32_t seq = p->l4.seq, len = p->payload_len;
	uint32_t end = seq + len + ((p->l4.tcp_flags & TCP_FIN) ? 1 : 0);
	bool peer_zero = peer->zw;
	int64_t opened = 0;
	uint16_t open_id = 0;
	uint32_t filled = 0;

	if (p->l4.tcp_flags & TCP_SYN) {
		d->isn = seq;
		d->nxt = seq + 1;
		d->have_nxt = true;
		return;
	}
	if (!d->have_nxt) {
		d->nxt = seq;
		d->have_nxt = true;
	}
	if (len == 0 && !(p->l4.tcp_flags & TCP_FIN)) {
		/* A keep-alive: nothing new, one below the next sequence number, nothing outstanding. */
		if (seq == d->nxt - 1 && peer->have_ack && peer->hi_ack == d->nxt) {
			if (peer_zero)
				goto probe;
			d->keepalives++;
		}
		return;
	}
	if (len > 0) {
		d->data_segs++;
		if (len > d->max_payload)
			d->max_payload = len;
		if (d->first_data_ts == 0) {
			d->first_data_ts = ts;
			d->first_data_frame = frame;
		}
	}
	if (len <= 1 && seq_diff(seq, d->nxt) <= 0 && seq_diff(end, d->nxt) <= 0 && peer_zero) {
		/* A window probe (RFC 9293 3.8.6.1) against the peer's zero window. */
		goto probe;
	}
	if (len == 1 && seq == d->nxt - 1 && peer->have_ack && peer->hi_ack == d->nxt) {
		d->keepalives++;
		return;
	}
	if (seq_diff(end, d->nxt) > 0) {
		uint64_t fresh = (uint64_t)(uint32_t)(end - d->nxt);
		uint64_t out;

		if (len > 0 && p->ip.src.family == 4) {
			uint16_t step = (uint16_t)(p->ip.id - d->last_ipid);

			if (d->ipid_n++ > 0 && step >= 1 && step <= 64)
				d->ipid_seq++;
			d->last_ipid = p->ip.id;
		}

		if (seq_diff(seq, d->nxt) > 0) {
			/* Beyond what was seen: a hole the capture did not see (yet). */
			d->ooo++;
			hole_open(d, peer, d->nxt, seq, ts, p->ip.id);
			fresh = len;
		}
		if ((p->l4.tcp_flags & TCP_FIN) && fresh > 0)
			fresh--;
		d->nxt = end;
		d->bytes += fresh;
		d->last_data_ts = ts;
		d->last_data_frame = frame;
		if (peer->mss > 0 && len > peer->mss && len > 1460)
			d->super_segs++;
		note_sent(d, seq, end, frame, ts, false);
		out = peer->have_ack ? (uint64_t)(uint32_t)(d->nxt - peer->hi_ack) : 0;
		trat_data(d, peer, ts, (uint32_t)fresh, tcp_rtt(t), out);
		if (len > 0)
			turn(t, s, frame, ts);
		return;
	}
	/* Nothing new: a hole filled, or a retransmission of what the capture already saw. */
	if (len > 0 && hole_fill(d, peer, seq, end, &opened, &open_id, &filled)) {
		/* Bytes the capture had not seen: the stream carried them (late, or again). */
		d->bytes += filled;
		if (late_not_lost(t, s, ts, opened, p->ip.id, open_id)) {
			d->reordered++;
			return;
		}
		d->fills++;
		loss_event(d, seq);
		note_sent(d, seq, end, frame, ts, true);
		trat_rexmit(d);
		return;
	}
	if (len == 0)
		return;
	if (peer->have_ack && seq_diff(end, peer->hi_ack) <= 0) {
		/* Data the receiver had acknowledged already: a spurious resend, nothing lost. */
		d->spurious++;
		note_sent(d, seq, end, frame, ts, true);
		return;
	}
	d->rexmits++;
	loss_event(d, seq);
	if (peer->dup_run >= 3 && peer->hi_ack == seq)
		d->fast_rexmits++;
	note_sent(d, seq, end, frame, ts, true);
	chain_add(d, seq, len, frame, ts);
	trat_rexmit(d);
	return;
probe:
	d->winprobes++;
	if (peer->nprobe < 4) {
		peer->probe_ts[peer->nprobe] = ts;
		peer->probe_frame[peer->nprobe] = frame;
	}
	peer->nprobe++;
}

static void
handshake(struct tconn *t, int s, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	uint8_t f = p->l4.tcp_flags;
	struct tdir *d = &t->d[s];

	if ((f & TCP_SYN) && !(f & TCP_ACK)) {
		if (t->syns++ == 0) {
			t->syn_frame = frame;
			t->syn_ts = ts;
			t->syn_ttl = p->ip.ttl;
		}
		t->syn_seen = true;
		t->syn_last_ts = ts;
		t->syn_last_frame = frame;
	} else if ((f & TCP_SYN) && (f & TCP_ACK)) {
		if (t->synacks++ == 0) {
			t->synack_frame = frame;
			t->synack_ts = ts;
		}
		t->synack_seen = true;
	} else if (s == 0 && t->synack_seen && !t->established && (f & TCP_ACK) &&
	    !(f & TCP_RST) && p->l4.ack == t->d[1].isn + 1) {
		t->established = true;
		t->ack_frame = frame;
		t->ack_ts = ts;
		drop_packets(t);
	}
	if (f & TCP_SYN) {
		d->syn = true;
		d->mss = p->l4.tcp_mss;
		if (p->l4.tcp_wscale != TCP_NO_WSCALE) {
			d->ws_set = true;
			d->wscale = p->l4.tcp_wscale;
		}
	}
}

/* A new connection's roles: a SYN's sender is the client; a SYN-ACK's receiver; else the higher port. */
static void
new_roles(struct tconn *t, const struct dec_pkt *p)
{
	uint8_t f = p->l4.tcp_flags;

	if ((f & TCP_SYN) && !(f & TCP_ACK)) {
		set_roles(t, &p->ip.src, p->l4.sport, &p->ip.dst, p->l4.dport);
	} else if ((f & TCP_SYN) && (f & TCP_ACK)) {
		set_roles(t, &p->ip.dst, p->l4.dport, &p->ip.src, p->l4.sport);
	} else {
		t->midstream = true;
		t->guessed = true;
		if (p->l4.sport >= p->l4.dport)
			set_roles(t, &p->ip.src, p->l4.sport, &p->ip.dst, p->l4.dport);
		else
			set_roles(t, &p->ip.dst, p->l4.dport, &p->ip.src, p->l4.sport);
	}
	t->turn = -1;
	t->wait_first = t->wait_max = t->server_max = t->server_raw = NAN;
	t->server_ackgap = t->rtt_req = t->greet_ms = NAN;
}

/* An ICMP error quoting a SYN: the handshake's answer, for synprobe's rules. */
static void
syn_error(struct tri_tcp *tc, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	const struct dec_ip *q = &p->err.q_ip;
	const struct dec_l4 *ql = &p->err.q_l4;
	struct tkey k;
	struct tconn *t;

	if (q->proto != 6 || !(ql->have & L4_PORTS))
		return;
	make_key(&k, &q->src, ql->sport, &q->dst, ql->dport);
	t = flowtab_get(tc->conns, &k, ts, IDLE_HALF, false, NULL);
	if (t != NULL && t->syn_seen && !t->established)
		keep_packet(t, frame, ts, p);
}

bool
tri_tcp_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tri_tcp *tc = ctx;
	struct tkey k;
	struct tconn *t;
	struct tdir *d;
	bool created, was_established;
	int s;
	uint8_t f;

	flowtab_expire(tc->conns, ts);
	flowtab_expire(tc->scans, ts);
	if (p->status != DEC_OK || p->ip.frag != 0)
		return false;
	if (p->is_icmp_err && p->quote_ok) {
		syn_error(tc, frame, ts, p);
		return false;
	}
	if (p->ip.proto != 6 || !(p->l4.have & L4_TCPHDR))
		return false;
	f = p->l4.tcp_flags;
	/* A SYN this host sends with a low TTL is a traceroute's probe (icmp.c). */
	if ((f & TCP_SYN) && !(f & TCP_ACK) && p->ip.ttl < 32 && !tri_initial_ttl(p->ip.ttl))
		return false;
	make_key(&k, &p->ip.src, p->l4.sport, &p->ip.dst, p->l4.dport);
	t = flowtab_get(tc->conns, &k, ts, IDLE_HALF, true, &created);
	if (t == NULL)
		return false;
	if (!created && (f & TCP_SYN) && !(f & TCP_ACK) && t->syn_seen &&
	    (t->established || t->closed) && p->l4.seq != t->d[side_of(t, &p->ip.src, p->l4.sport)].isn) {
		/* The 4-tuple used again: the old connection is over. */
		flowtab_remove(tc->conns, t);
		t = flowtab_get(tc->conns, &k, ts, IDLE_HALF, true, &created);
		if (t == NULL)
			return false;
	}
	if (created) {
		new_roles(t, p);
		t->first_frame = frame;
		t->first_ts = ts;
		if ((f & TCP_SYN) && !(f & TCP_ACK))
			(void)scan_note(tc, frame, ts, p);
	} else if (t->guessed && (f & TCP_SYN)) {
		/* The first packets were seen without a SYN; a SYN-ACK settles who is who. */
		if (((f & TCP_ACK) && fl_addr_eq(&p->ip.src, &t->cli) && p->l4.sport == t->cport) ||
		    (!(f & TCP_ACK) && fl_addr_eq(&p->ip.src, &t->srv) && p->l4.sport == t->sport))
			swap_roles(t);
		t->guessed = false;
	}
	t->last_frame = frame;
	t->last_ts = ts;
	s = side_of(t, &p->ip.src, p->l4.sport);
	d = &t->d[s];
	if (!d->seen) {
		d->seen = true;
		d->first_ts = ts;
		d->first_frame = frame;
		d->ttl_first = p->ip.ttl;
	}
	/*
	 * A copy of data already sent, with a TTL two or more below the
	 * sender's: an in-flow traceroute (postprobe, 0trace, tcptraceroute
	 * locating a device on the path) that routers answer with time
	 * exceeded.  Not a retransmission, and the receiver never sees it.
	 */
	if (!(f & (TCP_SYN | TCP_RST)) && p->payload_len > 0 && d->have_nxt &&
	    p->ip.ttl + 2 <= d->ttl_first && seq_diff(p->l4.seq + p->payload_len, d->nxt) <= 0) {
		if (d->ttl_copies++ == 0)
			d->ttl_copy_frame = frame;
		if (d->ttl_copy_min == 0 || p->ip.ttl < d->ttl_copy_min)
			d->ttl_copy_min = p->ip.ttl;
		if (p->ip.ttl > d->ttl_copy_max)
			d->ttl_copy_max = p->ip.ttl;
		d->ttl_copy_last = p->ip.ttl;
		d->ttl_copy_last_ts = ts;
		d->ttl_copy_last_frame = frame;
		d->ttl_copy_last_ack = p->l4.ack;
		return false;
	}
	d->ttl_last = p->ip.ttl;
	d->last_ts = ts;
	d->segs++;
	if (t->d[1 - s].cur.n > 0 && !t->d[1 - s].cur.acked)
		t->d[1 - s].cur.peer_pkts++;
	was_established = t->established;
	handshake(t, s, frame, ts, p);
	if (t->established && !was_established)
		tcp_scan_established(tc, &t->cli);
	if (!t->established && t->syn_seen)
		keep_packet(t, frame, ts, p);
	if (f & TCP_RST) {
		const struct tdir *o = &t->d[1 - s];

		/*
		 * The answer to a copy that expired before it could reach this
		 * end: right after it, its sequence number the copy's ACK field,
		 * which is a marker no segment of the connection carried (as
		 * postprobe's copies do).  A copy with the real ACK number could
		 * be answered by the endpoint's own reset: no conclusion.
		 */
		if (!d->rst_copy && o->ttl_copies > 0 && ts - o->ttl_copy_last_ts < TCP_NS &&
		    ts >= o->ttl_copy_last_ts && d->segs > 1 &&
		    (int)o->ttl_copy_last <= tri_hops(d->ttl_first) &&
		    p->l4.seq == o->ttl_copy_last_ack && o->have_ack &&
		    seq_diff(o->ttl_copy_last_ack, o->hi_ack) != 0 &&
		    seq_diff(o->ttl_copy_last_ack, d->nxt) > 0) {
			d->rst_copy = true;
			d->rst_copy_ttl = o->ttl_copy_last;
			d->rst_copy_frame = frame;
			d->rst_copy_of = o->ttl_copy_last_frame;
		}
		if (!d->rst) {
			d->rst = true;
			d->rst_frame = frame;
			d->rst_ts = ts;
			d->rst_ttl = p->ip.ttl;
		}
		t->closed = true;
		flowtab_set_idle(tc->conns, t, IDLE_CLOSED);
		return false;
	}
	data(t, s, frame, ts, p);
	acks(t, s, frame, ts, p);
	window_update(t, s, frame, ts, p);
	if ((f & TCP_FIN) && !d->fin) {
		d->fin = true;
		d->fin_frame = frame;
		d->fin_ts = ts;
	}
	if (t->d[0].fin && t->d[1].fin) {
		t->closed = true;
		flowtab_set_idle(tc->conns, t, IDLE_CLOSED);
	} else if (t->established || t->midstream) {
		flowtab_set_idle(tc->conns, t, IDLE_OPEN);
	}
	return false;
}

struct tri_tcp *
tri_tcp_new(struct tri_ctx *c)
{
	struct tri_tcp *tc = calloc(1, sizeof(*tc));

	if (tc == NULL)
		return NULL;
	tc->c = c;
	tc->conns = flowtab_new(sizeof(struct tkey), sizeof(struct tconn), c->opt.max_flows,
	    conn_done, tc);
	tc->scans = flowtab_new(sizeof(struct fl_addr), sizeof(struct scan_src), 4096, scan_done, tc);
	tc->kept = calloc(TRI_MAX_CONNS_KEPT, sizeof(*tc->kept));
	if (tc->conns == NULL || tc->scans == NULL || tc->kept == NULL) {
		tri_tcp_free(tc);
		return NULL;
	}
	return tc;
}

void
tri_tcp_finish(struct tri_tcp *tc)
{
	flowtab_drain(tc->conns);
	flowtab_drain(tc->scans);
}

const struct tri_conn_sum *
tri_tcp_conns(const struct tri_tcp *tc, size_t *n, uint64_t *total)
{
	*n = tc->nkept;
	if (total != NULL)
		*total = tc->total;
	return tc->kept;
}

const struct tri_points *
tri_tcp_points(const struct tri_tcp *tc)
{
	return &tc->points;
}

static void
free_stored(void *ctx, void *data)
{
	(void)ctx;
	drop_packets(data);
}

void
tri_tcp_free(struct tri_tcp *tc)
{
	if (tc == NULL)
		return;
	if (tc->conns != NULL)
		flowtab_each(tc->conns, free_stored, NULL);
	flowtab_free(tc->conns);
	flowtab_free(tc->scans);
	free(tc->kept);
	free(tc);
}
