/*
 * pcap-triage's TCP reader (tcp.c, tcp_judge.c, trat.c): zero windows,
 * retransmissions without an ACK, loss, resets, keep-alives, an MTU
 * black hole, SYNs retransmitted, delayed ACKs (normal), the capture
 * point, and the receiver-window rate class.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_triage.h"

#define SYN	0x02
#define ACK	0x10
#define PSH	0x08
#define RST	0x04
#define FIN	0x01

static struct scene sc;
static struct node C, S;
static char blob[1500];

static void
setup(void)
{
	memset(&sc, 0, sizeof(sc));
	C = node(IP4(10, 9, 0, 2), 1);
	S = node(IP4(10, 9, 0, 80), 2);
	memset(blob, 'x', sizeof(blob));
}

/* Client to server and back, on ports 40000 and 80; the server's TTL one hop down. */
static void
c2s(int64_t ms, uint32_t seq, uint32_t ack, uint8_t fl, uint16_t win, size_t len)
{
	sc_tcp(&sc, ms * MS / 10, &C, NULL, 40000, &S, NULL, 80, seq, ack, fl, win, blob, len, 64);
}

static void
s2c(int64_t ms, uint32_t seq, uint32_t ack, uint8_t fl, uint16_t win, size_t len, uint8_t ttl)
{
	sc_tcp(&sc, ms * MS / 10, &S, NULL, 80, &C, NULL, 40000, seq, ack, fl, win, blob, len, ttl);
}

/* The handshake at t (tenths of ms), round trip rtt; ISNs 1000 and 5000. */
static void
handshake(int64_t t, int64_t rtt)
{
	c2s(t, 1000, 0, SYN, 64000, 0);
	s2c(t + rtt, 5000, 1001, SYN | ACK, 64000, 0, 63);
	c2s(t + rtt + 1, 1001, 5001, ACK, 500, 0);
}

static struct triage *
run(void)
{
	struct triage *t = sc_run(&sc, NULL);

	assert_non_null(t);
	return t;
}

static void
test_zero_window(void **st)
{
	struct triage *t;
	const struct tri_finding *f;

	(void)st;
	setup();
	handshake(0, 200);
	c2s(300, 1001, 5001, PSH | ACK, 500, 100);
	s2c(500, 5001, 1101, ACK, 500, 1400, 63);
	c2s(510, 1101, 6401, ACK, 0, 0);			/* window 0 */
	s2c(10510, 6400, 1101, ACK, 500, 0, 63);		/* probes */
	c2s(10511, 1101, 6401, ACK, 0, 0);
	s2c(30510, 6400, 1101, ACK, 500, 0, 63);
	c2s(30511, 1101, 6401, ACK, 0, 0);
	s2c(40510, 6400, 1101, ACK, 500, 0, 63);
	c2s(40511, 1101, 6401, ACK, 40, 0);			/* opens after 4 s */
	t = run();
	f = t->top;
	assert_non_null(f);
	assert_string_equal(f->kind, "zero-window");
	assert_int_equal(f->side, FAULT_CLIENT);
	assert_true(fabs(tri_finding_get(f, "zero_window_s") - 4.0) < 0.01);
	assert_int_equal((int)tri_finding_get(f, "probes"), 3);
	assert_null(tri_find(t, "retransmitted-unacked"));
	triage_free(t);
}

static void
test_unacked(void **st)
{
	static const int64_t at[] = { 0, 2000, 6000, 14000, 30000, 62000 };
	struct triage *t;
	const struct tri_finding *f;
	size_t i;

	(void)st;
	setup();
	handshake(0, 100);
	for (i = 0; i < 6; i++)
		c2s(200 + at[i], 1001, 5001, PSH | ACK, 500, 300);
	t = run();
	f = t->top;
	assert_non_null(f);
	assert_string_equal(f->kind, "retransmitted-unacked");
	assert_int_equal((int)tri_finding_get(f, "retransmissions"), 5);
	assert_non_null(strstr(f->summary, "doubling back-off"));
	for (i = 4; i <= 9; i++)
		assert_true(tri_cites(f, (uint32_t)i));
	triage_free(t);
}

