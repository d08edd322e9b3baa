/* uc-csv-reader.h: a streaming RFC 4180 CSV reader.
 *
 * Reads one row at a time from a stream, never the whole file:
 *
 *  - fields are separated by a delimiter (',' by default; ';' and TAB are
 *    common in European spreadsheet exports, see uc_csv_guess_delimiter());
 *  - a field may be quoted with '"'; inside quotes the delimiter, CR and LF
 *    are data, and "" is one literal quote, so a field can span lines;
 *  - rows end at LF, CRLF or a lone CR; the last row needs no line end;
 *  - a UTF-8 byte order mark is skipped, and UTF-16 with a BOM (as Excel
 *    and PowerShell write) is converted to UTF-8 (new_for_path() only);
 *  - blank lines (nothing between two line ends) are skipped.
 *
 * Real files are not always valid RFC 4180, so the reader is lenient where
 * the meaning is clear: a quote inside an unquoted field is kept as a
 * literal character, and text after a closing quote is appended to the
 * field. A quote that is never closed is an error (UC_CSV_ERROR_UNTERMINATED)
 * naming the line where the field starts, as is a field longer than the
 * limit (uc_csv_reader_set_max_field_size()), which nearly always means a
 * stray quote swallowed the rest of the file.
 *
 * Fields are bytes as found in the file (after the BOM/UTF-16 handling):
 * validate or convert them yourself. Each is NUL-terminated, and its length
 * is available too, for fields holding NUL bytes.
 *
 * Typical use:
 *
 *   g_autoptr(UcCsvReader) csv = uc_csv_reader_new_for_path (path, cancellable, error);
 *   if (csv == NULL || !uc_csv_reader_read_header (csv, error))
 *     return FALSE;
 *   int name_col = uc_csv_reader_find_column (csv, "name");
 *   while (uc_csv_reader_next_row (csv, &local_error))
 *     {
 *       const char *name = uc_csv_reader_get_field (csv, name_col, NULL);
 *       … uc_csv_reader_get_line (csv) names the row's first line in errors …
 *     }
 *   if (local_error != NULL)
 *     … propagate …
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define UC_CSV_ERROR (uc_csv_error_quark ())

typedef enum
{
  UC_CSV_ERROR_UNTERMINATED,    /* a quoted field is never closed */
  UC_CSV_ERROR_FIELD_TOO_LONG,  /* a field exceeds the size limit */
  UC_CSV_ERROR_NO_HEADER,       /* read_header(): the file has no rows */
  UC_CSV_ERROR_IO,              /* the stream could not be read */
} UcCsvError;

GQuark uc_csv_error_quark (void);

typedef struct _UcCsvReader UcCsvReader;

/* A reader over @stream (a reference is taken). @cancellable may be NULL. */
UcCsvReader *uc_csv_reader_new          (GInputStream  *stream,
                                         GCancellable  *cancellable);
/* A reader over a file, with BOM and UTF-16 handling. Errors are
 * G_IO_ERROR (could not open). */
UcCsvReader *uc_csv_reader_new_for_path (const char    *path,
                                         GCancellable  *cancellable,
                                         GError       **error);
void         uc_csv_reader_free         (UcCsvReader   *reader);

/* Settings (before the first row). */
void         uc_csv_reader_set_delimiter      (UcCsvReader *reader,
                                               char         delimiter);
/* Default: 16 MiB. */
void         uc_csv_reader_set_max_field_size (UcCsvReader *reader,
                                               gsize        max_bytes);
/* Names the input in error messages (e.g. a display file name); when set,
 * messages read “NAME”, line N: …, otherwise line N: …. */
void         uc_csv_reader_set_display_name   (UcCsvReader *reader,
                                               const char  *name);

/* Read the next row. Returns FALSE at the end of the input (error unset)
 * or on an error (UC_CSV_ERROR or G_IO_ERROR_CANCELLED). The fields are
 * valid until the next call. */
gboolean     uc_csv_reader_next_row     (UcCsvReader   *reader,
                                         GError       **error);
guint        uc_csv_reader_get_n_fields (UcCsvReader   *reader);
/* Field @index of the current row, "" when the row is shorter (or @index
 * is negative, so the result of find_column() can be passed directly).
 * @len (may be NULL) receives the length in bytes. */
const char  *uc_csv_reader_get_field    (UcCsvReader   *reader,
                                         int            index,
                                         gsize         *len);
/* Whether field @index was quoted in the file (an empty quoted field "" is
 * an empty string, an empty unquoted one may mean "no value"). */
gboolean     uc_csv_reader_field_was_quoted (UcCsvReader *reader,
                                             int          index);
/* The line (1-based) where the current row starts, and where it ends (they
 * differ when a quoted field spans lines). */
guint64      uc_csv_reader_get_line     (UcCsvReader   *reader);
guint64      uc_csv_reader_get_end_line (UcCsvReader   *reader);
/* Rows returned so far, the header included (= the current row's number). */
guint64      uc_csv_reader_get_row      (UcCsvReader   *reader);
/* Bytes of the underlying file consumed so far (for progress). */
goffset      uc_csv_reader_get_offset   (UcCsvReader   *reader);

/* ---- header ---- */

/* Read the first row as the header. Column names are matched trimmed and
 * ASCII case-insensitively. A file with no row at all is
 * UC_CSV_ERROR_NO_HEADER. */
gboolean     uc_csv_reader_read_header  (UcCsvReader   *reader,
                                         GError       **error);
guint        uc_csv_reader_get_n_columns (UcCsvReader  *reader);
/* The header's name for column @index (as in the file, trimmed), or NULL. */
const char  *uc_csv_reader_get_column_name (UcCsvReader *reader,
                                            guint        index);
/* The first column called @name, or -1. */
int          uc_csv_reader_find_column  (UcCsvReader   *reader,
                                         const char    *name);
/* Every column called @name (headers may repeat a name, as Jira's
 * "Comment" or "Labels"), in order; a new array of int, maybe empty. */
GArray      *uc_csv_reader_find_columns (UcCsvReader   *reader,
                                         const char    *name);

/* ---- helpers ---- */

/* The most likely delimiter of CSV text starting with @head: the one of
 * ',', ';', TAB and '|' that occurs most often outside quotes in the first
 * line (',' when none does). */
char         uc_csv_guess_delimiter     (const char    *head,
                                         gsize          len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcCsvReader, uc_csv_reader_free)

G_END_DECLS
