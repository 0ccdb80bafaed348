/*
 * pcap-triage reads IPv6 as it reads IPv4 (view6.c): each scene is built
 * over IPv4 with the shared helpers, translated packet by packet into
 * IPv6 (test_triage.h's sc_to_v6: 2001:2::a.b.c.d addresses, ICMP as
 * ICMPv6 with RFC 4443's codes, ARP as neighbour discovery), and both
 * are read: the IPv6 reading must give the same finding, side, device
 * and figures, and name ICMPv6 messages by their own names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_triage.h"

static struct scene sc, sc6;
static char blob[1500];

#define SYN	0x02
#define ACK	0x10
#define PSH	0x08
#define FIN	0x01

static void
echo(int64_t ms, const struct node *s, const struct node *d, const uint8_t *dmac, uint8_t type,
    uint16_t seq, uint8_t ttl)
{
	uint8_t m[16];

	memset(m, 0, sizeof(m));
	m[0] = type;
	sc_put16(m + 4, 0x4242);
	sc_put16(m + 6, seq);
	sc_ip(&sc, ms * MS, s->mac, dmac, s->ip, d->ip, ttl, 1, m, sizeof(m));
}

/* The scene read over IPv4 and over IPv6. */
static void
run_both(struct triage **t4, struct triage **t6)
{
	sc_to_v6(&sc, &sc6);
	assert_int_equal(sc6.n, sc.n);
	*t4 = sc_run(&sc, NULL);
	*t6 = sc_run(&sc6, NULL);
	assert_non_null(*t4);
	assert_non_null(*t6);
	assert_int_equal((int)(*t6)->ctx.ipv6, sc.n);
	assert_int_equal((int)(*t6)->ctx.ipv4, 0);
}

/* The same top finding in both families; the IPv6 one's address is the IPv4 one's counterpart. */
static void
same_top(const struct triage *t4, const struct triage *t6, const char *kind)
{
	char a4[FL_ADDRSTRLEN], a6[FL_ADDRSTRLEN], want[FL_ADDRSTRLEN + 16];

	assert_non_null(t4->top);
	if (t6->top == NULL)
		fail_msg("IPv6: no top finding, IPv4: %s", t4->top->kind);
	assert_string_equal(t4->top->kind, kind);
	assert_string_equal(t6->top->kind, kind);
	assert_int_equal(t6->top->side, t4->top->side);
	assert_int_equal(t6->top->who, t4->top->who);
	assert_int_equal(t6->top->sev, t4->top->sev);
	assert_int_equal(t6->top->port, t4->top->port);
	assert_int_equal(t6->v.fault, t4->v.fault);
	assert_int_equal(t6->faults, t4->faults);
	verdict_addr(&t4->top->addr, a4);
	verdict_addr(&t6->top->addr, a6);
	snprintf(want, sizeof(want), "2001:2::%s", a4);
	if (t4->top->addr.family == 4) {
		struct fl_addr w;

		assert_int_equal(fl_addr_parse(want, &w), 0);
		verdict_addr(&w, want);
		assert_string_equal(a6, want);
	}
}

static void
test_unreachables6(void **st)
{
	struct node h = node(IP4(10, 2, 10, 2), 1), gw = node(IP4(10, 2, 99, 99), 2);
	struct node far = node(IP4(10, 4, 88, 88), 0);
	static const struct {
		uint8_t		 code;
		const char	*kind, *name6;
	} cases[] = {
		{ 0, "net-unreachable", "ICMPv6 no route to destination" },
		{ 1, "host-unreachable", "ICMPv6 address unreachable" },
		{ 13, "admin-prohibited", "ICMPv6 communication administratively prohibited" },
		{ 9, "admin-prohibited", "ICMPv6 source address failed ingress/egress policy" },
		{ 10, "admin-prohibited", "ICMPv6 reject route to destination" },
	};
	struct triage *t4, *t6;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&sc, 0, sizeof(sc));
		echo(0, &h, &far, gw.mac, 8, 1, 64);
		sc_icmp_err(&sc, 2 * MS, &gw, h.mac, 3, cases[i].code, 0, 255);
		run_both(&t4, &t6);
		same_top(t4, t6, cases[i].kind);
		assert_int_equal(t6->top->who, TW_ROUTER);
		assert_true(tri_cites(t6->top, 1) && tri_cites(t6->top, 2));
		if (strstr(t6->top->summary, cases[i].name6) == NULL)
			fail_msg("code %u: \"%s\" not in: %s", cases[i].code, cases[i].name6,
			    t6->top->summary);
		assert_null(strstr(t6->top->summary, " ARP"));
		if (cases[i].code == 1)
			assert_non_null(strstr(t6->top->summary, "neighbour solicitation"));
		triage_free(t4);
		triage_free(t6);
	}
}

