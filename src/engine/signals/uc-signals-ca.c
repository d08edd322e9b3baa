/* uc-signals-ca.c: Contribution asymmetry (SIGNALS.md §1).
 *
 * What counts, for every CA signal: non-merge commits (n_parents <= 1)
 * by humans (person.is_agent = 0), attributed to the team of their
 * author at the commit's time. Agents' commits and merges are left out
 * of these human measures entirely; AI-assisted commits (co-author
 * trailers) are their human author's.
 *
 * CA.gini      Gini of commits per member over the 4-week window; the
 *              members are everyone on the team at some point in the
 *              window (see uc-analysis.c), zeros included.
 *              Coverage: the team's commits in the window.
 * CA.top_share the top member's commits / the team's commits, same
 *              window and coverage.
 * CA.truck     Avelino et al.'s truck factor (uc-truck-factor.c) over the
 *              files the team changed in the 52 weeks ending with the
 *              week. A file is a lineage (renames followed, see
 *              uc-analysis.c) that still exists at the end of the week.
 *              DL and AC count only the team's human changes in those 52
 *              weeks; FA is 1 for the person who created the file when
 *              they are among them (creation itself may be older).
 *              Coverage: the team's file changes behind it.
 * CA.islands   the share of those same files with exactly one DOA author
 *              (files nobody authors count in the denominator).
 *
 * The weeks are swept once with sliding windows, so the cost is one
 * pass over the commits plus, per team and week, the truck factor of
 * the team's current files.
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

#define WINDOW_WEEKS    4
#define LOOKBACK_WEEKS  52

enum {
  SIGNAL_GINI,
  SIGNAL_TOP_SHARE,
  SIGNAL_TRUCK,
  SIGNAL_ISLANDS,
  N_CA_SIGNALS,
};

static void
resolve_signal_indices (int index[N_CA_SIGNALS])
{
  index[SIGNAL_GINI] = uc_signal_def_index ("CA.gini");
  index[SIGNAL_TOP_SHARE] = uc_signal_def_index ("CA.top_share");
  index[SIGNAL_TRUCK] = uc_signal_def_index ("CA.truck");
  index[SIGNAL_ISLANDS] = uc_signal_def_index ("CA.islands");
  for (guint i = 0; i < N_CA_SIGNALS; i++)
    g_assert (index[i] >= 0);
}

static inline gboolean
counts_for_ca (const UcAnCommit *commit)
{
  return commit->team >= 0 && commit->is_human && !commit->is_merge;
}

/* ---- the team's files in a sliding window ---- */

typedef struct
{
  guint person;
  guint count;
} PersonCount;

typedef struct
{
  guint  person;          /* global index */
  guint  changes;         /* their DL on the file */
  double doa;
} CachedAuthor;

typedef struct
{
  guint    lineage;
  guint    total;
  int      active_pos;    /* index in TeamFiles.active, -1 */
  gboolean dirty;         /* counts changed since authors was computed */
  UcTime   deleted;       /* copy of the lineage's, read every week */
  GArray  *counts;        /* PersonCount */
  /* The cached authors: inline when there are at most two (most files),
   * so the weekly pass touches one block per file. */
  guint         n_authors;
  CachedAuthor  inline_authors[2];
  CachedAuthor *more_authors;   /* owned: all of them when n_authors > 2 */
} FileSlot;

static inline const CachedAuthor *
slot_authors (const FileSlot *slot)
{
  return slot->n_authors > G_N_ELEMENTS (slot->inline_authors) ?
         slot->more_authors : slot->inline_authors;
}

typedef struct
{
  UcIdMap  slot_of_lineage;
  GArray  *slots;         /* FileSlot */
  GArray  *active;        /* guint: slots with total > 0 */
} TeamFiles;

static void
file_slot_clear (gpointer data)
{
  FileSlot *slot = data;

  g_clear_pointer (&slot->counts, g_array_unref);
  g_clear_pointer (&slot->more_authors, g_free);
}

