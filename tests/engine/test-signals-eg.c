/* test-signals-eg.c: Execution gap (SIGNALS.md §6) on hand-built
 * workspaces with answers worked out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-test-records.h"

#define W 202610     /* 2026-03-02 … 03-08 */

static UcId
add_item (TestWs     *ws,
          const char *key,
          const char *type,
          int         category,
          UcTime      created,
          UcTime      resolved)
{
  TestItem item = { key, type, tws_category_status (category), category, "Ann", "Ann",
                    created, resolved, FALSE };

  return tws_item (ws, &item);
}

static UcId
done_item (TestWs     *ws,
           const char *key,
           const char *type,
           UcTime      done,
           const char *status)
{
  UcId item = add_item (ws, key, type, UC_STATUS_DONE, done - 2 * DAY, 0);

  tws_status (ws, item, "Ann", done, UC_STATUS_DOING, UC_STATUS_DONE, status);
  return item;
}

static UcId
merged_cr (TestWs     *ws,
           const char *number,
           const char *author,
           UcTime      merged)
{
  TestCr cr = { number, author, "merged", merged - DAY, merged, author, 10, -1, 0 };

  return tws_cr (ws, &cr);
}

/* Atlas (Ann, Bo) works with CRs and a tracker; Borealis (Fay, Gus)
 * only commits.
 *   ABC-1 done a day after its linked commit (+1 day);
 *   ABC-2 done with no link: unbacked;
 *   ABC-3 a question, ABC-4 won't do: left out;
 *   ABC-5 done 3 days before its linked CR #1 merged (−3);
 *   ABC-6 done without changelog or link: unbacked;
 *   ABC-7 done 2 days after #2 merged (+2);
 *   ABC-8 done 5 days before #3 merged (−5);
 *   #4 names no item: invisible. */
static TestWs *
build_main (void)
{
  TestWs *ws = tws_new ();
  UcTime t = uc_week_start (W);
  UcId commit;

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_roster (ws, "Bo", "Atlas", 0, 0);
  tws_roster (ws, "Fay", "Borealis", 0, 0);
  tws_roster (ws, "Gus", "Borealis", 0, 0);

  commit = tws_commit (ws, "Ann", t);
  tws_link (ws, commit, 0, "ABC-1");
  tws_commit (ws, "Bo", t);
  commit = tws_commit (ws, "Fay", t);
  tws_link (ws, commit, 0, "XYZ-9");     /* a key of an item not in the workspace */
  tws_commit (ws, "Fay", t + HOUR);
  tws_commit (ws, "Gus", t + HOUR);

  tws_link (ws, 0, merged_cr (ws, "1", "Ann", t + 5 * DAY), "ABC-5");
  tws_link (ws, 0, merged_cr (ws, "2", "Bo", t), "ABC-7");
  tws_link (ws, 0, merged_cr (ws, "3", "Ann", t + 6 * DAY), "ABC-8");
  merged_cr (ws, "4", "Bo", t + DAY);

  done_item (ws, "ABC-1", "Story", t + DAY, NULL);
  done_item (ws, "ABC-2", "Story", t + DAY, NULL);
  done_item (ws, "ABC-3", "Question", t + DAY, NULL);
  done_item (ws, "ABC-4", "Story", t + DAY, "Won't Do");
  done_item (ws, "ABC-5", "Story", t + 2 * DAY, NULL);
  add_item (ws, "ABC-6", "Story", UC_STATUS_DONE, t, t + 3 * DAY);
  done_item (ws, "ABC-7", "Story", t + 2 * DAY, NULL);
  done_item (ws, "ABC-8", "Story", t + DAY, NULL);
  /* The data ends 6 weeks later: every reopening is decided. */
  tws_commit (ws, "Ann", t + 6 * WEEK);
  return ws;
}

