/* uc-jira-import.c: Jira issues as JSON (format "jira-json").
 *
 * Accepts, as a file or a folder of files:
 *
 *   - REST search pages, /rest/api/2/search?expand=changelog (or api/3):
 *     {"startAt", "maxResults", "total", "issues": [issue…], "names"…};
 *   - single issues (/rest/api/2/issue/KEY), arrays of issues, and NDJSON
 *     (one issue or envelope per line); arrays of search pages, or pages
 *     as NDJSON, too;
 *   - Perceval / GrimoireLab envelopes, as an array or NDJSON:
 *     {"backend_name": "Jira", "data": issue (+ "comments_data"), …};
 *   - in a folder only: comment pages ({"comments": [...]}, attached to the
 *     folder's issues through each comment's "self" URL) and the field
 *     catalogue (/rest/api/2/field: [{"id", "name"…}]), used to find the
 *     story points field. Files that are not JSON are ignored (with a
 *     warning).
 *
 * Big files are never loaded whole: a small tokenizer splits the document
 * into records (the elements of a top-level array, of a page's "issues"
 * array, or top-level NDJSON values) and each record is parsed on its own
 * with json-glib. A page's other members ("names") are read in a first,
 * cheap pass, so the story points field is known before the issues.
 *
 * Per issue: a work item (key, project = key prefix, issuetype, status
 * and statusCategory, reporter, assignee, created/updated/resolutiondate,
 * summary and description lengths, labels and type → decision item, story
 * points), one status change per changelog item on the "status" field
 * (ext_id "jira:<history id>:<item index>"), and comments (ext_id
 * "jira:comment:<id>") with only their length and objection flag. Without
 * a changelog (pages fetched without expand=changelog) the status history
 * is derived (uc-jira-common.c). Issue keys mentioned in comments are not
 * links: links come from code.
 *
 * An issue with no "fields" but "renderedFields" (seen in GrimoireLab
 * data) is read from those: the rendered dates are in the viewer's time
 * zone, corrected with the envelope's updated_on when there is one, and the
 * status is the last one in its changelog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "uc-jira-private.h"
#include "uc-json-fast.h"

#define CHUNK_SIZE (64 * 1024)
#define MAX_RECORD_SIZE (64 * 1024 * 1024)
#define MAX_DEPTH 256
#define MAX_FIELDS_FILE (32 * 1024 * 1024)
#define MAX_FOLDER_FILES 100000

typedef enum
{
  FILE_NOT_JSON,
  FILE_OTHER_JSON,
  FILE_ISSUES,
  FILE_COMMENTS,
  FILE_FIELDS,
} FileKind;

typedef struct
{
  UcJiraImport      ji;
  UcImportContext  *ctx;           /* borrowed */
  gboolean          is_dir;
  char             *file_label;    /* owned: the file inside a folder, for messages, or NULL */
  GHashTable       *sp_fields;     /* owned: customfield ids holding story points */
  GHashTable       *issue_ids;     /* owned: Jira issue id → key */
  goffset           done_bytes;    /* files finished (folders) */
  goffset           total_bytes;
  goffset           file_offset;   /* in the current file */
  guint64           n_unmatched;   /* comments of issues not in the import (current file) */
  char             *unmatched_id;  /* owned: one of their issue ids */
} JiraJson;

/* ---- the splitter ---- */

typedef enum
{
  K_NONE,
  K_EXPECT_KEY,
  K_IN_KEY,
  K_AFTER_KEY,
  K_EXPECT_VALUE,
  K_IN_VALUE,
  K_AFTER_RECORDS,
} KeyState;

typedef gboolean (*RecordFunc) (JiraJson    *jj,
                                gboolean     is_page,
                                const char  *text,
                                gsize        len,
                                guint64      line,
                                guint64      index,
                                GError     **error);

typedef struct
{
  JiraJson    *jj;
  const char  *records_key;    /* "issues" or "comments" */
  gboolean     keep_records;   /* FALSE: the pre-scan pass */
  RecordFunc   func;

  int          depth;
  char         stack[MAX_DEPTH + 1];
  gboolean     in_string;
  gboolean     escape;
  guint64      line;

  gboolean     top_object;     /* inside a top-level object */
  gboolean     any_value;      /* a top-level value was seen */
  GString     *top;
  guint64      top_line;
  gboolean     has_records;
  KeyState     kstate;
  GString     *key;
  int          rec_base;       /* records are the elements at this depth, 0: none */
  gboolean     in_rec;
  gboolean     rec_scalar;
  gboolean     need_sep;
  GString     *rec;
  guint64      rec_line;
  guint64      rec_index;
  gboolean     stopped;        /* reading ended early, without an error */
} Split;

static char *
file_where (JiraJson *jj,
            guint64   line)
{
  if (jj->file_label != NULL)
    /* Translators: a file inside a folder, then a line number */
    return g_strdup_printf (_("file “%s”, line %lu"), jj->file_label, (gulong) line);
  /* Translators: %lu is a line number */
  return g_strdup_printf (_("line %lu"), (gulong) line);
}

/* A problem with the document's structure: reading this file cannot go
 * on. With UC_IMPORT_FLAGS_SKIP_BAD the rest of the file is skipped with a
 * warning; the pre-scan stops quietly (the import pass reports it). Always
 * returns FALSE; s->stopped tells that no error was set. */
static gboolean
split_error (Split       *s,
             guint64      line,
             const char  *problem,
             GError     **error)
{
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;

  if (!s->keep_records)
    {
      s->stopped = TRUE;
      return FALSE;
    }
  where = file_where (s->jj, line);
  if ((s->jj->ctx->flags & UC_IMPORT_FLAGS_SKIP_BAD) != 0)
    /* Translators: a problem, then what was done about it */
    message = g_strdup_printf (_("%s; the rest of the file was skipped"), problem);
  if (_uc_import_record_error (s->jj->ctx, where, message != NULL ? message : problem, error))
    s->stopped = TRUE;
  return FALSE;
}

static inline void
sink (Split *s,
      char   c)
{
  if (s->in_rec)
    {
      if (s->keep_records)
        g_string_append_c (s->rec, c);
    }
  else if (s->top_object)
    g_string_append_c (s->top, c);
}

/* sink() for a run of bytes inside a string. */
static inline void
sink_run (Split      *s,
          const char *run,
          gsize       len)
{
  if (len == 0)
    return;
  if (s->in_rec)
    {
      if (s->keep_records)
        g_string_append_len (s->rec, run, (gssize) len);
    }
  else if (s->top_object)
    g_string_append_len (s->top, run, (gssize) len);
}

static gboolean
push (Split  *s,
      char    c,
      GError **error)
{
  if (s->depth >= MAX_DEPTH)
    {
      g_autofree char *problem = g_strdup_printf (_("the JSON is nested more than %d levels deep"),
                                                  MAX_DEPTH);

      return split_error (s, s->line, problem, error);
    }
  s->stack[++s->depth] = c;
  return TRUE;
}

static gboolean
pop (Split  *s,
     char    c,
     GError **error)
{
  char open = c == '}' ? '{' : '[';

  if (s->depth <= 0 || s->stack[s->depth] != open)
    {
      g_autofree char *problem = g_strdup_printf (_("invalid JSON: unexpected “%c”"), c);

      return split_error (s, s->line, problem, error);
    }
  s->depth--;
  return TRUE;
}

static gboolean
emit_record (Split   *s,
             GError **error)
{
  s->in_rec = FALSE;
  s->need_sep = TRUE;
  if (!s->keep_records)
    return TRUE;
  return s->func (s->jj, FALSE, s->rec->str, s->rec->len, s->rec_line, s->rec_index, error);
}

