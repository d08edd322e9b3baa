/* test-signals-rv.c: Review density and inspection (SIGNALS.md §2) on
 * hand-built workspaces with answers worked out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "uc-test-records.h"

#define W 202610     /* the week of every event: 2026-03-02 … 03-08 */

static UcTime
t0 (void)
{
  return uc_week_start (W);
}

static UcId
merged_cr (TestWs     *ws,
           const char *number,
           const char *author,
           UcTime      created,
           UcTime      merged,
           const char *merged_by,
           gint64      size,
           UcTime      last_commit)
{
  TestCr cr = { number, author, "merged", created, merged, merged_by, size, -1, last_commit };

  return tws_cr (ws, &cr);
}

/* The main fixture: four people on Atlas, an agent, seven CRs.
 *   #1 Ann, 420 lines, approved by Bo 3 min after opening without a
 *      comment (a rubber stamp); Cy commented; merged by Bo.
 *   #2 Ann, 100 lines, merged by Ann, only an agent looked at it.
 *   #3 Bo, 200 lines, Cy commented then approved with a body; merged by
 *      its author after that approval.
 *   #4 Cy, 40 lines (too small for rubber stamps), approved by Dee.
 *   #5 Dee, 1000 lines, last commit 2 h before Ann's approval: exactly
 *      500 lines/h, not above; Bo commented twice.
 *   #6 the agent's, approved by Ann: left out, but Ann's review counts
 *      as a review given.
 *   #7 Ann, still open. */
static TestWs *
build_main (void)
{
  TestWs *ws = tws_new ();
  UcTime t = t0 ();
  UcId cr;
  static const char *const people[] = { "Ann", "Bo", "Cy", "Dee" };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      tws_roster (ws, people[i], "Atlas", 0, 0);
      tws_commit (ws, people[i], t + HOUR);
    }
  tws_identity (ws, "bot");
  tws_agent (ws, "bot");

  cr = merged_cr (ws, "1", "Ann", t + HOUR, t + 5 * HOUR, "Bo", 420, 0);
  tws_review (ws, cr, "Bo", UC_REVIEW_APPROVED, t + HOUR + 3 * MINUTE, 0, FALSE);
  tws_cr_comment (ws, cr, "Cy", t + 2 * HOUR, FALSE);

  cr = merged_cr (ws, "2", "Ann", t + DAY, t + DAY + 10 * HOUR, "Ann", 100, 0);
  tws_review (ws, cr, "bot", UC_REVIEW_COMMENTED, t + DAY + HOUR, 50, FALSE);

  cr = merged_cr (ws, "3", "Bo", t + 2 * DAY, t + 2 * DAY + 4 * HOUR, "Bo", 200, t + 2 * DAY + HOUR);
  tws_cr_comment (ws, cr, "Cy", t + 2 * DAY + 2 * HOUR, FALSE);
  tws_review (ws, cr, "Cy", UC_REVIEW_APPROVED, t + 2 * DAY + 3 * HOUR, 30, FALSE);

  cr = merged_cr (ws, "4", "Cy", t + 3 * DAY, t + 3 * DAY + 2 * HOUR, "Dee", 40, 0);
  tws_review (ws, cr, "Dee", UC_REVIEW_APPROVED, t + 3 * DAY + MINUTE, 0, FALSE);

  cr = merged_cr (ws, "5", "Dee", t + 3 * DAY, t + 3 * DAY + 13 * HOUR, "Dee", 1000, t + 3 * DAY + 10 * HOUR);
  tws_cr_comment (ws, cr, "Bo", t + 3 * DAY + HOUR, FALSE);
  tws_cr_comment (ws, cr, "Bo", t + 3 * DAY + 2 * HOUR, FALSE);
  tws_review (ws, cr, "Ann", UC_REVIEW_APPROVED, t + 3 * DAY + 12 * HOUR, 0, FALSE);

  cr = merged_cr (ws, "6", "bot", t + 4 * DAY, t + 4 * DAY + HOUR, "bot", 10, 0);
  tws_review (ws, cr, "Ann", UC_REVIEW_APPROVED, t + 4 * DAY + 30 * MINUTE, 0, FALSE);

  {
    TestCr open = { "7", "Ann", "open", t + 4 * DAY, 0, NULL, 80, -1, 0 };

    tws_cr (ws, &open);
  }
  return ws;
}

