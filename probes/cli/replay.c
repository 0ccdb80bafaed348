/*
 * Capture frames to readers, and -r's reading of a saved capture (see
 * replay.h).
 */
#include <stdio.h>

#include "analyze/flow/correlate.h"
#include "probes/cli/cli.h"
#include "probes/cli/opts.h"
#include "probes/cli/replay.h"

void
replay_frame(void *readers, const struct capture_frame *f)
{
	readers_record(readers, f->frame, f->ts, f->ts_clamped, f->data, f->caplen, f->len,
	    f->linktype);
}

int
replay_read(FILE *in, struct capture *cap, const struct readers *r, char *err, size_t errlen)
{
	capture_init(cap);
	if (capture_offline(cap, in, err, errlen) != 0)
		return -1;
	/* The readers are not changed through the callback's context. */
	return capture_read_all(cap, replay_frame, (void *)(uintptr_t)r, err, errlen);
}

static void
close_hook(void *cap)
{
	capture_close(cap);
}

void
replay_file(FILE *in, const char *path, struct capture *cap, const struct readers *r)
{
	char err[512];

	/* Closed by an exit from here on: in is the capture's once it is opened. */
	capture_init(cap);
	cli_on_die(close_hook, cap);
	if (replay_read(in, cap, r, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_DATAERR, "%s: %s", path, err);
}

const char *
replay_cut_words(const struct capture *cap, char *buf, size_t len)
{
	if (!cap->file_cut)
		return "";
	snprintf(buf, len, " (the file ends inside a packet: %s)",
	    cap->file_err[0] ? cap->file_err : "cut short");
	return buf;
}

void
replay_close(struct capture *cap)
{
	cli_off_die(close_hook, cap);
	capture_close(cap);
}

static void
corr_hook(void *c)
{
	corr_free(c);
}

struct corr *
replay_corr(struct corr *c)
{
	if (c == NULL)
		cli_die(FL_EXIT_OSERR, "out of memory");
	cli_on_die(corr_hook, c);
	return c;
}

void
replay_corr_free(struct corr *c)
{
	if (c == NULL)
		return;
	cli_off_die(corr_hook, c);
	corr_free(c);
}

void
replay_envelope(struct fl_envelope *env, const struct capture *cap, const char *path)
{
	env->capture_file = path;
	env->capture_mode = "read";
	env->capture_sha256 = cap->sha256;
	env->file_cut = cap->file_cut;
	env->file_err = cap->file_err;
	env->frames = cap->frames;
}
