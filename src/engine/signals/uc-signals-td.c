/* uc-signals-td.c: Technical Debt (SIGNALS.md §8), and the paths of the
 * loaded changes (code areas, generated files) for HD, TD and AP.
 *
 * What counts, for every TD signal: non-merge commits by humans
 * attributed to the team of their author at the commit's time, as in CA
 * (agents' commits are not the team's work; AI-assisted commits are their
 * human author's). Files that look generated or vendored are not code:
 * their changes are left out of every TD signal (lock files such as
 * package-lock.json, yarn.lock, Cargo.lock, go.sum…; anything under
 * vendor/, third_party/, node_modules/, dist/…; *.min.js, *.min.css,
 * source maps, protobuf output), as SIGNALS.md does for the size of a
 * change request.
 *
 * Code area = the top-level directory of a path in its repository
 * ("src" of src/app/main.c); files at the root of a repository share one
 * area, the root. Areas of different repositories are different.
 *
 * Files are lineages (renames followed, see uc-analysis.c), as in CA.
 * Lines of a change = added + deleted (binary files: 0).
 *
 * TD.hotspots  hotspot score of a file = changes to it × lines changed in
 *              it, over the team's commits of the 52 weeks ending with
 *              the week; the top 5 % of the files changed in those weeks
 *              (⌈5 % of n⌉, at least one; ties: more changes first, then
 *              the older file) are the hotspots. Value = the window's
 *              (4 weeks) file changes that land in a hotspot / all its
 *              file changes. Coverage: the window's file changes.
 * TD.coupling  commits of the window with at least one code change: the
 *              share touching two or more code areas.
 * TD.rework    commits of the window: the share flagged at import as a
 *              revert or a fix (subject or trailer markers).
 * TD.islands   CA.islands (files the team changed in the 52 weeks that
 *              still exist at the week's end; an island has exactly one
 *              DOA author, uc-truck-factor.c) weighted by hotspot score:
 *              Σ score of islands / Σ score of all those files. No data
 *              when every score is 0 (only binary changes). Coverage: the
 *              file changes behind it.
 *
 * Changes outside the analysed weeks cannot be seen, so the 52-week
 * measures read what the data has.
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
#define HOTSPOT_SHARE   0.05

enum {
  SIGNAL_HOTSPOTS,
  SIGNAL_COUPLING,
  SIGNAL_REWORK,
  SIGNAL_ISLANDS,
  N_TD_SIGNALS,
};

static void
resolve_signal_indices (int index[N_TD_SIGNALS])
{
  index[SIGNAL_HOTSPOTS] = uc_signal_def_index ("TD.hotspots");
  index[SIGNAL_COUPLING] = uc_signal_def_index ("TD.coupling");
  index[SIGNAL_REWORK] = uc_signal_def_index ("TD.rework");
  index[SIGNAL_ISLANDS] = uc_signal_def_index ("TD.islands");
  for (guint i = 0; i < N_TD_SIGNALS; i++)
    g_assert (index[i] >= 0);
}

#define COMMIT(self, c)  (&g_array_index ((self)->commits, UcAnCommit, (c)))
#define CHANGE(self, i)  (&g_array_index ((self)->changes, UcAnChange, (i)))
#define FILE_AT(self, f) (&g_array_index ((self)->files, UcAnFile, (f)))

/* ---- paths ---- */

static const char *const generated_dirs[] = {
  "vendor", "third_party", "third-party", "thirdparty", "node_modules",
  "bower_components", "dist", "Pods", ".yarn",
};

static const char *const generated_names[] = {
  "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
  "bun.lockb", "Cargo.lock", "Gemfile.lock", "poetry.lock", "Pipfile.lock",
  "uv.lock", "composer.lock", "go.sum", "mix.lock", "pubspec.lock",
  "Podfile.lock", "packages.lock.json", "flake.lock", "gradle.lockfile",
};

static const char *const generated_suffixes[] = {
  ".min.js", ".min.css", ".js.map", ".css.map", ".pb.go", "_pb2.py",
  ".pb.cc", ".pb.h", ".g.dart", ".designer.cs",
};

