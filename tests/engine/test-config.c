/* test-config.c: the analysis settings — setters, the JSON settings file
 * and its errors, GSettings values, and the "config" object every
 * analysis writes into its JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-analysis-config.h"
#include "uc-test-commits.h"

static void
test_config_defaults (void)
{
  UcAnalysisOptions options;

  uc_analysis_options_init (&options);
  g_assert_cmpfloat (options.ed_weights[0], ==, 0.5);
  g_assert_cmpfloat (options.ed_weights[1], ==, 0.5);
  g_assert_cmpint (options.working_hours_start, ==, 8);
  g_assert_cmpint (options.working_hours_end, ==, 19);
  g_assert_true (options.min_group_enabled);
  g_assert_cmpuint (options.min_group_size, ==, 3);
  for (guint i = 0; i < UC_N_SIGNALS; i++)
    g_assert_true (isnan (options.healthy[i]) && isnan (options.alarming[i]));
}

static void
test_config_file (void)
{
  static const char text[] =
    "{ \"bounds\": { \"CA.gini\": [0.2, 0.9], \"RV.coverage\": [0.9, 0.4] },\n"
    "  \"ed_weights\": [1, 3],\n"
    "  \"working_hours\": [9, 17],\n"
    "  \"min_group_size\": 5,\n"
    "  \"min_group_enabled\": false }\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "settings.json", NULL);
  UcAnalysisOptions options;
  int gini = uc_signal_def_index ("CA.gini");
  int coverage = uc_signal_def_index ("RV.coverage");

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  uc_analysis_options_init (&options);
  g_assert_true (uc_analysis_options_load_file (&options, path, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (options.healthy[gini], ==, 0.2);
  g_assert_cmpfloat (options.alarming[gini], ==, 0.9);
  g_assert_cmpfloat (options.healthy[coverage], ==, 0.9);
  g_assert_cmpfloat (options.alarming[coverage], ==, 0.4);
  g_assert_true (isnan (options.healthy[uc_signal_def_index ("CA.truck")]));
  g_assert_cmpfloat (options.ed_weights[0], ==, 1.0);
  g_assert_cmpfloat (options.ed_weights[1], ==, 3.0);
  g_assert_cmpint (options.working_hours_start, ==, 9);
  g_assert_cmpint (options.working_hours_end, ==, 17);
  g_assert_cmpuint (options.min_group_size, ==, 5);
  g_assert_false (options.min_group_enabled);

  /* An empty object changes nothing. */
  g_assert_true (uc_analysis_options_load_data (&options, "{}", -1, "empty.json", &error));
  g_assert_cmpint (options.working_hours_start, ==, 9);

  /* A missing file. */
  g_assert_false (uc_analysis_options_load_file (&options, "/nonexistent/settings.json", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_unlink (path);
}

static void
test_config_errors (void)
{
  const struct
  {
    const char *text;
    int         code;
    const char *message;
  } cases[] = {
    { "{", UC_ANALYSIS_CONFIG_ERROR_PARSE, "my.json: not valid JSON: " },
    { "[1, 2]", UC_ANALYSIS_CONFIG_ERROR_PARSE, "my.json: expected a JSON object" },
    { "{\"bound\": {}}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “bound”: unknown setting (expected “bounds”, “ed_weights”, “working_hours”, “min_group_size” or “min_group_enabled”)" },
    { "{\"bounds\": [0.3, 0.7]}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “bounds”: expected an object of signal ids and [healthy, alarming] pairs" },
    { "{\"bounds\": {\"CA.gnii\": [0.3, 0.7]}}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “bounds → CA.gnii”: “CA.gnii” is not a signal" },
    { "{\"bounds\": {\"CA.gini\": [0.3]}}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “bounds → CA.gini”: expected [healthy, alarming], two numbers" },
    { "{\"bounds\": {\"CA.gini\": [\"0.3\", 0.7]}}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “bounds → CA.gini”: expected [healthy, alarming], two numbers" },
    { "{\"bounds\": {\"CA.gini\": [0.5, 0.5]}}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “bounds → CA.gini”: the healthy and alarming bounds of CA.gini must differ" },
    { "{\"ed_weights\": [-1, 1]}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “ed_weights”: the Execution Debt weights must be two numbers of at least 0, not both 0" },
    { "{\"ed_weights\": [0, 0]}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “ed_weights”: the Execution Debt weights" },
    { "{\"ed_weights\": 0.5}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “ed_weights”: expected [interaction, execution], two numbers" },
    { "{\"working_hours\": [19, 8]}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “working_hours”: working hours must start between 0 and 23 and end after the start, by 24 (19–8)" },
    { "{\"working_hours\": [0, 25]}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “working_hours”: working hours must start" },
    { "{\"working_hours\": [8.5, 19]}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “working_hours”: expected [start, end], two whole hours" },
    { "{\"min_group_size\": 0}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “min_group_size”: expected a whole number from 1 to 1000" },
    { "{\"min_group_size\": \"3\"}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “min_group_size”: expected a whole number" },
    { "{\"min_group_enabled\": \"yes\"}", UC_ANALYSIS_CONFIG_ERROR_INVALID,
      "my.json: member “min_group_enabled”: expected true or false" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      UcAnalysisOptions options, before;
      g_autofree char *text = NULL;

      uc_analysis_options_init (&options);
      before = options;
      text = g_strdup (cases[i].text);
      g_assert_false (uc_analysis_options_load_data (&options, text, -1, "my.json", &error));
      g_assert_error (error, UC_ANALYSIS_CONFIG_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].message);
      g_assert_cmpmem (&options, sizeof options, &before, sizeof before);
    }

  /* A good member before a bad one is not applied either. */
  {
    g_autoptr(GError) error = NULL;
    UcAnalysisOptions options;

    uc_analysis_options_init (&options);
    g_assert_false (uc_analysis_options_load_data (&options, "{\"working_hours\": [6, 14], \"x\": 1}", -1,
                                                   "my.json", &error));
    g_assert_cmpint (options.working_hours_start, ==, 8);
  }
}

static void
test_config_setters (void)
{
  g_autoptr(GError) error = NULL;
  UcAnalysisOptions options;

  uc_analysis_options_init (&options);
  g_assert_false (uc_analysis_options_set_bounds (&options, "XX.nope", 0.1, 0.2, &error));
  g_assert_error (error, UC_ANALYSIS_CONFIG_ERROR, UC_ANALYSIS_CONFIG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (uc_analysis_options_set_bounds (&options, "CA.gini", NAN, 0.2, &error));
  g_clear_error (&error);
  g_assert_false (uc_analysis_options_set_ed_weights (&options, INFINITY, 1.0, &error));
  g_clear_error (&error);
  g_assert_false (uc_analysis_options_set_working_hours (&options, 8, 8, &error));
  g_clear_error (&error);
  g_assert_true (uc_analysis_options_set_working_hours (&options, 0, 24, &error));
  g_assert_true (uc_analysis_options_set_bounds (&options, "HD.after_hours", 0.2, 0.5, &error));
  g_assert_cmpfloat (options.healthy[uc_signal_def_index ("HD.after_hours")], ==, 0.2);
}

static void
test_config_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) bounds = NULL;
  g_autoptr(GVariant) weights = NULL;
  g_autoptr(GVariant) bad_bounds = NULL;
  g_autoptr(GVariant) bad_weights = NULL;
  UcAnalysisOptions options, before;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(dd)}"));
  g_variant_builder_add (&builder, "{s(dd)}", "TD.rework", 0.1, 0.3);
  g_variant_builder_add (&builder, "{s(dd)}", "AP.reach", 0.9, 0.3);
  bounds = g_variant_ref_sink (g_variant_builder_end (&builder));
  weights = g_variant_ref_sink (g_variant_new ("(dd)", 0.7, 0.3));

  uc_analysis_options_init (&options);
  g_assert_true (uc_analysis_options_apply_settings (&options, bounds, weights, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (options.healthy[uc_signal_def_index ("TD.rework")], ==, 0.1);
  g_assert_cmpfloat (options.alarming[uc_signal_def_index ("AP.reach")], ==, 0.3);
  g_assert_cmpfloat (options.ed_weights[0], ==, 0.7);
  /* NULL: nothing to apply. */
  g_assert_true (uc_analysis_options_apply_settings (&options, NULL, NULL, &error));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(dd)}"));
  g_variant_builder_add (&builder, "{s(dd)}", "TD.rework", 0.2, 0.4);
  g_variant_builder_add (&builder, "{s(dd)}", "TD.nope", 0.1, 0.3);
  bad_bounds = g_variant_ref_sink (g_variant_builder_end (&builder));
  before = options;
  g_assert_false (uc_analysis_options_apply_settings (&options, bad_bounds, NULL, &error));
  g_assert_error (error, UC_ANALYSIS_CONFIG_ERROR, UC_ANALYSIS_CONFIG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "signal-bounds setting: “TD.nope” is not a signal");
  g_assert_cmpmem (&options, sizeof options, &before, sizeof before);
  g_clear_error (&error);

  bad_weights = g_variant_ref_sink (g_variant_new ("(dd)", 0.0, 0.0));
  g_assert_false (uc_analysis_options_apply_settings (&options, NULL, bad_weights, &error));
  g_assert_true (g_str_has_prefix (error->message, "ed-weights setting: "));
}

