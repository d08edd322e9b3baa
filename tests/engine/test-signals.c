/* test-signals.c: the signal catalogue and the Contribution Asymmetry
 * family, on small workspaces with answers worked out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "uc-analysis.h"
#include "uc-signal-defs.h"

#define EPS  1e-9
#define DAY  ((UcTime) 86400)
#define WEEK (7 * DAY)

/* ---- building workspaces ---- */

typedef struct
{
  char       *dir;
  char       *path;
  UcStore    *store;
  UcId        source;
  guint       n_commits;
  GHashTable *people;     /* name → identity id */
} Ws;

static Ws *
ws_new (void)
{
  g_autoptr(GError) error = NULL;
  Ws *ws = g_new0 (Ws, 1);

  ws->dir = g_dir_make_tmp ("uc-signals-XXXXXX", &error);
  g_assert_no_error (error);
  ws->path = g_build_filename (ws->dir, "test.undercurrent", NULL);
  ws->store = uc_store_create (ws->path, &error);
  g_assert_no_error (error);
  ws->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_assert_true (uc_store_begin (ws->store, &error));
  ws->source = uc_store_add_source (ws->store, "git-log", "test.log", "checksum", NULL, &error);
  g_assert_no_error (error);
  return ws;
}

static void
ws_free (Ws *ws)
{
  if (uc_store_in_transaction (ws->store))
    uc_store_rollback (ws->store);
  g_clear_object (&ws->store);
  g_hash_table_unref (ws->people);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (ws->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (ws->dir);
  g_free (ws->path);
  g_free (ws->dir);
  g_free (ws);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ws, ws_free)

static UcId
ws_identity (Ws         *ws,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("%s@example.com", name);
  UcId id = GPOINTER_TO_SIZE (g_hash_table_lookup (ws->people, name));

  if (id != 0)
    return id;
  id = uc_store_ensure_identity (ws->store, "email", email, name, 0, ws->source, &error);
  g_assert_no_error (error);
  g_hash_table_insert (ws->people, g_strdup (name), GSIZE_TO_POINTER (id));
  return id;
}

static UcId
ws_person (Ws         *ws,
           const char *name)
{
  return uc_store_identity_person (ws->store, ws_identity (ws, name));
}

static void
ws_agent (Ws         *ws,
          const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (uc_store_set_person_agent (ws->store, ws_person (ws, name), TRUE, &error));
  g_assert_no_error (error);
}

static void
ws_roster (Ws         *ws,
           const char *name,
           const char *team,
           UcTime      from,
           UcTime      to)
{
  g_autoptr(GError) error = NULL;
  UcId team_id = uc_store_ensure_team (ws->store, team, ws->source, &error);

  g_assert_no_error (error);
  g_assert_true (uc_store_add_person_team (ws->store, ws_person (ws, name), team_id,
                                           from, to, ws->source, &error));
}

/* @changes: space-separated "K:path" items, K one of A M D, or
 * "R:old>new" for a rename; NULL for none. */
static UcId
ws_commit_times (Ws         *ws,
                 const char *repo,
                 const char *author,
                 UcTime      time,
                 UcTime      commit_time,
                 guint       n_parents,
                 const char *changes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_strdup_printf ("%040x", ++ws->n_commits);
  g_auto(GStrv) items = changes != NULL ? g_strsplit (changes, " ", -1) : g_new0 (char *, 1);
  UcCommitRow row = { 0 };
  UcId repo_id, commit_id;

  repo_id = uc_store_ensure_repo (ws->store, repo, "git", ws->source, &error);
  g_assert_no_error (error);
  row.repo_id = repo_id;
  row.sha = sha;
  row.author_identity = ws_identity (ws, author);
  row.committer_identity = row.author_identity;
  row.author_time = time;
  row.commit_time = commit_time;
  row.n_parents = n_parents;
  row.subject_len = 10;
  row.source_id = ws->source;
  commit_id = uc_store_add_commit (ws->store, &row, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = items[i];
      UcId file, old_file = 0;

      if (*item == '\0')
        continue;
      g_assert_true (item[1] == ':');
      if (item[0] == 'R')
        {
          g_auto(GStrv) paths = g_strsplit (item + 2, ">", 2);

          old_file = uc_store_ensure_file (ws->store, repo_id, paths[0], &error);
          file = uc_store_ensure_file (ws->store, repo_id, paths[1], &error);
        }
      else
        file = uc_store_ensure_file (ws->store, repo_id, item + 2, &error);
      g_assert_no_error (error);
      g_assert_true (uc_store_add_file_change (ws->store, commit_id, file, (UcChangeKind) item[0],
                                               old_file, 3, 1, FALSE, &error));
    }
  return commit_id;
}

static UcId
ws_commit_full (Ws         *ws,
                const char *repo,
                const char *author,
                UcTime      time,
                guint       n_parents,
                const char *changes)
{
  return ws_commit_times (ws, repo, author, time, time, n_parents, changes);
}

static UcId
ws_commit (Ws         *ws,
           const char *repo,
           const char *author,
           UcTime      time,
           const char *changes)
{
  return ws_commit_full (ws, repo, author, time, 1, changes);
}

/* @n commits with one modification each of "<author>-<i>.c". */
static void
ws_commits (Ws         *ws,
            const char *repo,
            const char *author,
            UcTime      time,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *change = g_strdup_printf ("M:%s-%u.c", author, i);

      ws_commit (ws, repo, author, time + i * 60, change);
    }
}

static void
ws_done (Ws *ws)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (uc_store_commit (ws->store, &error));
}

