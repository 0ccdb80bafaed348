/*
 * What every command's front end shares: the one-line error and exit,
 * and the clock.
 */
#ifndef FL_CLI_H
#define FL_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/*
 * "prog: message" on stderr, one line (controls and bytes that are not
 * UTF-8 as '?', a bidirectional control by its name), then exit(status).
 * With --json (cli_stdout()), standard output gets, if nothing was
 * written there yet, the document {"tool", "version", "error":
 * {"status", "message"}}.
 */
void	cli_die(int status, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
/* The same without exiting, for an exit handler that decides the status itself. */
void	cli_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Before a command parses its options: its standard output.  --json is
 * looked for with the command's own option table (shorts, longs; json_opt
 * is the value getopt_long() gives for it), so that a mistake in the
 * options already gets its JSON document.  Either way, everything the
 * command prints reaches the terminal through analyze/report/escape.c:
 * text with controls dropped, bytes that are not UTF-8 as U+FFFD and
 * the code points that reorder or break a line by name ("<U+202E>");
 * JSON with those code points as \u escapes (the same string).
 */
struct option;
void	cli_stdout(int argc, char **argv, const char *shorts, const struct option *longs,
	    int json_opt, const char *tool);

/*
 * Run fn(ctx) in cli_die() before exiting: the cleanup of an output file
 * that an error must not leave behind (the -w capture, the report), or
 * the freeing of what the run holds (probes/cli/replay.h), so that an
 * error exit leaks nothing and a sanitized build exits with it.  Up
 * to CLI_MAX_ON_DIE at once, run newest first; cli_off_die() takes one
 * back once its file is complete.
 */
#define CLI_MAX_ON_DIE	8
void	cli_on_die(void (*fn)(void *), void *ctx);
void	cli_off_die(void (*fn)(void *), void *ctx);

/*
 * The getopt_long() results every command treats alike, for the default
 * branch of its option switch: 'h' (also --help) prints usage to stdout
 * and 'V' (also --version) "prog version", both exiting 0; ':' (an
 * option without its argument) and anything else are usage errors
 * (exit 64).  Does not return.
 */
void	cli_option_end(int ch, char **argv, const char *prog, void (*usage)(FILE *))
	    __attribute__((noreturn));

/* Wall-clock nanoseconds since the epoch (what pcap stamps packets with). */
int64_t	cli_now_ns(void);

/* Monotonic nanoseconds, for deadlines and elapsed times. */
int64_t	cli_mono_ns(void);

/*
 * SIGINT and SIGTERM stop a run at its next step instead of killing it,
 * so that it still writes what it has and removes its half-made files;
 * the probe loops poll the flag cli_stop_flag() returns.
 */
void	cli_catch_signals(void);
volatile sig_atomic_t *cli_stop_flag(void);

/*
 * Numeric options in a table: when ch is one of them, optarg is parsed
 * into it through opt_long()/opt_seconds() (exit 64 naming the option on
 * junk or a value out of range) and true is returned.
 */
struct cli_num {
	int		 ch;
	const char	*name;		/* "-m", "--rounds" */
	long		 min, max;
	long		*out;
};
struct cli_secs {
	int		 ch;
	const char	*name;
	double		 min, max;
	double		*out;
};
bool	cli_num_option(const struct cli_num *, int ch, const char *arg);
bool	cli_secs_option(const struct cli_secs *, int ch, const char *arg);

/* -i's argument: a name an interface can have (exit 64 otherwise). */
const char *cli_iface_arg(const char *arg);

#endif
