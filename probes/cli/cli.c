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

#include "probes/cli/cli.h"
#include "probes/cli/opts.h"

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
	char msg[1024], *p;

	/* Each once, even if one of them dies in turn. */
	while (n_on_die > 0) {
		n_on_die--;
		on_die[n_on_die].fn(on_die[n_on_die].ctx);
	}
	fflush(stdout);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One line, and no terminal escape from a file name or a file's bytes. */
	for (p = msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	fprintf(stderr, "%s: %s\n", program_invocation_short_name, msg);
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
