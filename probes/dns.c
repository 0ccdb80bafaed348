/*
 * Forward lookups through c-ares, whose status codes keep apart what
 * getaddrinfo() folds together.  /etc/hosts is read first, as the
 * system resolver does.
 */
#include <sys/select.h>

#include <arpa/inet.h>
#include <ares.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dns.h"

struct lookup {
	bool			 done;
	struct dns_result	*res;
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

void
dns_resolve(const char *name, int timeout_ms, struct dns_result *out)
{
	struct ares_addrinfo_hints hints;
	struct ares_options opts;
	struct lookup l = { false, out };
	ares_channel ch;
	double start = now_ms();
	int rc;

	memset(out, 0, sizeof(*out));
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
	rc = ares_init_options(&ch, &opts, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_FLAGS);
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
	while (!l.done) {
		struct timeval tv, *tvp;
		fd_set r, w;
		int nfds;

		FD_ZERO(&r);
		FD_ZERO(&w);
		nfds = ares_fds(ch, &r, &w);
		if (nfds == 0 && l.done)
			break;
		tvp = ares_timeout(ch, NULL, &tv);
		if (select(nfds, &r, &w, NULL, tvp) < 0)
			break;
		ares_process(ch, &r, &w);
		if (now_ms() - start > 2.0 * timeout_ms + 1000)
			break;	/* c-ares keeps its own timeouts; this is a backstop */
	}
	if (!l.done) {
		out->status = DNS_TIMEOUT;
		snprintf(out->detail, sizeof(out->detail), "no answer");
	}
	ares_destroy(ch);
	ares_library_cleanup();
	out->ms = now_ms() - start;
}

const char *
dns_status_name(enum dns_status s)
{
	static const char *names[] = {
		"ok", "literal", "nxdomain", "servfail", "no-answer", "ipv6-only",
		"refused", "resolver-unreachable", "timeout", "bad-name", "error"
	};

	return (unsigned int)s < sizeof(names) / sizeof(names[0]) ? names[s] : "error";
}
