/* uc-gerrit-import.c: Gerrit changes from `gerrit query --format=JSON`.
 *
 * INPUT. One file, streamed record by record:
 *   - the output of `gerrit query --format=JSON --patch-sets --all-approvals
 *     --comments …` (--files, --current-patch-set and --all-reviewers are
 *     fine too): one change object per line and a final
 *     {"type":"stats","rowCount":…} line; an {"type":"error",…} line (a
 *     failed query) is reported as a bad record;
 *   - Perceval items ({"backend_name": "Gerrit", "data": {change}}), as a
 *     JSON array (GrimoireLab ELK dumps) or one object after another.
 * The output of `gerrit version` is not a change file: the probe does not
 * claim it and importing it anyway says what it is.
 *
 * MAPPING.
 *   repo            kind "gerrit", named after the change's project.
 *   change_request  one per change, number = the change number; status NEW
 *                   (and DRAFT) → open, MERGED → merged, ABANDONED →
 *                   closed; createdOn / lastUpdated; owner (else the first
 *                   patch set's uploader); draft = DRAFT, "wip" or a draft
 *                   patch set; n_rounds = the highest patch set number;
 *                   n_commits = 1 (a change is one commit, amended);
 *                   additions / deletions and last_commit_time from the
 *                   newest patch set; title / body = the subject and the
 *                   rest of the commit message (lengths only).
 *                   Merged time: the newest patch set's submit record (the
 *                   "SUBM" approval's grantedOn), else the "Change has been
 *                   successfully merged…" message, else lastUpdated; merged
 *                   by: the submitter, else that message's author. Closed
 *                   time (abandoned changes only): the "Abandoned" message,
 *                   else lastUpdated.
 *   review          Code-Review votes: the latest vote of each reviewer on
 *                   each patch set, from the patch sets' approvals and from
 *                   the "Patch Set N: Code-Review-1" change messages
 *                   (whichever is newer; a removed vote counts as none).
 *                   +1/+2 → approved, −1/−2 → changes requested (an
 *                   objection), 0 → nothing. The review's body length is the
 *                   text of the change message that cast it. Verified,
 *                   Workflow and other labels are not reviews; CI accounts
 *                   (bots, "… CI", jenkins, zuul…) are agents.
 *   comment         change messages that carry text of their own: a
 *                   "Patch Set N: <votes>" header followed by text, or a
 *                   free-form message; automatic messages ("Uploaded patch
 *                   set 2.", "…was rebased", "Change has been successfully
 *                   merged…", "Removed reviewer…", "Topic set to…") and the
 *                   "(3 comments)" counters are not. "Abandoned" and
 *                   "Restored" count only with a reason; messages without
 *                   an author (the server's own) never do. Every inline
 *                   comment of a patch set is a review comment; query
 *                   output gives inline comments no time, so they take the
 *                   time of the change message that published them (the
 *                   same author's "(N comments)" message on that patch set,
 *                   else their first message on it), else the patch set's
 *                   time. Only lengths and objection flags are kept.
 *                   ext_ids: "gerrit:NUMBER:psN:ACCOUNT" (reviews),
 *                   "gerrit:NUMBER:msg:TIME:ACCOUNT" (messages),
 *                   "gerrit:NUMBER:psN:FILE:LINE:ACCOUNT" (inline), with
 *                   ":1", ":2"… added to repeats; ACCOUNT is the username,
 *                   else the e-mail address, else the name.
 *   link            ticket keys in the subject ("title"), the commit
 *                   message ("body"; its trailer block as "trailer"), the
 *                   topic ("branch") and trackingIds ("trailer").
 *   identity        kind "gerrit" (username) plus "email" when the account
 *                   has an address, on the same person; bots and CI
 *                   accounts are agents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "uc-import-private.h"

/* ======================================================================
 * Streaming JSON values
 *
 * Splits a JSON text into its records without building a tree of the
 * whole document: the elements of a top-level array (or of arrays written
 * one after the other, as paginating tools do), or a sequence of top-level
 * objects (JSON lines, or pretty-printed objects one after the other).
 * Only strings and nesting are tracked; each record's text is then parsed
 * on its own, so a record with broken syntax inside can be skipped alone.
 * ====================================================================== */

#define JSON_CHUNK (64 * 1024)
#define JSON_MAX_RECORD (256 * 1024 * 1024)

typedef enum
{
  SPLIT_SEQUENCE,     /* between top-level values: '{' (a record) or '[' (a page) */
  SPLIT_ARRAY,        /* inside a top-level array, expecting an element or ']' */
  SPLIT_ARRAY_NEXT,   /* after an element: ',' or ']' */
} SplitState;

typedef struct
{
  GInputStream *stream;       /* borrowed */
  GCancellable *cancellable;  /* borrowed */
  char         *chunk;        /* owned */
  gsize         chunk_len;
  gsize         chunk_pos;
  gboolean      eof;
  SplitState    state;
  GString      *value;        /* owned: the record being read */
  guint64       line;         /* current line, 1-based */
  guint64       value_line;   /* line where the last record started */
  guint64       error_line;   /* line a structural problem is reported at */
  guint64       n_values;     /* records returned */
  guint64       offset;       /* bytes consumed */
  guint64       n_in_array;   /* elements of the current top-level array */
  gboolean      not_json;     /* the first byte that is not space is not '{' or '[' */
} JsonSplitter;

typedef enum
{
  SPLIT_ERROR = -1,   /* *problem set (a structural problem: stop reading) */
  SPLIT_END = 0,
  SPLIT_VALUE = 1,
} SplitResult;

static void
json_splitter_init (JsonSplitter *s,
                    GInputStream *stream,
                    GCancellable *cancellable)
{
  memset (s, 0, sizeof *s);
  s->stream = stream;
  s->cancellable = cancellable;
  s->chunk = g_malloc (JSON_CHUNK);
  s->value = g_string_new (NULL);
  s->line = 1;
}

static void
json_splitter_clear (JsonSplitter *s)
{
  g_clear_pointer (&s->chunk, g_free);
  if (s->value != NULL)
    g_string_free (s->value, TRUE);
  s->value = NULL;
}

/* The next byte, or -1 at the end; -2 on a read error (error set). */
static int
split_getc (JsonSplitter  *s,
            GError       **error)
{
  if (s->chunk_pos >= s->chunk_len)
    {
      gssize n;

      if (s->eof)
        return -1;
      n = g_input_stream_read (s->stream, s->chunk, JSON_CHUNK, s->cancellable, error);
      if (n < 0)
        return -2;
      if (n == 0)
        {
          s->eof = TRUE;
          return -1;
        }
      s->chunk_len = (gsize) n;
      s->chunk_pos = 0;
    }
  s->offset++;
  return (guchar) s->chunk[s->chunk_pos++];
}

static void
split_ungetc (JsonSplitter *s)
{
  g_assert (s->chunk_pos > 0);
  s->chunk_pos--;
  s->offset--;
}

static char *
split_describe_char (int c)
{
  if (c >= 0x20 && c < 0x7f)
    return g_strdup_printf ("“%c”", c);
  return g_strdup_printf ("0x%02X", (guint) c);
}

/* Read one complete value whose first byte @first was just read. */
static SplitResult
split_read_value (JsonSplitter  *s,
                  int            first,
                  char         **problem,
                  GError       **error)
{
  gboolean in_string = FALSE, escape = FALSE;
  int depth = 0;
  gboolean container = first == '{' || first == '[';
  int c = first;

  g_string_truncate (s->value, 0);
  s->value_line = s->line;
  s->error_line = s->line;   /* problems inside a record: where it starts */

  for (;;)
    {
      if (c == '\n')
        s->line++;

      if (!container && !in_string && depth == 0 && s->value->len > 0 &&
          (c == ',' || c == ']' || c == '}' || g_ascii_isspace (c)))
        {
          /* the end of a scalar */
          split_ungetc (s);
          if (c == '\n')
            s->line--;
          return SPLIT_VALUE;
        }

      g_string_append_c (s->value, (char) c);
      if (s->value->len > JSON_MAX_RECORD)
        {
          *problem = g_strdup (_("a record is larger than 256 MB"));
          return SPLIT_ERROR;
        }

      if (in_string)
        {
          if (escape)
            escape = FALSE;
          else if (c == '\\')
            escape = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          depth--;
          if (depth < 0)
            {
              *problem = g_strdup_printf (_("unexpected “%c”"), c);
              return SPLIT_ERROR;
            }
          if (depth == 0 && container)
            return SPLIT_VALUE;
        }

      c = split_getc (s, error);
      if (c == -2)
        return SPLIT_ERROR;
      if (c == -1)
        {
          if (!container && !in_string)
            return SPLIT_VALUE;
          *problem = g_strdup (_("the document ends in the middle of a record (the file is truncated)"));
          return SPLIT_ERROR;
        }
    }
}

