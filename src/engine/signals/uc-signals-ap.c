/* uc-signals-ap.c: Adoption performance (SIGNALS.md §11).
 *
 * A capability is something new a team starts to use, seen in paths and
 * trailers only (commit bodies are never stored):
 *
 *   - a tool or CI configuration: the catalogue of file signatures below
 *     (.github/workflows/, .gitlab-ci.yml, Dockerfile, *.tf, linters'
 *     and test frameworks' configurations…), one capability per tool and
 *     repository;
 *   - a programming language new to a repository: the language table of
 *     file extensions below (markup, data and documentation formats are
 *     not languages), one capability per language and repository;
 *   - AI assistance, one capability per team: a human commit with an AI
 *     co-author trailer (ai_assisted, set at import), or a human
 *     committing a commit authored by an agent account. (Agents are bots
 *     and AI accounts alike; an agent's change request reviewed by a
 *     human is not counted, since a bot's would look the same.)
 *
 * Choices where SIGNALS.md leaves room:
 *
 *   Commits: non-merge commits by humans attributed to a team, as in CA.
 *   Introduction of a tool or language: the first non-merge commit (by
 *   anyone) touching a matching path in the repository. It is a team's
 *   introduction only when that change adds the file (a first sighting
 *   that edits or deletes it means it predates the data), when the
 *   repository has commits from at least 4 weeks before (else the
 *   capability came with the repository), and when a human made it: the
 *   team is that commit's. Introduction of AI assistance: the team's first
 *   use, when the team has commits from at least 4 weeks before.
 *   Use: a commit of the team touching a matching path in the repository
 *   (tools, languages), or an AI use attributed to the team.
 *   Horizon: 12 weeks from the introduction (the H of AP.reach).
 *   Active members: the team's humans with a commit of the team in the
 *   horizon, plus those who used the capability in it. A capability with
 *   fewer than 2 active members is not assessed: adoption needs a team.
 *   AP.reach of a capability: members who used it in the horizon / active
 *   members. AP.t50: weeks from the introduction until the ⌈n/2⌉-th of
 *   the n active members first used it (the introducer at 0); a
 *   capability not half adopted within the horizon counts as 12 weeks,
 *   the alarming bound ("censored").
 *   Window: a capability is assessed in the week its horizon ends; the
 *   value at a week is the median over the team's capabilities assessed
 *   in the 52 weeks ending with it (adoptions are rare: a 4-week window
 *   would mostly be empty). Coverage: those capabilities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-analysis-private.h"
#include "uc-stats.h"

#define HORIZON_WEEKS    12
#define WINDOW_WEEKS     52
#define PRIOR_HISTORY    (28 * UC_SECONDS_PER_DAY)
#define MIN_ACTIVE       2

enum {
  SIGNAL_T50,
  SIGNAL_REACH,
  N_AP_SIGNALS,
};

static void
resolve_signal_indices (int index[N_AP_SIGNALS])
{
  index[SIGNAL_T50] = uc_signal_def_index ("AP.t50");
  index[SIGNAL_REACH] = uc_signal_def_index ("AP.reach");
  for (guint i = 0; i < N_AP_SIGNALS; i++)
    g_assert (index[i] >= 0);
}

#define COMMIT(self, c)  (&g_array_index ((self)->commits, UcAnCommit, (c)))
#define CHANGE(self, i)  (&g_array_index ((self)->changes, UcAnChange, (i)))
#define FILE_AT(self, f) (&g_array_index ((self)->files, UcAnFile, (f)))

/* ---- the catalogue ---- */

typedef enum
{
  MATCH_NAME,          /* the file name */
  MATCH_NAME_PREFIX,   /* the file name starts with it */
  MATCH_SUFFIX,        /* the file name ends with it */
  MATCH_PATH_PREFIX,   /* the path in the repository starts with it */
} MatchKind;

typedef struct
{
  const char *tool;    /* display name: one capability per name */
  MatchKind   match;
  const char *pattern;
} ToolSignature;

