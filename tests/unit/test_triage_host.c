/*
 * pcap-triage's host reader (analyze/pcap_triage/host.c): the book's
 * evilprogram.pcap read as the book reads it, in the order of the chain
 * (the attempts by port with the host's answers, port 1025 exposed, the
 * remote call from outside, the lookup of updates.virtumonde.com and the
 * download of bkinst.exe), McAfee's check-ins not flagged; then the same
 * rules on a scene with other names, addresses and ports, built frame by
 * frame; and the decoders alone (DCE/RPC, de-chunking, PE and ELF).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "test_triage.h"
#include "analyze/common/digest.h"

static int
index_of(const struct triage *t, const char *kind)
{
	size_t i;

	for (i = 0; i < t->ctx.f.n; i++)
		if (strcmp(t->ctx.f.v[i].kind, kind) == 0)
			return (int)i;
	return -1;
}

static const struct host_group *
in_group(const struct tri_host_result *r, uint16_t port, uint8_t proto, size_t *n)
{
	const struct host_group *first = NULL;
	size_t i;

	*n = 0;
	for (i = 0; i < r->nin; i++)
		if (r->in[i].port == port && r->in[i].proto == proto) {
			if (first == NULL)
				first = &r->in[i];
			(*n)++;
		}
	return first;
}

static void
t_evilprogram(void **state)
{
	struct triage *t = triage_file("evilprogram.pcap", NULL);
	const struct tri_host_result *r;
	const struct tri_finding *f;
	const struct host_group *g;
	char s[FL_ADDRSTRLEN];
	size_t n, i;
	int ia, ie, ic, id;

	(void)state;
	assert_non_null(t);
	assert_null(t->top);				/* no network fault: exit 0 */
	assert_string_equal(t->v.kind, "suspect-host");
	assert_int_equal(t->v.fault, FAULT_NONE);
	assert_non_null(strstr(t->v.summary, "port 1025"));
	assert_non_null(strstr(t->v.summary, "bkinst.exe"));
	r = tri_hostr_result(t->host);
	assert_string_equal(r->nets[0].how, "ARP");
	assert_int_equal(r->dhcp_frame, 1);
	assert_int_equal(r->up_frame, 7);
	/* The attempts by port, with the answers: RST to the closed ones, SYN-ACK on 1025. */
	g = in_group(r, 4899, 6, &n);
	assert_non_null(g);
	assert_true(g->rst > 0 && g->synack == 0);
	for (i = 0; i < r->nin; i++)
		if (r->in[i].proto == 6 && r->in[i].port != 1025)
			assert_int_equal(r->in[i].synack, 0);
	g = in_group(r, 1025, 6, &n);
	assert_non_null(g);
	assert_int_equal(n, 5);
	assert_int_equal(g->first_frame, 210);
	assert_int_equal(g->answer_frame, 211);
	/* frames 3 and 5 arrive while DHCP is still bringing the host up */
	g = in_group(r, 5554, 6, &n);
	assert_non_null(g);
	assert_true(g->first_frame == 3 && g->first_ts < r->up_ts);
	/* The findings, in the chain's order. */
	ia = index_of(t, "inbound-attempts");
	ie = index_of(t, "exposed-service");
	ic = index_of(t, "remote-call");
	id = index_of(t, "program-download");
	assert_true(ia >= 0 && ie > ia && ic > ie && id > ic);
	f = &t->ctx.f.v[ie];
	assert_int_equal(f->sev, TRI_WARNING);
	assert_int_equal(f->layer, TL_HOST);
	assert_int_equal(f->port, 1025);
	assert_true(tri_cites(f, 210) && tri_cites(f, 211));
	f = &t->ctx.f.v[ic];
	assert_int_equal(f->sev, TRI_WARNING);
	assert_int_equal(f->port, 1025);
	assert_non_null(strstr(f->summary, "ISystemActivator"));
	assert_non_null(strstr(f->summary, "24.191.223.102"));
	assert_true(tri_cites(f, 357) && tri_cites(f, 362));
	f = &t->ctx.f.v[id];
	assert_int_equal(f->sev, TRI_WARNING);
	assert_string_equal(verdict_addr(&f->addr, s), "208.48.15.13");
	assert_true(tri_cites(f, 382) && tri_cites(f, 386));
	assert_int_equal(r->ndl, 1);
	assert_string_equal(r->dl[0].file, "bkinst.exe");
	assert_string_equal(r->dl[0].name, "updates.virtumonde.com");
	assert_string_equal(r->dl[0].exe, "PE");
	assert_int_equal(r->dl[0].size, 40960);
	assert_int_equal(r->dl[0].captured, 7048);
	assert_false(r->dl[0].whole);			/* the host reset it: no hash */
	assert_string_equal(r->dl[0].sha256, "");
	assert_int_equal(r->dl[0].lookup_frame, 382);
	assert_int_equal(r->dl[0].request_frame, 386);
	assert_int_equal(r->dl[0].chain_frame, 357);
	/* McAfee's check-ins to 216.49.88.118: HTTP, no executable, nothing flagged. */
	for (i = 0; i < t->ctx.f.n; i++)
		if (t->ctx.f.v[i].layer == TL_HOST)
			assert_string_not_equal(verdict_addr(&t->ctx.f.v[i].addr, s), "216.49.88.118");
	/* The Messenger spam over UDP, answered port unreachable: a note. */
	for (i = 0; i < t->ctx.f.n; i++)
		if (strcmp(t->ctx.f.v[i].kind, "remote-call") == 0 && t->ctx.f.v[i].port == 0)
			assert_int_equal(t->ctx.f.v[i].sev, TRI_NOTE);
	triage_free(t);
}

