/* test-report.c: the PDF summary, end to end from a small workspace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>

#include "uc-engine.h"

#define LONG_TEAM "Borealis platform infrastructure and developer experience group"

typedef struct
{
  char       *dir;        /* owned: a temporary folder */
  char       *path;       /* owned: the workspace */
  UcStore    *store;      /* owned */
  UcAnalysis *analysis;   /* owned */
} Fixture;

/* ---- a small workspace: two teams of four people, ten weeks ---- */

static void
add_team (UcStore    *store,
          UcId        source,
          const char *team_name,
          const char *domain,
          guint       team_index,
          GError    **error)
{
  static const char *people[] = { "Ann", "Bob", "Chen", "Dee" };
  UcId repo, team;
  UcId identities[G_N_ELEMENTS (people)];
  UcTime start = uc_week_start (202610);
  guint n_commits = 0;

  /* The repository carries the team's name too, so the default team (the
   * repository a person commits to most) and the roster team agree. */
  repo = uc_store_ensure_repo (store, team_name, "git", source, error);
  g_assert_no_error (*error);
  team = uc_store_ensure_team (store, team_name, source, error);
  g_assert_no_error (*error);

  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    {
      g_autofree char *email = g_strdup_printf ("%s@%s", people[p], domain);
      g_autofree char *name = g_strdup_printf ("%s %s", people[p], domain);

      identities[p] = uc_store_ensure_identity (store, "email", email, name, 0, source, error);
      g_assert_no_error (*error);
      g_assert_true (uc_store_add_person_team (store, uc_store_identity_person (store, identities[p]),
                                               team, 0, 0, source, error));
    }

  for (guint week = 0; week < 10; week++)
    for (guint p = 0; p < G_N_ELEMENTS (people); p++)
      {
        /* Uneven on purpose: the first person writes most of the code. */
        guint n = p == 0 ? 4 + week % 3 : 1 + (week + p + team_index) % 2;

        for (guint c = 0; c < n; c++)
          {
            g_autofree char *sha = g_strdup_printf ("%08x%032x", team_index, n_commits);
            g_autofree char *file_path = g_strdup_printf ("src/%s/module%u.c",
                                                          p == 0 ? "core" : "ui", (c + week) % 4);
            UcCommitRow row = { 0 };
            gboolean inserted = FALSE;
            UcId commit, file;

            row.repo_id = repo;
            row.sha = sha;
            row.author_identity = identities[p];
            row.committer_identity = identities[p];
            row.author_time = start + week * 7 * 86400 + (p + 1) * 3600 * 10 + c * 600;
            row.author_tz = 60;
            row.commit_time = row.author_time;
            row.commit_tz = 60;
            row.n_parents = 1;
            row.subject_len = 30;
            row.source_id = source;
            commit = uc_store_add_commit (store, &row, &inserted, error);
            g_assert_no_error (*error);
            g_assert_true (inserted);

            file = uc_store_ensure_file (store, repo, file_path, error);
            g_assert_no_error (*error);
            g_assert_true (uc_store_add_file_change (store, commit, file,
                                                     week == 0 && c == 0 ? UC_CHANGE_ADDED
                                                                         : UC_CHANGE_MODIFIED,
                                                     0, 10 + c, 2, FALSE, error));
            n_commits++;
          }
      }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  UcAnalysisOptions options;
  UcId source;

  fixture->dir = g_dir_make_tmp ("uc-report-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "acme-diagnostic.undercurrent", NULL);
  fixture->store = uc_store_create (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (uc_store_begin (fixture->store, &error));
  source = uc_store_add_source (fixture->store, "git-repo", "/srv/acme", "sum-1", NULL, &error);
  g_assert_no_error (error);
  add_team (fixture->store, source, "Atlas", "atlas.example", 0, &error);
  add_team (fixture->store, source, LONG_TEAM, "borealis.example", 1, &error);
  g_assert_true (uc_store_finish_source (fixture->store, source, 1000, 0,
                                         uc_week_start (202610), uc_week_start (202620), &error));
  g_assert_true (uc_store_commit (fixture->store, &error));

  uc_analysis_options_init (&options);
  fixture->analysis = uc_analysis_run (fixture->store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->analysis);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->analysis, uc_analysis_unref);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* ---- helpers ---- */

static gboolean
have_poppler (void)
{
  static const char *tools[] = { "pdfinfo", "pdftotext", "pdftoppm" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *found = g_find_program_in_path (tools[i]);

      if (found == NULL)
        return FALSE;
    }
  return TRUE;
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return g_steal_pointer (&out);
}

/* Names of the files in @dir other than the workspace's. */
static guint
count_stray_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "acme-diagnostic.undercurrent") && !g_str_has_suffix (name, ".pdf")
        && !g_str_has_suffix (name, ".png"))
      {
        g_test_message ("stray file: %s", name);
        n++;
      }
  return n;
}

