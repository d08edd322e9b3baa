/* uc-window.h: the main window: the welcome state without a workspace,
 * the workspace (sidebar | content) with one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "uc-analysis.h"
#include "uc-overview-page.h"

G_BEGIN_DECLS

#define UC_TYPE_WINDOW (uc_window_get_type ())
G_DECLARE_FINAL_TYPE (UcWindow, uc_window, UC, WINDOW, AdwApplicationWindow)

UcWindow       *uc_window_new                (AdwApplication *application);

/* Open @file as the window's workspace and analyse it in a thread. An
 * unreadable file is reported in a dialog that names it. */
void            uc_window_open_file          (UcWindow       *self,
                                              GFile          *file);
/* Open the demo workspace, building it first when it does not exist. */
void            uc_window_open_demo          (UcWindow       *self);
/* Back to the welcome state; cancels a running analysis. */
void            uc_window_close_workspace    (UcWindow       *self);

/* The open workspace's path, or NULL. */
const char     *uc_window_get_workspace_path (UcWindow       *self);
/* The last finished analysis of the open workspace, or NULL. */
UcAnalysis     *uc_window_get_analysis       (UcWindow       *self);
/* TRUE while the demo is being built or the workspace analysed. */
gboolean        uc_window_get_busy           (UcWindow       *self);
/* What the window shows: "welcome", "building-demo", "analysing",
 * "overview", "no-commits" or "stopped". */
const char     *uc_window_get_view           (UcWindow       *self);
UcOverviewPage *uc_window_get_overview_page  (UcWindow       *self);

/* Where “Try the Demo” keeps the demo workspace. */
char           *uc_window_get_demo_path      (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
