/* uc-signals-ds.c: Dissent suppression (SIGNALS.md §4).
 *
 * Rolling 4-week windows; humans only. Choices where SIGNALS.md leaves
 * room:
 *
 * Voice: what a member says = their comments on change requests and
 * items (inline review comments included), their reviews (any state) and
 * their chat messages, each attributed to the author's team at its time.
 * A committer = a member with a non-merge commit attributed to the team
 * in the window (as in CA).
 *
 * DS.overridden   change requests that ended (merge or close in the
 *                 window; the author's team then) with an objecting
 *                 review by someone else — "changes requested" or
 *                 dismissed — up to their end: overridden when merged
 *                 while one of those reviewers gave no approval after
 *                 their last objecting review. A dismissed review is an
 *                 override unless its reviewer approved later; a CR
 *                 closed without merge heeded the objection.
 * DS.unanswered   objections (comments flagged at import, reviews flagged
 *                 or requesting changes; the objector's team, or the
 *                 record's when the objector is on no team, such as an
 *                 outside contributor) in the window whose change
 *                 request was merged or closed, or whose item was done,
 *                 after the objection (by the end of the data; objections
 *                 raised after the close are not counted): unanswered
 *                 when nobody else (a human) commented on the same record
 *                 — or, on a change request, left a review with a body —
 *                 within 7 days after. Objections younger than 7 days at the end of the
 *                 data without a reply yet are undecided and left out.
 *                 Chat messages have no record to close: not counted.
 * DS.voice_gini   Gini of voice counts over the window's committers
 *                 (zeros included); no data when they all said nothing
 *                 (DS.silent reports it).
 * DS.silent       committers with no voice / committers.
 * DS.fading       members present in the window who spoke in the 12
 *                 weeks before it: fading when their weekly voice rate
 *                 fell by more than 60 % while they still committed in
 *                 the window at no less than 80 % of their previous
 *                 weekly commit rate. Needs those 12 weeks inside the
 *                 analysed period (no data in its first 15 weeks).
 * DS.newcomer_gap comments (on change requests and items) and chat
 *                 messages in the window that got a reply from someone
 *                 else: median hours to that first reply for authors with
 *                 less than 90 days of history (since their first event
 *                 of any kind), divided by the median for everyone else.
 *                 A reply: a later comment on the same record by someone
 *                 else (threads are flat on most forges), a later review
 *                 with a body on the same change request, a later message
 *                 of the same chat thread. Events in the first 90 days of
 *                 the data are left out: history cannot be told there.
 *
 * Voice measures need discussion data: without any review, comment or
 * chat message in the window in the whole workspace, DS.voice_gini and
 * DS.silent are no data rather than "everybody silent".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-analysis-private.h"
#include "uc-stats.h"

#define WINDOW_WEEKS        4
#define PREVIOUS_WEEKS      12
#define REPLY_WINDOW        (7 * UC_SECONDS_PER_DAY)
#define NEWCOMER_HISTORY    (90 * UC_SECONDS_PER_DAY)
#define FADING_VOICE_DROP   0.60
#define FADING_COMMIT_DROP  0.20

enum {
  SIGNAL_OVERRIDDEN,
  SIGNAL_UNANSWERED,
  SIGNAL_VOICE_GINI,
  SIGNAL_SILENT,
  SIGNAL_FADING,
  SIGNAL_NEWCOMER_GAP,
  N_DS_SIGNALS,
};

static void
resolve_signal_indices (int index[N_DS_SIGNALS])
{
  index[SIGNAL_OVERRIDDEN] = uc_signal_def_index ("DS.overridden");
  index[SIGNAL_UNANSWERED] = uc_signal_def_index ("DS.unanswered");
  index[SIGNAL_VOICE_GINI] = uc_signal_def_index ("DS.voice_gini");
  index[SIGNAL_SILENT] = uc_signal_def_index ("DS.silent");
  index[SIGNAL_FADING] = uc_signal_def_index ("DS.fading");
  index[SIGNAL_NEWCOMER_GAP] = uc_signal_def_index ("DS.newcomer_gap");
  for (guint i = 0; i < N_DS_SIGNALS; i++)
    g_assert (index[i] >= 0);
}

#define CR(self, i)      (&g_array_index ((self)->records.crs, UcAnCr, (i)))
#define ITEM(self, i)    (&g_array_index ((self)->records.items, UcAnItem, (i)))
#define REVIEW(self, i)  (&g_array_index ((self)->records.reviews, UcAnReview, (i)))
#define COMMENT(self, i) (&g_array_index ((self)->records.comments, UcAnComment, (i)))
#define MESSAGE(self, i) (&g_array_index ((self)->records.messages, UcAnMessage, (i)))

/* ---- overridden ---- */

static gboolean
counts_ended (const UcAnCr *cr)
{
  return cr->state != UC_AN_CR_OPEN && cr->is_human && cr->end_team >= 0;
}

static gboolean
is_objecting_review (const UcAnCr     *cr,
                     const UcAnReview *review)
{
  return review->is_human && review->reviewer != cr->author && review->time <= cr->closed &&
         (review->state == UC_REVIEW_CHANGES_REQUESTED || review->state == UC_REVIEW_DISMISSED);
}

/* Whether @cr had an objecting review (*@objection: the first one).
 * *@overrider gets the last objecting review of the first reviewer whose
 * objection stands at the merge (no approval by them after their last
 * objecting review); -1 when none or when the CR was not merged. */
