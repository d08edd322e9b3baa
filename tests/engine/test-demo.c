/* test-demo.c: the demo organisation, end to end.
 *
 * The demo (src/engine/demo) plants a documented behaviour in each team
 * and writes it out as real exports that the real importers read. These
 * tests build it once, analyse it, and check team by team that each
 * pathology is found by the signal that should find it, in the team where
 * it was planted, and nowhere else: the healthy team stays at or near the
 * healthy bounds and scores best in every family. They also check that
 * the exports are recognised by format detection, that the build is
 * deterministic, and its errors and cancellation.
 *
 * "High" below means a score of at least HIGH (halfway from the healthy
 * to the alarming bound, SIGNALS.md); "healthy" at most NEAR_HEALTHY.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "uc-engine.h"
#include "uc-demo-private.h"

#define SEED          1
#define HIGH          50.0
#define NEAR_HEALTHY  20.0

typedef struct
{
  char       *dir;
  char       *path;
  char       *exports;
  UcStore    *store;
  UcAnalysis *analysis;
  guint       last;          /* index of the last week */
} Demo;

static Demo demo;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static void
demo_build (void)
{
  g_autoptr(GError) error = NULL;
  UcDemoOptions options = { 0 };

  demo.dir = g_dir_make_tmp ("uc-test-demo-XXXXXX", &error);
  g_assert_no_error (error);
  demo.path = g_build_filename (demo.dir, "demo.undercurrent", NULL);
  demo.exports = g_build_filename (demo.dir, "exports", NULL);
  options.exports_dir = demo.exports;
  g_assert_true (uc_demo_build_full (demo.path, SEED, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  demo.store = uc_store_open (demo.path, &error);
  g_assert_no_error (error);
  demo.analysis = uc_analysis_run (demo.store, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uc_analysis_get_n_weeks (demo.analysis), >, 0);
  demo.last = uc_analysis_get_n_weeks (demo.analysis) - 1;
}

static void
demo_clear (void)
{
  g_clear_pointer (&demo.analysis, uc_analysis_unref);
  g_clear_object (&demo.store);
  if (demo.dir != NULL)
    remove_tree (demo.dir);
  g_clear_pointer (&demo.dir, g_free);
  g_clear_pointer (&demo.path, g_free);
  g_clear_pointer (&demo.exports, g_free);
}

static guint
team (const char *name)
{
  int index = uc_analysis_find_team (demo.analysis, name);

  if (index < 0)
    g_error ("no team %s in the demo", name);
  return (guint) index;
}

static const UcSignalValue *
value_at (const char *team_name,
          const char *signal,
          guint       week)
{
  int index = uc_signal_def_index (signal);

  g_assert_cmpint (index, >=, 0);
  return uc_analysis_get_value (demo.analysis, team (team_name), (guint) index, week);
}

static double
value (const char *team_name,
       const char *signal)
{
  return value_at (team_name, signal, demo.last)->value;
}

static double
score (const char *team_name,
       const char *signal)
{
  return value_at (team_name, signal, demo.last)->score;
}

static double
family (const char *team_name,
        UcFamily    f)
{
  return uc_analysis_get_family_score (demo.analysis, team (team_name), f, demo.last);
}

/* A score that must be there and at least @min. */
#define assert_high(team_name, signal)                                          \
  G_STMT_START {                                                                \
    double s_ = score (team_name, signal);                                      \
    if (isnan (s_) || s_ < HIGH)                                                \
      g_error ("%s %s: score %.1f (value %.3f), expected %.0f or more",       \
               team_name, signal, s_, value (team_name, signal), HIGH);         \
  } G_STMT_END

/* ---- the workspace ---- */

static gint64
count (const char *sql)
{
  return uc_store_query_int (demo.store, sql, -1);
}

static void
test_demo_workspace (void)
{
  g_autofree char *week = uc_week_format (uc_analysis_get_week (demo.analysis, demo.last));
  g_autofree char *first = uc_week_format (uc_analysis_get_week (demo.analysis, 0));

  /* Fixed dates: the 52 weeks ending with 2026-W47. */
  g_assert_cmpstr (week, ==, "2026-W47");
  g_assert_cmpstr (first, ==, "2025-W48");
  g_assert_cmpuint (uc_analysis_get_n_weeks (demo.analysis), ==, 52);

  /* One source per export: six repositories, GitHub, Jira, Slack, roster. */
  g_assert_cmpint (count ("SELECT COUNT(*) FROM source"), ==, 10);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM source WHERE kind = 'git-repo'"), ==, 6);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM source WHERE kind = 'github-rest'"), ==, 1);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM source WHERE kind = 'jira-json'"), ==, 1);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM source WHERE kind = 'slack-export'"), ==, 1);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM source WHERE kind = 'roster'"), ==, 1);

  /* Every kind of record is there, in demo-sized amounts. */
  g_assert_cmpint (count ("SELECT COUNT(*) FROM git_commit"), >, 3000);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM change_request"), >, 1500);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM review"), >, 2000);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM comment"), >, 2000);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM work_item"), >, 1500);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM status_change"), >, 3000);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM message"), >, 3000);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM link"), >, 1000);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM change_request WHERE last_commit_time IS NOT NULL"), >, 1000);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM work_item WHERE tracker = 'github'"), >, 100);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM git_commit WHERE ai_assisted"), >, 50);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM git_commit WHERE is_fix OR is_revert"), >, 300);

  /* The roster joined every tool's account into one person per human,
   * and put everyone on their team. */
  g_assert_cmpint (count ("SELECT COUNT(*) FROM team"), ==, 6);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM person p WHERE p.is_agent = 0"), ==, 30);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM person p WHERE p.is_agent = 0 AND"
                          " (SELECT COUNT(DISTINCT kind) FROM identity i WHERE i.person_id = p.id) < 4"), ==, 0);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM person p WHERE p.is_agent = 0 AND NOT EXISTS"
                          " (SELECT 1 FROM person_team pt WHERE pt.person_id = p.id)"), ==, 0);
  /* Agents: dependabot and the AI co-authors. */
  g_assert_cmpint (count ("SELECT COUNT(*) FROM person WHERE is_agent = 1 AND name LIKE 'dependabot%'"), ==, 1);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM person WHERE is_agent = 1"), >=, 2);

  g_assert_cmpint (count ("SELECT COUNT(*) FROM meta WHERE key = 'title' AND value = 'Demo organisation'"), ==, 1);
}

