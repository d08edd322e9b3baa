/* test-git-import.c: the import framework and the git importers.
 *
 * Fixtures are built here with `git fast-import` (deterministic: fixed
 * dates, names, HOME isolated), exported with the documented commands, and
 * imported through the public API. The real Perceval samples in
 * $UC_SHARED_DATA/perceval/git are imported too when present.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "uc-import.h"

static char *tmp_root;          /* a scratch folder for this run */
static guint n_workspaces;

/* ---- helpers ---- */

static char *
run_git (const char  *cwd,
         GBytes      *input,
         GError     **error,
         ...) G_GNUC_NULL_TERMINATED;

static char *
run_git (const char  *cwd,
         GBytes      *input,
         GError     **error,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) "git");
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new ((input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0) |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
  g_subprocess_launcher_setenv (launcher, "HOME", tmp_root, TRUE);
  g_subprocess_launcher_setenv (launcher, "GIT_CONFIG_NOSYSTEM", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  if (proc == NULL)
    return NULL;
  if (!g_subprocess_communicate (proc, input, NULL, &out, &err, error))
    return NULL;
  if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "git %s failed: %.*s",
                   (const char *) argv->pdata[1], (int) g_bytes_get_size (err),
                   (const char *) g_bytes_get_data (err, NULL));
      return NULL;
    }
  return g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
}

