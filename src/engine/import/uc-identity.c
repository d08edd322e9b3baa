/* uc-identity.c: who is who: suggested merges, merging, splitting, undo.
 *
 * uc-identity.h explains the rules; this file keeps the undo records.
 *
 * A merge or split writes one identity_merge row per identity moved and an
 * undo record, a JSON object in the meta table under "identity-merge:ID"
 * (ID = the first of those rows, the operation's merge id):
 *
 *   {"op": "merge" | "split", "from": person, "to": person,
 *    "from_name": "…", "to_name": "…", "reason": "…", "time": seconds,
 *    "rows": [identity_merge ids], "identities": [identity ids],
 *    merge only:
 *    "person": {"id": …, "name": "…", "agent": bool, "source": id | null},
 *    "teams": [[person_team id, team, valid_from, valid_to, source], …],
 *    "teams_added": [person_team ids the kept person received],
 *    "pods": [[pod, "role"], …], "pods_added": [pod ids]}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "uc-identity-private.h"

G_DEFINE_QUARK (uc-identity-error-quark, uc_identity_error)

#define META_PREFIX "identity-merge:"

/* A key shared by more people than this is too common to mean anything. */
#define MAX_GROUP 16

/* ====================================================================== *
 * Text helpers
 * ====================================================================== */

/* Letters that do not decompose into a base letter and a mark. */
static const struct
{
  gunichar    c;
  const char *ascii;
} letter_folds[] = {
  { 0x00DF, "ss" }, { 0x1E9E, "ss" }, { 0x00E6, "ae" }, { 0x00C6, "ae" },
  { 0x0153, "oe" }, { 0x0152, "oe" }, { 0x00F8, "o" }, { 0x00D8, "o" },
  { 0x0142, "l" }, { 0x0141, "l" }, { 0x0111, "d" }, { 0x0110, "d" },
  { 0x00F0, "d" }, { 0x00D0, "d" }, { 0x00FE, "th" }, { 0x00DE, "th" },
  { 0x0131, "i" }, { 0x0127, "h" }, { 0x0126, "h" },
};

char *
uc_identity_normalize_name (const char *name)
{
  g_autofree char *swapped = NULL;
  g_autofree char *decomposed = NULL;
  const char *comma;
  GString *out;
  gboolean pending_space = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("");

  /* "Last, First" (one comma, something on both sides) */
  comma = strchr (name, ',');
  if (comma != NULL && strchr (comma + 1, ',') == NULL)
    {
      g_autofree char *last = g_strndup (name, (gsize) (comma - name));
      g_autofree char *first = g_strdup (comma + 1);

      g_strstrip (last);
      g_strstrip (first);
      if (*last != '\0' && *first != '\0')
        swapped = g_strconcat (first, " ", last, NULL);
    }

  decomposed = g_utf8_normalize (swapped != NULL ? swapped : name, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);
      const char *fold = NULL;

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      /* O'Brien is obrien, not "o brien" */
      if (c == '\'' || c == 0x2019 || c == 0x02BC)
        continue;
      if (!g_unichar_isalnum (c))
        {
          pending_space = TRUE;
          continue;
        }
      if (pending_space && out->len > 0)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (letter_folds); i++)
        if (letter_folds[i].c == c)
          fold = letter_folds[i].ascii;
      if (fold != NULL)
        g_string_append (out, fold);
      else
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

char *
uc_identity_github_noreply_login (const char *email)
{
  const char *at, *local;
  gsize len;

  if (email == NULL)
    return NULL;
  at = strrchr (email, '@');
  if (at == NULL || g_ascii_strcasecmp (at, "@users.noreply.github.com") != 0)
    return NULL;
  local = email;
  for (const char *p = email; p < at; p++)
    if (*p == '+')
      local = p + 1;
  len = (gsize) (at - local);
  if (len == 0)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (local[i]) && local[i] != '-' && local[i] != '_' &&
        local[i] != '[' && local[i] != ']')
      return NULL;
  return g_strndup (local, len);
}

gboolean
_uc_identity_kind_is_login (const char *kind)
{
  return g_strcmp0 (kind, "github") == 0 || g_strcmp0 (kind, "gitlab") == 0;
}

/* ====================================================================== *
 * Small SQL helpers
 * ====================================================================== */

static gboolean
check_done (UcStore       *store,
            sqlite3_stmt  *stmt,
            int            rc,
            const char    *what,
            GError       **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  uc_store_set_sql_error (store, error, what);
  sqlite3_reset (stmt);
  return FALSE;
}

static void
bind_nullable (sqlite3_stmt *stmt,
               int           index,
               JsonNode     *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
}

static void
add_column_or_null (JsonBuilder  *builder,
                    sqlite3_stmt *stmt,
                    int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, column));
}

/* 1 when a row with @id exists in @table, 0 when not, -1 on error. */
static int
row_exists (UcStore     *store,
            const char  *sql,
            UcId         id,
            GError     **error)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, error);
  int rc, found;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  found = rc == SQLITE_ROW;
  if (!check_done (store, stmt, rc, "lookup", error))
    return -1;
  return found;
}

typedef struct
{
  UcId      id;
  char     *name;
  gboolean  agent;
  UcId      source_id;
} PersonRow;

static void
person_row_clear (PersonRow *row)
{
  g_clear_pointer (&row->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PersonRow, person_row_clear)

/* Returns 1 found, 0 not found, -1 error. */
static int
load_person (UcStore    *store,
             UcId        id,
             PersonRow  *row,
             GError    **error)
{
  sqlite3_stmt *stmt = uc_store_prepare (store,
                                         "SELECT id, name, is_agent, source_id FROM person WHERE id = ?1",
                                         error);
  int rc, found = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->id = sqlite3_column_int64 (stmt, 0);
      row->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->agent = sqlite3_column_int (stmt, 2) != 0;
      row->source_id = sqlite3_column_int64 (stmt, 3);
      found = 1;
    }
  if (!check_done (store, stmt, rc, "reading a person", error))
    return -1;
  return found;
}