static gboolean
end_top_object (Split   *s,
                GError **error)
{
  gboolean is_page = s->has_records;

  s->top_object = FALSE;
  s->kstate = K_NONE;
  /* A page's own members go to the pre-scan; a top-level object that is
   * not a page is a record (NDJSON, a single issue). */
  if (is_page != s->keep_records)
    {
      if (!is_page)
        s->rec_index++;
      return s->func (s->jj, is_page, s->top->str, s->top->len, s->top_line,
                      s->rec_index, error);
    }
  if (!is_page)
    s->rec_index++;
  return TRUE;
}

static gboolean
check_size (Split   *s,
            GError **error)
{
  if ((s->in_rec && s->rec->len > MAX_RECORD_SIZE) || s->top->len > MAX_RECORD_SIZE)
    {
      g_autofree char *size = g_format_size (MAX_RECORD_SIZE);
      g_autofree char *problem = g_strdup_printf (_("a record is larger than %s"), size);

      return split_error (s, s->in_rec ? s->rec_line : s->top_line, problem, error);
    }
  return TRUE;
}

static gboolean
split_byte (Split   *s,
            char     c,
            GError **error)
{
again:
  if (s->in_string)
    {
      sink (s, c);
      if (c == '\n')
        s->line++;
      if (s->escape)
        {
          s->escape = FALSE;
          if (s->kstate == K_IN_KEY && !s->in_rec)
            g_string_append_c (s->key, c);
        }
      else if (c == '\\')
        {
          s->escape = TRUE;
          if (s->kstate == K_IN_KEY && !s->in_rec)
            g_string_append_c (s->key, c);
        }
      else if (c == '"')
        {
          s->in_string = FALSE;
          if (s->kstate == K_IN_KEY && !s->in_rec)
            s->kstate = K_AFTER_KEY;
          else if (s->in_rec && s->rec_scalar)
            return emit_record (s, error);
        }
      else if (s->kstate == K_IN_KEY && !s->in_rec)
        g_string_append_c (s->key, c);
      return TRUE;
    }

  if (c == '\n')
    s->line++;

  /* Directly inside the array of records, between records. */
  if (s->rec_base > 0 && s->depth == s->rec_base && !s->in_rec)
    {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        return TRUE;
      if (c == ',')
        {
          if (!s->need_sep)
            return split_error (s, s->line, _("invalid JSON: unexpected “,”"), error);
          s->need_sep = FALSE;
          return TRUE;
        }
      if (c == ']')
        {
          if (!pop (s, c, error))
            return FALSE;
          s->need_sep = FALSE;
          if (s->rec_base == 2)
            {
              g_string_append_c (s->top, ']');
              s->kstate = K_AFTER_RECORDS;
            }
          s->rec_base = 0;
          return TRUE;
        }
      if (s->need_sep)
        return split_error (s, s->line, _("invalid JSON: a “,” is missing between two records"), error);
      s->in_rec = TRUE;
      s->rec_line = s->line;
      s->rec_index++;
      g_string_truncate (s->rec, 0);
      sink (s, c);
      if (c == '{' || c == '[')
        {
          s->rec_scalar = FALSE;
          return push (s, c, error);
        }
      if (c == '}')
        return split_error (s, s->line, _("invalid JSON: unexpected “}”"), error);
      s->rec_scalar = TRUE;
      if (c == '"')
        s->in_string = TRUE;
      return TRUE;
    }

  if (s->in_rec)
    {
      if (s->rec_scalar)
        {
          if (c == ',' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n')
            {
              if (!emit_record (s, error))
                return FALSE;
              goto again;
            }
          sink (s, c);
          return check_size (s, error);
        }
      sink (s, c);
      if (c == '{' || c == '[')
        return push (s, c, error);
      if (c == '}' || c == ']')
        {
          if (!pop (s, c, error))
            return FALSE;
          if (s->depth == s->rec_base)
            return emit_record (s, error);
          return TRUE;
        }
      if (c == '"')
        s->in_string = TRUE;
      return check_size (s, error);
    }

  if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
    {
      sink (s, c);
      return TRUE;
    }

  if (s->depth == 0)
    {
      if (c == '[')
        {
          s->any_value = TRUE;
          s->rec_base = 1;
          s->need_sep = FALSE;
          return push (s, c, error);
        }
      if (c == '{')
        {
          s->any_value = TRUE;
          s->top_object = TRUE;
          s->has_records = FALSE;
          s->top_line = s->line;
          g_string_truncate (s->top, 0);
          g_string_append_c (s->top, c);
          s->kstate = K_EXPECT_KEY;
          return push (s, c, error);
        }
      return split_error (s, s->line, _("not a JSON object or array of Jira issues"), error);
    }

  if (s->depth == 1 && s->top_object)
    {
      switch (s->kstate)
        {
        case K_EXPECT_KEY:
          if (c == '"')
            {
              sink (s, c);
              s->in_string = TRUE;
              s->kstate = K_IN_KEY;
              g_string_truncate (s->key, 0);
              return TRUE;
            }
          if (c == '}')
            {
              sink (s, c);
              return pop (s, c, error) && end_top_object (s, error);
            }
          return split_error (s, s->line, _("invalid JSON: a member name was expected"), error);

        case K_AFTER_KEY:
          if (c != ':')
            return split_error (s, s->line, _("invalid JSON: “:” was expected"), error);
          sink (s, c);
          s->kstate = K_EXPECT_VALUE;
          return TRUE;

        case K_EXPECT_VALUE:
          if (c == '[' && g_str_equal (s->key->str, s->records_key) && !s->has_records)
            {
              g_string_append_c (s->top, c);
              s->has_records = TRUE;
              s->rec_base = 2;
              s->need_sep = FALSE;
              return push (s, c, error);
            }
          s->kstate = K_IN_VALUE;
          sink (s, c);
          if (c == '{' || c == '[')
            return push (s, c, error);
          if (c == '"')
            s->in_string = TRUE;
          return check_size (s, error);

        case K_IN_VALUE:
        case K_AFTER_RECORDS:
          if (c == ',')
            {
              sink (s, c);
              s->kstate = K_EXPECT_KEY;
              return TRUE;
            }
          if (c == '}')
            {
              sink (s, c);
              return pop (s, c, error) && end_top_object (s, error);
            }
          if (s->kstate == K_AFTER_RECORDS || c == '{' || c == '[' || c == '"' || c == ']')
            return split_error (s, s->line, _("invalid JSON: “,” or “}” was expected"), error);
          sink (s, c);
          return check_size (s, error);

        case K_IN_KEY:
        case K_NONE:
        default:
          g_assert_not_reached ();
        }
    }

  /* Inside a member of the top-level object that holds no records. */
  sink (s, c);
  if (c == '{' || c == '[')
    return push (s, c, error);
  if (c == '}' || c == ']')
    return pop (s, c, error);
  if (c == '"')
    s->in_string = TRUE;
  return check_size (s, error);
}

/* Open @path for reading, skipping a UTF-8 BOM and converting UTF-16.
 * *@base receives the file stream (for the position). */
static GInputStream *
open_json (JiraJson          *jj,
           const char        *path,
           GFileInputStream **base,
           GError           **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 bom[3] = { 0 };
  gsize n_bom = 0;
  const char *from = NULL;
  goffset skip = 0;
  gboolean ok;

  input = g_file_read (file, jj->ctx->cancellable, &local_error);
  ok = input != NULL &&
       g_input_stream_read_all (G_INPUT_STREAM (input), bom, sizeof bom, &n_bom,
                                jj->ctx->cancellable, &local_error);
  if (ok)
    {
      if (n_bom >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        skip = 3;
      else if (n_bom >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
        from = "UTF-16LE", skip = 2;
      else if (n_bom >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
        from = "UTF-16BE", skip = 2;
      ok = g_seekable_seek (G_SEEKABLE (input), skip, G_SEEK_SET, jj->ctx->cancellable,
                            &local_error);
    }
  if (!ok)
    {
      g_autofree char *display = g_filename_display_name (path);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }

  *base = g_object_ref (input);
  if (from != NULL)
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", from, NULL);

      if (converter != NULL)
        {
          g_charset_converter_set_use_fallback (converter, TRUE);
          return g_converter_input_stream_new (G_INPUT_STREAM (input), G_CONVERTER (converter));
        }
    }
  return G_INPUT_STREAM (g_steal_pointer (&input));
}

static double
progress_fraction (JiraJson *jj)
{
  if (jj->total_bytes <= 0)
    return -1.0;
  return (double) (jj->done_bytes + jj->file_offset) / (double) jj->total_bytes;
}

/* Split the file at @path, calling @func for each record (or, when
 * !@keep_records, for each page's own members). */
static gboolean
split_file (JiraJson    *jj,
            const char  *path,
            const char  *records_key,
            gboolean     keep_records,
            RecordFunc   func,
            GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GFileInputStream) base = NULL;
  g_autofree char *buf = NULL;
  Split s = { 0 };
  gboolean ok = TRUE;

  stream = open_json (jj, path, &base, error);
  if (stream == NULL)
    return FALSE;

  s.jj = jj;
  s.records_key = records_key;
  s.keep_records = keep_records;
  s.func = func;
  s.line = 1;
  s.top = g_string_new (NULL);
  s.key = g_string_new (NULL);
  s.rec = g_string_new (NULL);
  buf = g_malloc (CHUNK_SIZE);

  while (ok)
    {
      gssize n = g_input_stream_read (stream, buf, CHUNK_SIZE, jj->ctx->cancellable, error);

      if (n < 0)
        {
          if (error != NULL && *error != NULL &&
              !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_autoptr(GError) io_error = g_steal_pointer (error);
              g_autofree char *display = g_filename_display_name (path);

              g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                           _("Could not read “%s”: %s"), display, io_error->message);
            }
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      for (gssize i = 0; i < n && ok; i++)
        {
          /* Inside a string that is not a member name being read, the bytes
           * before the next quote, backslash or line end only go to the
           * record (or the page): copy them in one go. Most of a record is
           * string contents. */
          if (s.in_string && !s.escape && (s.in_rec || s.kstate != K_IN_KEY))
            {
              gssize j = i;

              while (j < n && buf[j] != '"' && buf[j] != '\\' && buf[j] != '\n')
                j++;
              sink_run (&s, buf + i, (gsize) (j - i));
              if (j == n)
                break;
              i = j;
            }
          ok = split_byte (&s, buf[i], error);
        }
      if (keep_records)
        jj->file_offset = g_seekable_tell (G_SEEKABLE (base));
    }

  if (!ok && s.stopped)
    ok = TRUE;
  else if (ok && (s.depth > 0 || s.in_string))
    {
      g_autofree char *problem = NULL;

      if (s.in_rec)
        problem = g_strdup_printf (_("the file ends in the middle of record %lu, which starts on line %lu (the file is truncated)"),
                                   (gulong) s.rec_index, (gulong) s.rec_line);
      else
        problem = g_strdup (_("the file ends before the JSON document is complete (the file is truncated)"));
      ok = split_error (&s, s.line, problem, error) || s.stopped;
    }
  else if (ok && !s.any_value)
    ok = split_error (&s, s.line, _("there is no JSON in this file"), error) || s.stopped;

  g_string_free (s.top, TRUE);
  g_string_free (s.key, TRUE);
  g_string_free (s.rec, TRUE);
  return ok;
}

/* ---- JSON helpers ---- */

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  if (object == NULL)
    return NULL;
  return json_object_get_member (object, name);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return node_string (member (object, name));
}

/* A string or an integer as a new string; NULL otherwise. */
static char *
member_id (JsonObject *object,
           const char *name)
{
  JsonNode *node = member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      return s != NULL && *s != '\0' ? g_strdup (s) : NULL;
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static gboolean
node_number (JsonNode *node,
             double   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return isfinite (*value);
    case G_TYPE_STRING:
      return _uc_jira_parse_number (json_node_get_string (node), value);
    default:
      return FALSE;
    }
}

/* A member that must be a string when present: NULL and no problem when
 * absent or null; a problem when of another type. */
static const char *
optional_string (JsonObject  *object,
                 const char  *name,
                 const char  *path,
                 char       **problem)
{
  JsonNode *node = member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (node_string (node) == NULL)
    {
      /* Translators: %s is a JSON path like fields.created */
      *problem = g_strdup_printf (_("“%s” should be a string"), path);
      return NULL;
    }
  return json_node_get_string (node);
}

/* The text of an Atlassian Document Format node (API v3 descriptions and
 * comment bodies), appended to @out. */
static void
adf_text (JsonNode *node,
          GString  *out,
          int       depth)
{
  JsonObject *object;
  JsonArray *content;
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || depth > 64)
    return;
  object = json_node_get_object (node);
  text = member_string (object, "text");
  if (text != NULL)
    g_string_append (out, text);
  content = member_array (object, "content");
  if (content != NULL)
    {
      guint n = json_array_get_length (content);

      for (guint i = 0; i < n; i++)
        adf_text (json_array_get_element (content, i), out, depth + 1);
      if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
}

/* A body: a string (wiki markup) or an ADF document; into @out. FALSE when
 * it is of another type. */
static gboolean
body_text (JsonNode *node,
           GString  *out)
{
  g_string_truncate (out, 0);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node_string (node) != NULL)
    {
      g_string_append (out, json_node_get_string (node));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      adf_text (node, out, 0);
      return TRUE;
    }
  return FALSE;
}

