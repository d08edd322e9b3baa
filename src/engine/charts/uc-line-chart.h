/* uc-line-chart.h: weekly line charts (one line per team).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "uc-chart-style.h"
#include "uc-analysis.h"

G_BEGIN_DECLS

typedef struct
{
  char   *label;
  GArray *values;     /* double per x position, NAN = gap */
} UcChartSeries;

typedef struct
{
  char      *title;        /* may be NULL */
  char      *name;         /* short subject for uc_line_chart_describe()
                            * ("CA.gini"); NULL: the title */
  char      *y_label;      /* may be NULL */
  GPtrArray *x_labels;     /* char *, one per x position ("2026-W47") */
  GPtrArray *series;       /* UcChartSeries * */
  double     y_min;        /* axis range; y_max <= y_min means automatic */
  double     y_max;
  int        marker_index; /* an x position to mark (change point), -1 for none */
  /* Added after the first contract: reference lines across the plot at
   * a signal's healthy (score 0) and alarming (score 100) values, drawn
   * dashed in the style's good and bad colours and kept inside an
   * automatic y range. NAN (the default) for none. */
  double     healthy_line;
  double     alarming_line;
} UcLineChart;

UcLineChart *uc_line_chart_new         (void);
void         uc_line_chart_free        (UcLineChart *chart);
UcChartSeries *uc_line_chart_add_series (UcLineChart  *chart,
                                         const char   *label,
                                         const double *values,
                                         guint         n_values);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcLineChart, uc_line_chart_free)

/* One series per team of the weekly values of @signal_id (raw values),
 * with the signal's healthy and alarming bounds as reference lines. */
UcLineChart *uc_line_chart_new_for_signal (UcAnalysis *analysis,
                                           const char *signal_id);

/* Draw into (0, 0, width, height) of @cr. Same call for screen and PDF.
 * Draws a readable "No data" state when no series has a value. */
void         uc_line_chart_draw        (cairo_t            *cr,
                                        double              width,
                                        double              height,
                                        const UcLineChart  *chart,
                                        const UcChartStyle *style);

/* A one-sentence text summary for screen readers and the PDF. */
char        *uc_line_chart_describe    (const UcLineChart *chart);

/* A sparkline for overview cards: one line in @color (NULL: the style's
 * accent) over (0, 0, width, height), no axes or text, a dot on the last
 * value, a faint fill below, NAN gaps. With no value at all it draws a
 * dashed dim line across the middle. */
void         uc_sparkline_draw         (cairo_t            *cr,
                                        double              width,
                                        double              height,
                                        const double       *values,
                                        guint               n_values,
                                        const UcRgba       *color,
                                        const UcChartStyle *style);

/* A score chip: a rounded rectangle coloured by the score's band with the
 * rounded score in it ("–" for NAN, on a dim outline). @height is in user
 * units and sets the text size. _get_width() measures without drawing;
 * _draw() draws with its top-left corner at (@x, @y) and returns the width. */
double       uc_score_chip_get_width   (cairo_t            *cr,
                                        double              height,
                                        double              score,
                                        const UcChartStyle *style);
double       uc_score_chip_draw        (cairo_t            *cr,
                                        double              x,
                                        double              y,
                                        double              height,
                                        double              score,
                                        const UcChartStyle *style);

G_END_DECLS