/* ---- the same rules, other names and addresses ---- */

static struct scene sc;

static size_t
bind_pdu(uint8_t *m, uint8_t ptype, const uint8_t uuid_le[16])
{
	memset(m, 0, 72);
	m[0] = 5;
	m[2] = ptype;
	m[3] = 3;
	m[4] = 0x10;			/* little-endian */
	m[8] = 72;			/* frag_length */
	m[12] = 1;			/* call_id */
	if (ptype == 11) {
		m[16] = 0xb8; m[17] = 0x10; m[18] = 0xb8; m[19] = 0x10;
		m[24] = 1;		/* one context item */
		m[30] = 1;
		memcpy(m + 32, uuid_le, 16);
		return 72;
	}
	/* bind_ack: sec_addr "135\0" (4), align, one result: acceptance */
	m[8] = 44;
	m[24] = 4;
	memcpy(m + 26, "135", 4);
	m[32] = 1;
	return 44;
}

static void
t_scene(void **state)
{
	/* the epmapper's UUID e1af8308-5d1f-11c9-91a4-08002b14a0fa as sent little-endian */
	static const uint8_t ep[16] = { 0x08, 0x83, 0xaf, 0xe1, 0x1f, 0x5d, 0xc9, 0x11, 0x91, 0xa4,
		0x08, 0x00, 0x2b, 0x14, 0xa0, 0xfa };
	struct node h = node(IP4(10, 20, 30, 40), 1), gw = node(IP4(10, 20, 30, 1), 2);
	struct node out = node(IP4(198, 51, 100, 77), 3), dns = node(IP4(9, 9, 9, 9), 4);
	struct node srv = node(IP4(192, 0, 2, 55), 5), web = node(IP4(203, 0, 113, 80), 6);
	uint8_t m[1400], body[900];
	char resp[1400], hex[65];
	const struct tri_host_result *r;
	const struct tri_finding *f;
	struct fl_sha256 *sha;
	struct triage *t;
	size_t l, hl;
	int64_t ts = 0;
	int ia, ie, ic, id;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, ts, 1, &h, gw.ip, NULL);
	sc_arp(&sc, ts += MS, 2, &gw, h.ip, h.mac);
	/* an outsider tries 4444 (closed: RST) and 135 (open: SYN-ACK), then binds */
	sc_tcp(&sc, ts += 100 * MS, &out, gw.mac, 40001, &h, NULL, 4444, 1000, 0, 0x02, 8192, NULL, 0, 50);
	sc_tcp(&sc, ts += MS, &h, NULL, 4444, &out, gw.mac, 40001, 0, 1001, 0x14, 0, NULL, 0, 128);
	sc_tcp(&sc, ts += 100 * MS, &out, gw.mac, 40002, &h, NULL, 135, 5000, 0, 0x02, 8192, NULL, 0, 50);
	sc_tcp(&sc, ts += MS, &h, NULL, 135, &out, gw.mac, 40002, 9000, 5001, 0x12, 8192, NULL, 0, 128);
	sc_tcp(&sc, ts += 50 * MS, &out, gw.mac, 40002, &h, NULL, 135, 5001, 9001, 0x10, 8192, NULL, 0, 50);
	l = bind_pdu(m, 11, ep);
	sc_tcp(&sc, ts += MS, &out, gw.mac, 40002, &h, NULL, 135, 5001, 9001, 0x18, 8192, m, l, 50);	/* 8 */
	l = bind_pdu(m, 12, ep);
	sc_tcp(&sc, ts += MS, &h, NULL, 135, &out, gw.mac, 40002, 9001, 5073, 0x18, 8192, m, l, 128);	/* 9 */
	/* a page from a web server: HTML, not a program */
	sc_tcp(&sc, ts += 2000 * MS, &h, NULL, 50000, &web, gw.mac, 80, 100, 0, 0x02, 8192, NULL, 0, 128);
	sc_tcp(&sc, ts += 20 * MS, &web, gw.mac, 80, &h, NULL, 50000, 700, 101, 0x12, 8192, NULL, 0, 50);
	sc_tcp(&sc, ts += MS, &h, NULL, 50000, &web, gw.mac, 80, 101, 701, 0x10, 8192, NULL, 0, 128);
	l = (size_t)snprintf((char *)m, sizeof(m), "GET /index.html HTTP/1.1\r\nHost: www.example\r\n\r\n");
	sc_tcp(&sc, ts += MS, &h, NULL, 50000, &web, gw.mac, 80, 101, 701, 0x18, 8192, m, l, 128);
	l = (size_t)snprintf(resp, sizeof(resp), "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
	sc_tcp(&sc, ts += 20 * MS, &web, gw.mac, 80, &h, NULL, 50000, 701, 101 + 46, 0x19, 8192, resp, l, 50);
	/* the lookup, then a DLL from it, chunked, within a second */
	l = sc_dns(m, 0x4242, false, 0, "cdn.tools-free.example", 1, 0);
	sc_udp(&sc, ts += 500 * MS, &h, NULL, 53001, &dns, gw.mac, 53, m, l, 128);
	l = sc_dns(m, 0x4242, true, 0, "cdn.tools-free.example", 1, srv.ip);
	sc_udp(&sc, ts += 30 * MS, &dns, gw.mac, 53, &h, NULL, 53001, m, l, 55);		/* 16 */
	sc_tcp(&sc, ts += MS, &h, NULL, 50001, &srv, gw.mac, 80, 300, 0, 0x02, 8192, NULL, 0, 128);
	sc_tcp(&sc, ts += 40 * MS, &srv, gw.mac, 80, &h, NULL, 50001, 800, 301, 0x12, 8192, NULL, 0, 50);
	sc_tcp(&sc, ts += MS, &h, NULL, 50001, &srv, gw.mac, 80, 301, 801, 0x10, 8192, NULL, 0, 128);
	l = (size_t)snprintf((char *)m, sizeof(m), "GET /dl/helper.dll?x=1 HTTP/1.1\r\n"
	    "Host: cdn.tools-free.example\r\n\r\n");
	sc_tcp(&sc, ts += MS, &h, NULL, 50001, &srv, gw.mac, 80, 301, 801, 0x18, 8192, m, l, 128);	/* 20 */
	memset(body, 0x90, sizeof(body));
	body[0] = 'M';
	body[1] = 'Z';
	body[0x3c] = 0x80;
	body[0x3d] = body[0x3e] = body[0x3f] = 0;
	memcpy(body + 0x80, "PE\0\0", 4);
	hl = (size_t)snprintf(resp, sizeof(resp), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
	    "\r\n%x\r\n", 500);
	memcpy(resp + hl, body, 500);
	hl += 500;
	hl += (size_t)snprintf(resp + hl, sizeof(resp) - hl, "\r\n%x\r\n", 400);
	memcpy(resp + hl, body + 500, 400);
	hl += 400;
	hl += (size_t)snprintf(resp + hl, sizeof(resp) - hl, "\r\n0\r\n\r\n");
	sc_tcp(&sc, ts += 40 * MS, &srv, gw.mac, 80, &h, NULL, 50001, 801, 301 + (uint32_t)l, 0x19, 8192,
	    resp, hl, 50);									/* 21 */
	sc_tcp(&sc, ts += MS, &h, NULL, 50001, &srv, gw.mac, 80, 301 + (uint32_t)l, 802 + (uint32_t)hl,
	    0x11, 8192, NULL, 0, 128);
	t = sc_run(&sc, NULL);
	assert_non_null(t);
	assert_null(t->top);
	assert_string_equal(t->v.kind, "suspect-host");
	r = tri_hostr_result(t->host);
	assert_int_equal(r->nets[0].mask, 0xffffff00u);
	ia = index_of(t, "inbound-attempts");
	ie = index_of(t, "exposed-service");
	ic = index_of(t, "remote-call");
	id = index_of(t, "program-download");
	assert_true(ia >= 0 && ie > ia && ic > ie && id > ic);
	f = &t->ctx.f.v[ie];
	assert_int_equal(f->port, 135);
	assert_true(tri_cites(f, 5) && tri_cites(f, 6));
	assert_non_null(strstr(t->ctx.f.v[ia].summary, "TCP 4444 x1 (RST: closed)"));
	f = &t->ctx.f.v[ic];
	assert_int_equal(f->sev, TRI_WARNING);
	assert_non_null(strstr(f->summary, "the endpoint mapper"));
	assert_non_null(strstr(f->summary, "accepted the bind"));
	assert_true(tri_cites(f, 8) && tri_cites(f, 9));
	f = &t->ctx.f.v[id];
	assert_int_equal(f->sev, TRI_WARNING);
	assert_true(tri_cites(f, 16) && tri_cites(f, 20));
	assert_int_equal(r->ndl, 1);				/* the HTML page is not one */
	assert_string_equal(r->dl[0].file, "helper.dll");
	assert_string_equal(r->dl[0].name, "cdn.tools-free.example");
	assert_string_equal(r->dl[0].exe, "PE");
	assert_true(r->dl[0].whole);
	assert_int_equal(r->dl[0].size, 900);
	sha = fl_sha256_new();
	fl_sha256_update(sha, body, sizeof(body));
	fl_sha256_final(sha, hex);
	assert_string_equal(r->dl[0].sha256, hex);
	assert_int_equal(r->dl[0].chain_frame, 8);
	triage_free(t);
}

