/*
 * Correlator: which reply answers which probe, on hand-built packets
 * and on the book's captures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/common/readers.h"
#include "fixtures.h"
#include "pktbuild.h"

#define ME	A(198, 18, 0, 1)
#define DST	A(198, 18, 3, 2)
#define R1	A(198, 18, 0, 2)
#define R2	A(198, 18, 1, 2)
#define MS	1000000LL

static struct corr_sig
sig_icmp(uint16_t id)
{
	struct corr_sig s;

	memset(&s, 0, sizeof(s));
	fl_addr_v4(&s.src, ME);
	fl_addr_v4(&s.dst, DST);
	s.proto = 1;
	s.a = id;
	return s;
}

static void
test_icmp_time_exceeded_matches_by_quoted_id_seq(void **st)
{
	uint8_t p1[64], p2[64], r[128];
	size_t n1, n2, nr;
	struct corr *c = corr_new(NULL, 5000 * MS);
	const struct corr_probe *pr;
	const struct corr_reply *rep;

	(void)st;
	n1 = pb_echo(p1, 8, ME, DST, 1, 0x1234, 100);
	n2 = pb_echo(p2, 8, ME, DST, 2, 0x1234, 101);
	pb_feed(c, 1, 1000 * MS, p1, n1);
	pb_feed(c, 2, 1001 * MS, p2, n2);
	/* The second probe's answer comes first, from hop 2. */
	nr = pb_icmp_err(r, 11, 0, R2, 63, p2, 28, 1);
	pb_feed(c, 3, 1010 * MS, r, nr);
	nr = pb_icmp_err(r, 11, 0, R1, 64, p1, 28, 1);
	pb_feed(c, 4, 1012 * MS, r, nr);

	assert_int_equal(corr_nprobes(c), 2);
	assert_int_equal(corr_nreplies(c), 2);
	pr = corr_probe(c, 0);
	assert_int_equal(pr->ttl, 1);
	assert_true(pr->reply >= 0);
	rep = corr_reply(c, (uint32_t)pr->reply);
	assert_int_equal(rep->frame, 4);
	assert_int_equal(rep->kind, RK_TIME_EXCEEDED);
	assert_int_equal(fl_addr_v4_host(&rep->from), R1);
	assert_int_equal(rep->rtt, 12 * MS);
	assert_int_equal(rep->q_ttl, 1);
	pr = corr_probe(c, 1);
	rep = corr_reply(c, (uint32_t)pr->reply);
	assert_int_equal(rep->frame, 3);
	assert_int_equal(rep->rtt, 9 * MS);
	assert_int_equal(corr_counters(c)->foreign_replies, 0);
	corr_free(c);
}

static void
test_udp_probes_told_apart_by_checksum(void **st)
{
	uint8_t p1[64], p2[64], r[128];
	size_t n;
	struct corr *c = corr_new(NULL, 5000 * MS);

	(void)st;
	/* Paris traceroute: same ports, the checksum names the probe. */
	n = pb_udp(p1, ME, DST, 3, 40000, 33434, 0x1001);
	pb_feed(c, 1, 0, p1, n);
	n = pb_udp(p2, ME, DST, 4, 40000, 33434, 0x1002);
	pb_feed(c, 2, 1 * MS, p2, n);
	n = pb_icmp_err(r, 3, 3, DST, 61, p2, 28, 1);	/* port unreachable */
	pb_feed(c, 3, 5 * MS, r, n);
	assert_int_equal(corr_nprobes(c), 2);
	assert_int_equal(corr_probe(c, 0)->reply, -1);
	assert_true(corr_probe(c, 1)->reply >= 0);
	assert_int_equal(corr_reply(c, 0)->kind, RK_UNREACH);
	assert_int_equal(corr_reply(c, 0)->icmp_code, 3);
	corr_free(c);
}

/*
 * A router past a NAT that does not translate the quote back (RFC 5508
 * asks it to): the quote carries the NAT's address, port and checksum,
 * and only the IP ID is the probe's.  Matched by it, with the rewrite
 * recorded; two probes with one IP ID are not told apart, so neither
 * is matched.
 */
