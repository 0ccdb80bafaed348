/*
 * Frames to a command's readers (see readers.h).
 */
#include <string.h>

#include "analyze/common/readers.h"
#include "analyze/packet/view6.h"

void
readers_init(struct readers *r)
{
	memset(r, 0, sizeof(*r));
}

void
readers_add(struct readers *r, reader_fn fn, void *ctx)
{
	if (r->n == READERS_MAX)
		return;
	r->v[r->n].fn = fn;
	r->v[r->n++].ctx = ctx;
}

void
readers_packet(const struct readers *r, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].fn(r->v[i].ctx, frame, ts, p))
			return;
}

void
readers_record(const struct readers *r, uint32_t frame, int64_t ts, bool ts_clamped,
    const uint8_t *data, uint32_t caplen, uint32_t len, int linktype)
{
	struct dec_pkt p;

	/* Truncated and invalid frames are counted by the readers, not dropped here. */
	(void)dec_packet(data, caplen, len, linktype, &p);
	p.ts_clamped = ts_clamped;
	/* An IPv6 frame as its own reading (view6.h). */
	if (p.is_ipv6) {
		struct dec_pkt v;

		(void)dec_view6(&p, &v);
		readers_packet(r, frame, ts, &v);
		return;
	}
	readers_packet(r, frame, ts, &p);
}

void
readers_frame(const struct readers *r, uint32_t frame, int64_t ts, const uint8_t *data,
    uint32_t caplen, uint32_t len, int linktype)
{
	readers_record(r, frame, ts, false, data, caplen, len, linktype);
}
