/*
 * Command-line number parser tests: every input a user could type
 * wrongly must be refused with a message naming the option, and
 * nothing is stored on refusal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "probes/cli/opts.h"

#define SENTINEL_L	-424242L
#define SENTINEL_D	-4242.5

struct lcase {
	const char	*s;
	long		 min, max;
	int		 rc;
	long		 v;		/* when rc == 0 */
	const char	*msg;		/* substring of the message when rc == -1 */
};

static struct lcase lcases[] = {
	{ "5", 1, 255, 0, 5, NULL },
	{ "1", 1, 255, 0, 1, NULL },		/* the bounds themselves */
	{ "255", 1, 255, 0, 255, NULL },
	{ "010", 0, 100, 0, 10, NULL },		/* decimal, not octal */
	{ "-0", 0, 10, 0, 0, NULL },
	{ "+7", 0, 10, 0, 7, NULL },
	{ "-5", -10, 10, 0, -5, NULL },
	{ "9223372036854775807", 0, LONG_MAX, 0, LONG_MAX, NULL },
	{ "-9223372036854775808", LONG_MIN, 0, 0, LONG_MIN, NULL },
	{ "", 0, 10, -1, 0, "required" },
	{ " 5", 0, 10, -1, 0, "required" },
	{ "\t5", 0, 10, -1, 0, "required" },
	{ "5 ", 0, 10, -1, 0, "not a whole number" },
	{ "5\n", 0, 10, -1, 0, "not a whole number" },
	{ "5x", 0, 10, -1, 0, "not a whole number" },
	{ "x5", 0, 10, -1, 0, "not a whole number" },
	{ "0x10", 0, 100, -1, 0, "not a whole number" },
	{ "1e3", 0, 10000, -1, 0, "not a whole number" },
	{ "1.0", 0, 10, -1, 0, "not a whole number" },
	{ "1,000", 0, 10000, -1, 0, "not a whole number" },
	{ "-", 0, 10, -1, 0, "not a whole number" },
	{ "+", 0, 10, -1, 0, "not a whole number" },
	{ "--5", -10, 10, -1, 0, "not a whole number" },
	{ "+-5", -10, 10, -1, 0, "not a whole number" },
	{ "nan", 0, 10, -1, 0, "not a whole number" },
	{ "inf", 0, 10, -1, 0, "not a whole number" },
	{ "\xef\xbc\x95", 0, 10, -1, 0, "not a whole number" },	/* fullwidth 5 */
	{ "0", 1, 255, -1, 0, "out of range (1 to 255)" },
	{ "256", 1, 255, -1, 0, "out of range (1 to 255)" },
	{ "-1", 0, 10, -1, 0, "out of range" },
	{ "9223372036854775808", 0, LONG_MAX, -1, 0, "out of range" },
	{ "-9223372036854775809", LONG_MIN, 0, -1, 0, "out of range" },
	{ "99999999999999999999999999", 0, 10, -1, 0, "out of range" },
	{ "4294967297", 0, 65535, -1, 0, "out of range" },
};

static void
run_lcase(void **state)
{
	const struct lcase *c = *state;
	char err[256] = "";
	long v = SENTINEL_L;
	int rc;

	rc = opt_long(c->s, "--max-ttl", c->min, c->max, &v, err, sizeof(err));
	if (rc != c->rc)
		fail_msg("opt_long(\"%s\") returned %d, expected %d (%s)", c->s, rc, c->rc, err);
	if (rc == 0) {
		if (v != c->v)
			fail_msg("opt_long(\"%s\") = %ld, expected %ld", c->s, v, c->v);
		return;
	}
	if (v != SENTINEL_L)
		fail_msg("opt_long(\"%s\") stored %ld on failure", c->s, v);
	if (strstr(err, "--max-ttl") == NULL || strstr(err, c->msg) == NULL)
		fail_msg("opt_long(\"%s\"): message \"%s\" should name --max-ttl and say "
		    "\"%s\"", c->s, err, c->msg);
}

static void
test_opt_long_null_and_small_buffer(void **state)
{
	char err[8];
	long v = SENTINEL_L;

	(void)state;
	assert_int_equal(opt_long(NULL, "-q", 0, 10, &v, err, sizeof(err)), -1);
	assert_int_equal(v, SENTINEL_L);
	assert_non_null(strstr(err, "-q"));
	/* A message longer than the buffer is cut, terminated, not overrun. */
	memset(err, 'x', sizeof(err));
	assert_int_equal(opt_long("123456789", "--queries", 0, 10, &v, err, sizeof(err)), -1);
	assert_non_null(memchr(err, '\0', sizeof(err)));
	assert_int_equal(strncmp(err, "--queri", 7), 0);
}

