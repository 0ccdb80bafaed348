/*
 * The target's address, as the system finds it, and why not (see target.h).
 */
#include <sys/socket.h>

#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "probes/cli/cli.h"
#include "probes/cli/opts.h"
#include "probes/host/target.h"

/* getaddrinfo()'s own answer; DNS_ERROR when it failed (the diagnosis decides why). */
static enum dns_status
system_lookup(const char *host, struct fl_addr *out, char *detail, size_t len)
{
	struct addrinfo hints, *res = NULL, *ai;
	bool v6 = false;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0) {
		snprintf(detail, len, "%s", gai_strerror(rc));
		return DNS_ERROR;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET) {
			const struct sockaddr_in *sin = (const struct sockaddr_in *)(const void *)ai->ai_addr;

			fl_addr_v4(out, ntohl(sin->sin_addr.s_addr));
			freeaddrinfo(res);
			return DNS_OK;
		}
		if (ai->ai_family == AF_INET6)
			v6 = true;
	}
	freeaddrinfo(res);
	snprintf(detail, len, "%s", v6 ? "only IPv6 addresses" : "no IPv4 address");
	return v6 ? DNS_V6ONLY : DNS_NO_ANSWER;
}

void
target_resolve(const char *host, int timeout_ms, struct target *t)
{
	struct dns_result d;
	int64_t t0 = cli_mono_ns();

	memset(t, 0, sizeof(*t));
	if (host == NULL || *host == '\0' || strlen(host) > 253) {
		t->status = DNS_BAD_NAME;
		snprintf(t->detail, sizeof(t->detail), "not a host name");
		return;
	}
	if (fl_addr_parse(host, &t->addr) == 0) {
		t->status = t->addr.family == 4 ? DNS_LITERAL : DNS_V6ONLY;
		return;
	}
	t->looked_up = true;
	t->status = system_lookup(host, &t->addr, t->detail, sizeof(t->detail));
	t->ms = (double)(cli_mono_ns() - t0) / 1e6;
	if (t->status == DNS_OK || t->status == DNS_V6ONLY) {
		dns_first_resolver(t->resolver, sizeof(t->resolver));
		return;
	}
	/*
	 * The system could not find it: ask the resolver directly, for the
	 * answer getaddrinfo() folds away (NXDOMAIN or SERVFAIL, from whom).
	 */
	dns_resolve(host, timeout_ms, &d);
	snprintf(t->resolver, sizeof(t->resolver), "%s", d.resolver);
	t->ms = (double)(cli_mono_ns() - t0) / 1e6;
	switch (d.status) {
	case DNS_OK:
	case DNS_LITERAL: {
		/* DNS has it, but the system's sources said no (nsswitch). */
		char said[96];

		snprintf(said, sizeof(said), "%.80s", t->detail);
		t->status = DNS_NXDOMAIN;
		snprintf(t->detail, sizeof(t->detail), "the system resolver does not find it "
		    "(%s), although DNS answers", said);
		break;
	}
	default:
		t->status = d.status;
		snprintf(t->detail, sizeof(t->detail), "%s", d.detail);
	}
}

int
target_exit(enum dns_status s)
{
	switch (s) {
	case DNS_OK:
	case DNS_LITERAL:
		return FL_EXIT_OK;
	case DNS_BAD_NAME:
		return FL_EXIT_USAGE;
	case DNS_NXDOMAIN:
	case DNS_NO_ANSWER:
		return FL_EXIT_NOHOST;
	case DNS_V6ONLY:
		return FL_EXIT_NOIPV6;
	default:
		return FL_EXIT_TEMPFAIL;
	}
}

void
target_error(const char *host, const struct target *t, char *buf, size_t len)
{
	switch (t->status) {
	case DNS_BAD_NAME:
		snprintf(buf, len, "'%s' is not a host name", host);
		break;
	case DNS_V6ONLY:
		snprintf(buf, len, "%s: IPv6 is not supported yet", host);
		break;
	case DNS_NXDOMAIN:
	case DNS_NO_ANSWER:
		snprintf(buf, len, "unknown host %s (%s%s%s)", host, dns_status_name(t->status),
		    t->resolver[0] ? " from " : "", t->resolver);
		break;
	default:
		snprintf(buf, len, "cannot resolve %s: %s%s%s (%s)", host,
		    dns_status_name(t->status), t->resolver[0] ? " at " : "", t->resolver,
		    t->detail);
	}
}
