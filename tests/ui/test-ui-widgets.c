/* test-ui-widgets.c: every template widget instantiates (the .ui check),
 * and the overview's widgets show what the analysis says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "uc-engine.h"
#include "uc-line-chart-widget.h"
#include "uc-overview-page.h"
#include "uc-team-row.h"
#include "uc-test-ui.h"
#include "uc-window.h"

static UcAnalysis *shared_analysis;

static UcAnalysis *
analyse_test_workspace (void)
{
  if (shared_analysis == NULL)
    {
      g_autofree char *path = uc_test_ui_make_workspace ("widgets.undercurrent", TRUE);
      g_autoptr(UcStore) store = NULL;
      g_autoptr(GError) error = NULL;
      UcAnalysisOptions options;

      store = uc_store_open (path, &error);
      g_assert_no_error (error);
      uc_analysis_options_init (&options);
      shared_analysis = uc_analysis_run (store, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (shared_analysis);
    }
  return shared_analysis;
}

static void
test_templates (void)
{
  const GType types[] = {
    UC_TYPE_WINDOW,
    UC_TYPE_OVERVIEW_PAGE,
    UC_TYPE_TEAM_ROW,
    UC_TYPE_LINE_CHART_WIDGET,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_new (types[i], NULL);

      g_test_message ("%s", g_type_name (types[i]));
      g_assert_true (GTK_IS_WIDGET (widget));
      /* A window belongs to GTK's toplevel list until destroyed. */
      g_object_ref_sink (widget);
      if (GTK_IS_WINDOW (widget))
        gtk_window_destroy (GTK_WINDOW (widget));
      g_assert_finalize_object (widget);
    }
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *overlay;

  builder = gtk_builder_new_from_resource ("/io/github/undercurrent/Undercurrent/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_style_resource (void)
{
  g_autoptr(GBytes) css = NULL;
  g_autoptr(GError) error = NULL;

  css = g_resources_lookup_data ("/io/github/undercurrent/Undercurrent/style.css",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (css), >, 0);
}

static void
test_chart_widget (void)
{
  g_autoptr(UcLineChart) chart = uc_line_chart_new ();
  const double first[] = { 0.1, 0.2, NAN, 0.4 };
  const double second[] = { 0.5, 0.4, 0.3, 0.2 };
  AdwStyleManager *manager = adw_style_manager_get_default ();
  UcLineChartWidget *widget;
  GtkWidget *window;
  const UcLineChart *shown;
  const UcChartStyle *style;
  UcRgba light_foreground;
  GtkAccessibleRole role;

  window = gtk_window_new ();
  widget = UC_LINE_CHART_WIDGET (uc_line_chart_widget_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (widget));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 300);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  /* Empty: a chart with no series, still described. */
  shown = uc_line_chart_widget_get_chart (widget);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->series->len, ==, 0);
  g_assert_nonnull (uc_line_chart_widget_get_description (widget));

  g_object_get (widget, "accessible-role", &role, NULL);
  g_assert_cmpint (role, ==, GTK_ACCESSIBLE_ROLE_IMG);

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      g_autofree char *label = g_strdup_printf ("2026-W%02u", i + 2);

      g_ptr_array_add (chart->x_labels, g_steal_pointer (&label));
    }
  uc_line_chart_add_series (chart, "North", first, G_N_ELEMENTS (first));
  uc_line_chart_add_series (chart, "South", second, G_N_ELEMENTS (second));
  chart->title = g_strdup ("Test chart");

  uc_line_chart_widget_set_chart (widget, g_steal_pointer (&chart));
  shown = uc_line_chart_widget_get_chart (widget);
  g_assert_cmpuint (shown->series->len, ==, 2);
  g_assert_cmpstr (((UcChartSeries *) shown->series->pdata[1])->label, ==, "South");
  g_assert_cmpuint (((UcChartSeries *) shown->series->pdata[1])->values->len, ==, 4);
  g_assert_cmpstr (uc_line_chart_widget_get_description (widget), !=, "");
  gtk_widget_queue_draw (GTK_WIDGET (widget));
  gtk_test_widget_wait_for_draw (window);

  /* The style follows the theme: light text is dark, dark text is light. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  uc_test_ui_flush ();
  style = uc_line_chart_widget_get_style (widget);
  light_foreground = style->foreground;
  g_assert_cmpfloat (light_foreground.red + light_foreground.green + light_foreground.blue, <, 1.5);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  uc_test_ui_flush ();
  style = uc_line_chart_widget_get_style (widget);
  g_assert_cmpfloat (style->foreground.red + style->foreground.green + style->foreground.blue, >, 1.5);
  g_assert_nonnull (style->font_family);
  gtk_test_widget_wait_for_draw (window);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  uc_test_ui_flush ();

  uc_line_chart_widget_set_chart (widget, NULL);
  g_assert_cmpuint (uc_line_chart_widget_get_chart (widget)->series->len, ==, 0);

  g_object_ref (widget);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (widget);
}

static void
test_team_row (void)
{
  UcAnalysis *analysis = analyse_test_workspace ();
  guint n_weeks = uc_analysis_get_n_weeks (analysis);
  int even = uc_analysis_find_team (analysis, UC_TEST_TEAM_EVEN);
  int gini = uc_signal_def_index ("CA.gini");
  const UcSignalDef *defs = uc_signal_defs (NULL);
  const UcSignalValue *value;
  const char * const *ids = uc_team_row_get_signal_ids ();
  UcTeamRow *row;

  g_assert_cmpint (even, >=, 0);
  g_assert_cmpuint (n_weeks, >, 0);

  row = UC_TEAM_ROW (g_object_ref_sink (uc_team_row_new (analysis, even, n_weeks - 1)));
  g_assert_cmpstr (uc_team_row_get_team_name (row), ==, UC_TEST_TEAM_EVEN);
  g_assert_nonnull (strstr (uc_team_row_get_summary (row), "3 people"));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      int index = uc_signal_def_index (ids[i]);
      g_autofree char *expected = NULL;

      g_assert_cmpint (index, >=, 0);
      value = uc_analysis_get_value (analysis, even, index, n_weeks - 1);
      expected = isnan (value->value)
        ? g_strdup ("No data")
        : uc_signal_format_value (&defs[index], value->value);
      g_assert_cmpstr (uc_team_row_get_value_text (row, ids[i]), ==, expected);
      g_assert_cmpint (uc_team_row_get_value_band (row, ids[i]), ==,
                       isnan (value->value) ? UC_SCORE_BAND_NONE : uc_score_band (value->score));
    }

  value = uc_analysis_get_value (analysis, even, gini, n_weeks - 1);
  g_assert_cmpfloat_with_epsilon (value->value, 0.0, 1e-6);
  g_assert_cmpint (uc_team_row_get_value_band (row, "CA.gini"), ==, UC_SCORE_BAND_GOOD);
  g_assert_null (uc_team_row_get_value_text (row, "RV.coverage"));
  g_assert_finalize_object (row);

  /* A week past the analysis: every value reads "No data". */
  row = UC_TEAM_ROW (g_object_ref_sink (uc_team_row_new (analysis, even, n_weeks)));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_assert_cmpstr (uc_team_row_get_value_text (row, ids[i]), ==, "No data");
      g_assert_cmpint (uc_team_row_get_value_band (row, ids[i]), ==, UC_SCORE_BAND_NONE);
    }
  g_assert_finalize_object (row);
}

