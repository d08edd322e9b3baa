/* uc-roster-import.c: team rosters (format "roster").
 *
 * A CSV file whose header has a "name" column and at least one of team,
 * email, github, gitlab, jira, slack, gerrit, mattermost, role, from/to
 * (valid_from/valid_to). Columns come in any order, header names are
 * matched case-insensitively, other columns are ignored, the delimiter is
 * guessed (',', ';', TAB, '|'). One row per person and team period:
 *
 *   name,team,email,github,gitlab,jira,slack,role,from,to
 *   Ann Lee,Core,ann@acme.example;ann.lee@old.example,annlee,,alee,U024BE7LH,,2024-01-01,2024-06-30
 *   Ann Lee,Platform,ann@acme.example,,,,,,2024-07-01,
 *   Release Bot,Core,,release-bot,,,,agent,,
 *
 * A cell may hold several values separated by ';' (quote the cell when
 * ';' is also the delimiter). What each column means:
 *
 *   name       the person (required on every row); rows with the same name
 *              are the same person. The person is named after it.
 *   email      identities of kind "email" (lower-cased), as every importer
 *              stores addresses: the same address in git, GitHub, Jira or
 *              Slack is the same person. A GitHub no-reply address also
 *              gives the GitHub login.
 *   github     GitHub logins (kind "github"), gitlab: GitLab usernames
 *              (kind "gitlab"), both matched case-insensitively to the
 *              logins other imports stored; gerrit: Gerrit accounts.
 *   jira       Jira user names, keys or accountIds (kind "jira": the Jira
 *              importers store all three for each user), matched exactly.
 *   slack      a Slack user id as in exports ("U024BE7LH", "W…": kind
 *              "slack", matched exactly), or the person's Slack name, with
 *              or without '@', matched case-insensitively to the display
 *              or real name a Slack import stored for an account. A name
 *              no Slack account has yet is kept as the identity
 *              ("slack", "@name"), and the account that a later Slack
 *              import brings with that name joins the person
 *              automatically (uc-identity.h).
 *   mattermost Mattermost user ids (kind "mattermost").
 *   team       the team(s): one person_team row per team and row.
 *   from, to   the membership's validity, ISO dates (2024-07-01) or times;
 *   (valid_from, valid_to)  "to" is the last day of membership (a date
 *              means up to the end of that day, UTC). Empty: since always /
 *              still. A team change is two rows with dates.
 *   role       "agent", "bot", "ai", "automation" or "service account"
 *              flags the person as an agent; any other role ("lead",
 *              "developer"…) marks them human (clearing a bot guess);
 *              empty leaves the flag as it is. Roles are not stored.
 *
 * Who is who: a row's person is the one who already has any of the row's
 * identities (or the roster identity of its name from an earlier roster,
 * kind "roster", or a "name" identity with that name). When the row's
 * identities belong to several people, the roster says they are one: they
 * are merged (recorded, so `undercurrent-cli people undo` can undo it).
 * Two different names claiming the same identity is an error. Identities
 * are only added, never removed: use `people split` for that.
 *
 * Re-importing an updated roster: the new file is a new source. For every
 * person it lists, the team rows of earlier rosters are replaced by this
 * roster's rows, so membership converges on the latest roster; people it
 * does not list keep theirs (a roster per team is fine).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-import-private.h"
#include "uc-csv-reader.h"
#include "uc-csv-mapped-import.h"
#include "uc-identity-private.h"

/* Identity columns, in the order a row's people are looked for. */
static const char *const identity_columns[] = {
  "email", "github", "gitlab", "jira", "slack", "gerrit", "mattermost",
};
#define N_IDENTITY_COLUMNS G_N_ELEMENTS (identity_columns)

static const char *const agent_roles[] = {
  "agent", "bot", "ai", "ai agent", "automation", "service account", "service",
};

typedef struct
{
  int name;
  int team;
  int role;
  int from;
  int to;
  int ids[N_IDENTITY_COLUMNS];
} Columns;

