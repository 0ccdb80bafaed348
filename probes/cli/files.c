/*
 * The files a run names, checked before any is opened (see files.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probes/cli/cli.h"
#include "probes/cli/files.h"
#include "probes/cli/opts.h"

#define MAX_NAMED	16

struct named {
	const char	*opt, *path;
	bool		 exists;	/* dev, ino: a regular file (inputs: followed) */
	dev_t		 dev;
	ino_t		 ino;
	bool		 dir_known;	/* ddev, dino, base: where an output goes */
	dev_t		 ddev;
	ino_t		 dino;
	const char	*base;
};

/* What the options named so far: a command's parsed options, kept beside them. */
static struct {
	struct named	 in[MAX_NAMED], out[MAX_NAMED];
	int		 nin, nout;
} files;

static bool
stat_of(const char *path, struct stat *st)
{
	if (strcmp(path, "-") == 0)
		return fstat(STDIN_FILENO, st) == 0;
	return stat(path, st) == 0;
}

/* "-r x.pcap", or the operand alone. */
static const char *
spelled(const struct named *n, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", n->opt, *n->opt ? " " : "", strcmp(n->path, "-") == 0 ?
	    "- (standard input)" : n->path);
	return buf;
}

static void
refuse_in(const struct named *out, const struct named *in)
{
	char a[PATH_MAX + 64], b[PATH_MAX + 64];

	cli_die(FL_EXIT_USAGE, "%s is an input too (%s): refusing to overwrite it",
	    spelled(out, a, sizeof(a)), spelled(in, b, sizeof(b)));
}

void
cli_file_in(const char *opt, const char *path)
{
	struct named *n;
	struct stat st;
	int i;

	if (path == NULL || files.nin == MAX_NAMED)
		return;
	n = &files.in[files.nin++];
	memset(n, 0, sizeof(*n));
	n->opt = opt;
	n->path = path;
	/*
	 * One that does not exist is for the open to report, in its turn;
	 * a device or a FIFO (/dev/null) loses nothing by being written.
	 */
	if (!stat_of(path, &st) || !S_ISREG(st.st_mode))
		return;
	n->exists = true;
	n->dev = st.st_dev;
	n->ino = st.st_ino;
	for (i = 0; i < files.nout; i++)
		if (files.out[i].exists && files.out[i].dev == n->dev && files.out[i].ino == n->ino)
			refuse_in(&files.out[i], n);
}

void
cli_file_out(const char *opt, const char *path)
{
	char dir[PATH_MAX], a[PATH_MAX + 64], b[PATH_MAX + 64];
	const char *slash;
	struct named *n, *o;
	struct stat st;
	int i;

	if (path == NULL || files.nout == MAX_NAMED)
		return;
	n = &files.out[files.nout];
	memset(n, 0, sizeof(*n));
	n->opt = opt;
	n->path = path;
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			/* The link to an input is the worse news: say that one. */
			for (i = 0; i < files.nin; i++)
				if (cli_same_file(path, files.in[i].path))
					refuse_in(n, &files.in[i]);
			cli_die(FL_EXIT_CANTCREAT, "cannot create %s: it is a symbolic link (name the "
			    "file it points to)", path);
		}
		n->exists = S_ISREG(st.st_mode);
		n->dev = st.st_dev;
		n->ino = st.st_ino;
		if (!n->exists) {
			/* A device or a FIFO is written in place: nothing to compare. */
			files.nout++;
			return;
		}
	}
	/* Not there yet: the same directory and name is the same file to be. */
	slash = strrchr(path, '/');
	n->base = slash != NULL ? slash + 1 : path;
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s", slash == path ? 1 : (int)(slash - path), path);
	if (stat(dir, &st) == 0) {
		n->dir_known = true;
		n->ddev = st.st_dev;
		n->dino = st.st_ino;
	}
	files.nout++;
	for (i = 0; i < files.nin; i++)
		if (n->exists && files.in[i].exists && files.in[i].dev == n->dev &&
		    files.in[i].ino == n->ino)
			refuse_in(n, &files.in[i]);
	for (i = 0; i < files.nout - 1; i++) {
		o = &files.out[i];
		if ((n->exists && o->exists && o->dev == n->dev && o->ino == n->ino) ||
		    (n->dir_known && o->dir_known && o->ddev == n->ddev && o->dino == n->dino &&
		    strcmp(o->base, n->base) == 0))
			cli_die(FL_EXIT_USAGE, "%s and %s are the same file: each output needs its own",
			    spelled(o, a, sizeof(a)), spelled(n, b, sizeof(b)));
	}
}

bool
cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return a != NULL && b != NULL && stat_of(a, &sa) && stat_of(b, &sb) &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
