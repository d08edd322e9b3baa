/* uc-test-generator.h: a deterministic synthetic organisation written
 * straight through the store's typed inserts, for the signal engine's
 * benchmark (bench-signals.c) and the cache tests (test-cache.c).
 *
 * Teams of developers on a roster (a few change teams half way), one
 * repository per team plus a shared one, commits with time zones (DST
 * included), after-hours and weekend work, fixes, reverts, AI-assisted
 * commits and bots, files in top-level code areas with hotspots, new
 * tools and a new language introduced over time; change requests with
 * reviews and comments, work items with status changes and links.
 *
 * Header-only (static inline) like uc-test-records.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>

#include "uc-store.h"

typedef struct
{
  guint32 seed;
  int     first_week;       /* week key of the first week */
  guint   n_weeks;
  guint   n_teams;
  guint   team_size;        /* humans per team */
  guint   n_commits;
  guint   n_crs;
  guint   n_reviews;
  guint   n_comments;
  guint   n_items;
  guint   n_messages;
} UcGenSize;

/* The benchmark of issue 4: 100 000 commits, 30 000 change requests,
 * 100 000 reviews and comments, 20 000 items. */
static inline void
uc_gen_size_benchmark (UcGenSize *size)
{
  memset (size, 0, sizeof *size);
  size->seed = 4;
  size->first_week = 202401;
  size->n_weeks = 104;
  size->n_teams = 12;
  size->team_size = 8;
  size->n_commits = 100000;
  size->n_crs = 30000;
  size->n_reviews = 50000;
  size->n_comments = 50000;
  size->n_items = 20000;
  size->n_messages = 0;
}

/* A small organisation with every kind of record, for tests. */
static inline void
uc_gen_size_small (UcGenSize *size)
{
  memset (size, 0, sizeof *size);
  size->seed = 7;
  size->first_week = 202501;
  size->n_weeks = 40;
  size->n_teams = 3;
  size->team_size = 4;
  size->n_commits = 3000;
  size->n_crs = 600;
  size->n_reviews = 900;
  size->n_comments = 900;
  size->n_items = 400;
  size->n_messages = 300;
}

#define UC_GEN_DIRS 8
static const char *const uc_gen_dirs[UC_GEN_DIRS] = {
  "src", "lib", "tests", "docs", "api", "web", "tools", "config",
};
#define UC_GEN_FILES_PER_DIR 40
#define UC_GEN_N_TZ 7

typedef struct
{
  UcStore *store;
  GRand   *rand;
  const UcGenSize *size;
  UcId     source;
  UcTime   start;
  UcTime   span;
  UcId    *repos;            /* n_teams + 1: the last is shared */
  UcId    *identities;       /* humans then bots */
  int     *tz_zone;          /* per human */
  guint    n_humans;
  guint    n_bots;
  UcId    *crs;
  UcTime  *cr_created;
  UcTime  *cr_end;
  guint   *cr_author;
  UcId    *items;
  UcTime  *item_created;
  guint   *item_team;
  guint    n_ext;
  const char *prefix;        /* ext ids and shas: distinct per generation */
} UcGen;

/* Minutes east of UTC of a zone at @time (northern DST from the 13th to
 * the 43rd week, as a simple stand-in for the real rules). */
static inline int
uc_gen_tz (int    zone,
           UcTime time)
{
  static const int standard[UC_GEN_N_TZ] = { 60, 0, -300, -480, 330, 540, 120 };
  static const gboolean dst[UC_GEN_N_TZ] = { TRUE, TRUE, TRUE, TRUE, FALSE, FALSE, TRUE };
  int week = uc_week_of_time (time) % 100;

  return standard[zone] + (dst[zone] && week >= 13 && week <= 43 ? 60 : 0);
}

static inline guint
uc_gen_pick (UcGen *gen,
             guint  n)
{
  return (guint) g_rand_int_range (gen->rand, 0, (gint32) MAX (n, 1));
}

static inline gboolean
uc_gen_chance (UcGen  *gen,
               double  p)
{
  return g_rand_double (gen->rand) < p;
}