static const ToolSignature tool_signatures[] = {
  /* Continuous integration */
  { "GitHub Actions", MATCH_PATH_PREFIX, ".github/workflows/" },
  { "GitLab CI", MATCH_NAME, ".gitlab-ci.yml" },
  { "Jenkins", MATCH_NAME, "Jenkinsfile" },
  { "CircleCI", MATCH_PATH_PREFIX, ".circleci/" },
  { "Travis CI", MATCH_NAME, ".travis.yml" },
  { "Azure Pipelines", MATCH_NAME, "azure-pipelines.yml" },
  { "Buildkite", MATCH_PATH_PREFIX, ".buildkite/" },
  { "Drone", MATCH_NAME, ".drone.yml" },
  { "Woodpecker", MATCH_PATH_PREFIX, ".woodpecker/" },
  /* Containers and infrastructure */
  { "Docker", MATCH_NAME, "Dockerfile" },
  { "Docker", MATCH_NAME_PREFIX, "Dockerfile." },
  { "Docker", MATCH_SUFFIX, ".dockerfile" },
  { "Docker Compose", MATCH_NAME, "docker-compose.yml" },
  { "Docker Compose", MATCH_NAME, "docker-compose.yaml" },
  { "Docker Compose", MATCH_NAME, "compose.yaml" },
  { "Docker Compose", MATCH_NAME, "compose.yml" },
  { "Kubernetes", MATCH_NAME, "kustomization.yaml" },
  { "Helm", MATCH_NAME, "Chart.yaml" },
  { "Terraform", MATCH_SUFFIX, ".tf" },
  { "Ansible", MATCH_NAME, "ansible.cfg" },
  { "Dev Container", MATCH_PATH_PREFIX, ".devcontainer/" },
  { "Nix", MATCH_NAME, "flake.nix" },
  /* Linters and formatters */
  { "pre-commit", MATCH_NAME, ".pre-commit-config.yaml" },
  { "EditorConfig", MATCH_NAME, ".editorconfig" },
  { "ESLint", MATCH_NAME_PREFIX, ".eslintrc" },
  { "ESLint", MATCH_NAME_PREFIX, "eslint.config." },
  { "Prettier", MATCH_NAME_PREFIX, ".prettierrc" },
  { "Prettier", MATCH_NAME_PREFIX, "prettier.config." },
  { "Stylelint", MATCH_NAME_PREFIX, ".stylelintrc" },
  { "Biome", MATCH_NAME, "biome.json" },
  { "Ruff", MATCH_NAME, "ruff.toml" },
  { "Ruff", MATCH_NAME, ".ruff.toml" },
  { "Flake8", MATCH_NAME, ".flake8" },
  { "Pylint", MATCH_NAME, ".pylintrc" },
  { "Pylint", MATCH_NAME, "pylintrc" },
  { "mypy", MATCH_NAME, "mypy.ini" },
  { "mypy", MATCH_NAME, ".mypy.ini" },
  { "RuboCop", MATCH_NAME, ".rubocop.yml" },
  { "golangci-lint", MATCH_NAME_PREFIX, ".golangci." },
  { "clang-format", MATCH_NAME, ".clang-format" },
  { "clang-tidy", MATCH_NAME, ".clang-tidy" },
  { "rustfmt", MATCH_NAME, "rustfmt.toml" },
  { "rustfmt", MATCH_NAME, ".rustfmt.toml" },
  { "Clippy", MATCH_NAME, "clippy.toml" },
  { "Checkstyle", MATCH_NAME, "checkstyle.xml" },
  { "SwiftLint", MATCH_NAME, ".swiftlint.yml" },
  /* Test frameworks */
  { "Jest", MATCH_NAME_PREFIX, "jest.config." },
  { "Vitest", MATCH_NAME_PREFIX, "vitest.config." },
  { "Mocha", MATCH_NAME_PREFIX, ".mocharc" },
  { "Karma", MATCH_NAME_PREFIX, "karma.conf" },
  { "Cypress", MATCH_NAME_PREFIX, "cypress.config." },
  { "Cypress", MATCH_NAME, "cypress.json" },
  { "Playwright", MATCH_NAME_PREFIX, "playwright.config." },
  { "pytest", MATCH_NAME, "pytest.ini" },
  { "pytest", MATCH_NAME, "conftest.py" },
  { "tox", MATCH_NAME, "tox.ini" },
  /* Dependency and quality services */
  { "Dependabot", MATCH_PATH_PREFIX, ".github/dependabot.y" },
  { "Renovate", MATCH_NAME_PREFIX, "renovate.json" },
  { "Renovate", MATCH_NAME_PREFIX, ".renovaterc" },
  { "SonarQube", MATCH_NAME, "sonar-project.properties" },
  { "Codecov", MATCH_NAME, "codecov.yml" },
  { "Codecov", MATCH_NAME, ".codecov.yml" },
};