/* Keep-alives on an idle connection are neither retransmissions nor faults. */
static void
test_keepalive(void **st)
{
	struct triage *t;
	int i;

	(void)st;
	setup();
	handshake(0, 100);
	c2s(200, 1001, 5001, PSH | ACK, 500, 50);
	s2c(300, 5001, 1051, PSH | ACK, 500, 50, 63);
	c2s(310, 1051, 5051, ACK, 500, 0);
	for (i = 1; i <= 3; i++) {
		c2s(310 + i * 100000, 1050, 5051, ACK, 500, 0);
		s2c(310 + i * 100000 + 100, 5051, 1051, ACK, 500, 0, 63);
	}
	t = run();
	if (t->top != NULL)
		fail_msg("a fault: %s: %s", t->top->kind, t->top->summary);
	assert_null(tri_find(t, "packet-loss"));
	triage_free(t);
}

/* Ten of a hundred segments sent twice, the receiver acknowledging: a lossy path. */
static void
test_loss(void **st)
{
	struct triage *t;
	const struct tri_finding *f;
	uint32_t seq = 5001;
	int i, k = 400;

	(void)st;
	setup();
	handshake(0, 100);
	c2s(200, 1001, 5001, PSH | ACK, 500, 100);
	for (i = 0; i < 100; i++, k += 10) {
		s2c(k, seq, 1101, ACK, 500, 1000, 63);
		if (i % 10 == 5) {
			c2s(k + 1, 1101, seq, ACK, 500, 0);	/* the segment lost after the capture */
			c2s(k + 2, 1101, seq, ACK, 500, 0);
			c2s(k + 3, 1101, seq, ACK, 500, 0);
			c2s(k + 3, 1101, seq, ACK, 500, 0);
			s2c(k + 4, seq, 1101, ACK, 500, 1000, 63);
		}
		seq += 1000;
		c2s(k + 5, 1101, seq, ACK, 500, 0);
	}
	t = run();
	f = tri_find(t, "packet-loss");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_FAULT);
	assert_int_equal((int)tri_finding_get(f, "retransmitted"), 10);
	assert_non_null(strstr(f->summary, "fast retransmits"));
	triage_free(t);
}

/*
 * A download of 400 segments that loses 30 in a row before the capture
 * point (the client's) and resends them in one recovery: a queue overrun
 * at the top of the rate, a warning, not the path's fault.  The same
 * number lost one at a time through the transfer is the path's.
 */
static void
test_loss_burst(void **st)
{
	struct triage *t;
	const struct tri_finding *f;
	int i, k, spread, hole;

	(void)st;
	for (spread = 0; spread < 2; spread++) {
		const uint32_t seq = 5001;

		setup();
		handshake(0, 100);
		c2s(200, 1001, 5001, PSH | ACK, 500, 100);
		hole = -1;
		for (i = 0, k = 400; i < 400; i++, k += 2) {
			bool gone = spread ? i % 13 == 6 && i < 390 : i >= 200 && i < 230;

			if (gone && hole < 0)
				hole = i;
			if (!gone)
				s2c(k, seq + (uint32_t)i * 1000, 1101, ACK, 500, 1000, 63);
			/* resent once the duplicate ACKs are in: all thirty, or the one */
			if (hole >= 0 && i == (spread ? hole + 4 : 240)) {
				int j;

				for (j = hole; j < (spread ? hole + 1 : 230); j++)
					s2c(k + 1, seq + (uint32_t)j * 1000, 1101, ACK, 500, 1000, 63);
				hole = -1;
			}
			c2s(k + 1, 1101, seq + (uint32_t)(hole >= 0 ? hole : i + 1) * 1000, ACK, 500, 0);
		}
		t = run();
		f = tri_find(t, "packet-loss");
		assert_non_null(f);
		assert_int_equal((int)tri_finding_get(f, "retransmitted"), 30);
		{
			/* The download is whole: the resent segments fill the holes, and count. */
			const struct tri_conn_sum *c;
			size_t n;

			c = tri_tcp_conns(t->tcp, &n, NULL);
			assert_int_equal(n, 1);
			assert_int_equal(c[0].bytes_s2c, 400 * 1000);
			assert_int_equal(c[0].bytes_c2s, 100);
		}
		if (spread) {
			assert_int_equal(f->sev, TRI_FAULT);
			assert_int_equal((int)tri_finding_get(f, "loss_events"), 30);
		} else {
			assert_int_equal(f->sev, TRI_WARNING);
			assert_int_equal((int)tri_finding_get(f, "loss_events"), 1);
			assert_int_equal((int)tri_finding_get(f, "largest_event"), 30);
			assert_non_null(strstr(f->summary, "overran a queue"));
			assert_true(t->top == NULL || t->top->sev != TRI_FAULT);
		}
		triage_free(t);
	}
}

