/*
 * Command-line numbers and the exit statuses every command shares.
 */
#ifndef FL_OPTS_H
#define FL_OPTS_H

#include <stddef.h>

/* Exit statuses (documented in every man page). */
#define FL_EXIT_OK		0	/* ran; no fault found */
#define FL_EXIT_FAULT		1	/* ran; the verdict names a fault */
#define FL_EXIT_INCONCLUSIVE	2	/* ran; the evidence does not decide */
#define FL_EXIT_USAGE		64	/* bad option, number, port or URL */
#define FL_EXIT_DATAERR		65	/* capture unreadable or holds nothing usable */
#define FL_EXIT_NOINPUT		66	/* capture file cannot be opened */
#define FL_EXIT_NOHOST		68	/* host name does not resolve */
#define FL_EXIT_OSERR		71	/* system call failed */
#define FL_EXIT_CANTCREAT	73	/* output file cannot be created */
#define FL_EXIT_IOERR		74	/* output could not be written */
#define FL_EXIT_TEMPFAIL	75	/* resolver unreachable, try again */
#define FL_EXIT_NOPERM		77	/* no raw-socket privilege, or the drop failed */

/* The probe commands' --help, after their own 0, 1 and 2. */
#define FL_EXIT_HELP \
	"64 usage, 65 bad capture, 66 cannot open a file, 68 unknown host, 71 system\n" \
	"error, 73 cannot create output, 74 write error, 75 resolver failure, 77 no\n" \
	"privilege."

/*
 * Parse a whole decimal integer in [min, max]; on junk, overflow or a
 * value out of range, write a message naming the option and return -1.
 */
int	opt_long(const char *s, const char *name, long min, long max, long *out,
	    char *err, size_t errlen);

/* A decimal number of seconds in [min, max] (no NaN, no infinity). */
int	opt_seconds(const char *s, const char *name, double min, double max,
	    double *out, char *err, size_t errlen);

/* "MAX[,HERE,NEAR]" as traceroute's -w takes it. */
int	opt_wait(const char *s, double *max, double *here, double *near,
	    char *err, size_t errlen);

#endif
