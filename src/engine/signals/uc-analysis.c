/* uc-analysis.c: per team, per ISO week signal values.
 *
 * uc_analysis_run() reads the workspace once into compact arrays
 * (uc-analysis-private.h), works out who belongs to which team when,
 * lets each signal family sweep the weeks, then derives the family
 * scores. The result is immutable and can be shared between threads.
 *
 * Teams (SIGNALS.md, Conventions):
 *   - The team of an event is the acting person's team at the event's
 *     time. A person with person_team rows is on the team of the row
 *     whose validity [valid_from, valid_to) covers the time (NULL bounds
 *     are open); when several rows cover it, the one that started last
 *     wins (then the lowest team id). Outside every row the person is on
 *     no team: the roster is authoritative for the people it lists.
 *   - A person without person_team rows is on their default team: the
 *     repository where they made the most commits (ties: the repository
 *     imported first), named after the repository. A roster team and a
 *     repository with the same name are the same team.
 *   - A team is listed when it made at least one commit in the analysed
 *     period. With min_group_enabled, teams with fewer than
 *     min_group_size active humans (humans with a commit attributed to
 *     the team in the period) are merged into one group called "Other".
 *     "Other" is shown as "Other" even when it is itself under the
 *     minimum: it is never split back into its small teams.
 *   - Membership (who counts, zeros included, in per-member measures):
 *     roster people during their rows' validity; people without a roster
 *     from their first to their last commit.
 *
 * Weeks are ISO weeks in UTC, from the week of the first event (commit,
 * change request, review, comment, chat message, status change, work
 * item) to the week of the last, or to options->last_week, in which case
 * later events are ignored. Events dated before 1980 are ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-analysis-config.h"
#include "uc-analysis-private.h"
#include "uc-stats.h"

G_DEFINE_QUARK (uc-analysis-error-quark, uc_analysis_error)

#define TREND_MIN_VALUES 12
#define TREND_MAX_VALUES 26
#define TREND_ALPHA      0.05
#define TREND_MIN_SLOPE  0.5     /* score points per week */

#define OTHER_TEAM_NAME  "Other"

/* ---- options and small types ---- */

void
uc_analysis_options_init (UcAnalysisOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->min_group_enabled = TRUE;
  options->min_group_size = 3;
  options->last_week = 0;
  for (guint i = 0; i < G_N_ELEMENTS (options->healthy); i++)
    {
      options->healthy[i] = NAN;
      options->alarming[i] = NAN;
    }
  options->ed_weights[0] = 0.5;
  options->ed_weights[1] = 0.5;
  options->working_hours_start = 8;
  options->working_hours_end = 19;
}

void
uc_evidence_free (UcEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->ref);
  g_free (evidence->fact);
  g_free (evidence);
}

static void
team_info_free (UcTeamInfo *team)
{
  g_free (team->name);
  g_clear_pointer (&team->person_ids, g_array_unref);
  g_free (team);
}

static void
raw_team_clear (gpointer data)
{
  UcAnRawTeam *raw = data;

  g_free (raw->name);
}

static void
person_clear (gpointer data)
{
  UcAnPerson *person = data;

  g_free (person->name);
}

static void
member_clear (gpointer data)
{
  UcAnMember *member = data;

  g_clear_pointer (&member->intervals, g_array_unref);
}

UcAnalysis *
_uc_analysis_new (const UcAnalysisOptions *options)
{
  UcAnalysis *self = g_new0 (UcAnalysis, 1);
  const UcSignalDef *defs = uc_signal_defs (NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->options = *options;
  _uc_analysis_options_normalise (&self->options);
  for (guint i = 0; i < UC_N_SIGNALS; i++)
    {
      self->healthy[i] = isnan (self->options.healthy[i]) ? defs[i].healthy : self->options.healthy[i];
      self->alarming[i] = isnan (self->options.alarming[i]) ? defs[i].alarming : self->options.alarming[i];
    }
  self->ed_weight_interaction = _uc_analysis_ed_weight (&self->options);

  self->teams = g_ptr_array_new_with_free_func ((GDestroyNotify) team_info_free);
  self->persons = g_array_new (FALSE, TRUE, sizeof (UcAnPerson));
  g_array_set_clear_func (self->persons, person_clear);
  self->roster = g_array_new (FALSE, TRUE, sizeof (UcRosterRow));
  self->repo_names = g_ptr_array_new_with_free_func (g_free);
  self->raw_teams = g_array_new (FALSE, TRUE, sizeof (UcAnRawTeam));
  g_array_set_clear_func (self->raw_teams, raw_team_clear);
  self->commits = g_array_new (FALSE, TRUE, sizeof (UcAnCommit));
  self->changes = g_array_new (FALSE, TRUE, sizeof (UcAnChange));
  self->lineages = g_array_new (FALSE, TRUE, sizeof (UcAnLineage));
  self->members = g_array_new (FALSE, TRUE, sizeof (UcAnMember));
  g_array_set_clear_func (self->members, member_clear);
  self->files = g_array_new (FALSE, TRUE, sizeof (UcAnFile));
  self->areas = g_ptr_array_new_with_free_func (g_free);
  uc_id_map_init (&self->person_index, 64);
  uc_id_map_init (&self->identity_person, 64);
  g_mutex_init (&self->full_lock);
  return self;
}

UcAnalysis *
uc_analysis_ref (UcAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
uc_analysis_unref (UcAnalysis *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->team_members != NULL)
    {
      for (guint t = 0; t < self->teams->len; t++)
        g_clear_pointer (&self->team_members[t], g_array_unref);
      g_free (self->team_members);
    }
  g_clear_pointer (&self->teams, g_ptr_array_unref);
  g_free (self->weeks);
  g_free (self->week_starts);
  g_free (self->values);
  g_free (self->family_scores);
  g_free (self->activity);
  g_clear_pointer (&self->persons, g_array_unref);
  uc_id_map_clear (&self->person_index);
  uc_id_map_clear (&self->identity_person);
  g_clear_pointer (&self->roster, g_array_unref);
  g_clear_pointer (&self->repo_names, g_ptr_array_unref);
  g_clear_pointer (&self->raw_teams, g_array_unref);
  g_clear_pointer (&self->commits, g_array_unref);
  g_clear_pointer (&self->changes, g_array_unref);
  g_clear_pointer (&self->lineages, g_array_unref);
  g_clear_pointer (&self->members, g_array_unref);
  g_clear_pointer (&self->files, g_array_unref);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  _uc_analysis_records_clear (&self->records);
  g_clear_pointer (&self->full, uc_analysis_unref);
  g_mutex_clear (&self->full_lock);
  g_free (self->cache_inputs);
  g_free (self);
}

/* ---- helpers shared with the family files ---- */

void
_uc_analysis_set_value (UcAnalysis *self,
                        guint       team,
                        guint       signal,
                        guint       week,
                        double      value,
                        gint64      coverage)
{
  UcSignalValue *cell = _uc_analysis_value_cell (self, team, signal, week);
  const UcSignalDef *defs = uc_signal_defs (NULL);

  if (isnan (value))
    {
      cell->value = NAN;
      cell->score = NAN;
      cell->coverage = 0;
      return;
    }
  cell->value = value;
  cell->score = uc_signal_def_score (&defs[signal], value,
                                     self->healthy[signal], self->alarming[signal]);
  cell->coverage = coverage;
}

static int
roster_team_at (UcAnalysis       *self,
                const UcAnPerson *person,
                UcTime            time)
{
  const UcRosterRow *best = NULL;

  for (guint i = 0; i < person->n_roster; i++)
    {
      const UcRosterRow *row = &g_array_index (self->roster, UcRosterRow, person->roster_first + i);

      /* Rows are sorted by start, then team id: a later start wins, the
       * first row wins among equal starts. */
      if (row->from <= time && time < row->to &&
          (best == NULL || row->from > best->from))
        best = row;
    }
  return best != NULL ? best->raw_team : -1;
}

static int
raw_team_at (UcAnalysis *self,
             guint       person_index,
             UcTime      time)
{
  const UcAnPerson *person = &g_array_index (self->persons, UcAnPerson, person_index);

  if (person->n_roster > 0)
    return roster_team_at (self, person, time);
  return person->default_team;
}

int
_uc_analysis_team_at (UcAnalysis *self,
                      guint       person,
                      UcTime      time)
{
  int raw;

  g_return_val_if_fail (person < self->persons->len, -1);

  raw = raw_team_at (self, person, time);
  if (raw < 0)
    return -1;
  return g_array_index (self->raw_teams, UcAnRawTeam, raw).final_team;
}

guint
_uc_analysis_commit_at (UcAnalysis *self,
                        UcTime      time)
{
  guint lo = 0, hi = self->commits->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->commits, UcAnCommit, mid).time < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
_uc_analysis_member_in (const UcAnMember *member,
                        UcTime            from,
                        UcTime            to)
{
  for (guint i = 0; i < member->intervals->len; i++)
    {
      const UcRosterRow *iv = &g_array_index (member->intervals, UcRosterRow, i);

      if (iv->from < to && iv->to > from)
        return TRUE;
    }
  return FALSE;
}

/* ---- loading ---- */

typedef struct
{
  UcAnalysis    *self;
  UcStore       *store;
  GCancellable  *cancellable;
  UcProgressFunc progress;
  gpointer       progress_data;
  UcTime         begin;           /* events in [begin, end) */
  UcTime         end;
  UcTime         first_time;      /* first and last event */
  UcTime         last_time;
  gboolean       any_event;
  UcIdMap        repo_index;      /* repo.id → index */
  UcIdMap        commit_index;    /* git_commit.id → index */
  GArray        *commit_times;    /* UcTime per commit: git commit time */
  GHashTable    *raw_by_name;     /* borrowed name → raw team index + 1 */
} Loader;

static void
report (Loader     *loader,
        double      fraction,
        const char *message)
{
  if (loader->progress != NULL)
    loader->progress (fraction, message, loader->progress_data);
}

static gboolean
check_cancelled (Loader  *loader,
                 GError **error)
{
  return !g_cancellable_set_error_if_cancelled (loader->cancellable, error);
}

/* Reset @stmt after a read loop; FALSE with @error when it ended badly. */
static gboolean
finish_query (Loader       *loader,
              sqlite3_stmt *stmt,
              int           rc,
              const char   *what,
              GError      **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      uc_store_set_sql_error (loader->store, error, what);
      return FALSE;
    }
  return TRUE;
}

