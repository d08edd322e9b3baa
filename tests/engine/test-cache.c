/* test-cache.c: the analysis cache gives exactly the numbers of a full
 * analysis — after imports at the end and in the middle of the data,
 * changes and removals of records, roster changes, other settings — and
 * recomputes only from the first week that changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-analysis-cache.h"
#include "uc-analysis-config.h"
#include "uc-test-commits.h"
#include "uc-test-generator.h"

static void
assert_same_number (double a,
                    double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static char *
json_without_time (UcAnalysis *analysis)
{
  g_autoptr(JsonNode) root = uc_analysis_to_json (analysis, NULL, 0);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_object_remove_member (json_node_get_object (root), "generated_at");
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Everything an analysis tells, equal. */
static void
assert_same_analysis (UcAnalysis *a,
                      UcAnalysis *b)
{
  guint n_weeks = uc_analysis_get_n_weeks (a);
  g_autofree char *json_a = NULL;
  g_autofree char *json_b = NULL;

  g_assert_cmpuint (uc_analysis_get_n_weeks (b), ==, n_weeks);
  g_assert_cmpuint (uc_analysis_get_n_teams (b), ==, uc_analysis_get_n_teams (a));
  for (guint w = 0; w < n_weeks; w++)
    g_assert_cmpint (uc_analysis_get_week (a, w), ==, uc_analysis_get_week (b, w));
  for (guint t = 0; t < uc_analysis_get_n_teams (a); t++)
    {
      const UcTeamInfo *ta = uc_analysis_get_team (a, t);
      const UcTeamInfo *tb = uc_analysis_get_team (b, t);

      g_assert_cmpstr (ta->name, ==, tb->name);
      g_assert_cmpint (ta->team_id, ==, tb->team_id);
      g_assert_cmpuint (ta->n_members, ==, tb->n_members);
      g_assert_cmpuint (ta->n_agents, ==, tb->n_agents);
      g_assert_cmpmem (ta->person_ids->data, ta->person_ids->len * sizeof (UcId),
                       tb->person_ids->data, tb->person_ids->len * sizeof (UcId));
      for (guint w = 0; w < n_weeks; w++)
        {
          for (guint s = 0; s < UC_N_SIGNALS; s++)
            {
              const UcSignalValue *va = uc_analysis_get_value (a, t, s, w);
              const UcSignalValue *vb = uc_analysis_get_value (b, t, s, w);

              assert_same_number (va->value, vb->value);
              assert_same_number (va->score, vb->score);
              g_assert_cmpint (va->coverage, ==, vb->coverage);
            }
          for (guint f = 0; f < UC_N_FAMILIES; f++)
            assert_same_number (uc_analysis_get_family_score (a, t, f, w),
                                uc_analysis_get_family_score (b, t, f, w));
          assert_same_number (uc_analysis_get_activity (a, t, w), uc_analysis_get_activity (b, t, w));
        }
    }
  json_a = json_without_time (a);
  json_b = json_without_time (b);
  g_assert_cmpstr (json_a, ==, json_b);
}

