/*
 * What every command's front end shares: the one-line error and exit,
 * and the clock.
 */
#ifndef FL_CLI_H
#define FL_CLI_H

#include <stdint.h>

/* "prog: message" on stderr, then exit(status). */
void	cli_die(int status, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));

/*
 * Run fn(ctx) in cli_die() before exiting: the cleanup of an output file
 * that an error must not leave behind.  One at a time; NULL removes it.
 */
void	cli_on_die(void (*fn)(void *), void *ctx);

/* Wall-clock nanoseconds since the epoch (what pcap stamps packets with). */
int64_t	cli_now_ns(void);

#endif
