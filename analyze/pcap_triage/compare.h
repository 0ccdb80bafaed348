/*
 * Two capture points of one problem (the client's and the server's, or
 * both ends of a link), read side by side and never merged: each point
 * is its own triage; this compares the connections both saw, as
 * synprobe --server-capture does for SYNs: did what one side sent reach
 * the other point, did anything come back?  Connections are matched by
 * their addresses and ports; failing that (two attempts of the same
 * problem, as in the book's FTP captures), by client, server and port,
 * with a caveat that they are not the same attempt.
 */
#ifndef FL_TRIAGE_COMPARE_H
#define FL_TRIAGE_COMPARE_H

#include <stdbool.h>
#include <stdint.h>

#include "analyze/common/verdict.h"
#include "analyze/pcap_triage/finding.h"
#include "analyze/pcap_triage/triage.h"

struct tri_compare {
	struct tri_findings f;		/* the comparison's own findings (point 2) */
	uint32_t	 shared, matched_loosely;
	bool		 same_attempt;	/* at least one connection is the same in both */
	double		 clock_offset_s;	/* B's clock minus A's, from shared connections; NAN */
	char		 caveat[300];
};

/* Compare a (point A) with b (point B), both finished.  -1 when out of memory. */
int	tri_compare(const struct triage *a, const struct triage *b, struct tri_compare *out);
void	tri_compare_free(struct tri_compare *);

#endif