struct dcase {
	const char	*s;
	double		 min, max;
	int		 rc;
	double		 v;
	const char	*msg;
};

static struct dcase dcases[] = {
	{ "1.5", 0, 100, 0, 1.5, NULL },
	{ "0", 0, 100, 0, 0, NULL },
	{ "100", 0, 100, 0, 100, NULL },
	{ ".5", 0, 100, 0, 0.5, NULL },
	{ "5.", 0, 100, 0, 5, NULL },
	{ "0.01", 0.01, 60, 0, 0.01, NULL },
	{ "1e1", 0, 100, 0, 10, NULL },
	{ "2.5E-1", 0, 100, 0, 0.25, NULL },
	{ "-0", 0, 100, 0, 0, NULL },
	{ "+3", 0, 100, 0, 3, NULL },
	{ "", 0, 100, -1, 0, "required" },
	{ " 1", 0, 100, -1, 0, "required" },
	{ "1 ", 0, 100, -1, 0, "not a number of seconds" },
	{ "1s", 0, 100, -1, 0, "not a number of seconds" },
	{ "1,5", 0, 100, -1, 0, "not a number of seconds" },
	{ ".", 0, 100, -1, 0, "not a number of seconds" },
	{ "-", 0, 100, -1, 0, "not a number of seconds" },
	{ "e5", 0, 100, -1, 0, "not a number of seconds" },
	{ "1e", 0, 100, -1, 0, "not a number of seconds" },
	{ "0x10", 0, 100, -1, 0, "not a number of seconds" },
	{ "0X1p3", 0, 100, -1, 0, "not a number of seconds" },
	{ "nan", 0, 100, -1, 0, "not a number of seconds" },
	{ "NaN", 0, 100, -1, 0, "not a number of seconds" },
	{ "-nan", 0, 100, -1, 0, "not a number of seconds" },
	{ "nan(1)", 0, 100, -1, 0, "not a number of seconds" },
	{ "inf", 0, 100, -1, 0, "not a number of seconds" },
	{ "-inf", -100, 100, -1, 0, "not a number of seconds" },
	{ "Infinity", 0, 100, -1, 0, "not a number of seconds" },
	{ "1e400", 0, 100, -1, 0, NULL },	/* overflows: either message will do */
	{ "1e-400", 0, 100, -1, 0, "out of range" },
	{ "-0.001", 0, 100, -1, 0, "out of range" },
	{ "100.0001", 0, 100, -1, 0, "out of range (0 to 100 seconds)" },
	{ "0.009", 0.01, 60, -1, 0, "out of range" },
};

static void
run_dcase(void **state)
{
	const struct dcase *c = *state;
	char err[256] = "";
	double v = SENTINEL_D;
	int rc;

	rc = opt_seconds(c->s, "--interval", c->min, c->max, &v, err, sizeof(err));
	if (rc != c->rc)
		fail_msg("opt_seconds(\"%s\") returned %d, expected %d (%s)", c->s, rc, c->rc,
		    err);
	if (rc == 0) {
		if (v != c->v)
			fail_msg("opt_seconds(\"%s\") = %g, expected %g", c->s, v, c->v);
		return;
	}
	if (v != SENTINEL_D)
		fail_msg("opt_seconds(\"%s\") stored %g on failure", c->s, v);
	if (strstr(err, "--interval") == NULL || (c->msg != NULL && strstr(err, c->msg) == NULL))
		fail_msg("opt_seconds(\"%s\"): message \"%s\" should name --interval and say "
		    "\"%s\"", c->s, err, c->msg ? c->msg : "");
}

static void
test_opt_seconds_null(void **state)
{
	char err[256] = "";
	double v = SENTINEL_D;

	(void)state;
	assert_int_equal(opt_seconds(NULL, "--interval", 0, 1, &v, err, sizeof(err)), -1);
	assert_true(v == SENTINEL_D);
	assert_non_null(strstr(err, "--interval"));
}

struct wcase {
	const char	*s;
	int		 rc;
	double		 max, here, near;	/* here, near: SENTINEL_D when absent */
	const char	*msg;
};