/*
 * Every tenth segment of 200 (after the first ten: the IDs are known to
 * count by then) reaches the client three segments late.  Its
 * IP ID is older than those of the segments that overtook it: reordered on
 * the way, not lost, no loss found.  The same frames with IDs in capture
 * order are resends: the path's loss.
 */
static void
test_reordered(void **st)
{
	struct triage *t;
	const struct tri_finding *f;
	int i, k, pass;

	(void)st;
	for (pass = 0; pass < 2; pass++) {
		const uint32_t seq = 5001;
		int held = -1, held_at = 0, frame_of[200];
		uint16_t id = 100, id_of[200];

		setup();
		handshake(0, 100);
		c2s(200, 1001, 5001, PSH | ACK, 500, 100);
		for (i = 0, k = 400; i < 200; i++, k += 2) {
			id_of[i] = id++;
			if (i % 10 == 4 && i >= 10) {
				held = i;
				held_at = i + 3;
			} else {
				frame_of[i] = sc.n;
				s2c(k, seq + (uint32_t)i * 1000, 1101, ACK, 500, 1000, 63);
			}
			if (held >= 0 && i == held_at) {
				frame_of[held] = sc.n;
				s2c(k + 1, seq + (uint32_t)held * 1000, 1101, ACK, 500, 1000, 63);
				held = -1;
			}
			c2s(k + 1, 1101, seq + (uint32_t)(held >= 0 ? held : i + 1) * 1000, ACK, 500, 0);
		}
		/* pass 0: the sender's IP IDs, in the order it sent them */
		for (i = 0; i < 200 && pass == 0; i++)
			sc_put16(sc.b[frame_of[i]] + 14 + 4, id_of[i]);
		t = run();
		f = tri_find(t, "packet-loss");
		if (pass == 0) {
			assert_null(f);
			/* Reordered, not lost: a note of its own, no fault. */
			f = tri_find(t, "reordering");
			assert_non_null(f);
			assert_int_equal(f->sev, TRI_NOTE);
			assert_int_equal((int)tri_finding_get(f, "reordered"), 19);
			assert_int_equal((int)tri_finding_get(f, "segments"), 200);
			assert_non_null(strstr(f->summary, "19 of 200 segments"));
			assert_non_null(strstr(f->summary, "arrived out of order"));
		} else {
			assert_null(tri_find(t, "reordering"));	/* said in the loss finding */
			assert_non_null(f);
			assert_int_equal(f->sev, TRI_FAULT);
			assert_int_equal((int)tri_finding_get(f, "retransmitted"), 19);
		}
		triage_free(t);
	}
}

/*
 * The request, not yet acknowledged, then copies of it with TTL 1 to 3
 * (the server is 3 hops away: TTL 61), then a reset in the server's name right after the TTL-3
 * copy.  When the copy's ACK field is a marker and the reset's sequence
 * number echoes it, a device on the path answered the copy: reset-on-path.
 * When the copy carries the real ACK number, the server's own reset cannot
 * be told from a device's: the server's reset, as without copies.  Either
 * way the copies are an in-flow traceroute, not retransmissions.
 */