/* The next record's text in s->value (NUL-terminated). On SPLIT_ERROR,
 * either *problem (malformed document) or @error (read error) is set. */
static SplitResult
json_splitter_next (JsonSplitter  *s,
                    char         **problem,
                    GError       **error)
{
  for (;;)
    {
      int c = split_getc (s, error);

      if (c == -2)
        return SPLIT_ERROR;
      if (c == -1)
        {
          if (s->state == SPLIT_ARRAY || s->state == SPLIT_ARRAY_NEXT)
            {
              s->error_line = s->line;
              *problem = g_strdup (_("the document ends before the closing “]” (the file is truncated)"));
              return SPLIT_ERROR;
            }
          return SPLIT_END;
        }
      if (c == '\n')
        {
          s->line++;
          continue;
        }
      if (g_ascii_isspace (c))
        continue;

      s->error_line = s->line;
      switch (s->state)
        {
        case SPLIT_SEQUENCE:
          if (c == '[')
            {
              /* a page: its elements are the records */
              s->state = SPLIT_ARRAY;
              s->n_in_array = 0;
              continue;
            }
          if (c != '{')
            {
              g_autofree char *what = split_describe_char (c);

              s->not_json = s->n_values == 0;
              *problem = g_strdup_printf (_("not JSON: expected “{” or “[” at line %" G_GUINT64_FORMAT ", found %s"),
                                          s->line, what);
              return SPLIT_ERROR;
            }
          if (split_read_value (s, c, problem, error) != SPLIT_VALUE)
            return SPLIT_ERROR;
          s->n_values++;
          return SPLIT_VALUE;

        case SPLIT_ARRAY:
          if (c == ']' && s->n_in_array == 0)
            {
              s->state = SPLIT_SEQUENCE;
              continue;
            }
          if (c == ',' || c == ']')
            {
              *problem = g_strdup_printf (_("unexpected “%c” at line %" G_GUINT64_FORMAT), c, s->line);
              return SPLIT_ERROR;
            }
          if (split_read_value (s, c, problem, error) != SPLIT_VALUE)
            return SPLIT_ERROR;
          s->n_values++;
          s->n_in_array++;
          s->state = SPLIT_ARRAY_NEXT;
          return SPLIT_VALUE;

        case SPLIT_ARRAY_NEXT:
        default:
          if (c == ',')
            s->state = SPLIT_ARRAY;
          else if (c == ']')
            s->state = SPLIT_SEQUENCE;
          else
            {
              g_autofree char *what = split_describe_char (c);

              *problem = g_strdup_printf (_("expected “,” or “]” at line %" G_GUINT64_FORMAT ", found %s"),
                                          s->line, what);
              return SPLIT_ERROR;
            }
          continue;
        }
    }
}

/* Open @path for the splitter: skips a UTF-8 byte order mark and converts
 * UTF-16 with a byte order mark (as Windows PowerShell writes) to UTF-8. */
static GInputStream *
open_json_stream (const char    *path,
                  const char    *display,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 bom[3] = { 0 };
  gsize n_bom = 0;
  const char *from = NULL;
  goffset skip = 0;

  input = g_file_read (file, cancellable, &local_error);
  if (input != NULL &&
      g_input_stream_read_all (G_INPUT_STREAM (input), bom, sizeof bom, &n_bom,
                               cancellable, &local_error))
    {
      if (n_bom >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        skip = 3;
      else if (n_bom >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
        from = "UTF-16LE", skip = 2;
      else if (n_bom >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
        from = "UTF-16BE", skip = 2;
      g_seekable_seek (G_SEEKABLE (input), skip, G_SEEK_SET, cancellable, &local_error);
    }
  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }
  if (from != NULL)
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", from, error);

      if (converter == NULL)
        return NULL;
      g_charset_converter_set_use_fallback (converter, TRUE);
      return g_converter_input_stream_new (G_INPUT_STREAM (input), G_CONVERTER (converter));
    }
  return G_INPUT_STREAM (g_steal_pointer (&input));
}

/* Parse one record's text, which starts at @first_line of the file.
 * Returns the parser (its root is the record) or NULL with *problem set. */
static JsonParser *
parse_record (const char  *text,
              gsize        len,
              guint64      first_line,
              char       **problem)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *bad = NULL;

  if (!g_utf8_validate (text, (gssize) len, &bad))
    {
      *problem = g_strdup_printf (_("invalid UTF-8 at byte %" G_GSIZE_FORMAT " of the record"),
                                  (gsize) (bad - text));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) len, &local_error))
    {
      /* json-glib says "<data>:LINE:COLUMN: Parse error: …": make the line
       * the file's */
      const char *msg = local_error->message;
      guint64 line = 0, column = 0;
      char *end = NULL;

      if (g_str_has_prefix (msg, "<data>:"))
        {
          line = g_ascii_strtoull (msg + 7, &end, 10);
          if (end != NULL && *end == ':')
            column = g_ascii_strtoull (end + 1, &end, 10);
          if (end != NULL && *end == ':' && line > 0)
            {
              msg = end + 1;
              while (*msg == ' ')
                msg++;
              if (g_str_has_prefix (msg, "Parse error: "))
                msg += 13;
              *problem = g_strdup_printf (_("invalid JSON at line %" G_GUINT64_FORMAT ", column %" G_GUINT64_FORMAT ": %s"),
                                          first_line + line - 1, column, msg);
              return NULL;
            }
        }
      *problem = g_strdup_printf (_("invalid JSON: %s"), msg);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      *problem = g_strdup (_("empty record"));
      return NULL;
    }
  return g_steal_pointer (&parser);
}

/* ======================================================================
 * JSON access with type checks
 * ====================================================================== */

/* The member, or NULL when it is missing or null. */
static JsonNode *
member (JsonObject *o,
        const char *name)
{
  JsonNode *n;

  if (o == NULL)
    return NULL;
  n = json_object_get_member (o, name);
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  return n;
}

static void
set_problem (char       **problem,
             char        *text)
{
  if (*problem == NULL)
    *problem = text;
  else
    g_free (text);
}

static const char *
get_string (JsonObject  *o,
            const char  *name,
            char       **problem)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    {
      set_problem (problem, g_strdup_printf (_("“%s” is not a string"), name));
      return NULL;
    }
  return json_node_get_string (n);
}

/* A whole number, also accepted as a numeric string. FALSE when missing
 * or wrong (then *problem is set). */
static gboolean
get_int (JsonObject  *o,
         const char  *name,
         gint64      *out,
         char       **problem)
{
  JsonNode *n = member (o, name);
  GType type;

  if (n == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (n))
    {
      type = json_node_get_value_type (n);
      if (type == G_TYPE_INT64)
        {
          *out = json_node_get_int (n);
          return TRUE;
        }
      if (type == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (n);

          if (d == floor (d) && fabs (d) < 9e15)
            {
              *out = (gint64) d;
              return TRUE;
            }
        }
      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (n);
          char *end = NULL;
          gint64 v;

          if (s != NULL && *s != '\0')
            {
              v = g_ascii_strtoll (s, &end, 10);
              if (end != NULL && *end == '\0')
                {
                  *out = v;
                  return TRUE;
                }
            }
        }
    }
  set_problem (problem, g_strdup_printf (_("“%s” is not a whole number"), name));
  return FALSE;
}

