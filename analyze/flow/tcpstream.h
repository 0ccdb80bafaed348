/*
 * TCP stream reassembly: decoded segments in, each connection's two
 * byte streams out, the way Wireshark's "Follow TCP Stream" shows them,
 * with the frame that carried every byte.
 *
 * Sequence numbers (RFC 9293 3.4: the SYN and the FIN take one each)
 * are compared in serial-number arithmetic (RFC 1982) against the
 * highest one seen, so a stream may cross 2^32.  The first copy of a
 * byte wins; a later copy that differs is a conflict.
 * Out-of-order segments are written into place and the contiguous
 * stream grows when the hole before them is filled.  Without a SYN a
 * direction starts at the lowest sequence number that joins, without a
 * hole, the first segment seen; a SYN/ACK without its SYN still tells
 * the client's ISN.  Every table and buffer is bounded, and bytes past a
 * limit are counted, never kept.  Nothing here prints.
 */
#ifndef FL_TCPSTREAM_H
#define FL_TCPSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"
#include "analyze/packet/decode.h"

/* The frame that first carried stream bytes [off, off+len). */
struct tcp_span {
	uint32_t	frame;
	int64_t		ts;
	size_t		off, len;
};

/* One direction of a connection. */
struct tcp_dir {
	bool		have_isn;	/* the ISN is known: SYN seen, or isn_inferred */
	bool		isn_inferred;	/* ... from the peer's SYN/ACK (ack - 1), SYN unseen */
	uint32_t	isn;
	uint8_t		*data;		/* contiguous bytes from the start, up to the first gap */
	size_t		len;
	/*
	 * Sorted by offset, disjoint, covering [0, len) exactly: kept so
	 * while segments come in order, made so by tcps_finish() otherwise.
	 */
	struct tcp_span	*spans;
	size_t		nspans;
	uint32_t	segments;	/* every segment of this direction, pure ACKs included */
	uint32_t	data_segments;	/* segments with payload on the wire */
	uint32_t	retransmits;	/* payload all already held (exact or partial copy) */
	uint32_t	overlaps;	/* payload partly held, partly new */
	uint32_t	out_of_order;	/* all new, but below the highest sequence seen */
	uint32_t	conflicts;	/* overlapping bytes that differ from the first copy */
	uint32_t	snapped;	/* segments whose payload the capture cut short */
	uint32_t	dropped;	/* segments not kept for a limit other than the byte cap */
	/* Filled in by tcps_finish(): */
	uint32_t	unjoined;	/* no SYN: segments before the start that never reached it */
	uint32_t	gaps;		/* holes still open */
	size_t		lost_bytes;	/* bytes missing in them (known from later data, a FIN, a cut payload) */
	bool		truncated;	/* stopped at the byte cap */
	bool		fin, rst;
	uint32_t	fin_frame, rst_frame;	/* the first of each */
	int64_t		fin_ts, rst_ts;
	int64_t		first_data_ts, last_data_ts;
	uint8_t		ttl;		/* IP TTL of this direction's packets (last seen) */
	uint16_t	last_ipid;
};

struct tcp_conn {
	/*
	 * Client: the side that sent the SYN, else the one that answered
	 * a SYN/ACK, else the one talking to the lower (well-known) port.
	 */
	struct fl_addr	cli, srv;
	uint16_t	cport, sport;
	uint32_t	first_frame, last_frame;
	uint32_t	syn_frame, synack_frame, ack_frame;	/* 0 when unseen */
	int64_t		syn_ts, synack_ts, ack_ts;
	uint16_t	mss_cli, mss_srv;	/* 0 when absent */
	struct tcp_dir	c2s, s2c;
};

struct tcps_counters {
	uint64_t	frames;		/* fed in */
	uint64_t	segments;	/* TCP segments taken */
	uint64_t	ignored;	/* not TCP, not decoded whole, or a later fragment */
	uint64_t	untracked;	/* TCP, but the connection table was full */
	uint64_t	reused;		/* a new SYN on a tuple already in use: a new connection */
};

struct tcp_streams;

#define TCPS_MAX_CONNS		4096
#define TCPS_MAX_TOTAL		((size_t)512 << 20)	/* bytes, all connections */

/*
 * max_bytes_per_dir caps each direction's stream (e.g. 4 MiB; at least
 * 1, at most 1 GiB).  NULL when out of memory.
 */
struct tcp_streams *tcps_new(size_t max_bytes_per_dir);
/*
 * The same with a smaller connection table and memory bound from the
 * start (a reader keeping one stream per connection): 0 or a value past
 * the defaults means the default.
 */
struct tcp_streams *tcps_new_bounded(size_t max_bytes_per_dir, size_t max_conns,
	    size_t max_total_bytes);

/* Lower the connection table size and the memory for all streams. */
void	tcps_set_limits(struct tcp_streams *, size_t max_conns, size_t max_total_bytes);

/* Frames are numbered from 1 in capture order; ignores non-TCP and non-OK packets. */
void	tcps_feed(struct tcp_streams *, uint32_t frame, int64_t ts, const struct dec_pkt *);

/* Spans, gaps and lost bytes.  May be called again after more feeding. */
void	tcps_finish(struct tcp_streams *);

size_t	tcps_count(const struct tcp_streams *);
const struct tcp_conn *tcps_conn(const struct tcp_streams *, size_t i);
const struct tcps_counters *tcps_counters(const struct tcp_streams *);

/* The latest connection with this client and server, or NULL. */
const struct tcp_conn *tcps_find(const struct tcp_streams *, const struct fl_addr *cli,
	    uint16_t cport, const struct fl_addr *srv, uint16_t sport);

/* The frame that carried byte off of the stream (after tcps_finish()), 0 if none. */
uint32_t tcps_frame_at(const struct tcp_dir *, size_t off);

/*
 * Forget every connection, as if the table were new from
 * tcps_new_bounded() with the same limits, but keep the memory of small
 * streams for the next ones (a reader making a table per connection).
 */
void	tcps_reset(struct tcp_streams *);

void	tcps_free(struct tcp_streams *);

/*
 * Finished tables kept, reset, for the next connections of a reader that
 * makes one per connection, instead of a dozen allocations and frees per
 * connection.  A pool serves one set of limits; zeroed, it is empty.
 */
#define TCPS_POOL	8
struct tcps_pool {
	struct tcp_streams *v[TCPS_POOL];
	int		 n;
};
/* A reset table from the pool, else tcps_new_bounded() with these limits (NULL: no memory). */
struct tcp_streams *tcps_pool_get(struct tcps_pool *, size_t max_bytes_per_dir, size_t max_conns,
	    size_t max_total_bytes);
/* The table back into the pool (reset), or freed when the pool is full; NULL is ignored. */
void	tcps_pool_put(struct tcps_pool *, struct tcp_streams *);
void	tcps_pool_free(struct tcps_pool *);

#endif
