/* test-signals-hd.c: the Human Debt family on small workspaces with
 * answers worked out by hand: local time across midnight, week ends and
 * DST, work in progress, context switching, overload, fading, people
 * changing teams, a team of agents only and a single member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-analysis-config.h"
#include "uc-test-commits.h"

/* 2025-W12 starts on Monday 2025-03-17; Europe's DST began on Sunday
 * 2025-03-30, in W13. */
#define BASE 202512

static UcTime
lt (int week,
    int day,
    int hour,
    int minute,
    int tz)
{
  return tc_local (BASE, week, day, hour, minute, tz);
}

static void
commit_at (TestWs     *ws,
           const char *author,
           UcTime      time,
           int         tz,
           guint       flags)
{
  TestCommit c = { author, time, tz, "M:src/main.c:2", NULL, flags, NULL };

  tc_commit (ws, &c);
}

/* ---- after hours ---- */

/* Every event of W12–W15 with its local time; the comments use the
 * person's most frequent offset. */
static TestWs *
after_hours_workspace (void)
{
  TestWs *ws = tws_new ();
  TestCr cr = { "1", "carol", "open", lt (0, 0, 9, 0, 60), 0, NULL, 20, -1, 0 };
  UcId cr_id;

  /* Ann: +01:00 in winter, +02:00 from the DST switch (4 commits at +60,
   * 3 at +120: her usual offset is +60). */
  commit_at (ws, "ann", lt (0, 4, 23, 30, 60), 60, 0);     /* Fri 23:30 local: out */
  commit_at (ws, "ann", lt (0, 3, 18, 30, 60), 60, 0);     /* Thu 18:30 local (17:30 UTC): in */
  commit_at (ws, "ann", lt (1, 0, 0, 30, 60), 60, 0);      /* Mon 00:30 local, still Sunday in UTC W12: out */
  commit_at (ws, "ann", lt (1, 5, 0, 30, 60), 60, 0);      /* Sat 00:30 local, Friday 23:30 UTC: out */
  commit_at (ws, "ann", lt (2, 1, 10, 0, 120), 120, 0);    /* Tue 10:00 local: in */
  commit_at (ws, "ann", lt (2, 2, 18, 30, 120), 120, 0);   /* Wed 18:30 local: in */
  commit_at (ws, "ann", lt (2, 3, 19, 30, 120), 120, 0);   /* Thu 19:30 local, 17:30 UTC: out */

  /* Bob at −05:00: the bounds of the working day. */
  commit_at (ws, "bob", lt (1, 4, 22, 30, -300), -300, 0);  /* Fri 22:30 local, Saturday in UTC: out */
  commit_at (ws, "bob", lt (1, 0, 9, 0, -300), -300, 0);    /* in */
  commit_at (ws, "bob", lt (1, 1, 7, 59, -300), -300, 0);   /* before 08:00: out */
  commit_at (ws, "bob", lt (1, 1, 8, 0, -300), -300, 0);    /* 08:00 is in */
  commit_at (ws, "bob", lt (1, 2, 19, 0, -300), -300, 0);   /* 19:00 is out */
  commit_at (ws, "bob", lt (1, 2, 18, 59, -300), -300, 0);  /* in */
  commit_at (ws, "bob", lt (3, 5, 10, 0, -300), -300, TC_MERGE);  /* a merge on Saturday: out */

  /* Carol: one commit at +01:00, one at −01:00: her usual offset is the
   * smaller, −01:00. */
  commit_at (ws, "carol", lt (3, 0, 10, 0, 60), 60, 0);    /* in */
  commit_at (ws, "carol", lt (3, 0, 10, 0, -60), -60, 0);  /* in */

  /* An agent at night: not a human measure. */
  commit_at (ws, "bot", lt (3, 5, 3, 0, 0), 0, 0);
  tws_agent (ws, "bot");

  cr_id = tws_cr (ws, &cr);
  /* Wed 17:30 UTC: 18:30 at Ann's usual +01:00: in. */
  tws_cr_comment (ws, cr_id, "ann", lt (3, 2, 17, 30, 0), FALSE);
  /* Thu 13:30 UTC: 08:30 at Bob's −05:00: in. */
  tws_review (ws, cr_id, "bob", UC_REVIEW_APPROVED, lt (3, 3, 13, 30, 0), 0, FALSE);
  /* Sunday noon at −05:00: out. */
  tws_cr_comment (ws, cr_id, "bob", lt (3, 6, 12, 0, -300), FALSE);
  /* Tue 07:30 UTC: 06:30 at Carol's −01:00: out. */
  tws_cr_comment (ws, cr_id, "carol", lt (3, 1, 7, 30, 0), FALSE);
  return ws;
}

