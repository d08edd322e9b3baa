/* test-identity.c: suggested merges, merge, split and undo (uc-identity.c),
 * and the `people` commands of undercurrent-cli.
 *
 * The workspace is built here from small CSVs imported with column
 * mappings: git commits (names and addresses), GitHub and GitLab change
 * requests (logins). Its people, in the order they are created:
 *
 *    1 Ann Lee      ann@acme.example
 *    2 Bob Stone    bob@acme.example
 *    3 Stone, Bob   bstone@old.example          same name as 2
 *    4 Carla Díaz   carla@acme.example
 *    5 dave         dave.kim@acme.example       address ↔ name of 6
 *    6 Dave Kim     dk@home.example
 *    7 Claude       noreply@anthropic.com       an AI agent
 *    8 Claude       claude.martin@acme.example  a human: never with 7
 *    9 Eve Moss     1234+EveMoss@users.noreply.github.com
 *   10 Fay Wong     fay@acme.example
 *   11 annlee       github:annlee               login ↔ name of 1
 *   12 EveMoss      github:EveMoss              merged into 9 at import (no-reply address)
 *   13 fwong        github:fwong                login ↔ initial + name of 10
 *   14 AnnLee       gitlab:AnnLee               same login as 11
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "uc-engine.h"
#include "uc-identity.h"

static const char commits_csv[] =
  "sha,repo,name,email,date\n"
  "0001,acme/api,Ann Lee,ann@acme.example,2024-03-01T10:00:00Z\n"
  "0002,acme/api,Bob Stone,bob@acme.example,2024-03-01T11:00:00Z\n"
  "0003,acme/api,\"Stone, Bob\",bstone@old.example,2024-03-01T12:00:00Z\n"
  "0004,acme/api,Carla Díaz,carla@acme.example,2024-03-01T13:00:00Z\n"
  "0005,acme/api,dave,dave.kim@acme.example,2024-03-01T14:00:00Z\n"
  "0006,acme/api,Dave Kim,dk@home.example,2024-03-01T15:00:00Z\n"
  "0007,acme/api,Claude,noreply@anthropic.com,2024-03-01T16:00:00Z\n"
  "0008,acme/api,Claude,claude.martin@acme.example,2024-03-01T17:00:00Z\n"
  "0009,acme/api,Eve Moss,1234+EveMoss@users.noreply.github.com,2024-03-01T18:00:00Z\n"
  "0010,acme/api,Fay Wong,fay@acme.example,2024-03-01T19:00:00Z\n";

static const char commits_json[] =
  "{\"kind\": \"commit\", \"columns\": {\"id\": \"sha\", \"repo\": \"repo\", \"author\": \"name\","
  " \"author_email\": \"email\", \"created\": \"date\"}}";

static const char github_csv[] =
  "number,repo,login,created\n"
  "1,acme/api,annlee,2024-03-02T10:00:00Z\n"
  "2,acme/api,EveMoss,2024-03-02T11:00:00Z\n"
  "3,acme/api,fwong,2024-03-02T12:00:00Z\n";

static const char gitlab_csv[] =
  "number,repo,login,created\n"
  "5,acme/web,AnnLee,2024-03-03T10:00:00Z\n";

static const char github_json[] =
  "{\"kind\": \"change_request\", \"system\": \"github\", \"columns\": {\"id\": \"number\","
  " \"repo\": \"repo\", \"author\": \"login\", \"created\": \"created\"}}";

static const char gitlab_json[] =
  "{\"kind\": \"change_request\", \"system\": \"gitlab\", \"columns\": {\"id\": \"number\","
  " \"repo\": \"repo\", \"author\": \"login\", \"created\": \"created\"}}";

typedef struct
{
  char    *dir;
  char    *workspace;
  UcStore *store;
} Fixture;

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* The CSVs and mappings of the workspace, as {csv, mapping} pairs. */
static GPtrArray *
write_sources (const char *dir)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (paths, write_file (dir, "commits.csv", commits_csv));
  g_ptr_array_add (paths, write_file (dir, "commits.json", commits_json));
  g_ptr_array_add (paths, write_file (dir, "github.csv", github_csv));
  g_ptr_array_add (paths, write_file (dir, "github.json", github_json));
  g_ptr_array_add (paths, write_file (dir, "gitlab.csv", gitlab_csv));
  g_ptr_array_add (paths, write_file (dir, "gitlab.json", gitlab_json));
  return paths;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = NULL;

  fixture->dir = g_dir_make_tmp ("uc-identity-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->workspace = g_build_filename (fixture->dir, "acme.undercurrent", NULL);
  fixture->store = uc_store_create (fixture->workspace, &error);
  g_assert_no_error (error);

  if (data == NULL)
    return;
  paths = write_sources (fixture->dir);
  for (guint i = 0; i < paths->len; i += 2)
    {
      UcImportOptions options = { 0 };
      g_auto(UcImportResult) result = { 0 };

      options.mapping_path = g_ptr_array_index (paths, i + 1);
      uc_import_path_full (fixture->store, g_ptr_array_index (paths, i), NULL, UC_IMPORT_FLAGS_NONE,
                           &options, &result, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
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

/* Everything a merge, split or undo may touch. */
static char *
snapshot (UcStore *store)
{
  g_autofree char *counts = uc_store_describe_counts (store);
  g_autofree char *people = dump (store, "SELECT id, name, is_agent, IFNULL (source_id, '') FROM person ORDER BY id");
  g_autofree char *map = dump (store, "SELECT id, kind, value, person_id FROM identity ORDER BY id");
  g_autofree char *teams = dump (store, "SELECT id, person_id, team_id, IFNULL (valid_from, ''),"
                                        " IFNULL (valid_to, ''), IFNULL (source_id, '') FROM person_team ORDER BY id");
  g_autofree char *pods = dump (store, "SELECT pod_id, person_id, role FROM pod_member ORDER BY pod_id, person_id");
  g_autofree char *merges = dump (store, "SELECT * FROM identity_merge ORDER BY id");
  g_autofree char *meta = dump (store, "SELECT key, value FROM meta ORDER BY key");

  return g_strjoin ("\n--\n", counts, people, map, teams, pods, merges, meta, NULL);
}

static UcId
identity_id (UcStore    *store,
             const char *spec)
{
  g_autoptr(GError) error = NULL;
  UcId id = uc_identity_find_identity (store, spec, &error);

  g_assert_no_error (error);
  return id;
}

static UcId
person_of (UcStore    *store,
           const char *spec)
{
  return uc_store_identity_person (store, identity_id (store, spec));
}

/* ---- text helpers ---- */

static void
test_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "Ann Lee", "ann lee" },
    { "  ANN \t  LEE ", "ann lee" },
    { "Lee, Ann", "ann lee" },
    { "Carla Díaz", "carla diaz" },
    { "José-María O'Neil", "jose maria oneil" },
    { "Łukasz Żółć", "lukasz zolc" },
    { "Straße", "strasse" },
    { "Ann.Lee", "ann lee" },
    { "Søren Ærø", "soren aero" },
    { "a, b, c", "a b c" },
    { "", "" },
    { "\xff\xfe", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *norm = uc_identity_normalize_name (cases[i].in);

      g_assert_cmpstr (norm, ==, cases[i].out);
    }
}

static void
test_noreply (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "12345+annlee@users.noreply.github.com", "annlee" },
    { "AnnLee@users.noreply.github.com", "AnnLee" },
    { "49699333+dependabot[bot]@users.noreply.github.com", "dependabot[bot]" },
    { "1234+EveMoss@Users.NoReply.GitHub.com", "EveMoss" },
    { "ann@acme.example", NULL },
    { "@users.noreply.github.com", NULL },
    { "12345+@users.noreply.github.com", NULL },
    { "ann lee@users.noreply.github.com", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *login = uc_identity_github_noreply_login (cases[i].in);

      g_assert_cmpstr (login, ==, cases[i].out);
    }
}