static gboolean
cr_objections (UcAnalysis   *self,
               const UcAnCr *cr,
               int          *overrider,
               int          *objection)
{
  UcAnRecords *records = &self->records;

  *overrider = -1;
  *objection = -1;
  for (guint i = 0; i < cr->n_reviews; i++)
    {
      guint r = g_array_index (records->cr_reviews, guint, cr->first_review + i);
      const UcAnReview *review = REVIEW (self, r);
      gboolean last = TRUE, approved_after = FALSE;

      if (!is_objecting_review (cr, review))
        continue;
      if (*objection < 0)
        *objection = (int) r;
      for (guint j = i + 1; j < cr->n_reviews; j++)
        {
          const UcAnReview *later = REVIEW (self, g_array_index (records->cr_reviews, guint, cr->first_review + j));

          if (later->reviewer != review->reviewer || later->time > cr->closed)
            continue;
          if (is_objecting_review (cr, later))
            last = FALSE;
          else if (later->state == UC_REVIEW_APPROVED)
            approved_after = TRUE;
        }
      if (last && !approved_after && cr->state == UC_AN_CR_MERGED && *overrider < 0)
        *overrider = (int) r;
    }
  return *objection >= 0;
}

/* ---- replies ---- */

/* The first reply by someone else to comment @c (0 when none). */
static UcTime
comment_first_reply (UcAnalysis *self,
                     guint       c)
{
  UcAnRecords *records = &self->records;
  const UcAnComment *comment = COMMENT (self, c);
  GArray *list;
  guint first, n;
  UcTime best = 0;

  if (comment->cr >= 0)
    {
      const UcAnCr *cr = CR (self, comment->cr);

      list = records->cr_comments;
      first = cr->first_comment;
      n = cr->n_comments;
      for (guint i = 0; i < cr->n_reviews; i++)
        {
          const UcAnReview *review = REVIEW (self, g_array_index (records->cr_reviews, guint, cr->first_review + i));

          if (review->time >= comment->time && review->is_human && review->has_body &&
              review->reviewer != comment->author)
            {
              best = review->time;
              break;
            }
        }
    }
  else
    {
      const UcAnItem *item = ITEM (self, comment->item);

      list = records->item_comments;
      first = item->first_comment;
      n = item->n_comments;
    }
  /* Comments after @c in the record's list (time order). */
  for (guint i = 0; i < n; i++)
    {
      guint other = g_array_index (list, guint, first + i);
      const UcAnComment *reply;

      if (other <= c)
        continue;
      reply = COMMENT (self, other);
      if (best != 0 && reply->time >= best)
        break;
      if (reply->is_human && reply->author != comment->author)
        {
          best = reply->time;
          break;
        }
    }
  return best;
}

/* Chat threads: the messages of each thread, root first. */
typedef struct
{
  guint *offsets;     /* per message: its thread's start in order[], G_MAXUINT unthreaded */
  guint *ends;        /* per message: its thread's end */
  guint *order;       /* message indices grouped by thread, time order */
  guint *position;    /* per message: its index in order[] */
} Threads;

static void
threads_build (UcAnalysis *self,
               Threads    *threads)
{
  GArray *messages = self->records.messages;
  guint n = messages->len;
  g_autofree guint *count = g_new0 (guint, MAX (n, 1));
  g_autofree guint *start = g_new0 (guint, MAX (n, 1));
  g_autofree guint *fill = g_new0 (guint, MAX (n, 1));
  guint total = 0;

  threads->offsets = g_new (guint, MAX (n, 1));
  threads->ends = g_new (guint, MAX (n, 1));
  threads->order = g_new (guint, MAX (n, 1));
  threads->position = g_new (guint, MAX (n, 1));

  /* Roots with replies, and their sizes. */
  for (guint i = 0; i < n; i++)
    {
      int root = MESSAGE (self, i)->thread_root;

      if (root >= 0)
        count[root]++;
    }
  for (guint i = 0; i < n; i++)
    if (count[i] > 0)
      {
        start[i] = total;
        fill[i] = total;
        total += count[i] + 1;
      }
  for (guint i = 0; i < n; i++)
    {
      int root = MESSAGE (self, i)->thread_root;
      guint r = root >= 0 ? (guint) root : i;

      if (root < 0 && count[i] == 0)
        {
          threads->offsets[i] = G_MAXUINT;
          threads->ends[i] = G_MAXUINT;
          threads->position[i] = G_MAXUINT;
          continue;
        }
      threads->offsets[i] = start[r];
      threads->ends[i] = start[r] + count[r] + 1;
      threads->position[i] = fill[r];
      threads->order[fill[r]++] = i;
    }
}

static void
threads_clear (Threads *threads)
{
  g_clear_pointer (&threads->offsets, g_free);
  g_clear_pointer (&threads->ends, g_free);
  g_clear_pointer (&threads->order, g_free);
  g_clear_pointer (&threads->position, g_free);
}

static UcTime
message_first_reply (UcAnalysis    *self,
                     const Threads *threads,
                     guint          m,
                     int           *replier)
{
  const UcAnMessage *message = MESSAGE (self, m);

  if (threads->position[m] == G_MAXUINT)
    return 0;
  for (guint k = threads->position[m] + 1; k < threads->ends[m]; k++)
    {
      const UcAnMessage *reply = MESSAGE (self, threads->order[k]);

      if (reply->is_human && reply->author != message->author)
        {
          if (replier != NULL)
            *replier = reply->author;
          return reply->time;
        }
    }
  return 0;
}

/* ---- unanswered ---- */

/* Whether the record of an objection got closed by the end of the data. */
static gboolean
target_closed (UcAnalysis *self,
               int         cr,
               int         item,
               UcTime     *when)
{
  if (cr >= 0)
    {
      *when = CR (self, cr)->closed;
      return CR (self, cr)->state != UC_AN_CR_OPEN;
    }
  if (item >= 0)
    {
      const UcAnItem *record = ITEM (self, item);

      *when = record->resolved;
      if (record->category == UC_STATUS_DONE && record->n_status > 0)
        {
          guint last = g_array_index (self->records.item_status, guint,
                                      record->first_status + record->n_status - 1);

          *when = g_array_index (self->records.status_changes, UcAnStatusChange, last).time;
        }
      return record->category == UC_STATUS_DONE || record->resolved != 0;
    }
  return FALSE;
}

