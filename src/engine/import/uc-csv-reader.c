/* uc-csv-reader.c: a streaming RFC 4180 CSV reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-csv-reader.h"

G_DEFINE_QUARK (uc-csv-error-quark, uc_csv_error)

#define CHUNK_SIZE (64 * 1024)
#define DEFAULT_MAX_FIELD (16 * 1024 * 1024)

struct _UcCsvReader
{
  GInputStream *stream;        /* owned: what rows are read from */
  GInputStream *base;          /* owned, may be NULL: the file under a converter */
  GCancellable *cancellable;   /* owned, may be NULL */
  char         *display_name;  /* owned, may be NULL */
  char          delimiter;
  gsize         max_field;

  char         *buf;           /* owned: CHUNK_SIZE bytes */
  gsize         buf_len;
  gsize         buf_pos;
  gboolean      eof;
  guint64       consumed;      /* bytes taken from the stream */

  guint64       line;          /* line of the next unread byte, 1-based */
  guint64       row_line;
  guint64       row_end_line;
  guint64       n_rows;

  GString      *row;           /* owned: the fields, each NUL-terminated */
  GArray       *starts;        /* owned: gsize offset of each field in row */
  GArray       *lens;          /* owned: gsize length of each field */
  GArray       *quoted;        /* owned: gboolean per field */

  GPtrArray    *columns;       /* owned, may be NULL: header names */
};

UcCsvReader *
uc_csv_reader_new (GInputStream *stream,
                   GCancellable *cancellable)
{
  UcCsvReader *reader;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  reader = g_new0 (UcCsvReader, 1);
  reader->stream = g_object_ref (stream);
  reader->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  reader->delimiter = ',';
  reader->max_field = DEFAULT_MAX_FIELD;
  reader->buf = g_malloc (CHUNK_SIZE);
  reader->line = 1;
  reader->row = g_string_sized_new (256);
  reader->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader->lens = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader->quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  return reader;
}

UcCsvReader *
uc_csv_reader_new_for_path (const char    *path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GInputStream) stream = NULL;
  UcCsvReader *reader;
  guint8 bom[3] = { 0 };
  gsize n_bom = 0;
  const char *from = NULL;
  goffset skip = 0;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  input = g_file_read (file, cancellable, error);
  if (input == NULL)
    return NULL;
  if (!g_input_stream_read_all (G_INPUT_STREAM (input), bom, sizeof bom, &n_bom,
                                cancellable, error))
    return NULL;

  if (n_bom >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
    skip = 3;
  else if (n_bom >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
    from = "UTF-16LE", skip = 2;
  else if (n_bom >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
    from = "UTF-16BE", skip = 2;

  if (!g_seekable_seek (G_SEEKABLE (input), skip, G_SEEK_SET, cancellable, error))
    return NULL;

  if (from != NULL)
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", from, error);

      if (converter == NULL)
        return NULL;
      g_charset_converter_set_use_fallback (converter, TRUE);
      stream = g_converter_input_stream_new (G_INPUT_STREAM (input), G_CONVERTER (converter));
    }
  else
    stream = G_INPUT_STREAM (g_object_ref (input));

  reader = uc_csv_reader_new (stream, cancellable);
  reader->base = G_INPUT_STREAM (g_object_ref (input));
  return reader;
}

void
uc_csv_reader_free (UcCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_object (&reader->stream);
  g_clear_object (&reader->base);
  g_clear_object (&reader->cancellable);
  g_free (reader->display_name);
  g_free (reader->buf);
  g_string_free (reader->row, TRUE);
  g_array_unref (reader->starts);
  g_array_unref (reader->lens);
  g_array_unref (reader->quoted);
  g_clear_pointer (&reader->columns, g_ptr_array_unref);
  g_free (reader);
}

void
uc_csv_reader_set_delimiter (UcCsvReader *reader,
                             char         delimiter)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n' && delimiter != '\0');

  reader->delimiter = delimiter;
}

void
uc_csv_reader_set_max_field_size (UcCsvReader *reader,
                                  gsize        max_bytes)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (max_bytes > 0);

  reader->max_field = max_bytes;
}

void
uc_csv_reader_set_display_name (UcCsvReader *reader,
                                const char  *name)
{
  g_return_if_fail (reader != NULL);

  g_free (reader->display_name);
  reader->display_name = g_strdup (name);
}

G_GNUC_PRINTF (4, 5)
static void
set_error (UcCsvReader  *reader,
           GError      **error,
           int           code,
           const char   *format,
           ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (reader->display_name != NULL)
    /* Translators: “file”, then a problem naming its line */
    g_set_error (error, UC_CSV_ERROR, code, _("“%s”, %s"), reader->display_name, problem);
  else
    g_set_error_literal (error, UC_CSV_ERROR, code, problem);
}

