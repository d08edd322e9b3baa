/* fuzz-github.c: libFuzzer target for the GitHub importers.
 *
 * The first byte chooses the format (github-rest, github-perceval,
 * github-archive, or detection) and whether the rest is a file of its own
 * or a page in a folder beside a well-formed pull request, so that the
 * reviews, comments and events found in fuzzed pages have something to
 * attach to. The import runs into a fresh workspace; any result is fine, a
 * crash, a leak or undefined behaviour is not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include <glib/gstdio.h>

#include "uc-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char pull_json[] =
  "[{\"url\": \"https://api.github.com/repos/o/r/pulls/1\", \"number\": 1, \"state\": \"open\","
  " \"title\": \"A-1 x\", \"user\": {\"login\": \"ann\"}, \"body\": \"Fixes #2\","
  " \"created_at\": \"2024-01-01T00:00:00Z\", \"updated_at\": \"2024-01-02T00:00:00Z\","
  " \"head\": {\"ref\": \"2-x\"}, \"base\": {\"repo\": {\"full_name\": \"o/r\"}}},"
  " {\"url\": \"https://api.github.com/repos/o/r/issues/2\", \"repository_url\":"
  " \"https://api.github.com/repos/o/r\", \"number\": 2, \"title\": \"t\", \"state\": \"open\","
  " \"user\": null, \"labels\": [{\"name\": \"bug\"}], \"created_at\": \"2024-01-01T00:00:00Z\"}]";

static const char * const formats[] = { "github-rest", "github-perceval", "github-archive", NULL };

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
  const char *format;
  gboolean in_folder, skip_bad;

  if (size < 1)
    return 0;
  format = formats[data[0] & 3];
  in_folder = (data[0] & 4) != 0;
  skip_bad = (data[0] & 8) != 0;
  data++, size--;

  root = g_dir_make_tmp ("uc-fuzz-github-XXXXXX", NULL);
  if (root == NULL)
    return 0;
  ws = g_build_filename (root, "ws.undercurrent", NULL);

  if (in_folder)
    {
      g_autofree char *pull = NULL;
      g_autofree char *page = NULL;

      input = g_build_filename (root, "pages", NULL);
      g_mkdir_with_parents (input, 0700);
      pull = g_build_filename (input, "a-pulls.json", NULL);
      page = g_build_filename (input, "b-page.json", NULL);
      g_file_set_contents (pull, pull_json, -1, NULL);
      g_file_set_contents (page, (const char *) data, (gssize) size, NULL);
      format = "github-rest";
    }
  else
    {
      input = g_build_filename (root, "page.json", NULL);
      g_file_set_contents (input, (const char *) data, (gssize) size, NULL);
    }

  store = uc_store_create (ws, NULL);
  if (store != NULL)
    {
      g_autoptr(GError) detect_error = NULL;

      uc_import_detect (input, NULL, &detect_error);
      uc_import_path (store, input, format,
                      skip_bad ? UC_IMPORT_FLAGS_SKIP_BAD : UC_IMPORT_FLAGS_NONE,
                      &result, NULL, NULL, NULL, &error);
      uc_import_result_clear (&result);
    }
  g_clear_object (&store);
  remove_tree (root);
  return 0;
}
