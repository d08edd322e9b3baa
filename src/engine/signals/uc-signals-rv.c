/* uc-signals-rv.c: Review density and inspection (SIGNALS.md §2).
 *
 * Rolling 4-week windows. Agents are left out: change requests by agents
 * are not counted, and reviews or comments by agents are not reviews.
 * "Someone else" is a human other than the change request's author.
 *
 * RV.coverage     merged CRs (merge in the window, the author's team at
 *                 the merge) with at least one review (any state) or
 *                 comment (inline or in the conversation) by someone else
 *                 at or before the merge / all those merged CRs.
 * RV.self_merge   merged CRs whose merger is known: merged by their author
 *                 with no approval by someone else at or before the merge
 *                 / merged CRs with a known merger.
 * RV.rubber_stamp approvals by someone else (approval time in the window,
 *                 the approver's team, or the CR author's when the
 *                 approver is on no team) on CRs of 50 lines or more: with
 *                 no comment from the approver on that CR up to the
 *                 approval (no comment, no review body, the approval's
 *                 included) and an implied rate above 500 lines per hour
 *                 (size / time from the CR's last commit — when it is
 *                 known and before the approval — else from its opening,
 *                 to the approval; an instant approval is infinitely
 *                 fast) / all those approvals.
 * RV.density      median over the merged CRs of known, non-zero size of
 *                 100 × (comments by someone else + review bodies by
 *                 someone else, up to the merge) / size.
 * RV.load_gini    Gini of reviews given (review rows of any state, by a
 *                 human, not on their own CR) per member, the reviewer's
 *                 team at the review; the members are the team's humans
 *                 present in the window (see uc-analysis.c) plus anyone
 *                 the team's reviews came from, zeros included. No data
 *                 without reviews.
 *
 * Review data: RV.coverage, RV.self_merge and RV.density need to know who
 * reviewed; when the workspace holds no review and no comment on any
 * change request at all (a source without reviews), they are no data,
 * never 0.
 *
 * Sizes are additions + deletions (see uc-analysis-load.c: the workspace
 * has no per-file data for change requests).
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
#define RUBBER_MIN_LINES    50
#define RUBBER_LINES_PER_H  500.0

enum {
  SIGNAL_COVERAGE,
  SIGNAL_SELF_MERGE,
  SIGNAL_RUBBER_STAMP,
  SIGNAL_DENSITY,
  SIGNAL_LOAD_GINI,
  N_RV_SIGNALS,
};

static void
resolve_signal_indices (int index[N_RV_SIGNALS])
{
  index[SIGNAL_COVERAGE] = uc_signal_def_index ("RV.coverage");
  index[SIGNAL_SELF_MERGE] = uc_signal_def_index ("RV.self_merge");
  index[SIGNAL_RUBBER_STAMP] = uc_signal_def_index ("RV.rubber_stamp");
  index[SIGNAL_DENSITY] = uc_signal_def_index ("RV.density");
  index[SIGNAL_LOAD_GINI] = uc_signal_def_index ("RV.load_gini");
  for (guint i = 0; i < N_RV_SIGNALS; i++)
    g_assert (index[i] >= 0);
}

#define CR(self, i)      (&g_array_index ((self)->records.crs, UcAnCr, (i)))
#define REVIEW(self, i)  (&g_array_index ((self)->records.reviews, UcAnReview, (i)))
#define COMMENT(self, i) (&g_array_index ((self)->records.comments, UcAnComment, (i)))

static gboolean
has_review_data (UcAnalysis *self)
{
  return self->records.reviews->len > 0 || self->records.cr_comments->len > 0;
}

/* A merged CR counted by coverage, self-merge and density. */
static gboolean
counts_merged (const UcAnCr *cr)
{
  return cr->state == UC_AN_CR_MERGED && cr->is_human && cr->end_team >= 0;
}

/* What reviewers did on a merged CR up to its merge. */
typedef struct
{
  gboolean reviewed;          /* a review or comment by someone else */
  UcTime   first_time;        /* of the first one */
  int      first_person;
  gboolean approved;          /* an approval by someone else */
  int      approver;          /* the first one */
  guint    n_comments;        /* comments + review bodies by someone else */
} CrFacts;

