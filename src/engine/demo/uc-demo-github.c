/* uc-demo-github.c: the demo's GitHub REST pages.
 *
 * One folder per repository ("acme-atlas/"), holding what a coach gets
 * from `gh api --paginate` loops over the REST API, in the shapes GitHub
 * returns (trimmed of the URLs nobody reads):
 *
 *   pulls.json           GET /repos/O/R/pulls/N for every pull request
 *                        (the single-pull shape: merged_by, additions,
 *                        deletions, commits), one object per line;
 *   reviews.json         GET /repos/O/R/pulls/N/reviews, one page per
 *                        pull request, pages one after the other;
 *   review-comments.json GET /repos/O/R/pulls/comments, pages of 100;
 *   issue-comments.json  GET /repos/O/R/issues/comments (conversation
 *                        comments on pull requests and issues), pages;
 *   issues.json          GET /repos/O/R/issues?state=all without the pull
 *                        requests, pages (teams that track in GitHub);
 *   issue-events.json    GET /repos/O/R/issues/events, pages: labeled /
 *                        unlabeled "in progress", closed, reopened;
 *   timelines.json       GraphQL timeline pages listing each pull
 *                        request's commits (for their times), one per line.
 *
 * Pull request and issue numbers share one sequence per repository, as on
 * GitHub.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-demo-private.h"

#define PAGE_SIZE  100
#define FLUSH_SIZE (1024 * 1024)
#define API        "https://api.github.com/repos/"
#define WEB        "https://github.com/"

typedef struct
{
  UcDemoModel *model;
  UcDemoTeam  *team;
  guint        team_index;
  const char  *repo;        /* "acme/atlas" */
  FILE        *file;
  char        *path;
  GString     *out;
  guint        in_page;     /* records in the open page */
  gboolean     ok;
  GError     **error;
} Writer;

static void
writer_flush (Writer *w)
{
  if (w->ok && w->out->len >= FLUSH_SIZE)
    w->ok = _uc_demo_file_write (w->file, w->path, w->out, w->error);
}

static gboolean
writer_open (Writer     *w,
             const char *dir,
             const char *name)
{
  g_clear_pointer (&w->path, g_free);
  w->path = g_build_filename (dir, name, NULL);
  w->file = _uc_demo_file_open (w->path, w->error);
  w->in_page = 0;
  w->ok = w->file != NULL;
  return w->ok;
}

static gboolean
writer_close (Writer *w)
{
  if (w->in_page > 0)
    g_string_append (w->out, "]\n");
  w->in_page = 0;
  if (w->ok)
    w->ok = _uc_demo_file_write (w->file, w->path, w->out, w->error);
  if (w->file != NULL)
    {
      if (w->ok)
        w->ok = _uc_demo_file_close (w->file, w->path, w->error);
      else
        fclose (w->file);
      w->file = NULL;
    }
  g_string_truncate (w->out, 0);
  return w->ok;
}

/* Start the next element of a paged list. */
static void
page_element (Writer *w)
{
  if (w->in_page == PAGE_SIZE)
    {
      g_string_append (w->out, "]\n");
      w->in_page = 0;
      writer_flush (w);
    }
  g_string_append (w->out, w->in_page == 0 ? "[" : ",");
  w->in_page++;
}

static void
time_member (GString    *out,
             const char *name,
             UcTime      time)
{
  char iso[32];

  g_string_append_printf (out, "\"%s\":", name);
  if (time == 0)
    {
      g_string_append (out, "null");
      return;
    }
  _uc_demo_format_iso (time, iso, sizeof iso);
  g_string_append_printf (out, "\"%s\"", iso);
}

static void
user_json (GString            *out,
           const UcDemoPerson *p)
{
  gboolean bot = p->role == UC_DEMO_ROLE_BOT;

  g_string_append (out, "{\"login\":");
  _uc_demo_json_string (out, p->login);
  g_string_append_printf (out, ",\"id\":%u,\"node_id\":\"MDQ6VXNlcj%u\","
                          "\"url\":\"https://api.github.com/users/%s\","
                          "\"html_url\":\"" WEB "%s\",\"type\":\"%s\",\"site_admin\":false}",
                          p->github_id, p->github_id, p->login, p->login, bot ? "Bot" : "User");
}

