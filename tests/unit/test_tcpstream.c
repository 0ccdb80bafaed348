/*
 * TCP stream reassembly: hand-built segments in every order and state
 * a capture shows them in (one table case each), the limits, and the
 * book's HTTP captures, whose streams must match what tshark's "Follow
 * TCP Stream" shows byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyze/common/digest.h"
#include "fixtures.h"
#include "pktbuild.h"
#include "analyze/flow/tcpstream.h"

#define CLI	A(10, 0, 0, 1)
#define SRV	A(10, 0, 0, 2)
#define CPORT	40000
#define SPORT	80
#define C	0		/* client to server */
#define S	1		/* and back */
#define SA	(TCP_SYN | TCP_ACK)
#define PA	(TCP_PSH | TCP_ACK)
#define FA	(TCP_FIN | TCP_ACK)
#define RA	(TCP_RST | TCP_ACK)
#define NOCUT	(-1)

/* One segment: rel is its sequence number less (the ISN + 1) of its direction. */
struct tseg {
	uint32_t	 frame;
	int		 dir;
	uint8_t		 flags;
	int64_t		 rel;
	const char	*data;
	int		 caplen;	/* of data, NOCUT for all of it */
};

struct texp {
	const char	*data;		/* the contiguous stream */
	uint32_t	 retransmits, overlaps, out_of_order, conflicts, gaps;
	size_t		 lost;
	bool		 truncated, have_isn, fin, rst;
};

struct tat {
	int		 dir;
	size_t		 off;
	uint32_t	 frame;		/* 0 ends the list, so a 0 expected is written as NONE */
};
#define NONE	UINT32_MAX

struct tcase {
	const char	*name;
	uint32_t	 isn[2];
	size_t		 cap;		/* 0: 4 MiB */
	struct tseg	 segs[16];
	struct texp	 exp[2];
	struct tat	 at[8];
	uint32_t	 syn, synack, ack;	/* expected handshake frames */
	uint16_t	 cport;		/* 0: CPORT */
};

#define SEG(f, d, fl, r, s)		{ f, d, fl, r, s, NOCUT }
#define CUT(f, d, fl, r, s, n)		{ f, d, fl, r, s, n }
#define HANDSHAKE			SEG(1, C, TCP_SYN, -1, NULL), SEG(2, S, SA, -1, NULL), \
					SEG(3, C, TCP_ACK, 0, NULL)

#define REQ1	"GET /a HTTP/1.1\r\n"
#define REQ2	"Host: x\r\n\r\n"
#define RSP1	"HTTP/1.1 200 OK\r\n"
#define RSP2	"Content-Length: 2\r\n\r\nhi"

