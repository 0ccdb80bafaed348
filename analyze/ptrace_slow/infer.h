/*
 * Path inference for ptrace-slow: per-hop statistics from correlated
 * probes; where the path's round trip goes (the latency budget: each
 * link's fixed step, its cause and share); and the rules that call a
 * link at fault only on evidence an expert would open a ticket on:
 * queueing that varies round by round, loss that starts at a hop and
 * persists, a step that grows with probe size (a slow link), a step no
 * terrestrial route explains, or what the user says (a baseline, an
 * RTT budget, locations).  Distance is where the time goes, not a
 * fault.  Labels say what must not be blamed.
 */
#ifndef FL_INFER_PATH_H
#define FL_INFER_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"
#include "analyze/flow/correlate.h"
#include "analyze/flow/stats.h"
#include "analyze/common/verdict.h"

enum verdict_kind {
	VK_CLEAN = 0,
	VK_CONGESTED,		/* queueing at a link: variable delay, or delay with loss */
	VK_LOSSY_LINK,
	VK_SLOW_LINK,		/* a step that is abnormal: capacity, baseline, distance */
	VK_OVER_BUDGET,		/* the destination is over the user's RTT budget */
	VK_UNREACHABLE,
	VK_INCOMPLETE,
	VK_INCONCLUSIVE
};

enum finding_kind {
	FK_QUEUEING,		/* variable delay added at a link, persisting */
	FK_LOSSY_LINK,
	FK_SLOW_LINK,		/* a step the evidence calls abnormal */
	FK_OVER_BUDGET,
	FK_UNREACHABLE,
	FK_INCOMPLETE,
	FK_ICMP_DEPRIORITIZED,	/* latency at one hop that does not persist */
	FK_RATE_LIMITED,	/* replies capped by the router's ICMP limit: missing data */
	FK_SILENT,		/* never answered; the trace went on */
	FK_RETURN_PATH,		/* reply TTL or Record Route: the way back differs */
	FK_MULTIPATH,		/* several routers answered for one TTL */
	FK_TOOL_TIMING,		/* the capture's length is the tool's waiting */
	FK_NAT,			/* a quote shows the probe translated */
	FK_PATH_CHANGE,		/* the path differs from the baseline's */
	FK_LARGEST_STEP,	/* where most of a healthy path's time goes */
	FK_DISTANCE		/* a step the user's locations explain (locations.c) */
};

#define HF_SILENT		0x0001
#define HF_DESTINATION		0x0002
#define HF_ICMP_DEPRIORITIZED	0x0004
#define HF_RATE_LIMITED		0x0008
#define HF_RETURN_LONGER	0x0010
#define HF_RETURN_SHORTER	0x0020
#define HF_QUEUEING		0x0040
#define HF_FAULT		0x0080	/* the verdict's link ends here */
#define HF_LOSSY_LINK		0x0100
#define HF_UNREACHABLE		0x0200
#define HF_MULTIPATH		0x0400
#define HF_LATE			0x0800
#define HF_DUPLICATES		0x1000
#define HF_MPLS			0x2000
#define HF_NAT			0x4000
#define HF_NFLAGS		15

#define PATH_MAX_RESP	4
#define PATH_MAX_HOPS	256

struct path_responder {
	struct fl_addr	addr;
	uint32_t	count;
};

struct path_hop {
	uint8_t		ttl;
	bool		probed;
	struct fl_addr	addr;		/* main responder; unset when silent */
	uint8_t		naddrs;
	struct path_responder addrs[PATH_MAX_RESP];
	uint32_t	sent, received, late, dups;
	/*
	 * Loss as judged: probes that met a reply a rate-limited router
	 * could have sent (opportunities), of which lost; replies its limit
	 * withheld are missing data (missing), not loss.  Probes past the
	 * destination's TTL (round 1's burst) count at the destination only
	 * as reachability (beyond_*), not in its statistics.
	 */
	uint32_t	opportunities, lost, missing;
	uint32_t	beyond_sent, beyond_received;
	double		loss_pct;	/* lost / opportunities */
	struct stats_summary rtt;	/* milliseconds */
	int		reply_ttl;	/* most common; -1 when none */
	int		return_hops;	/* inferred from reply_ttl; -1 unknown */
	uint32_t	flags;		/* HF_* */
	uint32_t	answers[RK_UDP + 1];	/* replies by kind */
	uint32_t	unreach[16];	/* unreachables by ICMP code */
	uint8_t		n_mpls;
	struct dec_mpls	mpls[DEC_MAX_MPLS];
	char		name[256];	/* reverse DNS, filled by the caller */
	/* Frames of the fastest reply and its probe, for evidence. */
	uint32_t	best_probe_frame, best_reply_frame;
	double		best_rtt;
};

