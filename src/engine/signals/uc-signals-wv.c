/* uc-signals-wv.c: Workflow volatility (SIGNALS.md §3).
 *
 * Rolling 12-week windows. The coefficients of variation need the whole
 * window inside the analysed period: no data in its first 11 weeks
 * (weeks before the data are unknown, not zero). Change requests by
 * agents are left out. Choices where SIGNALS.md leaves room:
 *
 * WV.throughput_cv CV (population) of the 12 weekly completions: merged
 *                 change requests (the author's team at the merge) plus
 *                 moves of items into done (the mover's team, see
 *                 uc-analysis-load.c), questions, duplicates, won't do…
 *                 left out. No data when nothing completed.
 * WV.backflow     status changes in the window whose categories are both
 *                 known and differ (moves within a category are not
 *                 flow): the share going backwards (done → doing or
 *                 todo, doing → todo; reopenings are such moves).
 * WV.cycle_spread items done at the end of the data, counted in the
 *                 window of their last move into done: cycle time = last
 *                 move into done − first move into doing (items never
 *                 seen in doing have no cycle time); p85 / p50 (linear
 *                 interpolation, uc_stats_percentile). Needs at least two
 *                 items and a non-zero median.
 * WV.wip_cv       CV of the daily work in progress over the window's 84
 *                 days, each day counted at its end (UTC): items in doing
 *                 (from the move into doing to the next move out of it;
 *                 the team of that move) plus open change requests (from
 *                 opening to merge or close; the author's team at
 *                 opening). Coverage: the spells overlapping the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-analysis-private.h"
#include "uc-stats.h"

#define WINDOW_WEEKS    12
#define DAYS_PER_WEEK   7

enum {
  SIGNAL_THROUGHPUT_CV,
  SIGNAL_BACKFLOW,
  SIGNAL_CYCLE_SPREAD,
  SIGNAL_WIP_CV,
  N_WV_SIGNALS,
};

static void
resolve_signal_indices (int index[N_WV_SIGNALS])
{
  index[SIGNAL_THROUGHPUT_CV] = uc_signal_def_index ("WV.throughput_cv");
  index[SIGNAL_BACKFLOW] = uc_signal_def_index ("WV.backflow");
  index[SIGNAL_CYCLE_SPREAD] = uc_signal_def_index ("WV.cycle_spread");
  index[SIGNAL_WIP_CV] = uc_signal_def_index ("WV.wip_cv");
  for (guint i = 0; i < N_WV_SIGNALS; i++)
    g_assert (index[i] >= 0);
}

#define CR(self, i)      (&g_array_index ((self)->records.crs, UcAnCr, (i)))
#define ITEM(self, i)    (&g_array_index ((self)->records.items, UcAnItem, (i)))
#define CHANGE(self, i)  (&g_array_index ((self)->records.status_changes, UcAnStatusChange, (i)))

static gboolean
full_window (guint week)
{
  return week + 1 >= WINDOW_WEEKS;
}

/* ---- completions and backflow ---- */

static gboolean
counts_merged (const UcAnCr *cr)
{
  return cr->state == UC_AN_CR_MERGED && cr->is_human && cr->end_team >= 0;
}

static gboolean
counts_completion (UcAnalysis             *self,
                   const UcAnStatusChange *change)
{
  return _uc_an_is_done_transition (change) && !change->to_excluded && change->team >= 0 &&
         ITEM (self, change->item)->klass != UC_AN_ITEM_EXCLUDED;
}

static gboolean
counts_flow (const UcAnStatusChange *change)
{
  return change->from >= 0 && change->to >= 0 && change->from != change->to && change->team >= 0;
}

/* ---- cycle time ---- */

/* The cycle of an item done at the end of the data: its last move into
 * done (index, -1: no cycle) and its first move into doing. */
