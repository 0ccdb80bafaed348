/*
 * The JSON envelope every command writes, so that probe-report can read
 * any of them: tool, version, start time, source, options, the capture
 * (file, hash, mode, kernel and decoder counters).  Each command adds its
 * own keys (its render.h) to the object render_json_envelope() returns.
 */
#ifndef FL_ENVELOPE_H
#define FL_ENVELOPE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "analyze/flow/correlate.h"
#include "analyze/packet/addr.h"

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

/* Write and terminate with a newline; -1 on a write error. */
int	render_json_write(json_t *root, FILE *out);

#endif
