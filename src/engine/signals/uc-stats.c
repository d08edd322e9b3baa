/* uc-stats.c: the small statistics the signals need.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "uc-stats.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
has_nan (const double *values,
         gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (isnan (values[i]))
      return TRUE;
  return FALSE;
}

/* A sorted copy, or NULL when empty or when a value is NAN. */
static double *
sorted_copy (const double *values,
             gsize         n)
{
  double *copy;

  if (n == 0 || has_nan (values, n))
    return NULL;
  copy = g_memdup2 (values, n * sizeof (double));
  qsort (copy, n, sizeof (double), compare_doubles);
  return copy;
}

double
uc_stats_mean (const double *values,
               gsize         n)
{
  double sum = 0.0;

  if (n == 0)
    return NAN;
  g_return_val_if_fail (values != NULL, NAN);

  for (gsize i = 0; i < n; i++)
    sum += values[i];
  return sum / (double) n;
}

double
uc_stats_median (const double *values,
                 gsize         n)
{
  return uc_stats_percentile (values, n, 50.0);
}

double
uc_stats_percentile (const double *values,
                     gsize         n,
                     double        p)
{
  g_autofree double *sorted = NULL;
  double h, lower;
  gsize i;

  if (n == 0 || isnan (p) || p < 0.0 || p > 100.0)
    return NAN;
  g_return_val_if_fail (values != NULL, NAN);

  sorted = sorted_copy (values, n);
  if (sorted == NULL)
    return NAN;

  h = (double) (n - 1) * p / 100.0;
  lower = floor (h);
  i = (gsize) lower;
  if (i + 1 >= n)
    return sorted[n - 1];
  return sorted[i] + (h - lower) * (sorted[i + 1] - sorted[i]);
}

double
uc_stats_cv (const double *values,
             gsize         n)
{
  double mean, sum_sq = 0.0;

  mean = uc_stats_mean (values, n);
  if (isnan (mean) || mean == 0.0)
    return NAN;
  for (gsize i = 0; i < n; i++)
    sum_sq += (values[i] - mean) * (values[i] - mean);
  return sqrt (sum_sq / (double) n) / mean;
}

double
uc_stats_gini (const double *values,
               gsize         n)
{
  g_autofree double *sorted = NULL;
  double sum = 0.0, weighted = 0.0;

  if (n == 0)
    return NAN;
  g_return_val_if_fail (values != NULL, NAN);

  sorted = sorted_copy (values, n);
  if (sorted == NULL || sorted[0] < 0.0)
    return NAN;

  /* With x sorted ascending and ranks i = 1..n, the mean absolute
   * difference form equals 2 sum (i x_i) / (n sum x) - (n + 1) / n. */
  for (gsize i = 0; i < n; i++)
    {
      sum += sorted[i];
      weighted += (double) (i + 1) * sorted[i];
    }
  if (sum == 0.0)
    return NAN;
  if (sorted[0] == sorted[n - 1])
    return 0.0;
  return MAX (0.0, 2.0 * weighted / ((double) n * sum) - ((double) n + 1.0) / (double) n);
}

double
uc_stats_gini_uint (const guint *values,
                    gsize        n)
{
  g_autofree double *copy = NULL;

  if (n == 0)
    return NAN;
  g_return_val_if_fail (values != NULL, NAN);

  copy = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    copy[i] = values[i];
  return uc_stats_gini (copy, n);
}

/* The non-NAN (x, y) pairs, x defaulting to the index. */
static gsize
collect_pairs (const double  *x,
               const double  *y,
               gsize          n,
               double       **out_x,
               double       **out_y)
{
  gsize m = 0;

  *out_x = g_new (double, MAX (n, 1));
  *out_y = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      double xi = x != NULL ? x[i] : (double) i;

      if (isnan (y[i]) || isnan (xi))
        continue;
      (*out_x)[m] = xi;
      (*out_y)[m] = y[i];
      m++;
    }
  return m;
}

