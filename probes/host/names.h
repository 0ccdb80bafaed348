/*
 * Reverse DNS for hop addresses, bounded in time: a trace must not wait
 * on a resolver that does not answer.
 */
#ifndef FL_NAMES_H
#define FL_NAMES_H

#include "analyze/packet/addr.h"

#define NAMES_LEN	256

/*
 * Look up n addresses in parallel; names[i] gets the name or "" when
 * there is none or it did not come back within timeout_ms.
 */
void	names_lookup(const struct fl_addr *addrs, char (*names)[NAMES_LEN], int n,
	    int timeout_ms);

#endif
