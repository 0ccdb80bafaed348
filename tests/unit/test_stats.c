/*
 * Statistics tests: summaries of known vectors (quantiles by linear
 * interpolation between order statistics, R's type 7; sample standard
 * deviation; MAD about the median, unscaled; jitter as the mean absolute
 * difference of consecutive samples in arrival order), and binomial
 * tails against exact values and an independent recurrence.
 * Expected values were computed with Python's fractions and statistics
 * modules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/flow/stats.h"

static void
near_rel(const char *what, double got, double want, double rel, double abs_tol)
{
	if (isnan(got) || fabs(got - want) > abs_tol + rel * fabs(want))
		fail_msg("%s = %.17g, expected %.17g", what, got, want);
}

struct scase {
	const char	*name;
	size_t		 n;
	double		 x[16];
	double		 min, p25, median, p75, avg, max, stdev, mad, jitter;
};

static struct scase scases[] = {
	{ "n=0", 0, { 0 }, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "n=1", 1, { 5 }, 5, 5, 5, 5, 5, 5, 0, 0, 0 },
	{ "n=2", 2, { 1, 3 }, 1, 1.5, 2, 2.5, 2, 3, 1.4142135623730951, 1, 2 },
	{ "n=4 out of order", 4, { 4, 1, 3, 2 },
	  1, 1.75, 2.5, 3.25, 2.5, 4, 1.2909944487358056, 1, 2 },
	{ "outlier: median and MAD hold", 5, { 10, 20, 30, 40, 1000 },
	  10, 20, 30, 40, 220, 1000, 436.1765697512878, 10, 247.5 },
	{ "constant", 3, { 2.5, 2.5, 2.5 }, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 0, 0, 0 },
	{ "RTTs with two spikes", 8, { 12.1, 11.8, 30.5, 12.0, 12.3, 11.9, 45.0, 12.2 },
	  11.8, 11.975, 12.15, 16.85, 18.475, 45.0, 12.513050330412188, 0.2,
	  14.87142857142857 },
	{ "negative values", 4, { -3, 7, -1, 0 },
	  -3, -1.5, -0.5, 1.75, 0.75, 7, 4.349329450233296, 1.5, 6.333333333333333 },
};

static void
run_scase(void **state)
{
	const struct scase *c = *state;
	struct stats_summary s;
	double before[16];
	char what[96];

	memcpy(before, c->x, sizeof(before));
	memset(&s, 0x5a, sizeof(s));
	assert_int_equal(stats_summarise(c->n ? c->x : NULL, c->n, &s), 0);
	assert_memory_equal(before, c->x, sizeof(before));	/* input untouched */
	assert_int_equal(s.n, c->n);
#define CHECK(f)							\
	do {								\
		snprintf(what, sizeof(what), "%s: " #f, c->name);	\
		near_rel(what, s.f, c->f, 1e-12, 1e-12);		\
	} while (0)
	CHECK(min);
	CHECK(p25);
	CHECK(median);
	CHECK(p75);
	CHECK(avg);
	CHECK(max);
	CHECK(stdev);
	CHECK(mad);
	CHECK(jitter);
#undef CHECK
}

/* 100 down to 1: order of arrival matters to jitter only. */
static void
test_summary_hundred(void **state)
{
	struct stats_summary s;
	double x[100];
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		x[i] = 100 - i;
	assert_int_equal(stats_summarise(x, 100, &s), 0);
	near_rel("p25", s.p25, 25.75, 1e-12, 0);
	near_rel("median", s.median, 50.5, 1e-12, 0);
	near_rel("p75", s.p75, 75.25, 1e-12, 0);
	near_rel("stdev", s.stdev, 29.011491975882016, 1e-12, 0);
	near_rel("mad", s.mad, 25, 1e-12, 0);
	near_rel("jitter", s.jitter, 1, 1e-12, 0);
	x[0] = 1;
	x[99] = 100;	/* the ends swapped: same quantiles, new jitter */
	assert_int_equal(stats_summarise(x, 100, &s), 0);
	near_rel("median after swap", s.median, 50.5, 1e-12, 0);
	near_rel("jitter after swap", s.jitter, (98.0 + 1 * 97 + 98) / 99, 1e-12, 0);
}