static void
read_user (JsonObject *object,
           UcJiraUser *user)
{
  const char *type;

  memset (user, 0, sizeof *user);
  if (object == NULL)
    return;
  user->account_id = member_string (object, "accountId");
  user->name = member_string (object, "name");
  user->key = member_string (object, "key");
  user->email = member_string (object, "emailAddress");
  user->display_name = member_string (object, "displayName");
  type = member_string (object, "accountType");
  user->is_app = type != NULL && g_str_equal (type, "app");
}

/* ---- one issue ---- */

typedef struct
{
  char       *ext_id;
  JsonObject *author;         /* borrowed from the parser */
  UcTime      time;
  const char *from;
  const char *to;
} PendingChange;

typedef struct
{
  char       *ext_id;
  JsonObject *author;
  UcTime      time;
  char       *text;           /* owned: the body, used for its length and flags */
} PendingComment;

typedef struct
{
  UcJiraItem  item;
  char       *key;
  char       *id;
  JsonObject *reporter;
  JsonObject *assignee;
  gboolean    has_changelog;
  GArray     *changes;        /* PendingChange */
  GArray     *comments;       /* PendingComment */
  GHashTable *comment_ids;    /* ext ids seen */
} ParsedIssue;

static void
pending_change_clear (gpointer data)
{
  PendingChange *c = data;

  g_free (c->ext_id);
}

static void
pending_comment_clear (gpointer data)
{
  PendingComment *c = data;

  g_free (c->ext_id);
  g_free (c->text);
}