/* Refill the buffer. FALSE on error; at the end, buf_len stays 0. */
static gboolean
fill (UcCsvReader  *reader,
      GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  reader->buf_pos = 0;
  reader->buf_len = 0;
  if (reader->eof)
    return TRUE;
  n = g_input_stream_read (reader->stream, reader->buf, CHUNK_SIZE,
                           reader->cancellable, &local_error);
  if (n < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_error (reader, error, UC_CSV_ERROR_IO,
                   /* Translators: %s is a system error message */
                   _("could not be read: %s"), local_error->message);
      return FALSE;
    }
  if (n == 0)
    reader->eof = TRUE;
  reader->buf_len = (gsize) n;
  reader->consumed += (guint64) n;
  return TRUE;
}

/* The next byte, or -1 at the end of the input, or -2 on error. */
static inline int
next_byte (UcCsvReader  *reader,
           GError      **error)
{
  if (reader->buf_pos >= reader->buf_len)
    {
      if (!fill (reader, error))
        return -2;
      if (reader->buf_len == 0)
        return -1;
    }
  return (guchar) reader->buf[reader->buf_pos++];
}

/* The next byte without consuming it, or -1 / -2. */
static inline int
peek_byte (UcCsvReader  *reader,
           GError      **error)
{
  if (reader->buf_pos >= reader->buf_len)
    {
      if (!fill (reader, error))
        return -2;
      if (reader->buf_len == 0)
        return -1;
    }
  return (guchar) reader->buf[reader->buf_pos];
}

static void
end_field (UcCsvReader *reader,
           gsize        start,
           gboolean     quoted)
{
  gsize len = reader->row->len - start;

  g_string_append_c (reader->row, '\0');
  g_array_append_val (reader->starts, start);
  g_array_append_val (reader->lens, len);
  g_array_append_val (reader->quoted, quoted);
}

typedef enum
{
  FIELD_START,
  UNQUOTED,
  QUOTED,
  QUOTE_IN_QUOTED,
} CsvState;

gboolean
uc_csv_reader_next_row (UcCsvReader  *reader,
                        GError      **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (;;)
    {
      CsvState state = FIELD_START;
      gsize field_start = 0;
      gboolean field_quoted = FALSE;
      gboolean any = FALSE;
      guint64 quote_line = 0;

      g_string_truncate (reader->row, 0);
      g_array_set_size (reader->starts, 0);
      g_array_set_size (reader->lens, 0);
      g_array_set_size (reader->quoted, 0);
      reader->row_line = reader->line;

      if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
        return FALSE;

      for (;;)
        {
          int c = next_byte (reader, error);

          if (c == -2)
            return FALSE;
          if (c == -1)
            {
              if (state == QUOTED)
                {
                  set_error (reader, error, UC_CSV_ERROR_UNTERMINATED,
                             /* Translators: %lu is a line number */
                             _("line %lu: a quoted field starts here but its closing quote is missing (unterminated quote)"),
                             (gulong) quote_line);
                  return FALSE;
                }
              if (!any)
                return FALSE;
              end_field (reader, field_start, field_quoted);
              reader->row_end_line = reader->line;
              reader->n_rows++;
              return TRUE;
            }
          any = TRUE;

          if (state == QUOTED)
            {
              if (c == '"')
                {
                  state = QUOTE_IN_QUOTED;
                  continue;
                }
              if (c == '\n')
                reader->line++;
              else if (c == '\r')
                {
                  int n = peek_byte (reader, error);

                  if (n == -2)
                    return FALSE;
                  if (n != '\n')
                    reader->line++;
                }
              g_string_append_c (reader->row, (char) c);
            }
          else if (c == reader->delimiter &&
                   (state == FIELD_START || state == UNQUOTED || state == QUOTE_IN_QUOTED))
            {
              end_field (reader, field_start, field_quoted);
              state = FIELD_START;
              field_start = reader->row->len;
              field_quoted = FALSE;
              continue;
            }
          else if (c == '\r' || c == '\n')
            {
              if (c == '\r')
                {
                  int n = peek_byte (reader, error);

                  if (n == -2)
                    return FALSE;
                  if (n == '\n')
                    reader->buf_pos++;
                }
              reader->row_end_line = reader->line;
              reader->line++;
              /* A blank line: nothing at all between two line ends. */
              if (state == FIELD_START && reader->starts->len == 0)
                break;
              end_field (reader, field_start, field_quoted);
              reader->n_rows++;
              return TRUE;
            }
          else if (state == FIELD_START && c == '"')
            {
              state = QUOTED;
              field_quoted = TRUE;
              quote_line = reader->line;
              continue;
            }
          else if (state == QUOTE_IN_QUOTED && c == '"')
            {
              /* "" inside quotes: one literal quote. */
              g_string_append_c (reader->row, '"');
              state = QUOTED;
            }
          else
            {
              /* Unquoted data; a stray quote, or text after a closing
               * quote, is kept as it is. */
              g_string_append_c (reader->row, (char) c);
              state = UNQUOTED;
            }

          if (reader->row->len - field_start > reader->max_field)
            {
              g_autofree char *size = g_format_size (reader->max_field);

              if (field_quoted)
                set_error (reader, error, UC_CSV_ERROR_FIELD_TOO_LONG,
                           /* Translators: %lu is a line number, %s a size like "16 MB" */
                           _("line %lu: a quoted field starting here is longer than %s; its closing quote is probably missing (unterminated quote)"),
                           (gulong) (quote_line > 0 ? quote_line : reader->row_line), size);
              else
                set_error (reader, error, UC_CSV_ERROR_FIELD_TOO_LONG,
                           /* Translators: %lu is a line number, %s a size like "16 MB" */
                           _("line %lu: a field is longer than %s"),
                           (gulong) reader->row_line, size);
              return FALSE;
            }
        }
    }
}

