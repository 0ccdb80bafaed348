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
		sc_echo(&sc, 0, &h, &far, gw.mac, 8, 1, 64);
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
	assert_non_null(strstr(t6->top->summary, "with ICMPv6 port unreachable"));
	assert_non_null(strstr(t4->top->summary, "with ICMP port unreachable"));
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

/* This host's unanswered neighbour solicitations, then a few multicasts from it. */
static void
test_ndp_unanswered(void **st)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct node h = node(IP4(192, 168, 0, 122), 1), bc = node(IP4(192, 168, 0, 255), 0xff);
	const struct tri_finding *f;
	struct triage *t4, *t6;
	char a[FL_ADDRSTRLEN];
	int i;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, 0, 1, &h, IP4(192, 168, 0, 11), NULL);
	sc_arp(&sc, 1000 * MS, 1, &h, IP4(192, 168, 0, 11), NULL);
	for (i = 0; i < 3; i++)
		sc_udp(&sc, (2000 + i * 500) * MS, &h, NULL, 138, &bc, bcast, 138, "hello", 5, 128);
	run_both(&t4, &t6);
	assert_string_equal(t4->top->kind, "arp-unanswered");
	f = t6->top;
	if (f == NULL)
		fail_msg("IPv6: no fault");
	assert_string_equal(f->kind, "ndp-unanswered");
	assert_int_equal(f->side, FAULT_CLIENT);
	assert_string_equal(verdict_addr(&f->addr, a), "2001:2::c0a8:b");
	assert_true(tri_cites(f, 1) && tri_cites(f, 2));
	assert_non_null(strstr(f->summary, "by neighbour solicitation (2 requests"));
	assert_null(strstr(f->summary, "ARP"));
	triage_free(t4);
	triage_free(t6);
}

/* Solicitations answered, announcements, a VRRP virtual MAC: no fault in either family. */
static void
test_ndp_normal(void **st)
{
	struct node h = node(IP4(10, 0, 0, 5), 1), g = node(IP4(10, 0, 0, 1), 2);
	struct node vr1 = { IP4(10, 0, 0, 254), { 0x00, 0x00, 0x5e, 0x00, 0x01, 0x07 } };
	struct node r2 = { IP4(10, 0, 0, 254), { 0x02, 0x00, 0x00, 0x00, 0x00, 0x09 } };
	struct triage *t4, *t6;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, 0, 1, &h, g.ip, NULL);
	sc_arp(&sc, 1 * MS, 2, &g, h.ip, h.mac);
	sc_arp(&sc, 10 * MS, 1, &h, h.ip, NULL);
	sc_arp(&sc, 20 * MS, 2, &vr1, h.ip, h.mac);
	sc_arp(&sc, 30 * MS, 2, &r2, h.ip, h.mac);
	sc_arp(&sc, 3000 * MS, 1, &h, g.ip, NULL);
	sc_arp(&sc, 3001 * MS, 2, &g, h.ip, h.mac);
	run_both(&t4, &t6);
	assert_null(t4->top);
	if (t6->top != NULL)
		fail_msg("IPv6: a fault: %s: %s", t6->top->kind, t6->top->summary);
	assert_null(tri_find(t6, "ndp-unanswered"));
	assert_null(tri_find(t6, "address-conflict"));
	triage_free(t4);
	triage_free(t6);
}

/* Duplicate address detection answered (RFC 4862 5.4), and two MACs for one address. */
static void
test_ndp_conflicts(void **st)
{
	struct node h = node(IP4(10, 0, 0, 5), 1), other = node(IP4(10, 0, 0, 7), 3);
	struct node prober = { 0, { 0x02, 0, 0, 0, 0, 4 } };
	struct node dup = { IP4(10, 0, 0, 5), { 0x02, 0, 0, 0, 0, 8 } };
	const struct tri_finding *f;
	struct triage *t4, *t6;
	char a[FL_ADDRSTRLEN];

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, 0, 1, &prober, other.ip, NULL);
	sc_arp(&sc, 1 * MS, 2, &other, 0, prober.mac);
	run_both(&t4, &t6);
	assert_non_null(tri_find(t4, "address-conflict"));
	f = tri_find(t6, "address-conflict");
	assert_non_null(f);
	assert_string_equal(verdict_addr(&f->addr, a), "2001:2::a00:7");
	assert_non_null(strstr(f->summary, "duplicate address detection"));
	assert_non_null(strstr(f->summary, "probes"));
	triage_free(t4);
	triage_free(t6);

	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, 0, 1, &h, other.ip, NULL);
	sc_arp(&sc, 1 * MS, 2, &other, h.ip, h.mac);
	sc_arp(&sc, 500 * MS, 1, &dup, dup.ip, NULL);
	run_both(&t4, &t6);
	assert_non_null(tri_find(t4, "address-conflict"));
	f = tri_find(t6, "address-conflict");
	assert_non_null(f);
	assert_string_equal(verdict_addr(&f->addr, a), "2001:2::a00:5");
	assert_int_equal(f->sev, TRI_FAULT);
	triage_free(t4);
	triage_free(t6);
}

