/* uc-demo-roster.c: the demo's team roster (format "roster").
 *
 *   name,team,email,github,jira,slack,role
 *   Amara Okafor,atlas,amara.okafor@acme.example,amara-okafor,5b10a2…,U03A00000,lead
 *   dependabot[bot],cirrus,49699333+dependabot[bot]@users.noreply.github.com,dependabot[bot],,,agent
 *
 * One row per person: the identities each tool knows them by, so that the
 * roster joins the git author, the GitHub login, the Jira account and the
 * Slack user into one person, and puts them on their team.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "uc-demo-private.h"

static void
append_cell (GString    *out,
             const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\n\r;") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

static const char *
role_name (UcDemoRole role)
{
  switch (role)
    {
    case UC_DEMO_ROLE_BOT: return "agent";
    case UC_DEMO_ROLE_LEAD: return "lead";
    default: return "developer";
    }
}

gboolean
_uc_demo_write_roster (UcDemoModel  *model,
                       const char   *path,
                       GError      **error)
{
  g_autoptr(GString) out = g_string_new ("name,team,email,github,jira,slack,role\n");
  FILE *file;

  for (guint i = 0; i < model->people->len; i++)
    {
      const UcDemoPerson *p = g_ptr_array_index (model->people, i);
      const UcDemoTeam *team = g_ptr_array_index (model->teams, p->team);

      append_cell (out, p->name);
      g_string_append_c (out, ',');
      append_cell (out, team->name);
      g_string_append_c (out, ',');
      append_cell (out, p->email);
      g_string_append_c (out, ',');
      append_cell (out, p->login);
      g_string_append_c (out, ',');
      append_cell (out, p->jira_id);
      g_string_append_c (out, ',');
      append_cell (out, p->slack_id);
      g_string_append_c (out, ',');
      append_cell (out, role_name (p->role));
      g_string_append_c (out, '\n');
    }

  file = _uc_demo_file_open (path, error);
  if (file == NULL)
    return FALSE;
  if (!_uc_demo_file_write (file, path, out, error))
    {
      fclose (file);
      return FALSE;
    }
  return _uc_demo_file_close (file, path, error);
}