static int
item_cycle (UcAnalysis     *self,
            const UcAnItem *item,
            UcTime         *first_doing)
{
  UcAnRecords *records = &self->records;
  int last_done = -1;
  gboolean doing = FALSE;

  if (item->klass == UC_AN_ITEM_EXCLUDED || item->category != UC_STATUS_DONE)
    return -1;
  /* Created straight into doing. */
  if (item->n_status > 0 &&
      CHANGE (self, g_array_index (records->item_status, guint, item->first_status))->from == UC_STATUS_DOING)
    {
      doing = TRUE;
      *first_doing = item->created;
    }
  for (guint i = 0; i < item->n_status; i++)
    {
      guint s = g_array_index (records->item_status, guint, item->first_status + i);
      const UcAnStatusChange *change = CHANGE (self, s);

      if (change->to == UC_STATUS_DOING && !doing)
        {
          doing = TRUE;
          *first_doing = change->time;
        }
      if (_uc_an_is_done_transition (change))
        last_done = (int) s;
    }
  if (!doing || last_done < 0 || CHANGE (self, last_done)->time < *first_doing ||
      CHANGE (self, last_done)->to_excluded || CHANGE (self, last_done)->team < 0)
    return -1;
  return last_done;
}

static double
spread_of (double *values,
           guint   n,
           double *p50,
           double *p85)
{
  *p50 = uc_stats_percentile (values, n, 50.0);
  *p85 = uc_stats_percentile (values, n, 85.0);
  if (n < 2 || !(*p50 > 0.0))
    return NAN;
  return *p85 / *p50;
}

/* ---- work in progress ---- */

typedef struct
{
  UcTime start;
  UcTime end;           /* G_MAXINT64 while open */
  int    team;
  int    cr;            /* CR index, or -1 */
  int    item;          /* item index, or -1 */
} Spell;

/* Every spell of work in progress: items in doing and open CRs. */
static GArray *
collect_spells (UcAnalysis *self)
{
  UcAnRecords *records = &self->records;
  GArray *spells = g_array_new (FALSE, FALSE, sizeof (Spell));

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      Spell spell = { cr->created, cr->closed != 0 ? cr->closed : G_MAXINT64, cr->team, (int) c, -1 };

      if (cr->is_human && cr->team >= 0)
        g_array_append_val (spells, spell);
    }
  for (guint i = 0; i < records->items->len; i++)
    {
      const UcAnItem *item = ITEM (self, i);
      Spell spell = { 0, 0, -1, -1, (int) i };
      gboolean doing = FALSE;

      /* Created straight into doing: the first change leaves doing. */
      if (item->n_status > 0 &&
          CHANGE (self, g_array_index (records->item_status, guint, item->first_status))->from == UC_STATUS_DOING)
        {
          doing = TRUE;
          spell.start = item->created;
          spell.team = item->team;
        }

      for (guint k = 0; k < item->n_status; k++)
        {
          const UcAnStatusChange *change = CHANGE (self, g_array_index (records->item_status, guint,
                                                                        item->first_status + k));

          if (!doing && change->to == UC_STATUS_DOING)
            {
              doing = TRUE;
              spell.start = change->time;
              spell.team = change->team;
            }
          else if (doing && change->to != UC_STATUS_DOING)
            {
              doing = FALSE;
              spell.end = change->time;
              if (spell.team >= 0)
                g_array_append_val (spells, spell);
            }
        }
      if (doing && spell.team >= 0)
        {
          spell.end = G_MAXINT64;
          g_array_append_val (spells, spell);
        }
    }
  return spells;
}

static int
compare_times (const void *a,
               const void *b)
{
  UcTime x = *(const UcTime *) a, y = *(const UcTime *) b;

  return (x > y) - (x < y);
}

