/* uc-signals-util.c: rolling-window accumulators and evidence helpers
 * shared by the record families (RV, DS, CV, WV, EG).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-analysis-private.h"
#include "uc-stats.h"

int
_uc_analysis_week_index (UcAnalysis *self,
                         UcTime      time)
{
  if (self->n_weeks == 0 || time < self->week_starts[0] || time >= self->week_starts[self->n_weeks])
    return -1;
  return (int) ((time - self->week_starts[0]) / UC_SECONDS_PER_WEEK);
}

gboolean
_uc_analysis_in_window (UcAnalysis *self,
                        guint       week,
                        int         window_weeks,
                        UcTime      time)
{
  return time >= _uc_analysis_window_start (self, week, window_weeks) &&
         time < self->week_starts[week + 1];
}

int
_uc_an_item_category_at (UcAnalysis     *self,
                         const UcAnItem *item,
                         UcTime          time)
{
  UcAnRecords *records = &self->records;
  int category = -1;
  gboolean any = FALSE;

  for (guint i = 0; i < item->n_status; i++)
    {
      const UcAnStatusChange *change = &g_array_index (records->status_changes, UcAnStatusChange,
                                                       g_array_index (records->item_status, guint,
                                                                      item->first_status + i));

      if (change->time >= time)
        {
          if (!any)
            return change->from >= 0 ? change->from : UC_STATUS_TODO;
          break;
        }
      any = TRUE;
      if (change->to >= 0)
        category = change->to;
    }
  if (any)
    return category;
  return item->category;
}

/* ---- shares ---- */

void
_uc_an_shares_init (UcAnShares *shares,
                    UcAnalysis *self)
{
  gsize n = MAX ((gsize) self->teams->len * self->n_weeks, 1);

  shares->n_teams = self->teams->len;
  shares->n_weeks = self->n_weeks;
  shares->num = g_new0 (double, n);
  shares->den = g_new0 (double, n);
}

void
_uc_an_shares_add (UcAnShares *shares,
                   UcAnalysis *self,
                   int         team,
                   UcTime      time,
                   gboolean    counts)
{
  int w = _uc_analysis_week_index (self, time);
  gsize cell;

  if (team < 0 || w < 0)
    return;
  cell = (gsize) team * shares->n_weeks + (guint) w;
  shares->den[cell] += 1.0;
  if (counts)
    shares->num[cell] += 1.0;
}

void
_uc_an_shares_add_weeks (UcAnShares *shares,
                         int         team,
                         int         first_week,
                         int         last_week,
                         gboolean    counts)
{
  if (team < 0)
    return;
  first_week = MAX (first_week, 0);
  last_week = MIN (last_week, (int) shares->n_weeks - 1);
  for (int w = first_week; w <= last_week; w++)
    {
      gsize cell = (gsize) team * shares->n_weeks + (guint) w;

      shares->den[cell] += 1.0;
      if (counts)
        shares->num[cell] += 1.0;
    }
}

void
_uc_an_shares_emit (UcAnShares *shares,
                    UcAnalysis *self,
                    int         signal,
                    int         window_weeks)
{
  for (guint t = 0; t < shares->n_teams; t++)
    {
      const double *num = &shares->num[(gsize) t * shares->n_weeks];
      const double *den = &shares->den[(gsize) t * shares->n_weeks];
      double sum_num = 0.0, sum_den = 0.0;

      for (guint w = 0; w < shares->n_weeks; w++)
        {
          sum_num += num[w];
          sum_den += den[w];
          if (w >= (guint) window_weeks)
            {
              sum_num -= num[w - window_weeks];
              sum_den -= den[w - window_weeks];
            }
          /* Counts are whole numbers: the running sums stay exact. Weeks
           * before compute_from keep their cached values. */
          if (sum_den > 0.5 && w >= self->compute_from)
            _uc_analysis_set_value (self, t, (guint) signal, w, sum_num / sum_den, (gint64) sum_den);
        }
    }
}

