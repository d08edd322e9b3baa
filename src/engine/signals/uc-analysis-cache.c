/* uc-analysis-cache.c: analyses kept in the workspace and brought up to
 * date incrementally (see uc-analysis-cache.h).
 *
 * The state of the inputs is cheap to read: for every table the analysis
 * reads, its row count and largest row id (a row added), and a counter the
 * schema's triggers bump whenever a row is changed or removed
 * (uc-store-schema.c, migration 2). Equal state: the cached results hold.
 *
 * Otherwise the workspace is read and fingerprinted week by week. A
 * week's fingerprint covers every loaded record dated in it (commits with
 * their file changes, links, team and member; change requests and items
 * with the lists of their reviews, comments, status changes and links, at
 * their creation, with the records they hold and, for items, the
 * change requests and commits linked to them; reviews, comments,
 * messages, status changes; a chat reply also at its thread's start), the
 * people whose first event falls in it (agent flag, default team, usual
 * time zone), the files first changed in it (creator) or deleted in it,
 * and the starts and ends of team memberships falling in it. Facts of the
 * whole workspace — the teams, the first week, which kinds of records
 * exist at all, which teams have change requests — make a global
 * fingerprint. A week's value depends on records of that week and the
 * earlier ones only (rolling windows look back), so the weeks before the
 * first that differs keep their cached values and the rest are computed,
 * which gives the numbers a full run gives (tests/engine/test-cache.c
 * checks it). A new signal that reads a workspace-wide fact must add it
 * to global_digest() below.
 *
 * The results are stored as one blob per settings key: the weeks, the
 * teams, every value, the weekly activity and the fingerprints. The blob
 * is read by the program that wrote it only (the key names the program
 * file), in its own byte order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "uc-analysis-cache.h"
#include "uc-analysis-private.h"

#define CACHE_FORMAT   1
#define CACHE_MAGIC    0x43414355u   /* "UCAC" */
#define CACHE_ENTRIES  8             /* settings kept per workspace (the LIMIT below) */

/* The record structs fingerprinted field by field below: a new field
 * must be added to the fingerprint (or be shown not to matter), then
 * these sizes updated. */
G_STATIC_ASSERT (sizeof (UcAnCommit) == 56);
G_STATIC_ASSERT (sizeof (UcAnChange) == 16);
G_STATIC_ASSERT (sizeof (UcAnLineage) == 24);
G_STATIC_ASSERT (sizeof (UcAnPerson) == 48);
G_STATIC_ASSERT (sizeof (UcAnCr) == 120);
G_STATIC_ASSERT (sizeof (UcAnReview) == 32);
G_STATIC_ASSERT (sizeof (UcAnComment) == 40);
G_STATIC_ASSERT (sizeof (UcAnMessage) == 40);
G_STATIC_ASSERT (sizeof (UcAnItem) == 88);
G_STATIC_ASSERT (sizeof (UcAnStatusChange) == 32);

/* ---- hashing ---- */

static inline guint64
mix64 (guint64 x)
{
  /* splitmix64's finaliser */
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

static inline void
feed (guint64 *h,
      guint64  value)
{
  *h = mix64 (*h ^ mix64 (value + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)));
}

static guint64
hash_string (const char *text)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (const guchar *p = (const guchar *) (text != NULL ? text : ""); *p != '\0'; p++)
    {
      h ^= *p;
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

/* ---- the state of the inputs ---- */

/* Literals: uc_store_prepare() caches statements by their text. */
static const char *const input_queries[] = {
  "SELECT count(*), max(rowid) FROM person",
  "SELECT count(*), max(rowid) FROM identity",
  "SELECT count(*), max(rowid) FROM team",
  "SELECT count(*), max(rowid) FROM person_team",
  "SELECT count(*), max(rowid) FROM repo",
  "SELECT count(*), max(rowid) FROM git_commit",
  "SELECT count(*), max(rowid) FROM file",
  "SELECT count(*), max(commit_id) FROM file_change",
  "SELECT count(*), max(rowid) FROM change_request",
  "SELECT count(*), max(rowid) FROM review",
  "SELECT count(*), max(rowid) FROM work_item",
  "SELECT count(*), max(rowid) FROM status_change",
  "SELECT count(*), max(rowid) FROM comment",
  "SELECT count(*), max(rowid) FROM message",
  "SELECT count(*), max(rowid) FROM link",
  "SELECT count(*), max(generation) FROM analysis_state",
};

static char *
read_inputs (UcStore  *store,
             GError  **error)
{
  GString *state = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (input_queries); i++)
    {
      sqlite3_stmt *stmt = uc_store_prepare (store, input_queries[i], error);
      int rc;

      if (stmt == NULL)
        {
          g_string_free (state, TRUE);
          return NULL;
        }
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          uc_store_set_sql_error (store, error, "reading the state of the workspace");
          sqlite3_reset (stmt);
          g_string_free (state, TRUE);
          return NULL;
        }
      g_string_append_printf (state, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ";",
                              (gint64) sqlite3_column_int64 (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1));
      sqlite3_reset (stmt);
    }
  return g_string_free (state, FALSE);
}

