/* test-signals-td.c: the Technical Debt family on small workspaces with
 * answers worked out by hand: rework, coupling across code areas,
 * hotspots (ties included), hot knowledge islands, generated files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-test-commits.h"

#define BASE 202510

static UcTime
at (int week,
    int day,
    int hour)
{
  return tc_local (BASE, week, day, hour, 0, 0);
}

static void
commit (TestWs     *ws,
        const char *author,
        UcTime      time,
        const char *changes,
        guint       flags)
{
  TestCommit c = { author, time, 0, changes, NULL, flags, NULL };

  tc_commit (ws, &c);
}

/* ---- rework and coupling ---- */

static TestWs *
commits_workspace (void)
{
  TestWs *ws = tws_new ();
  TestCommit other = { "carol", at (0, 3, 10), 0, "M:src/c.c", "other", 0, NULL };

  commit (ws, "ann", at (0, 0, 10), "M:src/a.c", TC_FIX);                     /* rework; 1 area */
  commit (ws, "ann", at (0, 0, 11), "M:src/a.c M:docs/x.md", 0);              /* coupled */
  commit (ws, "bob", at (0, 1, 10), "M:README.md M:src/b.c", 0);              /* root + src: coupled */
  commit (ws, "bob", at (0, 1, 11), "M:package-lock.json", 0);                /* no code */
  commit (ws, "bob", at (0, 1, 12), "M:src/b.c M:yarn.lock", TC_REVERT);      /* rework; 1 area */
  commit (ws, "carol", at (0, 2, 10), "M:vendor/lib/x.c M:src/c.c", 0);       /* vendored: 1 area */
  commit (ws, "carol", at (0, 2, 11), "M:src/a.c M:docs/y.md", TC_FIX | TC_MERGE); /* a merge */
  commit (ws, "bot", at (0, 2, 12), "M:src/a.c M:docs/y.md", TC_FIX);         /* an agent */
  tws_agent (ws, "bot");
  tc_commit (ws, &other);                                                    /* another repository */
  return ws;
}

static void
test_td_rework_coupling (void)
{
  g_autoptr(TestWs) ws = commits_workspace ();
  g_autoptr(UcAnalysis) analysis = tc_analyse (ws, NULL);

  /* Seven human non-merge commits, a fix and a revert among them. */
  tc_assert_value (analysis, GIT_REPO, "TD.rework", 0, 2.0 / 7.0, 7);
  /* Six with code (not the lock file alone); two touch two areas. */
  tc_assert_value (analysis, GIT_REPO, "TD.coupling", 0, 2.0 / 6.0, 6);

  {
    g_autoptr(GPtrArray) rows = tc_evidence (analysis, ws, GIT_REPO, "TD.coupling", 0);

    g_assert_cmpuint (rows->len, ==, 6);
    g_assert_cmpuint (tc_count_facts (rows, "2 code areas"), ==, 2);
    g_assert_cmpuint (tc_count_facts (rows, "ann: 2 code areas (app: src, app: docs)"), ==, 1);
    g_assert_cmpuint (tc_count_facts (rows, "bob: 2 code areas (app: /, app: src)"), ==, 1);
    g_assert_cmpuint (tc_count_facts (rows, "carol: 1 code area (other: src)"), ==, 1);
  }
  {
    g_autoptr(GPtrArray) rows = tc_evidence (analysis, ws, GIT_REPO, "TD.rework", 0);
    UcEvidence *first = g_ptr_array_index (rows, 0);

    g_assert_cmpuint (rows->len, ==, 7);
    /* Flagged first, newest first: Bob's revert. */
    g_assert_cmpstr (first->kind, ==, "commit");
    g_assert_cmpstr (first->fact, ==, "bob: a revert");
    g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 1))->fact, ==, "ann: a fix");
    g_assert_cmpuint (tc_count_facts (rows, "neither a revert nor a fix"), ==, 5);
  }
}

/* ---- hotspots ---- */