/* Every analysis writes the settings it ran with; unusable settings
 * given directly fall back to the defaults. */
static void
test_config_in_analysis (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  UcAnalysisOptions options;
  JsonObject *config, *bounds;
  JsonArray *pair;
  const UcSignalValue *gini;
  int start, end;

  /* Three people, 2 / 1 / 1 commits: Gini 0.1667. */
  tc_simple (ws, "ann", uc_week_start (202610) + HOUR);
  tc_simple (ws, "ann", uc_week_start (202610) + 2 * HOUR);
  tc_simple (ws, "bob", uc_week_start (202610) + 3 * HOUR);
  tc_simple (ws, "cid", uc_week_start (202610) + 4 * HOUR);

  uc_analysis_options_init (&options);
  g_assert_true (uc_analysis_options_load_data (&options,
                                                "{\"bounds\": {\"CA.gini\": [0.1, 0.2]}, \"ed_weights\": [3, 1],"
                                                " \"working_hours\": [7, 20], \"min_group_size\": 2}",
                                                -1, "test", &error));
  g_assert_no_error (error);
  analysis = tc_analyse (ws, &options);
  gini = tc_value (analysis, GIT_REPO, "CA.gini", 0);
  g_assert_cmpfloat_with_epsilon (gini->value, 1.0 / 6.0, EPS);
  g_assert_cmpfloat_with_epsilon (gini->score, (1.0 / 6.0 - 0.1) / 0.1 * 100.0, 1e-6);

  root = uc_analysis_to_json (analysis, NULL, 0);
  config = json_object_get_object_member (json_node_get_object (root), "config");
  g_assert_nonnull (config);
  bounds = json_object_get_object_member (config, "bounds");
  g_assert_cmpuint (json_object_get_size (bounds), ==, UC_N_SIGNALS);
  pair = json_object_get_array_member (bounds, "CA.gini");
  g_assert_cmpfloat (json_array_get_double_element (pair, 0), ==, 0.1);
  g_assert_cmpfloat (json_array_get_double_element (pair, 1), ==, 0.2);
  pair = json_object_get_array_member (bounds, "HD.after_hours");
  g_assert_cmpfloat (json_array_get_double_element (pair, 0), ==, 0.10);
  g_assert_cmpfloat (json_array_get_double_element (pair, 1), ==, 0.35);
  pair = json_object_get_array_member (config, "ed_weights");
  g_assert_cmpfloat (json_array_get_double_element (pair, 0), ==, 0.75);
  g_assert_cmpfloat (json_array_get_double_element (pair, 1), ==, 0.25);
  pair = json_object_get_array_member (config, "working_hours");
  g_assert_cmpint (json_array_get_int_element (pair, 0), ==, 7);
  g_assert_cmpint (json_array_get_int_element (pair, 1), ==, 20);
  g_assert_true (json_object_get_boolean_member (config, "min_group_enabled"));
  g_assert_cmpint (json_object_get_int_member (config, "min_group_size"), ==, 2);
  g_clear_pointer (&analysis, uc_analysis_unref);

  /* Set by hand, out of range: the defaults. */
  uc_analysis_options_init (&options);
  options.min_group_enabled = FALSE;
  options.working_hours_start = 20;
  options.working_hours_end = 8;
  options.ed_weights[0] = -1.0;
  analysis = tc_analyse (ws, &options);
  uc_analysis_get_working_hours (analysis, &start, &end);
  g_assert_cmpint (start, ==, 8);
  g_assert_cmpint (end, ==, 19);
  {
    double interaction, execution;

    uc_analysis_get_ed_weights (analysis, &interaction, &execution);
    g_assert_cmpfloat (interaction, ==, 0.5);
    g_assert_cmpfloat (execution, ==, 0.5);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/config/defaults", test_config_defaults);
  g_test_add_func ("/config/file", test_config_file);
  g_test_add_func ("/config/errors", test_config_errors);
  g_test_add_func ("/config/setters", test_config_setters);
  g_test_add_func ("/config/settings", test_config_settings);
  g_test_add_func ("/config/in-analysis", test_config_in_analysis);
  return g_test_run ();
}
