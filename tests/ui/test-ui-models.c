/* test-ui-models.c: the UI's models without widgets: recent workspaces,
 * job progress across threads, score bands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "uc-job.h"
#include "uc-recent.h"
#include "uc-team-row.h"
#include "uc-test-ui.h"

static void
test_recent (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) list = NULL;
  g_auto(GStrv) stored = NULL;

  g_settings_reset (settings, "recent-workspaces");
  list = uc_recent_list (settings);
  g_assert_cmpuint (g_strv_length (list), ==, 0);
  g_clear_pointer (&list, g_strfreev);

  uc_recent_add (settings, "/a.undercurrent");
  uc_recent_add (settings, "/b.undercurrent");
  uc_recent_add (settings, "/a.undercurrent");
  list = uc_recent_list (settings);
  g_assert_cmpuint (g_strv_length (list), ==, 2);
  g_assert_cmpstr (list[0], ==, "/a.undercurrent");
  g_assert_cmpstr (list[1], ==, "/b.undercurrent");
  g_clear_pointer (&list, g_strfreev);

  /* At most ten, most recent first: the oldest fall off. */
  for (guint i = 0; i < 15; i++)
    {
      g_autofree char *path = g_strdup_printf ("/w%02u.undercurrent", i);

      uc_recent_add (settings, path);
    }
  list = uc_recent_list (settings);
  g_assert_cmpuint (g_strv_length (list), ==, UC_RECENT_MAX);
  g_assert_cmpstr (list[0], ==, "/w14.undercurrent");
  g_assert_cmpstr (list[9], ==, "/w05.undercurrent");
  g_clear_pointer (&list, g_strfreev);
  stored = g_settings_get_strv (settings, "recent-workspaces");
  g_assert_cmpuint (g_strv_length (stored), ==, UC_RECENT_MAX);

  uc_recent_remove (settings, "/w10.undercurrent");
  uc_recent_remove (settings, "/not-there.undercurrent");
  list = uc_recent_list (settings);
  g_assert_cmpuint (g_strv_length (list), ==, UC_RECENT_MAX - 1);
  g_assert_false (g_strv_contains ((const char * const *)list, "/w10.undercurrent"));
  g_assert_cmpstr (list[0], ==, "/w14.undercurrent");
  g_clear_pointer (&list, g_strfreev);

  /* A hand-edited list with blanks and too many entries is read sanely. */
  {
    const char *messy[] = { "", "/x.undercurrent", "", "/1", "/2", "/3", "/4",
                            "/5", "/6", "/7", "/8", "/9", "/10", NULL };

    g_settings_set_strv (settings, "recent-workspaces", messy);
    list = uc_recent_list (settings);
    g_assert_cmpuint (g_strv_length (list), ==, UC_RECENT_MAX);
    g_assert_cmpstr (list[0], ==, "/x.undercurrent");
  }

  g_settings_reset (settings, "recent-workspaces");
}

static gpointer
report_progress (gpointer data)
{
  UcJob *job = data;

  for (guint i = 0; i <= 1000; i++)
    {
      g_autofree char *message = g_strdup_printf ("step %u", i);

      uc_job_progress (i / 1000.0, message, job);
      g_usleep (500);
    }
  return NULL;
}

static void
count_notify_cb (UcJob      *job,
                 GParamSpec *pspec,
                 guint      *count)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*count)++;
}

static gboolean
job_finished (gpointer data)
{
  UcJob *job = data;

  return uc_job_get_fraction (job) == 1.0 &&
         g_strcmp0 (uc_job_get_message (job), "step 1000") == 0;
}

static gboolean
fraction_unknown (gpointer data)
{
  return uc_job_get_fraction (data) < 0.0;
}

static void
test_job_progress (void)
{
  g_autoptr(UcJob) job = uc_job_new ("Counting");
  GThread *thread;
  guint n_notifies = 0;
  gint64 start, elapsed;

  g_assert_cmpstr (uc_job_get_title (job), ==, "Counting");
  g_assert_cmpfloat (uc_job_get_fraction (job), ==, -1.0);
  g_assert_null (uc_job_get_message (job));
  g_assert_false (uc_job_is_cancelled (job));

  g_signal_connect (job, "notify::fraction", G_CALLBACK (count_notify_cb), &n_notifies);

  start = g_get_monotonic_time ();
  thread = g_thread_new ("progress", report_progress, job);
  uc_test_ui_wait_until (job_finished, job, 30);
  g_thread_join (thread);
  elapsed = g_get_monotonic_time () - start;

  /* ≤ 10 updates a second reached the main thread (plus the first). */
  g_assert_cmpuint (n_notifies, >=, 1);
  g_assert_cmpuint (n_notifies, <=, 2 + (guint) (elapsed / (G_USEC_PER_SEC / 10)));

  /* Unknown progress. */
  uc_job_progress (-0.5, NULL, job);
  uc_job_progress (NAN, NULL, job);
  uc_test_ui_wait_until (fraction_unknown, job, 5);
  g_assert_cmpstr (uc_job_get_message (job), ==, "step 1000");

  uc_job_cancel (job);
  g_assert_true (uc_job_is_cancelled (job));
  g_assert_true (g_cancellable_is_cancelled (uc_job_get_cancellable (job)));

  g_signal_handlers_disconnect_by_func (job, count_notify_cb, &n_notifies);
  uc_test_ui_flush ();
  g_assert_finalize_object (g_steal_pointer (&job));
}

static gboolean
job_at_one (gpointer data)
{
  return uc_job_get_fraction (data) == 1.0;
}

static void
test_job_unknown (void)
{
  g_autoptr(UcJob) job = uc_job_new (NULL);

  uc_job_progress (0.5, "half", job);
  uc_job_progress (2.0, NULL, job);
  uc_test_ui_flush ();
  uc_test_ui_wait_until (job_at_one, job, 5);
  g_assert_cmpfloat (uc_job_get_fraction (job), ==, 1.0);
  g_assert_cmpstr (uc_job_get_message (job), ==, "half");

  uc_job_progress (-3.0, NULL, job);
  uc_test_ui_wait_until (fraction_unknown, job, 5);
  g_assert_cmpfloat (uc_job_get_fraction (job), ==, -1.0);

  uc_test_ui_flush ();
  g_assert_finalize_object (g_steal_pointer (&job));
}

static void
test_score_band_names (void)
{
  g_assert_cmpstr (uc_score_band_name (uc_score_band (0.0)), ==, "good");
  g_assert_cmpstr (uc_score_band_name (uc_score_band (50.0)), ==, "warning");
  g_assert_cmpstr (uc_score_band_name (uc_score_band (100.0)), ==, "bad");
  g_assert_cmpstr (uc_score_band_name (uc_score_band (NAN)), ==, "none");
}

int
main (int   argc,
      char *argv[])
{
  if (!uc_test_ui_init (&argc, &argv))
    return 77;

  g_test_add_func ("/ui/models/recent", test_recent);
  g_test_add_func ("/ui/models/job-progress", test_job_progress);
  g_test_add_func ("/ui/models/job-unknown", test_job_unknown);
  g_test_add_func ("/ui/models/score-band-names", test_score_band_names);

  return uc_test_ui_finish (g_test_run ());
}
