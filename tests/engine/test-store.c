/* test-store.c: the workspace file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "uc-store-private.h"

static char *
tmp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static void
test_store_create_reopen (void)
{
  g_autofree char *path = tmp_path ("create.undercurrent");
  g_autoptr(GError) error = NULL;
  g_autoptr(UcStore) store = NULL;
  UcId source, ident, ident2, team;

  store = uc_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (uc_store_get_schema_version (store), ==, UC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (uc_store_query_int (store, "PRAGMA foreign_keys;", 0), ==, 1);

  g_assert_true (uc_store_begin (store, &error));
  source = uc_store_add_source (store, "git-log", "/tmp/x.log", "abc", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, >, 0);
  ident = uc_store_ensure_identity (store, "email", "Ann@Example.COM", "Ann", 0, source, &error);
  g_assert_no_error (error);
  ident2 = uc_store_ensure_identity (store, "email", "ann@example.com", "Ann B", 0, source, &error);
  g_assert_cmpint (ident, ==, ident2);
  team = uc_store_ensure_team (store, "Atlas", source, &error);
  g_assert_cmpint (team, ==, uc_store_ensure_team (store, "Atlas", source, &error));
  g_assert_true (uc_store_add_person_team (store, uc_store_identity_person (store, ident),
                                           team, 0, 0, source, &error));
  /* Idempotent: the same membership twice is one row. */
  g_assert_true (uc_store_add_person_team (store, uc_store_identity_person (store, ident),
                                           team, 0, 0, source, &error));
  g_assert_true (uc_store_commit (store, &error));
  g_assert_cmpint (uc_store_query_int (store, "SELECT count(*) FROM person_team", 0), ==, 1);
  g_clear_object (&store);

  /* Create refuses an existing file; open finds what was written. */
  store = uc_store_create (path, &error);
  g_assert_error (error, UC_STORE_ERROR, UC_STORE_ERROR_EXISTS);
  g_assert_null (store);
  g_clear_error (&error);

  store = uc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (uc_store_query_int (store, "SELECT count(*) FROM person", 0), ==, 1);
  g_assert_cmpint (uc_store_query_int (store, "PRAGMA journal_mode = WAL;", 0), ==, 0);
  g_clear_object (&store);
  g_unlink (path);
}

static void
test_store_rollback (void)
{
  g_autofree char *path = tmp_path ("rollback.undercurrent");
  g_autoptr(GError) error = NULL;
  g_autoptr(UcStore) store = uc_store_create (path, &error);
  UcId source;

  g_assert_no_error (error);
  g_assert_true (uc_store_begin (store, &error));
  source = uc_store_add_source (store, "git-log", "a", "1", NULL, &error);
  g_assert_cmpint (uc_store_ensure_repo (store, "r", "git", source, &error), >, 0);
  uc_store_rollback (store);
  g_assert_false (uc_store_in_transaction (store));
  g_assert_cmpint (uc_store_query_int (store, "SELECT count(*) FROM source", -1), ==, 0);
  g_assert_cmpint (uc_store_query_int (store, "SELECT count(*) FROM repo", -1), ==, 0);

  /* A failing statement inside a transaction leaves nothing behind. */
  g_assert_true (uc_store_begin (store, &error));
  uc_store_add_source (store, "git-log", "a", "1", NULL, &error);
  g_assert_false (uc_store_exec (store, "INSERT INTO nowhere VALUES (1)", &error));
  g_assert_error (error, UC_STORE_ERROR, UC_STORE_ERROR_SQL);
  uc_store_rollback (store);
  g_assert_cmpint (uc_store_query_int (store, "SELECT count(*) FROM source", -1), ==, 0);
  g_clear_object (&store);
  g_unlink (path);
}

static void
test_store_reject (void)
{
  g_autofree char *text = tmp_path ("text.undercurrent");
  g_autofree char *other = tmp_path ("other.sqlite");
  g_autofree char *dir = tmp_path ("a-folder.undercurrent");
  g_autoptr(GError) error = NULL;
  UcStore *store;
  sqlite3 *db;

  g_file_set_contents (text, "hello, I am not a database\n", -1, NULL);
  store = uc_store_open (text, &error);
  g_assert_null (store);
  g_assert_error (error, UC_STORE_ERROR, UC_STORE_ERROR_NOT_A_WORKSPACE);
  g_assert_nonnull (strstr (error->message, "text.undercurrent"));
  g_clear_error (&error);

  /* A real SQLite database of another application. */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL);
  sqlite3_close (db);
  store = uc_store_open (other, &error);
  g_assert_null (store);
  g_assert_error (error, UC_STORE_ERROR, UC_STORE_ERROR_NOT_A_WORKSPACE);
  g_clear_error (&error);

  g_mkdir_with_parents (dir, 0700);
  store = uc_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, UC_STORE_ERROR, UC_STORE_ERROR_NOT_A_WORKSPACE);
  g_clear_error (&error);

  store = uc_store_open ("/nonexistent/nothing.undercurrent", &error);
  g_assert_null (store);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  g_unlink (text);
  g_unlink (other);
  g_rmdir (dir);
}