static void
test_hd_after_hours (void)
{
  g_autoptr(TestWs) ws = after_hours_workspace ();
  g_autoptr(UcAnalysis) analysis = tc_analyse (ws, NULL);

  g_assert_cmpuint (uc_analysis_get_n_weeks (analysis), ==, 4);
  /* 20 events, 10 outside working hours. */
  tc_assert_value (analysis, GIT_REPO, "HD.after_hours", 3, 10.0 / 20.0, 20);
  /* W12 alone: Fri 23:30, Thu 18:30 and the Monday 00:30 that is still
   * Sunday in UTC. */
  tc_assert_value (analysis, GIT_REPO, "HD.after_hours", 0, 2.0 / 3.0, 3);
  /* W12–W13: W12's three, Ann's Saturday and Bob's six: 6 of 10. */
  tc_assert_value (analysis, GIT_REPO, "HD.after_hours", 1, 6.0 / 10.0, 10);
}

static void
test_hd_after_hours_options (void)
{
  g_autoptr(TestWs) ws = after_hours_workspace ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  UcAnalysisOptions options;
  int start, end;

  /* Working around the clock: only the weekend counts (Ann's Saturday,
   * Bob's Saturday merge and Sunday comment). */
  uc_analysis_options_init (&options);
  options.min_group_enabled = FALSE;
  g_assert_true (uc_analysis_options_set_working_hours (&options, 0, 24, &error));
  g_assert_no_error (error);
  analysis = tc_analyse (ws, &options);
  tc_assert_value (analysis, GIT_REPO, "HD.after_hours", 3, 3.0 / 20.0, 20);
  uc_analysis_get_working_hours (analysis, &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 24);
  g_clear_pointer (&analysis, uc_analysis_unref);

  /* 09:00–18:00: Ann's Thu 18:30 and Wed 18:30, Bob's 08:00 and 18:59,
   * Ann's comment at 18:30 and Bob's review at 08:30 move out. */
  g_assert_true (uc_analysis_options_set_working_hours (&options, 9, 18, &error));
  analysis = tc_analyse (ws, &options);
  tc_assert_value (analysis, GIT_REPO, "HD.after_hours", 3, 16.0 / 20.0, 20);
}

static void
test_hd_after_hours_evidence (void)
{
  g_autoptr(TestWs) ws = after_hours_workspace ();
  g_autoptr(UcAnalysis) analysis = tc_analyse (ws, NULL);
  g_autoptr(GPtrArray) rows = tc_evidence (analysis, ws, GIT_REPO, "HD.after_hours", 3);
  UcEvidence *first;

  g_assert_cmpuint (rows->len, ==, 20);
  g_assert_cmpuint (tc_count_facts (rows, "outside working hours"), ==, 10);
  /* Flagged rows first, newest first: Bob's Sunday comment. */
  first = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (first->kind, ==, "comment");
  g_assert_cmpstr (first->ref, ==, CR_REPO "#1");
  g_assert_nonnull (strstr (first->fact, "Sun 12:00"));
  g_assert_nonnull (strstr (first->fact, "UTC-05:00"));
  g_assert_cmpuint (tc_count_facts (rows, "Sat 00:30 local time (UTC+01:00)"), ==, 1);
  g_assert_cmpuint (tc_count_facts (rows, "Thu 19:30 local time (UTC+02:00)"), ==, 1);
}

/* Across midnight: at +02:00, Friday 23:30 is 21:30 UTC (a weekday,
 * after hours) and Saturday 00:30 is still Friday in UTC (the weekend
 * locally); at −03:00, Friday 22:30 is Saturday 01:30 UTC (a weekday
 * locally). At +02:00, Monday 01:00 is Sunday 23:00 UTC: it belongs to
 * the UTC week before. */