static void
test_eg_values (void)
{
  g_autoptr(TestWs) ws = build_main ();
  g_autoptr(UcAnalysis) analysis = tws_analyze (ws);
  const UcSignalValue *lag;

  /* ABC-2 and ABC-6 of ABC-1, -2, -5, -6, -7, -8. */
  tws_assert_value (analysis, "Atlas", "EG.unbacked_done", W, 2.0 / 6.0, 6);
  /* #4 of #1–#4. */
  tws_assert_value (analysis, "Atlas", "EG.invisible", W, 0.25, 4);
  /* Borealis has no CR: its commits, one naming a key. */
  tws_assert_value (analysis, "Borealis", "EG.invisible", W, 2.0 / 3.0, 3);
  /* Days: +1, −3, +2, −5 → median −1, scored on |−1| = the healthy bound. */
  tws_assert_value (analysis, "Atlas", "EG.status_lag", W, -1.0, 4);
  lag = tws_value (analysis, "Atlas", "EG.status_lag", W);
  g_assert_cmpfloat (lag->score, ==, 0.0);
  /* Nothing reopened, all decided: 0 of 8. */
  tws_assert_value (analysis, "Atlas", "EG.reopened", W, 0.0, 8);
  /* Nothing in doing. */
  tws_assert_no_data (analysis, "Atlas", "EG.zombie", W);
  tws_assert_no_data (analysis, "Borealis", "EG.unbacked_done", W);
}

static void
test_eg_evidence (void)
{
  g_autoptr(TestWs) ws = build_main ();
  g_autoptr(UcAnalysis) analysis = tws_analyze (ws);
  g_autoptr(GPtrArray) unbacked = tws_evidence (analysis, ws, "Atlas", "EG.unbacked_done", W);
  g_autoptr(GPtrArray) lag = tws_evidence (analysis, ws, "Atlas", "EG.status_lag", W);
  g_autoptr(GPtrArray) invisible = tws_evidence (analysis, ws, "Atlas", "EG.invisible", W);
  g_autoptr(GPtrArray) commits = tws_evidence (analysis, ws, "Borealis", "EG.invisible", W);

  tws_dump (unbacked);
  g_assert_cmpuint (unbacked->len, ==, 6);
  tws_assert_row (unbacked, 0, "work_item", "ABC-6",
                  "moved to done 2026-03-05 by Ann, no linked commit or change request");
  tws_assert_row (unbacked, 1, "work_item", "ABC-2",
                  "moved to done 2026-03-03 by Ann, no linked commit or change request");
  tws_assert_row (unbacked, 2, "work_item", NULL, "1 linked change request");

  tws_dump (lag);
  g_assert_cmpuint (lag->len, ==, 4);
  tws_assert_row (lag, 0, "work_item", "ABC-8",
                  "done 2026-03-03, 5.0 days before its last linked merge (2026-03-08)");
  tws_assert_row (lag, 1, "work_item", "ABC-5",
                  "done 2026-03-04, 3.0 days before its last linked merge (2026-03-07)");
  tws_assert_row (lag, 2, "work_item", "ABC-7", "done 2026-03-04, 2.0 days after its last linked merge");
  tws_assert_row (lag, 3, "work_item", "ABC-1", "done 2026-03-03, 24.0 h after its last linked commit");

  g_assert_cmpuint (invisible->len, ==, 4);
  tws_assert_row (invisible, 0, "change_request", CR_REPO "#4",
                  "merged 2026-03-03, names no item in its title, body or branch");
  tws_assert_row (invisible, 1, "change_request", CR_REPO "#3", "names 1 item");

  g_assert_cmpuint (commits->len, ==, 3);
  tws_assert_row (commits, 0, "commit", NULL, "names no item in its message");
  tws_assert_row (commits, 2, "commit", NULL, "by Fay, names 1 item");
}

