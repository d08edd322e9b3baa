/* test-composites.c: the debt composites (HD, TD, ED with its weights),
 * their trends and the masked decline of SIGNALS.md §7–§10, on a
 * generated organisation and on teams built to degrade.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-analysis-config.h"
#include "uc-stats.h"
#include "uc-test-commits.h"
#include "uc-test-generator.h"

#define BASE 202601

/* ---- the formulas, on every team and week of a generated workspace ---- */

static double
mean_of (const double *values,
         guint         n)
{
  double sum = 0.0;
  guint used = 0;

  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        sum += values[i];
        used++;
      }
  return used > 0 ? sum / used : NAN;
}

static void
assert_same (double value,
             double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat_with_epsilon (value, expected, 1e-9);
}

static void
check_composites (UcAnalysis *analysis,
                  double      weight)
{
  const UcSignalDef *defs = uc_signal_defs (NULL);
  guint n_checked_ed = 0;

  for (guint t = 0; t < uc_analysis_get_n_teams (analysis); t++)
    for (guint w = 0; w < uc_analysis_get_n_weeks (analysis); w++)
      {
        double hd[UC_N_SIGNALS], td[UC_N_SIGNALS], x[3];
        guint n_hd = 0, n_td = 0;
        double hd_score, td_score, execution, interaction, ed;

        for (guint s = 0; s < UC_N_SIGNALS; s++)
          {
            double score = uc_analysis_get_value (analysis, t, s, w)->score;

            if (defs[s].family == UC_FAMILY_HD || defs[s].family == UC_FAMILY_DS ||
                g_str_equal (defs[s].id, "RV.load_gini"))
              hd[n_hd++] = score;
            if (defs[s].family == UC_FAMILY_TD)
              td[n_td++] = score;
          }
        hd_score = mean_of (hd, n_hd);
        td_score = mean_of (td, n_td);
        assert_same (uc_analysis_get_family_score (analysis, t, UC_FAMILY_HD, w), hd_score);
        assert_same (uc_analysis_get_family_score (analysis, t, UC_FAMILY_TD, w), td_score);

        x[0] = uc_analysis_get_family_score (analysis, t, UC_FAMILY_EG, w);
        x[1] = uc_analysis_get_family_score (analysis, t, UC_FAMILY_WV, w);
        x[2] = uc_analysis_get_family_score (analysis, t, UC_FAMILY_CV, w);
        execution = mean_of (x, 3);
        interaction = sqrt (hd_score * td_score);
        if (isnan (interaction))
          ed = NAN;
        else if (isnan (execution))
          ed = interaction;
        else
          {
            ed = weight * interaction + (1.0 - weight) * execution;
            n_checked_ed++;
          }
        assert_same (uc_analysis_get_family_score (analysis, t, UC_FAMILY_ED, w), ed);
      }
  /* The generated organisation has every kind of record. */
  g_assert_cmpuint (n_checked_ed, >, 100);
}

static void
test_composites_formulas (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  UcAnalysisOptions options;
  UcGenSize size;
  double interaction, execution;

  uc_gen_size_small (&size);
  g_assert_true (uc_store_commit (ws->store, &error));
  g_assert_true (uc_gen_workspace (ws->store, &size, &error));
  g_assert_no_error (error);

  analysis = tc_analyse (ws, NULL);
  check_composites (analysis, 0.5);
  g_clear_pointer (&analysis, uc_analysis_unref);

  /* Weights 1 : 3 are scaled to ¼ and ¾. */
  uc_analysis_options_init (&options);
  options.min_group_enabled = FALSE;
  g_assert_true (uc_analysis_options_set_ed_weights (&options, 1.0, 3.0, &error));
  analysis = tc_analyse (ws, &options);
  uc_analysis_get_ed_weights (analysis, &interaction, &execution);
  g_assert_cmpfloat_with_epsilon (interaction, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (execution, 0.75, 1e-12);
  check_composites (analysis, 0.25);
}

/* A team of one, by hand: two commits to src/main.c on Wednesday 20:00
 * and Thursday 10:00 UTC. HD: after hours 1 of 2 = 0.5 (score 100),
 * switching 1 area + 1 repository = 2 (score 0), overload 0 (score 0),
 * the rest no data: 100 / 3. TD: rework 0 (score 0), coupling 0 (0), the
 * one file is the hotspot (1.0, score 100) and an island (1.0, score
 * 100): 50. ED = √(HD · TD) = √(5000 / 3), with no execution evidence
 * whatever the weights. */
static void
test_composites_by_hand (void)
{
  g_autoptr(TestWs) ws = tws_new ();
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  UcAnalysisOptions options;
  TestCommit late = { "solo", tc_local (BASE, 0, 2, 20, 0, 0), 0, "M:src/main.c:3", NULL, 0, NULL };
  TestCommit day = { "solo", tc_local (BASE, 0, 3, 10, 0, 0), 0, "M:src/main.c:3", NULL, 0, NULL };

  tc_commit (ws, &late);
  tc_commit (ws, &day);
  uc_analysis_options_init (&options);
  options.min_group_enabled = FALSE;
  g_assert_true (uc_analysis_options_set_ed_weights (&options, 1.0, 3.0, &error));
  analysis = tc_analyse (ws, &options);

  g_assert_cmpfloat_with_epsilon (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_HD, 0), 100.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_TD, 0), 50.0, 1e-9);
  g_assert_true (isnan (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_CV, 0)));
  g_assert_cmpfloat_with_epsilon (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_ED, 0),
                                  sqrt (5000.0 / 3.0), 1e-9);
  g_assert_true (isnan (uc_analysis_get_family_score (analysis, 0, UC_FAMILY_AP, 0)));
  /* One week: no trend. */
  g_assert_cmpint (uc_analysis_get_family_trend (analysis, 0, UC_FAMILY_ED), ==, UC_TREND_NONE);
}

