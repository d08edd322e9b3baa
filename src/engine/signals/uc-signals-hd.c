/* uc-signals-hd.c: Human Debt (SIGNALS.md §7).
 *
 * Rolling 4-week windows; humans only (agents are left out; AI-assisted
 * commits are their human author's). Choices where SIGNALS.md leaves
 * room:
 *
 * Activity: a person's commits (merges included: merging is work done at
 * that time), reviews (any state), comments on change requests and items,
 * and chat messages, each attributed to the person's team at its time.
 *
 * Local time: a commit's own offset (git's author time zone); reviews,
 * comments and messages carry none and use the person's most frequent
 * commit offset over the analysed period (ties: the smaller offset; no
 * commit: UTC). Weeks stay ISO weeks in UTC: an event belongs to the UTC
 * week of its instant, whatever its local date.
 *
 * HD.after_hours activity of the window outside the working hours
 *                 (options: 08:00–19:00 by default, start included, end
 *                 excluded) of its local day, or on a local Saturday or
 *                 Sunday / all activity of the window.
 * HD.wip          a person's work in progress on a day, counted at the
 *                 day's end (UTC) as WV.wip_cv does: the open change
 *                 requests they authored (drafts included) plus the
 *                 items in doing they own (the assignee, else whoever
 *                 moved the item into doing). Per person, the mean over
 *                 the window's days on which they were on the team; the
 *                 value is the median over the people with some open work
 *                 in those days. Coverage: those people.
 * HD.switching    per person and week: distinct code areas (top-level
 *                 directory per repository, see uc-signals-td.c; generated
 *                 and vendored files left out) plus distinct repositories
 *                 their non-merge commits touched, counted for the team
 *                 the commits are attributed to. The value is the median
 *                 over the window's (person, week) pairs with a commit.
 *                 Coverage: those pairs.
 * HD.overload     active days of a person in a week = distinct local
 *                 dates of their activity in that UTC week, over all their
 *                 teams. Overloaded in the window: a run of 3 or more
 *                 consecutive weeks with 6 or more active days that
 *                 reaches a week of the window (the run may begin before
 *                 it). Share over the members with activity for the team
 *                 in the window. Coverage: those members.
 * HD.fading       members of the team during the window (roster validity,
 *                 else from first to last commit, as in CA) with activity
 *                 for the team in the 12 weeks before it: fading when
 *                 their weekly activity rate in the window is below 30 %
 *                 of the previous rate (a fall of more than 70 %). Needs
 *                 those 12 weeks inside the analysed period (no data in
 *                 its first 15 weeks). Coverage: the members assessed.
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

#define WINDOW_WEEKS        4
#define PREVIOUS_WEEKS      12
#define OVERLOAD_DAYS       6
#define OVERLOAD_RUN        3
#define FADING_DROP         0.70
#define DAYS_PER_WEEK       7

enum {
  SIGNAL_AFTER_HOURS,
  SIGNAL_WIP,
  SIGNAL_SWITCHING,
  SIGNAL_OVERLOAD,
  SIGNAL_FADING,
  N_HD_SIGNALS,
};

static void
resolve_signal_indices (int index[N_HD_SIGNALS])
{
  index[SIGNAL_AFTER_HOURS] = uc_signal_def_index ("HD.after_hours");
  index[SIGNAL_WIP] = uc_signal_def_index ("HD.wip");
  index[SIGNAL_SWITCHING] = uc_signal_def_index ("HD.switching");
  index[SIGNAL_OVERLOAD] = uc_signal_def_index ("HD.overload");
  index[SIGNAL_FADING] = uc_signal_def_index ("HD.fading");
  for (guint i = 0; i < N_HD_SIGNALS; i++)
    g_assert (index[i] >= 0);
}

#define COMMIT(self, c)   (&g_array_index ((self)->commits, UcAnCommit, (c)))
#define CHANGE(self, i)   (&g_array_index ((self)->changes, UcAnChange, (i)))
#define CR(self, i)       (&g_array_index ((self)->records.crs, UcAnCr, (i)))
#define ITEM(self, i)     (&g_array_index ((self)->records.items, UcAnItem, (i)))
#define STATUS(self, i)   (&g_array_index ((self)->records.status_changes, UcAnStatusChange, (i)))
#define REVIEW(self, i)   (&g_array_index ((self)->records.reviews, UcAnReview, (i)))
#define COMMENT(self, i)  (&g_array_index ((self)->records.comments, UcAnComment, (i)))
#define MESSAGE(self, i)  (&g_array_index ((self)->records.messages, UcAnMessage, (i)))

/* ---- activity ---- */

typedef enum
{
  EVENT_COMMIT,
  EVENT_REVIEW,
  EVENT_COMMENT,
  EVENT_MESSAGE,
} EventKind;

typedef struct
{
  UcTime time;
  guint  index;      /* into the record's array */
  guint  person;
  int    team;
  gint16 tz;         /* minutes east of UTC */
  guint8 kind;       /* EventKind */
} Event;