/* The number of sorted @times before @limit (or at it, with @inclusive). */
static guint
count_before (GArray  *times,
              UcTime   limit,
              gboolean inclusive)
{
  guint lo = 0, hi = times->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      UcTime t = g_array_index (times, UcTime, mid);

      if (t < limit || (inclusive && t == limit))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Days are counted at their end: day k (from week_starts[0]) ends at
 * week_starts[0] + (k + 1) days; a spell counts on days whose end falls
 * in (start, end]. */
static void
spell_days (UcAnalysis  *self,
            const Spell *spell,
            gint64       n_days,
            gint64      *first,
            gint64      *last)
{
  UcTime origin = self->week_starts[0];
  UcTime end = spell->end == G_MAXINT64 ? origin + n_days * UC_SECONDS_PER_DAY : spell->end;

  /* First k with origin + (k + 1) d > start; last k with origin + (k + 1) d <= end. */
  *first = spell->start < origin ? 0 : (spell->start - origin) / UC_SECONDS_PER_DAY;
  *last = end < origin ? -1 : (end - origin) / UC_SECONDS_PER_DAY - 1;
  *last = MIN (*last, n_days - 1);
}

/* ---- compute ---- */

gboolean
_uc_signals_wv_compute (UcAnalysis    *self,
                        UcProgressFunc progress,
                        gpointer       progress_data,
                        double         progress_from,
                        double         progress_to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  UcAnRecords *records = &self->records;
  UcAnShares backflow = { 0 };
  UcAnSamples cycles = { 0 };
  g_autofree double *completions = NULL;
  g_autofree double *wip = NULL;
  GArray **starts = NULL;                  /* per team: UcTime, sorted */
  GArray **ends = NULL;
  g_autoptr(GArray) spells = NULL;
  int signal_index[N_WV_SIGNALS];
  guint n_teams = self->teams->len;
  guint n_weeks = self->n_weeks;
  gint64 n_days = (gint64) n_weeks * DAYS_PER_WEEK;
  gboolean ok;

  resolve_signal_indices (signal_index);
  if (n_teams == 0 || n_weeks == 0)
    return TRUE;

  _uc_an_shares_init (&backflow, self);
  _uc_an_samples_init (&cycles, self);
  completions = g_new0 (double, (gsize) n_teams * n_weeks);

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      int w;

      if (counts_merged (cr) && (w = _uc_analysis_week_index (self, cr->merged)) >= 0)
        completions[(gsize) cr->end_team * n_weeks + w] += 1.0;
    }
  for (guint s = 0; s < records->status_changes->len; s++)
    {
      const UcAnStatusChange *change = CHANGE (self, s);
      int w;

      if (counts_completion (self, change) && (w = _uc_analysis_week_index (self, change->time)) >= 0)
        completions[(gsize) change->team * n_weeks + w] += 1.0;
      if (counts_flow (change))
        _uc_an_shares_add (&backflow, self, change->team, change->time, change->to < change->from);
    }
  for (guint i = 0; i < records->items->len; i++)
    {
      UcTime first_doing = 0;
      int done = item_cycle (self, ITEM (self, i), &first_doing);

      if (done >= 0)
        _uc_an_samples_add (&cycles, self, CHANGE (self, done)->team, CHANGE (self, done)->time,
                            (CHANGE (self, done)->time - first_doing) / (double) UC_SECONDS_PER_DAY);
    }

  /* Daily WIP per team, by difference arrays; the spells' starts and
   * ends per team, sorted, for the coverage. */
  spells = collect_spells (self);
  wip = g_new0 (double, (gsize) n_teams * (n_days + 1));
  starts = g_new0 (GArray *, n_teams);
  ends = g_new0 (GArray *, n_teams);
  for (guint t = 0; t < n_teams; t++)
    {
      starts[t] = g_array_new (FALSE, FALSE, sizeof (UcTime));
      ends[t] = g_array_new (FALSE, FALSE, sizeof (UcTime));
    }
  for (guint i = 0; i < spells->len; i++)
    {
      const Spell *spell = &g_array_index (spells, Spell, i);
      gint64 first, last;

      spell_days (self, spell, n_days, &first, &last);
      if (first <= last)
        {
          wip[(gsize) spell->team * (n_days + 1) + first] += 1.0;
          wip[(gsize) spell->team * (n_days + 1) + last + 1] -= 1.0;
        }
      g_array_append_val (starts[spell->team], spell->start);
      g_array_append_val (ends[spell->team], spell->end);
    }
  for (guint t = 0; t < n_teams; t++)
    {
      /* An empty GArray has no data: qsort wants a valid pointer. */
      if (starts[t]->len > 1)
        qsort (starts[t]->data, starts[t]->len, sizeof (UcTime), compare_times);
      if (ends[t]->len > 1)
        qsort (ends[t]->data, ends[t]->len, sizeof (UcTime), compare_times);
    }

  ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (!ok)
    goto out;

  _uc_an_shares_emit (&backflow, self, signal_index[SIGNAL_BACKFLOW], WINDOW_WEEKS);
  for (guint t = 0; t < n_teams; t++)
    {
      double *daily = &wip[(gsize) t * (n_days + 1)];
      double *weekly = &completions[(gsize) t * n_weeks];

      for (gint64 d = 1; d < n_days; d++)
        daily[d] += daily[d - 1];
      for (guint w = 0; w < n_weeks; w++)
        {
          double *values;
          guint n;

          if (!full_window (w))
            continue;

          /* WV.throughput_cv */
          {
            const double *slice = weekly + w + 1 - WINDOW_WEEKS;
            double total = 0.0;

            for (guint k = 0; k < WINDOW_WEEKS; k++)
              total += slice[k];
            if (total > 0.0)
              _uc_analysis_set_value (self, t, signal_index[SIGNAL_THROUGHPUT_CV], w,
                                      uc_stats_cv (slice, WINDOW_WEEKS), (gint64) total);
          }

          /* WV.wip_cv */
          {
            const double *slice = daily + (gsize) (w + 1 - WINDOW_WEEKS) * DAYS_PER_WEEK;
            double cv = uc_stats_cv (slice, WINDOW_WEEKS * DAYS_PER_WEEK);

            /* Coverage: spells started before the window's end and not
             * over by its start. */
            if (!isnan (cv))
              _uc_analysis_set_value (self, t, signal_index[SIGNAL_WIP_CV], w, cv,
                                      (gint64) count_before (starts[t], self->week_starts[w + 1], FALSE) -
                                      (gint64) count_before (ends[t], _uc_analysis_window_start (self, w, WINDOW_WEEKS), TRUE));
          }

          /* WV.cycle_spread */
          n = _uc_an_samples_window (&cycles, t, w, WINDOW_WEEKS, &values);
          if (n > 0)
            {
              double p50, p85, spread = spread_of (values, n, &p50, &p85);

              if (!isnan (spread))
                _uc_analysis_set_value (self, t, signal_index[SIGNAL_CYCLE_SPREAD], w, spread, n);
            }
        }
    }

out:
  for (guint t = 0; starts != NULL && t < n_teams; t++)
    {
      g_array_unref (starts[t]);
      g_array_unref (ends[t]);
    }
  g_free (starts);
  g_free (ends);
  _uc_an_shares_clear (&backflow);
  _uc_an_samples_clear (&cycles);
  return ok;
}

