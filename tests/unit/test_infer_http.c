/*
 * postprobe's rules on synthetic exchanges: what a live run saw through
 * libcurl with no capture behind it (who is at fault when the TLS set-up
 * fails, an HTTPS answer libcurl alone read), and connections built
 * packet by packet for the rules the lab's captures do not reach (the
 * locating probes' reading given by hand, as synprobe would have filled
 * it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "analyze/postprobe/infer.h"
#include "analyze/postprobe/readers.h"
#include "pktbuild.h"

static void
run(struct http_local *l, struct http_result *r)
{
	struct tcp_streams *ts = tcps_new((size_t)1 << 20);
	struct http_wire *w = http_wire_new();
	struct corr *c = corr_new(NULL, 1000000000LL);
	struct syn_plan pl;
	char err[128];

	assert_non_null(ts);
	assert_non_null(w);
	assert_non_null(c);
	memset(&pl, 0, sizeof(pl));
	assert_int_equal(fl_addr_parse("198.18.0.1", &pl.src), 0);
	assert_int_equal(fl_addr_parse("198.18.3.2", &pl.dst), 0);
	pl.port = 443;
	pl.full_ttl = 32;
	l->live = true;
	l->tls = true;
	l->tls_failed = true;
	l->c_total = 12;
	tcps_finish(ts);
	corr_finish(c);
	assert_int_equal(infer_http(ts, w, c, NULL, l, &pl, r, err, sizeof(err)), 0);
	tcps_free(ts);
	http_wire_free(w);
	corr_free(c);
}

/*
 * CURLE_SSL_CACERT_BADFILE: this host's CA bundle cannot be read (found
 * on a bare root whose bundle the probe, dropped to nobody, could not
 * open).  libcurl's message names no "CA file"; the code decides.
 */
static void
test_tls_local_bundle(void **st)
{
	struct http_local l;
	struct http_result r;

	(void)st;
	memset(&l, 0, sizeof(l));
	l.tls_local = true;
	snprintf(l.curl_error, sizeof(l.curl_error),
	    "error setting certificate file: /etc/ssl/certs/ca-certificates.crt");
	run(&l, &r);
	assert_int_equal(r.v.fault, FAULT_CLIENT);
	assert_string_equal(r.v.kind, "tls-failure");
	assert_int_equal(r.v.confidence, CONF_CERTAIN);
	assert_non_null(strstr(r.v.summary, "cannot load its own certificates"));
	assert_null(strstr(r.v.summary, "server's certificate is not trusted"));
	http_result_free(&r);
}

/* A certificate the client does not trust: the server's to fix. */
static void
test_tls_untrusted_server(void **st)
{
	struct http_local l;
	struct http_result r;

	(void)st;
	memset(&l, 0, sizeof(l));
	snprintf(l.curl_error, sizeof(l.curl_error),
	    "SSL certificate problem: self-signed certificate");
	run(&l, &r);
	assert_int_equal(r.v.fault, FAULT_SERVER);
	assert_string_equal(r.v.kind, "tls-failure");
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	assert_non_null(strstr(r.v.summary, "server's certificate is not trusted"));
	http_result_free(&r);
}

#define ME	A(198, 18, 0, 1)
#define SRV	A(198, 18, 3, 2)
#define R(k)	A(198, 18, (k) - 1, 2)	/* the router at hop k */
#define CPORT	40000
#define MS	1000000LL
#define SA	(TCP_SYN | TCP_ACK)
#define PA	(TCP_PSH | TCP_ACK)
#define RA	(TCP_RST | TCP_ACK)

#define REQ	"POST /form HTTP/1.1\r\nHost: forms.test\r\nContent-Length: 3\r\n\r\nabc"
#define RESP	"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"

/*
 * A connection being built frame by frame, fed the way postprobe feeds
 * a capture: the wire notes and the streams, then the correlator with
 * what the in-flow trace did not claim.
 */
/* A synthetic exchange, fed through postprobe's readers as a capture would be. */
struct scene {
	struct http_reader	 hr;
	struct syn_local	 sl;
	struct corr		*c;
	struct readers		 rd;
	uint32_t		 frame;
	int64_t			 t;
	uint16_t		 port;
	uint32_t		 cseq, sseq;	/* each side's next sequence number */
	uint8_t			 sttl;		/* the server's packets as they arrive */
	uint16_t		 sid;		/* the server's IP ID counter */
};

