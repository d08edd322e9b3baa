/* uc-demo-model.c: the simulated organisation behind the demo.
 *
 * A deterministic (seeded) company, "Acme", over the 52 weeks ending with
 * 2026-W47 (2025-11-24 … 2026-11-22), on every machine and in every year.
 * Every person works through a chain of tasks: a ticket (Jira, or GitHub
 * issues for one team), commits on a branch, a pull request, reviews and
 * comments, the merge, the ticket moved to done, plus chat in the team's
 * Slack channel. How each team goes about it is its behaviour below; the
 * records it leaves are written out as real exports (uc-demo-*.c) and
 * imported through the real importers, so the demo doubles as a validity
 * test of the whole engine (tests/engine/test-demo.c checks that each
 * pathology is found where it was put, and nowhere else).
 *
 *   atlas     HEALTHY. Six people in one time-zone band sharing the work
 *             evenly (one ticket at a time each, the next picked up soon
 *             after the merge) and the code (every file has a creator and
 *             a co-owner who both keep working on it; everyone moves to
 *             another area every week), in office hours. Every task has a
 *             ticket named in its commits, branch and pull request; every
 *             pull request is reviewed by a rotating teammate, with
 *             comments more often than not, and objections are answered
 *             before the merge; tickets move to done right after the
 *             merge. AI assistance adopted FAST: Claude co-author
 *             trailers from week 20 (2026-W16), used by all six within two
 *             weeks.
 *   borealis  HERO. Rasmus created every file and writes about two thirds
 *             of the commits, often in the evening and at weekends; he
 *             posts in the channel every evening, Saturday and Sunday
 *             included, pushes a third of his work straight to main and
 *             merges a fifth of his pull requests himself, and reviews
 *             most of the others' work at night: truck factor 1,
 *             single-author files, after-hours work, weeks of seven active
 *             days (overload). The others work less and later than in a
 *             healthy team. AI adoption STALLED: only Rasmus uses Copilot
 *             (from week 18, 2026-W14); nobody else ever does.
 *   cirrus    RUBBER STAMP. Big pull requests (300–900 lines) approved
 *             within minutes by two people who never comment; a quarter
 *             merged by their author with no review at all; Elena's
 *             "changes requested" reviews and objections are overridden
 *             (approved by someone else and merged) or dismissed, and
 *             nobody answers them; three of the six never say anything
 *             (no review, comment or chat message). Dependabot updates
 *             package-lock.json every week (an agent: left out of human
 *             measures).
 *   dune      REPORTING GAP. Tickets are moved to done by the lead at the
 *             end of three-week sprints, most with no linked code (commits
 *             and pull requests rarely name them; chores are closed with no
 *             code at all); the lead parks tickets in progress where they
 *             sit for weeks untouched (zombies) and then go back to To Do;
 *             a third of the tickets done are reopened, some were sent
 *             back to the backlog before they were done; pull requests are
 *             merged in a batch on release day; half the commits are fixes
 *             and reverts. Throughput swings from sprint to sprint.
 *   estuary   MASKED DECLINE. A decent team (GitHub issues, "Fixes #N")
 *             until 2026-W33 (week 37); from then on, at full strength
 *             within two weeks, reviews take days, pull requests stall or
 *             are abandoned, fewer name an issue, issues are closed
 *             without code or left in progress, commits become fixes
 *             spanning several areas, people start new work before the old
 *             is merged and work later — while commits, comments and chat
 *             go UP. With the signals' four-week windows, Execution Debt
 *             degrades with a change point on 2026-W34 or W35, and the
 *             activity hides it: the masked decline.
 *   tools     SIDE PROJECT. Two people maintaining scripts, reviewing each
 *             other: under the minimum group size, so only ever shown
 *             inside "Other".
 *
 * Scale N (uc_demo_build_full) makes N copies of every team ("atlas",
 * "atlas-2"…), each with its own people, repository, Jira project and
 * Slack channel, so that the engine's benchmark volumes can be generated
 * through the real exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "uc-demo-private.h"

#define MINUTE ((UcTime) 60)
#define HOUR   ((UcTime) 3600)
#define DAY    ((UcTime) 86400)
#define WEEK   (7 * DAY)

/* The masked decline starts with ISO week 2026-W33 (week index 37) and
 * reaches full strength DECLINE_RAMP weeks later; the signals' 4-week
 * windows put the change point of Execution Debt on 2026-W34 or W35. */
#define DECLINE_WEEK  202633
#define DECLINE_RAMP  2.0

/* Sprints of the reporting-gap team: three weeks. */
#define SPRINT_WEEKS  3

/* ---- the teams ---- */

typedef struct
{
  const char *name;
  int         tz_minutes;
  UcDemoRole  role;
  double      after_hours;
  double      weekend;
  int         ai_week;
  double      ai_rate;
} PersonTemplate;

typedef struct
{
  const char            *name;
  const char            *project;     /* Jira key, NULL */
  gboolean               github_issues;
  UcDemoArchetype        archetype;
  const char            *areas;       /* space-separated */
  const char            *ext;
  guint                  n_files;
  gboolean               lock_file;
  const char            *ai_trailer;
  const PersonTemplate  *people;
  guint                  n_people;
} TeamTemplate;

#define CLAUDE  "Co-authored-by: Claude <noreply@anthropic.com>"
#define COPILOT "Co-authored-by: GitHub Copilot <copilot@github.com>"

static const PersonTemplate atlas_people[] = {
  { "Amara Okafor", 60, UC_DEMO_ROLE_LEAD, 0.02, 0.0, 20, 0.5 },
  { "Jonas Lindqvist", 60, UC_DEMO_ROLE_MEMBER, 0.02, 0.0, 21, 0.5 },
  { "Priya Raman", 60, UC_DEMO_ROLE_MEMBER, 0.02, 0.0, 21, 0.5 },
  { "Tomás Herrera", 60, UC_DEMO_ROLE_MEMBER, 0.02, 0.0, 22, 0.5 },
  { "Mei Chen", 60, UC_DEMO_ROLE_MEMBER, 0.02, 0.0, 20, 0.5 },
  { "Kofi Mensah", 0, UC_DEMO_ROLE_MEMBER, 0.02, 0.0, 22, 0.5 },
};

static const PersonTemplate borealis_people[] = {
  { "Rasmus Halvorsen", 60, UC_DEMO_ROLE_HERO, 0.85, 0.35, 18, 0.4 },
  { "Aisha Bello", 60, UC_DEMO_ROLE_LEAD, 0.25, 0.2, -1, 0.0 },
  { "Lucas Moreau", 60, UC_DEMO_ROLE_MEMBER, 0.25, 0.2, -1, 0.0 },
  { "Hana Sato", 540, UC_DEMO_ROLE_MEMBER, 0.25, 0.2, -1, 0.0 },
  { "Diego Alvarez", -300, UC_DEMO_ROLE_MEMBER, 0.25, 0.2, -1, 0.0 },
};

static const PersonTemplate cirrus_people[] = {
  { "Noor Haddad", 120, UC_DEMO_ROLE_STAMPER, 0.04, 0.2, -1, 0.0 },
  { "Elena Petrova", 120, UC_DEMO_ROLE_OBJECTOR, 0.04, 0.2, -1, 0.0 },
  { "Samuel Adeyemi", 60, UC_DEMO_ROLE_STAMPER, 0.04, 0.2, -1, 0.0 },
  { "Grace Kim", 60, UC_DEMO_ROLE_SILENT, 0.04, 0.2, -1, 0.0 },
  { "Omar Farouk", 120, UC_DEMO_ROLE_SILENT, 0.04, 0.2, -1, 0.0 },
  { "Lena Vogel", 60, UC_DEMO_ROLE_SILENT, 0.04, 0.2, -1, 0.0 },
  { "dependabot[bot]", 0, UC_DEMO_ROLE_BOT, 0.0, 0.0, -1, 0.0 },
};

static const PersonTemplate dune_people[] = {
  { "Farah Siddiqui", 0, UC_DEMO_ROLE_LEAD, 0.05, 0.05, -1, 0.0 },
  { "Oliver Brandt", 60, UC_DEMO_ROLE_MEMBER, 0.05, 0.05, -1, 0.0 },
  { "Chiara Romano", 60, UC_DEMO_ROLE_MEMBER, 0.05, 0.05, -1, 0.0 },
  { "Ethan Walker", -300, UC_DEMO_ROLE_MEMBER, 0.05, 0.05, -1, 0.0 },
  { "Yuki Tanaka", 540, UC_DEMO_ROLE_MEMBER, 0.05, 0.05, -1, 0.0 },
};

static const PersonTemplate estuary_people[] = {
  { "Sofia Marquez", 60, UC_DEMO_ROLE_LEAD, 0.03, 0.1, -1, 0.0 },
  { "Ben Carter", 0, UC_DEMO_ROLE_MEMBER, 0.03, 0.1, -1, 0.0 },
  { "Leila Haddadi", 60, UC_DEMO_ROLE_MEMBER, 0.03, 0.1, -1, 0.0 },
  { "Ivan Petrov", 120, UC_DEMO_ROLE_MEMBER, 0.03, 0.1, -1, 0.0 },
  { "Nadia Rahman", 60, UC_DEMO_ROLE_MEMBER, 0.03, 0.1, -1, 0.0 },
  { "Tariq Aziz", 60, UC_DEMO_ROLE_MEMBER, 0.03, 0.1, -1, 0.0 },
};

static const PersonTemplate tools_people[] = {
  { "Ines Duarte", 0, UC_DEMO_ROLE_MEMBER, 0.1, 0.3, -1, 0.0 },
  { "Marek Nowak", 60, UC_DEMO_ROLE_MEMBER, 0.1, 0.3, -1, 0.0 },
};

static const TeamTemplate team_templates[] = {
  { "atlas", "ATL", FALSE, UC_DEMO_HEALTHY, "api auth storage", "py", 45, FALSE, CLAUDE,
    atlas_people, G_N_ELEMENTS (atlas_people) },
  { "borealis", "BOR", FALSE, UC_DEMO_HERO, "engine render net", "rs", 30, FALSE, COPILOT,
    borealis_people, G_N_ELEMENTS (borealis_people) },
  { "cirrus", "CIR", FALSE, UC_DEMO_RUBBER_STAMP, "web mobile shared", "ts", 30, TRUE, CLAUDE,
    cirrus_people, G_N_ELEMENTS (cirrus_people) },
  { "dune", "DUN", FALSE, UC_DEMO_REPORTING_GAP, "billing ledger reports import", "java", 32, FALSE, CLAUDE,
    dune_people, G_N_ELEMENTS (dune_people) },
  { "estuary", NULL, TRUE, UC_DEMO_MASKED_DECLINE, "ingest search ui infra", "go", 32, FALSE, CLAUDE,
    estuary_people, G_N_ELEMENTS (estuary_people) },
  { "tools", NULL, FALSE, UC_DEMO_SIDE_PROJECT, "scripts ci", "sh", 10, FALSE, CLAUDE,
    tools_people, G_N_ELEMENTS (tools_people) },
};