static gboolean
get_bool (JsonObject  *o,
          const char  *name,
          char       **problem)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    {
      set_problem (problem, g_strdup_printf (_("“%s” is not true or false"), name));
      return FALSE;
    }
  return json_node_get_boolean (n);
}

static JsonObject *
get_object (JsonObject  *o,
            const char  *name,
            char       **problem)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      set_problem (problem, g_strdup_printf (_("“%s” is not an object"), name));
      return NULL;
    }
  return json_node_get_object (n);
}

static JsonArray *
get_array (JsonObject  *o,
           const char  *name,
           char       **problem)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      set_problem (problem, g_strdup_printf (_("“%s” is not a list"), name));
      return NULL;
    }
  return json_node_get_array (n);
}

static gboolean
has_member (JsonObject *o,
            const char *name)
{
  return json_object_has_member (o, name);
}


/* ---- small helpers ---- */

static guint
char_length (const char *text)
{
  if (text == NULL)
    return 0;
  return (guint) MIN (g_utf8_strlen (text, -1), (glong) G_MAXUINT);
}

static gboolean
is_email (const char *s)
{
  const char *at;

  if (s == NULL)
    return FALSE;
  at = strchr (s, '@');
  return at != NULL && at > s && at[1] != '\0' && strchr (at + 1, '@') == NULL;
}

/* ======================================================================
 * Identities
 * ====================================================================== */

static UcId
lookup_identity (UcImportContext *ctx,
                 const char      *kind,
                 const char      *value,
                 UcId            *person)
{
  sqlite3_stmt *stmt = uc_store_prepare (ctx->store,
                                         "SELECT id, person_id FROM identity WHERE kind = ?1 AND value = ?2",
                                         NULL);
  UcId id = 0;

  *person = 0;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *person = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return id;
}

/* Look up or create (kind, value), linked to @person when it is new. */
static UcId
ensure_identity (UcImportContext  *ctx,
                 GHashTable       *cache,
                 const char       *kind,
                 const char       *value,
                 const char       *display,
                 UcId              person,
                 GError          **error)
{
  g_autofree char *key = g_strconcat (kind, "\037", value, NULL);
  gint64 *cached = g_hash_table_lookup (cache, key);
  UcId id;

  if (cached != NULL)
    return *cached;
  id = uc_store_ensure_identity (ctx->store, kind, value, display, person,
                                 ctx->source_id, error);
  if (id <= 0)
    return 0;
  g_hash_table_insert (cache, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  return id;
}

/* The identity cache is "kind\037value" → UcId (gint64 *).
 *
 * Identities of one account: kind @kind for its login, plus "email" when
 * it has an address, both on the same person (an existing one found by
 * either, else a new one). Returns the login's identity (or the e-mail's,
 * or a "name" identity), 0 with no error when the account is empty. */
static UcId
account_identity (UcImportContext  *ctx,
                  GHashTable       *cache,
                  const char       *kind,
                  const char       *login,
                  const char       *name,
                  const char       *email,
                  gboolean          agent,
                  GError          **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *login_key = NULL;
  g_autofree char *email_key = NULL;
  UcId id = 0, email_id = 0;

  if (login != NULL && *login == '\0')
    login = NULL;
  if (name != NULL && *name == '\0')
    name = NULL;
  if (!is_email (email))
    email = NULL;

  if (email != NULL)
    {
      folded = g_utf8_strdown (email, -1);
      email_key = g_strconcat ("email\037", folded, NULL);
      if (g_hash_table_contains (cache, email_key))
        email_id = *(gint64 *) g_hash_table_lookup (cache, email_key);
    }
  if (login != NULL)
    {
      login_key = g_strconcat (kind, "\037", login, NULL);
      if (g_hash_table_contains (cache, login_key))
        id = *(gint64 *) g_hash_table_lookup (cache, login_key);
      else
        {
          UcId person = 0, existing;

          existing = lookup_identity (ctx, kind, login, &person);
          if (existing == 0 && folded != NULL)
            {
              if (email_id != 0)
                person = uc_store_identity_person (ctx->store, email_id);
              else
                lookup_identity (ctx, "email", folded, &person);
            }
          id = ensure_identity (ctx, cache, kind, login, name != NULL ? name : login, person, error);
          if (id == 0)
            return 0;
        }
    }
  if (folded != NULL && email_id == 0)
    {
      UcId person = 0;

      if (lookup_identity (ctx, "email", folded, &person) == 0 && id != 0)
        person = uc_store_identity_person (ctx->store, id);
      else
        person = 0;
      email_id = ensure_identity (ctx, cache, "email", folded, name != NULL ? name : email, person, error);
      if (email_id == 0)
        return 0;
    }
  if (id == 0)
    id = email_id;
  if (id == 0 && name != NULL)
    {
      id = _uc_import_identity (ctx, "name", name, name, error);
      if (id == 0)
        return 0;
    }
  if (id == 0)
    return 0;

  agent = agent || uc_text_is_agent_account (name, login) ||
          (email != NULL && uc_text_is_agent_account (NULL, email));
  if (agent && !_uc_import_flag_agent (ctx, id, error))
    return 0;
  return id;
}

/* ======================================================================
 * Gerrit values
 * ====================================================================== */

/* Seconds since the epoch, or "2016-07-26 12:34:56.000000000" (UTC, as
 * the REST API writes it). 0 when missing or 0; 0 and *problem when
 * invalid. */
static UcTime
get_epoch (JsonObject  *o,
           const char  *name,
           char       **problem)
{
  JsonNode *n = member (o, name);
  gint64 v;

  if (n == NULL)
    return 0;
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (n);
      int y, mo, d, h, mi;
      double sec;

      if (sscanf (s, "%d-%d-%d %d:%d:%lf", &y, &mo, &d, &h, &mi, &sec) == 6)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, floor (sec));

          if (dt != NULL)
            return g_date_time_to_unix (dt);
        }
    }
  {
    char *not_int = NULL;
    gboolean ok = get_int (o, name, &v, &not_int);

    g_free (not_int);
    if (ok && v >= 0)
      return v;   /* 0: unknown (real exports have "lastUpdated": 0) */
  }
  set_problem (problem, g_strdup_printf (_("“%s” is not a time"), name));
  return 0;
}

/* The key naming an account in ext_ids and vote maps. */
static const char *
account_key (JsonObject *account)
{
  char *problem = NULL;
  const char *key;

  if (account == NULL)
    return NULL;
  key = get_string (account, "username", &problem);
  if (key == NULL || *key == '\0')
    key = get_string (account, "email", &problem);
  if (key == NULL || *key == '\0')
    key = get_string (account, "name", &problem);
  g_free (problem);
  return key != NULL && *key != '\0' ? key : NULL;
}

/* A continuous-integration account: a bot (uc-text-flags), or one whose
 * name or username has a CI word ("Mellanox CI", "jenkins", "zuul"). */
static gboolean
is_ci_account (const char *name,
               const char *username,
               const char *email)
{
  static const char * const words[] = {
    "ci", "cibot", "jenkins", "zuul", "buildbot", "gerritbot", "bot", "robot",
    "automation", "autobuild", "buildfarm", "checker", "travis",
  };
  const char *texts[] = { name, username };

  if (uc_text_is_agent_account (name, username) ||
      (email != NULL && uc_text_is_agent_account (NULL, email)))
    return TRUE;
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autofree char *lower = NULL;
      g_auto(GStrv) tokens = NULL;

      if (texts[t] == NULL)
        continue;
      lower = g_ascii_strdown (texts[t], -1);
      for (char *p = lower; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p))
          *p = ' ';
      tokens = g_strsplit (lower, " ", -1);
      for (guint i = 0; tokens[i] != NULL; i++)
        for (guint w = 0; w < G_N_ELEMENTS (words); w++)
          if (g_str_equal (tokens[i], words[w]))
            return TRUE;
    }
  return FALSE;
}

/* ======================================================================
 * Importer state
 * ====================================================================== */

typedef struct
{
  UcImportContext *ctx;          /* borrowed */
  guint64          record;
  guint64          record_line;
  GHashTable      *repos;        /* project → UcId (gint64 *) */
  GHashTable      *identities;   /* "kind\037value" → UcId (gint64 *) */
  GPtrArray       *keys;         /* scratch: ticket keys */
  guint            n_changes;
} GerritImporter;

