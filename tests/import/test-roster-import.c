/* test-roster-import.c: team rosters (uc-roster-import.c).
 *
 * Fixtures: tests/import/fixtures/roster/ (hand-written rosters); a GitHub
 * pulls page and git history (`git fast-import`) are written here (the test
 * skips what needs git when it is not installed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "uc-engine.h"
#include "uc-identity-private.h"

/* Dates of the fixtures, seconds since the epoch (UTC midnight). */
#define D_2023_10_01 G_GINT64_CONSTANT (1696118400)
#define D_2024_01_01 G_GINT64_CONSTANT (1704067200)
#define D_2024_03_15 G_GINT64_CONSTANT (1710460800)
#define D_2024_04_01 G_GINT64_CONSTANT (1711929600)
#define D_2024_07_01 G_GINT64_CONSTANT (1719792000)

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

  fixture->dir = g_dir_make_tmp ("uc-roster-XXXXXX", &error);
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
  return g_test_build_filename (G_TEST_DIST, "import", "fixtures", "roster", name, NULL);
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

static void
import_ok (Fixture        *fixture,
           const char     *path,
           const char     *format,
           UcImportResult *result)
{
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) local = { 0 };

  uc_import_path (fixture->store, path, format, UC_IMPORT_FLAGS_NONE,
                  result != NULL ? result : &local, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Every row of @sql, columns joined with '|', rows with '\n'. */
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

#define PEOPLE_SQL \
  "SELECT p.name, p.is_agent," \
  " (SELECT group_concat (kind || ':' || value, ' ') FROM" \
  "   (SELECT kind, value FROM identity WHERE person_id = p.id ORDER BY kind, value))" \
  " FROM person p ORDER BY p.name, p.id"

#define TEAMS_SQL \
  "SELECT p.name, t.name, IFNULL (pt.valid_from, ''), IFNULL (pt.valid_to, '')" \
  " FROM person_team pt JOIN person p ON p.id = pt.person_id JOIN team t ON t.id = pt.team_id" \
  " ORDER BY p.name, pt.valid_from IS NOT NULL, pt.valid_from, t.name"

/* A GitHub pulls page (REST API) by AnnLee, bstone and zed; written here, not
 * kept among the roster fixtures, where it would make that folder look like
 * a folder of GitHub pages. */
static const char github_pulls[] =
  "[\n"
  "  {\n"
  "    \"url\": \"https://api.github.com/repos/acme/api/pulls/1\",\n"
  "    \"number\": 1,\n"
  "    \"state\": \"closed\",\n"
  "    \"title\": \"Rate-limit the login endpoint\",\n"
  "    \"user\": { \"login\": \"AnnLee\", \"id\": 5001, \"type\": \"User\" },\n"
  "    \"body\": \"Roster fixture pull request one.\",\n"
  "    \"created_at\": \"2024-02-05T09:00:00Z\",\n"
  "    \"updated_at\": \"2024-02-06T12:00:00Z\",\n"
  "    \"closed_at\": \"2024-02-06T12:00:00Z\",\n"
  "    \"merged_at\": \"2024-02-06T12:00:00Z\",\n"
  "    \"draft\": false,\n"
  "    \"head\": { \"ref\": \"login-rate-limit\", \"sha\": \"1111111111111111111111111111111111111111\" },\n"
  "    \"base\": { \"ref\": \"main\", \"repo\": { \"full_name\": \"acme/api\" } }\n"
  "  },\n"
  "  {\n"
  "    \"url\": \"https://api.github.com/repos/acme/api/pulls/2\",\n"
  "    \"number\": 2,\n"
  "    \"state\": \"open\",\n"
  "    \"title\": \"Document the token refresh\",\n"
  "    \"user\": { \"login\": \"bstone\", \"id\": 5002, \"type\": \"User\" },\n"
  "    \"body\": \"Roster fixture pull request two.\",\n"
  "    \"created_at\": \"2024-02-07T10:30:00Z\",\n"
  "    \"updated_at\": \"2024-02-07T10:30:00Z\",\n"
  "    \"closed_at\": null,\n"
  "    \"merged_at\": null,\n"
  "    \"draft\": false,\n"
  "    \"head\": { \"ref\": \"docs-refresh\", \"sha\": \"2222222222222222222222222222222222222222\" },\n"
  "    \"base\": { \"ref\": \"main\", \"repo\": { \"full_name\": \"acme/api\" } }\n"
  "  },\n"
  "  {\n"
  "    \"url\": \"https://api.github.com/repos/acme/api/pulls/3\",\n"
  "    \"number\": 3,\n"
  "    \"state\": \"open\",\n"
  "    \"title\": \"Bump the linter\",\n"
  "    \"user\": { \"login\": \"zed\", \"id\": 5003, \"type\": \"User\" },\n"
  "    \"body\": \"Roster fixture pull request three.\",\n"
  "    \"created_at\": \"2024-02-08T08:00:00Z\",\n"
  "    \"updated_at\": \"2024-02-08T08:00:00Z\",\n"
  "    \"closed_at\": null,\n"
  "    \"merged_at\": null,\n"
  "    \"draft\": false,\n"
  "    \"head\": { \"ref\": \"bump-lint\", \"sha\": \"3333333333333333333333333333333333333333\" },\n"
  "    \"base\": { \"ref\": \"main\", \"repo\": { \"full_name\": \"acme/api\" } }\n"
  "  }\n"
  "]\n";

/* ---- a roster on its own ---- */

static void
test_basic (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = fixture_file ("team.csv");
  g_auto(UcImportResult) result = { 0 };
  g_autofree char *people = NULL;
  g_autofree char *teams = NULL;
  g_autofree char *expected_teams = NULL;

  import_ok (fixture, path, NULL, &result);
  g_assert_cmpstr (result.format, ==, "roster");
  g_assert_cmpint (result.n_records, ==, 5);
  g_assert_cmpint (result.n_new, ==, 5);
  g_assert_cmpuint (result.warnings->len, ==, 0);

  people = dump (fixture->store, PEOPLE_SQL);
  g_assert_cmpstr (people, ==,
                   "Ann Lee|0|email:ann.lee@old.example email:ann@acme.example github:annlee"
                   " gitlab:ann.lee jira:alee roster:Ann Lee slack:U024BE7LH\n"
                   "Bob Stone|0|email:bob@acme.example github:bstone jira:bob.stone roster:Bob Stone"
                   " slack:@Bob Stone\n"
                   "Carla Díaz|0|email:carla@acme.example gitlab:carla roster:Carla Díaz\n"
                   "Release Bot|1|github:acme-release-bot roster:Release Bot\n");

  assert_dump (fixture->store, "SELECT name FROM team ORDER BY name", "Core\nPlatform\n");
  teams = dump (fixture->store, TEAMS_SQL);
  /* Ann changes teams on 2024-07-01: "to" 2024-06-30 is the last day. */
  expected_teams = g_strdup_printf ("Ann Lee|Core|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n"
                                    "Ann Lee|Platform|%" G_GINT64_FORMAT "|\n"
                                    "Bob Stone|Core||\n"
                                    "Bob Stone|Platform||\n"
                                    "Carla Díaz|Platform|%" G_GINT64_FORMAT "|\n"
                                    "Release Bot|Core||\n",
                                    D_2024_01_01, D_2024_07_01, D_2024_07_01, D_2024_03_15);
  g_assert_cmpstr (teams, ==, expected_teams);

  /* Every row is the roster's. */
  g_assert_cmpint (uc_store_query_int (fixture->store,
                                       "SELECT count(*) FROM person_team WHERE source_id <> 1", -1), ==, 0);
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT count(*) FROM identity_merge", -1), ==, 0);
}

static void
test_excel (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = fixture_file ("excel.csv");
  g_autofree char *teams = NULL;
  g_autofree char *expected = NULL;
  g_auto(UcImportResult) result = { 0 };

  /* BOM, ';' as delimiter, CRLF, valid_from/valid_to, a quoted cell with
   * two addresses. */
  import_ok (fixture, path, NULL, &result);
  g_assert_cmpstr (result.format, ==, "roster");
  assert_dump (fixture->store, PEOPLE_SQL,
                   "Dan Kim|0|email:dan@acme.example email:dkim@acme.example roster:Dan Kim\n"
                   "Eve Moss|0|email:eve@acme.example roster:Eve Moss\n");
  teams = dump (fixture->store, TEAMS_SQL);
  expected = g_strdup_printf ("Dan Kim|Data|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n"
                              "Eve Moss|Data|%" G_GINT64_FORMAT "|\n",
                              D_2023_10_01, D_2024_04_01, D_2024_04_01);
  g_assert_cmpstr (teams, ==, expected);
}

/* ---- a roster meeting people already imported ---- */

static gboolean
have_git (void)
{
  g_autofree char *git = g_find_program_in_path ("git");

  return git != NULL;
}

/* A repository where Ann Lee <ann@acme.example> wrote two commits, "bob"
 * <bob@acme.example> one and "Carla" <carla.diaz@acme.example> one. */
static char *
write_repository (Fixture *fixture)
{
  static const struct { const char *name; const char *email; } authors[] = {
    { "Ann Lee", "ann@acme.example" },
    { "Ann Lee", "ann@acme.example" },
    { "bob", "bob@acme.example" },
    { "Carla", "carla.diaz@acme.example" },
  };
  g_autoptr(GString) stream = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *repo = g_build_filename (fixture->dir, "api.git", NULL);
  g_autofree char *stream_path = g_build_filename (fixture->dir, "api.stream", NULL);
  g_autofree char *cmd = NULL;
  const char *init[] = { "git", "init", "--quiet", "--bare", "--initial-branch=main", repo, NULL };
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (authors); i++)
    {
      g_autofree char *message = g_strdup_printf ("Change %u\n", i);
      g_autofree char *content = g_strdup_printf ("revision %u\n", i);
      gint64 t = D_2024_01_01 + 86400 * (i + 30);

      g_string_append_printf (stream,
                              "commit refs/heads/main\n"
                              "author %s <%s> %" G_GINT64_FORMAT " +0000\n"
                              "committer %s <%s> %" G_GINT64_FORMAT " +0000\n"
                              "data %zu\n%s\n"
                              "M 100644 inline file%u.txt\n"
                              "data %zu\n%s\n",
                              authors[i].name, authors[i].email, t,
                              authors[i].name, authors[i].email, t,
                              strlen (message), message, i, strlen (content), content);
    }
  g_spawn_sync (NULL, (char **) init, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_file_set_contents (stream_path, stream->str, stream->len, &error);
  g_assert_no_error (error);
  cmd = g_strdup_printf ("sh -c 'GIT_CONFIG_NOSYSTEM=1 git -C \"%s\" fast-import --quiet < \"%s\"'",
                         repo, stream_path);
  g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return repo;
}

static void
test_existing_people (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *repo = NULL;
  g_autofree char *pulls = write_file (fixture, "pulls-1.json", github_pulls);
  g_autofree char *roster = fixture_file ("team.csv");
  g_autofree char *people = NULL;
  g_autoptr(GError) error = NULL;
  UcId undone;

  if (!have_git ())
    {
      g_test_skip ("git is not installed");
      return;
    }
  repo = write_repository (fixture);
  import_ok (fixture, repo, "git-repo", NULL);
  import_ok (fixture, pulls, "github-rest", NULL);
  /* Git people by address, GitHub people by login: six people. */
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT count(*) FROM person", -1), ==, 6);

  import_ok (fixture, roster, NULL, NULL);

  /* Ann's address is her git person, her login (AnnLee on GitHub, annlee
   * on the roster: logins match case-insensitively) her GitHub person: the
   * roster says they are one, so they are merged. The same for Bob, whose
   * git name "bob" becomes the roster's "Bob Stone". Carla's roster address
   * is not her git address: two Carlas (a suggested merge, not this
   * importer's call). */
  people = dump (fixture->store, PEOPLE_SQL);
  g_assert_cmpstr (people, ==,
                   "Ann Lee|0|email:ann.lee@old.example email:ann@acme.example github:AnnLee"
                   " gitlab:ann.lee jira:alee roster:Ann Lee slack:U024BE7LH\n"
                   "Bob Stone|0|email:bob@acme.example github:bstone jira:bob.stone roster:Bob Stone"
                   " slack:@Bob Stone\n"
                   "Carla|0|email:carla.diaz@acme.example\n"
                   "Carla Díaz|0|email:carla@acme.example gitlab:carla roster:Carla Díaz\n"
                   "Release Bot|1|github:acme-release-bot roster:Release Bot\n"
                   "zed|0|github:zed\n");

  /* Events follow their identities to the roster's people and teams. */
  assert_dump (fixture->store,
                         "SELECT p.name, count (*) FROM git_commit c JOIN identity i ON i.id = c.author_id"
                         " JOIN person p ON p.id = i.person_id GROUP BY p.id ORDER BY p.name",
                   "Ann Lee|2\nBob Stone|1\nCarla|1\n");
  assert_dump (fixture->store,
                         "SELECT cr.number, p.name FROM change_request cr JOIN identity i ON i.id = cr.author_id"
                         " JOIN person p ON p.id = i.person_id ORDER BY cr.number",
                   "1|Ann Lee\n2|Bob Stone\n3|zed\n");

  /* One recorded merge per GitHub person, undoable. */
  assert_dump (fixture->store,
                         "SELECT (SELECT kind || ':' || value FROM identity WHERE id = m.identity_id),"
                         " substr (m.reason, 1, 6), m.reason LIKE '%team.csv”, line ' || (CASE WHEN m.id = 1 THEN 2 ELSE 4 END)"
                         " FROM identity_merge m ORDER BY m.id",
                   "github:AnnLee|roster|1\ngithub:bstone|roster|1\n");

  undone = uc_identity_undo_merge (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undone, ==, 2);
  assert_dump (fixture->store,
                         "SELECT p.name FROM identity i JOIN person p ON p.id = i.person_id"
                         " WHERE i.kind = 'github' AND i.value = 'bstone'", "bstone\n");
}

/* ---- re-importing an updated roster ---- */

static void
test_reimport (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *v1 = fixture_file ("roster-v1.csv");
  g_autofree char *v2 = fixture_file ("roster-v2.csv");
  g_autofree char *data_team = fixture_file ("data-team.csv");
  g_autofree char *counts = NULL;
  g_autofree char *counts_after = NULL;
  g_autofree char *expected = NULL;
  g_auto(UcImportResult) again = { 0 };

  import_ok (fixture, v1, NULL, NULL);
  import_ok (fixture, data_team, NULL, NULL);
  assert_dump (fixture->store, TEAMS_SQL,
                   "Ann Lee|Core||\n"
                   "Bob Stone|Core||\n"
                   "Carla Díaz|Platform||\n"
                   "Eve Moss|Data||\n");

  /* The same file again: nothing changes. */
  counts = uc_store_describe_counts (fixture->store);
  import_ok (fixture, v1, NULL, &again);
  g_assert_true (again.already_imported);
  counts_after = uc_store_describe_counts (fixture->store);
  g_assert_cmpstr (counts, ==, counts_after);

  /* The updated roster: Ann moves to Platform, Bob has no team, Dan
   * arrives. Eve, whom only the data team's roster lists, keeps her row. */
  import_ok (fixture, v2, NULL, NULL);
  expected = g_strdup_printf ("Ann Lee|Core||%" G_GINT64_FORMAT "\n"
                              "Ann Lee|Platform|%" G_GINT64_FORMAT "|\n"
                              "Carla Díaz|Platform||\n"
                              "Dan Kim|Data||\n"
                              "Eve Moss|Data||\n",
                              D_2024_07_01, D_2024_07_01);
  assert_dump (fixture->store, TEAMS_SQL, expected);
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT count(*) FROM person", -1), ==, 5);
  /* The rows come from the latest roster (source 3), Eve's from hers (2). */
  assert_dump (fixture->store,
                         "SELECT DISTINCT source_id FROM person_team ORDER BY source_id", "2\n3\n");

  /* And back to v1 (already imported: a no-op, as documented). */
  import_ok (fixture, v1, NULL, NULL);
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT count(*) FROM person_team", -1), ==, 5);
}

/* ---- Slack names ---- */

static void
add_slack_account (UcStore    *store,
                   const char *user_id,
                   const char *name,
                   guint      *n_merged)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (uc_store_begin (store, &error));
  g_assert_cmpint (uc_store_ensure_identity (store, "slack", user_id, name, 0, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (_uc_identity_resolve_automatic (store, n_merged, &error));
  g_assert_no_error (error);
  g_assert_true (uc_store_commit (store, &error));
}

static void
test_slack_names (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *roster = fixture_file ("team.csv");
  guint n_merged = 99;

  /* A Slack account named like Bob's roster Slack name exists first: the
   * roster finds it. */
  add_slack_account (fixture->store, "U0BOB", "Bob Stone", &n_merged);
  g_assert_cmpuint (n_merged, ==, 0);
  import_ok (fixture, roster, NULL, NULL);
  assert_dump (fixture->store,
                         "SELECT p.name, group_concat (i.value, ' ') FROM identity i"
                         " JOIN person p ON p.id = i.person_id WHERE i.kind = 'slack'"
                         " GROUP BY p.id ORDER BY p.name",
                   "Ann Lee|U024BE7LH\nBob Stone|U0BOB\n");
}

static void
test_slack_names_later (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *roster = fixture_file ("team.csv");
  guint n_merged = 99;

  /* The roster first: "@Bob Stone" waits for the account, which joins
   * Bob when an import brings it. */
  import_ok (fixture, roster, NULL, NULL);
  add_slack_account (fixture->store, "U0BOB", "bob stone", &n_merged);
  g_assert_cmpuint (n_merged, ==, 1);
  assert_dump (fixture->store,
                         "SELECT p.name, i.value FROM identity i JOIN person p ON p.id = i.person_id"
                         " WHERE i.kind = 'slack' ORDER BY p.name, i.value",
                   "Ann Lee|U024BE7LH\nBob Stone|@Bob Stone\nBob Stone|U0BOB\n");
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT count(*) FROM person", -1), ==, 4);
}

static void
test_noreply_address (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "noreply.csv",
                                      "name,email\n"
                                      "Ann Lee,12345+AnnLee@users.noreply.github.com\n");

  /* A GitHub no-reply address also gives the login. */
  import_ok (fixture, path, NULL, NULL);
  assert_dump (fixture->store, PEOPLE_SQL,
                   "Ann Lee|0|email:12345+annlee@users.noreply.github.com github:AnnLee roster:Ann Lee\n");
}

/* ---- malformed rosters ---- */

typedef struct
{
  const char *name;
  const char *contents;
  const char *format;
  int         code;
  const char *expected[3];   /* substrings of the message */
} BadRoster;

static const BadRoster bad_rosters[] = {
  { "no-name.csv", "team,email\nCore,ann@acme.example\n", "roster", UC_IMPORT_ERROR_PARSE,
    { "line 1", "“name” column" } },
  { "no-name-detect.csv", "team,email\nCore,ann@acme.example\n", NULL, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
    { "not in a format" } },
  { "unterminated.csv", "name,team\nAnn Lee,Core\nBob Stone,\"Core\nCarla,Platform\n", NULL,
    UC_IMPORT_ERROR_PARSE, { "line 3", "unterminated" } },
  { "bad-date.csv", "name,team,from\nAnn Lee,Core,2024-01-01\nBob Stone,Core,2024-13-01\n", NULL,
    UC_IMPORT_ERROR_PARSE, { "line 3", "“2024-13-01”", "“from”" } },
  { "bad-date-words.csv", "name,team,to\nAnn Lee,Core,next week\n", NULL,
    UC_IMPORT_ERROR_PARSE, { "line 2", "“next week”" } },
  { "empty-name.csv", "name,team\nAnn Lee,Core\n,Core\n", NULL, UC_IMPORT_ERROR_PARSE,
    { "line 3", "“name” column is empty" } },
  { "bad-email.csv", "name,email\nAnn Lee,ann-at-acme\n", NULL, UC_IMPORT_ERROR_PARSE,
    { "line 2", "“ann-at-acme”", "e-mail" } },
  { "backwards.csv", "name,team,from,to\nAnn Lee,Core,2024-07-01,2024-01-01\n", NULL,
    UC_IMPORT_ERROR_PARSE, { "line 2", "before" } },
  { "conflict.csv", "name,email\nAnn Lee,ann@acme.example\nAnna Lee,ann@acme.example\n", NULL,
    UC_IMPORT_ERROR_PARSE, { "line 3", "belongs to “Ann Lee” (line 2)" } },
};

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *excel = fixture_file ("excel.csv");
  g_autofree char *counts = NULL;

  /* Something in the workspace first, to see that nothing changes. */
  import_ok (fixture, excel, NULL, NULL);
  counts = uc_store_describe_counts (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad_rosters); i++)
    {
      const BadRoster *bad = &bad_rosters[i];
      g_autofree char *path = write_file (fixture, bad->name, bad->contents);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(UcImportResult) result = { 0 };

      g_test_message ("%s", bad->name);
      g_assert_false (uc_import_path (fixture->store, path, bad->format, UC_IMPORT_FLAGS_NONE,
                                      &result, NULL, NULL, NULL, &error));
      g_assert_error (error, UC_IMPORT_ERROR, bad->code);
      g_assert_nonnull (strstr (error->message, bad->name));
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
  g_autofree char *path = write_file (fixture, "mixed.csv",
                                      "name,team,email,from\n"
                                      "Ann Lee,Core,ann@acme.example,2024-01-01\n"
                                      "Bob Stone,Core,bob@acme.example,someday\n"
                                      ",Core,nobody@acme.example,\n"
                                      "Carla Díaz,Platform,carla@acme.example,\n");
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) result = { 0 };

  g_assert_true (uc_import_path (fixture->store, path, NULL, UC_IMPORT_FLAGS_SKIP_BAD,
                                 &result, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.n_records, ==, 4);
  g_assert_cmpint (result.n_new, ==, 2);
  g_assert_cmpuint (result.warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "line 3"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "line 4"));
  assert_dump (fixture->store, "SELECT name FROM person ORDER BY name",
                   "Ann Lee\nCarla Díaz\n");
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT n_warnings FROM source", -1), ==, 2);
}