static void
team_files_init (TeamFiles *files)
{
  uc_id_map_init (&files->slot_of_lineage, 64);
  files->slots = g_array_new (FALSE, FALSE, sizeof (FileSlot));
  g_array_set_clear_func (files->slots, file_slot_clear);
  files->active = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
team_files_clear (TeamFiles *files)
{
  uc_id_map_clear (&files->slot_of_lineage);
  g_clear_pointer (&files->slots, g_array_unref);
  g_clear_pointer (&files->active, g_array_unref);
}

static void
team_files_add (UcAnalysis *self,
                TeamFiles *files,
                guint      lineage,
                guint      person,
                int        delta)
{
  gboolean created;
  int *cell = uc_id_map_ensure (&files->slot_of_lineage, lineage, (int) files->slots->len, &created);
  guint index = (guint) *cell;
  FileSlot *slot;
  guint i;

  if (created)
    {
      FileSlot fresh = { 0 };

      fresh.lineage = lineage;
      fresh.active_pos = -1;
      fresh.dirty = TRUE;
      fresh.deleted = g_array_index (self->lineages, UcAnLineage, lineage).deleted;
      fresh.counts = g_array_new (FALSE, FALSE, sizeof (PersonCount));

      g_array_append_val (files->slots, fresh);
    }
  slot = &g_array_index (files->slots, FileSlot, index);

  for (i = 0; i < slot->counts->len; i++)
    if (g_array_index (slot->counts, PersonCount, i).person == person)
      break;
  if (i == slot->counts->len)
    {
      PersonCount pc = { person, 0 };

      g_assert (delta > 0);
      g_array_append_val (slot->counts, pc);
    }
  g_array_index (slot->counts, PersonCount, i).count += delta;
  if (g_array_index (slot->counts, PersonCount, i).count == 0)
    g_array_remove_index_fast (slot->counts, i);

  slot->total += delta;
  slot->dirty = TRUE;
  if (slot->total > 0 && slot->active_pos < 0)
    {
      slot->active_pos = (int) files->active->len;
      g_array_append_val (files->active, index);
    }
  else if (slot->total == 0 && slot->active_pos >= 0)
    {
      guint pos = (guint) slot->active_pos;
      guint last = g_array_index (files->active, guint, files->active->len - 1);

      g_array_index (files->active, guint, pos) = last;
      g_array_index (files->slots, FileSlot, last).active_pos = (int) pos;
      g_array_set_size (files->active, files->active->len - 1);
      slot->active_pos = -1;
    }
}

static void
add_commit_files (UcAnalysis       *self,
                  TeamFiles        *files,
                  const UcAnCommit *commit,
                  int               delta)
{
  for (guint i = 0; i < commit->n_changes; i++)
    {
      const UcAnChange *change = &g_array_index (self->changes, UcAnChange, commit->first_change + i);

      team_files_add (self, files, change->lineage, commit->person, delta);
    }
}

/* ---- authorship of the team's live files ---- */

typedef struct
{
  int     *person_local;   /* global person → local index, -1 */
  GArray  *persons;        /* guint: local → global, ascending */
  GArray  *entries;        /* UcAuthorshipEntry: one file's, for uc_file_authors() */
  GArray  *offsets;        /* guint per file + 1 */
  GArray  *authors;        /* UcFileAuthor, local persons */
  GArray  *changes;        /* guint64 per local person */
  guint64 *person_changes; /* global person → changes to the files they author */
  GArray  *file_lineage;   /* guint per file */
  GArray  *file_slot;      /* guint per file: slot in TeamFiles */
} Scratch;

static void
scratch_init (Scratch *scratch,
              guint    n_persons)
{
  scratch->person_local = g_new (int, MAX (n_persons, 1));
  for (guint p = 0; p < n_persons; p++)
    scratch->person_local[p] = -1;
  scratch->persons = g_array_new (FALSE, FALSE, sizeof (guint));
  scratch->entries = g_array_new (FALSE, FALSE, sizeof (UcAuthorshipEntry));
  scratch->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  scratch->authors = g_array_new (FALSE, FALSE, sizeof (UcFileAuthor));
  scratch->changes = g_array_new (FALSE, TRUE, sizeof (guint64));
  scratch->person_changes = g_new0 (guint64, MAX (n_persons, 1));
  scratch->file_lineage = g_array_new (FALSE, FALSE, sizeof (guint));
  scratch->file_slot = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
scratch_clear (Scratch *scratch)
{
  g_clear_pointer (&scratch->person_local, g_free);
  g_clear_pointer (&scratch->persons, g_array_unref);
  g_clear_pointer (&scratch->entries, g_array_unref);
  g_clear_pointer (&scratch->offsets, g_array_unref);
  g_clear_pointer (&scratch->authors, g_array_unref);
  g_clear_pointer (&scratch->changes, g_array_unref);
  g_clear_pointer (&scratch->person_changes, g_free);
  g_clear_pointer (&scratch->file_lineage, g_array_unref);
  g_clear_pointer (&scratch->file_slot, g_array_unref);
}

static int
compare_guint (const void *a,
               const void *b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Recompute the cached authors of a slot whose counts changed. */
static void
update_slot_authors (UcAnalysis *self,
                     FileSlot   *slot,
                     Scratch    *scratch)
{
  int creator = g_array_index (self->lineages, UcAnLineage, slot->lineage).creator;
  g_autofree UcFileAuthor *authors = g_new (UcFileAuthor, MAX (slot->counts->len, 1));
  guint n;

  g_array_set_size (scratch->entries, slot->counts->len);
  for (guint i = 0; i < slot->counts->len; i++)
    {
      const PersonCount *pc = &g_array_index (slot->counts, PersonCount, i);
      UcAuthorshipEntry *entry = &g_array_index (scratch->entries, UcAuthorshipEntry, i);

      entry->file = 0;
      entry->person = pc->person;
      entry->changes = pc->count;
    }
  n = uc_file_authors ((const UcAuthorshipEntry *) (gpointer) scratch->entries->data,
                       scratch->entries->len, creator, authors);

  g_clear_pointer (&slot->more_authors, g_free);
  slot->n_authors = n;
  if (n > G_N_ELEMENTS (slot->inline_authors))
    slot->more_authors = g_new (CachedAuthor, n);
  for (guint a = 0; a < n; a++)
    {
      CachedAuthor *cached = (CachedAuthor *) slot_authors (slot) + a;

      cached->person = authors[a].person;
      cached->doa = authors[a].doa;
      cached->changes = 0;
      for (guint i = 0; i < slot->counts->len; i++)
        if (g_array_index (slot->counts, PersonCount, i).person == authors[a].person)
          cached->changes = g_array_index (slot->counts, PersonCount, i).count;
    }
  slot->dirty = FALSE;
}

/* The truck factor of the files in @files that still exist at
 * @week_end. Local person indices follow global ones (hence person ids),
 * so the truck factor's tie-breaking is by person id. The authors of a
 * file are cached in its slot until its counts change. */
static UcTruckFactor *
compute_authorship (UcAnalysis *self,
                    TeamFiles  *files,
                    UcTime      week_end,
                    Scratch    *scratch,
                    gint64     *coverage)
{
  gint64 n_changes = 0;
  guint zero = 0;

  g_array_set_size (scratch->persons, 0);
  g_array_set_size (scratch->offsets, 0);
  g_array_set_size (scratch->authors, 0);
  g_array_set_size (scratch->file_lineage, 0);
  g_array_set_size (scratch->file_slot, 0);
  g_array_append_val (scratch->offsets, zero);

  for (guint a = 0; a < files->active->len; a++)
    {
      guint index = g_array_index (files->active, guint, a);
      FileSlot *slot = &g_array_index (files->slots, FileSlot, index);

      if (slot->deleted < week_end)
        continue;
      if (slot->dirty)
        update_slot_authors (self, slot, scratch);

      g_array_append_val (scratch->file_lineage, slot->lineage);
      g_array_append_val (scratch->file_slot, index);
      n_changes += slot->total;
      for (guint i = 0; i < slot->n_authors; i++)
        {
          const CachedAuthor *cached = slot_authors (slot) + i;
          UcFileAuthor author = { cached->person, cached->doa };

          if (scratch->person_local[cached->person] < 0)
            {
              scratch->person_local[cached->person] = 0;
              g_array_append_val (scratch->persons, cached->person);
            }
          scratch->person_changes[cached->person] += cached->changes;
          g_array_append_val (scratch->authors, author);
        }
      g_array_append_val (scratch->offsets, scratch->authors->len);
    }

  /* Local indices in global order. */
  if (scratch->persons->len > 1)
    qsort (scratch->persons->data, scratch->persons->len, sizeof (guint), compare_guint);
  g_array_set_size (scratch->changes, scratch->persons->len);
  for (guint i = 0; i < scratch->persons->len; i++)
    {
      guint person = g_array_index (scratch->persons, guint, i);

      scratch->person_local[person] = (int) i;
      g_array_index (scratch->changes, guint64, i) = scratch->person_changes[person];
      scratch->person_changes[person] = 0;
    }
  for (guint i = 0; i < scratch->authors->len; i++)
    {
      UcFileAuthor *author = &g_array_index (scratch->authors, UcFileAuthor, i);

      author->person = (guint) scratch->person_local[author->person];
    }

  *coverage = n_changes;
  return uc_truck_factor_greedy (scratch->file_lineage->len, scratch->persons->len,
                                 (const guint *) (gpointer) scratch->offsets->data,
                                 (const UcFileAuthor *) (gpointer) scratch->authors->data,
                                 (const guint64 *) (gpointer) scratch->changes->data);
}

static void
scratch_release_persons (Scratch *scratch)
{
  for (guint i = 0; i < scratch->persons->len; i++)
    scratch->person_local[g_array_index (scratch->persons, guint, i)] = -1;
}

/* ---- the sweep ---- */

gboolean
_uc_signals_ca_compute (UcAnalysis    *self,
                        UcProgressFunc progress,
                        gpointer       progress_data,
                        double         progress_from,
                        double         progress_to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  guint n_teams = self->teams->len;
  guint n_commits = self->commits->len;
  g_autofree guint *window_count = NULL;
  g_autofree guint *team_total = NULL;
  g_autofree double *buffer = NULL;
  TeamFiles *files;
  Scratch scratch;
  guint max_members = 1;
  guint added = 0, removed_short = 0, removed_long = 0;
  guint progress_step;
  gboolean ok = TRUE;
  int signal_index[N_CA_SIGNALS];

  resolve_signal_indices (signal_index);
  if (n_teams == 0 || self->n_weeks == 0)
    return TRUE;

  window_count = g_new0 (guint, MAX (self->members->len, 1));
  team_total = g_new0 (guint, n_teams);
  for (guint t = 0; t < n_teams; t++)
    max_members = MAX (max_members, self->team_members[t]->len);
  buffer = g_new (double, max_members);
  files = g_new0 (TeamFiles, n_teams);
  for (guint t = 0; t < n_teams; t++)
    team_files_init (&files[t]);
  scratch_init (&scratch, self->persons->len);
  progress_step = MAX (1, self->n_weeks / 20);

  for (guint w = 0; w < self->n_weeks; w++)
    {
      UcTime week_end = self->week_starts[w + 1];
      UcTime short_start = _uc_analysis_window_start (self, w, WINDOW_WEEKS);
      UcTime long_start = _uc_analysis_window_start (self, w, LOOKBACK_WEEKS);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (progress != NULL && w % progress_step == 0)
        progress (progress_from + (progress_to - progress_from) * w / self->n_weeks,
                  NULL, progress_data);

      /* Slide both windows. */
      for (; added < n_commits; added++)
        {
          const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, added);

          if (commit->time >= week_end)
            break;
          if (!counts_for_ca (commit))
            continue;
          window_count[commit->member]++;
          team_total[commit->team]++;
          add_commit_files (self, &files[commit->team], commit, +1);
        }
      for (; removed_short < added; removed_short++)
        {
          const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, removed_short);

          if (commit->time >= short_start)
            break;
          if (!counts_for_ca (commit))
            continue;
          window_count[commit->member]--;
          team_total[commit->team]--;
        }
      for (; removed_long < added; removed_long++)
        {
          const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, removed_long);

          if (commit->time >= long_start)
            break;
          if (counts_for_ca (commit))
            add_commit_files (self, &files[commit->team], commit, -1);
        }

      for (guint t = 0; t < n_teams; t++)
        {
          GArray *members = self->team_members[t];
          g_autoptr(UcTruckFactor) tf = NULL;
          guint n = 0, top = 0;
          gint64 coverage = 0;

          /* CA.gini, CA.top_share */
          for (guint i = 0; i < members->len; i++)
            {
              guint m = g_array_index (members, guint, i);
              const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);

              if (member->is_agent || !_uc_analysis_member_in (member, short_start, week_end))
                continue;
              buffer[n++] = window_count[m];
              top = MAX (top, window_count[m]);
            }
          if (team_total[t] > 0)
            {
              _uc_analysis_set_value (self, t, signal_index[SIGNAL_GINI], w,
                                      uc_stats_gini (buffer, n), team_total[t]);
              _uc_analysis_set_value (self, t, signal_index[SIGNAL_TOP_SHARE], w,
                                      (double) top / team_total[t], team_total[t]);
            }

          /* CA.truck, CA.islands (weeks before compute_from keep their
           * cached values) */
          if (w < self->compute_from)
            continue;
          tf = compute_authorship (self, &files[t], week_end, &scratch, &coverage);
          scratch_release_persons (&scratch);
          if (tf->n_files > 0)
            {
              _uc_analysis_set_value (self, t, signal_index[SIGNAL_TRUCK], w,
                                      tf->truck_factor, coverage);
              _uc_analysis_set_value (self, t, signal_index[SIGNAL_ISLANDS], w,
                                      uc_truck_factor_get_islands (tf), coverage);
            }
        }
    }

  for (guint t = 0; t < n_teams; t++)
    team_files_clear (&files[t]);
  g_free (files);
  scratch_clear (&scratch);
  return ok;
}

