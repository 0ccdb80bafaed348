/*
 * ptrace-slow's inference rules.  man/ptrace-slow.1 states them for
 * users; the numbers come from struct path_params.
 *
 * Latency: a rise at hop k is p25(k) - p25(b), where b is the last
 * earlier hop that answered and whose own latency was not a spike that
 * later hops dropped back from (this host counts as a hop at 0 ms).  It
 * counts above max(floor, noise_k x MAD(b)).  It persists when every
 * later answering hop j, the destination included, stays above
 * p25(b) + persist_frac x rise - min(4 x MAD(j) / sqrt(n(j)), rise / 4):
 * the allowance covers the sampling error of p25(j) (about two standard
 * errors) on a hop whose replies spread widely, but a later hop must
 * always keep at least half the rise.  A counted rise that does not
 * persist is ICMP deprioritisation at that router and is never blamed.
 *
 * Loss: judged against the destination's own loss.  The lossy link
 * starts at the first hop of the run of answering hops, ending at the
 * destination, that each lose at least half the destination's share;
 * it must be significant (binomial tests) both at the destination and
 * against the hop before it.  Loss at one hop that later hops do not
 * show is that router limiting its ICMP rate.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ptrace_slow/infer.h"

struct sample {
	int64_t		ts;
	double		rtt;		/* ms; < 0 when unanswered */
	uint32_t	pframe, rframe;
	uint8_t		ttl;		/* the probe's */
};

struct hop_work {
	struct sample	*s;
	size_t		 n, cap;
	uint32_t	 ttl_hist[256];
	bool		 icmp_err_replies;	/* answered by ICMP errors */
};

struct rise {
	int		k, b;		/* TTLs; b = 0 is this host */
	double		r;		/* ms */
	const char	*cause;
};

static const char *verdict_names[] = {
	"clean", "bottleneck", "lossy-link", "unreachable", "incomplete", "inconclusive"
};
static const char *finding_names[] = {
	"latency-rise", "lossy-link", "unreachable", "incomplete",
	"icmp-deprioritized", "rate-limited", "silent", "return-path",
	"multipath", "tool-timing"
};
static const char *flag_names[HF_NFLAGS] = {
	"silent", "destination", "icmp-deprioritized", "rate-limited",
	"return-longer", "return-shorter", "rise", "bottleneck", "lossy-link",
	"unreachable", "multipath", "late-replies", "duplicates", "mpls"
};

const char *
path_verdict_name(enum verdict_kind k)
{
	return (unsigned int)k < sizeof(verdict_names) / sizeof(verdict_names[0]) ?
	    verdict_names[k] : "inconclusive";
}


const char *
path_finding_name(enum finding_kind k)
{
	return (unsigned int)k < sizeof(finding_names) / sizeof(finding_names[0]) ?
	    finding_names[k] : "finding";
}

const char *
path_flag_name(unsigned int bit)
{
	return bit < HF_NFLAGS ? flag_names[bit] : NULL;
}

void
infer_path_defaults(struct path_params *p)
{
	memset(p, 0, sizeof(*p));
	p->floor_ms = 2.0;
	p->noise_k = 3.0;
	p->persist_frac = 0.75;
	p->alpha = 0.01;
	p->base_loss = 0.01;
	p->min_samples = 3;
}

static int
push_sample(struct hop_work *w, const struct sample *s)
{
	if (w->n == w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 16;
		void *n = realloc(w->s, ncap * sizeof(*w->s));

		if (n == NULL)
			return -1;
		w->s = n;
		w->cap = ncap;
	}
	w->s[w->n++] = *s;
	return 0;
}

static bool
from_dest(const struct path_result *res, const struct corr_reply *r)
{
	return fl_addr_eq(&r->from, &res->dst) && r->kind != RK_TIME_EXCEEDED;
}


static void
describe_probe(const struct path_result *res, const struct corr_probe *p,
    char *buf, size_t len)
{
	char d[FL_ADDRSTRLEN];

	switch (p->key.proto) {
	case 1:
		snprintf(buf, len, "echo request to %s, ttl %u, id %u seq %u",
		    verdict_addr(&res->dst, d), p->ttl, p->key.a, (unsigned int)p->key.c);
		break;
	case 17:
		snprintf(buf, len, "UDP %u -> %s:%u, ttl %u, checksum 0x%04x",
		    p->key.a, verdict_addr(&res->dst, d), p->key.b, p->ttl, (unsigned int)p->key.c);
		break;
	default:
		snprintf(buf, len, "TCP SYN %u -> %s:%u, ttl %u, seq %u",
		    p->key.a, verdict_addr(&res->dst, d), p->key.b, p->ttl, (unsigned int)p->key.c);
	}
}


