/* uc-github-import.c: GitHub pull requests, reviews, issues and events.
 *
 * Three formats, one engine:
 *
 *   github-rest      REST API JSON, as a file or a FOLDER of page files in
 *                    any names (what `gh api --paginate` or a curl loop
 *                    writes): pulls (list or single), reviews, review
 *                    comments (pulls/comments), issues, issue comments,
 *                    repository-level issue events (/issues/events, which
 *                    name their issue) and GraphQL timeline pages
 *                    ({data:{repository:{issue|pullRequest:{timelineItems}}}}),
 *                    GraphQL pages of pull requests and issues
 *                    ({data:{repository:{nameWithOwner, pullRequests|issues}}})
 *                    and the GraphQL-shaped objects `gh pr list --json` and
 *                    `gh issue list --json` print (read like the archive's).
 *                    A file may hold one page, pages one after the other
 *                    (`[…][…]`), or one object per line. What each record
 *                    is, is decided by its content: a pull has "head" and
 *                    "base", a review comment "diff_hunk" or
 *                    "pull_request_review_id", a review "state" and
 *                    "pull_request_url", an issue comment "issue_url", an
 *                    event "event", an issue "number" and "title" (a pull
 *                    request when it has "pull_request"). Other GitHub
 *                    objects (users, reactions, commits, labels,
 *                    requested reviewers) and files that are not JSON are
 *                    ignored.
 *   github-perceval  Perceval items ({backend_name: "GitHub", category,
 *                    origin, data}) as a JSON list, JSON lines or objects
 *                    one after the other, with the nested user_data,
 *                    reviews_data, review_comments_data, comments_data…
 *   github-archive   the i-d-template archive.json ({magic, repo, labels,
 *                    issues: […], pulls: […]}, GraphQL-shaped). It is split
 *                    into its members and the issues and pulls are read
 *                    one by one, never as one tree.
 *
 * Every input is read record by record (uc-github-json.h). Records that
 * depend on others (reviews and comments need their pull request or
 * issue, which may come later in a folder) are handled in a later pass
 * over the same input: pass 1 pull requests and issues, pass 2 issues that
 * are pull requests (they only add a change request that no pull object
 * described), pass 3 reviews, comments and events. A pass runs only when
 * the previous one saw records for it, so an archive or a Perceval file is
 * read once or twice. A dependent record whose pull request or issue is
 * neither in the input nor in the workspace is a bad record.
 *
 * What is stored:
 *
 *  - repo: kind "github", name "owner/repo" (from base.repo.full_name, the
 *    API or web URLs, Perceval's origin, the archive's "repo").
 *  - change_request per pull request: state merged (merged, or a merge
 *    time), closed or open; created, updated, merged and closed times;
 *    merged_by; additions, deletions and commits where given (-1 when not);
 *    the last commit's time where a GraphQL timeline lists the commits;
 *    title and body lengths in characters; draft. Links from ticket keys
 *    ("ABC-123", "#12" → "owner/repo#12", "owner/repo#12", github.com
 *    issue/pull URLs) in the title ("title"), body ("body") and the head
 *    branch ("branch": also "12-fix-crash", "issue-12", "issue/12").
 *  - review per submitted review: APPROVED → approved, CHANGES_REQUESTED →
 *    changes requested (always an objection), COMMENTED → commented,
 *    DISMISSED → dismissed (a dismissal is never undone by an older copy);
 *    PENDING reviews are not submitted and are left out.
 *  - comment per review comment (is_review_comment, reply links from
 *    in_reply_to_id, resolved at the end when the answered comment comes
 *    later) and per conversation comment on an issue or a pull request;
 *    objection flags from the lexicon.
 *  - work_item per issue that is not a pull request: tracker "github",
 *    project "owner/repo", key "owner/repo#N". Type: duplicate, won't do,
 *    question, bug, feature, documentation, task, epic or issue, from the
 *    issue's own type or its labels ("type: bug", "kind/feature",
 *    "wontfix", "invalid"…), in that order of precedence; an issue closed
 *    as not planned is "won't do" and one closed as a duplicate is
 *    "duplicate" (unless a label already says question), so that done
 *    items that were not work can be left out. Decision item: a label with
 *    a word RFC, ADR, design, proposal, decision, spike, discussion or
 *    architecture, or a title that starts with one of the first seven
 *    ("RFC: …", "[Proposal] …").
 *    STATUS RULE: closed → "closed" (done); open → "in progress" (doing)
 *    when someone is assigned or a label says work is under way ("in
 *    progress", "wip", "doing", "in review", "has PR"…, also
 *    "status: in progress"), else "open" (todo).
 *  - status_change from issue events, replayed per issue in time order
 *    with the same rule: closed (→ done), reopened (done → open/in
 *    progress: backwards), labeled/unlabeled with an in-progress label,
 *    assigned/unassigned and project column moves (a change only when the
 *    status changes). Events on pull requests are not status changes.
 *  - identities: kind "github" (the login) and "email" when the source
 *    gives one (the same person; a no-reply address is the login itself).
 *    "[bot]" logins, accounts of type Bot and known bots are agents. A
 *    deleted account (no user, null author, or "ghost") is one
 *    placeholder person, login "ghost".
 *
 * ext_ids: "github:review:ID", "github:reviewcomment:ID",
 * "github:issuecomment:ID", "github:event:ID" with GitHub's database ids
 * (GraphQL node ids are decoded to them, so REST, GraphQL and archive
 * exports of the same review converge). The archive has no ids for
 * comments: they are named after their issue, time and author
 * ("github:owner/repo#12:comment:1634290633:login") or their review and
 * position.
 *
 * No text is stored: only lengths, objection flags and the keys found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "uc-github-json.h"
#include "uc-identity.h"
#include "uc-json-fast.h"

#define N_PASSES 3
#define SNIFF_SIZE (64 * 1024)
#define FOLDER_MAX_DEPTH 8
#define PROBE_MAX_FILES 32
#define PROBE_SNIFF_SIZE (16 * 1024)

typedef enum
{
  SHAPE_NONE,
  SHAPE_REST,
  SHAPE_PERCEVAL,
  SHAPE_ARCHIVE,
} Shape;

typedef enum
{
  KIND_IGNORED,
  KIND_PULL,
  KIND_ISSUE,
  KIND_PR_ISSUE,
  KIND_REVIEW,
  KIND_REVIEW_COMMENT,
  KIND_ISSUE_COMMENT,
  KIND_EVENT,
  KIND_TIMELINE,
  KIND_REPO,
  KIND_GRAPHQL_ERROR,
  KIND_GRAPHQL_PULL,
  KIND_GRAPHQL_ISSUE,
  KIND_GRAPHQL_LIST,
  KIND_PERCEVAL,
} Kind;

typedef enum
{
  EV_CLOSE,
  EV_REOPEN,
  EV_DOING_ON,
  EV_DOING_OFF,
  EV_ASSIGN,
  EV_UNASSIGN,
  EV_COLUMN_DOING,
  EV_COLUMN_OTHER,
} EventKind;

typedef struct
{
  UcId       item_id;
  UcTime     time;
  guint64    seq;
  UcId       actor;
  const char *ext_id;   /* in the importer's string chunk */
  EventKind  kind;
} PendingEvent;

typedef struct
{
  char    *path;       /* owned: file system path */
  char    *rel;        /* owned: display name inside the folder, NULL for a file */
  goffset  size;
} InputFile;

typedef struct
{
  UcImportContext *ctx;            /* borrowed */
  JsonParser      *parser;         /* owned */
  GPtrArray       *files;          /* owned: InputFile */
  gboolean         is_folder;
  guint            pass;           /* 1..N_PASSES */
  gint64           needed[N_PASSES + 1];
  goffset          total_bytes;
  goffset          done_bytes;     /* files finished in this pass */
  UcGithubSplitter *splitter;      /* borrowed: the file being read */
  GHashTable      *logins;         /* owned: login → UcId * */
  GHashTable      *repos;          /* owned: name → UcId * */
  GHashTable      *items;          /* owned: item key → UcId * */
  UcId             ghost_id;
  char            *archive_repo;   /* owned: "repo" of the archive being read */
  GArray          *events;         /* PendingEvent */
  GStringChunk    *strings;        /* owned: ext_ids of pending events and replies */
  GArray          *replies;        /* const char * pairs: comment, answered comment */
  guint64          event_seq;
} GithubImporter;

/* The record being imported: where it is (for messages) and the first
 * problem found in it. */
typedef struct
{
  GithubImporter *imp;
  char           *where;      /* owned */
  char           *problem;    /* owned */
} Rec;

static void
rec_init (Rec            *r,
          GithubImporter *imp,
          char           *where)
{
  r->imp = imp;
  r->where = where;
  r->problem = NULL;
}

static void
rec_clear (Rec *r)
{
  g_clear_pointer (&r->where, g_free);
  g_clear_pointer (&r->problem, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rec, rec_clear)

static void
rec_problem (Rec  *r,
             char *problem)
{
  if (r->problem == NULL)
    r->problem = problem;
  else
    g_free (problem);
}

/* Report the record's problem: TRUE when it is skipped (SKIP_BAD), FALSE
 * with @error set otherwise. */
static gboolean
rec_fail (Rec     *r,
          GError **error)
{
  const char *problem = r->problem != NULL ? r->problem : _("the record is not valid");

  return _uc_import_record_error (r->imp->ctx, r->where, problem, error);
}

static gboolean
rec_fail_with (Rec     *r,
               char    *problem,
               GError **error)
{
  g_clear_pointer (&r->problem, g_free);
  r->problem = problem;
  return rec_fail (r, error);
}

static double progress_fraction (GithubImporter *imp);

/* ---- reading values ---- */

static const char *
describe_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("a list");
  if (JSON_NODE_HOLDS_NULL (node))
    return _("null");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
    }
}

/* The member @name, NULL when missing or null. */
static JsonNode *
member (JsonObject *o,
        const char *name)
{
  JsonNode *n;

  if (o == NULL)
    return NULL;
  n = json_object_get_member (o, name);
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  return n;
}

static gboolean
has (JsonObject *o,
     const char *name)
{
  return o != NULL && json_object_has_member (o, name);
}

static const char *
get_string (Rec        *r,
            JsonObject *o,
            const char *name)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  /* Translators: “name” is a JSON member, then "a number", "a list"… */
  rec_problem (r, g_strdup_printf (_("“%s” is %s, not a string"), name, describe_node (n)));
  return NULL;
}

static JsonObject *
get_object (Rec        *r,
            JsonObject *o,
            const char *name)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (n))
    return json_node_get_object (n);
  rec_problem (r, g_strdup_printf (_("“%s” is %s, not an object"), name, describe_node (n)));
  return NULL;
}

/* A list; Perceval writes an empty object for an empty list, GraphQL a
 * connection ({"nodes": […]} or {"edges": [{"node": …}]}, see
 * element_node()). */
static JsonArray *
get_array (Rec        *r,
           JsonObject *o,
           const char *name)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (n))
    return json_node_get_array (n);
  if (JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonObject *connection = json_node_get_object (n);
      JsonNode *list = member (connection, "nodes");

      if (list == NULL)
        list = member (connection, "edges");
      if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
        return json_node_get_array (list);
      if (list == NULL && !has (connection, "nodes") && !has (connection, "edges") &&
          (json_object_get_size (connection) == 0 || has (connection, "totalCount")))
        return NULL;
    }
  rec_problem (r, g_strdup_printf (_("“%s” is %s, not a list"), name, describe_node (n)));
  return NULL;
}

/* An element of a list; a GraphQL edge holds it in "node". */
static JsonNode *
element_node (JsonArray *array,
              guint      index)
{
  JsonNode *n = json_array_get_element (array, index);

  if (JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonNode *inner = member (json_node_get_object (n), "node");

      if (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner) &&
          has (json_node_get_object (n), "cursor"))
        return inner;
    }
  return n;
}

/* A whole number (or a string of digits), @missing when absent. */
static gint64
get_int (Rec        *r,
         JsonObject *o,
         const char *name,
         gint64      missing)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return missing;
  if (JSON_NODE_HOLDS_VALUE (n))
    {
      GType type = json_node_get_value_type (n);

      if (type == G_TYPE_INT64)
        return json_node_get_int (n);
      if (type == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (n);

          if (d == floor (d) && fabs (d) < 9e15)
            return (gint64) d;
        }
      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (n);
          char *end = NULL;
          gint64 v;

          if (*s != '\0' && g_ascii_isdigit (*s))
            {
              v = g_ascii_strtoll (s, &end, 10);
              if (end != NULL && *end == '\0')
                return v;
            }
          rec_problem (r, g_strdup_printf (_("“%s” is “%.40s”, not a whole number"), name, s));
          return missing;
        }
    }
  rec_problem (r, g_strdup_printf (_("“%s” is %s, not a whole number"), name, describe_node (n)));
  return missing;
}

static gboolean
get_bool (Rec        *r,
          JsonObject *o,
          const char *name)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (n);
  rec_problem (r, g_strdup_printf (_("“%s” is %s, not true or false"), name, describe_node (n)));
  return FALSE;
}

/* A time, 0 when absent. */
static UcTime
get_time (Rec        *r,
          JsonObject *o,
          const char *name)
{
  const char *s = get_string (r, o, name);
  UcTime t = 0;

  if (s == NULL)
    return 0;
  if (!_uc_github_parse_time (s, &t))
    {
      rec_problem (r, g_strdup_printf (_("“%s” is not a date and time: “%.40s”"), name, s));
      return 0;
    }
  return t;
}

/* A string, or the named member of an object ({"login": …}, {"name": …}). */
static const char *
get_name (Rec        *r,
          JsonNode   *n,
          const char *field,
          const char *what)
{
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  if (JSON_NODE_HOLDS_OBJECT (n))
    return get_string (r, json_node_get_object (n), field);
  rec_problem (r, g_strdup_printf (_("“%s” is %s, not a string or an object"), what, describe_node (n)));
  return NULL;
}

static guint
text_length (const char *text)
{
  if (text == NULL)
    return 0;
  return (guint) MIN (g_utf8_strlen (text, -1), (glong) G_MAXINT);
}

static gboolean
is_objection (const char *body)
{
  return body != NULL && uc_text_has_objection (body, -1, NULL);
}

/* ---- caches ---- */

static UcId
cache_get (GHashTable *table,
           const char *key)
{
  UcId *id = g_hash_table_lookup (table, key);

  return id != NULL ? *id : 0;
}

static void
cache_put (GHashTable *table,
           const char *key,
           UcId        id)
{
  g_hash_table_replace (table, g_strdup (key), g_memdup2 (&id, sizeof id));
}

static GHashTable *
cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- people ---- */

typedef struct
{
  const char *login;
  const char *name;
  const char *email;
  gboolean    bot;
} UserInfo;

