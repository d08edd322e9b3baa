/* uc-jira-common.c: what the Jira importers share.
 *
 * People: a Jira user becomes an identity of kind "jira" whose value is
 * the Cloud accountId when the export has one, else the Server username,
 * else the user key; the other ids the export gives become identities of
 * the same person, so an XML export (usernames) and a REST export
 * (accountIds and usernames) of the same site meet. An e-mail address
 * (emailAddress, or a username that is an address) adds an identity of
 * kind "email", and an address already in the workspace (a git author…)
 * makes the Jira user that person. Cloud "app" accounts and automation
 * users are flagged agents.
 *
 * Statuses: a user override (uc-status-map.h) wins, then the category the
 * export gives with the status (Jira's statusCategory), then a category
 * learned from other issues of the workspace or of this import with the
 * same status name, then the default map. Changelog entries only name
 * statuses, so once the import is over, status changes and items still
 * without a category get the ones learned in the meantime.
 *
 * Status history: changelog entries are stored as they are. An export
 * without a changelog (the XML and CSV exports, REST pages fetched without
 * expand=changelog) gets one derived change per item instead: from an
 * unknown status to the current one, at the time it was reached as well as
 * the export tells (the CSV's "Status Category Changed", else for a done
 * item its resolution date, else its last update). Items still in a todo
 * status get none (they started there). A derived change is replaced by a
 * newer export's and dropped as soon as a real changelog for the item is
 * imported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-jira-private.h"

/* ---- setup ---- */

static char *
fold_status (const char *status)
{
  g_autofree char *down = g_utf8_strdown (status, -1);

  return g_strdup (g_strstrip (down));
}

