/*
 * What the fuzz targets share: everything a command does with a filled
 * correlator (matching, path inference on every group, both renderers),
 * and the check that turns a broken invariant into a crash libFuzzer
 * keeps.
 */
#ifndef FL_FUZZ_ANALYSIS_H
#define FL_FUZZ_ANALYSIS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analyze/common/readers.h"
#include "analyze/flow/correlate.h"
#include "analyze/flow/tcpstream.h"
#include "analyze/postprobe/infer.h"
#include "analyze/postprobe/readers.h"
#include "analyze/synprobe/infer.h"
#include "analyze/synprobe/readers.h"

/* An abort() is a crash to libFuzzer: the input is saved and reported. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

/*
 * One input as the commands read it: each command's readers, built as
 * its -r builds them (analyze/<command>/readers.h), each with its own
 * correlator, all fed every frame; and how the frames came, for the
 * reports' envelope.
 */
struct fuzz_run {
	bool		 live;		/* correlators with a signature */
	uint32_t	 frames;
	int64_t		 last_ts;	/* latest frame: "now" in a live run */
	const char	*capture_file;	/* NULL: none */
	const char	*sha256;
	bool		 file_cut;
	const char	*file_err;
	/* ptrace-slow's */
	struct corr	*path_c;
	struct readers	 path_r;
	/* synprobe's */
	struct corr	*syn_c;
	struct syn_local syn_l;
	struct readers	 syn_r;
	/* postprobe's */
	struct corr	*http_c;
	struct syn_local http_sl;
	struct http_reader hr;
	struct readers	 http_r;
};

/* The three reader sets; sig NULL learns probes from the frames. */
void	fuzz_run_init(struct fuzz_run *, bool live, const struct corr_sig *sig, int64_t late_ns);

/* One decoded frame to every command's readers. */
void	fuzz_packet_in(struct fuzz_run *, uint32_t frame, int64_t ts, const struct dec_pkt *);

/*
 * corr_finish(), corr_best_trace(), then infer_path() on every group
 * and the JSON and text reports of each, written to /dev/null; then
 * synprobe's rules on the capture's busiest SYN target, alone and as
 * both sides of a two-sided reading, and their reports; then postprobe's
 * reading of the first HTTP exchange (or of that target), as a saved and
 * a live run, and its reports.  Frees what fuzz_run_init() made.
 */
void	fuzz_analyse(struct fuzz_run *);

/* Free what fuzz_run_init() made, without analysing (a capture -r refuses). */
void	fuzz_run_free(struct fuzz_run *);

#endif