static UcAnalysis *
ws_analyse (Ws                      *ws,
            const UcAnalysisOptions *options)
{
  g_autoptr(GError) error = NULL;
  UcAnalysis *analysis;

  analysis = uc_analysis_run (ws->store, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  return analysis;
}

/* Wednesday 10:00 UTC of ISO week @week of 2026. */
static UcTime
at_week (int week)
{
  return uc_week_start (202600 + week) + 2 * DAY + 10 * 3600;
}

static const UcSignalValue *
value_of (UcAnalysis *analysis,
          const char *team,
          const char *signal,
          int         week_key)
{
  int t = uc_analysis_find_team (analysis, team);
  int s = uc_signal_def_index (signal);
  int w = uc_analysis_find_week (analysis, week_key);

  g_assert_cmpint (t, >=, 0);
  g_assert_cmpint (s, >=, 0);
  g_assert_cmpint (w, >=, 0);
  return uc_analysis_get_value (analysis, t, s, w);
}

static void
assert_no_data (const UcSignalValue *v)
{
  g_assert_true (isnan (v->value));
  g_assert_true (isnan (v->score));
  g_assert_cmpint (v->coverage, ==, 0);
}

static void assert_row (GPtrArray  *rows,
                        guint       i,
                        const char *kind,
                        const char *ref,
                        const char *fact);

/* ---- the catalogue ---- */

static const char *const all_ids[] = {
  "CA.gini", "CA.top_share", "CA.truck", "CA.islands",
  "RV.coverage", "RV.self_merge", "RV.rubber_stamp", "RV.density", "RV.load_gini",
  "WV.throughput_cv", "WV.backflow", "WV.cycle_spread", "WV.wip_cv",
  "DS.overridden", "DS.unanswered", "DS.voice_gini", "DS.silent", "DS.fading", "DS.newcomer_gap",
  "CV.first_response", "CV.decision_time", "CV.rounds", "CV.stalled", "CV.abandoned",
  "EG.unbacked_done", "EG.zombie", "EG.invisible", "EG.reopened", "EG.status_lag",
  "HD.after_hours", "HD.wip", "HD.switching", "HD.overload", "HD.fading",
  "TD.hotspots", "TD.coupling", "TD.rework", "TD.islands",
  "AP.t50", "AP.reach",
};

static void
test_signals_catalogue (void)
{
  const UcSignalDef *defs;
  guint n_defs;

  defs = uc_signal_defs (&n_defs);
  g_assert_cmpuint (n_defs, ==, G_N_ELEMENTS (all_ids));
  g_assert_cmpuint (n_defs, ==, UC_N_SIGNALS);
  for (guint i = 0; i < n_defs; i++)
    {
      g_autofree char *family = g_strndup (all_ids[i], 2);

      g_assert_cmpstr (defs[i].id, ==, all_ids[i]);
      g_assert_cmpint (uc_signal_def_index (all_ids[i]), ==, (int) i);
      g_assert_cmpint (defs[i].family, ==, uc_family_from_id (family));
      g_assert_cmpstr (uc_family_id (defs[i].family), ==, family);
      g_assert_true (defs[i].title != NULL && *defs[i].title != '\0');
      g_assert_true (defs[i].description != NULL && strlen (defs[i].description) > 20);
      g_assert_cmpstr (uc_signal_def_get_title (&defs[i]), ==, defs[i].title);
      g_assert_true (defs[i].healthy != defs[i].alarming);
      g_assert_cmpint (defs[i].window_weeks, ==, defs[i].family == UC_FAMILY_WV ? 12 :
                                                 defs[i].family == UC_FAMILY_AP ? 52 : 4);
      g_assert_cmpint (defs[i].lookback_weeks, >=, defs[i].window_weeks);
    }
  g_assert_cmpint (uc_signal_def_index ("CA.nope"), ==, -1);
  g_assert_cmpint (uc_family_from_id ("ED"), ==, UC_FAMILY_ED);
  g_assert_cmpint (uc_family_from_id ("XX"), ==, -1);
  for (guint f = 0; f < UC_N_FAMILIES; f++)
    g_assert_nonnull (uc_family_title (f));

  /* Bounds of SIGNALS.md, and the 52-week lookbacks. */
  g_assert_cmpfloat (defs[uc_signal_def_index ("CA.truck")].healthy, ==, 4.0);
  g_assert_cmpfloat (defs[uc_signal_def_index ("CA.truck")].alarming, ==, 1.0);
  g_assert_cmpint (defs[uc_signal_def_index ("CA.truck")].lookback_weeks, ==, 52);
  g_assert_cmpint (defs[uc_signal_def_index ("CA.islands")].lookback_weeks, ==, 52);
  g_assert_cmpint (defs[uc_signal_def_index ("TD.hotspots")].lookback_weeks, ==, 52);
  g_assert_cmpint (defs[uc_signal_def_index ("CA.gini")].lookback_weeks, ==, 4);
  g_assert_cmpfloat (defs[uc_signal_def_index ("RV.coverage")].healthy, ==, 0.95);
  g_assert_cmpfloat (defs[uc_signal_def_index ("CV.decision_time")].alarming, ==, 336.0);
  g_assert_true (defs[uc_signal_def_index ("EG.status_lag")].absolute);
}

static void
test_signals_score (void)
{
  const UcSignalDef *truck = &uc_signal_defs (NULL)[uc_signal_def_index ("EG.status_lag")];

  g_assert_cmpfloat (uc_signal_score (0.30, 0.30, 0.70), ==, 0.0);
  g_assert_cmpfloat (uc_signal_score (0.70, 0.30, 0.70), ==, 100.0);
  g_assert_cmpfloat_with_epsilon (uc_signal_score (0.40, 0.30, 0.70), 25.0, EPS);
  g_assert_cmpfloat (uc_signal_score (0.10, 0.30, 0.70), ==, 0.0);    /* clamped */
  g_assert_cmpfloat (uc_signal_score (0.95, 0.30, 0.70), ==, 100.0);
  /* Inverted: truck factor 4 → 1. */
  g_assert_cmpfloat (uc_signal_score (4.0, 4.0, 1.0), ==, 0.0);
  g_assert_false (signbit (uc_signal_score (4.0, 4.0, 1.0)));
  g_assert_cmpfloat (uc_signal_score (1.0, 4.0, 1.0), ==, 100.0);
  g_assert_cmpfloat_with_epsilon (uc_signal_score (2.0, 4.0, 1.0), 200.0 / 3.0, EPS);
  g_assert_cmpfloat (uc_signal_score (0.0, 4.0, 1.0), ==, 100.0);
  g_assert_cmpfloat (uc_signal_score (9.0, 4.0, 1.0), ==, 0.0);
  g_assert_true (isnan (uc_signal_score (NAN, 0.3, 0.7)));
  /* Scored on |value|: 5.5 days early is as bad as 5.5 days late. */
  g_assert_cmpfloat_with_epsilon (uc_signal_def_score (truck, -5.5, NAN, NAN), 50.0, EPS);
  g_assert_cmpfloat_with_epsilon (uc_signal_def_score (truck, 5.5, NAN, NAN), 50.0, EPS);
  g_assert_cmpfloat_with_epsilon (uc_signal_def_score (truck, 5.5, 1.0, 20.0), 4.5 / 19.0 * 100.0, EPS);
}

static void
test_signals_format (void)
{
  const UcSignalDef *defs = uc_signal_defs (NULL);
  g_autofree char *share = uc_signal_format_value (&defs[uc_signal_def_index ("CA.top_share")], 0.27);
  g_autofree char *people = uc_signal_format_value (&defs[uc_signal_def_index ("CA.truck")], 2);
  g_autofree char *gini = uc_signal_format_value (&defs[uc_signal_def_index ("CA.gini")], 0.4123);
  g_autofree char *none = uc_signal_format_value (&defs[uc_signal_def_index ("CA.gini")], NAN);

  g_assert_cmpstr (share, ==, "27 %");
  g_assert_cmpstr (people, ==, "2 people");
  g_assert_cmpstr (gini, ==, "0.41");
  g_assert_cmpstr (none, ==, "—");
}

/* ---- contribution asymmetry ---- */

static void
test_signals_gini_default_team (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  const UcTeamInfo *team;
  const UcSignalValue *v;

  /* No roster: everyone's team is the repository "atlas". */
  ws_commits (ws, "atlas", "ann", at_week (1), 4);
  ws_commits (ws, "atlas", "bob", at_week (1), 3);
  ws_commits (ws, "atlas", "cid", at_week (1), 2);
  ws_commits (ws, "atlas", "dan", at_week (1), 1);
  ws_done (ws);

  analysis = ws_analyse (ws, NULL);
  g_assert_cmpuint (uc_analysis_get_n_weeks (analysis), ==, 1);
  g_assert_cmpint (uc_analysis_get_week (analysis, 0), ==, 202601);
  g_assert_cmpuint (uc_analysis_get_n_teams (analysis), ==, 1);
  team = uc_analysis_get_team (analysis, 0);
  g_assert_cmpstr (team->name, ==, "atlas");
  g_assert_cmpint (team->team_id, ==, 0);
  g_assert_cmpuint (team->n_members, ==, 4);
  g_assert_cmpuint (team->person_ids->len, ==, 4);
  g_assert_cmpuint (team->n_agents, ==, 0);

  /* {4,3,2,1}: sum |xi - xj| = 20, / (2 · 16 · 2.5) = 0.25: under the
   * healthy bound 0.30, score 0. Top share 4/10 = 0.4: (0.4 - 0.25) /
   * 0.35 = 42.857 %. */
  v = value_of (analysis, "atlas", "CA.gini", 202601);
  g_assert_cmpfloat_with_epsilon (v->value, 0.25, EPS);
  g_assert_cmpfloat (v->score, ==, 0.0);
  g_assert_cmpint (v->coverage, ==, 10);
  v = value_of (analysis, "atlas", "CA.top_share", 202601);
  g_assert_cmpfloat_with_epsilon (v->value, 0.4, EPS);
  g_assert_cmpfloat_with_epsilon (v->score, 15.0 / 35.0 * 100.0, EPS);
  g_assert_cmpint (v->coverage, ==, 10);
  g_assert_cmpfloat_with_epsilon (uc_analysis_get_activity (analysis, 0, 0), 10.0, EPS);
}

static void
test_signals_default_team_busiest (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  const UcSignalValue *v;

  /* ann commits 3 times to alpha and once to beta: her team is alpha,
   * so all 4 of her commits count there. */
  ws_commits (ws, "alpha", "ann", at_week (5), 3);
  ws_commit (ws, "beta", "ann", at_week (5) + DAY, "M:x.c");
  ws_commits (ws, "alpha", "bob", at_week (5), 1);
  ws_commits (ws, "alpha", "cid", at_week (5), 1);
  ws_commits (ws, "beta", "dan", at_week (5), 1);
  ws_commits (ws, "beta", "eve", at_week (5), 1);
  ws_commits (ws, "beta", "fay", at_week (5), 1);
  ws_done (ws);

  analysis = ws_analyse (ws, NULL);
  g_assert_cmpuint (uc_analysis_get_n_teams (analysis), ==, 2);
  g_assert_cmpuint (uc_analysis_get_team (analysis, 0)->n_members, ==, 3);
  v = value_of (analysis, "alpha", "CA.top_share", 202605);
  g_assert_cmpfloat_with_epsilon (v->value, 4.0 / 6.0, EPS);
  g_assert_cmpint (v->coverage, ==, 6);
  v = value_of (analysis, "beta", "CA.top_share", 202605);
  g_assert_cmpfloat_with_epsilon (v->value, 1.0 / 3.0, EPS);
  g_assert_cmpint (v->coverage, ==, 3);
}

static void
test_signals_gini_roster_zero (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  UcAnalysisOptions options;
  const UcTeamInfo *team;
  const UcSignalValue *v;
  UcId eve;

  /* A roster team; eve is on it but never commits: she counts as 0. */
  ws_roster (ws, "ann", "Atlas", 0, 0);
  ws_roster (ws, "bob", "Atlas", 0, 0);
  ws_roster (ws, "cid", "Atlas", 0, 0);
  ws_roster (ws, "dan", "Atlas", 0, 0);
  ws_roster (ws, "eve", "Atlas", 0, 0);
  eve = ws_person (ws, "eve");
  ws_commits (ws, "core", "ann", at_week (3), 4);
  ws_commits (ws, "core", "bob", at_week (3), 3);
  ws_commits (ws, "core", "cid", at_week (3), 2);
  ws_commits (ws, "core", "dan", at_week (3), 1);
  ws_done (ws);

  analysis = ws_analyse (ws, NULL);
  g_assert_cmpuint (uc_analysis_get_n_teams (analysis), ==, 1);
  team = uc_analysis_get_team (analysis, 0);
  g_assert_cmpstr (team->name, ==, "Atlas");
  g_assert_cmpint (team->team_id, ==, uc_store_query_int (ws->store, "SELECT id FROM team WHERE name = 'Atlas'", -1));
  g_assert_cmpuint (team->n_members, ==, 4);   /* active humans */
  for (guint i = 0; i < team->person_ids->len; i++)
    g_assert_cmpint (g_array_index (team->person_ids, UcId, i), !=, eve);

  /* {0,1,2,3,4}: 40 / (2 · 25 · 2) = 0.4, score (0.4 - 0.3)/0.4 = 25. */
  v = value_of (analysis, "Atlas", "CA.gini", 202603);
  g_assert_cmpfloat_with_epsilon (v->value, 0.4, EPS);
  g_assert_cmpfloat_with_epsilon (v->score, 25.0, EPS);
  g_assert_cmpint (v->coverage, ==, 10);

  /* Custom bounds move the score. */
  uc_analysis_options_init (&options);
  options.healthy[uc_signal_def_index ("CA.gini")] = 0.2;
  options.alarming[uc_signal_def_index ("CA.gini")] = 0.6;
  g_clear_pointer (&analysis, uc_analysis_unref);
  analysis = ws_analyse (ws, &options);
  v = value_of (analysis, "Atlas", "CA.gini", 202603);
  g_assert_cmpfloat_with_epsilon (v->score, 50.0, EPS);
}

static void
test_signals_window (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  const UcSignalValue *v;

  ws_roster (ws, "ann", "Atlas", 0, 0);
  ws_roster (ws, "bob", "Atlas", 0, 0);
  ws_roster (ws, "cid", "Atlas", 0, 0);
  ws_commit (ws, "core", "ann", at_week (1), "A:a.c");
  ws_commit (ws, "core", "ann", at_week (1) + 60, "M:a.c");
  ws_commit (ws, "core", "bob", at_week (2), "A:b.c");
  ws_commit (ws, "core", "cid", at_week (5), "A:c.c");
  ws_commit (ws, "core", "ann", at_week (10), "M:a.c");
  ws_done (ws);

  analysis = ws_analyse (ws, NULL);
  g_assert_cmpuint (uc_analysis_get_n_weeks (analysis), ==, 10);
  g_assert_cmpint (uc_analysis_get_week (analysis, 9), ==, 202610);
  g_assert_cmpint (uc_analysis_get_first_time (analysis), ==, uc_week_start (202601));
  g_assert_cmpint (uc_analysis_get_last_time (analysis), ==, uc_week_start (202611));

  /* W04 = W01..W04: ann 2, bob 1, cid 0 → top 2/3. */
  v = value_of (analysis, "Atlas", "CA.top_share", 202604);
  g_assert_cmpfloat_with_epsilon (v->value, 2.0 / 3.0, EPS);
  g_assert_cmpint (v->coverage, ==, 3);
  /* W05 = W02..W05: ann's commits of W01 are 5 weeks back and out.
   * ann 0, bob 1, cid 1: Gini {0,1,1} = 4 / (2 · 9 · 2/3) = 1/3. */
  v = value_of (analysis, "Atlas", "CA.top_share", 202605);
  g_assert_cmpfloat_with_epsilon (v->value, 0.5, EPS);
  g_assert_cmpint (v->coverage, ==, 2);
  v = value_of (analysis, "Atlas", "CA.gini", 202605);
  g_assert_cmpfloat_with_epsilon (v->value, 1.0 / 3.0, EPS);

  /* W09 = W06..W09: no commit at all: no data, not 0. */
  assert_no_data (value_of (analysis, "Atlas", "CA.gini", 202609));
  assert_no_data (value_of (analysis, "Atlas", "CA.top_share", 202609));
  /* The truck factor still sees the last 52 weeks. */
  v = value_of (analysis, "Atlas", "CA.truck", 202609);
  g_assert_false (isnan (v->value));
  g_assert_cmpint (v->coverage, ==, 4);
  g_assert_true (isnan (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_RV, 8)));

  /* options.last_week cuts the analysis: W10's commit is ignored. */
  {
    UcAnalysisOptions options;
    g_autoptr(UcAnalysis) cut = NULL;

    uc_analysis_options_init (&options);
    options.last_week = 202606;
    cut = ws_analyse (ws, &options);
    g_assert_cmpuint (uc_analysis_get_n_weeks (cut), ==, 6);
    g_assert_cmpint (uc_analysis_get_week (cut, 5), ==, 202606);
    v = value_of (cut, "Atlas", "CA.truck", 202606);
    g_assert_cmpint (v->coverage, ==, 4);
    g_assert_cmpint (uc_analysis_find_week (cut, 202610), ==, -1);
  }
}

