/* fuzz-slack-perceval.c: libFuzzer target for Perceval Slack items; an
 * input that mentions "messages" but not "backend_name" is a
 * conversations.history page instead, read in a folder beside its channel
 * info. An odd size imports with --skip-bad.
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

static const char info_json[] =
  "{\"ok\": true, \"channel\": {\"id\": \"C1\", \"name\": \"ops\", \"is_channel\": true}}";

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
  g_autofree char *input = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  UcImportResult result = { 0 };
  gboolean as_page;

  as_page = g_strstr_len ((const char *) data, (gssize) size, "\"messages\"") != NULL &&
            g_strstr_len ((const char *) data, (gssize) size, "\"backend_name\"") == NULL;

  root = g_dir_make_tmp ("uc-fuzz-slack-perceval-XXXXXX", NULL);
  if (root == NULL)
    return 0;
  ws = g_build_filename (root, "ws.undercurrent", NULL);

  if (as_page)
    {
      g_autofree char *info = NULL;
      g_autofree char *page = NULL;

      input = g_build_filename (root, "pages", NULL);
      g_mkdir_with_parents (input, 0700);
      info = g_build_filename (input, "info.json", NULL);
      page = g_build_filename (input, "history.json", NULL);
      g_file_set_contents (info, info_json, -1, NULL);
      g_file_set_contents (page, (const char *) data, (gssize) size, NULL);
    }
  else
    {
      input = g_build_filename (root, "items.json", NULL);
      g_file_set_contents (input, (const char *) data, (gssize) size, NULL);
    }

  store = uc_store_create (ws, NULL);
  if (store != NULL)
    {
      g_autoptr(GError) detect_error = NULL;

      uc_import_detect (input, NULL, &detect_error);
      uc_import_path (store, input, "slack-perceval",
                      size % 2 ? UC_IMPORT_FLAGS_SKIP_BAD : UC_IMPORT_FLAGS_NONE,
                      &result, NULL, NULL, NULL, &error);
      uc_import_result_clear (&result);
    }
  g_clear_object (&store);
  remove_tree (root);
  return 0;
}