static int
ensure_raw_team (Loader     *loader,
                 const char *name,
                 UcId        team_id)
{
  UcAnalysis *self = loader->self;
  gpointer found = g_hash_table_lookup (loader->raw_by_name, name);
  UcAnRawTeam raw = { 0 };
  UcAnRawTeam *stored;
  int index;

  if (found != NULL)
    {
      index = GPOINTER_TO_INT (found) - 1;
      stored = &g_array_index (self->raw_teams, UcAnRawTeam, index);
      if (stored->team_id == 0)
        stored->team_id = team_id;
      return index;
    }

  raw.name = g_strdup (name);
  raw.team_id = team_id;
  raw.final_team = -1;
  g_array_append_val (self->raw_teams, raw);
  index = (int) self->raw_teams->len - 1;
  stored = &g_array_index (self->raw_teams, UcAnRawTeam, index);
  g_hash_table_insert (loader->raw_by_name, stored->name, GINT_TO_POINTER (index + 1));
  return index;
}

static gboolean
load_people (Loader  *loader,
             GError **error)
{
  UcAnalysis *self = loader->self;
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (loader->store, "SELECT id, name, is_agent FROM person ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcAnPerson person = { 0 };
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      person.id = sqlite3_column_int64 (stmt, 0);
      person.name = g_strdup (name != NULL ? name : "");
      person.is_agent = sqlite3_column_int (stmt, 2) != 0;
      person.default_team = -1;
      uc_id_map_insert (&self->person_index, person.id, (int) self->persons->len);
      g_array_append_val (self->persons, person);
    }
  if (!finish_query (loader, stmt, rc, "reading people", error))
    return FALSE;

  stmt = uc_store_prepare (loader->store, "SELECT id, person_id FROM identity", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int person = uc_id_map_lookup (&self->person_index, sqlite3_column_int64 (stmt, 1), -1);

      if (person >= 0)
        uc_id_map_insert (&self->identity_person, sqlite3_column_int64 (stmt, 0), person);
    }
  if (!finish_query (loader, stmt, rc, "reading identities", error))
    return FALSE;

  stmt = uc_store_prepare (loader->store, "SELECT id, name FROM repo ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      uc_id_map_insert (&loader->repo_index, sqlite3_column_int64 (stmt, 0),
                        (int) self->repo_names->len);
      g_ptr_array_add (self->repo_names, g_strdup (name != NULL ? name : ""));
    }
  return finish_query (loader, stmt, rc, "reading repositories", error);
}

static gboolean
load_roster (Loader  *loader,
             GError **error)
{
  UcAnalysis *self = loader->self;
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (loader->store,
                           "SELECT pt.person_id, pt.team_id, t.name, pt.valid_from, pt.valid_to"
                           " FROM person_team pt JOIN team t ON t.id = pt.team_id"
                           " ORDER BY pt.person_id, pt.valid_from IS NOT NULL, pt.valid_from, pt.team_id",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int person_index = uc_id_map_lookup (&self->person_index, sqlite3_column_int64 (stmt, 0), -1);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      UcAnPerson *person;
      UcRosterRow row;

      if (person_index < 0 || name == NULL)
        continue;
      row.from = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? G_MININT64 : sqlite3_column_int64 (stmt, 3);
      row.to = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? G_MAXINT64 : sqlite3_column_int64 (stmt, 4);
      if (row.to <= row.from)
        continue;
      row.raw_team = ensure_raw_team (loader, name, sqlite3_column_int64 (stmt, 1));

      person = &g_array_index (self->persons, UcAnPerson, person_index);
      if (person->n_roster == 0)
        person->roster_first = self->roster->len;
      person->n_roster++;
      g_array_append_val (self->roster, row);
    }
  return finish_query (loader, stmt, rc, "reading the roster", error);
}