/* A human of team @team (the last team member slots wrap). */
static inline guint
uc_gen_member (UcGen *gen,
               guint  team)
{
  return team * gen->size->team_size + uc_gen_pick (gen, gen->size->team_size);
}

/* A local working time on day @day (days from the start) for a person:
 * mostly 09–18 on weekdays, some evenings, nights and weekends. */
static inline UcTime
uc_gen_time (UcGen *gen,
             guint  person,
             gint64 day,
             int   *tz_out)
{
  UcTime midnight = gen->start + day * 86400;
  double u = g_rand_double (gen->rand);
  int hour, tz;
  UcTime local;

  if (u < 0.82)
    hour = 9 + (int) uc_gen_pick (gen, 10);
  else if (u < 0.95)
    hour = 19 + (int) uc_gen_pick (gen, 5);
  else
    hour = (int) uc_gen_pick (gen, 8);
  /* Fold most weekend days onto Friday. */
  if ((day % 7) >= 5 && !uc_gen_chance (gen, 0.25))
    midnight -= ((day % 7) - 4) * 86400;
  local = midnight + hour * 3600 + uc_gen_pick (gen, 3600);
  tz = person < gen->n_humans ? uc_gen_tz (gen->tz_zone[person], local) : 0;
  if (tz_out != NULL)
    *tz_out = tz;
  return local - (UcTime) tz * 60;
}

static inline char *
uc_gen_ext (UcGen      *gen,
            const char *kind)
{
  return g_strdup_printf ("%s:%s:%u", gen->prefix, kind, ++gen->n_ext);
}

static inline gboolean
uc_gen_people (UcGen   *gen,
               GError **error)
{
  const UcGenSize *size = gen->size;
  static const char *const bots[] = { "dependabot[bot]", "renovate[bot]", "ci-agent" };

  gen->n_humans = size->n_teams * size->team_size;
  gen->n_bots = G_N_ELEMENTS (bots);
  gen->identities = g_new0 (UcId, gen->n_humans + gen->n_bots);
  gen->tz_zone = g_new0 (int, MAX (gen->n_humans, 1));
  gen->repos = g_new0 (UcId, size->n_teams + 1);

  for (guint t = 0; t <= size->n_teams; t++)
    {
      g_autofree char *name = t < size->n_teams ? g_strdup_printf ("org/svc-%02u", t) :
                                                  g_strdup ("org/platform");

      gen->repos[t] = uc_store_ensure_repo (gen->store, name, "git", gen->source, error);
      if (gen->repos[t] == 0)
        return FALSE;
    }
  for (guint p = 0; p < gen->n_humans + gen->n_bots; p++)
    {
      g_autofree char *name = p < gen->n_humans ? g_strdup_printf ("dev%03u", p) :
                                                  g_strdup (bots[p - gen->n_humans]);
      g_autofree char *email = g_strdup_printf ("%s@example.com", name);

      gen->identities[p] = uc_store_ensure_identity (gen->store, "email", email, name, 0,
                                                     gen->source, error);
      if (gen->identities[p] == 0)
        return FALSE;
      if (p < gen->n_humans)
        gen->tz_zone[p] = (int) ((p / size->team_size) % UC_GEN_N_TZ + (p % 5 == 4 ? 1 : 0)) % UC_GEN_N_TZ;
    }
  return TRUE;
}

