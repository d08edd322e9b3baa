/* test-jira-util.h: helpers shared by the Jira importer tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "uc-import.h"

/* A scratch folder for the whole run (set up by jira_test_init ()). */
static char *jira_tmp_root;
static guint jira_n_files;

static inline void
jira_test_init (int    *argc,
                char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jira_tmp_root = g_dir_make_tmp ("uc-jira-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static inline void
jira_remove_tree (const char *path)
{
  GDir *dir;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      const char *name;

      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          jira_remove_tree (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline int
jira_test_finish (int status)
{
  jira_remove_tree (jira_tmp_root);
  g_free (jira_tmp_root);
  return status;
}

static inline char *
jira_tmp_path (const char *name)
{
  return g_strdup_printf ("%s/%u-%s", jira_tmp_root, ++jira_n_files, name);
}

static inline UcStore *
jira_new_workspace (void)
{
  g_autofree char *path = jira_tmp_path ("ws.undercurrent");
  g_autoptr(GError) error = NULL;
  UcStore *store = uc_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static inline gint64
jira_q (UcStore    *store,
        const char *sql)
{
  return uc_store_query_int (store, sql, -1);
}

static inline char *
jira_q_text (UcStore    *store,
             const char *sql)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

/* The text @sql selects equals @expected. */
#define jira_assert_text(store, sql, expected) \
  G_STMT_START { \
    g_autofree char *jira_text_ = jira_q_text ((store), (sql)); \
    g_assert_cmpstr (jira_text_, ==, (expected)); \
  } G_STMT_END

static inline double
jira_q_double (UcStore    *store,
               const char *sql)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, NULL);
  double v = -1.0;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    v = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

/* A file of the project's own fixtures (tests/import/fixtures/jira). */
static inline char *
jira_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "import", "fixtures", "jira", name, NULL);
}

/* A file of ../shared/data, or NULL (the test is then skipped). */
static inline char *
jira_shared (const char *relative)
{
  const char *root = g_getenv ("UC_SHARED_DATA");
  g_autofree char *path = NULL;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("UC_SHARED_DATA is not available");
      return NULL;
    }
  path = g_build_filename (root, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the shared sample is missing");
      return NULL;
    }
  return g_steal_pointer (&path);
}

static inline char *
jira_write (const char *name,
            const char *contents,
            gssize      len)
{
  char *path = jira_tmp_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

/* Not inlined: GCC 12 then mistakes the result for a dangling pointer. */
G_GNUC_UNUSED G_NO_INLINE static char *
jira_read (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static inline gboolean
jira_import (UcStore        *store,
             const char     *path,
             const char     *format,
             UcImportFlags   flags,
             UcImportResult *result,
             GError        **error)
{
  return uc_import_path (store, path, format, flags, result, NULL, NULL, NULL, error);
}

/* Import @path and expect success. */
static inline void
jira_import_ok (UcStore    *store,
                const char *path,
                const char *format)
{
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (jira_import (store, path, format, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
}

/* Import @path, expect a parse error whose message contains every one of
 * the NULL-terminated strings, and the workspace to be unchanged. */
static inline void
jira_expect_error (UcStore    *store,
                   const char *path,
                   const char *format,
                   int         code,
                   ...) G_GNUC_NULL_TERMINATED;

static inline void
jira_expect_error (UcStore    *store,
                   const char *path,
                   const char *format,
                   int         code,
                   ...)
{
  g_autofree char *before = uc_store_describe_counts (store);
  g_autofree char *after = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  const char *part;
  va_list ap;

  g_assert_false (jira_import (store, path, format, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_error (error, UC_IMPORT_ERROR, code);
  g_test_message ("expected error: %s", error->message);
  va_start (ap, code);
  while ((part = va_arg (ap, const char *)) != NULL)
    {
      if (strstr (error->message, part) == NULL)
        g_error ("“%s” is not in the error “%s”", part, error->message);
    }
  va_end (ap);
  g_assert_false (uc_store_in_transaction (store));
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);
}

static inline gboolean
jira_contains (const char *haystack,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = haystack; n > 0 && len >= n && (gsize) (p - haystack) <= len - n; p++)
    {
      p = memchr (p, needle[0], len - n - (gsize) (p - haystack) + 1);
      if (p == NULL)
        return FALSE;
      if (memcmp (p, needle, n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* None of @needles (NULL-terminated) is anywhere in the workspace file or
 * its write-ahead log. */
static inline void
jira_assert_no_text (UcStore            *store,
                     const char * const *needles)
{
  const char *path = uc_store_get_path (store);
  const char *suffixes[] = { "", "-wal", NULL };

  for (guint s = 0; suffixes[s] != NULL; s++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[s], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (file, &contents, &len, NULL))
        continue;
      for (guint i = 0; needles[i] != NULL; i++)
        if (jira_contains (contents, len, needles[i]))
          g_error ("“%s” is stored in %s", needles[i], file);
    }
}

/* Which format @path is detected as (NULL when none). */
static inline const char *
jira_detect (const char *path)
{
  g_autoptr(GError) error = NULL;
  double confidence = 0.0;

  return uc_import_detect (path, &confidence, &error);
}