/* Every person's most frequent commit offset (ties: the smaller one). */
gint16 *
_uc_signals_hd_modal_offsets (UcAnalysis *self)
{
  guint n_persons = self->persons->len;
  gint16 *offsets = g_new0 (gint16, MAX (n_persons, 1));
  g_autofree guint *best = g_new0 (guint, MAX (n_persons, 1));
  UcIdMap counts = { 0 };

  uc_id_map_init (&counts, 256);
  for (guint c = 0; c < self->commits->len; c++)
    {
      const UcAnCommit *commit = COMMIT (self, c);

      (*uc_id_map_ensure (&counts, (gint64) commit->person * 4096 + (commit->tz + 1440), 0, NULL))++;
    }
  for (gsize i = 0; i <= counts.mask; i++)
    {
      gint64 key = counts.keys[i];
      guint person, count;
      gint16 tz;

      if (key == UC_ID_MAP_EMPTY)
        continue;
      person = (guint) (key / 4096);
      tz = (gint16) (key % 4096 - 1440);
      count = (guint) counts.values[i];
      if (count > best[person] || (count == best[person] && tz < offsets[person]))
        {
          best[person] = count;
          offsets[person] = tz;
        }
    }
  uc_id_map_clear (&counts);
  return offsets;
}

/* The activity events of the analysis, in no particular order. */
static GArray *
collect_events (UcAnalysis   *self,
                const gint16 *offsets)
{
  UcAnRecords *records = &self->records;
  GArray *events = g_array_new (FALSE, FALSE, sizeof (Event));

  for (guint c = 0; c < self->commits->len; c++)
    {
      const UcAnCommit *commit = COMMIT (self, c);
      Event e = { commit->time, c, commit->person, commit->team, commit->tz, EVENT_COMMIT };

      if (commit->is_human && commit->team >= 0)
        g_array_append_val (events, e);
    }
  for (guint r = 0; r < records->reviews->len; r++)
    {
      const UcAnReview *review = REVIEW (self, r);

      if (review->is_human && review->team >= 0 && review->reviewer >= 0)
        {
          Event e = { review->time, r, (guint) review->reviewer, review->team,
                      offsets[review->reviewer], EVENT_REVIEW };

          g_array_append_val (events, e);
        }
    }
  for (guint i = 0; i < records->comments->len; i++)
    {
      const UcAnComment *comment = COMMENT (self, i);

      if (comment->is_human && comment->team >= 0 && comment->author >= 0)
        {
          Event e = { comment->time, i, (guint) comment->author, comment->team,
                      offsets[comment->author], EVENT_COMMENT };

          g_array_append_val (events, e);
        }
    }
  for (guint m = 0; m < records->messages->len; m++)
    {
      const UcAnMessage *message = MESSAGE (self, m);

      if (message->is_human && message->team >= 0 && message->author >= 0)
        {
          Event e = { message->time, m, (guint) message->author, message->team,
                      offsets[message->author], EVENT_MESSAGE };

          g_array_append_val (events, e);
        }
    }
  return events;
}

static inline gint64
local_day (const Event *e)
{
  gint64 local = e->time + (gint64) e->tz * 60;

  return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
}

