/*
 * Renderers: results in, text or JSON out, to a stream the caller
 * passes.  The JSON envelope is shared by every command so that
 * probe-report can read any of them.
 */
#ifndef FL_RENDER_H
#define FL_RENDER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "analyze/packet/addr.h"
#include "analyze/flow/correlate.h"
#include "analyze/ptrace_slow/infer.h"
#include "analyze/postprobe/infer.h"
#include "analyze/synprobe/infer.h"

struct fl_envelope {
	const char	*tool;
	int64_t		 started_at;	/* ns since the epoch */
	struct fl_addr	 src;
	const char	*iface;		/* NULL when unknown */
	struct fl_addr	 gateway;	/* the route's gateway; unset when unknown or on-link */
	json_t		*options;	/* borrowed */
	const char	*capture_file;	/* NULL when none written or read */
	const char	*capture_mode;	/* "written" or "read" */
	const char	*capture_sha256;
	bool		 file_cut;	/* the file read ended inside a record */
	const char	*file_err;
	bool		 have_drops;
	unsigned int	 pcap_recv, pcap_drop, pcap_ifdrop;
	uint32_t	 frames;
	uint32_t	 sent, sent_unseen;	/* probes sent; of which never captured */
	const struct corr_counters *cnt;
	double		 duration_s;	/* wall time of a live run */
};

/* "2026-11-22T16:40:01.123Z" */
void	render_time_iso(int64_t ns, char *buf, size_t len);

/* The envelope object; the command adds its own keys.  NULL on ENOMEM. */
json_t	*render_json_envelope(const struct fl_envelope *);

/* Add ptrace-slow's keys: target, method, hops, verdict, findings, evidence. */
int	render_json_path(json_t *root, const struct path_result *, const char *host,
	    const char *method);

/* Write and terminate with a newline; -1 on a write error. */
int	render_json_write(json_t *root, FILE *out);

/* ptrace-slow's terminal report. */
int	render_text_path(FILE *out, const struct path_result *, const struct fl_envelope *,
	    const char *host, const char *method);

/* synprobe's keys: target, verdict, probes, findings, evidence. */
int	render_json_syn(json_t *root, const struct syn_result *, const struct syn_local *,
	    const char *host);

/* synprobe's terminal report. */
int	render_text_syn(FILE *out, const struct syn_result *, const struct syn_local *,
	    const struct fl_envelope *, const char *host);


/* postprobe's keys: target, request, http, timing_ms, transcript, verdict, evidence. */
int	render_json_http(json_t *root, const struct http_result *, const struct http_local *,
	    const char *url, const struct syn_plan *);

/* postprobe's terminal report. */
int	render_text_http(FILE *out, const struct http_result *, const struct http_local *,
	    const struct fl_envelope *, const char *url, const struct syn_plan *);

#endif
