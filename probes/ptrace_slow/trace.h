/*
 * ptrace-slow's send schedule: round 1 probes every TTL at once, later
 * rounds only up to the destination's distance; rounds are paced, and
 * after the default number of rounds more are added while the verdict
 * is not yet significant, up to a cap.  Replies are read from the live
 * capture and fed to the correlator as they arrive.
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
	int		 first_ttl, max_ttl, nqueries;
	unsigned int	 rounds, max_rounds;
	double		 interval_s;
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
