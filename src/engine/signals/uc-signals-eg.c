/* uc-signals-eg.c: Execution gap — reported vs actual (SIGNALS.md §6).
 *
 * Rolling 4-week windows. A move to done is a status change into the done
 * category from anything else (an unknown origin included); its team is
 * the mover's (uc-analysis-load.c). Links are the keys found at import,
 * resolved to items (uc-analysis-load.c). Choices where SIGNALS.md leaves
 * room:
 *
 * EG.unbacked_done items moved to done in the window, each once (its
 *                 last move in the window stands for it): left out when
 *                 the item's type is a question, support request,
 *                 duplicate, won't do… or the move reached such a status;
 *                 unbacked when no commit or change request links to the
 *                 item at all (whenever linked, before or after).
 * EG.zombie       a snapshot at the window's end: items in doing then
 *                 (moved into doing before it and not out of it; the
 *                 assignee's team then): zombies when in doing for over 14
 *                 days with no linked code activity — a linked commit, or
 *                 a linked change request opened, updated by a commit or
 *                 merged — in the 14 days before the window's end.
 * EG.invisible    for a team with change requests (any change request by
 *                 its members in the analysed period): merged change
 *                 requests in the window naming no item key (in title,
 *                 body or branch) / merged change requests; for a team
 *                 without any, its human non-merge commits naming no key
 *                 / its commits. A key counts even when the item is not
 *                 in the workspace. Without any tracker data (no item and
 *                 no key anywhere in the workspace) nothing tells whether
 *                 work is tracked: no data, rather than 100 %.
 * EG.reopened     items moved to done in the window, each once: reopened
 *                 when one of those moves was followed within 28 days by a
 *                 move out of done (to todo or doing). Items whose last
 *                 move in the window is less than 28 days before the end
 *                 of the data and not reopened yet are undecided, left out.
 * EG.status_lag   items moved to done in the window, each once (its last
 *                 move in the window), with a linked merged change request
 *                 — else a linked commit: median days from the last linked
 *                 merge (or commit) to that move; negative when the item
 *                 was reported done before the code landed. Questions,
 *                 duplicates, won't do… left out. Scored on |value|.
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

#define WINDOW_WEEKS   4
#define ZOMBIE_TIME    (14 * UC_SECONDS_PER_DAY)
#define REOPEN_TIME    (28 * UC_SECONDS_PER_DAY)

enum {
  SIGNAL_UNBACKED_DONE,
  SIGNAL_ZOMBIE,
  SIGNAL_INVISIBLE,
  SIGNAL_REOPENED,
  SIGNAL_STATUS_LAG,
  N_EG_SIGNALS,
};

static void
resolve_signal_indices (int index[N_EG_SIGNALS])
{
  index[SIGNAL_UNBACKED_DONE] = uc_signal_def_index ("EG.unbacked_done");
  index[SIGNAL_ZOMBIE] = uc_signal_def_index ("EG.zombie");
  index[SIGNAL_INVISIBLE] = uc_signal_def_index ("EG.invisible");
  index[SIGNAL_REOPENED] = uc_signal_def_index ("EG.reopened");
  index[SIGNAL_STATUS_LAG] = uc_signal_def_index ("EG.status_lag");
  for (guint i = 0; i < N_EG_SIGNALS; i++)
    g_assert (index[i] >= 0);
}

#define CR(self, i)      (&g_array_index ((self)->records.crs, UcAnCr, (i)))
#define ITEM(self, i)    (&g_array_index ((self)->records.items, UcAnItem, (i)))
#define CHANGE(self, i)  (&g_array_index ((self)->records.status_changes, UcAnStatusChange, (i)))

static guint
item_change (UcAnalysis     *self,
             const UcAnItem *item,
             guint           k)
{
  return g_array_index (self->records.item_status, guint, item->first_status + k);
}

/* ---- the moves to done of an item, window by window ---- */

typedef struct
{
  guint  *moves;        /* status change indices, time order */
  int    *weeks;
  guint   n;
  guint   size;
} Moves;

