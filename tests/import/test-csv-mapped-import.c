/* test-csv-mapped-import.c: any CSV with a column mapping
 * (uc-csv-mapped-import.c).
 *
 * Fixtures: tests/import/fixtures/csv/, one CSV and one mapping per record
 * kind, hand-written. The expected values below were worked out by hand
 * from the fixtures (times with python3's calendar.timegm, lengths with
 * len()). Every body-like text in them carries a "quokka-" marker, which
 * must never reach the workspace file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "uc-engine.h"
#include "uc-csv-mapped-import.h"
#include "uc-csv-reader.h"

typedef struct
{
  char    *dir;
  char    *workspace;
  UcStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("uc-csv-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->workspace = g_build_filename (fixture->dir, "acme.undercurrent", NULL);
  fixture->store = uc_store_create (fixture->workspace, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_clear_object (&fixture->store);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (fixture->dir);
  g_free (fixture->workspace);
}

static char *
fixture_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "import", "fixtures", "csv", name, NULL);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
import_mapped (Fixture         *fixture,
               const char      *csv,
               const char      *mapping,
               UcImportFlags    flags,
               UcImportResult  *result,
               GError         **error)
{
  UcImportOptions options = { 0 };

  options.mapping_path = mapping;
  return uc_import_path_full (fixture->store, csv, NULL, flags, &options, result,
                              NULL, NULL, NULL, error);
}

/* Import fixtures/csv/NAME.csv with NAME.json. */
static void
import_fixture (Fixture    *fixture,
                const char *name,
                gint64      n_records,
                gint64      n_new)
{
  g_autofree char *csv_name = g_strconcat (name, ".csv", NULL);
  g_autofree char *json_name = g_strconcat (name, ".json", NULL);
  g_autofree char *csv = fixture_file (csv_name);
  g_autofree char *json = fixture_file (json_name);
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) result = { 0 };

  g_assert_true (import_mapped (fixture, csv, json, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "csv-mapped");
  g_assert_false (result.already_imported);
  g_assert_cmpint (result.n_records, ==, n_records);
  g_assert_cmpint (result.n_new, ==, n_new);
  g_assert_cmpuint (result.warnings->len, ==, 0);
}

static char *
dump (UcStore    *store,
      const char *sql)
{
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i ? "|" : "", text != NULL ? text : "");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}

#define assert_dump(store, sql, expected) \
  G_STMT_START { \
    g_autofree char *__d = dump ((store), (sql)); \
    g_assert_cmpstr (__d, ==, (expected)); \
  } G_STMT_END

/* The identity of a column holding identity ids, as kind:value. */
#define WHO(col) "(SELECT kind || ':' || value FROM identity WHERE id = " col ")"

/* ---- each record kind ---- */

static void
test_commits (Fixture       *fixture,
              gconstpointer  data)
{
  import_fixture (fixture, "commits", 3, 3);

  /* Times: "2024-03-04 09:15:00" in the mapping's +01:00 is 08:15 UTC;
   * the third row has its own offset. Lengths: subject and body of the
   * message, never the text. */
  assert_dump (fixture->store,
               "SELECT r.name, c.sha, " WHO ("c.author_id") ", " WHO ("c.committer_id") ","
               " c.author_time, c.commit_time, c.n_parents, c.subject_len, c.body_len,"
               " c.is_revert, c.is_fix, c.ai_assisted"
               " FROM git_commit c JOIN repo r ON r.id = c.repo_id ORDER BY c.author_time",
               "acme/api|a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0|email:ann@acme.example|email:ann@acme.example"
               "|1709540100|1709540100|1|26|50|0|1|0\n"
               "acme/api|b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0e1|email:bob@acme.example|email:bob@acme.example"
               "|1709643600|1709643600|1|26|0|1|0|0\n"
               "acme/web|c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0e1f2|email:ann@acme.example|email:ann@acme.example"
               "|1709712000|1709712000|1|18|46|0|0|1\n");
  assert_dump (fixture->store, "SELECT name, kind FROM repo ORDER BY name", "acme/api|git\nacme/web|git\n");
  /* The address is one person whatever its case; the AI co-author is an agent. */
  assert_dump (fixture->store, "SELECT name, is_agent FROM person ORDER BY name",
               "Ann Lee|0\nBob Stone|0\nClaude|1\n");
  assert_dump (fixture->store,
               "SELECT c.sha, l.item_key, l.via FROM link l JOIN git_commit c ON c.id = l.commit_id",
               "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0|API-12|subject\n");
}

