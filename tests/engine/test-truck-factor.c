/* test-truck-factor.c: degree of authorship and the greedy truck factor
 * on hand-computed cases.
 *
 * DOA = 3.293 + 1.098 FA + 0.164 DL - 0.321 ln (1 + AC); an author has
 * DOA >= 3.293 and DOA / max DOA > 0.75. The truck factor removes the
 * author of most files until MORE than half the files have no author.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "uc-truck-factor.h"

#define EPS 1e-9

static void
assert_authors (const UcTruckFactor *tf,
                guint                file,
                guint                n_expected,
                const guint         *expected)
{
  const UcFileAuthor *authors;
  guint n;

  authors = uc_truck_factor_get_authors (tf, file, &n);
  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (authors[i].person, ==, expected[i]);
}

static void
test_doa (void)
{
  /* A creator with one change and no one else: 3.293 + 1.098 + 0.164. */
  g_assert_cmpfloat_with_epsilon (uc_doa (TRUE, 1, 0), 4.555, EPS);
  /* Three changes, three by others: 3.293 + 0.492 - 0.321 ln 4. */
  g_assert_cmpfloat_with_epsilon (uc_doa (FALSE, 3, 3), 3.785 - 0.321 * log (4.0), EPS);
}

static void
test_truck_one_author (void)
{
  /* Person 0 created both files: removing them orphans everything. */
  const int creators[] = { 0, 0 };
  const UcAuthorshipEntry entries[] = { { 0, 0, 1 }, { 1, 0, 3 } };
  const guint p0[] = { 0 };
  g_autoptr(UcTruckFactor) tf = uc_truck_factor_compute (2, 1, creators, entries, 2);

  g_assert_cmpint (tf->truck_factor, ==, 1);
  g_assert_cmpuint (tf->n_files, ==, 2);
  g_assert_cmpuint (tf->n_single_author, ==, 2);
  g_assert_cmpuint (tf->n_orphaned, ==, 2);
  g_assert_cmpuint (tf->removed->len, ==, 1);
  g_assert_cmpuint (g_array_index (tf->removed, guint, 0), ==, 0);
  g_assert_cmpuint (tf->n_authored[0], ==, 2);
  assert_authors (tf, 0, 1, p0);
  assert_authors (tf, 1, 1, p0);
  g_assert_cmpfloat_with_epsilon (uc_truck_factor_get_authors (tf, 0, NULL)[0].doa, 4.555, EPS);
  g_assert_cmpfloat_with_epsilon (uc_truck_factor_get_islands (tf), 1.0, EPS);
}