static inline gboolean
uc_gen_roster (UcGen   *gen,
               GError **error)
{
  const UcGenSize *size = gen->size;
  UcTime mid = gen->start + gen->span / 2;
  g_autofree UcId *teams = g_new0 (UcId, size->n_teams);

  for (guint t = 0; t < size->n_teams; t++)
    {
      g_autofree char *name = g_strdup_printf ("Team %c%c", 'A' + (t % 26), t >= 26 ? '0' + t / 26 : ' ');

      g_strchomp (name);
      teams[t] = uc_store_ensure_team (gen->store, name, gen->source, error);
      if (teams[t] == 0)
        return FALSE;
    }
  for (guint p = 0; p < gen->n_humans; p++)
    {
      guint team = p / size->team_size;
      UcId person = uc_store_identity_person (gen->store, gen->identities[p]);

      /* Every 7th person moves to the next team half way. */
      if (p % 7 == 3 && size->n_teams > 1)
        {
          if (!uc_store_add_person_team (gen->store, person, teams[team], 0, mid, gen->source, error) ||
              !uc_store_add_person_team (gen->store, person, teams[(team + 1) % size->n_teams],
                                         mid, 0, gen->source, error))
            return FALSE;
        }
      else if (!uc_store_add_person_team (gen->store, person, teams[team], 0, 0, gen->source, error))
        return FALSE;
    }
  for (guint b = 0; b < gen->n_bots; b++)
    if (!uc_store_set_person_agent (gen->store,
                                    uc_store_identity_person (gen->store, gen->identities[gen->n_humans + b]),
                                    TRUE, error))
      return FALSE;
  return TRUE;
}

/* The path of a file of repository @repo in week @week: hotspots (a
 * cubic skew), a CI workflow from week 20 (even repositories), a
 * Dockerfile from week 40 (every third), a linter configuration from
 * week 50, Rust sources from week 60 (every fourth). */
static inline char *
uc_gen_path (UcGen *gen,
             guint  repo,
             guint  week)
{
  double u = g_rand_double (gen->rand);
  guint dir, file;

  if (week >= 20 && repo % 2 == 0 && uc_gen_chance (gen, 0.03))
    return g_strdup (".github/workflows/ci.yml");
  if (week >= 40 && repo % 3 == 0 && uc_gen_chance (gen, 0.02))
    return g_strdup ("Dockerfile");
  if (week >= 50 && uc_gen_chance (gen, 0.01))
    return g_strdup (".eslintrc.json");
  if (week >= 60 && repo % 4 == 0 && uc_gen_chance (gen, 0.10))
    return g_strdup_printf ("src/rs/m%u.rs", uc_gen_pick (gen, 30));

  dir = (guint) (UC_GEN_DIRS * u * u);
  file = (guint) (UC_GEN_FILES_PER_DIR * pow (g_rand_double (gen->rand), 3.0));
  return g_strdup_printf ("%s/m%u/f%u.%s", uc_gen_dirs[dir], file % 7, file,
                          dir == 3 ? "md" : dir == 5 ? "js" : "c");
}

static inline gboolean
uc_gen_commits (UcGen   *gen,
                guint    n_commits,
                gint64   first_day,
                gint64   n_days,
                GError **error)
{
  const UcGenSize *size = gen->size;

  for (guint i = 0; i < n_commits; i++)
    {
      gint64 day = first_day + (gint64) ((double) i * n_days / n_commits);
      gboolean bot = uc_gen_chance (gen, 0.02);
      guint team = uc_gen_pick (gen, size->n_teams);
      guint person = bot ? gen->n_humans + uc_gen_pick (gen, gen->n_bots) : uc_gen_member (gen, team);
      guint repo = uc_gen_chance (gen, 0.85) ? team : size->n_teams;
      guint week = (guint) (day / 7);
      g_autofree char *sha = g_strdup_printf ("%s%08x%08x", gen->prefix, i, g_rand_int (gen->rand));
      UcCommitRow row = { 0 };
      guint n_files = 1 + uc_gen_pick (gen, 3) + (uc_gen_chance (gen, 0.1) ? uc_gen_pick (gen, 8) : 0);
      UcId commit;
      int tz = 0;

      row.repo_id = gen->repos[repo];
      row.sha = sha;
      row.author_identity = gen->identities[person];
      row.committer_identity = row.author_identity;
      row.author_time = uc_gen_time (gen, person, day, &tz);
      row.author_tz = tz;
      row.commit_time = row.author_time + uc_gen_pick (gen, 600);
      row.commit_tz = tz;
      row.n_parents = uc_gen_chance (gen, 0.05) ? 2 : 1;
      row.subject_len = 20 + uc_gen_pick (gen, 50);
      row.is_fix = uc_gen_chance (gen, 0.15);
      row.is_revert = uc_gen_chance (gen, 0.02);
      /* AI assistance spreads from the 30th week, person by person. */
      row.ai_assisted = !bot && week >= 30 && person % 5 < (week - 30) / 15 && uc_gen_chance (gen, 0.3);
      row.source_id = gen->source;
      commit = uc_store_add_commit (gen->store, &row, NULL, error);
      if (commit == 0)
        return FALSE;

      for (guint f = 0; f < n_files; f++)
        {
          g_autofree char *path = uc_gen_path (gen, repo, week);
          UcId file = uc_store_ensure_file (gen->store, gen->repos[repo], path, error);
          gint64 lines = 1 + uc_gen_pick (gen, 60) + (uc_gen_chance (gen, 0.05) ? uc_gen_pick (gen, 800) : 0);

          if (file == 0 ||
              !uc_store_add_file_change (gen->store, commit, file, UC_CHANGE_MODIFIED, 0,
                                         lines - lines / 3, lines / 3, FALSE, error))
            return FALSE;
        }
      if (uc_gen_chance (gen, 0.4) && gen->items != NULL && size->n_items > 0)
        {
          guint item = uc_gen_pick (gen, size->n_items);
          g_autofree char *key = g_strdup_printf ("T%u-%u", gen->item_team[item], item);

          if (!uc_store_add_link (gen->store, commit, 0, key, "subject", gen->source, error))
            return FALSE;
        }
    }
  return TRUE;
}