struct path_finding {
	enum finding_kind kind;
	int		hop;		/* TTL, 0 when not about a hop */
	struct fl_addr	addr;
	bool		has_link;
	struct link_end	from, to;
	double		added_ms;
	const char	*cause;		/* "queueing", "standing-queue", "serialisation", ... */
	double		loss_pct;
	double		p_value;	/* < 0 when no test applies */
	bool		located;	/* placed significantly at its link */
	double		capacity_kbps;	/* slow link by serialisation; 0 unknown */
	char		summary[400];
};

struct path_verdict {
	enum verdict_kind kind;
	int		hop;		/* 0: none */
	struct fl_addr	addr;
	bool		has_link;
	struct link_end	from, to;
	double		added_ms;
	const char	*cause;
	double		loss_pct;
	double		p_value;
	double		capacity_kbps;
	bool		significant;	/* more rounds would not change it */
	/*
	 * A round trip cannot tell a forward link from the way back: certain
	 * only where the way back is known to cross the same link.
	 */
	enum confidence	confidence;
	char		confidence_reason[300];
	char		reason[400];	/* why inconclusive, or caveats */
	char		summary[600];
};

/*
 * One link of the latency budget: what it adds to the round trip, on
 * the monotone lower envelope of the hops' minimum RTTs (so a router
 * slow to answer, or a negative step, does not distort it).  A
 * labelled MPLS tunnel is one link (RFC 3032 2.3.2: every hop inside
 * answers with the tunnel exit's RTT).
 */
struct path_link {
	struct link_end	from, to;
	double		added_ms;	/* fixed step, >= 0 */
	double		share;		/* of the destination's minimum RTT, 0..1 */
	double		queue_ms;	/* median queueing added, round by round */
	double		queue_p90_ms;
	uint32_t	rounds;		/* rounds the queueing was measured in */
	const char	*cause;		/* distance, queueing, standing-queue, serialisation,
					   mpls-tunnel, satellite-or-detour, baseline,
					   beyond-distance, ... */
	bool		tunnel;
	/*
	 * The step's own noise, for a later run's --baseline: the larger of
	 * the path's jitter and this link's round-by-round spread (baseline.c).
	 */
	double		noise_ms;
	bool		has_baseline;	/* matched to a link of the baseline */
	double		baseline_ms;	/* ... whose step was this */
	bool		has_distance;	/* both ends are in the user's locations */
	double		distance_km;	/* ... this far apart on the great circle */
};

struct path_baseline;		/* baseline.h */
struct path_locations;		/* locations.h */

/*
 * What IP Record Route (RFC 791 3.1) showed, from the echo requests that
 * carried it (route.c).  Its slots fill on the way out first, then back:
 * fwd holds the routers' outgoing interfaces on the way to the
 * destination, back those on the way from it to this host, split where
 * the destination recorded itself.  Its silence proves nothing: many
 * networks drop or strip options.
 */
#define PATH_RR_SLOTS	9

enum path_rr_link {
	RRL_UNKNOWN = 0,	/* not answered, or the way back from hop k not shown */
	RRL_CROSSES,		/* the way back from hop k runs straight to hop a */
	RRL_ELSEWHERE		/* the way back from hop k runs through other routers */
};

struct path_rr {
	uint32_t	sent;		/* echo requests carrying Record Route */
	uint32_t	replies;	/* echo replies to them */
	uint32_t	stripped;	/* replies that came back without the option */
	uint32_t	unreadable;	/* replies whose option's length or pointer lied */
	bool		answered;	/* a reply carried a sound Record Route */
	bool		split;		/* the destination's slot found: out and back told apart */
	bool		full;		/* every slot taken: the way back goes on past the last */
	uint8_t		nrec, nfwd, nback;
	struct fl_addr	rec[PATH_RR_SLOTS];	/* as recorded */
	struct fl_addr	fwd[PATH_RR_SLOTS], back[PATH_RR_SLOTS];
	int		fwd_hop[PATH_RR_SLOTS];	/* the TTL of the router that wrote it; 0 unknown */
	int		back_hop[PATH_RR_SLOTS];
	uint32_t	probe_frame, reply_frame;	/* the answer read */
	/* The verdict's link as the way back crosses it or not (verdict.c). */
	int		link_from, link_to;
	enum path_rr_link link;
};

