/* test-cli-evidence.c: `undercurrent-cli evidence` and the --config
 * option of analyze, teams and report, on a workspace built here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "uc-test-commits.h"

#define BASE 202610

typedef struct
{
  TestWs *ws;
  char   *config;       /* a good settings file */
  char   *bad_config;   /* a settings file with a bad member */
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

/* Atlas: Ann, Bob and Cid on the roster; Ann works late in W11. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TestWs *ws;

  if (g_getenv ("UC_CLI") == NULL)
    return;
  ws = fixture->ws = tws_new ();
  tws_roster (ws, "ann", "Atlas", 0, 0);
  tws_roster (ws, "bob", "Atlas", 0, 0);
  tws_roster (ws, "cid", "Atlas", 0, 0);
  for (int w = 0; w < 2; w++)
    {
      TestCommit late = { "ann", tc_local (BASE, w, 1, 21, 30, 60), 60, "M:src/a.c M:docs/a.md", NULL, 0, NULL };
      TestCommit day = { "bob", tc_local (BASE, w, 2, 10, 0, 60), 60, "M:src/b.c", NULL, TC_FIX, NULL };
      TestCommit other = { "cid", tc_local (BASE, w, 3, 11, 0, 60), 60, "M:src/c.c", NULL, 0, NULL };

      tc_commit (ws, &late);
      tc_commit (ws, &day);
      tc_commit (ws, &other);
    }
  g_assert_true (uc_store_commit (ws->store, &error));

  fixture->config = g_build_filename (ws->dir, "settings.json", NULL);
  g_assert_true (g_file_set_contents (fixture->config,
                                      "{\"working_hours\": [0, 24], \"ed_weights\": [1, 1],"
                                      " \"bounds\": {\"TD.rework\": [0.1, 0.9]}}", -1, &error));
  fixture->bad_config = g_build_filename (ws->dir, "bad.json", NULL);
  g_assert_true (g_file_set_contents (fixture->bad_config,
                                      "{\"bounds\": {\"TD.rewrk\": [0.1, 0.9]}}", -1, &error));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->config != NULL)
    g_unlink (fixture->config);
  if (fixture->bad_config != NULL)
    g_unlink (fixture->bad_config);
  g_clear_pointer (&fixture->ws, tws_free);
  g_free (fixture->config);
  g_free (fixture->bad_config);
}

static gboolean
skip_without_cli (void)
{
  if (g_getenv ("UC_CLI") != NULL)
    return FALSE;
  g_test_skip ("UC_CLI is not set");
  return TRUE;
}

static void
test_evidence_text (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  if (skip_without_cli ())
    return;
  out = run (&status, &err, "evidence", fixture->ws->path, "--team", "Atlas", "--signal", "HD.after_hours", NULL);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  /* Two late commits of six. */
  g_assert_cmpstr (lines[0], ==, "HD.after_hours for Atlas in 2026-W11: 33 %, score 93, 6 records");
  g_assert_true (g_str_has_prefix (lines[1], "2026-03-10  commit "));
  g_assert_nonnull (strstr (lines[1], "commit by ann at Tue 21:30 local time (UTC+01:00): outside working hours"));
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
}

static void
test_evidence_json (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root, *row;
  JsonArray *rows;
  int status;

  if (skip_without_cli ())
    return;
  out = run (&status, &err, "evidence", fixture->ws->path, "--team", "Atlas", "--signal", "TD.rework",
             "--week", "2026-W10", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "team"), ==, "Atlas");
  g_assert_cmpstr (json_object_get_string_member (root, "signal"), ==, "TD.rework");
  g_assert_cmpstr (json_object_get_string_member (root, "week"), ==, "2026-W10");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "value"), 1.0 / 3.0, 1e-9);
  g_assert_cmpint (json_object_get_int_member (root, "coverage"), ==, 3);
  rows = json_object_get_array_member (root, "evidence");
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "kind"), ==, "commit");
  g_assert_cmpstr (json_object_get_string_member (row, "fact"), ==, "bob: a fix");
  g_assert_cmpstr (json_object_get_string_member (row, "time"), ==, "2026-03-04T09:00:00Z");
  g_assert_cmpuint (strlen (json_object_get_string_member (row, "ref")), ==, 40);
}