static void
test_signals_agents (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  const UcTeamInfo *team;
  const UcSignalValue *v;

  ws_commits (ws, "atlas", "ann", at_week (2), 2);
  ws_commits (ws, "atlas", "bob", at_week (2), 1);
  ws_commits (ws, "atlas", "cid", at_week (2), 1);
  ws_commits (ws, "atlas", "bot", at_week (2), 10);
  ws_agent (ws, "bot");
  /* A merge commit by ann: not a contribution in CA. */
  ws_commit_full (ws, "atlas", "ann", at_week (2) + DAY, 2, NULL);
  ws_done (ws);

  analysis = ws_analyse (ws, NULL);
  team = uc_analysis_get_team (analysis, 0);
  g_assert_cmpstr (team->name, ==, "atlas");
  g_assert_cmpuint (team->n_members, ==, 3);
  g_assert_cmpuint (team->n_agents, ==, 1);

  /* {2,1,1}: 4 / (2 · 9 · 4/3) = 1/6; the bot's 10 commits do not count. */
  v = value_of (analysis, "atlas", "CA.gini", 202602);
  g_assert_cmpfloat_with_epsilon (v->value, 1.0 / 6.0, EPS);
  g_assert_cmpint (v->coverage, ==, 4);
  v = value_of (analysis, "atlas", "CA.top_share", 202602);
  g_assert_cmpfloat_with_epsilon (v->value, 0.5, EPS);
  /* Each human file has one author: 4 files, islands 1, truck: ann (2
   * files) then bob: 3 of 4 orphaned. */
  v = value_of (analysis, "atlas", "CA.islands", 202602);
  g_assert_cmpfloat_with_epsilon (v->value, 1.0, EPS);
  g_assert_cmpint (v->coverage, ==, 4);
  v = value_of (analysis, "atlas", "CA.truck", 202602);
  g_assert_cmpfloat (v->value, ==, 2.0);
}