/* The user in @o's @name (an object with "login", a login string, or
 * null), completed with Perceval's @data_name (user_data…). */
static void
get_user (Rec        *r,
          JsonObject *o,
          const char *name,
          const char *data_name,
          UserInfo   *u)
{
  JsonNode *n = member (o, name);
  JsonObject *data = data_name != NULL ? get_object (r, o, data_name) : NULL;

  memset (u, 0, sizeof *u);
  if (n != NULL)
    {
      if (JSON_NODE_HOLDS_OBJECT (n))
        {
          JsonObject *user = json_node_get_object (n);
          const char *type = get_string (r, user, "type");

          u->login = get_string (r, user, "login");
          u->name = get_string (r, user, "name");
          u->email = get_string (r, user, "email");
          u->bot = (type != NULL && g_ascii_strcasecmp (type, "Bot") == 0) ||
                   (has (user, "is_bot") && get_bool (r, user, "is_bot"));
          if (!u->bot && g_str_equal (name, "author") && has (user, "__typename"))
            {
              const char *typename = get_string (r, user, "__typename");

              u->bot = g_strcmp0 (typename, "Bot") == 0;
            }
        }
      else
        u->login = get_name (r, n, "login", name);
    }
  /* Perceval's details, unless they describe someone else. */
  if (data != NULL && u->login != NULL && get_string (r, data, "login") != NULL &&
      g_ascii_strcasecmp (u->login, get_string (r, data, "login")) != 0)
    data = NULL;
  if (data != NULL)
    {
      const char *type = get_string (r, data, "type");

      if (u->login == NULL)
        u->login = get_string (r, data, "login");
      if (get_string (r, data, "name") != NULL)
        u->name = get_string (r, data, "name");
      if (get_string (r, data, "email") != NULL)
        u->email = get_string (r, data, "email");
      if (type != NULL && g_ascii_strcasecmp (type, "Bot") == 0)
        u->bot = TRUE;
    }
}

static gboolean
ghost_identity (GithubImporter  *imp,
                UcId            *id,
                GError         **error)
{
  if (imp->ghost_id == 0)
    {
      imp->ghost_id = _uc_import_identity (imp->ctx, "github", "ghost",
                                           _("Deleted GitHub account"), error);
      if (imp->ghost_id <= 0)
        return FALSE;
    }
  *id = imp->ghost_id;
  return TRUE;
}

/* An existing GitHub identity of @login in any case: its id, 0 when
 * there is none, -1 on an error. */
static UcId
find_login (GithubImporter  *imp,
            const char      *login,
            GError         **error)
{
  sqlite3_stmt *stmt;
  UcId id = 0;
  int rc;

  stmt = uc_store_prepare (imp->ctx->store,
                           "SELECT id FROM identity WHERE kind = 'github' AND value = ?1"
                           " COLLATE NOCASE ORDER BY value = ?1 DESC, id LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (imp->ctx->store, error, "finding a GitHub login");
      return -1;
    }
  return id;
}

/* The identity of @u: 0 when there is nobody, unless @ghost_if_none. */
static gboolean
user_identity (GithubImporter  *imp,
               const UserInfo  *u,
               gboolean         ghost_if_none,
               UcId            *out,
               GError         **error)
{
  UcImportContext *ctx = imp->ctx;
  const char *login = u->login;
  const char *display;
  g_autofree char *noreply = NULL;
  g_autofree char *folded = NULL;
  UcId id;

  *out = 0;
  if (login != NULL)
    {
      while (g_ascii_isspace (*login))
        login++;
      if (*login == '\0')
        login = NULL;
    }
  if (login == NULL)
    return ghost_if_none ? ghost_identity (imp, out, error) : TRUE;
  if (g_ascii_strcasecmp (login, "ghost") == 0)
    return ghost_identity (imp, out, error);
  /* gh prints apps as "app/NAME": the REST API calls them "NAME[bot]". */
  if (g_str_has_prefix (login, "app/") && login[4] != '\0')
    {
      g_autofree char *bot_login = g_strconcat (login + 4, "[bot]", NULL);
      UserInfo app = *u;

      app.login = bot_login;
      app.bot = TRUE;
      return user_identity (imp, &app, ghost_if_none, out, error);
    }

  /* Logins are case-insensitive: "AnnLee" from a roster is "annlee". */
  folded = g_ascii_strdown (login, -1);
  id = cache_get (imp->logins, folded);
  if (id > 0)
    {
      *out = id;
      return TRUE;
    }
  id = find_login (imp, login, error);
  if (id < 0)
    return FALSE;

  display = u->name != NULL && *u->name != '\0' ? u->name : login;
  if (u->email != NULL && *u->email != '\0')
    noreply = uc_identity_github_noreply_login (u->email);

  if (u->email != NULL && strchr (u->email, '@') != NULL && noreply == NULL)
    {
      /* The same address anywhere is the same person. */
      if (id > 0)
        {
          if (uc_store_ensure_identity (ctx->store, "email", u->email, display,
                                        uc_store_identity_person (ctx->store, id),
                                        ctx->source_id, error) <= 0)
            return FALSE;
        }
      else
        {
          UcId email_id = _uc_import_identity (ctx, "email", u->email, display, error);

          if (email_id <= 0)
            return FALSE;
          id = uc_store_ensure_identity (ctx->store, "github", login, display,
                                         uc_store_identity_person (ctx->store, email_id),
                                         ctx->source_id, error);
        }
    }
  else if (id == 0)
    id = _uc_import_identity (ctx, "github", login, display, error);
  if (id <= 0)
    return FALSE;

  if ((u->bot || uc_text_is_agent_account (u->name, login)) &&
      !_uc_import_flag_agent (ctx, id, error))
    return FALSE;

  cache_put (imp->logins, folded, id);
  *out = id;
  return TRUE;
}

/* ---- repositories, change requests, items ---- */

static UcId
find_repo (GithubImporter *imp,
           const char     *name,
           gboolean        create,
           GError        **error)
{
  UcId id = cache_get (imp->repos, name);
  sqlite3_stmt *stmt;

  if (id > 0)
    return id;
  if (create)
    {
      id = uc_store_ensure_repo (imp->ctx->store, name, "github", imp->ctx->source_id, error);
      if (id <= 0)
        return 0;
    }
  else
    {
      stmt = uc_store_prepare (imp->ctx->store,
                               "SELECT id FROM repo WHERE name = ?1 AND kind = 'github'", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (id <= 0)
        return 0;
    }
  cache_put (imp->repos, name, id);
  return id;
}

static UcId
find_cr (GithubImporter *imp,
         const char     *repo,
         gint64          number)
{
  char num[32];
  UcId repo_id = find_repo (imp, repo, FALSE, NULL);

  if (repo_id <= 0)
    return 0;
  g_snprintf (num, sizeof num, "%" G_GINT64_FORMAT, number);
  return uc_store_find_change_request (imp->ctx->store, repo_id, num);
}

static char *
item_key (const char *repo,
          gint64      number)
{
  return g_strdup_printf ("%s#%" G_GINT64_FORMAT, repo, number);
}

static UcId
find_item (GithubImporter *imp,
           const char     *repo,
           gint64          number)
{
  g_autofree char *key = item_key (repo, number);
  UcId id = cache_get (imp->items, key);

  if (id > 0)
    return id;
  id = uc_store_find_work_item (imp->ctx->store, "github", key);
  if (id > 0)
    cache_put (imp->items, key, id);
  return id;
}

/* The repository a record names: an explicit full name, then its URLs,
 * then the Perceval origin. @number receives the number its URL names. */
static char *
record_repo (const char *full_name,
             const char *url,
             const char *html_url,
             const char *origin,
             gint64     *number)
{
  const char *urls[] = { url, html_url, origin };
  char *repo = NULL;
  gint64 n = 0;

  if (number != NULL)
    *number = 0;
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      char *r = NULL;
      gint64 rn = 0;

      if (urls[i] == NULL || !_uc_github_parse_url (urls[i], &r, &rn, NULL))
        continue;
      if (n == 0)
        n = rn;
      if (repo == NULL)
        repo = r;
      else
        g_free (r);
    }
  if (number != NULL)
    *number = n;
  if (full_name != NULL && strchr (full_name, '/') != NULL && full_name[0] != '/')
    {
      g_free (repo);
      return g_strdup (full_name);
    }
  return repo;
}

/* ---- links ---- */

static gboolean
add_links (GithubImporter  *imp,
           UcId             cr_id,
           const char      *repo,
           gint64           number,
           const char      *text,
           const char      *via,
           GError         **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *self = item_key (repo, number);

  if (text == NULL || *text == '\0')
    return TRUE;
  keys = g_ptr_array_new_with_free_func (g_free);
  uc_text_collect_ticket_keys (text, -1, keys);
  if (g_str_equal (via, "branch"))
    _uc_github_branch_issue_keys (text, keys);
  else
    _uc_github_collect_url_keys (text, keys);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autofree char *full = NULL;

      if (key[0] == '#')
        key = full = g_strconcat (repo, key, NULL);
      if (g_ascii_strcasecmp (key, self) == 0)
        continue;
      if (!uc_store_add_link (imp->ctx->store, 0, cr_id, key, via, imp->ctx->source_id, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- labels ---- */

/* "Type: Bug" → "bug", "status/in-progress" → "in progress". */
static char *
normalise_label (const char *label)
{
  static const char * const prefixes[] = {
    "type ", "kind ", "status ", "state ", "stage ", "category ", "t ", "k ", "s ", NULL
  };
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  char *norm;

  for (const char *p = label; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, g_ascii_tolower (*p));
          space = FALSE;
        }
      else if (*p != '\'')
        space = TRUE;
    }
  norm = g_string_free (out, FALSE);
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (norm, prefixes[i]) && norm[strlen (prefixes[i])] != '\0')
      {
        char *rest = g_strdup (norm + strlen (prefixes[i]));

        g_free (norm);
        return rest;
      }
  return norm;
}

static gboolean
in_set (const char         *word,
        const char * const *set)
{
  for (guint i = 0; set[i] != NULL; i++)
    if (g_str_equal (word, set[i]))
      return TRUE;
  return FALSE;
}

static gboolean
label_is_doing (const char *label)
{
  static const char * const doing[] = {
    "in progress", "inprogress", "wip", "work in progress", "doing", "in review",
    "under review", "review in progress", "in development", "in dev", "started",
    "ongoing", "being worked on", "working on it", "has pr", "active", NULL
  };
  g_autofree char *norm = normalise_label (label);

  return in_set (norm, doing);
}

static gboolean
column_is_doing (const char *column)
{
  static const char * const doing[] = { "review", "code review", "testing", "qa", NULL };
  g_autofree char *norm = NULL;

  if (column == NULL)
    return FALSE;
  norm = normalise_label (column);
  return label_is_doing (column) || in_set (norm, doing);
}

/* Precedence of the types (lower wins). */
typedef enum
{
  TYPE_DUPLICATE,
  TYPE_WONT_DO,
  TYPE_QUESTION,
  TYPE_BUG,
  TYPE_FEATURE,
  TYPE_DOCUMENTATION,
  TYPE_TASK,
  TYPE_EPIC,
  TYPE_ISSUE,
} ItemType;

static const char * const type_names[] = {
  "duplicate", "won't do", "question", "bug", "feature", "documentation", "task", "epic",
  "issue",
};

static ItemType
label_type (const char *label)
{
  static const struct { const char *label; ItemType type; } table[] = {
    { "duplicate", TYPE_DUPLICATE }, { "dup", TYPE_DUPLICATE }, { "dupe", TYPE_DUPLICATE },
    { "wontfix", TYPE_WONT_DO }, { "won t fix", TYPE_WONT_DO }, { "wont fix", TYPE_WONT_DO },
    { "wont do", TYPE_WONT_DO }, { "won t do", TYPE_WONT_DO }, { "invalid", TYPE_WONT_DO },
    { "not planned", TYPE_WONT_DO }, { "no action needed", TYPE_WONT_DO },
    { "obsolete", TYPE_WONT_DO }, { "not a bug", TYPE_WONT_DO },
    { "works as intended", TYPE_WONT_DO }, { "working as intended", TYPE_WONT_DO },
    { "question", TYPE_QUESTION }, { "support", TYPE_QUESTION }, { "usage", TYPE_QUESTION },
    { "bug", TYPE_BUG }, { "defect", TYPE_BUG }, { "regression", TYPE_BUG },
    { "crash", TYPE_BUG }, { "confirmed bug", TYPE_BUG }, { "bug report", TYPE_BUG },
    { "feature", TYPE_FEATURE }, { "enhancement", TYPE_FEATURE },
    { "feature request", TYPE_FEATURE }, { "improvement", TYPE_FEATURE },
    { "new feature", TYPE_FEATURE },
    { "documentation", TYPE_DOCUMENTATION }, { "docs", TYPE_DOCUMENTATION },
    { "doc", TYPE_DOCUMENTATION },
    { "task", TYPE_TASK }, { "chore", TYPE_TASK }, { "maintenance", TYPE_TASK },
    { "epic", TYPE_EPIC },
  };
  g_autofree char *norm = normalise_label (label);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (norm, table[i].label))
      return table[i].type;
  return TYPE_ISSUE;
}

static const char * const decision_words[] = {
  "rfc", "adr", "design", "proposal", "decision", "spike", "discussion", "architecture", NULL
};