/* The first reply by someone else to a review objection (0: none). */
static UcTime
review_first_reply (UcAnalysis *self,
                    guint       r)
{
  UcAnRecords *records = &self->records;
  const UcAnReview *review = REVIEW (self, r);
  const UcAnCr *cr = CR (self, review->cr);
  UcTime best = 0;

  for (guint i = 0; i < cr->n_comments; i++)
    {
      const UcAnComment *comment = COMMENT (self, g_array_index (records->cr_comments, guint, cr->first_comment + i));

      if (comment->time >= review->time && comment->is_human && comment->author != review->reviewer)
        {
          best = comment->time;
          break;
        }
    }
  for (guint i = 0; i < cr->n_reviews; i++)
    {
      guint other = g_array_index (records->cr_reviews, guint, cr->first_review + i);
      const UcAnReview *reply = REVIEW (self, other);

      if (other == r || reply->time < review->time || (best != 0 && reply->time >= best))
        continue;
      if (reply->is_human && reply->has_body && reply->reviewer != review->reviewer)
        {
          best = reply->time;
          break;
        }
    }
  return best;
}

typedef enum
{
  OBJECTION_NOT_COUNTED,
  OBJECTION_ANSWERED,
  OBJECTION_UNANSWERED,
} ObjectionFate;

static ObjectionFate
objection_fate (UcAnalysis *self,
                UcTime      time,
                UcTime      reply,
                int         cr,
                int         item)
{
  UcTime closed;

  /* Only objections raised before their record closed: it closed over
   * them. */
  if (!target_closed (self, cr, item, &closed) || (closed != 0 && time > closed))
    return OBJECTION_NOT_COUNTED;
  if (reply != 0 && reply - time <= REPLY_WINDOW)
    return OBJECTION_ANSWERED;
  if (reply == 0 && time + REPLY_WINDOW > self->week_starts[self->n_weeks])
    return OBJECTION_NOT_COUNTED;   /* undecided: its 7 days are not over */
  return OBJECTION_UNANSWERED;
}

/* The team of an objection: the objector's at the time, else (someone on
 * no team, such as an outside contributor) the record's: the CR author's
 * then, or the item's (uc-analysis-load.c). */
static int
objection_team (UcAnalysis *self,
                int         team,
                UcTime      time,
                int         cr,
                int         item)
{
  if (team >= 0)
    return team;
  if (cr >= 0)
    return CR (self, cr)->author >= 0 ?
           _uc_analysis_team_at (self, (guint) CR (self, cr)->author, time) : -1;
  if (item >= 0)
    return _uc_analysis_item_team_at (self, ITEM (self, item), -1, time);
  return -1;
}

static int
comment_objection_team (UcAnalysis        *self,
                        const UcAnComment *comment)
{
  return objection_team (self, comment->team, comment->time, comment->cr, comment->item);
}

static int
review_objection_team (UcAnalysis       *self,
                       const UcAnReview *review)
{
  return objection_team (self, review->team, review->time, (int) review->cr, -1);
}

static gboolean
counts_comment_objection (UcAnalysis        *self,
                          const UcAnComment *comment)
{
  return comment->is_objection && comment->is_human && comment_objection_team (self, comment) >= 0;
}

static gboolean
counts_review_objection (UcAnalysis       *self,
                         const UcAnReview *review)
{
  return review->is_objection && review->is_human && review_objection_team (self, review) >= 0;
}

/* ---- voice and commits per member ---- */

typedef struct
{
  UcTime time;
  int    member;
} MemberEvent;

static int
compare_member_events (const void *a,
                       const void *b)
{
  const MemberEvent *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return (x->member > y->member) - (x->member < y->member);
}

static int
member_of (UcAnalysis    *self,
           const UcIdMap *map,
           int            team,
           int            person)
{
  if (team < 0 || person < 0)
    return -1;
  return uc_id_map_lookup (map, (gint64) team * self->persons->len + person, -1);
}

static void
add_event (GArray *events,
           UcTime  time,
           int     member)
{
  MemberEvent event = { time, member };

  if (member >= 0)
    g_array_append_val (events, event);
}

/* Voice events (time order) with their member; @any_voice counts every
 * voice event of the workspace by week (data availability). */
static GArray *
collect_voice (UcAnalysis    *self,
               const UcIdMap *members,
               guint         *any_voice)
{
  UcAnRecords *records = &self->records;
  GArray *events = g_array_new (FALSE, FALSE, sizeof (MemberEvent));

  for (guint i = 0; i < records->comments->len; i++)
    {
      const UcAnComment *c = COMMENT (self, i);
      int w = _uc_analysis_week_index (self, c->time);

      if (w >= 0 && c->is_human)
        any_voice[w]++;
      if (c->is_human)
        add_event (events, c->time, member_of (self, members, c->team, c->author));
    }
  for (guint i = 0; i < records->reviews->len; i++)
    {
      const UcAnReview *r = REVIEW (self, i);
      int w = _uc_analysis_week_index (self, r->time);

      if (w >= 0 && r->is_human)
        any_voice[w]++;
      if (r->is_human)
        add_event (events, r->time, member_of (self, members, r->team, r->reviewer));
    }
  for (guint i = 0; i < records->messages->len; i++)
    {
      const UcAnMessage *m = MESSAGE (self, i);
      int w = _uc_analysis_week_index (self, m->time);

      if (w >= 0 && m->is_human)
        any_voice[w]++;
      if (m->is_human)
        add_event (events, m->time, member_of (self, members, m->team, m->author));
    }
  if (events->len > 1)
    qsort (events->data, events->len, sizeof (MemberEvent), compare_member_events);
  return events;
}

