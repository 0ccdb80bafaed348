/*
 * postprobe's readers (see readers.h).
 */
#include "analyze/postprobe/readers.h"
#include "analyze/synprobe/readers.h"

bool
http_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct http_reader *hr = ctx;

	return http_feed(hr->ts, hr->wire, frame, ts, p);
}

void
http_readers(struct readers *r, struct http_reader *hr, struct syn_local *sl, struct corr *c)
{
	readers_init(r);
	readers_add(r, http_reader, hr);
	readers_add(r, syn_reader, sl);
	readers_add(r, corr_reader, c);
}
