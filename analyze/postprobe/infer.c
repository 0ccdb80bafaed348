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
 *
 * infer_http() has the exchange read first (exchange.c: the connection,
 * its messages, their timings), then asks each rule in that order; the
 * first that holds gives the verdict, and the evidence is gathered last.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/flow/tls.h"
#include "analyze/postprobe/exchange.h"
#include "analyze/flow/frame_defects.h"
#include "analyze/postprobe/infer.h"
#include "analyze/postprobe/wire.h"

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
		bool full = p->ttl >= pl->full_ttl;

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

/* synprobe's verdict and evidence as postprobe's: no request was sent. */
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

/* A saved HTTPS exchange: a plaintext fatal alert says the handshake failed. */
static bool
tls_failure_alert(struct exchange *x)
{
	const struct tcp_conn *c = x->c;
	const struct syn_plan *pl = x->pl;
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN];
	uint8_t lvl, desc;
	size_t at;
	bool cli_alert, cert;

	if (x->l->live || c == NULL || !tls_stream(c->c2s.data, c->c2s.len))
		return false;
	cli_alert = tls_alert(c->c2s.data, c->c2s.len, &lvl, &desc, &at);
	if (!cli_alert && !tls_alert(c->s2c.data, c->s2c.len, &lvl, &desc, &at))
		lvl = 0;
	if (lvl != 2)
		return false;
	cert = desc >= 42 && desc <= 48;
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
	return true;
}

/* A saved HTTPS exchange with no alert: what the capture cannot show. */
static bool
tls_encrypted(struct exchange *x)
{
	const struct tcp_conn *c = x->c;
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN];
	bool both;

	if (x->l->live || c == NULL || !tls_stream(c->c2s.data, c->c2s.len))
		return false;
	both = tls_app_data(c->c2s.data, c->c2s.len) && tls_app_data(c->s2c.data, c->s2c.len);
	verdict(r, FAULT_UNKNOWN, both ? "encrypted" : "tls-incomplete", 0, &x->pl->dst,
	    CONF_AMBIGUOUS);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "the exchange is encrypted; a capture alone cannot show its content");
	snprintf(r->v.summary, sizeof(r->v.summary), both ?
	    "An HTTPS exchange with %s went both ways, but it is encrypted: the status "
	    "cannot be read from the capture. Run postprobe live, where libcurl sees it." :
	    "An HTTPS connection with %s never got as far as carrying the request, and no "
	    "plaintext alert says why.", verdict_addr(&x->pl->dst, a));
	return true;
}

/* Live, libcurl could not set TLS up: whose certificates, libcurl's code says. */
static bool
tls_failure_libcurl(struct exchange *x)
{
	const struct http_local *l = x->l;
	const struct syn_result *syn = x->syn;
	const struct syn_plan *pl = x->pl;
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN];

	if (!l->tls_failed)
		return false;
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
	exchange_curl_timings(r, l);
	return true;
}

/* How the device was found answering for the server. */
static void
middlebox_reason(struct exchange *x, int probed, const struct syn_probe_obs *ref, const char *ref_what)
{
	const struct syn_result *syn = x->syn;
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN];

	if (probed && syn->host_ttl > x->hop)
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "a SYN with ttl %d, which expires before %s (hop %d), drew a SYN-ACK in "
		    "its name", x->hop, verdict_addr(&x->pl->dst, a), syn->host_ttl);
	else if (probed)
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "a SYN with ttl %d drew a SYN-ACK in %s's name, though an echo with the "
		    "same ttl expired at %s: the SYN-ACK comes from there, short of the server",
		    x->hop, verdict_addr(&x->pl->dst, a), verdict_addr(&syn->path_icmp[x->hop].from, b));
	else
		snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
		    "the connection's SYN-ACK (ttl %u) crossed fewer hops than the server's "
		    "own %s (ttl %u)", r->synack_ttl, ref_what, ref->reply_ttl);
}

static void
middlebox_summary(struct exchange *x, const struct fl_addr *dev)
{
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN], who[64];

	snprintf(who, sizeof(who), "hop %d (%s)", x->hop, verdict_addr(dev, b));
	if (r->status > 0 && r->status < 400)
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%d %s in reply to the %s, but from a device at %s that answers in %s's "
		    "place (a transparent proxy): the connection ends there, not at the "
		    "server; whether the device relays the request to it cannot be seen from "
		    "here.", r->status, r->reason, r->method, who, verdict_addr(&x->pl->dst, a));
	else if (r->status > 0)
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Path: \"%d %s\" in reply to the %s comes from a device at %s that answers "
		    "in %s's place (a transparent proxy, WAF or filter): the connection ends "
		    "there, not at the server, so the refusal is the device's, not the "
		    "server's.", r->status, r->reason, r->method, who, verdict_addr(&x->pl->dst, a));
	else
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Path: a device at %s answers in %s's place; the connection ends there, "
		    "not at the server.", who, verdict_addr(&x->pl->dst, a));
}

