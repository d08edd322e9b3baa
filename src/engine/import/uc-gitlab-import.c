/* uc-gitlab-import.c: GitLab merge requests, notes, approvals and issues.
 *
 * INPUT. A file or a folder of files, each holding JSON in one of these
 * shapes, told apart by content (never by file name):
 *
 *   - Perceval items ({"backend_name": "GitLab", "category":
 *     "merge_request" | "issue", "origin": URL, "data": {…}}), as a JSON
 *     array (GrimoireLab ELK dumps) or one object after another (the
 *     perceval command's output, or JSON lines). The data carries its own
 *     notes_data, award_emoji_data and versions_data.
 *   - Raw REST API v4 responses, a page (JSON array) or a single object:
 *     merge requests, issues, notes, discussions, award emoji, merge
 *     request versions (the list or one version), merge request approvals
 *     and the project. Each element is classified by its fields, so a page
 *     may hold anything. GitLab commit lists are recognised and skipped
 *     (commits come from git). In a folder, files that are not JSON (a
 *     README) or hold nothing GitLab are skipped with a warning each;
 *     hidden files are ignored and sub-folders are read too.
 *
 * Files are streamed: a small tokenizer splits the top-level array (or
 * the sequence of objects) into one text per element, and each element is
 * parsed on its own, so memory does not grow with the file.
 *
 * A folder is read in three passes: projects and Perceval items, then
 * merge requests and issues, then what belongs to them (notes, discussions,
 * emoji, versions, approvals). Raw notes, emoji, versions and approvals
 * name their merge request or issue only by GitLab's internal id
 * (noteable_id, awardable_id, merge_request_id) or by project_id + iid, so
 * they are attached to a merge request or issue read in the same import;
 * the ones whose owner is not in the import are skipped with one warning
 * per file (not an error: a partial export is not malformed). A single file
 * holding only such records cannot be imported on its own and gives an
 * error saying so.
 *
 * MAPPING.
 *   repo            kind "gitlab", named path_with_namespace ("group/sub/project"),
 *                   from web_url, references.full, the project page
 *                   (project_id) or the Perceval origin, in that order.
 *   change_request  one per merge request, number = iid; state opened/locked
 *                   → open, merged, closed; created/updated/merged/closed
 *                   times (merged: merged_at, else the "merged" system note,
 *                   else updated_at); merged_by (merged_by, merge_user, else
 *                   the "merged" note's author); draft (draft,
 *                   work_in_progress, or a Draft:/WIP: title); n_rounds = the
 *                   number of distinct versions, else 1 + the "added N
 *                   commits" system notes when notes are known, else
 *                   unknown; last_commit_time = the newest version (or push
 *                   note); n_commits from commits_data or the newest
 *                   version's commits; title/description lengths.
 *   link            ticket keys in the title ("title"), description ("body")
 *                   and source branch ("branch"); "#12" means issue 12 of the
 *                   same project and is stored as "group/project#12", and a
 *                   branch named like GitLab's "12-fix-login" links issue 12.
 *   comment         every non-system note (DiffNotes are review comments);
 *                   length and objection flag only. Replies come from
 *                   discussions (a note answers the discussion's first note).
 *                   ext_ids name the owner: "gitlab:group/p!7:note:1001",
 *                   "gitlab:group/p#12:note:2003" (reviews and status
 *                   changes too; real exports have been seen reusing note
 *                   ids across issues).
 *   review          system notes are not discussion; they only give events:
 *                   "approved this merge request" → approved, "unapproved
 *                   this merge request" → dismissed, "requested changes" →
 *                   changes requested (an objection). From the approvals API,
 *                   every approved_by user → approved (at approved_at, else
 *                   the page's updated_at). Award emoji on a merge request:
 *                   thumbsup → approved, thumbsdown → changes requested (an
 *                   objection); the author's own emoji are ignored. An
 *                   approval from the approvals API or a thumbsup is not
 *                   added when the same person already has an approval on
 *                   that merge request (GitLab shows one approval per person).
 *   work_item       one per issue, tracker "gitlab", key "group/project#iid",
 *                   type = issue_type or "issue"; status "closed" (done), or
 *                   on an open issue a doing label, named as the label
 *                   (doing / in progress / in review / WIP…, or a label the
 *                   user's status map, uc-status-map.h, maps to doing), or
 *                   "opened" (todo); weight → story points;
 *                   labels like RFC, ADR, design, proposal, decision, spike
 *                   or discussion mark a decision item.
 *   status_change   from the issue's system notes, replayed in time order
 *                   from "opened": "closed…" → done, "reopened" → back to
 *                   todo (or doing), "added/removed ~doing label" → doing /
 *                   todo. Without notes, no status changes are invented.
 *   identity        kind "gitlab" (username), plus "email" when the user
 *                   object has one; bots ("bot": true, *bot names) are agents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "uc-import-private.h"
#include "uc-status-map.h"

/* ======================================================================
 * Streaming JSON values
 *
 * Splits a JSON text into its records without building a tree of the
 * whole document: the elements of a top-level array (or of arrays written
 * one after the other, as paginating tools do), or a sequence of top-level
 * objects (JSON lines, or pretty-printed objects one after the other).
 * Only strings and nesting are tracked; each record's text is then parsed
 * on its own, so a record with broken syntax inside can be skipped alone.
 * ====================================================================== */

#define JSON_CHUNK (64 * 1024)
#define JSON_MAX_RECORD (256 * 1024 * 1024)

typedef enum
{
  SPLIT_SEQUENCE,     /* between top-level values: '{' (a record) or '[' (a page) */
  SPLIT_ARRAY,        /* inside a top-level array, expecting an element or ']' */
  SPLIT_ARRAY_NEXT,   /* after an element: ',' or ']' */
} SplitState;

typedef struct
{
  GInputStream *stream;       /* borrowed */
  GCancellable *cancellable;  /* borrowed */
  char         *chunk;        /* owned */
  gsize         chunk_len;
  gsize         chunk_pos;
  gboolean      eof;
  SplitState    state;
  GString      *value;        /* owned: the record being read */
  guint64       line;         /* current line, 1-based */
  guint64       value_line;   /* line where the last record started */
  guint64       error_line;   /* line a structural problem is reported at */
  guint64       n_values;     /* records returned */
  guint64       offset;       /* bytes consumed */
  guint64       n_in_array;   /* elements of the current top-level array */
  gboolean      not_json;     /* the first byte that is not space is not '{' or '[' */
} JsonSplitter;

typedef enum
{
  SPLIT_ERROR = -1,   /* *problem set (a structural problem: stop reading) */
  SPLIT_END = 0,
  SPLIT_VALUE = 1,
} SplitResult;

static void
json_splitter_init (JsonSplitter *s,
                    GInputStream *stream,
                    GCancellable *cancellable)
{
  memset (s, 0, sizeof *s);
  s->stream = stream;
  s->cancellable = cancellable;
  s->chunk = g_malloc (JSON_CHUNK);
  s->value = g_string_new (NULL);
  s->line = 1;
}

static void
json_splitter_clear (JsonSplitter *s)
{
  g_clear_pointer (&s->chunk, g_free);
  if (s->value != NULL)
    g_string_free (s->value, TRUE);
  s->value = NULL;
}

/* The next byte, or -1 at the end; -2 on a read error (error set). */
static int
split_getc (JsonSplitter  *s,
            GError       **error)
{
  if (s->chunk_pos >= s->chunk_len)
    {
      gssize n;

      if (s->eof)
        return -1;
      n = g_input_stream_read (s->stream, s->chunk, JSON_CHUNK, s->cancellable, error);
      if (n < 0)
        return -2;
      if (n == 0)
        {
          s->eof = TRUE;
          return -1;
        }
      s->chunk_len = (gsize) n;
      s->chunk_pos = 0;
    }
  s->offset++;
  return (guchar) s->chunk[s->chunk_pos++];
}

static void
split_ungetc (JsonSplitter *s)
{
  g_assert (s->chunk_pos > 0);
  s->chunk_pos--;
  s->offset--;
}

static char *
split_describe_char (int c)
{
  if (c >= 0x20 && c < 0x7f)
    return g_strdup_printf ("“%c”", c);
  return g_strdup_printf ("0x%02X", (guint) c);
}

/* Read one complete value whose first byte @first was just read. */
static SplitResult
split_read_value (JsonSplitter  *s,
                  int            first,
                  char         **problem,
                  GError       **error)
{
  gboolean in_string = FALSE, escape = FALSE;
  int depth = 0;
  gboolean container = first == '{' || first == '[';
  int c = first;

  g_string_truncate (s->value, 0);
  s->value_line = s->line;
  s->error_line = s->line;   /* problems inside a record: where it starts */

  for (;;)
    {
      if (c == '\n')
        s->line++;

      if (!container && !in_string && depth == 0 && s->value->len > 0 &&
          (c == ',' || c == ']' || c == '}' || g_ascii_isspace (c)))
        {
          /* the end of a scalar */
          split_ungetc (s);
          if (c == '\n')
            s->line--;
          return SPLIT_VALUE;
        }

      g_string_append_c (s->value, (char) c);
      if (s->value->len > JSON_MAX_RECORD)
        {
          *problem = g_strdup (_("a record is larger than 256 MB"));
          return SPLIT_ERROR;
        }

      if (in_string)
        {
          if (escape)
            escape = FALSE;
          else if (c == '\\')
            escape = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          depth--;
          if (depth < 0)
            {
              *problem = g_strdup_printf (_("unexpected “%c”"), c);
              return SPLIT_ERROR;
            }
          if (depth == 0 && container)
            return SPLIT_VALUE;
        }

      c = split_getc (s, error);
      if (c == -2)
        return SPLIT_ERROR;
      if (c == -1)
        {
          if (!container && !in_string)
            return SPLIT_VALUE;
          *problem = g_strdup (_("the document ends in the middle of a record (the file is truncated)"));
          return SPLIT_ERROR;
        }
    }
}

/* The next record's text in s->value (NUL-terminated). On SPLIT_ERROR,
 * either *problem (malformed document) or @error (read error) is set. */
static SplitResult
json_splitter_next (JsonSplitter  *s,
                    char         **problem,
                    GError       **error)
{
  for (;;)
    {
      int c = split_getc (s, error);

      if (c == -2)
        return SPLIT_ERROR;
      if (c == -1)
        {
          if (s->state == SPLIT_ARRAY || s->state == SPLIT_ARRAY_NEXT)
            {
              s->error_line = s->line;
              *problem = g_strdup (_("the document ends before the closing “]” (the file is truncated)"));
              return SPLIT_ERROR;
            }
          return SPLIT_END;
        }
      if (c == '\n')
        {
          s->line++;
          continue;
        }
      if (g_ascii_isspace (c))
        continue;

      s->error_line = s->line;
      switch (s->state)
        {
        case SPLIT_SEQUENCE:
          if (c == '[')
            {
              /* a page: its elements are the records */
              s->state = SPLIT_ARRAY;
              s->n_in_array = 0;
              continue;
            }
          if (c != '{')
            {
              g_autofree char *what = split_describe_char (c);

              s->not_json = s->n_values == 0;
              *problem = g_strdup_printf (_("not JSON: expected “{” or “[” at line %" G_GUINT64_FORMAT ", found %s"),
                                          s->line, what);
              return SPLIT_ERROR;
            }
          if (split_read_value (s, c, problem, error) != SPLIT_VALUE)
            return SPLIT_ERROR;
          s->n_values++;
          return SPLIT_VALUE;

        case SPLIT_ARRAY:
          if (c == ']' && s->n_in_array == 0)
            {
              s->state = SPLIT_SEQUENCE;
              continue;
            }
          if (c == ',' || c == ']')
            {
              *problem = g_strdup_printf (_("unexpected “%c” at line %" G_GUINT64_FORMAT), c, s->line);
              return SPLIT_ERROR;
            }
          if (split_read_value (s, c, problem, error) != SPLIT_VALUE)
            return SPLIT_ERROR;
          s->n_values++;
          s->n_in_array++;
          s->state = SPLIT_ARRAY_NEXT;
          return SPLIT_VALUE;

        case SPLIT_ARRAY_NEXT:
        default:
          if (c == ',')
            s->state = SPLIT_ARRAY;
          else if (c == ']')
            s->state = SPLIT_SEQUENCE;
          else
            {
              g_autofree char *what = split_describe_char (c);

              *problem = g_strdup_printf (_("expected “,” or “]” at line %" G_GUINT64_FORMAT ", found %s"),
                                          s->line, what);
              return SPLIT_ERROR;
            }
          continue;
        }
    }
}