static gboolean
path_is_generated (const char *path)
{
  const char *base = strrchr (path, '/');
  const char *segment = path;

  base = base != NULL ? base + 1 : path;
  for (guint i = 0; i < G_N_ELEMENTS (generated_names); i++)
    if (g_str_equal (base, generated_names[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (generated_suffixes); i++)
    if (g_str_has_suffix (base, generated_suffixes[i]))
      return TRUE;
  /* Any directory segment. */
  while (segment < base)
    {
      const char *slash = strchr (segment, '/');
      gsize len = (gsize) (slash - segment);

      for (guint i = 0; i < G_N_ELEMENTS (generated_dirs); i++)
        if (strlen (generated_dirs[i]) == len && strncmp (segment, generated_dirs[i], len) == 0)
          return TRUE;
      segment = slash + 1;
    }
  return FALSE;
}

/* The code area of @path in repository @repo: an index into self->areas,
 * created on first use. @by_repo holds one table per repository:
 * top-level directory → area index + 1. */
static guint
area_of (UcAnalysis *self,
         GPtrArray  *by_repo,
         guint       repo,
         const char *path)
{
  const char *slash = strchr (path, '/');
  g_autofree char *dir = slash != NULL ? g_strndup (path, (gsize) (slash - path)) : g_strdup ("");
  GHashTable *table;
  gpointer found;

  while (by_repo->len <= repo)
    g_ptr_array_add (by_repo, NULL);
  table = g_ptr_array_index (by_repo, repo);
  if (table == NULL)
    {
      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_ptr_array_index (by_repo, repo) = table;
    }
  found = g_hash_table_lookup (table, dir);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  /* Display name: "org/app: src", "org/app: /" for the root. */
  g_ptr_array_add (self->areas, g_strdup_printf ("%s: %s",
                                                 (const char *) g_ptr_array_index (self->repo_names, repo),
                                                 dir[0] != '\0' ? dir : "/"));
  g_hash_table_insert (table, g_steal_pointer (&dir), GUINT_TO_POINTER (self->areas->len));
  return self->areas->len - 1;
}

static void
hash_table_unref0 (gpointer table)
{
  if (table != NULL)
    g_hash_table_unref (table);
}

gboolean
_uc_analysis_load_files (UcAnalysis    *self,
                         UcStore       *store,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GPtrArray) by_repo = g_ptr_array_new_with_free_func (hash_table_unref0);
  g_autofree guint8 *found = NULL;
  UcIdMap slot_of_file = { 0 };
  UcIdMap repo_index = { 0 };
  sqlite3_stmt *stmt;
  guint n_loaded = 0;
  gboolean ok = TRUE;
  int rc;

  if (self->files->len == 0)
    return TRUE;

  found = g_new0 (guint8, self->files->len);
  uc_id_map_init (&slot_of_file, self->files->len + 16);
  for (guint f = 0; f < self->files->len; f++)
    uc_id_map_insert (&slot_of_file, FILE_AT (self, f)->id, (int) f);

  /* Repositories in id order, as uc-analysis.c loaded repo_names. */
  uc_id_map_init (&repo_index, self->repo_names->len + 16);
  stmt = uc_store_prepare (store, "SELECT id FROM repo ORDER BY id", error);
  ok = stmt != NULL;
  if (ok)
    {
      guint n = 0;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n < self->repo_names->len)
        uc_id_map_insert (&repo_index, sqlite3_column_int64 (stmt, 0), (int) n++);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          uc_store_set_sql_error (store, error, "reading repositories");
          ok = FALSE;
        }
    }

  if (ok)
    stmt = uc_store_prepare (store, "SELECT id, repo_id, path FROM file", error);
  ok = ok && stmt != NULL;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int slot = uc_id_map_lookup (&slot_of_file, sqlite3_column_int64 (stmt, 0), -1);
      int repo = uc_id_map_lookup (&repo_index, sqlite3_column_int64 (stmt, 1), -1);
      const char *path = (const char *) sqlite3_column_text (stmt, 2);
      UcAnFile *file;

      if (slot < 0 || repo < 0 || path == NULL)
        continue;
      if ((++n_loaded & 0x3fff) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      file = FILE_AT (self, slot);
      found[slot] = TRUE;
      file->repo = (guint) repo;
      file->area = area_of (self, by_repo, (guint) repo, path);
      file->generated = path_is_generated (path);
      file->language = (gint16) _uc_ap_path_language (path);
      file->tool = (gint16) _uc_ap_path_tool (path);
    }
  if (ok)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          uc_store_set_sql_error (store, error, "reading file paths");
          ok = FALSE;
        }
    }
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error);

  /* A change whose file row is missing (file_change has a foreign key
   * to it, so only a damaged workspace has one) is in an area of its
   * own, "?", so every index stays valid. */
  if (ok)
    {
      int unknown = -1;

      for (guint f = 0; f < self->files->len; f++)
        if (!found[f])
          {
            if (unknown < 0)
              {
                unknown = (int) self->areas->len;
                g_ptr_array_add (self->areas, g_strdup ("?"));
              }
            FILE_AT (self, f)->area = (guint) unknown;
          }
    }

  uc_id_map_clear (&slot_of_file);
  uc_id_map_clear (&repo_index);
  return ok;
}