static GArray *
collect_commits (UcAnalysis *self)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (MemberEvent));

  for (guint c = 0; c < self->commits->len; c++)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);

      if (commit->team >= 0 && commit->is_human && !commit->is_merge)
        add_event (events, commit->time, commit->member);
    }
  return events;
}

/* A counter per member over a sliding window: [start, end). */
typedef struct
{
  GArray *events;
  guint  *count;
  guint   added;
  guint   removed;
} Slider;

static void
slider_init (Slider *slider,
             GArray *events,
             guint   n_members)
{
  slider->events = events;
  slider->count = g_new0 (guint, MAX (n_members, 1));
  slider->added = 0;
  slider->removed = 0;
}

static void
slider_move (Slider *slider,
             UcTime  start,
             UcTime  end)
{
  for (; slider->added < slider->events->len; slider->added++)
    {
      const MemberEvent *e = &g_array_index (slider->events, MemberEvent, slider->added);

      if (e->time >= end)
        break;
      slider->count[e->member]++;
    }
  for (; slider->removed < slider->added; slider->removed++)
    {
      const MemberEvent *e = &g_array_index (slider->events, MemberEvent, slider->removed);

      if (e->time >= start)
        break;
      slider->count[e->member]--;
    }
}

static void
slider_clear (Slider *slider)
{
  g_clear_pointer (&slider->count, g_free);
}

typedef enum
{
  FADING_NOT_ASSESSED,
  FADING_NO,
  FADING_YES,
} FadingState;

static FadingState
fading_state (guint cur_voice,
              guint prev_voice,
              guint cur_commits,
              guint prev_commits)
{
  double cur_voice_rate = cur_voice / (double) WINDOW_WEEKS;
  double prev_voice_rate = prev_voice / (double) PREVIOUS_WEEKS;
  double cur_commit_rate = cur_commits / (double) WINDOW_WEEKS;
  double prev_commit_rate = prev_commits / (double) PREVIOUS_WEEKS;

  if (prev_voice == 0)
    return FADING_NOT_ASSESSED;
  if (cur_voice_rate < (1.0 - FADING_VOICE_DROP) * prev_voice_rate && cur_commits > 0 &&
      cur_commit_rate >= (1.0 - FADING_COMMIT_DROP) * prev_commit_rate)
    return FADING_YES;
  return FADING_NO;
}

static gboolean
fading_possible (UcAnalysis *self,
                 guint       week)
{
  return week + 1 >= WINDOW_WEEKS + PREVIOUS_WEEKS;
}

/* (team, person) → member index. */
static void
build_member_index (UcAnalysis *self,
                    UcIdMap    *map)
{
  uc_id_map_init (map, self->members->len + 16);
  for (guint m = 0; m < self->members->len; m++)
    {
      const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);

      uc_id_map_insert (map, (gint64) member->team * self->persons->len + member->person, (int) m);
    }
}

/* ---- newcomer gap ---- */

static gboolean
history_known (UcAnalysis *self,
               UcTime      time)
{
  return time - self->week_starts[0] >= NEWCOMER_HISTORY;
}

static gboolean
is_newcomer (UcAnalysis *self,
             int         person,
             UcTime      time)
{
  UcTime first = self->records.person_first[person];

  return first != 0 && time - first < NEWCOMER_HISTORY;
}

static void
emit_gap (UcAnalysis  *self,
          UcAnSamples *newcomers,
          UcAnSamples *others,
          int          signal)
{
  g_autofree double *copy = NULL;
  gsize copy_size = 0;

  for (guint t = 0; t < self->teams->len; t++)
    for (guint w = 0; w < self->n_weeks; w++)
      {
        double *values;
        guint n_new = _uc_an_samples_window (newcomers, t, w, WINDOW_WEEKS, &values);
        guint n_old;
        double median_new, median_old;

        if (n_new == 0)
          continue;
        median_new = uc_stats_median (values, n_new);
        n_old = _uc_an_samples_window (others, t, w, WINDOW_WEEKS, &values);
        if (n_old == 0)
          continue;
        if (copy_size < n_old)
          {
            copy_size = n_old;
            copy = g_renew (double, copy, copy_size);
          }
        memcpy (copy, values, n_old * sizeof (double));
        median_old = uc_stats_median (copy, n_old);
        if (median_old > 0.0)
          _uc_analysis_set_value (self, t, (guint) signal, w, median_new / median_old, n_new + n_old);
      }
}

/* ---- compute ---- */

