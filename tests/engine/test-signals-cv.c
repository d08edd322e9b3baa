/* test-signals-cv.c: Convergence velocity (SIGNALS.md §5) on hand-built
 * workspaces with answers worked out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-test-records.h"

#define W 202610     /* 2026-03-02 … 03-08 */

static UcId
add_cr (TestWs     *ws,
        const char *number,
        const char *author,
        const char *state,
        UcTime      created,
        UcTime      ended,
        gint64      n_rounds,
        UcTime      last_commit)
{
  TestCr cr = { number, author, state, created, ended, g_str_equal (state, "merged") ? author : NULL,
                100, n_rounds, last_commit };

  return tws_cr (ws, &cr);
}

/* Ann, Bo and Cy on Atlas, an agent.
 *   #1 Ann: an agent comments, Bo approves 2 h after opening; merged after
 *      24 h; 3 rounds stored.
 *   #2 Bo: he comments himself, Cy answers after 6 h; closed after 48 h.
 *   #3 Cy: Ann reviews after 7 h, before the last commit (2 rounds);
 *      merged after 36 h.
 *   #4 Ann: no response, merged after 12 h, last commit known and no
 *      review before it (1 round).
 *   #5 Bo: no response, merged after 60 h, rounds unknown.
 *   #6 Cy: open since 20 days before the week, untouched: stalled.
 *   #7 Ann: open, Bo comments 3 days after opening.
 *   #8 Bo: closed without merge after 10 days: abandoned.
 *   #9 the agent's: left out.
 *   ABC-1 (story, Cy): Ann starts it 10 h after; done after 72 h.
 *   ABC-2 (question, Ann): Bo closes it after 5 h: a response, not a
 *         decision.
 *   ABC-3 (RFC, Ann): opened a week before, done after 10 days.
 *   ABC-4 (decision, Bo): opened 30 days before, untouched: stalled.
 *   ABC-5 (story): open, not a decision item: not counted as stalled. */
static TestWs *
build_main (void)
{
  TestWs *ws = tws_new ();
  UcTime t = uc_week_start (W);
  static const char *const people[] = { "Ann", "Bo", "Cy" };
  UcId cr, item;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      tws_roster (ws, people[i], "Atlas", 0, 0);
      tws_commit (ws, people[i], t);
    }
  tws_identity (ws, "bot");
  tws_agent (ws, "bot");

  cr = add_cr (ws, "1", "Ann", "merged", t + HOUR, t + 25 * HOUR, 3, 0);
  tws_review (ws, cr, "bot", UC_REVIEW_COMMENTED, t + HOUR + 10 * MINUTE, 10, FALSE);
  tws_review (ws, cr, "Bo", UC_REVIEW_APPROVED, t + 3 * HOUR, 0, FALSE);

  cr = add_cr (ws, "2", "Bo", "closed", t + HOUR, t + 49 * HOUR, -1, 0);
  tws_cr_comment (ws, cr, "Bo", t + 2 * HOUR, FALSE);
  tws_cr_comment (ws, cr, "Cy", t + 7 * HOUR, FALSE);

  cr = add_cr (ws, "3", "Cy", "merged", t + 3 * HOUR, t + 39 * HOUR, -1, t + 20 * HOUR);
  tws_review (ws, cr, "Ann", UC_REVIEW_COMMENTED, t + 10 * HOUR, 10, FALSE);

  add_cr (ws, "4", "Ann", "merged", t + 4 * HOUR, t + 16 * HOUR, -1, t + 5 * HOUR);
  add_cr (ws, "5", "Bo", "merged", t + 4 * HOUR, t + 64 * HOUR, -1, 0);
  add_cr (ws, "6", "Cy", "open", t - 20 * DAY, 0, -1, 0);
  cr = add_cr (ws, "7", "Ann", "open", t + DAY, 0, -1, 0);
  tws_cr_comment (ws, cr, "Bo", t + 4 * DAY, FALSE);
  add_cr (ws, "8", "Bo", "closed", t - 5 * DAY, t + 5 * DAY, -1, 0);
  add_cr (ws, "9", "bot", "merged", t + HOUR, t + 2 * HOUR, -1, 0);

  {
    TestItem abc1 = { "ABC-1", "Story", "Done", UC_STATUS_DONE, "Cy", "Ann", t + 2 * HOUR, 0, FALSE };
    TestItem abc2 = { "ABC-2", "Question", "Done", UC_STATUS_DONE, "Ann", "Bo", t + HOUR, 0, FALSE };
    TestItem abc3 = { "ABC-3", "RFC", "Done", UC_STATUS_DONE, "Ann", "Ann", t - 7 * DAY, 0, FALSE };
    TestItem abc4 = { "ABC-4", "Task", "To Do", UC_STATUS_TODO, "Bo", "Bo", t - 30 * DAY, 0, TRUE };
    TestItem abc5 = { "ABC-5", "Story", "To Do", UC_STATUS_TODO, "Bo", "Bo", t - 30 * DAY, 0, FALSE };

    item = tws_item (ws, &abc1);
    tws_item_comment (ws, item, "Cy", t + 3 * HOUR, FALSE);
    tws_status (ws, item, "Ann", t + 12 * HOUR, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
    tws_status (ws, item, "Ann", t + 74 * HOUR, UC_STATUS_DOING, UC_STATUS_DONE, NULL);

    item = tws_item (ws, &abc2);
    tws_status (ws, item, "Bo", t + 6 * HOUR, UC_STATUS_TODO, UC_STATUS_DONE, NULL);

    item = tws_item (ws, &abc3);
    tws_status (ws, item, "Ann", t + 3 * DAY, UC_STATUS_TODO, UC_STATUS_DONE, NULL);

    tws_item (ws, &abc4);
    tws_item (ws, &abc5);
  }
  return ws;
}

