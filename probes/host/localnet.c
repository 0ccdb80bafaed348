/*
 * Routes and neighbours through rtnetlink (rtnetlink(7)), with libmnl.
 */
#include <sys/socket.h>
#include <sys/time.h>

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <libmnl/libmnl.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "probes/host/localnet.h"

struct route_cb {
	struct route_info	*ri;
};

static void
addr_from_attr(const struct nlattr *a, struct fl_addr *out)
{
	uint32_t v;

	if (mnl_attr_get_payload_len(a) == 16) {
		memset(out, 0, sizeof(*out));
		out->family = 6;
		memcpy(out->b, mnl_attr_get_payload(a), 16);
		return;
	}
	if (mnl_attr_get_payload_len(a) != 4)
		return;
	memcpy(&v, mnl_attr_get_payload(a), 4);
	fl_addr_v4(out, ntohl(v));
}

static int
route_attr(const struct nlattr *a, void *data)
{
	struct route_info *ri = data;

	switch (mnl_attr_get_type(a)) {
	case RTA_OIF:
		if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
			ri->ifindex = (int)mnl_attr_get_u32(a);
		break;
	case RTA_GATEWAY:
		addr_from_attr(a, &ri->gateway);
		break;
	case RTA_PREFSRC:
		addr_from_attr(a, &ri->prefsrc);
		break;
	}
	return MNL_CB_OK;
}

static int
route_msg(const struct nlmsghdr *nlh, void *data)
{
	struct route_cb *cb = data;
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	cb->ri->rtn_type = rtm->rtm_type;
	cb->ri->found = rtm->rtm_type == RTN_UNICAST || rtm->rtm_type == RTN_LOCAL;
	mnl_attr_parse(nlh, sizeof(*rtm), route_attr, cb->ri);
	return MNL_CB_OK;
}

/* One request, its answers through cb; returns 0, or -errno. */
static int
request(struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct mnl_socket *nl;
	unsigned int seq, portid;
	ssize_t n;
	int rc = 0;

	nl = mnl_socket_open(NETLINK_ROUTE);
	if (nl == NULL)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		rc = -errno;
		goto out;
	}
	/* The kernel answers at once; never wait on it for long. */
	if (setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVTIMEO,
	    &(struct timeval){ 2, 0 }, sizeof(struct timeval)) != 0) {
		rc = -errno;
		goto out;
	}
	portid = mnl_socket_get_portid(nl);
	seq = (unsigned int)time(NULL);
	nlh->nlmsg_seq = seq;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		rc = -errno;
		goto out;
	}
	for (;;) {
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0) {
			rc = -errno;
			break;
		}
		rc = mnl_cb_run(buf, (size_t)n, seq, portid, cb, data);
		if (rc <= MNL_CB_STOP) {
			rc = rc == MNL_CB_ERROR ? -errno : 0;
			break;
		}
	}
out:
	mnl_socket_close(nl);
	return rc;
}

int
localnet_route(const struct fl_addr *dst, struct route_info *ri, char *err, size_t errlen)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	struct route_cb cb = { ri };
	uint32_t d = htonl(fl_addr_v4_host(dst));
	int rc;

	memset(ri, 0, sizeof(*ri));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETROUTE;
	/* The ACK ends the exchange: a plain get has no NLMSG_DONE. */
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	if (dst->family == 6) {
		rtm->rtm_family = AF_INET6;
		rtm->rtm_dst_len = 128;
		mnl_attr_put(nlh, RTA_DST, 16, dst->b);
	} else {
		rtm->rtm_family = AF_INET;
		rtm->rtm_dst_len = 32;
		mnl_attr_put_u32(nlh, RTA_DST, d);
	}
	rc = request(nlh, route_msg, &cb);
	if (rc == -ENETUNREACH || rc == -EHOSTUNREACH || rc == -EACCES || rc == -EINVAL) {
		ri->found = false;	/* the kernel has no route */
		return 0;
	}
	if (rc < 0) {
		snprintf(err, errlen, "route lookup: %s", strerror(-rc));
		return -1;
	}
	if (ri->ifindex > 0 && if_indextoname((unsigned int)ri->ifindex, ri->ifname) == NULL)
		ri->ifname[0] = '\0';
	return 0;
}

int
localnet_iface_of(const struct fl_addr *a, char *ifname, size_t iflen)
{
	struct ifaddrs *ifs, *i;
	int rc = -1;

	if (getifaddrs(&ifs) != 0)
		return -1;
	for (i = ifs; i != NULL; i = i->ifa_next) {
		struct fl_addr x;

		if (i->ifa_addr == NULL || fl_addr_from_sockaddr(i->ifa_addr, &x, NULL) != 0)
			continue;
		if (fl_addr_eq(&x, a)) {
			snprintf(ifname, iflen, "%s", i->ifa_name);
			rc = 0;
			break;
		}
	}
	freeifaddrs(ifs);
	return rc;
}

