/* uc-chat-import.c: helpers shared by the Slack and Mattermost importers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "uc-chat-import-private.h"
#include "uc-json-fast.h"

/* ---- streaming JSON records ---- */

#define SPLIT_CHUNK (64 * 1024)

/* Deeper nesting than this is refused before json-glib (which recurses)
 * sees it: no real export nests more than a few levels. */
#define MAX_DEPTH 256

void
_uc_json_splitter_init (UcJsonSplitter *splitter,
                        UcJsonReadFunc  read,
                        gpointer        read_data)
{
  memset (splitter, 0, sizeof *splitter);
  splitter->read = read;
  splitter->read_data = read_data;
  splitter->alloc = SPLIT_CHUNK * 2;
  splitter->buf = g_malloc (splitter->alloc);
  splitter->line = 1;
}

void
_uc_json_splitter_clear (UcJsonSplitter *splitter)
{
  g_clear_pointer (&splitter->buf, g_free);
  splitter->start = splitter->end = 0;
}

/* Read one more chunk, keeping the bytes from start on (offsets relative to
 * start stay valid). */
static gboolean
splitter_fill (UcJsonSplitter  *s,
               GError         **error)
{
  gssize n;

  if (s->start > 0)
    {
      memmove (s->buf, s->buf + s->start, s->end - s->start);
      s->end -= s->start;
      s->start = 0;
    }
  if (s->alloc - s->end < SPLIT_CHUNK)
    {
      s->alloc *= 2;
      s->buf = g_realloc (s->buf, s->alloc);
    }
  n = s->read (s->read_data, s->buf + s->end, s->alloc - s->end, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    s->eof = TRUE;
  s->end += (gsize) n;
  return TRUE;
}

static void
splitter_consume (UcJsonSplitter *s,
                  gsize           n)
{
  for (gsize i = 0; i < n; i++)
    if (s->buf[s->start + i] == '\n')
      s->line++;
  s->start += n;
  s->consumed += n;
}

/* Skip blank space. Afterwards start < end, or the input is exhausted. */
static gboolean
splitter_skip_space (UcJsonSplitter  *s,
                     GError         **error)
{
  for (;;)
    {
      while (s->start < s->end && g_ascii_isspace (s->buf[s->start]))
        splitter_consume (s, 1);
      if (s->start < s->end || s->eof)
        return TRUE;
      if (!splitter_fill (s, error))
        return FALSE;
    }
}

static void
describe_byte (char  c,
               char  out[16])
{
  if (g_ascii_isgraph (c))
    g_snprintf (out, 16, "“%c”", c);
  else
    g_snprintf (out, 16, "0x%02X", (guchar) c);
}

static void
set_syntax_error (GError     **error,
                  const char  *format,
                  ...) G_GNUC_PRINTF (2, 3);

static void
set_syntax_error (GError     **error,
                  const char  *format,
                  ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, message);
}

gboolean
_uc_json_splitter_start (UcJsonSplitter  *splitter,
                         UcJsonSplitMode *mode,
                         GError         **error)
{
  UcJsonSplitter *s = splitter;
  char c;

  if (!s->started)
    {
      if (!splitter_skip_space (s, error))
        return FALSE;
      s->started = TRUE;
      if (s->start >= s->end)
        s->mode = UC_JSON_SPLIT_NONE;
      else if ((c = s->buf[s->start]) == '[')
        {
          s->mode = UC_JSON_SPLIT_ARRAY;
          splitter_consume (s, 1);
        }
      else if (c == '{')
        s->mode = UC_JSON_SPLIT_VALUES;
      else
        {
          char shown[16];

          describe_byte (c, shown);
          s->done = TRUE;
          set_syntax_error (error, _("not JSON: it starts with %s instead of “[” or “{”"), shown);
          return FALSE;
        }
    }
  if (mode != NULL)
    *mode = s->mode;
  return TRUE;
}