static UcStore *
new_workspace (void)
{
  g_autofree char *path = g_strdup_printf ("%s/ws-%u.undercurrent", tmp_root, ++n_workspaces);
  g_autoptr(GError) error = NULL;
  UcStore *store = uc_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
q (UcStore    *store,
   const char *sql)
{
  return uc_store_query_int (store, sql, -1);
}

static char *
q_text (UcStore    *store,
        const char *sql)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

/* Every row of every table, to compare a workspace before and after. */
static char *
dump_workspace (UcStore *store)
{
  sqlite3 *db = uc_store_get_db (store);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", sqlite3_column_text (tables, 0));
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "[%s]\n", sqlite3_column_text (tables, 0));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            {
              const unsigned char *v = sqlite3_column_text (rows, i);

              g_string_append_printf (out, "%s|", v != NULL ? (const char *) v : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  return g_string_free (out, FALSE);
}

typedef struct
{
  gint64 commits;
  gint64 people;
  gint64 agents;
  gint64 files;
  gint64 changes;
  gint64 renames;
  gint64 copies;
  gint64 binary;
  gint64 links;
  gint64 ai;
  gint64 reverts;
  gint64 fixes;
  gint64 merges;
} Counts;

static void
get_counts (UcStore *store,
            Counts  *c)
{
  c->commits = q (store, "SELECT count(*) FROM git_commit");
  c->people = q (store, "SELECT count(*) FROM person");
  c->agents = q (store, "SELECT count(*) FROM person WHERE is_agent");
  c->files = q (store, "SELECT count(*) FROM file");
  c->changes = q (store, "SELECT count(*) FROM file_change");
  c->renames = q (store, "SELECT count(*) FROM file_change WHERE kind = 'R' AND old_file_id IS NOT NULL");
  c->copies = q (store, "SELECT count(*) FROM file_change WHERE kind = 'C'");
  c->binary = q (store, "SELECT count(*) FROM file_change WHERE is_binary");
  c->links = q (store, "SELECT count(*) FROM link");
  c->ai = q (store, "SELECT count(*) FROM git_commit WHERE ai_assisted");
  c->reverts = q (store, "SELECT count(*) FROM git_commit WHERE is_revert");
  c->fixes = q (store, "SELECT count(*) FROM git_commit WHERE is_fix");
  c->merges = q (store, "SELECT count(*) FROM git_commit WHERE n_parents > 1");
}

static void
assert_counts_equal (const Counts *a,
                     const Counts *b)
{
  g_assert_cmpint (a->commits, ==, b->commits);
  g_assert_cmpint (a->people, ==, b->people);
  g_assert_cmpint (a->agents, ==, b->agents);
  g_assert_cmpint (a->files, ==, b->files);
  g_assert_cmpint (a->changes, ==, b->changes);
  g_assert_cmpint (a->renames, ==, b->renames);
  g_assert_cmpint (a->copies, ==, b->copies);
  g_assert_cmpint (a->binary, ==, b->binary);
  g_assert_cmpint (a->links, ==, b->links);
  g_assert_cmpint (a->ai, ==, b->ai);
  g_assert_cmpint (a->reverts, ==, b->reverts);
  g_assert_cmpint (a->fixes, ==, b->fixes);
  g_assert_cmpint (a->merges, ==, b->merges);
}

static gboolean
import (UcStore        *store,
        const char     *path,
        const char     *format,
        UcImportFlags   flags,
        UcImportResult *result,
        GError        **error)
{
  return uc_import_path (store, path, format, flags, result, NULL, NULL, NULL, error);
}

static char *
write_file (const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (tmp_root, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

/* ---- the fixture repository ---- */

#define T0 G_GINT64_CONSTANT (1700000000)

static void
append_data (GString    *s,
             const char *data,
             gssize      len)
{
  if (len < 0)
    len = (gssize) strlen (data);
  g_string_append_printf (s, "data %" G_GSSIZE_FORMAT "\n", len);
  g_string_append_len (s, data, len);
  g_string_append_c (s, '\n');
}

static void
append_commit (GString    *s,
               const char *ref,
               int         mark,
               const char *author,
               const char *committer,
               gint64      time,
               const char *tz,
               const char *message)
{
  g_string_append_printf (s, "commit %s\nmark :%d\n", ref, mark);
  g_string_append_printf (s, "author %s %" G_GINT64_FORMAT " %s\n", author, time, tz);
  g_string_append_printf (s, "committer %s %" G_GINT64_FORMAT " %s\n",
                          committer ? committer : author, time, tz);
  append_data (s, message, -1);
}

/* Known authors (one with "|" and a tab in the name, one mapped by
 * .mailmap, a bot, an AI co-author), dates and offsets, a rename, a merge,
 * a revert, ticket keys, a binary file, a tag-only commit. */
static GString *
fixture_stream (void)
{
  GString *s = g_string_new (NULL);
  static const char bob[] = "Bob | Tab\tName <BOB@Example.com>";
  static const char binary[] = "\0\1\2BIN\0\n";

  g_string_append (s, "blob\nmark :1\n");
  append_data (s, "Alice Example <alice@example.com> alice <alice@old.example.com>\n", -1);
  g_string_append (s, "blob\nmark :2\n");
  append_data (s, "one\ntwo\nthree\n", -1);
  g_string_append (s, "blob\nmark :3\n");
  append_data (s, "int a1;\nint a2;\nint a3;\nint a4;\nint a5;\nint a6;\nint a7;\nint a8;\nint a9;\nint a10;\n", -1);
  g_string_append (s, "blob\nmark :4\n");
  append_data (s, "{ \"lodash\": \"1.0\" }\n", -1);
  g_string_append (s, "blob\nmark :5\n");
  append_data (s, "int a1_fixed;\nint a2;\nint a3;\nint a4;\nint a5;\nint a6;\nint a7;\nint a8;\nint a9;\nint a10;\nint a11;\n", -1);
  g_string_append (s, "blob\nmark :6\n");
  append_data (s, "# Guide\nRead me.\n", -1);
  g_string_append (s, "blob\nmark :7\n");
  append_data (s, "{ \"lodash\": \"1.1\" }\n", -1);
  g_string_append (s, "blob\nmark :8\n");
  append_data (s, binary, sizeof binary - 1);

  append_commit (s, "refs/heads/main", 10, "Alice Example <alice@example.com>", NULL,
                 T0, "+0100", "Initial import\n");
  g_string_append (s, "M 100644 :1 .mailmap\nM 100644 :2 README\nM 100644 :3 src/a.c\nM 100644 :4 package.json\n\n");

  append_commit (s, "refs/heads/main", 11, bob, NULL, T0 + 3600, "-0500",
                 "Fix crash in parser (PROJ-12)\n\nThe parser crashed on PROJ-12 input.\n");
  g_string_append (s, "from :10\nM 100644 :5 src/a.c\n\n");

  append_commit (s, "refs/heads/main", 12, "alice <alice@old.example.com>", NULL,
                 T0 + 7200, "+0100", "Rename a.c to main.c\n\nRefs: #7\n");
  g_string_append (s, "from :11\nR src/a.c src/main.c\n\n");

  append_commit (s, "refs/heads/feature", 13, "Carol <carol@example.com>", NULL,
                 T0 + 10800, "+0530",
                 "Add guide\n\nCo-authored-by: Claude <noreply@anthropic.com>\n");
  g_string_append (s, "from :12\nM 100644 :6 docs/guide.md\n\n");

  append_commit (s, "refs/heads/main", 14, "Alice Example <alice@example.com>", NULL,
                 T0 + 14400, "+0100", "Merge branch 'feature'\n");
  g_string_append (s, "from :12\nmerge :13\nM 100644 :6 docs/guide.md\n\n");

  append_commit (s, "refs/heads/main", 15,
                 "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
                 "GitHub <noreply@github.com>", T0 + 18000, "+0000",
                 "Bump lodash from 1.0 to 1.1\n");
  g_string_append (s, "from :14\nM 100644 :7 package.json\n\n");

  append_commit (s, "refs/heads/main", 16, "Bob | Tab\tName <bob@example.com>", NULL,
                 T0 + 21600, "-0500",
                 "Revert \"Bump lodash from 1.0 to 1.1\"\n\n"
                 "This reverts commit 0123456789abcdef0123456789abcdef01234567.\n");
  g_string_append (s, "from :15\nM 100644 :4 package.json\n\n");

  append_commit (s, "refs/tags/v0.1", 17, "Dave <dave@example.com>", NULL,
                 T0 + 25200, "+0200",
                 "Add test data\n\nSee ABC-1, ABC-1 again, and UTF-8 handling. Fixes #3.\n");
  g_string_append (s, "from :16\nM 100644 :8 bin/data.bin\n\n");

  g_string_append (s, "done\n");
  return s;
}

static const Counts fixture_counts = {
  .commits = 8,
  .people = 7,        /* Alice, Bob, Carol, Claude, dependabot, GitHub, Dave */
  .agents = 3,        /* Claude, dependabot, GitHub */
  .files = 7,         /* .mailmap README src/a.c package.json src/main.c docs/guide.md bin/data.bin */
  .changes = 10,      /* 4 + 1 + 1 + 1 + 0 (merge) + 1 + 1 + 1 */
  .renames = 1,
  .copies = 0,
  .binary = 1,
  .links = 4,         /* PROJ-12 (subject), #7 (trailer), ABC-1 and #3 (body) */
  .ai = 1,
  .reverts = 1,
  .fixes = 1,
  .merges = 1,
};

typedef struct
{
  char *repo;           /* the fixture, non-bare, checked out */
  char *bare;           /* a bare clone: .../fixture.git */
  char *uclog;          /* our export */
  char *classic;        /* the classic text export */
  char *big;            /* a generated repository of many commits */
  guint big_commits;
} Fixtures;

static Fixtures fx;

static void
build_repo (const char *dir,
            GString    *stream)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) input = g_bytes_new (stream->str, stream->len);
  g_autofree char *out = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  out = run_git (dir, NULL, &error, "init", "--quiet", "--initial-branch=main", NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  out = run_git (dir, input, &error, "fast-import", "--quiet", NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  out = run_git (dir, NULL, &error, "reset", "--quiet", "--hard", "main", NULL);
  g_assert_no_error (error);
}

/* The export command documented at the top of uc-git-import.c. */
static void
export_uclog (const char *repo,
              const char *out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = g_strdup_printf ("--output=%s", out_path);
  g_autofree char *out = NULL;

  out = run_git (repo, NULL, &error,
                 "log", "--branches", "--remotes", "--tags", "-z", "--root", "--raw",
                 "--numstat", "-M", "--date=raw", "--no-color", "--no-ext-diff",
                 "--no-textconv", "--no-show-signature", "--encoding=UTF-8",
                 "--format=UCGITLOG1%x00%H%x00%P%x00%aN%x00%aE%x00%ad%x00%cN%x00%cE%x00%cd%x00%s%x00%b%x00",
                 output, NULL);
  g_assert_no_error (error);
}

static void
export_classic (const char *repo,
                const char *out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  /* git refuses --output with -c: the client redirects stdout. */
  out = run_git (repo, NULL, &error,
                 "log", "--raw", "--numstat", "--pretty=fuller", "--decorate=full", "--parents",
                 "-M", "-C", "-c", "--branches", "--tags", NULL);
  g_assert_no_error (error);
  g_file_set_contents (out_path, out, -1, &error);
  g_assert_no_error (error);
}

/* Many commits by a few people over many files, for progress,
 * cancellation and speed. */
static GString *
big_stream (guint n_commits)
{
  GString *s = g_string_new (NULL);
  static const char * const people[] = {
    "Ann One <ann@example.com>", "Ben Two <ben@example.com>", "Cat Three <cat@example.com>",
    "Dan Four <dan@example.com>", "Eve Five <eve@example.com>",
  };
  GRand *rand = g_rand_new_with_seed (42);
  guint n_files = 200;

  for (guint i = 0; i < n_commits; i++)
    {
      g_autofree char *message = g_strdup_printf ("Change %u for BIG-%u\n\nDetails of change %u.\n",
                                                  i, 1 + i / 5, i);

      append_commit (s, "refs/heads/main", (int) i + 1, people[g_rand_int_range (rand, 0, 5)], NULL,
                     T0 + (gint64) i * 600, "+0100", message);
      for (guint f = 0; f < 3; f++)
        {
          guint file = (i < n_files) ? i : (guint) g_rand_int_range (rand, 0, (gint32) n_files);
          g_autoptr(GString) content = g_string_new (NULL);

          for (guint l = 0; l < 30; l++)
            g_string_append_printf (content, "line %u of file %u, revision %u\n",
                                    l, file, (l % 7 == f) ? i : 0);
          g_string_append_printf (s, "M 100644 inline dir%u/file%u.c\n", file % 10, file);
          append_data (s, content->str, (gssize) content->len);
          if (i < n_files)
            break;
        }
      g_string_append_c (s, '\n');
    }
  g_string_append (s, "done\n");
  g_rand_free (rand);
  return s;
}

static void
ensure_fixtures (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bare_parent = NULL;
  g_autofree char *out = NULL;

  if (fx.repo != NULL)
    return;

  fx.repo = g_build_filename (tmp_root, "fixture", NULL);
  {
    g_autoptr(GString) stream = fixture_stream ();

    build_repo (fx.repo, stream);
  }

  bare_parent = g_build_filename (tmp_root, "bare", NULL);
  g_assert_cmpint (g_mkdir_with_parents (bare_parent, 0700), ==, 0);
  fx.bare = g_build_filename (bare_parent, "fixture.git", NULL);
  out = run_git (tmp_root, NULL, &error, "clone", "--quiet", "--bare", fx.repo, fx.bare, NULL);
  g_assert_no_error (error);

  fx.uclog = g_build_filename (tmp_root, "fixture.uclog", NULL);
  export_uclog (fx.repo, fx.uclog);
  fx.classic = g_build_filename (tmp_root, "fixture-classic.txt", NULL);
  export_classic (fx.repo, fx.classic);
}

static void
ensure_big (void)
{
  if (fx.big != NULL)
    return;
  fx.big_commits = 3000;
  fx.big = g_build_filename (tmp_root, "big", NULL);
  {
    g_autoptr(GString) stream = big_stream (fx.big_commits);

    build_repo (fx.big, stream);
  }
}

static UcId
person_of_email (UcStore    *store,
                 const char *email)
{
  g_autofree char *sql = g_strdup_printf ("SELECT person_id FROM identity WHERE kind = 'email'"
                                          " AND value = '%s'", email);

  return q (store, sql);
}

/* ---- tests: the fixture repository ---- */

static void
assert_fixture_values (UcStore *store)
{
  g_autofree char *bob_name = NULL;
  g_autofree char *alice_name = NULL;
  g_autofree char *sql = NULL;
  UcId bob = person_of_email (store, "bob@example.com");
  UcId alice = person_of_email (store, "alice@example.com");
  Counts c;

  get_counts (store, &c);
  assert_counts_equal (&c, &fixture_counts);

  /* Bob's two spellings of his address are one identity, one person,
   * whose name keeps its "|" and tab. */
  g_assert_cmpint (bob, >, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email' AND value LIKE 'bob@%'"), ==, 1);
  sql = g_strdup_printf ("SELECT name FROM person WHERE id = %" G_GINT64_FORMAT, bob);
  bob_name = q_text (store, sql);
  g_assert_cmpstr (bob_name, ==, "Bob | Tab\tName");
  g_clear_pointer (&sql, g_free);

  /* .mailmap: "alice <alice@old.example.com>" is Alice Example. */
  g_assert_cmpint (alice, >, 0);
  g_assert_cmpint (person_of_email (store, "alice@old.example.com"), ==, -1);
  sql = g_strdup_printf ("SELECT name FROM person WHERE id = %" G_GINT64_FORMAT, alice);
  alice_name = q_text (store, sql);
  g_assert_cmpstr (alice_name, ==, "Alice Example");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM git_commit c JOIN identity i ON i.id = c.author_id"
                         " WHERE i.person_id = %" G_GINT64_FORMAT, alice);
  g_assert_cmpint (q (store, sql), ==, 3);
  g_clear_pointer (&sql, g_free);

  /* Agents. */
  g_assert_cmpint (q (store, "SELECT is_agent FROM person WHERE name = 'Claude'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT is_agent FROM person WHERE name = 'dependabot[bot]'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT is_agent FROM person WHERE name = 'GitHub'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT is_agent FROM person WHERE name = 'Carol'"), ==, 0);

  /* Per-commit values. */
  g_assert_cmpint (q (store, "SELECT author_tz FROM git_commit WHERE author_time = 1700003600"), ==, -300);
  g_assert_cmpint (q (store, "SELECT author_tz FROM git_commit WHERE author_time = 1700010800"), ==, 330);
  g_assert_cmpint (q (store, "SELECT commit_tz FROM git_commit WHERE author_time = 1700000000"), ==, 60);
  g_assert_cmpint (q (store, "SELECT is_fix FROM git_commit WHERE author_time = 1700003600"), ==, 1);
  g_assert_cmpint (q (store, "SELECT subject_len FROM git_commit WHERE author_time = 1700003600"), ==,
                   strlen ("Fix crash in parser (PROJ-12)"));
  g_assert_cmpint (q (store, "SELECT body_len FROM git_commit WHERE author_time = 1700003600"), ==,
                   strlen ("The parser crashed on PROJ-12 input."));
  g_assert_cmpint (q (store, "SELECT body_len FROM git_commit WHERE author_time = 1700000000"), ==, 0);
  g_assert_cmpint (q (store, "SELECT n_parents FROM git_commit WHERE author_time = 1700014400"), ==, 2);
  g_assert_cmpint (q (store, "SELECT n_parents FROM git_commit WHERE author_time = 1700000000"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM file_change fc JOIN git_commit c ON c.id = fc.commit_id"
                             " WHERE c.n_parents > 1"), ==, 0);
  g_assert_cmpint (q (store, "SELECT ai_assisted FROM git_commit WHERE author_time = 1700010800"), ==, 1);
  g_assert_cmpint (q (store, "SELECT is_revert FROM git_commit WHERE author_time = 1700021600"), ==, 1);
  g_assert_cmpint (q (store, "SELECT is_fix FROM git_commit WHERE author_time = 1700021600"), ==, 0);
  g_assert_cmpint (q (store, "SELECT c.author_time FROM git_commit c JOIN identity i ON i.id = c.committer_id"
                             " WHERE i.value = 'noreply@github.com'"), ==, T0 + 18000);

  /* The rename: new path, old path, counts. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM file_change fc JOIN file n ON n.id = fc.file_id"
                             " JOIN file o ON o.id = fc.old_file_id"
                             " WHERE fc.kind = 'R' AND n.path = 'src/main.c' AND o.path = 'src/a.c'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT fc.added FROM file_change fc JOIN file f ON f.id = fc.file_id"
                             " JOIN git_commit c ON c.id = fc.commit_id"
                             " WHERE f.path = 'src/a.c' AND c.author_time = 1700003600"), ==, 2);
  g_assert_cmpint (q (store, "SELECT fc.deleted FROM file_change fc JOIN file f ON f.id = fc.file_id"
                             " JOIN git_commit c ON c.id = fc.commit_id"
                             " WHERE f.path = 'src/a.c' AND c.author_time = 1700003600"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM file_change WHERE kind = 'A'"), ==, 6);
  g_assert_cmpint (q (store, "SELECT is_binary FROM file_change fc JOIN file f ON f.id = fc.file_id"
                             " WHERE f.path = 'bin/data.bin'"), ==, 1);

  /* Links and how they were found. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM link WHERE item_key = 'PROJ-12' AND via = 'subject'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM link WHERE item_key = '#7' AND via = 'trailer'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM link WHERE item_key = 'ABC-1' AND via = 'body'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM link WHERE item_key = '#3' AND via = 'body'"), ==, 1);

  /* The repository and the source. */
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE name = 'fixture' AND kind = 'git'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT n_records FROM source"), ==, 8);
  g_assert_cmpint (q (store, "SELECT first_time FROM source"), ==, T0);
  g_assert_cmpint (q (store, "SELECT last_time FROM source"), ==, T0 + 25200);
}

static void
test_repo_import (void)
{
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) result = { 0 };

  ensure_fixtures ();
  store = new_workspace ();

  g_assert_true (import (store, fx.repo, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "git-repo");
  g_assert_false (result.already_imported);
  g_assert_cmpint (result.n_records, ==, 8);
  g_assert_cmpint (result.n_new, ==, 8);
  g_assert_cmpint (result.source_id, >, 0);
  g_assert_nonnull (result.warnings);
  g_assert_cmpuint (result.warnings->len, ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM source WHERE kind = 'git-repo'"), ==, 1);

  assert_fixture_values (store);
}

static void
test_bare_and_uclog_import (void)
{
  const char *paths[] = { NULL, NULL };
  const char *formats[] = { "git-repo", "git-log" };

  ensure_fixtures ();
  paths[0] = fx.bare;
  paths[1] = fx.uclog;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(UcStore) store = new_workspace ();
      g_autoptr(GError) error = NULL;
      g_auto(UcImportResult) result = { 0 };

      g_test_message ("importing %s", paths[i]);
      g_assert_true (import (store, paths[i], NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (result.format, ==, formats[i]);
      g_assert_cmpint (result.n_records, ==, 8);
      assert_fixture_values (store);
    }
}

/* The classic text export gives the same commits, with the same values. */
static void
test_classic_import (void)
{
  g_autoptr(UcStore) a = NULL;
  g_autoptr(UcStore) b = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) result = { 0 };
  static const char rows_sql[] =
    "SELECT group_concat(sha || ' ' || author_time || ' ' || author_tz || ' ' || commit_time || ' '"
    " || commit_tz || ' ' || n_parents || ' ' || subject_len || ' ' || body_len || ' ' || is_revert"
    " || ' ' || is_fix || ' ' || ai_assisted, ';') FROM (SELECT * FROM git_commit ORDER BY sha)";
  static const char changes_sql[] =
    "SELECT group_concat(x, ';') FROM (SELECT c.sha || ' ' || f.path || ' ' || fc.kind || ' '"
    " || IFNULL (o.path, '-') || ' ' || fc.added || ' ' || fc.deleted || ' ' || fc.is_binary AS x"
    " FROM file_change fc JOIN git_commit c ON c.id = fc.commit_id JOIN file f ON f.id = fc.file_id"
    " LEFT JOIN file o ON o.id = fc.old_file_id ORDER BY x)";
  static const char people_sql[] =
    "SELECT group_concat(x, ';') FROM (SELECT p.name || ' ' || i.value || ' ' || p.is_agent AS x"
    " FROM person p JOIN identity i ON i.person_id = p.id ORDER BY x)";
  g_autofree char *rows_a = NULL, *rows_b = NULL;
  g_autofree char *changes_a = NULL, *changes_b = NULL;
  g_autofree char *people_a = NULL, *people_b = NULL;

  ensure_fixtures ();
  a = new_workspace ();
  b = new_workspace ();
  g_assert_true (import (a, fx.uclog, "git-log", UC_IMPORT_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (import (b, fx.classic, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "git-log");
  g_assert_cmpint (result.n_records, ==, 8);

  /* Everything but the repository's name (the file's). */
  {
    Counts ca, cb;

    get_counts (a, &ca);
    get_counts (b, &cb);
    assert_counts_equal (&ca, &cb);
  }
  rows_a = q_text (a, rows_sql);
  rows_b = q_text (b, rows_sql);
  g_assert_cmpstr (rows_a, ==, rows_b);
  changes_a = q_text (a, changes_sql);
  changes_b = q_text (b, changes_sql);
  g_assert_cmpstr (changes_a, ==, changes_b);
  people_a = q_text (a, people_sql);
  people_b = q_text (b, people_sql);
  g_assert_cmpstr (people_a, ==, people_b);
  g_assert_cmpint (q (b, "SELECT count(*) FROM repo WHERE name = 'fixture-classic'"), ==, 1);
}

/* Variants of the classic text a client may send: Windows line ends, a
 * UTF-8 BOM, UTF-16 from PowerShell, --pretty=medium with ISO dates and no
 * --parents, quoted paths, --summary lines, Notes. */
static void
test_classic_variants (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *classic = NULL;
  gsize len = 0;

  ensure_fixtures ();
  g_file_get_contents (fx.classic, &classic, &len, &error);
  g_assert_no_error (error);

  /* CRLF + BOM, and UTF-16LE with a BOM: the same as the original. */
  {
    g_autoptr(GString) crlf = g_string_new ("\xEF\xBB\xBF");
    g_autofree char *crlf_path = NULL;
    g_autofree char *utf16_path = NULL;
    g_autofree char *utf16 = NULL;
    gsize utf16_len = 0;
    g_autoptr(GString) with_bom = g_string_new (NULL);
    g_autoptr(UcStore) ref = new_workspace ();
    g_autoptr(UcStore) s1 = new_workspace ();
    g_autoptr(UcStore) s2 = new_workspace ();
    Counts c0, c1, c2;

    for (gsize i = 0; i < len; i++)
      {
        if (classic[i] == '\n')
          g_string_append_c (crlf, '\r');
        g_string_append_c (crlf, classic[i]);
      }
    crlf_path = write_file ("crlf.txt", crlf->str, (gssize) crlf->len);
    utf16 = g_convert (classic, (gssize) len, "UTF-16LE", "UTF-8", NULL, &utf16_len, &error);
    g_assert_no_error (error);
    g_string_append_len (with_bom, "\xFF\xFE", 2);
    g_string_append_len (with_bom, utf16, (gssize) utf16_len);
    utf16_path = write_file ("utf16.txt", with_bom->str, (gssize) with_bom->len);

    g_assert_cmpstr (uc_import_detect (crlf_path, NULL, &error), ==, "git-log");
    g_assert_no_error (error);
    g_assert_cmpstr (uc_import_detect (utf16_path, NULL, &error), ==, "git-log");
    g_assert_no_error (error);

    g_assert_true (import (ref, fx.classic, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (import (s1, crlf_path, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (import (s2, utf16_path, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
    g_assert_no_error (error);
    get_counts (ref, &c0);
    get_counts (s1, &c1);
    get_counts (s2, &c2);
    assert_counts_equal (&c0, &c1);
    assert_counts_equal (&c0, &c2);
    g_assert_cmpint (q (s2, "SELECT count(*) FROM person WHERE name = 'Bob | Tab\tName'"), ==, 1);
  }

  /* Written by hand: medium format, ISO / RFC / ISO-strict dates, quoted
   * and non-ASCII paths, summary lines, notes, an empty message. */
  {
    static const char text[] =
      "commit 1111111111111111111111111111111111111111\n"
      "Author: Zoë Ünicode <zoe@example.com>\n"
      "Date:   2024-03-01 10:00:00 +0100\n"
      "\n"
      "    Add files with unusual names (TCK-5)\n"
      "\n"
      ":000000 100644 0000000 e69de29 A\t\"tab\\there.txt\"\n"
      ":000000 100644 0000000 e69de29 A\t\"caf\\303\\251.md\"\n"
      "3\t0\t\"tab\\there.txt\"\n"
      "1\t0\t\"caf\\303\\251.md\"\n"
      " create mode 100644 \"tab\\there.txt\"\n"
      "\n"
      "Notes:\n"
      "    a note that is not the message\n"
      "\n"
      "commit 2222222222222222222222222222222222222222\n"
      "Author:     Yann <yann@example.com>\n"
      "AuthorDate: Fri, 1 Mar 2024 11:00:00 -0000\n"
      "Commit:     Yann <yann@example.com>\n"
      "CommitDate: 2024-03-01T12:30:00+02:00\n"
      "\n"
      "\n"
      "4\t2\tdir/{old => new}/file.c\n"
      "\n"
      "commit 4444444444444444444444444444444444444444\n"
      "Author:  <>\n"
      "Date:   Sat Mar 2 10:00:00 2024 +0000\n"
      "\n"
      "    A commit by no one (cvs2git does this)\n"
      "\n"
      "commit 3333333333333333333333333333333333333333\n"
      "Author: Xavier <xavier@example.com>\n"
      "Date:   1709290800 +0000\n"
      "\n"
      "    Only numstat, a rename in the short form\n"
      "\n"
      "0\t0\told name.txt => new name.txt\n";
    g_autofree char *path = write_file ("handmade.gitlog", text, -1);
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };

    g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.n_records, ==, 4);
    g_assert_cmpint (q (store, "SELECT author_id IS NULL FROM git_commit WHERE sha LIKE '4444%'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT author_time FROM git_commit WHERE sha LIKE '1111%'"), ==, 1709283600);
    g_assert_cmpint (q (store, "SELECT author_tz FROM git_commit WHERE sha LIKE '1111%'"), ==, 60);
    g_assert_cmpint (q (store, "SELECT n_parents FROM git_commit WHERE sha LIKE '1111%'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT author_time FROM git_commit WHERE sha LIKE '2222%'"), ==, 1709290800);
    g_assert_cmpint (q (store, "SELECT commit_time FROM git_commit WHERE sha LIKE '2222%'"), ==, 1709289000);
    g_assert_cmpint (q (store, "SELECT commit_tz FROM git_commit WHERE sha LIKE '2222%'"), ==, 120);
    g_assert_cmpint (q (store, "SELECT subject_len FROM git_commit WHERE sha LIKE '2222%'"), ==, 0);
    g_assert_cmpint (q (store, "SELECT author_time FROM git_commit WHERE sha LIKE '3333%'"), ==, 1709290800);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file WHERE path = 'tab\there.txt'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file WHERE path = 'café.md'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT added FROM file_change fc JOIN file f ON f.id = fc.file_id"
                               " WHERE f.path = 'tab\there.txt'"), ==, 3);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file_change fc JOIN file n ON n.id = fc.file_id"
                               " JOIN file o ON o.id = fc.old_file_id WHERE fc.kind = 'R'"
                               " AND n.path = 'dir/new/file.c' AND o.path = 'dir/old/file.c'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file_change fc JOIN file n ON n.id = fc.file_id"
                               " JOIN file o ON o.id = fc.old_file_id WHERE fc.kind = 'R'"
                               " AND n.path = 'new name.txt' AND o.path = 'old name.txt'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE name = 'Zoë Ünicode'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM link WHERE item_key = 'TCK-5'"), ==, 1);
  }
}

/* ---- the real samples ---- */

typedef struct
{
  const char *file;
  gint64      commits;
  gint64      changes;
  gint64      renames;
  gint64      copies;
  gint64      merges;
} SampleCase;

static const SampleCase samples[] = {
  { "git_bad_cr.txt", 1, 1, 0, 0, 0 },
  { "git_bad_encoding.txt", 1, 2, 0, 0, 0 },
  { "git_log.txt", 10, 14, 5, 0, 1 },
  { "git_log_brackets.txt", 1, 1, 0, 0, 0 },
  { "git_log_empty.txt", 0, 0, 0, 0, 0 },
  { "git_log_merge.txt", 2, 1, 0, 0, 2 },
  { "git_log_merge_moved.txt", 2, 2, 0, 0, 2 },
  { "git_log_moved.txt", 1, 2, 1, 0, 0 },
  { "git_log_moved_special_files.txt", 1, 10, 7, 2, 0 },
  { "git_log_trailers.txt", 3, 5, 1, 0, 0 },
};

static char *
sample_path (const char *name)
{
  const char *shared = g_getenv ("UC_SHARED_DATA");

  if (shared == NULL)
    return NULL;
  return g_build_filename (shared, "perceval", "git", name, NULL);
}

static gboolean
have_samples (void)
{
  g_autofree char *path = sample_path ("git_log.txt");

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("UC_SHARED_DATA/perceval/git is missing");
      return FALSE;
    }
  return TRUE;
}

static void
test_samples (void)
{
  if (!have_samples ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = sample_path (samples[i].file);
      g_autoptr(UcStore) store = new_workspace ();
      g_autoptr(GError) error = NULL;
      g_auto(UcImportResult) result = { 0 };
      /* A blank file cannot be detected: it is imported by name. */
      gboolean blank = samples[i].commits == 0;
      Counts c;

      g_test_message ("sample %s", samples[i].file);
      if (!blank)
        {
          double confidence = 0;

          g_assert_cmpstr (uc_import_detect (path, &confidence, &error), ==, "git-log");
          g_assert_no_error (error);
          g_assert_cmpfloat (confidence, >=, 0.9);
        }
      g_assert_true (import (store, path, blank ? "git-log" : NULL, UC_IMPORT_FLAGS_NONE,
                             &result, &error));
      g_assert_no_error (error);
      g_assert_cmpint (result.n_records, ==, samples[i].commits);
      get_counts (store, &c);
      g_assert_cmpint (c.commits, ==, samples[i].commits);
      g_assert_cmpint (c.changes, ==, samples[i].changes);
      g_assert_cmpint (c.renames, ==, samples[i].renames);
      g_assert_cmpint (c.copies, ==, samples[i].copies);
      g_assert_cmpint (c.merges, ==, samples[i].merges);
    }
}

static void
test_sample_details (void)
{
  g_autoptr(GError) error = NULL;

  if (!have_samples ())
    return;

  /* git_log.txt: the merge keeps only its own (combined-diff) change;
   * renames in both numstat forms; Unicode names; time zones. */
  {
    g_autofree char *path = sample_path ("git_log.txt");
    g_autoptr(UcStore) store = new_workspace ();

    g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (q (store, "SELECT n_parents FROM git_commit WHERE sha LIKE '456a68ee%'"), ==, 2);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file_change fc JOIN git_commit c ON c.id = fc.commit_id"
                               " JOIN file f ON f.id = fc.file_id WHERE c.sha LIKE '456a68ee%'"
                               " AND f.path = 'aaa/otherthing.renamed' AND fc.added = 1"), ==, 1);
    g_assert_cmpint (q (store, "SELECT n_parents FROM git_commit WHERE sha LIKE 'bc57a920%'"), ==, 0);
    g_assert_cmpint (q (store, "SELECT n_parents FROM git_commit WHERE sha LIKE 'ce8e0b86%'"), ==, 1);
    /* "Tue Feb 11 22:10:39 2014 -0800" */
    g_assert_cmpint (q (store, "SELECT author_time FROM git_commit WHERE sha LIKE '456a68ee%'"), ==, 1392185439);
    g_assert_cmpint (q (store, "SELECT author_tz FROM git_commit WHERE sha LIKE '456a68ee%'"), ==, -480);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE name = 'Zhongpeng Lin (林中鹏)'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 2);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file_change fc JOIN file n ON n.id = fc.file_id"
                               " JOIN file o ON o.id = fc.old_file_id"
                               " WHERE n.path = 'src3/file4.txt' AND o.path = 'src2/file2.txt'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file_change fc JOIN file n ON n.id = fc.file_id"
                               " JOIN file o ON o.id = fc.old_file_id"
                               " WHERE n.path = 'bbb/something.renamed' AND o.path = 'bbb/something'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file_change WHERE kind = 'D'"), ==, 1);
  }

  /* Brace-heavy renames resolved from the raw lines, a file literally
   * named "Test => TS.ipynb", copies. */
  {
    g_autofree char *path = sample_path ("git_log_moved_special_files.txt");
    g_autoptr(UcStore) store = new_workspace ();

    g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file_change fc JOIN file n ON n.id = fc.file_id"
                               " JOIN file o ON o.id = fc.old_file_id"
                               " WHERE n.path = 'dir2}/f{file}4' AND o.path = 'dir{1/f{file}4'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file_change fc JOIN file n ON n.id = fc.file_id"
                               " JOIN file o ON o.id = fc.old_file_id"
                               " WHERE n.path = 'dir{1/{{directory_1}}/f{file}3' AND o.path = 'dir{1/f{file}3'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT fc.kind = 'M' AND fc.added = 12 AND fc.deleted = 85 FROM file_change fc"
                               " JOIN file f ON f.id = fc.file_id WHERE f.path = 'audio/assets/Test => TS.ipynb'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file_change fc JOIN file n ON n.id = fc.file_id"
                               " WHERE fc.kind = 'R' AND n.path = 'audio/assets/TestA.ipynb'"), ==, 1);
  }

  /* Invalid UTF-8 is read as Windows-1252, never rejected. */
  {
    g_autofree char *path = sample_path ("git_bad_encoding.txt");
    g_autoptr(UcStore) store = new_workspace ();

    g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (q (store, "SELECT subject_len FROM git_commit"), ==,
                     g_utf8_strlen ("Calling “Open Type” (CTRL+SHIFT+T) after startup - performance improvement.", -1));
  }

  /* The committer of a GitHub merge is an agent. */
  {
    g_autofree char *path = sample_path ("git_log_merge_moved.txt");
    g_autoptr(UcStore) store = new_workspace ();

    g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (q (store, "SELECT is_agent FROM person WHERE name = 'GitHub'"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file WHERE path = 'aaa/sample => file.py'"), ==, 1);
  }
}

/* git_log_incompleted.txt holds one complete merge commit and then the
 * header of a second commit, cut off right after its CommitDate line: no
 * message and no changes follow. That is a truncated export (Perceval
 * rejects it too: "unexpected end of log stream"), so it is a PARSE error
 * naming the last line; with --skip-bad the complete commit is imported
 * and the cut one reported (the file has 20 lines). */
static void
test_sample_incomplete (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!have_samples ())
    return;
  path = sample_path ("git_log_incompleted.txt");
  store = new_workspace ();
  before = dump_workspace (store);

  g_assert_false (import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "git_log_incompleted.txt"));
  g_assert_nonnull (strstr (error->message, "line 20"));
  g_assert_nonnull (strstr (error->message, "51a3b654f252210572297f47597b31527c475fb8"));
  after = dump_workspace (store);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  uc_import_result_clear (&result);

  g_assert_true (import (store, path, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.n_records, ==, 1);
  g_assert_cmpuint (result.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "line 20"));
  g_assert_cmpint (q (store, "SELECT n_warnings FROM source"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM git_commit"), ==, 1);
}

/* ---- bad input leaves the workspace unchanged ---- */

typedef struct
{
  const char *name;
  const char *needle;     /* in the message, besides the file name */
} BadCase;

static void
assert_import_fails_cleanly (UcStore    *store,
                             const char *path,
                             const char *format,
                             GQuark      domain,
                             int         code,
                             const char *needle)
{
  g_autofree char *before = dump_workspace (store);
  g_autofree char *after = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) result = { 0 };

  g_assert_false (uc_import_path (store, path, format, UC_IMPORT_FLAGS_NONE, &result,
                                  NULL, NULL, NULL, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, base));
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  g_assert_false (uc_store_in_transaction (store));
  after = dump_workspace (store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_logs (void)
{
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uclog = NULL;
  gsize uclog_len = 0;
  static const char good_commit[] =
    "commit aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
    "Author:     Ann <ann@example.com>\n"
    "AuthorDate: Tue Feb 11 22:10:39 2014 -0800\n"
    "Commit:     Ann <ann@example.com>\n"
    "CommitDate: Tue Feb 11 22:10:39 2014 -0800\n"
    "\n"
    "    Good commit\n"
    "\n"
    ":000000 100644 0000000 e69de29 A\tgood.c\n"
    "1\t0\tgood.c\n"
    "\n";

  ensure_fixtures ();
  store = new_workspace ();
  /* Something to lose. */
  g_assert_true (import (store, fx.repo, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);

  /* A bad date in a commit header (line 15). */
  {
    g_autofree char *text = g_strconcat (good_commit,
                                         "commit bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n"
                                         "Author:     Ben <ben@example.com>\n"
                                         "AuthorDate: Blursday Smarch 45 25:61:00 2014\n", NULL);
    g_autofree char *path = write_file ("bad-date.txt", text, -1);

    assert_import_fails_cleanly (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, "line 14");
    assert_import_fails_cleanly (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, "not a date");
  }

  /* A numstat line that is not numbers (line 21). */
  {
    g_autofree char *text = g_strconcat (good_commit,
                                         "commit bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n"
                                         "Author:     Ben <ben@example.com>\n"
                                         "AuthorDate: Tue Feb 11 22:10:39 2014 -0800\n"
                                         "Commit:     Ben <ben@example.com>\n"
                                         "CommitDate: Tue Feb 11 22:10:39 2014 -0800\n"
                                         "\n"
                                         "    Bad counts\n"
                                         "\n"
                                         ":100644 100644 e69de29 e69de30 M\tgood.c\n"
                                         "12\tmany\tgood.c\n", good_commit, NULL);
    g_autofree char *path = write_file ("bad-numstat.txt", text, -1);
    g_auto(UcImportResult) result = { 0 };

    assert_import_fails_cleanly (store, path, "git-log", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                                 "line 21");
    assert_import_fails_cleanly (store, path, "git-log", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                                 "“many” is not a number of deleted lines");

    /* With --skip-bad: the good commit (twice the same sha), one warning. */
    {
      g_autoptr(UcStore) other = new_workspace ();

      g_assert_true (import (other, path, "git-log", UC_IMPORT_FLAGS_SKIP_BAD, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpint (result.n_records, ==, 2);
      g_assert_cmpint (result.n_new, ==, 1);
      g_assert_cmpuint (result.warnings->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "line 21"));
      g_assert_cmpint (q (other, "SELECT count(*) FROM git_commit"), ==, 1);
    }
  }

  /* Garbage after a good commit, and garbage from the start. */
  {
    g_autofree char *text = g_strconcat (good_commit, "this is not a git log\n", NULL);
    g_autofree char *path = write_file ("garbage.txt", text, -1);
    g_autofree char *path2 = write_file ("garbage2.txt", "Hello, this is a letter.\n", -1);

    assert_import_fails_cleanly (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, "line 12");
    assert_import_fails_cleanly (store, path2, "git-log", UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, "line 1");
    assert_import_fails_cleanly (store, path2, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT, NULL);
  }

  /* Our export, truncated, and with a damaged entry. */
  g_file_get_contents (fx.uclog, &uclog, &uclog_len, &error);
  g_assert_no_error (error);
  {
    /* Cut in the middle of the header of the last record. */
    const char *last = NULL;
    gsize cut;
    g_autofree char *path = NULL;

    for (gsize i = 0; i + 10 <= uclog_len; i++)
      if (memcmp (uclog + i, "UCGITLOG1", 10) == 0)
        last = uclog + i;
    g_assert_nonnull (last);
    cut = (gsize) (last - uclog) + 60;
    path = write_file ("truncated.uclog", uclog, (gssize) cut);
    assert_import_fails_cleanly (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, "record 8");
    assert_import_fails_cleanly (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, "truncated");
  }
  {
    g_autofree char *damaged = g_memdup2 (uclog, uclog_len);
    g_autofree char *path = NULL;
    char *entry = NULL;

    /* The numstat "1\t1\tpackage.json" of the revert (record 2) becomes
     * "x\t1\tpackage.json". */
    for (gsize i = 0; i + 15 < uclog_len; i++)
      if (memcmp (damaged + i, "1\t1\tpackage.json", 16) == 0)
        {
          entry = damaged + i;
          break;
        }
    g_assert_nonnull (entry);
    entry[0] = 'x';
    path = write_file ("damaged.uclog", damaged, (gssize) uclog_len);
    assert_import_fails_cleanly (store, path, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, "record 2");
  }
}

/* ---- the framework ---- */

static void
test_reimport (void)
{
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *paths[3];

  ensure_fixtures ();
  paths[0] = fx.repo;
  paths[1] = fx.uclog;
  paths[2] = fx.classic;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(UcImportResult) first = { 0 };
      g_auto(UcImportResult) second = { 0 };

      store = new_workspace ();
      g_assert_true (import (store, paths[i], NULL, UC_IMPORT_FLAGS_NONE, &first, &error));
      g_assert_no_error (error);
      g_assert_false (first.already_imported);
      before = dump_workspace (store);
      g_assert_true (import (store, paths[i], NULL, UC_IMPORT_FLAGS_NONE, &second, &error));
      g_assert_no_error (error);
      g_assert_true (second.already_imported);
      g_assert_cmpint (second.source_id, ==, first.source_id);
      g_assert_cmpint (second.n_new, ==, 0);
      g_assert_cmpstr (second.format, ==, first.format);
      after = dump_workspace (store);
      g_assert_cmpstr (before, ==, after);
      g_clear_pointer (&before, g_free);
      g_clear_pointer (&after, g_free);
      g_clear_object (&store);
    }

  /* The same history from another source: a new source row, no new commit. */
  {
    g_auto(UcImportResult) a = { 0 };
    g_auto(UcImportResult) b = { 0 };

    store = new_workspace ();
    g_assert_true (import (store, fx.repo, NULL, UC_IMPORT_FLAGS_NONE, &a, &error));
    g_assert_no_error (error);
    g_assert_true (import (store, fx.uclog, NULL, UC_IMPORT_FLAGS_NONE, &b, &error));
    g_assert_no_error (error);
    g_assert_false (b.already_imported);
    g_assert_cmpint (b.n_records, ==, 8);
    g_assert_cmpint (b.n_new, ==, 0);
    g_assert_cmpint (q (store, "SELECT count(*) FROM source"), ==, 2);
    g_assert_cmpint (q (store, "SELECT count(*) FROM git_commit"), ==, 8);
    g_assert_cmpint (q (store, "SELECT count(*) FROM file_change"), ==, fixture_counts.changes);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, fixture_counts.people);
    g_clear_object (&store);
  }

  /* A new commit in the repository: the refs changed, so it imports again. */
  {
    g_autofree char *clone = g_build_filename (tmp_root, "reimport-clone", NULL);
    g_autofree char *out = NULL;
    g_auto(UcImportResult) a = { 0 };
    g_auto(UcImportResult) b = { 0 };

    out = run_git (tmp_root, NULL, &error, "clone", "--quiet", fx.repo, clone, NULL);
    g_assert_no_error (error);
    store = new_workspace ();
    g_assert_true (import (store, clone, NULL, UC_IMPORT_FLAGS_NONE, &a, &error));
    g_assert_no_error (error);
    g_clear_pointer (&out, g_free);
    out = run_git (clone, NULL, &error, "-c", "user.name=Fay", "-c", "user.email=fay@example.com",
                   "commit", "--quiet", "--allow-empty", "-m", "One more", NULL);
    g_assert_no_error (error);
    g_assert_true (import (store, clone, NULL, UC_IMPORT_FLAGS_NONE, &b, &error));
    g_assert_no_error (error);
    g_assert_false (b.already_imported);
    g_assert_cmpint (b.n_new, ==, 1);
    g_clear_object (&store);
  }
}

static void
test_multiple_repositories (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autoptr(GError) error = NULL;

  ensure_fixtures ();
  ensure_big ();
  g_assert_true (import (store, fx.repo, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (import (store, fx.big, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (q (store, "SELECT count(*) FROM repo"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM git_commit"), ==, 8 + fx.big_commits);
  g_assert_cmpint (q (store, "SELECT count(*) FROM git_commit c JOIN repo r ON r.id = c.repo_id"
                             " WHERE r.name = 'big'"), ==, fx.big_commits);
  g_assert_cmpint (q (store, "SELECT count(*) FROM link WHERE item_key LIKE 'BIG-%'"), ==, fx.big_commits);
}

static void
test_shallow_and_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shallow = g_build_filename (tmp_root, "shallow", NULL);
  g_autofree char *empty = g_build_filename (tmp_root, "empty-repo", NULL);
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;

  ensure_fixtures ();
  url = g_strdup_printf ("file://%s", fx.repo);
  out = run_git (tmp_root, NULL, &error, "clone", "--quiet", "--depth", "2", url, shallow, NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);

  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };

    g_assert_true (import (store, shallow, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.n_records, ==, 2);
    g_assert_cmpint (q (store, "SELECT count(*) FROM repo WHERE name = 'shallow'"), ==, 1);
  }

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  out = run_git (empty, NULL, &error, "init", "--quiet", NULL);
  g_assert_no_error (error);
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };

    g_assert_cmpstr (uc_import_detect (empty, NULL, &error), ==, "git-repo");
    g_assert_no_error (error);
    g_assert_true (import (store, empty, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.n_records, ==, 0);
    g_assert_cmpint (q (store, "SELECT count(*) FROM source"), ==, 1);
  }
}

static void
test_detect (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain_dir = g_build_filename (tmp_root, "plain-folder", NULL);
  g_autofree char *text = write_file ("letter.txt", "Dear team,\nplease find attached…\n", -1);
  g_autofree char *blank = write_file ("blank.txt", "\n\n  \n", -1);
  g_autofree char *nothing = write_file ("nothing.txt", "", 0);
  g_autofree char *missing = g_build_filename (tmp_root, "no-such-file", NULL);
  g_autofree char *dot_git = NULL;
  double confidence = 0;

  ensure_fixtures ();

  g_assert_cmpstr (uc_import_detect (fx.repo, &confidence, &error), ==, "git-repo");
  g_assert_no_error (error);
  g_assert_cmpfloat (confidence, ==, 1.0);
  g_assert_cmpstr (uc_import_detect (fx.bare, &confidence, &error), ==, "git-repo");
  g_assert_no_error (error);
  dot_git = g_build_filename (fx.repo, ".git", NULL);
  g_assert_cmpstr (uc_import_detect (dot_git, &confidence, &error), ==, "git-repo");
  g_assert_no_error (error);
  g_assert_cmpstr (uc_import_detect (fx.uclog, &confidence, &error), ==, "git-log");
  g_assert_no_error (error);
  g_assert_cmpfloat (confidence, ==, 1.0);
  g_assert_cmpstr (uc_import_detect (fx.classic, &confidence, &error), ==, "git-log");
  g_assert_no_error (error);
  g_assert_cmpfloat (confidence, >=, 0.9);

  g_assert_cmpint (g_mkdir_with_parents (plain_dir, 0700), ==, 0);
  g_assert_null (uc_import_detect (plain_dir, &confidence, &error));
  g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "plain-folder"));
  g_clear_error (&error);

  g_assert_null (uc_import_detect (text, NULL, &error));
  g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "letter.txt"));
  g_clear_error (&error);

  g_assert_null (uc_import_detect (blank, NULL, &error));
  g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "blank.txt"));
  g_clear_error (&error);

  g_assert_null (uc_import_detect (nothing, NULL, &error));
  g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "nothing.txt"));
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  g_assert_null (uc_import_detect (missing, NULL, &error));
  g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no-such-file"));
  g_clear_error (&error);
}

