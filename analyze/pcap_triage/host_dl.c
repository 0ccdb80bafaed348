/*
 * Programs a host downloads (host.h): an HTTP response whose request
 * names a .exe, .dll, .msi or .scr, or whose body, the transfer chunking
 * removed (RFC 9112 7.1), starts with a Windows PE (the MZ header and the
 * PE signature its e_lfanew points at) or an ELF header; a TCP stream
 * that starts with one (an FTP data connection, named by the RETR before
 * it); and a TFTP read request (RFC 1350) with the file that arrives from
 * the server's new port, block by block.  Whole transfers are hashed
 * (SHA-256) as they were captured.
 *
 * A TCP connection is followed (analyze/flow/tcpstream.c) only when its
 * first data is an HTTP request or starts with a program; at most
 * DL_CONNS at once, DL_CAP bytes a direction and DL_BUDGET in all, past
 * which a transfer is said not whole.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/common/digest.h"
#include "analyze/flow/http.h"
#include "analyze/flow/tcpstream.h"
#include "analyze/pcap_triage/flowtab.h"
#include "analyze/pcap_triage/host.h"

#define NS		1000000000LL
#define DL_CAP		((size_t)16 << 20)
#define DL_BUDGET	((uint64_t)256 << 20)
#define DL_CONNS	1024
#define DL_IDLE		(300 * NS)
#define DL_CLOSED	(5 * NS)
#define FTP_RETRS	16
#define TFTP_SLOTS	32
#define TFTP_BLOCK	512
#define DL_PRECHECK	((size_t)16 << 10)	/* responses scanned before they are parsed */

struct dkey {
	struct fl_addr	a, b;
	uint16_t	ap, bp;
};

enum dl_kind { DK_NEW, DK_HTTP, DK_RAW, DK_IGNORE };

struct dl_conn {
	enum dl_kind	 kind;
	struct tcp_streams *ts;
	struct fl_addr	 cli;		/* the side whose first data came first (or its SYN) */
	uint16_t	 cport;
	bool		 have_cli;
	bool		 fin[2], rst;
	uint64_t	 fed;
};

struct ftp_retr {
	struct fl_addr	 cli, srv;
	char		 name[HOST_NAME_LEN];
	uint32_t	 frame;
	int64_t		 ts;
};

struct tftp_xfer {
	bool		 used, done, broken, error;
	struct fl_addr	 cli, srv;
	uint16_t	 cport, sport;
	char		 name[HOST_NAME_LEN];
	uint32_t	 rrq_frame, data_frame;
	int64_t		 rrq_ts;
	uint16_t	 expect;
	uint64_t	 captured;
	uint8_t		 head[64];
	size_t		 nhead;
	struct fl_sha256 *sha;
	char		 sha256[65];
};

struct host_dls {
	struct tri_ctx	*c;
	struct flowtab	*conns;
	uint64_t	 fed;
	struct ftp_retr	 retr[FTP_RETRS];
	int		 nretr;
	struct tftp_xfer tftp[TFTP_SLOTS];
	int		 tftp_next;
	struct host_dl	 dl[HOST_MAX_DL];
	struct fl_addr	 dl_cli[HOST_MAX_DL];
	size_t		 ndl;
	struct tcps_pool	 pool;		/* stream tables for the next connections */
};

const char *
host_exe_magic(const uint8_t *p, size_t len)
{
	uint32_t lfa;

	if (len >= 4 && p[0] == 0x7f && p[1] == 'E' && p[2] == 'L' && p[3] == 'F')
		return "ELF";
	if (len < 0x40 || p[0] != 'M' || p[1] != 'Z')
		return NULL;
	lfa = (uint32_t)p[0x3c] | (uint32_t)p[0x3d] << 8 | (uint32_t)p[0x3e] << 16 |
	    (uint32_t)p[0x3f] << 24;
	if (lfa > len - 4 || lfa < 0x40)
		return NULL;
	return p[lfa] == 'P' && p[lfa + 1] == 'E' && p[lfa + 2] == 0 && p[lfa + 3] == 0 ? "PE" : NULL;
}

