/* uc-store.h: the workspace, one SQLite file per engagement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "uc-types.h"

G_BEGIN_DECLS

#define UC_STORE_ERROR (uc_store_error_quark ())

typedef enum
{
  UC_STORE_ERROR_NOT_A_WORKSPACE,   /* the file is not an Undercurrent workspace */
  UC_STORE_ERROR_TOO_NEW,           /* written by a newer Undercurrent */
  UC_STORE_ERROR_EXISTS,            /* create: the file already exists */
  UC_STORE_ERROR_SQL,               /* an SQLite error (message says which) */
  UC_STORE_ERROR_NOT_FOUND,         /* a named row does not exist */
} UcStoreError;

GQuark uc_store_error_quark (void);

/* Current schema version, stored in PRAGMA user_version. */
#define UC_STORE_SCHEMA_VERSION 2

#define UC_TYPE_STORE (uc_store_get_type ())
G_DECLARE_FINAL_TYPE (UcStore, uc_store, UC, STORE, GObject)

/* A store wraps one sqlite3 connection. It is not thread-safe: a worker
 * thread opens its own UcStore on the same path (WAL allows concurrent
 * readers with one writer). */
UcStore    *uc_store_create            (const char  *path,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;
UcStore    *uc_store_open              (const char  *path,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;
const char *uc_store_get_path          (UcStore     *self);
sqlite3    *uc_store_get_db            (UcStore     *self);
int         uc_store_get_schema_version (UcStore    *self);

/* Transactions. begin() is BEGIN IMMEDIATE; every begin is paired with
 * exactly one commit() or rollback(). Nested use is a programming error. */
gboolean    uc_store_begin             (UcStore     *self,
                                        GError     **error);
gboolean    uc_store_commit            (UcStore     *self,
                                        GError     **error);
void        uc_store_rollback          (UcStore     *self);
gboolean    uc_store_in_transaction    (UcStore     *self);

/* Run SQL with no result rows (several statements allowed). */
gboolean    uc_store_exec              (UcStore     *self,
                                        const char  *sql,
                                        GError     **error);

/* A cached prepared statement for @sql, reset and with bindings cleared.
 * Owned by the store: do not finalize it. Valid until the store is closed. */
sqlite3_stmt *uc_store_prepare         (UcStore     *self,
                                        const char  *sql,
                                        GError     **error);

/* Run a prepared statement that returns no rows (or ignore them), then reset it. */
gboolean    uc_store_step_done         (UcStore      *self,
                                        sqlite3_stmt *stmt,
                                        GError      **error);

/* Set @error from the connection's last error, with @what as context. */
void        uc_store_set_sql_error     (UcStore     *self,
                                        GError     **error,
                                        const char  *what);

/* Single-value helpers. */
gint64      uc_store_query_int         (UcStore     *self,
                                        const char  *sql,
                                        gint64       default_value);

/* ---- typed inserts (natural keys make every insert idempotent) ---- */

/* A source row: what was imported. Returns its id. If a source with the same
 * kind and checksum exists, returns that id and sets *@already to TRUE. */
UcId uc_store_add_source      (UcStore *self, const char *kind, const char *path,
                               const char *checksum, gboolean *already,
                               GError **error);
gboolean uc_store_finish_source (UcStore *self, UcId source_id, gint64 n_records,
                                 gint64 n_warnings, UcTime first, UcTime last,
                                 GError **error);

/* People and identities. kind is one of "email", "name", "git", "github",
 * "gitlab", "gerrit", "jira", "slack", "mattermost", "roster".
 * ensure_identity() looks up (kind, value) and otherwise creates it, linked
 * to @person_id when non-zero, else to a new person called @display_name.
 * Values of kind "email" are lower-cased. */
UcId uc_store_ensure_identity (UcStore *self, const char *kind, const char *value,
                               const char *display_name, UcId person_id,
                               UcId source_id, GError **error);
UcId uc_store_identity_person (UcStore *self, UcId identity_id);
gboolean uc_store_set_person_agent (UcStore *self, UcId person_id, gboolean agent,
                                    GError **error);

UcId uc_store_ensure_team     (UcStore *self, const char *name, UcId source_id,
                               GError **error);
gboolean uc_store_add_person_team (UcStore *self, UcId person_id, UcId team_id,
                                   UcTime valid_from, UcTime valid_to,
                                   UcId source_id, GError **error);

UcId uc_store_ensure_repo     (UcStore *self, const char *name, const char *kind,
                               UcId source_id, GError **error);
UcId uc_store_ensure_file     (UcStore *self, UcId repo_id, const char *path,
                               GError **error);

typedef struct
{
  UcId        repo_id;
  const char *sha;
  UcId        author_identity;
  UcId        committer_identity;
  UcTime      author_time;
  int         author_tz;          /* minutes east of UTC */
  UcTime      commit_time;
  int         commit_tz;
  guint       n_parents;
  guint       subject_len;
  guint       body_len;
  gboolean    is_revert;
  gboolean    is_fix;
  gboolean    ai_assisted;        /* AI co-author trailer */
  UcId        source_id;
} UcCommitRow;

/* Returns the commit id; *@inserted is FALSE when it already existed. */
UcId uc_store_add_commit      (UcStore *self, const UcCommitRow *row,
                               gboolean *inserted, GError **error);

typedef enum
{
  UC_CHANGE_ADDED = 'A',
  UC_CHANGE_MODIFIED = 'M',
  UC_CHANGE_DELETED = 'D',
  UC_CHANGE_RENAMED = 'R',
  UC_CHANGE_COPIED = 'C',
} UcChangeKind;

gboolean uc_store_add_file_change (UcStore *self, UcId commit_id, UcId file_id,
                                   UcChangeKind kind, UcId old_file_id,
                                   gint64 added, gint64 deleted, gboolean binary,
                                   GError **error);

/* A link between a commit or change request and a work item key found in
 * its text (the text itself is never stored). @via: "subject", "trailer",
 * "branch", "title", "body". */
gboolean uc_store_add_link    (UcStore *self, UcId commit_id, UcId cr_id,
                               const char *item_key, const char *via,
                               UcId source_id, GError **error);



/* ---- review, tracker and chat records ----
 *
 * ext_id values are the source system's ids, prefixed with the system so
 * they never collide across systems: "github:123456", "gitlab:note:77",
 * "gerrit:I8473…", "jira:10023", "slack:C024BE91L:1517443200.000123".
 * Optional numbers use -1 (or 0 for ids and times) for "unknown", stored
 * as NULL. Every add is an upsert on the natural key: a record seen again
 * is updated when the new copy is at least as recent (updated_time), so
 * overlapping exports converge on the newest state. *inserted tells
 * whether the row is new. */

typedef struct
{
  UcId        repo_id;
  const char *number;           /* "123" (PR/MR), a Gerrit change number */
  UcId        author_identity;
  const char *state;            /* "open", "merged", "closed" */
  UcTime      created_time;
  UcTime      updated_time;
  UcTime      merged_time;
  UcTime      closed_time;
  UcId        merged_by_identity;
  gint64      additions;        /* -1: unknown */
  gint64      deletions;        /* -1: unknown */
  gint64      n_commits;        /* -1: unknown */
  gint64      n_rounds;         /* -1: unknown (patch sets, MR versions) */
  UcTime      last_commit_time;
  guint       title_len;
  guint       body_len;
  gboolean    is_draft;
  UcId        source_id;
} UcChangeRequestRow;

UcId uc_store_add_change_request (UcStore *self, const UcChangeRequestRow *row,
                                  gboolean *inserted, GError **error);
/* The id of a change request by its natural key, 0 when unknown. */
UcId uc_store_find_change_request (UcStore *self, UcId repo_id, const char *number);

typedef struct
{
  UcId          cr_id;
  const char   *ext_id;
  UcId          reviewer_identity;
  UcReviewState state;
  UcTime        time;
  guint         body_len;
  gboolean      is_objection;
  UcId          source_id;
} UcReviewRow;

UcId uc_store_add_review      (UcStore *self, const UcReviewRow *row,
                               gboolean *inserted, GError **error);

typedef struct
{
  const char *tracker;          /* "jira", "github", "gitlab" */
  const char *project;          /* "PAXLOGGING", "owner/repo" */
  const char *key;              /* "PAXLOGGING-123", "owner/repo#12" */
  const char *type;             /* "Bug", "Story", "issue"… or NULL */
  const char *status;           /* the tracker's own status name */
  int         status_category;  /* UcStatusCategory, -1: unknown */
  UcId        reporter_identity;
  UcId        assignee_identity;
  UcTime      created_time;
  UcTime      updated_time;
  UcTime      resolved_time;
  gboolean    is_decision;      /* RFC, ADR, design, proposal, spike… */
  guint       title_len;
  guint       body_len;
  double      story_points;     /* NAN: unknown */
  UcId        source_id;
} UcWorkItemRow;

UcId uc_store_add_work_item   (UcStore *self, const UcWorkItemRow *row,
                               gboolean *inserted, GError **error);
UcId uc_store_find_work_item  (UcStore *self, const char *tracker, const char *key);

typedef struct
{
  UcId        item_id;
  const char *ext_id;           /* changelog history id + field, or a sequence */
  UcId        author_identity;
  UcTime      time;
  const char *from_status;
  const char *to_status;
  int         from_category;    /* UcStatusCategory, -1: unknown */
  int         to_category;
  UcId        source_id;
} UcStatusChangeRow;

UcId uc_store_add_status_change (UcStore *self, const UcStatusChangeRow *row,
                                 gboolean *inserted, GError **error);

typedef struct
{
  const char *ext_id;
  UcId        cr_id;            /* on a change request, or */
  UcId        item_id;          /* on a work item */
  UcId        author_identity;
  UcTime      time;
  const char *reply_to_ext_id;  /* the comment it answers, or NULL */
  gboolean    is_review_comment; /* inline code review comment */
  guint       body_len;
  gboolean    is_objection;
  UcId        source_id;
} UcCommentRow;

UcId uc_store_add_comment     (UcStore *self, const UcCommentRow *row,
                               gboolean *inserted, GError **error);

typedef struct
{
  const char *system;           /* "slack", "mattermost" */
  const char *channel;
  const char *ext_id;
  UcId        author_identity;
  UcTime      time;
  const char *thread_ext_id;    /* the thread's root message, or NULL */
  guint       body_len;
  gboolean    is_objection;
  UcId        source_id;
} UcMessageRow;

UcId uc_store_add_message     (UcStore *self, const UcMessageRow *row,
                               gboolean *inserted, GError **error);

/* Count the rows of every content table: a cheap fingerprint used by tests
 * and by the import summary ("workspace unchanged"). */
char *uc_store_describe_counts (UcStore *self);

G_END_DECLS