static void
test_rewritten_quote_matches_by_ip_id(void **st)
{
	uint8_t p1[64], p2[64], q[64], r[128];
	size_t n, nq;
	struct corr *c = corr_new(NULL, 5000 * MS);
	const struct corr_reply *rep;
	const uint32_t nat = A(203, 0, 113, 7);

	(void)st;
	n = pb_udp(p1, ME, DST, 3, 40000, 33434, 0x1001);
	pb_feed(c, 1, 0, p1, n);
	n = pb_udp(p2, ME, DST, 4, 40000, 33434, 0x1002);
	pb_feed(c, 2, 1 * MS, p2, n);
	/* What the NAT sent on for the first: its address, port 61000, a new checksum. */
	nq = pb_udp(q, nat, DST, 1, 61000, 33434, 0x5555);
	pb_put16(q + 4, 0x1001);
	n = pb_icmp_err(r, 11, 0, R2, 62, q, 28, 1);
	pb_put32(r + 16, ME);		/* the NAT translates the outer header only */
	pb_put16(r + 10, 0);
	pb_put16(r + 10, pb_sum(r, 20, 0));
	(void)nq;
	pb_feed(c, 3, 7 * MS, r, n);
	assert_true(corr_probe(c, 0)->reply >= 0);
	assert_int_equal(corr_probe(c, 1)->reply, -1);
	rep = corr_reply(c, (uint32_t)corr_probe(c, 0)->reply);
	assert_int_equal(rep->kind, RK_TIME_EXCEEDED);
	assert_int_equal(rep->nat, CORR_NAT_SRC | CORR_NAT_PORT | CORR_NAT_ID);
	assert_int_equal(fl_addr_v4_host(&rep->q_src), nat);
	assert_int_equal(rep->q_sport, 61000);
	assert_int_equal(rep->rtt, 7 * MS);
	corr_free(c);

	/* A tool that leaves the IP ID alike on every probe: no match at all. */
	c = corr_new(NULL, 5000 * MS);
	n = pb_udp(p1, ME, DST, 3, 40000, 33434, 0x1001);
	pb_put16(p1 + 4, 0);
	pb_feed(c, 1, 0, p1, n);
	n = pb_udp(p2, ME, DST, 4, 40000, 33434, 0x1002);
	pb_put16(p2 + 4, 0);
	pb_feed(c, 2, 1 * MS, p2, n);
	nq = pb_udp(q, nat, DST, 1, 61000, 33434, 0x5555);
	pb_put16(q + 4, 0);
	n = pb_icmp_err(r, 11, 0, R2, 62, q, 28, 1);
	pb_put32(r + 16, ME);
	pb_feed(c, 3, 7 * MS, r, n);
	assert_int_equal(corr_probe(c, 0)->reply, -1);
	assert_int_equal(corr_probe(c, 1)->reply, -1);
	/* An untouched quote is matched by its key, with no rewrite noted. */
	n = pb_icmp_err(r, 11, 0, R2, 62, p2, 28, 1);
	pb_feed(c, 4, 8 * MS, r, n);
	assert_true(corr_probe(c, 1)->reply >= 0);
	assert_int_equal(corr_reply(c, (uint32_t)corr_probe(c, 1)->reply)->nat, 0);
	corr_free(c);
}