static void
string_free (gpointer s)
{
  g_string_free (s, TRUE);
}

/* A change message, parsed. */
typedef struct
{
  JsonObject *author;        /* borrowed */
  const char *author_key;    /* borrowed */
  UcTime      time;
  int         ps;            /* patch set, 0: unknown */
  const char *text;          /* borrowed: the free text (not NUL-terminated) */
  gsize       text_len;
  gboolean    is_comment;
  gboolean    publishes;     /* has a "(N comments)" line */
  gboolean    merged;        /* "Change has been successfully merged…" */
  gboolean    abandoned;
  GPtrArray  *votes;         /* char *: "Label" "+2" pairs, or NULL */
} ChangeMessage;

static void
change_message_clear (gpointer p)
{
  ChangeMessage *m = p;

  g_clear_pointer (&m->votes, g_ptr_array_unref);
}

/* A vote: the latest of an account on a label on a patch set. */
typedef struct
{
  JsonObject *account;       /* borrowed */
  int         ps;
  char       *label;         /* owned */
  int         value;
  UcTime      time;
} Vote;

static void
vote_free (Vote *v)
{
  g_free (v->label);
  g_free (v);
}

static char *
record_where (GerritImporter *imp,
              const char     *sub)
{
  g_autofree char *base =
    g_strdup_printf (_("record %" G_GUINT64_FORMAT " (line %" G_GUINT64_FORMAT ")"),
                     imp->record, imp->record_line);

  if (sub == NULL)
    return g_steal_pointer (&base);
  return g_strdup_printf ("%s, %s", base, sub);
}

static gboolean
record_problem (GerritImporter  *imp,
                const char      *sub,
                char            *problem,
                GError         **error)
{
  g_autofree char *owned = problem;
  g_autofree char *where = record_where (imp, sub);

  return _uc_import_record_error (imp->ctx, where, owned, error);
}

static UcId
gerrit_identity (GerritImporter  *imp,
                 JsonObject      *account,
                 GError         **error)
{
  char *problem = NULL;
  const char *name, *username, *email;
  UcId id;

  if (account == NULL)
    return 0;
  name = get_string (account, "name", &problem);
  username = get_string (account, "username", &problem);
  email = get_string (account, "email", &problem);
  g_free (problem);   /* odd account fields are not worth rejecting a record */
  id = account_identity (imp->ctx, imp->identities, "gerrit", username, name, email,
                         is_ci_account (name, username, email), error);
  return id;
}

static UcId
ensure_repo (GerritImporter  *imp,
             const char      *project,
             GError         **error)
{
  gint64 *cached = g_hash_table_lookup (imp->repos, project);
  UcId id;

  if (cached != NULL)
    return *cached;
  id = uc_store_ensure_repo (imp->ctx->store, project, "gerrit", imp->ctx->source_id, error);
  if (id <= 0)
    return 0;
  g_hash_table_insert (imp->repos, g_strdup (project), g_memdup2 (&id, sizeof id));
  return id;
}

static gboolean
add_links (GerritImporter  *imp,
           UcId             cr_id,
           const char      *text,
           gssize           len,
           const char      *via,
           GError         **error)
{
  if (text == NULL || len == 0 || *text == '\0')
    return TRUE;
  g_ptr_array_set_size (imp->keys, 0);
  uc_text_collect_ticket_keys (text, len, imp->keys);
  for (guint i = 0; i < imp->keys->len; i++)
    if (!uc_store_add_link (imp->ctx->store, 0, cr_id, g_ptr_array_index (imp->keys, i), via,
                            imp->ctx->source_id, error))
      return FALSE;
  return TRUE;
}

/* ======================================================================
 * Change messages
 * ====================================================================== */

static gboolean
has_prefix_ci (const char *text,
               const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

/* "Label+2", "Label-1" → label and value; "-Label" → label and 0. */
static gboolean
parse_vote_token (const char  *token,
                  char       **label,
                  int         *value)
{
  gsize n = strlen (token);
  gsize i;

  if (n >= 2 && token[0] == '-' && g_ascii_isalpha (token[1]))
    {
      for (i = 1; i < n; i++)
        if (!g_ascii_isalnum (token[i]) && token[i] != '-' && token[i] != '_')
          return FALSE;
      *label = g_strdup (token + 1);
      *value = 0;
      return TRUE;
    }
  if (n < 3 || !g_ascii_isalpha (token[0]))
    return FALSE;
  i = n;
  while (i > 0 && g_ascii_isdigit (token[i - 1]))
    i--;
  if (i == n || i < 2 || (token[i - 1] != '+' && token[i - 1] != '-'))
    return FALSE;
  for (gsize j = 0; j < i - 1; j++)
    if (!g_ascii_isalnum (token[j]) && token[j] != '-' && token[j] != '_')
      return FALSE;
  *label = g_strndup (token, i - 1);
  *value = atoi (token + i);
  if (token[i - 1] == '-')
    *value = -*value;
  return TRUE;
}

/* Is @line a "(3 comments)" counter? */
static gboolean
is_counter_line (const char *line,
                 gsize       len)
{
  gsize i = 0;

  while (i < len && g_ascii_isspace (line[i]))
    i++;
  if (i >= len || line[i] != '(')
    return FALSE;
  i++;
  if (i >= len || !g_ascii_isdigit (line[i]))
    return FALSE;
  while (i < len && g_ascii_isdigit (line[i]))
    i++;
  while (i < len && line[i] == ' ')
    i++;
  return (len - i >= 8 && g_ascii_strncasecmp (line + i, "comment", 7) == 0) ||
         (len - i >= 15 && g_ascii_strncasecmp (line + i, "inline comment", 14) == 0);
}

static const char * const automatic_headers[] = {
  "Uploaded patch set", "Change has been successfully", "Change could not be merged",
  "Removed reviewer", "Removed cc", "Removed the following votes", "Removed ",
  "Topic set to", "Topic changed", "Topic removed", "Topic updated",
  "Set Work In Progress", "Set Ready For Review", "Hashtag", "Added reviewer",
  "Created a revert of this change", "Change has been rebased", "Rebased",
  "Build Started", "Merged", "Cherry Picked", "Assignee", "Private", "Unset private",
  "Set private", "Patch Set", "Restored", "Abandoned", "Reverted",
};

/* Parse one change message. Its free text (for a comment) is what follows
 * the header, without "(N comments)" counters. @scratch receives it. */
static void
parse_message (const char    *message,
               ChangeMessage *m,
               GString       *scratch)
{
  const char *nl = strchr (message, '\n');
  gsize header_len = nl != NULL ? (gsize) (nl - message) : strlen (message);
  g_autofree char *header = g_strndup (message, header_len);
  const char *rest = nl != NULL ? nl + 1 : "";
  gboolean patch_set = FALSE, known_auto = FALSE, reason_only = FALSE;

  g_strstrip (header);
  if (has_prefix_ci (header, "Patch Set "))
    {
      const char *p = header + 10;
      char *end = NULL;
      long ps = strtol (p, &end, 10);

      if (end != p && *end == ':')
        {
          g_auto(GStrv) tokens = g_strsplit (end + 1, " ", -1);
          g_autoptr(GPtrArray) votes = g_ptr_array_new_with_free_func (g_free);
          gboolean all_votes = TRUE;
          guint n_tokens = 0;

          patch_set = TRUE;
          m->ps = (int) CLAMP (ps, 0, G_MAXINT);
          for (guint i = 0; tokens[i] != NULL; i++)
            {
              g_autofree char *label = NULL;
              int value;

              if (*tokens[i] == '\0')
                continue;
              n_tokens++;
              if (parse_vote_token (tokens[i], &label, &value))
                {
                  g_ptr_array_add (votes, g_steal_pointer (&label));
                  g_ptr_array_add (votes, g_strdup_printf ("%d", value));
                }
              else
                all_votes = FALSE;
            }
          if (all_votes && votes->len > 0)
            m->votes = g_steal_pointer (&votes);
          /* "Patch Set 2: Patch Set 1 was rebased" and the like */
          if (n_tokens > 0 && !all_votes)
            known_auto = TRUE;
        }
    }
  else if (has_prefix_ci (header, "Uploaded patch set "))
    {
      m->ps = atoi (header + 19);
      known_auto = TRUE;
    }
  else if (has_prefix_ci (header, "Change has been successfully merged") ||
           has_prefix_ci (header, "Change has been successfully pushed") ||
           has_prefix_ci (header, "Change has been successfully cherry-picked") ||
           has_prefix_ci (header, "Change has been successfully rebased and submitted"))
    {
      m->merged = TRUE;
      known_auto = TRUE;
    }
  else if (has_prefix_ci (header, "Abandoned") || has_prefix_ci (header, "Restored") ||
           has_prefix_ci (header, "Reverted"))
    {
      m->abandoned = has_prefix_ci (header, "Abandoned");
      reason_only = TRUE;
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (automatic_headers); i++)
        if (has_prefix_ci (header, automatic_headers[i]))
          known_auto = TRUE;
    }

  /* The text after the header, without counters. */
  g_string_truncate (scratch, 0);
  if (patch_set || reason_only || known_auto)
    {
      const char *line = rest;

      while (*line != '\0')
        {
          const char *eol = strchr (line, '\n');
          gsize len = eol != NULL ? (gsize) (eol - line) : strlen (line);

          if (is_counter_line (line, len))
            m->publishes = TRUE;
          else
            {
              g_string_append_len (scratch, line, (gssize) len);
              g_string_append_c (scratch, '\n');
            }
          if (eol == NULL)
            break;
          line = eol + 1;
        }
    }
  else
    g_string_assign (scratch, message);

  /* trim */
  {
    gsize start = 0, end = scratch->len;

    while (start < end && g_ascii_isspace (scratch->str[start]))
      start++;
    while (end > start && g_ascii_isspace (scratch->str[end - 1]))
      end--;
    g_string_truncate (scratch, end);
    g_string_erase (scratch, 0, (gssize) start);
  }

  /* Automatic messages are never comments, even with a trailing text
   * (the rebase and merge messages carry none; "Uploaded patch set"
   * may repeat the commit message). */
  m->is_comment = scratch->len > 0 && (patch_set || reason_only || !known_auto) &&
                  !(patch_set && known_auto);
  m->text = scratch->str;
  m->text_len = scratch->len;
}