/* ---- the settings key ---- */

/* The program's file, so results of other code are never reused. */
static const char *
program_identity (void)
{
  static char *identity;
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      g_autofree char *path = g_file_read_link ("/proc/self/exe", NULL);
      GStatBuf buf;

      if (path != NULL && g_stat (path, &buf) == 0)
        identity = g_strdup_printf ("%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                    PACKAGE_VERSION, path, (gint64) buf.st_size, (gint64) buf.st_mtime);
      else
        identity = g_strdup (PACKAGE_VERSION);
      g_once_init_leave (&initialised, 1);
    }
  return identity;
}

/* @probe: a new analysis with the effective settings. */
static char *
settings_key (UcAnalysis *probe)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const UcAnalysisOptions *o = &probe->options;

  g_string_append_printf (text, "format %d; program %s; signals %d; last week %d; min group %d %u;"
                          " hours %d %d; ed %.17g; bounds",
                          CACHE_FORMAT, program_identity (), UC_N_SIGNALS, o->last_week,
                          o->min_group_enabled, o->min_group_size,
                          o->working_hours_start, o->working_hours_end, probe->ed_weight_interaction);
  for (guint s = 0; s < UC_N_SIGNALS; s++)
    g_string_append_printf (text, " %.17g %.17g", probe->healthy[s], probe->alarming[s]);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, (gssize) text->len);
}

/* ---- fingerprints ---- */

typedef struct
{
  guint64  global;
  guint    n_weeks;
  guint64 *weeks;
} Digests;

static void
digests_clear (Digests *digests)
{
  g_clear_pointer (&digests->weeks, g_free);
}

static inline guint
week_of (UcAnalysis *self,
         UcTime      time)
{
  if (time < self->week_starts[0])
    return 0;
  if (time >= self->week_starts[self->n_weeks])
    return self->n_weeks - 1;
  return (guint) ((time - self->week_starts[0]) / UC_SECONDS_PER_WEEK);
}

static inline guint64
person_id (UcAnalysis *self,
           int         person)
{
  return person >= 0 ? (guint64) g_array_index (self->persons, UcAnPerson, person).id : 0;
}

#define CR_ID(self, i)      (g_array_index ((self)->records.crs, UcAnCr, (i)).id)
#define ITEM_ID(self, i)    (g_array_index ((self)->records.items, UcAnItem, (i)).id)
#define REVIEW_ID(self, i)  (g_array_index ((self)->records.reviews, UcAnReview, (i)).id)
#define COMMENT_ID(self, i) (g_array_index ((self)->records.comments, UcAnComment, (i)).id)
#define MESSAGE_ID(self, i) (g_array_index ((self)->records.messages, UcAnMessage, (i)).id)
#define STATUS_ID(self, i)  (g_array_index ((self)->records.status_changes, UcAnStatusChange, (i)).id)
#define COMMIT_ID(self, i)  (g_array_index ((self)->commits, UcAnCommit, (i)).id)

/* The ids behind a list of indices. */
static void
feed_list (guint64    *h,
           GArray     *list,
           guint       first,
           guint       n,
           GArray     *records,
           gsize       id_offset)
{
  gsize size = g_array_get_element_size (records);

  feed (h, n);
  for (guint i = 0; i < n; i++)
    {
      guint index = g_array_index (list, guint, first + i);
      UcId id;

      memcpy (&id, records->data + (gsize) index * size + id_offset, sizeof id);
      feed (h, (guint64) id);
    }
}

static void
add (Digests    *digests,
     UcAnalysis *self,
     UcTime      time,
     guint64     record)
{
  feed (&digests->weeks[week_of (self, time)], record);
}

/* Facts of the whole workspace that signals read. */
static guint64
global_digest (UcAnalysis *self)
{
  UcAnRecords *records = &self->records;
  g_autofree guint8 *with_crs = g_new0 (guint8, MAX (self->teams->len, 1));
  guint64 h = CACHE_FORMAT;

  feed (&h, self->n_weeks > 0 ? (guint64) self->weeks[0] : 0);
  feed (&h, self->teams->len);
  for (guint t = 0; t < self->teams->len; t++)
    {
      const UcTeamInfo *team = g_ptr_array_index (self->teams, t);

      feed (&h, hash_string (team->name));
      feed (&h, (guint64) team->team_id);
    }
  /* Which kinds of records exist at all (RV, EG and DS tell "no data"
   * from "none" by them). */
  feed (&h, records->crs->len > 0);
  feed (&h, records->reviews->len > 0);
  feed (&h, records->comments->len > 0);
  feed (&h, records->cr_comments->len > 0);
  feed (&h, records->messages->len > 0);
  feed (&h, records->items->len > 0);
  feed (&h, records->status_changes->len > 0);
  feed (&h, records->n_link_rows > 0);
  /* Teams with change requests (EG.invisible counts their CRs, not
   * their commits). */
  for (guint c = 0; c < records->crs->len; c++)
    {
      const UcAnCr *cr = &g_array_index (records->crs, UcAnCr, c);

      if (!cr->is_human)
        continue;
      if (cr->team >= 0)
        with_crs[cr->team] = TRUE;
      if (cr->end_team >= 0)
        with_crs[cr->end_team] = TRUE;
    }
  for (guint t = 0; t < self->teams->len; t++)
    feed (&h, with_crs[t]);
  return h;
}