static void
test_tcp_synack_rst_and_bare_ack_match_by_ack_number(void **st)
{
	uint8_t p[64], r[64];
	size_t n;
	struct corr *c = corr_new(NULL, 5000 * MS);

	(void)st;
	n = pb_tcp(p, ME, DST, 64, 40000, 80, 1000, 0, TCP_SYN);
	pb_feed(c, 1, 0, p, n);
	n = pb_tcp(p, ME, DST, 64, 40000, 81, 2000, 0, TCP_SYN);
	pb_feed(c, 2, 0, p, n);
	n = pb_tcp(p, ME, DST, 64, 40000, 82, 3000, 0, TCP_SYN);
	pb_feed(c, 3, 0, p, n);
	n = pb_tcp(p, ME, DST, 64, 40000, 83, 4000, 0, TCP_SYN);
	pb_feed(c, 4, 0, p, n);
	n = pb_tcp(r, DST, ME, 61, 80, 40000, 777, 1001, TCP_SYN | TCP_ACK);
	pb_feed(c, 5, 2 * MS, r, n);
	n = pb_tcp(r, DST, ME, 61, 81, 40000, 0, 2001, TCP_RST | TCP_ACK);
	pb_feed(c, 6, 2 * MS, r, n);
	/* Repeated SYNs to an open port can draw a bare ACK. */
	n = pb_tcp(r, DST, ME, 61, 82, 40000, 5, 3001, TCP_ACK);
	pb_feed(c, 7, 2 * MS, r, n);
	/* A bare RST (no ACK) can only be matched by its ports. */
	n = pb_tcp(r, DST, ME, 61, 83, 40000, 0, 0, TCP_RST);
	pb_feed(c, 8, 2 * MS, r, n);
	/* An ACK for data we never sent answers no probe: ordinary traffic. */
	n = pb_tcp(r, DST, ME, 61, 80, 40000, 778, 5000, TCP_ACK);
	pb_feed(c, 9, 3 * MS, r, n);
	corr_finish(c);

	assert_int_equal(corr_reply(c, (uint32_t)corr_probe(c, 0)->reply)->kind, RK_SYNACK);
	assert_int_equal(corr_reply(c, (uint32_t)corr_probe(c, 1)->reply)->kind, RK_RST);
	assert_int_equal(corr_reply(c, (uint32_t)corr_probe(c, 2)->reply)->kind, RK_ACK);
	assert_int_equal(corr_reply(c, (uint32_t)corr_probe(c, 3)->reply)->kind, RK_RST);
	assert_int_equal(corr_nreplies(c), 4);
	assert_int_equal(corr_counters(c)->foreign_replies, 0);
	corr_free(c);
}

static void
test_duplicates_late_and_reordered(void **st)
{
	uint8_t p[64], r[128];
	size_t np, nr;
	struct corr *c = corr_new(NULL, 1000 * MS);
	const struct corr_probe *pr;

	(void)st;
	/*
	 * Probe 1 answered twice: the second, a datagram of its own (its own
	 * IP ID), is a duplicate.  The same frame again would be a copy, the
	 * capture's (test_copies_are_neither_probes_nor_replies).
	 */
	np = pb_echo(p, 8, ME, DST, 5, 7, 1);
	pb_feed(c, 1, 0, p, np);
	nr = pb_echo(r, 0, DST, ME, 60, 7, 1);
	pb_feed(c, 2, 10 * MS, r, nr);
	pb_put16(r + 4, 999);
	pb_feed(c, 3, 11 * MS, r, nr);
	/* Probe 2 answered after the 1 s wait: late, so not received. */
	np = pb_echo(p, 8, ME, DST, 5, 7, 2);
	pb_feed(c, 4, 20 * MS, p, np);
	nr = pb_echo(r, 0, DST, ME, 60, 7, 2);
	pb_feed(c, 5, 1500 * MS, r, nr);
	/* Probe 3's reply captured a hair before the probe itself. */
	nr = pb_echo(r, 0, DST, ME, 60, 7, 3);
	pb_feed(c, 6, 2000 * MS, r, nr);
	np = pb_echo(p, 8, ME, DST, 5, 7, 3);
	pb_feed(c, 7, 2000 * MS + 200000, p, np);
	corr_finish(c);

	pr = corr_probe(c, 0);
	assert_int_equal(pr->nreplies, 2);
	assert_true(corr_reply(c, 1)->dup);
	pr = corr_probe(c, 1);
	assert_int_equal(pr->reply, -1);
	assert_true(pr->late_reply >= 0);
	assert_true(corr_reply(c, (uint32_t)pr->late_reply)->late);
	pr = corr_probe(c, 2);
	assert_true(pr->reply >= 0);
	assert_int_equal(corr_reply(c, (uint32_t)pr->reply)->frame, 6);
	assert_int_equal(corr_counters(c)->duplicates, 1);
	assert_int_equal(corr_counters(c)->late, 1);
	assert_int_equal(corr_counters(c)->reordered, 1);
	corr_free(c);
}