static void
test_rv_values (void)
{
  g_autoptr(TestWs) ws = build_main ();
  g_autoptr(UcAnalysis) analysis = tws_analyze (ws);
  const UcSignalValue *v;

  /* 4 of the 5 human merged CRs were looked at by someone else. */
  tws_assert_value (analysis, "Atlas", "RV.coverage", W, 0.8, 5);
  /* Inverted bounds 0.95 → 0.50: (0.95 − 0.8) / 0.45. */
  v = tws_value (analysis, "Atlas", "RV.coverage", W);
  g_assert_cmpfloat_with_epsilon (v->score, 100.0 * 0.15 / 0.45, 1e-6);
  /* #2 only: #3 was merged by its author after an approval. */
  tws_assert_value (analysis, "Atlas", "RV.self_merge", W, 0.2, 5);
  /* Approvals of ≥ 50 lines: #1 (rubber), #3 (commented), #5 (500/h). */
  tws_assert_value (analysis, "Atlas", "RV.rubber_stamp", W, 1.0 / 3.0, 3);
  /* Per 100 lines: #1 1/420, #2 0, #3 2/200, #4 0, #5 2/1000 → median 0.2. */
  tws_assert_value (analysis, "Atlas", "RV.density", W, 0.2, 5);
  /* Reviews given: Ann 2, Bo 1, Cy 1, Dee 1 → Gini 6 / 40. */
  tws_assert_value (analysis, "Atlas", "RV.load_gini", W, 0.15, 5);

  /* The family score is the mean of the five scores. */
  g_assert_false (isnan (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_RV,
                                                       (guint) uc_analysis_find_week (analysis, W))));
}

static void
test_rv_evidence (void)
{
  g_autoptr(TestWs) ws = build_main ();
  g_autoptr(UcAnalysis) analysis = tws_analyze (ws);
  g_autoptr(GPtrArray) coverage = tws_evidence (analysis, ws, "Atlas", "RV.coverage", W);
  g_autoptr(GPtrArray) self_merge = tws_evidence (analysis, ws, "Atlas", "RV.self_merge", W);
  g_autoptr(GPtrArray) rubber = tws_evidence (analysis, ws, "Atlas", "RV.rubber_stamp", W);
  g_autoptr(GPtrArray) density = tws_evidence (analysis, ws, "Atlas", "RV.density", W);
  g_autoptr(GPtrArray) load = tws_evidence (analysis, ws, "Atlas", "RV.load_gini", W);

  tws_dump (rubber);
  g_assert_cmpuint (coverage->len, ==, 5);
  tws_assert_row (coverage, 0, "change_request", CR_REPO "#2",
                  "merged 2026-03-03 with no review or comment by anyone but its author");
  tws_assert_row (coverage, 1, "change_request", CR_REPO "#5", "first reviewed by Bo 1.0 h after opening");

  g_assert_cmpuint (self_merge->len, ==, 5);
  tws_assert_row (self_merge, 0, "change_request", CR_REPO "#2",
                  "merged 2026-03-03 by its author Ann, no approval from anyone else");
  tws_assert_row (self_merge, 3, "change_request", CR_REPO "#3",
                  "merged 2026-03-04 by its author Bo after approval by Cy");

  g_assert_cmpuint (rubber->len, ==, 3);
  tws_assert_row (rubber, 0, "review", CR_REPO "#1", "approved by Bo in 3 min, 420 lines, no comment");
  tws_assert_row (rubber, 1, "review", CR_REPO "#5",
                  "approved by Ann after 2.0 h, 1000 lines (500 lines per hour), no comment");
  tws_assert_row (rubber, 2, "review", CR_REPO "#3", "approved by Cy after 2.0 h, 200 lines, with comments");

  g_assert_cmpuint (density->len, ==, 5);
  tws_assert_row (density, 0, "change_request", CR_REPO "#2",
                  "0 review comments on 100 changed lines (0.00 per 100)");
  tws_assert_row (density, 4, "change_request", CR_REPO "#3",
                  "2 review comments on 200 changed lines (1.00 per 100)");

  g_assert_cmpuint (load->len, ==, 4);
  tws_assert_row (load, 0, "person", "Ann", "2 of 5 reviews given (40 %)");
  tws_assert_row (load, 3, "person", "Dee", "1 of 5 reviews given (20 %)");
}

