/* uc-signals-cv.c: Convergence velocity (SIGNALS.md §5).
 *
 * Rolling 4-week windows; change requests by agents and items reported
 * by agents are left out, and only humans respond. Choices where
 * SIGNALS.md leaves room:
 *
 * CV.first_response change requests and items created in the window (the
 *                 author's or the item's team at creation) that got a
 *                 response: median hours from creation to the first
 *                 review (any state) or comment by a human other than
 *                 the author — for items, the first comment or status
 *                 change by a human other than the reporter. Records
 *                 never answered are left out of the median (RV.coverage,
 *                 DS.unanswered and CV.stalled report them).
 * CV.decision_time median hours, pooled, over the change requests that
 *                 ended in the window (merge or close; the author's team
 *                 then) and the items whose first move to done falls in
 *                 the window (the mover's team; question, duplicate, won't
 *                 do… left out): from opening to that end. Decision items
 *                 are reported separately in the evidence (listed first,
 *                 with their own median).
 * CV.rounds       merged change requests in the window: the stored number
 *                 of rounds (patch sets, versions) when known; else, when
 *                 the last commit time is known, 1 plus 1 if someone else
 *                 reviewed before that last commit (new commits after a
 *                 review end a round; with only the last commit's time
 *                 this is a lower bound); else not counted.
 * CV.stalled      a snapshot at the window's end: open change requests and
 *                 open decision items (not done then) with no activity in
 *                 the 14 days before it / all of them. Activity: creation,
 *                 reviews, comments, the last commit, status changes,
 *                 linked commits and change requests, the record's last
 *                 update — whatever is dated before the window's end.
 *                 The team is the author's (for items: the assignee's,
 *                 see uc-analysis-load.c) at the window's end.
 * CV.abandoned    change requests that ended in the window: closed
 *                 without merge after more than 7 days open / all of them.
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

#define WINDOW_WEEKS     4
#define STALL_TIME       (14 * UC_SECONDS_PER_DAY)
#define ABANDON_TIME     (7 * UC_SECONDS_PER_DAY)

enum {
  SIGNAL_FIRST_RESPONSE,
  SIGNAL_DECISION_TIME,
  SIGNAL_ROUNDS,
  SIGNAL_STALLED,
  SIGNAL_ABANDONED,
  N_CV_SIGNALS,
};

static void
resolve_signal_indices (int index[N_CV_SIGNALS])
{
  index[SIGNAL_FIRST_RESPONSE] = uc_signal_def_index ("CV.first_response");
  index[SIGNAL_DECISION_TIME] = uc_signal_def_index ("CV.decision_time");
  index[SIGNAL_ROUNDS] = uc_signal_def_index ("CV.rounds");
  index[SIGNAL_STALLED] = uc_signal_def_index ("CV.stalled");
  index[SIGNAL_ABANDONED] = uc_signal_def_index ("CV.abandoned");
  for (guint i = 0; i < N_CV_SIGNALS; i++)
    g_assert (index[i] >= 0);
}

#define CR(self, i)      (&g_array_index ((self)->records.crs, UcAnCr, (i)))
#define ITEM(self, i)    (&g_array_index ((self)->records.items, UcAnItem, (i)))
#define REVIEW(self, i)  (&g_array_index ((self)->records.reviews, UcAnReview, (i)))
#define COMMENT(self, i) (&g_array_index ((self)->records.comments, UcAnComment, (i)))
#define CHANGE(self, i)  (&g_array_index ((self)->records.status_changes, UcAnStatusChange, (i)))

static gboolean
is_agent (UcAnalysis *self,
          int         person)
{
  return person >= 0 && g_array_index (self->persons, UcAnPerson, person).is_agent;
}

/* ---- first response ---- */

static gboolean
counts_cr (const UcAnCr *cr)
{
  return cr->is_human && cr->team >= 0;
}

static gboolean
counts_item (UcAnalysis     *self,
             const UcAnItem *item)
{
  return item->team >= 0 && !is_agent (self, item->reporter);
}