static void
test_reset_after_copy(void **st)
{
	const struct tri_finding *f;
	struct triage *t;
	int marked, ttl;

	(void)st;
	for (marked = 0; marked < 2; marked++) {
		setup();
		c2s(0, 1000, 0, SYN, 64000, 0);
		s2c(100, 5000, 1001, SYN | ACK, 64000, 0, 61);
		c2s(101, 1001, 5001, ACK, 500, 0);
		sc_tcp(&sc, 200 * MS / 10, &C, NULL, 40000, &S, NULL, 80, 1001, 5001, PSH | ACK, 500,
		    blob, 100, 64);
		for (ttl = 1; ttl <= 3; ttl++)
			sc_tcp(&sc, (400 + ttl * 10) * MS / 10, &C, NULL, 40000, &S, NULL, 80, 1001,
			    marked ? 5001u + 16777216u + (uint32_t)ttl : 5001, PSH | ACK, 500, blob, 100,
			    (uint8_t)ttl);
		s2c(431, marked ? 5001u + 16777216u + 3 : 5001, 0, RST, 0, 0, 61);
		t = run();
		assert_null(tri_find(t, "retransmitted-unacked"));
		assert_null(tri_find(t, "capture-dropped"));
		f = tri_find(t, "in-flow-traceroute");
		assert_non_null(f);
		assert_int_equal((int)tri_finding_get(f, "copies"), 3);
		if (marked) {
			f = tri_find(t, "reset-on-path");
			assert_non_null(f);
			assert_true(tri_cites(f, (uint32_t)sc.n));
		} else {
			assert_null(tri_find(t, "reset-on-path"));
			assert_non_null(tri_find(t, "reset"));
		}
		triage_free(t);
	}
}

/* A reset from the server mid-answer; and one whose TTL is unlike the server's: on the path. */
static void
test_resets(void **st)
{
	struct triage *t;

	(void)st;
	setup();
	handshake(0, 100);
	c2s(200, 1001, 5001, PSH | ACK, 500, 100);
	s2c(300, 5001, 1101, ACK, 500, 1000, 63);
	s2c(301, 6001, 1101, ACK, 500, 1000, 63);
	s2c(302, 7001, 1101, RST, 0, 0, 63);
	t = run();
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "reset");
	assert_int_equal(t->top->side, FAULT_SERVER);
	triage_free(t);

	setup();
	handshake(0, 100);
	c2s(200, 1001, 5001, PSH | ACK, 500, 100);
	s2c(300, 5001, 1101, ACK, 500, 1000, 50);
	s2c(301, 6001, 1101, RST | ACK, 0, 0, 61);
	t = run();
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "reset-on-path");
	assert_int_equal(t->top->side, FAULT_PATH);
	triage_free(t);
}

/* Small segments acknowledged, a full-size one sent again and again: an MTU black hole. */
static void
test_pmtu(void **st)
{
	struct triage *t;
	int i;

	(void)st;
	setup();
	handshake(0, 100);
	c2s(200, 1001, 5001, PSH | ACK, 500, 100);
	s2c(300, 5001, 1101, PSH | ACK, 500, 200, 63);
	c2s(310, 1101, 5201, PSH | ACK, 500, 200);
	s2c(400, 5201, 1301, ACK, 500, 0, 63);
	for (i = 0; i < 5; i++) {
		c2s(500 + i * 3000, 1301, 5201, PSH | ACK, 500, 1460);
		s2c(501 + i * 3000, 5201, 1301, ACK, 500, 0, 63);	/* the peer is alive */
	}
	t = run();
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "pmtu-blackhole");
	assert_int_equal(t->top->side, FAULT_PATH);
	triage_free(t);
}

/* A server that answers in 30 ms behind a 200 ms delayed ACK is not slow; the capture is at the client. */
static void
test_delayed_ack(void **st)
{
	struct triage *t;
	const struct tri_conn_sum *c;
	size_t n;

	(void)st;
	setup();
	handshake(0, 200);
	c2s(300, 1001, 5001, PSH | ACK, 500, 100);
	s2c(800, 5001, 1101, PSH | ACK, 500, 500, 63);
	c2s(2800, 1101, 5501, ACK, 500, 0);
	t = run();
	assert_null(t->top);
	c = tri_tcp_conns(t->tcp, &n, NULL);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].point, "client");
	assert_true(fabs(c[0].server_ms - 30.0) < 0.5);
	triage_free(t);
}

static void
test_syn_retry(void **st)
{
	struct triage *t;
	const struct tri_finding *f;

	(void)st;
	setup();
	c2s(0, 1000, 0, SYN, 64000, 0);
	c2s(10000, 1000, 0, SYN, 64000, 0);
	s2c(10100, 5000, 1001, SYN | ACK, 64000, 0, 63);
	c2s(10101, 1001, 5001, ACK, 500, 0);
	t = run();
	assert_null(t->top);
	f = tri_find(t, "syn-retransmitted");
	assert_non_null(f);
	assert_true(fabs(tri_finding_get(f, "lost_s") - 1.0) < 0.01);
	triage_free(t);
}

