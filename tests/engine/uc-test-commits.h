/* uc-test-commits.h: commits with every detail the HD, TD and AP tests
 * need — time zone, repository, file changes with their kind and lines,
 * merge, fix and revert flags, AI trailers, a committer — on top of the
 * small workspaces of uc-test-records.h, and local wall-clock times.
 *
 * Header-only (static inline) so each test is one source file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-test-records.h"

#define TC_FIX     (1u << 0)
#define TC_REVERT  (1u << 1)
#define TC_AI      (1u << 2)
#define TC_MERGE   (1u << 3)

typedef struct
{
  const char *author;
  UcTime      time;          /* UTC */
  int         tz;            /* minutes east of UTC */
  const char *changes;       /* "A:src/a.c:10 M:docs/b.md R:old.c>new.c:3"; lines default 1 */
  const char *repo;          /* NULL: GIT_REPO */
  guint       flags;         /* TC_* */
  const char *committer;     /* NULL: the author */
} TestCommit;

static inline UcId
tc_repo (TestWs     *ws,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  UcId id;

  if (name == NULL)
    return ws->git_repo;
  id = uc_store_ensure_repo (ws->store, name, "git", ws->source, &error);
  g_assert_no_error (error);
  return id;
}

static inline UcId
tc_commit (TestWs           *ws,
           const TestCommit *c)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_strdup_printf ("%040x", ++ws->n_commits);
  g_auto(GStrv) tokens = NULL;
  UcCommitRow row = { 0 };
  UcId repo = tc_repo (ws, c->repo);
  UcId commit_id;

  row.repo_id = repo;
  row.sha = sha;
  row.author_identity = tws_identity (ws, c->author);
  row.committer_identity = c->committer != NULL ? tws_identity (ws, c->committer) : row.author_identity;
  row.author_time = c->time;
  row.author_tz = c->tz;
  row.commit_time = c->time;
  row.commit_tz = c->tz;
  row.n_parents = (c->flags & TC_MERGE) != 0 ? 2 : 1;
  row.subject_len = 10;
  row.is_fix = (c->flags & TC_FIX) != 0;
  row.is_revert = (c->flags & TC_REVERT) != 0;
  row.ai_assisted = (c->flags & TC_AI) != 0;
  row.source_id = ws->source;
  commit_id = uc_store_add_commit (ws->store, &row, NULL, &error);
  g_assert_no_error (error);

  tokens = g_strsplit (c->changes != NULL ? c->changes : "", " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      g_auto(GStrv) paths = NULL;
      UcId file, old_file = 0;
      gint64 lines = 1;

      if (tokens[i][0] == '\0')
        continue;
      parts = g_strsplit (tokens[i], ":", 3);
      g_assert_nonnull (parts[1]);
      if (parts[2] != NULL)
        lines = g_ascii_strtoll (parts[2], NULL, 10);
      paths = g_strsplit (parts[1], ">", 2);
      if (paths[1] != NULL)
        {
          old_file = uc_store_ensure_file (ws->store, repo, paths[0], &error);
          g_assert_no_error (error);
          file = uc_store_ensure_file (ws->store, repo, paths[1], &error);
        }
      else
        file = uc_store_ensure_file (ws->store, repo, paths[0], &error);
      g_assert_no_error (error);
      g_assert_true (uc_store_add_file_change (ws->store, commit_id, file, (UcChangeKind) parts[0][0],
                                               old_file, lines - lines / 2, lines / 2, FALSE, &error));
      g_assert_no_error (error);
    }
  return commit_id;
}

/* A plain commit: one modified file in src/ of the default repository. */
static inline UcId
tc_simple (TestWs     *ws,
           const char *author,
           UcTime      time)
{
  TestCommit c = { author, time, 0, "M:src/main.c:1", NULL, 0, NULL };

  return tc_commit (ws, &c);
}

/* The UTC instant of a local wall-clock time: @day (0 = Monday) of week
 * @week after @base_week, at @hour:@minute, in a zone @tz minutes east
 * of UTC. */
static inline UcTime
tc_local (int base_week,
          int week,
          int day,
          int hour,
          int minute,
          int tz)
{
  return uc_week_start (base_week) + (UcTime) week * WEEK + (UcTime) day * DAY +
         (UcTime) hour * HOUR + (UcTime) minute * MINUTE - (UcTime) tz * MINUTE;
}

static inline UcAnalysis *
tc_analyse (TestWs                  *ws,
            const UcAnalysisOptions *options)
{
  g_autoptr(GError) error = NULL;
  UcAnalysisOptions defaults;
  UcAnalysis *analysis;

  if (uc_store_in_transaction (ws->store))
    {
      g_assert_true (uc_store_commit (ws->store, &error));
      g_assert_no_error (error);
    }
  if (options == NULL)
    {
      uc_analysis_options_init (&defaults);
      defaults.min_group_enabled = FALSE;
      options = &defaults;
    }
  analysis = uc_analysis_run (ws->store, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  return analysis;
}

static inline const UcSignalValue *
tc_value (UcAnalysis *analysis,
          const char *team,
          const char *signal,
          guint       week)
{
  int t = uc_analysis_find_team (analysis, team);
  int s = uc_signal_def_index (signal);

  g_assert_cmpint (t, >=, 0);
  g_assert_cmpint (s, >=, 0);
  return uc_analysis_get_value (analysis, (guint) t, (guint) s, week);
}

#define tc_assert_value(analysis, team, signal, week, expected, expected_coverage) \
  G_STMT_START { \
    const UcSignalValue *v_ = tc_value ((analysis), (team), (signal), (week)); \
    g_assert_cmpfloat_with_epsilon (v_->value, (expected), EPS); \
    g_assert_cmpint (v_->coverage, ==, (expected_coverage)); \
  } G_STMT_END

#define tc_assert_no_data(analysis, team, signal, week) \
  G_STMT_START { \
    const UcSignalValue *v_ = tc_value ((analysis), (team), (signal), (week)); \
    g_assert_true (isnan (v_->value)); \
    g_assert_true (isnan (v_->score)); \
    g_assert_cmpint (v_->coverage, ==, 0); \
  } G_STMT_END

/* The evidence of a value, which must exist. */
static inline GPtrArray *
tc_evidence (UcAnalysis *analysis,
             TestWs     *ws,
             const char *team,
             const char *signal,
             guint       week)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  rows = uc_analysis_get_evidence (analysis, ws->store, (guint) uc_analysis_find_team (analysis, team),
                                   signal, week, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

/* The number of rows whose fact contains @needle. */
static inline guint
tc_count_facts (GPtrArray  *rows,
                const char *needle)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (strstr (((UcEvidence *) g_ptr_array_index (rows, i))->fact, needle) != NULL)
      n++;
  return n;
}