static void
parsed_issue_init (ParsedIssue *p)
{
  memset (p, 0, sizeof *p);
  p->item.status_category = -1;
  p->item.story_points = NAN;
  p->changes = g_array_new (FALSE, TRUE, sizeof (PendingChange));
  g_array_set_clear_func (p->changes, pending_change_clear);
  p->comments = g_array_new (FALSE, TRUE, sizeof (PendingComment));
  g_array_set_clear_func (p->comments, pending_comment_clear);
  p->comment_ids = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
parsed_issue_clear (ParsedIssue *p)
{
  g_free (p->key);
  g_free (p->id);
  g_clear_pointer (&p->changes, g_array_unref);
  g_clear_pointer (&p->comment_ids, g_hash_table_unref);
  g_clear_pointer (&p->comments, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParsedIssue, parsed_issue_clear)

static char *
parse_changelog (JsonObject  *changelog,
                 ParsedIssue *p)
{
  JsonNode *node = member (changelog, "histories");
  JsonArray *histories;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup (_("“changelog.histories” should be an array"));
  histories = json_node_get_array (node);
  n = json_array_get_length (histories);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *hnode = json_array_get_element (histories, i);
      JsonObject *history;
      g_autofree char *id = NULL;
      const char *created;
      JsonArray *items;
      UcTime time;

      if (!JSON_NODE_HOLDS_OBJECT (hnode))
        return g_strdup_printf (_("“changelog.histories[%u]” should be an object"), i);
      history = json_node_get_object (hnode);
      items = member_array (history, "items");
      if (items == NULL)
        continue;
      id = member_id (history, "id");
      if (id == NULL)
        return g_strdup_printf (_("“changelog.histories[%u].id” is missing"), i);
      created = member_string (history, "created");
      if (created == NULL)
        return g_strdup_printf (_("“changelog.histories[%u].created” is missing"), i);
      if (!_uc_jira_parse_iso_time (created, &time))
        return g_strdup_printf (_("“changelog.histories[%u].created” is not a date: “%s”"), i, created);

      for (guint k = 0; k < json_array_get_length (items); k++)
        {
          JsonNode *inode = json_array_get_element (items, k);
          JsonObject *item;
          const char *field, *field_id;
          PendingChange change = { 0 };

          if (!JSON_NODE_HOLDS_OBJECT (inode))
            continue;
          item = json_node_get_object (inode);
          field = member_string (item, "field");
          field_id = member_string (item, "fieldId");
          if (g_strcmp0 (field_id, "status") != 0 &&
              (field == NULL || g_ascii_strcasecmp (field, "status") != 0))
            continue;
          change.ext_id = g_strdup_printf ("jira:%s:%u", id, k);
          change.author = member_object (history, "author");
          change.time = time;
          change.from = member_string (item, "fromString");
          change.to = member_string (item, "toString");
          g_array_append_val (p->changes, change);
        }
    }
  return NULL;
}

static char *
parse_comment (JsonObject     *comment,
               const char     *path,
               PendingComment *out)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *id = member_id (comment, "id");
  const char *created = member_string (comment, "created");

  memset (out, 0, sizeof *out);
  if (id == NULL)
    return g_strdup_printf (_("“%s.id” is missing"), path);
  if (created == NULL)
    return g_strdup_printf (_("“%s.created” is missing"), path);
  if (!_uc_jira_parse_iso_time (created, &out->time))
    return g_strdup_printf (_("“%s.created” is not a date: “%s”"), path, created);
  if (!body_text (member (comment, "body"), text))
    return g_strdup_printf (_("“%s.body” should be a string"), path);
  out->ext_id = g_strconcat ("jira:comment:", id, NULL);
  out->author = member_object (comment, "author");
  out->text = g_string_free (g_steal_pointer (&text), FALSE);
  return NULL;
}

static char *
add_comments (JsonArray   *comments,
              const char  *path,
              ParsedIssue *p)
{
  guint n = json_array_get_length (comments);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (comments, i);
      g_autofree char *cpath = g_strdup_printf ("%s[%u]", path, i);
      PendingComment comment;
      char *problem;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return g_strdup_printf (_("“%s” should be an object"), cpath);
      problem = parse_comment (json_node_get_object (node), cpath, &comment);
      if (problem != NULL)
        return problem;
      if (g_hash_table_contains (p->comment_ids, comment.ext_id))
        {
          pending_comment_clear (&comment);
          continue;
        }
      g_array_append_val (p->comments, comment);
      g_hash_table_add (p->comment_ids,
                        g_array_index (p->comments, PendingComment, p->comments->len - 1).ext_id);
    }
  return NULL;
}

/* Story points: a field known from the catalogue or the page's "names",
 * or a GrimoireLab field object {"id", "name", "value"}. */
static void
find_story_points (JiraJson    *jj,
                   JsonObject  *fields,
                   ParsedIssue *p)
{
  g_autoptr(GList) names = json_object_get_members (fields);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node;
      double value;

      if (!g_str_has_prefix (name, "customfield_"))
        continue;
      node = json_object_get_member (fields, name);
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          if (_uc_jira_is_story_points_field (member_string (object, "name")) &&
              node_number (member (object, "value"), &value))
            {
              p->item.story_points = value;
              return;
            }
          continue;
        }
      if (g_hash_table_contains (jj->sp_fields, name) && node_number (node, &value))
        {
          p->item.story_points = value;
          return;
        }
    }
}

/* An issue without "fields": read what renderedFields and the changelog
 * tell. @updated_on: the envelope's epoch time, or NAN. */
static char *
parse_rendered (JsonObject  *rendered,
                double       updated_on,
                ParsedIssue *p)
{
  const char *created = member_string (rendered, "created");
  const char *updated = member_string (rendered, "updated");
  UcTime created_local, updated_local = 0, last = 0;
  gint64 offset = 0;

  if (created == NULL)
    return g_strdup (_("the issue has no “fields” (and no “renderedFields.created”)"));
  if (!_uc_jira_parse_display_time (created, &created_local) &&
      !_uc_jira_parse_iso_time (created, &created_local))
    return g_strdup_printf (_("“renderedFields.created” is not a date: “%s”"), created);
  if (updated != NULL &&
      !_uc_jira_parse_display_time (updated, &updated_local) &&
      !_uc_jira_parse_iso_time (updated, &updated_local))
    updated_local = 0;

  /* Rendered dates are in the viewer's zone: the envelope's exact time of
   * the same update gives the offset (to the quarter hour). */
  if (isfinite (updated_on) && updated_local > 0)
    {
      gint64 diff = updated_local - (gint64) updated_on;
      gint64 quarter = 15 * 60;

      offset = (diff >= 0 ? diff + quarter / 2 : diff - quarter / 2) / quarter * quarter;
      if (offset > 14 * 3600 || offset < -14 * 3600)
        offset = 0;
    }
  p->item.created = created_local - offset;
  if (isfinite (updated_on))
    p->item.updated = (UcTime) updated_on;
  else if (updated_local > 0)
    p->item.updated = updated_local - offset;

  /* The status: the last one the changelog moved to. */
  for (guint i = 0; i < p->changes->len; i++)
    {
      PendingChange *c = &g_array_index (p->changes, PendingChange, i);

      if (c->time >= last && c->to != NULL)
        {
          last = c->time;
          p->item.status = c->to;
        }
    }
  return NULL;
}

