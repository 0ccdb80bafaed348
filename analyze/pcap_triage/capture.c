/*
 * The capture's own defects (see capture.h).
 *
 * Copies and timestamps: analyze/flow/frame_defects.c, shared with the
 * probe commands' correlator.
 *
 * One direction: a TCP flow whose one side is never seen while the other
 * acknowledges more and more data from it.  Bytes acknowledged that the
 * capture never saw: a receiver's ACK beyond everything the capture saw
 * its sender send, or past a hole the capture never saw filled.
 *
 * Checksums (RFC 1071) of the IPv4 header and of TCP and UDP with their
 * pseudo-header, for frames captured whole: every frame under 256 bytes
 * and one in 64 of the others.  A bad one on a packet that left with an
 * initial TTL (the capturing host's own, taken before its NIC filled the
 * checksum in) or larger than any link (a segmentation offload
 * super-packet) is offload.  So is a received packet whose TCP or UDP
 * checksum alone is wrong: a virtual link (veth, virtio) or a receive
 * offload hands packets over with it unfilled, on some packets of a
 * connection and not others (what passed through netfilter's queue, or
 * software checksumming, is filled in), while the IPv4 header's, which
 * the stack always computes itself, is right; Wireshark leaves TCP and
 * UDP checksums unchecked by default for that reason.  A received IPv4
 * header with a wrong checksum is corruption: no offload leaves one.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/packet/cursor.h"
#include "analyze/pcap_triage/capture.h"
#include "analyze/pcap_triage/flowtab.h"

#define NS		1000000000LL
#define SLOTS		8192
#define FLOW_IDLE	(300 * NS)
#define FLOW_CLOSED	(5 * NS)

struct fkey {
	struct fl_addr	a, b;
	uint16_t	ap, bp;
};

struct fside {
	bool		seen, have_end, have_ack, hole;
	uint32_t	end, ack, first_ack, hole_s, hole_e;
	uint32_t	ack_moves, first_frame;
	uint8_t		ttl;		/* of its first packet */
};

struct flow {
	struct fside	s[2];		/* [0] sent by the lower end of the key */
	bool		closed;
};

struct cdef {
	struct fdef	*fd;
	struct flowtab	*flows;
	struct cdef_stats st;
};

static int32_t
sdiff(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b);
}

static bool
initial_ttl(uint8_t t)
{
	return t == 64 || t == 128 || t == 255 || t == 32 || t == 60 || t == 30;
}

/* ---- checksums ---- */

static void
checksums(struct cdef *d, uint32_t frame, const struct dec_pkt *p)
{
	const struct cur *ip = &p->ip_bytes;
	struct cur hdr, l4;
	uint32_t pseudo = 0;
	bool bad = false, ip_bad = false, super;
	uint16_t l4len;
	int k;

	if (ip->len != p->ip.tot_len || p->ip.frag != 0 || p->ip.mf)
		return;
	if (p->payload_len >= 256 && (d->st.ipv4 & 63) != 0)
		return;
	if (!cur_sub(ip, 0, p->ip.hlen, &hdr))
		return;
	d->st.cksum_checked++;
	super = p->ip.tot_len > 1500;
	if (cur_cksum(&hdr, 0) != 0xffff && p->ip.cksum != 0)
		bad = ip_bad = true;
	l4len = (uint16_t)(p->ip.tot_len - p->ip.hlen);
	if (!bad && (p->ip.proto == 6 || (p->ip.proto == 17 && p->l4.udp_sum != 0)) &&
	    cur_sub(ip, p->ip.hlen, l4len, &l4)) {
		for (k = 0; k < 4; k += 2) {
			pseudo += (uint32_t)p->ip.src.b[k] << 8 | p->ip.src.b[k + 1];
			pseudo += (uint32_t)p->ip.dst.b[k] << 8 | p->ip.dst.b[k + 1];
		}
		pseudo += p->ip.proto;
		pseudo += l4len;
		if (cur_cksum(&l4, pseudo) != 0xffff)
			bad = true;
	}
	if (!super && !initial_ttl(p->ip.ttl))
		d->st.cksum_checked_other++;
	if (!bad)
		return;
	if (!super && !initial_ttl(p->ip.ttl) && !ip_bad) {
		if (d->st.cksum_bad_vlink++ == 0 && d->st.cksum_own_frame == 0)
			d->st.cksum_own_frame = frame;
		return;
	}
	if (super) {
		d->st.cksum_bad_super++;
	} else if (initial_ttl(p->ip.ttl)) {
		if (d->st.cksum_bad_own++ == 0) {
			d->st.cksum_own_frame = frame;
			d->st.cksum_own_src = p->ip.src;
		}
	} else if (d->st.cksum_bad_other++ == 0) {
		d->st.cksum_other_frame = frame;
	}
}

/* ---- one direction, bytes never seen ---- */

static void
flow_done(void *ctx, void *data, bool evicted)
{
	struct cdef *d = ctx;
	struct flow *f = data;
	const struct fkey *k = flowtab_key(d->flows, data);
	int i;

	(void)evicted;
	d->st.tcp_flows++;
	for (i = 0; i < 2; i++)
		if (f->s[i].seen && !f->s[1 - i].seen && f->s[i].ack_moves >= 2) {
			if (d->st.oneway_flows++ == 0) {
				d->st.oneway_frame = f->s[i].first_frame;
				d->st.oneway_src = i == 0 ? k->a : k->b;
			}
		}
}

