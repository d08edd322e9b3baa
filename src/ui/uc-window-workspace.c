/* uc-window-workspace.c: opening, analysing and closing workspaces, and
 * building the demo.
 *
 * The workspace is opened on the main thread only to check it and know
 * its path; the analysis runs in a GTask thread on its own UcStore
 * connection (a store is not thread-safe) and its result is applied in
 * the callback. Progress reaches the widgets through a UcJob.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "uc-demo.h"
#include "uc-recent.h"
#include "uc-window-private.h"

#define WORKSPACE_SUFFIX ".undercurrent"
/* The demo organisation is the same for everyone. */
#define DEMO_SEED 1

/* ---- progress widgets ---- */

static void
show_progress (GtkProgressBar *bar,
               UcJob          *job)
{
  double fraction = uc_job_get_fraction (job);

  if (fraction < 0.0)
    gtk_progress_bar_pulse (bar);
  else
    gtk_progress_bar_set_fraction (bar, fraction);
}

static void
analysis_progress_cb (UcWindow   *self,
                      GParamSpec *pspec,
                      UcJob      *job)
{
  g_autofree char *escaped = NULL;

  if (job != self->analysis_job)
    return;

  show_progress (self->analysis_progress, job);
  if (uc_job_get_message (job) != NULL)
    {
      escaped = g_markup_escape_text (uc_job_get_message (job), -1);
      adw_status_page_set_description (self->analysing_page, escaped);
    }
}

static void
demo_progress_cb (UcWindow   *self,
                  GParamSpec *pspec,
                  UcJob      *job)
{
  if (job != self->demo_job)
    return;

  show_progress (self->demo_progress, job);
  if (uc_job_get_message (job) != NULL)
    gtk_label_set_label (self->demo_message, uc_job_get_message (job));
}

/* "Northwind" for ".../Northwind.undercurrent". */
char *
_uc_window_workspace_name (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);

  if (g_str_has_suffix (basename, WORKSPACE_SUFFIX) &&
      strlen (basename) > strlen (WORKSPACE_SUFFIX))
    basename[strlen (basename) - strlen (WORKSPACE_SUFFIX)] = '\0';
  return g_steal_pointer (&basename);
}

static void
stop_analysis (UcWindow *self)
{
  if (self->analysis_job == NULL)
    return;

  /* The task still finishes; its callback sees it is no longer current. */
  uc_job_cancel (self->analysis_job);
  g_clear_object (&self->analysis_job);
}

static void
stop_demo (UcWindow *self)
{
  if (self->demo_job == NULL)
    return;

  uc_job_cancel (self->demo_job);
  g_clear_object (&self->demo_job);
}

/* ---- analysis ---- */

typedef struct
{
  char              *path;
  UcAnalysisOptions  options;
  UcJob             *job;
} AnalyseData;

typedef struct
{
  UcAnalysis *analysis;   /* NULL when there are no commits */
  gint64      n_commits;
} AnalyseResult;

static void
analyse_data_free (gpointer data)
{
  AnalyseData *analyse = data;

  g_free (analyse->path);
  g_clear_object (&analyse->job);
  g_free (analyse);
}

static void
analyse_result_free (gpointer data)
{
  AnalyseResult *result = data;

  g_clear_pointer (&result->analysis, uc_analysis_unref);
  g_free (result);
}

