/* test-github-import.c: the GitHub importers (github-rest, github-perceval,
 * github-archive).
 *
 * Our own hand-made fixtures in tests/import/fixtures/github/ are imported
 * with exact expected values; the real samples in $UC_SHARED_DATA
 * (Perceval's raw GitHub API responses, GrimoireLab's Perceval items and
 * two i-d-template archive.json files) with counts derived independently
 * with python3 (the derivation is written above each test). Malformed
 * variants are generated here from the fixtures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "uc-import-private.h"
#include "uc-github-json.h"

extern const UcImportFormat _uc_import_format_github_rest;
extern const UcImportFormat _uc_import_format_github_perceval;
extern const UcImportFormat _uc_import_format_github_archive;

static char *tmp_root;
static guint n_workspaces;

/* ---- helpers ---- */

static UcStore *
new_workspace (void)
{
  g_autofree char *path = g_strdup_printf ("%s/ws-%u.undercurrent", tmp_root, ++n_workspaces);
  g_autoptr(GError) error = NULL;
  UcStore *store = uc_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
q (UcStore    *store,
   const char *sql)
{
  return uc_store_query_int (store, sql, -1);
}

static char *
q_text (UcStore    *store,
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

static void
assert_text (UcStore    *store,
             const char *sql,
             const char *expected)
{
  g_autofree char *text = q_text (store, sql);

  g_assert_cmpstr (text, ==, expected);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "import", "fixtures", "github", name, NULL);
}

/* A file in ../shared/data, or NULL (and the test skipped) without it. */
static char *
shared (const char *rel)
{
  const char *root = g_getenv ("UC_SHARED_DATA");
  g_autofree char *path = NULL;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("UC_SHARED_DATA is not available");
      return NULL;
    }
  path = g_build_filename (root, rel, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("a shared sample is missing");
      return NULL;
    }
  return g_steal_pointer (&path);
}

static char *
write_file (const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (tmp_root, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Copy a fixture folder to a fresh scratch folder. */
static char *
copy_folder (const char *from,
             const char *name)
{
  char *to = g_build_filename (tmp_root, name, NULL);
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *entry;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, entry, NULL);
      g_autofree char *dst = g_build_filename (to, entry, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (dst, contents, (gssize) len, NULL));
    }
  return to;
}

static gboolean
import (UcStore        *store,
        const char     *path,
        const char     *format,
        UcImportFlags   flags,
        UcImportResult *result,
        GError        **error)
{
  return uc_import_path (store, path, format, flags, result, NULL, NULL, NULL, error);
}

static void
import_ok (UcStore        *store,
           const char     *path,
           const char     *format,
           UcImportFlags   flags,
           UcImportResult *result)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = import (store, path, format, flags, result, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* The import fails with @code, its message contains each of the
 * NULL-terminated @needles, and the workspace is unchanged. */
static void
assert_fails (UcStore    *store,
              const char *path,
              const char *format,
              GQuark      domain,
              int         code,
              ...) G_GNUC_NULL_TERMINATED;

static void
assert_fails (UcStore    *store,
              const char *path,
              const char *format,
              GQuark      domain,
              int         code,
              ...)
{
  g_autofree char *before = uc_store_describe_counts (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) result = { 0 };
  const char *needle;
  va_list ap;

  g_assert_false (import (store, path, format, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_error (error, domain, code);
  g_test_message ("expected error: %s", error->message);
  va_start (ap, code);
  while ((needle = va_arg (ap, const char *)) != NULL)
    {
      if (strstr (error->message, needle) == NULL)
        g_error ("“%s” is not in the error “%s”", needle, error->message);
    }
  va_end (ap);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
bytes_contain (const char *hay,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n <= len && i <= len - n; i++)
    if (hay[i] == needle[0] && memcmp (hay + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* TRUE when @needle occurs in the workspace file or its WAL. */
static gboolean
workspace_contains (UcStore    *store,
                    const char *needle)
{
  const char *path = uc_store_get_path (store);
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (file, &contents, &len, NULL))
        continue;
      if (bytes_contain (contents, len, needle))
        return TRUE;
    }
  return FALSE;
}

/* ---- our own fixtures ---- */

/* tests/import/fixtures/github/rest-folder: acme/widget as REST pages.
 *
 *  pull-7.json         PR #7 in detail (additions 120, deletions 30, 3
 *                      commits, merged by bob)
 *  pulls-1.json        #7 (newest copy, merged) and #8 (dependabot[bot],
 *                      draft, open)
 *  pulls-2.json        #9 (closed, not merged) and an OLDER copy of #7
 *                      (open): it must not win
 *  reviews-7.json      bob APPROVED, carol CHANGES_REQUESTED, dave
 *                      COMMENTED ("not sure": an objection), erin
 *                      DISMISSED, frank PENDING (left out)
 *  review-comments-7   2003 → 2002 → 2001, replies listed before what they
 *                      answer; 2001 ("concerns") and 2003 ("I'd rather")
 *                      are objections
 *  issues.json         #12 bug, "status: in progress", assigned → doing;
 *                      #13 "RFC: …" → decision, todo; #14 bug closed as
 *                      not planned → won't do; #15 duplicate, user null →
 *                      ghost; #7 (the PR's issue); #16 question +
 *                      needs-discussion by "ghost"
 *  issue-comments      3001 on #12 (bob), 3002 on PR #7 (carol, "Why not…
 *                      instead": objection), 3003 on #13 by
 *                      github-actions[bot]
 *  issue-events        #12: labeled in progress 03-02, closed 03-03,
 *                      reopened 03-03, closed 03-04, reopened 03-05,
 *                      assigned 03-05 (no change), labeled bug (no
 *                      change), listed out of order; closed on PR #7
 *                      (not a status change)
 *  timeline-13.json    GraphQL: a comment on #13 and WIP labeled/unlabeled
 *  timeline-7.json     GraphQL: #7's commits (the last at 03-05 20:00) and
 *                      bob's approval again (its id from the URL: the same
 *                      review as the REST one)
 *  user.json, notes.txt ignored
 *
 * Expected: 3 CRs, 4 reviews (one per state), 7 comments (3 review
 * comments, 4 conversation), 5 items, 7 status changes (5 on #12, 2 on
 * #13; 3 backwards: the two reopenings and the WIP removal), 6 links,
 * 8 people (alice, bob, carol, dave, erin, dependabot[bot],
 * github-actions[bot], ghost), 2 agents. Records: 5 pull copies, 5
 * issues, 1 PR issue, 4 reviews, 3 + 3 comments, 7 events (6 on #12 that
 * matter + the PR's), 3 + 1 timeline items (#13's and the approval) = 32;
 * new: 3 + 5 + 4 + 7 + 7 = 26. */
static void
assert_rest_folder (UcStore *store)
{
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE kind = 'github' AND name = 'acme/widget'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 7);
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM status_change"), ==, 7);
  g_assert_cmpint (q (store, "SELECT count(*) FROM link"), ==, 6);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 8);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'github'"), ==, 8);

  /* PR #7: the newest copy, completed by the detail page. */
  assert_text (store, "SELECT state FROM change_request WHERE number = '7'", "merged");
  g_assert_cmpint (q (store, "SELECT merged_time FROM change_request WHERE number = '7'"), ==, 1709737200);
  g_assert_cmpint (q (store, "SELECT closed_time FROM change_request WHERE number = '7'"), ==, 1709737200);
  g_assert_cmpint (q (store, "SELECT created_time FROM change_request WHERE number = '7'"), ==, 1709456400);
  g_assert_cmpint (q (store, "SELECT updated_time FROM change_request WHERE number = '7'"), ==, 1709737205);
  g_assert_cmpint (q (store, "SELECT additions FROM change_request WHERE number = '7'"), ==, 120);
  g_assert_cmpint (q (store, "SELECT deletions FROM change_request WHERE number = '7'"), ==, 30);
  g_assert_cmpint (q (store, "SELECT n_commits FROM change_request WHERE number = '7'"), ==, 3);
  g_assert_cmpint (q (store, "SELECT last_commit_time FROM change_request WHERE number = '7'"), ==, 1709668800);
  g_assert_cmpint (q (store, "SELECT last_commit_time IS NULL FROM change_request WHERE number = '9'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT title_len FROM change_request WHERE number = '7'"), ==, 32);
  g_assert_cmpint (q (store, "SELECT body_len FROM change_request WHERE number = '7'"), ==, 141);
  assert_text (store, "SELECT i.value FROM change_request c JOIN identity i ON i.id = c.merged_by_id"
                      " WHERE number = '7'", "bob");
  assert_text (store, "SELECT i.value FROM change_request c JOIN identity i ON i.id = c.author_id"
                      " WHERE number = '7'", "alice");
  /* #8: a draft by a bot; the list page gives no sizes. */
  assert_text (store, "SELECT state FROM change_request WHERE number = '8'", "open");
  g_assert_cmpint (q (store, "SELECT is_draft FROM change_request WHERE number = '8'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT additions IS NULL AND n_commits IS NULL FROM change_request"
                              " WHERE number = '8'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT p.is_agent FROM change_request c JOIN identity i ON i.id = c.author_id"
                              " JOIN person p ON p.id = i.person_id WHERE number = '8'"), ==, 1);
  assert_text (store, "SELECT state FROM change_request WHERE number = '9'", "closed");
  g_assert_cmpint (q (store, "SELECT merged_time IS NULL FROM change_request WHERE number = '9'"), ==, 1);

  /* Reviews, one per state. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 1"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 2"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 0"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 3"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE is_objection"), ==, 2);
  assert_text (store, "SELECT group_concat (ext_id, ',') FROM (SELECT ext_id FROM review"
                      " WHERE is_objection ORDER BY ext_id)", "github:review:1002,github:review:1003");
  assert_text (store, "SELECT i.value FROM review r JOIN identity i ON i.id = r.reviewer_id"
                      " WHERE r.state = 3", "erin");
  g_assert_cmpint (q (store, "SELECT body_len FROM review WHERE ext_id = 'github:review:1001'"), ==, 17);
  g_assert_cmpint (q (store, "SELECT time FROM review WHERE ext_id = 'github:review:1001'"), ==, 1709629200);

  /* The reply chain, linked although the replies came first. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, 3);
  assert_text (store, "SELECT p.ext_id FROM comment c JOIN comment p ON p.id = c.reply_to_id"
                      " WHERE c.ext_id = 'github:reviewcomment:2002'", "github:reviewcomment:2001");
  assert_text (store, "SELECT p.ext_id FROM comment c JOIN comment p ON p.id = c.reply_to_id"
                      " WHERE c.ext_id = 'github:reviewcomment:2003'", "github:reviewcomment:2002");
  g_assert_cmpint (q (store, "SELECT reply_to_id IS NULL FROM comment"
                              " WHERE ext_id = 'github:reviewcomment:2001'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_objection"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment c JOIN change_request r ON r.id = c.cr_id"
                              " WHERE r.number = '7'"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE item_id IS NOT NULL"), ==, 3);
  g_assert_cmpint (q (store, "SELECT p.is_agent FROM comment c JOIN identity i ON i.id = c.author_id"
                              " JOIN person p ON p.id = i.person_id"
                              " WHERE c.ext_id = 'github:issuecomment:3003'"), ==, 1);
  /* The GraphQL comment: its id read from the URL's anchor. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment c JOIN work_item w ON w.id = c.item_id"
                              " WHERE c.ext_id = 'github:issuecomment:3004'"
                              " AND w.key = 'acme/widget#13'"), ==, 1);

  /* Items: type, status, decision. */
  assert_text (store, "SELECT type || '|' || status || '|' || status_category || '|' || is_decision"
                      " FROM work_item WHERE key = 'acme/widget#12'", "bug|in progress|1|0");
  assert_text (store, "SELECT type || '|' || status || '|' || status_category || '|' || is_decision"
                      " FROM work_item WHERE key = 'acme/widget#13'", "issue|open|0|1");
  assert_text (store, "SELECT type || '|' || status || '|' || status_category || '|' || is_decision"
                      " FROM work_item WHERE key = 'acme/widget#14'", "won't do|closed|2|0");
  assert_text (store, "SELECT type || '|' || status || '|' || status_category || '|' || is_decision"
                      " FROM work_item WHERE key = 'acme/widget#15'", "duplicate|closed|2|0");
  assert_text (store, "SELECT type || '|' || status || '|' || status_category || '|' || is_decision"
                      " FROM work_item WHERE key = 'acme/widget#16'", "question|open|0|1");
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE tracker = 'github'"
                              " AND project = 'acme/widget'"), ==, 5);
  g_assert_cmpint (q (store, "SELECT resolved_time FROM work_item WHERE key = 'acme/widget#14'"), ==, 1709974800);
  assert_text (store, "SELECT i.value FROM work_item w JOIN identity i ON i.id = w.assignee_id"
                      " WHERE key = 'acme/widget#12'", "alice");
  assert_text (store, "SELECT i.value FROM work_item w JOIN identity i ON i.id = w.reporter_id"
                      " WHERE key = 'acme/widget#12'", "carol");
  /* One placeholder for the deleted accounts (null user, "ghost"). */
  g_assert_cmpint (q (store, "SELECT count(DISTINCT reporter_id) FROM work_item"
                              " WHERE key IN ('acme/widget#15', 'acme/widget#16')"), ==, 1);
  assert_text (store, "SELECT i.value FROM work_item w JOIN identity i ON i.id = w.reporter_id"
                      " WHERE key = 'acme/widget#15'", "ghost");

  /* Status changes: the reopen loop is replayed in time order. */
  assert_text (store,
               "SELECT group_concat (s, ';') FROM (SELECT from_status || '>' || to_status || ':'"
               " || from_category || to_category AS s FROM status_change c"
               " JOIN work_item w ON w.id = c.item_id WHERE w.key = 'acme/widget#12' ORDER BY time)",
               "open>in progress:01;in progress>closed:12;closed>in progress:21;"
               "in progress>closed:12;closed>in progress:21");
  assert_text (store,
               "SELECT group_concat (ext_id, ',') FROM (SELECT ext_id FROM status_change c"
               " JOIN work_item w ON w.id = c.item_id WHERE w.key = 'acme/widget#12' ORDER BY time)",
               "github:event:4001,github:event:4002,github:event:4003,github:event:4004,github:event:4005");
  assert_text (store,
               "SELECT group_concat (s, ';') FROM (SELECT from_category || '>' || to_category || '@' || ext_id"
               " AS s FROM status_change c JOIN work_item w ON w.id = c.item_id"
               " WHERE w.key = 'acme/widget#13' ORDER BY time)",
               "0>1@github:event:5001;1>0@github:event:5002");
  g_assert_cmpint (q (store, "SELECT count(*) FROM status_change WHERE from_category > to_category"), ==, 3);
  assert_text (store, "SELECT i.value FROM status_change s JOIN identity i ON i.id = s.author_id"
                      " WHERE ext_id = 'github:event:4003'", "carol");

  /* Links from the title, body and branch; never to the PR itself. */
  assert_text (store,
               "SELECT group_concat (s, ',') FROM (SELECT c.number || ':' || l.item_key || ':' || l.via AS s"
               " FROM link l JOIN change_request c ON c.id = l.cr_id ORDER BY c.number, l.item_key)",
               "7:ACME-42:title,7:acme/widget#12:body,7:acme/widget#14:body,"
               "9:WID-17:title,9:acme/widget#13:body,9:acme/widget#15:branch");
}