/*
 * 1. Did something in front of the server answer for it?  The locating
 * probes say so (interceptor_hop), or else the TTLs: the SYN-ACK came
 * from nearer than the server's own answers.
 */
static bool
answered_by_middlebox(struct exchange *x)
{
	const struct syn_result *syn = x->syn;
	struct http_result *r = x->r;
	const struct syn_probe_obs *ref;
	const char *ref_what = "";
	struct fl_addr dev;
	int probed = interceptor_hop(syn, x->pl);

	x->hop = probed;
	ref = host_reference(syn, x->pl, &ref_what);
	if (x->hop == 0 && ref != NULL && r->synack_ttl > 0 &&
	    corr_return_hops(r->synack_ttl) < corr_return_hops(ref->reply_ttl))
		x->hop = corr_return_hops(r->synack_ttl);
	if (x->hop <= 0 || !r->found)
		return false;
	dev = router_at(syn, x->hop);
	verdict(r, FAULT_PATH, "answered-by-middlebox", x->hop, &dev,
	    probed ? CONF_CERTAIN : CONF_LIKELY);
	middlebox_reason(x, probed, ref, ref_what);
	/* It answered, and well: the interception is worth knowing, not a fault. */
	if (r->status > 0 && r->status < 400)
		verdict(r, FAULT_NONE, "ok", x->hop, &dev, r->v.confidence);
	middlebox_summary(x, &dev);
	return true;
}

/*
 * A copy of the request that expires before the server drew the
 * reset: a device sends it, on the link from hop t - 1 to hop t.
 * Which end: a reset that came back across t hops is hop t's (it acts
 * on what arrives, before the TTL check); one from fewer hops is hop
 * t - 1's (it acts on what that router forwards); one that claims more
 * hops than the copy ever crossed has a forged TTL, and hop t - 1 is
 * the nearer guess.
 */
static void
reset_on_path_by_trace(struct exchange *x, int far)
{
	const struct syn_result *syn = x->syn;
	const struct http_ztrace *z = &x->r->zt;
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN], where[96], forged[96] = "";
	int t = z->answered, back = corr_return_hops(z->answer_ttl);
	int at = t > 1 && back != t ? t - 1 : t;
	struct fl_addr dev = at == z->expired ? z->expired_from : router_at(syn, at);

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
	    "before %s (hop %d), drew the reset (frame %u)%s", t, verdict_addr(&x->pl->dst, a), far,
	    z->answer_frame, forged);
	snprintf(where, sizeof(where), " at hop %d%s%s%s", at,
	    fl_addr_is_set(&dev) ? " (" : "", fl_addr_is_set(&dev) ? verdict_addr(&dev, b) : "",
	    fl_addr_is_set(&dev) ? ")" : "");
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "Path: the %s to %s is cut by a reset in the server's name (frame %u), but a "
	    "device%s sends it: copies of the request too short-lived to reach the "
	    "server draw the same reset. A device on the path resets the connection, "
	    "not the server.", r->method, verdict_addr(&x->pl->dst, a), x->from_srv->rst_frame,
	    where);
}

/* The reset crossed diff hops fewer than the server's SYN-ACK. */
static void
reset_on_path_by_ttl(struct exchange *x, int diff)
{
	const struct syn_result *syn = x->syn;
	const struct wdir *from_srv = x->from_srv;
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN], where[96] = "";
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
	    "resets the connection, not the server.", r->method, verdict_addr(&x->pl->dst, a),
	    from_srv->rst_frame, diff, diff == 1 ? "" : "s", where);
}

static void
reset_by_server(struct exchange *x)
{
	const struct syn_result *syn = x->syn;
	const struct syn_plan *pl = x->pl;
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN];

	verdict(r, FAULT_SERVER, "reset-by-server", syn && syn->host_ttl > 0 ?
	    syn->host_ttl : 0, &pl->dst, r->rst_id_fit < 0 ? CONF_AMBIGUOUS : CONF_LIKELY);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "the reset crossed as many hops as the server's own packets");
	ipid_reason(r, "reset", r->rst_ipid, r->rst_id_prev, r->rst_id_fit);
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "Server: %s resets the connection (frame %u) instead of answering the %s.",
	    verdict_addr(&pl->dst, a), x->from_srv->rst_frame, r->method);
}

