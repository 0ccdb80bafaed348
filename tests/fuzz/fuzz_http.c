/*
 * libFuzzer target for TCP stream reassembly and the HTTP parser:
 * segments of one connection, both directions, in any order, with any
 * overlap, hole, cut or wrap, through tcps_feed(); then http_parse_ex()
 * over both streams, message after message, and http_excerpt().  The
 * raw input (after the header) is parsed as a stream too, so the parser
 * is reached even when the segments make nothing.
 *
 * Input:
 *   byte 0     bits 0-1: per-direction byte cap: 4 MiB, 16, 300, 4096;
 *              bit 2: 20000 bytes of memory for all streams;
 *              bit 3: a SYN, SYN/ACK and ACK first;
 *              bits 4-7: the excerpt's max and output size (scaled)
 *   bytes 1-8  client ISN, server ISN (u32, big-endian)
 *   then segments, each a 6-byte header and its payload:
 *              byte 0  bit 0: from the server; bit 1 FIN, bit 2 SYN,
 *                      bit 3 RST, bit 4 ACK, bit 5 PSH; bit 6: cut by
 *                      the snap length (byte 5 bytes are not captured);
 *                      bit 7: delta is from the ISN, not from where the
 *                      direction's last segment ended
 *              1-2     delta, s16 big-endian: the segment's sequence
 *                      number is (ISN + 1) + (that point) + delta; a SYN's
 *                      is ISN + delta
 *              3-4     payload length, u16 big-endian, cut to what is left
 *              5       bytes cut (bit 6)
 *   A segment header cut short ends the input.
 *
 * Each payload is copied into a buffer of exactly its captured size, so
 * AddressSanitizer sees a read one byte past it.
 */
#include <string.h>

#include "analyze/packet/decode.h"
#include "fuzz_analysis.h"
#include "analyze/flow/http.h"
#include "analyze/flow/tcpstream.h"

#define SEG_HDR		6
#define MAX_SEGS	2048
#define CLI_ADDR	0xc6120001u	/* 198.18.0.1 */
#define SRV_ADDR	0xc6120302u	/* 198.18.3.2 */
#define CLI_PORT	49152
#define SRV_PORT	80

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct seg {
	uint8_t		*copy;
	size_t		 caplen;
};

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
feed(struct tcp_streams *t, uint32_t frame, int dir, uint32_t seq, uint32_t ack, uint8_t flags,
    const uint8_t *data, size_t caplen, size_t wirelen)
{
	struct dec_pkt p;

	memset(&p, 0, sizeof(p));
	p.status = DEC_OK;
	fl_addr_v4(&p.ip.src, dir ? SRV_ADDR : CLI_ADDR);
	fl_addr_v4(&p.ip.dst, dir ? CLI_ADDR : SRV_ADDR);
	p.ip.proto = 6;
	p.ip.ttl = dir ? 57 : 64;
	p.ip.id = (uint16_t)frame;
	p.l4.have = L4_PORTS | L4_TCPSEQ | L4_TCPHDR;
	p.l4.sport = dir ? SRV_PORT : CLI_PORT;
	p.l4.dport = dir ? CLI_PORT : SRV_PORT;
	p.l4.seq = seq;
	p.l4.ack = ack;
	p.l4.tcp_flags = flags;
	p.l4.tcp_mss = (flags & TCP_SYN) ? 1460 : 0;
	p.payload = cur_make(data, caplen);
	p.payload_len = (uint32_t)wirelen;
	tcps_feed(t, frame, (int64_t)frame * 1000, &p);
}

/* Fields that are strings end inside their arrays. */
#define STR_OK(a)	FUZZ_CHECK(memchr((a), '\0', sizeof(a)) != NULL)

