/*
 * TCP stream reassembly.  See tcpstream.h for the model.
 *
 * Each direction keeps one buffer indexed by stream offset (offset 0 is
 * the byte after the SYN, or the start chosen without one), the list of
 * byte ranges it holds (merged, sorted), and one span per range of new
 * bytes a frame brought.  A segment's bytes are written where they
 * belong whatever order they come in, so out-of-order data needs no
 * separate queue; the contiguous stream is the held range starting at 0.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/flow/tcpstream.h"

#define MAX_CAP		((size_t)1 << 30)
#define MAX_HOLES	1024		/* held ranges per direction */
#define MIN_SPANS	1024
#define PRE_MAX_SEGS	64		/* early segments waiting to join the start */
#define PRE_MAX_BYTES	((size_t)64 << 10)
#define OFF_LIMIT	((int64_t)1 << 62)	/* unwrapped offsets stay far from overflow */
#define SCAN_CONNS	8		/* tables this small are searched, not hashed */
#define NO_SLOT		SIZE_MAX

/* A range of stream offsets held, [s, e). */
struct ival {
	size_t	s, e;
};

/*
 * A segment that came before the start of a SYN-less direction without
 * reaching it: kept until an earlier start joins it, or tcps_finish().
 */
struct pre_seg {
	uint32_t	 seq, frame;
	int64_t		 ts;
	size_t		 len;
	uint8_t		*bytes;
};

/* What a direction needs beyond what tcp_dir shows. */
struct dir_st {
	bool		 started;
	uint32_t	 base;		/* sequence number of stream offset 0 */
	uint32_t	 hi_seq;	/* the highest sequence number seen, ... */
	int64_t		 hi_off;	/* ... as a stream offset */
	bool		 have_fin_off;
	int64_t		 fin_off;	/* the FIN's sequence number as an offset */
	size_t		 alloc;		/* bytes allocated at data */
	struct ival	*iv;
	size_t		 niv, iv_alloc;
	size_t		 nsp, sp_alloc;	/* spans held; the public count is set at finish */
	bool		 sp_sorted;
	struct pre_seg	*pre;
	size_t		 npre, pre_bytes;
	/*
	 * The memory under data, spans and iv, in elements: more than
	 * alloc, sp_alloc and iv_alloc when a connection reused it after
	 * tcps_reset().  Limits count only what was asked for, so a reused
	 * table refuses and keeps what a new one would.
	 */
	uint8_t		*data_mem;
	struct tcp_span	*sp_mem;
	struct ival	*iv_mem;
	size_t		 data_cap, sp_cap, iv_cap;
};

struct conn_ent {
	struct tcp_conn	pub;
	struct dir_st	st[2];		/* c2s, s2c */
};

struct tcp_streams {
	size_t			 cap;		/* bytes per direction */
	size_t			 max_conns, max_total, max_spans;
	size_t			 mem;		/* bytes allocated for streams */
	struct tcps_counters	 cnt;
	struct conn_ent		**conns;
	size_t			 nconns, conns_alloc;
	size_t			 nkept;		/* conns[nconns..nkept) are kept for reuse */
	uint32_t		*slots;		/* conn index + 1, 0 empty */
	size_t			 nslots;	/* a power of two, at least twice max_conns */
};

/*
 * a - b in serial-number arithmetic (RFC 1982, SERIAL_BITS 32): the
 * shorter way round the circle.  The undefined case of exactly 2^31 is
 * taken as negative.
 */
static int64_t
seq_diff(uint32_t a, uint32_t b)
{
	uint32_t d = a - b;

	return d < 0x80000000u ? (int64_t)d : (int64_t)d - ((int64_t)1 << 32);
}

static struct tcp_dir *
pub_dir(struct conn_ent *e, int i)
{
	return i == 0 ? &e->pub.c2s : &e->pub.s2c;
}

/*
 * Grow an array to hold need elements (need <= max), doubling, within
 * the memory for all streams.  False leaves it as it was.  The memory
 * under it (*mem, *cap elements) is enlarged only when too small.
 */
static bool
grow(struct tcp_streams *t, void **arr, size_t *alloc, size_t elem, size_t need, size_t max,
    void **mem, size_t *cap)
{
	size_t n;
	void *p;

	if (need <= *alloc)
		return true;
	if (need > max)
		return false;
	n = *alloc > 0 ? *alloc : 16;
	while (n < need)
		n = n > max / 2 ? max : n * 2;
	if (n > max)
		n = max;
	if ((n - *alloc) > (t->max_total - t->mem) / elem)
		return false;
	if (n > *cap) {
		p = realloc(*mem, n * elem);
		if (p == NULL)
			return false;
		*mem = p;
		*cap = n;
	}
	t->mem += (n - *alloc) * elem;
	*arr = *mem;
	*alloc = n;
	return true;
}

