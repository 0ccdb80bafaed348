/*
 * The ptrace-slow schedule (see trace.h).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyze/common/readers.h"
#include "analyze/packet/decode.h"
#include "probes/cli/cli.h"
#include "probes/cli/replay.h"
#include "probes/ptrace_slow/trace.h"

struct sent_probe {
	struct corr_key	key;
	int64_t		when;
};

/* What the resolved() predicate needs: per-TTL reply times so far. */
struct waits {
	const struct trace_cfg	*cfg;
	int64_t			 now;
	double			 here[257];	/* max RTT at this TTL, s; 0 none */
	double			 beyond[257];	/* max RTT at any larger TTL */
	double			 any;
};

/* pcap's kernel timestamps are wall-clock: compare like with like. */
#define now_ns	cli_now_ns

int
trace_filter(const struct craft_flow *f, char *buf, size_t len)
{
	char s[FL_ADDRSTRLEN], d[FL_ADDRSTRLEN];
	/* Every ICMP error sent to us: the correlator sorts out whose it is. */
	static const char *errors =
	    "(icmp and dst host %s and (icmp[icmptype] == icmp-unreach or "
	    "icmp[icmptype] == icmp-timxceed or icmp[icmptype] == icmp-paramprob or "
	    "icmp[icmptype] == icmp-sourcequench))";
	char e[400];
	int n;

	fl_addr_str(&f->src, s, sizeof(s));
	fl_addr_str(&f->dst, d, sizeof(d));
	snprintf(e, sizeof(e), errors, s);
	switch (f->proto) {
	case 1:
		n = snprintf(buf, len,
		    "(icmp and src host %s and dst host %s and icmp[icmptype] == icmp-echo and icmp[4:2] == %u) or "
		    "(icmp and src host %s and dst host %s and icmp[icmptype] == icmp-echoreply and icmp[4:2] == %u) or %s",
		    s, d, f->echo_id, d, s, f->echo_id, e);
		break;
	case 17:
		n = snprintf(buf, len,
		    "(udp and src host %s and dst host %s and src port %u and dst port %u) or "
		    "(udp and src host %s and dst host %s and src port %u and dst port %u) or %s",
		    s, d, f->sport, f->dport, d, s, f->dport, f->sport, e);
		break;
	default:
		n = snprintf(buf, len,
		    "(tcp and src host %s and dst host %s and src port %u and dst port %u) or "
		    "(tcp and src host %s and dst host %s and src port %u and dst port %u) or %s",
		    s, d, f->sport, f->dport, d, s, f->dport, f->sport, e);
	}
	return (n < 0 || (size_t)n >= len) ? -1 : 0;
}

/*
 * traceroute's -w MAX,HERE,NEAR: stop waiting for a probe after HERE
 * times the slowest reply already seen from its hop, or NEAR times the
 * slowest from any later hop, and never later than MAX.  A probe beyond
 * every hop that answered waits NEAR times the slowest reply seen
 * anywhere (at least 1 s).  Waits are floored at 100 ms.
 */
static bool
resolved(void *ctx, const struct corr_probe *p)
{
	const struct waits *w = ctx;
	double wait = 0;
	int t = p->ttl;

	if (p->reply >= 0)
		return true;
	if (w->here[t] > 0)
		wait = w->cfg->wait_here * w->here[t];
	if (w->beyond[t] > 0 && w->cfg->wait_near * w->beyond[t] > wait)
		wait = w->cfg->wait_near * w->beyond[t];
	if (w->here[t] == 0 && w->beyond[t] == 0)
		wait = w->any > 0 ? (w->cfg->wait_near * w->any > 1 ? w->cfg->wait_near * w->any : 1) :
		    w->cfg->wait_max;
	if (wait < 0.1)
		wait = 0.1;
	if (wait > w->cfg->wait_max)
		wait = w->cfg->wait_max;
	return w->now >= p->ts + (int64_t)(wait * 1e9);
}

static void
update_waits(struct waits *w, const struct corr *c)
{
	uint32_t i;
	int t;

	memset(w->here, 0, sizeof(w->here));
	memset(w->beyond, 0, sizeof(w->beyond));
	w->any = 0;
	for (i = 0; i < corr_nreplies(c); i++) {
		const struct corr_reply *r = corr_reply(c, i);
		const struct corr_probe *p;
		double rtt;

		if (r->probe < 0 || r->late)
			continue;
		p = corr_probe(c, (uint32_t)r->probe);
		rtt = (double)r->rtt / 1e9;
		if (rtt > w->here[p->ttl])
			w->here[p->ttl] = rtt;
		if (rtt > w->any)
			w->any = rtt;
	}
	for (t = 255; t >= 0; t--)
		w->beyond[t] = w->here[t + 1] > w->beyond[t + 1] ? w->here[t + 1] : w->beyond[t + 1];
}

static bool
all_resolved(const struct corr *c, struct waits *w)
{
	uint32_t i;

	for (i = 0; i < corr_nprobes(c); i++)
		if (!resolved(w, corr_probe(c, i)))
			return false;
	return true;
}

