/* uc-test-records.h: small workspaces of commits, change requests,
 * reviews, comments, items, status changes, links and chat messages,
 * built through the store's typed inserts, for the tests of the record
 * families (test-signals-rv.c, -ds.c, -cv.c, -wv.c, -eg.c).
 *
 * Header-only (static inline) so each test is one source file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "uc-analysis.h"
#include "uc-signal-defs.h"

#define EPS     1e-9
#define MINUTE  ((UcTime) 60)
#define HOUR    ((UcTime) 3600)
#define DAY     ((UcTime) 86400)
#define WEEK    (7 * DAY)

/* The repositories of every fixture. */
#define GIT_REPO "app"
#define CR_REPO  "org/app"

typedef struct
{
  char       *dir;
  char       *path;
  UcStore    *store;
  UcId        source;
  UcId        git_repo;
  UcId        cr_repo;
  guint       n_commits;
  guint       n_ext;
  GHashTable *people;     /* name → identity id */
} TestWs;

static inline TestWs *
tws_new (void)
{
  g_autoptr(GError) error = NULL;
  TestWs *ws = g_new0 (TestWs, 1);

  ws->dir = g_dir_make_tmp ("uc-records-XXXXXX", &error);
  g_assert_no_error (error);
  ws->path = g_build_filename (ws->dir, "test.undercurrent", NULL);
  ws->store = uc_store_create (ws->path, &error);
  g_assert_no_error (error);
  ws->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_assert_true (uc_store_begin (ws->store, &error));
  ws->source = uc_store_add_source (ws->store, "test", "test", "checksum", NULL, &error);
  g_assert_no_error (error);
  ws->git_repo = uc_store_ensure_repo (ws->store, GIT_REPO, "git", ws->source, &error);
  g_assert_no_error (error);
  ws->cr_repo = uc_store_ensure_repo (ws->store, CR_REPO, "github", ws->source, &error);
  g_assert_no_error (error);
  return ws;
}

static inline void
tws_free (TestWs *ws)
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
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestWs, tws_free)

static inline char *
tws_ext (TestWs *ws)
{
  return g_strdup_printf ("test:%u", ++ws->n_ext);
}

static inline UcId
tws_identity (TestWs     *ws,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  UcId id;

  if (name == NULL)
    return 0;
  id = GPOINTER_TO_SIZE (g_hash_table_lookup (ws->people, name));
  if (id != 0)
    return id;
  email = g_strdup_printf ("%s@example.com", name);
  id = uc_store_ensure_identity (ws->store, "email", email, name, 0, ws->source, &error);
  g_assert_no_error (error);
  g_hash_table_insert (ws->people, g_strdup (name), GSIZE_TO_POINTER (id));
  return id;
}

static inline UcId
tws_person (TestWs     *ws,
            const char *name)
{
  return uc_store_identity_person (ws->store, tws_identity (ws, name));
}

static inline void
tws_agent (TestWs     *ws,
           const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (uc_store_set_person_agent (ws->store, tws_person (ws, name), TRUE, &error));
  g_assert_no_error (error);
}

/* @from/@to 0: open. */
static inline void
tws_roster (TestWs     *ws,
            const char *name,
            const char *team,
            UcTime      from,
            UcTime      to)
{
  g_autoptr(GError) error = NULL;
  UcId team_id = uc_store_ensure_team (ws->store, team, ws->source, &error);

  g_assert_no_error (error);
  g_assert_true (uc_store_add_person_team (ws->store, tws_person (ws, name), team_id,
                                           from, to, ws->source, &error));
}

static inline UcId
tws_commit (TestWs     *ws,
            const char *author,
            UcTime      time)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_strdup_printf ("%040x", ++ws->n_commits);
  g_autofree char *path = g_strdup_printf ("src/%s-%u.c", author, ws->n_commits);
  UcCommitRow row = { 0 };
  UcId commit_id, file;

  row.repo_id = ws->git_repo;
  row.sha = sha;
  row.author_identity = tws_identity (ws, author);
  row.committer_identity = row.author_identity;
  row.author_time = time;
  row.commit_time = time;
  row.n_parents = 1;
  row.subject_len = 10;
  row.source_id = ws->source;
  commit_id = uc_store_add_commit (ws->store, &row, NULL, &error);
  g_assert_no_error (error);
  file = uc_store_ensure_file (ws->store, ws->git_repo, path, &error);
  g_assert_no_error (error);
  g_assert_true (uc_store_add_file_change (ws->store, commit_id, file, UC_CHANGE_MODIFIED, 0,
                                           3, 1, FALSE, &error));
  return commit_id;
}

typedef struct
{
  const char *number;
  const char *author;
  const char *state;        /* "open", "merged", "closed" */
  UcTime      created;
  UcTime      ended;        /* merge or close time */
  const char *merged_by;    /* NULL: unknown */
  gint64      size;         /* -1: unknown */
  gint64      n_rounds;     /* -1: unknown (0 is taken as unknown too) */
  UcTime      last_commit;  /* 0: unknown */
} TestCr;