gboolean
_uc_signals_ds_compute (UcAnalysis    *self,
                        UcProgressFunc progress,
                        gpointer       progress_data,
                        double         progress_from,
                        double         progress_to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  UcAnRecords *records = &self->records;
  UcAnShares overridden = { 0 }, unanswered = { 0 };
  UcAnSamples newcomers = { 0 }, others = { 0 };
  UcIdMap member_index = { 0 };
  Threads threads = { 0 };
  g_autoptr(GArray) voice = NULL;
  g_autoptr(GArray) commits = NULL;
  g_autofree guint *any_voice = NULL;
  g_autofree double *buffer = NULL;
  Slider voice_cur, voice_long, commit_cur, commit_long;
  int signal_index[N_DS_SIGNALS];
  guint n_teams = self->teams->len;
  guint n_members = self->members->len;
  gboolean ok = TRUE;

  resolve_signal_indices (signal_index);
  if (n_teams == 0 || self->n_weeks == 0)
    return TRUE;

  _uc_an_shares_init (&overridden, self);
  _uc_an_shares_init (&unanswered, self);
  _uc_an_samples_init (&newcomers, self);
  _uc_an_samples_init (&others, self);
  threads_build (self, &threads);

  /* DS.overridden */
  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      int overrider, objection;

      if (counts_ended (cr) && cr_objections (self, cr, &overrider, &objection))
        _uc_an_shares_add (&overridden, self, cr->end_team, cr->closed, overrider >= 0);
    }

  /* DS.unanswered and DS.newcomer_gap (comments) */
  for (guint i = 0; i < records->comments->len; i++)
    {
      const UcAnComment *comment = COMMENT (self, i);
      gboolean objection = counts_comment_objection (self, comment);
      gboolean gap = comment->is_human && comment->team >= 0 && history_known (self, comment->time);
      UcTime reply;

      if (!objection && !gap)
        continue;
      reply = comment_first_reply (self, i);
      if (objection)
        {
          ObjectionFate fate = objection_fate (self, comment->time, reply, comment->cr, comment->item);

          if (fate != OBJECTION_NOT_COUNTED)
            _uc_an_shares_add (&unanswered, self, comment_objection_team (self, comment), comment->time,
                               fate == OBJECTION_UNANSWERED);
        }
      if (gap && reply != 0)
        _uc_an_samples_add (is_newcomer (self, comment->author, comment->time) ? &newcomers : &others,
                            self, comment->team, comment->time, (reply - comment->time) / 3600.0);
    }
  for (guint r = 0; r < records->reviews->len; r++)
    {
      const UcAnReview *review = REVIEW (self, r);
      ObjectionFate fate;

      if (!counts_review_objection (self, review))
        continue;
      fate = objection_fate (self, review->time, review_first_reply (self, r), (int) review->cr, -1);
      if (fate != OBJECTION_NOT_COUNTED)
        _uc_an_shares_add (&unanswered, self, review_objection_team (self, review), review->time,
                           fate == OBJECTION_UNANSWERED);
    }
  for (guint m = 0; m < records->messages->len; m++)
    {
      const UcAnMessage *message = MESSAGE (self, m);
      UcTime reply;

      if (!message->is_human || message->team < 0 || !history_known (self, message->time))
        continue;
      reply = message_first_reply (self, &threads, m, NULL);
      if (reply != 0)
        _uc_an_samples_add (is_newcomer (self, message->author, message->time) ? &newcomers : &others,
                            self, message->team, message->time, (reply - message->time) / 3600.0);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      ok = FALSE;
      goto out;
    }
  _uc_an_shares_emit (&overridden, self, signal_index[SIGNAL_OVERRIDDEN], WINDOW_WEEKS);
  _uc_an_shares_emit (&unanswered, self, signal_index[SIGNAL_UNANSWERED], WINDOW_WEEKS);
  emit_gap (self, &newcomers, &others, signal_index[SIGNAL_NEWCOMER_GAP]);

  /* DS.voice_gini, DS.silent, DS.fading */
  build_member_index (self, &member_index);
  any_voice = g_new0 (guint, self->n_weeks);
  voice = collect_voice (self, &member_index, any_voice);
  commits = collect_commits (self);
  slider_init (&voice_cur, voice, n_members);
  slider_init (&voice_long, voice, n_members);
  slider_init (&commit_cur, commits, n_members);
  slider_init (&commit_long, commits, n_members);
  buffer = g_new (double, MAX (n_members, 1));
  {
    guint voice_in_window = 0;

    for (guint w = 0; w < self->n_weeks; w++)
      {
        UcTime end = self->week_starts[w + 1];
        UcTime start = _uc_analysis_window_start (self, w, WINDOW_WEEKS);
        UcTime long_start = _uc_analysis_window_start (self, w, WINDOW_WEEKS + PREVIOUS_WEEKS);

        voice_in_window += any_voice[w];
        if (w >= WINDOW_WEEKS)
          voice_in_window -= any_voice[w - WINDOW_WEEKS];
        slider_move (&voice_cur, start, end);
        slider_move (&voice_long, long_start, end);
        slider_move (&commit_cur, start, end);
        slider_move (&commit_long, long_start, end);

        for (guint t = 0; t < n_teams; t++)
          {
            GArray *members = self->team_members[t];
            guint n_committers = 0, n_silent = 0, n_assessed = 0, n_fading = 0;
            gint64 spoken = 0;

            for (guint i = 0; i < members->len; i++)
              {
                guint m = g_array_index (members, guint, i);
                const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);

                if (member->is_agent)
                  continue;
                if (commit_cur.count[m] > 0)
                  {
                    buffer[n_committers++] = voice_cur.count[m];
                    spoken += voice_cur.count[m];
                    if (voice_cur.count[m] == 0)
                      n_silent++;
                  }
                if (fading_possible (self, w) && _uc_analysis_member_in (member, start, end))
                  {
                    FadingState state = fading_state (voice_cur.count[m],
                                                      voice_long.count[m] - voice_cur.count[m],
                                                      commit_cur.count[m],
                                                      commit_long.count[m] - commit_cur.count[m]);

                    if (state != FADING_NOT_ASSESSED)
                      n_assessed++;
                    if (state == FADING_YES)
                      n_fading++;
                  }
              }
            if (voice_in_window > 0 && n_committers > 0)
              {
                _uc_analysis_set_value (self, t, signal_index[SIGNAL_SILENT], w,
                                        (double) n_silent / n_committers, n_committers);
                _uc_analysis_set_value (self, t, signal_index[SIGNAL_VOICE_GINI], w,
                                        uc_stats_gini (buffer, n_committers), spoken);
              }
            if (n_assessed > 0)
              _uc_analysis_set_value (self, t, signal_index[SIGNAL_FADING], w,
                                      (double) n_fading / n_assessed, n_assessed);
          }
      }
  }
  slider_clear (&voice_cur);
  slider_clear (&voice_long);
  slider_clear (&commit_cur);
  slider_clear (&commit_long);
  uc_id_map_clear (&member_index);

out:
  threads_clear (&threads);
  _uc_an_shares_clear (&overridden);
  _uc_an_shares_clear (&unanswered);
  _uc_an_samples_clear (&newcomers);
  _uc_an_samples_clear (&others);
  return ok;
}

/* ---- evidence ---- */

