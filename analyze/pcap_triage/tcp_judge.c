/*
 * The rules of pcap-triage's TCP reader, applied once a connection is
 * over (thresholds in pcap-triage(1), TCP):
 *
 *   handshake   never answered: synprobe's rules, on the frames kept
 *               (refused, unanswered, unreachable at a router...), with
 *               what the capture adds (the gateway answers other traffic,
 *               so unanswered SYNs are lost beyond it); SYNs retransmitted
 *               before an answer: time lost
 *   time        the round trip from the handshake (SYN to SYN-ACK plus
 *               SYN-ACK to ACK: whatever the capture point, the two halves
 *               add up); the server's time (answer's first byte less the
 *               request's last, less the round trip between the capture
 *               point and the server); the client's wait before its first
 *               request.  slow-path: a round trip of 400 ms or more;
 *               slow-server: above max(200 ms, 10 round trips);
 *               slow-client: a wait above max(500 ms, 10 round trips)
 *               before a request that was answered
 *   loss        a segment retransmitted with back-off and never acked (the
 *               peer or the path went away); full-size segments that never
 *               get through while smaller ones do (a path MTU black hole);
 *               5 % of the segments or more retransmitted (a lossy path)
 *   window      a zero window that lasts (the receiver stopped reading)
 *   resets      a reset in the middle of a transfer: who sent it, after how
 *               many bytes; with a TTL unlike its sender's other packets, a
 *               device on the path sent it
 *   rate        the T-RAT class of a bulk transfer (trat.c)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/common/readers.h"
#include "analyze/flow/correlate.h"
#include "analyze/synprobe/infer.h"
#include "analyze/synprobe/readers.h"
#include "analyze/pcap_triage/tcp_int.h"

#define SLOW_PATH_MS	400.0
#define SLOW_SERVER_MS	200.0
#define SLOW_CLIENT_MS	500.0
#define ZW_FAULT_NS	(2 * TCP_NS)
#define SYN_RTO_NS	TCP_NS
#define ZW_WARN_NS	(TCP_NS / 2)

double
tcp_rtt(const struct tconn *t)
{
	if (t->syn_seen && t->synack_seen && t->established)
		return (double)(t->synack_ts - t->syn_last_ts) / 1e6 +
		    (double)(t->ack_ts - t->synack_ts) / 1e6;
	if (t->syn_seen && t->synack_seen)
		return (double)(t->synack_ts - t->syn_last_ts) / 1e6;
	if (t->d[0].rtt_n > 0 && t->d[1].rtt_n > 0)
		return t->d[0].rtt_min + t->d[1].rtt_min;
	return NAN;
}

/*
 * At the client, its own packets leave with an initial TTL and the
 * server's do not; at the server, the other way round; between the two,
 * neither.  Both initial (one LAN): the handshake's timing decides, the
 * longer half being the side away from the capture point.
 */
const char *
tcp_point(const struct tconn *t)
{
	bool ci = tri_initial_ttl(t->d[0].ttl_first), si = tri_initial_ttl(t->d[1].ttl_first);
	double a, b;

	if (!t->d[0].seen || !t->d[1].seen)
		return "unknown";
	if (ci && !si)
		return "client";
	if (si && !ci)
		return "server";
	if (!ci && !si)
		return "middle";
	if (!t->syn_seen || !t->synack_seen || !t->established)
		return "unknown";
	a = (double)(t->synack_ts - t->syn_last_ts);
	b = (double)(t->ack_ts - t->synack_ts);
	if (a > 4 * b)
		return "client";
	if (b > 4 * a)
		return "server";
	return "middle";
}

static void
endpoint(const struct tri_ctx *c, const struct fl_addr *a, uint16_t port, char *buf, size_t len)
{
	char s[TRI_ADDR_TEXT];

	snprintf(buf, len, "%s port %u", tri_addr_text(c, a, s), port);
}

static double
ms(int64_t a, int64_t b)
{
	return (double)(b - a) / 1e6;
}

/* ---- the handshake ---- */

static enum tri_who
who_of_kind(const char *kind)
{
	if (strstr(kind, "on-path") != NULL || strcmp(kind, "filtered-on-path") == 0)
		return TW_ROUTER;
	if (strcmp(kind, "gateway-unreachable") == 0)
		return TW_GATEWAY;
	if (strcmp(kind, "blocked-locally") == 0)
		return TW_HOST;
	if (strcmp(kind, "unanswered") == 0 || strcmp(kind, "no-response") == 0)
		return TW_PATH;
	return TW_SERVER;
}

/* Did the SYN leave through the gateway, which does answer other traffic? */
static bool
gateway_answers(const struct tri_ctx *c, const struct tconn *t)
{
	const struct tri_hop *g = tri_gateway(c, NULL);
	int i;

	if (g == NULL || g->in == 0)
		return false;
	for (i = 0; i < t->nst; i++)
		if (t->st[i].p.has_mac_dst && memcmp(t->st[i].p.mac_dst, g->mac, 6) == 0 &&
		    fl_addr_eq(&t->st[i].p.ip.src, &t->cli))
			return true;
	return false;
}

/* how: 0 never answered, 1 refused, 2 accepted but never completed by the remote client. */
static void
inbound_note(struct tri_tcp *tc, const struct tconn *t, int how)
{
	static const char *kinds[] = { "inbound-unanswered", "inbound-refused", "inbound-half-open" };
	char h[TRI_ADDR_TEXT], cl[TRI_ADDR_TEXT];
	struct tri_finding *f;
	bool merged;

	if (how == 1)
		tc->inbound_refused++;
	else
		tc->inbound_silent++;
	f = tri_add(tc->c, TRI_NOTE, TL_TCP, kinds[how], &t->srv, 0, t->syn_frame, t->syn_ts,
	    &merged);
	if (f == NULL)
		return;
	tri_addr_text(tc->c, &t->srv, h);
	tri_addr_text(tc->c, &t->cli, cl);
	if (!merged) {
		tri_finding_who(f, FAULT_NONE, TW_HOST, CONF_CERTAIN, "this host, %s", h);
		if (how == 2)
			tri_finding_say(f, "Connections from outside to this host (port %u first, from "
			    "%s) are accepted (SYN-ACK) but the remote side never completes them: the "
			    "port is open to the outside, and the attempts are a scanner's.", t->sport, cl);
		else
			tri_finding_say(f, "Connections from outside to this host (port %u first, from "
			    "%s) are %s: nothing listens on those ports, or this host's firewall %s "
			    "them. Unsolicited attempts like these are the Internet's background, not a "
			    "fault of this host's own traffic.", t->sport, cl, how == 1 ?
			    "refused with a reset" : "never answered", how == 1 ? "resets" : "drops");
	}
	tri_finding_fig(f, "attempts", f->count);
	tri_finding_ev(f, t->syn_frame, "SYN from %s to port %u", cl, t->sport);
}

