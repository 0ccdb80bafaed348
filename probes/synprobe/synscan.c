/*
 * The synprobe schedule (see synscan.h).
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyze/packet/decode.h"
#include "analyze/synprobe/wire.h"
#include "probes/cli/cli.h"
#include "probes/cli/replay.h"
#include "probes/synprobe/synscan.h"

#define MAX_SENT	2048
#define HARD_CAP_S	20.0

enum role { R_TEST, R_PING, R_CTRL, R_PSYN, R_PICMP };

struct sent {
	struct corr_key	key;
	int64_t		when;
	enum role	role;
	int		ttl;
	uint16_t	port;
	int		tries;
};

enum conn_state { C_IDLE, C_CONNECTING, C_BANNER, C_FTP_USER, C_FTP_PASS, C_DONE };

struct run {
	const struct syn_cfg	*cfg;
	struct craft		*cr;
	struct capture		*cap;
	struct corr		*c;
	struct syn_local	*l;
	struct sent		*sent;
	int			 nsent;
	uint16_t		 idx;
	int64_t			 t0, last_test, synack_seen;
	int			 tests;
	bool			 retried;
	/* the kernel's connection */
	int			 fd;
	enum conn_state		 cs;
	int64_t			 conn_start, banner_deadline;
	char			 line[512];
	size_t			 linelen;
};

/* Wall-clock, as pcap stamps packets. */
#define now_ns	cli_now_ns

int
syn_filter(const struct fl_addr *src, const struct fl_addr *dst, char *buf, size_t len)
{
	char s[FL_ADDRSTRLEN], d[FL_ADDRSTRLEN];
	int n;

	fl_addr_str(src, s, sizeof(s));
	fl_addr_str(dst, d, sizeof(d));
	if (dst->family == 6) {
		/*
		 * Every ICMPv6 message to us (errors, echo replies, neighbour
		 * advertisements), and neighbour discovery on the link (type
		 * 133 to 137, never behind an extension header): NDP is ARP's
		 * part, the gateway's or the host's answer or its absence.
		 */
		n = snprintf(buf, len,
		    "(host %s and host %s and (tcp or icmp6)) or (icmp6 and dst host %s) or "
		    "(icmp6 and ip6[40] >= 133 and ip6[40] <= 137)", s, d, s);
		return (n < 0 || (size_t)n >= len) ? -1 : 0;
	}
	n = snprintf(buf, len,
	    "(host %s and host %s and (tcp or icmp)) or "
	    "(icmp and dst host %s and (icmp[icmptype] == icmp-unreach or "
	    "icmp[icmptype] == icmp-timxceed or icmp[icmptype] == icmp-paramprob)) or arp",
	    s, d, s);
	return (n < 0 || (size_t)n >= len) ? -1 : 0;
}


/* Craft and send one probe; a refused send is recorded, not fatal. */
/*
 * Each SYN attempt comes from its own port, as a client's fresh
 * connection would: a half-open connection left by an earlier one must
 * not answer a later attempt.  Everything else uses the first port.
 */
static uint16_t
sport_for(const struct run *r, enum role role)
{
	int i = role == R_TEST && r->tests > 0 ? r->tests : 0;

	return r->cfg->sports[i < SYN_MAX_TRIES ? i : 0];
}

static int
send_probe(struct run *r, enum role role, uint8_t proto, uint16_t port, int ttl,
    char *err, size_t errlen)
{
	struct sent *s;
	char e[256];

	if (r->nsent >= MAX_SENT || r->l->send_errno != 0)
		return 0;
	s = &r->sent[r->nsent];
	craft_retarget(r->cr, proto, proto == 6 ? sport_for(r, role) : r->cr->f.sport, port);
	if (craft_build(r->cr, r->idx++, (uint8_t)ttl, &s->key, err, errlen) != 0)
		return -1;
	if (craft_send(r->cr, e, sizeof(e)) != 0) {
		/* EPERM from an outbound firewall is the answer, not a failure. */
		r->l->send_errno = errno ? errno : EIO;
		return 0;
	}
	s->when = now_ns();
	s->role = role;
	s->ttl = ttl;
	s->port = port;
	s->tries = 1;
	r->nsent++;
	r->l->sent++;
	return 0;
}

/* The reply to a sent probe, if the correlator has one. */
static const struct corr_reply *
reply_of(const struct run *r, const struct sent *s)
{
	int32_t i = corr_find(r->c, &s->key);
	const struct corr_probe *p;

	if (i < 0)
		return NULL;
	p = corr_probe(r->c, (uint32_t)i);
	return p->reply >= 0 ? corr_reply(r->c, (uint32_t)p->reply) : NULL;
}