static void
test_hd_midnight (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  commit_at (ws, "ann", lt (0, 4, 23, 30, 120), 120, 0);
  commit_at (ws, "ann", lt (0, 5, 0, 30, 120), 120, 0);
  commit_at (ws, "ann", lt (0, 2, 11, 0, 120), 120, 0);
  commit_at (ws, "bob", lt (0, 4, 22, 30, -180), -180, 0);
  commit_at (ws, "bob", lt (0, 3, 12, 0, -180), -180, 0);
  commit_at (ws, "ann", lt (1, 0, 1, 0, 120), 120, 0);
  commit_at (ws, "ann", lt (1, 2, 11, 0, 120), 120, 0);
  analysis = tc_analyse (ws, NULL);

  g_assert_cmpuint (uc_analysis_get_n_weeks (analysis), ==, 2);
  /* Week 0: the three late ones and Monday's 01:00, out of 6. */
  tc_assert_value (analysis, GIT_REPO, "HD.after_hours", 0, 4.0 / 6.0, 6);
  rows = tc_evidence (analysis, ws, GIT_REPO, "HD.after_hours", 0);
  g_assert_cmpuint (tc_count_facts (rows, "at Fri 23:30 local time (UTC+02:00): outside"), ==, 1);
  g_assert_cmpuint (tc_count_facts (rows, "at Sat 00:30 local time (UTC+02:00): outside"), ==, 1);
  g_assert_cmpuint (tc_count_facts (rows, "at Fri 22:30 local time (UTC-03:00): outside"), ==, 1);
  g_assert_cmpuint (tc_count_facts (rows, "at Mon 01:00 local time (UTC+02:00): outside"), ==, 1);
  /* Week 1's window holds weeks 0 and 1: 7 events. */
  tc_assert_value (analysis, GIT_REPO, "HD.after_hours", 1, 4.0 / 7.0, 7);
}

/* ---- work in progress ---- */

static void
test_hd_wip (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  UcTime day0 = uc_week_start (BASE);
  TestCr cr1 = { "1", "ann", "open", day0 + HOUR, 0, NULL, 10, -1, 0 };
  TestCr cr2 = { "2", "ann", "open", day0 + 14 * DAY + HOUR, 0, NULL, 10, -1, 0 };
  TestCr cr3 = { "3", "bob", "merged", day0 + HOUR, day0 + 7 * DAY + HOUR, "ann", 10, -1, 0 };
  TestCr cr4 = { "4", "bot", "open", day0 + HOUR, 0, NULL, 10, -1, 0 };
  TestItem item1 = { "ABC-1", "Task", "Done", UC_STATUS_DONE, "ann", "ann", day0, day0 + 21 * DAY + HOUR, FALSE };
  TestItem item2 = { "ABC-2", "Task", "In Progress", UC_STATUS_DOING, "ann", NULL, day0, 0, FALSE };
  UcId i1, i2;

  tc_simple (ws, "ann", day0 + 2 * HOUR);
  tc_simple (ws, "bob", day0 + 2 * HOUR);
  tc_simple (ws, "bot", day0 + 2 * HOUR);
  tws_agent (ws, "bot");
  tws_cr (ws, &cr1);
  tws_cr (ws, &cr2);
  tws_cr (ws, &cr3);
  tws_cr (ws, &cr4);
  i1 = tws_item (ws, &item1);
  tws_status (ws, i1, "ann", day0 + 7 * DAY + HOUR, UC_STATUS_TODO, UC_STATUS_DOING, NULL);
  tws_status (ws, i1, "ann", day0 + 21 * DAY + HOUR, UC_STATUS_DOING, UC_STATUS_DONE, NULL);
  /* No assignee: Bob moved it into doing, so it is Bob's. */
  i2 = tws_item (ws, &item2);
  tws_status (ws, i2, "bob", day0 + 21 * DAY + HOUR, UC_STATUS_TODO, UC_STATUS_DOING, NULL);

  analysis = tc_analyse (ws, NULL);
  g_assert_cmpuint (uc_analysis_get_n_weeks (analysis), ==, 4);
  /* Days 0–27. Ann: CR 1 all 28 days, CR 2 days 14–27, the item days
   * 7–20: 56 / 28 = 2. Bob: CR 3 days 0–6, item 2 days 21–27: 14 / 28.
   * The agent's CR does not count. */
  tc_assert_value (analysis, GIT_REPO, "HD.wip", 3, (2.0 + 0.5) / 2, 2);
  /* Days 0–13: Ann 14 + 7 → 1.5; Bob 7 → 0.5. */
  tc_assert_value (analysis, GIT_REPO, "HD.wip", 1, (1.5 + 0.5) / 2, 2);
  /* Day 0–6: Ann 7 / 7, Bob 7 / 7. */
  tc_assert_value (analysis, GIT_REPO, "HD.wip", 0, 1.0, 2);

  {
    g_autoptr(GPtrArray) rows = tc_evidence (analysis, ws, GIT_REPO, "HD.wip", 3);

    g_assert_cmpuint (tc_count_facts (rows, "open on average over 28 days"), ==, 2);
    g_assert_cmpuint (tc_count_facts (rows, "2.0 open on average"), ==, 1);
    g_assert_cmpuint (tc_count_facts (rows, "change request, open since"), ==, 3);
    g_assert_cmpuint (tc_count_facts (rows, "item, in doing since"), ==, 2);
  }
}

