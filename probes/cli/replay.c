/*
 * Capture frames to readers, and -r's reading of a saved capture (see
 * replay.h).
 */
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

void
replay_file(FILE *in, const char *path, struct capture *cap, const struct readers *r)
{
	char err[512];

	if (replay_read(in, cap, r, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_DATAERR, "%s: %s", path, err);
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