static void
test_rest_folder (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *folder = fixture ("rest-folder");
  g_auto(UcImportResult) result = { 0 };

  import_ok (store, folder, NULL, UC_IMPORT_FLAGS_NONE, &result);
  g_assert_cmpstr (result.format, ==, "github-rest");
  g_assert_false (result.already_imported);
  g_assert_cmpint (result.n_records, ==, 32);
  g_assert_cmpint (result.n_new, ==, 26);
  g_assert_cmpuint (result.warnings->len, ==, 0);
  assert_rest_folder (store);
  g_assert_cmpint (q (store, "SELECT first_time FROM source"), ==, 1709280000);
  g_assert_cmpint (q (store, "SELECT last_time FROM source"), ==, 1710892800);
}

/* The same pull request in pages imported separately, in both orders:
 * one change request, and the newest copy wins. */
static void
test_overlap (void)
{
  g_autofree char *folder = fixture ("rest-folder");
  g_autofree char *pulls1 = g_build_filename (folder, "pulls-1.json", NULL);
  g_autofree char *pulls2 = g_build_filename (folder, "pulls-2.json", NULL);
  const char *orders[2][2] = { { pulls1, pulls2 }, { pulls2, pulls1 } };

  for (guint o = 0; o < 2; o++)
    {
      g_autoptr(UcStore) store = new_workspace ();
      g_autofree char *first = NULL;

      for (guint i = 0; i < 2; i++)
        {
          g_auto(UcImportResult) result = { 0 };

          import_ok (store, orders[o][i], NULL, UC_IMPORT_FLAGS_NONE, &result);
          g_assert_cmpstr (result.format, ==, "github-rest");
          g_assert_cmpint (result.n_records, ==, 2);
          /* The second page brings one new PR (#9 or #8) and #7 again. */
          g_assert_cmpint (result.n_new, ==, i == 0 ? 2 : 1);
        }
      g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 3);
      assert_text (store, "SELECT state FROM change_request WHERE number = '7'", "merged");
      g_assert_cmpint (q (store, "SELECT updated_time FROM change_request WHERE number = '7'"), ==, 1709737205);
      g_assert_cmpint (q (store, "SELECT count(*) FROM link"), ==, 6);
    }

  /* Both pages in one file, older first, as `gh api --paginate` prints
   * them (no separator), and as JSON lines. */
  {
    g_autofree char *p1 = read_file (pulls1);
    g_autofree char *p2 = read_file (pulls2);
    g_autofree char *joined = g_strconcat (g_strstrip (p2), g_strstrip (p1), NULL);
    g_autofree char *paginated = write_file ("paginated.json", joined, -1);
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };

    import_ok (store, paginated, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpstr (result.format, ==, "github-rest");
    g_assert_cmpint (result.n_records, ==, 4);
    g_assert_cmpint (result.n_new, ==, 3);
    g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 3);
    assert_text (store, "SELECT state FROM change_request WHERE number = '7'", "merged");
  }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GString) lines = g_string_new (NULL);
    const char *pages[] = { pulls2, pulls1 };
    g_autofree char *path = NULL;
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };

    for (guint i = 0; i < 2; i++)
      {
        JsonArray *array;

        g_assert_true (json_parser_load_from_file (parser, pages[i], NULL));
        array = json_node_get_array (json_parser_get_root (parser));
        for (guint k = 0; k < json_array_get_length (array); k++)
          {
            g_autofree char *line = json_to_string (json_array_get_element (array, k), FALSE);

            g_string_append_printf (lines, "%s\n", line);
          }
      }
    path = write_file ("pulls.ndjson", lines->str, -1);
    import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpint (result.n_records, ==, 4);
    g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 3);
    assert_text (store, "SELECT state FROM change_request WHERE number = '7'", "merged");
  }
}

