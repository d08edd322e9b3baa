/* test-signals-wv.c: Workflow volatility (SIGNALS.md §3, 12-week
 * windows) on hand-built workspaces with answers worked out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-test-records.h"

#define FIRST 202601     /* starts Monday 2025-12-29 */
#define LAST  202612     /* the 12th week */

static UcTime
week (guint index)
{
  return uc_week_start (FIRST) + (UcTime) index * WEEK;
}

static UcId
add_item (TestWs     *ws,
          const char *key,
          const char *type,
          UcTime      created)
{
  TestItem item = { key, type, "To Do", UC_STATUS_TODO, "Ann", "Ann", created, 0, FALSE };

  return tws_item (ws, &item);
}

/* Completions 2, 0, 2, 0… over twelve weeks (one merged CR and one item
 * done in each even week); a question closed and an agent's CR merged in
 * the odd weeks do not count. Quinn's team only commits. */
static TestWs *
build_throughput (void)
{
  TestWs *ws = tws_new ();

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_roster (ws, "Quinn", "Quiet", 0, 0);
  tws_identity (ws, "bot");
  tws_agent (ws, "bot");
  tws_commit (ws, "Ann", week (0));
  tws_commit (ws, "Quinn", week (0));
  tws_commit (ws, "Ann", week (11) + DAY);
  for (guint w = 0; w < 12; w++)
    {
      g_autofree char *number = g_strdup_printf ("%u", w + 1);
      g_autofree char *key = g_strdup_printf ("ABC-%u", w + 1);
      UcTime t = week (w) + 2 * DAY;
      UcId item;

      if (w % 2 == 0)
        {
          TestCr cr = { number, "Ann", "merged", t - DAY, t, "Ann", 10, -1, 0 };

          tws_cr (ws, &cr);
          item = add_item (ws, key, "Story", t - DAY);
          tws_status (ws, item, "Ann", t, UC_STATUS_TODO, UC_STATUS_DONE, NULL);
        }
      else
        {
          TestCr cr = { number, "bot", "merged", t - DAY, t, "bot", 10, -1, 0 };

          tws_cr (ws, &cr);
          item = add_item (ws, key, "Question", t - DAY);
          tws_status (ws, item, "Ann", t, UC_STATUS_TODO, UC_STATUS_DONE, NULL);
        }
    }
  return ws;
}

static void
test_wv_throughput (void)
{
  g_autoptr(TestWs) ws = build_throughput ();
  g_autoptr(UcAnalysis) analysis = tws_analyze (ws);
  g_autoptr(GPtrArray) rows = NULL;
  static const char *const ids[] = { "WV.throughput_cv", "WV.backflow", "WV.cycle_spread", "WV.wip_cv" };

  /* Mean 1, population standard deviation 1. */
  tws_assert_value (analysis, "Atlas", "WV.throughput_cv", LAST, 1.0, 12);
  /* Eleven weeks of data only: no data. */
  tws_assert_no_data (analysis, "Atlas", "WV.throughput_cv", 202611);
  /* Quinn's team never completes anything. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    tws_assert_no_data (analysis, "Quiet", ids[i], LAST);

  rows = tws_evidence (analysis, ws, "Atlas", "WV.throughput_cv", LAST);
  g_assert_cmpuint (rows->len, ==, 12 + 12);
  tws_assert_row (rows, 0, "week", "2026-W12", "0 completions");
  tws_assert_row (rows, 1, "week", "2026-W11", "2 completions");
  /* The newest completions: ABC-11 and #11, at the same time. */
  tws_assert_row (rows, 12, "work_item", "ABC-11", "moved to done 2026-03-11");
  tws_assert_row (rows, 13, "change_request", CR_REPO "#11", "merged 2026-03-11");
}

/* Flow: ABC-1 goes todo → doing → done → doing (back) → done, with a
 * move inside doing that is not flow; ABC-2 todo → doing → todo (back);
 * five more items take 1, 2, 3, 4 and 10 days from doing to done, ABC-1
 * five. */
