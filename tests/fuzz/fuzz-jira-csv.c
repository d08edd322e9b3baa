/* fuzz-jira-csv.c: libFuzzer target for the Jira CSV importer and the CSV reader.
 *
 * The first byte chooses how the rest is imported: bit 0 with --skip-bad,
 * bit 1 with the format detected rather than forced. The import runs into
 * a fresh workspace; any result is fine, a crash, a leak or undefined
 * behaviour is not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include <glib/gstdio.h>

#include "uc-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *root = NULL;
  g_autofree char *ws = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *input = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) result = { 0 };
  gboolean skip_bad, detect;

  if (size < 1)
    return 0;
  skip_bad = (data[0] & 1) != 0;
  detect = (data[0] & 2) != 0;

  root = g_dir_make_tmp ("uc-fuzz-jira-csv-XXXXXX", NULL);
  if (root == NULL)
    return 0;
  ws = g_build_filename (root, "ws.undercurrent", NULL);
  wal = g_strconcat (ws, "-wal", NULL);
  shm = g_strconcat (ws, "-shm", NULL);
  input = g_build_filename (root, "input.csv", NULL);
  g_file_set_contents (input, (const char *) data + 1, (gssize) size - 1, NULL);

  store = uc_store_create (ws, NULL);
  if (store != NULL)
    {
      uc_import_detect (input, NULL, &error);
      g_clear_error (&error);
      uc_import_path (store, input, detect ? NULL : "jira-csv",
                      skip_bad ? UC_IMPORT_FLAGS_SKIP_BAD : UC_IMPORT_FLAGS_NONE,
                      &result, NULL, NULL, NULL, &error);
    }
  g_clear_object (&store);
  g_remove (input);
  g_remove (ws);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (root);
  return 0;
}
