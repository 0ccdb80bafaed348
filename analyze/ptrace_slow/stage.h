/*
 * The working state infer_path() hands from stage to stage, and the
 * helpers the stages share.  Internal to analyze/ptrace_slow/: the
 * stages live in hops.c, latency.c, loss.c, labels.c and verdict.c,
 * and infer.c runs them in order.
 */
#ifndef FL_PTRACE_STAGE_H
#define FL_PTRACE_STAGE_H

#include "analyze/ptrace_slow/infer.h"

/* One probe of a hop: when it left, and how long its answer took. */
struct sample {
	int64_t		ts;
	double		rtt;		/* ms; < 0 when unanswered */
	uint32_t	pframe, rframe;
	uint8_t		ttl;		/* the probe's */
};

/* What a hop's summary is computed from; only while the table is built. */
struct hop_work {
	struct sample	*s;
	size_t		 n, cap;
	uint32_t	 ttl_hist[256];
	bool		 icmp_err_replies;	/* answered by ICMP errors */
};

/* A rise that persists: from hop b (0: this host) to hop k. */
struct rise {
	int		k, b;		/* TTLs */
	double		r;		/* ms */
	const char	*cause;
};

struct path_work {
	const struct corr	*c;
	uint32_t		 group;
	const struct path_params *pp;
	struct path_result	*res;
	struct hop_work		*hw;		/* indexed by TTL, PATH_MAX_HOPS long */
	size_t			 fcap;		/* room in res->findings */
	int			 unreach_ttl;	/* smallest TTL answered unreachable, or -1 */
	int32_t			 unreach_probe;	/* its probe, or -1 */
	int			 last_resp;	/* last TTL that answered; 0: none did */
	struct rise		 rises[PATH_MAX_HOPS];
	size_t			 nrises;
	size_t			 best;		/* the bottleneck's rise; nrises: none */
};

/*
 * The stages, in the order infer.c runs them.  Those that return int
 * return 0, or -1 when out of memory.
 */
int	path_hops_build(struct path_work *);		/* hops.c */
void	path_hops_summarise(struct path_work *);
int	path_latency_rises(struct path_work *);		/* latency.c */
int	path_latency_findings(struct path_work *);
int	path_loss(struct path_work *);			/* loss.c */
int	path_labels(struct path_work *);		/* labels.c */
int	path_labels_tool_timing(struct path_work *);
int	path_verdict(struct path_work *);		/* verdict.c */
int	path_verdict_evidence(struct path_work *);
void	path_verdict_check(struct path_work *);

/* Shared by the stages (stage.c). */
void	path_finding_init(struct path_finding *, enum finding_kind, const struct path_hop *);
int	path_add_finding(struct path_work *, const struct path_finding *);
struct link_end path_end_of(const struct path_result *, int ttl);
const char *path_hop_label(const struct path_result *, int ttl, char *buf, size_t len);
bool	path_responding(const struct path_result *, int ttl);

#endif
