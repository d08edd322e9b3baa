/* uc-line-chart-widget.c: a weekly line chart on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "uc-compat.h"
#include "uc-line-chart-widget.h"

#define MIN_WIDTH      240
#define MIN_HEIGHT     180
#define NATURAL_WIDTH  560
#define NATURAL_HEIGHT 260

struct _UcLineChartWidget
{
  GtkWidget     parent_instance;

  UcLineChart  *chart;         /* owned, never NULL */
  char         *description;   /* owned */
  char         *font_family;   /* owned; style.font_family points here */
  UcChartStyle  style;
};

G_DEFINE_FINAL_TYPE (UcLineChartWidget, uc_line_chart_widget, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static UcRgba
rgba_from_gdk (const GdkRGBA *color)
{
  return (UcRgba) { color->red, color->green, color->blue, color->alpha };
}

static void
take_theme_color (UcLineChartWidget *self,
                  const char        *name,
                  UcRgba            *target)
{
  GdkRGBA color;

  if (uc_compat_widget_lookup_color (GTK_WIDGET (self), name, &color))
    *target = rgba_from_gdk (&color);
}

/* Light or dark base from libadwaita, then the theme's named colours on
 * top so the chart matches the accent and the status colours around it. */
static void
update_style (UcLineChartWidget *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *font_name = NULL;
  GdkRGBA fg;

  if (adw_style_manager_get_dark (manager))
    uc_chart_style_init_dark (&self->style);
  else
    uc_chart_style_init_light (&self->style);

  uc_compat_widget_get_color (GTK_WIDGET (self), &fg);
  if (fg.alpha > 0)
    {
      self->style.foreground = rgba_from_gdk (&fg);
      self->style.dim = self->style.foreground;
      self->style.dim.alpha *= 0.6;
      self->style.grid = self->style.foreground;
      self->style.grid.alpha *= 0.12;
    }
  take_theme_color (self, "accent_color", &self->style.accent);
  take_theme_color (self, "success_color", &self->style.good);
  take_theme_color (self, "warning_color", &self->style.warning);
  take_theme_color (self, "error_color", &self->style.bad);
  self->style.background = (UcRgba) { 0, 0, 0, 0 };

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-font-name", &font_name,
                NULL);
  if (font_name != NULL)
    {
      PangoFontDescription *desc = pango_font_description_from_string (font_name);
      const char *family = pango_font_description_get_family (desc);

      if (family != NULL && family[0] != '\0')
        {
          g_free (self->font_family);
          self->font_family = g_strdup (family);
          self->style.font_family = self->font_family;
        }
      pango_font_description_free (desc);
    }
}

static void
dark_changed_cb (UcLineChartWidget *self,
                 GParamSpec        *pspec,
                 AdwStyleManager   *manager)
{
  update_style (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_description (UcLineChartWidget *self)
{
  g_autofree char *description = uc_line_chart_describe (self->chart);

  if (g_strcmp0 (description, self->description) == 0)
    return;

  g_free (self->description);
  self->description = g_steal_pointer (&description);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->description,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static void
uc_line_chart_widget_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  UcLineChartWidget *self = UC_LINE_CHART_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  uc_line_chart_draw (cr, width, height, self->chart, &self->style);
  cairo_destroy (cr);
}

static void
uc_line_chart_widget_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = NATURAL_HEIGHT;
    }
}

static void
uc_line_chart_widget_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  UcLineChartWidget *self = UC_LINE_CHART_WIDGET (widget);

  GTK_WIDGET_CLASS (uc_line_chart_widget_parent_class)->css_changed (widget, change);

  update_style (self);
  gtk_widget_queue_draw (widget);
}

static void
uc_line_chart_widget_dispose (GObject *object)
{
  UcLineChartWidget *self = UC_LINE_CHART_WIDGET (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), UC_TYPE_LINE_CHART_WIDGET);

  G_OBJECT_CLASS (uc_line_chart_widget_parent_class)->dispose (object);
}

static void
uc_line_chart_widget_finalize (GObject *object)
{
  UcLineChartWidget *self = UC_LINE_CHART_WIDGET (object);

  g_clear_pointer (&self->chart, uc_line_chart_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->font_family, g_free);

  G_OBJECT_CLASS (uc_line_chart_widget_parent_class)->finalize (object);
}

static void
uc_line_chart_widget_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  UcLineChartWidget *self = UC_LINE_CHART_WIDGET (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
uc_line_chart_widget_class_init (UcLineChartWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = uc_line_chart_widget_dispose;
  object_class->finalize = uc_line_chart_widget_finalize;
  object_class->get_property = uc_line_chart_widget_get_property;

  widget_class->snapshot = uc_line_chart_widget_snapshot;
  widget_class->measure = uc_line_chart_widget_measure;
  widget_class->css_changed = uc_line_chart_widget_css_changed;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undercurrent/Undercurrent/ui/uc-line-chart-widget.ui");
  gtk_widget_class_set_css_name (widget_class, "linechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
uc_line_chart_widget_init (UcLineChartWidget *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->chart = uc_line_chart_new ();
  update_style (self);
  update_description (self);

  g_signal_connect_object (adw_style_manager_get_default (),
                           "notify::dark",
                           G_CALLBACK (dark_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
uc_line_chart_widget_new (void)
{
  return g_object_new (UC_TYPE_LINE_CHART_WIDGET, NULL);
}

void
uc_line_chart_widget_set_chart (UcLineChartWidget *self,
                                UcLineChart       *chart)
{
  g_return_if_fail (UC_IS_LINE_CHART_WIDGET (self));

  if (chart == self->chart)
    return;

  g_clear_pointer (&self->chart, uc_line_chart_free);
  self->chart = chart != NULL ? chart : uc_line_chart_new ();

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const UcLineChart *
uc_line_chart_widget_get_chart (UcLineChartWidget *self)
{
  g_return_val_if_fail (UC_IS_LINE_CHART_WIDGET (self), NULL);

  return self->chart;
}

const char *
uc_line_chart_widget_get_description (UcLineChartWidget *self)
{
  g_return_val_if_fail (UC_IS_LINE_CHART_WIDGET (self), NULL);

  return self->description;
}

const UcChartStyle *
uc_line_chart_widget_get_style (UcLineChartWidget *self)
{
  g_return_val_if_fail (UC_IS_LINE_CHART_WIDGET (self), NULL);

  return &self->style;
}
