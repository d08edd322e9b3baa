/* uc-status-map.h: tracker status names → status categories (todo, doing,
 * done), with user overrides kept in the workspace.
 *
 * Trackers that export a category with each status (Jira's statusCategory:
 * new, indeterminate, done) are mapped with uc_status_category_from_jira().
 * Where a status comes without one, a status map decides: a built-in table
 * of common names (To Do, Open, Backlog… → todo; In Progress, In Review,
 * Blocked… → doing; Done, Closed, Resolved, Won't Do… → done), which the
 * user can extend or override. Names are matched case-insensitively, with
 * surrounding space trimmed and inner runs of space collapsed; typographic
 * apostrophes count as "'".
 *
 * Overrides live in the workspace's meta table under the key "status-map"
 * as a JSON object: {"Ready for QA": "doing", "Parked": "todo",
 * "Triage": null}. A category is "todo", "doing" or "done"; null marks a
 * status as deliberately unmapped (unknown category), hiding a default.
 * Importers load the map once per import (uc_status_map_load()); changing
 * it affects later imports.
 *
 * Precedence at import: a user override, then the tracker's own category,
 * then the default table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-store.h"

G_BEGIN_DECLS

/* The meta key holding the overrides. */
#define UC_STATUS_MAP_META_KEY "status-map"

/* "todo", "doing", "done" for a UcStatusCategory; NULL for anything else. */
const char *uc_status_category_to_string   (int          category);
/* Parse "todo"/"doing"/"done" (also Jira's category keys and names: "new",
 * "to do", "indeterminate", "in progress", "done"), case-insensitive.
 * Returns the UcStatusCategory or -1. */
int         uc_status_category_from_string (const char  *text);
/* Jira's statusCategory key ("new", "indeterminate", "done"); -1 for
 * anything else ("undefined"). */
int         uc_status_category_from_jira   (const char  *key);

typedef struct _UcStatusMap UcStatusMap;

/* The built-in defaults only. */
UcStatusMap *uc_status_map_new             (void);
UcStatusMap *uc_status_map_copy            (const UcStatusMap *map);
void         uc_status_map_free            (UcStatusMap *map);

/* The defaults plus the overrides stored in @store. A malformed stored
 * value is a G_IO_ERROR_INVALID_DATA error naming the key and the problem;
 * an SQL failure is a UC_STORE_ERROR. */
UcStatusMap *uc_status_map_load            (UcStore     *store,
                                            GError     **error);
/* Write the map's overrides to @store (replacing what was there; an empty
 * set of overrides removes the key). Not inside a transaction of its own:
 * call it inside or outside one, as you need. */
gboolean     uc_status_map_save            (const UcStatusMap *map,
                                            UcStore     *store,
                                            GError     **error);

/* The category of @status: an override, else the default; -1 when the
 * status is unknown (or overridden as unmapped). */
int          uc_status_map_lookup          (const UcStatusMap *map,
                                            const char  *status);
/* Whether the user overrode @status (then *@category, if not NULL,
 * receives the override, possibly -1 for "unmapped"). */
gboolean     uc_status_map_get_override    (const UcStatusMap *map,
                                            const char  *status,
                                            int         *category);
/* The built-in category of @status, -1 if none. */
int          uc_status_map_lookup_default  (const char  *status);

/* Override @status with @category (a UcStatusCategory, or -1 for
 * "unmapped"). */
void         uc_status_map_set             (UcStatusMap *map,
                                            const char  *status,
                                            int          category);
/* Drop the override of @status (the default applies again). */
void         uc_status_map_reset           (UcStatusMap *map,
                                            const char  *status);
/* Drop every override. */
void         uc_status_map_reset_all       (UcStatusMap *map);

/* The overrides as JSON (the stored form), and back. from_json() replaces
 * the current overrides; on error the map is unchanged. */
char        *uc_status_map_to_json         (const UcStatusMap *map);
gboolean     uc_status_map_set_from_json   (UcStatusMap *map,
                                            const char  *json,
                                            GError     **error);

/* Every status name the map knows (defaults and overrides; overrides spelt
 * as the user gave them), sorted case-insensitively, NULL-terminated: for
 * an editor listing. */
GStrv        uc_status_map_list_names      (const UcStatusMap *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcStatusMap, uc_status_map_free)

G_END_DECLS
