/* uc-demo-jira.c: the demo's Jira export.
 *
 * What a coach gets from
 *   GET /rest/api/2/search?jql=project=ATL&expand=changelog&startAt=…
 * one file per page and project ("search-ATL-0001.json"…), pages of 100 issues
 * with their fields (type, status with its category, reporter, assignee,
 * dates, resolution, summary, description, comments) and their changelog
 * (one history per status transition). Users are Cloud accounts
 * (accountId, displayName); some show their e-mail address, some do not,
 * as privacy settings allow: the roster links those.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-demo-private.h"

#define PAGE_SIZE  100
#define FLUSH_SIZE (1024 * 1024)

typedef struct
{
  const char *name;
  const char *id;
  const char *category_key;
  int         category_id;
  const char *category_name;
} Status;

static const Status statuses[] = {
  [UC_STATUS_TODO] = { "To Do", "10000", "new", 2, "To Do" },
  [UC_STATUS_DOING] = { "In Progress", "3", "indeterminate", 4, "In Progress" },
  [UC_STATUS_DONE] = { "Done", "10001", "done", 3, "Done" },
};

static void
jira_time (GString *out,
           UcTime   time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  g_string_append_printf (out, "\"%04d-%02d-%02dT%02d:%02d:%02d.000+0000\"",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt));
}

static void
user_json (GString            *out,
           const UcDemoPerson *p)
{
  g_string_append_printf (out, "{\"self\":\"" UC_DEMO_JIRA_SITE "/rest/api/2/user?accountId=%s\","
                          "\"accountId\":\"%s\",\"displayName\":", p->jira_id, p->jira_id);
  _uc_demo_json_string (out, p->name);
  g_string_append (out, ",\"active\":true,\"timeZone\":\"Etc/UTC\",\"accountType\":\"atlassian\"");
  if (p->jira_shows_email)
    {
      g_string_append (out, ",\"emailAddress\":");
      _uc_demo_json_string (out, p->email);
    }
  g_string_append_c (out, '}');
}

static const UcDemoPerson *
person (UcDemoModel *model,
        guint        index)
{
  return g_ptr_array_index (model->people, index);
}

static void
status_json (GString *out,
             int      category)
{
  const Status *s = &statuses[category];

  g_string_append_printf (out, "{\"self\":\"" UC_DEMO_JIRA_SITE "/rest/api/2/status/%s\",\"name\":\"%s\",\"id\":\"%s\","
                          "\"statusCategory\":{\"id\":%d,\"key\":\"%s\",\"name\":\"%s\"}}",
                          s->id, s->name, s->id, s->category_id, s->category_key, s->category_name);
}

static void
write_issue (GString          *out,
             UcDemoModel      *model,
             const UcDemoTeam *team,
             const UcDemoItem *item)
{
  int category = UC_STATUS_TODO;
  UcTime resolved = 0;

  for (guint i = 0; i < item->transitions->len; i++)
    {
      const UcDemoTransition *tr = &g_array_index (item->transitions, UcDemoTransition, i);

      category = tr->to;
      resolved = tr->to == UC_STATUS_DONE ? tr->time : 0;
    }

  g_string_append_printf (out, "{\"expand\":\"operations,versionedRepresentations,editmeta,changelog,renderedFields\","
                          "\"id\":\"%" G_GUINT64_FORMAT "\",\"self\":\"" UC_DEMO_JIRA_SITE "/rest/api/2/issue/%" G_GUINT64_FORMAT "\","
                          "\"key\":\"%s-%u\",\"fields\":{\"issuetype\":{\"id\":\"%u\",\"name\":\"%s\",\"subtask\":false},"
                          "\"project\":{\"id\":\"%u\",\"key\":\"%s\",\"name\":",
                          item->id, item->id, team->project, item->number,
                          10001 + (guint) (item->type[0] % 7), item->type, 10000 + item->team, team->project);
  _uc_demo_json_string (out, team->name);
  g_string_append (out, ",\"projectTypeKey\":\"software\"},\"resolution\":");
  if (category == UC_STATUS_DONE)
    g_string_append (out, "{\"id\":\"10000\",\"name\":\"Done\"},\"resolutiondate\":");
  else
    g_string_append (out, "null,\"resolutiondate\":");
  if (category == UC_STATUS_DONE)
    jira_time (out, resolved);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"created\":");
  jira_time (out, item->created);
  g_string_append (out, ",\"updated\":");
  jira_time (out, item->updated);
  g_string_append (out, ",\"priority\":{\"name\":\"Medium\",\"id\":\"3\"},\"labels\":[],\"assignee\":");
  if (item->assignee >= 0)
    user_json (out, person (model, (guint) item->assignee));
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"reporter\":");
  user_json (out, person (model, item->reporter));
  g_string_append (out, ",\"creator\":");
  user_json (out, person (model, item->reporter));
  g_string_append (out, ",\"status\":");
  status_json (out, category);
  g_string_append (out, ",\"summary\":");
  _uc_demo_json_string (out, item->summary);
  g_string_append (out, ",\"description\":");
  _uc_demo_json_string (out, item->description);
  g_string_append (out, ",\"comment\":{\"comments\":[");
  for (guint i = 0; i < item->comments->len; i++)
    {
      const UcDemoItemComment *c = &g_array_index (item->comments, UcDemoItemComment, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"self\":\"" UC_DEMO_JIRA_SITE "/rest/api/2/issue/%" G_GUINT64_FORMAT "/comment/%" G_GUINT64_FORMAT "\","
                              "\"id\":\"%" G_GUINT64_FORMAT "\",\"author\":", item->id, c->id, c->id);
      user_json (out, person (model, c->author));
      g_string_append (out, ",\"body\":");
      _uc_demo_json_string (out, c->body);
      g_string_append (out, ",\"created\":");
      jira_time (out, c->time);
      g_string_append (out, ",\"updated\":");
      jira_time (out, c->time);
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\"maxResults\":%u,\"total\":%u,\"startAt\":0}},"
                          "\"changelog\":{\"startAt\":0,\"maxResults\":%u,\"total\":%u,\"histories\":[",
                          item->comments->len, item->comments->len,
                          item->transitions->len, item->transitions->len);
  for (guint i = 0; i < item->transitions->len; i++)
    {
      const UcDemoTransition *tr = &g_array_index (item->transitions, UcDemoTransition, i);
      const Status *from = &statuses[tr->from];
      const Status *to = &statuses[tr->to];

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"id\":\"%" G_GUINT64_FORMAT "\",\"author\":", tr->id);
      user_json (out, person (model, tr->author));
      g_string_append (out, ",\"created\":");
      jira_time (out, tr->time);
      g_string_append_printf (out, ",\"items\":[{\"field\":\"status\",\"fieldtype\":\"jira\",\"fieldId\":\"status\","
                              "\"from\":\"%s\",\"fromString\":\"%s\",\"to\":\"%s\",\"toString\":\"%s\"}",
                              from->id, from->name, to->id, to->name);
      if (tr->to == UC_STATUS_DONE)
        g_string_append (out, ",{\"field\":\"resolution\",\"fieldtype\":\"jira\",\"fieldId\":\"resolution\","
                         "\"from\":null,\"fromString\":null,\"to\":\"10000\",\"toString\":\"Done\"}");
      else if (tr->from == UC_STATUS_DONE)
        g_string_append (out, ",{\"field\":\"resolution\",\"fieldtype\":\"jira\",\"fieldId\":\"resolution\","
                         "\"from\":\"10000\",\"fromString\":\"Done\",\"to\":null,\"toString\":null}");
      g_string_append (out, "]}");
    }
  g_string_append (out, "]}}");
}

static gboolean
write_project (UcDemoModel   *model,
               guint          team_index,
               const char    *dir,
               GCancellable  *cancellable,
               GError       **error)
{
  UcDemoTeam *team = g_ptr_array_index (model->teams, team_index);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_sized_new (FLUSH_SIZE + 64 * 1024);

  for (guint i = 0; i < model->items->len; i++)
    {
      UcDemoItem *item = g_ptr_array_index (model->items, i);

      if (item->team == team_index)
        g_ptr_array_add (items, item);
    }
  if (items->len == 0)
    return TRUE;

  for (guint start = 0; start < items->len; start += PAGE_SIZE)
    {
      g_autofree char *name = g_strdup_printf ("search-%s-%04u.json", team->project, start / PAGE_SIZE + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      guint n = MIN (PAGE_SIZE, items->len - start);
      FILE *file;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_string_printf (out, "{\"expand\":\"schema,names\",\"startAt\":%u,\"maxResults\":%u,\"total\":%u,\"issues\":[",
                       start, PAGE_SIZE, items->len);
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          write_issue (out, model, team, g_ptr_array_index (items, start + i));
        }
      g_string_append (out, "],\"names\":{\"issuetype\":\"Issue Type\",\"status\":\"Status\",\"created\":\"Created\"}}\n");

      file = _uc_demo_file_open (path, error);
      if (file == NULL)
        return FALSE;
      if (!_uc_demo_file_write (file, path, out, error))
        {
          fclose (file);
          return FALSE;
        }
      if (!_uc_demo_file_close (file, path, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_uc_demo_write_jira (UcDemoModel   *model,
                     const char    *dir,
                     GCancellable  *cancellable,
                     GError       **error)
{
  if (!_uc_demo_mkdir (dir, error))
    return FALSE;
  for (guint t = 0; t < model->teams->len; t++)
    {
      UcDemoTeam *team = g_ptr_array_index (model->teams, t);

      if (team->project != NULL && !write_project (model, t, dir, cancellable, error))
        return FALSE;
    }
  return TRUE;
}