static void
digest_commits (UcAnalysis *self,
                Digests    *digests)
{
  UcAnRecords *records = &self->records;
  g_autofree UcTime *lineage_first = g_new (UcTime, MAX (self->lineages->len, 1));

  for (guint l = 0; l < self->lineages->len; l++)
    lineage_first[l] = G_MAXINT64;

  for (guint c = 0; c < self->commits->len; c++)
    {
      const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit, c);
      guint64 h = 1;

      feed (&h, (guint64) commit->id);
      feed (&h, (guint64) commit->time);
      feed (&h, person_id (self, (int) commit->person));
      feed (&h, hash_string (g_ptr_array_index (self->repo_names, commit->repo)));
      feed (&h, (guint64) commit->team);
      feed (&h, ((guint64) commit->is_merge << 1) | commit->is_human);
      feed (&h, (guint64) commit->tz);
      feed (&h, ((guint64) commit->is_rework << 1) | commit->ai_assisted);
      feed (&h, person_id (self, commit->committer));
      feed (&h, commit->n_changes);
      for (guint i = 0; i < commit->n_changes; i++)
        {
          const UcAnChange *change = &g_array_index (self->changes, UcAnChange, commit->first_change + i);

          feed (&h, change->lineage);
          feed (&h, (guint64) change->kind);
          feed (&h, (guint64) g_array_index (self->files, UcAnFile, change->file).id);
          feed (&h, change->lines);
          lineage_first[change->lineage] = MIN (lineage_first[change->lineage], commit->time);
        }
      feed (&h, records->commit_n_keys[c]);
      for (guint i = records->commit_item_offsets[c]; i < records->commit_item_offsets[c + 1]; i++)
        feed (&h, (guint64) ITEM_ID (self, g_array_index (records->commit_items, guint, i)));
      add (digests, self, commit->time, h);
    }

  /* A file's creator counts from its first change on; its deletion from
   * then on. */
  for (guint l = 0; l < self->lineages->len; l++)
    {
      const UcAnLineage *lineage = &g_array_index (self->lineages, UcAnLineage, l);
      guint64 h = 2;

      if (lineage_first[l] == G_MAXINT64)
        continue;
      feed (&h, l);
      feed (&h, person_id (self, lineage->creator));
      add (digests, self, lineage_first[l], h);
      if (lineage->deleted != G_MAXINT64)
        {
          h = 3;
          feed (&h, l);
          feed (&h, (guint64) lineage->deleted);
          add (digests, self, lineage->deleted, h);
        }
    }
}

static void
digest_people (UcAnalysis *self,
               Digests    *digests)
{
  g_autofree gint16 *offsets = _uc_signals_hd_modal_offsets (self);

  /* A person's standing (agent, default team, usual time zone) counts
   * from their first event. */
  for (guint p = 0; p < self->persons->len; p++)
    {
      const UcAnPerson *person = &g_array_index (self->persons, UcAnPerson, p);
      UcTime first = self->records.person_first[p];
      guint64 h = 4;

      if (first == 0)
        continue;
      feed (&h, (guint64) person->id);
      feed (&h, person->is_agent);
      feed (&h, person->default_team >= 0 ?
                hash_string (g_array_index (self->raw_teams, UcAnRawTeam, person->default_team).name) : 0);
      feed (&h, (guint64) offsets[p]);
      add (digests, self, first, h);
    }

  /* Memberships count from where they start and end. */
  for (guint m = 0; m < self->members->len; m++)
    {
      const UcAnMember *member = &g_array_index (self->members, UcAnMember, m);

      for (guint i = 0; i < member->intervals->len; i++)
        {
          const UcRosterRow *iv = &g_array_index (member->intervals, UcRosterRow, i);
          guint64 h = 5;

          feed (&h, member->team);
          feed (&h, person_id (self, (int) member->person));
          feed (&h, member->is_agent);
          feed (&h, (guint64) iv->from);
          add (digests, self, iv->from == G_MININT64 ? self->week_starts[0] : iv->from, h);
          h = 6;
          feed (&h, member->team);
          feed (&h, person_id (self, (int) member->person));
          feed (&h, (guint64) iv->to);
          add (digests, self, iv->to == G_MAXINT64 ? self->week_starts[self->n_weeks] - 1 : iv->to, h);
        }
    }
}