bool
tri_conn_failed(const struct tri_conn_sum *c)
{
	static const char *const through[] = { "established", "mid-stream", "half-open",
	    "capture-ended" };
	size_t i;

	for (i = 0; i < sizeof(through) / sizeof(through[0]); i++)
		if (strcmp(c->outcome, through[i]) == 0)
			return false;
	return true;
}

void
tri_conns_tally(const struct tri_conn_sum *cs, size_t n, size_t *failed, size_t *faulted)
{
	size_t i;

	*failed = *faulted = 0;
	for (i = 0; i < n; i++) {
		if (tri_conn_failed(&cs[i]))
			(*failed)++;
		else if (cs[i].fault)
			(*faulted)++;
	}
}

/* The connection has a fault finding of its own: the first one names it. */
static void
conn_fault(struct tri_conn_sum *sum, const char *kind)
{
	if (!sum->fault)
		sum->fault_kind = kind;
	sum->fault = true;
}

static void
handshake_failed(struct tri_tcp *tc, struct tconn *t, struct tri_conn_sum *sum)
{
	struct tri_ctx *c = tc->c;
	struct scan_src *sc = tcp_scan_of(tc, &t->cli);
	struct syn_local l;
	struct syn_result r;
	struct syn_plan plan;
	struct readers rd;
	struct corr *co;
	struct tri_finding *f;
	char err[128], dst[TRI_ADDR_TEXT + 16];
	bool refused = t->d[1].rst, merged;
	enum fault side;
	enum tri_who who;
	size_t i;
	int k;

	/*
	 * Answered by a SYN-ACK that the client reset instead of completing:
	 * a half-open probe (synprobe, nmap -sS) or a client that gave up at
	 * once; the server accepted, so the connection did not fail.
	 */
	sum->outcome = t->synack_seen ? (t->d[0].rst ? "half-open" : "not-completed") :
	    refused ? "refused" : "unanswered";
	if (sc != NULL) {
		tcp_scan_count(sc, t->synack_seen ? 0 : refused ? 1 : 2);
		return;
	}
	if (!tri_is_host(c, &t->cli) && tri_is_host(c, &t->srv)) {
		inbound_note(tc, t, t->synack_seen ? 2 : refused ? 1 : 0);
		return;
	}
	co = corr_new(NULL, 30 * TCP_NS);
	if (co == NULL)
		return;
	memset(&l, 0, sizeof(l));
	syn_readers(&rd, &l, co);
	for (k = 0; k < t->nst; k++)
		readers_packet(&rd, t->st[k].frame, t->st[k].ts, &t->st[k].p);
	corr_finish(co);
	memset(&plan, 0, sizeof(plan));
	plan.src = t->cli;
	plan.dst = t->srv;
	plan.port = t->sport;
	plan.full_ttl = 32;
	if (infer_syn(co, &plan, &l, &r, err, sizeof(err)) != 0) {
		corr_free(co);
		return;
	}
	corr_free(co);
	/*
	 * "no-probe": the rules found no SYN among the frames this
	 * connection kept (a connection whose SYN the reader saw go by as
	 * another tool's, such as postprobe's in-flow trace): nothing to
	 * judge, never a fault (the corpus's HTTP captures read "No SYN to
	 * port 80 was captured", exit 1).
	 */
	if (r.v.fault == FAULT_NONE || strcmp(r.v.kind, "no-probe") == 0) {
		syn_result_free(&r);
		return;
	}
	sum->outcome = r.v.kind;
	conn_fault(sum, r.v.kind);
	side = r.v.fault;
	who = who_of_kind(r.v.kind);
	endpoint(c, &t->srv, t->sport, dst, sizeof(dst));
	f = tri_add(c, TRI_FAULT, TL_TCP, r.v.kind, fl_addr_is_set(&r.v.addr) ? &r.v.addr : &t->srv,
	    t->sport, t->syn_frame, t->syn_ts, &merged);
	if (f == NULL) {
		syn_result_free(&r);
		return;
	}
	if (!merged) {
		if (strcmp(r.v.kind, "unanswered") == 0 && gateway_answers(c, t)) {
			char gw[TRI_ADDR_TEXT];
			struct fl_addr ga;
			const struct tri_hop *g = tri_gateway(c, &ga);

			if (fl_addr_is_set(&ga))
				tri_addr_text(c, &ga, gw);
			else
				tri_mac_text(g->mac, gw);
			tri_finding_who(f, FAULT_PATH, TW_PATH, CONF_LIKELY, "the path beyond the "
			    "gateway %s", gw);
			tri_finding_say(f, "%d SYN%s to %s over %.1f s get no answer at all (no SYN-ACK, "
			    "reset or ICMP), while other traffic comes back through the gateway %s: the "
			    "LAN and the gateway work, and the SYNs are lost beyond it (a filter on the "
			    "path, or the server is down).", r.natt, r.natt == 1 ? "" : "s", dst,
			    ms(t->syn_ts, t->syn_last_ts) / 1000, gw);
		} else {
			char dev[TRI_ADDR_TEXT];

			tri_finding_who(f, side, who, r.v.confidence, "%s", who == TW_SERVER ?
			    dst : who == TW_PATH ? "the server or the path to it" :
			    tri_addr_text(c, fl_addr_is_set(&r.v.addr) ? &r.v.addr : &t->srv, dev));
			tri_finding_say(f, "%s", r.v.summary);
		}
		tri_finding_fig(f, "syns", t->syns);
		if (r.natt > 0 && r.att[0].answer != RK_NONE)
			tri_finding_fig(f, "answer_ms", r.att[0].rtt_ms);
		if (t->syns > 1)
			tri_finding_fig(f, "span_s", ms(t->syn_ts, t->syn_last_ts) / 1000);
	}
	for (i = 0; i < r.ev.n; i++)
		tri_finding_ev(f, r.ev.v[i].frame, "%s", r.ev.v[i].summary);
	syn_result_free(&r);
}

/* ---- time ---- */