static void
test_path_errors (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *plain_dir = g_build_filename (tmp_root, "plain-folder-2", NULL);
  g_autofree char *nothing = write_file ("nothing-2.log", "", 0);
  g_autofree char *text = write_file ("letter-2.txt", "Dear team\n", -1);
  g_autoptr(GError) error = NULL;

  ensure_fixtures ();
  g_assert_cmpint (g_mkdir_with_parents (plain_dir, 0700), ==, 0);

  /* A folder where a file is expected, and the reverse. */
  assert_import_fails_cleanly (store, fx.repo, "git-log", UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO, "folder");
  assert_import_fails_cleanly (store, fx.uclog, "git-repo", UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO, "file");
  /* A folder that is not a repository. */
  assert_import_fails_cleanly (store, plain_dir, "git-repo", UC_IMPORT_ERROR,
                               UC_IMPORT_ERROR_UNKNOWN_FORMAT, "not a Git repository");
  assert_import_fails_cleanly (store, plain_dir, NULL, UC_IMPORT_ERROR,
                               UC_IMPORT_ERROR_UNKNOWN_FORMAT, NULL);
  /* Empty, unknown, missing. */
  assert_import_fails_cleanly (store, nothing, "git-log", UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO, "empty");
  assert_import_fails_cleanly (store, text, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT, NULL);

  {
    g_autofree char *before = dump_workspace (store);
    g_autofree char *after = NULL;

    g_assert_false (import (store, fx.uclog, "no-such-format", UC_IMPORT_FLAGS_NONE, NULL, &error));
    g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT);
    g_assert_nonnull (strstr (error->message, "no-such-format"));
    g_assert_nonnull (strstr (error->message, "git-repo"));
    g_clear_error (&error);
    after = dump_workspace (store);
    g_assert_cmpstr (before, ==, after);
  }

  /* Unreadable (root reads everything: skip then). */
  if (geteuid () != 0)
    {
      g_autofree char *locked = write_file ("locked.log", "commit 1\n", -1);

      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      assert_import_fails_cleanly (store, locked, NULL, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO, NULL);
      g_chmod (locked, 0600);
    }
}