static const UcDemoPerson *
person (Writer *w,
        guint   index)
{
  return g_ptr_array_index (w->model->people, index);
}

static char *
fake_sha (const char *repo,
          const char *what,
          guint64     n)
{
  g_autofree char *seed = g_strdup_printf ("%s:%s:%" G_GUINT64_FORMAT, repo, what, n);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);
}

static void
repo_json (Writer *w)
{
  const char *name = strchr (w->repo, '/') + 1;

  g_string_append_printf (w->out, "{\"id\":%u,\"name\":\"%s\",\"full_name\":\"%s\",\"private\":true,"
                          "\"html_url\":\"" WEB "%s\",\"url\":\"" API "%s\"}",
                          5550000 + w->team_index, name, w->repo, w->repo, w->repo);
}

/* ---- pull requests ---- */

static guint
count_inline (const UcDemoPull *pull,
              gboolean          inline_comments)
{
  guint n = 0;

  for (guint i = 0; i < pull->comments->len; i++)
    if (g_array_index (pull->comments, UcDemoComment, i).inline_comment == inline_comments)
      n++;
  return n;
}

static void
write_pull (Writer           *w,
            const UcDemoPull *pull)
{
  GString *out = w->out;
  g_autofree char *head = fake_sha (w->repo, "head", pull->number);
  g_autofree char *base = fake_sha (w->repo, "base", pull->number);

  g_string_append_printf (out, "{\"url\":\"" API "%s/pulls/%u\",\"id\":%u,\"node_id\":\"PR_kwDOA%u\","
                          "\"html_url\":\"" WEB "%s/pull/%u\",\"issue_url\":\"" API "%s/issues/%u\","
                          "\"number\":%u,\"state\":\"%s\",\"locked\":false,\"title\":",
                          w->repo, pull->number, 880000000 + w->team_index * 100000 + pull->number,
                          w->team_index * 100000 + pull->number, w->repo, pull->number, w->repo,
                          pull->number, pull->number, pull->closed > 0 ? "closed" : "open");
  _uc_demo_json_string (out, pull->title);
  g_string_append (out, ",\"user\":");
  user_json (out, person (w, pull->author));
  g_string_append (out, ",\"body\":");
  _uc_demo_json_string (out, pull->body);
  g_string_append_c (out, ',');
  time_member (out, "created_at", pull->created);
  g_string_append_c (out, ',');
  time_member (out, "updated_at", pull->updated);
  g_string_append_c (out, ',');
  time_member (out, "closed_at", pull->closed);
  g_string_append_c (out, ',');
  time_member (out, "merged_at", pull->merged);
  g_string_append (out, ",\"merge_commit_sha\":null,\"assignee\":null,\"assignees\":[],"
                   "\"requested_reviewers\":[],\"labels\":[],\"draft\":false,\"head\":{\"label\":");
  {
    g_autofree char *label = g_strdup_printf ("%s:%s", UC_DEMO_GITHUB_OWNER, pull->branch);

    _uc_demo_json_string (out, label);
  }
  g_string_append (out, ",\"ref\":");
  _uc_demo_json_string (out, pull->branch);
  g_string_append_printf (out, ",\"sha\":\"%s\",\"repo\":", head);
  repo_json (w);
  g_string_append_printf (out, "},\"base\":{\"label\":\"%s:main\",\"ref\":\"main\",\"sha\":\"%s\",\"repo\":",
                          UC_DEMO_GITHUB_OWNER, base);
  repo_json (w);
  g_string_append_printf (out, "},\"author_association\":\"MEMBER\",\"merged\":%s,\"mergeable\":null,\"merged_by\":",
                          pull->merged > 0 ? "true" : "false");
  if (pull->merged_by >= 0)
    user_json (out, person (w, (guint) pull->merged_by));
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"comments\":%u,\"review_comments\":%u,\"commits\":%u,"
                          "\"additions\":%u,\"deletions\":%u,\"changed_files\":%u}\n",
                          count_inline (pull, FALSE), count_inline (pull, TRUE),
                          pull->commit_times->len, pull->additions, pull->deletions,
                          pull->changed_files);
}

