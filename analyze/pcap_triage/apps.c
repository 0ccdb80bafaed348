/*
 * The applications on top of TCP and UDP: HTTP statuses per request
 * (analyze/flow/http.c, with a lenient reading of start lines that it
 * refuses, as Wireshark reads them), TLS alerts and handshakes that end
 * without an answer (analyze/flow/tls.c), FTP, SMTP, POP3 and IMAP error
 * replies, a silent service where the server speaks first, and a UDP
 * request answered by ICMP port unreachable (the application waits for
 * an answer that never comes).
 *
 * Each TCP connection's two streams are reassembled by
 * analyze/flow/tcpstream.c, one reassembler per connection, kept only
 * while it lives and only for its first APP_CAP bytes each way (enough
 * for the requests' and answers' heads; bodies beyond are counted by
 * tcpstream, not kept).  At most APP_CONNS connections are followed at
 * once; past that the longest idle is read early.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/flow/http.h"
#include "analyze/flow/tcpstream.h"
#include "analyze/flow/tls.h"
#include "analyze/pcap_triage/flowtab.h"
#include "analyze/pcap_triage/host.h"
#include "analyze/packet/view6.h"
#include "analyze/pcap_triage/readers.h"

#define NS		1000000000LL
#define APP_CAP		((size_t)64 << 10)
#define APP_CONNS	2048
#define APP_IDLE	(300 * NS)
#define APP_CLOSED	(5 * NS)
#define MAX_MSGS	64

struct akey {
	struct fl_addr	a, b;
	uint16_t	ap, bp;
};

struct app_conn {
	struct tcp_streams *ts;
	uint64_t	fed[2];		/* payload bytes handed on, [0] from the lower end of the key */
	bool		fin[2], rst;
	int64_t		first_ts, last_ts;
	uint32_t	first_frame;
};

struct udp_key {
	struct fl_addr	dst;
	uint16_t	dport;
};

struct tri_apps {
	struct tri_ctx	*c;
	struct flowtab	*conns;
	struct app_udp	*udp;
	uint64_t	 http_requests, http_errors, tls_conns, tls_failures;
	struct tcps_pool	 pool;		/* stream tables for the next connections */
};

static int
end_cmp(const struct fl_addr *a, uint16_t ap, const struct fl_addr *b, uint16_t bp)
{
	int c = memcmp(a, b, sizeof(*a));

	return c != 0 ? c : ap < bp ? -1 : ap > bp;
}

static void
endpoint(const struct tri_ctx *c, const struct fl_addr *a, uint16_t port, char *buf, size_t len)
{
	char s[TRI_ADDR_TEXT];

	snprintf(buf, len, "%s port %u", tri_addr_text(c, a, s), port);
}

/* ---- HTTP ---- */

