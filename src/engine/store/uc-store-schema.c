/* uc-store-schema.c: the workspace schema as ordered migrations.
 *
 * Content-free by design: no table has a column for message, comment or
 * commit bodies. Importers store lengths and derived flags only.
 *
 * Events point at identities, not people: identity.person_id is the
 * resolution, so merging and splitting people never rewrites events and is
 * always undoable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-store-private.h"

static const char schema_v1[] =
  "CREATE TABLE source ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"                 /* git-repo, git-log, github, jira… */
  "  path TEXT NOT NULL,"
  "  checksum TEXT NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  first_time INTEGER,"
  "  last_time INTEGER,"
  "  n_records INTEGER NOT NULL DEFAULT 0,"
  "  n_warnings INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (kind, checksum));"

  "CREATE TABLE person ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  is_agent INTEGER NOT NULL DEFAULT 0,"
  "  source_id INTEGER REFERENCES source (id) ON DELETE SET NULL);"

  "CREATE TABLE identity ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"                 /* email, name, github, jira, slack… */
  "  value TEXT NOT NULL,"
  "  display_name TEXT,"
  "  person_id INTEGER NOT NULL REFERENCES person (id),"
  "  source_id INTEGER REFERENCES source (id) ON DELETE SET NULL,"
  "  UNIQUE (kind, value));"
  "CREATE INDEX identity_person ON identity (person_id);"

  /* Every merge of identities into a person, so it can be undone. */
  "CREATE TABLE identity_merge ("
  "  id INTEGER PRIMARY KEY,"
  "  identity_id INTEGER NOT NULL REFERENCES identity (id) ON DELETE CASCADE,"
  "  from_person_id INTEGER NOT NULL,"
  "  to_person_id INTEGER NOT NULL,"
  "  reason TEXT,"
  "  merged_at INTEGER NOT NULL,"
  "  undone INTEGER NOT NULL DEFAULT 0);"

  "CREATE TABLE team ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  source_id INTEGER REFERENCES source (id) ON DELETE SET NULL);"

  "CREATE TABLE person_team ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  team_id INTEGER NOT NULL REFERENCES team (id) ON DELETE CASCADE,"
  "  valid_from INTEGER,"                 /* NULL: since always */
  "  valid_to INTEGER,"                   /* NULL: still */
  "  source_id INTEGER REFERENCES source (id) ON DELETE CASCADE);"
  "CREATE UNIQUE INDEX person_team_unique ON person_team"
  "  (person_id, team_id, IFNULL (valid_from, -1));"

  "CREATE TABLE repo ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"                 /* git, github, gitlab, gerrit */
  "  source_id INTEGER REFERENCES source (id) ON DELETE SET NULL,"
  "  UNIQUE (kind, name));"

  "CREATE TABLE git_commit ("
  "  id INTEGER PRIMARY KEY,"
  "  repo_id INTEGER NOT NULL REFERENCES repo (id),"
  "  sha TEXT NOT NULL,"
  "  author_id INTEGER REFERENCES identity (id),"
  "  committer_id INTEGER REFERENCES identity (id),"
  "  author_time INTEGER NOT NULL,"
  "  author_tz INTEGER NOT NULL DEFAULT 0,"   /* minutes east of UTC */
  "  commit_time INTEGER NOT NULL,"
  "  commit_tz INTEGER NOT NULL DEFAULT 0,"
  "  n_parents INTEGER NOT NULL DEFAULT 1,"
  "  subject_len INTEGER NOT NULL DEFAULT 0,"
  "  body_len INTEGER NOT NULL DEFAULT 0,"
  "  is_revert INTEGER NOT NULL DEFAULT 0,"
  "  is_fix INTEGER NOT NULL DEFAULT 0,"
  "  ai_assisted INTEGER NOT NULL DEFAULT 0,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  UNIQUE (repo_id, sha));"
  "CREATE INDEX git_commit_time ON git_commit (author_time);"
  "CREATE INDEX git_commit_author ON git_commit (author_id);"

  "CREATE TABLE file ("
  "  id INTEGER PRIMARY KEY,"
  "  repo_id INTEGER NOT NULL REFERENCES repo (id),"
  "  path TEXT NOT NULL,"
  "  UNIQUE (repo_id, path));"

  "CREATE TABLE file_change ("
  "  commit_id INTEGER NOT NULL REFERENCES git_commit (id) ON DELETE CASCADE,"
  "  file_id INTEGER NOT NULL REFERENCES file (id),"
  "  kind TEXT NOT NULL DEFAULT 'M',"     /* A M D R C */
  "  old_file_id INTEGER REFERENCES file (id),"
  "  added INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  is_binary INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (commit_id, file_id)) WITHOUT ROWID;"
  "CREATE INDEX file_change_file ON file_change (file_id);"

  "CREATE TABLE change_request ("
  "  id INTEGER PRIMARY KEY,"
  "  repo_id INTEGER NOT NULL REFERENCES repo (id),"
  "  number TEXT NOT NULL,"               /* PR/MR number, Gerrit change id */
  "  author_id INTEGER REFERENCES identity (id),"
  "  state TEXT NOT NULL,"                /* open, merged, closed */
  "  created_time INTEGER NOT NULL,"
  "  updated_time INTEGER,"
  "  merged_time INTEGER,"
  "  closed_time INTEGER,"
  "  merged_by_id INTEGER REFERENCES identity (id),"
  "  additions INTEGER,"
  "  deletions INTEGER,"
  "  n_commits INTEGER,"
  "  n_rounds INTEGER,"                   /* review rounds (patch sets, versions) */
  "  last_commit_time INTEGER,"
  "  title_len INTEGER NOT NULL DEFAULT 0,"
  "  body_len INTEGER NOT NULL DEFAULT 0,"
  "  is_draft INTEGER NOT NULL DEFAULT 0,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  UNIQUE (repo_id, number));"
  "CREATE INDEX change_request_created ON change_request (created_time);"

  "CREATE TABLE review ("
  "  id INTEGER PRIMARY KEY,"
  "  cr_id INTEGER NOT NULL REFERENCES change_request (id) ON DELETE CASCADE,"
  "  ext_id TEXT NOT NULL,"
  "  reviewer_id INTEGER REFERENCES identity (id),"
  "  state INTEGER NOT NULL,"             /* UcReviewState */
  "  time INTEGER NOT NULL,"
  "  body_len INTEGER NOT NULL DEFAULT 0,"
  "  is_objection INTEGER NOT NULL DEFAULT 0,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  UNIQUE (cr_id, ext_id));"

  "CREATE TABLE work_item ("
  "  id INTEGER PRIMARY KEY,"
  "  tracker TEXT NOT NULL,"              /* jira, github, gitlab */
  "  project TEXT NOT NULL,"
  "  key TEXT NOT NULL,"                  /* ABC-123, or owner/repo#12 */
  "  type TEXT,"
  "  status TEXT,"
  "  status_category INTEGER,"            /* UcStatusCategory */
  "  reporter_id INTEGER REFERENCES identity (id),"
  "  assignee_id INTEGER REFERENCES identity (id),"
  "  created_time INTEGER NOT NULL,"
  "  updated_time INTEGER,"
  "  resolved_time INTEGER,"
  "  is_decision INTEGER NOT NULL DEFAULT 0,"
  "  title_len INTEGER NOT NULL DEFAULT 0,"
  "  body_len INTEGER NOT NULL DEFAULT 0,"
  "  story_points REAL,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  UNIQUE (tracker, key));"

  "CREATE TABLE status_change ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES work_item (id) ON DELETE CASCADE,"
  "  ext_id TEXT NOT NULL,"
  "  author_id INTEGER REFERENCES identity (id),"
  "  time INTEGER NOT NULL,"
  "  from_status TEXT,"
  "  to_status TEXT,"
  "  from_category INTEGER,"
  "  to_category INTEGER,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  UNIQUE (item_id, ext_id));"

  /* Comments on a change request, a work item, or replies in a chat thread. */
  "CREATE TABLE comment ("
  "  id INTEGER PRIMARY KEY,"
  "  ext_id TEXT NOT NULL,"
  "  cr_id INTEGER REFERENCES change_request (id) ON DELETE CASCADE,"
  "  item_id INTEGER REFERENCES work_item (id) ON DELETE CASCADE,"
  "  author_id INTEGER REFERENCES identity (id),"
  "  time INTEGER NOT NULL,"
  "  reply_to_id INTEGER REFERENCES comment (id) ON DELETE SET NULL,"
  "  is_review_comment INTEGER NOT NULL DEFAULT 0,"
  "  body_len INTEGER NOT NULL DEFAULT 0,"
  "  is_objection INTEGER NOT NULL DEFAULT 0,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  UNIQUE (ext_id));"
  "CREATE INDEX comment_cr ON comment (cr_id);"
  "CREATE INDEX comment_item ON comment (item_id);"

  "CREATE TABLE message ("
  "  id INTEGER PRIMARY KEY,"
  "  system TEXT NOT NULL,"               /* slack, mattermost */
  "  channel TEXT NOT NULL,"
  "  ext_id TEXT NOT NULL,"
  "  author_id INTEGER REFERENCES identity (id),"
  "  time INTEGER NOT NULL,"
  "  thread_ext_id TEXT,"                 /* the thread's root message */
  "  reply_to_id INTEGER REFERENCES message (id) ON DELETE SET NULL,"
  "  body_len INTEGER NOT NULL DEFAULT 0,"
  "  is_objection INTEGER NOT NULL DEFAULT 0,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  UNIQUE (system, channel, ext_id));"

  /* commit or CR ↔ work item, from keys found in text at import. */
  "CREATE TABLE link ("
  "  id INTEGER PRIMARY KEY,"
  "  commit_id INTEGER REFERENCES git_commit (id) ON DELETE CASCADE,"
  "  cr_id INTEGER REFERENCES change_request (id) ON DELETE CASCADE,"
  "  item_key TEXT NOT NULL,"
  "  via TEXT NOT NULL,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE);"
  "CREATE UNIQUE INDEX link_unique ON link"
  "  (IFNULL (commit_id, 0), IFNULL (cr_id, 0), item_key);"
  "CREATE INDEX link_key ON link (item_key);"

  "CREATE TABLE scenario ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  created_time INTEGER NOT NULL,"
  "  description TEXT);"

  "CREATE TABLE pod ("
  "  id INTEGER PRIMARY KEY,"
  "  scenario_id INTEGER NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  UNIQUE (scenario_id, name));"

  "CREATE TABLE pod_member ("
  "  pod_id INTEGER NOT NULL REFERENCES pod (id) ON DELETE CASCADE,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL DEFAULT 'member',"  /* member, agent, leaving */
  "  PRIMARY KEY (pod_id, person_id));"

  /* Workspace-level settings (engagement name, organisation…). */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT);";

static const UcMigration migrations[] = {
  { 1, schema_v1 },
};

const UcMigration *
_uc_store_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