static void
cr_facts (UcAnalysis   *self,
          const UcAnCr *cr,
          CrFacts      *facts)
{
  UcAnRecords *records = &self->records;

  memset (facts, 0, sizeof *facts);
  facts->first_person = -1;
  facts->approver = -1;

  for (guint i = 0; i < cr->n_reviews; i++)
    {
      const UcAnReview *review = REVIEW (self, g_array_index (records->cr_reviews, guint, cr->first_review + i));

      if (!review->is_human || review->reviewer == cr->author || review->time > cr->merged)
        continue;
      if (!facts->reviewed || review->time < facts->first_time)
        {
          facts->first_time = review->time;
          facts->first_person = review->reviewer;
        }
      facts->reviewed = TRUE;
      if (review->state == UC_REVIEW_APPROVED && !facts->approved)
        {
          facts->approved = TRUE;
          facts->approver = review->reviewer;
        }
      if (review->has_body)
        facts->n_comments++;
    }
  for (guint i = 0; i < cr->n_comments; i++)
    {
      const UcAnComment *comment = COMMENT (self, g_array_index (records->cr_comments, guint, cr->first_comment + i));

      if (!comment->is_human || comment->author == cr->author || comment->time > cr->merged)
        continue;
      if (!facts->reviewed || comment->time < facts->first_time)
        {
          facts->first_time = comment->time;
          facts->first_person = comment->author;
        }
      facts->reviewed = TRUE;
      facts->n_comments++;
    }
}

static gboolean
is_self_merge (const UcAnCr  *cr,
               const CrFacts *facts)
{
  return cr->merged_by == cr->author && !facts->approved;
}

/* The team of an approval: the approver's at the time, else (a reviewer
 * on no team, such as an outside maintainer) the CR author's then. */
static int
approval_team (UcAnalysis       *self,
               const UcAnReview *review)
{
  const UcAnCr *cr = CR (self, review->cr);

  if (review->team >= 0 || cr->author < 0)
    return review->team;
  return _uc_analysis_team_at (self, (guint) cr->author, review->time);
}

/* An approval counted by RV.rubber_stamp. */
static gboolean
counts_approval (UcAnalysis       *self,
                 const UcAnReview *review)
{
  const UcAnCr *cr = CR (self, review->cr);

  return review->state == UC_REVIEW_APPROVED && review->is_human &&
         review->reviewer != cr->author && cr->is_human && cr->size >= RUBBER_MIN_LINES &&
         approval_team (self, review) >= 0;
}

typedef struct
{
  gboolean commented;         /* the approver commented up to the approval */
  UcTime   start;             /* last commit or opening */
  double   rate;              /* lines per hour; INFINITY for an instant approval */
  gboolean rubber;
} ApprovalFacts;

static void
approval_facts (UcAnalysis       *self,
                const UcAnReview *approval,
                ApprovalFacts    *facts)
{
  UcAnRecords *records = &self->records;
  const UcAnCr *cr = CR (self, approval->cr);
  UcTime elapsed;

  facts->commented = FALSE;
  for (guint i = 0; i < cr->n_reviews && !facts->commented; i++)
    {
      const UcAnReview *review = REVIEW (self, g_array_index (records->cr_reviews, guint, cr->first_review + i));

      if (review->reviewer == approval->reviewer && review->time <= approval->time && review->has_body)
        facts->commented = TRUE;
    }
  for (guint i = 0; i < cr->n_comments && !facts->commented; i++)
    {
      const UcAnComment *comment = COMMENT (self, g_array_index (records->cr_comments, guint, cr->first_comment + i));

      if (comment->author == approval->reviewer && comment->time <= approval->time)
        facts->commented = TRUE;
    }

  facts->start = cr->created;
  if (cr->last_commit > cr->created && cr->last_commit <= approval->time)
    facts->start = cr->last_commit;
  elapsed = approval->time - facts->start;
  facts->rate = elapsed > 0 ? (double) cr->size / (elapsed / 3600.0) : INFINITY;
  facts->rubber = !facts->commented && facts->rate > RUBBER_LINES_PER_H;
}