static void
test_cv_values (void)
{
  g_autoptr(TestWs) ws = build_main ();
  g_autoptr(UcAnalysis) analysis = tws_analyze (ws);

  /* Hours: #1 2, #2 6, #3 7, #7 72, ABC-1 10, ABC-2 5 → median 6.5. */
  tws_assert_value (analysis, "Atlas", "CV.first_response", W, 6.5, 6);
  /* Hours: #1 24, #2 48, #3 36, #4 12, #5 60, #8 240, ABC-1 72, ABC-3
   * 240 → median (48 + 60) / 2. */
  tws_assert_value (analysis, "Atlas", "CV.decision_time", W, 54.0, 8);
  /* #1 3, #3 2, #4 1. */
  tws_assert_value (analysis, "Atlas", "CV.rounds", W, 2.0, 3);
  /* At the week's end: #6 and ABC-4 stalled, #7 not. */
  tws_assert_value (analysis, "Atlas", "CV.stalled", W, 2.0 / 3.0, 3);
  /* A week earlier: #6 (20 days) and ABC-4 stalled; #8 (5 days) and
   * ABC-3 (7 days) not. */
  tws_assert_value (analysis, "Atlas", "CV.stalled", 202609, 0.5, 4);
  /* #8 of #1, #2, #3, #4, #5, #8. */
  tws_assert_value (analysis, "Atlas", "CV.abandoned", W, 1.0 / 6.0, 6);
}