static void
test_signals_team_change (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  UcTime moved = uc_week_start (202602);
  const UcSignalValue *v;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *red = g_strdup_printf ("red%u", i);
      g_autofree char *blue = g_strdup_printf ("blue%u", i);

      ws_roster (ws, red, "Red", 0, 0);
      ws_roster (ws, blue, "Blue", 0, 0);
      ws_commits (ws, "mono", red, at_week (2), 1);
      ws_commits (ws, "mono", blue, at_week (2), 1);
    }
  /* pat moves from Red to Blue at the start of W02. */
  ws_roster (ws, "pat", "Red", 0, moved);
  ws_roster (ws, "pat", "Blue", moved, 0);
  ws_commits (ws, "mono", "pat", at_week (1), 2);
  ws_commits (ws, "mono", "pat", at_week (2) + DAY, 3);
  ws_done (ws);

  analysis = ws_analyse (ws, NULL);
  g_assert_cmpuint (uc_analysis_get_n_teams (analysis), ==, 2);
  g_assert_cmpstr (uc_analysis_get_team (analysis, 0)->name, ==, "Blue");
  g_assert_cmpstr (uc_analysis_get_team (analysis, 1)->name, ==, "Red");
  g_assert_cmpuint (uc_analysis_get_team (analysis, 0)->n_members, ==, 4);
  g_assert_cmpuint (uc_analysis_get_team (analysis, 1)->n_members, ==, 4);

  /* W02's window holds both periods. Red: 1 1 1 + pat's 2 →
   * Gini 6 / (2 · 16 · 1.25) = 0.15, top 2/5. Blue: 1 1 1 + pat's 3 →
   * Gini 12 / (2 · 16 · 1.5) = 0.25, top 3/6. */
  v = value_of (analysis, "Red", "CA.gini", 202602);
  g_assert_cmpfloat_with_epsilon (v->value, 0.15, EPS);
  g_assert_cmpint (v->coverage, ==, 5);
  v = value_of (analysis, "Red", "CA.top_share", 202602);
  g_assert_cmpfloat_with_epsilon (v->value, 0.4, EPS);
  v = value_of (analysis, "Blue", "CA.gini", 202602);
  g_assert_cmpfloat_with_epsilon (v->value, 0.25, EPS);
  g_assert_cmpint (v->coverage, ==, 6);
  v = value_of (analysis, "Blue", "CA.top_share", 202602);
  g_assert_cmpfloat_with_epsilon (v->value, 0.5, EPS);

  /* In W01 only Red has commits (pat's two); Blue has no data. pat was
   * not on Blue yet, and the blues are members with 0 commits only from
   * W02 on... they are roster members with open dates, so they count:
   * Red W01 = {0,0,0,2}. */
  v = value_of (analysis, "Red", "CA.top_share", 202601);
  g_assert_cmpfloat_with_epsilon (v->value, 1.0, EPS);
  v = value_of (analysis, "Red", "CA.gini", 202601);
  g_assert_cmpfloat_with_epsilon (v->value, 0.75, EPS);
  assert_no_data (value_of (analysis, "Blue", "CA.gini", 202601));
}