static void
test_signature_keeps_concurrent_runs_apart(void **st)
{
	struct corr_sig s = sig_icmp(0xaaaa);
	struct corr *c = corr_new(&s, 5000 * MS);
	uint8_t mine[64], other[64], r[128];
	size_t n;

	(void)st;
	/* Another run to the same target, same TTL, other identifier. */
	n = pb_echo(mine, 8, ME, DST, 2, 0xaaaa, 10);
	pb_feed(c, 1, 0, mine, n);
	n = pb_echo(other, 8, ME, DST, 2, 0xbbbb, 10);
	pb_feed(c, 2, 0, other, n);
	n = pb_icmp_err(r, 11, 0, R2, 63, other, 28, 1);
	pb_feed(c, 3, 1 * MS, r, n);
	n = pb_icmp_err(r, 11, 0, R2, 63, mine, 28, 1);
	pb_feed(c, 4, 2 * MS, r, n);
	n = pb_echo(r, 0, DST, ME, 60, 0xbbbb, 10);
	pb_feed(c, 5, 3 * MS, r, n);
	corr_finish(c);

	assert_int_equal(corr_nprobes(c), 1);
	assert_int_equal(corr_counters(c)->foreign_probes, 1);
	assert_int_equal(corr_counters(c)->foreign_replies, 2);
	assert_int_equal(corr_counters(c)->replies, 1);
	assert_true(corr_probe(c, 0)->reply >= 0);
	assert_int_equal(corr_reply(c, (uint32_t)corr_probe(c, 0)->reply)->frame, 4);
	corr_free(c);
}

static void
test_retransmission_matches_latest_attempt(void **st)
{
	uint8_t p[64], r[64];
	size_t n;
	struct corr *c = corr_new(NULL, 30000 * MS);

	(void)st;
	/* The same SYN three times (a kernel's retries), then a SYN-ACK. */
	n = pb_tcp(p, ME, DST, 64, 1596, 21, 42, 0, TCP_SYN);
	pb_feed(c, 1, 0, p, n);
	pb_feed(c, 2, 3000 * MS, p, n);
	pb_feed(c, 3, 9000 * MS, p, n);
	n = pb_tcp(r, DST, ME, 61, 21, 1596, 9, 43, TCP_SYN | TCP_ACK);
	pb_feed(c, 4, 9020 * MS, r, n);
	assert_int_equal(corr_nprobes(c), 3);
	assert_int_equal(corr_probe(c, 2)->attempt, 3);
	assert_int_equal(corr_probe(c, 2)->reply, 0);
	assert_int_equal(corr_reply(c, 0)->rtt, 20 * MS);
	assert_int_equal(corr_probe(c, 0)->reply, -1);
	corr_free(c);
}

static void
test_short_and_bad_quotes_are_counted_not_matched(void **st)
{
	uint8_t p[64], r[128];
	size_t np, nr;
	struct corr *c = corr_new(NULL, 5000 * MS);
	struct dec_pkt d;

	(void)st;
	np = pb_echo(p, 8, ME, DST, 1, 5, 5);
	pb_feed(c, 1, 0, p, np);
	/* The router quoted only 24 bytes: not the 8 transport bytes. */
	nr = pb_icmp_err(r, 11, 0, R1, 64, p, 24, 1);
	pb_feed(c, 2, 1 * MS, r, nr);
	/* The same quote, but the capture cut the packet short. */
	nr = pb_icmp_err(r, 11, 0, R1, 64, p, 28, 1);
	(void)dec_packet(r, (uint32_t)nr - 6, (uint32_t)nr, DLT_RAW, &d);
	corr_feed(c, 3, 1 * MS, &d);
	/* A quote whose IP header claims version 5. */
	nr = pb_icmp_err(r, 11, 0, R1, 64, p, 28, 1);
	r[28] = 0x55;
	pb_feed(c, 4, 1 * MS, r, nr);
	assert_int_equal(corr_nreplies(c), 0);
	assert_int_equal(corr_counters(c)->quote_invalid, 2);
	assert_int_equal(corr_counters(c)->quote_truncated, 1);
	corr_free(c);
}

