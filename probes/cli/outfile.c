/*
 * All-or-nothing output files and the guardian that commits them after
 * the privilege drop (see outfile.h).
 */
#include <sys/file.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probes/cli/cli.h"
#include "probes/cli/opts.h"
#include "probes/cli/outfile.h"

/* ".NAME" TMP_TAG and TMP_RAND letters: recognisably ours, and whose. */
#define TMP_TAG		".faultline-"
#define TMP_RAND	8

struct out {
	const char	*path;			/* as the user named it */
	char		 base[NAME_MAX + 1];	/* its last component */
	char		 tmp[NAME_MAX + 1];	/* the temporary file beside it */
	int		 dir;			/* the directory both are in */
	int		 fd;			/* the temporary file (the guardian's copy) */
	bool		 done;			/* written in full */
	bool		 committed;		/* renamed over the target */
	bool		 gone;			/* removed */
};

/*
 * The requests, one message each on a SOCK_SEQPACKET socketpair: "new"
 * (create a temporary file beside base in the directory passed with it,
 * SCM_RIGHTS, and pass its descriptor back), "seal" (give up privileges;
 * no new file after it), "commit", "discard".  The answer to each: the
 * index of the file that failed (-1: none), its errno, and for "new" the
 * temporary file's name.
 */
enum { REQ_NEW = 'N', REQ_SEAL = 'S', REQ_COMMIT = 'C', REQ_DISCARD = 'D' };
struct request {
	char		 op;
	bool		 keep_mode;		/* mode is the old file's: fchmod() past the umask */
	uint32_t	 mode;
	char		 base[NAME_MAX + 1];
};
struct reply {
	int32_t		 index;
	int32_t		 err;
	char		 tmp[NAME_MAX + 1];
};

/*
 * The run's output files, process-wide like the descriptors they name
 * and read by the exit and signal handlers: so a static of this file,
 * as cli.c keeps its stop flag.
 */
static struct {
	struct out	 v[OUTFILE_MAX];
	int		 n;
	int		 sock;		/* to the guardian; -1: none */
	pid_t		 guardian;
	bool		 sealed;	/* no new file: the guardian has lowered itself */
	volatile sig_atomic_t busy;	/* a request is under way */
	volatile sig_atomic_t ended;	/* committed or discarded */
	bool		 hooked;
} outs = { .sock = -1 };

/* The signals whose default action ends the run: each discards first. */
static const int fatal_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2, SIGXCPU, SIGXFSZ,
};
#define N_FATAL	(sizeof(fatal_signals) / sizeof(fatal_signals[0]))

/* Remove every temporary file not committed.  Async-signal-safe. */
static void
discard_all(void)
{
	int i;

	for (i = 0; i < outs.n; i++) {
		struct out *o = &outs.v[i];

		if (!o->committed && !o->gone && o->dir >= 0) {
			(void)unlinkat(o->dir, o->tmp, 0);
			o->gone = true;
		}
	}
}

/*
 * Rename each temporary file over its target, in the order they were
 * created; the first that fails stops it, and the rest are removed.
 * A file must still be the one created (not replaced in between) and
 * hold something: a target is never replaced by an empty file.
 */
static struct reply
commit_all(void)
{
	struct reply r = { .index = -1 };
	struct stat mine, named;
	int i;

	for (i = 0; i < outs.n; i++) {
		struct out *o = &outs.v[i];

		if (o->committed)
			continue;
		if (o->gone || fstat(o->fd, &mine) != 0 ||
		    fstatat(o->dir, o->tmp, &named, AT_SYMLINK_NOFOLLOW) != 0)
			r.err = o->gone ? ENOENT : errno;
		else if (mine.st_dev != named.st_dev || mine.st_ino != named.st_ino)
			r.err = ESTALE;
		else if (mine.st_size == 0)
			r.err = ENODATA;
		else if (fsync(o->fd) != 0 && errno != EINVAL && errno != EROFS)
			r.err = errno;
		else if (renameat(o->dir, o->tmp, o->dir, o->base) != 0)
			r.err = errno;
		if (r.err != 0) {
			r.index = i;
			discard_all();
			return r;
		}
		o->committed = true;
		/* The rename itself to disk; a directory opened O_PATH cannot be, and need not. */
		(void)fsync(o->dir);
	}
	return r;
}

