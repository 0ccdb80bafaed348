/*
 * synprobe's rules on synthetic captures: every verdict kind, built
 * packet by packet as the wire would show it, plus what the live run
 * saw outside the capture where the rule needs it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "analyze/synprobe/infer.h"
#include "analyze/synprobe/wire.h"
#include "pktbuild.h"

#define ME	A(198, 18, 0, 1)
#define HOST	A(198, 18, 3, 2)
#define R(k)	A(198, 18, (k) - 1, 2)	/* the router at hop k */
#define GW	A(198, 18, 0, 2)
#define PORT	2121
#define SPORT	40000
#define ECHO	0x4242
#define MS	1000000LL

/* A capture being built: frames numbered in order. */
struct cap {
	struct corr	*c;
	uint32_t	 frame;
	int64_t		 ts;
	uint16_t	 seq;
};

static void
cap_init(struct cap *k)
{
	k->c = corr_new(NULL, 30000 * MS);
	k->frame = 0;
	k->ts = 1000 * MS;
	k->seq = 1;
}

static void
put(struct cap *k, const uint8_t *b, size_t n, int64_t after_ms)
{
	k->ts += after_ms * MS;
	pb_feed(k->c, ++k->frame, k->ts, b, n);
}

/* Hops 1..last answer time-exceeded to TTL-limited SYNs and echoes; the
 * host (at hop host_ttl, 0 for none) answers echoes.  syn_stop: last hop
 * whose SYN gets an answer (0: all). */
static void
path(struct cap *k, int maxttl, int host_ttl, int syn_stop, int icmp_stop)
{
	uint8_t p[64], r[128];
	size_t n;
	int t;

	for (t = 1; t <= maxttl; t++) {
		n = pb_tcp(p, ME, HOST, (uint8_t)t, SPORT, PORT, 5000u + (uint32_t)t, 0, TCP_SYN);
		put(k, p, n, 0);
		if (t != host_ttl && (syn_stop == 0 || t <= syn_stop) && (host_ttl == 0 || t < host_ttl))
			put(k, r, pb_icmp_err(r, 11, 0, R(t), (uint8_t)(65 - t), p, 28, 1), 1);
		n = pb_echo(p, 8, ME, HOST, (uint8_t)t, ECHO, k->seq++);
		put(k, p, n, 0);
		if (t == host_ttl)
			put(k, r, pb_echo(r, 0, HOST, ME, (uint8_t)(65 - t), ECHO, (uint16_t)(k->seq - 1)), 1);
		else if ((icmp_stop == 0 || t <= icmp_stop) && (host_ttl == 0 || t < host_ttl))
			put(k, r, pb_icmp_err(r, 11, 0, R(t), (uint8_t)(65 - t), p, 28, 1), 1);
	}
}

/* A full-TTL ping answered by the host (reply TTL 61: 4 hops). */
static void
ping(struct cap *k, bool answered)
{
	uint8_t p[64], r[64];

	put(k, p, pb_echo(p, 8, ME, HOST, 64, ECHO, k->seq++), 0);
	if (answered)
		put(k, r, pb_echo(r, 0, HOST, ME, 61, ECHO, (uint16_t)(k->seq - 1)), 1);
}

/* A SYN to the port; returns its bytes for an answer to quote. */
static size_t
syn(struct cap *k, uint8_t *p, uint32_t seq)
{
	size_t n = pb_tcp(p, ME, HOST, 64, SPORT, PORT, seq, 0, TCP_SYN);

	put(k, p, n, 0);
	return n;
}

static void
run(struct cap *k, const struct syn_local *l, struct syn_result *r)
{
	struct syn_plan plan;
	struct syn_local none;
	char err[64];

	corr_finish(k->c);
	memset(&plan, 0, sizeof(plan));
	fl_addr_v4(&plan.src, ME);
	fl_addr_v4(&plan.dst, HOST);
	plan.port = PORT;
	plan.full_ttl = 32;
	memset(&none, 0, sizeof(none));
	assert_int_equal(infer_syn(k->c, &plan, l ? l : &none, r, err, sizeof(err)), 0);
}