/* A page saved by Windows PowerShell (UTF-16 with a BOM) or with a UTF-8
 * BOM reads the same. */
static void
test_encodings (void)
{
  g_autofree char *folder = fixture ("rest-folder");
  g_autofree char *pulls_path = g_build_filename (folder, "pulls-1.json", NULL);
  g_autofree char *pulls = read_file (pulls_path);
  const char *charsets[] = { "UTF-16LE", "UTF-16BE", "UTF-8" };
  const char *boms[] = { "\xFF\xFE", "\xFE\xFF", "\xEF\xBB\xBF" };

  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autoptr(UcStore) store = new_workspace ();
      g_autoptr(GError) error = NULL;
      g_autofree char *converted = NULL;
      g_autofree char *name = g_strdup_printf ("pulls-%s.json", charsets[i]);
      g_autofree char *path = NULL;
      g_autoptr(GString) bytes = g_string_new (boms[i]);
      g_auto(UcImportResult) result = { 0 };
      gsize len = 0;

      converted = g_convert (pulls, -1, charsets[i], "UTF-8", NULL, &len, &error);
      g_assert_no_error (error);
      g_string_append_len (bytes, converted, (gssize) len);
      path = write_file (name, bytes->str, (gssize) bytes->len);
      import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
      g_assert_cmpstr (result.format, ==, "github-rest");
      g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 2);
      g_assert_cmpint (q (store, "SELECT title_len FROM change_request WHERE number = '7'"), ==, 32);
    }
}

/* tests/import/fixtures/github/perceval-items.jsonl: acme/gadget as
 * Perceval JSON lines.
 *
 *  issue #3      the pull request's issue (listed first) with a comment
 *                by ivan ("I don't think": an objection)
 *  repository    acme/gadget
 *  pull #3       by hana (e-mail hana@acme.example), merged by ivan (a
 *                no-reply address: no e-mail identity), 2 commits in
 *                commits_data, reviews: ivan APPROVED, renovate[bot]
 *                CHANGES_REQUESTED; review_comments_data is {}
 *  issue #4      enhancement, assigned to ivan; comments by hana and
 *                triage-bot (an agent)
 *  issue #5      a pull request's issue with no pull object: a change
 *                request from the issue (merged: pull_request.merged_at),
 *                title "Fix #4 display" → link acme/gadget#4
 *
 * Expected: 2 CRs, 2 reviews, 1 item (feature, in progress), 3 comments,
 * 2 links, 4 people (2 agents), 5 identities (4 logins + hana's e-mail;
 * ivan is the "IVAN" already in the workspace).
 * Records: pull, 2 reviews, issue, 2 comments; issue #3 + comment, issue
 * #5 = 9. */
static void
test_perceval_own (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *path = fixture ("perceval-items.jsonl");
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  UcId source, email_id;

  /* hana is already known by e-mail (from a git import, say). */
  g_assert_true (uc_store_begin (store, &error));
  source = uc_store_add_source (store, "git-log", "/elsewhere", "x", NULL, &error);
  email_id = uc_store_ensure_identity (store, "email", "Hana@Acme.example", "Hana Ito", 0, source, &error);
  /* and ivan by his login, in other letters (logins ignore case). */
  uc_store_ensure_identity (store, "github", "IVAN", "Ivan P.", 0, source, &error);
  g_assert_no_error (error);
  g_assert_true (uc_store_commit (store, &error));

  import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
  g_assert_cmpstr (result.format, ==, "github-perceval");
  g_assert_cmpint (result.n_records, ==, 9);
  g_assert_cmpint (result.n_new, ==, 8);

  g_assert_cmpint (q (store, "SELECT count(*) FROM repo"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 2);
  assert_text (store, "SELECT state || '|' || n_commits || '|' || additions || '|' || deletions"
                      " FROM change_request WHERE number = '3'", "merged|2|40|4");
  assert_text (store, "SELECT i.value FROM change_request c JOIN identity i ON i.id = c.merged_by_id"
                      " WHERE number = '3'", "IVAN");
  assert_text (store, "SELECT state FROM change_request WHERE number = '5'", "merged");
  g_assert_cmpint (q (store, "SELECT merged_time FROM change_request WHERE number = '5'"), ==, 1715072400);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 2 AND is_objection"), ==, 1);
  g_assert_cmpint (q (store, "SELECT body_len FROM review WHERE ext_id = 'github:review:9001'"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item"), ==, 1);
  assert_text (store, "SELECT key || '|' || type || '|' || status || '|' || status_category FROM work_item",
               "acme/gadget#4|feature|in progress|1");
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE cr_id IS NOT NULL"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_objection"), ==, 1);
  assert_text (store, "SELECT group_concat (s, ',') FROM (SELECT c.number || ':' || item_key || ':' || via"
                      " AS s FROM link l JOIN change_request c ON c.id = l.cr_id ORDER BY 1)",
               "3:GAD-9:title,5:acme/gadget#4:title");

  /* hana's login joined the person of her e-mail address. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 1);
  g_assert_cmpint (uc_store_identity_person (store, email_id), ==,
                   q (store, "SELECT person_id FROM identity WHERE kind = 'github' AND value = 'hana'"));
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE value LIKE '%noreply%'"), ==, 0);
}

/* tests/import/fixtures/github/archive.json: acme/spec in the
 * i-d-template shape.
 *
 *  issues  #1 open, assigned to lena, label design → in progress,
 *          decision, 2 comments (lena's "not sure … risk": objection);
 *          #2 closed duplicate; #3 closed, author null → ghost
 *  pulls   #4 merged by kai, body "Closes #1.", branch issue/1; two
 *          identical conversation comments (kept apart); reviews
 *          CHANGES_REQUESTED (2 inline comments), COMMENTED (1), DISMISSED,
 *          APPROVED, PENDING (left out); node ids PRR_kwDOAAAAAc4AAA-h…
 *          decode to 4001…
 *          #5 closed by dependabot (an agent), branch 3-typo → #3
 *          #6 open "RFC: new framing"
 *
 * Expected: 3 items, 3 CRs, 4 reviews, 7 comments (2 + 2 + 3 inline), 2
 * links, 6 people (kai, lena, mo, nadia, dependabot, ghost), 1 agent,
 * 17 records. */
static void
test_archive_own (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *path = fixture ("archive.json");
  g_auto(UcImportResult) result = { 0 };

  import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
  g_assert_cmpstr (result.format, ==, "github-archive");
  g_assert_cmpint (result.n_records, ==, 17);
  g_assert_cmpint (result.n_new, ==, 17);

  g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE name = 'acme/spec'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item"), ==, 3);
  assert_text (store, "SELECT type || '|' || status || '|' || is_decision FROM work_item"
                      " WHERE key = 'acme/spec#1'", "issue|in progress|1");
  assert_text (store, "SELECT type || '|' || status_category FROM work_item WHERE key = 'acme/spec#2'",
               "duplicate|2");
  assert_text (store, "SELECT i.value FROM work_item w JOIN identity i ON i.id = w.reporter_id"
                      " WHERE key = 'acme/spec#3'", "ghost");
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 3);
  assert_text (store, "SELECT group_concat (number || ':' || state, ',') FROM"
                      " (SELECT number, state FROM change_request ORDER BY number)",
               "4:merged,5:closed,6:open");
  assert_text (store, "SELECT i.value FROM change_request c JOIN identity i ON i.id = c.merged_by_id"
                      " WHERE number = '4'", "kai");
  g_assert_cmpint (q (store, "SELECT count(*) FROM review"), ==, 4);
  assert_text (store, "SELECT group_concat (ext_id || '=' || state || is_objection, ',') FROM"
                      " (SELECT ext_id, state, is_objection FROM review ORDER BY ext_id)",
               "github:review:4001=21,github:review:4002=00,github:review:4003=30,github:review:4004=10");
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 7);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_objection"), ==, 1);
  assert_text (store, "SELECT i.value FROM comment c JOIN identity i ON i.id = c.author_id"
                      " WHERE c.ext_id = 'github:review:4001:comment:2'", "kai");
  assert_text (store, "SELECT group_concat (s, ',') FROM (SELECT c.number || ':' || item_key || ':' || via"
                      " AS s FROM link l JOIN change_request c ON c.id = l.cr_id ORDER BY 1)",
               "4:acme/spec#1:body,5:acme/spec#3:branch");
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 6);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 1);
}