static void
test_quantile_sorted(void **state)
{
	static const double s[] = { 1, 2, 4, 8 };

	(void)state;
	near_rel("n=0", stats_quantile_sorted(s, 0, 0.5), 0, 0, 0);
	near_rel("q=0", stats_quantile_sorted(s, 4, 0), 1, 0, 0);
	near_rel("q<0", stats_quantile_sorted(s, 4, -0.5), 1, 0, 0);
	near_rel("q=1", stats_quantile_sorted(s, 4, 1), 8, 0, 0);
	near_rel("q>1", stats_quantile_sorted(s, 4, 7), 8, 0, 0);
	near_rel("q=1/3", stats_quantile_sorted(s, 4, 1.0 / 3), 2, 1e-12, 0);
	near_rel("q=0.5", stats_quantile_sorted(s, 4, 0.5), 3, 1e-12, 0);
	near_rel("q=0.9", stats_quantile_sorted(s, 4, 0.9), 6.8, 1e-12, 0);
	near_rel("q=0.999999", stats_quantile_sorted(s, 4, 0.999999), 7.999988, 1e-9, 0);
	near_rel("n=1", stats_quantile_sorted(s, 1, 0.3), 1, 0, 0);
}

/* Exact tails: P(X >= k) and P(X <= k), X ~ Binomial(n, p). */
struct bcase {
	unsigned int	k, n;
	double		p, upper, lower;
};

static const struct bcase bcases[] = {
	/* n = 5, p = 1/2: counts over 32. */
	{ 0, 5, 0.5, 1, 1.0 / 32 },
	{ 1, 5, 0.5, 31.0 / 32, 6.0 / 32 },
	{ 2, 5, 0.5, 26.0 / 32, 16.0 / 32 },
	{ 3, 5, 0.5, 16.0 / 32, 26.0 / 32 },
	{ 4, 5, 0.5, 6.0 / 32, 31.0 / 32 },
	{ 5, 5, 0.5, 1.0 / 32, 1 },
	{ 6, 5, 0.5, 0, 1 },
	{ 1, 10, 0.1, 0.65132155990000007, 0.73609892909999997 },
	{ 3, 10, 0.1, 0.070190826400000003, 0.98720480160000001 },
	{ 5, 10, 0.1, 0.0016349374000000005, 0.99985309739999995 },
	{ 10, 10, 0.1, 1.0000000000000006e-10, 1 },
	{ 6, 20, 0.3, 0.58362917055251862, 0.60800981220092398 },
	{ 12, 20, 0.3, 0.005138161535121406, 0.99872112039577976 },
	{ 3, 3, 0.9, 0.72900000000000009, 1 },
	{ 1, 1000, 0.01, 0.99995682875258929, 0.00047924445357892332 },
	{ 30, 1000, 0.01, 2.0599888509719586e-07, 0.999999935800714 },
	{ 25, 100, 0.5, 0.99999990949986894, 2.8181410171027011e-07 },
	{ 60, 100, 0.5, 0.028443966820490395, 0.98239989989114762 },
	/* No trials. */
	{ 0, 0, 0.5, 1, 1 },
	{ 1, 0, 0.5, 0, 1 },
	/* p = 0: X is 0.  p = 1: X is n. */
	{ 0, 10, 0, 1, 1 },
	{ 1, 10, 0, 0, 1 },
	{ 10, 10, 0, 0, 1 },
	{ 0, 10, 1, 1, 0 },
	{ 9, 10, 1, 1, 0 },
	{ 10, 10, 1, 1, 1 },
	{ 11, 10, 1, 0, 1 },
	/* Tiny and near-certain p. */
	{ 1, 10, 1e-12, 1e-11, 1 },
	{ 0, 10, 1e-12, 1, 0.99999999999 },
	{ 10, 10, 1 - 1e-9, 0.99999999000000004, 1 },
};

