/* uc-overview-page.h: the workspace overview: every team's latest
 * contribution asymmetry values and their trend over the weeks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "uc-analysis.h"
#include "uc-line-chart-widget.h"
#include "uc-team-row.h"

G_BEGIN_DECLS

#define UC_TYPE_OVERVIEW_PAGE (uc_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (UcOverviewPage, uc_overview_page, UC, OVERVIEW_PAGE, GtkWidget)

GtkWidget         *uc_overview_page_new          (void);
/* Show @analysis (a new reference is taken); NULL clears the page. */
void               uc_overview_page_set_analysis (UcOverviewPage *self,
                                                  UcAnalysis     *analysis);
UcAnalysis        *uc_overview_page_get_analysis (UcOverviewPage *self);
guint              uc_overview_page_get_n_teams  (UcOverviewPage *self);
UcTeamRow         *uc_overview_page_get_team_row (UcOverviewPage *self,
                                                  guint           index);
UcLineChartWidget *uc_overview_page_get_chart    (UcOverviewPage *self);
/* The period line under the heading, e.g. “Week 2026-W47 · 12 weeks analysed”. */
const char        *uc_overview_page_get_period   (UcOverviewPage *self);

G_END_DECLS