/* Scan one value starting at buf[start]; on success *length is its size. */
static gboolean
splitter_scan_value (UcJsonSplitter  *s,
                     gsize           *length,
                     GError         **error)
{
  gsize i = 0;
  guint depth = 0;
  gboolean in_string = FALSE, escape = FALSE;
  char first = s->buf[s->start];
  gboolean bare = first != '{' && first != '[' && first != '"';

  for (;;)
    {
      while (s->start + i < s->end)
        {
          char b = s->buf[s->start + i];

          if (bare)
            {
              if (g_ascii_isspace (b) || b == ',' || b == ']' || b == '}' ||
                  b == '[' || b == '{' || b == '"')
                {
                  if (i == 0)
                    {
                      /* a separator where a record should start: never
                       * return an empty record (it would not advance) */
                      char shown[16];

                      describe_byte (b, shown);
                      s->done = TRUE;
                      set_syntax_error (error, _("unexpected %s where a record should start"), shown);
                      return FALSE;
                    }
                  *length = i;
                  return TRUE;
                }
              i++;
              continue;
            }
          i++;
          if (in_string)
            {
              if (escape)
                escape = FALSE;
              else if (b == '\\')
                escape = TRUE;
              else if (b == '"')
                {
                  in_string = FALSE;
                  if (depth == 0)
                    {
                      *length = i;
                      return TRUE;
                    }
                }
              continue;
            }
          if (b == '"')
            in_string = TRUE;
          else if (b == '{' || b == '[')
            {
              if (++depth > MAX_DEPTH)
                {
                  s->done = TRUE;
                  set_syntax_error (error, _("nested more than %d levels deep"), MAX_DEPTH);
                  return FALSE;
                }
            }
          else if (b == '}' || b == ']')
            {
              if (depth == 0)
                {
                  s->done = TRUE;
                  set_syntax_error (error, _("unbalanced “%c”"), b);
                  return FALSE;
                }
              if (--depth == 0)
                {
                  *length = i;
                  return TRUE;
                }
            }
        }

      if (i > UC_JSON_MAX_RECORD)
        {
          s->done = TRUE;
          set_syntax_error (error, _("a record larger than %d MB"), UC_JSON_MAX_RECORD / (1024 * 1024));
          return FALSE;
        }
      if (s->eof)
        {
          if (bare && i > 0)
            {
              *length = i;
              return TRUE;
            }
          s->done = TRUE;
          set_syntax_error (error, _("the file ends in the middle of this record (truncated?)"));
          return FALSE;
        }
      if (!splitter_fill (s, error))
        return FALSE;
    }
}

gboolean
_uc_json_splitter_next (UcJsonSplitter  *splitter,
                        const char     **record,
                        gsize           *length,
                        GError         **error)
{
  UcJsonSplitter *s = splitter;
  char shown[16];
  gsize len = 0;

  if (!s->started && !_uc_json_splitter_start (s, NULL, error))
    return FALSE;
  if (s->done || s->mode == UC_JSON_SPLIT_NONE)
    return FALSE;

  if (!splitter_skip_space (s, error))
    return FALSE;
  s->record_line = s->line;

  if (s->mode == UC_JSON_SPLIT_ARRAY)
    {
      if (s->start >= s->end)
        {
          s->done = TRUE;
          set_syntax_error (error, _("the file ends before the closing “]” (truncated?)"));
          return FALSE;
        }
      if (s->n_records > 0 && s->buf[s->start] != ']')
        {
          if (s->buf[s->start] != ',')
            {
              describe_byte (s->buf[s->start], shown);
              s->done = TRUE;
              set_syntax_error (error, _("expected “,” or “]” after the previous record, found %s"), shown);
              return FALSE;
            }
          splitter_consume (s, 1);
          if (!splitter_skip_space (s, error))
            return FALSE;
          s->record_line = s->line;
          if (s->start >= s->end)
            {
              s->done = TRUE;
              set_syntax_error (error, _("the file ends before the closing “]” (truncated?)"));
              return FALSE;
            }
        }
      if (s->buf[s->start] == ']')
        {
          splitter_consume (s, 1);
          s->done = TRUE;
          if (!splitter_skip_space (s, error))
            return FALSE;
          if (s->start < s->end)
            {
              describe_byte (s->buf[s->start], shown);
              set_syntax_error (error, _("unexpected %s after the closing “]”"), shown);
              return FALSE;
            }
          return FALSE;
        }
      if (s->buf[s->start] == ',')
        {
          s->done = TRUE;
          set_syntax_error (error, _("a “,” where a record should be"));
          return FALSE;
        }
    }
  else if (s->start >= s->end)
    {
      s->done = TRUE;
      return FALSE;
    }

  if (!splitter_scan_value (s, &len, error))
    return FALSE;
  *record = s->buf + s->start;
  *length = len;
  splitter_consume (s, len);
  s->n_records++;
  return TRUE;
}

gssize
_uc_json_read_stream (gpointer   data,
                      void      *buf,
                      gsize      n,
                      GError   **error)
{
  return g_input_stream_read (G_INPUT_STREAM (data), buf, n, NULL, error);
}

