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
  /* Read by HD, TD and AP. */
  gint16  tz;                /* author's offset, minutes east of UTC */
  guint8  is_rework;         /* 1: revert, 2: fix markers (TD.rework) */
  guint8  ai_assisted;       /* AI co-author trailer */
  int     committer;         /* person index, -1: unknown */
} UcAnCommit;

typedef struct
{
  guint lineage;
  char  kind;                /* A M D R C */
  guint file;                /* into files[]: the path it changed */
  guint lines;               /* added + deleted (0 for binary files) */
} UcAnChange;

/* A path of the workspace that some loaded change touched
 * (_uc_analysis_load_files, uc-signals-td.c). */
typedef struct
{
  UcId    id;                /* file.id */
  guint   repo;              /* index into repo_names */
  guint   area;              /* into areas: its top-level directory in the repo */
  gint16  language;          /* programming language (uc-signals-ap.c), -1 */
  gint16  tool;              /* tool or CI signature (uc-signals-ap.c), -1 */
  guint8  generated;         /* generated or vendored: not code (TD) */
} UcAnFile;

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


/* ---- review, tracker and chat records (uc-analysis-load.c) ----
 *
 * Loaded once, after the teams are known, by _uc_analysis_load_records().
 * Every array is sorted by time then row id; people are person indices
 * (identity_person), -1 when unknown; "team" fields hold the final team
 * of the acting person at the event's time (_uc_analysis_team_at), -1
 * when none. Events dated outside the analysed period are not loaded
 * (but a change request or item created before it keeps its later
 * events). Index lists (cr_reviews, item_status…) hold indices into the
 * main arrays, in time order, and are addressed by first/n pairs. */

typedef enum
{
  UC_AN_CR_OPEN,
  UC_AN_CR_MERGED,
  UC_AN_CR_CLOSED,           /* closed without merge */
} UcAnCrState;

typedef struct
{
  UcId    id;                /* change_request.id */
  guint   repo;              /* index into repo_names */
  int     author;            /* person, -1 */
  int     merged_by;         /* person, -1 */
  int     team;              /* author's team at creation */
  int     end_team;          /* author's team at merge or close, -1 while open */
  UcTime  created;
  UcTime  merged;            /* 0 unless merged */
  UcTime  closed;            /* merge or close time; 0 while open (or unknown) */
  UcTime  updated;           /* 0: unknown */
  UcTime  last_commit;       /* 0: unknown */
  gint64  size;              /* additions + deletions; -1: unknown */
  int     n_rounds;          /* stored review rounds (patch sets), -1: unknown */
  guint8  state;             /* UcAnCrState */
  guint8  is_draft;
  guint8  is_human;          /* author known and not an agent */
  guint   n_link_keys;       /* link rows, resolved to an item or not */
  guint   first_review;      /* into cr_reviews */
  guint   n_reviews;
  guint   first_comment;     /* into cr_comments */
  guint   n_comments;
  guint   first_item;        /* into cr_items: linked items, resolved */
  guint   n_items;
} UcAnCr;

typedef struct
{
  UcId    id;                /* review.id */
  UcTime  time;
  guint   cr;                /* index into crs */
  int     reviewer;          /* person, -1 */
  int     team;              /* reviewer's team at the time */
  guint8  state;             /* UcReviewState */
  guint8  is_objection;      /* objection markers in its body, or changes requested */
  guint8  has_body;          /* body_len > 0 */
  guint8  is_human;          /* reviewer known and not an agent */
} UcAnReview;

typedef struct
{
  UcId    id;                /* comment.id */
  UcTime  time;
  int     author;            /* person, -1 */
  int     team;
  int     cr;                /* index into crs, or -1 */
  int     item;              /* index into items, or -1 */
  int     reply_to;          /* index into comments, -1 */
  guint8  is_review_comment;
  guint8  is_objection;
  guint8  is_human;
} UcAnComment;

typedef struct
{
  UcId    id;                /* message.id */
  UcTime  time;
  int     author;            /* person, -1 */
  int     team;
  guint   channel;           /* index into channels */
  int     thread_root;       /* index into messages of the thread's root; -1
                              * for a root or an unthreaded message */
  guint8  is_objection;
  guint8  is_human;
} UcAnMessage;

