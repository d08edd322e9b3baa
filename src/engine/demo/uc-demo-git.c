/* uc-demo-git.c: the demo's git repositories, written with git fast-import.
 *
 * One bare repository per team ("atlas.git"), one linear history on
 * main: the team's commits in time order, each with its author's name,
 * address and time zone, its message (ticket keys, fix and revert words,
 * AI co-author trailers as the simulation wrote them) and the full new
 * content of every file it touched. File contents are made-up lines, each
 * unique, so that git's own diff (what the importer reads with --numstat)
 * counts exactly the lines the simulation changed.
 *
 * git runs through uc-spawn.h (never GSubprocess), with no user or system
 * configuration, reading the stream from a file beside the repository.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "uc-demo-private.h"
#include "uc-import.h"
#include "uc-spawn.h"

#define FLUSH_SIZE (1024 * 1024)
#define MIN_LINES  8
/* Files are kept short: a longer file is trimmed back (so git counts a
 * few more deleted lines than the simulation did). */
#define MAX_LINES  120

typedef struct
{
  GArray  *lines;      /* guint32: a unique id per line */
  gboolean exists;
} FileState;

static gboolean
run_git (const char * const *argv,
         const char         *cwd,
         const char         *input_path,
         GCancellable       *cancellable,
         GError            **error)
{
  static const char * const env[] = {
    /* No user or system configuration may change what is generated. */
    "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "LC_ALL=C", NULL,
  };
  static const char * const unset[] = {
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", NULL,
  };
  UcSpawnOptions options = { cwd, env, unset, -1, NULL, FALSE };
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
                       _("Could not read “%s”: %s"), input_path, g_strerror (saved));
          return FALSE;
        }
      options.stdin_fd = fd;
    }
  ok = uc_spawn_capture (argv, &options, NULL, &err, &status, cancellable, error);
  if (fd >= 0)
    g_close (fd, NULL);
  if (!ok)
    {
      if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (error, _("Could not run git (is it installed?): "));
      return FALSE;
    }
  if (status != 0)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_TOOL,
                   _("git %s failed while writing the demo repository: %s"),
                   argv[1], err != NULL ? g_strstrip (err) : "");
      return FALSE;
    }
  return TRUE;
}