static void
moves_collect (UcAnalysis     *self,
               const UcAnItem *item,
               Moves          *moves)
{
  moves->n = 0;
  for (guint k = 0; k < item->n_status; k++)
    {
      guint s = item_change (self, item, k);
      int w;

      if (!_uc_an_is_done_transition (CHANGE (self, s)) ||
          (w = _uc_analysis_week_index (self, CHANGE (self, s)->time)) < 0)
        continue;
      if (moves->n == moves->size)
        {
          moves->size = MAX (8, moves->size * 2);
          moves->moves = g_renew (guint, moves->moves, moves->size);
          moves->weeks = g_renew (int, moves->weeks, moves->size);
        }
      moves->moves[moves->n] = s;
      moves->weeks[moves->n] = w;
      moves->n++;
    }
}

static void
moves_clear (Moves *moves)
{
  g_clear_pointer (&moves->moves, g_free);
  g_clear_pointer (&moves->weeks, g_free);
}

/* The next window (from *@week on) holding moves: their range [*lo, *hi).
 * FALSE when none is left. Start with *@week = 0. */
static gboolean
moves_next_window (const Moves *moves,
                   guint        n_weeks,
                   int         *week,
                   guint       *lo,
                   guint       *hi)
{
  for (int w = *week; w < (int) n_weeks; w++)
    {
      guint a = 0, b;

      while (a < moves->n && moves->weeks[a] < w - (WINDOW_WEEKS - 1))
        a++;
      if (a == moves->n)
        return FALSE;
      if (moves->weeks[a] > w)
        {
          w = moves->weeks[a] - 1;   /* jump to the next move's week */
          continue;
        }
      b = a;
      while (b < moves->n && moves->weeks[b] <= w)
        b++;
      *lo = a;
      *hi = b;
      *week = w;
      return TRUE;
    }
  return FALSE;
}

/* The window containing @week for a given item, as evidence needs it. */
static gboolean
moves_window (const Moves *moves,
              int          week,
              guint       *lo,
              guint       *hi)
{
  guint a = 0, b;

  while (a < moves->n && moves->weeks[a] < week - (WINDOW_WEEKS - 1))
    a++;
  b = a;
  while (b < moves->n && moves->weeks[b] <= week)
    b++;
  *lo = a;
  *hi = b;
  return b > a;
}

static gboolean
is_excluded_move (UcAnalysis             *self,
                  const UcAnStatusChange *move)
{
  return move->to_excluded || ITEM (self, move->item)->klass == UC_AN_ITEM_EXCLUDED;
}

/* ---- unbacked, reopened, status lag ---- */

static gboolean
is_backed (const UcAnItem *item)
{
  return item->n_commits > 0 || item->n_crs > 0;
}

/* The first move out of done (to todo or doing) within 28 days after
 * @move; -1 when none. */
static int
reopen_after (UcAnalysis             *self,
              const UcAnItem         *item,
              const UcAnStatusChange *move)
{
  for (guint k = 0; k < item->n_status; k++)
    {
      guint s = item_change (self, item, k);
      const UcAnStatusChange *change = CHANGE (self, s);

      if (change->time < move->time || change == move)
        continue;
      if (change->time - move->time > REOPEN_TIME)
        break;
      if (change->from == UC_STATUS_DONE && (change->to == UC_STATUS_TODO || change->to == UC_STATUS_DOING))
        return (int) s;
    }
  return -1;
}

typedef enum
{
  REOPEN_UNDECIDED,
  REOPEN_NO,
  REOPEN_YES,
} ReopenState;

static ReopenState
window_reopened (UcAnalysis     *self,
                 const UcAnItem *item,
                 const Moves    *moves,
                 guint           lo,
                 guint           hi,
                 int            *move,
                 int            *reopen)
{
  for (guint k = lo; k < hi; k++)
    if ((*reopen = reopen_after (self, item, CHANGE (self, moves->moves[k]))) >= 0)
      {
        *move = (int) moves->moves[k];
        return REOPEN_YES;
      }
  *move = (int) moves->moves[hi - 1];
  if (CHANGE (self, moves->moves[hi - 1])->time + REOPEN_TIME > self->week_starts[self->n_weeks])
    return REOPEN_UNDECIDED;
  return REOPEN_NO;
}