static inline gboolean
uc_gen_items (UcGen   *gen,
              GError **error)
{
  const UcGenSize *size = gen->size;
  static const char *const types[] = { "Story", "Bug", "Task", "Task", "Question" };

  gen->items = g_new0 (UcId, MAX (size->n_items, 1));
  gen->item_created = g_new0 (UcTime, MAX (size->n_items, 1));
  gen->item_team = g_new0 (guint, MAX (size->n_items, 1));
  for (guint i = 0; i < size->n_items; i++)
    {
      guint team = uc_gen_pick (gen, size->n_teams);
      guint reporter = uc_gen_member (gen, team);
      guint assignee = uc_gen_member (gen, team);
      gint64 day = (gint64) ((double) i * size->n_weeks * 7 / size->n_items);
      UcTime created = uc_gen_time (gen, reporter, day, NULL);
      UcTime doing = created + (1 + uc_gen_pick (gen, 10)) * 86400;
      UcTime done = doing + (1 + uc_gen_pick (gen, 20)) * 86400 + uc_gen_pick (gen, 86400);
      /* Work still open at the end of the data is recent work. */
      gboolean finished = done < gen->start + gen->span;
      gboolean started = finished || doing < gen->start + gen->span;
      g_autofree char *key = g_strdup_printf ("T%u-%u", team, i);
      UcWorkItemRow row = { 0 };

      row.tracker = "jira";
      row.project = "T";
      row.key = key;
      row.type = types[uc_gen_pick (gen, G_N_ELEMENTS (types))];
      row.status = finished ? "Done" : started ? "In Progress" : "To Do";
      row.status_category = finished ? UC_STATUS_DONE : started ? UC_STATUS_DOING : UC_STATUS_TODO;
      row.reporter_identity = gen->identities[reporter];
      row.assignee_identity = gen->identities[assignee];
      row.created_time = created;
      row.updated_time = finished ? done : started ? doing : created;
      row.resolved_time = finished ? done : 0;
      row.is_decision = uc_gen_chance (gen, 0.03);
      row.title_len = 30;
      row.story_points = NAN;
      row.source_id = gen->source;
      gen->items[i] = uc_store_add_work_item (gen->store, &row, NULL, error);
      if (gen->items[i] == 0)
        return FALSE;
      gen->item_created[i] = created;
      gen->item_team[i] = team;

      if (started)
        {
          UcStatusChangeRow change = { 0 };
          g_autofree char *ext = uc_gen_ext (gen, "status");

          change.item_id = gen->items[i];
          change.ext_id = ext;
          change.author_identity = gen->identities[assignee];
          change.time = doing;
          change.from_status = "To Do";
          change.to_status = "In Progress";
          change.from_category = UC_STATUS_TODO;
          change.to_category = UC_STATUS_DOING;
          change.source_id = gen->source;
          if (uc_store_add_status_change (gen->store, &change, NULL, error) == 0)
            return FALSE;
        }
      if (finished)
        {
          UcStatusChangeRow change = { 0 };
          g_autofree char *ext = uc_gen_ext (gen, "status");

          change.item_id = gen->items[i];
          change.ext_id = ext;
          change.author_identity = gen->identities[assignee];
          change.time = done;
          change.from_status = "In Progress";
          change.to_status = "Done";
          change.from_category = UC_STATUS_DOING;
          change.to_category = UC_STATUS_DONE;
          change.source_id = gen->source;
          if (uc_store_add_status_change (gen->store, &change, NULL, error) == 0)
            return FALSE;
        }
    }
  return TRUE;
}