/* A probe and its reply (or its absence) as two evidence lines. */
static int
evidence_probe(struct path_result *res, const struct corr *c, const struct corr_probe *p)
{
	const struct corr_reply *r = p->reply >= 0 ? corr_reply(c, (uint32_t)p->reply) : NULL;
	char line[200], desc[160], a[FL_ADDRSTRLEN];

	describe_probe(res, p, desc, sizeof(desc));
	if (r == NULL) {
		snprintf(line, sizeof(line), "%s: no reply", desc);
		return evidence_add(&res->ev, p->frame, "%s", line);
	}
	if (evidence_add(&res->ev, p->frame, "%s", desc) != 0)
		return -1;
	if (r->kind == RK_TIME_EXCEEDED || r->kind == RK_UNREACH || r->kind == RK_PARAM)
		snprintf(line, sizeof(line), "%s from %s (reply ttl %u) answering frame %u, rtt %.*f ms",
		    dec_icmp_name(r->icmp_type, r->icmp_code), verdict_addr(&r->from, a), r->ttl,
		    p->frame, r->rtt < 10000000 ? 2 : 1, (double)r->rtt / 1e6);
	else
		snprintf(line, sizeof(line), "%s from %s (reply ttl %u) answering frame %u, rtt %.*f ms",
		    corr_reply_kind_name(r->kind), verdict_addr(&r->from, a), r->ttl,
		    p->frame, r->rtt < 10000000 ? 2 : 1, (double)r->rtt / 1e6);
	return evidence_add(&res->ev, r->frame, "%s", line);
}

static int
add_finding(struct path_result *res, size_t *cap, const struct path_finding *f)
{
	if (res->nfindings == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		void *n = realloc(res->findings, ncap * sizeof(*res->findings));

		if (n == NULL)
			return -1;
		res->findings = n;
		*cap = ncap;
	}
	res->findings[res->nfindings++] = *f;
	return 0;
}

static void
finding_init(struct path_finding *f, enum finding_kind kind, const struct path_hop *h)
{
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->p_value = -1;
	if (h != NULL) {
		f->hop = h->ttl;
		f->addr = h->addr;
	}
}

static struct link_end
end_of(const struct path_result *res, int ttl)
{
	struct link_end e;

	memset(&e, 0, sizeof(e));
	e.ttl = ttl;
	if (ttl == 0)
		e.addr = res->src;
	else
		e.addr = res->hops[ttl].addr;
	return e;
}

/* "hop 9 (129.250.4.197)" or "this host". */
static const char *
hop_label(const struct path_result *res, int ttl, char *buf, size_t len)
{
	char a[FL_ADDRSTRLEN];

	if (ttl == 0)
		snprintf(buf, len, "this host");
	else if (fl_addr_is_set(&res->hops[ttl].addr))
		snprintf(buf, len, "hop %d (%s)", ttl, verdict_addr(&res->hops[ttl].addr, a));
	else
		snprintf(buf, len, "hop %d", ttl);
	return buf;
}

static bool
responding(const struct path_result *res, int ttl)
{
	return res->hops[ttl].probed && res->hops[ttl].received > 0;
}

/* About two standard errors of a hop's p25 (2 x 1.36 sigma / sqrt n). */
static double
sampling_allowance(const struct path_hop *h)
{
	return h->received > 0 ? 4 * h->rtt.mad / sqrt((double)h->received) : 0;
}

static double
spread(const struct path_hop *h)
{
	return h->rtt.median - h->rtt.min;
}

/*
 * Queueing or a fixed step?  Queueing widens the spread above the
 * minimum (some probes find the queue empty, most do not), and since
 * every later hop sits behind the same queue, the wider spread
 * persists.  A longer or slower link moves the minimum itself and
 * leaves the spread alone.  Spread is median minus minimum.
 */
static const char *
rise_cause(const struct path_result *res, const struct path_params *pp, int b, int k,
    int last, double r)
{
	const struct path_hop *hk = &res->hops[k];
	double spread_b = b ? spread(&res->hops[b]) : 0, growth = spread(hk) - spread_b;
	double later[PATH_MAX_HOPS], med;
	size_t n = 0, i, j;
	int t;

	if (growth < fmax(pp->floor_ms, 0.5 * r))
		return "fixed-delay";
	for (t = k + 1; t <= last; t++)
		if (responding(res, t))
			later[n++] = spread(&res->hops[t]);
	if (n == 0)
		return "queueing";
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && later[j] < later[j - 1]; j--) {
			double x = later[j];

			later[j] = later[j - 1];
			later[j - 1] = x;
		}
	med = n % 2 ? later[n / 2] : (later[n / 2 - 1] + later[n / 2]) / 2;
	return med >= spread_b + 0.5 * growth ? "queueing" : "fixed-delay";
}

/*
 * A Linux-style ICMP rate limit lets a burst through and then about one
 * reply a second: after the first loss, replies come no faster than
 * ~1.5/s although probes were sent faster than 3/s.
 */