/* GraphQL-shaped pull requests and issues (acme/cli) outside an archive:
 *
 *  gh-pr-list.json     `gh pr list --json …`: #21 merged by yuri (2
 *                      commits, the last committed 07-02 15:00; reviews
 *                      yuri APPROVED and copilot-pull-request-reviewer
 *                      (is_bot) COMMENTED with "concerned": an objection;
 *                      a comment whose node id decodes to 777), #22 a draft
 *                      by "app/dependabot" (gh's name for dependabot[bot])
 *  graphql-pulls.json  a `gh api graphql` page with edges and connections:
 *                      #23 closed (4 commits by totalCount; yuri
 *                      CHANGES_REQUESTED with comment 9101, zoe COMMENTED
 *                      with 9102 replying to it; branch issue-20-table →
 *                      #20, body "#21"), and issue #20 (feature, assigned
 *                      to zoe → in progress) with one comment
 *
 * Expected: 3 CRs, 4 reviews, 4 comments, 1 item, 4 links, 5 people
 * (zoe, yuri, copilot-pull-request-reviewer, dependabot[bot], xena), 2
 * agents; records 5 and 7. */
static void
test_graphql_shapes (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *list = fixture ("gh-pr-list.json");
  g_autofree char *page = fixture ("graphql-pulls.json");
  g_auto(UcImportResult) r1 = { 0 };
  g_auto(UcImportResult) r2 = { 0 };

  import_ok (store, list, NULL, UC_IMPORT_FLAGS_NONE, &r1);
  g_assert_cmpstr (r1.format, ==, "github-rest");
  g_assert_cmpint (r1.n_records, ==, 5);
  import_ok (store, page, NULL, UC_IMPORT_FLAGS_NONE, &r2);
  g_assert_cmpstr (r2.format, ==, "github-rest");
  g_assert_cmpint (r2.n_records, ==, 7);

  g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE name = 'acme/cli'"), ==, 1);
  assert_text (store, "SELECT group_concat (s, ',') FROM (SELECT number || ':' || state || ':' || is_draft"
                      " || ':' || IFNULL (n_commits, -1) AS s FROM change_request ORDER BY number)",
               "21:merged:0:2,22:open:1:1,23:closed:0:4");
  g_assert_cmpint (q (store, "SELECT last_commit_time FROM change_request WHERE number = '21'"), ==, 1719932400);
  g_assert_cmpint (q (store, "SELECT additions FROM change_request WHERE number = '21'"), ==, 50);
  assert_text (store, "SELECT i.value FROM change_request c JOIN identity i ON i.id = c.merged_by_id"
                      " WHERE number = '21'", "yuri");
  assert_text (store, "SELECT i.value FROM change_request c JOIN identity i ON i.id = c.author_id"
                      " WHERE number = '22'", "dependabot[bot]");
  assert_text (store, "SELECT group_concat (s, ',') FROM (SELECT ext_id || '=' || state || is_objection AS s"
                      " FROM review ORDER BY ext_id)",
               "github:review:501=10,github:review:502=01,github:review:901=21,github:review:902=00");
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE ext_id = 'github:issuecomment:777'"), ==, 1);
  assert_text (store, "SELECT p.ext_id FROM comment c JOIN comment p ON p.id = c.reply_to_id"
                      " WHERE c.ext_id = 'github:reviewcomment:9102'", "github:reviewcomment:9101");
  assert_text (store, "SELECT key || '|' || type || '|' || status FROM work_item",
               "acme/cli#20|feature|in progress");
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment c JOIN work_item w ON w.id = c.item_id"), ==, 1);
  assert_text (store, "SELECT group_concat (s, ',') FROM (SELECT c.number || ':' || item_key || ':' || via"
                      " AS s FROM link l JOIN change_request c ON c.id = l.cr_id ORDER BY 1)",
               "21:CLI-5:title,21:acme/cli#20:body,23:acme/cli#20:branch,23:acme/cli#21:body");
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 2);
  g_assert_false (workspace_contains (store, "wombatzephyr"));
  g_assert_false (workspace_contains (store, "quillharbor"));
  g_assert_false (workspace_contains (store, "harpsichordmoss"));
  g_assert_false (workspace_contains (store, "Document it"));
}

/* ---- the real samples ---- */

/* $UC_SHARED_DATA/perceval/github as one folder of pages, with SKIP_BAD.
 *
 * Derivation (python3, classifying each file's objects as the importer
 * does: pulls by head/base, review comments by diff_hunk, reviews by
 * pull_request_url + state, issue comments by issue_url, issues by
 * number + title, GraphQL timelines by data.repository):
 *   CRs: zhquan_example/repo #1 and #2 (the two pull files; the four issue
 *        files of #1/#2 are pull requests already described) and
 *        zhquan/test-merged-event #387 (from the pullRequest snapshot of
 *        the GraphQL MergedEvent page) = 3
 *   items: zhquan_example/repo#2 (github_issue_2) = 1
 *   reviews: the GraphQL review page on #387: CHANGES_REQUESTED,
 *        COMMENTED, APPROVED = 3 (the REST review files are about PR #88,
 *        which is in neither, so they are skipped)
 *   comments: review comments 1, 2 (PR 1), 3, 4, 5, 6 (PR 2; 5 and 6 have
 *        a null user) + issue comment 1 (issues/1 = PR #1) + issue
 *        comment 2 (issues/2 = the item) = 8
 *   people: zhquan_example, zhquan (GraphQL authors and the merger),
 *        ghost = 3
 *   repos: zhquan_example/repo, zhquan/test-merged-event and
 *        kubernetes/kubernetes (github_repo's full_name) = 3
 *   warnings: github_events_error (a GraphQL error), github_events_page_1
 *        (a timeline naming no issue), github_events_page_2 (about
 *        valeriocos/test-issues-update#1, not imported), 2 reviews in
 *        _1_reviews and 1 in _2_reviews (PR #88) = 6
 */
static void
test_real_perceval_folder (void)
{
  g_autofree char *folder = shared ("perceval/github");
  g_autoptr(UcStore) store = NULL;
  g_auto(UcImportResult) result = { 0 };

  if (folder == NULL)
    return;
  store = new_workspace ();

  /* Without SKIP_BAD the first bad page stops everything. */
  assert_fails (store, folder, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                "github_events_error", "GraphQL error", "Parse error on", NULL);

  import_ok (store, folder, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result);
  g_assert_cmpstr (result.format, ==, "github-rest");
  g_assert_cmpuint (result.warnings->len, ==, 6);
  for (guint i = 0; i < result.warnings->len; i++)
    g_test_message ("warning: %s", (const char *) g_ptr_array_index (result.warnings, i));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "github_events_error"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "does not say which issue"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 2), "valeriocos/test-issues-update#1"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 3), "zhquan_example/repo#88"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 5), "chaoss/wg-evolution#88"));

  g_assert_cmpint (q (store, "SELECT count(*) FROM repo"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 2 AND is_objection"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 8);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, 6);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE item_id IS NOT NULL"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM status_change"), ==, 0);
  g_assert_cmpint (q (store, "SELECT n_warnings FROM source"), ==, 6);
  /* The pull files say merged without a merge time: the close counts. */
  assert_text (store, "SELECT group_concat (number || ':' || state, ',') FROM"
                      " (SELECT number, state FROM change_request ORDER BY number)",
               "1:merged,2:merged,387:merged");
  g_assert_cmpint (q (store, "SELECT merged_time FROM change_request WHERE number = '1'"), ==, 1451915516);
  g_assert_cmpint (q (store, "SELECT additions FROM change_request WHERE number = '1'"), ==, 528);
  assert_text (store, "SELECT i.value FROM change_request c JOIN identity i ON i.id = c.merged_by_id"
                      " WHERE number = '387'", "zhquan");
  g_assert_cmpint (q (store, "SELECT merged_time FROM change_request WHERE number = '387'"), ==, 1602094090);
  /* Review ids come from the GraphQL URLs' anchors. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE ext_id IN ('github:review:496553963',"
                              " 'github:review:497441001', 'github:review:504138961')"), ==, 3);
}

/* $UC_SHARED_DATA/grimoirelab-elk-items/github.json: 8 Perceval items.
 *
 * Derivation (python3 over the JSON list):
 *   categories: 3 repository, 2 issue (both pull requests: zhquan_example/
 *     repo#1 and chaoss/grimoirelab-perceval#7), 3 pull_request
 *     (zhquan_example/repo#1, chaoss/grimoirelab-perceval#4, FDC3#7 whose
 *     base repo is finos/FDC3)
 *   CRs: the 3 pulls + grimoirelab-perceval#7 (an issue with no pull
 *     object) = 4; states: #1 merged (merged: true), #4 closed, FDC3 #7
 *     merged, perceval #7 closed
 *   repos: chaoss/grimoirelab-perceval, finos/FDC3, zhquan_example/repo +
 *     kubernetes/kubernetes (the repository items' full_name) = 4
 *   reviews: FDC3 #7's one APPROVED = 1
 *   comments: 2 review comments (#1) + 1 (issue #1) + 3 (perceval #7) = 6
 *   people: acs, maoo, rikoe, sduenas, zhquan_example, zhquan_example1 = 6;
 *     e-mails (user_data whose login is the user's): maoo@finos.org,
 *     zhquan_example@zhquan_example.com → 8 identities (one review comment
 *     by zhquan_example1 carries zhquan_example's user_data: not merged)
 *   records: 3 pulls + 1 review + 2 review comments; issue #1 + 1 comment,
 *     issue #7 + 3 comments = 12
 */
static void
test_real_elk (void)
{
  g_autofree char *path = shared ("grimoirelab-elk-items/github.json");
  g_autoptr(UcStore) store = NULL;
  g_auto(UcImportResult) result = { 0 };

  if (path == NULL)
    return;
  store = new_workspace ();
  import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
  g_assert_cmpstr (result.format, ==, "github-perceval");
  g_assert_cmpint (result.n_records, ==, 12);
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 4);
  assert_text (store, "SELECT group_concat (s, ',') FROM (SELECT r.name || '#' || c.number || ':' || c.state"
                      " AS s FROM change_request c JOIN repo r ON r.id = c.repo_id ORDER BY 1)",
               "chaoss/grimoirelab-perceval#4:closed,chaoss/grimoirelab-perceval#7:closed,"
               "finos/FDC3#7:merged,zhquan_example/repo#1:merged");
  g_assert_cmpint (q (store, "SELECT count(*) FROM review"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 1"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 6);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 6);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity"), ==, 8);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 2);
  g_assert_cmpint (q (store, "SELECT n_commits FROM change_request c JOIN repo r ON r.id = c.repo_id"
                              " WHERE r.name = 'finos/FDC3'"), ==, 2);
}

