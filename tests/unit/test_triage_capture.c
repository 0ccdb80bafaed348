/*
 * The capture's own defects (capture.c), on its own as a probe command
 * would add it, and through pcap-triage: exact copies, copies after a
 * router, one direction only, bytes acknowledged but not captured,
 * checksum offload; none is a network fault.  Also the finding model's
 * ranking and the flow table's bounds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_triage.h"
#include "analyze/pcap_triage/flowtab.h"

#define ACK	0x10
#define PSH	0x08

static struct scene sc;

/* Copies of frames: a mirror's exact one, and a router's with the TTL one lower and other MACs. */
static void
test_copies(void **st)
{
	struct node a = node(IP4(10, 0, 1, 2), 1), b = node(IP4(10, 0, 2, 2), 2);
	uint8_t r_in[6] = { 0x02, 0, 0, 0, 0, 0x10 }, r_out[6] = { 0x02, 0, 0, 0, 0, 0x11 };
	struct triage *t;
	const struct tri_finding *f;
	const struct cdef_stats *s;
	int i;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	for (i = 0; i < 10; i++) {
		sc_tcp(&sc, i * 10 * MS, &a, NULL, 40000, &b, r_in, 80, 1000 + (uint32_t)i * 100, 1,
		    PSH | ACK, 500, "0123456789", 10, 64);
		/* The same packet after the router: TTL 63, the router's MAC as source. */
		memcpy(sc.b[sc.n], sc.b[sc.n - 1], sc.len[sc.n - 1]);
		sc.len[sc.n] = sc.len[sc.n - 1];
		sc.ts[sc.n] = sc.ts[sc.n - 1] + 50000;
		memcpy(sc.b[sc.n] + 6, r_out, 6);
		memcpy(sc.b[sc.n], b.mac, 6);
		sc.b[sc.n][14 + 8] = 63;
		sc.n++;
	}
	/* And one exact copy (a mirror port). */
	memcpy(sc.b[sc.n], sc.b[0], sc.len[0]);
	sc.len[sc.n] = sc.len[0];
	sc.ts[sc.n] = sc.ts[0] + 1000;
	sc.n++;
	t = sc_run(&sc, NULL);
	s = cdef_stats(t->cdef);
	assert_int_equal(s->fd->router_dups, 10);
	assert_int_equal(s->fd->exact_dups, 0);	/* the last frame, out of time order, copies no recent one */
	f = tri_find(t, "router-copies");
	assert_non_null(f);
	assert_int_equal(f->layer, TL_CAPTURE);
	assert_int_equal(f->side, FAULT_NONE);
	assert_non_null(strstr(f->summary, "02:00:00:00:00:11"));
	/* The copies reach no other reader: no retransmission, no fault. */
	assert_null(t->top);
	triage_free(t);

	memset(&sc, 0, sizeof(sc));
	sc_tcp(&sc, 0, &a, NULL, 40000, &b, NULL, 80, 1000, 1, PSH | ACK, 500, "0123456789", 10, 64);
	memcpy(sc.b[1], sc.b[0], sc.len[0]);
	sc.len[1] = sc.len[0];
	sc.ts[1] = 300000;
	sc.n = 2;
	t = sc_run(&sc, NULL);
	assert_int_equal(cdef_stats(t->cdef)->fd->exact_dups, 1);
	assert_non_null(tri_find(t, "duplicate-frames"));
	triage_free(t);
}

/* Only one direction: data keeps being acknowledged, the peer's packets never seen. */
static void
test_one_way(void **st)
{
	struct node a = node(IP4(10, 0, 1, 2), 1), b = node(IP4(10, 0, 2, 2), 2);
	struct triage *t;
	int i;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	for (i = 0; i < 20; i++)
		sc_tcp(&sc, i * 10 * MS, &a, NULL, 40000, &b, NULL, 80, 1000, 5000 + (uint32_t)i * 1000, ACK,
		    500, NULL, 0, 64);
	t = sc_run(&sc, NULL);
	assert_int_equal(cdef_stats(t->cdef)->oneway_flows, 1);
	assert_non_null(tri_find(t, "one-directional"));
	assert_null(t->top);
	/* No fault, but none could be seen: the verdict says so (exit status 2), never "no-fault". */
	assert_string_equal(t->v.kind, "cannot-judge");
	assert_int_equal(t->v.fault, FAULT_UNKNOWN);
	assert_int_equal(t->v.confidence, CONF_AMBIGUOUS);
	assert_non_null(strstr(t->v.summary, "1 of its 1 TCP connections were captured one way only"));
	triage_free(t);
}