static void
assert_page_not_blank (const char *pdf,
                       const char *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1",
                         "-singlefile", pdf, prefix, NULL };
  g_autofree char *out = run_tool (argv);
  cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
  double sum = 0.0, sum2 = 0.0, n = 0.0;
  guint32 *data;
  int w, h, stride;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  /* A4 at 40 dpi is 331 × 468. */
  g_assert_cmpint (w, >, 300);
  g_assert_cmpint (h, >, 400);
  data = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = data[y * stride + x];
        double l = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);

        sum += l;
        sum2 += l * l;
        n += 1.0;
      }
  g_test_message ("page mean %.1f, variance %.1f", sum / n, sum2 / n - (sum / n) * (sum / n));
  /* Mostly white paper, with real ink on it. */
  g_assert_cmpfloat (sum / n, >, 180.0);
  g_assert_cmpfloat (sum2 / n - (sum / n) * (sum / n), >, 200.0);
  cairo_surface_destroy (surface);
  g_remove (png);
}

typedef struct
{
  double        last;
  guint         calls;
  GCancellable *cancel_at;   /* cancelled once the fraction passes 0.3 */
} ProgressLog;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  ProgressLog *log = user_data;

  g_assert_cmpfloat (fraction, >=, log->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_nonnull (message);
  log->last = fraction;
  log->calls++;
  if (log->cancel_at != NULL && fraction > 0.3)
    g_cancellable_cancel (log->cancel_at);
}

/* ---- tests ---- */

static void
test_report_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "summary.pdf", NULL);
  g_autofree char *contents = NULL;
  ProgressLog log = { 0 };
  UcReportOptions options;
  gsize length;
  guint n_teams;

  n_teams = uc_analysis_get_n_teams (fixture->analysis);
  g_assert_cmpuint (n_teams, >=, 1);
  g_assert_cmpuint (n_teams, <=, 3);

  uc_report_options_init (&options);
  g_assert_true (uc_report_write_pdf (fixture->store, fixture->analysis, pdf, &options,
                                      progress_cb, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.calls, >=, 3);
  g_assert_cmpfloat (log.last, ==, 1.0);

  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (count_stray_files (fixture->dir), ==, 0);

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils (pdfinfo, pdftotext, pdftoppm) are not installed");
      return;
    }

  {
    const char *argv[] = { "pdfinfo", pdf, NULL };
    g_autofree char *info = run_tool (argv);

    g_test_message ("%s", info);
    g_assert_nonnull (g_strrstr (info, "Pages:"));
    g_assert_true (g_regex_match_simple ("^Pages: +1$", info, G_REGEX_MULTILINE, 0));
    /* The title defaults to the workspace's file name. */
    g_assert_true (g_regex_match_simple ("^Title: +acme-diagnostic$", info, G_REGEX_MULTILINE, 0));
    g_assert_true (g_regex_match_simple ("^Author: +Undercurrent$", info, G_REGEX_MULTILINE, 0));
    g_assert_true (g_regex_match_simple ("^Creator: +Undercurrent " PACKAGE_VERSION "$", info,
                                         G_REGEX_MULTILINE, 0));
    g_assert_true (g_regex_match_simple ("^CreationDate: ", info, G_REGEX_MULTILINE, 0));
    g_assert_true (g_regex_match_simple ("^Page size: +595.28 x 841.89", info, G_REGEX_MULTILINE, 0));
  }

  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    g_autofree char *text = run_tool (argv);

    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "acme-diagnostic"));
    g_assert_nonnull (strstr (text, "Contribution asymmetry (CA)"));
    g_assert_nonnull (strstr (text, "CA.gini"));
    g_assert_nonnull (strstr (text, "Teams"));
    g_assert_nonnull (strstr (text, "Page 1 of 1"));
    g_assert_nonnull (strstr (text, fixture->path));
    /* Every team is named; long names at least by their start. */
    for (guint t = 0; t < n_teams; t++)
      {
        const UcTeamInfo *team = uc_analysis_get_team (fixture->analysis, t);
        g_autofree char *start = g_utf8_substring (team->name, 0,
                                                   MIN (g_utf8_strlen (team->name, -1), 18));

        g_assert_nonnull (strstr (text, start));
      }
  }

  assert_page_not_blank (pdf, fixture->dir);
}

