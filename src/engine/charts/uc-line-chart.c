/* uc-line-chart.c: weekly line charts, drawn the same on screen and in the PDF.
 *
 * Layout, top to bottom: title, y label, plot (y ticks on the left, x
 * week labels below), legend. Every element past the plot is dropped when
 * it would squeeze the plot below a minimum, so the chart stays readable
 * from 200×120 upwards; the whole drawing is clipped to (0, 0, w, h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "uc-chart-private.h"

/* ---- data ---- */

static void
series_free (UcChartSeries *series)
{
  g_free (series->label);
  g_clear_pointer (&series->values, g_array_unref);
  g_free (series);
}

UcLineChart *
uc_line_chart_new (void)
{
  UcLineChart *chart = g_new0 (UcLineChart, 1);

  chart->x_labels = g_ptr_array_new_with_free_func (g_free);
  chart->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  chart->y_min = 0.0;
  chart->y_max = 0.0;
  chart->marker_index = -1;
  chart->healthy_line = NAN;
  chart->alarming_line = NAN;

  return chart;
}

void
uc_line_chart_free (UcLineChart *chart)
{
  if (chart == NULL)
    return;

  g_free (chart->title);
  g_free (chart->name);
  g_free (chart->y_label);
  g_clear_pointer (&chart->x_labels, g_ptr_array_unref);
  g_clear_pointer (&chart->series, g_ptr_array_unref);
  g_free (chart);
}

UcChartSeries *
uc_line_chart_add_series (UcLineChart  *chart,
                          const char   *label,
                          const double *values,
                          guint         n_values)
{
  UcChartSeries *series;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (values != NULL || n_values == 0, NULL);

  series = g_new0 (UcChartSeries, 1);
  series->label = g_strdup (label != NULL ? label : "");
  series->values = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  if (n_values > 0)
    g_array_append_vals (series->values, values, n_values);
  g_ptr_array_add (chart->series, series);

  return series;
}

UcLineChart *
uc_line_chart_new_for_signal (UcAnalysis *analysis,
                              const char *signal_id)
{
  g_autoptr(UcLineChart) chart = NULL;
  g_autoptr(GArray) values = NULL;
  const UcSignalDef *defs;
  guint n_defs, n_weeks, n_teams;
  int index;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (signal_id != NULL, NULL);

  chart = uc_line_chart_new ();
  chart->name = g_strdup (signal_id);

  defs = uc_signal_defs (&n_defs);
  index = uc_signal_def_index (signal_id);
  if (index >= 0 && (guint) index < n_defs)
    {
      double healthy, alarming;

      /* Translators: a chart title: the signal's title, then its id. */
      chart->title = g_strdup_printf (_("%s (%s)"), uc_signal_def_get_title (&defs[index]),
                                      signal_id);
      uc_analysis_get_bounds (analysis, (guint) index, &healthy, &alarming);
      chart->healthy_line = healthy;
      chart->alarming_line = alarming;
    }
  else
    chart->title = g_strdup (signal_id);

  n_weeks = uc_analysis_get_n_weeks (analysis);
  for (guint w = 0; w < n_weeks; w++)
    g_ptr_array_add (chart->x_labels, uc_week_format (uc_analysis_get_week (analysis, w)));

  if (index < 0)
    return g_steal_pointer (&chart);

  n_teams = uc_analysis_get_n_teams (analysis);
  values = g_array_sized_new (FALSE, FALSE, sizeof (double), n_weeks);
  for (guint t = 0; t < n_teams; t++)
    {
      const UcTeamInfo *team = uc_analysis_get_team (analysis, t);

      g_array_set_size (values, 0);
      for (guint w = 0; w < n_weeks; w++)
        {
          const UcSignalValue *v = uc_analysis_get_value (analysis, t, (guint) index, w);
          double d = v != NULL ? v->value : NAN;

          g_array_append_val (values, d);
        }
      uc_line_chart_add_series (chart, team != NULL ? team->name : "",
                                (const double *) (gpointer) values->data, values->len);
    }

  return g_steal_pointer (&chart);
}