/* 4 x the slowest reply from the host (or else from anyone), bounded. */
static double
timeout_s(const struct run *r)
{
	double host = 0, any = 0, t;
	uint32_t i;

	for (i = 0; i < corr_nreplies(r->c); i++) {
		const struct corr_reply *rep = corr_reply(r->c, i);
		double rtt = (double)rep->rtt / 1e9;

		if (rep->probe < 0 || rep->late)
			continue;
		if (fl_addr_eq(&rep->from, &r->cfg->dst) && rep->kind != RK_TIME_EXCEEDED &&
		    rtt > host)
			host = rtt;
		if (rtt > any)
			any = rtt;
	}
	if (host == 0 && any == 0)
		return r->cfg->wait_max;
	t = 4 * (host > 0 ? host : any);
	return t < r->cfg->wait_min ? r->cfg->wait_min : t > r->cfg->wait_max ?
	    r->cfg->wait_max : t;
}

static void
conn_start(struct run *r)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	struct corr_sig sig;
	bool v6 = r->cfg->dst.family == 6;

	r->l->conn_tried = true;
	r->conn_start = now_ns();
	r->fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (r->fd < 0) {
		snprintf(r->l->conn_result, sizeof(r->l->conn_result), "error");
		r->l->conn_errno = errno;
		r->cs = C_DONE;
		return;
	}
	sl = fl_addr_to_sockaddr(&r->cfg->dst, r->cfg->port, &ss);
	if (connect(r->fd, (struct sockaddr *)&ss, sl) == 0) {
		r->cs = C_CONNECTING;	/* completes on the first POLLOUT */
	} else if (errno == EINPROGRESS) {
		r->cs = C_CONNECTING;
	} else {
		r->l->conn_errno = errno;
		snprintf(r->l->conn_result, sizeof(r->l->conn_result), "%s",
		    errno == EPERM || errno == EACCES ? "eperm" :
		    errno == ENETUNREACH ? "no-route" : errno == EHOSTUNREACH ? "unreachable" :
		    "error");
		r->l->conn_ms = (double)(now_ns() - r->conn_start) / 1e6;
		r->cs = C_DONE;
	}
	sl = sizeof(ss);
	memset(&sig, 0, sizeof(sig));
	if (getsockname(r->fd, (struct sockaddr *)&ss, &sl) == 0 &&
	    fl_addr_from_sockaddr((struct sockaddr *)&ss, &sig.src, &r->l->conn_sport) == 0 &&
	    r->l->conn_sport != 0) {
		sig.dst = r->cfg->dst;
		sig.proto = 6;
		sig.a = r->l->conn_sport;
		sig.b = r->cfg->port;
		(void)corr_add_sig(r->c, &sig);
	}
}

static void
conn_finish(struct run *r, const char *result, int e)
{
	/* Waited for a greeting that never came: say for how long. */
	if (r->cs == C_BANNER && !r->l->banner_received)
		r->l->banner_ms = (double)(now_ns() - r->conn_start) / 1e6 - r->l->conn_ms;
	if (r->l->conn_result[0] == '\0') {
		snprintf(r->l->conn_result, sizeof(r->l->conn_result), "%s", result);
		r->l->conn_errno = e;
		r->l->conn_ms = (double)(now_ns() - r->conn_start) / 1e6;
	}
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	r->cs = C_DONE;
}

static void
send_line(struct run *r, const char *verb, const char *arg)
{
	char buf[300];
	int n = snprintf(buf, sizeof(buf), "%s %s\r\n", verb, arg);

	if (n > 0 && (size_t)n < sizeof(buf) && write(r->fd, buf, (size_t)n) == n) {
		r->linelen = 0;
		r->banner_deadline = now_ns() + (int64_t)(r->cfg->banner_wait * 1e9);
		return;
	}
	conn_finish(r, "connected", 0);
}

/* One received line as it may be shown, without its line end (syn_greeting()). */
static void
keep_line(char *dst, size_t len, const char *src, size_t n)
{
	syn_greeting(dst, len, (const uint8_t *)src, n);
}

/* A whole line arrived (of a multi-line FTP reply, the first will do). */
static bool
have_reply(const struct run *r)
{
	return memchr(r->line, '\n', r->linelen) != NULL;
}

