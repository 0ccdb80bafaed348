/*
 * Front-end helpers shared by the commands.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "analyze/report/escape.h"
#include "probes/cli/cli.h"
#include "probes/cli/opts.h"

/*
 * Standard output as cli_stdout() set it up: what it is filtered into,
 * how, and whether anything was written yet.  One per process, like
 * stdout itself.
 */
static struct {
	FILE		*to;		/* the real standard output; NULL: not set up */
	const char	*tool;		/* --json: the command, for an error's document */
	bool		 json;
	size_t		 written;
	unsigned char	 carry[4];	/* a UTF-8 sequence cut by the buffer */
	size_t		 ncarry;
} out;

/* fopencookie() write: every byte the command prints goes through escape.c on its way out. */
static ssize_t
out_write(void *cookie, const char *buf, size_t n)
{
	unsigned char chunk[4096 + 4];
	size_t done = 0, take, len, whole;

	(void)cookie;
	while (done < n) {
		len = out.ncarry;
		memcpy(chunk, out.carry, len);
		take = n - done < 4096 ? n - done : 4096;
		memcpy(chunk + len, buf + done, take);
		len += take;
		done += take;
		whole = rp_utf8_whole(chunk, len);
		if (out.json)
			rp_json_verbatim(out.to, (const char *)chunk, whole);
		else
			rp_text_verbatim(out.to, (const char *)chunk, whole);
		out.ncarry = len - whole;
		memcpy(out.carry, chunk + whole, out.ncarry);
	}
	out.written += n;
	if (fflush(out.to) != 0 || ferror(out.to))
		return -1;
	return (ssize_t)n;
}

static int
out_close(void *cookie)
{
	(void)cookie;
	/* A sequence cut for good: U+FFFD. */
	if (out.ncarry > 0)
		rp_text_verbatim(out.to, (const char *)out.carry, out.ncarry);
	out.ncarry = 0;
	return fflush(out.to) == 0 ? 0 : -1;
}

void
cli_stdout(int argc, char **argv, const char *shorts, const struct option *longs, int json_opt,
    const char *tool)
{
	cookie_io_functions_t io = { NULL, out_write, NULL, out_close };
	char **copy;
	FILE *f;
	int ch;

	if (out.to != NULL)
		return;
	/*
	 * --json where the command's own parser will see it (not as -w's
	 * file name, say), in a copy: getopt_long() reorders what it reads.
	 */
	copy = calloc((size_t)argc + 1, sizeof(*copy));
	if (copy != NULL) {
		memcpy(copy, argv, (size_t)argc * sizeof(*copy));
		opterr = 0;
		while ((ch = getopt_long(argc, copy, shorts, longs, NULL)) != -1)
			if (ch == json_opt)
				out.json = true;
		free(copy);
	}
	optind = 0;	/* glibc: the command's own parse starts afresh */
	out.tool = out.json ? tool : NULL;
	f = fopencookie(NULL, "w", io);
	if (f == NULL)
		return;
	fflush(stdout);
	setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
	out.to = stdout;
	/* glibc's stdout is a variable to be set ("Standard Streams" in its manual). */
	stdout = f;
}

/* The one line on stderr, and with --json the document on stdout if none was written. */
static void
report_error(int status, const char *fmt, va_list ap)
{
	char msg[1024], line[1200];
	json_t *doc;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* One line, and no terminal escape or reordering from a file name or a file's bytes. */
	rp_text_line(msg, line, sizeof(line));
	fprintf(stderr, "%s: %s\n", program_invocation_short_name, line);
	if (out.tool == NULL || out.written > 0)
		return;
	doc = json_pack("{s:s, s:s, s:{s:i, s:s}}", "tool", out.tool, "version", FL_VERSION,
	    "error", "status", status, "message", line);
	if (doc != NULL && json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0)
		fputc('\n', stdout);
	json_decref(doc);
	fflush(stdout);
}

void
cli_error(int status, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	report_error(status, fmt, ap);
	va_end(ap);
}

/* The cleanups an error exit runs (cli_on_die()). */
static struct {
	void	(*fn)(void *);
	void	*ctx;
} on_die[CLI_MAX_ON_DIE];
static int n_on_die;

void
cli_on_die(void (*fn)(void *), void *ctx)
{
	if (n_on_die == CLI_MAX_ON_DIE)
		abort();	/* a programming error: more files than the front ends have */
	on_die[n_on_die].fn = fn;
	on_die[n_on_die++].ctx = ctx;
}

void
cli_off_die(void (*fn)(void *), void *ctx)
{
	int i;

	for (i = 0; i < n_on_die; i++)
		if (on_die[i].fn == fn && on_die[i].ctx == ctx) {
			on_die[i] = on_die[--n_on_die];
			return;
		}
}

void
cli_die(int status, const char *fmt, ...)
{
	va_list ap;

	/* Each once, even if one of them dies in turn. */
	while (n_on_die > 0) {
		n_on_die--;
		on_die[n_on_die].fn(on_die[n_on_die].ctx);
	}
	fflush(stdout);
	va_start(ap, fmt);
	report_error(status, fmt, ap);
	va_end(ap);
	exit(status);
}

void
cli_option_end(int ch, char **argv, const char *prog, void (*usage)(FILE *))
{
	switch (ch) {
	case 'h':
		usage(stdout);
		exit(FL_EXIT_OK);
	case 'V':
		printf("%s %s\n", prog, FL_VERSION);
		exit(FL_EXIT_OK);
	case ':':
		cli_die(FL_EXIT_USAGE, "option %s needs an argument (see --help)", argv[optind - 1]);
	default:
		if (optopt != 0)
			cli_die(FL_EXIT_USAGE, "unknown option -%c (see --help)", optopt);
		cli_die(FL_EXIT_USAGE, "unknown option %s (see --help)", argv[optind - 1]);
	}
}

int64_t
cli_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t
cli_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Set by a signal handler, so it can only be a static of this file. */
static volatile sig_atomic_t stop_requested;

static void
on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

void
cli_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

volatile sig_atomic_t *
cli_stop_flag(void)
{
	return &stop_requested;
}

bool
cli_num_option(const struct cli_num *t, int ch, const char *arg)
{
	char err[256];

	for (; t->name != NULL; t++) {
		if (t->ch != ch)
			continue;
		if (opt_long(arg, t->name, t->min, t->max, t->out, err, sizeof(err)) != 0)
			cli_die(FL_EXIT_USAGE, "%s", err);
		return true;
	}
	return false;
}

bool
cli_secs_option(const struct cli_secs *t, int ch, const char *arg)
{
	char err[256];

	for (; t->name != NULL; t++) {
		if (t->ch != ch)
			continue;
		if (opt_seconds(arg, t->name, t->min, t->max, t->out, err, sizeof(err)) != 0)
			cli_die(FL_EXIT_USAGE, "%s", err);
		return true;
	}
	return false;
}

const char *
cli_iface_arg(const char *arg)
{
	/* IFNAMSIZ is 16, the terminator included. */
	if (strlen(arg) == 0 || strlen(arg) >= 16)
		cli_die(FL_EXIT_USAGE, "-i: '%s' is not an interface name", arg);
	return arg;
}