/* Open @path for the splitter: skips a UTF-8 byte order mark and converts
 * UTF-16 with a byte order mark (as Windows PowerShell writes) to UTF-8. */
static GInputStream *
open_json_stream (const char    *path,
                  const char    *display,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 bom[3] = { 0 };
  gsize n_bom = 0;
  const char *from = NULL;
  goffset skip = 0;

  input = g_file_read (file, cancellable, &local_error);
  if (input != NULL &&
      g_input_stream_read_all (G_INPUT_STREAM (input), bom, sizeof bom, &n_bom,
                               cancellable, &local_error))
    {
      if (n_bom >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        skip = 3;
      else if (n_bom >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
        from = "UTF-16LE", skip = 2;
      else if (n_bom >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
        from = "UTF-16BE", skip = 2;
      g_seekable_seek (G_SEEKABLE (input), skip, G_SEEK_SET, cancellable, &local_error);
    }
  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }
  if (from != NULL)
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", from, error);

      if (converter == NULL)
        return NULL;
      g_charset_converter_set_use_fallback (converter, TRUE);
      return g_converter_input_stream_new (G_INPUT_STREAM (input), G_CONVERTER (converter));
    }
  return G_INPUT_STREAM (g_steal_pointer (&input));
}

/* Parse one record's text, which starts at @first_line of the file.
 * Returns the parser (its root is the record) or NULL with *problem set. */
static JsonParser *
parse_record (const char  *text,
              gsize        len,
              guint64      first_line,
              char       **problem)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *bad = NULL;

  if (!g_utf8_validate (text, (gssize) len, &bad))
    {
      *problem = g_strdup_printf (_("invalid UTF-8 at byte %" G_GSIZE_FORMAT " of the record"),
                                  (gsize) (bad - text));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) len, &local_error))
    {
      /* json-glib says "<data>:LINE:COLUMN: Parse error: …": make the line
       * the file's */
      const char *msg = local_error->message;
      guint64 line = 0, column = 0;
      char *end = NULL;

      if (g_str_has_prefix (msg, "<data>:"))
        {
          line = g_ascii_strtoull (msg + 7, &end, 10);
          if (end != NULL && *end == ':')
            column = g_ascii_strtoull (end + 1, &end, 10);
          if (end != NULL && *end == ':' && line > 0)
            {
              msg = end + 1;
              while (*msg == ' ')
                msg++;
              if (g_str_has_prefix (msg, "Parse error: "))
                msg += 13;
              *problem = g_strdup_printf (_("invalid JSON at line %" G_GUINT64_FORMAT ", column %" G_GUINT64_FORMAT ": %s"),
                                          first_line + line - 1, column, msg);
              return NULL;
            }
        }
      *problem = g_strdup_printf (_("invalid JSON: %s"), msg);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      *problem = g_strdup (_("empty record"));
      return NULL;
    }
  return g_steal_pointer (&parser);
}

/* ======================================================================
 * JSON access with type checks
 * ====================================================================== */

/* The member, or NULL when it is missing or null. */
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

static void
set_problem (char       **problem,
             char        *text)
{
  if (*problem == NULL)
    *problem = text;
  else
    g_free (text);
}

static const char *
get_string (JsonObject  *o,
            const char  *name,
            char       **problem)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    {
      set_problem (problem, g_strdup_printf (_("“%s” is not a string"), name));
      return NULL;
    }
  return json_node_get_string (n);
}

/* A whole number, also accepted as a numeric string. FALSE when missing
 * or wrong (then *problem is set). */
static gboolean
get_int (JsonObject  *o,
         const char  *name,
         gint64      *out,
         char       **problem)
{
  JsonNode *n = member (o, name);
  GType type;

  if (n == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (n))
    {
      type = json_node_get_value_type (n);
      if (type == G_TYPE_INT64)
        {
          *out = json_node_get_int (n);
          return TRUE;
        }
      if (type == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (n);

          if (d == floor (d) && fabs (d) < 9e15)
            {
              *out = (gint64) d;
              return TRUE;
            }
        }
      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (n);
          char *end = NULL;
          gint64 v;

          if (s != NULL && *s != '\0')
            {
              v = g_ascii_strtoll (s, &end, 10);
              if (end != NULL && *end == '\0')
                {
                  *out = v;
                  return TRUE;
                }
            }
        }
    }
  set_problem (problem, g_strdup_printf (_("“%s” is not a whole number"), name));
  return FALSE;
}

static gboolean
get_bool (JsonObject  *o,
          const char  *name,
          char       **problem)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    {
      set_problem (problem, g_strdup_printf (_("“%s” is not true or false"), name));
      return FALSE;
    }
  return json_node_get_boolean (n);
}

static JsonObject *
get_object (JsonObject  *o,
            const char  *name,
            char       **problem)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      set_problem (problem, g_strdup_printf (_("“%s” is not an object"), name));
      return NULL;
    }
  return json_node_get_object (n);
}

static JsonArray *
get_array (JsonObject  *o,
           const char  *name,
           char       **problem)
{
  JsonNode *n = member (o, name);

  if (n == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      set_problem (problem, g_strdup_printf (_("“%s” is not a list"), name));
      return NULL;
    }
  return json_node_get_array (n);
}

/* An ISO-8601 time; 0 when missing; 0 and *problem when invalid. */
static UcTime
get_time (JsonObject  *o,
          const char  *name,
          char       **problem)
{
  const char *s = get_string (o, name, problem);
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (s == NULL || *s == '\0')
    return 0;
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (s, utc);
  if (dt == NULL)
    {
      set_problem (problem, g_strdup_printf (_("“%s” is not a date (“%.40s”)"), name, s));
      return 0;
    }
  return g_date_time_to_unix (dt);
}

static gboolean
has_member (JsonObject *o,
            const char *name)
{
  return json_object_has_member (o, name);
}

/* ======================================================================
 * Importer state
 * ====================================================================== */

typedef enum
{
  GL_UNKNOWN,
  GL_ENVELOPE,
  GL_PROJECT,
  GL_MR,
  GL_ISSUE,
  GL_NOTE,
  GL_DISCUSSION,
  GL_AWARD,
  GL_VERSION,
  GL_APPROVALS,
  GL_COMMIT,
  GL_OTHER_ENVELOPE,   /* a Perceval item of another backend */
  N_GL_KINDS
} GlKind;

#define KIND_BIT(k) (1u << (k))
#define PASS1_KINDS (KIND_BIT (GL_ENVELOPE) | KIND_BIT (GL_PROJECT))
#define PASS2_KINDS (KIND_BIT (GL_MR) | KIND_BIT (GL_ISSUE))
#define PASS3_KINDS (KIND_BIT (GL_NOTE) | KIND_BIT (GL_DISCUSSION) | KIND_BIT (GL_AWARD) | \
                     KIND_BIT (GL_VERSION) | KIND_BIT (GL_APPROVALS))

typedef struct
{
  char     *path;        /* owned, file system path */
  char     *name;        /* owned, UTF-8 name relative to the folder (folder mode) */
  goffset   size;
  guint     kinds;       /* KIND_BIT()s seen in pass 1 */
  gboolean  broken;      /* a structural problem stopped pass 1 */
  guint     n_dangling[N_GL_KINDS];
  gint64    first_dangling_owner;
} GlFile;

static void
gl_file_free (GlFile *f)
{
  g_free (f->path);
  g_free (f->name);
  g_free (f);
}

/* A status event of an issue, replayed at the end. */
typedef enum
{
  EV_CLOSE,
  EV_REOPEN,
  EV_DOING_ON,
  EV_DOING_OFF,
} EventKind;

typedef struct
{
  UcTime     time;
  gint64     note_id;
  EventKind  kind;
  UcId       author;
  char      *label;      /* owned: the doing label, for EV_DOING_* */
} StatusEvent;

/* An approval decided at the end (approvals API, award emoji). */
typedef struct
{
  char          *ext_id;   /* owned */
  UcId           reviewer;
  UcReviewState  state;
  UcTime         time;
  gboolean       only_if_new;  /* skip when the reviewer already approved */
} PendingReview;

/* A merge request or issue read in this import. */
typedef struct
{
  gboolean    is_mr;
  char       *repo_path;       /* owned */
  gint64      iid;
  UcId        row_id;          /* change_request or work_item id */
  UcId        author;
  char       *prefix;          /* owned: ext_id prefix "gitlab:group/p!12" */

  /* merge request: the row, kept to rewrite it with what children add */
  UcChangeRequestRow row;
  char       *number;          /* owned, row.number */
  const char *state;           /* static: row.state */
  GHashTable *versions;        /* gint64 id set, or NULL */
  GHashTable *push_notes;      /* gint64 note id set, or NULL */
  gboolean    notes_known;     /* notes were read: rounds can be counted from them */
  UcTime      newest_version;
  gint64      newest_version_commits;
  UcTime      push_time;       /* newest "added N commits" note */
  UcTime      merged_note_time;
  UcId        merged_note_by;
  UcTime      closed_note_time;
  gboolean    had_merged_at;
  gboolean    had_merged_by;
  gboolean    had_closed_at;
  gint64      commits_data;    /* -1: unknown */
  GArray     *pending;         /* PendingReview */

  /* issue */
  GArray     *events;          /* StatusEvent */
  GHashTable *event_notes;     /* gint64 note id set */
} GlParent;

static void
pending_review_clear (gpointer p)
{
  g_free (((PendingReview *) p)->ext_id);
}

static void
status_event_clear (gpointer p)
{
  g_free (((StatusEvent *) p)->label);
}

static void
gl_parent_free (GlParent *p)
{
  g_free (p->repo_path);
  g_free (p->prefix);
  g_free (p->number);
  g_clear_pointer (&p->versions, g_hash_table_unref);
  g_clear_pointer (&p->push_notes, g_hash_table_unref);
  g_clear_pointer (&p->pending, g_array_unref);
  g_clear_pointer (&p->events, g_array_unref);
  g_clear_pointer (&p->event_notes, g_hash_table_unref);
  g_free (p);
}

typedef struct
{
  UcImportContext *ctx;          /* borrowed */
  gboolean         is_folder;
  GPtrArray       *files;        /* GlFile */
  GlFile          *file;         /* borrowed: the file being read */
  guint64          record;       /* record number in the file, 1-based */
  guint64          record_line;
  GHashTable      *repos;        /* path → UcId (gint64 *) */
  GHashTable      *projects;     /* "project id" → path */
  GHashTable      *by_global;    /* "M:id" / "I:id" → GlParent (borrowed) */
  GHashTable      *by_iid;       /* "path\037M\037iid", "#pid\037M\037iid" → GlParent (borrowed) */
  GPtrArray       *parents;      /* GlParent, owned */
  GHashTable      *identities;   /* "kind\037value" → UcId (gint64 *) */
  GPtrArray       *keys;         /* scratch: ticket keys */
  UcStatusMap     *status_map;   /* owned */
  goffset          total_bytes;
  goffset          done_bytes;
  guint            n_parents;    /* merge requests and issues read */
  guint            n_orphans;    /* children whose owner is not in the import */
} GlImporter;

/* ---- small helpers ---- */

static double
progress_fraction (GlImporter   *imp,
                   JsonSplitter *s,
                   int           pass)
{
  double total = (double) MAX (imp->total_bytes, 1) * 3.0;

  return ((double) (pass - 1) * (double) imp->total_bytes +
          (double) (imp->done_bytes + (goffset) s->offset)) / total;
}

