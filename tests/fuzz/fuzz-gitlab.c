/* fuzz-gitlab.c: libFuzzer target for the GitLab importer.
 *
 * The first byte chooses how the rest is imported: bit 0 with --skip-bad,
 * bit 1 as a page in a folder beside a well-formed project, merge request
 * and issue (GitLab ids 100 and 200, iids 1 and 2), so that fuzzed notes,
 * discussions, emoji, versions and approvals have something to attach to,
 * bit 2 with the format detected rather than forced. The import runs into
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

static const char parents_json[] =
  "{\"id\": 9, \"path_with_namespace\": \"g/p\", \"default_branch\": \"main\"}\n"
  "[{\"id\": 100, \"iid\": 1, \"project_id\": 9, \"title\": \"A-1 x\", \"description\": \"#2\","
  " \"state\": \"merged\", \"created_at\": \"2024-01-01T00:00:00Z\","
  " \"updated_at\": \"2024-01-02T00:00:00Z\", \"source_branch\": \"2-x\","
  " \"author\": {\"username\": \"ann\", \"name\": \"Ann\"}},"
  " {\"id\": 200, \"iid\": 2, \"project_id\": 9, \"title\": \"t\", \"state\": \"opened\","
  " \"labels\": [\"doing\"], \"created_at\": \"2024-01-01T00:00:00Z\","
  " \"web_url\": \"https://gitlab.example.com/g/p/-/issues/2\"}]\n";

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
  g_auto(UcImportResult) result = { 0 };
  gboolean skip_bad, in_folder, detect;

  if (size < 1)
    return 0;
  skip_bad = (data[0] & 1) != 0;
  in_folder = (data[0] & 2) != 0;
  detect = (data[0] & 4) != 0;

  root = g_dir_make_tmp ("uc-fuzz-gitlab-XXXXXX", NULL);
  if (root == NULL)
    return 0;
  ws = g_build_filename (root, "ws.undercurrent", NULL);
  if (in_folder)
    {
      g_autofree char *dir = g_build_filename (root, "pages", NULL);
      g_autofree char *parents = g_build_filename (dir, "a-parents.json", NULL);
      g_autofree char *page = g_build_filename (dir, "b-page.json", NULL);

      g_mkdir (dir, 0700);
      g_file_set_contents (parents, parents_json, -1, NULL);
      g_file_set_contents (page, (const char *) data + 1, (gssize) size - 1, NULL);
      input = g_steal_pointer (&dir);
    }
  else
    {
      input = g_build_filename (root, "input.json", NULL);
      g_file_set_contents (input, (const char *) data + 1, (gssize) size - 1, NULL);
    }

  store = uc_store_create (ws, NULL);
  if (store != NULL)
    {
      uc_import_detect (input, NULL, &error);
      g_clear_error (&error);
      uc_import_path (store, input, detect ? NULL : "gitlab",
                      skip_bad ? UC_IMPORT_FLAGS_SKIP_BAD : UC_IMPORT_FLAGS_NONE,
                      &result, NULL, NULL, NULL, &error);
    }
  g_clear_object (&store);
  remove_tree (root);
  return 0;
}