static void
test_binom_exact(void **state)
{
	char what[96];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bcases) / sizeof(bcases[0]); i++) {
		const struct bcase *b = &bcases[i];

		snprintf(what, sizeof(what), "upper(k=%u, n=%u, p=%g)", b->k, b->n, b->p);
		near_rel(what, stats_binom_upper(b->k, b->n, b->p), b->upper, 1e-9, 1e-15);
		snprintf(what, sizeof(what), "lower(k=%u, n=%u, p=%g)", b->k, b->n, b->p);
		near_rel(what, stats_binom_lower(b->k, b->n, b->p), b->lower, 1e-9, 1e-15);
	}
}

/*
 * Every k of a grid of n and p against the pmf by recurrence in long
 * double; the two tails are complements and monotone.
 */
static void
test_binom_grid(void **state)
{
	static const unsigned int ns[] = { 1, 2, 3, 7, 20, 50, 200 };
	static const double ps[] = { 0.001, 0.05, 0.3, 0.5, 0.77, 0.999 };
	long double pmf[201], up, lo;
	double u, l, prev_u, prev_l;
	char what[96];
	size_t a, b;
	unsigned int n, k;

	(void)state;
	for (a = 0; a < sizeof(ns) / sizeof(ns[0]); a++) {
		for (b = 0; b < sizeof(ps) / sizeof(ps[0]); b++) {
			long double p = ps[b];

			n = ns[a];
			pmf[0] = powl(1 - p, n);
			for (k = 0; k < n; k++)
				pmf[k + 1] = pmf[k] * (n - k) / (k + 1) * p / (1 - p);
			prev_u = 2;
			prev_l = -1;
			for (k = 0; k <= n; k++) {
				unsigned int i;

				up = lo = 0;
				for (i = k; i <= n; i++)
					up += pmf[i];
				for (i = 0; i <= k; i++)
					lo += pmf[i];
				u = stats_binom_upper(k, n, ps[b]);
				l = stats_binom_lower(k, n, ps[b]);
				snprintf(what, sizeof(what), "upper(%u, %u, %g)", k, n, ps[b]);
				near_rel(what, u, (double)up, 1e-9, 1e-300);
				snprintf(what, sizeof(what), "lower(%u, %u, %g)", k, n, ps[b]);
				near_rel(what, l, (double)lo, 1e-9, 1e-300);
				assert_true(u >= 0 && u <= 1 && l >= 0 && l <= 1);
				assert_true(u <= prev_u && l >= prev_l);
				if (k > 0) {
					snprintf(what, sizeof(what), "upper(%u)+lower(%u), n %u p %g",
					    k, k - 1, n, ps[b]);
					near_rel(what, u + stats_binom_lower(k - 1, n, ps[b]), 1, 0,
					    1e-12);
				}
				prev_u = u;
				prev_l = l;
			}
		}
	}
}

/* Mann-Whitney: exact tails against hand counts, and the normal tail for large samples. */
static void
test_mann_whitney(void **st)
{
	const double a[] = { 1, 2, 3, 4, 5 }, b[] = { 6, 7, 8, 9, 10 };
	const double c[] = { 1, 6, 2, 7, 3 }, d[] = { 4, 5 };
	double big_a[100], big_b[100];
	size_t i;

	(void)st;
	/* Every b above every a: 1 arrangement of C(10,5) = 252. */
	assert_true(fabs(stats_mw_upper(a, 5, b, 5) - 1.0 / 252) < 1e-12);
	/* The other way round: every arrangement has U >= 0. */
	assert_true(fabs(stats_mw_upper(b, 5, a, 5) - 1.0) < 1e-12);
	/* Four against four can never reach p < 0.01: 1 / 70 at best. */
	assert_true(fabs(stats_mw_upper(a, 4, b, 4) - 1.0 / 70) < 1e-12);
	/* U = 6 of 10 pairs (d over 1,2,3 twice): P(U >= 6) for n=5, m=2 is 9/21. */
	assert_true(fabs(stats_mw_upper(c, 5, d, 2) - 9.0 / 21) < 1e-12);
	assert_true(stats_mw_upper(a, 0, b, 5) == 1);
	/* Large samples, shifted: tiny p; the same sample: about one half. */
	for (i = 0; i < 100; i++) {
		big_a[i] = (double)i;
		big_b[i] = (double)i + 30;
	}
	assert_true(stats_mw_upper(big_a, 100, big_b, 100) < 1e-6);
	assert_true(fabs(stats_mw_upper(big_a, 100, big_a, 100) - 0.5) < 0.05);
}