static gboolean
label_is_decision (const char *label)
{
  g_autofree char *norm = normalise_label (label);
  g_auto(GStrv) words = g_strsplit (norm, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (in_set (words[i], decision_words))
      return TRUE;
  return FALSE;
}

static gboolean
title_is_decision (const char *title)
{
  const char *p = title;
  gsize n = 0;
  char word[16];

  if (title == NULL)
    return FALSE;
  while (*p == ' ' || *p == '[' || *p == '(' || *p == '\t')
    p++;
  while (g_ascii_isalpha (p[n]) && n < sizeof word - 1)
    {
      word[n] = g_ascii_tolower (p[n]);
      n++;
    }
  word[n] = '\0';
  if (n == 0 || g_ascii_isalnum (p[n]))
    return FALSE;
  /* "architecture" only counts as a label. */
  return in_set (word, decision_words) && !g_str_equal (word, "architecture");
}

/* ---- what is known about an issue ---- */

typedef struct
{
  const char *repo;
  gint64      number;
  UserInfo    reporter;
  UserInfo    assignee;
  guint       n_assignees;
  gboolean    closed;
  const char *state_reason;
  const char *native_type;
  const char *title;
  const char *body;
  UcTime      created;
  UcTime      updated;
  UcTime      closed_time;
  GPtrArray  *labels;         /* const char *, borrowed from the JSON */
} IssueInfo;

static gboolean
store_item (GithubImporter  *imp,
            Rec             *r,
            const IssueInfo *info,
            UcId            *item_id,
            GError         **error)
{
  UcImportContext *ctx = imp->ctx;
  g_autofree char *key = item_key (info->repo, info->number);
  ItemType type = TYPE_ISSUE;
  gboolean doing = info->n_assignees > 0;
  gboolean decision = title_is_decision (info->title);
  UcWorkItemRow row = { 0 };
  gboolean inserted = FALSE;
  UcId reporter = 0, assignee = 0;
  g_autofree char *native = NULL;

  for (guint i = 0; i < info->labels->len; i++)
    {
      const char *label = g_ptr_array_index (info->labels, i);
      ItemType t = label_type (label);

      type = MIN (type, t);
      doing = doing || label_is_doing (label);
      decision = decision || label_is_decision (label);
    }

  if (info->state_reason != NULL && g_str_equal (info->state_reason, "duplicate") &&
      type != TYPE_QUESTION)
    type = TYPE_DUPLICATE;
  else if (info->state_reason != NULL && g_str_equal (info->state_reason, "not_planned") &&
           type != TYPE_DUPLICATE && type != TYPE_QUESTION)
    type = TYPE_WONT_DO;
  else if (info->native_type != NULL && *info->native_type != '\0' &&
           type > TYPE_QUESTION)
    {
      native = g_ascii_strdown (info->native_type, -1);
      if (label_type (native) != TYPE_ISSUE)
        type = label_type (native);
      else
        g_clear_pointer (&native, g_free);
    }
  if (native != NULL && label_is_decision (native))
    decision = TRUE;

  if (!find_repo (imp, info->repo, TRUE, error))
    return FALSE;
  if (!user_identity (imp, &info->reporter, TRUE, &reporter, error) ||
      !user_identity (imp, &info->assignee, FALSE, &assignee, error))
    return FALSE;

  row.tracker = "github";
  row.project = info->repo;
  row.key = key;
  row.type = type_names[type];
  if (info->closed)
    {
      row.status = "closed";
      row.status_category = UC_STATUS_DONE;
    }
  else if (doing)
    {
      row.status = "in progress";
      row.status_category = UC_STATUS_DOING;
    }
  else
    {
      row.status = "open";
      row.status_category = UC_STATUS_TODO;
    }
  row.reporter_identity = reporter;
  row.assignee_identity = assignee;
  row.created_time = info->created;
  row.updated_time = info->updated;
  row.resolved_time = info->closed ? info->closed_time : 0;
  row.is_decision = decision;
  row.title_len = text_length (info->title);
  row.body_len = text_length (info->body);
  row.story_points = NAN;
  row.source_id = ctx->source_id;

  *item_id = uc_store_add_work_item (ctx->store, &row, &inserted, error);
  if (*item_id <= 0)
    return FALSE;
  cache_put (imp->items, key, *item_id);
  ctx->n_records++;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, info->created);
  _uc_import_note_time (ctx, info->updated);
  return TRUE;
}

/* ---- comments ---- */

typedef struct
{
  const char *ext_id;
  const char *reply_to;      /* ext_id or NULL */
  UcId        cr_id;
  UcId        item_id;
  UserInfo    author;
  UcTime      time;
  const char *body;
  gboolean    review_comment;
} CommentInfo;

static gboolean
comment_exists (GithubImporter *imp,
                const char     *ext_id)
{
  sqlite3_stmt *stmt = uc_store_prepare (imp->ctx->store,
                                         "SELECT 1 FROM comment WHERE ext_id = ?1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ext_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
store_comment (GithubImporter     *imp,
               const CommentInfo  *info,
               GError            **error)
{
  UcImportContext *ctx = imp->ctx;
  UcCommentRow row = { 0 };
  gboolean inserted = FALSE;
  UcId author = 0;

  if (!user_identity (imp, &info->author, TRUE, &author, error))
    return FALSE;

  row.ext_id = info->ext_id;
  row.cr_id = info->cr_id;
  row.item_id = info->item_id;
  row.author_identity = author;
  row.time = info->time;
  row.reply_to_ext_id = info->reply_to;
  row.is_review_comment = info->review_comment;
  row.body_len = text_length (info->body);
  row.is_objection = is_objection (info->body);
  row.source_id = ctx->source_id;

  /* The answered comment may come later: link it at the end. */
  if (info->reply_to != NULL && !comment_exists (imp, info->reply_to))
    {
      const char *pair[2] = {
        g_string_chunk_insert_const (imp->strings, info->ext_id),
        g_string_chunk_insert_const (imp->strings, info->reply_to),
      };

      g_array_append_vals (imp->replies, pair, 2);
    }

  if (uc_store_add_comment (ctx->store, &row, &inserted, error) <= 0)
    return FALSE;
  ctx->n_records++;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, info->time);
  return TRUE;
}

static gboolean
resolve_replies (GithubImporter  *imp,
                 GError         **error)
{
  for (guint i = 0; i + 1 < imp->replies->len; i += 2)
    {
      const char *ext_id = g_array_index (imp->replies, const char *, i);
      const char *reply_to = g_array_index (imp->replies, const char *, i + 1);
      sqlite3_stmt *stmt;

      stmt = uc_store_prepare (imp->ctx->store,
                               "UPDATE comment SET reply_to_id ="
                               " (SELECT id FROM comment WHERE ext_id = ?2)"
                               " WHERE ext_id = ?1 AND reply_to_id IS NULL", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, ext_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, reply_to, -1, SQLITE_TRANSIENT);
      if (!uc_store_step_done (imp->ctx->store, stmt, error))
        return FALSE;
    }
  g_array_set_size (imp->replies, 0);
  return TRUE;
}

/* A REST review comment (pulls/comments) on @cr_id, or on the pull its
 * pull_request_url names when @cr_id is 0. */
static gboolean
import_review_comment (GithubImporter  *imp,
                       Rec             *r,
                       JsonObject      *c,
                       UcId             cr_id,
                       GError         **error)
{
  CommentInfo info = { 0 };
  g_autofree char *ext_id = NULL;
  g_autofree char *reply_to = NULL;
  gint64 id = get_int (r, c, "id", 0);
  gint64 reply = get_int (r, c, "in_reply_to_id", 0);
  const char *pr_url = get_string (r, c, "pull_request_url");

  info.time = get_time (r, c, "created_at");
  info.body = get_string (r, c, "body");
  get_user (r, c, "user", "user_data", &info.author);
  if (r->problem != NULL)
    return rec_fail (r, error);
  if (id <= 0)
    return rec_fail_with (r, g_strdup (_("the review comment has no “id”")), error);
  if (info.time == 0)
    return rec_fail_with (r, g_strdup (_("the review comment has no “created_at”")), error);

  if (cr_id == 0)
    {
      g_autofree char *repo = NULL;
      gint64 number = 0;

      if (!_uc_github_parse_url (pr_url, &repo, &number, NULL) || number <= 0)
        return rec_fail_with (r, g_strdup (_("the review comment has no “pull_request_url” naming its pull request")),
                              error);
      cr_id = find_cr (imp, repo, number);
      if (cr_id <= 0)
        return rec_fail_with (r, g_strdup_printf (_("review comment %" G_GINT64_FORMAT " is on pull request %s#%" G_GINT64_FORMAT ", which is neither in this import nor in the workspace"),
                                                  id, repo, number), error);
    }

  ext_id = g_strdup_printf ("github:reviewcomment:%" G_GINT64_FORMAT, id);
  if (reply > 0)
    reply_to = g_strdup_printf ("github:reviewcomment:%" G_GINT64_FORMAT, reply);
  info.ext_id = ext_id;
  info.reply_to = reply_to;
  info.cr_id = cr_id;
  info.review_comment = TRUE;
  return store_comment (imp, &info, error);
}

/* A REST issue comment on @cr_id or @item_id, or on what its issue_url
 * names when both are 0. */
static gboolean
import_issue_comment (GithubImporter  *imp,
                      Rec             *r,
                      JsonObject      *c,
                      UcId             cr_id,
                      UcId             item_id,
                      GError         **error)
{
  CommentInfo info = { 0 };
  g_autofree char *ext_id = NULL;
  gint64 id = get_int (r, c, "id", 0);
  const char *issue_url = get_string (r, c, "issue_url");

  info.time = get_time (r, c, "created_at");
  info.body = get_string (r, c, "body");
  get_user (r, c, "user", "user_data", &info.author);
  if (!has (c, "user") && has (c, "actor"))
    get_user (r, c, "actor", NULL, &info.author);
  if (r->problem != NULL)
    return rec_fail (r, error);
  if (id <= 0)
    return rec_fail_with (r, g_strdup (_("the comment has no “id”")), error);
  if (info.time == 0)
    return rec_fail_with (r, g_strdup (_("the comment has no “created_at”")), error);

  if (cr_id == 0 && item_id == 0)
    {
      g_autofree char *repo = NULL;
      gint64 number = 0;

      if (!_uc_github_parse_url (issue_url, &repo, &number, NULL) || number <= 0)
        return rec_fail_with (r, g_strdup (_("the comment has no “issue_url” naming its issue")), error);
      item_id = find_item (imp, repo, number);
      if (item_id <= 0)
        cr_id = find_cr (imp, repo, number);
      if (item_id <= 0 && cr_id <= 0)
        return rec_fail_with (r, g_strdup_printf (_("comment %" G_GINT64_FORMAT " is on %s#%" G_GINT64_FORMAT ", which is neither in this import nor in the workspace"),
                                                  id, repo, number), error);
    }

  ext_id = g_strdup_printf ("github:issuecomment:%" G_GINT64_FORMAT, id);
  info.ext_id = ext_id;
  info.cr_id = cr_id;
  info.item_id = item_id;
  return store_comment (imp, &info, error);
}

/* ---- reviews ---- */

static gboolean
parse_review_state (const char    *state,
                    UcReviewState *out,
                    gboolean      *pending)
{
  *pending = FALSE;
  if (g_ascii_strcasecmp (state, "APPROVED") == 0)
    *out = UC_REVIEW_APPROVED;
  else if (g_ascii_strcasecmp (state, "CHANGES_REQUESTED") == 0)
    *out = UC_REVIEW_CHANGES_REQUESTED;
  else if (g_ascii_strcasecmp (state, "COMMENTED") == 0)
    *out = UC_REVIEW_COMMENTED;
  else if (g_ascii_strcasecmp (state, "DISMISSED") == 0)
    *out = UC_REVIEW_DISMISSED;
  else if (g_ascii_strcasecmp (state, "PENDING") == 0)
    *pending = TRUE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
store_review (GithubImporter  *imp,
              UcId             cr_id,
              const char      *ext_id,
              const UserInfo  *reviewer,
              UcReviewState    state,
              UcTime           time,
              const char      *body,
              GError         **error)
{
  UcImportContext *ctx = imp->ctx;
  UcReviewRow row = { 0 };
  gboolean inserted = FALSE;
  UcId reviewer_id = 0;
  sqlite3_stmt *stmt;

  if (!user_identity (imp, reviewer, TRUE, &reviewer_id, error))
    return FALSE;

  /* A dismissal is final: an older copy of the review does not undo it. */
  if (state != UC_REVIEW_DISMISSED)
    {
      stmt = uc_store_prepare (ctx->store,
                               "SELECT state FROM review WHERE cr_id = ?1 AND ext_id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, cr_id);
      sqlite3_bind_text (stmt, 2, ext_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          sqlite3_column_int (stmt, 0) == UC_REVIEW_DISMISSED)
        state = UC_REVIEW_DISMISSED;
      sqlite3_reset (stmt);
    }

  row.cr_id = cr_id;
  row.ext_id = ext_id;
  row.reviewer_identity = reviewer_id;
  row.state = state;
  row.time = time;
  row.body_len = text_length (body);
  row.is_objection = state == UC_REVIEW_CHANGES_REQUESTED || is_objection (body);
  row.source_id = ctx->source_id;
  if (uc_store_add_review (ctx->store, &row, &inserted, error) <= 0)
    return FALSE;
  ctx->n_records++;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, time);
  return TRUE;
}

/* A REST review on @cr_id, or on the pull its pull_request_url names. */
static gboolean
import_review (GithubImporter  *imp,
               Rec             *r,
               JsonObject      *rv,
               UcId             cr_id,
               GError         **error)
{
  g_autofree char *ext_id = NULL;
  gint64 id = get_int (r, rv, "id", 0);
  const char *state_text = get_string (r, rv, "state");
  const char *body = get_string (r, rv, "body");
  const char *pr_url = get_string (r, rv, "pull_request_url");
  UcTime time = get_time (r, rv, "submitted_at");
  UcReviewState state = UC_REVIEW_COMMENTED;
  gboolean pending = FALSE;
  UserInfo reviewer;

  get_user (r, rv, "user", "user_data", &reviewer);
  if (r->problem != NULL)
    return rec_fail (r, error);
  if (state_text == NULL)
    return rec_fail_with (r, g_strdup (_("the review has no “state”")), error);
  if (!parse_review_state (state_text, &state, &pending))
    return rec_fail_with (r, g_strdup_printf (_("unknown review state “%.40s”"), state_text), error);
  if (pending)
    return TRUE;   /* not submitted: nobody else has seen it */
  if (id <= 0)
    return rec_fail_with (r, g_strdup (_("the review has no “id”")), error);
  if (time == 0)
    return rec_fail_with (r, g_strdup (_("the review has no “submitted_at”")), error);

  if (cr_id == 0)
    {
      g_autofree char *repo = NULL;
      gint64 number = 0;

      if (!_uc_github_parse_url (pr_url, &repo, &number, NULL) || number <= 0)
        return rec_fail_with (r, g_strdup (_("the review has no “pull_request_url” naming its pull request")),
                              error);
      cr_id = find_cr (imp, repo, number);
      if (cr_id <= 0)
        return rec_fail_with (r, g_strdup_printf (_("review %" G_GINT64_FORMAT " is on pull request %s#%" G_GINT64_FORMAT ", which is neither in this import nor in the workspace"),
                                                  id, repo, number), error);
    }

  ext_id = g_strdup_printf ("github:review:%" G_GINT64_FORMAT, id);
  return store_review (imp, cr_id, ext_id, &reviewer, state, time, body, error);
}

/* ---- change requests ---- */

typedef struct
{
  const char *repo;
  gint64      number;
  UserInfo    author;
  UserInfo    merged_by;
  const char *state;          /* "open", "closed", "merged" */
  UcTime      created;
  UcTime      updated;
  UcTime      merged;
  UcTime      closed;
  gint64      additions;
  gint64      deletions;
  gint64      commits;
  const char *title;
  const char *body;
  const char *branch;
  gboolean    draft;
  UcTime      last_commit;
} PullInfo;

static gboolean
store_pull (GithubImporter  *imp,
            const PullInfo  *info,
            UcId            *cr_id,
            GError         **error)
{
  UcImportContext *ctx = imp->ctx;
  UcChangeRequestRow row = { 0 };
  char number[32];
  gboolean inserted = FALSE;
  UcId repo_id;

  repo_id = find_repo (imp, info->repo, TRUE, error);
  if (repo_id <= 0)
    return FALSE;
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, info->number);

  row.repo_id = repo_id;
  row.number = number;
  if (!user_identity (imp, &info->author, TRUE, &row.author_identity, error) ||
      !user_identity (imp, &info->merged_by, FALSE, &row.merged_by_identity, error))
    return FALSE;
  row.state = info->state;
  row.created_time = info->created;
  row.updated_time = info->updated;
  row.merged_time = info->merged;
  row.closed_time = info->closed;
  row.additions = info->additions;
  row.deletions = info->deletions;
  row.n_commits = info->commits;
  row.n_rounds = -1;
  row.last_commit_time = info->last_commit;
  row.title_len = text_length (info->title);
  row.body_len = text_length (info->body);
  row.is_draft = info->draft;
  row.source_id = ctx->source_id;

  *cr_id = uc_store_add_change_request (ctx->store, &row, &inserted, error);
  if (*cr_id <= 0)
    return FALSE;
  ctx->n_records++;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, info->created);
  _uc_import_note_time (ctx, info->updated);

  return add_links (imp, *cr_id, info->repo, info->number, info->title, "title", error) &&
         add_links (imp, *cr_id, info->repo, info->number, info->body, "body", error) &&
         add_links (imp, *cr_id, info->repo, info->number, info->branch, "branch", error);
}

