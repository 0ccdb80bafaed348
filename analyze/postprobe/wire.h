/*
 * Inside postprobe's reading: the wire notes (struct http_wire, kept by
 * wire.c frame by frame) as the in-flow trace (flowtrace.c) and the
 * rules (infer.c) read them.  Not for use outside analyze/postprobe;
 * infer.h has the public side.
 */
#ifndef FL_POSTPROBE_WIRE_H
#define FL_POSTPROBE_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"
#include "analyze/packet/decode.h"
#include "analyze/postprobe/infer.h"

#define MAX_WCONNS	256
#define MAX_ACKS	8192
#define MAX_ERRS	64
#define MAX_IDS		64
#define MAX_ZT		64

struct ack_at {
	int64_t		ts;
	uint32_t	ack;
};

/* One direction's acknowledgements and reset, as the frames show them. */
struct wdir {
	bool		have_ack;
	uint32_t	max_ack;
	struct ack_at	*acks;		/* each time the cumulative ack moved on */
	size_t		nacks, cap;
	uint8_t		ttl;		/* of the last packet */
	uint8_t		first_ttl;	/* of the first (a SYN-ACK, server side) */
	uint8_t		data_ttl;	/* of the first carrying data */
	bool		rst;
	uint32_t	rst_frame;
	int64_t		rst_ts;
	uint8_t		rst_ttl;
	uint16_t	rst_ipid;
	/* The first non-zero IP IDs, in capture order, and the first data packet's frame. */
	uint16_t	ids[MAX_IDS];
	uint32_t	id_frames[MAX_IDS];
	size_t		nids;
	uint32_t	data_frame;
	uint16_t	data_ipid;
};

struct wconn {
	struct fl_addr	a, b;
	uint16_t	ap, bp;
	bool		a_syn;		/* a sent the SYN: a is the client */
	struct wdir	d[2];		/* [0] from a to b, [1] from b to a */
};

/*
 * The in-flow trace (0trace): copies of the request's first bytes sent
 * on the connection's own 4-tuple with TTL 1, 2, ...  Each copy carries
 * its own IP ID (quoted back by time-exceeded) and acknowledgement number
 * (a reset to it takes that as its sequence number).  Told from the
 * client's own segments by a TTL below theirs.
 */
struct zprobe {
	size_t		conn;		/* index in struct http_wire's connections */
	uint32_t	frame;
	uint8_t		ttl;
	uint16_t	ipid;
	uint32_t	seq, ack;
	uint32_t	te_frame;	/* time-exceeded for it, 0 none */
	struct fl_addr	te_from;
	uint32_t	ans_frame;	/* a reset or an ICMP unreachable for it, 0 none */
	bool		ans_rst;
	uint8_t		ans_ttl;
	struct fl_addr	ans_from;
};

/* An ICMP error quoting TCP that no copy of the trace explains (no rule reads these yet). */
struct werr {
	uint32_t	frame;
	int64_t		ts;
	uint8_t		type, code;
	uint16_t	mtu;
	struct fl_addr	from, qsrc, qdst;
	uint16_t	qsport, qdport;
};

struct http_wire {
	struct wconn	*c;
	size_t		 n, cap;
	struct werr	 err[MAX_ERRS];
	size_t		 nerr;
	struct zprobe	 zt[MAX_ZT];
	size_t		 nzt;
};

/* The connection of a segment from s:sp to d:dp; *dir: 0 from a, 1 from b. */
struct wconn *http_wire_conn(const struct http_wire *, const struct fl_addr *s, uint16_t sp,
	    const struct fl_addr *d, uint16_t dp, int *dir);

/* When the peer first acknowledged everything up to isn + 1 + off; 0 never. */
int64_t	http_wire_acked_at(const struct wdir *, uint32_t isn, size_t off);

/*
 * Does the packet of this frame follow the sender's IP ID counter?  1:
 * its ID is a small step on from the sender's packet before it; -1: it
 * is not, though the packets before and after it are a small step apart
 * (the sender kept a sequence this packet is not part of); 0: cannot say
 * (ID zero, or too few IDs around it, as with random IDs).  prev gets the
 * ID before it.
 */
int	http_wire_id_fit(const struct wdir *, uint32_t frame, uint16_t *prev);

/*
 * The in-flow trace's side of http_note_frame(): true when the frame
 * is the trace's (an ICMP error quoting a copy; a copy; a reset
 * answering one), noted then and kept from every other reader.
 */
bool	flowtrace_note_icmp(struct http_wire *, uint32_t frame, const struct dec_pkt *);
bool	flowtrace_note_segment(struct http_wire *, struct wconn *, int dir, uint32_t frame,
	    const struct dec_pkt *);

/* What the trace of one connection showed (wc NULL: nothing). */
void	flowtrace_read(const struct http_wire *, const struct wconn *wc, struct http_ztrace *);

#endif