static void
test_best_trace_prefers_varying_ttls(void **st)
{
	uint8_t p[64], r[128];
	size_t n;
	struct corr *c = corr_new(NULL, 5000 * MS);
	struct fl_addr dst;
	int ttl;

	(void)st;
	/* A DNS-like exchange: many UDP datagrams, one TTL. */
	for (ttl = 0; ttl < 5; ttl++) {
		n = pb_udp(p, ME, A(198, 18, 9, 9), 64, 5353, 53, (uint16_t)(100 + ttl));
		pb_feed(c, (uint32_t)ttl + 1, ttl * MS, p, n);
	}
	for (ttl = 1; ttl <= 3; ttl++) {
		n = pb_echo(p, 8, ME, DST, (uint8_t)ttl, 9, (uint16_t)ttl);
		pb_feed(c, 10 + (uint32_t)ttl, 10 * MS, p, n);
		n = pb_icmp_err(r, 11, 0, A(198, 18, 5, (uint8_t)ttl), 64, p, 28, 1);
		pb_feed(c, 20 + (uint32_t)ttl, 20 * MS, r, n);
	}
	assert_int_equal(corr_ngroups(c), 2);
	assert_int_equal(corr_best_trace(c, NULL, 2), 1);
	assert_int_equal(corr_group(c, 1)->ttls_answered, 3);
	fl_addr_v4(&dst, A(198, 18, 9, 9));
	assert_int_equal(corr_best_trace(c, &dst, 2), -1);
	assert_int_equal(corr_best_trace(c, &dst, 1), 0);
	corr_free(c);
}

/* The book's Windows tracert: every reply of the trace, nothing foreign. */
static void
test_tracert_capture(void **st)
{
	char err[256];
	uint32_t frames = 0;
	struct corr *c = load_capture(SHARED_CAPTURES "/icmp-tracert-slow.pcap", NULL,
	    5000 * MS, &frames, err, sizeof(err));
	const struct corr_group *g;
	int32_t gi;

	(void)st;
	assert_non_null(c);
	assert_int_equal(frames, 76);
	gi = corr_best_trace(c, NULL, 2);
	assert_true(gi >= 0);
	g = corr_group(c, (uint32_t)gi);
	assert_int_equal(g->a, 512);			/* tracert's identifier */
	assert_int_equal(g->nprobes, 39);		/* 13 TTLs x 3 */
	assert_int_equal(g->nanswered, 36);		/* hop 1 never answered */
	assert_int_equal(g->ttls_probed, 13);
	assert_int_equal(g->ttls_answered, 12);
	/* Frame 64: an ICMP port unreachable this PC sent its DNS server. */
	assert_int_equal(corr_counters(c)->foreign_replies, 1);
	assert_int_equal(corr_counters(c)->truncated, 0);
	assert_int_equal(corr_counters(c)->invalid, 0);
	corr_free(c);
}

/* The FTP SYNs: three attempts, one key, no answer. */
static void
test_ftp_denied_capture(void **st)
{
	char err[256];
	struct corr *c = load_capture(SHARED_CAPTURES "/ftpclientdenied.pcap", NULL,
	    30000 * MS, NULL, err, sizeof(err));

	(void)st;
	assert_non_null(c);
	assert_int_equal(corr_nprobes(c), 3);
	assert_int_equal(corr_probe(c, 2)->attempt, 3);
	assert_int_equal(corr_nreplies(c), 0);
	assert_int_equal(corr_best_trace(c, NULL, 2), -1);
	corr_free(c);
}

