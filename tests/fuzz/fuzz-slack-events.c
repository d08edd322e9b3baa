/* fuzz-slack-events.c: libFuzzer target for Slack RTM event logs (one
 * JSON event per line); an input that mentions "slack-id" is an EDN
 * channel list instead, read beside a valid log. An odd size imports with
 * --skip-bad.
 *
 * Every run creates a workspace (SQLite syncs it to disk): point TMPDIR at
 * a tmpfs (TMPDIR=/dev/shm) for a useful number of runs a second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include <glib/gstdio.h>

#include "uc-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char log_line[] =
  "{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"U1\",\"text\":\"hi\",\"ts\":\"1709542800.000100\"}\n";

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_remove (child);
      }
  g_rmdir (path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *root = NULL;
  g_autofree char *ws = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *input = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  UcImportResult result = { 0 };
  gboolean as_channels;

  as_channels = g_strstr_len ((const char *) data, (gssize) size, "slack-id") != NULL;

  root = g_dir_make_tmp ("uc-fuzz-slack-events-XXXXXX", NULL);
  if (root == NULL)
    return 0;
  ws = g_build_filename (root, "ws.undercurrent", NULL);
  folder = g_build_filename (root, "log", NULL);
  g_mkdir_with_parents (folder, 0700);

  if (as_channels)
    {
      /* the bytes as the channel list beside a valid log */
      g_autofree char *edn = g_build_filename (folder, "channels.edn", NULL);
      g_autofree char *log = g_build_filename (folder, "2024-03-04.txt", NULL);
      g_file_set_contents (edn, (const char *) data, (gssize) size, NULL);
      g_file_set_contents (log, log_line, -1, NULL);
      input = g_strdup (folder);
    }
  else
    {
      input = g_build_filename (folder, "2024-03-04.txt", NULL);
      g_file_set_contents (input, (const char *) data, (gssize) size, NULL);
    }

  store = uc_store_create (ws, NULL);
  if (store != NULL)
    {
      g_autoptr(GError) detect_error = NULL;

      uc_import_detect (input, NULL, &detect_error);
      uc_import_path (store, input, "slack-events",
                      size % 2 ? UC_IMPORT_FLAGS_SKIP_BAD : UC_IMPORT_FLAGS_NONE,
                      &result, NULL, NULL, NULL, &error);
      uc_import_result_clear (&result);
    }
  g_clear_object (&store);
  remove_tree (root);
  return 0;
}