static void
test_udp_unreachable6(void **st)
{
	struct node h = node(IP4(10, 0, 0, 5), 1), srv = node(IP4(10, 0, 0, 9), 2);
	struct triage *t4, *t6;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_udp(&sc, 0, &h, NULL, 50000, &srv, NULL, 514, "syslog line", 11, 64);
	sc_icmp_err(&sc, 1 * MS, &srv, h.mac, 3, 3, 0, 64);
	run_both(&t4, &t6);
	same_top(t4, t6, "udp-port-unreachable");
	assert_int_equal(t6->top->port, 514);
	triage_free(t4);
	triage_free(t6);
}

static void
test_dns6(void **st)
{
	struct node cli = node(IP4(10, 1, 0, 5), 1), r1 = node(IP4(10, 1, 0, 53), 2);
	struct triage *t4, *t6;
	uint8_t m[512];

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_udp(&sc, 0, &cli, NULL, 40001, &r1, NULL, 53, m,
	    sc_dns(m, 1, false, 0, "broken.example.org", 28, 0), 64);
	sc_udp(&sc, 35 * MS, &r1, NULL, 53, &cli, NULL, 40001, m,
	    sc_dns(m, 1, true, 2, "broken.example.org", 28, 0), 64);
	run_both(&t4, &t6);
	same_top(t4, t6, "dns-servfail");
	assert_int_equal(t6->top->who, TW_RESOLVER);
	assert_true(tri_cites(t6->top, 1) && tri_cites(t6->top, 2));
	triage_free(t4);
	triage_free(t6);
}

/* A UDP traceroute over IPv6: hop limits expire, the destination answers port unreachable. */
static void
test_traceroute6(void **st)
{
	struct node h = node(IP4(192, 168, 1, 10), 1), gw = node(IP4(192, 168, 1, 1), 2);
	struct node dst = node(IP4(203, 0, 113, 9), 0), r[4];
	struct triage *t4, *t6;
	const struct tri_finding *f;
	int ttl;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	r[0] = gw;
	r[1] = node(IP4(198, 51, 100, 1), 0);
	r[2] = node(IP4(198, 51, 100, 2), 0);
	r[3] = dst;
	for (ttl = 1; ttl <= 4; ttl++) {
		sc_udp(&sc, (ttl * 100) * MS, &h, NULL, 40000, &dst, gw.mac, (uint16_t)(33433 + ttl),
		    "probe", 5, (uint8_t)ttl);
		if (ttl < 4)
			sc_icmp_err(&sc, (ttl * 100 + ttl * 3) * MS, &r[ttl - 1], h.mac, 11, 0,
			    sc.n - 1, 255);
		else
			sc_icmp_err(&sc, (ttl * 100 + 12) * MS, &dst, h.mac, 3, 3, sc.n - 1, 60);
	}
	run_both(&t4, &t6);
	assert_null(t4->top);
	if (t6->top != NULL)
		fail_msg("IPv6: a fault: %s: %s", t6->top->kind, t6->top->summary);
	f = tri_find(t6, "traceroute");
	assert_non_null(f);
	assert_int_equal((int)tri_finding_get(f, "hops"), 4);
	assert_null(tri_find(t6, "udp-port-unreachable"));
	triage_free(t4);
	triage_free(t6);
}

/* Packet too big names the MTU, in IPv6's own words. */
static void
test_packet_too_big(void **st)
{
	struct node h = node(IP4(192, 168, 1, 10), 1), gw = node(IP4(192, 168, 1, 1), 2);
	struct node dst = node(IP4(203, 0, 113, 9), 0);
	struct triage *t4, *t6;
	const struct tri_finding *f;
	uint8_t m[64];

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_tcp(&sc, 0, &h, NULL, 40000, &dst, gw.mac, 443, 1000, 2000, 0x18, 500, "0123456789", 10, 64);
	memset(m, 0, sizeof(m));
	m[0] = 3;
	m[1] = 4;
	sc_put16(m + 6, 1280);
	memcpy(m + 8, sc.b[0] + 14, 28);
	sc_ip(&sc, 3 * MS, gw.mac, h.mac, gw.ip, h.ip, 255, 1, m, 36);
	run_both(&t4, &t6);
	f = tri_find(t6, "fragmentation-needed");
	assert_non_null(f);
	assert_int_equal((int)tri_finding_get(f, "mtu"), 1280);
	assert_non_null(strstr(f->summary, "IPv6 routers never fragment"));
	assert_null(strstr(f->summary, "DF set"));
	assert_non_null(tri_find(t4, "fragmentation-needed"));
	triage_free(t4);
	triage_free(t6);
}

