/* test-git-split.c: a long history read by two `git log`s at once imports
 * exactly like one `git log`.
 *
 * The git-repo importer splits histories of SPLIT_MIN_COMMITS commits and
 * more between `git log --max-count=K` and `git log --skip=K` (see
 * uc-git-import.c). UC_GIT_SPLIT_MIN lowers the threshold here, so a
 * generated history of a few hundred commits (merges, renames, a binary
 * file, authors who change their name, ticket keys, an AI co-author) is
 * imported both ways: every row of every table must be the same, ids
 * included (the order of the import is the same). Progress still goes from
 * 0 to 1, and cancelling half-way leaves the workspace as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "uc-import.h"

#define N_COMMITS 400

static char *tmp_root;
static char *private_tmp;    /* TMPDIR: the importer's temporary files */
static char *repo;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* The importer's temporary files left in TMPDIR. */
static guint
leftovers (void)
{
  g_autoptr(GDir) dir = g_dir_open (private_tmp, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, "undercurrent-");
  return n;
}

static void
run_git (const char *cwd,
         GBytes     *input,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) "git");
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new ((input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0) |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
  g_subprocess_launcher_setenv (launcher, "HOME", tmp_root, TRUE);
  g_subprocess_launcher_setenv (launcher, "GIT_CONFIG_NOSYSTEM", "1", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, input, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("git %s failed: %.*s", (const char *) argv->pdata[1],
             (int) g_bytes_get_size (err), (const char *) g_bytes_get_data (err, NULL));
}

static void
blob (GString    *s,
      const char *path,
      const char *text)
{
  g_string_append_printf (s, "M 100644 inline %s\ndata %zu\n%s\n", path, strlen (text), text);
}

/* A history with two branches merged now and then. */
static void
build_repo (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GBytes) input = NULL;
  guint mark = 0, last_main = 0, last_side = 0;

  for (guint c = 0; c < N_COMMITS; c++)
    {
      gboolean side = c % 7 == 3 || c % 7 == 4;
      guint a = (c * 7) % 11;
      /* Author 3 changes the spelling of their name half-way. */
      const char *name = a == 3 && c > N_COMMITS / 2 ? "Dee Renamed" : NULL;
      g_autofree char *who = name != NULL ? g_strdup (name) : g_strdup_printf ("Dev %u", a);
      g_autofree char *message = NULL;
      gint64 when = G_GINT64_CONSTANT (1700000000) + c * 3600;

      if (c % 50 == 0)
        message = g_strdup_printf ("Add binary asset %u\n\nCo-authored-by: Claude <noreply@anthropic.com>\n", c);
      else if (c % 13 == 0)
        message = g_strdup_printf ("Revert \"PRJ-%u: tweak\"\n\nThis reverts commit abc.\n", c / 5);
      else
        message = g_strdup_printf ("PRJ-%u: fix the thing %u\n\nRefs: OPS-%u\n", c / 5, c, c % 9);

      g_string_append_printf (s, "commit refs/heads/%s\nmark :%u\n", side ? "side" : "main", ++mark);
      g_string_append_printf (s, "author %s <dev%u@example.com> %" G_GINT64_FORMAT " +0100\n",
                              who, a, when);
      g_string_append_printf (s, "committer %s <dev%u@example.com> %" G_GINT64_FORMAT " +0100\n",
                              who, a, when + 60);
      g_string_append_printf (s, "data %zu\n%s\n", strlen (message), message);
      if (side && last_side != 0)
        g_string_append_printf (s, "from :%u\n", last_side);
      else if (side && last_main != 0)
        g_string_append_printf (s, "from :%u\n", last_main);
      else if (!side && last_main != 0)
        g_string_append_printf (s, "from :%u\n", last_main);
      /* Merge the side branch back every so often. */
      if (!side && c % 7 == 6 && last_side != 0)
        g_string_append_printf (s, "merge :%u\n", last_side);

      for (guint f = 0; f < 1 + c % 4; f++)
        {
          g_autofree char *path = g_strdup_printf ("src/dir%u/file%u.c", (c + f) % 5, (c * 3 + f) % 40);
          /* Long and mostly the same, so that renames are seen as such. */
          g_autofree char *text = g_strdup_printf ("/* A file of the project. */\n#include <stdio.h>\n"
                                                   "#include <stdlib.h>\n#include <string.h>\n\n"
                                                   "static int table[] = { 1, 2, 3, 4, 5, 6, 7, 8 };\n\n"
                                                   "int\nmain (void)\n{\n  return table[0];\n}\n"
                                                   "int v%u = %u;\nint w = %u;\n", f, c, c * f);

          blob (s, path, text);
        }
      if (c % 50 == 0)
        {
          g_autofree char *bin = g_strdup_printf ("assets/img%u.bin", c);

          const char bytes[] = { 1, 2, (char) ('a' + c % 20), 0, 5, 6 };

          g_string_append_printf (s, "M 100644 inline %s\ndata %zu\n", bin, sizeof bytes);
          g_string_append_len (s, bytes, sizeof bytes);
          g_string_append_c (s, '\n');
        }
      if (c % 60 == 30)
        g_string_append_printf (s, "R src/dir%u/file%u.c src/moved/file%u-%u.c\n",
                                c % 5, (c * 3) % 40, (c * 3) % 40, c);

      if (side)
        last_side = mark;
      else
        last_main = mark;
    }
  g_string_append (s, "done\n");

  repo = g_build_filename (tmp_root, "history", NULL);
  g_assert_cmpint (g_mkdir_with_parents (repo, 0700), ==, 0);
  run_git (repo, NULL, "init", "--quiet", "--initial-branch=main", NULL);
  input = g_bytes_new (s->str, s->len);
  run_git (repo, input, "fast-import", "--quiet", NULL);
  run_git (repo, NULL, "reset", "--quiet", "--hard", "main", NULL);
}