static gboolean
preload_learned (UcJiraImport  *ji,
                 GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (ji->ctx->store,
                           "SELECT status, status_category FROM work_item"
                           " WHERE tracker = ?1 AND status IS NOT NULL"
                           " AND status_category IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, UC_JIRA_TRACKER, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 0);
      int category = sqlite3_column_int (stmt, 1);

      if (status != NULL && g_utf8_validate (status, -1, NULL) &&
          category >= UC_STATUS_TODO && category <= UC_STATUS_DONE)
        g_hash_table_replace (ji->learned, fold_status (status), GINT_TO_POINTER (category + 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (ji->ctx->store, error, "work items");
      return FALSE;
    }
  return TRUE;
}

gboolean
_uc_jira_import_init (UcJiraImport     *ji,
                      UcImportContext  *ctx,
                      GError          **error)
{
  memset (ji, 0, sizeof *ji);
  ji->ctx = ctx;
  ji->learned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ji->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ji->text = g_string_new (NULL);
  ji->utf8 = g_string_new (NULL);
  ji->status_map = uc_status_map_load (ctx->store, error);
  if (ji->status_map == NULL)
    return FALSE;
  return preload_learned (ji, error);
}

void
_uc_jira_import_clear (UcJiraImport *ji)
{
  g_clear_pointer (&ji->status_map, uc_status_map_free);
  g_clear_pointer (&ji->learned, g_hash_table_unref);
  g_clear_pointer (&ji->users, g_hash_table_unref);
  if (ji->text != NULL)
    g_string_free (g_steal_pointer (&ji->text), TRUE);
  if (ji->utf8 != NULL)
    g_string_free (g_steal_pointer (&ji->utf8), TRUE);
}

/* ---- statuses ---- */

int
_uc_jira_category (UcJiraImport *ji,
                   const char   *status,
                   int           source_category)
{
  g_autofree char *folded = NULL;
  gpointer learned;
  int category;

  if (status == NULL || *status == '\0')
    return source_category;
  if (uc_status_map_get_override (ji->status_map, status, &category))
    return category;

  folded = fold_status (status);
  if (source_category >= UC_STATUS_TODO && source_category <= UC_STATUS_DONE)
    {
      g_hash_table_replace (ji->learned, g_steal_pointer (&folded),
                            GINT_TO_POINTER (source_category + 1));
      return source_category;
    }
  learned = g_hash_table_lookup (ji->learned, folded);
  if (learned != NULL)
    return GPOINTER_TO_INT (learned) - 1;
  return uc_status_map_lookup_default (status);
}

/* Give NULL categories of @column in @table the categories known now. */
static gboolean
fill_categories (UcJiraImport  *ji,
                 const char    *select_sql,
                 const char    *update_sql,
                 GError       **error)
{
  UcStore *store = ji->ctx->store;
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (store, select_sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 0);

      if (status != NULL && g_utf8_validate (status, -1, NULL))
        g_ptr_array_add (statuses, g_strdup (status));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (store, error, "status categories");
      return FALSE;
    }

  for (guint i = 0; i < statuses->len; i++)
    {
      const char *status = g_ptr_array_index (statuses, i);
      int category = _uc_jira_category (ji, status, -1);

      if (category < 0)
        continue;
      stmt = uc_store_prepare (store, update_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, category);
      sqlite3_bind_text (stmt, 2, status, -1, SQLITE_TRANSIENT);
      if (!uc_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_uc_jira_import_finish (UcJiraImport  *ji,
                        GError       **error)
{
  return fill_categories (ji,
                          "SELECT DISTINCT status FROM work_item WHERE tracker = 'jira'"
                          " AND status IS NOT NULL AND status_category IS NULL",
                          "UPDATE work_item SET status_category = ?1 WHERE tracker = 'jira'"
                          " AND status = ?2 AND status_category IS NULL",
                          error) &&
         fill_categories (ji,
                          "SELECT DISTINCT to_status FROM status_change WHERE ext_id LIKE 'jira:%'"
                          " AND to_status IS NOT NULL AND to_category IS NULL",
                          "UPDATE status_change SET to_category = ?1 WHERE ext_id LIKE 'jira:%'"
                          " AND to_status = ?2 AND to_category IS NULL",
                          error) &&
         fill_categories (ji,
                          "SELECT DISTINCT from_status FROM status_change WHERE ext_id LIKE 'jira:%'"
                          " AND from_status IS NOT NULL AND from_category IS NULL",
                          "UPDATE status_change SET from_category = ?1 WHERE ext_id LIKE 'jira:%'"
                          " AND from_status = ?2 AND from_category IS NULL",
                          error);
}

/* ---- people ---- */

static gboolean
is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

/* Roughly an e-mail address: something@something.tld, no spaces. */
static gboolean
looks_like_email (const char *s)
{
  const char *at;

  if (is_empty (s) || strpbrk (s, " \t\r\n<>\"") != NULL)
    return FALSE;
  at = strchr (s, '@');
  return at != NULL && at > s && strchr (at + 1, '@') == NULL &&
         strchr (at + 1, '.') != NULL && at[1] != '.' && s[strlen (s) - 1] != '.';
}

/* The well-known Jira Cloud automation account. */
#define JIRA_AUTOMATION_ACCOUNT "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077"

static gboolean
is_agent_user (const UcJiraUser *user)
{
  const char *id = !is_empty (user->email) ? user->email : user->name;

  if (user->is_app)
    return TRUE;
  if (g_strcmp0 (user->account_id, JIRA_AUTOMATION_ACCOUNT) == 0)
    return TRUE;
  if (user->display_name != NULL &&
      (g_ascii_strcasecmp (user->display_name, "Automation for Jira") == 0 ||
       g_ascii_strcasecmp (user->display_name, "Jira Automation") == 0))
    return TRUE;
  return uc_text_is_agent_account (user->display_name, id);
}

/* 1 and (id, person) of an existing identity, 0 when there is none, -1
 * on error. */
static int
find_identity (UcStore    *store,
               const char *kind,
               const char *value,
               UcId       *id,
               UcId       *person,
               GError    **error)
{
  sqlite3_stmt *stmt;
  int found = 0;
  int rc;

  *id = 0;
  *person = 0;
  stmt = uc_store_prepare (store, "SELECT id, person_id FROM identity WHERE kind = ?1 AND value = ?2",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *person = sqlite3_column_int64 (stmt, 1);
      found = 1;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (store, error, "identities");
      return -1;
    }
  return found;
}

/* Give an identity created with only an id (@id_value) its display name,
 * and its person too when the person was named after that id. */
static gboolean
name_person (UcStore     *store,
             UcId         identity_id,
             const char  *id_value,
             const char  *display_name,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (g_str_equal (id_value, display_name))
    return TRUE;
  stmt = uc_store_prepare (store,
                           "UPDATE identity SET display_name = ?2 WHERE id = ?1"
                           " AND (display_name IS NULL OR display_name = value)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, identity_id);
  sqlite3_bind_text (stmt, 2, display_name, -1, SQLITE_TRANSIENT);
  if (!uc_store_step_done (store, stmt, error))
    return FALSE;
  stmt = uc_store_prepare (store,
                           "UPDATE person SET name = ?2 WHERE id ="
                           " (SELECT person_id FROM identity WHERE id = ?1) AND name = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, identity_id);
  sqlite3_bind_text (stmt, 2, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id_value, -1, SQLITE_TRANSIENT);
  return uc_store_step_done (store, stmt, error);
}

UcId
_uc_jira_user (UcJiraImport     *ji,
               const UcJiraUser *user,
               GError          **error)
{
  UcImportContext *ctx = ji->ctx;
  UcStore *store = ctx->store;
  const char *values[3];
  guint n_values = 0;
  g_autofree char *email = NULL;
  g_autofree char *cache_key = NULL;
  const char *display;
  UcId primary = 0, person = 0;
  gint64 *cached;

  G_STATIC_ASSERT (sizeof (UcId) == sizeof (gint64));

  /* The ids, most stable first, without repeats. */
  for (guint i = 0; i < 3; i++)
    {
      const char *v = i == 0 ? user->account_id : i == 1 ? user->name : user->key;
      gboolean seen = FALSE;

      if (is_empty (v))
        continue;
      for (guint k = 0; k < n_values; k++)
        seen |= g_str_equal (values[k], v);
      if (!seen)
        values[n_values++] = v;
    }
  if (!is_empty (user->email) && looks_like_email (user->email))
    email = g_utf8_strdown (user->email, -1);
  else if (looks_like_email (user->name))
    email = g_utf8_strdown (user->name, -1);

  if (n_values == 0)
    {
      if (email == NULL)
        return 0;
      return _uc_import_person (ctx, user->display_name, email, error);
    }

  cache_key = g_strjoin ("\037", user->account_id ? user->account_id : "",
                         user->name ? user->name : "", user->key ? user->key : "",
                         email ? email : "", NULL);
  display = !is_empty (user->display_name) ? user->display_name : values[0];
  cached = g_hash_table_lookup (ji->users, cache_key);
  if (cached != NULL)
    {
      /* cached[1]: whether the person already has a real name. */
      if (!cached[1] && !is_empty (user->display_name))
        {
          if (!name_person (store, cached[0], values[0], user->display_name, error))
            return 0;
          cached[1] = TRUE;
        }
      return cached[0];
    }

  /* Who is this? An address already known decides, then any known id. */
  if (email != NULL)
    {
      UcId id;

      if (find_identity (store, "email", email, &id, &person, error) < 0)
        return 0;
    }
  for (guint i = 0; i < n_values; i++)
    {
      UcId id, p;
      int found = find_identity (store, UC_JIRA_TRACKER, values[i], &id, &p, error);

      if (found < 0)
        return 0;
      if (found == 0)
        continue;
      if (i == 0)
        primary = id;
      if (person == 0)
        person = p;
    }

  if (primary == 0)
    {
      primary = uc_store_ensure_identity (store, UC_JIRA_TRACKER, values[0], display, person,
                                          ctx->source_id, error);
      if (primary <= 0)
        return 0;
    }
  if (person == 0)
    person = uc_store_identity_person (store, primary);

  for (guint i = 1; i < n_values; i++)
    if (uc_store_ensure_identity (store, UC_JIRA_TRACKER, values[i], display, person,
                                  ctx->source_id, error) <= 0)
      return 0;
  if (email != NULL &&
      uc_store_ensure_identity (store, "email", email, display, person, ctx->source_id, error) <= 0)
    return 0;

  if (is_agent_user (user) && !_uc_import_flag_agent (ctx, primary, error))
    return 0;

  /* Known before only by an id (a comment author), now by name. */
  if (!is_empty (user->display_name) &&
      !name_person (store, primary, values[0], user->display_name, error))
    return 0;

  cached = g_new (gint64, 2);
  cached[0] = primary;
  cached[1] = !is_empty (user->display_name);
  g_hash_table_insert (ji->users, g_steal_pointer (&cache_key), cached);
  return primary;
}

/* ---- items ---- */

/* The stored updated_time of an item: -1 when the item is not there. */
static gint64
stored_updated (UcStore    *store,
                const char *key,
                GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 updated = -1;
  int rc;

  stmt = uc_store_prepare (store, "SELECT IFNULL (updated_time, 0) FROM work_item"
                                  " WHERE tracker = ?1 AND key = ?2", error);
  if (stmt == NULL)
    return -2;
  sqlite3_bind_text (stmt, 1, UC_JIRA_TRACKER, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    updated = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (store, error, "work items");
      return -2;
    }
  return updated;
}

UcId
_uc_jira_store_item (UcJiraImport     *ji,
                     const UcJiraItem *item,
                     gboolean         *newest,
                     GError          **error)
{
  UcImportContext *ctx = ji->ctx;
  g_autofree char *project = _uc_jira_project_of_key (item->key);
  UcWorkItemRow row = { 0 };
  gboolean inserted = FALSE;
  gint64 before;
  UcId id;

  g_return_val_if_fail (project != NULL, 0);

  row.tracker = UC_JIRA_TRACKER;
  row.project = project;
  row.key = item->key;
  row.type = item->type;
  row.status = item->status;
  row.status_category = _uc_jira_category (ji, item->status, item->status_category);
  row.reporter_identity = item->reporter;
  row.assignee_identity = item->assignee;
  row.created_time = item->created;
  row.updated_time = item->updated > 0 ? item->updated : item->created;
  row.resolved_time = item->resolved;
  row.is_decision = item->is_decision;
  row.title_len = item->title_len;
  row.body_len = item->body_len;
  row.story_points = item->story_points;
  row.source_id = ctx->source_id;

  before = stored_updated (ctx->store, item->key, error);
  if (before == -2)
    return 0;
  id = uc_store_add_work_item (ctx->store, &row, &inserted, error);
  if (id <= 0)
    return 0;
  if (inserted)
    ctx->n_new++;
  /* The store's rule: a copy at least as recent replaces the stored one. */
  *newest = before < 0 || row.updated_time >= before;

  _uc_import_note_time (ctx, item->created);
  _uc_import_note_time (ctx, row.updated_time);
  _uc_import_note_time (ctx, item->resolved);
  return id;
}

gboolean
_uc_jira_drop_derived (UcJiraImport  *ji,
                       UcId           item_id,
                       GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = uc_store_prepare (ji->ctx->store,
                           "DELETE FROM status_change WHERE item_id = ?1"
                           " AND ext_id LIKE '" UC_JIRA_DERIVED_PREFIX "%'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  return uc_store_step_done (ji->ctx->store, stmt, error);
}

gboolean
_uc_jira_add_status_change (UcJiraImport  *ji,
                            UcId           item_id,
                            const char    *ext_id,
                            UcId           author,
                            UcTime         time,
                            const char    *from_status,
                            const char    *to_status,
                            GError       **error)
{
  UcStatusChangeRow row = { 0 };

  row.item_id = item_id;
  row.ext_id = ext_id;
  row.author_identity = author;
  row.time = time;
  row.from_status = is_empty (from_status) ? NULL : from_status;
  row.to_status = is_empty (to_status) ? NULL : to_status;
  row.from_category = _uc_jira_category (ji, row.from_status, -1);
  row.to_category = _uc_jira_category (ji, row.to_status, -1);
  row.source_id = ji->ctx->source_id;
  if (uc_store_add_status_change (ji->ctx->store, &row, NULL, error) <= 0)
    return FALSE;
  _uc_import_note_time (ji->ctx, time);
  return TRUE;
}

static gint64
has_real_history (UcJiraImport  *ji,
                  UcId           item_id,
                  GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 found = 0;
  int rc;

  stmt = uc_store_prepare (ji->ctx->store,
                           "SELECT 1 FROM status_change WHERE item_id = ?1"
                           " AND ext_id NOT LIKE '" UC_JIRA_DERIVED_PREFIX "%' LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = 1;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (ji->ctx->store, error, "status changes");
      return -1;
    }
  return found;
}

gboolean
_uc_jira_derive_status (UcJiraImport     *ji,
                        UcId              item_id,
                        const UcJiraItem *item,
                        gboolean          newest,
                        GError          **error)
{
  g_autofree char *ext_id = NULL;
  UcStatusChangeRow row = { 0 };
  gint64 real;
  int category;
  UcTime time = 0;

  if (!newest || is_empty (item->status))
    return TRUE;
  real = has_real_history (ji, item_id, error);
  if (real != 0)
    return real == 1;

  if (!_uc_jira_drop_derived (ji, item_id, error))
    return FALSE;

  category = _uc_jira_category (ji, item->status, item->status_category);
  if (category != UC_STATUS_DOING && category != UC_STATUS_DONE)
    return TRUE;
  if (item->category_changed > 0)
    time = item->category_changed;
  else if (category == UC_STATUS_DONE)
    time = item->resolved > 0 ? item->resolved : item->updated;
  if (time <= 0)
    return TRUE;

  ext_id = g_strconcat (UC_JIRA_DERIVED_PREFIX, item->key, NULL);
  row.item_id = item_id;
  row.ext_id = ext_id;
  row.time = time;
  row.from_status = NULL;
  row.to_status = item->status;
  row.from_category = -1;
  row.to_category = category;
  row.source_id = ji->ctx->source_id;
  return uc_store_add_status_change (ji->ctx->store, &row, NULL, error) > 0;
}

gboolean
_uc_jira_add_comment (UcJiraImport  *ji,
                      UcId           item_id,
                      const char    *ext_id,
                      UcId           author,
                      UcTime         time,
                      const char    *text,
                      gssize         len,
                      gboolean       is_html,
                      GError       **error)
{
  UcCommentRow row = { 0 };
  const char *plain;

  if (text == NULL)
    text = "", len = 0;
  if (len < 0)
    len = (gssize) strlen (text);
  plain = _uc_import_to_utf8 (ji->utf8, text, len);
  if (is_html)
    plain = _uc_jira_html_to_text (ji->text, plain, -1);

  row.ext_id = ext_id;
  row.item_id = item_id;
  row.author_identity = author;
  row.time = time;
  row.body_len = _uc_jira_text_length (ji, plain, -1);
  row.is_objection = uc_text_has_objection (plain, -1, NULL);
  row.source_id = ji->ctx->source_id;
  if (uc_store_add_comment (ji->ctx->store, &row, NULL, error) <= 0)
    return FALSE;
  _uc_import_note_time (ji->ctx, time);
  return TRUE;
}

/* ---- text ---- */

guint
_uc_jira_text_length (UcJiraImport *ji,
                      const char   *text,
                      gssize        len)
{
  const char *valid, *start, *end;

  if (text == NULL)
    return 0;
  if (len < 0)
    len = (gssize) strlen (text);
  /* A private buffer: @text may be ji->utf8 itself. */
  if (!g_utf8_validate (text, len, NULL))
    {
      g_autoptr(GString) buf = g_string_new (NULL);

      valid = _uc_import_to_utf8 (buf, text, len);
      return _uc_jira_text_length (ji, valid, -1);
    }
  start = text;
  end = text + len;
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  /* Valid UTF-8 without NULs: its characters are its bytes that do not
   * continue one (what g_utf8_strlen() counts, in a loop that vectorises). */
  {
    gsize n = 0;

    for (const char *p = start; p < end; p++)
      n += ((guchar) *p & 0xC0) != 0x80;
    return (guint) MIN (n, (gsize) G_MAXUINT);
  }
}

static const struct
{
  const char *name;
  gunichar    c;
} html_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", ' ' }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "copy", 0xA9 }, { "reg", 0xAE }, { "trade", 0x2122 },
};

static const char * const block_tags[] = {
  "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "pre", "blockquote",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dd", "dt", "dl",
};

static gboolean
is_block_tag (const char *tag,
              gsize       len)
{
  gsize n = 0;

  if (len > 0 && (tag[0] == '/'))
    tag++, len--;
  while (n < len && g_ascii_isalnum (tag[n]))
    n++;
  for (guint i = 0; i < G_N_ELEMENTS (block_tags); i++)
    if (strlen (block_tags[i]) == n && g_ascii_strncasecmp (tag, block_tags[i], n) == 0)
      return TRUE;
  return FALSE;
}

/* Decode the entity at @p (just after '&'); returns the bytes used, 0 if
 * it is not one. */
static gsize
decode_entity (const char *p,
               const char *end,
               gunichar   *c)
{
  const char *semi = p;

  while (semi < end && semi - p < 12 && *semi != ';' && *semi != '&' && !g_ascii_isspace (*semi))
    semi++;
  if (semi >= end || *semi != ';' || semi == p)
    return 0;
  if (*p == '#')
    {
      g_autofree char *num = g_strndup (p + 1, (gsize) (semi - p - 1));
      char *num_end = NULL;
      guint64 v;

      if (num[0] == 'x' || num[0] == 'X')
        v = g_ascii_strtoull (num + 1, &num_end, 16);
      else
        v = g_ascii_strtoull (num, &num_end, 10);
      if (num_end == NULL || *num_end != '\0' || num_end == num || v == 0 || v > 0x10FFFF ||
          !g_unichar_validate ((gunichar) v))
        return 0;
      *c = (gunichar) v;
      return (gsize) (semi - p) + 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (html_entities); i++)
    if (strlen (html_entities[i].name) == (gsize) (semi - p) &&
        strncmp (p, html_entities[i].name, (gsize) (semi - p)) == 0)
      {
        *c = html_entities[i].c;
        return (gsize) (semi - p) + 1;
      }
  return 0;
}

const char *
_uc_jira_html_to_text (GString    *out,
                       const char *html,
                       gssize      len)
{
  const char *p, *end;
  gboolean space = FALSE;

  g_string_truncate (out, 0);
  if (html == NULL)
    return out->str;
  if (len < 0)
    len = (gssize) strlen (html);
  p = html;
  end = html + len;
  while (p < end)
    {
      if (*p == '<')
        {
          const char *close = memchr (p, '>', (gsize) (end - p));

          if (close != NULL &&
              (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?'))
            {
              if (is_block_tag (p + 1, (gsize) (close - p - 1)))
                space = TRUE;
              p = close + 1;
              continue;
            }
        }
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          p++;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (*p == '&')
        {
          gunichar c = 0;
          gsize used = decode_entity (p + 1, end, &c);

          if (used > 0)
            {
              if (c == ' ')
                space = TRUE;
              else
                g_string_append_unichar (out, c);
              p += 1 + used;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
  return out->str;
}

static const char * const decision_words[] = {
  "rfc", "rfcs", "adr", "adrs", "design", "designs", "proposal", "proposals",
  "decision", "decisions", "spike", "spikes", "discussion", "discussions",
};

gboolean
_uc_jira_is_decision_word (const char *text)
{
  const char *p = text;

  if (text == NULL)
    return FALSE;
  while (*p != '\0')
    {
      const char *start;
      gsize n;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      n = (gsize) (p - start);
      for (guint i = 0; n > 0 && i < G_N_ELEMENTS (decision_words); i++)
        if (strlen (decision_words[i]) == n && g_ascii_strncasecmp (start, decision_words[i], n) == 0)
          return TRUE;
      /* Skip the rest of a word with non-ASCII letters. */
      while ((guchar) *p >= 0x80)
        p++;
    }
  return FALSE;
}

gboolean
_uc_jira_is_story_points_field (const char *name)
{
  static const char * const names[] = {
    "story points", "story point", "story point estimate", "storypoints",
  };
  g_autofree char *folded = NULL;
  GString *collapsed;
  gboolean space = FALSE;

  if (name == NULL)
    return FALSE;
  folded = g_ascii_strdown (name, -1);
  collapsed = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = collapsed->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_c (collapsed, *p);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (collapsed->str, names[i]))
      {
        g_string_free (collapsed, TRUE);
        return TRUE;
      }
  g_string_free (collapsed, TRUE);
  return FALSE;
}

gboolean
_uc_jira_parse_number (const char *text,
                       double     *value)
{
  char *end = NULL;
  double v;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

char *
_uc_jira_project_of_key (const char *key)
{
  const char *dash, *p;

  if (key == NULL || !g_ascii_isalpha (key[0]))
    return NULL;
  dash = strrchr (key, '-');
  if (dash == NULL || dash == key || dash[1] == '\0')
    return NULL;
  for (p = dash + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;
  if (dash - key > 255 || strlen (dash + 1) > 18)
    return NULL;
  for (p = key; p < dash; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return NULL;
  return g_strndup (key, (gsize) (dash - key));
}

/* ---- dates ---- */

static gboolean
read_int (const char **p,
          int          min_digits,
          int          max_digits,
          int         *value)
{
  int n = 0, v = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    {
      v = v * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min_digits)
    return FALSE;
  *p += n;
  *value = v;
  return TRUE;
}

static void
skip_space (const char **p)
{
  while (g_ascii_isspace (**p))
    (*p)++;
}

static gboolean
make_time (int     year,
           int     month,
           int     day,
           int     hour,
           int     minute,
           double  seconds,
           int     offset_minutes,
           UcTime *time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (year < 1 || year > 9999 || seconds >= 60.0)
    return FALSE;
  dt = g_date_time_new_utc (year, month, day, hour, minute, seconds);
  if (dt == NULL)
    return FALSE;
  *time = g_date_time_to_unix (dt) - (gint64) offset_minutes * 60;
  return TRUE;
}

/* "Z", "+0200", "+02:00", "+02", "GMT", "UTC", "UT"; advances @p. */
static gboolean
read_zone (const char **p,
           int         *offset_minutes)
{
  const char *s = *p;
  int sign, h, m = 0;

  if (*s == 'Z' || *s == 'z')
    {
      *offset_minutes = 0;
      *p = s + 1;
      return TRUE;
    }
  if (g_ascii_strncasecmp (s, "UTC", 3) == 0 || g_ascii_strncasecmp (s, "GMT", 3) == 0)
    {
      *offset_minutes = 0;
      *p = s + 3;
      if (**p != '+' && **p != '-')
        return TRUE;
      s = *p;
    }
  else if (g_ascii_strncasecmp (s, "UT", 2) == 0)
    {
      *offset_minutes = 0;
      *p = s + 2;
      return TRUE;
    }
  if (*s != '+' && *s != '-')
    return FALSE;
  sign = *s == '-' ? -1 : 1;
  s++;
  if (!read_int (&s, 2, 2, &h))
    return FALSE;
  if (*s == ':')
    s++;
  if (g_ascii_isdigit (*s) && !read_int (&s, 2, 2, &m))
    return FALSE;
  if (h > 23 || m > 59)
    return FALSE;
  *offset_minutes = sign * (h * 60 + m);
  *p = s;
  return TRUE;
}

gboolean
_uc_jira_parse_iso_time (const char *text,
                         UcTime     *time)
{
  const char *p = text;
  int year, month, day, hour = 0, minute = 0, second = 0, offset = 0;
  double frac = 0.0;

  if (text == NULL)
    return FALSE;
  skip_space (&p);
  if (!read_int (&p, 4, 4, &year) || *p++ != '-' ||
      !read_int (&p, 2, 2, &month) || *p++ != '-' ||
      !read_int (&p, 2, 2, &day))
    return FALSE;
  if (*p == 'T' || *p == 't' || (*p == ' ' && g_ascii_isdigit (p[1])))
    {
      p++;
      if (!read_int (&p, 2, 2, &hour) || *p++ != ':' || !read_int (&p, 2, 2, &minute))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_int (&p, 2, 2, &second))
            return FALSE;
          if (*p == '.' || *p == ',')
            {
              double scale = 0.1;

              p++;
              if (!g_ascii_isdigit (*p))
                return FALSE;
              while (g_ascii_isdigit (*p))
                {
                  frac += (*p - '0') * scale;
                  scale /= 10;
                  p++;
                }
            }
        }
      if (*p == ' ' && (p[1] == '+' || p[1] == '-' || p[1] == 'Z' || p[1] == 'U' || p[1] == 'G'))
        p++;
      if (*p != '\0' && !g_ascii_isspace (*p) && !read_zone (&p, &offset))
        return FALSE;
    }
  skip_space (&p);
  if (*p != '\0')
    return FALSE;
  /* Fractions of a second are dropped (times are whole seconds). */
  (void) frac;
  return make_time (year, month, day, hour, minute, second, offset, time);
}

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december",
};

/* An English month name or its first three letters; advances @p. */
static gboolean
read_month (const char **p,
            int         *month)
{
  const char *s = *p;
  gsize n = 0;

  while (g_ascii_isalpha (s[n]))
    n++;
  if (n < 3)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if ((n == 3 || n == strlen (month_names[i]) || (i == 8 && n == 4)) &&
        g_ascii_strncasecmp (s, month_names[i], n) == 0)
      {
        *month = (int) i + 1;
        *p = s + n;
        return TRUE;
      }
  return FALSE;
}

static int
full_year (int year,
           int digits)
{
  if (digits > 2)
    return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

gboolean
_uc_jira_parse_rss_time (const char *text,
                         UcTime     *time)
{
  const char *p = text, *year_start;
  int day, month, year, hour, minute, second = 0, offset = 0;

  if (text == NULL)
    return FALSE;
  skip_space (&p);
  /* An optional weekday. */
  if (g_ascii_isalpha (*p))
    {
      while (g_ascii_isalpha (*p))
        p++;
      if (*p == ',')
        p++;
      skip_space (&p);
    }
  if (!read_int (&p, 1, 2, &day))
    return FALSE;
  skip_space (&p);
  if (!read_month (&p, &month))
    return FALSE;
  skip_space (&p);
  year_start = p;
  if (!read_int (&p, 2, 4, &year) || (p - year_start) == 3)
    return FALSE;
  year = full_year (year, (int) (p - year_start));
  skip_space (&p);
  if (!read_int (&p, 1, 2, &hour) || *p++ != ':' || !read_int (&p, 2, 2, &minute))
    return FALSE;
  if (*p == ':')
    {
      p++;
      if (!read_int (&p, 2, 2, &second))
        return FALSE;
    }
  skip_space (&p);
  if (*p != '\0' && !read_zone (&p, &offset))
    return FALSE;
  skip_space (&p);
  if (*p != '\0')
    return FALSE;
  return make_time (year, month, day, hour, minute, second, offset, time);
}

gboolean
_uc_jira_parse_display_time (const char *text,
                             UcTime     *time)
{
  const char *p = text, *year_start;
  int day, month, year, hour = 0, minute = 0, second = 0;

  if (text == NULL)
    return FALSE;
  skip_space (&p);
  if (!read_int (&p, 1, 2, &day) || *p++ != '/' || !read_month (&p, &month) || *p++ != '/')
    return FALSE;
  year_start = p;
  if (!read_int (&p, 2, 4, &year) || (p - year_start) == 3)
    return FALSE;
  year = full_year (year, (int) (p - year_start));
  skip_space (&p);
  if (*p != '\0')
    {
      if (!read_int (&p, 1, 2, &hour) || *p++ != ':' || !read_int (&p, 2, 2, &minute))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_int (&p, 2, 2, &second))
            return FALSE;
        }
      skip_space (&p);
      if ((p[0] == 'A' || p[0] == 'a' || p[0] == 'P' || p[0] == 'p') &&
          (p[1] == 'M' || p[1] == 'm'))
        {
          gboolean pm = p[0] == 'P' || p[0] == 'p';

          if (hour < 1 || hour > 12)
            return FALSE;
          hour = hour % 12 + (pm ? 12 : 0);
          p += 2;
        }
      skip_space (&p);
      if (*p != '\0')
        return FALSE;
    }
  return make_time (year, month, day, hour, minute, second, 0, time);
}

gboolean
_uc_jira_parse_any_time (const char *text,
                         UcTime     *time)
{
  return _uc_jira_parse_iso_time (text, time) ||
         _uc_jira_parse_display_time (text, time) ||
         _uc_jira_parse_rss_time (text, time);
}