static const char *
pull_state (const char *state,
            gboolean    merged,
            UcTime      merged_time,
            UcTime      closed_time)
{
  if (merged || merged_time > 0)
    return "merged";
  if (state != NULL && g_ascii_strcasecmp (state, "open") == 0)
    return "open";
  if ((state != NULL && g_ascii_strcasecmp (state, "closed") == 0) || closed_time > 0)
    return "closed";
  return "open";
}

static char *
nested_where (Rec        *r,
              const char *list,
              guint       index)
{
  /* Translators: where a record is, then a list member and a position */
  return g_strdup_printf (_("%s, %s[%u]"), r->where, list, index);
}

/* Perceval: the nested lists of a pull request or an issue. */
static gboolean
import_nested (GithubImporter  *imp,
               Rec             *r,
               JsonObject      *o,
               UcId             cr_id,
               UcId             item_id,
               GError         **error)
{
  static const char * const lists[] = { "reviews_data", "review_comments_data", "comments_data" };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *array = get_array (r, o, lists[l]);

      if (array == NULL)
        continue;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *n = json_array_get_element (array, i);
          g_auto(Rec) sub = { 0 };
          gboolean ok;

          rec_init (&sub, imp, nested_where (r, lists[l], i));
          if (!_uc_import_tick (imp->ctx, progress_fraction (imp), error))
            return FALSE;
          if (!JSON_NODE_HOLDS_OBJECT (n))
            {
              if (!rec_fail_with (&sub, g_strdup_printf (_("the element is %s, not an object"),
                                                         describe_node (n)), error))
                return FALSE;
              continue;
            }
          if (l == 0 && cr_id > 0)
            ok = import_review (imp, &sub, json_node_get_object (n), cr_id, error);
          else if (l == 1 && cr_id > 0)
            ok = import_review_comment (imp, &sub, json_node_get_object (n), cr_id, error);
          else if (l == 2)
            ok = import_issue_comment (imp, &sub, json_node_get_object (n), cr_id, item_id, error);
          else
            ok = TRUE;
          if (!ok)
            return FALSE;
        }
    }
  return TRUE;
}

/* A REST pull request (list item or single), maybe with Perceval's extras. */
static gboolean
import_pull (GithubImporter  *imp,
             Rec             *r,
             JsonObject      *p,
             const char      *origin,
             GError         **error)
{
  PullInfo info = { 0 };
  JsonObject *head, *base, *base_repo;
  JsonArray *commits_data;
  g_autofree char *repo = NULL;
  gint64 url_number = 0;
  gboolean merged;
  const char *state;
  UcId cr_id = 0;

  info.number = get_int (r, p, "number", 0);
  info.created = get_time (r, p, "created_at");
  info.updated = get_time (r, p, "updated_at");
  info.closed = get_time (r, p, "closed_at");
  info.merged = get_time (r, p, "merged_at");
  merged = get_bool (r, p, "merged");
  state = get_string (r, p, "state");
  info.draft = get_bool (r, p, "draft");
  info.title = get_string (r, p, "title");
  info.body = get_string (r, p, "body");
  info.additions = get_int (r, p, "additions", -1);
  info.deletions = get_int (r, p, "deletions", -1);
  info.commits = get_int (r, p, "commits", -1);
  commits_data = get_array (r, p, "commits_data");
  head = get_object (r, p, "head");
  base = get_object (r, p, "base");
  base_repo = get_object (r, base, "repo");
  info.branch = get_string (r, head, "ref");
  get_user (r, p, "user", "user_data", &info.author);
  get_user (r, p, "merged_by", "merged_by_data", &info.merged_by);
  repo = record_repo (get_string (r, base_repo, "full_name"), get_string (r, p, "url"),
                      get_string (r, p, "html_url"), origin, &url_number);
  if (r->problem != NULL)
    return rec_fail (r, error);
  if (info.number <= 0)
    return rec_fail_with (r, g_strdup (_("the pull request has no “number”")), error);
  if (info.created == 0)
    return rec_fail_with (r, g_strdup_printf (_("pull request #%" G_GINT64_FORMAT " has no “created_at”"),
                                              info.number), error);
  if (repo == NULL)
    return rec_fail_with (r, g_strdup_printf (_("pull request #%" G_GINT64_FORMAT " does not say which repository it belongs to (no base.repo, url or html_url)"),
                                              info.number), error);
  if (info.commits < 0 && commits_data != NULL)
    info.commits = json_array_get_length (commits_data);

  info.repo = repo;
  info.state = pull_state (state, merged, info.merged, info.closed);
  /* Some exports say merged without a merge time: the close is the merge. */
  if (g_str_equal (info.state, "merged") && info.merged == 0)
    info.merged = info.closed;

  if (!store_pull (imp, &info, &cr_id, error))
    return FALSE;
  return import_nested (imp, r, p, cr_id, 0, error);
}

/* ---- issues ---- */

static void
issue_info_clear (IssueInfo *info)
{
  g_clear_pointer (&info->labels, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IssueInfo, issue_info_clear)

static void
collect_labels (Rec        *r,
                JsonObject *o,
                GPtrArray  *labels)
{
  JsonArray *array = get_array (r, o, "labels");

  if (array == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = get_name (r, element_node (array, i), "name", "labels");

      if (name != NULL)
        g_ptr_array_add (labels, (gpointer) name);
    }
}

/* A REST issue (plain or a pull request's) into @info; FALSE with a
 * problem in @r when it is not usable. */
static gboolean
read_issue (Rec        *r,
            JsonObject *i,
            const char *origin,
            IssueInfo  *info,
            char      **repo)
{
  JsonArray *assignees;
  JsonNode *type;
  const char *state;
  gint64 url_number = 0;

  info->number = get_int (r, i, "number", 0);
  info->created = get_time (r, i, "created_at");
  info->updated = get_time (r, i, "updated_at");
  info->closed_time = get_time (r, i, "closed_at");
  info->title = get_string (r, i, "title");
  info->body = get_string (r, i, "body");
  info->state_reason = get_string (r, i, "state_reason");
  state = get_string (r, i, "state");
  info->closed = state != NULL ? g_ascii_strcasecmp (state, "closed") == 0 : info->closed_time > 0;
  get_user (r, i, "user", "user_data", &info->reporter);
  get_user (r, i, "assignee", "assignee_data", &info->assignee);
  assignees = get_array (r, i, "assignees");
  info->n_assignees = assignees != NULL ? json_array_get_length (assignees) : 0;
  if (info->assignee.login == NULL && info->n_assignees > 0)
    {
      JsonNode *first = json_array_get_element (assignees, 0);

      info->assignee.login = get_name (r, first, "login", "assignees");
    }
  if (info->assignee.login != NULL && info->n_assignees == 0)
    info->n_assignees = 1;
  type = member (i, "type");
  if (type != NULL)
    info->native_type = get_name (r, type, "name", "type");
  info->labels = g_ptr_array_new ();
  collect_labels (r, i, info->labels);
  *repo = record_repo (NULL, get_string (r, i, "repository_url"), get_string (r, i, "url"),
                       origin, &url_number);
  if (*repo == NULL)
    *repo = record_repo (NULL, get_string (r, i, "html_url"), NULL, NULL, NULL);
  if (r->problem != NULL)
    return FALSE;
  if (info->number <= 0)
    {
      rec_problem (r, g_strdup (_("the issue has no “number”")));
      return FALSE;
    }
  if (info->created == 0)
    {
      rec_problem (r, g_strdup_printf (_("issue #%" G_GINT64_FORMAT " has no “created_at”"),
                                       info->number));
      return FALSE;
    }
  if (*repo == NULL)
    {
      rec_problem (r, g_strdup_printf (_("issue #%" G_GINT64_FORMAT " does not say which repository it belongs to (no repository_url, url or html_url)"),
                                       info->number));
      return FALSE;
    }
  info->repo = *repo;
  return TRUE;
}

/* A plain issue (pass 1), or a pull request's issue (pass 2): that one
 * only becomes a change request when no pull object described it. */
static gboolean
import_issue (GithubImporter  *imp,
              Rec             *r,
              JsonObject      *i,
              const char      *origin,
              GError         **error)
{
  g_auto(IssueInfo) info = { 0 };
  g_autofree char *repo = NULL;
  JsonObject *pr = get_object (r, i, "pull_request");
  UcId item_id = 0, cr_id = 0;

  if (!read_issue (r, i, origin, &info, &repo))
    return rec_fail (r, error);

  if (pr == NULL)
    {
      if (!store_item (imp, r, &info, &item_id, error))
        return FALSE;
      return import_nested (imp, r, i, 0, item_id, error);
    }

  cr_id = find_cr (imp, repo, info.number);
  if (cr_id > 0)
    imp->ctx->n_records++;
  else
    {
      PullInfo pull = { 0 };
      UcTime merged = get_time (r, pr, "merged_at");

      if (r->problem != NULL)
        return rec_fail (r, error);
      pull.repo = repo;
      pull.number = info.number;
      pull.author = info.reporter;
      pull.state = pull_state (info.closed ? "closed" : "open", FALSE, merged, info.closed_time);
      pull.created = info.created;
      pull.updated = info.updated;
      pull.merged = merged;
      pull.closed = info.closed_time;
      pull.additions = pull.deletions = pull.commits = -1;
      pull.title = info.title;
      pull.body = info.body;
      pull.draft = get_bool (r, i, "draft");
      if (!store_pull (imp, &pull, &cr_id, error))
        return FALSE;
    }
  return import_nested (imp, r, i, cr_id, 0, error);
}

/* ---- events ---- */

static void
queue_event (GithubImporter *imp,
             UcId            item_id,
             const char     *ext_id,
             UcId            actor,
             UcTime          time,
             EventKind       kind)
{
  PendingEvent ev = {
    .item_id = item_id,
    .time = time,
    .seq = imp->event_seq++,
    .actor = actor,
    .ext_id = g_string_chunk_insert_const (imp->strings, ext_id),
    .kind = kind,
  };

  g_array_append_val (imp->events, ev);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const PendingEvent *x = a, *y = b;

  if (x->item_id != y->item_id)
    return x->item_id < y->item_id ? -1 : 1;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->seq < y->seq ? -1 : (x->seq > y->seq ? 1 : 0);
}

typedef struct
{
  gboolean closed;
  int      doing_labels;
  int      assignees;
  gboolean column_doing;
} ItemState;

static void
item_status (const ItemState  *s,
             const char      **status,
             int              *category)
{
  if (s->closed)
    *status = "closed", *category = UC_STATUS_DONE;
  else if (s->doing_labels > 0 || s->assignees > 0 || s->column_doing)
    *status = "in progress", *category = UC_STATUS_DOING;
  else
    *status = "open", *category = UC_STATUS_TODO;
}

/* Replay each issue's events in time order into status changes. */
static gboolean
flush_events (GithubImporter  *imp,
              GError         **error)
{
  UcImportContext *ctx = imp->ctx;
  ItemState state = { 0 };
  UcId current = 0;

  g_array_sort (imp->events, compare_events);
  for (guint i = 0; i < imp->events->len; i++)
    {
      const PendingEvent *ev = &g_array_index (imp->events, PendingEvent, i);
      const char *from, *to;
      int from_cat, to_cat;
      gboolean always = FALSE;

      if (ev->item_id != current)
        {
          memset (&state, 0, sizeof state);
          current = ev->item_id;
        }

      switch (ev->kind)
        {
        case EV_CLOSE:
          state.closed = FALSE;
          always = TRUE;
          break;
        case EV_REOPEN:
          state.closed = TRUE;
          always = TRUE;
          break;
        default:
          break;
        }
      item_status (&state, &from, &from_cat);
      switch (ev->kind)
        {
        case EV_CLOSE: state.closed = TRUE; break;
        case EV_REOPEN: state.closed = FALSE; break;
        case EV_DOING_ON: state.doing_labels++; break;
        case EV_DOING_OFF: state.doing_labels = MAX (0, state.doing_labels - 1); break;
        case EV_ASSIGN: state.assignees++; break;
        case EV_UNASSIGN: state.assignees = MAX (0, state.assignees - 1); break;
        case EV_COLUMN_DOING: state.column_doing = TRUE; break;
        case EV_COLUMN_OTHER: state.column_doing = FALSE; break;
        default: g_assert_not_reached ();
        }
      item_status (&state, &to, &to_cat);

      if (always || !g_str_equal (from, to))
        {
          UcStatusChangeRow row = {
            .item_id = ev->item_id,
            .ext_id = ev->ext_id,
            .author_identity = ev->actor,
            .time = ev->time,
            .from_status = from,
            .to_status = to,
            .from_category = from_cat,
            .to_category = to_cat,
            .source_id = ctx->source_id,
          };
          gboolean inserted = FALSE;

          if (uc_store_add_status_change (ctx->store, &row, &inserted, error) <= 0)
            return FALSE;
          if (inserted)
            ctx->n_new++;
        }
      if (!_uc_import_tick (ctx, progress_fraction (imp), error))
        return FALSE;
    }
  g_array_set_size (imp->events, 0);
  return TRUE;
}

/* What an event name means for the status, or FALSE when nothing. */
static gboolean
event_kind (const char *event,
            const char *label,
            const char *column,
            EventKind  *kind)
{
  if (g_str_equal (event, "closed") || g_str_equal (event, "ClosedEvent"))
    *kind = EV_CLOSE;
  else if (g_str_equal (event, "reopened") || g_str_equal (event, "ReopenedEvent"))
    *kind = EV_REOPEN;
  else if (g_str_equal (event, "assigned") || g_str_equal (event, "AssignedEvent"))
    *kind = EV_ASSIGN;
  else if (g_str_equal (event, "unassigned") || g_str_equal (event, "UnassignedEvent"))
    *kind = EV_UNASSIGN;
  else if ((g_str_equal (event, "labeled") || g_str_equal (event, "LabeledEvent")) &&
           label != NULL && label_is_doing (label))
    *kind = EV_DOING_ON;
  else if ((g_str_equal (event, "unlabeled") || g_str_equal (event, "UnlabeledEvent")) &&
           label != NULL && label_is_doing (label))
    *kind = EV_DOING_OFF;
  else if (g_str_equal (event, "moved_columns_in_project") ||
           g_str_equal (event, "added_to_project") ||
           g_str_equal (event, "MovedColumnsInProjectEvent") ||
           g_str_equal (event, "AddedToProjectEvent"))
    *kind = column_is_doing (column) ? EV_COLUMN_DOING : EV_COLUMN_OTHER;
  else
    return FALSE;
  return TRUE;
}

/* A REST issue event. Only repository-level exports (/issues/events) say
 * which issue an event belongs to, in its "issue". */
static gboolean
import_event (GithubImporter  *imp,
              Rec             *r,
              JsonObject      *e,
              GError         **error)
{
  const char *event = get_string (r, e, "event");
  JsonObject *issue = get_object (r, e, "issue");
  JsonObject *label = get_object (r, e, "label");
  JsonObject *card = get_object (r, e, "project_card");
  const char *label_name = get_string (r, label, "name");
  const char *column = get_string (r, card, "column_name");
  gint64 id = get_int (r, e, "id", 0);
  UcTime time = get_time (r, e, "created_at");
  g_autofree char *ext_id = NULL;
  g_autofree char *repo = NULL;
  UserInfo actor;
  EventKind kind;
  UcId item_id = 0, actor_id = 0;

  get_user (r, e, "actor", NULL, &actor);
  if (r->problem != NULL)
    return rec_fail (r, error);
  if (event == NULL || !event_kind (event, label_name, column, &kind))
    return TRUE;   /* not about the status */

  if (id <= 0)
    id = _uc_github_node_database_id (get_string (r, e, "node_id"));
  if (id <= 0)
    return rec_fail_with (r, g_strdup_printf (_("the “%s” event has no “id”"), event), error);
  if (time == 0)
    return rec_fail_with (r, g_strdup_printf (_("event %" G_GINT64_FORMAT " has no “created_at”"), id),
                          error);
  if (issue == NULL)
    return rec_fail_with (r, g_strdup_printf (_("event %" G_GINT64_FORMAT " does not say which issue it belongs to (export the repository's /issues/events, whose events include their issue)"),
                                              id), error);

  if (has (issue, "pull_request") && member (issue, "pull_request") != NULL)
    {
      imp->ctx->n_records++;
      return TRUE;   /* a pull request's state comes from the pull itself */
    }

  {
    g_auto(IssueInfo) info = { 0 };
    g_auto(Rec) sub = { 0 };

    rec_init (&sub, imp, g_strdup_printf (_("%s, issue"), r->where));
    if (!read_issue (&sub, issue, NULL, &info, &repo))
      return rec_fail (&sub, error);
    item_id = find_item (imp, repo, info.number);
    /* The issue as the event shows it, unless it was already imported. */
    if (item_id <= 0 && !store_item (imp, &sub, &info, &item_id, error))
      return FALSE;
  }

  if (!user_identity (imp, &actor, TRUE, &actor_id, error))
    return FALSE;
  ext_id = g_strdup_printf ("github:event:%" G_GINT64_FORMAT, id);
  queue_event (imp, item_id, ext_id, actor_id, time, kind);
  imp->ctx->n_records++;
  _uc_import_note_time (imp->ctx, time);
  return TRUE;
}

/* ---- GraphQL timelines ---- */

/* The pull request or issue a timeline page is about. */
static gboolean
timeline_target (Rec        *r,
                 JsonObject *repository,
                 JsonObject *container,
                 JsonArray  *nodes,
                 char      **repo,
                 gint64     *number)
{
  const char *name = get_string (r, repository, "nameWithOwner");
  gint64 n = get_int (r, container, "number", 0);

  *repo = NULL;
  *number = 0;
  if (name != NULL && n > 0 && strchr (name, '/') != NULL)
    {
      *repo = g_strdup (name);
      *number = n;
      return TRUE;
    }
  if (_uc_github_parse_url (get_string (r, container, "url"), repo, number, NULL) && *number > 0)
    return TRUE;
  g_clear_pointer (repo, g_free);

  for (guint i = 0; nodes != NULL && i < json_array_get_length (nodes); i++)
    {
      JsonNode *n_node = json_array_get_element (nodes, i);
      JsonObject *node, *pr;

      if (!JSON_NODE_HOLDS_OBJECT (n_node))
        continue;
      node = json_node_get_object (n_node);
      if (has (node, "node") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (node, "node")))
        node = json_object_get_object_member (node, "node");
      pr = get_object (r, node, "pullRequest");
      if (_uc_github_parse_url (get_string (r, pr, "url"), repo, number, NULL) && *number > 0)
        return TRUE;
      g_clear_pointer (repo, g_free);
      if (_uc_github_parse_url (get_string (r, node, "url"), repo, number, NULL) && *number > 0)
        return TRUE;
      g_clear_pointer (repo, g_free);
    }
  return FALSE;
}

