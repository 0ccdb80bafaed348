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

/*
 * getaddrinfo()'s own answer; DNS_ERROR when it failed (the diagnosis
 * decides why).  family 4: the first IPv4 address (DNS_V6ONLY when there
 * are only IPv6 ones); 6: the first IPv6 one (DNS_V4ONLY when there are
 * only IPv4 ones); 0: the first of either.
 */
static enum dns_status
system_lookup(const char *host, int family, struct fl_addr *out, bool *both, char *detail,
    size_t len)
{
	struct addrinfo hints, *res = NULL, *ai;
	bool v6 = false, v4 = false;
	struct fl_addr first;
	int rc;

	memset(&first, 0, sizeof(first));
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0) {
		snprintf(detail, len, "%s", gai_strerror(rc));
		return DNS_ERROR;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		struct fl_addr a;

		if (fl_addr_from_sockaddr(ai->ai_addr, &a, NULL) != 0)
			continue;
		v4 |= a.family == 4;
		v6 |= a.family == 6;
		if (first.family == 0 && (family == 0 || a.family == family))
			first = a;
	}
	freeaddrinfo(res);
	*both = v4 && v6;
	if (first.family != 0) {
		*out = first;
		return DNS_OK;
	}
	if (family == 6)
		return v4 ? DNS_V4ONLY : DNS_NO_ANSWER;
	return v6 ? DNS_V6ONLY : DNS_NO_ANSWER;
}

/* ::ffff:a.b.c.d, RFC 4291 2.5.5.2: an IPv4 address in IPv6 clothing. */
static bool
mapped_to_v4(struct fl_addr *a)
{
	static const uint8_t pre[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	if (a->family != 6 || memcmp(a->b, pre, sizeof(pre)) != 0)
		return false;
	fl_addr_v4(a, (uint32_t)a->b[12] << 24 | (uint32_t)a->b[13] << 16 |
	    (uint32_t)a->b[14] << 8 | a->b[15]);
	return true;
}

void
target_resolve_af(const char *host, int timeout_ms, int family, struct target *t)
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
		(void)mapped_to_v4(&t->addr);
		t->status = family == 0 || t->addr.family == family ? DNS_LITERAL : DNS_BAD_NAME;
		if (t->status == DNS_BAD_NAME)
			snprintf(t->detail, sizeof(t->detail), "not an IPv%d address", family);
		return;
	}
	t->looked_up = true;
	t->status = system_lookup(host, family, &t->addr, &t->both, t->detail, sizeof(t->detail));
	t->ms = (double)(cli_mono_ns() - t0) / 1e6;
	/*
	 * -4 or -6 for a name whose addresses are all of the other family:
	 * the system found it, there is nothing to diagnose.
	 */
	if (t->status == DNS_V6ONLY || t->status == DNS_V4ONLY) {
		snprintf(t->detail, sizeof(t->detail), "only IPv%d addresses",
		    t->status == DNS_V6ONLY ? 6 : 4);
		t->status = DNS_NO_ANSWER;
		dns_first_resolver(t->resolver, sizeof(t->resolver));
		return;
	}
	if (t->status == DNS_OK) {
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
	case DNS_V6ONLY:
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
target_family(const char *host)
{
	struct fl_addr a;
	bool both;
	char detail[80];

	if (host == NULL || *host == '\0')
		return 0;
	if (fl_addr_parse(host, &a) == 0)
		return a.family;
	return system_lookup(host, 0, &a, &both, detail, sizeof(detail)) == DNS_OK ? a.family : 0;
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
	default:
		return FL_EXIT_TEMPFAIL;
	}
}

void
target_error(const char *host, const struct target *t, char *buf, size_t len)
{
	switch (t->status) {
	case DNS_BAD_NAME:
		if (strncmp(t->detail, "not an IPv", 10) == 0)
			snprintf(buf, len, "%s is %s", host, t->detail);
		else
			snprintf(buf, len, "'%s' is not a host name", host);
		break;
	case DNS_NO_ANSWER:
		if (strncmp(t->detail, "only IPv", 8) == 0) {
			snprintf(buf, len, "%s has %s", host, t->detail);
			break;
		}
		/* FALLTHROUGH */
	case DNS_NXDOMAIN:
		snprintf(buf, len, "unknown host %s (%s%s%s)", host, dns_status_name(t->status),
		    t->resolver[0] ? " from " : "", t->resolver);
		break;
	default:
		snprintf(buf, len, "cannot resolve %s: %s%s%s (%s)", host,
		    dns_status_name(t->status), t->resolver[0] ? " at " : "", t->resolver,
		    t->detail);
	}
}
