/*
 * postprobe's readers of a capture's frames: the HTTP reading (TCP
 * reassembly and the wire notes: acknowledgements, resets, ICMP, the
 * in-flow trace, whose frames go no further), synprobe's notes (for the
 * locating probes), then the correlator.  A live run, -r, the tests and
 * the fuzz targets all read frames through these.
 */
#ifndef FL_HTTP_READERS_H
#define FL_HTTP_READERS_H

#include "analyze/common/readers.h"
#include "analyze/flow/correlate.h"
#include "analyze/flow/tcpstream.h"
#include "analyze/postprobe/infer.h"
#include "analyze/synprobe/infer.h"

/* What the HTTP reader feeds; the caller owns both. */
struct http_reader {
	struct tcp_streams	*ts;
	struct http_wire	*wire;
};

/* http_feed() as a reader: ctx is a struct http_reader. */
bool	http_reader(void *http_reader, uint32_t frame, int64_t ts, const struct dec_pkt *);

/* r: hr's streams and wire notes, then synprobe's notes into sl, then c. */
void	http_readers(struct readers *r, struct http_reader *hr, struct syn_local *sl,
	    struct corr *c);

#endif
