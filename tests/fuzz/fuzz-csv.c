/* fuzz-csv.c: libFuzzer target for the CSV-with-a-mapping importer.
 *
 * The first byte chooses the mapping: bit 0 imports with --skip-bad; with
 * bit 7 set the input is "MAPPING-JSON\0CSV" (the mapping is fuzzed too),
 * otherwise bits 1-3 pick a record kind whose every field is read from a
 * column of the same name, and bits 4-5 the date format (iso8601, unix,
 * unix_ms, "%d/%m/%Y %H:%M"). The CSV is previewed, imported into a fresh
 * workspace, and its first bytes are parsed as a time with the mapping's
 * date format. Any result is fine; a crash, a leak or undefined behaviour
 * is not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <glib/gstdio.h>

#include "uc-import.h"
#include "uc-csv-mapped-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char *const date_formats[] = { "iso8601", "unix", "unix_ms", "%d/%m/%Y %H:%M" };

/* Every field of @kind from the column of the same name. */
static char *
builtin_mapping (UcCsvRecordKind  kind,
                 const char      *date_format)
{
  g_autoptr(UcCsvMapping) mapping = uc_csv_mapping_new (kind);
  const UcCsvFieldInfo *fields = uc_csv_record_kind_fields (kind);

  for (guint i = 0; fields[i].name != NULL; i++)
    uc_csv_mapping_set_column (mapping, fields[i].name, fields[i].name, NULL);
  uc_csv_mapping_set_date_format (mapping, NULL, date_format, NULL);
  uc_csv_mapping_set_system (mapping, kind == UC_CSV_RECORD_MESSAGE ? "slack" : "github");
  return uc_csv_mapping_to_json (mapping);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *root = NULL;
  g_autofree char *ws = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *map_path = NULL;
  g_autofree char *mapping_json = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autoptr(UcCsvMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  const char *csv;
  gsize csv_len;
  const char *date_format;
  gboolean skip_bad;

  if (size < 1)
    return 0;
  skip_bad = (data[0] & 1) != 0;
  date_format = date_formats[(data[0] >> 4) & 3];
  csv = (const char *) data + 1;
  csv_len = size - 1;
  if ((data[0] & 0x80) != 0)
    {
      const char *nul = memchr (csv, '\0', csv_len);

      if (nul == NULL)
        return 0;
      mapping_json = g_strndup (csv, (gsize) (nul - csv));
      csv_len -= (gsize) (nul - csv) + 1;
      csv = nul + 1;
    }
  else
    mapping_json = builtin_mapping ((UcCsvRecordKind) (((data[0] >> 1) & 7) % UC_CSV_N_RECORD_KINDS),
                                    date_format);

  root = g_dir_make_tmp ("uc-fuzz-csv-XXXXXX", NULL);
  if (root == NULL)
    return 0;
  ws = g_build_filename (root, "ws.undercurrent", NULL);
  wal = g_strconcat (ws, "-wal", NULL);
  shm = g_strconcat (ws, "-shm", NULL);
  csv_path = g_build_filename (root, "input.csv", NULL);
  map_path = g_build_filename (root, "mapping.json", NULL);
  g_file_set_contents (csv_path, csv, (gssize) csv_len, NULL);
  g_file_set_contents (map_path, mapping_json, -1, NULL);

  mapping = uc_csv_mapping_new_from_json (mapping_json, -1, &error);
  g_clear_error (&error);
  if (mapping != NULL)
    {
      g_autoptr(UcCsvPreview) preview = uc_csv_mapping_preview (mapping, csv_path, 20, NULL, &error);
      g_autofree char *again = uc_csv_mapping_to_json (mapping);

      g_clear_error (&error);
      (void) preview;
      (void) again;
    }

  {
    g_autofree char *head = g_strndup (csv, MIN (csv_len, 64));
    UcTime t = 0;

    uc_csv_parse_time (head, date_format, NULL, &t, &error);
    g_clear_error (&error);
  }

  store = uc_store_create (ws, NULL);
  if (store != NULL)
    {
      UcImportOptions options = { 0 };
      g_auto(UcImportResult) result = { 0 };

      options.mapping_path = map_path;
      uc_import_path_full (store, csv_path, NULL,
                           skip_bad ? UC_IMPORT_FLAGS_SKIP_BAD : UC_IMPORT_FLAGS_NONE,
                           &options, &result, NULL, NULL, NULL, &error);
      g_clear_error (&error);
    }
  g_clear_object (&store);
  g_remove (csv_path);
  g_remove (map_path);
  g_remove (ws);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (root);
  return 0;
}