/* The two archive.json files of the IETF QUIC WG.
 *
 * Derivation (python3 over each file; PENDING reviews left out; an open
 * issue is "doing" when assigned or labelled "has PR"; decision items have
 * a label word among rfc adr design proposal decision spike discussion
 * architecture, or a title starting with one of the first seven; types by
 * label: duplicate, then no-action-needed → won't do, then question):
 *
 *   multipath:      304 issues, 346 pulls (316 MERGED, 30 CLOSED), reviews
 *                   APPROVED 624, CHANGES_REQUESTED 65, COMMENTED 1510;
 *                   comments 1350 (issues) + 259 (pulls) + 2057 (inline)
 *                   = 3666; 48 people, no null author; items done 297,
 *                   doing 1, todo 6; decision 76; types: duplicate 15,
 *                   won't do 26, question 8, issue 255; records 6515
 *   load-balancers: 114 issues, 129 pulls (119 MERGED, 9 CLOSED, 1 OPEN),
 *                   reviews APPROVED 62, CHANGES_REQUESTED 6, COMMENTED 144;
 *                   comments 277 + 83 + 237 = 597; 25 logins + ghost (2 null
 *                   authors) = 26 people; all 114 items done; decision 5;
 *                   records 1052
 */
typedef struct
{
  const char *file;
  const char *repo;
  gint64 items, crs, merged, closed, open;
  gint64 approved, changes, commented;
  gint64 comments, inline_comments, people;
  gint64 done, doing, todo, decision;
  gint64 duplicate, wont_do, question;
  gint64 records;
} ArchiveExpect;

static const ArchiveExpect archive_expect[] = {
  { "github-archive-json/quicwg_multipath_archive.json", "quicwg/multipath",
    304, 346, 316, 30, 0, 624, 65, 1510, 3666, 2057, 48, 297, 1, 6, 76, 15, 26, 8, 6515 },
  { "github-archive-json/quicwg_load-balancers_archive.json", "quicwg/load-balancers",
    114, 129, 119, 9, 1, 62, 6, 144, 597, 237, 26, 114, 0, 0, 5, 0, 0, 0, 1052 },
};

static void
test_real_archives (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (archive_expect); i++)
    {
      const ArchiveExpect *e = &archive_expect[i];
      g_autofree char *path = shared (e->file);
      g_autoptr(UcStore) store = NULL;
      g_auto(UcImportResult) result = { 0 };
      g_auto(UcImportResult) again = { 0 };
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      if (path == NULL)
        return;
      store = new_workspace ();
      import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
      g_assert_cmpstr (result.format, ==, "github-archive");
      g_assert_cmpint (result.n_records, ==, e->records);
      g_assert_cmpint (result.n_new, ==, e->records);

      g_assert_cmpint (q (store, "SELECT count(*) FROM repo"), ==, 1);
      {
        g_autofree char *name = q_text (store, "SELECT name FROM repo");
        g_assert_cmpstr (name, ==, e->repo);
      }
      g_assert_cmpint (q (store, "SELECT count(*) FROM work_item"), ==, e->items);
      g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, e->crs);
      g_assert_cmpint (q (store, "SELECT count(*) FROM change_request WHERE state = 'merged'"), ==, e->merged);
      g_assert_cmpint (q (store, "SELECT count(*) FROM change_request WHERE state = 'closed'"), ==, e->closed);
      g_assert_cmpint (q (store, "SELECT count(*) FROM change_request WHERE state = 'open'"), ==, e->open);
      g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 1"), ==, e->approved);
      g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 2"), ==, e->changes);
      g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 0"), ==, e->commented);
      g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 2 AND NOT is_objection"), ==, 0);
      g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, e->comments);
      g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, e->inline_comments);
      g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, e->people);
      g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE status_category = 2"), ==, e->done);
      g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE status_category = 1"), ==, e->doing);
      g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE status_category = 0"), ==, e->todo);
      g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE is_decision"), ==, e->decision);
      g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE type = 'duplicate'"), ==, e->duplicate);
      g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE type = 'won''t do'"), ==, e->wont_do);
      g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE type = 'question'"), ==, e->question);
      /* Every merged CR has its merge time. */
      g_assert_cmpint (q (store, "SELECT count(*) FROM change_request WHERE state = 'merged'"
                                  " AND merged_time IS NULL"), ==, 0);

      /* Re-import: already imported, nothing changes. */
      before = uc_store_describe_counts (store);
      import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &again);
      g_assert_true (again.already_imported);
      after = uc_store_describe_counts (store);
      g_assert_cmpstr (before, ==, after);
    }
}