static void
analyse_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  AnalyseData *data = task_data;
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AnalyseResult *result;

  store = uc_store_open (data->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (AnalyseResult, 1);
  result->n_commits = uc_store_query_int (store, "SELECT COUNT(*) FROM git_commit;", 0);
  if (result->n_commits > 0)
    {
      result->analysis = uc_analysis_run (store, &data->options,
                                          uc_job_progress, data->job,
                                          cancellable, &error);
      if (result->analysis == NULL)
        {
          analyse_result_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_pointer (task, result, analyse_result_free);
}

static void
show_stopped (UcWindow   *self,
              const char *icon_name,
              const char *title,
              const char *description)
{
  g_autofree char *escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_icon_name (self->stopped_page, icon_name);
  adw_status_page_set_title (self->stopped_page, title);
  adw_status_page_set_description (self->stopped_page, escaped);
  _uc_window_set_view (self, "stopped");
}

static void
analyse_done_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  UcWindow *self = UC_WINDOW (object);
  g_autoptr(UcJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *toast = NULL;
  AnalyseResult *result;
  guint n_weeks;

  result = g_task_propagate_pointer (G_TASK (res), &error);

  /* Closed, replaced or the window went away meanwhile. */
  if (job != self->analysis_job)
    {
      g_clear_pointer (&result, analyse_result_free);
      return;
    }

  g_clear_object (&self->analysis_job);
  _uc_window_actions_update (self);
  _uc_window_notify_busy (self);

  name = _uc_window_workspace_name (uc_store_get_path (self->store));

  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_stopped (self, "process-stop-symbolic", _("Analysis Cancelled"),
                        _("The workspace was not analysed. Analyse it again when you are ready."));
        }
      else
        {
          g_autofree char *description = NULL;

          /* Translators: %s is a workspace name, the second %s the error */
          description = g_strdup_printf (_("“%s” could not be analysed: %s"),
                                         name, error->message);
          show_stopped (self, "dialog-warning-symbolic",
                        _("Could Not Analyse the Workspace"), description);
          /* Translators: %s is a workspace name */
          toast = g_strdup_printf (_("Analysis of “%s” failed"), name);
          _uc_window_add_toast (self, toast);
        }
      return;
    }

  g_clear_pointer (&self->analysis, uc_analysis_unref);

  if (result->analysis == NULL)
    {
      uc_overview_page_set_analysis (self->overview_page, NULL);
      _uc_window_set_view (self, "no-commits");
      /* Translators: %s is a workspace name */
      toast = g_strdup_printf (_("“%s” has no commits to analyse"), name);
      _uc_window_add_toast (self, toast);
      analyse_result_free (result);
      return;
    }

  self->analysis = g_steal_pointer (&result->analysis);
  analyse_result_free (result);

  uc_overview_page_set_analysis (self->overview_page, self->analysis);
  _uc_window_set_view (self, "overview");

  n_weeks = uc_analysis_get_n_weeks (self->analysis);
  /* Translators: a toast when the analysis finishes; short, it must fit
   * a phone-sized window */
  toast = g_strdup_printf (ngettext ("Analysed %u week",
                                     "Analysed %u weeks",
                                     n_weeks),
                           n_weeks);
  _uc_window_add_toast (self, toast);
}

void
_uc_window_analyse (UcWindow *self)
{
  g_autoptr(GTask) task = NULL;
  AnalyseData *data;

  g_return_if_fail (UC_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  stop_analysis (self);

  data = g_new0 (AnalyseData, 1);
  data->path = g_strdup (uc_store_get_path (self->store));
  uc_analysis_options_init (&data->options);
  data->options.min_group_enabled = g_settings_get_boolean (self->settings, "min-group-enabled");
  data->options.min_group_size = g_settings_get_uint (self->settings, "min-group-size");

  self->analysis_job = uc_job_new (_("Analysing the workspace"));
  data->job = g_object_ref (self->analysis_job);
  g_signal_connect_object (self->analysis_job, "notify",
                           G_CALLBACK (analysis_progress_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_progress_bar_set_fraction (self->analysis_progress, 0.0);
  adw_status_page_set_description (self->analysing_page,
                                   _("Computing the signals of every team, week by week"));
  _uc_window_set_view (self, "analysing");

  task = g_task_new (self, uc_job_get_cancellable (self->analysis_job),
                     analyse_done_cb, g_object_ref (self->analysis_job));
  g_task_set_source_tag (task, _uc_window_analyse);
  g_task_set_name (task, "[undercurrent] analyse workspace");
  g_task_set_task_data (task, data, analyse_data_free);
  g_task_run_in_thread (task, analyse_worker);

  _uc_window_actions_update (self);
  _uc_window_notify_busy (self);
}

/* ---- open and close ---- */

void
uc_window_open_file (UcWindow *self,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;

  g_return_if_fail (UC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file; copy the workspace to this computer first"),
                   uri);
      _uc_window_show_error (self, _("Could Not Open the Workspace"), error);
      return;
    }

  store = uc_store_open (path, &error);
  if (store == NULL)
    {
      _uc_window_show_error (self, _("Could Not Open the Workspace"), error);
      return;
    }

  stop_demo (self);
  stop_analysis (self);
  g_clear_pointer (&self->analysis, uc_analysis_unref);
  uc_overview_page_set_analysis (self->overview_page, NULL);
  g_set_object (&self->store, store);

  uc_recent_add (self->settings, path);

  name = _uc_window_workspace_name (path);
  dir = _uc_window_display_dirname (path);
  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_window_title_set_title (self->content_title, name);
  adw_window_title_set_subtitle (self->content_title, dir);

  _uc_window_analyse (self);
}

void
uc_window_close_workspace (UcWindow *self)
{
  g_return_if_fail (UC_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  stop_analysis (self);
  g_clear_pointer (&self->analysis, uc_analysis_unref);
  g_clear_object (&self->store);

  /* A toast about the workspace means nothing once it is closed. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_clear_object (&self->toast);
  uc_overview_page_set_analysis (self->overview_page, NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("Undercurrent"));
  adw_window_title_set_title (self->content_title, NULL);
  adw_window_title_set_subtitle (self->content_title, NULL);

  _uc_window_refresh_recent (self);
  _uc_window_set_view (self, "welcome");
  _uc_window_actions_update (self);
  _uc_window_notify_busy (self);
}

/* ---- the open dialog ---- */

static void
chooser_response_cb (UcWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GtkNativeDialog) dialog = g_steal_pointer (&self->chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        uc_window_open_file (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
}

void
_uc_window_show_open_dialog (UcWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;

  g_return_if_fail (UC_IS_WINDOW (self));

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Open Workspace"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Undercurrent Workspaces"));
  gtk_file_filter_add_pattern (filter, "*" WORKSPACE_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* ---- the demo ---- */

typedef struct
{
  char  *path;
  UcJob *job;
} DemoData;

static void
demo_data_free (gpointer data)
{
  DemoData *demo = data;

  g_free (demo->path);
  g_clear_object (&demo->job);
  g_free (demo);
}

static void
remove_workspace_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
demo_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DemoData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (data->path);
  g_autofree char *partial = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               _("Could not create the folder “%s”: %s"),
                               dir, g_strerror (saved_errno));
      return;
    }

  /* Build beside the final file and move it in place at the end, so an
   * interrupted build never leaves a half demo behind. */
  partial = g_build_filename (dir, ".demo-building" WORKSPACE_SUFFIX, NULL);
  remove_workspace_files (partial);

  if (!uc_demo_build (partial, DEMO_SEED, uc_job_progress, data->job,
                      cancellable, &error))
    {
      remove_workspace_files (partial);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      remove_workspace_files (partial);
      return;
    }

  if (g_rename (partial, data->path) != 0)
    {
      int saved_errno = errno;

      remove_workspace_files (partial);
      g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               _("Could not move the demo workspace to “%s”: %s"),
                               data->path, g_strerror (saved_errno));
      return;
    }

  /* A connection left open would leave its journal beside the file. */
  {
    static const char * const suffixes[] = { "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *from = g_strconcat (partial, suffixes[i], NULL);
        g_autofree char *to = g_strconcat (data->path, suffixes[i], NULL);

        if (g_file_test (from, G_FILE_TEST_EXISTS))
          g_rename (from, to);
      }
  }

  g_task_return_boolean (task, TRUE);
}

static void
demo_done_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  UcWindow *self = UC_WINDOW (object);
  g_autoptr(UcJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (res), &error);

  if (job != self->demo_job)
    return;

  g_clear_object (&self->demo_job);
  _uc_window_actions_update (self);
  _uc_window_notify_busy (self);

  if (!ok)
    {
      _uc_window_set_view (self, "welcome");
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _uc_window_add_toast (self, _("Demo cancelled"));
      else
        _uc_window_show_error (self, _("Could Not Build the Demo"), error);
      return;
    }

  path = uc_window_get_demo_path ();
  file = g_file_new_for_path (path);
  uc_window_open_file (self, file);
}