static GArray *
person_identities (UcStore     *store,
                   UcId         person,
                   GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (UcId));
  sqlite3_stmt *stmt = uc_store_prepare (store,
                                         "SELECT id FROM identity WHERE person_id = ?1 ORDER BY id",
                                         error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcId id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!check_done (store, stmt, rc, "reading identities", error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* "kind:value" of an identity, and its person (may be NULL). NULL when
 * there is no such identity. */
static char *
describe_identity (UcStore *store,
                   UcId     identity,
                   UcId    *person)
{
  sqlite3_stmt *stmt = uc_store_prepare (store,
                                         "SELECT kind, value, person_id FROM identity WHERE id = ?1",
                                         NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, identity);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      text = g_strdup_printf ("%s:%s", (const char *) sqlite3_column_text (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1));
      if (person != NULL)
        *person = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  return text;
}

static UcTime
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
meta_key (UcId merge_id)
{
  return g_strdup_printf (META_PREFIX "%" G_GINT64_FORMAT, merge_id);
}

static gboolean
write_meta (UcStore     *store,
            UcId         merge_id,
            JsonBuilder *builder,
            GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *key = meta_key (merge_id);
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  stmt = uc_store_prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return uc_store_step_done (store, stmt, error);
}

/* Record the move of @ids from @from to @to: identity_merge rows (their
 * ids into the builder's "rows" member) and the move itself. Returns the
 * first row's id (the merge id). */
static UcId
move_identities (UcStore     *store,
                 GArray      *ids,
                 UcId         from,
                 UcId         to,
                 const char  *reason,
                 UcTime       time,
                 JsonBuilder *builder,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  UcId first = 0;

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      UcId row;

      stmt = uc_store_prepare (store,
                               "INSERT INTO identity_merge"
                               " (identity_id, from_person_id, to_person_id, reason, merged_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, UcId, i));
      sqlite3_bind_int64 (stmt, 2, from);
      sqlite3_bind_int64 (stmt, 3, to);
      sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, time);
      if (!uc_store_step_done (store, stmt, error))
        return 0;
      row = sqlite3_last_insert_rowid (uc_store_get_db (store));
      if (first == 0)
        first = row;
      json_builder_add_int_value (builder, row);

      stmt = uc_store_prepare (store, "UPDATE identity SET person_id = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, UcId, i));
      sqlite3_bind_int64 (stmt, 2, to);
      if (!uc_store_step_done (store, stmt, error))
        return 0;
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "identities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, UcId, i));
  json_builder_end_array (builder);
  return first;
}

static void
begin_record (JsonBuilder *builder,
              const char  *op,
              UcId         from,
              UcId         to,
              const char  *from_name,
              const char  *to_name,
              const char  *reason,
              UcTime       time)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, op);
  json_builder_set_member_name (builder, "from");
  json_builder_add_int_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_int_value (builder, to);
  json_builder_set_member_name (builder, "from_name");
  json_builder_add_string_value (builder, from_name);
  json_builder_set_member_name (builder, "to_name");
  json_builder_add_string_value (builder, to_name);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason);
  json_builder_set_member_name (builder, "time");
  json_builder_add_int_value (builder, time);
}

/* ====================================================================== *
 * Merge
 * ====================================================================== */

/* The merged person's team rows and pod places, given to @keep where it
 * lacks them, all recorded. */
static gboolean
move_memberships (UcStore     *store,
                  UcId         keep,
                  UcId         merge,
                  JsonBuilder *builder,
                  GError     **error)
{
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (UcId));
  g_autoptr(GArray) pods = g_array_new (FALSE, FALSE, sizeof (UcId));
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pods_added = g_array_new (FALSE, FALSE, sizeof (UcId));
  sqlite3 *db = uc_store_get_db (store);
  sqlite3_stmt *stmt, *insert;
  int rc;

  /* Team rows: read them all first (the insert may not run while the
   * select is open on the same table's cached statement). */
  {
    typedef struct { UcId id, team; gboolean has_from, has_to, has_source; gint64 from, to, source; } TeamRow;
    g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (TeamRow));

    stmt = uc_store_prepare (store,
                             "SELECT id, team_id, valid_from, valid_to, source_id FROM person_team"
                             " WHERE person_id = ?1 ORDER BY id", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, merge);
    json_builder_set_member_name (builder, "teams");
    json_builder_begin_array (builder);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        TeamRow row = { 0 };

        row.id = sqlite3_column_int64 (stmt, 0);
        row.team = sqlite3_column_int64 (stmt, 1);
        row.has_from = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
        row.from = sqlite3_column_int64 (stmt, 2);
        row.has_to = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
        row.to = sqlite3_column_int64 (stmt, 3);
        row.has_source = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
        row.source = sqlite3_column_int64 (stmt, 4);
        g_array_append_val (rows, row);

        json_builder_begin_array (builder);
        json_builder_add_int_value (builder, row.id);
        json_builder_add_int_value (builder, row.team);
        add_column_or_null (builder, stmt, 2);
        add_column_or_null (builder, stmt, 3);
        add_column_or_null (builder, stmt, 4);
        json_builder_end_array (builder);
      }
    json_builder_end_array (builder);
    if (!check_done (store, stmt, rc, "reading team memberships", error))
      return FALSE;

    for (guint i = 0; i < rows->len; i++)
      {
        TeamRow *row = &g_array_index (rows, TeamRow, i);

        insert = uc_store_prepare (store,
                                   "INSERT OR IGNORE INTO person_team"
                                   " (person_id, team_id, valid_from, valid_to, source_id)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5)", error);
        if (insert == NULL)
          return FALSE;
        sqlite3_bind_int64 (insert, 1, keep);
        sqlite3_bind_int64 (insert, 2, row->team);
        if (row->has_from)
          sqlite3_bind_int64 (insert, 3, row->from);
        if (row->has_to)
          sqlite3_bind_int64 (insert, 4, row->to);
        if (row->has_source)
          sqlite3_bind_int64 (insert, 5, row->source);
        if (!uc_store_step_done (store, insert, error))
          return FALSE;
        if (sqlite3_changes (db) > 0)
          {
            UcId id = sqlite3_last_insert_rowid (db);

            g_array_append_val (added, id);
          }
      }
  }
  json_builder_set_member_name (builder, "teams_added");
  json_builder_begin_array (builder);
  for (guint i = 0; i < added->len; i++)
    json_builder_add_int_value (builder, g_array_index (added, UcId, i));
  json_builder_end_array (builder);

  /* Pod places */
  stmt = uc_store_prepare (store,
                           "SELECT pod_id, role FROM pod_member WHERE person_id = ?1 ORDER BY pod_id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, merge);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcId pod = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (pods, pod);
      g_ptr_array_add (roles, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (!check_done (store, stmt, rc, "reading pod members", error))
    return FALSE;

  json_builder_set_member_name (builder, "pods");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pods->len; i++)
    {
      const char *role = g_ptr_array_index (roles, i);

      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, g_array_index (pods, UcId, i));
      json_builder_add_string_value (builder, role != NULL ? role : "member");
      json_builder_end_array (builder);

      insert = uc_store_prepare (store,
                                 "INSERT OR IGNORE INTO pod_member (pod_id, person_id, role)"
                                 " VALUES (?1, ?2, ?3)", error);
      if (insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (insert, 1, g_array_index (pods, UcId, i));
      sqlite3_bind_int64 (insert, 2, keep);
      sqlite3_bind_text (insert, 3, role != NULL ? role : "member", -1, SQLITE_TRANSIENT);
      if (!uc_store_step_done (store, insert, error))
        return FALSE;
      if (sqlite3_changes (db) > 0)
        g_array_append_val (pods_added, g_array_index (pods, UcId, i));
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "pods_added");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pods_added->len; i++)
    json_builder_add_int_value (builder, g_array_index (pods_added, UcId, i));
  json_builder_end_array (builder);
  return TRUE;
}

UcId
_uc_identity_merge_locked (UcStore     *store,
                           UcId         keep,
                           UcId         merge,
                           const char  *reason,
                           GError     **error)
{
  g_auto(PersonRow) kept = { 0 };
  g_auto(PersonRow) merged = { 0 };
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;
  UcTime time = now_seconds ();
  UcId merge_id;
  int found;

  g_return_val_if_fail (uc_store_in_transaction (store), 0);

  if (reason == NULL || *reason == '\0')
    reason = "manual";
  if (keep == merge)
    {
      g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID,
                   _("Cannot merge person %" G_GINT64_FORMAT " with itself"), keep);
      return 0;
    }
  for (guint i = 0; i < 2; i++)
    {
      UcId id = i == 0 ? keep : merge;

      found = load_person (store, id, i == 0 ? &kept : &merged, error);
      if (found < 0)
        return 0;
      if (found == 0)
        {
          g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND,
                       _("There is no person %" G_GINT64_FORMAT), id);
          return 0;
        }
    }

  ids = person_identities (store, merge, error);
  if (ids == NULL)
    return 0;
  if (ids->len == 0)
    {
      g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID,
                   _("“%s” (%" G_GINT64_FORMAT ") has no identities to merge"),
                   merged.name, merge);
      return 0;
    }

  builder = json_builder_new ();
  begin_record (builder, "merge", merge, keep, merged.name, kept.name, reason, time);
  merge_id = move_identities (store, ids, merge, keep, reason, time, builder, error);
  if (merge_id == 0)
    return 0;

  json_builder_set_member_name (builder, "person");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, merged.id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, merged.name);
  json_builder_set_member_name (builder, "agent");
  json_builder_add_boolean_value (builder, merged.agent);
  json_builder_set_member_name (builder, "source");
  if (merged.source_id > 0)
    json_builder_add_int_value (builder, merged.source_id);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  if (!move_memberships (store, keep, merge, builder, error))
    return 0;
  json_builder_end_object (builder);

  /* The merged person's team rows and pod places go with it. */
  stmt = uc_store_prepare (store, "DELETE FROM person WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, merge);
  if (!uc_store_step_done (store, stmt, error))
    return 0;

  if (!write_meta (store, merge_id, builder, error))
    return 0;
  return merge_id;
}