/*
 * 2. A reset cut the exchange: the server's, or a device's in front of
 * it?  The in-flow trace places a device for certain; the reset's TTL
 * against the SYN-ACK's makes it likely; else it is the server's.
 */
static bool
reset_cut(struct exchange *x)
{
	const struct syn_result *syn = x->syn;
	const struct wdir *from_srv = x->from_srv;
	struct http_result *r = x->r;
	const struct http_ztrace *z = &r->zt;
	int diff, far;

	if (from_srv == NULL || !from_srv->rst || (x->have_resp && x->resp.complete))
		return false;
	diff = r->synack_ttl > 0 ? corr_return_hops(r->synack_ttl) -
	    corr_return_hops(from_srv->rst_ttl) : 0;
	far = syn != NULL && syn->host_ttl > 0 ? syn->host_ttl :
	    r->synack_ttl > 0 ? corr_return_hops(r->synack_ttl) : 0;
	r->reset = true;
	r->rst_ttl = from_srv->rst_ttl;
	if (z->answered > 0 && z->answered_rst && far > 0 && z->answered < far)
		reset_on_path_by_trace(x, far);
	else if (diff > 0)
		reset_on_path_by_ttl(x, diff);
	else
		reset_by_server(x);
	return true;
}

/* Large echoes with DF vanish while smaller ones pass, and no ICMP says why. */
static bool
pmtu_blackhole(struct exchange *x)
{
	const struct http_mtu *m = &x->r->mtu;
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN], where[96] = "";
	struct fl_addr dev;

	if (!m->probed || m->smallest_lost == 0 || m->largest_ok == 0 ||
	    m->largest_ok >= m->smallest_lost || m->frag_needed)
		return false;
	dev = router_at(x->syn, m->last_hop_large);
	verdict(r, FAULT_PATH, "pmtu-blackhole", m->last_hop_large,
	    fl_addr_is_set(&dev) ? &dev : NULL, CONF_LIKELY);
	if (m->last_hop_large > 0) {
		r->v.has_link = true;
		r->v.from.ttl = m->last_hop_large;
		r->v.from.addr = dev;
		r->v.to.ttl = m->last_hop_large + 1;
		r->v.to.addr = router_at(x->syn, m->last_hop_large + 1);
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
	    "requests hang while small ones work.", where, verdict_addr(&x->pl->dst, a), r->method,
	    r->retransmits);
	return true;
}

static void
request_lost(struct exchange *x)
{
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN];

	verdict(r, FAULT_UNKNOWN, "request-lost", 0, NULL, CONF_AMBIGUOUS);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "the request was never acknowledged and nothing placed the loss");
	snprintf(r->v.summary, sizeof(r->v.summary),
	    "The connection to %s opens, but the %s is never acknowledged (%u "
	    "retransmissions) and no answer comes.", verdict_addr(&x->pl->dst, a), r->method,
	    r->retransmits);
}

/* 3. The request stalled, never acknowledged: a path MTU black hole? */
static bool
request_stalled(struct exchange *x)
{
	if (x->have_resp || !x->r->found || x->r->request_acked)
		return false;
	if (!pmtu_blackhole(x))
		request_lost(x);
	return true;
}

/* 4. The server took the request (acknowledged) and sent no answer. */
static void
server_silent(struct exchange *x)
{
	const struct syn_result *syn = x->syn;
	const struct syn_plan *pl = x->pl;
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN];

	verdict(r, FAULT_SERVER, "slow-server", syn && syn->host_ttl > 0 ? syn->host_ttl : 0,
	    &pl->dst, CONF_LIKELY);
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "the request was acknowledged and no answer came");
	if (x->l->max_time > 0)
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Server: %s takes the %s (acknowledged) but sends no answer within %.0f s.",
		    verdict_addr(&pl->dst, a), r->method, x->l->max_time);
	else
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Server: %s takes the %s (acknowledged) but no answer is in the capture.",
		    verdict_addr(&pl->dst, a), r->method);
}

