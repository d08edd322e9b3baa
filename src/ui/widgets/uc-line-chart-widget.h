/* uc-line-chart-widget.h: a weekly line chart on screen.
 *
 * Draws with uc_line_chart_draw() (src/engine/charts), the same call the
 * PDF report uses, in colours taken from the current theme.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "uc-line-chart.h"

G_BEGIN_DECLS

#define UC_TYPE_LINE_CHART_WIDGET (uc_line_chart_widget_get_type ())
G_DECLARE_FINAL_TYPE (UcLineChartWidget, uc_line_chart_widget, UC, LINE_CHART_WIDGET, GtkWidget)

GtkWidget          *uc_line_chart_widget_new             (void);
/* Takes ownership of @chart (may be NULL: an empty chart). */
void                uc_line_chart_widget_set_chart       (UcLineChartWidget *self,
                                                          UcLineChart       *chart);
const UcLineChart  *uc_line_chart_widget_get_chart       (UcLineChartWidget *self);
/* The sentence read by screen readers (uc_line_chart_describe()). */
const char         *uc_line_chart_widget_get_description (UcLineChartWidget *self);
/* The style the chart is drawn with right now. */
const UcChartStyle *uc_line_chart_widget_get_style       (UcLineChartWidget *self);

G_END_DECLS