guint
uc_csv_reader_get_n_fields (UcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->starts->len;
}

const char *
uc_csv_reader_get_field (UcCsvReader *reader,
                         int          index,
                         gsize       *len)
{
  g_return_val_if_fail (reader != NULL, "");

  if (index < 0 || (guint) index >= reader->starts->len)
    {
      if (len != NULL)
        *len = 0;
      return "";
    }
  if (len != NULL)
    *len = g_array_index (reader->lens, gsize, index);
  return reader->row->str + g_array_index (reader->starts, gsize, index);
}

gboolean
uc_csv_reader_field_was_quoted (UcCsvReader *reader,
                                int          index)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  if (index < 0 || (guint) index >= reader->quoted->len)
    return FALSE;
  return g_array_index (reader->quoted, gboolean, index);
}

guint64
uc_csv_reader_get_line (UcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->row_line;
}

guint64
uc_csv_reader_get_end_line (UcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->row_end_line;
}

guint64
uc_csv_reader_get_row (UcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->n_rows;
}

goffset
uc_csv_reader_get_offset (UcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  if (reader->base != NULL && G_IS_SEEKABLE (reader->base))
    return g_seekable_tell (G_SEEKABLE (reader->base));
  return (goffset) (reader->consumed - (reader->buf_len - reader->buf_pos));
}

/* ---- header ---- */

gboolean
uc_csv_reader_read_header (UcCsvReader  *reader,
                           GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!uc_csv_reader_next_row (reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_error (reader, error, UC_CSV_ERROR_NO_HEADER,
                   _("line 1: there is no header row (the file has no rows)"));
      return FALSE;
    }

  g_clear_pointer (&reader->columns, g_ptr_array_unref);
  reader->columns = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < reader->starts->len; i++)
    {
      char *name = g_strdup (uc_csv_reader_get_field (reader, (int) i, NULL));

      g_ptr_array_add (reader->columns, g_strstrip (name));
    }
  return TRUE;
}

guint
uc_csv_reader_get_n_columns (UcCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->columns != NULL ? reader->columns->len : 0;
}

const char *
uc_csv_reader_get_column_name (UcCsvReader *reader,
                               guint        index)
{
  g_return_val_if_fail (reader != NULL, NULL);

  if (reader->columns == NULL || index >= reader->columns->len)
    return NULL;
  return g_ptr_array_index (reader->columns, index);
}

static gboolean
column_matches (const char *column,
                const char *name)
{
  gsize len;

  while (g_ascii_isspace (*name))
    name++;
  len = strlen (name);
  while (len > 0 && g_ascii_isspace (name[len - 1]))
    len--;
  return strlen (column) == len && g_ascii_strncasecmp (column, name, len) == 0;
}

int
uc_csv_reader_find_column (UcCsvReader *reader,
                           const char  *name)
{
  g_return_val_if_fail (reader != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  if (reader->columns == NULL)
    return -1;
  for (guint i = 0; i < reader->columns->len; i++)
    if (column_matches (g_ptr_array_index (reader->columns, i), name))
      return (int) i;
  return -1;
}

GArray *
uc_csv_reader_find_columns (UcCsvReader *reader,
                            const char  *name)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (int));

  g_return_val_if_fail (reader != NULL, found);
  g_return_val_if_fail (name != NULL, found);

  if (reader->columns == NULL)
    return found;
  for (guint i = 0; i < reader->columns->len; i++)
    if (column_matches (g_ptr_array_index (reader->columns, i), name))
      {
        int index = (int) i;

        g_array_append_val (found, index);
      }
  return found;
}

/* ---- helpers ---- */

char
uc_csv_guess_delimiter (const char *head,
                        gsize       len)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint best = 0;
  gsize i = 0;

  g_return_val_if_fail (head != NULL || len == 0, ',');

  if (len >= 3 && (guchar) head[0] == 0xEF && (guchar) head[1] == 0xBB && (guchar) head[2] == 0xBF)
    i = 3;
  for (; i < len; i++)
    {
      char c = head[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (c == candidates[k])
            counts[k]++;
    }
  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;
  return counts[best] > 0 ? candidates[best] : ',';
}
