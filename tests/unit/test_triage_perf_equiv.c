/*
 * Shortcuts taken for pcap-triage's speed give what the plain code gave:
 * flowtab_hash's one-load tail equals the zero-padded copy of the tail
 * (the hash picks buckets and feeds distinct counts that are reported),
 * a flow touched again while it is the last used keeps the use list's
 * order, an entry made from a dropped one's memory starts zeroed, and a
 * small stream table (searched, not hashed) finds the latest connection
 * on a tuple as the hashed table does, and a stream table emptied by
 * tcps_reset() reads a connection as a new one does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/flow/tcpstream.h"
#include "analyze/pcap_triage/flowtab.h"
#include "pktbuild.h"

/* flowtab_hash as it was written before the tail took one load. */
static uint32_t
ref_hash(const void *p, size_t n, uint32_t seed)
{
	const uint8_t *b = p;
	uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ull), w;

	for (; n >= 8; b += 8, n -= 8) {
		memcpy(&w, b, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, b, n);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return (uint32_t)h;
}

static void
test_hash_tail(void **st)
{
	uint8_t buf[64 + 8];
	uint32_t x = 2463534242u;
	size_t n, off, i;
	int round;

	(void)st;
	for (round = 0; round < 200; round++) {
		for (i = 0; i < sizeof(buf); i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			buf[i] = (uint8_t)x;
		}
		/* every length, at every alignment, with bytes around it that must not count */
		for (off = 0; off < 8; off++)
			for (n = 0; n <= 64; n++)
				assert_int_equal(flowtab_hash(buf + off, n, (uint32_t)round),
				    ref_hash(buf + off, n, (uint32_t)round));
	}
}

static char order[64];
static size_t norder;

static void
note_done(void *ctx, void *data, bool evicted)
{
	(void)ctx;
	(void)evicted;
	if (norder < sizeof(order) - 1)
		order[norder++] = (char)*(const uint8_t *)data;
}

static void *
touch(struct flowtab *t, char k, int64_t ts)
{
	uint8_t key[17];
	uint8_t *d;
	bool created;

	memset(key, 0, sizeof(key));
	key[16] = (uint8_t)k;
	d = flowtab_get(t, key, ts, 100, true, &created);
	assert_non_null(d);
	*d = (uint8_t)k;
	return d;
}

/*
 * Touches of the last used flow (skipped relinking) among touches of
 * others: eviction, expiry and the drain at the end go in the order of
 * last use, as before.
 */
static void
test_lru_order(void **st)
{
	struct flowtab *t = flowtab_new(17, 1, 4, note_done, NULL);

	(void)st;
	assert_non_null(t);
	norder = 0;
	touch(t, 'a', 1);
	touch(t, 'b', 2);
	touch(t, 'b', 3);	/* already last */
	touch(t, 'c', 4);
	touch(t, 'a', 5);	/* a moves after c */
	touch(t, 'a', 6);	/* already last */
	touch(t, 'd', 7);
	touch(t, 'b', 8);	/* order now c, a, d, b */
	touch(t, 'e', 9);	/* full: c, the least recently used, goes */
	assert_int_equal(norder, 1);
	assert_int_equal(order[0], 'c');
	touch(t, 'e', 10);
	touch(t, 'a', 60);	/* d, b, e, a */
	flowtab_expire(t, 108);	/* idle past 100: d (7) only */
	assert_int_equal(norder, 2);
	assert_int_equal(order[1], 'd');
	flowtab_drain(t);
	order[norder] = '\0';
	assert_string_equal(order, "cdbea");
	flowtab_free(t);
}

static struct dec_pkt
seg(bool from_cli, uint16_t cport, uint32_t seq, uint8_t flags, const char *data)
{
	struct dec_pkt p;

	memset(&p, 0, sizeof(p));
	p.status = DEC_OK;
	fl_addr_v4(&p.ip.src, from_cli ? A(10, 0, 0, 1) : A(10, 0, 0, 2));
	fl_addr_v4(&p.ip.dst, from_cli ? A(10, 0, 0, 2) : A(10, 0, 0, 1));
	p.ip.proto = 6;
	p.ip.ttl = 64;
	p.l4.have = L4_PORTS | L4_TCPSEQ | L4_TCPHDR;
	p.l4.sport = from_cli ? cport : 80;
	p.l4.dport = from_cli ? 80 : cport;
	p.l4.seq = seq;
	p.l4.ack = 0;
	p.l4.tcp_flags = flags;
	p.payload = cur_make((const uint8_t *)(data ? data : ""), data ? strlen(data) : 0);
	p.payload_len = (uint32_t)p.payload.len;
	return p;
}

