/* test-gerrit-import.c: the Gerrit importer.
 *
 * Our own fixtures (tests/import/fixtures/gerrit/, written by hand) are
 * imported with exact expected values; the real Perceval samples in
 * $UC_SHARED_DATA are imported with counts derived independently with
 * python3 (the method is quoted next to each number); malformed variants
 * are generated here from the fixtures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "uc-import.h"

static char *tmp_root;
static guint n_files;

/* ---- helpers ---- */

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "import", "fixtures", "gerrit", name, NULL);
}

static char *
shared (const char *relative)
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

static UcStore *
new_workspace (char **path_out)
{
  g_autofree char *path = g_strdup_printf ("%s/ws-%u.undercurrent", tmp_root, ++n_files);
  g_autoptr(GError) error = NULL;
  UcStore *store = uc_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return store;
}

static gint64
q (UcStore    *store,
   const char *sql)
{
  return uc_store_query_int (store, sql, -1);
}

static void
assert_text (UcStore    *store,
             const char *sql,
             const char *expected)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, NULL);
  g_autofree char *text = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  g_assert_cmpstr (text, ==, expected);
}

static gboolean
import (UcStore        *store,
        const char     *path,
        const char     *format,
        UcImportFlags   flags,
        UcImportResult *result,
        GError        **error)
{
  gboolean ok = uc_import_path (store, path, format, flags, result, NULL, NULL, NULL, error);

  if (!ok && error != NULL && *error != NULL)
    g_test_message ("import of %s: %s", path, (*error)->message);
  return ok;
}

static void
import_ok (UcStore    *store,
           const char *path)
{
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "gerrit");
}

static char *
write_file (const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_strdup_printf ("%s/%u-%s", tmp_root, ++n_files, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
read_fixture (const char *name,
              gsize      *len)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);
  return text;
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static gboolean
contains (const char *data,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n <= len && i <= len - n; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_import_fails (UcStore            *store,
                     const char         *path,
                     const char         *format,
                     int                 code,
                     const char * const *parts)
{
  g_autofree char *before = uc_store_describe_counts (store);
  g_autofree char *after = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (import (store, path, format, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_error (error, UC_IMPORT_ERROR, code);
  g_test_message ("%s", error->message);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strstr (error->message, parts[i]) == NULL)
      g_error ("“%s” does not say “%s”", error->message, parts[i]);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);
}

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
          g_unlink (child);
      }
  g_rmdir (path);
}

/* ---- our fixtures, exact values ---- */