static inline gboolean
uc_gen_crs (UcGen   *gen,
            guint    n_crs,
            gint64   first_day,
            gint64   n_days,
            GError **error)
{
  const UcGenSize *size = gen->size;
  UcTime end_of_data = gen->start + gen->span;

  gen->crs = g_new0 (UcId, MAX (n_crs, 1));
  gen->cr_created = g_new0 (UcTime, MAX (n_crs, 1));
  gen->cr_end = g_new0 (UcTime, MAX (n_crs, 1));
  gen->cr_author = g_new0 (guint, MAX (n_crs, 1));
  for (guint i = 0; i < n_crs; i++)
    {
      guint team = uc_gen_pick (gen, size->n_teams);
      guint author = uc_gen_member (gen, team);
      gint64 day = first_day + (gint64) ((double) i * n_days / n_crs);
      UcTime created = uc_gen_time (gen, author, day, NULL);
      UcTime ended = created + 3600 + uc_gen_pick (gen, 10 * 86400);
      double u = g_rand_double (gen->rand);
      const char *state = u < 0.88 ? "merged" : "closed";
      g_autofree char *number = g_strdup_printf ("%s%u", gen->prefix, i + 1);
      UcChangeRequestRow row = { 0 };
      gint64 size_lines = 5 + uc_gen_pick (gen, 400);

      if (ended >= end_of_data)
        state = "open";
      row.repo_id = gen->repos[team];
      row.number = number;
      row.author_identity = gen->identities[author];
      row.state = state;
      row.created_time = created;
      row.updated_time = g_str_equal (state, "open") ? created : ended;
      if (g_str_equal (state, "merged"))
        {
          row.merged_time = ended;
          row.closed_time = ended;
          row.merged_by_identity = gen->identities[uc_gen_chance (gen, 0.15) ? author :
                                                   uc_gen_member (gen, team)];
        }
      else if (g_str_equal (state, "closed"))
        row.closed_time = ended;
      row.additions = size_lines - size_lines / 4;
      row.deletions = size_lines / 4;
      row.n_commits = 1 + uc_gen_pick (gen, 5);
      row.n_rounds = -1;
      row.last_commit_time = created + uc_gen_pick (gen, 86400);
      row.title_len = 40;
      row.body_len = 200;
      row.source_id = gen->source;
      gen->crs[i] = uc_store_add_change_request (gen->store, &row, NULL, error);
      if (gen->crs[i] == 0)
        return FALSE;
      gen->cr_created[i] = created;
      gen->cr_end[i] = g_str_equal (state, "open") ? MIN (created + 14 * 86400, end_of_data - 1) : ended;
      gen->cr_author[i] = author;
      if (gen->items != NULL && size->n_items > 0 && uc_gen_chance (gen, 0.5))
        {
          guint item = uc_gen_pick (gen, size->n_items);
          g_autofree char *key = g_strdup_printf ("T%u-%u", gen->item_team[item], item);

          if (!uc_store_add_link (gen->store, 0, gen->crs[i], key, "title", gen->source, error))
            return FALSE;
        }
    }
  return TRUE;
}