static void
fig_time(struct tri_finding *f, const struct tconn *t, double rtt)
{
	tri_finding_fig(f, "rtt_ms", rtt);
	if (!isnan(t->server_max))
		tri_finding_fig(f, "server_ms", t->server_max);
	if (!isnan(t->wait_first))
		tri_finding_fig(f, "client_wait_ms", t->wait_first);
	if (!isnan(t->rtt_req))
		tri_finding_fig(f, "request_ack_ms", t->rtt_req);
	if (!isnan(t->server_ackgap))
		tri_finding_fig(f, "answer_after_ack_ms", t->server_ackgap);
}

static void
judge_time(struct tri_tcp *tc, struct tconn *t, struct tri_conn_sum *sum)
{
	struct tri_ctx *c = tc->c;
	double rtt = tcp_rtt(t), lim, path = rtt;
	char s[TRI_ADDR_TEXT + 16], cl[TRI_ADDR_TEXT + 16];
	struct tri_finding *f;
	bool merged;
	/*
	 * A connection from outside to this host: its client's waits and its
	 * path are the remote client's own business (a scanner's, a mobile
	 * user's), worth a note; the server's time is this host's.
	 */
	bool inbound = tri_is_host(c, &t->srv) && !tri_is_host(c, &t->cli);
	enum tri_sev sev = inbound ? TRI_NOTE : TRI_FAULT;
	bool lossy_start;

	endpoint(c, &t->srv, t->sport, s, sizeof(s));
	endpoint(c, &t->cli, t->cport, cl, sizeof(cl));
	if (!isnan(t->rtt_req) && t->rtt_req > (isnan(path) ? 0 : path))
		path = t->rtt_req;
	if (!isnan(path) && path >= SLOW_PATH_MS && t->established) {
		f = tri_add(c, sev, TL_TCP, "slow-path", &t->srv, t->sport, t->syn_frame,
		    t->syn_ts, &merged);
		if (f == NULL)
			return;
		if (sev == TRI_FAULT)
			conn_fault(sum, "slow-path");
		if (!merged) {
			char more[200] = "";

			if (!isnan(t->rtt_req) && t->rtt_req >= SLOW_PATH_MS)
				snprintf(more, sizeof(more), " and the request's ACK comes %.0f ms after "
				    "it", t->rtt_req);
			tri_finding_who(f, inbound ? FAULT_NONE : FAULT_PATH, TW_PATH, CONF_LIKELY,
			    "the path between %s and %s", cl, s);
			tri_finding_say(f, "The path is slow: the handshake's round trip takes %.0f ms%s, "
			    "while the server answers within %.0f ms of the request and the client "
			    "sends at once: the time is spent on the wire (distance, a slow or "
			    "congested link).", rtt, more, isnan(t->server_max) ? 0 : t->server_max);
			fig_time(f, t, rtt);
		}
		tri_finding_ev(f, t->syn_last_frame, "SYN");
		tri_finding_ev(f, t->synack_frame, "SYN-ACK %.1f ms later", ms(t->syn_last_ts, t->synack_ts));
		if (t->req_ack_frame_w != 0)
			tri_finding_ev(f, t->req_ack_frame_w, "the request acknowledged %.0f ms after it",
			    t->rtt_req);
		return;
	}
	lim = isnan(rtt) ? SLOW_SERVER_MS : fmax(SLOW_SERVER_MS, 10 * rtt);
	/*
	 * A connection whose handshake lost a SYN or a SYN-ACK starts the
	 * server with a window of one segment (RFC 6298 5.7, Linux
	 * tcp_init_transfer): if that segment is lost too, the answer comes a
	 * retransmission timeout late, and a capture at the client cannot
	 * tell that from the server's own time (the lab's 20 % loss download
	 * read slow-server in 1 run of 12).  Then the wait is a warning whose
	 * cause is not known, not the server's fault.
	 */
	lossy_start = t->syns > 1 || t->synacks > 1;
	if (!isnan(t->server_max) && t->server_max >= lim && lossy_start) {
		f = tri_add(c, TRI_WARNING, TL_TCP, "slow-answer", &t->srv, t->sport,
		    t->server_frames[1], t->syn_ts, &merged);
		if (f == NULL)
			return;
		if (!merged) {
			tri_finding_who(f, FAULT_UNKNOWN, TW_PATH, CONF_AMBIGUOUS,
			    "the server %s or the path to it", s);
			tri_finding_say(f, "The answer comes %.0f ms after the request's last byte, but "
			    "this connection's handshake lost a packet (%u SYNs, %u SYN-ACKs seen): the "
			    "server then starts with a window of one segment, and if that segment is "
			    "lost the answer comes a retransmission timeout late, which a capture here "
			    "cannot tell from the server's own time.", t->server_raw, t->syns,
			    t->synacks);
			fig_time(f, t, rtt);
		}
		tri_finding_ev(f, t->syn_frame, "the first SYN (%u sent)", t->syns);
		tri_finding_ev(f, t->server_frames[0], "the request's last byte");
		tri_finding_ev(f, t->server_frames[1], "the answer's first byte, %.0f ms after the "
		    "request", t->server_raw);
	} else if (!isnan(t->server_max) && t->server_max >= lim) {
		f = tri_add(c, TRI_FAULT, TL_TCP, "slow-server", &t->srv, t->sport, t->server_frames[1],
		    t->syn_ts, &merged);
		if (f == NULL)
			return;
		conn_fault(sum, "slow-server");
		if (!merged) {
			char ack[160] = "";

			if (!isnan(t->server_ackgap))
				snprintf(ack, sizeof(ack), ", %.0f ms after acknowledging it", t->server_ackgap);
			tri_finding_who(f, FAULT_SERVER, TW_SERVER, CONF_LIKELY, "the server %s", s);
			tri_finding_say(f, "The server is slow: it answers %.0f ms after the request's "
			    "last byte%s; less the network round trip (%.0f ms), %.0f ms are the "
			    "server's own time.", t->server_raw, ack, t->server_rtt_used, t->server_max);
			fig_time(f, t, rtt);
		}
		tri_finding_ev(f, t->server_frames[0], "the request's last byte");
		if (t->req_ack_frame_w != 0 && !t->ack_piggybacked)
			tri_finding_ev(f, t->req_ack_frame_w, "the server acknowledges the request");
		tri_finding_ev(f, t->server_frames[1], "the answer's first byte, %.0f ms after the "
		    "request", t->server_raw);
	}
	lim = isnan(rtt) ? SLOW_CLIENT_MS : fmax(SLOW_CLIENT_MS, 10 * rtt);
	if (!isnan(t->wait_first) && t->wait_first >= lim && t->exchanges > 0) {
		f = tri_add(c, sev, TL_TCP, "slow-client", &t->cli, 0, t->wait_frames[1],
		    t->syn_ts, &merged);
		if (f == NULL)
			return;
		if (sev == TRI_FAULT)
			conn_fault(sum, "slow-client");
		if (!merged) {
			tri_finding_who(f, inbound ? FAULT_NONE : FAULT_CLIENT, TW_CLIENT, CONF_LIKELY,
			    "the client %s", cl);
			tri_finding_say(f, "The client is slow: the connection to %s is ready after "
			    "%.0f ms, then the client waits %.0f ms before it sends its request; the "
			    "network and the server are not the delay (the server answers in %.0f ms).",
			    s, isnan(rtt) ? 0 : rtt, t->wait_first, isnan(t->server_max) ? 0 :
			    t->server_max);
			fig_time(f, t, rtt);
		}
		tri_finding_ev(f, t->wait_frames[0], "the connection is ready");
		tri_finding_ev(f, t->wait_frames[1], "the request, %.0f ms later", t->wait_first);
	}
}