/* ---- what counts ---- */

static inline gboolean
counts_for_td (const UcAnCommit *commit)
{
  return commit->team >= 0 && commit->is_human && !commit->is_merge;
}

static inline gboolean
is_code_change (UcAnalysis       *self,
                const UcAnChange *change)
{
  return !FILE_AT (self, change->file)->generated;
}

/* Distinct code areas of @commit's code changes; @stamp (one cell per
 * area) must never hold @mark. When @areas is not NULL, they are
 * appended to it (guint). */
static guint
commit_areas (UcAnalysis       *self,
              const UcAnCommit *commit,
              guint            *stamp,
              guint             mark,
              GArray           *areas)
{
  guint n = 0;

  for (guint i = 0; i < commit->n_changes; i++)
    {
      const UcAnChange *change = CHANGE (self, commit->first_change + i);
      guint area;

      if (!is_code_change (self, change))
        continue;
      area = FILE_AT (self, change->file)->area;
      if (stamp[area] == mark)
        continue;
      stamp[area] = mark;
      n++;
      if (areas != NULL)
        g_array_append_val (areas, area);
    }
  return n;
}

/* ---- a team's files over 52 weeks ---- */

typedef struct
{
  guint person;
  guint count;
} PersonCount;

typedef struct
{
  guint    lineage;
  guint    changes_long;     /* changes in the 52 weeks */
  guint64  lines_long;       /* lines changed in the 52 weeks */
  guint    changes_short;    /* changes in the 4-week window */
  int      active_pos;       /* index in TeamFiles.active, -1 */
  gboolean dirty;            /* counts changed since n_authors was computed */
  guint    n_authors;
  GArray  *counts;           /* PersonCount: DL per person */
} FileSlot;

typedef struct
{
  UcIdMap  slot_of_lineage;
  GArray  *slots;            /* FileSlot */
  GArray  *active;           /* guint: slots with changes_long > 0 */
  guint64  changes_short;    /* Σ changes_short */
} TeamFiles;

static void
file_slot_clear (gpointer data)
{
  FileSlot *slot = data;

  g_clear_pointer (&slot->counts, g_array_unref);
}

static void
team_files_init (TeamFiles *files)
{
  uc_id_map_init (&files->slot_of_lineage, 64);
  files->slots = g_array_new (FALSE, FALSE, sizeof (FileSlot));
  g_array_set_clear_func (files->slots, file_slot_clear);
  files->active = g_array_new (FALSE, FALSE, sizeof (guint));
  files->changes_short = 0;
}

static void
team_files_clear (TeamFiles *files)
{
  uc_id_map_clear (&files->slot_of_lineage);
  g_clear_pointer (&files->slots, g_array_unref);
  g_clear_pointer (&files->active, g_array_unref);
}

static FileSlot *
team_files_slot (TeamFiles *files,
                 guint      lineage)
{
  gboolean created;
  int *cell = uc_id_map_ensure (&files->slot_of_lineage, lineage, (int) files->slots->len, &created);
  guint index = (guint) *cell;

  if (created)
    {
      FileSlot fresh = { 0 };

      fresh.lineage = lineage;
      fresh.active_pos = -1;
      fresh.dirty = TRUE;
      fresh.counts = g_array_new (FALSE, FALSE, sizeof (PersonCount));
      g_array_append_val (files->slots, fresh);
    }
  return &g_array_index (files->slots, FileSlot, index);
}

