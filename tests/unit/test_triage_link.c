/*
 * pcap-triage's link reader (link.c): ARP unanswered, RFC 5227 address
 * conflicts (and what is normal: gratuitous ARP, VRRP's virtual MAC),
 * DHCP with no offer or a NAK, a gateway that sends nothing back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_triage.h"

static struct scene sc;
static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* This host's unanswered ARP for an address, then a few broadcasts from it. */
static void
test_arp_unanswered(void **st)
{
	struct node h = node(IP4(192, 168, 0, 122), 1), bc = node(IP4(192, 168, 0, 255), 0xff);
	const struct tri_finding *f;
	struct triage *t;
	char a[FL_ADDRSTRLEN];
	int i;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, 0, 1, &h, IP4(192, 168, 0, 11), NULL);
	sc_arp(&sc, 1000 * MS, 1, &h, IP4(192, 168, 0, 11), NULL);
	for (i = 0; i < 3; i++)
		sc_udp(&sc, (2000 + i * 500) * MS, &h, NULL, 138, &bc, bcast, 138, "hello", 5, 128);
	t = sc_run(&sc, NULL);
	assert_non_null(t);
	f = t->top;
	assert_non_null(f);
	assert_string_equal(f->kind, "arp-unanswered");
	assert_int_equal(f->side, FAULT_CLIENT);
	assert_string_equal(verdict_addr(&f->addr, a), "192.168.0.11");
	assert_true(tri_cites(f, 1));
	assert_true(tri_cites(f, 2));
	triage_free(t);
}

/* Answered ARP, gratuitous announcements, and a VRRP virtual MAC moving: no fault. */
static void
test_arp_normal(void **st)
{
	struct node h = node(IP4(10, 0, 0, 5), 1), g = node(IP4(10, 0, 0, 1), 2);
	struct node vr1 = { IP4(10, 0, 0, 254), { 0x00, 0x00, 0x5e, 0x00, 0x01, 0x07 } };
	struct node r2 = { IP4(10, 0, 0, 254), { 0x02, 0x00, 0x00, 0x00, 0x00, 0x09 } };
	struct triage *t;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, 0, 1, &h, g.ip, NULL);
	sc_arp(&sc, 1 * MS, 2, &g, h.ip, h.mac);
	sc_arp(&sc, 10 * MS, 1, &h, h.ip, NULL);		/* gratuitous */
	sc_arp(&sc, 20 * MS, 2, &vr1, h.ip, h.mac);	/* VRRP master answers for .254 */
	sc_arp(&sc, 30 * MS, 2, &r2, h.ip, h.mac);		/* ... a physical router too */
	sc_arp(&sc, 3000 * MS, 1, &h, g.ip, NULL);
	sc_arp(&sc, 3001 * MS, 2, &g, h.ip, h.mac);
	t = sc_run(&sc, NULL);
	assert_non_null(t);
	assert_null(t->top);
	assert_null(tri_find(t, "arp-unanswered"));
	assert_null(tri_find(t, "address-conflict"));
	triage_free(t);
}

/* RFC 5227: a probe for an address another MAC answers, and two MACs claiming one. */
static void
test_conflicts(void **st)
{
	struct node h = node(IP4(10, 0, 0, 5), 1), other = node(IP4(10, 0, 0, 7), 3);
	struct node prober = { 0, { 0x02, 0, 0, 0, 0, 4 } };
	struct node dup = { IP4(10, 0, 0, 5), { 0x02, 0, 0, 0, 0, 8 } };
	const struct tri_finding *f;
	struct triage *t;
	char a[FL_ADDRSTRLEN];

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, 0, 1, &prober, other.ip, NULL);		/* who-has .7, tell 0.0.0.0 */
	sc_arp(&sc, 1 * MS, 2, &other, 0, prober.mac);		/* .7 is taken */
	t = sc_run(&sc, NULL);
	f = tri_find(t, "address-conflict");
	assert_non_null(f);
	assert_string_equal(verdict_addr(&f->addr, a), "10.0.0.7");
	assert_non_null(strstr(f->summary, "probes"));
	triage_free(t);

	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, 0, 1, &h, other.ip, NULL);
	sc_arp(&sc, 1 * MS, 2, &other, h.ip, h.mac);
	sc_arp(&sc, 500 * MS, 1, &dup, dup.ip, NULL);		/* another machine announces .5 */
	t = sc_run(&sc, NULL);
	f = tri_find(t, "address-conflict");
	assert_non_null(f);
	assert_string_equal(verdict_addr(&f->addr, a), "10.0.0.5");
	assert_int_equal(f->sev, TRI_FAULT);
	triage_free(t);
}

