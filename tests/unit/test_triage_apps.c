/*
 * pcap-triage's applications reader (apps.c): HTTP statuses (and a
 * request line http.c refuses, read leniently), TLS alerts, FTP and SMTP
 * error replies, a silent service, UDP answered by port unreachable; and
 * apps_udp.c: a UDP service that never answers while others answer the
 * same client.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_triage.h"

#define SYN	0x02
#define ACK	0x10
#define PSH	0x08
#define FIN	0x01

static struct scene sc;
static struct node C, S;
static uint32_t cseq, sseq;
static uint16_t sport;

static void
open_conn(uint16_t port)
{
	memset(&sc, 0, sizeof(sc));
	C = node(IP4(10, 9, 0, 2), 1);
	S = node(IP4(10, 9, 0, 80), 2);
	sport = port;
	sc_tcp(&sc, 0, &C, NULL, 40000, &S, NULL, sport, 1000, 0, SYN, 64000, NULL, 0, 64);
	sc_tcp(&sc, 1 * MS, &S, NULL, sport, &C, NULL, 40000, 5000, 1001, SYN | ACK, 64000, NULL, 0, 63);
	sc_tcp(&sc, 1 * MS + 1000, &C, NULL, 40000, &S, NULL, sport, 1001, 5001, ACK, 500, NULL, 0, 64);
	cseq = 1001;
	sseq = 5001;
}

static void
cli_says(int64_t ms, const char *s)
{
	size_t n = strlen(s);

	sc_tcp(&sc, ms * MS, &C, NULL, 40000, &S, NULL, sport, cseq, sseq, PSH | ACK, 500, s, n, 64);
	cseq += (uint32_t)n;
}

static void
srv_says(int64_t ms, const char *s)
{
	size_t n = strlen(s);

	sc_tcp(&sc, ms * MS, &S, NULL, sport, &C, NULL, 40000, sseq, cseq, PSH | ACK, 500, s, n, 63);
	sseq += (uint32_t)n;
	sc_tcp(&sc, ms * MS + 100, &C, NULL, 40000, &S, NULL, sport, cseq, sseq, ACK, 500, NULL, 0, 64);
}

static void
close_conn(int64_t ms)
{
	sc_tcp(&sc, ms * MS, &C, NULL, 40000, &S, NULL, sport, cseq, sseq, FIN | ACK, 500, NULL, 0, 64);
	sc_tcp(&sc, ms * MS + 100, &S, NULL, sport, &C, NULL, 40000, sseq, cseq + 1, FIN | ACK, 500, NULL,
	    0, 63);
}

static void
test_http(void **st)
{
	struct triage *t;
	const struct tri_finding *f;

	(void)st;
	open_conn(80);
	cli_says(2, "GET /favicon.ico HTTP/1.1\r\nHost: a\r\n\r\n");
	srv_says(4, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
	cli_says(6, "GET /app HTTP/1.1\r\nHost: a\r\n\r\n");
	srv_says(8, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
	close_conn(10);
	t = sc_run(&sc, NULL);
	f = t->top;
	assert_non_null(f);
	assert_string_equal(f->kind, "http-server-error");
	assert_int_equal((int)tri_finding_get(f, "status"), 503);
	assert_non_null(strstr(f->summary, "GET /app"));
	f = tri_find(t, "http-not-found-benign");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_NOTE);
	triage_free(t);
}

/* A request line with two spaces and a strange version: read as Wireshark reads it. */
static void
test_http_lenient(void **st)
{
	struct triage *t;

	(void)st;
	open_conn(8080);
	cli_says(2, "POST  /form HTTP/1.x\r\nHost: a\r\n\r\n");
	srv_says(4, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
	close_conn(10);
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "http-client-error");
	assert_non_null(strstr(t->top->summary, "POST"));
	triage_free(t);
}

static void
test_tls_alert(void **st)
{
	static const char hello[] = "\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00";
	static const char alert[] = "\x15\x03\x03\x00\x02\x02\x28";	/* fatal handshake_failure */
	struct triage *t;

	(void)st;
	open_conn(443);
	sc_tcp(&sc, 2 * MS, &C, NULL, 40000, &S, NULL, 443, cseq, sseq, PSH | ACK, 500, hello, 10, 64);
	cseq += 10;
	sc_tcp(&sc, 3 * MS, &S, NULL, 443, &C, NULL, 40000, sseq, cseq, PSH | ACK, 500, alert, 7, 63);
	sseq += 7;
	close_conn(5);
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "tls-alert-server");
	assert_int_equal(t->top->layer, TL_TLS);
	assert_non_null(strstr(t->top->summary, "handshake_failure"));
	triage_free(t);
}

static void
test_ftp_smtp(void **st)
{
	struct triage *t;

	(void)st;
	open_conn(21);
	srv_says(2, "220 ftp ready\r\n");
	cli_says(3, "USER bob\r\n");
	srv_says(4, "331 password?\r\n");
	cli_says(5, "PASS wrong\r\n");
	srv_says(6, "530 Login incorrect.\r\n");
	close_conn(8);
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "ftp-login-refused");
	triage_free(t);

	open_conn(25);
	srv_says(2, "220 mail ESMTP\r\n");
	cli_says(3, "EHLO c\r\n");
	srv_says(4, "250-mail\r\n250 OK\r\n");
	cli_says(5, "RCPT TO:<x@y>\r\n");
	srv_says(6, "550 5.7.1 Relaying denied\r\n");
	close_conn(8);
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "smtp-rejected");
	assert_non_null(strstr(t->top->summary, "Relaying denied"));
	triage_free(t);
}

