/*
 * Inside pcap-triage's TCP reader: a connection's state as tcp.c keeps
 * it frame by frame, and what the rules (tcp_judge.c) and the rate
 * classification (trat.c) read at its end.  Not for use outside
 * analyze/pcap_triage/tcp*.c and trat.c.
 */
#ifndef FL_TRIAGE_TCP_INT_H
#define FL_TRIAGE_TCP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "analyze/packet/decode.h"
#include "analyze/pcap_triage/context.h"
#include "analyze/pcap_triage/flowtab.h"
#include "analyze/pcap_triage/tcp.h"

#define TCP_NS		1000000000LL
#define SENT_RING	16
#define CHAIN_MAX	8
#define STORED_MAX	12

/* a - b in sequence space (RFC 1982 serial arithmetic, 32 bits). */
static inline int32_t
seq_diff(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b);
}

/* One segment and its retransmissions: the oldest one not yet acknowledged. */
struct chain {
	uint32_t	seq, len, min_len;
	int		n;			/* copies seen, the first included */
	int64_t		ts[CHAIN_MAX];
	uint32_t	frame[CHAIN_MAX];
	bool		acked, shrank;		/* shrank: a later copy was smaller */
	int64_t		ack_ts;
	uint32_t	peer_pkts;		/* packets from the peer while it lasted */
};

/* What one side sends (its data, its window, its acknowledgements of the other). */
#define TCP_HOLES	32

struct tdir {
	bool		seen, syn, fin, rst, have_nxt, have_ack, ws_set;
	uint8_t		wscale, ttl_first, ttl_last, rst_ttl;
	uint16_t	mss;
	uint32_t	isn, nxt, hi_ack, last_win_raw;
	uint64_t	bytes, win, win_max;
	uint32_t	segs, data_segs, rexmits, fast_rexmits, ooo, fills, keepalives;
	uint32_t	winprobes, super_segs, dupacks, dup_runs, dup_run, max_payload;
	uint32_t	ack_moves;	/* its ACK moved on: the peer sent data */
	/* copies of its data with a lower TTL (an in-flow traceroute), their TTLs */
	uint32_t	ttl_copies, ttl_copy_frame, ttl_copy_last_frame;
	uint8_t		ttl_copy_min, ttl_copy_max, ttl_copy_last;
	uint32_t	ttl_copy_last_ack;	/* its ACK field: a marker when unlike the real ones */
	int64_t		ttl_copy_last_ts;
	/* a reset it sent answering a copy too short-lived to have reached it */
	bool		rst_copy;
	uint8_t		rst_copy_ttl;
	uint32_t	rst_copy_frame, rst_copy_of;
	/*
	 * Loss events: retransmissions below the recovery point (the highest
	 * byte sent when the event began, RFC 6582) belong to one event, as
	 * one congestion response of the sender (RFC 5348 section 5.2).
	 */
	uint32_t	loss_events, recover;
	/* not loss: holes filled sooner than a resend could come (reordering), resends of acknowledged data */
	uint32_t	reordered, spurious;
	bool		in_event;
	uint32_t	event_segs, event_max;	/* retransmissions in this event, the most in one */
	int64_t		first_ts, last_ts, first_data_ts, last_data_ts, fin_ts, rst_ts;
	uint32_t	first_frame, first_data_frame, last_data_frame, fin_frame, rst_frame;
	/*
	 * Holes in what it sent, as the capture shows them (oldest first): a
	 * segment that fills one was lost before the capture point; one the
	 * peer acknowledges unfilled was missed by the capture.
	 */
	struct {
		uint32_t	s, e;
		int64_t		ts;	/* when the capture saw the hole open */
		uint16_t	ipid;	/* the IP ID of the segment that opened it */
	}		holes[TCP_HOLES];
	/* its IP IDs: a counter (most new segments one to a few above the last)? */
	uint16_t	last_ipid;
	uint32_t	ipid_seq, ipid_n;
	unsigned int	nholes;
	/* segments sent, for round trips and retransmission chains */
	struct {
		uint32_t	seq, end, frame;
		int64_t		ts;
		bool		rexmit;
	} sent[SENT_RING];
	unsigned int	nsent;
	/* round trips from its data to the peer's ACK, as the capture point sees them */
	double		rtt_min, rtt_sum;
	uint32_t	rtt_n;
	struct chain	cur, worst;
	/* a zero window it advertised (the peer must stop sending) */
	bool		zw;
	int64_t		zw_start, zw_total, zw_longest;
	uint32_t	zw_frame, zw_longest_frame, zw_events, zw_end_frame;
	bool		zw_open_at_end;
	int64_t		probe_ts[4];
	uint32_t	probe_frame[4];
	int		nprobe;		/* the peer's window probes while it was zero */
	/* rate: bins one round trip wide of the data it sent (T-RAT) */
	int64_t		bin_start;
	uint64_t	bin_bytes, bin_out_max;
	uint32_t	bin_rexmits;
	uint32_t	nbins, bins_rwnd, bins_loss, bins_idle;
	double		bin_sum, bin_sumsq;
	/* spacing of its segments inside a bin (smooth: a bottleneck's pace) */
	int64_t		last_seg_ts;
	uint32_t	ngap;
	double		gap_sum, gap_sumsq;
	uint32_t	early_n;
	double		early_sum, late_ema;
	/* throughput over time */
	uint64_t	tp[TRI_TP_POINTS];
	int64_t		tp_start, tp_width;
	int		ntp;
};

