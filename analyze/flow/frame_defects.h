/*
 * The capture's own defects that show frame by frame, for every reader
 * of a capture (the correlator of the probe commands, pcap-triage's
 * capture reader): frames seen twice, and timestamps that cannot be
 * trusted.  Each is a property of the capture, never a network fault.
 *
 * Copies: an exact copy (a mirror port copying both directions, a
 * capture on "any" seeing a packet on two interfaces), or the same IP
 * packet seen again one router later (TTL one lower, other MACs: a
 * capture taken on both sides of a router).  Timestamps: a frame stamped
 * the same as the frame before it (the clock does not advance), one
 * stamped more than FDEF_BACK_NS before a frame captured earlier (the
 * clock went back; smaller steps are the ordinary interleaving of a
 * capture on several interfaces or CPUs), and one whose stamp is out of
 * range (a nanosecond field of 1e9 or more, clamped when it was read, or
 * a time outside 1970 to 2255).
 */
#ifndef FL_FRAME_DEFECTS_H
#define FL_FRAME_DEFECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/decode.h"

#define FDEF_BACK_NS	1000000LL	/* 1 ms, the correlator's tolerance for reordering */
#define FDEF_TS_MAX	(9000000000LL * 1000000000LL)	/* ns: the year 2255 */

struct fdef_stats {
	uint64_t	frames, ipv4;
	/* copies */
	uint64_t	exact_dups, router_dups;
	uint32_t	exact_frame, exact_orig, router_frame, router_orig;
	uint8_t		router_mac_in[6], router_mac_out[6];	/* the two MACs of the router's copies */
	bool		router_macs;
	/* timestamps */
	uint64_t	ts_still;	/* stamped the same as the frame before */
	uint64_t	ts_back;	/* over FDEF_BACK_NS before a frame captured earlier */
	uint64_t	ts_range;	/* out of range */
	uint32_t	ts_still_frame, ts_back_frame, ts_range_frame;	/* the first of each */
	int64_t		ts_back_ns;	/* the largest step back */
	/*
	 * A timestamp defect of the capture: a stamp out of range, one gone
	 * back, or a clock that does not advance (half the frames or more
	 * stamped as the frame before; a few are ordinary at microseconds).
	 */
	bool		ts_defective;
};

/* What fdef_frame() found in one frame: a set of these bits. */
#define FDEF_EXACT_COPY		0x01
#define FDEF_ROUTER_COPY	0x02
#define FDEF_COPY		(FDEF_EXACT_COPY | FDEF_ROUTER_COPY)
#define FDEF_TS_STILL		0x04
#define FDEF_TS_BACK		0x08
#define FDEF_TS_RANGE		0x10
/*
 * A stamp that says nothing of when the frame was seen.  Not one gone
 * back: a file whose frames are out of time order (a capture on several
 * interfaces, a tool that writes each reply after its probe) keeps every
 * stamp right, and only a clock that stepped back makes them wrong.
 */
#define FDEF_TS_BAD		FDEF_TS_RANGE

struct fdef;

/* NULL when out of memory. */
struct fdef *fdef_new(void);
void	fdef_free(struct fdef *);

/*
 * Judge one frame, in capture order (the copies only of IPv4 frames
 * decoded whole; the stamps of frames that are not copies).  Returns
 * FDEF_* bits; a copy changes no state a later frame is judged by,
 * except that a router's copy is the one kept.
 */
unsigned int fdef_frame(struct fdef *, uint32_t frame, int64_t ts, const struct dec_pkt *);

const struct fdef_stats *fdef_stats(const struct fdef *);

/*
 * The timestamp defects as one clause ("every frame after the first is
 * stamped the same as the frame before it; 3 frames have a timestamp out
 * of range (from frame 7)"), for a verdict's reason and the capture's
 * footer; "" when there are none.
 */
void	fdef_ts_text(const struct fdef_stats *, char *buf, size_t len);

#endif
