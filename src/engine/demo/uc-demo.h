/* uc-demo.h: the demo workspace, built from data Undercurrent generates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-store.h"

G_BEGIN_DECLS

/* Generate the demo organisation's exports under a scratch folder and
 * import them through the real importers into a new workspace at @path. */
gboolean uc_demo_build (const char     *path,
                        guint           seed,
                        UcProgressFunc  progress,
                        gpointer        progress_data,
                        GCancellable   *cancellable,
                        GError        **error);

G_END_DECLS
