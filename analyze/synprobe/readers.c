/*
 * synprobe's readers (see readers.h).
 */
#include "analyze/synprobe/readers.h"

bool
syn_reader(void *l, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	syn_note_frame(l, frame, ts, p);
	return false;
}

void
syn_readers(struct readers *r, struct syn_local *l, struct corr *c)
{
	readers_init(r);
	syn_readers_add(r, l, c);
}

void
syn_readers_add(struct readers *r, struct syn_local *l, struct corr *c)
{
	if (l != NULL)
		readers_add(r, syn_reader, l);
	readers_add(r, corr_reader, c);
}