void
uc_window_open_demo (UcWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  DemoData *data;

  g_return_if_fail (UC_IS_WINDOW (self));

  if (self->demo_job != NULL)
    return;

  path = uc_window_get_demo_path ();
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      uc_window_open_file (self, file);
      return;
    }

  /* The demo replaces whatever was open. */
  uc_window_close_workspace (self);

  self->demo_job = uc_job_new (_("Building the demo workspace"));
  g_signal_connect_object (self->demo_job, "notify",
                           G_CALLBACK (demo_progress_cb), self,
                           G_CONNECT_SWAPPED);

  data = g_new0 (DemoData, 1);
  data->path = g_steal_pointer (&path);
  data->job = g_object_ref (self->demo_job);

  gtk_progress_bar_set_fraction (self->demo_progress, 0.0);
  gtk_label_set_label (self->demo_message,
                       _("Generating a small organisation’s history and importing it"));
  _uc_window_set_view (self, "building-demo");

  task = g_task_new (self, uc_job_get_cancellable (self->demo_job),
                     demo_done_cb, g_object_ref (self->demo_job));
  g_task_set_source_tag (task, uc_window_open_demo);
  g_task_set_name (task, "[undercurrent] build demo");
  g_task_set_task_data (task, data, demo_data_free);
  g_task_run_in_thread (task, demo_worker);

  _uc_window_actions_update (self);
  _uc_window_notify_busy (self);
}

/* ---- teardown ---- */

void
_uc_window_workspace_dispose (UcWindow *self)
{
  stop_analysis (self);
  stop_demo (self);

  if (self->chooser != NULL)
    {
      g_autoptr(GtkNativeDialog) chooser = g_steal_pointer (&self->chooser);

      gtk_native_dialog_destroy (chooser);
    }

  g_clear_pointer (&self->analysis, uc_analysis_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->toast);
}
