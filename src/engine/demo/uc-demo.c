/* uc-demo.c: the demo workspace, built from data Undercurrent generates.
 *
 * A small, deterministic (seeded) organisation: one git repository per
 * team, written with `git fast-import`, then imported through the real
 * git importer, exactly as a coach's client repositories would be. Each
 * team has a documented behaviour, so the demo shows something worth
 * reading and doubles as a validity test of the engine:
 *
 *   atlas     healthy: six people sharing the work and the code.
 *   borealis  a hero: one person writes ~70 % of the commits and creates
 *             almost every file, often late and at weekends (truck
 *             factor 1).
 *   cirrus    an agent-assisted team: dependabot updates dependencies and
 *             a growing share of commits carry an AI co-author trailer.
 *   dune      slow concentration: balanced early in the year, then one
 *             person gradually takes over (contribution asymmetry
 *             degrades week after week).
 *   tools     a two-person side project: under the minimum group size,
 *             so it is only ever shown merged into "Other".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>

#include <glib/gstdio.h>

#include "uc-demo.h"
#include "uc-import.h"
#include "uc-spawn.h"

/* The demo's last week is 2026-W47 (16–22 November 2026), so that it is
 * the same on every machine and in every year. */
#define DEMO_LAST_WEEK  202647
#define DEMO_WEEKS      52
#define SECONDS_PER_DAY 86400

typedef enum
{
  PATTERN_BALANCED,
  PATTERN_HERO,
  PATTERN_AGENTS,
  PATTERN_CONCENTRATING,
} Pattern;

typedef struct
{
  const char *name;
  const char *email;
  int         tz_minutes;
} DemoPerson;

typedef struct
{
  const char       *repo;
  const char       *ticket_prefix;
  Pattern           pattern;
  guint             commits_per_week;
  guint             n_files;
  const char *const *areas;
  const DemoPerson *people;
  guint             n_people;
} DemoTeam;

static const char *const atlas_areas[] = { "api", "auth", "storage", "docs", NULL };
static const char *const borealis_areas[] = { "engine", "render", "net", NULL };
static const char *const cirrus_areas[] = { "web", "mobile", "shared", NULL };
static const char *const dune_areas[] = { "billing", "ledger", "reports", "import", NULL };
static const char *const tools_areas[] = { "scripts", "ci", NULL };

static const DemoPerson atlas_people[] = {
  { "Amara Okafor", "amara.okafor@atlas.example.com", 60 },
  { "Jonas Lindqvist", "jonas.lindqvist@atlas.example.com", 60 },
  { "Priya Raman", "priya.raman@atlas.example.com", 330 },
  { "Tomás Herrera", "tomas.herrera@atlas.example.com", 60 },
  { "Mei Chen", "mei.chen@atlas.example.com", 60 },
  { "Kofi Mensah", "kofi.mensah@atlas.example.com", 0 },
};

static const DemoPerson borealis_people[] = {
  { "Rasmus Halvorsen", "rasmus@borealis.example.com", 60 },
  { "Aisha Bello", "aisha.bello@borealis.example.com", 60 },
  { "Lucas Moreau", "lucas.moreau@borealis.example.com", 60 },
  { "Hana Sato", "hana.sato@borealis.example.com", 540 },
  { "Diego Alvarez", "diego.alvarez@borealis.example.com", -300 },
};

static const DemoPerson cirrus_people[] = {
  { "Noor Haddad", "noor.haddad@cirrus.example.com", 120 },
  { "Elena Petrova", "elena.petrova@cirrus.example.com", 120 },
  { "Samuel Adeyemi", "samuel.adeyemi@cirrus.example.com", 60 },
  { "Grace Kim", "grace.kim@cirrus.example.com", 540 },
  { "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", 0 },
};

static const DemoPerson dune_people[] = {
  { "Farah Siddiqui", "farah.siddiqui@dune.example.com", 0 },
  { "Oliver Brandt", "oliver.brandt@dune.example.com", 60 },
  { "Chiara Romano", "chiara.romano@dune.example.com", 60 },
  { "Ethan Walker", "ethan.walker@dune.example.com", -300 },
  { "Yuki Tanaka", "yuki.tanaka@dune.example.com", 540 },
};

static const DemoPerson tools_people[] = {
  { "Ines Duarte", "ines.duarte@tools.example.com", 0 },
  { "Marek Nowak", "marek.nowak@tools.example.com", 60 },
};