static void
test_signals_other (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) merged = NULL;
  g_autoptr(UcAnalysis) apart = NULL;
  UcAnalysisOptions options;
  const UcTeamInfo *other;
  const UcSignalValue *v;

  ws_commits (ws, "big", "ann", at_week (4), 1);
  ws_commits (ws, "big", "bob", at_week (4), 1);
  ws_commits (ws, "big", "cid", at_week (4), 1);
  ws_commits (ws, "small1", "dan", at_week (4), 3);
  ws_commits (ws, "small2", "eve", at_week (4), 1);
  ws_commits (ws, "small2", "bot", at_week (4), 1);
  ws_agent (ws, "bot");
  ws_done (ws);

  /* Two one-person teams: merged into "Other", which has only two
   * people itself and is still shown as "Other". */
  merged = ws_analyse (ws, NULL);
  g_assert_cmpuint (uc_analysis_get_n_teams (merged), ==, 2);
  g_assert_cmpstr (uc_analysis_get_team (merged, 0)->name, ==, "big");
  other = uc_analysis_get_team (merged, 1);
  g_assert_cmpstr (other->name, ==, "Other");
  g_assert_cmpint (other->team_id, ==, 0);
  g_assert_cmpuint (other->n_members, ==, 2);
  g_assert_cmpuint (other->n_agents, ==, 1);
  g_assert_cmpint (uc_analysis_find_team (merged, "small1"), ==, -1);
  v = value_of (merged, "Other", "CA.top_share", 202604);
  g_assert_cmpfloat_with_epsilon (v->value, 0.75, EPS);
  g_assert_cmpint (v->coverage, ==, 4);

  uc_analysis_options_init (&options);
  options.min_group_enabled = FALSE;
  apart = ws_analyse (ws, &options);
  g_assert_cmpuint (uc_analysis_get_n_teams (apart), ==, 3);
  g_assert_cmpstr (uc_analysis_get_team (apart, 0)->name, ==, "big");
  g_assert_cmpstr (uc_analysis_get_team (apart, 1)->name, ==, "small1");
  g_assert_cmpstr (uc_analysis_get_team (apart, 2)->name, ==, "small2");
  g_assert_cmpint (uc_analysis_find_team (apart, "Other"), ==, -1);
  v = value_of (apart, "small1", "CA.top_share", 202604);
  g_assert_cmpfloat_with_epsilon (v->value, 1.0, EPS);
  v = value_of (apart, "small1", "CA.gini", 202604);
  g_assert_cmpfloat (v->value, ==, 0.0);

  /* A bigger minimum merges "big" too. */
  uc_analysis_options_init (&options);
  options.min_group_size = 4;
  g_clear_pointer (&merged, uc_analysis_unref);
  merged = ws_analyse (ws, &options);
  g_assert_cmpuint (uc_analysis_get_n_teams (merged), ==, 1);
  g_assert_cmpstr (uc_analysis_get_team (merged, 0)->name, ==, "Other");
  g_assert_cmpuint (uc_analysis_get_team (merged, 0)->n_members, ==, 5);
}

/* The hand-made history of the truck factor test:
 *
 *   f1: ann creates it and changes it once more     → ann
 *   f2: ann creates it                              → ann
 *   f3: bob creates it and changes it once more     → bob
 *   f4: cid creates it; ann changes it 3 times:
 *       DOA cid = 3.293 + 1.098 + 0.164 - 0.321 ln 4 = 4.1100
 *       DOA ann = 3.293 + 0.492 - 0.321 ln 2         = 3.5625
 *       ann / cid = 0.8668 > 0.75                    → cid, ann
 *
 * Authors: ann 3 files, bob 1, cid 1. Islands: f1 f2 f3 = 3/4.
 * Truck: ann out → f1 f2 orphaned, 2/4 = 50 %: not enough; bob and cid
 * author 1 file each, bob made more changes (2 vs 1) → bob out → 3/4.
 * Truck factor 2. Commits: ann 6, bob 2, cid 1. */
static Ws *
truck_workspace (void)
{
  Ws *ws = ws_new ();
  UcTime t = at_week (2);

  ws_commit (ws, "atlas", "ann", t + 1 * 3600, "A:f1.c");
  ws_commit (ws, "atlas", "ann", t + 2 * 3600, "M:f1.c");
  ws_commit (ws, "atlas", "ann", t + 3 * 3600, "A:f2.c");
  ws_commit (ws, "atlas", "bob", t + 4 * 3600, "A:f3.c");
  ws_commit (ws, "atlas", "bob", t + 5 * 3600, "M:f3.c");
  ws_commit (ws, "atlas", "cid", t + 6 * 3600, "A:f4.c");
  ws_commit (ws, "atlas", "ann", t + 7 * 3600, "M:f4.c");
  ws_commit (ws, "atlas", "ann", t + 8 * 3600, "M:f4.c");
  ws_commit (ws, "atlas", "ann", t + 9 * 3600, "M:f4.c");
  ws_done (ws);
  return ws;
}

static void
test_signals_truck_islands (void)
{
  g_autoptr(Ws) ws = truck_workspace ();
  g_autoptr(UcAnalysis) analysis = ws_analyse (ws, NULL);
  const UcSignalValue *v;

  v = value_of (analysis, "atlas", "CA.truck", 202602);
  g_assert_cmpfloat (v->value, ==, 2.0);
  g_assert_cmpfloat_with_epsilon (v->score, 200.0 / 3.0, EPS);
  g_assert_cmpint (v->coverage, ==, 9);
  v = value_of (analysis, "atlas", "CA.islands", 202602);
  g_assert_cmpfloat_with_epsilon (v->value, 0.75, EPS);
  g_assert_cmpfloat (v->score, ==, 100.0);
  g_assert_cmpint (v->coverage, ==, 9);
  /* {6,2,1}: 20 / (2 · 9 · 3) = 0.37037; top 6/9. */
  v = value_of (analysis, "atlas", "CA.gini", 202602);
  g_assert_cmpfloat_with_epsilon (v->value, 20.0 / 54.0, EPS);
  v = value_of (analysis, "atlas", "CA.top_share", 202602);
  g_assert_cmpfloat_with_epsilon (v->value, 6.0 / 9.0, EPS);

  /* The family score is the mean of the four scores. */
  {
    double sum = 0.0;

    for (guint s = 0; s < 4; s++)
      sum += uc_analysis_get_value (analysis, 0, s, 0)->score;
    g_assert_cmpfloat_with_epsilon (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_CA, 0),
                                    sum / 4.0, EPS);
    /* No review, tracker or chat data: ED is the interaction alone. */
    g_assert_cmpfloat_with_epsilon (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_ED, 0),
                                    sqrt (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_HD, 0) *
                                          uc_analysis_get_family_score (analysis, 0, UC_FAMILY_TD, 0)), EPS);
    g_assert_true (isnan (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_AP, 0)));
    g_assert_cmpint (uc_analysis_get_family_trend (analysis, 0, UC_FAMILY_CA), ==, UC_TREND_NONE);
  }
}