/* ---- trends and masked decline ---- */

/* Three teams of three, 15 weeks. Every member commits at 21:00 UTC on
 * six days a week, each commit touching six code areas: HD's after hours,
 * switching and overload are maxed out and steady. Atlas and Borealis
 * turn more and more commits into fixes from week 2 (TD.rework climbs to
 * 100 %), so TD and ED rise; Borealis also chats less and less, so its
 * activity falls. Cygnus stays as it is. */
static TestWs *
decline_workspace (void)
{
  TestWs *ws = tws_new ();
  const char *const teams[] = { "Atlas", "Borealis", "Cygnus" };
  const char *const areas = "M:a/x.c M:b/x.c M:c/x.c M:d/x.c M:e/x.c M:f/x.c";

  for (guint t = 0; t < G_N_ELEMENTS (teams); t++)
    for (guint m = 0; m < 3; m++)
      {
        g_autofree char *name = g_strdup_printf ("%c%u", teams[t][0], m);

        tws_roster (ws, name, teams[t], 0, 0);
      }

  for (int w = 0; w < 15; w++)
    for (guint t = 0; t < G_N_ELEMENTS (teams); t++)
      {
        double ramp = t < 2 ? CLAMP ((w - 2) / 10.0, 0.0, 1.0) : 0.0;
        guint n_fixes = (guint) floor (18 * ramp + 0.5);
        guint k = 0;

        for (guint m = 0; m < 3; m++)
          {
            g_autofree char *name = g_strdup_printf ("%c%u", teams[t][0], m);

            for (int d = 0; d < 6; d++, k++)
              {
                TestCommit c = { name, tc_local (BASE, w, d, 21, 0, 0), 0, areas, NULL,
                                 k < n_fixes ? TC_FIX : 0, NULL };

                tc_commit (ws, &c);
              }
            if (t == 1)
              for (int i = 0; i < 60 - 4 * w; i++)
                {
                  g_autoptr(GError) error = NULL;
                  g_autofree char *ext = tws_ext (ws);
                  UcMessageRow row = { 0 };

                  row.system = "slack";
                  row.channel = "borealis";
                  row.ext_id = ext;
                  row.author_identity = tws_identity (ws, name);
                  row.time = tc_local (BASE, w, 2, 10, i, 0);
                  row.body_len = 10;
                  row.source_id = ws->source;
                  uc_store_add_message (ws->store, &row, NULL, &error);
                  g_assert_no_error (error);
                }
          }
      }
  return ws;
}

static void
assert_trend_is_consistent (UcAnalysis *analysis,
                            guint       team,
                            UcFamily    family)
{
  guint n_weeks = uc_analysis_get_n_weeks (analysis);
  double y[26], x[26];
  UcMannKendall mk;
  guint n = 0;
  UcTrend expected;

  for (guint w = n_weeks > 26 ? n_weeks - 26 : 0; w < n_weeks; w++)
    {
      double score = uc_analysis_get_family_score (analysis, team, family, w);

      if (!isnan (score))
        {
          x[n] = w;
          y[n] = score;
          n++;
        }
    }
  if (n < 12 || !uc_stats_mann_kendall (x, y, n, &mk))
    expected = UC_TREND_NONE;
  else if (mk.p < 0.05 && mk.slope > 0.5)
    expected = UC_TREND_DEGRADING;
  else if (mk.p < 0.05 && mk.slope < -0.5)
    expected = UC_TREND_IMPROVING;
  else
    expected = UC_TREND_STABLE;
  g_assert_cmpint (uc_analysis_get_family_trend (analysis, team, family), ==, expected);
}