/* ---- evidence ---- */

static GPtrArray *
throughput_evidence (UcAnalysis  *self,
                     UcStore     *store,
                     guint        team,
                     guint        week,
                     GError     **error)
{
  UcAnRecords *records = &self->records;
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) records_rows = _uc_an_evidence_array ();
  guint per_week[WINDOW_WEEKS] = { 0 };
  guint first_week = week + 1 - WINDOW_WEEKS;

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      g_autofree char *ref = NULL;
      g_autofree char *date = NULL;

      if (!counts_merged (cr) || cr->end_team != (int) team ||
          !_uc_analysis_in_window (self, week, WINDOW_WEEKS, cr->merged))
        continue;
      per_week[_uc_analysis_week_index (self, cr->merged) - (int) first_week]++;
      if ((ref = _uc_an_cr_ref (self, store, c, error)) == NULL)
        return NULL;
      date = _uc_an_format_date (cr->merged);
      g_ptr_array_add (records_rows, _uc_an_evidence_new ("change_request", cr->id, ref,
                                                          /* Translators: %s: a date */
                                                          g_strdup_printf (_("merged %s"), date),
                                                          cr->merged));
    }
  for (guint s = _uc_analysis_first_at (records->status_changes, G_STRUCT_OFFSET (UcAnStatusChange, time),
                                        _uc_analysis_window_start (self, week, WINDOW_WEEKS));
       s < records->status_changes->len; s++)
    {
      const UcAnStatusChange *change = CHANGE (self, s);
      g_autofree char *ref = NULL;
      g_autofree char *date = NULL;

      if (change->time >= self->week_starts[week + 1])
        break;
      if (!counts_completion (self, change) || change->team != (int) team)
        continue;
      per_week[_uc_analysis_week_index (self, change->time) - (int) first_week]++;
      if ((ref = _uc_an_item_ref (self, store, change->item, error)) == NULL)
        return NULL;
      date = _uc_an_format_date (change->time);
      g_ptr_array_add (records_rows, _uc_an_evidence_new ("work_item", ITEM (self, change->item)->id, ref,
                                                          /* Translators: %s: a date */
                                                          g_strdup_printf (_("moved to done %s"), date),
                                                          change->time));
    }

  /* The 12 weekly counts first, newest first, then the completions. */
  for (guint k = WINDOW_WEEKS; k > 0; k--)
    {
      int key = self->weeks[first_week + k - 1];
      g_autofree char *label = uc_week_format (key);

      g_ptr_array_add (rows, _uc_an_evidence_new ("week", key, label,
                                                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                                /* Translators: completions in a week */
                                                                                "%u completion", "%u completions",
                                                                                per_week[k - 1]),
                                                                   per_week[k - 1]),
                                                  self->week_starts[first_week + k - 1]));
    }
  _uc_an_evidence_append (rows, records_rows);
  return g_steal_pointer (&rows);
}