static const char *
review_state (UcReviewState state)
{
  switch (state)
    {
    case UC_REVIEW_APPROVED: return "APPROVED";
    case UC_REVIEW_CHANGES_REQUESTED: return "CHANGES_REQUESTED";
    case UC_REVIEW_DISMISSED: return "DISMISSED";
    case UC_REVIEW_COMMENTED:
    default:
      return "COMMENTED";
    }
}

/* One page per pull request, as `gh api …/pulls/N/reviews` prints it. */
static void
write_reviews (Writer           *w,
               const UcDemoPull *pull)
{
  GString *out = w->out;
  g_autofree char *head = fake_sha (w->repo, "head", pull->number);

  g_string_append_c (out, '[');
  for (guint i = 0; i < pull->reviews->len; i++)
    {
      const UcDemoReview *r = &g_array_index (pull->reviews, UcDemoReview, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"id\":%" G_GUINT64_FORMAT ",\"node_id\":\"PRR_kwDOA%" G_GUINT64_FORMAT "\",\"user\":",
                              r->id, r->id);
      user_json (out, person (w, r->reviewer));
      g_string_append (out, ",\"body\":");
      _uc_demo_json_string (out, r->body);
      g_string_append_printf (out, ",\"state\":\"%s\",\"html_url\":\"" WEB "%s/pull/%u#pullrequestreview-%" G_GUINT64_FORMAT "\","
                              "\"pull_request_url\":\"" API "%s/pulls/%u\",\"author_association\":\"MEMBER\",",
                              review_state (r->state), w->repo, pull->number, r->id, w->repo, pull->number);
      time_member (out, "submitted_at", r->time);
      g_string_append_printf (out, ",\"commit_id\":\"%s\"}", head);
    }
  g_string_append (out, "]\n");
}

static void
write_review_comment (Writer              *w,
                      const UcDemoPull    *pull,
                      const UcDemoComment *c)
{
  GString *out = w->out;
  g_autofree char *head = fake_sha (w->repo, "head", pull->number);

  page_element (w);
  g_string_append_printf (out, "{\"url\":\"" API "%s/pulls/comments/%" G_GUINT64_FORMAT "\","
                          "\"pull_request_review_id\":%" G_GUINT64_FORMAT ",\"id\":%" G_GUINT64_FORMAT ","
                          "\"node_id\":\"PRRC_kwDOA%" G_GUINT64_FORMAT "\",\"diff_hunk\":\"@@ -10,6 +10,9 @@\",\"path\":",
                          w->repo, c->id, c->review_id, c->id, c->id);
  _uc_demo_json_string (out, g_ptr_array_index (w->team->files, c->file));
  g_string_append_printf (out, ",\"position\":4,\"original_position\":4,\"commit_id\":\"%s\",\"user\":", head);
  user_json (out, person (w, c->author));
  g_string_append (out, ",\"body\":");
  _uc_demo_json_string (out, c->body);
  g_string_append_c (out, ',');
  time_member (out, "created_at", c->time);
  g_string_append_c (out, ',');
  time_member (out, "updated_at", c->time);
  g_string_append_printf (out, ",\"html_url\":\"" WEB "%s/pull/%u#discussion_r%" G_GUINT64_FORMAT "\","
                          "\"pull_request_url\":\"" API "%s/pulls/%u\",\"author_association\":\"MEMBER\"",
                          w->repo, pull->number, c->id, w->repo, pull->number);
  if (c->reply_to != 0)
    g_string_append_printf (out, ",\"in_reply_to_id\":%" G_GUINT64_FORMAT, c->reply_to);
  g_string_append_c (out, '}');
  writer_flush (w);
}