static void
expect(const struct syn_result *r, enum fault f, const char *kind, int hop, uint32_t addr)
{
	char a[FL_ADDRSTRLEN];

	if (r->v.fault != f || strcmp(r->v.kind, kind) != 0 || r->v.hop != hop)
		fail_msg("got %s/%s at hop %d (%s), expected %s/%s at hop %d", fault_name(r->v.fault),
		    r->v.kind, r->v.hop, r->v.summary, fault_name(f), kind, hop);
	if (addr == 0)
		assert_false(fl_addr_is_set(&r->v.addr));
	else
		assert_int_equal(fl_addr_v4_host(&r->v.addr), addr);
	assert_true(r->v.summary[0] != '\0');
	assert_true(r->v.confidence_reason[0] != '\0');
	(void)a;
}

static void
done(struct cap *k, struct syn_result *r)
{
	syn_result_free(r);
	corr_free(k->c);
}

static void
test_open(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[64];

	(void)st;
	cap_init(&k);
	path(&k, 5, 4, 0, 0);
	syn(&k, p, 100);
	put(&k, a, pb_tcp(a, HOST, ME, 61, PORT, SPORT, 7, 101, TCP_SYN | TCP_ACK), 1);
	run(&k, NULL, &r);
	expect(&r, FAULT_NONE, "open", 4, HOST);
	assert_int_equal(r.v.confidence, CONF_CERTAIN);
	assert_true(r.ev.n >= 2);
	done(&k, &r);
}

static void
test_refused(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[64];

	(void)st;
	cap_init(&k);
	path(&k, 5, 4, 0, 0);
	ping(&k, true);
	syn(&k, p, 100);
	put(&k, a, pb_tcp(a, HOST, ME, 61, PORT, SPORT, 0, 101, TCP_RST | TCP_ACK), 1);
	run(&k, NULL, &r);
	expect(&r, FAULT_SERVER, "refused", 4, HOST);
	assert_int_equal(r.v.confidence, CONF_CERTAIN);
	done(&k, &r);
}

/* The box at hop 2 resets in the host's name: the SYN with ttl 3 draws it. */
static void
test_reset_on_path_by_ttl_limited_syn(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[128];
	int t;

	(void)st;
	cap_init(&k);
	for (t = 1; t <= 5; t++) {
		size_t n = pb_tcp(p, ME, HOST, (uint8_t)t, SPORT, PORT, 5000u + (uint32_t)t, 0, TCP_SYN);

		put(&k, p, n, 0);
		if (t <= 2)
			put(&k, a, pb_icmp_err(a, 11, 0, R(t), (uint8_t)(65 - t), p, 28, 1), 1);
		else
			put(&k, a, pb_tcp(a, HOST, ME, 63, PORT, SPORT, 0, 5001u + (uint32_t)t,
			    TCP_RST | TCP_ACK), 1);
		n = pb_echo(p, 8, ME, HOST, (uint8_t)t, ECHO, k.seq++);
		put(&k, p, n, 0);
		if (t < 4)
			put(&k, a, pb_icmp_err(a, 11, 0, R(t), (uint8_t)(65 - t), p, 28, 1), 1);
		else if (t == 4)
			put(&k, a, pb_echo(a, 0, HOST, ME, 61, ECHO, (uint16_t)(k.seq - 1)), 1);
	}
	syn(&k, p, 100);
	put(&k, a, pb_tcp(a, HOST, ME, 63, PORT, SPORT, 0, 101, TCP_RST | TCP_ACK), 1);
	run(&k, NULL, &r);
	expect(&r, FAULT_PATH, "reset-on-path", 2, R(2));
	assert_true(r.v.has_link);
	assert_int_equal(r.v.from.ttl, 2);
	assert_int_equal(r.v.to.ttl, 3);
	assert_int_equal(r.v.confidence, CONF_CERTAIN);
	done(&k, &r);
}

/* Only full-TTL probes: the reset travelled fewer hops than the pings. */
static void
test_reset_on_path_by_reply_ttl(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[64];

	(void)st;
	cap_init(&k);
	ping(&k, true);				/* ttl 61 */
	syn(&k, p, 100);
	put(&k, a, pb_tcp(a, HOST, ME, 63, PORT, SPORT, 0, 101, TCP_RST | TCP_ACK), 1);
	run(&k, NULL, &r);
	assert_int_equal(r.v.fault, FAULT_PATH);
	assert_string_equal(r.v.kind, "reset-on-path");
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	assert_non_null(strstr(r.v.confidence_reason, "2 hops fewer"));
	done(&k, &r);
}

