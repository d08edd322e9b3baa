/* uc-demo-private.h: the simulated organisation behind the demo, shared
 * by the simulator (uc-demo-model.c) and the export writers
 * (uc-demo-git.c, uc-demo-github.c, uc-demo-jira.c, uc-demo-slack.c,
 * uc-demo-roster.c).
 *
 * The model is plain data: people, teams, and every record the
 * organisation left behind (commits with the files they touched, pull
 * requests with their reviews and comments, tickets with their status
 * history and comments, chat messages), each dated in UTC. It holds the
 * texts too (commit messages, review and comment bodies): the writers put
 * them in the exports exactly as real tools would, and the importers derive
 * their flags (ticket keys, fix and revert markers, AI co-author trailers,
 * objections) from them. Nothing in the model is read back by the demo:
 * the workspace is built from the exports alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "uc-types.h"

G_BEGIN_DECLS

/* The demo's last week is 2026-W47 (16–22 November 2026) and it covers
 * the 52 weeks ending with it, on every machine and in every year. */
#define UC_DEMO_LAST_WEEK  202647
#define UC_DEMO_WEEKS      52

/* The GitHub organisation and the Jira site of the demo. */
#define UC_DEMO_GITHUB_OWNER "acme"
#define UC_DEMO_JIRA_SITE    "https://acme.atlassian.net"

typedef enum
{
  UC_DEMO_HEALTHY,           /* balanced work, real reviews, linked tickets */
  UC_DEMO_HERO,              /* one person carries the team, late and at weekends */
  UC_DEMO_RUBBER_STAMP,      /* instant approvals, self-merges, overridden objections */
  UC_DEMO_REPORTING_GAP,     /* tickets done without code, zombies, reopen loops */
  UC_DEMO_MASKED_DECLINE,    /* busy as ever while delivery degrades from 2026-W34 */
  UC_DEMO_SIDE_PROJECT,      /* two people: only ever shown inside "Other" */
} UcDemoArchetype;

typedef enum
{
  UC_DEMO_ROLE_MEMBER,
  UC_DEMO_ROLE_LEAD,         /* writes most tickets */
  UC_DEMO_ROLE_HERO,
  UC_DEMO_ROLE_STAMPER,      /* approves at once, says nothing */
  UC_DEMO_ROLE_OBJECTOR,     /* requests changes, is overridden */
  UC_DEMO_ROLE_SILENT,       /* commits, never reviews, comments or chats */
  UC_DEMO_ROLE_BOT,          /* dependabot */
} UcDemoRole;

typedef struct
{
  char       *name;          /* "Amara Okafor" */
  char       *email;         /* git, Jira (when shown) and Slack address */
  char       *login;         /* GitHub login, lower case */
  char       *jira_id;       /* Jira Cloud accountId; NULL for bots */
  char       *slack_id;      /* "U…"; NULL for bots */
  char       *slack_name;    /* Slack display name */
  guint       github_id;     /* GitHub's numeric user id */
  guint       team;          /* index into the model's teams */
  int         tz_minutes;    /* east of UTC */
  UcDemoRole  role;
  gboolean    jira_shows_email;
  double      after_hours;   /* chance that an action happens outside office hours */
  double      weekend;       /* of those, the chance it happens at the weekend */
  int         ai_week;       /* first week (0..51) with AI-assisted commits, -1 never */
  double      ai_rate;       /* share of their commits with an AI co-author after it */
} UcDemoPerson;

typedef struct
{
  char            *name;     /* team, repository and Slack channel name: "atlas" */
  char            *repo;     /* GitHub "acme/atlas" */
  char            *project;  /* Jira project key, or NULL */
  gboolean         github_issues; /* tracks its work in GitHub issues */
  char            *ai_trailer; /* the Co-authored-by line its AI-assisted commits carry */
  UcDemoArchetype  archetype;
  guint            first_person;
  guint            n_people; /* bots included */
  GPtrArray       *files;    /* char *: paths, created in week 0 */
  GPtrArray       *areas;    /* char *: top-level directories */
  guint           *file_area; /* per file: index into areas */
  int             *file_creator; /* per file: person who creates it */
  int             *file_coowner; /* per file: person who shares it, -1 */
  int              lock_file; /* index of package-lock.json, -1 */
  guint            next_number; /* GitHub numbers: pulls and issues share them */
  guint            next_key;  /* Jira issue numbers */
} UcDemoTeam;

/* One file a commit touches. A first touch creates the file with @add
 * lines; later ones replace @replace lines in place, append @add and
 * remove @remove (clamped to what the file holds). */
typedef struct
{
  guint32 file;              /* index into the team's files */
  guint16 replace;
  guint16 add;
  guint16 remove;
  guint16 create;
} UcDemoTouch;

typedef struct
{
  UcTime  time;
  guint64 seq;               /* creation order: ties in time keep it */
  guint   team;
  guint   author;            /* person index */
  char   *message;           /* subject, blank line, body and trailers */
  guint   first_touch;       /* into the model's touches */
  guint   n_touches;
} UcDemoCommit;

typedef struct
{
  guint64       id;
  guint         reviewer;
  UcReviewState state;
  UcTime        time;
  const char   *body;        /* "" for none */
} UcDemoReview;