/* The last linked merge (else linked commit) of @item; 0 when none.
 * *@is_merge tells which. */
static UcTime
last_linked_merge (UcAnalysis     *self,
                   const UcAnItem *item,
                   gboolean       *is_merge)
{
  UcAnRecords *records = &self->records;
  UcTime last = 0;

  for (guint i = 0; i < item->n_crs; i++)
    {
      const UcAnCr *cr = CR (self, g_array_index (records->item_crs, guint, item->first_cr + i));

      if (cr->state == UC_AN_CR_MERGED)
        last = MAX (last, cr->merged);
    }
  *is_merge = last != 0;
  if (last != 0)
    return last;
  for (guint i = 0; i < item->n_commits; i++)
    last = MAX (last, g_array_index (self->commits, UcAnCommit,
                                     g_array_index (records->item_commits, guint, item->first_commit + i)).time);
  return last;
}

/* ---- zombies ---- */

typedef struct
{
  UcTime start;
  UcTime end;      /* the move out of doing; G_MAXINT64 while in doing */
} Spell;

static guint
doing_spells (UcAnalysis     *self,
              const UcAnItem *item,
              GArray         *spells)
{
  Spell spell = { 0, 0 };
  gboolean doing = FALSE;

  g_array_set_size (spells, 0);
  if (item->n_status > 0 && CHANGE (self, item_change (self, item, 0))->from == UC_STATUS_DOING)
    {
      doing = TRUE;
      spell.start = item->created;
    }
  for (guint k = 0; k < item->n_status; k++)
    {
      const UcAnStatusChange *change = CHANGE (self, item_change (self, item, k));

      if (!doing && change->to == UC_STATUS_DOING)
        {
          doing = TRUE;
          spell.start = change->time;
        }
      else if (doing && change->to != UC_STATUS_DOING)
        {
          doing = FALSE;
          spell.end = change->time;
          g_array_append_val (spells, spell);
        }
    }
  if (doing)
    {
      spell.end = G_MAXINT64;
      g_array_append_val (spells, spell);
    }
  return spells->len;
}

static int
compare_times (const void *a,
               const void *b)
{
  UcTime x = *(const UcTime *) a, y = *(const UcTime *) b;

  return (x > y) - (x < y);
}

static void
code_activity (UcAnalysis     *self,
               const UcAnItem *item,
               GArray         *times)
{
  UcAnRecords *records = &self->records;

  g_array_set_size (times, 0);
  for (guint i = 0; i < item->n_commits; i++)
    g_array_append_val (times, g_array_index (self->commits, UcAnCommit,
                                              g_array_index (records->item_commits, guint,
                                                             item->first_commit + i)).time);
  for (guint i = 0; i < item->n_crs; i++)
    {
      const UcAnCr *cr = CR (self, g_array_index (records->item_crs, guint, item->first_cr + i));

      g_array_append_val (times, cr->created);
      if (cr->last_commit != 0)
        g_array_append_val (times, cr->last_commit);
      if (cr->merged != 0)
        g_array_append_val (times, cr->merged);
    }
  if (times->len > 1)
    qsort (times->data, times->len, sizeof (UcTime), compare_times);
}

/* The last code activity before @end (0: none). */
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
is_zombie (UcTime spell_start,
           UcTime end,
           UcTime last_activity)
{
  return end - spell_start > ZOMBIE_TIME && last_activity < end - ZOMBIE_TIME;
}

/* ---- invisible ---- */

static gboolean
counts_merged (const UcAnCr *cr)
{
  return cr->state == UC_AN_CR_MERGED && cr->is_human && cr->end_team >= 0;
}

static guint8 *
teams_with_crs (UcAnalysis *self)
{
  UcAnRecords *records = &self->records;
  guint8 *with = g_new0 (guint8, MAX (self->teams->len, 1));

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);

      if (!cr->is_human)
        continue;
      if (cr->team >= 0)
        with[cr->team] = TRUE;
      if (cr->end_team >= 0)
        with[cr->end_team] = TRUE;
    }
  return with;
}