static const DemoTeam demo_teams[] = {
  { "atlas", "ATL", PATTERN_BALANCED, 14, 36, atlas_areas,
    atlas_people, G_N_ELEMENTS (atlas_people) },
  { "borealis", "BOR", PATTERN_HERO, 12, 30, borealis_areas,
    borealis_people, G_N_ELEMENTS (borealis_people) },
  { "cirrus", "CIR", PATTERN_AGENTS, 11, 30, cirrus_areas,
    cirrus_people, G_N_ELEMENTS (cirrus_people) },
  { "dune", "DUN", PATTERN_CONCENTRATING, 12, 32, dune_areas,
    dune_people, G_N_ELEMENTS (dune_people) },
  { "tools", "TLS", PATTERN_BALANCED, 3, 10, tools_areas,
    tools_people, G_N_ELEMENTS (tools_people) },
};

static const char *const verbs[] = {
  "Add", "Refactor", "Update", "Simplify", "Document", "Test", "Tidy", "Extend",
};

static const char *const fix_verbs[] = {
  "Fix", "Fix crash in", "Revert change to", "Hotfix",
};

typedef struct
{
  char   *path;
  GArray *lines;        /* guint32 line versions */
  gboolean exists;
} DemoFile;

static void
demo_file_clear (DemoFile *file)
{
  g_clear_pointer (&file->path, g_free);
  g_clear_pointer (&file->lines, g_array_unref);
}

/* Who makes the next commit: a person index, by the team's pattern.
 * @progress is 0..1 through the year. */
static guint
pick_author (const DemoTeam *team,
             GRand          *rand,
             double          progress)
{
  guint n_humans = team->n_people;
  double r = g_rand_double (rand);

  switch (team->pattern)
    {
    case PATTERN_HERO:
      /* The first person writes about 70 %. */
      if (r < 0.70)
        return 0;
      return 1 + g_rand_int_range (rand, 0, (gint32) n_humans - 1);

    case PATTERN_AGENTS:
      /* The last "person" is dependabot: about one commit in seven. */
      if (r < 0.14)
        return n_humans - 1;
      return g_rand_int_range (rand, 0, (gint32) n_humans - 1);

    case PATTERN_CONCENTRATING:
      /* From balanced to ~80 % one person over the year. */
      if (r < 0.8 * progress * progress)
        return 0;
      return g_rand_int_range (rand, 0, (gint32) n_humans);

    case PATTERN_BALANCED:
    default:
      return g_rand_int_range (rand, 0, (gint32) n_humans);
    }
}

/* The local hour of a commit: office hours, except for the hero. */
static int
pick_local_hour (const DemoTeam *team,
                 guint           author,
                 GRand          *rand)
{
  if (team->pattern == PATTERN_HERO && author == 0 && g_rand_double (rand) < 0.45)
    return g_rand_int_range (rand, 20, 24);
  return g_rand_int_range (rand, 9, 18);
}

static void
append_content (GString        *stream,
                const DemoFile *file)
{
  GString *content = g_string_new (NULL);

  for (guint i = 0; i < file->lines->len; i++)
    g_string_append_printf (content, "%s line %u revision %u\n",
                            file->path, i, g_array_index (file->lines, guint32, i));
  g_string_append_printf (stream, "data %" G_GSIZE_FORMAT "\n%s\n", content->len, content->str);
  g_string_free (content, TRUE);
}

static void
append_data (GString    *stream,
             const char *text)
{
  g_string_append_printf (stream, "data %" G_GSIZE_FORMAT "\n%s\n", strlen (text), text);
}

/* Change a few lines of @file (or create it) and emit the M command. */
static guint
touch_file (GString  *stream,
            DemoFile *file,
            GRand    *rand,
            guint     revision)
{
  guint changed;

  if (!file->exists)
    {
      guint n = g_rand_int_range (rand, 10, 60);

      for (guint i = 0; i < n; i++)
        {
          guint32 v = revision;
          g_array_append_val (file->lines, v);
        }
      file->exists = TRUE;
      changed = n;
    }
  else
    {
      guint n_edit = g_rand_int_range (rand, 1, 12);
      guint n_add = g_rand_int_range (rand, 0, 8);

      for (guint i = 0; i < n_edit && file->lines->len > 0; i++)
        {
          guint at = g_rand_int_range (rand, 0, (gint32) file->lines->len);
          g_array_index (file->lines, guint32, at) = revision;
        }
      for (guint i = 0; i < n_add; i++)
        {
          guint32 v = revision;
          g_array_append_val (file->lines, v);
        }
      changed = n_edit + n_add;
    }

  g_string_append_printf (stream, "M 100644 inline %s\n", file->path);
  append_content (stream, file);
  return changed;
}