static bool
token_bucket_like(const struct hop_work *w, double *rate)
{
	size_t i, first_loss = w->n, sent_after = 0, ans_after = 0;
	double span;

	for (i = 0; i < w->n; i++)
		if (w->s[i].rtt < 0) {
			first_loss = i;
			break;
		}
	if (first_loss < 2 || first_loss >= w->n)
		return false;
	for (i = first_loss; i < w->n; i++) {
		sent_after++;
		if (w->s[i].rtt >= 0)
			ans_after++;
	}
	span = (double)(w->s[w->n - 1].ts - w->s[first_loss].ts) / 1e9;
	if (sent_after < 4 || span <= 0 || (double)sent_after / span < 3)
		return false;
	*rate = (double)ans_after / span;
	return (double)ans_after <= 1 + 1.5 * span;
}

static void
summarise_hop(struct path_hop *h, const struct hop_work *w)
{
	double *x;
	size_t i, n = 0;
	uint32_t best = 0;
	int t;

	x = malloc((w->n ? w->n : 1) * sizeof(*x));
	h->best_rtt = -1;
	for (i = 0; i < w->n; i++) {
		if (w->s[i].rtt < 0)
			continue;
		if (x != NULL)
			x[n++] = w->s[i].rtt;
		if (h->best_rtt < 0 || w->s[i].rtt < h->best_rtt) {
			h->best_rtt = w->s[i].rtt;
			h->best_probe_frame = w->s[i].pframe;
			h->best_reply_frame = w->s[i].rframe;
		}
	}
	if (x != NULL)
		(void)stats_summarise(x, n, &h->rtt);
	free(x);
	h->loss_pct = h->sent ? 100.0 * (double)(h->sent - h->received) / (double)h->sent : 0;
	h->reply_ttl = -1;
	for (t = 0; t < 256; t++)
		if (w->ttl_hist[t] > best) {
			best = w->ttl_hist[t];
			h->reply_ttl = t;
		}
	h->return_hops = h->reply_ttl > 0 ? corr_return_hops(h->reply_ttl) : -1;
}

static void
note_responder(struct path_hop *h, const struct fl_addr *a)
{
	int i;

	for (i = 0; i < h->naddrs; i++)
		if (fl_addr_eq(&h->addrs[i].addr, a)) {
			h->addrs[i].count++;
			return;
		}
	if (h->naddrs < PATH_MAX_RESP) {
		h->addrs[h->naddrs].addr = *a;
		h->addrs[h->naddrs].count = 1;
		h->naddrs++;
	}
}

static void
sort_responders(struct path_hop *h)
{
	int i, j;

	for (i = 1; i < h->naddrs; i++)
		for (j = i; j > 0 && h->addrs[j].count > h->addrs[j - 1].count; j--) {
			struct path_responder t = h->addrs[j];

			h->addrs[j] = h->addrs[j - 1];
			h->addrs[j - 1] = t;
		}
	if (h->naddrs > 0)
		h->addr = h->addrs[0].addr;
}

/* Where the capture's length went, when it was not the network. */
static int
tool_timing(const struct corr *c, uint32_t group, struct path_result *res, size_t *fcap)
{
	struct path_finding f;
	const struct corr_probe *p, *prev = NULL;
	double span, wait_unans = 0, pauses = 0, max_pause = 0, gap;
	uint32_t i, unans = 0;

	span = (double)(res->last_ts - res->first_ts) / 1e9;
	if (span < 5 || span * 1000 < 20 * res->max_rtt_ms)
		return 0;
	for (i = 0; i < corr_nprobes(c); i++) {
		p = corr_probe(c, i);
		if (p->group != group)
			continue;
		if (prev != NULL) {
			if (prev->reply < 0) {
				wait_unans += (double)(p->ts - prev->ts) / 1e9;
				unans++;
			} else {
				gap = (double)(p->ts - corr_reply(c, (uint32_t)prev->reply)->ts) / 1e9;
				if (gap > 0) {
					pauses += gap;
					max_pause = fmax(max_pause, gap);
				}
			}
		}
		prev = p;
	}
	finding_init(&f, FK_TOOL_TIMING, NULL);
	snprintf(f.summary, sizeof(f.summary),
	    "The trace took %.1f s, but no reply took longer than %.0f ms: %.1f s went on "
	    "waiting out %u unanswered probe%s and %.1f s on the tracing program's own pauses "
	    "between probes (up to %.1f s), so its slowness is the tool's timing, not the network's.",
	    span, res->max_rtt_ms, wait_unans, unans, unans == 1 ? "" : "s", pauses, max_pause);
	return add_finding(res, fcap, &f);
}

/* Notes read best by hop; those about no hop come last.  Stable. */
static void
sort_findings(struct path_result *res)
{
	size_t i, j;

	for (i = 1; i < res->nfindings; i++) {
		struct path_finding f = res->findings[i];
		int key = f.hop > 0 ? f.hop : 1000;

		for (j = i; j > 0; j--) {
			int prev = res->findings[j - 1].hop > 0 ? res->findings[j - 1].hop : 1000;

			if (prev <= key)
				break;
			res->findings[j] = res->findings[j - 1];
		}
		res->findings[j] = f;
	}
}

