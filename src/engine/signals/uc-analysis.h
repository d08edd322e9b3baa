/* uc-analysis.h: per team, per ISO week signal values.
 *
 * An UcAnalysis is computed off the main thread and immutable once
 * returned, so it can be shared with the UI and the report freely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "uc-store.h"
#include "uc-signal-defs.h"

G_BEGIN_DECLS

#define UC_ANALYSIS_ERROR (uc_analysis_error_quark ())

typedef enum
{
  UC_ANALYSIS_ERROR_UNKNOWN_SIGNAL,   /* a signal id not in the catalogue */
  UC_ANALYSIS_ERROR_OUT_OF_RANGE,     /* a team or week index out of range */
  UC_ANALYSIS_ERROR_CHANGED,          /* the workspace changed since a cached analysis */
} UcAnalysisError;

GQuark uc_analysis_error_quark (void);

/* One value: NAN value/score means "no data" (never 0). */
typedef struct
{
  double value;
  double score;       /* 0..100 or NAN */
  gint64 coverage;    /* records backing it; 0 with no data */
} UcSignalValue;

typedef enum
{
  UC_TREND_NONE = 0,  /* not enough data */
  UC_TREND_STABLE,
  UC_TREND_DEGRADING,
  UC_TREND_IMPROVING,
} UcTrend;

typedef struct
{
  gboolean  min_group_enabled;   /* merge teams under min_group_size into "Other" */
  guint     min_group_size;      /* default 3 */
  int       last_week;           /* 0: the last week with data */
  double    healthy[64];         /* per signal def index; NAN = default */
  double    alarming[64];
  /* Added after the first contract (see uc-analysis-config.h): */
  double    ed_weights[2];       /* interaction √(HD·TD), execution X; ½, ½ */
  int       working_hours_start; /* local hour, 0..23; default 8 */
  int       working_hours_end;   /* local hour, 1..24, after the start; default 19 */
} UcAnalysisOptions;

void uc_analysis_options_init (UcAnalysisOptions *options);

typedef struct _UcAnalysis UcAnalysis;

/* Teams are sorted by name (byte order), "Other" last. */
typedef struct
{
  char    *name;           /* team name, or "Other" */
  UcId     team_id;        /* 0 for default (repository) teams and "Other" */
  guint    n_members;      /* humans active in the analysed period */
  guint    n_agents;       /* agents active in the analysed period */
  GArray  *person_ids;     /* UcId: those active humans, by id */
} UcTeamInfo;

typedef struct
{
  UcId        kind_id;     /* row id of the record */
  const char *kind;        /* "commit", "file", "person", "change_request"… (static) */
  char       *ref;         /* sha, file path, CR number, person name */
  char       *fact;        /* "12 commits in the window", "sole author (DOA 5.2)" */
  UcTime      time;        /* 0 when not applicable */
} UcEvidence;

void uc_evidence_free (UcEvidence *evidence);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcEvidence, uc_evidence_free)

/* Read @store and compute every signal of every team for every week.
 * @options may be NULL for the defaults. Runs in the caller's thread
 * (give a worker its own UcStore); @progress is called from it. Returns
 * NULL with @error set on a workspace error or when cancelled. */
UcAnalysis *uc_analysis_run            (UcStore                 *store,
                                        const UcAnalysisOptions *options,
                                        UcProgressFunc           progress,
                                        gpointer                 progress_data,
                                        GCancellable            *cancellable,
                                        GError                 **error);
UcAnalysis *uc_analysis_ref            (UcAnalysis *self);
void        uc_analysis_unref          (UcAnalysis *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcAnalysis, uc_analysis_unref)

/* Weeks analysed, oldest first (week keys, see uc-types.h). */
guint              uc_analysis_get_n_weeks     (UcAnalysis *self);
int                uc_analysis_get_week        (UcAnalysis *self, guint week_index);
int                uc_analysis_find_week       (UcAnalysis *self, int week_key); /* -1 */
/* Start of the first week and end (exclusive) of the last week; 0 when
 * there are no weeks. */