static void
test_store_future_version (void)
{
  g_autofree char *path = tmp_path ("future.undercurrent");
  g_autoptr(GError) error = NULL;
  UcStore *store = uc_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_true (uc_store_exec (store, "PRAGMA user_version = 999;", &error));
  g_object_unref (store);

  store = uc_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, UC_STORE_ERROR, UC_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_unlink (path);
}

static void
test_store_migrate (void)
{
  g_autofree char *path = tmp_path ("old.undercurrent");
  g_autoptr(GError) error = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autofree char *app_id = NULL;
  sqlite3 *db;

  /* A workspace at version 0: created, branded, but no schema yet (as an
   * interrupted first run would leave it). Opening migrates it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  app_id = g_strdup_printf ("PRAGMA application_id = %d;", UC_STORE_APPLICATION_ID);
  sqlite3_exec (db, app_id, NULL, NULL, NULL);
  sqlite3_exec (db, "CREATE TABLE scratch (x);", NULL, NULL, NULL);
  sqlite3_close (db);

  store = uc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (uc_store_get_schema_version (store), ==, UC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (uc_store_query_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'git_commit'", 0), ==, 1);
  g_clear_object (&store);
  g_unlink (path);
}

static void
test_store_weeks (void)
{
  struct { const char *text; int key; } cases[] = {
    { "2026-W47", 202647 },
    { "2020-W53", 202053 },
    { "2021-W01", 202101 },
  };
  int key;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *back = NULL;

      g_assert_true (uc_week_parse (cases[i].text, &key));
      g_assert_cmpint (key, ==, cases[i].key);
      back = uc_week_format (key);
      g_assert_cmpstr (back, ==, cases[i].text);
      g_assert_cmpint (uc_week_of_time (uc_week_start (key)), ==, key);
      g_assert_cmpint (uc_week_of_time (uc_week_start (key) + 7 * 86400 - 1), ==, key);
    }
  g_assert_false (uc_week_parse ("2021-W53", NULL));   /* 2021 has 52 weeks */
  g_assert_false (uc_week_parse ("garbage", NULL));
  g_assert_cmpint (uc_week_add (202052, 2), ==, 202101);
  g_assert_cmpint (uc_week_diff (202101, 202052), ==, 2);
  /* 2026-11-25 is a Wednesday in week 48. */
  g_assert_cmpint (uc_week_of_time (1795564800), ==, 202648);
}