static void
conn_io(struct run *r, short revents)
{
	ssize_t n;
	int e = 0;
	socklen_t el = sizeof(e);

	if (r->cs == C_CONNECTING && (revents & (POLLOUT | POLLERR | POLLHUP))) {
		if (getsockopt(r->fd, SOL_SOCKET, SO_ERROR, &e, &el) != 0)
			e = errno;
		if (e != 0) {
			/*
			 * Refused to send is connect()'s own, at once (above).
			 * Later, EACCES is an answer from the network: Linux gives
			 * it for ICMPv6 administratively prohibited (RFC 4443 3.1
			 * code 1), where ICMPv4's code 13 gives EHOSTUNREACH.
			 */
			conn_finish(r, e == ECONNREFUSED ? "refused" : e == ETIMEDOUT ? "timeout" :
			    e == EHOSTUNREACH ? "unreachable" : e == ENETUNREACH ? "no-route" :
			    e == EPERM || e == EACCES ? "prohibited" : "error", e);
			return;
		}
		snprintf(r->l->conn_result, sizeof(r->l->conn_result), "connected");
		r->l->conn_ms = (double)(now_ns() - r->conn_start) / 1e6;
		if (!r->cfg->banner_expected) {
			conn_finish(r, "connected", 0);
			return;
		}
		r->l->banner_expected = true;
		r->cs = C_BANNER;
		r->linelen = 0;
		r->banner_deadline = now_ns() + (int64_t)(r->cfg->banner_wait * 1e9);
		return;
	}
	if ((r->cs == C_BANNER || r->cs == C_FTP_USER || r->cs == C_FTP_PASS) &&
	    (revents & (POLLIN | POLLHUP | POLLERR))) {
		n = read(r->fd, r->line + r->linelen, sizeof(r->line) - 1 - r->linelen);
		if (n <= 0) {
			conn_finish(r, "connected", 0);
			return;
		}
		r->linelen += (size_t)n;
		if (!have_reply(r) && r->linelen < sizeof(r->line) - 1)
			return;
		if (r->cs == C_BANNER) {
			r->l->banner_received = true;
			r->l->banner_ms = (double)(now_ns() - r->conn_start) / 1e6 - r->l->conn_ms;
			keep_line(r->l->banner, sizeof(r->l->banner), r->line, r->linelen);
			if (r->cfg->ftp_user != NULL && strncmp(r->l->banner, "220", 3) == 0) {
				r->l->login_tried = true;
				r->cs = C_FTP_USER;
				send_line(r, "USER", r->cfg->ftp_user);
				return;
			}
			conn_finish(r, "connected", 0);
		} else if (r->cs == C_FTP_USER) {
			keep_line(r->l->login_line, sizeof(r->l->login_line), r->line, r->linelen);
			r->l->login_code = atoi(r->l->login_line);
			if (r->l->login_code == 331) {
				r->cs = C_FTP_PASS;
				send_line(r, "PASS", r->cfg->ftp_pass ? r->cfg->ftp_pass : "");
				return;
			}
			conn_finish(r, "connected", 0);
		} else {
			keep_line(r->l->login_line, sizeof(r->l->login_line), r->line, r->linelen);
			r->l->login_code = atoi(r->l->login_line);
			conn_finish(r, "connected", 0);
		}
	}
}

static bool
test_answered(struct run *r)
{
	int i;

	for (i = 0; i < r->nsent; i++) {
		const struct corr_reply *rep;

		if (r->sent[i].role != R_TEST || (rep = reply_of(r, &r->sent[i])) == NULL)
			continue;
		if (rep->kind == RK_SYNACK && r->synack_seen == 0)
			r->synack_seen = rep->ts;
		return true;
	}
	return false;
}

static bool
host_answered(const struct run *r)
{
	uint32_t i;

	for (i = 0; i < corr_nreplies(r->c); i++) {
		const struct corr_reply *rep = corr_reply(r->c, i);

		if (rep->probe >= 0 && rep->kind != RK_TIME_EXCEEDED &&
		    fl_addr_eq(&rep->from, &r->cfg->dst))
			return true;
	}
	return false;
}

/* Every probe answered, or given its timeout since its last try. */
static bool
probes_settled(struct run *r, int64_t now, double t)
{
	int i;

	for (i = 0; i < r->nsent; i++)
		if (r->sent[i].role != R_TEST && reply_of(r, &r->sent[i]) == NULL &&
		    now < r->sent[i].when + (int64_t)(t * 1e9))
			return false;
	return true;
}

/* The second try: every unanswered probe but the SYN test goes again. */
static int
retry_unanswered(struct run *r, char *err, size_t errlen)
{
	int i, n = r->nsent;

	for (i = 0; i < n; i++) {
		struct sent *s = &r->sent[i];
		uint8_t proto = (s->role == R_PING || s->role == R_PICMP) ? 1 : 6;

		if (s->role == R_TEST || reply_of(r, s) != NULL)
			continue;
		if (send_probe(r, s->role, proto, s->port, s->ttl, err, errlen) != 0)
			return -1;
	}
	return 0;
}

