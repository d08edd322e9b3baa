/* uc-demo-slack.c: the demo's Slack workspace export.
 *
 * The folder Slack's "Export data" produces: users.json (profiles with
 * their e-mail addresses), channels.json (#general and one channel per
 * team) and, per channel, one YYYY-MM-DD.json file per day (UTC) with
 * that day's messages: thread roots carry thread_ts, reply_count and
 * replies; replies carry thread_ts and parent_user_id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-demo-private.h"

#define WORKSPACE_ID "T0ACME001"

typedef struct
{
  guint   index;      /* into the model's messages */
  guint   channel;
  UcTime  time;
  guint   micro;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->channel != y->channel)
    return x->channel < y->channel ? -1 : 1;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  if (x->micro != y->micro)
    return x->micro < y->micro ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

static gboolean
write_file (const char  *path,
            GString     *text,
            GError     **error)
{
  FILE *file = _uc_demo_file_open (path, error);

  if (file == NULL)
    return FALSE;
  if (!_uc_demo_file_write (file, path, text, error))
    {
      fclose (file);
      return FALSE;
    }
  return _uc_demo_file_close (file, path, error);
}

static char *
channel_id (guint channel)
{
  return g_strdup_printf ("C0%07X", 0x1A00000 + channel * 7);
}

static gboolean
write_users (UcDemoModel  *model,
             const char   *dir,
             GError      **error)
{
  g_autoptr(GString) out = g_string_new ("[");
  g_autofree char *path = g_build_filename (dir, "users.json", NULL);
  gboolean first = TRUE;

  for (guint i = 0; i < model->people->len; i++)
    {
      const UcDemoPerson *p = g_ptr_array_index (model->people, i);

      if (p->slack_id == NULL)
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_printf (out, "\n{\"id\":\"%s\",\"team_id\":\"" WORKSPACE_ID "\",\"name\":", p->slack_id);
      _uc_demo_json_string (out, p->slack_name);
      g_string_append (out, ",\"deleted\":false,\"real_name\":");
      _uc_demo_json_string (out, p->name);
      g_string_append_printf (out, ",\"tz_offset\":%d,\"profile\":{\"real_name\":", p->tz_minutes * 60);
      _uc_demo_json_string (out, p->name);
      g_string_append (out, ",\"display_name\":");
      _uc_demo_json_string (out, p->slack_name);
      g_string_append (out, ",\"email\":");
      _uc_demo_json_string (out, p->email);
      g_string_append (out, ",\"team\":\"" WORKSPACE_ID "\"},\"is_admin\":false,\"is_bot\":false,\"is_app_user\":false}");
    }
  g_string_append (out, "\n]\n");
  return write_file (path, out, error);
}

static gboolean
write_channels (UcDemoModel  *model,
                const char   *dir,
                GError      **error)
{
  g_autoptr(GString) out = g_string_new ("[");
  g_autofree char *path = g_build_filename (dir, "channels.json", NULL);

  for (guint c = 0; c < model->channels->len; c++)
    {
      g_autofree char *id = channel_id (c);
      gboolean first = TRUE;

      if (c > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "\n{\"id\":\"%s\",\"name\":", id);
      _uc_demo_json_string (out, g_ptr_array_index (model->channels, c));
      g_string_append_printf (out, ",\"created\":%" G_GINT64_FORMAT ",\"is_archived\":false,\"is_general\":%s,\"members\":[",
                              model->start, c == 0 ? "true" : "false");
      for (guint i = 0; i < model->people->len; i++)
        {
          const UcDemoPerson *p = g_ptr_array_index (model->people, i);

          if (p->slack_id == NULL || (c > 0 && p->team + 1 != c))
            continue;
          g_string_append_printf (out, "%s\"%s\"", first ? "" : ",", p->slack_id);
          first = FALSE;
        }
      g_string_append (out, "],\"topic\":{\"value\":\"\",\"creator\":\"\",\"last_set\":0},"
                       "\"purpose\":{\"value\":\"\",\"creator\":\"\",\"last_set\":0}}");
    }
  g_string_append (out, "\n]\n");
  return write_file (path, out, error);
}