static void
check_msg(const struct http_msg *m, enum http_status st, size_t len, size_t off, size_t next,
    bool request)
{
	int i;

	FUZZ_CHECK(st == HTTP_OK || st == HTTP_INCOMPLETE || st == HTTP_BAD);
	FUZZ_CHECK((st == HTTP_BAD) == (m->bad != NULL));
	FUZZ_CHECK(m->request == request);
	STR_OK(m->method);
	STR_OK(m->target);
	STR_OK(m->version);
	STR_OK(m->reason);
	FUZZ_CHECK(m->nheaders >= 0 && m->nheaders <= HTTP_MAX_HEADERS);
	for (i = 0; i < m->nheaders; i++) {
		STR_OK(m->headers[i].name);
		STR_OK(m->headers[i].value);
		FUZZ_CHECK(m->headers[i].name[0] != '\0');
		FUZZ_CHECK(http_header(m, m->headers[i].name) != NULL);
	}
	if (st != HTTP_OK) {
		FUZZ_CHECK(next == off);
		return;
	}
	FUZZ_CHECK(m->start >= off && m->start <= len);
	FUZZ_CHECK(m->header_len > 0 && m->header_len <= HTTP_MAX_HEADER_BYTES);
	FUZZ_CHECK(m->body_off == m->start + m->header_len && m->body_off <= len);
	FUZZ_CHECK(m->body_len <= len - m->body_off);
	FUZZ_CHECK(request ? m->method[0] != '\0' : (m->status >= 100 && m->status <= 599));
	FUZZ_CHECK(m->major == 1);
	if (m->has_length && !m->chunked && !m->no_body && !m->until_close)
		FUZZ_CHECK(m->body_len <= m->content_length);
	if (m->no_body)
		FUZZ_CHECK(m->complete && m->body_len == 0);
	if (m->complete) {
		FUZZ_CHECK(next >= m->body_off && next <= len && next > off);
		FUZZ_CHECK(next == m->body_off + m->body_len);
	} else {
		FUZZ_CHECK(next == off);
		FUZZ_CHECK(m->body_off + m->body_len == len);
	}
}

/*
 * A prefix of the bytes must not be read as bad when the whole is not,
 * and a message bad in a prefix stays bad.
 */
static void
check_prefix(const uint8_t *data, size_t len, size_t off, bool request, unsigned int flags,
    enum http_status whole, size_t cut)
{
	struct http_msg m;
	enum http_status st;
	size_t next, k;
	uint8_t *copy;

	if (len <= off)
		return;
	k = off + cut % (len - off);
	copy = malloc(k ? k : 1);
	FUZZ_CHECK(copy != NULL);
	memcpy(copy, data, k);
	st = http_parse_ex(copy, k, off, request, flags & ~(unsigned int)HTTP_F_EOF, &m, &next);
	check_msg(&m, st, k, off, next, request);
	if (whole != HTTP_BAD)
		FUZZ_CHECK(st != HTTP_BAD);
	if (st == HTTP_BAD)
		FUZZ_CHECK(whole == HTTP_BAD);
	free(copy);
}

/* Message after message until one is not whole; returns how many. */
static int
parse_stream(const uint8_t *data, size_t len, bool request, bool eof, const unsigned int *rflags,
    unsigned int *out_flags, int max, size_t cut)
{
	struct http_msg m;
	enum http_status st;
	size_t off = 0, next;
	unsigned int fl;
	int n = 0;

	while (n < max) {
		fl = (rflags != NULL ? rflags[n] : 0) | (eof ? HTTP_F_EOF : 0);
		st = http_parse_ex(data, len, off, request, fl, &m, &next);
		check_msg(&m, st, len, off, next, request);
		check_prefix(data, len, off, request, fl, st, cut + (size_t)n);
		if (st != HTTP_OK || !m.complete)
			break;
		if (out_flags != NULL)
			out_flags[n] = http_response_flags(&m);
		n++;
		FUZZ_CHECK(next > off);
		off = next;
	}
	return n;
}

static void
check_dir(const struct tcp_dir *d, size_t cap, uint32_t frames, const struct seg *segs)
{
	size_t i, pos = 0;

	FUZZ_CHECK(d->len <= cap);
	FUZZ_CHECK(d->len == 0 || d->data != NULL);
	FUZZ_CHECK((d->gaps == 0) == (d->lost_bytes == 0));
	FUZZ_CHECK(d->unjoined <= 64);
	for (i = 0; i < d->nspans; i++) {
		const struct tcp_span *sp = &d->spans[i];
		const struct seg *g;

		FUZZ_CHECK(sp->off == pos && sp->len > 0 && sp->len <= d->len - pos);
		FUZZ_CHECK(sp->frame >= 1 && sp->frame <= frames);
		FUZZ_CHECK(tcps_frame_at(d, sp->off) == sp->frame);
		FUZZ_CHECK(tcps_frame_at(d, sp->off + sp->len - 1) == sp->frame);
		/* The bytes said to come from a frame are in that frame. */
		g = &segs[sp->frame - 1];
		FUZZ_CHECK(g->caplen >= sp->len &&
		    memmem(g->copy, g->caplen, d->data + sp->off, sp->len) != NULL);
		pos += sp->len;
	}
	FUZZ_CHECK(pos == d->len);
	FUZZ_CHECK(tcps_frame_at(d, d->len) == 0);
}