int
syn_run(const struct syn_cfg *cfg, struct craft *cr, struct capture *cap, struct corr *c,
    struct syn_local *l, char *err, size_t errlen)
{
	struct run r;
	struct pollfd pfd[2];
	int i, ttl, rc = -1;

	memset(&r, 0, sizeof(r));
	r.cfg = cfg;
	r.cr = cr;
	r.cap = cap;
	r.c = c;
	r.l = l;
	r.fd = -1;
	r.sent = calloc(MAX_SENT, sizeof(*r.sent));
	if (r.sent == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	l->live = true;
	r.t0 = now_ns();

	/* Everything at once. */
	if (send_probe(&r, R_TEST, 6, cfg->port, 64, err, errlen) != 0)
		goto out;
	r.tests = 1;	/* from here on, a SYN test uses sports[r.tests] */
	r.last_test = now_ns();
	conn_start(&r);
	if (send_probe(&r, R_PING, 1, 0, 64, err, errlen) != 0)
		goto out;
	for (i = 0; i < cfg->ncontrols; i++)
		if (send_probe(&r, R_CTRL, 6, cfg->controls[i], 64, err, errlen) != 0)
			goto out;
	for (ttl = 1; ttl <= cfg->max_ttl; ttl++)
		if (send_probe(&r, R_PSYN, 6, cfg->port, ttl, err, errlen) != 0 ||
		    send_probe(&r, R_PICMP, 1, 0, ttl, err, errlen) != 0)
			goto out;

	for (;;) {
		int64_t now;
		double t;
		int np = 1;
		bool done;

		pfd[0].fd = capture_fd(cap);
		pfd[0].events = POLLIN;
		if (r.fd >= 0 && r.cs != C_DONE) {
			pfd[1].fd = r.fd;
			pfd[1].events = r.cs == C_CONNECTING ? POLLOUT : POLLIN;
			pfd[1].revents = 0;
			np = 2;
		}
		if (poll(pfd, (nfds_t)np, 20) < 0 && errno != EINTR) {
			snprintf(err, errlen, "poll: %s", strerror(errno));
			goto out;
		}
		if (capture_dispatch(cap, -1, replay_frame, (void *)(uintptr_t)cfg->readers, err, errlen) < 0)
			goto out;
		if (np == 2 && pfd[1].revents)
			conn_io(&r, pfd[1].revents);
		if (cfg->stop != NULL && *cfg->stop)
			break;

		now = now_ns();
		t = timeout_s(&r);
		if (!test_answered(&r) && l->send_errno == 0 && r.tests < cfg->attempts &&
		    now >= r.last_test + (int64_t)(t * 1e9)) {
			if (send_probe(&r, R_TEST, 6, cfg->port, 64, err, errlen) != 0)
				goto out;
			r.tests++;
			r.last_test = now_ns();
			if (!r.retried) {
				r.retried = true;
				if (retry_unanswered(&r, err, errlen) != 0)
					goto out;
			}
		}
		/* A SYN-ACK on the wire and still no connection: give it 1 s. */
		if (r.cs == C_CONNECTING && r.synack_seen > 0 &&
		    now > r.synack_seen + (int64_t)((t > 1 ? t : 1) * 1e9))
			conn_finish(&r, "timeout", ETIMEDOUT);
		if ((r.cs == C_BANNER || r.cs == C_FTP_USER || r.cs == C_FTP_PASS) &&
		    now > r.banner_deadline)
			conn_finish(&r, "connected", 0);

		done = (test_answered(&r) || l->send_errno != 0 ||
		    (r.tests >= cfg->attempts && now >= r.last_test + (int64_t)(t * 1e9))) &&
		    probes_settled(&r, now, t) &&
		    (r.cs == C_DONE || r.cs == C_IDLE || (!test_answered(&r) &&
		    now >= r.last_test + (int64_t)(t * 1e9))) &&
		    (host_answered(&r) || l->send_errno != 0 ||
		    now >= r.t0 + (int64_t)(cfg->host_wait * 1e9));
		if (done || now >= r.t0 + (int64_t)(HARD_CAP_S * 1e9))
			break;
	}
	if (r.cs != C_DONE && r.cs != C_IDLE)
		conn_finish(&r, r.cs == C_CONNECTING ? "timeout" : "connected", 0);
	(void)capture_dispatch(cap, -1, replay_frame, (void *)(uintptr_t)cfg->readers, err, errlen);
	corr_finish(c);
	l->duration_s = (double)(now_ns() - r.t0) / 1e9;
	rc = 0;
out:
	if (r.fd >= 0)
		close(r.fd);
	free(r.sent);
	return rc;
}