/* Merged CRs but no review and no comment anywhere: nothing is known
 * about inspection, so every RV signal is no data, not 0. */
static void
test_rv_no_reviews (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  UcTime t = t0 ();

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_roster (ws, "Bo", "Atlas", 0, 0);
  tws_commit (ws, "Ann", t);
  merged_cr (ws, "1", "Ann", t + HOUR, t + 2 * HOUR, "Ann", 100, 0);
  merged_cr (ws, "2", "Bo", t + HOUR, t + 3 * HOUR, "Ann", 300, 0);
  analysis = tws_analyze (ws);

  tws_assert_no_data (analysis, "Atlas", "RV.coverage", W);
  tws_assert_no_data (analysis, "Atlas", "RV.self_merge", W);
  tws_assert_no_data (analysis, "Atlas", "RV.rubber_stamp", W);
  tws_assert_no_data (analysis, "Atlas", "RV.density", W);
  tws_assert_no_data (analysis, "Atlas", "RV.load_gini", W);
  g_assert_true (isnan (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_RV, 0)));
  rows = tws_evidence (analysis, ws, "Atlas", "RV.coverage", W);
  g_assert_cmpuint (rows->len, ==, 0);
}

/* Every CR merged by its author after comments but no approval. */
static void
test_rv_all_self_merges (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  UcTime t = t0 ();
  static const char *const people[] = { "Ann", "Bo", "Cy" };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      UcId cr;

      tws_roster (ws, people[i], "Atlas", 0, 0);
      tws_commit (ws, people[i], t);
      cr = merged_cr (ws, number, people[i], t + i * DAY, t + i * DAY + 5 * HOUR, people[i], 100, 0);
      tws_review (ws, cr, i == 0 ? "Bo" : "Ann", UC_REVIEW_COMMENTED, t + i * DAY + HOUR, 20, FALSE);
    }
  analysis = tws_analyze (ws);

  tws_assert_value (analysis, "Atlas", "RV.self_merge", W, 1.0, 3);
  tws_assert_value (analysis, "Atlas", "RV.coverage", W, 1.0, 3);
  g_assert_cmpfloat (tws_value (analysis, "Atlas", "RV.self_merge", W)->score, ==, 100.0);
  tws_assert_no_data (analysis, "Atlas", "RV.rubber_stamp", W);   /* no approval at all */
  /* Reviews given: Ann 2, Bo 1, Cy 0 → Gini (2·(1 + 2 + 1)) / (2 · 9 · 1). */
  tws_assert_value (analysis, "Atlas", "RV.load_gini", W, 8.0 / 18.0, 3);
  /* One review body each → 1 comment per 100 lines. */
  tws_assert_value (analysis, "Atlas", "RV.density", W, 1.0, 3);
}

/* A one-person team and a team without any CR, next to a team whose
 * reviews show the workspace has review data. */
static void
test_rv_single_and_empty (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  UcTime t = t0 ();
  UcId cr;

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_roster (ws, "Bo", "Atlas", 0, 0);
  tws_roster (ws, "Solo", "Solo", 0, 0);
  tws_roster (ws, "Quinn", "Quiet", 0, 0);
  tws_commit (ws, "Ann", t);
  tws_commit (ws, "Solo", t);
  tws_commit (ws, "Quinn", t);
  cr = merged_cr (ws, "1", "Ann", t + HOUR, t + 3 * HOUR, "Bo", 100, 0);
  tws_review (ws, cr, "Bo", UC_REVIEW_APPROVED, t + 2 * HOUR, 10, FALSE);
  merged_cr (ws, "2", "Solo", t + HOUR, t + 2 * HOUR, "Solo", 60, 0);
  analysis = tws_analyze (ws);

  tws_assert_value (analysis, "Solo", "RV.coverage", W, 0.0, 1);
  tws_assert_value (analysis, "Solo", "RV.self_merge", W, 1.0, 1);
  tws_assert_value (analysis, "Solo", "RV.density", W, 0.0, 1);
  tws_assert_no_data (analysis, "Solo", "RV.rubber_stamp", W);
  tws_assert_no_data (analysis, "Solo", "RV.load_gini", W);

  for (guint i = 0; i < 5; i++)
    {
      static const char *const ids[] = { "RV.coverage", "RV.self_merge", "RV.rubber_stamp",
                                         "RV.density", "RV.load_gini" };

      tws_assert_no_data (analysis, "Quiet", ids[i], W);
    }
  tws_assert_value (analysis, "Atlas", "RV.coverage", W, 1.0, 1);
  /* Bo gave the only review; Ann gave none. */
  tws_assert_value (analysis, "Atlas", "RV.load_gini", W, 0.5, 1);
}