/* ======================================================================
 * Changes
 * ====================================================================== */

static const char *
change_state (const char *status,
              gboolean   *draft)
{
  if (status == NULL)
    return NULL;
  if (g_ascii_strcasecmp (status, "NEW") == 0)
    return "open";
  if (g_ascii_strcasecmp (status, "DRAFT") == 0)
    {
      *draft = TRUE;
      return "open";
    }
  if (g_ascii_strcasecmp (status, "MERGED") == 0)
    return "merged";
  if (g_ascii_strcasecmp (status, "ABANDONED") == 0)
    return "closed";
  return NULL;
}

/* Record a vote when it is the newest of its (patch set, account, label). */
static void
note_vote (GHashTable *votes,
           JsonObject *account,
           int         ps,
           const char *label,
           int         value,
           UcTime      time)
{
  const char *who = account_key (account);
  g_autofree char *key = NULL;
  Vote *v;

  if (who == NULL || label == NULL)
    return;
  key = g_strdup_printf ("%d\037%s\037%s", ps, who, label);
  v = g_hash_table_lookup (votes, key);
  if (v != NULL && v->time > time)
    return;
  if (v == NULL)
    {
      v = g_new0 (Vote, 1);
      g_hash_table_insert (votes, g_steal_pointer (&key), v);
    }
  v->account = account;
  v->ps = ps;
  g_free (v->label);
  v->label = g_strdup (label);
  v->value = value;
  v->time = time;
}

static gboolean
is_code_review (const char *label)
{
  return label != NULL && (g_ascii_strcasecmp (label, "Code-Review") == 0 ||
                           g_ascii_strcasecmp (label, "CRVW") == 0);
}

static int
compare_votes (gconstpointer a,
               gconstpointer b)
{
  const Vote *x = *(Vote * const *) a, *y = *(Vote * const *) b;
  int c;

  if (x->ps != y->ps)
    return x->ps < y->ps ? -1 : 1;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  c = g_strcmp0 (account_key (x->account), account_key (y->account));
  return c != 0 ? c : g_strcmp0 (x->label, y->label);
}