/* Three tuples, one used twice (a new SYN after a RST), data both ways. */
static void
feed_all(struct tcp_streams *t)
{
	static const struct {
		bool		 cli;
		uint16_t	 port;
		uint32_t	 seq;
		uint8_t		 flags;
		const char	*data;
	} g[] = {
		{ true, 40000, 100, TCP_SYN, NULL },
		{ true, 40001, 500, TCP_SYN, NULL },
		{ true, 40000, 101, TCP_ACK, "GET /a HTTP/1.1\r\n\r\n" },
		{ false, 40000, 9000, TCP_ACK, "HTTP/1.1 200 OK\r\n" },
		{ true, 40001, 501, TCP_ACK, "GET /b" },
		{ true, 40000, 122, TCP_RST, NULL },
		{ true, 40000, 7000, TCP_SYN, NULL },
		{ true, 40000, 7001, TCP_ACK, "GET /c" },
		{ false, 40002, 300, TCP_ACK, "late" },
		{ true, 40001, 507, TCP_ACK, " HTTP/1.1\r\n" },
	};
	struct dec_pkt p;
	size_t i;

	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		p = seg(g[i].cli, g[i].port, g[i].seq, g[i].flags, g[i].data);
		tcps_feed(t, (uint32_t)i + 1, (int64_t)i, &p);
	}
	tcps_finish(t);
}

/* An entry made from a dropped one's memory starts zeroed, as a fresh one does. */
static void
test_spare_zeroed(void **st)
{
	struct flowtab *t = flowtab_new(17, 64, 100, NULL, NULL);
	uint8_t key[17], *d;
	bool created;
	int i, k;

	(void)st;
	assert_non_null(t);
	memset(key, 0, sizeof(key));
	for (k = 0; k < 50; k++) {
		key[0] = (uint8_t)k;
		d = flowtab_get(t, key, k, 1, true, &created);
		assert_non_null(d);
		assert_true(created);
		for (i = 0; i < 64; i++)
			assert_int_equal(d[i], 0);
		memset(d, 0xee, 64);
		if (k % 3 == 0)
			flowtab_remove(t, d);
		flowtab_expire(t, k);	/* entries idle past 1 go, and their memory is kept */
	}
	assert_true(flowtab_count(t) <= 2);
	key[0] = 49;
	assert_non_null(flowtab_get(t, key, 49, 1, false, NULL));
	flowtab_free(t);
}

/*
 * A table of a few connections is searched from the latest back, a
 * larger one hashed: both find the same connection for every segment
 * (the latest on a reused tuple) and by tcps_find.
 */
static void
test_small_table_search(void **st)
{
	struct tcp_streams *small = tcps_new_bounded(4096, 8, 1 << 20);
	struct tcp_streams *big = tcps_new_bounded(4096, 64, 1 << 20);
	struct fl_addr cli, srv;
	const struct tcp_conn *a, *b;
	uint16_t port;
	size_t i;

	(void)st;
	assert_non_null(small);
	assert_non_null(big);
	feed_all(small);
	feed_all(big);
	assert_int_equal(tcps_count(small), 4);
	assert_int_equal(tcps_count(big), 4);
	assert_int_equal(tcps_counters(small)->reused, 1);
	assert_int_equal(tcps_counters(big)->reused, 1);
	for (i = 0; i < 4; i++) {
		a = tcps_conn(small, i);
		b = tcps_conn(big, i);
		assert_int_equal(a->cport, b->cport);
		assert_int_equal(a->first_frame, b->first_frame);
		assert_int_equal(a->last_frame, b->last_frame);
		assert_int_equal(a->c2s.len, b->c2s.len);
		assert_int_equal(a->s2c.len, b->s2c.len);
		assert_int_equal(a->c2s.segments, b->c2s.segments);
		assert_int_equal(a->s2c.segments, b->s2c.segments);
		assert_memory_equal(a->c2s.data, b->c2s.data, a->c2s.len);
	}
	assert_int_equal(tcps_conn(small, 1)->c2s.len, 17);	/* "GET /b HTTP/1.1" CRLF */
	assert_int_equal(tcps_conn(small, 2)->c2s.len, 6);	/* the tuple's second connection */
	fl_addr_v4(&cli, A(10, 0, 0, 1));
	fl_addr_v4(&srv, A(10, 0, 0, 2));
	for (port = 39999; port <= 40003; port++) {
		a = tcps_find(small, &cli, port, &srv, 80);
		b = tcps_find(big, &cli, port, &srv, 80);
		assert_int_equal(a != NULL, b != NULL);
		if (a != NULL)
			assert_int_equal(a->first_frame, b->first_frame);
		assert_null(tcps_find(small, &srv, 80, &cli, port == 40002 ? 1 : port));
	}
	assert_int_equal(tcps_find(small, &cli, 40000, &srv, 80)->first_frame, 7);
	tcps_free(small);
	tcps_free(big);
}