static char *
parse_issue (JiraJson    *jj,
             JsonObject  *issue,
             JsonObject  *envelope_data,
             double       updated_on,
             ParsedIssue *p)
{
  JsonNode *fields_node = member (issue, "fields");
  JsonObject *fields = NULL, *status, *type;
  JsonNode *node;
  const char *key, *created, *updated, *resolved, *summary;
  g_autoptr(GString) text = g_string_new (NULL);
  char *problem = NULL;
  JsonArray *labels;

  node = member (issue, "key");
  if (node == NULL)
    return g_strdup (_("the issue has no “key”"));
  key = node_string (node);
  if (key == NULL)
    return g_strdup (_("“key” should be a string"));
  p->key = g_strdup (key);
  p->item.key = p->key;
  {
    g_autofree char *project = _uc_jira_project_of_key (key);

    if (project == NULL)
      return g_strdup_printf (_("“%s” is not an issue key (PROJECT-123)"), key);
  }
  p->id = member_id (issue, "id");

  /* The history first: an issue without fields takes its status from it. */
  node = member (issue, "changelog");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return g_strdup (_("“changelog” should be an object"));
      p->has_changelog = TRUE;
      problem = parse_changelog (json_node_get_object (node), p);
      if (problem != NULL)
        return problem;
    }

  if (fields_node != NULL && !JSON_NODE_HOLDS_NULL (fields_node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (fields_node))
        return g_strdup (_("“fields” should be an object"));
      fields = json_node_get_object (fields_node);
    }
  else
    {
      JsonObject *rendered = member_object (issue, "renderedFields");

      if (rendered == NULL)
        return g_strdup (_("the issue has no “fields”"));
      problem = parse_rendered (rendered, updated_on, p);
      if (problem != NULL)
        return problem;
    }

  if (fields != NULL)
    {
      node = member (fields, "created");
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        return g_strdup (_("“fields.created” is missing"));
      created = node_string (node);
      if (created == NULL)
        return g_strdup (_("“fields.created” should be a date string"));
      if (!_uc_jira_parse_iso_time (created, &p->item.created))
        return g_strdup_printf (_("“fields.created” is not a date: “%s”"), created);

      updated = optional_string (fields, "updated", "fields.updated", &problem);
      if (problem != NULL)
        return problem;
      if (updated != NULL && !_uc_jira_parse_iso_time (updated, &p->item.updated))
        return g_strdup_printf (_("“fields.updated” is not a date: “%s”"), updated);
      if (updated == NULL && isfinite (updated_on))
        p->item.updated = (UcTime) updated_on;

      resolved = optional_string (fields, "resolutiondate", "fields.resolutiondate", &problem);
      if (problem != NULL)
        return problem;
      if (resolved != NULL && !_uc_jira_parse_iso_time (resolved, &p->item.resolved))
        return g_strdup_printf (_("“fields.resolutiondate” is not a date: “%s”"), resolved);

      type = member_object (fields, "issuetype");
      p->item.type = member_string (type, "name");
      status = member_object (fields, "status");
      p->item.status = member_string (status, "name");
      p->item.status_category =
        uc_status_category_from_jira (member_string (member_object (status, "statusCategory"), "key"));
      p->reporter = member_object (fields, "reporter");
      p->assignee = member_object (fields, "assignee");

      summary = optional_string (fields, "summary", "fields.summary", &problem);
      if (problem != NULL)
        return problem;
      p->item.title_len = _uc_jira_text_length (&jj->ji, summary, -1);
      if (!body_text (member (fields, "description"), text))
        return g_strdup (_("“fields.description” should be a string"));
      p->item.body_len = _uc_jira_text_length (&jj->ji, text->str, (gssize) text->len);

      p->item.is_decision = _uc_jira_is_decision_word (p->item.type);
      labels = member_array (fields, "labels");
      for (guint i = 0; labels != NULL && i < json_array_get_length (labels); i++)
        if (_uc_jira_is_decision_word (node_string (json_array_get_element (labels, i))))
          p->item.is_decision = TRUE;

      find_story_points (jj, fields, p);

      node = member (fields, "comment");
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonNode *list = member (json_node_get_object (node), "comments");

          if (list != NULL && !JSON_NODE_HOLDS_NULL (list))
            {
              if (!JSON_NODE_HOLDS_ARRAY (list))
                return g_strdup (_("“fields.comment.comments” should be an array"));
              problem = add_comments (json_node_get_array (list), "fields.comment.comments", p);
              if (problem != NULL)
                return problem;
            }
        }
    }

  node = member (envelope_data, "comments_data");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return g_strdup (_("“comments_data” should be an array"));
      problem = add_comments (json_node_get_array (node), "comments_data", p);
      if (problem != NULL)
        return problem;
    }
  return NULL;
}