/* ---- the workspace ---- */

static void
test_workspace (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *people = dump (fixture->store,
                                  "SELECT p.id, p.name, p.is_agent, (SELECT group_concat (kind || ':' || value, ' ')"
                                  " FROM identity WHERE person_id = p.id) FROM person p ORDER BY p.id");

  /* EveMoss (12) joined Eve Moss (9) at import: her commits' no-reply
   * address is her GitHub login. */
  g_assert_cmpstr (people, ==,
                   "1|Ann Lee|0|email:ann@acme.example\n"
                   "2|Bob Stone|0|email:bob@acme.example\n"
                   "3|Stone, Bob|0|email:bstone@old.example\n"
                   "4|Carla Díaz|0|email:carla@acme.example\n"
                   "5|dave|0|email:dave.kim@acme.example\n"
                   "6|Dave Kim|0|email:dk@home.example\n"
                   "7|Claude|1|email:noreply@anthropic.com\n"
                   "8|Claude|0|email:claude.martin@acme.example\n"
                   "9|Eve Moss|0|email:1234+evemoss@users.noreply.github.com github:EveMoss\n"
                   "10|Fay Wong|0|email:fay@acme.example\n"
                   "11|annlee|0|github:annlee\n"
                   "13|fwong|0|github:fwong\n"
                   "14|AnnLee|0|gitlab:AnnLee\n");
  assert_dump (fixture->store, "SELECT from_person_id, to_person_id, reason FROM identity_merge",
                   "12|9|GitHub no-reply address 1234+evemoss@users.noreply.github.com\n");
}