static bool
exe_name(const char *path)
{
	static const char *ext[] = { ".exe", ".dll", ".msi", ".scr" };
	size_t n = strcspn(path, "?#"), i, k;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		if (n < 4)
			continue;
		for (k = 0; k < 4; k++)
			if (tolower((unsigned char)path[n - 4 + k]) != ext[i][k])
				break;
		if (k == 4)
			return true;
	}
	return false;
}

/* RFC 9112 7.1: chunk-size [ext] CRLF data CRLF ... 0 CRLF trailers CRLF. */
size_t
host_dechunk(const uint8_t *in, size_t len, uint8_t *out, size_t cap, bool *whole)
{
	size_t i = 0, o = 0;

	*whole = false;
	for (;;) {
		uint64_t sz = 0;
		int digits = 0;

		while (i < len && isxdigit(in[i]) && digits < 16) {
			int d = in[i] <= '9' ? in[i] - '0' : (tolower(in[i]) - 'a' + 10);

			sz = sz << 4 | (uint64_t)d;
			i++;
			digits++;
		}
		if (digits == 0)
			return o;
		while (i < len && in[i] != '\n')	/* extensions, CR */
			i++;
		if (i >= len)
			return o;
		i++;
		if (sz == 0) {
			*whole = true;
			return o;
		}
		if (sz > len - i)
			sz = len - i;	/* cut short: what is there */
		if (o + sz > cap)
			sz = cap - o;
		memcpy(out + o, in + i, (size_t)sz);
		o += (size_t)sz;
		i += (size_t)sz;
		if (o >= cap)
			return o;
		if (i < len && in[i] == '\r')
			i++;
		if (i < len && in[i] == '\n')
			i++;
		else
			return o;
	}
}

static const char *
header(const struct http_msg *m, const char *name)
{
	int i;

	for (i = 0; i < m->nheaders; i++)
		if (strcasecmp(m->headers[i].name, name) == 0)
			return m->headers[i].value;
	return NULL;
}

static struct host_dl *
new_dl(struct host_dls *d, const char *via, const struct fl_addr *cli, const struct fl_addr *srv,
    uint16_t port)
{
	struct host_dl *x;

	if (d->ndl >= HOST_MAX_DL)
		return NULL;
	d->dl_cli[d->ndl] = *cli;
	x = &d->dl[d->ndl++];
	memset(x, 0, sizeof(*x));
	x->via = via;
	x->server = *srv;
	x->port = port;
	return x;
}

static void
hash_whole(struct host_dl *x, const uint8_t *p, size_t n)
{
	struct fl_sha256 *s = fl_sha256_new();

	if (s == NULL)
		return;
	fl_sha256_update(s, p, n);
	fl_sha256_final(s, x->sha256);
}

/* The file named by a path: its last segment, without the query. */
static void
file_of(const char *path, char *out, size_t cap)
{
	size_t n = strcspn(path, "?#");
	const char *s = path, *q;

	for (q = path; q < path + n; q++)
		if (*q == '/')
			s = q + 1;
	snprintf(out, cap, "%.*s", (int)(path + n - s), s);
	if (out[0] == '\0')
		snprintf(out, cap, "%.*s", (int)n, path);
}

static int64_t
ts_at(const struct tcp_dir *d, size_t off)
{
	size_t i;

	for (i = 0; i < d->nspans; i++)
		if (off >= d->spans[i].off && off - d->spans[i].off < d->spans[i].len)
			return d->spans[i].ts;
	return d->nspans > 0 ? d->spans[0].ts : 0;
}