static void
find_columns (UcCsvReader *csv,
              Columns     *col)
{
  col->name = uc_csv_reader_find_column (csv, "name");
  col->team = uc_csv_reader_find_column (csv, "team");
  col->role = uc_csv_reader_find_column (csv, "role");
  col->from = uc_csv_reader_find_column (csv, "from");
  if (col->from < 0)
    col->from = uc_csv_reader_find_column (csv, "valid_from");
  col->to = uc_csv_reader_find_column (csv, "to");
  if (col->to < 0)
    col->to = uc_csv_reader_find_column (csv, "valid_to");
  for (guint i = 0; i < N_IDENTITY_COLUMNS; i++)
    col->ids[i] = uc_csv_reader_find_column (csv, identity_columns[i]);
}

static guint
count_known (const Columns *col)
{
  guint n = 0;

  n += col->team >= 0;
  n += col->role >= 0;
  n += col->from >= 0;
  n += col->to >= 0;
  for (guint i = 0; i < N_IDENTITY_COLUMNS; i++)
    n += col->ids[i] >= 0;
  return n;
}

/* ---- probe ---- */

static double
roster_probe (const UcImportProbe *probe)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(UcCsvReader) csv = NULL;
  Columns col;
  guint known, n_columns;
  gsize len;
  const char *end;

  if (probe->is_dir || probe->head == NULL || probe->head_len == 0)
    return 0.0;
  /* Text, with a header line that fits in what probes see. */
  len = strnlen ((const char *) probe->head, probe->head_len);
  end = memchr (probe->head, '\n', len);
  if (end == NULL && len == probe->head_len && probe->size > (goffset) probe->head_len)
    return 0.0;
  if (end != NULL)
    len = (gsize) (end - (const char *) probe->head);
  if (len == 0 || !g_utf8_validate ((const char *) probe->head, (gssize) len, NULL))
    return 0.0;

  stream = g_memory_input_stream_new_from_data (probe->head, (gssize) len, NULL);
  csv = uc_csv_reader_new (stream, NULL);
  uc_csv_reader_set_delimiter (csv, uc_csv_guess_delimiter ((const char *) probe->head, len));
  if (!uc_csv_reader_read_header (csv, NULL))
    return 0.0;
  find_columns (csv, &col);
  if (col.name < 0)
    return 0.0;
  known = count_known (&col);
  if (known == 0)
    return 0.0;
  n_columns = uc_csv_reader_get_n_columns (csv);
  /* Mostly roster columns: a roster. A wide table that happens to have a
   * name and an e-mail column is less sure. */
  if (known + 1 >= n_columns - n_columns / 3)
    return known >= 2 ? 0.9 : 0.8;
  return 0.55;
}

/* ---- import ---- */

typedef struct
{
  char  *kind;
  char  *value;        /* as stored: lower-cased e-mail, "@name" for a Slack name */
  char  *slack_name;   /* a Slack name to look up, or NULL */
  char  *column;       /* the column it came from */
} RowIdentity;

static void
row_identity_free (gpointer data)
{
  RowIdentity *id = data;

  g_free (id->kind);
  g_free (id->value);
  g_free (id->slack_name);
  g_free (id->column);
  g_free (id);
}

typedef struct
{
  UcImportContext *ctx;             /* borrowed */
  UcCsvReader     *csv;             /* owned */
  Columns          col;
  GHashTable      *owner_name;      /* person id → roster name that claimed it (owned strings) */
  GHashTable      *owner_line;      /* person id → line */
  GString         *utf8;
  char            *where;           /* owned: "line N" */
  guint64          line;
} Roster;

