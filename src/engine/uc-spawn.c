/* uc-spawn.c: running helper programs without GSubprocess.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>

#include "uc-spawn.h"

static void
lower_priority (gpointer user_data)
{
  if (GPOINTER_TO_INT (user_data) && nice (10) == -1)
    return;
}

static char **
make_environment (const UcSpawnOptions *options)
{
  char **env = g_get_environ ();

  for (guint i = 0; options->unsetenv != NULL && options->unsetenv[i] != NULL; i++)
    env = g_environ_unsetenv (env, options->unsetenv[i]);
  for (guint i = 0; options->setenv != NULL && options->setenv[i] != NULL; i++)
    {
      const char *eq = strchr (options->setenv[i], '=');
      g_autofree char *name = NULL;

      if (eq == NULL)
        continue;
      name = g_strndup (options->setenv[i], eq - options->setenv[i]);
      env = g_environ_setenv (env, name, eq + 1, TRUE);
    }
  return env;
}

gboolean
uc_spawn (const char * const   *argv,
          const UcSpawnOptions *options,
          UcChild              *child,
          GError              **error)
{
  static const UcSpawnOptions defaults = { NULL, NULL, NULL, -1, NULL, FALSE };
  g_auto(GStrv) env = NULL;
  int null_fd = -1, err_fd = -1, stdin_fd;
  gboolean ok;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, FALSE);
  g_return_val_if_fail (child != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  child->pid = 0;
  child->stdout_fd = -1;
  env = make_environment (options);

  stdin_fd = options->stdin_fd;
  if (stdin_fd < 0)
    stdin_fd = null_fd = g_open ("/dev/null", O_RDONLY | O_CLOEXEC, 0);
  err_fd = options->stderr_path != NULL
           ? g_open (options->stderr_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)
           : g_open ("/dev/null", O_WRONLY | O_CLOEXEC, 0);
  if (stdin_fd < 0 || err_fd < 0)
    {
      int saved = errno;

      if (null_fd >= 0)
        g_close (null_fd, NULL);
      if (err_fd >= 0)
        g_close (err_fd, NULL);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s", g_strerror (saved));
      return FALSE;
    }

  ok = g_spawn_async_with_pipes_and_fds (options->cwd, argv, (const char * const *) env,
                                         G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                         lower_priority,
                                         GINT_TO_POINTER (options->lower_priority),
                                         stdin_fd, -1, err_fd, NULL, NULL, 0,
                                         &child->pid, NULL, &child->stdout_fd, NULL,
                                         error);
  if (null_fd >= 0)
    g_close (null_fd, NULL);
  g_close (err_fd, NULL);
  if (!ok)
    {
      child->pid = 0;
      child->stdout_fd = -1;
    }
  return ok;
}

int
uc_child_wait (UcChild  *child,
               gboolean  kill_first)
{
  int status = -1;

  /* A zeroed UcChild was never spawned: its 0 is not a descriptor of ours
   * (closing it would close standard input). */
  if (child->pid <= 0)
    return -1;
  if (child->stdout_fd >= 0)
    {
      g_close (child->stdout_fd, NULL);
      child->stdout_fd = -1;
    }
  if (kill_first)
    kill (child->pid, SIGTERM);
  while (waitpid (child->pid, &status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (child->pid);
  child->pid = 0;
  return status;
}

gboolean
uc_spawn_capture (const char * const   *argv,
                  const UcSpawnOptions *options,
                  GBytes              **out,
                  char                **err_text,
                  int                  *exit_status,
                  GCancellable         *cancellable,
                  GError              **error)
{
  UcSpawnOptions opts = { 0 };
  g_autofree char *err_path = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  UcChild child = { 0 };
  gboolean cancelled = FALSE;
  int status, tmp_fd;

  if (options != NULL)
    opts = *options;
  else
    opts.stdin_fd = -1;

  /* Standard error goes to a file: reading two pipes in turn could
   * deadlock when the child fills the one we are not reading. */
  if (err_text != NULL && opts.stderr_path == NULL)
    {
      tmp_fd = g_file_open_tmp ("undercurrent-spawn-XXXXXX.err", &err_path, error);
      if (tmp_fd < 0)
        return FALSE;
      g_close (tmp_fd, NULL);
      opts.stderr_path = err_path;
    }

  if (!uc_spawn (argv, &opts, &child, error))
    {
      if (err_path != NULL)
        g_unlink (err_path);
      return FALSE;
    }

  for (;;)
    {
      struct pollfd pfd = { child.stdout_fd, POLLIN, 0 };
      guint8 chunk[65536];
      ssize_t n;
      int rc;

      if (g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      rc = poll (&pfd, 1, 100);
      if (rc < 0 && errno == EINTR)
        continue;
      if (rc == 0)
        continue;
      n = read (child.stdout_fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_byte_array_append (buffer, chunk, (guint) n);
    }

  status = uc_child_wait (&child, cancelled);
  if (err_text != NULL)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_get_contents (opts.stderr_path, &contents, &len, NULL))
        *err_text = g_strndup (contents, MIN (len, 4096));
      else
        *err_text = g_strdup ("");
    }
  if (err_path != NULL)
    g_unlink (err_path);

  if (cancelled)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      if (err_text != NULL)
        g_clear_pointer (err_text, g_free);
      return FALSE;
    }

  if (exit_status != NULL)
    *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  if (out != NULL)
    *out = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
  return TRUE;
}