static void
http_exchanges(struct host_dls *d, const struct tcp_dir *q,
    const struct tcp_dir *a, const struct fl_addr *cli, const struct fl_addr *srv, uint16_t sport)
{
	size_t qo = 0, ao = 0, next;
	int n;

	for (n = 0; n < 64; n++) {
		struct http_msg req, resp;
		const uint8_t *body;
		const char *magic, *h;
		struct host_dl *x;
		size_t blen;
		bool named, whole;

		if (http_parse(q->data, q->len, qo, true, &req, &next) != HTTP_OK)
			return;
		qo = req.complete ? next : q->len;
		if (http_parse_ex(a->data, a->len, ao, false, http_response_flags(&req) |
		    (a->fin || a->rst ? HTTP_F_EOF : 0), &resp, &next) != HTTP_OK)
			return;
		ao = resp.complete ? next : a->len;
		if (resp.no_body || resp.status < 200 || resp.status >= 300)
			goto again;
		body = a->data + resp.body_off;
		blen = resp.body_off <= a->len ? a->len - resp.body_off : 0;
		if (resp.complete && resp.body_len < blen)
			blen = resp.body_len;
		named = exe_name(req.target);
		{
			uint8_t head[4096];
			bool w;
			size_t hn = resp.chunked ? host_dechunk(body, blen, head, sizeof(head), &w) :
			    (blen < sizeof(head) ? blen : sizeof(head));

			if (!resp.chunked)
				memcpy(head, body, hn);
			magic = host_exe_magic(head, hn);
		}
		if (!named && magic == NULL)
			goto again;
		x = new_dl(d, "http", cli, srv, sport);
		if (x == NULL)
			return;
		file_of(req.target, x->file, sizeof(x->file));
		if ((h = header(&req, "Host")) != NULL)
			snprintf(x->host_hdr, sizeof(x->host_hdr), "%s", h);
		x->exe = magic != NULL ? magic : "extension";
		x->request_frame = tcps_frame_at(q, req.start);
		x->request_ts = ts_at(q, req.start);
		x->data_frame = tcps_frame_at(a, resp.start);
		whole = resp.complete && a->gaps == 0 && !a->truncated;
		if (resp.chunked) {
			uint8_t *buf = malloc(blen ? blen : 1);
			bool w;

			if (buf == NULL)
				return;
			x->captured = host_dechunk(body, blen, buf, blen, &w);
			x->size = x->captured;
			x->whole = whole && w;
			if (x->whole)
				hash_whole(x, buf, (size_t)x->captured);
			free(buf);
		} else {
			x->captured = blen;
			x->size = resp.has_length ? resp.content_length : blen;
			x->whole = whole && (!resp.has_length || blen == resp.content_length);
			if (x->whole)
				hash_whole(x, body, blen);
		}
again:
		if (!req.complete || !resp.complete)
			return;
	}
}

/* Whether the letters lit (lower case) are at d[i..] in d[0, len), in either case. */
static bool
ieq_at(const uint8_t *d, size_t len, size_t i, const char *lit)
{
	size_t k, n = strlen(lit);

	if (i > len || len - i < n)
		return false;
	for (k = 0; k < n; k++)
		if ((d[i + k] | 0x20) != (uint8_t)lit[k])
			return false;
	return true;
}

/*
 * Whether http_exchanges() may find a program in these streams: a
 * request target can end in a program's extension only if the request
 * stream holds one ("." and three letters, in either case); a body can
 * start with a program's magic only if the response stream holds "MZ" or
 * "\x7fELF", unless a chunked body (a response naming "chunked", in
 * either case) splits it.  Responses past DL_PRECHECK are parsed
 * anyway: the scan would cost more than the parse it saves.
 */
static bool
may_download(const struct tcp_dir *q, const struct tcp_dir *a)
{
	static const char *ext[] = { "exe", "dll", "msi", "scr" };
	const uint8_t *d, *x, *lo, *up;
	size_t i, k;
	bool named = false;

	if (a->len > DL_PRECHECK)
		return true;
	for (d = q->data; d != NULL && (x = memchr(d, '.', q->len - (size_t)(d - q->data))) != NULL;
	    d = x + 1) {
		i = (size_t)(x - q->data) + 1;
		for (k = 0; k < sizeof(ext) / sizeof(ext[0]) && !named; k++)
			named = ieq_at(q->data, q->len, i, ext[k]);
		if (named)
			return true;
	}
	if (a->len == 0)
		return false;
	for (d = a->data; (x = memchr(d, 'Z', a->len - (size_t)(d - a->data))) != NULL; d = x + 1)
		if (x > a->data && x[-1] == 'M')
			return true;
	for (d = a->data; (x = memchr(d, 0x7f, a->len - (size_t)(d - a->data))) != NULL; d = x + 1)
		if ((size_t)(x - a->data) + 4 <= a->len && x[1] == 'E' && x[2] == 'L' && x[3] == 'F')
			return true;
	lo = memchr(a->data, 'k', a->len);
	up = memchr(a->data, 'K', a->len);
	while (lo != NULL || up != NULL) {
		x = up == NULL || (lo != NULL && lo < up) ? lo : up;
		i = (size_t)(x - a->data);
		if (i >= 4 && ieq_at(a->data, a->len, i - 4, "chunked"))
			return true;
		if (x == lo)
			lo = memchr(x + 1, 'k', a->len - i - 1);
		else
			up = memchr(x + 1, 'K', a->len - i - 1);
	}
	return false;
}