static void
roster_clear (Roster *r)
{
  g_clear_pointer (&r->csv, uc_csv_reader_free);
  g_clear_pointer (&r->owner_name, g_hash_table_unref);
  g_clear_pointer (&r->owner_line, g_hash_table_unref);
  if (r->utf8 != NULL)
    g_string_free (r->utf8, TRUE);
  r->utf8 = NULL;
  g_clear_pointer (&r->where, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Roster, roster_clear)

/* Field @index as trimmed UTF-8 (Latin-1 read as such), newly allocated. */
static char *
cell (Roster *r,
      int     index)
{
  gsize len = 0;
  const char *raw;
  char *text;

  if (index < 0)
    return g_strdup ("");
  raw = uc_csv_reader_get_field (r->csv, index, &len);
  text = g_strdup (_uc_import_to_utf8 (r->utf8, raw, (gssize) len));
  return g_strstrip (text);
}

/* The ';'-separated values of a cell, trimmed, empty ones dropped. */
static GStrv
cell_values (Roster *r,
             int     index)
{
  g_autofree char *text = cell (r, index);
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static gboolean
row_error (Roster      *r,
           const char  *problem,
           GError     **error)
{
  return _uc_import_record_error (r->ctx, r->where, problem, error);
}

static gboolean
is_date_only (const char *text)
{
  return strlen (text) == 10 && g_ascii_isdigit (text[0]) && text[4] == '-' && text[7] == '-';
}

/* A validity bound: 0 when the cell is empty. An end date means the end
 * of that day. */
static gboolean
parse_bound (Roster      *r,
             int          column,
             gboolean     is_end,
             UcTime      *time,
             gboolean    *ok,
             GError     **error)
{
  g_autofree char *text = cell (r, column);
  g_autoptr(GError) local_error = NULL;

  *time = 0;
  *ok = TRUE;
  if (*text == '\0')
    return TRUE;
  if (!uc_csv_parse_time (text, "iso8601", NULL, time, &local_error))
    {
      g_autofree char *problem =
        g_strdup_printf (_("“%s” in the “%s” column is not a date (write it as 2024-07-01)"),
                         text, uc_csv_reader_get_column_name (r->csv, (guint) column));

      *ok = FALSE;
      return row_error (r, problem, error);
    }
  if (is_end && is_date_only (text))
    *time += 24 * 60 * 60;
  return TRUE;
}

static gboolean
looks_like_slack_id (const char *text)
{
  gsize len = strlen (text);

  if (len < 7 || len > 15 || (text[0] != 'U' && text[0] != 'W'))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isupper (text[i]) && !g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* The identities a row lists; FALSE with a problem for a bad value. */
static gboolean
collect_identities (Roster     *r,
                    GPtrArray  *ids,
                    char      **problem)
{
  for (guint c = 0; c < N_IDENTITY_COLUMNS; c++)
    {
      g_auto(GStrv) values = NULL;
      const char *kind = identity_columns[c];

      if (r->col.ids[c] < 0)
        continue;
      values = cell_values (r, r->col.ids[c]);
      for (guint i = 0; values[i] != NULL; i++)
        {
          RowIdentity *id = g_new0 (RowIdentity, 1);
          const char *v = values[i];

          id->column = g_strdup (kind);
          id->kind = g_strdup (kind);
          if (g_str_equal (kind, "email"))
            {
              const char *at = strchr (v, '@');
              g_autofree char *login = NULL;

              if (at == NULL || at == v || at[1] == '\0' || strchr (v, ' ') != NULL)
                {
                  *problem = g_strdup_printf (_("“%s” in the “email” column is not an e-mail address"), v);
                  row_identity_free (id);
                  return FALSE;
                }
              id->value = g_utf8_strdown (v, -1);
              login = uc_identity_github_noreply_login (v);
              if (login != NULL)
                {
                  RowIdentity *gh = g_new0 (RowIdentity, 1);

                  gh->column = g_strdup (kind);
                  gh->kind = g_strdup ("github");
                  gh->value = g_steal_pointer (&login);
                  g_ptr_array_add (ids, id);
                  id = gh;
                }
            }
          else if (g_str_equal (kind, "slack") && !looks_like_slack_id (v))
            {
              const char *name = v[0] == '@' ? v + 1 : v;

              if (*name == '\0')
                {
                  row_identity_free (id);
                  continue;
                }
              id->slack_name = g_strdup (name);
              id->value = g_strconcat ("@", name, NULL);
            }
          else if (_uc_identity_kind_is_login (kind) && v[0] == '@' && v[1] != '\0')
            id->value = g_strdup (v + 1);
          else
            id->value = g_strdup (v);
          g_ptr_array_add (ids, id);
        }
    }
  return TRUE;
}

/* The identity (kind, value) and its person; 0 when unknown, -1 on error.
 * Logins are matched case-insensitively after an exact try. */
static UcId
lookup_identity (UcStore     *store,
                 const char  *kind,
                 const char  *value,
                 UcId        *person,
                 GError     **error)
{
  static const char *const queries[] = {
    "SELECT id, person_id FROM identity WHERE kind = ?1 AND value = ?2",
    "SELECT id, person_id FROM identity WHERE kind = ?1 AND value = ?2 COLLATE NOCASE ORDER BY id",
  };
  guint n_queries = _uc_identity_kind_is_login (kind) ? 2 : 1;

  *person = 0;
  for (guint q = 0; q < n_queries; q++)
    {
      sqlite3_stmt *stmt = uc_store_prepare (store, queries[q], error);
      UcId id = 0;
      int rc;

      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (stmt, 0);
          *person = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          uc_store_set_sql_error (store, error, "identity lookup");
          return -1;
        }
      if (id > 0)
        return id;
    }
  return 0;
}

/* The person of the Slack account called @name (display or real name);
 * 0 when none or several, -1 on error. */
static UcId
lookup_slack_name (UcStore     *store,
                   const char  *name,
                   GError     **error)
{
  sqlite3_stmt *stmt = uc_store_prepare (store,
                                         "SELECT DISTINCT person_id FROM identity WHERE kind = 'slack'"
                                         " AND value NOT LIKE '@%' AND display_name = ?1 COLLATE NOCASE",
                                         error);
  UcId person = 0;
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      person = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (store, error, "identity lookup");
      return -1;
    }
  return n == 1 ? person : 0;
}

static void
add_person (GArray *people,
            UcId    person)
{
  for (guint i = 0; i < people->len; i++)
    if (g_array_index (people, UcId, i) == person)
      return;
  g_array_append_val (people, person);
}

/* Check that no other name of this roster claimed @person. */
static gboolean
check_owner (Roster      *r,
             UcId         person,
             const char  *name,
             const char  *what,
             gboolean    *ok,
             GError     **error)
{
  const char *owner = g_hash_table_lookup (r->owner_name, &person);

  *ok = TRUE;
  if (owner == NULL || g_str_equal (owner, name))
    return TRUE;
  {
    guint64 line = *(guint64 *) g_hash_table_lookup (r->owner_line, &person);
    g_autofree char *problem =
      g_strdup_printf (_("%s belongs to “%s” (line %" G_GUINT64_FORMAT "), not to “%s”"),
                       what, owner, line, name);

    *ok = FALSE;
    return row_error (r, problem, error);
  }
}

static void
claim (Roster     *r,
       UcId        person,
       const char *name)
{
  if (g_hash_table_contains (r->owner_name, &person))
    return;
  g_hash_table_insert (r->owner_name, g_memdup2 (&person, sizeof person), g_strdup (name));
  g_hash_table_insert (r->owner_line, g_memdup2 (&person, sizeof person),
                       g_memdup2 (&r->line, sizeof r->line));
}

static void
forget (Roster *r,
        UcId    person)
{
  g_hash_table_remove (r->owner_name, &person);
  g_hash_table_remove (r->owner_line, &person);
}

static gboolean
exec_bound (UcStore     *store,
            const char  *sql,
            UcId         a,
            UcId         b,
            const char  *text,
            GError     **error)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  if (text != NULL)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  return uc_store_step_done (store, stmt, error);
}