static void
assert_same_evidence (UcAnalysis *a,
                      UcAnalysis *b,
                      UcStore    *store,
                      const char *signal,
                      guint       week)
{
  for (guint t = 0; t < uc_analysis_get_n_teams (a); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows_a = uc_analysis_get_evidence (a, store, t, signal, week, &error);
      g_autoptr(GPtrArray) rows_b = uc_analysis_get_evidence (b, store, t, signal, week, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (rows_a->len, ==, rows_b->len);
      for (guint i = 0; i < rows_a->len; i++)
        {
          const UcEvidence *x = g_ptr_array_index (rows_a, i);
          const UcEvidence *y = g_ptr_array_index (rows_b, i);

          g_assert_cmpstr (x->kind, ==, y->kind);
          g_assert_cmpint (x->kind_id, ==, y->kind_id);
          g_assert_cmpstr (x->ref, ==, y->ref);
          g_assert_cmpstr (x->fact, ==, y->fact);
          g_assert_cmpint (x->time, ==, y->time);
        }
    }
}

static UcAnalysis *
run_cached (UcStore                 *store,
            const UcAnalysisOptions *options,
            UcAnalysisOrigin         expected,
            guint                   *recomputed_from)
{
  g_autoptr(GError) error = NULL;
  UcAnalysis *analysis = uc_analysis_run_cached (store, options, NULL, NULL, NULL, &error);
  guint from;

  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  g_assert_cmpint (uc_analysis_get_origin (analysis, &from), ==, expected);
  if (recomputed_from != NULL)
    *recomputed_from = from;
  return analysis;
}

static UcAnalysis *
run_full (UcStore                 *store,
          const UcAnalysisOptions *options)
{
  g_autoptr(GError) error = NULL;
  UcAnalysis *analysis = uc_analysis_run (store, options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (uc_analysis_get_origin (analysis, NULL), ==, UC_ANALYSIS_COMPUTED);
  return analysis;
}

static TestWs *
generated_workspace (UcGenSize *size)
{
  TestWs *ws = tws_new ();
  g_autoptr(GError) error = NULL;

  uc_gen_size_small (size);
  g_assert_true (uc_store_commit (ws->store, &error));
  g_assert_true (uc_gen_workspace (ws->store, size, &error));
  g_assert_no_error (error);
  return ws;
}

/* Computed, then read back unchanged: the same numbers and evidence. */
static void
test_cache_reuse (void)
{
  UcGenSize size;
  g_autoptr(TestWs) ws = generated_workspace (&size);
  g_autoptr(UcAnalysis) computed = run_cached (ws->store, NULL, UC_ANALYSIS_COMPUTED, NULL);
  g_autoptr(UcAnalysis) cached = run_cached (ws->store, NULL, UC_ANALYSIS_CACHED, NULL);
  g_autoptr(UcAnalysis) full = run_full (ws->store, NULL);
  guint last = uc_analysis_get_n_weeks (full) - 1;
  guint from;

  g_assert_cmpuint (uc_analysis_get_n_weeks (computed), >, 30);
  assert_same_analysis (computed, full);
  assert_same_analysis (cached, full);
  uc_analysis_get_origin (cached, &from);
  g_assert_cmpuint (from, ==, uc_analysis_get_n_weeks (cached));

  /* The records behind cached values are read on demand. */
  assert_same_evidence (cached, full, ws->store, "CA.gini", last);
  assert_same_evidence (cached, full, ws->store, "HD.after_hours", last - 3);
  assert_same_evidence (cached, full, ws->store, "EG.unbacked_done", last - 5);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) a = uc_analysis_get_commits (cached, ws->store, 0, 0, last, &error);
    g_autoptr(GPtrArray) b = uc_analysis_get_commits (full, ws->store, 0, 0, last, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (a->len, ==, b->len);
  }

  /* Importing the same rows again changes nothing: still cached. */
  {
    g_autoptr(UcAnalysis) again = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (uc_store_exec (ws->store, "UPDATE comment SET time = time WHERE id = 1;", &error));
    again = run_cached (ws->store, NULL, UC_ANALYSIS_CACHED, NULL);
  }
}

/* Small imports at the end and in the middle of the data: only the weeks
 * from the change on are computed, and the numbers are those of a full
 * run. */
static void
test_cache_incremental (void)
{
  UcGenSize size;
  g_autoptr(TestWs) ws = generated_workspace (&size);
  g_autoptr(UcAnalysis) first = run_cached (ws->store, NULL, UC_ANALYSIS_COMPUTED, NULL);
  g_autoptr(GError) error = NULL;
  guint n_weeks = uc_analysis_get_n_weeks (first);
  const struct
  {
    const char *tag;
    gint64      first_day;   /* days from the start of the data */
    guint       n_commits;
  } imports[] = {
    { "late", (gint64) size.n_weeks * 7 - 5, 40 },
    { "later", (gint64) size.n_weeks * 7 + 2, 20 },
    { "middle", 20 * 7 + 2, 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
    {
      g_autoptr(UcAnalysis) incremental = NULL;
      g_autoptr(UcAnalysis) full = NULL;
      guint from, import_week;

      g_assert_true (uc_gen_increment (ws->store, &size, imports[i].tag, imports[i].n_commits,
                                       imports[i].first_day, &error));
      g_assert_no_error (error);
      incremental = run_cached (ws->store, NULL, UC_ANALYSIS_INCREMENTAL, &from);
      full = run_full (ws->store, NULL);
      assert_same_analysis (incremental, full);

      /* Recomputed from about the week of the import (a membership that
       * grew may start a little before it), not from the start. */
      import_week = (guint) (imports[i].first_day / 7);
      g_test_message ("%s: weeks %u, recomputed from %u (import in week %u)", imports[i].tag,
                      uc_analysis_get_n_weeks (full), from, import_week);
      g_assert_cmpuint (from, <=, MIN (import_week, n_weeks));
      g_assert_cmpuint (from + 3, >=, MIN (import_week, n_weeks));
      n_weeks = uc_analysis_get_n_weeks (full);

      assert_same_evidence (incremental, full, ws->store, "TD.hotspots", n_weeks - 1);
    }
}

/* Records changed in place or removed, people moved between teams and
 * merged: invalidated, and still exact. */
static void
test_cache_invalidation (void)
{
  UcGenSize size;
  g_autoptr(TestWs) ws = generated_workspace (&size);
  g_autoptr(UcAnalysis) first = run_cached (ws->store, NULL, UC_ANALYSIS_COMPUTED, NULL);
  const char *const changes[] = {
    /* A change request merged at last. */
    "UPDATE change_request SET state = 'merged', merged_time = created_time + 86400,"
    " closed_time = created_time + 86400 WHERE id = (SELECT max(id) FROM change_request WHERE state = 'closed');",
    /* A comment gone. */
    "DELETE FROM comment WHERE id = 100;",
    /* An item reopened. */
    "UPDATE work_item SET status_category = 1, status = 'In Progress' WHERE id = 50;",
    /* A commit re-dated (its author's clock was wrong). */
    "UPDATE git_commit SET author_time = author_time + 3 * 86400 WHERE id = 1000;",
    /* Someone moves to another team half way. */
    "UPDATE person_team SET valid_to = (SELECT min(author_time) + 100 * 86400 FROM git_commit)"
    " WHERE id = (SELECT min(id) FROM person_team WHERE valid_to IS NULL);",
    /* Two people found to be one. */
    "UPDATE identity SET person_id = (SELECT person_id FROM identity WHERE value = 'dev001@example.com')"
    " WHERE value = 'dev002@example.com';",
    /* An agent recognised. */
    "UPDATE person SET is_agent = 1 WHERE name = 'dev005';",
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UcAnalysis) cached = NULL;
      g_autoptr(UcAnalysis) full = NULL;

      g_assert_true (uc_store_exec (ws->store, changes[i], &error));
      g_assert_no_error (error);
      cached = uc_analysis_run_cached (ws->store, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (uc_analysis_get_origin (cached, NULL), !=, UC_ANALYSIS_CACHED);
      full = run_full (ws->store, NULL);
      assert_same_analysis (cached, full);
    }
}

static void
add_message (TestWs     *ws,
             const char *author,
             UcTime      time,
             const char *ext_id,
             const char *thread)
{
  g_autoptr(GError) error = NULL;
  UcMessageRow row = { 0 };

  row.system = "slack";
  row.channel = "team";
  row.ext_id = ext_id;
  row.author_identity = tws_identity (ws, author);
  row.time = time;
  row.thread_ext_id = thread;
  row.body_len = 10;
  row.source_id = ws->source;
  uc_store_add_message (ws->store, &row, NULL, &error);
  g_assert_no_error (error);
}

/* A reply that comes weeks later changes what the thread's first message
 * got (DS.newcomer_gap of its week): recomputed from the thread's start. */
static void
test_cache_late_reply (void)
{
  UcGenSize size;
  g_autoptr(TestWs) ws = generated_workspace (&size);
  g_autoptr(UcAnalysis) before = NULL;
  g_autoptr(UcAnalysis) incremental = NULL;
  g_autoptr(UcAnalysis) full = NULL;
  g_autoptr(GError) error = NULL;
  UcTime week20 = uc_week_start (size.first_week) + 20 * WEEK;
  int signal = uc_signal_def_index ("DS.newcomer_gap");
  guint from;

  /* A newcomer on Team A from week 18; an answered thread of two old
   * hands in week 20; the newcomer's question in week 20. */
  tws_roster (ws, "newbie", "Team A", week20 - 2 * WEEK, 0);
  add_message (ws, "dev002", week20 + HOUR, "t1", NULL);
  add_message (ws, "dev003", week20 + 3 * HOUR, "t1-r", "t1");
  add_message (ws, "newbie", week20 + 2 * HOUR, "t2", NULL);
  before = run_cached (ws->store, NULL, UC_ANALYSIS_COMPUTED, NULL);
  g_assert_true (isnan (uc_analysis_get_value (before, 0, (guint) signal, 20)->value));

  /* The answer, five weeks later. */
  add_message (ws, "dev001", week20 + 5 * WEEK, "t2-r", "t2");
  incremental = run_cached (ws->store, NULL, UC_ANALYSIS_INCREMENTAL, &from);
  full = run_full (ws->store, NULL);
  g_assert_false (isnan (uc_analysis_get_value (full, 0, (guint) signal, 20)->value));
  g_assert_cmpuint (from, <=, 20);
  assert_same_analysis (incremental, full);
}

/* Random edits of every kind, at random times: after each, the cached
 * analysis is the full one. */
static void
test_cache_random (void)
{
  UcGenSize size;
  g_autoptr(TestWs) ws = generated_workspace (&size);
  g_autoptr(UcAnalysis) first = run_cached (ws->store, NULL, UC_ANALYSIS_COMPUTED, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  UcTime start = uc_week_start (size.first_week);
  UcTime span = (UcTime) size.n_weeks * WEEK;
  guint n_incremental = 0;

  for (guint step = 0; step < 24; step++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UcAnalysis) cached = NULL;
      g_autoptr(UcAnalysis) full = NULL;
      g_autofree char *sql = NULL;
      gint64 pick = g_rand_int_range (rand, 1, 200);
      UcTime time = start + (UcTime) g_rand_double_range (rand, 0, (double) span);
      guint from = 0;

      switch (step % 8)
        {
        case 0:   /* a comment on an older change request, much later */
          sql = g_strdup_printf ("INSERT INTO comment (ext_id, cr_id, author_id, time, body_len, is_objection, source_id)"
                                 " SELECT 'random:%u', id, author_id, created_time + %" G_GINT64_FORMAT ", 10, %d, 1"
                                 " FROM change_request WHERE id = %" G_GINT64_FORMAT ";",
                                 step, (gint64) g_rand_int_range (rand, 60, 30 * 86400), step % 3 == 0, pick);
          break;
        case 1:   /* a review */
          sql = g_strdup_printf ("INSERT INTO review (cr_id, ext_id, reviewer_id, state, time, body_len, source_id)"
                                 " SELECT id, 'random:%u', (SELECT max(id) FROM identity), %d, created_time + 7200, 0, 1"
                                 " FROM change_request WHERE id = %" G_GINT64_FORMAT ";",
                                 step, g_rand_int_range (rand, 0, 4), pick);
          break;
        case 2:   /* an item reopened later */
          sql = g_strdup_printf ("INSERT INTO status_change (item_id, ext_id, author_id, time, from_status, to_status,"
                                 " from_category, to_category, source_id)"
                                 " SELECT id, 'random:%u', assignee_id, created_time + 40 * 86400, 'Done', 'In Progress', 2, 1, 1"
                                 " FROM work_item WHERE id = %" G_GINT64_FORMAT ";", step, pick);
          break;
        case 3:   /* a later commit naming an older item */
          sql = g_strdup_printf ("INSERT INTO link (commit_id, item_key, via, source_id)"
                                 " SELECT (SELECT max(id) FROM git_commit), key, 'subject', 1"
                                 " FROM work_item WHERE id = %" G_GINT64_FORMAT ";", pick);
          break;
        case 4:   /* a change request merged at last */
          sql = g_strdup_printf ("UPDATE change_request SET state = 'merged', merged_time = created_time + 3 * 86400,"
                                 " closed_time = created_time + 3 * 86400 WHERE id = %" G_GINT64_FORMAT ";", pick);
          break;
        case 5:   /* a commit at a random time, adding, renaming and deleting files */
          {
            g_autofree char *author = g_strdup_printf ("dev%03u", (guint) g_rand_int_range (rand, 0, 12));
            g_autofree char *changes = g_strdup_printf ("A:src/new%u.c:5 R:src/m0/f0.c>src/moved%u.c:2 D:docs/m1/f1.md:3",
                                                        step, step);
            TestCommit c = { author, time, 60, changes, "org/svc-00", step % 2 ? TC_FIX : TC_AI, NULL };

            tc_commit (ws, &c);
          }
          break;
        case 6:   /* a reply in chat to an older message */
          sql = g_strdup_printf ("INSERT INTO message (system, channel, ext_id, author_id, time, thread_ext_id,"
                                 " body_len, source_id)"
                                 " SELECT system, channel, 'random:%u', (SELECT min(id) FROM identity), time + 9 * 86400,"
                                 " ext_id, 5, 1 FROM message WHERE id = %" G_GINT64_FORMAT ";", step, pick);
          break;
        default:  /* something removed */
          sql = g_strdup_printf (step % 16 == 7 ? "DELETE FROM review WHERE id = %" G_GINT64_FORMAT ";"
                                                : "DELETE FROM status_change WHERE id = %" G_GINT64_FORMAT ";",
                                 pick);
          break;
        }
      if (sql != NULL)
        g_assert_true (uc_store_exec (ws->store, sql, &error));
      g_assert_no_error (error);

      cached = uc_analysis_run_cached (ws->store, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      full = run_full (ws->store, NULL);
      if (uc_analysis_get_origin (cached, &from) == UC_ANALYSIS_INCREMENTAL && from > 0)
        n_incremental++;
      g_test_message ("step %u: recomputed from week %u of %u", step, from, uc_analysis_get_n_weeks (full));
      assert_same_analysis (cached, full);
    }
  /* Most edits did not start over. */
  g_assert_cmpuint (n_incremental, >=, 12);
}

/* Other settings, other results; clearing; a damaged entry; evidence of
 * cached results after the workspace changed. */
static void
test_cache_settings (void)
{
  UcGenSize size;
  g_autoptr(TestWs) ws = generated_workspace (&size);
  g_autoptr(UcAnalysis) first = run_cached (ws->store, NULL, UC_ANALYSIS_COMPUTED, NULL);
  g_autoptr(UcAnalysis) cached = NULL;
  g_autoptr(UcAnalysis) other = NULL;
  g_autoptr(UcAnalysis) full = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  UcAnalysisOptions options;

  uc_analysis_options_init (&options);
  g_assert_true (uc_analysis_options_set_bounds (&options, "CA.gini", 0.1, 0.9, &error));
  g_assert_true (uc_analysis_options_set_working_hours (&options, 7, 20, &error));
  other = run_cached (ws->store, &options, UC_ANALYSIS_COMPUTED, NULL);
  full = run_full (ws->store, &options);
  assert_same_analysis (other, full);
  g_clear_pointer (&other, uc_analysis_unref);
  other = run_cached (ws->store, &options, UC_ANALYSIS_CACHED, NULL);
  assert_same_analysis (other, full);
  /* The default settings' entry is still there. */
  cached = run_cached (ws->store, NULL, UC_ANALYSIS_CACHED, NULL);

  /* Evidence of cached results when the workspace has changed since. */
  g_assert_true (uc_store_exec (ws->store, "DELETE FROM review WHERE id = 7;", &error));
  rows = uc_analysis_get_evidence (cached, ws->store, 0, "RV.coverage", 5, &error);
  g_assert_error (error, UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_CHANGED);
  g_assert_null (rows);
  g_clear_error (&error);

  /* A damaged entry is not used. */
  g_assert_true (uc_store_exec (ws->store, "UPDATE analysis_cache SET data = x'0102030405';", &error));
  g_clear_pointer (&other, uc_analysis_unref);
  other = run_cached (ws->store, &options, UC_ANALYSIS_COMPUTED, NULL);
  g_clear_pointer (&full, uc_analysis_unref);
  full = run_full (ws->store, &options);
  assert_same_analysis (other, full);

  g_assert_true (uc_analysis_cache_clear (ws->store, &error));
  g_assert_cmpint (uc_store_query_int (ws->store, "SELECT count(*) FROM analysis_cache", -1), ==, 0);
  g_clear_pointer (&other, uc_analysis_unref);
  other = run_cached (ws->store, &options, UC_ANALYSIS_COMPUTED, NULL);
}

/* An empty workspace, and a workspace analysed up to a given week. */
static void
test_cache_edges (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) empty = NULL;
  g_autoptr(UcAnalysis) again = NULL;
  g_autoptr(UcAnalysis) full = NULL;
  UcAnalysisOptions options;

  empty = tc_analyse (ws, NULL);
  g_clear_pointer (&empty, uc_analysis_unref);
  empty = run_cached (ws->store, NULL, UC_ANALYSIS_COMPUTED, NULL);
  g_assert_cmpuint (uc_analysis_get_n_weeks (empty), ==, 0);
  again = run_cached (ws->store, NULL, UC_ANALYSIS_CACHED, NULL);
  g_assert_cmpuint (uc_analysis_get_n_teams (again), ==, 0);
  g_clear_pointer (&again, uc_analysis_unref);

  for (int w = 0; w < 6; w++)
    tc_simple (ws, w % 2 ? "ann" : "bob", uc_week_start (202610) + w * WEEK + HOUR);
  uc_analysis_options_init (&options);
  options.min_group_enabled = FALSE;
  options.last_week = 202613;
  again = run_cached (ws->store, &options, UC_ANALYSIS_COMPUTED, NULL);
  full = run_full (ws->store, &options);
  g_assert_cmpuint (uc_analysis_get_n_weeks (full), ==, 4);
  assert_same_analysis (again, full);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cache/reuse", test_cache_reuse);
  g_test_add_func ("/cache/incremental", test_cache_incremental);
  g_test_add_func ("/cache/invalidation", test_cache_invalidation);
  g_test_add_func ("/cache/late-reply", test_cache_late_reply);
  g_test_add_func ("/cache/random", test_cache_random);
  g_test_add_func ("/cache/settings", test_cache_settings);
  g_test_add_func ("/cache/edges", test_cache_edges);
  return g_test_run ();
}
