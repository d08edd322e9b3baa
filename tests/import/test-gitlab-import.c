/* test-gitlab-import.c: the GitLab importer.
 *
 * Our own fixtures (tests/import/fixtures/gitlab/, written by hand) are
 * imported with exact expected values; the real Perceval samples in
 * $UC_SHARED_DATA are imported with counts derived independently with
 * python3 (the script is quoted next to each number); malformed variants
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
  return g_test_build_filename (G_TEST_DIST, "import", "fixtures", "gitlab", name, NULL);
}

/* A path in $UC_SHARED_DATA, or NULL (and the test skipped) without it. */
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
  g_assert_cmpstr (result.format, ==, "gitlab");
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

/* @text with the first @from replaced by @to. */
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
assert_perceval_items (UcStore *store)
{
  /* acme/payments: MR !7 (merged, two versions, a requested-changes note,
   * an approval note, emoji) and !8 (draft), issues #12 and #13. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE kind = 'gitlab' AND name = 'acme/payments'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 2);

  assert_text (store,
               "SELECT state || ' ' || created_time || ' ' || updated_time || ' ' || merged_time"
               " || ' ' || IFNULL (closed_time, '-') || ' ' || n_rounds || ' ' || n_commits"
               " || ' ' || last_commit_time || ' ' || is_draft || ' ' || title_len || ' ' || body_len"
               " FROM change_request WHERE number = '7'",
               /* 2024-03-04T09:00Z, 2024-03-07T16:30Z; 2 versions; the newest
                * version (2024-03-06T11:00Z) has 2 commits; lengths of the
                * title and description in characters */
               "merged 1709542800 1709829000 1709829000 - 2 2 1709722800 0 38 64");
  assert_text (store,
               "SELECT i.value FROM change_request c JOIN identity i ON i.id = c.merged_by_id"
               " WHERE c.number = '7'", "bob");
  assert_text (store,
               "SELECT i.value FROM change_request c JOIN identity i ON i.id = c.author_id"
               " WHERE c.number = '7'", "alice");
  /* !8: opened, work_in_progress, notes known but no push: one round */
  assert_text (store,
               "SELECT state || ' ' || is_draft || ' ' || n_rounds || ' ' || IFNULL (merged_time, '-')"
               " FROM change_request WHERE number = '8'", "open 1 1 -");

  /* Reviews: carol's "requested changes" and "approved" system notes,
   * dave's thumbsup (alice's own and carol's second approval are not
   * counted, bob's "tada" is not a review), carol's thumbsdown on !8. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM review"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 1"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review WHERE state = 2 AND is_objection"), ==, 2);
  assert_text (store,
               "SELECT group_concat (i.value || ':' || r.state || ':' || r.time, ' ') FROM"
               " (SELECT * FROM review ORDER BY time) r JOIN identity i ON i.id = r.reviewer_id",
               "carol:2:1709560860 dave:1:1709625600 carol:1:1709802000 carol:2:1709895600");

  /* Comments: the four non-system notes; system notes are not comments. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE cr_id IS NOT NULL"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE item_id IS NOT NULL"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, 1);
  assert_text (store, "SELECT ext_id || ' ' || body_len FROM comment WHERE is_objection",
               "gitlab:acme/payments!7:note:1001 100");

  /* Links: PAY-42 from the title, #12 from the description and the branch
   * "12-retry-captures" (one link: the same key). */
  assert_text (store, "SELECT group_concat (item_key || '/' || via, ' ') FROM"
               " (SELECT * FROM link ORDER BY item_key)",
               "PAY-42/title acme/payments#12/body");

  /* Issues: #12 is open with the Doing label; #13 is a closed RFC. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE tracker = 'gitlab'"), ==, 2);
  assert_text (store,
               "SELECT project || ' ' || type || ' ' || status || ' ' || status_category || ' '"
               " || story_points || ' ' || is_decision || ' ' || IFNULL (resolved_time, '-')"
               " FROM work_item WHERE key = 'acme/payments#12'",
               "acme/payments issue Doing 1 3.0 0 -");
  assert_text (store,
               "SELECT status || ' ' || status_category || ' ' || is_decision || ' ' || resolved_time"
               " FROM work_item WHERE key = 'acme/payments#13'", "closed 2 1 1710028800");

  /* Status changes of #12, from its system notes in time order: the Doing
   * label, closed by !7, reopened (backwards, the label still on). */
  assert_text (store,
               "SELECT group_concat (from_category || '>' || to_category || ':' || to_status, ' ') FROM"
               " (SELECT * FROM status_change ORDER BY time)",
               "0>1:Doing 1>2:closed 2>1:Doing");

  /* People: four GitLab users, carol's address on her person. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'gitlab'"), ==, 4);
  assert_text (store,
               "SELECT p.name FROM identity i JOIN person p ON p.id = i.person_id"
               " WHERE i.kind = 'email' AND i.value = 'carol@example.com'", "Carol Nguyen");
  g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 0);
}

static void
test_perceval_items (void)
{
  g_autoptr(UcStore) store = new_workspace (NULL);
  g_autofree char *path = fixture ("perceval-items.json");
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "gitlab");
  g_assert_cmpint (result.n_records, ==, 4);
  g_assert_cmpint (result.n_new, ==, 4);
  g_assert_cmpuint (result.warnings->len, ==, 0);
  assert_perceval_items (store);
  /* the source's time span: the first and last events */
  g_assert_cmpint (q (store, "SELECT first_time FROM source"), ==, 1709280000);
  g_assert_cmpint (q (store, "SELECT last_time FROM source"), ==, 1710028800);
}

