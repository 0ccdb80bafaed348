/*
 * Name resolution that says why it failed: NXDOMAIN, SERVFAIL, an empty
 * answer, a refusing or unreachable resolver, or no reply at all, with
 * the resolver's address and the time taken (c-ares).
 */
#ifndef FL_DNS_H
#define FL_DNS_H

#include <stdbool.h>
#include <stddef.h>

#include "analyze/packet/addr.h"

enum dns_status {
	DNS_OK = 0,
	DNS_LITERAL,		/* an address, nothing to resolve */
	DNS_NXDOMAIN,		/* the name does not exist */
	DNS_SERVFAIL,		/* the resolver failed */
	DNS_NO_ANSWER,		/* the name exists, without an IPv4 address */
	DNS_V6ONLY,		/* only IPv6 addresses */
	DNS_REFUSED,		/* the resolver refused to answer */
	DNS_UNREACHABLE,	/* the resolver cannot be reached */
	DNS_TIMEOUT,		/* the resolver never answered */
	DNS_BAD_NAME,		/* not a host name */
	DNS_ERROR,		/* anything else */
	DNS_V4ONLY		/* only IPv4 addresses (of a name -6 asks for) */
};

struct dns_result {
	enum dns_status	status;
	struct fl_addr	addr;		/* the first IPv4 address */
	char		resolver[FL_ADDRSTRLEN];	/* "" when none is configured */
	double		ms;
	char		detail[160];
};

/* Resolve name (or parse it, when it is an address) within timeout_ms. */
void	dns_resolve(const char *name, int timeout_ms, struct dns_result *out);

/* The first resolver this host is configured with (resolv.conf), or "". */
void	dns_first_resolver(char *buf, size_t len);

/* "ok", "nxdomain", "servfail", "no-answer", ... */
const char *dns_status_name(enum dns_status);

#endif