/* One probe per TTL 1..3 and its time-exceeded or echo reply, each frame fed copies times. */
static void
feed_trace(struct corr *c, int copies, int64_t t0, int64_t step)
{
	uint8_t p[64], r[128];
	size_t np, nr;
	uint32_t frame = 1;
	int ttl, k;

	for (ttl = 1; ttl <= 3; ttl++) {
		int64_t t = t0 + (ttl - 1) * 100 * MS;

		np = pb_echo(p, 8, ME, DST, (uint8_t)ttl, 0x4242, (uint16_t)(200 + ttl));
		if (ttl < 3)
			nr = pb_icmp_err(r, 11, 0, ttl == 1 ? R1 : R2, (uint8_t)(65 - ttl), p, 28, 1);
		else
			nr = pb_echo(r, 0, DST, ME, 61, 0x4242, (uint16_t)(200 + ttl));
		for (k = 0; k < copies; k++)
			pb_feed(c, frame++, t, p, np);
		for (k = 0; k < copies; k++)
			pb_feed(c, frame++, t + step * ttl, r, nr);
	}
}

/*
 * Issue 16, finding 3: a capture that holds every frame twice (a mirror
 * port, a capture on two interfaces) or fifty times read 50 % and 98 %
 * of probes lost: the copies of probes counted as unanswered probes,
 * those of replies as duplicates.  Copies are neither, and are counted.
 */
static void
test_copies_are_neither_probes_nor_replies(void **st)
{
	static const int copies[] = { 1, 2, 3, 50 };
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
		struct corr *c = corr_new(NULL, 1000 * MS);
		const struct corr_counters *k;
		uint32_t pi;

		feed_trace(c, copies[i], 1000 * MS, 5 * MS);
		corr_finish(c);
		k = corr_counters(c);
		assert_int_equal(corr_nprobes(c), 3);
		for (pi = 0; pi < 3; pi++)
			assert_true(corr_probe(c, pi)->reply >= 0);
		assert_int_equal(k->duplicates, 0);
		assert_int_equal(k->copies, 6 * (copies[i] - 1));
		assert_int_equal(k->fd->exact_dups, 6 * (copies[i] - 1));
		assert_int_equal(corr_group(c, 0)->nanswered, 3);
		assert_false(k->fd->ts_defective);
		assert_int_equal(k->rtt_bad, 0);
		corr_free(c);
	}
}

/* The same packet seen again one router on (TTL one lower): a copy, not a probe at TTL - 1. */
static void
test_router_copy_is_not_a_probe(void **st)
{
	uint8_t p[64], q[64];
	size_t np;
	struct corr *c = corr_new(NULL, 1000 * MS);

	(void)st;
	np = pb_echo(p, 8, ME, DST, 4, 9, 1);
	memcpy(q, p, np);
	q[8] = 3;	/* the TTL, one router later; the IP checksum is not read */
	pb_feed(c, 1, 0, p, np);
	pb_feed(c, 2, 50000, q, np);
	assert_int_equal(corr_nprobes(c), 1);
	assert_int_equal(corr_probe(c, 0)->ttl, 4);
	assert_int_equal(corr_counters(c)->fd->router_dups, 1);
	assert_int_equal(corr_counters(c)->copies, 1);
	corr_free(c);
}

/*
 * Issue 16, finding 4: a capture whose frames all carry one timestamp, or
 * a nanosecond field of 1e9 or more (clamped when read), gave 0.0 ms
 * round trips and a clean verdict.  The round trips are marked, the
 * capture's defect counted.
 */