static void
test_prohibited_by_host(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[128];
	size_t n;

	(void)st;
	cap_init(&k);
	path(&k, 5, 4, 0, 0);
	n = syn(&k, p, 100);
	put(&k, a, pb_icmp_err(a, 3, 13, HOST, 61, p, n > 28 ? 28 : n, 64), 1);
	run(&k, NULL, &r);
	expect(&r, FAULT_SERVER, "prohibited-by-host", 4, HOST);
	done(&k, &r);
}

static void
test_prohibited_on_path(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[128];

	(void)st;
	cap_init(&k);
	path(&k, 5, 4, 2, 0);
	syn(&k, p, 100);
	put(&k, a, pb_icmp_err(a, 3, 13, R(2), 63, p, 28, 63), 1);
	run(&k, NULL, &r);
	expect(&r, FAULT_PATH, "prohibited-on-path", 2, R(2));
	done(&k, &r);
}

static void
test_unreachable_on_path(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[128];

	(void)st;
	cap_init(&k);
	path(&k, 5, 0, 2, 2);
	syn(&k, p, 100);
	put(&k, a, pb_icmp_err(a, 3, 0, R(2), 63, p, 28, 63), 1);
	run(&k, NULL, &r);
	expect(&r, FAULT_PATH, "unreachable-on-path", 2, R(2));
	done(&k, &r);
}

/* Host unreachable from the last router, after its ARP gave up (3 s). */
static void
test_host_down(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[128];

	(void)st;
	cap_init(&k);
	path(&k, 5, 0, 3, 3);
	syn(&k, p, 100);
	put(&k, a, pb_icmp_err(a, 3, 1, R(3), 62, p, 28, 62), 3000);
	run(&k, NULL, &r);
	expect(&r, FAULT_SERVER, "host-down", 4, HOST);
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	assert_int_equal(r.v.from.ttl, 3);
	done(&k, &r);
}

static void
test_loop(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[128];

	(void)st;
	cap_init(&k);
	path(&k, 3, 0, 0, 0);
	syn(&k, p, 100);
	put(&k, a, pb_icmp_err(a, 11, 0, R(3), 62, p, 28, 1), 5);
	run(&k, NULL, &r);
	expect(&r, FAULT_PATH, "loop", 3, R(3));
	done(&k, &r);
}

static void
test_filtered_near_host(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64];

	(void)st;
	cap_init(&k);
	path(&k, 5, 4, 0, 0);
	ping(&k, true);
	syn(&k, p, 100);
	syn(&k, p, 101);
	run(&k, NULL, &r);
	expect(&r, FAULT_SERVER, "filtered-near-host", 4, HOST);
	assert_int_equal(r.v.confidence, CONF_AMBIGUOUS);
	assert_true(r.v.has_link);
	assert_int_equal(r.v.from.ttl, 3);
	assert_int_equal(fl_addr_v4_host(&r.v.from.addr), R(3));
	assert_int_equal(r.v.to.ttl, 4);
	done(&k, &r);
}

static void
test_filtered_on_path(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64];

	(void)st;
	cap_init(&k);
	path(&k, 5, 4, 2, 0);			/* SYNs get no answer past hop 2 */
	ping(&k, true);
	syn(&k, p, 100);
	run(&k, NULL, &r);
	expect(&r, FAULT_PATH, "filtered-on-path", 2, R(2));
	assert_int_equal(r.v.from.ttl, 2);
	assert_int_equal(r.v.to.ttl, 3);
	assert_int_equal(fl_addr_v4_host(&r.v.to.addr), R(3));
	done(&k, &r);
}

static void
test_no_response(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64];

	(void)st;
	cap_init(&k);
	path(&k, 5, 0, 2, 2);			/* everything stops after hop 2 */
	ping(&k, false);
	syn(&k, p, 100);
	run(&k, NULL, &r);
	expect(&r, FAULT_UNKNOWN, "no-response", 2, R(2));
	assert_int_equal(r.v.confidence, CONF_AMBIGUOUS);
	done(&k, &r);
}