static void
test_noreply_undo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  UcId undone;

  /* The automatic merge is undoable like any other. */
  undone = uc_identity_undo_merge (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undone, ==, 1);
  g_assert_cmpint (person_of (fixture->store, "github:EveMoss"), ==, 12);
  assert_dump (fixture->store, "SELECT name FROM person WHERE id = 12", "EveMoss\n");
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT count(*) FROM identity_merge", -1), ==, 0);
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT count(*) FROM meta", -1), ==, 0);
}

/* ---- suggestions ---- */

static void
test_suggest (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = uc_identity_suggest (fixture->store, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < suggestions->len; i++)
    {
      UcIdentitySuggestion *s = g_ptr_array_index (suggestions, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s|%.2f|%s\n",
                              s->person_a, s->person_b, uc_identity_reason_to_string (s->reason),
                              s->confidence, s->evidence);
    }
  /* Each reason; the two Claudes (an agent and a human) are not there. */
  g_assert_cmpstr (text->str, ==,
                   "2|3|same-name|0.90|“Bob Stone” ↔ “Stone, Bob”\n"
                   "11|14|same-login|0.85|github:annlee ↔ gitlab:AnnLee\n"
                   "5|6|name-email|0.80|dave.kim@acme.example ↔ “Dave Kim”\n"
                   "1|11|name-login|0.70|“Ann Lee” ↔ github:annlee\n"
                   "1|14|name-login|0.70|“Ann Lee” ↔ gitlab:AnnLee\n"
                   "10|13|name-login|0.50|“Fay Wong” ↔ github:fwong\n");
  for (guint r = UC_IDENTITY_REASON_SAME_NAME; r <= UC_IDENTITY_REASON_SAME_LOGIN; r++)
    g_assert_nonnull (uc_identity_reason_describe ((UcIdentityReason) r));
}