/* The receiver acknowledges bytes the capture never saw: the capture dropped them. */
static void
test_acked_unseen(void **st)
{
	struct node a = node(IP4(10, 0, 1, 2), 1), b = node(IP4(10, 0, 2, 2), 2);
	static char data[1000];
	struct triage *t;
	const struct tri_finding *f;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_tcp(&sc, 0, &b, NULL, 80, &a, NULL, 40000, 5000, 1000, PSH | ACK, 500, data, 1000, 63);
	sc_tcp(&sc, 1 * MS, &a, NULL, 40000, &b, NULL, 80, 1000, 6000, ACK, 500, NULL, 0, 64);
	/* 6000..7000 never captured */
	sc_tcp(&sc, 2 * MS, &b, NULL, 80, &a, NULL, 40000, 7000, 1000, PSH | ACK, 500, data, 1000, 63);
	sc_tcp(&sc, 3 * MS, &a, NULL, 40000, &b, NULL, 80, 1000, 8000, ACK, 500, NULL, 0, 64);
	t = sc_run(&sc, NULL);
	assert_int_equal(cdef_stats(t->cdef)->unseen_bytes, 1000);
	f = tri_find(t, "capture-dropped");
	assert_non_null(f);
	assert_true(tri_cites(f, 4));
	assert_null(tri_find(t, "packet-loss"));
	/* A gap too small to hide a fault, in a capture of 4 frames: still judged. */
	assert_string_equal(t->v.kind, "no-fault");
	triage_free(t);
}

/* Bad checksums on this host's own packets are offload. */
static void
test_offload(void **st)
{
	struct node a = node(IP4(10, 0, 1, 2), 1), b = node(IP4(10, 0, 2, 2), 2);
	struct triage *t;
	const struct tri_finding *f;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_tcp(&sc, 0, &a, NULL, 40000, &b, NULL, 80, 1000, 1, PSH | ACK, 500, "abc", 3, 64);
	sc.b[0][14 + 20 + 16] ^= 0x55;		/* the TCP checksum as the NIC has not filled it in */
	t = sc_run(&sc, NULL);
	f = tri_find(t, "checksum-offload");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_NOTE);
	assert_null(tri_find(t, "checksum-errors"));
	triage_free(t);
}

/*
 * Received from a server three hops away: TCP checksums wrong on some
 * segments and right on others, the IPv4 headers right (a virtual link,
 * or what passed netfilter's queue filled in): offload, a note.  Two
 * IPv4 headers with a wrong checksum: corruption, a warning.
 */
static void
test_received_checksums(void **st)
{
	struct node a = node(IP4(10, 0, 1, 2), 1), b = node(IP4(10, 0, 2, 2), 2);
	struct triage *t;
	const struct tri_finding *f;
	int i, pass;

	(void)st;
	for (pass = 0; pass < 2; pass++) {
		memset(&sc, 0, sizeof(sc));
		for (i = 0; i < 10; i++) {
			sc_tcp(&sc, i * MS, &b, NULL, 80, &a, NULL, 40000, 5000 + (uint32_t)i * 3, 1000,
			    PSH | ACK, 500, "abc", 3, 61);
			if (i % 3 == 0)
				sc.b[sc.n - 1][14 + 20 + 16] ^= 0x55;	/* TCP's, unfilled */
			if (pass == 1 && i % 5 == 1)
				sc.b[sc.n - 1][14 + 10] ^= 0x21;	/* the IPv4 header's */
		}
		t = sc_run(&sc, NULL);
		f = tri_find(t, "checksum-offload");
		assert_non_null(f);
		assert_int_equal(f->sev, TRI_NOTE);
		assert_int_equal((int)tri_finding_get(f, "frames"), pass == 0 ? 4 : 3);	/* 6: both */
		f = tri_find(t, "checksum-errors");
		if (pass == 0) {
			assert_null(f);
		} else {
			assert_non_null(f);
			assert_int_equal(f->sev, TRI_WARNING);
			assert_int_equal((int)tri_finding_get(f, "frames"), 2);
		}
		triage_free(t);
	}
}

/* Through cdef alone, as a probe command would read with it. */
static void
test_cdef_alone(void **st)
{
	struct node a = node(IP4(10, 0, 1, 2), 1), b = node(IP4(10, 0, 2, 2), 2);
	struct cdef *d = cdef_new(16);
	struct readers rd;

	(void)st;
	assert_non_null(d);
	memset(&sc, 0, sizeof(sc));
	sc_tcp(&sc, 0, &a, NULL, 40000, &b, NULL, 80, 1000, 1, PSH | ACK, 500, "abc", 3, 64);
	readers_init(&rd);
	readers_add(&rd, cdef_reader, d);
	readers_frame(&rd, 1, 1000, sc.b[0], sc.len[0], sc.len[0], DLT_EN10MB);
	readers_frame(&rd, 2, 1500, sc.b[0], sc.len[0], sc.len[0], DLT_EN10MB);
	cdef_finish(d);
	assert_int_equal(cdef_stats(d)->fd->exact_dups, 1);
	assert_int_equal(cdef_stats(d)->fd->exact_frame, 2);
	cdef_free(d);
}