/* Items in doing at the week's end (Monday 2026-03-09 00:00). */
static void
test_eg_zombie (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  UcTime end = uc_week_start (W) + WEEK;
  UcId item, commit;

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_commit (ws, "Ann", end - HOUR);

  /* 23 days in doing, its last commit 20 days ago: a zombie. */
  item = add_item (ws, "ABC-1", "Story", UC_STATUS_DOING, end - 30 * DAY, 0);
  tws_status (ws, item, "Ann", end - 23 * DAY, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
  commit = tws_commit (ws, "Ann", end - 20 * DAY);
  tws_link (ws, commit, 0, "ABC-1");
  /* 30 days, but a commit 3 days ago. */
  item = add_item (ws, "ABC-2", "Story", UC_STATUS_DOING, end - 40 * DAY, 0);
  tws_status (ws, item, "Ann", end - 30 * DAY, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
  commit = tws_commit (ws, "Ann", end - 3 * DAY);
  tws_link (ws, commit, 0, "ABC-2");
  /* 5 days only. */
  item = add_item (ws, "ABC-3", "Story", UC_STATUS_DOING, end - 10 * DAY, 0);
  tws_status (ws, item, "Ann", end - 5 * DAY, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
  /* 20 days, never linked: a zombie. */
  item = add_item (ws, "ABC-4", "Story", UC_STATUS_DOING, end - 25 * DAY, 0);
  tws_status (ws, item, "Ann", end - 20 * DAY, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
  /* Done before the week's end: not in doing. */
  item = add_item (ws, "ABC-5", "Story", UC_STATUS_DONE, end - 40 * DAY, 0);
  tws_status (ws, item, "Ann", end - 30 * DAY, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
  tws_status (ws, item, "Ann", end - 2 * DAY, UC_STATUS_DOING, UC_STATUS_DONE, NULL);
  analysis = tws_analyze (ws);

  tws_assert_value (analysis, "Atlas", "EG.zombie", W, 0.5, 4);
  /* A week earlier: ABC-1 (16 days, a commit 13 days before) is not a
   * zombie, ABC-2 (23 days, its commit still to come) and ABC-5 (23
   * days, never linked) are, ABC-4 (13 days) is not; ABC-3 is not in
   * doing yet. */
  tws_assert_value (analysis, "Atlas", "EG.zombie", 202609, 0.5, 4);

  rows = tws_evidence (analysis, ws, "Atlas", "EG.zombie", W);
  tws_dump (rows);
  g_assert_cmpuint (rows->len, ==, 4);
  tws_assert_row (rows, 0, "work_item", "ABC-1", "in doing 23 days, no linked code activity since 2026-02-17");
  tws_assert_row (rows, 1, "work_item", "ABC-4", "in doing 20 days, no linked commit or change request at all");
  tws_assert_row (rows, 2, "work_item", "ABC-2", "in doing 30 days, linked code activity on 2026-03-06");
  tws_assert_row (rows, 3, "work_item", "ABC-3", "in doing 5.0 days");
}

/* Reopenings within 28 days, each item once per window. */
static void
test_eg_reopened (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  UcTime t = uc_week_start (W);
  UcId item;

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_commit (ws, "Ann", t);
  tws_commit (ws, "Ann", t + 6 * WEEK);     /* the data ends 6 weeks later */

  item = done_item (ws, "ABC-1", "Story", t + DAY, NULL);
  tws_status (ws, item, "Ann", t + 5 * DAY, UC_STATUS_DONE, UC_STATUS_DOING, NULL);
  done_item (ws, "ABC-2", "Story", t + DAY, NULL);
  item = done_item (ws, "ABC-3", "Story", t + DAY, NULL);
  tws_status (ws, item, "Ann", t + 31 * DAY, UC_STATUS_DONE, UC_STATUS_DOING, NULL);
  item = done_item (ws, "ABC-4", "Story", t + 2 * DAY, NULL);
  tws_status (ws, item, "Ann", t + 3 * DAY, UC_STATUS_DONE, UC_STATUS_DOING, NULL);
  tws_status (ws, item, "Ann", t + 4 * DAY, UC_STATUS_DOING, UC_STATUS_DONE, NULL);
  /* Done 10 days before the end of the data: undecided. */
  done_item (ws, "ABC-5", "Story", t + 6 * WEEK - 10 * DAY, NULL);
  analysis = tws_analyze (ws);

  tws_assert_value (analysis, "Atlas", "EG.reopened", W, 0.5, 4);
  tws_assert_no_data (analysis, "Atlas", "EG.reopened", 202615);

  rows = tws_evidence (analysis, ws, "Atlas", "EG.reopened", W);
  tws_dump (rows);
  g_assert_cmpuint (rows->len, ==, 4);
  tws_assert_row (rows, 0, "work_item", "ABC-4", "done 2026-03-04, reopened 2026-03-05 by Ann (24.0 h later)");
  tws_assert_row (rows, 1, "work_item", "ABC-1", "done 2026-03-03, reopened 2026-03-07 by Ann (4.0 days later)");
  tws_assert_row (rows, 2, "work_item", NULL, "not reopened within 28 days");
}

/* Links resolved from keys: a bare "#12" from the git repository "app"
 * names the item "org/app#12"; "abc-9" names "ABC-9"; "#10" names nothing
 * in the workspace. Status changes imported without categories go
 * through the default status map. */
static void
test_eg_links (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  UcTime t = uc_week_start (W);
  static const char *const keys[] = { "org/app#12", "ABC-9", "ABC-10" };
  UcId commit;

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      UcId item = add_item (ws, keys[i], "Story", -1, t, 0);

      tws_status (ws, item, "Ann", t + DAY, -1, -1, "In Progress");
      tws_status (ws, item, "Ann", t + 2 * DAY, -1, -1, "Done");
    }
  commit = tws_commit (ws, "Ann", t);
  tws_link (ws, commit, 0, "#12");
  commit = tws_commit (ws, "Ann", t);
  tws_link (ws, commit, 0, "#10");
  tws_link (ws, 0, merged_cr (ws, "1", "Ann", t + HOUR), "abc-9");
  tws_commit (ws, "Ann", t + 6 * WEEK);     /* reopenings decided */
  analysis = tws_analyze (ws);

  tws_assert_value (analysis, "Atlas", "EG.unbacked_done", W, 1.0 / 3.0, 3);
  /* "In Progress" → "Done": forward moves, nothing back. */
  tws_assert_value (analysis, "Atlas", "EG.reopened", W, 0.0, 3);
  rows = tws_evidence (analysis, ws, "Atlas", "EG.unbacked_done", W);
  tws_dump (rows);
  tws_assert_row (rows, 0, "work_item", "ABC-10", "no linked commit or change request");
  tws_assert_row (rows, 1, "work_item", "ABC-9", "0 linked commits, 1 linked change request");
  tws_assert_row (rows, 2, "work_item", "org/app#12", "1 linked commit, 0 linked change requests");
}

/* Git only, no tracker: nothing says whether work is tracked. */
static void
test_eg_no_tracker (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  static const char *const ids[] = { "EG.unbacked_done", "EG.zombie", "EG.invisible",
                                     "EG.reopened", "EG.status_lag" };

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_commit (ws, "Ann", uc_week_start (W));
  analysis = tws_analyze (ws);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    tws_assert_no_data (analysis, "Atlas", ids[i], W);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signals/eg/values", test_eg_values);
  g_test_add_func ("/signals/eg/evidence", test_eg_evidence);
  g_test_add_func ("/signals/eg/zombie", test_eg_zombie);
  g_test_add_func ("/signals/eg/reopened", test_eg_reopened);
  g_test_add_func ("/signals/eg/links", test_eg_links);
  g_test_add_func ("/signals/eg/no-tracker", test_eg_no_tracker);

  return g_test_run ();
}