static void
write_issue_comment (Writer     *w,
                     guint       number,
                     gboolean    on_pull,
                     guint64     id,
                     guint       author,
                     UcTime      time,
                     const char *body)
{
  GString *out = w->out;

  page_element (w);
  g_string_append_printf (out, "{\"url\":\"" API "%s/issues/comments/%" G_GUINT64_FORMAT "\","
                          "\"html_url\":\"" WEB "%s/%s/%u#issuecomment-%" G_GUINT64_FORMAT "\","
                          "\"issue_url\":\"" API "%s/issues/%u\",\"id\":%" G_GUINT64_FORMAT ","
                          "\"node_id\":\"IC_kwDOA%" G_GUINT64_FORMAT "\",\"user\":",
                          w->repo, id, w->repo, on_pull ? "pull" : "issues", number, id,
                          w->repo, number, id, id);
  user_json (out, person (w, author));
  g_string_append_c (out, ',');
  time_member (out, "created_at", time);
  g_string_append_c (out, ',');
  time_member (out, "updated_at", time);
  g_string_append (out, ",\"author_association\":\"MEMBER\",\"body\":");
  _uc_demo_json_string (out, body);
  g_string_append_c (out, '}');
  writer_flush (w);
}

static void
write_timeline (Writer           *w,
                const UcDemoPull *pull)
{
  GString *out = w->out;

  g_string_append_printf (out, "{\"data\":{\"repository\":{\"pullRequest\":{\"number\":%u,"
                          "\"url\":\"" WEB "%s/pull/%u\",\"timelineItems\":{\"nodes\":[",
                          pull->number, w->repo, pull->number);
  for (guint i = 0; i < pull->commit_times->len; i++)
    {
      g_autofree char *oid = fake_sha (w->repo, "commit", (guint64) pull->number * 1000 + i);
      UcTime t = g_array_index (pull->commit_times, UcTime, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"__typename\":\"PullRequestCommit\",\"id\":\"PURC_kwDOA%u_%u\","
                              "\"url\":\"" WEB "%s/pull/%u/commits/%s\",\"commit\":{\"oid\":\"%s\",",
                              pull->number, i, w->repo, pull->number, oid, oid);
      time_member (out, "authoredDate", t);
      g_string_append_c (out, ',');
      time_member (out, "committedDate", t);
      g_string_append (out, "}}");
    }
  g_string_append (out, "],\"pageInfo\":{\"endCursor\":null,\"hasNextPage\":false}}}}}}\n");
}

/* ---- issues ---- */

typedef struct
{
  gboolean closed;
  gboolean in_progress;     /* the "in progress" label is on */
  UcTime   closed_at;
} IssueState;

static void
issue_state (const UcDemoItem *item,
             IssueState       *s)
{
  memset (s, 0, sizeof *s);
  for (guint i = 0; i < item->transitions->len; i++)
    {
      const UcDemoTransition *tr = &g_array_index (item->transitions, UcDemoTransition, i);

      if (tr->to == UC_STATUS_DOING)
        s->in_progress = TRUE;
      else if (tr->to == UC_STATUS_TODO)
        s->in_progress = FALSE;
      s->closed = tr->to == UC_STATUS_DONE;
      if (s->closed)
        s->closed_at = tr->time;
    }
}