typedef enum
{
  UC_AN_ITEM_NORMAL,
  UC_AN_ITEM_EXCLUDED,       /* question, support, duplicate, won't do… */
  UC_AN_ITEM_DECISION,       /* RFC, ADR, design, proposal, spike… */
} UcAnItemClass;

typedef struct
{
  UcId    id;                /* work_item.id */
  int     reporter;          /* person, -1 */
  int     assignee;          /* person, -1 */
  int     team;              /* the item's team at creation (see uc-analysis-load.c) */
  UcTime  created;
  UcTime  resolved;          /* 0: unknown or not resolved */
  UcTime  updated;           /* 0: unknown */
  gint8   category;          /* current UcStatusCategory, -1: unknown */
  guint8  klass;             /* UcAnItemClass */
  guint   first_status;      /* into item_status */
  guint   n_status;
  guint   first_comment;     /* into item_comments */
  guint   n_comments;
  guint   first_commit;      /* into item_commits: linked commits (commit indices) */
  guint   n_commits;
  guint   first_cr;          /* into item_crs: linked change requests */
  guint   n_crs;
} UcAnItem;

typedef struct
{
  UcId    id;                /* status_change.id; 0 when synthesised from the
                              * item's resolution (no changelog) */
  UcTime  time;
  guint   item;              /* index into items */
  int     person;            /* person, -1 */
  int     team;              /* see uc-analysis-load.c */
  gint8   from;              /* UcStatusCategory, -1: unknown */
  gint8   to;
  guint8  to_excluded;       /* the status reached is a won't do, duplicate… */
  guint8  is_human;
} UcAnStatusChange;

typedef struct
{
  GArray    *crs;            /* UcAnCr, by creation time */
  GArray    *reviews;        /* UcAnReview */
  GArray    *comments;       /* UcAnComment (change requests and items) */
  GArray    *messages;       /* UcAnMessage (chat) */
  GArray    *items;          /* UcAnItem, by creation time */
  GArray    *status_changes; /* UcAnStatusChange */
  GPtrArray *channels;       /* char *, owned: "system:channel" */

  GArray    *cr_reviews;     /* guint review indices, grouped by CR */
  GArray    *cr_comments;    /* guint comment indices, grouped by CR */
  GArray    *cr_items;       /* guint item indices, grouped by CR */
  GArray    *item_status;    /* guint status change indices, grouped by item */
  GArray    *item_comments;  /* guint comment indices, grouped by item */
  GArray    *item_commits;   /* guint commit indices, grouped by item */
  GArray    *item_crs;       /* guint CR indices, grouped by item */

  /* Links of commits: commit c's resolved items are
   * commit_items[commit_item_offsets[c] .. commit_item_offsets[c + 1]). */
  guint     *commit_item_offsets;  /* n_commits + 1 */
  GArray    *commit_items;   /* guint item indices */
  guint8    *commit_n_keys;  /* per commit: link rows (resolved or not), capped at 255 */
  guint      n_link_rows;    /* link rows of loaded commits and CRs */

  UcTime    *person_first;   /* per person: first event of any kind, 0: none */
} UcAnRecords;

struct _UcAnalysis
{
  gatomicrefcount ref_count;

  UcAnalysisOptions options;
  double        healthy[UC_N_SIGNALS];     /* effective bounds */
  double        alarming[UC_N_SIGNALS];
  double        ed_weight_interaction;     /* w_I scaled to w_I + w_X = 1 */

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
  UcAnRecords   records;                   /* review, tracker, chat */
  GArray       *files;                     /* UcAnFile, by first change */
  GPtrArray    *areas;                     /* char *, owned: "repo:dir" code areas */

  /* The analysis cache (uc-analysis-cache.c). */
  guint         compute_from;              /* while computing: weeks before it come
                                            * from the cache, families may skip them */
  gboolean      results_only;              /* values from the cache, no records */
  guint8        origin;                    /* UcAnalysisOrigin */
  guint         recomputed_from;
  char         *cache_inputs;              /* owned: the inputs' state of a
                                            * results_only analysis */
  GMutex        full_lock;
  UcAnalysis   *full;                      /* owned: the records of a results_only
                                            * analysis, read on first use */
};

static inline UcSignalValue *
_uc_analysis_value_cell (UcAnalysis *self,
                         guint       team,
                         guint       signal,
                         guint       week)
{
  return &self->values[((gsize) team * UC_N_SIGNALS + signal) * self->n_weeks + week];
}