/* The book's client capture alone: only SYNs; say what cannot be told. */
static void
test_book_client_capture_alone(void **st)
{
	char err[128];
	struct syn_plan plan;
	struct syn_local none;
	struct syn_result r;
	struct corr *c = load_capture(SHARED_CAPTURES "/ftpclientdenied.pcap", NULL,
	    30000 * MS, NULL, err, sizeof(err));

	(void)st;
	assert_non_null(c);
	memset(&plan, 0, sizeof(plan));
	memset(&none, 0, sizeof(none));
	plan.full_ttl = 32;
	assert_true(syn_guess_target(c, NULL, &plan));
	assert_int_equal(plan.port, 21);
	assert_int_equal(fl_addr_v4_host(&plan.dst), A(192, 168, 0, 182));
	assert_int_equal(infer_syn(c, &plan, &none, &r, err, sizeof(err)), 0);
	assert_int_equal(r.v.fault, FAULT_UNKNOWN);
	assert_string_equal(r.v.kind, "unanswered");
	assert_int_equal(r.natt, 3);
	assert_non_null(strstr(r.v.summary, "9.0 s"));
	syn_result_free(&r);
	corr_free(c);
}

/* The book's two captures: server, SYNs arrive and are never answered. */
static void
test_book_two_sided(void **st)
{
	char err[128];
	struct syn_plan plan;
	struct syn_result r;
	struct corr *c = load_capture(SHARED_CAPTURES "/ftpclientdenied.pcap", NULL,
	    30000 * MS, NULL, err, sizeof(err));
	struct corr *s = load_capture(SHARED_CAPTURES "/ftpserverdenied.pcap", NULL,
	    30000 * MS, NULL, err, sizeof(err));

	(void)st;
	assert_non_null(c);
	assert_non_null(s);
	memset(&plan, 0, sizeof(plan));
	plan.full_ttl = 32;
	assert_true(syn_guess_target(c, NULL, &plan));
	assert_int_equal(infer_syn_two_sided(c, s, &plan, &r, err, sizeof(err)), 0);
	assert_int_equal(r.v.fault, FAULT_SERVER);
	assert_string_equal(r.v.kind, "filtered-by-host");
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	assert_non_null(strstr(r.v.summary, "SYNs arrive at the server"));
	assert_non_null(strstr(r.v.summary, "never answered"));
	assert_int_equal(r.server_syns, 3);
	assert_int_equal(r.server_replies, 0);
	/* Not the same attempt, and it says so: other port, 14.6 minutes apart. */
	assert_non_null(strstr(r.caveat, "not the same attempt"));
	assert_non_null(strstr(r.caveat, "1596"));
	assert_non_null(strstr(r.caveat, "1637"));
	assert_non_null(strstr(r.caveat, "14.6 minutes"));
	syn_result_free(&r);
	corr_free(c);
	corr_free(s);
}

/* The same attempt seen on both sides, answered by the server: replies lost. */
static void
test_two_sided_replies_lost(void **st)
{
	struct cap cl, sv;
	struct syn_plan plan;
	struct syn_result r;
	uint8_t p[64], a[64];
	char err[64];

	(void)st;
	cap_init(&cl);
	cap_init(&sv);
	syn(&cl, p, 100);
	syn(&sv, p, 100);
	put(&sv, a, pb_tcp(a, HOST, ME, 64, PORT, SPORT, 7, 101, TCP_SYN | TCP_ACK), 1);
	corr_finish(cl.c);
	corr_finish(sv.c);
	memset(&plan, 0, sizeof(plan));
	fl_addr_v4(&plan.src, ME);
	fl_addr_v4(&plan.dst, HOST);
	plan.port = PORT;
	plan.full_ttl = 32;
	assert_int_equal(infer_syn_two_sided(cl.c, sv.c, &plan, &r, err, sizeof(err)), 0);
	assert_int_equal(r.v.fault, FAULT_PATH);
	assert_string_equal(r.v.kind, "replies-lost");
	assert_int_equal(r.v.confidence, CONF_CERTAIN);
	assert_string_equal(r.caveat, "");
	syn_result_free(&r);
	corr_free(cl.c);
	corr_free(sv.c);
}

/* What the live run saw outside the capture. */
static struct syn_local
live(void)
{
	struct syn_local l;

	memset(&l, 0, sizeof(l));
	l.live = true;
	l.sent = 10;
	l.conn_tried = true;
	snprintf(l.conn_result, sizeof(l.conn_result), "refused");
	return l;
}