/* Faults before warnings before notes; in each, the dependency order; merging of the same finding. */
static void
test_ranking(void **st)
{
	struct tri_findings l;
	struct tri_finding *f;
	struct fl_addr a;
	bool merged;

	(void)st;
	memset(&l, 0, sizeof(l));
	fl_addr_v4(&a, 1);
	(void)tri_finding_add(&l, TRI_NOTE, TL_LINK, "n", &a, 0, 1, 10, NULL);
	(void)tri_finding_add(&l, TRI_FAULT, TL_APP, "app", &a, 80, 2, 5, NULL);
	(void)tri_finding_add(&l, TRI_FAULT, TL_DNS, "dns", &a, 53, 3, 20, NULL);
	(void)tri_finding_add(&l, TRI_WARNING, TL_ARP, "w", &a, 0, 4, 1, NULL);
	f = tri_finding_add(&l, TRI_FAULT, TL_APP, "app", &a, 80, 5, 6, &merged);
	assert_true(merged);
	assert_int_equal(f->count, 2);
	tri_findings_rank(&l);
	assert_string_equal(l.v[0].kind, "dns");
	assert_string_equal(l.v[1].kind, "app");
	assert_string_equal(l.v[2].kind, "w");
	assert_string_equal(l.v[3].kind, "n");
	assert_string_equal(tri_findings_top(&l)->kind, "dns");
	tri_findings_free(&l);
}

static int expired;

static void
count_done(void *ctx, void *data, bool evicted)
{
	(void)ctx;
	(void)data;
	expired += evicted ? 100 : 1;
}

/* The table forgets idle flows in capture time and never holds more than its bound. */
static void
test_flowtab(void **st)
{
	struct flowtab *t = flowtab_new(4, 8, 3, count_done, NULL);
	uint32_t k;
	bool created;

	(void)st;
	assert_non_null(t);
	expired = 0;
	for (k = 0; k < 3; k++)
		assert_non_null(flowtab_get(t, &k, (int64_t)k, 10, true, &created));
	assert_int_equal(flowtab_count(t), 3);
	k = 9;
	assert_non_null(flowtab_get(t, &k, 5, 10, true, &created));	/* the oldest goes */
	assert_int_equal(expired, 100);
	assert_int_equal(flowtab_count(t), 3);
	assert_int_equal(flowtab_evicted(t), 1);
	flowtab_expire(t, 14);		/* flows 1 and 2 idle 13 and 12 > 10; 9 only 9 */
	assert_int_equal(flowtab_count(t), 1);
	assert_int_equal(expired, 102);
	flowtab_drain(t);
	assert_int_equal(flowtab_count(t), 0);
	flowtab_free(t);
}

/*
 * The bucket array grows with the flows (16 buckets at first): every
 * entry is still found, with its data, after several doublings, keys of
 * a length that is not a multiple of 8 included; removed ones are gone.
 */
static void
test_flowtab_grows(void **st)
{
	struct flowtab *t = flowtab_new(13, sizeof(uint32_t), 5000, NULL, NULL);
	uint8_t key[13];
	uint32_t i, h, *v;
	bool created;

	(void)st;
	assert_non_null(t);
	memset(key, 0xa5, sizeof(key));
	for (i = 0; i < 5000; i++) {
		memcpy(key + 9, &i, 4);
		v = flowtab_get(t, key, 1, 1000, true, &created);
		assert_non_null(v);
		assert_true(created);
		*v = i * 7;
	}
	assert_int_equal(flowtab_count(t), 5000);
	assert_int_equal(flowtab_evicted(t), 0);
	for (i = 0; i < 5000; i++) {
		memcpy(key + 9, &i, 4);
		v = flowtab_get(t, key, 2, 1000, false, &created);
		assert_non_null(v);
		assert_false(created);
		assert_int_equal(*v, i * 7);
		assert_memory_equal(flowtab_key(t, v), key, sizeof(key));
		if (i % 2 == 0)
			flowtab_remove(t, v);
	}
	assert_int_equal(flowtab_count(t), 2500);
	for (i = 0; i < 5000; i++) {
		memcpy(key + 9, &i, 4);
		v = flowtab_get(t, key, 3, 1000, false, NULL);
		if (i % 2 == 0)
			assert_null(v);
		else
			assert_int_equal(*v, i * 7);
	}
	/* One byte apart, anywhere in the key: another flow. */
	memset(key, 0xa5, sizeof(key));
	key[0] ^= 1;
	assert_null(flowtab_get(t, key, 3, 1000, false, NULL));
	h = flowtab_hash(key, 13, 0);
	key[0] ^= 1;
	assert_int_not_equal(h, flowtab_hash(key, 13, 0));
	assert_int_not_equal(flowtab_hash(key, 12, 0), flowtab_hash(key, 13, 0));
	flowtab_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copies),
		cmocka_unit_test(test_one_way),
		cmocka_unit_test(test_acked_unseen),
		cmocka_unit_test(test_received_checksums),
		cmocka_unit_test(test_offload),
		cmocka_unit_test(test_cdef_alone),
		cmocka_unit_test(test_ranking),
		cmocka_unit_test(test_flowtab),
		cmocka_unit_test(test_flowtab_grows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
