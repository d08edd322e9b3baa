/* uc-identity-private.h: identity resolution inside an import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-identity.h"

G_BEGIN_DECLS

/* uc_identity_merge() inside the caller's transaction. */
UcId      _uc_identity_merge_locked       (UcStore     *store,
                                           UcId         keep,
                                           UcId         merge,
                                           const char  *reason,
                                           GError     **error);

/* The automatic resolutions that need the whole workspace, inside the
 * caller's transaction (the import framework runs this after every
 * import): GitHub no-reply addresses joined to the person of their login,
 * and roster Slack names ("@name" identities) joined to the Slack account
 * of that display name. Recorded as undoable merges; an agent is never
 * merged with a human. *@n_merged (may be NULL) receives the number of
 * merges. */
gboolean  _uc_identity_resolve_automatic  (UcStore     *store,
                                           guint       *n_merged,
                                           GError     **error);

/* Kinds whose values are logins compared case-insensitively. */
gboolean  _uc_identity_kind_is_login      (const char  *kind);

G_END_DECLS