/* Close every descriptor but the socket, stderr and the files' own. */
static void
close_except(int sock)
{
	int keep[2 + 2 * OUTFILE_MAX], n = 0, i, j, t, from = 0;

	keep[n++] = sock;
	keep[n++] = STDERR_FILENO;
	for (i = 0; i < outs.n; i++) {
		keep[n++] = outs.v[i].fd;
		keep[n++] = outs.v[i].dir;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && keep[j - 1] > keep[j]; j--) {
			t = keep[j];
			keep[j] = keep[j - 1];
			keep[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		if (keep[i] > from && close_range((unsigned int)from, (unsigned int)keep[i] - 1, 0) != 0)
			for (t = from; t < keep[i]; t++)
				(void)close(t);
		from = keep[i] + 1;
	}
	if (close_range((unsigned int)from, ~0U, 0) != 0)
		for (t = from; t < 65536; t++)
			(void)close(t);
}

/*
 * One message on the socket, with a descriptor passed along (fd >= 0).
 * Async-signal-safe; the length sent, or -1.
 */
static ssize_t
send_msg(int sock, void *buf, size_t len, int fd)
{
	union {
		struct cmsghdr	 h;
		char		 buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct msghdr mh;
	struct iovec iov;
	struct cmsghdr *c;
	ssize_t k;

	memset(&mh, 0, sizeof(mh));
	iov.iov_base = buf;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (fd >= 0) {
		memset(&cm, 0, sizeof(cm));
		mh.msg_control = cm.buf;
		mh.msg_controllen = sizeof(cm.buf);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	do
		k = sendmsg(sock, &mh, MSG_NOSIGNAL);
	while (k < 0 && errno == EINTR);
	return k;
}

/*
 * One message from the socket, exactly len bytes long, and the
 * descriptor passed with it in *fd (-1: none; close-on-exec).  0 at
 * the end (the other side closed), -1 on an error or a message of
 * another length, else len.  Async-signal-safe.
 */
static ssize_t
recv_msg(int sock, void *buf, size_t len, int *fd)
{
	union {
		struct cmsghdr	 h;
		char		 buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct msghdr mh;
	struct iovec iov;
	struct cmsghdr *c;
	ssize_t k;
	int got = -1;

	*fd = -1;
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = buf;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof(cm.buf);
	do
		k = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return -1;
	for (c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
		    c->cmsg_len == CMSG_LEN(sizeof(int)) && got < 0)
			memcpy(&got, CMSG_DATA(c), sizeof(int));
	if (k > 0 && ((size_t)k != len || (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0)) {
		if (got >= 0)
			(void)close(got);
		errno = EPROTO;
		return -1;
	}
	*fd = got;
	return k;
}

/*
 * One request to the guardian (with a descriptor, fd >= 0) and its
 * answer (with the descriptor it passes back in *back, when back is not
 * NULL).  Async-signal-safe; -1 when it is gone.
 */
static int
ask(struct request *q, int fd, struct reply *r, int *back)
{
	int got;

	if (back != NULL)
		*back = -1;
	if (send_msg(outs.sock, q, sizeof(*q), fd) != (ssize_t)sizeof(*q) ||
	    recv_msg(outs.sock, r, sizeof(*r), &got) != (ssize_t)sizeof(*r))
		return -1;
	if (back != NULL)
		*back = got;
	else if (got >= 0)
		(void)close(got);
	return 0;
}

/* A request of one letter and no file. */
static int
ask_op(char op, struct reply *r)
{
	struct request q;

	memset(&q, 0, sizeof(q));
	q.op = op;
	return ask(&q, -1, r, NULL);
}

/*
 * Commit (ok) or discard, once; then let the guardian go and wait for
 * it, so that when the run's exit is seen no temporary file is left.
 * Async-signal-safe.  A reply's err is set when the commit failed.
 */
static void
finish(bool ok, struct reply *r)
{
	r->index = -1;
	r->err = 0;
	outs.busy = 1;
	if (outs.sock >= 0) {
		if (ask_op(ok ? REQ_COMMIT : REQ_DISCARD, r) != 0) {
			/* The guardian is gone (killed): do what this process may. */
			discard_all();
			if (ok) {
				r->index = 0;
				r->err = EPIPE;
			}
		}
		(void)close(outs.sock);
		outs.sock = -1;
		(void)waitpid(outs.guardian, NULL, 0);
	} else {
		/* No guardian, so no file (it could not start, or never had to). */
		discard_all();
	}
	outs.ended = 1;
	outs.busy = 0;
}

static void
on_fatal_signal(int sig)
{
	struct reply r;
	int saved = errno;

	if (!outs.busy && !outs.ended)
		finish(false, &r);
	errno = saved;
	/* Installed with SA_RESETHAND | SA_NODEFER: this ends the process as the signal would have. */
	(void)raise(sig);
}

/*
 * The run's end: the files are committed when it ends well (0, 1 or 2)
 * and every one was finished, discarded otherwise.  A commit that fails
 * changes the exit status to 73, a file never finished to 74.
 */
static void
at_exit(int status, void *arg)
{
	struct reply r;
	int i, unfinished = -1;
	bool ok;

	(void)arg;
	if (outs.ended || outs.busy || (outs.n == 0 && outs.sock < 0))
		return;
	ok = status == FL_EXIT_OK || status == FL_EXIT_FAULT || status == FL_EXIT_INCONCLUSIVE;
	for (i = 0; i < outs.n && ok; i++)
		if (!outs.v[i].done)
			unfinished = i;
	if (unfinished >= 0)
		ok = false;
	finish(ok, &r);
	if (unfinished >= 0) {
		cli_error(FL_EXIT_IOERR, "%s was not written in full: left as it was",
		    outs.v[unfinished].path);
		fflush(NULL);
		_exit(FL_EXIT_IOERR);
	}
	if (ok && r.err != 0) {
		cli_error(FL_EXIT_CANTCREAT, "cannot create %s: %s",
		    outs.v[r.index >= 0 && r.index < outs.n ? r.index : 0].path,
		    r.err == ENODATA ? "nothing was written" : r.err == EPIPE ?
		    "the process that commits the output files is gone" : strerror(r.err));
		fflush(NULL);
		_exit(FL_EXIT_CANTCREAT);
	}
}

/* Once, with the first file: the exit handler, and the signals that would end the run. */
static void
hook(void)
{
	struct sigaction sa, cur;
	size_t i;

	if (outs.hooked)
		return;
	outs.hooked = true;
	(void)on_exit(at_exit, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigfillset(&sa.sa_mask);
	for (i = 0; i < N_FATAL; i++)
		/* One ignored on purpose (nohup, trap '' XFSZ) stays ignored. */
		if (sigaction(fatal_signals[i], NULL, &cur) == 0 && cur.sa_handler == SIG_DFL)
			(void)sigaction(fatal_signals[i], &sa, NULL);
}

/* ".BASE.faultline-" and TMP_RAND letters or digits: a temporary file of ours for BASE. */
static bool
is_temp_of(const char *name, const char *base)
{
	size_t bl = strlen(base), tl = strlen(TMP_TAG), i;

	if (name[0] != '.' || strncmp(name + 1, base, bl) != 0 ||
	    strncmp(name + 1 + bl, TMP_TAG, tl) != 0)
		return false;
	name += 1 + bl + tl;
	for (i = 0; i < TMP_RAND; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9')))
			return false;
	return name[TMP_RAND] == '\0';
}

/*
 * What a run killed with its guardian left for this target: ours (same
 * owner), and no longer locked by a live run.
 */
static void
clean_leftovers(int dir, const char *base)
{
	struct dirent *e;
	struct stat st;
	int dfd, fd;
	DIR *d;

	dfd = openat(dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	if ((d = fdopendir(dfd)) == NULL) {
		close(dfd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (!is_temp_of(e->d_name, base))
			continue;
		fd = openat(dir, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0)
			(void)unlinkat(dir, e->d_name, 0);
		close(fd);
	}
	closedir(d);
}

/* dir and base of path, the way open() would read it. */
static int
split(const char *path, char *dir, size_t dlen, char *base, size_t blen)
{
	const char *slash = strrchr(path, '/'), *b = slash != NULL ? slash + 1 : path;

	if (*b == '\0' || strcmp(b, ".") == 0 || strcmp(b, "..") == 0) {
		errno = EISDIR;
		return -1;
	}
	if (strlen(b) + 1 + strlen(TMP_TAG) + TMP_RAND > NAME_MAX || strlen(b) >= blen) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(base, b);
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == path)
		strcpy(dir, "/");
	else if ((size_t)(slash - path) < dlen)
		snprintf(dir, dlen, "%.*s", (int)(slash - path), path);
	else {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* The temporary file, created, locked, and still under its name once locked. */
static int
create_temp(struct out *o, mode_t mode)
{
	static const char letters[] =
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char rnd[TMP_RAND];
	struct stat mine, named;
	char suffix[TMP_RAND + 1];
	int tries, fd, i;

	for (tries = 0; tries < 32; tries++) {
		if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
			return -1;
		for (i = 0; i < TMP_RAND; i++)
			suffix[i] = letters[rnd[i] % (sizeof(letters) - 1)];
		suffix[TMP_RAND] = '\0';
		/* Room checked by split(); pieces copied, as they live in one struct. */
		o->tmp[0] = '.';
		strcpy(o->tmp + 1, o->base);
		strcat(o->tmp, TMP_TAG);
		strcat(o->tmp, suffix);
		fd = openat(o->dir, o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY |
		    O_CLOEXEC, mode);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0)
			return -1;
		/*
		 * Another run cleaning leftovers may have locked it before
		 * this one could, and removed it: then try another name.
		 */
		if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &mine) == 0 &&
		    fstatat(o->dir, o->tmp, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
		    mine.st_dev == named.st_dev && mine.st_ino == named.st_ino)
			return fd;
		close(fd);
	}
	errno = EEXIST;
	return -1;
}

/*
 * "new" in the guardian: the temporary file for base in dir (the
 * guardian's now), created and counted before the worker hears of it,
 * so that no moment leaves a temporary file the guardian would not
 * remove.  Its descriptor, or -1 with r->err.
 */
static int
guard_new(struct request *q, int dir, struct reply *r)
{
	struct out *o;

	q->base[NAME_MAX] = '\0';
	if (outs.sealed || outs.n == OUTFILE_MAX || dir < 0 || q->base[0] == '\0' ||
	    strchr(q->base, '/') != NULL || strcmp(q->base, ".") == 0 ||
	    strcmp(q->base, "..") == 0 ||
	    strlen(q->base) + 1 + strlen(TMP_TAG) + TMP_RAND > NAME_MAX) {
		r->err = EPERM;
		if (dir >= 0)
			(void)close(dir);
		return -1;
	}
	o = &outs.v[outs.n];
	memset(o, 0, sizeof(*o));
	o->dir = dir;
	strcpy(o->base, q->base);
	clean_leftovers(o->dir, o->base);
	o->fd = create_temp(o, (mode_t)q->mode & 0777);
	if (o->fd < 0) {
		r->err = errno;
		(void)close(dir);
		return -1;
	}
	/* The old file's permissions, the umask notwithstanding: a private capture stays private. */
	if (q->keep_mode)
		(void)fchmod(o->fd, (mode_t)q->mode & 0777);
	outs.n++;
	strcpy(r->tmp, o->tmp);
	return o->fd;
}

/*
 * The guardian: deaf to the signals that end the run (a Ctrl-C reaches
 * the whole process group, and the worker decides what it means), it
 * creates the run's temporary files until the run seals it (then it
 * runs lower() and creates no more), answers requests until the worker
 * closes the socket, however it ends, and then removes what was not
 * committed.
 */
static void __attribute__((noreturn))
guardian(int sock, int (*lower)(void))
{
	struct request q;
	struct reply r;
	ssize_t k;
	size_t i;
	int fd, back;

	for (i = 0; i < N_FATAL; i++)
		(void)signal(fatal_signals[i], SIG_IGN);
	close_except(sock);
	/* Standard input and output taken: no file it creates or is given is one a stray write reaches. */
	while ((fd = open("/dev/null", O_RDWR | O_CLOEXEC)) >= 0 && fd < STDERR_FILENO)
		continue;
	if (fd > STDERR_FILENO)
		(void)close(fd);
	for (;;) {
		k = recv_msg(sock, &q, sizeof(q), &fd);
		if (k <= 0)
			break;
		memset(&r, 0, sizeof(r));
		r.index = -1;
		back = -1;
		if (q.op == REQ_NEW) {
			back = guard_new(&q, fd, &r);
			fd = -1;
		} else if (q.op == REQ_SEAL && !outs.sealed) {
			if (lower != NULL && lower() != 0) {
				discard_all();
				_exit(FL_EXIT_NOPERM);
			}
			outs.sealed = true;
		} else if (q.op == REQ_COMMIT) {
			r = commit_all();
		} else if (q.op == REQ_DISCARD) {
			discard_all();
		} else {
			r.err = EINVAL;
		}
		if (fd >= 0)
			(void)close(fd);
		/* The descriptor passed back stays this process's too (the worker has its own). */
		if (send_msg(sock, &r, sizeof(r), back) != (ssize_t)sizeof(r))
			break;
	}
	discard_all();
	_exit(0);
}

/* The guardian, forked before the run's first temporary file exists. */
static int
start_guardian(int (*lower)(void), char *err, size_t errlen)
{
	pid_t pid;
	int sv[2];

	/* Datagrams that keep their bounds, and an end the guardian sees when the worker goes. */
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
		snprintf(err, errlen, "cannot start the output files' guardian: %s", strerror(errno));
		return -1;
	}
	/* Nothing buffered may be written twice, once by each process. */
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot start the output files' guardian: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		guardian(sv[1], lower);
	}
	close(sv[1]);
	outs.sock = sv[0];
	outs.guardian = pid;
	return 0;
}

int
outfile_create(const char *path, struct stat *old, int (*lower)(void), char *err, size_t errlen)
{
	char dir[PATH_MAX];
	struct request q;
	struct reply r;
	struct stat st;
	struct out *o;
	int fd, wfd;

	memset(old, 0, sizeof(*old));
	if (outs.n == OUTFILE_MAX || outs.sealed || outs.ended) {
		/* A programming error: the front ends create all their files before the drop. */
		snprintf(err, errlen, "cannot create %s: too late or too many output files", path);
		return -1;
	}
	o = &outs.v[outs.n];
	memset(o, 0, sizeof(*o));
	o->path = path;
	o->dir = o->fd = -1;
	if (split(path, dir, sizeof(dir), o->base, sizeof(o->base)) != 0) {
		snprintf(err, errlen, "cannot create %s: %s", path,
		    errno == EISDIR ? "it is a directory" : strerror(errno));
		return -1;
	}
	o->dir = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->dir < 0 && errno == EACCES)
		/* Writable but not readable: no leftovers cleaned, no fsync of the rename. */
		o->dir = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (o->dir < 0) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstatat(o->dir, o->base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(st.st_mode) || S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "cannot create %s: %s", path, S_ISLNK(st.st_mode) ?
			    "it is a symbolic link (name the file it points to)" : "it is a directory");
			close(o->dir);
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			/* A device or a FIFO: written in place, nothing to replace. */
			fd = openat(o->dir, o->base, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
			if (fd < 0)
				snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
			close(o->dir);
			return fd;
		}
		*old = st;
	} else if (errno != ENOENT) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		close(o->dir);
		return -1;
	}
	hook();
	/*
	 * The guardian creates the temporary file, so that it never exists
	 * unknown to the process that removes it when the run dies: files
	 * the worker created before forking a guardian were left by a
	 * SIGKILL in between.
	 */
	if (outs.sock < 0 && start_guardian(lower, err, errlen) != 0) {
		close(o->dir);
		return -1;
	}
	memset(&q, 0, sizeof(q));
	q.op = REQ_NEW;
	q.keep_mode = old->st_nlink > 0;
	q.mode = old->st_nlink > 0 ? (old->st_mode & 0777) : 0644;
	strcpy(q.base, o->base);
	if (ask(&q, o->dir, &r, &fd) != 0 || (r.err == 0 && fd < 0)) {
		if (fd >= 0)
			close(fd);
		snprintf(err, errlen, "cannot create %s: the process that keeps the output files "
		    "is gone", path);
		close(o->dir);
		return -1;
	}
	if (r.err != 0) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(r.err));
		close(o->dir);
		return -1;
	}
	r.tmp[NAME_MAX] = '\0';
	strcpy(o->tmp, r.tmp);
	/* Counted now: a last resort (finish()) may remove it by name. */
	outs.n++;
	/* The caller writes, and closes, its own descriptor; the guardian keeps one. */
	if (fd >= 3)
		return fd;
	wfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	if (wfd < 0)
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
	return wfd;
}

void
outfile_done(const char *path)
{
	int i;

	for (i = 0; i < outs.n; i++)
		if (outs.v[i].path == path || strcmp(outs.v[i].path, path) == 0)
			outs.v[i].done = true;
}

int
outfile_guard(char *err, size_t errlen)
{
	struct reply r;
	int i;

	if (outs.sock < 0 || outs.sealed || outs.ended)
		return 0;
	if (ask_op(REQ_SEAL, &r) != 0) {
		/* It removed the files before it went. */
		snprintf(err, errlen, "cannot start the output files' guardian: it could not give up "
		    "its privileges");
		close(outs.sock);
		outs.sock = -1;
		(void)waitpid(outs.guardian, NULL, 0);
		for (i = 0; i < outs.n; i++)
			outs.v[i].gone = true;
		outs.ended = 1;
		return -1;
	}
	outs.sealed = true;
	return 0;
}