/* The first and last event time over every event table. */
static gboolean
load_time_range (Loader  *loader,
                 GError **error)
{
  static const char *const queries[] = {
    "SELECT min(author_time), max(author_time) FROM git_commit WHERE author_time >= ?1 AND author_time < ?2",
    "SELECT min(created_time), max(created_time) FROM change_request WHERE created_time >= ?1 AND created_time < ?2",
    "SELECT min(time), max(time) FROM review WHERE time >= ?1 AND time < ?2",
    "SELECT min(time), max(time) FROM comment WHERE time >= ?1 AND time < ?2",
    "SELECT min(time), max(time) FROM message WHERE time >= ?1 AND time < ?2",
    "SELECT min(time), max(time) FROM status_change WHERE time >= ?1 AND time < ?2",
    "SELECT min(created_time), max(created_time) FROM work_item WHERE created_time >= ?1 AND created_time < ?2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = uc_store_prepare (loader->store, queries[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, loader->begin);
      sqlite3_bind_int64 (stmt, 2, loader->end);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          UcTime first = sqlite3_column_int64 (stmt, 0);
          UcTime last = sqlite3_column_int64 (stmt, 1);

          if (!loader->any_event || first < loader->first_time)
            loader->first_time = first;
          if (!loader->any_event || last > loader->last_time)
            loader->last_time = last;
          loader->any_event = TRUE;
        }
      if (!finish_query (loader, stmt, rc, "reading event dates", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_commits (Loader  *loader,
              GError **error)
{
  UcAnalysis *self = loader->self;
  sqlite3_stmt *stmt;
  gint64 n_total;
  int rc;

  n_total = uc_store_query_int (loader->store, "SELECT count(*) FROM git_commit", 0);
  g_array_set_size (self->commits, 0);
  g_array_set_size (loader->commit_times, 0);
  uc_id_map_clear (&loader->commit_index);
  uc_id_map_init (&loader->commit_index, (gsize) MAX (n_total, 16));

  stmt = uc_store_prepare (loader->store,
                           "SELECT id, repo_id, author_id, author_time, n_parents, commit_time,"
                           " author_tz, is_revert, is_fix, ai_assisted, committer_id FROM git_commit"
                           " WHERE author_time >= ?1 AND author_time < ?2"
                           " ORDER BY author_time, id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, loader->begin);
  sqlite3_bind_int64 (stmt, 2, loader->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcAnCommit commit = { 0 };
      int person, repo;

      if ((self->commits->len & 0x3fff) == 0 && g_cancellable_is_cancelled (loader->cancellable))
        break;

      person = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 :
               uc_id_map_lookup (&self->identity_person, sqlite3_column_int64 (stmt, 2), -1);
      repo = uc_id_map_lookup (&loader->repo_index, sqlite3_column_int64 (stmt, 1), -1);
      if (person < 0 || repo < 0)
        continue;   /* no author: nobody to attribute it to */

      commit.id = sqlite3_column_int64 (stmt, 0);
      commit.repo = (guint) repo;
      commit.person = (guint) person;
      commit.time = sqlite3_column_int64 (stmt, 3);
      commit.is_merge = sqlite3_column_int (stmt, 4) > 1;
      commit.is_human = !g_array_index (self->persons, UcAnPerson, person).is_agent;
      commit.tz = (gint16) CLAMP (sqlite3_column_int (stmt, 6), -24 * 60, 24 * 60);
      commit.is_rework = (sqlite3_column_int (stmt, 7) != 0 ? 1 : 0) | (sqlite3_column_int (stmt, 8) != 0 ? 2 : 0);
      commit.ai_assisted = sqlite3_column_int (stmt, 9) != 0;
      commit.committer = sqlite3_column_type (stmt, 10) == SQLITE_NULL ? -1 :
                         uc_id_map_lookup (&self->identity_person, sqlite3_column_int64 (stmt, 10), -1);
      commit.team = -1;
      commit.member = -1;
      uc_id_map_insert (&loader->commit_index, commit.id, (int) self->commits->len);
      g_array_append_val (self->commits, commit);
      {
        UcTime commit_time = sqlite3_column_int64 (stmt, 5);

        g_array_append_val (loader->commit_times, commit_time);
      }
    }
  if (!finish_query (loader, stmt, rc, "reading commits", error))
    return FALSE;
  return check_cancelled (loader, error);
}

typedef struct
{
  guint  commit;
  char   kind;
  guint  lines;
  UcId   file_id;
  UcId   old_file_id;
} RawChange;

/* The slot of a path: an index into @current and into @files (the
 * analysis' file table, uc-analysis-private.h). */
static guint
file_slot (UcIdMap *file_index,
           GArray  *current,
           GArray  *files,
           UcId     file_id)
{
  gboolean created;
  int *cell = uc_id_map_ensure (file_index, file_id, (int) current->len, &created);
  int none = -1;

  if (created)
    {
      UcAnFile file = { 0 };

      file.id = file_id;
      file.language = -1;
      file.tool = -1;
      g_array_append_val (current, none);
      g_array_append_val (files, file);
    }
  return (guint) *cell;
}

static guint
new_lineage (UcAnalysis *self,
             UcId        file_id,
             int         creator)
{
  UcAnLineage lineage;

  lineage.file_id = file_id;
  lineage.creator = creator;
  lineage.deleted = G_MAXINT64;
  g_array_append_val (self->lineages, lineage);
  return self->lineages->len - 1;
}

static void
end_lineage (UcAnalysis *self,
             int         lineage,
             UcTime      time)
{
  if (lineage >= 0)
    g_array_index (self->lineages, UcAnLineage, lineage).deleted = time;
}

static guint
kind_pass (char kind)
{
  return kind == 'D' ? 0 : kind == 'R' ? 1 : 2;
}

static int
compare_commit_order (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const UcTime *commit_times = user_data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  if (commit_times[x] != commit_times[y])
    return commit_times[x] < commit_times[y] ? -1 : 1;
  /* Commit indices follow author time, then row id. */
  return (x > y) - (x < y);
}

/* Follow files through renames, deletions and re-additions.
 *
 * Commits are replayed in git commit-time order, which follows the
 * history's topology far better than author time (rebased and
 * cherry-picked commits keep old author dates). Within a commit,
 * deletions go first, then renames, then the rest, so "delete X, rename
 * Y to X" and "rename X to Y, add X" both come out right. An addition of
 * a path whose current life began with changes of unknown origin (edits
 * seen before the creation, as with out-of-order dates or a history cut
 * short) is that life's creation, not a new file. */
static void
build_lineages (UcAnalysis   *self,
                RawChange    *raw,
                guint         n_raw,
                const UcTime *commit_times)
{
  UcIdMap file_index = { 0 };
  g_autoptr(GArray) current = g_array_new (FALSE, FALSE, sizeof (int));   /* file slot → lineage */
  g_autofree guint *order = NULL;
  guint n_commits = self->commits->len;

  uc_id_map_init (&file_index, n_raw / 2 + 16);
  g_array_set_size (self->changes, n_raw);

  order = g_new (guint, MAX (n_commits, 1));
  for (guint c = 0; c < n_commits; c++)
    order[c] = c;
  if (n_commits > 1)
    g_qsort_with_data (order, n_commits, sizeof (guint), compare_commit_order, (gpointer) commit_times);

  for (guint o = 0; o < n_commits; o++)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, order[o]);
      guint start = commit->first_change;
      guint end = start + commit->n_changes;

      for (guint pass = 0; pass < 3; pass++)
        for (guint i = start; i < end; i++)
          {
            RawChange *rc = &raw[i];
            UcAnChange *change = &g_array_index (self->changes, UcAnChange, i);
            guint slot;
            int *cur;
            int lineage;

            if (kind_pass (rc->kind) != pass)
              continue;

            slot = file_slot (&file_index, current, self->files, rc->file_id);
            cur = &g_array_index (current, int, slot);
            change->kind = rc->kind;
            change->file = slot;
            change->lines = rc->lines;

            switch (rc->kind)
              {
              case 'D':
                lineage = *cur >= 0 ? *cur : (int) new_lineage (self, rc->file_id, -1);
                end_lineage (self, lineage, commit->time);
                *cur = -1;
                break;

              case 'R':
                {
                  int moved = -1;

                  if (rc->old_file_id > 0)
                    {
                      guint old_slot = file_slot (&file_index, current, self->files, rc->old_file_id);
                      int *old_cur;

                      /* file_slot may have grown the array. */
                      cur = &g_array_index (current, int, slot);
                      old_cur = &g_array_index (current, int, old_slot);
                      if (old_slot != slot)
                        {
                          moved = *old_cur;
                          *old_cur = -1;
                        }
                    }
                  if (moved >= 0)
                    {
                      if (*cur >= 0 && *cur != moved)
                        end_lineage (self, *cur, commit->time);
                      lineage = moved;
                      g_array_index (self->lineages, UcAnLineage, lineage).file_id = rc->file_id;
                    }
                  else if (*cur >= 0)
                    lineage = *cur;
                  else
                    lineage = (int) new_lineage (self, rc->file_id, -1);
                  *cur = lineage;
                }
                break;

              case 'A':
              case 'C':
                if (*cur >= 0 && g_array_index (self->lineages, UcAnLineage, *cur).creator < 0)
                  {
                    /* The creation of a life first seen through edits. */
                    lineage = *cur;
                    g_array_index (self->lineages, UcAnLineage, lineage).creator = (int) commit->person;
                    break;
                  }
                /* A live file added again means its deletion was not
                 * seen: the old life ends here. */
                end_lineage (self, *cur, commit->time);
                lineage = (int) new_lineage (self, rc->file_id, (int) commit->person);
                *cur = lineage;
                break;

              default:
                if (*cur < 0)
                  *cur = (int) new_lineage (self, rc->file_id, -1);
                lineage = *cur;
                break;
              }
            change->lineage = (guint) lineage;
          }
    }

  uc_id_map_clear (&file_index);
}

static gboolean
load_changes (Loader  *loader,
              GError **error)
{
  UcAnalysis *self = loader->self;
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (RawChange));
  g_autofree guint *offsets = NULL;
  g_autofree RawChange *sorted = NULL;
  sqlite3_stmt *stmt;
  guint n_commits = self->commits->len;
  int rc;

  stmt = uc_store_prepare (loader->store,
                           "SELECT commit_id, file_id, kind, old_file_id, added, deleted FROM file_change", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RawChange change;
      int commit = uc_id_map_lookup (&loader->commit_index, sqlite3_column_int64 (stmt, 0), -1);
      const char *kind = (const char *) sqlite3_column_text (stmt, 2);

      if ((raw->len & 0xffff) == 0 && g_cancellable_is_cancelled (loader->cancellable))
        break;
      if (commit < 0)
        continue;
      change.commit = (guint) commit;
      change.file_id = sqlite3_column_int64 (stmt, 1);
      change.kind = kind != NULL && kind[0] != '\0' && strchr ("ADRC", kind[0]) != NULL ? kind[0] : 'M';
      change.old_file_id = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 3);
      change.lines = (guint) MIN (MAX (sqlite3_column_int64 (stmt, 4), 0) + MAX (sqlite3_column_int64 (stmt, 5), 0),
                                  G_MAXUINT32);
      g_array_append_val (raw, change);
    }
  if (!finish_query (loader, stmt, rc, "reading file changes", error) ||
      !check_cancelled (loader, error))
    return FALSE;

  /* Counting sort by commit (stable, so rows keep their file order). */
  offsets = g_new0 (guint, n_commits + 1);
  for (guint i = 0; i < raw->len; i++)
    offsets[g_array_index (raw, RawChange, i).commit + 1]++;
  for (guint c = 0; c < n_commits; c++)
    {
      UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);

      commit->first_change = offsets[c];
      commit->n_changes = offsets[c + 1];
      offsets[c + 1] += offsets[c];
    }
  sorted = g_new (RawChange, MAX (raw->len, 1));
  {
    g_autofree guint *fill = g_memdup2 (offsets, (n_commits + 1) * sizeof (guint));

    for (guint i = 0; i < raw->len; i++)
      {
        RawChange *change = &g_array_index (raw, RawChange, i);

        sorted[fill[change->commit]++] = *change;
      }
  }

  build_lineages (self, sorted, raw->len, (const UcTime *) (gpointer) loader->commit_times->data);
  return TRUE;
}