/*
 * A naive model of one direction, for the inputs it can follow (a
 * handshake first, no SYN in the segments, nothing dropped for a
 * limit): every captured byte written at its offset from ISN + 1 unless
 * one is there already.  The contiguous stream must be its prefix.
 */
#define MODEL_MAX	((size_t)64 << 10)

struct model {
	uint8_t		 b[MODEL_MAX];
	uint8_t		 have[MODEL_MAX];
	size_t		 size;
	bool		 valid;
};

static void
model_write(struct model *m, int64_t rel, const uint8_t *data, size_t n)
{
	size_t i;

	for (i = 0; i < n && m->valid; i++) {
		if (rel + (int64_t)i < 0)
			continue;
		if (rel + (int64_t)i >= (int64_t)m->size) {
			/* Past the model but maybe under the cap: it cannot tell. */
			m->valid = false;
			break;
		}
		if (!m->have[rel + (int64_t)i]) {
			m->have[rel + (int64_t)i] = 1;
			m->b[rel + (int64_t)i] = data[i];
		}
	}
}

static void
model_check(const struct model *m, const struct tcp_dir *d, size_t cap)
{
	size_t n = 0;

	if (!m->valid || d->dropped > 0)
		return;
	while (n < m->size && m->have[n])
		n++;
	if (n == m->size && n < cap)
		return;
	if (n > cap)
		n = cap;
	FUZZ_CHECK(d->len == n);
	FUZZ_CHECK(n == 0 || memcmp(d->data, m->b, n) == 0);
}