static const char *
category_name (int category)
{
  switch (category)
    {
    case UC_STATUS_TODO:
      /* Translators: a status category */
      return _("todo");
    case UC_STATUS_DOING:
      /* Translators: a status category */
      return _("doing");
    case UC_STATUS_DONE:
      /* Translators: a status category */
      return _("done");
    default:
      return "?";
    }
}

static GPtrArray *
backflow_evidence (UcAnalysis  *self,
                   UcStore     *store,
                   guint        team,
                   guint        week,
                   GError     **error)
{
  UcAnRecords *records = &self->records;
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) flagged = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) others = _uc_an_evidence_array ();

  for (guint s = _uc_analysis_first_at (records->status_changes, G_STRUCT_OFFSET (UcAnStatusChange, time),
                                        _uc_analysis_window_start (self, week, WINDOW_WEEKS));
       s < records->status_changes->len; s++)
    {
      const UcAnStatusChange *change = CHANGE (self, s);
      g_autofree char *ref = NULL;
      g_autofree char *date = NULL;
      gboolean back;

      if (change->time >= self->week_starts[week + 1])
        break;
      if (!counts_flow (change) || change->team != (int) team)
        continue;
      if ((ref = _uc_an_item_ref (self, store, change->item, error)) == NULL)
        return NULL;
      back = change->to < change->from;
      date = _uc_an_format_date (change->time);
      g_ptr_array_add (back ? flagged : others,
                       _uc_an_evidence_new ("status_change", change->id, ref,
                                            back ?
                                            /* Translators: "moved back from done to doing on 2026-03-04 by Ann" */
                                            g_strdup_printf (_("moved back from %s to %s on %s by %s"),
                                                             category_name (change->from), category_name (change->to),
                                                             date, _uc_an_person_name (self, change->person)) :
                                            /* Translators: "moved from doing to done on 2026-03-04 by Ann" */
                                            g_strdup_printf (_("moved from %s to %s on %s by %s"),
                                                             category_name (change->from), category_name (change->to),
                                                             date, _uc_an_person_name (self, change->person)),
                                            change->time));
    }
  _uc_an_evidence_append (rows, flagged);
  _uc_an_evidence_append (rows, others);
  return g_steal_pointer (&rows);
}