/* Without git on the PATH: a clear TOOL error, nothing written. */
static void
test_no_git (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("PATH"));
  g_autofree char *empty_dir = g_build_filename (tmp_root, "empty-path", NULL);
  g_auto(UcImportResult) result = { 0 };
  gboolean ok;

  ensure_fixtures ();
  g_assert_cmpint (g_mkdir_with_parents (empty_dir, 0700), ==, 0);
  g_setenv ("PATH", empty_dir, TRUE);
  ok = import (store, fx.repo, NULL, UC_IMPORT_FLAGS_NONE, &result, &error);
  g_setenv ("PATH", saved, TRUE);

  g_assert_false (ok);
  g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_TOOL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "git"));
  /* A failed import leaves the result empty. */
  g_assert_null (result.format);
  g_assert_cmpint (result.source_id, ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM source"), ==, 0);
}

static void
test_formats (void)
{
  const char * const *formats = uc_import_list_formats ();

  g_assert_nonnull (formats);
  g_assert_cmpstr (formats[0], ==, "git-repo");
  g_assert_cmpstr (formats[1], ==, "git-log");
  for (guint i = 0; formats[i] != NULL; i++)
    {
      g_assert_nonnull (uc_import_format_name (formats[i]));
      g_assert_cmpstr (uc_import_format_name (formats[i]), !=, "");
    }
  g_assert_cmpstr (uc_import_format_name ("git-repo"), ==, "Git repository");
  g_assert_null (uc_import_format_name ("nope"));
  g_assert_true (uc_import_error_quark () == UC_IMPORT_ERROR);

  /* Clearing twice, and clearing NULL, are fine. */
  {
    UcImportResult result = { 0 };

    result.format = g_strdup ("x");
    result.warnings = g_ptr_array_new ();
    uc_import_result_clear (&result);
    uc_import_result_clear (&result);
    uc_import_result_clear (NULL);
    g_assert_null (result.format);
  }
}