UcId
uc_identity_merge (UcStore     *store,
                   UcId         keep,
                   UcId         merge,
                   const char  *reason,
                   GError     **error)
{
  UcId merge_id;

  g_return_val_if_fail (UC_IS_STORE (store), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!uc_store_begin (store, error))
    return 0;
  merge_id = _uc_identity_merge_locked (store, keep, merge, reason, error);
  if (merge_id == 0 || !uc_store_commit (store, error))
    {
      uc_store_rollback (store);
      return 0;
    }
  return merge_id;
}

/* ====================================================================== *
 * Split
 * ====================================================================== */

static UcId
split_locked (UcStore     *store,
              UcId         person,
              const UcId  *identity_ids,
              guint        n_identities,
              const char  *new_name,
              UcId        *new_person,
              GError     **error)
{
  g_auto(PersonRow) row = { 0 };
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) moving = g_array_new (FALSE, FALSE, sizeof (UcId));
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  UcTime time = now_seconds ();
  UcId created, merge_id;
  int found;

  found = load_person (store, person, &row, error);
  if (found < 0)
    return 0;
  if (found == 0)
    {
      g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND,
                   _("There is no person %" G_GINT64_FORMAT), person);
      return 0;
    }
  if (n_identities == 0)
    {
      g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID,
                   _("Name at least one identity to split off “%s”"), row.name);
      return 0;
    }

  all = person_identities (store, person, error);
  if (all == NULL)
    return 0;
  for (guint i = 0; i < n_identities; i++)
    {
      gboolean owned = FALSE, seen = FALSE;

      for (guint k = 0; k < all->len; k++)
        owned |= g_array_index (all, UcId, k) == identity_ids[i];
      for (guint k = 0; k < moving->len; k++)
        seen |= g_array_index (moving, UcId, k) == identity_ids[i];
      if (!owned)
        {
          g_autofree char *what = describe_identity (store, identity_ids[i], NULL);

          if (what == NULL)
            g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND,
                         _("There is no identity %" G_GINT64_FORMAT), identity_ids[i]);
          else
            g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID,
                         _("“%s” is not an identity of “%s” (%" G_GINT64_FORMAT ")"),
                         what, row.name, person);
          return 0;
        }
      if (!seen)
        g_array_append_val (moving, identity_ids[i]);
    }
  if (moving->len >= all->len)
    {
      g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID,
                   _("Splitting off every identity of “%s” would leave nobody behind; keep at least one"),
                   row.name);
      return 0;
    }

  if (new_name != NULL && *new_name != '\0')
    name = g_strdup (new_name);
  else
    {
      stmt = uc_store_prepare (store, "SELECT display_name, value FROM identity WHERE id = ?1", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, g_array_index (moving, UcId, 0));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *display = (const char *) sqlite3_column_text (stmt, 0);

          name = g_strdup (display != NULL && *display != '\0' ? display
                                                               : (const char *) sqlite3_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
      if (name == NULL)
        name = g_strdup (row.name);
    }

  stmt = uc_store_prepare (store, "INSERT INTO person (name, is_agent) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, row.agent ? 1 : 0);
  if (!uc_store_step_done (store, stmt, error))
    return 0;
  created = sqlite3_last_insert_rowid (uc_store_get_db (store));

  builder = json_builder_new ();
  begin_record (builder, "split", person, created, row.name, name, "split", time);
  merge_id = move_identities (store, moving, person, created, "split", time, builder, error);
  if (merge_id == 0)
    return 0;
  json_builder_end_object (builder);
  if (!write_meta (store, merge_id, builder, error))
    return 0;
  if (new_person != NULL)
    *new_person = created;
  return merge_id;
}

UcId
uc_identity_split (UcStore     *store,
                   UcId         person,
                   const UcId  *identity_ids,
                   guint        n_identities,
                   const char  *new_name,
                   UcId        *new_person,
                   GError     **error)
{
  UcId merge_id, created = 0;

  g_return_val_if_fail (UC_IS_STORE (store), 0);
  g_return_val_if_fail (identity_ids != NULL || n_identities == 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!uc_store_begin (store, error))
    return 0;
  merge_id = split_locked (store, person, identity_ids, n_identities, new_name, &created, error);
  if (merge_id == 0 || !uc_store_commit (store, error))
    {
      uc_store_rollback (store);
      return 0;
    }
  if (new_person != NULL)
    *new_person = created;
  return merge_id;
}

/* ====================================================================== *
 * Undo
 * ====================================================================== */

/* The undo record of @merge_id (0: the latest), parsed; NULL with @error
 * set when there is none. */
static JsonNode *
load_record (UcStore     *store,
             UcId         merge_id,
             UcId        *found_id,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (merge_id > 0)
    {
      g_autofree char *key = meta_key (merge_id);

      stmt = uc_store_prepare (store, "SELECT value FROM meta WHERE key = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    }
  else
    {
      stmt = uc_store_prepare (store,
                               "SELECT value, CAST (substr (key, length ('" META_PREFIX "') + 1) AS INTEGER) AS id"
                               " FROM meta WHERE key LIKE '" META_PREFIX "%'"
                               " ORDER BY id DESC LIMIT 1", error);
      if (stmt == NULL)
        return NULL;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (merge_id <= 0)
        merge_id = sqlite3_column_int64 (stmt, 1);
    }
  if (!check_done (store, stmt, rc, "reading merges", error))
    return NULL;

  if (value == NULL)
    {
      if (merge_id > 0)
        g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND,
                     _("There is no merge or split %" G_GINT64_FORMAT " to undo"), merge_id);
      else
        g_set_error_literal (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOTHING_TO_UNDO,
                             _("There is no merge or split to undo"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, value, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND,
                   _("The record of merge %" G_GINT64_FORMAT " is damaged"), merge_id);
      return NULL;
    }
  *found_id = merge_id;
  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gint64
array_int (JsonArray *array,
           guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static gboolean
exec_id (UcStore     *store,
         const char  *sql,
         UcId         a,
         UcId         b,
         GError     **error)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  return uc_store_step_done (store, stmt, error);
}

/* Put back the person a merge deleted; returns its (possibly new) id. */
static UcId
restore_person (UcStore     *store,
                JsonObject  *person,
                GError     **error)
{
  UcId id = json_object_get_int_member (person, "id");
  JsonNode *source = json_object_get_member (person, "source");
  sqlite3_stmt *stmt;
  int taken = row_exists (store, "SELECT 1 FROM person WHERE id = ?1", id, error);
  int source_ok = 0;

  if (taken < 0)
    return 0;
  if (source != NULL && !JSON_NODE_HOLDS_NULL (source))
    {
      source_ok = row_exists (store, "SELECT 1 FROM source WHERE id = ?1", json_node_get_int (source), error);
      if (source_ok < 0)
        return 0;
    }
  stmt = uc_store_prepare (store,
                           "INSERT INTO person (id, name, is_agent, source_id) VALUES (?1, ?2, ?3, ?4)",
                           error);
  if (stmt == NULL)
    return 0;
  if (!taken)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member (person, "name"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, json_object_get_boolean_member (person, "agent") ? 1 : 0);
  if (source_ok > 0)
    sqlite3_bind_int64 (stmt, 4, json_node_get_int (source));
  if (!uc_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (uc_store_get_db (store));
}

static gboolean
restore_memberships (UcStore     *store,
                     JsonObject  *record,
                     UcId         keep,
                     UcId         person,
                     GError     **error)
{
  JsonArray *array;
  sqlite3_stmt *stmt;

  if ((array = member_array (record, "teams_added")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      if (!exec_id (store, "DELETE FROM person_team WHERE id = ?1 AND person_id = ?2",
                    array_int (array, i), keep, error))
        return FALSE;

  if ((array = member_array (record, "teams")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonArray *row = json_node_get_array (json_array_get_element (array, i));
        JsonNode *source = json_array_get_element (row, 4);
        UcId row_id = array_int (row, 0);
        int taken, team_ok, source_ok = 1;

        team_ok = row_exists (store, "SELECT 1 FROM team WHERE id = ?1", array_int (row, 1), error);
        taken = row_exists (store, "SELECT 1 FROM person_team WHERE id = ?1", row_id, error);
        if (source != NULL && !JSON_NODE_HOLDS_NULL (source))
          source_ok = row_exists (store, "SELECT 1 FROM source WHERE id = ?1", json_node_get_int (source), error);
        if (team_ok < 0 || taken < 0 || source_ok < 0)
          return FALSE;
        /* Gone with its team or its source since: nothing to restore. */
        if (!team_ok || !source_ok)
          continue;
        stmt = uc_store_prepare (store,
                                 "INSERT OR IGNORE INTO person_team"
                                 " (id, person_id, team_id, valid_from, valid_to, source_id)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
        if (stmt == NULL)
          return FALSE;
        if (!taken)
          sqlite3_bind_int64 (stmt, 1, row_id);
        sqlite3_bind_int64 (stmt, 2, person);
        sqlite3_bind_int64 (stmt, 3, array_int (row, 1));
        bind_nullable (stmt, 4, json_array_get_element (row, 2));
        bind_nullable (stmt, 5, json_array_get_element (row, 3));
        bind_nullable (stmt, 6, source);
        if (!uc_store_step_done (store, stmt, error))
          return FALSE;
      }

  if ((array = member_array (record, "pods_added")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      if (!exec_id (store, "DELETE FROM pod_member WHERE pod_id = ?1 AND person_id = ?2",
                    array_int (array, i), keep, error))
        return FALSE;

  if ((array = member_array (record, "pods")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonArray *row = json_node_get_array (json_array_get_element (array, i));
        int pod_ok = row_exists (store, "SELECT 1 FROM pod WHERE id = ?1", array_int (row, 0), error);

        if (pod_ok < 0)
          return FALSE;
        if (!pod_ok)
          continue;
        stmt = uc_store_prepare (store,
                                 "INSERT OR IGNORE INTO pod_member (pod_id, person_id, role)"
                                 " VALUES (?1, ?2, ?3)", error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, array_int (row, 0));
        sqlite3_bind_int64 (stmt, 2, person);
        sqlite3_bind_text (stmt, 3, json_array_get_string_element (row, 1), -1, SQLITE_TRANSIENT);
        if (!uc_store_step_done (store, stmt, error))
          return FALSE;
      }
  return TRUE;
}

static UcId
undo_locked (UcStore     *store,
             UcId         merge_id,
             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *key = NULL;
  JsonObject *record;
  JsonArray *identities, *rows;
  const char *op;
  gboolean is_merge;
  UcId from, to, target, found_id = 0;
  sqlite3_stmt *stmt;

  root = load_record (store, merge_id, &found_id, error);
  if (root == NULL)
    return 0;
  record = json_node_get_object (root);
  op = json_object_get_string_member_with_default (record, "op", "");
  is_merge = g_str_equal (op, "merge");
  from = json_object_get_int_member_with_default (record, "from", 0);
  to = json_object_get_int_member_with_default (record, "to", 0);
  identities = member_array (record, "identities");
  rows = member_array (record, "rows");
  if ((!is_merge && !g_str_equal (op, "split")) || identities == NULL || rows == NULL ||
      (is_merge && !json_object_has_member (record, "person")))
    {
      g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND,
                   _("The record of merge %" G_GINT64_FORMAT " is damaged"), found_id);
      return 0;
    }

  /* Nothing moved since? */
  for (guint i = 0; i < json_array_get_length (identities); i++)
    {
      UcId person = 0;
      g_autofree char *what = describe_identity (store, array_int (identities, i), &person);

      if (what == NULL || person != to)
        {
          if (is_merge)
            g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_CONFLICT,
                         _("Cannot undo merge %" G_GINT64_FORMAT ": “%s” has been moved since; undo the later merge or split first"),
                         found_id, what != NULL ? what : "?");
          else
            g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_CONFLICT,
                         _("Cannot undo split %" G_GINT64_FORMAT ": “%s” has been moved since; undo the later merge or split first"),
                         found_id, what != NULL ? what : "?");
          return 0;
        }
    }

  if (is_merge)
    {
      target = restore_person (store, json_object_get_object_member (record, "person"), error);
      if (target == 0)
        return 0;
    }
  else
    {
      g_autoptr(GArray) left = NULL;
      int exists = row_exists (store, "SELECT 1 FROM person WHERE id = ?1", from, error);

      if (exists < 0)
        return 0;
      if (!exists)
        {
          g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_CONFLICT,
                       _("Cannot undo split %" G_GINT64_FORMAT ": “%s” has been merged away since; undo that merge first"),
                       found_id, json_object_get_string_member_with_default (record, "from_name", "?"));
          return 0;
        }
      left = person_identities (store, to, error);
      if (left == NULL)
        return 0;
      if (left->len != json_array_get_length (identities))
        {
          g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_CONFLICT,
                       _("Cannot undo split %" G_GINT64_FORMAT ": “%s” has gained identities since; split or merge them first"),
                       found_id, json_object_get_string_member_with_default (record, "to_name", "?"));
          return 0;
        }
      target = from;
    }

  for (guint i = 0; i < json_array_get_length (identities); i++)
    if (!exec_id (store, "UPDATE identity SET person_id = ?2 WHERE id = ?1",
                  array_int (identities, i), target, error))
      return 0;

  if (is_merge)
    {
      if (!restore_memberships (store, record, to, target, error))
        return 0;
    }
  else if (!exec_id (store, "DELETE FROM person WHERE id = ?1", to, 0, error))
    return 0;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (!exec_id (store, "DELETE FROM identity_merge WHERE id = ?1", array_int (rows, i), 0, error))
      return 0;

  key = meta_key (found_id);
  stmt = uc_store_prepare (store, "DELETE FROM meta WHERE key = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!uc_store_step_done (store, stmt, error))
    return 0;
  return found_id;
}

UcId
uc_identity_undo_merge (UcStore     *store,
                        UcId         merge_id,
                        GError     **error)
{
  UcId undone;

  g_return_val_if_fail (UC_IS_STORE (store), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!uc_store_begin (store, error))
    return 0;
  undone = undo_locked (store, merge_id, error);
  if (undone == 0 || !uc_store_commit (store, error))
    {
      uc_store_rollback (store);
      return 0;
    }
  return undone;
}

/* ====================================================================== *
 * Listing operations
 * ====================================================================== */

void
uc_identity_operation_free (UcIdentityOperation *operation)
{
  if (operation == NULL)
    return;
  g_free (operation->from_name);
  g_free (operation->to_name);
  g_free (operation->reason);
  g_strfreev (operation->identities);
  g_free (operation);
}

static int
compare_operations (gconstpointer a,
                    gconstpointer b)
{
  const UcIdentityOperation *x = *(UcIdentityOperation * const *) a;
  const UcIdentityOperation *y = *(UcIdentityOperation * const *) b;

  return (x->id > y->id) - (x->id < y->id);
}

GPtrArray *
uc_identity_list_operations (UcStore     *store,
                             GError     **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) uc_identity_operation_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (UcId));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UC_IS_STORE (store), NULL);

  stmt = uc_store_prepare (store,
                           "SELECT CAST (substr (key, length ('" META_PREFIX "') + 1) AS INTEGER), value"
                           " FROM meta WHERE key LIKE '" META_PREFIX "%'", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcId id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (!check_done (store, stmt, rc, "reading merges", error))
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GStrvBuilder) strv = g_strv_builder_new ();
      UcIdentityOperation *op;
      JsonObject *record;
      JsonArray *identities;

      if (!json_parser_load_from_data (parser, g_ptr_array_index (texts, i), -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      record = json_node_get_object (json_parser_get_root (parser));
      op = g_new0 (UcIdentityOperation, 1);
      op->id = g_array_index (ids, UcId, i);
      op->kind = g_strcmp0 (json_object_get_string_member_with_default (record, "op", ""), "split") == 0
                   ? UC_IDENTITY_OP_SPLIT : UC_IDENTITY_OP_MERGE;
      op->from_person = json_object_get_int_member_with_default (record, "from", 0);
      op->to_person = json_object_get_int_member_with_default (record, "to", 0);
      op->from_name = g_strdup (json_object_get_string_member_with_default (record, "from_name", ""));
      op->to_name = g_strdup (json_object_get_string_member_with_default (record, "to_name", ""));
      op->reason = g_strdup (json_object_get_string_member_with_default (record, "reason", ""));
      op->time = json_object_get_int_member_with_default (record, "time", 0);
      identities = member_array (record, "identities");
      for (guint k = 0; identities != NULL && k < json_array_get_length (identities); k++)
        {
          g_autofree char *what = describe_identity (store, array_int (identities, k), NULL);

          if (what != NULL)
            g_strv_builder_add (strv, what);
        }
      op->identities = g_strv_builder_end (strv);
      g_ptr_array_add (ops, op);
    }
  g_ptr_array_sort (ops, compare_operations);
  return g_steal_pointer (&ops);
}

/* ====================================================================== *
 * Looking up
 * ====================================================================== */

static gboolean
all_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return strlen (text) < 19;
}

/* "7 (email:ann@acme.example, github:annlee)" */
static void
append_candidate (GString *out,
                  UcStore *store,
                  UcId     person)
{
  sqlite3_stmt *stmt = uc_store_prepare (store,
                                         "SELECT kind, value FROM identity WHERE person_id = ?1"
                                         " ORDER BY kind, value LIMIT 4", NULL);
  guint n = 0;

  g_string_append_printf (out, "%" G_GINT64_FORMAT, person);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, person);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append (out, n == 0 ? " (" : ", ");
      if (n == 3)
        {
          g_string_append (out, "…");
          n++;
          break;
        }
      g_string_append_printf (out, "%s:%s", (const char *) sqlite3_column_text (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1));
      n++;
    }
  if (n > 0)
    g_string_append_c (out, ')');
  sqlite3_reset (stmt);
}

UcId
uc_identity_find_person (UcStore     *store,
                         const char  *id_or_name,
                         GError     **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (UcId));
  static const char *const queries[] = {
    "SELECT id FROM person WHERE name = ?1 ORDER BY id",
    "SELECT id FROM person WHERE name = ?1 COLLATE NOCASE ORDER BY id",
  };

  g_return_val_if_fail (UC_IS_STORE (store), 0);
  g_return_val_if_fail (id_or_name != NULL, 0);

  if (all_digits (id_or_name))
    {
      UcId id = g_ascii_strtoll (id_or_name, NULL, 10);
      int exists = row_exists (store, "SELECT 1 FROM person WHERE id = ?1", id, error);

      if (exists < 0)
        return 0;
      if (exists)
        return id;
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries) && found->len == 0; q++)
    {
      sqlite3_stmt *stmt = uc_store_prepare (store, queries[q], error);
      int rc;

      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, id_or_name, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          UcId id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (found, id);
        }
      if (!check_done (store, stmt, rc, "finding a person", error))
        return 0;
    }

  if (found->len == 1)
    return g_array_index (found, UcId, 0);
  if (found->len == 0)
    {
      g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND,
                   _("There is no person “%s” (give a person's id or exact name)"), id_or_name);
      return 0;
    }

  {
    g_autoptr(GString) list = g_string_new (NULL);

    for (guint i = 0; i < found->len; i++)
      {
        if (i > 0)
          g_string_append (list, "; ");
        append_candidate (list, store, g_array_index (found, UcId, i));
      }
    g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_AMBIGUOUS,
                 /* Translators: %s: a name, %u: how many, then a list of "id (identities)" */
                 _("“%s” names %u people, give the id of one: %s"),
                 id_or_name, found->len, list->str);
  }
  return 0;
}

