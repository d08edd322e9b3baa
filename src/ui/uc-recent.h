/* uc-recent.h: the recently opened workspaces (GSettings recent-workspaces).
 *
 * Most recent first, at most UC_RECENT_MAX paths, no duplicates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define UC_RECENT_MAX 10

/* Move @path to the front of the list (adding it when new). */
void    uc_recent_add    (GSettings  *settings,
                          const char *path);
/* Forget @path; nothing happens when it is not in the list. */
void    uc_recent_remove (GSettings  *settings,
                          const char *path);
/* The list, most recent first, cut to UC_RECENT_MAX. */
char  **uc_recent_list   (GSettings  *settings) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
