/* uc-chart-private.h: drawing helpers shared by the charts and the report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "uc-line-chart.h"

G_BEGIN_DECLS

void         _uc_chart_set_source      (cairo_t      *cr,
                                        const UcRgba *color);
void         _uc_chart_rounded_rect    (cairo_t      *cr,
                                        double        x,
                                        double        y,
                                        double        width,
                                        double        height,
                                        double        radius);

/* A layout for @text in the style's font at @size_factor × its size
 * (points, so the same on screen and in the PDF's 96-dpi user space). */
PangoLayout *_uc_chart_layout          (cairo_t            *cr,
                                        const UcChartStyle *style,
                                        double              size_factor,
                                        PangoWeight         weight,
                                        const char         *text);
/* The same with an absolute size in user units. */
PangoLayout *_uc_chart_layout_absolute (cairo_t            *cr,
                                        const UcChartStyle *style,
                                        double              size,
                                        PangoWeight         weight,
                                        const char         *text);
/* Limit @layout to @width user units, ellipsised at @mode. */
void         _uc_chart_layout_limit    (PangoLayout        *layout,
                                        double              width,
                                        PangoEllipsizeMode  mode);
/* Logical size in user units. */
void         _uc_chart_layout_size     (PangoLayout        *layout,
                                        double             *width,
                                        double             *height);
/* Draw @layout with its top-left corner at (@x, @y) in @color. */
void         _uc_chart_show_layout     (cairo_t            *cr,
                                        PangoLayout        *layout,
                                        double              x,
                                        double              y,
                                        const UcRgba       *color);

/* "0.42", "12.5", "1234": a short, readable number. */
char        *_uc_chart_format_value    (double value);

/* Axis ticks. */
typedef struct
{
  double min;       /* axis range */
  double max;
  double step;      /* distance between ticks */
  double first;     /* first tick value (>= min) */
  guint  n_ticks;
  int    decimals;  /* for labels */
} UcChartTicks;

/* Nice ticks for data in [@lo, @hi] with at most @max_ticks ticks (>= 2).
 * With @fixed the axis range is exactly [@lo, @hi]; otherwise it is
 * widened to whole steps (and to a non-empty range). */
void         _uc_chart_nice_ticks      (double        lo,
                                        double        hi,
                                        guint         max_ticks,
                                        gboolean      fixed,
                                        UcChartTicks *ticks);

/* X label thinning. @centers are the label centres, @widths their widths.
 * Picks every k-th label counting back from the last one, with the
 * smallest k for which every picked label, shifted to stay inside
 * [@min_x, @max_x], keeps at least @gap from the next one. Fills
 * @drawn[i] and, for drawn labels, @lefts[i] (the left edge to draw at).
 * Returns the number of labels drawn: 0 when not even one fits. */
guint        _uc_chart_pick_labels     (const double *centers,
                                        const double *widths,
                                        guint         n,
                                        double        min_x,
                                        double        max_x,
                                        double        gap,
                                        double       *lefts,
                                        gboolean     *drawn);

G_END_DECLS