/* Outside working hours, or on a local weekend. */
static gboolean
is_after_hours (UcAnalysis  *self,
                const Event *e)
{
  gint64 local = e->time + (gint64) e->tz * 60;
  gint64 day = local_day (e);
  gint64 seconds = local - day * 86400;
  /* 1970-01-01 was a Thursday: Monday is 0. */
  int weekday = (int) (((day + 3) % 7 + 7) % 7);

  return weekday >= 5 ||
         seconds < (gint64) self->options.working_hours_start * 3600 ||
         seconds >= (gint64) self->options.working_hours_end * 3600;
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

static int
member_of (UcAnalysis    *self,
           const UcIdMap *map,
           int            team,
           guint          person)
{
  if (team < 0)
    return -1;
  return uc_id_map_lookup (map, (gint64) team * self->persons->len + person, -1);
}

/* Per member and week: activity counts, with prefix sums over weeks
 * (sums[m * (n_weeks + 1) + w] = events of weeks < w). */
typedef struct
{
  guint    n_weeks;
  guint   *sums;
} MemberWeeks;

static void
member_weeks_build (UcAnalysis    *self,
                    MemberWeeks   *weeks,
                    GArray        *events,
                    const UcIdMap *members)
{
  guint stride = self->n_weeks + 1;

  weeks->n_weeks = self->n_weeks;
  weeks->sums = g_new0 (guint, MAX ((gsize) self->members->len * stride, 1));
  for (guint i = 0; i < events->len; i++)
    {
      const Event *e = &g_array_index (events, Event, i);
      int m = member_of (self, members, e->team, e->person);
      int w = _uc_analysis_week_index (self, e->time);

      if (m >= 0 && w >= 0)
        weeks->sums[(gsize) m * stride + (guint) w + 1]++;
    }
  for (guint m = 0; m < self->members->len; m++)
    for (guint w = 1; w < stride; w++)
      weeks->sums[(gsize) m * stride + w] += weeks->sums[(gsize) m * stride + w - 1];
}

/* Events of member @m in weeks [@from, @to] (clipped). */
static guint
member_weeks_count (const MemberWeeks *weeks,
                    guint              m,
                    int                from,
                    int                to)
{
  const guint *row = &weeks->sums[(gsize) m * (weeks->n_weeks + 1)];

  from = MAX (from, 0);
  if (to < from)
    return 0;
  return row[to + 1] - row[from];
}

/* Per person and week: the bit set of local dates with activity (bit 0:
 * the day before the UTC week's Monday … bit 8: the day after Sunday). */
static guint16 *
day_masks (UcAnalysis *self,
           GArray     *events)
{
  guint16 *masks = g_new0 (guint16, MAX ((gsize) self->persons->len * self->n_weeks, 1));

  for (guint i = 0; i < events->len; i++)
    {
      const Event *e = &g_array_index (events, Event, i);
      int w = _uc_analysis_week_index (self, e->time);
      gint64 bit;

      if (w < 0)
        continue;
      bit = local_day (e) - self->week_starts[w] / 86400 + 1;
      if (bit >= 0 && bit < 9)
        masks[(gsize) e->person * self->n_weeks + (guint) w] |= (guint16) (1u << bit);
    }
  return masks;
}

static inline guint
count_days (guint16 mask)
{
  guint n = 0;

  for (; mask != 0; mask &= mask - 1)
    n++;
  return n;
}

/* Per person and week: consecutive weeks with 6+ active days ending
 * there. */
static guint16 *
overload_runs (UcAnalysis    *self,
               const guint16 *masks)
{
  guint16 *runs = g_new0 (guint16, MAX ((gsize) self->persons->len * self->n_weeks, 1));

  for (guint p = 0; p < self->persons->len; p++)
    for (guint w = 0; w < self->n_weeks; w++)
      {
        gsize cell = (gsize) p * self->n_weeks + w;

        if (count_days (masks[cell]) >= OVERLOAD_DAYS)
          runs[cell] = (guint16) MIN ((w > 0 ? runs[cell - 1] : 0) + 1, G_MAXUINT16);
      }
  return runs;
}

/* The longest run reaching a week of [@from, @to]. */
static guint
max_run (UcAnalysis    *self,
         const guint16 *runs,
         guint          person,
         int            from,
         int            to)
{
  guint best = 0;

  for (int w = MAX (from, 0); w <= to; w++)
    best = MAX (best, runs[(gsize) person * self->n_weeks + (guint) w]);
  return best;
}

static gboolean
fading_possible (guint week)
{
  return week + 1 >= WINDOW_WEEKS + PREVIOUS_WEEKS;
}

static gboolean
is_fading (guint current,
           guint previous)
{
  return (current / (double) WINDOW_WEEKS) < (1.0 - FADING_DROP) * (previous / (double) PREVIOUS_WEEKS);
}

/* ---- work in progress ---- */

typedef struct
{
  UcTime start;
  UcTime end;          /* G_MAXINT64 while open */
  guint  person;
  int    cr;           /* CR index, or -1 */
  int    item;         /* item index, or -1 */
} Spell;

static gboolean
is_human_person (UcAnalysis *self,
                 int         person)
{
  return person >= 0 && !g_array_index (self->persons, UcAnPerson, person).is_agent;
}

/* The owner of an item's doing spell: its assignee, else the mover. */
static int
spell_owner (UcAnalysis             *self,
             const UcAnItem         *item,
             const UcAnStatusChange *move)
{
  if (is_human_person (self, item->assignee))
    return item->assignee;
  if (move != NULL && is_human_person (self, move->person))
    return move->person;
  return -1;
}

static GArray *
collect_spells (UcAnalysis *self)
{
  UcAnRecords *records = &self->records;
  GArray *spells = g_array_new (FALSE, FALSE, sizeof (Spell));

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      Spell spell = { cr->created, cr->closed != 0 ? cr->closed : G_MAXINT64, 0, (int) c, -1 };

      if (!cr->is_human || cr->author < 0)
        continue;
      spell.person = (guint) cr->author;
      g_array_append_val (spells, spell);
    }
  for (guint i = 0; i < records->items->len; i++)
    {
      const UcAnItem *item = ITEM (self, i);
      Spell spell = { 0, 0, 0, -1, (int) i };
      gboolean doing = FALSE;
      int owner = -1;

      /* Created straight into doing: the first change leaves doing. */
      if (item->n_status > 0 &&
          STATUS (self, g_array_index (records->item_status, guint, item->first_status))->from == UC_STATUS_DOING)
        {
          doing = TRUE;
          spell.start = item->created;
          owner = spell_owner (self, item, NULL);
        }
      for (guint k = 0; k < item->n_status; k++)
        {
          const UcAnStatusChange *change = STATUS (self, g_array_index (records->item_status, guint,
                                                                        item->first_status + k));

          if (!doing && change->to == UC_STATUS_DOING)
            {
              doing = TRUE;
              spell.start = change->time;
              owner = spell_owner (self, item, change);
            }
          else if (doing && change->to != UC_STATUS_DOING)
            {
              doing = FALSE;
              spell.end = change->time;
              if (owner >= 0)
                {
                  spell.person = (guint) owner;
                  g_array_append_val (spells, spell);
                }
            }
        }
      if (doing && owner >= 0)
        {
          spell.end = G_MAXINT64;
          spell.person = (guint) owner;
          g_array_append_val (spells, spell);
        }
    }
  return spells;
}