static const struct tcase cases[] = {
	{ "in order, both ways, FINs", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, REQ1), SEG(5, C, PA, 17, REQ2), SEG(6, S, TCP_ACK, 0, RSP1),
	    SEG(7, S, PA, 17, RSP2), SEG(8, C, FA, 28, NULL), SEG(9, S, FA, 40, NULL),
	    SEG(10, C, TCP_ACK, 29, NULL) },
	  { { REQ1 REQ2, 0, 0, 0, 0, 0, 0, false, true, true, false },
	    { RSP1 RSP2, 0, 0, 0, 0, 0, 0, false, true, true, false } },
	  { { C, 0, 4 }, { C, 16, 4 }, { C, 17, 5 }, { C, 27, 5 }, { C, 28, NONE }, { S, 0, 6 },
	    { S, 39, 7 }, { S, 40, NONE } }, 1, 2, 3, 0 },
	{ "reversed", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 6, "ccc"), SEG(5, C, PA, 3, "bbb"), SEG(6, C, PA, 0, "aaa") },
	  { { "aaabbbccc", 0, 0, 2, 0, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 0, 6 }, { C, 3, 5 }, { C, 8, 4 } }, 1, 2, 3, 0 },
	{ "shuffled", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 6, "33"), SEG(5, C, PA, 0, "00"), SEG(6, C, PA, 8, "44"),
	    SEG(7, C, PA, 2, "11"), SEG(8, C, PA, 4, "22") },
	  { { "0011223344", 0, 0, 3, 0, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 0, 5 }, { C, 3, 7 }, { C, 5, 8 }, { C, 6, 4 }, { C, 9, 6 } }, 1, 2, 3, 0 },
	{ "every segment twice", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, "abc"), SEG(5, C, PA, 0, "abc"), SEG(6, C, PA, 3, "def"),
	    SEG(7, C, PA, 3, "def"), SEG(8, C, PA, 6, "g"), SEG(9, C, PA, 6, "g") },
	  { { "abcdefg", 3, 0, 0, 0, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 0, 4 }, { C, 3, 6 }, { C, 6, 8 } }, 1, 2, 3, 0 },
	{ "partial retransmission", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, "abcdef"), SEG(5, C, PA, 3, "defghi") },
	  { { "abcdefghi", 0, 1, 0, 0, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 5, 4 }, { C, 6, 5 } }, 1, 2, 3, 0 },
	{ "overlap with conflicting bytes: the first copy wins", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, "abcdef"), SEG(5, C, PA, 3, "XYZghi") },
	  { { "abcdefghi", 0, 1, 0, 3, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 3, 4 }, { C, 6, 5 } }, 1, 2, 3, 0 },
	{ "retransmission with a different byte", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, "abc"), SEG(5, C, PA, 0, "abX") },
	  { { "abc", 1, 0, 0, 1, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 2, 4 } }, 1, 2, 3, 0 },
	{ "a segment spanning two held ranges and the hole between", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, "ab"), SEG(5, C, PA, 4, "ef"), SEG(6, C, PA, 1, "bcdeZ") },
	  { { "abcdef", 0, 1, 0, 1, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 1, 4 }, { C, 2, 6 }, { C, 3, 6 }, { C, 4, 5 } }, 1, 2, 3, 0 },
	{ "a hole filled later", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, "aaa"), SEG(5, C, PA, 6, "ccc"), SEG(6, C, PA, 3, "bbb") },
	  { { "aaabbbccc", 0, 0, 1, 0, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 4, 6 } }, 1, 2, 3, 0 },
	{ "a hole never filled", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, "aaa"), SEG(5, C, PA, 6, "ccc"), SEG(6, C, PA, 10, "e") },
	  { { "aaa", 0, 0, 0, 0, 2, 4, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 2, 4 }, { C, 3, NONE }, { C, 6, NONE } }, 1, 2, 3, 0 },
	{ "the first segment lost", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 3, "bbb") },
	  { { "", 0, 0, 0, 0, 1, 3, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 0, NONE } }, 1, 2, 3, 0 },
	{ "a FIN after a hole", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, "aaa"), SEG(5, C, FA, 6, NULL) },
	  { { "aaa", 0, 0, 0, 0, 1, 3, false, true, true, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 0, 4 } }, 1, 2, 3, 0 },
	{ "sequence numbers wrap at 2^32", { 0xfffffff8u, 0xffffffffu }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 7, "789ab"), SEG(5, C, PA, 0, "0123456"), SEG(6, C, PA, 12, "cdef"),
	    SEG(7, S, PA, 0, "wrapped"), SEG(8, C, FA, 16, NULL) },
	  { { "0123456789abcdef", 0, 0, 1, 0, 0, 0, false, true, true, false },
	    { "wrapped", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 0, 5 }, { C, 7, 4 }, { C, 15, 6 }, { S, 6, 7 } }, 1, 2, 3, 0 },
	{ "no SYN: each direction starts at its first segment", { 0x7ffffff0u, 0xfffffe00u }, 0,
	  { SEG(4, C, PA, 100, "aaa"), SEG(5, S, PA, 508, "xyz"), SEG(6, C, PA, 103, "bbb"),
	    SEG(7, S, PA, 511, "wrap over 2^32") },
	  { { "aaabbb", 0, 0, 0, 0, 0, 0, false, false, false, false },
	    { "xyzwrap over 2^32", 0, 0, 0, 0, 0, 0, false, false, false, false } },
	  { { C, 0, 4 }, { C, 3, 6 }, { S, 3, 7 } }, 0, 0, 0, 0 },
	{ "no SYN, reversed: earlier segments that join move the start back", { 1000, 5000 }, 0,
	  { SEG(4, C, PA, 106, "ccc"), SEG(5, C, PA, 103, "bbb"), SEG(6, C, PA, 100, "aaa") },
	  { { "aaabbbccc", 0, 0, 2, 0, 0, 0, false, false, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, false, false, false } },
	  { { C, 0, 6 }, { C, 5, 5 }, { C, 6, 4 } }, 0, 0, 0, 0 },
	{ "no SYN: an earlier segment waits for the one that bridges the hole", { 1000, 5000 }, 0,
	  { SEG(4, C, PA, 106, "ccc"), SEG(5, C, PA, 100, "aaa"), SEG(6, C, PA, 103, "bbb") },
	  { { "aaabbbccc", 0, 0, 2, 0, 0, 0, false, false, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, false, false, false } },
	  { { C, 0, 5 }, { C, 3, 6 }, { C, 6, 4 } }, 0, 0, 0, 0 },
	{ "no SYN: an old retransmission that never joins is left out", { 1000, 5000 }, 0,
	  { SEG(4, C, PA, 106, "ccc"), SEG(5, C, PA, 50, "zzz"), SEG(6, C, PA, 109, "d") },
	  { { "cccd", 0, 0, 0, 0, 0, 0, false, false, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, false, false, false } },
	  { { C, 0, 4 }, { C, 3, 6 } }, 0, 0, 0, 0 },
	{ "SYN/ACK without its SYN: ack - 1 is the client's ISN", { 1000, 5000 }, 0,
	  { SEG(2, S, SA, -1, NULL), SEG(3, C, TCP_ACK, 0, NULL), SEG(4, C, PA, 3, "bbb"),
	    SEG(5, S, PA, 0, "ok") },
	  { { "", 0, 0, 0, 0, 1, 3, false, true, false, false },
	    { "ok", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { S, 0, 5 } }, 0, 2, 3, 0 },
	{ "the SYN captured after data: the stream moves up", { 1000, 5000 }, 0,
	  { SEG(4, C, PA, 3, "bbb"), SEG(5, C, TCP_SYN, -1, NULL), SEG(6, C, PA, 0, "aaa") },
	  { { "aaabbb", 0, 0, 1, 0, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, false, false, false } },
	  { { C, 0, 6 }, { C, 3, 4 } }, 5, 0, 0, 0 },
	{ "RST: its payload is not stream data", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, "aaa"), SEG(5, S, RA, 0, "diagnostic"), SEG(6, S, RA, 0, NULL) },
	  { { "aaa", 0, 0, 0, 0, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, true } },
	  { { C, 0, 4 } }, 1, 2, 3, 0 },
	{ "the byte cap", { 1000, 5000 }, 10,
	  { HANDSHAKE, SEG(4, C, PA, 0, "01234567"), SEG(5, C, PA, 8, "89ABCDE"), SEG(6, C, PA, 15, "F") },
	  { { "0123456789", 0, 0, 0, 0, 0, 0, true, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 9, 5 }, { C, 10, NONE } }, 1, 2, 3, 0 },
	{ "a payload cut by the snap length", { 1000, 5000 }, 0,
	  { HANDSHAKE, SEG(4, C, PA, 0, "abc"), CUT(5, C, PA, 3, "defgh", 2) },
	  { { "abcde", 0, 0, 0, 0, 1, 3, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 4, 5 }, { C, 5, NONE } }, 1, 2, 3, 0 },
	{ "a cut payload sent again whole", { 1000, 5000 }, 0,
	  { HANDSHAKE, CUT(4, C, PA, 0, "abcdefgh", 5), SEG(5, C, PA, 0, "abcdefgh") },
	  { { "abcdefgh", 0, 1, 0, 0, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 4, 4 }, { C, 5, 5 } }, 1, 2, 3, 0 },
	{ "data on the SYN", { 1000, 5000 }, 0,
	  { SEG(1, C, TCP_SYN, -1, "early"), SEG(2, S, SA, -1, NULL), SEG(3, C, TCP_ACK, 5, NULL),
	    SEG(4, C, PA, 5, " data") },
	  { { "early data", 0, 0, 0, 0, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 0, 1 }, { C, 5, 4 } }, 1, 2, 3, 0 },
	{ "no SYN, the first packet from the server: the lower port is the server's", { 1000, 5000 }, 0,
	  { SEG(4, S, PA, 0, "banner"), SEG(5, C, PA, 0, "hello") },
	  { { "hello", 0, 0, 0, 0, 0, 0, false, false, false, false },
	    { "banner", 0, 0, 0, 0, 0, 0, false, false, false, false } },
	  { { S, 0, 4 }, { C, 0, 5 } }, 0, 0, 0, 0 },
	{ "a client on a lower port: its SYN settles the roles the first packet guessed", { 1000, 5000 }, 0,
	  { SEG(1, S, TCP_ACK, 0, NULL), SEG(2, C, TCP_SYN, -1, NULL), SEG(3, S, SA, -1, NULL),
	    SEG(4, C, PA, 0, "x") },
	  { { "x", 0, 0, 0, 0, 0, 0, false, true, false, false },
	    { "", 0, 0, 0, 0, 0, 0, false, true, false, false } },
	  { { C, 0, 4 } }, 2, 3, 4, 20 },
};