static void
tcp_flow(struct cdef *d, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct fkey k;
	struct flow *f;
	struct fside *me, *peer;
	bool low = memcmp(&p->ip.src, &p->ip.dst, sizeof(p->ip.src)) < 0 ||
	    (fl_addr_eq(&p->ip.src, &p->ip.dst) && p->l4.sport <= p->l4.dport);
	uint32_t seq = p->l4.seq, end;
	uint8_t fl = p->l4.tcp_flags;

	memset(&k, 0, sizeof(k));
	k.a = low ? p->ip.src : p->ip.dst;
	k.ap = low ? p->l4.sport : p->l4.dport;
	k.b = low ? p->ip.dst : p->ip.src;
	k.bp = low ? p->l4.dport : p->l4.sport;
	f = flowtab_get(d->flows, &k, ts, FLOW_IDLE, true, NULL);
	if (f == NULL)
		return;
	me = &f->s[low ? 0 : 1];
	peer = &f->s[low ? 1 : 0];
	if (!me->seen) {
		me->seen = true;
		me->first_frame = frame;
		me->ttl = p->ip.ttl;
	}
	/*
	 * A copy of data already sent with a TTL two or more below the
	 * sender's: an in-flow traceroute's probe (tcp.c), which may carry
	 * any ACK number (postprobe marks its copies there); not the flow's.
	 */
	if (!(fl & (TCP_SYN | TCP_RST)) && p->payload_len > 0 && me->have_end &&
	    p->ip.ttl + 2 <= me->ttl && sdiff(seq + p->payload_len, me->end) <= 0)
		return;
	end = seq + p->payload_len + ((fl & TCP_SYN) ? 1 : 0) + ((fl & TCP_FIN) ? 1 : 0);
	d->st.tcp_bytes += p->payload_len;
	if (fl & TCP_SYN) {
		/*
		 * A SYN (or SYN-ACK) starts its side's sequence space afresh:
		 * probes that reuse a 4-tuple with a new ISN each (synprobe,
		 * a TCP traceroute) leave no gap between them.
		 */
		me->have_end = true;
		me->end = end;
		me->hole = false;
	} else if (!(fl & TCP_RST)) {
		if (!me->have_end) {
			me->have_end = true;
			me->end = end;
		} else if (sdiff(seq, me->end) > 0 && !me->hole) {
			me->hole = true;
			me->hole_s = me->end;
			me->hole_e = seq;
		} else if (me->hole && sdiff(seq, me->hole_s) <= 0 && sdiff(end, me->hole_s) > 0) {
			me->hole_s = end;
			if (sdiff(me->hole_s, me->hole_e) >= 0)
				me->hole = false;
		}
		if (sdiff(end, me->end) > 0)
			me->end = end;
	}
	if (!(fl & TCP_ACK) || (fl & TCP_RST))
		return;
	if (!me->have_ack) {
		me->have_ack = true;
		me->ack = me->first_ack = p->l4.ack;
	} else if (sdiff(p->l4.ack, me->ack) > 0) {
		me->ack = p->l4.ack;
		me->ack_moves++;
	}
	/* The peer's bytes this side acknowledges and the capture never saw. */
	if (peer->have_end && sdiff(p->l4.ack, peer->end) > 0 && peer->seen) {
		d->st.unseen_bytes += (uint32_t)(p->l4.ack - peer->end);
		if (d->st.unseen_events++ == 0)
			d->st.unseen_frame = frame;
		peer->end = p->l4.ack;
	} else if (peer->hole && sdiff(p->l4.ack, peer->hole_e) >= 0) {
		d->st.unseen_bytes += (uint32_t)(peer->hole_e - peer->hole_s);
		if (d->st.unseen_events++ == 0)
			d->st.unseen_frame = frame;
		peer->hole = false;
	}
	if ((fl & TCP_FIN) && f->s[0].seen && f->s[1].seen)
		flowtab_set_idle(d->flows, f, FLOW_CLOSED);
}

bool
cdef_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct cdef *d = ctx;

	unsigned int def = fdef_frame(d->fd, frame, ts, p);

	d->st.frames++;
	flowtab_expire(d->flows, ts);
	if (p->status != DEC_OK)
		return false;
	d->st.ipv4++;
	if (def & FDEF_COPY)
		return true;
	checksums(d, frame, p);
	if (p->ip.proto == 6 && p->ip.frag == 0 && (p->l4.have & L4_TCPHDR))
		tcp_flow(d, frame, ts, p);
	return false;
}

struct cdef *
cdef_new(size_t max_flows)
{
	struct cdef *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->fd = fdef_new();
	d->flows = flowtab_new(sizeof(struct fkey), sizeof(struct flow), max_flows ? max_flows : 32768,
	    flow_done, d);
	if (d->fd == NULL || d->flows == NULL) {
		cdef_free(d);
		return NULL;
	}
	d->st.fd = fdef_stats(d->fd);
	return d;
}

void
cdef_finish(struct cdef *d)
{
	d->st.flows_peak = flowtab_peak(d->flows);
	d->st.flows_evicted = flowtab_evicted(d->flows);
	flowtab_drain(d->flows);
}

const struct cdef_stats *
cdef_stats(const struct cdef *d)
{
	return &d->st;
}

void
cdef_free(struct cdef *d)
{
	if (d == NULL)
		return;
	fdef_free(d->fd);
	flowtab_free(d->flows);
	free(d);
}