/* The first response by someone else (0: none); *@who gets them. */
static UcTime
cr_first_response (UcAnalysis   *self,
                   const UcAnCr *cr,
                   int          *who)
{
  UcAnRecords *records = &self->records;
  UcTime best = 0;

  for (guint i = 0; i < cr->n_reviews; i++)
    {
      const UcAnReview *review = REVIEW (self, g_array_index (records->cr_reviews, guint, cr->first_review + i));

      if (review->is_human && review->reviewer != cr->author && review->time >= cr->created)
        {
          best = review->time;
          *who = review->reviewer;
          break;
        }
    }
  for (guint i = 0; i < cr->n_comments; i++)
    {
      const UcAnComment *comment = COMMENT (self, g_array_index (records->cr_comments, guint, cr->first_comment + i));

      if (best != 0 && comment->time >= best)
        break;
      if (comment->is_human && comment->author != cr->author && comment->time >= cr->created)
        {
          best = comment->time;
          *who = comment->author;
          break;
        }
    }
  return best;
}

static UcTime
item_first_response (UcAnalysis     *self,
                     const UcAnItem *item,
                     int            *who)
{
  UcAnRecords *records = &self->records;
  UcTime best = 0;

  for (guint i = 0; i < item->n_comments; i++)
    {
      const UcAnComment *comment = COMMENT (self, g_array_index (records->item_comments, guint, item->first_comment + i));

      if (comment->is_human && comment->author != item->reporter && comment->time >= item->created)
        {
          best = comment->time;
          *who = comment->author;
          break;
        }
    }
  for (guint i = 0; i < item->n_status; i++)
    {
      const UcAnStatusChange *change = CHANGE (self, g_array_index (records->item_status, guint, item->first_status + i));

      if (best != 0 && change->time >= best)
        break;
      if (change->id != 0 && change->is_human && change->person != item->reporter &&
          change->time >= item->created)
        {
          best = change->time;
          *who = change->person;
          break;
        }
    }
  return best;
}

/* ---- decision time ---- */

static gboolean
counts_ended (const UcAnCr *cr)
{
  return cr->state != UC_AN_CR_OPEN && cr->is_human && cr->end_team >= 0;
}

/* The item's first move to done, if it counts for decision time (-1). */
static int
item_first_done (UcAnalysis     *self,
                 const UcAnItem *item)
{
  UcAnRecords *records = &self->records;

  if (item->klass == UC_AN_ITEM_EXCLUDED || is_agent (self, item->reporter))
    return -1;
  for (guint i = 0; i < item->n_status; i++)
    {
      guint s = g_array_index (records->item_status, guint, item->first_status + i);
      const UcAnStatusChange *change = CHANGE (self, s);

      if (_uc_an_is_done_transition (change))
        return change->to_excluded || change->team < 0 ? -1 : (int) s;
    }
  return -1;
}

/* ---- rounds ---- */

/* Rounds of a merged CR, -1 when they cannot be told; *@derived is TRUE
 * when they come from the reviews and the last commit. */
static int
cr_rounds (UcAnalysis   *self,
           const UcAnCr *cr,
           gboolean     *derived)
{
  UcAnRecords *records = &self->records;

  *derived = FALSE;
  if (cr->n_rounds > 0)
    return cr->n_rounds;
  if (cr->last_commit == 0)
    return -1;
  *derived = TRUE;
  for (guint i = 0; i < cr->n_reviews; i++)
    {
      const UcAnReview *review = REVIEW (self, g_array_index (records->cr_reviews, guint, cr->first_review + i));

      if (review->is_human && review->reviewer != cr->author && review->time < cr->last_commit)
        return 2;
    }
  return 1;
}

static gboolean
counts_merged (const UcAnCr *cr)
{
  return cr->state == UC_AN_CR_MERGED && cr->is_human && cr->end_team >= 0;
}

/* ---- stalled ---- */

static int
compare_times (const void *a,
               const void *b)
{
  UcTime x = *(const UcTime *) a, y = *(const UcTime *) b;

  return (x > y) - (x < y);
}

static void
add_time (GArray *times,
          UcTime  time)
{
  if (time != 0)
    g_array_append_val (times, time);
}

