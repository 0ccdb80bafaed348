/*
 * Helpers shared by the unit tests: packets written as hex strings, and
 * saved captures read through the same replay and readers the commands'
 * -r uses.  Tests run from the repository root.
 */
#ifndef FL_TEST_FIXTURES_H
#define FL_TEST_FIXTURES_H

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/common/readers.h"
#include "analyze/flow/correlate.h"
#include "analyze/postprobe/readers.h"
#include "probes/cli/replay.h"
#include "probes/wire/capture.h"

#define SHARED_CAPTURES	"../shared/captures"
#define FIXTURES	"tests/fixtures"

/* Hex digits (whitespace ignored) to bytes; returns the count, or 0 on junk. */
static inline size_t
hex_bytes(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;
	int hi = -1, v;

	for (; *hex != '\0'; hex++) {
		if (isspace((unsigned char)*hex))
			continue;
		if (!isxdigit((unsigned char)*hex) || n >= max)
			return 0;
		v = isdigit((unsigned char)*hex) ? *hex - '0' : (tolower((unsigned char)*hex) - 'a' + 10);
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	return hi < 0 ? n : 0;
}

/*
 * Read a capture into a new correlator, as ptrace-slow -r does (its
 * readers through replay_read()).  sig NULL learns the probes from the
 * file.  Returns NULL on failure with the reason in err.  frames
 * receives the frame count.
 */
static inline struct corr *
load_capture(const char *path, const struct corr_sig *sig, int64_t late_ns,
    uint32_t *frames, char *err, size_t errlen)
{
	struct readers rd;
	struct capture cap;
	struct corr *c;
	FILE *in;

	in = fopen(path, "rb");
	if (in == NULL) {
		snprintf(err, errlen, "cannot open %s", path);
		return NULL;
	}
	c = corr_new(sig, late_ns);
	if (c == NULL) {
		fclose(in);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	readers_init(&rd);
	readers_add(&rd, corr_reader, c);
	if (replay_read(in, &cap, &rd, err, errlen) != 0) {
		corr_free(c);
		capture_close(&cap);
		return NULL;
	}
	corr_finish(c);
	if (frames != NULL)
		*frames = cap.frames;
	capture_close(&cap);
	return c;
}

/* A capture as postprobe -r reads it: its readers, through replay_read(). */
struct http_capture {
	struct http_reader	 hr;
	struct syn_local	 sl;
	struct corr		*c;
	uint32_t		 frames;
};

/* Returns 0, or -1 with the reason in err (hc is then freed). */
static inline int
load_http(const char *path, struct http_capture *hc, char *err, size_t errlen)
{
	struct readers rd;
	struct capture cap;
	FILE *in = fopen(path, "rb");

	memset(hc, 0, sizeof(*hc));
	if (in == NULL) {
		snprintf(err, errlen, "cannot open %s", path);
		return -1;
	}
	hc->hr.ts = tcps_new((size_t)4 << 20);
	hc->hr.wire = http_wire_new();
	hc->c = corr_new(NULL, 30 * 1000000000LL);
	if (hc->hr.ts == NULL || hc->hr.wire == NULL || hc->c == NULL) {
		snprintf(err, errlen, "out of memory");
		fclose(in);
		goto fail;
	}
	http_readers(&rd, &hc->hr, &hc->sl, hc->c);
	if (replay_read(in, &cap, &rd, err, errlen) != 0) {
		capture_close(&cap);
		goto fail;
	}
	hc->frames = cap.frames;
	capture_close(&cap);
	tcps_finish(hc->hr.ts);
	corr_finish(hc->c);
	return 0;
fail:
	tcps_free(hc->hr.ts);
	http_wire_free(hc->hr.wire);
	corr_free(hc->c);
	memset(hc, 0, sizeof(*hc));
	return -1;
}

static inline void
free_http(struct http_capture *hc)
{
	tcps_free(hc->hr.ts);
	http_wire_free(hc->hr.wire);
	corr_free(hc->c);
	memset(hc, 0, sizeof(*hc));
}

#endif
