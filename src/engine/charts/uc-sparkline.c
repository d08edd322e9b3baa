/* uc-sparkline.c: tiny trend lines for overview cards, and score chips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "uc-chart-private.h"

void
uc_sparkline_draw (cairo_t            *cr,
                   double              width,
                   double              height,
                   const double       *values,
                   guint               n_values,
                   const UcRgba       *color,
                   const UcChartStyle *style)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  double lw, inset, x0, x1, y0, y1;
  int last = -1;
  UcRgba c, fill;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (values != NULL || n_values == 0);

  if (!(width >= 2.0) || !(height >= 2.0))
    return;

  c = color != NULL ? *color : style->accent;
  lw = CLAMP (height / 16.0, 1.0, 2.0);
  inset = lw * 1.6;

  for (guint i = 0; i < n_values; i++)
    if (isfinite (values[i]))
      {
        lo = MIN (lo, values[i]);
        hi = MAX (hi, values[i]);
        last = (int) i;
      }

  cairo_save (cr);
  cairo_rectangle (cr, 0.0, 0.0, width, height);
  cairo_clip (cr);
  cairo_new_path (cr);

  if (last < 0)
    {
      static const double dashes[] = { 3.0, 3.0 };

      _uc_chart_set_source (cr, &style->dim);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
      cairo_move_to (cr, inset, floor (height / 2.0) + 0.5);
      cairo_line_to (cr, width - inset, floor (height / 2.0) + 0.5);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }

  if (hi - lo < 1e-12)
    {
      /* A flat series sits in the middle. */
      lo -= 1.0;
      hi += 1.0;
    }

  x0 = inset;
  x1 = width - inset;
  y0 = inset;
  y1 = height - inset;

#define SPARK_X(i) (n_values > 1 ? x0 + (x1 - x0) * (i) / (n_values - 1) : (x0 + x1) / 2.0)
#define SPARK_Y(v) (y1 - ((v) - lo) / (hi - lo) * (y1 - y0))

  /* Faint fill under each run of values. */
  fill = c;
  fill.alpha *= 0.15;
  _uc_chart_set_source (cr, &fill);
  for (guint i = 0; i < n_values; i++)
    {
      guint start = i, end;

      if (!isfinite (values[i]))
        continue;
      end = i;
      while (end + 1 < n_values && isfinite (values[end + 1]))
        end++;
      if (end > start)
        {
          cairo_move_to (cr, SPARK_X (start), height);
          for (guint j = start; j <= end; j++)
            cairo_line_to (cr, SPARK_X (j), SPARK_Y (values[j]));
          cairo_line_to (cr, SPARK_X (end), height);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
      i = end;
    }

  _uc_chart_set_source (cr, &c);
  cairo_set_line_width (cr, lw);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  {
    gboolean pen_down = FALSE;

    for (guint i = 0; i < n_values; i++)
      {
        if (!isfinite (values[i]))
          {
            pen_down = FALSE;
            continue;
          }
        if (pen_down)
          cairo_line_to (cr, SPARK_X (i), SPARK_Y (values[i]));
        else
          cairo_move_to (cr, SPARK_X (i), SPARK_Y (values[i]));
        pen_down = TRUE;
      }
    cairo_stroke (cr);
  }

  cairo_arc (cr, SPARK_X (last), SPARK_Y (values[last]), lw * 1.5, 0.0, 2.0 * G_PI);
  cairo_fill (cr);

#undef SPARK_X
#undef SPARK_Y

  cairo_restore (cr);
}

static PangoLayout *
chip_layout (cairo_t            *cr,
             double              height,
             double              score,
             const UcChartStyle *style)
{
  g_autofree char *text = NULL;

  if (isnan (score))
    text = g_strdup ("–");
  else
    text = g_strdup_printf ("%.0f", CLAMP (score, 0.0, 100.0));
  return _uc_chart_layout_absolute (cr, style, height * 0.62, PANGO_WEIGHT_BOLD, text);
}

static double
chip_width (double height,
            double text_width)
{
  return MAX (height * 1.7, text_width + height * 0.8);
}

double
uc_score_chip_get_width (cairo_t            *cr,
                         double              height,
                         double              score,
                         const UcChartStyle *style)
{
  g_autoptr(PangoLayout) layout = NULL;
  double tw;

  g_return_val_if_fail (cr != NULL, 0.0);
  g_return_val_if_fail (style != NULL, 0.0);

  if (!(height > 0.0))
    return 0.0;
  layout = chip_layout (cr, height, score, style);
  _uc_chart_layout_size (layout, &tw, NULL);
  return chip_width (height, tw);
}

double
uc_score_chip_draw (cairo_t            *cr,
                    double              x,
                    double              y,
                    double              height,
                    double              score,
                    const UcChartStyle *style)
{
  g_autoptr(PangoLayout) layout = NULL;
  UcScoreBand band;
  UcRgba bg, fg;
  double tw, th, w;

  g_return_val_if_fail (cr != NULL, 0.0);
  g_return_val_if_fail (style != NULL, 0.0);

  if (!(height > 0.0))
    return 0.0;

  layout = chip_layout (cr, height, score, style);
  _uc_chart_layout_size (layout, &tw, &th);
  w = chip_width (height, tw);
  band = uc_score_band (score);

  cairo_save (cr);
  cairo_new_path (cr);
  if (band == UC_SCORE_BAND_NONE)
    {
      _uc_chart_rounded_rect (cr, x + 0.5, y + 0.5, w - 1.0, height - 1.0, height / 2.0);
      _uc_chart_set_source (cr, &style->dim);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      fg = style->dim;
    }
  else
    {
      bg = uc_chart_style_band_color (style, band);
      _uc_chart_rounded_rect (cr, x, y, w, height, height / 2.0);
      _uc_chart_set_source (cr, &bg);
      cairo_fill (cr);
      fg = uc_chart_style_text_color_on (&bg);
    }
  cairo_restore (cr);

  _uc_chart_show_layout (cr, layout, x + (w - tw) / 2.0, y + (height - th) / 2.0, &fg);

  return w;
}
