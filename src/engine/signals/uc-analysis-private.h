/* uc-analysis-private.h: the analysis' compact in-memory workspace,
 * shared by uc-analysis.c (loading, teams, families, JSON) and the
 * uc-signals-*.c files (one per signal family).
 *
 * Loading happens once: every table the signals read is turned into plain
 * arrays of small structs, ordered by time, with people, teams and files
 * as dense indices. The family files then sweep the weeks with sliding
 * windows; nothing is queried per week.
 *
 * Adding a family: write uc-signals-xx.c with a compute function that
 * fills values through _uc_analysis_set_value() and an evidence function,
 * and call them from uc-analysis.c (compute_families, get_evidence).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-analysis.h"
#include "uc-id-map.h"
#include "uc-truck-factor.h"

G_BEGIN_DECLS

#define UC_SECONDS_PER_WEEK ((UcTime) 7 * 24 * 3600)

/* Events before 1980 are bogus dates (epoch 0 from missing dates), not
 * history: they are ignored. */
#define UC_ANALYSIS_MIN_TIME ((UcTime) 315532800)

typedef struct
{
  UcTime from;       /* G_MININT64 when open */
  UcTime to;         /* exclusive; G_MAXINT64 when open */
  int    raw_team;
} UcRosterRow;

typedef struct
{
  UcId      id;
  char     *name;            /* owned */
  gboolean  is_agent;
  int       default_team;    /* raw team index (busiest repository), -1 */
  guint     roster_first;    /* rows in roster[]; n_roster == 0: no roster */
  guint     n_roster;
  UcTime    first_time;      /* first and last commit; 0 without commits */
  UcTime    last_time;
} UcAnPerson;

typedef struct
{
  UcId    id;                /* git_commit.id */
  UcTime  time;              /* author time, UTC */
  guint   person;
  guint   repo;              /* index into repo_names */
  int     team;              /* final team, -1: no team */
  int     member;            /* membership slot, -1: no team */
  guint   first_change;      /* into changes[] */
  guint   n_changes;
  guint8  is_merge;
  guint8  is_human;
} UcAnCommit;

typedef struct
{
  guint lineage;
  char  kind;                /* A M D R C */
} UcAnChange;

/* A file's life: renames keep it, a deletion ends it, an addition after a
 * deletion starts a new one. */
typedef struct
{
  UcId    file_id;           /* the file row of its latest path */
  int     creator;           /* person index, -1 when unknown */
  UcTime  deleted;           /* G_MAXINT64 while it exists */
} UcAnLineage;

typedef struct
{
  char    *name;             /* owned */
  UcId     team_id;          /* roster team, 0 for a repository */
  int      final_team;       /* -1 when it made no commit */
  guint    n_humans;         /* active humans in the analysed period */
} UcAnRawTeam;

/* One (final team, person) membership: the people of a team in a week are
 * those with an interval overlapping the week's window. */
typedef struct
{
  guint    team;
  guint    person;
  gboolean is_agent;
  GArray  *intervals;        /* UcRosterRow, raw_team unused */
} UcAnMember;

struct _UcAnalysis
{
  gatomicrefcount ref_count;

  UcAnalysisOptions options;
  double        healthy[UC_N_SIGNALS];     /* effective bounds */
  double        alarming[UC_N_SIGNALS];

  /* Weeks, oldest first. */
  guint         n_weeks;
  int          *weeks;                     /* week keys */
  UcTime       *week_starts;               /* n_weeks + 1: the last is the end */

  /* Final teams. */
  GPtrArray    *teams;                     /* UcTeamInfo *, owned */
  GArray      **team_members;              /* per team: guint member indices */

  /* Results: [team][signal][week] and [team][family][week]. */
  UcSignalValue *values;
  double        *family_scores;
  double        *activity;                 /* [team][week]: commits + comments */

  /* The compact workspace, kept for evidence. */
  GArray       *persons;                   /* UcAnPerson */
  UcIdMap       person_index;              /* person.id → index */
  UcIdMap       identity_person;           /* identity.id → person index */
  GArray       *roster;                    /* UcRosterRow, grouped by person */
  GPtrArray    *repo_names;                /* char *, owned */
  GArray       *raw_teams;                 /* UcAnRawTeam */
  GArray       *commits;                   /* UcAnCommit, by time then id */
  GArray       *changes;                   /* UcAnChange, by commit */
  GArray       *lineages;                  /* UcAnLineage */
  GArray       *members;                   /* UcAnMember */
};

static inline UcSignalValue *
_uc_analysis_value_cell (UcAnalysis *self,
                         guint       team,
                         guint       signal,
                         guint       week)
{
  return &self->values[((gsize) team * UC_N_SIGNALS + signal) * self->n_weeks + week];
}

/* Store a value with its score; NAN (no data) forces a NAN score and a
 * coverage of 0. */
void     _uc_analysis_set_value  (UcAnalysis *self,
                                  guint       team,
                                  guint       signal,
                                  guint       week,
                                  double      value,
                                  gint64      coverage);

/* The final team of @person at @time (roster validity, else the default
 * team), -1 when none. */
int      _uc_analysis_team_at    (UcAnalysis *self,
                                  guint       person,
                                  UcTime      time);

/* Index of the first commit at or after @time. */
guint    _uc_analysis_commit_at  (UcAnalysis *self,
                                  UcTime      time);

/* Whether a member's intervals overlap [from, to). */
gboolean _uc_analysis_member_in  (const UcAnMember *member,
                                  UcTime            from,
                                  UcTime            to);

/* Start of the rolling window of @window_weeks ending with week @week. */
static inline UcTime
_uc_analysis_window_start (UcAnalysis *self,
                           guint       week,
                           int         window_weeks)
{
  return self->week_starts[week + 1] - (UcTime) window_weeks * UC_SECONDS_PER_WEEK;
}

/* Contribution asymmetry (uc-signals-ca.c). */
gboolean   _uc_signals_ca_compute  (UcAnalysis    *self,
                                    UcProgressFunc progress,
                                    gpointer       progress_data,
                                    double         progress_from,
                                    double         progress_to,
                                    GCancellable  *cancellable,
                                    GError       **error);
GPtrArray *_uc_signals_ca_evidence (UcAnalysis  *self,
                                    UcStore     *store,
                                    guint        team,
                                    int          signal,
                                    guint        week,
                                    GError     **error);

G_END_DECLS