static void
test_change_requests (Fixture       *fixture,
                      gconstpointer  data)
{
  import_fixture (fixture, "change-requests", 3, 3);

  /* ';' as delimiter, "%d/%m/%Y %H:%M" dates, GitHub logins. 12 has no
   * state: merged, from its merged time (closed then too). */
  assert_dump (fixture->store,
               "SELECT r.name, r.kind, cr.number, " WHO ("cr.author_id") ", cr.state, cr.created_time,"
               " IFNULL (cr.merged_time, ''), IFNULL (cr.closed_time, ''), IFNULL (cr.additions, ''),"
               " IFNULL (cr.deletions, ''), cr.title_len, cr.body_len, cr.is_draft"
               " FROM change_request cr JOIN repo r ON r.id = cr.repo_id ORDER BY cr.number",
               "acme/api|github|12|github:AnnLee|merged|1709546400|1709656200|1709656200|120|30|29|0|0\n"
               "acme/api|github|13|github:bstone|closed|1709715600||1709809200|5|1|27|0|1\n"
               "acme/api|github|14|github:AnnLee|open|1709899200|||||9|0|0\n");
  assert_dump (fixture->store,
               "SELECT cr.number, l.item_key, l.via FROM link l JOIN change_request cr ON cr.id = l.cr_id"
               " ORDER BY cr.number, l.item_key",
               "12|API-12|title\n14|acme/api#13|title\n");
  assert_dump (fixture->store, "SELECT name FROM person ORDER BY name", "AnnLee\nbstone\n");
}

static void
test_reviews (Fixture       *fixture,
              gconstpointer  data)
{
  import_fixture (fixture, "change-requests", 3, 3);
  import_fixture (fixture, "reviews", 3, 3);

  /* The repo is a value of the mapping; a "changes requested" review is an
   * objection, and so is a comment with an objection marker. */
  assert_dump (fixture->store,
               "SELECT cr.number, rv.ext_id, " WHO ("rv.reviewer_id") ", rv.state, rv.time,"
               " rv.body_len, rv.is_objection"
               " FROM review rv JOIN change_request cr ON cr.id = rv.cr_id ORDER BY rv.ext_id",
               "12|github:r1|github:bstone|2|1709625600|29|1\n"
               "12|github:r2|github:bstone|1|1709650800|4|0\n"
               "13|github:r3|github:AnnLee|0|1709719200|49|1\n");
}

static void
test_work_items (Fixture       *fixture,
                 gconstpointer  data)
{
  import_fixture (fixture, "work-items", 3, 3);

  /* Categories from the status map ("Weird Custom Status" is unknown), an
   * ADR is a decision, "2,5" points with a decimal comma. */
  assert_dump (fixture->store,
               "SELECT tracker, project, key, type, status, IFNULL (status_category, ''),"
               " " WHO ("reporter_id") ", IFNULL (" WHO ("assignee_id") ", ''), created_time,"
               " IFNULL (resolved_time, ''), is_decision, title_len, body_len, IFNULL (story_points, '')"
               " FROM work_item ORDER BY key",
               "jira|API|API-12|Bug|Done|2|jira:alee|jira:bob.stone|1709251200|1709683200|0|31|0|3.0\n"
               "jira|API|API-13|ADR|In Progress|1|jira:alee||1709337600||1|24|0|\n"
               "jira|API|API-14|Story|Weird Custom Status||jira:bob.stone||1709424000||0|23|0|2.5\n");
}

static void
test_status_changes (Fixture       *fixture,
                     gconstpointer  data)
{
  import_fixture (fixture, "work-items", 3, 3);
  import_fixture (fixture, "status-changes", 2, 2);

  /* No id column: the ext id is made of the time and the statuses. */
  assert_dump (fixture->store,
               "SELECT wi.key, sc.ext_id, " WHO ("sc.author_id") ", sc.time, sc.from_status, sc.to_status,"
               " sc.from_category, sc.to_category"
               " FROM status_change sc JOIN work_item wi ON wi.id = sc.item_id ORDER BY sc.time",
               "API-12|jira:1709370000:To Do>In Progress|jira:bob.stone|1709370000|To Do|In Progress|0|1\n"
               "API-12|jira:1709744400:In Progress>Done|jira:bob.stone|1709744400|In Progress|Done|1|2\n");
}

