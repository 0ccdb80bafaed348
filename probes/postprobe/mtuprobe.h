/*
 * Path MTU probing: echo requests with DF set, at full TTL in falling
 * sizes (which size still gets through, and does anyone say
 * "fragmentation needed"?), and TTL-limited at a large and a small size
 * (after which hop do large packets stop?).  Replies go through the
 * capture to the readers; analyze/postprobe/infer.c reads them.
 */
#ifndef FL_MTUPROBE_H
#define FL_MTUPROBE_H

#include "analyze/flow/correlate.h"
#include "probes/wire/capture.h"
#include "probes/wire/craft.h"

/*
 * Send and wait (about wait_s after the last send).  first_idx keeps the
 * probes' identifiers apart from other probes of the same flow.  feed
 * receives every captured frame.  Returns 0, or -1 with err filled.
 */
int	mtu_run(struct craft *, struct capture *, int max_ttl, double wait_s, uint16_t first_idx,
	    capture_cb feed, void *feed_ctx, char *err, size_t errlen);

#endif