static void
test_client_name_not_resolved(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_local l = live();

	(void)st;
	cap_init(&k);
	l.sent = 0;
	l.dns_looked_up = l.dns_failed = true;
	snprintf(l.dns_status, sizeof(l.dns_status), "nxdomain");
	snprintf(l.dns_resolver, sizeof(l.dns_resolver), "198.18.0.53");
	l.dns_ms = 12;
	run(&k, &l, &r);
	expect(&r, FAULT_CLIENT, "name-not-resolved", 0, 0);
	assert_non_null(strstr(r.v.summary, "NXDOMAIN"));
	assert_non_null(strstr(r.v.summary, "198.18.0.53"));
	assert_non_null(strstr(r.v.summary, "12 ms"));
	done(&k, &r);
}

static void
test_client_no_route(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_local l = live();

	(void)st;
	cap_init(&k);
	l.no_route = true;
	run(&k, &l, &r);
	expect(&r, FAULT_CLIENT, "no-local-route", 0, ME);
	done(&k, &r);
}

static void
test_client_blocked_outbound(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_local l = live();

	(void)st;
	cap_init(&k);
	l.send_errno = EPERM;
	run(&k, &l, &r);
	expect(&r, FAULT_CLIENT, "blocked-locally", 0, ME);
	assert_int_equal(r.v.confidence, CONF_CERTAIN);
	assert_non_null(strstr(r.v.summary, "Operation not permitted"));
	done(&k, &r);
}

static void
test_client_probes_never_on_wire(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_local l = live();

	(void)st;
	cap_init(&k);
	run(&k, &l, &r);
	expect(&r, FAULT_CLIENT, "blocked-locally", 0, ME);
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	done(&k, &r);
}

static void
test_client_gateway_unreachable(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_local l = live();

	(void)st;
	cap_init(&k);
	fl_addr_v4(&l.gateway, GW);
	l.arp_for = l.gateway;
	l.arp_requests = 3;
	l.arp_frame = 1;
	snprintf(l.gw_state, sizeof(l.gw_state), "failed");
	run(&k, &l, &r);
	expect(&r, FAULT_CLIENT, "gateway-unreachable", 1, GW);
	assert_int_equal(r.ev.n, 1);
	assert_int_equal(r.ev.v[0].frame, 1);
	done(&k, &r);
}

/* A SYN-ACK on the wire, and the kernel's connect() times out. */
static void
test_client_blocked_inbound(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_local l = live();
	uint8_t p[64], a[64];

	(void)st;
	cap_init(&k);
	syn(&k, p, 100);
	put(&k, a, pb_tcp(a, HOST, ME, 61, PORT, SPORT, 7, 101, TCP_SYN | TCP_ACK), 1);
	snprintf(l.conn_result, sizeof(l.conn_result), "timeout");
	run(&k, &l, &r);
	expect(&r, FAULT_CLIENT, "blocked-locally", 0, ME);
	assert_non_null(strstr(r.v.summary, "inbound"));
	done(&k, &r);
}

static void
test_service_silent_and_login(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_local l = live();
	uint8_t p[64], a[64];

	(void)st;
	cap_init(&k);
	syn(&k, p, 100);
	put(&k, a, pb_tcp(a, HOST, ME, 61, PORT, SPORT, 7, 101, TCP_SYN | TCP_ACK), 1);
	snprintf(l.conn_result, sizeof(l.conn_result), "connected");
	l.banner_expected = true;
	l.banner_ms = 3000;
	run(&k, &l, &r);
	expect(&r, FAULT_SERVER, "service-silent", 0, HOST);
	syn_result_free(&r);

	l.banner_received = true;
	snprintf(l.banner, sizeof(l.banner), "220 (vsFTPd 3.0.3)");
	l.login_tried = true;
	l.login_code = 530;
	snprintf(l.login_line, sizeof(l.login_line), "530 Login incorrect.");
	run(&k, &l, &r);
	expect(&r, FAULT_SERVER, "login-refused", 0, HOST);
	syn_result_free(&r);

	l.login_code = 230;
	run(&k, &l, &r);
	expect(&r, FAULT_NONE, "open", 0, HOST);
	assert_non_null(strstr(r.v.summary, "220 (vsFTPd 3.0.3)"));
	done(&k, &r);
}

/*
 * A saved capture: ARP for the target itself, never answered, and no
 * SYN on the wire.  The target is on the client's own network and down.
 */
static void
test_saved_host_down_by_arp(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_local l;

	(void)st;
	cap_init(&k);
	memset(&l, 0, sizeof(l));
	l.narp = 1;
	fl_addr_v4(&l.arp[0].who, HOST);
	l.arp[0].requests = 3;
	l.arp[0].frame = 2;
	run(&k, &l, &r);
	expect(&r, FAULT_SERVER, "host-down", 1, HOST);
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	assert_non_null(strstr(r.v.summary, "never answers ARP (3 requests)"));
	assert_int_equal(r.ev.n, 1);
	assert_int_equal(r.ev.v[0].frame, 2);
	done(&k, &r);
}