static bool
grow_data(struct tcp_streams *t, struct tcp_dir *d, struct dir_st *s, size_t need)
{
	void *p = d->data, *m = s->data_mem;
	bool ok;

	/* Start at a page: most streams are small, most of those under 4 KiB. */
	if (s->alloc == 0 && need < 4096 && t->cap >= 4096)
		need = 4096;
	ok = grow(t, &p, &s->alloc, 1, need, t->cap, &m, &s->data_cap);
	d->data = p;
	s->data_mem = m;
	return ok;
}

static size_t
extent(const struct dir_st *s)
{
	return s->niv > 0 ? s->iv[s->niv - 1].e : 0;
}

/*
 * The contiguous length, and the spans that cover it while they are in
 * order (in-order streams need no sorting at tcps_finish()).
 */
static void
update_len(struct tcp_dir *d, const struct dir_st *s)
{
	d->len = (s->niv > 0 && s->iv[0].s == 0) ? s->iv[0].e : 0;
	if (d->nspans > s->nsp)
		d->nspans = s->nsp;
	while (d->nspans > 0 && d->spans[d->nspans - 1].off >= d->len)
		d->nspans--;
	if (s->sp_sorted)
		while (d->nspans < s->nsp && d->spans[d->nspans].off < d->len)
			d->nspans++;
}