static size_t
dhcp(uint8_t *m, uint8_t op, uint8_t type, uint32_t xid, const uint8_t *mac, uint32_t yiaddr,
    uint32_t server)
{
	memset(m, 0, 300);
	m[0] = op;
	m[1] = 1;
	m[2] = 6;
	sc_put32(m + 4, xid);
	sc_put32(m + 16, yiaddr);
	memcpy(m + 28, mac, 6);
	sc_put32(m + 236, 0x63825363u);
	m[240] = 53;
	m[241] = 1;
	m[242] = type;
	m[243] = 54;
	m[244] = 4;
	sc_put32(m + 245, server);
	m[249] = 255;
	return 300;
}

static void
test_dhcp(void **st)
{
	struct node c = node(0, 1), any = node(0xffffffffu, 0xff), srv = node(IP4(10, 0, 0, 1), 2);
	uint8_t m[300];
	const struct tri_finding *f;
	struct triage *t;
	int i;

	(void)st;
	/* Four DISCOVERs, no OFFER. */
	memset(&sc, 0, sizeof(sc));
	for (i = 0; i < 4; i++)
		sc_udp(&sc, i * 2000 * MS, &c, NULL, 68, &any, bcast, 67, m,
		    dhcp(m, 1, 1, 0x1234, c.mac, 0, 0), 64);
	t = sc_run(&sc, NULL);
	f = tri_find(t, "dhcp-no-offer");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_FAULT);
	assert_int_equal((int)tri_finding_get(f, "discovers"), 4);
	triage_free(t);

	/* A REQUEST refused with a NAK, and nothing after. */
	memset(&sc, 0, sizeof(sc));
	sc_udp(&sc, 0, &c, NULL, 68, &any, bcast, 67, m, dhcp(m, 1, 3, 0x99, c.mac, 0, 0), 64);
	sc_udp(&sc, 2 * MS, &srv, NULL, 67, &any, bcast, 68, m, dhcp(m, 2, 6, 0x99, c.mac, 0, srv.ip), 64);
	t = sc_run(&sc, NULL);
	f = tri_find(t, "dhcp-nak");
	assert_non_null(f);
	assert_true(tri_cites(f, 2));
	triage_free(t);

	/* NAK, then a new exchange that succeeds: no fault. */
	memset(&sc, 0, sizeof(sc));
	sc_udp(&sc, 0, &c, NULL, 68, &any, bcast, 67, m, dhcp(m, 1, 3, 0x99, c.mac, 0, 0), 64);
	sc_udp(&sc, 2 * MS, &srv, NULL, 67, &any, bcast, 68, m, dhcp(m, 2, 6, 0x99, c.mac, 0, srv.ip), 64);
	sc_udp(&sc, 5 * MS, &c, NULL, 68, &any, bcast, 67, m, dhcp(m, 1, 1, 0x9a, c.mac, 0, 0), 64);
	sc_udp(&sc, 6 * MS, &srv, NULL, 67, &any, bcast, 68, m,
	    dhcp(m, 2, 2, 0x9a, c.mac, IP4(10, 0, 0, 50), srv.ip), 64);
	sc_udp(&sc, 7 * MS, &c, NULL, 68, &any, bcast, 67, m, dhcp(m, 1, 3, 0x9a, c.mac, 0, 0), 64);
	sc_udp(&sc, 8 * MS, &srv, NULL, 67, &any, bcast, 68, m,
	    dhcp(m, 2, 5, 0x9a, c.mac, IP4(10, 0, 0, 50), srv.ip), 64);
	t = sc_run(&sc, NULL);
	assert_null(t->top);
	triage_free(t);
}

/* Queries leave through a gateway that answers ARP and nothing comes back. */
static void
test_gateway_returns_nothing(void **st)
{
	struct node h = node(IP4(172, 16, 0, 8), 1), g = node(IP4(172, 16, 0, 10), 2);
	struct node r1 = node(IP4(4, 2, 2, 2), 0), r2 = node(IP4(4, 2, 2, 1), 0);
	uint8_t q[512];
	const struct tri_finding *f;
	struct triage *t;
	char a[FL_ADDRSTRLEN];
	int i;

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, 0, 1, &h, g.ip, NULL);
	sc_arp(&sc, 1 * MS, 2, &g, h.ip, h.mac);
	for (i = 0; i < 6; i++)
		sc_udp(&sc, (2 + i * 1000) * MS, &h, NULL, 5000, i & 1 ? &r2 : &r1, g.mac, 53, q,
		    sc_dns(q, 7, false, 0, "www.example.com", 1, 0), 128);
	t = sc_run(&sc, NULL);
	f = t->top;
	assert_non_null(f);
	assert_string_equal(f->kind, "gateway-returns-nothing");
	assert_int_equal(f->layer, TL_IP);
	assert_string_equal(verdict_addr(&f->addr, a), "172.16.0.10");
	/* The DNS failures it explains come after it. */
	assert_non_null(tri_find(t, "dns-no-answer"));
	triage_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arp_unanswered),
		cmocka_unit_test(test_arp_normal),
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_dhcp),
		cmocka_unit_test(test_gateway_returns_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