static void
cr_activity (UcAnalysis   *self,
             const UcAnCr *cr,
             GArray       *times)
{
  UcAnRecords *records = &self->records;

  g_array_set_size (times, 0);
  add_time (times, cr->created);
  add_time (times, cr->last_commit);
  add_time (times, cr->updated);
  for (guint i = 0; i < cr->n_reviews; i++)
    add_time (times, REVIEW (self, g_array_index (records->cr_reviews, guint, cr->first_review + i))->time);
  for (guint i = 0; i < cr->n_comments; i++)
    add_time (times, COMMENT (self, g_array_index (records->cr_comments, guint, cr->first_comment + i))->time);
  if (times->len > 1)
    qsort (times->data, times->len, sizeof (UcTime), compare_times);
}

static void
item_activity (UcAnalysis     *self,
               const UcAnItem *item,
               GArray         *times)
{
  UcAnRecords *records = &self->records;

  g_array_set_size (times, 0);
  add_time (times, item->created);
  add_time (times, item->updated);
  for (guint i = 0; i < item->n_comments; i++)
    add_time (times, COMMENT (self, g_array_index (records->item_comments, guint, item->first_comment + i))->time);
  for (guint i = 0; i < item->n_status; i++)
    add_time (times, CHANGE (self, g_array_index (records->item_status, guint, item->first_status + i))->time);
  for (guint i = 0; i < item->n_commits; i++)
    add_time (times, g_array_index (self->commits, UcAnCommit,
                                    g_array_index (records->item_commits, guint, item->first_commit + i)).time);
  for (guint i = 0; i < item->n_crs; i++)
    {
      const UcAnCr *cr = CR (self, g_array_index (records->item_crs, guint, item->first_cr + i));

      add_time (times, cr->created);
      add_time (times, cr->last_commit);
      add_time (times, cr->merged);
    }
  if (times->len > 1)
    qsort (times->data, times->len, sizeof (UcTime), compare_times);
}

/* The last activity before @end (0: none). */
static UcTime
last_before (GArray *times,
             UcTime  end)
{
  guint lo = 0, hi = times->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (times, UcTime, mid) < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? g_array_index (times, UcTime, lo - 1) : 0;
}

static gboolean
cr_open_at (const UcAnCr *cr,
            UcTime        end)
{
  return cr->created < end && (cr->closed == 0 || cr->closed >= end);
}

static gboolean
item_open_at (UcAnalysis     *self,
              const UcAnItem *item,
              UcTime          end)
{
  int category;

  if (item->created >= end)
    return FALSE;
  category = _uc_an_item_category_at (self, item, end);
  return category >= 0 && category != UC_STATUS_DONE;
}

static gboolean
counts_decision_item (UcAnalysis     *self,
                      const UcAnItem *item)
{
  return item->klass == UC_AN_ITEM_DECISION && !is_agent (self, item->reporter);
}

static int
item_team_at_end (UcAnalysis     *self,
                  const UcAnItem *item,
                  UcTime          end)
{
  return _uc_analysis_item_team_at (self, item, item->assignee, end - 1);
}

/* ---- compute ---- */