/* Default teams, attribution of commits to teams, the "Other" merge and
 * the memberships. */
static gboolean
assign_teams (Loader  *loader,
              GError **error)
{
  UcAnalysis *self = loader->self;
  guint n_persons = self->persons->len;
  guint n_repos = self->repo_names->len;
  g_autofree int *raw_of_commit = NULL;
  g_autofree guint *raw_commits = NULL;
  g_autoptr(GHashTable) final_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) final_names = g_ptr_array_new ();
  g_autofree guint *order = NULL;
  g_autofree int *final_of_sorted = NULL;
  g_autofree UcId *final_team_id = NULL;
  g_autofree guint *final_n_raw = NULL;
  UcIdMap pair_count = { 0 };
  UcIdMap member_index = { 0 };
  guint n_final;

  /* Busiest repository of each person, and their first and last commit. */
  {
    g_autofree guint *best_count = g_new0 (guint, MAX (n_persons, 1));

    uc_id_map_init (&pair_count, 256);
    for (guint c = 0; c < self->commits->len; c++)
      {
        const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);
        UcAnPerson *person = &g_array_index (self->persons, UcAnPerson, commit->person);

        (*uc_id_map_ensure (&pair_count, (gint64) commit->person * n_repos + commit->repo, 0, NULL))++;
        if (person->first_time == 0)
          person->first_time = commit->time;
        person->last_time = commit->time;
      }
    for (gsize i = 0; i <= pair_count.mask; i++)
      {
        gint64 key = pair_count.keys[i];
        guint person_index, repo, count;
        UcAnPerson *person;

        if (key == UC_ID_MAP_EMPTY)
          continue;
        person_index = (guint) (key / n_repos);
        repo = (guint) (key % n_repos);
        count = (guint) pair_count.values[i];
        person = &g_array_index (self->persons, UcAnPerson, person_index);
        if (count > best_count[person_index] ||
            (count == best_count[person_index] && (int) repo < person->default_team))
          {
            best_count[person_index] = count;
            person->default_team = (int) repo;   /* a repository index for now */
          }
      }
    uc_id_map_clear (&pair_count);

    for (guint p = 0; p < n_persons; p++)
      {
        UcAnPerson *person = &g_array_index (self->persons, UcAnPerson, p);

        if (person->default_team >= 0)
          person->default_team = ensure_raw_team (loader, g_ptr_array_index (self->repo_names,
                                                                             person->default_team), 0);
      }
  }

  /* Each commit's raw team, and the active humans of each raw team. */
  raw_of_commit = g_new (int, MAX (self->commits->len, 1));
  raw_commits = g_new0 (guint, MAX (self->raw_teams->len, 1));
  uc_id_map_init (&pair_count, 256);
  for (guint c = 0; c < self->commits->len; c++)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);
      int raw = raw_team_at (self, commit->person, commit->time);
      gboolean created;

      raw_of_commit[c] = raw;
      if (raw < 0)
        continue;
      raw_commits[raw]++;
      uc_id_map_ensure (&pair_count, (gint64) raw * n_persons + commit->person, 0, &created);
      if (created && commit->is_human)
        g_array_index (self->raw_teams, UcAnRawTeam, raw).n_humans++;
    }
  uc_id_map_clear (&pair_count);

  if (!check_cancelled (loader, error))
    return FALSE;

  /* Listed teams and "Other". */
  for (guint r = 0; r < self->raw_teams->len; r++)
    {
      UcAnRawTeam *raw = &g_array_index (self->raw_teams, UcAnRawTeam, r);
      const char *name;
      gpointer found;

      if (raw_commits[r] == 0)
        continue;
      if (self->options.min_group_enabled && raw->n_humans < self->options.min_group_size)
        name = OTHER_TEAM_NAME;
      else
        name = raw->name;
      found = g_hash_table_lookup (final_by_name, name);
      if (found == NULL)
        {
          g_ptr_array_add (final_names, (gpointer) name);
          found = GUINT_TO_POINTER (final_names->len);
          g_hash_table_insert (final_by_name, (gpointer) name, found);
        }
      raw->final_team = (int) GPOINTER_TO_UINT (found) - 1;   /* unsorted for now */
    }

  /* Sort the listed teams by name, "Other" last. */
  n_final = final_names->len;
  order = g_new (guint, MAX (n_final, 1));
  for (guint i = 0; i < n_final; i++)
    order[i] = i;
  for (guint i = 1; i < n_final; i++)
    for (guint j = i; j > 0; j--)
      {
        const char *a = g_ptr_array_index (final_names, order[j - 1]);
        const char *b = g_ptr_array_index (final_names, order[j]);
        gboolean a_other = g_str_equal (a, OTHER_TEAM_NAME);
        gboolean b_other = g_str_equal (b, OTHER_TEAM_NAME);

        if (a_other > b_other || (a_other == b_other && strcmp (a, b) > 0))
          {
            guint tmp = order[j - 1];

            order[j - 1] = order[j];
            order[j] = tmp;
          }
        else
          break;
      }
  final_of_sorted = g_new (int, MAX (n_final, 1));
  for (guint i = 0; i < n_final; i++)
    final_of_sorted[order[i]] = (int) i;

  final_team_id = g_new0 (UcId, MAX (n_final, 1));
  final_n_raw = g_new0 (guint, MAX (n_final, 1));
  for (guint r = 0; r < self->raw_teams->len; r++)
    {
      UcAnRawTeam *raw = &g_array_index (self->raw_teams, UcAnRawTeam, r);

      if (raw->final_team < 0)
        continue;
      raw->final_team = final_of_sorted[raw->final_team];
      final_n_raw[raw->final_team]++;
      final_team_id[raw->final_team] = raw->team_id;
    }

  for (guint i = 0; i < n_final; i++)
    {
      UcTeamInfo *team = g_new0 (UcTeamInfo, 1);

      team->name = g_strdup (g_ptr_array_index (final_names, order[i]));
      team->team_id = final_n_raw[i] == 1 && !g_str_equal (team->name, OTHER_TEAM_NAME) ?
                      final_team_id[i] : 0;
      team->person_ids = g_array_new (FALSE, FALSE, sizeof (UcId));
      g_ptr_array_add (self->teams, team);
    }

  /* Memberships: roster rows, else the span of one's commits. */
  uc_id_map_init (&member_index, n_persons + 16);
  for (guint p = 0; p < n_persons; p++)
    {
      const UcAnPerson *person = &g_array_index (self->persons, UcAnPerson, p);
      guint n_rows = person->n_roster > 0 ? person->n_roster : (person->first_time != 0 ? 1 : 0);

      for (guint i = 0; i < n_rows; i++)
        {
          UcRosterRow iv;
          int final_team;
          gboolean created;
          int *cell;

          if (person->n_roster > 0)
            {
              iv = g_array_index (self->roster, UcRosterRow, person->roster_first + i);
              final_team = g_array_index (self->raw_teams, UcAnRawTeam, iv.raw_team).final_team;
            }
          else
            {
              iv.from = person->first_time;
              iv.to = person->last_time + 1;
              iv.raw_team = person->default_team;
              final_team = person->default_team >= 0 ?
                           g_array_index (self->raw_teams, UcAnRawTeam, person->default_team).final_team : -1;
            }
          if (final_team < 0)
            continue;

          cell = uc_id_map_ensure (&member_index, (gint64) final_team * n_persons + p,
                                   (int) self->members->len, &created);
          if (created)
            {
              UcAnMember member = { 0 };

              member.team = (guint) final_team;
              member.person = p;
              member.is_agent = person->is_agent;
              member.intervals = g_array_new (FALSE, FALSE, sizeof (UcRosterRow));
              g_array_append_val (self->members, member);
            }
          g_array_append_val (g_array_index (self->members, UcAnMember, *cell).intervals, iv);
        }
    }

  /* Commits → final team and membership; active people per team. */
  {
    g_autofree guint8 *active = g_new0 (guint8, MAX (self->members->len, 1));

    for (guint c = 0; c < self->commits->len; c++)
      {
        UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);

        if (raw_of_commit[c] < 0)
          continue;
        commit->team = g_array_index (self->raw_teams, UcAnRawTeam, raw_of_commit[c]).final_team;
        commit->member = uc_id_map_lookup (&member_index,
                                           (gint64) commit->team * n_persons + commit->person, -1);
        g_assert (commit->member >= 0);
        active[commit->member] = 1;
      }

    self->team_members = g_new0 (GArray *, MAX (n_final, 1));
    for (guint t = 0; t < n_final; t++)
      self->team_members[t] = g_array_new (FALSE, FALSE, sizeof (guint));
    /* Members were created in person order, so each list is sorted by
     * person (hence by person id). */
    for (guint m = 0; m < self->members->len; m++)
      {
        const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);
        UcTeamInfo *team = g_ptr_array_index (self->teams, member->team);

        g_array_append_val (self->team_members[member->team], m);
        if (!active[m])
          continue;
        if (member->is_agent)
          team->n_agents++;
        else
          {
            UcId id = g_array_index (self->persons, UcAnPerson, member->person).id;

            team->n_members++;
            g_array_append_val (team->person_ids, id);
          }
      }
  }

  uc_id_map_clear (&member_index);
  return TRUE;
}