static gboolean
store_issue (JiraJson     *jj,
             ParsedIssue  *p,
             GError      **error)
{
  UcJiraImport *ji = &jj->ji;
  UcJiraUser user;
  gboolean newest = FALSE;
  UcId item_id;

  read_user (p->reporter, &user);
  p->item.reporter = _uc_jira_user (ji, &user, error);
  if (p->item.reporter == 0 && error != NULL && *error != NULL)
    return FALSE;
  read_user (p->assignee, &user);
  p->item.assignee = _uc_jira_user (ji, &user, error);
  if (p->item.assignee == 0 && error != NULL && *error != NULL)
    return FALSE;

  item_id = _uc_jira_store_item (ji, &p->item, &newest, error);
  if (item_id <= 0)
    return FALSE;
  /* Only a folder's comment pages look issues up by id: a single file
   * need not keep them all (its memory stays flat). */
  if (p->id != NULL && jj->is_dir)
    g_hash_table_replace (jj->issue_ids, g_strdup (p->id), g_strdup (p->key));

  if (p->has_changelog && !_uc_jira_drop_derived (ji, item_id, error))
    return FALSE;
  for (guint i = 0; i < p->changes->len; i++)
    {
      PendingChange *c = &g_array_index (p->changes, PendingChange, i);
      UcId author;

      read_user (c->author, &user);
      author = _uc_jira_user (ji, &user, error);
      if (author == 0 && error != NULL && *error != NULL)
        return FALSE;
      if (!_uc_jira_add_status_change (ji, item_id, c->ext_id, author, c->time, c->from, c->to, error))
        return FALSE;
    }
  if (!p->has_changelog && !_uc_jira_derive_status (ji, item_id, &p->item, newest, error))
    return FALSE;

  for (guint i = 0; i < p->comments->len; i++)
    {
      PendingComment *c = &g_array_index (p->comments, PendingComment, i);
      UcId author;

      read_user (c->author, &user);
      author = _uc_jira_user (ji, &user, error);
      if (author == 0 && error != NULL && *error != NULL)
        return FALSE;
      if (!_uc_jira_add_comment (ji, item_id, c->ext_id, author, c->time, c->text, -1, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- records ---- */

static char *
record_where (JiraJson   *jj,
              guint64     line,
              const char *key)
{
  g_autofree char *where = file_where (jj, line);

  if (key != NULL)
    /* Translators: a place in a file ("line 12"), then an issue key */
    return g_strdup_printf (_("%s (issue %s)"), where, key);
  return g_steal_pointer (&where);
}

/* Parse @text into @parser; a problem (newly allocated) on failure, with
 * positions translated to the file's lines. */
static char *
parse_json (JsonParser *parser,
            const char *text,
            gsize       len,
            guint64     line)
{
  g_autoptr(GError) local_error = NULL;
  const char *bad;

  if (!g_utf8_validate (text, (gssize) len, &bad))
    {
      guint64 bad_line = line;

      for (const char *p = text; p < bad; p++)
        if (*p == '\n')
          bad_line++;
      return g_strdup_printf (_("invalid UTF-8 on line %lu"), (gulong) bad_line);
    }
  if (!json_parser_load_from_data (parser, text, (gssize) len, &local_error))
    {
      const char *msg = local_error->message;
      unsigned long l = 0, c = 0;

      /* json-glib says "<data>:LINE:COL: Parse error: …". */
      if (g_str_has_prefix (msg, "<data>:") &&
          sscanf (msg + 7, "%lu:%lu", &l, &c) == 2)
        {
          const char *rest = strstr (msg + 7, ": ");

          return g_strdup_printf (_("invalid JSON on line %lu: %s"), (gulong) (line + l - 1),
                                  rest != NULL ? rest + 2 : msg);
        }
      return g_strdup_printf (_("invalid JSON: %s"), msg);
    }
  return NULL;
}

/* parse_json() for records: *@root is the new tree (may be NULL), plain
 * JSON parsed quickly and the rest by json-glib. */
static char *
parse_record (const char  *text,
              gsize        len,
              guint64      line,
              JsonNode   **root)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *bad;
  char *problem;

  *root = NULL;
  if (g_utf8_validate (text, (gssize) len, &bad))
    {
      *root = _uc_json_fast_parse (text, len);
      if (*root != NULL)
        return NULL;
    }
  parser = json_parser_new_immutable ();
  problem = parse_json (parser, text, len, line);
  if (problem == NULL)
    *root = json_parser_steal_root (parser);
  return problem;
}

/* One issue or Perceval envelope: parse, check, store. */
static gboolean
import_issue_node (JiraJson    *jj,
                   JsonNode    *root,
                   guint64      line,
                   guint64      index,
                   GError     **error)
{
  UcImportContext *ctx = jj->ctx;
  g_auto(ParsedIssue) p = { 0 };
  g_autofree char *problem = NULL;
  g_autofree char *where = NULL;
  JsonObject *object, *issue, *data = NULL;
  double updated_on = NAN;

  ctx->n_records++;
  if (!_uc_import_tick (ctx, progress_fraction (jj), error))
    return FALSE;

  parsed_issue_init (&p);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      problem = g_strdup_printf (_("record %lu is not a JSON object"), (gulong) index);
      goto bad;
    }
  object = json_node_get_object (root);
  issue = object;

  if (json_object_has_member (object, "backend_name"))
    {
      const char *backend = member_string (object, "backend_name");
      const char *category = member_string (object, "category");
      JsonNode *node;

      if (backend == NULL || g_ascii_strcasecmp (backend, "jira") != 0)
        {
          problem = g_strdup_printf (_("a Perceval item of the “%s” backend, not Jira"),
                                     backend != NULL ? backend : "?");
          goto bad;
        }
      if (category != NULL && g_strcmp0 (category, "issue") != 0)
        {
          problem = g_strdup_printf (_("a Perceval item of category “%s”, not an issue"), category);
          goto bad;
        }
      data = member_object (object, "data");
      if (data == NULL)
        {
          problem = g_strdup (_("the Perceval item has no “data” object"));
          goto bad;
        }
      issue = data;
      node = member (object, "updated_on");
      if (node != NULL && !node_number (node, &updated_on))
        updated_on = NAN;
    }

  problem = parse_issue (jj, issue, data, updated_on, &p);
  if (problem != NULL)
    goto bad;
  return store_issue (jj, &p, error);

bad:
  where = record_where (jj, line, p.key);
  return _uc_import_record_error (ctx, where, problem, error);
}

/* Story points fields named in a page's "names". */
static void
add_page_names (JiraJson   *jj,
                JsonObject *page)
{
  JsonObject *names = member_object (page, "names");
  g_autoptr(GList) members = NULL;

  if (names == NULL)
    return;
  members = json_object_get_members (names);
  for (GList *l = members; l != NULL; l = l->next)
    if (_uc_jira_is_story_points_field (member_string (names, l->data)))
      g_hash_table_add (jj->sp_fields, g_strdup (l->data));
}

/* A record of an issues file: an issue, a Perceval envelope, or a whole
 * search page (files that hold an array of pages, or pages as NDJSON). */
static gboolean
handle_issue_record (JiraJson    *jj,
                     gboolean     is_page,
                     const char  *text,
                     gsize        len,
                     guint64      line,
                     guint64      index,
                     GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *problem = NULL;
  JsonObject *object;
  JsonArray *issues;

  if (is_page)
    return TRUE;

  problem = parse_record (text, len, line, &root);
  if (problem != NULL)
    {
      g_autofree char *where = record_where (jj, line, NULL);

      jj->ctx->n_records++;
      return _uc_import_record_error (jj->ctx, where, problem, error);
    }
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  issues = member_array (object, "issues");
  if (issues == NULL || json_object_has_member (object, "key") ||
      json_object_has_member (object, "backend_name"))
    return import_issue_node (jj, root, line, index, error);

  add_page_names (jj, object);
  for (guint i = 0; i < json_array_get_length (issues); i++)
    if (!import_issue_node (jj, json_array_get_element (issues, i), line, i + 1, error))
      return FALSE;
  return TRUE;
}

/* The pre-scan: a page's "names" ({"customfield_10002": "Story Points"}). */
static gboolean
handle_page_names (JiraJson    *jj,
                   gboolean     is_page,
                   const char  *text,
                   gsize        len,
                   guint64      line,
                   guint64      index,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *problem = NULL;
  JsonNode *root;

  if (!is_page)
    return TRUE;
  parser = json_parser_new_immutable ();
  problem = parse_json (parser, text, len, line);
  if (problem != NULL)
    {
      g_autofree char *where = file_where (jj, line);

      return _uc_import_record_error (jj->ctx, where, problem, error);
    }
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    add_page_names (jj, json_node_get_object (root));
  return TRUE;
}

/* The Jira issue id in a comment's self URL (…/issue/10018/comment/10020). */
static char *
issue_id_of_url (const char *url)
{
  const char *p, *end;

  if (url == NULL)
    return NULL;
  p = strstr (url, "/issue/");
  if (p == NULL)
    return NULL;
  p += strlen ("/issue/");
  for (end = p; g_ascii_isalnum (*end) || *end == '-'; end++)
    ;
  if (end == p || *end != '/')
    return NULL;
  return g_strndup (p, (gsize) (end - p));
}

static gboolean
handle_comment_record (JiraJson    *jj,
                       gboolean     is_page,
                       const char  *text,
                       gsize        len,
                       guint64      line,
                       guint64      index,
                       GError     **error)
{
  UcImportContext *ctx = jj->ctx;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *issue_id = NULL;
  g_autofree char *path = NULL;
  PendingComment comment = { 0 };
  JsonObject *object = NULL;
  const char *key;
  UcJiraUser user;
  UcId item_id, author;
  gboolean ok;

  if (is_page)
    return TRUE;
  ctx->n_records++;
  if (!_uc_import_tick (ctx, progress_fraction (jj), error))
    return FALSE;

  problem = parse_record (text, len, line, &root);
  if (problem == NULL)
    {
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        problem = g_strdup_printf (_("comment %lu is not a JSON object"), (gulong) index);
    }
  if (problem == NULL)
    {
      object = json_node_get_object (root);
      path = g_strdup_printf ("comments[%lu]", (gulong) (index - 1));
      problem = parse_comment (object, path, &comment);
    }
  if (problem != NULL)
    {
      g_autofree char *where = file_where (jj, line);

      return _uc_import_record_error (ctx, where, problem, error);
    }

  issue_id = issue_id_of_url (member_string (object, "self"));
  key = issue_id != NULL ? g_hash_table_lookup (jj->issue_ids, issue_id) : NULL;
  item_id = key != NULL ? uc_store_find_work_item (ctx->store, UC_JIRA_TRACKER, key) : 0;
  if (item_id <= 0)
    {
      jj->n_unmatched++;
      if (jj->unmatched_id == NULL)
        jj->unmatched_id = g_strdup (issue_id != NULL ? issue_id : "?");
      pending_comment_clear (&comment);
      return TRUE;
    }

  read_user (comment.author, &user);
  author = _uc_jira_user (&jj->ji, &user, error);
  ok = !(author == 0 && error != NULL && *error != NULL) &&
       _uc_jira_add_comment (&jj->ji, item_id, comment.ext_id, author, comment.time,
                             comment.text, -1, FALSE, error);
  pending_comment_clear (&comment);
  return ok;
}

/* ---- what a file is ---- */

/* Whether @text has the JSON member name @name ("name" then ':'). */
static gboolean
has_key (const char *text,
         const char *name)
{
  gsize n = strlen (name);
  const char *p = text;

  while ((p = strstr (p, name)) != NULL)
    {
      const char *q = p + n;

      if (p > text && p[-1] == '"' && *q == '"')
        {
          q++;
          while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
            q++;
          if (*q == ':')
            return TRUE;
        }
      p = q;
    }
  return FALSE;
}

/* The value of the first "backend_name" member in @text, if it is a plain
 * string; newly allocated. */
static char *
backend_name (const char *text)
{
  const char *p = strstr (text, "\"backend_name\"");
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen ("\"backend_name\"");
  while (g_ascii_isspace (*p))
    p++;
  if (*p++ != ':')
    return NULL;
  while (g_ascii_isspace (*p))
    p++;
  if (*p++ != '"')
    return NULL;
  end = strchr (p, '"');
  if (end == NULL || end - p > 64)
    return NULL;
  return g_strndup (p, (gsize) (end - p));
}

static FileKind
classify (const char *head,
          double     *confidence)
{
  const char *p = head;
  g_autofree char *backend = NULL;

  *confidence = 0.0;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '{' && *p != '[')
    return FILE_NOT_JSON;

  backend = backend_name (p);
  if (backend != NULL)
    {
      if (g_ascii_strcasecmp (backend, "jira") != 0)
        return FILE_OTHER_JSON;
      *confidence = 0.95;
      return FILE_ISSUES;
    }
  if (has_key (p, "issues") && (has_key (p, "startAt") || has_key (p, "maxResults")))
    {
      *confidence = has_key (p, "issuetype") || has_key (p, "fields") ? 0.95 : 0.8;
      return FILE_ISSUES;
    }
  if (has_key (p, "fields") && has_key (p, "key") &&
      (has_key (p, "issuetype") || has_key (p, "statusCategory") || has_key (p, "resolutiondate")))
    {
      *confidence = 0.85;
      return FILE_ISSUES;
    }
  if (has_key (p, "comments") && has_key (p, "startAt") && !has_key (p, "fields") &&
      (strstr (p, "/rest/api/") != NULL || !has_key (p, "body") ||
       has_key (p, "updateAuthor") || has_key (p, "jsdPublic")))
    {
      *confidence = 0.3;
      return FILE_COMMENTS;
    }
  if (*p == '[' && has_key (p, "clauseNames") && has_key (p, "navigable"))
    {
      *confidence = 0.3;
      return FILE_FIELDS;
    }
  return FILE_OTHER_JSON;
}

#define HEAD_SIZE (64 * 1024)

/* The first bytes of @path, BOM-less and NUL-terminated (UTF-16 is
 * converted). */
static char *
read_head (const char *path)
{
  g_autofree char *raw = g_malloc (HEAD_SIZE + 1);
  FILE *fp = g_fopen (path, "rb");
  gsize n;

  if (fp == NULL)
    return NULL;
  n = fread (raw, 1, HEAD_SIZE, fp);
  fclose (fp);
  raw[n] = '\0';
  if (n >= 3 && (guchar) raw[0] == 0xEF && (guchar) raw[1] == 0xBB && (guchar) raw[2] == 0xBF)
    return g_strdup (raw + 3);
  if (n >= 2 && (((guchar) raw[0] == 0xFF && (guchar) raw[1] == 0xFE) ||
                 ((guchar) raw[0] == 0xFE && (guchar) raw[1] == 0xFF)))
    {
      const char *from = (guchar) raw[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      char *converted = g_convert_with_fallback (raw + 2, (gssize) ((n - 2) & ~(gsize) 1),
                                                 "UTF-8", from, "?", NULL, NULL, NULL);

      if (converted != NULL)
        return converted;
    }
  /* Stop at an embedded NUL, as strstr would. */
  return g_steal_pointer (&raw);
}

static int
natural_compare (gconstpointer a,
                 gconstpointer b)
{
  const char *sa = *(const char * const *) a;
  const char *sb = *(const char * const *) b;

  while (*sa != '\0' && *sb != '\0')
    {
      if (g_ascii_isdigit (*sa) && g_ascii_isdigit (*sb))
        {
          const char *ea = sa, *eb = sb;
          gsize la, lb;
          int c;

          while (*sa == '0' && g_ascii_isdigit (sa[1]))
            sa++;
          while (*sb == '0' && g_ascii_isdigit (sb[1]))
            sb++;
          for (ea = sa; g_ascii_isdigit (*ea); ea++)
            ;
          for (eb = sb; g_ascii_isdigit (*eb); eb++)
            ;
          la = (gsize) (ea - sa);
          lb = (gsize) (eb - sb);
          if (la != lb)
            return la < lb ? -1 : 1;
          c = strncmp (sa, sb, la);
          if (c != 0)
            return c;
          sa = ea;
          sb = eb;
          continue;
        }
      if (*sa != *sb)
        return (guchar) *sa < (guchar) *sb ? -1 : 1;
      sa++;
      sb++;
    }
  return *sa == *sb ? 0 : *sa == '\0' ? -1 : 1;
}

/* The regular, visible files of a folder (names), in natural order. */
static GPtrArray *
list_folder (const char  *path,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (path, 0, &local_error);
  if (dir == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read the folder “%s”: %s"), display, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL && names->len < MAX_FOLDER_FILES)
    {
      g_autofree char *full = NULL;

      if (name[0] == '.')
        continue;
      full = g_build_filename (path, name, NULL);
      if (g_file_test (full, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, natural_compare);
  return g_steal_pointer (&names);
}

/* ---- the field catalogue ---- */

static gboolean
load_fields (JiraJson    *jj,
             const char  *path,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *problem = NULL;
  gsize len = 0;
  JsonNode *root;
  JsonArray *fields;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  if (len >= 3 && (guchar) contents[0] == 0xEF && (guchar) contents[1] == 0xBB &&
      (guchar) contents[2] == 0xBF)
    problem = parse_json (parser, contents + 3, len - 3, 1);
  else
    problem = parse_json (parser, contents, len, 1);
  if (problem == NULL)
    {
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
        problem = g_strdup (_("the field catalogue should be a JSON array"));
    }
  if (problem != NULL)
    {
      g_autofree char *where = file_where (jj, 1);

      return _uc_import_record_error (jj->ctx, where, problem, error);
    }

  fields = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);
      JsonObject *field;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      field = json_node_get_object (node);
      id = member_string (field, "id");
      if (id != NULL && _uc_jira_is_story_points_field (member_string (field, "name")))
        g_hash_table_add (jj->sp_fields, g_strdup (id));
    }
  return TRUE;
}

/* ---- the format ---- */

static gboolean
import_issues_file (JiraJson    *jj,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *head = read_head (path);
  const char *p = head;

  if (p != NULL)
    while (g_ascii_isspace (*p))
      p++;
  /* Only objects can carry a page's "names". */
  if (p != NULL && *p == '{' &&
      !split_file (jj, path, "issues", FALSE, handle_page_names, error))
    return FALSE;
  return split_file (jj, path, "issues", TRUE, handle_issue_record, error);
}

static gboolean
jira_json_import_folder (JiraJson  *jj,
                         GError   **error)
{
  UcImportContext *ctx = jj->ctx;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (FileKind));
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (goffset));
  guint n_issue_files = 0;

  names = list_folder (ctx->path, error);
  if (names == NULL)
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *full = g_build_filename (ctx->path, g_ptr_array_index (names, i), NULL);
      g_autofree char *head = read_head (full);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (full);
      FileKind kind = FILE_NOT_JSON;
      goffset size = 0;
      double c;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                ctx->cancellable, NULL);
      if (info != NULL)
        size = g_file_info_get_size (info);
      if (head != NULL)
        kind = classify (head, &c);
      g_array_append_val (kinds, kind);
      g_array_append_val (sizes, size);
      if (kind == FILE_ISSUES || kind == FILE_COMMENTS)
        jj->total_bytes += size;
      if (kind == FILE_ISSUES)
        n_issue_files++;
    }

  if (n_issue_files == 0)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                   _("The folder “%s” holds no Jira issue pages (JSON from /rest/api/2/search or Perceval)"),
                   ctx->display_name);
      return FALSE;
    }

  /* The catalogue first, then issues, then comment pages (which need the
   * issues' ids). */
  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < names->len; i++)
      {
        FileKind kind = g_array_index (kinds, FileKind, i);
        const char *name = g_ptr_array_index (names, i);
        g_autofree char *full = g_build_filename (ctx->path, name, NULL);

        g_free (jj->file_label);
        jj->file_label = g_filename_display_name (name);

        if (pass == 0 && kind == FILE_FIELDS)
          {
            if (!load_fields (jj, full, error))
              return FALSE;
          }
        else if (pass == 0 && (kind == FILE_NOT_JSON || kind == FILE_OTHER_JSON))
          g_ptr_array_add (ctx->warnings,
                           g_strdup_printf (_("“%s”, file “%s”: not a Jira JSON page, ignored"),
                                            ctx->display_name, jj->file_label));
        else if ((pass == 1 && kind == FILE_ISSUES) || (pass == 2 && kind == FILE_COMMENTS))
          {
            jj->file_offset = 0;
            jj->n_unmatched = 0;
            g_clear_pointer (&jj->unmatched_id, g_free);
            if (kind == FILE_ISSUES && !import_issues_file (jj, full, error))
              return FALSE;
            if (kind == FILE_COMMENTS &&
                !split_file (jj, full, "comments", TRUE, handle_comment_record, error))
              return FALSE;
            if (jj->n_unmatched > 0)
              g_ptr_array_add (ctx->warnings,
                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "“%s”, file “%s”: %lu comment belongs to an issue that is not in this folder (id %s), skipped",
                                                             "“%s”, file “%s”: %lu comments belong to issues that are not in this folder (such as id %s), skipped",
                                                             (gulong) jj->n_unmatched),
                                                ctx->display_name, jj->file_label,
                                                (gulong) jj->n_unmatched, jj->unmatched_id));
            jj->done_bytes += g_array_index (sizes, goffset, i);
          }
      }
  g_clear_pointer (&jj->file_label, g_free);
  return TRUE;
}