static struct wcase wcases[] = {
	{ "5", 0, 5, SENTINEL_D, SENTINEL_D, NULL },
	{ "0.01", 0, 0.01, SENTINEL_D, SENTINEL_D, NULL },
	{ "60", 0, 60, SENTINEL_D, SENTINEL_D, NULL },
	{ "5,3,10", 0, 5, 3, 10, NULL },
	{ "5,0,0", 0, 5, 0, 0, NULL },
	{ "1.5,0.5,100", 0, 1.5, 0.5, 100, NULL },
	{ "", -1, 0, 0, 0, "--wait" },
	{ "5,3", -1, 0, 0, 0, "--wait" },
	{ "5,3,10,1", -1, 0, 0, 0, "--wait" },
	/* Empty fields are junk, not skipped (strtok would merge them). */
	{ ",5", -1, 0, 0, 0, "--wait" },
	{ "5,", -1, 0, 0, 0, "--wait" },
	{ "5,,", -1, 0, 0, 0, "--wait" },
	{ ",,5", -1, 0, 0, 0, "--wait" },
	{ "5,,3", -1, 0, 0, 0, "--wait" },
	{ "5,,3,10", -1, 0, 0, 0, "--wait" },
	{ "5,3,,10", -1, 0, 0, 0, "--wait" },
	{ "5,3,10,", -1, 0, 0, 0, "--wait" },
	{ ",", -1, 0, 0, 0, "--wait" },
	{ "0", -1, 0, 0, 0, "--wait MAX" },
	{ "61", -1, 0, 0, 0, "--wait MAX" },
	{ "nan", -1, 0, 0, 0, "--wait MAX" },
	{ "5s", -1, 0, 0, 0, "--wait MAX" },
	{ "5,x,10", -1, 0, 0, 0, "--wait HERE" },
	{ "5,101,10", -1, 0, 0, 0, "--wait HERE" },
	{ "5,-1,10", -1, 0, 0, 0, "--wait HERE" },
	{ "5,3,inf", -1, 0, 0, 0, "--wait NEAR" },
	{ "5,3,1e3", -1, 0, 0, 0, "--wait NEAR" },
	{ "5,3, 10", -1, 0, 0, 0, "--wait NEAR" },
	{ "1111111111111111111111111111111111111111111111111111111111111111111", -1, 0, 0, 0,
	  "too long" },
};

static void
run_wcase(void **state)
{
	const struct wcase *c = *state;
	char err[256] = "";
	double max = SENTINEL_D, here = SENTINEL_D, near = SENTINEL_D;
	int rc;

	rc = opt_wait(c->s, &max, &here, &near, err, sizeof(err));
	if (rc != c->rc)
		fail_msg("opt_wait(\"%s\") returned %d, expected %d (%s; got %g,%g,%g)", c->s, rc,
		    c->rc, err, max, here, near);
	if (rc == 0) {
		if (max != c->max || here != c->here || near != c->near)
			fail_msg("opt_wait(\"%s\") = %g,%g,%g, expected %g,%g,%g", c->s, max, here,
			    near, c->max, c->here, c->near);
		return;
	}
	if (strstr(err, c->msg) == NULL)
		fail_msg("opt_wait(\"%s\"): message \"%s\" should say \"%s\"", c->s, err, c->msg);
}

#define NL	(sizeof(lcases) / sizeof(lcases[0]))
#define ND	(sizeof(dcases) / sizeof(dcases[0]))
#define NW	(sizeof(wcases) / sizeof(wcases[0]))

/* One cmocka case per table row, named for the function and its input. */
static void
add_case(struct CMUnitTest *t, char *name, size_t len, const char *fn, const char *s,
    CMUnitTestFunction run, void *row)
{
	char shown[48];
	size_t i;

	for (i = 0; s != NULL && s[i] != '\0' && i < sizeof(shown) - 1; i++)
		shown[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	shown[i] = '\0';
	snprintf(name, len, "%s(\"%s\")", fn, shown);
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->test_func = run;
	t->initial_state = row;
}

int
main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_opt_long_null_and_small_buffer),
		cmocka_unit_test(test_opt_seconds_null),
	};
	static struct CMUnitTest tests[NL + ND + NW + 2];
	static char names[NL + ND + NW][80];
	size_t i, n = 0;

	for (i = 0; i < NL; i++, n++)
		add_case(&tests[n], names[n], sizeof(names[n]), "opt_long", lcases[i].s, run_lcase,
		    &lcases[i]);
	for (i = 0; i < ND; i++, n++)
		add_case(&tests[n], names[n], sizeof(names[n]), "opt_seconds", dcases[i].s,
		    run_dcase, &dcases[i]);
	for (i = 0; i < NW; i++, n++)
		add_case(&tests[n], names[n], sizeof(names[n]), "opt_wait", wcases[i].s, run_wcase,
		    &wcases[i]);
	tests[n++] = fixed[0];
	tests[n++] = fixed[1];
	return _cmocka_run_group_tests("opts", tests, n, NULL, NULL);
}