gboolean
_uc_signals_cv_compute (UcAnalysis    *self,
                        UcProgressFunc progress,
                        gpointer       progress_data,
                        double         progress_from,
                        double         progress_to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  UcAnRecords *records = &self->records;
  UcAnSamples response = { 0 }, decision = { 0 }, rounds = { 0 };
  UcAnShares stalled = { 0 }, abandoned = { 0 };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (UcTime));
  int signal_index[N_CV_SIGNALS];
  UcTime data_end;
  gboolean ok;

  resolve_signal_indices (signal_index);
  if (self->teams->len == 0 || self->n_weeks == 0)
    return TRUE;
  data_end = self->week_starts[self->n_weeks];

  _uc_an_samples_init (&response, self);
  _uc_an_samples_init (&decision, self);
  _uc_an_samples_init (&rounds, self);
  _uc_an_shares_init (&stalled, self);
  _uc_an_shares_init (&abandoned, self);

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      gboolean derived;
      UcTime first;
      int who, n;

      if (counts_cr (cr) && (first = cr_first_response (self, cr, &who)) != 0)
        _uc_an_samples_add (&response, self, cr->team, cr->created, (first - cr->created) / 3600.0);
      if (counts_ended (cr))
        {
          _uc_an_samples_add (&decision, self, cr->end_team, cr->closed, (cr->closed - cr->created) / 3600.0);
          _uc_an_shares_add (&abandoned, self, cr->end_team, cr->closed,
                             cr->state == UC_AN_CR_CLOSED && cr->closed - cr->created > ABANDON_TIME);
        }
      if (counts_merged (cr) && (n = cr_rounds (self, cr, &derived)) > 0)
        _uc_an_samples_add (&rounds, self, cr->end_team, cr->merged, n);

      /* CV.stalled: every week end while it is open. */
      if (cr->is_human && cr->created < data_end)
        {
          int w = MAX (_uc_analysis_week_index (self, cr->created), 0);

          cr_activity (self, cr, times);
          for (; (guint) w < self->n_weeks; w++)
            {
              UcTime end = self->week_starts[w + 1];

              if (!cr_open_at (cr, end))
                break;
              _uc_an_shares_add_weeks (&stalled, _uc_analysis_team_at (self, (guint) cr->author, end - 1),
                                       w, w, end - last_before (times, end) > STALL_TIME);
            }
        }
    }

  for (guint i = 0; i < records->items->len; i++)
    {
      const UcAnItem *item = ITEM (self, i);
      UcTime first;
      int who, done;

      if (counts_item (self, item) && (first = item_first_response (self, item, &who)) != 0)
        _uc_an_samples_add (&response, self, item->team, item->created, (first - item->created) / 3600.0);
      if ((done = item_first_done (self, item)) >= 0)
        _uc_an_samples_add (&decision, self, CHANGE (self, done)->team, CHANGE (self, done)->time,
                            (CHANGE (self, done)->time - item->created) / 3600.0);

      if (counts_decision_item (self, item) && item->created < data_end)
        {
          int w = MAX (_uc_analysis_week_index (self, item->created), 0);

          item_activity (self, item, times);
          for (; (guint) w < self->n_weeks; w++)
            {
              UcTime end = self->week_starts[w + 1];

              if (!item_open_at (self, item, end))
                continue;
              _uc_an_shares_add_weeks (&stalled, item_team_at_end (self, item, end), w, w,
                                       end - last_before (times, end) > STALL_TIME);
            }
        }
    }

  ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (ok)
    {
      _uc_an_samples_emit_median (&response, self, signal_index[SIGNAL_FIRST_RESPONSE], WINDOW_WEEKS);
      _uc_an_samples_emit_median (&decision, self, signal_index[SIGNAL_DECISION_TIME], WINDOW_WEEKS);
      _uc_an_samples_emit_median (&rounds, self, signal_index[SIGNAL_ROUNDS], WINDOW_WEEKS);
      _uc_an_shares_emit (&stalled, self, signal_index[SIGNAL_STALLED], 1);
      _uc_an_shares_emit (&abandoned, self, signal_index[SIGNAL_ABANDONED], WINDOW_WEEKS);
    }

  _uc_an_samples_clear (&response);
  _uc_an_samples_clear (&decision);
  _uc_an_samples_clear (&rounds);
  _uc_an_shares_clear (&stalled);
  _uc_an_shares_clear (&abandoned);
  return ok;
}

/* ---- evidence ---- */

typedef struct
{
  UcEvidence *row;
  double      key;        /* sort key, larger first */
  gboolean    first;      /* listed before the others */
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->first != y->first)
    return x->first ? -1 : 1;
  if (x->key != y->key)
    return x->key > y->key ? -1 : 1;
  if (x->row->time != y->row->time)
    return x->row->time > y->row->time ? -1 : 1;
  return g_strcmp0 (x->row->ref, y->row->ref);
}

static GPtrArray *
ranked_rows (GArray *ranked)
{
  GPtrArray *rows = _uc_an_evidence_array ();

  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (rows, g_array_index (ranked, Ranked, i).row);
  g_array_set_size (ranked, 0);
  return rows;
}