static void
assert_query (UcStore *store)
{
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE kind = 'gerrit'"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 3);

  /* 5001: three patch sets, -1 then +2 from ivan, +1 from judy, merged
   * by ivan's submit at 1709816400; the newest patch set: +25 -6 */
  assert_text (store,
               "SELECT state || ' ' || created_time || ' ' || updated_time || ' ' || merged_time"
               " || ' ' || n_rounds || ' ' || n_commits || ' ' || additions || ' ' || deletions"
               " || ' ' || last_commit_time || ' ' || is_draft || ' ' || title_len"
               " FROM change_request WHERE number = '5001'",
               "merged 1709546400 1709816400 1709816400 3 1 25 6 1709719200 0 35");
  assert_text (store,
               "SELECT a.value || ' ' || m.value FROM change_request c"
               " JOIN identity a ON a.id = c.author_id JOIN identity m ON m.id = c.merged_by_id"
               " WHERE c.number = '5001'", "hana ivan");
  /* 5002: abandoned, closed at the "Abandoned" message */
  assert_text (store,
               "SELECT state || ' ' || closed_time || ' ' || IFNULL (merged_time, '-')"
               " FROM change_request WHERE number = '5002'", "closed 1709900000 -");
  /* 5003: work in progress */
  assert_text (store, "SELECT state || ' ' || is_draft || ' ' || n_rounds"
               " FROM change_request WHERE number = '5003'", "open 1 1");

  /* Code-Review votes, the latest per reviewer per patch set; Verified
   * votes by the CI are not reviews. */
  assert_text (store,
               "SELECT group_concat (c.number || ':' || r.ext_id || ':' || r.state || ':' || r.time"
               " || ':' || r.body_len || ':' || r.is_objection, ' ') FROM"
               " (SELECT * FROM review ORDER BY time) r JOIN change_request c ON c.id = r.cr_id",
               "5001:gerrit:5001:ps1:ivan:2:1709550000:32:1"
               " 5002:gerrit:5002:ps1:hana:2:1709700000:39:1"
               " 5001:gerrit:5001:ps3:judy:1:1709800000:0:0"
               " 5001:gerrit:5001:ps3:ivan:1:1709805600:24:0");

  /* Comments: change messages with text (three CI reports, two of ivan's,
   * hana's, the abandon reason, kai's) and two inline comments, which take
   * the time of ivan's "(2 comments)" message. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 10);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment AND time = 1709550000"), ==, 2);
  assert_text (store, "SELECT group_concat (ext_id, ' ') FROM (SELECT * FROM comment WHERE is_objection ORDER BY ext_id)",
               "gerrit:5001:ps1:invoice/round.py:12:ivan gerrit:5002:msg:1709700000:hana");
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment c JOIN identity i ON i.id = c.author_id"
                             " WHERE i.value = 'zuul'"), ==, 3);

  /* BILL-9 (subject; the topic names it again), BILL-10 (Bug: trailer) */
  assert_text (store, "SELECT group_concat (item_key || '/' || via, ' ') FROM (SELECT * FROM link ORDER BY item_key)",
               "BILL-10/trailer BILL-9/title");

  /* five accounts; e-mail identities on the same people; Zuul CI is an agent */
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'gerrit'"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(DISTINCT person_id) FROM identity WHERE value LIKE 'ivan%'"), ==, 1);
  assert_text (store, "SELECT group_concat (name) FROM person WHERE is_agent", "Zuul CI");
}

static void
test_query (void)
{
  g_autoptr(UcStore) store = new_workspace (NULL);
  g_autofree char *path = fixture ("query.json");
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "gerrit");
  g_assert_cmpint (result.n_records, ==, 4);   /* three changes and the stats line */
  g_assert_cmpint (result.n_new, ==, 3);
  g_assert_cmpuint (result.warnings->len, ==, 0);
  assert_query (store);
  g_assert_cmpint (q (store, "SELECT first_time FROM source"), ==, 1709546400);
  g_assert_cmpint (q (store, "SELECT last_time FROM source"), ==, 1709913600);
}

/* The Perceval items hold an older copy of 5001 and a new change 5004: in
 * either order the newest state wins. */
static void
test_overlap (void)
{
  g_autoptr(UcStore) a = new_workspace (NULL);
  g_autoptr(UcStore) b = new_workspace (NULL);
  g_autofree char *query = fixture ("query.json");
  g_autofree char *items = fixture ("perceval-items.json");
  g_autofree char *counts_a = NULL;
  g_autofree char *counts_b = NULL;

  import_ok (a, query);
  import_ok (a, items);
  import_ok (b, items);
  import_ok (b, query);
  counts_a = uc_store_describe_counts (a);
  counts_b = uc_store_describe_counts (b);
  g_assert_cmpstr (counts_a, ==, counts_b);

  for (guint i = 0; i < 2; i++)
    {
      UcStore *s = i == 0 ? a : b;

      g_assert_cmpint (q (s, "SELECT count(*) FROM change_request"), ==, 4);
      assert_text (s, "SELECT state || ' ' || updated_time || ' ' || merged_time"
                   " FROM change_request WHERE number = '5001'", "merged 1709816400 1709816400");
      /* 5004 (number, patch set and sizes as strings): ivan's +1 */
      assert_text (s, "SELECT state || ' ' || n_rounds || ' ' || additions"
                   " FROM change_request WHERE number = '5004'", "open 1 12");
      g_assert_cmpint (q (s, "SELECT count(*) FROM review"), ==, 5);
      g_assert_cmpint (q (s, "SELECT count(*) FROM review WHERE state = 1"), ==, 3);
      g_assert_cmpint (q (s, "SELECT count(*) FROM comment"), ==, 11);
      g_assert_cmpint (q (s, "SELECT count(*) FROM link"), ==, 3);
      g_assert_cmpint (q (s, "SELECT count(*) FROM person"), ==, 5);
    }
}