static void
test_comments (Fixture       *fixture,
               gconstpointer  data)
{
  import_fixture (fixture, "change-requests", 3, 3);
  import_fixture (fixture, "work-items", 3, 3);
  import_fixture (fixture, "comments", 3, 3);

  /* On a change request (with a reply) and on a work item. */
  assert_dump (fixture->store,
               "SELECT c.ext_id, IFNULL (cr.number, ''), IFNULL (wi.key, ''), " WHO ("c.author_id") ","
               " c.time, IFNULL ((SELECT ext_id FROM comment r WHERE r.id = c.reply_to_id), ''),"
               " c.is_review_comment, c.body_len, c.is_objection"
               " FROM comment c LEFT JOIN change_request cr ON cr.id = c.cr_id"
               " LEFT JOIN work_item wi ON wi.id = c.item_id ORDER BY c.time",
               "github:acme/api#12:c1|12||github:bstone|1709550000||0|26|1\n"
               "github:acme/api#12:c2|12||github:AnnLee|1709553600|github:acme/api#12:c1|0|41|0\n"
               "github:API-12:c3||API-12|github:bstone|1709557200||0|19|0\n");
}

static void
test_messages (Fixture       *fixture,
               gconstpointer  data)
{
  import_fixture (fixture, "messages", 3, 3);

  assert_dump (fixture->store,
               "SELECT m.system, m.channel, m.ext_id, " WHO ("m.author_id") ", m.time,"
               " IFNULL (m.thread_ext_id, ''), IFNULL ((SELECT ext_id FROM message r WHERE r.id = m.reply_to_id), ''),"
               " m.body_len, m.is_objection FROM message m ORDER BY m.time",
               "slack|general|1709550000.000100|slack:U0ANN|1709550000|||15|0\n"
               "slack|general|1709550060.000200|slack:U0BOB|1709550060|1709550000.000100|1709550000.000100|42|1\n"
               "slack|random|1709553600.000300|slack:U0ANN|1709553600|||6|0\n");
}

/* ---- no body text in the workspace ---- */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= len; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_no_body_text (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *const names[] = {
    "commits", "change-requests", "reviews", "work-items", "status-changes", "comments", "messages",
  };
  static const gint64 counts[] = { 3, 3, 3, 3, 2, 3, 3 };
  g_autofree char *wal = g_strconcat (fixture->workspace, "-wal", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    import_fixture (fixture, names[i], counts[i], counts[i]);

  g_assert_false (file_contains (fixture->workspace, "quokka"));
  g_assert_false (file_contains (wal, "quokka"));
  /* What is kept is there. */
  g_assert_true (file_contains (fixture->workspace, "API-12") || file_contains (wal, "API-12"));
}

/* ---- re-importing ---- */

static void
test_reimport (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("commits.csv");
  g_autofree char *json = fixture_file ("commits.json");
  g_autofree char *other = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) again = { 0 };
  g_auto(UcImportResult) remapped = { 0 };

  import_fixture (fixture, "commits", 3, 3);
  counts = uc_store_describe_counts (fixture->store);
  g_assert_true (import_mapped (fixture, csv, json, UC_IMPORT_FLAGS_NONE, &again, &error));
  g_assert_no_error (error);
  g_assert_true (again.already_imported);
  after = uc_store_describe_counts (fixture->store);
  g_assert_cmpstr (counts, ==, after);

  /* The same file with another mapping is another source; its commits are
   * the same commits. */
  other = write_file (fixture, "utc.json",
                      "{\"kind\": \"commit\", \"columns\": {\"id\": \"sha\", \"repo\": \"repository\","
                      " \"author\": \"author name\", \"author_email\": \"author email\","
                      " \"created\": \"date\"}}");
  g_assert_true (import_mapped (fixture, csv, other, UC_IMPORT_FLAGS_NONE, &remapped, &error));
  g_assert_no_error (error);
  g_assert_false (remapped.already_imported);
  g_assert_cmpint (remapped.n_new, ==, 0);
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT count(*) FROM git_commit", -1), ==, 3);
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT count(*) FROM source", -1), ==, 2);
}

/* ---- mapping errors ---- */

typedef struct
{
  const char *name;
  const char *mapping;       /* NULL: no mapping file at all */
  GQuark    (*domain) (void);
  int         code;
  const char *expected[2];
} BadMapping;