static void
test_truck_two_equal_authors (void)
{
  /* One file, no known creator, 3 changes each: DOA 3.293 + 0.492
   * - 0.321 ln 4 = 3.3400 >= 3.293 for both, ratio 1: both author it.
   * Removing one leaves the other: 0 % orphaned; removing both: 100 %. */
  const UcAuthorshipEntry entries[] = { { 0, 1, 3 }, { 0, 0, 3 } };
  const guint both[] = { 0, 1 };
  g_autoptr(UcTruckFactor) tf = uc_truck_factor_compute (1, 2, NULL, entries, 2);

  assert_authors (tf, 0, 2, both);
  g_assert_cmpfloat_with_epsilon (uc_truck_factor_get_authors (tf, 0, NULL)[0].doa,
                                  3.785 - 0.321 * log (4.0), EPS);
  g_assert_cmpint (tf->truck_factor, ==, 2);
  /* Equal files and changes: the lower person index goes first. */
  g_assert_cmpuint (g_array_index (tf->removed, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (tf->removed, guint, 1), ==, 1);
  g_assert_cmpfloat (uc_truck_factor_get_islands (tf), ==, 0.0);
}

static void
test_truck_half_is_not_enough (void)
{
  /* Four single-author files: p0 authors f0 and f1, p1 authors f2,
   * p2 authors f3 (each the creator with the only changes).
   * Removing p0 orphans 2 of 4 = exactly 50 %: not enough, go on.
   * Next, p1 and p2 both author one file; p2 made more changes (5 vs 1),
   * so p2 goes: 3 of 4 orphaned > 50 %. TF = 2. */
  const int creators[] = { 0, 0, 1, 2 };
  const UcAuthorshipEntry entries[] = {
    { 3, 2, 5 }, { 0, 0, 1 }, { 2, 1, 1 }, { 1, 0, 1 },
  };
  g_autoptr(UcTruckFactor) tf = uc_truck_factor_compute (4, 3, creators, entries, 4);

  g_assert_cmpint (tf->truck_factor, ==, 2);
  g_assert_cmpuint (g_array_index (tf->removed, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (tf->removed, guint, 1), ==, 2);
  g_assert_cmpuint (tf->n_orphaned, ==, 3);
  g_assert_cmpfloat_with_epsilon (uc_truck_factor_get_islands (tf), 1.0, EPS);

  /* Two files, two authors: 1 of 2 orphaned is exactly half. TF = 2. */
  {
    const int c2[] = { 0, 1 };
    const UcAuthorshipEntry e2[] = { { 0, 0, 2 }, { 1, 1, 2 } };
    g_autoptr(UcTruckFactor) tf2 = uc_truck_factor_compute (2, 2, c2, e2, 2);

    g_assert_cmpint (tf2->truck_factor, ==, 2);
  }
  /* Three files, p0 authors two: 2 of 3 orphaned is more than half. */
  {
    const int c3[] = { 0, 0, 1 };
    const UcAuthorshipEntry e3[] = { { 0, 0, 1 }, { 1, 0, 1 }, { 2, 1, 1 } };
    g_autoptr(UcTruckFactor) tf3 = uc_truck_factor_compute (3, 2, c3, e3, 3);

    g_assert_cmpint (tf3->truck_factor, ==, 1);
  }
}

static void
test_truck_creator_and_editor (void)
{
  /* p0 created the file (FA 1, DL 1); p1 edited it later.
   *
   * p1 with 10 changes:
   *   DOA p0 = 3.293 + 1.098 + 0.164·1  - 0.321 ln 11 = 3.785276
   *   DOA p1 = 3.293 + 0     + 0.164·10 - 0.321 ln 2  = 4.710500
   *   p0 / max = 0.80358 > 0.75 and p0 >= 3.293: both author it.
   * p1 with 20 changes:
   *   DOA p0 = 4.555 - 0.321 ln 21 = 3.577708
   *   DOA p1 = 3.293 + 3.28 - 0.321 ln 2 = 6.350500
   *   p0 / max = 0.56337 <= 0.75: only p1 authors it. */
  const int creators[] = { 0 };
  const guint both[] = { 1, 0 };
  const guint editor[] = { 1 };
  UcAuthorshipEntry entries[] = { { 0, 0, 1 }, { 0, 1, 10 } };
  g_autoptr(UcTruckFactor) tf10 = uc_truck_factor_compute (1, 2, creators, entries, 2);
  g_autoptr(UcTruckFactor) tf20 = NULL;
  const UcFileAuthor *authors;

  assert_authors (tf10, 0, 2, both);
  authors = uc_truck_factor_get_authors (tf10, 0, NULL);
  g_assert_cmpfloat_with_epsilon (authors[0].doa, 3.293 + 1.64 - 0.321 * log (2.0), EPS);
  g_assert_cmpfloat_with_epsilon (authors[1].doa, 4.555 - 0.321 * log (11.0), EPS);
  g_assert_cmpfloat_with_epsilon (authors[1].doa, 3.785276, 1e-6);
  g_assert_cmpfloat_with_epsilon (authors[0].doa, 4.710500, 1e-6);
  g_assert_cmpint (tf10->truck_factor, ==, 2);

  entries[1].changes = 20;
  tf20 = uc_truck_factor_compute (1, 2, creators, entries, 2);
  assert_authors (tf20, 0, 1, editor);
  g_assert_cmpfloat_with_epsilon (uc_truck_factor_get_authors (tf20, 0, NULL)[0].doa, 6.350500, 1e-6);
  g_assert_cmpint (tf20->truck_factor, ==, 1);
  g_assert_cmpuint (tf20->n_authored[0], ==, 0);
}

static void
test_truck_nobody_authors (void)
{
  /* Two people with one change each and no known creator:
   * DOA = 3.293 + 0.164 - 0.321 ln 2 = 3.2345 < 3.293. Nobody authors
   * the only file: it is already orphaned, TF = 0. */
  const UcAuthorshipEntry entries[] = { { 0, 0, 1 }, { 0, 1, 1 } };
  g_autoptr(UcTruckFactor) tf = uc_truck_factor_compute (1, 2, NULL, entries, 2);

  g_assert_cmpuint (tf->n_unauthored, ==, 1);
  g_assert_cmpint (tf->truck_factor, ==, 0);
  g_assert_cmpuint (tf->removed->len, ==, 0);
  g_assert_cmpfloat (uc_truck_factor_get_islands (tf), ==, 0.0);
}

static void
test_truck_duplicates_summed (void)
{
  /* Repeated pairs are summed: p0 3 changes given as 1 + 2 is the same
   * as the two-equal-authors case. */
  const UcAuthorshipEntry entries[] = { { 0, 0, 1 }, { 0, 1, 3 }, { 0, 0, 2 } };
  g_autoptr(UcTruckFactor) tf = uc_truck_factor_compute (1, 2, NULL, entries, 3);
  guint n;

  uc_truck_factor_get_authors (tf, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (tf->truck_factor, ==, 2);
}

static void
test_truck_empty (void)
{
  g_autoptr(UcTruckFactor) tf = uc_truck_factor_compute (0, 0, NULL, NULL, 0);

  g_assert_nonnull (tf);
  g_assert_cmpint (tf->truck_factor, ==, -1);
  g_assert_cmpuint (tf->n_files, ==, 0);
  g_assert_cmpuint (tf->removed->len, ==, 0);
  g_assert_true (isnan (uc_truck_factor_get_islands (tf)));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/truck-factor/doa", test_doa);
  g_test_add_func ("/truck-factor/one-author", test_truck_one_author);
  g_test_add_func ("/truck-factor/two-equal-authors", test_truck_two_equal_authors);
  g_test_add_func ("/truck-factor/half-is-not-enough", test_truck_half_is_not_enough);
  g_test_add_func ("/truck-factor/creator-and-editor", test_truck_creator_and_editor);
  g_test_add_func ("/truck-factor/nobody-authors", test_truck_nobody_authors);
  g_test_add_func ("/truck-factor/duplicates-summed", test_truck_duplicates_summed);
  g_test_add_func ("/truck-factor/empty", test_truck_empty);

  return g_test_run ();
}