static void
scene_init(struct scene *s, uint16_t port, uint8_t sttl)
{
	memset(s, 0, sizeof(*s));
	s->hr.ts = tcps_new((size_t)1 << 20);
	s->hr.wire = http_wire_new();
	s->c = corr_new(NULL, 30000 * MS);
	assert_non_null(s->hr.ts);
	assert_non_null(s->hr.wire);
	assert_non_null(s->c);
	http_readers(&s->rd, &s->hr, &s->sl, s->c);
	s->t = 1000 * MS;
	s->port = port;
	s->cseq = 1000;
	s->sseq = 5000;
	s->sttl = sttl;
	s->sid = 100;
}

static void
put(struct scene *s, const uint8_t *b, size_t n, int64_t after_ms)
{
	s->t += after_ms * MS;
	readers_frame(&s->rd, ++s->frame, s->t, b, (uint32_t)n, (uint32_t)n, DLT_RAW);
}

/* A TCP segment with a payload, its IP ID and TTL chosen. */
static size_t
seg(uint8_t *b, uint32_t src, uint32_t dst, uint8_t ttl, uint16_t id, uint16_t sport,
    uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags, const void *data, size_t len)
{
	pb_ip(b, src, dst, 6, ttl, id, (uint16_t)(40 + len));
	memset(b + 20, 0, 20);
	pb_put16(b + 20, sport);
	pb_put16(b + 22, dport);
	pb_put32(b + 24, seq);
	pb_put32(b + 28, ack);
	b[32] = 5 << 4;
	b[33] = flags;
	pb_put16(b + 34, 64240);
	if (len > 0)
		memcpy(b + 40, data, len);
	return 40 + len;
}

static void
cli_bytes(struct scene *s, uint8_t ttl, uint8_t flags, const void *data, size_t len,
    int64_t after_ms)
{
	uint8_t b[2048];

	put(s, b, seg(b, ME, SRV, ttl, 0, CPORT, s->port, s->cseq, flags & TCP_ACK ? s->sseq : 0,
	    flags, data, len), after_ms);
	s->cseq += (uint32_t)len + (flags & TCP_SYN ? 1 : 0);
}

static void
cli(struct scene *s, uint8_t flags, const char *data, int64_t after_ms)
{
	cli_bytes(s, 64, flags, data, data ? strlen(data) : 0, after_ms);
}

/* From the server's address, with a TTL and an IP ID of the sender's choosing. */
static void
srv_as(struct scene *s, uint8_t ttl, uint16_t id, uint8_t flags, const void *data, size_t len,
    int64_t after_ms)
{
	uint8_t b[2048];

	put(s, b, seg(b, SRV, ME, ttl, id, s->port, CPORT, s->sseq, s->cseq, flags, data, len),
	    after_ms);
	s->sseq += (uint32_t)len + (flags & TCP_SYN ? 1 : 0);
}

static void
srv(struct scene *s, uint8_t flags, const char *data, int64_t after_ms)
{
	srv_as(s, s->sttl, s->sid++, flags, data, data ? strlen(data) : 0, after_ms);
}

static void
handshake(struct scene *s)
{
	cli(s, TCP_SYN, NULL, 0);
	srv(s, SA, NULL, 1);
	cli(s, TCP_ACK, NULL, 0);
}

/*
 * The locating probes' reading, as synprobe fills it: the host at hop
 * host_ttl answers echoes (replies arriving with 65 - host_ttl), every
 * router before it answers time-exceeded.
 */
static void
located(struct syn_result *y, int host_ttl)
{
	int t;

	memset(y, 0, sizeof(*y));
	fl_addr_v4(&y->plan.src, ME);
	fl_addr_v4(&y->plan.dst, SRV);
	y->host_ttl = host_ttl;
	y->host_alive = true;
	y->path_max = host_ttl;
	for (t = 1; t <= host_ttl; t++) {
		struct syn_probe_obs *o = &y->path_icmp[t];

		o->sent = true;
		o->frame = 900 + (uint32_t)t;
		o->reply_frame = 950 + (uint32_t)t;
		o->answer = t < host_ttl ? RK_TIME_EXCEEDED : RK_ECHO_REPLY;
		fl_addr_v4(&o->from, t < host_ttl ? R(t) : SRV);
		o->reply_ttl = (uint8_t)(65 - t);
	}
	y->ping = y->path_icmp[host_ttl];
	y->ping_sent = y->ping_received = 1;
}

