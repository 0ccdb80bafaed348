/*
 * ptrace-slow's renderers: its keys in the JSON envelope, and the
 * terminal report (mtr's table, the verdict, the notes, the evidence).
 */
#ifndef FL_PTRACE_RENDER_H
#define FL_PTRACE_RENDER_H

#include <stdio.h>

#include <jansson.h>

#include "analyze/common/envelope.h"
#include "analyze/ptrace_slow/infer.h"

/* Add ptrace-slow's keys: target, method, hops, verdict, findings, evidence. */
int	render_json_path(json_t *root, const struct path_result *, const char *host,
	    const char *method);

/* ptrace-slow's terminal report. */
int	render_text_path(FILE *out, const struct path_result *, const struct fl_envelope *,
	    const char *host, const char *method);

#endif
