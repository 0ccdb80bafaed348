/*
 * Inside synprobe's reading: what the rules (infer.c) take from the wire
 * notes (wire.c) for a saved capture.  Not for use outside
 * analyze/synprobe; infer.h has the public side.
 */
#ifndef FL_SYNPROBE_WIRE_H
#define FL_SYNPROBE_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/synprobe/infer.h"

/*
 * A server's first line (its greeting: FTP's 220, SMTP's, SSH's version
 * string) as it may be shown, into out: printable ASCII up to the line's
 * end, anything else as '?'; but when the bytes are not text (a NUL, or
 * a quarter or more of the first 64 bytes outside printable ASCII and
 * tab: TLS, a binary protocol, a wrong port), "binary data, N bytes
 * received: 16 03 03 00 ...", never a row of question marks passed off
 * as a greeting.
 */
void	syn_greeting(char *out, size_t len, const uint8_t *data, size_t n);

/*
 * For a saved capture: what the client's own TCP did, read from the
 * flows l noted (the connection to pl's port that got furthest), into w
 * in the place of what a live run learns from its connect().
 */
void	syn_wire_connection(const struct syn_plan *pl, const struct syn_local *l,
	    struct syn_local *w);

#endif