/* The hashes of the records a list names. */
static void
feed_hashes (guint64       *h,
             GArray        *list,
             guint          first,
             guint          n,
             const guint64 *hashes)
{
  feed (h, n);
  for (guint i = 0; i < n; i++)
    feed (h, hashes[g_array_index (list, guint, first + i)]);
}

/* Every record at its time; a change request or an item also at its
 * creation with everything it holds (its reviews, comments and status
 * changes, and what an item's signals read of its linked change requests
 * and commits, which may come later). */
static void
digest_records (UcAnalysis    *self,
                Digests       *digests)
{
  UcAnRecords *r = &self->records;
  g_autofree guint64 *reviews = g_new (guint64, MAX (r->reviews->len, 1));
  g_autofree guint64 *comments = g_new (guint64, MAX (r->comments->len, 1));
  g_autofree guint64 *changes = g_new (guint64, MAX (r->status_changes->len, 1));

  for (guint i = 0; i < r->reviews->len; i++)
    {
      const UcAnReview *review = &g_array_index (r->reviews, UcAnReview, i);
      guint64 h = 11;

      feed (&h, (guint64) review->id);
      feed (&h, (guint64) review->time);
      feed (&h, (guint64) CR_ID (self, review->cr));
      feed (&h, person_id (self, review->reviewer));
      feed (&h, (guint64) review->team);
      feed (&h, ((guint64) review->state << 3) | ((guint64) review->is_objection << 2) |
                ((guint64) review->has_body << 1) | review->is_human);
      reviews[i] = h;
      add (digests, self, review->time, h);
    }
  for (guint i = 0; i < r->comments->len; i++)
    {
      const UcAnComment *comment = &g_array_index (r->comments, UcAnComment, i);
      guint64 h = 12;

      feed (&h, (guint64) comment->id);
      feed (&h, (guint64) comment->time);
      feed (&h, person_id (self, comment->author));
      feed (&h, (guint64) comment->team);
      feed (&h, comment->cr >= 0 ? (guint64) CR_ID (self, comment->cr) : 0);
      feed (&h, comment->item >= 0 ? (guint64) ITEM_ID (self, comment->item) : 0);
      feed (&h, comment->reply_to >= 0 ? (guint64) COMMENT_ID (self, comment->reply_to) : 0);
      feed (&h, ((guint64) comment->is_review_comment << 2) | ((guint64) comment->is_objection << 1) |
                comment->is_human);
      comments[i] = h;
      add (digests, self, comment->time, h);
    }
  for (guint i = 0; i < r->status_changes->len; i++)
    {
      const UcAnStatusChange *change = &g_array_index (r->status_changes, UcAnStatusChange, i);
      guint64 h = 15;

      feed (&h, (guint64) change->id);
      feed (&h, (guint64) change->time);
      feed (&h, (guint64) ITEM_ID (self, change->item));
      feed (&h, person_id (self, change->person));
      feed (&h, (guint64) change->team);
      feed (&h, ((guint64) (guint8) change->from << 16) | ((guint64) (guint8) change->to << 8) |
                ((guint64) change->to_excluded << 1) | change->is_human);
      changes[i] = h;
      add (digests, self, change->time, h);
    }
  for (guint i = 0; i < r->messages->len; i++)
    {
      const UcAnMessage *message = &g_array_index (r->messages, UcAnMessage, i);
      guint64 h = 13;

      feed (&h, (guint64) message->id);
      feed (&h, (guint64) message->time);
      feed (&h, person_id (self, message->author));
      feed (&h, (guint64) message->team);
      feed (&h, hash_string (g_ptr_array_index (r->channels, message->channel)));
      feed (&h, message->thread_root >= 0 ? (guint64) MESSAGE_ID (self, message->thread_root) : 0);
      feed (&h, ((guint64) message->is_objection << 1) | message->is_human);
      add (digests, self, message->time, h);
      /* A reply changes what the thread's earlier messages got (DS's
       * time to a first reply), from the thread's start. */
      if (message->thread_root >= 0)
        add (digests, self, g_array_index (r->messages, UcAnMessage, message->thread_root).time, h);
    }
  for (guint i = 0; i < r->crs->len; i++)
    {
      const UcAnCr *cr = &g_array_index (r->crs, UcAnCr, i);
      guint64 h = 10;

      feed (&h, (guint64) cr->id);
      feed (&h, hash_string (g_ptr_array_index (self->repo_names, cr->repo)));
      feed (&h, person_id (self, cr->author));
      feed (&h, person_id (self, cr->merged_by));
      feed (&h, (guint64) cr->team);
      feed (&h, (guint64) cr->end_team);
      feed (&h, (guint64) cr->created);
      feed (&h, (guint64) cr->merged);
      feed (&h, (guint64) cr->closed);
      feed (&h, (guint64) cr->updated);
      feed (&h, (guint64) cr->last_commit);
      feed (&h, (guint64) cr->size);
      feed (&h, (guint64) cr->n_rounds);
      feed (&h, ((guint64) cr->state << 2) | ((guint64) cr->is_draft << 1) | cr->is_human);
      feed (&h, cr->n_link_keys);
      feed_list (&h, r->cr_items, cr->first_item, cr->n_items, r->items, G_STRUCT_OFFSET (UcAnItem, id));
      feed_hashes (&h, r->cr_reviews, cr->first_review, cr->n_reviews, reviews);
      feed_hashes (&h, r->cr_comments, cr->first_comment, cr->n_comments, comments);
      add (digests, self, cr->created, h);
    }
  for (guint i = 0; i < r->items->len; i++)
    {
      const UcAnItem *item = &g_array_index (r->items, UcAnItem, i);
      guint64 h = 14;

      feed (&h, (guint64) item->id);
      feed (&h, person_id (self, item->reporter));
      feed (&h, person_id (self, item->assignee));
      feed (&h, (guint64) item->team);
      feed (&h, (guint64) item->created);
      feed (&h, (guint64) item->resolved);
      feed (&h, (guint64) item->updated);
      feed (&h, ((guint64) (guint8) item->category << 8) | item->klass);
      feed_hashes (&h, r->item_status, item->first_status, item->n_status, changes);
      feed_hashes (&h, r->item_comments, item->first_comment, item->n_comments, comments);
      /* What the item's signals read of its linked commits and change
       * requests (EG's status lag and zombies, CV's activity). */
      feed (&h, item->n_commits);
      for (guint k = 0; k < item->n_commits; k++)
        {
          const UcAnCommit *commit = &g_array_index (self->commits, UcAnCommit,
                                                     g_array_index (r->item_commits, guint, item->first_commit + k));

          feed (&h, (guint64) commit->id);
          feed (&h, (guint64) commit->time);
        }
      feed (&h, item->n_crs);
      for (guint k = 0; k < item->n_crs; k++)
        {
          const UcAnCr *cr = &g_array_index (r->crs, UcAnCr, g_array_index (r->item_crs, guint, item->first_cr + k));

          feed (&h, (guint64) cr->id);
          feed (&h, cr->state);
          feed (&h, (guint64) cr->created);
          feed (&h, (guint64) cr->merged);
          feed (&h, (guint64) cr->closed);
          feed (&h, (guint64) cr->last_commit);
        }
      add (digests, self, item->created, h);
    }
}