static void
ranked_free (GArray *ranked)
{
  for (guint i = 0; i < ranked->len; i++)
    uc_evidence_free (g_array_index (ranked, Ranked, i).row);
  g_array_unref (ranked);
}

static void
rank (GArray     *ranked,
      UcEvidence *row,
      double      key,
      gboolean    first)
{
  Ranked r = { row, key, first };

  g_array_append_val (ranked, r);
}

static GPtrArray *
response_evidence (UcAnalysis  *self,
                   UcStore     *store,
                   guint        team,
                   guint        week,
                   GError     **error)
{
  UcAnRecords *records = &self->records;
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  UcTime start = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  UcTime end = self->week_starts[week + 1];
  GPtrArray *rows;

  for (guint c = _uc_analysis_first_at (records->crs, G_STRUCT_OFFSET (UcAnCr, created), start);
       c < records->crs->len && CR (self, c)->created < end; c++)
    {
      const UcAnCr *cr = CR (self, c);
      g_autofree char *ref = NULL;
      g_autofree char *after = NULL;
      UcTime first;
      int who = -1;

      if (!counts_cr (cr) || cr->team != (int) team || (first = cr_first_response (self, cr, &who)) == 0)
        continue;
      if ((ref = _uc_an_cr_ref (self, store, c, error)) == NULL)
        goto fail;
      after = _uc_an_format_duration ((double) (first - cr->created));
      rank (ranked, _uc_an_evidence_new ("change_request", cr->id, ref,
                                         /* Translators: "first response by Bo after 3.2 h" */
                                         g_strdup_printf (_("first response by %s after %s"),
                                                          _uc_an_person_name (self, who), after),
                                         cr->created),
            (double) (first - cr->created), FALSE);
    }
  for (guint i = _uc_analysis_first_at (records->items, G_STRUCT_OFFSET (UcAnItem, created), start);
       i < records->items->len && ITEM (self, i)->created < end; i++)
    {
      const UcAnItem *item = ITEM (self, i);
      g_autofree char *ref = NULL;
      g_autofree char *after = NULL;
      UcTime first;
      int who = -1;

      if (!counts_item (self, item) || item->team != (int) team ||
          (first = item_first_response (self, item, &who)) == 0)
        continue;
      if ((ref = _uc_an_item_ref (self, store, i, error)) == NULL)
        goto fail;
      after = _uc_an_format_duration ((double) (first - item->created));
      rank (ranked, _uc_an_evidence_new ("work_item", item->id, ref,
                                         g_strdup_printf (_("first response by %s after %s"),
                                                          _uc_an_person_name (self, who), after),
                                         item->created),
            (double) (first - item->created), FALSE);
    }
  rows = ranked_rows (ranked);
  g_array_unref (ranked);
  return rows;

fail:
  ranked_free (ranked);
  return NULL;
}