static struct dec_pkt
mkpkt(int dir, uint16_t cport, uint32_t seq, uint32_t ack, uint8_t flags, const uint8_t *data,
    size_t len, size_t caplen)
{
	struct dec_pkt p;

	memset(&p, 0, sizeof(p));
	p.status = DEC_OK;
	fl_addr_v4(&p.ip.src, dir == C ? CLI : SRV);
	fl_addr_v4(&p.ip.dst, dir == C ? SRV : CLI);
	p.ip.proto = 6;
	p.ip.ttl = dir == C ? 64 : 50;
	p.ip.id = (uint16_t)(seq ^ ack);
	p.l4.have = L4_PORTS | L4_TCPSEQ | L4_TCPHDR;
	p.l4.sport = dir == C ? cport : SPORT;
	p.l4.dport = dir == C ? SPORT : cport;
	p.l4.seq = seq;
	p.l4.ack = ack;
	p.l4.tcp_flags = flags;
	p.payload = cur_make(data, caplen);
	p.payload_len = (uint32_t)len;
	return p;
}

static void
feed_seg(struct tcp_streams *t, const uint32_t isn[2], uint16_t cport, const struct tseg *g)
{
	const uint8_t *d = (const uint8_t *)(g->data ? g->data : "");
	size_t len = strlen((const char *)d);
	size_t cap = g->caplen == NOCUT ? len : (size_t)g->caplen;
	uint32_t seq = isn[g->dir] + 1 + (uint32_t)g->rel;
	uint32_t ack = isn[1 - g->dir] + 1;
	struct dec_pkt p;

	if (g->flags & TCP_SYN)
		seq = isn[g->dir];
	/* The client's SYN acknowledges nothing. */
	if (!(g->flags & TCP_ACK))
		ack = 0;
	p = mkpkt(g->dir, cport, seq, ack, g->flags, d, len, cap);
	tcps_feed(t, g->frame, (int64_t)g->frame * 1000000, &p);
}

static const struct tcp_conn *
the_conn(const struct tcp_streams *t, uint16_t cport)
{
	struct fl_addr c, s;

	fl_addr_v4(&c, CLI);
	fl_addr_v4(&s, SRV);
	return tcps_find(t, &c, cport, &s, SPORT);
}