static void
test_evidence_errors (Fixture       *fixture,
                      gconstpointer  data)
{
  const struct
  {
    const char *args[8];
    int         status;
    const char *message;     /* the start of stderr */
  } cases[] = {
    { { "evidence", NULL }, 2, "undercurrent-cli: wrong number of arguments" },
    { { "evidence", "WS", "--signal", "CA.gini", NULL }, 2, "undercurrent-cli: --team NAME and --signal ID are required" },
    { { "evidence", "WS", "--team", "Atlas", NULL }, 2, "undercurrent-cli: --team NAME and --signal ID are required" },
    { { "evidence", "WS", "--team", "Atlas", "--signal", "CA.gini", "--week", "W10" }, 2,
      "undercurrent-cli: “W10” is not an ISO week like 2026-W47" },
    { { "evidence", "WS", "--team", "Atlas", "--signal", "CA.gnii", NULL }, 1,
      "undercurrent-cli: “CA.gnii” is not a signal" },
    { { "evidence", "WS", "--team", "Borealis", "--signal", "CA.gini", NULL }, 1,
      "undercurrent-cli: no team “Borealis” in WS (teams: Atlas)" },
    { { "evidence", "WS", "--team", "Atlas", "--signal", "CA.gini", "--week", "2026-W30" }, 1,
      "undercurrent-cli: week 2026-W30 is outside the analysed weeks (2026-W10 to 2026-W11)" },
    { { "evidence", "/nonexistent.undercurrent", "--team", "Atlas", "--signal", "CA.gini", NULL }, 1,
      "undercurrent-cli: “/nonexistent.undercurrent” does not exist" },
    { { "evidence", "WS", "--team", "Atlas", "--signal", "CA.gini", "--config", "BAD" }, 1,
      "undercurrent-cli: BAD: member “bounds → TD.rewrk”: “TD.rewrk” is not a signal" },
    { { "analyze", "WS", "--config", "BAD", NULL }, 1,
      "undercurrent-cli: BAD: member “bounds → TD.rewrk”: “TD.rewrk” is not a signal" },
    { { "teams", "WS", "--config", "/nonexistent.json", NULL }, 1, "undercurrent-cli: " },
  };

  if (skip_without_cli ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[9] = { NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *expected = NULL;
      GString *message = g_string_new (cases[i].message);
      int status;

      for (guint a = 0; a < 8 && cases[i].args[a] != NULL; a++)
        argv[a] = g_str_equal (cases[i].args[a], "WS") ? fixture->ws->path :
                  g_str_equal (cases[i].args[a], "BAD") ? fixture->bad_config : cases[i].args[a];
      g_string_replace (message, "WS", fixture->ws->path, 0);
      g_string_replace (message, "BAD", fixture->bad_config, 0);
      expected = g_string_free (message, FALSE);

      out = run (&status, &err, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7], NULL);
      if (status != cases[i].status || !g_str_has_prefix (err, expected))
        g_error ("case %u: exit %d, stderr “%s”; expected %d, “%s”", i, status, err,
                 cases[i].status, expected);
      if (cases[i].status == 1)
        /* One line. */
        g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
    }
}

/* --config reaches the analysis: working around the clock, nothing is
 * after hours; the JSON shows the settings. */
static void
test_config_option (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root, *team, *config;
  int status;

  if (skip_without_cli ())
    return;
  out = run (&status, &err, "analyze", fixture->ws->path, "--format", "json", "--config", fixture->config, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  team = json_array_get_object_element (json_object_get_array_member (root, "teams"), 0);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (
                       json_object_get_object_member (team, "signals"), "HD.after_hours"), "value"), ==, 0.0);
  /* TD.rework 1/3 between 0.1 and 0.9. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (
                                    json_object_get_object_member (team, "signals"), "TD.rework"), "score"),
                                  (1.0 / 3.0 - 0.1) / 0.8 * 100.0, 1e-6);
  config = json_object_get_object_member (root, "config");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (config, "working_hours"), 1), ==, 24);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run (&status, &err, "evidence", fixture->ws->path, "--team", "Atlas", "--signal", "HD.after_hours",
             "--config", fixture->config, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "HD.after_hours for Atlas in 2026-W11: 0 %, score 0, 6 records\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run (&status, &err, "teams", fixture->ws->path, "--config", fixture->config, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/evidence/text", Fixture, NULL, fixture_set_up, test_evidence_text, fixture_tear_down);
  g_test_add ("/cli/evidence/json", Fixture, NULL, fixture_set_up, test_evidence_json, fixture_tear_down);
  g_test_add ("/cli/evidence/errors", Fixture, NULL, fixture_set_up, test_evidence_errors, fixture_tear_down);
  g_test_add ("/cli/config-option", Fixture, NULL, fixture_set_up, test_config_option, fixture_tear_down);
  return g_test_run ();
}