/* A saved capture that holds no SYN to the port at all. */
static void
test_no_probe(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_plan plan;
	struct syn_local none;
	char err[64];

	(void)st;
	cap_init(&k);
	corr_finish(k.c);
	memset(&plan, 0, sizeof(plan));
	fl_addr_v4(&plan.src, ME);
	fl_addr_v4(&plan.dst, HOST);
	plan.port = PORT;
	/* full_ttl 0: the rules take 32. */
	memset(&none, 0, sizeof(none));
	assert_int_equal(infer_syn(k.c, &plan, &none, &r, err, sizeof(err)), 0);
	assert_int_equal(r.plan.full_ttl, 32);
	expect(&r, FAULT_UNKNOWN, "no-probe", 0, 0);
	assert_int_equal(r.v.confidence, CONF_AMBIGUOUS);
	done(&k, &r);
}

/* The resolver failed other than with NXDOMAIN: its status and detail are said. */
static void
test_client_name_servfail(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_local l = live();

	(void)st;
	cap_init(&k);
	l.sent = 0;
	l.dns_looked_up = l.dns_failed = true;
	snprintf(l.dns_status, sizeof(l.dns_status), "servfail");
	snprintf(l.dns_detail, sizeof(l.dns_detail), "Server failure");
	l.dns_ms = 40;
	run(&k, &l, &r);
	expect(&r, FAULT_CLIENT, "name-not-resolved", 0, 0);
	assert_non_null(strstr(r.v.summary, "(none configured) gave servfail (Server failure)"));
	done(&k, &r);
}

/* On-link target, its neighbour entry incomplete, no ARP reply: the host is down. */
static void
test_client_onlink_host_down(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_local l = live();

	(void)st;
	cap_init(&k);
	fl_addr_v4(&l.arp_for, HOST);
	snprintf(l.gw_state, sizeof(l.gw_state), "incomplete");
	l.arp_frame = 4;
	run(&k, &l, &r);
	expect(&r, FAULT_SERVER, "host-down", 1, HOST);
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	assert_non_null(strstr(r.v.summary, "on this machine's own network"));
	assert_int_equal(r.ev.n, 1);
	assert_int_equal(r.ev.v[0].frame, 4);
	done(&k, &r);
}

/*
 * The host's distance is known (its echo reply at ttl 4) and the
 * reset comes two hops nearer than its own replies: placed at hop 2,
 * on the link to hop 3.
 */
static void
test_reset_on_path_by_reply_ttl_placed(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[64];

	(void)st;
	cap_init(&k);
	path(&k, 5, 4, 0, 0);
	ping(&k, true);				/* ttl 61 */
	syn(&k, p, 100);
	put(&k, a, pb_tcp(a, HOST, ME, 63, PORT, SPORT, 0, 101, TCP_RST | TCP_ACK), 1);
	run(&k, NULL, &r);
	expect(&r, FAULT_PATH, "reset-on-path", 2, R(2));
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	assert_true(r.v.has_link);
	assert_int_equal(r.v.from.ttl, 2);
	assert_int_equal(r.v.to.ttl, 3);
	done(&k, &r);
}

/*
 * Host unreachable at once (no ARP wait) from the last router that
 * answers anything: placed by position alone, so ambiguous.
 */
static void
test_host_down_by_position(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[128];

	(void)st;
	cap_init(&k);
	path(&k, 5, 0, 3, 3);
	syn(&k, p, 100);
	put(&k, a, pb_icmp_err(a, 3, 1, R(3), 62, p, 28, 62), 2);
	run(&k, NULL, &r);
	expect(&r, FAULT_SERVER, "host-down", 4, HOST);
	assert_int_equal(r.v.confidence, CONF_AMBIGUOUS);
	assert_int_equal(r.v.from.ttl, 3);
	assert_null(strstr(r.v.confidence_reason, "failed ARP"));
	done(&k, &r);
}