UcTime             uc_analysis_get_first_time  (UcAnalysis *self);
UcTime             uc_analysis_get_last_time   (UcAnalysis *self);

guint              uc_analysis_get_n_teams     (UcAnalysis *self);
const UcTeamInfo  *uc_analysis_get_team        (UcAnalysis *self, guint team_index);

const UcSignalValue *uc_analysis_get_value     (UcAnalysis *self,
                                                guint       team_index,
                                                guint       signal_index,
                                                guint       week_index);
/* Mean of the family's signal scores with data; NAN when none. HD also
 * reads RV.load_gini and DS.* (SIGNALS.md §7). ED is w_I √(HD·TD) + w_X
 * mean (EG, WV, CV with data), with the options' ED weights (½, ½ by
 * default) scaled to sum to 1; √(HD·TD) alone while none of those has
 * data, and NAN without HD or TD (§9). */
double             uc_analysis_get_family_score (UcAnalysis *self,
                                                 guint       team_index,
                                                 UcFamily    family,
                                                 guint       week_index);
UcTrend            uc_analysis_get_family_trend (UcAnalysis *self,
                                                 guint       team_index,
                                                 UcFamily    family);

/* The records behind one value, most significant first (UcEvidence *,
 * owned by the array). An empty array when the value has no data or its
 * family is not computed yet; an error for an unknown signal id or an
 * index out of range. */
GPtrArray         *uc_analysis_get_evidence    (UcAnalysis  *self,
                                                UcStore     *store,
                                                guint        team_index,
                                                const char  *signal_id,
                                                guint        week_index,
                                                GError     **error);

/* ---- added beyond the first contract ---- */

/* The trend of a family over the 12–26 weekly scores ending at
 * @week_index (Mann–Kendall p < 0.05 and Sen's slope beyond ±0.5
 * points/week; higher scores are more debt). UC_TREND_NONE with fewer
 * than 12 scores. uc_analysis_get_family_trend() is this at the last week. */
UcTrend            uc_analysis_get_family_trend_at (UcAnalysis *self,
                                                    guint       team_index,
                                                    UcFamily    family,
                                                    guint       week_index);

/* SIGNALS.md §10 at @week_index: TRUE when Execution Debt is degrading
 * while activity (commits + comments) is flat or rising. When Execution
 * Debt is degrading (masked or not), *@decline_week_index is the
 * least-squares change point of its series, else -1. */
gboolean           uc_analysis_get_masked_decline (UcAnalysis *self,
                                                   guint       team_index,
                                                   guint       week_index,
                                                   int        *decline_week_index);

/* Weekly activity of a team: human commits + comments + chat messages. */
double             uc_analysis_get_activity    (UcAnalysis *self,
                                                guint       team_index,
                                                guint       week_index);

/* The bounds used for a signal (options, else the catalogue's). */
void               uc_analysis_get_bounds      (UcAnalysis *self,
                                                guint       signal_index,
                                                double     *healthy,
                                                double     *alarming);

/* Index of the team called @name, -1 if none. */
int                uc_analysis_find_team       (UcAnalysis *self,
                                                const char *name);

/* The non-merge commits attributed to a team in the rolling window of
 * @week_index (4 weeks), newest first, as evidence rows (kind "commit",
 * ref = sha). @person_id 0 means every person of the team. */
GPtrArray         *uc_analysis_get_commits     (UcAnalysis  *self,
                                                UcStore     *store,
                                                guint        team_index,
                                                UcId         person_id,
                                                guint        week_index,
                                                GError     **error);

/* The `analyze --format json` document of SIGNALS.md. @week_key 0 means
 * the last week analysed; @workspace_path may be NULL. */
JsonNode          *uc_analysis_to_json         (UcAnalysis *self,
                                                const char *workspace_path,
                                                int         week_key);

G_END_DECLS
