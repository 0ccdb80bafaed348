/*
 * The path MTU probes (see mtuprobe.h).  Sizes are IP total lengths:
 * Ethernet's 1500, then the steps where tunnels and small links cut
 * (1400, 1280, 1000), then 576, which every IPv4 path must carry.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "probes/postprobe/mtuprobe.h"

static const uint16_t sizes[] = { 1500, 1400, 1280, 1000, 576 };

static int
send_sized(struct craft *cr, uint16_t *idx, uint16_t size, int ttl, char *err, size_t errlen)
{
	struct corr_key k;

	if (craft_size(cr, size, true) != 0) {
		snprintf(err, errlen, "probe size %u out of range", size);
		return -1;
	}
	if (craft_build(cr, (*idx)++, (uint8_t)ttl, &k, err, errlen) != 0)
		return -1;
	/* A send refused for its size (EMSGSIZE) is itself an answer: skip it. */
	if (craft_send(cr, err, errlen) != 0 && errno != EMSGSIZE)
		return -1;
	return 0;
}

int
mtu_run(struct craft *cr, struct capture *cap, int max_ttl, double wait_s, uint16_t first_idx,
    capture_cb feed, void *feed_ctx, char *err, size_t errlen)
{
	uint16_t idx = first_idx;
	size_t i;
	int ttl, round;

	craft_retarget(cr, 1, cr->f.sport, 0);
	for (round = 0; round < 2; round++)
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
			if (send_sized(cr, &idx, sizes[i], 64, err, errlen) != 0)
				return -1;
	for (ttl = 1; ttl <= max_ttl; ttl++)
		if (send_sized(cr, &idx, 1500, ttl, err, errlen) != 0 ||
		    send_sized(cr, &idx, 576, ttl, err, errlen) != 0)
			return -1;
	(void)craft_size(cr, 0, false);
	return capture_pump(cap, wait_s, feed, feed_ctx, err, errlen);
}