static gboolean
has_tracker_data (UcAnalysis *self)
{
  return self->records.items->len > 0 || self->records.n_link_rows > 0;
}

static gboolean
counts_commit (const UcAnCommit *commit)
{
  return commit->team >= 0 && commit->is_human && !commit->is_merge;
}

/* ---- compute ---- */

gboolean
_uc_signals_eg_compute (UcAnalysis    *self,
                        UcProgressFunc progress,
                        gpointer       progress_data,
                        double         progress_from,
                        double         progress_to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  UcAnRecords *records = &self->records;
  UcAnShares unbacked = { 0 }, zombie = { 0 }, invisible = { 0 }, reopened = { 0 };
  UcAnSamples lag = { 0 };
  g_autoptr(GArray) spells = g_array_new (FALSE, FALSE, sizeof (Spell));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (UcTime));
  g_autofree guint8 *with_crs = NULL;
  Moves moves = { 0 };
  int signal_index[N_EG_SIGNALS];
  gboolean ok;

  resolve_signal_indices (signal_index);
  if (self->teams->len == 0 || self->n_weeks == 0)
    return TRUE;

  _uc_an_shares_init (&unbacked, self);
  _uc_an_shares_init (&zombie, self);
  _uc_an_shares_init (&invisible, self);
  _uc_an_shares_init (&reopened, self);
  _uc_an_samples_init (&lag, self);

  for (guint i = 0; i < records->items->len; i++)
    {
      const UcAnItem *item = ITEM (self, i);
      gboolean is_merge;
      UcTime merge = last_linked_merge (self, item, &is_merge);
      guint lo, hi;
      int w = 0;

      /* Windows with moves to done. */
      moves_collect (self, item, &moves);
      while (moves_next_window (&moves, self->n_weeks, &w, &lo, &hi))
        {
          const UcAnStatusChange *last = CHANGE (self, moves.moves[hi - 1]);
          int move, reopen;
          ReopenState state;

          if (last->team >= 0 && !is_excluded_move (self, last))
            {
              _uc_an_shares_add_weeks (&unbacked, last->team, w, w, !is_backed (item));
              if (merge != 0)
                _uc_an_samples_add_weeks (&lag, last->team, w, w,
                                          (last->time - merge) / (double) UC_SECONDS_PER_DAY);
            }
          state = window_reopened (self, item, &moves, lo, hi, &move, &reopen);
          if (last->team >= 0 && state != REOPEN_UNDECIDED)
            _uc_an_shares_add_weeks (&reopened, last->team, w, w, state == REOPEN_YES);
          w++;
        }

      /* Zombies: every week end while in doing. */
      if (doing_spells (self, item, spells) > 0)
        {
          code_activity (self, item, times);
          for (guint k = 0; k < spells->len; k++)
            {
              const Spell *spell = &g_array_index (spells, Spell, k);
              int first = spell->start < self->week_starts[0] ? 0 : _uc_analysis_week_index (self, spell->start);

              for (guint v = (guint) MAX (first, 0); v < self->n_weeks; v++)
                {
                  UcTime end = self->week_starts[v + 1];

                  if (spell->start >= end)
                    continue;
                  if (spell->end < end)
                    break;
                  _uc_an_shares_add_weeks (&zombie, _uc_analysis_item_team_at (self, item, item->assignee, end - 1),
                                           (int) v, (int) v,
                                           is_zombie (spell->start, end, last_before (times, end)));
                }
            }
        }
    }

  with_crs = teams_with_crs (self);
  for (guint c = 0; c < records->crs->len && has_tracker_data (self); c++)
    {
      const UcAnCr *cr = CR (self, c);

      if (counts_merged (cr) && with_crs[cr->end_team])
        _uc_an_shares_add (&invisible, self, cr->end_team, cr->merged, cr->n_link_keys == 0);
    }
  for (guint c = 0; c < self->commits->len && has_tracker_data (self); c++)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);

      if (counts_commit (commit) && !with_crs[commit->team])
        _uc_an_shares_add (&invisible, self, commit->team, commit->time, records->commit_n_keys[c] == 0);
    }

  ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (ok)
    {
      _uc_an_shares_emit (&unbacked, self, signal_index[SIGNAL_UNBACKED_DONE], 1);
      _uc_an_shares_emit (&zombie, self, signal_index[SIGNAL_ZOMBIE], 1);
      _uc_an_shares_emit (&invisible, self, signal_index[SIGNAL_INVISIBLE], WINDOW_WEEKS);
      _uc_an_shares_emit (&reopened, self, signal_index[SIGNAL_REOPENED], 1);
      _uc_an_samples_emit_median (&lag, self, signal_index[SIGNAL_STATUS_LAG], 1);
    }

  moves_clear (&moves);
  _uc_an_shares_clear (&unbacked);
  _uc_an_shares_clear (&zombie);
  _uc_an_shares_clear (&invisible);
  _uc_an_shares_clear (&reopened);
  _uc_an_samples_clear (&lag);
  return ok;
}