static void
infer(struct scene *s, const struct syn_result *y, struct http_local *l, struct http_result *r)
{
	struct syn_plan pl;
	char err[128];

	tcps_finish(s->hr.ts);
	corr_finish(s->c);
	memset(&pl, 0, sizeof(pl));
	fl_addr_v4(&pl.src, ME);
	fl_addr_v4(&pl.dst, SRV);
	pl.port = s->port;
	pl.full_ttl = 32;
	assert_int_equal(infer_http(s->hr.ts, s->hr.wire, s->c, y, l, &pl, r, err, sizeof(err)), 0);
}

static void
scene_free(struct scene *s, struct http_result *r)
{
	http_result_free(r);
	tcps_free(s->hr.ts);
	http_wire_free(s->hr.wire);
	corr_free(s->c);
}

static bool
evidence_has(const struct http_result *r, const char *what)
{
	size_t i;

	for (i = 0; i < r->ev.n; i++)
		if (strstr(r->ev.v[i].summary, what) != NULL)
			return true;
	return false;
}

static void
expect(const struct http_result *r, enum fault f, const char *kind, int hop, uint32_t addr,
    enum confidence conf)
{
	if (r->v.fault != f || strcmp(r->v.kind, kind) != 0 || r->v.hop != hop ||
	    r->v.confidence != conf)
		fail_msg("got %s/%s at hop %d (%s), %s: %s", fault_name(r->v.fault), r->v.kind,
		    r->v.hop, confidence_name(r->v.confidence), r->v.confidence_reason, r->v.summary);
	if (addr == 0)
		assert_false(fl_addr_is_set(&r->v.addr));
	else
		assert_int_equal(fl_addr_v4_host(&r->v.addr), addr);
	assert_true(r->v.summary[0] != '\0');
	assert_true(r->v.confidence_reason[0] != '\0');
}

/* No connection could be made live: synprobe's verdict and evidence stand. */
static void
test_live_no_connection(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 80, 61);
	located(&y, 4);
	y.v.fault = FAULT_PATH;
	y.v.kind = "filtered-on-path";
	y.v.hop = 2;
	y.v.confidence = CONF_LIKELY;
	snprintf(y.v.summary, sizeof(y.v.summary), "SYNs stop after hop 2.");
	assert_int_equal(evidence_add(&y.ev, 7, "SYN with ttl 3: no answer"), 0);
	memset(&l, 0, sizeof(l));
	l.live = true;
	l.connect_failed = true;
	infer(&s, &y, &l, &r);
	assert_int_equal(r.v.fault, FAULT_PATH);
	assert_string_equal(r.v.kind, "filtered-on-path");
	assert_int_equal(r.v.hop, 2);
	assert_string_equal(r.v.summary, "No connection could be made, so no request was sent. "
	    "SYNs stop after hop 2.");
	assert_int_equal(r.ev.n, 1);
	assert_int_equal(r.ev.v[0].frame, 7);
	assert_false(r.found);
	syn_result_free(&y);
	scene_free(&s, &r);
}

/* TLS records: a handshake to open with, a plaintext fatal alert. */
static const uint8_t tls_hello[] = { 22, 3, 1, 0, 4, 1, 0, 0, 0 };
static const uint8_t tls_server_hello[] = { 22, 3, 3, 0, 4, 2, 0, 0, 0 };
static const uint8_t tls_handshake_failure[] = { 21, 3, 3, 0, 2, 2, 40 };

/* A saved HTTPS exchange the server ends with a fatal alert in clear: its fault. */
static void
test_saved_tls_server_alert(void **st)
{
	struct scene s;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 443, 61);
	handshake(&s);
	cli_bytes(&s, 64, PA, tls_hello, sizeof(tls_hello), 0);
	srv_as(&s, 61, s.sid++, PA, tls_server_hello, sizeof(tls_server_hello), 1);
	srv_as(&s, 61, s.sid++, PA, tls_handshake_failure, sizeof(tls_handshake_failure), 0);
	memset(&l, 0, sizeof(l));
	infer(&s, NULL, &l, &r);
	expect(&r, FAULT_SERVER, "tls-failure", 0, SRV, CONF_LIKELY);
	assert_non_null(strstr(r.v.confidence_reason, "handshake_failure, sent in clear by the server"));
	assert_non_null(strstr(r.v.summary, "the server ends it with the alert handshake_failure "
	    "(frame 6)."));
	assert_true(evidence_has(&r, "TLS alert handshake_failure (fatal) from the server"));
	scene_free(&s, &r);
}