/* Names for the people of the copies made by a scale above 1. */
static const char *const first_names[] = {
  "Ada", "Bruno", "Carmen", "Dmitri", "Esther", "Felix", "Gloria", "Hugo",
  "Ingrid", "Jamal", "Keiko", "Lars", "Maya", "Nikolai", "Olga", "Pablo",
  "Quentin", "Rosa", "Stefan", "Tara", "Ulrich", "Vera", "Wendell", "Ximena",
  "Yusuf", "Zara", "Anton", "Beatriz", "Cyrus", "Dalia", "Emil", "Fatima",
  "Goran", "Hiro", "Isla", "Joao", "Kira", "Luca", "Mira", "Nils",
};

static const char *const last_names[] = {
  "Abbott", "Bianchi", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat",
  "Ivanova", "Jansen", "Kowalski", "Larsen", "Moreno", "Novak", "Ortiz", "Perez",
  "Quinn", "Rossi", "Schmidt", "Takahashi", "Uddin", "Varga", "Weber", "Xu",
  "Yilmaz", "Zimmer", "Andersen", "Brennan", "Castillo", "Dahl", "Engel", "Ferreira",
  "Gupta", "Hansen", "Ito", "Jovanovic", "Kim", "Lindgren", "Mendes", "Nakamura",
};

/* ---- texts (what the importers derive their flags from) ---- */

static const char *const work_subjects[] = {
  "Add pagination to the %s listing", "Refactor the %s handlers", "Extend %s validation",
  "Simplify the %s configuration", "Document the %s module", "Tidy up %s imports",
  "Speed up %s queries", "Cover %s edge cases with tests", "Rename %s helpers",
  "Split the %s service", "Update the %s schema", "Improve %s logging",
  "Cache %s lookups", "Move %s settings to the config file", "Add metrics to %s",
};

static const char *const fix_subjects[] = {
  "Fix %s crash on empty input", "Fix regression in %s paging", "Hotfix %s timeout",
  "Revert the last %s change", "Fix flaky %s test", "Fix %s off-by-one",
  "Roll back the %s cache change",
};

static const char *const admin_summaries[] = {
  "Update the team wiki page for %s", "Prepare the quarterly review of %s",
  "Clean up the %s board", "Sync with the platform team about %s",
  "Estimate the %s epic", "Write the %s runbook", "Plan the %s migration",
};

static const char *const descriptions[] = {
  "As discussed in planning. Acceptance: the existing tests pass and the dashboard shows the new numbers.",
  "Customers asked for this twice this month.",
  "Small change; see the design notes in the wiki.",
  "Needed before the next release.",
  "",
};

static const char *const approve_bodies[] = {
  "Looks good to me.", "Nice cleanup, thanks.", "Approved; the tests read well.",
  "Good to go.", "Thanks, this is clearer now.",
};

static const char *const review_bodies[] = {
  "A few small suggestions inline.", "Mostly good, two questions inline.",
  "Left some notes on naming.",
};

static const char *const changes_bodies[] = {
  "Please add a test for the empty case before we merge.",
  "Needs a migration note in the changelog.",
};

static const char *const inline_comments[] = {
  "Could this use the shared helper?", "Nit: name this after what it returns.",
  "Maybe cache this value.", "Can we log the request id here?",
  "This reads well; one question: is the timeout configurable?",
  "Please add a short comment explaining the retry.",
};

static const char *const objections[] = {
  "I'm worried this breaks the retry path.",
  "I don't think this handles concurrent writes.",
  "Not convinced we need a second cache here.",
  "This is a blocker: it drops the audit log.",
  "I disagree with skipping validation here.",
  "Why not reuse the existing client?",
};

static const char *const replies[] = {
  "Good point, done.", "Fixed in the next commit.", "Agreed, updated.",
  "Thanks, changed it.", "Done; see the new test.", "Makes sense, reworked it.",
};

static const char *const conversation[] = {
  "Deployed to staging, works.", "Ready for another look.", "Rebased on main.",
  "Linked the dashboard screenshot.", "Checked it against the staging data.",
};

static const char *const waiting[] = {
  "Any update here?", "Still waiting on the other service.", "Can someone take a look?",
  "Ping.", "Let's talk about this at the sync.", "Moving this to next week.",
  "Who owns this now?",
};

static const char *const item_comments[] = {
  "Added the acceptance criteria.", "Picked this up.", "Talked to support, details above.",
  "Moved the design notes to the wiki.", "Updated the estimate.",
};

static const char *const chat_lines[] = {
  "Standup notes are in the doc.", "Deploy finished.",
  "Who can pair on the migration this afternoon?",
  "Heads-up: the staging database restarts at noon.", "Merged, thanks everyone.",
  "Lunch?", "The release notes draft is ready.", "Reviewing the queue now.",
  "Retro moved to Thursday.", "New dashboard is up.",
};

static const char *const chat_replies[] = {
  "Thanks!", "On it.", "I can help after lunch.", "Sounds good.", "Done.", "+1",
};

static const char *const chat_objections[] = {
  "I'm not sure we should deploy on a Friday.",
  "Concern: the staging data is stale.",
};

static const char *const hero_lines[] = {
  "Pushed the hotfix, going to bed.", "Still on the incident, update in the morning.",
  "Weekend deploy done.", "Fixed the nightly build.", "Rewrote the scheduler, will explain Monday.",
};

static const char *const bump_packages[] = {
  "left-pad", "lodash", "axios", "date-fns", "zod", "react-query", "vite", "eslint-plugin-import",
};

/* ---- small helpers shared by the writers ---- */

void
_uc_demo_format_iso (UcTime  time,
                     char   *out,
                     gsize   size)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  g_snprintf (out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ",
              g_date_time_get_year (dt), g_date_time_get_month (dt),
              g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
              g_date_time_get_minute (dt), g_date_time_get_second (dt));
}

void
_uc_demo_json_string (GString    *out,
                      const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

FILE *
_uc_demo_file_open (const char  *path,
                    GError     **error)
{
  FILE *file = g_fopen (path, "wb");

  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
    }
  return file;
}

gboolean
_uc_demo_file_write (FILE        *file,
                     const char  *path,
                     GString     *text,
                     GError     **error)
{
  if (text->len > 0 && fwrite (text->str, 1, text->len, file) != text->len)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (text, 0);
  return TRUE;
}