static void
test_signals_lineage (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const UcSignalValue *v;
  UcEvidence *row;
  UcTime t = at_week (6);

  /* x.c is created by ann and renamed to y.c by bob: one file whose
   * DOAs are ann 3.293 + 1.098 + 0.164 - 0.321 ln 2 = 4.3325 and bob
   * 3.293 + 0.164 - 0.321 ln 2 = 3.2345 < 3.293: ann alone.
   * z.c is created and deleted by cid: gone, not counted. */
  ws_commit (ws, "atlas", "ann", t, "A:x.c");
  ws_commit (ws, "atlas", "bob", t + 3600, "R:x.c>y.c");
  ws_commit (ws, "atlas", "cid", t + 7200, "A:z.c");
  ws_commit (ws, "atlas", "cid", t + 9000, "D:z.c");
  ws_done (ws);

  analysis = ws_analyse (ws, NULL);
  v = value_of (analysis, "atlas", "CA.islands", 202606);
  g_assert_cmpfloat (v->value, ==, 1.0);
  g_assert_cmpint (v->coverage, ==, 2);
  v = value_of (analysis, "atlas", "CA.truck", 202606);
  g_assert_cmpfloat (v->value, ==, 1.0);
  g_assert_cmpfloat (v->score, ==, 100.0);

  rows = uc_analysis_get_evidence (analysis, ws->store, 0, "CA.islands", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->kind, ==, "file");
  g_assert_cmpstr (row->ref, ==, "y.c");
  g_assert_cmpstr (row->fact, ==, "only author: ann (DOA 4.33)");
  g_assert_cmpint (row->time, ==, t + 3600);
}

static void
test_signals_lineage_order (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const UcSignalValue *v;
  UcTime t = at_week (8);

  /* x.c: ann's edit is dated before bob's creation. It is one file,
   * created by bob: bob 3.293 + 1.098 + 0.164 - 0.321 ln 2 = 4.3325,
   * ann 3.2345 < 3.293: bob alone, and both changes count. */
  ws_commit (ws, "atlas", "ann", t, "M:x.c");
  ws_commit (ws, "atlas", "bob", t + 60, "A:x.c");
  /* r.c: cid's deletion has an older author date than ann's creation
   * (rebased) but was committed after it: the file is gone. */
  ws_commit_times (ws, "atlas", "ann", t + 600, t + 600, 1, "A:r.c");
  ws_commit_times (ws, "atlas", "cid", t + 300, t + 900, 1, "D:r.c");
  ws_done (ws);

  analysis = ws_analyse (ws, NULL);
  v = value_of (analysis, "atlas", "CA.islands", 202608);
  g_assert_cmpfloat (v->value, ==, 1.0);
  g_assert_cmpint (v->coverage, ==, 2);

  rows = uc_analysis_get_evidence (analysis, ws->store, 0, "CA.islands", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_row (rows, 0, "file", "x.c", "only author: bob (DOA 4.33)");
}

static void
test_signals_truck_zero (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const UcSignalValue *v;
  UcTime t = at_week (3);

  /* Files whose history starts with edits (no creation seen): one change
   * each by two people is DOA 3.293 + 0.164 - 0.321 ln 2 = 3.2345 for
   * both, under 3.293: nobody authors a.c or b.c. c.c has one author.
   * 2 of 3 files are orphaned from the start: truck factor 0. */
  ws_commit (ws, "atlas", "ann", t, "M:a.c M:b.c");
  ws_commit (ws, "atlas", "bob", t + 60, "M:a.c M:b.c");
  ws_commit (ws, "atlas", "cid", t + 120, "M:c.c");
  ws_done (ws);

  analysis = ws_analyse (ws, NULL);
  v = value_of (analysis, "atlas", "CA.truck", 202603);
  g_assert_cmpfloat (v->value, ==, 0.0);
  g_assert_cmpfloat (v->score, ==, 100.0);
  g_assert_cmpint (v->coverage, ==, 5);
  v = value_of (analysis, "atlas", "CA.islands", 202603);
  g_assert_cmpfloat_with_epsilon (v->value, 1.0 / 3.0, EPS);

  rows = uc_analysis_get_evidence (analysis, ws->store, 0, "CA.truck", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, "file", "a.c", "no author: nobody has changed it enough to know it well");
  assert_row (rows, 1, "file", "b.c", "no author: nobody has changed it enough to know it well");
}

static void
test_signals_no_data (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  ws_done (ws);
  analysis = ws_analyse (ws, NULL);
  g_assert_cmpuint (uc_analysis_get_n_weeks (analysis), ==, 0);
  g_assert_cmpuint (uc_analysis_get_n_teams (analysis), ==, 0);
  g_assert_cmpint (uc_analysis_find_week (analysis, 202601), ==, -1);

  root = uc_analysis_to_json (analysis, NULL, 0);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_null_member (object, "week"));
  g_assert_true (json_object_get_null_member (object, "workspace"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "teams")), ==, 0);
}

static double
json_number_or_nan (JsonObject *object,
                    const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return NAN;
  return json_node_get_double (node);
}