/* ---- evidence ---- */

typedef struct
{
  UcEvidence *row;
  double      key;        /* larger first */
  gboolean    first;
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

static char *
links_fact (const UcAnItem *item)
{
  g_autofree char *commits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u linked commit",
                                                           "%u linked commits", item->n_commits),
                                              item->n_commits);

  /* Translators: "3 linked commits, 1 linked change request" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u linked change request",
                                       "%s, %u linked change requests", item->n_crs),
                          commits, item->n_crs);
}

/* Evidence of the per-item window signals: unbacked, reopened, lag. */
static GPtrArray *
moves_evidence (UcAnalysis  *self,
                UcStore     *store,
                guint        team,
                int          which,
                guint        week,
                GError     **error)
{
  UcAnRecords *records = &self->records;
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  Moves moves = { 0 };
  GPtrArray *rows;

  for (guint i = 0; i < records->items->len; i++)
    {
      const UcAnItem *item = ITEM (self, i);
      const UcAnStatusChange *last;
      g_autofree char *ref = NULL;
      g_autofree char *date = NULL;
      guint lo, hi;
      char *fact = NULL;
      double key = 0.0;
      gboolean flagged = FALSE;

      moves_collect (self, item, &moves);
      if (!moves_window (&moves, (int) week, &lo, &hi))
        continue;
      last = CHANGE (self, moves.moves[hi - 1]);
      if (last->team != (int) team)
        continue;
      date = _uc_an_format_date (last->time);

      if (which == SIGNAL_UNBACKED_DONE)
        {
          if (is_excluded_move (self, last))
            continue;
          flagged = !is_backed (item);
          if (flagged)
            /* Translators: "moved to done 2026-03-04 by Ann, no linked commit or change request" */
            fact = g_strdup_printf (_("moved to done %s by %s, no linked commit or change request"),
                                    date, _uc_an_person_name (self, last->person));
          else
            {
              g_autofree char *links = links_fact (item);

              /* Translators: "moved to done 2026-03-04 by Ann, 3 linked commits, 1 linked change request" */
              fact = g_strdup_printf (_("moved to done %s by %s, %s"), date,
                                      _uc_an_person_name (self, last->person), links);
            }
        }
      else if (which == SIGNAL_REOPENED)
        {
          int move, reopen;
          ReopenState state = window_reopened (self, item, &moves, lo, hi, &move, &reopen);

          if (state == REOPEN_UNDECIDED)
            continue;
          flagged = state == REOPEN_YES;
          if (flagged)
            {
              g_autofree char *done = _uc_an_format_date (CHANGE (self, move)->time);
              g_autofree char *again = _uc_an_format_date (CHANGE (self, reopen)->time);
              g_autofree char *after = _uc_an_format_duration ((double) (CHANGE (self, reopen)->time -
                                                                        CHANGE (self, move)->time));

              /* Translators: "done 2026-03-01, reopened 2026-03-05 by Ann (4.0 days later)" */
              fact = g_strdup_printf (_("done %s, reopened %s by %s (%s later)"), done, again,
                                      _uc_an_person_name (self, CHANGE (self, reopen)->person), after);
            }
          else
            /* Translators: "done 2026-03-01, not reopened within 28 days" */
            fact = g_strdup_printf (_("done %s, not reopened within 28 days"), date);
        }
      else
        {
          gboolean is_merge;
          UcTime merge = last_linked_merge (self, item, &is_merge);
          g_autofree char *merged = NULL;
          g_autofree char *gap = NULL;

          if (is_excluded_move (self, last) || merge == 0)
            continue;
          merged = _uc_an_format_date (merge);
          gap = _uc_an_format_duration (fabs ((double) (last->time - merge)));
          key = fabs ((double) (last->time - merge));
          if (last->time < merge)
            fact = is_merge ?
                   /* Translators: "done 2026-03-01, 3.0 days before its last linked merge (2026-03-04)" */
                   g_strdup_printf (_("done %s, %s before its last linked merge (%s)"), date,
                                    gap, merged) :
                   /* Translators: "done 2026-03-01, 3.0 days before its last linked commit (2026-03-04)" */
                   g_strdup_printf (_("done %s, %s before its last linked commit (%s)"), date,
                                    gap, merged);
          else
            fact = is_merge ?
                   /* Translators: "done 2026-03-04, 1.0 days after its last linked merge (2026-03-03)" */
                   g_strdup_printf (_("done %s, %s after its last linked merge (%s)"), date, gap, merged) :
                   /* Translators: "done 2026-03-04, 1.0 days after its last linked commit (2026-03-03)" */
                   g_strdup_printf (_("done %s, %s after its last linked commit (%s)"), date, gap, merged);
        }

      if ((ref = _uc_an_item_ref (self, store, i, error)) == NULL)
        {
          g_free (fact);
          moves_clear (&moves);
          ranked_free (ranked);
          return NULL;
        }
      rank (ranked, _uc_an_evidence_new ("work_item", item->id, ref, fact, last->time), key, flagged);
    }
  moves_clear (&moves);
  rows = ranked_rows (ranked);
  g_array_unref (ranked);
  return rows;
}

