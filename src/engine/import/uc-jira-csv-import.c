/* uc-jira-csv-import.c: Jira's "Export CSV (all fields)" (format "jira-csv").
 *
 * One header row, then one row per issue. Column names repeat where a
 * field has several values ("Labels", "Comment", "Sprint", "Watchers"…).
 * Used columns (matched case-insensitively): "Issue key" (required),
 * "Issue Type", "Status", "Status Category" and "Status Category Changed"
 * (newer Jira Cloud), "Created" (required), "Updated", "Resolved",
 * "Reporter" / "Reporter Id", "Assignee" / "Assignee Id", "Summary",
 * "Description", every "Labels", "Custom field (Story Points)" (or "Story
 * point estimate"), and every "Comment", whose cells read
 * "date;author;body" (the author is a username or accountId).
 *
 * Dates are Jira's display format ("25/Nov/26 9:14 AM", the default) or
 * ISO 8601; the display format carries no time zone (it is the exporting
 * user's), so it is read as UTC. Any other date is an error naming the row
 * and the column.
 *
 * The file is read row by row (uc-csv-reader.h): quoted cells may span
 * lines, a UTF-8 BOM and CRLF line ends are fine, and an unterminated quote
 * is an error naming the line where the cell starts.
 *
 * Like the XML export, the CSV has no changelog: the status history is
 * derived (uc-jira-common.c), at "Status Category Changed" when present.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "uc-csv-reader.h"
#include "uc-jira-private.h"

typedef struct
{
  int     key;
  int     type;
  int     status;
  int     category;
  int     category_changed;
  int     created;
  int     updated;
  int     resolved;
  int     reporter;
  int     reporter_id;
  int     assignee;
  int     assignee_id;
  int     summary;
  int     description;
  GArray *labels;          /* int */
  GArray *comments;        /* int */
  GArray *story_points;    /* int */
} Columns;

typedef struct
{
  UcJiraImport     ji;
  UcImportContext *ctx;        /* borrowed */
  UcCsvReader     *csv;        /* owned */
  Columns          cols;
  GString         *scratch;    /* owned */
} JiraCsv;

static void
columns_clear (Columns *cols)
{
  g_clear_pointer (&cols->labels, g_array_unref);
  g_clear_pointer (&cols->comments, g_array_unref);
  g_clear_pointer (&cols->story_points, g_array_unref);
}

/* "Custom field (Story Points)" → TRUE. */
static gboolean
is_story_points_column (const char *name)
{
  gsize len;

  if (_uc_jira_is_story_points_field (name))
    return TRUE;
  if (g_ascii_strncasecmp (name, "Custom field (", 14) != 0)
    return FALSE;
  len = strlen (name);
  if (len < 16 || name[len - 1] != ')')
    return FALSE;
  {
    g_autofree char *inner = g_strndup (name + 14, len - 15);

    return _uc_jira_is_story_points_field (inner);
  }
}

static void
find_columns (JiraCsv *jc)
{
  UcCsvReader *csv = jc->csv;
  Columns *c = &jc->cols;

  c->key = uc_csv_reader_find_column (csv, "Issue key");
  c->type = uc_csv_reader_find_column (csv, "Issue Type");
  c->status = uc_csv_reader_find_column (csv, "Status");
  c->category = uc_csv_reader_find_column (csv, "Status Category");
  c->category_changed = uc_csv_reader_find_column (csv, "Status Category Changed");
  c->created = uc_csv_reader_find_column (csv, "Created");
  c->updated = uc_csv_reader_find_column (csv, "Updated");
  c->resolved = uc_csv_reader_find_column (csv, "Resolved");
  c->reporter = uc_csv_reader_find_column (csv, "Reporter");
  c->reporter_id = uc_csv_reader_find_column (csv, "Reporter Id");
  c->assignee = uc_csv_reader_find_column (csv, "Assignee");
  c->assignee_id = uc_csv_reader_find_column (csv, "Assignee Id");
  c->summary = uc_csv_reader_find_column (csv, "Summary");
  c->description = uc_csv_reader_find_column (csv, "Description");
  c->labels = uc_csv_reader_find_columns (csv, "Labels");
  c->comments = uc_csv_reader_find_columns (csv, "Comment");
  c->story_points = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < uc_csv_reader_get_n_columns (csv); i++)
    if (is_story_points_column (uc_csv_reader_get_column_name (csv, i)))
      {
        int index = (int) i;

        g_array_append_val (c->story_points, index);
      }
}