/* Spans sorted, disjoint, inside the stream, tiling [0, len). */
static void
check_spans(const char *name, const struct tcp_dir *d)
{
	size_t i, pos = 0;

	for (i = 0; i < d->nspans; i++) {
		if (d->spans[i].off != pos || d->spans[i].len == 0)
			fail_msg("%s: span %zu at %zu+%zu, expected at %zu", name, i,
			    d->spans[i].off, d->spans[i].len, pos);
		pos += d->spans[i].len;
	}
	if (pos != d->len)
		fail_msg("%s: spans cover %zu of %zu bytes", name, pos, d->len);
}

#define EXPECT(what, got, want) do { \
	if ((uint64_t)(got) != (uint64_t)(want)) \
		fail_msg("%s, %s: %s is %llu, expected %llu", c->name, dn, what, \
		    (unsigned long long)(got), (unsigned long long)(want)); \
} while (0)

static void
run_case(void **state)
{
	const struct tcase *c = *state;
	struct tcp_streams *t = tcps_new(c->cap ? c->cap : (size_t)4 << 20);
	const struct tcp_conn *k;
	const struct tcp_dir *d;
	const char *dn;
	size_t i;
	int di;

	assert_non_null(t);
	for (i = 0; i < sizeof(c->segs) / sizeof(c->segs[0]) && c->segs[i].frame != 0; i++)
		feed_seg(t, c->isn, c->cport ? c->cport : CPORT, &c->segs[i]);
	tcps_finish(t);
	assert_int_equal(tcps_count(t), 1);
	k = the_conn(t, c->cport ? c->cport : CPORT);
	if (k == NULL)
		fail_msg("%s: no connection with the expected roles", c->name);
	dn = "handshake";
	EXPECT("syn_frame", k->syn_frame, c->syn);
	EXPECT("synack_frame", k->synack_frame, c->synack);
	EXPECT("ack_frame", k->ack_frame, c->ack);
	for (di = 0; di < 2; di++) {
		const struct texp *e = &c->exp[di];

		d = di == C ? &k->c2s : &k->s2c;
		dn = di == C ? "c2s" : "s2c";
		if (d->len != strlen(e->data) || (d->len > 0 && memcmp(d->data, e->data, d->len) != 0))
			fail_msg("%s, %s: stream is '%.*s', expected '%s'", c->name, dn,
			    (int)d->len, d->len ? (const char *)d->data : "", e->data);
		EXPECT("retransmits", d->retransmits, e->retransmits);
		EXPECT("overlaps", d->overlaps, e->overlaps);
		EXPECT("out_of_order", d->out_of_order, e->out_of_order);
		EXPECT("conflicts", d->conflicts, e->conflicts);
		EXPECT("gaps", d->gaps, e->gaps);
		EXPECT("lost_bytes", d->lost_bytes, e->lost);
		EXPECT("truncated", d->truncated, e->truncated);
		EXPECT("have_isn", d->have_isn, e->have_isn);
		EXPECT("fin", d->fin, e->fin);
		EXPECT("rst", d->rst, e->rst);
		EXPECT("ttl", d->ttl, d->segments ? (di == C ? 64 : 50) : 0);
		check_spans(c->name, d);
	}
	for (i = 0; i < sizeof(c->at) / sizeof(c->at[0]) && c->at[i].frame != 0; i++) {
		d = c->at[i].dir == C ? &k->c2s : &k->s2c;
		dn = c->at[i].dir == C ? "c2s frame_at" : "s2c frame_at";
		EXPECT(dn, tcps_frame_at(d, c->at[i].off),
		    c->at[i].frame == NONE ? 0 : c->at[i].frame);
	}
	tcps_free(t);
}

/* The table again, every segment fed twice in a row: only counters change. */
static void
run_case_doubled(void **state)
{
	const struct tcase *c = *state;
	struct tcp_streams *t = tcps_new(c->cap ? c->cap : (size_t)4 << 20);
	const struct tcp_conn *k;
	size_t i;

	assert_non_null(t);
	for (i = 0; i < sizeof(c->segs) / sizeof(c->segs[0]) && c->segs[i].frame != 0; i++) {
		feed_seg(t, c->isn, c->cport ? c->cport : CPORT, &c->segs[i]);
		feed_seg(t, c->isn, c->cport ? c->cport : CPORT, &c->segs[i]);
	}
	tcps_finish(t);
	assert_int_equal(tcps_count(t), 1);
	k = the_conn(t, c->cport ? c->cport : CPORT);
	assert_non_null(k);
	if (k->c2s.len != strlen(c->exp[C].data) || k->s2c.len != strlen(c->exp[S].data) ||
	    (k->c2s.len > 0 && memcmp(k->c2s.data, c->exp[C].data, k->c2s.len) != 0) ||
	    (k->s2c.len > 0 && memcmp(k->s2c.data, c->exp[S].data, k->s2c.len) != 0))
		fail_msg("%s (doubled): streams differ", c->name);
	check_spans(c->name, &k->c2s);
	check_spans(c->name, &k->s2c);
	tcps_free(t);
}

