/* uc-signals-ds.c: Dissent suppression (SIGNALS.md §4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-analysis-private.h"

gboolean
_uc_signals_ds_compute (UcAnalysis    *self,
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
_uc_signals_ds_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) uc_evidence_free);
}