UcId
uc_identity_find_identity (UcStore     *store,
                           const char  *spec,
                           GError     **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *value = NULL;
  const char *colon;
  sqlite3_stmt *stmt;
  UcId id = 0;
  int rc;

  g_return_val_if_fail (UC_IS_STORE (store), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (all_digits (spec))
    {
      UcId candidate = g_ascii_strtoll (spec, NULL, 10);
      int exists = row_exists (store, "SELECT 1 FROM identity WHERE id = ?1", candidate, error);

      if (exists < 0)
        return 0;
      if (exists)
        return candidate;
    }

  colon = strchr (spec, ':');
  if (colon == NULL || colon == spec || colon[1] == '\0')
    {
      g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID,
                   _("“%s” is not an identity: write it as kind:value, e.g. email:ann@example.com or github:annlee"),
                   spec);
      return 0;
    }
  kind = g_ascii_strdown (spec, colon - spec);
  value = g_str_equal (kind, "email") ? g_utf8_strdown (colon + 1, -1) : g_strdup (colon + 1);

  stmt = uc_store_prepare (store, "SELECT id FROM identity WHERE kind = ?1 AND value = ?2", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (!check_done (store, stmt, rc, "finding an identity", error))
    return 0;

  if (id == 0 && _uc_identity_kind_is_login (kind))
    {
      stmt = uc_store_prepare (store,
                               "SELECT id FROM identity WHERE kind = ?1 AND value = ?2 COLLATE NOCASE"
                               " ORDER BY id LIMIT 1", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      if (!check_done (store, stmt, rc, "finding an identity", error))
        return 0;
    }

  if (id == 0)
    g_set_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND,
                 _("There is no identity “%s”"), spec);
  return id;
}

/* ====================================================================== *
 * Suggestions
 * ====================================================================== */

const char *
uc_identity_reason_to_string (UcIdentityReason reason)
{
  switch (reason)
    {
    case UC_IDENTITY_REASON_SAME_NAME:
      return "same-name";
    case UC_IDENTITY_REASON_NAME_EMAIL:
      return "name-email";
    case UC_IDENTITY_REASON_NAME_LOGIN:
      return "name-login";
    case UC_IDENTITY_REASON_SAME_LOGIN:
      return "same-login";
    default:
      return "unknown";
    }
}

const char *
uc_identity_reason_describe (UcIdentityReason reason)
{
  switch (reason)
    {
    case UC_IDENTITY_REASON_SAME_NAME:
      return _("Same name");
    case UC_IDENTITY_REASON_NAME_EMAIL:
      return _("Name matches an e-mail address");
    case UC_IDENTITY_REASON_NAME_LOGIN:
      return _("Name matches a login");
    case UC_IDENTITY_REASON_SAME_LOGIN:
      return _("Same login in two systems");
    default:
      return _("Unknown reason");
    }
}

void
uc_identity_suggestion_free (UcIdentitySuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->evidence);
  g_free (suggestion);
}

