/* uc-chart-util.c: text, shapes, numbers and axis ticks for every chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "uc-chart-private.h"

void
_uc_chart_set_source (cairo_t      *cr,
                      const UcRgba *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
_uc_chart_rounded_rect (cairo_t *cr,
                        double   x,
                        double   y,
                        double   width,
                        double   height,
                        double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);
  if (radius <= 0.0)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2.0, 0.0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0.0, G_PI / 2.0);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2.0, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3.0 * G_PI / 2.0);
  cairo_close_path (cr);
}

static PangoLayout *
make_layout (cairo_t            *cr,
             const UcChartStyle *style,
             double              size,
             gboolean            absolute,
             PangoWeight         weight,
             const char         *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, style->font_family != NULL
                                           ? style->font_family : "Sans");
  size = MAX (size, 1.0);
  if (absolute)
    pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  else
    pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

PangoLayout *
_uc_chart_layout (cairo_t            *cr,
                  const UcChartStyle *style,
                  double              size_factor,
                  PangoWeight         weight,
                  const char         *text)
{
  double size = style->font_size > 0.0 ? style->font_size : 9.0;

  return make_layout (cr, style, size * size_factor, FALSE, weight, text);
}

PangoLayout *
_uc_chart_layout_absolute (cairo_t            *cr,
                           const UcChartStyle *style,
                           double              size,
                           PangoWeight         weight,
                           const char         *text)
{
  return make_layout (cr, style, size, TRUE, weight, text);
}

void
_uc_chart_layout_limit (PangoLayout        *layout,
                        double              width,
                        PangoEllipsizeMode  mode)
{
  pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, mode);
}

void
_uc_chart_layout_size (PangoLayout *layout,
                       double      *width,
                       double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
_uc_chart_show_layout (cairo_t      *cr,
                       PangoLayout  *layout,
                       double        x,
                       double        y,
                       const UcRgba *color)
{
  PangoRectangle logical;

  /* A limited width makes the logical rectangle start at 0 even for
   * shorter text; shift by its x so @x is the text's left edge. */
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_save (cr);
  _uc_chart_set_source (cr, color);
  cairo_move_to (cr, x - (double) logical.x / PANGO_SCALE, y);
  pango_cairo_update_layout (cr, layout);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

char *
_uc_chart_format_value (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double a = fabs (value);
  int decimals;
  gsize len;

  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");

  if (a >= 100.0)
    decimals = 0;
  else if (a >= 10.0)
    decimals = 1;
  else
    decimals = 2;

  g_snprintf (buf, sizeof buf, "%.*f", decimals, value);
  /* Drop trailing zeros of the fraction: "0.40" → "0.4", "3.00" → "3". */
  if (decimals > 0)
    {
      len = strlen (buf);
      while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      if (len > 0 && !g_ascii_isdigit (buf[len - 1]))
        buf[--len] = '\0';
    }
  if (strcmp (buf, "-0") == 0)
    return g_strdup ("0");

  return g_strdup (buf);
}

static const double mantissas[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };

/* The smallest nice step (1, 2, 2.5, 5 × 10^k) at least @raw. */
static double
nice_step_at_least (double raw)
{
  double magnitude = pow (10.0, floor (log10 (raw)));

  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    if (mantissas[i] * magnitude >= raw * (1.0 - 1e-9))
      return mantissas[i] * magnitude;
  return 10.0 * magnitude;
}

void
_uc_chart_nice_ticks (double        lo,
                      double        hi,
                      guint         max_ticks,
                      gboolean      fixed,
                      UcChartTicks *ticks)
{
  double step;
  double lo_step, hi_step;
  guint n;

  max_ticks = MAX (max_ticks, 2u);
  if (!isfinite (lo) || !isfinite (hi))
    {
      lo = 0.0;
      hi = 1.0;
    }
  if (lo > hi)
    {
      double t = lo;

      lo = hi;
      hi = t;
    }
  if (hi - lo < 1e-12 * MAX (1.0, fabs (hi)))
    {
      if (lo == 0.0)
        hi = 1.0;
      else
        {
          double d = fabs (lo) * 0.1;

          lo -= d;
          hi += d;
        }
    }

  step = nice_step_at_least ((hi - lo) / (max_ticks - 1));
  if (!fixed)
    {
      /* Widening to whole steps may need one tick more than allowed:
       * then take the next nice step. */
      for (int tries = 0; tries < 16; tries++)
        {
          lo_step = floor (lo / step + 1e-9) * step;
          hi_step = ceil (hi / step - 1e-9) * step;
          n = (guint) llround ((hi_step - lo_step) / step) + 1;
          if (n <= max_ticks)
            break;
          step = nice_step_at_least (step * 1.0001);
        }
      lo = floor (lo / step + 1e-9) * step;
      hi = ceil (hi / step - 1e-9) * step;
    }

  ticks->min = lo;
  ticks->max = hi;
  ticks->step = step;
  ticks->first = ceil (lo / step - 1e-9) * step;
  n = 0;
  for (double v = ticks->first; v <= hi + step * 1e-6; v = ticks->first + step * ++n)
    ;
  ticks->n_ticks = n;

  ticks->decimals = MAX (0, (int) -floor (log10 (step) + 1e-9));
  if (fabs (step * pow (10.0, ticks->decimals)
            - round (step * pow (10.0, ticks->decimals))) > 1e-6)
    ticks->decimals++;
  ticks->decimals = MIN (ticks->decimals, 6);
}

guint
_uc_chart_pick_labels (const double *centers,
                       const double *widths,
                       guint         n,
                       double        min_x,
                       double        max_x,
                       double        gap,
                       double       *lefts,
                       gboolean     *drawn)
{
  for (guint i = 0; i < n; i++)
    drawn[i] = FALSE;

  for (guint step = 1; step <= n; step++)
    {
      guint first = (n - 1) % step;
      double prev_right = -G_MAXDOUBLE;
      gboolean fits = TRUE;
      guint count = 0;

      for (guint i = first; i < n; i += step)
        {
          double left;

          if (widths[i] > max_x - min_x)
            {
              fits = FALSE;
              break;
            }
          left = CLAMP (centers[i] - widths[i] / 2.0, min_x, max_x - widths[i]);
          if (count > 0 && left < prev_right + gap)
            {
              fits = FALSE;
              break;
            }
          lefts[i] = left;
          prev_right = left + widths[i];
          count++;
        }

      if (fits)
        {
          for (guint i = first; i < n; i += step)
            drawn[i] = TRUE;
          return count;
        }
    }

  return 0;
}