typedef struct
{
  const char *language;
  const char *extensions;   /* space-separated, lower case, without dots */
} Language;

static const Language languages[] = {
  { "C", "c h" },
  { "C++", "cc cpp cxx c++ hh hpp hxx h++ ipp" },
  { "C#", "cs" },
  { "Clojure", "clj cljs cljc" },
  { "Dart", "dart" },
  { "Elixir", "ex exs" },
  { "Erlang", "erl hrl" },
  { "F#", "fs fsx" },
  { "Fortran", "f f90 f95 f03" },
  { "Go", "go" },
  { "Groovy", "groovy gradle" },
  { "Haskell", "hs" },
  { "Java", "java" },
  { "JavaScript", "js mjs cjs jsx" },
  { "Julia", "jl" },
  { "Kotlin", "kt kts" },
  { "Lua", "lua" },
  { "Nim", "nim" },
  { "Objective-C", "m mm" },
  { "OCaml", "ml mli" },
  { "Perl", "pl pm" },
  { "PHP", "php" },
  { "PowerShell", "ps1 psm1" },
  { "Python", "py pyi" },
  { "R", "r" },
  { "Ruby", "rb" },
  { "Rust", "rs" },
  { "Scala", "scala sc" },
  { "Shell", "sh bash zsh" },
  { "SQL", "sql" },
  { "Svelte", "svelte" },
  { "Swift", "swift" },
  { "TypeScript", "ts tsx mts cts" },
  { "Vala", "vala" },
  { "Vue", "vue" },
  { "Zig", "zig" },
};

/* Distinct tool names in catalogue order (built once). */
static const char *const *
tool_names (guint *n_tools)
{
  static const char *names[G_N_ELEMENTS (tool_signatures)];
  static guint n;
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      for (guint i = 0; i < G_N_ELEMENTS (tool_signatures); i++)
        {
          guint j;

          for (j = 0; j < n; j++)
            if (g_str_equal (names[j], tool_signatures[i].tool))
              break;
          if (j == n)
            names[n++] = tool_signatures[i].tool;
        }
      g_once_init_leave (&initialised, 1);
    }
  *n_tools = n;
  return names;
}

static const char *
base_name (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash != NULL ? slash + 1 : path;
}

int
_uc_ap_path_tool (const char *path)
{
  const char *base = base_name (path);
  const char *const *names;
  guint n_tools;

  for (guint i = 0; i < G_N_ELEMENTS (tool_signatures); i++)
    {
      const ToolSignature *sig = &tool_signatures[i];
      gboolean match;

      switch (sig->match)
        {
        case MATCH_NAME:
          match = g_str_equal (base, sig->pattern);
          break;
        case MATCH_NAME_PREFIX:
          match = g_str_has_prefix (base, sig->pattern);
          break;
        case MATCH_SUFFIX:
          match = g_str_has_suffix (base, sig->pattern) && !g_str_equal (base, sig->pattern);
          break;
        case MATCH_PATH_PREFIX:
        default:
          match = g_str_has_prefix (path, sig->pattern);
          break;
        }
      if (!match)
        continue;
      names = tool_names (&n_tools);
      for (guint t = 0; t < n_tools; t++)
        if (g_str_equal (names[t], sig->tool))
          return (int) t;
    }
  return -1;
}