/* Every row of every table but the import times. */
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
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2", table);
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "[%s]\n", table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            {
              const char *column = sqlite3_column_name (rows, i);
              const unsigned char *v = sqlite3_column_text (rows, i);

              if (g_str_equal (table, "source") && g_str_equal (column, "imported_at"))
                continue;
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
  GArray       *fractions;
  GCancellable *cancel;       /* cancelled once the import is under way, when set */
} Progress;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_array_append_val (p->fractions, fraction);
  /* Reports come ten a second at most: after a pause the next one is
   * not held back. */
  if (p->fractions->len == 1)
    g_usleep (150 * 1000);
  if (p->cancel != NULL && fraction > 0.0 && fraction < 1.0)
    g_cancellable_cancel (p->cancel);
}

/* Import the history into a new workspace, split from @split_min commits. */
static char *
import_dump (const char *split_min,
             const char *name,
             Progress   *progress)
{
  g_autofree char *path = g_build_filename (tmp_root, name, NULL);
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(UcImportResult) result = { 0 };

  store = uc_store_create (path, &error);
  g_assert_no_error (error);
  g_setenv ("UC_GIT_SPLIT_MIN", split_min, TRUE);
  g_assert_true (uc_import_path (store, repo, "git-repo", UC_IMPORT_FLAGS_NONE, &result,
                                 progress != NULL ? progress_cb : NULL, progress, NULL, &error));
  g_unsetenv ("UC_GIT_SPLIT_MIN");
  g_assert_no_error (error);
  g_assert_cmpint (result.n_records, ==, N_COMMITS);
  g_assert_cmpint (result.n_new, ==, N_COMMITS);
  return dump_workspace (store);
}

static void
test_split_same (void)
{
  g_autofree char *single = import_dump ("1000000", "single.undercurrent", NULL);
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), NULL };
  g_autofree char *split = import_dump ("2", "split.undercurrent", &progress);

  /* The fixture has what it should: renames, links from the trailers. */
  g_assert_nonnull (strstr (single, "|R|"));
  g_assert_nonnull (strstr (single, "OPS-"));
  g_assert_cmpstr (single, ==, split);
  g_assert_cmpuint (leftovers (), ==, 0);

  g_assert_cmpuint (progress.fractions->len, >=, 1);
  for (guint i = 0; i < progress.fractions->len; i++)
    {
      double f = g_array_index (progress.fractions, double, i);

      g_assert_cmpfloat (f, >=, 0.0);
      g_assert_cmpfloat (f, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (f, >=, g_array_index (progress.fractions, double, i - 1));
    }
  g_array_unref (progress.fractions);
}

static void
test_split_cancel (void)
{
  g_autofree char *path = g_build_filename (tmp_root, "cancel.undercurrent", NULL);
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), cancel };

  store = uc_store_create (path, &error);
  g_assert_no_error (error);
  before = dump_workspace (store);

  g_setenv ("UC_GIT_SPLIT_MIN", "2", TRUE);
  g_assert_false (uc_import_path (store, repo, "git-repo", UC_IMPORT_FLAGS_NONE, NULL,
                                  progress_cb, &progress, cancel, &error));
  g_unsetenv ("UC_GIT_SPLIT_MIN");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (uc_store_in_transaction (store));
  after = dump_workspace (store);
  g_assert_cmpstr (before, ==, after);
  /* Cancelled half-way, not before it began. */
  g_assert_cmpuint (progress.fractions->len, >=, 2);
  g_array_unref (progress.fractions);
  g_assert_cmpuint (leftovers (), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  const char *base = g_getenv ("TMPDIR");
  int status;

  /* A TMPDIR of our own, set before GLib reads it, to see what the
   * importer leaves there. */
  tmp_root = g_build_filename (base != NULL && *base != '\0' ? base : "/tmp",
                               "uc-test-git-split-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (tmp_root));
  private_tmp = g_build_filename (tmp_root, "tmp", NULL);
  g_assert_cmpint (g_mkdir (private_tmp, 0700), ==, 0);
  g_setenv ("TMPDIR", private_tmp, TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  build_repo ();

  g_test_add_func ("/import/git/split/same", test_split_same);
  g_test_add_func ("/import/git/split/cancel", test_split_cancel);

  status = g_test_run ();
  remove_tree (tmp_root);
  g_free (repo);
  g_free (private_tmp);
  g_free (tmp_root);
  return status;
}