typedef struct
{
  guint  item;
  double days;
  UcTime done;
  UcTime first_doing;
} Cycle;

static int
compare_cycles (gconstpointer a,
                gconstpointer b)
{
  const Cycle *x = a, *y = b;

  if (x->days != y->days)
    return x->days > y->days ? -1 : 1;
  return (x->item > y->item) - (x->item < y->item);
}

static GPtrArray *
cycle_evidence (UcAnalysis  *self,
                UcStore     *store,
                guint        team,
                guint        week,
                GError     **error)
{
  UcAnRecords *records = &self->records;
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GArray) cycles = g_array_new (FALSE, FALSE, sizeof (Cycle));
  g_autofree double *days = NULL;
  double p50, p85;

  for (guint i = 0; i < records->items->len; i++)
    {
      Cycle cycle = { i, 0, 0, 0 };
      int done = item_cycle (self, ITEM (self, i), &cycle.first_doing);

      if (done < 0 || CHANGE (self, done)->team != (int) team ||
          !_uc_analysis_in_window (self, week, WINDOW_WEEKS, CHANGE (self, done)->time))
        continue;
      cycle.done = CHANGE (self, done)->time;
      cycle.days = (cycle.done - cycle.first_doing) / (double) UC_SECONDS_PER_DAY;
      g_array_append_val (cycles, cycle);
    }
  g_array_sort (cycles, compare_cycles);
  days = g_new (double, MAX (cycles->len, 1));
  for (guint i = 0; i < cycles->len; i++)
    days[i] = g_array_index (cycles, Cycle, i).days;
  spread_of (days, cycles->len, &p50, &p85);

  for (guint i = 0; i < cycles->len; i++)
    {
      const Cycle *cycle = &g_array_index (cycles, Cycle, i);
      g_autofree char *ref = _uc_an_item_ref (self, store, cycle->item, error);
      g_autofree char *duration = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (ref == NULL)
        return NULL;
      duration = _uc_an_format_duration (cycle->days * UC_SECONDS_PER_DAY);
      from = _uc_an_format_date (cycle->first_doing);
      to = _uc_an_format_date (cycle->done);
      g_ptr_array_add (rows, _uc_an_evidence_new ("work_item", ITEM (self, cycle->item)->id, ref,
                                                  cycle->days > p85 ?
                                                  /* Translators: "cycle time 30 days (2026-01-02 → 2026-02-01), above the 85th percentile (12 days)" */
                                                  g_strdup_printf (_("cycle time %s (%s → %s), above the 85th percentile (%.1f days)"),
                                                                   duration, from, to, p85) :
                                                  /* Translators: "cycle time 3.0 days (2026-01-02 → 2026-01-05)" */
                                                  g_strdup_printf (_("cycle time %s (%s → %s)"), duration, from, to),
                                                  cycle->done));
    }
  return g_steal_pointer (&rows);
}