static void
setup_weeks (Loader *loader)
{
  UcAnalysis *self = loader->self;
  int first_week, last_week;
  UcTime start;

  if (self->options.last_week != 0)
    {
      last_week = self->options.last_week;
      first_week = loader->any_event ? uc_week_of_time (loader->first_time) : last_week;
      if (uc_week_diff (last_week, first_week) < 0)
        first_week = last_week;
    }
  else if (loader->any_event)
    {
      first_week = uc_week_of_time (loader->first_time);
      last_week = uc_week_of_time (loader->last_time);
    }
  else
    {
      self->n_weeks = 0;
      self->weeks = g_new0 (int, 1);
      self->week_starts = g_new0 (UcTime, 1);
      return;
    }

  self->n_weeks = (guint) uc_week_diff (last_week, first_week) + 1;
  self->weeks = g_new (int, self->n_weeks);
  self->week_starts = g_new (UcTime, self->n_weeks + 1);
  start = uc_week_start (first_week);
  for (guint w = 0; w <= self->n_weeks; w++)
    {
      /* UTC weeks are exactly 7 days long. */
      self->week_starts[w] = start + (UcTime) w * UC_SECONDS_PER_WEEK;
      if (w < self->n_weeks)
        self->weeks[w] = uc_week_of_time (self->week_starts[w]);
    }
}

static int
week_index_of (UcAnalysis *self,
               UcTime      time)
{
  gint64 w;

  if (self->n_weeks == 0 || time < self->week_starts[0] || time >= self->week_starts[self->n_weeks])
    return -1;
  w = (time - self->week_starts[0]) / UC_SECONDS_PER_WEEK;
  return (int) w;
}

/* Weekly activity: human non-merge commits, comments and chat messages. */
static gboolean
load_activity (Loader  *loader,
               GError **error)
{
  static const char *const queries[] = {
    "SELECT author_id, time FROM comment WHERE time >= ?1 AND time < ?2 AND author_id IS NOT NULL",
    "SELECT author_id, time FROM message WHERE time >= ?1 AND time < ?2 AND author_id IS NOT NULL",
  };
  UcAnalysis *self = loader->self;
  guint n_teams = self->teams->len;

  self->activity = g_new0 (double, MAX ((gsize) n_teams * self->n_weeks, 1));

  for (guint c = 0; c < self->commits->len; c++)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);
      int w = week_index_of (self, commit->time);

      if (commit->team >= 0 && commit->is_human && !commit->is_merge && w >= 0)
        self->activity[(gsize) commit->team * self->n_weeks + w] += 1.0;
    }

  if (n_teams == 0)
    return TRUE;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = uc_store_prepare (loader->store, queries[q], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, loader->begin);
      sqlite3_bind_int64 (stmt, 2, loader->end);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int person = uc_id_map_lookup (&self->identity_person, sqlite3_column_int64 (stmt, 0), -1);
          UcTime time = sqlite3_column_int64 (stmt, 1);
          int team, w;

          if (person < 0 || g_array_index (self->persons, UcAnPerson, person).is_agent)
            continue;
          team = _uc_analysis_team_at (self, (guint) person, time);
          w = week_index_of (self, time);
          if (team >= 0 && w >= 0)
            self->activity[(gsize) team * self->n_weeks + w] += 1.0;
        }
      if (!finish_query (loader, stmt, rc, "reading comments", error))
        return FALSE;
    }
  return TRUE;
}

/* ---- family scores ---- */

static gboolean
signal_in_family_score (const UcSignalDef *def,
                        UcFamily           family)
{
  /* SIGNALS.md §7: the HD score also reads RV.load_gini and DS.*. */
  if (family == UC_FAMILY_HD)
    return def->family == UC_FAMILY_HD || def->family == UC_FAMILY_DS ||
           g_str_equal (def->id, "RV.load_gini");
  return def->family == family;
}

static double
mean_of_available (const double *values,
                   guint         n)
{
  double sum = 0.0;
  guint used = 0;

  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        sum += values[i];
        used++;
      }
  return used > 0 ? sum / used : NAN;
}