static void
set_active (TeamFiles *files,
            FileSlot  *slot)
{
  guint index = (guint) (slot - (FileSlot *) (gpointer) files->slots->data);

  if (slot->changes_long > 0 && slot->active_pos < 0)
    {
      slot->active_pos = (int) files->active->len;
      g_array_append_val (files->active, index);
    }
  else if (slot->changes_long == 0 && slot->active_pos >= 0)
    {
      guint pos = (guint) slot->active_pos;
      guint last = g_array_index (files->active, guint, files->active->len - 1);

      g_array_index (files->active, guint, pos) = last;
      g_array_index (files->slots, FileSlot, last).active_pos = (int) pos;
      g_array_set_size (files->active, files->active->len - 1);
      slot->active_pos = -1;
    }
}

/* A commit enters (+1) or leaves (−1) the 52 weeks. */
static void
add_long (UcAnalysis       *self,
          TeamFiles        *files,
          const UcAnCommit *commit,
          int               delta)
{
  for (guint i = 0; i < commit->n_changes; i++)
    {
      const UcAnChange *change = CHANGE (self, commit->first_change + i);
      FileSlot *slot;
      guint p;

      if (!is_code_change (self, change))
        continue;
      slot = team_files_slot (files, change->lineage);
      slot->changes_long += delta;
      if (delta > 0)
        slot->lines_long += change->lines;
      else
        slot->lines_long -= change->lines;
      for (p = 0; p < slot->counts->len; p++)
        if (g_array_index (slot->counts, PersonCount, p).person == commit->person)
          break;
      if (p == slot->counts->len)
        {
          PersonCount pc = { commit->person, 0 };

          g_assert (delta > 0);
          g_array_append_val (slot->counts, pc);
        }
      g_array_index (slot->counts, PersonCount, p).count += delta;
      if (g_array_index (slot->counts, PersonCount, p).count == 0)
        g_array_remove_index_fast (slot->counts, p);
      slot->dirty = TRUE;
      set_active (files, slot);
    }
}

/* A commit enters (+1) or leaves (−1) the 4-week window. */
static void
add_short (UcAnalysis       *self,
           TeamFiles        *files,
           const UcAnCommit *commit,
           int               delta)
{
  for (guint i = 0; i < commit->n_changes; i++)
    {
      const UcAnChange *change = CHANGE (self, commit->first_change + i);
      FileSlot *slot;

      if (!is_code_change (self, change))
        continue;
      slot = team_files_slot (files, change->lineage);
      slot->changes_short += delta;
      files->changes_short += delta;
    }
}

static inline double
slot_score (const FileSlot *slot)
{
  return (double) slot->changes_long * (double) slot->lines_long;
}

static void
update_authors (UcAnalysis *self,
                FileSlot   *slot,
                GArray     *entries,
                GArray     *authors)
{
  int creator = g_array_index (self->lineages, UcAnLineage, slot->lineage).creator;

  g_array_set_size (entries, slot->counts->len);
  g_array_set_size (authors, MAX (slot->counts->len, 1));
  for (guint i = 0; i < slot->counts->len; i++)
    {
      const PersonCount *pc = &g_array_index (slot->counts, PersonCount, i);
      UcAuthorshipEntry *entry = &g_array_index (entries, UcAuthorshipEntry, i);

      entry->file = 0;
      entry->person = pc->person;
      entry->changes = pc->count;
    }
  slot->n_authors = uc_file_authors ((const UcAuthorshipEntry *) (gpointer) entries->data,
                                     entries->len, creator,
                                     (UcFileAuthor *) (gpointer) authors->data);
  slot->dirty = FALSE;
}

/* Hotspot order: higher score, more changes, then the older lineage. */
static inline gboolean
hotter (const FileSlot *a,
        const FileSlot *b)
{
  double sa = slot_score (a), sb = slot_score (b);

  if (sa != sb)
    return sa > sb;
  if (a->changes_long != b->changes_long)
    return a->changes_long > b->changes_long;
  return a->lineage < b->lineage;
}

/* The top ⌈5 %⌉ of the active slots by hotspot order, into @top (slot
 * indices, hottest first). A min-heap of size k keeps the cost at
 * n log k. */