static GPtrArray *
zombie_evidence (UcAnalysis  *self,
                 UcStore     *store,
                 guint        team,
                 guint        week,
                 GError     **error)
{
  UcAnRecords *records = &self->records;
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) spells = g_array_new (FALSE, FALSE, sizeof (Spell));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (UcTime));
  UcTime end = self->week_starts[week + 1];
  GPtrArray *rows;

  for (guint i = 0; i < records->items->len; i++)
    {
      const UcAnItem *item = ITEM (self, i);
      const Spell *spell = NULL;
      g_autofree char *ref = NULL;
      g_autofree char *in_doing = NULL;
      UcTime last;
      gboolean zombie;
      char *fact;

      doing_spells (self, item, spells);
      for (guint k = 0; k < spells->len; k++)
        {
          const Spell *s = &g_array_index (spells, Spell, k);

          if (s->start < end && s->end >= end)
            spell = s;
        }
      if (spell == NULL || _uc_analysis_item_team_at (self, item, item->assignee, end - 1) != (int) team)
        continue;
      code_activity (self, item, times);
      last = last_before (times, end);
      zombie = is_zombie (spell->start, end, last);
      in_doing = _uc_an_format_duration ((double) (end - spell->start));
      if (zombie && last == 0)
        /* Translators: "in doing 23 days, no linked commit or change request at all" */
        fact = g_strdup_printf (_("in doing %s, no linked commit or change request at all"), in_doing);
      else if (zombie)
        {
          g_autofree char *since = _uc_an_format_date (last);

          /* Translators: "in doing 23 days, no linked code activity since 2026-02-10" */
          fact = g_strdup_printf (_("in doing %s, no linked code activity since %s"), in_doing, since);
        }
      else if (last >= end - ZOMBIE_TIME)
        {
          g_autofree char *on = _uc_an_format_date (last);

          /* Translators: "in doing 30 days, linked code activity on 2026-03-01" */
          fact = g_strdup_printf (_("in doing %s, linked code activity on %s"), in_doing, on);
        }
      else
        /* Translators: "in doing 5.0 days" */
        fact = g_strdup_printf (_("in doing %s"), in_doing);

      if ((ref = _uc_an_item_ref (self, store, i, error)) == NULL)
        {
          g_free (fact);
          ranked_free (ranked);
          return NULL;
        }
      rank (ranked, _uc_an_evidence_new ("work_item", item->id, ref, fact, spell->start),
            (double) (end - spell->start), zombie);
    }
  rows = ranked_rows (ranked);
  g_array_unref (ranked);
  return rows;
}

