/*
 * The in-flow trace's copies of the request, on the wire (see flowtrace.h).
 */
#include <stdio.h>

#include "probes/postprobe/flowtrace.h"

int
flow_trace_run(struct craft *cr, struct capture *cap, const uint8_t *payload, size_t len,
    uint32_t seq, uint32_t ack_base, uint16_t ipid_base, int max_ttl, double wait_s,
    capture_cb feed, void *feed_ctx, char *err, size_t errlen)
{
	uint16_t n = (uint16_t)(len > CRAFT_SEGMENT_MAX ? CRAFT_SEGMENT_MAX : len);
	int ttl;

	if (n == 0 || max_ttl < 1 || max_ttl > 32) {
		snprintf(err, errlen, "in-flow trace: nothing to send");
		return -1;
	}
	for (ttl = 1; ttl <= max_ttl; ttl++)
		if (craft_segment(cr, seq, ack_base + (uint32_t)ttl, payload, n,
		    (uint16_t)(ipid_base + ttl), (uint8_t)ttl, err, errlen) != 0)
			return -1;
	return capture_pump(cap, wait_s, feed, feed_ctx, err, errlen);
}