/* ---- loss ---- */

static bool
backoff_doubles(const struct chain *ch, char *times, size_t len)
{
	int i, n = ch->n < CHAIN_MAX ? ch->n : CHAIN_MAX, doubling = 0;
	size_t o = 0;

	times[0] = '\0';
	for (i = 1; i < n; i++) {
		o += (size_t)snprintf(times + o, o < len ? len - o : 0, "%s%.3f", i > 1 ? ", " : "",
		    ms(ch->ts[0], ch->ts[i]) / 1000);
		if (o >= len)
			break;
		if (i >= 2) {
			double g1 = (double)(ch->ts[i - 1] - ch->ts[i - 2]), g2 = (double)(ch->ts[i] - ch->ts[i - 1]);

			if (g1 > 0 && g2 / g1 >= 1.5 && g2 / g1 <= 2.6)
				doubling++;
		}
	}
	return n >= 4 && doubling * 2 >= n - 2;
}

/* Side s's peer is never seen, yet s acknowledges data from it: the capture misses a direction. */
static bool
one_way(const struct tconn *t, int s)
{
	return !t->d[1 - s].seen && t->d[s].ack_moves > 0;
}

/* True when the direction's data ends unacknowledged (its retransmissions are that, not loss). */
static bool
judge_unacked(struct tri_tcp *tc, struct tconn *t, int s, struct tri_conn_sum *sum)
{
	struct tri_ctx *c = tc->c;
	struct tdir *d = &t->d[s];
	const struct chain *ch = d->cur.n > 0 && !d->cur.acked ? &d->cur :
	    d->worst.n > 0 && !d->worst.acked ? &d->worst : NULL;
	const struct fl_addr *src = s == 0 ? &t->cli : &t->srv, *dst = s == 0 ? &t->srv : &t->cli;
	uint16_t sp = s == 0 ? t->cport : t->sport, dp = s == 0 ? t->sport : t->cport;
	char a[TRI_ADDR_TEXT + 16], b[TRI_ADDR_TEXT + 16], times[200];
	struct tri_finding *f;
	bool doubling, big, merged, none_acked;
	int i;

	if (ch == NULL || ch->n < 3)
		return false;
	/* The peer vanished for good only if nothing it sent acknowledged the data later. */
	endpoint(c, src, sp, a, sizeof(a));
	endpoint(c, dst, dp, b, sizeof(b));
	doubling = backoff_doubles(ch, times, sizeof(times));
	big = ch->len >= 1000 && (ch->len + 40 >= (t->d[1 - s].mss ? t->d[1 - s].mss : 1460u) ||
	    ch->len >= 1200);
	none_acked = t->syn_seen && t->d[1 - s].have_ack && d->syn &&
	    seq_diff(t->d[1 - s].hi_ack, d->isn + 1) <= 0;
	/* The peer keeps talking while the big segment never gets through: the path eats its size. */
	if (big && ch->peer_pkts > 0) {
		f = tri_add(c, TRI_FAULT, TL_TCP, "pmtu-blackhole", dst, dp, ch->frame[0], ch->ts[0],
		    &merged);
		if (f == NULL)
			return true;
		conn_fault(sum, "pmtu-blackhole");
		if (!merged) {
			tri_finding_who(f, FAULT_PATH, TW_PATH, CONF_LIKELY, "the path from %s to %s", a, b);
			tri_finding_say(f, "A path MTU black hole: a full-size segment (%u bytes) from %s "
			    "is sent %d times and never acknowledged, while smaller packets of the same "
			    "connection get through. A link on the path has a smaller MTU and the "
			    "%s that should say so never arrives (filtered).", ch->len, a, ch->n,
			    dst->family == 6 ? "ICMPv6 \"packet too big\"" :
			    "ICMP \"fragmentation needed\"");
			tri_finding_fig(f, "segment_bytes", ch->len);
			tri_finding_fig(f, "copies", ch->n);
		}
	} else {
		f = tri_add(c, TRI_FAULT, TL_TCP, "retransmitted-unacked", dst, dp, ch->frame[0],
		    ch->ts[0], &merged);
		if (f == NULL)
			return true;
		conn_fault(sum, "retransmitted-unacked");
		if (!merged) {
			tri_finding_who(f, FAULT_UNKNOWN, TW_PATH, CONF_AMBIGUOUS, "%s or the path to it", b);
			tri_finding_say(f, "%s sends %u bytes to %s and retransmits them %d times%s (at "
			    "+%s s), and no ACK ever comes: mid-connection the peer or the path went "
			    "away (the peer crashed or lost its network, or a device on the path "
			    "dropped the connection).%s", a, ch->len, b, ch->n - 1,
			    doubling ? " with doubling back-off" : "", times, big && none_acked ?
			    " The segment is full-size and none of the connection's data was ever "
			    "acknowledged: a path MTU black hole would look the same from here (a "
			    "smaller MSS, or postprobe, would tell)." : "");
			tri_finding_fig(f, "bytes", ch->len);
			tri_finding_fig(f, "retransmissions", ch->n - 1);
			tri_finding_fig(f, "span_s", ms(ch->ts[0], ch->ts[(ch->n < CHAIN_MAX ? ch->n :
			    CHAIN_MAX) - 1]) / 1000);
		}
	}
	for (i = 0; i < ch->n && i < CHAIN_MAX; i++)
		tri_finding_ev(f, ch->frame[i], i == 0 ? "%u bytes sent" : "retransmission %d, +%.3f s",
		    i == 0 ? ch->len : (unsigned int)i, ms(ch->ts[0], ch->ts[i]) / 1000);
	return true;
}