static GPtrArray *
wip_evidence (UcAnalysis  *self,
              UcStore     *store,
              guint        team,
              guint        week,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) spell_rows = _uc_an_evidence_array ();
  g_autoptr(GArray) spells = collect_spells (self);
  gint64 n_days = (gint64) self->n_weeks * DAYS_PER_WEEK;
  gint64 first_day = (gint64) (week + 1 - WINDOW_WEEKS) * DAYS_PER_WEEK;
  gint64 last_day = (gint64) (week + 1) * DAYS_PER_WEEK - 1;
  UcTime window_start = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  UcTime window_end = self->week_starts[week + 1];
  guint per_week_max[WINDOW_WEEKS] = { 0 };
  guint per_week_min[WINDOW_WEEKS];
  g_autofree guint *daily = g_new0 (guint, WINDOW_WEEKS * DAYS_PER_WEEK);

  for (guint i = 0; i < spells->len; i++)
    {
      const Spell *spell = &g_array_index (spells, Spell, i);
      g_autofree char *ref = NULL;
      g_autofree char *from = NULL;
      char *fact;
      gint64 first, last;

      if (spell->team != (int) team || spell->start >= window_end ||
          (spell->end != G_MAXINT64 && spell->end <= window_start))
        continue;
      spell_days (self, spell, n_days, &first, &last);
      for (gint64 d = MAX (first, first_day); d <= MIN (last, last_day); d++)
        daily[d - first_day]++;

      ref = spell->cr >= 0 ? _uc_an_cr_ref (self, store, (guint) spell->cr, error) :
                             _uc_an_item_ref (self, store, (guint) spell->item, error);
      if (ref == NULL)
        return NULL;
      from = _uc_an_format_date (spell->start);
      if (spell->end == G_MAXINT64)
        fact = spell->cr >= 0 ?
               /* Translators: "open change request since 2026-01-02" */
               g_strdup_printf (_("open change request since %s"), from) :
               /* Translators: "in doing since 2026-01-02" */
               g_strdup_printf (_("in doing since %s"), from);
      else
        {
          g_autofree char *to = _uc_an_format_date (spell->end);

          fact = spell->cr >= 0 ?
                 /* Translators: "open change request 2026-01-02 → 2026-01-09" */
                 g_strdup_printf (_("open change request %s → %s"), from, to) :
                 /* Translators: "in doing 2026-01-02 → 2026-01-09" */
                 g_strdup_printf (_("in doing %s → %s"), from, to);
        }
      g_ptr_array_add (spell_rows, _uc_an_evidence_new (spell->cr >= 0 ? "change_request" : "work_item",
                                                        spell->cr >= 0 ? CR (self, spell->cr)->id :
                                                                         ITEM (self, spell->item)->id,
                                                        ref, fact, spell->start));
    }

  /* Each week's lowest and highest daily WIP, newest first, then the spells. */
  for (guint k = 0; k < WINDOW_WEEKS; k++)
    {
      per_week_min[k] = G_MAXUINT;
      for (guint d = 0; d < DAYS_PER_WEEK; d++)
        {
          per_week_max[k] = MAX (per_week_max[k], daily[k * DAYS_PER_WEEK + d]);
          per_week_min[k] = MIN (per_week_min[k], daily[k * DAYS_PER_WEEK + d]);
        }
    }
  for (guint k = WINDOW_WEEKS; k > 0; k--)
    {
      guint w = week + 1 - WINDOW_WEEKS + k - 1;
      g_autofree char *label = uc_week_format (self->weeks[w]);

      g_ptr_array_add (rows, _uc_an_evidence_new ("week", self->weeks[w], label,
                                                  /* Translators: "work in progress 3 to 9 a day" */
                                                  g_strdup_printf (_("work in progress %u to %u a day"),
                                                                   per_week_min[k - 1], per_week_max[k - 1]),
                                                  self->week_starts[w]));
    }
  _uc_an_evidence_append (rows, spell_rows);
  return g_steal_pointer (&rows);
}

GPtrArray *
_uc_signals_wv_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  int signal_index[N_WV_SIGNALS];

  resolve_signal_indices (signal_index);
  if (isnan (_uc_analysis_value_cell (self, team, (guint) signal, week)->value))
    return _uc_an_evidence_array ();

  if (signal == signal_index[SIGNAL_THROUGHPUT_CV])
    return throughput_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_BACKFLOW])
    return backflow_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_CYCLE_SPREAD])
    return cycle_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_WIP_CV])
    return wip_evidence (self, store, team, week, error);
  g_return_val_if_reached (NULL);
}