/*
 * The median's interval from the binomial order statistics: n = 10 gives
 * x(2) and x(9) (P(X <= 1) = 11/1024 <= 0.025 < P(X <= 2) = 56/1024), as
 * the tables say; n = 100 gives x(40) and x(61); under 6 samples, min and
 * max.  Wilson: 0 of 10 is [0, 27.8 %], 5 of 10 [23.7 %, 76.3 %], 10 of
 * 10 [72.2 %, 100 %].
 */
static void
test_intervals(void **st)
{
	double x[100], lo, hi;
	struct stats_summary s;
	size_t i;

	(void)st;
	for (i = 0; i < 10; i++)
		x[i] = (double)(10 - i);	/* 10, 9, ... 1: summarise sorts a copy */
	assert_int_equal(stats_summarise(x, 10, &s), 0);
	assert_true(s.median_lo == 2 && s.median_hi == 9);
	for (i = 0; i < 100; i++)
		x[i] = (double)(i + 1);
	assert_int_equal(stats_summarise(x, 100, &s), 0);
	assert_true(s.median_lo == 40 && s.median_hi == 61);
	assert_int_equal(stats_summarise(x, 5, &s), 0);
	assert_true(s.median_lo == 1 && s.median_hi == 5);
	assert_int_equal(stats_summarise(x, 6, &s), 0);
	assert_true(s.median_lo == 1 && s.median_hi == 6);
	assert_int_equal(stats_summarise(x, 1, &s), 0);
	assert_true(s.median_lo == 1 && s.median_hi == 1);

	{
		/* Over 1000: the normal approximation, symmetric about the median. */
		static double big[1001];

		for (i = 0; i < 1001; i++)
			big[i] = (double)(i + 1);
		assert_int_equal(stats_summarise(big, 1001, &s), 0);
		assert_true(s.median == 501 && s.median_lo == 469 && s.median_hi == 533);
		/* 1000 exactly, term by term: ranks 470 and 531 (P(X <= 469) = 0.0254 > 0.025). */
		assert_int_equal(stats_summarise(big, 1000, &s), 0);
		assert_true(s.median_lo >= 469 && s.median_lo <= 470 && s.median_hi >= 531 &&
		    s.median_hi <= 532);
	}
	stats_wilson(0, 10, &lo, &hi);
	assert_true(lo == 0 && fabs(hi - 0.2775) < 0.001);
	stats_wilson(5, 10, &lo, &hi);
	assert_true(fabs(lo - 0.2366) < 0.001 && fabs(hi - 0.7634) < 0.001);
	stats_wilson(10, 10, &lo, &hi);
	assert_true(fabs(lo - 0.7225) < 0.001 && hi == 1);
	stats_wilson(0, 0, &lo, &hi);
	assert_true(lo == 0 && hi == 1);
	stats_wilson(3, 2, &lo, &hi);
	assert_true(lo == 0 && hi == 1);
}

int
main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_summary_hundred),
		cmocka_unit_test(test_quantile_sorted),
		cmocka_unit_test(test_binom_exact),
		cmocka_unit_test(test_binom_grid),
		cmocka_unit_test(test_mann_whitney),
		cmocka_unit_test(test_intervals),
	};
	struct CMUnitTest tests[sizeof(scases) / sizeof(scases[0]) +
	    sizeof(fixed) / sizeof(fixed[0])];
	size_t i, n = 0;

	for (i = 0; i < sizeof(scases) / sizeof(scases[0]); i++, n++) {
		memset(&tests[n], 0, sizeof(tests[n]));
		tests[n].name = scases[i].name;
		tests[n].test_func = run_scase;
		tests[n].initial_state = &scases[i];
	}
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		tests[n++] = fixed[i];
	return _cmocka_run_group_tests("stats", tests, n, NULL, NULL);
}