/* Each export is what format detection says it is. */
static void
test_demo_exports (void)
{
  static const struct { const char *path; const char *format; } exports[] = {
    { "git/atlas.git", "git-repo" },
    { "git/estuary.git", "git-repo" },
    { "github", "github-rest" },
    { "github/acme-cirrus", "github-rest" },
    { "github/acme-estuary/issue-events.json", "github-rest" },
    { "jira", "jira-json" },
    { "jira/search-DUN-0001.json", "jira-json" },
    { "slack", "slack-export" },
    { "roster.csv", "roster" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (demo.exports, exports[i].path, NULL);
      double confidence = 0;
      const char *format = uc_import_detect (path, &confidence, &error);

      g_test_message ("%s: %s (%.2f)", exports[i].path, format, confidence);
      g_assert_no_error (error);
      g_assert_cmpstr (format, ==, exports[i].format);
    }
}

/* ---- the teams ---- */

static void
test_demo_teams (void)
{
  static const char * const names[] = { "atlas", "borealis", "cirrus", "dune", "estuary", "Other" };
  const UcTeamInfo *other;

  g_assert_cmpuint (uc_analysis_get_n_teams (demo.analysis), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpint (uc_analysis_find_team (demo.analysis, names[i]), ==, (int) i);
  /* The two-person side project is only ever shown inside "Other". */
  g_assert_cmpint (uc_analysis_find_team (demo.analysis, "tools"), ==, -1);
  other = uc_analysis_get_team (demo.analysis, team ("Other"));
  g_assert_cmpuint (other->n_members, ==, 2);
  g_assert_cmpuint (uc_analysis_get_team (demo.analysis, team ("atlas"))->n_members, ==, 6);
  g_assert_cmpuint (uc_analysis_get_team (demo.analysis, team ("borealis"))->n_members, ==, 5);
  g_assert_cmpuint (uc_analysis_get_team (demo.analysis, team ("cirrus"))->n_members, ==, 6);
  g_assert_cmpuint (uc_analysis_get_team (demo.analysis, team ("cirrus"))->n_agents, >=, 1);
}

/* Atlas: nothing planted, nothing found. Every signal with data stays at
 * or near its healthy bound, every family too, and nothing degrades. */
static void
test_demo_healthy (void)
{
  guint n_defs = 0;
  const UcSignalDef *defs = uc_signal_defs (&n_defs);
  guint atlas = team ("atlas");
  guint n_with_data = 0;
  int decline = 0;

  for (guint i = 0; i < n_defs; i++)
    {
      const UcSignalValue *v = uc_analysis_get_value (demo.analysis, atlas, i, demo.last);

      if (isnan (v->score))
        continue;
      n_with_data++;
      if (v->score > NEAR_HEALTHY)
        g_error ("atlas %s: score %.1f (value %.3f), expected %.0f or less",
                 defs[i].id, v->score, v->value, NEAR_HEALTHY);
    }
  /* Nearly everything has data in the healthy team. */
  g_assert_cmpuint (n_with_data, >=, n_defs - 4);

  for (UcFamily f = 0; f < UC_N_FAMILIES; f++)
    {
      double s = family ("atlas", f);

      g_assert_false (isnan (s));
      if (s > 10.0)
        g_error ("atlas family %s: score %.1f, expected 10 or less", uc_family_id (f), s);
      g_assert_cmpint (uc_analysis_get_family_trend (demo.analysis, atlas, f), !=, UC_TREND_DEGRADING);
    }
  g_assert_false (uc_analysis_get_masked_decline (demo.analysis, atlas, demo.last, &decline));
  g_assert_cmpint (decline, ==, -1);

  /* Shared code: several people would have to leave to orphan it. */
  g_assert_cmpfloat (value ("atlas", "CA.truck"), >=, 4.0);
  g_assert_cmpfloat (value ("atlas", "CA.islands"), <=, 0.2);
  /* Real reviews, answered objections, linked tickets, office hours. */
  g_assert_cmpfloat (value ("atlas", "RV.coverage"), >=, 0.95);
  g_assert_cmpfloat (value ("atlas", "RV.rubber_stamp"), <=, 0.1);
  g_assert_cmpfloat (value ("atlas", "DS.unanswered"), <=, 0.1);
  g_assert_cmpfloat (value ("atlas", "EG.unbacked_done"), <=, 0.1);
  g_assert_cmpfloat (value ("atlas", "EG.invisible"), <=, 0.2);
  g_assert_cmpfloat (value ("atlas", "HD.after_hours"), <=, 0.1);
}

/* The healthy team scores best (lowest) in every family, against every
 * other named team ("Other" is a merge of small teams, left out). */
static void
test_demo_healthy_best (void)
{
  static const char * const others[] = { "borealis", "cirrus", "dune", "estuary" };

  for (UcFamily f = 0; f < UC_N_FAMILIES; f++)
    {
      double best = family ("atlas", f);
      guint compared = 0;

      for (guint i = 0; i < G_N_ELEMENTS (others); i++)
        {
          double s = family (others[i], f);

          if (isnan (s))
            continue;
          compared++;
          if (best > s)
            g_error ("family %s: atlas %.1f is worse than %s %.1f", uc_family_id (f), best, others[i], s);
        }
      /* AP has data only where a capability was adopted. */
      g_assert_cmpuint (compared, >=, f == UC_FAMILY_AP ? 1 : G_N_ELEMENTS (others));
    }
}

/* Borealis: one person carries the team, late and at weekends. */
static void
test_demo_hero (void)
{
  double healthy, alarming;

  g_assert_cmpfloat (value ("borealis", "CA.truck"), ==, 1.0);
  assert_high ("borealis", "CA.top_share");
  assert_high ("borealis", "CA.islands");
  assert_high ("borealis", "TD.islands");
  g_assert_cmpfloat (value ("borealis", "CA.top_share"), >, value ("atlas", "CA.top_share"));

  /* After-hours work beyond the alarming bound. */
  uc_analysis_get_bounds (demo.analysis, (guint) uc_signal_def_index ("HD.after_hours"), &healthy, &alarming);
  g_assert_cmpfloat (value ("borealis", "HD.after_hours"), >, alarming);
  /* The hero is active six or seven days a week, week after week. */
  assert_high ("borealis", "HD.overload");
  g_assert_cmpfloat (value ("atlas", "HD.overload"), ==, 0.0);
  /* He merges some of his own work without review: over the last twelve
   * weeks, one pull request in twenty or more. */
  {
    double sum = 0;

    for (guint w = demo.last - 11; w <= demo.last; w++)
      sum += value_at ("borealis", "RV.self_merge", w)->value;
    g_assert_cmpfloat (sum / 12, >=, 0.05);
    g_assert_cmpfloat (value ("atlas", "RV.self_merge"), ==, 0.0);
  }
}

/* Cirrus: instant approvals of big changes, self-merges, overridden and
 * unanswered objections, silent members. */
static void
test_demo_rubber_stamp (void)
{
  assert_high ("cirrus", "RV.rubber_stamp");
  assert_high ("cirrus", "RV.self_merge");
  assert_high ("cirrus", "RV.density");
  assert_high ("cirrus", "DS.overridden");
  assert_high ("cirrus", "DS.unanswered");
  assert_high ("cirrus", "DS.silent");
  g_assert_cmpfloat (value ("cirrus", "DS.silent"), >=, 0.49);
  /* Nowhere else. */
  g_assert_cmpfloat (value ("atlas", "RV.rubber_stamp"), ==, 0.0);
  g_assert_cmpfloat (value ("atlas", "DS.overridden"), ==, 0.0);
  g_assert_cmpfloat (value ("atlas", "DS.silent"), ==, 0.0);
}

/* Dune: the board says done, the code says otherwise. */
static void
test_demo_reporting_gap (void)
{
  assert_high ("dune", "EG.unbacked_done");
  assert_high ("dune", "EG.zombie");
  assert_high ("dune", "EG.invisible");
  assert_high ("dune", "EG.status_lag");
  assert_high ("dune", "WV.backflow");
  assert_high ("dune", "WV.throughput_cv");
  assert_high ("dune", "TD.rework");
  /* Reopen loops: items done two months before the end were reopened
   * (later ones may not be decided yet). */
  g_assert_cmpfloat (value_at ("dune", "EG.reopened", demo.last - 8)->score, >=, HIGH);
  g_assert_cmpfloat (value_at ("atlas", "EG.reopened", demo.last - 8)->value, ==, 0.0);
  /* Nowhere else. */
  g_assert_cmpfloat (value ("atlas", "EG.zombie"), ==, 0.0);
  g_assert_cmpfloat (value ("atlas", "WV.backflow"), ==, 0.0);
}

/* Estuary: busy as ever while execution degrades from 2026-W34. */
static void
test_demo_masked_decline (void)
{
  guint estuary = team ("estuary");
  int onset = uc_analysis_find_week (demo.analysis, 202634);
  int decline = -1;
  double before = 0, after = 0;
  guint n_before = 0, n_after = 0;

  g_assert_cmpint (onset, >, 12);
  g_assert_true (uc_analysis_get_masked_decline (demo.analysis, estuary, demo.last, &decline));
  g_assert_cmpint (uc_analysis_get_family_trend (demo.analysis, estuary, UC_FAMILY_ED), ==,
                   UC_TREND_DEGRADING);
  /* The decline started around 2026-W34. */
  g_test_message ("decline started in %d, onset %d", uc_analysis_get_week (demo.analysis, (guint) decline),
                  uc_analysis_get_week (demo.analysis, (guint) onset));
  g_assert_cmpint (decline, >=, onset - 2);
  g_assert_cmpint (decline, <=, onset + 2);
  /* Not before: at 2026-W30 nothing degrades yet. */
  g_assert_false (uc_analysis_get_masked_decline (demo.analysis, estuary, (guint) onset - 4, NULL));
  g_assert_cmpfloat (family ("estuary", UC_FAMILY_ED), >, uc_analysis_get_family_score (demo.analysis, estuary, UC_FAMILY_ED, (guint) onset - 2) + 20.0);

  /* Activity (commits, comments, chat) does not fall: it rises. */
  for (guint w = (guint) onset - 10; w < (guint) onset; w++, n_before++)
    before += uc_analysis_get_activity (demo.analysis, estuary, w);
  for (guint w = demo.last - 7; w <= demo.last; w++, n_after++)
    after += uc_analysis_get_activity (demo.analysis, estuary, w);
  g_assert_cmpfloat (after / n_after, >=, before / n_before);

  /* What degrades: reviews, decisions, tracking, focus. */
  assert_high ("estuary", "CV.stalled");
  assert_high ("estuary", "CV.abandoned");
  assert_high ("estuary", "EG.unbacked_done");
  assert_high ("estuary", "EG.zombie");
  assert_high ("estuary", "TD.rework");
  assert_high ("estuary", "TD.coupling");

  /* Nowhere else. */
  for (guint t = 0; t < uc_analysis_get_n_teams (demo.analysis); t++)
    if (t != estuary)
      g_assert_false (uc_analysis_get_masked_decline (demo.analysis, t, demo.last, NULL));
}

/* AI assistance: adopted by everyone in atlas within weeks, by one person
 * only in borealis. */
static void
test_demo_adoption (void)
{
  g_assert_cmpfloat (value ("atlas", "AP.reach"), >=, 0.8);
  g_assert_cmpfloat (value ("atlas", "AP.t50"), <=, 2.0);
  g_assert_cmpfloat (value ("borealis", "AP.reach"), <=, 0.25);
  assert_high ("borealis", "AP.reach");
  assert_high ("borealis", "AP.t50");
  g_assert_cmpint (count ("SELECT COUNT(DISTINCT i.person_id) FROM git_commit c JOIN identity i ON i.id = c.author_id"
                          " JOIN repo r ON r.id = c.repo_id WHERE c.ai_assisted AND r.name = 'atlas'"), ==, 6);
  g_assert_cmpint (count ("SELECT COUNT(DISTINCT i.person_id) FROM git_commit c JOIN identity i ON i.id = c.author_id"
                          " JOIN repo r ON r.id = c.repo_id WHERE c.ai_assisted AND r.name = 'borealis'"), ==, 1);
}

/* ---- determinism, errors ---- */

typedef struct
{
  guint    calls;
  double   last;
  gboolean monotonic;
} Progress;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Progress *p = user_data;

  if (fraction < p->last - 1e-9)
    p->monotonic = FALSE;
  p->last = fraction;
  p->calls++;
}

static char *
analysis_text (UcAnalysis *analysis)
{
  g_autoptr(JsonNode) root = uc_analysis_to_json (analysis, NULL, 0);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_object_remove_member (json_node_get_object (root), "generated_at");
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
table_counts (UcStore *store)
{
  static const char * const tables[] = {
    "person", "identity", "team", "person_team", "repo", "git_commit", "file", "file_change",
    "change_request", "review", "work_item", "status_change", "comment", "message", "link",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s", tables[i]);

      g_string_append_printf (out, "%s=%" G_GINT64_FORMAT " ", tables[i], uc_store_query_int (store, sql, -1));
    }
  return g_string_free (out, FALSE);
}

static void
test_demo_deterministic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (demo.dir, "again.undercurrent", NULL);
  g_autoptr(UcStore) store = NULL;
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autofree char *counts1 = table_counts (demo.store);
  g_autofree char *counts2 = NULL;
  g_autofree char *json1 = analysis_text (demo.analysis);
  g_autofree char *json2 = NULL;
  Progress progress = { 0, 0.0, TRUE };

  g_assert_true (uc_demo_build (path, SEED, progress_cb, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, >, 10);
  g_assert_true (progress.monotonic);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  store = uc_store_open (path, &error);
  g_assert_no_error (error);
  analysis = uc_analysis_run (store, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  counts2 = table_counts (store);
  g_assert_cmpstr (counts1, ==, counts2);
  json2 = analysis_text (analysis);
  g_assert_true (g_str_equal (json1, json2));
}

static void
test_demo_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (demo.dir, "cancelled.undercurrent", NULL);
  g_autofree char *big = g_build_filename (demo.dir, "big.undercurrent", NULL);
  g_autofree char *kept = g_build_filename (demo.dir, "kept.undercurrent", NULL);
  UcDemoOptions options = { 0 };

  /* The workspace exists already. */
  g_assert_false (uc_demo_build (demo.path, SEED, NULL, NULL, NULL, &error));
  g_assert_error (error, UC_STORE_ERROR, UC_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* Cancelled: no workspace is left behind. */
  g_cancellable_cancel (cancellable);
  g_assert_false (uc_demo_build (path, SEED, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Too big a scale. */
  options.scale = UC_DEMO_MAX_SCALE + 1;
  g_assert_false (uc_demo_build_full (big, SEED, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (g_file_test (big, G_FILE_TEST_EXISTS));

  /* The exports folder must be new or empty. */
  options.scale = 1;
  options.exports_dir = demo.exports;
  g_assert_false (uc_demo_build_full (kept, SEED, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, demo.exports));
  g_clear_error (&error);
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
}

/* Progress goes from 0 to 1 and never back (the second build of the
 * determinism test reports it). */
static void
test_demo_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (demo.dir, "progress.undercurrent", NULL);
  Progress progress = { 0, 0.0, TRUE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* Cancelled at once: the progress stops short of 1. */
  g_cancellable_cancel (cancellable);
  g_assert_false (uc_demo_build (path, SEED, progress_cb, &progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (progress.monotonic);
  g_assert_cmpfloat (progress.last, <, 1.0);
}

/* Scale N: every team N times over, with its own people and sources. The
 * simulation is checked here; building it runs the same writers and
 * importers as scale 1 (`undercurrent-cli demo --scale 20` is the
 * benchmark). */
static void
test_demo_scale (void)
{
  g_autoptr(UcDemoModel) one = _uc_demo_model_new (SEED, 1);
  g_autoptr(UcDemoModel) two = _uc_demo_model_new (SEED, 2);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint64 commits1 = 0, commits2 = 0, items1 = 0, items2 = 0;
  guint same = 0;

  g_assert_cmpuint (one->teams->len, ==, 6);
  g_assert_cmpuint (two->teams->len, ==, 12);
  g_assert_cmpstr (((UcDemoTeam *) g_ptr_array_index (two->teams, 6))->name, ==, "atlas-2");
  g_assert_cmpstr (((UcDemoTeam *) g_ptr_array_index (two->teams, 6))->project, ==, "ATL2");
  g_assert_cmpuint (two->people->len, ==, 2 * one->people->len);
  g_assert_cmpuint (two->channels->len, ==, 13);

  /* Every person has their own name and accounts. */
  for (guint i = 0; i < two->people->len; i++)
    {
      const UcDemoPerson *p = g_ptr_array_index (two->people, i);
      const char *ids[] = { p->name, p->email, p->login, p->jira_id, p->slack_id };

      for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
        {
          if (ids[k] == NULL)
            continue;
          if (g_str_has_prefix (ids[k], "dependabot") || g_str_has_prefix (ids[k], "49699333+"))
            continue;
          if (g_hash_table_contains (seen, ids[k]))
            g_error ("%s is used twice at scale 2", ids[k]);
          g_hash_table_add (seen, (gpointer) ids[k]);
        }
    }

  /* Twice the records; the first copy is the demo itself. */
  _uc_demo_model_counts (one, &commits1, NULL, NULL, &items1, NULL);
  _uc_demo_model_counts (two, &commits2, NULL, NULL, &items2, NULL);
  g_assert_cmpuint (commits2, >, commits1 * 18 / 10);
  g_assert_cmpuint (commits2, <, commits1 * 22 / 10);
  g_assert_cmpuint (items2, >, items1 * 18 / 10);
  for (guint i = 0; i < two->commits->len; i++)
    {
      const UcDemoCommit *c = &g_array_index (two->commits, UcDemoCommit, i);

      same += c->team < 6;
    }
  g_assert_cmpuint (same, ==, commits1);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *git = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  git = g_find_program_in_path ("git");
  if (git == NULL)
    {
      g_printerr ("git is missing: the demo writes git repositories\n");
      return 77;
    }

  demo_build ();
  g_test_add_func ("/demo/workspace", test_demo_workspace);
  g_test_add_func ("/demo/exports", test_demo_exports);
  g_test_add_func ("/demo/teams", test_demo_teams);
  g_test_add_func ("/demo/healthy", test_demo_healthy);
  g_test_add_func ("/demo/healthy-best", test_demo_healthy_best);
  g_test_add_func ("/demo/hero", test_demo_hero);
  g_test_add_func ("/demo/rubber-stamp", test_demo_rubber_stamp);
  g_test_add_func ("/demo/reporting-gap", test_demo_reporting_gap);
  g_test_add_func ("/demo/masked-decline", test_demo_masked_decline);
  g_test_add_func ("/demo/adoption", test_demo_adoption);
  g_test_add_func ("/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/demo/errors", test_demo_errors);
  g_test_add_func ("/demo/progress", test_demo_progress);
  g_test_add_func ("/demo/scale", test_demo_scale);
  status = g_test_run ();
  demo_clear ();
  return status;
}