typedef struct
{
  UcId      id;
  gboolean  agent;
} SgPerson;

typedef struct
{
  guint       person;   /* index into people */
  const char *text;     /* what produced the key, for the evidence */
} SgEntry;

typedef struct
{
  UcStore      *store;
  GArray       *people;      /* SgPerson */
  GHashTable   *person_index; /* UcId → index + 1 */
  GStringChunk *strings;
  GHashTable   *names;       /* normalised name → GArray of SgEntry */
  GHashTable   *concat;      /* "annlee" of names of 2+ words */
  GHashTable   *initial;     /* "alee" of names of 2+ words */
  GHashTable   *logins;      /* lower-cased login → entries ("kind:value") */
  GPtrArray    *locals;      /* SgLocal */
  GHashTable   *pairs;       /* "a:b" → UcIdentitySuggestion (borrowed from result) */
  GPtrArray    *result;
} Suggester;

typedef struct
{
  guint       person;
  const char *email;
  const char *local;        /* lower-cased local part */
} SgLocal;

static void
entries_free (gpointer data)
{
  g_array_unref (data);
}

static void
index_add (GHashTable  *index,
           const char  *key,
           guint        person,
           const char  *text)
{
  GArray *entries = g_hash_table_lookup (index, key);
  SgEntry entry = { person, text };

  if (entries == NULL)
    {
      entries = g_array_new (FALSE, FALSE, sizeof (SgEntry));
      g_hash_table_insert (index, g_strdup (key), entries);
    }
  if (entries->len > MAX_GROUP)
    return;
  for (guint i = 0; i < entries->len; i++)
    if (g_array_index (entries, SgEntry, i).person == person)
      return;
  g_array_append_val (entries, entry);
}