static void
write_issue_object (Writer           *w,
                    const UcDemoItem *item)
{
  GString *out = w->out;
  IssueState s;
  const char *type_label = g_str_equal (item->type, "Bug") ? "bug"
                           : g_str_equal (item->type, "Story") ? "enhancement" : NULL;
  gboolean first = TRUE;

  issue_state (item, &s);
  g_string_append_printf (out, "{\"url\":\"" API "%s/issues/%u\",\"repository_url\":\"" API "%s\","
                          "\"html_url\":\"" WEB "%s/issues/%u\",\"id\":%" G_GUINT64_FORMAT ","
                          "\"node_id\":\"I_kwDOA%" G_GUINT64_FORMAT "\",\"number\":%u,\"title\":",
                          w->repo, item->number, w->repo, w->repo, item->number, item->id,
                          item->id, item->number);
  _uc_demo_json_string (out, item->summary);
  g_string_append (out, ",\"user\":");
  user_json (out, person (w, item->reporter));
  g_string_append (out, ",\"labels\":[");
  if (type_label != NULL)
    {
      g_string_append_printf (out, "{\"id\":%u,\"name\":\"%s\",\"color\":\"a2eeef\",\"default\":true}",
                              9000 + w->team_index * 10 + (type_label[0] == 'b'), type_label);
      first = FALSE;
    }
  if (s.in_progress)
    g_string_append_printf (out, "%s{\"id\":%u,\"name\":\"in progress\",\"color\":\"fbca04\",\"default\":false}",
                            first ? "" : ",", 9005 + w->team_index * 10);
  g_string_append_printf (out, "],\"state\":\"%s\",\"locked\":false,\"assignee\":", s.closed ? "closed" : "open");
  /* Only issues someone works on (or worked on) show their assignee. */
  if (item->assignee >= 0 && (s.in_progress || s.closed))
    {
      user_json (out, person (w, (guint) item->assignee));
      g_string_append (out, ",\"assignees\":[");
      user_json (out, person (w, (guint) item->assignee));
      g_string_append_c (out, ']');
    }
  else
    g_string_append (out, "null,\"assignees\":[]");
  g_string_append_printf (out, ",\"comments\":%u,", item->comments->len);
  time_member (out, "created_at", item->created);
  g_string_append_c (out, ',');
  time_member (out, "updated_at", item->updated);
  g_string_append_c (out, ',');
  time_member (out, "closed_at", s.closed ? s.closed_at : 0);
  g_string_append (out, ",\"author_association\":\"MEMBER\",\"body\":");
  _uc_demo_json_string (out, item->description);
  g_string_append_printf (out, ",\"state_reason\":%s}", s.closed ? "\"completed\"" : "null");
}

static void
write_event (Writer                 *w,
             const UcDemoItem       *item,
             const UcDemoTransition *tr)
{
  GString *out = w->out;
  const char *event;
  gboolean label = FALSE;

  if (tr->to == UC_STATUS_DONE)
    event = "closed";
  else if (tr->from == UC_STATUS_DONE)
    event = "reopened";
  else if (tr->to == UC_STATUS_DOING)
    event = "labeled", label = TRUE;
  else
    event = "unlabeled", label = TRUE;

  page_element (w);
  g_string_append_printf (out, "{\"id\":%" G_GUINT64_FORMAT ",\"node_id\":\"IE_kwDOA%" G_GUINT64_FORMAT "\","
                          "\"url\":\"" API "%s/issues/events/%" G_GUINT64_FORMAT "\",\"actor\":",
                          tr->id, tr->id, w->repo, tr->id);
  user_json (out, person (w, tr->author));
  g_string_append_printf (out, ",\"event\":\"%s\",\"commit_id\":null,\"commit_url\":null,", event);
  time_member (out, "created_at", tr->time);
  if (label)
    g_string_append (out, ",\"label\":{\"name\":\"in progress\",\"color\":\"fbca04\"}");
  g_string_append (out, ",\"issue\":");
  write_issue_object (w, item);
  g_string_append_c (out, '}');
  writer_flush (w);
}

/* ---- one repository ---- */