/* The database id of a timeline node: its databaseId, its node id, or
 * the number in its URL's anchor. */
static gint64
timeline_node_id (Rec        *r,
                  JsonObject *node,
                  const char *anchor_prefix)
{
  g_autofree char *repo = NULL;
  g_autofree char *anchor = NULL;
  gint64 number = 0;
  gint64 id = get_int (r, node, "databaseId", 0);

  if (id > 0)
    return id;
  if (_uc_github_parse_url (get_string (r, node, "url"), &repo, &number, &anchor))
    {
      id = _uc_github_anchor_id (anchor, anchor_prefix);
      if (id > 0)
        return id;
    }
  return _uc_github_node_database_id (get_string (r, node, "id"));
}

static gboolean
timeline_pull_snapshot (GithubImporter  *imp,
                        Rec             *r,
                        const char      *repo,
                        gint64           number,
                        JsonArray       *nodes,
                        UcId            *cr_id,
                        GError         **error)
{
  PullInfo info = { 0 };
  JsonObject *snapshot = NULL;

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonNode *n = json_array_get_element (nodes, i);
      JsonObject *node;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        continue;
      node = json_node_get_object (n);
      if (snapshot == NULL)
        snapshot = get_object (r, node, "pullRequest");
      type = get_string (r, node, "eventType");
      if (type == NULL)
        type = get_string (r, node, "__typename");
      if (g_strcmp0 (type, "MergedEvent") == 0)
        get_user (r, node, "actor", NULL, &info.merged_by);
    }
  if (r->problem != NULL)
    return rec_fail (r, error);
  if (snapshot == NULL)
    return rec_fail_with (r, g_strdup_printf (_("the timeline is about pull request %s#%" G_GINT64_FORMAT ", which is neither in this import nor in the workspace"),
                                              repo, number), error);

  info.repo = repo;
  info.number = number;
  info.created = get_time (r, snapshot, "createdAt");
  info.updated = get_time (r, snapshot, "updatedAt");
  info.closed = get_time (r, snapshot, "closedAt");
  info.merged = get_time (r, snapshot, "mergedAt");
  info.state = pull_state (get_bool (r, snapshot, "closed") ? "closed" : "open",
                           get_bool (r, snapshot, "merged"), info.merged, info.closed);
  if (g_str_equal (info.state, "merged") && info.merged == 0)
    info.merged = info.closed;
  info.additions = info.deletions = info.commits = -1;
  if (r->problem != NULL)
    return rec_fail (r, error);
  if (info.created == 0)
    return rec_fail_with (r, g_strdup_printf (_("pull request %s#%" G_GINT64_FORMAT " has no “createdAt”"),
                                              repo, number), error);
  return store_pull (imp, &info, cr_id, error);
}

