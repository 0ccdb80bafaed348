/*
 * Small robust statistics for RTT samples and loss counts.
 */
#ifndef FL_STATS_H
#define FL_STATS_H

#include <stddef.h>

struct stats_summary {
	size_t	n;
	double	min, p25, median, p75, avg, max, stdev, mad, jitter;
};

/*
 * Summarise n samples given in arrival (send) order; jitter is the mean
 * absolute difference of consecutive samples, as mtr reports it.  The
 * input is not modified.  Returns -1 when out of memory.
 */
int	stats_summarise(const double *x, size_t n, struct stats_summary *out);

/* Linear-interpolated quantile q in [0,1] of sorted data. */
double	stats_quantile_sorted(const double *sorted, size_t n, double q);

/* P(X >= k) and P(X <= k) for X ~ Binomial(n, p). */
double	stats_binom_upper(unsigned int k, unsigned int n, double p);
double	stats_binom_lower(unsigned int k, unsigned int n, double p);

/*
 * Mann-Whitney (Wilcoxon rank-sum), one-sided: P(U >= u) when b is no
 * larger than a, U counting the pairs (a_i, b_j) with b_j > a_i, a tie
 * counting one half.  Exact (the Gaussian binomial coefficient's
 * coefficients) while n and m are at most 60, else the normal
 * approximation.  1 when either sample is empty.
 */
double	stats_mw_upper(const double *a, size_t n, const double *b, size_t m);

#endif