static inline gboolean
uc_gen_discussion (UcGen   *gen,
                   guint    n_crs,
                   guint    n_reviews,
                   guint    n_comments,
                   guint    n_messages,
                   GError **error)
{
  const UcGenSize *size = gen->size;
  g_autofree char *last_ext = NULL;
  UcId last_record = 0;

  for (guint r = 0; r < n_reviews && n_crs > 0; r++)
    {
      guint cr = (guint) ((double) r * n_crs / n_reviews);
      guint team = gen->cr_author[cr] / size->team_size;
      guint reviewer = uc_gen_member (gen, team);
      g_autofree char *ext = uc_gen_ext (gen, "review");
      double u = g_rand_double (gen->rand);
      UcReviewRow row = { 0 };

      row.cr_id = gen->crs[cr];
      row.ext_id = ext;
      row.reviewer_identity = gen->identities[reviewer];
      row.state = u < 0.6 ? UC_REVIEW_APPROVED : u < 0.85 ? UC_REVIEW_COMMENTED :
                  u < 0.98 ? UC_REVIEW_CHANGES_REQUESTED : UC_REVIEW_DISMISSED;
      row.time = gen->cr_created[cr] + uc_gen_pick (gen, (guint) MAX (gen->cr_end[cr] - gen->cr_created[cr], 60));
      row.body_len = uc_gen_chance (gen, 0.5) ? 40 : 0;
      row.is_objection = row.state == UC_REVIEW_CHANGES_REQUESTED;
      row.source_id = gen->source;
      if (uc_store_add_review (gen->store, &row, NULL, error) == 0)
        return FALSE;
    }

  for (guint c = 0; c < n_comments; c++)
    {
      gboolean on_cr = (c % 5 < 3 && n_crs > 0) || size->n_items == 0;
      g_autofree char *ext = uc_gen_ext (gen, "comment");
      UcCommentRow row = { 0 };
      guint author;
      UcId record;

      if (on_cr)
        {
          guint cr = (guint) ((double) (c / 5 * 3 + c % 5) * n_crs / MAX (n_comments * 3 / 5, 1));

          cr = MIN (cr, n_crs - 1);
          author = uc_gen_chance (gen, 0.4) ? gen->cr_author[cr] :
                   uc_gen_member (gen, gen->cr_author[cr] / size->team_size);
          row.cr_id = record = gen->crs[cr];
          row.time = gen->cr_created[cr] + uc_gen_pick (gen, (guint) MAX (gen->cr_end[cr] - gen->cr_created[cr], 60));
          row.is_review_comment = uc_gen_chance (gen, 0.5);
        }
      else
        {
          guint item = uc_gen_pick (gen, size->n_items);

          author = uc_gen_member (gen, gen->item_team[item]);
          row.item_id = record = gen->items[item];
          row.time = gen->item_created[item] + uc_gen_pick (gen, 20 * 86400);
        }
      row.ext_id = ext;
      row.author_identity = gen->identities[author];
      row.reply_to_ext_id = record == last_record && uc_gen_chance (gen, 0.5) ? last_ext : NULL;
      row.body_len = 10 + uc_gen_pick (gen, 300);
      row.is_objection = uc_gen_chance (gen, 0.08);
      row.source_id = gen->source;
      if (uc_store_add_comment (gen->store, &row, NULL, error) == 0)
        return FALSE;
      g_free (last_ext);
      last_ext = g_strdup (ext);
      last_record = record;
    }

  for (guint m = 0; m < n_messages; m++)
    {
      guint team = uc_gen_pick (gen, size->n_teams);
      guint author = uc_gen_member (gen, team);
      gint64 day = (gint64) ((double) m * size->n_weeks * 7 / MAX (n_messages, 1));
      g_autofree char *ext = uc_gen_ext (gen, "message");
      g_autofree char *channel = g_strdup_printf ("team-%u", team);
      UcMessageRow row = { 0 };

      row.system = "slack";
      row.channel = channel;
      row.ext_id = ext;
      row.author_identity = gen->identities[author];
      row.time = uc_gen_time (gen, author, day, NULL);
      row.body_len = 50;
      row.is_objection = uc_gen_chance (gen, 0.05);
      row.source_id = gen->source;
      if (uc_store_add_message (gen->store, &row, NULL, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static inline void
uc_gen_clear (UcGen *gen)
{
  g_clear_pointer (&gen->rand, g_rand_free);
  g_clear_pointer (&gen->repos, g_free);
  g_clear_pointer (&gen->identities, g_free);
  g_clear_pointer (&gen->tz_zone, g_free);
  g_clear_pointer (&gen->crs, g_free);
  g_clear_pointer (&gen->cr_created, g_free);
  g_clear_pointer (&gen->cr_end, g_free);
  g_clear_pointer (&gen->cr_author, g_free);
  g_clear_pointer (&gen->items, g_free);
  g_clear_pointer (&gen->item_created, g_free);
  g_clear_pointer (&gen->item_team, g_free);
}

static inline gboolean
uc_gen_begin (UcGen           *gen,
              UcStore         *store,
              const UcGenSize *size,
              guint32          seed,
              const char      *prefix,
              GError         **error)
{
  g_autofree char *checksum = g_strdup_printf ("generated-%s-%u", prefix, seed);

  memset (gen, 0, sizeof *gen);
  gen->store = store;
  gen->size = size;
  gen->rand = g_rand_new_with_seed (seed);
  gen->prefix = prefix;
  gen->start = uc_week_start (size->first_week);
  gen->span = (UcTime) size->n_weeks * 7 * 86400;
  gen->source = uc_store_add_source (store, "generated", "generated", checksum, NULL, error);
  return gen->source != 0 && uc_gen_people (gen, error);
}

/* Fill an empty workspace (in one transaction). */
static inline gboolean
uc_gen_workspace (UcStore         *store,
                  const UcGenSize *size,
                  GError         **error)
{
  UcGen gen;
  gboolean ok;

  if (!uc_store_begin (store, error))
    return FALSE;
  ok = uc_gen_begin (&gen, store, size, size->seed, "g", error) &&
       uc_gen_roster (&gen, error) &&
       uc_gen_items (&gen, error) &&
       uc_gen_crs (&gen, size->n_crs, 0, (gint64) size->n_weeks * 7, error) &&
       uc_gen_commits (&gen, size->n_commits, 0, (gint64) size->n_weeks * 7, error) &&
       uc_gen_discussion (&gen, size->n_crs, size->n_reviews, size->n_comments, size->n_messages, error) &&
       uc_store_finish_source (store, gen.source, size->n_commits, 0, 0, 0, error);
  uc_gen_clear (&gen);
  if (!ok)
    {
      uc_store_rollback (store);
      return FALSE;
    }
  return uc_store_commit (store, error);
}

/* A small import: @n_commits commits, a tenth as many change requests
 * with two reviews and three comments each, all in the last week of the
 * data (day 0 = its Monday) unless @day_offset moves them (in days from
 * the start of the data). @tag makes the rows distinct between calls. */
static inline gboolean
uc_gen_increment (UcStore         *store,
                  const UcGenSize *size,
                  const char      *tag,
                  guint            n_commits,
                  gint64           first_day,
                  GError         **error)
{
  UcGen gen;
  guint n_crs = MAX (n_commits / 10, 1);
  gboolean ok;
  UcGenSize small = *size;

  /* No links into the existing items: the increment is self-contained. */
  small.n_items = 0;
  if (!uc_store_begin (store, error))
    return FALSE;
  ok = uc_gen_begin (&gen, store, &small, size->seed + (guint32) g_str_hash (tag), tag, error) &&
       uc_gen_crs (&gen, n_crs, first_day, 5, error) &&
       uc_gen_commits (&gen, n_commits, first_day, 5, error) &&
       uc_gen_discussion (&gen, n_crs, 2 * n_crs, 3 * n_crs, 0, error) &&
       uc_store_finish_source (store, gen.source, n_commits, 0, 0, 0, error);
  uc_gen_clear (&gen);
  if (!ok)
    {
      uc_store_rollback (store);
      return FALSE;
    }
  return uc_store_commit (store, error);
}