static char *
format_tz (int minutes)
{
  int a = ABS (minutes);

  return g_strdup_printf ("%c%02d%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
}

/* Build the fast-import stream of one team's repository. */
static GString *
generate_team_stream (const DemoTeam *team,
                      GRand          *rand)
{
  GString *stream = g_string_new (NULL);
  g_autoptr(GArray) files = g_array_new (FALSE, TRUE, sizeof (DemoFile));
  guint revision = 0;
  guint n_areas = g_strv_length ((char **) team->areas);
  /* A Monday, 00:00 UTC. */
  UcTime start = uc_week_start (uc_week_add (DEMO_LAST_WEEK, -(DEMO_WEEKS - 1)));

  g_array_set_clear_func (files, (GDestroyNotify) demo_file_clear);

  for (guint i = 0; i < team->n_files; i++)
    {
      DemoFile file = { 0 };
      const char *area = team->areas[i % n_areas];

      file.path = g_strdup_printf ("%s/module_%02u.c", area, i);
      file.lines = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (files, file);
    }

  for (guint week = 0; week < DEMO_WEEKS; week++)
    {
      double progress = (double) week / (DEMO_WEEKS - 1);
      guint n_commits = team->commits_per_week / 2 +
                        g_rand_int_range (rand, 0, (gint32) team->commits_per_week + 1);

      for (guint c = 0; c < n_commits; c++)
        {
          gboolean creating = revision < files->len;
          guint author;
          const DemoPerson *person;
          gboolean is_bot;
          int day = g_rand_int_range (rand, 0, 5);
          int hour;
          UcTime local, when;
          g_autofree char *tz = NULL;
          g_autofree char *subject = NULL;
          g_autoptr(GString) message = g_string_new (NULL);
          const DemoFile *target;
          guint n_touch, first;
          gboolean is_fix;

          /* The first commits create the files, one each; in the hero
           * team the hero creates them all. */
          if (creating && team->pattern == PATTERN_HERO)
            author = 0;
          else
            author = pick_author (team, rand, progress);
          person = &team->people[author];
          is_bot = g_str_has_suffix (person->name, "[bot]");
          hour = pick_local_hour (team, author, rand);
          if (team->pattern == PATTERN_HERO && author == 0 && g_rand_double (rand) < 0.3)
            day = g_rand_int_range (rand, 5, 7);   /* weekends */

          local = start + (UcTime) week * 7 * SECONDS_PER_DAY + (UcTime) day * SECONDS_PER_DAY +
                  (UcTime) hour * 3600 + g_rand_int_range (rand, 0, 3600);
          when = local - (UcTime) person->tz_minutes * 60;
          tz = format_tz (person->tz_minutes);

          /* Which files: a balanced team shares the whole tree, as does
           * everyone but the hero in the hero's team; elsewhere people
           * work mostly near "their" part of the tree. */
          if (creating)
            {
              first = revision;
              n_touch = 1;
            }
          else
            {
              n_touch = 1 + g_rand_int_range (rand, 0, 3);
              if (team->pattern == PATTERN_BALANCED ||
                  (team->pattern == PATTERN_HERO && author != 0))
                first = g_rand_int_range (rand, 0, (gint32) files->len);
              else
                first = (author * 5 + g_rand_int_range (rand, 0, 7)) % files->len;
            }
          target = &g_array_index (files, DemoFile, first);
          revision++;

          is_fix = !is_bot && g_rand_double (rand) < 0.12;
          if (is_bot)
            subject = g_strdup_printf ("Bump dependency-%u from 1.%u.0 to 1.%u.0",
                                       g_rand_int_range (rand, 1, 9), revision % 20,
                                       revision % 20 + 1);
          else if (is_fix)
            subject = g_strdup_printf ("%s %s (%s-%u)",
                                       fix_verbs[g_rand_int_range (rand, 0, G_N_ELEMENTS (fix_verbs))],
                                       target->path,
                                       team->ticket_prefix, 1 + revision / 3);
          else
            subject = g_strdup_printf ("%s %s for %s-%u",
                                       verbs[g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs))],
                                       team->areas[first % n_areas], team->ticket_prefix,
                                       1 + revision / 3);
          g_string_append (message, subject);
          g_string_append (message, "\n");

          /* Agent-assisted team: AI co-author trailers grow over the year. */
          if (team->pattern == PATTERN_AGENTS && !is_bot &&
              g_rand_double (rand) < 0.6 * progress)
            g_string_append (message, "\nCo-authored-by: Claude <noreply@anthropic.com>\n");

          g_string_append (stream, "commit refs/heads/main\n");
          g_string_append_printf (stream, "author %s <%s> %" G_GINT64_FORMAT " %s\n",
                                  person->name, person->email, when, tz);
          g_string_append_printf (stream, "committer %s <%s> %" G_GINT64_FORMAT " %s\n",
                                  person->name, person->email, when, tz);
          append_data (stream, message->str);

          if (is_bot)
            {
              static const char lock[] = "package-lock.json";
              g_autofree char *content = g_strdup_printf ("{ \"lockfileVersion\": %u }\n", revision);

              g_string_append_printf (stream, "M 100644 inline %s\n", lock);
              append_data (stream, content);
              continue;
            }

          for (guint t = 0; t < n_touch; t++)
            {
              DemoFile *file = &g_array_index (files, DemoFile, (first + t * 3) % files->len);
              touch_file (stream, file, rand, revision);
            }
        }
    }

  return stream;
}

