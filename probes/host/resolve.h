/*
 * Names to addresses, and which local address and interface reach them.
 */
#ifndef FL_RESOLVE_H
#define FL_RESOLVE_H

#include <stddef.h>

#include "analyze/packet/addr.h"

enum resolve_status {
	RES_OK = 0,
	RES_NOHOST,	/* the name does not exist or has no address */
	RES_V6ONLY,	/* only IPv6 addresses (or an IPv6 literal) */
	RES_TEMP,	/* the resolver could not be reached or failed */
	RES_BAD		/* not a host name at all */
};

/* The first IPv4 address of host; err says what went wrong otherwise. */
enum resolve_status resolve_host(const char *host, struct fl_addr *out,
	    char *err, size_t errlen);

/*
 * The source address the kernel would use towards dst and the
 * interface that holds it (ifname is "" when none matches).  Sends
 * nothing.  Returns 0, or -1 when there is no route.
 */
int	route_source(const struct fl_addr *dst, struct fl_addr *src, char *ifname,
	    size_t iflen, char *err, size_t errlen);

/* The interface holding a local address; -1 if none does. */
int	iface_of(const struct fl_addr *a, char *ifname, size_t iflen);

#endif
