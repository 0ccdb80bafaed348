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

#include "analyze/flow/correlate.h"
#include "analyze/postprobe/infer.h"
#include "analyze/synprobe/infer.h"
#include "analyze/flow/tcpstream.h"

/* An abort() is a crash to libFuzzer: the input is saved and reported. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

/* How the frames reached the correlator, for the report's envelope. */
struct fuzz_run {
	bool		 live;		/* correlator with a signature */
	uint32_t	 frames;
	int64_t		 last_ts;	/* latest frame: "now" in a live run */
	const char	*capture_file;	/* NULL: none */
	const char	*sha256;
	bool		 file_cut;
	const char	*file_err;
	struct syn_local local;		/* ARP counted as synprobe counts it */
	struct tcp_streams *ts;		/* postprobe's view: made by fuzz_note() */
	struct http_wire *wire;
};

/*
 * Per frame, what synprobe's and postprobe's feeds do besides
 * correlating: ARP counts, TCP reassembly, the HTTP exchange's wire notes.
 */
void	fuzz_note(struct fuzz_run *, uint32_t frame, int64_t ts, const struct dec_pkt *);

/*
 * corr_finish(), corr_best_trace(), then infer_path() on every group
 * and the JSON and text reports of each, written to /dev/null; then
 * synprobe's rules on the capture's busiest SYN target, alone and as
 * both sides of a two-sided reading, and their reports; then postprobe's
 * reading of the first HTTP exchange (or of that target), as a saved and
 * a live run, and its reports.  Frees what fuzz_note() made.
 */
void	fuzz_analyse(struct corr *, struct fuzz_run *);

#endif