static gboolean
import_timeline (GithubImporter  *imp,
                 Rec             *r,
                 JsonObject      *page,
                 GError         **error)
{
  JsonObject *data = get_object (r, page, "data");
  JsonObject *repository = get_object (r, data, "repository");
  JsonObject *container = get_object (r, repository, "pullRequest");
  JsonObject *timeline;
  JsonArray *nodes;
  g_autofree char *repo = NULL;
  gboolean is_pr = container != NULL;
  gint64 number = 0;
  UcId cr_id = 0, item_id = 0;
  UcTime last_commit = 0;

  if (container == NULL)
    container = get_object (r, repository, "issue");
  timeline = get_object (r, container, "timelineItems");
  if (timeline == NULL)
    timeline = get_object (r, container, "timeline");
  nodes = get_array (r, timeline, "nodes");
  if (nodes == NULL)
    nodes = get_array (r, timeline, "edges");
  if (r->problem != NULL)
    return rec_fail (r, error);
  if (nodes == NULL)
    return TRUE;

  if (!timeline_target (r, repository, container, nodes, &repo, &number))
    {
      if (r->problem != NULL)
        return rec_fail (r, error);
      if (json_array_get_length (nodes) == 0)
        return TRUE;
      return rec_fail_with (r, g_strdup (_("the timeline page does not say which issue or pull request it belongs to (none of its items has a url)")),
                            error);
    }

  if (is_pr)
    {
      cr_id = find_cr (imp, repo, number);
      if (cr_id <= 0)
        {
          if (!timeline_pull_snapshot (imp, r, repo, number, nodes, &cr_id, error))
            return FALSE;
          if (cr_id <= 0)
            return TRUE;   /* skipped */
        }
    }
  else
    {
      item_id = find_item (imp, repo, number);
      if (item_id <= 0)
        cr_id = find_cr (imp, repo, number);
      if (item_id <= 0 && cr_id <= 0)
        return rec_fail_with (r, g_strdup_printf (_("the timeline is about issue %s#%" G_GINT64_FORMAT ", which is neither in this import nor in the workspace"),
                                                  repo, number), error);
    }

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonNode *n = json_array_get_element (nodes, i);
      g_auto(Rec) sub = { 0 };
      JsonObject *node;
      const char *type;
      gboolean ok = TRUE;

      rec_init (&sub, imp, nested_where (r, "nodes", i));
      if (!_uc_import_tick (imp->ctx, progress_fraction (imp), error))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (n))
        continue;
      node = json_node_get_object (n);
      if (has (node, "node") && member (node, "node") != NULL &&
          JSON_NODE_HOLDS_OBJECT (member (node, "node")))
        node = json_object_get_object_member (node, "node");
      type = get_string (&sub, node, "eventType");
      if (type == NULL)
        type = get_string (&sub, node, "__typename");
      if (type == NULL)
        continue;

      if (g_str_equal (type, "PullRequestReview") && cr_id > 0)
        {
          const char *state_text = get_string (&sub, node, "state");
          const char *body = get_string (&sub, node, "body");
          UcTime time = get_time (&sub, node, "submittedAt");
          gint64 id = timeline_node_id (&sub, node, "pullrequestreview-");
          g_autofree char *ext_id = NULL;
          UcReviewState state = UC_REVIEW_COMMENTED;
          gboolean pending = FALSE;
          UserInfo reviewer;

          if (time == 0)
            time = get_time (&sub, node, "createdAt");
          get_user (&sub, node, "author", NULL, &reviewer);
          if (sub.problem != NULL)
            ok = rec_fail (&sub, error);
          else if (state_text == NULL || !parse_review_state (state_text, &state, &pending))
            ok = rec_fail_with (&sub, g_strdup_printf (_("unknown review state “%.40s”"),
                                                       state_text ? state_text : ""), error);
          else if (pending)
            ok = TRUE;
          else if (id <= 0 || time == 0)
            ok = rec_fail_with (&sub, g_strdup (_("the review has no id or no time")), error);
          else
            {
              ext_id = g_strdup_printf ("github:review:%" G_GINT64_FORMAT, id);
              ok = store_review (imp, cr_id, ext_id, &reviewer, state, time, body, error);
            }
        }
      else if (g_str_equal (type, "PullRequestCommit") && cr_id > 0)
        {
          JsonObject *commit = get_object (&sub, node, "commit");
          UcTime time = get_time (&sub, commit, "committedDate");

          if (time == 0)
            time = get_time (&sub, commit, "authoredDate");
          if (sub.problem != NULL)
            ok = rec_fail (&sub, error);
          else
            last_commit = MAX (last_commit, time);
        }
      else if (g_str_equal (type, "IssueComment"))
        {
          CommentInfo info = { 0 };
          gint64 id = timeline_node_id (&sub, node, "issuecomment-");
          g_autofree char *ext_id = NULL;

          info.time = get_time (&sub, node, "createdAt");
          info.body = get_string (&sub, node, "body");
          get_user (&sub, node, "author", NULL, &info.author);
          if (sub.problem != NULL)
            ok = rec_fail (&sub, error);
          else if (id <= 0 || info.time == 0)
            ok = rec_fail_with (&sub, g_strdup (_("the comment has no id or no time")), error);
          else
            {
              ext_id = g_strdup_printf ("github:issuecomment:%" G_GINT64_FORMAT, id);
              info.ext_id = ext_id;
              info.cr_id = item_id > 0 ? 0 : cr_id;
              info.item_id = item_id;
              ok = store_comment (imp, &info, error);
            }
        }
      else if (item_id > 0)
        {
          JsonObject *label = get_object (&sub, node, "label");
          const char *label_name = get_string (&sub, label, "name");
          const char *column = get_string (&sub, node, "projectColumnName");
          gint64 id = timeline_node_id (&sub, node, "event-");
          UcTime time = get_time (&sub, node, "createdAt");
          g_autofree char *ext_id = NULL;
          UserInfo actor;
          EventKind kind;
          UcId actor_id = 0;

          get_user (&sub, node, "actor", NULL, &actor);
          if (!event_kind (type, label_name, column, &kind))
            ok = TRUE;
          else if (sub.problem != NULL)
            ok = rec_fail (&sub, error);
          else if (time == 0)
            ok = rec_fail_with (&sub, g_strdup_printf (_("the “%s” has no “createdAt”"), type), error);
          else
            {
              if (id > 0)
                ext_id = g_strdup_printf ("github:event:%" G_GINT64_FORMAT, id);
              else if (get_string (&sub, node, "id") != NULL)
                ext_id = g_strdup_printf ("github:node:%s", get_string (&sub, node, "id"));
              else
                ext_id = g_strdup_printf ("github:%s#%" G_GINT64_FORMAT ":event:%s:%" G_GINT64_FORMAT,
                                          repo, number, type, time);
              if (!user_identity (imp, &actor, TRUE, &actor_id, error))
                return FALSE;
              queue_event (imp, item_id, ext_id, actor_id, time, kind);
              imp->ctx->n_records++;
              _uc_import_note_time (imp->ctx, time);
            }
        }
      if (!ok)
        return FALSE;
    }

  /* The pull request's last commit, when the timeline lists commits. */
  if (last_commit > 0)
    {
      sqlite3_stmt *stmt = uc_store_prepare (imp->ctx->store,
                                             "UPDATE change_request SET last_commit_time ="
                                             " MAX (IFNULL (last_commit_time, 0), ?2) WHERE id = ?1",
                                             error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, cr_id);
      sqlite3_bind_int64 (stmt, 2, last_commit);
      if (!uc_store_step_done (imp->ctx->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the archive ---- */

/* A name for a comment without an id, unique within its record. */
static char *
synthetic_id (GHashTable *seen,
              char       *base)
{
  char *id = base;

  for (guint k = 2; g_hash_table_contains (seen, id); k++)
    {
      if (id != base)
        g_free (id);
      id = g_strdup_printf ("%s:%u", base, k);
    }
  if (id != base)
    g_free (base);
  g_hash_table_add (seen, id);
  return id;
}

static gboolean
import_archive_comments (GithubImporter  *imp,
                         Rec             *r,
                         JsonObject      *o,
                         const char      *repo,
                         gint64           number,
                         UcId             cr_id,
                         UcId             item_id,
                         GError         **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *comments = get_array (r, o, "comments");

  if (r->problem != NULL)
    return rec_fail (r, error);
  if (comments == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (comments); i++)
    {
      JsonNode *n = element_node (comments, i);
      g_auto(Rec) sub = { 0 };
      CommentInfo info = { 0 };
      JsonObject *c;
      const char *id;

      rec_init (&sub, imp, nested_where (r, "comments", i));
      if (!_uc_import_tick (imp->ctx, progress_fraction (imp), error))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          if (!rec_fail_with (&sub, g_strdup_printf (_("the element is %s, not an object"),
                                                     describe_node (n)), error))
            return FALSE;
          continue;
        }
      c = json_node_get_object (n);
      info.time = get_time (&sub, c, "createdAt");
      info.body = get_string (&sub, c, "body");
      get_user (&sub, c, "author", NULL, &info.author);
      id = get_string (&sub, c, "id");
      if (sub.problem != NULL)
        {
          if (!rec_fail (&sub, error))
            return FALSE;
          continue;
        }
      if (info.time == 0)
        {
          if (!rec_fail_with (&sub, g_strdup (_("the comment has no “createdAt”")), error))
            return FALSE;
          continue;
        }
      {
        gint64 db_id = get_int (&sub, c, "databaseId", 0);
        g_autofree char *ext_id = NULL;

        if (db_id <= 0)
          db_id = _uc_github_node_database_id (id);
        if (db_id <= 0)
          db_id = timeline_node_id (&sub, c, "issuecomment-");
        if (db_id > 0)
          ext_id = g_strdup_printf ("github:issuecomment:%" G_GINT64_FORMAT, db_id);
        else
          ext_id = g_strdup_printf ("github:%s#%" G_GINT64_FORMAT ":comment:%" G_GINT64_FORMAT ":%s",
                                    repo, number, info.time,
                                    info.author.login ? info.author.login : "ghost");
        info.ext_id = synthetic_id (seen, g_steal_pointer (&ext_id));
        info.cr_id = cr_id;
        info.item_id = item_id;
        if (!store_comment (imp, &info, error))
          return FALSE;
      }
    }
  return TRUE;
}

static char *
archive_repo (GithubImporter *imp,
              Rec            *r,
              JsonObject     *o,
              gint64         *url_number)
{
  const char *base = get_name (r, member (o, "baseRepository"), "nameWithOwner", "baseRepository");
  char *repo = record_repo (NULL, get_string (r, o, "url"), NULL, NULL, url_number);

  if (base != NULL && strchr (base, '/') != NULL)
    {
      g_free (repo);
      return g_strdup (base);
    }
  if (repo == NULL && imp->archive_repo != NULL)
    repo = g_strdup (imp->archive_repo);
  return repo;
}

static gboolean
import_archive_issue (GithubImporter  *imp,
                      Rec             *r,
                      JsonObject      *i,
                      GError         **error)
{
  g_auto(IssueInfo) info = { 0 };
  g_autofree char *repo = NULL;
  JsonArray *assignees;
  const char *state;
  gint64 url_number = 0;
  UcId item_id = 0;

  info.number = get_int (r, i, "number", 0);
  info.title = get_string (r, i, "title");
  info.body = get_string (r, i, "body");
  info.created = get_time (r, i, "createdAt");
  info.updated = get_time (r, i, "updatedAt");
  info.closed_time = get_time (r, i, "closedAt");
  state = get_string (r, i, "state");
  info.closed = state != NULL ? g_ascii_strcasecmp (state, "CLOSED") == 0 : info.closed_time > 0;
  info.state_reason = get_string (r, i, "stateReason");
  if (info.state_reason != NULL)
    info.state_reason = g_ascii_strcasecmp (info.state_reason, "NOT_PLANNED") == 0 ? "not_planned"
                        : g_ascii_strcasecmp (info.state_reason, "DUPLICATE") == 0 ? "duplicate"
                        : "completed";
  get_user (r, i, "author", NULL, &info.reporter);
  assignees = get_array (r, i, "assignees");
  info.n_assignees = assignees != NULL ? json_array_get_length (assignees) : 0;
  if (info.n_assignees > 0)
    info.assignee.login = get_name (r, element_node (assignees, 0), "login", "assignees");
  info.labels = g_ptr_array_new ();
  collect_labels (r, i, info.labels);
  repo = archive_repo (imp, r, i, &url_number);
  if (r->problem != NULL)
    return rec_fail (r, error);
  if (info.number <= 0)
    return rec_fail_with (r, g_strdup (_("the issue has no “number”")), error);
  if (info.created == 0)
    return rec_fail_with (r, g_strdup_printf (_("issue #%" G_GINT64_FORMAT " has no “createdAt”"),
                                              info.number), error);
  if (repo == NULL)
    return rec_fail_with (r, g_strdup_printf (_("issue #%" G_GINT64_FORMAT " does not say which repository it belongs to (no “url”, and no “repo” before it)"),
                                              info.number), error);
  info.repo = repo;
  if (!store_item (imp, r, &info, &item_id, error))
    return FALSE;
  return import_archive_comments (imp, r, i, repo, info.number, 0, item_id, error);
}

static gboolean
import_archive_pull (GithubImporter  *imp,
                     Rec             *r,
                     JsonObject      *p,
                     GError         **error)
{
  PullInfo info = { 0 };
  g_autofree char *repo = NULL;
  JsonArray *reviews;
  JsonNode *commits;
  const char *state;
  gint64 url_number = 0;
  UcId cr_id = 0;

  info.number = get_int (r, p, "number", 0);
  info.title = get_string (r, p, "title");
  info.body = get_string (r, p, "body");
  info.created = get_time (r, p, "createdAt");
  info.updated = get_time (r, p, "updatedAt");
  info.closed = get_time (r, p, "closedAt");
  info.merged = get_time (r, p, "mergedAt");
  info.branch = get_string (r, p, "headRefName");
  info.draft = get_bool (r, p, "isDraft");
  info.additions = get_int (r, p, "additions", -1);
  info.deletions = get_int (r, p, "deletions", -1);
  commits = member (p, "commits");
  if (commits != NULL && (JSON_NODE_HOLDS_OBJECT (commits) || JSON_NODE_HOLDS_ARRAY (commits)))
    {
      /* gh's list of commits, or a GraphQL connection (maybe only its
       * totalCount): their number and the latest commit time. */
      JsonArray *list = get_array (r, p, "commits");

      info.commits = JSON_NODE_HOLDS_OBJECT (commits)
                     ? get_int (r, json_node_get_object (commits), "totalCount", -1) : -1;
      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        {
          JsonNode *cn = element_node (list, i);
          JsonObject *c, *inner;
          UcTime t;

          if (!JSON_NODE_HOLDS_OBJECT (cn))
            continue;
          c = json_node_get_object (cn);
          inner = get_object (r, c, "commit");
          if (inner != NULL)
            c = inner;
          t = get_time (r, c, "committedDate");
          if (t == 0)
            t = get_time (r, c, "authoredDate");
          info.last_commit = MAX (info.last_commit, t);
        }
      if (info.commits < 0 && list != NULL)
        info.commits = json_array_get_length (list);
    }
  else
    info.commits = get_int (r, p, "commits", -1);
  state = get_string (r, p, "state");
  get_user (r, p, "author", NULL, &info.author);
  get_user (r, p, "mergedBy", NULL, &info.merged_by);
  reviews = get_array (r, p, "reviews");
  repo = archive_repo (imp, r, p, &url_number);
  if (r->problem != NULL)
    return rec_fail (r, error);
  if (info.number <= 0)
    return rec_fail_with (r, g_strdup (_("the pull request has no “number”")), error);
  if (info.created == 0)
    return rec_fail_with (r, g_strdup_printf (_("pull request #%" G_GINT64_FORMAT " has no “createdAt”"),
                                              info.number), error);
  if (repo == NULL)
    return rec_fail_with (r, g_strdup_printf (_("pull request #%" G_GINT64_FORMAT " does not say which repository it belongs to (no “url”, and no “repo” before it)"),
                                              info.number), error);
  info.repo = repo;
  if (state != NULL && g_ascii_strcasecmp (state, "MERGED") == 0)
    info.state = "merged";
  else
    info.state = pull_state (state, FALSE, info.merged, info.closed);
  if (g_str_equal (info.state, "merged") && info.merged == 0)
    info.merged = info.closed;

  if (!store_pull (imp, &info, &cr_id, error))
    return FALSE;
  if (!import_archive_comments (imp, r, p, repo, info.number, cr_id, 0, error))
    return FALSE;

  for (guint i = 0; reviews != NULL && i < json_array_get_length (reviews); i++)
    {
      JsonNode *n = element_node (reviews, i);
      g_auto(Rec) sub = { 0 };
      g_autofree char *ext_id = NULL;
      JsonObject *rv;
      JsonArray *comments;
      const char *id, *state_text, *body;
      UcReviewState rstate = UC_REVIEW_COMMENTED;
      gboolean pending = FALSE;
      UserInfo reviewer;
      UcTime time;
      gint64 db_id;

      rec_init (&sub, imp, nested_where (r, "reviews", i));
      if (!_uc_import_tick (imp->ctx, progress_fraction (imp), error))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          if (!rec_fail_with (&sub, g_strdup_printf (_("the element is %s, not an object"),
                                                     describe_node (n)), error))
            return FALSE;
          continue;
        }
      rv = json_node_get_object (n);
      id = get_string (&sub, rv, "id");
      state_text = get_string (&sub, rv, "state");
      body = get_string (&sub, rv, "body");
      time = get_time (&sub, rv, "submittedAt");
      if (time == 0)
        time = get_time (&sub, rv, "createdAt");
      get_user (&sub, rv, "author", NULL, &reviewer);
      comments = get_array (&sub, rv, "comments");
      if (sub.problem != NULL)
        {
          if (!rec_fail (&sub, error))
            return FALSE;
          continue;
        }
      if (state_text == NULL || !parse_review_state (state_text, &rstate, &pending))
        {
          if (!rec_fail_with (&sub, g_strdup_printf (_("unknown review state “%.40s”"),
                                                     state_text ? state_text : ""), error))
            return FALSE;
          continue;
        }
      if (pending)
        continue;
      if (time == 0)
        {
          if (!rec_fail_with (&sub, g_strdup (_("the review has no “createdAt”")), error))
            return FALSE;
          continue;
        }
      db_id = get_int (&sub, rv, "databaseId", 0);
      if (db_id <= 0)
        db_id = _uc_github_node_database_id (id);
      if (db_id <= 0)
        db_id = timeline_node_id (&sub, rv, "pullrequestreview-");
      if (db_id > 0)
        ext_id = g_strdup_printf ("github:review:%" G_GINT64_FORMAT, db_id);
      else if (id != NULL)
        ext_id = g_strdup_printf ("github:node:%s", id);
      else
        ext_id = g_strdup_printf ("github:%s#%" G_GINT64_FORMAT ":review:%" G_GINT64_FORMAT ":%s",
                                  repo, info.number, time,
                                  reviewer.login ? reviewer.login : "ghost");
      if (!store_review (imp, cr_id, ext_id, &reviewer, rstate, time, body, error))
        return FALSE;

      /* The review's inline comments: by the reviewer, numbered. */
      for (guint k = 0; comments != NULL && k < json_array_get_length (comments); k++)
        {
          JsonNode *cn = element_node (comments, k);
          g_auto(Rec) csub = { 0 };
          g_autofree char *cext = NULL;
          g_autofree char *reply_ext = NULL;
          CommentInfo info_c = { 0 };
          JsonObject *c, *reply;
          gint64 c_id, reply_id = 0;

          rec_init (&csub, imp, nested_where (&sub, "comments", k));
          if (!_uc_import_tick (imp->ctx, progress_fraction (imp), error))
            return FALSE;
          if (!JSON_NODE_HOLDS_OBJECT (cn))
            {
              if (!rec_fail_with (&csub, g_strdup_printf (_("the element is %s, not an object"),
                                                          describe_node (cn)), error))
                return FALSE;
              continue;
            }
          c = json_node_get_object (cn);
          info_c.time = get_time (&csub, c, "createdAt");
          info_c.body = get_string (&csub, c, "body");
          if (has (c, "author"))
            get_user (&csub, c, "author", NULL, &info_c.author);
          else
            info_c.author = reviewer;
          c_id = get_int (&csub, c, "databaseId", 0);
          if (c_id <= 0)
            c_id = _uc_github_node_database_id (get_string (&csub, c, "id"));
          if (c_id <= 0)
            c_id = timeline_node_id (&csub, c, "discussion_r");
          /* GraphQL names the comment a reply answers. */
          reply = get_object (&csub, c, "replyTo");
          if (reply != NULL)
            {
              reply_id = get_int (&csub, reply, "databaseId", 0);
              if (reply_id <= 0)
                reply_id = _uc_github_node_database_id (get_string (&csub, reply, "id"));
            }
          if (csub.problem != NULL)
            {
              if (!rec_fail (&csub, error))
                return FALSE;
              continue;
            }
          if (info_c.time == 0)
            info_c.time = time;
          if (c_id > 0)
            cext = g_strdup_printf ("github:reviewcomment:%" G_GINT64_FORMAT, c_id);
          else
            cext = g_strdup_printf ("%s:comment:%u", ext_id, k + 1);
          if (reply_id > 0)
            reply_ext = g_strdup_printf ("github:reviewcomment:%" G_GINT64_FORMAT, reply_id);
          info_c.ext_id = cext;
          info_c.reply_to = reply_ext;
          info_c.cr_id = cr_id;
          info_c.review_comment = TRUE;
          if (!store_comment (imp, &info_c, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A GraphQL page of pull requests or issues:
 * {data: {repository: {nameWithOwner, pullRequests|issues: {nodes: […]}}}}. */
static gboolean
import_graphql_list (GithubImporter  *imp,
                     Rec             *r,
                     JsonObject      *page,
                     GError         **error)
{
  JsonObject *data = get_object (r, page, "data");
  JsonObject *repository = get_object (r, data, "repository");
  const char *name = get_string (r, repository, "nameWithOwner");
  static const char * const lists[] = { "pullRequests", "issues" };
  g_autofree char *saved = g_steal_pointer (&imp->archive_repo);
  gboolean ok = TRUE;

  if (r->problem != NULL)
    ok = rec_fail (r, error);
  if (name != NULL && strchr (name, '/') != NULL)
    imp->archive_repo = g_strdup (name);

  for (guint l = 0; ok && l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *nodes = get_array (r, repository, lists[l]);

      if (r->problem != NULL)
        {
          ok = rec_fail (r, error);
          break;
        }
      for (guint i = 0; ok && nodes != NULL && i < json_array_get_length (nodes); i++)
        {
          JsonNode *n = element_node (nodes, i);
          g_auto(Rec) sub = { 0 };

          rec_init (&sub, imp, nested_where (r, lists[l], i));
          if (!_uc_import_tick (imp->ctx, progress_fraction (imp), error))
            ok = FALSE;
          else if (!JSON_NODE_HOLDS_OBJECT (n))
            ok = rec_fail_with (&sub, g_strdup_printf (_("the element is %s, not an object"),
                                                       describe_node (n)), error);
          else if (l == 0)
            ok = import_archive_pull (imp, &sub, json_node_get_object (n), error);
          else
            ok = import_archive_issue (imp, &sub, json_node_get_object (n), error);
        }
    }

  g_free (imp->archive_repo);
  imp->archive_repo = g_steal_pointer (&saved);
  return ok;
}

/* ---- records ---- */

static Kind
classify (JsonObject *o)
{
  JsonNode *n;

  if (has (o, "backend_name") && has (o, "data"))
    return KIND_PERCEVAL;
  if (has (o, "data") && (n = member (o, "data")) != NULL && JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonNode *repository = member (json_node_get_object (n), "repository");

      if (repository == NULL || !JSON_NODE_HOLDS_OBJECT (repository))
        return KIND_IGNORED;
      if (has (json_node_get_object (repository), "pullRequests") ||
          has (json_node_get_object (repository), "issues"))
        return KIND_GRAPHQL_LIST;
      return KIND_TIMELINE;
    }
  if (has (o, "errors") && !has (o, "data") && !has (o, "number"))
    return KIND_GRAPHQL_ERROR;
  if (has (o, "head") && has (o, "base"))
    return KIND_PULL;
  if (has (o, "diff_hunk") || has (o, "pull_request_review_id"))
    return KIND_REVIEW_COMMENT;
  if (has (o, "pull_request_url") && has (o, "state") && !has (o, "number"))
    return KIND_REVIEW;
  if (has (o, "issue_url") && !has (o, "number") &&
      (has (o, "body") || has (o, "created_at")) &&
      (!has (o, "event") || ((n = member (o, "event")) != NULL &&
                             JSON_NODE_HOLDS_VALUE (n) &&
                             json_node_get_value_type (n) == G_TYPE_STRING &&
                             g_str_equal (json_node_get_string (n), "commented"))))
    return KIND_ISSUE_COMMENT;
  if (has (o, "event"))
    return KIND_EVENT;
  /* GraphQL-shaped (gh pr list --json, gh api graphql): camelCase. */
  if (has (o, "number") && has (o, "createdAt") && !has (o, "created_at"))
    {
      const char *typename = NULL;

      if ((n = member (o, "__typename")) != NULL && JSON_NODE_HOLDS_VALUE (n) &&
          json_node_get_value_type (n) == G_TYPE_STRING)
        typename = json_node_get_string (n);
      if (g_strcmp0 (typename, "PullRequest") == 0 || has (o, "headRefName") ||
          has (o, "baseRefName") || has (o, "mergedAt") || has (o, "mergedBy") ||
          has (o, "isDraft") || has (o, "reviews") || has (o, "headRefOid"))
        return KIND_GRAPHQL_PULL;
      if (has (o, "title"))
        return KIND_GRAPHQL_ISSUE;
    }
  if (has (o, "title") && (has (o, "number") || has (o, "repository_url")) &&
      (has (o, "repository_url") || has (o, "comments_url") || has (o, "html_url") ||
       has (o, "url") || has (o, "created_at")))
    return member (o, "pull_request") != NULL ? KIND_PR_ISSUE : KIND_ISSUE;
  if (has (o, "full_name") && has (o, "owner"))
    return KIND_REPO;
  return KIND_IGNORED;
}

static guint
kind_pass (Kind kind)
{
  switch (kind)
    {
    case KIND_PR_ISSUE:
      return 2;
    case KIND_REVIEW:
    case KIND_REVIEW_COMMENT:
    case KIND_ISSUE_COMMENT:
    case KIND_EVENT:
    case KIND_TIMELINE:
      return 3;
    case KIND_IGNORED:
    case KIND_PULL:
    case KIND_ISSUE:
    case KIND_REPO:
    case KIND_GRAPHQL_ERROR:
    case KIND_GRAPHQL_PULL:
    case KIND_GRAPHQL_ISSUE:
    case KIND_GRAPHQL_LIST:
    case KIND_PERCEVAL:
    default:
      return 1;
    }
}

static gboolean
import_repo_object (GithubImporter  *imp,
                    Rec             *r,
                    JsonObject      *o,
                    GError         **error)
{
  const char *name = get_string (r, o, "full_name");

  if (r->problem != NULL)
    return rec_fail (r, error);
  if (name == NULL || strchr (name, '/') == NULL)
    return TRUE;
  return find_repo (imp, name, TRUE, error) > 0;
}

static gboolean
import_object (GithubImporter  *imp,
               Rec             *r,
               JsonObject      *o,
               GError         **error)
{
  Kind kind = classify (o);
  guint pass = kind_pass (kind);
  const char *origin = NULL;

  if (kind == KIND_PERCEVAL)
    {
      const char *backend = get_string (r, o, "backend_name");
      const char *category = get_string (r, o, "category");
      JsonObject *data = get_object (r, o, "data");

      origin = get_string (r, o, "origin");
      if (r->problem != NULL)
        return imp->pass == 1 ? rec_fail (r, error) : TRUE;
      if (backend == NULL || g_ascii_strcasecmp (backend, "GitHub") != 0)
        return imp->pass == 1
               ? rec_fail_with (r, g_strdup_printf (_("a Perceval item of the “%.40s” backend, not GitHub"),
                                                    backend ? backend : ""), error)
               : TRUE;
      if (data == NULL)
        return imp->pass == 1
               ? rec_fail_with (r, g_strdup (_("the Perceval item has no “data”")), error)
               : TRUE;
      if (g_strcmp0 (category, "pull_request") == 0)
        kind = KIND_PULL;
      else if (g_strcmp0 (category, "issue") == 0)
        kind = member (data, "pull_request") != NULL ? KIND_PR_ISSUE : KIND_ISSUE;
      else if (g_strcmp0 (category, "repository") == 0)
        kind = KIND_REPO;
      else
        kind = KIND_IGNORED;
      pass = kind_pass (kind);
      o = data;
    }

  if (pass != imp->pass)
    {
      if (imp->pass == 1 && pass > 1)
        imp->needed[pass]++;
      return TRUE;
    }

  switch (kind)
    {
    case KIND_PULL:
      return import_pull (imp, r, o, origin, error);
    case KIND_ISSUE:
    case KIND_PR_ISSUE:
      return import_issue (imp, r, o, origin, error);
    case KIND_REVIEW:
      return import_review (imp, r, o, 0, error);
    case KIND_REVIEW_COMMENT:
      return import_review_comment (imp, r, o, 0, error);
    case KIND_ISSUE_COMMENT:
      return import_issue_comment (imp, r, o, 0, 0, error);
    case KIND_EVENT:
      return import_event (imp, r, o, error);
    case KIND_TIMELINE:
      return import_timeline (imp, r, o, error);
    case KIND_REPO:
      return import_repo_object (imp, r, o, error);
    case KIND_GRAPHQL_PULL:
      return import_archive_pull (imp, r, o, error);
    case KIND_GRAPHQL_ISSUE:
      return import_archive_issue (imp, r, o, error);
    case KIND_GRAPHQL_LIST:
      return import_graphql_list (imp, r, o, error);
    case KIND_GRAPHQL_ERROR:
      {
        JsonArray *errors = get_array (r, o, "errors");
        const char *message = NULL;

        if (errors != NULL && json_array_get_length (errors) > 0 &&
            JSON_NODE_HOLDS_OBJECT (json_array_get_element (errors, 0)))
          message = get_string (r, json_array_get_object_element (errors, 0), "message");
        return rec_fail_with (r, g_strdup_printf (_("the page is a GraphQL error response, not data: %.200s"),
                                                  message ? message : "?"), error);
      }
    case KIND_PERCEVAL:
    case KIND_IGNORED:
    default:
      return TRUE;
    }
}

static gboolean
import_archive_member (GithubImporter  *imp,
                       Rec             *r,
                       const char      *member_name,
                       JsonNode        *node,
                       GError         **error)
{
  if (g_str_equal (member_name, "repo"))
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          strchr (json_node_get_string (node), '/') != NULL)
        {
          g_free (imp->archive_repo);
          imp->archive_repo = g_strdup (json_node_get_string (node));
          return find_repo (imp, imp->archive_repo, TRUE, error) > 0;
        }
      return rec_fail_with (r, g_strdup_printf (_("“repo” is %s, not “owner/repository”"),
                                                describe_node (node)), error);
    }
  if (!g_str_equal (member_name, "issues") && !g_str_equal (member_name, "pulls"))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return rec_fail_with (r, g_strdup_printf (_("the element is %s, not an object"),
                                              describe_node (node)), error);
  if (g_str_equal (member_name, "issues"))
    return import_archive_issue (imp, r, json_node_get_object (node), error);
  return import_archive_pull (imp, r, json_node_get_object (node), error);
}

/* ---- sniffing ---- */

static const char *
skip_space_bom (const char *text,
                const char *end)
{
  if (end - text >= 3 && (guchar) text[0] == 0xEF && (guchar) text[1] == 0xBB &&
      (guchar) text[2] == 0xBF)
    text += 3;
  while (text < end && g_ascii_isspace (*text))
    text++;
  return text;
}

static gboolean
contains (const char *text,
          gsize       len,
          const char *needle)
{
  return g_strstr_len (text, (gssize) len, needle) != NULL;
}

/* The value of the first "backend_name" member, compared with @want. */
static int
perceval_backend_is (const char *text,
                     gsize       len,
                     const char *want)
{
  const char *p = g_strstr_len (text, (gssize) len, "\"backend_name\"");
  const char *end = text + len;
  gsize wlen = strlen (want);

  if (p == NULL)
    return -1;
  p += strlen ("\"backend_name\"");
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || *p != ':')
    return 0;
  p++;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || *p != '"')
    return 0;
  p++;
  return (gsize) (end - p) > wlen && strncmp (p, want, wlen) == 0 && p[wlen] == '"';
}

/* What a file's first bytes look like, with a confidence. */
static Shape
sniff (const char *head,
       gsize       len,
       double     *confidence)
{
  const char *end = head + len;
  const char *p = skip_space_bom (head, end);
  gboolean api, key;
  int backend;

  *confidence = 0.0;
  if (p >= end || (*p != '[' && *p != '{'))
    return SHAPE_NONE;
  len = (gsize) (end - p);

  backend = perceval_backend_is (p, len, "GitHub");
  if (backend == 1)
    {
      *confidence = 0.95;
      return SHAPE_PERCEVAL;
    }
  if (backend == 0)
    return SHAPE_NONE;   /* another Perceval backend */

  if (*p == '{' && contains (p, len, "\"repo\"") &&
      (contains (p, len, "\"issues\"") || contains (p, len, "\"pulls\"")) &&
      (contains (p, len, "\"magic\"") || contains (p, len, "\"headRefName\"")))
    {
      *confidence = 0.95;
      return SHAPE_ARCHIVE;
    }

  api = contains (p, len, "api.github.com/repos/") ||
        contains (p, len, "api.github.com\\/repos\\/") ||
        contains (p, len, "/api/v3/repos/");
  key = contains (p, len, "\"pull_request_url\"") || contains (p, len, "\"issue_url\"") ||
        contains (p, len, "\"diff_hunk\"") || contains (p, len, "\"pull_request_review_id\"") ||
        contains (p, len, "\"repository_url\"") || contains (p, len, "\"merged_at\"") ||
        contains (p, len, "\"submitted_at\"") || contains (p, len, "\"review_comments_url\"");
  if (api && key)
    {
      *confidence = 0.9;
      return SHAPE_REST;
    }
  if (contains (p, len, "\"timelineItems\"") && contains (p, len, "\"repository\"") &&
      contains (p, len, "github.com/"))
    {
      *confidence = 0.8;
      return SHAPE_REST;
    }
  /* GraphQL pages of pull requests or issues, gh pr/issue list --json. */
  if (contains (p, len, "\"nameWithOwner\"") &&
      (contains (p, len, "\"pullRequests\"") || contains (p, len, "\"issues\"")))
    {
      *confidence = 0.8;
      return SHAPE_REST;
    }
  if (contains (p, len, "\"createdAt\"") && contains (p, len, "\"number\"") &&
      (contains (p, len, "\"headRefName\"") ||
       contains (p, len, "://github.com/") || contains (p, len, ":\\/\\/github.com\\/")))
    {
      *confidence = 0.75;
      return SHAPE_REST;
    }
  if (api)
    {
      *confidence = 0.4;
      return SHAPE_REST;
    }
  return SHAPE_NONE;
}

/* ---- inputs ---- */

static void
input_file_free (gpointer data)
{
  InputFile *f = data;

  g_free (f->path);
  g_free (f->rel);
  g_free (f);
}

static int
compare_inputs (gconstpointer a,
                gconstpointer b)
{
  const InputFile *x = *(InputFile * const *) a;
  const InputFile *y = *(InputFile * const *) b;

  return strcmp (x->rel, y->rel);
}

/* Every regular file under @dir (not hidden ones), sorted by path. */
static gboolean
list_folder (const char    *dir,
             const char    *rel,
             guint          depth,
             guint          max_files,
             GPtrArray     *files,
             GError       **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  d = g_dir_open (dir, 0, &local_error);
  if (d == NULL)
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read the folder “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *sub = NULL;
      GStatBuf st;

      if (name[0] == '.')
        continue;
      if (max_files > 0 && files->len >= max_files)
        break;
      path = g_build_filename (dir, name, NULL);
      sub = rel != NULL ? g_build_filename (rel, name, NULL) : g_strdup (name);
      if (g_stat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          if (depth < FOLDER_MAX_DEPTH &&
              !list_folder (path, sub, depth + 1, max_files, files, error))
            return FALSE;
        }
      else if (S_ISREG (st.st_mode))
        {
          InputFile *f = g_new0 (InputFile, 1);

          f->path = g_steal_pointer (&path);
          f->rel = g_filename_display_name (sub);
          f->size = st.st_size;
          g_ptr_array_add (files, f);
        }
    }
  return TRUE;
}

static GPtrArray *
folder_files (const char  *dir,
              guint        max_files,
              GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (input_file_free);

  if (!list_folder (dir, NULL, 0, max_files, files, error))
    return NULL;
  g_ptr_array_sort (files, compare_inputs);
  return g_steal_pointer (&files);
}

static gboolean
is_git_folder (const char *path)
{
  g_autofree char *dot_git = g_build_filename (path, ".git", NULL);
  g_autofree char *head = g_build_filename (path, "HEAD", NULL);
  g_autofree char *objects = g_build_filename (path, "objects", NULL);

  return g_file_test (dot_git, G_FILE_TEST_EXISTS) ||
         (g_file_test (head, G_FILE_TEST_IS_REGULAR) && g_file_test (objects, G_FILE_TEST_IS_DIR));
}

static double
probe_folder (const char *path)
{
  g_autoptr(GPtrArray) files = NULL;
  guint n_files = 0, n_github = 0;
  g_autofree char *buf = g_malloc (PROBE_SNIFF_SIZE);

  if (is_git_folder (path))
    return 0.0;
  files = folder_files (path, 4 * PROBE_MAX_FILES, NULL);
  if (files == NULL)
    return 0.0;
  for (guint i = 0; i < files->len && n_files < PROBE_MAX_FILES; i++)
    {
      InputFile *f = g_ptr_array_index (files, i);
      FILE *fp = g_fopen (f->path, "rb");
      gsize n;
      const char *p;
      double c = 0;

      if (fp == NULL)
        continue;
      n = fread (buf, 1, PROBE_SNIFF_SIZE, fp);
      fclose (fp);
      n_files++;
      p = skip_space_bom (buf, buf + n);
      if (p >= buf + n || (*p != '[' && *p != '{'))
        continue;
      sniff (buf, n, &c);
      if (c >= 0.4)
        n_github++;
    }
  if (n_github == 0)
    return 0.0;
  /* Mostly GitHub pages: a note or two beside them is fine. */
  return n_github * 2 >= n_files ? 0.85 : 0.45;
}

/* ---- reading files ---- */

static double
progress_fraction (GithubImporter *imp)
{
  goffset pos = imp->done_bytes;

  if (imp->splitter != NULL)
    pos += _uc_github_splitter_tell (imp->splitter);
  if (imp->total_bytes <= 0)
    return -1.0;
  return ((double) (imp->pass - 1) + (double) pos / (double) imp->total_bytes) / N_PASSES;
}

static char *
record_where (const InputFile *f,
              guint64          index,
              guint64          line)
{
  if (f->rel != NULL)
    /* Translators: a file inside a folder, a record number and a line */
    return g_strdup_printf (_("file “%s”, record %" G_GUINT64_FORMAT " (line %" G_GUINT64_FORMAT ")"),
                            f->rel, index, line);
  return g_strdup_printf (_("record %" G_GUINT64_FORMAT " (line %" G_GUINT64_FORMAT ")"), index, line);
}

static char *
line_where (const InputFile *f,
            guint64          line)
{
  if (f->rel != NULL)
    return g_strdup_printf (_("file “%s”, line %" G_GUINT64_FORMAT), f->rel, line);
  return g_strdup_printf (_("line %" G_GUINT64_FORMAT), line);
}

static gboolean
import_record (GithubImporter        *imp,
               const InputFile       *f,
               const UcGithubRecord  *rec,
               GError               **error)
{
  g_auto(Rec) r = { 0 };
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) fast_root = NULL;
  const char *bad = NULL;
  JsonNode *root;

  rec_init (&r, imp, record_where (f, rec->index, rec->line));

  if (rec->member != NULL && !g_str_equal (rec->member, "repo") &&
      !g_str_equal (rec->member, "issues") && !g_str_equal (rec->member, "pulls"))
    return TRUE;   /* archive members we do not use (labels, magic…) */

  if (!g_utf8_validate (rec->text, (gssize) rec->len, &bad))
    {
      if (imp->pass != 1)
        return TRUE;
      return rec_fail_with (&r, g_strdup_printf (_("the record is not valid UTF-8 (byte %" G_GSIZE_FORMAT " of the record)"),
                                                 (gsize) (bad - rec->text) + 1), error);
    }
  /* Plain JSON quickly; json-glib for the rest (and its errors). */
  fast_root = _uc_json_fast_parse (rec->text, rec->len);
  if (fast_root != NULL)
    root = fast_root;
  else if (!json_parser_load_from_data (imp->parser, rec->text, (gssize) rec->len, &parse_error))
    {
      if (imp->pass != 1)
        return TRUE;
      return rec_fail_with (&r, g_strdup_printf (_("the record is not valid JSON: %s"),
                                                 parse_error->message), error);
    }
  else
    root = json_parser_get_root (imp->parser);
  if (root == NULL)
    return TRUE;

  if (rec->member != NULL)
    return imp->pass == 1 ? import_archive_member (imp, &r, rec->member, root, error) : TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      if (imp->pass != 1)
        return TRUE;
      return rec_fail_with (&r, g_strdup_printf (_("the record is %s, not an object"),
                                                 describe_node (root)), error);
    }
  return import_object (imp, &r, json_node_get_object (root), error);
}

