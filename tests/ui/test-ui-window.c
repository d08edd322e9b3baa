/* test-ui-window.c: the window from the empty state to the overview,
 * through the real analysis, plus screenshots for people to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "uc-engine.h"
#include "uc-recent.h"
#include "uc-test-ui.h"
#include "uc-window-private.h"

static gboolean
window_idle (gpointer data)
{
  return !uc_window_get_busy (data);
}

static UcWindow *
new_window (int width,
            int height)
{
  UcWindow *window = uc_window_new (ADW_APPLICATION (uc_test_ui_get_app ()));

  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
destroy_window (UcWindow *window)
{
  gpointer weak = window;

  uc_test_ui_wait_until (window_idle, window, 120);
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  /* A cancelled analysis may still be unwinding in its thread; its task
   * holds the window until its callback has run. */
  uc_test_ui_wait_until (pointer_cleared, &weak, 60);
}

static void
open_and_wait (UcWindow   *window,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  uc_window_open_file (window, file);
  g_assert_true (uc_window_get_busy (window));
  g_assert_cmpstr (uc_window_get_view (window), ==, "analysing");
  uc_test_ui_wait_until (window_idle, window, 120);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static AdwMessageDialog *
find_dialog (UcWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* Press the dialog's Close button, as a person would. */
static void
close_dialog (AdwMessageDialog *dialog)
{
  GtkWidget *button = uc_test_ui_find_button (GTK_WIDGET (dialog), "_Close");

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  uc_test_ui_flush ();
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "recent-workspaces");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
}

static void
test_empty_state (void)
{
  UcWindow *window;
  GtkWidget *open, *demo;

  reset_settings ();
  window = new_window (-1, -1);

  g_assert_cmpstr (uc_window_get_view (window), ==, "welcome");
  g_assert_false (uc_window_get_busy (window));
  g_assert_null (uc_window_get_workspace_path (window));
  g_assert_null (uc_window_get_analysis (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->welcome_page)));
  g_assert_cmpstr (adw_status_page_get_title (window->welcome_page), ==, "No Workspace Open");
  g_assert_nonnull (strstr (adw_status_page_get_description (window->welcome_page),
                            "stores no message text"));
  g_assert_cmpstr (adw_status_page_get_icon_name (window->welcome_page), ==, APP_ID);

  open = uc_test_ui_find_button (GTK_WIDGET (window), "_Open Workspace…");
  demo = uc_test_ui_find_button (GTK_WIDGET (window), "_Try the Demo");
  g_assert_true (open == GTK_WIDGET (window->open_button));
  g_assert_true (demo == GTK_WIDGET (window->demo_button));
  g_assert_true (gtk_widget_get_mapped (open));
  g_assert_true (gtk_widget_get_mapped (demo));
  g_assert_true (gtk_widget_is_sensitive (open));
  g_assert_true (gtk_widget_is_sensitive (demo));

  /* No recent workspaces yet: no list. */
  g_assert_false (gtk_widget_get_visible (window->recent_box));

  /* Nothing to close or cancel. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-workspace", NULL) &&
                  uc_window_get_workspace_path (window) != NULL);
  g_assert_cmpstr (uc_window_get_view (window), ==, "welcome");

  destroy_window (window);
}

static void
test_open_workspace (void)
{
  g_autofree char *path = uc_test_ui_make_workspace ("overview.undercurrent", TRUE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;
  UcWindow *window;
  UcOverviewPage *page;
  UcAnalysis *analysis;
  const UcLineChart *chart;
  const UcSignalDef *defs = uc_signal_defs (NULL);
  int top_share = uc_signal_def_index ("CA.top_share");
  int gini = uc_signal_def_index ("CA.gini");
  guint n_weeks;
  gboolean seen_even = FALSE, seen_skewed = FALSE;

  reset_settings ();
  window = new_window (1100, 760);
  open_and_wait (window, path);

  g_assert_cmpstr (uc_window_get_view (window), ==, "overview");
  g_assert_cmpstr (uc_window_get_workspace_path (window), ==, path);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "overview");
  g_assert_cmpstr (adw_window_title_get_title (window->content_title), ==, "overview");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "workspace");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "overview");
  g_assert_false (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (gtk_widget_get_mapped (window->sidebar_box));

  analysis = uc_window_get_analysis (window);
  g_assert_nonnull (analysis);
  n_weeks = uc_analysis_get_n_weeks (analysis);
  g_assert_cmpuint (n_weeks, >=, UC_TEST_N_WEEKS);

  page = uc_window_get_overview_page (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpuint (uc_overview_page_get_n_teams (page), ==, 2);

  for (guint i = 0; i < uc_overview_page_get_n_teams (page); i++)
    {
      UcTeamRow *row = uc_overview_page_get_team_row (page, i);
      const char *name = uc_team_row_get_team_name (row);
      const UcSignalValue *value;
      g_autofree char *expected = NULL;

      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
      g_assert_nonnull (strstr (uc_team_row_get_summary (row), "3 people"));
      value = uc_analysis_get_value (analysis, i, top_share, n_weeks - 1);

      if (g_str_equal (name, UC_TEST_TEAM_EVEN))
        {
          seen_even = TRUE;
          /* Everyone commits the same: a third each, Gini 0. */
          g_assert_cmpfloat_with_epsilon (value->value, 1.0 / 3.0, 1e-6);
          expected = uc_signal_format_value (&defs[top_share], 1.0 / 3.0);
          g_assert_cmpstr (uc_team_row_get_value_text (row, "CA.top_share"), ==, expected);
          g_clear_pointer (&expected, g_free);
          expected = uc_signal_format_value (&defs[gini], 0.0);
          g_assert_cmpstr (uc_team_row_get_value_text (row, "CA.gini"), ==, expected);
          g_assert_cmpint (uc_team_row_get_value_band (row, "CA.gini"), ==, UC_SCORE_BAND_GOOD);
          g_assert_nonnull (strstr (uc_team_row_get_summary (row), "1 agent"));
        }
      else if (g_str_equal (name, UC_TEST_TEAM_SKEWED))
        {
          seen_skewed = TRUE;
          /* One person makes 8 of every 10 commits: alarming. */
          g_assert_cmpfloat_with_epsilon (value->value, 0.8, 1e-6);
          expected = uc_signal_format_value (&defs[top_share], 0.8);
          g_assert_cmpstr (uc_team_row_get_value_text (row, "CA.top_share"), ==, expected);
          g_assert_cmpint (uc_team_row_get_value_band (row, "CA.top_share"), ==, UC_SCORE_BAND_BAD);
        }
    }
  g_assert_true (seen_even);
  g_assert_true (seen_skewed);

  /* The chart holds CA.gini for each team over every week. */
  chart = uc_line_chart_widget_get_chart (uc_overview_page_get_chart (page));
  g_assert_cmpuint (chart->series->len, ==, 2);
  g_assert_cmpuint (chart->x_labels->len, ==, n_weeks);
  for (guint i = 0; i < chart->series->len; i++)
    {
      UcChartSeries *series = chart->series->pdata[i];
      int team = uc_analysis_find_team (analysis, series->label);

      g_assert_cmpint (team, >=, 0);
      g_assert_cmpuint (series->values->len, ==, n_weeks);
      for (guint w = 0; w < n_weeks; w++)
        {
          double shown = g_array_index (series->values, double, w);
          double expected = uc_analysis_get_value (analysis, team, gini, w)->value;

          if (isnan (expected))
            g_assert_true (isnan (shown));
          else
            g_assert_cmpfloat_with_epsilon (shown, expected, 1e-9);
        }
    }
  g_assert_nonnull (uc_line_chart_widget_get_description (uc_overview_page_get_chart (page)));

  /* Remembered, most recent first. */
  recent = g_settings_get_strv (settings, "recent-workspaces");
  g_assert_cmpstr (recent[0], ==, path);

  /* Close: back to the welcome page, which now lists the workspace. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-workspace", NULL));
  g_assert_cmpstr (uc_window_get_view (window), ==, "welcome");
  g_assert_null (uc_window_get_workspace_path (window));
  g_assert_null (uc_window_get_analysis (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Undercurrent");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (window->recent_box));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->recent_model)), ==, 1);
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (window->recent_list, 0);

    g_assert_true (ADW_IS_ACTION_ROW (row));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "overview");
    g_assert_true (gtk_list_box_row_get_activatable (row));
  }

  /* And reopens from there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", path));
  g_assert_cmpstr (uc_window_get_view (window), ==, "analysing");
  uc_test_ui_wait_until (window_idle, window, 120);
  g_assert_cmpstr (uc_window_get_view (window), ==, "overview");

  destroy_window (window);
  reset_settings ();
}

static void
test_no_commits (void)
{
  g_autofree char *path = uc_test_ui_make_workspace ("empty.undercurrent", FALSE);
  UcWindow *window;

  reset_settings ();
  window = new_window (900, 640);
  open_and_wait (window, path);

  g_assert_cmpstr (uc_window_get_view (window), ==, "no-commits");
  g_assert_null (uc_window_get_analysis (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->no_commits_page)));
  g_assert_nonnull (strstr (adw_status_page_get_description (window->no_commits_page),
                            "undercurrent-cli import"));
  uc_test_ui_screenshot (GTK_WIDGET (window), "no-commits");

  destroy_window (window);
  reset_settings ();
}

static void
test_bad_file (void)
{
  g_autofree char *path = g_build_filename (uc_test_ui_scratch_dir (), "notes.undercurrent", NULL);
  g_autofree char *missing = g_build_filename (uc_test_ui_scratch_dir (), "gone.undercurrent", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  UcWindow *window;

  reset_settings ();
  g_file_set_contents (path, "not a workspace\n", -1, &error);
  g_assert_no_error (error);

  window = new_window (800, 600);

  uc_window_open_file (window, file);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_false (uc_window_get_busy (window));
  g_assert_cmpstr (uc_window_get_view (window), ==, "welcome");
  g_assert_null (uc_window_get_workspace_path (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  uc_test_ui_screenshot (GTK_WIDGET (dialog), "error-dialog");
  close_dialog (dialog);
  g_assert_null (find_dialog (window));

  uc_window_open_file (window, missing_file);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), missing));
  close_dialog (dialog);
  g_assert_null (find_dialog (window));

  destroy_window (window);
  reset_settings ();
}

static void
test_recent_missing (void)
{
  g_autofree char *path = uc_test_ui_make_workspace ("recent.undercurrent", TRUE);
  g_autofree char *missing = g_build_filename (uc_test_ui_scratch_dir (), "moved.undercurrent", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *list[] = { missing, path, NULL };
  GtkListBoxRow *row;
  UcWindow *window;

  reset_settings ();
  g_settings_set_strv (settings, "recent-workspaces", list);
  window = new_window (800, 720);

  g_assert_true (gtk_widget_get_mapped (window->recent_box));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->recent_model)), ==, 2);

  row = gtk_list_box_get_row_at_index (window->recent_list, 0);
  g_assert_false (gtk_list_box_row_get_activatable (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "dim-label"));
  row = gtk_list_box_get_row_at_index (window->recent_list, 1);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "recent");
  uc_test_ui_screenshot (GTK_WIDGET (window), "welcome-recent");

  /* Forget the missing one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-recent", "s", missing));
  uc_test_ui_flush ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->recent_model)), ==, 1);

  /* Activating the row opens the workspace. */
  row = gtk_list_box_get_row_at_index (window->recent_list, 0);
  g_signal_emit_by_name (window->recent_list, "row-activated", row);
  if (uc_window_get_workspace_path (window) == NULL)
    gtk_widget_activate (GTK_WIDGET (row));
  g_assert_cmpstr (uc_window_get_workspace_path (window), ==, path);
  uc_test_ui_wait_until (window_idle, window, 120);
  g_assert_cmpstr (uc_window_get_view (window), ==, "overview");

  destroy_window (window);
  reset_settings ();
}