static char *
record_where (GlImporter *imp,
              const char *sub)
{
  g_autofree char *base = NULL;

  if (imp->is_folder)
    /* Translators: a file inside the imported folder, a record number and its line */
    base = g_strdup_printf (_("%s, record %" G_GUINT64_FORMAT " (line %" G_GUINT64_FORMAT ")"),
                            imp->file->name, imp->record, imp->record_line);
  else
    base = g_strdup_printf (_("record %" G_GUINT64_FORMAT " (line %" G_GUINT64_FORMAT ")"),
                            imp->record, imp->record_line);
  if (sub == NULL)
    return g_steal_pointer (&base);
  return g_strdup_printf ("%s, %s", base, sub);
}

/* A bad record: an error, or a warning and TRUE with SKIP_BAD. Takes
 * @problem. */
static gboolean
record_problem (GlImporter  *imp,
                const char  *sub,
                char        *problem,
                GError     **error)
{
  g_autofree char *owned = problem;
  g_autofree char *where = record_where (imp, sub);

  return _uc_import_record_error (imp->ctx, where, owned, error);
}

static guint
char_length (const char *text)
{
  if (text == NULL)
    return 0;
  return (guint) MIN (g_utf8_strlen (text, -1), (glong) G_MAXUINT);
}

static gint64 *
boxed_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
int_set_add (GHashTable **set,
             gint64       value)
{
  if (*set == NULL)
    *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (g_hash_table_contains (*set, &value))
    return FALSE;
  g_hash_table_add (*set, boxed_id (value));
  return TRUE;
}

/* "https://gitlab.com/group/sub/project/-/merge_requests/12" → "group/sub/project". */
static char *
path_from_url (const char *url)
{
  const char *p, *end;
  static const char * const stops[] = {
    "/-/", "/merge_requests/", "/issues/", "/work_items/", "/merge_requests", "/issues",
  };

  if (url == NULL)
    return NULL;
  p = strstr (url, "://");
  if (p == NULL)
    return NULL;
  p = strchr (p + 3, '/');
  if (p == NULL)
    return NULL;
  p++;
  end = p + strlen (p);
  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      const char *s = strstr (p, stops[i]);

      if (s != NULL && s < end)
        end = s;
    }
  while (end > p && end[-1] == '/')
    end--;
  if (g_str_has_suffix (p, ".git") && end == p + strlen (p))
    end -= 4;
  if (end <= p || memchr (p, '/', (gsize) (end - p)) == NULL)
    return NULL;
  return g_strndup (p, (gsize) (end - p));
}

static gboolean
is_email (const char *s)
{
  const char *at;

  if (s == NULL)
    return FALSE;
  at = strchr (s, '@');
  return at != NULL && at > s && at[1] != '\0' && strchr (at + 1, '@') == NULL;
}

/* ======================================================================
 * Identities
 * ====================================================================== */

static UcId
lookup_identity (UcImportContext *ctx,
                 const char      *kind,
                 const char      *value,
                 UcId            *person)
{
  sqlite3_stmt *stmt = uc_store_prepare (ctx->store,
                                         "SELECT id, person_id FROM identity WHERE kind = ?1 AND value = ?2",
                                         NULL);
  UcId id = 0;

  *person = 0;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *person = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return id;
}

/* Look up or create (kind, value), linked to @person when it is new. */
static UcId
ensure_identity (UcImportContext  *ctx,
                 GHashTable       *cache,
                 const char       *kind,
                 const char       *value,
                 const char       *display,
                 UcId              person,
                 GError          **error)
{
  g_autofree char *key = g_strconcat (kind, "\037", value, NULL);
  gint64 *cached = g_hash_table_lookup (cache, key);
  UcId id;

  if (cached != NULL)
    return *cached;
  id = uc_store_ensure_identity (ctx->store, kind, value, display, person,
                                 ctx->source_id, error);
  if (id <= 0)
    return 0;
  g_hash_table_insert (cache, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  return id;
}

/* The identity cache is "kind\037value" → UcId (gint64 *).
 *
 * Identities of one account: kind @kind for its login, plus "email" when
 * it has an address, both on the same person (an existing one found by
 * either, else a new one). Returns the login's identity (or the e-mail's,
 * or a "name" identity), 0 with no error when the account is empty. */
static UcId
account_identity (UcImportContext  *ctx,
                  GHashTable       *cache,
                  const char       *kind,
                  const char       *login,
                  const char       *name,
                  const char       *email,
                  gboolean          agent,
                  GError          **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *login_key = NULL;
  g_autofree char *email_key = NULL;
  UcId id = 0, email_id = 0;

  if (login != NULL && *login == '\0')
    login = NULL;
  if (name != NULL && *name == '\0')
    name = NULL;
  if (!is_email (email))
    email = NULL;

  if (email != NULL)
    {
      folded = g_utf8_strdown (email, -1);
      email_key = g_strconcat ("email\037", folded, NULL);
      if (g_hash_table_contains (cache, email_key))
        email_id = *(gint64 *) g_hash_table_lookup (cache, email_key);
    }
  if (login != NULL)
    {
      login_key = g_strconcat (kind, "\037", login, NULL);
      if (g_hash_table_contains (cache, login_key))
        id = *(gint64 *) g_hash_table_lookup (cache, login_key);
      else
        {
          UcId person = 0, existing;

          existing = lookup_identity (ctx, kind, login, &person);
          if (existing == 0 && folded != NULL)
            {
              if (email_id != 0)
                person = uc_store_identity_person (ctx->store, email_id);
              else
                lookup_identity (ctx, "email", folded, &person);
            }
          id = ensure_identity (ctx, cache, kind, login, name != NULL ? name : login, person, error);
          if (id == 0)
            return 0;
        }
    }
  if (folded != NULL && email_id == 0)
    {
      UcId person = 0;

      if (lookup_identity (ctx, "email", folded, &person) == 0 && id != 0)
        person = uc_store_identity_person (ctx->store, id);
      else
        person = 0;
      email_id = ensure_identity (ctx, cache, "email", folded, name != NULL ? name : email, person, error);
      if (email_id == 0)
        return 0;
    }
  if (id == 0)
    id = email_id;
  if (id == 0 && name != NULL)
    {
      id = _uc_import_identity (ctx, "name", name, name, error);
      if (id == 0)
        return 0;
    }
  if (id == 0)
    return 0;

  agent = agent || uc_text_is_agent_account (name, login) ||
          (email != NULL && uc_text_is_agent_account (NULL, email));
  if (agent && !_uc_import_flag_agent (ctx, id, error))
    return 0;
  return id;
}

/* A GitLab user object → its identity (kind "gitlab", by username). 0
 * with no error for a missing user. Odd user fields are ignored rather
 * than rejecting the record. */
static UcId
user_identity (GlImporter  *imp,
               JsonObject  *user,
               GError     **error)
{
  char *problem = NULL;
  const char *username, *name, *email;
  gboolean bot;
  UcId id;

  if (user == NULL)
    return 0;
  username = get_string (user, "username", &problem);
  name = get_string (user, "name", &problem);
  email = get_string (user, "email", &problem);
  if (!is_email (email))
    email = get_string (user, "public_email", &problem);
  bot = get_bool (user, "bot", &problem);
  g_free (problem);
  id = account_identity (imp->ctx, imp->identities, "gitlab", username, name, email, bot, error);
  return id;
}

/* ======================================================================
 * Classification
 * ====================================================================== */

static GlKind
classify (JsonObject *o)
{
  char *problem = NULL;
  const char *backend, *web_url;
  GlKind kind = GL_UNKNOWN;

  if (o == NULL)
    return GL_UNKNOWN;

  if (has_member (o, "backend_name") && has_member (o, "data"))
    {
      backend = get_string (o, "backend_name", &problem);
      kind = backend != NULL && g_ascii_strcasecmp (backend, "gitlab") == 0
             ? GL_ENVELOPE : GL_OTHER_ENVELOPE;
    }
  else if (has_member (o, "individual_note") && has_member (o, "notes"))
    kind = GL_DISCUSSION;
  else if (has_member (o, "noteable_type") ||
           (has_member (o, "noteable_id") && has_member (o, "body")))
    kind = GL_NOTE;
  else if (has_member (o, "awardable_type") || has_member (o, "awardable_id"))
    kind = GL_AWARD;
  else if (has_member (o, "approved_by") &&
           (has_member (o, "approvals_required") || has_member (o, "approvals_left") ||
            has_member (o, "iid")))
    kind = GL_APPROVALS;
  else if (has_member (o, "head_commit_sha") && has_member (o, "base_commit_sha"))
    kind = GL_VERSION;
  else if (has_member (o, "path_with_namespace") && !has_member (o, "iid"))
    kind = GL_PROJECT;
  else if (has_member (o, "short_id") && has_member (o, "committed_date"))
    kind = GL_COMMIT;
  else if (has_member (o, "iid"))
    {
      web_url = get_string (o, "web_url", &problem);
      if (has_member (o, "source_branch") || has_member (o, "target_branch") ||
          has_member (o, "merge_status") || has_member (o, "merged_at") ||
          (web_url != NULL && strstr (web_url, "/merge_requests/") != NULL))
        kind = GL_MR;
      else if ((web_url != NULL && (strstr (web_url, "/issues/") != NULL ||
                                    strstr (web_url, "/work_items/") != NULL)) ||
               has_member (o, "issue_type") ||
               (has_member (o, "state") && has_member (o, "created_at") &&
                has_member (o, "title") && has_member (o, "project_id")))
        kind = GL_ISSUE;
    }
  g_free (problem);
  return kind;
}

/* ======================================================================
 * Repositories and the parent index
 * ====================================================================== */

static UcId
ensure_repo (GlImporter  *imp,
             const char  *path,
             GError     **error)
{
  gint64 *cached = g_hash_table_lookup (imp->repos, path);
  UcId id;

  if (cached != NULL)
    return *cached;
  id = uc_store_ensure_repo (imp->ctx->store, path, "gitlab", imp->ctx->source_id, error);
  if (id <= 0)
    return 0;
  g_hash_table_insert (imp->repos, g_strdup (path), boxed_id (id));
  return id;
}

/* The project path of a merge request or issue object. */
static char *
object_repo_path (GlImporter *imp,
                  JsonObject *o,
                  const char *origin)
{
  char *problem = NULL;
  JsonObject *refs;
  const char *s;
  char *path;
  gint64 pid;

  path = path_from_url (get_string (o, "web_url", &problem));
  if (path == NULL && (refs = get_object (o, "references", &problem)) != NULL &&
      (s = get_string (refs, "full", &problem)) != NULL)
    {
      const char *end = s + strcspn (s, "!#");

      if (end > s && *end != '\0' && memchr (s, '/', (gsize) (end - s)) != NULL)
        path = g_strndup (s, (gsize) (end - s));
    }
  if (path == NULL && get_int (o, "project_id", &pid, &problem))
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, pid);
      const char *known = g_hash_table_lookup (imp->projects, key);

      if (known != NULL)
        path = g_strdup (known);
    }
  if (path == NULL && origin != NULL)
    path = path_from_url (origin);
  g_free (problem);
  return path;
}

static char *
iid_key (const char *scope,
         gboolean    is_mr,
         gint64      iid)
{
  return g_strdup_printf ("%s\037%c\037%" G_GINT64_FORMAT, scope, is_mr ? 'M' : 'I', iid);
}

static char *
global_key (gboolean is_mr,
            gint64   id)
{
  return g_strdup_printf ("%c:%" G_GINT64_FORMAT, is_mr ? 'M' : 'I', id);
}

/* Find or make the index entry of a merge request or issue. */
static GlParent *
index_parent (GlImporter *imp,
              gboolean    is_mr,
              const char *repo_path,
              gint64      iid,
              JsonObject *o)
{
  g_autofree char *key = iid_key (repo_path, is_mr, iid);
  GlParent *p = g_hash_table_lookup (imp->by_iid, key);
  char *problem = NULL;
  gint64 id, pid;

  if (p == NULL)
    {
      p = g_new0 (GlParent, 1);
      p->is_mr = is_mr;
      p->repo_path = g_strdup (repo_path);
      p->iid = iid;
      p->prefix = g_strdup_printf ("gitlab:%s%c%" G_GINT64_FORMAT, repo_path, is_mr ? '!' : '#', iid);
      p->commits_data = -1;
      p->newest_version_commits = -1;
      g_ptr_array_add (imp->parents, p);
      g_hash_table_insert (imp->by_iid, g_steal_pointer (&key), p);
    }
  if (get_int (o, "id", &id, &problem))
    g_hash_table_insert (imp->by_global, global_key (is_mr, id), p);
  if (get_int (o, "project_id", &pid, &problem))
    {
      g_autofree char *scope = g_strdup_printf ("#%" G_GINT64_FORMAT, pid);

      g_hash_table_insert (imp->by_iid, iid_key (scope, is_mr, iid), p);
    }
  g_free (problem);
  return p;
}

