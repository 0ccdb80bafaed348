/*
 * HTTP/1.x message parsing.  See http.h for the model.
 *
 * Every byte is read through the cursor, one at a time, by small
 * readers that say "need more" at the end of the data and "bad" at the
 * first byte no valid message could have there; so a prefix of a valid
 * message is never called bad, and garbage (a TLS record, binary) is
 * refused at its first byte rather than waited on.
 */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "analyze/packet/cursor.h"
#include "analyze/flow/http.h"

#define MAX_LENGTH	((uint64_t)1 << 62)	/* Content-Length and chunk sizes */
#define MAX_CHUNK_LINE	4096			/* chunk size and extensions */

struct scan {
	struct cur	 c;		/* the whole stream */
	size_t		 pos;
	size_t		 limit;		/* the current section must end before this */
	const char	*over;		/* why, when it does not */
	struct http_msg	*m;
};

static enum http_status
bad(struct scan *s, const char *why)
{
	s->m->bad = why;
	return HTTP_BAD;
}

/* The byte at pos: INCOMPLETE past the data, BAD past the section's limit. */
static enum http_status
peek(struct scan *s, uint8_t *ch)
{
	if (s->pos >= s->limit)
		return bad(s, s->over);
	if (!cur_u8(&s->c, s->pos, ch))
		return HTTP_INCOMPLETE;
	return HTTP_OK;
}