static void
test_reimport (void)
{
  g_autoptr(UcStore) store = new_workspace (NULL);
  g_autofree char *query = fixture ("query.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  import_ok (store, query);
  before = uc_store_describe_counts (store);
  g_assert_true (import (store, query, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.already_imported);
  g_assert_cmpint (result.n_new, ==, 0);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);

  /* the same changes with different bytes (the stats line changed): a new
   * source, nothing else new */
  {
    g_autofree char *text = read_fixture ("query.json", NULL);
    g_autofree char *other = replace_once (text, "\"runTimeMilliseconds\":14", "\"runTimeMilliseconds\":15");
    g_autofree char *path = write_file ("query-again.json", other, -1);
    g_auto(UcImportResult) again = { 0 };

    g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &again, &error));
    g_assert_no_error (error);
    g_assert_false (again.already_imported);
    g_assert_cmpint (again.n_new, ==, 0);
    g_assert_cmpint (q (store, "SELECT count(*) FROM source"), ==, 2);
    g_free (after);
    after = uc_store_describe_counts (store);
    g_assert_cmpstr (strstr (before, " person="), ==, strstr (after, " person="));
  }
  assert_query (store);
}

/* ---- bad input ---- */

typedef struct
{
  const char *name;
  const char *from;
  const char *to;
  const char *message[4];  /* NULL-terminated */
} BadCase;

static void
test_malformed (void)
{
  static const BadCase cases[] = {
    { "wrong-type.json", "\"number\":5002,", "\"number\":{\"n\":5002},",
      { "record 2 (line 2)", "“number” is not a whole number", NULL } },
    { "no-number.json", "\"number\":5002,", "",
      { "record 2 (line 2)", "the change has no “number”", NULL } },
    { "no-created.json", "\"createdOn\":1709910000,", "",
      { "record 3 (line 3)", "the change has no “createdOn”", NULL } },
    { "bad-status.json", "\"status\":\"ABANDONED\"", "\"status\":\"LOST\"",
      { "record 2", "unknown status “LOST”", NULL } },
    { "bad-time.json", "\"lastUpdated\":1709900000", "\"lastUpdated\":\"soon\"",
      { "record 2", "“lastUpdated” is not a time", NULL } },
    { "bad-patchset.json", "\"number\":1,\"revision\":\"2c3d", "\"number\":\"one\",\"revision\":\"2c3d",
      { "record 2", "patchSets[0] has no valid “number”", NULL } },
    { "bad-approval.json", "\"value\":\"-2\"", "\"value\":\"very bad\"",
      { "record 2", "patchSets[0].approvals[0]", "“value” is not a whole number" } },
    { "bad-message.json", "{\"timestamp\":1709700000,", "{\"timestamp\":\"noon\",",
      { "record 2", "comments[1]", "“timestamp” is not a time" } },
    { "bad-json.json", "\"number\":5003,", "\"number\":5003,,",
      { "record 3 (line 3)", "invalid JSON", NULL } },
    { "utf8.json", "Try a decimal", "Try a \xc3\x28 decimal",
      { "record 2", "invalid UTF-8", NULL } },
    { "error-line.json", "{\"type\":\"stats\"", "{\"type\":\"error\",\"message\":\"permission denied\"}\n{\"type\":\"stats\"",
      { "record 4", "the query reported an error: permission denied", NULL } },
    { "not-a-change.json", "{\"type\":\"stats\"", "{\"hello\":\"world\"}\n{\"type\":\"stats\"",
      { "record 4", "not a Gerrit change", NULL } },
    { "other-backend.json", "{\"type\":\"stats\"", "{\"backend_name\":\"GitHub\",\"data\":{}}\n{\"type\":\"stats\"",
      { "record 4", "“GitHub” backend", NULL } },
  };
  g_autoptr(UcStore) store = new_workspace (NULL);
  g_autofree char *items = fixture ("perceval-items.json");
  g_autofree char *text = NULL;
  gsize len;

  import_ok (store, items);   /* something to lose */
  text = read_fixture ("query.json", &len);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bad = replace_once (text, cases[i].from, cases[i].to);
      g_autofree char *path = write_file (cases[i].name, bad, -1);

      g_test_message ("case %s", cases[i].name);
      assert_import_fails (store, path, "gerrit", UC_IMPORT_ERROR_PARSE, cases[i].message);
    }

  /* truncated in the middle of the second line */
  {
    const char *second = strchr (text, '\n') + 1;
    g_autofree char *path = write_file ("truncated.json", text, (second - text) + 200);
    const char *parts[] = { "record 2 (line 2)", "truncated", NULL };

    assert_import_fails (store, path, "gerrit", UC_IMPORT_ERROR_PARSE, parts);
  }
  /* empty, a folder, the output of `gerrit version` */
  {
    g_autofree char *empty = write_file ("empty.json", "", 0);
    g_autofree char *dir = g_build_filename (tmp_root, "a-folder", NULL);
    g_autofree char *version = fixture ("version.txt");
    const char *empty_parts[] = { "is empty", NULL };
    const char *dir_parts[] = { "is a folder", NULL };
    const char *version_parts[] = { "version.txt", "record 1 (line 1)", "output of “gerrit version”", NULL };

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    assert_import_fails (store, empty, "gerrit", UC_IMPORT_ERROR_IO, empty_parts);
    assert_import_fails (store, dir, "gerrit", UC_IMPORT_ERROR_IO, dir_parts);
    assert_import_fails (store, version, "gerrit", UC_IMPORT_ERROR_PARSE, version_parts);
  }
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 2);
}