static void
assert_pages (UcStore *store)
{
  /* acme/ledger: !21 has no web_url, its project comes from project.json. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE kind = 'gitlab' AND name = 'acme/ledger'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 3);
  assert_text (store,
               "SELECT state || ' ' || merged_time || ' ' || n_rounds || ' ' || last_commit_time"
               " FROM change_request WHERE number = '21'",
               /* three versions; the newest at 2024-04-03T16:00:01Z */
               "merged 1712242800 3 1712160001");
  /* !22 appears twice: the newer copy (closed) wins over the older page */
  assert_text (store,
               "SELECT state || ' ' || updated_time || ' ' || closed_time || ' ' || IFNULL (n_rounds, '-')"
               " FROM change_request WHERE number = '22'", "closed 1712397600 1712397600 -");
  assert_text (store, "SELECT state || ' ' || is_draft FROM change_request WHERE number = '23'", "open 1");

  /* frank's approval note on !21, erin from the approvals API on !22 (at
   * the page's updated_at), erin's thumbsup on gina's !23 */
  assert_text (store,
               "SELECT group_concat (c.number || ':' || i.value || ':' || r.state || ':' || r.time, ' ') FROM"
               " (SELECT * FROM review ORDER BY time) r JOIN identity i ON i.id = r.reviewer_id"
               " JOIN change_request c ON c.id = r.cr_id",
               "21:frank:1:1712242500 23:erin:1:1712318400 22:erin:1:1712340000");

  /* a note and a discussion of two DiffNotes, the second answering the first */
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_review_comment"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment WHERE is_objection"), ==, 2);
  assert_text (store,
               "SELECT r.ext_id FROM comment c JOIN comment r ON r.id = c.reply_to_id"
               " WHERE c.ext_id = 'gitlab:acme/ledger!21:note:3102'",
               "gitlab:acme/ledger!21:note:3101");

  /* LED-7 in the description, #7 from the branch "7-rounding", another
   * project's issue in !23's description */
  assert_text (store, "SELECT group_concat (item_key || '/' || via, ' ') FROM"
               " (SELECT * FROM link ORDER BY item_key)",
               "LED-7/body acme/ledger#7/branch acme/payments#12/body");

  assert_text (store,
               "SELECT key || ' ' || status || ' ' || status_category || ' ' || resolved_time FROM work_item",
               "acme/ledger#7 closed 2 1712242860");
  assert_text (store,
               "SELECT from_status || '>' || to_status || ' ' || time FROM status_change",
               "opened>closed 1712242860");
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 3);
}