static inline UcId
tws_cr (TestWs       *ws,
        const TestCr *cr)
{
  g_autoptr(GError) error = NULL;
  UcChangeRequestRow row = { 0 };
  UcId id;

  row.repo_id = ws->cr_repo;
  row.number = cr->number;
  row.author_identity = tws_identity (ws, cr->author);
  row.state = cr->state;
  row.created_time = cr->created;
  row.updated_time = 0;
  if (g_str_equal (cr->state, "merged"))
    {
      row.merged_time = cr->ended;
      row.closed_time = cr->ended;
    }
  else if (g_str_equal (cr->state, "closed"))
    row.closed_time = cr->ended;
  row.merged_by_identity = tws_identity (ws, cr->merged_by);
  row.additions = cr->size >= 0 ? cr->size - cr->size / 4 : -1;
  row.deletions = cr->size >= 0 ? cr->size / 4 : -1;
  row.n_commits = -1;
  row.n_rounds = cr->n_rounds > 0 ? cr->n_rounds : -1;
  row.last_commit_time = cr->last_commit;
  row.title_len = 10;
  row.source_id = ws->source;
  id = uc_store_add_change_request (ws->store, &row, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static inline UcId
tws_review (TestWs        *ws,
            UcId           cr,
            const char    *reviewer,
            UcReviewState  state,
            UcTime         time,
            guint          body_len,
            gboolean       objection)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ext = tws_ext (ws);
  UcReviewRow row = { 0 };
  UcId id;

  row.cr_id = cr;
  row.ext_id = ext;
  row.reviewer_identity = tws_identity (ws, reviewer);
  row.state = state;
  row.time = time;
  row.body_len = body_len;
  row.is_objection = objection;
  row.source_id = ws->source;
  id = uc_store_add_review (ws->store, &row, NULL, &error);
  g_assert_no_error (error);
  return id;
}

/* A comment on a CR (@cr) or an item (@item); returns its ext id in
 * *@ext_out when not NULL (owned by the caller). */
static inline UcId
tws_comment (TestWs     *ws,
             UcId        cr,
             UcId        item,
             const char *author,
             UcTime      time,
             gboolean    objection,
             const char *reply_to_ext,
             char      **ext_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ext = tws_ext (ws);
  UcCommentRow row = { 0 };
  UcId id;

  row.ext_id = ext;
  row.cr_id = cr;
  row.item_id = item;
  row.author_identity = tws_identity (ws, author);
  row.time = time;
  row.reply_to_ext_id = reply_to_ext;
  row.is_review_comment = cr != 0;
  row.body_len = 20;
  row.is_objection = objection;
  row.source_id = ws->source;
  id = uc_store_add_comment (ws->store, &row, NULL, &error);
  g_assert_no_error (error);
  if (ext_out != NULL)
    *ext_out = g_steal_pointer (&ext);
  return id;
}

static inline UcId
tws_cr_comment (TestWs     *ws,
                UcId        cr,
                const char *author,
                UcTime      time,
                gboolean    objection)
{
  return tws_comment (ws, cr, 0, author, time, objection, NULL, NULL);
}

static inline UcId
tws_item_comment (TestWs     *ws,
                  UcId        item,
                  const char *author,
                  UcTime      time,
                  gboolean    objection)
{
  return tws_comment (ws, 0, item, author, time, objection, NULL, NULL);
}

typedef struct
{
  const char *key;
  const char *type;          /* NULL: none */
  const char *status;
  int         category;      /* UcStatusCategory, -1: unknown */
  const char *reporter;
  const char *assignee;
  UcTime      created;
  UcTime      resolved;      /* 0: none */
  gboolean    decision;
} TestItem;

static inline UcId
tws_item (TestWs         *ws,
          const TestItem *item)
{
  g_autoptr(GError) error = NULL;
  UcWorkItemRow row = { 0 };
  UcId id;

  row.tracker = "jira";
  row.project = "ABC";
  row.key = item->key;
  row.type = item->type;
  row.status = item->status;
  row.status_category = item->category;
  row.reporter_identity = tws_identity (ws, item->reporter);
  row.assignee_identity = tws_identity (ws, item->assignee);
  row.created_time = item->created;
  row.resolved_time = item->resolved;
  row.is_decision = item->decision;
  row.title_len = 10;
  row.story_points = NAN;
  row.source_id = ws->source;
  id = uc_store_add_work_item (ws->store, &row, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static inline const char *
tws_category_status (int category)
{
  switch (category)
    {
    case UC_STATUS_TODO:
      return "To Do";
    case UC_STATUS_DOING:
      return "In Progress";
    case UC_STATUS_DONE:
      return "Done";
    default:
      return NULL;
    }
}

/* A status change between categories (statuses named after them unless
 * @to_status is given). */
static inline UcId
tws_status (TestWs     *ws,
            UcId        item,
            const char *author,
            UcTime      time,
            int         from,
            int         to,
            const char *to_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ext = tws_ext (ws);
  UcStatusChangeRow row = { 0 };
  UcId id;

  row.item_id = item;
  row.ext_id = ext;
  row.author_identity = tws_identity (ws, author);
  row.time = time;
  row.from_status = tws_category_status (from);
  row.to_status = to_status != NULL ? to_status : tws_category_status (to);
  row.from_category = from;
  row.to_category = to;
  row.source_id = ws->source;
  id = uc_store_add_status_change (ws->store, &row, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static inline void
tws_link (TestWs     *ws,
          UcId        commit,
          UcId        cr,
          const char *key)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (uc_store_add_link (ws->store, commit, cr, key, commit != 0 ? "subject" : "title",
                                    ws->source, &error));
  g_assert_no_error (error);
}

/* A chat message; @thread: the root's ext id, or NULL. Returns its ext
 * id (owned by the caller). */
static inline char *
tws_message (TestWs     *ws,
             const char *channel,
             const char *author,
             UcTime      time,
             const char *thread)
{
  g_autoptr(GError) error = NULL;
  char *ext = tws_ext (ws);
  UcMessageRow row = { 0 };

  row.system = "slack";
  row.channel = channel;
  row.ext_id = ext;
  row.author_identity = tws_identity (ws, author);
  row.time = time;
  row.thread_ext_id = thread;
  row.body_len = 20;
  row.source_id = ws->source;
  uc_store_add_message (ws->store, &row, NULL, &error);
  g_assert_no_error (error);
  return ext;
}

/* Commit the fixture and analyse it, teams of any size shown. */
static inline UcAnalysis *
tws_analyze (TestWs *ws)
{
  g_autoptr(GError) error = NULL;
  UcAnalysisOptions options;
  UcAnalysis *analysis;

  if (uc_store_in_transaction (ws->store))
    {
      g_assert_true (uc_store_commit (ws->store, &error));
      g_assert_no_error (error);
    }
  uc_analysis_options_init (&options);
  options.min_group_enabled = FALSE;
  analysis = uc_analysis_run (ws->store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  return analysis;
}

static inline const UcSignalValue *
tws_value (UcAnalysis *analysis,
           const char *team,
           const char *signal,
           int         week_key)
{
  int t = uc_analysis_find_team (analysis, team);
  int w = uc_analysis_find_week (analysis, week_key);
  int s = uc_signal_def_index (signal);

  g_assert_cmpint (t, >=, 0);
  g_assert_cmpint (w, >=, 0);
  g_assert_cmpint (s, >=, 0);
  return uc_analysis_get_value (analysis, (guint) t, (guint) s, (guint) w);
}

#define tws_assert_value(analysis, team, signal, week, expected, coverage_) \
  G_STMT_START {                                                            \
    const UcSignalValue *v_ = tws_value ((analysis), (team), (signal), (week)); \
    if (fabs (v_->value - (expected)) > 1e-6 || v_->coverage != (coverage_)) \
      g_error ("%s of %s in %d: value %g coverage %" G_GINT64_FORMAT         \
               ", expected %g coverage %d", (signal), (team), (week),       \
               v_->value, v_->coverage, (double) (expected), (int) (coverage_)); \
    g_assert_false (isnan (v_->score));                                     \
  } G_STMT_END

#define tws_assert_no_data(analysis, team, signal, week)                     \
  G_STMT_START {                                                            \
    const UcSignalValue *v_ = tws_value ((analysis), (team), (signal), (week)); \
    if (!isnan (v_->value) || !isnan (v_->score) || v_->coverage != 0)      \
      g_error ("%s of %s in %d: value %g coverage %" G_GINT64_FORMAT         \
               ", expected no data", (signal), (team), (week),              \
               v_->value, v_->coverage);                                    \
  } G_STMT_END

static inline GPtrArray *
tws_evidence (UcAnalysis *analysis,
              TestWs     *ws,
              const char *team,
              const char *signal,
              int         week_key)
{
  g_autoptr(GError) error = NULL;
  int t = uc_analysis_find_team (analysis, team);
  int w = uc_analysis_find_week (analysis, week_key);
  GPtrArray *rows;

  g_assert_cmpint (t, >=, 0);
  g_assert_cmpint (w, >=, 0);
  rows = uc_analysis_get_evidence (analysis, ws->store, (guint) t, signal, (guint) w, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

/* Assert row @i: its kind, ref, and that its fact contains @fact. */
static inline void
tws_assert_row (GPtrArray  *rows,
                guint       i,
                const char *kind,
                const char *ref,
                const char *fact)
{
  const UcEvidence *row;

  if (i >= rows->len)
    g_error ("evidence row %u missing (%u rows)", i, rows->len);
  row = g_ptr_array_index (rows, i);
  if (g_strcmp0 (row->kind, kind) != 0 || (ref != NULL && g_strcmp0 (row->ref, ref) != 0) ||
      strstr (row->fact, fact) == NULL)
    g_error ("evidence row %u is %s %s “%s”; expected %s %s containing “%s”",
             i, row->kind, row->ref, row->fact, kind, ref != NULL ? ref : "*", fact);
}

static inline void
tws_dump (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const UcEvidence *row = g_ptr_array_index (rows, i);

      g_test_message ("%u: %s %s: %s", i, row->kind, row->ref, row->fact);
    }
}
