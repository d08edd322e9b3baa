/* test-signals-ds.c: Dissent suppression (SIGNALS.md §4) on hand-built
 * workspaces with answers worked out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-test-records.h"

#define W 202610     /* 2026-03-02 … 03-08 */

static UcId
cr_ended (TestWs     *ws,
          const char *number,
          const char *author,
          const char *state,
          UcTime      created,
          UcTime      ended)
{
  TestCr cr = { number, author, state, created, ended, g_str_equal (state, "merged") ? author : NULL,
                100, -1, 0 };

  return tws_cr (ws, &cr);
}

/* Five committers on Atlas (Fay never speaks), Gus speaks without
 * committing.
 *   #1 Ann: Bo requests changes (answered by Ann an hour later), merged
 *      with no approval from Bo: overridden.
 *   #2 Ann: Cy's review dismissed, merged: overridden.
 *   #3 Bo: Cy requests changes (nobody answers), then approves: merged,
 *      not overridden.
 *   #4 Cy: Dee requests changes (nobody answers); closed without merge.
 *   #5 Dee: Bo objects in a comment, Dee answers within the hour.
 *   #6 open, with an objection by Dee: not counted yet.
 *   ABC-1: Cy objects; Ann answers 8 days later; done meanwhile. */
static TestWs *
build_main (void)
{
  TestWs *ws = tws_new ();
  UcTime t = uc_week_start (W);
  static const char *const people[] = { "Ann", "Bo", "Cy", "Dee", "Fay" };
  TestItem item = { "ABC-1", "Story", "Done", UC_STATUS_DONE, "Ann", "Ann", t, 0, FALSE };
  UcId cr, abc1;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      tws_roster (ws, people[i], "Atlas", 0, 0);
      tws_commit (ws, people[i], t);
    }
  tws_roster (ws, "Gus", "Atlas", 0, 0);
  g_free (tws_message (ws, "general", "Gus", t + HOUR, NULL));
  /* Data until five weeks later: every objection's 7 days are over. */
  tws_commit (ws, "Ann", t + 5 * WEEK);

  cr = cr_ended (ws, "1", "Ann", "merged", t, t + DAY);
  tws_review (ws, cr, "Bo", UC_REVIEW_CHANGES_REQUESTED, t + HOUR, 30, FALSE);
  tws_cr_comment (ws, cr, "Ann", t + 2 * HOUR, FALSE);

  cr = cr_ended (ws, "2", "Ann", "merged", t, t + DAY);
  tws_review (ws, cr, "Cy", UC_REVIEW_DISMISSED, t + HOUR, 30, FALSE);

  cr = cr_ended (ws, "3", "Bo", "merged", t, t + DAY);
  tws_review (ws, cr, "Cy", UC_REVIEW_CHANGES_REQUESTED, t + 2 * HOUR, 30, FALSE);
  tws_review (ws, cr, "Cy", UC_REVIEW_APPROVED, t + 5 * HOUR, 0, FALSE);

  cr = cr_ended (ws, "4", "Cy", "closed", t, t + DAY);
  tws_review (ws, cr, "Dee", UC_REVIEW_CHANGES_REQUESTED, t + 3 * HOUR, 30, FALSE);

  cr = cr_ended (ws, "5", "Dee", "merged", t, t + DAY);
  tws_cr_comment (ws, cr, "Bo", t + 4 * HOUR, TRUE);
  tws_cr_comment (ws, cr, "Dee", t + 5 * HOUR, FALSE);

  cr = cr_ended (ws, "6", "Ann", "open", t, 0);
  tws_cr_comment (ws, cr, "Dee", t + 6 * HOUR, TRUE);

  abc1 = tws_item (ws, &item);
  tws_item_comment (ws, abc1, "Cy", t + DAY, TRUE);
  tws_status (ws, abc1, "Ann", t + 2 * DAY, UC_STATUS_DOING, UC_STATUS_DONE, NULL);
  tws_item_comment (ws, abc1, "Ann", t + 9 * DAY, FALSE);
  return ws;
}

static void
test_ds_values (void)
{
  g_autoptr(TestWs) ws = build_main ();
  g_autoptr(UcAnalysis) analysis = tws_analyze (ws);

  /* #1, #2 overridden of #1–#4. */
  tws_assert_value (analysis, "Atlas", "DS.overridden", W, 0.5, 4);
  /* Objections on closed records: Bo's (#1, answered), Cy's (#3), Dee's
   * (#4), Bo's comment (#5, answered), Cy's on ABC-1 (answered after 8
   * days): 3 of 5 unanswered. */
  tws_assert_value (analysis, "Atlas", "DS.unanswered", W, 0.6, 5);
  /* Voice of the committers: Ann 1, Bo 2, Cy 4, Dee 3, Fay 0. */
  tws_assert_value (analysis, "Atlas", "DS.voice_gini", W, 0.4, 10);
  tws_assert_value (analysis, "Atlas", "DS.silent", W, 0.2, 5);
  /* Too early for history: no data, never 0. */
  tws_assert_no_data (analysis, "Atlas", "DS.fading", W);
  tws_assert_no_data (analysis, "Atlas", "DS.newcomer_gap", W);
}