static void
compute_family_scores (UcAnalysis *self)
{
  const UcSignalDef *defs = uc_signal_defs (NULL);
  guint n_teams = self->teams->len;

  self->family_scores = g_new (double, MAX ((gsize) n_teams * UC_N_FAMILIES * self->n_weeks, 1));

  for (guint t = 0; t < n_teams; t++)
    for (guint w = 0; w < self->n_weeks; w++)
      {
        double scores[UC_N_FAMILIES];
        double parts[3];
        double interaction, execution;

        for (guint f = 0; f < UC_FAMILY_ED; f++)
          {
            double sum = 0.0;
            guint used = 0;

            for (guint s = 0; s < UC_N_SIGNALS; s++)
              {
                double score = _uc_analysis_value_cell (self, t, s, w)->score;

                if (signal_in_family_score (&defs[s], f) && !isnan (score))
                  {
                    sum += score;
                    used++;
                  }
              }
            scores[f] = used > 0 ? sum / used : NAN;
          }

        /* SIGNALS.md §9. ED needs the interaction I = sqrt (HD · TD);
         * X = mean of the EG, WV and CV scores with data; ED = w_I I +
         * w_X X (weights scaled to sum to 1, ½ and ½ by default), or I
         * alone while none of X's families has data. */
        interaction = !isnan (scores[UC_FAMILY_HD]) && !isnan (scores[UC_FAMILY_TD]) ?
                      sqrt (scores[UC_FAMILY_HD] * scores[UC_FAMILY_TD]) : NAN;
        parts[0] = scores[UC_FAMILY_EG];
        parts[1] = scores[UC_FAMILY_WV];
        parts[2] = scores[UC_FAMILY_CV];
        execution = mean_of_available (parts, G_N_ELEMENTS (parts));
        if (isnan (interaction))
          scores[UC_FAMILY_ED] = NAN;
        else if (isnan (execution))
          scores[UC_FAMILY_ED] = interaction;
        else
          scores[UC_FAMILY_ED] = self->ed_weight_interaction * interaction +
                                 (1.0 - self->ed_weight_interaction) * execution;

        for (guint f = 0; f < UC_N_FAMILIES; f++)
          self->family_scores[((gsize) t * UC_N_FAMILIES + f) * self->n_weeks + w] = scores[f];
      }
}

/* ---- families ---- */

typedef gboolean   (*FamilyCompute)  (UcAnalysis    *self,
                                      UcProgressFunc progress,
                                      gpointer       progress_data,
                                      double         progress_from,
                                      double         progress_to,
                                      GCancellable  *cancellable,
                                      GError       **error);
typedef GPtrArray *(*FamilyEvidence) (UcAnalysis  *self,
                                      UcStore     *store,
                                      guint        team,
                                      int          signal,
                                      guint        week,
                                      GError     **error);

/* The computed families, in computing order: one line per family file. */
static const struct
{
  UcFamily       family;
  FamilyCompute  compute;
  FamilyEvidence evidence;
} family_table[] = {
  { UC_FAMILY_CA, _uc_signals_ca_compute, _uc_signals_ca_evidence },
  { UC_FAMILY_RV, _uc_signals_rv_compute, _uc_signals_rv_evidence },
  { UC_FAMILY_DS, _uc_signals_ds_compute, _uc_signals_ds_evidence },
  { UC_FAMILY_CV, _uc_signals_cv_compute, _uc_signals_cv_evidence },
  { UC_FAMILY_WV, _uc_signals_wv_compute, _uc_signals_wv_evidence },
  { UC_FAMILY_EG, _uc_signals_eg_compute, _uc_signals_eg_evidence },
  { UC_FAMILY_HD, _uc_signals_hd_compute, _uc_signals_hd_evidence },
  { UC_FAMILY_TD, _uc_signals_td_compute, _uc_signals_td_evidence },
  { UC_FAMILY_AP, _uc_signals_ap_compute, _uc_signals_ap_evidence },
};

/* Progress from 0.5 to 0.95, shared evenly between the families. */
static gboolean
compute_families (UcAnalysis    *self,
                  UcProgressFunc progress,
                  gpointer       progress_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  double step = 0.45 / G_N_ELEMENTS (family_table);

  for (guint i = 0; i < G_N_ELEMENTS (family_table); i++)
    {
      double from = 0.5 + i * step;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!family_table[i].compute (self, progress, progress_data, from, from + step,
                                    cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (from + step, NULL, progress_data);
    }
  return TRUE;
}

/* ---- run ---- */

/* Read the workspace into a new analysis whose values are all "no data"
 * (progress 0 to 0.5). */
UcAnalysis *
_uc_analysis_load (UcStore                 *store,
                   const UcAnalysisOptions *options,
                   UcProgressFunc           progress,
                   gpointer                 progress_data,
                   GCancellable            *cancellable,
                   GError                 **error)
{
  g_autoptr(UcAnalysis) self = NULL;
  Loader loader = { 0 };
  gboolean ok;

  self = _uc_analysis_new (options);
  loader.self = self;
  loader.store = store;
  loader.cancellable = cancellable;
  loader.progress = progress;
  loader.progress_data = progress_data;
  loader.begin = UC_ANALYSIS_MIN_TIME;
  loader.end = options->last_week != 0 ?
               uc_week_start (options->last_week) + UC_SECONDS_PER_WEEK : G_MAXINT64;
  loader.raw_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  loader.commit_times = g_array_new (FALSE, FALSE, sizeof (UcTime));
  uc_id_map_init (&loader.repo_index, 16);

  report (&loader, 0.0, _("Reading the workspace"));

  /* One read transaction, so the analysis sees one consistent state even
   * while an import writes; a savepoint also nests in a caller's
   * transaction. */
  ok = uc_store_exec (store, "SAVEPOINT uc_analysis_read;", error);
  if (ok)
    {
      ok = check_cancelled (&loader, error) &&
           load_people (&loader, error) &&
           load_roster (&loader, error) &&
           load_time_range (&loader, error);
      if (ok)
        report (&loader, 0.1, NULL);
      ok = ok && load_commits (&loader, error);
      if (ok)
        report (&loader, 0.25, NULL);
      ok = ok && load_changes (&loader, error) &&
           _uc_analysis_load_files (self, store, cancellable, error);
      if (ok)
        report (&loader, 0.4, _("Working out teams"));
      ok = ok && assign_teams (&loader, error);
      if (ok)
        setup_weeks (&loader);
      ok = ok && load_activity (&loader, error);
      if (ok)
        report (&loader, 0.45, _("Reading reviews, tickets and chat"));
      ok = ok && _uc_analysis_load_records (self, store, loader.begin, loader.end,
                                            cancellable, error);
      uc_store_exec (store, "RELEASE uc_analysis_read;", NULL);
    }

  g_hash_table_unref (loader.raw_by_name);
  g_array_unref (loader.commit_times);
  uc_id_map_clear (&loader.repo_index);
  uc_id_map_clear (&loader.commit_index);
  if (!ok)
    return NULL;

  self->values = g_new (UcSignalValue, MAX ((gsize) self->teams->len * UC_N_SIGNALS * self->n_weeks, 1));
  for (gsize i = 0; i < (gsize) self->teams->len * UC_N_SIGNALS * self->n_weeks; i++)
    {
      self->values[i].value = NAN;
      self->values[i].score = NAN;
      self->values[i].coverage = 0;
    }
  report (&loader, 0.5, _("Computing signals"));
  return g_steal_pointer (&self);
}

gboolean
_uc_analysis_compute (UcAnalysis    *self,
                      guint          from_week,
                      UcProgressFunc progress,
                      gpointer       progress_data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  self->compute_from = from_week;
  if (from_week < self->n_weeks &&
      !compute_families (self, progress, progress_data, cancellable, error))
    return FALSE;
  self->compute_from = 0;
  return TRUE;
}

void
_uc_analysis_finish (UcAnalysis *self)
{
  g_clear_pointer (&self->family_scores, g_free);
  compute_family_scores (self);
}

UcAnalysis *
uc_analysis_run (UcStore                 *store,
                 const UcAnalysisOptions *options,
                 UcProgressFunc           progress,
                 gpointer                 progress_data,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  g_autoptr(UcAnalysis) self = NULL;
  UcAnalysisOptions defaults;

  g_return_val_if_fail (UC_IS_STORE (store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      uc_analysis_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->last_week == 0 || uc_week_start (options->last_week) != 0, NULL);

  self = _uc_analysis_load (store, options, progress, progress_data, cancellable, error);
  if (self == NULL || !_uc_analysis_compute (self, 0, progress, progress_data, cancellable, error))
    return NULL;
  _uc_analysis_finish (self);
  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  return g_steal_pointer (&self);
}

/* ---- accessors ---- */

guint
uc_analysis_get_n_weeks (UcAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_weeks;
}

int
uc_analysis_get_week (UcAnalysis *self,
                      guint       week_index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (week_index < self->n_weeks, 0);
  return self->weeks[week_index];
}

int
uc_analysis_find_week (UcAnalysis *self,
                       int         week_key)
{
  g_return_val_if_fail (self != NULL, -1);

  if (self->n_weeks == 0)
    return -1;
  for (guint lo = 0, hi = self->n_weeks; lo < hi;)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->weeks[mid] == week_key)
        return (int) mid;
      if (self->weeks[mid] < week_key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

UcTime
uc_analysis_get_first_time (UcAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_weeks > 0 ? self->week_starts[0] : 0;
}

UcTime
uc_analysis_get_last_time (UcAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  /* The end of the last week (exclusive). */
  return self->n_weeks > 0 ? self->week_starts[self->n_weeks] : 0;
}

guint
uc_analysis_get_n_teams (UcAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->teams->len;
}

const UcTeamInfo *
uc_analysis_get_team (UcAnalysis *self,
                      guint       team_index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (team_index < self->teams->len, NULL);
  return g_ptr_array_index (self->teams, team_index);
}

int
uc_analysis_find_team (UcAnalysis *self,
                       const char *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint t = 0; t < self->teams->len; t++)
    if (g_str_equal (((UcTeamInfo *) g_ptr_array_index (self->teams, t))->name, name))
      return (int) t;
  return -1;
}

const UcSignalValue *
uc_analysis_get_value (UcAnalysis *self,
                       guint       team_index,
                       guint       signal_index,
                       guint       week_index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (team_index < self->teams->len, NULL);
  g_return_val_if_fail (signal_index < UC_N_SIGNALS, NULL);
  g_return_val_if_fail (week_index < self->n_weeks, NULL);
  return _uc_analysis_value_cell (self, team_index, signal_index, week_index);
}

static const double *
family_series (UcAnalysis *self,
               guint       team_index,
               UcFamily    family)
{
  return &self->family_scores[((gsize) team_index * UC_N_FAMILIES + family) * self->n_weeks];
}

double
uc_analysis_get_family_score (UcAnalysis *self,
                              guint       team_index,
                              UcFamily    family,
                              guint       week_index)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (team_index < self->teams->len, NAN);
  g_return_val_if_fail (family < UC_N_FAMILIES, NAN);
  g_return_val_if_fail (week_index < self->n_weeks, NAN);
  return family_series (self, team_index, family)[week_index];
}

double
uc_analysis_get_activity (UcAnalysis *self,
                          guint       team_index,
                          guint       week_index)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (team_index < self->teams->len, NAN);
  g_return_val_if_fail (week_index < self->n_weeks, NAN);
  return self->activity[(gsize) team_index * self->n_weeks + week_index];
}