/* ======================================================================
 * Text-derived bits
 * ====================================================================== */

static gboolean
add_links (GlImporter  *imp,
           UcId         cr_id,
           const char  *repo_path,
           const char  *text,
           const char  *via,
           GError     **error)
{
  if (text == NULL || *text == '\0')
    return TRUE;
  g_ptr_array_set_size (imp->keys, 0);
  uc_text_collect_ticket_keys (text, -1, imp->keys);

  /* GitLab names a branch made from issue 12 "12-short-title". */
  if (g_str_equal (via, "branch"))
    {
      const char *base = strrchr (text, '/');
      gsize n;

      base = base != NULL ? base + 1 : text;
      n = strspn (base, "0123456789");
      if (n > 0 && n <= 10 && base[n] == '-' && base[0] != '0')
        {
          g_autofree char *key = g_strdup_printf ("#%.*s", (int) n, base);
          gboolean seen = FALSE;

          for (guint i = 0; i < imp->keys->len; i++)
            seen |= g_str_equal (g_ptr_array_index (imp->keys, i), key);
          if (!seen)
            g_ptr_array_add (imp->keys, g_steal_pointer (&key));
        }
    }

  for (guint i = 0; i < imp->keys->len; i++)
    {
      const char *key = g_ptr_array_index (imp->keys, i);
      g_autofree char *qualified = NULL;

      if (key[0] == '#')
        key = qualified = g_strconcat (repo_path, key, NULL);
      if (!uc_store_add_link (imp->ctx->store, 0, cr_id, key, via, imp->ctx->source_id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
title_is_draft (const char *title)
{
  static const char * const prefixes[] = {
    "draft:", "draft ", "[draft]", "(draft)", "wip:", "wip ", "[wip]", "(wip)",
  };
  g_autofree char *lower = NULL;

  if (title == NULL)
    return FALSE;
  lower = g_ascii_strdown (title, -1);
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (g_strchug (lower), prefixes[i]))
      return TRUE;
  return FALSE;
}

/* A label meaning "work has started" ("Doing", "workflow::in progress"):
 * the user's status map decides when it names the label; otherwise the
 * built-in list below or the status map's defaults ("In Review",
 * "Blocked"…). */
static gboolean
label_is_doing (GlImporter *imp,
                const char *label)
{
  static const char * const doing[] = {
    "doing", "in progress", "in-progress", "in_progress", "inprogress", "wip",
    "work in progress", "in review", "in-review", "review", "started", "ongoing",
    "in development", "development", "working", "active",
  };
  g_autofree char *lower = NULL;
  const char *tail;

  int category;

  if (label == NULL)
    return FALSE;
  if (uc_status_map_get_override (imp->status_map, label, &category))
    return category == UC_STATUS_DOING;
  lower = g_ascii_strdown (label, -1);
  g_strstrip (lower);
  tail = g_strrstr (lower, "::");
  tail = tail != NULL ? tail + 2 : lower;
  while (*tail == ' ')
    tail++;
  for (guint i = 0; i < G_N_ELEMENTS (doing); i++)
    if (g_str_equal (tail, doing[i]))
      return TRUE;
  return uc_status_map_lookup_default (tail) == UC_STATUS_DOING;
}

static gboolean
label_is_decision (const char *label)
{
  static const char * const decision[] = {
    "rfc", "adr", "design", "proposal", "decision", "spike", "discussion",
    "architecture", "design doc", "request for comments",
  };
  g_autofree char *lower = NULL;
  const char *tail;

  if (label == NULL)
    return FALSE;
  lower = g_ascii_strdown (label, -1);
  g_strstrip (lower);
  tail = g_strrstr (lower, "::");
  tail = tail != NULL ? tail + 2 : lower;
  for (guint i = 0; i < G_N_ELEMENTS (decision); i++)
    if (g_str_equal (tail, decision[i]))
      return TRUE;
  return FALSE;
}

/* The labels of an issue or MR: strings, or objects with a "name". */
static const char *
label_at (JsonArray *labels,
          guint      i)
{
  JsonNode *n = json_array_get_element (labels, i);

  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  if (JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonNode *name = json_object_get_member (json_node_get_object (n), "name");

      if (name != NULL && JSON_NODE_HOLDS_VALUE (name) &&
          json_node_get_value_type (name) == G_TYPE_STRING)
        return json_node_get_string (name);
    }
  return NULL;
}

/* Labels named in a system note ("added ~"In progress" ~bug labels"). */
static void
note_labels (const char *text,
             GPtrArray  *out)
{
  for (const char *p = text; (p = strchr (p, '~')) != NULL;)
    {
      const char *start, *end;

      p++;
      if (*p == '"')
        {
          start = ++p;
          end = strchr (p, '"');
          if (end == NULL)
            return;
          p = end + 1;
        }
      else
        {
          start = p;
          while (*p != '\0' && !g_ascii_isspace (*p) && *p != ',')
            p++;
          end = p;
        }
      if (end > start)
        g_ptr_array_add (out, g_strndup (start, (gsize) (end - start)));
    }
}

/* ======================================================================
 * Merge requests and issues
 * ====================================================================== */

static const char *
mr_state (const char *state)
{
  if (state == NULL)
    return NULL;
  if (g_str_equal (state, "opened") || g_str_equal (state, "locked") ||
      g_str_equal (state, "reopened"))
    return "open";
  if (g_str_equal (state, "merged"))
    return "merged";
  if (g_str_equal (state, "closed"))
    return "closed";
  return NULL;
}

/* Write (or rewrite) a merge request's row. */
static gboolean
write_mr (GlImporter  *imp,
          GlParent    *p,
          gboolean    *inserted,
          GError     **error)
{
  UcId id;

  id = uc_store_add_change_request (imp->ctx->store, &p->row, inserted, error);
  if (id <= 0)
    return FALSE;
  p->row_id = id;
  return TRUE;
}

/* Read a merge request object; on a bad record, *problem is set and NULL
 * returned (nothing written). */
static GlParent *
read_mr (GlImporter  *imp,
         JsonObject  *o,
         const char  *origin,
         gboolean    *inserted,
         char       **problem,
         GError     **error)
{
  g_autofree char *path = NULL;
  const char *state_text, *state, *title, *description, *branch;
  UcTime created, updated, merged, closed;
  gboolean draft, wip;
  gint64 iid;
  JsonObject *author_o, *merged_by_o;
  JsonArray *commits;
  UcId repo_id, author, merged_by, id;
  UcChangeRequestRow row;
  g_autofree char *number = NULL;
  GlParent *p;

  if (!get_int (o, "iid", &iid, problem))
    {
      set_problem (problem, g_strdup (_("the merge request has no “iid”")));
      return NULL;
    }
  created = get_time (o, "created_at", problem);
  if (created == 0)
    set_problem (problem, g_strdup_printf (_("merge request !%" G_GINT64_FORMAT " has no “created_at”"), iid));
  updated = get_time (o, "updated_at", problem);
  merged = get_time (o, "merged_at", problem);
  closed = get_time (o, "closed_at", problem);
  state_text = get_string (o, "state", problem);
  title = get_string (o, "title", problem);
  description = get_string (o, "description", problem);
  branch = get_string (o, "source_branch", problem);
  draft = get_bool (o, "draft", problem);
  wip = get_bool (o, "work_in_progress", problem);
  author_o = get_object (o, "author", problem);
  merged_by_o = get_object (o, "merged_by", problem);
  if (merged_by_o == NULL)
    merged_by_o = get_object (o, "merge_user", problem);
  commits = get_array (o, "commits_data", problem);
  if (*problem != NULL)
    return NULL;
  state = mr_state (state_text);
  if (state == NULL)
    {
      set_problem (problem, state_text == NULL
                   ? g_strdup_printf (_("merge request !%" G_GINT64_FORMAT " has no “state”"), iid)
                   : g_strdup_printf (_("merge request !%" G_GINT64_FORMAT " has an unknown state “%s”"),
                                      iid, state_text));
      return NULL;
    }
  path = object_repo_path (imp, o, origin);
  if (path == NULL)
    {
      set_problem (problem, g_strdup_printf (_("cannot tell which project merge request !%" G_GINT64_FORMAT " belongs to (no “web_url”, and no project page for its “project_id”)"),
                                             iid));
      return NULL;
    }

  repo_id = ensure_repo (imp, path, error);
  if (repo_id == 0)
    return NULL;
  author = user_identity (imp, author_o, error);
  if (author == 0 && error != NULL && *error != NULL)
    return NULL;
  merged_by = user_identity (imp, merged_by_o, error);
  if (merged_by == 0 && error != NULL && *error != NULL)
    return NULL;

  memset (&row, 0, sizeof row);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, iid);
  row.repo_id = repo_id;
  row.number = number;
  row.author_identity = author;
  row.state = state;
  row.created_time = created;
  row.updated_time = updated;
  row.merged_time = merged;
  row.closed_time = closed;
  row.merged_by_identity = merged_by;
  row.additions = -1;
  row.deletions = -1;
  row.n_commits = commits != NULL && json_array_get_length (commits) > 0
                  ? (gint64) json_array_get_length (commits) : -1;
  row.n_rounds = -1;
  row.title_len = char_length (title);
  row.body_len = char_length (description);
  row.is_draft = draft || wip || title_is_draft (title);
  row.source_id = imp->ctx->source_id;
  /* What is known without children; children refine it at the end. */
  if (g_str_equal (state, "merged") && merged == 0)
    row.merged_time = updated != 0 ? updated : created;
  if (g_str_equal (state, "closed") && closed == 0)
    row.closed_time = updated != 0 ? updated : created;

  id = uc_store_add_change_request (imp->ctx->store, &row, inserted, error);
  if (id <= 0)
    return NULL;

  /* Keep the newest copy met in this import, to rewrite it at the end. */
  p = index_parent (imp, TRUE, path, iid, o);
  p->row_id = id;
  if (p->number == NULL || updated >= p->row.updated_time)
    {
      g_free (p->number);
      p->number = g_steal_pointer (&number);
      p->state = state;
      p->row = row;
      p->row.number = p->number;
      p->author = author;
      p->had_merged_at = merged != 0;
      p->had_merged_by = merged_by != 0;
      p->had_closed_at = closed != 0;
      p->commits_data = row.n_commits;
    }
  _uc_import_note_time (imp->ctx, created);
  _uc_import_note_time (imp->ctx, updated);

  if (!add_links (imp, p->row_id, path, title, "title", error) ||
      !add_links (imp, p->row_id, path, description, "body", error) ||
      !add_links (imp, p->row_id, path, branch, "branch", error))
    return NULL;
  return p;
}

static GlParent *
read_issue (GlImporter  *imp,
            JsonObject  *o,
            const char  *origin,
            gboolean    *inserted,
            char       **problem,
            GError     **error)
{
  g_autofree char *path = NULL;
  const char *state_text, *title, *description, *type, *doing_label = NULL;
  UcTime created, updated, closed;
  gint64 iid, weight = 0;
  gboolean has_weight, decision = FALSE;
  JsonObject *author_o, *assignee_o;
  JsonArray *labels, *assignees;
  UcId author, assignee = 0;
  UcWorkItemRow row;
  g_autofree char *key = NULL;
  GlParent *p;
  UcId id;

  if (!get_int (o, "iid", &iid, problem))
    {
      set_problem (problem, g_strdup (_("the issue has no “iid”")));
      return NULL;
    }
  created = get_time (o, "created_at", problem);
  if (created == 0)
    set_problem (problem, g_strdup_printf (_("issue #%" G_GINT64_FORMAT " has no “created_at”"), iid));
  updated = get_time (o, "updated_at", problem);
  closed = get_time (o, "closed_at", problem);
  state_text = get_string (o, "state", problem);
  title = get_string (o, "title", problem);
  description = get_string (o, "description", problem);
  type = get_string (o, "issue_type", problem);
  author_o = get_object (o, "author", problem);
  assignee_o = get_object (o, "assignee", problem);
  assignees = get_array (o, "assignees", problem);
  labels = get_array (o, "labels", problem);
  has_weight = get_int (o, "weight", &weight, problem);
  if (*problem != NULL)
    return NULL;
  if (state_text == NULL)
    {
      set_problem (problem, g_strdup_printf (_("issue #%" G_GINT64_FORMAT " has no “state”"), iid));
      return NULL;
    }
  if (!g_str_equal (state_text, "opened") && !g_str_equal (state_text, "closed") &&
      !g_str_equal (state_text, "reopened"))
    {
      set_problem (problem, g_strdup_printf (_("issue #%" G_GINT64_FORMAT " has an unknown state “%s”"),
                                             iid, state_text));
      return NULL;
    }
  path = object_repo_path (imp, o, origin);
  if (path == NULL)
    {
      set_problem (problem, g_strdup_printf (_("cannot tell which project issue #%" G_GINT64_FORMAT " belongs to (no “web_url”, and no project page for its “project_id”)"),
                                             iid));
      return NULL;
    }

  for (guint i = 0; labels != NULL && i < json_array_get_length (labels); i++)
    {
      const char *label = label_at (labels, i);

      if (doing_label == NULL && label_is_doing (imp, label))
        doing_label = label;
      decision |= label_is_decision (label);
    }
  decision |= label_is_decision (type);

  if (ensure_repo (imp, path, error) == 0)
    return NULL;
  author = user_identity (imp, author_o, error);
  if (author == 0 && error != NULL && *error != NULL)
    return NULL;
  if (assignee_o == NULL && assignees != NULL && json_array_get_length (assignees) > 0)
    {
      JsonNode *first = json_array_get_element (assignees, 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        assignee_o = json_node_get_object (first);
    }
  assignee = user_identity (imp, assignee_o, error);
  if (assignee == 0 && error != NULL && *error != NULL)
    return NULL;

  key = g_strdup_printf ("%s#%" G_GINT64_FORMAT, path, iid);
  memset (&row, 0, sizeof row);
  row.tracker = "gitlab";
  row.project = path;
  row.key = key;
  row.type = type != NULL ? type : "issue";
  if (g_str_equal (state_text, "closed"))
    {
      row.status = "closed";
      row.status_category = UC_STATUS_DONE;
      row.resolved_time = closed != 0 ? closed : updated;
    }
  else if (doing_label != NULL)
    {
      row.status = doing_label;
      row.status_category = UC_STATUS_DOING;
    }
  else
    {
      row.status = "opened";
      row.status_category = UC_STATUS_TODO;
    }
  row.reporter_identity = author;
  row.assignee_identity = assignee;
  row.created_time = created;
  row.updated_time = updated;
  row.is_decision = decision;
  row.title_len = char_length (title);
  row.body_len = char_length (description);
  row.story_points = has_weight ? (double) weight : NAN;
  row.source_id = imp->ctx->source_id;

  id = uc_store_add_work_item (imp->ctx->store, &row, inserted, error);
  if (id <= 0)
    return NULL;
  p = index_parent (imp, FALSE, path, iid, o);
  p->row_id = id;
  p->author = author;
  _uc_import_note_time (imp->ctx, created);
  _uc_import_note_time (imp->ctx, updated);
  return p;
}

/* ======================================================================
 * Children: notes, emoji, versions, approvals
 * ====================================================================== */

static gboolean
starts_with_word (const char *text,
                  const char *word)
{
  gsize n = strlen (word);

  return g_ascii_strncasecmp (text, word, n) == 0 &&
         (text[n] == '\0' || !g_ascii_isalnum (text[n]));
}

/* A system note's event. Only what the signals need is kept. */
static gboolean
system_note (GlImporter  *imp,
             GlParent    *p,
             gint64       note_id,
             const char  *body,
             UcId         author,
             UcTime       time,
             GError     **error)
{
  g_autofree char *ext_id = g_strdup_printf ("%s:note:%" G_GINT64_FORMAT, p->prefix, note_id);
  const char *text = body != NULL ? body : "";

  while (g_ascii_isspace (*text))
    text++;

  if (p->is_mr)
    {
      UcReviewRow review = { 0 };
      gboolean inserted;

      if (starts_with_word (text, "approved this merge request"))
        review.state = UC_REVIEW_APPROVED;
      else if (starts_with_word (text, "unapproved this merge request"))
        review.state = UC_REVIEW_DISMISSED;
      else if (starts_with_word (text, "requested changes"))
        {
          review.state = UC_REVIEW_CHANGES_REQUESTED;
          review.is_objection = TRUE;
        }
      else
        {
          if (g_ascii_strncasecmp (text, "added ", 6) == 0 &&
              g_ascii_isdigit (text[6]) && strstr (text, " commit") != NULL)
            {
              int_set_add (&p->push_notes, note_id);
              p->push_time = MAX (p->push_time, time);
            }
          else if (starts_with_word (text, "merged"))
            {
              p->merged_note_time = time;
              p->merged_note_by = author;
            }
          else if (starts_with_word (text, "closed"))
            {
              p->closed_note_time = time;
            }
          return TRUE;
        }
      review.cr_id = p->row_id;
      review.ext_id = ext_id;
      review.reviewer_identity = author;
      review.time = time;
      review.source_id = imp->ctx->source_id;
      if (uc_store_add_review (imp->ctx->store, &review, &inserted, error) <= 0)
        return FALSE;
      _uc_import_note_time (imp->ctx, time);
      return TRUE;
    }

  /* issue: status events, replayed at the end */
  {
    StatusEvent ev = { time, note_id, EV_CLOSE, author, NULL };
    g_autoptr(GPtrArray) labels = NULL;
    gboolean found = FALSE;

    if (starts_with_word (text, "closed") || g_ascii_strncasecmp (text, "status changed to closed", 24) == 0)
      found = TRUE, ev.kind = EV_CLOSE;
    else if (starts_with_word (text, "reopened"))
      found = TRUE, ev.kind = EV_REOPEN;
    else if (starts_with_word (text, "added") || starts_with_word (text, "removed"))
      {
        /* "added ~a ~b labels and removed ~c label" */
        const char *removed = strstr (text, "removed");
        g_autofree char *added_part = NULL;

        labels = g_ptr_array_new_with_free_func (g_free);
        if (starts_with_word (text, "added"))
          {
            added_part = removed != NULL ? g_strndup (text, (gsize) (removed - text)) : g_strdup (text);
            note_labels (added_part, labels);
            for (guint i = 0; i < labels->len && !found; i++)
              if (label_is_doing (imp, g_ptr_array_index (labels, i)))
                {
                  found = TRUE;
                  ev.kind = EV_DOING_ON;
                  ev.label = g_strdup (g_ptr_array_index (labels, i));
                }
          }
        if (!found && removed != NULL)
          {
            g_ptr_array_set_size (labels, 0);
            note_labels (removed, labels);
            for (guint i = 0; i < labels->len && !found; i++)
              if (label_is_doing (imp, g_ptr_array_index (labels, i)))
                {
                  found = TRUE;
                  ev.kind = EV_DOING_OFF;
                  ev.label = g_strdup (g_ptr_array_index (labels, i));
                }
          }
      }
    if (!found)
      return TRUE;
    if (!int_set_add (&p->event_notes, note_id))
      {
        g_free (ev.label);
        return TRUE;
      }
    if (p->events == NULL)
      {
        p->events = g_array_new (FALSE, TRUE, sizeof (StatusEvent));
        g_array_set_clear_func (p->events, status_event_clear);
      }
    g_array_append_val (p->events, ev);
    return TRUE;
  }
}

/* One note (from notes_data, a notes page or a discussion). @reply_to is
 * the id of the note it answers, or 0. */
static gboolean
read_note (GlImporter  *imp,
           GlParent    *p,
           JsonObject  *o,
           gint64       reply_to,
           const char  *sub,
           GError     **error)
{
  char *problem = NULL;
  gint64 id;
  const char *body, *type;
  gboolean is_system, has_position;
  UcTime time;
  JsonObject *author_o;
  UcId author;

  if (!get_int (o, "id", &id, &problem))
    set_problem (&problem, g_strdup (_("the note has no “id”")));
  time = get_time (o, "created_at", &problem);
  if (time == 0)
    set_problem (&problem, g_strdup (_("the note has no “created_at”")));
  body = get_string (o, "body", &problem);
  type = get_string (o, "type", &problem);
  is_system = get_bool (o, "system", &problem);
  author_o = get_object (o, "author", &problem);
  has_position = member (o, "position") != NULL;
  if (problem != NULL)
    return record_problem (imp, sub, problem, error);

  author = user_identity (imp, author_o, error);
  if (author == 0 && error != NULL && *error != NULL)
    return FALSE;
  if (p->is_mr)
    p->notes_known = TRUE;

  if (is_system)
    return system_note (imp, p, id, body, author, time, error);

  {
    g_autofree char *ext_id = g_strdup_printf ("%s:note:%" G_GINT64_FORMAT, p->prefix, id);
    g_autofree char *reply_ext = reply_to > 0
      ? g_strdup_printf ("%s:note:%" G_GINT64_FORMAT, p->prefix, reply_to) : NULL;
    UcCommentRow row = { 0 };
    gboolean inserted;

    row.ext_id = ext_id;
    row.cr_id = p->is_mr ? p->row_id : 0;
    row.item_id = p->is_mr ? 0 : p->row_id;
    row.author_identity = author;
    row.time = time;
    row.reply_to_ext_id = reply_ext;
    row.is_review_comment = p->is_mr && (has_position ||
                                         (type != NULL && g_str_equal (type, "DiffNote")));
    row.body_len = char_length (body);
    row.is_objection = uc_text_has_objection (body, -1, NULL);
    row.source_id = imp->ctx->source_id;
    if (uc_store_add_comment (imp->ctx->store, &row, &inserted, error) <= 0)
      return FALSE;
    _uc_import_note_time (imp->ctx, time);
  }
  return TRUE;
}

static void
add_pending (GlParent      *p,
             char          *ext_id,
             UcId           reviewer,
             UcReviewState  state,
             UcTime         time,
             gboolean       only_if_new)
{
  PendingReview r = { ext_id, reviewer, state, time, only_if_new };

  if (p->pending == NULL)
    {
      p->pending = g_array_new (FALSE, TRUE, sizeof (PendingReview));
      g_array_set_clear_func (p->pending, pending_review_clear);
    }
  g_array_append_val (p->pending, r);
}

static gboolean
read_award (GlImporter  *imp,
            GlParent    *p,
            JsonObject  *o,
            const char  *sub,
            GError     **error)
{
  char *problem = NULL;
  gint64 id;
  const char *name;
  UcTime time;
  JsonObject *user_o;
  UcId user;

  if (!get_int (o, "id", &id, &problem))
    set_problem (&problem, g_strdup (_("the award emoji has no “id”")));
  name = get_string (o, "name", &problem);
  time = get_time (o, "created_at", &problem);
  user_o = get_object (o, "user", &problem);
  if (problem != NULL)
    return record_problem (imp, sub, problem, error);
  if (!p->is_mr || name == NULL)
    return TRUE;   /* emoji on issues are not reviews */
  if (!g_str_equal (name, "thumbsup") && !g_str_equal (name, "thumbsdown") &&
      !g_str_equal (name, "+1") && !g_str_equal (name, "-1"))
    return TRUE;
  if (time == 0)
    return record_problem (imp, sub, g_strdup (_("the award emoji has no “created_at”")), error);

  user = user_identity (imp, user_o, error);
  if (user == 0)
    return error == NULL || *error == NULL;
  if (user == p->author)
    return TRUE;
  add_pending (p, g_strdup_printf ("%s:award:%" G_GINT64_FORMAT, p->prefix, id), user,
               g_str_equal (name, "thumbsup") || g_str_equal (name, "+1")
               ? UC_REVIEW_APPROVED : UC_REVIEW_CHANGES_REQUESTED,
               time, TRUE);
  return TRUE;
}

static gboolean
read_version (GlImporter  *imp,
              GlParent    *p,
              JsonObject  *o,
              const char  *sub,
              GError     **error)
{
  char *problem = NULL;
  gint64 id;
  UcTime time;
  JsonArray *commits;

  if (!get_int (o, "id", &id, &problem))
    set_problem (&problem, g_strdup (_("the merge request version has no “id”")));
  time = get_time (o, "created_at", &problem);
  commits = get_array (o, "commits", &problem);
  if (problem != NULL)
    return record_problem (imp, sub, problem, error);
  if (!p->is_mr)
    return TRUE;
  int_set_add (&p->versions, id);
  if (time >= p->newest_version)
    {
      p->newest_version = time;
      if (commits != NULL)
        p->newest_version_commits = json_array_get_length (commits);
    }
  return TRUE;
}

static gboolean
read_approvals (GlImporter  *imp,
                GlParent    *p,
                JsonObject  *o,
                GError     **error)
{
  char *problem = NULL;
  JsonArray *by = get_array (o, "approved_by", &problem);
  UcTime updated = get_time (o, "updated_at", &problem);

  if (problem != NULL)
    return record_problem (imp, NULL, problem, error);
  if (!p->is_mr || by == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (by); i++)
    {
      JsonNode *n = json_array_get_element (by, i);
      g_autofree char *sub = g_strdup_printf ("approved_by[%u]", i);
      JsonObject *entry, *user_o;
      UcTime time;
      UcId user;
      const char *login;
      gint64 user_gid = 0;
      g_autofree char *who = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          if (!record_problem (imp, sub, g_strdup (_("not an object")), error))
            return FALSE;
          continue;
        }
      entry = json_node_get_object (n);
      user_o = get_object (entry, "user", &problem);
      time = get_time (entry, "approved_at", &problem);
      if (problem != NULL)
        {
          if (!record_problem (imp, sub, g_steal_pointer (&problem), error))
            return FALSE;
          continue;
        }
      if (user_o == NULL)
        user_o = entry;
      user = user_identity (imp, user_o, error);
      if (user == 0)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;
        }
      login = get_string (user_o, "username", &problem);
      if (login != NULL)
        who = g_strdup (login);
      else if (get_int (user_o, "id", &user_gid, &problem))
        who = g_strdup_printf ("user-%" G_GINT64_FORMAT, user_gid);
      else
        who = g_strdup_printf ("identity-%" G_GINT64_FORMAT, user);
      g_clear_pointer (&problem, g_free);
      if (time == 0)
        time = updated;
      add_pending (p, g_strdup_printf ("%s:approval:%s", p->prefix, who),
                   user, UC_REVIEW_APPROVED, time, TRUE);
    }
  return TRUE;
}

/* The owner of a raw child record, or NULL (dangling). */
static GlParent *
find_owner (GlImporter *imp,
            JsonObject *o,
            GlKind      kind,
            gint64     *owner_id)
{
  char *problem = NULL;
  const char *type = NULL;
  gint64 id = 0, iid = 0, pid = 0;
  gboolean is_mr, has_id = FALSE, has_iid = FALSE, has_pid;
  GlParent *p = NULL;

  switch (kind)
    {
    case GL_NOTE:
      type = get_string (o, "noteable_type", &problem);
      has_id = get_int (o, "noteable_id", &id, &problem);
      has_iid = get_int (o, "noteable_iid", &iid, &problem);
      break;
    case GL_AWARD:
      type = get_string (o, "awardable_type", &problem);
      has_id = get_int (o, "awardable_id", &id, &problem);
      break;
    case GL_VERSION:
      type = "MergeRequest";
      has_id = get_int (o, "merge_request_id", &id, &problem);
      break;
    case GL_APPROVALS:
      type = "MergeRequest";
      has_id = get_int (o, "id", &id, &problem);
      has_iid = get_int (o, "iid", &iid, &problem);
      break;
    default:
      break;
    }
  has_pid = get_int (o, "project_id", &pid, &problem);
  g_free (problem);
  *owner_id = has_id ? id : iid;
  if (type == NULL)
    return NULL;
  if (g_str_equal (type, "MergeRequest"))
    is_mr = TRUE;
  else if (g_str_equal (type, "Issue"))
    is_mr = FALSE;
  else
    return NULL;

  if (has_id)
    {
      g_autofree char *key = global_key (is_mr, id);

      p = g_hash_table_lookup (imp->by_global, key);
    }
  if (p == NULL && has_iid && has_pid)
    {
      g_autofree char *scope = g_strdup_printf ("#%" G_GINT64_FORMAT, pid);
      g_autofree char *key = iid_key (scope, is_mr, iid);

      p = g_hash_table_lookup (imp->by_iid, key);
    }
  return p;
}

/* ======================================================================
 * Records
 * ====================================================================== */

static gboolean
read_children (GlImporter  *imp,
               GlParent    *p,
               JsonObject  *data,
               const char  *member_name,
               GlKind       kind,
               GError     **error)
{
  char *problem = NULL;
  JsonArray *list = get_array (data, member_name, &problem);

  if (problem != NULL)
    return record_problem (imp, NULL, problem, error);
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *n = json_array_get_element (list, i);
      g_autofree char *sub = g_strdup_printf ("%s[%u]", member_name, i);
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          if (!record_problem (imp, sub, g_strdup (_("not an object")), error))
            return FALSE;
          continue;
        }
      if (kind == GL_NOTE)
        ok = read_note (imp, p, json_node_get_object (n), 0, sub, error);
      else if (kind == GL_AWARD)
        ok = read_award (imp, p, json_node_get_object (n), sub, error);
      else
        ok = read_version (imp, p, json_node_get_object (n), sub, error);
      if (!ok)
        return FALSE;
    }
  if (kind == GL_NOTE && list != NULL && p->is_mr)
    p->notes_known = TRUE;
  return TRUE;
}