static void
test_cv_evidence (void)
{
  g_autoptr(TestWs) ws = build_main ();
  g_autoptr(UcAnalysis) analysis = tws_analyze (ws);
  g_autoptr(GPtrArray) response = tws_evidence (analysis, ws, "Atlas", "CV.first_response", W);
  g_autoptr(GPtrArray) decision = tws_evidence (analysis, ws, "Atlas", "CV.decision_time", W);
  g_autoptr(GPtrArray) rounds = tws_evidence (analysis, ws, "Atlas", "CV.rounds", W);
  g_autoptr(GPtrArray) stalled = tws_evidence (analysis, ws, "Atlas", "CV.stalled", W);
  g_autoptr(GPtrArray) abandoned = tws_evidence (analysis, ws, "Atlas", "CV.abandoned", W);

  g_assert_cmpuint (response->len, ==, 6);
  tws_assert_row (response, 0, "change_request", CR_REPO "#7", "first response by Bo after 3.0 days");
  tws_assert_row (response, 5, "change_request", CR_REPO "#1", "first response by Bo after 2.0 h");

  tws_dump (decision);
  g_assert_cmpuint (decision->len, ==, 9);
  tws_assert_row (decision, 0, "summary", NULL, "median 10 days over 1 decision item");
  tws_assert_row (decision, 1, "work_item", "ABC-3", "decision item, done 10 days after creation");
  tws_assert_row (decision, 2, "change_request", CR_REPO "#8", "closed without merge 10 days after opening");

  g_assert_cmpuint (rounds->len, ==, 3);
  tws_assert_row (rounds, 0, "change_request", CR_REPO "#1", "3 review rounds (patch sets or versions)");
  tws_assert_row (rounds, 1, "change_request", CR_REPO "#3", "2 review rounds: reviewed before its last commit");
  tws_assert_row (rounds, 2, "change_request", CR_REPO "#4", "1 review round: no review before its last commit");

  tws_dump (stalled);
  g_assert_cmpuint (stalled->len, ==, 3);
  tws_assert_row (stalled, 0, "work_item", "ABC-4", "decision item, open, no activity since 2026-01-31 (37 days)");
  tws_assert_row (stalled, 1, "change_request", CR_REPO "#6", "open, no activity since 2026-02-10 (27 days)");
  tws_assert_row (stalled, 2, "change_request", CR_REPO "#7", "open, last activity 2026-03-06");

  g_assert_cmpuint (abandoned->len, ==, 6);
  tws_assert_row (abandoned, 0, "change_request", CR_REPO "#8",
                  "abandoned: closed without merge after 10 days open");
}

/* Nothing at all but commits: no data, never 0. */
static void
test_cv_no_data (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  static const char *const ids[] = { "CV.first_response", "CV.decision_time", "CV.rounds",
                                     "CV.stalled", "CV.abandoned" };

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_commit (ws, "Ann", uc_week_start (W));
  analysis = tws_analyze (ws);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    tws_assert_no_data (analysis, "Atlas", ids[i], W);
}

/* Eve opens a CR on Atlas and merges it after moving to Borealis: the
 * response counts for Atlas (opening), the decision for Borealis (end). */
static void
test_cv_team_change (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  UcTime t = uc_week_start (W);
  UcId cr;

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_roster (ws, "Fay", "Borealis", 0, 0);
  tws_roster (ws, "Eve", "Atlas", 0, t + 2 * DAY);
  tws_roster (ws, "Eve", "Borealis", t + 2 * DAY, 0);
  tws_commit (ws, "Ann", t);
  tws_commit (ws, "Fay", t);
  cr = add_cr (ws, "1", "Eve", "merged", t + DAY, t + 3 * DAY, -1, 0);
  tws_cr_comment (ws, cr, "Fay", t + DAY + 5 * HOUR, FALSE);
  analysis = tws_analyze (ws);

  tws_assert_value (analysis, "Atlas", "CV.first_response", W, 5.0, 1);
  tws_assert_no_data (analysis, "Borealis", "CV.first_response", W);
  tws_assert_value (analysis, "Borealis", "CV.decision_time", W, 48.0, 1);
  tws_assert_no_data (analysis, "Atlas", "CV.decision_time", W);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signals/cv/values", test_cv_values);
  g_test_add_func ("/signals/cv/evidence", test_cv_evidence);
  g_test_add_func ("/signals/cv/no-data", test_cv_no_data);
  g_test_add_func ("/signals/cv/team-change", test_cv_team_change);

  return g_test_run ();
}