static GPtrArray *
decision_evidence (UcAnalysis  *self,
                   UcStore     *store,
                   guint        team,
                   guint        week,
                   GError     **error)
{
  UcAnRecords *records = &self->records;
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) decision_hours = g_array_new (FALSE, FALSE, sizeof (double));
  GPtrArray *rows;

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      g_autofree char *ref = NULL;
      g_autofree char *after = NULL;

      if (!counts_ended (cr) || cr->end_team != (int) team ||
          !_uc_analysis_in_window (self, week, WINDOW_WEEKS, cr->closed))
        continue;
      if ((ref = _uc_an_cr_ref (self, store, c, error)) == NULL)
        goto fail;
      after = _uc_an_format_duration ((double) (cr->closed - cr->created));
      rank (ranked, _uc_an_evidence_new ("change_request", cr->id, ref,
                                         cr->state == UC_AN_CR_MERGED ?
                                         /* Translators: "merged 3.0 days after opening" */
                                         g_strdup_printf (_("merged %s after opening"), after) :
                                         /* Translators: "closed without merge 3.0 days after opening" */
                                         g_strdup_printf (_("closed without merge %s after opening"), after),
                                         cr->closed),
            (double) (cr->closed - cr->created), FALSE);
    }
  for (guint i = 0; i < records->items->len; i++)
    {
      const UcAnItem *item = ITEM (self, i);
      const UcAnStatusChange *change;
      g_autofree char *ref = NULL;
      g_autofree char *after = NULL;
      gboolean is_decision = item->klass == UC_AN_ITEM_DECISION;
      double hours;
      int done = item_first_done (self, item);

      if (done < 0)
        continue;
      change = CHANGE (self, done);
      if (change->team != (int) team || !_uc_analysis_in_window (self, week, WINDOW_WEEKS, change->time))
        continue;
      if ((ref = _uc_an_item_ref (self, store, i, error)) == NULL)
        goto fail;
      after = _uc_an_format_duration ((double) (change->time - item->created));
      hours = (change->time - item->created) / 3600.0;
      if (is_decision)
        g_array_append_val (decision_hours, hours);
      rank (ranked, _uc_an_evidence_new ("work_item", item->id, ref,
                                         is_decision ?
                                         /* Translators: "decision item, done 12 days after creation" */
                                         g_strdup_printf (_("decision item, done %s after creation"), after) :
                                         /* Translators: "done 12 days after creation" */
                                         g_strdup_printf (_("done %s after creation"), after),
                                         change->time),
            (double) (change->time - item->created), is_decision);
    }

  rows = ranked_rows (ranked);
  g_array_unref (ranked);
  if (decision_hours->len > 0)
    {
      double median = uc_stats_median ((const double *) (gpointer) decision_hours->data, decision_hours->len);
      g_autofree char *duration = _uc_an_format_duration (median * 3600.0);

      /* The decision items' own median, reported separately (first). */
      g_ptr_array_insert (rows, 0,
                          _uc_an_evidence_new ("summary", 0, _("decision items"),
                                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                             /* Translators: "median 12 days over 3 decision items" */
                                                                             "median %s over %u decision item",
                                                                             "median %s over %u decision items",
                                                                             decision_hours->len),
                                                                duration, decision_hours->len),
                                               0));
    }
  return rows;

fail:
  ranked_free (ranked);
  return NULL;
}

static GPtrArray *
rounds_evidence (UcAnalysis  *self,
                 UcStore     *store,
                 guint        team,
                 guint        week,
                 GError     **error)
{
  UcAnRecords *records = &self->records;
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GPtrArray *rows;

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      g_autofree char *ref = NULL;
      gboolean derived;
      int n;

      if (!counts_merged (cr) || cr->end_team != (int) team ||
          !_uc_analysis_in_window (self, week, WINDOW_WEEKS, cr->merged) ||
          (n = cr_rounds (self, cr, &derived)) <= 0)
        continue;
      if ((ref = _uc_an_cr_ref (self, store, c, error)) == NULL)
        {
          ranked_free (ranked);
          return NULL;
        }
      rank (ranked, _uc_an_evidence_new ("change_request", cr->id, ref,
                                         derived ?
                                         (n > 1 ?
                                          g_strdup (_("2 review rounds: reviewed before its last commit")) :
                                          g_strdup (_("1 review round: no review before its last commit"))) :
                                         /* Translators: "4 review rounds (patch sets or versions)" */
                                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                       "%d review round (patch sets or versions)",
                                                                       "%d review rounds (patch sets or versions)", n),
                                                          n),
                                         cr->merged),
            n, FALSE);
    }
  rows = ranked_rows (ranked);
  g_array_unref (ranked);
  return rows;
}

static char *
stalled_fact (UcTime end,
              UcTime last)
{
  g_autofree char *date = _uc_an_format_date (last);
  g_autofree char *idle = _uc_an_format_duration ((double) (end - last));

  if (end - last > STALL_TIME)
    /* Translators: "open, no activity since 2026-02-10 (23 days)" */
    return g_strdup_printf (_("open, no activity since %s (%s)"), date, idle);
  /* Translators: "open, last activity 2026-03-01" */
  return g_strdup_printf (_("open, last activity %s"), date);
}