/*
 * The receiver advertises 8 KB (raw 64, scale 7) and each 50 ms round
 * trip carries 8 KB: receiver-window limited.
 */
static void
test_rwnd_limited(void **st)
{
	struct triage *t;
	const struct tri_conn_sum *c;
	const struct tri_finding *f;
	uint32_t seq = 5001;
	int r, i;
	int64_t k;
	size_t n;

	(void)st;
	setup();
	handshake(0, 500);
	c2s(600, 1001, 5001, PSH | ACK, 64, 100);
	for (r = 0; r < 42; r++) {
		k = 1000 + r * 500;
		for (i = 0; i < 6; i++, seq += 1365)
			s2c(k + i, seq, 1101, ACK, 500, 1365, 63);
		c2s(k + 6, 1101, seq, ACK, 64, 0);
	}
	t = run();
	c = tri_tcp_conns(t->tcp, &n, NULL);
	assert_int_equal(n, 1);
	assert_non_null(c[0].rate_class);
	assert_string_equal(c[0].rate_class, "receiver-window");
	assert_true(c[0].ntp > 0);
	f = tri_find(t, "rate-limit");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_WARNING);
	assert_int_equal(f->side, FAULT_CLIENT);
	triage_free(t);
}

/*
 * A port scan of 300 consecutive ports, each refused but one: the scan
 * is counted within a few per cent (linear counting; a plain bitmap of
 * set bits counted 229 of 287 in the lab), and a scan of 20 ports is one.
 */
static void
test_scan_counted(void **st)
{
	static const int sizes[] = { 300, 20, 480 };
	struct node X = node(IP4(198, 51, 100, 7), 3);
	const struct tri_finding *f;
	struct triage *t;
	unsigned int k;
	int i, n;

	(void)st;
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		n = sizes[k];
		setup();
		for (i = 0; i < n; i++) {
			uint16_t port = (uint16_t)(20220 + i);

			sc_tcp(&sc, (int64_t)i * MS / 100, &X, S.mac, 61000, &C, NULL, port,
			    7000, 0, SYN, 1024, NULL, 0, 50);
			if (i != 7)
				sc_tcp(&sc, (int64_t)i * MS / 100 + 1000, &C, NULL, port, &X, S.mac,
				    61000, 0, 7001, RST | ACK, 0, NULL, 0, 64);
			else
				sc_tcp(&sc, (int64_t)i * MS / 100 + 1000, &C, NULL, port, &X, S.mac,
				    61000, 9000, 7001, SYN | ACK, 64000, NULL, 0, 64);
		}
		t = run();
		f = tri_find(t, "port-scan");
		assert_non_null(f);
		if (fabs(tri_finding_get(f, "targets") - n) > 0.06 * n + 1)
			fail_msg("%d ports scanned, %g counted", n, tri_finding_get(f, "targets"));
		assert_int_equal((int)tri_finding_get(f, "syns"), n);
		assert_int_equal((int)tri_finding_get(f, "open"), 1);
		triage_free(t);
	}
}

/*
 * A lone SYN at the end of a capture: another connection runs for 2 s,
 * then the client sends a SYN to another port and the capture stops
 * 50 ms later.  Its answer may have come after the capture: not judged,
 * outcome capture-ended, no fault.  The same SYN with the capture going
 * on 3 s (no retry, no answer) is unanswered.
 */
static void
test_syn_at_capture_end(void **st)
{
	const struct tri_conn_sum *cs;
	struct triage *t;
	uint64_t total;
	size_t n, i;
	int later, found;

	(void)st;
	for (later = 0; later < 2; later++) {
		setup();
		handshake(0, 100);
		c2s(200, 1001, 5001, PSH | ACK, 500, 100);
		s2c(19000, 5001, 1101, PSH | ACK, 500, 1000, 63);
		sc_tcp(&sc, 20000 * MS / 10, &C, NULL, 40001, &S, NULL, 81, 7000, 0, SYN, 64000,
		    blob, 0, 64);
		c2s(later ? 50000 : 20500, 1101, 6001, ACK, 500, 0);
		t = run();
		cs = tri_tcp_conns(t->tcp, &n, &total);
		for (i = 0, found = 0; i < n; i++)
			if (cs[i].sport == 81) {
				found = 1;
				assert_string_equal(cs[i].outcome, later ? "unanswered" : "capture-ended");
				assert_int_equal(tri_conn_failed(&cs[i]), later);
			}
		assert_int_equal(found, 1);
		if (later)
			assert_non_null(tri_find(t, "unanswered"));
		else
			assert_null(tri_find(t, "unanswered"));
		triage_free(t);
	}
}