/* A cell as valid, trimmed UTF-8 (newly allocated), or NULL when empty. */
static char *
cell (JiraCsv *jc,
      int      column)
{
  gsize len = 0;
  const char *raw = uc_csv_reader_get_field (jc->csv, column, &len);
  const char *utf8 = _uc_import_to_utf8 (jc->scratch, raw, (gssize) len);
  char *value = g_strstrip (g_strdup (utf8));

  if (*value == '\0')
    {
      g_free (value);
      return NULL;
    }
  return value;
}

static char *
cell_where (JiraCsv *jc,
            int      column)
{
  const char *name = uc_csv_reader_get_column_name (jc->csv, (guint) column);

  /* Translators: a line number, a row number (the header is row 1), a column name */
  return g_strdup_printf (_("line %lu (row %lu), column “%s”"),
                          (gulong) uc_csv_reader_get_line (jc->csv),
                          (gulong) uc_csv_reader_get_row (jc->csv), name != NULL ? name : "?");
}

static char *
row_where (JiraCsv *jc)
{
  /* Translators: a line number, a row number (the header is row 1) */
  return g_strdup_printf (_("line %lu (row %lu)"),
                          (gulong) uc_csv_reader_get_line (jc->csv),
                          (gulong) uc_csv_reader_get_row (jc->csv));
}

/* Parse a date cell; FALSE (with *@where set) when it is not a date. An
 * empty cell is 0. */
static gboolean
date_cell (JiraCsv  *jc,
           int       column,
           UcTime   *time,
           char    **problem,
           char    **where)
{
  g_autofree char *value = cell (jc, column);

  *time = 0;
  if (value == NULL)
    return TRUE;
  if (_uc_jira_parse_any_time (value, time))
    return TRUE;
  *where = cell_where (jc, column);
  *problem = g_strdup_printf (_("“%s” is not a date Undercurrent understands (expected Jira's “25/Nov/26 9:14 AM” or ISO 8601 “2026-11-25T09:14:00+01:00”)"),
                              value);
  return FALSE;
}

typedef struct
{
  UcTime time;
  char  *author;
  char  *body;
} CsvComment;

static void
csv_comment_clear (gpointer data)
{
  CsvComment *c = data;

  g_free (c->author);
  g_free (c->body);
}

/* "date;author;body" → @out. */
static char *
parse_comment_cell (const char *value,
                    CsvComment *out)
{
  const char *semi1 = strchr (value, ';');
  const char *semi2 = semi1 != NULL ? strchr (semi1 + 1, ';') : NULL;
  g_autofree char *date = NULL;

  if (semi1 == NULL || semi2 == NULL)
    return g_strdup (_("a comment should read “date;author;text”"));
  date = g_strstrip (g_strndup (value, (gsize) (semi1 - value)));
  if (!_uc_jira_parse_any_time (date, &out->time))
    return g_strdup_printf (_("the comment's date “%s” is not a date Undercurrent understands (expected Jira's “25/Nov/26 9:14 AM” or ISO 8601)"),
                            date);
  out->author = g_strstrip (g_strndup (semi1 + 1, (gsize) (semi2 - semi1 - 1)));
  out->body = g_strdup (semi2 + 1);
  return NULL;
}

