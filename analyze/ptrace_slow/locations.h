/*
 * ptrace-slow's --locations FILE: where the user says addresses are,
 * one "ADDRESS-or-PREFIX LATITUDE LONGITUDE [NAME...]" a line (IPv4,
 * CIDR prefixes, decimal degrees, north and east positive; '#' starts a
 * comment), read from the bytes the front end hands over.  The longest
 * prefix holding an address gives its place.  No packet can check it:
 * it is the user's claim.  path_locations_judge() (stage.h) weighs each
 * step of the latency budget against the distance between its ends.
 */
#ifndef FL_PTRACE_LOCATIONS_H
#define FL_PTRACE_LOCATIONS_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"

#define PATH_LOCATIONS_MAX	100000	/* entries */
#define PATH_LOCATIONS_LINE	512	/* bytes in a line, its newline excluded */

struct path_location {
	uint32_t	net;		/* host order, host bits clear */
	uint8_t		plen;		/* 0 to 32 */
	double		lat, lon;	/* degrees */
	char		name[64];	/* "" when the line gave none */
	unsigned int	line;
};

struct path_locations {
	struct path_location *v;	/* longest prefixes first */
	size_t		 n;
};

/*
 * Read the file's bytes.  Returns 0, or -1 with "line N: what is wrong"
 * (one line) in err; locs is then empty.  Refused: an address that is
 * not IPv4, host bits set past the prefix, a latitude or longitude out
 * of range or not in decimal degrees, a name that is not UTF-8 or holds
 * control characters, a prefix given twice, a line over
 * PATH_LOCATIONS_LINE bytes, more than PATH_LOCATIONS_MAX entries.
 */
int	path_locations_parse(const char *buf, size_t len, struct path_locations *locs,
	    char *err, size_t errlen);
void	path_locations_free(struct path_locations *);

/* The longest prefix holding a, or NULL (none, or not IPv4). */
const struct path_location *path_locations_find(const struct path_locations *,
	    const struct fl_addr *a);

/* The great-circle distance in km (haversine, on a sphere of 6371 km). */
double	path_great_circle_km(double lat1, double lon1, double lat2, double lon2);

#endif
