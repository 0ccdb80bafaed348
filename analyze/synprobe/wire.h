/*
 * Inside synprobe's reading: what the rules (infer.c) take from the wire
 * notes (wire.c) for a saved capture.  Not for use outside
 * analyze/synprobe; infer.h has the public side.
 */
#ifndef FL_SYNPROBE_WIRE_H
#define FL_SYNPROBE_WIRE_H

#include "analyze/synprobe/infer.h"

/*
 * For a saved capture: what the client's own TCP did, read from the
 * flows l noted (the connection to pl's port that got furthest), into w
 * in the place of what a live run learns from its connect().
 */
void	syn_wire_connection(const struct syn_plan *pl, const struct syn_local *l,
	    struct syn_local *w);

#endif