static void
test_cancel (void)
{
  g_autofree char *path = uc_test_ui_make_workspace ("cancel.undercurrent", TRUE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  UcWindow *window;

  reset_settings ();
  window = new_window (900, 640);

  uc_window_open_file (window, file);
  g_assert_true (uc_window_get_busy (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->analysing_page)) ||
                 g_str_equal (gtk_stack_get_visible_child_name (window->content_stack), "analysing"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL));
  uc_test_ui_wait_until (window_idle, window, 120);

  g_assert_cmpstr (uc_window_get_view (window), ==, "stopped");
  g_assert_cmpstr (adw_status_page_get_title (window->stopped_page), ==, "Analysis Cancelled");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  uc_test_ui_screenshot (GTK_WIDGET (window), "cancelled");
  g_assert_null (uc_window_get_analysis (window));
  g_assert_nonnull (uc_window_get_workspace_path (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reanalyse", NULL));
  g_assert_true (uc_window_get_busy (window));
  uc_test_ui_wait_until (window_idle, window, 120);
  g_assert_cmpstr (uc_window_get_view (window), ==, "overview");

  /* Closing while analysing drops the analysis. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reanalyse", NULL));
  uc_window_close_workspace (window);
  g_assert_false (uc_window_get_busy (window));
  g_assert_cmpstr (uc_window_get_view (window), ==, "welcome");
  uc_test_ui_flush ();

  destroy_window (window);
  reset_settings ();
}

static void
test_analysis_fails (void)
{
  g_autofree char *path = uc_test_ui_make_workspace ("vanishing.undercurrent", TRUE);
  g_autofree char *home_file = g_build_filename (g_get_home_dir (), "Work", "x.undercurrent", NULL);
  g_autofree char *shown = NULL;
  UcWindow *window;

  reset_settings ();
  window = new_window (900, 640);
  open_and_wait (window, path);
  g_assert_cmpstr (uc_window_get_view (window), ==, "overview");

  /* The file goes away under the open workspace: analysing it again
   * fails, and the page says which file and why. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reanalyse", NULL));
  uc_test_ui_wait_until (window_idle, window, 120);
  g_assert_cmpstr (uc_window_get_view (window), ==, "stopped");
  g_assert_cmpstr (adw_status_page_get_title (window->stopped_page), ==, "Could Not Analyse the Workspace");
  g_assert_nonnull (strstr (adw_status_page_get_description (window->stopped_page), "vanishing"));
  g_assert_nonnull (window->toast);
  g_assert_nonnull (strstr (adw_toast_get_title (window->toast), "vanishing"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  uc_test_ui_screenshot (GTK_WIDGET (window), "analysis-failed");

  /* Folders under the home folder read "~/…". */
  shown = _uc_window_display_dirname (home_file);
  g_assert_cmpstr (shown, ==, "~/Work");

  destroy_window (window);
  reset_settings ();
}

static void
test_window_state (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  UcWindow *window;
  int width, height;

  reset_settings ();
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 610);

  window = uc_window_new (ADW_APPLICATION (uc_test_ui_get_app ()));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 610);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  uc_test_ui_flush ();
  g_assert_finalize_object (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  reset_settings ();
}

static void
test_narrow (void)
{
  g_autofree char *path = uc_test_ui_make_workspace ("narrow.undercurrent", TRUE);
  UcWindow *window;

  reset_settings ();
  window = new_window (360, 720);
  uc_test_ui_screenshot (GTK_WIDGET (window), "narrow-welcome");

  open_and_wait (window, path);
  g_assert_cmpstr (uc_window_get_view (window), ==, "overview");
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->content_box);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  uc_test_ui_screenshot (GTK_WIDGET (window), "narrow-overview");
  uc_test_ui_screenshot (GTK_WIDGET (uc_overview_page_get_chart (uc_window_get_overview_page (window))),
                         "narrow-chart");

  /* Back to the sidebar, and into the overview again from it. */
  g_assert_true (adw_leaflet_navigate (window->leaflet, ADW_NAVIGATION_DIRECTION_BACK));
  uc_test_ui_wait_until ((gboolean (*) (gpointer)) gtk_widget_get_mapped, window->sidebar_box, 10);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  uc_test_ui_flush ();
  uc_test_ui_screenshot (GTK_WIDGET (window), "narrow-sidebar");
  g_signal_emit_by_name (window->sidebar_list, "row-activated",
                         gtk_list_box_get_row_at_index (window->sidebar_list, 0));
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->content_box);

  destroy_window (window);
  reset_settings ();
}