/* A UDP service answered by port unreachable: the application waits for nothing. */
static void
test_udp_unreachable(void **st)
{
	struct node h = node(IP4(10, 0, 0, 5), 1), srv = node(IP4(10, 0, 0, 9), 2);
	struct triage *t;
	char a[FL_ADDRSTRLEN];

	(void)st;
	memset(&sc, 0, sizeof(sc));
	sc_udp(&sc, 0, &h, NULL, 50000, &srv, NULL, 514, "syslog line", 11, 64);
	sc_icmp_err(&sc, 1 * MS, &srv, h.mac, 3, 3, 0, 64);
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "udp-port-unreachable");
	assert_int_equal(t->top->port, 514);
	assert_string_equal(verdict_addr(&t->top->addr, a), "10.0.0.9");
	triage_free(t);
}

/*
 * SNMP asked of 10.0.0.9 three times over 4 s and nothing back, while the
 * resolver answers the same client in 3 ms: the application waits for a
 * service that server does not give (kind udp-no-answer, the server's).
 * Variants that must stay silent: nobody answers the client at all (the
 * capture or its line, not one service), the server's ICMP error explains
 * it, a one-way protocol (syslog), a subnet broadcast (NetBIOS names),
 * a service that answers the second try, and three requests 100 ms
 * apart at the capture's very end (too soon to say), and an outsider
 * asking this host's SNMP while this host accepts its TCP connection (an
 * inbound attempt, the host reader's).
 */
enum silent_case {
	SC_FAULT, SC_NOBODY, SC_ICMP, SC_SYSLOG, SC_BCAST, SC_RETRY, SC_SOON, SC_INBOUND
};

static struct triage *
silent_scene(enum silent_case v)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct node h = node(IP4(10, 0, 0, 5), 1), srv = node(IP4(10, 0, 0, 9), 2);
	struct node res = node(IP4(10, 0, 0, 53), 3), net = node(IP4(10, 0, 0, 255), 4);
	uint16_t port = v == SC_SYSLOG ? 514 : v == SC_BCAST ? 137 : 161;
	uint8_t m[512];
	size_t n;
	int i;

	memset(&sc, 0, sizeof(sc));
	n = sc_dns(m, 7, false, 0, "printer.example", 1, 0);
	sc_udp(&sc, 0, &h, NULL, 41000, &res, NULL, 53, m, n, 64);
	if (v != SC_NOBODY) {
		n = sc_dns(m, 7, true, 0, "printer.example", 1, srv.ip);
		sc_udp(&sc, 3 * MS, &res, NULL, 53, &h, NULL, 41000, m, n, 64);
	}
	for (i = 0; i < 3; i++) {
		int k = sc.n;
		int64_t at = v == SC_SOON ? 10 + 100 * i : 10 + 2000 * i;

		if (v == SC_INBOUND) {
			struct node x = node(IP4(198, 51, 100, 9), 5);

			if (i == 0) {
				sc_tcp(&sc, 5 * MS, &x, NULL, 33000, &h, NULL, 22, 1, 0, 0x02, 8192, NULL,
				    0, 50);
				sc_tcp(&sc, 6 * MS, &h, NULL, 22, &x, NULL, 33000, 9, 2, 0x12, 8192, NULL,
				    0, 64);
			}
			sc_udp(&sc, at * MS, &x, NULL, 50000 + i, &h, NULL, 161, "get sysDescr", 12, 50);
		} else if (v == SC_BCAST)
			sc_udp(&sc, (10 + 2000 * i) * MS, &h, NULL, 137, &net, bcast, 137, "name query",
			    10, 64);
		else
			sc_udp(&sc, at * MS, &h, NULL, 50000 + i, &srv, NULL, port,
			    "get sysDescr", 12, 64);
		if (v == SC_ICMP && i == 0)
			sc_icmp_err(&sc, 11 * MS, &srv, h.mac, 3, 10, k, 64);
		if (v == SC_RETRY && i == 1) {
			sc_udp(&sc, (2012) * MS, &srv, NULL, port, &h, NULL, 50001, "sysDescr", 8, 64);
			break;
		}
	}
	if (v != SC_SOON)
		sc_udp(&sc, 9000 * MS, &h, NULL, 41001, &res, NULL, 53, m, 20, 64);
	return sc_run(&sc, NULL);
}

static void
test_udp_no_answer(void **st)
{
	struct triage *t;
	const struct tri_finding *f;
	char a[FL_ADDRSTRLEN];
	int v;

	(void)st;
	t = silent_scene(SC_FAULT);
	f = tri_find(t, "udp-no-answer");
	assert_non_null(f);
	assert_int_equal(f->sev, TRI_FAULT);
	assert_int_equal(f->port, 161);
	assert_string_equal(verdict_addr(&f->addr, a), "10.0.0.9");
	assert_int_equal((int)tri_finding_get(f, "requests"), 3);
	assert_true(tri_cites(f, 3));	/* the first request (frames count from 1) */
	assert_non_null(strstr(f->summary, "waits for SNMP (UDP port 161) on 10.0.0.9"));
	assert_non_null(strstr(f->summary, "which does not answer"));
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "udp-no-answer");
	triage_free(t);
	for (v = SC_NOBODY; v <= SC_INBOUND; v++) {
		t = silent_scene((enum silent_case)v);
		assert_null(tri_find(t, "udp-no-answer"));
		triage_free(t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_http),
		cmocka_unit_test(test_http_lenient),
		cmocka_unit_test(test_tls_alert),
		cmocka_unit_test(test_ftp_smtp),
		cmocka_unit_test(test_udp_unreachable),
		cmocka_unit_test(test_udp_no_answer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
