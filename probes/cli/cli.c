/*
 * Front-end helpers shared by the commands.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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
