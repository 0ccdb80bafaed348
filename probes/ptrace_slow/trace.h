/*
 * ptrace-slow's send schedule: each round sends one probe per TTL, back
 * to back; round 1 probes every TTL, later rounds nothing past the
 * destination.  Rounds start at random times (five fast ones, then
 * about one a second, so routers' ICMP rate limits answer every round);
 * probes of other sizes go to the two ends of the largest step, and a
 * few echo requests carrying Record Route to the destination; after
 * --rounds, more are added while the verdict is not yet significant,
 * a finding is not yet placed, or the destination's loss is not yet
 * decided, up to --max-rounds.  Replies are read from the live capture
 * and fed to the correlator as they arrive.
 */
#ifndef FL_TRACE_H
#define FL_TRACE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "probes/wire/capture.h"
#include "analyze/flow/correlate.h"
#include "probes/wire/craft.h"
#include "analyze/ptrace_slow/infer.h"

struct trace_cfg {
	uint8_t		 proto;		/* 1, 17, 6 */
	int		 first_ttl, max_ttl, nqueries;
	unsigned int	 rounds, max_rounds;
	double		 interval_s;	/* mean gap between rounds after the fast ones */
	double		 wait_max, wait_here, wait_near;
	volatile sig_atomic_t *stop;	/* set by SIGINT: finish with what we have */
	void		(*progress)(void *ctx, unsigned int round, uint32_t sent,
			    uint32_t answered, int dest_ttl);
	void		*progress_ctx;
};

struct trace_stats {
	uint32_t	 sent;		/* probes handed to the kernel */
	uint32_t	 unseen;	/* of those, never captured */
	unsigned int	 rounds;
	double		 duration_s;
	bool		 interrupted;
};

/*
 * Run the schedule.  Every captured frame goes to the correlator (and
 * to the -w file through the capture).  Returns 0, or -1 with err
 * filled when sending or capturing fails.
 */
int	trace_run(const struct trace_cfg *, struct craft *, struct capture *, struct corr *,
	    const struct path_params *, struct trace_stats *, char *err, size_t errlen);

/* The capture filter for one run's flow and the replies it can draw. */
int	trace_filter(const struct craft_flow *, char *buf, size_t len);

#endif
