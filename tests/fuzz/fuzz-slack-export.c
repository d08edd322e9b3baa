/* fuzz-slack-export.c: libFuzzer target for the Slack workspace export.
 *
 * The input's content says what it is, so the fixtures in
 * tests/import/fixtures/slack are useful seeds: a zip (the whole export),
 * a user list (it mentions "profile" or "real_name") or else a day file,
 * the latter two inside an otherwise well-formed export folder. An odd
 * size imports with --skip-bad. The import runs into a fresh workspace;
 * any result is fine, a crash, a leak or undefined behaviour is not.
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

static const char users_json[] =
  "[{\"id\": \"U1\", \"name\": \"ann\", \"real_name\": \"Ann\","
  " \"profile\": {\"email\": \"ann@example.com\", \"display_name\": \"ann\"}}]";
static const char day_json[] =
  "[{\"type\": \"message\", \"user\": \"U1\", \"text\": \"hello\","
  " \"ts\": \"1709542800.000100\", \"thread_ts\": \"1709542800.000100\"}]";

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
  guint mode;

  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    mode = 0;
  else if (g_strstr_len ((const char *) data, (gssize) size, "\"profile\"") != NULL ||
           g_strstr_len ((const char *) data, (gssize) size, "\"real_name\"") != NULL)
    mode = 2;
  else
    mode = 1;

  root = g_dir_make_tmp ("uc-fuzz-slack-export-XXXXXX", NULL);
  if (root == NULL)
    return 0;
  ws = g_build_filename (root, "ws.undercurrent", NULL);

  if (mode == 0)
    {
      input = g_build_filename (root, "export.zip", NULL);
      g_file_set_contents (input, (const char *) data, (gssize) size, NULL);
    }
  else
    {
      g_autofree char *channel = NULL;
      g_autofree char *users = NULL;
      g_autofree char *channels = NULL;
      g_autofree char *day = NULL;

      input = g_build_filename (root, "export", NULL);
      channel = g_build_filename (input, "general", NULL);
      g_mkdir_with_parents (channel, 0700);
      users = g_build_filename (input, "users.json", NULL);
      channels = g_build_filename (input, "channels.json", NULL);
      day = g_build_filename (channel, "2024-03-04.json", NULL);
      g_file_set_contents (channels, "[{\"id\": \"C1\", \"name\": \"general\"}]", -1, NULL);
      if (mode == 1)
        {
          g_file_set_contents (users, users_json, -1, NULL);
          g_file_set_contents (day, (const char *) data, (gssize) size, NULL);
        }
      else
        {
          g_file_set_contents (users, (const char *) data, (gssize) size, NULL);
          g_file_set_contents (day, day_json, -1, NULL);
        }
    }

  store = uc_store_create (ws, NULL);
  if (store != NULL)
    {
      g_autoptr(GError) detect_error = NULL;

      uc_import_detect (input, NULL, &detect_error);
      uc_import_path (store, input, "slack-export",
                      size % 2 ? UC_IMPORT_FLAGS_SKIP_BAD : UC_IMPORT_FLAGS_NONE,
                      &result, NULL, NULL, NULL, &error);
      uc_import_result_clear (&result);
    }
  g_clear_object (&store);
  remove_tree (root);
  return 0;
}