/* ---- bad input ---- */

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
test_malformed (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *folder = fixture ("rest-folder");
  g_autofree char *pulls_path = g_build_filename (folder, "pulls-2.json", NULL);
  g_autofree char *issues_path = g_build_filename (folder, "issues.json", NULL);
  g_autofree char *reviews_path = g_build_filename (folder, "reviews-7.json", NULL);
  g_autofree char *events_path = g_build_filename (folder, "issue-events.json", NULL);
  g_autofree char *archive_path = fixture ("archive.json");
  g_autofree char *perceval_path = fixture ("perceval-items.jsonl");
  g_autofree char *pulls = read_file (pulls_path);
  g_autofree char *issues = read_file (issues_path);
  g_autofree char *reviews = read_file (reviews_path);
  g_autofree char *events = read_file (events_path);
  g_autofree char *archive = read_file (archive_path);
  g_autofree char *perceval = read_file (perceval_path);

  /* Something in the workspace already: it must survive every failure. */
  import_ok (store, archive_path, NULL, UC_IMPORT_FLAGS_NONE, NULL);

  /* Truncated in the middle of the second record. */
  {
    g_autofree char *cut = g_strndup (pulls, strlen (pulls) * 3 / 4);
    g_autofree char *path = write_file ("bad/truncated.json", cut, -1);

    assert_fails (store, path, "github-rest", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "truncated.json", "line ", "truncated", NULL);
    assert_fails (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, "truncated", NULL);
  }
  /* Truncated after the last record: the list never ends. */
  {
    g_autofree char *cut = g_strndup (pulls, strrchr (pulls, ']') - pulls);
    g_autofree char *path = write_file ("bad/unclosed.json", cut, -1);

    assert_fails (store, path, "github-rest", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "“]”", "truncated", NULL);
  }
  /* Wrong types. */
  {
    g_autofree char *text = replace_once (pulls, "\"number\": 9", "\"number\": \"nine\"");
    g_autofree char *path = write_file ("bad/number-type.json", text, -1);

    assert_fails (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "record 1 (line 2)", "“number” is “nine”, not a whole number", NULL);
  }
  {
    g_autofree char *text = replace_once (issues, "\"created_at\": \"2024-03-02T08:00:00Z\"",
                                          "\"created_at\": 1709366400");
    g_autofree char *path = write_file ("bad/created-type.json", text, -1);

    assert_fails (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "record 2", "“created_at” is a number, not a string", NULL);
  }
  {
    g_autofree char *text = replace_once (pulls, "\"user\": {", "\"user\": [1], \"x\": {");
    g_autofree char *path = write_file ("bad/user-type.json", text, -1);

    assert_fails (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "“user” is a list, not a string or an object", NULL);
  }
  {
    g_autofree char *text = replace_once (pulls, "\"created_at\": \"2024-03-08T10:00:00Z\"",
                                          "\"created_at\": \"last Tuesday\"");
    g_autofree char *path = write_file ("bad/created-value.json", text, -1);

    assert_fails (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "“created_at” is not a date and time: “last Tuesday”", NULL);
  }
  {
    g_autofree char *text = replace_once (reviews, "\"state\": \"COMMENTED\"", "\"state\": \"MAYBE\"");
    g_autofree char *dir = copy_folder (folder, "bad-review-state");
    g_autofree char *path = g_build_filename (dir, "reviews-7.json", NULL);

    g_assert_true (g_file_set_contents (path, text, -1, NULL));
    assert_fails (store, dir, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "file “reviews-7.json”, record 3", "unknown review state “MAYBE”", NULL);
  }
  /* Missing required fields. */
  {
    g_autofree char *text = replace_once (pulls, "\"number\": 9,", "");
    g_autofree char *path = write_file ("bad/no-number.json", text, -1);

    assert_fails (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "record 1", "the pull request has no “number”", NULL);
  }
  {
    g_autofree char *text = replace_once (issues, "\"created_at\": \"2024-03-02T09:00:00Z\",", "");
    g_autofree char *path = write_file ("bad/no-created.json", text, -1);

    assert_fails (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "record 3", "issue #14 has no “created_at”", NULL);
  }
  {
    g_autofree char *text = replace_once (archive, "\"number\": 5,", "");
    g_autofree char *path = write_file ("bad/archive-no-number.json", text, -1);

    assert_fails (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "the pull request has no “number”", NULL);
  }
  {
    g_autofree char *text = replace_once (reviews, "\"id\": 1001,", "");
    g_autofree char *dir = copy_folder (folder, "bad-review-id");
    g_autofree char *path = g_build_filename (dir, "reviews-7.json", NULL);

    g_assert_true (g_file_set_contents (path, text, -1, NULL));
    assert_fails (store, dir, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "reviews-7.json", "the review has no “id”", NULL);
  }
  /* Invalid UTF-8 inside a title. */
  {
    g_autofree char *text = replace_once (pulls, "Try new cache", "Try n\xff\xfe cache");
    g_autofree char *path = write_file ("bad/utf8.json", text, -1);

    assert_fails (store, path, "github-rest", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "record 1", "not valid UTF-8", NULL);
  }
  /* Broken JSON inside one record. */
  {
    g_autofree char *text = replace_once (pulls, "\"locked\": false", "\"locked\": flase");
    g_autofree char *path = write_file ("bad/syntax.json", text, -1);

    assert_fails (store, path, "github-rest", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "record 1", "not valid JSON", NULL);
  }
  /* Not JSON at all, forced. */
  {
    g_autofree char *path = write_file ("bad/letter.json", "Dear team,\nplease find…\n", -1);

    assert_fails (store, path, "github-rest", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "line 1", "expected a JSON object or list", NULL);
  }
  /* Another Perceval backend, forced. */
  {
    g_autofree char *text = replace_once (perceval, "\"backend_name\": \"GitHub\"", "\"backend_name\": \"GitLab\"");
    g_autofree char *path = write_file ("bad/gitlab.jsonl", text, -1);

    assert_fails (store, path, "github-perceval", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "record 1 (line 1)", "“GitLab” backend", NULL);
  }
  /* Empty file, an empty page, a folder with nothing of GitHub. */
  {
    g_autofree char *path = write_file ("bad/empty.json", "", 0);
    g_autofree char *page = write_file ("bad/empty-page.json", "[]\n", -1);
    g_autofree char *dir = g_build_filename (tmp_root, "no-github", NULL);
    g_autofree char *note = g_build_filename (dir, "README.txt", NULL);

    assert_fails (store, path, "github-rest", UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO, "empty", NULL);
    assert_fails (store, page, "github-rest", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "holds no GitHub pull requests", NULL);
    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (note, "nothing here\n", -1, NULL));
    assert_fails (store, dir, "github-rest", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "folder", "holds no GitHub", NULL);
    assert_fails (store, dir, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT, NULL);
  }
  /* A folder where a file is expected. */
  assert_fails (store, folder, "github-archive", UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO, "folder", NULL);
  assert_fails (store, folder, "github-perceval", UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO, "folder", NULL);
  /* Dependents without what they depend on. */
  assert_fails (store, reviews_path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                "review 1001 is on pull request acme/widget#7, which is neither in this import nor in the workspace",
                NULL);
  {
    g_autofree char *text = replace_once (events, "\"issue\": {", "\"issue_was\": {");
    g_autofree char *path = write_file ("bad/events.json", text, -1);

    assert_fails (store, path, "github-rest", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "event 4003 does not say which issue it belongs to", NULL);
  }
  /* A record nested too deeply. */
  {
    g_autoptr(GString) deep = g_string_new ("[{\"a\":");
    g_autofree char *path = NULL;

    for (guint i = 0; i < 2000; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < 2000; i++)
      g_string_append_c (deep, ']');
    g_string_append (deep, "}]");
    path = write_file ("bad/deep.json", deep->str, -1);
    assert_fails (store, path, "github-rest", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                  "nested more than", NULL);
  }
}

/* SKIP_BAD: good records are imported, each bad one is a warning. */
static void
test_skip_bad (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *folder = fixture ("rest-folder");
  g_autofree char *dir = copy_folder (folder, "skip-bad");
  g_autofree char *pulls_path = g_build_filename (dir, "pulls-2.json", NULL);
  g_autofree char *reviews_path = g_build_filename (dir, "reviews-7.json", NULL);
  g_autofree char *pulls = read_file (pulls_path);
  g_autofree char *reviews = read_file (reviews_path);
  g_auto(UcImportResult) result = { 0 };

  {
    g_autofree char *text = replace_once (pulls, "\"number\": 9", "\"number\": null");
    g_assert_true (g_file_set_contents (pulls_path, text, -1, NULL));
  }
  {
    g_autofree char *text = replace_once (reviews, "\"state\": \"COMMENTED\"", "\"state\": 3");
    g_assert_true (g_file_set_contents (reviews_path, text, -1, NULL));
  }
  /* And a truncated extra page: the records before the cut count. */
  {
    g_autofree char *issues_path = g_build_filename (folder, "issue-comments.json", NULL);
    g_autofree char *issues = read_file (issues_path);
    g_autofree char *cut = g_strndup (issues, strstr (issues, "\"id\": 3003") - issues);
    g_autofree char *path = g_build_filename (dir, "zz-cut.json", NULL);

    g_assert_true (g_file_set_contents (path, cut, -1, NULL));
  }

  assert_fails (store, dir, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                "file “pulls-2.json”, record 1 (line 2)", "no “number”", NULL);

  import_ok (store, dir, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result);
  for (guint i = 0; i < result.warnings->len; i++)
    g_test_message ("warning: %s", (const char *) g_ptr_array_index (result.warnings, i));
  g_assert_cmpuint (result.warnings->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "pulls-2.json”, record 1"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "zz-cut.json”, line"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "truncated"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 2), "reviews-7.json”, record 3"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 2), "“state” is a number, not a string"));
  /* #9 and its three links are gone, dave's review too; the rest is there
   * (the cut page repeats comments 3001 and 3002). */
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM link"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 7);
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM status_change"), ==, 7);
  g_assert_cmpint (q (store, "SELECT n_warnings FROM source"), ==, 3);
}

/* The same input again is already imported; a changed copy of the same
 * data converges on the same rows. */
static void
test_reimport (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *folder = fixture ("rest-folder");
  g_autofree char *copy = copy_folder (folder, "reimport");
  g_autofree char *extra = g_build_filename (copy, "extra.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(UcImportResult) first = { 0 };
  g_auto(UcImportResult) second = { 0 };
  g_auto(UcImportResult) third = { 0 };

  import_ok (store, folder, NULL, UC_IMPORT_FLAGS_NONE, &first);
  before = uc_store_describe_counts (store);

  import_ok (store, folder, NULL, UC_IMPORT_FLAGS_NONE, &second);
  g_assert_true (second.already_imported);
  g_assert_cmpint (second.n_new, ==, 0);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);

  /* A different folder checksum: imported again, nothing new. */
  g_assert_true (g_file_set_contents (extra, "a note\n", -1, NULL));
  import_ok (store, copy, NULL, UC_IMPORT_FLAGS_NONE, &third);
  g_assert_false (third.already_imported);
  g_assert_cmpint (third.n_records, ==, 32);
  g_assert_cmpint (third.n_new, ==, 0);
  g_free (after);
  after = uc_store_describe_counts (store);
  /* Only the source table grew. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM source"), ==, 2);
  assert_rest_folder (store);

  /* The other two formats. */
  {
    const char *files[] = { "perceval-items.jsonl", "archive.json" };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *path = fixture (files[i]);
        g_autofree char *text = read_file (path);
        g_autofree char *name = g_strdup_printf ("copy-%s", files[i]);
        g_autofree char *copy_path = write_file (name, text, -1);
        g_autofree char *counts = NULL;
        g_autofree char *counts2 = NULL;
        g_auto(UcImportResult) r1 = { 0 };
        g_auto(UcImportResult) r2 = { 0 };
        g_auto(UcImportResult) r3 = { 0 };
        g_autoptr(UcStore) ws = new_workspace ();

        import_ok (ws, path, NULL, UC_IMPORT_FLAGS_NONE, &r1);
        counts = uc_store_describe_counts (ws);
        import_ok (ws, path, NULL, UC_IMPORT_FLAGS_NONE, &r2);
        g_assert_true (r2.already_imported);
        /* Trailing white space: another checksum, the same records. */
        g_autofree char *longer = g_strconcat (text, "\n", NULL);

        g_assert_true (g_file_set_contents (copy_path, longer, -1, NULL));
        import_ok (ws, copy_path, NULL, UC_IMPORT_FLAGS_NONE, &r3);
        g_assert_false (r3.already_imported);
        g_assert_cmpint (r3.n_new, ==, 0);
        counts2 = uc_store_describe_counts (ws);
        g_assert_cmpint (q (ws, "SELECT count(*) FROM source"), ==, 2);
        g_assert_cmpstr (strstr (counts, "person"), ==, strstr (counts2, "person"));
      }
  }
}

