/* uc-chart-style.h: colours and fonts every chart is drawn with.
 *
 * The screen fills a style from the GTK theme (light or dark); the PDF
 * uses the fixed print style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} UcRgba;

#define UC_CHART_N_PALETTE 8

typedef struct
{
  UcRgba      foreground;     /* text, axes */
  UcRgba      dim;            /* secondary text */
  UcRgba      grid;           /* grid lines */
  UcRgba      background;     /* alpha 0: transparent */
  UcRgba      accent;
  UcRgba      good;           /* score bands: healthy */
  UcRgba      warning;
  UcRgba      bad;
  UcRgba      palette[UC_CHART_N_PALETTE];
  const char *font_family;    /* "Cantarell", "Sans" */
  double      font_size;      /* points */
} UcChartStyle;

void uc_chart_style_init_light (UcChartStyle *style);   /* also the print style */
void uc_chart_style_init_dark  (UcChartStyle *style);

/* A colour for a 0..100 debt score, from good through warning to bad.
 * NAN (no data) gives the dim colour. */
UcRgba uc_chart_style_score_color (const UcChartStyle *style, double score);

/* Score bands, as the score chips show them. */
typedef enum
{
  UC_SCORE_BAND_NONE = 0,   /* NAN: no data */
  UC_SCORE_BAND_GOOD,       /* below 33.3 */
  UC_SCORE_BAND_WARNING,    /* 33.3 to below 66.7 */
  UC_SCORE_BAND_BAD,        /* 66.7 and above */
} UcScoreBand;

UcScoreBand uc_score_band                 (double score);
/* style->good, ->warning, ->bad, or ->dim for UC_SCORE_BAND_NONE. */
UcRgba      uc_chart_style_band_color     (const UcChartStyle *style,
                                           UcScoreBand         band);
/* Black or white, whichever reads better on @background. */
UcRgba      uc_chart_style_text_color_on  (const UcRgba *background);

G_END_DECLS