static void
test_pages_folder (void)
{
  g_autoptr(UcStore) store = new_workspace (NULL);
  g_autofree char *path = fixture ("pages");
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "gitlab");
  /* 1 project, 4 merge requests (one twice), 3 notes, 1 discussion,
   * 3 versions, 1 approvals page, 1 emoji, 1 issue, 2 issue notes, 1 commit */
  g_assert_cmpint (result.n_records, ==, 18);
  g_assert_cmpint (result.n_new, ==, 4);
  /* README.txt (not JSON), commits.json, the note of an issue not in the folder */
  g_assert_cmpuint (result.warnings->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "README.txt"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "commits.json"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 2), "notes-issue-7.json"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 2), "99999"));
  g_assert_cmpint (q (store, "SELECT n_warnings FROM source"), ==, 3);
  assert_pages (store);
}

/* Both fixtures, in both orders, give the same rows; pages that repeat
 * records (overlapping exports) converge. */
static void
test_overlap (void)
{
  g_autoptr(UcStore) a = new_workspace (NULL);
  g_autoptr(UcStore) b = new_workspace (NULL);
  g_autofree char *items = fixture ("perceval-items.json");
  g_autofree char *pages = fixture ("pages");
  g_autofree char *page2 = fixture ("pages/merge-requests-2.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *counts_a = NULL;
  g_autofree char *counts_b = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  import_ok (a, items);
  import_ok (a, pages);
  import_ok (b, pages);
  import_ok (b, items);
  counts_a = uc_store_describe_counts (a);
  counts_b = uc_store_describe_counts (b);
  g_assert_cmpstr (counts_a, ==, counts_b);
  g_assert_cmpint (q (a, "SELECT count(*) FROM change_request"), ==, 5);
  g_assert_cmpint (q (a, "SELECT count(*) FROM repo"), ==, 2);

  /* The second page alone: !22's older copy and !23 again change nothing. */
  before = uc_store_describe_counts (a);
  g_assert_true (import (a, page2, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_false (result.already_imported);
  g_assert_cmpint (result.n_records, ==, 2);
  g_assert_cmpint (result.n_new, ==, 0);
  after = uc_store_describe_counts (a);
  /* one more source row, nothing else */
  g_assert_cmpint (q (a, "SELECT count(*) FROM source"), ==, 3);
  g_assert_cmpstr (strstr (before, " person="), ==, strstr (after, " person="));
  assert_text (a, "SELECT state FROM change_request WHERE number = '22'", "closed");
}

static void
test_reimport (void)
{
  g_autofree char *items = fixture ("perceval-items.json");
  g_autofree char *pages = fixture ("pages");

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(UcStore) store = new_workspace (NULL);
      const char *path = i == 0 ? items : pages;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_auto(UcImportResult) result = { 0 };
      g_autoptr(GError) error = NULL;

      import_ok (store, path);
      before = uc_store_describe_counts (store);
      g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
      g_assert_no_error (error);
      g_assert_true (result.already_imported);
      g_assert_cmpint (result.n_new, ==, 0);

      /* the same bytes under another name are the same source */
      if (i == 0)
        {
          g_auto(UcImportResult) again = { 0 };
          gsize len;
          g_autofree char *text = read_fixture ("perceval-items.json", &len);
          g_autofree char *copy = write_file ("copy.json", text, (gssize) len);

          g_assert_true (import (store, copy, NULL, UC_IMPORT_FLAGS_NONE, &again, &error));
          g_assert_no_error (error);
          g_assert_true (again.already_imported);
        }
      after = uc_store_describe_counts (store);
      g_assert_cmpstr (before, ==, after);
      if (i == 0)
        assert_perceval_items (store);
      else
        assert_pages (store);
    }
}

/* ---- bad input ---- */

typedef struct
{
  const char *name;
  const char *from;        /* replace this in perceval-items.json… */
  const char *to;          /* …by this (NULL: see the test) */
  int         code;        /* UcImportError */
  const char *message[4];  /* parts of the message, NULL-terminated */
} BadCase;

static void
assert_import_fails (UcStore    *store,
                     const char *path,
                     const char *format,
                     int         code,
                     const char * const *parts)
{
  g_autofree char *before = uc_store_describe_counts (store);
  g_autofree char *after = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (import (store, path, format, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_error (error, UC_IMPORT_ERROR, code);
  g_test_message ("%s", error->message);
  for (guint i = 0; i < 3 && parts[i] != NULL; i++)
    if (strstr (error->message, parts[i]) == NULL)
      g_error ("“%s” does not say “%s”", error->message, parts[i]);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_malformed (void)
{
  static const BadCase cases[] = {
    { "wrong-type.json", "\"iid\": 7,", "\"iid\": {\"n\": 7},", UC_IMPORT_ERROR_PARSE,
      { "record 1 (line 2)", "“iid” is not a whole number", NULL } },
    { "no-created.json", "\"created_at\": \"2024-03-08T10:00:00.000Z\",", "", UC_IMPORT_ERROR_PARSE,
      { "record 2", "merge request !8 has no “created_at”", NULL } },
    { "bad-date.json", "\"created_at\": \"2024-03-01T08:00:00.000Z\",", "\"created_at\": \"last Friday\",",
      UC_IMPORT_ERROR_PARSE, { "record 3", "“created_at” is not a date", NULL } },
    { "no-iid.json", "\"iid\": 13,", "", UC_IMPORT_ERROR_PARSE,
      { "record 4", "the issue has no “iid”", NULL } },
    { "bad-state.json", "\"state\": \"opened\",", "\"state\": \"pondering\",", UC_IMPORT_ERROR_PARSE,
      { "record 2", "unknown state “pondering”", NULL } },
    { "bad-note.json", "\"id\": 1004,", "\"id\": \"one thousand and four\",", UC_IMPORT_ERROR_PARSE,
      { "record 1", "notes_data[3]", "“id” is not a whole number" } },
    { "bad-json.json", "\"iid\": 8,", "\"iid\": 8,,", UC_IMPORT_ERROR_PARSE,
      { "record 2 (line 91)", "invalid JSON at line 103, column 17", NULL } },
    { "not-object.json", "[\n{", "[\n42, {", UC_IMPORT_ERROR_PARSE,
      { "record 1", "not a JSON object", NULL } },
    { "utf8.json", "retry card captures", "retry card \xff\xfe captures", UC_IMPORT_ERROR_PARSE,
      { "record 1", "invalid UTF-8", NULL } },
    { "trailing.json", "\n]\n", "\n] garbage\n", UC_IMPORT_ERROR_PARSE,
      { "record 5", "not JSON", NULL } },
  };
  g_autoptr(UcStore) store = new_workspace (NULL);
  g_autofree char *pages = fixture ("pages");
  g_autofree char *text = NULL;
  gsize len;

  /* something to lose */
  import_ok (store, pages);
  text = read_fixture ("perceval-items.json", &len);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bad = replace_once (text, cases[i].from, cases[i].to);
      g_autofree char *path = write_file (cases[i].name, bad, -1);

      g_test_message ("case %s", cases[i].name);
      assert_import_fails (store, path, "gitlab", cases[i].code, cases[i].message);
    }

  /* truncated in the middle of the second record */
  {
    g_autofree char *path = write_file ("truncated.json", text,
                                        strstr (text, "\"iid\": 8,") + 10 - text);
    const char *parts[] = { "record 2 (line 91)", "truncated", NULL };

    assert_import_fails (store, path, "gitlab", UC_IMPORT_ERROR_PARSE, parts);
    /* detection still says GitLab: the head is intact */
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (uc_import_detect (path, NULL, &error), ==, "gitlab");
      g_assert_no_error (error);
    }
  }
  /* truncated after the last record: the array is not closed */
  {
    g_autofree char *cut = g_strndup (text, strstr (text, "\n]\n") - text);
    g_autofree char *path = write_file ("unclosed.json", cut, -1);
    const char *parts[] = { "truncated", NULL };

    assert_import_fails (store, path, "gitlab", UC_IMPORT_ERROR_PARSE, parts);
  }
  /* empty file, blank file, an empty list, text */
  {
    g_autofree char *empty = write_file ("empty.json", "", 0);
    g_autofree char *list = write_file ("list.json", "[ ]\n", -1);
    g_autofree char *prose = write_file ("prose.txt", "merge requests: none\n", -1);
    const char *empty_parts[] = { "is empty", NULL };
    const char *list_parts[] = { "no records", NULL };
    const char *prose_parts[] = { "not JSON", "line 1", NULL };

    assert_import_fails (store, empty, "gitlab", UC_IMPORT_ERROR_IO, empty_parts);
    assert_import_fails (store, list, "gitlab", UC_IMPORT_ERROR_PARSE, list_parts);
    assert_import_fails (store, prose, "gitlab", UC_IMPORT_ERROR_PARSE, prose_parts);
  }
  /* a folder without GitLab pages; a folder with only notes */
  {
    g_autofree char *dir = g_build_filename (tmp_root, "no-gitlab", NULL);
    g_autofree char *notes_dir = g_build_filename (tmp_root, "only-notes", NULL);
    g_autofree char *a = g_build_filename (dir, "a.json", NULL);
    g_autofree char *b = g_build_filename (notes_dir, "notes.json", NULL);
    g_autofree char *notes = read_fixture ("pages/notes-mr-21.json", NULL);
    const char *none_parts[] = { "holds no GitLab", NULL };
    const char *notes_parts[] = { "none of the merge requests or issues", NULL };

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    g_assert_cmpint (g_mkdir_with_parents (notes_dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (a, "{\"hello\": \"world\"}\n", -1, NULL));
    g_assert_true (g_file_set_contents (b, notes, -1, NULL));
    assert_import_fails (store, dir, "gitlab", UC_IMPORT_ERROR_PARSE, none_parts);
    assert_import_fails (store, notes_dir, "gitlab", UC_IMPORT_ERROR_PARSE, notes_parts);
  }
  /* one notes page alone cannot be attached */
  {
    g_autofree char *notes = fixture ("pages/notes-mr-21.json");
    const char *parts[] = { "whole file", "import them together", NULL };

    assert_import_fails (store, notes, NULL, UC_IMPORT_ERROR_PARSE, parts);
  }
  /* a page of merge requests without web_url and no project page */
  {
    g_autofree char *page = fixture ("pages/merge-requests-1.json");
    const char *parts[] = { "record 1 (line 2)", "cannot tell which project merge request !21", NULL };

    assert_import_fails (store, page, NULL, UC_IMPORT_ERROR_PARSE, parts);
  }
  assert_pages (store);
}

static void
test_skip_bad (void)
{
  g_autoptr(UcStore) store = new_workspace (NULL);
  g_autofree char *text = read_fixture ("perceval-items.json", NULL);
  g_autofree char *bad1 = replace_once (text, "\"iid\": 7,", "\"iid\": \"seven\",");
  g_autofree char *bad2 = replace_once (bad1, "\"id\": 2003,", "\"id\": [2003],");
  g_autofree char *path = write_file ("skip.json", bad2, -1);
  g_autofree char *page = fixture ("pages/merge-requests-1.json");
  g_auto(UcImportResult) result = { 0 };
  g_auto(UcImportResult) result2 = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import (store, path, "gitlab", UC_IMPORT_FLAGS_SKIP_BAD, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.n_records, ==, 4);
  g_assert_cmpuint (result.warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "record 1 (line 2)"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "“iid” is not a whole number"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "record 3 (line 127), notes_data[1]"));
  /* !7 is skipped with its notes and emoji; #12 keeps all but the bad note */
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM status_change"), ==, 3);
  g_assert_cmpint (q (store, "SELECT n_warnings FROM source"), ==, 2);

  /* a page where one merge request has no project */
  g_assert_true (import (store, page, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result2.warnings->len, ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request c JOIN repo r ON r.id = c.repo_id"
                             " WHERE r.name = 'acme/ledger'"), ==, 1);
}

/* Bodies, titles and descriptions are never stored. */
static void
test_no_body_text (void)
{
  static const char * const bodies[] = {
    "idempotency key instead", "the key now comes from the order", "Thanks, merging",
    "still happens for refunds", "Why not round at display time", "Does this break the CSV",
    "the export reads the raw cents", "Retries the capture call", "retry card captures",
    "Card captures fail", "move refunds to a queue", "rounded per line instead",
    "Ledger totals are off", "same as the payments bug", "Use the idempotency key",
  };
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *items = fixture ("perceval-items.json");
  g_autofree char *pages = fixture ("pages");
  UcStore *store = new_workspace (&path);

  import_ok (store, items);
  import_ok (store, pages);
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
      /* and again once the WAL is checkpointed into the file */
      g_clear_object (&store);
    }
}

/* Detection: our files are GitLab; nobody else's are. */
static void
test_detect (void)
{
  static const char * const ours[] = {
    "perceval-items.json", "pages", "pages/merge-requests-1.json", "pages/notes-mr-21.json",
    "pages/issues.json", "pages/discussions-mr-21.json", "pages/versions-mr-21.json",
    "pages/approvals-mr-22.json", "pages/award-emoji-mr-23.json", "pages/project.json",
  };
  static const char * const others[] = {
    "../gerrit", "../github", "../slack", "../mattermost", "../jira",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    {
      g_autofree char *path = fixture (ours[i]);
      g_autoptr(GError) error = NULL;
      double confidence = 0;

      g_assert_cmpstr (uc_import_detect (path, &confidence, &error), ==, "gitlab");
      g_assert_no_error (error);
      g_assert_cmpfloat (confidence, >=, 0.5);
    }
  /* a list of commits is named but not taken */
  {
    g_autofree char *path = fixture ("pages/commits.json");
    g_autoptr(GError) error = NULL;

    g_assert_null (uc_import_detect (path, NULL, &error));
    g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT);
  }
  /* every file of the other importers' fixtures */
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
          g_assert_cmpstr (format, !=, "gitlab");
        }
    }
}

