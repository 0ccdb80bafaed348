/*
 * postprobe's inference: who answered the HTTP request, and was it
 * delivered intact?  From the capture: the connection's two streams
 * (tcpstream.c) and the HTTP messages in them (http.c), the TTLs and
 * acknowledgements of the packets, any reset or ICMP error; from the
 * locating probes (read with synprobe's rules): how far the server is
 * and whether something nearer answers for it; from libcurl: the
 * exchange itself when it is encrypted, and its own timings.
 */
#ifndef FL_INFER_HTTP_H
#define FL_INFER_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"
#include "analyze/flow/correlate.h"
#include "analyze/packet/decode.h"
#include "analyze/flow/http.h"
#include "analyze/synprobe/infer.h"
#include "analyze/flow/tcpstream.h"

/*
 * What the frames say outside the streams: acknowledgements, resets,
 * ICMP, and the in-flow trace.  http_note_frame() returns true for a
 * frame of the in-flow trace (a copy of the request sent with a short TTL
 * on the connection's own flow, or the answer to one): the caller keeps
 * it from the reassembler, whose stream it is not part of.
 */
struct http_wire;

struct http_wire *http_wire_new(void);
void	http_wire_free(struct http_wire *);
bool	http_note_frame(struct http_wire *, uint32_t frame, int64_t ts, const struct dec_pkt *);
/*
 * A frame for postprobe's reading: the wire notes, then the reassembler
 * unless the frame is the in-flow trace's.  Returns true when it was (the
 * caller then gives it to no other reader either).
 */
bool	http_feed(struct tcp_streams *, struct http_wire *, uint32_t frame, int64_t ts,
	    const struct dec_pkt *);

/* What a live run saw through libcurl (live == false for a saved capture). */
struct http_local {
	bool		live;
	int		curl_code;
	char		curl_error[256];
	bool		tls;
	long		verify_result;
	long		status;
	double		c_dns, c_connect, c_tls, c_pretransfer, c_start, c_total;	/* ms from the start */
	const char	*out, *in;	/* libcurl's transcript */
	size_t		outlen, inlen;
	struct fl_addr	local, remote;
	uint16_t	lport, rport;
	char		method[16];
	size_t		body_len;
	double		max_time;	/* s */
	bool		dns_failed;	/* resolution failed: syn carries the verdict */
	bool		connect_failed;	/* no connection: syn carries the verdict */
	bool		tls_failed;
	/*
	 * The TLS failure is this host's own: its CA certificates or its
	 * client certificate could not be loaded (libcurl says which by its
	 * code), before the server had any say.
	 */
	bool		tls_local;
	bool		timed_out;
};

/* The path MTU probes' reading: echo requests with DF, of several sizes. */
struct http_mtu {
	bool		probed;
	uint16_t	largest_ok;	/* largest size answered */
	uint16_t	smallest_lost;	/* smallest size never answered, 0 none */
	bool		frag_needed;	/* an ICMP fragmentation-needed came back */
	uint16_t	frag_mtu;
	struct fl_addr	frag_from;
	int		last_hop_large;	/* last TTL a large probe drew time-exceeded at */
	int		last_hop_small;
};


/* What the in-flow trace (0trace) of the connection showed. */
struct http_ztrace {
	int		sent;		/* copies of the request seen going out */
	int		max_ttl;
	int		expired;	/* highest TTL whose copy expired on the way, 0 none */
	struct fl_addr	expired_from;
	uint32_t	expired_frame;
	int		answered;	/* lowest TTL whose copy drew a reset or unreachable, 0 none */
	bool		answered_rst;
	uint8_t		answer_ttl;	/* of that answer, as it arrived */
	struct fl_addr	answer_from;
	uint32_t	answer_frame, probe_frame;
};

struct http_result {
	struct verdict	v;
	/* the exchange */
	bool		found;
	int		nexchanges;	/* HTTP exchanges in the capture */
	struct fl_addr	cli, srv;
	uint16_t	cport, sport;
	char		method[16], target[256];
	char		host[256];	/* the request's Host header */
	int		status;		/* 0: none */
	char		reason[96], version[12];
	struct http_header headers[HTTP_MAX_HEADERS];
	int		nheaders;
	size_t		request_len, response_len;
	/* timings, ms, < 0 when unknown; from packets where they can be */
	double		t_dns, t_connect, t_tls, t_request, t_wait, t_transfer, t_total;
	double		rtt_ms;
	bool		timing_from_capture;
	char		*req_text, *resp_text;	/* transcripts */
	bool		transcript_capture;	/* from the packets (else libcurl) */
	uint8_t		synack_ttl, resp_ttl, rst_ttl;
	/*
	 * IP IDs of the answer's first data packet and of the reset, the
	 * server's packet before each, and whether each follows the server's
	 * counter (1), breaks a sequence it kept (-1), or cannot say (0).
	 */
	uint16_t	resp_ipid, resp_id_prev, rst_ipid, rst_id_prev;
	int		resp_id_fit, rst_id_fit;
	bool		reset;
	uint32_t	retransmits;
	bool		request_acked;
	struct http_mtu	mtu;
	struct http_ztrace zt;
	struct evidence_list ev;
	/*
	 * Where the exchange's time went as pcap-triage splits it (its
	 * connection's reading, http_adopt_split()), ms; NAN when not read.
	 */
	bool		has_split;
	double		split_rtt, split_client, split_server, split_transfer;
	const char	*split_fault;	/* the connection's fault kind there, NULL: none */
};

struct triage;
/*
 * The exchange's own connection as pcap-triage's readers read it: its
 * three-way split (the network's round trip, the client's wait before
 * its request, the server's time with the round trip taken off) kept in
 * r; and when postprobe's rules said "ok" or "slow-server" while that
 * split puts the time on the wire or in the client (slow-path,
 * slow-client) or in the server, the split decides, with its figures:
 * a handshake of 878 ms is not "the network delivers both ways", nor is
 * a client that waits 1.3 s before asking.  Nothing changes when the
 * triage did not read the connection.
 */
void	http_adopt_split(struct http_result *r, const struct triage *t);

/*
 * Read the exchange with plan->dst:plan->port (and, live, l->lport),
 * with syn the locating probes' reading (NULL when none were sent).
 * Returns 0, or -1 with err filled (out of memory).
 */
int	infer_http(const struct tcp_streams *, const struct http_wire *, const struct corr *,
	    const struct syn_result *syn, const struct http_local *, const struct syn_plan *,
	    struct http_result *, char *err, size_t errlen);
void	http_result_free(struct http_result *);

#endif