static gboolean
read_change (GerritImporter  *imp,
             JsonObject      *o,
             GError         **error)
{
  char *problem = NULL;
  const char *project, *status, *subject, *message, *topic;
  gint64 number;
  UcTime created, updated;
  gboolean draft = FALSE, wip;
  JsonObject *owner;
  JsonArray *patch_sets, *messages, *tracking;
  const char *state;
  g_autofree char *number_text = NULL;
  g_autoptr(GArray) parsed = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GHashTable) votes = NULL;
  g_autoptr(GHashTable) seen_ids = NULL;
  JsonObject *newest = NULL, *submitter = NULL, *first_ps = NULL;
  int newest_num = 0, max_ps = 0, first_num = G_MAXINT;
  UcTime submit_time = 0, merged_msg_time = 0, abandoned_time = 0;
  JsonObject *merged_msg_by = NULL;
  UcChangeRequestRow row = { 0 };
  UcId repo_id, cr_id, author;
  gboolean inserted;

  project = get_string (o, "project", &problem);
  if (!get_int (o, "number", &number, &problem))
    set_problem (&problem, g_strdup (_("the change has no “number”")));
  created = get_epoch (o, "createdOn", &problem);
  if (created == 0)
    set_problem (&problem, g_strdup (_("the change has no “createdOn”")));
  updated = get_epoch (o, "lastUpdated", &problem);
  status = get_string (o, "status", &problem);
  subject = get_string (o, "subject", &problem);
  message = get_string (o, "commitMessage", &problem);
  topic = get_string (o, "topic", &problem);
  wip = get_bool (o, "wip", &problem);
  owner = get_object (o, "owner", &problem);
  patch_sets = get_array (o, "patchSets", &problem);
  messages = get_array (o, "comments", &problem);
  tracking = get_array (o, "trackingIds", &problem);
  if (problem == NULL && (project == NULL || *project == '\0'))
    problem = g_strdup (_("the change has no “project”"));
  if (problem == NULL && (state = change_state (status, &draft)) == NULL)
    problem = status == NULL
              ? g_strdup_printf (_("change %" G_GINT64_FORMAT " has no “status”"), number)
              : g_strdup_printf (_("change %" G_GINT64_FORMAT " has an unknown status “%s”"), number, status);
  if (problem != NULL)
    return record_problem (imp, NULL, problem, error);

  /* Patch sets: validate them all before writing anything. */
  for (guint i = 0; patch_sets != NULL && i < json_array_get_length (patch_sets); i++)
    {
      JsonNode *n = json_array_get_element (patch_sets, i);
      JsonObject *ps;
      gint64 num;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return record_problem (imp, NULL, g_strdup_printf (_("patchSets[%u] is not an object"), i), error);
      ps = json_node_get_object (n);
      if (!get_int (ps, "number", &num, &problem) || num <= 0 || num > G_MAXINT)
        {
          g_free (problem);
          return record_problem (imp, NULL, g_strdup_printf (_("patchSets[%u] has no valid “number”"), i), error);
        }
      get_epoch (ps, "createdOn", &problem);
      get_array (ps, "approvals", &problem);
      get_array (ps, "comments", &problem);
      get_object (ps, "uploader", &problem);
      if (problem != NULL)
        {
          g_autofree char *p = problem;

          return record_problem (imp, NULL, g_strdup_printf ("patchSets[%u]: %s", i, p), error);
        }
      max_ps = MAX (max_ps, (int) num);
      if ((int) num >= newest_num)
        {
          newest_num = (int) num;
          newest = ps;
        }
      if ((int) num < first_num)
        {
          first_num = (int) num;
          first_ps = ps;
        }
    }

  repo_id = ensure_repo (imp, project, error);
  if (repo_id == 0)
    return FALSE;
  if (owner == NULL && first_ps != NULL)
    {
      owner = get_object (first_ps, "uploader", &problem);
      if (owner == NULL)
        owner = get_object (first_ps, "author", &problem);
      g_clear_pointer (&problem, g_free);
    }
  author = gerrit_identity (imp, owner, error);
  if (author == 0 && error != NULL && *error != NULL)
    return FALSE;

  /* Change messages. */
  parsed = g_array_new (FALSE, TRUE, sizeof (ChangeMessage));
  g_array_set_clear_func (parsed, change_message_clear);
  texts = g_ptr_array_new_with_free_func (string_free);
  votes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) vote_free);
  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonNode *n = json_array_get_element (messages, i);
      g_autofree char *sub = g_strdup_printf ("comments[%u]", i);
      ChangeMessage m = { 0 };
      JsonObject *mo;
      const char *text;
      GString *scratch;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          if (!record_problem (imp, sub, g_strdup (_("not an object")), error))
            return FALSE;
          continue;
        }
      mo = json_node_get_object (n);
      m.time = get_epoch (mo, "timestamp", &problem);
      text = get_string (mo, "message", &problem);
      m.author = get_object (mo, "reviewer", &problem);
      if (problem == NULL && m.time == 0)
        problem = g_strdup (_("the message has no “timestamp”"));
      if (problem != NULL)
        {
          if (!record_problem (imp, sub, g_steal_pointer (&problem), error))
            return FALSE;
          continue;
        }
      m.author_key = account_key (m.author);
      scratch = g_string_new (NULL);
      g_ptr_array_add (texts, scratch);
      parse_message (text != NULL ? text : "", &m, scratch);
      /* Gerrit writes no "reviewer" on messages the server made itself. */
      if (m.author == NULL)
        m.is_comment = FALSE;
      if (m.ps == 0)
        {
          /* the newest patch set created at or before the message */
          UcTime best = 0;

          for (guint j = 0; patch_sets != NULL && j < json_array_get_length (patch_sets); j++)
            {
              JsonObject *ps = json_array_get_object_element (patch_sets, j);
              UcTime t = get_epoch (ps, "createdOn", &problem);
              gint64 num = 0;

              get_int (ps, "number", &num, &problem);
              if (t <= m.time && t >= best)
                {
                  best = t;
                  m.ps = (int) num;
                }
            }
          g_clear_pointer (&problem, g_free);
        }
      if (m.merged && m.time >= merged_msg_time)
        {
          merged_msg_time = m.time;
          merged_msg_by = m.author;
        }
      if (m.abandoned)
        abandoned_time = MAX (abandoned_time, m.time);
      for (guint v = 0; m.votes != NULL && v + 1 < m.votes->len; v += 2)
        note_vote (votes, m.author, m.ps, g_ptr_array_index (m.votes, v),
                   atoi (g_ptr_array_index (m.votes, v + 1)), m.time);
      g_array_append_val (parsed, m);
    }

  /* Approvals (after the messages: on a tie, the approval is the state). */
  for (guint i = 0; patch_sets != NULL && i < json_array_get_length (patch_sets); i++)
    {
      JsonObject *ps = json_array_get_object_element (patch_sets, i);
      JsonArray *approvals = get_array (ps, "approvals", &problem);
      UcTime ps_time = get_epoch (ps, "createdOn", &problem);
      gint64 num = 0;

      get_int (ps, "number", &num, &problem);
      g_clear_pointer (&problem, g_free);
      for (guint j = 0; approvals != NULL && j < json_array_get_length (approvals); j++)
        {
          JsonNode *n = json_array_get_element (approvals, j);
          g_autofree char *sub = g_strdup_printf ("patchSets[%u].approvals[%u]", i, j);
          JsonObject *a, *by;
          const char *type;
          gint64 value;
          UcTime granted;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            {
              if (!record_problem (imp, sub, g_strdup (_("not an object")), error))
                return FALSE;
              continue;
            }
          a = json_node_get_object (n);
          type = get_string (a, "type", &problem);
          by = get_object (a, "by", &problem);
          granted = get_epoch (a, "grantedOn", &problem);
          if (!get_int (a, "value", &value, &problem))
            set_problem (&problem, g_strdup (_("the approval has no “value”")));
          if (problem == NULL && type == NULL)
            problem = g_strdup (_("the approval has no “type”"));
          if (problem != NULL)
            {
              if (!record_problem (imp, sub, g_steal_pointer (&problem), error))
                return FALSE;
              continue;
            }
          if (granted == 0)
            granted = ps_time;
          if (g_ascii_strcasecmp (type, "SUBM") == 0 || g_ascii_strcasecmp (type, "SUBMIT") == 0)
            {
              if (ps == newest && granted >= submit_time)
                {
                  submit_time = granted;
                  submitter = by;
                }
              continue;
            }
          note_vote (votes, by, (int) num, type, (int) CLAMP (value, -1000, 1000), granted);
        }
    }

  /* The change itself. */
  number_text = g_strdup_printf ("%" G_GINT64_FORMAT, number);
  row.repo_id = repo_id;
  row.number = number_text;
  row.author_identity = author;
  row.state = state;
  row.created_time = created;
  row.updated_time = updated != 0 ? updated : created;
  row.additions = -1;
  row.deletions = -1;
  row.n_commits = 1;
  row.n_rounds = max_ps > 0 ? max_ps : -1;
  row.is_draft = draft || wip;
  row.title_len = char_length (subject);
  if (newest != NULL)
    {
      gint64 ins, del;

      if (get_int (newest, "sizeInsertions", &ins, &problem))
        row.additions = ABS (ins);
      if (get_int (newest, "sizeDeletions", &del, &problem))
        row.deletions = ABS (del);
      row.last_commit_time = get_epoch (newest, "createdOn", &problem);
      row.is_draft |= get_bool (newest, "isDraft", &problem);
      g_clear_pointer (&problem, g_free);
    }
  if (message != NULL)
    {
      /* the body: the commit message after its subject paragraph */
      const char *body = strstr (message, "\n\n");
      g_autofree char *trimmed = body != NULL ? g_strstrip (g_strdup (body)) : NULL;

      row.body_len = char_length (trimmed);
    }
  if (g_str_equal (state, "merged"))
    {
      UcId by = 0;

      row.merged_time = submit_time != 0 ? submit_time :
                        merged_msg_time != 0 ? merged_msg_time : row.updated_time;
      by = gerrit_identity (imp, submit_time != 0 ? submitter : merged_msg_by, error);
      if (by == 0 && error != NULL && *error != NULL)
        return FALSE;
      row.merged_by_identity = by;
    }
  else if (g_str_equal (state, "closed"))
    row.closed_time = abandoned_time != 0 ? abandoned_time : row.updated_time;
  row.source_id = imp->ctx->source_id;

  cr_id = uc_store_add_change_request (imp->ctx->store, &row, &inserted, error);
  if (cr_id <= 0)
    return FALSE;
  if (inserted)
    imp->ctx->n_new++;
  imp->n_changes++;
  _uc_import_note_time (imp->ctx, created);
  _uc_import_note_time (imp->ctx, row.updated_time);

  /* Links. */
  if (!add_links (imp, cr_id, subject, -1, "title", error) ||
      !add_links (imp, cr_id, topic, -1, "branch", error))
    return FALSE;
  if (message != NULL)
    {
      const char *nl = strchr (message, '\n');
      const char *body = nl != NULL ? nl + 1 : "";
      gssize trailer = uc_text_trailer_block (body, -1);

      if (!add_links (imp, cr_id, body, trailer >= 0 ? trailer : -1, "body", error) ||
          (trailer >= 0 && !add_links (imp, cr_id, body + trailer, -1, "trailer", error)))
        return FALSE;
    }
  for (guint i = 0; tracking != NULL && i < json_array_get_length (tracking); i++)
    {
      JsonNode *n = json_array_get_element (tracking, i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        continue;
      id = get_string (json_node_get_object (n), "id", &problem);
      g_clear_pointer (&problem, g_free);
      if (id != NULL && *id != '\0' &&
          !uc_store_add_link (imp->ctx->store, 0, cr_id, id, "trailer", imp->ctx->source_id, error))
        return FALSE;
    }

  /* Reviews: the latest Code-Review vote per reviewer per patch set. */
  {
    g_autoptr(GPtrArray) list = g_ptr_array_new ();
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, votes);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (list, value);
    g_ptr_array_sort (list, compare_votes);
    for (guint i = 0; i < list->len; i++)
      {
        Vote *v = g_ptr_array_index (list, i);
        g_autofree char *ext_id = NULL;
        UcReviewRow review = { 0 };
        UcId reviewer;
        gboolean new_review;

        if (!is_code_review (v->label) || v->value == 0)
          {
            /* every voter is an identity; CI voters are flagged as agents */
            if (gerrit_identity (imp, v->account, error) == 0 && error != NULL && *error != NULL)
              return FALSE;
            continue;
          }
        reviewer = gerrit_identity (imp, v->account, error);
        if (reviewer == 0 && error != NULL && *error != NULL)
          return FALSE;
        ext_id = g_strdup_printf ("gerrit:%" G_GINT64_FORMAT ":ps%d:%s", number, v->ps,
                                  account_key (v->account));
        review.cr_id = cr_id;
        review.ext_id = ext_id;
        review.reviewer_identity = reviewer;
        review.state = v->value > 0 ? UC_REVIEW_APPROVED : UC_REVIEW_CHANGES_REQUESTED;
        review.time = v->time;
        review.is_objection = v->value < 0;
        /* the text of the message that cast the vote */
        for (guint j = 0; j < parsed->len; j++)
          {
            ChangeMessage *m = &g_array_index (parsed, ChangeMessage, j);

            if (m->ps == v->ps && m->time == v->time && m->is_comment &&
                g_strcmp0 (m->author_key, account_key (v->account)) == 0)
              {
                review.body_len = (guint) MIN (g_utf8_strlen (m->text, (gssize) m->text_len),
                                               (glong) G_MAXUINT);
                review.is_objection |= uc_text_has_objection (m->text, (gssize) m->text_len, NULL);
              }
          }
        review.source_id = imp->ctx->source_id;
        if (uc_store_add_review (imp->ctx->store, &review, &new_review, error) <= 0)
          return FALSE;
        _uc_import_note_time (imp->ctx, v->time);
      }
  }

  /* Comments: change messages with text of their own. */
  seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < parsed->len; i++)
    {
      ChangeMessage *m = &g_array_index (parsed, ChangeMessage, i);
      g_autofree char *base = NULL;
      g_autofree char *ext_id = NULL;
      UcCommentRow c = { 0 };
      UcId who;
      gboolean new_comment;
      guint k = 0;

      if (!m->is_comment)
        {
          if (gerrit_identity (imp, m->author, error) == 0 && error != NULL && *error != NULL)
            return FALSE;
          continue;
        }
      base = g_strdup_printf ("gerrit:%" G_GINT64_FORMAT ":msg:%" G_GINT64_FORMAT ":%s",
                              number, m->time, m->author_key != NULL ? m->author_key : "");
      ext_id = g_strdup (base);
      while (g_hash_table_contains (seen_ids, ext_id))
        {
          g_free (ext_id);
          ext_id = g_strdup_printf ("%s:%u", base, ++k);
        }
      g_hash_table_add (seen_ids, g_strdup (ext_id));
      who = gerrit_identity (imp, m->author, error);
      if (who == 0 && error != NULL && *error != NULL)
        return FALSE;
      c.ext_id = ext_id;
      c.cr_id = cr_id;
      c.author_identity = who;
      c.time = m->time;
      c.body_len = (guint) MIN (g_utf8_strlen (m->text, (gssize) m->text_len), (glong) G_MAXUINT);
      c.is_objection = uc_text_has_objection (m->text, (gssize) m->text_len, NULL);
      c.source_id = imp->ctx->source_id;
      if (uc_store_add_comment (imp->ctx->store, &c, &new_comment, error) <= 0)
        return FALSE;
      _uc_import_note_time (imp->ctx, m->time);
    }

  /* Inline comments of each patch set. */
  for (guint i = 0; patch_sets != NULL && i < json_array_get_length (patch_sets); i++)
    {
      JsonObject *ps = json_array_get_object_element (patch_sets, i);
      JsonArray *inline_comments = get_array (ps, "comments", &problem);
      UcTime ps_time = get_epoch (ps, "createdOn", &problem);
      gint64 num = 0;

      get_int (ps, "number", &num, &problem);
      g_clear_pointer (&problem, g_free);
      for (guint j = 0; inline_comments != NULL && j < json_array_get_length (inline_comments); j++)
        {
          JsonNode *n = json_array_get_element (inline_comments, j);
          g_autofree char *sub = g_strdup_printf ("patchSets[%u].comments[%u]", i, j);
          g_autofree char *base = NULL;
          g_autofree char *ext_id = NULL;
          JsonObject *ic, *reviewer;
          const char *file, *text, *who_key;
          gint64 line = 0;
          UcTime time;
          UcCommentRow c = { 0 };
          UcId who;
          gboolean new_comment;
          guint k = 0;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            {
              if (!record_problem (imp, sub, g_strdup (_("not an object")), error))
                return FALSE;
              continue;
            }
          ic = json_node_get_object (n);
          file = get_string (ic, "file", &problem);
          text = get_string (ic, "message", &problem);
          reviewer = get_object (ic, "reviewer", &problem);
          get_int (ic, "line", &line, &problem);
          time = get_epoch (ic, "timestamp", &problem);
          if (problem != NULL)
            {
              if (!record_problem (imp, sub, g_steal_pointer (&problem), error))
                return FALSE;
              continue;
            }
          who_key = account_key (reviewer);
          if (time == 0)
            {
              /* the message that published it: "(N comments)" first */
              UcTime any = 0;

              for (guint q = 0; q < parsed->len; q++)
                {
                  ChangeMessage *m = &g_array_index (parsed, ChangeMessage, q);

                  if (m->ps != (int) num || g_strcmp0 (m->author_key, who_key) != 0)
                    continue;
                  if (m->publishes && (time == 0 || m->time < time))
                    time = m->time;
                  if (any == 0 || m->time < any)
                    any = m->time;
                }
              if (time == 0)
                time = any != 0 ? any : ps_time;
              if (time == 0)
                time = created;
            }
          base = g_strdup_printf ("gerrit:%" G_GINT64_FORMAT ":ps%" G_GINT64_FORMAT ":%s:%" G_GINT64_FORMAT ":%s",
                                  number, num, file != NULL ? file : "", line,
                                  who_key != NULL ? who_key : "");
          ext_id = g_strdup (base);
          while (g_hash_table_contains (seen_ids, ext_id))
            {
              g_free (ext_id);
              ext_id = g_strdup_printf ("%s:%u", base, ++k);
            }
          g_hash_table_add (seen_ids, g_strdup (ext_id));
          who = gerrit_identity (imp, reviewer, error);
          if (who == 0 && error != NULL && *error != NULL)
            return FALSE;
          c.ext_id = ext_id;
          c.cr_id = cr_id;
          c.author_identity = who;
          c.time = time;
          c.is_review_comment = TRUE;
          c.body_len = char_length (text);
          c.is_objection = uc_text_has_objection (text, -1, NULL);
          c.source_id = imp->ctx->source_id;
          if (uc_store_add_comment (imp->ctx->store, &c, &new_comment, error) <= 0)
            return FALSE;
          _uc_import_note_time (imp->ctx, time);
        }
    }
  return TRUE;
}

