/*
 * Sending postprobe's in-flow trace, when a reset cut the exchange; its
 * answers are read by analyze/postprobe/flowtrace.c.
 */
#ifndef FL_FLOWTRACE_SEND_H
#define FL_FLOWTRACE_SEND_H

#include <stddef.h>
#include <stdint.h>

#include "probes/wire/capture.h"
#include "probes/wire/craft.h"

/*
 * The in-flow trace (the 0trace idea): copies of a connection's first
 * data (payload, at most CRAFT_SEGMENT_MAX bytes, starting at sequence
 * number seq) on the connection's own 4-tuple (the craft's flow), with
 * TTL 1 to max_ttl.  Copy k carries IP ID ipid_base + k and
 * acknowledgement number ack_base + k, so that a time-exceeded (which
 * quotes the IP header) and a reset (whose sequence number is the
 * acknowledgement it answers) name the copy they answer.  A device that
 * acts on the connection's data, not on its SYN, answers the first copy
 * that reaches it.  Then wait wait_s for answers.  0, or -1 with err.
 */
int	flow_trace_run(struct craft *, struct capture *, const uint8_t *payload, size_t len,
	    uint32_t seq, uint32_t ack_base, uint16_t ipid_base, int max_ttl, double wait_s,
	    capture_cb feed, void *feed_ctx, char *err, size_t errlen);

#endif