static guint
chart_n_positions (const UcLineChart *chart)
{
  guint n = chart->x_labels->len;

  for (guint s = 0; s < chart->series->len; s++)
    {
      const UcChartSeries *series = g_ptr_array_index (chart->series, s);

      n = MAX (n, series->values->len);
    }
  return n;
}

static gboolean
series_range (const UcLineChart *chart,
              double            *lo,
              double            *hi)
{
  gboolean any = FALSE;

  *lo = G_MAXDOUBLE;
  *hi = -G_MAXDOUBLE;
  for (guint s = 0; s < chart->series->len; s++)
    {
      const UcChartSeries *series = g_ptr_array_index (chart->series, s);

      for (guint i = 0; i < series->values->len; i++)
        {
          double v = g_array_index (series->values, double, i);

          if (!isfinite (v))
            continue;
          *lo = MIN (*lo, v);
          *hi = MAX (*hi, v);
          any = TRUE;
        }
    }
  return any;
}

/* ---- description ---- */

char *
uc_line_chart_describe (const UcLineChart *chart)
{
  g_autoptr(GString) latest = NULL;
  g_autofree char *teams = NULL;
  g_autofree char *weeks = NULL;
  const char *subject;
  double lo, hi;
  guint n_series, n_positions;

  g_return_val_if_fail (chart != NULL, NULL);

  subject = chart->name != NULL ? chart->name
            : chart->title != NULL ? chart->title : _("Chart");
  n_series = chart->series->len;
  n_positions = chart_n_positions (chart);

  if (n_series == 0 || !series_range (chart, &lo, &hi))
    /* Translators: %s is a chart's subject, e.g. "CA.gini". */
    return g_strdup_printf (_("%s: no data."), subject);

  latest = g_string_new (NULL);
  for (guint s = 0; s < n_series; s++)
    {
      const UcChartSeries *series = g_ptr_array_index (chart->series, s);
      g_autofree char *item = NULL;
      int last = -1;

      for (guint i = series->values->len; i > 0; i--)
        if (isfinite (g_array_index (series->values, double, i - 1)))
          {
            last = (int) i - 1;
            break;
          }

      if (last < 0)
        /* Translators: a team without values in a chart description. */
        item = g_strdup_printf (_("%s no data"), series->label);
      else
        {
          g_autofree char *value = _uc_chart_format_value (g_array_index (series->values,
                                                                          double, last));

          if ((guint) last + 1 < n_positions && (guint) last < chart->x_labels->len)
            /* Translators: team, value and the week it is from, e.g. "Atlas 0.42 (2026-W45)". */
            item = g_strdup_printf (_("%s %s (%s)"), series->label, value,
                                    (const char *) g_ptr_array_index (chart->x_labels, last));
          else
            /* Translators: team and its latest value, e.g. "Atlas 0.42". */
            item = g_strdup_printf (_("%s %s"), series->label, value);
        }

      if (latest->len > 0)
        g_string_append (latest, ", ");
      g_string_append (latest, item);
    }

  teams = g_strdup_printf (ngettext ("%u team", "%u teams", n_series), n_series);
  weeks = g_strdup_printf (ngettext ("%u week", "%u weeks", n_positions), n_positions);

  /* Translators: "CA.gini for 3 teams over 40 weeks; latest: Atlas 0.42, …". */
  return g_strdup_printf (_("%s for %s over %s; latest: %s."),
                          subject, teams, weeks, latest->str);
}

/* ---- drawing ---- */

typedef struct
{
  double x0, y0, x1, y1;
} Box;

static double
pos_x (const Box *plot,
       guint      i,
       guint      n)
{
  if (n <= 1)
    return (plot->x0 + plot->x1) / 2.0;
  return plot->x0 + (plot->x1 - plot->x0) * i / (n - 1);
}

static double
pos_y (const Box          *plot,
       const UcChartTicks *ticks,
       double              v)
{
  return plot->y1 - (v - ticks->min) / (ticks->max - ticks->min) * (plot->y1 - plot->y0);
}

/* Snap a 1-unit line to the pixel grid when drawing for the screen. */
static double
crisp (double v)
{
  return floor (v) + 0.5;
}

