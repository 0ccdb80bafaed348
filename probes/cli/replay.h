/*
 * Frames from a capture to a command's readers (analyze/common/readers.h):
 * the callback a live capture and a saved one are read through, and -r's
 * reading of a saved capture.  The unit tests and the fuzz targets call
 * these too, so they read files as the commands do.
 */
#ifndef FL_REPLAY_H
#define FL_REPLAY_H

#include <stddef.h>
#include <stdio.h>

#include "analyze/common/envelope.h"
#include "analyze/common/readers.h"
#include "probes/wire/capture.h"

/* capture_dispatch() and capture_read_all()'s callback: ctx is a struct readers. */
void	replay_frame(void *readers, const struct capture_frame *);

/*
 * Read a saved capture (pcap or pcapng, any link type libpcap reads) from
 * in into cap and feed every frame to r.  A file cut inside a record is
 * read up to the cut (cap->file_cut says so).  0, or -1 with err when in
 * is not a capture.
 */
int	replay_read(FILE *in, struct capture *cap, const struct readers *r, char *err,
	    size_t errlen);

/*
 * The same for a command's -r: exits 65 ("PATH: why") when it fails.
 * From here on cli_die() closes cap; close it with replay_close().
 */
void	replay_file(FILE *in, const char *path, struct capture *cap, const struct readers *r);
void	replay_close(struct capture *cap);
/*
 * " (the file ends inside a packet: libpcap's reason)" when cap's file
 * was cut short, else "": for a one-line error, written into buf (a
 * message must not point into cap, which cli_die() clears first).
 */
const char *replay_cut_words(const struct capture *cap, char *buf, size_t len);

/*
 * A correlator that cli_die() frees (LeakSanitizer counts a leak on an
 * error exit as an error, exit 1, not the exit's status): give it what
 * corr_new() returned (NULL exits 71), free it with replay_corr_free().
 */
struct corr;
struct corr *replay_corr(struct corr *c);
void	replay_corr_free(struct corr *c);

/* A read capture's facts into the envelope: file, "read", hash, frames, a cut end. */
void	replay_envelope(struct fl_envelope *, const struct capture *, const char *path);

#endif
