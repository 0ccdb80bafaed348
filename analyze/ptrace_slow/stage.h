/*
 * The working state infer_path() hands from stage to stage, and the
 * helpers the stages share.  Internal to analyze/ptrace_slow/: the
 * stages live in hops.c, loss.c, budget.c, queue.c, size.c, latency.c,
 * baseline.c, locations.c, labels.c, nat.c, route.c and verdict.c, and
 * infer.c runs them in order.
 */
#ifndef FL_PTRACE_STAGE_H
#define FL_PTRACE_STAGE_H

#include "analyze/ptrace_slow/infer.h"

/* One probe of a hop: when it left, in which round, and how long its answer took. */
struct sample {
	int64_t		ts;
	double		rtt;		/* ms; < 0 when unanswered */
	uint32_t	pframe, rframe;
	uint32_t	round;		/* 0, 1, ...: a round starts where the TTL falls */
	uint16_t	size;		/* the probe's IP length */
	uint8_t		ttl;		/* the probe's */
	bool		beyond;		/* past the destination's TTL: reachability only */
	bool		sized;		/* an extra size probe, not in the RTT statistics */
	bool		missing;	/* unanswered while the router's ICMP limit had no token */
	bool		spaced;		/* sent long enough after the last probe to reach that router */
	/*
	 * In a thinned trace (a long capture, corr_group): when the probe
	 * before it at its TTL went, kept or not; -1 for none.
	 */
	int64_t		prev_ts;
};

/* What a hop's summary is computed from; only while the table is built. */
struct hop_work {
	struct sample	*s;		/* in send order */
	size_t		 n, cap;
	uint32_t	 ttl_hist[256];
	bool		 icmp_err_replies;	/* answered by ICMP errors */
	uint16_t	 base_size;	/* the regular probes' size */
	bool		 limited;	/* replies capped by an ICMP rate limit (loss.c) */
	uint32_t	 spaced_n, spaced_lost;	/* probes that found a token whatever the limit */
	uint32_t	 close_n, close_lost;	/* probes sent closer to the one before */
	double		 env_min;	/* the monotone lower envelope at this hop, ms; < 0 none */
};

/* The queueing a link adds, measured round by round (queue.c). */
struct link_queue {
	int		 a, k;		/* the link: from answering hop a (0: this host) to k */
	uint32_t	 n;		/* rounds with both ends and the destination answered */
	double		 median, p75, p90;	/* ms of queueing added */
	uint32_t	 n_lo, n_hi;	/* rounds over the low / high thresholds */
	double		 p_typical, p_heavy;	/* binomial tests (see queue.c) */
	double		 drift_ms;	/* the link's minimum, last third of rounds minus first */
	uint32_t	 drift_n;
	double		 p_drift;	/* Mann-Whitney, last third over the first */
	bool		 queueing;	/* significant: typical or heavy */
	bool		 drifting;
};

struct path_work {
	const struct corr	*c;
	uint32_t		 group;
	const struct path_params *pp;
	struct path_result	*res;
	struct hop_work		*hw;		/* indexed by TTL, PATH_MAX_HOPS long */
	size_t			 fcap, lcap;	/* room in res->findings, res->links */
	int			 unreach_ttl;	/* smallest TTL answered unreachable, or -1 */
	int32_t			 unreach_probe;	/* its probe, or -1 */
	int			 last_resp;	/* last TTL that answered; 0: none did */
	double			 noise_ms;	/* the path's own round-by-round jitter */
	struct link_queue	*lq;		/* one per budget link (res->links) */
	int			 fault;		/* the finding the verdict names, -1: none */
	bool			 skip_opts;	/* leave probes with IP options out (hops.c) */
	/*
	 * The correlator kept only some of the trace's rounds (a long
	 * capture): counts come from its totals per TTL, times between
	 * probes from each sample's prev_ts.
	 */
	bool			 thinned;
};

/*
 * The stages, in the order infer.c runs them.  Those that return int
 * return 0, or -1 when out of memory.
 */
int	path_hops_build(struct path_work *);		/* hops.c */
void	path_hops_summarise(struct path_work *);
void	path_loss_account(struct path_work *);		/* loss.c */
int	path_loss(struct path_work *);
int	path_budget(struct path_work *);		/* budget.c */
int	path_queue(struct path_work *);			/* queue.c */
int	path_size(struct path_work *);			/* size.c */
int	path_latency_labels(struct path_work *);	/* latency.c */
int	path_faults(struct path_work *);
int	path_baseline_compare(struct path_work *);	/* baseline.c */
int	path_locations_judge(struct path_work *);	/* locations.c */
int	path_labels(struct path_work *);		/* labels.c */
int	path_nat(struct path_work *);			/* nat.c */
int	path_route(struct path_work *);			/* route.c */
int	path_route_evidence(struct path_work *);
int	path_labels_tool_timing(struct path_work *);
int	path_verdict(struct path_work *);		/* verdict.c */
int	path_verdict_evidence(struct path_work *);
void	path_verdict_check(struct path_work *);

/*
 * What Record Route says of the way back over the link from hop a (0:
 * this host) to hop k, kept in res->rr for the renderers; via gets the
 * addresses the way back from hop k runs through when it runs elsewhere
 * (route.c).
 */
enum path_rr_link path_route_link(struct path_result *, int a, int k, char *via, size_t len);

/* Shared by the stages (stage.c). */
void	path_finding_init(struct path_finding *, enum finding_kind, const struct path_hop *);
int	path_add_finding(struct path_work *, const struct path_finding *);
struct link_end path_end_of(const struct path_result *, int ttl);
const char *path_hop_label(const struct path_result *, int ttl, char *buf, size_t len);
bool	path_responding(const struct path_result *, int ttl);
/* Each answering TTL before k that is not past the destination; 0 (this host) last. */
int	path_prev_answering(const struct path_result *, int k);
/* The budget link ending at TTL k, or -1. */
int	path_link_at(const struct path_result *, int k);
double	path_median(double *v, size_t n);	/* sorts v */
double	path_quantile(double *v, size_t n, double q);	/* sorts v */

/* Shared by the user's evidence (baseline.c). */
/* Link i's noise: the path's jitter, or the link's own spread where larger. */
double	path_link_noise(const struct path_work *, size_t i);
/* The largest-step note within from..to gets the cause the evidence gave. */
void	path_relabel_largest(struct path_work *, const struct link_end *from,
	    const struct link_end *to, const char *cause, const char *words);

#endif