static void
test_report_letter_title (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "letter.pdf", NULL);
  UcReportOptions options;

  uc_report_options_init (&options);
  g_assert_cmpint (options.paper, ==, UC_REPORT_PAPER_A4);
  g_assert_null (options.title);
  options.paper = UC_REPORT_PAPER_LETTER;
  options.title = "Ünïcode & <Co> review";
  g_assert_true (uc_report_write_pdf (fixture->store, fixture->analysis, pdf, &options,
                                      NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }
  {
    const char *argv[] = { "pdfinfo", pdf, NULL };
    g_autofree char *info = run_tool (argv);

    g_assert_true (g_regex_match_simple ("^Page size: +612 x 792", info, G_REGEX_MULTILINE, 0));
    g_assert_nonnull (strstr (info, "Ünïcode & <Co> review"));
  }
  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    g_autofree char *text = run_tool (argv);

    g_assert_nonnull (strstr (text, "Ünïcode & <Co> review"));
  }
  assert_page_not_blank (pdf, fixture->dir);
}

static void
test_report_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *pdf = g_build_filename (fixture->dir, "cancelled.pdf", NULL);
  g_autofree char *contents = NULL;
  ProgressLog log = { 0 };

  /* Cancelled before it starts: nothing is written. */
  g_cancellable_cancel (cancellable);
  g_assert_false (uc_report_write_pdf (fixture->store, fixture->analysis, pdf, NULL,
                                       NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* Cancelled half way, over an existing file: the old file stays as it
   * was and no temporary file is left behind. */
  g_assert_true (g_file_set_contents (pdf, "old report", -1, &error));
  g_cancellable_reset (cancellable);
  log.cancel_at = cancellable;
  g_assert_false (uc_report_write_pdf (fixture->store, fixture->analysis, pdf, NULL,
                                       progress_cb, &log, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (log.last, <, 1.0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old report");
  g_assert_cmpuint (count_stray_files (fixture->dir), ==, 0);
}

static void
test_report_unwritable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "folder", "r.pdf", NULL);

  g_assert_false (uc_report_write_pdf (fixture->store, fixture->analysis, missing, NULL,
                                       NULL, NULL, NULL, &error));
  g_assert_error (error, UC_REPORT_ERROR, UC_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* A folder in the way. */
  g_assert_false (uc_report_write_pdf (fixture->store, fixture->analysis, fixture->dir, NULL,
                                       NULL, NULL, NULL, &error));
  g_assert_error (error, UC_REPORT_ERROR, UC_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, fixture->dir));
  g_assert_cmpuint (count_stray_files (fixture->dir), ==, 0);
}

static void
test_report_chart_for_signal (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(UcLineChart) chart = NULL;
  g_autoptr(UcLineChart) unknown = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_start = NULL;
  guint n_weeks = uc_analysis_get_n_weeks (fixture->analysis);
  guint n_teams = uc_analysis_get_n_teams (fixture->analysis);
  int sig = uc_signal_def_index ("CA.gini");
  gboolean any_value = FALSE;
  int week_key;
  cairo_surface_t *surface;
  cairo_t *cr;
  UcChartStyle style;

  g_assert_cmpint (sig, >=, 0);
  chart = uc_line_chart_new_for_signal (fixture->analysis, "CA.gini");
  g_assert_nonnull (chart);
  g_assert_cmpstr (chart->name, ==, "CA.gini");
  g_assert_nonnull (strstr (chart->title, "CA.gini"));
  g_assert_cmpuint (chart->x_labels->len, ==, n_weeks);
  g_assert_cmpuint (chart->series->len, ==, n_teams);
  g_assert_cmpint (chart->marker_index, ==, -1);
  for (guint w = 0; w < n_weeks; w++)
    {
      g_assert_true (uc_week_parse (g_ptr_array_index (chart->x_labels, w), &week_key));
      g_assert_cmpint (week_key, ==, uc_analysis_get_week (fixture->analysis, w));
    }
  for (guint t = 0; t < n_teams; t++)
    {
      const UcChartSeries *series = g_ptr_array_index (chart->series, t);

      g_assert_cmpstr (series->label, ==, uc_analysis_get_team (fixture->analysis, t)->name);
      g_assert_cmpuint (series->values->len, ==, n_weeks);
      for (guint w = 0; w < n_weeks; w++)
        {
          double v = g_array_index (series->values, double, w);
          const UcSignalValue *value = uc_analysis_get_value (fixture->analysis, t, (guint) sig, w);

          /* Raw values; no data stays a gap, never 0. */
          if (isnan (value->value))
            g_assert_true (isnan (v));
          else
            {
              g_assert_cmpfloat (v, ==, value->value);
              any_value = TRUE;
            }
        }
    }
  g_assert_true (any_value);

  text = uc_line_chart_describe (chart);
  expected_start = g_strdup_printf ("CA.gini for %u team", n_teams);
  g_assert_true (g_str_has_prefix (text, expected_start));
  g_assert_nonnull (strstr (text, "latest: "));

  /* The same chart draws on an image. */
  uc_chart_style_init_light (&style);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 270);
  cr = cairo_create (surface);
  uc_line_chart_draw (cr, 480, 270, chart, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* An unknown signal: the weeks, no series, "no data". */
  unknown = uc_line_chart_new_for_signal (fixture->analysis, "XX.nothing");
  g_assert_cmpuint (unknown->series->len, ==, 0);
  g_assert_cmpuint (unknown->x_labels->len, ==, n_weeks);
  g_clear_pointer (&text, g_free);
  text = uc_line_chart_describe (unknown);
  g_assert_cmpstr (text, ==, "XX.nothing: no data.");
}

static void
test_report_empty_workspace (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("uc-report-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.undercurrent", NULL);
  g_autofree char *pdf = g_build_filename (dir, "empty.pdf", NULL);
  g_autoptr(UcStore) store = NULL;
  g_autoptr(UcAnalysis) analysis = NULL;
  UcAnalysisOptions options;

  g_assert_no_error (error);
  store = uc_store_create (path, &error);
  g_assert_no_error (error);
  uc_analysis_options_init (&options);
  analysis = uc_analysis_run (store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (uc_report_write_pdf (store, analysis, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  if (have_poppler ())
    {
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
      g_autofree char *text = run_tool (argv);

      g_assert_nonnull (strstr (text, "empty"));
      g_assert_nonnull (strstr (text, "No data"));
      g_assert_nonnull (strstr (text, "No team has activity"));
    }

  g_clear_pointer (&analysis, uc_analysis_unref);
  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/report/pdf", test_report_pdf);
  ADD ("/report/letter-title", test_report_letter_title);
  ADD ("/report/cancel", test_report_cancel);
  ADD ("/report/unwritable", test_report_unwritable);
  ADD ("/report/chart-for-signal", test_report_chart_for_signal);
#undef ADD
  g_test_add_func ("/report/empty-workspace", test_report_empty_workspace);

  return g_test_run ();
}
