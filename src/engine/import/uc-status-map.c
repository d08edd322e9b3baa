/* uc-status-map.c: tracker status names → status categories.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "uc-status-map.h"

typedef struct
{
  const char *name;
  int         category;
} DefaultStatus;

/* Common workflow status names (Jira's defaults and their usual
 * variants). Matched after folding (see fold_name()). */
static const DefaultStatus default_statuses[] = {
  { "to do", UC_STATUS_TODO },
  { "todo", UC_STATUS_TODO },
  { "open", UC_STATUS_TODO },
  { "new", UC_STATUS_TODO },
  { "backlog", UC_STATUS_TODO },
  { "selected for development", UC_STATUS_TODO },
  { "ready for development", UC_STATUS_TODO },
  { "ready", UC_STATUS_TODO },
  { "reopened", UC_STATUS_TODO },
  { "triage", UC_STATUS_TODO },
  { "in progress", UC_STATUS_DOING },
  { "in development", UC_STATUS_DOING },
  { "in review", UC_STATUS_DOING },
  { "review", UC_STATUS_DOING },
  { "under review", UC_STATUS_DOING },
  { "code review", UC_STATUS_DOING },
  { "peer review", UC_STATUS_DOING },
  { "testing", UC_STATUS_DOING },
  { "in testing", UC_STATUS_DOING },
  { "in test", UC_STATUS_DOING },
  { "qa", UC_STATUS_DOING },
  { "in qa", UC_STATUS_DOING },
  { "ready for qa", UC_STATUS_DOING },
  { "blocked", UC_STATUS_DOING },
  { "on hold", UC_STATUS_DOING },
  { "done", UC_STATUS_DONE },
  { "closed", UC_STATUS_DONE },
  { "resolved", UC_STATUS_DONE },
  { "released", UC_STATUS_DONE },
  { "fixed", UC_STATUS_DONE },
  { "complete", UC_STATUS_DONE },
  { "completed", UC_STATUS_DONE },
  { "won't do", UC_STATUS_DONE },
  { "won't fix", UC_STATUS_DONE },
  { "duplicate", UC_STATUS_DONE },
  { "cancelled", UC_STATUS_DONE },
  { "canceled", UC_STATUS_DONE },
  { "rejected", UC_STATUS_DONE },
  { "declined", UC_STATUS_DONE },
};

typedef struct
{
  char *name;       /* as the user spelt it */
  int   category;   /* UcStatusCategory or -1 */
} Override;

struct _UcStatusMap
{
  GHashTable *overrides;   /* owned: folded name → Override */
  GHashTable *memo;        /* owned, or NULL: lookup()'s answers, status as
                            * given → GINT_TO_POINTER (category + 2) */
  GHashTable *override_memo; /* owned, or NULL: get_override()'s answers,
                              * status → category + 3, or 1: no override */
};

/* Imports look up the same few status names on every record, and folding a
 * name (Unicode lower-casing) cost more than storing the record: lookup()
 * remembers its answers until the overrides change. */
#define MEMO_MAX 4096

static void
forget (UcStatusMap *map)
{
  g_clear_pointer (&map->memo, g_hash_table_unref);
  g_clear_pointer (&map->override_memo, g_hash_table_unref);
}

static void
remember (GHashTable **memo,
          const char  *status,
          int          value)
{
  if (*memo == NULL)
    *memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  else if (g_hash_table_size (*memo) >= MEMO_MAX)
    g_hash_table_remove_all (*memo);
  g_hash_table_insert (*memo, g_strdup (status), GINT_TO_POINTER (value));
}

/* ---- categories ---- */

const char *
uc_status_category_to_string (int category)
{
  switch (category)
    {
    case UC_STATUS_TODO:
      return "todo";
    case UC_STATUS_DOING:
      return "doing";
    case UC_STATUS_DONE:
      return "done";
    default:
      return NULL;
    }
}

/* Lower-case, trimmed, inner space runs collapsed to one space, and the
 * typographic apostrophe (U+2019) as "'". */