static void
compute_digests (UcAnalysis *self,
                 Digests    *digests)
{
  digests->n_weeks = self->n_weeks;
  digests->weeks = g_new0 (guint64, MAX (self->n_weeks, 1));
  digests->global = global_digest (self);
  if (self->n_weeks == 0)
    return;
  digest_commits (self, digests);
  digest_people (self, digests);
  digest_records (self, digests);
}

/* ---- the blob ---- */

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         pos;
  gboolean      ok;
} Reader;

static gboolean
get (Reader *reader,
     void   *out,
     gsize   size)
{
  if (size == 0)
    return reader->ok;
  if (!reader->ok || size > reader->length - reader->pos)
    {
      reader->ok = FALSE;
      memset (out, 0, size);
      return FALSE;
    }
  memcpy (out, reader->data + reader->pos, size);
  reader->pos += size;
  return TRUE;
}

static guint32
get_u32 (Reader *reader)
{
  guint32 value;

  get (reader, &value, sizeof value);
  return value;
}

static gint64
get_i64 (Reader *reader)
{
  gint64 value;

  get (reader, &value, sizeof value);
  return value;
}

/* A count of elements of @size bytes that must fit in what is left. */
static guint32
get_count (Reader *reader,
           gsize   size)
{
  guint32 n = get_u32 (reader);

  if (reader->ok && size > 0 && n > (reader->length - reader->pos) / size)
    reader->ok = FALSE;
  return reader->ok ? n : 0;
}

static void
put (GByteArray *out,
     const void *data,
     gsize       size)
{
  g_byte_array_append (out, data, (guint) size);
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  put (out, &value, sizeof value);
}

static void
put_i64 (GByteArray *out,
         gint64      value)
{
  put (out, &value, sizeof value);
}

typedef struct
{
  guint32        n_teams;
  guint32        n_weeks;
  guint64        global;
  int           *weeks;
  guint64       *digests;
  Reader         values;   /* where the teams start */
} Cached;

static void
cached_clear (Cached *cached)
{
  g_clear_pointer (&cached->weeks, g_free);
  g_clear_pointer (&cached->digests, g_free);
}

/* The header, weeks and fingerprints of a blob; the reader is left at
 * the teams. */