/* A capture with no outsider and no program: no host finding at all. */
static void
t_quiet(void **state)
{
	static const char *files[] = { "latency4.pcapng", "http_google.pcapng", "latency2.pcapng",
		"synscan.pcapng", "tcp_zerowindowdead.pcapng", "nowebaccess3.pcapng" };
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct triage *t = triage_file(files[i], NULL);

		assert_non_null(t);
		for (k = 0; k < t->ctx.f.n; k++)
			assert_int_not_equal(t->ctx.f.v[k].layer, TL_HOST);
		assert_string_not_equal(t->v.kind, "suspect-host");
		triage_free(t);
	}
}

/* A BEP 3 handshake for info-hash ih (20 bytes) and peer id "-FL0001-..." into m: 68 bytes. */
static size_t
bt_handshake(uint8_t *m, uint8_t ih)
{
	m[0] = 19;
	memcpy(m + 1, "BitTorrent protocol", 19);
	memset(m + 20, 0, 8);
	memset(m + 28, ih, 20);
	memcpy(m + 48, "-FL0001-123456789012", 20);
	return 68;
}

/*
 * This host in a swarm: handshakes with 5 peers on TCP (each answers its
 * own and some data), DHT queries to 8 other peers answered (BEP 5), all
 * from its port 6881: a p2p-swarm warning with the peers counted, and the
 * verdict says what the host did; never a fault.  The same number of
 * addresses on one port with DNS is no swarm (t_swarm_not_dns).
 */