static const struct ftp_retr *
retr_for(const struct host_dls *d, const struct fl_addr *cli, const struct fl_addr *srv)
{
	int i;

	for (i = d->nretr; i-- > 0;) {
		const struct ftp_retr *r = &d->retr[i % FTP_RETRS];

		if (fl_addr_eq(&r->cli, cli) && fl_addr_eq(&r->srv, srv))
			return r;
	}
	return NULL;
}

static void
conn_done(void *ctx, void *data, bool evicted)
{
	struct host_dls *d = ctx;
	struct dl_conn *k = data;
	const struct tcp_conn *cn;

	(void)evicted;
	if (k->ts == NULL)
		return;
	tcps_finish(k->ts);
	if (tcps_count(k->ts) > 0) {
		cn = tcps_conn(k->ts, tcps_count(k->ts) - 1);
		if (k->kind == DK_HTTP) {
			bool fwd = fl_addr_eq(&cn->cli, &k->cli) && cn->cport == k->cport;

			if (fwd && may_download(&cn->c2s, &cn->s2c))
				http_exchanges(d, &cn->c2s, &cn->s2c, &cn->cli, &cn->srv, cn->sport);
			else if (!fwd && may_download(&cn->s2c, &cn->c2s))
				http_exchanges(d, &cn->s2c, &cn->c2s, &cn->srv, &cn->cli, cn->cport);
		} else if (k->kind == DK_RAW) {
			const struct tcp_dir *dir = host_exe_magic(cn->s2c.data, cn->s2c.len) ?
			    &cn->s2c : &cn->c2s;
			const struct fl_addr *to = dir == &cn->s2c ? &cn->cli : &cn->srv;
			const struct fl_addr *from = dir == &cn->s2c ? &cn->srv : &cn->cli;
			const struct ftp_retr *r = retr_for(d, to, from);
			struct host_dl *x = new_dl(d, r != NULL ? "ftp" : "tcp", to, from,
			    dir == &cn->s2c ? cn->sport : cn->cport);

			if (x != NULL) {
				if (r != NULL) {
					snprintf(x->file, sizeof(x->file), "%s", r->name);
					x->request_frame = r->frame;
				}
				x->exe = host_exe_magic(dir->data, dir->len);
				x->data_frame = tcps_frame_at(dir, 0);
				x->request_ts = r != NULL ? r->ts : ts_at(dir, 0);
				if (x->request_frame == 0)
					x->request_frame = x->data_frame;
				x->captured = x->size = dir->len;
				x->whole = dir->fin && dir->gaps == 0 && !dir->truncated;
				if (x->whole)
					hash_whole(x, dir->data, dir->len);
			}
		}
	}
	tcps_pool_put(&d->pool, k->ts);
	k->ts = NULL;
}

static bool
http_method(const struct cur *p)
{
	static const char *m[] = { "GET ", "POST ", "HEAD ", "PUT " };
	size_t i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (cur_has(p, 0, strlen(m[i])) && memcmp(p->p, m[i], strlen(m[i])) == 0)
			return true;
	return false;
}

/* An FTP command line in one segment (RFC 959 4.1.3: RETR pathname CRLF). */
static void
ftp_command(struct host_dls *d, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct ftp_retr *r;
	size_t n;

	if (!cur_has(&p->payload, 0, 6) || strncasecmp((const char *)p->payload.p, "RETR ", 5) != 0)
		return;
	r = &d->retr[d->nretr++ % FTP_RETRS];
	if (d->nretr > 2 * FTP_RETRS)
		d->nretr -= FTP_RETRS;
	r->cli = p->ip.src;
	r->srv = p->ip.dst;
	r->frame = frame;
	r->ts = ts;
	for (n = 5; n < p->payload.len && n - 5 < sizeof(r->name) - 1; n++)
		if (p->payload.p[n] == '\r' || p->payload.p[n] == '\n')
			break;
	snprintf(r->name, sizeof(r->name), "%.*s", (int)(n - 5), (const char *)p->payload.p + 5);
}

