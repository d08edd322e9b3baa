/* uc-store.c: the workspace, one SQLite file per engagement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "uc-store-private.h"

/* Cached statements are found by the address of their SQL first (callers
 * pass string literals): a small direct-mapped table of addresses in front
 * of the table keyed by the text, so the hot path hashes a pointer instead
 * of the whole statement. A hit is confirmed by comparing the text, so SQL
 * built at run time (whose address may later hold other text) is safe. */
#define N_STMT_SLOTS 256

typedef struct
{
  const char   *sql;           /* the caller's pointer */
  sqlite3_stmt *stmt;          /* borrowed from statements */
} StmtSlot;

struct _UcStore
{
  GObject     parent_instance;

  char       *path;            /* owned */
  sqlite3    *db;              /* owned */
  GHashTable *statements;      /* owned: const char *sql → sqlite3_stmt * */
  gboolean    in_transaction;
  StmtSlot    slots[N_STMT_SLOTS];
};

G_DEFINE_FINAL_TYPE (UcStore, uc_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (uc-store-error-quark, uc_store_error)

static void
uc_store_finalize (GObject *object)
{
  UcStore *self = UC_STORE (object);

  if (self->in_transaction)
    uc_store_rollback (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (uc_store_parent_class)->finalize (object);
}

static void
uc_store_class_init (UcStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = uc_store_finalize;

  /* Before the first connection (this runs once, before any store opens):
   * SQLite's memory statistics, which nothing reads, take a global mutex
   * on every allocation; without them an import's inserts take about a
   * third less time. Refused harmlessly (SQLITE_MISUSE) when something
   * initialised SQLite first. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

static void
uc_store_init (UcStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

void
uc_store_set_sql_error (UcStore     *self,
                        GError     **error,
                        const char  *what)
{
  g_set_error (error, UC_STORE_ERROR, UC_STORE_ERROR_SQL,
               /* Translators: %s: what was being done, %s: the database's message */
               _("Workspace error while %s: %s"),
               what, self->db ? sqlite3_errmsg (self->db) : "no database");
}

gboolean
uc_store_exec (UcStore     *self,
               const char  *sql,
               GError     **error)
{
  char *errmsg = NULL;

  g_return_val_if_fail (UC_IS_STORE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, UC_STORE_ERROR, UC_STORE_ERROR_SQL,
                   _("Workspace error: %s"), errmsg ? errmsg : "?");
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
uc_store_prepare (UcStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  StmtSlot *slot;

  g_return_val_if_fail (UC_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  slot = &self->slots[((guintptr) sql >> 3) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) >> 56];
  if (slot->sql == sql && strcmp (sqlite3_sql (slot->stmt), sql) == 0)
    stmt = slot->stmt;
  else
    stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      slot->sql = sql;
      slot->stmt = stmt;
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &stmt, NULL) != SQLITE_OK)
    {
      uc_store_set_sql_error (self, error, "preparing a query");
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sqlite3_sql (stmt), stmt);
  slot->sql = sql;
  slot->stmt = stmt;
  return stmt;
}

