/* uc-overview-page.c: the workspace overview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "uc-overview-page.h"

#define CHART_SIGNAL "CA.gini"

struct _UcOverviewPage
{
  GtkWidget          parent_instance;

  UcAnalysis        *analysis;     /* owned */
  guint              n_teams;

  /* template children */
  GtkLabel          *period_label;
  GtkListBox        *team_list;
  UcLineChartWidget *chart;
};

G_DEFINE_FINAL_TYPE (UcOverviewPage, uc_overview_page, GTK_TYPE_WIDGET)

static void
clear_teams (UcOverviewPage *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->team_list, 0)) != NULL)
    gtk_list_box_remove (self->team_list, GTK_WIDGET (row));
  self->n_teams = 0;
}

static char *
format_period (UcAnalysis *analysis)
{
  guint n_weeks = uc_analysis_get_n_weeks (analysis);
  g_autofree char *last = NULL;

  if (n_weeks == 0)
    return g_strdup (_("No week has any activity yet"));

  last = uc_week_format (uc_analysis_get_week (analysis, n_weeks - 1));
  /* Translators: “Latest week 2026-W47 · 12 weeks analysed”; the values
   * shown are the latest week's */
  return g_strdup_printf (ngettext ("Latest week %s · %u week analysed",
                                    "Latest week %s · %u weeks analysed",
                                    n_weeks),
                          last, n_weeks);
}

static void
uc_overview_page_dispose (GObject *object)
{
  UcOverviewPage *self = UC_OVERVIEW_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), UC_TYPE_OVERVIEW_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->analysis, uc_analysis_unref);

  G_OBJECT_CLASS (uc_overview_page_parent_class)->dispose (object);
}

static void
uc_overview_page_class_init (UcOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = uc_overview_page_dispose;

  g_type_ensure (UC_TYPE_LINE_CHART_WIDGET);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undercurrent/Undercurrent/ui/uc-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UcOverviewPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, UcOverviewPage, team_list);
  gtk_widget_class_bind_template_child (widget_class, UcOverviewPage, chart);
}

static void
uc_overview_page_init (UcOverviewPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No team has enough active people to be shown on its own"));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->team_list, placeholder);
}

GtkWidget *
uc_overview_page_new (void)
{
  return g_object_new (UC_TYPE_OVERVIEW_PAGE, NULL);
}

void
uc_overview_page_set_analysis (UcOverviewPage *self,
                               UcAnalysis     *analysis)
{
  g_autofree char *period = NULL;
  UcLineChart *chart = NULL;
  guint n_weeks;

  g_return_if_fail (UC_IS_OVERVIEW_PAGE (self));

  if (analysis == self->analysis)
    return;

  clear_teams (self);
  g_clear_pointer (&self->analysis, uc_analysis_unref);

  if (analysis == NULL)
    {
      gtk_label_set_label (self->period_label, "");
      uc_line_chart_widget_set_chart (self->chart, NULL);
      return;
    }

  self->analysis = uc_analysis_ref (analysis);
  n_weeks = uc_analysis_get_n_weeks (analysis);

  period = format_period (analysis);
  gtk_label_set_label (self->period_label, period);

  self->n_teams = uc_analysis_get_n_teams (analysis);
  for (guint i = 0; i < self->n_teams; i++)
    {
      GtkWidget *row = uc_team_row_new (analysis, i,
                                        n_weeks > 0 ? n_weeks - 1 : 0);

      gtk_list_box_append (self->team_list, row);
    }

  chart = uc_line_chart_new_for_signal (analysis, CHART_SIGNAL);
  if (chart != NULL)
    {
      /* The heading above the card names the chart; the Gini axis is
       * always 0..1 so teams and weeks compare at a glance. */
      g_clear_pointer (&chart->title, g_free);
      g_free (chart->y_label);
      chart->y_label = g_strdup (_("Gini"));
      chart->y_min = 0.0;
      chart->y_max = 1.0;
    }
  uc_line_chart_widget_set_chart (self->chart, chart);
}

UcAnalysis *
uc_overview_page_get_analysis (UcOverviewPage *self)
{
  g_return_val_if_fail (UC_IS_OVERVIEW_PAGE (self), NULL);

  return self->analysis;
}

guint
uc_overview_page_get_n_teams (UcOverviewPage *self)
{
  g_return_val_if_fail (UC_IS_OVERVIEW_PAGE (self), 0);

  return self->n_teams;
}

UcTeamRow *
uc_overview_page_get_team_row (UcOverviewPage *self,
                               guint           index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (UC_IS_OVERVIEW_PAGE (self), NULL);

  if (index >= self->n_teams)
    return NULL;
  row = gtk_list_box_get_row_at_index (self->team_list, index);
  return UC_IS_TEAM_ROW (row) ? UC_TEAM_ROW (row) : NULL;
}

UcLineChartWidget *
uc_overview_page_get_chart (UcOverviewPage *self)
{
  g_return_val_if_fail (UC_IS_OVERVIEW_PAGE (self), NULL);

  return self->chart;
}

const char *
uc_overview_page_get_period (UcOverviewPage *self)
{
  g_return_val_if_fail (UC_IS_OVERVIEW_PAGE (self), NULL);

  return gtk_label_get_label (self->period_label);
}