struct stored {
	struct dec_pkt	p;
	uint32_t	frame;
	int64_t		ts;
};

struct tconn {
	struct fl_addr	cli, srv;
	uint16_t	cport, sport;
	struct tdir	d[2];		/* [0] the client's, [1] the server's */
	bool		syn_seen, synack_seen, established, midstream, guessed, closed;
	uint32_t	syns, synacks, syn_frame, synack_frame, ack_frame, first_frame, last_frame;
	int64_t		syn_ts, syn_last_ts, synack_ts, ack_ts, first_ts, last_ts;
	uint32_t	syn_last_frame;
	uint8_t		syn_ttl;
	struct stored	*st;		/* a handshake that is not answered yet: its packets */
	int		nst;
	/* turns: who sent data last, and since when */
	int		turn;		/* -1 none yet, 0 client, 1 server */
	int64_t		turn_first, turn_last;
	uint32_t	turn_first_frame, turn_last_frame;
	uint32_t	req_end;	/* the client's sequence after its current request */
	bool		req_acked;
	int64_t		req_ack_ts;
	uint32_t	req_ack_frame;
	/* where the time goes */
	uint32_t	exchanges;
	double		wait_first, wait_max, server_max, server_raw, server_ackgap, server_rtt_used;
	double		rtt_req, transfer_sum, greet_ms;
	uint32_t	wait_frames[2], server_frames[2], greet_frame, req_ack_frame_w;
	int		wait_is_first;
	bool		ack_piggybacked;
};

/* The TCP reader's state. */
struct scan_src;
struct tri_tcp {
	struct tri_ctx		*c;
	struct flowtab		*conns, *scans;
	struct tri_conn_sum	*kept;
	size_t			 nkept;
	uint64_t		 total;
	struct tri_points	 points;
	uint64_t		 inbound_refused, inbound_silent;
};

/* The scan a failed or open attempt belongs to, if its client scans; NULL if not. */
struct scan_src *tcp_scan_of(struct tri_tcp *, const struct fl_addr *);
/* A handshake its client completed (scans complete few). */
void	tcp_scan_established(struct tri_tcp *, const struct fl_addr *cli);
/* Count an attempt of a scan: 0 open, 1 refused, 2 unanswered. */
void	tcp_scan_count(struct scan_src *, int what);

/* tcp_judge.c: the connection is over; its findings and its summary. */
void	tcp_judge(struct tri_tcp *, struct tconn *);
/* The round trip and the capture point, from the handshake. */
double	tcp_rtt(const struct tconn *);
const char *tcp_point(const struct tconn *);

/* trat.c: one more segment of new data into a direction's bins and throughput. */
void	trat_data(struct tdir *d, const struct tdir *peer, int64_t ts, uint32_t len, double rtt_ms,
	    uint64_t outstanding);
void	trat_rexmit(struct tdir *d);
/* The T-RAT class of a bulk direction, NULL when it is not bulk. */
const char *trat_class(const struct tdir *d, bool window_known, double *rate_bps);

#endif