/* Eve moves from Atlas to Borealis mid-window: each review counts for
 * the team she was on when she gave it. */
static void
test_rv_team_change (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) atlas = NULL;
  g_autoptr(GPtrArray) borealis = NULL;
  UcTime t = t0 ();
  UcId cr;

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_roster (ws, "Fay", "Borealis", 0, 0);
  tws_roster (ws, "Eve", "Atlas", 0, t + 2 * DAY);
  tws_roster (ws, "Eve", "Borealis", t + 2 * DAY, 0);
  tws_commit (ws, "Ann", t);
  tws_commit (ws, "Fay", t);

  cr = merged_cr (ws, "1", "Ann", t + DAY - HOUR, t + DAY + HOUR, "Ann", 100, 0);
  tws_review (ws, cr, "Eve", UC_REVIEW_APPROVED, t + DAY, 0, FALSE);
  cr = merged_cr (ws, "2", "Fay", t + 3 * DAY - HOUR, t + 3 * DAY + HOUR, "Fay", 100, 0);
  tws_review (ws, cr, "Eve", UC_REVIEW_APPROVED, t + 3 * DAY, 0, FALSE);
  analysis = tws_analyze (ws);

  /* Each team: Eve 1, its other member 0. */
  tws_assert_value (analysis, "Atlas", "RV.load_gini", W, 0.5, 1);
  tws_assert_value (analysis, "Borealis", "RV.load_gini", W, 0.5, 1);
  /* 100 lines in 1 h: 100 lines/h, no rubber stamp, one approval each. */
  tws_assert_value (analysis, "Atlas", "RV.rubber_stamp", W, 0.0, 1);
  tws_assert_value (analysis, "Borealis", "RV.rubber_stamp", W, 0.0, 1);

  atlas = tws_evidence (analysis, ws, "Atlas", "RV.rubber_stamp", W);
  borealis = tws_evidence (analysis, ws, "Borealis", "RV.rubber_stamp", W);
  tws_assert_row (atlas, 0, "review", CR_REPO "#1", "approved by Eve after 1.0 h");
  tws_assert_row (borealis, 0, "review", CR_REPO "#2", "approved by Eve after 1.0 h");
}


/* Otto, on no team (an outside maintainer), approves Ann's 400 lines in
 * 2 minutes: a rubber stamp of Atlas, though not a review given by one
 * of its members. */
static void
test_rv_outsider (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  UcTime t = t0 ();
  UcId cr;

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_roster (ws, "Bo", "Atlas", 0, 0);
  tws_commit (ws, "Ann", t);
  cr = merged_cr (ws, "1", "Ann", t + HOUR, t + 2 * HOUR, "Otto", 400, 0);
  tws_review (ws, cr, "Otto", UC_REVIEW_APPROVED, t + HOUR + 2 * MINUTE, 0, FALSE);
  analysis = tws_analyze (ws);

  tws_assert_value (analysis, "Atlas", "RV.rubber_stamp", W, 1.0, 1);
  tws_assert_value (analysis, "Atlas", "RV.coverage", W, 1.0, 1);
  tws_assert_no_data (analysis, "Atlas", "RV.load_gini", W);
  rows = tws_evidence (analysis, ws, "Atlas", "RV.rubber_stamp", W);
  tws_assert_row (rows, 0, "review", CR_REPO "#1", "approved by Otto in 2 min, 400 lines, no comment");
}

static void
perf_progress_cb (double      fraction,
                  const char *message,
                  gpointer    user_data)
{
  gint64 *t0 = user_data;

  g_test_message ("%.3f s: %.3f %s", (g_get_monotonic_time () - *t0) / 1e6, fraction,
                  message != NULL ? message : "");
}