/* A review counted by RV.load_gini. */
static gboolean
counts_load (UcAnalysis       *self,
             const UcAnReview *review)
{
  return review->is_human && review->team >= 0 && review->reviewer != CR (self, review->cr)->author;
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
           int            person)
{
  if (team < 0 || person < 0)
    return -1;
  return uc_id_map_lookup (map, (gint64) team * self->persons->len + person, -1);
}

gboolean
_uc_signals_rv_compute (UcAnalysis    *self,
                        UcProgressFunc progress,
                        gpointer       progress_data,
                        double         progress_from,
                        double         progress_to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  UcAnRecords *records = &self->records;
  UcAnShares coverage = { 0 }, self_merge = { 0 }, rubber = { 0 };
  UcAnSamples density = { 0 };
  UcIdMap member_index = { 0 };
  g_autofree guint *member_count = NULL;
  g_autofree guint *team_total = NULL;
  g_autofree double *buffer = NULL;
  int signal_index[N_RV_SIGNALS];
  guint n_teams = self->teams->len;
  guint added = 0, removed = 0;
  gboolean review_data;

  resolve_signal_indices (signal_index);
  if (n_teams == 0 || self->n_weeks == 0)
    return TRUE;
  review_data = has_review_data (self);

  _uc_an_shares_init (&coverage, self);
  _uc_an_shares_init (&self_merge, self);
  _uc_an_shares_init (&rubber, self);
  _uc_an_samples_init (&density, self);

  for (guint c = 0; c < records->crs->len && review_data; c++)
    {
      const UcAnCr *cr = CR (self, c);
      CrFacts facts;

      if (!counts_merged (cr))
        continue;
      cr_facts (self, cr, &facts);
      _uc_an_shares_add (&coverage, self, cr->end_team, cr->merged, facts.reviewed);
      if (cr->merged_by >= 0)
        _uc_an_shares_add (&self_merge, self, cr->end_team, cr->merged, is_self_merge (cr, &facts));
      if (cr->size > 0)
        _uc_an_samples_add (&density, self, cr->end_team, cr->merged,
                            100.0 * facts.n_comments / (double) cr->size);
    }
  for (guint r = 0; r < records->reviews->len; r++)
    {
      const UcAnReview *review = REVIEW (self, r);
      ApprovalFacts facts;

      if (!counts_approval (self, review))
        continue;
      approval_facts (self, review, &facts);
      _uc_an_shares_add (&rubber, self, approval_team (self, review), review->time, facts.rubber);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  _uc_an_shares_emit (&coverage, self, signal_index[SIGNAL_COVERAGE], WINDOW_WEEKS);
  _uc_an_shares_emit (&self_merge, self, signal_index[SIGNAL_SELF_MERGE], WINDOW_WEEKS);
  _uc_an_shares_emit (&rubber, self, signal_index[SIGNAL_RUBBER_STAMP], WINDOW_WEEKS);
  _uc_an_samples_emit_median (&density, self, signal_index[SIGNAL_DENSITY], WINDOW_WEEKS);

  /* RV.load_gini: reviews per member in a sliding window. */
  build_member_index (self, &member_index);
  member_count = g_new0 (guint, MAX (self->members->len, 1));
  team_total = g_new0 (guint, n_teams);
  buffer = g_new (double, MAX (self->members->len, 1));
  for (guint w = 0; w < self->n_weeks; w++)
    {
      UcTime week_end = self->week_starts[w + 1];
      UcTime start = _uc_analysis_window_start (self, w, WINDOW_WEEKS);

      for (; added < records->reviews->len; added++)
        {
          const UcAnReview *review = REVIEW (self, added);
          int m;

          if (review->time >= week_end)
            break;
          if (!counts_load (self, review) ||
              (m = member_of (self, &member_index, review->team, review->reviewer)) < 0)
            continue;
          member_count[m]++;
          team_total[review->team]++;
        }
      for (; removed < added; removed++)
        {
          const UcAnReview *review = REVIEW (self, removed);
          int m;

          if (review->time >= start)
            break;
          if (!counts_load (self, review) ||
              (m = member_of (self, &member_index, review->team, review->reviewer)) < 0)
            continue;
          member_count[m]--;
          team_total[review->team]--;
        }

      for (guint t = 0; t < n_teams; t++)
        {
          GArray *members = self->team_members[t];
          guint n = 0;

          if (team_total[t] == 0)
            continue;
          for (guint i = 0; i < members->len; i++)
            {
              guint m = g_array_index (members, guint, i);
              const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);

              if (member->is_agent)
                continue;
              if (member_count[m] > 0 || _uc_analysis_member_in (member, start, week_end))
                buffer[n++] = member_count[m];
            }
          _uc_analysis_set_value (self, t, signal_index[SIGNAL_LOAD_GINI], w,
                                  uc_stats_gini (buffer, n), team_total[t]);
        }
    }

  uc_id_map_clear (&member_index);
  _uc_an_shares_clear (&coverage);
  _uc_an_shares_clear (&self_merge);
  _uc_an_shares_clear (&rubber);
  _uc_an_samples_clear (&density);
  return TRUE;

fail:
  _uc_an_shares_clear (&coverage);
  _uc_an_shares_clear (&self_merge);
  _uc_an_shares_clear (&rubber);
  _uc_an_samples_clear (&density);
  return FALSE;
}