/* ---- context switching ---- */

static void
test_hd_switching (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  UcTime day0 = uc_week_start (BASE);
  TestCommit commits[] = {
    /* Ann, week 0: src, docs (the lock file is not code) in app, core in
     * lib: 3 areas + 2 repositories. */
    { "ann", day0 + HOUR, 0, "M:src/a.c M:docs/b.md M:package-lock.json", NULL, 0, NULL },
    { "ann", day0 + 2 * HOUR, 0, "M:core/c.c", "lib", 0, NULL },
    /* Bob, week 0: a file at the root: 1 area + 1 repository. */
    { "bob", day0 + HOUR, 0, "M:README.md", NULL, 0, NULL },
    /* Week 1: Ann in src only, Carol in src; Carol's merge does not
     * count. */
    { "ann", day0 + WEEK + HOUR, 0, "M:src/x.c", NULL, 0, NULL },
    { "carol", day0 + WEEK + HOUR, 0, "M:src/y.c", NULL, 0, NULL },
    { "carol", day0 + WEEK + 2 * HOUR, 0, "M:src/y.c M:docs/z.md M:web/w.js", NULL, TC_MERGE, NULL },
    { "ann", day0 + WEEK + 3 * HOUR, 0, "M:src/x.c", NULL, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commits); i++)
    tc_commit (ws, &commits[i]);
  analysis = tc_analyse (ws, NULL);

  tc_assert_value (analysis, GIT_REPO, "HD.switching", 0, (5.0 + 2.0) / 2, 2);
  /* Person-weeks 5, 2, 2, 2. */
  tc_assert_value (analysis, GIT_REPO, "HD.switching", 1, 2.0, 4);
  {
    g_autoptr(GPtrArray) rows = tc_evidence (analysis, ws, GIT_REPO, "HD.switching", 1);

    g_assert_cmpuint (rows->len, ==, 4);
    g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 0))->ref, ==, "ann");
    g_assert_nonnull (strstr (((UcEvidence *) g_ptr_array_index (rows, 0))->fact,
                              "2025-W12: 5 areas and repositories"));
  }
}

/* ---- overload ---- */

static void
active_days (TestWs     *ws,
             const char *who,
             int         week,
             int         n_days)
{
  for (int d = 0; d < n_days; d++)
    commit_at (ws, who, lt (week, d, 12, 0, 0), 0, 0);
}

static void
test_hd_overload (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  const int bob_days[] = { 6, 6, 5, 6, 6, 1, 1, 1 };

  for (int w = 0; w < 8; w++)
    {
      active_days (ws, "ann", w, w < 3 ? 6 : 1);
      active_days (ws, "bob", w, bob_days[w]);
      active_days (ws, "carol", w, w < 3 ? 7 : 1);
      active_days (ws, "dan", w, 1);
    }
  /* Eve at −05:00 works evenings from Sunday: six local dates a week
   * (Sunday to Friday) but only five UTC dates (Monday to Friday). */
  for (int w = 1; w <= 3; w++)
    {
      commit_at (ws, "eve", lt (w - 1, 6, 22, 0, -300), -300, 0);
      for (int d = 0; d < 5; d++)
        commit_at (ws, "eve", lt (w, d, 10, 0, -300), -300, 0);
    }
  analysis = tc_analyse (ws, NULL);

  /* Weeks 0–3: Ann and Carol ran 3 weeks; Eve's 6 local days in weeks
   * 1–3 too. */
  tc_assert_value (analysis, GIT_REPO, "HD.overload", 3, 3.0 / 5.0, 5);
  /* Weeks 2–5: the runs still reach week 2 (Ann, Carol) and 3 (Eve). */
  tc_assert_value (analysis, GIT_REPO, "HD.overload", 5, 3.0 / 5.0, 5);
  /* Weeks 4–7: Eve is gone; Bob's best run is 2 weeks. */
  tc_assert_value (analysis, GIT_REPO, "HD.overload", 7, 0.0, 4);
  /* Week 2 alone: nobody has 3 weeks yet except those whose run ends
   * there (Ann, Carol). */
  tc_assert_value (analysis, GIT_REPO, "HD.overload", 2, 2.0 / 5.0, 5);

  {
    g_autoptr(GPtrArray) rows = tc_evidence (analysis, ws, GIT_REPO, "HD.overload", 3);

    g_assert_cmpuint (rows->len, ==, 5);
    g_assert_cmpuint (tc_count_facts (rows, "active days per week: 6, 6, 6, 1; 3 weeks in a row"), ==, 1);
    g_assert_cmpuint (tc_count_facts (rows, "active days per week: 0, 6, 6, 6; 3 weeks in a row"), ==, 1);
  }
}