static void
draw_no_data (cairo_t            *cr,
              const Box          *area,
              double              fscale,
              const UcChartStyle *style)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w = area->x1 - area->x0, h = area->y1 - area->y0;
  double tw, th;
  static const double dashes[] = { 4.0, 3.0 };

  if (w <= 2.0 || h <= 2.0)
    return;

  cairo_save (cr);
  _uc_chart_rounded_rect (cr, area->x0 + 0.5, area->y0 + 0.5, w - 1.0, h - 1.0,
                          MIN (8.0, MIN (w, h) / 4.0));
  _uc_chart_set_source (cr, &style->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* Translators: shown in a chart without any value. */
  layout = _uc_chart_layout (cr, style, fscale * 1.25, PANGO_WEIGHT_BOLD, _("No data"));
  _uc_chart_layout_limit (layout, w - 8.0, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  _uc_chart_layout_size (layout, &tw, &th);
  _uc_chart_show_layout (cr, layout, area->x0 + (w - tw) / 2.0,
                         area->y0 + (h - th) / 2.0, &style->dim);
}

typedef struct
{
  PangoLayout *layout;   /* owned */
  double       width;    /* item width: swatch + gap + text */
  double       x, y;
  guint        series;   /* G_MAXUINT: the "+N more" item */
} LegendItem;

static void
legend_item_clear (LegendItem *item)
{
  g_clear_object (&item->layout);
}

static const double dash_pattern[] = { 6.0, 3.0 };

static void
set_series_stroke (cairo_t            *cr,
                   const UcChartStyle *style,
                   guint               s,
                   double              line_width)
{
  _uc_chart_set_source (cr, &style->palette[s % UC_CHART_N_PALETTE]);
  cairo_set_line_width (cr, line_width);
  /* Past the palette, colours repeat dashed so lines stay distinct. */
  if ((s / UC_CHART_N_PALETTE) % 2 == 1)
    {
      double d[2] = { dash_pattern[0] * line_width / 2.0,
                      dash_pattern[1] * line_width / 2.0 };
      cairo_set_dash (cr, d, 2, 0.0);
    }
  else
    cairo_set_dash (cr, NULL, 0, 0.0);
}

/* Lays the legend out in rows of at most @avail_w, at most @max_rows rows;
 * items that do not fit collapse into a last "+N more" item. Returns the
 * number of rows used; positions are relative to (0, 0). */
static guint
layout_legend (cairo_t            *cr,
               const UcLineChart  *chart,
               const UcChartStyle *style,
               double              fscale,
               double              avail_w,
               guint               max_rows,
               double              row_h,
               double              swatch_w,
               double              swatch_gap,
               double              item_gap,
               GArray             *items)
{
  guint n = chart->series->len;
  double x = 0.0;
  guint row = 0;
  guint placed;

  g_array_set_size (items, 0);
  if (max_rows == 0 || n == 0)
    return 0;

  for (placed = 0; placed < n; placed++)
    {
      const UcChartSeries *series = g_ptr_array_index (chart->series, placed);
      LegendItem item = { 0 };
      double tw;

      item.layout = _uc_chart_layout (cr, style, fscale, PANGO_WEIGHT_NORMAL, series->label);
      _uc_chart_layout_limit (item.layout,
                              MAX (avail_w - swatch_w - swatch_gap, 1.0)
                              * (n > 1 ? 0.5 : 1.0),
                              PANGO_ELLIPSIZE_END);
      _uc_chart_layout_size (item.layout, &tw, NULL);
      item.width = swatch_w + swatch_gap + tw;
      item.series = placed;

      if (x > 0.0 && x + item.width > avail_w)
        {
          row++;
          x = 0.0;
        }
      if (row >= max_rows)
        {
          legend_item_clear (&item);
          break;
        }
      item.x = x;
      item.y = row * row_h;
      x += item.width + item_gap;
      g_array_append_val (items, item);
    }

  if (placed < n)
    {
      /* Make room on the last row for "+N more". */
      for (;;)
        {
          LegendItem more = { 0 };
          g_autofree char *text = NULL;
          guint hidden = n - items->len;
          double last_right = 0.0, start, mw;

          /* Translators: in a chart legend, for series left out. */
          text = g_strdup_printf (ngettext ("+%u more", "+%u more", hidden), hidden);
          more.layout = _uc_chart_layout (cr, style, fscale, PANGO_WEIGHT_NORMAL, text);
          _uc_chart_layout_size (more.layout, &mw, NULL);
          more.width = mw;
          more.series = G_MAXUINT;

          if (items->len > 0)
            {
              LegendItem *last = &g_array_index (items, LegendItem, items->len - 1);

              last_right = last->x + last->width;
              start = last_right + item_gap;
              if (start + mw <= avail_w || items->len == 1)
                {
                  if (start + mw > avail_w)
                    {
                      /* A single item too wide: shrink its label. */
                      double room = avail_w - mw - item_gap - swatch_w - swatch_gap;

                      _uc_chart_layout_limit (last->layout, MAX (room, 1.0),
                                              PANGO_ELLIPSIZE_END);
                      _uc_chart_layout_size (last->layout, &last_right, NULL);
                      last->width = swatch_w + swatch_gap + last_right;
                      start = last->x + last->width + item_gap;
                    }
                  more.x = start;
                  more.y = last->y;
                  g_array_append_val (items, more);
                  break;
                }
              legend_item_clear (last);
              g_array_set_size (items, items->len - 1);
              legend_item_clear (&more);
              continue;
            }

          more.x = 0.0;
          more.y = 0.0;
          _uc_chart_layout_limit (more.layout, avail_w, PANGO_ELLIPSIZE_END);
          g_array_append_val (items, more);
          break;
        }
    }

  if (items->len == 0)
    return 0;
  return (guint) (g_array_index (items, LegendItem, items->len - 1).y / row_h + 0.5) + 1;
}

void
uc_line_chart_draw (cairo_t            *cr,
                    double              width,
                    double              height,
                    const UcLineChart  *chart,
                    const UcChartStyle *style)
{
  g_autoptr(GArray) legend = NULL;
  g_autofree double *centers = NULL;
  g_autofree double *widths = NULL;
  g_autofree double *lefts = NULL;
  g_autofree gboolean *drawn = NULL;
  g_autoptr(GPtrArray) x_layouts = NULL;
  g_autoptr(GPtrArray) y_layouts = NULL;
  UcChartTicks ticks;
  Box area, plot;
  double fscale, pad, gap, min_plot_h, lw;
  double text_h, small_h;
  double lo, hi;
  double y_axis_w = 0.0;
  gboolean has_data;
  guint n;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL);
  g_return_if_fail (style != NULL);

  if (!(width >= 4.0) || !(height >= 4.0))
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0.0, 0.0, width, height);
  cairo_clip (cr);
  cairo_new_path (cr);

  if (style->background.alpha > 0.0)
    {
      _uc_chart_set_source (cr, &style->background);
      cairo_paint (cr);
    }

  /* Text shrinks a little on small charts, never below ~7 points. */
  fscale = CLAMP (MIN (width / 420.0, height / 240.0), 0.78, 1.0);
  pad = CLAMP (MIN (width, height) * 0.03, 2.0, 8.0);
  gap = 4.0 * fscale;
  lw = MAX (1.25, 2.0 * fscale);
  area.x0 = pad;
  area.y0 = pad;
  area.x1 = width - pad;
  area.y1 = height - pad;
  min_plot_h = MAX (24.0, (area.y1 - area.y0) * 0.4);

  {
    g_autoptr(PangoLayout) probe = _uc_chart_layout (cr, style, fscale, PANGO_WEIGHT_NORMAL, "Ag");
    g_autoptr(PangoLayout) probe_small = _uc_chart_layout (cr, style, fscale * 0.9,
                                                           PANGO_WEIGHT_NORMAL, "0123456789");

    _uc_chart_layout_size (probe, NULL, &text_h);
    _uc_chart_layout_size (probe_small, NULL, &small_h);
  }

  /* Title. */
  if (chart->title != NULL && chart->title[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = _uc_chart_layout (cr, style, fscale * 1.15,
                                                        PANGO_WEIGHT_BOLD, chart->title);
      double th;

      _uc_chart_layout_limit (layout, area.x1 - area.x0, PANGO_ELLIPSIZE_END);
      _uc_chart_layout_size (layout, NULL, &th);
      if (area.y1 - (area.y0 + th + gap) >= min_plot_h)
        {
          _uc_chart_show_layout (cr, layout, area.x0, area.y0, &style->foreground);
          area.y0 += th + gap;
        }
    }

  n = chart_n_positions (chart);
  has_data = n > 0 && series_range (chart, &lo, &hi);
  if (!has_data)
    {
      draw_no_data (cr, &area, fscale, style);
      cairo_restore (cr);
      return;
    }

  /* Y label, as a dim caption above the plot. */
  if (chart->y_label != NULL && chart->y_label[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = _uc_chart_layout (cr, style, fscale * 0.9,
                                                        PANGO_WEIGHT_NORMAL, chart->y_label);
      double th;

      _uc_chart_layout_limit (layout, area.x1 - area.x0, PANGO_ELLIPSIZE_END);
      _uc_chart_layout_size (layout, NULL, &th);
      if (area.y1 - (area.y0 + th + gap) >= min_plot_h + small_h)
        {
          _uc_chart_show_layout (cr, layout, area.x0, area.y0, &style->dim);
          area.y0 += th + gap / 2.0;
        }
    }

  /* Legend, at the bottom. */
  legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (legend, (GDestroyNotify) legend_item_clear);
  {
    double row_h = text_h + gap / 2.0;
    double swatch_w = MAX (10.0, text_h * 1.1);
    double avail_h = area.y1 - area.y0 - min_plot_h - small_h - gap * 2.0;
    guint max_rows = 0;
    guint rows;

    if (avail_h >= row_h)
      max_rows = (guint) MAX (1.0, floor (MIN (avail_h, (area.y1 - area.y0) * 0.3) / row_h));
    rows = layout_legend (cr, chart, style, fscale, area.x1 - area.x0, max_rows, row_h,
                          swatch_w, gap * 1.5, gap * 4.0, legend);
    if (rows > 0)
      {
        double top = area.y1 - rows * row_h + gap / 2.0;

        for (guint i = 0; i < legend->len; i++)
          {
            LegendItem *item = &g_array_index (legend, LegendItem, i);
            double x = area.x0 + item->x;
            double y = top + item->y;

            if (item->series == G_MAXUINT)
              {
                _uc_chart_show_layout (cr, item->layout, x, y, &style->dim);
                continue;
              }
            cairo_save (cr);
            set_series_stroke (cr, style, item->series, lw);
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
            cairo_move_to (cr, x + lw / 2.0, y + text_h / 2.0);
            cairo_line_to (cr, x + swatch_w - lw / 2.0, y + text_h / 2.0);
            cairo_stroke (cr);
            cairo_restore (cr);
            _uc_chart_show_layout (cr, item->layout, x + swatch_w + gap * 1.5, y,
                                   &style->foreground);
          }
        area.y1 = top - gap;
      }
  }

  /* The plot box: x labels below it, y tick labels left of it. */
  plot.x0 = area.x0;
  plot.x1 = area.x1 - lw * 1.5;
  plot.y0 = area.y0 + small_h / 2.0;
  plot.y1 = area.y1;
  if (area.y1 - area.y0 - small_h - gap >= min_plot_h)
    plot.y1 = area.y1 - small_h - gap;

  {
    guint max_ticks = (guint) CLAMP (floor ((plot.y1 - plot.y0) / (small_h * 2.0)) + 1, 2, 7);
    gboolean fixed = chart->y_max > chart->y_min;

    if (fixed)
      _uc_chart_nice_ticks (chart->y_min, chart->y_max, max_ticks, TRUE, &ticks);
    else
      {
        /* The reference lines stay in view: they say what a value means. */
        if (isfinite (chart->healthy_line))
          {
            lo = MIN (lo, chart->healthy_line);
            hi = MAX (hi, chart->healthy_line);
          }
        if (isfinite (chart->alarming_line))
          {
            lo = MIN (lo, chart->alarming_line);
            hi = MAX (hi, chart->alarming_line);
          }
        /* Ratios and counts read better from zero when it is near. */
        if (lo > 0.0 && lo < (hi - lo))
          lo = 0.0;
        _uc_chart_nice_ticks (lo, hi, max_ticks, FALSE, &ticks);
      }
  }

  y_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ticks.n_ticks; i++)
    {
      double v = ticks.first + ticks.step * i;
      g_autofree char *text = g_strdup_printf ("%.*f", ticks.decimals, fabs (v) < ticks.step * 1e-6 ? 0.0 : v);
      PangoLayout *layout = _uc_chart_layout (cr, style, fscale * 0.9, PANGO_WEIGHT_NORMAL, text);
      double tw;

      _uc_chart_layout_size (layout, &tw, NULL);
      y_axis_w = MAX (y_axis_w, tw);
      g_ptr_array_add (y_layouts, layout);
    }
  if (y_axis_w + gap <= (area.x1 - area.x0) * 0.3)
    plot.x0 = area.x0 + y_axis_w + gap * 1.5;
  else
    g_ptr_array_set_size (y_layouts, 0);

  /* Grid and y tick labels. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < ticks.n_ticks; i++)
    {
      double v = ticks.first + ticks.step * i;
      double y = pos_y (&plot, &ticks, v);

      if (y < plot.y0 - 0.5 || y > plot.y1 + 0.5)
        continue;
      _uc_chart_set_source (cr, &style->grid);
      cairo_move_to (cr, plot.x0, crisp (y));
      cairo_line_to (cr, plot.x1, crisp (y));
      cairo_stroke (cr);

      if (i < y_layouts->len)
        {
          PangoLayout *layout = g_ptr_array_index (y_layouts, i);
          double tw, th;

          _uc_chart_layout_size (layout, &tw, &th);
          _uc_chart_show_layout (cr, layout, plot.x0 - gap * 1.5 - tw,
                                 CLAMP (y - th / 2.0, 0.0, height - th), &style->dim);
        }
    }
  /* The baseline. */
  {
    UcRgba base = style->foreground;

    base.alpha *= 0.45;
    _uc_chart_set_source (cr, &base);
    cairo_move_to (cr, plot.x0, crisp (plot.y1));
    cairo_line_to (cr, plot.x1, crisp (plot.y1));
    cairo_stroke (cr);
  }
  cairo_restore (cr);

  /* Reference lines: healthy and alarming. */
  for (guint r = 0; r < 2; r++)
    {
      static const double dashes[] = { 5.0, 4.0 };
      double v = r == 0 ? chart->healthy_line : chart->alarming_line;
      const UcRgba *color = r == 0 ? &style->good : &style->bad;
      double y;

      if (!isfinite (v))
        continue;
      y = pos_y (&plot, &ticks, v);
      if (y < plot.y0 - 0.5 || y > plot.y1 + 0.5)
        continue;

      cairo_save (cr);
      _uc_chart_set_source (cr, color);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
      cairo_move_to (cr, plot.x0, crisp (y));
      cairo_line_to (cr, plot.x1, crisp (y));
      cairo_stroke (cr);
      cairo_restore (cr);

      if (plot.y1 - plot.y0 >= small_h * 6.0)
        {
          /* Translators: labels of a chart's reference lines (score 0 and 100). */
          const char *text = r == 0 ? _("healthy") : _("alarming");
          g_autoptr(PangoLayout) layout = _uc_chart_layout (cr, style, fscale * 0.8,
                                                            PANGO_WEIGHT_NORMAL, text);
          double tw, th, ty;

          _uc_chart_layout_size (layout, &tw, &th);
          /* Above the line, or below it when at the top of the plot. */
          ty = y - th - 1.0 >= plot.y0 ? y - th - 1.0 : y + 2.0;
          if (tw < (plot.x1 - plot.x0) / 3.0)
            _uc_chart_show_layout (cr, layout, plot.x1 - tw - 2.0, ty, &style->dim);
        }
    }

  /* X labels, thinned so they never overlap. */
  if (plot.y1 + small_h <= area.y1 + 0.5 && chart->x_labels->len > 0)
    {
      guint nl = MIN (chart->x_labels->len, n);

      centers = g_new (double, nl);
      widths = g_new (double, nl);
      lefts = g_new0 (double, nl);
      drawn = g_new (gboolean, nl);
      x_layouts = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < nl; i++)
        {
          PangoLayout *layout = _uc_chart_layout (cr, style, fscale * 0.9, PANGO_WEIGHT_NORMAL,
                                                  g_ptr_array_index (chart->x_labels, i));

          _uc_chart_layout_size (layout, &widths[i], NULL);
          centers[i] = pos_x (&plot, i, n);
          g_ptr_array_add (x_layouts, layout);
        }
      /* Labels start at the plot's left edge so the first one never
       * runs into the lowest y tick label. */
      if (_uc_chart_pick_labels (centers, widths, nl, plot.x0 - gap, area.x1, gap * 3.0,
                                 lefts, drawn) > 0)
        {
          UcRgba tick = style->foreground;

          tick.alpha *= 0.45;
          for (guint i = 0; i < nl; i++)
            {
              if (!drawn[i])
                continue;
              _uc_chart_show_layout (cr, g_ptr_array_index (x_layouts, i), lefts[i],
                                     plot.y1 + gap, &style->dim);
              cairo_save (cr);
              _uc_chart_set_source (cr, &tick);
              cairo_set_line_width (cr, 1.0);
              cairo_move_to (cr, crisp (centers[i]), plot.y1);
              cairo_line_to (cr, crisp (centers[i]), plot.y1 + gap * 0.75);
              cairo_stroke (cr);
              cairo_restore (cr);
            }
        }
    }

  /* Change-point marker. */
  if (chart->marker_index >= 0 && (guint) chart->marker_index < n)
    {
      static const double dashes[] = { 3.0, 3.0 };
      double x = pos_x (&plot, (guint) chart->marker_index, n);
      double s = MAX (3.0, 4.0 * fscale);

      cairo_save (cr);
      _uc_chart_set_source (cr, &style->foreground);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
      cairo_move_to (cr, crisp (x), plot.y0);
      cairo_line_to (cr, crisp (x), plot.y1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);
      cairo_move_to (cr, x - s, plot.y0 - s * 0.2);
      cairo_line_to (cr, x + s, plot.y0 - s * 0.2);
      cairo_line_to (cr, x, plot.y0 + s * 1.4);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  /* The lines. */
  cairo_save (cr);
  cairo_rectangle (cr, plot.x0 - lw * 2.0, plot.y0 - lw * 2.0,
                   plot.x1 - plot.x0 + lw * 4.0, plot.y1 - plot.y0 + lw * 4.0);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint s = 0; s < chart->series->len; s++)
    {
      const UcChartSeries *series = g_ptr_array_index (chart->series, s);
      guint len = MIN (series->values->len, n);
      gboolean pen_down = FALSE;

      set_series_stroke (cr, style, s, lw);
      for (guint i = 0; i < len; i++)
        {
          double v = g_array_index (series->values, double, i);
          double x, y;

          if (!isfinite (v))
            {
              pen_down = FALSE;
              continue;
            }
          x = pos_x (&plot, i, n);
          y = pos_y (&plot, &ticks, v);
          if (pen_down)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          pen_down = TRUE;
        }
      cairo_stroke (cr);

      /* Values without a neighbour are dots, or they would not show. */
      for (guint i = 0; i < len; i++)
        {
          double v = g_array_index (series->values, double, i);
          gboolean prev = i > 0 && isfinite (g_array_index (series->values, double, i - 1));
          gboolean next = i + 1 < len && isfinite (g_array_index (series->values, double, i + 1));

          if (!isfinite (v) || prev || next)
            continue;
          cairo_arc (cr, pos_x (&plot, i, n), pos_y (&plot, &ticks, v), lw * 1.4, 0.0, 2.0 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);

  cairo_restore (cr);
}