static void
test_composites_masked_decline (void)
{
  g_autoptr(TestWs) ws = decline_workspace ();
  g_autoptr(UcAnalysis) analysis = tc_analyse (ws, NULL);
  g_autoptr(JsonNode) root = NULL;
  guint atlas = (guint) uc_analysis_find_team (analysis, "Atlas");
  guint borealis = (guint) uc_analysis_find_team (analysis, "Borealis");
  guint cygnus = (guint) uc_analysis_find_team (analysis, "Cygnus");
  guint last = uc_analysis_get_n_weeks (analysis) - 1;
  double y[15], x[15];
  int decline = -2;
  int k;

  g_assert_cmpuint (last, ==, 14);
  for (guint t = 0; t < 3; t++)
    for (UcFamily f = 0; f < UC_N_FAMILIES; f++)
      assert_trend_is_consistent (analysis, t, f);

  /* HD is steady and maxed out; TD and ED climb. */
  g_assert_cmpfloat_with_epsilon (uc_analysis_get_family_score (analysis, atlas, UC_FAMILY_HD, last), 100.0, 1e-9);
  g_assert_cmpint (uc_analysis_get_family_trend (analysis, atlas, UC_FAMILY_HD), ==, UC_TREND_STABLE);
  g_assert_cmpint (uc_analysis_get_family_trend (analysis, atlas, UC_FAMILY_TD), ==, UC_TREND_DEGRADING);
  g_assert_cmpint (uc_analysis_get_family_trend (analysis, atlas, UC_FAMILY_ED), ==, UC_TREND_DEGRADING);
  g_assert_cmpint (uc_analysis_get_family_trend (analysis, borealis, UC_FAMILY_ED), ==, UC_TREND_DEGRADING);
  g_assert_cmpint (uc_analysis_get_family_trend (analysis, cygnus, UC_FAMILY_ED), ==, UC_TREND_STABLE);
  /* Eleven weeks are not enough for a trend. */
  g_assert_cmpint (uc_analysis_get_family_trend_at (analysis, atlas, UC_FAMILY_ED, 10), ==, UC_TREND_NONE);

  /* Atlas: activity flat while ED degrades: masked. The decline starts at
   * the least-squares change point of the ED series. */
  g_assert_true (uc_analysis_get_masked_decline (analysis, atlas, last, &decline));
  for (guint w = 0; w <= last; w++)
    {
      x[w] = w;
      y[w] = uc_analysis_get_family_score (analysis, atlas, UC_FAMILY_ED, w);
    }
  k = uc_stats_change_point (y, last + 1);
  g_assert_cmpint (k, >=, 0);
  g_assert_cmpint (decline, ==, (int) x[k]);
  g_assert_cmpint (decline, >=, 3);
  g_assert_cmpint (decline, <=, 12);
  /* Borealis degrades too, but its activity falls: not masked, yet the
   * decline has a start. */
  g_assert_false (uc_analysis_get_masked_decline (analysis, borealis, last, &decline));
  g_assert_cmpint (decline, >=, 0);
  g_assert_false (uc_analysis_get_masked_decline (analysis, cygnus, last, &decline));
  g_assert_cmpint (decline, ==, -1);

  /* The same in the analyze JSON. */
  root = uc_analysis_to_json (analysis, NULL, 0);
  {
    JsonArray *teams = json_object_get_array_member (json_node_get_object (root), "teams");
    JsonObject *team = json_array_get_object_element (teams, atlas);
    JsonObject *families = json_object_get_object_member (team, "families");
    g_autofree char *label = NULL;

    uc_analysis_get_masked_decline (analysis, atlas, last, &decline);
    label = uc_week_format (uc_analysis_get_week (analysis, (guint) decline));
    g_assert_true (json_object_get_boolean_member (team, "masked_decline"));
    g_assert_cmpstr (json_object_get_string_member (team, "decline_started"), ==, label);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (families, "ED"), "trend"),
                     ==, "degrading");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_object_get_object_member (team, "series"), "TD")), ==, 15);

    team = json_array_get_object_element (teams, cygnus);
    g_assert_false (json_object_get_boolean_member (team, "masked_decline"));
    g_assert_true (json_object_get_null_member (team, "decline_started"));
  }
}

/* The statistics behind the trends, on series built by hand. */
static void
test_composites_series (void)
{
  double flat_then_up[20], noisy[20];
  UcMannKendall mk;

  for (guint i = 0; i < 20; i++)
    {
      flat_then_up[i] = i < 8 ? 30.0 : 30.0 + 2.0 * (i - 7);
      noisy[i] = 40.0 + ((i * 7) % 5) - 2.0;
    }
  g_assert_true (uc_stats_mann_kendall (NULL, flat_then_up, 20, &mk));
  g_assert_cmpfloat (mk.p, <, 0.05);
  g_assert_cmpfloat (mk.slope, >, 0.5);
  /* The best split into two means falls inside the climb. */
  g_assert_cmpint (uc_stats_change_point (flat_then_up, 20), >=, 8);
  g_assert_cmpint (uc_stats_change_point (flat_then_up, 20), <=, 14);

  g_assert_true (uc_stats_mann_kendall (NULL, noisy, 20, &mk));
  g_assert_cmpfloat (mk.p, >=, 0.05);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/composites/formulas", test_composites_formulas);
  g_test_add_func ("/composites/by-hand", test_composites_by_hand);
  g_test_add_func ("/composites/masked-decline", test_composites_masked_decline);
  g_test_add_func ("/composites/series", test_composites_series);
  return g_test_run ();
}