/* The weight of the interaction √(HD·TD) in ED, the two weights of
 * @options scaled to sum to 1 (½ when they are unusable: the options are
 * checked by uc-analysis-config.c). */
double   _uc_analysis_ed_weight  (const UcAnalysisOptions *options);
/* Replace unusable working hours, ED weights and bounds of @options by
 * the defaults (uc-analysis-config.c). */
void     _uc_analysis_options_normalise (UcAnalysisOptions *options);

/* The stages of uc_analysis_run(), for the cache: a new analysis with
 * the effective settings of @options; one that has read the workspace,
 * every value "no data" (progress 0–0.5); the signals of weeks
 * @from_week and later (families may leave earlier weeks alone; progress
 * 0.5–0.95); then the family scores. */
UcAnalysis *_uc_analysis_new     (const UcAnalysisOptions *options);
UcAnalysis *_uc_analysis_load    (UcStore                 *store,
                                  const UcAnalysisOptions *options,
                                  UcProgressFunc           progress,
                                  gpointer                 progress_data,
                                  GCancellable            *cancellable,
                                  GError                 **error);
gboolean    _uc_analysis_compute (UcAnalysis              *self,
                                  guint                    from_week,
                                  UcProgressFunc           progress,
                                  gpointer                 progress_data,
                                  GCancellable            *cancellable,
                                  GError                 **error);
void        _uc_analysis_finish  (UcAnalysis              *self);

/* The analysis with records behind a results_only one, read on first use
 * (uc-analysis-cache.c); NULL with @error when the workspace changed since
 * or cannot be read. Owned by @self. */
UcAnalysis *_uc_analysis_cache_get_full (UcAnalysis  *self,
                                         UcStore     *store,
                                         GError     **error);

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

/* Load the review, tracker and chat records of [@begin, @end) into
 * self->records (after the teams are assigned). */
gboolean _uc_analysis_load_records  (UcAnalysis    *self,
                                     UcStore       *store,
                                     UcTime         begin,
                                     UcTime         end,
                                     GCancellable  *cancellable,
                                     GError       **error);
void     _uc_analysis_records_clear (UcAnRecords   *records);

/* The team of an event on @item by @actor (person or -1) at @time: the
 * actor's team, else the assignee's, the reporter's, then that of the
 * author of the item's first linked commit or change request. */
int      _uc_analysis_item_team_at  (UcAnalysis     *self,
                                     const UcAnItem *item,
                                     int             actor,
                                     UcTime          time);

/* ---- helpers of the record families (uc-signals-util.c) ---- */

#define UC_SECONDS_PER_DAY ((UcTime) 24 * 3600)

/* Week index of @time, -1 outside the analysed weeks. */
int      _uc_analysis_week_index    (UcAnalysis     *self,
                                     UcTime          time);
/* Whether @time is in the rolling window of @window_weeks ending with
 * week @week. */
gboolean _uc_analysis_in_window     (UcAnalysis     *self,
                                     guint           week,
                                     int             window_weeks,
                                     UcTime          time);

/* Shares over rolling windows: per (team, week) sums of numerators and
 * denominators; value = Σ num / Σ den over the window, coverage = Σ den,
 * no data when Σ den is 0. */
typedef struct
{
  guint   n_teams;
  guint   n_weeks;
  double *num;               /* [team][week] */
  double *den;
} UcAnShares;

void     _uc_an_shares_init         (UcAnShares     *shares,
                                     UcAnalysis     *self);
void     _uc_an_shares_add          (UcAnShares     *shares,
                                     UcAnalysis     *self,
                                     int             team,
                                     UcTime          time,
                                     gboolean        counts);
/* The same, straight into the cells of weeks @first_week..@last_week
 * (clipped): for records that stand for whole windows or snapshots
 * (emit them with a window of 1 week). */
void     _uc_an_shares_add_weeks    (UcAnShares     *shares,
                                     int             team,
                                     int             first_week,
                                     int             last_week,
                                     gboolean        counts);
void     _uc_an_shares_emit         (UcAnShares     *shares,
                                     UcAnalysis     *self,
                                     int             signal,
                                     int             window_weeks);
void     _uc_an_shares_clear        (UcAnShares     *shares);