static void
test_agents (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;

  /* Make Ann an agent too: nobody is suggested with her any more, and
   * no suggestion ever pairs an agent with a human. */
  g_assert_true (uc_store_set_person_agent (fixture->store, 1, TRUE, &error));
  suggestions = uc_identity_suggest (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, 4);
  for (guint i = 0; i < suggestions->len; i++)
    {
      UcIdentitySuggestion *s = g_ptr_array_index (suggestions, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count (DISTINCT is_agent) FROM person WHERE id IN"
                                              " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                              s->person_a, s->person_b);

      g_assert_cmpint (s->person_a, !=, 1);
      g_assert_cmpint (uc_store_query_int (fixture->store, sql, -1), ==, 1);
    }
}

/* ---- merge and undo ---- */

static void
add_memberships (UcStore *store)
{
  g_autoptr(GError) error = NULL;

  /* Bob (2) on Core, "Stone, Bob" (3) on Core with dates and on Platform,
   * and in a pod. */
  g_assert_true (uc_store_exec (store,
                                "INSERT INTO team (id, name) VALUES (1, 'Core'), (2, 'Platform');"
                                "INSERT INTO person_team (person_id, team_id) VALUES (2, 1);"
                                "INSERT INTO person_team (person_id, team_id, valid_from, valid_to)"
                                "  VALUES (3, 1, 1704067200, 1719792000);"
                                "INSERT INTO person_team (person_id, team_id) VALUES (3, 2);"
                                "INSERT INTO scenario (id, name, created_time) VALUES (1, 'Split', 1709251200);"
                                "INSERT INTO pod (id, scenario_id, name) VALUES (1, 1, 'Alpha'), (2, 1, 'Beta');"
                                "INSERT INTO pod_member (pod_id, person_id, role) VALUES (1, 2, 'member'),"
                                "  (1, 3, 'member'), (2, 3, 'leaving');",
                                &error));
  g_assert_no_error (error);
}

static void
test_merge_undo (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *counts_before = NULL;
  g_autofree char *counts_merged = NULL;
  g_autofree char *after = NULL;
  UcId merge_id, undone;

  add_memberships (fixture->store);
  before = snapshot (fixture->store);
  counts_before = uc_store_describe_counts (fixture->store);

  merge_id = uc_identity_merge (fixture->store, 2, 3, "same name", &error);
  g_assert_no_error (error);
  g_assert_cmpint (merge_id, ==, 2);

  /* 3 is gone; its identity, team rows and pod places are Bob's. */
  counts_merged = uc_store_describe_counts (fixture->store);
  g_assert_cmpstr (counts_merged, !=, counts_before);
  g_assert_cmpint (uc_store_query_int (fixture->store, "SELECT count(*) FROM person WHERE id = 3", -1), ==, 0);
  g_assert_cmpint (person_of (fixture->store, "email:bstone@old.example"), ==, 2);
  assert_dump (fixture->store, "SELECT team_id, IFNULL (valid_from, ''), IFNULL (valid_to, '')"
                                         " FROM person_team WHERE person_id = 2 ORDER BY team_id, valid_from",
                   "1||\n1|1704067200|1719792000\n2||\n");
  assert_dump (fixture->store, "SELECT pod_id, role FROM pod_member WHERE person_id = 2 ORDER BY pod_id",
                   "1|member\n2|leaving\n");
  assert_dump (fixture->store, "SELECT identity_id, from_person_id, to_person_id, reason, undone"
                                         " FROM identity_merge WHERE id = 2",
                   "3|3|2|same name|0\n");
  g_assert_cmpint (uc_store_query_int (fixture->store,
                                       "SELECT count(*) FROM git_commit c JOIN identity i ON i.id = c.author_id"
                                       " WHERE i.person_id = 2", -1), ==, 2);

  undone = uc_identity_undo_merge (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undone, ==, merge_id);
  after = snapshot (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_split_undo (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (fixture->store);
  g_autofree char *after = NULL;
  UcId github = identity_id (fixture->store, "github:EveMoss");
  UcId created = 0, split_id, undone;

  split_id = uc_identity_split (fixture->store, 9, &github, 1, NULL, &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (split_id, ==, 2);
  g_assert_cmpint (created, ==, 15);
  g_assert_cmpint (person_of (fixture->store, "github:EveMoss"), ==, 15);
  g_assert_cmpint (person_of (fixture->store, "email:1234+evemoss@users.noreply.github.com"), ==, 9);
  /* Named after the identity's display name. */
  assert_dump (fixture->store, "SELECT name, is_agent FROM person WHERE id = 15", "EveMoss|0\n");

  undone = uc_identity_undo_merge (fixture->store, split_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undone, ==, split_id);
  after = snapshot (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_undo_order (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (fixture->store);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  UcId old = identity_id (fixture->store, "email:bstone@old.example");
  UcId merge_id, split_id, created = 0;

  merge_id = uc_identity_merge (fixture->store, 2, 3, NULL, &error);
  g_assert_no_error (error);
  split_id = uc_identity_split (fixture->store, 2, &old, 1, "Robert Stone", &created, &error);
  g_assert_no_error (error);

  ops = uc_identity_list_operations (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 3);
  {
    UcIdentityOperation *op = g_ptr_array_index (ops, 1);

    g_assert_cmpint (op->id, ==, merge_id);
    g_assert_cmpint (op->kind, ==, UC_IDENTITY_OP_MERGE);
    g_assert_cmpint (op->from_person, ==, 3);
    g_assert_cmpint (op->to_person, ==, 2);
    g_assert_cmpstr (op->from_name, ==, "Stone, Bob");
    g_assert_cmpstr (op->reason, ==, "manual");
    g_assert_cmpstr (op->identities[0], ==, "email:bstone@old.example");
    op = g_ptr_array_index (ops, 2);
    g_assert_cmpint (op->kind, ==, UC_IDENTITY_OP_SPLIT);
    g_assert_cmpint (op->to_person, ==, created);
    g_assert_cmpstr (op->to_name, ==, "Robert Stone");
  }

  /* The merge's identity has moved since: undo the split first. */
  g_assert_cmpint (uc_identity_undo_merge (fixture->store, merge_id, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "email:bstone@old.example"));
  g_clear_error (&error);

  g_assert_cmpint (uc_identity_undo_merge (fixture->store, 0, &error), ==, split_id);
  g_assert_no_error (error);
  g_assert_cmpint (uc_identity_undo_merge (fixture->store, 0, &error), ==, merge_id);
  g_assert_no_error (error);
  after = snapshot (fixture->store);
  g_assert_cmpstr (after, ==, before);

  /* The import's own merge is next, then nothing. */
  g_assert_cmpint (uc_identity_undo_merge (fixture->store, 0, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (uc_identity_undo_merge (fixture->store, 0, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOTHING_TO_UNDO);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *before = snapshot (fixture->store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  UcId ann = identity_id (fixture->store, "email:ann@acme.example");
  UcId eve[2] = {
    identity_id (fixture->store, "email:1234+evemoss@users.noreply.github.com"),
    identity_id (fixture->store, "github:EveMoss"),
  };
  UcId bogus = 999;

  g_assert_cmpint (uc_identity_merge (fixture->store, 2, 2, NULL, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (uc_identity_merge (fixture->store, 2, 999, NULL, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Everything, nothing, someone else's, an identity that does not exist. */
  g_assert_cmpint (uc_identity_split (fixture->store, 9, eve, 2, NULL, NULL, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (uc_identity_split (fixture->store, 9, eve, 0, NULL, NULL, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (uc_identity_split (fixture->store, 9, &ann, 1, NULL, NULL, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "email:ann@acme.example"));
  g_clear_error (&error);
  g_assert_cmpint (uc_identity_split (fixture->store, 9, &bogus, 1, NULL, NULL, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (uc_identity_split (fixture->store, 999, &ann, 1, NULL, NULL, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (uc_identity_undo_merge (fixture->store, 77, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = snapshot (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (uc_identity_find_person (fixture->store, "2", &error), ==, 2);
  g_assert_cmpint (uc_identity_find_person (fixture->store, "Bob Stone", &error), ==, 2);
  g_assert_cmpint (uc_identity_find_person (fixture->store, "stone, bob", &error), ==, 3);
  g_assert_no_error (error);

  g_assert_cmpint (uc_identity_find_person (fixture->store, "Claude", &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "7 (email:noreply@anthropic.com)"));
  g_assert_nonnull (strstr (error->message, "8 (email:claude.martin@acme.example)"));
  g_clear_error (&error);
  g_assert_cmpint (uc_identity_find_person (fixture->store, "Nobody", &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (person_of (fixture->store, "email:ANN@acme.example"), ==, 1);
  g_assert_cmpint (person_of (fixture->store, "github:evemoss"), ==, 9);
  g_assert_cmpint (person_of (fixture->store, "gitlab:annlee"), ==, 14);
  g_assert_cmpint (uc_identity_find_identity (fixture->store, "bogus", &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (uc_identity_find_identity (fixture->store, "email:nobody@acme.example", &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOT_FOUND);
}

static void
test_nothing_to_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) ops = NULL;

  g_assert_cmpint (uc_identity_undo_merge (fixture->store, 0, &error), ==, 0);
  g_assert_error (error, UC_IDENTITY_ERROR, UC_IDENTITY_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);
  suggestions = uc_identity_suggest (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, 0);
  ops = uc_identity_list_operations (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 0);
}

/* ---- undercurrent-cli people ---- */

static char *
run (int         *exit_status,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("UC_CLI"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, err, &status, &error);
  g_assert_no_error (error);
  *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  return out;
}

#define RUN_OK(...) \
  G_STMT_START { \
    g_autofree char *__out = NULL; \
    g_autofree char *__err = NULL; \
    int __status; \
    __out = run (&__status, &__err, __VA_ARGS__, NULL); \
    if (__status != 0) \
      g_error ("exit %d: %s", __status, __err); \
  } G_STMT_END

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ws = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *people_before = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *cmd = NULL;
  JsonArray *array;
  JsonObject *first;
  int status;

  if (g_getenv ("UC_CLI") == NULL)
    {
      g_test_skip ("UC_CLI is not set");
      return;
    }
  dir = g_dir_make_tmp ("uc-people-XXXXXX", &error);
  g_assert_no_error (error);
  ws = g_build_filename (dir, "acme.undercurrent", NULL);
  paths = write_sources (dir);

  RUN_OK ("new", ws);
  for (guint i = 0; i < paths->len; i += 2)
    RUN_OK ("import", ws, (const char *) g_ptr_array_index (paths, i),
            "--mapping", (const char *) g_ptr_array_index (paths, i + 1));

  out = run (&status, &err, "people", ws, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  people_before = g_steal_pointer (&out);
  g_clear_pointer (&err, g_free);

  /* Suggestions, as JSON and as text. */
  out = run (&status, &err, "people", ws, "--suggestions", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 6);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (first, "keep"), "id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "merge"), "name"), ==,
                   "Stone, Bob");
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==, "same-name");
  g_assert_cmpfloat (json_object_get_double_member (first, "confidence"), ==, 0.9);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run (&status, &err, "people", ws, "--suggestions", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Same name"));
  g_assert_nonnull (strstr (out, "people merge"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An ambiguous name is an error listing the candidates. */
  out = run (&status, &err, "people", "merge", ws, "Claude", "5", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "names 2 people"));
  g_assert_nonnull (strstr (err, "7 (email:noreply@anthropic.com)"));
  g_assert_nonnull (strstr (err, "8 (email:claude.martin@acme.example)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Merge by names, split by id and kind:value. */
  out = run (&status, &err, "people", "merge", ws, "Bob Stone", "Stone, Bob", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Merged “Stone, Bob” (3) into “Bob Stone” (2): merge 2"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run (&status, &err, "people", "split", ws, "9", "github:EveMoss", "--name", "Eve (GitHub)", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "into “Eve (GitHub)” (15): merge 3"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run (&status, &err, "people", ws, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (out);
  /* 13 people, less Stone, plus the split-off Eve. */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 13);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run (&status, &err, "people", "history", ws, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "kind"), ==, "split");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Bad requests. */
  out = run (&status, &err, "people", "split", ws, "1", "email:ann@acme.example", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "keep at least one"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "people", "split", ws, "1", "nonsense", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "kind:value"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "people", "merge", ws, NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "people", "undo", ws, "abc", NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Undo the split and the merge: the people are as they were. */
  out = run (&status, &err, "people", "undo", ws, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Undid merge 3\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "people", "undo", ws, "2", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Undid merge 2\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "people", ws, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, people_before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Then the import's own merge, then nothing is left to undo. */
  RUN_OK ("people", "undo", ws);
  out = run (&status, &err, "people", "undo", ws, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "no merge or split to undo"));

  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/identity/normalize", test_normalize);
  g_test_add_func ("/identity/noreply", test_noreply);
#define ADD(path, func, built) \
  g_test_add (path, Fixture, built ? "built" : NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/identity/workspace", test_workspace, TRUE);
  ADD ("/identity/noreply-undo", test_noreply_undo, TRUE);
  ADD ("/identity/suggest", test_suggest, TRUE);
  ADD ("/identity/agents", test_agents, TRUE);
  ADD ("/identity/merge-undo", test_merge_undo, TRUE);
  ADD ("/identity/split-undo", test_split_undo, TRUE);
  ADD ("/identity/undo-order", test_undo_order, TRUE);
  ADD ("/identity/errors", test_errors, TRUE);
  ADD ("/identity/find", test_find, TRUE);
  ADD ("/identity/nothing-to-undo", test_nothing_to_undo, FALSE);
#undef ADD
  g_test_add_func ("/identity/cli", test_cli);

  return g_test_run ();
}
