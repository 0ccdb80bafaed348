/*
 * synprobe's readers of a capture's frames: its notes (ARP for the next
 * hop, TCP connections, SYNs quoted by ICMP errors), then the correlator.
 * A live run, -r and --server-capture, the tests and the fuzz targets
 * all read frames through these.
 */
#ifndef FL_SYN_READERS_H
#define FL_SYN_READERS_H

#include "analyze/common/readers.h"
#include "analyze/flow/correlate.h"
#include "analyze/synprobe/infer.h"

/* syn_note_frame() as a reader: ctx is the struct syn_local. */
bool	syn_reader(void *syn_local, uint32_t frame, int64_t ts, const struct dec_pkt *);

/* r: the notes into l (NULL: none, as for the server's capture), then c. */
void	syn_readers(struct readers *r, struct syn_local *l, struct corr *c);
/* The same readers after those already in r. */
void	syn_readers_add(struct readers *r, struct syn_local *l, struct corr *c);

#endif