/* ---- progress and cancellation ---- */

typedef struct
{
  GArray       *times;       /* gint64 monotonic µs */
  GArray       *fractions;   /* double */
  GCancellable *cancel;      /* cancel on the second call (mid-import) */
  gboolean      slow_start;  /* sleep in the first call so the next can come */
  gboolean      cancelled;
} ProgressLog;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  ProgressLog *log = user_data;
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (log->times, now);
  g_array_append_val (log->fractions, fraction);
  if (log->times->len == 1 && log->slow_start)
    g_usleep (150 * 1000);
  if (log->cancel != NULL && log->times->len == 2 && !log->cancelled)
    {
      log->cancelled = TRUE;
      g_cancellable_cancel (log->cancel);
    }
}

static void
test_progress (void)
{
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ProgressLog log = { 0 };

  ensure_big ();
  store = new_workspace ();
  log.times = g_array_new (FALSE, FALSE, sizeof (gint64));
  log.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  log.slow_start = TRUE;

  g_assert_true (uc_import_path (store, fx.big, NULL, UC_IMPORT_FLAGS_NONE, NULL,
                                 progress_cb, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.times->len, >=, 2);
  for (guint i = 0; i < log.times->len; i++)
    {
      double f = g_array_index (log.fractions, double, i);

      g_assert_cmpfloat (f, >=, 0.0);
      g_assert_cmpfloat (f, <=, 1.0);
      if (i > 0)
        {
          /* At most ten a second, except the final report of 1.0, which
           * always goes out so that a progress bar ends full. */
          if (f < 1.0)
            g_assert_cmpint (g_array_index (log.times, gint64, i) -
                             g_array_index (log.times, gint64, i - 1), >=, G_USEC_PER_SEC / 10);
          g_assert_cmpfloat (f, >=, g_array_index (log.fractions, double, i - 1));
        }
    }
  g_assert_cmpfloat (g_array_index (log.fractions, double, log.times->len - 1), ==, 1.0);
  g_array_unref (log.times);
  g_array_unref (log.fractions);
}

static void
test_cancel (void)
{
  const char *paths[2];

  ensure_big ();
  ensure_fixtures ();
  paths[0] = fx.big;
  paths[1] = NULL;

  /* A big repository, cancelled from the progress callback mid-way. */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_autoptr(GCancellable) cancel = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    ProgressLog log = { 0 };

    /* Something to keep. */
    g_assert_true (import (store, fx.repo, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
    g_assert_no_error (error);
    before = dump_workspace (store);

    log.times = g_array_new (FALSE, FALSE, sizeof (gint64));
    log.fractions = g_array_new (FALSE, FALSE, sizeof (double));
    log.cancel = cancel;
    log.slow_start = TRUE;
    g_assert_false (uc_import_path (store, paths[0], NULL, UC_IMPORT_FLAGS_NONE, NULL,
                                    progress_cb, &log, cancel, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_true (log.cancelled);
    g_assert_false (uc_store_in_transaction (store));
    after = dump_workspace (store);
    g_assert_cmpstr (before, ==, after);
    g_array_unref (log.times);
    g_array_unref (log.fractions);
  }

  /* Already cancelled: nothing happens, for a file too. */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_autoptr(GCancellable) cancel = g_cancellable_new ();
    g_autoptr(GError) error = NULL;

    g_cancellable_cancel (cancel);
    g_assert_false (uc_import_path (store, fx.uclog, NULL, UC_IMPORT_FLAGS_NONE, NULL,
                                    NULL, NULL, cancel, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (q (store, "SELECT count(*) FROM source"), ==, 0);
  }
}

/* ---- speed ---- */

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* Run with -m perf: the import of a generated repository against plain
 * `git log --numstat` over the same history. */
static void
test_speed (void)
{
  g_autoptr(GError) error = NULL;
  double t_git = 1e9, t_import = 1e9;

  if (!g_test_perf ())
    {
      g_test_skip ("a performance measurement: run with -m perf");
      return;
    }
  ensure_big ();

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(UcStore) store = new_workspace ();
      g_autofree char *out = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      out = run_git (fx.big, NULL, &error, "log", "--numstat", "--branches", "--remotes",
                     "--tags", NULL);
      g_assert_no_error (error);
      t_git = MIN (t_git, seconds_since (start));

      start = g_get_monotonic_time ();
      g_assert_true (import (store, fx.big, NULL, UC_IMPORT_FLAGS_NONE, NULL, &error));
      g_assert_no_error (error);
      t_import = MIN (t_import, seconds_since (start));
    }
  g_test_minimized_result (t_import, "import of %u commits: %.3f s", fx.big_commits, t_import);
  g_test_message ("git log --numstat: %.3f s; import: %.3f s; ratio %.2f",
                  t_git, t_import, t_import / t_git);
}

/* ---- main ---- */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_root = g_dir_make_tmp ("uc-test-import-XXXXXX", &error);
  g_assert_no_error (error);
  /* Neither the user's nor the system's git configuration. */
  g_setenv ("HOME", tmp_root, TRUE);
  g_setenv ("GIT_CONFIG_NOSYSTEM", "1", TRUE);

  g_test_add_func ("/import/formats", test_formats);
  g_test_add_func ("/import/detect", test_detect);
  g_test_add_func ("/import/path-errors", test_path_errors);
  g_test_add_func ("/import/git/no-git", test_no_git);
  g_test_add_func ("/import/git/repo", test_repo_import);
  g_test_add_func ("/import/git/bare-and-export", test_bare_and_uclog_import);
  g_test_add_func ("/import/git/classic", test_classic_import);
  g_test_add_func ("/import/git/classic-variants", test_classic_variants);
  g_test_add_func ("/import/git/shallow-and-empty", test_shallow_and_empty);
  g_test_add_func ("/import/git/multiple-repositories", test_multiple_repositories);
  g_test_add_func ("/import/git/samples", test_samples);
  g_test_add_func ("/import/git/sample-details", test_sample_details);
  g_test_add_func ("/import/git/sample-incomplete", test_sample_incomplete);
  g_test_add_func ("/import/git/bad-logs", test_bad_logs);
  g_test_add_func ("/import/reimport", test_reimport);
  g_test_add_func ("/import/progress", test_progress);
  g_test_add_func ("/import/cancel", test_cancel);
  g_test_add_func ("/import/git/speed", test_speed);

  status = g_test_run ();

  remove_tree (tmp_root);
  g_free (tmp_root);
  g_free (fx.repo);
  g_free (fx.bare);
  g_free (fx.uclog);
  g_free (fx.classic);
  g_free (fx.big);
  return status;
}
