/* test-stats.c: the statistics behind the signals, against values
 * worked out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "uc-stats.h"

#define EPS 1e-6

static void
test_stats_gini (void)
{
  const double spread[] = { 0, 1, 2, 3, 4 };
  const double skewed[] = { 6, 2, 1 };
  const double equal[] = { 3, 3, 3 };
  const double alone[] = { 3, 0, 0 };
  const double zeros[] = { 0, 0, 0 };
  const double negative[] = { 1, -1 };
  const guint counts[] = { 4, 3, 2, 1, 0 };

  /* sum |xi - xj| over ordered pairs / (2 n^2 mean):
   * {0..4}: 40 / (2 * 25 * 2) = 0.4; {6,2,1}: 20 / 54; {3,0,0}: 12 / 18. */
  g_assert_cmpfloat_with_epsilon (uc_stats_gini (spread, 5), 0.4, EPS);
  g_assert_cmpfloat_with_epsilon (uc_stats_gini (skewed, 3), 20.0 / 54.0, EPS);
  g_assert_cmpfloat_with_epsilon (uc_stats_gini (alone, 3), 2.0 / 3.0, EPS);
  g_assert_cmpfloat (uc_stats_gini (equal, 3), ==, 0.0);
  g_assert_cmpfloat (uc_stats_gini (equal, 1), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (uc_stats_gini_uint (counts, 5), 0.4, EPS);

  /* No data is NAN, never 0. */
  g_assert_true (isnan (uc_stats_gini (zeros, 3)));
  g_assert_true (isnan (uc_stats_gini (NULL, 0)));
  g_assert_true (isnan (uc_stats_gini (negative, 2)));
}

