/*
 * pcap-triage's ICMP reader (icmp.c): unreachables with the router that
 * sent them and what they quote, fragmentation needed with its MTU,
 * redirects, and time exceeded: a traceroute's low TTLs are normal, a
 * packet sent with an ordinary TTL that keeps expiring is a loop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_triage.h"

static struct scene sc;

static void
test_unreachables(void **st)
{
	struct node h = node(IP4(10, 2, 10, 2), 1), gw = node(IP4(10, 2, 99, 99), 2);
	struct node far = node(IP4(10, 4, 88, 88), 0);
	static const struct {
		uint8_t		 code;
		const char	*kind;
	} cases[] = {
		{ 0, "net-unreachable" }, { 1, "host-unreachable" }, { 13, "admin-prohibited" },
		{ 10, "admin-prohibited" },
	};
	struct triage *t;
	char a[FL_ADDRSTRLEN];
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&sc, 0, sizeof(sc));
		sc_echo(&sc, 0, &h, &far, gw.mac, 8, 1, 64);
		sc_icmp_err(&sc, 2 * MS, &gw, h.mac, 3, cases[i].code, 0, 255);
		t = sc_run(&sc, NULL);
		assert_non_null(t->top);
		assert_string_equal(t->top->kind, cases[i].kind);
		assert_int_equal(t->top->side, FAULT_PATH);
		assert_int_equal(t->top->who, TW_ROUTER);
		assert_string_equal(verdict_addr(&t->top->addr, a), "10.2.99.99");
		assert_true(tri_cites(t->top, 1) && tri_cites(t->top, 2));
		triage_free(t);
	}
	/* From the destination itself: the server's side. */
	memset(&sc, 0, sizeof(sc));
	sc_echo(&sc, 0, &h, &far, gw.mac, 8, 1, 64);
	sc_icmp_err(&sc, 20 * MS, &far, h.mac, 3, 10, 0, 60);
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_int_equal(t->top->side, FAULT_SERVER);
	triage_free(t);
}

/* A UDP traceroute: low TTLs expire, the destination answers port unreachable; no fault. */
static void
test_traceroute_normal(void **st)
{
	struct node h = node(IP4(192, 168, 1, 10), 1), gw = node(IP4(192, 168, 1, 1), 2);
	struct node dst = node(IP4(203, 0, 113, 9), 0), r[4];
	struct triage *t;
	const struct tri_finding *f;
	int ttl, k = 0;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	r[0] = gw;
	r[1] = node(IP4(198, 51, 100, 1), 0);
	r[2] = node(IP4(198, 51, 100, 2), 0);
	r[3] = dst;
	for (ttl = 1; ttl <= 4; ttl++) {
		sc_udp(&sc, (ttl * 100) * MS, &h, NULL, 40000, &dst, gw.mac, (uint16_t)(33433 + ttl),
		    "probe", 5, (uint8_t)ttl);
		k = sc.n - 1;
		if (ttl < 4)
			sc_icmp_err(&sc, (ttl * 100 + ttl * 3) * MS, &r[ttl - 1], h.mac, 11, 0, k, 255);
		else
			sc_icmp_err(&sc, (ttl * 100 + 12) * MS, &dst, h.mac, 3, 3, k, 60);
	}
	t = sc_run(&sc, NULL);
	if (t->top != NULL)
		fail_msg("a fault: %s: %s", t->top->kind, t->top->summary);
	f = tri_find(t, "traceroute");
	assert_non_null(f);
	assert_int_equal((int)tri_finding_get(f, "hops"), 4);
	assert_null(tri_find(t, "udp-port-unreachable"));
	triage_free(t);
}

/* Packets sent with TTL 64 expiring, again and again: a routing loop. */
static void
test_loop(void **st)
{
	struct node h = node(IP4(192, 168, 1, 10), 1), gw = node(IP4(192, 168, 1, 1), 2);
	struct node dst = node(IP4(203, 0, 113, 9), 0), loop = node(IP4(198, 51, 100, 7), 0);
	struct triage *t;
	int i;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	for (i = 0; i < 3; i++) {
		sc_echo(&sc, i * 1000, &h, &dst, gw.mac, 8, (uint16_t)i, 64);
		sc_icmp_err(&sc, (i * 1000 + 80) * MS, &loop, h.mac, 11, 0, sc.n - 1, 250);
	}
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "routing-loop");
	assert_int_equal((int)tri_finding_get(t->top, "expired"), 3);
	triage_free(t);
}

/* Fragmentation needed names the MTU; a redirect is a warning about this host's routes. */
static void
test_frag_redirect(void **st)
{
	struct node h = node(IP4(192, 168, 1, 10), 1), gw = node(IP4(192, 168, 1, 1), 2);
	struct node dst = node(IP4(203, 0, 113, 9), 0);
	uint8_t m[64];
	struct triage *t;
	const struct tri_finding *f;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_tcp(&sc, 0, &h, NULL, 40000, &dst, gw.mac, 443, 1000, 2000, 0x18, 500, "0123456789", 10, 64);
	memset(m, 0, sizeof(m));
	m[0] = 3;
	m[1] = 4;
	sc_put16(m + 6, 1400);
	memcpy(m + 8, sc.b[0] + 14, 28);
	sc_ip(&sc, 3 * MS, gw.mac, h.mac, gw.ip, h.ip, 255, 1, m, 36);
	sc_echo(&sc, 100, &h, &dst, gw.mac, 8, 1, 64);
	sc_icmp_err(&sc, 101 * MS, &gw, h.mac, 5, 1, sc.n - 1, 255);
	t = sc_run(&sc, NULL);
	f = tri_find(t, "fragmentation-needed");
	assert_non_null(f);
	assert_int_equal((int)tri_finding_get(f, "mtu"), 1400);
	f = tri_find(t, "redirect");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_WARNING);
	triage_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unreachables),
		cmocka_unit_test(test_traceroute_normal),
		cmocka_unit_test(test_loop),
		cmocka_unit_test(test_frag_redirect),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
