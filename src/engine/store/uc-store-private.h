/* uc-store-private.h: internals shared by the store's files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

/* The schema as a list of migrations: migration i (1-based) brings a
 * workspace from user_version i-1 to i. */
typedef struct
{
  int         version;
  const char *sql;
} UcMigration;

const UcMigration *_uc_store_get_migrations (guint *n_migrations);

/* The application_id written into every workspace ('UCWS'). */
#define UC_STORE_APPLICATION_ID 0x55435753

G_END_DECLS
