/*
 * Forward lookups through c-ares, whose status codes keep apart what
 * getaddrinfo() folds together.  /etc/hosts is read first, as the
 * system resolver does.
 *
 * Only calls current in both c-ares 1.18 (Debian 12) and 1.34 (Debian
 * 13) are used: the channel's sockets are followed through its
 * sock_state_cb and served with ares_process_fd(), not the deprecated
 * ares_fds()/ares_process(); the server list is read the way each
 * version wants (see first_server()).
 */
#include <arpa/inet.h>
#include <ares.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "probes/host/dns.h"

/* c-ares opens one UDP socket per server, and a TCP one on truncation. */
#define LOOKUP_MAX_SOCKS	16

struct lookup {
	bool			 done;
	struct dns_result	*res;
	struct pollfd		 fds[LOOKUP_MAX_SOCKS];
	nfds_t			 nfds;
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
on_answer(void *arg, int status, int timeouts, struct ares_addrinfo *ai)
{
	struct lookup *l = arg;
	struct ares_addrinfo_node *n;
	bool v6 = false;

	(void)timeouts;
	l->done = true;
	snprintf(l->res->detail, sizeof(l->res->detail), "%s", ares_strerror(status));
	switch (status) {
	case ARES_SUCCESS:
		for (n = ai ? ai->nodes : NULL; n != NULL; n = n->ai_next) {
			if (n->ai_family == AF_INET) {
				const struct sockaddr_in *s = (const struct sockaddr_in *)n->ai_addr;

				fl_addr_v4(&l->res->addr, ntohl(s->sin_addr.s_addr));
				l->res->status = DNS_OK;
				ares_freeaddrinfo(ai);
				return;
			}
			if (n->ai_family == AF_INET6)
				v6 = true;
		}
		l->res->status = v6 ? DNS_V6ONLY : DNS_NO_ANSWER;
		break;
	case ARES_ENOTFOUND:
		l->res->status = DNS_NXDOMAIN;
		break;
	case ARES_ENODATA:
		l->res->status = DNS_NO_ANSWER;
		break;
	case ARES_ESERVFAIL:
		l->res->status = DNS_SERVFAIL;
		break;
	case ARES_EREFUSED:
		l->res->status = DNS_REFUSED;
		break;
	case ARES_ECONNREFUSED:
		l->res->status = DNS_UNREACHABLE;
		break;
	case ARES_ETIMEOUT:
		l->res->status = DNS_TIMEOUT;
		break;
	case ARES_EBADNAME:
		l->res->status = DNS_BAD_NAME;
		break;
	default:
		l->res->status = DNS_ERROR;
	}
	if (ai != NULL)
		ares_freeaddrinfo(ai);
}

/* c-ares tells which sockets to watch, and for what. */
static void
on_sock_state(void *arg, ares_socket_t fd, int readable, int writable)
{
	struct lookup *l = arg;
	nfds_t i;

	for (i = 0; i < l->nfds && l->fds[i].fd != fd; i++)
		;
	if (!readable && !writable) {
		if (i < l->nfds)
			l->fds[i] = l->fds[--l->nfds];
		return;
	}
	if (i == l->nfds) {
		if (l->nfds == LOOKUP_MAX_SOCKS)
			return;	/* unwatched: its query times out */
		l->nfds++;
	}
	l->fds[i].fd = fd;
	l->fds[i].events = (short)((readable ? POLLIN : 0) | (writable ? POLLOUT : 0));
	l->fds[i].revents = 0;
}

#if ARES_VERSION >= 0x011800
/*
 * The first server of ares_get_servers_csv() (c-ares 1.24 on), whose
 * entries are "addr", "addr:port", "[addr]:port" or "[addr]:port%iface".
 */
static void
first_server(ares_channel ch, char *buf, size_t len)
{
	char *csv = ares_get_servers_csv(ch);
	char *p, *end;
	struct fl_addr a;

	buf[0] = '\0';
	if (csv == NULL)
		return;
	p = csv;
	p[strcspn(p, ",")] = '\0';
	if (*p == '[') {
		p++;
		if ((end = strchr(p, ']')) != NULL)
			*end = '\0';
	} else if ((end = strchr(p, '%')) != NULL) {
		*end = '\0';
	}
	/* An IPv4 entry's port follows its only colon. */
	if (fl_addr_parse(p, &a) != 0 && (end = strchr(p, ':')) != NULL &&
	    strchr(end + 1, ':') == NULL)
		*end = '\0';
	if (fl_addr_parse(p, &a) == 0)
		snprintf(buf, len, "%s", p);
	ares_free_string(csv);
}
#else
/* c-ares before 1.24 has no ares_get_servers_csv(). */
static void
first_server(ares_channel ch, char *buf, size_t len)
{
	struct ares_addr_node *servers = NULL;

	buf[0] = '\0';
	if (ares_get_servers(ch, &servers) != ARES_SUCCESS || servers == NULL)
		return;
	if (servers->family == AF_INET)
		inet_ntop(AF_INET, &servers->addr.addr4, buf, (socklen_t)len);
	else if (servers->family == AF_INET6)
		inet_ntop(AF_INET6, &servers->addr.addr6, buf, (socklen_t)len);
	ares_free_data(servers);
}
#endif

/*
 * Serves the channel until the lookup is answered: poll() on the sockets
 * c-ares asked for, bounded by its next timeout.
 */
static void
run_lookup(ares_channel ch, struct lookup *l, double start, int timeout_ms)
{
	while (!l->done) {
		struct pollfd ready[LOOKUP_MAX_SOCKS];
		struct timeval tv, *tvp;
		nfds_t i, n = l->nfds;
		int wait_ms, rc;

		tvp = ares_timeout(ch, NULL, &tv);
		wait_ms = tvp == NULL ? 1000 :
		    (int)(tv.tv_sec * 1000 + (tv.tv_usec + 999) / 1000);
		memcpy(ready, l->fds, n * sizeof(ready[0]));
		rc = poll(ready, n, wait_ms);
		if (rc < 0 && errno != EINTR)
			break;
		if (rc <= 0) {
			/* Nothing to read: let c-ares expire what timed out. */
			ares_process_fd(ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
		} else {
			/* The callbacks may change l->fds: work on the copy. */
			for (i = 0; i < n; i++) {
				short ev = ready[i].revents;

				if (ev == 0)
					continue;
				ares_process_fd(ch,
				    ev & (POLLIN | POLLERR | POLLHUP) ? ready[i].fd : ARES_SOCKET_BAD,
				    ev & POLLOUT ? ready[i].fd : ARES_SOCKET_BAD);
			}
		}
		if (now_ms() - start > 2.0 * timeout_ms + 1000)
			break;	/* c-ares keeps its own timeouts; this is a backstop */
	}
}

void
dns_resolve(const char *name, int timeout_ms, struct dns_result *out)
{
	struct ares_addrinfo_hints hints;
	struct ares_options opts;
	struct lookup l;
	ares_channel ch;
	double start = now_ms();
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&l, 0, sizeof(l));
	l.res = out;
	if (name == NULL || *name == '\0' || strlen(name) > 253) {
		out->status = DNS_BAD_NAME;
		snprintf(out->detail, sizeof(out->detail), "not a host name");
		return;
	}
	if (fl_addr_parse(name, &out->addr) == 0) {
		out->status = out->addr.family == 4 ? DNS_LITERAL : DNS_V6ONLY;
		return;
	}
	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
		out->status = DNS_ERROR;
		snprintf(out->detail, sizeof(out->detail), "c-ares initialisation failed");
		return;
	}
	memset(&opts, 0, sizeof(opts));
	/* Two tries of half the budget each, against each configured server. */
	opts.timeout = timeout_ms / 2 > 0 ? timeout_ms / 2 : 1;
	opts.tries = 2;
	/*
	 * Without NOCHECKRESP, c-ares treats SERVFAIL and REFUSED answers
	 * as a dead server and, once every server has given one, reports
	 * "could not contact DNS servers": the answer we want to name.
	 */
	opts.flags = ARES_FLAG_NOCHECKRESP;
	opts.sock_state_cb = on_sock_state;
	opts.sock_state_cb_data = &l;
	rc = ares_init_options(&ch, &opts, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
	    ARES_OPT_FLAGS | ARES_OPT_SOCK_STATE_CB);
	if (rc != ARES_SUCCESS) {
		out->status = DNS_ERROR;
		snprintf(out->detail, sizeof(out->detail), "%s", ares_strerror(rc));
		ares_library_cleanup();
		return;
	}
	first_server(ch, out->resolver, sizeof(out->resolver));
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_flags = ARES_AI_NOSORT;
	ares_getaddrinfo(ch, name, NULL, &hints, on_answer, &l);
	run_lookup(ch, &l, start, timeout_ms);
	if (!l.done) {
		out->status = DNS_TIMEOUT;
		snprintf(out->detail, sizeof(out->detail), "no answer");
	}
	ares_destroy(ch);
	ares_library_cleanup();
	out->ms = now_ms() - start;
}

void
dns_first_resolver(char *buf, size_t len)
{
	ares_channel ch;
	struct ares_options opts;

	buf[0] = '\0';
	memset(&opts, 0, sizeof(opts));
	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
		return;
	if (ares_init_options(&ch, &opts, 0) == ARES_SUCCESS) {
		first_server(ch, buf, len);
		ares_destroy(ch);
	}
	ares_library_cleanup();
}

const char *
dns_status_name(enum dns_status s)
{
	static const char *names[] = {
		"ok", "literal", "nxdomain", "servfail", "no-answer", "ipv6-only",
		"refused", "resolver-unreachable", "timeout", "bad-name", "error", "ipv4-only"
	};

	return (unsigned int)s < sizeof(names) / sizeof(names[0]) ? names[s] : "error";
}