const char *
_uc_ap_tool_name (int tool)
{
  guint n_tools;
  const char *const *names = tool_names (&n_tools);

  g_return_val_if_fail (tool >= 0 && (guint) tool < n_tools, "?");
  return names[tool];
}

int
_uc_ap_path_language (const char *path)
{
  const char *base = base_name (path);
  const char *dot = strrchr (base, '.');
  char ext[16];
  gsize len;

  if (dot == NULL || dot == base)
    return -1;
  len = strlen (dot + 1);
  if (len == 0 || len >= sizeof ext)
    return -1;
  for (gsize i = 0; i <= len; i++)
    ext[i] = g_ascii_tolower (dot[1 + i]);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      const char *p = languages[l].extensions;

      while (*p != '\0')
        {
          const char *end = strchr (p, ' ');
          gsize n = end != NULL ? (gsize) (end - p) : strlen (p);

          if (n == len && memcmp (p, ext, n) == 0)
            return (int) l;
          p += n;
          while (*p == ' ')
            p++;
        }
    }
  return -1;
}

const char *
_uc_ap_language_name (int language)
{
  g_return_val_if_fail (language >= 0 && (guint) language < G_N_ELEMENTS (languages), "?");
  return languages[language].language;
}

/* ---- capabilities ---- */

typedef enum
{
  CAPABILITY_TOOL,
  CAPABILITY_LANGUAGE,
  CAPABILITY_AI,
} CapabilityKind;

typedef struct
{
  guint8   kind;           /* CapabilityKind */
  gboolean valid;          /* a team's introduction */
  int      id;             /* tool or language; -1 for AI */
  int      repo;           /* repository (tools, languages), -1 for AI */
  int      team;
  UcTime   intro;
  guint    intro_commit;
  int      assessed_week;  /* week index the horizon ends in, -1 */
  GArray  *adopters;       /* Adopter, by first use */
  guint    n_active;
  double   reach;
  double   t50;            /* weeks */
} Capability;

typedef struct
{
  guint  member;
  UcTime first_use;
} Adopter;

typedef struct
{
  GArray  *capabilities;   /* Capability */
} Catalogue;

static void
capability_clear (gpointer data)
{
  Capability *capability = data;

  g_clear_pointer (&capability->adopters, g_array_unref);
}

static inline gboolean
counts_for_ap (const UcAnCommit *commit)
{
  return commit->team >= 0 && commit->is_human && !commit->is_merge;
}

/* An AI use by a human: their AI-assisted commit, or their committing an
 * agent's commit. The user and their team, FALSE when none. */
static gboolean
ai_use (UcAnalysis       *self,
        const UcAnCommit *commit,
        guint            *person,
        int              *team)
{
  if (commit->is_merge)
    return FALSE;
  if (commit->is_human && commit->ai_assisted && commit->team >= 0)
    {
      *person = commit->person;
      *team = commit->team;
      return TRUE;
    }
  if (!commit->is_human && commit->committer >= 0 &&
      !g_array_index (self->persons, UcAnPerson, commit->committer).is_agent)
    {
      *person = (guint) commit->committer;
      *team = _uc_analysis_team_at (self, (guint) commit->committer, commit->time);
      return *team >= 0;
    }
  return FALSE;
}

static inline gint64
capability_key (CapabilityKind kind,
                int            id,
                int            repo_or_team)
{
  return ((gint64) kind << 48) | ((gint64) (id + 1) << 24) | (gint64) repo_or_team;
}

static int
compare_adopters (gconstpointer a,
                  gconstpointer b)
{
  const Adopter *x = a, *y = b;

  if (x->first_use != y->first_use)
    return x->first_use < y->first_use ? -1 : 1;
  return (x->member > y->member) - (x->member < y->member);
}

