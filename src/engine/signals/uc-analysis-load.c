/* uc-analysis-load.c: the review, tracker and chat records of the
 * analysis (uc-analysis-private.h, UcAnRecords).
 *
 * Read once, after the teams are assigned, into arrays sorted by time
 * then row id, with people as person indices and every event tagged with
 * the final team of its acting person at the event's time.
 *
 * Choices made here (SIGNALS.md leaves them open):
 *   - Period: change requests and items created in [begin, end) are
 *     loaded; their events (reviews, comments, status changes) dated in
 *     [begin, end). With an explicit last week (end), a merge, close or
 *     resolution at or after @end has not happened yet: the record is
 *     open as of @end.
 *   - Size of a change request: additions + deletions (one unknown side
 *     counts 0; both unknown: -1, no size). The workspace keeps no
 *     file-level data for change requests, so generated or vendored files
 *     cannot be left out here; the importers report the totals.
 *   - Closed time: closed_time, else updated_time, else the creation
 *     (an old export without dates); a merged CR closes at its merge.
 *   - Status categories: the stored category (set at import from the
 *     tracker's own category or the user's status map); where none was
 *     stored, the built-in map below, a copy of the importer's default
 *     table (uc-status-map.c), so the analysis never needs the import
 *     module. A status it does not know stays unknown (-1).
 *   - Items without a changelog (GitHub or GitLab issues, CSV exports):
 *     when the item is done and has a resolution time, one status change
 *     "unknown → done" at that time is synthesised (id 0), so completions
 *     and done items are seen; its unknown origin keeps it out of
 *     backflow.
 *   - Excluded items (EG.unbacked_done): a type that names a question,
 *     support request, duplicate, won't do/fix, invalid, not a bug or
 *     cannot reproduce; a done transition to a status of that kind (or
 *     cancelled, rejected, declined, obsolete, abandoned) is flagged
 *     `to_excluded` on the status change.
 *   - Decision items: work_item.is_decision (set at import), or a type
 *     containing one of the words RFC, ADR, design, proposal, decision,
 *     spike, discussion.
 *   - Links: a key is resolved to an item by exact key, then by its ASCII
 *     upper case (Jira keys); a bare "#N" key (from git history) resolves
 *     to the item "<project>#N" whose project is the repository of the
 *     commit or change request (same name, or same last path component),
 *     else to the only item numbered #N in the workspace; otherwise it
 *     stays unresolved (still counted in n_link_keys: the work did name
 *     a ticket).
 *   - Team of an item event: the acting person's team at the time; when
 *     the actor is unknown, an agent, or on no team, the assignee's, then
 *     the reporter's, then that of the author of the item's first linked
 *     commit or change request. An item's own team (item->team) is that
 *     chain at its creation, starting with the reporter.
 *   - Chat threads: a message's thread_ext_id names its root; the root is
 *     the message with that ext_id in the same channel, else the earliest
 *     reply of the thread stands for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-analysis-private.h"

/* ---- small helpers ---- */