static void
test_td_hotspots (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  GString *many = g_string_new (NULL);

  /* Week 0: 38 cold files, one line each, and the generated lock file
   * that would otherwise be the hottest. */
  for (int f = 0; f < 38; f++)
    g_string_append_printf (many, "A:src/f%02d.c:1 ", f);
  commit (ws, "ann", at (0, 0, 10), many->str, 0);
  g_string_free (many, TRUE);
  for (int i = 0; i < 20; i++)
    commit (ws, "bob", at (0, 1, 10) + i * MINUTE, "M:package-lock.json:1000", 0);

  /* hot1: 5 changes of 10 lines before the window, 2 in it; hot2: 3
   * before, 1 in it. */
  for (int w = 0; w < 5; w++)
    commit (ws, "ann", at (w, 2, 10), "M:src/hot1.c:10", 0);
  for (int w = 0; w < 3; w++)
    commit (ws, "bob", at (w, 3, 10), "M:src/hot2.c:10", 0);

  /* The window (weeks 6–9): 10 code changes. */
  commit (ws, "ann", at (6, 0, 10), "M:src/hot1.c:10", 0);
  commit (ws, "ann", at (7, 0, 10), "M:src/hot1.c:10", 0);
  commit (ws, "bob", at (8, 0, 10), "M:src/hot2.c:10", 0);
  commit (ws, "carol", at (8, 1, 10), "M:src/f00.c:1", 0);
  commit (ws, "carol", at (9, 1, 10), "M:src/f00.c:1 M:package-lock.json:1000", 0);
  commit (ws, "carol", at (9, 2, 10), "M:src/f01.c:1 M:src/f02.c:1 M:src/f03.c:1 M:src/f04.c:1 M:src/f05.c:1", 0);

  analysis = tc_analyse (ws, NULL);
  /* 40 code files: the top ⌈5 % of 40⌉ = 2 are hot1 (7 changes × 70
   * lines = 490) and hot2 (4 × 40 = 160); 3 of the 10 changes. */
  tc_assert_value (analysis, GIT_REPO, "TD.hotspots", 9, 3.0 / 10.0, 10);

  {
    g_autoptr(GPtrArray) rows = tc_evidence (analysis, ws, GIT_REPO, "TD.hotspots", 9);
    UcEvidence *first;

    g_assert_cmpuint (rows->len, ==, 2);
    first = g_ptr_array_index (rows, 0);
    g_assert_cmpstr (first->kind, ==, "file");
    g_assert_cmpstr (first->ref, ==, "src/hot1.c");
    g_assert_cmpstr (first->fact, ==,
                     "hotspot score 490 (7 changes × 70 lines in 52 weeks); 2 of the window’s 10 changes");
    g_assert_cmpint (first->time, ==, at (7, 0, 10));
    g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 1))->ref, ==, "src/hot2.c");
  }
}

/* Equal scores and changes: the older file is the hotspot. */
static void
test_td_hotspots_ties (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  GString *many = g_string_new (NULL);

  commit (ws, "ann", at (0, 0, 10), "A:src/old.c:1", 0);
  commit (ws, "ann", at (1, 0, 10), "M:src/old.c:1", 0);
  commit (ws, "bob", at (2, 0, 10), "A:src/new.c:1", 0);
  commit (ws, "bob", at (3, 0, 10), "M:src/new.c:1", 0);
  for (int f = 0; f < 18; f++)
    g_string_append_printf (many, "A:src/f%02d.c:1 ", f);
  commit (ws, "carol", at (4, 0, 10), many->str, 0);
  g_string_free (many, TRUE);
  commit (ws, "carol", at (5, 0, 10), "M:src/f00.c:0", 0);

  analysis = tc_analyse (ws, NULL);
  /* Week 5 (window 2–5): 20 files, one hotspot. old.c and new.c both
   * score 2 × 2; old.c is older and has no change in the window. */
  tc_assert_value (analysis, GIT_REPO, "TD.hotspots", 5, 0.0, 21);
}

/* ---- islands ---- */