/* (team, person) → member index. */
static int
member_of (UcAnalysis    *self,
           const UcIdMap *map,
           int            team,
           guint          person)
{
  if (team < 0)
    return -1;
  return uc_id_map_lookup (map, (gint64) team * self->persons->len + person, -1);
}

static void
add_use (Capability *capability,
         guint       member,
         UcTime      time)
{
  for (guint i = 0; i < capability->adopters->len; i++)
    if (g_array_index (capability->adopters, Adopter, i).member == member)
      return;   /* commits come in time order: the first use stays */
  {
    Adopter adopter = { member, time };

    g_array_append_val (capability->adopters, adopter);
  }
}

/* Find every capability, its introduction, uses and outcome. */
static void
catalogue_build (UcAnalysis *self,
                 Catalogue  *catalogue)
{
  guint n_commits = self->commits->len;
  guint n_repos = self->repo_names->len;
  guint n_teams = self->teams->len;
  g_autofree UcTime *repo_first = g_new0 (UcTime, MAX (n_repos, 1));
  g_autofree UcTime *team_first = g_new0 (UcTime, MAX (n_teams, 1));
  g_autofree guint *member_first = NULL;   /* CSR of each member's commit times */
  g_autofree UcTime *member_times = NULL;
  UcIdMap index = { 0 };
  UcIdMap members = { 0 };
  UcTime horizon = (UcTime) HORIZON_WEEKS * UC_SECONDS_PER_WEEK;

  catalogue->capabilities = g_array_new (FALSE, TRUE, sizeof (Capability));
  g_array_set_clear_func (catalogue->capabilities, capability_clear);
  uc_id_map_init (&index, 256);
  uc_id_map_init (&members, self->members->len + 16);
  for (guint m = 0; m < self->members->len; m++)
    {
      const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);

      uc_id_map_insert (&members, (gint64) member->team * self->persons->len + member->person, (int) m);
    }

  /* Introductions, in time order. */
  for (guint c = 0; c < n_commits; c++)
    {
      const UcAnCommit *commit = COMMIT (self, c);
      guint person;
      int team;

      if (repo_first[commit->repo] == 0)
        repo_first[commit->repo] = commit->time;
      if (commit->team >= 0 && commit->is_human && team_first[commit->team] == 0)
        team_first[commit->team] = commit->time;
      if (commit->is_merge)
        continue;

      for (guint i = 0; i < commit->n_changes; i++)
        {
          const UcAnChange *change = CHANGE (self, commit->first_change + i);
          const UcAnFile *file = FILE_AT (self, change->file);

          for (guint k = 0; k < 2; k++)
            {
              CapabilityKind kind = k == 0 ? CAPABILITY_TOOL : CAPABILITY_LANGUAGE;
              int id = k == 0 ? file->tool : file->language;
              gboolean created;
              Capability capability = { 0 };

              if (id < 0)
                continue;
              uc_id_map_ensure (&index, capability_key (kind, id, (int) commit->repo),
                                (int) catalogue->capabilities->len, &created);
              if (!created)
                continue;
              capability.kind = kind;
              capability.id = id;
              capability.repo = (int) commit->repo;
              capability.team = commit->team;
              capability.intro = commit->time;
              capability.intro_commit = c;
              capability.valid = counts_for_ap (commit) &&
                                 (change->kind == 'A' || change->kind == 'C') &&
                                 repo_first[commit->repo] <= commit->time - PRIOR_HISTORY;
              capability.adopters = g_array_new (FALSE, FALSE, sizeof (Adopter));
              g_array_append_val (catalogue->capabilities, capability);
            }
        }

      if (ai_use (self, commit, &person, &team))
        {
          gboolean created;
          Capability capability = { 0 };

          uc_id_map_ensure (&index, capability_key (CAPABILITY_AI, -1, team),
                            (int) catalogue->capabilities->len, &created);
          if (created)
            {
              capability.kind = CAPABILITY_AI;
              capability.id = -1;
              capability.repo = -1;
              capability.team = team;
              capability.intro = commit->time;
              capability.intro_commit = c;
              capability.valid = team_first[team] != 0 && team_first[team] <= commit->time - PRIOR_HISTORY;
              capability.adopters = g_array_new (FALSE, FALSE, sizeof (Adopter));
              g_array_append_val (catalogue->capabilities, capability);
            }
        }
    }

  /* Uses within each valid capability's horizon. */
  for (guint c = 0; c < n_commits; c++)
    {
      const UcAnCommit *commit = COMMIT (self, c);
      guint person;
      int team, cap, m;

      if (counts_for_ap (commit))
        for (guint i = 0; i < commit->n_changes; i++)
          {
            const UcAnFile *file = FILE_AT (self, CHANGE (self, commit->first_change + i)->file);

            for (guint k = 0; k < 2; k++)
              {
                CapabilityKind kind = k == 0 ? CAPABILITY_TOOL : CAPABILITY_LANGUAGE;
                int id = k == 0 ? file->tool : file->language;
                Capability *capability;

                if (id < 0)
                  continue;
                cap = uc_id_map_lookup (&index, capability_key (kind, id, (int) commit->repo), -1);
                capability = &g_array_index (catalogue->capabilities, Capability, cap);
                if (capability->valid && capability->team == commit->team &&
                    commit->time >= capability->intro && commit->time < capability->intro + horizon)
                  add_use (capability, (guint) commit->member, commit->time);
              }
          }
      if (ai_use (self, commit, &person, &team) &&
          (cap = uc_id_map_lookup (&index, capability_key (CAPABILITY_AI, -1, team), -1)) >= 0 &&
          (m = member_of (self, &members, team, person)) >= 0)
        {
          Capability *capability = &g_array_index (catalogue->capabilities, Capability, cap);

          if (capability->valid && commit->time < capability->intro + horizon)
            add_use (capability, (guint) m, commit->time);
        }
    }

  /* Each member's commit times, for the active members. */
  member_first = g_new0 (guint, self->members->len + 1);
  for (guint c = 0; c < n_commits; c++)
    if (counts_for_ap (COMMIT (self, c)))
      member_first[COMMIT (self, c)->member + 1]++;
  for (guint m = 0; m < self->members->len; m++)
    member_first[m + 1] += member_first[m];
  member_times = g_new (UcTime, MAX (member_first[self->members->len], 1));
  {
    g_autofree guint *fill = g_memdup2 (member_first, (self->members->len + 1) * sizeof (guint));

    for (guint c = 0; c < n_commits; c++)
      if (counts_for_ap (COMMIT (self, c)))
        member_times[fill[COMMIT (self, c)->member]++] = COMMIT (self, c)->time;
  }

  /* Outcomes. */
  for (guint i = 0; i < catalogue->capabilities->len; i++)
    {
      Capability *capability = &g_array_index (catalogue->capabilities, Capability, i);
      GArray *team_members;
      UcTime end = capability->intro + horizon;
      guint n_active = capability->adopters->len;
      guint need;

      capability->assessed_week = -1;
      if (!capability->valid)
        continue;
      capability->assessed_week = _uc_analysis_week_index (self, end);
      if (capability->assessed_week < 0)
        continue;   /* the horizon has not ended in the data */

      g_array_sort (capability->adopters, compare_adopters);
      team_members = self->team_members[capability->team];
      for (guint k = 0; k < team_members->len; k++)
        {
          guint m = g_array_index (team_members, guint, k);
          const UcTime *times = &member_times[member_first[m]];
          guint n = member_first[m + 1] - member_first[m];
          guint lo = 0, hi = n;
          gboolean adopter = FALSE;

          if (g_array_index (self->members, UcAnMember, m).is_agent)
            continue;
          for (guint a = 0; a < capability->adopters->len; a++)
            adopter |= g_array_index (capability->adopters, Adopter, a).member == m;
          if (adopter)
            continue;
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (times[mid] < capability->intro)
                lo = mid + 1;
              else
                hi = mid;
            }
          if (lo < n && times[lo] < end)
            n_active++;
        }
      capability->n_active = n_active;
      if (n_active < MIN_ACTIVE)
        {
          capability->assessed_week = -1;
          continue;
        }
      capability->reach = (double) capability->adopters->len / n_active;
      need = (n_active + 1) / 2;
      if (capability->adopters->len >= need)
        capability->t50 = (g_array_index (capability->adopters, Adopter, need - 1).first_use -
                           capability->intro) / (double) UC_SECONDS_PER_WEEK;
      else
        capability->t50 = HORIZON_WEEKS;
    }

  uc_id_map_clear (&index);
  uc_id_map_clear (&members);
}

