/* uc-chart-style.c: the light (print) and dark chart styles.
 *
 * Colours come from the GNOME palette (the one libadwaita names blue_3,
 * green_4…); the dark style uses the lighter shades of the same hues so
 * lines keep their contrast on a dark background.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "uc-chart-style.h"

/* Pango resolves a comma-separated family list and fontconfig falls back
 * to the default sans font when Cantarell is not installed. */
#define CHART_FONT_FAMILY "Cantarell, Sans"
#define CHART_FONT_SIZE   9.0

static UcRgba
rgb (guint32 hex,
     double  alpha)
{
  UcRgba c;

  c.red = ((hex >> 16) & 0xff) / 255.0;
  c.green = ((hex >> 8) & 0xff) / 255.0;
  c.blue = (hex & 0xff) / 255.0;
  c.alpha = alpha;
  return c;
}

void
uc_chart_style_init_light (UcChartStyle *style)
{
  /* blue_3, orange_4, green_5, purple_3, red_3, teal, yellow_5, brown_3 */
  static const guint32 palette[UC_CHART_N_PALETTE] = {
    0x3584e4, 0xe66100, 0x26a269, 0x9141ac,
    0xe01b24, 0x2190a4, 0xe5a50a, 0x986a44,
  };

  g_return_if_fail (style != NULL);

  style->foreground = rgb (0x241f31, 1.0);   /* dark_4 */
  style->dim = rgb (0x5e5c64, 1.0);          /* dark_2 */
  style->grid = rgb (0xdeddda, 1.0);         /* light_3 */
  style->background = rgb (0xffffff, 0.0);
  style->accent = rgb (0x1c71d8, 1.0);       /* blue_4: accent_color */
  style->good = rgb (0x2ec27e, 1.0);         /* green_4 */
  style->warning = rgb (0xe5a50a, 1.0);      /* yellow_5 */
  style->bad = rgb (0xe01b24, 1.0);          /* red_3 */
  for (guint i = 0; i < UC_CHART_N_PALETTE; i++)
    style->palette[i] = rgb (palette[i], 1.0);
  style->font_family = CHART_FONT_FAMILY;
  style->font_size = CHART_FONT_SIZE;
}

void
uc_chart_style_init_dark (UcChartStyle *style)
{
  /* blue_2, orange_2, green_3, purple_2, red_1, light teal, yellow_3, brown_2 */
  static const guint32 palette[UC_CHART_N_PALETTE] = {
    0x62a0ea, 0xffa348, 0x33d17a, 0xc061cb,
    0xf66151, 0x5bc8d4, 0xf6d32d, 0xcdab8f,
  };

  g_return_if_fail (style != NULL);

  style->foreground = rgb (0xffffff, 1.0);
  style->dim = rgb (0xc0bfbc, 1.0);          /* light_4 */
  style->grid = rgb (0x5e5c64, 1.0);         /* dark_2 */
  style->background = rgb (0x242424, 0.0);
  style->accent = rgb (0x78aeed, 1.0);       /* accent_color, dark */
  style->good = rgb (0x33d17a, 1.0);         /* green_3 */
  style->warning = rgb (0xf6d32d, 1.0);      /* yellow_3 */
  style->bad = rgb (0xf66151, 1.0);          /* red_1 */
  for (guint i = 0; i < UC_CHART_N_PALETTE; i++)
    style->palette[i] = rgb (palette[i], 1.0);
  style->font_family = CHART_FONT_FAMILY;
  style->font_size = CHART_FONT_SIZE;
}

static UcRgba
mix (const UcRgba *a,
     const UcRgba *b,
     double        t)
{
  UcRgba c;

  c.red = a->red + (b->red - a->red) * t;
  c.green = a->green + (b->green - a->green) * t;
  c.blue = a->blue + (b->blue - a->blue) * t;
  c.alpha = a->alpha + (b->alpha - a->alpha) * t;
  return c;
}

UcRgba
uc_chart_style_score_color (const UcChartStyle *style,
                            double              score)
{
  g_return_val_if_fail (style != NULL, rgb (0x808080, 1.0));

  if (isnan (score))
    return style->dim;

  score = CLAMP (score, 0.0, 100.0);
  if (score <= 50.0)
    return mix (&style->good, &style->warning, score / 50.0);
  return mix (&style->warning, &style->bad, (score - 50.0) / 50.0);
}

UcScoreBand
uc_score_band (double score)
{
  if (isnan (score))
    return UC_SCORE_BAND_NONE;
  if (score < 100.0 / 3.0)
    return UC_SCORE_BAND_GOOD;
  if (score < 200.0 / 3.0)
    return UC_SCORE_BAND_WARNING;
  return UC_SCORE_BAND_BAD;
}

UcRgba
uc_chart_style_band_color (const UcChartStyle *style,
                           UcScoreBand         band)
{
  g_return_val_if_fail (style != NULL, rgb (0x808080, 1.0));

  switch (band)
    {
    case UC_SCORE_BAND_GOOD:
      return style->good;
    case UC_SCORE_BAND_WARNING:
      return style->warning;
    case UC_SCORE_BAND_BAD:
      return style->bad;
    case UC_SCORE_BAND_NONE:
    default:
      return style->dim;
    }
}

static double
channel_luminance (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

UcRgba
uc_chart_style_text_color_on (const UcRgba *background)
{
  double l;

  g_return_val_if_fail (background != NULL, rgb (0x000000, 1.0));

  /* WCAG relative luminance; pick the text colour with more contrast. */
  l = 0.2126 * channel_luminance (background->red)
      + 0.7152 * channel_luminance (background->green)
      + 0.0722 * channel_luminance (background->blue);
  if ((1.05 / (l + 0.05)) > ((l + 0.05) / 0.05))
    return rgb (0xffffff, 1.0);
  return rgb (0x000000, 0.87);
}