static void
excerpt(const uint8_t *data, size_t len, uint8_t sel)
{
	size_t outlen = (size_t)(sel & 3) * 40 + (sel & 1), max = (size_t)(sel >> 2) * 9;
	char *out = malloc(outlen ? outlen : 1);
	size_t n;

	FUZZ_CHECK(out != NULL);
	n = http_excerpt(data, len, out, outlen, max);
	if (outlen > 0)
		FUZZ_CHECK(n == strlen(out) && n < outlen);
	else
		FUZZ_CHECK(n == 0);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	static const size_t caps[4] = { (size_t)4 << 20, 16, 300, 4096 };
	static struct seg segs[MAX_SEGS + 3];
	static struct model model[2];
	unsigned int rflags[16];
	struct tcp_streams *t;
	uint32_t isn[2], next[2] = { 0, 0 }, frame = 0, seq, ack;
	size_t off = 9, len, cut, cap, i;
	uint8_t h, flags;
	int16_t delta;
	int dir;

	if (size < 9)
		return 0;
	cap = caps[in[0] & 3];
	isn[0] = be32(in + 1);
	isn[1] = be32(in + 5);
	t = tcps_new(cap);
	FUZZ_CHECK(t != NULL);
	if (in[0] & 4)
		tcps_set_limits(t, TCPS_MAX_CONNS, 20000);
	memset(segs, 0, sizeof(segs));
	for (i = 0; i < 2; i++) {
		model[i].size = cap < MODEL_MAX ? cap : MODEL_MAX;
		model[i].valid = (in[0] & 8) != 0;
		if (model[i].valid)
			memset(model[i].have, 0, model[i].size);
	}
	if (in[0] & 8) {
		for (i = 0; i < 3; i++) {
			segs[i].copy = malloc(1);
			FUZZ_CHECK(segs[i].copy != NULL);
		}
		feed(t, 1, 0, isn[0], 0, TCP_SYN, segs[0].copy, 0, 0);
		feed(t, 2, 1, isn[1], isn[0] + 1, TCP_SYN | TCP_ACK, segs[1].copy, 0, 0);
		feed(t, 3, 0, isn[0] + 1, isn[1] + 1, TCP_ACK, segs[2].copy, 0, 0);
		frame = 3;
	}
	while (size - off >= SEG_HDR && frame < MAX_SEGS + 3) {
		h = in[off];
		dir = h & 1;
		flags = (uint8_t)(((h & 2) ? TCP_FIN : 0) | ((h & 4) ? TCP_SYN : 0) |
		    ((h & 8) ? TCP_RST : 0) | ((h & 16) ? TCP_ACK : 0) | ((h & 32) ? TCP_PSH : 0));
		delta = (int16_t)(uint16_t)((uint16_t)in[off + 1] << 8 | in[off + 2]);
		len = (size_t)in[off + 3] << 8 | in[off + 4];
		cut = (h & 64) ? in[off + 5] : 0;
		off += SEG_HDR;
		if (len > size - off)
			len = size - off;
		if (cut > len)
			cut = len;
		if (flags & TCP_SYN)
			seq = isn[dir] + (uint32_t)(int32_t)delta;
		else
			seq = isn[dir] + 1 + ((h & 128) ? 0 : next[dir]) + (uint32_t)(int32_t)delta;
		ack = (flags & TCP_ACK) ? isn[1 - dir] + 1 + next[1 - dir] : 0;
		/* Even an empty payload gets its own allocation: ASan flags any read. */
		segs[frame].caplen = len - cut;
		segs[frame].copy = malloc(len - cut ? len - cut : 1);
		FUZZ_CHECK(segs[frame].copy != NULL);
		memcpy(segs[frame].copy, in + off, len - cut);
		feed(t, frame + 1, dir, seq, ack, flags, segs[frame].copy, len - cut, len);
		if (flags & TCP_SYN)
			model[0].valid = model[1].valid = false;
		else if (!(flags & TCP_RST))
			model_write(&model[dir], (int64_t)(int32_t)(seq - isn[dir] - 1), segs[frame].copy,
			    len - cut);
		frame++;
		next[dir] = seq - isn[dir] - 1 + (uint32_t)len + ((flags & TCP_SYN) ? 1 : 0);
		off += len;
	}
	tcps_finish(t);
	/* A second finish settles nothing new. */
	tcps_finish(t);
	FUZZ_CHECK(tcps_counters(t)->frames == frame);
	FUZZ_CHECK(tcps_count(t) <= frame);
	for (i = 0; i < tcps_count(t); i++) {
		const struct tcp_conn *k = tcps_conn(t, i), *f;

		FUZZ_CHECK(k != NULL);
		/* The latest connection of a tuple is found; an earlier one (reused) gives way to it. */
		f = tcps_find(t, &k->cli, k->cport, &k->srv, k->sport);
		FUZZ_CHECK(i + 1 == tcps_count(t) ? f == k : (f == NULL || f == tcps_conn(t, tcps_count(t) - 1)));
		check_dir(&k->c2s, cap, frame, segs);
		check_dir(&k->s2c, cap, frame, segs);
		if (tcps_count(t) == 1) {
			model_check(&model[0], &k->c2s, cap);
			model_check(&model[1], &k->s2c, cap);
		}
		/* Each answer framed by what its request asked (HEAD, CONNECT). */
		memset(rflags, 0, sizeof(rflags));
		(void)parse_stream(k->c2s.data, k->c2s.len, true, k->c2s.fin, NULL, rflags, 16, size);
		(void)parse_stream(k->s2c.data, k->s2c.len, false, k->s2c.fin, rflags, NULL, 16, size / 3);
		excerpt(k->c2s.data, k->c2s.len, in[0]);
		excerpt(k->s2c.data, k->s2c.len, (uint8_t)(in[0] ^ 0x5a));
	}
	/* The input itself, after the header, as both kinds of stream. */
	(void)parse_stream(in + 9, size - 9, true, true, NULL, NULL, 64, size);
	(void)parse_stream(in + 9, size - 9, false, false, NULL, NULL, 64, size / 2);
	excerpt(in + 9, size - 9, (uint8_t)(in[0] >> 1));
	tcps_free(t);
	for (i = 0; i < frame; i++)
		free(segs[i].copy);
	return 0;
}