static gboolean
read_header (const guint8 *data,
             gsize         length,
             Cached       *cached)
{
  Reader reader = { data, length, 0, TRUE };
  guint32 magic, format, n_signals;

  memset (cached, 0, sizeof *cached);
  magic = get_u32 (&reader);
  format = get_u32 (&reader);
  n_signals = get_u32 (&reader);
  if (!reader.ok || magic != CACHE_MAGIC || format != CACHE_FORMAT || n_signals != UC_N_SIGNALS)
    return FALSE;
  cached->n_teams = get_u32 (&reader);
  get (&reader, &cached->global, sizeof cached->global);
  cached->n_weeks = get_count (&reader, sizeof (int) + sizeof (guint64));
  if (!reader.ok)
    return FALSE;
  cached->weeks = g_new (int, MAX (cached->n_weeks, 1));
  cached->digests = g_new (guint64, MAX (cached->n_weeks, 1));
  get (&reader, cached->weeks, (gsize) cached->n_weeks * sizeof (int));
  get (&reader, cached->digests, (gsize) cached->n_weeks * sizeof (guint64));
  cached->values = reader;
  if (!reader.ok)
    cached_clear (cached);
  return reader.ok;
}

static void
team_info_free (UcTeamInfo *team)
{
  g_free (team->name);
  g_clear_pointer (&team->person_ids, g_array_unref);
  g_free (team);
}

/* Teams, values and activity of a blob into @self, whose weeks are set. */
static gboolean
read_results (Reader     *reader,
              UcAnalysis *self,
              guint32     n_teams)
{
  gsize n_values;

  for (guint32 t = 0; t < n_teams && reader->ok; t++)
    {
      UcTeamInfo *team = g_new0 (UcTeamInfo, 1);
      guint32 name_length = get_count (reader, 1);
      guint32 n_ids;

      team->name = g_malloc0 (name_length + 1);
      get (reader, team->name, name_length);
      team->team_id = get_i64 (reader);
      team->n_members = get_u32 (reader);
      team->n_agents = get_u32 (reader);
      n_ids = get_count (reader, sizeof (UcId));
      team->person_ids = g_array_sized_new (FALSE, FALSE, sizeof (UcId), n_ids);
      g_array_set_size (team->person_ids, n_ids);
      get (reader, team->person_ids->data, (gsize) n_ids * sizeof (UcId));
      if (!reader->ok || strlen (team->name) != name_length)
        {
          reader->ok = FALSE;
          team_info_free (team);
          break;
        }
      g_ptr_array_add (self->teams, team);
    }

  n_values = (gsize) n_teams * UC_N_SIGNALS * self->n_weeks;
  if (!reader->ok || n_values > (reader->length - reader->pos) / sizeof (UcSignalValue))
    return FALSE;
  self->values = g_new (UcSignalValue, MAX (n_values, 1));
  get (reader, self->values, n_values * sizeof (UcSignalValue));
  self->activity = g_new0 (double, MAX ((gsize) n_teams * self->n_weeks, 1));
  get (reader, self->activity, (gsize) n_teams * self->n_weeks * sizeof (double));
  return reader->ok && reader->pos == reader->length;
}

static GByteArray *
write_blob (UcAnalysis    *self,
            const Digests *digests)
{
  GByteArray *out = g_byte_array_new ();
  gsize n_values = (gsize) self->teams->len * UC_N_SIGNALS * self->n_weeks;

  put_u32 (out, CACHE_MAGIC);
  put_u32 (out, CACHE_FORMAT);
  put_u32 (out, UC_N_SIGNALS);
  put_u32 (out, self->teams->len);
  put (out, &digests->global, sizeof digests->global);
  put_u32 (out, self->n_weeks);
  put (out, self->weeks, (gsize) self->n_weeks * sizeof (int));
  put (out, digests->weeks, (gsize) self->n_weeks * sizeof (guint64));
  for (guint t = 0; t < self->teams->len; t++)
    {
      const UcTeamInfo *team = g_ptr_array_index (self->teams, t);

      put_u32 (out, (guint32) strlen (team->name));
      put (out, team->name, strlen (team->name));
      put_i64 (out, team->team_id);
      put_u32 (out, team->n_members);
      put_u32 (out, team->n_agents);
      put_u32 (out, team->person_ids->len);
      put (out, team->person_ids->data, (gsize) team->person_ids->len * sizeof (UcId));
    }
  put (out, self->values, n_values * sizeof (UcSignalValue));
  put (out, self->activity, (gsize) self->teams->len * self->n_weeks * sizeof (double));
  return out;
}

/* ---- the table ---- */

