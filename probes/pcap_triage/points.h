/*
 * pcap-triage's capture points: the saved files (or the live capture) of
 * one point read into its triage, through its readers, with the filter
 * compiled for each file's link type and frames numbered on across the
 * point's files (the first file's frame 1 is the point's frame 1).
 */
#ifndef FL_TRIAGE_POINTS_H
#define FL_TRIAGE_POINTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <pcap/pcap.h>

#include "analyze/common/envelope.h"
#include "analyze/common/readers.h"
#include "analyze/pcap_triage/render.h"
#include "analyze/pcap_triage/triage.h"
#include "probes/wire/capture.h"

#define POINT_MAX_FILES	256
#define POINT_SNAPLEN	262144

struct point {
	struct triage	*t;
	struct readers	 rd;
	uint32_t	 base;		/* frames of the point's files before this one */
	struct bpf_program prog;
	bool		 have_prog;
	int		 prog_linktype;
	struct tri_file	 files[POINT_MAX_FILES];
	int		 nfiles;
	int64_t		 last_ts;	/* the latest frame read so far */
};

/* A saved capture named on the command line, opened before the privilege drop. */
struct point_input {
	const char	*path;
	FILE		*in;
	int64_t		 first_ts;
	bool		 second;	/* -R: the second point's */
};

/* A point's triage and readers (exit 71 when out of memory). */
void	point_init(struct point *, const struct tri_opts *, int which);
void	point_free(struct point *);

/* capture_read_all()'s and capture_dispatch()'s callback: ctx is the struct point. */
void	point_frame(void *point, const struct capture_frame *);

/*
 * The time of an input's first frame, the file then rewound to be read
 * from its start (0 for standard input).  Exits 65 when it is not a
 * capture.
 */
int64_t	point_first_ts(struct point_input *);

/* Read a whole file into the point, through the filter expr (NULL: none).  Exits 65 or 64. */
void	point_read(struct point *, struct point_input *, const char *expr, struct fl_envelope *);

#endif