static void
tcp_feed(struct host_dls *d, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct dkey key;
	struct dl_conn *k;
	bool created, low, syn = (p->l4.tcp_flags & (TCP_SYN | TCP_ACK)) == TCP_SYN;

	if (p->l4.dport == 21 && p->payload.len > 0)
		ftp_command(d, frame, ts, p);
	memset(&key, 0, sizeof(key));
	low = memcmp(&p->ip.src, &p->ip.dst, sizeof(p->ip.src)) < 0 ||
	    (fl_addr_eq(&p->ip.src, &p->ip.dst) && p->l4.sport < p->l4.dport);
	key.a = low ? p->ip.src : p->ip.dst;
	key.ap = low ? p->l4.sport : p->l4.dport;
	key.b = low ? p->ip.dst : p->ip.src;
	key.bp = low ? p->l4.dport : p->l4.sport;
	k = flowtab_get(d->conns, &key, ts, DL_IDLE, syn || p->payload_len > 0, &created);
	if (k == NULL)
		return;
	if (syn && !k->have_cli) {
		k->cli = p->ip.src;
		k->cport = p->l4.sport;
		k->have_cli = true;
	}
	if (k->kind == DK_NEW && p->payload.len > 0) {
		if (!k->have_cli) {
			k->cli = p->ip.src;
			k->cport = p->l4.sport;
			k->have_cli = true;
		}
		if (fl_addr_eq(&p->ip.src, &k->cli) && p->l4.sport == k->cport && http_method(&p->payload))
			k->kind = DK_HTTP;
		else if (host_exe_magic(p->payload.p, p->payload.len) != NULL ||
		    (cur_has(&p->payload, 0, 2) && p->payload.p[0] == 'M' && p->payload.p[1] == 'Z'))
			k->kind = DK_RAW;
		else
			k->kind = DK_IGNORE;
	}
	if (k->kind == DK_HTTP || k->kind == DK_RAW) {
		if (k->ts == NULL) {
			k->ts = tcps_pool_get(&d->pool, DL_CAP, 1, 2 * DL_CAP);
			if (k->ts == NULL) {
				k->kind = DK_IGNORE;
				return;
			}
		}
		if (d->fed + p->payload_len <= DL_BUDGET) {
			d->fed += p->payload_len;
			tcps_feed(k->ts, frame, ts, p);
		}
	}
	if (p->l4.tcp_flags & TCP_RST)
		k->rst = true;
	if (p->l4.tcp_flags & TCP_FIN)
		k->fin[fl_addr_eq(&p->ip.src, &k->cli) ? 0 : 1] = true;
	if (k->rst || (k->fin[0] && k->fin[1]))
		flowtab_set_idle(d->conns, k, DL_CLOSED);
}

/* RFC 1350 5: RRQ/WRQ opcode, filename, 0, mode, 0; DATA 3, block, data; ERROR 5. */
static void
udp_feed(struct host_dls *d, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	const struct cur *c = &p->payload;
	uint16_t op, block;
	int i;

	if (!cur_be16(c, 0, &op))
		return;
	if (p->l4.dport == 69 && op == 1) {
		struct tftp_xfer *x = &d->tftp[d->tftp_next];
		size_t n;

		d->tftp_next = (d->tftp_next + 1) % TFTP_SLOTS;
		if (x->sha != NULL)
			fl_sha256_free(x->sha);
		memset(x, 0, sizeof(*x));
		x->used = true;
		x->cli = p->ip.src;
		x->cport = p->l4.sport;
		x->srv = p->ip.dst;
		x->rrq_frame = frame;
		x->rrq_ts = ts;
		x->expect = 1;
		for (n = 2; n < c->len && c->p[n] != 0 && n - 2 < sizeof(x->name) - 1; n++)
			;
		snprintf(x->name, sizeof(x->name), "%.*s", (int)(n - 2), (const char *)c->p + 2);
		x->sha = fl_sha256_new();
		return;
	}
	if (op != 3 && op != 5)
		return;
	for (i = 0; i < TFTP_SLOTS; i++) {
		struct tftp_xfer *x = &d->tftp[i];
		size_t len;

		if (!x->used || x->done || x->broken || !fl_addr_eq(&x->srv, &p->ip.src) ||
		    !fl_addr_eq(&x->cli, &p->ip.dst) || x->cport != p->l4.dport)
			continue;
		/* The server answers from a port of its own (its TID), kept for the transfer. */
		if (x->sport == 0 && p->l4.sport != 69)
			x->sport = p->l4.sport;
		if (p->l4.sport != x->sport)
			continue;
		if (op == 5) {
			x->error = x->broken = true;
			return;
		}
		if (!cur_be16(c, 2, &block))
			return;
		if (block != x->expect) {
			if (block > x->expect)
				x->broken = true;	/* a block the capture missed */
			return;
		}
		len = c->len - 4;
		if (x->data_frame == 0)
			x->data_frame = frame;
		if (x->nhead < sizeof(x->head)) {
			size_t k = sizeof(x->head) - x->nhead < len ? sizeof(x->head) - x->nhead : len;

			memcpy(x->head + x->nhead, c->p + 4, k);
			x->nhead += k;
		}
		if (x->sha != NULL)
			fl_sha256_update(x->sha, c->p + 4, len);
		x->captured += len;
		x->expect++;
		if (p->payload_len - 4 < TFTP_BLOCK) {
			x->done = true;
			if (x->sha != NULL && p->payload_len == p->payload.len)
				fl_sha256_final(x->sha, x->sha256);
			else if (x->sha != NULL)
				fl_sha256_free(x->sha);
			x->sha = NULL;
		}
		return;
	}
}

