/* uc-team-row.c: one team in the overview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "uc-signal-defs.h"
#include "uc-team-row.h"

typedef struct
{
  const char   *signal_id;
  const char   *caption;          /* N_() */
  gsize         caption_offset;   /* GtkLabel * in UcTeamRow */
  gsize         value_offset;
  gsize         chip_offset;
} Metric;

#define N_METRICS 4

struct _UcTeamRow
{
  GtkListBoxRow  parent_instance;

  char          *team_name;                /* owned */
  char          *summary;                  /* owned */
  UcScoreBand    bands[N_METRICS];

  /* template children */
  GtkLabel      *name_label;
  GtkLabel      *summary_label;
  GtkLabel      *gini_caption;
  GtkLabel      *gini_value;
  GtkLabel      *gini_chip;
  GtkLabel      *top_share_caption;
  GtkLabel      *top_share_value;
  GtkLabel      *top_share_chip;
  GtkLabel      *truck_caption;
  GtkLabel      *truck_value;
  GtkLabel      *truck_chip;
  GtkLabel      *islands_caption;
  GtkLabel      *islands_value;
  GtkLabel      *islands_chip;
};

G_DEFINE_FINAL_TYPE (UcTeamRow, uc_team_row, GTK_TYPE_LIST_BOX_ROW)

#define METRIC(id, caption, field)                           \
  { id, caption,                                             \
    G_STRUCT_OFFSET (UcTeamRow, field##_caption),            \
    G_STRUCT_OFFSET (UcTeamRow, field##_value),              \
    G_STRUCT_OFFSET (UcTeamRow, field##_chip) }

static const Metric metrics[N_METRICS] = {
  /* Translators: short caption of the Gini coefficient of commits per member */
  METRIC ("CA.gini", N_("Gini"), gini),
  /* Translators: short caption: share of the commits by the top author */
  METRIC ("CA.top_share", N_("Top share"), top_share),
  /* Translators: short caption: people who could leave before knowledge is lost */
  METRIC ("CA.truck", N_("Truck factor"), truck),
  /* Translators: short caption: share of files with a single author */
  METRIC ("CA.islands", N_("Islands"), islands),
};

static const char * const signal_ids[N_METRICS + 1] = {
  "CA.gini", "CA.top_share", "CA.truck", "CA.islands", NULL,
};

#define METRIC_LABEL(self, offset) \
  (*(GtkLabel **) G_STRUCT_MEMBER_P (self, offset))

const char *
uc_score_band_name (UcScoreBand band)
{
  switch (band)
    {
    case UC_SCORE_BAND_GOOD:
      return "good";
    case UC_SCORE_BAND_WARNING:
      return "warning";
    case UC_SCORE_BAND_BAD:
      return "bad";
    case UC_SCORE_BAND_NONE:
    default:
      return "none";
    }
}

static const char *
band_label (UcScoreBand band)
{
  switch (band)
    {
    case UC_SCORE_BAND_GOOD:
      return _("healthy");
    case UC_SCORE_BAND_WARNING:
      return _("worth watching");
    case UC_SCORE_BAND_BAD:
      return _("alarming");
    case UC_SCORE_BAND_NONE:
    default:
      return _("no data");
    }
}

const char * const *
uc_team_row_get_signal_ids (void)
{
  return signal_ids;
}

static int
find_metric (const char *signal_id)
{
  for (guint i = 0; i < N_METRICS; i++)
    if (g_strcmp0 (metrics[i].signal_id, signal_id) == 0)
      return i;
  return -1;
}

static void
show_metric (UcTeamRow           *self,
             guint                i,
             const UcSignalValue *value)
{
  const Metric *metric = &metrics[i];
  GtkLabel *value_label = METRIC_LABEL (self, metric->value_offset);
  GtkLabel *chip = METRIC_LABEL (self, metric->chip_offset);
  UcScoreBand band = UC_SCORE_BAND_NONE;
  g_autofree char *tooltip = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (chip), "good");
  gtk_widget_remove_css_class (GTK_WIDGET (chip), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (chip), "bad");

  if (value == NULL || isnan (value->value))
    {
      gtk_label_set_label (value_label, _("No data"));
      gtk_widget_add_css_class (GTK_WIDGET (value_label), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (chip), FALSE);
      self->bands[i] = UC_SCORE_BAND_NONE;
      return;
    }

  {
    int def_index = uc_signal_def_index (metric->signal_id);
    g_autofree char *text = NULL;

    if (def_index >= 0)
      text = uc_signal_format_value (&uc_signal_defs (NULL)[def_index], value->value);
    else
      text = g_strdup_printf ("%.2f", value->value);

    gtk_label_set_label (value_label, text);
    gtk_widget_remove_css_class (GTK_WIDGET (value_label), "dim-label");
  }

  band = uc_score_band (value->score);
  self->bands[i] = band;
  if (band == UC_SCORE_BAND_NONE)
    {
      gtk_widget_set_visible (GTK_WIDGET (chip), FALSE);
      return;
    }

  {
    g_autofree char *score = g_strdup_printf ("%.0f", value->score);

    gtk_label_set_label (chip, score);
  }
  gtk_widget_add_css_class (GTK_WIDGET (chip), uc_score_band_name (band));
  /* Translators: tooltip of a score chip: the debt score out of 100 and its band */
  tooltip = g_strdup_printf (_("Debt score %.0f of 100: %s"),
                             value->score, band_label (band));
  gtk_widget_set_tooltip_text (GTK_WIDGET (chip), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (chip), TRUE);
}

static void
uc_team_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), UC_TYPE_TEAM_ROW);

  G_OBJECT_CLASS (uc_team_row_parent_class)->dispose (object);
}