/* ---- evidence ---- */

typedef struct
{
  int    person;
  guint  count;
  UcTime last;
} PersonCount;

static int
compare_person_counts (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const PersonCount *x = a, *y = b;
  UcAnalysis *self = user_data;
  int cmp;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  cmp = strcmp (_uc_an_person_name (self, x->person), _uc_an_person_name (self, y->person));
  if (cmp != 0)
    return cmp;
  return (x->person > y->person) - (x->person < y->person);
}

static GPtrArray *
load_evidence (UcAnalysis *self,
               guint       team,
               guint       week)
{
  UcAnRecords *records = &self->records;
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (PersonCount));
  g_autofree int *slot = g_new (int, MAX (self->persons->len, 1));
  GArray *members = self->team_members[team];
  UcTime start = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  UcTime end = self->week_starts[week + 1];
  guint total = 0;

  for (guint p = 0; p < self->persons->len; p++)
    slot[p] = -1;
  for (guint i = 0; i < members->len; i++)
    {
      const UcAnMember *member = &g_array_index (self->members, UcAnMember,
                                                 g_array_index (members, guint, i));
      PersonCount pc = { (int) member->person, 0, 0 };

      if (member->is_agent || !_uc_analysis_member_in (member, start, end) ||
          slot[member->person] >= 0)
        continue;
      slot[member->person] = (int) counts->len;
      g_array_append_val (counts, pc);
    }
  for (guint r = _uc_analysis_first_at (records->reviews, G_STRUCT_OFFSET (UcAnReview, time), start);
       r < records->reviews->len; r++)
    {
      const UcAnReview *review = REVIEW (self, r);
      PersonCount *pc;

      if (review->time >= end)
        break;
      if (!counts_load (self, review) || review->team != (int) team)
        continue;
      if (slot[review->reviewer] < 0)
        {
          PersonCount fresh = { review->reviewer, 0, 0 };

          slot[review->reviewer] = (int) counts->len;
          g_array_append_val (counts, fresh);
        }
      pc = &g_array_index (counts, PersonCount, slot[review->reviewer]);
      pc->count++;
      pc->last = review->time;
      total++;
    }
  if (total == 0)
    return g_steal_pointer (&rows);

  g_array_sort_with_data (counts, compare_person_counts, self);
  for (guint i = 0; i < counts->len; i++)
    {
      const PersonCount *pc = &g_array_index (counts, PersonCount, i);
      const UcAnPerson *person = &g_array_index (self->persons, UcAnPerson, pc->person);

      g_ptr_array_add (rows, _uc_an_evidence_new ("person", person->id, person->name,
                                                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                                /* Translators: "12 of 30 reviews given (40 %)" */
                                                                                "%u of %u review given (%.0f %%)",
                                                                                "%u of %u reviews given (%.0f %%)",
                                                                                total),
                                                                   pc->count, total, 100.0 * pc->count / total),
                                                  pc->last));
    }
  return g_steal_pointer (&rows);
}