static void
test_td_islands (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;

  /* s1: Ann alone, 2 changes × 4 lines = 8. s2: Bob alone, 1 × 1. d1:
   * created by Ann, changed 5 times by Bob: both are authors (DOA 3.98
   * and 3.89), 6 × 6 = 36. s3 was deleted: not a live file. The
   * generated dist/ file is not code. */
  commit (ws, "ann", at (0, 0, 10), "A:src/s1.c:2", 0);
  commit (ws, "ann", at (0, 1, 10), "M:src/s1.c:2", 0);
  commit (ws, "bob", at (0, 1, 11), "A:src/s2.c:1", 0);
  commit (ws, "ann", at (0, 2, 10), "A:src/d1.c:1", 0);
  for (int i = 0; i < 5; i++)
    commit (ws, "bob", at (1, i, 10), "M:src/d1.c:1", 0);
  commit (ws, "carol", at (1, 0, 12), "A:src/s3.c:50", 0);
  commit (ws, "carol", at (2, 0, 12), "D:src/s3.c:50", 0);
  commit (ws, "carol", at (2, 1, 12), "A:dist/app.js:900", 0);

  analysis = tc_analyse (ws, NULL);
  tc_assert_value (analysis, GIT_REPO, "TD.islands", 2, (8.0 + 1.0) / (8.0 + 1.0 + 36.0), 9);

  {
    g_autoptr(GPtrArray) rows = tc_evidence (analysis, ws, GIT_REPO, "TD.islands", 2);
    UcEvidence *first;

    g_assert_cmpuint (rows->len, ==, 3);
    first = g_ptr_array_index (rows, 0);
    g_assert_cmpstr (first->ref, ==, "src/s1.c");
    g_assert_cmpstr (first->fact, ==,
                     "only author: ann (DOA 4.72); hotspot score 8 (2 changes × 4 lines in 52 weeks); 18 % of the weight");
    g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 1))->ref, ==, "src/s2.c");
    g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 2))->fact, ==,
                     "2 authors; hotspot score 36 (6 changes × 6 lines in 52 weeks)");
  }
}

/* With every file scoring the same, TD.islands is CA.islands. */
static void
test_td_islands_equal_weights (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  const UcSignalValue *ca, *td;

  commit (ws, "ann", at (0, 0, 10), "A:src/f1.c A:src/f2.c", 0);
  commit (ws, "bob", at (0, 0, 11), "A:src/f3.c", 0);
  for (int i = 0; i < 5; i++)
    {
      commit (ws, "ann", at (1, i, 10), "M:src/f1.c", 0);
      commit (ws, "bob", at (1, i, 11), "M:src/f2.c M:src/f3.c", 0);
    }

  analysis = tc_analyse (ws, NULL);
  ca = tc_value (analysis, GIT_REPO, "CA.islands", 1);
  td = tc_value (analysis, GIT_REPO, "TD.islands", 1);
  g_assert_cmpfloat_with_epsilon (ca->value, 2.0 / 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (td->value, ca->value, EPS);
  g_assert_cmpint (td->coverage, ==, ca->coverage);
}

/* A team with only merges and agents' commits has no TD data. */
static void
test_td_no_data (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  TestCommit merge = { "ann", at (0, 0, 10), 0, "M:src/a.c", "merges", TC_MERGE, NULL };

  tc_commit (ws, &merge);
  commit (ws, "bob", at (0, 1, 10), "M:package-lock.json", TC_FIX);

  analysis = tc_analyse (ws, NULL);
  tc_assert_no_data (analysis, "merges", "TD.rework", 0);
  tc_assert_no_data (analysis, "merges", "TD.coupling", 0);
  tc_assert_no_data (analysis, "merges", "TD.hotspots", 0);
  tc_assert_no_data (analysis, "merges", "TD.islands", 0);
  g_assert_true (isnan (uc_analysis_get_family_score (analysis, (guint) uc_analysis_find_team (analysis, "merges"),
                                                      UC_FAMILY_TD, 0)));
  /* Bob's lock file: a fix, but no code anywhere. */
  tc_assert_value (analysis, GIT_REPO, "TD.rework", 0, 1.0, 1);
  tc_assert_no_data (analysis, GIT_REPO, "TD.coupling", 0);
  tc_assert_no_data (analysis, GIT_REPO, "TD.hotspots", 0);
  tc_assert_no_data (analysis, GIT_REPO, "TD.islands", 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signals/td/rework-coupling", test_td_rework_coupling);
  g_test_add_func ("/signals/td/hotspots", test_td_hotspots);
  g_test_add_func ("/signals/td/hotspots-ties", test_td_hotspots_ties);
  g_test_add_func ("/signals/td/islands", test_td_islands);
  g_test_add_func ("/signals/td/islands-equal-weights", test_td_islands_equal_weights);
  g_test_add_func ("/signals/td/no-data", test_td_no_data);
  return g_test_run ();
}