/* Data sent with back-off and never acknowledged: the peer or the path is gone, in both families. */
static void
test_unacked6(void **st)
{
	static const int64_t at[] = { 0, 2000, 6000, 14000, 30000, 62000 };
	struct node c = node(IP4(10, 9, 0, 2), 1), s = node(IP4(10, 9, 0, 80), 2);
	struct triage *t4, *t6;
	size_t i;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	memset(blob, 'x', sizeof(blob));
	sc_tcp(&sc, 0, &c, NULL, 40000, &s, NULL, 80, 1000, 0, SYN, 64000, NULL, 0, 64);
	sc_tcp(&sc, 10 * MS, &s, NULL, 80, &c, NULL, 40000, 5000, 1001, SYN | ACK, 64000, NULL, 0, 63);
	sc_tcp(&sc, 11 * MS, &c, NULL, 40000, &s, NULL, 80, 1001, 5001, ACK, 500, NULL, 0, 64);
	for (i = 0; i < 6; i++)
		sc_tcp(&sc, (20 + at[i]) * MS, &c, NULL, 40000, &s, NULL, 80, 1001, 5001, PSH | ACK,
		    500, blob, 300, 64);
	run_both(&t4, &t6);
	same_top(t4, t6, "retransmitted-unacked");
	assert_int_equal((int)tri_finding_get(t6->top, "retransmissions"), 5);
	triage_free(t4);
	triage_free(t6);
}

/* A healthy exchange with the neighbours found by NDP: no fault, and the hosts are learned. */
static void
test_healthy6(void **st)
{
	struct node c = node(IP4(10, 9, 0, 2), 1), s = node(IP4(10, 9, 0, 80), 2);
	static const char req[] = "GET / HTTP/1.1\r\nHost: s\r\n\r\n";
	static const char resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
	struct triage *t4, *t6;
	struct fl_addr host, want;
	uint8_t mac[6];

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, 0, 1, &c, s.ip, NULL);
	sc_arp(&sc, 1 * MS, 2, &s, c.ip, c.mac);
	sc_tcp(&sc, 2 * MS, &c, NULL, 40000, &s, NULL, 80, 1000, 0, SYN, 64000, NULL, 0, 64);
	sc_tcp(&sc, 3 * MS, &s, NULL, 80, &c, NULL, 40000, 5000, 1001, SYN | ACK, 64000, NULL, 0, 64);
	sc_tcp(&sc, 4 * MS, &c, NULL, 40000, &s, NULL, 80, 1001, 5001, ACK, 500, NULL, 0, 64);
	sc_tcp(&sc, 5 * MS, &c, NULL, 40000, &s, NULL, 80, 1001, 5001, PSH | ACK, 500, req,
	    sizeof(req) - 1, 64);
	sc_tcp(&sc, 7 * MS, &s, NULL, 80, &c, NULL, 40000, 5001, 1001 + sizeof(req) - 1, PSH | ACK,
	    500, resp, sizeof(resp) - 1, 64);
	sc_tcp(&sc, 8 * MS, &c, NULL, 40000, &s, NULL, 80, 1001 + sizeof(req) - 1,
	    5001 + sizeof(resp) - 1, FIN | ACK, 500, NULL, 0, 64);
	sc_tcp(&sc, 9 * MS, &s, NULL, 80, &c, NULL, 40000, 5001 + sizeof(resp) - 1,
	    1002 + sizeof(req) - 1, FIN | ACK, 500, NULL, 0, 64);
	run_both(&t4, &t6);
	assert_null(t4->top);
	if (t6->top != NULL)
		fail_msg("IPv6: a fault: %s: %s", t6->top->kind, t6->top->summary);
	assert_int_equal(t6->faults, 0);
	assert_true(tri_host(&t6->ctx, &host));
	assert_int_equal(fl_addr_parse("2001:2::a09:2", &want), 0);
	assert_true(fl_addr_eq(&host, &want));
	/* The neighbour advertisement taught the server's MAC. */
	assert_int_equal(fl_addr_parse("2001:2::a09:50", &want), 0);
	assert_true(tri_arp_mac(&t6->ctx, &want, mac));
	assert_memory_equal(mac, s.mac, 6);
	triage_free(t4);
	triage_free(t6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unreachables6),
		cmocka_unit_test(test_udp_unreachable6),
		cmocka_unit_test(test_dns6),
		cmocka_unit_test(test_traceroute6),
		cmocka_unit_test(test_packet_too_big),
		cmocka_unit_test(test_unacked6),
		cmocka_unit_test(test_healthy6),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