/* The cached blob and inputs' state for @key, NULL when none. */
static GBytes *
read_entry (UcStore     *store,
            const char  *key,
            char       **inputs,
            GError     **error)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, "SELECT inputs, data FROM analysis_cache WHERE key = ?1", error);
  GBytes *data = NULL;
  int rc;

  *inputs = NULL;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *inputs = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      data = g_bytes_new (sqlite3_column_blob (stmt, 1), (gsize) sqlite3_column_bytes (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    uc_store_set_sql_error (store, error, "reading the analysis cache");
  sqlite3_reset (stmt);
  return data;
}

/* Best effort: a workspace that cannot be written is analysed all the
 * same. */
static void
write_entry (UcStore    *store,
             const char *key,
             const char *inputs,
             GByteArray *blob)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!uc_store_exec (store, "SAVEPOINT uc_analysis_cache_write;", &error))
    {
      g_debug ("Not caching the analysis: %s", error->message);
      return;
    }
  stmt = uc_store_prepare (store,
                           "INSERT OR REPLACE INTO analysis_cache (key, inputs, created, data)"
                           " VALUES (?1, ?2, ?3, ?4)", &error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, inputs, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
      sqlite3_bind_blob64 (stmt, 4, blob->data, blob->len, SQLITE_STATIC);
      ok = uc_store_step_done (store, stmt, &error);
    }
  ok = ok && uc_store_exec (store,
                            "DELETE FROM analysis_cache WHERE key NOT IN"
                            " (SELECT key FROM analysis_cache ORDER BY created DESC LIMIT 8);", &error);
  if (!ok)
    {
      g_debug ("Not caching the analysis: %s", error->message);
      uc_store_exec (store, "ROLLBACK TO uc_analysis_cache_write;", NULL);
    }
  uc_store_exec (store, "RELEASE uc_analysis_cache_write;", NULL);
}

gboolean
uc_analysis_cache_clear (UcStore  *store,
                         GError  **error)
{
  g_return_val_if_fail (UC_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return uc_store_exec (store, "DELETE FROM analysis_cache;", error);
}

/* ---- running ---- */

static UcAnalysis *
results_from_blob (const UcAnalysisOptions *options,
                   GBytes                  *blob,
                   const char              *inputs)
{
  g_autoptr(UcAnalysis) self = _uc_analysis_new (options);
  gsize length;
  const guint8 *data = g_bytes_get_data (blob, &length);
  Cached cached;

  if (!read_header (data, length, &cached))
    return NULL;
  self->n_weeks = cached.n_weeks;
  self->weeks = g_steal_pointer (&cached.weeks);
  self->week_starts = g_new (UcTime, self->n_weeks + 1);
  for (guint w = 0; w <= self->n_weeks; w++)
    self->week_starts[w] = self->n_weeks > 0 ? uc_week_start (self->weeks[0]) + (UcTime) w * UC_SECONDS_PER_WEEK : 0;
  if (!read_results (&cached.values, self, cached.n_teams))
    {
      cached_clear (&cached);
      return NULL;
    }
  cached_clear (&cached);

  self->results_only = TRUE;
  self->origin = UC_ANALYSIS_CACHED;
  self->recomputed_from = self->n_weeks;
  self->cache_inputs = g_strdup (inputs);
  _uc_analysis_finish (self);
  return g_steal_pointer (&self);
}

/* Copy the cached values of weeks before @from_week into @self; the
 * first week whose inputs changed, or 0 when the cached run cannot be
 * used. */
static guint
reuse_cached (UcAnalysis    *self,
              const Digests *digests,
              GBytes        *blob)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (blob, &length);
  g_autoptr(UcAnalysis) old = NULL;
  Cached cached;
  guint common, from;

  if (!read_header (data, length, &cached))
    return 0;
  if (cached.global != digests->global || cached.n_teams != self->teams->len ||
      cached.n_weeks == 0 || self->n_weeks == 0 || cached.weeks[0] != self->weeks[0])
    {
      cached_clear (&cached);
      return 0;
    }
  common = MIN (cached.n_weeks, self->n_weeks);
  for (from = 0; from < common; from++)
    if (cached.digests[from] != digests->weeks[from])
      break;

  /* The old values. */
  old = _uc_analysis_new (&self->options);
  old->n_weeks = cached.n_weeks;
  if (from > 0 && read_results (&cached.values, old, cached.n_teams))
    {
      for (guint t = 0; t < self->teams->len; t++)
        for (guint s = 0; s < UC_N_SIGNALS; s++)
          memcpy (_uc_analysis_value_cell (self, t, s, 0), _uc_analysis_value_cell (old, t, s, 0),
                  from * sizeof (UcSignalValue));
    }
  else
    from = 0;
  cached_clear (&cached);
  return from;
}