static GPtrArray *
overridden_evidence (UcAnalysis  *self,
                     UcStore     *store,
                     guint        team,
                     guint        week,
                     GError     **error)
{
  UcAnRecords *records = &self->records;
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) flagged = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) others = _uc_an_evidence_array ();

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      g_autofree char *ref = NULL;
      g_autofree char *date = NULL;
      int overrider, objection;
      char *fact;

      if (!counts_ended (cr) || cr->end_team != (int) team ||
          !_uc_analysis_in_window (self, week, WINDOW_WEEKS, cr->closed) ||
          !cr_objections (self, cr, &overrider, &objection))
        continue;
      ref = _uc_an_cr_ref (self, store, c, error);
      if (ref == NULL)
        return NULL;
      date = _uc_an_format_date (cr->closed);
      if (overrider >= 0)
        {
          const UcAnReview *review = REVIEW (self, overrider);

          if (review->state == UC_REVIEW_DISMISSED)
            /* Translators: "merged 2026-03-04 after Ann's review was dismissed, no later approval by Ann" */
            fact = g_strdup_printf (_("merged %s after %s’s review was dismissed, no later approval by them"),
                                    date, _uc_an_person_name (self, review->reviewer));
          else
            /* Translators: "merged 2026-03-04 after changes requested by Ann, no later approval" */
            fact = g_strdup_printf (_("merged %s after changes requested by %s, no later approval"),
                                    date, _uc_an_person_name (self, review->reviewer));
          g_ptr_array_add (flagged, _uc_an_evidence_new ("change_request", cr->id, ref, fact, cr->closed));
          continue;
        }
      if (cr->state == UC_AN_CR_MERGED)
        /* Translators: "merged 2026-03-04 after Ann, who requested changes, approved it" */
        fact = g_strdup_printf (_("merged %s after %s, who objected, approved it"),
                                date, _uc_an_person_name (self, REVIEW (self, objection)->reviewer));
      else
        /* Translators: "closed without merge 2026-03-04 after changes requested by Ann" */
        fact = g_strdup_printf (_("closed without merge %s after changes requested by %s"),
                                date, _uc_an_person_name (self, REVIEW (self, objection)->reviewer));
      g_ptr_array_add (others, _uc_an_evidence_new ("change_request", cr->id, ref, fact, cr->closed));
    }
  _uc_an_evidence_append (rows, flagged);
  _uc_an_evidence_append (rows, others);
  return g_steal_pointer (&rows);
}

static char *
target_ref (UcAnalysis  *self,
            UcStore     *store,
            int          cr,
            int          item,
            GError     **error)
{
  if (cr >= 0)
    return _uc_an_cr_ref (self, store, (guint) cr, error);
  return _uc_an_item_ref (self, store, (guint) item, error);
}

static char *
objection_fact (UcAnalysis   *self,
                int           person,
                UcTime        time,
                UcTime        reply,
                ObjectionFate fate,
                int           cr,
                int           item)
{
  g_autofree char *date = _uc_an_format_date (time);
  g_autofree char *closed_date = NULL;
  UcTime closed = 0;

  target_closed (self, cr, item, &closed);
  closed_date = closed != 0 ? _uc_an_format_date (closed) : g_strdup ("?");
  if (fate == OBJECTION_UNANSWERED)
    {
      if (cr >= 0 && CR (self, cr)->state == UC_AN_CR_MERGED)
        /* Translators: "objection by Ann on 2026-03-01, no reply from anyone else within 7 days; merged 2026-03-03" */
        return g_strdup_printf (_("objection by %s on %s, no reply from anyone else within 7 days; merged %s"),
                                _uc_an_person_name (self, person), date, closed_date);
      /* Translators: "objection by Ann on 2026-03-01, no reply from anyone else within 7 days; closed 2026-03-03" */
      return g_strdup_printf (_("objection by %s on %s, no reply from anyone else within 7 days; closed %s"),
                              _uc_an_person_name (self, person), date, closed_date);
    }
  {
    g_autofree char *after = _uc_an_format_duration ((double) (reply - time));

    /* Translators: "objection by Ann on 2026-03-01, answered after 5.0 h" */
    return g_strdup_printf (_("objection by %s on %s, answered after %s"),
                            _uc_an_person_name (self, person), date, after);
  }
}

static GPtrArray *
unanswered_evidence (UcAnalysis  *self,
                     UcStore     *store,
                     guint        team,
                     guint        week,
                     GError     **error)
{
  UcAnRecords *records = &self->records;
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) flagged = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) others = _uc_an_evidence_array ();
  UcTime start = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  UcTime end = self->week_starts[week + 1];

  for (guint i = _uc_analysis_first_at (records->comments, G_STRUCT_OFFSET (UcAnComment, time), start);
       i < records->comments->len; i++)
    {
      const UcAnComment *comment = COMMENT (self, i);
      g_autofree char *ref = NULL;
      ObjectionFate fate;
      UcTime reply;

      if (comment->time >= end)
        break;
      if (!counts_comment_objection (self, comment) || comment_objection_team (self, comment) != (int) team)
        continue;
      reply = comment_first_reply (self, i);
      fate = objection_fate (self, comment->time, reply, comment->cr, comment->item);
      if (fate == OBJECTION_NOT_COUNTED)
        continue;
      ref = target_ref (self, store, comment->cr, comment->item, error);
      if (ref == NULL)
        return NULL;
      g_ptr_array_add (fate == OBJECTION_UNANSWERED ? flagged : others,
                       _uc_an_evidence_new ("comment", comment->id, ref,
                                            objection_fact (self, comment->author, comment->time, reply,
                                                            fate, comment->cr, comment->item),
                                            comment->time));
    }
  for (guint r = _uc_analysis_first_at (records->reviews, G_STRUCT_OFFSET (UcAnReview, time), start);
       r < records->reviews->len; r++)
    {
      const UcAnReview *review = REVIEW (self, r);
      g_autofree char *ref = NULL;
      ObjectionFate fate;
      UcTime reply;

      if (review->time >= end)
        break;
      if (!counts_review_objection (self, review) || review_objection_team (self, review) != (int) team)
        continue;
      reply = review_first_reply (self, r);
      fate = objection_fate (self, review->time, reply, (int) review->cr, -1);
      if (fate == OBJECTION_NOT_COUNTED)
        continue;
      ref = _uc_an_cr_ref (self, store, review->cr, error);
      if (ref == NULL)
        return NULL;
      g_ptr_array_add (fate == OBJECTION_UNANSWERED ? flagged : others,
                       _uc_an_evidence_new ("review", review->id, ref,
                                            objection_fact (self, review->reviewer, review->time, reply,
                                                            fate, (int) review->cr, -1),
                                            review->time));
    }
  _uc_an_evidence_append (rows, flagged);
  _uc_an_evidence_append (rows, others);
  return g_steal_pointer (&rows);
}

