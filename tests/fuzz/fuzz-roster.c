/* fuzz-roster.c: libFuzzer target for the roster importer and identities.
 *
 * The first byte chooses how the rest is imported: bit 0 with --skip-bad,
 * bit 1 with the format detected rather than forced, bit 2 a second time
 * (as an updated roster, after its last byte is dropped). Then the
 * suggested merges are listed, the first is applied and undone, and a
 * split of the first person with two identities is applied and undone.
 * Any result is fine; a crash, a leak or undefined behaviour is not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include <glib/gstdio.h>

#include "uc-import.h"
#include "uc-identity.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
exercise_identities (UcStore *store)
{
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  suggestions = uc_identity_suggest (store, &error);
  g_clear_error (&error);
  if (suggestions != NULL && suggestions->len > 0)
    {
      UcIdentitySuggestion *s = g_ptr_array_index (suggestions, 0);

      if (uc_identity_merge (store, s->person_a, s->person_b, "fuzz", &error) > 0)
        uc_identity_undo_merge (store, 0, &error);
      g_clear_error (&error);
    }

  stmt = uc_store_prepare (store,
                           "SELECT person_id, min (id) FROM identity GROUP BY person_id"
                           " HAVING count (*) >= 2 ORDER BY person_id LIMIT 1", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      UcId person = sqlite3_column_int64 (stmt, 0);
      UcId identity = sqlite3_column_int64 (stmt, 1);

      sqlite3_reset (stmt);
      if (uc_identity_split (store, person, &identity, 1, NULL, NULL, &error) > 0)
        uc_identity_undo_merge (store, 0, &error);
      g_clear_error (&error);
    }
  else if (stmt != NULL)
    sqlite3_reset (stmt);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *root = NULL;
  g_autofree char *ws = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *input = NULL;
  g_autofree char *input2 = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean skip_bad, detect, twice;

  if (size < 1)
    return 0;
  skip_bad = (data[0] & 1) != 0;
  detect = (data[0] & 2) != 0;
  twice = (data[0] & 4) != 0;

  root = g_dir_make_tmp ("uc-fuzz-roster-XXXXXX", NULL);
  if (root == NULL)
    return 0;
  ws = g_build_filename (root, "ws.undercurrent", NULL);
  wal = g_strconcat (ws, "-wal", NULL);
  shm = g_strconcat (ws, "-shm", NULL);
  input = g_build_filename (root, "roster.csv", NULL);
  input2 = g_build_filename (root, "roster-2.csv", NULL);
  g_file_set_contents (input, (const char *) data + 1, (gssize) size - 1, NULL);
  if (size > 2)
    g_file_set_contents (input2, (const char *) data + 1, (gssize) size - 2, NULL);

  store = uc_store_create (ws, NULL);
  if (store != NULL)
    {
      UcImportFlags flags = skip_bad ? UC_IMPORT_FLAGS_SKIP_BAD : UC_IMPORT_FLAGS_NONE;
      g_auto(UcImportResult) result = { 0 };
      g_auto(UcImportResult) result2 = { 0 };

      uc_import_detect (input, NULL, &error);
      g_clear_error (&error);
      uc_import_path (store, input, detect ? NULL : "roster", flags, &result, NULL, NULL, NULL, &error);
      g_clear_error (&error);
      if (twice && size > 2)
        {
          uc_import_path (store, input2, "roster", flags, &result2, NULL, NULL, NULL, &error);
          g_clear_error (&error);
        }
      exercise_identities (store);
    }
  g_clear_object (&store);
  g_remove (input);
  g_remove (input2);
  g_remove (ws);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (root);
  return 0;
}