static int
send_one(struct craft *cr, uint16_t idx, int ttl, struct sent_probe *rec, char *err,
    size_t errlen)
{
	int tries;

	if (craft_build(cr, idx, (uint8_t)ttl, &rec->key, err, errlen) != 0)
		return -1;
	for (tries = 0;; tries++) {
		if (craft_send(cr, err, errlen) == 0)
			break;
		/* A full socket buffer is transient; anything else is not. */
		if (errno != ENOBUFS || tries >= 20)
			return -1;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	rec->when = now_ns();
	return 0;
}

int
trace_run(const struct trace_cfg *cfg, struct craft *cr, struct capture *cap, struct corr *c,
    const struct path_params *base, struct trace_stats *st, char *err, size_t errlen)
{
	struct sent_probe *sent = NULL;
	struct path_params pp = *base;
	struct readers rd;
	struct path_result res;
	struct waits w;
	struct pollfd pfd;
	int64_t start = now_ns(), next_round = start, last_send = start;
	enum verdict_kind prev_kind = VK_INCONCLUSIVE;
	int prev_hop = -1, limit = cfg->max_ttl, rc = -1;
	bool sending = true, settled = false;
	uint32_t cap_sent = CRAFT_MAX_PROBES;
	char ierr[128];

	memset(st, 0, sizeof(*st));
	memset(&w, 0, sizeof(w));
	readers_init(&rd);
	readers_add(&rd, corr_reader, c);
	w.cfg = cfg;
	pp.resolved = resolved;
	pp.ctx = &w;
	sent = calloc(cap_sent, sizeof(*sent));
	if (sent == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	pfd.fd = capture_fd(cap);
	pfd.events = POLLIN;

	for (;;) {
		int64_t now = now_ns(), timeout_ms;

		if (cfg->stop != NULL && *cfg->stop) {
			st->interrupted = true;
			break;
		}
		/*
		 * Later rounds wait for round 1 to settle (destination heard,
		 * unreachable, or every probe decided): until then the
		 * destination's distance is unknown and a round would probe
		 * every TTL again.
		 */
		if (sending && now >= next_round && (st->rounds == 0 || settled)) {
			int ttl, q;

			if (st->rounds >= cfg->max_rounds ||
			    st->sent + (uint32_t)((limit - cfg->first_ttl + 1) * cfg->nqueries) > cap_sent) {
				sending = false;
			} else {
				for (q = 0; q < cfg->nqueries; q++)
					for (ttl = cfg->first_ttl; ttl <= limit; ttl++) {
						if (send_one(cr, (uint16_t)st->sent, ttl, &sent[st->sent],
						    err, errlen) != 0)
							goto out;
						st->sent++;
					}
				st->rounds++;
				last_send = now_ns();
				next_round = now + (int64_t)(cfg->interval_s * 1e9);
			}
		}

		/* Poll until the next round is due; a reply wakes us earlier. */
		timeout_ms = sending && (st->rounds == 0 || settled) ?
		    (next_round - now_ns()) / 1000000 : 20;
		if (timeout_ms > 20)
			timeout_ms = 20;
		if (timeout_ms < 0)
			timeout_ms = 0;
		if (poll(&pfd, 1, (int)timeout_ms) < 0 && errno != EINTR) {
			snprintf(err, errlen, "poll: %s", strerror(errno));
			goto out;
		}
		if (capture_dispatch(cap, -1, replay_frame, &rd, err, errlen) < 0)
			goto out;

		now = now_ns();
		if (sending && now < next_round)
			continue;
		/* A round boundary (or draining): look at what we have. */
		w.now = now;
		update_waits(&w, c);
		if (corr_ngroups(c) > 0 && infer_path(c, 0, &pp, &res, ierr, sizeof(ierr)) == 0) {
			const struct path_verdict *v = &res.verdict;

			if (res.dest_ttl > 0)
				limit = res.dest_ttl;
			else if (v->kind == VK_UNREACHABLE)
				limit = v->hop + 1;	/* one past the router, to keep drawing it */
			else if (res.last_ttl > 0) {
				int last = 0, t;

				for (t = res.first_ttl; t <= res.last_ttl; t++)
					if (res.hops[t].probed && res.hops[t].received > 0)
						last = t;
				limit = last > 0 ? last + 2 : cfg->max_ttl;
			}
			if (!settled)
				settled = res.dest_ttl > 0 || v->kind == VK_UNREACHABLE ||
				    all_resolved(c, &w);
			if (limit > cfg->max_ttl)
				limit = cfg->max_ttl;
			if (limit < cfg->first_ttl)
				limit = cfg->first_ttl;
			if (cfg->progress != NULL)
				cfg->progress(cfg->progress_ctx, st->rounds, st->sent, res.replies,
				    res.dest_ttl);
			if (sending && st->rounds >= cfg->rounds && v->significant &&
			    v->kind == prev_kind && v->hop == prev_hop)
				sending = false;
			prev_kind = v->kind;
			prev_hop = v->hop;
			path_result_free(&res);
		}
		if (!sending && (all_resolved(c, &w) ||
		    now > last_send + (int64_t)((cfg->wait_max + 0.2) * 1e9)))
			break;
	}
	(void)capture_dispatch(cap, -1, replay_frame, &rd, err, errlen);
	corr_finish(c);
	{
		uint32_t i;

		for (i = 0; i < st->sent; i++)
			if (corr_find(c, &sent[i].key) < 0)
				st->unseen++;
	}
	st->duration_s = (double)(now_ns() - start) / 1e9;
	rc = 0;
out:
	free(sent);
	return rc;
}
