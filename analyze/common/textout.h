/*
 * Pieces of the terminal reports every command prints the same way: the
 * verdict paragraph, the evidence list and the capture's footer.
 */
#ifndef FL_TEXTOUT_H
#define FL_TEXTOUT_H

#include <stddef.h>
#include <stdio.h>

#include "analyze/common/envelope.h"
#include "analyze/common/verdict.h"

/* "NO FAULT", "CLIENT fault", "PATH fault", "SERVER fault", "UNKNOWN" */
const char *to_fault_word(enum fault);

/* "Verdict: PATH fault: kind at hop N (addr)", the summary, the confidence. */
void	to_verdict(FILE *, const struct verdict *);

/*
 * "Evidence (frame numbers in the capture):", one line a frame, frame
 * numbers width wide (the server's capture's as "server N"); at most
 * max lines (0: all), the rest pointed to --json.
 */
void	to_evidence(FILE *, const struct evidence_list *, int width, size_t max);

/* "Capture: N frames, written FILE (sha256 ...), ..." and a cut file's warning. */
void	to_capture(FILE *, const struct fl_envelope *);

#endif
