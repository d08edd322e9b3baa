/* fuzz-csv-reader.c: libFuzzer target for the CSV reader (uc-csv-reader.h).
 *
 * The first byte chooses the delimiter (bits 0-1: ',', ';', TAB, '|') and
 * a small field size limit (bit 2), the rest is the CSV. The header and
 * every row are read and every field touched; any result is fine, a crash,
 * a leak or undefined behaviour is not. No workspace is involved, so this
 * runs much faster than the importer targets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "uc-csv-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { ',', ';', '\t', '|' };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(UcCsvReader) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) columns = NULL;
  gsize total = 0;

  if (size < 1)
    return 0;
  stream = g_memory_input_stream_new_from_data (data + 1, (gssize) size - 1, NULL);
  csv = uc_csv_reader_new (stream, NULL);
  uc_csv_reader_set_delimiter (csv, delimiters[data[0] & 3]);
  if ((data[0] & 4) != 0)
    uc_csv_reader_set_max_field_size (csv, 16);
  uc_csv_reader_set_display_name (csv, "fuzz.csv");
  g_assert (uc_csv_guess_delimiter ((const char *) data + 1, size - 1) != '\0');

  if (!uc_csv_reader_read_header (csv, &error))
    return 0;
  columns = uc_csv_reader_find_columns (csv, "Comment");
  for (guint i = 0; i < columns->len; i++)
    g_assert (g_array_index (columns, int, i) < (int) uc_csv_reader_get_n_columns (csv));
  while (uc_csv_reader_next_row (csv, &error))
    {
      g_assert (uc_csv_reader_get_line (csv) <= uc_csv_reader_get_end_line (csv));
      for (guint i = 0; i <= uc_csv_reader_get_n_fields (csv); i++)
        {
          gsize len = 0;
          const char *field = uc_csv_reader_get_field (csv, (int) i, &len);

          g_assert (field[len] == '\0');
          total += len + strlen (field);
        }
      g_assert (uc_csv_reader_get_offset (csv) <= (goffset) size);
    }
  (void) total;
  return 0;
}