/*
 * The server refuses the ClientHello with a fatal alert and nothing
 * before it (no ServerHello): still its alert, still its fault.  Until
 * tls_alert() read a stream that opens with an alert, this was taken for
 * a handshake that never got going (tls-incomplete, unknown).
 */
static void
test_saved_tls_server_alert_alone(void **st)
{
	struct scene s;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 443, 61);
	handshake(&s);
	cli_bytes(&s, 64, PA, tls_hello, sizeof(tls_hello), 0);
	srv_as(&s, 61, s.sid++, PA, tls_handshake_failure, sizeof(tls_handshake_failure), 1);
	memset(&l, 0, sizeof(l));
	infer(&s, NULL, &l, &r);
	expect(&r, FAULT_SERVER, "tls-failure", 0, SRV, CONF_LIKELY);
	assert_non_null(strstr(r.v.confidence_reason, "handshake_failure, sent in clear by the server"));
	scene_free(&s, &r);
}

/* The client gives up with an alert that is not about the certificate: its own doing. */
static void
test_saved_tls_client_alert(void **st)
{
	struct scene s;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 443, 61);
	handshake(&s);
	cli_bytes(&s, 64, PA, tls_hello, sizeof(tls_hello), 0);
	srv_as(&s, 61, s.sid++, PA, tls_server_hello, sizeof(tls_server_hello), 1);
	cli_bytes(&s, 64, PA, tls_handshake_failure, sizeof(tls_handshake_failure), 1);
	memset(&l, 0, sizeof(l));
	infer(&s, NULL, &l, &r);
	expect(&r, FAULT_CLIENT, "tls-failure", 0, SRV, CONF_LIKELY);
	assert_non_null(strstr(r.v.confidence_reason, "sent in clear by the client"));
	assert_null(strstr(r.v.summary, "does not trust"));
	scene_free(&s, &r);
}

/* Hellos only, no alert and no application data: the request never went. */
static void
test_saved_tls_incomplete(void **st)
{
	struct scene s;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 443, 61);
	handshake(&s);
	cli_bytes(&s, 64, PA, tls_hello, sizeof(tls_hello), 0);
	srv_as(&s, 61, s.sid++, PA, tls_server_hello, sizeof(tls_server_hello), 1);
	memset(&l, 0, sizeof(l));
	infer(&s, NULL, &l, &r);
	expect(&r, FAULT_UNKNOWN, "tls-incomplete", 0, SRV, CONF_AMBIGUOUS);
	assert_non_null(strstr(r.v.summary, "never got as far as carrying the request"));
	scene_free(&s, &r);
}

/* Live HTTPS: the exchange and its timings are libcurl's, the wire is encrypted. */
static void
test_live_https_from_libcurl(void **st)
{
	struct scene s;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 443, 61);
	memset(&l, 0, sizeof(l));
	l.live = l.tls = true;
	l.out = REQ;
	l.outlen = strlen(REQ);
	l.in = RESP;
	l.inlen = strlen(RESP);
	l.status = 200;
	l.c_dns = 1;
	l.c_connect = 3;
	l.c_tls = 8;
	l.c_pretransfer = 9;
	l.c_start = 20;
	l.c_total = 21;
	infer(&s, NULL, &l, &r);
	expect(&r, FAULT_NONE, "ok", 0, SRV, CONF_LIKELY);
	assert_non_null(strstr(r.v.confidence_reason, "no probe checked"));
	assert_string_equal(r.method, "POST");
	assert_string_equal(r.target, "/form");
	assert_int_equal(r.status, 200);
	assert_false(r.transcript_capture);
	assert_true(strncmp(r.req_text, "POST /form", 10) == 0);
	assert_true(strncmp(r.resp_text, "HTTP/1.1 200 OK", 15) == 0);
	assert_false(r.timing_from_capture);
	assert_true(r.request_acked);
	assert_true(r.t_tls > 4.9 && r.t_tls < 5.1);
	assert_true(r.t_wait > 10.9 && r.t_wait < 11.1);
	scene_free(&s, &r);
}