static GPtrArray *
invisible_evidence (UcAnalysis  *self,
                    UcStore     *store,
                    guint        team,
                    guint        week,
                    GError     **error)
{
  UcAnRecords *records = &self->records;
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) flagged = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) others = _uc_an_evidence_array ();
  g_autofree guint8 *with_crs = teams_with_crs (self);
  UcTime start = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  UcTime end = self->week_starts[week + 1];

  if (with_crs[team])
    {
      for (guint c = 0; c < records->crs->len; c++)
        {
          const UcAnCr *cr = CR (self, c);
          g_autofree char *ref = NULL;
          g_autofree char *date = NULL;

          if (!counts_merged (cr) || cr->end_team != (int) team || cr->merged < start || cr->merged >= end)
            continue;
          if ((ref = _uc_an_cr_ref (self, store, c, error)) == NULL)
            return NULL;
          date = _uc_an_format_date (cr->merged);
          g_ptr_array_add (cr->n_link_keys == 0 ? flagged : others,
                           _uc_an_evidence_new ("change_request", cr->id, ref,
                                                cr->n_link_keys == 0 ?
                                                /* Translators: "merged 2026-03-04, names no item in its title, body or branch" */
                                                g_strdup_printf (_("merged %s, names no item in its title, body or branch"), date) :
                                                /* Translators: "merged 2026-03-04, names 2 items" */
                                                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "merged %s, names %u item",
                                                                              "merged %s, names %u items", cr->n_link_keys),
                                                                 date, cr->n_link_keys),
                                                cr->merged));
        }
    }
  else
    {
      for (guint c = _uc_analysis_commit_at (self, start); c < self->commits->len; c++)
        {
          const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);
          g_autofree char *ref = NULL;
          guint n_keys = records->commit_n_keys[c];

          if (commit->time >= end)
            break;
          if (!counts_commit (commit) || commit->team != (int) team)
            continue;
          if ((ref = _uc_an_commit_ref (self, store, c, error)) == NULL)
            return NULL;
          g_ptr_array_add (n_keys == 0 ? flagged : others,
                           _uc_an_evidence_new ("commit", commit->id, ref,
                                                n_keys == 0 ?
                                                /* Translators: "by Ann, names no item in its message" */
                                                g_strdup_printf (_("by %s, names no item in its message"),
                                                                 _uc_an_person_name (self, (int) commit->person)) :
                                                /* Translators: "by Ann, names 2 items" */
                                                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "by %s, names %u item",
                                                                              "by %s, names %u items", n_keys),
                                                                 _uc_an_person_name (self, (int) commit->person), n_keys),
                                                commit->time));
        }
    }
  _uc_an_evidence_append (rows, flagged);
  _uc_an_evidence_append (rows, others);
  return g_steal_pointer (&rows);
}

GPtrArray *
_uc_signals_eg_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  int signal_index[N_EG_SIGNALS];

  resolve_signal_indices (signal_index);
  if (isnan (_uc_analysis_value_cell (self, team, (guint) signal, week)->value))
    return _uc_an_evidence_array ();

  if (signal == signal_index[SIGNAL_UNBACKED_DONE])
    return moves_evidence (self, store, team, SIGNAL_UNBACKED_DONE, week, error);
  if (signal == signal_index[SIGNAL_REOPENED])
    return moves_evidence (self, store, team, SIGNAL_REOPENED, week, error);
  if (signal == signal_index[SIGNAL_STATUS_LAG])
    return moves_evidence (self, store, team, SIGNAL_STATUS_LAG, week, error);
  if (signal == signal_index[SIGNAL_ZOMBIE])
    return zombie_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_INVISIBLE])
    return invisible_evidence (self, store, team, week, error);
  g_return_val_if_reached (NULL);
}