static gboolean
read_envelope (GlImporter  *imp,
               JsonObject  *o,
               GError     **error)
{
  char *problem = NULL;
  JsonObject *data = get_object (o, "data", &problem);
  const char *category = get_string (o, "category", &problem);
  const char *origin = get_string (o, "origin", &problem);
  GlKind kind;
  GlParent *p;
  gboolean inserted = FALSE;

  if (problem == NULL && data == NULL)
    problem = g_strdup (_("the Perceval item has no “data”"));
  if (problem != NULL)
    return record_problem (imp, NULL, problem, error);

  if (category != NULL && g_str_equal (category, "merge_request"))
    kind = GL_MR;
  else if (category != NULL && g_str_equal (category, "issue"))
    kind = GL_ISSUE;
  else
    kind = classify (data);
  if (kind != GL_MR && kind != GL_ISSUE)
    return record_problem (imp, NULL,
                           g_strdup_printf (_("a Perceval item of category “%s”, which is not a merge request or an issue"),
                                            category != NULL ? category : "?"),
                           error);

  if (kind == GL_MR)
    p = read_mr (imp, data, origin, &inserted, &problem, error);
  else
    p = read_issue (imp, data, origin, &inserted, &problem, error);
  if (p == NULL)
    {
      if (problem != NULL)
        return record_problem (imp, NULL, problem, error);
      return FALSE;
    }
  imp->n_parents++;
  if (inserted)
    imp->ctx->n_new++;

  if (!read_children (imp, p, data, "notes_data", GL_NOTE, error) ||
      !read_children (imp, p, data, "award_emoji_data", GL_AWARD, error) ||
      !read_children (imp, p, data, "versions_data", GL_VERSION, error))
    return FALSE;
  return TRUE;
}