typedef struct
{
  guint64     id;
  guint       author;
  UcTime      time;
  const char *body;
  gboolean    inline_comment; /* a review comment on the diff */
  guint64     review_id;     /* inline: the review it belongs to, 0 */
  guint64     reply_to;      /* inline: the comment it answers, 0 */
  guint       file;          /* inline: index into the team's files */
} UcDemoComment;

typedef struct
{
  guint   team;
  guint   number;
  guint   author;
  int     merged_by;         /* person, -1 */
  UcTime  created;
  UcTime  updated;
  UcTime  merged;            /* 0 unless merged */
  UcTime  closed;            /* 0 while open */
  char   *title;
  char   *branch;
  char   *body;
  guint   additions;
  guint   deletions;
  guint   changed_files;
  GArray *commit_times;      /* UcTime: the pull's commits */
  GArray *reviews;           /* UcDemoReview, by time */
  GArray *comments;          /* UcDemoComment, by time */
} UcDemoPull;

typedef struct
{
  UcTime time;
  guint  author;
  gint8  from;               /* UcStatusCategory */
  gint8  to;
  guint64 id;                /* Jira history / GitHub event id */
} UcDemoTransition;

typedef struct
{
  guint64     id;
  guint       author;
  UcTime      time;
  const char *body;
} UcDemoItemComment;

typedef struct
{
  guint       team;
  guint       number;        /* Jira: PROJECT-number; GitHub: issue number */
  guint64     id;            /* Jira issue id, GitHub issue id */
  const char *type;          /* Story, Task, Bug, Spike */
  char       *summary;
  char       *description;
  guint       reporter;
  int         assignee;      /* person, -1 */
  UcTime      created;
  UcTime      updated;
  GArray     *transitions;   /* UcDemoTransition, by time */
  GArray     *comments;      /* UcDemoItemComment, by time */
} UcDemoItem;

typedef struct
{
  UcTime      time;
  guint       channel;       /* index into the model's channels */
  guint       author;
  int         thread_root;   /* index into messages, -1 for a root */
  const char *text;
  guint       micro;         /* makes ts unique within a second */
} UcDemoMessage;

typedef struct
{
  guint         seed;
  guint         scale;
  UcTime        start;       /* Monday of the first week, 00:00 UTC */
  UcTime        end;         /* Monday after the last week: nothing at or after it */
  GPtrArray    *people;      /* UcDemoPerson * */
  GPtrArray    *teams;       /* UcDemoTeam * */
  GArray       *commits;     /* UcDemoCommit */
  GArray       *touches;     /* UcDemoTouch */
  GPtrArray    *pulls;       /* UcDemoPull * */
  GPtrArray    *items;       /* UcDemoItem * */
  GArray       *messages;    /* UcDemoMessage */
  GPtrArray    *channels;    /* char *: Slack channel names; 0 is "general" */
  GStringChunk *strings;     /* texts the records point at */
  guint64       next_id;     /* GitHub review and comment ids */
} UcDemoModel;

/* Simulate the organisation: @scale copies of each team (1 is the demo). */
UcDemoModel *_uc_demo_model_new   (guint        seed,
                                   guint        scale);
void         _uc_demo_model_free  (UcDemoModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcDemoModel, _uc_demo_model_free)

/* Record counts of the model, for progress messages and the benchmark. */
void         _uc_demo_model_counts (UcDemoModel *model,
                                    guint64     *n_commits,
                                    guint64     *n_pulls,
                                    guint64     *n_reviews_and_comments,
                                    guint64     *n_items,
                                    guint64     *n_messages);

/* ---- writers: each writes real export files under @dir ---- */

/* One bare repository per team under @dir ("…/atlas.git"), written
 * with git fast-import. */
gboolean _uc_demo_write_git    (UcDemoModel   *model,
                                const char    *dir,
                                GCancellable  *cancellable,
                                GError       **error);
/* GitHub REST pages, one folder per repository under @dir. */
gboolean _uc_demo_write_github (UcDemoModel   *model,
                                const char    *dir,
                                GCancellable  *cancellable,
                                GError       **error);
/* Jira REST search pages (expand=changelog) under @dir. */
gboolean _uc_demo_write_jira   (UcDemoModel   *model,
                                const char    *dir,
                                GCancellable  *cancellable,
                                GError       **error);
/* A Slack workspace export folder @dir. */
gboolean _uc_demo_write_slack  (UcDemoModel   *model,
                                const char    *dir,
                                GCancellable  *cancellable,
                                GError       **error);
/* The roster CSV @path. */
gboolean _uc_demo_write_roster (UcDemoModel   *model,
                                const char    *path,
                                GError       **error);

/* ---- small helpers shared by the writers (uc-demo-model.c) ---- */

/* "2026-03-02T09:15:00Z" into @out (at least 21 bytes). */
void     _uc_demo_format_iso   (UcTime      time,
                                char       *out,
                                gsize       size);
/* Append @text as a JSON string literal. */
void     _uc_demo_json_string  (GString    *out,
                                const char *text);
/* Write @text to @file, failing with a message naming @path. */
gboolean _uc_demo_file_write   (FILE       *file,
                                const char *path,
                                GString    *text,
                                GError    **error);
/* Open @path for writing; close it (reporting errors) */
FILE    *_uc_demo_file_open    (const char *path,
                                GError    **error);
gboolean _uc_demo_file_close   (FILE       *file,
                                const char *path,
                                GError    **error);
/* Create @path and its parents. */
gboolean _uc_demo_mkdir        (const char *path,
                                GError    **error);

G_END_DECLS