static gboolean
import_file (GithubImporter   *imp,
             const InputFile  *f,
             GError          **error)
{
  UcImportContext *ctx = imp->ctx;
  UcGithubSplitter sp;
  UcGithubRecord rec = { 0 };
  const char *head;
  gsize available = 0;
  gboolean ok = TRUE;

  {
    g_autofree char *display = f->rel != NULL
                               ? g_strdup_printf ("%s/%s", ctx->display_name, f->rel)
                               : g_strdup (ctx->display_name);

    if (!_uc_github_splitter_open (&sp, f->path, display, ctx->cancellable, error))
      return FALSE;
  }
  imp->splitter = &sp;

  head = _uc_github_splitter_peek (&sp, SNIFF_SIZE, &available, error);
  if (head == NULL)
    {
      ok = FALSE;
      goto out;
    }
  {
    const char *p = skip_space_bom (head, head + available);
    double c = 0;

    /* In a folder, files that are not JSON (notes, headers) are skipped. */
    if (f->rel != NULL && (p >= head + available || (*p != '[' && *p != '{')))
      goto out;
    /* Only an object can be an archive: no need to sniff pages (whose
     * search for Perceval's marker reads the whole head). */
    sp.members = p < head + available && *p == '{' &&
                 sniff (head, available, &c) == SHAPE_ARCHIVE;
  }

  for (;;)
    {
      UcGithubSplit status = _uc_github_splitter_next (&sp, &rec, error);

      if (status == UC_GITHUB_SPLIT_END)
        break;
      if (status == UC_GITHUB_SPLIT_ERROR)
        {
          ok = FALSE;
          break;
        }
      if (status == UC_GITHUB_SPLIT_SYNTAX)
        {
          g_autofree char *where = line_where (f, sp.problem_line);

          if (imp->pass == 1)
            ok = _uc_import_record_error (ctx, where, sp.problem, error);
          break;
        }
      if (!_uc_import_tick (ctx, progress_fraction (imp), error) ||
          !import_record (imp, f, &rec, error))
        {
          ok = FALSE;
          break;
        }
    }

out:
  imp->splitter = NULL;
  _uc_github_splitter_clear (&sp);
  return ok;
}