/* Days are counted at their end: day k ends at origin + (k + 1) days; a
 * spell counts on the days whose end falls in (start, end]. */
static void
spell_days (UcAnalysis  *self,
            const Spell *spell,
            gint64       n_days,
            gint64      *first,
            gint64      *last)
{
  UcTime origin = self->week_starts[0];
  UcTime end = spell->end == G_MAXINT64 ? origin + n_days * 86400 : spell->end;

  *first = spell->start < origin ? 0 : (spell->start - origin) / 86400;
  *last = end < origin ? -1 : (end - origin) / 86400 - 1;
  *last = MIN (*last, n_days - 1);
}

/* Daily WIP and team of every person with a spell. */
typedef struct
{
  gint64  n_days;
  int    *row_of_person;   /* person → row, -1 */
  GArray *persons;         /* guint: row → person */
  int    *wip;             /* [row][day] */
  int    *team;            /* [row][day]: the person's team at the day's end */
} DailyWip;

static void
daily_wip_build (UcAnalysis *self,
                 DailyWip   *daily,
                 GArray     *spells)
{
  gint64 n_days = (gint64) self->n_weeks * DAYS_PER_WEEK;

  daily->n_days = n_days;
  daily->row_of_person = g_new (int, MAX (self->persons->len, 1));
  for (guint p = 0; p < self->persons->len; p++)
    daily->row_of_person[p] = -1;
  daily->persons = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < spells->len; i++)
    {
      const Spell *spell = &g_array_index (spells, Spell, i);

      if (daily->row_of_person[spell->person] < 0)
        {
          daily->row_of_person[spell->person] = (int) daily->persons->len;
          g_array_append_val (daily->persons, spell->person);
        }
    }

  daily->wip = g_new0 (int, MAX ((gsize) daily->persons->len * (n_days + 1), 1));
  daily->team = g_new (int, MAX ((gsize) daily->persons->len * n_days, 1));
  for (guint i = 0; i < spells->len; i++)
    {
      const Spell *spell = &g_array_index (spells, Spell, i);
      int *row = &daily->wip[(gsize) daily->row_of_person[spell->person] * (n_days + 1)];
      gint64 first, last;

      spell_days (self, spell, n_days, &first, &last);
      if (first <= last)
        {
          row[first]++;
          row[last + 1]--;
        }
    }
  for (guint r = 0; r < daily->persons->len; r++)
    {
      int *row = &daily->wip[(gsize) r * (n_days + 1)];
      int *team = &daily->team[(gsize) r * n_days];
      guint person = g_array_index (daily->persons, guint, r);

      for (gint64 d = 1; d < n_days; d++)
        row[d] += row[d - 1];
      for (gint64 d = 0; d < n_days; d++)
        team[d] = _uc_analysis_team_at (self, person, self->week_starts[0] + (d + 1) * 86400 - 1);
    }
}

static void
daily_wip_clear (DailyWip *daily)
{
  g_clear_pointer (&daily->row_of_person, g_free);
  g_clear_pointer (&daily->persons, g_array_unref);
  g_clear_pointer (&daily->wip, g_free);
  g_clear_pointer (&daily->team, g_free);
}

/* A person's mean WIP over the window's days on @team; FALSE when they
 * had no open work there. */
static gboolean
person_window_wip (UcAnalysis     *self,
                   const DailyWip *daily,
                   guint           row,
                   guint           team,
                   guint           week,
                   double         *mean,
                   guint          *n_days_out)
{
  const int *wip = &daily->wip[(gsize) row * (daily->n_days + 1)];
  const int *teams = &daily->team[(gsize) row * daily->n_days];
  gint64 last = (gint64) (week + 1) * DAYS_PER_WEEK;
  gint64 first = MAX (last - (gint64) WINDOW_WEEKS * DAYS_PER_WEEK, 0);
  gint64 sum = 0;
  guint n_days = 0;
  gboolean any = FALSE;

  for (gint64 d = first; d < last; d++)
    if (teams[d] == (int) team)
      {
        sum += wip[d];
        n_days++;
        any |= wip[d] > 0;
      }
  if (!any)
    return FALSE;
  *mean = (double) sum / n_days;
  if (n_days_out != NULL)
    *n_days_out = n_days;
  return TRUE;
}

/* ---- context switching ---- */

/* Per (member, week) with a commit: distinct areas + repositories, as a
 * map from member * n_weeks + week to the count. */