static void
status_summary(struct exchange *x, bool slow)
{
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN];

	if (r->status >= 400)
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Server: %d %s from %s in reply to the %s%s%s. The request was delivered "
		    "intact (acknowledged, %u retransmission%s, no reset): the server itself "
		    "refuses it.", r->status, r->reason, verdict_addr(&x->pl->dst, a), r->method,
		    r->target[0] ? " " : "", r->target, r->retransmits,
		    r->retransmits == 1 ? "" : "s");
	else if (slow)
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "Server: %s takes %.0f ms to start answering the %s (over max(200 ms, 10 x "
		    "the %.3g ms round trip)), though the network delivered it at once: the "
		    "application is slow, not the network.", verdict_addr(&x->pl->dst, a), r->t_wait,
		    r->method, r->rtt_ms);
	else
		snprintf(r->v.summary, sizeof(r->v.summary),
		    "%d %s from %s in reply to the %s%s%s: the server answers, and the network "
		    "delivers both ways.", r->status, r->reason, verdict_addr(&x->pl->dst, a), r->method,
		    r->target[0] ? " " : "", r->target);
	if (r->nexchanges > 1) {
		size_t n = strlen(r->v.summary);

		snprintf(r->v.summary + n, sizeof(r->v.summary) - n,
		    " (%d such exchanges in the capture.)", r->nexchanges);
	}
}

/*
 * 4. The server itself answered: its status, and whether it took too
 * long to think (more than max(200 ms, 10 x RTT)).
 */
static void
server_status(struct exchange *x)
{
	const struct syn_result *syn = x->syn;
	const struct syn_plan *pl = x->pl;
	struct http_result *r = x->r;
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
	status_summary(x, slow);
}

/* The rules in order; the first that holds gives the verdict. */
static void
decide(struct exchange *x)
{
	if (tls_failure_alert(x) || tls_encrypted(x) || tls_failure_libcurl(x))
		return;
	exchange_messages(x);
	exchange_timings(x);
	if (answered_by_middlebox(x) || reset_cut(x) || request_stalled(x))
		return;
	if (x->have_resp)
		server_status(x);
	else
		server_silent(x);
}

/* The handshake, the messages and the reset, as the capture has them. */
static int
evidence_exchange(struct exchange *x)
{
	const struct tcp_conn *c = x->c;
	struct http_result *r = x->r;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN];

	if (evidence_add(&r->ev, c->syn_frame, "SYN %s:%u -> %s:%u", verdict_addr(&c->cli, a),
	    c->cport, verdict_addr(&c->srv, b), c->sport) != 0 ||
	    evidence_add(&r->ev, c->synack_frame, "SYN-ACK from %s (ttl %u)",
	    verdict_addr(&c->srv, b), r->synack_ttl) != 0)
		return -1;
	if (r->method[0] && r->transcript_capture && x->req.method[0] &&
	    evidence_add(&r->ev, tcps_frame_at(&c->c2s, x->req.start), "%s %s %s (%zu bytes)",
	    x->req.method, x->req.target, x->req.version, r->request_len) != 0)
		return -1;
	if (x->req_end > 0 && evidence_add(&r->ev, tcps_frame_at(&c->c2s, x->req_end - 1),
	    "the request's last byte") != 0)
		return -1;
	if (x->have_resp && r->transcript_capture && evidence_add(&r->ev,
	    tcps_frame_at(&c->s2c, x->resp.start), "%s %d %s from %s (ttl %u)", x->resp.version,
	    x->resp.status, x->resp.reason, verdict_addr(&c->srv, b), r->resp_ttl) != 0)
		return -1;
	if (x->have_resp && x->resp_end > 0 && x->resp_end != x->resp.start + 1 &&
	    evidence_add(&r->ev, tcps_frame_at(&c->s2c, x->resp_end - 1),
	    "the response's last byte") != 0)
		return -1;
	if (x->from_srv != NULL && x->from_srv->rst &&
	    evidence_add(&r->ev, x->from_srv->rst_frame, "RST in %s's name (ttl %u)",
	    verdict_addr(&c->srv, b), x->from_srv->rst_ttl) != 0)
		return -1;
	return 0;
}

/* The copies of the in-flow trace that expired, and the one that drew an answer. */
static int
evidence_flow_trace(struct exchange *x)
{
	const struct http_ztrace *z = &x->r->zt;
	struct evidence_list *ev = &x->r->ev;
	char b[FL_ADDRSTRLEN];

	if (z->expired > 0 && evidence_add(ev, z->expired_frame,
	    "time exceeded from %s for the ttl-%d copy", verdict_addr(&z->expired_from, b),
	    z->expired) != 0)
		return -1;
	if (z->answered > 0 && (evidence_add(ev, z->probe_frame,
	    "copy of the request on the connection with ttl %d", z->answered) != 0 ||
	    evidence_add(ev, z->answer_frame, "%s from %s (ttl %u) answering the ttl-%d copy",
	    z->answered_rst ? "RST" : "ICMP error", verdict_addr(&z->answer_from, b),
	    z->answer_ttl, z->answered) != 0))
		return -1;
	return 0;
}

