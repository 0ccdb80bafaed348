/*
 * ptrace-slow's result beyond its verdict, read for the report (path.c):
 * the latency budget (where the round trip goes, link by link), the
 * findings and the plain words for both, the parts of the report's
 * sentences made of them; and what an older result (before ptrace-slow
 * told distance from a fault) meant.  Internal to analyze/report/.
 */
#ifndef FL_REPORT_PATH_H
#define FL_REPORT_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#define RP_MAX_LINKS	64	/* links read; the rest are counted */

/* One link of the latency budget, checked and clamped. */
struct rp_link {
	int		 from_ttl, to_ttl;	/* 0: this machine */
	const char	*from_addr, *to_addr;	/* "" when not given */
	double		 added_ms;		/* its fixed step, >= 0 */
	double		 share;			/* of the fixed round trip, 0..1; < 0 not given */
	double		 queue_ms, queue_p90_ms;	/* < 0 when not measured */
	const char	*cause;			/* "distance", "queueing", ...; "" when not given */
	bool		 tunnel;
};

struct rp_budget {
	struct rp_link	 v[RP_MAX_LINKS];
	size_t		 n;
	size_t		 more;		/* links beyond RP_MAX_LINKS */
	double		 total_ms;	/* the steps' sum: the fastest round trip to the end */
	int		 fault;		/* the verdict's link in v, -1 none */
};

/*
 * The budget of a result; n == 0 for an older result, which has none.
 * With fault_on_link (the verdict blames a link), fault is that link.
 */
void	rp_budget_read(const json_t *root, bool fault_on_link, struct rp_budget *);
/* The indices of the links that add the most, largest first; returns how many (<= max). */
size_t	rp_budget_top(const struct rp_budget *, size_t *idx, size_t max);
/* "the link from hop 2 (198.18.1.2) to hop 3 (198.18.2.2)" */
void	rp_link_words(const struct rp_link *, char *buf, size_t len);
/* A cause in plain words: "distance or a long link, which is normal"; brief, for a picture. */
const char *rp_cause_words(const char *cause, bool brief);
/* A duration for a sentence: "50 ms", "5.2 ms", "less than 0.1 ms". */
void	rp_fmt_ms(double ms, char *buf, size_t len);

/* What a finding is, in a few plain words ("Address translation (NAT)"). */
const char *rp_finding_label(const char *kind);
/*
 * The findings worth a line, in the result's order: not those the
 * verdict's summary already says (the verdict's own finding, a clean
 * path's largest step); a router that only answers oddly (slow to
 * answer, rate-limited, silent) one line for all of its kind, the first
 * one's sentence and every hop.
 */
struct rp_finding_line {
	const json_t	*f;		/* the first finding of the line */
	char		 hops[64];	/* "2, 6, 7"; "" when none is at a hop */
	size_t		 nhops;
	size_t		 more;		/* findings of the same kind folded in */
};
size_t	rp_findings_lines(const json_t *root, struct rp_finding_line *, size_t max);

/* The destination's median round trip, ms; < 0 when not known. */
double	rp_dest_median(const json_t *root);
/* The baseline's date into buf, "" when the result names none. */
void	rp_baseline_date(const json_t *root, char *buf, size_t len);
/*
 * The key the report's rules read besides the kind: the verdict's cause,
 * or for a verdict without one what the findings add ("unplaced-loss").
 */
const char *rp_rule_cause(const json_t *root, const char *kind);

/*
 * What a ptrace-slow variable of the report's rules stands for (model.c
 * lists them: %L %G %O %Q %K %Y %Z %B %E), into buf; false for another letter.
 */
bool	rp_path_var(char c, const json_t *root, char *buf, size_t len);

/*
 * An older ptrace-slow's verdict (kind "bottleneck"): queueing was
 * congestion; any other step is that version's claim only.
 */
bool	rp_old_bottleneck(const char *kind);
bool	rp_old_congestion(const char *kind, const char *cause);

#endif