static GPtrArray *
stalled_evidence (UcAnalysis  *self,
                  UcStore     *store,
                  guint        team,
                  guint        week,
                  GError     **error)
{
  UcAnRecords *records = &self->records;
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (UcTime));
  UcTime end = self->week_starts[week + 1];
  GPtrArray *rows;

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      g_autofree char *ref = NULL;
      UcTime last;

      if (!cr->is_human || !cr_open_at (cr, end) ||
          _uc_analysis_team_at (self, (guint) cr->author, end - 1) != (int) team)
        continue;
      cr_activity (self, cr, times);
      last = last_before (times, end);
      if ((ref = _uc_an_cr_ref (self, store, c, error)) == NULL)
        goto fail;
      rank (ranked, _uc_an_evidence_new ("change_request", cr->id, ref, stalled_fact (end, last), last),
            (double) (end - last), end - last > STALL_TIME);
    }
  for (guint i = 0; i < records->items->len; i++)
    {
      const UcAnItem *item = ITEM (self, i);
      g_autofree char *ref = NULL;
      g_autofree char *fact = NULL;
      UcTime last;

      if (!counts_decision_item (self, item) || !item_open_at (self, item, end) ||
          item_team_at_end (self, item, end) != (int) team)
        continue;
      item_activity (self, item, times);
      last = last_before (times, end);
      if ((ref = _uc_an_item_ref (self, store, i, error)) == NULL)
        goto fail;
      fact = stalled_fact (end, last);
      rank (ranked, _uc_an_evidence_new ("work_item", item->id, ref,
                                         /* Translators: "decision item, open, no activity since…" */
                                         g_strdup_printf (_("decision item, %s"), fact), last),
            (double) (end - last), end - last > STALL_TIME);
    }
  rows = ranked_rows (ranked);
  g_array_unref (ranked);
  return rows;

fail:
  ranked_free (ranked);
  return NULL;
}

static GPtrArray *
abandoned_evidence (UcAnalysis  *self,
                    UcStore     *store,
                    guint        team,
                    guint        week,
                    GError     **error)
{
  UcAnRecords *records = &self->records;
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GPtrArray *rows;

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      g_autofree char *ref = NULL;
      g_autofree char *after = NULL;
      gboolean abandoned;
      char *fact;

      if (!counts_ended (cr) || cr->end_team != (int) team ||
          !_uc_analysis_in_window (self, week, WINDOW_WEEKS, cr->closed))
        continue;
      if ((ref = _uc_an_cr_ref (self, store, c, error)) == NULL)
        {
          ranked_free (ranked);
          return NULL;
        }
      after = _uc_an_format_duration ((double) (cr->closed - cr->created));
      abandoned = cr->state == UC_AN_CR_CLOSED && cr->closed - cr->created > ABANDON_TIME;
      if (cr->state == UC_AN_CR_MERGED)
        fact = g_strdup_printf (_("merged %s after opening"), after);
      else if (abandoned)
        /* Translators: "abandoned: closed without merge after 12 days open" */
        fact = g_strdup_printf (_("abandoned: closed without merge after %s open"), after);
      else
        /* Translators: "closed without merge after 3.0 days open (within 7 days)" */
        fact = g_strdup_printf (_("closed without merge after %s open (within 7 days)"), after);
      rank (ranked, _uc_an_evidence_new ("change_request", cr->id, ref, fact, cr->closed),
            (double) (cr->closed - cr->created), abandoned);
    }
  rows = ranked_rows (ranked);
  g_array_unref (ranked);
  return rows;
}

GPtrArray *
_uc_signals_cv_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  int signal_index[N_CV_SIGNALS];

  resolve_signal_indices (signal_index);
  if (isnan (_uc_analysis_value_cell (self, team, (guint) signal, week)->value))
    return _uc_an_evidence_array ();

  if (signal == signal_index[SIGNAL_FIRST_RESPONSE])
    return response_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_DECISION_TIME])
    return decision_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_ROUNDS])
    return rounds_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_STALLED])
    return stalled_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_ABANDONED])
    return abandoned_evidence (self, store, team, week, error);
  g_return_val_if_reached (NULL);
}