/* The first held range that ends at or after off (touching counts). */
static size_t
first_ival(const struct dir_st *s, size_t off)
{
	size_t lo = 0, hi = s->niv, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->iv[mid].e < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Write the captured bytes b at [off, off + b->len), off + b->len <=
 * cap.  Bytes already held are compared (the first copy wins), new ones
 * copied, each new run with a span naming the frame.  False when a
 * limit refused the segment (nothing changed then).
 */
static bool
store(struct tcp_streams *t, struct tcp_dir *d, struct dir_st *s, size_t off,
    const struct cur *b, uint32_t frame, int64_t ts, bool *any_new, bool *any_old)
{
	size_t end = off + b->len, i0, j, k, pieces = 0, pos, x, lo, hi, ns, ne;
	uint8_t v;
	void *p, *m;
	bool ok;

	if (b->len == 0)
		return true;
	i0 = first_ival(s, off);
	for (j = i0, pos = off; j < s->niv && s->iv[j].s <= end; j++) {
		if (s->iv[j].s > pos)
			pieces++;
		if (s->iv[j].e > pos)
			pos = s->iv[j].e;
	}
	if (pos < end)
		pieces++;
	k = j - i0;
	if (k == 0 && s->niv >= MAX_HOLES)
		return false;
	if (s->nsp + pieces > t->max_spans)
		return false;
	p = s->iv;
	m = s->iv_mem;
	ok = grow(t, &p, &s->iv_alloc, sizeof(*s->iv), s->niv + 1, MAX_HOLES, &m, &s->iv_cap);
	s->iv = p;
	s->iv_mem = m;
	if (!ok)
		return false;
	p = d->spans;
	m = s->sp_mem;
	ok = grow(t, &p, &s->sp_alloc, sizeof(*d->spans), s->nsp + pieces, t->max_spans, &m,
	    &s->sp_cap);
	d->spans = p;
	s->sp_mem = m;
	if (!ok)
		return false;
	if (!grow_data(t, d, s, end))
		return false;

	/* Bytes held already: count those that differ. */
	for (j = i0; j < i0 + k; j++) {
		lo = s->iv[j].s > off ? s->iv[j].s : off;
		hi = s->iv[j].e < end ? s->iv[j].e : end;
		if (lo >= hi)
			continue;
		*any_old = true;
		for (x = lo; x < hi; x++)
			if (cur_u8(b, x - off, &v) && v != d->data[x] && d->conflicts < UINT32_MAX)
				d->conflicts++;
	}
	/* New bytes, in the gaps between the held ranges. */
	for (j = i0, pos = off;; j++) {
		ne = (j < i0 + k && s->iv[j].s < end) ? s->iv[j].s : end;
		if (ne > pos) {
			struct tcp_span *sp = &d->spans[s->nsp];

			(void)cur_copy(b, pos - off, d->data + pos, ne - pos);
			if (s->nsp > 0 && d->spans[s->nsp - 1].off > pos)
				s->sp_sorted = false;
			sp->frame = frame;
			sp->ts = ts;
			sp->off = pos;
			sp->len = ne - pos;
			s->nsp++;
			*any_new = true;
		}
		if (j >= i0 + k)
			break;
		if (s->iv[j].e > pos)
			pos = s->iv[j].e;
		if (pos >= end)
			break;
	}
	/* The held ranges [i0, i0 + k) and the new one become one. */
	ns = (k > 0 && s->iv[i0].s < off) ? s->iv[i0].s : off;
	ne = (k > 0 && s->iv[i0 + k - 1].e > end) ? s->iv[i0 + k - 1].e : end;
	if (k == 0) {
		memmove(&s->iv[i0 + 1], &s->iv[i0], (s->niv - i0) * sizeof(*s->iv));
		s->niv++;
	} else if (k > 1) {
		memmove(&s->iv[i0 + 1], &s->iv[i0 + k], (s->niv - i0 - k) * sizeof(*s->iv));
		s->niv -= k - 1;
	}
	s->iv[i0].s = ns;
	s->iv[i0].e = ne;
	update_len(d, s);
	return true;
}

/*
 * Move the start of the stream delta bytes earlier: everything held
 * moves up by delta, and what would pass the cap is let go.
 */
static bool
rebase(struct tcp_streams *t, struct tcp_dir *d, struct dir_st *s, size_t delta)
{
	size_t old = extent(s), keep, i, n;

	if (delta == 0)
		return true;
	if (delta >= t->cap)
		return false;
	keep = old < t->cap - delta ? old : t->cap - delta;
	if (keep > 0) {
		if (!grow_data(t, d, s, keep + delta))
			return false;
		memmove(d->data + delta, d->data, keep);
	}
	if (keep < old)
		d->truncated = true;
	for (i = n = 0; i < s->niv; i++) {
		if (s->iv[i].s >= keep)
			continue;
		s->iv[n].s = s->iv[i].s + delta;
		s->iv[n].e = (s->iv[i].e < keep ? s->iv[i].e : keep) + delta;
		n++;
	}
	s->niv = n;
	for (i = n = 0; i < s->nsp; i++) {
		struct tcp_span sp = d->spans[i];

		if (sp.off >= keep)
			continue;
		if (sp.len > keep - sp.off)
			sp.len = keep - sp.off;
		sp.off += delta;
		d->spans[n++] = sp;
	}
	s->nsp = n;
	s->base -= (uint32_t)delta;
	s->hi_off += (int64_t)delta;
	if (s->have_fin_off)
		s->fin_off += (int64_t)delta;
	update_len(d, s);
	return true;
}

static void
start_at(struct dir_st *s, uint32_t seq)
{
	s->started = true;
	s->base = seq;
	s->hi_seq = seq;
	s->hi_off = 0;
}

/* The stream offset of a sequence number, unwrapped against the highest seen. */
static int64_t
unwrap(const struct dir_st *s, uint32_t seq)
{
	return s->hi_off + seq_diff(seq, s->hi_seq);
}

static void segment_data(struct tcp_streams *, struct tcp_dir *, struct dir_st *,
	    uint32_t, const struct cur *, size_t, uint32_t, int64_t, bool);

/* Unlink early segment i; the caller owns its bytes after. */
static uint8_t *
pre_take(struct tcp_streams *t, struct dir_st *s, size_t i, struct pre_seg *out)
{
	*out = s->pre[i];
	s->pre_bytes -= out->len;
	t->mem -= out->len;
	s->npre--;
	s->pre[i] = s->pre[s->npre];
	memset(&s->pre[s->npre], 0, sizeof(s->pre[s->npre]));
	return out->bytes;
}

/*
 * Early segments that now reach the start (it moved back, or the ISN
 * became known) go in; each may move the start again.
 */
static void
pre_drain(struct tcp_streams *t, struct tcp_dir *d, struct dir_st *s)
{
	struct pre_seg ps;
	struct cur b;
	uint8_t *bytes;
	bool again = true;
	size_t i;

	while (again) {
		again = false;
		for (i = 0; i < s->npre; i++) {
			int64_t off = unwrap(s, s->pre[i].seq);

			if (!d->have_isn && off + (int64_t)s->pre[i].len < 0)
				continue;
			/* Unlinked first, and not allowed to wait again: no loop. */
			bytes = pre_take(t, s, i, &ps);
			b = cur_make(bytes, ps.len);
			segment_data(t, d, s, ps.seq, &b, ps.len, ps.frame, ps.ts, false);
			free(bytes);
			again = true;
			break;
		}
	}
}

/* Keep a copy of an early segment; false when over the bounds. */
static bool
pre_keep(struct tcp_streams *t, struct dir_st *s, uint32_t seq, const struct cur *b,
    uint32_t frame, int64_t ts)
{
	struct pre_seg *ps;

	if (b->len == 0 || s->npre >= PRE_MAX_SEGS || b->len > PRE_MAX_BYTES - s->pre_bytes ||
	    b->len > t->max_total - t->mem)
		return false;
	if (s->pre == NULL) {
		s->pre = calloc(PRE_MAX_SEGS, sizeof(*s->pre));
		if (s->pre == NULL)
			return false;
	}
	ps = &s->pre[s->npre];
	ps->bytes = malloc(b->len);
	if (ps->bytes == NULL)
		return false;
	(void)cur_copy(b, 0, ps->bytes, b->len);
	ps->seq = seq;
	ps->frame = frame;
	ps->ts = ts;
	ps->len = b->len;
	s->npre++;
	s->pre_bytes += b->len;
	t->mem += b->len;
	return true;
}

/*
 * Payload b (captured part) of a segment whose first byte has sequence
 * number seq and whose payload was wirelen bytes on the wire.
 */
static void
segment_data(struct tcp_streams *t, struct tcp_dir *d, struct dir_st *s, uint32_t seq,
    const struct cur *pay, size_t wirelen, uint32_t frame, int64_t ts, bool may_wait)
{
	struct cur b = *pay;
	int64_t off, end, hi_before = s->hi_off;
	bool any_new = false, any_old = false;
	size_t skip;

	if (wirelen == 0)
		return;
	if (!s->started)
		start_at(s, seq);
	off = unwrap(s, seq);
	end = off + (int64_t)wirelen;
	if (off < -OFF_LIMIT || end > OFF_LIMIT)
		return;
	if (end > s->hi_off) {
		s->hi_off = end;
		s->hi_seq = seq + (uint32_t)wirelen;
	}
	if (off < 0) {
		/*
		 * Before the start.  Without a SYN the stream may begin
		 * earlier than the first segment seen: a segment that
		 * reaches the start moves it back, and one that does not
		 * yet waits for another to bridge the hole.
		 */
		if (!d->have_isn && (uint64_t)-off + d->len <= t->cap) {
			if (off + (int64_t)b.len >= 0 && rebase(t, d, s, (size_t)-off)) {
				off = 0;
				hi_before = s->hi_off;
			} else if (may_wait && pre_keep(t, s, seq, &b, frame, ts)) {
				return;
			}
		}
		if (off < 0) {
			if (end <= 0 || (uint64_t)-off >= b.len) {
				d->retransmits++;
				return;
			}
			skip = (size_t)-off;
			(void)cur_tail(&b, skip, &b);
			off = 0;
			any_old = true;
		}
	}
	if ((uint64_t)off >= t->cap) {
		d->truncated = true;
		return;
	}
	if (b.len > t->cap - (size_t)off) {
		d->truncated = true;
		b.len = t->cap - (size_t)off;
	}
	if (!store(t, d, s, (size_t)off, &b, frame, ts, &any_new, &any_old)) {
		d->dropped++;
		return;
	}
	if (!any_new && any_old)
		d->retransmits++;
	else if (any_new && any_old)
		d->overlaps++;
	else if (any_new && off < hi_before)
		d->out_of_order++;
	if (s->npre > 0 && off == 0 && !d->have_isn)
		pre_drain(t, d, s);
}

/*
 * The direction's ISN is known (its SYN, or the peer's SYN/ACK): offset
 * 0 is the byte after it.  Data already held from a SYN-less start moves
 * up; an ISN after the data held contradicts it and is not taken.
 */
static void
learn_isn(struct tcp_streams *t, struct tcp_dir *d, struct dir_st *s, uint32_t isn, bool inferred)
{
	int64_t delta;

	if (d->have_isn) {
		if (d->isn_inferred && !inferred && d->isn == isn)
			d->isn_inferred = false;
		return;
	}
	if (!s->started) {
		start_at(s, isn + 1);
	} else {
		delta = seq_diff(s->base, isn + 1);
		if (delta < 0 || (uint64_t)delta + d->len > t->cap ||
		    !rebase(t, d, s, (size_t)delta))
			return;
	}
	d->have_isn = true;
	d->isn_inferred = inferred;
	d->isn = isn;
	if (s->npre > 0)
		pre_drain(t, d, s);
}

/*
 * fl_addr_eq, inlined: addresses are compared several times for every
 * segment, and the call (with a memcmp of a length the compiler cannot
 * see) cost more than the comparison.
 */
static inline bool
same_addr(const struct fl_addr *a, const struct fl_addr *b)
{
	if (a->family != b->family)
		return false;
	return a->family == 6 ? memcmp(a->b, b->b, 16) == 0 : memcmp(a->b, b->b, 4) == 0;
}

/* Tuple order for the table: the lower address and port first. */
static int
end_cmp(const struct fl_addr *a, uint16_t ap, const struct fl_addr *b, uint16_t bp)
{
	int c = memcmp(a->b, b->b, sizeof(a->b));

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	if (c != 0)
		return c;
	return ap < bp ? -1 : ap > bp;
}

static uint32_t
tuple_hash(const struct fl_addr *a, uint16_t ap, const struct fl_addr *b, uint16_t bp)
{
	uint32_t h;

	if (end_cmp(a, ap, b, bp) > 0)
		return tuple_hash(b, bp, a, ap);
	h = fl_addr_hash(a, 2166136261u);
	h = fl_addr_hash(b, h ^ ((uint32_t)ap << 16 | bp));
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	return h ^ (h >> 13);
}

static bool
conn_is(const struct conn_ent *e, const struct fl_addr *a, uint16_t ap,
    const struct fl_addr *b, uint16_t bp)
{
	const struct tcp_conn *c = &e->pub;

	return (same_addr(&c->cli, a) && c->cport == ap && same_addr(&c->srv, b) && c->sport == bp) ||
	    (same_addr(&c->cli, b) && c->cport == bp && same_addr(&c->srv, a) && c->sport == ap);
}

/*
 * The slot holding the tuple's latest connection, or the empty one where
 * it would go.  A table of at most SCAN_CONNS connections (a reader
 * keeping one stream per connection has one) is searched from the
 * latest connection back instead, which finds the same one without
 * hashing the tuple for every segment: NO_SLOT then, with *found set.
 */
static size_t
slot_of(const struct tcp_streams *t, const struct fl_addr *a, uint16_t ap,
    const struct fl_addr *b, uint16_t bp, struct conn_ent **found)
{
	size_t i;

	if (t->max_conns <= SCAN_CONNS) {
		*found = NULL;
		for (i = t->nconns; i-- > 0;)
			if (conn_is(t->conns[i], a, ap, b, bp)) {
				*found = t->conns[i];
				break;
			}
		return NO_SLOT;
	}
	i = tuple_hash(a, ap, b, bp) & (t->nslots - 1);

	while (t->slots[i] != 0 && !conn_is(t->conns[t->slots[i] - 1], a, ap, b, bp))
		i = (i + 1) & (t->nslots - 1);
	*found = t->slots[i] != 0 ? t->conns[t->slots[i] - 1] : NULL;
	return i;
}

struct tcp_streams *
tcps_new_bounded(size_t max_bytes_per_dir, size_t max_conns, size_t max_total_bytes)
{
	struct tcp_streams *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->cap = max_bytes_per_dir < 1 ? 1 : max_bytes_per_dir > MAX_CAP ? MAX_CAP : max_bytes_per_dir;
	t->max_conns = max_conns >= 1 && max_conns < TCPS_MAX_CONNS ? max_conns : TCPS_MAX_CONNS;
	t->max_total = max_total_bytes >= 1 && max_total_bytes < TCPS_MAX_TOTAL ? max_total_bytes :
	    TCPS_MAX_TOTAL;
	/* Spans cost 32 bytes: allow one per 64 bytes of stream on average. */
	t->max_spans = t->cap / 64 > MIN_SPANS ? t->cap / 64 : MIN_SPANS;
	/* Sized once for the bound: a per-connection table is 16 slots, not 64 KB. */
	for (t->nslots = 16; t->nslots < 2 * t->max_conns; t->nslots *= 2)
		;
	t->slots = calloc(t->nslots, sizeof(*t->slots));
	if (t->slots == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

struct tcp_streams *
tcps_new(size_t max_bytes_per_dir)
{
	return tcps_new_bounded(max_bytes_per_dir, TCPS_MAX_CONNS, TCPS_MAX_TOTAL);
}

void
tcps_set_limits(struct tcp_streams *t, size_t max_conns, size_t max_total_bytes)
{
	size_t n;
	uint32_t *slots;

	if (max_conns < t->max_conns && max_conns >= t->nconns)
		t->max_conns = max_conns;
	/*
	 * Still empty: a table sized for the new bound (a reader that keeps
	 * one stream per connection would otherwise hold 64 KB of empty
	 * slots for each).
	 */
	for (n = 16; n < 2 * t->max_conns; n *= 2)
		;
	if (t->nconns == 0 && n < t->nslots && (slots = calloc(n, sizeof(*slots))) != NULL) {
		free(t->slots);
		t->slots = slots;
		t->nslots = n;
	}
	if (max_total_bytes < t->max_total && max_total_bytes >= t->mem)
		t->max_total = max_total_bytes;
}

static void
swap_roles(struct conn_ent *e)
{
	struct tcp_conn *c = &e->pub;
	struct fl_addr a = c->cli;
	struct tcp_dir d = c->c2s;
	struct dir_st s = e->st[0];
	uint16_t p = c->cport;

	c->cli = c->srv;
	c->srv = a;
	c->cport = c->sport;
	c->sport = p;
	c->c2s = c->s2c;
	c->s2c = d;
	e->st[0] = e->st[1];
	e->st[1] = s;
	p = c->mss_cli;
	c->mss_cli = c->mss_srv;
	c->mss_srv = p;
}

static struct conn_ent *
conn_new(struct tcp_streams *t, size_t slot, const struct dec_pkt *p, uint32_t frame)
{
	struct conn_ent *e;
	struct tcp_conn *c;
	uint8_t fl = p->l4.tcp_flags;
	bool sender_is_client;
	void *arr;

	if (t->nconns >= t->max_conns)
		return NULL;
	if (t->nconns == t->conns_alloc) {
		size_t n = t->conns_alloc ? t->conns_alloc * 2 : 16;

		arr = realloc(t->conns, n * sizeof(*t->conns));
		if (arr == NULL)
			return NULL;
		t->conns = arr;
		t->conns_alloc = n;
	}
	if (t->nconns < t->nkept) {
		/* One kept by tcps_reset(): as new, on the memory it had. */
		struct dir_st m[2];
		int k;

		e = t->conns[t->nconns];
		m[0] = e->st[0];
		m[1] = e->st[1];
		memset(e, 0, sizeof(*e));
		for (k = 0; k < 2; k++) {
			e->st[k].data_mem = m[k].data_mem;
			e->st[k].data_cap = m[k].data_cap;
			e->st[k].sp_mem = m[k].sp_mem;
			e->st[k].sp_cap = m[k].sp_cap;
			e->st[k].iv_mem = m[k].iv_mem;
			e->st[k].iv_cap = m[k].iv_cap;
		}
	} else if ((e = calloc(1, sizeof(*e))) == NULL) {
		return NULL;
	}
	e->st[0].sp_sorted = e->st[1].sp_sorted = true;
	if ((fl & (TCP_SYN | TCP_ACK)) == TCP_SYN)
		sender_is_client = true;
	else if ((fl & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK))
		sender_is_client = false;
	else
		sender_is_client = p->l4.dport <= p->l4.sport;
	c = &e->pub;
	c->cli = sender_is_client ? p->ip.src : p->ip.dst;
	c->srv = sender_is_client ? p->ip.dst : p->ip.src;
	c->cport = sender_is_client ? p->l4.sport : p->l4.dport;
	c->sport = sender_is_client ? p->l4.dport : p->l4.sport;
	c->first_frame = frame;
	t->conns[t->nconns++] = e;
	if (slot != NO_SLOT)
		t->slots[slot] = (uint32_t)t->nconns;
	return e;
}

/* A SYN that opens a new connection on a tuple already used. */
static bool
is_reuse(const struct conn_ent *e, const struct dec_pkt *p, bool from_cli)
{
	const struct tcp_conn *c = &e->pub;

	if ((p->l4.tcp_flags & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_SYN)
		return false;
	if (!from_cli)
		return c->syn_frame == 0 && c->synack_frame == 0 && (c->c2s.fin || c->c2s.rst ||
		    c->s2c.fin || c->s2c.rst);
	if (c->c2s.have_isn)
		return c->c2s.isn != p->l4.seq;
	return c->c2s.fin || c->c2s.rst || c->s2c.fin || c->s2c.rst;
}

void
tcps_feed(struct tcp_streams *t, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct conn_ent *e;
	struct tcp_conn *c;
	struct tcp_dir *d;
	struct dir_st *s;
	struct cur pay;
	size_t slot;
	uint32_t seq;
	uint8_t fl;
	int di;
	bool from_cli;

	t->cnt.frames++;
	if (p == NULL || p->status != DEC_OK || p->ip.proto != 6 || p->ip.frag != 0 ||
	    (p->l4.have & L4_TCPHDR) == 0 || p->ip.src.family == 0) {
		t->cnt.ignored++;
		return;
	}
	t->cnt.segments++;
	fl = p->l4.tcp_flags;
	slot = slot_of(t, &p->ip.src, p->l4.sport, &p->ip.dst, p->l4.dport, &e);
	if (e != NULL) {
		from_cli = same_addr(&e->pub.cli, &p->ip.src) && e->pub.cport == p->l4.sport;
		if (is_reuse(e, p, from_cli)) {
			t->cnt.reused++;
			e = NULL;
		}
	}
	if (e == NULL && (e = conn_new(t, slot, p, frame)) == NULL) {
		t->cnt.untracked++;
		return;
	}
	c = &e->pub;
	from_cli = same_addr(&c->cli, &p->ip.src) && c->cport == p->l4.sport;
	/* A first packet that was not the SYN guessed the roles; a SYN settles them. */
	if (c->syn_frame == 0 && c->synack_frame == 0 && (fl & TCP_SYN) &&
	    from_cli == ((fl & TCP_ACK) != 0)) {
		swap_roles(e);
		from_cli = !from_cli;
	}
	di = from_cli ? 0 : 1;
	d = pub_dir(e, di);
	s = &e->st[di];
	c->last_frame = frame;
	if (d->segments < UINT32_MAX)
		d->segments++;
	d->ttl = p->ip.ttl;
	d->last_ipid = p->ip.id;
	seq = p->l4.seq;

	/* RFC 9293 3.4: the SYN takes one sequence number, data follows it. */
	if (fl & TCP_SYN) {
		if (!(fl & TCP_ACK)) {
			if (c->syn_frame == 0) {
				c->syn_frame = frame;
				c->syn_ts = ts;
			}
		} else if (c->synack_frame == 0) {
			c->synack_frame = frame;
			c->synack_ts = ts;
		}
		if (p->l4.tcp_mss != 0) {
			if (from_cli)
				c->mss_cli = p->l4.tcp_mss;
			else
				c->mss_srv = p->l4.tcp_mss;
		}
		learn_isn(t, d, s, seq, false);
		/* The SYN/ACK acknowledges the SYN: ack - 1 is the peer's ISN. */
		if (fl & TCP_ACK)
			learn_isn(t, pub_dir(e, 1 - di), &e->st[1 - di], p->l4.ack - 1, true);
		seq++;
	} else if (from_cli && (fl & (TCP_ACK | TCP_RST)) == TCP_ACK && c->synack_frame != 0 &&
	    c->ack_frame == 0 && c->s2c.have_isn && p->l4.ack == c->s2c.isn + 1) {
		c->ack_frame = frame;
		c->ack_ts = ts;
	}
	if (fl & TCP_RST) {
		/* RFC 9293 3.5.3: data on a RST is a diagnostic, not stream bytes. */
		if (!d->rst) {
			d->rst = true;
			d->rst_frame = frame;
			d->rst_ts = ts;
		}
		return;
	}
	pay = cur_clip(&p->payload, 0, p->payload_len);
	if (p->payload_len > 0) {
		if (d->data_segments < UINT32_MAX)
			d->data_segments++;
		if (d->data_segments == 1)
			d->first_data_ts = ts;
		d->last_data_ts = ts;
		if (pay.len < p->payload_len && d->snapped < UINT32_MAX)
			d->snapped++;
		segment_data(t, d, s, seq, &pay, p->payload_len, frame, ts, true);
	}
	if (fl & TCP_FIN) {
		if (!s->started)
			start_at(s, seq);
		if (!d->fin) {
			d->fin = true;
			d->fin_frame = frame;
			d->fin_ts = ts;
			s->fin_off = unwrap(s, seq + p->payload_len);
			s->have_fin_off = true;
		}
	}
}

static int
span_cmp(const void *a, const void *b)
{
	const struct tcp_span *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

static void
finish_dir(struct tcp_streams *t, struct tcp_dir *d, struct dir_st *s)
{
	size_t known, pos, i;
	int64_t k;

	/* Still waiting, not dropped: more segments may come and join them. */
	d->unjoined = (uint32_t)s->npre;
	k = s->hi_off;
	if (s->have_fin_off && s->fin_off > k)
		k = s->fin_off;
	if (!s->started || k < 0)
		k = 0;
	known = (uint64_t)k > t->cap ? t->cap : (size_t)k;
	d->gaps = 0;
	d->lost_bytes = 0;
	for (i = 0, pos = 0; i < s->niv && s->iv[i].s < known; i++) {
		if (s->iv[i].s > pos) {
			d->gaps++;
			d->lost_bytes += s->iv[i].s - pos;
		}
		pos = s->iv[i].e;
	}
	if (pos < known) {
		d->gaps++;
		d->lost_bytes += known - pos;
	}
	if (!s->sp_sorted) {
		qsort(d->spans, s->nsp, sizeof(*d->spans), span_cmp);
		s->sp_sorted = true;
	}
	for (i = 0; i < s->nsp && d->spans[i].off < d->len; i++)
		;
	d->nspans = i;
}

void
tcps_finish(struct tcp_streams *t)
{
	size_t i;

	for (i = 0; i < t->nconns; i++) {
		finish_dir(t, &t->conns[i]->pub.c2s, &t->conns[i]->st[0]);
		finish_dir(t, &t->conns[i]->pub.s2c, &t->conns[i]->st[1]);
	}
}

size_t
tcps_count(const struct tcp_streams *t)
{
	return t->nconns;
}

const struct tcp_conn *
tcps_conn(const struct tcp_streams *t, size_t i)
{
	return i < t->nconns ? &t->conns[i]->pub : NULL;
}

const struct tcps_counters *
tcps_counters(const struct tcp_streams *t)
{
	return &t->cnt;
}

const struct tcp_conn *
tcps_find(const struct tcp_streams *t, const struct fl_addr *cli, uint16_t cport,
    const struct fl_addr *srv, uint16_t sport)
{
	struct conn_ent *e;
	const struct tcp_conn *c;

	(void)slot_of(t, cli, cport, srv, sport, &e);
	if (e == NULL)
		return NULL;
	c = &e->pub;
	/* The tuple matches either way round; the roles must too. */
	if (!same_addr(&c->cli, cli) || c->cport != cport)
		return NULL;
	return c;
}

uint32_t
tcps_frame_at(const struct tcp_dir *d, size_t off)
{
	size_t lo = 0, hi = d->nspans, mid;

	if (off >= d->len)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->spans[mid].off + d->spans[mid].len <= off)
			lo = mid + 1;
		else if (d->spans[mid].off > off)
			hi = mid;
		else
			return d->spans[mid].frame;
	}
	return 0;
}

static void
free_pre(struct dir_st *s)
{
	size_t i;

	for (i = 0; i < s->npre; i++)
		free(s->pre[i].bytes);
	free(s->pre);
	s->pre = NULL;
	s->npre = 0;
}

static void
free_dir(struct dir_st *s)
{
	free_pre(s);
	free(s->iv_mem);
	free(s->sp_mem);
	free(s->data_mem);
}

/* Memory a reset table keeps for its next connections: a small stream's, not a large one's. */
#define KEEP_MAX	((size_t)64 << 10)

static void
keep_dir(struct dir_st *s)
{
	free_pre(s);
	if (s->data_cap > KEEP_MAX) {
		free(s->data_mem);
		s->data_mem = NULL;
		s->data_cap = 0;
	}
	if (s->sp_cap * sizeof(*s->sp_mem) > KEEP_MAX) {
		free(s->sp_mem);
		s->sp_mem = NULL;
		s->sp_cap = 0;
	}
	if (s->iv_cap * sizeof(*s->iv_mem) > KEEP_MAX) {
		free(s->iv_mem);
		s->iv_mem = NULL;
		s->iv_cap = 0;
	}
}

void
tcps_reset(struct tcp_streams *t)
{
	size_t i;

	for (i = 0; i < t->nconns; i++) {
		keep_dir(&t->conns[i]->st[0]);
		keep_dir(&t->conns[i]->st[1]);
	}
	if (t->nconns > t->nkept)
		t->nkept = t->nconns;
	t->nconns = 0;
	t->mem = 0;
	memset(&t->cnt, 0, sizeof(t->cnt));
	memset(t->slots, 0, t->nslots * sizeof(*t->slots));
}

void
tcps_free(struct tcp_streams *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->nconns > t->nkept)
		t->nkept = t->nconns;
	for (i = 0; i < t->nkept; i++) {
		free_dir(&t->conns[i]->st[0]);
		free_dir(&t->conns[i]->st[1]);
		free(t->conns[i]);
	}
	free(t->conns);
	free(t->slots);
	free(t);
}

struct tcp_streams *
tcps_pool_get(struct tcps_pool *p, size_t max_bytes_per_dir, size_t max_conns,
    size_t max_total_bytes)
{
	if (p->n > 0)
		return p->v[--p->n];
	return tcps_new_bounded(max_bytes_per_dir, max_conns, max_total_bytes);
}

void
tcps_pool_put(struct tcps_pool *p, struct tcp_streams *t)
{
	if (t == NULL)
		return;
	if (p->n < TCPS_POOL) {
		tcps_reset(t);
		p->v[p->n++] = t;
	} else {
		tcps_free(t);
	}
}

void
tcps_pool_free(struct tcps_pool *p)
{
	while (p->n > 0)
		tcps_free(p->v[--p->n]);
}