static void
test_signals_json (void)
{
  g_autoptr(Ws) ws = truck_workspace ();
  g_autoptr(UcAnalysis) analysis = ws_analyse (ws, NULL);
  g_autoptr(JsonNode) node = uc_analysis_to_json (analysis, ws->path, 0);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *root, *team, *families, *signals, *series;
  JsonArray *teams, *ca_series;
  g_autoptr(GDateTime) generated = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "workspace"), ==, ws->path);
  g_assert_cmpstr (json_object_get_string_member (root, "week"), ==, "2026-W02");
  generated = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "generated_at"), NULL);
  g_assert_nonnull (generated);

  teams = json_object_get_array_member (root, "teams");
  g_assert_cmpuint (json_array_get_length (teams), ==, 1);
  team = json_array_get_object_element (teams, 0);
  g_assert_cmpstr (json_object_get_string_member (team, "name"), ==, "atlas");
  g_assert_cmpint (json_object_get_int_member (team, "members"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (team, "agents"), ==, 0);
  g_assert_false (json_object_get_boolean_member (team, "masked_decline"));
  g_assert_true (json_object_get_null_member (team, "decline_started"));

  families = json_object_get_object_member (team, "families");
  g_assert_cmpuint (json_object_get_size (families), ==, UC_N_FAMILIES);
  for (guint f = 0; f < UC_N_FAMILIES; f++)
    {
      JsonObject *family = json_object_get_object_member (families, uc_family_id (f));

      g_assert_nonnull (family);
      /* Commits alone feed CA, HD, TD and so ED (√(HD·TD)). */
      if (f == UC_FAMILY_CA || f == UC_FAMILY_HD || f == UC_FAMILY_TD || f == UC_FAMILY_ED)
        g_assert_cmpfloat_with_epsilon (json_number_or_nan (family, "score"),
                                        uc_analysis_get_family_score (analysis, 0, f, 0), 1e-9);
      else
        g_assert_true (json_object_get_null_member (family, "score"));
      /* One week: too short for a trend. */
      g_assert_true (json_object_get_null_member (family, "trend"));
    }

  signals = json_object_get_object_member (team, "signals");
  g_assert_cmpuint (json_object_get_size (signals), ==, G_N_ELEMENTS (all_ids));
  for (guint i = 0; i < G_N_ELEMENTS (all_ids); i++)
    {
      JsonObject *signal = json_object_get_object_member (signals, all_ids[i]);

      g_assert_nonnull (signal);
      g_assert_true (json_object_has_member (signal, "value"));
      g_assert_true (json_object_has_member (signal, "score"));
      g_assert_true (json_object_has_member (signal, "coverage"));
      if (!g_str_has_prefix (all_ids[i], "CA.") && !g_str_has_prefix (all_ids[i], "HD.") &&
          !g_str_has_prefix (all_ids[i], "TD."))
        {
          g_assert_true (json_object_get_null_member (signal, "value"));
          g_assert_true (json_object_get_null_member (signal, "score"));
          g_assert_cmpint (json_object_get_int_member (signal, "coverage"), ==, 0);
        }
    }
  g_assert_cmpfloat_with_epsilon (json_number_or_nan (json_object_get_object_member (signals, "CA.gini"), "value"),
                                  20.0 / 54.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_number_or_nan (json_object_get_object_member (signals, "CA.top_share"), "value"),
                                  6.0 / 9.0, 1e-9);
  g_assert_cmpfloat (json_number_or_nan (json_object_get_object_member (signals, "CA.truck"), "value"), ==, 2.0);
  g_assert_cmpfloat_with_epsilon (json_number_or_nan (json_object_get_object_member (signals, "CA.islands"), "value"),
                                  0.75, 1e-9);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (signals, "CA.truck"), "coverage"), ==, 9);

  series = json_object_get_object_member (team, "series");
  g_assert_true (json_object_has_member (series, "ED"));
  g_assert_true (json_object_has_member (series, "HD"));
  g_assert_true (json_object_has_member (series, "TD"));
  ca_series = json_object_get_array_member (series, "CA");
  g_assert_cmpuint (json_array_get_length (ca_series), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (ca_series, 0), 0), ==, "2026-W02");
  g_assert_false (JSON_NODE_HOLDS_NULL (json_array_get_element (json_array_get_array_element (ca_series, 0), 1)));
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (
    json_array_get_array_element (json_object_get_array_member (series, "ED"), 0), 1),
                                  uc_analysis_get_family_score (analysis, 0, UC_FAMILY_ED, 0), 1e-9);

  /* A week after the analysed period: the week as asked, no values. */
  {
    g_autoptr(JsonNode) later = uc_analysis_to_json (analysis, NULL, 202640);
    JsonObject *later_team = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (later), "teams"), 0);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (later), "week"), ==, "2026-W40");
    g_assert_true (json_object_get_null_member (
      json_object_get_object_member (json_object_get_object_member (later_team, "signals"), "CA.gini"), "value"));
  }
}

static void
assert_row (GPtrArray  *rows,
            guint       i,
            const char *kind,
            const char *ref,
            const char *fact)
{
  UcEvidence *row;

  g_assert_cmpuint (i, <, rows->len);
  row = g_ptr_array_index (rows, i);
  g_assert_cmpstr (row->kind, ==, kind);
  g_assert_cmpstr (row->ref, ==, ref);
  g_assert_cmpstr (row->fact, ==, fact);
  g_assert_cmpint (row->kind_id, >, 0);
}