static void
test_detect_shared (void)
{
  static const char * const gitlab[] = {
    "grimoirelab-elk-items/gitlab.json", "perceval/gitlab", "perceval/gitlab/merge_page_1",
    "perceval/gitlab/merge_1", "perceval/gitlab/issue_page_1", "perceval/gitlab/issue_1",
    "perceval/gitlab/notes_1", "perceval/gitlab/emoji", "perceval/gitlab/merge_1_versions",
    "perceval/gitlab/merge_1_version_1", "perceval/gitlab/project",
  };
  static const char * const other_dirs[] = {
    "perceval/github", "perceval/gerrit", "perceval/jira", "perceval/slack",
    "perceval/mattermost", "perceval/git", "grimoirelab-elk-items", "jira-xml",
    "slack-clojurians", "github-archive-json",
  };
  g_autofree char *root = shared (".");

  if (root == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (gitlab); i++)
    {
      g_autofree char *path = g_build_filename (root, gitlab[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (uc_import_detect (path, NULL, &error), ==, "gitlab");
      g_assert_no_error (error);
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

          if (g_str_has_suffix (name, "gitlab.json"))
            continue;
          format = uc_import_detect (path, NULL, &error);
          g_test_message ("%s → %s", path, format != NULL ? format : error->message);
          g_assert_cmpstr (format, !=, "gitlab");
        }
    }
}

/* ---- the real samples ---- */

static void
test_real_elk (void)
{
  g_autofree char *path = shared ("grimoirelab-elk-items/gitlab.json");
  g_autoptr(UcStore) store = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  store = new_workspace (NULL);
  g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "gitlab");
  g_assert_cmpint (result.n_records, ==, 8);
  g_assert_cmpuint (result.warnings->len, ==, 0);

  /* Derived with python3 (json.load the file; for each item take
   * data.web_url's project path; count categories; non-system notes;
   * "closed"/"reopened" system notes of issues; distinct versions_data
   * ids per merge request; users = authors, assignees, merged_by, note
   * authors, thumbsup/down users on merge requests):
   *   3 merge requests (3148, 3173, 3126, all merged), n_rounds 2, 1, 150;
   *   5 issues (4 closed → done, 1 opened → todo) in 2 projects;
   *   4 comments, 0 reviews, 2 status changes, 7 people. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE kind = 'gitlab'"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request WHERE state = 'merged'"), ==, 3);
  assert_text (store, "SELECT group_concat (number || ':' || n_rounds, ' ') FROM"
               " (SELECT * FROM change_request ORDER BY CAST (number AS INTEGER))",
               "3126:150 3148:2 3173:1");
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE status_category = 2"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item WHERE status_category = 0"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM status_change"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM status_change WHERE to_category = 2"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 7);
  /* merge request 3148: merged by Bubu at 2018-05-16T14:17:20.522Z */
  assert_text (store,
               "SELECT i.value || ' ' || c.merged_time FROM change_request c"
               " JOIN identity i ON i.id = c.merged_by_id WHERE c.number = '3148'",
               "Bubu 1526480240");
}