guint
_uc_analysis_first_at (GArray *array,
                       gsize   time_offset,
                       UcTime  time)
{
  guint lo = 0, hi = array->len;
  gsize size = g_array_get_element_size (array);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      UcTime t;

      memcpy (&t, array->data + (gsize) mid * size + time_offset, sizeof t);
      if (t < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
_uc_analysis_records_clear (UcAnRecords *records)
{
  g_clear_pointer (&records->crs, g_array_unref);
  g_clear_pointer (&records->reviews, g_array_unref);
  g_clear_pointer (&records->comments, g_array_unref);
  g_clear_pointer (&records->messages, g_array_unref);
  g_clear_pointer (&records->items, g_array_unref);
  g_clear_pointer (&records->status_changes, g_array_unref);
  g_clear_pointer (&records->channels, g_ptr_array_unref);
  g_clear_pointer (&records->cr_reviews, g_array_unref);
  g_clear_pointer (&records->cr_comments, g_array_unref);
  g_clear_pointer (&records->cr_items, g_array_unref);
  g_clear_pointer (&records->item_status, g_array_unref);
  g_clear_pointer (&records->item_comments, g_array_unref);
  g_clear_pointer (&records->item_commits, g_array_unref);
  g_clear_pointer (&records->item_crs, g_array_unref);
  g_clear_pointer (&records->commit_item_offsets, g_free);
  g_clear_pointer (&records->commit_items, g_array_unref);
  g_clear_pointer (&records->commit_n_keys, g_free);
  g_clear_pointer (&records->person_first, g_free);
}

static void
records_init (UcAnRecords *records,
              guint        n_persons,
              guint        n_commits)
{
  records->crs = g_array_new (FALSE, TRUE, sizeof (UcAnCr));
  records->reviews = g_array_new (FALSE, TRUE, sizeof (UcAnReview));
  records->comments = g_array_new (FALSE, TRUE, sizeof (UcAnComment));
  records->messages = g_array_new (FALSE, TRUE, sizeof (UcAnMessage));
  records->items = g_array_new (FALSE, TRUE, sizeof (UcAnItem));
  records->status_changes = g_array_new (FALSE, TRUE, sizeof (UcAnStatusChange));
  records->channels = g_ptr_array_new_with_free_func (g_free);
  records->cr_reviews = g_array_new (FALSE, FALSE, sizeof (guint));
  records->cr_comments = g_array_new (FALSE, FALSE, sizeof (guint));
  records->cr_items = g_array_new (FALSE, FALSE, sizeof (guint));
  records->item_status = g_array_new (FALSE, FALSE, sizeof (guint));
  records->item_comments = g_array_new (FALSE, FALSE, sizeof (guint));
  records->item_commits = g_array_new (FALSE, FALSE, sizeof (guint));
  records->item_crs = g_array_new (FALSE, FALSE, sizeof (guint));
  records->commit_item_offsets = g_new0 (guint, (gsize) n_commits + 1);
  records->commit_items = g_array_new (FALSE, FALSE, sizeof (guint));
  records->commit_n_keys = g_new0 (guint8, MAX (n_commits, 1));
  records->person_first = g_new0 (UcTime, MAX (n_persons, 1));
}

typedef struct
{
  UcAnalysis   *self;
  UcStore      *store;
  GCancellable *cancellable;
  UcTime        begin;
  UcTime        end;
  UcIdMap       cr_index;       /* change_request.id → index */
  UcIdMap       item_index;     /* work_item.id → index */
  UcIdMap       commit_index;   /* git_commit.id → index */
  UcIdMap       repo_index;     /* repo.id → index into repo_names */
} Loader;

static gboolean
finish_query (Loader       *loader,
              sqlite3_stmt *stmt,
              int           rc,
              const char   *what,
              GError      **error)
{
  if (g_cancellable_set_error_if_cancelled (loader->cancellable, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      uc_store_set_sql_error (loader->store, error, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static inline gboolean
cancelled_every (Loader *loader,
                 guint   n)
{
  return (n & 0x3fff) == 0 && g_cancellable_is_cancelled (loader->cancellable);
}

static int
person_of_identity (Loader       *loader,
                    sqlite3_stmt *stmt,
                    int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;
  return uc_id_map_lookup (&loader->self->identity_person, sqlite3_column_int64 (stmt, column), -1);
}

static inline UcTime
column_time (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, column);
}

static gboolean
is_agent (UcAnalysis *self,
          int         person)
{
  return person >= 0 && g_array_index (self->persons, UcAnPerson, person).is_agent;
}

static int
team_of (UcAnalysis *self,
         int         person,
         UcTime      time)
{
  return person >= 0 ? _uc_analysis_team_at (self, (guint) person, time) : -1;
}

static void
saw_person (UcAnalysis *self,
            int         person,
            UcTime      time)
{
  UcTime *first;

  if (person < 0)
    return;
  first = &self->records.person_first[person];
  if (*first == 0 || time < *first)
    *first = time;
}

/* Lower case, trimmed, inner space runs collapsed, U+2019 as "'" (as the
 * importer's status map folds names). */
static char *
fold_name (const char *text)
{
  g_autofree char *lower = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");
  lower = g_utf8_validate (text, -1, NULL) ? g_utf8_strdown (text, -1) : g_ascii_strdown (text, -1);
  out = g_string_sized_new (strlen (lower));
  for (const char *p = lower; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      if ((guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0x99)
        {
          g_string_append_c (out, '\'');
          p += 2;
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *name;
  int         category;
} DefaultStatus;

/* A copy of the importer's default table (uc-status-map.c), used only for
 * rows imported without a category. */
static const DefaultStatus default_statuses[] = {
  { "to do", UC_STATUS_TODO }, { "todo", UC_STATUS_TODO }, { "open", UC_STATUS_TODO },
  { "new", UC_STATUS_TODO }, { "backlog", UC_STATUS_TODO },
  { "selected for development", UC_STATUS_TODO }, { "ready for development", UC_STATUS_TODO },
  { "ready", UC_STATUS_TODO }, { "reopened", UC_STATUS_TODO }, { "triage", UC_STATUS_TODO },
  { "in progress", UC_STATUS_DOING }, { "in development", UC_STATUS_DOING },
  { "in review", UC_STATUS_DOING }, { "review", UC_STATUS_DOING },
  { "under review", UC_STATUS_DOING }, { "code review", UC_STATUS_DOING },
  { "peer review", UC_STATUS_DOING }, { "testing", UC_STATUS_DOING },
  { "in testing", UC_STATUS_DOING }, { "in test", UC_STATUS_DOING }, { "qa", UC_STATUS_DOING },
  { "in qa", UC_STATUS_DOING }, { "ready for qa", UC_STATUS_DOING },
  { "blocked", UC_STATUS_DOING }, { "on hold", UC_STATUS_DOING },
  { "done", UC_STATUS_DONE }, { "closed", UC_STATUS_DONE }, { "resolved", UC_STATUS_DONE },
  { "released", UC_STATUS_DONE }, { "fixed", UC_STATUS_DONE }, { "complete", UC_STATUS_DONE },
  { "completed", UC_STATUS_DONE }, { "won't do", UC_STATUS_DONE },
  { "won't fix", UC_STATUS_DONE }, { "duplicate", UC_STATUS_DONE },
  { "cancelled", UC_STATUS_DONE }, { "canceled", UC_STATUS_DONE },
  { "rejected", UC_STATUS_DONE }, { "declined", UC_STATUS_DONE },
};

/* Types of items that need no code (EG.unbacked_done). */
static const char *const excluded_types[] = {
  "question", "support", "support request", "service request", "duplicate",
  "won't do", "wont do", "won't fix", "wontfix", "wont fix", "invalid", "not a bug",
  "cannot reproduce", "can't reproduce", "works as designed", "works as intended",
};

/* Statuses (and resolutions) that close an item without work. */
static const char *const excluded_statuses[] = {
  "duplicate", "won't do", "wont do", "won't fix", "wontfix", "wont fix", "invalid",
  "not a bug", "cannot reproduce", "can't reproduce", "works as designed",
  "works as intended", "cancelled", "canceled", "rejected", "declined", "obsolete",
  "abandoned",
};

static const char *const decision_words[] = {
  "rfc", "rfcs", "adr", "adrs", "design", "designs", "proposal", "proposals",
  "decision", "decisions", "spike", "spikes", "discussion", "discussions",
};

static gboolean
in_list (const char        *folded,
         const char *const *list,
         gsize              n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (folded, list[i]))
      return TRUE;
  return FALSE;
}

static int
default_category (const char *status)
{
  g_autofree char *folded = NULL;

  if (status == NULL)
    return -1;
  folded = fold_name (status);
  for (guint i = 0; i < G_N_ELEMENTS (default_statuses); i++)
    if (g_str_equal (folded, default_statuses[i].name))
      return default_statuses[i].category;
  return -1;
}

static int
column_category (sqlite3_stmt *stmt,
                 int           category_column,
                 int           status_column)
{
  if (sqlite3_column_type (stmt, category_column) != SQLITE_NULL)
    {
      int category = sqlite3_column_int (stmt, category_column);

      if (category >= UC_STATUS_TODO && category <= UC_STATUS_DONE)
        return category;
    }
  return default_category ((const char *) sqlite3_column_text (stmt, status_column));
}

static gboolean
status_is_excluded (const char *status)
{
  g_autofree char *folded = NULL;

  if (status == NULL)
    return FALSE;
  folded = fold_name (status);
  return in_list (folded, excluded_statuses, G_N_ELEMENTS (excluded_statuses));
}

static gboolean
type_has_decision_word (const char *text)
{
  const char *p = text;

  if (text == NULL)
    return FALSE;
  while (*p != '\0')
    {
      const char *start;
      gsize n;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      n = (gsize) (p - start);
      for (guint i = 0; n > 0 && i < G_N_ELEMENTS (decision_words); i++)
        if (strlen (decision_words[i]) == n && g_ascii_strncasecmp (start, decision_words[i], n) == 0)
          return TRUE;
      while ((guchar) *p >= 0x80)
        p++;
    }
  return FALSE;
}

static UcAnItemClass
item_class (const char *type,
            gboolean    is_decision)
{
  g_autofree char *folded = fold_name (type);

  if (type != NULL && in_list (folded, excluded_types, G_N_ELEMENTS (excluded_types)))
    return UC_AN_ITEM_EXCLUDED;
  if (is_decision || type_has_decision_word (type))
    return UC_AN_ITEM_DECISION;
  return UC_AN_ITEM_NORMAL;
}

/* Group @n_members records into @n_groups lists: @group_of[i] is the
 * group of record i (or -1), records in index order (time order).
 * Fills @list and writes each group's first/n through @first and @count
 * (strided over the group structs). */
static void
group_records (const int *group_of,
               guint      n_members,
               guint      n_groups,
               GArray    *list,
               guint8    *groups,
               gsize      stride,
               gsize      first_offset,
               gsize      count_offset)
{
  g_autofree guint *fill = g_new0 (guint, (gsize) n_groups + 1);
  guint total = 0;

  for (guint i = 0; i < n_members; i++)
    if (group_of[i] >= 0)
      fill[group_of[i] + 1]++;
  for (guint g = 0; g < n_groups; g++)
    {
      guint *first = (guint *) (gpointer) (groups + g * stride + first_offset);
      guint *count = (guint *) (gpointer) (groups + g * stride + count_offset);

      *count = fill[g + 1];
      fill[g + 1] += fill[g];
      *first = fill[g];
    }
  total = fill[n_groups];
  g_array_set_size (list, total);
  for (guint i = 0; i < n_members; i++)
    if (group_of[i] >= 0)
      g_array_index (list, guint, fill[group_of[i]]++) = i;
}

/* ---- ordering ----
 *
 * Rows are read in table order and sorted here by (time, id): SQLite's
 * sorter costs more than a check that imports (which mostly insert in
 * time order) left them sorted, and a qsort when they did not. */

typedef struct
{
  UcTime time;
  UcId   id;
  guint  index;
} OrderKey;

static int
compare_order_keys (const void *a,
                    const void *b)
{
  const OrderKey *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

/* The permutation sorting @array by the UcTime at @time_offset then the
 * UcId at @id_offset of its elements; NULL when it is sorted already. */
static guint *
time_order (GArray *array,
            gsize   time_offset,
            gsize   id_offset)
{
  gsize size = g_array_get_element_size (array);
  g_autofree OrderKey *keys = NULL;
  gboolean sorted = TRUE;
  guint *order;

  keys = g_new (OrderKey, MAX (array->len, 1));
  for (guint i = 0; i < array->len; i++)
    {
      const guint8 *element = (const guint8 *) array->data + (gsize) i * size;

      memcpy (&keys[i].time, element + time_offset, sizeof (UcTime));
      memcpy (&keys[i].id, element + id_offset, sizeof (UcId));
      keys[i].index = i;
      if (i > 0 && compare_order_keys (&keys[i - 1], &keys[i]) > 0)
        sorted = FALSE;
    }
  if (sorted)
    return NULL;
  qsort (keys, array->len, sizeof (OrderKey), compare_order_keys);
  order = g_new (guint, array->len);
  for (guint i = 0; i < array->len; i++)
    order[i] = keys[i].index;
  return order;
}

/* Rearrange @array (elements of any size) so element i is the old
 * element order[i]. */
static void
apply_order (GArray      *array,
             const guint *order)
{
  gsize size = g_array_get_element_size (array);
  g_autofree guint8 *copy = NULL;

  if (order == NULL || array->len == 0)
    return;
  copy = g_memdup2 (array->data, (gsize) array->len * size);
  for (guint i = 0; i < array->len; i++)
    memcpy (array->data + (gsize) i * size, copy + (gsize) order[i] * size, size);
}

/* ---- change requests ---- */

static gboolean
load_crs (Loader  *loader,
          GError **error)
{
  UcAnalysis *self = loader->self;
  GArray *crs = self->records.crs;
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (loader->store,
                           "SELECT id, repo_id, author_id, state, created_time, updated_time,"
                           " merged_time, closed_time, merged_by_id, additions, deletions,"
                           " n_rounds, last_commit_time, is_draft"
                           " FROM change_request WHERE created_time >= ?1 AND created_time < ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, loader->begin);
  sqlite3_bind_int64 (stmt, 2, loader->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcAnCr cr = { 0 };
      const char *state = (const char *) sqlite3_column_text (stmt, 3);
      int repo;

      if (cancelled_every (loader, crs->len))
        break;
      repo = uc_id_map_lookup (&loader->repo_index, sqlite3_column_int64 (stmt, 1), -1);
      if (repo < 0)
        continue;
      cr.id = sqlite3_column_int64 (stmt, 0);
      cr.repo = (guint) repo;
      cr.author = person_of_identity (loader, stmt, 2);
      cr.created = sqlite3_column_int64 (stmt, 4);
      cr.updated = column_time (stmt, 5);
      cr.merged = column_time (stmt, 6);
      cr.closed = column_time (stmt, 7);
      cr.merged_by = person_of_identity (loader, stmt, 8);
      if (sqlite3_column_type (stmt, 9) == SQLITE_NULL && sqlite3_column_type (stmt, 10) == SQLITE_NULL)
        cr.size = -1;
      else
        cr.size = MAX (0, sqlite3_column_int64 (stmt, 9)) + MAX (0, sqlite3_column_int64 (stmt, 10));
      cr.n_rounds = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? -1 :
                    (int) CLAMP (sqlite3_column_int64 (stmt, 11), 0, G_MAXINT);
      cr.last_commit = column_time (stmt, 12);
      cr.is_draft = sqlite3_column_int (stmt, 13) != 0;
      cr.is_human = cr.author >= 0 && !is_agent (self, cr.author);

      if (g_strcmp0 (state, "merged") == 0 || cr.merged != 0)
        {
          cr.state = UC_AN_CR_MERGED;
          if (cr.merged == 0)
            cr.merged = cr.closed != 0 ? cr.closed : (cr.updated != 0 ? cr.updated : cr.created);
          cr.closed = cr.merged;
        }
      else if (g_strcmp0 (state, "closed") == 0)
        {
          cr.state = UC_AN_CR_CLOSED;
          if (cr.closed == 0)
            cr.closed = cr.updated != 0 ? cr.updated : cr.created;
          cr.merged = 0;
        }
      else
        {
          cr.state = UC_AN_CR_OPEN;
          cr.merged = 0;
          cr.closed = 0;
        }
      cr.merged = cr.merged != 0 ? MAX (cr.merged, cr.created) : 0;
      cr.closed = cr.closed != 0 ? MAX (cr.closed, cr.created) : 0;
      /* As of the end of the analysed period. */
      if (cr.closed >= loader->end)
        {
          cr.state = UC_AN_CR_OPEN;
          cr.merged = 0;
          cr.closed = 0;
        }
      if (cr.state != UC_AN_CR_MERGED)
        cr.merged_by = -1;

      cr.team = team_of (self, cr.author, cr.created);
      cr.end_team = cr.closed != 0 ? team_of (self, cr.author, cr.closed) : -1;
      saw_person (self, cr.author, cr.created);
      g_array_append_val (crs, cr);
    }
  if (!finish_query (loader, stmt, rc, "reading change requests", error))
    return FALSE;

  {
    g_autofree guint *order = time_order (crs, G_STRUCT_OFFSET (UcAnCr, created), G_STRUCT_OFFSET (UcAnCr, id));

    apply_order (crs, order);
  }
  for (guint c = 0; c < crs->len; c++)
    uc_id_map_insert (&loader->cr_index, g_array_index (crs, UcAnCr, c).id, (int) c);
  return TRUE;
}

static gboolean
load_reviews (Loader  *loader,
              GError **error)
{
  UcAnalysis *self = loader->self;
  GArray *reviews = self->records.reviews;
  g_autofree int *group_of = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (loader->store,
                           "SELECT id, cr_id, reviewer_id, state, time, body_len, is_objection"
                           " FROM review WHERE time >= ?1 AND time < ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, loader->begin);
  sqlite3_bind_int64 (stmt, 2, loader->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcAnReview review = { 0 };
      int cr, state;

      if (cancelled_every (loader, reviews->len))
        break;
      cr = uc_id_map_lookup (&loader->cr_index, sqlite3_column_int64 (stmt, 1), -1);
      if (cr < 0)
        continue;
      state = sqlite3_column_int (stmt, 3);
      if (state < UC_REVIEW_COMMENTED || state > UC_REVIEW_DISMISSED)
        state = UC_REVIEW_COMMENTED;
      review.id = sqlite3_column_int64 (stmt, 0);
      review.cr = (guint) cr;
      review.reviewer = person_of_identity (loader, stmt, 2);
      review.state = (guint8) state;
      review.time = sqlite3_column_int64 (stmt, 4);
      review.has_body = sqlite3_column_int64 (stmt, 5) > 0;
      review.is_objection = sqlite3_column_int (stmt, 6) != 0 || state == UC_REVIEW_CHANGES_REQUESTED;
      review.is_human = review.reviewer >= 0 && !is_agent (self, review.reviewer);
      review.team = team_of (self, review.reviewer, review.time);
      saw_person (self, review.reviewer, review.time);
      g_array_append_val (reviews, review);
    }
  if (!finish_query (loader, stmt, rc, "reading reviews", error))
    return FALSE;
  {
    g_autofree guint *order = time_order (reviews, G_STRUCT_OFFSET (UcAnReview, time),
                                          G_STRUCT_OFFSET (UcAnReview, id));

    apply_order (reviews, order);
  }

  group_of = g_new (int, MAX (reviews->len, 1));
  for (guint i = 0; i < reviews->len; i++)
    group_of[i] = (int) g_array_index (reviews, UcAnReview, i).cr;
  group_records (group_of, reviews->len, self->records.crs->len, self->records.cr_reviews,
                 (guint8 *) self->records.crs->data, sizeof (UcAnCr),
                 G_STRUCT_OFFSET (UcAnCr, first_review), G_STRUCT_OFFSET (UcAnCr, n_reviews));
  return TRUE;
}

/* ---- items and links ---- */

typedef struct
{
  GHashTable *by_key;        /* owned key → item index + 1 */
  GHashTable *by_number;     /* owned "N" → item index + 1, or G_MAXINT when ambiguous */
  GHashTable *by_project_number;  /* owned "project#N" (folded project basename too) → index + 1 */
  GPtrArray  *projects;      /* owned project per item, for "#N" */
} KeyIndex;

static void
key_index_clear (KeyIndex *keys)
{
  g_clear_pointer (&keys->by_key, g_hash_table_unref);
  g_clear_pointer (&keys->by_number, g_hash_table_unref);
  g_clear_pointer (&keys->by_project_number, g_hash_table_unref);
  g_clear_pointer (&keys->projects, g_ptr_array_unref);
}

static const char *
basename_of (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash != NULL ? slash + 1 : path;
}

static void
key_index_add (KeyIndex   *keys,
               const char *key,
               guint       item)
{
  const char *hash = strrchr (key, '#');

  if (!g_hash_table_contains (keys->by_key, key))
    g_hash_table_insert (keys->by_key, g_strdup (key), GUINT_TO_POINTER (item + 1));

  /* "project#N": index N alone, and "<project>#N", "<basename>#N"
   * (folded), for bare "#N" keys. */
  if (hash != NULL && hash[1] != '\0' && strspn (hash + 1, "0123456789") == strlen (hash + 1))
    {
      g_autofree char *project = g_ascii_strdown (key, hash - key);
      const char *number = hash + 1;
      gpointer old;

      old = g_hash_table_lookup (keys->by_number, number);
      g_hash_table_insert (keys->by_number, g_strdup (number),
                           old == NULL ? GUINT_TO_POINTER (item + 1) : GUINT_TO_POINTER (G_MAXUINT));
      g_hash_table_insert (keys->by_project_number,
                           g_strconcat (project, "#", number, NULL), GUINT_TO_POINTER (item + 1));
      if (strchr (project, '/') != NULL)
        {
          g_autofree char *base_key = g_strconcat (basename_of (project), "#", number, NULL);

          if (!g_hash_table_contains (keys->by_project_number, base_key))
            g_hash_table_insert (keys->by_project_number, g_steal_pointer (&base_key),
                                 GUINT_TO_POINTER (item + 1));
        }
    }
}

static int
key_index_resolve (KeyIndex   *keys,
                   const char *key,
                   const char *repo)
{
  gpointer found = g_hash_table_lookup (keys->by_key, key);

  if (found != NULL)
    return (int) GPOINTER_TO_UINT (found) - 1;
  if (key[0] == '#')
    {
      g_autofree char *folded_repo = g_ascii_strdown (repo != NULL ? repo : "", -1);
      g_autofree char *full = g_strconcat (folded_repo, key, NULL);
      g_autofree char *base = g_strconcat (basename_of (folded_repo), key, NULL);
      guint only;

      if ((found = g_hash_table_lookup (keys->by_project_number, full)) != NULL ||
          (found = g_hash_table_lookup (keys->by_project_number, base)) != NULL)
        return (int) GPOINTER_TO_UINT (found) - 1;
      only = GPOINTER_TO_UINT (g_hash_table_lookup (keys->by_number, key + 1));
      if (only != 0 && only != G_MAXUINT)
        return (int) only - 1;
      return -1;
    }
  {
    g_autofree char *upper = g_ascii_strup (key, -1);

    found = g_hash_table_lookup (keys->by_key, upper);
    if (found != NULL)
      return (int) GPOINTER_TO_UINT (found) - 1;
  }
  return -1;
}

static gboolean
load_items (Loader   *loader,
            KeyIndex *keys,
            GError  **error)
{
  UcAnalysis *self = loader->self;
  GArray *items = self->records.items;
  g_autoptr(GPtrArray) item_keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *order = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (loader->store,
                           "SELECT id, key, type, status, status_category, reporter_id, assignee_id,"
                           " created_time, updated_time, resolved_time, is_decision"
                           " FROM work_item WHERE created_time >= ?1 AND created_time < ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, loader->begin);
  sqlite3_bind_int64 (stmt, 2, loader->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcAnItem item = { 0 };
      const char *key = (const char *) sqlite3_column_text (stmt, 1);

      if (cancelled_every (loader, items->len))
        break;
      item.id = sqlite3_column_int64 (stmt, 0);
      item.category = (gint8) column_category (stmt, 4, 3);
      item.reporter = person_of_identity (loader, stmt, 5);
      item.assignee = person_of_identity (loader, stmt, 6);
      item.created = sqlite3_column_int64 (stmt, 7);
      item.updated = column_time (stmt, 8);
      item.resolved = column_time (stmt, 9);
      if (item.resolved != 0)
        item.resolved = MAX (item.resolved, item.created);
      if (item.resolved >= loader->end)
        item.resolved = 0;
      item.klass = (guint8) item_class ((const char *) sqlite3_column_text (stmt, 2),
                                        sqlite3_column_int (stmt, 10) != 0);
      if (sqlite3_column_int (stmt, 10) != 0 && item.klass == UC_AN_ITEM_EXCLUDED)
        item.klass = UC_AN_ITEM_DECISION;   /* flagged as a decision at import */
      item.team = -1;
      saw_person (self, item.reporter, item.created);

      g_ptr_array_add (item_keys, g_strdup (key));
      g_array_append_val (items, item);
    }
  if (!finish_query (loader, stmt, rc, "reading work items", error))
    return FALSE;

  order = time_order (items, G_STRUCT_OFFSET (UcAnItem, created), G_STRUCT_OFFSET (UcAnItem, id));
  apply_order (items, order);
  for (guint i = 0; i < items->len; i++)
    {
      const char *key = g_ptr_array_index (item_keys, order != NULL ? order[i] : i);

      if (key != NULL)
        key_index_add (keys, key, i);
      uc_id_map_insert (&loader->item_index, g_array_index (items, UcAnItem, i).id, (int) i);
    }
  return TRUE;
}

typedef struct
{
  guint from;    /* commit or CR index */
  guint item;
} Pair;

static int
compare_pairs (const void *a,
               const void *b)
{
  const Pair *x = a, *y = b;

  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return (x->item > y->item) - (x->item < y->item);
}

static guint
unique_pairs (GArray *pairs)
{
  guint n = 0;

  if (pairs->len > 1)
    qsort (pairs->data, pairs->len, sizeof (Pair), compare_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *p = &g_array_index (pairs, Pair, i);

      if (n > 0 && compare_pairs (p, &g_array_index (pairs, Pair, n - 1)) == 0)
        continue;
      g_array_index (pairs, Pair, n++) = *p;
    }
  g_array_set_size (pairs, n);
  return n;
}

/* Item-side lists (item_commits, item_crs) from pairs sorted by source;
 * the sources are indices in time order, so each item's list is too. */
static void
group_pairs_by_item (UcAnalysis *self,
                     GArray     *pairs,
                     GArray     *list,
                     gsize       first_offset,
                     gsize       count_offset)
{
  guint n_items = self->records.items->len;
  g_autofree guint *fill = g_new0 (guint, (gsize) n_items + 1);
  guint8 *base = (guint8 *) self->records.items->data;

  for (guint i = 0; i < pairs->len; i++)
    fill[g_array_index (pairs, Pair, i).item + 1]++;
  for (guint g = 0; g < n_items; g++)
    {
      *(guint *) (gpointer) (base + g * sizeof (UcAnItem) + count_offset) = fill[g + 1];
      fill[g + 1] += fill[g];
      *(guint *) (gpointer) (base + g * sizeof (UcAnItem) + first_offset) = fill[g];
    }
  g_array_set_size (list, pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      const Pair *p = &g_array_index (pairs, Pair, i);

      g_array_index (list, guint, fill[p->item]++) = p->from;
    }
}

static gboolean
load_links (Loader   *loader,
            KeyIndex *keys,
            GError  **error)
{
  UcAnalysis *self = loader->self;
  UcAnRecords *records = &self->records;
  g_autoptr(GArray) commit_pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autoptr(GArray) cr_pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  guint n_commits = self->commits->len;
  sqlite3_stmt *stmt;
  int rc;
  guint n = 0;

  stmt = uc_store_prepare (loader->store, "SELECT commit_id, cr_id, item_key FROM link", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 2);
      int commit = -1, cr = -1, item;
      const char *repo;
      Pair pair;

      if (cancelled_every (loader, n++))
        break;
      if (key == NULL || *key == '\0')
        continue;
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        commit = uc_id_map_lookup (&loader->commit_index, sqlite3_column_int64 (stmt, 0), -1);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        cr = uc_id_map_lookup (&loader->cr_index, sqlite3_column_int64 (stmt, 1), -1);
      if (commit < 0 && cr < 0)
        continue;
      records->n_link_rows++;

      if (commit >= 0)
        {
          guint8 *count = &records->commit_n_keys[commit];

          *count = (guint8) MIN (*count + 1, 255);
          repo = g_ptr_array_index (self->repo_names, g_array_index (self->commits, UcAnCommit, commit).repo);
        }
      else
        {
          g_array_index (records->crs, UcAnCr, cr).n_link_keys++;
          repo = g_ptr_array_index (self->repo_names, g_array_index (records->crs, UcAnCr, cr).repo);
        }

      item = key_index_resolve (keys, key, repo);
      if (item < 0)
        continue;
      pair.item = (guint) item;
      if (commit >= 0)
        {
          pair.from = (guint) commit;
          g_array_append_val (commit_pairs, pair);
        }
      else
        {
          pair.from = (guint) cr;
          g_array_append_val (cr_pairs, pair);
        }
    }
  if (!finish_query (loader, stmt, rc, "reading links", error))
    return FALSE;

  /* Commit side (CSR by commit) and CR side (first/n in UcAnCr). */
  unique_pairs (commit_pairs);
  unique_pairs (cr_pairs);
  g_array_set_size (records->commit_items, commit_pairs->len);
  for (guint i = 0; i < commit_pairs->len; i++)
    {
      const Pair *p = &g_array_index (commit_pairs, Pair, i);

      records->commit_item_offsets[p->from + 1]++;
      g_array_index (records->commit_items, guint, i) = p->item;
    }
  for (guint c = 0; c < n_commits; c++)
    records->commit_item_offsets[c + 1] += records->commit_item_offsets[c];

  g_array_set_size (records->cr_items, cr_pairs->len);
  for (guint i = 0; i < cr_pairs->len; i++)
    {
      const Pair *p = &g_array_index (cr_pairs, Pair, i);
      UcAnCr *cr = &g_array_index (records->crs, UcAnCr, p->from);

      if (cr->n_items == 0)
        cr->first_item = i;
      cr->n_items++;
      g_array_index (records->cr_items, guint, i) = p->item;
    }

  group_pairs_by_item (self, commit_pairs, records->item_commits,
                       G_STRUCT_OFFSET (UcAnItem, first_commit), G_STRUCT_OFFSET (UcAnItem, n_commits));
  group_pairs_by_item (self, cr_pairs, records->item_crs,
                       G_STRUCT_OFFSET (UcAnItem, first_cr), G_STRUCT_OFFSET (UcAnItem, n_crs));
  return TRUE;
}

/* The team of an item event by @actor at @time (see the top comment). */
int
_uc_analysis_item_team_at (UcAnalysis     *self,
                           const UcAnItem *item,
                           int             actor,
                           UcTime          time)
{
  UcAnRecords *records = &self->records;
  int candidates[2] = { item->assignee, item->reporter };
  int team;

  if (actor >= 0 && !is_agent (self, actor) && (team = team_of (self, actor, time)) >= 0)
    return team;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] >= 0 && !is_agent (self, candidates[i]) &&
        (team = team_of (self, candidates[i], time)) >= 0)
      return team;
  if (item->n_commits > 0)
    {
      guint c = g_array_index (records->item_commits, guint, item->first_commit);

      team = team_of (self, (int) g_array_index (self->commits, UcAnCommit, c).person, time);
      if (team >= 0)
        return team;
    }
  if (item->n_crs > 0)
    {
      guint c = g_array_index (records->item_crs, guint, item->first_cr);

      team = team_of (self, g_array_index (records->crs, UcAnCr, c).author, time);
      if (team >= 0)
        return team;
    }
  return -1;
}

static int
compare_status_changes (gconstpointer a,
                        gconstpointer b)
{
  const UcAnStatusChange *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  /* Synthesised changes (id 0) after stored ones at the same time. */
  if ((x->id == 0) != (y->id == 0))
    return x->id == 0 ? 1 : -1;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return (x->item > y->item) - (x->item < y->item);
}

static gboolean
load_status_changes (Loader  *loader,
                     GError **error)
{
  UcAnalysis *self = loader->self;
  UcAnRecords *records = &self->records;
  GArray *changes = records->status_changes;
  GArray *items = records->items;
  g_autofree guint8 *has_changelog = g_new0 (guint8, MAX (items->len, 1));
  g_autoptr(GHashTable) excluded_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree int *group_of = NULL;
  gboolean synthesised = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (loader->store,
                           "SELECT id, item_id, author_id, time, from_status, to_status,"
                           " from_category, to_category"
                           " FROM status_change WHERE time >= ?1 AND time < ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, loader->begin);
  sqlite3_bind_int64 (stmt, 2, loader->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcAnStatusChange change = { 0 };
      int item;

      if (cancelled_every (loader, changes->len))
        break;
      item = uc_id_map_lookup (&loader->item_index, sqlite3_column_int64 (stmt, 1), -1);
      if (item < 0)
        continue;
      change.id = sqlite3_column_int64 (stmt, 0);
      change.item = (guint) item;
      change.person = person_of_identity (loader, stmt, 2);
      change.time = sqlite3_column_int64 (stmt, 3);
      change.from = (gint8) column_category (stmt, 6, 4);
      change.to = (gint8) column_category (stmt, 7, 5);
      {
        const char *to_status = (const char *) sqlite3_column_text (stmt, 5);

        /* Few distinct statuses: fold each once. */
        if (to_status != NULL)
          {
            gpointer cached = g_hash_table_lookup (excluded_cache, to_status);

            if (cached == NULL)
              {
                cached = GINT_TO_POINTER (status_is_excluded (to_status) ? 2 : 1);
                g_hash_table_insert (excluded_cache, g_strdup (to_status), cached);
              }
            change.to_excluded = GPOINTER_TO_INT (cached) == 2;
          }
      }
      change.is_human = change.person >= 0 && !is_agent (self, change.person);
      has_changelog[item] = TRUE;
      saw_person (self, change.person, change.time);
      g_array_append_val (changes, change);
    }
  if (!finish_query (loader, stmt, rc, "reading status changes", error))
    return FALSE;

  /* Items without a changelog: their resolution, when done. */
  for (guint i = 0; i < items->len; i++)
    {
      const UcAnItem *item = &g_array_index (items, UcAnItem, i);
      UcAnStatusChange change = { 0 };

      if (has_changelog[i] || item->category != UC_STATUS_DONE || item->resolved == 0)
        continue;
      change.id = 0;
      change.item = i;
      change.person = item->assignee >= 0 ? item->assignee : item->reporter;
      change.time = item->resolved;
      change.from = -1;
      change.to = UC_STATUS_DONE;
      change.is_human = change.person >= 0 && !is_agent (self, change.person);
      g_array_append_val (changes, change);
      synthesised = TRUE;
    }
  for (guint i = 1; i < changes->len && !synthesised; i++)
    if (compare_status_changes (&g_array_index (changes, UcAnStatusChange, i - 1),
                                &g_array_index (changes, UcAnStatusChange, i)) > 0)
      synthesised = TRUE;   /* out of order: sort */
  if (synthesised)
    g_array_sort (changes, compare_status_changes);

  group_of = g_new (int, MAX (changes->len, 1));
  for (guint i = 0; i < changes->len; i++)
    group_of[i] = (int) g_array_index (changes, UcAnStatusChange, i).item;
  group_records (group_of, changes->len, items->len, records->item_status,
                 (guint8 *) items->data, sizeof (UcAnItem),
                 G_STRUCT_OFFSET (UcAnItem, first_status), G_STRUCT_OFFSET (UcAnItem, n_status));

  /* Teams, and the current category as of the end of the period. */
  for (guint i = 0; i < items->len; i++)
    {
      UcAnItem *item = &g_array_index (items, UcAnItem, i);

      item->team = _uc_analysis_item_team_at (self, item, item->reporter, item->created);
      if (item->n_status > 0)
        {
          guint last = g_array_index (records->item_status, guint, item->first_status + item->n_status - 1);
          gint8 to = g_array_index (changes, UcAnStatusChange, last).to;

          if (to >= 0)
            item->category = to;
        }
    }
  for (guint i = 0; i < changes->len; i++)
    {
      UcAnStatusChange *change = &g_array_index (changes, UcAnStatusChange, i);

      change->team = _uc_analysis_item_team_at (self, &g_array_index (items, UcAnItem, change->item),
                                                change->person, change->time);
    }
  return TRUE;
}

/* ---- comments and chat ---- */

static gboolean
load_comments (Loader  *loader,
               GError **error)
{
  UcAnalysis *self = loader->self;
  UcAnRecords *records = &self->records;
  GArray *comments = records->comments;
  g_autoptr(GArray) reply_ids = g_array_new (FALSE, FALSE, sizeof (UcId));
  g_autofree int *group_of = NULL;
  g_autofree guint *order = NULL;
  UcIdMap comment_index = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (loader->store,
                           "SELECT id, cr_id, item_id, author_id, time, reply_to_id,"
                           " is_review_comment, is_objection"
                           " FROM comment WHERE time >= ?1 AND time < ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  uc_id_map_init (&comment_index, 1024);
  sqlite3_bind_int64 (stmt, 1, loader->begin);
  sqlite3_bind_int64 (stmt, 2, loader->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcAnComment comment = { 0 };
      UcId reply_id;

      if (cancelled_every (loader, comments->len))
        break;
      comment.cr = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 :
                   uc_id_map_lookup (&loader->cr_index, sqlite3_column_int64 (stmt, 1), -1);
      comment.item = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 :
                     uc_id_map_lookup (&loader->item_index, sqlite3_column_int64 (stmt, 2), -1);
      if (comment.cr < 0 && comment.item < 0)
        continue;   /* on a record outside the period */
      if (comment.cr >= 0)
        comment.item = -1;
      comment.id = sqlite3_column_int64 (stmt, 0);
      comment.author = person_of_identity (loader, stmt, 3);
      comment.time = sqlite3_column_int64 (stmt, 4);
      comment.reply_to = -1;
      comment.is_review_comment = sqlite3_column_int (stmt, 6) != 0;
      comment.is_objection = sqlite3_column_int (stmt, 7) != 0;
      comment.is_human = comment.author >= 0 && !is_agent (self, comment.author);
      comment.team = team_of (self, comment.author, comment.time);
      saw_person (self, comment.author, comment.time);
      reply_id = column_time (stmt, 5);
      g_array_append_val (comments, comment);
      g_array_append_val (reply_ids, reply_id);
    }
  if (!finish_query (loader, stmt, rc, "reading comments", error))
    {
      uc_id_map_clear (&comment_index);
      return FALSE;
    }
  order = time_order (comments, G_STRUCT_OFFSET (UcAnComment, time), G_STRUCT_OFFSET (UcAnComment, id));
  apply_order (comments, order);
  apply_order (reply_ids, order);
  for (guint i = 0; i < comments->len; i++)
    uc_id_map_insert (&comment_index, g_array_index (comments, UcAnComment, i).id, (int) i);
  for (guint i = 0; i < comments->len; i++)
    {
      UcId reply_id = g_array_index (reply_ids, UcId, i);

      if (reply_id != 0)
        g_array_index (comments, UcAnComment, i).reply_to = uc_id_map_lookup (&comment_index, reply_id, -1);
    }
  uc_id_map_clear (&comment_index);

  group_of = g_new (int, MAX (comments->len, 1));
  for (guint i = 0; i < comments->len; i++)
    group_of[i] = g_array_index (comments, UcAnComment, i).cr;
  group_records (group_of, comments->len, records->crs->len, records->cr_comments,
                 (guint8 *) records->crs->data, sizeof (UcAnCr),
                 G_STRUCT_OFFSET (UcAnCr, first_comment), G_STRUCT_OFFSET (UcAnCr, n_comments));
  for (guint i = 0; i < comments->len; i++)
    group_of[i] = g_array_index (comments, UcAnComment, i).item;
  group_records (group_of, comments->len, records->items->len, records->item_comments,
                 (guint8 *) records->items->data, sizeof (UcAnItem),
                 G_STRUCT_OFFSET (UcAnItem, first_comment), G_STRUCT_OFFSET (UcAnItem, n_comments));
  return TRUE;
}

static gboolean
load_messages (Loader  *loader,
               GError **error)
{
  UcAnalysis *self = loader->self;
  UcAnRecords *records = &self->records;
  GArray *messages = records->messages;
  g_autoptr(GHashTable) channel_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_ext = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = uc_store_prepare (loader->store,
                           "SELECT id, system, channel, ext_id, author_id, time, thread_ext_id,"
                           " is_objection"
                           " FROM message WHERE time >= ?1 AND time < ?2 ORDER BY time, id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, loader->begin);
  sqlite3_bind_int64 (stmt, 2, loader->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UcAnMessage message = { 0 };
      const char *system = (const char *) sqlite3_column_text (stmt, 1);
      const char *channel = (const char *) sqlite3_column_text (stmt, 2);
      const char *ext_id = (const char *) sqlite3_column_text (stmt, 3);
      const char *thread = (const char *) sqlite3_column_text (stmt, 6);
      g_autofree char *channel_name = g_strdup_printf ("%s:%s", system != NULL ? system : "",
                                                       channel != NULL ? channel : "");
      gpointer found;
      guint index = messages->len;

      if (cancelled_every (loader, messages->len))
        break;
      found = g_hash_table_lookup (channel_index, channel_name);
      if (found == NULL)
        {
          char *owned = g_steal_pointer (&channel_name);

          g_ptr_array_add (records->channels, owned);
          found = GUINT_TO_POINTER (records->channels->len);
          g_hash_table_insert (channel_index, owned, found);
        }
      message.channel = GPOINTER_TO_UINT (found) - 1;
      message.id = sqlite3_column_int64 (stmt, 0);
      message.author = person_of_identity (loader, stmt, 4);
      message.time = sqlite3_column_int64 (stmt, 5);
      message.thread_root = -1;
      message.is_objection = sqlite3_column_int (stmt, 7) != 0;
      message.is_human = message.author >= 0 && !is_agent (self, message.author);
      message.team = team_of (self, message.author, message.time);
      saw_person (self, message.author, message.time);

      /* Keys are "<channel index>\x1f<ext id>". */
      if (ext_id != NULL)
        {
          char *key = g_strdup_printf ("%u\x1f%s", message.channel, ext_id);

          if (!g_hash_table_contains (by_ext, key))
            g_hash_table_insert (by_ext, key, GUINT_TO_POINTER (index + 1));
          else
            g_free (key);
        }
      if (thread != NULL && g_strcmp0 (thread, ext_id) != 0)
        {
          g_autofree char *key = g_strdup_printf ("%u\x1f%s", message.channel, thread);

          found = g_hash_table_lookup (by_ext, key);
          if (found != NULL)
            message.thread_root = (int) GPOINTER_TO_UINT (found) - 1;
          else
            /* The root is not in the workspace: this reply stands for it. */
            g_hash_table_insert (by_ext, g_steal_pointer (&key), GUINT_TO_POINTER (index + 1));
        }
      if (message.thread_root >= 0)
        {
          const UcAnMessage *root = &g_array_index (messages, UcAnMessage, message.thread_root);

          if (root->thread_root >= 0)
            message.thread_root = root->thread_root;
        }
      g_array_append_val (messages, message);
    }
  return finish_query (loader, stmt, rc, "reading chat messages", error);
}

/* ---- entry point ---- */

gboolean
_uc_analysis_load_records (UcAnalysis    *self,
                           UcStore       *store,
                           UcTime         begin,
                           UcTime         end,
                           GCancellable  *cancellable,
                           GError       **error)
{
  Loader loader = { 0 };
  KeyIndex keys = { 0 };
  gboolean ok;

  _uc_analysis_records_clear (&self->records);
  records_init (&self->records, self->persons->len, self->commits->len);

  loader.self = self;
  loader.store = store;
  loader.cancellable = cancellable;
  loader.begin = begin;
  loader.end = end;
  uc_id_map_init (&loader.cr_index, 1024);
  uc_id_map_init (&loader.item_index, 1024);
  uc_id_map_init (&loader.commit_index, (gsize) self->commits->len + 16);
  uc_id_map_init (&loader.repo_index, 16);
  for (guint c = 0; c < self->commits->len; c++)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);

      uc_id_map_insert (&loader.commit_index, commit->id, (int) c);
      saw_person (self, (int) commit->person, commit->time);
    }
  keys.by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  keys.by_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  keys.by_project_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Repositories in id order, as uc-analysis.c loaded repo_names. */
  {
    sqlite3_stmt *stmt = uc_store_prepare (store, "SELECT id FROM repo ORDER BY id", error);
    int rc;
    guint n = 0;

    ok = stmt != NULL;
    if (ok)
      {
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n < self->repo_names->len)
          uc_id_map_insert (&loader.repo_index, sqlite3_column_int64 (stmt, 0), (int) n++);
        if (rc == SQLITE_ROW)
          rc = SQLITE_DONE;   /* a repository added since: not analysed */
        ok = finish_query (&loader, stmt, rc, "reading repositories", error);
      }
  }

  ok = ok &&
       load_crs (&loader, error) &&
       load_reviews (&loader, error) &&
       load_items (&loader, &keys, error) &&
       load_links (&loader, &keys, error) &&
       load_status_changes (&loader, error) &&
       load_comments (&loader, error) &&
       load_messages (&loader, error);

  key_index_clear (&keys);
  uc_id_map_clear (&loader.cr_index);
  uc_id_map_clear (&loader.item_index);
  uc_id_map_clear (&loader.commit_index);
  uc_id_map_clear (&loader.repo_index);
  return ok;
}