static double
sen_slope_of (const double *x,
              const double *y,
              gsize         m)
{
  g_autofree double *slopes = NULL;
  gsize k = 0;

  if (m < 2)
    return NAN;
  slopes = g_new (double, m * (m - 1) / 2);
  for (gsize i = 0; i < m; i++)
    for (gsize j = i + 1; j < m; j++)
      if (x[j] != x[i])
        slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
  return uc_stats_median (slopes, k);
}

double
uc_stats_sen_slope (const double *x,
                    const double *y,
                    gsize         n)
{
  g_autofree double *cx = NULL;
  g_autofree double *cy = NULL;
  gsize m;

  g_return_val_if_fail (y != NULL || n == 0, NAN);

  m = collect_pairs (x, y, n, &cx, &cy);
  return sen_slope_of (cx, cy, m);
}

gboolean
uc_stats_mann_kendall (const double  *x,
                       const double  *y,
                       gsize          n,
                       UcMannKendall *result)
{
  g_autofree double *cx = NULL;
  g_autofree double *cy = NULL;
  g_autofree double *sorted = NULL;
  double s = 0.0, var, ties = 0.0, m_d;
  gsize m;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (y != NULL || n == 0, FALSE);

  m = collect_pairs (x, y, n, &cx, &cy);
  result->n = (guint) m;
  result->s = result->var_s = result->z = result->p = result->slope = NAN;
  if (m < 2)
    return FALSE;

  for (gsize i = 0; i < m; i++)
    for (gsize j = i + 1; j < m; j++)
      s += (cy[j] > cy[i]) - (cy[j] < cy[i]);

  /* Tie correction: groups of equal y values. */
  sorted = g_memdup2 (cy, m * sizeof (double));
  qsort (sorted, m, sizeof (double), compare_doubles);
  for (gsize i = 0; i < m;)
    {
      gsize j = i + 1;
      double t;

      while (j < m && sorted[j] == sorted[i])
        j++;
      t = (double) (j - i);
      if (t > 1)
        ties += t * (t - 1.0) * (2.0 * t + 5.0);
      i = j;
    }

  m_d = (double) m;
  var = (m_d * (m_d - 1.0) * (2.0 * m_d + 5.0) - ties) / 18.0;

  result->s = s;
  result->var_s = var;
  if (var <= 0.0)
    {
      result->z = 0.0;
      result->p = 1.0;
    }
  else
    {
      if (s > 0)
        result->z = (s - 1.0) / sqrt (var);
      else if (s < 0)
        result->z = (s + 1.0) / sqrt (var);
      else
        result->z = 0.0;
      result->p = erfc (fabs (result->z) / G_SQRT2);
    }
  result->slope = sen_slope_of (cx, cy, m);
  return TRUE;
}

int
uc_stats_change_point (const double *y,
                       gsize         n)
{
  g_autofree double *prefix = NULL;
  g_autofree double *prefix_sq = NULL;
  double best = INFINITY;
  int best_k = -1;

  if (n < 2)
    return -1;
  g_return_val_if_fail (y != NULL, -1);
  if (has_nan (y, n))
    return -1;

  /* SSE of a segment = sum y^2 - (sum y)^2 / len, from prefix sums.
   * The values are centred on the first one first, which keeps the
   * subtraction well conditioned for large offsets. */
  prefix = g_new0 (double, n + 1);
  prefix_sq = g_new0 (double, n + 1);
  for (gsize i = 0; i < n; i++)
    {
      double v = y[i] - y[0];

      prefix[i + 1] = prefix[i] + v;
      prefix_sq[i + 1] = prefix_sq[i] + v * v;
    }

  for (gsize k = 1; k < n; k++)
    {
      double left_sum = prefix[k];
      double right_sum = prefix[n] - prefix[k];
      double sse = prefix_sq[k] - left_sum * left_sum / (double) k +
                   (prefix_sq[n] - prefix_sq[k]) - right_sum * right_sum / (double) (n - k);

      /* A relative tolerance so rounding does not pick a later split on
       * exact ties. */
      if (best_k < 0 || sse < best - 1e-12 * MAX (1.0, fabs (best)))
        {
          best = sse;
          best_k = (int) k;
        }
    }
  return best_k;
}