static void
t_swarm(void **state)
{
	struct node h = node(IP4(10, 20, 30, 40), 1), gw = node(IP4(10, 20, 30, 1), 2);
	static const char q[] = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe";
	static const char rp[] = "d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re";
	const struct tri_host_result *r;
	const struct tri_finding *f;
	uint8_t m[1400];
	struct triage *t;
	int64_t ts = 0;
	int i;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	memset(m + 68, 'x', 1000);
	for (i = 0; i < 5; i++) {
		struct node p = node(IP4(203, 0, 113, (uint32_t)(10 + i)), 3);
		uint16_t cp = (uint16_t)(50000 + i);

		sc_tcp(&sc, ts += 10 * MS, &h, gw.mac, cp, &p, NULL, 6881, 100, 0, 0x02, 65535, NULL, 0, 64);
		sc_tcp(&sc, ts += 20 * MS, &p, gw.mac, 6881, &h, NULL, cp, 900, 101, 0x12, 65535, NULL, 0, 50);
		sc_tcp(&sc, ts += MS, &h, gw.mac, cp, &p, NULL, 6881, 101, 901, 0x10, 65535, NULL, 0, 64);
		sc_tcp(&sc, ts += MS, &h, gw.mac, cp, &p, NULL, 6881, 101, 901, 0x18, 65535, m,
		    bt_handshake(m, 0xab), 64);
		sc_tcp(&sc, ts += 20 * MS, &p, gw.mac, 6881, &h, NULL, cp, 901, 169, 0x18, 65535, m,
		    bt_handshake(m, 0xab), 50);
		sc_tcp(&sc, ts += MS, &p, gw.mac, 6881, &h, NULL, cp, 969, 169, 0x18, 65535, m + 68,
		    1000, 50);
		sc_tcp(&sc, ts += MS, &h, gw.mac, cp, &p, NULL, 6881, 169, 1969, 0x10, 65535, NULL, 0, 64);
	}
	for (i = 0; i < 8; i++) {
		struct node p = node(IP4(198, 51, 100, (uint32_t)(20 + i)), 3);

		sc_udp(&sc, ts += 5 * MS, &h, gw.mac, 6881, &p, NULL, (uint16_t)(7000 + i), q,
		    sizeof(q) - 1, 64);
		sc_udp(&sc, ts += 30 * MS, &p, gw.mac, (uint16_t)(7000 + i), &h, NULL, 6881, rp,
		    sizeof(rp) - 1, 50);
	}
	t = sc_run(&sc, NULL);
	f = tri_find(t, "p2p-swarm");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_WARNING);
	assert_int_equal(f->side, FAULT_NONE);
	assert_int_equal(f->layer, TL_HOST);
	r = tri_hostr_result(t->host);
	assert_int_equal(r->nswarms, 1);
	assert_int_equal(r->swarms[0].handshakes, 5);		/* connections opened with one */
	assert_int_equal(r->swarms[0].dht, 8);			/* exchanges */
	assert_in_range(r->swarms[0].peers, 12, 14);		/* 13 distinct, estimated */
	assert_int_equal(r->swarms[0].port, 6881);
	assert_string_equal(r->swarms[0].infohash, "abababababababababababababababababababab");
	assert_true(r->swarms[0].bytes_in > 5000);
	assert_true(tri_cites(f, 4));				/* the first handshake */
	assert_non_null(strstr(f->summary, "BitTorrent swarm on its port 6881: about 13 peers"));
	assert_null(t->top);
	assert_string_equal(t->v.kind, "suspect-host");
	assert_non_null(strstr(t->v.summary, "takes part in a BitTorrent swarm with about 13 peers"));
	triage_free(t);
}