static void
test_ds_evidence (void)
{
  g_autoptr(TestWs) ws = build_main ();
  g_autoptr(UcAnalysis) analysis = tws_analyze (ws);
  g_autoptr(GPtrArray) overridden = tws_evidence (analysis, ws, "Atlas", "DS.overridden", W);
  g_autoptr(GPtrArray) unanswered = tws_evidence (analysis, ws, "Atlas", "DS.unanswered", W);
  g_autoptr(GPtrArray) voice = tws_evidence (analysis, ws, "Atlas", "DS.voice_gini", W);
  g_autoptr(GPtrArray) silent = tws_evidence (analysis, ws, "Atlas", "DS.silent", W);
  g_autoptr(GPtrArray) fading = tws_evidence (analysis, ws, "Atlas", "DS.fading", W);

  g_assert_cmpuint (overridden->len, ==, 4);
  tws_assert_row (overridden, 0, "change_request", CR_REPO "#1",
                  "merged 2026-03-03 after changes requested by Bo, no later approval");
  tws_assert_row (overridden, 1, "change_request", CR_REPO "#2",
                  "merged 2026-03-03 after Cy’s review was dismissed");
  tws_assert_row (overridden, 2, "change_request", CR_REPO "#3", "after Cy, who objected, approved it");
  tws_assert_row (overridden, 3, "change_request", CR_REPO "#4",
                  "closed without merge 2026-03-03 after changes requested by Dee");

  tws_dump (unanswered);
  g_assert_cmpuint (unanswered->len, ==, 5);
  tws_assert_row (unanswered, 0, "comment", "ABC-1",
                  "objection by Cy on 2026-03-03, no reply from anyone else within 7 days; closed 2026-03-04");
  tws_assert_row (unanswered, 1, "review", CR_REPO "#4",
                  "objection by Dee on 2026-03-02, no reply from anyone else within 7 days; closed 2026-03-03");
  tws_assert_row (unanswered, 2, "review", CR_REPO "#3",
                  "objection by Cy on 2026-03-02, no reply from anyone else within 7 days; merged 2026-03-03");
  tws_assert_row (unanswered, 3, "comment", CR_REPO "#5", "objection by Bo on 2026-03-02, answered after 1.0 h");
  tws_assert_row (unanswered, 4, "review", CR_REPO "#1", "objection by Bo on 2026-03-02, answered after 1.0 h");

  g_assert_cmpuint (voice->len, ==, 5);
  tws_assert_row (voice, 0, "person", "Cy", "4 reviews or comments, 1 commit");
  tws_assert_row (voice, 4, "person", "Fay", "1 commit, no review or discussion comment");
  g_assert_cmpuint (silent->len, ==, 5);
  tws_assert_row (silent, 0, "person", "Fay", "1 commit, no review or discussion comment");
  g_assert_cmpuint (fading->len, ==, 0);
}

/* Sixteen weeks: A stops speaking but keeps committing (fading), B keeps
 * speaking, C never spoke (not assessed), D stops both (not fading). */
static void
test_ds_fading (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  UcTime start = uc_week_start (202601);

  for (guint i = 0; i < 4; i++)
    {
      static const char *const people[] = { "A", "B", "C", "D" };

      tws_roster (ws, people[i], "Atlas", 0, 0);
    }
  for (guint w = 0; w < 16; w++)
    {
      UcTime t = start + w * WEEK + DAY;

      tws_commit (ws, "A", t);
      tws_commit (ws, "B", t);
      tws_commit (ws, "C", t);
      if (w < 12 || w == 15)
        tws_commit (ws, "D", t);
      if (w < 12)
        {
          g_free (tws_message (ws, "general", "A", t + HOUR, NULL));
          g_free (tws_message (ws, "general", "D", t + HOUR, NULL));
        }
      g_free (tws_message (ws, "general", "B", t + HOUR, NULL));
    }
  analysis = tws_analyze (ws);

  tws_assert_value (analysis, "Atlas", "DS.fading", 202616, 1.0 / 3.0, 3);
  tws_assert_no_data (analysis, "Atlas", "DS.fading", 202615);
  /* Only B spoke in the last 4 weeks: A, C and D are silent. */
  tws_assert_value (analysis, "Atlas", "DS.silent", 202616, 0.75, 4);

  rows = tws_evidence (analysis, ws, "Atlas", "DS.fading", 202616);
  tws_dump (rows);
  g_assert_cmpuint (rows->len, ==, 3);
  tws_assert_row (rows, 0, "person", "A",
                  "comments went from 1.0 to 0.0 a week (-100 %) while commits went from 1.0 to 1.0 a week");
}