static char *
fold_name (const char *text)
{
  g_autofree char *lower = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");
  lower = g_utf8_validate (text, -1, NULL) ? g_utf8_strdown (text, -1) : g_ascii_strdown (text, -1);
  out = g_string_sized_new (strlen (lower));
  for (const char *p = lower; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      if ((guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0x99)
        {
          g_string_append_c (out, '\'');
          p += 2;
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

int
uc_status_category_from_string (const char *text)
{
  g_autofree char *folded = fold_name (text);

  if (g_str_equal (folded, "todo") || g_str_equal (folded, "to do") ||
      g_str_equal (folded, "new"))
    return UC_STATUS_TODO;
  if (g_str_equal (folded, "doing") || g_str_equal (folded, "in progress") ||
      g_str_equal (folded, "indeterminate"))
    return UC_STATUS_DOING;
  if (g_str_equal (folded, "done"))
    return UC_STATUS_DONE;
  return -1;
}

int
uc_status_category_from_jira (const char *key)
{
  if (key == NULL)
    return -1;
  if (g_ascii_strcasecmp (key, "new") == 0)
    return UC_STATUS_TODO;
  if (g_ascii_strcasecmp (key, "indeterminate") == 0)
    return UC_STATUS_DOING;
  if (g_ascii_strcasecmp (key, "done") == 0)
    return UC_STATUS_DONE;
  return -1;
}

/* ---- the map ---- */

static void
override_free (gpointer data)
{
  Override *o = data;

  g_free (o->name);
  g_free (o);
}

static GHashTable *
overrides_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, override_free);
}

UcStatusMap *
uc_status_map_new (void)
{
  UcStatusMap *map = g_new0 (UcStatusMap, 1);

  map->overrides = overrides_new ();
  return map;
}

UcStatusMap *
uc_status_map_copy (const UcStatusMap *map)
{
  UcStatusMap *copy;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (map != NULL, NULL);

  copy = uc_status_map_new ();
  g_hash_table_iter_init (&iter, map->overrides);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Override *o = value;

      uc_status_map_set (copy, o->name, o->category);
    }
  return copy;
}

void
uc_status_map_free (UcStatusMap *map)
{
  if (map == NULL)
    return;
  g_hash_table_unref (map->overrides);
  forget (map);
  g_free (map);
}

int
uc_status_map_lookup_default (const char *status)
{
  g_autofree char *folded = NULL;

  if (status == NULL)
    return -1;
  folded = fold_name (status);
  for (guint i = 0; i < G_N_ELEMENTS (default_statuses); i++)
    if (g_str_equal (default_statuses[i].name, folded))
      return default_statuses[i].category;
  return -1;
}

gboolean
uc_status_map_get_override (const UcStatusMap *map,
                            const char        *status,
                            int               *category)
{
  /* The memo does not change what the map says. */
  UcStatusMap *self = (UcStatusMap *) map;
  g_autofree char *folded = NULL;
  const Override *o;
  gpointer known;

  g_return_val_if_fail (map != NULL, FALSE);

  if (status == NULL)
    return FALSE;
  if (self->override_memo != NULL &&
      (known = g_hash_table_lookup (self->override_memo, status)) != NULL)
    {
      if (GPOINTER_TO_INT (known) == 1)
        return FALSE;
      if (category != NULL)
        *category = GPOINTER_TO_INT (known) - 3;
      return TRUE;
    }
  folded = fold_name (status);
  o = g_hash_table_lookup (map->overrides, folded);
  remember (&self->override_memo, status, o != NULL ? o->category + 3 : 1);
  if (o == NULL)
    return FALSE;
  if (category != NULL)
    *category = o->category;
  return TRUE;
}

int
uc_status_map_lookup (const UcStatusMap *map,
                      const char        *status)
{
  /* The memo does not change what the map says. */
  UcStatusMap *self = (UcStatusMap *) map;
  gpointer known;
  int category;

  g_return_val_if_fail (map != NULL, -1);

  if (status == NULL)
    return -1;
  if (self->memo != NULL && (known = g_hash_table_lookup (self->memo, status)) != NULL)
    return GPOINTER_TO_INT (known) - 2;
  if (!uc_status_map_get_override (map, status, &category))
    category = uc_status_map_lookup_default (status);
  remember (&self->memo, status, category + 2);
  return category;
}

void
uc_status_map_set (UcStatusMap *map,
                   const char  *status,
                   int          category)
{
  Override *o;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (map != NULL);
  g_return_if_fail (status != NULL);
  g_return_if_fail (category >= -1 && category <= UC_STATUS_DONE);

  trimmed = g_strstrip (g_strdup (status));
  if (*trimmed == '\0')
    return;
  o = g_new0 (Override, 1);
  o->name = g_steal_pointer (&trimmed);
  o->category = category;
  g_hash_table_replace (map->overrides, fold_name (o->name), o);
  forget (map);
}

void
uc_status_map_reset (UcStatusMap *map,
                     const char  *status)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (map != NULL);
  g_return_if_fail (status != NULL);

  folded = fold_name (status);
  g_hash_table_remove (map->overrides, folded);
  forget (map);
}