/* ---- fading ---- */

static void
test_hd_fading (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  const char *const team[] = { "ann", "bob", "carol", "dan" };

  for (guint i = 0; i < G_N_ELEMENTS (team); i++)
    tws_roster (ws, team[i], "Atlas", 0, 0);
  for (int w = 0; w < 20; w++)
    {
      if (w < 16)
        commit_at (ws, "ann", lt (w, 1, 11, 0, 0), 0, 0);
      commit_at (ws, "bob", lt (w, 1, 11, 0, 0), 0, 0);
      commit_at (ws, "bob", lt (w, 2, 11, 0, 0), 0, 0);
      if (w < 16)
        {
          commit_at (ws, "carol", lt (w, 1, 12, 0, 0), 0, 0);
          commit_at (ws, "carol", lt (w, 2, 12, 0, 0), 0, 0);
        }
      else if (w == 17)
        {
          commit_at (ws, "carol", lt (w, 1, 12, 0, 0), 0, 0);
          commit_at (ws, "carol", lt (w, 2, 12, 0, 0), 0, 0);
        }
      if (w >= 14)
        commit_at (ws, "dan", lt (w, 3, 12, 0, 0), 0, 0);
    }
  analysis = tc_analyse (ws, NULL);

  /* Week 19: window 16–19, previous weeks 4–15. Ann 0 against 1 a week:
   * fading. Bob steady. Carol 0.5 a week against 2: fading (below 30 %).
   * Dan 1 a week against 2 in 12 weeks: more, not fading. */
  tc_assert_value (analysis, "Atlas", "HD.fading", 19, 2.0 / 4.0, 4);
  /* Week 14 is too early: 15 weeks of history are needed. */
  tc_assert_no_data (analysis, "Atlas", "HD.fading", 14);
  /* Week 15: window 12–15; Dan's previous weeks hold nothing yet. */
  tc_assert_value (analysis, "Atlas", "HD.fading", 15, 0.0, 3);

  {
    g_autoptr(GPtrArray) rows = tc_evidence (analysis, ws, "Atlas", "HD.fading", 19);

    g_assert_cmpuint (rows->len, ==, 4);
    g_assert_cmpstr (((UcEvidence *) g_ptr_array_index (rows, 0))->ref, ==, "ann");
    g_assert_nonnull (strstr (((UcEvidence *) g_ptr_array_index (rows, 0))->fact,
                              "0.0 events a week in the window against 1.0"));
  }
}

/* ---- teams ---- */

/* Ann moves from Atlas to Borealis on Wednesday of week 2: her events
 * count for the team she is on at their time, day by day for her work
 * in progress. */
