/* uc-analysis-cache.h: analyses kept in the workspace and brought up to
 * date incrementally.
 *
 * uc_analysis_run_cached() gives exactly the numbers of uc_analysis_run()
 * for the same workspace and settings, doing as little as it can:
 *
 *   - when nothing the analysis reads has changed since a cached run with
 *     the same settings (and the same program), it reads the results back
 *     without reading the workspace; the records behind a value are read
 *     on the first uc_analysis_get_evidence() or uc_analysis_get_commits();
 *   - otherwise it reads the workspace, finds the first week whose inputs
 *     differ from the cached run's (every record, with its team, links
 *     and the like, is fingerprinted into the week of its time; changes of
 *     membership, of a person's usual time zone and of workspace-wide
 *     facts count too) and computes only that week and the later ones;
 *     earlier weeks keep their cached values, since a week's value only
 *     depends on its own and earlier weeks;
 *   - then it stores the new results (best effort: a read-only workspace
 *     is analysed all the same).
 *
 * The cache lives in the workspace (analysis_cache, schema version 2),
 * keyed by the effective settings and the program file, so a rebuilt
 * program never reuses results of older code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-analysis.h"

G_BEGIN_DECLS

typedef enum
{
  UC_ANALYSIS_COMPUTED,      /* every week computed */
  UC_ANALYSIS_INCREMENTAL,   /* weeks before the recomputed one from the cache */
  UC_ANALYSIS_CACHED,        /* every value from the cache, nothing read */
} UcAnalysisOrigin;

UcAnalysis       *uc_analysis_run_cached  (UcStore                 *store,
                                           const UcAnalysisOptions *options,
                                           UcProgressFunc           progress,
                                           gpointer                 progress_data,
                                           GCancellable            *cancellable,
                                           GError                 **error);

/* How @analysis came about; *@recomputed_from (may be NULL) is the index
 * of the first week computed: 0 for UC_ANALYSIS_COMPUTED, the number of
 * weeks for UC_ANALYSIS_CACHED. uc_analysis_run() gives
 * UC_ANALYSIS_COMPUTED. */
UcAnalysisOrigin  uc_analysis_get_origin  (UcAnalysis              *analysis,
                                           guint                   *recomputed_from);

/* Forget every cached analysis of @store. */
gboolean          uc_analysis_cache_clear (UcStore                 *store,
                                           GError                 **error);

G_END_DECLS