static void
catalogue_clear (Catalogue *catalogue)
{
  g_clear_pointer (&catalogue->capabilities, g_array_unref);
}

gboolean
_uc_signals_ap_compute (UcAnalysis    *self,
                        UcProgressFunc progress,
                        gpointer       progress_data,
                        double         progress_from,
                        double         progress_to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  int signal_index[N_AP_SIGNALS];
  UcAnSamples t50 = { 0 }, reach = { 0 };
  Catalogue catalogue = { 0 };

  resolve_signal_indices (signal_index);
  if (self->teams->len == 0 || self->n_weeks == 0)
    return TRUE;

  catalogue_build (self, &catalogue);
  _uc_an_samples_init (&t50, self);
  _uc_an_samples_init (&reach, self);
  for (guint i = 0; i < catalogue.capabilities->len; i++)
    {
      const Capability *capability = &g_array_index (catalogue.capabilities, Capability, i);

      if (capability->assessed_week < 0)
        continue;
      _uc_an_samples_add_weeks (&t50, capability->team, capability->assessed_week,
                                capability->assessed_week, capability->t50);
      _uc_an_samples_add_weeks (&reach, capability->team, capability->assessed_week,
                                capability->assessed_week, capability->reach);
    }
  _uc_an_samples_emit_median (&t50, self, signal_index[SIGNAL_T50], WINDOW_WEEKS);
  _uc_an_samples_emit_median (&reach, self, signal_index[SIGNAL_REACH], WINDOW_WEEKS);
  _uc_an_samples_clear (&t50);
  _uc_an_samples_clear (&reach);
  catalogue_clear (&catalogue);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* ---- evidence ---- */

static char *
capability_name (UcAnalysis       *self,
                 const Capability *capability)
{
  switch ((CapabilityKind) capability->kind)
    {
    case CAPABILITY_TOOL:
      /* Translators: "GitHub Actions in org/app" */
      return g_strdup_printf (_("%s in %s"), _uc_ap_tool_name (capability->id),
                              (const char *) g_ptr_array_index (self->repo_names, capability->repo));
    case CAPABILITY_LANGUAGE:
      /* Translators: "the Rust language in org/app" */
      return g_strdup_printf (_("the %s language in %s"), _uc_ap_language_name (capability->id),
                              (const char *) g_ptr_array_index (self->repo_names, capability->repo));
    case CAPABILITY_AI:
    default:
      return g_strdup (_("AI assistance"));
    }
}

GPtrArray *
_uc_signals_ap_evidence (UcAnalysis  *self,
                         UcStore     *store,
                         guint        team,
                         int          signal,
                         guint        week,
                         GError     **error)
{
  GPtrArray *rows = _uc_an_evidence_array ();
  Catalogue catalogue = { 0 };
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  int first_week = (int) week - WINDOW_WEEKS + 1;

  catalogue_build (self, &catalogue);
  /* Newest assessment first. */
  for (guint i = catalogue.capabilities->len; i > 0; i--)
    {
      const Capability *capability = &g_array_index (catalogue.capabilities, Capability, i - 1);

      if (capability->team == (int) team && capability->assessed_week >= 0 &&
          capability->assessed_week >= first_week &&
          capability->assessed_week <= (int) week)
        g_array_append_val (order, i);
    }

  for (guint k = 0; k < order->len; k++)
    {
      const Capability *capability = &g_array_index (catalogue.capabilities, Capability,
                                                     g_array_index (order, guint, k) - 1);
      const UcAnCommit *intro = COMMIT (self, capability->intro_commit);
      g_autofree char *name = capability_name (self, capability);
      g_autofree char *date = _uc_an_format_date (capability->intro);
      g_autofree char *half = NULL;
      g_autofree char *sha = NULL;
      GArray *team_members = self->team_members[team];

      sha = _uc_an_commit_ref (self, store, capability->intro_commit, error);
      if (sha == NULL)
        {
          g_ptr_array_unref (rows);
          rows = NULL;
          break;
        }
      if (capability->t50 < HORIZON_WEEKS)
        /* Translators: "half of them after 2.1 weeks" */
        half = g_strdup_printf (_("half of them after %.1f weeks"), capability->t50);
      else
        half = g_strdup (_("not half of them within 12 weeks"));
      g_ptr_array_add (rows, _uc_an_evidence_new ("commit", intro->id, sha,
                                                  /* Translators: "GitHub Actions in org/app introduced 2026-01-05 by Ann: 3 of 5 active members used it within 12 weeks (60 %), half of them after 2.1 weeks" */
                                                  g_strdup_printf (_("%s introduced %s by %s: %u of %u active members used it within 12 weeks (%.0f %%), %s"),
                                                                   name, date,
                                                                   _uc_an_person_name (self, capability->kind == CAPABILITY_AI && !intro->is_human ?
                                                                                       intro->committer : (int) intro->person),
                                                                   capability->adopters->len, capability->n_active,
                                                                   100.0 * capability->reach, half),
                                                  capability->intro));

      /* The adopters, then the other active members. */
      for (guint a = 0; a < capability->adopters->len; a++)
        {
          const Adopter *adopter = &g_array_index (capability->adopters, Adopter, a);
          const UcAnPerson *person = &g_array_index (self->persons, UcAnPerson,
                                                     g_array_index (self->members, UcAnMember, adopter->member).person);

          g_ptr_array_add (rows, _uc_an_evidence_new ("person", person->id, person->name,
                                                      /* Translators: "used GitHub Actions in org/app after 1.2 weeks" */
                                                      g_strdup_printf (_("used %s after %.1f weeks"), name,
                                                                       (adopter->first_use - capability->intro) /
                                                                       (double) UC_SECONDS_PER_WEEK),
                                                      adopter->first_use));
        }
      for (guint i = 0; i < team_members->len; i++)
        {
          guint m = g_array_index (team_members, guint, i);
          const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);
          const UcAnPerson *person = &g_array_index (self->persons, UcAnPerson, member->person);
          UcTime end = capability->intro + (UcTime) HORIZON_WEEKS * UC_SECONDS_PER_WEEK;
          gboolean adopter = FALSE, active = FALSE;

          if (member->is_agent)
            continue;
          for (guint a = 0; a < capability->adopters->len; a++)
            adopter |= g_array_index (capability->adopters, Adopter, a).member == m;
          if (adopter)
            continue;
          for (guint c = _uc_analysis_commit_at (self, capability->intro); c < self->commits->len && !active; c++)
            {
              const UcAnCommit *commit = COMMIT (self, c);

              if (commit->time >= end)
                break;
              active = counts_for_ap (commit) && commit->member == (int) m;
            }
          if (active)
            g_ptr_array_add (rows, _uc_an_evidence_new ("person", person->id, person->name,
                                                        /* Translators: "did not use GitHub Actions in org/app within 12 weeks" */
                                                        g_strdup_printf (_("did not use %s within 12 weeks"), name),
                                                        0));
        }
    }
  catalogue_clear (&catalogue);
  return rows;
}