static const char *const generic_locals[] = {
  "noreply", "no-reply", "info", "admin", "administrator", "root", "git", "dev",
  "developer", "developers", "user", "test", "mail", "support", "contact", "team",
  "hello", "bot", "build", "jenkins", "github", "gitlab", "office", "webmaster",
  "postmaster", "security", "nobody", "none", "unknown", "example", "localhost",
};

static gboolean
is_generic_local (const char *local)
{
  for (guint i = 0; i < G_N_ELEMENTS (generic_locals); i++)
    if (g_str_equal (local, generic_locals[i]))
      return TRUE;
  return FALSE;
}

/* Letters and digits only: "ann.lee" → "annlee". */
static char *
squash (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
    else if ((guchar) *p >= 0x80)
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
add_name (Suggester  *sg,
          guint       person,
          const char *name)
{
  g_autofree char *norm = NULL;
  g_auto(GStrv) words = NULL;
  guint n_words;

  if (name == NULL || *name == '\0' || strchr (name, '@') != NULL)
    return;
  norm = uc_identity_normalize_name (name);
  if (strlen (norm) < 3)
    return;
  name = g_string_chunk_insert_const (sg->strings, name);
  index_add (sg->names, norm, person, name);

  words = g_strsplit (norm, " ", -1);
  n_words = g_strv_length (words);
  if (n_words >= 2)
    {
      g_autofree char *joined = g_strjoinv ("", words);
      g_autofree char *initial = NULL;
      const char *last = words[n_words - 1];

      index_add (sg->concat, joined, person, name);
      if (strlen (last) >= 2 && g_ascii_isalpha (words[0][0]))
        {
          initial = g_strdup_printf ("%c%s", words[0][0], last);
          index_add (sg->initial, initial, person, name);
        }
    }
}

static void
add_login (Suggester  *sg,
           guint       person,
           const char *kind,
           const char *login)
{
  g_autofree char *lower = NULL;
  g_autofree char *text = NULL;

  if (login == NULL || strlen (login) < 3)
    return;
  lower = g_utf8_strdown (login, -1);
  text = g_strdup_printf ("%s:%s", kind, login);
  index_add (sg->logins, lower, person, g_string_chunk_insert_const (sg->strings, text));
}

/* A Jira value that reads like a login (not an accountId, not a numeric
 * key such as JIRAUSER10000). */
static gboolean
jira_value_is_login (const char *value)
{
  gsize len = strlen (value);
  guint digits = 0;

  if (strchr (value, ':') != NULL || strchr (value, '@') != NULL || len > 40)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    digits += g_ascii_isdigit (*p) ? 1 : 0;
  if (len >= 20 && digits >= 6)
    return FALSE;
  return !g_str_has_prefix (value, "JIRAUSER");
}

static void
add_pair (Suggester        *sg,
          guint             i,
          guint             j,
          UcIdentityReason  reason,
          double            confidence,
          const char       *left,
          const char       *right)
{
  SgPerson *a, *b;
  g_autofree char *key = NULL;
  UcIdentitySuggestion *s;

  if (i == j)
    return;
  a = &g_array_index (sg->people, SgPerson, i);
  b = &g_array_index (sg->people, SgPerson, j);
  /* Never an agent with a human. */
  if (a->agent != b->agent)
    return;
  if (a->id > b->id)
    {
      SgPerson *t = a;
      const char *tt = left;

      a = b;
      b = t;
      left = right;
      right = tt;
    }
  key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, a->id, b->id);
  s = g_hash_table_lookup (sg->pairs, key);
  if (s != NULL && s->confidence >= confidence)
    return;
  if (s == NULL)
    {
      s = g_new0 (UcIdentitySuggestion, 1);
      s->person_a = a->id;
      s->person_b = b->id;
      g_ptr_array_add (sg->result, s);
      g_hash_table_insert (sg->pairs, g_steal_pointer (&key), s);
    }
  s->reason = reason;
  s->confidence = confidence;
  g_free (s->evidence);
  s->evidence = g_strdup_printf ("%s ↔ %s", left, right);
}

static char *
quoted (const char *text)
{
  return g_strdup_printf ("“%s”", text);
}