/* The host answers pings, no TTL-limited probe was sent: the drop cannot be placed. */
static void
test_filtered_near_host_unplaced(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64];

	(void)st;
	cap_init(&k);
	ping(&k, true);
	syn(&k, p, 100);
	run(&k, NULL, &r);
	expect(&r, FAULT_SERVER, "filtered-near-host", 0, HOST);
	assert_int_equal(r.v.confidence, CONF_AMBIGUOUS);
	assert_false(r.v.has_link);
	assert_non_null(strstr(r.v.confidence_reason, "cannot be placed"));
	done(&k, &r);
}

/* Not even the first router answers. */
static void
test_no_response_at_all(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64];

	(void)st;
	cap_init(&k);
	path(&k, 3, 0, -1, -1);
	ping(&k, false);
	syn(&k, p, 100);
	run(&k, NULL, &r);
	expect(&r, FAULT_UNKNOWN, "no-response", 0, 0);
	assert_false(r.v.has_link);
	assert_non_null(strstr(r.v.summary, "not even the first router"));
	done(&k, &r);
}

/* A bare ACK for the SYN (a repeated SYN on a live connection): the port is open. */
static void
test_open_by_bare_ack(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64], a[64];

	(void)st;
	cap_init(&k);
	path(&k, 5, 4, 0, 0);
	syn(&k, p, 100);
	put(&k, a, pb_tcp(a, HOST, ME, 61, PORT, SPORT, 7, 101, TCP_ACK), 1);
	run(&k, NULL, &r);
	expect(&r, FAULT_NONE, "open", 4, HOST);
	done(&k, &r);
}

/* Decode a frame and give it to both readers, as synprobe -r does. */
static void
put_noted(struct cap *k, struct syn_local *l, const uint8_t *b, size_t n, int64_t after_ms)
{
	struct dec_pkt d;

	k->ts += after_ms * MS;
	(void)dec_packet(b, (uint32_t)n, (uint32_t)n, DLT_RAW, &d);
	syn_note_frame(l, ++k->frame, k->ts, &d);
	corr_feed(k->c, k->frame, k->ts, &d);
}

/*
 * A saved capture on a port where the server speaks first: the client
 * connects and closes 10 ms later, before any greeting could be due.
 * It was not waiting for one, so the silence is no fault.
 */
static void
test_saved_client_leaves_at_once(void **st)
{
	struct cap k;
	struct syn_result r;
	struct syn_plan plan;
	struct syn_local l;
	uint8_t p[64];
	char err[64];

	(void)st;
	cap_init(&k);
	memset(&l, 0, sizeof(l));
	put_noted(&k, &l, p, pb_tcp(p, ME, HOST, 64, SPORT, 21, 100, 0, TCP_SYN), 0);
	put_noted(&k, &l, p, pb_tcp(p, HOST, ME, 61, 21, SPORT, 7, 101, TCP_SYN | TCP_ACK), 1);
	put_noted(&k, &l, p, pb_tcp(p, ME, HOST, 64, SPORT, 21, 101, 8, TCP_ACK), 0);
	put_noted(&k, &l, p, pb_tcp(p, ME, HOST, 64, SPORT, 21, 101, 8, TCP_FIN | TCP_ACK), 10);
	corr_finish(k.c);
	memset(&plan, 0, sizeof(plan));
	fl_addr_v4(&plan.src, ME);
	fl_addr_v4(&plan.dst, HOST);
	plan.port = 21;
	plan.full_ttl = 32;
	assert_int_equal(infer_syn(k.c, &plan, &l, &r, err, sizeof(err)), 0);
	expect(&r, FAULT_NONE, "open", 0, HOST);
	done(&k, &r);
}

/* Both sides captured: the SYNs leave the client and never reach the server. */
static void
test_two_sided_syns_lost(void **st)
{
	struct cap cl, sv;
	struct syn_plan plan;
	struct syn_result r;
	uint8_t p[64];
	char err[64];

	(void)st;
	cap_init(&cl);
	cap_init(&sv);
	syn(&cl, p, 100);
	syn(&cl, p, 100);
	corr_finish(cl.c);
	corr_finish(sv.c);
	memset(&plan, 0, sizeof(plan));
	fl_addr_v4(&plan.src, ME);
	fl_addr_v4(&plan.dst, HOST);
	plan.port = PORT;
	plan.full_ttl = 32;
	assert_int_equal(infer_syn_two_sided(cl.c, sv.c, &plan, &r, err, sizeof(err)), 0);
	assert_int_equal(r.v.fault, FAULT_PATH);
	assert_string_equal(r.v.kind, "syns-lost");
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	assert_int_equal(r.server_syns, 0);
	syn_result_free(&r);
	corr_free(cl.c);
	corr_free(sv.c);
}

