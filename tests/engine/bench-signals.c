/* bench-signals.c: the signal engine's speed targets (issue 4).
 *
 *   bench-signals WORKSPACE
 *
 * Generates the benchmark workspace (uc-test-generator.h: 100 000
 * commits, 30 000 change requests, 100 000 reviews and comments, 20 000
 * items) unless WORKSPACE exists, then works on a copy of it
 * (WORKSPACE.work) and prints, each as wall-clock and CPU seconds:
 *
 *   - a full analysis (every family, team and week), uc_analysis_run;
 *   - the first cached run (the same, plus writing the cache);
 *   - a cached run with nothing changed;
 *   - a small import (40 commits, 4 change requests with their reviews
 *     and comments, in the last week) and the incremental run after it,
 *     checked against a full analysis;
 *
 * and the peak memory of the process. Set UC_BENCH_VERBOSE for the
 * progress of the full analysis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "uc-analysis.h"
#include "uc-analysis-cache.h"
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

typedef struct
{
  double wall;
  double cpu;
} Clock;

static void
clock_start (Clock *clock)
{
  clock->wall = now ();
  clock->cpu = cpu_seconds ();
}

static void
clock_print (Clock      *clock,
             const char *what)
{
  g_print ("%-34s %7.3f s wall, %7.3f s CPU\n", what, now () - clock->wall, cpu_seconds () - clock->cpu);
}

static gboolean
same_values (UcAnalysis *a,
             UcAnalysis *b)
{
  if (uc_analysis_get_n_weeks (a) != uc_analysis_get_n_weeks (b) ||
      uc_analysis_get_n_teams (a) != uc_analysis_get_n_teams (b))
    return FALSE;
  for (guint t = 0; t < uc_analysis_get_n_teams (a); t++)
    for (guint s = 0; s < UC_N_SIGNALS; s++)
      for (guint w = 0; w < uc_analysis_get_n_weeks (a); w++)
        {
          const UcSignalValue *x = uc_analysis_get_value (a, t, s, w);
          const UcSignalValue *y = uc_analysis_get_value (b, t, s, w);

          if (x->coverage != y->coverage || isnan (x->value) != isnan (y->value) ||
              (!isnan (x->value) && x->value != y->value))
            return FALSE;
        }
  return TRUE;
}

static int
fail (GError *error)
{
  g_printerr ("bench-signals: %s\n", error->message);
  g_error_free (error);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  GError *error = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autoptr(UcAnalysis) full = NULL;
  g_autoptr(UcAnalysis) cached = NULL;
  g_autofree char *work = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  UcGenSize size;
  Clock clock;
  double c0;
  guint from;

  if (argc != 2)
    {
      g_printerr ("usage: bench-signals WORKSPACE\n");
      return 2;
    }
  uc_gen_size_benchmark (&size);
  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_print ("generating %s (once)...\n", argv[1]);
      clock_start (&clock);
      store = uc_store_create (argv[1], &error);
      if (store == NULL || !uc_gen_workspace (store, &size, &error))
        return fail (error);
      clock_print (&clock, "generated");
      g_clear_object (&store);
    }
  g_print ("workspace: %u commits, %u change requests, %u reviews and %u comments, %u items\n",
           size.n_commits, size.n_crs, size.n_reviews, size.n_comments, size.n_items);

  /* A copy to import into. */
  work = g_strconcat (argv[1], ".work", NULL);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (work, suffixes[i], NULL);

      g_unlink (file);
    }
  source = g_file_new_for_path (argv[1]);
  target = g_file_new_for_path (work);
  if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    return fail (error);
  store = uc_store_open (work, &error);
  if (store == NULL)
    return fail (error);
  /* Warm the page cache, as a second run would find it. */
  g_clear_pointer (&full, uc_analysis_unref);
  full = uc_analysis_run (store, NULL, NULL, NULL, NULL, &error);
  g_clear_pointer (&full, uc_analysis_unref);

  c0 = cpu_seconds ();
  clock_start (&clock);
  full = uc_analysis_run (store, NULL, progress_cb, &c0, NULL, &error);
  if (full == NULL)
    return fail (error);
  clock_print (&clock, "full analysis");
  g_print ("  %u teams, %u weeks\n", uc_analysis_get_n_teams (full), uc_analysis_get_n_weeks (full));

  clock_start (&clock);
  cached = uc_analysis_run_cached (store, NULL, NULL, NULL, NULL, &error);
  if (cached == NULL)
    return fail (error);
  clock_print (&clock, "first cached run (writes cache)");
  g_clear_pointer (&cached, uc_analysis_unref);

  clock_start (&clock);
  cached = uc_analysis_run_cached (store, NULL, NULL, NULL, NULL, &error);
  if (cached == NULL)
    return fail (error);
  clock_print (&clock, "cached run, nothing changed");
  g_assert (uc_analysis_get_origin (cached, NULL) == UC_ANALYSIS_CACHED);
  g_clear_pointer (&cached, uc_analysis_unref);

  clock_start (&clock);
  if (!uc_gen_increment (store, &size, "bench", 40, (gint64) size.n_weeks * 7 - 5, &error))
    return fail (error);
  clock_print (&clock, "small import (40 commits)");

  clock_start (&clock);
  cached = uc_analysis_run_cached (store, NULL, NULL, NULL, NULL, &error);
  if (cached == NULL)
    return fail (error);
  clock_print (&clock, "incremental run after it");
  uc_analysis_get_origin (cached, &from);
  g_print ("  recomputed weeks %u to %u of %u\n", from, uc_analysis_get_n_weeks (cached) - 1,
           uc_analysis_get_n_weeks (cached));

  g_clear_pointer (&full, uc_analysis_unref);
  full = uc_analysis_run (store, NULL, NULL, NULL, NULL, &error);
  if (full == NULL)
    return fail (error);
  g_print ("  incremental == full: %s\n", same_values (cached, full) ? "yes" : "NO");
  g_print ("peak memory: %.0f MiB\n", peak_mib ());

  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (work, suffixes[i], NULL);

      g_unlink (file);
    }
  return same_values (cached, full) ? 0 : 1;
}