/*
 * What uses the line: one heavy download among 300 small talkers, more than
 * the table's 64 slots: the download's server is still the top talker,
 * its count an upper bound within its error, and its protocol tcp/80 the
 * top protocol; the series covers the capture's 200 s in 120 bins or fewer.
 */
static void
t_talkers(void **state)
{
	struct node h = node(IP4(10, 20, 30, 40), 1), gw = node(IP4(10, 20, 30, 1), 2);
	struct node big = node(IP4(203, 0, 113, 7), 3);
	static uint8_t data[1400];
	const struct host_talk *k;
	uint64_t truth = 0;
	struct triage *t;
	int64_t ts = 0;
	int i;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	for (i = 0; i < 900; i++) {
		if (i % 3 == 0) {
			sc_tcp(&sc, ts, &big, gw.mac, 80, &h, NULL, 40000, 1000 + (uint32_t)i * 1400, 1,
			    0x18, 65535, data, sizeof(data), 50);
			truth += 20 + 20 + sizeof(data);
		} else {
			struct node p = node(IP4(198, 51, 100, (uint32_t)(i % 250)) + (uint32_t)(i % 3) *
			    65536, 4);

			sc_udp(&sc, ts, &h, gw.mac, 50000, &p, NULL, 53, data, 40, 64);
		}
		ts += 222 * MS;
	}
	t = sc_run(&sc, NULL);
	k = &tri_hostr_result(t->host)->talk;
	assert_int_equal(k->frames, 900);
	/* This host is in every packet: the first; then the download's server. */
	assert_int_equal(fl_addr_v4_host(&k->addr[0].key.a), h.ip);
	assert_int_equal(fl_addr_v4_host(&k->addr[1].key.a), big.ip);
	assert_true(k->addr[1].bytes >= truth && k->addr[1].bytes - k->addr[1].err <= truth);
	assert_int_equal(k->proto[0].key.proto, 6);
	assert_int_equal(k->proto[0].key.port, 80);
	assert_true(k->nbins > 0 && k->nbins <= TALK_BINS);
	assert_true((double)k->nbins * (double)k->bin_ns >= 199.0 * 1e9);
	triage_free(t);
}