static void
ts_text (char   *out,
         gsize   size,
         UcTime  time,
         guint   micro)
{
  g_snprintf (out, size, "%" G_GINT64_FORMAT ".%06u", time, micro);
}

gboolean
_uc_demo_write_slack (UcDemoModel   *model,
                      const char    *dir,
                      GCancellable  *cancellable,
                      GError       **error)
{
  guint n = model->messages->len;
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), n);
  g_autofree guint *micro = g_new0 (guint, MAX (n, 1));
  g_autofree guint *n_replies = g_new0 (guint, MAX (n, 1));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *day_path = NULL;
  char current_day[16] = "";
  guint current_channel = G_MAXUINT;

  if (!_uc_demo_mkdir (dir, error) ||
      !write_users (model, dir, error) ||
      !write_channels (model, dir, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const UcDemoMessage *m = &g_array_index (model->messages, UcDemoMessage, i);
      Entry e = { i, m->channel, m->time, m->micro };

      g_array_append_val (entries, e);
      if (m->thread_root >= 0)
        n_replies[m->thread_root]++;
    }
  g_array_sort (entries, compare_entries);
  /* A ts names a message within its channel: make every one unique. */
  for (guint i = 0; i < n; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);

      if (i > 0)
        {
          const Entry *prev = &g_array_index (entries, Entry, i - 1);

          if (prev->channel == e->channel && prev->time == e->time && e->micro <= prev->micro)
            e->micro = prev->micro + 1;
        }
      micro[e->index] = e->micro;
    }

  for (guint i = 0; i < n; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      const UcDemoMessage *m = &g_array_index (model->messages, UcDemoMessage, e->index);
      const UcDemoPerson *author = g_ptr_array_index (model->people, m->author);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (m->time);
      g_autofree char *day = g_date_time_format (dt, "%Y-%m-%d");
      char ts[40], root_ts[40];

      if (e->channel != current_channel || strcmp (day, current_day) != 0)
        {
          if (day_path != NULL)
            {
              g_string_append (out, "\n]\n");
              if (!write_file (day_path, out, error))
                return FALSE;
            }
          if (e->channel != current_channel)
            {
              g_autofree char *folder = g_build_filename (dir, g_ptr_array_index (model->channels, e->channel), NULL);

              if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
                  !_uc_demo_mkdir (folder, error))
                return FALSE;
            }
          g_free (day_path);
          {
            g_autofree char *name = g_strconcat (day, ".json", NULL);

            day_path = g_build_filename (dir, g_ptr_array_index (model->channels, e->channel), name, NULL);
          }
          g_strlcpy (current_day, day, sizeof current_day);
          current_channel = e->channel;
          g_string_assign (out, "[");
        }
      else
        g_string_append_c (out, ',');

      ts_text (ts, sizeof ts, m->time, micro[e->index]);
      g_string_append (out, "\n{\"type\":\"message\",\"text\":");
      _uc_demo_json_string (out, m->text);
      g_string_append_printf (out, ",\"user\":\"%s\",\"ts\":\"%s\",\"team\":\"" WORKSPACE_ID "\"",
                              author->slack_id, ts);
      if (m->thread_root >= 0)
        {
          const UcDemoMessage *root = &g_array_index (model->messages, UcDemoMessage, m->thread_root);
          const UcDemoPerson *root_author = g_ptr_array_index (model->people, root->author);

          ts_text (root_ts, sizeof root_ts, root->time, micro[m->thread_root]);
          g_string_append_printf (out, ",\"thread_ts\":\"%s\",\"parent_user_id\":\"%s\"",
                                  root_ts, root_author->slack_id);
        }
      else if (n_replies[e->index] > 0)
        g_string_append_printf (out, ",\"thread_ts\":\"%s\",\"reply_count\":%u", ts, n_replies[e->index]);
      g_string_append_c (out, '}');
    }
  if (day_path != NULL)
    {
      g_string_append (out, "\n]\n");
      if (!write_file (day_path, out, error))
        return FALSE;
    }
  return TRUE;
}