/* One record: a change, a stats line, an error line or a Perceval item. */
static gboolean
read_record (GerritImporter  *imp,
             JsonObject      *o,
             GError         **error)
{
  char *problem = NULL;
  const char *type = get_string (o, "type", &problem);
  const char *backend;

  g_clear_pointer (&problem, g_free);
  if (type != NULL && g_str_equal (type, "stats"))
    return TRUE;
  if (type != NULL && g_str_equal (type, "error"))
    {
      const char *message = get_string (o, "message", &problem);

      g_clear_pointer (&problem, g_free);
      return record_problem (imp, NULL,
                             g_strdup_printf (_("the query reported an error: %s"),
                                              message != NULL ? message : "?"),
                             error);
    }
  if (has_member (o, "backend_name"))
    {
      JsonObject *data;

      backend = get_string (o, "backend_name", &problem);
      data = get_object (o, "data", &problem);
      if (problem != NULL)
        return record_problem (imp, NULL, problem, error);
      if (backend == NULL || g_ascii_strcasecmp (backend, "gerrit") != 0)
        return record_problem (imp, NULL,
                               g_strdup_printf (_("a Perceval item of the “%s” backend, not Gerrit"),
                                                backend != NULL ? backend : "?"),
                               error);
      if (data == NULL)
        return record_problem (imp, NULL, g_strdup (_("the Perceval item has no “data”")), error);
      return read_change (imp, data, error);
    }
  if (!has_member (o, "project") && !has_member (o, "number"))
    return record_problem (imp, NULL,
                           g_strdup (_("not a Gerrit change (no “project” or “number”)")), error);
  return read_change (imp, o, error);
}

