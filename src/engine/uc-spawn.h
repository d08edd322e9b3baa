/* uc-spawn.h: running helper programs (git) from worker threads.
 *
 * GSubprocess reaps its children through a child watch on GLib's worker
 * thread; with GLib 2.74 we saw rare hangs in g_object_unref() when a
 * GSubprocess finished on one thread while a worker thread let go of it
 * (about 2 in 100 demo builds in a GTask). These helpers use plain
 * g_spawn with G_SPAWN_DO_NOT_REAP_CHILD and waitpid(), so nothing but the
 * calling thread ever touches the child.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  const char         *cwd;          /* NULL: the current folder */
  const char * const *setenv;       /* "NAME=value" pairs to set, or NULL */
  const char * const *unsetenv;     /* names to remove, or NULL */
  int                 stdin_fd;     /* -1: /dev/null */
  const char         *stderr_path;  /* NULL: /dev/null */
  gboolean            lower_priority; /* nice(10) in the child */
} UcSpawnOptions;

/* A running child whose standard output is a pipe. */
typedef struct
{
  GPid pid;
  int  stdout_fd;                   /* owned until taken; -1 when taken */
} UcChild;

gboolean uc_spawn          (const char * const   *argv,
                            const UcSpawnOptions *options,
                            UcChild              *child,
                            GError              **error);
/* Wait for the child (killing it first when @kill is TRUE) and return its
 * wait status; closes the stdout fd if still owned. Safe on a zeroed or
 * already waited child (returns -1). */
int      uc_child_wait     (UcChild              *child,
                            gboolean              kill);

/* Run @argv to completion: its standard output in *@out, its exit status
 * (or -1 when killed by a signal) in *@exit_status and the first part of
 * its standard error in *@err_text (may be NULL). Cancelling kills the
 * child and returns G_IO_ERROR_CANCELLED. */
gboolean uc_spawn_capture  (const char * const   *argv,
                            const UcSpawnOptions *options,
                            GBytes              **out,
                            char                **err_text,
                            int                  *exit_status,
                            GCancellable         *cancellable,
                            GError              **error);

G_END_DECLS