/* A neighbour discovery message, type and body after the ICMPv6 header (hop limit 255). */
static void
ndp6(struct scene *s, int64_t ms, const uint8_t *smac, const uint8_t *dmac, const uint8_t *src,
    const uint8_t *dst, uint8_t type, const uint8_t *body, size_t blen)
{
	uint8_t *e = s->b[s->n], *ip = e + 14;
	size_t plen = 4 + blen;

	memset(e, 0, SCENE_BYTES);
	memcpy(e, dmac, 6);
	memcpy(e + 6, smac, 6);
	e[12] = 0x86;
	e[13] = 0xdd;
	ip[0] = 0x60;
	sc_put16(ip + 4, (uint16_t)plen);
	ip[6] = 58;
	ip[7] = 255;
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, dst, 16);
	ip[40] = type;
	memcpy(ip + 44, body, blen);
	sc_put16(ip + 42, sc_sum(ip + 40, plen, sc_pseudo6(ip, plen, 58)));
	s->len[s->n] = (uint32_t)(14 + 40 + plen);
	s->ts[s->n++] = ms * MS;
}

/* A solicitation's or an advertisement's body: flags, target, then one link-layer option. */
static size_t
ndp6_body(uint8_t *b, uint8_t flags, const uint8_t *target, uint8_t opt, const uint8_t *mac)
{
	memset(b, 0, 28);
	b[0] = flags;
	memcpy(b + 4, target, 16);
	b[20] = opt;
	b[21] = 1;
	memcpy(b + 22, mac, 6);
	return 28;
}

/*
 * A router advertisement, then this host solicits that router from its
 * link-local address and nobody answers: the gateway does not answer.
 */
static void
test_ndp_gateway(void **st)
{
	static const uint8_t ll_h[16] = { 0xfe, 0x80, [8] = 0x02, [15] = 1 };
	static const uint8_t ll_r[16] = { 0xfe, 0x80, [8] = 0x02, [15] = 2 };
	struct node h = node(IP4(10, 0, 0, 5), 1), r = node(IP4(10, 0, 0, 1), 2);
	static const uint8_t all[16] = { 0xff, 0x02, [15] = 1 };
	static const uint8_t sol[16] = { 0xff, 0x02, [11] = 1, [12] = 0xff, [15] = 2 };
	static const uint8_t all_mac[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	static const uint8_t sol_mac[6] = { 0x33, 0x33, 0xff, 0, 0, 2 };
	struct node far = node(IP4(10, 7, 0, 9), 0);
	const struct tri_finding *f;
	struct triage *t;
	uint8_t b[28];
	int i;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	/* Global traffic from this host (its address, its MAC). */
	for (i = 0; i < 3; i++)
		sc_udp(&sc, (i * 100) * MS, &h, NULL, 40000, &far, r.mac, 53, "q", 1, 64);
	sc_to_v6(&sc, &sc6);
	/* The RA, then two solicitations for the router, link-local to solicited-node. */
	memset(b, 0, sizeof(b));
	b[0] = 64;
	sc_put16(b + 2, 1800);
	b[12] = 1;
	b[13] = 1;
	memcpy(b + 14, r.mac, 6);
	ndp6(&sc6, 1000, r.mac, all_mac, ll_r, all, 134, b, 20);
	for (i = 1; i < 3; i++)
		ndp6(&sc6, 1000 + i * 1000, h.mac, sol_mac, ll_h, sol, 135, b,
		    ndp6_body(b, 0, ll_r, 1, h.mac));
	t = sc_run(&sc6, NULL);
	f = tri_find(t, "ndp-unanswered");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_FAULT);
	assert_int_equal(f->side, FAULT_CLIENT);
	assert_int_equal(f->who, TW_GATEWAY);
	assert_true(tri_cites(f, 5) && tri_cites(f, 6));
	triage_free(t);
}

/*
 * A scanner's SYNs leave with random TTLs (nmap: 37 to 59), never an
 * initial one, while its neighbour discovery goes out with hop limit 255
 * from its link-local address: this host is still the IPv4 address that
 * sends the traffic, not the link-local one (t_triage_host_scan's sweep
 * read a gateway fault of fe80::... once IPv6 was read).
 */
static void
test_host_not_link_local(void **st)
{
	static const uint8_t ll_h[16] = { 0xfe, 0x80, [8] = 0x02, [15] = 1 };
	static const uint8_t ll_r[16] = { 0xfe, 0x80, [8] = 0x02, [15] = 2 };
	struct node h = node(IP4(10, 0, 0, 5), 1), r = node(IP4(10, 0, 0, 1), 2);
	struct triage *t;
	struct fl_addr host;
	char a[FL_ADDRSTRLEN];
	uint8_t b[28];
	int i;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	for (i = 0; i < 40; i++) {
		struct node d = node(IP4(10, 7, 0, (uint32_t)(10 + i)), 0);

		sc_tcp(&sc, (i * 10) * MS, &h, NULL, 43143, &d, r.mac, 445, 77, 0, SYN, 1024, NULL, 0,
		    (uint8_t)(37 + i % 20));
	}
	for (i = 0; i < 4; i++) {
		if (i % 2)
			ndp6(&sc, 500 + i, r.mac, h.mac, ll_r, ll_h, 136, b,
			    ndp6_body(b, 0x60, ll_r, 2, r.mac));
		else
			ndp6(&sc, 500 + i, h.mac, r.mac, ll_h, ll_r, 135, b,
			    ndp6_body(b, 0, ll_r, 1, h.mac));
	}
	t = sc_run(&sc, NULL);
	assert_true(tri_host(&t->ctx, &host));
	assert_string_equal(verdict_addr(&host, a), "10.0.0.5");
	triage_free(t);
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
		cmocka_unit_test(test_ndp_unanswered),
		cmocka_unit_test(test_ndp_normal),
		cmocka_unit_test(test_ndp_conflicts),
		cmocka_unit_test(test_ndp_gateway),
		cmocka_unit_test(test_host_not_link_local),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