typedef struct
{
  int    person;
  guint  voice;
  guint  commits;
  guint  prev_voice;
  guint  prev_commits;
  UcTime last;
  int    state;        /* FadingState, or silent (1) / not (0) */
} PersonRow;

static int
compare_person_rows (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const PersonRow *x = a, *y = b;
  UcAnalysis *self = user_data;
  int cmp;

  if (x->state != y->state)
    return x->state > y->state ? -1 : 1;
  if (x->voice != y->voice)
    return x->voice > y->voice ? -1 : 1;
  cmp = strcmp (_uc_an_person_name (self, x->person), _uc_an_person_name (self, y->person));
  if (cmp != 0)
    return cmp;
  return (x->person > y->person) - (x->person < y->person);
}

/* Count voice and commits of the team's members over [start, end) and
 * [long_start, start). */
static void
count_members (UcAnalysis *self,
               guint       team,
               UcTime      long_start,
               UcTime      start,
               UcTime      end,
               PersonRow  *rows)     /* per person */
{
  UcAnRecords *records = &self->records;

#define COUNT(time_, team_, person_, human_)                                   \
  G_STMT_START {                                                               \
    if ((human_) && (team_) == (int) team && (person_) >= 0 &&                 \
        (time_) >= long_start && (time_) < end)                                \
      {                                                                        \
        if ((time_) >= start)                                                  \
          rows[(person_)].voice++;                                             \
        else                                                                   \
          rows[(person_)].prev_voice++;                                        \
        rows[(person_)].last = MAX (rows[(person_)].last, (time_));            \
      }                                                                        \
  } G_STMT_END

  for (guint i = _uc_analysis_first_at (records->comments, G_STRUCT_OFFSET (UcAnComment, time), long_start);
       i < records->comments->len && COMMENT (self, i)->time < end; i++)
    {
      const UcAnComment *c = COMMENT (self, i);

      COUNT (c->time, c->team, c->author, c->is_human);
    }
  for (guint i = _uc_analysis_first_at (records->reviews, G_STRUCT_OFFSET (UcAnReview, time), long_start);
       i < records->reviews->len && REVIEW (self, i)->time < end; i++)
    {
      const UcAnReview *r = REVIEW (self, i);

      COUNT (r->time, r->team, r->reviewer, r->is_human);
    }
  for (guint i = _uc_analysis_first_at (records->messages, G_STRUCT_OFFSET (UcAnMessage, time), long_start);
       i < records->messages->len && MESSAGE (self, i)->time < end; i++)
    {
      const UcAnMessage *m = MESSAGE (self, i);

      COUNT (m->time, m->team, m->author, m->is_human);
    }
#undef COUNT

  for (guint c = _uc_analysis_commit_at (self, long_start); c < self->commits->len; c++)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);

      if (commit->time >= end)
        break;
      if (commit->team != (int) team || !commit->is_human || commit->is_merge)
        continue;
      if (commit->time >= start)
        rows[commit->person].commits++;
      else
        rows[commit->person].prev_commits++;
    }
}

static GPtrArray *
member_evidence (UcAnalysis *self,
                 guint       team,
                 int         which,
                 guint       week)
{
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (PersonRow));
  g_autofree PersonRow *counts = g_new0 (PersonRow, MAX (self->persons->len, 1));
  g_autofree guint8 *present = g_new0 (guint8, MAX (self->persons->len, 1));
  GArray *members = self->team_members[team];
  UcTime end = self->week_starts[week + 1];
  UcTime start = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  UcTime long_start = _uc_analysis_window_start (self, week, WINDOW_WEEKS + PREVIOUS_WEEKS);

  for (guint p = 0; p < self->persons->len; p++)
    counts[p].person = (int) p;
  count_members (self, team, long_start, start, end, counts);
  for (guint i = 0; i < members->len; i++)
    {
      const UcAnMember *member = &g_array_index (self->members, UcAnMember, g_array_index (members, guint, i));

      if (!member->is_agent && _uc_analysis_member_in (member, start, end))
        present[member->person] = TRUE;
    }

  for (guint p = 0; p < self->persons->len; p++)
    {
      PersonRow row = counts[p];

      if (g_array_index (self->persons, UcAnPerson, p).is_agent)
        continue;
      if (which == SIGNAL_FADING)
        {
          if (!present[p])
            continue;
          row.state = fading_state (row.voice, row.prev_voice, row.commits, row.prev_commits);
          if (row.state == FADING_NOT_ASSESSED)
            continue;
        }
      else
        {
          if (row.commits == 0)
            continue;
          row.state = which == SIGNAL_SILENT && row.voice == 0;
        }
      g_array_append_val (listed, row);
    }
  g_array_sort_with_data (listed, compare_person_rows, self);

  for (guint i = 0; i < listed->len; i++)
    {
      const PersonRow *row = &g_array_index (listed, PersonRow, i);
      const UcAnPerson *person = &g_array_index (self->persons, UcAnPerson, row->person);
      char *fact;

      if (which == SIGNAL_FADING)
        {
          double before = row->prev_voice / (double) PREVIOUS_WEEKS;
          double now = row->voice / (double) WINDOW_WEEKS;

          /* Translators: "comments fell from 3.0 to 0.5 a week (−83 %) while commits went from 2.0 to 2.5 a week" */
          fact = g_strdup_printf (_("comments went from %.1f to %.1f a week (%+.0f %%) while commits went from %.1f to %.1f a week"),
                                  before, now, 100.0 * (now - before) / before,
                                  row->prev_commits / (double) PREVIOUS_WEEKS,
                                  row->commits / (double) WINDOW_WEEKS);
        }
      else if (row->voice == 0)
        /* Translators: "12 commits, no review or discussion comment" */
        fact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u commit, no review or discussion comment",
                                             "%u commits, no review or discussion comment",
                                             row->commits),
                                row->commits);
      else
        {
          g_autofree char *commits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u commit", "%u commits",
                                                                   row->commits),
                                                      row->commits);

          /* Translators: "5 reviews or comments, 12 commits" */
          fact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u review or comment, %s",
                                               "%u reviews or comments, %s",
                                               row->voice),
                                  row->voice, commits);
        }
      g_ptr_array_add (rows, _uc_an_evidence_new ("person", person->id, person->name, fact, row->last));
    }
  return g_steal_pointer (&rows);
}

