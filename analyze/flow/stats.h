/*
 * Small robust statistics for RTT samples and loss counts.
 */
#ifndef FL_STATS_H
#define FL_STATS_H

#include <stddef.h>

struct stats_summary {
	size_t	n;
	double	min, p25, median, p75, avg, max, stdev, mad, jitter;
	/*
	 * A distribution-free 95 % confidence interval for the median: the
	 * order statistics x(r) and x(n-r+1), r the largest with
	 * P(Bin(n, 1/2) <= r - 1) <= 0.025.  Under 6 samples no pair of
	 * them covers 95 %: min and max, covering 1 - 2^(1-n).
	 */
	double	median_lo, median_hi;
};

/*
 * Summarise n samples given in arrival (send) order; jitter is the mean
 * absolute difference of consecutive samples, as mtr reports it.  The
 * input is not modified.  Returns -1 when out of memory.
 */
int	stats_summarise(const double *x, size_t n, struct stats_summary *out);

/* Linear-interpolated quantile q in [0,1] of sorted data. */
double	stats_quantile_sorted(const double *sorted, size_t n, double q);

/*
 * The Wilson score interval at 95 % (z 1.96) for a proportion of k in n,
 * into *lo and *hi (0 and 1 when n is 0).
 */
void	stats_wilson(unsigned int k, unsigned int n, double *lo, double *hi);

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
