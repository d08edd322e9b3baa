/* uc-team-row.h: one team in the overview: its name, size and the latest
 * week's contribution asymmetry values with their score bands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "uc-analysis.h"
#include "uc-chart-style.h"

G_BEGIN_DECLS

/* The CSS class of a score chip's band (uc_score_band()): "good",
 * "warning", "bad" or "none". */
const char  *uc_score_band_name (UcScoreBand band);

#define UC_TYPE_TEAM_ROW (uc_team_row_get_type ())
G_DECLARE_FINAL_TYPE (UcTeamRow, uc_team_row, UC, TEAM_ROW, GtkListBoxRow)

/* The signals a row shows, in order (NULL-terminated). */
const char * const *uc_team_row_get_signal_ids (void);

GtkWidget  *uc_team_row_new             (UcAnalysis *analysis,
                                         guint       team_index,
                                         guint       week_index);
const char *uc_team_row_get_team_name   (UcTeamRow  *self);
const char *uc_team_row_get_summary     (UcTeamRow  *self);
/* The text shown for @signal_id ("0.42", "58 %", "No data"…); NULL when
 * the row does not show that signal. */
const char *uc_team_row_get_value_text  (UcTeamRow  *self,
                                         const char *signal_id);
UcScoreBand uc_team_row_get_value_band  (UcTeamRow  *self,
                                         const char *signal_id);

G_END_DECLS
