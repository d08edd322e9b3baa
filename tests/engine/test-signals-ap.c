/* test-signals-ap.c: the Adoption performance family on a small team
 * with answers worked out by hand: a new CI configuration, a new
 * language, AI assistance (trailers and an agent's commit), capabilities
 * that are not introductions, the 12-week horizon and the 52-week
 * window; and the capability catalogue itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-analysis-private.h"
#include "uc-test-commits.h"

#define BASE 202502

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
        guint       flags,
        const char *committer)
{
  TestCommit c = { author, time, 0, changes, NULL, flags, committer };

  tc_commit (ws, &c);
}

static TestWs *
adoption_workspace (void)
{
  TestWs *ws = tws_new ();
  const char *const team[] = { "ann", "bob", "carol", "dan" };
  TestCommit solo_ci = { "eve", at (10, 1, 10), 0, "A:.gitlab-ci.yml", "solo", 0, NULL };

  /* Everyone commits every Monday, weeks 0–30; Eve alone in "solo". */
  for (int w = 0; w <= 30; w++)
    {
      TestCommit solo = { "eve", at (w, 0, 9), 0, "M:main.py", "solo", 0, NULL };

      for (guint i = 0; i < G_N_ELEMENTS (team); i++)
        {
          g_autofree char *change = g_strdup_printf ("M:src/%s.c", team[i]);

          commit (ws, team[i], at (w, 0, 10 + (int) i), change, 0, NULL);
        }
      tc_commit (ws, &solo);
    }
  tc_commit (ws, &solo_ci);

  /* Not introductions: a Dockerfile first seen edited; a Jenkinsfile
   * added in the repository's third week; an ESLint configuration whose
   * 12 weeks end after the data. */
  commit (ws, "ann", at (5, 2, 10), "M:Dockerfile", 0, NULL);
  commit (ws, "bob", at (2, 2, 10), "A:Jenkinsfile", 0, NULL);
  commit (ws, "dan", at (20, 2, 10), "A:.eslintrc.json", 0, NULL);

  /* GitHub Actions: Ann adds it in week 10; Bob uses it 8 days later,
   * Carol 4 weeks later, Dan never. */
  commit (ws, "ann", at (10, 1, 10), "A:.github/workflows/ci.yml", 0, NULL);
  commit (ws, "bob", at (11, 2, 10), "M:.github/workflows/ci.yml", 0, NULL);
  commit (ws, "carol", at (14, 1, 10), "M:.github/workflows/ci.yml", 0, NULL);

  /* Rust: Bob alone, from week 12. */
  commit (ws, "bob", at (12, 0, 12), "A:src/rs/lib.rs", 0, NULL);
  commit (ws, "bob", at (13, 0, 12), "M:src/rs/lib.rs", 0, NULL);

  /* AI assistance: Carol's trailer in week 15, Ann's a week later, Dan
   * committing an agent's work three weeks later. */
  commit (ws, "carol", at (15, 3, 10), "M:src/carol.c", TC_AI, NULL);
  commit (ws, "ann", at (16, 3, 10), "M:src/ann.c", TC_AI, NULL);
  commit (ws, "copilot", at (18, 3, 10), "M:src/dan.c", 0, "dan");
  tws_agent (ws, "copilot");
  return ws;
}

static void
test_ap_adoption (void)
{
  g_autoptr(TestWs) ws = adoption_workspace ();
  g_autoptr(UcAnalysis) analysis = tc_analyse (ws, NULL);
  double ci_t50 = 8.0 / 7.0;

  g_assert_cmpuint (uc_analysis_get_n_weeks (analysis), ==, 31);
  /* Nothing is assessed before the first horizon ends (week 22). */
  tc_assert_no_data (analysis, GIT_REPO, "AP.t50", 21);
  tc_assert_no_data (analysis, GIT_REPO, "AP.reach", 21);
  /* Week 22: GitHub Actions. 3 of 4 used it; the second (half of 4)
   * after 8 days. */
  tc_assert_value (analysis, GIT_REPO, "AP.t50", 22, ci_t50, 1);
  tc_assert_value (analysis, GIT_REPO, "AP.reach", 22, 0.75, 1);
  /* Week 24: Rust too, never half adopted: censored at 12 weeks. */
  tc_assert_value (analysis, GIT_REPO, "AP.t50", 24, (ci_t50 + 12.0) / 2, 2);
  tc_assert_value (analysis, GIT_REPO, "AP.reach", 24, (0.75 + 0.25) / 2, 2);
  /* Week 27: AI assistance too (half after 1 week, 3 of 4). */
  tc_assert_value (analysis, GIT_REPO, "AP.t50", 27, ci_t50, 3);
  tc_assert_value (analysis, GIT_REPO, "AP.reach", 27, 0.75, 3);
  tc_assert_value (analysis, GIT_REPO, "AP.t50", 30, ci_t50, 3);
  /* A team of one adopts nothing. */
  tc_assert_no_data (analysis, "solo", "AP.t50", 30);
  tc_assert_no_data (analysis, "solo", "AP.reach", 30);
}

