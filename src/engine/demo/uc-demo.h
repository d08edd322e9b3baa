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

/* ---- added beyond the first contract ---- */

/* The largest scale uc_demo_build_full() accepts. */
#define UC_DEMO_MAX_SCALE 100

/* Options of uc_demo_build_full(). Initialise with { 0 }: zero always
 * means "as uc_demo_build()". */
typedef struct
{
  guint       scale;        /* copies of every team (people, repositories,
                             * projects, channels): 0 or 1 is the demo;
                             * 18 gives the engine benchmark's volumes
                             * (over 100 000 commits, 30 000 change
                             * requests, 100 000 reviews and comments,
                             * 20 000 items) */
  const char *exports_dir;  /* where to write the exports and keep them
                             * (created; must be empty or new), or NULL
                             * for a scratch folder removed afterwards */
} UcDemoOptions;

/* uc_demo_build() with @options (may be NULL). The exports are laid out
 * as a coach would receive them: git/NAME.git (bare repositories),
 * github/acme-NAME/ (REST pages), jira/ (search pages with
 * changelog), slack/ (a workspace export) and roster.csv. */
gboolean uc_demo_build_full (const char           *path,
                             guint                 seed,
                             const UcDemoOptions  *options,
                             UcProgressFunc        progress,
                             gpointer              progress_data,
                             GCancellable         *cancellable,
                             GError              **error);

G_END_DECLS