typedef struct
{
  guint  cr;
  double density;
} CrDensity;

static int
compare_density (gconstpointer a,
                 gconstpointer b)
{
  const CrDensity *x = a, *y = b;

  if (x->density != y->density)
    return x->density < y->density ? -1 : 1;
  return (x->cr > y->cr) - (x->cr < y->cr);
}

static GPtrArray *
merged_evidence (UcAnalysis  *self,
                 UcStore     *store,
                 guint        team,
                 int          which,
                 guint        week,
                 GError     **error)
{
  UcAnRecords *records = &self->records;
  g_autoptr(GPtrArray) rows = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) flagged = _uc_an_evidence_array ();
  g_autoptr(GPtrArray) others = _uc_an_evidence_array ();
  g_autoptr(GArray) densities = g_array_new (FALSE, FALSE, sizeof (CrDensity));

  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = CR (self, c);
      g_autofree char *ref = NULL;
      g_autofree char *date = NULL;
      CrFacts facts;
      char *fact;
      gboolean bad;

      if (!counts_merged (cr) || cr->end_team != (int) team ||
          !_uc_analysis_in_window (self, week, WINDOW_WEEKS, cr->merged))
        continue;
      cr_facts (self, cr, &facts);

      if (which == SIGNAL_DENSITY)
        {
          CrDensity d = { c, cr->size > 0 ? 100.0 * facts.n_comments / (double) cr->size : NAN };

          if (cr->size > 0)
            g_array_append_val (densities, d);
          continue;
        }
      if (which == SIGNAL_SELF_MERGE && cr->merged_by < 0)
        continue;

      ref = _uc_an_cr_ref (self, store, c, error);
      if (ref == NULL)
        return NULL;
      date = _uc_an_format_date (cr->merged);
      if (which == SIGNAL_COVERAGE)
        {
          bad = !facts.reviewed;
          if (bad)
            /* Translators: %s: a date */
            fact = g_strdup_printf (_("merged %s with no review or comment by anyone but its author"), date);
          else
            {
              g_autofree char *after = _uc_an_format_duration ((double) (facts.first_time - cr->created));

              /* Translators: "merged 2026-03-04, first reviewed by Ann 3.2 h after opening" */
              fact = g_strdup_printf (_("merged %s, first reviewed by %s %s after opening"),
                                      date, _uc_an_person_name (self, facts.first_person), after);
            }
        }
      else
        {
          bad = is_self_merge (cr, &facts);
          if (bad)
            /* Translators: "merged 2026-03-04 by its author Ann, no approval from anyone else" */
            fact = g_strdup_printf (_("merged %s by its author %s, no approval from anyone else"),
                                    date, _uc_an_person_name (self, cr->author));
          else if (cr->merged_by == cr->author)
            /* Translators: "merged 2026-03-04 by its author Ann after approval by Bo" */
            fact = g_strdup_printf (_("merged %s by its author %s after approval by %s"),
                                    date, _uc_an_person_name (self, cr->author),
                                    _uc_an_person_name (self, facts.approver));
          else
            /* Translators: "merged 2026-03-04 by Bo (author: Ann)" */
            fact = g_strdup_printf (_("merged %s by %s (author: %s)"), date,
                                    _uc_an_person_name (self, cr->merged_by),
                                    _uc_an_person_name (self, cr->author));
        }
      g_ptr_array_add (bad ? flagged : others,
                       _uc_an_evidence_new ("change_request", cr->id, ref, fact, cr->merged));
    }

  if (which == SIGNAL_DENSITY)
    {
      /* Least inspected first. */
      g_array_sort (densities, compare_density);
      for (guint i = 0; i < densities->len; i++)
        {
          const CrDensity *d = &g_array_index (densities, CrDensity, i);
          const UcAnCr *cr = CR (self, d->cr);
          g_autofree char *ref = _uc_an_cr_ref (self, store, d->cr, error);
          CrFacts facts;

          if (ref == NULL)
            return NULL;
          cr_facts (self, cr, &facts);
          g_ptr_array_add (rows, _uc_an_evidence_new ("change_request", cr->id, ref,
                                                      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                                    /* Translators: "3 review comments on 420 changed lines (0.71 per 100)" */
                                                                                    "%u review comment on %" G_GINT64_FORMAT " changed lines (%.2f per 100)",
                                                                                    "%u review comments on %" G_GINT64_FORMAT " changed lines (%.2f per 100)",
                                                                                    facts.n_comments),
                                                                       facts.n_comments, cr->size, d->density),
                                                      cr->merged));
        }
      return g_steal_pointer (&rows);
    }

  _uc_an_evidence_append (rows, flagged);
  _uc_an_evidence_append (rows, others);
  return g_steal_pointer (&rows);
}