static char *
format_tz (int minutes)
{
  int a = ABS (minutes);

  return g_strdup_printf ("%c%02d%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
}

/* A deterministic position for an edit of @n lines in a file of @len. */
static guint
edit_position (guint32 *state,
               guint    len,
               guint    n)
{
  *state = *state * 1664525u + 1013904223u;
  if (len <= n)
    return 0;
  return (*state >> 8) % (len - n + 1);
}

static void
apply_touch (FileState         *file,
             const UcDemoTouch *touch,
             guint32           *next_line,
             guint32           *state)
{
  if (!file->exists || touch->create)
    {
      guint n = MAX (touch->add, MIN_LINES);

      g_array_set_size (file->lines, 0);
      for (guint i = 0; i < n; i++)
        {
          guint32 id = (*next_line)++;
          g_array_append_val (file->lines, id);
        }
      file->exists = TRUE;
      return;
    }

  if (touch->replace > 0)
    {
      guint n = MIN (touch->replace, file->lines->len);
      guint at = edit_position (state, file->lines->len, n);

      for (guint i = 0; i < n; i++)
        g_array_index (file->lines, guint32, at + i) = (*next_line)++;
    }
  if (touch->remove > 0 && file->lines->len > MIN_LINES)
    {
      guint n = MIN (touch->remove, file->lines->len - MIN_LINES);
      guint at = edit_position (state, file->lines->len, n);

      g_array_remove_range (file->lines, at, n);
    }
  if (touch->add > 0)
    {
      guint at = edit_position (state, file->lines->len, 0);

      for (guint i = 0; i < touch->add; i++)
        {
          guint32 id = (*next_line)++;
          g_array_insert_val (file->lines, at + i, id);
        }
    }
  if (file->lines->len > MAX_LINES)
    g_array_set_size (file->lines, MAX_LINES - touch->add / 2);
}

static void
append_content (GString         *stream,
                const char      *path,
                const FileState *file)
{
  gsize header, start;

  g_string_append_printf (stream, "M 100644 inline %s\ndata ", path);
  header = stream->len;
  /* Room for the size, patched below. */
  g_string_append (stream, "0000000000\n");
  start = stream->len;
  if (g_str_equal (path, "package-lock.json"))
    {
      g_string_append (stream, "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n");
      for (guint i = 0; i < file->lines->len; i++)
        g_string_append_printf (stream, "    \"pkg-%u\": \"1.0.%u\",\n",
                                i, g_array_index (file->lines, guint32, i));
      g_string_append (stream, "    \"\": {}\n  }\n}\n");
    }
  else
    {
      g_string_append_printf (stream, "// %s\n", path);
      for (guint i = 0; i < file->lines->len; i++)
        g_string_append_printf (stream, "\tstep_%u ();\n", g_array_index (file->lines, guint32, i));
    }
  {
    char size[16];

    g_snprintf (size, sizeof size, "%010" G_GSIZE_FORMAT, stream->len - start);
    memcpy (stream->str + header, size, 10);
  }
  g_string_append_c (stream, '\n');
}

static gboolean
write_stream (UcDemoModel   *model,
              guint          team_index,
              const char    *path,
              GCancellable  *cancellable,
              GError       **error)
{
  UcDemoTeam *team = g_ptr_array_index (model->teams, team_index);
  g_autoptr(GString) stream = g_string_sized_new (FLUSH_SIZE + 64 * 1024);
  g_autofree FileState *files = g_new0 (FileState, team->files->len);
  guint32 next_line = 1, state = 0x9e3779b9u ^ team_index;
  FILE *out;
  gboolean ok = TRUE;
  guint n = 0;

  out = _uc_demo_file_open (path, error);
  if (out == NULL)
    return FALSE;
  for (guint f = 0; f < team->files->len; f++)
    files[f].lines = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint c = 0; ok && c < model->commits->len; c++)
    {
      const UcDemoCommit *commit = &g_array_index (model->commits, UcDemoCommit, c);
      const UcDemoPerson *author;
      g_autofree char *tz = NULL;

      if (commit->team != team_index)
        continue;
      if ((++n & 0x3ff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      author = g_ptr_array_index (model->people, commit->author);
      tz = format_tz (author->tz_minutes);
      g_string_append (stream, "commit refs/heads/main\n");
      g_string_append_printf (stream, "author %s <%s> %" G_GINT64_FORMAT " %s\n",
                              author->name, author->email, commit->time, tz);
      g_string_append_printf (stream, "committer %s <%s> %" G_GINT64_FORMAT " %s\n",
                              author->name, author->email, commit->time, tz);
      g_string_append_printf (stream, "data %" G_GSIZE_FORMAT "\n%s\n",
                              strlen (commit->message), commit->message);
      for (guint t = 0; t < commit->n_touches; t++)
        {
          const UcDemoTouch *touch = &g_array_index (model->touches, UcDemoTouch, commit->first_touch + t);
          FileState *file = &files[touch->file];

          apply_touch (file, touch, &next_line, &state);
          append_content (stream, g_ptr_array_index (team->files, touch->file), file);
        }
      if (stream->len >= FLUSH_SIZE)
        ok = _uc_demo_file_write (out, path, stream, error);
    }
  g_string_append (stream, "done\n");
  if (ok)
    ok = _uc_demo_file_write (out, path, stream, error);
  for (guint f = 0; f < team->files->len; f++)
    g_array_unref (files[f].lines);
  if (!ok)
    {
      fclose (out);
      return FALSE;
    }
  return _uc_demo_file_close (out, path, error);
}

/* The repositories of every team under @dir ("…/git/atlas.git"…): the
 * streams are written one after the other, then git fast-import runs on
 * them in parallel, as many at a time as there are processors. */
gboolean
_uc_demo_write_git (UcDemoModel   *model,
                    const char    *dir,
                    GCancellable  *cancellable,
                    GError       **error)
{
  static const char * const env[] = {
    "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "LC_ALL=C", NULL,
  };
  static const char * const unset[] = {
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", NULL,
  };
  /* The repositories are read once by the importer: little compression. */
  const char *import_argv[] = { "git", "-c", "core.compression=1", "fast-import", "--quiet", "--done", NULL };
  guint n = model->teams->len;
  guint max_running = CLAMP (g_get_num_processors (), 1, 16);
  g_autofree UcChild *children = g_new0 (UcChild, n);
  g_autofree int *inputs = g_new (int, n);
  g_autoptr(GPtrArray) repos = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) streams = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) errs = g_ptr_array_new_with_free_func (g_free);
  guint next = 0, running = 0, finished = 0;
  gboolean ok = TRUE;

  for (guint t = 0; t < n; t++)
    inputs[t] = -1;
  if (!_uc_demo_mkdir (dir, error))
    return FALSE;

  for (guint t = 0; ok && t < n; t++)
    {
      UcDemoTeam *team = g_ptr_array_index (model->teams, t);
      g_autofree char *name = g_strconcat (team->name, ".git", NULL);
      char *repo = g_build_filename (dir, name, NULL);
      const char *init_argv[] = { "git", "init", "--quiet", "--bare", "--initial-branch=main", repo, NULL };

      g_ptr_array_add (repos, repo);
      g_ptr_array_add (streams, g_strconcat (repo, ".stream", NULL));
      g_ptr_array_add (errs, g_strconcat (repo, ".err", NULL));
      ok = run_git (init_argv, dir, NULL, cancellable, error) &&
           write_stream (model, t, g_ptr_array_index (streams, t), cancellable, error);
    }

  /* Run the imports, at most max_running at a time; a child is done when
   * its (silent) standard output closes. */
  while (ok && finished < n)
    {
      struct pollfd fds[16];
      guint which[16];
      guint n_fds = 0;

      while (ok && next < n && running < max_running)
        {
          UcSpawnOptions options = { g_ptr_array_index (repos, next), env, unset, -1,
                                     g_ptr_array_index (errs, next), FALSE };

          inputs[next] = g_open (g_ptr_array_index (streams, next), O_RDONLY | O_CLOEXEC, 0);
          if (inputs[next] < 0)
            {
              int saved = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not read “%s”: %s"),
                           (const char *) g_ptr_array_index (streams, next), g_strerror (saved));
              ok = FALSE;
              break;
            }
          options.stdin_fd = inputs[next];
          if (!uc_spawn (import_argv, &options, &children[next], error))
            {
              g_prefix_error (error, _("Could not run git (is it installed?): "));
              ok = FALSE;
              break;
            }
          g_close (inputs[next], NULL);
          inputs[next] = -1;
          next++;
          running++;
        }
      if (!ok)
        break;

      for (guint t = 0; t < next; t++)
        if (children[t].pid > 0 && children[t].stdout_fd >= 0)
          {
            fds[n_fds].fd = children[t].stdout_fd;
            fds[n_fds].events = POLLIN;
            fds[n_fds].revents = 0;
            which[n_fds++] = t;
          }
      if (poll (fds, n_fds, 100) < 0 && errno != EINTR)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "poll: %s", g_strerror (saved));
          ok = FALSE;
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      for (guint i = 0; i < n_fds; i++)
        {
          char buf[4096];
          gssize got;
          guint t = which[i];
          int status;

          if (fds[i].revents == 0)
            continue;
          got = read (fds[i].fd, buf, sizeof buf);
          if (got > 0 || (got < 0 && errno == EINTR))
            continue;
          status = uc_child_wait (&children[t], FALSE);
          running--;
          finished++;
          if (!g_spawn_check_wait_status (status, NULL))
            {
              g_autofree char *err = NULL;

              g_file_get_contents (g_ptr_array_index (errs, t), &err, NULL, NULL);
              g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_TOOL,
                           _("git fast-import failed while writing the demo repository “%s”: %s"),
                           (const char *) g_ptr_array_index (repos, t), err != NULL ? g_strstrip (err) : "");
              ok = FALSE;
              break;
            }
        }
    }

  for (guint t = 0; t < n; t++)
    {
      if (children[t].pid > 0)
        uc_child_wait (&children[t], TRUE);
      if (inputs[t] >= 0)
        g_close (inputs[t], NULL);
    }
  for (guint t = 0; t < streams->len; t++)
    {
      g_unlink (g_ptr_array_index (streams, t));
      g_unlink (g_ptr_array_index (errs, t));
    }
  return ok;
}