static gboolean
write_repository (UcDemoModel   *model,
                  guint          team_index,
                  const char    *dir,
                  GCancellable  *cancellable,
                  GError       **error)
{
  UcDemoTeam *team = g_ptr_array_index (model->teams, team_index);
  g_autoptr(GPtrArray) pulls = g_ptr_array_new ();
  g_autoptr(GPtrArray) issues = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_sized_new (FLUSH_SIZE + 64 * 1024);
  Writer w = { 0 };
  GError *local = NULL;

  for (guint i = 0; i < model->pulls->len; i++)
    {
      UcDemoPull *pull = g_ptr_array_index (model->pulls, i);

      if (pull->team == team_index)
        g_ptr_array_add (pulls, pull);
    }
  if (team->github_issues)
    for (guint i = 0; i < model->items->len; i++)
      {
        UcDemoItem *item = g_ptr_array_index (model->items, i);

        if (item->team == team_index)
          g_ptr_array_add (issues, item);
      }
  if (pulls->len == 0 && issues->len == 0)
    return TRUE;
  if (!_uc_demo_mkdir (dir, error))
    return FALSE;

  w.model = model;
  w.team = team;
  w.team_index = team_index;
  w.repo = team->repo;
  w.out = out;
  w.error = &local;

  /* Pull requests, one object per line. */
  if (writer_open (&w, dir, "pulls.json"))
    for (guint i = 0; w.ok && i < pulls->len; i++)
      {
        write_pull (&w, g_ptr_array_index (pulls, i));
        writer_flush (&w);
      }
  if (!writer_close (&w) || g_cancellable_set_error_if_cancelled (cancellable, &local))
    goto out;

  if (writer_open (&w, dir, "reviews.json"))
    for (guint i = 0; w.ok && i < pulls->len; i++)
      {
        write_reviews (&w, g_ptr_array_index (pulls, i));
        writer_flush (&w);
      }
  if (!writer_close (&w))
    goto out;

  if (writer_open (&w, dir, "review-comments.json"))
    for (guint i = 0; w.ok && i < pulls->len; i++)
      {
        const UcDemoPull *pull = g_ptr_array_index (pulls, i);

        for (guint c = 0; c < pull->comments->len; c++)
          {
            const UcDemoComment *comment = &g_array_index (pull->comments, UcDemoComment, c);

            if (comment->inline_comment)
              write_review_comment (&w, pull, comment);
          }
      }
  if (!writer_close (&w) || g_cancellable_set_error_if_cancelled (cancellable, &local))
    goto out;

  if (writer_open (&w, dir, "issue-comments.json"))
    {
      for (guint i = 0; w.ok && i < pulls->len; i++)
        {
          const UcDemoPull *pull = g_ptr_array_index (pulls, i);

          for (guint c = 0; c < pull->comments->len; c++)
            {
              const UcDemoComment *comment = &g_array_index (pull->comments, UcDemoComment, c);

              if (!comment->inline_comment)
                write_issue_comment (&w, pull->number, TRUE, comment->id, comment->author,
                                     comment->time, comment->body);
            }
        }
      for (guint i = 0; w.ok && i < issues->len; i++)
        {
          const UcDemoItem *item = g_ptr_array_index (issues, i);

          for (guint c = 0; c < item->comments->len; c++)
            {
              const UcDemoItemComment *comment = &g_array_index (item->comments, UcDemoItemComment, c);

              write_issue_comment (&w, item->number, FALSE, comment->id, comment->author,
                                   comment->time, comment->body);
            }
        }
    }
  if (!writer_close (&w))
    goto out;

  if (issues->len > 0)
    {
      if (writer_open (&w, dir, "issues.json"))
        for (guint i = 0; w.ok && i < issues->len; i++)
          {
            page_element (&w);
            write_issue_object (&w, g_ptr_array_index (issues, i));
            writer_flush (&w);
          }
      if (!writer_close (&w))
        goto out;

      if (writer_open (&w, dir, "issue-events.json"))
        for (guint i = 0; w.ok && i < issues->len; i++)
          {
            const UcDemoItem *item = g_ptr_array_index (issues, i);

            for (guint t = 0; t < item->transitions->len; t++)
              write_event (&w, item, &g_array_index (item->transitions, UcDemoTransition, t));
          }
      if (!writer_close (&w))
        goto out;
    }

  if (writer_open (&w, dir, "timelines.json"))
    for (guint i = 0; w.ok && i < pulls->len; i++)
      {
        const UcDemoPull *pull = g_ptr_array_index (pulls, i);

        if (pull->commit_times->len > 0)
          write_timeline (&w, pull);
        writer_flush (&w);
      }
  writer_close (&w);

out:
  if (w.file != NULL)
    fclose (w.file);
  g_free (w.path);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

gboolean
_uc_demo_write_github (UcDemoModel   *model,
                       const char    *dir,
                       GCancellable  *cancellable,
                       GError       **error)
{
  if (!_uc_demo_mkdir (dir, error))
    return FALSE;
  for (guint t = 0; t < model->teams->len; t++)
    {
      UcDemoTeam *team = g_ptr_array_index (model->teams, t);
      g_autofree char *folder = g_strdelimit (g_strdup (team->repo), "/", '-');
      g_autofree char *path = g_build_filename (dir, folder, NULL);

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !write_repository (model, t, path, cancellable, error))
        return FALSE;
    }
  return TRUE;
}