/* Samples over rolling windows: per (team, week) lists of values. */
typedef struct
{
  guint    n_teams;
  guint    n_weeks;
  GArray **values;           /* [team][week]: double, NULL when empty */
  GArray  *scratch;          /* double */
} UcAnSamples;

void     _uc_an_samples_init        (UcAnSamples    *samples,
                                     UcAnalysis     *self);
void     _uc_an_samples_add         (UcAnSamples    *samples,
                                     UcAnalysis     *self,
                                     int             team,
                                     UcTime          time,
                                     double          value);
/* The values of the window ending with @week, in scratch (owned by
 * @samples, valid until the next call); returns their number. */
guint    _uc_an_samples_window      (UcAnSamples    *samples,
                                     guint           team,
                                     guint           week,
                                     int             window_weeks,
                                     double        **values);
/* Add @value to the cells of weeks @first_week..@last_week (clipped)
 * directly: for values that already stand for a whole window (emit them
 * with a window of 1 week). */
void     _uc_an_samples_add_weeks   (UcAnSamples    *samples,
                                     int             team,
                                     int             first_week,
                                     int             last_week,
                                     double          value);
/* value = median of the window, coverage = number of values. */
void     _uc_an_samples_emit_median (UcAnSamples    *samples,
                                     UcAnalysis     *self,
                                     int             signal,
                                     int             window_weeks);
void     _uc_an_samples_clear       (UcAnSamples    *samples);

/* Items: a move into done (from anything but done, unknown included). */
static inline gboolean
_uc_an_is_done_transition (const UcAnStatusChange *change)
{
  return change->to == UC_STATUS_DONE && change->from != UC_STATUS_DONE;
}

/* The status category of @item just before @time (after its changes
 * dated before @time): the last known category reached, else the origin
 * of its first change (todo when unknown), else its current category;
 * -1 when unknown. */
int      _uc_an_item_category_at    (UcAnalysis     *self,
                                     const UcAnItem *item,
                                     UcTime          time);

/* Evidence rows. @fact is taken; @ref copied. */
UcEvidence *_uc_an_evidence_new     (const char     *kind,
                                     UcId            kind_id,
                                     const char     *ref,
                                     char           *fact,
                                     UcTime          time);
GPtrArray  *_uc_an_evidence_array   (void);
/* Sort @rows newest first (then by ref), and move them to the end of
 * @into (emptying @rows). */
void        _uc_an_evidence_append  (GPtrArray      *into,
                                     GPtrArray      *rows);

/* Display references of records ("owner/repo#12", "ABC-123", a sha, a
 * channel); NULL with @error on an SQL error. A record deleted since the
 * analysis is shown by its row id. */
char       *_uc_an_cr_ref           (UcAnalysis     *self,
                                     UcStore        *store,
                                     guint           cr,
                                     GError        **error);
char       *_uc_an_item_ref         (UcAnalysis     *self,
                                     UcStore        *store,
                                     guint           item,
                                     GError        **error);
char       *_uc_an_commit_ref       (UcAnalysis     *self,
                                     UcStore        *store,
                                     guint           commit,
                                     GError        **error);
const char *_uc_an_person_name      (UcAnalysis     *self,
                                     int             person);
/* "2026-03-04" (UTC) */
char       *_uc_an_format_date      (UcTime          time);
/* "3 min", "5.2 h", "23 days" (negative durations keep their sign) */
char       *_uc_an_format_duration  (double          seconds);

/* Index of the first record at or after @time in an array sorted by
 * time (the UcTime `time` field at @time_offset of each element). */
guint    _uc_analysis_first_at      (GArray        *array,
                                     gsize          time_offset,
                                     UcTime         time);

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

/* Review density and inspection (uc-signals-rv.c). */
gboolean   _uc_signals_rv_compute  (UcAnalysis    *self,
                                    UcProgressFunc progress,
                                    gpointer       progress_data,
                                    double         progress_from,
                                    double         progress_to,
                                    GCancellable  *cancellable,
                                    GError       **error);
GPtrArray *_uc_signals_rv_evidence (UcAnalysis  *self,
                                    UcStore     *store,
                                    guint        team,
                                    int          signal,
                                    guint        week,
                                    GError     **error);