/* Same streams, segment counts and limits: what a reader reads from a table. */
static void
same_tables(struct tcp_streams *a, struct tcp_streams *b)
{
	const struct tcp_conn *x, *y;
	size_t i;

	assert_int_equal(tcps_count(a), tcps_count(b));
	assert_memory_equal(tcps_counters(a), tcps_counters(b), sizeof(struct tcps_counters));
	for (i = 0; i < tcps_count(a); i++) {
		x = tcps_conn(a, i);
		y = tcps_conn(b, i);
		assert_int_equal(x->c2s.len, y->c2s.len);
		assert_int_equal(x->s2c.len, y->s2c.len);
		assert_int_equal(x->c2s.nspans, y->c2s.nspans);
		assert_int_equal(x->s2c.dropped, y->s2c.dropped);
		assert_int_equal(x->s2c.truncated, y->s2c.truncated);
		assert_int_equal(x->s2c.gaps, y->s2c.gaps);
		assert_int_equal(x->c2s.data == NULL, y->c2s.data == NULL);
		if (x->c2s.len > 0)
			assert_memory_equal(x->c2s.data, y->c2s.data, x->c2s.len);
		if (x->s2c.len > 0)
			assert_memory_equal(x->s2c.data, y->s2c.data, x->s2c.len);
	}
}

/* A long response in segments, with a hole: more than the table's memory bound lets it keep. */
static void
feed_long(struct tcp_streams *t, uint16_t port)
{
	static char chunk[1001];
	struct dec_pkt p;
	uint32_t seq = 9000;
	int i;

	memset(chunk, 'x', sizeof(chunk) - 1);
	p = seg(true, port, 100, TCP_SYN, NULL);
	tcps_feed(t, 1, 1, &p);
	p = seg(true, port, 101, TCP_ACK, "GET /big HTTP/1.1\r\n\r\n");
	tcps_feed(t, 2, 2, &p);
	for (i = 0; i < 40; i++, seq += 1000) {
		if (i == 30)
			continue;
		p = seg(false, port, seq, TCP_ACK, chunk);
		tcps_feed(t, (uint32_t)i + 3, i + 3, &p);
	}
	tcps_finish(t);
}

/*
 * A table emptied by tcps_reset() (its streams' memory kept) reads the
 * next connection as a new table does, up to the same limits: small
 * streams after a large one, a large one after small ones.
 */
static void
test_reset_as_new(void **st)
{
	struct tcp_streams *used = tcps_new_bounded(16384, 1, 24000);
	struct tcp_streams *fresh;

	(void)st;
	assert_non_null(used);
	feed_long(used, 40000);
	tcps_reset(used);
	assert_int_equal(tcps_count(used), 0);
	fresh = tcps_new_bounded(16384, 1, 24000);
	feed_all(used);
	feed_all(fresh);
	same_tables(used, fresh);
	tcps_free(fresh);
	tcps_reset(used);
	fresh = tcps_new_bounded(16384, 1, 24000);
	feed_long(used, 40001);
	feed_long(fresh, 40001);
	same_tables(used, fresh);
	assert_true(tcps_conn(fresh, 0)->s2c.dropped > 0 || tcps_conn(fresh, 0)->s2c.truncated);
	tcps_free(fresh);
	tcps_free(used);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_tail),
		cmocka_unit_test(test_lru_order),
		cmocka_unit_test(test_spare_zeroed),
		cmocka_unit_test(test_small_table_search),
		cmocka_unit_test(test_reset_as_new),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
