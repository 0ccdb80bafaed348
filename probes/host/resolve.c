/*
 * Target resolution and source selection.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probes/host/resolve.h"

enum resolve_status
resolve_host(const char *host, struct fl_addr *out, char *err, size_t errlen)
{
	struct addrinfo hints, *res = NULL, *ai;
	bool v6 = false;
	int rc;

	memset(out, 0, sizeof(*out));
	if (host == NULL || *host == '\0' || strlen(host) > 253) {
		snprintf(err, errlen, "'%s' is not a host name", host ? host : "");
		return RES_BAD;
	}
	if (fl_addr_parse(host, out) == 0) {
		if (out->family == 6) {
			snprintf(err, errlen, "%s: IPv6 is not supported yet", host);
			return RES_V6ONLY;
		}
		return RES_OK;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0) {
		switch (rc) {
		case EAI_NONAME:
#ifdef EAI_NODATA
		case EAI_NODATA:
#endif
		case EAI_FAIL:
			snprintf(err, errlen, "unknown host %s (%s)", host, gai_strerror(rc));
			return RES_NOHOST;
		case EAI_AGAIN:
			snprintf(err, errlen, "cannot resolve %s: %s", host, gai_strerror(rc));
			return RES_TEMP;
		default:
			snprintf(err, errlen, "cannot resolve %s: %s", host,
			    rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
			return RES_TEMP;
		}
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET) {
			const struct sockaddr_in *sin = (const struct sockaddr_in *)ai->ai_addr;

			fl_addr_v4(out, ntohl(sin->sin_addr.s_addr));
			freeaddrinfo(res);
			return RES_OK;
		}
		if (ai->ai_family == AF_INET6)
			v6 = true;
	}
	freeaddrinfo(res);
	if (v6) {
		snprintf(err, errlen, "%s has only IPv6 addresses: IPv6 is not supported yet", host);
		return RES_V6ONLY;
	}
	snprintf(err, errlen, "unknown host %s (no IPv4 address)", host);
	return RES_NOHOST;
}

int
iface_of(const struct fl_addr *a, char *ifname, size_t iflen)
{
	struct ifaddrs *ifs, *i;
	int rc = -1;

	if (getifaddrs(&ifs) != 0)
		return -1;
	for (i = ifs; i != NULL; i = i->ifa_next) {
		struct fl_addr x;

		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET)
			continue;
		fl_addr_v4(&x, ntohl(((const struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr));
		if (fl_addr_eq(&x, a)) {
			snprintf(ifname, iflen, "%s", i->ifa_name);
			rc = 0;
			break;
		}
	}
	freeifaddrs(ifs);
	return rc;
}

int
route_source(const struct fl_addr *dst, struct fl_addr *src, char *ifname,
    size_t iflen, char *err, size_t errlen)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	char d[FL_ADDRSTRLEN];
	int fd;

	ifname[0] = '\0';
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(9);
	sin.sin_addr.s_addr = htonl(fl_addr_v4_host(dst));
	/* connect() on a datagram socket only consults the routing table. */
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &sl) != 0) {
		snprintf(err, errlen, "no route to %s: %s", fl_addr_str(dst, d, sizeof(d)),
		    strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	fl_addr_v4(src, ntohl(sin.sin_addr.s_addr));
	(void)iface_of(src, ifname, iflen);
	return 0;
}
