/*
 * What a command reads from a capture's frames, live or saved: its
 * readers, in order, each given every frame once decoded.  The live
 * probes, the -r paths, the unit tests and the fuzz targets all feed
 * frames through readers_frame(), so each runs the same reading.
 */
#ifndef FL_READERS_H
#define FL_READERS_H

#include <stdbool.h>
#include <stdint.h>

#include "analyze/packet/decode.h"

/*
 * One reader: returns true when the frame is its own alone, and then no
 * later reader sees it (postprobe's in-flow trace copies are part of no
 * stream and no probe series).
 */
typedef bool (*reader_fn)(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *);

#define READERS_MAX	8

struct readers {
	struct {
		reader_fn	 fn;
		void		*ctx;
	} v[READERS_MAX];
	int	n;
};

void	readers_init(struct readers *);
/* Add a reader after those already there (a programming error past READERS_MAX: ignored). */
void	readers_add(struct readers *, reader_fn, void *ctx);
/* Decode one captured frame (caplen of len bytes) and hand it on. */
void	readers_frame(const struct readers *, uint32_t frame, int64_t ts, const uint8_t *data,
	    uint32_t caplen, uint32_t len, int linktype);
/*
 * The same for a capture's record, whose timestamp may have been out of
 * range and clamped when it was read (the readers see p->ts_clamped).
 */
void	readers_record(const struct readers *, uint32_t frame, int64_t ts, bool ts_clamped,
	    const uint8_t *data, uint32_t caplen, uint32_t len, int linktype);
/* Hand on a frame already decoded. */
void	readers_packet(const struct readers *, uint32_t frame, int64_t ts, const struct dec_pkt *);

#endif