/* No title, body or comment text in the workspace file. */
static void
test_no_body_text (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *folder = fixture ("rest-folder");
  const char *needles[] = {
    /* bodies */
    "zanzibarquokka", "xylophonequasar", "marmalade-vortex", "periwinkleorbit", "lemonadecomet",
    "tangerinesextant", "cobaltlantern", "saffronglacier", "indigoparsnip",
    "Please add a test for the lockout path", "Then I'd rather see a named constant",
    "I can reproduce this on staging", "Why not use the existing rate limiter",
    "I don't think we need the extra timer", "Blocking: lockfile out of date",
    "there's a risk of stalls", "Why 30 seconds",
    /* titles */
    "Throttle login attempts", "Login can be brute-forced", "replace the session cache",
    "Add battery gauge", "Show charge time", "Handshake timeout is too short",
    /* labels */
    "needs-discussion", "status: in progress",
  };

  g_autofree char *perceval = fixture ("perceval-items.jsonl");
  g_autofree char *archive = fixture ("archive.json");

  import_ok (store, folder, NULL, UC_IMPORT_FLAGS_NONE, NULL);
  import_ok (store, perceval, NULL, UC_IMPORT_FLAGS_NONE, NULL);
  import_ok (store, archive, NULL, UC_IMPORT_FLAGS_NONE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    if (workspace_contains (store, needles[i]))
      g_error ("the workspace contains “%s”", needles[i]);
  /* The check itself works: identities are stored. */
  g_assert_true (workspace_contains (store, "dependabot[bot]"));
}

/* ---- detection ---- */

static double
probe_file (const UcImportFormat *format,
            const char           *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  GStatBuf st;
  UcImportProbe probe = { .path = path };

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if (S_ISDIR (st.st_mode))
    {
      probe.is_dir = TRUE;
      return format->probe (&probe);
    }
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  if (len > 64 * 1024)
    {
      len = 64 * 1024;
      contents[len] = '\0';
    }
  probe.head = (const guint8 *) contents;
  probe.head_len = len;
  probe.size = st.st_size;
  return format->probe (&probe);
}

static void
assert_not_claimed (const char *path)
{
  const UcImportFormat *formats[] = {
    &_uc_import_format_github_rest, &_uc_import_format_github_perceval,
    &_uc_import_format_github_archive,
  };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      double c = probe_file (formats[f], path);

      if (c >= 0.5)
        g_error ("%s claims %s (%.2f)", formats[f]->id, path, c);
    }
}

static void
test_detect (void)
{
  struct { const char *file; const char *format; } own[] = {
    { "rest-folder", "github-rest" },
    { "perceval-items.jsonl", "github-perceval" },
    { "archive.json", "github-archive" },
    { "rest-folder/pulls-1.json", "github-rest" },
    { "rest-folder/reviews-7.json", "github-rest" },
    { "rest-folder/review-comments-7.json", "github-rest" },
    { "rest-folder/issues.json", "github-rest" },
    { "rest-folder/issue-comments.json", "github-rest" },
    { "rest-folder/issue-events.json", "github-rest" },
    { "rest-folder/timeline-13.json", "github-rest" },
    { "rest-folder/timeline-7.json", "github-rest" },
    { "gh-pr-list.json", "github-rest" },
    { "graphql-pulls.json", "github-rest" },
  };
  const char * const ids[] = { "github-rest", "github-perceval", "github-archive" };
  const char * const *listed = uc_import_list_formats ();

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (g_strv_contains (listed, ids[i]));
      g_assert_nonnull (uc_import_format_name (ids[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    {
      g_autofree char *path = fixture (own[i].file);
      g_autoptr(GError) error = NULL;
      double confidence = 0;
      const char *id = uc_import_detect (path, &confidence, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, own[i].format);
      g_assert_cmpfloat (confidence, >=, 0.75);
    }

  /* Not ours: a note, other formats' own fixtures, other samples. */
  {
    g_autofree char *notes = fixture ("rest-folder/notes.txt");
    g_autofree char *user = fixture ("rest-folder/user.json");

    assert_not_claimed (notes);
    assert_not_claimed (user);
  }
  {
    g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "import", "fixtures", NULL);
    g_autoptr(GDir) dir = g_dir_open (fixtures, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *sub = g_build_filename (fixtures, name, NULL);
        g_autoptr(GDir) files = NULL;
        const char *file;

        if (g_str_equal (name, "github") || !g_file_test (sub, G_FILE_TEST_IS_DIR))
          continue;
        assert_not_claimed (sub);
        files = g_dir_open (sub, 0, NULL);
        while (files != NULL && (file = g_dir_read_name (files)) != NULL)
          {
            g_autofree char *path = g_build_filename (sub, file, NULL);

            /* (The roster tests keep a GitHub page of their own.) */
            if (g_str_has_prefix (file, "github"))
              continue;
            assert_not_claimed (path);
          }
      }
  }
  {
    const char *root = g_getenv ("UC_SHARED_DATA");
    const char *others[] = {
      "grimoirelab-elk-items/gerrit.json", "grimoirelab-elk-items/gitlab.json",
      "grimoirelab-elk-items/git.json", "grimoirelab-elk-items/jira.json",
      "grimoirelab-elk-items/slack.json", "grimoirelab-elk-items/mattermost.json",
      "jira-xml/ops4j_PAXLOGGING_SearchRequest.xml", "slack-clojurians/2018-02-01.txt",
      "slack-clojurians/channels.edn", "gharchive-minimized/2015-02-22-21.min.json.gz",
      "perceval/gitlab", "perceval/gerrit", "perceval/jira", "perceval/slack",
      "perceval/mattermost", "perceval/git",
    };

    if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
      return;
    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autofree char *path = g_build_filename (root, others[i], NULL);

        if (!g_file_test (path, G_FILE_TEST_EXISTS))
          continue;
        assert_not_claimed (path);
        if (g_file_test (path, G_FILE_TEST_IS_DIR))
          {
            g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
            const char *name;

            while ((name = g_dir_read_name (dir)) != NULL)
              {
                g_autofree char *file = g_build_filename (path, name, NULL);

                if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
                  assert_not_claimed (file);
              }
          }
      }

    /* The GitHub samples are ours. */
    {
      g_autofree char *elk = g_build_filename (root, "grimoirelab-elk-items/github.json", NULL);
      g_autofree char *mp = g_build_filename (root, "github-archive-json/quicwg_multipath_archive.json", NULL);
      g_autofree char *pages = g_build_filename (root, "perceval/github", NULL);
      g_autofree char *pull = g_build_filename (root, "perceval/github/github_request_pull_request_1", NULL);

      g_assert_cmpfloat (probe_file (&_uc_import_format_github_perceval, elk), >=, 0.9);
      g_assert_cmpfloat (probe_file (&_uc_import_format_github_archive, mp), >=, 0.9);
      g_assert_cmpfloat (probe_file (&_uc_import_format_github_rest, pages), >=, 0.8);
      g_assert_cmpfloat (probe_file (&_uc_import_format_github_rest, pull), >=, 0.8);
    }
  }
}

/* ---- helpers of the format ---- */

static void
test_values (void)
{
  struct { const char *url; const char *repo; gint64 number; const char *anchor; } urls[] = {
    { "https://api.github.com/repos/acme/widget/pulls/7", "acme/widget", 7, NULL },
    { "https://api.github.com/repos/acme/widget/issues/12", "acme/widget", 12, NULL },
    { "https://api.github.com/repos/acme/widget", "acme/widget", 0, NULL },
    { "https://api.github.com/repos/acme/widget/issues/events/4001", "acme/widget", 0, NULL },
    { "https://api.github.com/repos/acme/widget/pulls/comments/2001", "acme/widget", 0, NULL },
    { "https://ghe.example.com/api/v3/repos/team/tool/pulls/3", "team/tool", 3, NULL },
    { "https://github.com/acme/widget/pull/7#pullrequestreview-1001", "acme/widget", 7, "pullrequestreview-1001" },
    { "https://github.com/acme/widget/issues/1#issuecomment-5", "acme/widget", 1, "issuecomment-5" },
    { "https://github.com/acme/widget.git", "acme/widget", 0, NULL },
    { "https://github.com/acme", NULL, 0, NULL },
    { "not a url", NULL, 0, NULL },
    { "https://github.com/../x/pull/1", NULL, 0, NULL },
  };
  struct { const char *branch; const char *key; } branches[] = {
    { "12-throttle-login", "#12" }, { "feature/12-x", "#12" }, { "issue-15-cache", "#15" },
    { "issue/31", "#31" }, { "fix/gh-8", "#8" }, { "main", NULL }, { "v1.2-3", NULL },
    { "dependabot/npm_and_yarn/lodash-4.17.21", NULL }, { "tissue-5", NULL },
  };
  UcTime t = 0;

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *repo = NULL;
      g_autofree char *anchor = NULL;
      gint64 number = -1;
      gboolean ok = _uc_github_parse_url (urls[i].url, &repo, &number, &anchor);

      g_assert_cmpint (ok, ==, urls[i].repo != NULL);
      g_assert_cmpstr (repo, ==, urls[i].repo);
      g_assert_cmpint (number, ==, urls[i].number);
      g_assert_cmpstr (anchor, ==, urls[i].anchor);
    }
  for (guint i = 0; i < G_N_ELEMENTS (branches); i++)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      _uc_github_branch_issue_keys (branches[i].branch, keys);
      if (branches[i].key == NULL)
        g_assert_cmpuint (keys->len, ==, 0);
      else
        {
          g_assert_cmpuint (keys->len, ==, 1);
          g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, branches[i].key);
        }
    }

  /* Node ids: legacy base64, current MessagePack, and junk. */
  g_assert_cmpint (_uc_github_node_database_id ("MDE3OlB1bGxSZXF1ZXN0UmV2aWV3MjA1NzI5MTgy"), ==, 205729182);
  g_assert_cmpint (_uc_github_node_database_id ("PRR_kwDOGNtpaM4uh_1J"), ==, 780664137);
  g_assert_cmpint (_uc_github_node_database_id ("PRR_kwDOAAAAAc4AAA-h"), ==, 4001);
  g_assert_cmpint (_uc_github_node_database_id ("I_kwDOGNtpaM49OGUy"), >, 0);
  g_assert_cmpint (_uc_github_node_database_id ("X_!!"), ==, 0);
  g_assert_cmpint (_uc_github_node_database_id ("PRR_kw"), ==, 0);
  g_assert_cmpint (_uc_github_node_database_id (""), ==, 0);
  g_assert_cmpint (_uc_github_node_database_id (NULL), ==, 0);
  g_assert_cmpint (_uc_github_anchor_id ("discussion_r123", "discussion_r"), ==, 123);
  g_assert_cmpint (_uc_github_anchor_id ("event-12x", "event-"), ==, 0);

  g_assert_true (_uc_github_parse_time ("2016-01-03T23:46:04Z", &t));
  g_assert_cmpint (t, ==, 1451864764);
  g_assert_true (_uc_github_parse_time ("2025-09-08T19:13:40.246480+00:00", &t));
  g_assert_cmpint (t, ==, 1757358820);
  g_assert_true (_uc_github_parse_time ("2024-03-01T10:00:00+02:00", &t));
  g_assert_cmpint (t, ==, 1709280000);
  g_assert_false (_uc_github_parse_time ("yesterday", &t));
  g_assert_false (_uc_github_parse_time ("", &t));
}

