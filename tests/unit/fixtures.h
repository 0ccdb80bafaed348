/*
 * Helpers shared by the unit tests: packets written as hex strings, and
 * saved captures fed through the same capture and correlator code the
 * commands use.  Tests run from the repository root.
 */
#ifndef FL_TEST_FIXTURES_H
#define FL_TEST_FIXTURES_H

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/wire/capture.h"
#include "analyze/flow/correlate.h"
#include "probes/ptrace_slow/trace.h"

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
 * Read a capture through capture_offline() into a new correlator.
 * sig NULL learns the probes from the file.  Returns NULL on failure
 * with the reason in err.  frames receives the frame count.
 */
static inline struct corr *
load_capture(const char *path, const struct corr_sig *sig, int64_t late_ns,
    uint32_t *frames, char *err, size_t errlen)
{
	struct capture cap;
	struct corr *c;
	FILE *in;

	in = fopen(path, "rb");
	if (in == NULL) {
		snprintf(err, errlen, "cannot open %s", path);
		return NULL;
	}
	capture_init(&cap);
	if (capture_offline(&cap, in, err, errlen) != 0) {
		capture_close(&cap);
		return NULL;
	}
	c = corr_new(sig, late_ns);
	if (c == NULL || capture_read_all(&cap, trace_feed_frame, c, err, errlen) != 0) {
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

#endif