static void
test_skip_bad (void)
{
  g_autoptr(UcStore) store = new_workspace (NULL);
  g_autofree char *text = read_fixture ("query.json", NULL);
  g_autofree char *bad1 = replace_once (text, "\"number\":5002,", "\"number\":5002,,");
  g_autofree char *bad2 = replace_once (bad1, "{\"file\":\"invoice/round.py\",\"line\":30,",
                                        "{\"file\":[\"invoice/round.py\"],\"line\":30,");
  g_autofree char *path = write_file ("skip.json", bad2, -1);
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.n_records, ==, 4);
  g_assert_cmpint (result.n_new, ==, 2);
  g_assert_cmpuint (result.warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "record 1 (line 1), patchSets[0].comments[1]"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "record 2 (line 2): invalid JSON"));
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, 1);
  g_assert_cmpint (q (store, "SELECT n_warnings FROM source"), ==, 2);
}

static void
test_no_body_text (void)
{
  static const char * const bodies[] = {
    "Please check with finance", "Looks right now", "half-even is what finance expects",
    "Typo in the docstring", "keep one context per worker", "Superseded by the rounding fix",
    "Still working on the tests", "round half-even in invoices", "rounded half-up",
    "Build succeeded", "decimal context per request", "the old flag",
  };
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *query = fixture ("query.json");
  g_autofree char *items = fixture ("perceval-items.json");
  UcStore *store = new_workspace (&path);

  import_ok (store, query);
  import_ok (store, items);
  wal = g_strconcat (path, "-wal", NULL);
  for (guint round = 0; round < 2; round++)
    {
      const char *files[] = { path, wal };

      for (guint f = 0; f < G_N_ELEMENTS (files); f++)
        {
          g_autofree char *data = NULL;
          gsize len = 0;

          if (!g_file_get_contents (files[f], &data, &len, NULL))
            continue;
          for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
            if (contains (data, len, bodies[i]))
              g_error ("“%s” found in %s", bodies[i], files[f]);
        }
      g_clear_object (&store);
    }
}

static void
test_detect (void)
{
  static const char * const others[] = {
    "../gitlab", "../gitlab/pages", "../github", "../slack", "../mattermost", "../jira",
  };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = fixture (i == 0 ? "query.json" : "perceval-items.json");
      g_autoptr(GError) error = NULL;
      double confidence = 0;

      g_assert_cmpstr (uc_import_detect (path, &confidence, &error), ==, "gerrit");
      g_assert_no_error (error);
      g_assert_cmpfloat (confidence, >=, 0.9);
    }
  /* `gerrit version` output is not claimed */
  {
    g_autofree char *path = fixture ("version.txt");
    g_autoptr(GError) error = NULL;

    g_assert_null (uc_import_detect (path, NULL, &error));
    g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT);
  }
  /* a query that found nothing: only the stats line */
  {
    g_autofree char *path = write_file ("nothing.json",
                                        "{\"type\":\"stats\",\"rowCount\":0,\"runTimeMilliseconds\":3,\"moreChanges\":false}\n", -1);
    g_autoptr(UcStore) store = new_workspace (NULL);
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (uc_import_detect (path, NULL, &error), ==, "gerrit");
    g_assert_no_error (error);
    g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.n_records, ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *dir = fixture (others[i]);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      if (d == NULL)
        continue;
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(GError) error = NULL;
          const char *format = uc_import_detect (path, NULL, &error);

          g_test_message ("%s → %s", path, format != NULL ? format : error->message);
          g_assert_cmpstr (format, !=, "gerrit");
        }
    }
}