/* Many peers on one port without the protocol's own frames is no swarm: DNS, NTP. */
static void
t_swarm_not_dns(void **state)
{
	struct node h = node(IP4(10, 20, 30, 40), 1), gw = node(IP4(10, 20, 30, 1), 2);
	static const uint8_t dnsq[] = { 0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'w', 'w',
		0, 0, 1, 0, 1 };
	uint8_t ntp[48];
	struct triage *t;
	int64_t ts = 0;
	int i;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	memset(ntp, 0, sizeof(ntp));
	ntp[0] = 0x23;
	for (i = 0; i < 30; i++) {
		struct node p = node(IP4(203, 0, 113, (uint32_t)(10 + i)), 3);

		sc_udp(&sc, ts += 5 * MS, &h, gw.mac, (uint16_t)(40000 + i), &p, NULL, 53, dnsq,
		    sizeof(dnsq), 64);
		sc_udp(&sc, ts += 5 * MS, &h, gw.mac, 123, &p, NULL, 123, ntp, sizeof(ntp), 64);
		sc_udp(&sc, ts += 20 * MS, &p, gw.mac, 123, &h, NULL, 123, ntp, sizeof(ntp), 50);
	}
	t = sc_run(&sc, NULL);
	assert_null(tri_find(t, "p2p-swarm"));
	assert_int_equal(tri_hostr_result(t->host)->nswarms, 0);
	triage_free(t);
}