static gboolean
is_agent_role (const char *role)
{
  g_autofree char *lower = g_ascii_strdown (role, -1);

  for (guint i = 0; i < G_N_ELEMENTS (agent_roles); i++)
    if (g_str_equal (lower, agent_roles[i]))
      return TRUE;
  return FALSE;
}

static gboolean
import_row (Roster  *r,
            GError **error)
{
  UcImportContext *ctx = r->ctx;
  UcStore *store = ctx->store;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (row_identity_free);
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (UcId));
  g_autoptr(GArray) found_ids = g_array_new (FALSE, FALSE, sizeof (UcId));
  g_autofree char *name = cell (r, r->col.name);
  g_autofree char *problem = NULL;
  g_autofree char *role = cell (r, r->col.role);
  g_auto(GStrv) teams = NULL;
  UcTime from = 0, to = 0;
  UcId roster_id, roster_person = 0, keep;
  gboolean ok, is_new = FALSE;
  sqlite3 *db = uc_store_get_db (store);
  int changes;

  if (*name == '\0')
    return row_error (r, _("the “name” column is empty"), error);
  /* A bad row is an error, or skipped (ok FALSE) with --skip-bad. */
  if (!parse_bound (r, r->col.from, FALSE, &from, &ok, error))
    return FALSE;
  if (!ok)
    return TRUE;
  if (!parse_bound (r, r->col.to, TRUE, &to, &ok, error))
    return FALSE;
  if (!ok)
    return TRUE;
  if (from > 0 && to > 0 && to <= from)
    return row_error (r, _("the membership ends (“to”) before it starts (“from”)"), error);
  if (!collect_identities (r, ids, &problem))
    return row_error (r, problem, error);

  /* Who is this? Their roster identity, then any of their identities. */
  roster_id = lookup_identity (store, "roster", name, &roster_person, error);
  if (roster_id < 0)
    return FALSE;
  if (roster_person > 0)
    add_person (people, roster_person);
  for (guint i = 0; i < ids->len; i++)
    {
      RowIdentity *id = g_ptr_array_index (ids, i);
      UcId person = 0, found;

      found = lookup_identity (store, id->kind, id->value, &person, error);
      if (found < 0)
        return FALSE;
      if (found == 0 && id->slack_name != NULL)
        {
          person = lookup_slack_name (store, id->slack_name, error);
          if (person < 0)
            return FALSE;
        }
      g_array_append_val (found_ids, found);
      if (person > 0)
        {
          g_autofree char *what = g_strdup_printf ("%s:%s", id->kind, id->value);

          if (!check_owner (r, person, name, what, &ok, error))
            return FALSE;
          if (!ok)
            return TRUE;
          add_person (people, person);
        }
    }
  if (people->len == 0)
    {
      UcId person = 0;
      UcId name_id = lookup_identity (store, "name", name, &person, error);

      if (name_id < 0)
        return FALSE;
      if (person > 0)
        {
          g_autofree char *what = g_strdup_printf ("name:%s", name);

          if (!check_owner (r, person, name, what, &ok, error))
            return FALSE;
          if (!ok)
            return TRUE;
          add_person (people, person);
        }
    }

  /* One person: the first found, or a new one. */
  if (people->len == 0)
    {
      roster_id = uc_store_ensure_identity (store, "roster", name, name, 0, ctx->source_id, error);
      if (roster_id <= 0)
        return FALSE;
      keep = uc_store_identity_person (store, roster_id);
      is_new = TRUE;
    }
  else
    {
      keep = g_array_index (people, UcId, 0);
      for (guint i = 1; i < people->len; i++)
        {
          UcId other = g_array_index (people, UcId, i);
          g_autofree char *reason =
            g_strdup_printf ("roster “%s”, line %" G_GUINT64_FORMAT, ctx->display_name, r->line);

          if (_uc_identity_merge_locked (store, keep, other, reason, error) == 0)
            return FALSE;
          forget (r, other);
        }
      if (roster_id == 0 &&
          uc_store_ensure_identity (store, "roster", name, name, keep, ctx->source_id, error) <= 0)
        return FALSE;
    }
  claim (r, keep, name);

  /* The row's identities, on that person. */
  for (guint i = 0; i < ids->len; i++)
    {
      RowIdentity *id = g_ptr_array_index (ids, i);

      if (g_array_index (found_ids, UcId, i) > 0)
        continue;
      if (id->slack_name != NULL)
        {
          UcId slack_person = lookup_slack_name (store, id->slack_name, error);

          if (slack_person < 0)
            return FALSE;
          if (slack_person > 0)
            continue;
        }
      changes = sqlite3_total_changes (db);
      if (uc_store_ensure_identity (store, id->kind, id->value, name, keep, ctx->source_id, error) <= 0)
        return FALSE;
      is_new |= sqlite3_total_changes (db) != changes;
    }

  /* The roster names the person and says whether they are an agent. */
  if (!exec_bound (store, "UPDATE person SET name = ?3 WHERE id = ?1 AND name <> ?3", keep, 0, name, error))
    return FALSE;
  if (*role != '\0' &&
      !uc_store_set_person_agent (store, keep, is_agent_role (role), error))
    return FALSE;

  /* Teams: this roster replaces the team rows earlier rosters gave them. */
  if (!exec_bound (store,
                   "DELETE FROM person_team WHERE person_id = ?1 AND source_id <> ?2"
                   " AND source_id IN (SELECT id FROM source WHERE kind = 'roster')",
                   keep, ctx->source_id, NULL, error))
    return FALSE;
  teams = cell_values (r, r->col.team);
  for (guint i = 0; teams[i] != NULL; i++)
    {
      UcId team = uc_store_ensure_team (store, teams[i], ctx->source_id, error);

      if (team <= 0)
        return FALSE;
      changes = sqlite3_total_changes (db);
      if (!uc_store_add_person_team (store, keep, team, from, to, ctx->source_id, error))
        return FALSE;
      is_new |= sqlite3_total_changes (db) != changes;
    }

  if (is_new)
    ctx->n_new++;
  return TRUE;
}

