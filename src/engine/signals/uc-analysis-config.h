/* uc-analysis-config.h: the analysis' settings — score bounds, ED
 * weights, working hours, minimum group — from code, from a JSON file
 * (undercurrent-cli --config) or from GSettings values the application
 * passes in as plain data (the engine never links GSettings).
 *
 * The JSON file:
 *
 *   { "bounds": { "CA.gini": [0.3, 0.7], "HD.after_hours": [0.1, 0.35] },
 *     "ed_weights": [0.5, 0.5],
 *     "working_hours": [8, 19],
 *     "min_group_size": 3,
 *     "min_group_enabled": true }
 *
 * Every member is optional; an unknown member is an error (a typo would
 * otherwise be ignored silently). Bounds are [healthy, alarming] (score 0
 * and 100; alarming below healthy scores inverted); ED weights are
 * [interaction, execution], non-negative, not both 0, and scaled to sum
 * to 1; working hours are whole local hours [start, end) with
 * 0 <= start < end <= 24.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "uc-analysis.h"

G_BEGIN_DECLS

#define UC_ANALYSIS_CONFIG_ERROR (uc_analysis_config_error_quark ())

typedef enum
{
  UC_ANALYSIS_CONFIG_ERROR_PARSE,     /* not JSON, or not an object */
  UC_ANALYSIS_CONFIG_ERROR_INVALID,   /* a member with a bad name or value */
} UcAnalysisConfigError;

GQuark   uc_analysis_config_error_quark (void);

/* Setters that check their input; on error @options is unchanged. */
gboolean uc_analysis_options_set_bounds        (UcAnalysisOptions  *options,
                                                const char         *signal_id,
                                                double              healthy,
                                                double              alarming,
                                                GError            **error);
gboolean uc_analysis_options_set_ed_weights    (UcAnalysisOptions  *options,
                                                double              interaction,
                                                double              execution,
                                                GError            **error);
gboolean uc_analysis_options_set_working_hours (UcAnalysisOptions  *options,
                                                int                 start,
                                                int                 end,
                                                GError            **error);

/* Apply a JSON configuration (above) on top of @options. @name names the
 * input in error messages (a file path). On error @options is
 * unchanged. */
gboolean uc_analysis_options_load_data         (UcAnalysisOptions  *options,
                                                const char         *data,
                                                gssize              length,
                                                const char         *name,
                                                GError            **error);
gboolean uc_analysis_options_load_file         (UcAnalysisOptions  *options,
                                                const char         *path,
                                                GError            **error);

/* GSettings values as the application reads them: @signal_bounds of
 * type a{s(dd)} (signal id → (healthy, alarming)) and @ed_weights of
 * type (dd), either may be NULL. Unknown signal ids and unusable values
 * are errors; on error @options is unchanged. */
gboolean uc_analysis_options_apply_settings    (UcAnalysisOptions  *options,
                                                GVariant           *signal_bounds,
                                                GVariant           *ed_weights,
                                                GError            **error);

/* The settings an analysis ran with, as the "config" object of the
 * analyze JSON: {"bounds": {id: [healthy, alarming], …} for every signal,
 * "ed_weights": [w_I, w_X] (scaled), "working_hours": [start, end],
 * "min_group_enabled": bool, "min_group_size": n}. */
JsonNode *uc_analysis_config_to_json           (UcAnalysis         *analysis);

/* The ED weights an analysis used, scaled to sum to 1. */
void      uc_analysis_get_ed_weights           (UcAnalysis         *analysis,
                                                double             *interaction,
                                                double             *execution);
/* The working hours an analysis used (local hours, [start, end)). */
void      uc_analysis_get_working_hours        (UcAnalysis         *analysis,
                                                int                *start,
                                                int                *end);

G_END_DECLS