struct path_params {
	double		floor_ms;	/* smallest rise that counts (2 ms) */
	double		noise_k;	/* a rise must exceed noise_k x MAD (3) */
	double		persist_frac;	/* share of a rise later hops keep (0.75) */
	double		alpha;		/* significance of loss tests (0.01) */
	double		base_loss;	/* loss taken as normal (0.01) */
	unsigned int	min_samples;	/* replies per hop for a firm verdict (3) */
	double		queue_hi_ms;	/* queueing that counts as heavy (10) */
	double		normal_exceed;	/* share of rounds healthy links exceed it in (0.10) */
	double		terrestrial_ms;	/* a step no land route explains (250) */
	double		expect_rtt_ms;	/* --expect-rtt; 0: none */
	/*
	 * The probes are a saved capture's (-r): the time between them is the
	 * tracing program's, and a long trace is said to be its timing.  A
	 * live run paces its own rounds.
	 */
	bool		read_capture;
	/*
	 * During a live run, an unanswered probe still inside its wait is
	 * neither lost nor answered; resolved() says which are decided.
	 * NULL: every probe is decided (a saved capture, or the end).
	 */
	bool		(*resolved)(void *ctx, const struct corr_probe *);
	void		*ctx;
	/*
	 * --baseline: an earlier result to the same target (baseline.h); NULL
	 * none.  A step counts as grown when it rose by more than noise_k x
	 * the two runs' noise and than baseline_floor_ms or baseline_frac of
	 * the old step, whichever is larger.
	 */
	const struct path_baseline *baseline;
	double		baseline_floor_ms;	/* 5 */
	double		baseline_frac;		/* 0.2 */
	/*
	 * --locations: where the user says addresses are (locations.h); NULL
	 * none.  Fibre allows about 1 ms of round trip per 100 km of great
	 * circle; a real route is at most fibre_factor times longer.
	 */
	const struct path_locations *locations;
	double		fibre_factor;		/* 3 */
};

struct path_result {
	struct fl_addr	src, dst;
	uint8_t		proto;
	uint16_t	flow_id;	/* ICMP identifier, or source port */
	uint16_t	dport;
	int		first_ttl, last_ttl;	/* hops[] range probed */
	int		dest_ttl;	/* -1: destination never answered */
	struct path_hop	*hops;		/* indexed by TTL, PATH_MAX_HOPS long */
	struct path_verdict verdict;
	struct path_finding *findings;
	size_t		nfindings;
	struct path_link *links;	/* the latency budget, this host to the destination */
	size_t		nlinks;
	unsigned int	rounds;		/* rounds the probes came in */
	/*
	 * A long capture thinned by the correlator (corr_group): the rounds
	 * it held, and every round_stride-th block of CORR_BLOCK kept (the
	 * statistics are over those, the counts over all); stride 1: all.
	 */
	unsigned int	rounds_read, round_stride;
	unsigned int	unplaced;	/* faults found but not yet placed significantly */
	unsigned int	queue_undecided;	/* links over the high threshold in 3+ rounds, not yet significant */
	/* Where more probes of other sizes would tell serialisation: hops a and k. */
	int		size_from, size_to;
	struct path_rr	rr;		/* Record Route's way back (route.c) */
	struct evidence_list ev;
	uint32_t	probes, replies;
	int64_t		first_ts, last_ts;	/* of this trace's packets */
	double		max_rtt_ms;
	double		noise_ms;	/* the path's round-by-round jitter (queue.c) */
	/*
	 * The ICMP checksum the probes held for the run (per-flow load
	 * balancers may hash it): the front end sets it, for the JSON's
	 * "flow"; 0 unknown (a saved capture's).
	 */
	uint16_t	flow_cksum;
};

void	infer_path_defaults(struct path_params *);

/*
 * Build the hop table for one correlator group and apply the rules.
 * Returns 0, or -1 with errbuf filled (out of memory).
 */
int	infer_path(const struct corr *, uint32_t group, const struct path_params *,
	    struct path_result *out, char *errbuf, size_t errlen);
void	path_result_free(struct path_result *);

const char *path_verdict_name(enum verdict_kind);

/*
 * --both: the two families' results compared by outcome (verdict kind
 * and hop, the destination reached or not) and the destination's round
 * trip (apart by more than 10 ms and a quarter), never hop by hop: one
 * sentence into buf, true when they behave alike (dual.c).
 */
bool	path_dual_compare(const struct path_result *v4, const struct path_result *v6,
	    char *buf, size_t len);
const char *path_finding_name(enum finding_kind);
/* Names of the HF_* bits, in bit order; NULL past the last. */
const char *path_flag_name(unsigned int bit);

#endif