static void
test_signals_evidence (void)
{
  g_autoptr(Ws) ws = truck_workspace ();
  g_autoptr(UcAnalysis) analysis = ws_analyse (ws, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  UcId ann = ws_person (ws, "ann");

  /* Members with their commits. */
  rows = uc_analysis_get_evidence (analysis, ws->store, 0, "CA.gini", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, "person", "ann", "6 of 9 commits (67 %)");
  assert_row (rows, 1, "person", "bob", "2 of 9 commits (22 %)");
  assert_row (rows, 2, "person", "cid", "1 of 9 commits (11 %)");
  g_assert_cmpint (((UcEvidence *) g_ptr_array_index (rows, 0))->kind_id, ==, ann);
  g_assert_cmpint (((UcEvidence *) g_ptr_array_index (rows, 0))->time, ==, at_week (2) + 9 * 3600);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = uc_analysis_get_evidence (analysis, ws->store, 0, "CA.top_share", 0, &error);
  g_assert_no_error (error);
  assert_row (rows, 0, "person", "ann", "6 of 9 commits (67 %)");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* ann's commits, newest first, with their shas. */
  rows = uc_analysis_get_commits (analysis, ws->store, 0, ann, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  assert_row (rows, 0, "commit", "0000000000000000000000000000000000000009", "ann in atlas, 1 file changed");
  assert_row (rows, 5, "commit", "0000000000000000000000000000000000000001", "ann in atlas, 1 file changed");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = uc_analysis_get_commits (analysis, ws->store, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 9);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The people removed and the files they author (most changed first). */
  rows = uc_analysis_get_evidence (analysis, ws->store, 0, "CA.truck", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  assert_row (rows, 0, "person", "ann", "removal 1 of 2: author of 3 of 4 files");
  assert_row (rows, 1, "file", "f4.c", "authors: cid (DOA 4.11), ann (DOA 3.56)");
  assert_row (rows, 2, "file", "f1.c", "authors: ann (DOA 4.72)");
  assert_row (rows, 3, "file", "f2.c", "authors: ann (DOA 4.55)");
  assert_row (rows, 4, "person", "bob", "removal 2 of 2: author of 1 of 4 files");
  assert_row (rows, 5, "file", "f3.c", "authors: bob (DOA 4.72)");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The single-author files. */
  rows = uc_analysis_get_evidence (analysis, ws->store, 0, "CA.islands", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, "file", "f1.c", "only author: ann (DOA 4.72)");
  assert_row (rows, 1, "file", "f3.c", "only author: bob (DOA 4.72)");
  assert_row (rows, 2, "file", "f2.c", "only author: ann (DOA 4.55)");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Signals not computed yet have nothing behind them. */
  rows = uc_analysis_get_evidence (analysis, ws->store, 0, "RV.coverage", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = uc_analysis_get_evidence (analysis, ws->store, 0, "CA.nope", 0, &error);
  g_assert_error (error, UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_UNKNOWN_SIGNAL);
  g_assert_null (rows);
  g_clear_error (&error);
  rows = uc_analysis_get_evidence (analysis, ws->store, 3, "CA.gini", 0, &error);
  g_assert_error (error, UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_OUT_OF_RANGE);
  g_assert_null (rows);
}

static void
test_signals_evidence_no_data (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  ws_commits (ws, "atlas", "ann", at_week (1), 1);
  ws_commits (ws, "atlas", "bob", at_week (1), 1);
  ws_commits (ws, "atlas", "cid", at_week (1), 1);
  ws_commits (ws, "atlas", "ann", at_week (8), 1);
  ws_done (ws);
  analysis = ws_analyse (ws, NULL);

  /* W06: nothing in the 4-week window. */
  rows = uc_analysis_get_evidence (analysis, ws->store, 0, "CA.gini", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

/* A team whose work concentrates week after week: the CA score rises
 * and its trend is "degrading"; a steady team is "stable". */
static void
test_signals_trend (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  int dune, atlas;

  for (int w = 1; w <= 20; w++)
    {
      ws_commits (ws, "dune", "ann", at_week (w), 1 + w);
      ws_commits (ws, "dune", "bob", at_week (w) + DAY, 1);
      ws_commits (ws, "dune", "cid", at_week (w) + DAY, 1);
      ws_commits (ws, "dune", "dan", at_week (w) + DAY, 1);
      ws_commits (ws, "atlas", "eve", at_week (w), 2);
      ws_commits (ws, "atlas", "fay", at_week (w), 2);
      ws_commits (ws, "atlas", "gus", at_week (w), 2);
    }
  ws_done (ws);

  analysis = ws_analyse (ws, NULL);
  dune = uc_analysis_find_team (analysis, "dune");
  atlas = uc_analysis_find_team (analysis, "atlas");
  g_assert_cmpuint (uc_analysis_get_n_weeks (analysis), ==, 20);
  g_assert_cmpint (uc_analysis_get_family_trend (analysis, dune, UC_FAMILY_CA), ==, UC_TREND_DEGRADING);
  g_assert_cmpint (uc_analysis_get_family_trend (analysis, atlas, UC_FAMILY_CA), ==, UC_TREND_STABLE);
  /* 11 weeks of scores are not enough. */
  g_assert_cmpint (uc_analysis_get_family_trend_at (analysis, dune, UC_FAMILY_CA, 10), ==, UC_TREND_NONE);
  g_assert_cmpint (uc_analysis_get_family_trend_at (analysis, dune, UC_FAMILY_CA, 11), ==, UC_TREND_DEGRADING);
  g_assert_cmpint (uc_analysis_get_family_trend (analysis, dune, UC_FAMILY_RV), ==, UC_TREND_NONE);
  g_assert_false (uc_analysis_get_masked_decline (analysis, dune, 19, NULL));

  {
    g_autoptr(JsonNode) root = uc_analysis_to_json (analysis, NULL, 0);
    JsonArray *teams = json_object_get_array_member (json_node_get_object (root), "teams");
    JsonObject *families = json_object_get_object_member (json_array_get_object_element (teams, dune),
                                                          "families");

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (families, "CA"), "trend"),
                     ==, "degrading");
    /* ED (from HD and TD, which commits feed) has 20 weeks: a trend. */
    g_assert_false (json_object_get_null_member (json_object_get_object_member (families, "ED"), "trend"));
    g_assert_cmpint (uc_analysis_get_family_trend (analysis, dune, UC_FAMILY_ED), !=, UC_TREND_NONE);
  }
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_signals_progress_cancel (void)
{
  g_autoptr(Ws) ws = truck_workspace ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  double last = 0.0;

  analysis = uc_analysis_run (ws->store, NULL, progress_cb, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_true (uc_analysis_ref (analysis) == analysis);
  uc_analysis_unref (analysis);
  g_clear_pointer (&analysis, uc_analysis_unref);

  g_cancellable_cancel (cancellable);
  analysis = uc_analysis_run (ws->store, NULL, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (analysis);
  /* The store is usable afterwards: no read transaction left open. */
  g_assert_false (uc_store_in_transaction (ws->store));
  g_clear_error (&error);
  g_assert_true (uc_store_begin (ws->store, &error));
  g_assert_true (uc_store_commit (ws->store, &error));
}

static void
perf_progress_cb (double      fraction,
                  const char *message,
                  gpointer    user_data)
{
  gint64 *t0 = user_data;

  g_test_message ("%.3f s: %.2f %s", (g_get_monotonic_time () - *t0) / 1e6, fraction,
                  message != NULL ? message : "");
}

/* `-m perf`: 100 000 commits in 8 teams over 4 years. */
static void
test_signals_perf (void)
{
  g_autoptr(Ws) ws = ws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  UcTime start = uc_week_start (202301);
  gint64 t0;
  const guint n_commits = 100000;

  for (guint i = 0; i < n_commits; i++)
    {
      guint team = g_rand_int_range (rand, 0, 8);
      g_autofree char *repo = g_strdup_printf ("repo%u", team);
      g_autofree char *author = g_strdup_printf ("dev%u-%u", team, g_rand_int_range (rand, 0, 12));
      g_autofree char *changes = g_strdup_printf ("M:src/m%u/f%u.c M:src/m%u/g%u.c M:doc/d%u.md",
                                                  g_rand_int_range (rand, 0, 20), g_rand_int_range (rand, 0, 100),
                                                  g_rand_int_range (rand, 0, 20), g_rand_int_range (rand, 0, 100),
                                                  g_rand_int_range (rand, 0, 50));

      ws_commit (ws, repo, author, start + (UcTime) i * (4 * 52 * WEEK / n_commits), changes);
    }
  ws_done (ws);

  t0 = g_get_monotonic_time ();
  analysis = uc_analysis_run (ws->store, NULL, perf_progress_cb, &t0, NULL, NULL);
  g_assert_nonnull (analysis);
  g_test_minimized_result ((g_get_monotonic_time () - t0) / 1e6,
                           "analysis of %u commits: %.3f s", n_commits,
                           (g_get_monotonic_time () - t0) / 1e6);
  g_assert_cmpuint (uc_analysis_get_n_teams (analysis), ==, 8);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signals/catalogue", test_signals_catalogue);
  g_test_add_func ("/signals/score", test_signals_score);
  g_test_add_func ("/signals/format", test_signals_format);
  g_test_add_func ("/signals/ca/gini-default-team", test_signals_gini_default_team);
  g_test_add_func ("/signals/ca/default-team-busiest", test_signals_default_team_busiest);
  g_test_add_func ("/signals/ca/gini-roster-zero", test_signals_gini_roster_zero);
  g_test_add_func ("/signals/ca/window", test_signals_window);
  g_test_add_func ("/signals/ca/agents", test_signals_agents);
  g_test_add_func ("/signals/ca/team-change", test_signals_team_change);
  g_test_add_func ("/signals/ca/other", test_signals_other);
  g_test_add_func ("/signals/ca/truck-islands", test_signals_truck_islands);
  g_test_add_func ("/signals/ca/lineage", test_signals_lineage);
  g_test_add_func ("/signals/ca/lineage-order", test_signals_lineage_order);
  g_test_add_func ("/signals/ca/truck-zero", test_signals_truck_zero);
  g_test_add_func ("/signals/no-data", test_signals_no_data);
  g_test_add_func ("/signals/json", test_signals_json);
  g_test_add_func ("/signals/ca/evidence", test_signals_evidence);
  g_test_add_func ("/signals/ca/evidence-no-data", test_signals_evidence_no_data);
  g_test_add_func ("/signals/trend", test_signals_trend);
  g_test_add_func ("/signals/progress-cancel", test_signals_progress_cancel);
  if (g_test_perf ())
    g_test_add_func ("/signals/perf", test_signals_perf);

  return g_test_run ();
}
