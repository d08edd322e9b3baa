/* uc-demo.c: the demo workspace, built from data Undercurrent generates.
 *
 * The demo is the simulated organisation of uc-demo-model.c (its header
 * describes the teams and the behaviour planted in each), written out as
 * the exports a coach would receive from a client:
 *
 *   git/NAME.git          bare repositories (git fast-import)
 *   github/acme-NAME/     GitHub REST pages: pulls, reviews, review and
 *                         issue comments, issues, issue events, timelines
 *   jira/                 Jira REST search pages with changelog
 *   slack/                a Slack workspace export folder
 *   roster.csv            name,team,email,github,jira,slack,role
 *
 * and imported through the real importers, one source each, exactly as
 * `undercurrent-cli import` would (the roster first, see below). Nothing
 * is written into the workspace directly but its title. The same seed
 * gives the same workspace on every machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "uc-demo.h"
#include "uc-demo-private.h"
#include "uc-import.h"

typedef struct
{
  UcProgressFunc progress;
  gpointer       progress_data;
  double         from;
  double         to;
  const char    *message;
} Stage;

static void
stage_begin (Stage      *stage,
             double      from,
             double      to,
             const char *message)
{
  stage->from = from;
  stage->to = to;
  stage->message = message;
  if (stage->progress != NULL)
    stage->progress (from, message, stage->progress_data);
}

static void
stage_progress_cb (double      fraction,
                   const char *message,
                   gpointer    user_data)
{
  Stage *stage = user_data;

  if (stage->progress == NULL)
    return;
  if (fraction < 0)
    fraction = 0;
  stage->progress (stage->from + CLAMP (fraction, 0.0, 1.0) * (stage->to - stage->from),
                   message != NULL ? message : stage->message, stage->progress_data);
}

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

/* The folder for the exports: @dir when given (new or empty), else a new
 * scratch folder. */
static char *
prepare_exports (const char  *dir,
                 GError     **error)
{
  g_autoptr(GDir) listing = NULL;

  if (dir == NULL)
    return g_dir_make_tmp ("undercurrent-demo-XXXXXX", error);

  if (g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      GError *local = NULL;

      listing = g_dir_open (dir, 0, &local);
      if (listing == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                       _("Cannot write the demo exports into “%s”: %s"), dir, local->message);
          g_error_free (local);
          return NULL;
        }
      if (g_dir_read_name (listing) != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("Cannot write the demo exports into “%s”: the folder is not empty"), dir);
          return NULL;
        }
    }
  else if (!_uc_demo_mkdir (dir, error))
    return NULL;
  /* git runs in other folders: every path must be absolute. */
  return g_canonicalize_filename (dir, NULL);
}