static void
test_store_records (void)
{
  g_autofree char *path = tmp_path ("records.undercurrent");
  g_autoptr(GError) error = NULL;
  g_autoptr(UcStore) store = uc_store_create (path, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  UcChangeRequestRow cr = { 0 };
  UcReviewRow review = { 0 };
  UcWorkItemRow item = { 0 };
  UcStatusChangeRow change = { 0 };
  UcCommentRow comment = { 0 };
  UcMessageRow message = { 0 };
  UcId source, repo, ann, cr_id, item_id, root, reply;
  gboolean inserted;

  g_assert_no_error (error);
  g_assert_true (uc_store_begin (store, &error));
  source = uc_store_add_source (store, "github", "pulls.json", "c1", NULL, &error);
  repo = uc_store_ensure_repo (store, "acme/api", "github", source, &error);
  ann = uc_store_ensure_identity (store, "github", "ann", "Ann", 0, source, &error);

  cr = (UcChangeRequestRow) { .repo_id = repo, .number = "7", .author_identity = ann,
                              .state = "open", .created_time = 1000, .updated_time = 2000,
                              .additions = 10, .deletions = 2, .n_commits = -1,
                              .n_rounds = -1, .source_id = source };
  cr_id = uc_store_add_change_request (store, &cr, &inserted, &error);
  g_assert_no_error (error);
  g_assert_true (inserted);

  /* An older copy changes nothing; a newer one wins. */
  cr.state = "closed";
  cr.updated_time = 1500;
  g_assert_cmpint (uc_store_add_change_request (store, &cr, &inserted, &error), ==, cr_id);
  g_assert_false (inserted);
  g_assert_cmpint (uc_store_query_int (store, "SELECT state = 'open' FROM change_request", 0), ==, 1);
  cr.state = "merged";
  cr.updated_time = 3000;
  cr.merged_time = 3000;
  cr.additions = -1;
  uc_store_add_change_request (store, &cr, NULL, &error);
  g_assert_cmpint (uc_store_query_int (store, "SELECT state = 'merged' FROM change_request", 0), ==, 1);
  g_assert_cmpint (uc_store_query_int (store, "SELECT additions FROM change_request", 0), ==, 10);

  review = (UcReviewRow) { .cr_id = cr_id, .ext_id = "github:r1", .reviewer_identity = ann,
                           .state = UC_REVIEW_CHANGES_REQUESTED, .time = 2500,
                           .source_id = source };
  uc_store_add_review (store, &review, &inserted, &error);
  g_assert_true (inserted);
  review.state = UC_REVIEW_DISMISSED;
  review.time = 2600;
  uc_store_add_review (store, &review, &inserted, &error);
  g_assert_false (inserted);
  g_assert_cmpint (uc_store_query_int (store, "SELECT state FROM review", -1), ==, UC_REVIEW_DISMISSED);

  item = (UcWorkItemRow) { .tracker = "jira", .project = "ACME", .key = "ACME-1",
                           .status = "In Progress", .status_category = UC_STATUS_DOING,
                           .created_time = 100, .updated_time = 200, .story_points = NAN,
                           .source_id = source };
  item_id = uc_store_add_work_item (store, &item, &inserted, &error);
  g_assert_true (inserted);
  g_assert_cmpint (uc_store_find_work_item (store, "jira", "ACME-1"), ==, item_id);
  change = (UcStatusChangeRow) { .item_id = item_id, .ext_id = "jira:1:status", .time = 150,
                                 .from_status = "To Do", .to_status = "In Progress",
                                 .from_category = UC_STATUS_TODO, .to_category = UC_STATUS_DOING,
                                 .source_id = source };
  uc_store_add_status_change (store, &change, &inserted, &error);
  g_assert_true (inserted);
  uc_store_add_status_change (store, &change, &inserted, &error);
  g_assert_false (inserted);

  comment = (UcCommentRow) { .ext_id = "github:c1", .cr_id = cr_id, .author_identity = ann,
                             .time = 2100, .body_len = 40, .is_objection = TRUE,
                             .source_id = source };
  root = uc_store_add_comment (store, &comment, NULL, &error);
  comment = (UcCommentRow) { .ext_id = "github:c2", .cr_id = cr_id, .time = 2200,
                             .reply_to_ext_id = "github:c1", .source_id = source };
  reply = uc_store_add_comment (store, &comment, NULL, &error);
  g_assert_cmpint (reply, >, root);
  g_assert_cmpint (uc_store_query_int (store, "SELECT reply_to_id FROM comment WHERE ext_id = 'github:c2'", 0), ==, root);

  message = (UcMessageRow) { .system = "slack", .channel = "C1", .ext_id = "1.0",
                             .author_identity = ann, .time = 10, .source_id = source };
  root = uc_store_add_message (store, &message, NULL, &error);
  message = (UcMessageRow) { .system = "slack", .channel = "C1", .ext_id = "2.0",
                             .thread_ext_id = "1.0", .time = 20, .source_id = source };
  uc_store_add_message (store, &message, &inserted, &error);
  g_assert_true (inserted);
  g_assert_cmpint (uc_store_query_int (store, "SELECT reply_to_id FROM message WHERE ext_id = '2.0'", 0), ==, root);
  g_assert_no_error (error);
  g_assert_true (uc_store_commit (store, &error));

  /* Everything was keyed: doing it all again inside a rolled back
   * transaction leaves the counts as they were. */
  before = uc_store_describe_counts (store);
  g_assert_nonnull (strstr (before, "change_request=1 review=1 work_item=1 status_change=1 comment=2 message=2"));
  g_assert_true (uc_store_begin (store, &error));
  uc_store_ensure_repo (store, "acme/web", "github", source, &error);
  uc_store_rollback (store);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);
  g_clear_object (&store);
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/create-reopen", test_store_create_reopen);
  g_test_add_func ("/store/rollback", test_store_rollback);
  g_test_add_func ("/store/reject", test_store_reject);
  g_test_add_func ("/store/future-version", test_store_future_version);
  g_test_add_func ("/store/migrate", test_store_migrate);
  g_test_add_func ("/store/weeks", test_store_weeks);
  g_test_add_func ("/store/records", test_store_records);

  return g_test_run ();
}
