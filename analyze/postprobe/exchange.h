/*
 * Inside postprobe's reading: the exchange as exchange.c reads it and
 * the rules (infer.c) weigh it, with the working state they share.  Not
 * for use outside analyze/postprobe.
 */
#ifndef FL_POSTPROBE_EXCHANGE_H
#define FL_POSTPROBE_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "analyze/flow/http.h"
#include "analyze/flow/tcpstream.h"
#include "analyze/postprobe/infer.h"
#include "analyze/postprobe/wire.h"

/* One exchange being read: the inputs, then what the stages found. */
struct exchange {
	const struct http_wire	*w;
	const struct syn_result	*syn;		/* the locating probes, NULL when none were sent */
	const struct http_local	*l;
	const struct syn_plan	*pl;
	struct http_result	*r;
	/* The connection, and the wire notes on what its server sent. */
	const struct tcp_conn	*c;
	const struct wdir	*from_srv;
	bool			 https;		/* its messages are libcurl's to tell */
	/* The messages, and where each ends in its stream (0: unknown). */
	struct http_msg		 req, resp;
	bool			 have_resp;
	size_t			 req_end, resp_end;
	int			 hop;		/* of a device answering for the server, 0 none */
};

/*
 * The connection to read: live, the run's own (by its local port);
 * saved, the first HTTP exchange with the plan's server and port, or an
 * answered POST after it when the first is not a POST; failing those, an
 * HTTPS connection.  Counts the exchanges into r->nexchanges and notes
 * the chosen one's method.
 */
const struct tcp_conn *exchange_pick(const struct tcp_streams *, const struct http_local *,
	    const struct syn_plan *, struct http_result *);

/* x->c's addresses, TTLs, IP IDs, in-flow trace and round trip into x->r. */
void	exchange_connection(struct exchange *x);
/* The request and its answer, and the transcripts. */
void	exchange_messages(struct exchange *x);
/* The phases' times, and whether the request was acknowledged. */
void	exchange_timings(struct exchange *x);
/* libcurl's own phase timings, when the packets cannot give them. */
void	exchange_curl_timings(struct http_result *, const struct http_local *);

#endif