static gboolean
import_one (UcStore       *store,
            const char    *path,
            const char    *format,
            Stage         *stage,
            GCancellable  *cancellable,
            GError       **error)
{
  g_auto(UcImportResult) result = { 0 };
  UcImportOptions options = { 0 };

  if (!uc_import_path_full (store, path, format, UC_IMPORT_FLAGS_NONE, &options, &result,
                            stage_progress_cb, stage, cancellable, error))
    {
      g_prefix_error (error, _("The demo export “%s” did not import: "), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
uc_demo_build_full (const char           *path,
                    guint                 seed,
                    const UcDemoOptions  *options,
                    UcProgressFunc        progress,
                    gpointer              progress_data,
                    GCancellable         *cancellable,
                    GError              **error)
{
  g_autoptr(UcStore) store = NULL;
  g_autoptr(UcDemoModel) model = NULL;
  g_autofree char *exports = NULL;
  g_autofree char *git_dir = NULL;
  g_autofree char *github_dir = NULL;
  g_autofree char *jira_dir = NULL;
  g_autofree char *slack_dir = NULL;
  g_autofree char *roster = NULL;
  Stage stage = { progress, progress_data, 0.0, 0.0, NULL };
  guint scale = options != NULL ? MAX (options->scale, 1) : 1;
  const char *keep = options != NULL ? options->exports_dir : NULL;
  guint n_teams;
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (scale > UC_DEMO_MAX_SCALE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The demo scale must be between 1 and %u, not %u"), UC_DEMO_MAX_SCALE, scale);
      return FALSE;
    }

  store = uc_store_create (path, error);
  if (store == NULL)
    return FALSE;
  exports = prepare_exports (keep, error);
  if (exports == NULL)
    goto out;
  git_dir = g_build_filename (exports, "git", NULL);
  github_dir = g_build_filename (exports, "github", NULL);
  jira_dir = g_build_filename (exports, "jira", NULL);
  slack_dir = g_build_filename (exports, "slack", NULL);
  roster = g_build_filename (exports, "roster.csv", NULL);

  stage_begin (&stage, 0.0, 0.05, _("Simulating the demo organisation…"));
  model = _uc_demo_model_new (seed, scale);
  n_teams = model->teams->len;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  /* The exports. */
  stage_begin (&stage, 0.05, 0.25, _("Writing the demo’s git repositories…"));
  if (!_uc_demo_write_git (model, git_dir, cancellable, error))
    goto out;
  stage_begin (&stage, 0.25, 0.35, _("Writing the demo’s GitHub, Jira and Slack exports…"));
  if (!_uc_demo_write_github (model, github_dir, cancellable, error) ||
      !_uc_demo_write_jira (model, jira_dir, cancellable, error) ||
      !_uc_demo_write_slack (model, slack_dir, cancellable, error) ||
      !_uc_demo_write_roster (model, roster, error))
    goto out;

  /* The imports, through the real importers. The roster first: every
   * account it names then already belongs to its person, so each tool's
   * import attaches its records to the right people from the start (a
   * roster imported last gives the same people by merging those each
   * tool created, with a merge record for each). */
  stage_begin (&stage, 0.35, 0.37, _("Importing the demo’s roster…"));
  if (!import_one (store, roster, "roster", &stage, cancellable, error))
    goto out;
  for (guint t = 0; t < n_teams; t++)
    {
      UcDemoTeam *team = g_ptr_array_index (model->teams, t);
      g_autofree char *name = g_strconcat (team->name, ".git", NULL);
      g_autofree char *dir = g_build_filename (git_dir, name, NULL);

      stage_begin (&stage, 0.37 + 0.28 * t / n_teams, 0.37 + 0.28 * (t + 1) / n_teams,
                   _("Importing the demo’s git repositories…"));
      if (!import_one (store, dir, "git-repo", &stage, cancellable, error))
        goto out;
    }
  stage_begin (&stage, 0.65, 0.83, _("Importing the demo’s pull requests…"));
  if (!import_one (store, github_dir, "github-rest", &stage, cancellable, error))
    goto out;
  stage_begin (&stage, 0.83, 0.91, _("Importing the demo’s Jira issues…"));
  if (!import_one (store, jira_dir, "jira-json", &stage, cancellable, error))
    goto out;
  stage_begin (&stage, 0.91, 1.0, _("Importing the demo’s Slack export…"));
  if (!import_one (store, slack_dir, "slack-export", &stage, cancellable, error))
    goto out;

  if (!uc_store_exec (store,
                      "INSERT OR REPLACE INTO meta (key, value) VALUES ('title', 'Demo organisation');",
                      error))
    goto out;

  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  ok = TRUE;

out:
  if (exports != NULL && keep == NULL)
    remove_tree (exports);
  if (!ok)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_clear_object (&store);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }
  return ok;
}

gboolean
uc_demo_build (const char     *path,
               guint           seed,
               UcProgressFunc  progress,
               gpointer        progress_data,
               GCancellable   *cancellable,
               GError        **error)
{
  return uc_demo_build_full (path, seed, NULL, progress, progress_data, cancellable, error);
}