int
infer_path(const struct corr *c, uint32_t group, const struct path_params *pp,
    struct path_result *res, char *errbuf, size_t errlen)
{
	const struct corr_group *g = corr_group(c, group);
	struct hop_work *w = NULL;
	struct rise rises[PATH_MAX_HOPS];
	size_t nrises = 0, fcap = 0, i;
	int t, b, k, unreach_ttl = -1, last_resp = 0, rc = -1;
	int32_t unreach_probe = -1;
	struct path_finding f;
	struct path_verdict *v = &res->verdict;
	char l1[96], l2[96], a[FL_ADDRSTRLEN];
	uint32_t pi;

	memset(res, 0, sizeof(*res));
	if (g == NULL) {
		snprintf(errbuf, errlen, "no such probe group");
		return -1;
	}
	res->hops = calloc(PATH_MAX_HOPS, sizeof(*res->hops));
	w = calloc(PATH_MAX_HOPS, sizeof(*w));
	if (res->hops == NULL || w == NULL)
		goto nomem;
	res->src = g->src;
	res->dst = g->dst;
	res->proto = g->proto;
	res->dest_ttl = -1;
	res->first_ttl = 256;
	res->first_ts = g->first_ts;
	res->last_ts = g->last_ts;

	/* Pass 1: where the destination and any unreachable answered. */
	for (pi = 0; pi < corr_nprobes(c); pi++) {
		const struct corr_probe *p = corr_probe(c, pi);
		const struct corr_reply *r;

		if (p->group != group || p->reply < 0)
			continue;
		r = corr_reply(c, (uint32_t)p->reply);
		if (from_dest(res, r)) {
			if (res->dest_ttl < 0 || p->ttl < res->dest_ttl)
				res->dest_ttl = p->ttl;
		} else if (r->kind == RK_UNREACH && (unreach_ttl < 0 || p->ttl < unreach_ttl)) {
			unreach_ttl = p->ttl;
			unreach_probe = (int32_t)pi;
		}
	}

	/* Pass 2: samples per hop; beyond the destination, they are its own. */
	for (pi = 0; pi < corr_nprobes(c); pi++) {
		const struct corr_probe *p = corr_probe(c, pi);
		const struct corr_reply *r = NULL;
		struct path_hop *h;
		struct sample s;

		if (p->group != group)
			continue;
		if (p->reply >= 0)
			r = corr_reply(c, (uint32_t)p->reply);
		if (r == NULL && pp->resolved != NULL && !pp->resolved(pp->ctx, p))
			continue;
		res->flow_id = p->key.a;
		res->dport = p->key.b;
		res->probes++;
		t = p->ttl;
		if (t == 0)
			continue;
		if (res->dest_ttl > 0 && t > res->dest_ttl) {
			if (r != NULL && !from_dest(res, r))
				continue;	/* a path change; not the destination's */
			t = res->dest_ttl;
		}
		h = &res->hops[t];
		h->probed = true;
		h->ttl = (uint8_t)t;
		h->sent++;
		if (t < res->first_ttl)
			res->first_ttl = t;
		if (t > res->last_ttl)
			res->last_ttl = t;
		memset(&s, 0, sizeof(s));
		s.ts = p->ts;
		s.pframe = p->frame;
		s.ttl = p->ttl;
		s.rtt = -1;
		if (p->nreplies > 1)
			h->dups += p->nreplies - 1u;
		if (r == NULL) {
			if (p->late_reply >= 0)
				h->late++;
		} else {
			res->replies++;
			h->received++;
			s.rtt = (double)r->rtt / 1e6;
			s.rframe = r->frame;
			if (s.rtt > res->max_rtt_ms)
				res->max_rtt_ms = s.rtt;
			if (r->ts > res->last_ts)
				res->last_ts = r->ts;
			note_responder(h, &r->from);
			h->answers[r->kind]++;
			if (r->kind == RK_UNREACH && r->icmp_code < 16)
				h->unreach[r->icmp_code]++;
			w[t].ttl_hist[r->ttl]++;
			if (r->kind == RK_TIME_EXCEEDED || r->kind == RK_UNREACH ||
			    r->kind == RK_PARAM)
				w[t].icmp_err_replies = true;
			if (r->n_mpls > 0) {
				h->n_mpls = r->n_mpls;
				memcpy(h->mpls, r->mpls, sizeof(h->mpls));
			}
		}
		if (push_sample(&w[t], &s) != 0)
			goto nomem;
	}
	if (res->first_ttl > res->last_ttl)
		res->first_ttl = res->last_ttl;