GInputStream *
_uc_chat_open_text (const char    *path,
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

/* Is the nesting of @text within MAX_DEPTH? (json-glib recurses.) */
static gboolean
depth_ok (const char *text,
          gsize       length)
{
  gboolean in_string = FALSE, escape = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char b = text[i];

      if (in_string)
        {
          if (escape)
            escape = FALSE;
          else if (b == '\\')
            escape = TRUE;
          else if (b == '"')
            in_string = FALSE;
        }
      else if (b == '"')
        in_string = TRUE;
      else if (b == '{' || b == '[')
        {
          if (++depth > MAX_DEPTH)
            return FALSE;
        }
      else if ((b == '}' || b == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

JsonNode *
_uc_json_parse_record (const char  *text,
                       gsize        length,
                       char       **problem)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *bad = NULL;
  JsonNode *root;

  if (!g_utf8_validate (text, (gssize) length, &bad))
    {
      *problem = g_strdup_printf (_("not valid UTF-8 text (byte %" G_GSIZE_FORMAT " of the record)"),
                                  (gsize) (bad - text) + 1);
      return NULL;
    }
  if (!depth_ok (text, length))
    {
      *problem = g_strdup_printf (_("nested more than %d levels deep"), MAX_DEPTH);
      return NULL;
    }
  /* Plain JSON quickly; json-glib for the rest (and its errors). */
  root = _uc_json_fast_parse (text, length);
  if (root != NULL)
    return root;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) length, &local_error))
    {
      *problem = g_strdup_printf (_("not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      *problem = g_strdup (_("an empty record"));
      return NULL;
    }
  return root;
}

JsonNode *
_uc_json_load_small_file (const char    *path,
                          const char    *display,
                          gsize          max_size,
                          GCancellable  *cancellable,
                          char         **problem,
                          GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree guint8 *chunk = g_malloc (SPLIT_CHUNK);

  stream = _uc_chat_open_text (path, display, cancellable, error);
  if (stream == NULL)
    return NULL;
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n = g_input_stream_read (stream, chunk, SPLIT_CHUNK, cancellable, &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                         _("Could not read “%s”: %s"), display, local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (bytes, chunk, (guint) n);
      if (bytes->len > max_size)
        {
          *problem = g_strdup_printf (_("larger than %" G_GSIZE_FORMAT " MB, too large for an API page"),
                                      max_size / (1024 * 1024));
          return NULL;
        }
    }
  if (_uc_chat_first_char ((const char *) bytes->data, bytes->len) == 0)
    {
      *problem = g_strdup (_("the file is empty"));
      return NULL;
    }
  return _uc_json_parse_record ((const char *) bytes->data, bytes->len, problem);
}

const char *
_uc_json_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
_uc_json_object (JsonObject *object,
                 const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
_uc_json_array (JsonObject *object,
                const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

gboolean
_uc_json_true (JsonObject *object,
               const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return FALSE;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strcasecmp (json_node_get_string (node), "true") == 0;
  return FALSE;
}

char *
_uc_json_scalar_text (JsonObject *object,
                      const char *member)
{
  JsonNode *node;
  GType type;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6f", json_node_get_double (node)));
    }
  return NULL;
}

gboolean
_uc_json_has (JsonObject *object,
              const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return FALSE;
  node = json_object_get_member (object, member);
  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

const char *
_uc_json_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
    }
}

/* ---- where a record is ---- */

char *
_uc_chat_where_text (const UcChatWhere *where)
{
  g_autofree char *record = NULL;
  GString *out = g_string_new (NULL);

  switch (where->unit)
    {
    case UC_CHAT_FILE:
      break;
    case UC_CHAT_LINE:
      record = g_strdup_printf (_("line %" G_GUINT64_FORMAT), where->index);
      break;
    case UC_CHAT_MESSAGE:
      record = g_strdup_printf (_("message %" G_GUINT64_FORMAT), where->index);
      break;
    case UC_CHAT_POST:
      record = g_strdup_printf (_("post %" G_GUINT64_FORMAT), where->index);
      break;
    case UC_CHAT_ITEM:
      record = g_strdup_printf (_("item %" G_GUINT64_FORMAT), where->index);
      break;
    case UC_CHAT_USER:
      record = g_strdup_printf (_("user %" G_GUINT64_FORMAT), where->index);
      break;
    default:
      g_assert_not_reached ();
    }

  if (where->file != NULL)
    g_string_append_printf (out, "“%s”", where->file);
  if (record != NULL)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, record);
      if (where->line > 0 && where->unit != UC_CHAT_LINE)
        g_string_append_printf (out, _(" (line %" G_GUINT64_FORMAT ")"), where->line);
    }
  if (out->len == 0)
    g_string_append (out, _("the file"));
  return g_string_free (out, FALSE);
}