/* ---- detection ---- */

static void
collect_files (const char *dir,
               GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, files);
      else
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static void
test_detect (void)
{
  static const char *const rosters[] = { "team.csv", "excel.csv", "roster-v1.csv", "roster-v2.csv" };
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "import", "fixtures", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *shared = g_getenv ("UC_SHARED_DATA");

  for (guint i = 0; i < G_N_ELEMENTS (rosters); i++)
    {
      g_autofree char *path = fixture_file (rosters[i]);
      g_autoptr(GError) error = NULL;
      double confidence = 0;

      g_assert_cmpstr (uc_import_detect (path, &confidence, &error), ==, "roster");
      g_assert_no_error (error);
      g_assert_cmpfloat (confidence, >=, 0.8);
    }

  /* Every other format's fixtures (and the real samples) are not rosters. */
  collect_files (fixtures, files);
  if (shared != NULL && g_file_test (shared, G_FILE_TEST_IS_DIR))
    collect_files (shared, files);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      const char *format;
      gboolean mine = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (rosters); k++)
        mine |= g_str_has_suffix (path, rosters[k]) && strstr (path, "roster") != NULL;
      if (mine)
        continue;
      format = uc_import_detect (path, NULL, &error);
      if (g_strcmp0 (format, "roster") == 0 || g_strcmp0 (format, "csv-mapped") == 0)
        g_error ("%s was taken for %s", path, format);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/roster/basic", test_basic);
  ADD ("/roster/excel", test_excel);
  ADD ("/roster/existing-people", test_existing_people);
  ADD ("/roster/reimport", test_reimport);
  ADD ("/roster/slack-names", test_slack_names);
  ADD ("/roster/slack-names-later", test_slack_names_later);
  ADD ("/roster/noreply-address", test_noreply_address);
  ADD ("/roster/malformed", test_malformed);
  ADD ("/roster/skip-bad", test_skip_bad);
#undef ADD
  g_test_add_func ("/roster/detect", test_detect);

  return g_test_run ();
}