/*
 * Loss is a fault of the path when it is spread through the transfer:
 * loss events (a sender's recoveries, RFC 5348 5.2) at least one per
 * LOSS_EVENT_SEGS segments, and LOSS_EVENTS_MIN of them.  A transfer
 * that loses many segments in one or two events, at the top of its
 * rate, has overrun a queue: slow start's overshoot, the way TCP finds
 * the capacity of a path (RFC 5681 section 3.1); a second or third
 * event comes from its window growing back.  That is named, not
 * blamed: a healthy gigabit download shows it.
 */
#define LOSS_EVENTS_MIN		3
#define LOSS_EVENT_SEGS		100

static bool
judge_loss(struct tri_tcp *tc, struct tconn *t, int s, struct tri_conn_sum *sum)
{
	struct tri_ctx *c = tc->c;
	struct tdir *d = &t->d[s];
	const struct fl_addr *src = s == 0 ? &t->cli : &t->srv, *dst = s == 0 ? &t->srv : &t->cli;
	uint16_t sp = s == 0 ? t->cport : t->sport, dp = s == 0 ? t->sport : t->cport;
	uint32_t lost = d->rexmits + d->fills;
	double rate = d->data_segs > 0 ? (double)lost / d->data_segs : 0;
	char a[TRI_ADDR_TEXT + 16], b[TRI_ADDR_TEXT + 16], how[160];
	struct tri_finding *f;
	bool heavy = rate >= 0.05 && lost >= 5, merged, spread, fault;

	if (d->data_segs < 20 || (!heavy && (rate < 0.01 || lost < 3)))
		return false;
	spread = d->loss_events >= LOSS_EVENTS_MIN &&
	    (uint64_t)d->loss_events * LOSS_EVENT_SEGS >= d->data_segs;
	fault = heavy && spread;
	endpoint(c, src, sp, a, sizeof(a));
	endpoint(c, dst, dp, b, sizeof(b));
	f = tri_add(c, fault ? TRI_FAULT : TRI_WARNING, TL_TCP, "packet-loss", src, sp,
	    d->first_data_frame, d->first_data_ts, &merged);
	if (f == NULL)
		return true;
	if (fault)
		conn_fault(sum, "packet-loss");
	if (!merged) {
		snprintf(how, sizeof(how), "in %u loss event%s (the most in one: %u segments)",
		    d->loss_events, d->loss_events == 1 ? "" : "s", d->event_max);
		tri_finding_who(f, FAULT_PATH, TW_PATH, spread ? CONF_LIKELY : CONF_AMBIGUOUS,
		    "the path from %s to %s", a, b);
		if (spread)
			tri_finding_say(f, "The path loses packets: %u of %u segments from %s to %s "
			    "(%.1f %%) had to be sent again, %s (%u seen twice at the capture point, "
			    "%u that the capture saw only when resent: lost before it), with %u fast "
			    "retransmits after %u runs of duplicate ACKs.", lost, d->data_segs, a, b,
			    rate * 100, how, d->rexmits, d->fills, d->fast_rexmits,
			    t->d[1 - s].dup_runs);
		else
			tri_finding_say(f, "%u of %u segments from %s to %s (%.1f %%) had to be sent "
			    "again, %s: the transfer overran a queue at the top of its rate, as TCP "
			    "does when it finds a path's capacity (slow start's overshoot, then each "
			    "time its window grows back) or a short burst of other traffic does. Not a "
			    "fault of the path on this evidence: loss that is the path's recurs through "
			    "a transfer, at least once every %u segments.", lost, d->data_segs,
			    a, b, rate * 100, how, LOSS_EVENT_SEGS);
		tri_finding_fig(f, "retransmitted", lost);
		tri_finding_fig(f, "segments", d->data_segs);
		tri_finding_fig(f, "loss_pct", rate * 100);
		tri_finding_fig(f, "loss_events", d->loss_events);
		tri_finding_fig(f, "largest_event", d->event_max);
		tri_finding_fig(f, "reordered", d->reordered);
		tri_finding_fig(f, "spurious_resends", d->spurious);
	}
	tri_finding_ev(f, d->first_data_frame, "the first data from %s", a);
	return true;
}

/*
 * Reordering without loss to speak of (judge_loss names it beside the
 * loss when there is): segments that arrived after one sent later
 * (tcp.c: by the sender's IP IDs, else sooner than half a round trip),
 * and the resends of data already acknowledged that followed.  A note,
 * never a fault: per-packet load balancing, link bonding and busy
 * multi-queue hosts reorder, and TCP copes; the spurious resends say
 * what it cost (a sender that takes 3 duplicate ACKs for a loss, RFC
 * 5681, resends and halves its window; RACK-TLP, RFC 8985, waits a
 * reordering window instead).  Wireshark marks these segments
 * "Out-Of-Order".
 */
#define REORDER_MIN	3

static void
judge_reorder(struct tri_tcp *tc, struct tconn *t, int s)
{
	const struct tdir *d = &t->d[s];
	const struct fl_addr *src = s == 0 ? &t->cli : &t->srv, *dst = s == 0 ? &t->srv : &t->cli;
	uint16_t sp = s == 0 ? t->cport : t->sport, dp = s == 0 ? t->sport : t->cport;
	char a[TRI_ADDR_TEXT + 16], b[TRI_ADDR_TEXT + 16], cost[160] = "";
	struct tri_finding *f;
	bool merged;

	if (d->reordered < REORDER_MIN || d->data_segs == 0)
		return;
	f = tri_add(tc->c, TRI_NOTE, TL_TCP, "reordering", src, sp, d->first_data_frame,
	    d->first_data_ts, &merged);
	if (f == NULL || merged)
		return;
	endpoint(tc->c, src, sp, a, sizeof(a));
	endpoint(tc->c, dst, dp, b, sizeof(b));
	tri_finding_who(f, FAULT_NONE, TW_PATH, CONF_LIKELY, "the path from %s to %s", a, b);
	if (d->spurious > 0)
		snprintf(cost, sizeof(cost), "; the sender then resent %u segment%s the receiver had "
		    "acknowledged already (spurious retransmissions)", d->spurious,
		    d->spurious == 1 ? "" : "s");
	tri_finding_say(f, "%u of %u segments from %s to %s (%.1f %%) arrived out of order: "
	    "sent before a segment the capture saw first, late rather than lost%s. Reordering "
	    "is not a fault by itself (load balancing per packet, bonded links and busy "
	    "multi-queue hosts do it); it costs throughput when it makes the sender resend.",
	    d->reordered, d->data_segs, a, b, 100.0 * d->reordered / d->data_segs, cost);
	tri_finding_fig(f, "reordered", d->reordered);
	tri_finding_fig(f, "segments", d->data_segs);
	tri_finding_fig(f, "spurious_resends", d->spurious);
	tri_finding_ev(f, d->first_data_frame, "the first data from %s", a);
}