static void
test_ap_evidence (void)
{
  g_autoptr(TestWs) ws = adoption_workspace ();
  g_autoptr(UcAnalysis) analysis = tc_analyse (ws, NULL);
  g_autoptr(GPtrArray) rows = tc_evidence (analysis, ws, GIT_REPO, "AP.reach", 27);
  UcEvidence *row;

  /* Three capabilities, newest assessment first; each with its
   * introduction and the team's four active members. */
  g_assert_cmpuint (rows->len, ==, 15);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->kind, ==, "commit");
  g_assert_cmpstr (row->fact, ==,
                   "AI assistance introduced 2025-04-24 by carol: 3 of 4 active members used it within 12 weeks (75 %), half of them after 1.0 weeks");
  g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 3))->fact, ==, "used AI assistance after 3.0 weeks");
  g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 3))->ref, ==, "dan");
  g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 4))->fact, ==, "did not use AI assistance within 12 weeks");
  g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 5))->fact, ==,
                   "the Rust language in app introduced 2025-03-31 by bob: 1 of 4 active members used it within 12 weeks (25 %), not half of them within 12 weeks");
  g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 10))->fact, ==,
                   "GitHub Actions in app introduced 2025-03-18 by ann: 3 of 4 active members used it within 12 weeks (75 %), half of them after 1.1 weeks");
  g_assert_cmpuint (tc_count_facts (rows, "did not use"), ==, 5);

  /* The same rows back AP.t50. */
  {
    g_autoptr(GPtrArray) same = tc_evidence (analysis, ws, GIT_REPO, "AP.t50", 27);

    g_assert_cmpuint (same->len, ==, rows->len);
  }
}

static void
test_ap_catalogue (void)
{
  const struct
  {
    const char *path;
    const char *tool;        /* NULL: none */
    const char *language;    /* NULL: none */
  } cases[] = {
    { ".github/workflows/ci.yml", "GitHub Actions", NULL },
    { "sub/.github/workflows/ci.yml", NULL, NULL },
    { ".gitlab-ci.yml", "GitLab CI", NULL },
    { "deploy/Dockerfile", "Docker", NULL },
    { "Dockerfile.dev", "Docker", NULL },
    { "infra/main.tf", "Terraform", NULL },
    { "web/.eslintrc.json", "ESLint", NULL },
    { "tests/conftest.py", "pytest", "Python" },
    { "jest.config.ts", "Jest", "TypeScript" },
    { "src/lib.RS", NULL, "Rust" },
    { "include/app.h", NULL, "C" },
    { "src/app.cpp", NULL, "C++" },
    { "README.md", NULL, NULL },
    { "data.json", NULL, NULL },
    { "Makefile", NULL, NULL },
    { ".tf", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int tool = _uc_ap_path_tool (cases[i].path);
      int language = _uc_ap_path_language (cases[i].path);

      if (cases[i].tool == NULL)
        g_assert_cmpint (tool, ==, -1);
      else
        g_assert_cmpstr (_uc_ap_tool_name (tool), ==, cases[i].tool);
      if (cases[i].language == NULL)
        g_assert_cmpint (language, ==, -1);
      else
        g_assert_cmpstr (_uc_ap_language_name (language), ==, cases[i].language);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signals/ap/adoption", test_ap_adoption);
  g_test_add_func ("/signals/ap/evidence", test_ap_evidence);
  g_test_add_func ("/signals/ap/catalogue", test_ap_catalogue);
  return g_test_run ();
}
