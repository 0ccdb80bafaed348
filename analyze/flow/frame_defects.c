/*
 * The capture's defects frame by frame (see frame_defects.h).
 *
 * Copies: every IPv4 frame is hashed over what a router does not change
 * (addresses, protocol, ports, sequence and acknowledgement numbers,
 * flags, the transport checksum, the payload's length and first 64
 * bytes; not the TTL, the IP checksum or the MACs, and not the IP ID
 * alone, which is often 0) into a direct-mapped table of recent frames.
 * A frame whose hash is there is a copy when it came within 2 ms with
 * the same TTL and MACs (an exact copy) or within 100 ms with the TTL one
 * lower and another source MAC (the same packet after a router); a
 * retransmission, minutes or milliseconds later, is neither (its IP ID
 * differs, or it comes later than a copy does).  A traceroute's probes
 * are not copies of each other: each has its own TTL, and its own
 * sequence, port or checksum.
 *
 * Timestamps are judged against the frame before (still) and the latest
 * stamp so far (back), so that one bad stamp is counted once, not again
 * by the frame after it; copies are not judged (and still_defect counts
 * the frames that are not copies).
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "analyze/flow/frame_defects.h"
#include "analyze/packet/cursor.h"

#define SLOTS		8192
#define EXACT_NS	(2 * 1000000LL)
#define ROUTER_NS	(100 * 1000000LL)

struct slot {
	uint64_t	h;
	int64_t		ts;
	uint32_t	frame;
	uint16_t	ipid;
	uint8_t		ttl;
	bool		has_src, has_dst;
	uint8_t		src[6], dst[6];
};

struct fdef {
	/*
	 * Not zeroed: a slot is in use once its bit is set.  Correlators
	 * are made per connection judged (pcap-triage's handshakes), and
	 * zeroing the whole table for each cost a tenth of the reading.
	 */
	struct slot	*slots;
	uint64_t	 used[SLOTS / 64];
	bool		 have_ts;
	int64_t		 prev_ts, max_ts;
	struct fdef_stats st;
};

static uint64_t
mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h * 0xff51afd7ed558ccdull;
}

static uint64_t
frame_hash(const struct dec_pkt *p)
{
	const struct cur *pl = &p->payload;
	uint64_t h = 0x12345;
	uint32_t v;
	uint16_t sum = 0;
	size_t i, n = pl->len < 64 ? pl->len : 64;
	int k;

	for (k = 0; k < 4; k++)
		h = mix(h, (uint64_t)p->ip.src.b[k] << 8 | p->ip.dst.b[k]);
	h = mix(h, (uint64_t)p->ip.proto << 32 | p->payload_len);
	h = mix(h, (uint64_t)p->l4.sport << 16 | p->l4.dport);
	h = mix(h, (uint64_t)p->l4.seq << 32 | p->l4.ack);
	h = mix(h, (uint64_t)p->l4.tcp_flags << 16 | p->ip.frag);
	h = mix(h, (uint64_t)p->l4.echo_id << 16 | p->l4.echo_seq);
	if (p->ip.proto == 6)
		(void)cur_be16(&p->ip_bytes, (size_t)p->ip.hlen + 16, &sum);
	else if (p->ip.proto == 17)
		sum = p->l4.udp_sum;
	else if (p->ip.proto == 1)
		sum = p->l4.icmp_sum;
	h = mix(h, sum);
	for (i = 0; i + 4 <= n; i += 4)
		if (cur_be32(pl, i, &v))
			h = mix(h, v);
	for (; i < n; i++)
		h = mix(h, pl->p[i]);
	return h;
}

/* FDEF_EXACT_COPY or FDEF_ROUTER_COPY for a copy of a recent frame, else 0. */
static unsigned int
copies(struct fdef *d, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	uint64_t h = frame_hash(p);
	uint32_t i = (uint32_t)(h & (SLOTS - 1));
	struct slot *s = &d->slots[i];
	bool same_mac, used = (d->used[i / 64] >> (i % 64)) & 1;
	int64_t dt = used ? ts - s->ts : 0;

	if (used && s->frame != 0 && s->h == h && dt >= 0 && dt <= ROUTER_NS &&
	    (p->ip.id == s->ipid || p->ip.id == 0 || s->ipid == 0)) {
		same_mac = (!p->has_mac_src || !s->has_src || memcmp(p->mac_src, s->src, 6) == 0) &&
		    (!p->has_mac_dst || !s->has_dst || memcmp(p->mac_dst, s->dst, 6) == 0);
		if (p->ip.ttl == s->ttl && same_mac && dt <= EXACT_NS) {
			if (d->st.exact_dups++ == 0) {
				d->st.exact_frame = frame;
				d->st.exact_orig = s->frame;
			}
			return FDEF_EXACT_COPY;
		}
		if (p->ip.ttl + 1 == s->ttl && (!same_mac || (!p->has_mac_src && !s->has_src))) {
			if (d->st.router_dups++ == 0) {
				d->st.router_frame = frame;
				d->st.router_orig = s->frame;
				if (p->has_mac_src && s->has_dst) {
					memcpy(d->st.router_mac_in, s->dst, 6);
					memcpy(d->st.router_mac_out, p->mac_src, 6);
					d->st.router_macs = true;
				}
			}
			/* The copy after the router is the one kept as seen: its TTL goes on down. */
			s->ttl = p->ip.ttl;
			s->ts = ts;
			return FDEF_ROUTER_COPY;
		}
	}
	d->used[i / 64] |= 1ull << (i % 64);
	s->h = h;
	s->ts = ts;
	s->frame = frame;
	s->ipid = p->ip.id;
	s->ttl = p->ip.ttl;
	s->has_src = p->has_mac_src;
	s->has_dst = p->has_mac_dst;
	memcpy(s->src, p->mac_src, 6);
	memcpy(s->dst, p->mac_dst, 6);
	return 0;
}