static void
switching_counts (UcAnalysis *self,
                  UcIdMap    *counts)
{
  guint n_areas = MAX (self->areas->len, 1);
  guint n_repos = MAX (self->repo_names->len, 1);
  UcIdMap seen_area = { 0 }, seen_repo = { 0 };

  uc_id_map_init (counts, 1024);
  uc_id_map_init (&seen_area, 4096);
  uc_id_map_init (&seen_repo, 1024);
  for (guint c = 0; c < self->commits->len; c++)
    {
      const UcAnCommit *commit = COMMIT (self, c);
      int w = _uc_analysis_week_index (self, commit->time);
      gint64 cell;
      gboolean created;
      int *stamp;
      guint added = 0;

      if (!commit->is_human || commit->is_merge || commit->team < 0 || w < 0)
        continue;
      cell = (gint64) commit->member * self->n_weeks + w;

      stamp = uc_id_map_ensure (&seen_repo, (gint64) commit->member * n_repos + commit->repo, w, &created);
      if (created || *stamp != w)
        {
          *stamp = w;
          added++;
        }
      for (guint i = 0; i < commit->n_changes; i++)
        {
          const UcAnChange *change = CHANGE (self, commit->first_change + i);
          const UcAnFile *file = &g_array_index (self->files, UcAnFile, change->file);

          if (file->generated)
            continue;
          stamp = uc_id_map_ensure (&seen_area, (gint64) commit->member * n_areas + file->area, w, &created);
          if (created || *stamp != w)
            {
              *stamp = w;
              added++;
            }
        }
      *uc_id_map_ensure (counts, cell, 0, NULL) += (int) added;
    }
  uc_id_map_clear (&seen_area);
  uc_id_map_clear (&seen_repo);
}

/* ---- compute ---- */

gboolean
_uc_signals_hd_compute (UcAnalysis    *self,
                        UcProgressFunc progress,
                        gpointer       progress_data,
                        double         progress_from,
                        double         progress_to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  guint n_teams = self->teams->len;
  guint n_weeks = self->n_weeks;
  int signal_index[N_HD_SIGNALS];
  g_autofree gint16 *offsets = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) spells = NULL;
  g_autofree guint16 *masks = NULL;
  g_autofree guint16 *runs = NULL;
  g_autofree double *buffer = NULL;
  UcAnShares after_hours = { 0 };
  UcAnSamples switching = { 0 };
  UcIdMap member_index = { 0 };
  UcIdMap counts = { 0 };
  MemberWeeks activity = { 0 };
  DailyWip daily = { 0 };

  resolve_signal_indices (signal_index);
  if (n_teams == 0 || n_weeks == 0)
    return TRUE;

  offsets = _uc_signals_hd_modal_offsets (self);
  events = collect_events (self, offsets);

  /* HD.after_hours */
  _uc_an_shares_init (&after_hours, self);
  for (guint i = 0; i < events->len; i++)
    {
      const Event *e = &g_array_index (events, Event, i);

      _uc_an_shares_add (&after_hours, self, e->team, e->time, is_after_hours (self, e));
    }
  _uc_an_shares_emit (&after_hours, self, signal_index[SIGNAL_AFTER_HOURS], WINDOW_WEEKS);
  _uc_an_shares_clear (&after_hours);
  if (progress != NULL)
    progress (progress_from + (progress_to - progress_from) * 0.2, NULL, progress_data);

  /* HD.switching */
  _uc_an_samples_init (&switching, self);
  switching_counts (self, &counts);
  for (gsize i = 0; i <= counts.mask; i++)
    {
      gint64 key = counts.keys[i];
      const UcAnMember *member;
      int w;

      if (key == UC_ID_MAP_EMPTY)
        continue;
      member = &g_array_index (self->members, UcAnMember, key / n_weeks);
      w = (int) (key % n_weeks);
      _uc_an_samples_add_weeks (&switching, (int) member->team, w, w, counts.values[i]);
    }
  uc_id_map_clear (&counts);
  _uc_an_samples_emit_median (&switching, self, signal_index[SIGNAL_SWITCHING], WINDOW_WEEKS);
  _uc_an_samples_clear (&switching);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (progress_from + (progress_to - progress_from) * 0.4, NULL, progress_data);

  /* HD.overload and HD.fading */
  build_member_index (self, &member_index);
  member_weeks_build (self, &activity, events, &member_index);
  masks = day_masks (self, events);
  runs = overload_runs (self, masks);
  for (guint t = 0; t < n_teams; t++)
    {
      GArray *members = self->team_members[t];

      for (guint w = self->compute_from; w < n_weeks; w++)
        {
          int from = (int) w - WINDOW_WEEKS + 1;
          UcTime start = _uc_analysis_window_start (self, w, WINDOW_WEEKS);
          UcTime end = self->week_starts[w + 1];
          guint n_present = 0, n_overloaded = 0, n_assessed = 0, n_fading = 0;

          for (guint i = 0; i < members->len; i++)
            {
              guint m = g_array_index (members, guint, i);
              const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);
              guint current;

              if (member->is_agent)
                continue;
              current = member_weeks_count (&activity, m, from, (int) w);
              if (current > 0)
                {
                  n_present++;
                  if (max_run (self, runs, member->person, from, (int) w) >= OVERLOAD_RUN)
                    n_overloaded++;
                }
              if (fading_possible (w) && _uc_analysis_member_in (member, start, end))
                {
                  guint previous = member_weeks_count (&activity, m, from - PREVIOUS_WEEKS, from - 1);

                  if (previous > 0)
                    {
                      n_assessed++;
                      if (is_fading (current, previous))
                        n_fading++;
                    }
                }
            }
          if (n_present > 0)
            _uc_analysis_set_value (self, t, (guint) signal_index[SIGNAL_OVERLOAD], w,
                                    (double) n_overloaded / n_present, n_present);
          if (n_assessed > 0)
            _uc_analysis_set_value (self, t, (guint) signal_index[SIGNAL_FADING], w,
                                    (double) n_fading / n_assessed, n_assessed);
        }
    }
  g_clear_pointer (&activity.sums, g_free);
  uc_id_map_clear (&member_index);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (progress_from + (progress_to - progress_from) * 0.7, NULL, progress_data);

  /* HD.wip */
  spells = collect_spells (self);
  daily_wip_build (self, &daily, spells);
  buffer = g_new (double, MAX (daily.persons->len, 1));
  for (guint t = 0; t < n_teams; t++)
    for (guint w = self->compute_from; w < n_weeks; w++)
      {
        guint n = 0;

        for (guint r = 0; r < daily.persons->len; r++)
          if (person_window_wip (self, &daily, r, t, w, &buffer[n], NULL))
            n++;
        if (n > 0)
          _uc_analysis_set_value (self, t, (guint) signal_index[SIGNAL_WIP], w,
                                  uc_stats_median (buffer, n), n);
      }
  daily_wip_clear (&daily);
  return TRUE;
}