static void
select_hotspots (TeamFiles *files,
                 GArray    *top)
{
  guint n = files->active->len;
  guint k = (guint) ceil (HOTSPOT_SHARE * n);
  FileSlot *slots = (FileSlot *) (gpointer) files->slots->data;
  guint *heap;

  g_array_set_size (top, 0);
  if (n == 0)
    return;
  k = MAX (k, 1);
  g_array_set_size (top, k);
  heap = (guint *) (gpointer) top->data;

  for (guint i = 0; i < n; i++)
    {
      guint s = g_array_index (files->active, guint, i);
      guint pos;

      if (i < k)
        {
          /* Sift up: the root holds the coldest of the heap. */
          pos = i;
          heap[pos] = s;
          while (pos > 0 && hotter (&slots[heap[(pos - 1) / 2]], &slots[heap[pos]]))
            {
              guint parent = (pos - 1) / 2, tmp = heap[parent];

              heap[parent] = heap[pos];
              heap[pos] = tmp;
              pos = parent;
            }
          continue;
        }
      if (!hotter (&slots[s], &slots[heap[0]]))
        continue;
      heap[0] = s;
      pos = 0;
      for (;;)
        {
          guint left = 2 * pos + 1, right = left + 1, coldest = pos;

          if (left < k && hotter (&slots[heap[coldest]], &slots[heap[left]]))
            coldest = left;
          if (right < k && hotter (&slots[heap[coldest]], &slots[heap[right]]))
            coldest = right;
          if (coldest == pos)
            break;
          {
            guint tmp = heap[coldest];

            heap[coldest] = heap[pos];
            heap[pos] = tmp;
          }
          pos = coldest;
        }
    }

  /* Hottest first (k is small: insertion sort). */
  for (guint i = 1; i < k; i++)
    for (guint j = i; j > 0 && hotter (&slots[heap[j]], &slots[heap[j - 1]]); j--)
      {
        guint tmp = heap[j];

        heap[j] = heap[j - 1];
        heap[j - 1] = tmp;
      }
}

/* TD.hotspots: changes of the window in the hotspots / all of them. */
static double
hotspots_value (TeamFiles *files,
                GArray    *top,
                gint64    *coverage)
{
  guint64 hot = 0;

  *coverage = (gint64) files->changes_short;
  if (files->changes_short == 0)
    return NAN;
  select_hotspots (files, top);
  for (guint i = 0; i < top->len; i++)
    hot += g_array_index (files->slots, FileSlot, g_array_index (top, guint, i)).changes_short;
  return (double) hot / (double) files->changes_short;
}

/* TD.islands at @week_end: Σ score of single-author live files / Σ score
 * of live files. */
static double
islands_value (UcAnalysis *self,
               TeamFiles  *files,
               UcTime      week_end,
               GArray     *entries,
               GArray     *authors,
               gint64     *coverage)
{
  double total = 0.0, islands = 0.0;
  gint64 changes = 0;
  guint n_files = 0;

  for (guint a = 0; a < files->active->len; a++)
    {
      FileSlot *slot = &g_array_index (files->slots, FileSlot, g_array_index (files->active, guint, a));
      double score;

      if (g_array_index (self->lineages, UcAnLineage, slot->lineage).deleted < week_end)
        continue;
      if (slot->dirty)
        update_authors (self, slot, entries, authors);
      score = slot_score (slot);
      total += score;
      if (slot->n_authors == 1)
        islands += score;
      changes += slot->changes_long;
      n_files++;
    }
  *coverage = changes;
  if (n_files == 0 || total <= 0.0)
    return NAN;
  return islands / total;
}

/* ---- compute ---- */