static GPtrArray *
rubber_evidence (UcAnalysis  *self,
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

  for (guint r = _uc_analysis_first_at (records->reviews, G_STRUCT_OFFSET (UcAnReview, time), start);
       r < records->reviews->len; r++)
    {
      const UcAnReview *review = REVIEW (self, r);
      const UcAnCr *cr;
      g_autofree char *ref = NULL;
      g_autofree char *after = NULL;
      ApprovalFacts facts;
      char *fact;

      if (review->time >= end)
        break;
      if (!counts_approval (self, review) || approval_team (self, review) != (int) team)
        continue;
      cr = CR (self, review->cr);
      approval_facts (self, review, &facts);
      ref = _uc_an_cr_ref (self, store, review->cr, error);
      if (ref == NULL)
        return NULL;
      after = _uc_an_format_duration ((double) (review->time - facts.start));

      if (facts.rubber)
        /* Translators: "approved by Ann in 3 min, 420 lines, no comment" */
        fact = g_strdup_printf (_("approved by %s in %s, %" G_GINT64_FORMAT " lines, no comment"),
                                _uc_an_person_name (self, review->reviewer), after, cr->size);
      else if (facts.commented)
        /* Translators: "approved by Ann after 2.0 h, 420 lines, with comments" */
        fact = g_strdup_printf (_("approved by %s after %s, %" G_GINT64_FORMAT " lines, with comments"),
                                _uc_an_person_name (self, review->reviewer), after, cr->size);
      else
        /* Translators: "approved by Ann after 2.0 h, 420 lines (210 lines per hour), no comment" */
        fact = g_strdup_printf (_("approved by %s after %s, %" G_GINT64_FORMAT " lines (%.0f lines per hour), no comment"),
                                _uc_an_person_name (self, review->reviewer), after, cr->size, facts.rate);
      g_ptr_array_add (facts.rubber ? flagged : others,
                       _uc_an_evidence_new ("review", review->id, ref, fact, review->time));
    }
  _uc_an_evidence_append (rows, flagged);
  _uc_an_evidence_append (rows, others);
  return g_steal_pointer (&rows);
}

GPtrArray *
_uc_signals_rv_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  int signal_index[N_RV_SIGNALS];

  resolve_signal_indices (signal_index);
  if (isnan (_uc_analysis_value_cell (self, team, (guint) signal, week)->value))
    return _uc_an_evidence_array ();

  if (signal == signal_index[SIGNAL_COVERAGE])
    return merged_evidence (self, store, team, SIGNAL_COVERAGE, week, error);
  if (signal == signal_index[SIGNAL_SELF_MERGE])
    return merged_evidence (self, store, team, SIGNAL_SELF_MERGE, week, error);
  if (signal == signal_index[SIGNAL_DENSITY])
    return merged_evidence (self, store, team, SIGNAL_DENSITY, week, error);
  if (signal == signal_index[SIGNAL_RUBBER_STAMP])
    return rubber_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_LOAD_GINI])
    return load_evidence (self, team, week);
  g_return_val_if_reached (NULL);
}