static void
test_detect_shared (void)
{
  static const char * const gerrit[] = {
    "grimoirelab-elk-items/gerrit.json", "perceval/gerrit/gerrit_reviews_page_1",
    "perceval/gerrit/gerrit_reviews_page_2", "perceval/gerrit/gerrit_reviews_page_3",
  };
  static const char * const versions[] = {
    "perceval/gerrit/gerrit_version_214", "perceval/gerrit/gerrit_version_313",
    "perceval/gerrit/gerrit_version_unknown",
  };
  static const char * const other_dirs[] = {
    "perceval/github", "perceval/gitlab", "perceval/jira", "perceval/slack",
    "perceval/mattermost", "perceval/git", "grimoirelab-elk-items", "jira-xml",
    "slack-clojurians", "github-archive-json",
  };
  g_autofree char *root = shared (".");

  if (root == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (gerrit); i++)
    {
      g_autofree char *path = g_build_filename (root, gerrit[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (uc_import_detect (path, NULL, &error), ==, "gerrit");
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *path = g_build_filename (root, versions[i], NULL);
      g_autoptr(UcStore) store = new_workspace (NULL);
      g_autoptr(GError) error = NULL;
      const char *parts[] = { "output of “gerrit version”", NULL };

      g_assert_null (uc_import_detect (path, NULL, &error));
      g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT);
      assert_import_fails (store, path, "gerrit", UC_IMPORT_ERROR_PARSE, parts);
    }
  for (guint i = 0; i < G_N_ELEMENTS (other_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (root, other_dirs[i], NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      if (d == NULL)
        continue;
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(GError) error = NULL;
          const char *format;

          if (g_str_equal (name, "gerrit.json"))
            continue;
          format = uc_import_detect (path, NULL, &error);
          g_test_message ("%s → %s", path, format != NULL ? format : error->message);
          g_assert_cmpstr (format, !=, "gerrit");
        }
    }
}

/* ---- the real samples ---- */

static void
test_real_elk (void)
{
  g_autofree char *path = shared ("grimoirelab-elk-items/gerrit.json");
  g_autoptr(UcStore) store = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  store = new_workspace (NULL);
  g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "gerrit");
  g_assert_cmpint (result.n_records, ==, 6);
  g_assert_cmpint (result.n_new, ==, 5);

  /* Derived with python3 (json.load the array; for each item's data: keep
   * the copy with the newest lastUpdated per number; n_rounds = the
   * highest patch set number; Code-Review votes from patchSets[].approvals
   * and "Patch Set N: Label±N" message headers, the latest per (patch
   * set, account, label), non-zero ones are reviews; messages are
   * comments when they have an author and, after the header and without
   * "(N comments)" lines, text of their own, automatic messages excepted;
   * inline comments = patchSets[].comments entries; people = distinct
   * username, else e-mail with "@", else name, over owners, message
   * authors, voters, inline commenters and the newest patch set's
   * submitter; agents = CI words in the name or username):
   *   5 changes (1 MERGED, 4 NEW), rounds 1, 2, 5, 5, 6;
   *   4 approved and 11 changes-requested reviews;
   *   96 message comments, 69 inline comments; 31 people, 12 agents. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE kind = 'gerrit'"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request WHERE state = 'merged'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request WHERE state = 'open'"), ==, 4);
  assert_text (store, "SELECT group_concat (n_rounds, ' ') FROM (SELECT n_rounds FROM change_request ORDER BY n_rounds)",
               "1 2 5 5 6");
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 1"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 2"), ==, 11);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 2 AND NOT is_objection"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE NOT is_review_comment"), ==, 96);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, 69);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 31);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 12);
  /* 343936 appears twice: the copy updated at 1469621492 wins */
  assert_text (store, "SELECT updated_time || ' ' || is_draft FROM change_request WHERE number = '343936'",
               "1469621492 1");
}

static void
test_real_pages (void)
{
  g_autofree char *page1 = shared ("perceval/gerrit/gerrit_reviews_page_1");
  g_autofree char *page2 = shared ("perceval/gerrit/gerrit_reviews_page_2");
  g_autofree char *page3 = shared ("perceval/gerrit/gerrit_reviews_page_3");
  g_autoptr(UcStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (page1 == NULL || page2 == NULL || page3 == NULL)
    return;
  store = new_workspace (NULL);
  import_ok (store, page1);
  import_ok (store, page2);
  before = uc_store_describe_counts (store);
  /* page 3 repeats page 2 with older copies ("lastUpdated": 0 included) */
  {
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_true (import (store, page3, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.n_records, ==, 3);
    g_assert_cmpint (result.n_new, ==, 0);
  }
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (strstr (before, " person="), ==, strstr (after, " person="));

  /* Derived with python3 as in test_real_elk, over the three pages' lines
   * (the stats lines left out): 4 changes (3 MERGED, 1 NEW), rounds 1, 2,
   * 2, 3; 7 approved reviews and none requesting changes; 34 message
   * comments and 2 inline comments (two identical ones on 416224, kept
   * apart by their order); 10 people, 1 agent (jenkins-bot). */
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request WHERE state = 'merged'"), ==, 3);
  assert_text (store, "SELECT group_concat (n_rounds, ' ') FROM (SELECT n_rounds FROM change_request ORDER BY n_rounds)",
               "1 2 2 3");
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 1"), ==, 7);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 2"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE NOT is_review_comment"), ==, 34);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 10);
  assert_text (store, "SELECT group_concat (name) FROM person WHERE is_agent", "jenkins-bot");
  /* 416443: merged by gehel's submit record (SUBM at 1520261099) */
  assert_text (store,
               "SELECT c.merged_time || ' ' || i.value FROM change_request c"
               " JOIN identity i ON i.id = c.merged_by_id WHERE c.number = '416443'",
               "1520261099 gehel");
  /* Phabricator and Bugzilla ids from trackingIds */
  g_assert_cmpint (q (store, "SELECT count(*) FROM link WHERE item_key = 'T188633' AND via = 'trailer'"), ==, 1);
}

typedef struct
{
  guint  n_calls;
  double last;
  gboolean bad;
} Progress;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Progress *p = user_data;

  p->n_calls++;
  if (!(fraction < 0 || (fraction >= 0.0 && fraction <= 1.0)))
    p->bad = TRUE;
  p->last = fraction;
}

static void
test_progress (void)
{
  g_autoptr(UcStore) store = new_workspace (NULL);
  g_autofree char *path = fixture ("query.json");
  Progress p = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (uc_import_path (store, path, NULL, UC_IMPORT_FLAGS_NONE, NULL, progress_cb, &p,
                                 NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.n_calls, >=, 1);
  g_assert_false (p.bad);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_root = g_dir_make_tmp ("uc-test-gerrit-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/import/gerrit/query", test_query);
  g_test_add_func ("/import/gerrit/overlap", test_overlap);
  g_test_add_func ("/import/gerrit/reimport", test_reimport);
  g_test_add_func ("/import/gerrit/malformed", test_malformed);
  g_test_add_func ("/import/gerrit/skip-bad", test_skip_bad);
  g_test_add_func ("/import/gerrit/no-body-text", test_no_body_text);
  g_test_add_func ("/import/gerrit/detect", test_detect);
  g_test_add_func ("/import/gerrit/detect-shared", test_detect_shared);
  g_test_add_func ("/import/gerrit/real-elk", test_real_elk);
  g_test_add_func ("/import/gerrit/real-pages", test_real_pages);

  g_test_add_func ("/import/gerrit/progress", test_progress);

  status = g_test_run ();
  remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