	for (t = res->first_ttl; t <= res->last_ttl && t > 0; t++) {
		struct path_hop *h = &res->hops[t];

		if (!h->probed)
			continue;
		sort_responders(h);
		summarise_hop(h, &w[t]);
		if (h->received == 0)
			h->flags |= HF_SILENT;
		else
			last_resp = t;
		if (t == res->dest_ttl)
			h->flags |= HF_DESTINATION;
		if (h->naddrs > 1)
			h->flags |= HF_MULTIPATH;
		if (h->late > 0)
			h->flags |= HF_LATE;
		if (h->dups > 0)
			h->flags |= HF_DUPLICATES;
		if (h->n_mpls > 0)
			h->flags |= HF_MPLS;
		if (h->return_hops > 0 && h->return_hops - t >= 2)
			h->flags |= HF_RETURN_LONGER;
		if (h->return_hops > 0 && t - h->return_hops >= 2)
			h->flags |= HF_RETURN_SHORTER;
	}

	/* Latency: rises that start at a hop and persist. */
	b = 0;
	for (k = res->first_ttl; k <= last_resp && k > 0; k++) {
		double base_p25, r, noise;
		bool persists = true;
		int j;

		if (!responding(res, k))
			continue;
		base_p25 = b ? res->hops[b].rtt.p25 : 0;
		noise = b ? pp->noise_k * res->hops[b].rtt.mad : 0;
		r = res->hops[k].rtt.p25 - base_p25;
		if (r <= pp->floor_ms || r <= noise) {
			b = k;
			continue;
		}
		for (j = k + 1; j <= last_resp; j++)
			if (responding(res, j) && res->hops[j].rtt.p25 < base_p25 +
			    pp->persist_frac * r - fmin(sampling_allowance(&res->hops[j]), r / 4)) {
				persists = false;
				break;
			}
		if (!persists) {
			res->hops[k].flags |= HF_ICMP_DEPRIORITIZED;
			finding_init(&f, FK_ICMP_DEPRIORITIZED, &res->hops[k]);
			f.added_ms = r;
			snprintf(f.summary, sizeof(f.summary),
			    "%s answers %.1f ms slower than %s, but later hops do not keep the delay: "
			    "the router is slow to generate ICMP, not slow to forward; not a fault.",
			    hop_label(res, k, l1, sizeof(l1)), r, hop_label(res, b, l2, sizeof(l2)));
			if (add_finding(res, &fcap, &f) != 0)
				goto nomem;
			continue;
		}
		rises[nrises].k = k;
		rises[nrises].b = b;
		rises[nrises].r = r;
		rises[nrises].cause = rise_cause(res, pp, b, k, last_resp, r);
		res->hops[k].flags |= HF_RISE;
		nrises++;
		b = k;
	}

	/* Loss: per hop, against what later hops and the destination show. */
	{
		const struct path_hop *d = res->dest_ttl > 0 ? &res->hops[res->dest_ttl] : NULL;
		int ref = d ? res->dest_ttl : last_resp;
		double lref = ref ? (double)(res->hops[ref].sent - res->hops[ref].received) /
		    (double)(res->hops[ref].sent ? res->hops[ref].sent : 1) : 0;
		bool dest_rl = false;
		double rate = 0;

		if (d != NULL && w[res->dest_ttl].icmp_err_replies &&
		    token_bucket_like(&w[res->dest_ttl], &rate))
			dest_rl = true;
		for (t = res->first_ttl; t <= last_resp && t > 0; t++) {
			struct path_hop *h = &res->hops[t];
			unsigned int lost = h->sent - h->received;
			double pv;

			if (!responding(res, t) || lost == 0 || (t == ref && !dest_rl))
				continue;
			if (t != ref) {
				pv = stats_binom_upper(lost, h->sent, fmax(pp->base_loss, lref));
				if (pv >= pp->alpha)
					continue;
			} else {
				pv = -1;
			}
			h->flags |= HF_RATE_LIMITED;
			finding_init(&f, FK_RATE_LIMITED, h);
			f.loss_pct = h->loss_pct;
			f.p_value = pv;
			if (token_bucket_like(&w[t], &rate))
				snprintf(f.summary, sizeof(f.summary),
				    "%s answered %u of %u probes (replies capped near %.1f/s after a "
				    "burst) while later hops answered: it limits its ICMP rate; not a fault.",
				    hop_label(res, t, l1, sizeof(l1)), h->received, h->sent, rate);
			else
				snprintf(f.summary, sizeof(f.summary),
				    "%s answered %u of %u probes while later hops lost less: the router "
				    "limits or drops its own ICMP replies, not the traffic it forwards; "
				    "not a fault.", hop_label(res, t, l1, sizeof(l1)), h->received, h->sent);
			if (add_finding(res, &fcap, &f) != 0)
				goto nomem;
		}

		/* A lossy link: loss that starts at hop k and persists. */
		memset(v, 0, sizeof(*v));
		v->p_value = -1;
		if (d != NULL && !dest_rl && d->sent > d->received) {
			unsigned int lost_d = d->sent - d->received;
			double ld = (double)lost_d / (double)d->sent;
			double pd = stats_binom_upper(lost_d, d->sent, pp->base_loss);
			int start = res->dest_ttl, before = 0;
			bool placed;

			for (t = res->dest_ttl - 1; t >= res->first_ttl && t > 0; t--) {
				if (!responding(res, t))
					continue;
				if ((double)(res->hops[t].sent - res->hops[t].received) /
				    (double)res->hops[t].sent >= 0.5 * ld) {
					start = t;
					continue;
				}
				before = t;
				break;
			}
			placed = before == 0 || stats_binom_lower(
			    res->hops[before].sent - res->hops[before].received,
			    res->hops[before].sent, ld) < pp->alpha;
			if (pd < pp->alpha) {
				finding_init(&f, FK_LOSSY_LINK, &res->hops[start]);
				f.has_link = true;
				f.from = end_of(res, before);
				f.to = end_of(res, start);
				f.loss_pct = 100 * ld;
				f.p_value = pd;
				snprintf(f.summary, sizeof(f.summary),
				    "%.0f%% of probes to the destination are lost, and the loss starts "
				    "between %s and %s and persists to the destination%s.",
				    100 * ld, hop_label(res, before, l1, sizeof(l1)),
				    hop_label(res, start, l2, sizeof(l2)),
				    placed ? "" : " (too few samples yet to place it firmly)");
				if (placed)
					res->hops[start].flags |= HF_LOSSY_LINK;
				f.located = placed;
				if (add_finding(res, &fcap, &f) != 0)
					goto nomem;
			} else {
				snprintf(v->reason, sizeof(v->reason),
				    "the destination lost %u of %u probes, not enough to tell a lossy "
				    "link from chance", lost_d, d->sent);
			}
		}
	}