/* `-m perf`: the whole analysis of 100 000 commits, 30 000 CRs, 100 000
 * reviews and comments, 20 000 items (60 000 status changes), 20 000 chat
 * messages and their links, in 8 teams of 12 over 4 years. */
static void
test_records_perf (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_free);
  UcTime start = uc_week_start (202301);
  UcTime span = 4 * 52 * WEEK;
  const guint n_teams = 8, n_people = 12;
  const guint n_commits = 100000, n_crs = 30000, n_items = 20000, n_messages = 20000;
  g_autofree UcId *items = g_new0 (UcId, n_items);
  UcAnalysisOptions options;
  gint64 t0;
  clock_t cpu0;
  double seconds, cpu;

  for (guint t = 0; t < n_teams; t++)
    for (guint p = 0; p < n_people; p++)
      {
        char *name = g_strdup_printf ("dev%u-%u", t, p);
        g_autofree char *team = g_strdup_printf ("team%u", t);

        g_ptr_array_add (names, name);
        tws_roster (ws, name, team, 0, 0);
      }
#define PERSON(team, k) ((const char *) g_ptr_array_index (names, (team) * n_people + (k)))

  for (guint i = 0; i < n_items; i++)
    {
      guint team = g_rand_int_range (rand, 0, n_teams);
      g_autofree char *key = g_strdup_printf ("ABC-%u", i + 1);
      UcTime created = start + (UcTime) ((double) i / n_items * span);
      TestItem item = { key, g_rand_int_range (rand, 0, 10) == 0 ? "Question" : "Story", "Done",
                        UC_STATUS_DONE, PERSON (team, g_rand_int_range (rand, 0, n_people)),
                        PERSON (team, g_rand_int_range (rand, 0, n_people)), created, 0,
                        g_rand_int_range (rand, 0, 20) == 0 };
      UcTime doing = created + g_rand_int_range (rand, 1, 200) * HOUR;
      UcTime done = doing + g_rand_int_range (rand, 1, 400) * HOUR;

      items[i] = tws_item (ws, &item);
      tws_status (ws, items[i], item.assignee, doing, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
      tws_status (ws, items[i], item.assignee, done, UC_STATUS_DOING, UC_STATUS_DONE, NULL);
      if (g_rand_int_range (rand, 0, 10) == 0)
        tws_status (ws, items[i], item.reporter, done + g_rand_int_range (rand, 1, 100) * HOUR,
                    UC_STATUS_DONE, UC_STATUS_DOING, NULL);
      else
        tws_status (ws, items[i], item.reporter, done + HOUR, UC_STATUS_DONE, UC_STATUS_DONE, "Closed");
      tws_item_comment (ws, items[i], PERSON (team, g_rand_int_range (rand, 0, n_people)),
                        created + g_rand_int_range (rand, 1, 100) * HOUR, g_rand_int_range (rand, 0, 8) == 0);
    }

  for (guint i = 0; i < n_commits; i++)
    {
      guint team = g_rand_int_range (rand, 0, n_teams);
      UcTime time = start + (UcTime) ((double) i / n_commits * span);
      UcId commit = tws_commit (ws, PERSON (team, g_rand_int_range (rand, 0, n_people)), time);

      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          guint item = MIN (n_items - 1, (guint) ((double) i / n_commits * n_items) +
                                         g_rand_int_range (rand, 0, 5));
          g_autofree char *key = g_strdup_printf ("ABC-%u", item + 1);

          tws_link (ws, commit, 0, key);
        }
    }

  for (guint i = 0; i < n_crs; i++)
    {
      guint team = g_rand_int_range (rand, 0, n_teams);
      const char *author = PERSON (team, g_rand_int_range (rand, 0, n_people));
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      UcTime created = start + (UcTime) ((double) i / n_crs * span);
      UcTime ended = created + g_rand_int_range (rand, 1, 300) * HOUR;
      int fate = g_rand_int_range (rand, 0, 10);
      TestCr cr = { number, author, fate < 8 ? "merged" : fate < 9 ? "closed" : "open", created,
                    fate < 9 ? ended : 0, fate < 8 ? PERSON (team, g_rand_int_range (rand, 0, n_people)) : NULL,
                    g_rand_int_range (rand, 1, 2000), g_rand_int_range (rand, 0, 2) == 0 ? -1 : g_rand_int_range (rand, 1, 5),
                    created + g_rand_int_range (rand, 0, 20) * HOUR };
      UcId id = tws_cr (ws, &cr);
      guint n_reviews = g_rand_int_range (rand, 0, 4);     /* 1.5 on average: 45 000 */
      guint n_comments = g_rand_int_range (rand, 0, 3);    /* 1 on average: 30 000 */

      for (guint r = 0; r < n_reviews; r++)
        {
          static const UcReviewState states[] = { UC_REVIEW_APPROVED, UC_REVIEW_APPROVED, UC_REVIEW_COMMENTED,
                                                   UC_REVIEW_CHANGES_REQUESTED, UC_REVIEW_DISMISSED };

          tws_review (ws, id, PERSON (team, g_rand_int_range (rand, 0, n_people)),
                      states[g_rand_int_range (rand, 0, G_N_ELEMENTS (states))],
                      created + g_rand_int_range (rand, 1, 300) * HOUR, g_rand_int_range (rand, 0, 2) * 40,
                      FALSE);
        }
      for (guint c = 0; c < n_comments; c++)
        tws_cr_comment (ws, id, PERSON (team, g_rand_int_range (rand, 0, n_people)),
                        created + g_rand_int_range (rand, 1, 300) * HOUR, g_rand_int_range (rand, 0, 8) == 0);
      if (g_rand_int_range (rand, 0, 2) == 0)
        {
          guint item = MIN (n_items - 1, (guint) ((double) i / n_crs * n_items));
          g_autofree char *key = g_strdup_printf ("ABC-%u", item + 1);

          tws_link (ws, 0, id, key);
        }
    }

  for (guint i = 0; i < n_messages; i++)
    {
      guint team = g_rand_int_range (rand, 0, n_teams);
      const char *thread = roots->len > 0 && g_rand_int_range (rand, 0, 2) == 0 ?
                           g_ptr_array_index (roots, g_rand_int_range (rand, MAX ((int) roots->len - 20, 0), roots->len)) :
                           NULL;
      char *ext = tws_message (ws, "general", PERSON (team, g_rand_int_range (rand, 0, n_people)),
                               start + (UcTime) ((double) i / n_messages * span), thread);

      if (thread == NULL)
        g_ptr_array_add (roots, ext);
      else
        g_free (ext);
    }