static gboolean
jira_json_import (UcImportContext  *ctx,
                  GError          **error)
{
  JiraJson jj = { 0 };
  gboolean ok = FALSE;

  jj.ctx = ctx;
  jj.sp_fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  jj.issue_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  jj.is_dir = g_file_test (ctx->path, G_FILE_TEST_IS_DIR);
  if (!_uc_jira_import_init (&jj.ji, ctx, error))
    goto out;

  if (jj.is_dir)
    ok = jira_json_import_folder (&jj, error);
  else
    {
      g_autofree char *head = read_head (ctx->path);
      double c;
      FileKind kind = head != NULL ? classify (head, &c) : FILE_NOT_JSON;

      jj.total_bytes = ctx->size;
      if (kind == FILE_COMMENTS)
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                     _("“%s” holds only comments, which cannot be matched to their issues on their own: import it in a folder together with the issue pages"),
                     ctx->display_name);
      else if (kind == FILE_FIELDS)
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                     _("“%s” is Jira's field catalogue, not issues: put it in a folder together with the issue pages"),
                     ctx->display_name);
      else
        ok = import_issues_file (&jj, ctx->path, error);
    }
  if (ok)
    ok = _uc_jira_import_finish (&jj.ji, error);

out:
  _uc_jira_import_clear (&jj.ji);
  g_clear_pointer (&jj.sp_fields, g_hash_table_unref);
  g_clear_pointer (&jj.issue_ids, g_hash_table_unref);
  g_clear_pointer (&jj.file_label, g_free);
  g_clear_pointer (&jj.unmatched_id, g_free);
  return ok;
}