gboolean
_uc_demo_file_close (FILE        *file,
                     const char  *path,
                     GError     **error)
{
  if (fclose (file) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
_uc_demo_mkdir (const char  *path,
                GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* ---- the simulation ---- */

typedef struct
{
  UcDemoModel *model;
  UcDemoTeam  *team;
  guint        team_index;
  GRand       *rand;
  guint        week;           /* of the task being planned, 0..51 */
  double       decline;        /* masked decline intensity, 0..1 */
  guint        turn;           /* reviewer rotation */
  gboolean    *ai_started;     /* per person of the team */
  guint       *rotation;       /* per person of the team and area: next own file */
  GArray      *humans;         /* guint person indices, bots left out */
  int          lead;
  int          hero;
  int          objector;
  GArray      *stampers;       /* guint */
  GArray      *talkers;        /* guint: humans who are not silent */
} Sim;

#define PERSON(model, i) ((UcDemoPerson *) g_ptr_array_index ((model)->people, (i)))

static inline double
rnd (Sim *sim)
{
  return g_rand_double (sim->rand);
}

static inline gboolean
chance (Sim    *sim,
        double  p)
{
  return g_rand_double (sim->rand) < p;
}

static inline guint
pick_index (Sim   *sim,
            guint  n)
{
  return (guint) g_rand_int_range (sim->rand, 0, (gint32) n);
}

static inline UcTime
rand_time (Sim    *sim,
           UcTime  lo,
           UcTime  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (UcTime) (g_rand_double (sim->rand) * (double) (hi - lo));
}

#define PICK(sim, table) ((table)[pick_index ((sim), G_N_ELEMENTS (table))])

static const char *
intern (Sim        *sim,
        const char *text)
{
  return g_string_chunk_insert_const (sim->model->strings, text);
}

static char *
chunk_printf (Sim        *sim,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static char *
chunk_printf (Sim        *sim,
              const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return g_string_chunk_insert (sim->model->strings, text);
}

/* 1970-01-01 was a Thursday: 0 is Monday. */
static inline int
weekday (UcTime local)
{
  return (int) (((local / DAY) + 3) % 7);
}

static UcTime
office_at_or_after (Sim                *sim,
                    const UcDemoPerson *p,
                    UcTime              t)
{
  UcTime off = (UcTime) p->tz_minutes * MINUTE;
  UcTime local = t + off;
  UcTime day = local - local % DAY;
  UcTime sec = local - day;

  if (weekday (day) < 5 && sec >= 9 * HOUR && sec < 17 * HOUR + 30 * MINUTE)
    return t;
  if (weekday (day) >= 5 || sec >= 9 * HOUR)
    {
      do
        day += DAY;
      while (weekday (day) >= 5);
    }
  return day + 9 * HOUR + rand_time (sim, 0, 90 * MINUTE) - off;
}

static UcTime
evening_at_or_after (Sim                *sim,
                     const UcDemoPerson *p,
                     UcTime              t)
{
  UcTime off = (UcTime) p->tz_minutes * MINUTE;
  UcTime local = t + off;
  UcTime day = local - local % DAY;
  UcTime sec = local - day;

  if (sec >= 19 * HOUR + 30 * MINUTE && sec < 23 * HOUR)
    return t;
  if (sec >= 23 * HOUR)
    day += DAY;
  return day + 19 * HOUR + 30 * MINUTE + rand_time (sim, 0, 3 * HOUR) - off;
}

static UcTime
weekend_at_or_after (Sim                *sim,
                     const UcDemoPerson *p,
                     UcTime              t)
{
  UcTime off = (UcTime) p->tz_minutes * MINUTE;
  UcTime local = t + off;
  UcTime day = local - local % DAY;
  UcTime sec = local - day;

  if (weekday (day) >= 5 && sec >= 10 * HOUR && sec < 22 * HOUR)
    return t;
  if (!(weekday (day) >= 5 && sec < 10 * HOUR))
    {
      do
        day += DAY;
      while (weekday (day) < 5);
    }
  return day + 10 * HOUR + rand_time (sim, 0, 11 * HOUR) - off;
}

/* The time @person does the next thing, between @min_h and @max_h hours
 * after @after: in office hours, or after hours as often as they work then
 * (in the evening, or at the weekend). */
static UcTime
act (Sim    *sim,
     guint   person,
     UcTime  after,
     double  min_h,
     double  max_h)
{
  const UcDemoPerson *p = PERSON (sim->model, person);
  UcTime t = after + (UcTime) ((min_h + rnd (sim) * (max_h - min_h)) * HOUR);
  double after_hours = p->after_hours;

  if (p->role == UC_DEMO_ROLE_HERO)
    {
      /* Works whenever awake, and much of it in the evening and at
       * weekends. */
      UcTime off = (UcTime) p->tz_minutes * MINUTE;
      UcTime local = t + off;
      UcTime day = local - local % DAY;
      UcTime sec = local - day;

      if (chance (sim, after_hours * 0.6))
        return chance (sim, p->weekend) ? weekend_at_or_after (sim, p, t) : evening_at_or_after (sim, p, t);
      if (sec < 7 * HOUR)
        return day + 7 * HOUR + rand_time (sim, 0, HOUR) - off;
      return t;
    }
  if (sim->team->archetype == UC_DEMO_MASKED_DECLINE)
    after_hours += 0.30 * sim->decline;
  if (chance (sim, after_hours))
    return chance (sim, p->weekend) ? weekend_at_or_after (sim, p, t) : evening_at_or_after (sim, p, t);
  return office_at_or_after (sim, p, t);
}

static guint
week_of (Sim    *sim,
         UcTime  t)
{
  if (t <= sim->model->start)
    return 0;
  return (guint) MIN ((t - sim->model->start) / WEEK, UC_DEMO_WEEKS - 1);
}

static double
decline_at (const UcDemoModel *model,
            guint              week)
{
  int onset = uc_week_diff (DECLINE_WEEK, uc_week_of_time (model->start));

  return CLAMP (((double) week - onset + 1.0) / DECLINE_RAMP, 0.0, 1.0);
}

static void
set_week (Sim    *sim,
          UcTime  t)
{
  sim->week = week_of (sim, t);
  sim->decline = sim->team->archetype == UC_DEMO_MASKED_DECLINE ? decline_at (sim->model, sim->week) : 0.0;
}

/* ---- people ---- */

static guint
rank_in_team (Sim   *sim,
              guint  person)
{
  return person - sim->team->first_person;
}

static gboolean
is_talker (Sim   *sim,
           guint  person)
{
  for (guint i = 0; i < sim->talkers->len; i++)
    if (g_array_index (sim->talkers, guint, i) == person)
      return TRUE;
  return FALSE;
}

/* A teammate other than @not1 and @not2 (may be -1) who speaks up, in
 * turn, so reviews are spread evenly; -1 when there is none. */
static int
next_talker (Sim *sim,
             int  not1,
             int  not2)
{
  for (guint tries = 0; tries < sim->talkers->len; tries++)
    {
      guint p = g_array_index (sim->talkers, guint, sim->turn++ % sim->talkers->len);

      if ((int) p != not1 && (int) p != not2)
        return (int) p;
    }
  return -1;
}

static int
random_talker (Sim *sim,
               int  not1)
{
  for (guint tries = 0; tries < 8; tries++)
    {
      guint p = g_array_index (sim->talkers, guint, pick_index (sim, sim->talkers->len));

      if ((int) p != not1)
        return (int) p;
    }
  return next_talker (sim, not1, -1);
}

static int
stamper_other_than (Sim   *sim,
                    guint  person)
{
  for (guint tries = 0; tries < 4; tries++)
    {
      guint p = g_array_index (sim->stampers, guint, pick_index (sim, sim->stampers->len));

      if (p != person)
        return (int) p;
    }
  for (guint i = 0; i < sim->stampers->len; i++)
    if (g_array_index (sim->stampers, guint, i) != person)
      return (int) g_array_index (sim->stampers, guint, i);
  return -1;
}

/* ---- commits ---- */

/* The area someone works in during @week: everyone moves on to the next
 * area every week, so over the year they work everywhere as much. */
static guint
focus_area_at (Sim   *sim,
               guint  person,
               guint  week)
{
  return (rank_in_team (sim, person) + week) % sim->team->areas->len;
}

static guint
focus_area (Sim   *sim,
            guint  person)
{
  return focus_area_at (sim, person, sim->week);
}

static guint
pick_file_in_area (Sim   *sim,
                   guint  person,
                   guint  area)
{
  UcDemoTeam *team = sim->team;
  double total = 0.0, r;
  guint n = team->files->len;

  /* The healthy team: people go round the files they share with each
   * teammate, and now and then touch someone else's. */
  if (team->archetype == UC_DEMO_HEALTHY && !chance (sim, 0.1))
    {
      /* Shared files a little more often than created ones: the creator
       * of a file also has the first change, so the two end up with a
       * like degree of authorship. Three rounds over all of one's files,
       * then a round over the shared ones, so that one commit's files
       * are different files. */
      guint n_own = 0, n_shared = 0, k, slots;
      int want_shared = -1;

      for (guint f = 0; f < n; f++)
        if (team->file_area[f] == area)
          {
            n_own += team->file_creator[f] == (int) person || team->file_coowner[f] == (int) person;
            n_shared += team->file_coowner[f] == (int) person;
          }
      slots = 3 * n_own + n_shared;
      if (slots > 0)
        {
          k = sim->rotation[rank_in_team (sim, person) * team->areas->len + area]++ % slots;
          if (k < 3 * n_own)
            k %= n_own;
          else
            {
              k -= 3 * n_own;
              want_shared = 1;
            }
          for (guint f = 0; f < n; f++)
            {
              gboolean own = team->file_creator[f] == (int) person || team->file_coowner[f] == (int) person;
              gboolean shared = team->file_coowner[f] == (int) person;

              if (team->file_area[f] != area || !(want_shared > 0 ? shared : own))
                continue;
              if (k-- == 0)
                return f;
            }
        }
    }

  for (guint f = 0; f < n; f++)
    {
      if (team->file_area[f] != area || (int) f == team->lock_file)
        continue;
      if (team->archetype == UC_DEMO_HERO)
        total += 1.0;
      else
        total += team->file_coowner[f] == (int) person ? 5.0 : team->file_creator[f] == (int) person ? 4.0 : 1.0;
    }
  r = rnd (sim) * total;
  for (guint f = 0; f < n; f++)
    {
      double w;

      if (team->file_area[f] != area || (int) f == team->lock_file)
        continue;
      if (team->archetype == UC_DEMO_HERO)
        w = 1.0;
      else
        w = team->file_coowner[f] == (int) person ? 5.0 : team->file_creator[f] == (int) person ? 4.0 : 1.0;
      if (r < w)
        return f;
      r -= w;
    }
  for (guint f = n; f-- > 0;)
    if (team->file_area[f] == area && (int) f != team->lock_file)
      return f;
  return 0;
}

static gboolean
touched (UcDemoModel *model,
         guint        first,
         guint        n,
         guint        file)
{
  for (guint i = 0; i < n; i++)
    if (g_array_index (model->touches, UcDemoTouch, first + i).file == file)
      return TRUE;
  return FALSE;
}

static void
add_touch (Sim        *sim,
           guint       file,
           gboolean    big,
           guint      *additions,
           guint      *deletions)
{
  UcDemoTouch touch = { 0 };

  touch.file = file;
  if (big)
    {
      touch.replace = (guint16) g_rand_int_range (sim->rand, 20, 60);
      touch.add = (guint16) g_rand_int_range (sim->rand, 15, 60);
      touch.remove = (guint16) g_rand_int_range (sim->rand, 15, 60);
    }
  else
    {
      touch.replace = (guint16) g_rand_int_range (sim->rand, 1, 9);
      touch.add = (guint16) g_rand_int_range (sim->rand, 0, 7);
      touch.remove = (guint16) g_rand_int_range (sim->rand, 0, 5);
    }
  g_array_append_val (sim->model->touches, touch);
  *additions += touch.replace + touch.add;
  *deletions += touch.replace + touch.remove;
}

static char *
commit_message (Sim        *sim,
                guint       author,
                const char *subject)
{
  UcDemoPerson *p = PERSON (sim->model, author);
  guint rank = rank_in_team (sim, author);
  gboolean ai = FALSE;

  if (p->ai_week >= 0 && sim->week >= (guint) p->ai_week)
    {
      ai = !sim->ai_started[rank] || chance (sim, p->ai_rate);
      sim->ai_started[rank] = TRUE;
    }
  if (ai)
    return chunk_printf (sim, "%s\n\n%s\n", subject, sim->team->ai_trailer);
  return chunk_printf (sim, "%s\n", subject);
}

typedef struct
{
  guint additions;
  guint deletions;
  guint n_files;
} CommitSize;

/* A commit by @author at @time touching files of their focus area (and
 * of a second area when @multi). */
static void
add_commit (Sim        *sim,
            guint       author,
            UcTime      time,
            const char *subject,
            gboolean    multi,
            gboolean    big,
            CommitSize *size)
{
  UcDemoModel *model = sim->model;
  UcDemoTeam *team = sim->team;
  UcDemoCommit commit = { 0 };
  guint area = team->archetype == UC_DEMO_HERO && author == (guint) sim->hero
               ? pick_index (sim, team->areas->len) : focus_area_at (sim, author, week_of (sim, time));
  guint n = big ? 3 + pick_index (sim, 3) : 1u + (chance (sim, 0.35) ? 1u : 0u) + (chance (sim, 0.1) ? 1u : 0u);
  CommitSize local = { 0 };

  commit.time = time;
  commit.seq = model->commits->len;
  commit.team = sim->team_index;
  commit.author = author;
  commit.message = commit_message (sim, author, subject);
  commit.first_touch = model->touches->len;

  for (guint i = 0; i < n; i++)
    {
      guint file = pick_file_in_area (sim, author, area);

      if (touched (model, commit.first_touch, model->touches->len - commit.first_touch, file))
        continue;
      add_touch (sim, file, big, &local.additions, &local.deletions);
      local.n_files++;
    }
  if (multi && team->areas->len > 1)
    {
      guint other = (area + 1 + pick_index (sim, team->areas->len - 1)) % team->areas->len;
      guint file = pick_file_in_area (sim, author, other);

      if (!touched (model, commit.first_touch, model->touches->len - commit.first_touch, file))
        {
          add_touch (sim, file, big, &local.additions, &local.deletions);
          local.n_files++;
        }
    }
  commit.n_touches = model->touches->len - commit.first_touch;
  g_array_append_val (model->commits, commit);
  if (size != NULL)
    {
      size->additions += local.additions;
      size->deletions += local.deletions;
      size->n_files += local.n_files;
    }
}

static const char *
area_name (Sim   *sim,
           guint  person)
{
  return g_ptr_array_index (sim->team->areas, focus_area (sim, person));
}

/* ---- tickets ---- */

static UcDemoItem *
new_item (Sim        *sim,
          guint       reporter,
          int         assignee,
          UcTime      created,
          const char *type,
          const char *summary)
{
  UcDemoTeam *team = sim->team;
  UcDemoItem *item = g_new0 (UcDemoItem, 1);

  item->team = sim->team_index;
  if (team->github_issues)
    item->number = team->next_number++;
  else
    item->number = team->next_key++;
  item->id = 100000 + sim->model->items->len * 7 + 3;
  item->type = type;
  item->summary = chunk_printf (sim, "%s", summary);
  item->description = (char *) intern (sim, PICK (sim, descriptions));
  item->reporter = reporter;
  item->assignee = assignee;
  item->created = MAX (created, sim->model->start + HOUR);
  item->updated = item->created;
  item->transitions = g_array_new (FALSE, TRUE, sizeof (UcDemoTransition));
  item->comments = g_array_new (FALSE, TRUE, sizeof (UcDemoItemComment));
  g_ptr_array_add (sim->model->items, item);
  return item;
}

static void
move (Sim        *sim,
      UcDemoItem *item,
      UcTime      time,
      guint       author,
      int         to)
{
  UcDemoTransition tr = { 0 };
  int from = UC_STATUS_TODO;

  if (item->transitions->len > 0)
    {
      const UcDemoTransition *last = &g_array_index (item->transitions, UcDemoTransition,
                                                     item->transitions->len - 1);

      from = last->to;
      time = MAX (time, last->time + MINUTE);
    }
  time = MAX (time, item->created + MINUTE);
  if (from == to)
    return;
  tr.time = time;
  tr.author = author;
  tr.from = (gint8) from;
  tr.to = (gint8) to;
  tr.id = 500000 + (guint64) sim->model->items->len * 64 + item->transitions->len;
  g_array_append_val (item->transitions, tr);
}

static void
item_comment (Sim        *sim,
              UcDemoItem *item,
              guint       author,
              UcTime      time,
              const char *body)
{
  UcDemoItemComment c = { 0 };

  c.id = 700000 + (guint64) sim->model->items->len * 64 + item->comments->len;
  c.author = author;
  c.time = MAX (time, item->created + MINUTE);
  c.body = body;
  g_array_append_val (item->comments, c);
}

static UcTime
item_last_time (const UcDemoItem *item)
{
  if (item->transitions->len == 0)
    return item->created;
  return g_array_index (item->transitions, UcDemoTransition, item->transitions->len - 1).time;
}

/* "ATL-12" or "#12". */
static char *
item_key (Sim              *sim,
          const UcDemoItem *item)
{
  if (sim->team->github_issues)
    return chunk_printf (sim, "#%u", item->number);
  return chunk_printf (sim, "%s-%u", sim->team->project, item->number);
}

/* ---- pull requests ---- */

static UcDemoPull *
new_pull (Sim        *sim,
          guint       author,
          UcTime      created,
          const char *title,
          const char *branch,
          const char *body)
{
  UcDemoPull *pull = g_new0 (UcDemoPull, 1);

  pull->team = sim->team_index;
  pull->number = sim->team->next_number++;
  pull->author = author;
  pull->merged_by = -1;
  pull->created = created;
  pull->updated = created;
  pull->title = chunk_printf (sim, "%s", title);
  pull->branch = chunk_printf (sim, "%s", branch);
  pull->body = chunk_printf (sim, "%s", body);
  pull->commit_times = g_array_new (FALSE, FALSE, sizeof (UcTime));
  pull->reviews = g_array_new (FALSE, TRUE, sizeof (UcDemoReview));
  pull->comments = g_array_new (FALSE, TRUE, sizeof (UcDemoComment));
  g_ptr_array_add (sim->model->pulls, pull);
  return pull;
}

static guint64
new_id (Sim *sim)
{
  return ++sim->model->next_id;
}

static guint64
add_review (Sim           *sim,
            UcDemoPull    *pull,
            guint          reviewer,
            UcReviewState  state,
            UcTime         time,
            const char    *body)
{
  UcDemoReview review = { 0 };

  review.id = 90000000 + new_id (sim);
  review.reviewer = reviewer;
  review.state = state;
  review.time = time;
  review.body = body;
  g_array_append_val (pull->reviews, review);
  return review.id;
}

static guint64
add_comment (Sim        *sim,
             UcDemoPull *pull,
             guint       author,
             UcTime      time,
             const char *body,
             guint64     review_id,
             guint64     reply_to,
             gboolean    inline_comment)
{
  UcDemoComment c = { 0 };

  c.id = (inline_comment ? 60000000 : 30000000) + new_id (sim);
  c.author = author;
  c.time = time;
  c.body = body;
  c.inline_comment = inline_comment;
  c.review_id = review_id;
  c.reply_to = reply_to;
  c.file = pick_file_in_area (sim, pull->author, focus_area (sim, pull->author));
  g_array_append_val (pull->comments, c);
  return c.id;
}

static void
pull_commit (Sim        *sim,
             UcDemoPull *pull,
             guint       author,
             UcTime      time,
             const char *subject,
             gboolean    multi,
             gboolean    big)
{
  CommitSize size = { 0 };

  add_commit (sim, author, time, subject, multi, big, &size);
  pull->additions += size.additions;
  pull->deletions += size.deletions;
  pull->changed_files += size.n_files;
  g_array_append_val (pull->commit_times, time);
}

static void
merge (UcDemoPull *pull,
       guint       by,
       UcTime      time)
{
  pull->merged = time;
  pull->closed = time;
  pull->merged_by = (int) by;
}

/* ---- chat ---- */

static guint
post (Sim        *sim,
      guint       channel,
      guint       author,
      UcTime      time,
      int         thread_root,
      const char *text)
{
  UcDemoMessage m = { 0 };

  m.time = time;
  m.channel = channel;
  m.author = author;
  m.thread_root = thread_root;
  m.text = text;
  m.micro = pick_index (sim, 999000) + 100;
  g_array_append_val (sim->model->messages, m);
  return sim->model->messages->len - 1;
}

static guint
team_channel (Sim *sim)
{
  return sim->team_index + 1;
}

/* ---- tasks ---- */

typedef enum
{
  FLOW_DIRECT,        /* pushed to main, no pull request */
  FLOW_THOROUGH,      /* reviewed with comments, objections answered */
  FLOW_LIGHT,         /* a quick approval, sometimes a comment */
  FLOW_STAMP,         /* approved within minutes, nothing said */
  FLOW_SELF_MERGE,    /* merged by its author, no review */
  FLOW_OVERRIDE,      /* changes requested, approved by someone else, merged */
  FLOW_DISMISS,       /* changes requested, dismissed, merged */
  FLOW_STALL,         /* nobody decides: left open or abandoned */
} Flow;

typedef enum
{
  DONE_ON_MERGE,      /* the ticket moves to done right after the merge */
  DONE_AT_SPRINT_END, /* the lead moves it at the end of the sprint */
} DoneRule;

typedef struct
{
  gboolean item;
  int      reporter;            /* -1: the developer */
  double   backlog_min_h;
  double   backlog_max_h;
  gboolean key_in_commits;
  gboolean key_in_pull;
  Flow     flow;
  guint    n_commits;
  double   first_min_h;         /* work before the first commit */
  double   first_max_h;
  double   gap_min_h;
  double   gap_max_h;
  double   review_min_h;
  double   review_max_h;
  double   p_fix;
  double   p_multi;
  gboolean big;
  gboolean wait_for_merge;
  DoneRule done;
  double   p_reopen;
  double   p_descope;
  double   chatter;             /* expected conversation comments by others */
  gboolean abandon;             /* FLOW_STALL: closed after a week or more */
  gboolean batch_merge;         /* merged by the lead on release day */
  double   idle_min_h;          /* before the next task */
  double   idle_max_h;
} TaskPlan;

static void
plan_task (Sim      *sim,
           guint     dev,
           TaskPlan *plan)
{
  const UcDemoPerson *p = PERSON (sim->model, dev);
  double s = sim->decline;

  memset (plan, 0, sizeof *plan);
  plan->item = TRUE;
  plan->reporter = -1;
  plan->backlog_min_h = 0.5;
  plan->backlog_max_h = 3.0;
  plan->key_in_commits = TRUE;
  plan->key_in_pull = TRUE;
  plan->flow = FLOW_THOROUGH;
  plan->n_commits = 1 + pick_index (sim, 2);
  plan->first_min_h = 2.0;
  plan->first_max_h = 12.0;
  plan->gap_min_h = 1.0;
  plan->gap_max_h = 4.0;
  plan->review_min_h = 0.3;
  plan->review_max_h = 2.5;
  plan->p_fix = 0.04;
  plan->p_multi = 0.04;
  plan->wait_for_merge = TRUE;
  plan->done = DONE_ON_MERGE;
  plan->chatter = 0.3;
  plan->idle_min_h = 14.0;
  plan->idle_max_h = 30.0;

  switch (sim->team->archetype)
    {
    case UC_DEMO_HEALTHY:
      /* Steady flow: one ticket in progress at a time, worked on over a
       * day or two, the next one picked up soon after the merge. */
      if (chance (sim, 0.5) && sim->lead >= 0 && (int) dev != sim->lead)
        plan->reporter = sim->lead;
      plan->n_commits = 1 + (chance (sim, 0.3) ? 1 : 0);
      plan->first_min_h = 8.0;
      plan->first_max_h = 30.0;
      plan->gap_min_h = 4.0;
      plan->gap_max_h = 12.0;
      plan->idle_min_h = 0.5;
      plan->idle_max_h = 4.0;
      break;

    case UC_DEMO_HERO:
      plan->reporter = sim->lead;
      plan->backlog_max_h = 48.0;
      plan->wait_for_merge = FALSE;
      if (p->role == UC_DEMO_ROLE_HERO)
        {
          double r = rnd (sim);

          plan->n_commits = 2 + pick_index (sim, 2);
          plan->first_min_h = 0.5;
          plan->first_max_h = 3.0;
          plan->gap_min_h = 0.5;
          plan->gap_max_h = 2.5;
          plan->flow = r < 0.35 ? FLOW_DIRECT : r < 0.55 ? FLOW_SELF_MERGE : FLOW_LIGHT;
          plan->review_min_h = 2.0;
          plan->review_max_h = 20.0;
          plan->p_fix = 0.12;
          plan->idle_min_h = 1.0;
          plan->idle_max_h = 6.0;
        }
      else
        {
          plan->flow = FLOW_LIGHT;
          plan->review_min_h = 0.5;
          plan->review_max_h = 6.0;
          plan->idle_min_h = 120.0;
          plan->idle_max_h = 260.0;
        }
      break;

    case UC_DEMO_RUBBER_STAMP:
      {
        double r = rnd (sim);

        plan->reporter = sim->lead;
        plan->backlog_max_h = 24.0;
        plan->big = TRUE;
        plan->n_commits = 1 + pick_index (sim, 2);
        plan->wait_for_merge = FALSE;
        plan->chatter = 0.0;
        plan->idle_min_h = 36.0;
        plan->idle_max_h = 72.0;
        if ((int) dev == sim->objector)
          plan->flow = r < 0.7 ? FLOW_STAMP : FLOW_SELF_MERGE;
        else
          plan->flow = r < 0.50 ? FLOW_STAMP : r < 0.75 ? FLOW_SELF_MERGE
                       : r < 0.89 ? FLOW_OVERRIDE : r < 0.96 ? FLOW_DISMISS : FLOW_THOROUGH;
      }
      break;

    case UC_DEMO_REPORTING_GAP:
      plan->reporter = sim->lead;
      plan->backlog_min_h = 24.0;
      plan->backlog_max_h = 24.0 * 20;
      plan->key_in_commits = chance (sim, 0.30);
      plan->key_in_pull = plan->key_in_commits ? chance (sim, 0.4) : chance (sim, 0.1);
      plan->flow = chance (sim, 0.45) ? FLOW_DIRECT : FLOW_LIGHT;
      plan->batch_merge = TRUE;
      plan->review_min_h = 1.0;
      plan->review_max_h = 12.0;
      plan->p_fix = 0.5;
      plan->p_multi = 0.15;
      plan->wait_for_merge = FALSE;
      plan->done = DONE_AT_SPRINT_END;
      plan->p_reopen = 0.3;
      plan->p_descope = 0.35;
      plan->chatter = 0.1;
      plan->idle_min_h = 24.0;
      plan->idle_max_h = 50.0;
      break;

    case UC_DEMO_MASKED_DECLINE:
      plan->reporter = chance (sim, 0.5) && (int) dev != sim->lead ? sim->lead : -1;
      plan->backlog_max_h = 3.0 + 72.0 * s;
      plan->review_min_h = 0.5 + 24.0 * s;
      plan->review_max_h = 3.0 + 90.0 * s;
      plan->key_in_pull = !chance (sim, 0.05 + 0.6 * s);
      plan->key_in_commits = plan->key_in_pull && !chance (sim, 0.05 + 0.4 * s);
      plan->p_fix = 0.06 + 0.45 * s;
      plan->p_multi = 0.05 + 0.5 * s;
      plan->n_commits += (guint) (s * pick_index (sim, 3));
      plan->wait_for_merge = s < 0.2;
      plan->chatter = 0.4 + 3.5 * s;
      plan->p_reopen = 0.02 + 0.2 * s;
      if (chance (sim, 0.55 * s))
        {
          plan->flow = FLOW_STALL;
          plan->abandon = chance (sim, 0.5);
        }
      plan->idle_min_h = 24.0 - 12.0 * s;
      plan->idle_max_h = 48.0 - 24.0 * s;
      break;

    case UC_DEMO_SIDE_PROJECT:
      plan->item = FALSE;
      plan->key_in_commits = FALSE;
      plan->key_in_pull = FALSE;
      plan->flow = FLOW_LIGHT;
      plan->review_max_h = 8.0;
      plan->idle_min_h = 60.0;
      plan->idle_max_h = 120.0;
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Friday afternoon (UTC) of the sprint end at or after @t. */
static UcTime
sprint_end (Sim    *sim,
            UcTime  t)
{
  guint week = week_of (sim, t);
  UcTime friday;

  while (week % SPRINT_WEEKS != SPRINT_WEEKS - 1)
    week++;
  friday = sim->model->start + (UcTime) week * WEEK + 4 * DAY + 15 * HOUR;
  if (friday < t)
    friday += SPRINT_WEEKS * WEEK;
  return friday + rand_time (sim, 0, 2 * HOUR);
}

/* Thursday afternoon (UTC) of the release at or after @t. */
static UcTime
release_day (Sim    *sim,
             UcTime  t)
{
  return sprint_end (sim, t) - DAY - HOUR;
}

static char *
slug (Sim        *sim,
      const char *text)
{
  g_autofree char *down = g_ascii_strdown (text, -1);
  GString *out = g_string_new (NULL);
  char *result;

  for (const char *c = down; *c != '\0' && out->len < 32; c++)
    {
      if (g_ascii_isalnum (*c))
        g_string_append_c (out, *c);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  result = chunk_printf (sim, "%s", out->str);
  g_string_free (out, TRUE);
  return result;
}

/* The review and the merge of @pull, opened at @open; returns the merge
 * time, 0 when it is not merged. */
static UcTime
run_flow (Sim            *sim,
          UcDemoPull     *pull,
          const TaskPlan *plan,
          UcTime          open,
          const char     *fixup_subject)
{
  guint dev = pull->author;
  UcTime t, ok = 0, end = 0;
  int r1;

  switch (plan->flow)
    {
    case FLOW_THOROUGH:
    case FLOW_LIGHT:
      r1 = sim->team->archetype == UC_DEMO_HERO && (int) dev != sim->hero && chance (sim, 0.8)
           ? sim->hero : next_talker (sim, (int) dev, -1);
      if (r1 < 0)
        {
          merge (pull, dev, open + rand_time (sim, 10 * MINUTE, 2 * HOUR));
          return pull->merged;
        }
      t = act (sim, (guint) r1, open, plan->review_min_h, plan->review_max_h);
      if (plan->flow == FLOW_THOROUGH ? chance (sim, 0.55) : chance (sim, 0.2))
        {
          /* Comments on the diff; the author answers them, and for some
           * pushes a change before the approval (a second round). */
          gboolean rework = plan->flow == FLOW_THOROUGH && chance (sim, 0.35);
          gboolean changes = rework && chance (sim, 0.4);
          gboolean answers = is_talker (sim, dev);
          guint n = 1 + (chance (sim, 0.5) ? 1 : 0);
          guint64 review = add_review (sim, pull, (guint) r1,
                                       changes ? UC_REVIEW_CHANGES_REQUESTED : UC_REVIEW_COMMENTED, t,
                                       changes ? PICK (sim, changes_bodies) : PICK (sim, review_bodies));
          guint64 ids[2];
          UcTime reply = t;

          for (guint i = 0; i < n; i++)
            ids[i] = add_comment (sim, pull, (guint) r1, t + i * 30,
                                  chance (sim, 0.3) ? PICK (sim, objections) : PICK (sim, inline_comments),
                                  review, 0, TRUE);
          if (answers)
            {
              reply = act (sim, dev, t, 0.1, 1.5);
              for (guint i = 0; i < n; i++)
                add_comment (sim, pull, dev, reply + i * 45, PICK (sim, replies), review, ids[i], TRUE);
            }
          if (rework)
            {
              UcTime fixed = act (sim, dev, reply, 0.2, 1.5);

              pull_commit (sim, pull, dev, fixed, fixup_subject, FALSE, plan->big);
              reply = fixed;
            }
          ok = act (sim, (guint) r1, reply, 0.2, 2.0);
          add_review (sim, pull, (guint) r1, UC_REVIEW_APPROVED, ok, PICK (sim, approve_bodies));
        }
      else
        {
          ok = t;
          add_review (sim, pull, (guint) r1, UC_REVIEW_APPROVED, ok,
                      plan->flow == FLOW_THOROUGH || chance (sim, 0.7) ? PICK (sim, approve_bodies) : "");
        }
      if (plan->flow == FLOW_THOROUGH && chance (sim, 0.35))
        {
          int r2 = next_talker (sim, (int) dev, r1);

          if (r2 >= 0)
            {
              UcTime t2 = act (sim, (guint) r2, open, plan->review_min_h, plan->review_max_h);

              if (t2 < ok)
                add_review (sim, pull, (guint) r2, UC_REVIEW_COMMENTED, t2, PICK (sim, review_bodies));
            }
        }
      if (plan->batch_merge && sim->lead >= 0)
        {
          end = release_day (sim, ok);
          merge (pull, (guint) sim->lead, end);
        }
      else
        {
          end = act (sim, dev, ok, 0.05, 0.8);
          merge (pull, chance (sim, 0.7) ? dev : (guint) r1, end);
        }
      break;

    case FLOW_STAMP:
      r1 = stamper_other_than (sim, dev);
      if (r1 < 0)
        r1 = next_talker (sim, (int) dev, -1);
      t = open + rand_time (sim, 3 * MINUTE, 15 * MINUTE);
      add_review (sim, pull, (guint) r1, UC_REVIEW_APPROVED, t, "");
      end = t + rand_time (sim, MINUTE, 20 * MINUTE);
      merge (pull, dev, end);
      break;

    case FLOW_SELF_MERGE:
      end = open + rand_time (sim, 10 * MINUTE, 90 * MINUTE);
      merge (pull, dev, end);
      break;

    case FLOW_OVERRIDE:
    case FLOW_DISMISS:
      {
        int objector = sim->objector >= 0 && sim->objector != (int) dev ? sim->objector
                       : next_talker (sim, (int) dev, -1);
        guint64 review;
        guint n = 1 + (chance (sim, 0.5) ? 1 : 0);

        t = act (sim, (guint) objector, open, 0.3, 3.0);
        review = add_review (sim, pull, (guint) objector,
                             plan->flow == FLOW_DISMISS ? UC_REVIEW_DISMISSED : UC_REVIEW_CHANGES_REQUESTED,
                             t, PICK (sim, objections));
        for (guint i = 0; i < n; i++)
          add_comment (sim, pull, (guint) objector, t + i * 40, PICK (sim, objections), review, 0, TRUE);
        if (plan->flow == FLOW_OVERRIDE)
          {
            r1 = stamper_other_than (sim, dev);
            if (r1 < 0 || r1 == objector)
              r1 = (int) dev;
            t += rand_time (sim, 10 * MINUTE, 90 * MINUTE);
            if (r1 != (int) dev)
              add_review (sim, pull, (guint) r1, UC_REVIEW_APPROVED, t, "");
            end = t + rand_time (sim, 2 * MINUTE, 30 * MINUTE);
          }
        else
          end = t + rand_time (sim, 30 * MINUTE, 4 * HOUR);
        merge (pull, dev, end);
      }
      break;

    case FLOW_STALL:
      r1 = next_talker (sim, (int) dev, -1);
      if (r1 >= 0 && chance (sim, 0.5))
        {
          t = act (sim, (guint) r1, open, plan->review_min_h, plan->review_max_h);
          add_review (sim, pull, (guint) r1, UC_REVIEW_COMMENTED, t, PICK (sim, review_bodies));
        }
      if (plan->abandon)
        pull->closed = act (sim, dev, open, 8 * 24.0, 20 * 24.0);
      return 0;

    case FLOW_DIRECT:
    default:
      g_assert_not_reached ();
    }

  /* Conversation on the pull request, by people who speak up. */
  for (double c = plan->chatter; c > 0.0; c -= 1.0)
    {
      int who;
      UcTime at;

      if (!chance (sim, MIN (c, 1.0)))
        continue;
      who = random_talker (sim, (int) dev);
      if (who < 0)
        break;
      at = act (sim, (guint) who, open, 0.2, 4.0);
      if (at >= end)
        continue;
      add_comment (sim, pull, (guint) who, at, PICK (sim, conversation), 0, 0, FALSE);
      if (is_talker (sim, dev))
        {
          UcTime answer = act (sim, dev, at, 0.1, 1.0);

          if (answer < end)
            add_comment (sim, pull, dev, answer, PICK (sim, replies), 0, 0, FALSE);
        }
    }
  return end;
}

/* Comments on a pull request that nobody decides on: people ask, nobody
 * merges (the masked decline's busy-looking discussions). */
static void
stalled_chatter (Sim            *sim,
                 UcDemoPull     *pull,
                 const TaskPlan *plan,
                 UcTime          open)
{
  UcTime t = open;
  UcTime limit = pull->closed > 0 ? pull->closed : open + 20 * DAY;

  for (double c = plan->chatter; c > 0.0; c -= 1.0)
    {
      int who;

      if (!chance (sim, MIN (c, 1.0)))
        continue;
      who = random_talker (sim, -1);
      if (who < 0)
        break;
      t = act (sim, (guint) who, t, 2.0, 40.0);
      if (t >= limit)
        break;
      add_comment (sim, pull, (guint) who, t, PICK (sim, waiting), 0, 0, FALSE);
    }
}

/* One task of @dev starting at @start; returns when they start the next. */
static UcTime
run_task (Sim    *sim,
          guint   dev,
          UcTime  start)
{
  UcDemoTeam *team = sim->team;
  TaskPlan plan;
  UcDemoItem *item = NULL;
  const char *key = NULL;
  const char *subject_template;
  g_autofree char *subject = NULL;
  g_autofree char *line = NULL;
  UcTime t = start, done_at = 0, free_at;
  UcDemoPull *pull = NULL;
  gboolean fix_task;

  set_week (sim, start);
  plan_task (sim, dev, &plan);
  fix_task = chance (sim, plan.p_fix);
  subject_template = fix_task ? PICK (sim, fix_subjects) : PICK (sim, work_subjects);
  subject = g_strdup_printf (subject_template, area_name (sim, dev));

  if (plan.item && (team->project != NULL || team->github_issues))
    {
      guint reporter = plan.reporter >= 0 ? (guint) plan.reporter : dev;
      UcTime created = start - (UcTime) ((plan.backlog_min_h + rnd (sim) * (plan.backlog_max_h - plan.backlog_min_h)) * HOUR);

      created = office_at_or_after (sim, PERSON (sim->model, reporter), created);
      if (created >= start)
        created = start - 10 * MINUTE;
      item = new_item (sim, reporter, (int) dev, created, fix_task ? "Bug" : chance (sim, 0.6) ? "Story" : "Task",
                       subject);
      key = item_key (sim, item);
      if (chance (sim, plan.p_descope))
        {
          /* Started in an earlier sprint, sent back to the backlog, picked up again. */
          UcTime early = item->created + (start - item->created) / 3;

          move (sim, item, early, sim->lead >= 0 ? (guint) sim->lead : dev, UC_STATUS_DOING);
          move (sim, item, early + (start - early) / 2, sim->lead >= 0 ? (guint) sim->lead : dev, UC_STATUS_TODO);
        }
      move (sim, item, start, dev, UC_STATUS_DOING);
      if (team->archetype == UC_DEMO_HEALTHY && chance (sim, 0.3))
        item_comment (sim, item, dev, start + rand_time (sim, 5 * MINUTE, 40 * MINUTE), PICK (sim, item_comments));
    }

  if (key != NULL && plan.key_in_commits)
    line = team->github_issues ? g_strdup_printf ("%s (%s)", subject, key)
                               : chance (sim, 0.5) ? g_strdup_printf ("%s: %s", key, subject)
                                                   : g_strdup_printf ("%s (%s)", subject, key);
  else
    line = g_strdup (subject);

  if (plan.flow != FLOW_DIRECT)
    {
      g_autofree char *title = NULL;
      g_autofree char *branch = NULL;
      const char *body = "";
      UcTime open;
      UcTime first = act (sim, dev, t, plan.first_min_h, plan.first_max_h);
      g_autofree char *fixup = NULL;

      if (key != NULL && plan.key_in_pull && !team->github_issues)
        {
          title = g_strdup_printf ("%s: %s", key, subject);
          branch = g_strdup_printf ("%s-%s", key, slug (sim, subject));
        }
      else if (key != NULL && plan.key_in_pull)
        {
          title = g_strdup (subject);
          branch = g_strdup_printf ("%u-%s", item->number, slug (sim, subject));
          body = chunk_printf (sim, "Fixes %s.", key);
        }
      else
        {
          title = g_strdup (subject);
          branch = g_strdup_printf ("feature/%s", slug (sim, subject));
        }
      fixup = key != NULL && plan.key_in_commits
              ? (team->github_issues ? g_strdup_printf ("Address review comments (%s)", key)
                                     : g_strdup_printf ("%s: Address review comments", key))
              : g_strdup ("Address review comments");

      pull = new_pull (sim, dev, first, title, branch, body);
      t = first;
      for (guint i = 0; i < plan.n_commits; i++)
        {
          if (i > 0)
            t = act (sim, dev, t, plan.gap_min_h, plan.gap_max_h);
          pull_commit (sim, pull, dev, t, line, chance (sim, plan.p_multi), plan.big);
        }
      pull->created = open = t + rand_time (sim, 5 * MINUTE, 30 * MINUTE);
      done_at = run_flow (sim, pull, &plan, open, fixup);
      if (plan.flow == FLOW_STALL)
        stalled_chatter (sim, pull, &plan, open);
      free_at = plan.wait_for_merge && done_at > 0 ? done_at : open;
    }
  else
    {
      for (guint i = 0; i < plan.n_commits; i++)
        {
          t = i == 0 ? act (sim, dev, t, plan.first_min_h, plan.first_max_h)
                     : act (sim, dev, t, plan.gap_min_h, plan.gap_max_h);
          add_commit (sim, dev, t, line, chance (sim, plan.p_multi), plan.big, NULL);
        }
      done_at = t;
      free_at = t;
    }

  if (item != NULL)
    {
      if (done_at > 0)
        {
          UcTime when;
          guint mover = dev;

          if (plan.done == DONE_AT_SPRINT_END && sim->lead >= 0)
            {
              when = sprint_end (sim, done_at);
              mover = (guint) sim->lead;
            }
          else if (team->github_issues && pull != NULL && plan.key_in_pull)
            {
              /* "Fixes #N": GitHub closes the issue with the merge. */
              when = done_at;
              mover = (guint) pull->merged_by;
            }
          else
            when = act (sim, dev, done_at, 0.05, 0.8);
          move (sim, item, when, mover, UC_STATUS_DONE);

          if (chance (sim, plan.p_reopen))
            {
              /* Reopened: it did not work after all; done again later. */
              UcTime again = when + rand_time (sim, DAY, 6 * DAY);
              guint reopener = item->reporter;

              move (sim, item, again, reopener, UC_STATUS_DOING);
              if (plan.done == DONE_AT_SPRINT_END && sim->lead >= 0)
                move (sim, item, sprint_end (sim, again + DAY), (guint) sim->lead, UC_STATUS_DONE);
              else
                {
                  UcTime fix = act (sim, dev, again, 1.0, 8.0);
                  g_autofree char *fix_subject = g_strdup_printf ("Fix %s follow-up (%s)",
                                                                  area_name (sim, dev), key);

                  add_commit (sim, dev, fix, fix_subject, FALSE, FALSE, NULL);
                  move (sim, item, act (sim, dev, fix, 0.1, 1.0), dev, UC_STATUS_DONE);
                }
            }
        }
      item->assignee = (int) dev;
    }

  return act (sim, dev, free_at, plan.idle_min_h, plan.idle_max_h);
}

/* ---- what happens besides tasks ---- */

static void
week_chat (Sim   *sim,
           guint  week)
{
  UcTime monday = sim->model->start + (UcTime) week * WEEK;
  double rate = sim->team->archetype == UC_DEMO_MASKED_DECLINE ? 4.0 * (1.0 + 1.5 * sim->decline) : 4.0;

  for (guint i = 0; i < sim->talkers->len; i++)
    {
      guint person = g_array_index (sim->talkers, guint, i);
      double my_rate = (int) person == sim->hero ? rate * 1.5 : sim->hero >= 0 ? rate * 0.25 : rate;
      guint n = (guint) floor (my_rate * 0.6 + rnd (sim) * my_rate * 0.8);

      for (guint m = 0; m < n; m++)
        {
          UcTime t = act (sim, person, monday + rand_time (sim, 0, 5 * DAY), 0.0, 0.5);
          gboolean objection = sim->team->archetype == UC_DEMO_HEALTHY && chance (sim, 0.05);
          guint root = post (sim, (m % 7 == 6) ? 0 : team_channel (sim), person, t, -1,
                             objection ? PICK (sim, chat_objections) : PICK (sim, chat_lines));

          if (objection || chance (sim, 0.35))
            {
              guint n_replies = 1 + pick_index (sim, 3);

              for (guint r = 0; r < n_replies; r++)
                {
                  int who = random_talker (sim, (int) person);

                  if (who < 0)
                    break;
                  t = act (sim, (guint) who, t, 0.02, 1.0);
                  post (sim, g_array_index (sim->model->messages, UcDemoMessage, root).channel,
                        (guint) who, t, (int) root, PICK (sim, chat_replies));
                }
            }
        }
    }

  /* The hero is on call: a message every evening, weekends included. */
  if (sim->hero >= 0)
    {
      const UcDemoPerson *p = PERSON (sim->model, sim->hero);

      for (int d = 0; d < 7; d++)
        {
          UcTime t = monday + d * DAY + (d < 5 ? 20 * HOUR : 11 * HOUR) +
                     rand_time (sim, 0, d < 5 ? 3 * HOUR : 9 * HOUR) -
                     (UcTime) p->tz_minutes * MINUTE;

          post (sim, team_channel (sim), (guint) sim->hero, t, -1, PICK (sim, hero_lines));
        }
    }
}

/* Dependabot's weekly lock-file update, approved and merged at once. */
static void
week_dependabot (Sim   *sim,
                 guint  week,
                 guint  bot)
{
  UcDemoTeam *team = sim->team;
  UcTime monday = sim->model->start + (UcTime) week * WEEK;
  guint n = 1 + (chance (sim, 0.4) ? 1 : 0);

  for (guint i = 0; i < n; i++)
    {
      const char *package = PICK (sim, bump_packages);
      guint minor = pick_index (sim, 20);
      g_autofree char *title = g_strdup_printf ("Bump %s from 2.%u.0 to 2.%u.1", package, minor, minor);
      g_autofree char *branch = g_strdup_printf ("dependabot/npm_and_yarn/%s-2.%u.1", package, minor);
      UcTime t = monday + i * DAY + 4 * HOUR + rand_time (sim, 0, HOUR);
      UcDemoCommit commit = { 0 };
      UcDemoTouch touch = { 0 };
      UcDemoPull *pull;
      int approver;

      commit.time = t;
      commit.seq = sim->model->commits->len;
      commit.team = sim->team_index;
      commit.author = bot;
      commit.message = chunk_printf (sim, "%s\n\nBumps %s from 2.%u.0 to 2.%u.1.\n\nSigned-off-by: dependabot[bot] <support@github.com>\n",
                                     title, package, minor, minor);
      commit.first_touch = sim->model->touches->len;
      commit.n_touches = 1;
      touch.file = (guint32) team->lock_file;
      touch.replace = (guint16) g_rand_int_range (sim->rand, 4, 12);
      g_array_append_val (sim->model->touches, touch);
      g_array_append_val (sim->model->commits, commit);

      pull = new_pull (sim, bot, t + 2 * MINUTE, title, branch,
                       "Bumps a dependency. Dependabot will resolve any conflicts with this PR as long as you don't alter it yourself.");
      g_array_append_val (pull->commit_times, t);
      pull->additions = touch.replace;
      pull->deletions = touch.replace;
      pull->changed_files = 1;
      approver = stamper_other_than (sim, bot);
      if (approver < 0)
        continue;
      t = act (sim, (guint) approver, pull->created, 0.0, 2.0);
      add_review (sim, pull, (guint) approver, UC_REVIEW_APPROVED, t, "");
      merge (pull, (guint) approver, t + rand_time (sim, MINUTE, 5 * MINUTE));
    }
}

/* Tickets that never meet code: chores closed at the sprint end (dune),
 * and tickets parked in progress for weeks (dune, and estuary as it
 * declines). */
static void
week_paper_tickets (Sim   *sim,
                    guint  week)
{
  UcDemoTeam *team = sim->team;
  UcTime monday = sim->model->start + (UcTime) week * WEEK;
  guint n_chores = 0, n_zombies = 0;
  guint lead = sim->lead >= 0 ? (guint) sim->lead : g_array_index (sim->humans, guint, 0);

  if (team->archetype == UC_DEMO_REPORTING_GAP)
    {
      n_chores = 2 + pick_index (sim, 2);
      n_zombies = 3 + pick_index (sim, 3);
    }
  else if (team->archetype == UC_DEMO_MASKED_DECLINE && sim->decline > 0.0)
    {
      n_chores = (guint) floor (2.5 * sim->decline + rnd (sim));
      n_zombies = (guint) floor (2.0 * sim->decline + rnd (sim));
    }
  else
    return;

  for (guint i = 0; i < n_chores; i++)
    {
      guint who = g_array_index (sim->humans, guint, pick_index (sim, sim->humans->len));
      UcTime created = act (sim, lead, monday + rand_time (sim, 0, 3 * DAY), 0.0, 0.5);
      g_autofree char *summary = g_strdup_printf (PICK (sim, admin_summaries), area_name (sim, who));
      UcDemoItem *item = new_item (sim, lead, (int) who, created, "Task", summary);
      UcTime doing = act (sim, who, created, 1.0, 30.0);

      move (sim, item, doing, who, UC_STATUS_DOING);
      if (team->archetype == UC_DEMO_REPORTING_GAP)
        move (sim, item, sprint_end (sim, doing + HOUR), lead, UC_STATUS_DONE);
      else
        move (sim, item, act (sim, who, doing, 4.0, 60.0), who, UC_STATUS_DONE);
    }

  for (guint i = 0; i < n_zombies; i++)
    {
      guint who = g_array_index (sim->humans, guint, pick_index (sim, sim->humans->len));
      UcTime created = act (sim, lead, monday + rand_time (sim, 0, 4 * DAY), 0.0, 0.5);
      g_autofree char *summary = g_strdup_printf (PICK (sim, work_subjects), area_name (sim, who));
      UcDemoItem *item = new_item (sim, lead, (int) who, created, "Story", summary);
      UcTime doing = act (sim, lead, created, 0.5, 24.0);
      UcTime later = doing + rand_time (sim, 4 * WEEK, 10 * WEEK);

      move (sim, item, doing, lead, UC_STATUS_DOING);
      if (chance (sim, 0.3))
        item_comment (sim, item, lead, doing + rand_time (sim, DAY, 2 * WEEK), PICK (sim, waiting));
      if (chance (sim, 0.6))
        move (sim, item, later, lead, UC_STATUS_TODO);
      else
        move (sim, item, later, lead, UC_STATUS_DONE);
    }
}

/* More commits when things go wrong: direct fixes across areas. */
static void
week_churn (Sim   *sim,
            guint  week)
{
  UcTime monday = sim->model->start + (UcTime) week * WEEK;

  if (sim->team->archetype != UC_DEMO_MASKED_DECLINE || sim->decline <= 0.0)
    return;
  for (guint i = 0; i < sim->humans->len; i++)
    {
      guint person = g_array_index (sim->humans, guint, i);
      guint n = (guint) floor (3.0 * sim->decline + rnd (sim));

      for (guint c = 0; c < n; c++)
        {
          UcTime t = act (sim, person, monday + rand_time (sim, 0, 5 * DAY), 0.0, 1.0);
          g_autofree char *subject = g_strdup_printf (PICK (sim, fix_subjects), area_name (sim, person));

          add_commit (sim, person, t, subject, chance (sim, 0.6), FALSE, NULL);
        }
    }
}

/* Week 0: the people who own the files create them. */
static void
create_files (Sim *sim)
{
  UcDemoTeam *team = sim->team;
  UcDemoModel *model = sim->model;
  UcTime monday = model->start;

  sim->week = 0;
  for (guint area = 0; area < team->areas->len; area++)
    for (guint f = 0; f < team->files->len; f++)
      {
        UcDemoCommit commit = { 0 };
        UcDemoTouch touch = { 0 };
        guint creator;

        if (team->file_area[f] != area)
          continue;
        creator = (guint) team->file_creator[f];
        commit.time = office_at_or_after (sim, PERSON (model, creator),
                                          monday + 9 * HOUR + (UcTime) f * 11 * MINUTE);
        commit.seq = model->commits->len;
        commit.team = sim->team_index;
        commit.author = creator;
        commit.message = chunk_printf (sim, "Add %s\n", (const char *) g_ptr_array_index (team->files, f));
        commit.first_touch = model->touches->len;
        commit.n_touches = 1;
        touch.file = f;
        touch.create = 1;
        touch.add = (guint16) g_rand_int_range (sim->rand, 30, 70);
        g_array_append_val (model->touches, touch);
        g_array_append_val (model->commits, commit);
      }
}

static void
simulate_team (UcDemoModel *model,
               guint        team_index)
{
  UcDemoTeam *team = g_ptr_array_index (model->teams, team_index);
  guint32 seeds[3] = { model->seed, team_index, 0x5eed };
  g_autoptr(GArray) humans = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) stampers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) talkers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree UcTime *next = NULL;
  g_autofree gboolean *ai_started = NULL;
  g_autofree guint *rotation = NULL;
  Sim sim = { 0 };
  int bot = -1;

  sim.model = model;
  sim.team = team;
  sim.team_index = team_index;
  sim.rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  sim.lead = sim.hero = sim.objector = -1;
  sim.humans = humans;
  sim.stampers = stampers;
  sim.talkers = talkers;
  ai_started = g_new0 (gboolean, team->n_people);
  sim.ai_started = ai_started;
  rotation = g_new0 (guint, team->n_people * team->areas->len);
  sim.rotation = rotation;

  for (guint i = 0; i < team->n_people; i++)
    {
      guint person = team->first_person + i;
      UcDemoPerson *p = PERSON (model, person);

      switch (p->role)
        {
        case UC_DEMO_ROLE_BOT: bot = (int) person; continue;
        case UC_DEMO_ROLE_LEAD: sim.lead = (int) person; break;
        case UC_DEMO_ROLE_HERO: sim.hero = (int) person; break;
        case UC_DEMO_ROLE_OBJECTOR: sim.objector = (int) person; break;
        case UC_DEMO_ROLE_STAMPER:
          if (sim.lead < 0)
            sim.lead = (int) person;
          g_array_append_val (stampers, person);
          break;
        case UC_DEMO_ROLE_SILENT:
        case UC_DEMO_ROLE_MEMBER:
        default:
          break;
        }
      g_array_append_val (humans, person);
      if (p->role != UC_DEMO_ROLE_SILENT)
        g_array_append_val (talkers, person);
    }

  create_files (&sim);

  /* Everyone works through their chain of tasks, in turn, so that the
   * reviewer rotation and the random draws follow time. */
  next = g_new0 (UcTime, humans->len);
  for (guint i = 0; i < humans->len; i++)
    next[i] = office_at_or_after (&sim, PERSON (model, g_array_index (humans, guint, i)),
                                  model->start + DAY + (UcTime) i * 47 * MINUTE);

  for (guint week = 0; week < UC_DEMO_WEEKS; week++)
    {
      UcTime week_end = model->start + (UcTime) (week + 1) * WEEK;

      for (;;)
        {
          guint who = 0;

          for (guint i = 1; i < humans->len; i++)
            if (next[i] < next[who])
              who = i;
          if (next[who] >= week_end)
            break;
          next[who] = run_task (&sim, g_array_index (humans, guint, who), next[who]);
        }
      set_week (&sim, model->start + (UcTime) week * WEEK);
      week_chat (&sim, week);
      week_paper_tickets (&sim, week);
      week_churn (&sim, week);
      if (bot >= 0 && team->lock_file >= 0)
        week_dependabot (&sim, week, (guint) bot);
    }

  g_rand_free (sim.rand);
}

/* ---- the export snapshot: nothing at or after the end ---- */

static int
compare_commits (gconstpointer a,
                 gconstpointer b)
{
  const UcDemoCommit *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->seq < y->seq ? -1 : (x->seq > y->seq ? 1 : 0);
}

static int
compare_reviews (gconstpointer a,
                 gconstpointer b)
{
  const UcDemoReview *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->id < y->id ? -1 : (x->id > y->id ? 1 : 0);
}

static int
compare_comments (gconstpointer a,
                  gconstpointer b)
{
  const UcDemoComment *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->id < y->id ? -1 : (x->id > y->id ? 1 : 0);
}

static void
pull_free (gpointer data)
{
  UcDemoPull *pull = data;

  g_array_unref (pull->commit_times);
  g_array_unref (pull->reviews);
  g_array_unref (pull->comments);
  g_free (pull);
}

static void
item_free (gpointer data)
{
  UcDemoItem *item = data;

  g_array_unref (item->transitions);
  g_array_unref (item->comments);
  g_free (item);
}

static void
cut_pull (UcDemoPull *pull,
          UcTime      end)
{
  UcTime updated = pull->created;

  for (guint i = pull->reviews->len; i-- > 0;)
    if (g_array_index (pull->reviews, UcDemoReview, i).time >= end)
      g_array_remove_index (pull->reviews, i);
  for (guint i = pull->comments->len; i-- > 0;)
    if (g_array_index (pull->comments, UcDemoComment, i).time >= end)
      g_array_remove_index (pull->comments, i);
  for (guint i = pull->commit_times->len; i-- > 0;)
    if (g_array_index (pull->commit_times, UcTime, i) >= end)
      g_array_remove_index (pull->commit_times, i);
  /* A reply whose answered comment is gone cannot be: none is, since an
   * answer always comes after what it answers. */
  if (pull->merged >= end)
    {
      pull->merged = 0;
      pull->merged_by = -1;
    }
  if (pull->closed >= end)
    pull->closed = 0;
  g_array_sort (pull->reviews, compare_reviews);
  g_array_sort (pull->comments, compare_comments);
  for (guint i = 0; i < pull->reviews->len; i++)
    updated = MAX (updated, g_array_index (pull->reviews, UcDemoReview, i).time);
  for (guint i = 0; i < pull->comments->len; i++)
    updated = MAX (updated, g_array_index (pull->comments, UcDemoComment, i).time);
  for (guint i = 0; i < pull->commit_times->len; i++)
    updated = MAX (updated, g_array_index (pull->commit_times, UcTime, i));
  updated = MAX (updated, pull->closed);
  pull->updated = updated;
}

static void
cut_item (UcDemoItem *item,
          UcTime      end)
{
  UcTime updated = item->created;

  for (guint i = item->transitions->len; i-- > 0;)
    if (g_array_index (item->transitions, UcDemoTransition, i).time >= end)
      g_array_remove_index (item->transitions, i);
  for (guint i = item->comments->len; i-- > 0;)
    if (g_array_index (item->comments, UcDemoItemComment, i).time >= end)
      g_array_remove_index (item->comments, i);
  updated = MAX (updated, item_last_time (item));
  for (guint i = 0; i < item->comments->len; i++)
    updated = MAX (updated, g_array_index (item->comments, UcDemoItemComment, i).time);
  item->updated = updated;
}

static void
snapshot (UcDemoModel *model)
{
  UcTime end = model->end;
  g_autoptr(GArray) commits = g_array_sized_new (FALSE, FALSE, sizeof (UcDemoCommit), model->commits->len);
  g_autoptr(GArray) messages = g_array_sized_new (FALSE, FALSE, sizeof (UcDemoMessage), model->messages->len);
  g_autofree int *new_index = g_new (int, MAX (model->messages->len, 1));

  for (guint i = 0; i < model->commits->len; i++)
    if (g_array_index (model->commits, UcDemoCommit, i).time < end)
      g_array_append_val (commits, g_array_index (model->commits, UcDemoCommit, i));
  g_array_sort (commits, compare_commits);
  g_array_set_size (model->commits, 0);
  g_array_append_vals (model->commits, commits->data, commits->len);

  for (guint i = model->pulls->len; i-- > 0;)
    {
      UcDemoPull *pull = g_ptr_array_index (model->pulls, i);

      if (pull->created >= end)
        g_ptr_array_remove_index (model->pulls, i);
      else
        cut_pull (pull, end);
    }
  for (guint i = model->items->len; i-- > 0;)
    {
      UcDemoItem *item = g_ptr_array_index (model->items, i);

      if (item->created >= end)
        g_ptr_array_remove_index (model->items, i);
      else
        cut_item (item, end);
    }

  /* Messages: keep those before the end, threads pointing at their new
   * positions (a reply always comes after its root). */
  for (guint i = 0; i < model->messages->len; i++)
    {
      UcDemoMessage *m = &g_array_index (model->messages, UcDemoMessage, i);

      new_index[i] = -1;
      if (m->time >= end || (m->thread_root >= 0 && new_index[m->thread_root] < 0))
        continue;
      new_index[i] = (int) messages->len;
      g_array_append_val (messages, *m);
      if (m->thread_root >= 0)
        g_array_index (messages, UcDemoMessage, messages->len - 1).thread_root = new_index[m->thread_root];
    }
  g_array_set_size (model->messages, 0);
  g_array_append_vals (model->messages, messages->data, messages->len);
}

/* ---- building the organisation ---- */

static char *
ascii_fold (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");

  return g_ascii_strdown (ascii, -1);
}

static void
person_free (gpointer data)
{
  UcDemoPerson *p = data;

  g_free (p->name);
  g_free (p->email);
  g_free (p->login);
  g_free (p->jira_id);
  g_free (p->slack_id);
  g_free (p->slack_name);
  g_free (p);
}

static void
team_free (gpointer data)
{
  UcDemoTeam *team = data;

  g_free (team->name);
  g_free (team->repo);
  g_free (team->project);
  g_free (team->ai_trailer);
  g_ptr_array_unref (team->files);
  g_ptr_array_unref (team->areas);
  g_free (team->file_area);
  g_free (team->file_creator);
  g_free (team->file_coowner);
  g_free (team);
}

static UcDemoPerson *
new_person (UcDemoModel          *model,
            const PersonTemplate *tmpl,
            guint                 copy,
            guint                 team,
            guint                *generated)
{
  UcDemoPerson *p = g_new0 (UcDemoPerson, 1);
  guint index = model->people->len;

  if (tmpl->role == UC_DEMO_ROLE_BOT)
    {
      p->name = g_strdup ("dependabot[bot]");
      p->email = g_strdup ("49699333+dependabot[bot]@users.noreply.github.com");
      p->login = g_strdup ("dependabot[bot]");
      p->github_id = 49699333;
    }
  else
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      const char *space;

      if (copy == 0)
        p->name = g_strdup (tmpl->name);
      else
        {
          guint i = (*generated)++;
          guint a = i % G_N_ELEMENTS (first_names);
          guint b = (i / G_N_ELEMENTS (first_names) + 3 * a) % G_N_ELEMENTS (last_names);
          guint round = i / (G_N_ELEMENTS (first_names) * G_N_ELEMENTS (last_names));

          if (round == 0)
            p->name = g_strdup_printf ("%s %s", first_names[a], last_names[b]);
          else
            p->name = g_strdup_printf ("%s %s %u", first_names[a], last_names[b], round + 1);
        }
      space = strchr (p->name, ' ');
      first = ascii_fold (p->name);
      *strchr (first, ' ') = '\0';
      last = ascii_fold (space + 1);
      g_strdelimit (last, " ", '-');
      p->email = g_strdup_printf ("%s.%s@acme.example", first, last);
      p->login = g_strdup_printf ("%s-%s", first, last);
      p->slack_name = g_strdup_printf ("%s.%s", first, last);
      p->github_id = 7100000 + index * 37;
      p->jira_id = g_strdup_printf ("5b10a2%06x%012x", index + 0x10, (index + 1) * 2654435761u);
      p->slack_id = g_strdup_printf ("U0%07X", 0x3A00000 + index * 13);
      p->jira_shows_email = index % 3 != 1;
    }
  p->team = team;
  p->tz_minutes = tmpl->tz_minutes;
  p->role = tmpl->role;
  p->after_hours = tmpl->after_hours;
  p->weekend = tmpl->weekend;
  p->ai_week = tmpl->ai_week;
  p->ai_rate = tmpl->ai_rate;
  g_ptr_array_add (model->people, p);
  return p;
}

static void
new_team (UcDemoModel        *model,
          const TeamTemplate *tmpl,
          guint               copy,
          guint              *generated)
{
  UcDemoTeam *team = g_new0 (UcDemoTeam, 1);
  guint index = model->teams->len;
  g_auto(GStrv) areas = g_strsplit (tmpl->areas, " ", -1);
  g_autoptr(GArray) humans = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_pairs;

  if (copy == 0)
    team->name = g_strdup (tmpl->name);
  else
    team->name = g_strdup_printf ("%s-%u", tmpl->name, copy + 1);
  team->repo = g_strdup_printf ("%s/%s", UC_DEMO_GITHUB_OWNER, team->name);
  if (tmpl->project != NULL)
    team->project = copy == 0 ? g_strdup (tmpl->project) : g_strdup_printf ("%s%u", tmpl->project, copy + 1);
  team->github_issues = tmpl->github_issues;
  team->ai_trailer = g_strdup (tmpl->ai_trailer);
  team->archetype = tmpl->archetype;
  team->first_person = model->people->len;
  team->n_people = tmpl->n_people;
  team->next_number = 1;
  team->next_key = 1;
  team->lock_file = -1;
  team->areas = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; areas[i] != NULL; i++)
    g_ptr_array_add (team->areas, g_strdup (areas[i]));
  g_ptr_array_add (model->teams, team);
  g_ptr_array_add (model->channels, g_strdup (team->name));

  for (guint i = 0; i < tmpl->n_people; i++)
    {
      UcDemoPerson *p = new_person (model, &tmpl->people[i], copy, index, generated);

      if (p->role != UC_DEMO_ROLE_BOT)
        {
          guint person = model->people->len - 1;
          g_array_append_val (humans, person);
        }
    }

  /* The files, spread over the areas; each has a creator and a
   * co-owner: every pair of people shares some files. */
  team->files = g_ptr_array_new_with_free_func (g_free);
  team->file_area = g_new0 (guint, tmpl->n_files + 1);
  team->file_creator = g_new0 (int, tmpl->n_files + 1);
  team->file_coowner = g_new0 (int, tmpl->n_files + 1);
  n_pairs = humans->len * (humans->len - 1) / 2;
  for (guint f = 0; f < tmpl->n_files; f++)
    {
      guint area = f % team->areas->len;
      guint a = 0, b = 1, k = (f / team->areas->len) % MAX (n_pairs, 1);

      /* The k-th pair (a, b), a < b. */
      for (a = 0; a + 1 < humans->len; a++)
        {
          guint row = humans->len - 1 - a;

          if (k < row)
            {
              b = a + 1 + k;
              break;
            }
          k -= row;
        }
      if (humans->len < 2)
        a = b = 0;
      g_ptr_array_add (team->files, g_strdup_printf ("%s/%s_%02u.%s",
                                                     (const char *) g_ptr_array_index (team->areas, area),
                                                     (const char *) g_ptr_array_index (team->areas, area),
                                                     f / team->areas->len, tmpl->ext));
      team->file_area[f] = area;
      if (tmpl->archetype == UC_DEMO_HERO)
        {
          team->file_creator[f] = (int) g_array_index (humans, guint, 0);
          team->file_coowner[f] = -1;
        }
      else
        {
          /* Who creates the file of a pair: a round-robin orientation,
           * so everyone creates about as many files as they share. */
          guint d = b - a;
          gboolean a_creates = 2 * d < humans->len || (2 * d == humans->len && 2 * a < humans->len);
          guint pa = g_array_index (humans, guint, a_creates ? a : b);
          guint pb = g_array_index (humans, guint, a_creates ? b : a);

          team->file_creator[f] = (int) pa;
          team->file_coowner[f] = pa != pb ? (int) pb : -1;
        }
    }
  if (tmpl->lock_file)
    {
      /* At the root: its own area, never picked for human work. */
      team->lock_file = (int) team->files->len;
      g_ptr_array_add (team->files, g_strdup ("package-lock.json"));
      team->file_area[team->lock_file] = 0;
      team->file_creator[team->lock_file] = (int) g_array_index (humans, guint, 0);
      team->file_coowner[team->lock_file] = -1;
    }
}

UcDemoModel *
_uc_demo_model_new (guint seed,
                    guint scale)
{
  UcDemoModel *model = g_new0 (UcDemoModel, 1);
  guint generated = 0;

  model->seed = seed;
  model->scale = MAX (scale, 1);
  model->start = uc_week_start (uc_week_add (UC_DEMO_LAST_WEEK, -(UC_DEMO_WEEKS - 1)));
  model->end = uc_week_start (UC_DEMO_LAST_WEEK) + WEEK;
  model->people = g_ptr_array_new_with_free_func (person_free);
  model->teams = g_ptr_array_new_with_free_func (team_free);
  model->commits = g_array_new (FALSE, TRUE, sizeof (UcDemoCommit));
  model->touches = g_array_new (FALSE, TRUE, sizeof (UcDemoTouch));
  model->pulls = g_ptr_array_new_with_free_func (pull_free);
  model->items = g_ptr_array_new_with_free_func (item_free);
  model->messages = g_array_new (FALSE, TRUE, sizeof (UcDemoMessage));
  model->channels = g_ptr_array_new_with_free_func (g_free);
  model->strings = g_string_chunk_new (64 * 1024);
  g_ptr_array_add (model->channels, g_strdup ("general"));

  for (guint copy = 0; copy < model->scale; copy++)
    for (guint t = 0; t < G_N_ELEMENTS (team_templates); t++)
      new_team (model, &team_templates[t], copy, &generated);

  for (guint t = 0; t < model->teams->len; t++)
    simulate_team (model, t);
  snapshot (model);
  return model;
}

void
_uc_demo_model_free (UcDemoModel *model)
{
  if (model == NULL)
    return;
  g_ptr_array_unref (model->people);
  g_ptr_array_unref (model->teams);
  g_array_unref (model->commits);
  g_array_unref (model->touches);
  g_ptr_array_unref (model->pulls);
  g_ptr_array_unref (model->items);
  g_array_unref (model->messages);
  g_ptr_array_unref (model->channels);
  g_string_chunk_free (model->strings);
  g_free (model);
}

void
_uc_demo_model_counts (UcDemoModel *model,
                       guint64     *n_commits,
                       guint64     *n_pulls,
                       guint64     *n_reviews_and_comments,
                       guint64     *n_items,
                       guint64     *n_messages)
{
  guint64 rc = 0;

  for (guint i = 0; i < model->pulls->len; i++)
    {
      UcDemoPull *pull = g_ptr_array_index (model->pulls, i);

      rc += pull->reviews->len + pull->comments->len;
    }
  for (guint i = 0; i < model->items->len; i++)
    rc += ((UcDemoItem *) g_ptr_array_index (model->items, i))->comments->len;
  if (n_commits != NULL)
    *n_commits = model->commits->len;
  if (n_pulls != NULL)
    *n_pulls = model->pulls->len;
  if (n_reviews_and_comments != NULL)
    *n_reviews_and_comments = rc;
  if (n_items != NULL)
    *n_items = model->items->len;
  if (n_messages != NULL)
    *n_messages = model->messages->len;
}