void
uc_analysis_get_bounds (UcAnalysis *self,
                        guint       signal_index,
                        double     *healthy,
                        double     *alarming)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (signal_index < UC_N_SIGNALS);

  if (healthy != NULL)
    *healthy = self->healthy[signal_index];
  if (alarming != NULL)
    *alarming = self->alarming[signal_index];
}

/* The last 12–26 weeks of @series ending at @week_index, NAN weeks left
 * out (x keeps the week index so gaps do not distort Sen's slope). */
static guint
trend_window (UcAnalysis   *self,
              const double *series,
              guint         week_index,
              double       *x,
              double       *y)
{
  guint start = week_index + 1 > TREND_MAX_VALUES ? week_index + 1 - TREND_MAX_VALUES : 0;
  guint n = 0;

  for (guint w = start; w <= week_index; w++)
    if (!isnan (series[w]))
      {
        x[n] = w;
        y[n] = series[w];
        n++;
      }
  return n;
}

static UcTrend
trend_of (UcAnalysis   *self,
          const double *series,
          guint         week_index)
{
  double x[TREND_MAX_VALUES], y[TREND_MAX_VALUES];
  UcMannKendall mk;
  guint n;

  n = trend_window (self, series, week_index, x, y);
  if (n < TREND_MIN_VALUES || !uc_stats_mann_kendall (x, y, n, &mk))
    return UC_TREND_NONE;
  if (mk.p < TREND_ALPHA && mk.slope > TREND_MIN_SLOPE)
    return UC_TREND_DEGRADING;
  if (mk.p < TREND_ALPHA && mk.slope < -TREND_MIN_SLOPE)
    return UC_TREND_IMPROVING;
  return UC_TREND_STABLE;
}

UcTrend
uc_analysis_get_family_trend_at (UcAnalysis *self,
                                 guint       team_index,
                                 UcFamily    family,
                                 guint       week_index)
{
  g_return_val_if_fail (self != NULL, UC_TREND_NONE);
  g_return_val_if_fail (team_index < self->teams->len, UC_TREND_NONE);
  g_return_val_if_fail (family < UC_N_FAMILIES, UC_TREND_NONE);
  g_return_val_if_fail (week_index < self->n_weeks, UC_TREND_NONE);

  return trend_of (self, family_series (self, team_index, family), week_index);
}

UcTrend
uc_analysis_get_family_trend (UcAnalysis *self,
                              guint       team_index,
                              UcFamily    family)
{
  g_return_val_if_fail (self != NULL, UC_TREND_NONE);

  if (self->n_weeks == 0)
    return UC_TREND_NONE;
  return uc_analysis_get_family_trend_at (self, team_index, family, self->n_weeks - 1);
}

gboolean
uc_analysis_get_masked_decline (UcAnalysis *self,
                                guint       team_index,
                                guint       week_index,
                                int        *decline_week_index)
{
  const double *ed;
  const double *activity;
  double x[TREND_MAX_VALUES], y[TREND_MAX_VALUES];
  UcMannKendall mk;
  guint n, start;
  int k;

  if (decline_week_index != NULL)
    *decline_week_index = -1;
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (team_index < self->teams->len, FALSE);
  g_return_val_if_fail (week_index < self->n_weeks, FALSE);

  ed = family_series (self, team_index, UC_FAMILY_ED);
  if (trend_of (self, ed, week_index) != UC_TREND_DEGRADING)
    return FALSE;

  n = trend_window (self, ed, week_index, x, y);
  k = uc_stats_change_point (y, n);
  if (decline_week_index != NULL && k >= 0)
    *decline_week_index = (int) x[k];

  /* Activity over the same weeks (every week counts: 0 is a real count).
   * Masked unless activity is falling significantly. */
  activity = &self->activity[(gsize) team_index * self->n_weeks];
  start = week_index + 1 > TREND_MAX_VALUES ? week_index + 1 - TREND_MAX_VALUES : 0;
  if (!uc_stats_mann_kendall (NULL, activity + start, week_index + 1 - start, &mk))
    return TRUE;
  return !(mk.p < TREND_ALPHA && mk.slope < 0.0);
}

/* ---- evidence ---- */