gboolean
_uc_chat_record_error (UcImportContext   *ctx,
                       const UcChatWhere *where,
                       const char        *problem,
                       GError           **error)
{
  g_autofree char *text = _uc_chat_where_text (where);

  return _uc_import_record_error (ctx, text, problem, error);
}

/* ---- authors ---- */

void
_uc_chat_people_init (UcChatPeople *people)
{
  people->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
_uc_chat_people_clear (UcChatPeople *people)
{
  g_clear_pointer (&people->ids, g_hash_table_unref);
}

static gboolean
looks_like_email (const char *email)
{
  const char *at;

  if (email == NULL || *email == '\0')
    return FALSE;
  at = strchr (email, '@');
  return at != NULL && at != email && at[1] != '\0' && strpbrk (email, " \t\r\n<>") == NULL;
}

/* An identity that already exists, and its person. */
static UcId
find_identity (UcImportContext  *ctx,
               const char       *kind,
               const char       *value,
               UcId             *person,
               GError          **error)
{
  sqlite3_stmt *stmt;
  UcId id = 0;
  int rc;

  *person = 0;
  stmt = uc_store_prepare (ctx->store,
                           "SELECT id, person_id FROM identity WHERE kind = ?1 AND value = ?2",
                           error);
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
  else if (rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (ctx->store, error, "identity lookup");
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

/* The handle an account is known by, on an identity just created. */
static gboolean
set_display_name (UcImportContext  *ctx,
                  UcId              identity,
                  const char       *handle,
                  GError          **error)
{
  sqlite3_stmt *stmt = uc_store_prepare (ctx->store,
                                         "UPDATE identity SET display_name = ?1 WHERE id = ?2",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, handle, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, identity);
  return uc_store_step_done (ctx->store, stmt, error);
}

UcId
_uc_chat_author (UcImportContext  *ctx,
                 UcChatPeople     *people,
                 const char       *kind,
                 const char       *account,
                 const char       *name,
                 const char       *login,
                 const char       *email,
                 gboolean          agent,
                 GError          **error)
{
  g_autofree char *key = NULL;
  const char *display;
  UcId *cached, id, person = 0;

  if (account == NULL || *account == '\0')
    return 0;

  key = g_strconcat (kind, "\037", account, NULL);
  cached = g_hash_table_lookup (people->ids, key);
  if (cached != NULL)
    return *cached;

  display = name != NULL && *name != '\0' ? name :
            login != NULL && *login != '\0' ? login : account;

  id = find_identity (ctx, kind, account, &person, error);
  if (id < 0)
    return 0;
  if (id > 0)
    {
      /* Known account: attach a new address to its person (an address
       * already known elsewhere stays where it is: merging two existing
       * people is a suggestion for the identity view, not an import). */
      if (looks_like_email (email) &&
          uc_store_ensure_identity (ctx->store, "email", email, display, person,
                                    ctx->source_id, error) <= 0)
        return 0;
    }
  else
    {
      if (looks_like_email (email))
        {
          /* The address first: an author already known by it (a git
           * author, another chat system) is the same person. */
          UcId email_id = uc_store_ensure_identity (ctx->store, "email", email, display, 0,
                                                    ctx->source_id, error);

          if (email_id <= 0)
            return 0;
          person = uc_store_identity_person (ctx->store, email_id);
        }
      id = uc_store_ensure_identity (ctx->store, kind, account, display, person,
                                     ctx->source_id, error);
      if (id <= 0)
        return 0;
      /* The person is called by their name, the account by its handle
       * (what people type after "@", what a roster lists). */
      if (login != NULL && *login != '\0' && !g_str_equal (login, display) &&
          !set_display_name (ctx, id, login, error))
        return 0;
    }

  if ((agent || uc_text_is_agent_account (display, login)) &&
      !_uc_import_flag_agent (ctx, id, error))
    return 0;

  g_hash_table_insert (people->ids, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  return id;
}

/* ---- messages ---- */

gboolean
_uc_chat_add_message (UcImportContext  *ctx,
                      const char       *system,
                      const char       *channel,
                      const char       *ext_id,
                      UcId              author,
                      UcTime            time,
                      const char       *thread_ext_id,
                      const char       *text,
                      GError          **error)
{
  UcMessageRow row = { 0 };
  gboolean inserted = FALSE;
  gsize len = text != NULL ? strlen (text) : 0;

  row.system = system;
  row.channel = channel;
  row.ext_id = ext_id;
  row.author_identity = author;
  row.time = time;
  row.thread_ext_id = thread_ext_id != NULL && *thread_ext_id != '\0' ? thread_ext_id : NULL;
  /* The text is measured and scanned here, then forgotten. */
  row.body_len = len > 0 ? (guint) g_utf8_strlen (text, (gssize) len) : 0;
  row.is_objection = len > 0 && uc_text_has_objection (text, (gssize) len, NULL);
  row.source_id = ctx->source_id;

  if (uc_store_add_message (ctx->store, &row, &inserted, error) <= 0)
    return FALSE;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, time);
  return TRUE;
}

gboolean
_uc_chat_link_replies (UcImportContext  *ctx,
                       const char       *system,
                       GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = uc_store_prepare (ctx->store,
                           "UPDATE message SET reply_to_id ="
                           " (SELECT root.id FROM message AS root"
                           "  WHERE root.system = message.system"
                           "  AND root.channel = message.channel"
                           "  AND root.ext_id = message.thread_ext_id)"
                           " WHERE system = ?1 AND reply_to_id IS NULL"
                           " AND thread_ext_id IS NOT NULL AND thread_ext_id <> ext_id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, system, -1, SQLITE_TRANSIENT);
  return uc_store_step_done (ctx->store, stmt, error);
}

/* ---- running ---- */

gboolean
_uc_chat_run (UcImportContext  *ctx,
              UcChatRunFunc     run,
              GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (run (ctx, &local_error))
    return TRUE;
  if (local_error == NULL)
    g_set_error (&local_error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                 _("“%s” could not be imported"), ctx->display_name);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- checksums ---- */

static gboolean
checksum_add_file (UcImportContext  *ctx,
                   GChecksum        *checksum,
                   const char       *path,
                   GError          **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree guint8 *buf = g_malloc (SPLIT_CHUNK);
  guint64 total = 0;
  char size[32];
  FILE *fp;
  gsize n;

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;

      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  while ((n = fread (buf, 1, SPLIT_CHUNK, fp)) > 0)
    {
      g_checksum_update (checksum, buf, (gssize) n);
      total += n;
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        {
          fclose (fp);
          return FALSE;
        }
    }
  if (ferror (fp))
    {
      int saved = errno;

      fclose (fp);
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  fclose (fp);
  g_snprintf (size, sizeof size, "%" G_GUINT64_FORMAT, total);
  g_checksum_update (checksum, (const guint8 *) size, (gssize) strlen (size) + 1);
  return TRUE;
}

char *
_uc_chat_checksum_file (UcImportContext  *ctx,
                        GError          **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  if (!checksum_add_file (ctx, checksum, ctx->path, error))
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

char *
_uc_chat_checksum_files (UcImportContext  *ctx,
                         GPtrArray        *files,
                         GError          **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < files->len; i++)
    {
      const char *rel = g_ptr_array_index (files, i);
      g_autofree char *path = g_build_filename (ctx->path, rel, NULL);

      g_checksum_update (checksum, (const guint8 *) rel, (gssize) strlen (rel) + 1);
      if (!checksum_add_file (ctx, checksum, path, error))
        return NULL;
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
_uc_chat_list_dir (const char   *dir,
                   gboolean      want_dirs,
                   GError      **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  d = g_dir_open (dir, 0, &local_error);
  if (d == NULL)
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read the folder “%s”: %s"), display, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      /* Hidden files and the resource forks macOS adds to folders it zips. */
      if (name[0] == '.' || g_str_equal (name, "__MACOSX"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) != 0)
        continue;
      if (want_dirs ? S_ISDIR (st.st_mode) : S_ISREG (st.st_mode))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  return g_steal_pointer (&names);
}

char *
_uc_chat_read_head (const char *path,
                    gsize       n,
                    gsize      *length)
{
  char *buf;
  gsize got;
  FILE *fp = g_fopen (path, "rb");

  if (fp == NULL)
    return NULL;
  buf = g_malloc (n + 1);
  got = fread (buf, 1, n, fp);
  fclose (fp);
  if (got >= 3 && (guchar) buf[0] == 0xEF && (guchar) buf[1] == 0xBB && (guchar) buf[2] == 0xBF)
    {
      memmove (buf, buf + 3, got - 3);
      got -= 3;
    }
  buf[got] = '\0';
  if (length != NULL)
    *length = got;
  return buf;
}

char
_uc_chat_first_char (const char *text,
                     gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return text[i];
  return 0;
}
