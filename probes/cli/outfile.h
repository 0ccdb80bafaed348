/*
 * Output files that are all or nothing: -w's capture, --report's page
 * and the capture kept beside it, probe-report's -o.  Each is written to
 * a temporary file in its target's directory, ".NAME.faultline-XXXXXXXX",
 * and renamed over the target when the run ends well (exit status 0, 1
 * or 2, every file finished); on any other end, an error, a signal, a
 * kill, the temporary file goes and the target stays as it was, byte for
 * byte.  A rename is atomic: a reader sees the old file or the new one,
 * never part of one.
 *
 * Renaming and removing need the directory's permissions, which the
 * probe commands give up (priv_drop()) before they parse a packet.  So,
 * as OpenSSH and scamper separate their privileges, the run's first
 * output file forks a guardian: a small process that creates every
 * temporary file itself, before the worker hears of it, and keeps their
 * descriptors and their directories, and nothing else: no socket, no
 * capture, no input.  At the drop (outfile_guard()) it keeps only the
 * least of its privileges that renaming them needs, and creates no more.
 * It acts on one request over a socketpair, "commit" (rename every file
 * it created over its target) or "discard" (remove them), and renames
 * or removes no file but those it created.  When the worker dies,
 * however and whenever it dies, the guardian sees the socket close and
 * removes what was not committed: no moment of the run has a temporary
 * file the guardian does not know.
 *
 * Only a SIGKILL of the guardian itself (or of both) can leave a
 * temporary file, never a damaged target; the next run that writes the
 * same target removes such leftovers, when no live run holds them (each
 * temporary file is locked, flock(), while its run lives).
 */
#ifndef FL_OUTFILE_H
#define FL_OUTFILE_H

#include <sys/stat.h>

#include <stddef.h>

#define OUTFILE_MAX	4	/* the most a command writes: -w, --report, its capture */

/*
 * Before the drop: path's temporary file, created beside it by the
 * guardian (its old permissions kept when it exists), for the caller to
 * write through the descriptor returned.  The first file forks the
 * guardian, which keeps lower (NULL: nothing) for outfile_guard().
 * *old is the target's stat when it exists (st_nlink 0 when not).  A
 * symbolic link at path, a directory or a name that cannot be created:
 * -1 with err ("cannot create PATH: ...").  A device or a FIFO (-w
 * /dev/null) is opened and written in place: there is nothing to
 * replace.
 */
int	outfile_create(const char *path, struct stat *old, int (*lower)(void), char *err,
	    size_t errlen);

/* path is written in full; a run that ends well without it replaces nothing (exit 74). */
void	outfile_done(const char *path);

/*
 * Seal the guardian, once, when there are output files (otherwise do
 * nothing): it runs the lower() outfile_create() gave it to give up what
 * it does not need (non-zero: it cannot, and the run stops), creates no
 * more files, and from then on only commits or discards.  The worker,
 * this process, goes on with the run; its exit commits or discards.  0,
 * or -1 with err when the guardian cannot lower itself (the files are
 * then gone).
 */
int	outfile_guard(char *err, size_t errlen);

/*
 * An output file for the run, created before the drop so that it can
 * live in the invoking user's own directory: outfile_create(), and a
 * file it replaces keeps its owner (as root) and permissions.  A
 * descriptor, or -1 with err.
 */
int	outfile_open(const char *path, char *err, size_t errlen);

/*
 * The front ends' privilege drop: first the guardian of the output
 * files lowers itself (priv_lower_guardian() keeps what it needs), then
 * priv_drop().  0, or -1 with err: the caller must exit.
 */
int	outfile_drop_privileges(char *err, size_t errlen);

#endif