/*
 * Live, a status from libcurl but no transcript and no connection in
 * the capture: recorded as the rules stand, which read it as an answer
 * that never came.
 */
static void
test_live_status_without_transcript(void **st)
{
	struct scene s;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 443, 61);
	memset(&l, 0, sizeof(l));
	l.live = l.tls = true;
	l.status = 502;
	l.max_time = 5;
	snprintf(l.method, sizeof(l.method), "PUT");
	infer(&s, NULL, &l, &r);
	expect(&r, FAULT_SERVER, "slow-server", 0, SRV, CONF_LIKELY);
	assert_int_equal(r.status, 502);
	assert_string_equal(r.method, "PUT");
	assert_non_null(strstr(r.v.summary, "takes the PUT (acknowledged) but sends no answer "
	    "within 5 s"));
	scene_free(&s, &r);
}

/* A device at hop 3 takes the connection in the server's name and says nothing. */
static void
test_middlebox_without_answer(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 80, 62);
	handshake(&s);
	cli(&s, PA, REQ, 0);
	srv(&s, TCP_ACK, NULL, 1);
	located(&y, 4);
	y.path_max = 4;
	y.path_syn[3].sent = true;
	y.path_syn[3].frame = 920;
	y.path_syn[3].reply_frame = 921;
	y.path_syn[3].answer = RK_SYNACK;
	fl_addr_v4(&y.path_syn[3].from, SRV);
	memset(&l, 0, sizeof(l));
	infer(&s, &y, &l, &r);
	expect(&r, FAULT_PATH, "answered-by-middlebox", 3, R(3), CONF_CERTAIN);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.v.summary, "Path: a device at hop 3 (198.18.2.2) answers in "
	    "198.18.3.2's place"));
	assert_true(evidence_has(&r, "answering a ttl-3 SYN"));
	scene_free(&s, &r);
}

/* The reset comes from the server's own distance, its IP ID on the server's counter. */
static void
test_reset_by_server(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 80, 61);
	handshake(&s);
	cli(&s, PA, REQ, 0);
	srv(&s, TCP_ACK, NULL, 1);
	srv(&s, RA, NULL, 1);
	located(&y, 4);
	memset(&l, 0, sizeof(l));
	infer(&s, &y, &l, &r);
	expect(&r, FAULT_SERVER, "reset-by-server", 4, SRV, CONF_LIKELY);
	assert_true(r.reset);
	assert_int_equal(r.rst_id_fit, 1);
	assert_non_null(strstr(r.v.confidence_reason, "the reset's IP ID (102) follows the "
	    "server's last (101)"));
	assert_non_null(strstr(r.v.summary, "resets the connection (frame 6) instead of answering "
	    "the POST"));
	assert_true(evidence_has(&r, "RST in 198.18.3.2's name (ttl 61)"));
	scene_free(&s, &r);
}

/* The same, but the reset's IP ID breaks the sequence the server keeps around it. */
static void
test_reset_by_server_foreign_ipid(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 80, 61);
	handshake(&s);
	cli(&s, PA, REQ, 0);
	srv(&s, TCP_ACK, NULL, 1);
	srv_as(&s, 61, 40000, RA, NULL, 0, 1);
	srv(&s, RA, NULL, 1);
	located(&y, 4);
	memset(&l, 0, sizeof(l));
	infer(&s, &y, &l, &r);
	expect(&r, FAULT_SERVER, "reset-by-server", 4, SRV, CONF_AMBIGUOUS);
	assert_int_equal(r.rst_id_fit, -1);
	assert_non_null(strstr(r.v.confidence_reason, "breaks the server's sequence (last 101)"));
	scene_free(&s, &r);
}

/*
 * No locating probes: a reset from two hops nearer than the SYN-ACK is
 * placed from the SYN-ACK's distance alone, with no address to name.
 */