static void
test_isn_inferred(void **st)
{
	static const struct tseg segs[] = {
		SEG(2, S, SA, -1, NULL), SEG(3, C, TCP_ACK, 0, NULL), SEG(4, C, PA, 0, "req"),
		SEG(5, C, TCP_SYN, -1, NULL),
	};
	static const uint32_t isn[2] = { 0xdeadbeefu, 77 };
	struct tcp_streams *t = tcps_new(4096);
	const struct tcp_conn *k;
	size_t i;

	(void)st;
	for (i = 0; i < 3; i++)
		feed_seg(t, isn, CPORT, &segs[i]);
	tcps_finish(t);
	k = the_conn(t, CPORT);
	assert_non_null(k);
	assert_true(k->c2s.have_isn);
	assert_true(k->c2s.isn_inferred);
	assert_int_equal(k->c2s.isn, 0xdeadbeefu);
	assert_true(k->s2c.have_isn);
	assert_false(k->s2c.isn_inferred);
	assert_int_equal(k->s2c.isn, 77);
	assert_int_equal(k->c2s.len, 3);
	/* The SYN turning up late confirms the ISN: the same connection. */
	feed_seg(t, isn, CPORT, &segs[3]);
	assert_int_equal(tcps_count(t), 1);
	assert_false(k->c2s.isn_inferred);
	assert_int_equal(k->syn_frame, 5);
	tcps_free(t);
}

/*
 * tcps_finish() settles nothing for good: a SYN-less direction's early
 * segment still waits, and joins when the bridge comes after a finish.
 */
static void
test_finish_twice(void **st)
{
	static const struct tseg segs[] = {
		SEG(4, C, PA, 106, "ccc"), SEG(5, C, PA, 100, "aaa"), SEG(6, C, PA, 103, "bbb"),
	};
	static const uint32_t isn[2] = { 1000, 5000 };
	struct tcp_streams *t = tcps_new(4096);
	const struct tcp_conn *k;

	(void)st;
	feed_seg(t, isn, CPORT, &segs[0]);
	feed_seg(t, isn, CPORT, &segs[1]);
	tcps_finish(t);
	k = the_conn(t, CPORT);
	assert_non_null(k);
	assert_int_equal(k->c2s.len, 3);
	assert_int_equal(k->c2s.unjoined, 1);
	assert_int_equal(k->c2s.nspans, 1);
	feed_seg(t, isn, CPORT, &segs[2]);
	tcps_finish(t);
	tcps_finish(t);
	assert_int_equal(k->c2s.unjoined, 0);
	assert_int_equal(k->c2s.len, 9);
	assert_memory_equal(k->c2s.data, "aaabbbccc", 9);
	assert_int_equal(k->c2s.nspans, 3);
	assert_int_equal(tcps_frame_at(&k->c2s, 0), 5);
	assert_int_equal(tcps_frame_at(&k->c2s, 3), 6);
	assert_int_equal(tcps_frame_at(&k->c2s, 6), 4);
	assert_int_equal(k->c2s.retransmits, 0);
	tcps_free(t);
}

/* A new SYN on a closed tuple is a new connection; tcps_find() gives the latest. */
static void
test_port_reuse(void **st)
{
	static const struct tseg first[] = {
		HANDSHAKE, SEG(4, C, PA, 0, "one"), SEG(5, C, FA, 3, NULL), SEG(6, S, FA, 0, NULL),
	};
	static const struct tseg second[] = {
		SEG(7, C, TCP_SYN, -1, NULL), SEG(8, S, SA, -1, NULL), SEG(9, C, PA, 0, "two"),
	};
	static const uint32_t isn1[2] = { 100, 200 }, isn2[2] = { 900000, 300 };
	struct tcp_streams *t = tcps_new(4096);
	const struct tcp_conn *k;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(first) / sizeof(first[0]); i++)
		feed_seg(t, isn1, CPORT, &first[i]);
	for (i = 0; i < sizeof(second) / sizeof(second[0]); i++)
		feed_seg(t, isn2, CPORT, &second[i]);
	/* A retransmitted SYN of the second is not a third. */
	feed_seg(t, isn2, CPORT, &second[0]);
	tcps_finish(t);
	assert_int_equal(tcps_count(t), 2);
	assert_int_equal(tcps_counters(t)->reused, 1);
	k = the_conn(t, CPORT);
	assert_ptr_equal(k, tcps_conn(t, 1));
	assert_int_equal(k->syn_frame, 7);
	assert_memory_equal(k->c2s.data, "two", 3);
	k = tcps_conn(t, 0);
	assert_memory_equal(k->c2s.data, "one", 3);
	assert_true(k->c2s.fin);
	tcps_free(t);
}

