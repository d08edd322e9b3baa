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

/* Migration 2: the analysis cache (uc-analysis-cache.c).
 *
 * analysis_cache holds the results of an analysis per settings (key) with
 * the state of the inputs they were computed from. A row added to an
 * input table shows in its count and largest row id; a change or a
 * removal bumps analysis_state.generation through the triggers below
 * (only when a column the analysis may read changes, so that importing
 * the same data again changes nothing). */
static const char schema_v2[] =
  "CREATE TABLE analysis_cache ("
  "  key TEXT PRIMARY KEY,"               /* the settings and program */
  "  inputs TEXT NOT NULL,"               /* the inputs' state */
  "  created INTEGER NOT NULL,"
  "  data BLOB NOT NULL);"
  "CREATE TABLE analysis_state ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  generation INTEGER NOT NULL);"
  "INSERT INTO analysis_state (id, generation) VALUES (1, 0);"
  "CREATE TRIGGER analysis_person_update AFTER UPDATE ON person WHEN"
  "    OLD.name IS NOT NEW.name OR OLD.is_agent IS NOT NEW.is_agent"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_person_delete AFTER DELETE ON person"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_identity_update AFTER UPDATE ON identity WHEN"
  "    OLD.kind IS NOT NEW.kind OR OLD.value IS NOT NEW.value OR"
  "    OLD.display_name IS NOT NEW.display_name OR OLD.person_id IS NOT NEW.person_id"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_identity_delete AFTER DELETE ON identity"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_team_update AFTER UPDATE ON team WHEN"
  "    OLD.name IS NOT NEW.name"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_team_delete AFTER DELETE ON team"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_person_team_update AFTER UPDATE ON person_team WHEN"
  "    OLD.person_id IS NOT NEW.person_id OR OLD.team_id IS NOT NEW.team_id OR"
  "    OLD.valid_from IS NOT NEW.valid_from OR OLD.valid_to IS NOT NEW.valid_to"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_person_team_delete AFTER DELETE ON person_team"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_repo_update AFTER UPDATE ON repo WHEN"
  "    OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_repo_delete AFTER DELETE ON repo"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_git_commit_update AFTER UPDATE ON git_commit WHEN"
  "    OLD.repo_id IS NOT NEW.repo_id OR OLD.sha IS NOT NEW.sha OR"
  "    OLD.author_id IS NOT NEW.author_id OR"
  "    OLD.committer_id IS NOT NEW.committer_id OR"
  "    OLD.author_time IS NOT NEW.author_time OR OLD.author_tz IS NOT NEW.author_tz OR"
  "    OLD.commit_time IS NOT NEW.commit_time OR OLD.commit_tz IS NOT NEW.commit_tz OR"
  "    OLD.n_parents IS NOT NEW.n_parents OR OLD.subject_len IS NOT NEW.subject_len OR"
  "    OLD.body_len IS NOT NEW.body_len OR OLD.is_revert IS NOT NEW.is_revert OR"
  "    OLD.is_fix IS NOT NEW.is_fix OR OLD.ai_assisted IS NOT NEW.ai_assisted"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_git_commit_delete AFTER DELETE ON git_commit"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_file_update AFTER UPDATE ON file WHEN"
  "    OLD.repo_id IS NOT NEW.repo_id OR OLD.path IS NOT NEW.path"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_file_delete AFTER DELETE ON file"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_file_change_update AFTER UPDATE ON file_change WHEN"
  "    OLD.commit_id IS NOT NEW.commit_id OR OLD.file_id IS NOT NEW.file_id OR"
  "    OLD.kind IS NOT NEW.kind OR OLD.old_file_id IS NOT NEW.old_file_id OR"
  "    OLD.added IS NOT NEW.added OR OLD.deleted IS NOT NEW.deleted OR"
  "    OLD.is_binary IS NOT NEW.is_binary"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_file_change_delete AFTER DELETE ON file_change"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_change_request_update AFTER UPDATE ON change_request WHEN"
  "    OLD.repo_id IS NOT NEW.repo_id OR OLD.number IS NOT NEW.number OR"
  "    OLD.author_id IS NOT NEW.author_id OR OLD.state IS NOT NEW.state OR"
  "    OLD.created_time IS NOT NEW.created_time OR"
  "    OLD.updated_time IS NOT NEW.updated_time OR"
  "    OLD.merged_time IS NOT NEW.merged_time OR"
  "    OLD.closed_time IS NOT NEW.closed_time OR"
  "    OLD.merged_by_id IS NOT NEW.merged_by_id OR"
  "    OLD.additions IS NOT NEW.additions OR OLD.deletions IS NOT NEW.deletions OR"
  "    OLD.n_commits IS NOT NEW.n_commits OR OLD.n_rounds IS NOT NEW.n_rounds OR"
  "    OLD.last_commit_time IS NOT NEW.last_commit_time OR"
  "    OLD.title_len IS NOT NEW.title_len OR OLD.body_len IS NOT NEW.body_len OR"
  "    OLD.is_draft IS NOT NEW.is_draft"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_change_request_delete AFTER DELETE ON change_request"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_review_update AFTER UPDATE ON review WHEN"
  "    OLD.cr_id IS NOT NEW.cr_id OR OLD.ext_id IS NOT NEW.ext_id OR"
  "    OLD.reviewer_id IS NOT NEW.reviewer_id OR OLD.state IS NOT NEW.state OR"
  "    OLD.time IS NOT NEW.time OR OLD.body_len IS NOT NEW.body_len OR"
  "    OLD.is_objection IS NOT NEW.is_objection"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_review_delete AFTER DELETE ON review"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_work_item_update AFTER UPDATE ON work_item WHEN"
  "    OLD.tracker IS NOT NEW.tracker OR OLD.project IS NOT NEW.project OR"
  "    OLD.key IS NOT NEW.key OR OLD.type IS NOT NEW.type OR"
  "    OLD.status IS NOT NEW.status OR"
  "    OLD.status_category IS NOT NEW.status_category OR"
  "    OLD.reporter_id IS NOT NEW.reporter_id OR"
  "    OLD.assignee_id IS NOT NEW.assignee_id OR"
  "    OLD.created_time IS NOT NEW.created_time OR"
  "    OLD.updated_time IS NOT NEW.updated_time OR"
  "    OLD.resolved_time IS NOT NEW.resolved_time OR"
  "    OLD.is_decision IS NOT NEW.is_decision OR OLD.title_len IS NOT NEW.title_len OR"
  "    OLD.body_len IS NOT NEW.body_len OR OLD.story_points IS NOT NEW.story_points"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_work_item_delete AFTER DELETE ON work_item"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_status_change_update AFTER UPDATE ON status_change WHEN"
  "    OLD.item_id IS NOT NEW.item_id OR OLD.ext_id IS NOT NEW.ext_id OR"
  "    OLD.author_id IS NOT NEW.author_id OR OLD.time IS NOT NEW.time OR"
  "    OLD.from_status IS NOT NEW.from_status OR OLD.to_status IS NOT NEW.to_status OR"
  "    OLD.from_category IS NOT NEW.from_category OR"
  "    OLD.to_category IS NOT NEW.to_category"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_status_change_delete AFTER DELETE ON status_change"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_comment_update AFTER UPDATE ON comment WHEN"
  "    OLD.ext_id IS NOT NEW.ext_id OR OLD.cr_id IS NOT NEW.cr_id OR"
  "    OLD.item_id IS NOT NEW.item_id OR OLD.author_id IS NOT NEW.author_id OR"
  "    OLD.time IS NOT NEW.time OR OLD.reply_to_id IS NOT NEW.reply_to_id OR"
  "    OLD.is_review_comment IS NOT NEW.is_review_comment OR"
  "    OLD.body_len IS NOT NEW.body_len OR OLD.is_objection IS NOT NEW.is_objection"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_comment_delete AFTER DELETE ON comment"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_message_update AFTER UPDATE ON message WHEN"
  "    OLD.system IS NOT NEW.system OR OLD.channel IS NOT NEW.channel OR"
  "    OLD.ext_id IS NOT NEW.ext_id OR OLD.author_id IS NOT NEW.author_id OR"
  "    OLD.time IS NOT NEW.time OR OLD.thread_ext_id IS NOT NEW.thread_ext_id OR"
  "    OLD.reply_to_id IS NOT NEW.reply_to_id OR OLD.body_len IS NOT NEW.body_len OR"
  "    OLD.is_objection IS NOT NEW.is_objection"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_message_delete AFTER DELETE ON message"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_link_update AFTER UPDATE ON link WHEN"
  "    OLD.commit_id IS NOT NEW.commit_id OR OLD.cr_id IS NOT NEW.cr_id OR"
  "    OLD.item_key IS NOT NEW.item_key OR OLD.via IS NOT NEW.via"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;"
  "CREATE TRIGGER analysis_link_delete AFTER DELETE ON link"
  "  BEGIN UPDATE analysis_state SET generation = generation + 1; END;";

static const UcMigration migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
};

const UcMigration *
_uc_store_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
