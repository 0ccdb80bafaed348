/*
 * This host's view of the way to a target: the route the kernel would
 * use (interface, gateway, source address) and what its neighbour table
 * says about the next hop (does the gateway answer ARP?).  Read through
 * netlink; nothing is sent on the network.
 */
#ifndef FL_LOCALNET_H
#define FL_LOCALNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"

struct route_info {
	bool		found;		/* a usable unicast route exists */
	int		rtn_type;	/* RTN_* when found is false, or 0 */
	int		ifindex;
	char		ifname[16];
	struct fl_addr	gateway;	/* unset: the target is on-link */
	struct fl_addr	prefsrc;
};

/* Neighbour (ARP) states, as the kernel names them. */
enum neigh_state {
	NEIGH_NONE = 0,		/* no entry */
	NEIGH_INCOMPLETE,	/* asking, no answer yet */
	NEIGH_REACHABLE,
	NEIGH_STALE,		/* answered once, not confirmed lately */
	NEIGH_DELAY,
	NEIGH_PROBE,
	NEIGH_FAILED,		/* asked, never answered */
	NEIGH_NOARP,
	NEIGH_PERMANENT
};

/*
 * The route to dst.  Returns 0 (with ri->found false when the kernel
 * has no route: unreachable, prohibit, blackhole or none at all), or -1
 * when netlink itself failed.
 */
int	localnet_route(const struct fl_addr *dst, struct route_info *ri, char *err,
	    size_t errlen);

/*
 * The source address and interface the kernel would use towards dst: the
 * route's, or src's own interface when src is given (-s).  0, or -1 with
 * err: "no route to DST" (there is none, or it rejects), or src is not
 * an address of this host.
 */
int	localnet_source(const struct fl_addr *dst, const struct fl_addr *src_or_null,
	    struct route_info *ri, struct fl_addr *src, char *err, size_t errlen);

/* The interface holding a local address, into ifname; -1 if none does. */
int	localnet_iface_of(const struct fl_addr *a, char *ifname, size_t iflen);

/* The neighbour state of addr on ifindex (NEIGH_NONE when absent). */
enum neigh_state localnet_neigh(int ifindex, const struct fl_addr *addr);

const char *localnet_neigh_name(enum neigh_state);

#endif
