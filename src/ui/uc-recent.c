/* uc-recent.c: the recently opened workspaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-recent.h"

#define RECENT_KEY "recent-workspaces"

char **
uc_recent_list (GSettings *settings)
{
  g_auto(GStrv) all = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n = 0;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  all = g_settings_get_strv (settings, RECENT_KEY);
  builder = g_strv_builder_new ();
  for (guint i = 0; all[i] != NULL && n < UC_RECENT_MAX; i++)
    {
      if (all[i][0] == '\0')
        continue;
      g_strv_builder_add (builder, all[i]);
      n++;
    }
  return g_strv_builder_end (builder);
}

static void
store_list (GSettings   *settings,
            const char  *first,
            char       **rest,
            const char  *skip)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint n = 0;

  if (first != NULL)
    {
      g_strv_builder_add (builder, first);
      n++;
    }
  for (guint i = 0; rest[i] != NULL && n < UC_RECENT_MAX; i++)
    {
      if (g_strcmp0 (rest[i], skip) == 0)
        continue;
      g_strv_builder_add (builder, rest[i]);
      n++;
    }
  list = g_strv_builder_end (builder);
  g_settings_set_strv (settings, RECENT_KEY, (const char * const *)list);
}

void
uc_recent_add (GSettings  *settings,
               const char *path)
{
  g_auto(GStrv) list = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (path != NULL && path[0] != '\0');

  list = uc_recent_list (settings);
  if (list[0] != NULL && g_strcmp0 (list[0], path) == 0)
    return;
  store_list (settings, path, list, path);
}

void
uc_recent_remove (GSettings  *settings,
                  const char *path)
{
  g_auto(GStrv) list = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (path != NULL);

  list = uc_recent_list (settings);
  if (!g_strv_contains ((const char * const *)list, path))
    return;
  store_list (settings, NULL, list, path);
}
