/* uc-types.h: plain value types shared by every engine module.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Row ids in the workspace. 0 means "none". */
typedef gint64 UcId;

/* Seconds since the Unix epoch, UTC. */
typedef gint64 UcTime;

/* Progress callback used by long operations (imports, analysis, reports).
 * Called from the worker thread; @fraction is in 0..1 or < 0 when unknown.
 * @message is a short, translated status line or NULL. */
typedef void (*UcProgressFunc) (double      fraction,
                                const char *message,
                                gpointer    user_data);

/* Status categories of work items. */
typedef enum
{
  UC_STATUS_TODO = 0,
  UC_STATUS_DOING = 1,
  UC_STATUS_DONE = 2,
} UcStatusCategory;

/* Review states. */
typedef enum
{
  UC_REVIEW_COMMENTED = 0,
  UC_REVIEW_APPROVED = 1,
  UC_REVIEW_CHANGES_REQUESTED = 2,
  UC_REVIEW_DISMISSED = 3,
} UcReviewState;

/* ISO-8601 week helpers (UTC). A week key is year * 100 + week, e.g. 202647. */
int    uc_week_of_time      (UcTime time);
UcTime uc_week_start        (int week_key);
int    uc_week_add          (int week_key, int n_weeks);
int    uc_week_diff         (int later_week_key, int earlier_week_key);
char  *uc_week_format       (int week_key);              /* "2026-W47" */
gboolean uc_week_parse      (const char *text, int *week_key);

G_END_DECLS
