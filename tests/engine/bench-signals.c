/* bench-signals.c: the signal engine's speed targets (issue 4).
 *
 *   bench-signals [--keep] WORKSPACE
 *
 * Generates the benchmark workspace (uc-test-generator.h: 100 000
 * commits, 30 000 change requests, 100 000 reviews and comments, 20 000
 * items) unless WORKSPACE exists, then prints the time of a full analysis
 * and the peak memory of the process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "uc-analysis.h"
#include "uc-test-generator.h"

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU seconds of the process (user + system): on a busy machine the
 * wall clock also counts the time other processes ran. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  double *c0 = user_data;

  if (g_getenv ("UC_BENCH_VERBOSE") != NULL)
    g_print ("  %.3f s CPU: %.2f %s\n", cpu_seconds () - *c0, fraction, message != NULL ? message : "");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autoptr(UcAnalysis) analysis = NULL;
  UcGenSize size;
  double t0, c0;

  if (argc != 2)
    {
      g_printerr ("usage: bench-signals WORKSPACE\n");
      return 2;
    }
  uc_gen_size_benchmark (&size);
  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_print ("generating %s...\n", argv[1]);
      t0 = now ();
      store = uc_store_create (argv[1], &error);
      if (store == NULL || !uc_gen_workspace (store, &size, &error))
        {
          g_printerr ("bench-signals: %s\n", error->message);
          return 1;
        }
      g_print ("generated in %.1f s\n", now () - t0);
      g_clear_object (&store);
    }

  store = uc_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("bench-signals: %s\n", error->message);
      return 1;
    }
  t0 = now ();
  c0 = cpu_seconds ();
  analysis = uc_analysis_run (store, NULL, progress_cb, &c0, NULL, &error);
  if (analysis == NULL)
    {
      g_printerr ("bench-signals: %s\n", error->message);
      return 1;
    }
  if (g_getenv ("UC_BENCH_DUMP") != NULL && uc_analysis_get_n_weeks (analysis) > 0)
    {
      const UcSignalDef *defs = uc_signal_defs (NULL);
      guint week = uc_analysis_get_n_weeks (analysis) - 1;

      for (guint t = 0; t < uc_analysis_get_n_teams (analysis); t++)
        {
          g_print ("%s:", uc_analysis_get_team (analysis, t)->name);
          for (guint s = 0; s < UC_N_SIGNALS; s++)
            {
              const UcSignalValue *v = uc_analysis_get_value (analysis, t, s, week - 2);

              g_print (" %s=%.3g(%" G_GINT64_FORMAT ")", defs[s].id, v->value, v->coverage);
            }
          g_print ("\n");
        }
    }
  g_print ("full analysis: %.3f s wall, %.3f s CPU (%u teams, %u weeks), peak %.0f MiB\n",
           now () - t0, cpu_seconds () - c0, uc_analysis_get_n_teams (analysis),
           uc_analysis_get_n_weeks (analysis), peak_mib ());
  return 0;
}