static void
test_many_connections(void **st)
{
	static const uint32_t isn[2] = { 1, 2 };
	struct tseg syn = SEG(1, C, TCP_SYN, -1, NULL), data = SEG(2, C, PA, 0, "x");
	struct tcp_streams *t = tcps_new(4096);
	const struct tcp_conn *k;
	uint32_t i;

	(void)st;
	for (i = 0; i < 5000; i++) {
		syn.frame = 2 * i + 1;
		data.frame = 2 * i + 2;
		feed_seg(t, isn, (uint16_t)(1024 + i), &syn);
		feed_seg(t, isn, (uint16_t)(1024 + i), &data);
	}
	tcps_finish(t);
	assert_int_equal(tcps_count(t), TCPS_MAX_CONNS);
	assert_int_equal(tcps_counters(t)->untracked, 2 * (5000 - TCPS_MAX_CONNS));
	assert_int_equal(tcps_counters(t)->segments, 10000);
	for (i = 0; i < TCPS_MAX_CONNS; i += 511) {
		k = the_conn(t, (uint16_t)(1024 + i));
		assert_non_null(k);
		assert_int_equal(k->syn_frame, 2 * i + 1);
		assert_int_equal(k->c2s.len, 1);
		assert_int_equal(tcps_frame_at(&k->c2s, 0), 2 * i + 2);
	}
	assert_null(the_conn(t, 1024 + 4999));
	tcps_free(t);

	/* A lower table limit. */
	t = tcps_new(4096);
	tcps_set_limits(t, 10, TCPS_MAX_TOTAL);
	for (i = 0; i < 20; i++)
		feed_seg(t, isn, (uint16_t)(1024 + i), &syn);
	assert_int_equal(tcps_count(t), 10);
	assert_int_equal(tcps_counters(t)->untracked, 10);
	tcps_free(t);
}

/* The memory for all streams, the held-range limit: data over them is dropped and counted. */
static void
test_memory_limits(void **st)
{
	static const uint32_t isn[2] = { 1, 2 };
	static char big[6001];
	struct tseg g = SEG(1, C, PA, 0, big), syn = SEG(1, C, TCP_SYN, -1, NULL);
	struct tcp_streams *t = tcps_new(1 << 20);
	const struct tcp_conn *k;
	uint32_t i;

	(void)st;
	memset(big, 'b', sizeof(big) - 1);
	tcps_set_limits(t, 100, 10000);
	feed_seg(t, isn, 2000, &g);
	feed_seg(t, isn, 2001, &g);
	tcps_finish(t);
	k = the_conn(t, 2000);
	assert_int_equal(k->c2s.len, 6000);
	assert_int_equal(k->c2s.dropped, 0);
	k = the_conn(t, 2001);
	assert_int_equal(k->c2s.len, 0);
	assert_int_equal(k->c2s.dropped, 1);
	tcps_free(t);

	/* Every other byte: one held range each, up to the limit. */
	t = tcps_new(1 << 20);
	g.data = "h";
	feed_seg(t, isn, 3000, &syn);
	for (i = 0; i < 1500; i++) {
		g.frame = i + 2;
		g.rel = 2 * (int64_t)i + 1;
		feed_seg(t, isn, 3000, &g);
	}
	tcps_finish(t);
	k = the_conn(t, 3000);
	assert_int_equal(k->c2s.len, 0);
	assert_int_equal(k->c2s.dropped, 1500 - 1024);
	/* A hole before each range held, and one after the last up to the highest seen. */
	assert_int_equal(k->c2s.gaps, 1025);
	tcps_free(t);

	/* One span per 64 bytes of the cap, at least 1024: one-byte segments reach it. */
	t = tcps_new(4096);
	feed_seg(t, isn, 4000, &syn);
	for (i = 0; i < 1100; i++) {
		g.frame = i + 2;
		g.rel = (int64_t)i;
		feed_seg(t, isn, 4000, &g);
	}
	tcps_finish(t);
	k = the_conn(t, 4000);
	assert_int_equal(k->c2s.len, 1024);
	assert_int_equal(k->c2s.nspans, 1024);
	assert_int_equal(k->c2s.dropped, 1100 - 1024);
	assert_int_equal(k->c2s.gaps, 1);
	assert_int_equal(k->c2s.lost_bytes, 1100 - 1024);
	assert_false(k->c2s.truncated);
	assert_int_equal(tcps_frame_at(&k->c2s, 1023), 1025);
	tcps_free(t);
}

/* Frames that are not whole TCP segments are counted and left alone. */
static void
test_ignored(void **st)
{
	uint8_t b[64];
	struct tcp_streams *t = tcps_new(4096);
	struct dec_pkt p;
	size_t n;

	(void)st;
	n = pb_udp(b, CLI, SRV, 64, 5000, 53, 0x1234);
	(void)dec_packet(b, (uint32_t)n, (uint32_t)n, DLT_RAW, &p);
	tcps_feed(t, 1, 0, &p);
	n = pb_tcp(b, CLI, SRV, 64, CPORT, SPORT, 1000, 0, TCP_SYN);
	(void)dec_packet(b, 30, (uint32_t)n, DLT_RAW, &p);	/* TCP header cut */
	assert_int_equal(p.status, DEC_TRUNCATED);
	tcps_feed(t, 2, 0, &p);
	(void)dec_packet(b, (uint32_t)n, (uint32_t)n, DLT_RAW, &p);
	tcps_feed(t, 3, 0, &p);
	tcps_finish(t);
	assert_int_equal(tcps_counters(t)->frames, 3);
	assert_int_equal(tcps_counters(t)->ignored, 2);
	assert_int_equal(tcps_count(t), 1);
	assert_int_equal(the_conn(t, CPORT)->syn_frame, 3);
	assert_int_equal(the_conn(t, CPORT)->c2s.isn, 1000);
	tcps_free(t);
}