void
host_dls_feed(struct host_dls *d, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	flowtab_expire(d->conns, ts);
	if (p->status != DEC_OK || p->ip.frag != 0 || p->ip.mf)
		return;
	if (p->ip.proto == 6 && (p->l4.have & L4_TCPHDR))
		tcp_feed(d, frame, ts, p);
	else if (p->ip.proto == 17 && (p->l4.have & L4_PORTS))
		udp_feed(d, frame, ts, p);
}

void
host_dls_finish(struct host_dls *d)
{
	int i;

	flowtab_drain(d->conns);
	for (i = 0; i < TFTP_SLOTS; i++) {
		struct tftp_xfer *x = &d->tftp[i];
		const char *magic;
		struct host_dl *y;

		if (!x->used)
			continue;
		magic = host_exe_magic(x->head, x->nhead);
		if ((magic != NULL || exe_name(x->name)) &&
		    (y = new_dl(d, "tftp", &x->cli, &x->srv, 69)) != NULL) {
			snprintf(y->file, sizeof(y->file), "%s", x->name);
			y->exe = magic != NULL ? magic : "extension";
			y->request_frame = x->rrq_frame;
			y->request_ts = x->rrq_ts;
			y->data_frame = x->data_frame;
			y->captured = y->size = x->captured;
			y->whole = x->done && x->sha256[0] != '\0';
			snprintf(y->sha256, sizeof(y->sha256), "%s", y->whole ? x->sha256 : "");
		}
		if (x->sha != NULL)
			fl_sha256_free(x->sha);
		x->sha = NULL;
		x->used = false;
	}
}

const struct host_dl *
host_dls_list(const struct host_dls *d, size_t *n)
{
	*n = d->ndl;
	return d->dl;
}

const struct fl_addr *
host_dls_client(const struct host_dls *d, size_t i)
{
	return &d->dl_cli[i];
}

struct host_dls *
host_dls_new(struct tri_ctx *c, size_t max_flows)
{
	struct host_dls *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->c = c;
	d->conns = flowtab_new(sizeof(struct dkey), sizeof(struct dl_conn),
	    max_flows < DL_CONNS ? max_flows : DL_CONNS, conn_done, d);
	if (d->conns == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

static void
free_conn(void *ctx, void *data)
{
	struct dl_conn *k = data;

	(void)ctx;
	tcps_free(k->ts);
	k->ts = NULL;
}

void
host_dls_free(struct host_dls *d)
{
	int i;

	if (d == NULL)
		return;
	flowtab_each(d->conns, free_conn, NULL);
	flowtab_free(d->conns);
	tcps_pool_free(&d->pool);
	for (i = 0; i < TFTP_SLOTS; i++)
		if (d->tftp[i].sha != NULL)
			fl_sha256_free(d->tftp[i].sha);
	free(d);
}
