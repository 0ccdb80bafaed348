/*
 * synprobe's renderers: its keys in the JSON envelope (render_json.c),
 * and the terminal report (render_text.c: the verdict in a sentence,
 * what was tried, the frames that prove it).
 */
#ifndef FL_SYNPROBE_RENDER_H
#define FL_SYNPROBE_RENDER_H

#include <stdio.h>

#include <jansson.h>

#include "analyze/common/envelope.h"
#include "analyze/synprobe/infer.h"

/* synprobe's keys: target, verdict, probes, findings, evidence. */
int	render_json_syn(json_t *root, const struct syn_result *, const struct syn_local *,
	    const char *host);

/* synprobe's terminal report. */
int	render_text_syn(FILE *out, const struct syn_result *, const struct syn_local *,
	    const struct fl_envelope *, const char *host);

/*
 * How a probe was answered, as both renderers name it: "syn-ack",
 * "time-exceeded", "port-unreachable"...; NULL when it was not.
 */
const char *syn_answer_name(enum reply_kind, uint8_t icmp_code);

#endif