static void
test_timestamps_that_measure_nothing(void **st)
{
	uint8_t p[64];
	size_t np;
	struct corr *c;
	const struct corr_counters *k;
	struct readers rd;
	uint32_t i;

	(void)st;
	/* A clock that advances in steps of 100 ms: each reply stamped as its probe. */
	c = corr_new(NULL, 1000 * MS);
	feed_trace(c, 1, 1000 * MS, 0);
	corr_finish(c);
	k = corr_counters(c);
	assert_int_equal(corr_nprobes(c), 3);
	assert_int_equal(k->rtt_bad, 3);
	for (i = 0; i < corr_nreplies(c); i++)
		assert_true(corr_reply(c, i)->rtt_bad);
	assert_int_equal(k->fd->ts_still, 3);
	assert_true(k->fd->ts_defective);
	corr_free(c);

	/* Stamps clamped when read: the reader says so through readers_record(). */
	c = corr_new(NULL, 1000 * MS);
	readers_init(&rd);
	readers_add(&rd, corr_reader, c);
	np = pb_echo(p, 8, ME, DST, 1, 5, 1);
	readers_record(&rd, 1, 1000 * MS - 1, true, p, (uint32_t)np, (uint32_t)np, DLT_RAW);
	np = pb_echo(p, 0, DST, ME, 64, 5, 1);
	readers_record(&rd, 2, 1000 * MS + 3 * MS, false, p, (uint32_t)np, (uint32_t)np, DLT_RAW);
	corr_finish(c);
	k = corr_counters(c);
	assert_int_equal(k->fd->ts_range, 1);
	assert_int_equal(k->fd->ts_range_frame, 1);
	assert_true(corr_probe(c, 0)->ts_bad);
	assert_int_equal(k->rtt_bad, 1);
	assert_true(k->fd->ts_defective);
	corr_free(c);

	/* A clock that goes back a second. */
	c = corr_new(NULL, 1000 * MS);
	feed_trace(c, 1, 5000 * MS, 5 * MS);
	np = pb_echo(p, 8, ME, DST, 4, 0x4242, 204);
	pb_feed(c, 7, 4000 * MS, p, np);
	k = corr_counters(c);
	assert_int_equal(k->fd->ts_back, 1);
	assert_int_equal(k->fd->ts_back_frame, 7);
	assert_true(k->fd->ts_back_ns > 999 * MS);
	/* Said of the capture, not of the frame: a file out of time order keeps its stamps right. */
	assert_false(corr_probe(c, 3)->ts_bad);
	corr_free(c);

	/* A good trace: nothing to say. */
	c = corr_new(NULL, 1000 * MS);
	feed_trace(c, 1, 1000 * MS, 5 * MS);
	k = corr_counters(c);
	assert_false(k->fd->ts_defective);
	assert_int_equal(k->fd->ts_still + k->fd->ts_back + k->fd->ts_range, 0);
	assert_int_equal(k->rtt_bad, 0);
	corr_free(c);
}

/*
 * Memory bounded by live state, not by the file (issue 16): a trace of
 * 4 TTLs over 25000 rounds, 100 ms apart, every reply 5 ms after its
 * probe except TTL 2's every 10th round, and a time-exceeded quoting
 * nothing every 100th.  What is held never grows past the budget, the
 * rounds kept are whole blocks evenly spaced, and the counts are over
 * every probe.
 */
