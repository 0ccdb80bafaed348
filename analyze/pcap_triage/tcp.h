/*
 * What tcp.c keeps of each TCP connection once it is over, for the
 * renderers: where the capture was taken, how the handshake went, where
 * the time went, and what limited a bulk transfer's rate.  Bounded:
 * past TRI_MAX_CONNS_KEPT connections are counted, not kept (those with
 * a fault replace those without).
 */
#ifndef FL_TRIAGE_TCP_H
#define FL_TRIAGE_TCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"
#include "analyze/pcap_triage/readers.h"

#define TRI_MAX_CONNS_KEPT	1024
#define TRI_TP_POINTS		32

struct tri_conn_sum {
	struct fl_addr	 cli, srv;
	uint16_t	 cport, sport;
	uint32_t	 first_frame, last_frame;
	int64_t		 start_ts, end_ts;
	const char	*point;		/* "client", "server", "middle", "unknown" */
	const char	*outcome;	/* "established", "refused", "unanswered", "mid-stream", ... */
	/* where the time goes, ms; NAN when not measured */
	double		 rtt_ms;	/* the network round trip, as the capture point sees it */
	double		 connect_ms;	/* first SYN to the handshake's end */
	double		 client_wait_ms;	/* the client's waits before its requests (the longest) */
	double		 server_ms;	/* the server's time (the longest), round trip taken off */
	double		 transfer_ms;	/* answers' first to last byte, summed */
	double		 total_ms;
	uint32_t	 exchanges;
	uint32_t	 syns, synacks, segs_c2s, segs_s2c, data_c2s, data_s2c;
	uint8_t		 ttl_c2s, ttl_s2c;	/* of the first packet each way */
	uint64_t	 bytes_c2s, bytes_s2c;
	uint32_t	 rexmits_c2s, rexmits_s2c;
	uint32_t	 zero_window_ms;
	const char	*rate_class;	/* T-RAT class of the bulk direction, NULL when none */
	const char	*rate_dir;	/* "server-to-client" or "client-to-server" */
	double		 rate_bps;	/* its mean rate */
	double		 tp_bps[TRI_TP_POINTS];	/* its throughput over time */
	int		 ntp;
	double		 tp_step_s;
	bool		 fault;		/* a fault finding came from it */
	const char	*fault_kind;	/* the first such finding's kind */
};

/*
 * Did the connection fail to get through: its handshake did not complete
 * (refused, unanswered, not completed, or synprobe's kind for it)?  Not
 * established, mid-stream (the capture began after the handshake),
 * half-open (a SYN probe the server accepted) or capture-ended (a lone
 * SYN the capture stopped within a retransmission timeout of).
 */
bool	tri_conn_failed(const struct tri_conn_sum *);
/* Of n connections: how many failed, and how many got through with a fault of their own. */
void	tri_conns_tally(const struct tri_conn_sum *, size_t n, size_t *failed, size_t *faulted);

/* The connections kept, in the order they ended. */
const struct tri_conn_sum *tri_tcp_conns(const struct tri_tcp *, size_t *n, uint64_t *total);

/* Where the connections' captures were taken: counts by point. */
struct tri_points {
	uint32_t	client, server, middle, unknown;
};
const struct tri_points *tri_tcp_points(const struct tri_tcp *);

#endif