/* Not even the first router answers the SYNs, while echoes reach the host. */
static void
test_filtered_right_after_this_host(void **st)
{
	struct cap k;
	struct syn_result r;
	uint8_t p[64];

	(void)st;
	cap_init(&k);
	path(&k, 5, 4, -1, 0);
	ping(&k, true);
	syn(&k, p, 100);
	run(&k, NULL, &r);
	expect(&r, FAULT_PATH, "filtered-on-path", 0, ME);
	assert_true(r.v.has_link);
	assert_int_equal(r.v.from.ttl, 0);
	assert_int_equal(fl_addr_v4_host(&r.v.from.addr), ME);
	assert_int_equal(r.v.to.ttl, 1);
	assert_non_null(strstr(r.v.summary, "stop after hop 0 (this host)"));
	done(&k, &r);
}

/*
 * A greeting is shown as text only when it is text: a TLS record or any
 * binary answer on the port is said to be binary, with its first bytes,
 * never a row of question marks standing for a service's greeting.
 */
static void
test_greeting_binary(void **st)
{
	static const uint8_t tls[] = { 0x16, 0x03, 0x03, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26, 0x03 };
	static const uint8_t nul[] = { 'S', 'S', 'H', 0x00, '2' };
	static const uint8_t ftp[] = "220 (vsFTPd 3.0.3)\r\n230 more";
	static const uint8_t latin[] = "220 caf\xe9 ready\r\n";
	char out[128];

	(void)st;
	syn_greeting(out, sizeof(out), ftp, sizeof(ftp) - 1);
	assert_string_equal(out, "220 (vsFTPd 3.0.3)");
	syn_greeting(out, sizeof(out), latin, sizeof(latin) - 1);
	assert_string_equal(out, "220 caf? ready");
	syn_greeting(out, sizeof(out), tls, sizeof(tls));
	assert_string_equal(out, "binary data, 10 bytes received: 16 03 03 00 2a 02 00 00 ...");
	syn_greeting(out, sizeof(out), nul, sizeof(nul));
	assert_string_equal(out, "binary data, 5 bytes received: 53 53 48 00 32");
	syn_greeting(out, 12, tls, sizeof(tls));	/* cut to fit, still a string */
	assert_int_equal(strlen(out), 11);
	syn_greeting(out, sizeof(out), ftp, 0);
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_greeting_binary),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_reset_on_path_by_ttl_limited_syn),
		cmocka_unit_test(test_reset_on_path_by_reply_ttl),
		cmocka_unit_test(test_prohibited_by_host),
		cmocka_unit_test(test_prohibited_on_path),
		cmocka_unit_test(test_unreachable_on_path),
		cmocka_unit_test(test_host_down),
		cmocka_unit_test(test_loop),
		cmocka_unit_test(test_filtered_near_host),
		cmocka_unit_test(test_filtered_on_path),
		cmocka_unit_test(test_no_response),
		cmocka_unit_test(test_book_client_capture_alone),
		cmocka_unit_test(test_book_two_sided),
		cmocka_unit_test(test_two_sided_replies_lost),
		cmocka_unit_test(test_client_name_not_resolved),
		cmocka_unit_test(test_client_no_route),
		cmocka_unit_test(test_client_blocked_outbound),
		cmocka_unit_test(test_client_probes_never_on_wire),
		cmocka_unit_test(test_client_gateway_unreachable),
		cmocka_unit_test(test_client_blocked_inbound),
		cmocka_unit_test(test_service_silent_and_login),
		cmocka_unit_test(test_saved_host_down_by_arp),
		cmocka_unit_test(test_no_probe),
		cmocka_unit_test(test_client_name_servfail),
		cmocka_unit_test(test_client_onlink_host_down),
		cmocka_unit_test(test_reset_on_path_by_reply_ttl_placed),
		cmocka_unit_test(test_host_down_by_position),
		cmocka_unit_test(test_filtered_near_host_unplaced),
		cmocka_unit_test(test_no_response_at_all),
		cmocka_unit_test(test_open_by_bare_ack),
		cmocka_unit_test(test_saved_client_leaves_at_once),
		cmocka_unit_test(test_two_sided_syns_lost),
		cmocka_unit_test(test_filtered_right_after_this_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