static void
test_wv_flow (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) backflow = NULL;
  g_autoptr(GPtrArray) cycle = NULL;
  UcTime t = week (5);
  UcId item;
  static const int cycles[] = { 1, 2, 3, 4, 10 };

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_commit (ws, "Ann", week (0));
  tws_commit (ws, "Ann", week (11) + DAY);

  item = add_item (ws, "ABC-1", "Story", t - DAY);
  tws_status (ws, item, "Ann", t, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
  tws_status (ws, item, "Ann", t + DAY, UC_STATUS_DOING, UC_STATUS_DOING, "In Review");
  tws_status (ws, item, "Ann", t + 2 * DAY, UC_STATUS_DOING, UC_STATUS_DONE, NULL);
  tws_status (ws, item, "Ann", t + 3 * DAY, UC_STATUS_DONE, UC_STATUS_DOING, NULL);
  tws_status (ws, item, "Ann", t + 5 * DAY, UC_STATUS_DOING, UC_STATUS_DONE, NULL);

  item = add_item (ws, "ABC-2", "Story", t - DAY);
  tws_status (ws, item, "Bo", t + DAY, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
  tws_status (ws, item, "Ann", t + 4 * DAY, UC_STATUS_DOING, UC_STATUS_TODO, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cycles); i++)
    {
      g_autofree char *key = g_strdup_printf ("ABC-%u", i + 3);

      item = add_item (ws, key, "Story", t - DAY);
      tws_status (ws, item, "Ann", t, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
      tws_status (ws, item, "Ann", t + cycles[i] * DAY, UC_STATUS_DOING, UC_STATUS_DONE, NULL);
    }
  analysis = tws_analyze (ws);

  /* 16 moves between categories, 2 backwards. */
  tws_assert_value (analysis, "Atlas", "WV.backflow", LAST, 2.0 / 16.0, 16);
  /* Days 1 2 3 4 5 10: p50 3.5, p85 5 + 0.25 · 5 = 6.25. */
  tws_assert_value (analysis, "Atlas", "WV.cycle_spread", LAST, 6.25 / 3.5, 6);

  backflow = tws_evidence (analysis, ws, "Atlas", "WV.backflow", LAST);
  tws_dump (backflow);
  g_assert_cmpuint (backflow->len, ==, 16);
  tws_assert_row (backflow, 0, "status_change", "ABC-2", "moved back from doing to todo on 2026-02-06 by Ann");
  tws_assert_row (backflow, 1, "status_change", "ABC-1", "moved back from done to doing on 2026-02-05 by Ann");

  cycle = tws_evidence (analysis, ws, "Atlas", "WV.cycle_spread", LAST);
  tws_dump (cycle);
  g_assert_cmpuint (cycle->len, ==, 6);
  tws_assert_row (cycle, 0, "work_item", "ABC-7", "cycle time 10 days (2026-02-02 → 2026-02-12), above the 85th percentile");
  tws_assert_row (cycle, 1, "work_item", "ABC-1", "cycle time 5.0 days (2026-02-02 → 2026-02-07)");
}

/* One CR open for the first 42 days of the window, nothing else: daily
 * WIP 1 × 42 then 0 × 42, a coefficient of variation of 1. */
static void
test_wv_wip (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  TestCr cr = { "1", "Ann", "merged", week (0) - HOUR, week (0) + 42 * DAY, "Ann", 10, -1, 0 };

  tws_roster (ws, "Ann", "Atlas", 0, 0);
  tws_commit (ws, "Ann", week (0));
  tws_commit (ws, "Ann", week (11) + DAY);
  tws_cr (ws, &cr);
  analysis = tws_analyze (ws);

  tws_assert_value (analysis, "Atlas", "WV.wip_cv", LAST, 1.0, 1);
  /* One completion in twelve weeks. */
  tws_assert_value (analysis, "Atlas", "WV.throughput_cv", LAST, sqrt (11.0), 1);

  rows = tws_evidence (analysis, ws, "Atlas", "WV.wip_cv", LAST);
  tws_dump (rows);
  g_assert_cmpuint (rows->len, ==, 13);
  tws_assert_row (rows, 0, "week", "2026-W12", "work in progress 0 to 0 a day");
  tws_assert_row (rows, 6, "week", "2026-W06", "work in progress 1 to 1 a day");
  tws_assert_row (rows, 12, "change_request", CR_REPO "#1", "open change request 2025-12-28 → 2026-02-09");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signals/wv/throughput", test_wv_throughput);
  g_test_add_func ("/signals/wv/flow", test_wv_flow);
  g_test_add_func ("/signals/wv/wip", test_wv_wip);

  return g_test_run ();
}