void
uc_status_map_reset_all (UcStatusMap *map)
{
  g_return_if_fail (map != NULL);

  g_hash_table_remove_all (map->overrides);
  forget (map);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const char *sa = *(const char * const *) a;
  const char *sb = *(const char * const *) b;
  int c = g_ascii_strcasecmp (sa, sb);

  return c != 0 ? c : strcmp (sa, sb);
}

char *
uc_status_map_to_json (const UcStatusMap *map)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (map != NULL, NULL);

  /* A stable order, so the stored text does not change needlessly. */
  g_hash_table_iter_init (&iter, map->overrides);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (names, ((Override *) value)->name);
  g_ptr_array_sort (names, compare_names);

  json_builder_begin_object (builder);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      int category = -1;
      const char *text;

      uc_status_map_get_override (map, name, &category);
      text = uc_status_category_to_string (category);
      json_builder_set_member_name (builder, name);
      if (text != NULL)
        json_builder_add_string_value (builder, text);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
uc_status_map_set_from_json (UcStatusMap  *map,
                             const char   *json,
                             GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) parsed = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (map != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!g_utf8_validate (json, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The status map is not valid UTF-8"));
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a JSON parser message */
                   _("The status map is not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The status map must be a JSON object of status names and categories"));
      return FALSE;
    }

  parsed = overrides_new ();
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);
      int category = -1;
      Override *o;
      g_autofree char *trimmed = g_strstrip (g_strdup (name));

      if (*trimmed == '\0')
        continue;
      if (!JSON_NODE_HOLDS_NULL (node))
        {
          if (json_node_get_value_type (node) != G_TYPE_STRING ||
              (category = uc_status_category_from_string (json_node_get_string (node))) < 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           /* Translators: %s is a status name */
                           _("The status map gives “%s” an unknown category: use \"todo\", \"doing\", \"done\" or null"),
                           name);
              return FALSE;
            }
        }
      o = g_new0 (Override, 1);
      o->name = g_steal_pointer (&trimmed);
      o->category = category;
      g_hash_table_replace (parsed, fold_name (o->name), o);
    }

  g_hash_table_unref (map->overrides);
  map->overrides = g_steal_pointer (&parsed);
  forget (map);
  return TRUE;
}

GStrv
uc_status_map_list_names (const UcStatusMap *map)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (map != NULL, NULL);

  g_hash_table_iter_init (&iter, map->overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_add (seen, g_strdup (key));
      g_ptr_array_add (names, g_strdup (((Override *) value)->name));
    }
  for (guint i = 0; i < G_N_ELEMENTS (default_statuses); i++)
    if (!g_hash_table_contains (seen, default_statuses[i].name))
      {
        g_autofree char *title = g_strdup (default_statuses[i].name);

        /* "selected for development" → "Selected for development" */
        title[0] = g_ascii_toupper (title[0]);
        g_ptr_array_add (names, g_steal_pointer (&title));
      }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* ---- the workspace ---- */

UcStatusMap *
uc_status_map_load (UcStore  *store,
                    GError  **error)
{
  g_autoptr(UcStatusMap) map = uc_status_map_new ();
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UC_IS_STORE (store), NULL);

  stmt = uc_store_prepare (store, "SELECT value FROM meta WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, UC_STATUS_MAP_META_KEY, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (store, error, "status map");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  if (value != NULL && *value != '\0')
    {
      g_autoptr(GError) local_error = NULL;

      if (!uc_status_map_set_from_json (map, value, &local_error))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is a key name, then an error message */
                       _("The workspace setting “%s” is damaged: %s"),
                       UC_STATUS_MAP_META_KEY, local_error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&map);
}

gboolean
uc_status_map_save (const UcStatusMap  *map,
                    UcStore            *store,
                    GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (map != NULL, FALSE);
  g_return_val_if_fail (UC_IS_STORE (store), FALSE);

  if (g_hash_table_size (map->overrides) == 0)
    {
      stmt = uc_store_prepare (store, "DELETE FROM meta WHERE key = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, UC_STATUS_MAP_META_KEY, -1, SQLITE_STATIC);
    }
  else
    {
      g_autofree char *json = uc_status_map_to_json (map);

      stmt = uc_store_prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, UC_STATUS_MAP_META_KEY, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
    }
  return uc_store_step_done (store, stmt, error);
}