/*
 * Frames stamped alike happen in any capture at microsecond precision (a
 * burst, a receive offload's batch); a clock that does not advance is
 * one where at least half the frames are stamped as the frame before.
 */
static uint64_t
stamped(const struct fdef_stats *s)
{
	return s->frames - s->exact_dups - s->router_dups - s->ts_range;
}

static bool
still_defect(const struct fdef_stats *s)
{
	return s->ts_still > 0 && 2 * s->ts_still + 1 >= stamped(s);
}

static unsigned int
stamps(struct fdef *d, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct fdef_stats *s = &d->st;
	unsigned int r = 0;

	if (p->ts_clamped || ts < 0 || ts > FDEF_TS_MAX) {
		if (s->ts_range++ == 0)
			s->ts_range_frame = frame;
		/* Its stamp is no time at all: the next frame is judged against the last good one. */
		return FDEF_TS_RANGE;
	}
	if (d->have_ts && ts == d->prev_ts) {
		if (s->ts_still++ == 0)
			s->ts_still_frame = frame;
		r |= FDEF_TS_STILL;
	}
	if (d->have_ts && d->max_ts - ts > FDEF_BACK_NS) {
		if (s->ts_back++ == 0)
			s->ts_back_frame = frame;
		if (d->max_ts - ts > s->ts_back_ns)
			s->ts_back_ns = d->max_ts - ts;
		r |= FDEF_TS_BACK;
	}
	if (!d->have_ts || ts > d->max_ts)
		d->max_ts = ts;
	d->prev_ts = ts;
	d->have_ts = true;
	return r;
}

unsigned int
fdef_frame(struct fdef *d, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	unsigned int r = 0;

	d->st.frames++;
	if (p->status == DEC_OK) {
		d->st.ipv4++;
		r = copies(d, frame, ts, p);
	}
	/* A copy carries its original's stamp, or one a router's hop later: nothing to judge. */
	if (r == 0) {
		r = stamps(d, frame, ts, p);
		d->st.ts_defective = still_defect(&d->st) || d->st.ts_back > 0 || d->st.ts_range > 0;
	}
	return r;
}

struct fdef *
fdef_new(void)
{
	struct fdef *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->slots = malloc(SLOTS * sizeof(*d->slots));
	if (d->slots == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

void
fdef_free(struct fdef *d)
{
	if (d == NULL)
		return;
	free(d->slots);
	free(d);
}

const struct fdef_stats *
fdef_stats(const struct fdef *d)
{
	return &d->st;
}


void
fdef_ts_text(const struct fdef_stats *s, char *buf, size_t len)
{
	size_t n = 0;
	int w;

	buf[0] = '\0';
	if (s->ts_still > 0 && s->ts_still + 1 >= stamped(s))
		w = snprintf(buf, len, "every frame is stamped with the same time (the capture's "
		    "clock does not advance)");
	else if (still_defect(s))
		w = snprintf(buf, len, "%llu frame%s stamped the same as the frame before "
		    "(from frame %u)", (unsigned long long)s->ts_still, s->ts_still == 1 ? " is" :
		    "s are", s->ts_still_frame);
	else
		w = 0;
	n = w > 0 ? (size_t)w : 0;
	if (s->ts_back > 0 && n < len) {
		w = snprintf(buf + n, len - n, "%s%llu frame%s stamped before a frame captured "
		    "earlier (from frame %u, up to %.1f ms back)", n ? "; " : "",
		    (unsigned long long)s->ts_back, s->ts_back == 1 ? " is" : "s are",
		    s->ts_back_frame, (double)s->ts_back_ns / 1e6);
		n += w > 0 ? (size_t)w : 0;
	}
	if (s->ts_range > 0 && n < len)
		(void)snprintf(buf + n, len - n, "%s%llu frame%s a timestamp out of range (a "
		    "nanosecond field of 1e9 or more, or before 1970; from frame %u)", n ? "; " : "",
		    (unsigned long long)s->ts_range, s->ts_range == 1 ? " has" : "s have",
		    s->ts_range_frame);
}