static void
test_real_folder (void)
{
  g_autofree char *dir = shared ("perceval/gitlab");
  g_autoptr(UcStore) store = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  store = new_workspace (NULL);
  g_assert_true (import (store, dir, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "gitlab");

  /* Derived with python3 (json.load every file; a file's records are the
   * list's elements or the object; classify each by its fields as the
   * importer's header says; attach notes/emoji/versions by their GitLab
   * id to the merge requests and issues read): 38 records; merge requests
   * iid 1, 2, 3, all merged; issues iid 1-4; the 15 notes, emoji and
   * versions all name owners that are not in the folder (the fixtures'
   * ids were renumbered), so 12 files give one warning each, plus the 3
   * commit lists: 15 warnings; people: redfish64 and YoeriNijs. */
  g_assert_cmpint (result.n_records, ==, 38);
  g_assert_cmpuint (result.warnings->len, ==, 15);
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE kind = 'gitlab' AND name = 'fdroid/fdroiddata'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request WHERE state = 'merged'"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM work_item"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM comment"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM review"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 2);
  /* merge_1 brings !1's author; the pages carry none */
  assert_text (store,
               "SELECT i.value FROM change_request c JOIN identity i ON i.id = c.author_id"
               " WHERE c.number = '1'", "redfish64");

  /* single files */
  {
    g_autoptr(UcStore) one = new_workspace (NULL);
    g_autofree char *page = shared ("perceval/gitlab/merge_page_1");
    g_autofree char *notes = shared ("perceval/gitlab/notes_1");
    g_autofree char *commits = shared ("perceval/gitlab/commits_1");
    g_autofree char *empty = shared ("perceval/gitlab/empty_response");
    const char *notes_parts[] = { "notes_1", "whole file", NULL };
    const char *commits_parts[] = { "commits", "git repository", NULL };
    const char *empty_parts[] = { "no records", NULL };

    import_ok (one, page);
    g_assert_cmpint (q (one, "SELECT count(*) FROM change_request"), ==, 2);
    assert_import_fails (one, notes, NULL, UC_IMPORT_ERROR_PARSE, notes_parts);
    assert_import_fails (one, commits, "gitlab", UC_IMPORT_ERROR_PARSE, commits_parts);
    assert_import_fails (one, empty, "gitlab", UC_IMPORT_ERROR_PARSE, empty_parts);
  }
}

