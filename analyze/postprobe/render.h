/*
 * postprobe's renderers: its keys in the JSON envelope (render_json.c),
 * and the terminal report (render_text.c: the verdict, the status, the
 * timing breakdown, the transcript as Wireshark's Follow TCP Stream shows
 * it, the frames that prove it).
 */
#ifndef FL_POSTPROBE_RENDER_H
#define FL_POSTPROBE_RENDER_H

#include <stdio.h>

#include <jansson.h>

#include "analyze/common/envelope.h"
#include "analyze/postprobe/infer.h"

/* postprobe's keys: target, request, http, timing_ms, transcript, verdict, evidence. */
int	render_json_http(json_t *root, const struct http_result *, const struct http_local *,
	    const char *url, const struct syn_plan *);

/* postprobe's terminal report. */
int	render_text_http(FILE *out, const struct http_result *, const struct http_local *,
	    const struct fl_envelope *, const char *url, const struct syn_plan *);

#endif