static void
t_p2p_decoders(void **state)
{
	uint8_t m[68], ih[20];
	struct cur c;
	char y = 0;

	(void)state;
	bt_handshake(m, 0x11);
	c = cur_make(m, sizeof(m));
	assert_true(p2p_bt_handshake(&c, ih));
	assert_int_equal(ih[0], 0x11);
	c = cur_make(m, 47);					/* cut short: no whole info-hash */
	assert_false(p2p_bt_handshake(&c, ih));
	m[5] ^= 1;
	c = cur_make(m, sizeof(m));
	assert_false(p2p_bt_handshake(&c, ih));
	c = cur_make((const uint8_t *)"d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re", 47);
	assert_true(p2p_dht_krpc(&c, &y));
	assert_int_equal(y, 'r');
	c = cur_make((const uint8_t *)"d1:eli201e9:A Generic Errore1:t2:aa1:y1:ee", 42);
	assert_true(p2p_dht_krpc(&c, &y));
	assert_int_equal(y, 'e');
	/* A bencoded dictionary that is no KRPC message; a query without a node id; cut short. */
	c = cur_make((const uint8_t *)"d4:spam4:eggs3:cow3:mooe", 24);
	assert_false(p2p_dht_krpc(&c, &y));
	c = cur_make((const uint8_t *)"d1:ad2:idi5ee1:q4:ping1:t2:aa1:y1:qe", 36);
	assert_false(p2p_dht_krpc(&c, &y));
	c = cur_make((const uint8_t *)"d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:r", 46);
	assert_false(p2p_dht_krpc(&c, &y));
	c = cur_make((const uint8_t *)"d1:y1:", 6);
	assert_false(p2p_dht_krpc(&c, &y));
}