static GPtrArray *
gap_evidence (UcAnalysis  *self,
              UcStore     *store,
              guint        team,
              guint        week,
              GError     **error)
{
  UcAnRecords *records = &self->records;
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) newcomers = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) others = _uc_an_evidence_array ();
  Threads threads = { 0 };
  UcTime start = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  UcTime end = self->week_starts[week + 1];
  gboolean ok = TRUE;

  for (guint i = _uc_analysis_first_at (records->comments, G_STRUCT_OFFSET (UcAnComment, time), start);
       i < records->comments->len && ok; i++)
    {
      const UcAnComment *comment = COMMENT (self, i);
      g_autofree char *ref = NULL;
      g_autofree char *after = NULL;
      gboolean newcomer;
      UcTime reply;

      if (comment->time >= end)
        break;
      if (!comment->is_human || comment->team != (int) team || !history_known (self, comment->time))
        continue;
      reply = comment_first_reply (self, i);
      if (reply == 0)
        continue;
      ref = target_ref (self, store, comment->cr, comment->item, error);
      if (ref == NULL)
        return NULL;
      newcomer = is_newcomer (self, comment->author, comment->time);
      after = _uc_an_format_duration ((double) (reply - comment->time));
      g_ptr_array_add (newcomer ? newcomers : others,
                       _uc_an_evidence_new ("comment", comment->id, ref,
                                            newcomer ?
                                            /* Translators: "comment by a newcomer, Ann, first reply after 5.0 h" */
                                            g_strdup_printf (_("comment by a newcomer, %s, first reply after %s"),
                                                             _uc_an_person_name (self, comment->author), after) :
                                            /* Translators: "comment by Ann, first reply after 5.0 h" */
                                            g_strdup_printf (_("comment by %s, first reply after %s"),
                                                             _uc_an_person_name (self, comment->author), after),
                                            comment->time));
    }

  threads_build (self, &threads);
  for (guint m = _uc_analysis_first_at (records->messages, G_STRUCT_OFFSET (UcAnMessage, time), start);
       m < records->messages->len; m++)
    {
      const UcAnMessage *message = MESSAGE (self, m);
      g_autofree char *after = NULL;
      gboolean newcomer;
      UcTime reply;

      if (message->time >= end)
        break;
      if (!message->is_human || message->team != (int) team || !history_known (self, message->time))
        continue;
      reply = message_first_reply (self, &threads, m, NULL);
      if (reply == 0)
        continue;
      newcomer = is_newcomer (self, message->author, message->time);
      after = _uc_an_format_duration ((double) (reply - message->time));
      g_ptr_array_add (newcomer ? newcomers : others,
                       _uc_an_evidence_new ("message", message->id,
                                            g_ptr_array_index (records->channels, message->channel),
                                            newcomer ?
                                            /* Translators: "message by a newcomer, Ann, first reply after 5.0 h" */
                                            g_strdup_printf (_("message by a newcomer, %s, first reply after %s"),
                                                             _uc_an_person_name (self, message->author), after) :
                                            /* Translators: "message by Ann, first reply after 5.0 h" */
                                            g_strdup_printf (_("message by %s, first reply after %s"),
                                                             _uc_an_person_name (self, message->author), after),
                                            message->time));
    }
  threads_clear (&threads);

  _uc_an_evidence_append (rows, newcomers);
  _uc_an_evidence_append (rows, others);
  return g_steal_pointer (&rows);
}

GPtrArray *
_uc_signals_ds_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  int signal_index[N_DS_SIGNALS];

  resolve_signal_indices (signal_index);
  if (isnan (_uc_analysis_value_cell (self, team, (guint) signal, week)->value))
    return _uc_an_evidence_array ();

  if (signal == signal_index[SIGNAL_OVERRIDDEN])
    return overridden_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_UNANSWERED])
    return unanswered_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_VOICE_GINI])
    return member_evidence (self, team, SIGNAL_VOICE_GINI, week);
  if (signal == signal_index[SIGNAL_SILENT])
    return member_evidence (self, team, SIGNAL_SILENT, week);
  if (signal == signal_index[SIGNAL_FADING])
    return member_evidence (self, team, SIGNAL_FADING, week);
  if (signal == signal_index[SIGNAL_NEWCOMER_GAP])
    return gap_evidence (self, store, team, week, error);
  g_return_val_if_reached (NULL);
}