static void
test_stats_central (void)
{
  const double odd[] = { 5, 1, 3 };
  const double even[] = { 4, 1, 3, 2 };
  const double ten[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
  const double cv[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
  const double with_nan[] = { 1, NAN, 3 };

  g_assert_cmpfloat (uc_stats_mean (odd, 3), ==, 3.0);
  g_assert_true (isnan (uc_stats_mean (NULL, 0)));
  g_assert_true (isnan (uc_stats_mean (with_nan, 3)));

  g_assert_cmpfloat (uc_stats_median (odd, 3), ==, 3.0);
  g_assert_cmpfloat (uc_stats_median (even, 4), ==, 2.5);
  g_assert_true (isnan (uc_stats_median (NULL, 0)));

  /* Type 7: h = (n - 1) p / 100. {1,2,3,4} p25: h = 0.75 → 1.75;
   * 1..10 p85: h = 7.65 → 8.65; p0 and p100 are the extremes. */
  g_assert_cmpfloat_with_epsilon (uc_stats_percentile (even, 4, 25), 1.75, EPS);
  g_assert_cmpfloat_with_epsilon (uc_stats_percentile (ten, 10, 85), 8.65, EPS);
  g_assert_cmpfloat (uc_stats_percentile (ten, 10, 0), ==, 1.0);
  g_assert_cmpfloat (uc_stats_percentile (ten, 10, 100), ==, 10.0);
  g_assert_cmpfloat (uc_stats_percentile (odd, 1, 85), ==, 5.0);
  g_assert_true (isnan (uc_stats_percentile (ten, 10, 101)));
  g_assert_true (isnan (uc_stats_percentile (with_nan, 3, 50)));

  /* mean 5, population standard deviation 2. */
  g_assert_cmpfloat_with_epsilon (uc_stats_cv (cv, 8), 0.4, EPS);
  g_assert_cmpfloat (uc_stats_cv (odd, 1), ==, 0.0);
  g_assert_true (isnan (uc_stats_cv (NULL, 0)));
}

typedef struct
{
  const char  *name;
  double       y[12];
  guint        n;
  double       s, var_s, z, p, slope;
} MannKendallCase;

/* Worked by hand:
 * a) 1 3 2 5 4: signs of later minus earlier: (+4) + (-1 +2) + (+2) + (-1)
 *    = S 6; Var = 5·4·15/18 = 16.6667; Z = (6 - 1)/√16.6667 = 1.2247449;
 *    p = erfc (Z/√2) = 0.2206714; the 10 pairwise slopes' median = 0.875.
 * b) 1 2 2 3 3 3 1: S = 6; ties: two groups of 2 (2·1·9 each) and one of
 *    3 (3·2·11): 102; Var = (7·6·19 - 102)/18 = 38.6667;
 *    Z = 5/√38.6667 = 0.8040844; p = 0.4213482; slope 0.25.
 * c) 10 9 9 7 8 5 4 4 2 1: S = -41; ties 2·(2·1·9) = 36;
 *    Var = (10·9·25 - 36)/18 = 123; Z = (-41 + 1)/√123 = -3.6066785;
 *    p = 0.00031014; slope -1. */
static const MannKendallCase mk_cases[] = {
  { "rising", { 1, 3, 2, 5, 4 }, 5, 6, 300.0 / 18.0, 1.224744871391589, 0.22067136191984688, 0.875 },
  { "ties", { 1, 2, 2, 3, 3, 3, 1 }, 7, 6, 696.0 / 18.0, 0.8040844011283462, 0.42134823269748845, 0.25 },
  { "falling", { 10, 9, 9, 7, 8, 5, 4, 4, 2, 1 }, 10, -41, 123.0, -3.606678538669729, 0.00031014148918244585, -1.0 },
};

static void
test_stats_mann_kendall (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (mk_cases); i++)
    {
      const MannKendallCase *c = &mk_cases[i];
      UcMannKendall mk;

      g_test_message ("case %s", c->name);
      g_assert_true (uc_stats_mann_kendall (NULL, c->y, c->n, &mk));
      g_assert_cmpuint (mk.n, ==, c->n);
      g_assert_cmpfloat_with_epsilon (mk.s, c->s, EPS);
      g_assert_cmpfloat_with_epsilon (mk.var_s, c->var_s, EPS);
      g_assert_cmpfloat_with_epsilon (mk.z, c->z, EPS);
      g_assert_cmpfloat_with_epsilon (mk.p, c->p, EPS);
      g_assert_cmpfloat_with_epsilon (mk.slope, c->slope, EPS);
      g_assert_cmpfloat_with_epsilon (uc_stats_sen_slope (NULL, c->y, c->n), c->slope, EPS);
    }
}

static void
test_stats_mann_kendall_gaps (void)
{
  /* NAN weeks are skipped and x keeps the real spacing: y = 2x. */
  const double x[] = { 0, 1, 2, 3, 4, 5 };
  const double y[] = { 0, NAN, 4, NAN, 8, 10 };
  const double flat[] = { 3, 3, 3, 3 };
  UcMannKendall mk;

  g_assert_true (uc_stats_mann_kendall (x, y, 6, &mk));
  g_assert_cmpuint (mk.n, ==, 4);
  g_assert_cmpfloat (mk.s, ==, 6.0);
  g_assert_cmpfloat_with_epsilon (mk.slope, 2.0, EPS);

  /* All tied: no variance, no trend. */
  g_assert_true (uc_stats_mann_kendall (NULL, flat, 4, &mk));
  g_assert_cmpfloat (mk.s, ==, 0.0);
  g_assert_cmpfloat (mk.var_s, ==, 0.0);
  g_assert_cmpfloat (mk.z, ==, 0.0);
  g_assert_cmpfloat (mk.p, ==, 1.0);
  g_assert_cmpfloat (mk.slope, ==, 0.0);

  /* Too short. */
  g_assert_false (uc_stats_mann_kendall (NULL, flat, 1, &mk));
  g_assert_true (isnan (mk.p));
  g_assert_true (isnan (uc_stats_sen_slope (NULL, flat, 1)));
}

static void
test_stats_change_point (void)
{
  const double step[] = { 1, 1, 1, 5, 5, 5 };
  const double late[] = { 2, 2, 2, 2, 2, 9 };
  const double ramp[] = { 0, 1, 2, 3 };
  const double flat[] = { 4, 4, 4, 4 };
  const double with_nan[] = { 1, NAN, 3 };

  g_assert_cmpint (uc_stats_change_point (step, 6), ==, 3);
  g_assert_cmpint (uc_stats_change_point (late, 6), ==, 5);
  /* {0,1 | 2,3}: SSE 0.5 + 0.5 = 1, against 2 for either other split. */
  g_assert_cmpint (uc_stats_change_point (ramp, 4), ==, 2);
  /* Ties: the earliest split. */
  g_assert_cmpint (uc_stats_change_point (flat, 4), ==, 1);
  g_assert_cmpint (uc_stats_change_point (flat, 1), ==, -1);
  g_assert_cmpint (uc_stats_change_point (with_nan, 3), ==, -1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/stats/gini", test_stats_gini);
  g_test_add_func ("/stats/central", test_stats_central);
  g_test_add_func ("/stats/mann-kendall", test_stats_mann_kendall);
  g_test_add_func ("/stats/mann-kendall-gaps", test_stats_mann_kendall_gaps);
  g_test_add_func ("/stats/change-point", test_stats_change_point);

  return g_test_run ();
}