/* Newcomers (under 90 days of history) wait twice as long for replies. */
static void
test_ds_newcomer_gap (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  UcTime start = uc_week_start (202601);
  UcTime q = uc_week_start (202616);
  TestItem x = { "ABC-1", "Story", "To Do", UC_STATUS_TODO, "V1", NULL, q, 0, FALSE };
  TestItem y = { "ABC-2", "Story", "To Do", UC_STATUS_TODO, "V1", NULL, q, 0, FALSE };
  TestItem z = { "ABC-3", "Story", "To Do", UC_STATUS_TODO, "V1", NULL, q, 0, FALSE };
  g_autofree char *root = NULL;
  UcId id;

  tws_roster (ws, "V1", "Atlas", 0, 0);
  tws_roster (ws, "V2", "Atlas", 0, 0);
  tws_roster (ws, "N", "Atlas", 0, 0);
  tws_commit (ws, "V1", start);
  tws_commit (ws, "V2", start);
  tws_commit (ws, "N", q - 10 * DAY);

  id = tws_item (ws, &x);
  tws_item_comment (ws, id, "V1", q + HOUR, FALSE);
  tws_item_comment (ws, id, "V2", q + 3 * HOUR, FALSE);        /* 2 h */
  id = tws_item (ws, &y);
  tws_item_comment (ws, id, "V2", q + DAY, FALSE);
  tws_item_comment (ws, id, "V1", q + DAY + 4 * HOUR, FALSE);  /* 4 h */
  id = tws_item (ws, &z);
  tws_item_comment (ws, id, "N", q + 2 * DAY, FALSE);
  tws_item_comment (ws, id, "V1", q + 2 * DAY + 9 * HOUR, FALSE);  /* 9 h */
  root = tws_message (ws, "general", "N", q + 3 * DAY, NULL);
  g_free (tws_message (ws, "general", "V2", q + 3 * DAY + 3 * HOUR, root));  /* 3 h */
  analysis = tws_analyze (ws);

  /* Newcomer median 6 h, everyone else 3 h. */
  tws_assert_value (analysis, "Atlas", "DS.newcomer_gap", 202616, 2.0, 4);

  rows = tws_evidence (analysis, ws, "Atlas", "DS.newcomer_gap", 202616);
  tws_dump (rows);
  g_assert_cmpuint (rows->len, ==, 4);
  tws_assert_row (rows, 0, "message", "slack:general", "message by a newcomer, N, first reply after 3.0 h");
  tws_assert_row (rows, 1, "comment", "ABC-3", "comment by a newcomer, N, first reply after 9.0 h");
  tws_assert_row (rows, 2, "comment", "ABC-2", "comment by V2, first reply after 4.0 h");
}

/* Otto, on no team, objects to Ann's CR; nobody answers and it is
 * merged: an unanswered objection of Atlas. */
static void
test_ds_outsider (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  UcTime t = uc_week_start (W);
  UcId cr;

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_commit (ws, "Ann", t);
  tws_commit (ws, "Ann", t + 3 * WEEK);
  cr = cr_ended (ws, "1", "Ann", "merged", t, t + 2 * DAY);
  tws_cr_comment (ws, cr, "Otto", t + DAY, TRUE);
  analysis = tws_analyze (ws);

  tws_assert_value (analysis, "Atlas", "DS.unanswered", W, 1.0, 1);
  rows = tws_evidence (analysis, ws, "Atlas", "DS.unanswered", W);
  tws_assert_row (rows, 0, "comment", CR_REPO "#1",
                  "objection by Otto on 2026-03-03, no reply from anyone else within 7 days; merged 2026-03-04");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signals/ds/values", test_ds_values);
  g_test_add_func ("/signals/ds/evidence", test_ds_evidence);
  g_test_add_func ("/signals/ds/fading", test_ds_fading);
  g_test_add_func ("/signals/ds/newcomer-gap", test_ds_newcomer_gap);
  g_test_add_func ("/signals/ds/outsider", test_ds_outsider);

  return g_test_run ();
}