/* Copies of data with a lower TTL: someone traced the path inside this connection. */
static void
judge_ttl_copies(struct tri_tcp *tc, struct tconn *t, int s)
{
	const struct tdir *d = &t->d[s];
	const struct fl_addr *src = s == 0 ? &t->cli : &t->srv, *dst = s == 0 ? &t->srv : &t->cli;
	uint16_t sp = s == 0 ? t->cport : t->sport, dp = s == 0 ? t->sport : t->cport;
	char a[TRI_ADDR_TEXT + 16], b[TRI_ADDR_TEXT + 16];
	struct tri_finding *f;
	bool merged;

	if (d->ttl_copies == 0)
		return;
	f = tri_add(tc->c, TRI_NOTE, TL_TCP, "in-flow-traceroute", src, sp, d->ttl_copy_frame, 0,
	    &merged);
	if (f == NULL || merged)
		return;
	endpoint(tc->c, src, sp, a, sizeof(a));
	endpoint(tc->c, dst, dp, b, sizeof(b));
	tri_finding_who(f, FAULT_NONE, TW_CLIENT, CONF_LIKELY, "%s", a);
	tri_finding_say(f, "%u copies of data %s had sent to %s, with TTL %u to %u (its own "
	    "packets: %u): a traceroute inside the connection (postprobe, 0trace or tcptraceroute "
	    "locating a device on the path), answered by routers with time exceeded. Not "
	    "retransmissions; left out of the connection's reading.", d->ttl_copies, a, b,
	    d->ttl_copy_min, d->ttl_copy_max, d->ttl_first);
	tri_finding_fig(f, "copies", d->ttl_copies);
	tri_finding_ev(f, d->ttl_copy_frame, "the first copy, TTL-limited");
}

/* ---- window ---- */

static void
judge_window(struct tri_tcp *tc, struct tconn *t, int s, struct tri_conn_sum *sum)
{
	struct tri_ctx *c = tc->c;
	struct tdir *d = &t->d[s];
	const struct fl_addr *rcv = s == 0 ? &t->cli : &t->srv, *snd = s == 0 ? &t->srv : &t->cli;
	uint16_t rp = s == 0 ? t->cport : t->sport, spt = s == 0 ? t->sport : t->cport;
	int64_t longest = d->zw_longest, open = 0;
	char r[TRI_ADDR_TEXT + 16], w[TRI_ADDR_TEXT + 16], probes[120] = "";
	struct tri_finding *f;
	enum tri_sev sev;
	bool merged, till_end = false;
	uint32_t zframe = d->zw_longest_frame;
	int i;
	size_t o = 0;

	if (d->zw) {
		open = t->last_ts - d->zw_start;
		d->zw_total += open;
		if (open >= longest) {
			longest = open;
			zframe = d->zw_frame;
			till_end = true;
		}
	}
	sum->zero_window_ms += (uint32_t)(d->zw_total / 1000000);
	if (d->zw_events == 0)
		return;
	sev = longest >= ZW_FAULT_NS || (till_end && longest >= TCP_NS) ? TRI_FAULT :
	    d->zw_total >= ZW_WARN_NS ? TRI_WARNING : TRI_NOTE;
	if (sev == TRI_NOTE && d->zw_total < 200 * 1000000LL)
		return;
	endpoint(c, rcv, rp, r, sizeof(r));
	endpoint(c, snd, spt, w, sizeof(w));
	for (i = 0; i < d->nprobe && i < 4; i++)
		o += (size_t)snprintf(probes + o, o < sizeof(probes) ? sizeof(probes) - o : 0,
		    "%s%.1f", i ? ", " : "", ms(d->zw_start, d->probe_ts[i]) / 1000);
	f = tri_add(c, sev, TL_TCP, "zero-window", rcv, rp, zframe, d->zw_start, &merged);
	if (f == NULL)
		return;
	if (sev == TRI_FAULT)
		conn_fault(sum, "zero-window");
	if (!merged) {
		tri_finding_who(f, s == 0 ? FAULT_CLIENT : FAULT_SERVER, s == 0 ? TW_CLIENT : TW_SERVER,
		    CONF_CERTAIN, "the receiver %s", r);
		tri_finding_say(f, "The receiver %s stopped reading: it advertises a zero window for "
		    "%.1f s%s%s%s%s, so %s may not send. Its application does not take the data "
		    "(busy, hung, or waiting on something else); not the network.", r,
		    (double)longest / 1e9, till_end ? " (still zero when the capture ends)" : "",
		    d->nprobe > 0 ? " while the sender probes at " : "", probes,
		    d->nprobe > 0 ? " s" : "", w);
		tri_finding_fig(f, "zero_window_s", (double)longest / 1e9);
		tri_finding_fig(f, "probes", d->nprobe);
	}
	tri_finding_ev(f, zframe, "window 0 from %s", r);
	for (i = 0; i < d->nprobe && i < 4; i++)
		tri_finding_ev(f, d->probe_frame[i], "window probe from %s, +%.1f s", w,
		    ms(d->zw_start, d->probe_ts[i]) / 1000);
}

/* ---- resets ---- */