static gboolean
run_pass (GithubImporter  *imp,
          guint            pass,
          GError         **error)
{
  imp->pass = pass;
  imp->done_bytes = 0;
  for (guint i = 0; i < imp->files->len; i++)
    {
      InputFile *f = g_ptr_array_index (imp->files, i);

      if (!import_file (imp, f, error))
        return FALSE;
      imp->done_bytes += f->size;
    }
  if (pass == 3 && !flush_events (imp, error))
    return FALSE;
  return resolve_replies (imp, error);
}

static void
github_importer_clear (GithubImporter *imp)
{
  g_clear_object (&imp->parser);
  g_clear_pointer (&imp->files, g_ptr_array_unref);
  g_clear_pointer (&imp->logins, g_hash_table_unref);
  g_clear_pointer (&imp->repos, g_hash_table_unref);
  g_clear_pointer (&imp->items, g_hash_table_unref);
  g_clear_pointer (&imp->archive_repo, g_free);
  g_clear_pointer (&imp->events, g_array_unref);
  g_clear_pointer (&imp->replies, g_array_unref);
  if (imp->strings != NULL)
    {
      g_string_chunk_free (imp->strings);
      imp->strings = NULL;
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GithubImporter, github_importer_clear)

static gboolean
github_import (UcImportContext  *ctx,
               GError          **error)
{
  g_auto(GithubImporter) imp = { 0 };
  GStatBuf st;

  imp.ctx = ctx;
  imp.parser = json_parser_new ();
  imp.logins = cache_new ();
  imp.repos = cache_new ();
  imp.items = cache_new ();
  imp.events = g_array_new (FALSE, FALSE, sizeof (PendingEvent));
  imp.replies = g_array_new (FALSE, FALSE, sizeof (const char *));
  imp.strings = g_string_chunk_new (4096);

  if (g_stat (ctx->path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      imp.is_folder = TRUE;
      imp.files = folder_files (ctx->path, 0, error);
      if (imp.files == NULL)
        return FALSE;
    }
  else
    {
      InputFile *f = g_new0 (InputFile, 1);

      f->path = g_strdup (ctx->path);
      f->size = ctx->size;
      imp.files = g_ptr_array_new_with_free_func (input_file_free);
      g_ptr_array_add (imp.files, f);
    }
  for (guint i = 0; i < imp.files->len; i++)
    imp.total_bytes += ((InputFile *) g_ptr_array_index (imp.files, i))->size;

  for (guint pass = 1; pass <= N_PASSES; pass++)
    {
      if (pass > 1 && imp.needed[pass] == 0)
        continue;
      if (!run_pass (&imp, pass, error))
        return FALSE;
    }

  if (ctx->n_records == 0 && ctx->warnings->len == 0)
    {
      if (imp.is_folder)
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                     _("The folder “%s” holds no GitHub pull requests, issues, reviews, comments or events"),
                     ctx->display_name);
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                     _("“%s” holds no GitHub pull requests, issues, reviews, comments or events"),
                     ctx->display_name);
      return FALSE;
    }
  return TRUE;
}

/* A folder's checksum: its files' names and contents, in order. */
static char *
github_checksum (UcImportContext  *ctx,
                 GError          **error)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree guint8 *buf = NULL;
  GStatBuf st;

  if (g_stat (ctx->path, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      /* A file: SHA-256 of its bytes, as the framework does. */
      g_autoptr(GFile) file = g_file_new_for_path (ctx->path);
      g_autoptr(GFileInputStream) in = NULL;
      g_autoptr(GError) local_error = NULL;
      gssize n;

      checksum = g_checksum_new (G_CHECKSUM_SHA256);
      buf = g_malloc (64 * 1024);
      in = g_file_read (file, ctx->cancellable, &local_error);
      if (in == NULL)
        goto io_error;
      while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, 64 * 1024,
                                       ctx->cancellable, &local_error)) > 0)
        g_checksum_update (checksum, buf, (gsize) n);
      if (n < 0)
        goto io_error;
      return g_strdup (g_checksum_get_string (checksum));

    io_error:
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not read “%s”: %s"), ctx->display_name, local_error->message);
      return NULL;
    }

  files = folder_files (ctx->path, 0, error);
  if (files == NULL)
    return NULL;
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  buf = g_malloc (64 * 1024);
  for (guint i = 0; i < files->len; i++)
    {
      InputFile *f = g_ptr_array_index (files, i);
      FILE *fp;
      gsize n;

      g_checksum_update (checksum, (const guchar *) f->rel, (gssize) strlen (f->rel) + 1);
      fp = g_fopen (f->path, "rb");
      if (fp == NULL)
        {
          int saved = errno;

          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                       _("Could not read “%s”: %s"), f->rel, g_strerror (saved));
          return NULL;
        }
      while ((n = fread (buf, 1, 64 * 1024, fp)) > 0)
        g_checksum_update (checksum, buf, n);
      fclose (fp);
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return NULL;
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* ---- probes ---- */

static double
probe_shape (const UcImportProbe *probe,
             Shape                want)
{
  double c = 0;

  if (probe->is_dir || probe->head == NULL)
    return 0.0;
  if (sniff ((const char *) probe->head, probe->head_len, &c) != want)
    return 0.0;
  return c;
}

static double
rest_probe (const UcImportProbe *probe)
{
  if (probe->is_dir)
    return probe_folder (probe->path);
  return probe_shape (probe, SHAPE_REST);
}

static double
perceval_probe (const UcImportProbe *probe)
{
  return probe_shape (probe, SHAPE_PERCEVAL);
}

static double
archive_probe (const UcImportProbe *probe)
{
  return probe_shape (probe, SHAPE_ARCHIVE);
}

const UcImportFormat _uc_import_format_github_rest = {
  "github-rest",
  N_("GitHub API pages"),
  UC_IMPORT_INPUT_FILE | UC_IMPORT_INPUT_FOLDER,
  rest_probe,
  github_checksum,
  github_import,
};

const UcImportFormat _uc_import_format_github_perceval = {
  "github-perceval",
  N_("GitHub items from Perceval"),
  UC_IMPORT_INPUT_FILE,
  perceval_probe,
  NULL,
  github_import,
};

const UcImportFormat _uc_import_format_github_archive = {
  "github-archive",
  N_("GitHub archive (archive.json)"),
  UC_IMPORT_INPUT_FILE,
  archive_probe,
  NULL,
  github_import,
};