UcAnalysis *
uc_analysis_run_cached (UcStore                 *store,
                        const UcAnalysisOptions *options,
                        UcProgressFunc           progress,
                        gpointer                 progress_data,
                        GCancellable            *cancellable,
                        GError                 **error)
{
  g_autoptr(UcAnalysis) probe = NULL;
  g_autoptr(UcAnalysis) self = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GByteArray) out = NULL;
  g_autofree char *key = NULL;
  g_autofree char *inputs = NULL;
  g_autofree char *cached_inputs = NULL;
  UcAnalysisOptions defaults;
  Digests digests = { 0 };
  guint from = 0;
  gboolean ok;
  gint64 t0 = g_get_monotonic_time (), t1, t2, t3;

  g_return_val_if_fail (UC_IS_STORE (store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      uc_analysis_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->last_week == 0 || uc_week_start (options->last_week) != 0, NULL);

  probe = _uc_analysis_new (options);
  key = settings_key (probe);

  /* The inputs' state, the cached entry and the workspace in one read
   * transaction, so the state describes what was read. */
  if (!uc_store_exec (store, "SAVEPOINT uc_analysis_cache_read;", error))
    return NULL;
  inputs = read_inputs (store, error);
  ok = inputs != NULL;
  if (ok)
    {
      g_autoptr(GError) local = NULL;

      blob = read_entry (store, key, &cached_inputs, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          ok = FALSE;
        }
    }
  if (ok && blob != NULL && g_str_equal (cached_inputs, inputs))
    {
      self = results_from_blob (options, blob, inputs);
      if (self != NULL)
        {
          uc_store_exec (store, "RELEASE uc_analysis_cache_read;", NULL);
          if (progress != NULL)
            progress (1.0, NULL, progress_data);
          return g_steal_pointer (&self);
        }
    }
  if (ok)
    {
      self = _uc_analysis_load (store, options, progress, progress_data, cancellable, error);
      ok = self != NULL;
    }
  uc_store_exec (store, "RELEASE uc_analysis_cache_read;", NULL);
  if (!ok)
    return NULL;
  t1 = g_get_monotonic_time ();

  compute_digests (self, &digests);
  if (blob != NULL)
    from = reuse_cached (self, &digests, blob);
  t2 = g_get_monotonic_time ();
  if (!_uc_analysis_compute (self, from, progress, progress_data, cancellable, error))
    {
      digests_clear (&digests);
      return NULL;
    }
  _uc_analysis_finish (self);
  self->origin = from == 0 ? UC_ANALYSIS_COMPUTED : UC_ANALYSIS_INCREMENTAL;
  self->recomputed_from = from;
  t3 = g_get_monotonic_time ();

  out = write_blob (self, &digests);
  write_entry (store, key, inputs, out);
  digests_clear (&digests);
  g_debug ("Analysis: read in %.3f s, compared in %.3f s, computed weeks %u to %u in %.3f s,"
           " cached in %.3f s", (t1 - t0) / 1e6, (t2 - t1) / 1e6, from, self->n_weeks,
           (t3 - t2) / 1e6, (g_get_monotonic_time () - t3) / 1e6);
  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  return g_steal_pointer (&self);
}

UcAnalysisOrigin
uc_analysis_get_origin (UcAnalysis *analysis,
                        guint      *recomputed_from)
{
  g_return_val_if_fail (analysis != NULL, UC_ANALYSIS_COMPUTED);

  if (recomputed_from != NULL)
    *recomputed_from = analysis->origin == UC_ANALYSIS_COMPUTED ? 0 : analysis->recomputed_from;
  return (UcAnalysisOrigin) analysis->origin;
}

/* ---- the records behind cached results ---- */

static gboolean
same_shape (UcAnalysis *a,
            UcAnalysis *b)
{
  if (a->n_weeks != b->n_weeks || a->teams->len != b->teams->len)
    return FALSE;
  for (guint w = 0; w < a->n_weeks; w++)
    if (a->weeks[w] != b->weeks[w])
      return FALSE;
  for (guint t = 0; t < a->teams->len; t++)
    if (!g_str_equal (((UcTeamInfo *) g_ptr_array_index (a->teams, t))->name,
                      ((UcTeamInfo *) g_ptr_array_index (b->teams, t))->name))
      return FALSE;
  return TRUE;
}

UcAnalysis *
_uc_analysis_cache_get_full (UcAnalysis  *self,
                             UcStore     *store,
                             GError     **error)
{
  UcAnalysis *full = NULL;

  g_mutex_lock (&self->full_lock);
  if (self->full == NULL)
    {
      g_autofree char *inputs = NULL;
      g_autoptr(UcAnalysis) loaded = NULL;
      gboolean ok = uc_store_exec (store, "SAVEPOINT uc_analysis_cache_full;", error);

      if (ok)
        {
          inputs = read_inputs (store, error);
          ok = inputs != NULL;
          if (ok && !g_str_equal (inputs, self->cache_inputs))
            {
              g_set_error (error, UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_CHANGED,
                           _("The workspace changed since this analysis: analyse it again"));
              ok = FALSE;
            }
          if (ok)
            {
              loaded = _uc_analysis_load (store, &self->options, NULL, NULL, NULL, error);
              ok = loaded != NULL;
            }
          uc_store_exec (store, "RELEASE uc_analysis_cache_full;", NULL);
        }
      if (ok && !same_shape (self, loaded))
        {
          g_set_error (error, UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_CHANGED,
                       _("The workspace changed since this analysis: analyse it again"));
          ok = FALSE;
        }
      if (ok)
        {
          /* The same values, so evidence that looks at them agrees. */
          memcpy (loaded->values, self->values,
                  (gsize) self->teams->len * UC_N_SIGNALS * self->n_weeks * sizeof (UcSignalValue));
          _uc_analysis_finish (loaded);
          self->full = g_steal_pointer (&loaded);
        }
    }
  full = self->full;
  g_mutex_unlock (&self->full_lock);
  return full;
}