	/* Silent routers: not answering is not losing. */
	for (t = res->first_ttl; t > 0 && t <= res->last_ttl; t++) {
		struct path_hop *h = &res->hops[t];

		if (!h->probed || !(h->flags & HF_SILENT) || t > last_resp)
			continue;
		finding_init(&f, FK_SILENT, h);
		snprintf(f.summary, sizeof(f.summary),
		    "hop %d never answered (%u probes) but later hops did: the router does not "
		    "send time-exceeded messages, which is policy, not a fault.", t, h->sent);
		if (add_finding(res, &fcap, &f) != 0)
			goto nomem;
	}

	/* Asymmetry hints (one finding for all such hops) and multipath. */
	{
		char list[200] = "";
		size_t used = 0;
		int nret = 0, longer = 0;

		for (t = res->first_ttl; t > 0 && t <= res->last_ttl; t++) {
			struct path_hop *h = &res->hops[t];
			int n;

			if (!h->probed || !(h->flags & (HF_RETURN_LONGER | HF_RETURN_SHORTER)))
				continue;
			nret++;
			if (h->flags & HF_RETURN_LONGER)
				longer++;
			n = snprintf(list + used, sizeof(list) - used, "%s%d (%d back)",
			    used ? ", " : "", t, h->return_hops);
			if (n > 0 && (size_t)n < sizeof(list) - used)
				used += (size_t)n;
		}
		if (nret > 0) {
			finding_init(&f, FK_RETURN_PATH, NULL);
			snprintf(f.summary, sizeof(f.summary),
			    "The TTL of the replies suggests a return path %s than the way out "
			    "at hop%s %s: routing is asymmetric there, so a delay seen at those "
			    "hops may lie on the way back (a hint, not a fault).",
			    longer * 2 >= nret ? "longer" : "shorter", nret > 1 ? "s" : "", list);
			if (add_finding(res, &fcap, &f) != 0)
				goto nomem;
		}
		for (t = res->first_ttl; t > 0 && t <= res->last_ttl; t++) {
			struct path_hop *h = &res->hops[t];

			if (!h->probed || !(h->flags & HF_MULTIPATH))
				continue;
			finding_init(&f, FK_MULTIPATH, h);
			snprintf(f.summary, sizeof(f.summary),
			    "%d different routers answered at hop %d: load balancing or a route "
			    "change during the run.", h->naddrs, t);
			if (add_finding(res, &fcap, &f) != 0)
				goto nomem;
		}
	}