static void
uc_team_row_finalize (GObject *object)
{
  UcTeamRow *self = UC_TEAM_ROW (object);

  g_clear_pointer (&self->team_name, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (uc_team_row_parent_class)->finalize (object);
}

static void
uc_team_row_class_init (UcTeamRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = uc_team_row_dispose;
  object_class->finalize = uc_team_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undercurrent/Undercurrent/ui/uc-team-row.ui");
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, gini_caption);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, gini_value);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, gini_chip);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, top_share_caption);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, top_share_value);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, top_share_chip);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, truck_caption);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, truck_value);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, truck_chip);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, islands_caption);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, islands_value);
  gtk_widget_class_bind_template_child (widget_class, UcTeamRow, islands_chip);
}

static void
uc_team_row_init (UcTeamRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_METRICS; i++)
    {
      const Metric *metric = &metrics[i];
      int def_index = uc_signal_def_index (metric->signal_id);

      gtk_label_set_label (METRIC_LABEL (self, metric->caption_offset),
                           _(metric->caption));
      if (def_index >= 0)
        {
          const UcSignalDef *def = &uc_signal_defs (NULL)[def_index];

          gtk_widget_set_tooltip_text (GTK_WIDGET (METRIC_LABEL (self, metric->caption_offset)),
                                       uc_signal_def_get_description (def));
        }
      show_metric (self, i, NULL);
    }
}

GtkWidget *
uc_team_row_new (UcAnalysis *analysis,
                 guint       team_index,
                 guint       week_index)
{
  UcTeamRow *self;
  const UcTeamInfo *team;
  g_autofree char *people = NULL;
  g_autofree char *agents = NULL;
  guint n_weeks;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (team_index < uc_analysis_get_n_teams (analysis), NULL);

  self = g_object_new (UC_TYPE_TEAM_ROW, NULL);
  team = uc_analysis_get_team (analysis, team_index);
  n_weeks = uc_analysis_get_n_weeks (analysis);

  self->team_name = g_strdup (team->name);
  gtk_label_set_label (self->name_label, team->name);

  people = g_strdup_printf (ngettext ("%u person", "%u people", team->n_members),
                            team->n_members);
  agents = g_strdup_printf (ngettext ("%u agent", "%u agents", team->n_agents),
                            team->n_agents);
  /* Translators: a team's size: “6 people · 1 agent” */
  self->summary = g_strdup_printf (_("%s · %s"), people, agents);
  gtk_label_set_label (self->summary_label, self->summary);

  for (guint i = 0; i < N_METRICS; i++)
    {
      int def_index = uc_signal_def_index (metrics[i].signal_id);
      const UcSignalValue *value = NULL;

      if (def_index >= 0 && week_index < n_weeks)
        value = uc_analysis_get_value (analysis, team_index, def_index, week_index);
      show_metric (self, i, value);
    }

  return GTK_WIDGET (self);
}

const char *
uc_team_row_get_team_name (UcTeamRow *self)
{
  g_return_val_if_fail (UC_IS_TEAM_ROW (self), NULL);

  return self->team_name;
}

const char *
uc_team_row_get_summary (UcTeamRow *self)
{
  g_return_val_if_fail (UC_IS_TEAM_ROW (self), NULL);

  return self->summary;
}

const char *
uc_team_row_get_value_text (UcTeamRow  *self,
                            const char *signal_id)
{
  int i;

  g_return_val_if_fail (UC_IS_TEAM_ROW (self), NULL);

  i = find_metric (signal_id);
  if (i < 0)
    return NULL;
  return gtk_label_get_label (METRIC_LABEL (self, metrics[i].value_offset));
}

UcScoreBand
uc_team_row_get_value_band (UcTeamRow  *self,
                            const char *signal_id)
{
  int i;

  g_return_val_if_fail (UC_IS_TEAM_ROW (self), UC_SCORE_BAND_NONE);

  i = find_metric (signal_id);
  if (i < 0)
    return UC_SCORE_BAND_NONE;
  return self->bands[i];
}