/* Every pair within each group of @index. */
static void
pairs_within (Suggester        *sg,
              GHashTable       *index,
              UcIdentityReason  reason,
              gboolean          is_login)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *entries = value;
      const char *norm = key;

      if (entries->len < 2 || entries->len > MAX_GROUP)
        continue;
      for (guint x = 0; x < entries->len; x++)
        for (guint y = x + 1; y < entries->len; y++)
          {
            SgEntry *ex = &g_array_index (entries, SgEntry, x);
            SgEntry *ey = &g_array_index (entries, SgEntry, y);
            double confidence;

            if (is_login)
              {
                const char *cx = strchr (ex->text, ':');
                const char *cy = strchr (ey->text, ':');
                gboolean same_kind = cx - ex->text == cy - ey->text &&
                                     strncmp (ex->text, ey->text, cx - ex->text) == 0;

                /* The same GitHub or GitLab account spelt in two cases,
                 * or the same login in two systems. */
                confidence = same_kind ? 0.95 : 0.85;
                add_pair (sg, ex->person, ey->person, reason, confidence, ex->text, ey->text);
              }
            else
              {
                g_autofree char *qx = quoted (ex->text);
                g_autofree char *qy = quoted (ey->text);

                confidence = strchr (norm, ' ') != NULL ? 0.9 : 0.6;
                add_pair (sg, ex->person, ey->person, reason, confidence, qx, qy);
              }
          }
    }
}

/* Pairs between one person's text and a group of @index under @key. */
static void
pairs_across (Suggester        *sg,
              GHashTable       *index,
              const char       *key,
              guint             person,
              const char       *text,
              UcIdentityReason  reason,
              double            confidence,
              gboolean          quote_index)
{
  GArray *entries = g_hash_table_lookup (index, key);

  if (entries == NULL || entries->len > MAX_GROUP)
    return;
  for (guint i = 0; i < entries->len; i++)
    {
      SgEntry *e = &g_array_index (entries, SgEntry, i);
      g_autofree char *other = quote_index ? quoted (e->text) : g_strdup (e->text);

      add_pair (sg, person, e->person, reason, confidence, text, other);
    }
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const UcIdentitySuggestion *x = *(UcIdentitySuggestion * const *) a;
  const UcIdentitySuggestion *y = *(UcIdentitySuggestion * const *) b;

  if (x->confidence != y->confidence)
    return x->confidence > y->confidence ? -1 : 1;
  if (x->person_a != y->person_a)
    return x->person_a < y->person_a ? -1 : 1;
  return (x->person_b > y->person_b) - (x->person_b < y->person_b);
}

static void
suggester_clear (Suggester *sg)
{
  g_clear_pointer (&sg->people, g_array_unref);
  g_clear_pointer (&sg->person_index, g_hash_table_unref);
  g_clear_pointer (&sg->strings, g_string_chunk_free);
  g_clear_pointer (&sg->names, g_hash_table_unref);
  g_clear_pointer (&sg->concat, g_hash_table_unref);
  g_clear_pointer (&sg->initial, g_hash_table_unref);
  g_clear_pointer (&sg->logins, g_hash_table_unref);
  g_clear_pointer (&sg->locals, g_ptr_array_unref);
  g_clear_pointer (&sg->pairs, g_hash_table_unref);
  g_clear_pointer (&sg->result, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Suggester, suggester_clear)

static GHashTable *
index_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entries_free);
}

static gboolean
load_suggester (Suggester  *sg,
                GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (sg->store, "SELECT id, name, is_agent FROM person ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SgPerson person = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 2) != 0 };
      guint index = sg->people->len;

      g_array_append_val (sg->people, person);
      g_hash_table_insert (sg->person_index, g_memdup2 (&person.id, sizeof person.id),
                           GUINT_TO_POINTER (index + 1));
      add_name (sg, index, (const char *) sqlite3_column_text (stmt, 1));
    }
  if (!check_done (sg->store, stmt, rc, "reading people", error))
    return FALSE;

  stmt = uc_store_prepare (sg->store,
                           "SELECT person_id, kind, value, display_name FROM identity ORDER BY id",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcId person_id = sqlite3_column_int64 (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *value = (const char *) sqlite3_column_text (stmt, 2);
      const char *display = (const char *) sqlite3_column_text (stmt, 3);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (sg->person_index, &person_id));

      if (index == 0 || kind == NULL || value == NULL)
        continue;
      index--;
      add_name (sg, index, display);

      if (g_str_equal (kind, "name") || g_str_equal (kind, "roster"))
        add_name (sg, index, value);
      else if (g_str_equal (kind, "email"))
        {
          g_autofree char *noreply = uc_identity_github_noreply_login (value);
          const char *at = strrchr (value, '@');

          if (noreply != NULL)
            add_login (sg, index, "github", noreply);
          else if (at != NULL && at > value)
            {
              SgLocal *local = g_new0 (SgLocal, 1);
              g_autofree char *lower = g_ascii_strdown (value, at - value);

              local->person = index;
              local->email = g_string_chunk_insert_const (sg->strings, value);
              local->local = g_string_chunk_insert_const (sg->strings, lower);
              g_ptr_array_add (sg->locals, local);
            }
        }
      else if (g_str_equal (kind, "github") || g_str_equal (kind, "gitlab") ||
               g_str_equal (kind, "gerrit"))
        {
          if (strchr (value, '@') == NULL && !all_digits (value))
            add_login (sg, index, kind, value);
        }
      else if (g_str_equal (kind, "jira"))
        {
          if (jira_value_is_login (value))
            add_login (sg, index, kind, value);
        }
      else if (g_str_equal (kind, "slack") && value[0] == '@')
        add_login (sg, index, kind, value + 1);
    }
  return check_done (sg->store, stmt, rc, "reading identities", error);
}

GPtrArray *
uc_identity_suggest (UcStore     *store,
                     GError     **error)
{
  g_auto(Suggester) sg = { 0 };

  g_return_val_if_fail (UC_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sg.store = store;
  sg.people = g_array_new (FALSE, FALSE, sizeof (SgPerson));
  sg.person_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sg.strings = g_string_chunk_new (4096);
  sg.names = index_new ();
  sg.concat = index_new ();
  sg.initial = index_new ();
  sg.logins = index_new ();
  sg.locals = g_ptr_array_new_with_free_func (g_free);
  sg.pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sg.result = g_ptr_array_new_with_free_func ((GDestroyNotify) uc_identity_suggestion_free);

  if (!load_suggester (&sg, error))
    return NULL;

  /* The weaker reasons first: a stronger one found later replaces them. */
  for (guint i = 0; i < sg.locals->len; i++)
    {
      SgLocal *local = g_ptr_array_index (sg.locals, i);
      g_autofree char *squashed = NULL;
      g_autofree char *spaced = NULL;

      if (is_generic_local (local->local))
        continue;
      squashed = squash (local->local);
      spaced = uc_identity_normalize_name (local->local);
      if (strlen (squashed) < 3)
        continue;

      /* ann.lee@ ↔ "Ann Lee"; ann@ ↔ "Ann" */
      if (strchr (spaced, ' ') != NULL)
        pairs_across (&sg, sg.names, spaced, local->person, local->email,
                      UC_IDENTITY_REASON_NAME_EMAIL, 0.8, TRUE);
      else
        pairs_across (&sg, sg.names, spaced, local->person, local->email,
                      UC_IDENTITY_REASON_NAME_EMAIL, 0.5, TRUE);
      /* annlee@ ↔ "Ann Lee" */
      if (strlen (squashed) >= 5)
        pairs_across (&sg, sg.concat, squashed, local->person, local->email,
                      UC_IDENTITY_REASON_NAME_EMAIL, 0.75, TRUE);
      /* alee@ ↔ "Ann Lee" */
      if (strlen (squashed) >= 4)
        pairs_across (&sg, sg.initial, squashed, local->person, local->email,
                      UC_IDENTITY_REASON_NAME_EMAIL, 0.55, TRUE);
      /* annlee@ ↔ github:annlee */
      if (strlen (squashed) >= 4)
        pairs_across (&sg, sg.logins, local->local, local->person, local->email,
                      UC_IDENTITY_REASON_SAME_LOGIN, 0.6, FALSE);
    }

  /* Logins ↔ names: github:annlee ↔ "Ann Lee", github:annlee ↔ "annlee" */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, sg.logins);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        GArray *entries = value;
        g_autofree char *squashed = squash (key);
        g_autofree char *spaced = uc_identity_normalize_name (key);

        if (entries->len > MAX_GROUP)
          continue;
        for (guint i = 0; i < entries->len; i++)
          {
            SgEntry *e = &g_array_index (entries, SgEntry, i);

            if (strlen (squashed) >= 4)
              pairs_across (&sg, sg.initial, squashed, e->person, e->text,
                            UC_IDENTITY_REASON_NAME_LOGIN, 0.5, TRUE);
            if (strlen (squashed) >= 5)
              pairs_across (&sg, sg.concat, squashed, e->person, e->text,
                            UC_IDENTITY_REASON_NAME_LOGIN, 0.7, TRUE);
            pairs_across (&sg, sg.names, spaced, e->person, e->text,
                          UC_IDENTITY_REASON_NAME_LOGIN,
                          strchr (spaced, ' ') != NULL ? 0.75 : 0.65, TRUE);
          }
      }
  }

  pairs_within (&sg, sg.logins, UC_IDENTITY_REASON_SAME_LOGIN, TRUE);
  pairs_within (&sg, sg.names, UC_IDENTITY_REASON_SAME_NAME, FALSE);

  g_ptr_array_sort (sg.result, compare_suggestions);
  return g_steal_pointer (&sg.result);
}