static void
test_reset_on_path_without_probes(void **st)
{
	struct scene s;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 80, 61);
	handshake(&s);
	cli(&s, PA, REQ, 0);
	srv(&s, TCP_ACK, NULL, 1);
	srv_as(&s, 63, 40000, RA, NULL, 0, 1);
	srv(&s, RA, NULL, 1);
	memset(&l, 0, sizeof(l));
	infer(&s, NULL, &l, &r);
	expect(&r, FAULT_PATH, "reset-on-path", 2, 0, CONF_LIKELY);
	assert_non_null(strstr(r.v.confidence_reason, "2 hops fewer than the server's SYN-ACK"));
	assert_non_null(strstr(r.v.confidence_reason, "breaks the server's sequence"));
	scene_free(&s, &r);
}

/* A copy of the request for the in-flow trace: below the client's TTL, its own ack. */
static void
copy(struct scene *s, uint8_t ttl, uint16_t id, uint8_t *out, size_t *outlen)
{
	*outlen = seg(out, ME, SRV, ttl, id, CPORT, s->port, s->cseq, s->sseq + 100u * ttl, PA,
	    REQ, 20);
	put(s, out, *outlen, 0);
}

/*
 * The in-flow trace: the ttl-1 copy expires at hop 1, the ttl-2 copy
 * draws the reset, which comes back across 2 hops: the device is hop 2
 * itself, on the link from hop 1.
 */
static void
test_flow_trace_reset_at_hop(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;
	uint8_t p[256], e[256];
	size_t n;

	(void)st;
	scene_init(&s, 80, 61);
	handshake(&s);
	copy(&s, 1, 7001, p, &n);
	put(&s, e, pb_icmp_err(e, 11, 0, R(1), 64, p, 28, 1), 1);
	copy(&s, 2, 7002, p, &n);
	put(&s, e, seg(e, SRV, ME, 63, 0, s.port, CPORT, s.sseq + 200u, 0, TCP_RST, "", 0), 1);
	cli(&s, PA, REQ, 0);
	srv_as(&s, 63, 0, RA, NULL, 0, 1);
	located(&y, 4);
	memset(&l, 0, sizeof(l));
	infer(&s, &y, &l, &r);
	expect(&r, FAULT_PATH, "reset-on-path", 2, R(2), CONF_CERTAIN);
	assert_int_equal(r.zt.sent, 2);
	assert_int_equal(r.zt.expired, 1);
	assert_int_equal(r.zt.answered, 2);
	assert_true(r.zt.answered_rst);
	assert_true(r.v.has_link);
	assert_int_equal(r.v.from.ttl, 1);
	assert_int_equal(fl_addr_v4_host(&r.v.from.addr), R(1));
	assert_int_equal(r.v.to.ttl, 2);
	assert_int_equal(fl_addr_v4_host(&r.v.to.addr), R(2));
	assert_null(strstr(r.v.confidence_reason, "forged"));
	assert_true(evidence_has(&r, "time exceeded from 198.18.0.2 for the ttl-1 copy"));
	/* The copies are kept out of the stream: the request is there once. */
	assert_int_equal(r.retransmits, 0);
	scene_free(&s, &r);
}

/*
 * A copy answered by an ICMP unreachable is noted with the trace, but
 * only a reset places a device: the server's own reset stands.
 */
static void
test_flow_trace_icmp_answer(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;
	uint8_t p[256], e[256];
	size_t n;

	(void)st;
	scene_init(&s, 80, 61);
	handshake(&s);
	copy(&s, 1, 7001, p, &n);
	put(&s, e, pb_icmp_err(e, 3, 13, R(1), 64, p, 28, 1), 1);
	cli(&s, PA, REQ, 0);
	srv(&s, TCP_ACK, NULL, 1);
	srv(&s, RA, NULL, 1);
	located(&y, 4);
	memset(&l, 0, sizeof(l));
	infer(&s, &y, &l, &r);
	expect(&r, FAULT_SERVER, "reset-by-server", 4, SRV, CONF_LIKELY);
	assert_int_equal(r.zt.answered, 1);
	assert_false(r.zt.answered_rst);
	assert_true(evidence_has(&r, "ICMP error from 198.18.0.2 (ttl 64) answering the ttl-1 copy"));
	scene_free(&s, &r);
}