static void
test_hd_team_change (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  UcTime move = lt (2, 2, 0, 0, 0);
  TestCr cr = { "1", "ann", "open", lt (0, 0, 1, 0, 0), 0, NULL, 10, -1, 0 };

  tws_roster (ws, "ann", "Atlas", 0, move);
  tws_roster (ws, "ann", "Borealis", move, 0);
  tws_roster (ws, "bob", "Atlas", 0, 0);
  tws_roster (ws, "carol", "Borealis", 0, 0);

  commit_at (ws, "ann", lt (0, 1, 21, 0, 0), 0, 0);   /* Atlas, out */
  commit_at (ws, "ann", lt (1, 1, 22, 0, 0), 0, 0);   /* Atlas, out */
  commit_at (ws, "ann", lt (2, 3, 10, 0, 0), 0, 0);   /* Borealis, in */
  commit_at (ws, "ann", lt (3, 3, 11, 0, 0), 0, 0);   /* Borealis, in */
  commit_at (ws, "bob", lt (0, 2, 10, 0, 0), 0, 0);   /* Atlas, in */
  commit_at (ws, "bob", lt (3, 2, 10, 0, 0), 0, 0);   /* Atlas, in */
  commit_at (ws, "carol", lt (1, 5, 10, 0, 0), 0, 0); /* Borealis, Saturday: out */
  commit_at (ws, "carol", lt (3, 6, 10, 0, 0), 0, 0); /* Borealis, Sunday: out */
  tws_cr (ws, &cr);

  analysis = tc_analyse (ws, NULL);
  tc_assert_value (analysis, "Atlas", "HD.after_hours", 3, 2.0 / 4.0, 4);
  tc_assert_value (analysis, "Borealis", "HD.after_hours", 3, 2.0 / 4.0, 4);
  /* Ann's open change request: days 0–15 on Atlas (the move is at the
   * start of day 16), days 16–27 on Borealis; one open item all along. */
  tc_assert_value (analysis, "Atlas", "HD.wip", 3, 1.0, 1);
  tc_assert_value (analysis, "Borealis", "HD.wip", 3, 1.0, 1);
  /* Week 1 (days 0–13) is all Atlas. */
  tc_assert_value (analysis, "Atlas", "HD.wip", 1, 1.0, 1);
  tc_assert_no_data (analysis, "Borealis", "HD.wip", 1);
}

/* A team whose only commits are an agent's has no human data; a team of
 * one is measured; a roster team without commits is not listed. */
static void
test_hd_empty_and_single (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  TestCommit bot = { "bot", lt (0, 5, 3, 0, 0), 0, "M:deps.lock", "bots", 0, NULL };

  tws_roster (ws, "zed", "Ghosts", 0, 0);
  tc_commit (ws, &bot);
  tws_agent (ws, "bot");
  commit_at (ws, "solo", lt (0, 2, 20, 0, 0), 0, 0);
  commit_at (ws, "solo", lt (0, 3, 10, 0, 0), 0, 0);

  analysis = tc_analyse (ws, NULL);
  g_assert_cmpint (uc_analysis_find_team (analysis, "Ghosts"), ==, -1);
  g_assert_cmpuint (uc_analysis_get_team (analysis, (guint) uc_analysis_find_team (analysis, "bots"))->n_members,
                    ==, 0);
  for (guint s = 0; s < UC_N_SIGNALS; s++)
    {
      const UcSignalDef *def = &uc_signal_defs (NULL)[s];

      if (def->family == UC_FAMILY_HD)
        tc_assert_no_data (analysis, "bots", def->id, 0);
    }
  g_assert_true (isnan (uc_analysis_get_family_score (analysis, (guint) uc_analysis_find_team (analysis, "bots"),
                                                      UC_FAMILY_HD, 0)));

  tc_assert_value (analysis, GIT_REPO, "HD.after_hours", 0, 0.5, 2);
  tc_assert_value (analysis, GIT_REPO, "HD.switching", 0, 2.0, 1);
  tc_assert_value (analysis, GIT_REPO, "HD.overload", 0, 0.0, 1);
  tc_assert_no_data (analysis, GIT_REPO, "HD.wip", 0);
  tc_assert_no_data (analysis, GIT_REPO, "HD.fading", 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signals/hd/after-hours", test_hd_after_hours);
  g_test_add_func ("/signals/hd/after-hours-options", test_hd_after_hours_options);
  g_test_add_func ("/signals/hd/after-hours-evidence", test_hd_after_hours_evidence);
  g_test_add_func ("/signals/hd/midnight", test_hd_midnight);
  g_test_add_func ("/signals/hd/wip", test_hd_wip);
  g_test_add_func ("/signals/hd/switching", test_hd_switching);
  g_test_add_func ("/signals/hd/overload", test_hd_overload);
  g_test_add_func ("/signals/hd/fading", test_hd_fading);
  g_test_add_func ("/signals/hd/team-change", test_hd_team_change);
  g_test_add_func ("/signals/hd/empty-and-single", test_hd_empty_and_single);
  return g_test_run ();
}