static size_t
add_sat(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* tchar, RFC 9110 5.6.2. */
static bool
is_tchar(uint8_t ch)
{
	if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
		return true;
	return ch != 0 && strchr("!#$%&'*+-.^_`|~", ch) != NULL;
}

/* VCHAR or obs-text, RFC 9110 5.5. */
static bool
is_vchar(uint8_t ch)
{
	return ch >= 0x21 && ch != 0x7f;
}

static uint8_t
lower(uint8_t ch)
{
	return (ch >= 'A' && ch <= 'Z') ? (uint8_t)(ch + 32) : ch;
}

static int
hex_val(uint8_t ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = lower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* Do the n bytes at off equal lit, ignoring ASCII case? */
static bool
range_ieq(const struct cur *c, size_t off, size_t n, const char *lit)
{
	size_t i;
	uint8_t ch;

	if (strlen(lit) != n)
		return false;
	for (i = 0; i < n; i++)
		if (!cur_u8(c, off + i, &ch) || lower(ch) != lower((uint8_t)lit[i]))
			return false;
	return true;
}

/* Copy n bytes at off as a string; true when they did not all fit. */
static bool
copy_str(char *dst, size_t dstlen, const struct cur *c, size_t off, size_t n)
{
	size_t k = n < dstlen - 1 ? n : dstlen - 1;

	if (!cur_copy(c, off, dst, k))
		k = 0;
	dst[k] = '\0';
	return k < n;
}

/* A line end, RFC 9112 2.2: CRLF, or a bare LF, which recipients may take. */
static enum http_status
eol(struct scan *s)
{
	enum http_status r;
	uint8_t ch;

	if ((r = peek(s, &ch)) != HTTP_OK)
		return r;
	if (ch == '\n') {
		s->pos++;
		return HTTP_OK;
	}
	if (ch != '\r')
		return bad(s, "expected the end of the line");
	s->pos++;
	if ((r = peek(s, &ch)) != HTTP_OK)
		return r;
	if (ch != '\n')
		return bad(s, "bare CR");
	s->pos++;
	return HTTP_OK;
}

static enum http_status
expect_sp(struct scan *s, const char *why)
{
	enum http_status r;
	uint8_t ch;

	if ((r = peek(s, &ch)) != HTTP_OK)
		return r;
	if (ch != ' ')
		return bad(s, why);
	s->pos++;
	return HTTP_OK;
}

/* HTTP-version = "HTTP/" DIGIT "." DIGIT, RFC 9112 2.3. */
static enum http_status
version(struct scan *s)
{
	static const char tmpl[] = "HTTP/9.9";	/* 9: any digit */
	struct http_msg *m = s->m;
	enum http_status r;
	size_t i;
	uint8_t ch;

	for (i = 0; i < sizeof(tmpl) - 1; i++) {
		if ((r = peek(s, &ch)) != HTTP_OK)
			return r;
		if (tmpl[i] == '9' ? (ch < '0' || ch > '9') : ch != (uint8_t)tmpl[i])
			return bad(s, m->request ? "no HTTP version at the end of the request line" :
			    "not an HTTP status line");
		m->version[i] = (char)ch;
		s->pos++;
	}
	m->version[i] = '\0';
	m->major = m->version[5] - '0';
	m->minor = m->version[7] - '0';
	return HTTP_OK;
}

/* request-line = method SP request-target SP HTTP-version, RFC 9112 3. */
static enum http_status
request_line(struct scan *s)
{
	struct http_msg *m = s->m;
	enum http_status r;
	size_t n, from;
	uint8_t ch;

	for (n = 0;; n++) {
		if ((r = peek(s, &ch)) != HTTP_OK)
			return r;
		if (ch == ' ')
			break;
		if (!is_tchar(ch))
			return bad(s, "method is not a token");
		if (n >= sizeof(m->method) - 1)
			return bad(s, "method longer than 15 bytes");
		m->method[n] = (char)ch;
		s->pos++;
	}
	m->method[n] = '\0';
	if (n == 0)
		return bad(s, "empty method");
	s->pos++;
	for (from = s->pos;; s->pos++) {
		if ((r = peek(s, &ch)) != HTTP_OK)
			return r;
		if (ch == ' ')
			break;
		if (ch == '\r' || ch == '\n')
			return bad(s, "no HTTP version (an HTTP/0.9 request?)");
		if (!is_vchar(ch))
			return bad(s, "control byte or space in the request target");
	}
	if (s->pos == from)
		return bad(s, "empty request target");
	m->target_truncated = copy_str(m->target, sizeof(m->target), &s->c, from, s->pos - from);
	s->pos++;
	if ((r = version(s)) != HTTP_OK || (r = eol(s)) != HTTP_OK)
		return r;
	if (m->major != 1)
		return bad(s, "not HTTP/1.x");
	return HTTP_OK;
}

/* status-line = HTTP-version SP status-code SP [ reason-phrase ], RFC 9112 4. */
static enum http_status
status_line(struct scan *s)
{
	struct http_msg *m = s->m;
	enum http_status r;
	size_t i, from;
	uint8_t ch;

	if ((r = version(s)) != HTTP_OK)
		return r;
	if ((r = expect_sp(s, "no space after the version")) != HTTP_OK)
		return r;
	for (i = 0; i < 3; i++) {
		if ((r = peek(s, &ch)) != HTTP_OK)
			return r;
		if (ch < '0' || ch > '9')
			return bad(s, "status code is not three digits");
		m->status = m->status * 10 + (ch - '0');
		s->pos++;
	}
	if ((r = peek(s, &ch)) != HTTP_OK)
		return r;
	/* Some servers leave out the space before an empty reason. */
	if (ch == ' ') {
		s->pos++;
	} else if (ch != '\r' && ch != '\n') {
		return bad(s, "status code is not three digits");
	}
	for (from = s->pos;; s->pos++) {
		if ((r = peek(s, &ch)) != HTTP_OK)
			return r;
		if (ch == '\r' || ch == '\n')
			break;
		if (ch != '\t' && ch != ' ' && !is_vchar(ch))
			return bad(s, "control byte in the reason phrase");
	}
	(void)copy_str(m->reason, sizeof(m->reason), &s->c, from, s->pos - from);
	if ((r = eol(s)) != HTTP_OK)
		return r;
	if (m->major != 1)
		return bad(s, "not HTTP/1.x");
	/* RFC 9110 15: three digits, 100 to 599. */
	if (m->status < 100 || m->status > 599)
		return bad(s, "status code outside 100-599");
	return HTTP_OK;
}

/* What the framing fields said, gathered over the whole header section. */
struct framing {
	bool	te;		/* Transfer-Encoding present */
	bool	te_chunked_last;
	int	te_chunked;	/* times chunked was named */
};

/*
 * Content-Length = 1*DIGIT, RFC 9110 8.6; a list of the same value
 * (from a proxy joining fields) is taken, different values are not.
 */
static enum http_status
content_length(struct scan *s, size_t off, size_t n)
{
	struct http_msg *m = s->m;
	uint64_t v;
	size_t i = 0, a, b;
	uint8_t ch;

	for (;;) {
		for (a = i; i < n && cur_u8(&s->c, off + i, &ch) && ch != ','; i++)
			;
		b = i;
		while (a < b && cur_u8(&s->c, off + a, &ch) && (ch == ' ' || ch == '\t'))
			a++;
		while (b > a && cur_u8(&s->c, off + b - 1, &ch) && (ch == ' ' || ch == '\t'))
			b--;
		if (a == b)
			return bad(s, "invalid Content-Length");
		for (v = 0; a < b; a++) {
			if (!cur_u8(&s->c, off + a, &ch) || ch < '0' || ch > '9')
				return bad(s, "invalid Content-Length");
			if (v > (MAX_LENGTH - (uint64_t)(ch - '0')) / 10)
				return bad(s, "Content-Length too large");
			v = v * 10 + (uint64_t)(ch - '0');
		}
		if (v > SIZE_MAX)
			return bad(s, "Content-Length too large");
		if (m->has_length && m->content_length != (size_t)v)
			return bad(s, "conflicting Content-Length values");
		m->has_length = true;
		m->content_length = (size_t)v;
		if (i >= n)
			return HTTP_OK;
		i++;
	}
}

/* Transfer-Encoding = #transfer-coding, RFC 9112 6.1: is chunked last? */
static enum http_status
transfer_encoding(struct scan *s, struct framing *f, size_t off, size_t n)
{
	size_t i = 0, from;
	uint8_t ch = 0;

	f->te = true;
	while (i < n) {
		while (i < n && cur_u8(&s->c, off + i, &ch) && (ch == ' ' || ch == '\t' || ch == ','))
			i++;
		if (i >= n)
			break;
		for (from = i; i < n && cur_u8(&s->c, off + i, &ch) && is_tchar(ch); i++)
			;
		if (i == from)
			return bad(s, "invalid Transfer-Encoding");
		f->te_chunked_last = range_ieq(&s->c, off + from, i - from, "chunked");
		if (f->te_chunked_last)
			f->te_chunked++;
		/* Parameters run to the next comma. */
		while (i < n && cur_u8(&s->c, off + i, &ch) && ch != ',')
			i++;
	}
	return HTTP_OK;
}

/*
 * field-line = field-name ":" OWS field-value OWS, RFC 9112 5, up to
 * the empty line.  keep: store the fields and read the framing ones
 * (the header section); else only check them (a chunked trailer).
 */
static enum http_status
fields(struct scan *s, bool keep, struct framing *f)
{
	struct http_msg *m = s->m;
	struct http_header *h;
	enum http_status r;
	size_t name, nlen, val, vend;
	bool first = true;
	uint8_t ch;

	for (;; first = false) {
		if ((r = peek(s, &ch)) != HTTP_OK)
			return r;
		if (ch == '\r' || ch == '\n')
			return eol(s);
		/* RFC 9112 5.2: obs-fold is obsolete; we do not unfold. */
		if (ch == ' ' || ch == '\t')
			return bad(s, first && keep ? "whitespace before the first header field" :
			    "obs-fold (a folded header line) is not supported");
		for (name = s->pos;; s->pos++) {
			if ((r = peek(s, &ch)) != HTTP_OK)
				return r;
			if (ch == ':')
				break;
			/* RFC 9112 5.1: no whitespace between name and colon. */
			if (ch == ' ' || ch == '\t')
				return bad(s, "whitespace between a field name and its colon");
			if (!is_tchar(ch))
				return bad(s, "field name is not a token");
		}
		nlen = s->pos - name;
		if (nlen == 0)
			return bad(s, "empty field name");
		s->pos++;
		for (;; s->pos++) {
			if ((r = peek(s, &ch)) != HTTP_OK)
				return r;
			if (ch != ' ' && ch != '\t')
				break;
		}
		for (val = vend = s->pos;; s->pos++) {
			if ((r = peek(s, &ch)) != HTTP_OK)
				return r;
			if (ch == '\r' || ch == '\n')
				break;
			if (is_vchar(ch))
				vend = s->pos + 1;
			else if (ch != ' ' && ch != '\t')
				return bad(s, "control byte in a field value");
		}
		if ((r = eol(s)) != HTTP_OK)
			return r;
		if (!keep)
			continue;
		if (m->nheaders < HTTP_MAX_HEADERS) {
			h = &m->headers[m->nheaders++];
			h->truncated = copy_str(h->name, sizeof(h->name), &s->c, name, nlen);
			if (copy_str(h->value, sizeof(h->value), &s->c, val, vend - val))
				h->truncated = true;
		} else {
			m->headers_truncated = true;
		}
		/* Framing is read from the bytes, not from the copies kept. */
		if (range_ieq(&s->c, name, nlen, "content-length"))
			r = content_length(s, val, vend - val);
		else if (range_ieq(&s->c, name, nlen, "transfer-encoding"))
			r = transfer_encoding(s, f, val, vend - val);
		if (r != HTTP_OK)
			return r;
	}
}

/*
 * chunked-body, RFC 9112 7.1: walk the chunk sizes to the last chunk
 * and its trailer.  HTTP_OK with complete set when it is all there,
 * HTTP_INCOMPLETE when not yet, HTTP_BAD when the framing is broken.
 */
static enum http_status
chunked(struct scan *s)
{
	struct framing none;
	enum http_status r;
	uint64_t size;
	size_t line;
	uint8_t ch;
	int v;

	s->over = "chunk size line longer than 4 KiB";
	for (;;) {
		line = s->pos;
		s->limit = add_sat(line, MAX_CHUNK_LINE);
		size = 0;
		for (; (r = peek(s, &ch)) == HTTP_OK && (v = hex_val(ch)) >= 0; s->pos++) {
			if (size > (MAX_LENGTH - (uint64_t)v) / 16)
				return bad(s, "chunk size too large");
			size = size * 16 + (uint64_t)v;
		}
		if (r != HTTP_OK)
			return r;
		if (s->pos == line)
			return bad(s, "chunk size is not hexadecimal");
		/* chunk-ext: BWS ";" name [ "=" value ], taken as printable text. */
		if (ch != ';' && ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n')
			return bad(s, "chunk size is not hexadecimal");
		for (; (r = peek(s, &ch)) == HTTP_OK && ch != '\r' && ch != '\n'; s->pos++)
			if (!is_vchar(ch) && ch != ' ' && ch != '\t')
				return bad(s, "control byte in a chunk extension");
		if (r != HTTP_OK || (r = eol(s)) != HTTP_OK)
			return r;
		if (size == 0)
			break;
		if (size > s->c.len - s->pos)
			return HTTP_INCOMPLETE;
		s->pos += (size_t)size;
		s->limit = SIZE_MAX;
		if ((r = eol(s)) != HTTP_OK) {
			if (r == HTTP_BAD)
				s->m->bad = "chunk data not followed by CRLF";
			return r;
		}
	}
	/* The trailer section, bounded like a header section. */
	s->limit = add_sat(s->pos, HTTP_MAX_HEADER_BYTES);
	s->over = "trailer section longer than 64 KiB";
	memset(&none, 0, sizeof(none));
	return fields(s, false, &none);
}

/* Where the body ends, RFC 9112 6.3, and whether it is all there. */
static enum http_status
body(struct scan *s, unsigned int flags, const struct framing *f, size_t *next)
{
	struct http_msg *m = s->m;
	size_t avail = s->c.len - m->body_off;
	enum http_status r;

	if (!m->request && ((flags & HTTP_F_HEAD) || m->status < 200 || m->status == 204 ||
	    m->status == 304 || ((flags & HTTP_F_CONNECT) && m->status < 300))) {
		m->no_body = true;
		m->complete = true;
		*next = m->body_off;
		return HTTP_OK;
	}
	if (f->te) {
		m->te_and_cl = m->has_length;
		/* RFC 9112 6.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing. */
		if (m->major == 1 && m->minor == 0)
			return bad(s, "Transfer-Encoding in an HTTP/1.0 message");
		if (f->te_chunked > 1)
			return bad(s, "chunked applied more than once");
		if (f->te_chunked_last) {
			m->chunked = true;
			s->pos = m->body_off;
			r = chunked(s);
			if (r == HTTP_BAD)
				return r;
			m->complete = r == HTTP_OK;
			m->body_len = m->complete ? s->pos - m->body_off : avail;
			if (m->complete)
				*next = s->pos;
			return HTTP_OK;
		}
		if (m->request)
			return bad(s, "Transfer-Encoding without chunked last in a request");
		m->until_close = true;
	} else if (m->has_length) {
		m->body_len = avail < m->content_length ? avail : m->content_length;
		m->complete = avail >= m->content_length;
		if (m->complete)
			*next = m->body_off + m->content_length;
		return HTTP_OK;
	} else if (m->request) {
		m->complete = true;
		*next = m->body_off;
		return HTTP_OK;
	}
	m->until_close = true;
	m->body_len = avail;
	m->complete = (flags & HTTP_F_EOF) != 0;
	if (m->complete)
		*next = s->c.len;
	return HTTP_OK;
}

enum http_status
http_parse_ex(const uint8_t *data, size_t len, size_t off, bool request, unsigned int flags,
    struct http_msg *msg, size_t *next)
{
	struct framing f;
	struct scan s;
	enum http_status r;
	size_t after = off;
	uint8_t ch;

	/*
	 * All but the header array, which is 13 KB and written entry by
	 * entry as fields are kept (each string NUL-terminated by copy_str):
	 * zeroing it cost a third of pcap-triage's instructions.
	 */
	memset(msg, 0, offsetof(struct http_msg, headers));
	memset(&msg->nheaders, 0, sizeof(*msg) - offsetof(struct http_msg, nheaders));
	memset(&f, 0, sizeof(f));
	msg->request = request;
	*next = off;
	s.c = cur_make(data, len);
	s.m = msg;
	if (off > s.c.len) {
		msg->bad = "offset past the end of the data";
		return HTTP_BAD;
	}
	/* RFC 9112 2.2: empty lines before a message are skipped. */
	for (s.pos = off; cur_u8(&s.c, s.pos, &ch) && (ch == '\r' || ch == '\n'); s.pos++)
		;
	msg->start = s.pos;
	s.limit = add_sat(s.pos, HTTP_MAX_HEADER_BYTES);
	s.over = "header section longer than 64 KiB";
	r = request ? request_line(&s) : status_line(&s);
	if (r == HTTP_OK)
		r = fields(&s, true, &f);
	if (r != HTTP_OK)
		return r;
	msg->header_len = s.pos - msg->start;
	msg->body_off = s.pos;
	r = body(&s, flags, &f, &after);
	if (r == HTTP_OK)
		*next = after;
	return r;
}

enum http_status
http_parse(const uint8_t *data, size_t len, size_t off, bool request, struct http_msg *msg,
    size_t *next)
{
	return http_parse_ex(data, len, off, request, 0, msg, next);
}

unsigned int
http_response_flags(const struct http_msg *req)
{
	/* Methods are case-sensitive, RFC 9110 9.1. */
	if (strcmp(req->method, "HEAD") == 0)
		return HTTP_F_HEAD;
	if (strcmp(req->method, "CONNECT") == 0)
		return HTTP_F_CONNECT;
	return 0;
}

const char *
http_header(const struct http_msg *m, const char *name)
{
	struct cur c = cur_make((const uint8_t *)name, strlen(name));
	int i;

	for (i = 0; i < m->nheaders; i++)
		if (range_ieq(&c, 0, c.len, m->headers[i].name))
			return m->headers[i].value;
	return NULL;
}

/* The escaped form of the byte at i (and its LF, for CR LF); returns the bytes taken. */
static size_t
escape(const struct cur *c, size_t i, size_t shown, char e[8])
{
	uint8_t ch = 0, nx;

	(void)cur_u8(c, i, &ch);
	if (ch == '\r' && i + 1 < shown && cur_u8(c, i + 1, &nx) && nx == '\n') {
		memcpy(e, "\n", 2);
		return 2;
	}
	/* A body written with bare LF line ends reads as lines too, as Follow TCP Stream shows it. */
	if (ch == '\n') {
		memcpy(e, "\n", 2);
		return 1;
	}
	if (ch == '\\')
		memcpy(e, "\\\\", 3);
	else if (ch < 0x20 || ch >= 0x7f)
		(void)snprintf(e, 8, "\\x%02x", ch);
	else {
		e[0] = (char)ch;
		e[1] = '\0';
	}
	return 1;
}

size_t
http_excerpt(const uint8_t *data, size_t len, char *out, size_t outlen, size_t max)
{
	struct cur c = cur_make(data, len);
	size_t i, n = 0, shown = len < max ? len : max, total = 0, el, step, reserve = 0;
	char e[8];
	int w;

	if (outlen == 0)
		return 0;
	for (i = 0; i < shown; i += step) {
		step = escape(&c, i, shown, e);
		total += strlen(e);
	}
	/* Room for the count of what is left out, if anything will be. */
	if (shown < len || total > outlen - 1) {
		w = snprintf(NULL, 0, "[... %zu more bytes]", len);
		reserve = w > 0 ? (size_t)w : 0;
	}
	for (i = 0; i < shown; i += step) {
		step = escape(&c, i, shown, e);
		el = strlen(e);
		if (el + reserve > outlen - 1 - n)
			break;
		memcpy(out + n, e, el);
		n += el;
	}
	out[n] = '\0';
	if (i < len) {
		w = snprintf(out + n, outlen - n, "[... %zu more bytes]", len - i);
		if (w > 0)
			n += (size_t)w < outlen - n ? (size_t)w : outlen - n - 1;
	}
	return n;
}