/* ====================================================================== *
 * Automatic resolution after an import
 * ====================================================================== */

/* Which of two people to keep: the one with a real name (with a space,
 * not an address), else the older. */
static void
choose_keeper (UcStore *store,
               UcId    *keep,
               UcId    *merge)
{
  g_auto(PersonRow) a = { 0 };
  g_auto(PersonRow) b = { 0 };
  gboolean a_real, b_real;

  if (load_person (store, *keep, &a, NULL) <= 0 || load_person (store, *merge, &b, NULL) <= 0)
    return;
  a_real = strchr (a.name, ' ') != NULL && strchr (a.name, '@') == NULL;
  b_real = strchr (b.name, ' ') != NULL && strchr (b.name, '@') == NULL;
  if ((b_real && !a_real) || (b_real == a_real && *merge < *keep))
    {
      UcId t = *keep;

      *keep = *merge;
      *merge = t;
    }
}

static int
person_agent (UcStore *store,
              UcId     person)
{
  g_auto(PersonRow) row = { 0 };

  if (load_person (store, person, &row, NULL) <= 0)
    return -1;
  return row.agent ? 1 : 0;
}

typedef struct
{
  UcId  identity;
  UcId  person;
  char *value;
} IdRow;

static void
id_row_free (gpointer data)
{
  IdRow *row = data;

  g_free (row->value);
  g_free (row);
}

static GPtrArray *
select_rows (UcStore     *store,
             const char  *sql,
             GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (id_row_free);
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IdRow *row = g_new0 (IdRow, 1);

      row->identity = sqlite3_column_int64 (stmt, 0);
      row->person = sqlite3_column_int64 (stmt, 1);
      row->value = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (rows, row);
    }
  if (!check_done (store, stmt, rc, "reading identities", error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* The person of the only identity matching @sql bound to @value (persons
 * other than @exclude; 0 when none or several people). */
static UcId
single_person (UcStore     *store,
               const char  *sql,
               const char  *value,
               UcId         exclude,
               GError     **error)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, error);
  UcId found = 0;
  gboolean several = FALSE;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcId person = sqlite3_column_int64 (stmt, 0);

      if (person == exclude)
        continue;
      if (found != 0 && found != person)
        several = TRUE;
      found = person;
    }
  if (!check_done (store, stmt, rc, "reading identities", error))
    return -1;
  return several ? 0 : found;
}

static gboolean
merge_if_compatible (UcStore     *store,
                     UcId         keep,
                     UcId         merge,
                     gboolean     choose,
                     const char  *reason,
                     guint       *n_merged,
                     GError     **error)
{
  int agent_keep, agent_merge;

  if (keep <= 0 || merge <= 0 || keep == merge)
    return TRUE;
  agent_keep = person_agent (store, keep);
  agent_merge = person_agent (store, merge);
  if (agent_keep < 0 || agent_merge < 0 || agent_keep != agent_merge)
    return TRUE;
  if (choose)
    choose_keeper (store, &keep, &merge);
  if (_uc_identity_merge_locked (store, keep, merge, reason, error) == 0)
    return FALSE;
  (*n_merged)++;
  return TRUE;
}

gboolean
_uc_identity_resolve_automatic (UcStore     *store,
                                guint       *n_merged,
                                GError     **error)
{
  g_autoptr(GPtrArray) noreply = NULL;
  g_autoptr(GPtrArray) handles = NULL;
  guint merged = 0;

  g_return_val_if_fail (uc_store_in_transaction (store), FALSE);

  /* GitHub no-reply addresses ↔ GitHub logins */
  noreply = select_rows (store,
                         "SELECT id, person_id, value FROM identity"
                         " WHERE kind = 'email' AND value LIKE '%@users.noreply.github.com'"
                         " ORDER BY id", error);
  if (noreply == NULL)
    return FALSE;
  for (guint i = 0; i < noreply->len; i++)
    {
      IdRow *row = g_ptr_array_index (noreply, i);
      g_autofree char *login = uc_identity_github_noreply_login (row->value);
      g_autofree char *reason = NULL;
      UcId current = 0, other;
      g_autofree char *what = NULL;

      if (login == NULL)
        continue;
      /* Earlier merges in this loop may have moved it. */
      what = describe_identity (store, row->identity, &current);
      if (what == NULL)
        continue;
      other = single_person (store,
                             "SELECT person_id FROM identity WHERE kind = 'github' AND value = ?1 COLLATE NOCASE",
                             login, current, error);
      if (other < 0)
        return FALSE;
      reason = g_strdup_printf ("GitHub no-reply address %s", row->value);
      if (!merge_if_compatible (store, other, current, TRUE, reason, &merged, error))
        return FALSE;
    }

  /* Roster Slack names ("@Ann Lee") ↔ the Slack account with that name */
  handles = select_rows (store,
                         "SELECT id, person_id, value FROM identity"
                         " WHERE kind = 'slack' AND value LIKE '@%' ORDER BY id", error);
  if (handles == NULL)
    return FALSE;
  for (guint i = 0; i < handles->len; i++)
    {
      IdRow *row = g_ptr_array_index (handles, i);
      g_autofree char *reason = NULL;
      g_autofree char *what = NULL;
      UcId current = 0, other;

      what = describe_identity (store, row->identity, &current);
      if (what == NULL || row->value[1] == '\0')
        continue;
      other = single_person (store,
                             "SELECT person_id FROM identity WHERE kind = 'slack'"
                             " AND value NOT LIKE '@%' AND display_name = ?1 COLLATE NOCASE",
                             row->value + 1, current, error);
      if (other < 0)
        return FALSE;
      reason = g_strdup_printf ("roster Slack name %s", row->value);
      /* The roster's person stays. */
      if (!merge_if_compatible (store, current, other, FALSE, reason, &merged, error))
        return FALSE;
    }

  if (n_merged != NULL)
    *n_merged = merged;
  return TRUE;
}