static const BadMapping bad_mappings[] = {
  { "unknown-field", "{\"kind\": \"commit\", \"columns\": {\"id\": \"sha\", \"colour\": \"date\"}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_UNKNOWN_FIELD, { "“colour”", "commit" } },
  { "unknown-value-field", "{\"kind\": \"commit\", \"values\": {\"branch\": \"main\"}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_UNKNOWN_FIELD, { "“branch”" } },
  { "missing-required", "{\"kind\": \"commit\", \"columns\": {\"id\": \"sha\", \"repo\": \"repository\","
    " \"author\": \"author name\"}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_MISSING_FIELD, { "“created”" } },
  { "missing-author", "{\"kind\": \"commit\", \"columns\": {\"id\": \"sha\", \"repo\": \"repository\","
    " \"created\": \"date\"}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_MISSING_FIELD, { "“author” or “author_email”" } },
  { "no-such-column", "{\"kind\": \"commit\", \"columns\": {\"id\": \"sha\", \"repo\": \"repository\","
    " \"author\": \"author name\", \"created\": \"Date of commit\"}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_NO_SUCH_COLUMN, { "“Date of commit”", "commits.csv" } },
  { "unknown-kind", "{\"kind\": \"deployment\", \"columns\": {}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_UNKNOWN_KIND, { "change_request" } },
  { "no-kind", "{\"columns\": {\"id\": \"sha\"}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_UNKNOWN_KIND, { "\"kind\"" } },
  { "not-json", "{\"kind\": \"commit\", ",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_INVALID, { "not valid JSON", "not-json.json" } },
  { "unknown-member", "{\"kind\": \"commit\", \"colums\": {}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_INVALID, { "“colums”" } },
  { "column-and-value", "{\"kind\": \"commit\", \"columns\": {\"repo\": \"repository\"},"
    " \"values\": {\"repo\": \"acme/api\"}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_INVALID, { "both a column and a value" } },
  { "bad-date-format", "{\"kind\": \"commit\", \"date_format\": \"%d.%m.%Y %Q\"}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_BAD_FORMAT, { "%Q" } },
  { "incomplete-date-format", "{\"kind\": \"commit\", \"date_formats\": {\"created\": \"%H:%M\"}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_BAD_FORMAT, { "year, a month and a day" } },
  { "date-format-of-text", "{\"kind\": \"commit\", \"date_formats\": {\"author\": \"unix\"}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_BAD_FORMAT, { "not a time field" } },
  { "bad-timezone", "{\"kind\": \"commit\", \"timezone\": \"Mars/Olympus\"}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_BAD_FORMAT, { "Mars/Olympus" } },
  { "wrong-type", "{\"kind\": \"commit\", \"columns\": {\"id\": 7}}",
    uc_csv_mapping_error_quark, UC_CSV_MAPPING_ERROR_INVALID, { "columns.id" } },
  { "no-mapping", NULL, uc_import_error_quark, UC_IMPORT_ERROR_IO, { "--mapping" } },
};

static void
test_mapping_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("commits.csv");
  g_autofree char *counts = NULL;

  import_fixture (fixture, "messages", 3, 3);
  counts = uc_store_describe_counts (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad_mappings); i++)
    {
      const BadMapping *bad = &bad_mappings[i];
      g_autofree char *name = g_strconcat (bad->name, ".json", NULL);
      g_autofree char *path = bad->mapping != NULL ? write_file (fixture, name, bad->mapping) : NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(UcImportResult) result = { 0 };
      gboolean ok;

      g_test_message ("%s", bad->name);
      if (path != NULL)
        ok = import_mapped (fixture, csv, path, UC_IMPORT_FLAGS_NONE, &result, &error);
      else
        ok = uc_import_path (fixture->store, csv, "csv-mapped", UC_IMPORT_FLAGS_NONE, &result,
                             NULL, NULL, NULL, &error);
      g_assert_false (ok);
      g_assert_error (error, bad->domain (), bad->code);
      for (guint k = 0; k < G_N_ELEMENTS (bad->expected) && bad->expected[k] != NULL; k++)
        if (strstr (error->message, bad->expected[k]) == NULL)
          g_error ("%s: “%s” is not in “%s”", bad->name, bad->expected[k], error->message);
      after = uc_store_describe_counts (fixture->store);
      g_assert_cmpstr (after, ==, counts);
    }
}

/* ---- bad rows ---- */

static const char commits_header[] = "sha,repository,author name,author email,date,message\n";
static const char good_row[] = "d4e5f6,acme/api,Ann Lee,ann@acme.example,2024-03-04 09:15:00,1\n";

typedef struct
{
  const char *name;
  const char *rows;
  const char *mapping_extra;   /* more columns of the mapping, or "" */
  const char *expected[3];
} BadRows;

static const BadRows bad_rows[] = {
  { "bad-date", "e5f6a7,acme/api,Ann Lee,ann@acme.example,2024-02-30 10:00:00,Nope\n", "",
    { "line 3", "“2024-02-30 10:00:00”", "column “date” (created)" } },
  { "empty-id", ",acme/api,Ann Lee,ann@acme.example,2024-03-04 10:00:00,Nope\n", "",
    { "line 3", "column “sha” (id)", "empty" } },
  { "no-author", "f6a7b8,acme/api,,,2024-03-04 10:00:00,Nope\n", "",
    { "line 3", "no “author” or “author_email”" } },
  { "bad-number", "a7b8c9,acme/api,Ann Lee,ann@acme.example,2024-03-04 10:00:00,two\n",
    ", \"parents\": \"message\"", { "line 3", "“two” is not a whole number" } },
  { "unterminated", "b8c9d0,acme/api,Ann Lee,ann@acme.example,2024-03-04 10:00:00,\"Open quote\n", "",
    { "line 3", "unterminated" } },
};

static void
test_bad_rows (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *counts = NULL;

  import_fixture (fixture, "messages", 3, 3);
  counts = uc_store_describe_counts (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    {
      const BadRows *bad = &bad_rows[i];
      g_autofree char *csv_name = g_strconcat (bad->name, ".csv", NULL);
      g_autofree char *json_name = g_strconcat (bad->name, ".json", NULL);
      g_autofree char *contents = g_strconcat (commits_header, good_row, bad->rows, NULL);
      g_autofree char *mapping = g_strdup_printf ("{\"kind\": \"commit\", \"columns\": {\"id\": \"sha\","
                                                  " \"repo\": \"repository\", \"author\": \"author name\","
                                                  " \"author_email\": \"author email\", \"created\": \"date\"%s}}",
                                                  bad->mapping_extra);
      g_autofree char *csv = write_file (fixture, csv_name, contents);
      g_autofree char *json = write_file (fixture, json_name, mapping);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(UcImportResult) result = { 0 };

      g_test_message ("%s", bad->name);
      g_assert_false (import_mapped (fixture, csv, json, UC_IMPORT_FLAGS_NONE, &result, &error));
      g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, csv_name));
      for (guint k = 0; k < G_N_ELEMENTS (bad->expected) && bad->expected[k] != NULL; k++)
        if (strstr (error->message, bad->expected[k]) == NULL)
          g_error ("%s: “%s” is not in “%s”", bad->name, bad->expected[k], error->message);
      after = uc_store_describe_counts (fixture->store);
      g_assert_cmpstr (after, ==, counts);
    }
}

static void
test_skip_bad (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *reviews = write_file (fixture, "orphans.csv",
                                         "review_id,pr,reviewer,submitted,verdict,comment\n"
                                         "r1,12,bstone,2024-03-05T08:00:00Z,approved,ok\n"
                                         "r9,99,bstone,2024-03-05T09:00:00Z,approved,ok\n"
                                         "r10,12,bstone,yesterday,approved,ok\n"
                                         "r11,12,bstone,2024-03-05T10:00:00Z,shrug,ok\n");
  g_autofree char *mapping = fixture_file ("reviews.json");
  g_autofree char *counts = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_auto(UcImportResult) skipped = { 0 };

  import_fixture (fixture, "change-requests", 3, 3);
  counts = uc_store_describe_counts (fixture->store);

  /* Without --skip-bad: the review of a change request that is not there
   * rejects the import. */
  g_assert_false (import_mapped (fixture, reviews, mapping, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "acme/api#99 is not in the workspace"));
  after = uc_store_describe_counts (fixture->store);
  g_assert_cmpstr (after, ==, counts);
  g_clear_error (&error);

  g_assert_true (import_mapped (fixture, reviews, mapping, UC_IMPORT_FLAGS_SKIP_BAD, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpint (skipped.n_records, ==, 4);
  g_assert_cmpint (skipped.n_new, ==, 1);
  g_assert_cmpuint (skipped.warnings->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (skipped.warnings, 0), "line 3"));
  g_assert_nonnull (strstr (g_ptr_array_index (skipped.warnings, 1), "“yesterday”"));
  g_assert_nonnull (strstr (g_ptr_array_index (skipped.warnings, 2), "“shrug” is not a review state"));
  assert_dump (fixture->store, "SELECT ext_id FROM review", "github:r1\n");
}

/* ---- the mapping API ---- */

static void
test_mapping_api (void)
{
  g_autoptr(UcCsvMapping) mapping = uc_csv_mapping_new (UC_CSV_RECORD_WORK_ITEM);
  g_autoptr(UcCsvMapping) parsed = NULL;
  g_autoptr(UcCsvMapping) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;
  g_autofree char *json3 = NULL;
  const char *columns[] = { "Key", "Created", "Status", NULL };

  g_assert_true (uc_csv_mapping_set_column (mapping, "key", "Key", &error));
  g_assert_true (uc_csv_mapping_set_column (mapping, "created", "Created", &error));
  g_assert_true (uc_csv_mapping_set_value (mapping, "tracker", "jira", &error));
  g_assert_true (uc_csv_mapping_set_date_format (mapping, "created", "%d/%b/%y %I:%M %p", &error));
  g_assert_true (uc_csv_mapping_set_timezone (mapping, "Europe/Paris", &error));
  g_assert_no_error (error);
  uc_csv_mapping_set_system (mapping, "Jira");
  uc_csv_mapping_set_delimiter (mapping, '\t');

  g_assert_false (uc_csv_mapping_set_column (mapping, "colour", "X", &error));
  g_assert_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);
  g_assert_false (uc_csv_mapping_set_timezone (mapping, "Nowhere/Else", &error));
  g_assert_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_BAD_FORMAT);
  g_clear_error (&error);

  g_assert_cmpstr (uc_csv_mapping_get_column (mapping, "key"), ==, "Key");
  g_assert_cmpstr (uc_csv_mapping_get_value (mapping, "tracker"), ==, "jira");
  g_assert_cmpstr (uc_csv_mapping_get_system (mapping), ==, "jira");
  g_assert_cmpint (uc_csv_mapping_get_delimiter (mapping), ==, '\t');
  g_assert_cmpint (uc_csv_mapping_get_kind (mapping), ==, UC_CSV_RECORD_WORK_ITEM);

  /* A value replaces a column and the other way round. */
  g_assert_true (uc_csv_mapping_set_value (mapping, "status", "Open", &error));
  g_assert_true (uc_csv_mapping_set_column (mapping, "status", "Status", &error));
  g_assert_null (uc_csv_mapping_get_value (mapping, "status"));

  g_assert_true (uc_csv_mapping_check (mapping, columns, &error));
  g_assert_no_error (error);

  /* JSON round trip. */
  json = uc_csv_mapping_to_json (mapping);
  parsed = uc_csv_mapping_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  json2 = uc_csv_mapping_to_json (parsed);
  g_assert_cmpstr (json, ==, json2);
  copy = uc_csv_mapping_copy (parsed);
  json3 = uc_csv_mapping_to_json (copy);
  g_assert_cmpstr (json, ==, json3);

  /* Unmapping a required field makes the check fail. */
  g_assert_true (uc_csv_mapping_set_column (copy, "created", NULL, &error));
  g_assert_false (uc_csv_mapping_check (copy, columns, &error));
  g_assert_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_MISSING_FIELD);
}

static void
test_kinds (void)
{
  for (guint k = 0; k < UC_CSV_N_RECORD_KINDS; k++)
    {
      const UcCsvFieldInfo *fields = uc_csv_record_kind_fields ((UcCsvRecordKind) k);
      const char *name = uc_csv_record_kind_to_string ((UcCsvRecordKind) k);
      UcCsvRecordKind back;
      gboolean has_created = FALSE, has_required = FALSE;

      g_assert_true (uc_csv_record_kind_from_string (name, &back));
      g_assert_cmpint (back, ==, k);
      g_assert_nonnull (uc_csv_record_kind_describe ((UcCsvRecordKind) k));
      for (guint i = 0; fields[i].name != NULL; i++)
        {
          has_created |= g_str_equal (fields[i].name, "created") && fields[i].type == UC_CSV_FIELD_TIME &&
                         fields[i].required;
          has_required |= fields[i].required;
          g_assert_nonnull (fields[i].description);
        }
      g_assert_true (has_created);
      g_assert_true (has_required);
    }
  g_assert_false (uc_csv_record_kind_from_string ("deployment", NULL));
}

static void
test_parse_time (void)
{
  static const struct
  {
    const char *text;
    const char *format;
    const char *tz;
    gint64      expected;   /* -1: an error */
  } cases[] = {
    { "2024-03-04", NULL, NULL, 1709510400 },
    { "2024-03-04T08:15:00Z", "iso8601", NULL, 1709540100 },
    { "2024-03-04 09:15", NULL, "+01:00", 1709540100 },
    { "2024-03-04T09:15:00.250+01:00", NULL, NULL, 1709540100 },
    { "2024-03-04T10:15:00+0200", NULL, "Europe/Paris", 1709540100 },
    { "2024-07-04 10:15:00", NULL, "Europe/Paris", 1720080900 },
    { " 2024-03-04 ", NULL, NULL, 1709510400 },
    { "1709540100", "unix", NULL, 1709540100 },
    { "1709540100.9", "unix", NULL, 1709540100 },
    { "1709540100000", "unix_ms", NULL, 1709540100 },
    { "04/03/2024 08:15", "%d/%m/%Y %H:%M", NULL, 1709540100 },
    { "4/Mar/24 8:15 AM", "%d/%b/%y %I:%M %p", NULL, 1709540100 },
    { "4/Mar/24 8:15 PM", "%d/%b/%y %I:%M %p", NULL, 1709583300 },
    { "March  4, 2024", "%B %e, %Y", NULL, 1709510400 },
    { "2024-03-04 08:15:00.123 +0000", "%Y-%m-%d %H:%M:%S.%f %z", NULL, 1709540100 },
    { "2024-03-04%", "%Y-%m-%d%%", NULL, 1709510400 },
    { "2024-03-04", "%Y-%m-%d%%", NULL, -1 },
    { "2024-02-30", NULL, NULL, -1 },
    { "2024-13-01", NULL, NULL, -1 },
    { "2024-03-04T25:00:00Z", NULL, NULL, -1 },
    { "yesterday", NULL, NULL, -1 },
    { "2024-03-04 junk", NULL, NULL, -1 },
    { "12/31/2024", "%d/%m/%Y", NULL, -1 },
    { "abc", "unix", NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GTimeZone) tz = cases[i].tz != NULL ? g_time_zone_new_identifier (cases[i].tz) : NULL;
      g_autoptr(GError) error = NULL;
      UcTime t = 0;
      gboolean ok = uc_csv_parse_time (cases[i].text, cases[i].format, tz, &t, &error);

      g_test_message ("%s (%s)", cases[i].text, cases[i].format ? cases[i].format : "iso8601");
      if (cases[i].expected < 0)
        {
          g_assert_false (ok);
          g_assert_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_BAD_VALUE);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (t, ==, cases[i].expected);
        }
    }

  /* A format that cannot be used is the format's error. */
  {
    g_autoptr(GError) error = NULL;
    UcTime t = 0;

    g_assert_false (uc_csv_parse_time ("2024", "%Y%%", NULL, &t, &error));
    g_assert_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_BAD_FORMAT);
  }
}

/* ---- preview ---- */

static int
field_of (UcCsvPreview *preview,
          const char   *field)
{
  for (guint i = 0; i < preview->n_fields; i++)
    if (g_str_equal (preview->fields[i], field))
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *csv = fixture_file ("commits.csv");
  g_autofree char *json = fixture_file ("commits.json");
  g_autoptr(UcCsvMapping) mapping = uc_csv_mapping_new_from_file (json, NULL);
  g_autoptr(UcCsvPreview) preview = NULL;
  g_autoptr(UcCsvPreview) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *columns = NULL;
  UcCsvPreviewRow *row;
  int created, text;

  g_assert_nonnull (mapping);
  preview = uc_csv_mapping_preview (mapping, csv, 10, NULL, &error);
  g_assert_no_error (error);
  columns = g_strjoinv (",", preview->columns);
  g_assert_cmpstr (columns, ==, "sha,repository,author name,author email,date,message");
  g_assert_cmpuint (preview->n_fields, ==, 6);
  g_assert_cmpstr (preview->fields[0], ==, "id");
  g_assert_cmpstr (preview->field_sources[0], ==, "SHA");
  g_assert_cmpuint (g_strv_length (preview->problems), ==, 0);
  g_assert_cmpuint (preview->rows->len, ==, 3);
  g_assert_cmpuint (preview->n_bad_rows, ==, 0);

  created = field_of (preview, "created");
  text = field_of (preview, "text");
  row = g_ptr_array_index (preview->rows, 0);
  g_assert_cmpint (row->line, ==, 2);
  g_assert_cmpstr (row->values[created], ==, "2024-03-04T08:15:00Z");
  g_assert_cmpstr (row->values[text], ==, "78");
  g_assert_null (row->errors[created]);
  row = g_ptr_array_index (preview->rows, 1);
  /* The first row's message spans three lines. */
  g_assert_cmpint (row->line, ==, 5);
  row = g_ptr_array_index (preview->rows, 2);
  g_assert_cmpstr (row->values[created], ==, "2024-03-06T08:00:00Z");

  first = uc_csv_mapping_preview (mapping, csv, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->rows->len, ==, 1);
}

static void
test_preview_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "mixed.csv",
                                     "id,when,who,points\n"
                                     "ABC-1,2024-03-04,ann,3\n"
                                     "ABC-2,soon,,lots\n"
                                     ",2024-03-05,bob,\n");
  g_autoptr(UcCsvMapping) mapping = uc_csv_mapping_new (UC_CSV_RECORD_WORK_ITEM);
  g_autoptr(UcCsvPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  UcCsvPreviewRow *row;
  int key, created, points, status;

  /* A mapping being built: the status column does not exist. */
  uc_csv_mapping_set_column (mapping, "key", "id", NULL);
  uc_csv_mapping_set_column (mapping, "created", "when", NULL);
  uc_csv_mapping_set_column (mapping, "author", "who", NULL);
  uc_csv_mapping_set_column (mapping, "story_points", "points", NULL);
  uc_csv_mapping_set_column (mapping, "status", "State", NULL);

  preview = uc_csv_mapping_preview (mapping, csv, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (preview->problems), ==, 1);
  g_assert_nonnull (strstr (preview->problems[0], "“State”"));
  g_assert_cmpuint (preview->rows->len, ==, 3);
  g_assert_cmpuint (preview->n_bad_rows, ==, 3);

  key = field_of (preview, "key");
  created = field_of (preview, "created");
  points = field_of (preview, "story_points");
  status = field_of (preview, "status");

  row = g_ptr_array_index (preview->rows, 0);
  g_assert_cmpstr (row->values[key], ==, "ABC-1");
  g_assert_cmpstr (row->values[created], ==, "2024-03-04T00:00:00Z");
  g_assert_cmpstr (row->values[points], ==, "3");
  g_assert_null (row->values[status]);
  g_assert_nonnull (strstr (row->errors[status], "“State”"));

  row = g_ptr_array_index (preview->rows, 1);
  g_assert_null (row->values[created]);
  g_assert_nonnull (strstr (row->errors[created], "“soon”"));
  g_assert_null (row->values[points]);
  g_assert_nonnull (strstr (row->errors[points], "“lots”"));
  g_assert_null (row->errors[key]);

  row = g_ptr_array_index (preview->rows, 2);
  g_assert_nonnull (strstr (row->errors[key], "empty"));
  g_assert_cmpstr (row->values[points], ==, "");
}

static void
test_preview_unreadable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "broken.csv", "a,b\n1,\"never closed\n");
  g_autoptr(UcCsvMapping) mapping = uc_csv_mapping_new (UC_CSV_RECORD_MESSAGE);
  g_autoptr(UcCsvPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  preview = uc_csv_mapping_preview (mapping, csv, 10, NULL, &error);
  g_assert_null (preview);
  g_assert_error (error, UC_CSV_ERROR, UC_CSV_ERROR_UNTERMINATED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/csv-mapped/commits", test_commits);
  ADD ("/csv-mapped/change-requests", test_change_requests);
  ADD ("/csv-mapped/reviews", test_reviews);
  ADD ("/csv-mapped/work-items", test_work_items);
  ADD ("/csv-mapped/status-changes", test_status_changes);
  ADD ("/csv-mapped/comments", test_comments);
  ADD ("/csv-mapped/messages", test_messages);
  ADD ("/csv-mapped/no-body-text", test_no_body_text);
  ADD ("/csv-mapped/reimport", test_reimport);
  ADD ("/csv-mapped/mapping-errors", test_mapping_errors);
  ADD ("/csv-mapped/bad-rows", test_bad_rows);
  ADD ("/csv-mapped/skip-bad", test_skip_bad);
  ADD ("/csv-mapped/preview", test_preview);
  ADD ("/csv-mapped/preview-errors", test_preview_errors);
  ADD ("/csv-mapped/preview-unreadable", test_preview_unreadable);
#undef ADD
  g_test_add_func ("/csv-mapped/mapping-api", test_mapping_api);
  g_test_add_func ("/csv-mapped/kinds", test_kinds);
  g_test_add_func ("/csv-mapped/parse-time", test_parse_time);

  return g_test_run ();
}