/*
 * The last frame of a capture cut by the snap length, through the real
 * decoder: only its captured payload counts, the rest is a hole.
 */
static void
test_snapped_through_decoder(void **st)
{
	uint8_t b[64];
	struct tcp_streams *t = tcps_new(4096);
	const struct tcp_conn *k;
	struct dec_pkt p;
	size_t n;

	(void)st;
	n = pb_tcp(b, CLI, SRV, 64, CPORT, SPORT, 999, 0, TCP_SYN);
	(void)dec_packet(b, (uint32_t)n, (uint32_t)n, DLT_RAW, &p);
	tcps_feed(t, 1, 0, &p);
	n = pb_tcp(b, CLI, SRV, 64, CPORT, SPORT, 1000, 1, TCP_ACK | TCP_PSH);
	memcpy(b + n, "0123456789", 10);
	pb_put16(b + 2, (uint16_t)(n + 10));
	pb_put16(b + 10, 0);
	pb_put16(b + 10, pb_sum(b, 20, 0));
	(void)dec_packet(b, (uint32_t)n + 4, (uint32_t)n + 10, DLT_RAW, &p);
	assert_int_equal(p.status, DEC_OK);
	assert_int_equal(p.payload_len, 10);
	assert_int_equal(p.payload.len, 4);
	tcps_feed(t, 2, 0, &p);
	tcps_finish(t);
	k = the_conn(t, CPORT);
	assert_non_null(k);
	assert_int_equal(k->c2s.len, 4);
	assert_memory_equal(k->c2s.data, "0123", 4);
	assert_int_equal(k->c2s.snapped, 1);
	assert_int_equal(k->c2s.gaps, 1);
	assert_int_equal(k->c2s.lost_bytes, 6);
	tcps_free(t);
}

/*
 * A saved capture's streams, read as postprobe -r reads them (its
 * readers through replay_read(): the in-flow trace's copies kept out).
 */
static struct tcp_streams *
load_streams(const char *path)
{
	struct http_capture hc;
	struct tcp_streams *t;
	char err[256];

	if (load_http(path, &hc, err, sizeof(err)) != 0)
		fail_msg("%s: %s", path, err);
	t = hc.hr.ts;
	hc.hr.ts = NULL;
	free_http(&hc);
	return t;
}

static void
check_sha(const struct tcp_dir *d, size_t len, const char *sha)
{
	struct fl_sha256 *h = fl_sha256_new();
	char hex[65];

	assert_int_equal(d->len, len);
	fl_sha256_update(h, d->data, d->len);
	fl_sha256_final(h, hex);
	assert_string_equal(hex, sha);
}

/*
 * What tshark -q -z follow,tcp,raw,N shows for the book's captures
 * (lengths and SHA-256 of each direction's bytes).
 */
#define FAULT_POST_LEN	1369
#define FAULT_POST_SHA	"e20e861ed8673db6669a7da9f5051495fbfff77d6f2326acc435a5c17a7ed70e"
#define FAULT_403_LEN	1918
#define FAULT_403_SHA	"91d3f59ea41492b072e4979d2496f3185554bb5b45825eb2cd0b0617f135194c"
#define GOOGLE_GET_LEN	627
#define GOOGLE_GET_SHA	"16d68e90296a49de039443d5188b8a6cf7aace360162fa620731106816b5167e"
#define GOOGLE_200_LEN	4857
#define GOOGLE_200_SHA	"d98613e729a536eb03428626908dfe0bf74a5eb19946e4e2e96d6df6988ae32f"