/* Dissent suppression (uc-signals-ds.c). */
gboolean   _uc_signals_ds_compute  (UcAnalysis    *self,
                                    UcProgressFunc progress,
                                    gpointer       progress_data,
                                    double         progress_from,
                                    double         progress_to,
                                    GCancellable  *cancellable,
                                    GError       **error);
GPtrArray *_uc_signals_ds_evidence (UcAnalysis  *self,
                                    UcStore     *store,
                                    guint        team,
                                    int          signal,
                                    guint        week,
                                    GError     **error);

/* Convergence velocity (uc-signals-cv.c). */
gboolean   _uc_signals_cv_compute  (UcAnalysis    *self,
                                    UcProgressFunc progress,
                                    gpointer       progress_data,
                                    double         progress_from,
                                    double         progress_to,
                                    GCancellable  *cancellable,
                                    GError       **error);
GPtrArray *_uc_signals_cv_evidence (UcAnalysis  *self,
                                    UcStore     *store,
                                    guint        team,
                                    int          signal,
                                    guint        week,
                                    GError     **error);

/* Workflow volatility (uc-signals-wv.c). */
gboolean   _uc_signals_wv_compute  (UcAnalysis    *self,
                                    UcProgressFunc progress,
                                    gpointer       progress_data,
                                    double         progress_from,
                                    double         progress_to,
                                    GCancellable  *cancellable,
                                    GError       **error);
GPtrArray *_uc_signals_wv_evidence (UcAnalysis  *self,
                                    UcStore     *store,
                                    guint        team,
                                    int          signal,
                                    guint        week,
                                    GError     **error);

/* The paths of the loaded changes: code areas, languages, tools
 * (uc-signals-td.c). self->files holds their ids already. */
gboolean   _uc_analysis_load_files (UcAnalysis    *self,
                                    UcStore       *store,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Human Debt (uc-signals-hd.c). */
gboolean   _uc_signals_hd_compute  (UcAnalysis    *self,
                                    UcProgressFunc progress,
                                    gpointer       progress_data,
                                    double         progress_from,
                                    double         progress_to,
                                    GCancellable  *cancellable,
                                    GError       **error);
GPtrArray *_uc_signals_hd_evidence (UcAnalysis  *self,
                                    UcStore     *store,
                                    guint        team,
                                    int          signal,
                                    guint        week,
                                    GError     **error);

/* Per person (index): the offset, in minutes east of UTC, that HD uses
 * for their events without one; free with g_free(). */
gint16    *_uc_signals_hd_modal_offsets (UcAnalysis *self);

/* Technical Debt (uc-signals-td.c). */
gboolean   _uc_signals_td_compute  (UcAnalysis    *self,
                                    UcProgressFunc progress,
                                    gpointer       progress_data,
                                    double         progress_from,
                                    double         progress_to,
                                    GCancellable  *cancellable,
                                    GError       **error);
GPtrArray *_uc_signals_td_evidence (UcAnalysis  *self,
                                    UcStore     *store,
                                    guint        team,
                                    int          signal,
                                    guint        week,
                                    GError     **error);

/* Adoption performance (uc-signals-ap.c). */
gboolean   _uc_signals_ap_compute  (UcAnalysis    *self,
                                    UcProgressFunc progress,
                                    gpointer       progress_data,
                                    double         progress_from,
                                    double         progress_to,
                                    GCancellable  *cancellable,
                                    GError       **error);
GPtrArray *_uc_signals_ap_evidence (UcAnalysis  *self,
                                    UcStore     *store,
                                    guint        team,
                                    int          signal,
                                    guint        week,
                                    GError     **error);
/* The language (-1: none) and tool signature (-1: none) of a path, and
 * their display names. */
int         _uc_ap_path_language    (const char *path);
int         _uc_ap_path_tool        (const char *path);
const char *_uc_ap_language_name    (int         language);
const char *_uc_ap_tool_name        (int         tool);

/* Execution gap (uc-signals-eg.c). */
gboolean   _uc_signals_eg_compute  (UcAnalysis    *self,
                                    UcProgressFunc progress,
                                    gpointer       progress_data,
                                    double         progress_from,
                                    double         progress_to,
                                    GCancellable  *cancellable,
                                    GError       **error);
GPtrArray *_uc_signals_eg_evidence (UcAnalysis  *self,
                                    UcStore     *store,
                                    guint        team,
                                    int          signal,
                                    guint        week,
                                    GError     **error);

G_END_DECLS