/* "gerrit version 3.4.1": what `gerrit version` prints. */
static gboolean
is_version_text (const char *text,
                 gsize       len)
{
  gsize i = 0;

  while (i < len && g_ascii_isspace (text[i]))
    i++;
  return len - i >= 15 && g_ascii_strncasecmp (text + i, "gerrit version ", 15) == 0;
}

static gboolean
gerrit_import (UcImportContext  *ctx,
               GError          **error)
{
  GerritImporter imp = { 0 };
  g_autoptr(GInputStream) stream = NULL;
  JsonSplitter split;
  gboolean ok = TRUE;

  imp.ctx = ctx;
  imp.repos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.identities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.keys = g_ptr_array_new_with_free_func (g_free);

  stream = open_json_stream (ctx->path, ctx->display_name, ctx->cancellable, error);
  if (stream == NULL)
    ok = FALSE;
  else
    json_splitter_init (&split, stream, ctx->cancellable);

  while (ok)
    {
      g_autofree char *problem = NULL;
      g_autoptr(JsonParser) parser = NULL;
      JsonNode *root;
      SplitResult r;

      r = json_splitter_next (&split, &problem, error);
      if (r == SPLIT_END)
        break;
      imp.record = split.n_values + (r == SPLIT_ERROR ? 1 : 0);
      imp.record_line = r == SPLIT_ERROR ? split.error_line : split.value_line;
      if (r == SPLIT_ERROR)
        {
          if (problem == NULL)
            ok = FALSE;
          else
            {
              if (split.not_json)
                {
                  /* Say what the file is when we can. */
                  char head[64];
                  FILE *fp = g_fopen (ctx->path, "rb");
                  gsize n = 0;

                  if (fp != NULL)
                    {
                      n = fread (head, 1, sizeof head, fp);
                      fclose (fp);
                    }
                  if (is_version_text (head, n))
                    {
                      g_free (problem);
                      problem = g_strdup (_("this is the output of “gerrit version”, not of “gerrit query --format=JSON”"));
                    }
                }
              ok = record_problem (&imp, NULL, g_steal_pointer (&problem), error);
            }
          break;
        }

      ctx->n_records++;
      if (!_uc_import_tick (ctx, ctx->size > 0 ? (double) split.offset / (double) ctx->size : -1.0,
                            error))
        {
          ok = FALSE;
          break;
        }
      parser = parse_record (split.value->str, split.value->len, split.value_line, &problem);
      if (parser == NULL)
        {
          ok = record_problem (&imp, NULL, g_steal_pointer (&problem), error);
          continue;
        }
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          ok = record_problem (&imp, NULL, g_strdup (_("not a JSON object")), error);
          continue;
        }
      ok = read_record (&imp, json_node_get_object (root), error);
    }

  if (stream != NULL)
    json_splitter_clear (&split);
  if (ok && imp.n_changes == 0 && ctx->n_records == 0 && ctx->warnings->len == 0)
    {
      _uc_import_set_parse_error (ctx, error, _("whole file"), _("it holds no Gerrit changes"));
      ok = FALSE;
    }

  g_hash_table_unref (imp.repos);
  g_hash_table_unref (imp.identities);
  g_ptr_array_unref (imp.keys);
  return ok;
}

/* ======================================================================
 * Detection
 * ====================================================================== */

enum
{
  G_PROJECT = 1 << 0,
  G_NUMBER = 1 << 1,
  G_CREATED_ON = 1 << 2,
  G_LAST_UPDATED = 1 << 3,
  G_PATCH_SETS = 1 << 4,
  G_OWNER = 1 << 5,
  G_STATUS = 1 << 6,
  G_ROW_COUNT = 1 << 7,
  G_COMMIT_MESSAGE = 1 << 8,
};

static const struct { const char *key; guint bit; } gerrit_keys[] = {
  { "project", G_PROJECT }, { "number", G_NUMBER }, { "createdOn", G_CREATED_ON },
  { "lastUpdated", G_LAST_UPDATED }, { "patchSets", G_PATCH_SETS }, { "owner", G_OWNER },
  { "status", G_STATUS }, { "rowCount", G_ROW_COUNT }, { "commitMessage", G_COMMIT_MESSAGE },
};

static double
gerrit_probe (const UcImportProbe *probe)
{
  const char *text = (const char *) probe->head;
  gsize len = probe->head_len, i = 0;
  const char *last_key = NULL;
  gsize last_key_len = 0;
  guint bits = 0;
  gboolean backend_gerrit = FALSE, backend_other = FALSE, stats = FALSE;

  if (probe->is_dir || text == NULL)
    return 0.0;
  while (i < len && g_ascii_isspace (text[i]))
    i++;
  if (i >= len || (text[i] != '{' && text[i] != '['))
    return 0.0;

  /* keys at any depth, and the values of "backend_name" and "type" */
  while (i < len)
    {
      if (text[i] == '"')
        {
          gsize start = ++i, end, j;

          while (i < len && text[i] != '"')
            i += text[i] == '\\' ? 2 : 1;
          if (i >= len)
            break;
          end = i++;
          j = i;
          while (j < len && g_ascii_isspace (text[j]))
            j++;
          if (j < len && text[j] == ':')
            {
              last_key = text + start;
              last_key_len = end - start;
              for (guint k = 0; k < G_N_ELEMENTS (gerrit_keys); k++)
                if (strlen (gerrit_keys[k].key) == last_key_len &&
                    memcmp (gerrit_keys[k].key, last_key, last_key_len) == 0)
                  bits |= gerrit_keys[k].bit;
            }
          else if (last_key != NULL)
            {
              if (last_key_len == 12 && memcmp (last_key, "backend_name", 12) == 0)
                {
                  if (end - start == 6 && g_ascii_strncasecmp (text + start, "gerrit", 6) == 0)
                    backend_gerrit = TRUE;
                  else
                    backend_other = TRUE;
                }
              else if (last_key_len == 4 && memcmp (last_key, "type", 4) == 0 &&
                       end - start == 5 && memcmp (text + start, "stats", 5) == 0)
                stats = TRUE;
              last_key = NULL;
            }
          continue;
        }
      if (text[i] != ':' && !g_ascii_isspace (text[i]))
        last_key = NULL;
      i++;
    }

  if (backend_gerrit)
    return 0.95;
  if (backend_other)
    return 0.0;
  if ((bits & (G_PROJECT | G_NUMBER)) == (G_PROJECT | G_NUMBER) &&
      (bits & (G_CREATED_ON | G_LAST_UPDATED | G_PATCH_SETS | G_COMMIT_MESSAGE)) != 0)
    return 0.9;
  if (stats && (bits & G_ROW_COUNT) && bits == G_ROW_COUNT)
    return 0.6;   /* a query that found nothing */
  return 0.0;
}

const UcImportFormat _uc_import_format_gerrit = {
  "gerrit",
  N_("Gerrit query output"),
  UC_IMPORT_INPUT_FILE,
  gerrit_probe,
  NULL,
  gerrit_import,
};
