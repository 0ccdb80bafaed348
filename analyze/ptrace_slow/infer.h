/*
 * Path inference for ptrace-slow: per-hop statistics from correlated
 * probes, then the rules that find a bottleneck or a lossy link the way
 * an expert reads a traceroute (a rise that starts at a hop and persists
 * to the destination), and the labels for what must not be blamed.
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
	VK_BOTTLENECK,
	VK_LOSSY_LINK,
	VK_UNREACHABLE,
	VK_INCOMPLETE,
	VK_INCONCLUSIVE
};

enum finding_kind {
	FK_LATENCY_RISE,	/* a persisting rise (the bottleneck is one) */
	FK_LOSSY_LINK,
	FK_UNREACHABLE,
	FK_INCOMPLETE,
	FK_ICMP_DEPRIORITIZED,	/* latency at one hop that does not persist */
	FK_RATE_LIMITED,	/* loss at one hop that does not persist */
	FK_SILENT,		/* never answered; the trace went on */
	FK_RETURN_PATH,		/* reply TTL hints at an asymmetric path */
	FK_MULTIPATH,		/* several routers answered for one TTL */
	FK_TOOL_TIMING		/* the capture's length is the tool's waiting */
};

#define HF_SILENT		0x0001
#define HF_DESTINATION		0x0002
#define HF_ICMP_DEPRIORITIZED	0x0004
#define HF_RATE_LIMITED		0x0008
#define HF_RETURN_LONGER	0x0010
#define HF_RETURN_SHORTER	0x0020
#define HF_RISE			0x0040
#define HF_BOTTLENECK		0x0080
#define HF_LOSSY_LINK		0x0100
#define HF_UNREACHABLE		0x0200
#define HF_MULTIPATH		0x0400
#define HF_LATE			0x0800
#define HF_DUPLICATES		0x1000
#define HF_MPLS			0x2000
#define HF_NFLAGS		14

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
	double		loss_pct;
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
	const char	*cause;		/* "queueing", "fixed-delay", NULL */
	double		loss_pct;
	double		p_value;	/* < 0 when no test applies */
	bool		located;	/* lossy link: its start is significant */
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
	bool		significant;	/* more rounds would not change it */
	char		reason[400];	/* why inconclusive, or caveats */
	char		summary[500];
};

struct path_params {
	double		floor_ms;	/* smallest rise that counts (2 ms) */
	double		noise_k;	/* a rise must exceed noise_k x MAD (3) */
	double		persist_frac;	/* share of a rise later hops keep (0.75) */
	double		alpha;		/* significance of loss tests (0.01) */
	double		base_loss;	/* loss taken as normal (0.01) */
	unsigned int	min_samples;	/* replies per hop for a firm verdict (3) */
	/*
	 * During a live run, an unanswered probe still inside its wait is
	 * neither lost nor answered; resolved() says which are decided.
	 * NULL: every probe is decided (a saved capture, or the end).
	 */
	bool		(*resolved)(void *ctx, const struct corr_probe *);
	void		*ctx;
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
	struct evidence_list ev;
	uint32_t	probes, replies;
	int64_t		first_ts, last_ts;	/* of this trace's packets */
	double		max_rtt_ms;
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
const char *path_finding_name(enum finding_kind);
/* Names of the HF_* bits, in bit order; NULL past the last. */
const char *path_flag_name(unsigned int bit);

#endif