/* What snprintf(dst, cap, "%s", src) writes, without parsing a format for every request. */
static void
copy_cut(char *dst, size_t cap, const char *src)
{
	size_t n = strnlen(src, cap - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* A start line http.c refuses, read as Wireshark would: two words and the rest of the line. */
static bool
lenient_line(const uint8_t *d, size_t len, size_t off, char *w1, size_t l1, char *w2, size_t l2,
    char *w3, size_t l3)
{
	char *w[3] = { w1, w2, w3 };
	size_t wl[3] = { l1, l2, l3 }, i = off, n;
	int k;

	w1[0] = w2[0] = w3[0] = '\0';
	for (k = 0; k < 3 && i < len && d[i] != '\r' && d[i] != '\n'; k++) {
		/* The last word runs to the end of the line (a reason phrase has spaces). */
		for (n = 0; i < len && d[i] != '\r' && d[i] != '\n' && (k == 2 || d[i] != ' '); i++)
			if (n + 1 < wl[k])
				w[k][n++] = isprint(d[i]) ? (char)d[i] : '?';
		w[k][n] = '\0';
		while (i < len && d[i] == ' ')
			i++;
	}
	return w1[0] != '\0';
}

static bool
looks_like_method(const uint8_t *d, size_t len)
{
	size_t i;

	for (i = 0; i < len && i < 16; i++) {
		if (d[i] == ' ')
			return i >= 3;
		if (!isupper(d[i]))
			return false;
	}
	return false;
}

static bool
benign_404(const char *target)
{
	return strstr(target, "favicon") != NULL || strstr(target, "robots.txt") != NULL ||
	    strstr(target, "apple-touch-icon") != NULL || strstr(target, ".well-known/") != NULL;
}

static void
http_status(struct tri_apps *ap, const struct tcp_conn *cn, const char *method, const char *target,
    int status, const char *reason, uint32_t req_frame, uint32_t resp_frame, uint32_t end_frame)
{
	struct tri_ctx *c = ap->c;
	char s[TRI_ADDR_TEXT + 16], cl[TRI_ADDR_TEXT];
	const char *kind;
	enum tri_sev sev;
	struct tri_finding *f;
	bool merged;

	if (status < 400)
		return;
	ap->http_errors++;
	if (status >= 500) {
		kind = "http-server-error";
		sev = TRI_FAULT;
	} else if (status == 401 || status == 407) {
		kind = "http-auth-required";
		sev = TRI_NOTE;
	} else if (status == 404) {
		kind = benign_404(target) ? "http-not-found-benign" : "http-not-found";
		sev = benign_404(target) ? TRI_NOTE : TRI_WARNING;
	} else {
		kind = "http-client-error";
		sev = TRI_FAULT;
	}
	f = tri_add(c, sev, TL_APP, kind, &cn->srv, cn->sport, resp_frame, 0, &merged);
	if (f == NULL)
		return;
	/*
	 * Addresses are written out only where they are kept: a server
	 * answering thousands of requests with errors merges them all into
	 * one finding, whose evidence fills after TRI_MAX_EV frames.
	 */
	if (!merged) {
		endpoint(c, &cn->srv, cn->sport, s, sizeof(s));
		tri_finding_who(f, sev == TRI_NOTE ? FAULT_NONE : FAULT_SERVER, TW_SERVER, CONF_CERTAIN,
		    "the server %s", s);
		if (status >= 500)
			tri_finding_say(f, "\"%d %s\" from %s in reply to the %s %s: the server (or an "
			    "application behind it) fails; the request reached it and the network "
			    "delivered both ways.", status, reason, s, method, target);
		else if (status == 401 || status == 407)
			tri_finding_say(f, "\"%d %s\" from %s to the %s %s: it asks for credentials, "
			    "as an authenticated service does before the client sends them; not a fault "
			    "unless they are refused again.", status, reason, s, method, target);
		else if (sev == TRI_NOTE)
			tri_finding_say(f, "\"%d %s\" for %s %s from %s: a file browsers and robots ask "
			    "for whether or not a site has it; not a fault.", status, reason, method,
			    target, s);
		else
			tri_finding_say(f, "\"%d %s\" from %s in reply to the %s %s: the server refuses "
			    "the request. The request was delivered intact (the server answers it); "
			    "the refusal is the server's, by its rules or the request's content.",
			    status, reason, s, method, target);
		tri_finding_fig(f, "status", status);
	} else if (f->count == 2) {
		size_t o = strlen(f->summary);

		snprintf(f->summary + o, sizeof(f->summary) - o, " Other requests get the same answer.");
	}
	tri_finding_fig(f, "responses", f->count);
	if (req_frame != 0 && f->ev.n < TRI_MAX_EV)
		tri_finding_ev(f, req_frame, "%s %s from %s", method, target,
		    tri_addr_text(c, &cn->cli, cl));
	tri_finding_ev(f, resp_frame, "HTTP %d %s", status, reason);
	if (end_frame != resp_frame)
		tri_finding_ev(f, end_frame, "HTTP %d %s complete", status, reason);
}

/* Requests in order, answers in order, paired (HTTP/1.1 keeps them in order, RFC 9112 9.3.2). */
static void
read_http(struct tri_apps *ap, const struct tcp_conn *cn)
{
	const struct tcp_dir *q = &cn->c2s, *a = &cn->s2c;
	size_t qo = 0, ao = 0, qnext, anext;
	struct http_msg req, resp;
	enum http_status qst, ast;
	int n;

	for (n = 0; n < MAX_MSGS && qo < q->len; n++) {
		char method[16], target[256], w3[16];
		unsigned int flags = a->fin ? HTTP_F_EOF : 0;
		uint32_t req_frame;

		qst = http_parse(q->data, q->len, qo, true, &req, &qnext);
		if (qst == HTTP_INCOMPLETE)
			break;
		if (qst == HTTP_OK) {
			copy_cut(method, sizeof(method), req.method);
			copy_cut(target, sizeof(target), req.target);
			flags |= http_response_flags(&req);
			req_frame = tcps_frame_at(q, req.start < q->len ? req.start : qo);
		} else if (looks_like_method(q->data + qo, q->len - qo) &&
		    lenient_line(q->data, q->len, qo, method, sizeof(method), target, sizeof(target), w3,
		    sizeof(w3))) {
			req_frame = tcps_frame_at(q, qo);
		} else {
			break;
		}
		ap->http_requests++;
		if (ao >= a->len)
			break;
		ast = http_parse_ex(a->data, a->len, ao, false, flags, &resp, &anext);
		if (ast == HTTP_OK) {
			size_t last = resp.complete && anext > ao ? anext - 1 : a->len - 1;

			http_status(ap, cn, method, target, resp.status, resp.reason, req_frame,
			    tcps_frame_at(a, resp.start < a->len ? resp.start : ao), tcps_frame_at(a, last));
			if (!resp.complete || anext <= ao)
				break;
			ao = anext;
		} else {
			char ver[16], code[16], reason[96];

			if (ast == HTTP_BAD &&
			    lenient_line(a->data, a->len, ao, ver, sizeof(ver), code, sizeof(code), reason,
			    sizeof(reason)) &&
			    strncmp(ver, "HTTP/", 5) == 0 && isdigit((unsigned char)code[0]))
				http_status(ap, cn, method, target, atoi(code), reason, req_frame,
				    tcps_frame_at(a, ao), tcps_frame_at(a, ao));
			break;
		}
		/* The next request starts where http.c says this one ends. */
		if (qst != HTTP_OK || !req.complete || qnext <= qo)
			break;
		qo = qnext;
	}
}

/* ---- TLS ---- */

static bool
cert_alert(uint8_t desc)
{
	return desc == 42 || desc == 43 || desc == 44 || desc == 45 || desc == 46 || desc == 48;
}

static void
read_tls(struct tri_apps *ap, const struct tcp_conn *cn)
{
	struct tri_ctx *c = ap->c;
	char s[TRI_ADDR_TEXT + 16], cl[TRI_ADDR_TEXT + 16];
	uint8_t level, desc;
	size_t off;
	struct tri_finding *f;
	bool merged, from_srv;

	ap->tls_conns++;
	endpoint(c, &cn->srv, cn->sport, s, sizeof(s));
	endpoint(c, &cn->cli, cn->cport, cl, sizeof(cl));
	for (int dir = 1; dir >= 0; dir--) {
		const struct tcp_dir *d = dir == 1 ? &cn->s2c : &cn->c2s;

		if (!tls_alert(d->data, d->len, &level, &desc, &off))
			continue;
		if (desc == 0 || desc == 90 || (level == 1 && !cert_alert(desc)))
			continue;	/* close_notify, user_canceled, warnings */
		from_srv = dir == 1;
		ap->tls_failures++;
		f = tri_add(c, TRI_FAULT, TL_TLS, from_srv ? "tls-alert-server" : cert_alert(desc) ?
		    "tls-certificate-rejected" : "tls-alert-client", &cn->srv, cn->sport,
		    tcps_frame_at(d, off), 0, &merged);
		if (f == NULL)
			return;
		if (!merged) {
			if (from_srv) {
				tri_finding_who(f, FAULT_SERVER, TW_SERVER, CONF_CERTAIN, "the server %s", s);
				tri_finding_say(f, "The server %s ends the TLS handshake with a fatal alert, "
				    "%s (%u): it does not accept what the client offers (protocol version, "
				    "ciphers, server name, or a client certificate).", s,
				    tls_alert_name(desc), desc);
			} else if (cert_alert(desc)) {
				tri_finding_who(f, FAULT_SERVER, TW_SERVER, CONF_LIKELY, "the server %s", s);
				tri_finding_say(f, "The client %s rejects the certificate of %s with the alert "
				    "%s (%u): the server's certificate is not trusted by this client "
				    "(expired, wrong name, or a missing intermediate or CA).", cl, s,
				    tls_alert_name(desc), desc);
			} else {
				tri_finding_who(f, FAULT_CLIENT, TW_CLIENT, CONF_LIKELY, "the client %s", cl);
				tri_finding_say(f, "The client %s ends the TLS handshake with %s with the "
				    "alert %s (%u).", cl, s, tls_alert_name(desc), desc);
			}
			tri_finding_fig(f, "alert", desc);
		}
		tri_finding_ev(f, tcps_frame_at(&cn->c2s, 0), "the ClientHello");
		tri_finding_ev(f, tcps_frame_at(d, off), "TLS alert %s from the %s",
		    tls_alert_name(desc), from_srv ? "server" : "client");
		return;
	}
	/* A ClientHello that the server answers with nothing but the end of the connection. */
	if (cn->s2c.len == 0 && (cn->s2c.rst || cn->s2c.fin) && cn->c2s.len > 0) {
		ap->tls_failures++;
		f = tri_add(c, TRI_FAULT, TL_TLS, "tls-handshake-failed", &cn->srv, cn->sport,
		    tcps_frame_at(&cn->c2s, 0), 0, &merged);
		if (f == NULL)
			return;
		if (!merged) {
			tri_finding_who(f, FAULT_SERVER, TW_SERVER, CONF_LIKELY, "the server %s", s);
			tri_finding_say(f, "%s answers the TLS ClientHello by %s the connection, without "
			    "a word of TLS: it does not speak TLS on this port, or something in front "
			    "of it refuses the handshake (the server name, an old protocol version).",
			    s, cn->s2c.rst ? "resetting" : "closing");
		}
		tri_finding_ev(f, tcps_frame_at(&cn->c2s, 0), "the ClientHello");
		tri_finding_ev(f, cn->s2c.rst ? cn->s2c.rst_frame : cn->s2c.fin_frame, "%s from the server",
		    cn->s2c.rst ? "RST" : "FIN");
	}
}

/* ---- FTP, SMTP, POP3, IMAP ---- */

static const char *
speak_first_proto(uint16_t port, const uint8_t *d, size_t len)
{
	if (port == 21)
		return "FTP";
	if (port == 25 || port == 587)
		return "SMTP";
	if (port == 110)
		return "POP3";
	if (port == 143)
		return "IMAP";
	if (len >= 4 && memcmp(d, "+OK", 3) == 0)
		return "POP3";
	if (len >= 4 && memcmp(d, "* OK", 4) == 0)
		return "IMAP";
	return NULL;
}

static void
line_at(const uint8_t *d, size_t len, size_t off, char *out, size_t outlen)
{
	size_t n = 0;

	for (; off < len && d[off] != '\r' && d[off] != '\n' && n + 1 < outlen; off++)
		out[n++] = isprint(d[off]) ? (char)d[off] : '?';
	out[n] = '\0';
}

static void
mail_ftp_error(struct tri_apps *ap, const struct tcp_conn *cn, const char *proto, const char *line,
    uint32_t frame, bool fault, const char *kind)
{
	char s[TRI_ADDR_TEXT + 16];
	struct tri_finding *f;
	bool merged;

	f = tri_add(ap->c, fault ? TRI_FAULT : TRI_WARNING, TL_APP, kind, &cn->srv, cn->sport, frame,
	    0, &merged);
	if (f == NULL)
		return;
	endpoint(ap->c, &cn->srv, cn->sport, s, sizeof(s));
	if (!merged) {
		tri_finding_who(f, FAULT_SERVER, TW_SERVER, CONF_CERTAIN, "the %s server %s", proto, s);
		tri_finding_say(f, "The %s server %s answers \"%s\"%s.", proto, s, line,
		    strstr(kind, "login") != NULL ? ": it refuses the login (wrong credentials, or the "
		    "account is not allowed)" : strstr(kind, "unavailable") != NULL ? ": the service "
		    "is not available (overloaded, or shutting down)" : fault ? ": it refuses what the "
		    "client asks" : ": a temporary refusal (try again later, greylisting)");
	}
	tri_finding_ev(f, frame, "%s: %s", proto, line);
}

static void
read_lines(struct tri_apps *ap, const struct tcp_conn *cn, const char *proto)
{
	const struct tcp_dir *d = &cn->s2c;
	size_t off = 0;
	int n;
	char line[160];

	for (n = 0; n < MAX_MSGS && off < d->len; n++) {
		uint32_t frame = tcps_frame_at(d, off);

		line_at(d->data, d->len, off, line, sizeof(line));
		if (strcmp(proto, "FTP") == 0 || strcmp(proto, "SMTP") == 0) {
			int code = isdigit((unsigned char)line[0]) ? atoi(line) : 0;
			bool ftp = proto[0] == 'F';

			if (code == 421)
				mail_ftp_error(ap, cn, proto, line, frame, true, ftp ? "ftp-unavailable" :
				    "smtp-unavailable");
			else if (ftp && code == 530)
				mail_ftp_error(ap, cn, proto, line, frame, true, "ftp-login-refused");
			else if (!ftp && (code == 535 || code == 534))
				mail_ftp_error(ap, cn, proto, line, frame, true, "smtp-login-refused");
			else if (code >= 500 && code < 600 && line[3] != '-')
				mail_ftp_error(ap, cn, proto, line, frame, !ftp, ftp ? "ftp-error" :
				    "smtp-rejected");
			else if (code >= 400 && code < 500 && line[3] != '-')
				mail_ftp_error(ap, cn, proto, line, frame, false, ftp ? "ftp-error" :
				    "smtp-deferred");
		} else if (strcmp(proto, "POP3") == 0 && strncmp(line, "-ERR", 4) == 0) {
			mail_ftp_error(ap, cn, proto, line, frame, false, "pop3-error");
		} else if (strcmp(proto, "IMAP") == 0 && line[0] != '*' && line[0] != '+') {
			const char *sp = strchr(line, ' ');

			if (sp != NULL && (strncmp(sp + 1, "NO", 2) == 0 || strncmp(sp + 1, "BAD", 3) == 0))
				mail_ftp_error(ap, cn, proto, line, frame, false, "imap-error");
		}
		while (off < d->len && d->data[off] != '\n')
			off++;
		off++;
	}
}

/* Where the server speaks first, a connection made and left without a word from it. */
static void
silent_service(struct tri_apps *ap, const struct tcp_conn *cn, const char *proto, int64_t span)
{
	char s[TRI_ADDR_TEXT + 16];
	struct tri_finding *f;
	bool merged;

	if (cn->s2c.len > 0 || cn->syn_frame == 0 || cn->ack_frame == 0 || span < 3 * NS)
		return;
	f = tri_add(ap->c, TRI_FAULT, TL_APP, "service-silent", &cn->srv, cn->sport, cn->ack_frame, 0,
	    &merged);
	if (f == NULL)
		return;
	endpoint(ap->c, &cn->srv, cn->sport, s, sizeof(s));
	if (!merged) {
		tri_finding_who(f, FAULT_SERVER, TW_SERVER, CONF_LIKELY, "the %s server %s", proto, s);
		tri_finding_say(f, "%s accepts the connection but its %s service says nothing in %.1f "
		    "s, though in %s the server speaks first: the application is hung, overloaded "
		    "or misconfigured.", s, proto, (double)span / 1e9, proto);
	}
	tri_finding_ev(f, cn->ack_frame, "the connection is made; no greeting follows");
}

static void
conn_read(struct tri_apps *ap, struct app_conn *a)
{
	const struct tcp_conn *cn;
	const char *proto;

	if (a->ts == NULL)
		return;
	tcps_finish(a->ts);
	if (tcps_count(a->ts) == 0)
		return;
	cn = tcps_conn(a->ts, tcps_count(a->ts) - 1);
	if (cn->c2s.len > 0 && tls_stream(cn->c2s.data, cn->c2s.len)) {
		read_tls(ap, cn);
		return;
	}
	/* FTP's and SMTP's commands look like methods too: an answer that is not HTTP's decides. */
	if (cn->c2s.len > 0 && looks_like_method(cn->c2s.data, cn->c2s.len) &&
	    (cn->s2c.len == 0 ? speak_first_proto(cn->sport, NULL, 0) == NULL :
	    cn->s2c.len >= 5 && memcmp(cn->s2c.data, "HTTP/", 5) == 0)) {
		read_http(ap, cn);
		return;
	}
	proto = speak_first_proto(cn->sport, cn->s2c.data, cn->s2c.len);
	if (proto == NULL)
		return;
	if (cn->s2c.len == 0)
		silent_service(ap, cn, proto, a->last_ts - a->first_ts);
	else
		read_lines(ap, cn, proto);
}

static void
app_done(void *ctx, void *data, bool evicted)
{
	struct tri_apps *ap = ctx;
	struct app_conn *a = data;

	(void)evicted;
	conn_read(ap, a);
	tcps_pool_put(&ap->pool, a->ts);
	a->ts = NULL;
}

/* ---- UDP answered by port unreachable ---- */

static void
udp_unreachable(struct tri_apps *ap, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	const struct dec_ip *q = &p->err.q_ip;
	const struct dec_l4 *ql = &p->err.q_l4;
	char d[TRI_ADDR_TEXT + 16], s[TRI_ADDR_TEXT];
	struct tri_finding *f;
	bool merged, inbound;

	/* A traceroute's UDP probes reach their destination this way; DNS is names.c's. */
	if ((ql->dport >= 33434 && ql->dport <= 33534) || ql->dport == 53 || ql->sport == 53)
		return;
	if (!fl_addr_eq(&p->ip.src, &q->dst))
		return;		/* a router's: icmp.c's kind of error, not the service's */
	inbound = tri_is_host(ap->c, &p->ip.src);
	f = tri_add(ap->c, inbound ? TRI_NOTE : TRI_FAULT, TL_APP, inbound ? "udp-closed-here" :
	    "udp-port-unreachable", &q->dst, ql->dport, frame, ts, &merged);
	if (f == NULL)
		return;
	endpoint(ap->c, &q->dst, ql->dport, d, sizeof(d));
	tri_addr_text(ap->c, &q->src, s);
	if (!merged) {
		if (inbound) {
			tri_finding_who(f, FAULT_NONE, TW_HOST, CONF_CERTAIN, "this host, %s", d);
			tri_finding_say(f, "This host answers UDP from %s to its port %u with %s port "
			    "unreachable: nothing listens there (a late answer to a socket already "
			    "closed, or an unsolicited packet).", s, ql->dport, dec_icmp_proto(p));
		} else {
			const char *svc = host_udp_service(ql->dport);

			tri_finding_who(f, FAULT_SERVER, TW_SERVER, CONF_CERTAIN, "%s", d);
			/* An application fault, phrased as one (issue 15): the server itself answers. */
			if (svc != NULL)
				tri_finding_say(f, "The application on %s waits for %s (UDP port %u) on %s, "
				    "which does not offer it: the server answers with %s port unreachable. "
				    "The network is not at fault (the server's own answers come back); the "
				    "application is set to use a service this server does not run.", s, svc,
				    ql->dport, tri_addr_text(ap->c, &q->dst, d), dec_icmp_proto(p));
			else
				tri_finding_say(f, "%s answers UDP from %s with %s port unreachable: no "
				    "service listens on that port, so the application on %s waits for an "
				    "answer that never comes (wrong port or server, or the service is down). "
				    "The network is not at fault: the server itself answers.", d, s,
				    dec_icmp_proto(p), s);
		}
	}
	tri_finding_fig(f, "datagrams", f->count);
	tri_finding_ev(f, frame, "%s port unreachable from %s for UDP from %s", dec_icmp_proto(p), d,
	    s);
}

bool
tri_apps_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct tri_apps *ap = ctx;
	struct akey k;
	struct app_conn *a;
	bool created, low;
	int dir;

	flowtab_expire(ap->conns, ts);
	app_udp_feed(ap->udp, frame, ts, p);
	if (p->status != DEC_OK || p->ip.frag != 0)
		return false;
	if (p->is_icmp_err && p->quote_ok) {
		if (p->l4.icmp_type == 3 && p->l4.icmp_code == 3 && p->err.q_ip.proto == 17 &&
		    (p->err.q_l4.have & L4_PORTS))
			udp_unreachable(ap, frame, ts, p);
		return false;
	}
	if (p->ip.proto != 6 || !(p->l4.have & L4_TCPHDR))
		return false;
	memset(&k, 0, sizeof(k));
	low = end_cmp(&p->ip.src, p->l4.sport, &p->ip.dst, p->l4.dport) <= 0;
	k.a = low ? p->ip.src : p->ip.dst;
	k.ap = low ? p->l4.sport : p->l4.dport;
	k.b = low ? p->ip.dst : p->ip.src;
	k.bp = low ? p->l4.dport : p->l4.sport;
	dir = low ? 0 : 1;
	/* A connection is followed from its SYN, or from its first data. */
	a = flowtab_get(ap->conns, &k, ts, APP_IDLE, (p->l4.tcp_flags & TCP_SYN) || p->payload_len > 0,
	    &created);
	if (a == NULL)
		return false;
	if (created) {
		a->first_ts = ts;
		a->first_frame = frame;
	}
	a->last_ts = ts;
	if (p->payload_len > 0 && a->fed[dir] > APP_CAP)
		return false;	/* past what is kept: nothing more to read */
	if (a->ts == NULL) {
		a->ts = tcps_pool_get(&ap->pool, APP_CAP, 1, 4 * APP_CAP);
		if (a->ts == NULL)
			return false;
	}
	a->fed[dir] += p->payload_len;
	tcps_feed(a->ts, frame, ts, p);
	if (p->l4.tcp_flags & TCP_FIN)
		a->fin[dir] = true;
	if (p->l4.tcp_flags & TCP_RST)
		a->rst = true;
	if (a->rst || (a->fin[0] && a->fin[1]))
		flowtab_set_idle(ap->conns, a, APP_CLOSED);
	return false;
}

struct tri_apps *
tri_apps_new(struct tri_ctx *c)
{
	struct tri_apps *ap = calloc(1, sizeof(*ap));

	if (ap == NULL)
		return NULL;
	ap->c = c;
	ap->conns = flowtab_new(sizeof(struct akey), sizeof(struct app_conn),
	    c->opt.max_flows < APP_CONNS ? c->opt.max_flows : APP_CONNS, app_done, ap);
	ap->udp = app_udp_new(c);
	if (ap->conns == NULL || ap->udp == NULL) {
		flowtab_free(ap->conns);
		app_udp_free(ap->udp);
		free(ap);
		return NULL;
	}
	return ap;
}

void
tri_apps_finish(struct tri_apps *ap)
{
	flowtab_drain(ap->conns);
	app_udp_finish(ap->udp);
}

static void
free_conn(void *ctx, void *data)
{
	struct app_conn *a = data;

	(void)ctx;
	tcps_free(a->ts);
	a->ts = NULL;
}

void
tri_apps_free(struct tri_apps *ap)
{
	if (ap == NULL)
		return;
	flowtab_each(ap->conns, free_conn, NULL);
	flowtab_free(ap->conns);
	app_udp_free(ap->udp);
	tcps_pool_free(&ap->pool);
	free(ap);
}
