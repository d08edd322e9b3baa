/* fuzz-git-log.c: libFuzzer target for the git log export importer.
 *
 * The first byte chooses the shape: bit 0 imports with --skip-bad, bit 1
 * prefixes our NUL export marker so the fuzzer reaches deep into the NUL
 * format instead of the classic text one. The import runs into a fresh
 * workspace; any result is fine, a crash, a leak or undefined behaviour
 * is not.
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
  static const char marker[] = "UCGITLOG1";
  g_autofree char *dir = NULL;
  g_autofree char *log = NULL;
  g_autofree char *ws = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(UcStore) store = NULL;
  UcImportResult result = { 0 };
  guint8 mode;

  if (size < 1)
    return 0;
  mode = data[0];
  if (mode & 2)
    g_byte_array_append (bytes, (const guint8 *) marker, sizeof marker);   /* with its NUL */
  g_byte_array_append (bytes, data + 1, size - 1);

  dir = g_dir_make_tmp ("uc-fuzz-git-XXXXXX", NULL);
  if (dir == NULL)
    return 0;
  log = g_build_filename (dir, "history.gitlog", NULL);
  ws = g_build_filename (dir, "fuzz.undercurrent", NULL);
  wal = g_strconcat (ws, "-wal", NULL);
  shm = g_strconcat (ws, "-shm", NULL);

  if (g_file_set_contents (log, (const char *) bytes->data, bytes->len, NULL) &&
      (store = uc_store_create (ws, NULL)) != NULL)
    {
      uc_import_path (store, log, "git-log",
                      (mode & 1) ? UC_IMPORT_FLAGS_SKIP_BAD : UC_IMPORT_FLAGS_NONE,
                      &result, NULL, NULL, NULL, NULL);
      uc_import_result_clear (&result);
    }
  g_clear_object (&store);
  g_unlink (log);
  g_unlink (ws);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}
