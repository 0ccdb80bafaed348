/*
 * HTTP/1.x messages read from a reassembled TCP stream: the request or
 * status line, the header fields, and where the body ends, by the
 * message syntax of RFC 9112 and the semantics of RFC 9110.  The parser
 * is strict where leniency lets a message be read two ways (obs-fold,
 * whitespace before a colon, conflicting Content-Length, bare CR) and
 * answers the same for a prefix of a message as for the whole, so it
 * can be run again as more bytes arrive.  Strings are copied out raw
 * (obs-text included) and NUL-terminated; renderers escape them.
 * Nothing here prints.
 */
#ifndef FL_HTTP_H
#define FL_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum http_status {
	HTTP_OK = 0,		/* start line and headers parsed; see complete */
	HTTP_INCOMPLETE,	/* the headers are not all there yet */
	HTTP_BAD		/* not HTTP/1.x, or malformed: msg->bad says why */
};

/* How the caller knows the message is delimited (http_parse_ex()). */
#define HTTP_F_EOF	0x01	/* the sender's FIN was seen: no byte will follow */
#define HTTP_F_HEAD	0x02	/* a response to HEAD: no body, whatever the headers say */
#define HTTP_F_CONNECT	0x04	/* a response to CONNECT: a 2xx has no body (a tunnel follows) */

#define HTTP_MAX_HEADERS	40
#define HTTP_MAX_HEADER_BYTES	(64 * 1024)	/* start line and header section */

struct http_header {
	char	name[64];
	char	value[256];	/* trimmed of leading and trailing whitespace */
	bool	truncated;	/* name or value longer than kept */
};

struct http_msg {
	bool		request;
	char		method[16], target[256], version[12];
	bool		target_truncated;
	int		major, minor;
	int		status;
	char		reason[96];
	struct http_header headers[HTTP_MAX_HEADERS];	/* the first nheaders only: the rest are not cleared */
	int		nheaders;
	bool		headers_truncated;	/* more fields than kept (all were checked) */
	size_t		start;		/* offset of the message in the stream (after stray empty lines) */
	size_t		header_len;	/* start line and headers, the empty line included */
	size_t		body_off;	/* start + header_len */
	bool		has_length, chunked;
	bool		no_body;	/* 1xx, 204, 304, HEAD, CONNECT 2xx */
	bool		until_close;	/* a response delimited by the end of the connection */
	bool		te_and_cl;	/* Transfer-Encoding and Content-Length both (TE wins) */
	size_t		content_length;
	size_t		body_len;	/* body bytes present, raw (chunk framing included) */
	bool		complete;	/* headers and the whole body per the framing are present */
	const char	*bad;		/* NULL, or why it is not a well-formed message */
};

/*
 * Parse one message starting at off.  Returns HTTP_OK (msg filled;
 * *next is the offset after the message when complete, else off),
 * HTTP_INCOMPLETE (the header section is not all there yet), or
 * HTTP_BAD (not HTTP/1.x, or malformed; msg->bad says why, and what was
 * read before the fault is filled in).
 */
enum http_status http_parse(const uint8_t *data, size_t len, size_t off, bool request,
	    struct http_msg *msg, size_t *next);

/* The same, with HTTP_F_* flags saying what delimits a response. */
enum http_status http_parse_ex(const uint8_t *data, size_t len, size_t off, bool request,
	    unsigned int flags, struct http_msg *msg, size_t *next);

/* The HTTP_F_HEAD or HTTP_F_CONNECT flag the answer to this request needs. */
unsigned int http_response_flags(const struct http_msg *request);

/* The first field with this name (case-insensitive), NULL if absent. */
const char *http_header(const struct http_msg *, const char *name);

/*
 * A printable, escaped excerpt of at most max bytes for transcripts:
 * CR LF becomes a line end, a backslash is doubled, other control and
 * non-ASCII bytes become \xNN; bytes left out are counted at the end as
 * "[... N more bytes]".  out (outlen > 0) is always NUL-terminated;
 * returns the length written.
 */
size_t	http_excerpt(const uint8_t *data, size_t len, char *out, size_t outlen, size_t max);

#endif