static void
judge_reset(struct tri_tcp *tc, struct tconn *t, int s, struct tri_conn_sum *sum)
{
	struct tri_ctx *c = tc->c;
	struct tdir *d = &t->d[s], *peer = &t->d[1 - s];
	const struct fl_addr *by = s == 0 ? &t->cli : &t->srv;
	uint16_t bp = s == 0 ? t->cport : t->sport;
	char a[TRI_ADDR_TEXT + 16], o[TRI_ADDR_TEXT + 16];
	bool outstanding, forged, merged;
	struct tri_finding *f;
	int hops_rst, hops_usual;

	if (!d->rst || (d->fin && peer->fin))
		return;
	if (!t->established && !t->midstream)
		return;
	/* Data the peer sent that the reset's sender had not acknowledged, or its own unacknowledged. */
	outstanding = (peer->have_nxt && d->have_ack && seq_diff(peer->nxt, d->hi_ack) > 1) ||
	    (d->have_nxt && peer->have_ack && seq_diff(d->nxt, peer->hi_ack) > 1);
	hops_rst = tri_hops(d->rst_ttl);
	hops_usual = tri_hops(d->ttl_first);
	forged = d->segs > 1 && (hops_rst + 2 <= hops_usual || hops_usual + 2 <= hops_rst);
	forged = forged || d->rst_copy;
	if (!outstanding && !forged)
		return;
	endpoint(c, by, bp, a, sizeof(a));
	endpoint(c, s == 0 ? &t->srv : &t->cli, s == 0 ? t->sport : t->cport, o, sizeof(o));
	/* A client that drops a transfer it no longer wants (a page left, a download cancelled) is common. */
	f = tri_add(c, forged || s == 1 ? TRI_FAULT : TRI_WARNING, TL_TCP, forged ? "reset-on-path" :
	    "reset", by, bp, d->rst_frame, d->rst_ts, &merged);
	if (f == NULL)
		return;
	if (forged || s == 1)
		conn_fault(sum, forged ? "reset-on-path" : "reset");
	if (!merged) {
		if (d->rst_copy) {
			tri_finding_who(f, FAULT_PATH, TW_PATH, CONF_LIKELY, "a device on the path "
			    "between %s and %s", a, o);
			tri_finding_say(f, "A reset in %s's name aborts the connection after %llu and "
			    "%llu bytes, and a copy of the data with TTL %u (frame %u), too "
			    "short-lived to reach %s %d hops away, draws a reset in its name too "
			    "(frame %u): a device on the path, no farther than hop %u, sends them (a "
			    "firewall or IPS), not the endpoint.", a, (unsigned long long)t->d[0].bytes,
			    (unsigned long long)t->d[1].bytes, d->rst_copy_ttl, d->rst_copy_of, a,
			    hops_usual, d->rst_copy_frame, d->rst_copy_ttl);
			tri_finding_ev(f, d->rst_copy_of, "a copy with TTL %u", d->rst_copy_ttl);
			tri_finding_ev(f, d->rst_copy_frame, "the reset it drew");
		} else if (forged) {
			tri_finding_who(f, FAULT_PATH, TW_PATH, CONF_LIKELY, "a device on the path "
			    "between %s and %s", a, o);
			tri_finding_say(f, "A reset in %s's name aborts the connection after %llu and "
			    "%llu bytes, but it arrives with TTL %u (%d hops) while %s's own packets "
			    "came with TTL %u (%d hops): a device on the path (a firewall or IPS) sent "
			    "it, not the endpoint.", a, (unsigned long long)t->d[0].bytes,
			    (unsigned long long)t->d[1].bytes, d->rst_ttl, hops_rst, a, d->ttl_first,
			    hops_usual);
		} else {
			tri_finding_who(f, s == 0 ? FAULT_CLIENT : FAULT_SERVER, s == 0 ? TW_CLIENT :
			    TW_SERVER, CONF_CERTAIN, "%s", a);
			tri_finding_say(f, "%s resets the connection in the middle of a transfer, after "
			    "%llu bytes from the client and %llu from the server, with data still "
			    "unacknowledged: its application aborted (it crashed, timed out, or "
			    "refused what it got).", a, (unsigned long long)t->d[0].bytes,
			    (unsigned long long)t->d[1].bytes);
		}
		tri_finding_fig(f, "bytes_client", (double)t->d[0].bytes);
		tri_finding_fig(f, "bytes_server", (double)t->d[1].bytes);
	}
	tri_finding_ev(f, d->rst_frame, "RST from %s (ttl %u)", a, d->rst_ttl);
}

/* ---- rate ---- */

static void
judge_rate(struct tri_tcp *tc, struct tconn *t, struct tri_conn_sum *sum)
{
	struct tri_ctx *c = tc->c;
	int s = t->d[1].bytes >= t->d[0].bytes ? 1 : 0, i;
	struct tdir *d = &t->d[s];
	bool window_known = t->syn_seen && t->synack_seen;
	double rate;
	const char *cls = trat_class(d, window_known, &rate);
	char a[TRI_ADDR_TEXT + 16], b[TRI_ADDR_TEXT + 16];
	struct tri_finding *f;
	bool rwnd;

	if (cls == NULL)
		return;
	sum->rate_class = cls;
	sum->rate_dir = s == 1 ? "server-to-client" : "client-to-server";
	sum->rate_bps = rate;
	sum->tp_step_s = (double)d->tp_width / 1e9;
	sum->ntp = d->ntp < TRI_TP_POINTS ? d->ntp : TRI_TP_POINTS;
	for (i = 0; i < sum->ntp; i++)
		sum->tp_bps[i] = d->tp_width > 0 ? (double)d->tp[i] * 8 / ((double)d->tp_width / 1e9) : 0;
	if (strcmp(cls, "opportunity") == 0)
		return;
	rwnd = strcmp(cls, "receiver-window") == 0;
	endpoint(c, s == 1 ? &t->srv : &t->cli, s == 1 ? t->sport : t->cport, a, sizeof(a));
	endpoint(c, s == 1 ? &t->cli : &t->srv, s == 1 ? t->cport : t->sport, b, sizeof(b));
	f = tri_add(c, rwnd ? TRI_WARNING : TRI_NOTE, TL_TCP, "rate-limit", s == 1 ? &t->srv : &t->cli,
	    s == 1 ? t->sport : t->cport, d->first_data_frame, d->first_data_ts, NULL);
	if (f == NULL)
		return;
	tri_finding_who(f, rwnd ? (s == 1 ? FAULT_CLIENT : FAULT_SERVER) : FAULT_NONE,
	    rwnd ? (s == 1 ? TW_CLIENT : TW_SERVER) : TW_PATH, CONF_LIKELY, "%s",
	    rwnd ? b : a);
	if (rwnd)
		tri_finding_say(f, "The transfer from %s to %s (%.1f MB at %.2f Mbit/s) is limited by "
		    "the receiver's window (T-RAT receiver-window): each round trip carries what %s "
		    "advertises (at most %.0f KB), so its receive buffer, not the network, sets the "
		    "rate.", a, b, (double)d->bytes / 1e6, rate / 1e6, b,
		    (double)t->d[1 - s].win_max / 1024);
	else
		tri_finding_say(f, "The transfer from %s to %s (%.1f MB at %.2f Mbit/s) is %s-limited "
		    "(T-RAT class: %s).", a, b, (double)d->bytes / 1e6, rate / 1e6, cls,
		    strcmp(cls, "congestion") == 0 ? "losses set its window" :
		    strcmp(cls, "application") == 0 ? "the sender often has nothing to send" :
		    strcmp(cls, "bandwidth") == 0 ? "it keeps a bottleneck link busy" :
		    strcmp(cls, "transport") == 0 ? "its congestion window is still growing" :
		    strcmp(cls, "sender-window") == 0 ? "a constant flight below the receiver's "
		    "window: the sender's buffer" : "the capture starts mid-stream, so the window "
		    "scale, and with it the receiver's window, is unknown");
	tri_finding_fig(f, "rate_mbps", rate / 1e6);
	tri_finding_fig(f, "bytes", (double)d->bytes);
	tri_finding_ev(f, d->first_data_frame, "the transfer's first data");
}