static void
test_book_http_fault_post(void **st)
{
	static const struct {
		uint16_t	cport;
		uint32_t	syn, synack, ack, post, rsp1, rsp2, cfin, sfin;
	} want[] = {
		{ 2579, 0, 2, 3, 4, 8, 9, 17, 20 },
		{ 2580, 1, 5, 6, 7, 11, 12, 18, 23 },
	};
	struct tcp_streams *t = load_streams(SHARED_CAPTURES "/http-fault-post.pcap");
	const struct tcp_conn *k;
	struct fl_addr cli, srv;
	size_t i;

	(void)st;
	fl_addr_parse("24.4.97.251", &cli);
	fl_addr_parse("216.23.168.114", &srv);
	assert_int_equal(tcps_count(t), 2);
	/* The stray UDP frame 16 and the cut-short Messenger frame 25. */
	assert_int_equal(tcps_counters(t)->ignored, 2);
	for (i = 0; i < 2; i++) {
		k = tcps_find(t, &cli, want[i].cport, &srv, 80);
		assert_non_null(k);
		assert_int_equal(k->syn_frame, want[i].syn);
		assert_int_equal(k->synack_frame, want[i].synack);
		assert_int_equal(k->ack_frame, want[i].ack);
		assert_int_equal(k->mss_srv, 1460);
		assert_true(k->c2s.have_isn);
		/* Port 2579's SYN is not in the capture: its SYN/ACK tells the ISN. */
		assert_int_equal(k->c2s.isn_inferred, want[i].syn == 0);
		check_sha(&k->c2s, FAULT_POST_LEN, FAULT_POST_SHA);
		check_sha(&k->s2c, FAULT_403_LEN, FAULT_403_SHA);
		assert_memory_equal(k->c2s.data, "POST /flashmail.asp HTTP/1.1\r\n", 30);
		assert_memory_equal(k->s2c.data, "HTTP/1.1 403 Forbidden\r\n", 24);
		assert_int_equal(k->c2s.nspans, 1);
		assert_int_equal(tcps_frame_at(&k->c2s, 0), want[i].post);
		assert_int_equal(tcps_frame_at(&k->c2s, FAULT_POST_LEN - 1), want[i].post);
		/* The response spans two segments: the status line in the first. */
		assert_int_equal(k->s2c.nspans, 2);
		assert_int_equal(tcps_frame_at(&k->s2c, 0), want[i].rsp1);
		assert_int_equal(tcps_frame_at(&k->s2c, 1459), want[i].rsp1);
		assert_int_equal(tcps_frame_at(&k->s2c, 1460), want[i].rsp2);
		assert_int_equal(tcps_frame_at(&k->s2c, FAULT_403_LEN - 1), want[i].rsp2);
		assert_int_equal(tcps_frame_at(&k->s2c, FAULT_403_LEN), 0);
		assert_true(k->c2s.fin);
		assert_true(k->s2c.fin);
		assert_int_equal(k->c2s.fin_frame, want[i].cfin);
		assert_int_equal(k->s2c.fin_frame, want[i].sfin);
		assert_int_equal(k->c2s.gaps + k->s2c.gaps, 0);
		assert_int_equal(k->c2s.retransmits + k->s2c.retransmits, 0);
		assert_int_equal(k->c2s.conflicts + k->s2c.conflicts, 0);
		/* Two data segments, the dup ACK and the FIN/ACKs are segments too. */
		assert_int_equal(k->s2c.data_segments, 2);
		assert_int_equal(k->c2s.data_segments, 1);
		assert_false(k->c2s.rst || k->s2c.rst);
	}
	tcps_free(t);
}

static void
test_book_http_google(void **st)
{
	struct tcp_streams *t = load_streams(SHARED_CAPTURES "/http_google.pcapng");
	const struct tcp_conn *k;
	struct fl_addr cli, srv;

	(void)st;
	fl_addr_parse("172.16.16.128", &cli);
	fl_addr_parse("74.125.95.104", &srv);
	assert_int_equal(tcps_count(t), 1);
	k = tcps_find(t, &cli, 1606, &srv, 80);
	assert_non_null(k);
	assert_int_equal(k->syn_frame, 1);
	assert_int_equal(k->synack_frame, 2);
	assert_int_equal(k->ack_frame, 3);
	assert_int_equal(k->mss_cli, 1460);
	assert_int_equal(k->mss_srv, 1406);
	check_sha(&k->c2s, GOOGLE_GET_LEN, GOOGLE_GET_SHA);
	check_sha(&k->s2c, GOOGLE_200_LEN, GOOGLE_200_SHA);
	assert_int_equal(tcps_frame_at(&k->c2s, 0), 4);
	assert_int_equal(tcps_frame_at(&k->s2c, 0), 6);
	assert_int_equal(tcps_frame_at(&k->s2c, 1406), 7);
	assert_int_equal(tcps_frame_at(&k->s2c, 2812), 9);
	assert_int_equal(tcps_frame_at(&k->s2c, 4218), 10);
	assert_int_equal(tcps_frame_at(&k->s2c, 4320), 12);
	assert_int_equal(tcps_frame_at(&k->s2c, GOOGLE_200_LEN - 1), 12);
	assert_int_equal(k->s2c.nspans, 5);
	assert_int_equal(k->s2c.gaps, 0);
	assert_false(k->s2c.fin);
	tcps_free(t);
}

int
main(void)
{
	enum { NCASES = sizeof(cases) / sizeof(cases[0]) };
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_isn_inferred),
		cmocka_unit_test(test_finish_twice),
		cmocka_unit_test(test_port_reuse),
		cmocka_unit_test(test_many_connections),
		cmocka_unit_test(test_memory_limits),
		cmocka_unit_test(test_ignored),
		cmocka_unit_test(test_snapped_through_decoder),
		cmocka_unit_test(test_book_http_fault_post),
		cmocka_unit_test(test_book_http_google),
	};
	static struct CMUnitTest tests[2 * NCASES + sizeof(fixed) / sizeof(fixed[0])];
	static char names[NCASES][160];
	size_t i, n = 0;

	/* One named test per table row, then each row with every segment doubled. */
	for (i = 0; i < NCASES; i++) {
		memset(&tests[n], 0, sizeof(tests[n]));
		tests[n].name = cases[i].name;
		tests[n].test_func = run_case;
		tests[n].initial_state = (void *)(uintptr_t)&cases[i];
		n++;
	}
	for (i = 0; i < NCASES; i++) {
		snprintf(names[i], sizeof(names[i]), "%s (doubled)", cases[i].name);
		memset(&tests[n], 0, sizeof(tests[n]));
		tests[n].name = names[i];
		tests[n].test_func = run_case_doubled;
		tests[n].initial_state = (void *)(uintptr_t)&cases[i];
		n++;
	}
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		tests[n++] = fixed[i];
	return _cmocka_run_group_tests("tcpstream", tests, n, NULL, NULL);
}