static void
propagate_csv_error (UcImportContext  *ctx,
                     GError           *csv_error,
                     GError          **error)
{
  if (csv_error->domain == UC_CSV_ERROR && csv_error->code == UC_CSV_ERROR_IO)
    g_set_error_literal (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO, csv_error->message);
  else if (csv_error->domain == UC_CSV_ERROR)
    g_set_error_literal (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, csv_error->message);
  else if (csv_error->domain == G_IO_ERROR && csv_error->code != G_IO_ERROR_CANCELLED)
    g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                 _("Could not read “%s”: %s"), ctx->display_name, csv_error->message);
  else
    {
      g_propagate_error (error, csv_error);
      return;
    }
  g_error_free (csv_error);
}

static char
guess_delimiter (UcImportContext *ctx)
{
  g_autoptr(GFile) file = g_file_new_for_path (ctx->path);
  g_autoptr(GFileInputStream) input = g_file_read (file, ctx->cancellable, NULL);
  char head[4097];
  gsize n = 0;

  if (input == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (input), head, sizeof head - 1, &n, ctx->cancellable, NULL))
    return ',';
  head[n] = '\0';
  return uc_csv_guess_delimiter (head, n);
}

static gboolean
roster_import (UcImportContext  *ctx,
               GError          **error)
{
  g_auto(Roster) r = { 0 };
  g_autoptr(GError) local_error = NULL;

  r.ctx = ctx;
  r.owner_name = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  r.owner_line = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  r.utf8 = g_string_new (NULL);

  r.csv = uc_csv_reader_new_for_path (ctx->path, ctx->cancellable, &local_error);
  if (r.csv == NULL)
    {
      propagate_csv_error (ctx, g_steal_pointer (&local_error), error);
      return FALSE;
    }
  uc_csv_reader_set_display_name (r.csv, ctx->display_name);
  uc_csv_reader_set_delimiter (r.csv, guess_delimiter (ctx));
  if (!uc_csv_reader_read_header (r.csv, &local_error))
    {
      propagate_csv_error (ctx, g_steal_pointer (&local_error), error);
      return FALSE;
    }
  find_columns (r.csv, &r.col);
  if (r.col.name < 0)
    {
      _uc_import_set_parse_error (ctx, error, _("line 1"),
                                  _("a roster needs a “name” column (and team, email, github, gitlab, jira, slack or role columns)"));
      return FALSE;
    }

  while (uc_csv_reader_next_row (r.csv, &local_error))
    {
      double fraction = ctx->size > 0 ? (double) uc_csv_reader_get_offset (r.csv) / (double) ctx->size : -1.0;

      ctx->n_records++;
      if (!_uc_import_tick (ctx, fraction, error))
        return FALSE;
      r.line = uc_csv_reader_get_line (r.csv);
      g_free (r.where);
      r.where = g_strdup_printf (_("line %" G_GUINT64_FORMAT), r.line);
      if (!import_row (&r, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (local_error != NULL)
    {
      propagate_csv_error (ctx, g_steal_pointer (&local_error), error);
      return FALSE;
    }
  return TRUE;
}

const UcImportFormat _uc_import_format_roster = {
  "roster",
  N_("Team roster (CSV)"),
  UC_IMPORT_INPUT_FILE,
  roster_probe,
  NULL,
  roster_import,
};