/*
 * This host sends SYNs to TCP port 445 of 200 addresses at 50 a second
 * through its gateway, none answering: a sweep, as a worm spreads, a
 * warning of the host layer, and no evidence against the gateway.  A busy client's 40 connections to 40 servers on port 443, all
 * completing, are no scan; nor are 30 servers tried in 10 s through a
 * dead path (no answer at all): those are failed connections, each read
 * as such.
 */
static void
test_sweep(void **st)
{
	const struct tri_finding *f;
	struct triage *t;
	int i, v;

	(void)st;
	setup();
	/* through the gateway S (its ARP answered), which returns nothing: a sweep's lot */
	sc_arp(&sc, 0, 1, &C, S.ip, NULL);
	sc_arp(&sc, MS / 2, 2, &S, C.ip, C.mac);
	for (i = 0; i < 200; i++) {
		struct node d = node(IP4(172, 16, 1, 0) + (uint32_t)i + 1, 9);

		sc_tcp(&sc, MS + (int64_t)i * 20 * MS, &C, NULL, (uint16_t)(41000 + i), &d, S.mac, 445,
		    7000, 0, SYN, 1024, NULL, 0, 64);
	}
	t = run();
	assert_null(tri_find(t, "gateway-returns-nothing"));
	f = tri_find(t, "address-sweep");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_WARNING);
	assert_int_equal(f->layer, TL_HOST);
	assert_int_equal(f->port, 445);
	if (fabs(tri_finding_get(f, "addresses") - 200) > 12)
		fail_msg("200 addresses swept, %g counted", tri_finding_get(f, "addresses"));
	assert_non_null(strstr(f->summary, "This host sweeps about"));
	assert_null(tri_find(t, "port-scan"));
	/* no network fault: the verdict says what this host did */
	assert_string_equal(t->v.kind, "suspect-host");
	assert_non_null(strstr(t->v.summary, "port 445 (frame 3)"));
	triage_free(t);
	for (v = 0; v < 2; v++) {
		int n = v == 0 ? 40 : 30;

		setup();
		for (i = 0; i < n; i++) {
			struct node d = node(IP4(10, 9, 2, 0) + (uint32_t)i + 1, 9);
			uint16_t cp = (uint16_t)(42000 + i);
			int64_t at = (int64_t)i * (v == 0 ? 500 : 3300);

			sc_tcp(&sc, at, &C, NULL, cp, &d, S.mac, 443, 1000, 0, SYN, 64000, NULL, 0, 64);
			if (v == 0) {
				sc_tcp(&sc, at + 200, &d, S.mac, 443, &C, NULL, cp, 5000, 1001, SYN | ACK,
				    64000, NULL, 0, 60);
				sc_tcp(&sc, at + 201, &C, NULL, cp, &d, S.mac, 443, 1001, 5001, ACK, 500,
				    NULL, 0, 64);
			} else {
				sc_tcp(&sc, at + 10000, &C, NULL, cp, &d, S.mac, 443, 1000, 0, SYN, 64000,
				    NULL, 0, 64);
			}
		}
		t = run();
		assert_null(tri_find(t, "address-sweep"));
		assert_null(tri_find(t, "port-scan"));
		if (v == 1)
			assert_true(t->top != NULL && t->top->sev == TRI_FAULT);
		triage_free(t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zero_window),
		cmocka_unit_test(test_unacked),
		cmocka_unit_test(test_keepalive),
		cmocka_unit_test(test_loss),
		cmocka_unit_test(test_loss_burst),
		cmocka_unit_test(test_reordered),
		cmocka_unit_test(test_syn_at_capture_end),
		cmocka_unit_test(test_reset_after_copy),
		cmocka_unit_test(test_resets),
		cmocka_unit_test(test_pmtu),
		cmocka_unit_test(test_delayed_ack),
		cmocka_unit_test(test_syn_retry),
		cmocka_unit_test(test_rwnd_limited),
		cmocka_unit_test(test_scan_counted),
		cmocka_unit_test(test_sweep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