static double
jira_json_probe (const UcImportProbe *probe)
{
  double best = 0.0;

  if (!probe->is_dir)
    {
      double c = 0.0;

      if (probe->head == NULL)
        return 0.0;
      classify ((const char *) probe->head, &c);
      return c;
    }
  else
    {
      g_autoptr(GPtrArray) names = list_folder (probe->path, NULL);

      if (names == NULL)
        return 0.0;
      for (guint i = 0; i < names->len && i < 200; i++)
        {
          g_autofree char *full = g_build_filename (probe->path, g_ptr_array_index (names, i), NULL);
          g_autofree char *head = read_head (full);
          double c = 0.0;

          if (head != NULL && classify (head, &c) == FILE_ISSUES)
            best = MAX (best, c - 0.05);
        }
    }
  return best;
}

/* SHA-256 of the file, or for a folder of every visible file's name and
 * contents, in order. */
static char *
jira_json_checksum (UcImportContext  *ctx,
                    GError          **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) names = NULL;
  g_autofree guint8 *buf = g_malloc (CHUNK_SIZE);
  gboolean is_dir = g_file_test (ctx->path, G_FILE_TEST_IS_DIR);

  if (is_dir)
    {
      names = list_folder (ctx->path, error);
      if (names == NULL)
        return NULL;
    }
  else
    {
      names = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (names, NULL);
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *full = name != NULL ? g_build_filename (ctx->path, name, NULL) : g_strdup (ctx->path);
      FILE *fp = g_fopen (full, "rb");
      gsize n;

      if (fp == NULL)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (full);

          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                       _("Could not read “%s”: %s"), display, g_strerror (saved));
          return NULL;
        }
      if (name != NULL)
        g_checksum_update (checksum, (const guchar *) name, (gssize) strlen (name) + 1);
      while ((n = fread (buf, 1, CHUNK_SIZE, fp)) > 0)
        {
          g_checksum_update (checksum, buf, n);
          if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
            {
              fclose (fp);
              return NULL;
            }
        }
      fclose (fp);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

const UcImportFormat _uc_import_format_jira_json = {
  "jira-json",
  N_("Jira issues (REST API or Perceval JSON)"),
  UC_IMPORT_INPUT_FILE | UC_IMPORT_INPUT_FOLDER,
  jira_json_probe,
  jira_json_checksum,
  jira_json_import,
};
