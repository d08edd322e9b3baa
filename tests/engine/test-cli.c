/* test-cli.c: undercurrent-cli end to end on a repository built here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "uc-types.h"

/* Monday 2026-03-02 10:00 UTC, in ISO week 2026-W10. */
#define T0 G_GINT64_CONSTANT (1772445600)

typedef struct
{
  char *dir;
  char *workspace;
  char *repo;
} Fixture;

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

/* The history: alpha has three people in one week. Ann writes six
 * commits on her three files, Bob three on his one, Cid one on his. */
static void
write_repository (const char *repo)
{
  struct { const char *who; const char *path; } commits[] = {
    { "Ann", "src/a1.c" }, { "Ann", "src/a2.c" }, { "Ann", "src/a3.c" },
    { "Ann", "src/a1.c" }, { "Ann", "src/a1.c" }, { "Ann", "src/a1.c" },
    { "Bob", "lib/b1.c" }, { "Bob", "lib/b1.c" }, { "Bob", "lib/b1.c" },
    { "Cid", "doc/c1.md" },
  };
  g_autoptr(GString) stream = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *init[] = { "git", "init", "--quiet", "--bare", "--initial-branch=main", repo, NULL };
  const char *import[] = { "git", "-C", repo, "fast-import", "--quiet", NULL };
  g_autofree char *stream_path = g_strconcat (repo, ".stream", NULL);
  g_autofree char *cmd = NULL;
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (commits); i++)
    {
      g_autofree char *email = g_ascii_strdown (commits[i].who, -1);
      g_autofree char *content = g_strdup_printf ("revision %u\n", i);
      g_autofree char *message = g_strdup_printf ("Change %s for ALP-%u\n", commits[i].path, i + 1);

      g_string_append_printf (stream,
                              "commit refs/heads/main\n"
                              "author %s <%s@example.com> %" G_GINT64_FORMAT " +0100\n"
                              "committer %s <%s@example.com> %" G_GINT64_FORMAT " +0100\n"
                              "data %zu\n%s\n"
                              "M 100644 inline %s\n"
                              "data %zu\n%s\n",
                              commits[i].who, email, T0 + i * 600,
                              commits[i].who, email, T0 + i * 600,
                              strlen (message), message,
                              commits[i].path, strlen (content), content);
    }

  g_spawn_sync (NULL, (char **) init, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_file_set_contents (stream_path, stream->str, stream->len, &error);
  g_assert_no_error (error);
  cmd = g_strdup_printf ("sh -c 'GIT_CONFIG_NOSYSTEM=1 %s %s %s %s %s < \"%s\"'",
                         import[0], import[1], import[2], import[3], import[4], stream_path);
  g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("uc-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->workspace = g_build_filename (fixture->dir, "acme.undercurrent", NULL);
  fixture->repo = g_build_filename (fixture->dir, "alpha.git", NULL);
  write_repository (fixture->repo);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (fixture->dir);
  g_free (fixture->workspace);
  g_free (fixture->repo);
}

static JsonObject *
find_team (JsonObject *root,
           const char *name)
{
  JsonArray *teams = json_object_get_array_member (root, "teams");

  for (guint i = 0; i < json_array_get_length (teams); i++)
    {
      JsonObject *team = json_array_get_object_element (teams, i);

      if (g_str_equal (json_object_get_string_member (team, "name"), name))
        return team;
    }
  return NULL;
}

static double
signal_value (JsonObject *team,
              const char *id,
              const char *member)
{
  JsonObject *signals = json_object_get_object_member (team, "signals");
  JsonObject *signal = json_object_get_object_member (signals, id);

  g_assert_nonnull (signal);
  return json_object_get_double_member (signal, member);
}

static void
test_cli_end_to_end (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "acme.pdf", NULL);
  g_autofree char *text = NULL;
  JsonObject *root, *team, *families, *signals;
  int status;

  out = run (&status, NULL, "new", fixture->workspace, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);

  out = run (&status, NULL, "import", fixture->workspace, fixture->repo, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "10 new"));
  g_clear_pointer (&out, g_free);

  /* Importing again adds nothing. */
  out = run (&status, NULL, "import", fixture->workspace, fixture->repo, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "already imported"));
  g_clear_pointer (&out, g_free);

  out = run (&status, NULL, "people", fixture->workspace, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 3);
  g_clear_pointer (&out, g_free);

  out = run (&status, NULL, "analyze", fixture->workspace, "--format", "json", NULL);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "week"), ==, "2026-W10");
  g_assert_true (json_object_has_member (root, "generated_at"));
  team = find_team (root, "alpha");
  g_assert_nonnull (team);
  g_assert_cmpint (json_object_get_int_member (team, "members"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (team, "agents"), ==, 0);

  /* Commits 6, 3, 1: Gini = Σ|xi − xj| / (2 n² mean) = 20 / 60. */
  g_assert_cmpfloat_with_epsilon (signal_value (team, "CA.gini", "value"), 1.0 / 3.0, 1e-9);
  g_assert_cmpint (signal_value (team, "CA.gini", "coverage"), ==, 10);
  g_assert_cmpfloat_with_epsilon (signal_value (team, "CA.top_share", "value"), 0.6, 1e-9);
  /* Removing Ann orphans 3 of 5 files, more than half. */
  g_assert_cmpfloat_with_epsilon (signal_value (team, "CA.truck", "value"), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (signal_value (team, "CA.islands", "value"), 1.0, 1e-9);
  /* Score: 0.6 top share between 0.25 → 0 and 0.60 → 100. */
  g_assert_cmpfloat_with_epsilon (signal_value (team, "CA.top_share", "score"), 100.0, 1e-9);

  /* Families other than CA are present, without data. */
  families = json_object_get_object_member (team, "families");
  for (const char *const *id = (const char *const[]) { "CA", "RV", "WV", "DS", "CV", "EG", "HD", "TD", "AP", "ED", NULL }; *id; id++)
    g_assert_true (json_object_has_member (families, *id));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (families, "RV"), "score"));
  signals = json_object_get_object_member (team, "signals");
  g_assert_true (json_object_has_member (signals, "RV.coverage"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (signals, "RV.coverage"), "score"));
  g_assert_true (json_object_has_member (team, "series"));
  g_assert_false (json_object_get_boolean_member (team, "masked_decline"));
  g_clear_pointer (&out, g_free);

  /* The PDF names the team. */
  out = run (&status, NULL, "report", fixture->workspace, "--pdf", pdf, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  text = g_find_program_in_path ("pdftotext");
  if (text == NULL)
    {
      g_test_message ("pdftotext is not installed: not reading the PDF back");
      return;
    }
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    g_clear_pointer (&text, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  &text, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "alpha"));
  }
}

