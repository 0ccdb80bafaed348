/*
 * The capture's own defects, as a reader of its frames: frames seen
 * twice and timestamps that cannot be trusted (analyze/flow/frame_defects.h,
 * shared with the probe commands' correlator), a capture that sees only one direction of a connection (the peer
 * acknowledges data the capture never shows), bytes acknowledged that
 * the capture never saw (it dropped them), and checksum errors that are
 * only checksum offload (the capturing host's own packets, checksummed
 * by its NIC after the capture took them).  Each is a property of the
 * capture, never a network fault.
 *
 * Self-contained (only analyze/packet and the bounded flow table), so a
 * probe command can add it to its readers: readers_add(&r,
 * cdef_reader, cdef) before its own, and duplicate copies are kept from
 * the readers after it.
 */
#ifndef FL_TRIAGE_CAPTURE_H
#define FL_TRIAGE_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/flow/frame_defects.h"
#include "analyze/packet/addr.h"
#include "analyze/packet/decode.h"

struct cdef_stats {
	uint64_t	frames, ipv4;
	const struct fdef_stats *fd;	/* copies and timestamps */
	/* one direction only */
	uint64_t	tcp_flows, oneway_flows;
	uint32_t	oneway_frame;
	struct fl_addr	oneway_src;
	/* acknowledged but not captured; and the TCP payload that was */
	uint64_t	unseen_bytes, unseen_events, tcp_bytes;
	uint32_t	unseen_frame;
	/* checksums, sampled */
	uint64_t	cksum_checked, cksum_bad_own, cksum_bad_other, cksum_bad_super;
	uint64_t	cksum_checked_other;	/* of the checked, received from other machines */
	/* received, the TCP or UDP checksum wrong and the IPv4 header's right: offload */
	uint64_t	cksum_bad_vlink;
	uint32_t	cksum_own_frame, cksum_other_frame;
	struct fl_addr	cksum_own_src;
	/* the flow table */
	uint64_t	flows_evicted;
	size_t		flows_peak;
};

struct cdef;

/* max_flows: TCP flows followed at once (0: 32768).  NULL when out of memory. */
struct cdef *cdef_new(size_t max_flows);
/* The reader: true for a copy of a frame already seen (later readers do not see it). */
bool	cdef_reader(void *cdef, uint32_t frame, int64_t ts, const struct dec_pkt *);
/* The end of the capture: every flow still open is judged. */
void	cdef_finish(struct cdef *);
const struct cdef_stats *cdef_stats(const struct cdef *);
void	cdef_free(struct cdef *);

#endif