static gboolean
read_project (GlImporter  *imp,
              JsonObject  *o,
              GError     **error)
{
  char *problem = NULL;
  const char *path = get_string (o, "path_with_namespace", &problem);
  gint64 id;
  gboolean has_id = get_int (o, "id", &id, &problem);

  if (problem == NULL && (path == NULL || *path == '\0'))
    problem = g_strdup (_("the project has no “path_with_namespace”"));
  if (problem != NULL)
    return record_problem (imp, NULL, problem, error);
  if (has_id)
    g_hash_table_insert (imp->projects, g_strdup_printf ("%" G_GINT64_FORMAT, id), g_strdup (path));
  return ensure_repo (imp, path, error) != 0;
}

static void
note_dangling (GlImporter *imp,
               GlKind      kind,
               gint64      owner)
{
  if (imp->file->n_dangling[GL_NOTE] + imp->file->n_dangling[GL_AWARD] +
      imp->file->n_dangling[GL_VERSION] + imp->file->n_dangling[GL_APPROVALS] == 0)
    imp->file->first_dangling_owner = owner;
  imp->file->n_dangling[kind]++;
  imp->n_orphans++;
}

static gboolean
read_discussion (GlImporter  *imp,
                 JsonObject  *o,
                 GError     **error)
{
  char *problem = NULL;
  JsonArray *notes = get_array (o, "notes", &problem);
  gint64 first = 0;

  if (problem != NULL)
    return record_problem (imp, NULL, problem, error);
  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    {
      JsonNode *n = json_array_get_element (notes, i);
      g_autofree char *sub = g_strdup_printf ("notes[%u]", i);
      JsonObject *note;
      GlParent *p;
      gint64 owner, id = 0;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          if (!record_problem (imp, sub, g_strdup (_("not an object")), error))
            return FALSE;
          continue;
        }
      note = json_node_get_object (n);
      p = find_owner (imp, note, GL_NOTE, &owner);
      if (p == NULL)
        {
          note_dangling (imp, GL_NOTE, owner);
          continue;
        }
      if (!read_note (imp, p, note, i > 0 ? first : 0, sub, error))
        return FALSE;
      if (i == 0 && get_int (note, "id", &id, &problem))
        first = id;
      g_clear_pointer (&problem, g_free);
    }
  return TRUE;
}

/* One record of a page, in a given pass. */
static gboolean
read_record (GlImporter  *imp,
             JsonObject  *o,
             GlKind       kind,
             int          pass,
             GError     **error)
{
  char *problem = NULL;
  gboolean inserted = FALSE;
  GlParent *p;
  gint64 owner = 0;

  switch (kind)
    {
    case GL_ENVELOPE:
      return read_envelope (imp, o, error);

    case GL_PROJECT:
      return read_project (imp, o, error);

    case GL_MR:
    case GL_ISSUE:
      p = kind == GL_MR
          ? read_mr (imp, o, NULL, &inserted, &problem, error)
          : read_issue (imp, o, NULL, &inserted, &problem, error);
      if (p == NULL)
        return problem != NULL ? record_problem (imp, NULL, problem, error) : FALSE;
      imp->n_parents++;
      if (inserted)
        imp->ctx->n_new++;
      return TRUE;

    case GL_DISCUSSION:
      return read_discussion (imp, o, error);

    case GL_NOTE:
    case GL_AWARD:
    case GL_VERSION:
    case GL_APPROVALS:
      p = find_owner (imp, o, kind, &owner);
      if (p == NULL)
        {
          note_dangling (imp, kind, owner);
          return TRUE;
        }
      if (kind == GL_NOTE)
        return read_note (imp, p, o, 0, NULL, error);
      if (kind == GL_AWARD)
        return read_award (imp, p, o, NULL, error);
      if (kind == GL_VERSION)
        return read_version (imp, p, o, NULL, error);
      return read_approvals (imp, p, o, error);

    case GL_COMMIT:
    case GL_OTHER_ENVELOPE:
    case GL_UNKNOWN:
    case N_GL_KINDS:
    default:
      g_assert (pass == 1);
      return TRUE;
    }
}

static gboolean
kind_in_pass (GlKind kind,
              int    pass)
{
  guint mask = pass == 1 ? PASS1_KINDS : pass == 2 ? PASS2_KINDS : PASS3_KINDS;

  return (KIND_BIT (kind) & mask) != 0;
}