/* ---- evidence ---- */

typedef struct
{
  UcEvidence *row;
  gboolean    flagged;
  double      key;           /* larger first among equals */
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;
  int cmp;

  if (x->flagged != y->flagged)
    return x->flagged ? -1 : 1;
  if (x->key != y->key)
    return x->key > y->key ? -1 : 1;
  if (x->row->time != y->row->time)
    return x->row->time > y->row->time ? -1 : 1;
  cmp = g_strcmp0 (x->row->ref, y->row->ref);
  if (cmp != 0)
    return cmp;
  return (x->row->kind_id > y->row->kind_id) - (x->row->kind_id < y->row->kind_id);
}

static GPtrArray *
ranked_rows (GArray *ranked)
{
  GPtrArray *rows = _uc_an_evidence_array ();

  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (rows, g_array_index (ranked, Ranked, i).row);
  g_array_unref (ranked);
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
format_offset (int tz)
{
  int magnitude = ABS (tz);

  return g_strdup_printf ("UTC%c%02d:%02d", tz < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

/* "Sat 23:30" in the event's local time. */
static char *
format_local (const Event *e)
{
  static const char *const weekdays[] = {
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
  };
  gint64 day = local_day (e);
  gint64 seconds = e->time + (gint64) e->tz * 60 - day * 86400;
  int weekday = (int) (((day + 3) % 7 + 7) % 7);

  return g_strdup_printf ("%s %02d:%02d", _(weekdays[weekday]), (int) (seconds / 3600),
                          (int) (seconds % 3600 / 60));
}

/* The record of an event as an evidence row, without its fact. */
static UcEvidence *
event_row (UcAnalysis   *self,
           UcStore      *store,
           const Event  *e,
           char         *fact,
           GError      **error)
{
  g_autofree char *ref = NULL;
  const char *kind;
  UcId id;

  switch ((EventKind) e->kind)
    {
    case EVENT_COMMIT:
      kind = "commit";
      id = COMMIT (self, e->index)->id;
      ref = _uc_an_commit_ref (self, store, e->index, error);
      break;
    case EVENT_REVIEW:
      kind = "review";
      id = REVIEW (self, e->index)->id;
      ref = _uc_an_cr_ref (self, store, REVIEW (self, e->index)->cr, error);
      break;
    case EVENT_COMMENT:
      {
        const UcAnComment *comment = COMMENT (self, e->index);

        kind = "comment";
        id = comment->id;
        if (comment->cr >= 0)
          ref = _uc_an_cr_ref (self, store, (guint) comment->cr, error);
        else if (comment->item >= 0)
          ref = _uc_an_item_ref (self, store, (guint) comment->item, error);
        else
          ref = g_strdup_printf ("(%" G_GINT64_FORMAT ")", comment->id);
      }
      break;
    case EVENT_MESSAGE:
    default:
      kind = "message";
      id = MESSAGE (self, e->index)->id;
      ref = g_strdup (g_ptr_array_index (self->records.channels, MESSAGE (self, e->index)->channel));
      break;
    }
  if (ref == NULL)
    {
      g_free (fact);
      return NULL;
    }
  return _uc_an_evidence_new (kind, id, ref, fact, e->time);
}

static const char *
event_kind_name (const Event *e)
{
  switch ((EventKind) e->kind)
    {
    case EVENT_COMMIT:
      return _("commit");
    case EVENT_REVIEW:
      return _("review");
    case EVENT_COMMENT:
      return _("comment");
    case EVENT_MESSAGE:
    default:
      return _("chat message");
    }
}

static GPtrArray *
after_hours_evidence (UcAnalysis  *self,
                      UcStore     *store,
                      guint        team,
                      guint        week,
                      GError     **error)
{
  g_autofree gint16 *offsets = _uc_signals_hd_modal_offsets (self);
  g_autoptr(GArray) events = collect_events (self, offsets);
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));

  for (guint i = 0; i < events->len; i++)
    {
      const Event *e = &g_array_index (events, Event, i);
      g_autofree char *local = NULL;
      g_autofree char *offset = NULL;
      Ranked entry = { 0 };
      char *fact;

      if (e->team != (int) team || !_uc_analysis_in_window (self, week, WINDOW_WEEKS, e->time))
        continue;
      local = format_local (e);
      offset = format_offset (e->tz);
      entry.flagged = is_after_hours (self, e);
      fact = g_strdup_printf (entry.flagged ?
                              /* Translators: "commit by Ann at Sat 23:30 local time (UTC+02:00): outside working hours" */
                              _("%s by %s at %s local time (%s): outside working hours") :
                              /* Translators: "commit by Ann at Tue 10:30 local time (UTC+02:00)" */
                              _("%s by %s at %s local time (%s)"),
                              event_kind_name (e), _uc_an_person_name (self, (int) e->person),
                              local, offset);
      entry.row = event_row (self, store, e, fact, error);
      if (entry.row == NULL)
        {
          ranked_free (ranked);
          return NULL;
        }
      g_array_append_val (ranked, entry);
    }
  return ranked_rows (ranked);
}

static GPtrArray *
wip_evidence (UcAnalysis  *self,
              UcStore     *store,
              guint        team,
              guint        week,
              GError     **error)
{
  g_autoptr(GArray) spells = collect_spells (self);
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  UcTime from = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  UcTime to = self->week_starts[week + 1];
  DailyWip daily = { 0 };

  daily_wip_build (self, &daily, spells);
  for (guint r = 0; r < daily.persons->len; r++)
    {
      guint person = g_array_index (daily.persons, guint, r);
      const UcAnPerson *p = &g_array_index (self->persons, UcAnPerson, person);
      Ranked entry = { 0 };
      double mean;
      guint n_days;

      if (!person_window_wip (self, &daily, r, team, week, &mean, &n_days))
        continue;
      entry.flagged = TRUE;
      entry.key = mean;
      entry.row = _uc_an_evidence_new ("person", p->id, p->name,
                                       /* Translators: "3.2 open on average over 28 days" */
                                       g_strdup_printf (_("%.1f open on average over %u days"), mean, n_days),
                                       0);
      g_array_append_val (ranked, entry);

      /* Their open work in the window. */
      for (guint i = 0; i < spells->len; i++)
        {
          const Spell *spell = &g_array_index (spells, Spell, i);
          g_autofree char *since = NULL;
          g_autofree char *ref = NULL;
          Ranked open = { 0 };
          UcId id;

          if (spell->person != person || spell->start >= to || spell->end <= from)
            continue;
          since = _uc_an_format_date (spell->start);
          open.key = mean;
          if (spell->cr >= 0)
            {
              id = CR (self, spell->cr)->id;
              ref = _uc_an_cr_ref (self, store, (guint) spell->cr, error);
            }
          else
            {
              id = ITEM (self, spell->item)->id;
              ref = _uc_an_item_ref (self, store, (guint) spell->item, error);
            }
          if (ref == NULL)
            {
              daily_wip_clear (&daily);
              ranked_free (ranked);
              return NULL;
            }
          open.flagged = TRUE;
          open.row = _uc_an_evidence_new (spell->cr >= 0 ? "change_request" : "work_item", id, ref,
                                          spell->cr >= 0 ?
                                          /* Translators: "Ann's change request, open since 2026-03-01" */
                                          g_strdup_printf (_("%s’s change request, open since %s"), p->name, since) :
                                          /* Translators: "Ann's item, in doing since 2026-03-01" */
                                          g_strdup_printf (_("%s’s item, in doing since %s"), p->name, since),
                                          spell->start);
          g_array_append_val (ranked, open);
        }
    }
  daily_wip_clear (&daily);
  return ranked_rows (ranked);
}

static GPtrArray *
switching_evidence (UcAnalysis  *self,
                    UcStore     *store,
                    guint        team,
                    guint        week,
                    GError     **error)
{
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint first_week = week + 1 >= WINDOW_WEEKS ? week + 1 - WINDOW_WEEKS : 0;

  for (guint w = first_week; w <= week; w++)
    {
      guint first = _uc_analysis_commit_at (self, self->week_starts[w]);
      guint last = _uc_analysis_commit_at (self, self->week_starts[w + 1]);
      g_autoptr(GHashTable) by_member = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                               (GDestroyNotify) g_ptr_array_unref);
      GHashTableIter iter;
      gpointer key, value;

      for (guint c = first; c < last; c++)
        {
          const UcAnCommit *commit = COMMIT (self, c);
          GPtrArray *names;

          if (!commit->is_human || commit->is_merge || commit->team != (int) team)
            continue;
          names = g_hash_table_lookup (by_member, GINT_TO_POINTER (commit->member + 1));
          if (names == NULL)
            {
              names = g_ptr_array_new ();
              g_hash_table_insert (by_member, GINT_TO_POINTER (commit->member + 1), names);
            }
          g_ptr_array_add (names, g_ptr_array_index (self->repo_names, commit->repo));
          for (guint i = 0; i < commit->n_changes; i++)
            {
              const UcAnFile *file = &g_array_index (self->files, UcAnFile,
                                                     CHANGE (self, commit->first_change + i)->file);

              if (!file->generated)
                g_ptr_array_add (names, g_ptr_array_index (self->areas, file->area));
            }
        }

      g_hash_table_iter_init (&iter, by_member);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const UcAnMember *member = &g_array_index (self->members, UcAnMember, GPOINTER_TO_INT (key) - 1);
          const UcAnPerson *person = &g_array_index (self->persons, UcAnPerson, member->person);
          GPtrArray *names = value;
          g_autoptr(GPtrArray) distinct = g_ptr_array_new ();
          g_autofree char *label = uc_week_format (self->weeks[w]);
          g_autofree char *list = NULL;
          GString *text = g_string_new (NULL);
          Ranked entry = { 0 };

          g_hash_table_remove_all (seen);
          for (guint i = 0; i < names->len; i++)
            if (g_hash_table_add (seen, g_strdup (g_ptr_array_index (names, i))))
              g_ptr_array_add (distinct, g_ptr_array_index (names, i));
          for (guint i = 0; i < distinct->len; i++)
            {
              if (i > 0)
                g_string_append (text, ", ");
              g_string_append (text, g_ptr_array_index (distinct, i));
            }
          list = g_string_free (text, FALSE);
          entry.flagged = TRUE;
          entry.key = distinct->len;
          entry.row = _uc_an_evidence_new ("person", person->id, person->name,
                                           /* Translators: "2026-W10: 4 areas and repositories (org/app, org/app: src, …)" */
                                           g_strdup_printf (_("%s: %u areas and repositories (%s)"),
                                                            label, distinct->len, list),
                                           self->week_starts[w]);
          g_array_append_val (ranked, entry);
        }
    }
  return ranked_rows (ranked);
}