static gboolean
user_from (JiraCsv     *jc,
           int          name_col,
           int          id_col,
           UcId        *id,
           GError     **error)
{
  g_autofree char *name = cell (jc, name_col);
  g_autofree char *account = cell (jc, id_col);
  UcJiraUser user = { 0 };

  *id = 0;
  if (name == NULL && account == NULL)
    return TRUE;
  if (account != NULL)
    {
      user.account_id = account;
      user.display_name = name;
    }
  else
    {
      /* Without an id column the cell is the username (Server) or the
       * display name (Cloud): the best id there is. */
      user.name = name;
      user.display_name = name;
    }
  *id = _uc_jira_user (&jc->ji, &user, error);
  return *id != 0 || error == NULL || *error == NULL;
}

static gboolean
import_row (JiraCsv  *jc,
            GError  **error)
{
  UcImportContext *ctx = jc->ctx;
  Columns *c = &jc->cols;
  UcJiraItem item = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *project = NULL;
  g_autofree char *type = NULL;
  g_autofree char *status = NULL;
  g_autofree char *category = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GArray) comments = NULL;
  g_autoptr(GHashTable) comment_ids = NULL;
  gboolean newest = FALSE;
  UcId item_id;

  item.status_category = -1;
  item.story_points = NAN;

  key = cell (jc, c->key);
  if (key == NULL)
    {
      where = row_where (jc);
      return _uc_import_record_error (ctx, where, _("the “Issue key” cell is empty"), error);
    }
  project = _uc_jira_project_of_key (key);
  if (project == NULL)
    {
      where = cell_where (jc, c->key);
      problem = g_strdup_printf (_("“%s” is not an issue key (PROJECT-123)"), key);
      return _uc_import_record_error (ctx, where, problem, error);
    }

  if (!date_cell (jc, c->created, &item.created, &problem, &where) ||
      !date_cell (jc, c->updated, &item.updated, &problem, &where) ||
      !date_cell (jc, c->resolved, &item.resolved, &problem, &where) ||
      !date_cell (jc, c->category_changed, &item.category_changed, &problem, &where))
    return _uc_import_record_error (ctx, where, problem, error);
  if (item.created == 0)
    {
      where = cell_where (jc, c->created);
      return _uc_import_record_error (ctx, where, _("the creation date is missing"), error);
    }

  for (guint i = 0; i < c->story_points->len; i++)
    {
      int col = g_array_index (c->story_points, int, i);
      g_autofree char *value = cell (jc, col);

      if (value == NULL)
        continue;
      if (!_uc_jira_parse_number (value, &item.story_points))
        {
          where = cell_where (jc, col);
          problem = g_strdup_printf (_("“%s” is not a number"), value);
          return _uc_import_record_error (ctx, where, problem, error);
        }
      break;
    }

  comments = g_array_new (FALSE, TRUE, sizeof (CsvComment));
  g_array_set_clear_func (comments, csv_comment_clear);
  for (guint i = 0; i < c->comments->len; i++)
    {
      int col = g_array_index (c->comments, int, i);
      gsize len = 0;
      const char *raw = uc_csv_reader_get_field (jc->csv, col, &len);
      const char *value = _uc_import_to_utf8 (jc->scratch, raw, (gssize) len);
      CsvComment comment = { 0 };

      while (g_ascii_isspace (*value))
        value++;
      if (*value == '\0')
        continue;
      problem = parse_comment_cell (value, &comment);
      if (problem != NULL)
        {
          csv_comment_clear (&comment);
          where = cell_where (jc, col);
          return _uc_import_record_error (ctx, where, problem, error);
        }
      g_array_append_val (comments, comment);
    }

  type = cell (jc, c->type);
  status = cell (jc, c->status);
  category = cell (jc, c->category);
  summary = cell (jc, c->summary);
  description = cell (jc, c->description);

  item.key = key;
  item.type = type;
  item.status = status;
  if (category != NULL)
    item.status_category = uc_status_category_from_string (category);
  item.title_len = _uc_jira_text_length (&jc->ji, summary, -1);
  item.body_len = _uc_jira_text_length (&jc->ji, description, -1);
  item.is_decision = _uc_jira_is_decision_word (type);
  for (guint i = 0; i < c->labels->len && !item.is_decision; i++)
    {
      g_autofree char *label = cell (jc, g_array_index (c->labels, int, i));

      item.is_decision = _uc_jira_is_decision_word (label);
    }

  if (!user_from (jc, c->reporter, c->reporter_id, &item.reporter, error) ||
      !user_from (jc, c->assignee, c->assignee_id, &item.assignee, error))
    return FALSE;

  item_id = _uc_jira_store_item (&jc->ji, &item, &newest, error);
  if (item_id <= 0)
    return FALSE;
  if (!_uc_jira_derive_status (&jc->ji, item_id, &item, newest, error))
    return FALSE;

  /* Comments have no id in the CSV: the issue, the time and the author
   * name them (a repeat in the same minute gets a counter). */
  comment_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < comments->len; i++)
    {
      CsvComment *cm = &g_array_index (comments, CsvComment, i);
      UcJiraUser user = { 0 };
      g_autofree char *ext_id = NULL;
      UcId author = 0;

      ext_id = g_strdup_printf ("jira:%s:csv-comment:%" G_GINT64_FORMAT ":%s", key, cm->time, cm->author);
      for (guint n = 2; g_hash_table_contains (comment_ids, ext_id); n++)
        {
          g_free (ext_id);
          ext_id = g_strdup_printf ("jira:%s:csv-comment:%" G_GINT64_FORMAT ":%s#%u", key, cm->time,
                                    cm->author, n);
        }
      g_hash_table_add (comment_ids, g_strdup (ext_id));

      if (*cm->author != '\0')
        {
          user.name = cm->author;
          author = _uc_jira_user (&jc->ji, &user, error);
          if (author == 0 && error != NULL && *error != NULL)
            return FALSE;
        }
      if (!_uc_jira_add_comment (&jc->ji, item_id, ext_id, author, cm->time, cm->body, -1, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/* A reader error as an import error: the same message (it names the file
 * and the line). */
static gboolean
csv_failed (JiraCsv  *jc,
            GError   *csv_error,
            GError  **error)
{
  if (csv_error->domain != UC_CSV_ERROR)
    {
      g_propagate_error (error, g_error_copy (csv_error));
      return FALSE;
    }
  if (csv_error->code == UC_CSV_ERROR_IO)
    {
      g_set_error_literal (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO, csv_error->message);
      return FALSE;
    }
  if ((jc->ctx->flags & UC_IMPORT_FLAGS_SKIP_BAD) != 0)
    {
      /* Nothing after a broken quote can be trusted: keep what came before. */
      g_ptr_array_add (jc->ctx->warnings,
                       g_strdup_printf (_("%s; the rest of the file was skipped"), csv_error->message));
      return TRUE;
    }
  g_set_error_literal (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, csv_error->message);
  return FALSE;
}

static gboolean
jira_csv_import (UcImportContext  *ctx,
                 GError          **error)
{
  JiraCsv jc = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) open_error = NULL;
  gboolean ok = FALSE;
  char head[4096];
  gsize n_head = 0;

  jc.ctx = ctx;
  jc.scratch = g_string_new (NULL);
  if (!_uc_jira_import_init (&jc.ji, ctx, error))
    goto out;

  jc.csv = uc_csv_reader_new_for_path (ctx->path, ctx->cancellable, &open_error);
  if (jc.csv == NULL)
    {
      if (g_error_matches (open_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&open_error));
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not read “%s”: %s"), ctx->display_name, open_error->message);
      goto out;
    }
  uc_csv_reader_set_display_name (jc.csv, ctx->display_name);

  /* Spreadsheets re-save with ';' in some locales. */
  {
    FILE *fp = g_fopen (ctx->path, "rb");

    if (fp != NULL)
      {
        n_head = fread (head, 1, sizeof head, fp);
        fclose (fp);
      }
    uc_csv_reader_set_delimiter (jc.csv, uc_csv_guess_delimiter (head, n_head));
  }

  if (!uc_csv_reader_read_header (jc.csv, &local_error))
    {
      /* Without a header nothing can be read, skip-bad or not. */
      if (local_error->domain == UC_CSV_ERROR && local_error->code != UC_CSV_ERROR_IO)
        g_set_error_literal (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, local_error->message);
      else
        csv_failed (&jc, local_error, error);
      goto out;
    }
  find_columns (&jc);
  if (jc.cols.key < 0)
    {
      _uc_import_set_parse_error (ctx, error, _("line 1"),
                                  _("there is no “Issue key” column: this is not a Jira CSV export"));
      goto out;
    }
  if (jc.cols.created < 0)
    {
      _uc_import_set_parse_error (ctx, error, _("line 1"),
                                  _("there is no “Created” column: export all fields from Jira"));
      goto out;
    }

  while (uc_csv_reader_next_row (jc.csv, &local_error))
    {
      ctx->n_records++;
      if (!_uc_import_tick (ctx, ctx->size > 0 ? (double) uc_csv_reader_get_offset (jc.csv) / (double) ctx->size : -1.0,
                            error))
        goto out;
      if (!import_row (&jc, error))
        goto out;
    }
  if (local_error != NULL && !csv_failed (&jc, local_error, error))
    goto out;

  ok = _uc_jira_import_finish (&jc.ji, error);

out:
  _uc_jira_import_clear (&jc.ji);
  columns_clear (&jc.cols);
  g_clear_pointer (&jc.csv, uc_csv_reader_free);
  g_string_free (jc.scratch, TRUE);
  return ok;
}

static double
jira_csv_probe (const UcImportProbe *probe)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(UcCsvReader) csv = NULL;
  gboolean has_type, has_status, has_summary, has_created;

  if (probe->is_dir || probe->head == NULL || probe->head_len == 0)
    return 0.0;
  /* Cheap rejection before reading a header. */
  if (g_strstr_len ((const char *) probe->head, (gssize) MIN (probe->head_len, 65536), "Issue key") == NULL &&
      g_strstr_len ((const char *) probe->head, (gssize) MIN (probe->head_len, 65536), "issue key") == NULL &&
      g_strstr_len ((const char *) probe->head, (gssize) MIN (probe->head_len, 65536), "Issue Key") == NULL)
    return 0.0;

  stream = g_memory_input_stream_new_from_data (probe->head, (gssize) probe->head_len, NULL);
  csv = uc_csv_reader_new (stream, NULL);
  uc_csv_reader_set_delimiter (csv, uc_csv_guess_delimiter ((const char *) probe->head, probe->head_len));
  uc_csv_reader_set_max_field_size (csv, 65536);
  if (!uc_csv_reader_read_header (csv, NULL))
    return 0.0;
  if (uc_csv_reader_find_column (csv, "Issue key") < 0)
    return 0.0;
  has_type = uc_csv_reader_find_column (csv, "Issue Type") >= 0;
  has_status = uc_csv_reader_find_column (csv, "Status") >= 0;
  has_summary = uc_csv_reader_find_column (csv, "Summary") >= 0;
  has_created = uc_csv_reader_find_column (csv, "Created") >= 0;
  if (has_created && has_status && (has_type || has_summary))
    return 0.95;
  if (has_summary || has_type || has_status)
    return 0.6;
  return 0.3;
}

const UcImportFormat _uc_import_format_jira_csv = {
  "jira-csv",
  N_("Jira CSV export"),
  UC_IMPORT_INPUT_FILE,
  jira_csv_probe,
  NULL,
  jira_csv_import,
};