gboolean
_uc_signals_td_compute (UcAnalysis    *self,
                        UcProgressFunc progress,
                        gpointer       progress_data,
                        double         progress_from,
                        double         progress_to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  guint n_teams = self->teams->len;
  guint n_commits = self->commits->len;
  UcAnShares coupling = { 0 }, rework = { 0 };
  g_autofree guint *stamp = NULL;
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (UcAuthorshipEntry));
  g_autoptr(GArray) authors = g_array_new (FALSE, FALSE, sizeof (UcFileAuthor));
  TeamFiles *files;
  guint added = 0, removed_short = 0, removed_long = 0;
  int signal_index[N_TD_SIGNALS];
  gboolean ok = TRUE;

  resolve_signal_indices (signal_index);
  if (n_teams == 0 || self->n_weeks == 0)
    return TRUE;

  /* TD.coupling and TD.rework: plain shares of commits. */
  _uc_an_shares_init (&coupling, self);
  _uc_an_shares_init (&rework, self);
  stamp = g_new0 (guint, MAX (self->areas->len, 1));
  for (guint c = 0; c < n_commits; c++)
    {
      const UcAnCommit *commit = COMMIT (self, c);
      guint n_areas;

      if (!counts_for_td (commit))
        continue;
      _uc_an_shares_add (&rework, self, commit->team, commit->time, commit->is_rework != 0);
      n_areas = commit_areas (self, commit, stamp, c + 1, NULL);
      if (n_areas > 0)
        _uc_an_shares_add (&coupling, self, commit->team, commit->time, n_areas >= 2);
    }
  _uc_an_shares_emit (&coupling, self, signal_index[SIGNAL_COUPLING], WINDOW_WEEKS);
  _uc_an_shares_emit (&rework, self, signal_index[SIGNAL_REWORK], WINDOW_WEEKS);
  _uc_an_shares_clear (&coupling);
  _uc_an_shares_clear (&rework);

  /* TD.hotspots and TD.islands: the team's files in two sliding windows. */
  files = g_new0 (TeamFiles, n_teams);
  for (guint t = 0; t < n_teams; t++)
    team_files_init (&files[t]);

  for (guint w = 0; w < self->n_weeks && ok; w++)
    {
      UcTime week_end = self->week_starts[w + 1];
      UcTime short_start = _uc_analysis_window_start (self, w, WINDOW_WEEKS);
      UcTime long_start = _uc_analysis_window_start (self, w, LOOKBACK_WEEKS);

      if ((w & 7) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (progress != NULL && (w & 15) == 0)
        progress (progress_from + (progress_to - progress_from) * w / self->n_weeks, NULL, progress_data);

      for (; added < n_commits; added++)
        {
          const UcAnCommit *commit = COMMIT (self, added);

          if (commit->time >= week_end)
            break;
          if (!counts_for_td (commit))
            continue;
          add_long (self, &files[commit->team], commit, +1);
          add_short (self, &files[commit->team], commit, +1);
        }
      for (; removed_short < added; removed_short++)
        {
          const UcAnCommit *commit = COMMIT (self, removed_short);

          if (commit->time >= short_start)
            break;
          if (counts_for_td (commit))
            add_short (self, &files[commit->team], commit, -1);
        }
      for (; removed_long < added; removed_long++)
        {
          const UcAnCommit *commit = COMMIT (self, removed_long);

          if (commit->time >= long_start)
            break;
          if (counts_for_td (commit))
            add_long (self, &files[commit->team], commit, -1);
        }

      /* Weeks before compute_from keep their cached values. */
      for (guint t = 0; t < n_teams && w >= self->compute_from; t++)
        {
          gint64 coverage;
          double value;

          value = hotspots_value (&files[t], top, &coverage);
          if (!isnan (value))
            _uc_analysis_set_value (self, t, (guint) signal_index[SIGNAL_HOTSPOTS], w, value, coverage);
          value = islands_value (self, &files[t], week_end, entries, authors, &coverage);
          if (!isnan (value))
            _uc_analysis_set_value (self, t, (guint) signal_index[SIGNAL_ISLANDS], w, value, coverage);
        }
    }

  for (guint t = 0; t < n_teams; t++)
    team_files_clear (&files[t]);
  g_free (files);
  return ok;
}

/* ---- evidence ---- */

/* The team's files at @week, built from scratch. */
static void
team_files_at (UcAnalysis *self,
               TeamFiles  *files,
               guint       team,
               guint       week)
{
  UcTime week_end = self->week_starts[week + 1];
  UcTime short_start = _uc_analysis_window_start (self, week, WINDOW_WEEKS);
  guint first = _uc_analysis_commit_at (self, _uc_analysis_window_start (self, week, LOOKBACK_WEEKS));
  guint last = _uc_analysis_commit_at (self, week_end);

  team_files_init (files);
  for (guint c = first; c < last; c++)
    {
      const UcAnCommit *commit = COMMIT (self, c);

      if (!counts_for_td (commit) || commit->team != (int) team)
        continue;
      add_long (self, files, commit, +1);
      if (commit->time >= short_start)
        add_short (self, files, commit, +1);
    }
}

typedef struct
{
  UcEvidence *row;
  gboolean    flagged;
  double      key;           /* larger first among flagged */
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
areas_text (UcAnalysis *self,
            GArray     *areas)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < areas->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (self->areas, g_array_index (areas, guint, i)));
    }
  return g_string_free (text, FALSE);
}