/* HD.overload and HD.fading: one row per member counted. */
static GPtrArray *
member_evidence (UcAnalysis  *self,
                 guint        team,
                 int          which,
                 guint        week)
{
  g_autofree gint16 *offsets = _uc_signals_hd_modal_offsets (self);
  g_autoptr(GArray) events = collect_events (self, offsets);
  g_autofree guint16 *masks = NULL;
  g_autofree guint16 *runs = NULL;
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GArray *members = self->team_members[team];
  UcIdMap member_index = { 0 };
  MemberWeeks activity = { 0 };
  int from = (int) week - WINDOW_WEEKS + 1;
  UcTime start = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  UcTime end = self->week_starts[week + 1];

  build_member_index (self, &member_index);
  member_weeks_build (self, &activity, events, &member_index);
  masks = day_masks (self, events);
  runs = overload_runs (self, masks);

  for (guint i = 0; i < members->len; i++)
    {
      guint m = g_array_index (members, guint, i);
      const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);
      const UcAnPerson *person = &g_array_index (self->persons, UcAnPerson, member->person);
      guint current = member_weeks_count (&activity, m, from, (int) week);
      Ranked entry = { 0 };
      char *fact;

      if (member->is_agent)
        continue;
      if (which == SIGNAL_OVERLOAD)
        {
          GString *days = g_string_new (NULL);
          guint run;

          if (current == 0)
            {
              g_string_free (days, TRUE);
              continue;
            }
          run = max_run (self, runs, member->person, from, (int) week);
          for (int w = MAX (from, 0); w <= (int) week; w++)
            g_string_append_printf (days, "%s%u", w > MAX (from, 0) ? ", " : "",
                                    count_days (masks[(gsize) member->person * self->n_weeks + (guint) w]));
          entry.flagged = run >= OVERLOAD_RUN;
          entry.key = run;
          /* Translators: "active days per week: 6, 7, 6, 6; 5 weeks in a row with 6 or more" */
          fact = g_strdup_printf (_("active days per week: %s; %u weeks in a row with 6 or more"),
                                  days->str, run);
          g_string_free (days, TRUE);
        }
      else
        {
          guint previous;

          if (!fading_possible (week) || !_uc_analysis_member_in (member, start, end))
            continue;
          previous = member_weeks_count (&activity, m, from - PREVIOUS_WEEKS, from - 1);
          if (previous == 0)
            continue;
          entry.flagged = is_fading (current, previous);
          entry.key = 1.0 - (current / (double) WINDOW_WEEKS) / (previous / (double) PREVIOUS_WEEKS);
          /* Translators: "1.0 events a week in the window against 9.5 in the 12 weeks before (−89 %)" */
          fact = g_strdup_printf (_("%.1f events a week in the window against %.1f in the 12 weeks before (%+.0f %%)"),
                                  current / (double) WINDOW_WEEKS, previous / (double) PREVIOUS_WEEKS,
                                  -100.0 * entry.key);
        }
      entry.row = _uc_an_evidence_new ("person", person->id, person->name, fact, 0);
      g_array_append_val (ranked, entry);
    }
  g_clear_pointer (&activity.sums, g_free);
  uc_id_map_clear (&member_index);
  return ranked_rows (ranked);
}

GPtrArray *
_uc_signals_hd_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  int signal_index[N_HD_SIGNALS];

  resolve_signal_indices (signal_index);
  if (signal == signal_index[SIGNAL_AFTER_HOURS])
    return after_hours_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_WIP])
    return wip_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_SWITCHING])
    return switching_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_OVERLOAD])
    return member_evidence (self, team, SIGNAL_OVERLOAD, week);
  if (signal == signal_index[SIGNAL_FADING])
    return member_evidence (self, team, SIGNAL_FADING, week);
  g_return_val_if_reached (NULL);
}
