/* uc-stats.h: the small statistics the signals need.
 *
 * Every function takes plain arrays and never modifies them. "No data" is
 * NAN, never 0: an empty input gives NAN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Arithmetic mean; NAN for n == 0 or when a value is NAN. */
double uc_stats_mean        (const double *values,
                             gsize         n);

/* Median (mean of the two middle values for even n); NAN for n == 0. */
double uc_stats_median      (const double *values,
                             gsize         n);

/* Percentile @p in 0..100 by linear interpolation between closest ranks
 * (Hyndman & Fan type 7, the default of R, NumPy and spreadsheets): with
 * the values sorted x[0..n-1], h = (n - 1) p / 100 and the result is
 * x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 * NAN for n == 0 or p outside 0..100. */
double uc_stats_percentile  (const double *values,
                             gsize         n,
                             double        p);

/* Coefficient of variation: population standard deviation (divided by n)
 * over the mean. NAN for n == 0 or a mean of 0. */
double uc_stats_cv          (const double *values,
                             gsize         n);

/* Population Gini coefficient of non-negative values, zeros included:
 * sum_i sum_j |x_i - x_j| / (2 n^2 mean). 0 when all values are equal;
 * NAN for n == 0, for all zeros, or for a negative or NAN value. */
double uc_stats_gini        (const double *values,
                             gsize         n);
double uc_stats_gini_uint   (const guint  *values,
                             gsize         n);

/* Mann–Kendall trend test of y over x (x strictly increasing; NULL means
 * 0, 1, 2…). NAN values of y are skipped with their x. */
typedef struct
{
  guint  n;        /* values used */
  double s;        /* sum of sign (y_j - y_i) over i < j */
  double var_s;    /* n(n-1)(2n+5)/18 minus the tie correction
                    * sum_t t(t-1)(2t+5)/18 over groups of tied y */
  double z;        /* (S - 1)/sqrt(Var) if S > 0, (S + 1)/sqrt(Var) if
                    * S < 0, 0 otherwise (continuity correction) */
  double p;        /* two-sided p from the normal approximation:
                    * erfc (|z| / sqrt 2); 1 when Var(S) is 0 */
  double slope;    /* Sen's slope: median of (y_j - y_i) / (x_j - x_i) */
} UcMannKendall;

/* Returns FALSE (and fills @result with n and NANs) when fewer than 2
 * values remain. */
gboolean uc_stats_mann_kendall (const double  *x,
                                const double  *y,
                                gsize          n,
                                UcMannKendall *result);

/* Sen's slope alone (median of pairwise slopes); NAN with < 2 values. */
double   uc_stats_sen_slope    (const double *x,
                                const double *y,
                                gsize         n);

/* Least-squares change point: the index k in 1..n-1 that splits y into
 * y[0..k-1] and y[k..n-1] with the smallest sum of squared deviations
 * from the two means (the earliest k on ties). -1 when n < 2 or a value
 * is NAN. */
int      uc_stats_change_point (const double *y,
                                gsize         n);

G_END_DECLS