static void
judge_syn_retry(struct tri_tcp *tc, struct tconn *t)
{
	char s[TRI_ADDR_TEXT + 16];
	struct tri_finding *f;
	bool merged;
	double lost = ms(t->syn_ts, t->syn_last_ts);

	if (t->syns < 2 || !t->synack_seen || lost < 500)
		return;
	endpoint(tc->c, &t->srv, t->sport, s, sizeof(s));
	f = tri_add(tc->c, TRI_WARNING, TL_TCP, "syn-retransmitted", &t->srv, t->sport, t->syn_frame,
	    t->syn_ts, &merged);
	if (f == NULL)
		return;
	if (!merged) {
		tri_finding_who(f, FAULT_PATH, TW_PATH, CONF_LIKELY, "the path to %s", s);
		tri_finding_say(f, "The connection to %s is answered only after %u SYNs: %.1f s lost "
		    "waiting for the first SYN's retry timer (the first SYNs or their answers were "
		    "lost).", s, t->syns, lost / 1000);
		tri_finding_fig(f, "syns", t->syns);
		tri_finding_fig(f, "lost_s", lost / 1000);
	}
	tri_finding_ev(f, t->syn_frame, "the first SYN");
	tri_finding_ev(f, t->synack_frame, "the SYN-ACK");
}

static void
summarise(struct tconn *t, struct tri_conn_sum *sum)
{
	memset(sum, 0, sizeof(*sum));
	sum->cli = t->cli;
	sum->srv = t->srv;
	sum->cport = t->cport;
	sum->sport = t->sport;
	sum->first_frame = t->first_frame;
	sum->last_frame = t->last_frame;
	sum->start_ts = t->first_ts;
	sum->end_ts = t->last_ts;
	sum->point = tcp_point(t);
	sum->outcome = t->established ? "established" : t->midstream ? "mid-stream" : "unanswered";
	sum->rtt_ms = tcp_rtt(t);
	sum->connect_ms = t->established && t->syn_seen ? ms(t->syn_ts, t->ack_ts) : NAN;
	sum->client_wait_ms = isnan(t->wait_first) ? t->wait_max : isnan(t->wait_max) ?
	    t->wait_first : fmax(t->wait_first, t->wait_max);
	sum->server_ms = t->server_max;
	if (t->turn == 1)
		t->transfer_sum += ms(t->turn_first, t->turn_last);
	sum->transfer_ms = t->exchanges > 0 ? t->transfer_sum : NAN;
	sum->total_ms = ms(t->first_ts, t->last_ts);
	sum->exchanges = t->exchanges;
	sum->syns = t->syns;
	sum->synacks = t->synacks;
	sum->segs_c2s = t->d[0].segs;
	sum->segs_s2c = t->d[1].segs;
	sum->data_c2s = t->d[0].data_segs;
	sum->data_s2c = t->d[1].data_segs;
	sum->ttl_c2s = t->d[0].ttl_first;
	sum->ttl_s2c = t->d[1].ttl_first;
	sum->bytes_c2s = t->d[0].bytes;
	sum->bytes_s2c = t->d[1].bytes;
	sum->rexmits_c2s = t->d[0].rexmits + t->d[0].fills;
	sum->rexmits_s2c = t->d[1].rexmits + t->d[1].fills;
}

static void
keep(struct tri_tcp *tc, const struct tri_conn_sum *sum)
{
	size_t i;

	tc->total++;
	if (tc->nkept < TRI_MAX_CONNS_KEPT) {
		tc->kept[tc->nkept++] = *sum;
		return;
	}
	if (!sum->fault)
		return;
	for (i = 0; i < tc->nkept; i++)
		if (!tc->kept[i].fault) {
			memmove(&tc->kept[i], &tc->kept[i + 1], (tc->nkept - i - 1) * sizeof(*tc->kept));
			tc->kept[tc->nkept - 1] = *sum;
			return;
		}
}

void
tcp_judge(struct tri_tcp *tc, struct tconn *t)
{
	struct tri_conn_sum sum;
	const char *pt;
	int s;

	summarise(t, &sum);
	/*
	 * A lone SYN, neither answered nor sent again, less than an initial
	 * retransmission timeout (1 s, RFC 6298 2.1) before the capture
	 * ended: the answer may have come after the capture stopped.  Not
	 * judged (a tcpdump stopped mid-download leaves one).
	 */
	if (t->syn_seen && !t->established && !t->synack_seen && !t->d[1].rst && t->syns <= 1 &&
	    tc->c->last_ts - t->syn_ts < SYN_RTO_NS) {
		sum.outcome = "capture-ended";
		keep(tc, &sum);
		return;
	}
	if (t->syn_seen && !t->established) {
		handshake_failed(tc, t, &sum);
		keep(tc, &sum);
		return;
	}
	pt = sum.point;
	if (strcmp(pt, "client") == 0)
		tc->points.client++;
	else if (strcmp(pt, "server") == 0)
		tc->points.server++;
	else if (strcmp(pt, "middle") == 0)
		tc->points.middle++;
	else
		tc->points.unknown++;
	judge_syn_retry(tc, t);
	judge_time(tc, t, &sum);
	for (s = 0; s < 2; s++) {
		judge_window(tc, t, s, &sum);
		judge_reset(tc, t, s, &sum);
		if (one_way(t, s))
			continue;	/* a one-directional capture: capture.c says so */
		if (!judge_unacked(tc, t, s, &sum) && !judge_loss(tc, t, s, &sum))
			judge_reorder(tc, t, s);
		judge_ttl_copies(tc, t, s);
	}
	judge_rate(tc, t, &sum);
	keep(tc, &sum);
}