/* The locating probe that found a device answering for the server. */
static int
evidence_middlebox(struct exchange *x)
{
	const struct syn_probe_obs *o = &x->syn->path_syn[x->hop];
	struct evidence_list *ev = &x->r->ev;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN];

	if (o->sent && evidence_add(ev, o->frame, "SYN to %s:%u with ttl %d",
	    verdict_addr(&x->pl->dst, a), x->pl->port, x->hop) != 0)
		return -1;
	if (o->answer != RK_NONE && evidence_add(ev, o->reply_frame,
	    "%s in %s's name answering a ttl-%d SYN", corr_reply_kind_name(o->answer),
	    verdict_addr(&o->from, b), x->hop) != 0)
		return -1;
	return 0;
}

static int
evidence(struct exchange *x)
{
	if (x->c != NULL && (evidence_exchange(x) != 0 || evidence_flow_trace(x) != 0))
		return -1;
	if (x->syn != NULL && x->hop > 0 && x->hop <= x->syn->path_max &&
	    evidence_middlebox(x) != 0)
		return -1;
	return 0;
}

/*
 * Issue 16: a capture whose timestamps do not measure time (a clock that
 * does not advance, stamps out of range, one stepped back) cannot tell a
 * slow server, nor that none is slow: "ok" and "slow-server" rest on the
 * times; an HTTP status, a reset or an MTU black hole do not.  Those two
 * become "timestamps-untrusted", unknown, with the defect named.
 */
static void
untimed(const struct corr *cr, struct http_result *r)
{
	const struct corr_counters *cc = cr != NULL ? corr_counters(cr) : NULL;
	char why[240];

	const struct fdef_stats *fd = cc != NULL ? cc->fd : NULL;

	/*
	 * Out of range, or a clock standing still for half the frames or
	 * more (at least 4 of them: a few equal stamps in a short exchange
	 * are a coarse clock's, and a file out of time order is only that).
	 */
	if (fd == NULL || !(fd->ts_range > 0 || (fd->ts_still >= 4 &&
	    2 * fd->ts_still + 1 >= fd->frames)) || r->v.kind == NULL ||
	    (strcmp(r->v.kind, "ok") != 0 && strcmp(r->v.kind, "slow-server") != 0))
		return;
	fdef_ts_text(fd, why, sizeof(why));
	snprintf(r->v.summary, sizeof(r->v.summary), "The exchange's timing cannot be read from "
	    "this capture: %s; whether the server or the path is slow is unknown (the reading "
	    "without the times was %s).", why[0] ? why : "its timestamps cannot be trusted",
	    r->v.kind);
	r->v.fault = FAULT_UNKNOWN;
	r->v.kind = "timestamps-untrusted";
	r->v.confidence = CONF_AMBIGUOUS;
	snprintf(r->v.confidence_reason, sizeof(r->v.confidence_reason),
	    "the capture's timestamps cannot be trusted");
}

int
infer_http(const struct tcp_streams *ts, const struct http_wire *w, const struct corr *cr,
    const struct syn_result *syn, const struct http_local *l, const struct syn_plan *pl,
    struct http_result *r, char *err, size_t errlen)
{
	struct exchange x;

	memset(&x, 0, sizeof(x));
	x.w = w;
	x.syn = syn;
	x.l = l;
	x.pl = pl;
	x.r = r;
	memset(r, 0, sizeof(*r));
	r->t_dns = r->t_connect = r->t_tls = r->t_request = r->t_wait = r->t_transfer =
	    r->t_total = r->rtt_ms = -1;
	read_mtu(cr, pl, &r->mtu);

	/* No connection: synprobe's reading is the answer. */
	if ((l->dns_failed || l->connect_failed) && syn != NULL) {
		from_syn(r, syn);
		return 0;
	}
	x.c = exchange_pick(ts, l, pl, r);
	/* A saved capture without an HTTP exchange: what its SYNs say. */
	if (x.c == NULL && !l->live && !l->tls_failed && syn != NULL) {
		from_syn(r, syn);
		return 0;
	}
	exchange_connection(&x);
	decide(&x);
	untimed(cr, r);
	if (evidence(&x) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void
http_result_free(struct http_result *r)
{
	free(r->req_text);
	free(r->resp_text);
	r->req_text = r->resp_text = NULL;
	evidence_free(&r->ev);
}
