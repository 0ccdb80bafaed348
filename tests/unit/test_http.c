/*
 * HTTP/1.x parsing: start lines, header fields, the framing of bodies
 * (Content-Length, chunked, to the close, none), pipelining, garbage,
 * every prefix of a message, transcript excerpts, and the book's
 * captures read through the stream reassembler.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "analyze/flow/http.h"
#include "analyze/flow/tcpstream.h"

#define REQ	true
#define RSP	false
#define NEXT_END	(-1)	/* *next is the end of the input */
#define NEXT_OFF	(-2)	/* *next is where parsing began (0) */
#define NEXT_ANY	(-3)

struct hcase {
	const char	*name;
	bool		 request;
	unsigned int	 flags;
	const char	*in;
	size_t		 len;		/* 0: strlen(in) */
	enum http_status st;
	bool		 complete;
	const char	*bad;		/* a part of the reason, for HTTP_BAD */
	long		 next;		/* a NEXT_ value or an offset */
};

#define TLS_HELLO	"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\x5b\x90\x9d\x9b\x72\x0b\xbc\x0c" \
			"\xbc\x2b\x92\xa8\x48\x97\xcf\xbd\x39\x04\xcc\x16\x0a\x85\x03\x90\x9f\x77\x04\x33"

static const struct hcase cases[] = {
	/* Request lines, RFC 9112 3. */
	{ "simple GET", REQ, 0, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "bare LF line ends", REQ, 0, "GET / HTTP/1.1\nHost: a\n\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "empty lines before the request", REQ, 0, "\r\n\r\nGET / HTTP/1.0\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "any token is a method", REQ, 0, "get /x HTTP/1.1\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "absolute-form and asterisk targets", REQ, 0, "OPTIONS * HTTP/1.1\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "two spaces", REQ, 0, "GET /  HTTP/1.1\r\n\r\n", 0, HTTP_BAD, false, "HTTP version", NEXT_OFF },
	{ "HTTP/0.9", REQ, 0, "GET /\r\n", 0, HTTP_BAD, false, "HTTP/0.9", NEXT_OFF },
	{ "HTTP/2 preface", REQ, 0, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 0, HTTP_BAD, false, "not HTTP/1.x", NEXT_OFF },
	{ "misspelt version", REQ, 0, "GET / HTTX/1.1\r\n\r\n", 0, HTTP_BAD, false, "HTTP version", NEXT_OFF },
	{ "version with two digits", REQ, 0, "GET / HTTP/1.10\r\n\r\n", 0, HTTP_BAD, false, "end of the line", NEXT_OFF },
	{ "method longer than 15", REQ, 0, "ABCDEFGHIJKLMNOP / HTTP/1.1\r\n\r\n", 0, HTTP_BAD, false, "longer", NEXT_OFF },
	{ "method not a token", REQ, 0, "G@T / HTTP/1.1\r\n\r\n", 0, HTTP_BAD, false, "token", NEXT_OFF },
	{ "empty method", REQ, 0, " / HTTP/1.1\r\n\r\n", 0, HTTP_BAD, false, "empty method", NEXT_OFF },
	{ "control byte in the target", REQ, 0, "GET /\x01 HTTP/1.1\r\n\r\n", 0, HTTP_BAD, false, "target", NEXT_OFF },
	{ "bare CR", REQ, 0, "GET / HTTP/1.1\rHost: a\r\n\r\n", 0, HTTP_BAD, false, "bare CR", NEXT_OFF },
	/* Status lines, RFC 9112 4. */
	{ "403 Forbidden", RSP, 0, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "no reason, no space", RSP, 0, "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "empty reason", RSP, 0, "HTTP/1.0 200 \r\nContent-Length: 0\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "two-digit status", RSP, 0, "HTTP/1.1 20 OK\r\n\r\n", 0, HTTP_BAD, false, "three digits", NEXT_OFF },
	{ "status 099", RSP, 0, "HTTP/1.1 099 Low\r\n\r\n", 0, HTTP_BAD, false, "100-599", NEXT_OFF },
	{ "status 600", RSP, 0, "HTTP/1.1 600 High\r\n\r\n", 0, HTTP_BAD, false, "100-599", NEXT_OFF },
	{ "control byte in the reason", RSP, 0, "HTTP/1.1 200 O\x07K\r\n\r\n", 0, HTTP_BAD, false, "reason", NEXT_OFF },
	{ "lower-case http", RSP, 0, "http/1.1 200 OK\r\n\r\n", 0, HTTP_BAD, false, "status line", NEXT_OFF },
	{ "HTTP/2 status", RSP, 0, "HTTP/2.0 200 OK\r\n\r\n", 0, HTTP_BAD, false, "not HTTP/1.x", NEXT_OFF },
	/* Header fields, RFC 9112 5. */
	{ "obs-fold", REQ, 0, "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", 0, HTTP_BAD, false, "obs-fold", NEXT_OFF },
	{ "obs-fold with a tab", RSP, 0, "HTTP/1.1 200 OK\r\nX: a\r\n\tb\r\n\r\n", 0, HTTP_BAD, false, "obs-fold", NEXT_OFF },
	{ "space before the first field", REQ, 0, "GET / HTTP/1.1\r\n Host: a\r\n\r\n", 0, HTTP_BAD, false, "first header", NEXT_OFF },
	{ "space before the colon", REQ, 0, "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 0, HTTP_BAD, false, "colon", NEXT_OFF },
	{ "NUL in a value", REQ, 0, "GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 26, HTTP_BAD, false, "control byte", NEXT_OFF },
	{ "DEL in a name", REQ, 0, "GET / HTTP/1.1\r\nX\x7fY: a\r\n\r\n", 0, HTTP_BAD, false, "token", NEXT_OFF },
	{ "empty name", REQ, 0, "GET / HTTP/1.1\r\n: a\r\n\r\n", 0, HTTP_BAD, false, "empty field name", NEXT_OFF },
	{ "no colon", REQ, 0, "GET / HTTP/1.1\r\nHost\r\n\r\n", 0, HTTP_BAD, false, "token", NEXT_OFF },
	{ "empty value", REQ, 0, "GET / HTTP/1.1\r\nX:\r\nY: \t \r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "obs-text in a value", RSP, 0, "HTTP/1.1 200 OK\r\nX: caf\xc3\xa9\r\nContent-Length: 0\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	/* Content-Length, RFC 9110 8.6 and RFC 9112 6.3. */
	{ "Content-Length, body all there", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "Content-Length, body short", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel", 0, HTTP_OK, false, NULL, NEXT_OFF },
	{ "Content-Length, more after the body", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET", 0, HTTP_OK, true, NULL, 40 },
	{ "Content-Length: 0", RSP, 0, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP", 0, HTTP_OK, true, NULL, 38 },
	{ "Content-Length not a number", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 0, HTTP_BAD, false, "invalid Content-Length", NEXT_OFF },
	{ "Content-Length negative", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 0, HTTP_BAD, false, "invalid Content-Length", NEXT_OFF },
	{ "Content-Length with a sign", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\n", 0, HTTP_BAD, false, "invalid Content-Length", NEXT_OFF },
	{ "Content-Length empty", REQ, 0, "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", 0, HTTP_BAD, false, "invalid Content-Length", NEXT_OFF },
	{ "Content-Length two numbers", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: 1 2\r\n\r\n", 0, HTTP_BAD, false, "invalid Content-Length", NEXT_OFF },
	{ "Content-Length list, same values", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: 2 , 2\r\n\r\nhi", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "Content-Length list, an empty element", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: 2,,2\r\n\r\nhi", 0, HTTP_BAD, false, "invalid Content-Length", NEXT_OFF },
	{ "Content-Length list, different values", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: 2, 3\r\n\r\nhi", 0, HTTP_BAD, false, "conflicting", NEXT_OFF },
	{ "Content-Length twice, same", RSP, 0, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nhi", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "Content-Length twice, conflicting", RSP, 0, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nhi", 0, HTTP_BAD, false, "conflicting", NEXT_OFF },
	{ "Content-Length huge", RSP, 0, "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", 0, HTTP_BAD, false, "too large", NEXT_OFF },
	{ "Content-Length large, body to come", RSP, 0, "HTTP/1.1 200 OK\r\nContent-Length: 4611686018427387904\r\n\r\nabc", 0, HTTP_OK, false, NULL, NEXT_OFF },
	/* Chunked, RFC 9112 7.1. */
	{ "chunked, complete", REQ, 0, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "chunked, extensions and trailer", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\nA \r\n0123456789\r\n000;last\r\nX-T: 1\r\n\r\nNEXT", 0, HTTP_OK, true, NULL, 97 },
	{ "chunked, no last chunk yet", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", 0, HTTP_OK, false, NULL, NEXT_OFF },
	{ "chunked, data short", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", 0, HTTP_OK, false, NULL, NEXT_OFF },
	{ "chunked, trailer unfinished", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n", 0, HTTP_OK, false, NULL, NEXT_OFF },
	{ "chunked, size not hex", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 0, HTTP_BAD, false, "hexadecimal", NEXT_OFF },
	{ "chunked, size then junk", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1g\r\n", 0, HTTP_BAD, false, "hexadecimal", NEXT_OFF },
	{ "chunked, huge size", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", 0, HTTP_BAD, false, "too large", NEXT_OFF },
	{ "chunked, 2^63", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8000000000000000\r\n", 0, HTTP_BAD, false, "too large", NEXT_OFF },
	{ "chunked, 4 GiB chunk to come", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100000000\r\nabc", 0, HTTP_OK, false, NULL, NEXT_OFF },
	{ "chunked, data without CRLF", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloX\r\n0\r\n\r\n", 0, HTTP_BAD, false, "not followed by CRLF", NEXT_OFF },
	{ "chunked, control byte in an extension", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;\x01\r\n", 0, HTTP_BAD, false, "extension", NEXT_OFF },
	{ "chunked, folded trailer", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n 2\r\n\r\n", 0, HTTP_BAD, false, "obs-fold", NEXT_OFF },
	{ "gzip, chunked", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n0\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "chunked, gzip in a request", REQ, 0, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 0, HTTP_BAD, false, "chunked last", NEXT_OFF },
	{ "chunked, gzip in a response: to the close", RSP, HTTP_F_EOF, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nxyz", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "chunked twice", RSP, 0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 0, HTTP_BAD, false, "more than once", NEXT_OFF },
	{ "Transfer-Encoding in HTTP/1.0", RSP, 0, "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 0, HTTP_BAD, false, "HTTP/1.0", NEXT_OFF },
	{ "Transfer-Encoding and Content-Length", REQ, 0, "POST / HTTP/1.1\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	/* Bodies delimited otherwise, RFC 9112 6.3. */
	{ "request without a length has no body", REQ, 0, "GET / HTTP/1.1\r\n\r\nGET", 0, HTTP_OK, true, NULL, 18 },
	{ "response to the close, still open", RSP, 0, "HTTP/1.0 200 OK\r\n\r\n<html>", 0, HTTP_OK, false, NULL, NEXT_OFF },
	{ "response to the close, FIN seen", RSP, HTTP_F_EOF, "HTTP/1.0 200 OK\r\n\r\n<html>", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "204 has no body", RSP, 0, "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\nHTTP", 0, HTTP_OK, true, NULL, 47 },
	{ "304 has no body", RSP, 0, "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "100 Continue has no body", RSP, 0, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n", 0, HTTP_OK, true, NULL, 25 },
	{ "an answer to HEAD has no body", RSP, HTTP_F_HEAD, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", 0, HTTP_OK, true, NULL, NEXT_END },
	{ "a 200 to CONNECT has no body", RSP, HTTP_F_CONNECT, "HTTP/1.1 200 OK\r\n\r\n\x16\x03\x03", 0, HTTP_OK, true, NULL, 19 },
	{ "a 407 to CONNECT has one", RSP, HTTP_F_CONNECT, "HTTP/1.1 407 Auth\r\nContent-Length: 1\r\n\r\nx", 0, HTTP_OK, true, NULL, NEXT_END },
	/* Not HTTP at all. */
	{ "binary", REQ, 0, "\x00\x01\x02\x03", 4, HTTP_BAD, false, "token", NEXT_OFF },
	{ "TLS ClientHello as a request", REQ, 0, TLS_HELLO, sizeof(TLS_HELLO) - 1, HTTP_BAD, false, "token", NEXT_OFF },
	{ "TLS record as a response", RSP, 0, TLS_HELLO, sizeof(TLS_HELLO) - 1, HTTP_BAD, false, "status line", NEXT_OFF },
	{ "SSH banner", REQ, 0, "SSH-2.0-OpenSSH_9.2p1\r\n", 0, HTTP_BAD, false, "longer", NEXT_OFF },
	{ "SMTP greeting as a response", RSP, 0, "220 mail.example ESMTP\r\n", 0, HTTP_BAD, false, "status line", NEXT_OFF },
	{ "nothing yet", REQ, 0, "", 0, HTTP_INCOMPLETE, false, NULL, NEXT_OFF },
	{ "only empty lines", RSP, 0, "\r\n\r\n", 0, HTTP_INCOMPLETE, false, NULL, NEXT_OFF },
	{ "start line only", REQ, 0, "GET / HTTP/1.1\r\n", 0, HTTP_INCOMPLETE, false, NULL, NEXT_OFF },
};

static void
run_case(void **state)
{
	const struct hcase *c = *state;
	size_t len = c->len ? c->len : strlen(c->in), next = 12345;
	struct http_msg m;
	enum http_status st;
	long want;

	st = http_parse_ex((const uint8_t *)c->in, len, 0, c->request, c->flags, &m, &next);
	if (st != c->st)
		fail_msg("%s: status %d, expected %d (bad: %s)", c->name, st, c->st, m.bad ? m.bad : "-");
	if (st == HTTP_OK && m.complete != c->complete)
		fail_msg("%s: complete is %d", c->name, m.complete);
	if (c->bad != NULL && (m.bad == NULL || strstr(m.bad, c->bad) == NULL))
		fail_msg("%s: bad is '%s', expected '%s'", c->name, m.bad ? m.bad : "(null)", c->bad);
	if (st != HTTP_BAD && m.bad != NULL)
		fail_msg("%s: bad set on a good message: %s", c->name, m.bad);
	want = c->next == NEXT_END ? (long)len : c->next == NEXT_OFF ? 0 : c->next;
	if (c->next != NEXT_ANY && (long)next != want)
		fail_msg("%s: next is %zu, expected %ld", c->name, next, want);
	if (st == HTTP_OK) {
		assert_true(m.body_off == m.start + m.header_len);
		assert_true(m.body_off + m.body_len <= len);
		if (m.complete)
			assert_true(next >= m.body_off && next <= len);
	}
}

static void
test_request_fields(void **st)
{
	static const char in[] =
	    "\r\nPOST /flashmail.asp?a=1 HTTP/1.1\r\n"
	    "Host:   www.example.com  \r\n"
	    "content-type:\tapplication/x-www-form-urlencoded\t\r\n"
	    "Set-Cookie: a=1\r\n"
	    "Set-Cookie: b=2\r\n"
	    "CONTENT-LENGTH: 3\r\n"
	    "\r\n"
	    "a=b";
	struct http_msg m;
	size_t next;

	(void)st;
	assert_int_equal(http_parse((const uint8_t *)in, sizeof(in) - 1, 0, REQ, &m, &next), HTTP_OK);
	assert_true(m.request);
	assert_string_equal(m.method, "POST");
	assert_string_equal(m.target, "/flashmail.asp?a=1");
	assert_string_equal(m.version, "HTTP/1.1");
	assert_int_equal(m.major, 1);
	assert_int_equal(m.minor, 1);
	assert_int_equal(m.start, 2);
	assert_int_equal(m.header_len, sizeof(in) - 1 - 2 - 3);
	assert_int_equal(m.nheaders, 5);
	assert_string_equal(http_header(&m, "HOST"), "www.example.com");
	assert_string_equal(http_header(&m, "Content-Type"), "application/x-www-form-urlencoded");
	/* Duplicates are kept in order; the lookup gives the first. */
	assert_string_equal(http_header(&m, "set-cookie"), "a=1");
	assert_string_equal(m.headers[3].name, "Set-Cookie");
	assert_string_equal(m.headers[3].value, "b=2");
	assert_null(http_header(&m, "Set"));
	assert_null(http_header(&m, "Set-Cookies"));
	assert_true(m.has_length);
	assert_int_equal(m.content_length, 3);
	assert_int_equal(m.body_len, 3);
	assert_true(m.complete);
	assert_int_equal(next, sizeof(in) - 1);
	assert_int_equal(http_response_flags(&m), 0);
}

static void
test_response_fields(void **st)
{
	static const char in[] = "HTTP/1.1 404 Not Found Here\r\nServer: x\r\n\r\n";
	struct http_msg m;
	size_t next;

	(void)st;
	/* No length: the body runs to the close. */
	assert_int_equal(http_parse((const uint8_t *)in, sizeof(in) - 1, 0, RSP, &m, &next), HTTP_OK);
	assert_false(m.request);
	assert_int_equal(m.status, 404);
	assert_string_equal(m.reason, "Not Found Here");
	assert_string_equal(m.version, "HTTP/1.1");
	assert_true(m.until_close);
	assert_false(m.complete);
	assert_int_equal(next, 0);
	assert_int_equal(http_parse_ex((const uint8_t *)in, sizeof(in) - 1, 0, RSP, HTTP_F_EOF, &m, &next),
	    HTTP_OK);
	assert_true(m.complete);
	assert_int_equal(next, sizeof(in) - 1);
}

static void
test_framing_flags(void **st)
{
	static const char te[] = "POST / HTTP/1.1\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
	static const char h204[] = "HTTP/1.1 204 No Content\r\n\r\n";
	struct http_msg m, req;
	size_t next;

	(void)st;
	assert_int_equal(http_parse((const uint8_t *)te, sizeof(te) - 1, 0, REQ, &m, &next), HTTP_OK);
	assert_true(m.chunked);
	assert_true(m.te_and_cl);
	assert_int_equal(m.body_len, 5);
	assert_int_equal(http_parse((const uint8_t *)h204, sizeof(h204) - 1, 0, RSP, &m, &next), HTTP_OK);
	assert_true(m.no_body);
	memset(&req, 0, sizeof(req));
	strcpy(req.method, "HEAD");
	assert_int_equal(http_response_flags(&req), HTTP_F_HEAD);
	strcpy(req.method, "CONNECT");
	assert_int_equal(http_response_flags(&req), HTTP_F_CONNECT);
	strcpy(req.method, "head");
	assert_int_equal(http_response_flags(&req), 0);
}

/* More fields than are kept, and names and values longer than kept. */
static void
test_header_limits(void **st)
{
	char in[8192], big[400];
	struct http_msg m;
	size_t n, next;
	int i;

	(void)st;
	n = (size_t)snprintf(in, sizeof(in), "HTTP/1.1 200 OK\r\n");
	for (i = 0; i < 45; i++)
		n += (size_t)snprintf(in + n, sizeof(in) - n, "X-%d: %d\r\n", i, i);
	/* The framing field after the 40 kept still counts. */
	n += (size_t)snprintf(in + n, sizeof(in) - n, "Content-Length: 2\r\n\r\nok");
	assert_int_equal(http_parse((const uint8_t *)in, n, 0, RSP, &m, &next), HTTP_OK);
	assert_int_equal(m.nheaders, HTTP_MAX_HEADERS);
	assert_true(m.headers_truncated);
	assert_string_equal(m.headers[39].name, "X-39");
	assert_null(http_header(&m, "X-40"));
	assert_null(http_header(&m, "Content-Length"));
	assert_true(m.has_length);
	assert_true(m.complete);
	assert_int_equal(next, n);

	memset(big, 'v', sizeof(big));
	big[sizeof(big) - 1] = '\0';
	n = (size_t)snprintf(in, sizeof(in), "GET /%s HTTP/1.1\r\nX-Long: %s\r\n%.80s: n\r\n\r\n", big, big, big);
	assert_int_equal(http_parse((const uint8_t *)in, n, 0, REQ, &m, &next), HTTP_OK);
	assert_true(m.target_truncated);
	assert_int_equal(strlen(m.target), sizeof(m.target) - 1);
	assert_int_equal(m.nheaders, 2);
	assert_true(m.headers[0].truncated);
	assert_int_equal(strlen(m.headers[0].value), sizeof(m.headers[0].value) - 1);
	assert_true(m.headers[1].truncated);
	assert_int_equal(strlen(m.headers[1].name), sizeof(m.headers[1].name) - 1);
	assert_true(m.complete);
}

/* A header section past 64 KiB is refused, not waited on. */
static void
test_header_section_cap(void **st)
{
	size_t len = HTTP_MAX_HEADER_BYTES + 100, n, next;
	uint8_t *in = malloc(len);
	struct http_msg m;

	(void)st;
	assert_non_null(in);
	n = (size_t)snprintf((char *)in, len, "GET / HTTP/1.1\r\nX: ");
	memset(in + n, 'a', len - n);
	assert_int_equal(http_parse(in, HTTP_MAX_HEADER_BYTES - 1, 0, REQ, &m, &next), HTTP_INCOMPLETE);
	assert_int_equal(http_parse(in, len, 0, REQ, &m, &next), HTTP_BAD);
	assert_non_null(strstr(m.bad, "64 KiB"));
	free(in);
}

/* Pipelined requests, and a 100 Continue before the final answer. */
static void
test_pipelining(void **st)
{
	static const char reqs[] =
	    "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
	    "POST /2 HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody"
	    "GET /3 HTTP/1.1\r\n\r\n"
	    "GET /4 HTTP/1.1\r\n";
	static const char rsps[] =
	    "HTTP/1.1 100 Continue\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
	static const char *targets[] = { "/1", "/2", "/3" };
	static const int statuses[] = { 100, 200, 200 };
	struct http_msg m;
	size_t off = 0, next;
	int i;

	(void)st;
	for (i = 0; i < 3; i++) {
		assert_int_equal(http_parse((const uint8_t *)reqs, sizeof(reqs) - 1, off, REQ, &m, &next), HTTP_OK);
		assert_string_equal(m.target, targets[i]);
		assert_true(m.complete);
		assert_int_equal(m.start, off);
		assert_true(next > off);
		off = next;
	}
	assert_int_equal(http_parse((const uint8_t *)reqs, sizeof(reqs) - 1, off, REQ, &m, &next),
	    HTTP_INCOMPLETE);
	assert_int_equal(next, off);
	for (i = 0, off = 0; i < 3; i++) {
		assert_int_equal(http_parse((const uint8_t *)rsps, sizeof(rsps) - 1, off, RSP, &m, &next), HTTP_OK);
		assert_int_equal(m.status, statuses[i]);
		assert_true(m.complete);
		off = next;
	}
	assert_int_equal(off, sizeof(rsps) - 1);
	/* Past the end is the caller's mistake, said so. */
	assert_int_equal(http_parse((const uint8_t *)rsps, 3, 4, RSP, &m, &next), HTTP_BAD);
}

/*
 * Every prefix of a valid message: INCOMPLETE until the empty line
 * after the headers, then OK, complete only when whole.  Never BAD.
 */
static void
check_prefixes(const char *in, bool request, size_t header_end)
{
	size_t len = strlen(in), k, next;
	struct http_msg m;
	enum http_status st;
	uint8_t *copy;

	for (k = 0; k <= len; k++) {
		/* An exact-size copy, so ASan sees a read past the prefix. */
		copy = malloc(k ? k : 1);
		assert_non_null(copy);
		memcpy(copy, in, k);
		st = http_parse(copy, k, 0, request, &m, &next);
		free(copy);
		if (k < header_end) {
			if (st != HTTP_INCOMPLETE)
				fail_msg("prefix %zu of %zu: status %d (%s)", k, len, st, m.bad ? m.bad : "-");
			continue;
		}
		if (st != HTTP_OK)
			fail_msg("prefix %zu of %zu: status %d (%s)", k, len, st, m.bad ? m.bad : "-");
		if (m.complete != (k == len))
			fail_msg("prefix %zu of %zu: complete %d", k, len, m.complete);
		assert_int_equal(next, k == len ? len : 0);
		assert_int_equal(m.body_off, header_end);
		assert_int_equal(m.body_len, k - header_end);
	}
}

static void
test_every_prefix(void **st)
{
	static const char req[] =
	    "POST /flashmail.asp HTTP/1.1\r\nAccept: */*\r\nContent-Length: 11\r\n"
	    "Host: www.discoverconsoles.com\r\n\r\nvalidate=on";
	static const char rsp[] =
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Empty:\r\n\r\n"
	    "5;ext=1\r\nhello\r\n10\r\n0123456789abcdef\r\n0\r\nTrailer: t\r\n\r\n";
	static const char lf[] = "HTTP/1.0 200 OK\nContent-Length: 3\n\nabc";

	(void)st;
	check_prefixes(req, REQ, strstr(req, "\r\n\r\n") + 4 - req);
	check_prefixes(rsp, RSP, strstr(rsp, "\r\n\r\n") + 4 - rsp);
	check_prefixes(lf, RSP, strstr(lf, "\n\n") + 2 - lf);
}

static void
test_excerpt(void **st)
{
	static const struct {
		const char	*in;
		size_t		 len, max, outlen;
		const char	*want;
	} ex[] = {
		{ "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 0, 100, 256, "GET / HTTP/1.1\nHost: a\n\n" },
		{ "a\0\x7f\xff" "b", 5, 100, 256, "a\\x00\\x7f\\xffb" },
		{ "tab\there", 0, 100, 256, "tab\\x09here" },
		{ "back\\slash", 0, 100, 256, "back\\\\slash" },
		/* A bare CR is escaped; a bare LF ends a line, as CR LF does. */
		{ "lone\rcr and lone\nlf", 0, 100, 256, "lone\\x0dcr and lone\nlf" },
		{ "0123456789", 0, 3, 256, "012[... 7 more bytes]" },
		{ "0123456789", 0, 10, 256, "0123456789" },
		{ "ab\r\ncd", 0, 3, 256, "ab\\x0d[... 3 more bytes]" },
		{ "", 0, 100, 256, "" },
		/* The output buffer, not max, is the limit: room is kept for the count. */
		{ "0123456789012345678901234567890123456789012345678901234567890123456789", 0, 1000, 50,
		  "012345678901234567890123456789[... 40 more bytes]" },
		{ "0123456789", 0, 1000, 11, "0123456789" },
		{ "01234567890", 0, 1000, 11, "[... 11 mo" },
	};
	char out[256];
	size_t i, n, len;

	(void)st;
	for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		len = ex[i].len ? ex[i].len : strlen(ex[i].in);
		memset(out, 'Z', sizeof(out));
		n = http_excerpt((const uint8_t *)ex[i].in, len, out, ex[i].outlen, ex[i].max);
		if (strcmp(out, ex[i].want) != 0)
			fail_msg("excerpt %zu: '%s', expected '%s'", i, out, ex[i].want);
		assert_int_equal(n, strlen(out));
		assert_true(n < ex[i].outlen);
	}
	assert_int_equal(http_excerpt((const uint8_t *)"x", 1, out, 0, 10), 0);
	assert_int_equal(http_excerpt((const uint8_t *)"x", 1, out, 1, 10), 0);
	assert_string_equal(out, "");
}

/*
 * A saved capture's streams, read as postprobe -r reads them (its
 * readers through replay_read(): the in-flow trace's copies kept out).
 */
static struct tcp_streams *
load_streams(const char *path)
{
	struct http_capture hc;
	struct tcp_streams *t;
	char err[256];

	if (load_http(path, &hc, err, sizeof(err)) != 0)
		fail_msg("%s: %s", path, err);
	t = hc.hr.ts;
	hc.hr.ts = NULL;
	free_http(&hc);
	return t;
}

/* The book's failing POST: both connections, request and answer. */
static void
test_book_http_fault_post(void **st)
{
	static const struct {
		uint16_t	cport;
		uint32_t	req_frame, rsp_first, rsp_done;
	} want[] = { { 2579, 4, 8, 9 }, { 2580, 7, 11, 12 } };
	struct tcp_streams *t = load_streams(SHARED_CAPTURES "/http-fault-post.pcap");
	const struct tcp_conn *k;
	struct fl_addr cli, srv;
	struct http_msg req, rsp;
	size_t i, next;

	(void)st;
	fl_addr_parse("24.4.97.251", &cli);
	fl_addr_parse("216.23.168.114", &srv);
	for (i = 0; i < 2; i++) {
		k = tcps_find(t, &cli, want[i].cport, &srv, 80);
		assert_non_null(k);
		assert_int_equal(http_parse(k->c2s.data, k->c2s.len, 0, REQ, &req, &next), HTTP_OK);
		assert_string_equal(req.method, "POST");
		assert_string_equal(req.target, "/flashmail.asp");
		assert_string_equal(req.version, "HTTP/1.1");
		assert_string_equal(http_header(&req, "Content-Type"), "application/x-www-form-urlencoded");
		assert_string_equal(http_header(&req, "host"), "www.discoverconsoles.com");
		assert_int_equal(req.content_length, 986);
		assert_true(req.complete);
		assert_int_equal(next, k->c2s.len);
		assert_int_equal(tcps_frame_at(&k->c2s, req.start), want[i].req_frame);

		assert_int_equal(http_parse_ex(k->s2c.data, k->s2c.len, 0, RSP, http_response_flags(&req) |
		    (k->s2c.fin ? HTTP_F_EOF : 0), &rsp, &next), HTTP_OK);
		assert_int_equal(rsp.status, 403);
		assert_string_equal(rsp.reason, "Forbidden");
		assert_string_equal(http_header(&rsp, "Content-Type"), "text/html");
		assert_string_equal(http_header(&rsp, "Server"), "Microsoft-IIS/6.0");
		assert_int_equal(rsp.content_length, 1758);
		assert_true(rsp.complete);
		assert_int_equal(next, k->s2c.len);
		/* "frame 9: HTTP/1.1 403 Forbidden": where it starts, and where it completes. */
		assert_int_equal(tcps_frame_at(&k->s2c, rsp.start), want[i].rsp_first);
		assert_int_equal(tcps_frame_at(&k->s2c, next - 1), want[i].rsp_done);
		assert_int_equal(http_parse(k->s2c.data, k->s2c.len, next, RSP, &rsp, &next), HTTP_INCOMPLETE);
	}
	tcps_free(t);
}

static void
test_book_http_google(void **st)
{
	struct tcp_streams *t = load_streams(SHARED_CAPTURES "/http_google.pcapng");
	const struct tcp_conn *k = tcps_conn(t, 0);
	struct http_msg req, rsp;
	char ex[128];
	size_t next;

	(void)st;
	assert_non_null(k);
	assert_int_equal(http_parse(k->c2s.data, k->c2s.len, 0, REQ, &req, &next), HTTP_OK);
	assert_string_equal(req.method, "GET");
	assert_string_equal(req.target, "/");
	assert_string_equal(http_header(&req, "Host"), "www.google.com");
	assert_true(req.complete);
	assert_int_equal(next, k->c2s.len);
	assert_int_equal(http_parse(k->s2c.data, k->s2c.len, 0, RSP, &rsp, &next), HTTP_OK);
	assert_int_equal(rsp.status, 200);
	assert_string_equal(rsp.reason, "OK");
	assert_string_equal(http_header(&rsp, "Content-Encoding"), "gzip");
	assert_int_equal(rsp.content_length, 4633);
	assert_true(rsp.complete);
	assert_int_equal(tcps_frame_at(&k->s2c, next - 1), 12);
	/* The gzip body, as a transcript shows it. */
	http_excerpt(k->s2c.data + rsp.body_off, rsp.body_len, ex, sizeof(ex), 4);
	assert_string_equal(ex, "\\x1f\\x8b\\x08\\x00[... 4629 more bytes]");
	tcps_free(t);
}

int
main(void)
{
	enum { NCASES = sizeof(cases) / sizeof(cases[0]) };
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_request_fields),
		cmocka_unit_test(test_response_fields),
		cmocka_unit_test(test_framing_flags),
		cmocka_unit_test(test_header_limits),
		cmocka_unit_test(test_header_section_cap),
		cmocka_unit_test(test_pipelining),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_excerpt),
		cmocka_unit_test(test_book_http_fault_post),
		cmocka_unit_test(test_book_http_google),
	};
	static struct CMUnitTest tests[NCASES + sizeof(fixed) / sizeof(fixed[0])];
	size_t i, n = 0;

	/* One named test per table row. */
	for (i = 0; i < NCASES; i++) {
		memset(&tests[n], 0, sizeof(tests[n]));
		tests[n].name = cases[i].name;
		tests[n].test_func = run_case;
		tests[n].initial_state = (void *)(uintptr_t)&cases[i];
		n++;
	}
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		tests[n++] = fixed[i];
	return _cmocka_run_group_tests("http", tests, n, NULL, NULL);
}