void
_uc_an_shares_clear (UcAnShares *shares)
{
  g_clear_pointer (&shares->num, g_free);
  g_clear_pointer (&shares->den, g_free);
}

/* ---- samples ---- */

void
_uc_an_samples_init (UcAnSamples *samples,
                     UcAnalysis  *self)
{
  samples->n_teams = self->teams->len;
  samples->n_weeks = self->n_weeks;
  samples->values = g_new0 (GArray *, MAX ((gsize) samples->n_teams * samples->n_weeks, 1));
  samples->scratch = g_array_new (FALSE, FALSE, sizeof (double));
}

void
_uc_an_samples_add (UcAnSamples *samples,
                    UcAnalysis  *self,
                    int          team,
                    UcTime       time,
                    double       value)
{
  int w = _uc_analysis_week_index (self, time);
  GArray **cell;

  if (team < 0 || w < 0 || isnan (value))
    return;
  cell = &samples->values[(gsize) team * samples->n_weeks + (guint) w];
  if (*cell == NULL)
    *cell = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (*cell, value);
}

void
_uc_an_samples_add_weeks (UcAnSamples *samples,
                          int          team,
                          int          first_week,
                          int          last_week,
                          double       value)
{
  if (team < 0 || isnan (value))
    return;
  first_week = MAX (first_week, 0);
  last_week = MIN (last_week, (int) samples->n_weeks - 1);
  for (int w = first_week; w <= last_week; w++)
    {
      GArray **cell = &samples->values[(gsize) team * samples->n_weeks + (guint) w];

      if (*cell == NULL)
        *cell = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_val (*cell, value);
    }
}

guint
_uc_an_samples_window (UcAnSamples *samples,
                       guint        team,
                       guint        week,
                       int          window_weeks,
                       double     **values)
{
  guint first = week + 1 >= (guint) window_weeks ? week + 1 - (guint) window_weeks : 0;

  g_array_set_size (samples->scratch, 0);
  for (guint w = first; w <= week; w++)
    {
      GArray *cell = samples->values[(gsize) team * samples->n_weeks + w];

      if (cell != NULL)
        g_array_append_vals (samples->scratch, cell->data, cell->len);
    }
  *values = (double *) (gpointer) samples->scratch->data;
  return samples->scratch->len;
}

void
_uc_an_samples_emit_median (UcAnSamples *samples,
                            UcAnalysis  *self,
                            int          signal,
                            int          window_weeks)
{
  for (guint t = 0; t < samples->n_teams; t++)
    for (guint w = self->compute_from; w < samples->n_weeks; w++)
      {
        double *values;
        guint n = _uc_an_samples_window (samples, t, w, window_weeks, &values);

        if (n > 0)
          _uc_analysis_set_value (self, t, (guint) signal, w, uc_stats_median (values, n), n);
      }
}

void
_uc_an_samples_clear (UcAnSamples *samples)
{
  if (samples->values != NULL)
    {
      for (gsize i = 0; i < (gsize) samples->n_teams * samples->n_weeks; i++)
        g_clear_pointer (&samples->values[i], g_array_unref);
      g_clear_pointer (&samples->values, g_free);
    }
  g_clear_pointer (&samples->scratch, g_array_unref);
}

/* ---- evidence ---- */

UcEvidence *
_uc_an_evidence_new (const char *kind,
                     UcId        kind_id,
                     const char *ref,
                     char       *fact,
                     UcTime      time)
{
  UcEvidence *row = g_new0 (UcEvidence, 1);

  row->kind = kind;
  row->kind_id = kind_id;
  row->ref = g_strdup (ref);
  row->fact = fact;
  row->time = time;
  return row;
}

GPtrArray *
_uc_an_evidence_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) uc_evidence_free);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const UcEvidence *x = *(const UcEvidence * const *) a;
  const UcEvidence *y = *(const UcEvidence * const *) b;
  int cmp;

  if (x->time != y->time)
    return x->time > y->time ? -1 : 1;
  cmp = g_strcmp0 (x->ref, y->ref);
  if (cmp != 0)
    return cmp;
  return (x->kind_id > y->kind_id) - (x->kind_id < y->kind_id);
}

