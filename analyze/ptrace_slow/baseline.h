/*
 * ptrace-slow's --baseline: an earlier `ptrace-slow --json` result to
 * the same target, read from the bytes the front end hands over, so
 * that this run can tell a step that is new or has grown from one that
 * has always been there, and a path that changed.  The comparison is
 * path_baseline_compare() (stage.h), run by infer_path() when
 * path_params.baseline is set.
 */
#ifndef FL_PTRACE_BASELINE_H
#define FL_PTRACE_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"
#include "analyze/common/verdict.h"
#include "analyze/ptrace_slow/infer.h"

/* Most bytes a baseline may have: a result of 255 hops is far smaller. */
#define PATH_BASELINE_MAX	(16u << 20)

/*
 * The identifiers per-flow load balancing hashes: reuse them and the
 * probes take the baseline's path, if it still exists.
 */
struct path_flow {
	uint8_t		proto;		/* 1 ICMP echo, 17 UDP, 6 TCP SYN */
	uint16_t	echo_id;	/* ICMP echo identifier (not icmp_id: <netinet/ip_icmp.h> makes that a macro) */
	uint16_t	echo_cksum;	/* ICMP, held for the run; 0: not recorded */
	uint16_t	sport, dport;	/* UDP and TCP */
};

struct path_baseline_hop {
	uint8_t		ttl;
	struct fl_addr	addr;		/* main responder; unset when silent */
	uint8_t		naddrs;
	struct fl_addr	addrs[PATH_MAX_RESP];	/* every responder */
};

struct path_baseline_link {
	struct link_end	from, to;	/* from.ttl 0: the host that ran it */
	double		added_ms;
	double		noise_ms;	/* < 0: the result did not say */
};

struct path_baseline {
	char		started_at[32];	/* as written: "2026-11-22T16:40:01.123Z" */
	char		date[24];	/* for sentences: "2026-11-22 16:40 UTC" */
	struct fl_addr	src, dst;
	uint8_t		proto;
	bool		has_flow;	/* results before "flow" was written lack it */
	struct path_flow flow;
	double		noise_ms;	/* the path's jitter; < 0: not said */
	int		dest_ttl;	/* -1: the destination did not answer */
	struct path_baseline_hop *hops;	/* ttl ascending */
	size_t		nhops;
	struct path_baseline_link *links;	/* the latency budget, chained */
	size_t		nlinks;
};

/*
 * Read a result.  Returns 0, or -1 with a one-line reason in err for
 * anything that is not a whole ptrace-slow result (another tool's, cut
 * short, hostile, more than PATH_BASELINE_MAX bytes); bl is then empty.
 */
int	path_baseline_parse(const char *buf, size_t len, struct path_baseline *bl,
	    char *err, size_t errlen);
void	path_baseline_free(struct path_baseline *);

/*
 * Like with like: 0 when the baseline traced dst with proto, else -1
 * with a one-line reason in err.  The front end calls it once it knows
 * the target, and refuses the baseline when it fails;
 * path_baseline_compare() compares nothing with a baseline that fails.
 */
int	path_baseline_check(const struct path_baseline *, const struct fl_addr *dst,
	    uint8_t proto, char *err, size_t errlen);

/*
 * The baseline's flow, for the front end to probe with (ICMP identifier
 * and checksum, or source and destination port), so that per-flow ECMP
 * takes the same path and cannot fake a path change.  False when the
 * result did not record it; then the front end picks its own and the
 * path-change finding says the flows differ.
 */
bool	path_baseline_flow(const struct path_baseline *, struct path_flow *);

#endif
