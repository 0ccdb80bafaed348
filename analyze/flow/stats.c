/*
 * Robust statistics used by the inference rules.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/flow/stats.h"

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double
stats_quantile_sorted(const double *s, size_t n, double q)
{
	double pos, frac;
	size_t i;

	if (n == 0)
		return 0;
	if (q <= 0)
		return s[0];
	if (q >= 1)
		return s[n - 1];
	pos = q * (double)(n - 1);
	i = (size_t)pos;
	frac = pos - (double)i;
	if (i + 1 >= n)
		return s[n - 1];
	return s[i] + frac * (s[i + 1] - s[i]);
}

/* The median's 95 % interval from sorted s (stats.h). */
static void
median_ci(const double *s, size_t n, double *lo, double *hi)
{
	size_t r = 0;

	if (n > 1000) {
		/* The normal approximation, within a rank of the exact r at these n. */
		double k = floor(n / 2.0 - 1.959964 * sqrt((double)n) / 2.0);

		r = k > 0 ? (size_t)k : 0;
	} else {
		/*
		 * r grows while P(Bin(n, 1/2) <= r) <= 0.025: then x(r+1) is the
		 * lower end.  The pmf term by term, in logs (0.5^n underflows):
		 * linear in r, where calling the binomial's tail each time was
		 * quadratic (a capture of 456,000 frames took 19 s, not 0.3).
		 */
		double lp = n * log(0.5), cdf = exp(lp);

		while (r < n / 2 && cdf <= 0.025) {
			lp += log((double)(n - r) / (double)(r + 1));
			cdf += exp(lp);
			r++;
		}
	}
	if (r == 0) {
		*lo = s[0];
		*hi = s[n - 1];
		return;
	}
	*lo = s[r - 1];
	*hi = s[n - r];
}

void
stats_wilson(unsigned int k, unsigned int n, double *lo, double *hi)
{
	const double z = 1.959964;
	double p, d, c, h;

	if (n == 0 || k > n) {
		*lo = 0;
		*hi = 1;
		return;
	}
	p = (double)k / n;
	d = 1 + z * z / n;
	c = (p + z * z / (2.0 * n)) / d;
	h = z * sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
	*lo = fmax(0, c - h);
	*hi = fmin(1, c + h);
	if (k == 0)
		*lo = 0;
	if (k == n)
		*hi = 1;
}

int
stats_summarise(const double *x, size_t n, struct stats_summary *o)
{
	double *s, sum = 0, var = 0, jit = 0;
	size_t i;

	memset(o, 0, sizeof(*o));
	o->n = n;
	if (n == 0)
		return 0;
	s = malloc(n * sizeof(*s));
	if (s == NULL)
		return -1;
	memcpy(s, x, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	o->min = s[0];
	o->max = s[n - 1];
	o->p25 = stats_quantile_sorted(s, n, 0.25);
	o->median = stats_quantile_sorted(s, n, 0.5);
	o->p75 = stats_quantile_sorted(s, n, 0.75);
	median_ci(s, n, &o->median_lo, &o->median_hi);
	for (i = 0; i < n; i++)
		sum += x[i];
	o->avg = sum / (double)n;
	for (i = 0; i < n; i++)
		var += (x[i] - o->avg) * (x[i] - o->avg);
	o->stdev = n > 1 ? sqrt(var / (double)(n - 1)) : 0;
	for (i = 1; i < n; i++)
		jit += fabs(x[i] - x[i - 1]);
	o->jitter = n > 1 ? jit / (double)(n - 1) : 0;
	for (i = 0; i < n; i++)
		s[i] = fabs(s[i] - o->median);
	qsort(s, n, sizeof(*s), cmp_double);
	o->mad = stats_quantile_sorted(s, n, 0.5);
	free(s);
	return 0;
}

static double
log_pmf(unsigned int k, unsigned int n, double p)
{
	double lc = lgamma((double)n + 1) - lgamma((double)k + 1) -
	    lgamma((double)(n - k) + 1);

	if (p <= 0)
		return k == 0 ? 0 : -INFINITY;
	if (p >= 1)
		return k == n ? 0 : -INFINITY;
	return lc + k * log(p) + (n - k) * log1p(-p);
}

double
stats_binom_upper(unsigned int k, unsigned int n, double p)
{
	double sum = 0;
	unsigned int i;

	if (k == 0)
		return 1;
	if (k > n)
		return 0;
	for (i = k; i <= n; i++)
		sum += exp(log_pmf(i, n, p));
	return sum > 1 ? 1 : sum;
}

double
stats_binom_lower(unsigned int k, unsigned int n, double p)
{
	double sum = 0;
	unsigned int i;

	if (k >= n)
		return 1;
	for (i = 0; i <= k; i++)
		sum += exp(log_pmf(i, n, p));
	return sum > 1 ? 1 : sum;
}

/* The exact null distribution of U: coefficients of [n+m choose n]_q, over their sum. */
static double
mw_exact(size_t n, size_t m, double u)
{
	size_t deg = n * m, i, j, from;
	double *c, total = 0, tail = 0;

	c = calloc(deg + 1, sizeof(*c));
	if (c == NULL)
		return -1;
	c[0] = 1;
	for (i = 1; i <= n; i++) {
		/* Times (1 - q^(m+i)), then divided by (1 - q^i). */
		for (j = deg; j >= m + i; j--)
			c[j] -= c[j - (m + i)];
		for (j = i; j <= deg; j++)
			c[j] += c[j - i];
	}
	from = u <= 0 ? 0 : (size_t)ceil(u - 1e-9);
	for (j = 0; j <= deg; j++) {
		total += c[j];
		if (j >= from)
			tail += c[j];
	}
	free(c);
	return total > 0 ? fmin(1, tail / total) : 1;
}

double
stats_mw_upper(const double *a, size_t n, const double *b, size_t m)
{
	double u = 0, mu, sd, p;
	size_t i, j;

	if (n == 0 || m == 0)
		return 1;
	for (i = 0; i < n; i++)
		for (j = 0; j < m; j++)
			u += b[j] > a[i] ? 1 : b[j] == a[i] ? 0.5 : 0;
	if (n <= 60 && m <= 60 && (p = mw_exact(n, m, u)) >= 0)
		return p;
	mu = (double)n * (double)m / 2;
	sd = sqrt((double)n * (double)m * (double)(n + m + 1) / 12);
	/* Continuity-corrected upper tail of the normal. */
	return 0.5 * erfc((u - 0.5 - mu) / (sd * sqrt(2)));
}