static void
t_decoders(void **state)
{
	static const uint8_t elf[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
	uint8_t mz[0x60], out[16];
	struct rpc_pdu p;
	struct cur c;
	bool whole;

	(void)state;
	assert_string_equal(host_exe_magic(elf, sizeof(elf)), "ELF");
	memset(mz, 0, sizeof(mz));
	mz[0] = 'M';
	mz[1] = 'Z';
	assert_null(host_exe_magic(mz, sizeof(mz)));		/* e_lfanew 0: no PE */
	mz[0x3c] = 0x40;
	memcpy(mz + 0x40, "PE\0\0", 4);
	assert_string_equal(host_exe_magic(mz, sizeof(mz)), "PE");
	mz[0x3c] = 0xff;					/* beyond the bytes: not read */
	assert_null(host_exe_magic(mz, sizeof(mz)));
	assert_int_equal(host_dechunk((const uint8_t *)"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n", 25,
	    out, sizeof(out), &whole), 5);
	assert_true(whole);
	assert_memory_equal(out, "abcde", 5);
	assert_int_equal(host_dechunk((const uint8_t *)"ff\r\nab", 6, out, sizeof(out), &whole), 2);
	assert_false(whole);
	c = cur_make((const uint8_t *)"\x05\x00\x0b\x03\x10\x00\x00\x00\x0f\x00", 10);
	assert_false(rpc_co_parse(&c, &p));			/* cut short */
	c = cur_make((const uint8_t *)"\x05\x00\x0b\x03\x10\x00\x00\x00\x08\x00\x00\x00\x01\x00\x00\x00",
	    16);
	assert_false(rpc_co_parse(&c, &p));			/* frag_length below the header */
}

/*
 * A SYN flood at this host's port 80: 300 SYNs in 3 s, each from another
 * address of 198.19/16, each answered by a SYN-ACK into the void: a
 * syn-flood warning with its rate.  A busy server's 200 clients, each
 * finishing its handshake, are no flood.  SYN-ACKs and resets from 40
 * servers for SYNs this host never sent are backscatter (someone spoofs
 * its address), a note, not a flood at it.
 */
static void
t_flood(void **state)
{
	struct node h = node(IP4(10, 20, 30, 40), 1), gw = node(IP4(10, 20, 30, 1), 2);
	const struct tri_finding *f;
	struct triage *t;
	int i, v;

	(void)state;
	for (v = 0; v < 2; v++) {
		memset(&sc, 0, sizeof(sc));
		for (i = 0; i < (v == 0 ? 300 : 200); i++) {
			struct node x = node(IP4(198, 19, 0, 0) + (uint32_t)(i * 37 + 5), 9);
			int64_t ts = (int64_t)i * 10 * MS;
			uint16_t sp = (uint16_t)(1024 + i * 97);

			sc_tcp(&sc, ts, &x, gw.mac, sp, &h, NULL, 80, (uint32_t)i * 7919, 0, 0x02, 8192,
			    NULL, 0, 50);
			sc_tcp(&sc, ts + 100000, &h, NULL, 80, &x, gw.mac, sp, 4000, (uint32_t)i * 7919 + 1,
			    0x12, 64000, NULL, 0, 64);
			if (v == 1)
				sc_tcp(&sc, ts + 5 * MS, &x, gw.mac, sp, &h, NULL, 80, (uint32_t)i * 7919 + 1,
				    4001, 0x10, 8192, NULL, 0, 50);
		}
		t = sc_run(&sc, NULL);
		f = tri_find(t, "syn-flood");
		if (v == 1) {
			assert_null(f);
			triage_free(t);
			continue;
		}
		assert_non_null(f);
		assert_int_equal(f->sev, TRI_WARNING);
		assert_int_equal(f->layer, TL_HOST);
		assert_int_equal(f->port, 80);
		assert_int_equal((int)tri_finding_get(f, "syns"), 300);
		if (fabs(tri_finding_get(f, "sources") - 300) > 30)
			fail_msg("300 sources, %g counted", tri_finding_get(f, "sources"));
		if (fabs(tri_finding_get(f, "rate_per_s") - 100) > 2)
			fail_msg("100 SYNs a second, %g counted", tri_finding_get(f, "rate_per_s"));
		assert_null(tri_find(t, "backscatter"));
		triage_free(t);
	}

	memset(&sc, 0, sizeof(sc));
	/* this host's own traffic: a lookup, answered */
	for (i = 0; i < 4; i++) {
		struct node dns = node(IP4(10, 20, 30, 53), 4);
		uint8_t m[512];
		size_t l = sc_dns(m, (uint16_t)i, false, 0, "www.example", 1, 0);

		sc_udp(&sc, (int64_t)i * MS, &h, NULL, (uint16_t)(41000 + i), &dns, NULL, 53, m, l, 64);
		l = sc_dns(m, (uint16_t)i, true, 0, "www.example", 1, IP4(203, 0, 113, 200));
		sc_udp(&sc, (int64_t)i * MS + 300000, &dns, NULL, 53, &h, NULL, (uint16_t)(41000 + i), m,
		    l, 64);
	}
	for (i = 0; i < 60; i++) {
		struct node x = node(IP4(203, 0, 113, 1) + (uint32_t)(i % 40), 9);

		sc_tcp(&sc, (int64_t)(10 + i * 50) * MS, &x, gw.mac, (uint16_t)(i % 2 ? 80 : 443), &h, NULL,
		    (uint16_t)(20000 + i * 13), (uint32_t)i * 104729, (uint32_t)i * 31, i % 3 ? 0x12 : 0x14,
		    8192, NULL, 0, 50);
	}
	t = sc_run(&sc, NULL);
	f = tri_find(t, "backscatter");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_NOTE);
	assert_int_equal((int)(tri_finding_get(f, "syn_acks") + tri_finding_get(f, "resets")), 60);
	assert_non_null(strstr(f->summary, "never opened"));
	assert_null(tri_find(t, "syn-flood"));
	if (t->top != NULL && t->top->sev == TRI_FAULT)
		fail_msg("backscatter read as a fault: %s", t->top->kind);
	triage_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_evilprogram),
		cmocka_unit_test(t_scene),
		cmocka_unit_test(t_quiet),
		cmocka_unit_test(t_flood),
		cmocka_unit_test(t_decoders),
		cmocka_unit_test(t_swarm),
		cmocka_unit_test(t_swarm_not_dns),
		cmocka_unit_test(t_talkers),
		cmocka_unit_test(t_p2p_decoders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