/* TD.coupling and TD.rework: the window's commits, flagged ones first. */
static GPtrArray *
commit_evidence (UcAnalysis  *self,
                 UcStore     *store,
                 guint        team,
                 int          which,
                 guint        week,
                 GError     **error)
{
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *stamp = g_new0 (guint, MAX (self->areas->len, 1));
  guint first = _uc_analysis_commit_at (self, _uc_analysis_window_start (self, week, WINDOW_WEEKS));
  guint last = _uc_analysis_commit_at (self, self->week_starts[week + 1]);
  GPtrArray *rows;

  for (guint c = first; c < last; c++)
    {
      const UcAnCommit *commit = COMMIT (self, c);
      const char *who = _uc_an_person_name (self, (int) commit->person);
      g_autofree char *sha = NULL;
      Ranked entry = { 0 };
      char *fact;

      if (!counts_for_td (commit) || commit->team != (int) team)
        continue;
      g_array_set_size (areas, 0);
      if (which == SIGNAL_COUPLING)
        {
          g_autofree char *list = NULL;
          guint n = commit_areas (self, commit, stamp, c + 1, areas);

          if (n == 0)
            continue;
          list = areas_text (self, areas);
          entry.flagged = n >= 2;
          entry.key = n;
          fact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: "Ann: 1 code area (org/app: src)" */
                                               "%s: %u code area (%s)",
                                               "%s: %u code areas (%s)", n),
                                  who, n, list);
        }
      else
        {
          entry.flagged = commit->is_rework != 0;
          if ((commit->is_rework & 1) != 0)
            /* Translators: %s is a person */
            fact = g_strdup_printf (_("%s: a revert"), who);
          else if ((commit->is_rework & 2) != 0)
            /* Translators: %s is a person */
            fact = g_strdup_printf (_("%s: a fix"), who);
          else
            /* Translators: %s is a person */
            fact = g_strdup_printf (_("%s: neither a revert nor a fix"), who);
        }

      sha = _uc_an_commit_ref (self, store, c, error);
      if (sha == NULL)
        {
          g_free (fact);
          ranked_free (ranked);
          return NULL;
        }
      entry.row = _uc_an_evidence_new ("commit", commit->id, sha, fact, commit->time);
      g_array_append_val (ranked, entry);
    }
  rows = ranked_rows (ranked);
  g_array_unref (ranked);
  return rows;
}

static char *
file_path (UcAnalysis  *self,
           UcStore     *store,
           guint        lineage,
           UcId        *file_id,
           GError     **error)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, "SELECT path FROM file WHERE id = ?1", error);
  char *path = NULL;
  int rc;

  *file_id = g_array_index (self->lineages, UcAnLineage, lineage).file_id;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *file_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    path = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    path = g_strdup_printf ("#%" G_GINT64_FORMAT, *file_id);
  else
    uc_store_set_sql_error (store, error, "reading file paths");
  sqlite3_reset (stmt);
  return path;
}

/* The latest change of a team's commit to @lineage before @week_end. */
static UcTime
last_change (UcAnalysis *self,
             guint       team,
             guint       lineage,
             guint       first,
             guint       last)
{
  for (guint c = last; c > first; c--)
    {
      const UcAnCommit *commit = COMMIT (self, c - 1);

      if (!counts_for_td (commit) || commit->team != (int) team)
        continue;
      for (guint i = 0; i < commit->n_changes; i++)
        if (CHANGE (self, commit->first_change + i)->lineage == lineage)
          return commit->time;
    }
  return 0;
}

static char *
score_text (const FileSlot *slot)
{
  /* Translators: "hotspot score 1 200 (12 changes × 100 lines in 52 weeks)" */
  return g_strdup_printf (_("hotspot score %.0f (%u changes × %" G_GUINT64_FORMAT " lines in 52 weeks)"),
                          slot_score (slot), slot->changes_long, slot->lines_long);
}