void
_uc_an_evidence_append (GPtrArray *into,
                        GPtrArray *rows)
{
  g_ptr_array_sort (rows, compare_newest_first);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (into, g_ptr_array_index (rows, i));
  /* The rows now belong to @into. */
  g_ptr_array_set_free_func (rows, NULL);
  g_ptr_array_set_size (rows, 0);
  g_ptr_array_set_free_func (rows, (GDestroyNotify) uc_evidence_free);
}

static char *
lookup_text (UcStore     *store,
             const char  *sql,
             UcId         id,
             GError     **error,
             gboolean    *found)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, error);
  char *text = NULL;
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *found = TRUE;
    }
  else if (rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (store, error, "reading evidence");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return text != NULL ? text : g_strdup ("");
}

char *
_uc_an_cr_ref (UcAnalysis  *self,
               UcStore     *store,
               guint        cr,
               GError     **error)
{
  const UcAnCr *record = &g_array_index (self->records.crs, UcAnCr, cr);
  const char *repo = g_ptr_array_index (self->repo_names, record->repo);
  g_autofree char *number = NULL;
  gboolean found;

  number = lookup_text (store, "SELECT number FROM change_request WHERE id = ?1",
                        record->id, error, &found);
  if (number == NULL)
    return NULL;
  if (!found)
    return g_strdup_printf ("%s#(%" G_GINT64_FORMAT ")", repo, record->id);
  return g_strdup_printf ("%s#%s", repo, number);
}

char *
_uc_an_item_ref (UcAnalysis  *self,
                 UcStore     *store,
                 guint        item,
                 GError     **error)
{
  const UcAnItem *record = &g_array_index (self->records.items, UcAnItem, item);
  char *key;
  gboolean found;

  key = lookup_text (store, "SELECT key FROM work_item WHERE id = ?1", record->id, error, &found);
  if (key != NULL && !found)
    {
      g_free (key);
      return g_strdup_printf ("(%" G_GINT64_FORMAT ")", record->id);
    }
  return key;
}

char *
_uc_an_commit_ref (UcAnalysis  *self,
                   UcStore     *store,
                   guint        commit,
                   GError     **error)
{
  const UcAnCommit *record = &g_array_index (self->commits, UcAnCommit, commit);
  char *sha;
  gboolean found;

  sha = lookup_text (store, "SELECT sha FROM git_commit WHERE id = ?1", record->id, error, &found);
  if (sha != NULL && !found)
    {
      g_free (sha);
      return g_strdup_printf ("(%" G_GINT64_FORMAT ")", record->id);
    }
  return sha;
}

const char *
_uc_an_person_name (UcAnalysis *self,
                    int         person)
{
  if (person < 0)
    /* Translators: an unknown person in an evidence row */
    return _("someone unknown");
  return g_array_index (self->persons, UcAnPerson, person).name;
}

char *
_uc_an_format_date (UcTime time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time);

  if (date == NULL)
    return g_strdup ("?");
  return g_date_time_format (date, "%Y-%m-%d");
}

char *
_uc_an_format_duration (double seconds)
{
  double magnitude = fabs (seconds);
  const char *sign = seconds < 0 ? "−" : "";

  if (magnitude < 3600.0)
    {
      guint minutes = (guint) floor (magnitude / 60.0 + 0.5);

      /* Translators: a duration in minutes; %s is a minus sign or nothing */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%u min", "%s%u min", minutes),
                              sign, minutes);
    }
  if (magnitude < 48 * 3600.0)
    /* Translators: a duration in hours; %s is a minus sign or nothing */
    return g_strdup_printf (_("%s%.1f h"), sign, magnitude / 3600.0);
  {
    double days = magnitude / 86400.0;
    guint whole = (guint) floor (days + 0.5);

    if (days < 10.0)
      /* Translators: a duration in days; %s is a minus sign or nothing */
      return g_strdup_printf (_("%s%.1f days"), sign, days);
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%u day", "%s%u days", whole),
                            sign, whole);
  }
}