/* ---- evidence ---- */

static UcEvidence *
evidence_new (const char *kind,
              UcId        kind_id,
              const char *ref,
              char       *fact,      /* transfer full */
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

static const UcAnPerson *
person_at (UcAnalysis *self,
           guint       index)
{
  return &g_array_index (self->persons, UcAnPerson, index);
}

typedef struct
{
  guint  person;
  guint  count;
  UcTime last;
} MemberCount;

static int
compare_member_counts (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const MemberCount *x = a;
  const MemberCount *y = b;
  UcAnalysis *self = user_data;
  int cmp;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  cmp = strcmp (person_at (self, x->person)->name, person_at (self, y->person)->name);
  if (cmp != 0)
    return cmp;
  return (x->person > y->person) - (x->person < y->person);
}

static GPtrArray *
member_evidence (UcAnalysis *self,
                 guint       team,
                 guint       week)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) uc_evidence_free);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (MemberCount));
  g_autofree int *slot_of_member = NULL;
  GArray *members = self->team_members[team];
  UcTime from = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  UcTime to = self->week_starts[week + 1];
  guint first = _uc_analysis_commit_at (self, from);
  guint last = _uc_analysis_commit_at (self, to);
  guint total = 0;

  slot_of_member = g_new (int, MAX (self->members->len, 1));
  for (guint i = 0; i < self->members->len; i++)
    slot_of_member[i] = -1;
  for (guint i = 0; i < members->len; i++)
    {
      guint m = g_array_index (members, guint, i);
      const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);
      MemberCount mc = { member->person, 0, 0 };

      if (member->is_agent || !_uc_analysis_member_in (member, from, to))
        continue;
      slot_of_member[m] = (int) counts->len;
      g_array_append_val (counts, mc);
    }

  for (guint c = first; c < last; c++)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);
      MemberCount *mc;

      if (!counts_for_ca (commit) || commit->team != (int) team)
        continue;
      g_assert (slot_of_member[commit->member] >= 0);
      mc = &g_array_index (counts, MemberCount, slot_of_member[commit->member]);
      mc->count++;
      mc->last = commit->time;
      total++;
    }
  if (total == 0)
    return g_steal_pointer (&rows);

  g_array_sort_with_data (counts, compare_member_counts, self);
  for (guint i = 0; i < counts->len; i++)
    {
      const MemberCount *mc = &g_array_index (counts, MemberCount, i);
      const UcAnPerson *person = person_at (self, mc->person);
      char *fact;

      fact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: "14 of 52 commits (27 %)" */
                                           "%u of %u commit (%.0f %%)",
                                           "%u of %u commits (%.0f %%)", total),
                              mc->count, total, 100.0 * mc->count / total);
      g_ptr_array_add (rows, evidence_new ("person", person->id, person->name, fact, mc->last));
    }
  return g_steal_pointer (&rows);
}

