/*
 * pcap-triage's applications reader (apps.c): HTTP statuses (and a
 * request line http.c refuses, read leniently), TLS alerts, FTP and SMTP
 * error replies, a silent service, UDP answered by port unreachable.
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_http),
		cmocka_unit_test(test_http_lenient),
		cmocka_unit_test(test_tls_alert),
		cmocka_unit_test(test_ftp_smtp),
		cmocka_unit_test(test_udp_unreachable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