/* ---- encodings, pagination, cancellation ---- */

static void
test_encodings (void)
{
  g_autofree char *text = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *bom8 = NULL;
  g_autofree char *path16 = NULL;
  g_autofree char *path8 = NULL;
  g_autofree char *page1 = read_fixture ("pages/merge-requests-1.json", NULL);
  g_autofree char *page2 = read_fixture ("pages/merge-requests-2.json", NULL);
  g_autofree char *project = read_fixture ("pages/project.json", NULL);
  g_autofree char *joined = NULL;
  g_autofree char *joined_path = NULL;
  gsize len, len16 = 0;
  GString *with_bom;

  /* UTF-16 with a byte order mark, as Windows PowerShell writes */
  text = read_fixture ("perceval-items.json", &len);
  utf16 = g_convert (text, (gssize) len, "UTF-16LE", "UTF-8", NULL, &len16, NULL);
  g_assert_nonnull (utf16);
  with_bom = g_string_new_len ("\xff\xfe", 2);
  g_string_append_len (with_bom, utf16, (gssize) len16);
  path16 = write_file ("utf16.json", with_bom->str, (gssize) with_bom->len);
  g_string_free (with_bom, TRUE);
  bom8 = g_strconcat ("\xef\xbb\xbf", text, NULL);
  path8 = write_file ("bom.json", bom8, -1);
  {
    g_autoptr(UcStore) store = new_workspace (NULL);

    import_ok (store, path16);
    assert_perceval_items (store);
  }
  {
    g_autoptr(UcStore) store = new_workspace (NULL);

    import_ok (store, path8);
    assert_perceval_items (store);
  }

  /* pages written one after the other ("[…][…]", as paginating tools
   * print them), after the project object */
  joined = g_strconcat (project, page1, page2, NULL);
  joined_path = write_file ("joined.json", joined, -1);
  {
    g_autoptr(UcStore) store = new_workspace (NULL);
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_true (import (store, joined_path, "gitlab", UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.n_records, ==, 5);
    g_assert_cmpint (q (store, "SELECT count(*) FROM change_request"), ==, 3);
  }
}

static void
test_cancel (void)
{
  g_autoptr(UcStore) store = new_workspace (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *pages = fixture ("pages");
  g_autofree char *before = uc_store_describe_counts (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (uc_import_path (store, pages, NULL, UC_IMPORT_FLAGS_NONE, NULL, NULL, NULL,
                                  cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);
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
  g_autofree char *path = fixture ("pages");
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
  tmp_root = g_dir_make_tmp ("uc-test-gitlab-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/import/gitlab/perceval-items", test_perceval_items);
  g_test_add_func ("/import/gitlab/pages-folder", test_pages_folder);
  g_test_add_func ("/import/gitlab/overlap", test_overlap);
  g_test_add_func ("/import/gitlab/reimport", test_reimport);
  g_test_add_func ("/import/gitlab/malformed", test_malformed);
  g_test_add_func ("/import/gitlab/skip-bad", test_skip_bad);
  g_test_add_func ("/import/gitlab/no-body-text", test_no_body_text);
  g_test_add_func ("/import/gitlab/detect", test_detect);
  g_test_add_func ("/import/gitlab/detect-shared", test_detect_shared);
  g_test_add_func ("/import/gitlab/real-elk", test_real_elk);
  g_test_add_func ("/import/gitlab/real-folder", test_real_folder);
  g_test_add_func ("/import/gitlab/encodings", test_encodings);
  g_test_add_func ("/import/gitlab/cancel", test_cancel);

  g_test_add_func ("/import/gitlab/progress", test_progress);

  status = g_test_run ();
  remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