static GPtrArray *
hotspots_evidence (UcAnalysis  *self,
                   UcStore     *store,
                   guint        team,
                   guint        week,
                   GError     **error)
{
  GPtrArray *rows = _uc_an_evidence_array ();
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (guint));
  TeamFiles files;
  guint first = _uc_analysis_commit_at (self, _uc_analysis_window_start (self, week, LOOKBACK_WEEKS));
  guint last = _uc_analysis_commit_at (self, self->week_starts[week + 1]);
  gint64 coverage;

  team_files_at (self, &files, team, week);
  if (!isnan (hotspots_value (&files, top, &coverage)))
    for (guint i = 0; i < top->len; i++)
      {
        const FileSlot *slot = &g_array_index (files.slots, FileSlot, g_array_index (top, guint, i));
        g_autofree char *score = score_text (slot);
        char *path;
        UcId file_id;

        path = file_path (self, store, slot->lineage, &file_id, error);
        if (path == NULL)
          {
            g_clear_pointer (&rows, g_ptr_array_unref);
            break;
          }
        g_ptr_array_add (rows, _uc_an_evidence_new ("file", file_id, path,
                                                    /* Translators: "hotspot score …; 3 of the window's 40 changes" */
                                                    g_strdup_printf (_("%s; %u of the window’s %" G_GINT64_FORMAT " changes"),
                                                                     score, slot->changes_short, coverage),
                                                    last_change (self, team, slot->lineage, first, last)));
        g_free (path);
      }
  team_files_clear (&files);
  return rows;
}

static GPtrArray *
islands_evidence (UcAnalysis  *self,
                  UcStore     *store,
                  guint        team,
                  guint        week,
                  GError     **error)
{
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (UcAuthorshipEntry));
  g_autoptr(GArray) authors = g_array_new (FALSE, FALSE, sizeof (UcFileAuthor));
  UcTime week_end = self->week_starts[week + 1];
  guint first = _uc_analysis_commit_at (self, _uc_analysis_window_start (self, week, LOOKBACK_WEEKS));
  guint last = _uc_analysis_commit_at (self, week_end);
  TeamFiles files;
  gint64 coverage;
  double total = 0.0;
  GPtrArray *rows;

  team_files_at (self, &files, team, week);
  if (!isnan (islands_value (self, &files, week_end, entries, authors, &coverage)))
    for (guint a = 0; a < files.active->len; a++)
      {
        const FileSlot *slot = &g_array_index (files.slots, FileSlot, g_array_index (files.active, guint, a));

        if (g_array_index (self->lineages, UcAnLineage, slot->lineage).deleted >= week_end)
          total += slot_score (slot);
      }

  for (guint a = 0; total > 0.0 && a < files.active->len; a++)
    {
      FileSlot *slot = &g_array_index (files.slots, FileSlot, g_array_index (files.active, guint, a));
      g_autofree char *score = NULL;
      g_autofree char *path = NULL;
      Ranked entry = { 0 };
      UcId file_id;
      char *fact;

      if (g_array_index (self->lineages, UcAnLineage, slot->lineage).deleted < week_end)
        continue;
      update_authors (self, slot, entries, authors);
      score = score_text (slot);
      entry.flagged = slot->n_authors == 1;
      entry.key = slot_score (slot);
      if (entry.flagged)
        {
          const UcFileAuthor *author = &g_array_index (authors, UcFileAuthor, 0);

          /* Translators: "only author: Ann (DOA 4.33); hotspot score …; 12 % of the weight" */
          fact = g_strdup_printf (_("only author: %s (DOA %.2f); %s; %.0f %% of the weight"),
                                  _uc_an_person_name (self, (int) author->person), author->doa,
                                  score, 100.0 * slot_score (slot) / total);
        }
      else
        fact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: "2 authors; hotspot score …" */
                                             "%u author; %s", "%u authors; %s", slot->n_authors),
                                slot->n_authors, score);

      path = file_path (self, store, slot->lineage, &file_id, error);
      if (path == NULL)
        {
          g_free (fact);
          ranked_free (ranked);
          team_files_clear (&files);
          return NULL;
        }
      entry.row = _uc_an_evidence_new ("file", file_id, path, fact,
                                       last_change (self, team, slot->lineage, first, last));
      g_array_append_val (ranked, entry);
    }
  rows = ranked_rows (ranked);
  g_array_unref (ranked);
  team_files_clear (&files);
  return rows;
}

GPtrArray *
_uc_signals_td_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  int signal_index[N_TD_SIGNALS];

  resolve_signal_indices (signal_index);
  if (signal == signal_index[SIGNAL_COUPLING])
    return commit_evidence (self, store, team, SIGNAL_COUPLING, week, error);
  if (signal == signal_index[SIGNAL_REWORK])
    return commit_evidence (self, store, team, SIGNAL_REWORK, week, error);
  if (signal == signal_index[SIGNAL_HOTSPOTS])
    return hotspots_evidence (self, store, team, week, error);
  if (signal == signal_index[SIGNAL_ISLANDS])
    return islands_evidence (self, store, team, week, error);
  g_return_val_if_reached (NULL);
}