gboolean
uc_store_step_done (UcStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (self, error, "writing");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gint64
uc_store_query_int (UcStore    *self,
                    const char *sql,
                    gint64      default_value)
{
  sqlite3_stmt *stmt;
  gint64 value = default_value;

  stmt = uc_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return default_value;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* Page cache sizes (KiB). Reads (analyses) get a large cache. A write
 * transaction (an import) works with a small one: its inserts touch the
 * ends of tables and the paths down the indexes, the OS caches the rest of
 * the file as well, and with the large cache the memory of an import grew
 * with its size (by the 64 MiB the cache filled up to) for no speed at all
 * (measured on 100 000 to 1 000 000 records). */
#define READ_CACHE_KIB 65536
#define WRITE_CACHE_KIB 8192

static void
set_cache_kib (UcStore *self,
               int      kib)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%d;", kib);

  /* Only a hint: a failure changes nothing but speed. */
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

static gboolean
configure_connection (UcStore  *self,
                      GError  **error)
{
  sqlite3_busy_timeout (self->db, 5000);
  return uc_store_exec (self,
                        "PRAGMA journal_mode = WAL;"
                        "PRAGMA synchronous = NORMAL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA temp_store = MEMORY;"
                        "PRAGMA cache_size = -" G_STRINGIFY (READ_CACHE_KIB) ";",
                        error);
}

static gboolean
migrate (UcStore  *self,
         int       from_version,
         GError  **error)
{
  const UcMigration *migrations;
  guint n_migrations;

  migrations = _uc_store_get_migrations (&n_migrations);

  for (guint i = 0; i < n_migrations; i++)
    {
      g_autofree char *bump = NULL;

      if (migrations[i].version <= from_version)
        continue;

      if (!uc_store_begin (self, error))
        return FALSE;
      bump = g_strdup_printf ("PRAGMA user_version = %d;", migrations[i].version);
      if (!uc_store_exec (self, migrations[i].sql, error) ||
          !uc_store_exec (self, bump, error))
        {
          uc_store_rollback (self);
          g_prefix_error (error, _("Could not upgrade the workspace to version %d: "),
                          migrations[i].version);
          return FALSE;
        }
      if (!uc_store_commit (self, error))
        return FALSE;
    }
  return TRUE;
}

static UcStore *
open_db (const char  *path,
         int          flags,
         GError     **error)
{
  g_autoptr(UcStore) self = g_object_new (UC_TYPE_STORE, NULL);
  int rc;

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not open “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  return g_steal_pointer (&self);
}

UcStore *
uc_store_create (const char  *path,
                 GError     **error)
{
  g_autoptr(UcStore) self = NULL;
  g_autofree char *set_app_id = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, UC_STORE_ERROR, UC_STORE_ERROR_EXISTS,
                   _("“%s” already exists"), path);
      return NULL;
    }

  self = open_db (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (self == NULL)
    return NULL;

  set_app_id = g_strdup_printf ("PRAGMA application_id = %d;", UC_STORE_APPLICATION_ID);
  if (!uc_store_exec (self, set_app_id, error) ||
      !configure_connection (self, error) ||
      !migrate (self, 0, error))
    {
      g_clear_object (&self);
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

UcStore *
uc_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(UcStore) self = NULL;
  gint64 app_id, version;
  guint n_migrations;
  char header[16] = { 0 };
  FILE *fp;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, UC_STORE_ERROR, UC_STORE_ERROR_NOT_A_WORKSPACE,
                   _("“%s” is a folder, not an Undercurrent workspace"), path);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("“%s” does not exist"), path);
      return NULL;
    }

  /* Check the SQLite magic before handing the file to SQLite, so a text
   * file is reported as what it is rather than as a database error. */
  fp = g_fopen (path, "rb");
  if (fp == NULL ||
      fread (header, 1, sizeof header, fp) != sizeof header ||
      memcmp (header, "SQLite format 3", 16) != 0)
    {
      if (fp != NULL)
        fclose (fp);
      g_set_error (error, UC_STORE_ERROR, UC_STORE_ERROR_NOT_A_WORKSPACE,
                   _("“%s” is not an Undercurrent workspace"), path);
      return NULL;
    }
  fclose (fp);

  self = open_db (path, SQLITE_OPEN_READWRITE, error);
  if (self == NULL)
    return NULL;

  app_id = uc_store_query_int (self, "PRAGMA application_id;", -1);
  if (app_id != UC_STORE_APPLICATION_ID)
    {
      g_set_error (error, UC_STORE_ERROR, UC_STORE_ERROR_NOT_A_WORKSPACE,
                   _("“%s” is an SQLite database but not an Undercurrent workspace"),
                   path);
      return NULL;
    }

  version = uc_store_query_int (self, "PRAGMA user_version;", -1);
  _uc_store_get_migrations (&n_migrations);
  if (version > (gint64) n_migrations)
    {
      g_set_error (error, UC_STORE_ERROR, UC_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Undercurrent (workspace version %d, this version reads up to %d)"),
                   path, (int) version, (int) n_migrations);
      return NULL;
    }

  if (!configure_connection (self, error) ||
      !migrate (self, (int) version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
uc_store_get_path (UcStore *self)
{
  g_return_val_if_fail (UC_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
uc_store_get_db (UcStore *self)
{
  g_return_val_if_fail (UC_IS_STORE (self), NULL);
  return self->db;
}

int
uc_store_get_schema_version (UcStore *self)
{
  g_return_val_if_fail (UC_IS_STORE (self), -1);
  return (int) uc_store_query_int (self, "PRAGMA user_version;", -1);
}

gboolean
uc_store_begin (UcStore  *self,
                GError  **error)
{
  g_return_val_if_fail (UC_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!uc_store_exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;
  self->in_transaction = TRUE;
  set_cache_kib (self, WRITE_CACHE_KIB);
  return TRUE;
}

gboolean
uc_store_commit (UcStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (UC_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!uc_store_exec (self, "COMMIT;", error))
    {
      uc_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  set_cache_kib (self, READ_CACHE_KIB);
  return TRUE;
}

void
uc_store_rollback (UcStore *self)
{
  g_return_if_fail (UC_IS_STORE (self));

  if (!self->in_transaction)
    return;
  /* Reset every cached statement so none holds the transaction open. */
  {
    GHashTableIter iter;
    gpointer stmt;

    g_hash_table_iter_init (&iter, self->statements);
    while (g_hash_table_iter_next (&iter, NULL, &stmt))
      sqlite3_reset (stmt);
  }
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  set_cache_kib (self, READ_CACHE_KIB);
}

gboolean
uc_store_in_transaction (UcStore *self)
{
  g_return_val_if_fail (UC_IS_STORE (self), FALSE);
  return self->in_transaction;
}

/* ---- typed inserts ---- */

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           pos,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, pos, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, pos);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           pos,
                 UcId          id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, pos, id);
  else
    sqlite3_bind_null (stmt, pos);
}

static UcId
lookup_id (UcStore    *self,
           const char *sql,
           const char *text1,
           const char *text2,
           GError    **error)
{
  sqlite3_stmt *stmt;
  UcId id = 0;
  int rc;

  stmt = uc_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  bind_text_or_null (stmt, 1, text1);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (self, error, "reading");
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

UcId
uc_store_add_source (UcStore    *self,
                     const char *kind,
                     const char *path,
                     const char *checksum,
                     gboolean   *already,
                     GError    **error)
{
  sqlite3_stmt *stmt;
  UcId id;

  g_return_val_if_fail (UC_IS_STORE (self), 0);

  id = lookup_id (self, "SELECT id FROM source WHERE kind = ?1 AND checksum = ?2",
                  kind, checksum, error);
  if (id < 0)
    return 0;
  if (already != NULL)
    *already = id > 0;
  if (id > 0)
    return id;

  stmt = uc_store_prepare (self,
                           "INSERT INTO source (kind, path, checksum, imported_at)"
                           " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, checksum, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!uc_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
uc_store_finish_source (UcStore *self,
                        UcId     source_id,
                        gint64   n_records,
                        gint64   n_warnings,
                        UcTime   first,
                        UcTime   last,
                        GError **error)
{
  sqlite3_stmt *stmt;

  stmt = uc_store_prepare (self,
                           "UPDATE source SET n_records = ?2, n_warnings = ?3,"
                           " first_time = ?4, last_time = ?5 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, n_records);
  sqlite3_bind_int64 (stmt, 3, n_warnings);
  if (first > 0 || last > 0)
    {
      sqlite3_bind_int64 (stmt, 4, first);
      sqlite3_bind_int64 (stmt, 5, last);
    }
  return uc_store_step_done (self, stmt, error);
}

UcId
uc_store_ensure_identity (UcStore    *self,
                          const char *kind,
                          const char *value,
                          const char *display_name,
                          UcId        person_id,
                          UcId        source_id,
                          GError    **error)
{
  g_autofree char *folded = NULL;
  sqlite3_stmt *stmt;
  UcId id;

  g_return_val_if_fail (UC_IS_STORE (self), 0);
  g_return_val_if_fail (kind != NULL && value != NULL, 0);

  if (g_str_equal (kind, "email"))
    value = folded = g_utf8_strdown (value, -1);

  id = lookup_id (self, "SELECT id FROM identity WHERE kind = ?1 AND value = ?2",
                  kind, value, error);
  if (id < 0)
    return 0;
  if (id > 0)
    return id;

  if (person_id <= 0)
    {
      const char *name = display_name && *display_name ? display_name : value;

      stmt = uc_store_prepare (self,
                               "INSERT INTO person (name, source_id) VALUES (?1, ?2)",
                               error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      bind_id_or_null (stmt, 2, source_id);
      if (!uc_store_step_done (self, stmt, error))
        return 0;
      person_id = sqlite3_last_insert_rowid (self->db);
    }

  stmt = uc_store_prepare (self,
                           "INSERT INTO identity (kind, value, display_name, person_id, source_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, display_name);
  sqlite3_bind_int64 (stmt, 4, person_id);
  bind_id_or_null (stmt, 5, source_id);
  if (!uc_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

UcId
uc_store_identity_person (UcStore *self,
                          UcId     identity_id)
{
  sqlite3_stmt *stmt;
  UcId id = 0;

  stmt = uc_store_prepare (self, "SELECT person_id FROM identity WHERE id = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, identity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gboolean
uc_store_set_person_agent (UcStore  *self,
                           UcId      person_id,
                           gboolean  agent,
                           GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = uc_store_prepare (self, "UPDATE person SET is_agent = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int (stmt, 2, agent ? 1 : 0);
  return uc_store_step_done (self, stmt, error);
}

UcId
uc_store_ensure_team (UcStore    *self,
                      const char *name,
                      UcId        source_id,
                      GError    **error)
{
  sqlite3_stmt *stmt;
  UcId id;

  id = lookup_id (self, "SELECT id FROM team WHERE name = ?1", name, NULL, error);
  if (id != 0)
    return MAX (id, 0);

  stmt = uc_store_prepare (self, "INSERT INTO team (name, source_id) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 2, source_id);
  if (!uc_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
uc_store_add_person_team (UcStore *self,
                          UcId     person_id,
                          UcId     team_id,
                          UcTime   valid_from,
                          UcTime   valid_to,
                          UcId     source_id,
                          GError **error)
{
  sqlite3_stmt *stmt;

  stmt = uc_store_prepare (self,
                           "INSERT OR IGNORE INTO person_team"
                           " (person_id, team_id, valid_from, valid_to, source_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, team_id);
  bind_id_or_null (stmt, 3, valid_from);
  bind_id_or_null (stmt, 4, valid_to);
  bind_id_or_null (stmt, 5, source_id);
  return uc_store_step_done (self, stmt, error);
}

UcId
uc_store_ensure_repo (UcStore    *self,
                      const char *name,
                      const char *kind,
                      UcId        source_id,
                      GError    **error)
{
  sqlite3_stmt *stmt;
  UcId id;

  id = lookup_id (self, "SELECT id FROM repo WHERE name = ?1 AND kind = ?2",
                  name, kind, error);
  if (id != 0)
    return MAX (id, 0);

  stmt = uc_store_prepare (self,
                           "INSERT INTO repo (name, kind, source_id) VALUES (?1, ?2, ?3)",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 3, source_id);
  if (!uc_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

UcId
uc_store_ensure_file (UcStore    *self,
                      UcId        repo_id,
                      const char *path,
                      GError    **error)
{
  sqlite3_stmt *stmt;
  UcId id = 0;
  int rc;

  stmt = uc_store_prepare (self, "SELECT id FROM file WHERE repo_id = ?1 AND path = ?2", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, repo_id);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (self, error, "reading files");
      return 0;
    }
  if (id > 0)
    return id;

  stmt = uc_store_prepare (self, "INSERT INTO file (repo_id, path) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, repo_id);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_TRANSIENT);
  if (!uc_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

UcId
uc_store_add_commit (UcStore           *self,
                     const UcCommitRow *row,
                     gboolean          *inserted,
                     GError           **error)
{
  sqlite3_stmt *stmt;
  UcId id = 0;
  int rc;

  g_return_val_if_fail (UC_IS_STORE (self), 0);
  g_return_val_if_fail (row != NULL && row->sha != NULL, 0);

  stmt = uc_store_prepare (self,
                           "INSERT OR IGNORE INTO git_commit"
                           " (repo_id, sha, author_id, committer_id, author_time, author_tz,"
                           "  commit_time, commit_tz, n_parents, subject_len, body_len,"
                           "  is_revert, is_fix, ai_assisted, source_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, row->repo_id);
  sqlite3_bind_text (stmt, 2, row->sha, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 3, row->author_identity);
  bind_id_or_null (stmt, 4, row->committer_identity);
  sqlite3_bind_int64 (stmt, 5, row->author_time);
  sqlite3_bind_int (stmt, 6, row->author_tz);
  sqlite3_bind_int64 (stmt, 7, row->commit_time);
  sqlite3_bind_int (stmt, 8, row->commit_tz);
  sqlite3_bind_int (stmt, 9, row->n_parents);
  sqlite3_bind_int (stmt, 10, row->subject_len);
  sqlite3_bind_int (stmt, 11, row->body_len);
  sqlite3_bind_int (stmt, 12, row->is_revert ? 1 : 0);
  sqlite3_bind_int (stmt, 13, row->is_fix ? 1 : 0);
  sqlite3_bind_int (stmt, 14, row->ai_assisted ? 1 : 0);
  sqlite3_bind_int64 (stmt, 15, row->source_id);
  if (!uc_store_step_done (self, stmt, error))
    return 0;

  if (sqlite3_changes (self->db) > 0)
    {
      if (inserted != NULL)
        *inserted = TRUE;
      return sqlite3_last_insert_rowid (self->db);
    }

  if (inserted != NULL)
    *inserted = FALSE;
  stmt = uc_store_prepare (self, "SELECT id FROM git_commit WHERE repo_id = ?1 AND sha = ?2",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, row->repo_id);
  sqlite3_bind_text (stmt, 2, row->sha, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gboolean
uc_store_add_file_change (UcStore      *self,
                          UcId          commit_id,
                          UcId          file_id,
                          UcChangeKind  kind,
                          UcId          old_file_id,
                          gint64        added,
                          gint64        deleted,
                          gboolean      binary,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  char kind_str[2] = { (char) kind, 0 };

  stmt = uc_store_prepare (self,
                           "INSERT OR IGNORE INTO file_change"
                           " (commit_id, file_id, kind, old_file_id, added, deleted, is_binary)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, commit_id);
  sqlite3_bind_int64 (stmt, 2, file_id);
  sqlite3_bind_text (stmt, 3, kind_str, 1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 4, old_file_id);
  sqlite3_bind_int64 (stmt, 5, added);
  sqlite3_bind_int64 (stmt, 6, deleted);
  sqlite3_bind_int (stmt, 7, binary ? 1 : 0);
  return uc_store_step_done (self, stmt, error);
}

gboolean
uc_store_add_link (UcStore    *self,
                   UcId        commit_id,
                   UcId        cr_id,
                   const char *item_key,
                   const char *via,
                   UcId        source_id,
                   GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = uc_store_prepare (self,
                           "INSERT OR IGNORE INTO link (commit_id, cr_id, item_key, via, source_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  bind_id_or_null (stmt, 1, commit_id);
  bind_id_or_null (stmt, 2, cr_id);
  sqlite3_bind_text (stmt, 3, item_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, via, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, source_id);
  return uc_store_step_done (self, stmt, error);
}

/* ---- review, tracker and chat records ---- */

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           pos,
                   gint64        value)
{
  if (value >= 0)
    sqlite3_bind_int64 (stmt, pos, value);
  else
    sqlite3_bind_null (stmt, pos);
}

/* Look up one id with an int64 and a text key. */
static UcId
find_id_int_text (UcStore    *self,
                  const char *sql,
                  gint64      key1,
                  const char *key2)
{
  sqlite3_stmt *stmt = uc_store_prepare (self, sql, NULL);
  UcId id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, key1);
  sqlite3_bind_text (stmt, 2, key2, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

UcId
uc_store_find_change_request (UcStore    *self,
                              UcId        repo_id,
                              const char *number)
{
  return find_id_int_text (self,
                           "SELECT id FROM change_request WHERE repo_id = ?1 AND number = ?2",
                           repo_id, number);
}

/* Step an INSERT … ON CONFLICT (natural key) DO NOTHING: *@id is the new
 * row's id, or 0 when a row with that key exists already (then the caller
 * looks it up and updates it). One statement does the lookup of a new
 * record and its insertion, where a SELECT first would search the same
 * index twice. */
static gboolean
insert_new (UcStore      *self,
            sqlite3_stmt *stmt,
            UcId         *id,
            GError      **error)
{
  *id = 0;
  if (!uc_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* The row existed (insert_new() gave 0): its id, or 0 with @error set. */
static UcId
existing_id (UcStore  *self,
             UcId      id,
             GError  **error)
{
  if (id <= 0)
    g_set_error (error, UC_STORE_ERROR, UC_STORE_ERROR_SQL,
                 _("Workspace error while %s: %s"), "reading", "a record vanished");
  return MAX (id, 0);
}

static void
bind_change_request (sqlite3_stmt             *stmt,
                     const UcChangeRequestRow *row)
{
  sqlite3_bind_int64 (stmt, 1, row->repo_id);
  sqlite3_bind_text (stmt, 2, row->number, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 3, row->author_identity);
  sqlite3_bind_text (stmt, 4, row->state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, row->created_time);
  bind_id_or_null (stmt, 6, row->updated_time);
  bind_id_or_null (stmt, 7, row->merged_time);
  bind_id_or_null (stmt, 8, row->closed_time);
  bind_id_or_null (stmt, 9, row->merged_by_identity);
  bind_optional_int (stmt, 10, row->additions);
  bind_optional_int (stmt, 11, row->deletions);
  bind_optional_int (stmt, 12, row->n_commits);
  bind_optional_int (stmt, 13, row->n_rounds);
  bind_id_or_null (stmt, 14, row->last_commit_time);
  sqlite3_bind_int (stmt, 15, row->title_len);
  sqlite3_bind_int (stmt, 16, row->body_len);
  sqlite3_bind_int (stmt, 17, row->is_draft ? 1 : 0);
}

UcId
uc_store_add_change_request (UcStore                  *self,
                             const UcChangeRequestRow *row,
                             gboolean                 *inserted,
                             GError                  **error)
{
  sqlite3_stmt *stmt;
  UcId id;

  g_return_val_if_fail (UC_IS_STORE (self), 0);
  g_return_val_if_fail (row != NULL && row->number != NULL && row->state != NULL, 0);

  if (inserted != NULL)
    *inserted = FALSE;
  stmt = uc_store_prepare (self,
                           "INSERT INTO change_request"
                           " (repo_id, number, author_id, state, created_time, updated_time,"
                           "  merged_time, closed_time, merged_by_id, additions, deletions,"
                           "  n_commits, n_rounds, last_commit_time, title_len, body_len,"
                           "  is_draft, source_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                           "  ?14, ?15, ?16, ?17, ?18)"
                           " ON CONFLICT (repo_id, number) DO NOTHING", error);
  if (stmt == NULL)
    return 0;
  bind_change_request (stmt, row);
  sqlite3_bind_int64 (stmt, 18, row->source_id);
  if (!insert_new (self, stmt, &id, error))
    return 0;
  if (id != 0)
    {
      if (inserted != NULL)
        *inserted = TRUE;
      return id;
    }

  id = existing_id (self, uc_store_find_change_request (self, row->repo_id, row->number),
                    error);
  if (id == 0)
    return 0;
  /* Newer copies win; fields the newer copy lacks keep their value. */
  stmt = uc_store_prepare (self,
                           "UPDATE change_request SET"
                           " author_id = IFNULL (?3, author_id), state = ?4,"
                           " created_time = ?5, updated_time = ?6,"
                           " merged_time = IFNULL (?7, merged_time),"
                           " closed_time = IFNULL (?8, closed_time),"
                           " merged_by_id = IFNULL (?9, merged_by_id),"
                           " additions = IFNULL (?10, additions),"
                           " deletions = IFNULL (?11, deletions),"
                           " n_commits = IFNULL (?12, n_commits),"
                           " n_rounds = IFNULL (?13, n_rounds),"
                           " last_commit_time = IFNULL (?14, last_commit_time),"
                           " title_len = ?15, body_len = ?16, is_draft = ?17"
                           " WHERE id = ?19 AND IFNULL (?6, 0) >= IFNULL (updated_time, 0)",
                           error);
  if (stmt == NULL)
    return 0;
  bind_change_request (stmt, row);
  sqlite3_bind_int64 (stmt, 19, id);
  if (!uc_store_step_done (self, stmt, error))
    return 0;
  return id;
}

static void
bind_review (sqlite3_stmt      *stmt,
             const UcReviewRow *row)
{
  sqlite3_bind_int64 (stmt, 1, row->cr_id);
  sqlite3_bind_text (stmt, 2, row->ext_id, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 3, row->reviewer_identity);
  sqlite3_bind_int (stmt, 4, row->state);
  sqlite3_bind_int64 (stmt, 5, row->time);
  sqlite3_bind_int (stmt, 6, row->body_len);
  sqlite3_bind_int (stmt, 7, row->is_objection ? 1 : 0);
}

UcId
uc_store_add_review (UcStore           *self,
                     const UcReviewRow *row,
                     gboolean          *inserted,
                     GError           **error)
{
  sqlite3_stmt *stmt;
  UcId id;

  g_return_val_if_fail (UC_IS_STORE (self), 0);
  g_return_val_if_fail (row != NULL && row->ext_id != NULL && row->cr_id > 0, 0);

  if (inserted != NULL)
    *inserted = FALSE;
  stmt = uc_store_prepare (self,
                           "INSERT INTO review (cr_id, ext_id, reviewer_id, state, time,"
                           " body_len, is_objection, source_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                           " ON CONFLICT (cr_id, ext_id) DO NOTHING", error);
  if (stmt == NULL)
    return 0;
  bind_review (stmt, row);
  sqlite3_bind_int64 (stmt, 8, row->source_id);
  if (!insert_new (self, stmt, &id, error))
    return 0;
  if (id != 0)
    {
      if (inserted != NULL)
        *inserted = TRUE;
      return id;
    }

  id = existing_id (self,
                    find_id_int_text (self, "SELECT id FROM review WHERE cr_id = ?1 AND ext_id = ?2",
                                      row->cr_id, row->ext_id),
                    error);
  if (id == 0)
    return 0;
  /* A review can only move on (e.g. be dismissed later). */
  stmt = uc_store_prepare (self,
                           "UPDATE review SET reviewer_id = IFNULL (?3, reviewer_id),"
                           " state = ?4, time = ?5, body_len = ?6, is_objection = ?7"
                           " WHERE id = ?9 AND ?5 >= time", error);
  if (stmt == NULL)
    return 0;
  bind_review (stmt, row);
  sqlite3_bind_int64 (stmt, 9, id);
  if (!uc_store_step_done (self, stmt, error))
    return 0;
  return id;
}

UcId
uc_store_find_work_item (UcStore    *self,
                         const char *tracker,
                         const char *key)
{
  UcId id = lookup_id (self, "SELECT id FROM work_item WHERE tracker = ?1 AND key = ?2",
                       tracker, key, NULL);
  return MAX (id, 0);
}

static void
bind_work_item (sqlite3_stmt        *stmt,
                const UcWorkItemRow *row)
{
  sqlite3_bind_text (stmt, 1, row->tracker, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->project, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->key, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, row->type);
  bind_text_or_null (stmt, 5, row->status);
  bind_optional_int (stmt, 6, row->status_category);
  bind_id_or_null (stmt, 7, row->reporter_identity);
  bind_id_or_null (stmt, 8, row->assignee_identity);
  sqlite3_bind_int64 (stmt, 9, row->created_time);
  bind_id_or_null (stmt, 10, row->updated_time);
  bind_id_or_null (stmt, 11, row->resolved_time);
  sqlite3_bind_int (stmt, 12, row->is_decision ? 1 : 0);
  sqlite3_bind_int (stmt, 13, row->title_len);
  sqlite3_bind_int (stmt, 14, row->body_len);
  if (isnan (row->story_points))
    sqlite3_bind_null (stmt, 15);
  else
    sqlite3_bind_double (stmt, 15, row->story_points);
}

UcId
uc_store_add_work_item (UcStore             *self,
                        const UcWorkItemRow *row,
                        gboolean            *inserted,
                        GError             **error)
{
  sqlite3_stmt *stmt;
  UcId id;

  g_return_val_if_fail (UC_IS_STORE (self), 0);
  g_return_val_if_fail (row != NULL && row->tracker != NULL && row->key != NULL &&
                        row->project != NULL, 0);

  if (inserted != NULL)
    *inserted = FALSE;
  stmt = uc_store_prepare (self,
                           "INSERT INTO work_item (tracker, project, key, type, status,"
                           " status_category, reporter_id, assignee_id, created_time,"
                           " updated_time, resolved_time, is_decision, title_len, body_len,"
                           " story_points, source_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                           "  ?14, ?15, ?16)"
                           " ON CONFLICT (tracker, key) DO NOTHING", error);
  if (stmt == NULL)
    return 0;
  bind_work_item (stmt, row);
  sqlite3_bind_int64 (stmt, 16, row->source_id);
  if (!insert_new (self, stmt, &id, error))
    return 0;
  if (id != 0)
    {
      if (inserted != NULL)
        *inserted = TRUE;
      return id;
    }

  id = existing_id (self, uc_store_find_work_item (self, row->tracker, row->key), error);
  if (id == 0)
    return 0;
  stmt = uc_store_prepare (self,
                           "UPDATE work_item SET type = IFNULL (?4, type),"
                           " status = IFNULL (?5, status),"
                           " status_category = IFNULL (?6, status_category),"
                           " reporter_id = IFNULL (?7, reporter_id),"
                           " assignee_id = ?8, created_time = ?9, updated_time = ?10,"
                           " resolved_time = ?11, is_decision = ?12, title_len = ?13,"
                           " body_len = ?14, story_points = IFNULL (?15, story_points)"
                           " WHERE id = ?17 AND IFNULL (?10, 0) >= IFNULL (updated_time, 0)",
                           error);
  if (stmt == NULL)
    return 0;
  bind_work_item (stmt, row);
  sqlite3_bind_int64 (stmt, 17, id);
  if (!uc_store_step_done (self, stmt, error))
    return 0;
  return id;
}

UcId
uc_store_add_status_change (UcStore                 *self,
                            const UcStatusChangeRow *row,
                            gboolean                *inserted,
                            GError                 **error)
{
  sqlite3_stmt *stmt;
  UcId id;

  g_return_val_if_fail (UC_IS_STORE (self), 0);
  g_return_val_if_fail (row != NULL && row->ext_id != NULL && row->item_id > 0, 0);

  if (inserted != NULL)
    *inserted = FALSE;
  stmt = uc_store_prepare (self,
                           "INSERT INTO status_change (item_id, ext_id, author_id, time,"
                           " from_status, to_status, from_category, to_category, source_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                           " ON CONFLICT (item_id, ext_id) DO NOTHING", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, row->item_id);
  sqlite3_bind_text (stmt, 2, row->ext_id, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 3, row->author_identity);
  sqlite3_bind_int64 (stmt, 4, row->time);
  bind_text_or_null (stmt, 5, row->from_status);
  bind_text_or_null (stmt, 6, row->to_status);
  bind_optional_int (stmt, 7, row->from_category);
  bind_optional_int (stmt, 8, row->to_category);
  sqlite3_bind_int64 (stmt, 9, row->source_id);
  if (!insert_new (self, stmt, &id, error))
    return 0;
  if (id != 0)
    {
      if (inserted != NULL)
        *inserted = TRUE;
      return id;
    }
  /* History does not change. */
  return find_id_int_text (self, "SELECT id FROM status_change WHERE item_id = ?1 AND ext_id = ?2",
                           row->item_id, row->ext_id);
}

UcId
uc_store_add_comment (UcStore            *self,
                      const UcCommentRow *row,
                      gboolean           *inserted,
                      GError            **error)
{
  sqlite3_stmt *stmt;
  UcId id, reply_to = 0;

  g_return_val_if_fail (UC_IS_STORE (self), 0);
  g_return_val_if_fail (row != NULL && row->ext_id != NULL, 0);

  if (inserted != NULL)
    *inserted = FALSE;
  /* The answered comment is looked up before the new one is in. */
  stmt = uc_store_prepare (self,
                           "INSERT INTO comment (ext_id, cr_id, item_id, author_id, time,"
                           " reply_to_id, is_review_comment, body_len, is_objection, source_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5,"
                           "  (SELECT id FROM comment WHERE ext_id = ?11), ?7, ?8, ?9, ?10)"
                           " ON CONFLICT (ext_id) DO NOTHING", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, row->ext_id, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 2, row->cr_id);
  bind_id_or_null (stmt, 3, row->item_id);
  bind_id_or_null (stmt, 4, row->author_identity);
  sqlite3_bind_int64 (stmt, 5, row->time);
  sqlite3_bind_int (stmt, 7, row->is_review_comment ? 1 : 0);
  sqlite3_bind_int (stmt, 8, row->body_len);
  sqlite3_bind_int (stmt, 9, row->is_objection ? 1 : 0);
  sqlite3_bind_int64 (stmt, 10, row->source_id);
  bind_text_or_null (stmt, 11, row->reply_to_ext_id);
  if (!insert_new (self, stmt, &id, error))
    return 0;
  if (id != 0)
    {
      if (inserted != NULL)
        *inserted = TRUE;
      return id;
    }

  id = lookup_id (self, "SELECT id FROM comment WHERE ext_id = ?1", row->ext_id, NULL, error);
  if (id < 0)
    return 0;
  id = existing_id (self, id, error);
  if (id == 0)
    return 0;
  if (row->reply_to_ext_id != NULL)
    reply_to = MAX (0, lookup_id (self, "SELECT id FROM comment WHERE ext_id = ?1",
                                  row->reply_to_ext_id, NULL, NULL));
  stmt = uc_store_prepare (self,
                           "UPDATE comment SET cr_id = IFNULL (?2, cr_id),"
                           " item_id = IFNULL (?3, item_id), author_id = IFNULL (?4, author_id),"
                           " time = ?5, reply_to_id = IFNULL (?6, reply_to_id),"
                           " is_review_comment = ?7, body_len = ?8, is_objection = ?9"
                           " WHERE id = ?11", error);
  if (stmt == NULL)
    return 0;
  bind_id_or_null (stmt, 2, row->cr_id);
  bind_id_or_null (stmt, 3, row->item_id);
  bind_id_or_null (stmt, 4, row->author_identity);
  sqlite3_bind_int64 (stmt, 5, row->time);
  bind_id_or_null (stmt, 6, reply_to);
  sqlite3_bind_int (stmt, 7, row->is_review_comment ? 1 : 0);
  sqlite3_bind_int (stmt, 8, row->body_len);
  sqlite3_bind_int (stmt, 9, row->is_objection ? 1 : 0);
  sqlite3_bind_int64 (stmt, 11, id);
  if (!uc_store_step_done (self, stmt, error))
    return 0;
  return id;
}

UcId
uc_store_add_message (UcStore            *self,
                      const UcMessageRow *row,
                      gboolean           *inserted,
                      GError            **error)
{
  sqlite3_stmt *stmt;
  UcId id = 0;

  g_return_val_if_fail (UC_IS_STORE (self), 0);
  g_return_val_if_fail (row != NULL && row->system != NULL && row->channel != NULL &&
                        row->ext_id != NULL, 0);

  if (inserted != NULL)
    *inserted = FALSE;
  /* The thread's root is looked up before the new message is in (a root
   * is not its own reply). */
  stmt = uc_store_prepare (self,
                           "INSERT INTO message (system, channel, ext_id, author_id, time,"
                           " thread_ext_id, reply_to_id, body_len, is_objection, source_id)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                           "  (SELECT id FROM message WHERE system = ?1 AND channel = ?2"
                           "   AND ext_id = ?6),"
                           "  ?8, ?9, ?10)"
                           " ON CONFLICT (system, channel, ext_id) DO NOTHING", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, row->system, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->ext_id, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 4, row->author_identity);
  sqlite3_bind_int64 (stmt, 5, row->time);
  bind_text_or_null (stmt, 6, row->thread_ext_id);
  sqlite3_bind_int (stmt, 8, row->body_len);
  sqlite3_bind_int (stmt, 9, row->is_objection ? 1 : 0);
  sqlite3_bind_int64 (stmt, 10, row->source_id);
  if (!insert_new (self, stmt, &id, error))
    return 0;
  if (id != 0)
    {
      if (inserted != NULL)
        *inserted = TRUE;
      return id;
    }

  /* Chat messages do not change (edits are not kept). */
  stmt = uc_store_prepare (self,
                           "SELECT id FROM message WHERE system = ?1 AND channel = ?2"
                           " AND ext_id = ?3", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, row->system, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->ext_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return existing_id (self, id, error);
}

char *
uc_store_describe_counts (UcStore *self)
{
  static const char *const tables[] = {
    "source", "person", "identity", "identity_merge", "team", "person_team", "repo",
    "git_commit", "file", "file_change", "change_request", "review", "work_item",
    "status_change", "comment", "message", "link", "scenario", "pod", "pod_member", "meta",
  };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (UC_IS_STORE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      sqlite3_stmt *stmt = NULL;
      gint64 n = -1;

      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      g_string_append_printf (out, "%s%s=%" G_GINT64_FORMAT, i ? " " : "", tables[i], n);
    }
  return g_string_free (out, FALSE);
}
