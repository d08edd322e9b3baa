/* uc-test-ui.h: shared set-up for the UI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "uc-application.h"

G_BEGIN_DECLS

/* Returns FALSE when there is no display (the test then exits 77).
 * Otherwise points the XDG user dirs at a fresh scratch folder, runs
 * gtk_test_init() and adw_init(), and adds the source tree's icons. */
gboolean       uc_test_ui_init            (int          *argc,
                                           char       ***argv);
/* Remove the scratch folder; returns @status. */
int            uc_test_ui_finish          (int           status);
const char    *uc_test_ui_scratch_dir     (void);

/* A registered (non-unique) UcApplication, so windows get its actions,
 * accelerators and style.css as in the real program. */
UcApplication *uc_test_ui_get_app         (void);

/* Spin the main context until @cond returns TRUE; fails after
 * @timeout_seconds. */
void           uc_test_ui_wait_until      (gboolean    (*cond) (gpointer),
                                           gpointer      data,
                                           guint         timeout_seconds);
/* Let pending idles, layouts and draws run. */
void           uc_test_ui_flush           (void);

/* A workspace built through the store API at scratch/@name: a repository,
 * two teams of three people and an agent, commits over eight weeks. Team
 * "Atlas" commits evenly; the long-named second team has one person
 * making 8 of every 10 commits. With @with_commits FALSE only the people
 * and teams. Returns the path. */
char          *uc_test_ui_make_workspace  (const char   *name,
                                           gboolean      with_commits);
#define UC_TEST_TEAM_EVEN    "Atlas"
#define UC_TEST_TEAM_SKEWED  "Borealis Platform and Infrastructure Guild of the Northern Region"
#define UC_TEST_N_WEEKS      8

/* Render @widget with its native's renderer and save it as
 * $UC_SCREENSHOT_DIR/@name.png. */
void           uc_test_ui_screenshot      (GtkWidget    *widget,
                                           const char   *name);

/* Depth-first search of @root's widget tree. */
GtkWidget     *uc_test_ui_find_widget     (GtkWidget    *root,
                                           GType         type,
                                           gboolean    (*match) (GtkWidget *, gconstpointer),
                                           gconstpointer data);
/* A GtkButton whose label is @label, or a GtkLabel showing @label. */
GtkWidget     *uc_test_ui_find_button     (GtkWidget    *root,
                                           const char   *label);
GtkWidget     *uc_test_ui_find_label      (GtkWidget    *root,
                                           const char   *text);

G_END_DECLS