	/* Every persisting rise is a finding; the largest is the bottleneck. */
	{
		size_t best = nrises;

		for (i = 0; i < nrises; i++)
			if (best == nrises || rises[i].r > rises[best].r)
				best = i;
		for (i = 0; i < nrises; i++) {
			finding_init(&f, FK_LATENCY_RISE, &res->hops[rises[i].k]);
			f.has_link = true;
			f.from = end_of(res, rises[i].b);
			f.to = end_of(res, rises[i].k);
			f.added_ms = rises[i].r;
			f.cause = rises[i].cause;
			snprintf(f.summary, sizeof(f.summary),
			    "+%.1f ms (round trip) from %s to %s, kept by every later hop (%s).",
			    rises[i].r, hop_label(res, rises[i].b, l1, sizeof(l1)),
			    hop_label(res, rises[i].k, l2, sizeof(l2)),
			    strcmp(rises[i].cause, "queueing") == 0 ?
			    "queueing: the spread grows, a sign of congestion" :
			    "fixed delay: the minimum itself steps up, a sign of distance or a slow link");
			if (i == best)
				res->hops[rises[i].k].flags |= HF_BOTTLENECK;
			if (add_finding(res, &fcap, &f) != 0)
				goto nomem;
		}

		/* The verdict. */
		if (res->dest_ttl < 0) {
			const struct corr_probe *up = unreach_probe >= 0 ?
			    corr_probe(c, (uint32_t)unreach_probe) : NULL;

			if (up != NULL) {
				const struct corr_reply *r = corr_reply(c, (uint32_t)up->reply);
				struct path_hop *h;

				/*
				 * A router that filters (rather than lacks a route)
				 * answers its own TTL with time-exceeded and larger
				 * ones with unreachable: it sits where it answered
				 * first.
				 */
				for (t = res->first_ttl; t > 0 && t < unreach_ttl; t++)
					if (fl_addr_eq(&res->hops[t].addr, &r->from)) {
						unreach_ttl = t;
						break;
					}
				h = &res->hops[unreach_ttl];
				v->kind = VK_UNREACHABLE;
				v->hop = unreach_ttl;
				v->addr = r->from;
				v->significant = true;
				h->flags |= HF_UNREACHABLE;
				snprintf(v->summary, sizeof(v->summary),
				    "The destination cannot be reached: the router at hop %d (%s) "
				    "answers %s.", unreach_ttl, verdict_addr(&r->from, a),
				    dec_icmp_name(r->icmp_type, r->icmp_code));
				if (evidence_probe(res, c, up) != 0)
					goto nomem;
			} else {
				v->kind = VK_INCOMPLETE;
				v->hop = last_resp;
				v->significant = true;
				if (last_resp > 0) {
					v->addr = res->hops[last_resp].addr;
					snprintf(v->summary, sizeof(v->summary),
					    "The path goes silent after hop %d (%s): no router beyond it "
					    "and not the destination answered, so probes are dropped or "
					    "filtered after that router.", last_resp, verdict_addr(&v->addr, a));
				} else {
					snprintf(v->summary, sizeof(v->summary),
					    "Nothing answered: not the first router and not the "
					    "destination (check this host's own firewall and route).");
				}
			}
		} else {
			const struct path_finding *loss = NULL;
			struct path_hop *d = &res->hops[res->dest_ttl];

			for (i = 0; i < res->nfindings; i++)
				if (res->findings[i].kind == FK_LOSSY_LINK)
					loss = &res->findings[i];
			if (unreach_ttl > 0)
				snprintf(v->reason, sizeof(v->reason),
				    "hop %d also answered unreachable at times", unreach_ttl);
			if (loss != NULL && loss->located &&
			    (best == nrises || rises[best].k != loss->hop)) {
				v->kind = VK_LOSSY_LINK;
				v->hop = loss->hop;
				v->addr = loss->addr;
				v->has_link = true;
				v->from = loss->from;
				v->to = loss->to;
				v->loss_pct = loss->loss_pct;
				v->p_value = loss->p_value;
				v->significant = true;
				snprintf(v->summary, sizeof(v->summary),
				    "Packets are lost on the link from %s to %s: %.0f%% of probes "
				    "to the destination are lost, and the loss starts there.",
				    hop_label(res, loss->from.ttl, l1, sizeof(l1)),
				    hop_label(res, loss->to.ttl, l2, sizeof(l2)), loss->loss_pct);
			} else if (best < nrises) {
				const struct rise *rb = &rises[best];

				v->kind = VK_BOTTLENECK;
				v->hop = rb->k;
				v->addr = res->hops[rb->k].addr;
				v->has_link = true;
				v->from = end_of(res, rb->b);
				v->to = end_of(res, rb->k);
				v->added_ms = rb->r;
				v->cause = rb->cause;
				v->significant = res->hops[rb->k].received >= pp->min_samples &&
				    (rb->b == 0 || res->hops[rb->b].received >= pp->min_samples);
				if (loss != NULL && loss->hop == rb->k) {
					v->loss_pct = loss->loss_pct;
					v->p_value = loss->p_value;
				}
				snprintf(v->summary, sizeof(v->summary),
				    "The link from %s to %s adds %.1f ms (round trip) and every later hop "
				    "keeps it: %s.%s", hop_label(res, rb->b, l1, sizeof(l1)),
				    hop_label(res, rb->k, l2, sizeof(l2)), rb->r,
				    strcmp(rb->cause, "queueing") == 0 ?
				    "queueing delay that varies from probe to probe, the mark of a "
				    "congested link" :
				    "a fixed step in the minimum, the mark of distance or a slow link "
				    "rather than congestion",
				    v->loss_pct > 0 ? " Packets are also lost there." : "");
				if (!v->significant)
					snprintf(v->reason, sizeof(v->reason),
					    "fewer than %u replies at the hops that show the rise",
					    pp->min_samples);
			} else if (loss != NULL) {
				v->kind = VK_INCONCLUSIVE;
				snprintf(v->reason, sizeof(v->reason), "%s", loss->summary);
				snprintf(v->summary, sizeof(v->summary),
				    "The destination loses %.0f%% of probes, but the samples do not yet "
				    "show where the loss starts.", loss->loss_pct);
			} else if (d->received < pp->min_samples) {
				v->kind = VK_INCONCLUSIVE;
				snprintf(v->reason, sizeof(v->reason),
				    "the destination answered only %u of %u probes", d->received, d->sent);
				snprintf(v->summary, sizeof(v->summary),
				    "Too few answers from the destination to judge the path.");
			} else {
				unsigned int lost = d->sent - d->received;

				v->kind = VK_CLEAN;
				v->significant = lost == 0 ||
				    stats_binom_upper(lost, d->sent, pp->base_loss) > 0.2;
				snprintf(v->summary, sizeof(v->summary),
				    "No hop adds latency that persists to the destination, and the "
				    "destination (hop %d, %.1f ms median) loses %.0f%% of probes: "
				    "the path looks clean.", res->dest_ttl, d->rtt.median, d->loss_pct);
			}
		}
	}