/* The request is never acknowledged and no probe says why. */
static void
test_request_lost(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;
	uint32_t at;

	(void)st;
	scene_init(&s, 80, 61);
	handshake(&s);
	at = s.cseq;
	cli(&s, PA, REQ, 0);
	s.cseq = at;
	cli(&s, PA, REQ, 200);
	s.cseq = at;
	cli(&s, PA, REQ, 400);
	located(&y, 4);
	memset(&l, 0, sizeof(l));
	infer(&s, &y, &l, &r);
	expect(&r, FAULT_UNKNOWN, "request-lost", 0, 0, CONF_AMBIGUOUS);
	assert_false(r.request_acked);
	assert_int_equal(r.retransmits, 2);
	assert_non_null(strstr(r.v.summary, "the POST is never acknowledged (2 retransmissions)"));
	scene_free(&s, &r);
}

/* The server acknowledges the request and never answers: the capture's end. */
static void
test_taken_unanswered_saved(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 80, 61);
	handshake(&s);
	cli(&s, PA, REQ, 0);
	srv(&s, TCP_ACK, NULL, 1);
	located(&y, 4);
	memset(&l, 0, sizeof(l));
	infer(&s, &y, &l, &r);
	expect(&r, FAULT_SERVER, "slow-server", 4, SRV, CONF_LIKELY);
	assert_true(r.request_acked);
	assert_non_null(strstr(r.v.summary, "but no answer is in the capture"));
	assert_true(evidence_has(&r, "POST /form HTTP/1.1 (63 bytes)"));
	scene_free(&s, &r);
}

/* Live, the run's own connection found by its port: libcurl's timeout is said. */
static void
test_taken_unanswered_live(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 80, 61);
	handshake(&s);
	cli(&s, PA, REQ, 0);
	srv(&s, TCP_ACK, NULL, 1);
	located(&y, 4);
	memset(&l, 0, sizeof(l));
	l.live = true;
	fl_addr_v4(&l.local, ME);
	fl_addr_v4(&l.remote, SRV);
	l.lport = CPORT;
	l.rport = 80;
	l.max_time = 10;
	l.c_dns = 2;
	l.c_total = 10000;
	infer(&s, &y, &l, &r);
	expect(&r, FAULT_SERVER, "slow-server", 4, SRV, CONF_LIKELY);
	assert_true(r.found);
	assert_true(r.timing_from_capture);
	assert_true(r.t_dns > 1.9 && r.t_dns < 2.1);
	assert_true(r.t_total > 9999 && r.t_total < 10001);
	assert_non_null(strstr(r.v.summary, "sends no answer within 10 s"));
	scene_free(&s, &r);
}

/*
 * No echo on the path; the routers are known from the TTL-limited SYNs
 * alone: the reset two hops nearer than the SYN-ACK is hop 2's.
 */
static void
test_reset_on_path_placed_by_syn_probes(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 80, 61);
	handshake(&s);
	cli(&s, PA, REQ, 0);
	srv(&s, TCP_ACK, NULL, 1);
	srv_as(&s, 63, 0, RA, NULL, 0, 1);
	located(&y, 4);
	y.path_syn[2] = y.path_icmp[2];
	memset(&y.path_icmp[2], 0, sizeof(y.path_icmp[2]));
	memset(&l, 0, sizeof(l));
	infer(&s, &y, &l, &r);
	expect(&r, FAULT_PATH, "reset-on-path", 2, R(2), CONF_LIKELY);
	assert_non_null(strstr(r.v.summary, "from hop 2 (198.18.1.2)"));
	scene_free(&s, &r);
}

/* A DF echo request of len bytes to the server, as postprobe's path MTU probes are. */
static size_t
big_echo(uint8_t *b, uint8_t type, uint32_t src, uint32_t dst, uint16_t seq, uint16_t len)
{
	uint8_t *i = b + 20;

	pb_ip(b, src, dst, 1, 64, seq, len);
	b[6] = 0x40;
	b[10] = b[11] = 0;
	pb_put16(b + 10, pb_sum(b, 20, 0));
	memset(i, 0, (size_t)len - 20);
	i[0] = type;
	pb_put16(i + 4, 0x4d54);
	pb_put16(i + 6, seq);
	pb_put16(i + 2, pb_sum(i, (size_t)len - 20, 0));
	return len;
}

/*
 * The request stalls, large echoes do not come back, but a router says
 * "fragmentation needed": no black hole then, and nothing else places
 * the loss.
 */