static gboolean
check_indices (UcAnalysis  *self,
               guint        team_index,
               guint        week_index,
               GError     **error)
{
  if (team_index >= self->teams->len || week_index >= self->n_weeks)
    {
      g_set_error (error, UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_OUT_OF_RANGE,
                   _("There is no team %u or week %u in this analysis"),
                   team_index, week_index);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
uc_analysis_get_evidence (UcAnalysis  *self,
                          UcStore     *store,
                          guint        team_index,
                          const char  *signal_id,
                          guint        week_index,
                          GError     **error)
{
  const UcSignalDef *defs = uc_signal_defs (NULL);
  int signal;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (UC_IS_STORE (store), NULL);
  g_return_val_if_fail (signal_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  signal = uc_signal_def_index (signal_id);
  if (signal < 0)
    {
      g_set_error (error, UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_UNKNOWN_SIGNAL,
                   _("“%s” is not a signal"), signal_id);
      return NULL;
    }
  if (!check_indices (self, team_index, week_index, error))
    return NULL;
  if (self->results_only)
    {
      /* Results from the cache: the records are read on first use. */
      UcAnalysis *full = _uc_analysis_cache_get_full (self, store, error);

      return full != NULL ?
             uc_analysis_get_evidence (full, store, team_index, signal_id, week_index, error) : NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (family_table); i++)
    if (family_table[i].family == defs[signal].family)
      return family_table[i].evidence (self, store, team_index, signal, week_index, error);

  /* Not computed: no value, so nothing behind it. */
  return g_ptr_array_new_with_free_func ((GDestroyNotify) uc_evidence_free);
}

GPtrArray *
uc_analysis_get_commits (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team_index,
                         UcId         person_id,
                         guint        week_index,
                         GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  UcTime from, to;
  guint first, last;
  int person = -1;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (UC_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_indices (self, team_index, week_index, error))
    return NULL;
  if (self->results_only)
    {
      UcAnalysis *full = _uc_analysis_cache_get_full (self, store, error);

      return full != NULL ?
             uc_analysis_get_commits (full, store, team_index, person_id, week_index, error) : NULL;
    }
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) uc_evidence_free);
  if (person_id != 0)
    {
      person = uc_id_map_lookup (&self->person_index, person_id, -1);
      if (person < 0)
        return g_steal_pointer (&rows);
    }

  from = _uc_analysis_window_start (self, week_index, 4);
  to = self->week_starts[week_index + 1];
  first = _uc_analysis_commit_at (self, from);
  last = _uc_analysis_commit_at (self, to);

  stmt = uc_store_prepare (store, "SELECT sha FROM git_commit WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  for (guint c = last; c > first; c--)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c - 1);
      UcEvidence *row;
      const char *repo;
      int rc;

      if (commit->team != (int) team_index || commit->is_merge)
        continue;
      if (person >= 0 ? commit->person != (guint) person : !commit->is_human)
        continue;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, commit->id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          if (rc == SQLITE_DONE)
            continue;   /* deleted since the analysis ran */
          uc_store_set_sql_error (store, error, "reading commits");
          return NULL;
        }

      repo = g_ptr_array_index (self->repo_names, commit->repo);
      row = g_new0 (UcEvidence, 1);
      row->kind = "commit";
      row->kind_id = commit->id;
      row->ref = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->fact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: %s: person, %s: repository, %u: number of files */
                                                "%s in %s, %u file changed",
                                                "%s in %s, %u files changed",
                                                commit->n_changes),
                                   g_array_index (self->persons, UcAnPerson, commit->person).name,
                                   repo, commit->n_changes);
      row->time = commit->time;
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

/* ---- JSON ---- */

static void
add_number_or_null (JsonBuilder *builder,
                    double       value)
{
  if (isnan (value) || isinf (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static const char *
trend_name (UcTrend trend)
{
  switch (trend)
    {
    case UC_TREND_STABLE:
      return "stable";
    case UC_TREND_DEGRADING:
      return "degrading";
    case UC_TREND_IMPROVING:
      return "improving";
    case UC_TREND_NONE:
    default:
      return NULL;
    }
}

static void
add_series (UcAnalysis  *self,
            JsonBuilder *builder,
            const char  *name,
            guint        team_index,
            UcFamily     family,
            int          last_index)
{
  const double *series = family_series (self, team_index, family);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (int w = 0; w <= last_index; w++)
    {
      g_autofree char *label = uc_week_format (self->weeks[w]);

      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, label);
      add_number_or_null (builder, series[w]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
uc_analysis_to_json (UcAnalysis *self,
                     const char *workspace_path,
                     int         week_key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  const UcSignalDef *defs = uc_signal_defs (NULL);
  int week_index;     /* the week whose values are reported, -1: none */
  int series_last;    /* the last week of the series */

  g_return_val_if_fail (self != NULL, NULL);

  if (self->n_weeks == 0)
    {
      week_index = -1;
      series_last = -1;
    }
  else if (week_key == 0)
    {
      week_index = (int) self->n_weeks - 1;
      series_last = week_index;
      week_key = self->weeks[week_index];
    }
  else
    {
      week_index = uc_analysis_find_week (self, week_key);
      if (week_index >= 0)
        series_last = week_index;
      else if (week_key > self->weeks[self->n_weeks - 1])
        series_last = (int) self->n_weeks - 1;
      else
        series_last = -1;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "workspace");
  if (workspace_path != NULL)
    json_builder_add_string_value (builder, workspace_path);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "generated_at");
  json_builder_add_string_value (builder, generated_at);
  json_builder_set_member_name (builder, "week");
  if (week_key != 0)
    {
      g_autofree char *week = uc_week_format (week_key);

      json_builder_add_string_value (builder, week);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "teams");
  json_builder_begin_array (builder);
  for (guint t = 0; t < self->teams->len; t++)
    {
      const UcTeamInfo *team = g_ptr_array_index (self->teams, t);
      gboolean masked = FALSE;
      int decline = -1;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, team->name);
      json_builder_set_member_name (builder, "members");
      json_builder_add_int_value (builder, team->n_members);
      json_builder_set_member_name (builder, "agents");
      json_builder_add_int_value (builder, team->n_agents);

      json_builder_set_member_name (builder, "families");
      json_builder_begin_object (builder);
      for (guint f = 0; f < UC_N_FAMILIES; f++)
        {
          const char *trend = NULL;

          json_builder_set_member_name (builder, uc_family_id (f));
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "score");
          add_number_or_null (builder, week_index >= 0 ?
                              family_series (self, t, f)[week_index] : NAN);
          json_builder_set_member_name (builder, "trend");
          if (week_index >= 0)
            trend = trend_name (trend_of (self, family_series (self, t, f), (guint) week_index));
          if (trend != NULL)
            json_builder_add_string_value (builder, trend);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "signals");
      json_builder_begin_object (builder);
      for (guint s = 0; s < UC_N_SIGNALS; s++)
        {
          UcSignalValue none = { NAN, NAN, 0 };
          const UcSignalValue *v = week_index >= 0 ?
                                   _uc_analysis_value_cell (self, t, s, (guint) week_index) : &none;

          json_builder_set_member_name (builder, defs[s].id);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "value");
          add_number_or_null (builder, v->value);
          json_builder_set_member_name (builder, "score");
          add_number_or_null (builder, v->score);
          json_builder_set_member_name (builder, "coverage");
          json_builder_add_int_value (builder, v->coverage);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);

      if (week_index >= 0)
        masked = uc_analysis_get_masked_decline (self, t, (guint) week_index, &decline);
      json_builder_set_member_name (builder, "masked_decline");
      json_builder_add_boolean_value (builder, masked);
      json_builder_set_member_name (builder, "decline_started");
      if (decline >= 0)
        {
          g_autofree char *label = uc_week_format (self->weeks[decline]);

          json_builder_add_string_value (builder, label);
        }
      else
        json_builder_add_null_value (builder);

      json_builder_set_member_name (builder, "series");
      json_builder_begin_object (builder);
      add_series (self, builder, "ED", t, UC_FAMILY_ED, series_last);
      add_series (self, builder, "HD", t, UC_FAMILY_HD, series_last);
      add_series (self, builder, "TD", t, UC_FAMILY_TD, series_last);
      add_series (self, builder, "CA", t, UC_FAMILY_CA, series_last);
      json_builder_end_object (builder);

      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The bounds, ED weights and working hours behind every number. */
  json_builder_set_member_name (builder, "config");
  json_builder_add_value (builder, uc_analysis_config_to_json (self));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