	/* Evidence: the packets behind the verdict. */
	if (v->kind == VK_BOTTLENECK || v->kind == VK_LOSSY_LINK || v->kind == VK_INCOMPLETE ||
	    v->kind == VK_CLEAN) {
		int ends[2], e, n;

		ends[0] = v->has_link ? v->from.ttl : 0;
		ends[1] = v->kind == VK_CLEAN ? res->dest_ttl : v->hop;
		if (v->kind == VK_INCOMPLETE)
			ends[0] = 0;
		for (e = 0; e < 2; e++) {
			if (ends[e] <= 0)
				continue;
			n = 0;
			for (pi = 0; pi < corr_nprobes(c) && n < 4; pi++) {
				const struct corr_probe *p = corr_probe(c, pi);
				int pt;

				if (p->group != group)
					continue;
				pt = (res->dest_ttl > 0 && p->ttl > res->dest_ttl) ? res->dest_ttl : p->ttl;
				if (pt != ends[e])
					continue;
				if (v->kind == VK_LOSSY_LINK && p->reply >= 0 && n >= 2)
					continue;
				if (evidence_probe(res, c, p) != 0)
					goto nomem;
				n++;
			}
		}
		if (v->kind == VK_INCOMPLETE) {
			n = 0;
			for (pi = 0; pi < corr_nprobes(c) && n < 4; pi++) {
				const struct corr_probe *p = corr_probe(c, pi);

				if (p->group == group && p->ttl > last_resp && p->reply < 0) {
					if (evidence_probe(res, c, p) != 0)
						goto nomem;
					n++;
				}
			}
		}
	}

	if (tool_timing(c, group, res, &fcap) != 0)
		goto nomem;
	sort_findings(res);

	/* Never guess: a verdict the samples do not yet carry is inconclusive. */
	if (!v->significant && (v->kind == VK_CLEAN || v->kind == VK_BOTTLENECK)) {
		if (v->kind == VK_BOTTLENECK)
			snprintf(v->reason, sizeof(v->reason), "a rise of %.1f ms at hop %d, but "
			    "fewer than %u replies there and at the hop before it", v->added_ms,
			    v->hop, pp->min_samples);
		else if (v->reason[0] == '\0')
			snprintf(v->reason, sizeof(v->reason), "the destination lost %u of %u "
			    "probes, too few to tell a lossy link from chance",
			    res->hops[res->dest_ttl].sent - res->hops[res->dest_ttl].received,
			    res->hops[res->dest_ttl].sent);
		v->kind = VK_INCONCLUSIVE;
		v->hop = 0;
		memset(&v->addr, 0, sizeof(v->addr));
		v->has_link = false;
		v->cause = NULL;
		v->added_ms = 0;
		snprintf(v->summary, sizeof(v->summary),
		    "The samples so far do not support a verdict: %s.", v->reason);
	}
	if (v->kind == VK_INCONCLUSIVE && v->summary[0] == '\0')
		snprintf(v->summary, sizeof(v->summary), "The evidence does not support a verdict.");
	rc = 0;
	goto out;
nomem:
	snprintf(errbuf, errlen, "out of memory");
	path_result_free(res);
out:
	if (w != NULL)
		for (t = 0; t < PATH_MAX_HOPS; t++)
			free(w[t].s);
	free(w);
	return rc;
}

void
path_result_free(struct path_result *res)
{
	free(res->hops);
	free(res->findings);
	evidence_free(&res->ev);
	res->hops = NULL;
	res->findings = NULL;
	res->nfindings = 0;
}