static void
test_request_lost_despite_frag_needed(void **st)
{
	static uint8_t p[1600], e[256];
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;
	size_t n;

	(void)st;
	scene_init(&s, 80, 61);
	handshake(&s);
	cli(&s, PA, REQ, 0);
	put(&s, p, big_echo(p, 8, ME, SRV, 1, 600), 0);
	put(&s, p, big_echo(p, 0, SRV, ME, 1, 600), 1);
	n = big_echo(p, 8, ME, SRV, 2, 1400);
	put(&s, p, n, 0);
	n = pb_icmp_err(e, 3, 4, R(2), 63, p, 28, 63);
	pb_put16(e + 26, 1300);
	e[22] = e[23] = 0;
	pb_put16(e + 22, pb_sum(e + 20, n - 20, 0));
	put(&s, e, n, 1);
	put(&s, p, big_echo(p, 8, ME, SRV, 3, 1500), 0);
	located(&y, 4);
	memset(&l, 0, sizeof(l));
	infer(&s, &y, &l, &r);
	assert_true(r.mtu.probed);
	assert_true(r.mtu.frag_needed);
	assert_int_equal(r.mtu.frag_mtu, 1300);
	assert_int_equal(r.mtu.largest_ok, 600);
	assert_int_equal(r.mtu.smallest_lost, 1500);
	expect(&r, FAULT_UNKNOWN, "request-lost", 0, 0, CONF_AMBIGUOUS);
	scene_free(&s, &r);
}

/* Live HTTPS with its connection in the capture: libcurl's phases, the wire's connect. */
static void
test_live_https_captured(void **st)
{
	struct scene s;
	struct syn_result y;
	struct http_local l;
	struct http_result r;

	(void)st;
	scene_init(&s, 443, 61);
	handshake(&s);
	cli_bytes(&s, 64, PA, tls_hello, sizeof(tls_hello), 0);
	srv_as(&s, 61, s.sid++, PA, tls_server_hello, sizeof(tls_server_hello), 1);
	located(&y, 4);
	memset(&l, 0, sizeof(l));
	l.live = l.tls = true;
	fl_addr_v4(&l.local, ME);
	fl_addr_v4(&l.remote, SRV);
	l.lport = CPORT;
	l.rport = 443;
	l.out = REQ;
	l.outlen = strlen(REQ);
	l.in = RESP;
	l.inlen = strlen(RESP);
	l.c_dns = 1;
	l.c_connect = 30;
	l.c_tls = 40;
	l.c_pretransfer = 41;
	l.c_start = 50;
	l.c_total = 51;
	infer(&s, &y, &l, &r);
	expect(&r, FAULT_NONE, "ok", 4, SRV, CONF_CERTAIN);
	assert_true(r.found);
	assert_false(r.timing_from_capture);
	assert_true(r.t_connect >= 0.9 && r.t_connect <= 1.1);
	assert_true(r.t_tls > 9.9 && r.t_tls < 10.1);
	scene_free(&s, &r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tls_local_bundle),
		cmocka_unit_test(test_tls_untrusted_server),
		cmocka_unit_test(test_live_no_connection),
		cmocka_unit_test(test_saved_tls_server_alert),
		cmocka_unit_test(test_saved_tls_server_alert_alone),
		cmocka_unit_test(test_saved_tls_client_alert),
		cmocka_unit_test(test_saved_tls_incomplete),
		cmocka_unit_test(test_live_https_from_libcurl),
		cmocka_unit_test(test_live_status_without_transcript),
		cmocka_unit_test(test_middlebox_without_answer),
		cmocka_unit_test(test_reset_by_server),
		cmocka_unit_test(test_reset_by_server_foreign_ipid),
		cmocka_unit_test(test_reset_on_path_without_probes),
		cmocka_unit_test(test_flow_trace_reset_at_hop),
		cmocka_unit_test(test_flow_trace_icmp_answer),
		cmocka_unit_test(test_request_lost),
		cmocka_unit_test(test_taken_unanswered_saved),
		cmocka_unit_test(test_taken_unanswered_live),
		cmocka_unit_test(test_reset_on_path_placed_by_syn_probes),
		cmocka_unit_test(test_request_lost_despite_frag_needed),
		cmocka_unit_test(test_live_https_captured),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