static void
test_screenshots (void)
{
  g_autofree char *path = uc_test_ui_make_workspace ("Northwind Engineering.undercurrent", TRUE);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  UcWindow *window;

  reset_settings ();
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = new_window (1100, 760);
  uc_test_ui_flush ();
  uc_test_ui_screenshot (GTK_WIDGET (window), "welcome-light");

  open_and_wait (window, path);
  uc_test_ui_flush ();
  uc_test_ui_screenshot (GTK_WIDGET (window), "overview-light");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  uc_test_ui_flush ();
  uc_test_ui_screenshot (GTK_WIDGET (window), "overview-dark");

  uc_window_close_workspace (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  uc_test_ui_flush ();
  uc_test_ui_screenshot (GTK_WIDGET (window), "welcome-dark");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  destroy_window (window);
  reset_settings ();
}

static void
test_demo (void)
{
  g_autofree char *git = g_find_program_in_path ("git");
  g_autofree char *demo_path = uc_window_get_demo_path ();
  UcWindow *window;

  if (git == NULL)
    {
      g_test_skip ("git is not installed; the demo is built with git fast-import");
      return;
    }

  reset_settings ();
  g_assert_true (g_str_has_prefix (demo_path, uc_test_ui_scratch_dir ()));
  g_assert_false (g_file_test (demo_path, G_FILE_TEST_EXISTS));

  window = new_window (1100, 760);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.demo", NULL));
  g_assert_true (uc_window_get_busy (window));
  g_assert_cmpstr (uc_window_get_view (window), ==, "building-demo");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  uc_test_ui_screenshot (GTK_WIDGET (window), "demo-building");
  /* Opening the demo again meanwhile is not possible. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (window->demo_button)));

  uc_test_ui_wait_until (window_idle, window, 280);
  g_assert_null (find_dialog (window));
  g_assert_cmpstr (uc_window_get_view (window), ==, "overview");
  g_assert_cmpstr (uc_window_get_workspace_path (window), ==, demo_path);
  g_assert_true (g_file_test (demo_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (uc_overview_page_get_n_teams (uc_window_get_overview_page (window)), >=, 3);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  uc_test_ui_flush ();
  uc_test_ui_screenshot (GTK_WIDGET (window), "demo-overview");

  /* The second time it opens what is there. */
  uc_window_close_workspace (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.demo", NULL));
  g_assert_cmpstr (uc_window_get_view (window), ==, "analysing");

  destroy_window (window);
  reset_settings ();
}

static void
test_demo_cancel (void)
{
  g_autofree char *git = g_find_program_in_path ("git");
  g_autofree char *demo_path = uc_window_get_demo_path ();
  g_autofree char *dir = g_path_get_dirname (demo_path);
  g_autoptr(GDir) listing = NULL;
  UcWindow *window;

  if (git == NULL)
    {
      g_test_skip ("git is not installed; the demo is built with git fast-import");
      return;
    }
  if (g_file_test (demo_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the demo workspace already exists");
      return;
    }

  reset_settings ();
  window = new_window (900, 640);
  uc_window_open_demo (window);
  g_assert_cmpstr (uc_window_get_view (window), ==, "building-demo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL));
  uc_test_ui_wait_until (window_idle, window, 120);

  g_assert_cmpstr (uc_window_get_view (window), ==, "welcome");
  g_assert_null (find_dialog (window));
  g_assert_null (uc_window_get_workspace_path (window));
  /* Nothing half-built is left behind. */
  g_assert_false (g_file_test (demo_path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  if (listing != NULL)
    g_assert_null (g_dir_read_name (listing));

  destroy_window (window);
  reset_settings ();
}

static UcWindow *
find_app_window (UcApplication *app,
                 UcWindow      *not_this)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (UC_IS_WINDOW (l->data) && l->data != not_this)
      return l->data;
  return NULL;
}

static void
test_app_open (void)
{
  g_autofree char *first = uc_test_ui_make_workspace ("first.undercurrent", TRUE);
  g_autofree char *second = uc_test_ui_make_workspace ("second.undercurrent", TRUE);
  GFile *files[2];
  UcApplication *app = uc_test_ui_get_app ();
  UcWindow *window, *other;

  reset_settings ();
  g_assert_null (find_app_window (app, NULL));

  /* `undercurrent` alone: one window on the welcome page. */
  g_application_activate (G_APPLICATION (app));
  window = find_app_window (app, NULL);
  g_assert_nonnull (window);
  g_assert_cmpstr (uc_window_get_view (window), ==, "welcome");

  /* `undercurrent FILE FILE`: the idle window takes the first. */
  files[0] = g_file_new_for_path (first);
  files[1] = g_file_new_for_path (second);
  g_application_open (G_APPLICATION (app), files, 2, "");
  g_object_unref (files[0]);
  g_object_unref (files[1]);

  g_assert_cmpstr (uc_window_get_workspace_path (window), ==, first);
  other = find_app_window (app, window);
  g_assert_nonnull (other);
  g_assert_cmpstr (uc_window_get_workspace_path (other), ==, second);
  uc_test_ui_wait_until (window_idle, window, 120);
  uc_test_ui_wait_until (window_idle, other, 120);
  g_assert_cmpstr (uc_window_get_view (window), ==, "overview");
  g_assert_cmpstr (uc_window_get_view (other), ==, "overview");

  destroy_window (other);
  destroy_window (window);
  reset_settings ();
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }
  return NULL;
}

static gboolean
chooser_has_selection (gpointer data)
{
  g_autoptr(GFile) selected = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (data));

  return selected != NULL;
}

static void
test_open_dialog (void)
{
  g_autofree char *path = uc_test_ui_make_workspace ("chosen.undercurrent", TRUE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  UcWindow *window;
  GListModel *filters;

  reset_settings ();
  window = new_window (900, 640);

  /* Cancel: nothing happens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL));
  g_assert_nonnull (window->chooser);
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (window->chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  g_object_unref (filters);
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  if (dialog == NULL)
    {
      /* A portal answered instead of GTK's own dialog. */
      g_test_skip ("the file chooser is a portal's");
      destroy_window (window);
      return;
    }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  uc_test_ui_flush ();
  g_assert_null (window->chooser);
  g_assert_cmpstr (uc_window_get_view (window), ==, "welcome");

  /* Choose a workspace: it opens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL));
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, &error));
  g_assert_no_error (error);
  /* The dialog loads the folder before the file is selected in it. */
  uc_test_ui_wait_until (chooser_has_selection, dialog, 30);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  uc_test_ui_flush ();
  g_assert_null (window->chooser);
  g_assert_cmpstr (uc_window_get_workspace_path (window), ==, path);
  uc_test_ui_wait_until (window_idle, window, 120);
  g_assert_cmpstr (uc_window_get_view (window), ==, "overview");

  destroy_window (window);
  reset_settings ();
}

static void
test_app_actions (void)
{
  UcApplication *app = uc_test_ui_get_app ();
  g_auto(GStrv) accels = NULL;
  GtkWindow *about, *shortcuts;
  UcWindow *window;
  gpointer weak;

  reset_settings ();
  window = new_window (900, 640);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.open");
  g_assert_cmpstr (accels[0], ==, "<Control>o");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.close-workspace");
  g_assert_cmpstr (accels[0], ==, "<Control>w");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_nonnull (accels[0]);

  /* About Undercurrent. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Undercurrent");
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));
  uc_test_ui_screenshot (GTK_WIDGET (about), "about");
  gtk_window_destroy (about);

  /* Keyboard Shortcuts. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (shortcuts));
  uc_test_ui_screenshot (GTK_WIDGET (shortcuts), "shortcuts");
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);

  /* Quit closes every window, which saves its size. */
  gtk_window_set_default_size (GTK_WINDOW (window), 950, 650);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  uc_test_ui_wait_until (pointer_cleared, &weak, 30);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 950);
    g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  }

  reset_settings ();
}

int
main (int   argc,
      char *argv[])
{
  if (!uc_test_ui_init (&argc, &argv))
    return 77;

  g_test_add_func ("/ui/window/empty-state", test_empty_state);
  g_test_add_func ("/ui/window/open-workspace", test_open_workspace);
  g_test_add_func ("/ui/window/no-commits", test_no_commits);
  g_test_add_func ("/ui/window/bad-file", test_bad_file);
  g_test_add_func ("/ui/window/recent-missing", test_recent_missing);
  g_test_add_func ("/ui/window/cancel", test_cancel);
  g_test_add_func ("/ui/window/analysis-fails", test_analysis_fails);
  g_test_add_func ("/ui/window/window-state", test_window_state);
  g_test_add_func ("/ui/window/narrow", test_narrow);
  g_test_add_func ("/ui/window/screenshots", test_screenshots);
  g_test_add_func ("/ui/window/demo-cancel", test_demo_cancel);
  g_test_add_func ("/ui/window/demo", test_demo);
  g_test_add_func ("/ui/window/app-open", test_app_open);
  g_test_add_func ("/ui/window/open-dialog", test_open_dialog);
  /* Last: it quits the application. */
  g_test_add_func ("/ui/window/app-actions", test_app_actions);

  return uc_test_ui_finish (g_test_run ());
}
