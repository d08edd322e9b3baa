/* uc-signals-wv.c: Workflow volatility (SIGNALS.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-analysis-private.h"

gboolean
_uc_signals_wv_compute (UcAnalysis    *self,
                        UcProgressFunc progress,
                        gpointer       progress_data,
                        double         progress_from,
                        double         progress_to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return TRUE;
}

GPtrArray *
_uc_signals_wv_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) uc_evidence_free);
}