static void
test_overview_page (void)
{
  UcAnalysis *analysis = analyse_test_workspace ();
  UcOverviewPage *page;
  UcLineChartWidget *chart;
  const UcLineChart *data;
  guint n_teams = uc_analysis_get_n_teams (analysis);

  page = UC_OVERVIEW_PAGE (g_object_ref_sink (uc_overview_page_new ()));
  g_assert_cmpuint (uc_overview_page_get_n_teams (page), ==, 0);

  uc_overview_page_set_analysis (page, analysis);
  g_assert_true (uc_overview_page_get_analysis (page) == analysis);
  g_assert_cmpuint (uc_overview_page_get_n_teams (page), ==, n_teams);
  for (guint i = 0; i < n_teams; i++)
    g_assert_cmpstr (uc_team_row_get_team_name (uc_overview_page_get_team_row (page, i)), ==,
                     uc_analysis_get_team (analysis, i)->name);
  g_assert_null (uc_overview_page_get_team_row (page, n_teams));
  g_assert_nonnull (strstr (uc_overview_page_get_period (page), "8 weeks"));

  chart = uc_overview_page_get_chart (page);
  data = uc_line_chart_widget_get_chart (chart);
  g_assert_cmpuint (data->series->len, ==, n_teams);
  g_assert_cmpuint (data->x_labels->len, ==, uc_analysis_get_n_weeks (analysis));
  g_assert_cmpfloat (data->y_max, ==, 1.0);

  uc_overview_page_set_analysis (page, NULL);
  g_assert_cmpuint (uc_overview_page_get_n_teams (page), ==, 0);
  g_assert_cmpuint (uc_line_chart_widget_get_chart (chart)->series->len, ==, 0);

  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!uc_test_ui_init (&argc, &argv))
    return 77;

  g_test_add_func ("/ui/widgets/templates", test_templates);
  g_test_add_func ("/ui/widgets/help-overlay", test_help_overlay);
  g_test_add_func ("/ui/widgets/style-resource", test_style_resource);
  g_test_add_func ("/ui/widgets/line-chart", test_chart_widget);
  g_test_add_func ("/ui/widgets/team-row", test_team_row);
  g_test_add_func ("/ui/widgets/overview-page", test_overview_page);

  status = g_test_run ();
  g_clear_pointer (&shared_analysis, uc_analysis_unref);
  return uc_test_ui_finish (status);
}
