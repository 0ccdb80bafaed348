/*
 * The target's address, found the way the system finds it: getaddrinfo()
 * (nsswitch, /etc/hosts, then DNS, RFC 6724 order), so that faultline
 * probes what every other program on this host would reach.  When that
 * fails, the DNS diagnosis (dns.c, c-ares) says why: which resolver, and
 * what it answered (NXDOMAIN, SERVFAIL, nothing...).  Every command
 * resolves its target here and maps a failure to its exit status with
 * target_exit().
 */
#ifndef FL_TARGET_H
#define FL_TARGET_H

#include <stdbool.h>

#include "analyze/packet/addr.h"
#include "probes/host/dns.h"

struct target {
	enum dns_status	status;		/* DNS_OK, DNS_LITERAL, or why not */
	struct fl_addr	addr;		/* the first address (of the family asked for) */
	bool		looked_up;	/* a name, not an address */
	bool		both;		/* the name has IPv4 and IPv6 addresses */
	char		resolver[FL_ADDRSTRLEN];	/* "" when none is configured */
	double		ms;		/* time to the answer, or to the failure */
	char		detail[160];	/* the resolver library's own words */
};

/*
 * Resolve host (or parse it, when it is an address) within about
 * timeout_ms: family 4 or 6 (-4, -6) takes that family's first address,
 * 0 the first of either in the system's order (getaddrinfo, RFC 6724),
 * as every other program here would; an IPv4-mapped address
 * (::ffff:a.b.c.d) is the IPv4 target.  t->both says the name had
 * addresses of both families.
 */
void	target_resolve_af(const char *host, int timeout_ms, int family, struct target *);

/*
 * The family (4 or 6) of the address the system gives host first, or 0
 * when it gives none: getaddrinfo() alone, no diagnosis of a failure.
 */
int	target_family(const char *host);

/*
 * The exit status of a command that cannot go on without the address:
 * 0 when there is one; 64 not a host name (or an address of the other
 * family), 68 the name does not exist or has no address (of the family),
 * 75 the resolver failed or did not answer.
 */
int	target_exit(enum dns_status);

/* One line for that exit: "unknown host NAME (nxdomain from 198.18.0.2)". */
void	target_error(const char *host, const struct target *, char *buf, size_t len);

#endif