/* Run git with @input_path (or nothing) on its standard input. */
static gboolean
run_git (const char * const *argv,
         const char         *cwd,
         const char         *input_path,
         GError            **error)
{
  static const char * const env[] = {
    /* No user or system configuration may change what is generated. */
    "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "LC_ALL=C", NULL,
  };
  UcSpawnOptions options = { cwd, env, NULL, -1, NULL, FALSE };
  g_autofree char *err = NULL;
  int status = -1;
  int fd = -1;
  gboolean ok;

  if (input_path != NULL)
    {
      fd = g_open (input_path, O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s: %s", input_path, g_strerror (saved));
          return FALSE;
        }
      options.stdin_fd = fd;
    }
  ok = uc_spawn_capture (argv, &options, NULL, &err, &status, NULL, error);
  if (fd >= 0)
    g_close (fd, NULL);
  if (!ok)
    {
      g_prefix_error (error, _("Could not run git (is it installed?): "));
      return FALSE;
    }
  if (status != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("git %s failed: %s"), argv[1], err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_team_repository (const DemoTeam *team,
                       const char     *dir,
                       GRand          *rand,
                       GError        **error)
{
  const char *init_argv[] = { "git", "init", "--quiet", "--bare", "--initial-branch=main", dir, NULL };
  const char *import_argv[] = { "git", "fast-import", "--quiet", "--done", NULL };
  g_autofree char *stream_path = g_strconcat (dir, ".stream", NULL);
  GString *stream;
  gboolean ok;

  if (!run_git (init_argv, g_get_tmp_dir (), NULL, error))
    return FALSE;

  stream = generate_team_stream (team, rand);
  g_string_append (stream, "done\n");
  ok = g_file_set_contents (stream_path, stream->str, stream->len, error);
  g_string_free (stream, TRUE);
  ok = ok && run_git (import_argv, dir, stream_path, error);
  g_unlink (stream_path);
  return ok;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

typedef struct
{
  UcProgressFunc progress;
  gpointer       progress_data;
  guint          step;
  guint          n_steps;
} ImportProgress;

static void
import_progress_cb (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  ImportProgress *p = user_data;

  if (p->progress != NULL)
    p->progress ((p->step + CLAMP (fraction, 0.0, 1.0)) / p->n_steps, message,
                 p->progress_data);
}

gboolean
uc_demo_build (const char     *path,
               guint           seed,
               UcProgressFunc  progress,
               gpointer        progress_data,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *scratch = NULL;
  ImportProgress p = { progress, progress_data, 0, G_N_ELEMENTS (demo_teams) * 2 };
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);

  scratch = g_dir_make_tmp ("undercurrent-demo-XXXXXX", error);
  if (scratch == NULL)
    return FALSE;

  store = uc_store_create (path, error);
  if (store == NULL)
    goto out;

  rand = g_rand_new_with_seed (seed);
  for (guint i = 0; i < G_N_ELEMENTS (demo_teams); i++, p.step++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/%s.git", scratch, demo_teams[i].repo);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (progress != NULL)
        progress ((double) p.step / p.n_steps, _("Generating the demo repositories…"),
                  progress_data);
      if (!write_team_repository (&demo_teams[i], dir, rand, error))
        goto out;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_teams); i++, p.step++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/%s.git", scratch, demo_teams[i].repo);
      UcImportResult result = { 0 };
      gboolean imported;

      imported = uc_import_path (store, dir, "git-repo", UC_IMPORT_FLAGS_NONE, &result,
                                 import_progress_cb, &p, cancellable, error);
      uc_import_result_clear (&result);
      if (!imported)
        goto out;
    }

  if (!uc_store_exec (store,
                      "INSERT OR REPLACE INTO meta (key, value) VALUES ('title', 'Demo organisation');",
                      error))
    goto out;

  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  ok = TRUE;

out:
  remove_tree (scratch);
  if (!ok && store != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_clear_object (&store);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }
  return ok;
}