/*
 * IPv6 routes seldom name a source: the kernel's own choice (RFC 6724
 * source selection) is what a connected datagram socket is given.
 * Nothing is sent.
 */
static int
source6(const struct fl_addr *dst, struct fl_addr *src)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, rc = -1;

	if ((fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	sl = fl_addr_to_sockaddr(dst, 9, &ss);
	if (connect(fd, (struct sockaddr *)&ss, sl) == 0 &&
	    (sl = sizeof(ss), getsockname(fd, (struct sockaddr *)&ss, &sl)) == 0 &&
	    fl_addr_from_sockaddr((struct sockaddr *)&ss, src, NULL) == 0 && src->family == 6)
		rc = 0;
	close(fd);
	return rc;
}

int
localnet_source(const struct fl_addr *dst, const struct fl_addr *want, struct route_info *ri,
    struct fl_addr *src, char *err, size_t errlen)
{
	char d[FL_ADDRSTRLEN];

	if (localnet_route(dst, ri, err, errlen) != 0)
		return -1;
	if (!ri->found) {
		snprintf(err, errlen, "no route to %s", fl_addr_str(dst, d, sizeof(d)));
		return -1;
	}
	if (want != NULL) {
		*src = *want;
		if (localnet_iface_of(want, ri->ifname, sizeof(ri->ifname)) != 0) {
			snprintf(err, errlen, "-s: %s is not an address of this host",
			    fl_addr_str(want, d, sizeof(d)));
			return -1;
		}
		return 0;
	}
	if (!fl_addr_is_set(&ri->prefsrc) && dst->family == 6 && source6(dst, &ri->prefsrc) != 0)
		memset(&ri->prefsrc, 0, sizeof(ri->prefsrc));
	if (!fl_addr_is_set(&ri->prefsrc)) {
		snprintf(err, errlen, "no source address for the route to %s",
		    fl_addr_str(dst, d, sizeof(d)));
		return -1;
	}
	*src = ri->prefsrc;
	return 0;
}

struct neigh_cb {
	int			 ifindex;
	const struct fl_addr	*addr;
	enum neigh_state	 state;
};

static int
neigh_attr(const struct nlattr *a, void *data)
{
	struct fl_addr *out = data;

	if (mnl_attr_get_type(a) == NDA_DST)
		addr_from_attr(a, out);
	return MNL_CB_OK;
}

static enum neigh_state
state_of(uint16_t s)
{
	if (s & NUD_PERMANENT)
		return NEIGH_PERMANENT;
	if (s & NUD_NOARP)
		return NEIGH_NOARP;
	if (s & NUD_REACHABLE)
		return NEIGH_REACHABLE;
	if (s & NUD_FAILED)
		return NEIGH_FAILED;
	if (s & NUD_INCOMPLETE)
		return NEIGH_INCOMPLETE;
	if (s & NUD_PROBE)
		return NEIGH_PROBE;
	if (s & NUD_DELAY)
		return NEIGH_DELAY;
	if (s & NUD_STALE)
		return NEIGH_STALE;
	return NEIGH_NONE;
}

static int
neigh_msg(const struct nlmsghdr *nlh, void *data)
{
	struct neigh_cb *cb = data;
	const struct ndmsg *nd = mnl_nlmsg_get_payload(nlh);
	struct fl_addr a;

	if (nlh->nlmsg_type != RTM_NEWNEIGH ||
	    nd->ndm_family != (cb->addr->family == 6 ? AF_INET6 : AF_INET) ||
	    (cb->ifindex > 0 && nd->ndm_ifindex != cb->ifindex))
		return MNL_CB_OK;
	memset(&a, 0, sizeof(a));
	mnl_attr_parse(nlh, sizeof(*nd), neigh_attr, &a);
	if (fl_addr_eq(&a, cb->addr))
		cb->state = state_of(nd->ndm_state);
	return MNL_CB_OK;
}

enum neigh_state
localnet_neigh(int ifindex, const struct fl_addr *addr)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct ndmsg *nd;
	struct neigh_cb cb = { ifindex, addr, NEIGH_NONE };

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETNEIGH;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nd = mnl_nlmsg_put_extra_header(nlh, sizeof(*nd));
	nd->ndm_family = addr->family == 6 ? AF_INET6 : AF_INET;
	if (request(nlh, neigh_msg, &cb) < 0)
		return NEIGH_NONE;
	return cb.state;
}

const char *
localnet_neigh_name(enum neigh_state s)
{
	static const char *names[] = {
		"none", "incomplete", "reachable", "stale", "delay", "probe", "failed",
		"noarp", "permanent"
	};

	return (unsigned int)s < sizeof(names) / sizeof(names[0]) ? names[s] : "none";
}