/* Read one file in one pass. */
static gboolean
read_file (GlImporter  *imp,
           GlFile      *f,
           int          pass,
           GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  JsonSplitter split;
  gboolean ok = TRUE;

  imp->file = f;
  stream = open_json_stream (f->path, imp->is_folder ? f->name : imp->ctx->display_name,
                             imp->ctx->cancellable, error);
  if (stream == NULL)
    return FALSE;
  json_splitter_init (&split, stream, imp->ctx->cancellable);
  imp->record = 0;

  for (;;)
    {
      g_autofree char *problem = NULL;
      g_autoptr(JsonParser) parser = NULL;
      JsonNode *root;
      SplitResult r;
      GlKind kind;

      r = json_splitter_next (&split, &problem, error);
      if (r == SPLIT_END)
        break;
      imp->record = split.n_values + (r == SPLIT_ERROR ? 1 : 0);
      imp->record_line = r == SPLIT_ERROR ? split.error_line : split.value_line;
      if (r == SPLIT_ERROR)
        {
          if (problem == NULL)
            {
              ok = FALSE;   /* a read error */
              break;
            }
          if (pass == 1)
            {
              f->broken = TRUE;
              if (imp->is_folder && split.not_json)
                /* a README or the like next to the pages */
                g_ptr_array_add (imp->ctx->warnings,
                                 g_strdup_printf (_("“%s”: not JSON; skipped"), f->name));
              else
                ok = record_problem (imp, NULL, g_steal_pointer (&problem), error);
            }
          break;
        }

      if (pass == 1)
        imp->ctx->n_records++;
      if (!_uc_import_tick (imp->ctx, progress_fraction (imp, &split, pass), error))
        {
          ok = FALSE;
          break;
        }

      parser = parse_record (split.value->str, split.value->len, split.value_line, &problem);
      if (parser == NULL)
        {
          if (pass == 1 && !record_problem (imp, NULL, g_steal_pointer (&problem), error))
            {
              ok = FALSE;
              break;
            }
          continue;
        }
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          if (pass == 1 &&
              !record_problem (imp, NULL, g_strdup (_("not a JSON object")), error))
            {
              ok = FALSE;
              break;
            }
          continue;
        }
      kind = classify (json_node_get_object (root));
      if (pass == 1)
        f->kinds |= KIND_BIT (kind);
      if (!kind_in_pass (kind, pass))
        continue;
      if (!read_record (imp, json_node_get_object (root), kind, pass, error))
        {
          ok = FALSE;
          break;
        }
    }

  imp->done_bytes += f->size;
  json_splitter_clear (&split);
  return ok;
}

/* ======================================================================
 * The end: what needs every record first
 * ====================================================================== */

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const StatusEvent *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->note_id < y->note_id ? -1 : x->note_id > y->note_id;
}

static gboolean
finish_issue (GlImporter  *imp,
              GlParent    *p,
              GError     **error)
{
  int category = UC_STATUS_TODO;
  gboolean doing_label = FALSE;
  g_autofree char *status = g_strdup ("opened");
  g_autofree char *label = NULL;

  if (p->events == NULL || p->row_id == 0)
    return TRUE;
  g_array_sort (p->events, compare_events);

  for (guint i = 0; i < p->events->len; i++)
    {
      StatusEvent *ev = &g_array_index (p->events, StatusEvent, i);
      int to = category;
      g_autofree char *to_status = NULL;
      g_autofree char *ext_id = NULL;
      UcStatusChangeRow row = { 0 };
      gboolean inserted;

      switch (ev->kind)
        {
        case EV_CLOSE:
          to = UC_STATUS_DONE;
          to_status = g_strdup ("closed");
          break;
        case EV_REOPEN:
          to = doing_label ? UC_STATUS_DOING : UC_STATUS_TODO;
          to_status = g_strdup (doing_label && label != NULL ? label : "opened");
          break;
        case EV_DOING_ON:
          doing_label = TRUE;
          g_free (label);
          label = g_strdup (ev->label);
          if (category == UC_STATUS_DONE)
            continue;
          to = UC_STATUS_DOING;
          to_status = g_strdup (ev->label);
          break;
        case EV_DOING_OFF:
        default:
          doing_label = FALSE;
          if (category != UC_STATUS_DOING)
            continue;
          to = UC_STATUS_TODO;
          to_status = g_strdup ("opened");
          break;
        }
      if (to == category && g_str_equal (to_status, status))
        continue;

      ext_id = g_strdup_printf ("%s:note:%" G_GINT64_FORMAT, p->prefix, ev->note_id);
      row.item_id = p->row_id;
      row.ext_id = ext_id;
      row.author_identity = ev->author;
      row.time = ev->time;
      row.from_status = status;
      row.to_status = to_status;
      row.from_category = category;
      row.to_category = to;
      row.source_id = imp->ctx->source_id;
      if (uc_store_add_status_change (imp->ctx->store, &row, &inserted, error) <= 0)
        return FALSE;
      _uc_import_note_time (imp->ctx, ev->time);
      category = to;
      g_free (status);
      status = g_steal_pointer (&to_status);
    }
  return TRUE;
}

static gboolean
reviewer_has_approval (GlImporter *imp,
                       UcId        cr_id,
                       UcId        reviewer)
{
  sqlite3_stmt *stmt = uc_store_prepare (imp->ctx->store,
                                         "SELECT 1 FROM review WHERE cr_id = ?1 AND reviewer_id = ?2"
                                         " AND state = ?3 LIMIT 1", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cr_id);
  sqlite3_bind_int64 (stmt, 2, reviewer);
  sqlite3_bind_int (stmt, 3, UC_REVIEW_APPROVED);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
review_exists (GlImporter *imp,
               UcId        cr_id,
               const char *ext_id)
{
  sqlite3_stmt *stmt = uc_store_prepare (imp->ctx->store,
                                         "SELECT 1 FROM review WHERE cr_id = ?1 AND ext_id = ?2", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cr_id);
  sqlite3_bind_text (stmt, 2, ext_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
finish_mr (GlImporter  *imp,
           GlParent    *p,
           GError     **error)
{
  gboolean changed = FALSE;

  if (p->row_id == 0)
    return TRUE;

  if (p->versions != NULL)
    {
      p->row.n_rounds = g_hash_table_size (p->versions);
      changed = TRUE;
    }
  else if (p->notes_known)
    {
      p->row.n_rounds = 1 + (p->push_notes != NULL ? g_hash_table_size (p->push_notes) : 0);
      changed = TRUE;
    }
  if (p->newest_version != 0 || p->push_time != 0)
    {
      p->row.last_commit_time = MAX (p->newest_version, p->push_time);
      changed = TRUE;
    }
  if (p->commits_data <= 0 && p->newest_version_commits > 0)
    {
      p->row.n_commits = p->newest_version_commits;
      changed = TRUE;
    }
  if (g_str_equal (p->state, "merged") && !p->had_merged_at && p->merged_note_time != 0)
    {
      p->row.merged_time = p->merged_note_time;
      changed = TRUE;
    }
  if (g_str_equal (p->state, "merged") && !p->had_merged_by && p->merged_note_by != 0)
    {
      p->row.merged_by_identity = p->merged_note_by;
      changed = TRUE;
    }
  if (g_str_equal (p->state, "closed") && !p->had_closed_at && p->closed_note_time != 0)
    {
      p->row.closed_time = p->closed_note_time;
      changed = TRUE;
    }
  if (changed && !write_mr (imp, p, NULL, error))
    return FALSE;

  for (guint i = 0; p->pending != NULL && i < p->pending->len; i++)
    {
      PendingReview *r = &g_array_index (p->pending, PendingReview, i);
      UcReviewRow row = { 0 };
      gboolean inserted;

      if (r->only_if_new && r->state == UC_REVIEW_APPROVED &&
          !review_exists (imp, p->row_id, r->ext_id) &&
          reviewer_has_approval (imp, p->row_id, r->reviewer))
        continue;
      if (r->time == 0)
        r->time = p->row.merged_time != 0 ? p->row.merged_time :
                  p->row.updated_time != 0 ? p->row.updated_time : p->row.created_time;
      row.cr_id = p->row_id;
      row.ext_id = r->ext_id;
      row.reviewer_identity = r->reviewer;
      row.state = r->state;
      row.time = r->time;
      row.is_objection = r->state == UC_REVIEW_CHANGES_REQUESTED;
      row.source_id = imp->ctx->source_id;
      if (uc_store_add_review (imp->ctx->store, &row, &inserted, error) <= 0)
        return FALSE;
      _uc_import_note_time (imp->ctx, r->time);
    }
  return TRUE;
}

static gboolean
finish (GlImporter  *imp,
        GError     **error)
{
  for (guint i = 0; i < imp->parents->len; i++)
    {
      GlParent *p = g_ptr_array_index (imp->parents, i);

      if (!(p->is_mr ? finish_mr (imp, p, error) : finish_issue (imp, p, error)))
        return FALSE;
      if (!_uc_import_tick (imp->ctx, 1.0, error))
        return FALSE;
    }
  return TRUE;
}

/* ======================================================================
 * Files and folders
 * ====================================================================== */

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  const GlFile *x = *(GlFile * const *) a, *y = *(GlFile * const *) b;

  return strcmp (x->path, y->path);
}

/* Regular, non-hidden, non-empty files under @dir (sub-folders too, a
 * few levels), at most @max of them. */
static gboolean
list_files (const char  *dir,
            const char  *rel,
            guint        depth,
            guint        max,
            GPtrArray   *out,
            GError     **error)
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
  while ((name = g_dir_read_name (d)) != NULL && out->len < max)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *relative = rel != NULL ? g_build_filename (rel, display, NULL) : g_strdup (display);
      GStatBuf st;

      if (name[0] == '.')
        continue;
      if (g_stat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          if (depth < 4 && !list_files (path, relative, depth + 1, max, out, error))
            return FALSE;
          continue;
        }
      if (!S_ISREG (st.st_mode) || st.st_size == 0)
        continue;
      {
        GlFile *f = g_new0 (GlFile, 1);

        f->path = g_steal_pointer (&path);
        f->name = g_steal_pointer (&relative);
        f->size = st.st_size;
        g_ptr_array_add (out, f);
      }
    }
  return TRUE;
}

static void
warn_dangling (GlImporter *imp,
               GlFile     *f)
{
  guint n = 0;

  for (guint k = 0; k < N_GL_KINDS; k++)
    n += f->n_dangling[k];
  if (n == 0)
    return;
  g_ptr_array_add (imp->ctx->warnings,
                   g_strdup_printf (ngettext ("“%s”: %u record skipped: the merge request or issue it belongs to (GitLab id %" G_GINT64_FORMAT ") is not in this import",
                                              "“%s”: %u records skipped: the merge requests or issues they belong to (GitLab id %" G_GINT64_FORMAT "…) are not in this import",
                                              n),
                                    imp->is_folder ? f->name : imp->ctx->display_name, n,
                                    f->first_dangling_owner));
}