typedef struct
{
  guint       file;       /* local file index in the truck factor */
  UcId        file_id;
  char       *path;
  guint       changes;
  UcTime      last;
} FileRow;

static void
file_row_clear (gpointer data)
{
  FileRow *row = data;

  g_free (row->path);
}

static int
compare_file_rows (gconstpointer a,
                   gconstpointer b)
{
  const FileRow *x = a;
  const FileRow *y = b;
  int cmp;

  if (x->changes != y->changes)
    return x->changes > y->changes ? -1 : 1;
  cmp = strcmp (x->path, y->path);
  if (cmp != 0)
    return cmp;
  return (x->file_id > y->file_id) - (x->file_id < y->file_id);
}

static char *
authors_fact (UcAnalysis          *self,
              const UcTruckFactor *tf,
              const Scratch       *scratch,
              guint                file)
{
  GString *fact = g_string_new (NULL);
  const UcFileAuthor *authors;
  guint n_authors;

  authors = uc_truck_factor_get_authors (tf, file, &n_authors);
  for (guint a = 0; a < n_authors; a++)
    {
      guint person = g_array_index (scratch->persons, guint, authors[a].person);
      g_autofree char *one = NULL;

      /* Translators: an author of a file and their degree of authorship */
      one = g_strdup_printf (_("%s (DOA %.2f)"), person_at (self, person)->name, authors[a].doa);
      if (a > 0)
        g_string_append (fact, ", ");
      g_string_append (fact, one);
    }
  return g_string_free (fact, FALSE);
}

