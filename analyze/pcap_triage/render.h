/*
 * pcap-triage's renderers: the terminal report and the JSON keys it adds
 * to the envelope.  They read what triage_finish() left; nothing here
 * judges.
 */
#ifndef FL_TRIAGE_RENDER_H
#define FL_TRIAGE_RENDER_H

#include <stdio.h>

#include <jansson.h>

#include "analyze/common/envelope.h"
#include "analyze/pcap_triage/compare.h"
#include "analyze/pcap_triage/triage.h"

/* One capture point's files, for the report (frames numbered on across them). */
struct tri_file {
	const char	*path;
	char		 sha256[65];
	uint32_t	 first_frame, frames;
	bool		 cut;
	char		 cut_why[256];	/* libpcap's word for it when cut */
};

struct tri_point {
	const char		*label;		/* "A", "B"; NULL when there is one point */
	const struct triage	*t;
	const struct tri_file	*files;
	int			 nfiles;
};

/*
 * Everything after the envelope: the verdict, findings, connections, DNS,
 * the capture's defects and limits, per point; with two points, their
 * comparison (cmp, NULL with one).  Returns -1 when out of memory.
 */
int	render_json_triage(json_t *root, const struct tri_point *pts, int npts,
	    const struct tri_compare *cmp);

/* The host reader's result (render_host.c): the "host" member of each point. */
json_t	*render_json_host(const struct triage *);

/*
 * Every TCP connection a triage read, for another command's report
 * (synprobe -r, postprobe): {"total", "kept", "failed", "connections":
 * [...]}, each connection as pcap-triage's JSON gives it; and as text,
 * the failed ones named, then where each one's time went.  A failed
 * connection: no handshake, or a fault of its own.  Counts are stated
 * when more connections ended than were kept.
 */
json_t	*render_json_conns(const struct triage *);
int	render_text_conns(FILE *out, const struct triage *);

/* The terminal report; -1 on a write error. */
int	render_text_triage(FILE *out, const struct tri_point *pts, int npts,
	    const struct tri_compare *cmp, const struct fl_envelope *env);

#endif
