/*
 * The one bounded number parser every command-line number goes through.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/cli/opts.h"

int
opt_long(const char *s, const char *name, long min, long max, long *out,
    char *err, size_t errlen)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s)) {
		snprintf(err, errlen, "%s: a number is required", name);
		return -1;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0') {
		snprintf(err, errlen, "%s: '%s' is not a whole number", name, s);
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		snprintf(err, errlen, "%s: %s is out of range (%ld to %ld)", name, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int
opt_seconds(const char *s, const char *name, double min, double max,
    double *out, char *err, size_t errlen)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s)) {
		snprintf(err, errlen, "%s: a number of seconds is required", name);
		return -1;
	}
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || isnan(v) || isinf(v) || strchr(s, 'x') || strchr(s, 'X')) {
		snprintf(err, errlen, "%s: '%s' is not a number of seconds", name, s);
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		snprintf(err, errlen, "%s: %s is out of range (%g to %g seconds)", name, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int
opt_wait(const char *s, double *max, double *here, double *near, char *err,
    size_t errlen)
{
	char buf[64], *parts[3], *rest, *tok;
	int n = 0;

	if (strlen(s) >= sizeof(buf)) {
		snprintf(err, errlen, "--wait: '%s' is too long", s);
		return -1;
	}
	snprintf(buf, sizeof(buf), "%s", s);
	/* strsep, unlike strtok, keeps empty fields: "5,,3" is junk, not "5,3". */
	rest = buf;
	while ((tok = strsep(&rest, ",")) != NULL) {
		if (n == 3) {
			snprintf(err, errlen, "--wait: expected MAX[,HERE,NEAR], got '%s'", s);
			return -1;
		}
		parts[n++] = tok;
	}
	if (n == 0 || n == 2) {
		snprintf(err, errlen, "--wait: expected MAX[,HERE,NEAR], got '%s'", s);
		return -1;
	}
	if (opt_seconds(parts[0], "--wait MAX", 0.01, 60, max, err, errlen) != 0)
		return -1;
	if (n == 3 &&
	    (opt_seconds(parts[1], "--wait HERE", 0, 100, here, err, errlen) != 0 ||
	    opt_seconds(parts[2], "--wait NEAR", 0, 100, near, err, errlen) != 0))
		return -1;
	return 0;
}