static GPtrArray *
authorship_evidence (UcAnalysis  *self,
                     UcStore     *store,
                     guint        team,
                     guint        week,
                     gboolean     truck,
                     GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) uc_evidence_free);
  g_autoptr(UcTruckFactor) tf = NULL;
  g_autoptr(GArray) files_rows = NULL;
  g_autofree guint8 *listed = NULL;
  UcIdMap last_commit = { 0 };
  TeamFiles files;
  Scratch scratch;
  UcTime from = _uc_analysis_window_start (self, week, LOOKBACK_WEEKS);
  UcTime to = self->week_starts[week + 1];
  guint first = _uc_analysis_commit_at (self, from);
  guint last = _uc_analysis_commit_at (self, to);
  sqlite3_stmt *stmt;
  gint64 coverage;

  team_files_init (&files);
  scratch_init (&scratch, self->persons->len);
  uc_id_map_init (&last_commit, 64);

  for (guint c = first; c < last; c++)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);

      if (!counts_for_ca (commit) || commit->team != (int) team)
        continue;
      add_commit_files (self, &files, commit, +1);
      for (guint i = 0; i < commit->n_changes; i++)
        uc_id_map_insert (&last_commit,
                          g_array_index (self->changes, UcAnChange, commit->first_change + i).lineage,
                          (int) c);
    }
  tf = compute_authorship (self, &files, to, &scratch, &coverage);

  /* One row per file that matters, with its path. */
  files_rows = g_array_new (FALSE, TRUE, sizeof (FileRow));
  g_array_set_clear_func (files_rows, file_row_clear);
  stmt = uc_store_prepare (store, "SELECT path FROM file WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  for (guint f = 0; f < tf->n_files; f++)
    {
      guint lineage = g_array_index (scratch.file_lineage, guint, f);
      const FileSlot *slot = &g_array_index (files.slots, FileSlot,
                                             g_array_index (scratch.file_slot, guint, f));
      guint n_authors;
      FileRow row = { 0 };
      int c;

      /* Truck: the files of the people removed, or, when the truck
       * factor is 0, the files nobody authors. Islands: single-author
       * files. */
      uc_truck_factor_get_authors (tf, f, &n_authors);
      if (truck ? (n_authors == 0) != (tf->truck_factor == 0) : n_authors != 1)
        continue;

      row.file = f;
      row.file_id = g_array_index (self->lineages, UcAnLineage, lineage).file_id;
      row.changes = slot->total;
      c = uc_id_map_lookup (&last_commit, lineage, -1);
      row.last = c >= 0 ? g_array_index (self->commits, UcAnCommit, c).time : 0;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, row.file_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        row.path = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      else
        row.path = g_strdup_printf ("#%" G_GINT64_FORMAT, row.file_id);
      g_array_append_val (files_rows, row);
    }
  sqlite3_reset (stmt);
  g_array_sort (files_rows, compare_file_rows);

  if (!truck)
    {
      for (guint i = 0; i < files_rows->len; i++)
        {
          const FileRow *row = &g_array_index (files_rows, FileRow, i);
          g_autofree char *authors = authors_fact (self, tf, &scratch, row->file);

          g_ptr_array_add (rows, evidence_new ("file", row->file_id, row->path,
                                               /* Translators: %s: "Ann (DOA 4.33)" */
                                               g_strdup_printf (_("only author: %s"), authors),
                                               row->last));
        }
      goto out;
    }

  if (tf->truck_factor == 0)
    {
      for (guint i = 0; i < files_rows->len; i++)
        {
          const FileRow *row = &g_array_index (files_rows, FileRow, i);

          g_ptr_array_add (rows, evidence_new ("file", row->file_id, row->path,
                                               g_strdup (_("no author: nobody has changed it enough to know it well")),
                                               row->last));
        }
      goto out;
    }

  /* The people removed, each followed by the files they author that no
   * earlier removal already listed. */
  listed = g_new0 (guint8, MAX (tf->n_files, 1));
  for (guint r = 0; r < tf->removed->len; r++)
    {
      guint local = g_array_index (tf->removed, guint, r);
      const UcAnPerson *person = person_at (self, g_array_index (scratch.persons, guint, local));
      char *fact;

      fact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: "removal 1 of 2: author of 3 of 4 files" */
                                           "removal %u of %d: author of %u of %u file",
                                           "removal %u of %d: author of %u of %u files",
                                           tf->n_files),
                              r + 1, tf->truck_factor, tf->n_authored[local], tf->n_files);
      g_ptr_array_add (rows, evidence_new ("person", person->id, person->name, fact, 0));

      for (guint i = 0; i < files_rows->len; i++)
        {
          const FileRow *row = &g_array_index (files_rows, FileRow, i);
          const UcFileAuthor *authors;
          guint n_authors;
          gboolean authors_it = FALSE;

          if (listed[row->file])
            continue;
          authors = uc_truck_factor_get_authors (tf, row->file, &n_authors);
          for (guint a = 0; a < n_authors; a++)
            authors_it |= authors[a].person == local;
          if (!authors_it)
            continue;
          listed[row->file] = TRUE;
          {
            g_autofree char *names = authors_fact (self, tf, &scratch, row->file);

            g_ptr_array_add (rows, evidence_new ("file", row->file_id, row->path,
                                                 /* Translators: %s: "Ann (DOA 4.33), Bo (DOA 3.40)" */
                                                 g_strdup_printf (_("authors: %s"), names),
                                                 row->last));
          }
        }
    }

out:
  scratch_release_persons (&scratch);
  scratch_clear (&scratch);
  team_files_clear (&files);
  uc_id_map_clear (&last_commit);
  if (stmt == NULL)
    return NULL;
  return g_steal_pointer (&rows);
}

GPtrArray *
_uc_signals_ca_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  int signal_index[N_CA_SIGNALS];

  resolve_signal_indices (signal_index);

  if (signal == signal_index[SIGNAL_GINI] || signal == signal_index[SIGNAL_TOP_SHARE])
    return member_evidence (self, team, week);
  if (signal == signal_index[SIGNAL_TRUCK])
    return authorship_evidence (self, store, team, week, TRUE, error);
  if (signal == signal_index[SIGNAL_ISLANDS])
    return authorship_evidence (self, store, team, week, FALSE, error);
  g_return_val_if_reached (NULL);
}