/* The splitter on awkward layouts, record by record. */
static void
test_splitter (void)
{
  struct { const char *text; gboolean members; const char *expect; } cases[] = {
    { "[{\"a\":1},{\"b\":\"]}\"}]", FALSE, "{\"a\":1}|{\"b\":\"]}\"}|" },
    { "[][{\"a\":[1,2]}]\n[{}]", FALSE, "{\"a\":[1,2]}|{}|" },
    { "{\"a\":1}\n{\"a\":2}\r\n", FALSE, "{\"a\":1}|{\"a\":2}|" },
    { "{\"a\":1},\n{\"a\":2}", FALSE, "{\"a\":1}|{\"a\":2}|" },
    { "[1, \"x\\\"y\", null ,{}]", FALSE, "1|\"x\\\"y\"|null|{}|" },
    { "{\"repo\":\"o/r\",\"issues\":[{\"n\":1},{\"n\":2}],\"x\":{\"y\":[]},\"pulls\":[]}", TRUE,
      "repo=\"o/r\"|issues={\"n\":1}|issues={\"n\":2}|x={\"y\":[]}|" },
    { "[{\"a\":1}", FALSE, "{\"a\":1}|!truncated" },
    { "[{\"a\":1", FALSE, "!truncated" },
    { "[{\"a\":1} {\"b\":2}]", FALSE, "{\"a\":1}|!expected “,” or “]”" },
    { "nope", FALSE, "!expected a JSON object or list" },
    { "{\"repo\" 1}", TRUE, "!expected “:”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GInputStream *in = g_memory_input_stream_new_from_data (cases[i].text, -1, NULL);
      g_autoptr(GString) got = g_string_new (NULL);
      UcGithubSplitter sp;
      UcGithubRecord rec;

      _uc_github_splitter_init (&sp, in, NULL, NULL);
      sp.members = cases[i].members;
      for (;;)
        {
          UcGithubSplit s = _uc_github_splitter_next (&sp, &rec, NULL);

          if (s == UC_GITHUB_SPLIT_END)
            break;
          if (s == UC_GITHUB_SPLIT_SYNTAX)
            {
              g_string_append_printf (got, "!%s", sp.problem);
              break;
            }
          g_assert_cmpint (s, ==, UC_GITHUB_SPLIT_RECORD);
          if (rec.member != NULL)
            g_string_append_printf (got, "%s=", rec.member);
          g_string_append_len (got, rec.text, (gssize) rec.len);
          g_string_append_c (got, '|');
        }
      _uc_github_splitter_clear (&sp);
      if (cases[i].expect[strlen (cases[i].expect) - 1] != '|' && got->str[0] != '\0')
        {
          /* an error is expected: compare the start of its message */
          const char *bang = strchr (cases[i].expect, '!');
          g_autofree char *prefix = g_strndup (cases[i].expect, bang - cases[i].expect);

          g_assert_true (g_str_has_prefix (got->str, prefix));
          g_assert_nonnull (strstr (got->str, bang + 1));
        }
      else
        g_assert_cmpstr (got->str, ==, cases[i].expect);
    }
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  double *last = user_data;

  g_assert_true (fraction < 0 || (fraction >= 0 && fraction <= 1));
  if (fraction >= 0)
    {
      g_assert_cmpfloat (fraction, >=, *last);
      *last = fraction;
    }
}

/* Cancellation leaves the workspace as it was; progress only grows. */
static void
test_cancel_progress (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = uc_store_describe_counts (store);
  g_autofree char *after = NULL;
  g_autofree char *folder = fixture ("rest-folder");
  double last = 0;

  g_cancellable_cancel (cancellable);
  g_assert_false (uc_import_path (store, folder, NULL, UC_IMPORT_FLAGS_NONE, NULL, NULL, NULL,
                                  cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (uc_import_path (store, folder, NULL, UC_IMPORT_FLAGS_NONE, NULL,
                                 progress_cb, &last, NULL, NULL));
  /* (The framework's final 1.0 may be throttled away.) */
  g_assert_cmpfloat (last, >=, 0.0);
  g_assert_cmpfloat (last, <=, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_root = g_dir_make_tmp ("uc-github-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/import/github/values", test_values);
  g_test_add_func ("/import/github/splitter", test_splitter);
  g_test_add_func ("/import/github/rest-folder", test_rest_folder);
  g_test_add_func ("/import/github/overlap", test_overlap);
  g_test_add_func ("/import/github/encodings", test_encodings);
  g_test_add_func ("/import/github/perceval", test_perceval_own);
  g_test_add_func ("/import/github/archive", test_archive_own);
  g_test_add_func ("/import/github/graphql-shapes", test_graphql_shapes);
  g_test_add_func ("/import/github/real-perceval-folder", test_real_perceval_folder);
  g_test_add_func ("/import/github/real-perceval-items", test_real_elk);
  g_test_add_func ("/import/github/real-archives", test_real_archives);
  g_test_add_func ("/import/github/malformed", test_malformed);
  g_test_add_func ("/import/github/skip-bad", test_skip_bad);
  g_test_add_func ("/import/github/reimport", test_reimport);
  g_test_add_func ("/import/github/no-body-text", test_no_body_text);
  g_test_add_func ("/import/github/detect", test_detect);
  g_test_add_func ("/import/github/cancel-progress", test_cancel_progress);

  status = g_test_run ();

  {
    g_autoptr(GFile) root = g_file_new_for_path (tmp_root);
    g_autoptr(GFileEnumerator) children = NULL;

    /* Remove the scratch tree (two levels are enough here). */
    children = g_file_enumerate_children (root, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
    while (children != NULL)
      {
        GFileInfo *info = NULL;
        GFile *child = NULL;

        if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
          break;
        if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
          {
            g_autoptr(GFileEnumerator) sub = g_file_enumerate_children (child, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                        NULL, NULL);
            while (sub != NULL)
              {
                GFileInfo *sub_info = NULL;
                GFile *sub_child = NULL;

                if (!g_file_enumerator_iterate (sub, &sub_info, &sub_child, NULL, NULL) ||
                    sub_info == NULL)
                  break;
                g_file_delete (sub_child, NULL, NULL);
              }
          }
        g_file_delete (child, NULL, NULL);
      }
    g_file_delete (root, NULL, NULL);
  }
  g_free (tmp_root);
  return status;
}