static void
test_long_trace_is_thinned_not_held(void **st)
{
	uint8_t pk[64], r[128], other[64];
	size_t n, nr;
	struct corr *c = corr_new(NULL, 2000 * MS);
	const struct corr_counters *cnt;
	const struct corr_group *g;
	const struct corr_ttl *t2;
	uint32_t frame = 0, held_max = 0, i, round, kept_rounds = 0, last_round = UINT32_MAX;
	uint16_t seq = 0;
	int t;

	(void)st;
	n = pb_echo(other, 8, ME, A(198, 18, 9, 9), 1, 0x9999, 1);
	for (round = 0; round < 25000; round++) {
		int64_t t0 = (int64_t)round * 100 * MS;

		for (t = 1; t <= 4; t++) {
			n = pb_echo(pk, 8, ME, DST, (uint8_t)t, 0x4242, seq++);
			pb_feed(c, ++frame, t0 + t * MS, pk, n);
			if (t == 2 && round % 10 == 0)
				continue;
			if (t == 4) {
				uint8_t rep[64];
				size_t m = pb_echo(rep, 0, DST, ME, 61, 0x4242, (uint16_t)(seq - 1));

				pb_feed(c, ++frame, t0 + t * MS + 5 * MS, rep, m);
			} else {
				nr = pb_icmp_err(r, 11, 0, A(198, 18, (uint8_t)(t - 1), 2), 64, pk, 28, 1);
				pb_feed(c, ++frame, t0 + t * MS + 5 * MS, r, nr);
			}
		}
		if (round % 100 == 50) {
			nr = pb_icmp_err(r, 11, 0, R1, 64, other, 28, 1);
			pb_feed(c, ++frame, t0 + 50 * MS, r, nr);
		}
		if (corr_held(c) > held_max)
			held_max = corr_held(c);
	}
	corr_finish(c);
	/* 200000 frames; what was held at once stays within the budget and the window. */
	assert_true(held_max <= (1u << 16) + 8);
	assert_true(corr_nprobes(c) <= CORR_GROUP_KEEP);
	assert_true(corr_nprobes(c) >= CORR_GROUP_KEEP / 2 - 4 * CORR_BLOCK);
	g = corr_group(c, 0);
	assert_int_equal(g->nprobes, 100000);
	assert_int_equal(g->rounds, 25000);
	assert_true(g->stride > 1);
	cnt = corr_counters(c);
	assert_int_equal(cnt->probes, 100000);
	assert_int_equal(cnt->replies, 100000 - 2500);
	assert_int_equal(cnt->foreign_replies, 250);
	assert_int_equal(cnt->sampled_out, 100000 - corr_nprobes(c));
	/* Whole blocks of whole rounds, one block in every stride. */
	for (i = 0; i < corr_nprobes(c); i++) {
		const struct corr_probe *p = corr_probe(c, i);

		assert_int_equal((p->round / CORR_BLOCK) % g->stride, 0);
		if (p->round != last_round) {
			kept_rounds++;
			last_round = p->round;
		}
		/* The probe before at its TTL went one round (100 ms) earlier, kept or not. */
		if (p->round > 0)
			assert_int_equal(p->ts - p->prev_ts, 100 * MS);
		if (p->reply >= 0)
			assert_int_equal(corr_reply(c, (uint32_t)p->reply)->probe, (int32_t)i);
	}
	assert_int_equal(kept_rounds * 4, corr_nprobes(c));
	/* Counts per TTL over every probe. */
	t2 = corr_group_ttl(c, 0, 2);
	assert_non_null(t2);
	assert_int_equal(t2->sent, 25000);
	assert_int_equal(t2->answered, 22500);
	assert_int_equal(t2->min_rtt, 5 * MS);
	assert_int_equal(corr_group_ttl(c, 0, 4)->answered, 25000);
	corr_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_icmp_time_exceeded_matches_by_quoted_id_seq),
		cmocka_unit_test(test_udp_probes_told_apart_by_checksum),
		cmocka_unit_test(test_rewritten_quote_matches_by_ip_id),
		cmocka_unit_test(test_tcp_synack_rst_and_bare_ack_match_by_ack_number),
		cmocka_unit_test(test_duplicates_late_and_reordered),
		cmocka_unit_test(test_signature_keeps_concurrent_runs_apart),
		cmocka_unit_test(test_retransmission_matches_latest_attempt),
		cmocka_unit_test(test_short_and_bad_quotes_are_counted_not_matched),
		cmocka_unit_test(test_best_trace_prefers_varying_ttls),
		cmocka_unit_test(test_tracert_capture),
		cmocka_unit_test(test_ftp_denied_capture),
		cmocka_unit_test(test_copies_are_neither_probes_nor_replies),
		cmocka_unit_test(test_router_copy_is_not_a_probe),
		cmocka_unit_test(test_timestamps_that_measure_nothing),
		cmocka_unit_test(test_long_trace_is_thinned_not_held),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