static gboolean
gitlab_import (UcImportContext  *ctx,
               GError          **error)
{
  GlImporter imp = { 0 };
  gboolean ok = FALSE;
  guint useful = 0;

  imp.ctx = ctx;
  imp.is_folder = g_file_test (ctx->path, G_FILE_TEST_IS_DIR);
  imp.files = g_ptr_array_new_with_free_func ((GDestroyNotify) gl_file_free);
  imp.repos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.projects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.by_global = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.by_iid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.parents = g_ptr_array_new_with_free_func ((GDestroyNotify) gl_parent_free);
  imp.identities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.keys = g_ptr_array_new_with_free_func (g_free);
  imp.status_map = uc_status_map_load (ctx->store, error);
  if (imp.status_map == NULL)
    goto out;

  if (imp.is_folder)
    {
      if (!list_files (ctx->path, NULL, 0, G_MAXUINT, imp.files, error))
        goto out;
      g_ptr_array_sort (imp.files, compare_files);
    }
  else
    {
      GlFile *f = g_new0 (GlFile, 1);

      f->path = g_strdup (ctx->path);
      f->name = g_strdup (ctx->display_name);
      f->size = ctx->size;
      g_ptr_array_add (imp.files, f);
    }
  for (guint i = 0; i < imp.files->len; i++)
    imp.total_bytes += ((GlFile *) g_ptr_array_index (imp.files, i))->size;

  for (int pass = 1; pass <= 3; pass++)
    {
      imp.done_bytes = 0;
      for (guint i = 0; i < imp.files->len; i++)
        {
          GlFile *f = g_ptr_array_index (imp.files, i);
          guint mask = pass == 2 ? PASS2_KINDS : PASS3_KINDS;

          if (pass > 1 && (f->kinds & mask) == 0)
            {
              imp.done_bytes += f->size;
              continue;
            }
          if (!read_file (&imp, f, pass, error))
            goto out;
        }
    }

  for (guint i = 0; i < imp.files->len; i++)
    {
      GlFile *f = g_ptr_array_index (imp.files, i);

      if (f->kinds & (PASS1_KINDS | PASS2_KINDS | PASS3_KINDS))
        useful++;
      else if (imp.is_folder && !f->broken && f->kinds != 0)
        g_ptr_array_add (ctx->warnings,
                         (f->kinds & KIND_BIT (GL_COMMIT))
                         ? g_strdup_printf (_("“%s”: GitLab commit lists are not imported (import the git repository instead)"), f->name)
                         : g_strdup_printf (_("“%s”: not a GitLab merge request, issue, note, emoji, version, approval or project page; skipped"), f->name));
    }

  if (imp.n_parents == 0 && imp.n_orphans > 0)
    {
      if (imp.is_folder)
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                     _("The folder “%s” holds GitLab notes, emoji, versions or approvals but none of the merge requests or issues they belong to; add the merge request and issue pages to it"),
                     ctx->display_name);
      else
        _uc_import_set_parse_error (ctx, error, _("whole file"),
                                    _("it holds only GitLab notes, emoji, versions or approvals, which name their merge request or issue by GitLab’s internal id; import them together with the merge request and issue pages (put them in one folder and import the folder)"));
      goto out;
    }
  if (useful == 0)
    {
      if (imp.is_folder)
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                     _("The folder “%s” holds no GitLab merge requests, issues or notes"),
                     ctx->display_name);
      else if ((((GlFile *) g_ptr_array_index (imp.files, 0))->kinds & KIND_BIT (GL_COMMIT)) != 0)
        _uc_import_set_parse_error (ctx, error, _("whole file"),
                                    _("it is a list of GitLab commits, which are imported from the git repository, not from GitLab"));
      else if (ctx->n_records > 0)
        _uc_import_set_parse_error (ctx, error, _("whole file"),
                                    _("it holds no GitLab merge requests, issues, notes, emoji, versions or approvals"));
      else if (ctx->warnings->len == 0)
        _uc_import_set_parse_error (ctx, error, _("whole file"),
                                    _("it holds no records (an empty list)"));
      else
        _uc_import_set_parse_error (ctx, error, _("whole file"),
                                    _("no record could be read"));
      goto out;
    }

  if (!finish (&imp, error))
    goto out;
  for (guint i = 0; i < imp.files->len; i++)
    warn_dangling (&imp, g_ptr_array_index (imp.files, i));
  ok = TRUE;

out:
  g_ptr_array_unref (imp.files);
  g_hash_table_unref (imp.repos);
  g_hash_table_unref (imp.projects);
  g_hash_table_unref (imp.by_global);
  g_hash_table_unref (imp.by_iid);
  g_ptr_array_unref (imp.parents);
  g_hash_table_unref (imp.identities);
  g_ptr_array_unref (imp.keys);
  g_clear_pointer (&imp.status_map, uc_status_map_free);
  return ok;
}

/* The checksum of a folder: its files' names, sizes and contents in
 * order; of a file: its SHA-256. */
static char *
gitlab_checksum (UcImportContext  *ctx,
                 GError          **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gl_file_free);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (JSON_CHUNK);

  if (g_file_test (ctx->path, G_FILE_TEST_IS_DIR))
    {
      if (!list_files (ctx->path, NULL, 0, G_MAXUINT, files, error))
        return NULL;
      g_ptr_array_sort (files, compare_files);
    }
  else
    {
      GlFile *f = g_new0 (GlFile, 1);

      f->path = g_strdup (ctx->path);
      f->name = g_strdup ("");
      g_ptr_array_add (files, f);
    }

  for (guint i = 0; i < files->len; i++)
    {
      GlFile *f = g_ptr_array_index (files, i);
      FILE *fp = g_fopen (f->path, "rb");
      gsize n;

      if (fp == NULL)
        {
          g_autofree char *display = g_filename_display_name (f->path);

          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                       _("Could not read “%s”: %s"), display, g_strerror (errno));
          return NULL;
        }
      g_checksum_update (sum, (const guchar *) f->name, (gssize) strlen (f->name) + 1);
      while ((n = fread (buf, 1, JSON_CHUNK, fp)) > 0)
        {
          g_checksum_update (sum, buf, (gssize) n);
          if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
            {
              fclose (fp);
              return NULL;
            }
        }
      fclose (fp);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* ======================================================================
 * Detection
 * ====================================================================== */

/* Keys found in the first bytes of a JSON text (at any depth), without
 * parsing it: a key is a string followed by ':'. */
typedef struct
{
  guint     bits;
  gboolean  backend_gitlab;
  gboolean  backend_other;
  gboolean  mr_url;
  gboolean  issue_url;
} ProbeKeys;

enum
{
  K_IID = 1 << 0,
  K_SOURCE_BRANCH = 1 << 1,
  K_MERGE_STATUS = 1 << 2,
  K_NOTEABLE_TYPE = 1 << 3,
  K_AWARDABLE_TYPE = 1 << 4,
  K_HEAD_SHA = 1 << 5,
  K_BASE_SHA = 1 << 6,
  K_PATH_NS = 1 << 7,
  K_APPROVED_BY = 1 << 8,
  K_INDIVIDUAL_NOTE = 1 << 9,
  K_WEB_URL = 1 << 10,
  K_SHORT_ID = 1 << 11,
  K_COMMITTED_DATE = 1 << 12,
  K_PROJECT_ID = 1 << 13,
  K_NOTES_DATA = 1 << 14,
  K_SYSTEM = 1 << 15,
  K_MERGE_REQUEST_ID = 1 << 16,
  K_APPROVALS_REQUIRED = 1 << 17,
};

static const struct { const char *key; guint bit; } probe_key_table[] = {
  { "iid", K_IID }, { "source_branch", K_SOURCE_BRANCH }, { "merge_status", K_MERGE_STATUS },
  { "noteable_type", K_NOTEABLE_TYPE }, { "awardable_type", K_AWARDABLE_TYPE },
  { "head_commit_sha", K_HEAD_SHA }, { "base_commit_sha", K_BASE_SHA },
  { "path_with_namespace", K_PATH_NS }, { "approved_by", K_APPROVED_BY },
  { "individual_note", K_INDIVIDUAL_NOTE }, { "web_url", K_WEB_URL },
  { "short_id", K_SHORT_ID }, { "committed_date", K_COMMITTED_DATE },
  { "project_id", K_PROJECT_ID }, { "notes_data", K_NOTES_DATA }, { "system", K_SYSTEM },
  { "merge_request_id", K_MERGE_REQUEST_ID }, { "approvals_required", K_APPROVALS_REQUIRED },
};

static void
scan_keys (const char *text,
           gsize       len,
           ProbeKeys  *keys)
{
  gsize i = 0;
  const char *last_key = NULL;
  gsize last_key_len = 0;

  memset (keys, 0, sizeof *keys);
  while (i < len)
    {
      if (text[i] == '"')
        {
          gsize start = ++i, end;
          gsize j;

          while (i < len && text[i] != '"')
            i += text[i] == '\\' ? 2 : 1;
          if (i >= len)
            return;
          end = i++;
          j = i;
          while (j < len && g_ascii_isspace (text[j]))
            j++;
          if (j < len && text[j] == ':')
            {
              last_key = text + start;
              last_key_len = end - start;
              for (guint k = 0; k < G_N_ELEMENTS (probe_key_table); k++)
                if (strlen (probe_key_table[k].key) == last_key_len &&
                    memcmp (probe_key_table[k].key, last_key, last_key_len) == 0)
                  keys->bits |= probe_key_table[k].bit;
            }
          else if (last_key != NULL)
            {
              /* a string value of the last key */
              if (last_key_len == 12 && memcmp (last_key, "backend_name", 12) == 0)
                {
                  if (end - start == 6 && g_ascii_strncasecmp (text + start, "gitlab", 6) == 0)
                    keys->backend_gitlab = TRUE;
                  else
                    keys->backend_other = TRUE;
                }
              else if (last_key_len == 7 && memcmp (last_key, "web_url", 7) == 0)
                {
                  g_autofree char *value = g_strndup (text + start, end - start);

                  if (strstr (value, "/merge_requests/") != NULL)
                    keys->mr_url = TRUE;
                  else if (strstr (value, "/issues/") != NULL)
                    keys->issue_url = TRUE;
                }
              last_key = NULL;
            }
          continue;
        }
      if (text[i] != ' ' && text[i] != '\n' && text[i] != '\t' && text[i] != '\r')
        {
          if (text[i] != ':')
            last_key = NULL;
        }
      i++;
    }
}

static double
probe_text (const guint8 *head,
            gsize         len)
{
  const char *text = (const char *) head;
  gsize i = 0;
  ProbeKeys k;

  while (i < len && g_ascii_isspace (text[i]))
    i++;
  if (i >= len || (text[i] != '[' && text[i] != '{'))
    return 0.0;
  scan_keys (text + i, len - i, &k);

  if (k.backend_gitlab)
    return 0.95;
  if (k.backend_other)
    return 0.0;
  if ((k.bits & K_IID) && ((k.bits & (K_SOURCE_BRANCH | K_MERGE_STATUS)) || k.mr_url))
    return 0.9;                                   /* merge requests */
  if ((k.bits & K_IID) && k.issue_url && (k.bits & K_PROJECT_ID))
    return 0.85;                                  /* issues */
  if (k.bits & K_NOTEABLE_TYPE)
    return 0.85;                                  /* notes */
  if (k.bits & K_INDIVIDUAL_NOTE)
    return 0.85;                                  /* discussions */
  if (k.bits & K_AWARDABLE_TYPE)
    return 0.85;                                  /* award emoji */
  if ((k.bits & (K_HEAD_SHA | K_BASE_SHA | K_MERGE_REQUEST_ID)) ==
      (K_HEAD_SHA | K_BASE_SHA | K_MERGE_REQUEST_ID))
    return 0.85;                                  /* versions */
  if ((k.bits & K_APPROVED_BY) && (k.bits & (K_APPROVALS_REQUIRED | K_IID)))
    return 0.8;                                   /* approvals */
  if ((k.bits & K_PATH_NS) && !(k.bits & K_IID))
    return 0.75;                                  /* a project */
  if ((k.bits & (K_SHORT_ID | K_COMMITTED_DATE)) == (K_SHORT_ID | K_COMMITTED_DATE))
    return 0.3;                                   /* GitLab commits: named, not imported */
  return 0.0;
}

/* A folder: the first files' heads. */
static double
probe_folder (const char *path)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) gl_file_free);
  g_autofree guint8 *buf = g_malloc (JSON_CHUNK + 1);
  double best = 0.0;

  if (!list_files (path, NULL, 2, 512, files, NULL))
    return 0.0;
  g_ptr_array_sort (files, compare_files);
  for (guint i = 0; i < files->len && i < 64; i++)
    {
      GlFile *f = g_ptr_array_index (files, i);
      FILE *fp = g_fopen (f->path, "rb");
      gsize n, skip = 0;
      double c;

      if (fp == NULL)
        continue;
      n = fread (buf, 1, JSON_CHUNK, fp);
      fclose (fp);
      buf[n] = '\0';
      if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
        skip = 3;
      c = probe_text (buf + skip, n - skip);
      if (c >= 0.75)
        best = MAX (best, c - 0.05);
    }
  return best;
}

static double
gitlab_probe (const UcImportProbe *probe)
{
  if (probe->is_dir)
    return probe_folder (probe->path);
  if (probe->head == NULL)
    return 0.0;
  return probe_text (probe->head, probe->head_len);
}

const UcImportFormat _uc_import_format_gitlab = {
  "gitlab",
  N_("GitLab export"),
  UC_IMPORT_INPUT_FILE | UC_IMPORT_INPUT_FOLDER,
  gitlab_probe,
  gitlab_checksum,
  gitlab_import,
};