static void
test_cli_errors (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *garbage = g_build_filename (fixture->dir, "garbage.txt", NULL);
  char *out, *err = NULL;
  int status;

  /* Bad usage: 2. */
  out = run (&status, &err, NULL, NULL);
  g_assert_cmpint (status, ==, 2);
  g_free (out); g_clear_pointer (&err, g_free);
  out = run (&status, &err, "frobnicate", NULL);
  g_assert_cmpint (status, ==, 2);
  g_free (out); g_clear_pointer (&err, g_free);
  out = run (&status, &err, "analyze", NULL);
  g_assert_cmpint (status, ==, 2);
  g_free (out); g_clear_pointer (&err, g_free);
  out = run (&status, &err, "analyze", fixture->workspace, "--week", "soon", NULL);
  g_assert_cmpint (status, ==, 2);
  g_free (out); g_clear_pointer (&err, g_free);

  /* User errors: 1 with one line naming the problem. */
  out = run (&status, &err, "analyze", "/nonexistent/x.undercurrent", "--format", "json", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "/nonexistent/x.undercurrent"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  g_free (out); g_clear_pointer (&err, g_free);

  out = run (&status, &err, "new", fixture->workspace, NULL);
  g_assert_cmpint (status, ==, 0);
  g_free (out); g_clear_pointer (&err, g_free);
  out = run (&status, &err, "new", fixture->workspace, NULL);
  g_assert_cmpint (status, ==, 1);
  g_free (out); g_clear_pointer (&err, g_free);

  g_file_set_contents (garbage, "this is no export of anything\n", -1, NULL);
  out = run (&status, &err, "import", fixture->workspace, garbage, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "garbage.txt"));
  g_free (out); g_clear_pointer (&err, g_free);

  out = run (&status, &err, "import", garbage, fixture->repo, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "not an Undercurrent workspace"));
  g_free (out); g_clear_pointer (&err, g_free);
}

static void
test_cli_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("uc-demo-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.undercurrent", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *cmd = NULL;
  JsonObject *root, *borealis, *atlas;
  int status;

  out = run (&status, NULL, "demo", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);

  out = run (&status, NULL, "analyze", path, "--format", "json", NULL);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "week"), ==, "2026-W47");

  /* The hero team depends on one person; the healthy team does not. */
  borealis = find_team (root, "borealis");
  atlas = find_team (root, "atlas");
  g_assert_nonnull (borealis);
  g_assert_nonnull (atlas);
  g_assert_cmpfloat (signal_value (borealis, "CA.truck", "value"), ==, 1.0);
  g_assert_cmpfloat (signal_value (atlas, "CA.truck", "value"), >=, 2.0);
  g_assert_cmpfloat (signal_value (borealis, "CA.top_share", "value"), >,
                     signal_value (atlas, "CA.top_share", "value"));
  /* The two-person side project is only shown merged. */
  g_assert_null (find_team (root, "tools"));
  g_assert_nonnull (find_team (root, "Other"));

  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_autofree char *git = g_find_program_in_path ("git");

  if (g_getenv ("UC_CLI") == NULL || git == NULL)
    {
      g_printerr ("UC_CLI is not set or git is missing\n");
      return 77;
    }

  g_test_add ("/cli/end-to-end", Fixture, NULL, fixture_set_up, test_cli_end_to_end, fixture_tear_down);
  g_test_add ("/cli/errors", Fixture, NULL, fixture_set_up, test_cli_errors, fixture_tear_down);
  g_test_add_func ("/cli/demo", test_cli_demo);

  return g_test_run ();
}
