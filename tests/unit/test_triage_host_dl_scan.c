/*
 * host_dl scans a small HTTP connection for what a program download
 * needs (a program's extension in a request, "MZ" or "\x7fELF" in a
 * response, or a chunked response) before it parses the exchanges: a
 * program whose "MZ" a chunk boundary splits, in a response that says
 * CHUNKED in capitals, to a target without an extension, is still
 * found, as is an ELF body; an error page with neither is not one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "test_triage.h"

static struct scene sc;

/* One HTTP exchange on its own connection from the host to srv port 80. */
static void
exchange(int64_t *ts, const struct node *h, const struct node *gw, const struct node *srv,
    uint16_t cport, const char *req, const uint8_t *resp, size_t rl)
{
	size_t l = strlen(req);

	sc_tcp(&sc, *ts += MS, h, NULL, cport, srv, gw->mac, 80, 300, 0, 0x02, 8192, NULL, 0, 128);
	sc_tcp(&sc, *ts += MS, srv, gw->mac, 80, h, NULL, cport, 800, 301, 0x12, 8192, NULL, 0, 50);
	sc_tcp(&sc, *ts += MS, h, NULL, cport, srv, gw->mac, 80, 301, 801, 0x10, 8192, NULL, 0, 128);
	sc_tcp(&sc, *ts += MS, h, NULL, cport, srv, gw->mac, 80, 301, 801, 0x18, 8192,
	    (const uint8_t *)req, l, 128);
	sc_tcp(&sc, *ts += MS, srv, gw->mac, 80, h, NULL, cport, 801, 301 + (uint32_t)l, 0x19, 8192,
	    resp, rl, 50);
	sc_tcp(&sc, *ts += MS, h, NULL, cport, srv, gw->mac, 80, 301 + (uint32_t)l,
	    802 + (uint32_t)rl, 0x11, 8192, NULL, 0, 128);
}

static void
t_scan_keeps_programs(void **state)
{
	struct node h = node(IP4(10, 20, 30, 40), 1), gw = node(IP4(10, 20, 30, 1), 2);
	struct node srv = node(IP4(192, 0, 2, 55), 5);
	uint8_t body[600], resp[1400];
	const struct tri_host_result *r;
	struct triage *t;
	size_t hl;
	int64_t ts = 0;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	sc_arp(&sc, ts, 1, &h, gw.ip, NULL);
	memset(body, 0x90, sizeof(body));
	body[0] = 'M';
	body[1] = 'Z';
	body[0x3c] = 0x80;
	body[0x3d] = body[0x3e] = body[0x3f] = 0;
	memcpy(body + 0x80, "PE\0\0", 4);
	/* "M" alone in the first chunk, the rest in the second */
	hl = (size_t)snprintf((char *)resp, sizeof(resp), "HTTP/1.1 200 OK\r\n"
	    "Transfer-Encoding: CHUNKED\r\n\r\n1\r\nM\r\n%x\r\n", (unsigned int)sizeof(body) - 1);
	memcpy(resp + hl, body + 1, sizeof(body) - 1);
	hl += sizeof(body) - 1;
	hl += (size_t)snprintf((char *)resp + hl, sizeof(resp) - hl, "\r\n0\r\n\r\n");
	exchange(&ts, &h, &gw, &srv, 50001, "GET /get?id=7 HTTP/1.1\r\nHost: x.example\r\n\r\n",
	    resp, hl);
	/* an error page: no program, nothing to find */
	hl = (size_t)snprintf((char *)resp, sizeof(resp), "HTTP/1.1 404 Not Found\r\n"
	    "Content-Length: 9\r\n\r\nnot found");
	exchange(&ts, &h, &gw, &srv, 50002, "GET /missing HTTP/1.1\r\nHost: x.example\r\n\r\n",
	    resp, hl);
	/* an ELF binary, its length given */
	memset(body, 0, sizeof(body));
	memcpy(body, "\x7f" "ELF", 4);
	hl = (size_t)snprintf((char *)resp, sizeof(resp), "HTTP/1.1 200 OK\r\n"
	    "Content-Length: %u\r\n\r\n", (unsigned int)sizeof(body));
	memcpy(resp + hl, body, sizeof(body));
	hl += sizeof(body);
	exchange(&ts, &h, &gw, &srv, 50003, "GET /tool HTTP/1.1\r\nHost: x.example\r\n\r\n", resp, hl);
	t = sc_run(&sc, NULL);
	assert_non_null(t);
	r = tri_hostr_result(t->host);
	assert_int_equal(r->ndl, 2);
	assert_string_equal(r->dl[0].exe, "PE");
	assert_true(r->dl[0].whole);
	assert_int_equal(r->dl[0].size, 600);
	assert_string_equal(r->dl[1].exe, "ELF");
	assert_true(r->dl[1].whole);
	assert_int_equal(r->dl[1].size, 600);
	triage_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_scan_keeps_programs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