#undef PERSON
  g_assert_true (uc_store_commit (ws->store, &error));
  g_assert_no_error (error);

  uc_analysis_options_init (&options);
  t0 = g_get_monotonic_time ();
  cpu0 = clock ();
  analysis = uc_analysis_run (ws->store, &options, perf_progress_cb, &t0, NULL, &error);
  cpu = (double) (clock () - cpu0) / CLOCKS_PER_SEC;
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  /* CPU time is the figure to compare: wall time also counts whatever
   * else the machine runs. */
  g_test_minimized_result (cpu, "analysis of %u commits, %u CRs, %u items with reviews, comments and chat: "
                           "%.3f s of CPU (%.3f s wall)", n_commits, n_crs, n_items, cpu, seconds);
  g_assert_cmpuint (uc_analysis_get_n_teams (analysis), ==, n_teams);
  {
    guint w = uc_analysis_get_n_weeks (analysis) - 5;
    static const char *const ids[] = { "RV.coverage", "DS.silent", "CV.decision_time", "WV.backflow",
                                       "EG.unbacked_done" };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      g_assert_false (isnan (uc_analysis_get_value (analysis, 0, (guint) uc_signal_def_index (ids[i]), w)->value));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signals/rv/values", test_rv_values);
  g_test_add_func ("/signals/rv/evidence", test_rv_evidence);
  g_test_add_func ("/signals/rv/no-reviews", test_rv_no_reviews);
  g_test_add_func ("/signals/rv/all-self-merges", test_rv_all_self_merges);
  g_test_add_func ("/signals/rv/single-and-empty", test_rv_single_and_empty);
  g_test_add_func ("/signals/rv/team-change", test_rv_team_change);
  g_test_add_func ("/signals/rv/outsider", test_rv_outsider);
  if (g_test_perf ())
    g_test_add_func ("/signals/records/perf", test_records_perf);

  return g_test_run ();
}
