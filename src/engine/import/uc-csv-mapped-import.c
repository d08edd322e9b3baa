/* uc-csv-mapped-import.c: any CSV, with a column mapping.
 *
 * Format "csv-mapped": never detected (a CSV says nothing about what its
 * rows are); chosen when a mapping is given (UcImportOptions.mapping_path,
 * `undercurrent-cli import WS data.csv --mapping map.json`).
 * uc-csv-mapped-import.h describes the mapping.
 *
 * The source checksum covers the file and the mapping: the same file
 * imported with another mapping is another source. Rows are streamed with
 * the shared CSV reader. A bad row (a value that does not parse, a
 * required value missing, a change request or work item that is not in
 * the workspace) rejects the import, or is skipped with --skip-bad.
 *
 * Reviews, comments and status changes attach to change requests and work
 * items already in the workspace (import those first); comments' ext ids
 * are made unique per change request or item ("SYSTEM:TARGET:ID"), so a
 * reply_to column names a comment of the same target.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "uc-import-private.h"
#include "uc-chat-import-private.h"
#include "uc-csv-mapped-import.h"
#include "uc-csv-reader.h"
#include "uc-jira-private.h"
#include "uc-status-map.h"

G_DEFINE_QUARK (uc-csv-mapping-error-quark, uc_csv_mapping_error)

#define MAX_FIELDS 32

/* ====================================================================== *
 * Record kinds and their fields
 * ====================================================================== */

#define T UC_CSV_FIELD_TEXT
#define TM UC_CSV_FIELD_TIME
#define NUM UC_CSV_FIELD_NUMBER
#define REAL UC_CSV_FIELD_REAL
#define BOOL UC_CSV_FIELD_BOOLEAN
#define BODY UC_CSV_FIELD_BODY

static const UcCsvFieldInfo commit_fields[] = {
  { "id", T, TRUE, NULL, N_("The commit's id (its SHA)") },
  { "repo", T, TRUE, NULL, N_("The repository") },
  { "author", T, FALSE, "author", N_("The author's name") },
  { "author_email", T, FALSE, "author", N_("The author's e-mail address") },
  { "created", TM, TRUE, NULL, N_("When it was written (the author date)") },
  { "committer", T, FALSE, NULL, N_("The committer's name (default: the author)") },
  { "committer_email", T, FALSE, NULL, N_("The committer's e-mail address") },
  { "committed", TM, FALSE, NULL, N_("When it was committed (default: the author date)") },
  { "parents", NUM, FALSE, NULL, N_("How many parents it has (2 or more for a merge; default 1)") },
  { "text", BODY, FALSE, NULL, N_("The commit message: measured and scanned, never stored") },
  { "length", NUM, FALSE, NULL, N_("The length of the message's subject line") },
  { NULL }
};

static const UcCsvFieldInfo change_request_fields[] = {
  { "id", T, TRUE, NULL, N_("The number of the pull or merge request") },
  { "repo", T, TRUE, NULL, N_("The repository (owner/name)") },
  { "author", T, FALSE, "author", N_("Who opened it") },
  { "author_email", T, FALSE, "author", N_("Their e-mail address") },
  { "created", TM, TRUE, NULL, N_("When it was opened") },
  { "updated", TM, FALSE, NULL, N_("When it last changed") },
  { "merged", TM, FALSE, NULL, N_("When it was merged") },
  { "closed", TM, FALSE, NULL, N_("When it was closed") },
  { "state", T, FALSE, NULL, N_("open, merged or closed (default: from the merged and closed times)") },
  { "merged_by", T, FALSE, NULL, N_("Who merged it") },
  { "additions", NUM, FALSE, NULL, N_("Lines added") },
  { "deletions", NUM, FALSE, NULL, N_("Lines deleted") },
  { "commits", NUM, FALSE, NULL, N_("Number of commits") },
  { "rounds", NUM, FALSE, NULL, N_("Review rounds (patch sets, versions)") },
  { "draft", BOOL, FALSE, NULL, N_("Whether it is a draft") },
  { "branch", T, FALSE, NULL, N_("The source branch (for ticket keys)") },
  { "title", BODY, FALSE, NULL, N_("The title: measured and scanned, never stored") },
  { "text", BODY, FALSE, NULL, N_("The description: measured and scanned, never stored") },
  { "title_length", NUM, FALSE, NULL, N_("The length of the title") },
  { "length", NUM, FALSE, NULL, N_("The length of the description") },
  { NULL }
};

static const UcCsvFieldInfo review_fields[] = {
  { "id", T, TRUE, NULL, N_("The review's id") },
  { "repo", T, TRUE, NULL, N_("The repository of the change request") },
  { "change_request", T, TRUE, NULL, N_("The number of the change request reviewed") },
  { "author", T, FALSE, "author", N_("The reviewer") },
  { "author_email", T, FALSE, "author", N_("The reviewer's e-mail address") },
  { "created", TM, TRUE, NULL, N_("When it was submitted") },
  { "state", T, TRUE, NULL, N_("approved, changes_requested, commented or dismissed") },
  { "text", BODY, FALSE, NULL, N_("The review's text: measured and scanned, never stored") },
  { "length", NUM, FALSE, NULL, N_("The length of the review's text") },
  { NULL }
};

static const UcCsvFieldInfo comment_fields[] = {
  { "id", T, TRUE, NULL, N_("The comment's id") },
  { "repo", T, FALSE, NULL, N_("The repository of the change request") },
  { "change_request", T, FALSE, "target", N_("The change request commented on") },
  { "key", T, FALSE, "target", N_("The work item commented on (e.g. ABC-123)") },
  { "tracker", T, FALSE, NULL, N_("The work item's tracker (default: the system)") },
  { "author", T, FALSE, "author", N_("Who wrote it") },
  { "author_email", T, FALSE, "author", N_("Their e-mail address") },
  { "created", TM, TRUE, NULL, N_("When it was written") },
  { "reply_to", T, FALSE, NULL, N_("The id of the comment it answers") },
  { "review_comment", BOOL, FALSE, NULL, N_("Whether it is an inline code review comment") },
  { "text", BODY, FALSE, NULL, N_("The comment: measured and scanned, never stored") },
  { "length", NUM, FALSE, NULL, N_("The length of the comment") },
  { NULL }
};

static const UcCsvFieldInfo work_item_fields[] = {
  { "key", T, TRUE, NULL, N_("The item's key (e.g. ABC-123)") },
  { "project", T, FALSE, NULL, N_("The project (default: from the key)") },
  { "tracker", T, FALSE, NULL, N_("The tracker (default: the system)") },
  { "type", T, FALSE, NULL, N_("Bug, Story, Task…") },
  { "status", T, FALSE, NULL, N_("The current status") },
  { "status_category", T, FALSE, NULL, N_("todo, doing or done (default: from the status)") },
  { "author", T, FALSE, NULL, N_("The reporter") },
  { "author_email", T, FALSE, NULL, N_("The reporter's e-mail address") },
  { "assignee", T, FALSE, NULL, N_("The assignee") },
  { "assignee_email", T, FALSE, NULL, N_("The assignee's e-mail address") },
  { "created", TM, TRUE, NULL, N_("When it was created") },
  { "updated", TM, FALSE, NULL, N_("When it last changed") },
  { "closed", TM, FALSE, NULL, N_("When it was resolved") },
  { "story_points", REAL, FALSE, NULL, N_("Story points") },
  { "decision", BOOL, FALSE, NULL, N_("Whether it records a decision (default: from the type)") },
  { "title", BODY, FALSE, NULL, N_("The summary: measured, never stored") },
  { "text", BODY, FALSE, NULL, N_("The description: measured, never stored") },
  { "title_length", NUM, FALSE, NULL, N_("The length of the summary") },
  { "length", NUM, FALSE, NULL, N_("The length of the description") },
  { NULL }
};

static const UcCsvFieldInfo status_change_fields[] = {
  { "key", T, TRUE, NULL, N_("The item's key") },
  { "tracker", T, FALSE, NULL, N_("The tracker (default: the system)") },
  { "id", T, FALSE, NULL, N_("The change's id (default: from its time and statuses)") },
  { "author", T, FALSE, NULL, N_("Who changed the status") },
  { "author_email", T, FALSE, NULL, N_("Their e-mail address") },
  { "created", TM, TRUE, NULL, N_("When the status changed") },
  { "from", T, FALSE, NULL, N_("The status before") },
  { "to", T, TRUE, NULL, N_("The status after") },
  { "from_category", T, FALSE, NULL, N_("todo, doing or done (default: from the status)") },
  { "to_category", T, FALSE, NULL, N_("todo, doing or done (default: from the status)") },
  { NULL }
};

static const UcCsvFieldInfo message_fields[] = {
  { "id", T, TRUE, NULL, N_("The message's id") },
  { "channel", T, TRUE, NULL, N_("The channel") },
  { "author", T, FALSE, "author", N_("Who wrote it") },
  { "author_email", T, FALSE, "author", N_("Their e-mail address") },
  { "created", TM, TRUE, NULL, N_("When it was sent") },
  { "thread", T, FALSE, NULL, N_("The id of the thread's first message, for a reply") },
  { "text", BODY, FALSE, NULL, N_("The message: measured and scanned, never stored") },
  { "length", NUM, FALSE, NULL, N_("The length of the message") },
  { NULL }
};

#undef T
#undef TM
#undef NUM
#undef REAL
#undef BOOL
#undef BODY

static const struct
{
  const char           *name;
  const char           *human;
  const UcCsvFieldInfo *fields;
} kinds[UC_CSV_N_RECORD_KINDS] = {
  [UC_CSV_RECORD_COMMIT] = { "commit", N_("Commits"), commit_fields },
  [UC_CSV_RECORD_CHANGE_REQUEST] = { "change_request", N_("Change requests"), change_request_fields },
  [UC_CSV_RECORD_REVIEW] = { "review", N_("Reviews"), review_fields },
  [UC_CSV_RECORD_COMMENT] = { "comment", N_("Comments"), comment_fields },
  [UC_CSV_RECORD_WORK_ITEM] = { "work_item", N_("Work items"), work_item_fields },
  [UC_CSV_RECORD_STATUS_CHANGE] = { "status_change", N_("Status changes"), status_change_fields },
  [UC_CSV_RECORD_MESSAGE] = { "message", N_("Chat messages"), message_fields },
};

const char *
uc_csv_record_kind_to_string (UcCsvRecordKind kind)
{
  g_return_val_if_fail ((guint) kind < UC_CSV_N_RECORD_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
uc_csv_record_kind_from_string (const char      *text,
                                UcCsvRecordKind *kind)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < UC_CSV_N_RECORD_KINDS; i++)
    if (g_ascii_strcasecmp (text, kinds[i].name) == 0)
      {
        if (kind != NULL)
          *kind = (UcCsvRecordKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
uc_csv_record_kind_describe (UcCsvRecordKind kind)
{
  g_return_val_if_fail ((guint) kind < UC_CSV_N_RECORD_KINDS, NULL);
  return _(kinds[kind].human);
}

const UcCsvFieldInfo *
uc_csv_record_kind_fields (UcCsvRecordKind kind)
{
  g_return_val_if_fail ((guint) kind < UC_CSV_N_RECORD_KINDS, NULL);
  return kinds[kind].fields;
}

static guint
count_fields (UcCsvRecordKind kind)
{
  guint n = 0;

  while (kinds[kind].fields[n].name != NULL)
    n++;
  return n;
}

static int
field_index (UcCsvRecordKind  kind,
             const char      *name)
{
  for (guint i = 0; name != NULL && kinds[kind].fields[i].name != NULL; i++)
    if (g_str_equal (kinds[kind].fields[i].name, name))
      return (int) i;
  return -1;
}

static char *
list_field_names (UcCsvRecordKind kind)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; kinds[kind].fields[i].name != NULL; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", kinds[kind].fields[i].name);
  return g_string_free (out, FALSE);
}

static void
set_unknown_field (GError          **error,
                   UcCsvRecordKind   kind,
                   const char       *field)
{
  g_autofree char *known = list_field_names (kind);

  g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_UNKNOWN_FIELD,
               /* Translators: a field name, a record kind, then the list of fields */
               _("“%s” is not a field of %s records (fields: %s)"),
               field, kinds[kind].name, known);
}

/* ====================================================================== *
 * Times
 * ====================================================================== */

static const char *const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december",
};

/* Check a date format; FALSE with UC_CSV_MAPPING_ERROR_BAD_FORMAT. */
static gboolean
check_date_format (const char  *format,
                   GError     **error)
{
  gboolean year = FALSE, month = FALSE, day = FALSE;

  if (format == NULL || g_str_equal (format, "iso8601") || g_str_equal (format, "unix") ||
      g_str_equal (format, "unix_ms"))
    return TRUE;
  for (const char *f = format; *f != '\0'; f++)
    {
      if (*f != '%')
        continue;
      f++;
      switch (*f)
        {
        case 'Y': case 'y':
          year = TRUE;
          break;
        case 'm': case 'b': case 'B':
          month = TRUE;
          break;
        case 'd': case 'e':
          day = TRUE;
          break;
        case 'H': case 'I': case 'M': case 'S': case 'f': case 'p': case 'z': case '%':
          break;
        default:
          g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_BAD_FORMAT,
                       _("The date format “%s” uses %%%c, which is not supported (use %%Y %%y %%m %%d %%e %%H %%I %%M %%S %%f %%p %%b %%B %%z, or iso8601, unix, unix_ms)"),
                       format, *f != '\0' ? *f : ' ');
          return FALSE;
        }
      if (*f == '\0')
        break;
    }
  if (!year || !month || !day)
    {
      g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_BAD_FORMAT,
                   _("The date format “%s” needs a year, a month and a day"), format);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_digits (const char **p,
             guint        min,
             guint        max,
             int         *value)
{
  guint n = 0;
  int v = 0;

  while (n < max && g_ascii_isdigit ((*p)[n]))
    {
      v = v * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min)
    return FALSE;
  *p += n;
  *value = v;
  return TRUE;
}

/* "Z", "+hh", "+hhmm", "+hh:mm" → seconds east of UTC. */
static gboolean
read_offset (const char **p,
             int         *seconds)
{
  int sign, h = 0, m = 0;

  if (**p == 'Z' || **p == 'z')
    {
      (*p)++;
      *seconds = 0;
      return TRUE;
    }
  if (**p != '+' && **p != '-')
    return FALSE;
  sign = **p == '-' ? -1 : 1;
  (*p)++;
  if (!read_digits (p, 2, 2, &h))
    return FALSE;
  if (**p == ':')
    (*p)++;
  if (g_ascii_isdigit (**p) && !read_digits (p, 2, 2, &m))
    return FALSE;
  if (h > 14 || m > 59)
    return FALSE;
  *seconds = sign * (h * 3600 + m * 60);
  return TRUE;
}

static gboolean
make_time (int         year,
           int         month,
           int         day,
           int         hour,
           int         minute,
           int         second,
           gboolean    has_offset,
           int         offset,
           GTimeZone  *tz,
           UcTime     *time)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year) ||
      hour > 23 || minute > 59 || second > 60)
    return FALSE;
  if (second == 60)
    second = 59;
  if ((has_offset || tz == NULL) && year > 1 && year < 9999)
    {
      /* A fixed offset (or UTC): plain arithmetic, as GDateTime would
       * count (making a GTimeZone for every row was a tenth of an
       * import). Days since 1970-01-01 of the proleptic Gregorian date. */
      gint64 y = month <= 2 ? year - 1 : year;
      gint64 era = y / 400;
      gint64 yoe = y - era * 400;
      gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
      gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
      gint64 days = era * 146097 + doe - 719468;

      *time = days * 86400 + hour * 3600 + minute * 60 + second - (has_offset ? offset : 0);
      return TRUE;
    }
  if (has_offset)
    zone = g_time_zone_new_offset (offset);
  else
    zone = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_utc ();
  dt = g_date_time_new (zone, year, month, day, hour, minute, second);
  if (dt == NULL)
    return FALSE;
  *time = g_date_time_to_unix (dt);
  return TRUE;
}

static gboolean
parse_iso (const char *text,
           GTimeZone  *tz,
           UcTime     *time)
{
  const char *p = text;
  int year, month, day, hour = 0, minute = 0, second = 0, offset = 0;
  gboolean has_offset = FALSE;

  if (!read_digits (&p, 4, 4, &year) || *p++ != '-' ||
      !read_digits (&p, 2, 2, &month) || *p++ != '-' ||
      !read_digits (&p, 2, 2, &day))
    return FALSE;
  if (*p == 'T' || *p == 't' || (*p == ' ' && g_ascii_isdigit (p[1])))
    {
      p++;
      if (!read_digits (&p, 2, 2, &hour) || *p++ != ':' || !read_digits (&p, 2, 2, &minute))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 2, 2, &second))
            return FALSE;
          if (*p == '.' || *p == ',')
            {
              p++;
              if (!g_ascii_isdigit (*p))
                return FALSE;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
      while (*p == ' ')
        p++;
      if (*p != '\0')
        {
          if (!read_offset (&p, &offset))
            return FALSE;
          has_offset = TRUE;
        }
    }
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return FALSE;
  return make_time (year, month, day, hour, minute, second, has_offset, offset, tz, time);
}

static gboolean
parse_pattern (const char *text,
               const char *format,
               GTimeZone  *tz,
               UcTime     *time)
{
  const char *p = text;
  int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0, offset = 0;
  int pm = -1;
  gboolean has_offset = FALSE, twelve = FALSE;

  for (const char *f = format; *f != '\0'; f++)
    {
      if (*f == ' ')
        {
          while (*p == ' ')
            p++;
          continue;
        }
      if (*f != '%')
        {
          if (*p != *f)
            return FALSE;
          p++;
          continue;
        }
      f++;
      switch (*f)
        {
        case 'Y':
          if (!read_digits (&p, 4, 4, &year))
            return FALSE;
          break;
        case 'y':
          if (!read_digits (&p, 2, 2, &year))
            return FALSE;
          year += year < 70 ? 2000 : 1900;
          break;
        case 'm':
          if (!read_digits (&p, 1, 2, &month))
            return FALSE;
          break;
        case 'd':
        case 'e':
          while (*f == 'e' && *p == ' ')
            p++;
          if (!read_digits (&p, 1, 2, &day))
            return FALSE;
          break;
        case 'H':
          if (!read_digits (&p, 1, 2, &hour))
            return FALSE;
          break;
        case 'I':
          if (!read_digits (&p, 1, 2, &hour))
            return FALSE;
          twelve = TRUE;
          break;
        case 'M':
          if (!read_digits (&p, 1, 2, &minute))
            return FALSE;
          break;
        case 'S':
          if (!read_digits (&p, 1, 2, &second))
            return FALSE;
          break;
        case 'f':
          if (!g_ascii_isdigit (*p))
            return FALSE;
          while (g_ascii_isdigit (*p))
            p++;
          break;
        case 'p':
          if (g_ascii_strncasecmp (p, "am", 2) == 0)
            pm = 0;
          else if (g_ascii_strncasecmp (p, "pm", 2) == 0)
            pm = 1;
          else
            return FALSE;
          p += 2;
          break;
        case 'b':
        case 'B':
          {
            gboolean found = FALSE;

            for (guint i = 0; i < G_N_ELEMENTS (month_names) && !found; i++)
              {
                gsize full = strlen (month_names[i]);

                if (g_ascii_strncasecmp (p, month_names[i], full) == 0)
                  p += full, month = (int) i + 1, found = TRUE;
                else if (g_ascii_strncasecmp (p, month_names[i], 3) == 0)
                  {
                    p += 3;
                    if (*p == '.')
                      p++;
                    month = (int) i + 1;
                    found = TRUE;
                  }
              }
            if (!found)
              return FALSE;
          }
          break;
        case 'z':
          if (!read_offset (&p, &offset))
            return FALSE;
          has_offset = TRUE;
          break;
        case '%':
          if (*p++ != '%')
            return FALSE;
          break;
        default:
          return FALSE;
        }
      if (*f == '\0')
        break;
    }
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return FALSE;
  if (twelve)
    {
      if (pm < 0 || hour < 1 || hour > 12)
        return FALSE;
      hour = hour % 12 + (pm ? 12 : 0);
    }
  return make_time (year, month, day, hour, minute, second, has_offset, offset, tz, time);
}

static gboolean
parse_unix (const char *text,
            gboolean    millis,
            UcTime     *time)
{
  char *end = NULL;
  double v;

  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (end == text || errno != 0 || !isfinite (v))
    return FALSE;
  while (*end == ' ')
    end++;
  if (*end != '\0')
    return FALSE;
  if (millis)
    v /= 1000.0;
  if (v < -62135596800.0 || v > 253402300799.0)
    return FALSE;
  *time = (UcTime) floor (v);
  return TRUE;
}

gboolean
uc_csv_parse_time (const char  *text,
                   const char  *format,
                   GTimeZone   *tz,
                   UcTime      *time,
                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (time != NULL, FALSE);

  if (!check_date_format (format, error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (format == NULL || g_str_equal (format, "iso8601"))
    ok = parse_iso (trimmed, tz, time);
  else if (g_str_equal (format, "unix") || g_str_equal (format, "unix_ms"))
    ok = parse_unix (trimmed, g_str_equal (format, "unix_ms"), time);
  else
    ok = parse_pattern (trimmed, format, tz, time);
  if (!ok)
    g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_BAD_VALUE,
                 /* Translators: a value, then a date format */
                 _("“%s” is not a date in the format %s"), trimmed,
                 format != NULL ? format : "iso8601");
  return ok;
}

/* ====================================================================== *
 * Mappings
 * ====================================================================== */

typedef struct
{
  char *column;        /* owned, may be NULL */
  char *value;         /* owned, may be NULL */
  char *date_format;   /* owned, may be NULL: the mapping's default */
} FieldMap;

struct _UcCsvMapping
{
  UcCsvRecordKind  kind;
  char            *system;        /* owned, NULL: "csv" */
  char             delimiter;     /* '\0': guess */
  char            *timezone;      /* owned, NULL: UTC */
  GTimeZone       *tz;            /* owned, NULL: UTC */
  char            *date_format;   /* owned, NULL: iso8601 */
  guint            n_fields;
  FieldMap         fields[MAX_FIELDS];
};

UcCsvMapping *
uc_csv_mapping_new (UcCsvRecordKind kind)
{
  UcCsvMapping *mapping;

  g_return_val_if_fail ((guint) kind < UC_CSV_N_RECORD_KINDS, NULL);

  mapping = g_new0 (UcCsvMapping, 1);
  mapping->kind = kind;
  mapping->n_fields = count_fields (kind);
  g_assert (mapping->n_fields <= MAX_FIELDS);
  return mapping;
}

void
uc_csv_mapping_free (UcCsvMapping *mapping)
{
  if (mapping == NULL)
    return;
  for (guint i = 0; i < mapping->n_fields; i++)
    {
      g_free (mapping->fields[i].column);
      g_free (mapping->fields[i].value);
      g_free (mapping->fields[i].date_format);
    }
  g_free (mapping->system);
  g_free (mapping->timezone);
  g_clear_pointer (&mapping->tz, g_time_zone_unref);
  g_free (mapping->date_format);
  g_free (mapping);
}

UcCsvMapping *
uc_csv_mapping_copy (const UcCsvMapping *mapping)
{
  UcCsvMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = uc_csv_mapping_new (mapping->kind);
  copy->system = g_strdup (mapping->system);
  copy->delimiter = mapping->delimiter;
  copy->timezone = g_strdup (mapping->timezone);
  copy->tz = mapping->tz != NULL ? g_time_zone_ref (mapping->tz) : NULL;
  copy->date_format = g_strdup (mapping->date_format);
  for (guint i = 0; i < mapping->n_fields; i++)
    {
      copy->fields[i].column = g_strdup (mapping->fields[i].column);
      copy->fields[i].value = g_strdup (mapping->fields[i].value);
      copy->fields[i].date_format = g_strdup (mapping->fields[i].date_format);
    }
  return copy;
}

UcCsvRecordKind
uc_csv_mapping_get_kind (const UcCsvMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, UC_CSV_RECORD_COMMIT);
  return mapping->kind;
}

static FieldMap *
lookup_field (const UcCsvMapping  *mapping,
              const char          *field,
              GError             **error)
{
  int index = field_index (mapping->kind, field);

  if (index < 0)
    {
      set_unknown_field (error, mapping->kind, field != NULL ? field : "");
      return NULL;
    }
  return (FieldMap *) &mapping->fields[index];
}

gboolean
uc_csv_mapping_set_column (UcCsvMapping  *mapping,
                           const char    *field,
                           const char    *column,
                           GError       **error)
{
  FieldMap *map;

  g_return_val_if_fail (mapping != NULL, FALSE);

  map = lookup_field (mapping, field, error);
  if (map == NULL)
    return FALSE;
  g_free (map->column);
  map->column = column != NULL && *column != '\0' ? g_strdup (column) : NULL;
  if (map->column != NULL)
    g_clear_pointer (&map->value, g_free);
  return TRUE;
}

const char *
uc_csv_mapping_get_column (const UcCsvMapping *mapping,
                           const char         *field)
{
  FieldMap *map;

  g_return_val_if_fail (mapping != NULL, NULL);
  map = lookup_field (mapping, field, NULL);
  return map != NULL ? map->column : NULL;
}

gboolean
uc_csv_mapping_set_value (UcCsvMapping  *mapping,
                          const char    *field,
                          const char    *value,
                          GError       **error)
{
  FieldMap *map;

  g_return_val_if_fail (mapping != NULL, FALSE);

  map = lookup_field (mapping, field, error);
  if (map == NULL)
    return FALSE;
  g_free (map->value);
  map->value = value != NULL ? g_strdup (value) : NULL;
  if (map->value != NULL)
    g_clear_pointer (&map->column, g_free);
  return TRUE;
}

const char *
uc_csv_mapping_get_value (const UcCsvMapping *mapping,
                          const char         *field)
{
  FieldMap *map;

  g_return_val_if_fail (mapping != NULL, NULL);
  map = lookup_field (mapping, field, NULL);
  return map != NULL ? map->value : NULL;
}

gboolean
uc_csv_mapping_set_date_format (UcCsvMapping  *mapping,
                                const char    *field,
                                const char    *format,
                                GError       **error)
{
  g_return_val_if_fail (mapping != NULL, FALSE);

  if (!check_date_format (format, error))
    return FALSE;
  if (field == NULL)
    {
      g_free (mapping->date_format);
      mapping->date_format = g_strdup (format);
      return TRUE;
    }
  else
    {
      int index = field_index (mapping->kind, field);

      if (index < 0)
        {
          set_unknown_field (error, mapping->kind, field);
          return FALSE;
        }
      if (kinds[mapping->kind].fields[index].type != UC_CSV_FIELD_TIME)
        {
          g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_BAD_FORMAT,
                       _("“%s” is not a time field, so it has no date format"), field);
          return FALSE;
        }
      g_free (mapping->fields[index].date_format);
      mapping->fields[index].date_format = g_strdup (format);
    }
  return TRUE;
}

gboolean
uc_csv_mapping_set_timezone (UcCsvMapping  *mapping,
                             const char    *timezone,
                             GError       **error)
{
  GTimeZone *tz = NULL;

  g_return_val_if_fail (mapping != NULL, FALSE);

  if (timezone != NULL && *timezone != '\0')
    {
      tz = g_time_zone_new_identifier (timezone);
      if (tz == NULL)
        {
          g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_BAD_FORMAT,
                       _("“%s” is not a time zone (use UTC, an offset such as +02:00, or a name such as Europe/Paris)"),
                       timezone);
          return FALSE;
        }
    }
  g_clear_pointer (&mapping->tz, g_time_zone_unref);
  g_free (mapping->timezone);
  mapping->tz = tz;
  mapping->timezone = tz != NULL ? g_strdup (timezone) : NULL;
  return TRUE;
}

void
uc_csv_mapping_set_system (UcCsvMapping *mapping,
                           const char   *system)
{
  g_return_if_fail (mapping != NULL);
  g_free (mapping->system);
  mapping->system = system != NULL && *system != '\0' ? g_ascii_strdown (system, -1) : NULL;
}

const char *
uc_csv_mapping_get_system (const UcCsvMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, NULL);
  return mapping->system != NULL ? mapping->system : "csv";
}

void
uc_csv_mapping_set_delimiter (UcCsvMapping *mapping,
                              char          delimiter)
{
  g_return_if_fail (mapping != NULL);
  mapping->delimiter = delimiter;
}

char
uc_csv_mapping_get_delimiter (const UcCsvMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, '\0');
  return mapping->delimiter;
}

char *
uc_csv_mapping_to_json (const UcCsvMapping *mapping)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const UcCsvFieldInfo *fields;
  gboolean any;

  g_return_val_if_fail (mapping != NULL, NULL);

  fields = kinds[mapping->kind].fields;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kinds[mapping->kind].name);
  if (mapping->system != NULL)
    {
      json_builder_set_member_name (builder, "system");
      json_builder_add_string_value (builder, mapping->system);
    }
  if (mapping->delimiter != '\0')
    {
      char text[2] = { mapping->delimiter, '\0' };

      json_builder_set_member_name (builder, "delimiter");
      json_builder_add_string_value (builder, text);
    }
  if (mapping->timezone != NULL)
    {
      json_builder_set_member_name (builder, "timezone");
      json_builder_add_string_value (builder, mapping->timezone);
    }
  if (mapping->date_format != NULL)
    {
      json_builder_set_member_name (builder, "date_format");
      json_builder_add_string_value (builder, mapping->date_format);
    }

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  for (guint i = 0; i < mapping->n_fields; i++)
    if (mapping->fields[i].column != NULL)
      {
        json_builder_set_member_name (builder, fields[i].name);
        json_builder_add_string_value (builder, mapping->fields[i].column);
      }
  json_builder_end_object (builder);

  any = FALSE;
  for (guint i = 0; i < mapping->n_fields; i++)
    any |= mapping->fields[i].value != NULL;
  if (any)
    {
      json_builder_set_member_name (builder, "values");
      json_builder_begin_object (builder);
      for (guint i = 0; i < mapping->n_fields; i++)
        if (mapping->fields[i].value != NULL)
          {
            json_builder_set_member_name (builder, fields[i].name);
            json_builder_add_string_value (builder, mapping->fields[i].value);
          }
      json_builder_end_object (builder);
    }

  any = FALSE;
  for (guint i = 0; i < mapping->n_fields; i++)
    any |= mapping->fields[i].date_format != NULL;
  if (any)
    {
      json_builder_set_member_name (builder, "date_formats");
      json_builder_begin_object (builder);
      for (guint i = 0; i < mapping->n_fields; i++)
        if (mapping->fields[i].date_format != NULL)
          {
            json_builder_set_member_name (builder, fields[i].name);
            json_builder_add_string_value (builder, mapping->fields[i].date_format);
          }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
member_string (JsonNode     *node,
               const char   *what,
               const char  **value,
               GError      **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_INVALID,
                   _("%s must be a string"), what);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

static JsonObject *
member_object (JsonNode     *node,
               const char   *name,
               GError      **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_INVALID,
                   _("“%s” must be an object of field names"), name);
      return NULL;
    }
  return json_node_get_object (node);
}

static char
parse_delimiter (const char *text)
{
  if (g_ascii_strcasecmp (text, "tab") == 0 || g_str_equal (text, "\\t"))
    return '\t';
  if (strlen (text) == 1 && text[0] != '"' && text[0] != '\n' && text[0] != '\r')
    return text[0];
  return '\0';
}

UcCsvMapping *
uc_csv_mapping_new_from_json (const char  *json,
                              gssize       length,
                              GError     **error)
{
  static const char *const members[] = {
    "kind", "system", "columns", "values", "date_format", "date_formats", "timezone", "delimiter",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(UcCsvMapping) mapping = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *root;
  JsonNode *node;
  const char *text;
  UcCsvRecordKind kind;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_INVALID,
                   _("The mapping is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_INVALID,
                           _("The mapping must be a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  names = json_object_get_members (root);
  for (GList *l = names; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        known |= g_str_equal (l->data, members[i]);
      if (!known)
        {
          g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_INVALID,
                       _("The mapping has an unknown member “%s” (known: kind, system, columns, values, date_format, date_formats, timezone, delimiter)"),
                       (const char *) l->data);
          return NULL;
        }
    }

  node = json_object_get_member (root, "kind");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      !uc_csv_record_kind_from_string (json_node_get_string (node), &kind))
    {
      GString *known = g_string_new (NULL);

      for (guint i = 0; i < UC_CSV_N_RECORD_KINDS; i++)
        g_string_append_printf (known, "%s%s", i ? ", " : "", kinds[i].name);
      if (node == NULL)
        g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_UNKNOWN_KIND,
                     _("The mapping does not say what the rows are: add \"kind\" (one of %s)"),
                     known->str);
      else
        g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_UNKNOWN_KIND,
                     _("“kind” must be one of %s"), known->str);
      g_string_free (known, TRUE);
      return NULL;
    }
  mapping = uc_csv_mapping_new (kind);

  if ((node = json_object_get_member (root, "system")) != NULL)
    {
      if (!member_string (node, "“system”", &text, error))
        return NULL;
      uc_csv_mapping_set_system (mapping, text);
    }
  if ((node = json_object_get_member (root, "delimiter")) != NULL)
    {
      if (!member_string (node, "“delimiter”", &text, error))
        return NULL;
      mapping->delimiter = parse_delimiter (text);
      if (mapping->delimiter == '\0')
        {
          g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_INVALID,
                       _("“delimiter” must be one character (or \"tab\"), not “%s”"), text);
          return NULL;
        }
    }
  if ((node = json_object_get_member (root, "timezone")) != NULL)
    {
      if (!member_string (node, "“timezone”", &text, error) ||
          !uc_csv_mapping_set_timezone (mapping, text, error))
        return NULL;
    }
  if ((node = json_object_get_member (root, "date_format")) != NULL)
    {
      if (!member_string (node, "“date_format”", &text, error) ||
          !uc_csv_mapping_set_date_format (mapping, NULL, text, error))
        return NULL;
    }

  for (guint pass = 0; pass < 3; pass++)
    {
      static const char *const sections[] = { "columns", "values", "date_formats" };
      g_autoptr(GList) fields = NULL;
      JsonObject *object;

      node = json_object_get_member (root, sections[pass]);
      if (node == NULL)
        continue;
      object = member_object (node, sections[pass], error);
      if (object == NULL)
        return NULL;
      fields = json_object_get_members (object);
      for (GList *l = fields; l != NULL; l = l->next)
        {
          const char *field = l->data;
          g_autofree char *what = g_strdup_printf ("“%s.%s”", sections[pass], field);
          int index = field_index (kind, field);

          if (index < 0)
            {
              set_unknown_field (error, kind, field);
              return NULL;
            }
          if (!member_string (json_object_get_member (object, field), what, &text, error))
            return NULL;
          if (pass == 0)
            {
              if (*text == '\0')
                {
                  g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_INVALID,
                               _("The column of “%s” is empty"), field);
                  return NULL;
                }
              mapping->fields[index].column = g_strdup (text);
            }
          else if (pass == 1)
            {
              if (mapping->fields[index].column != NULL)
                {
                  g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_INVALID,
                               _("“%s” has both a column and a value; give one"), field);
                  return NULL;
                }
              mapping->fields[index].value = g_strdup (text);
            }
          else if (!uc_csv_mapping_set_date_format (mapping, field, text, error))
            return NULL;
        }
    }
  return g_steal_pointer (&mapping);
}

UcCsvMapping *
uc_csv_mapping_new_from_file (const char  *path,
                              GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;
  UcCsvMapping *mapping;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_INVALID,
                   _("Could not read the mapping “%s”: %s"), display, local_error->message);
      return NULL;
    }
  mapping = uc_csv_mapping_new_from_json (contents, (gssize) len, &local_error);
  if (mapping == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The mapping “%s”: "), display);
      return NULL;
    }
  return mapping;
}

gboolean
uc_csv_mapping_check (const UcCsvMapping  *mapping,
                      const char * const  *columns,
                      GError             **error)
{
  const UcCsvFieldInfo *fields;

  g_return_val_if_fail (mapping != NULL, FALSE);

  fields = kinds[mapping->kind].fields;
  for (guint i = 0; i < mapping->n_fields; i++)
    {
      const char *column = mapping->fields[i].column;
      gboolean found = FALSE;

      if (column == NULL || columns == NULL)
        continue;
      for (guint c = 0; columns[c] != NULL && !found; c++)
        {
          g_autofree char *a = g_strstrip (g_strdup (columns[c]));
          g_autofree char *b = g_strstrip (g_strdup (column));

          found = g_ascii_strcasecmp (a, b) == 0;
        }
      if (!found)
        {
          g_autofree char *list = g_strjoinv ("”, “", (char **) columns);

          g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_NO_SUCH_COLUMN,
                       /* Translators: a column, a field, then the header's columns */
                       _("The column “%s” (for “%s”) is not in the file's header (columns: “%s”)"),
                       column, fields[i].name, list);
          return FALSE;
        }
    }

  for (guint i = 0; i < mapping->n_fields; i++)
    {
      gboolean mapped = mapping->fields[i].column != NULL || mapping->fields[i].value != NULL;

      if (fields[i].required && !mapped)
        {
          g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_MISSING_FIELD,
                       _("%s records need “%s” (%s): map it to a column or give it a value"),
                       kinds[mapping->kind].name, fields[i].name, _(fields[i].description));
          return FALSE;
        }
      if (fields[i].group != NULL)
        {
          gboolean any = FALSE;
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint k = 0; k < mapping->n_fields; k++)
            if (g_strcmp0 (fields[k].group, fields[i].group) == 0)
              {
                any |= mapping->fields[k].column != NULL || mapping->fields[k].value != NULL;
                g_string_append_printf (names, "%s“%s”", names->len ? _(" or ") : "", fields[k].name);
              }
          if (!any)
            {
              g_set_error (error, UC_CSV_MAPPING_ERROR, UC_CSV_MAPPING_ERROR_MISSING_FIELD,
                           _("%s records need %s: map one to a column"),
                           kinds[mapping->kind].name, names->str);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* ====================================================================== *
 * Reading rows
 * ====================================================================== */

typedef struct
{
  int          column;       /* -1: a value or nothing */
  const char  *constant;     /* borrowed from the mapping */
  const char  *format;       /* borrowed: the date format */
  gboolean     mapped;
} Bound;

typedef struct
{
  gboolean     present;      /* mapped and not empty */
  const char  *text;         /* UTF-8 (trimmed unless a body), valid until the next row */
  UcTime       time;
  gint64       number;
  double       real;
  gboolean     boolean;
  guint        chars;        /* bodies: length in characters */
  char        *error;        /* owned */
} Value;

typedef struct
{
  const UcCsvMapping   *mapping;     /* borrowed */
  const UcCsvFieldInfo *fields;
  guint                 n_fields;
  Bound                 bound[MAX_FIELDS];
  Value                 values[MAX_FIELDS];
  GString              *bufs[MAX_FIELDS];
  char                 *problem;     /* owned: what is wrong with the row as a whole */
} RowParser;

static void
row_parser_reset (RowParser *rp)
{
  for (guint i = 0; i < rp->n_fields; i++)
    {
      g_clear_pointer (&rp->values[i].error, g_free);
      memset (&rp->values[i], 0, sizeof rp->values[i]);
    }
  g_clear_pointer (&rp->problem, g_free);
}

static void
row_parser_clear (RowParser *rp)
{
  row_parser_reset (rp);
  for (guint i = 0; i < rp->n_fields; i++)
    if (rp->bufs[i] != NULL)
      g_string_free (rp->bufs[i], TRUE);
  memset (rp, 0, sizeof *rp);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowParser, row_parser_clear)

/* Bind the mapping to the reader's header; columns that are not there are
 * appended to @problems (NULL: the first is the error). */
static gboolean
row_parser_init (RowParser           *rp,
                 const UcCsvMapping  *mapping,
                 UcCsvReader         *csv,
                 GError             **error)
{
  memset (rp, 0, sizeof *rp);
  rp->mapping = mapping;
  rp->fields = kinds[mapping->kind].fields;
  rp->n_fields = mapping->n_fields;
  for (guint i = 0; i < rp->n_fields; i++)
    {
      const FieldMap *map = &mapping->fields[i];
      Bound *b = &rp->bound[i];

      rp->bufs[i] = g_string_new (NULL);
      b->column = -1;
      b->format = map->date_format != NULL ? map->date_format : mapping->date_format;
      if (map->column != NULL)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (map->column));

          b->column = uc_csv_reader_find_column (csv, trimmed);
          b->mapped = b->column >= 0;
        }
      else if (map->value != NULL)
        {
          b->constant = map->value;
          b->mapped = TRUE;
        }
    }
  return TRUE;
}

static GStrv
reader_columns (UcCsvReader *csv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < uc_csv_reader_get_n_columns (csv); i++)
    g_strv_builder_add (builder, uc_csv_reader_get_column_name (csv, i));
  return g_strv_builder_end (builder);
}

static const char *
value_text (RowParser  *rp,
            const char *field)
{
  int index = field_index (rp->mapping->kind, field);

  if (index < 0 || !rp->values[index].present)
    return NULL;
  return rp->values[index].text;
}

static Value *
value_of (RowParser  *rp,
          const char *field)
{
  int index = field_index (rp->mapping->kind, field);

  g_assert (index >= 0);
  return &rp->values[index];
}

static gboolean
parse_boolean (const char *text,
               gboolean   *value)
{
  static const char *const yes[] = { "true", "yes", "y", "1", "x", "t" };
  static const char *const no[] = { "false", "no", "n", "0", "f" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return *value = TRUE, TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return *value = FALSE, TRUE;
  return FALSE;
}

static gboolean
parse_integer (const char *text,
               gint64     *value)
{
  char *end = NULL;
  gint64 v;

  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (end == text || errno != 0)
    return FALSE;
  if (*end == '.')
    {
      /* "12.0" from spreadsheets */
      end++;
      while (*end == '0')
        end++;
    }
  if (*end != '\0')
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
parse_real (const char *text,
            double     *value)
{
  g_autofree char *copy = g_strdup (text);
  char *end = NULL;
  double v;

  /* A decimal comma, as European spreadsheets write. */
  if (strchr (copy, ',') != NULL && strchr (copy, '.') == NULL)
    *strchr (copy, ',') = '.';
  errno = 0;
  v = g_ascii_strtod (copy, &end);
  if (end == copy || errno != 0 || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

static int
parse_cr_state (const char *text)
{
  if (g_ascii_strcasecmp (text, "open") == 0 || g_ascii_strcasecmp (text, "opened") == 0 ||
      g_ascii_strcasecmp (text, "new") == 0)
    return 0;
  if (g_ascii_strcasecmp (text, "merged") == 0)
    return 1;
  if (g_ascii_strcasecmp (text, "closed") == 0 || g_ascii_strcasecmp (text, "declined") == 0 ||
      g_ascii_strcasecmp (text, "abandoned") == 0 || g_ascii_strcasecmp (text, "rejected") == 0)
    return 2;
  return -1;
}

static const char *const cr_states[] = { "open", "merged", "closed" };

static int
parse_review_state (const char *text)
{
  g_autofree char *norm = g_ascii_strdown (text, -1);

  g_strdelimit (norm, " -", '_');
  if (g_str_equal (norm, "approved") || g_str_equal (norm, "approve") ||
      g_str_equal (norm, "accepted") || g_str_equal (norm, "lgtm") ||
      g_str_equal (norm, "+1") || g_str_equal (norm, "+2"))
    return UC_REVIEW_APPROVED;
  if (g_str_equal (norm, "changes_requested") || g_str_equal (norm, "request_changes") ||
      g_str_equal (norm, "requested_changes") || g_str_equal (norm, "rejected") ||
      g_str_equal (norm, "needs_work") || g_str_equal (norm, "-1") || g_str_equal (norm, "-2"))
    return UC_REVIEW_CHANGES_REQUESTED;
  if (g_str_equal (norm, "commented") || g_str_equal (norm, "comment") || g_str_equal (norm, "0"))
    return UC_REVIEW_COMMENTED;
  if (g_str_equal (norm, "dismissed"))
    return UC_REVIEW_DISMISSED;
  return -1;
}

static void
set_value_error (Value      *value,
                 const char *format,
                 ...) G_GNUC_PRINTF (2, 3);

static void
set_value_error (Value      *value,
                 const char *format,
                 ...)
{
  va_list ap;

  if (value->error != NULL)
    return;
  va_start (ap, format);
  value->error = g_strdup_vprintf (format, ap);
  va_end (ap);
}

/* Checks that depend on the kind (enumerations, groups). */
static void
validate_row (RowParser *rp)
{
  const UcCsvRecordKind kind = rp->mapping->kind;
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  Value *v;

  for (guint i = 0; i < rp->n_fields; i++)
    {
      const UcCsvFieldInfo *info = &rp->fields[i];

      if (info->required && rp->bound[i].mapped && !rp->values[i].present && rp->values[i].error == NULL)
        set_value_error (&rp->values[i], _("it is empty, but a value is required"));
      if (info->group != NULL)
        {
          if (!g_hash_table_contains (groups, info->group))
            g_hash_table_insert (groups, (gpointer) info->group, GINT_TO_POINTER (0));
          if (rp->values[i].present)
            g_hash_table_insert (groups, (gpointer) info->group, GINT_TO_POINTER (1));
        }
    }

  if (kind == UC_CSV_RECORD_CHANGE_REQUEST && (v = value_of (rp, "state"))->present &&
      parse_cr_state (v->text) < 0)
    set_value_error (v, _("“%s” is not a state (open, merged or closed)"), v->text);
  if (kind == UC_CSV_RECORD_REVIEW && (v = value_of (rp, "state"))->present &&
      parse_review_state (v->text) < 0)
    set_value_error (v, _("“%s” is not a review state (approved, changes_requested, commented or dismissed)"),
                     v->text);
  if (kind == UC_CSV_RECORD_WORK_ITEM || kind == UC_CSV_RECORD_STATUS_CHANGE)
    {
      static const char *const category_fields[] = { "status_category", "from_category", "to_category" };

      for (guint i = 0; i < G_N_ELEMENTS (category_fields); i++)
        {
          int index = field_index (kind, category_fields[i]);

          if (index < 0 || !(v = &rp->values[index])->present)
            continue;
          if (uc_status_category_from_string (v->text) < 0)
            set_value_error (v, _("“%s” is not a status category (todo, doing or done)"), v->text);
        }
    }

  if (rp->problem == NULL)
    {
      GHashTableIter iter;
      gpointer key, present;

      g_hash_table_iter_init (&iter, groups);
      while (rp->problem == NULL && g_hash_table_iter_next (&iter, &key, &present))
        if (!GPOINTER_TO_INT (present))
          {
            g_autoptr(GString) names = g_string_new (NULL);

            for (guint i = 0; i < rp->n_fields; i++)
              if (g_strcmp0 (rp->fields[i].group, key) == 0)
                g_string_append_printf (names, "%s“%s”", names->len ? _(" or ") : "", rp->fields[i].name);
            rp->problem = g_strdup_printf (_("the row has no %s"), names->str);
          }
    }
  if (rp->problem == NULL && kind == UC_CSV_RECORD_COMMENT &&
      value_of (rp, "change_request")->present && !value_of (rp, "repo")->present)
    rp->problem = g_strdup (_("a comment on a change request needs its “repo”"));
}

/* Parse the current row of @csv into rp->values. */
static void
row_parser_parse (RowParser   *rp,
                  UcCsvReader *csv)
{
  row_parser_reset (rp);
  for (guint i = 0; i < rp->n_fields; i++)
    {
      const UcCsvFieldInfo *info = &rp->fields[i];
      Bound *b = &rp->bound[i];
      Value *v = &rp->values[i];
      const char *raw;
      gsize raw_len;
      const char *text;
      g_autoptr(GError) local_error = NULL;

      if (!b->mapped)
        continue;
      if (b->constant != NULL)
        {
          raw = b->constant;
          raw_len = strlen (raw);
        }
      else
        raw = uc_csv_reader_get_field (csv, b->column, &raw_len);

      text = _uc_import_to_utf8 (rp->bufs[i], raw, (gssize) raw_len);
      if (info->type != UC_CSV_FIELD_BODY)
        {
          /* Trim, in the field's own buffer. */
          if (text != rp->bufs[i]->str)
            g_string_assign (rp->bufs[i], text);
          g_strstrip (rp->bufs[i]->str);
          rp->bufs[i]->len = strlen (rp->bufs[i]->str);
          text = rp->bufs[i]->str;
        }
      if (*text == '\0')
        continue;
      v->text = text;
      v->present = TRUE;

      switch (info->type)
        {
        case UC_CSV_FIELD_TEXT:
          break;
        case UC_CSV_FIELD_BODY:
          v->chars = (guint) MIN (g_utf8_strlen (text, -1), G_MAXUINT);
          break;
        case UC_CSV_FIELD_TIME:
          if (!uc_csv_parse_time (text, b->format, rp->mapping->tz, &v->time, &local_error))
            v->error = g_strdup (local_error->message);
          break;
        case UC_CSV_FIELD_NUMBER:
          if (!parse_integer (text, &v->number) || v->number < 0)
            v->error = g_strdup_printf (_("“%s” is not a whole number"), text);
          break;
        case UC_CSV_FIELD_REAL:
          if (!parse_real (text, &v->real))
            v->error = g_strdup_printf (_("“%s” is not a number"), text);
          break;
        case UC_CSV_FIELD_BOOLEAN:
          if (!parse_boolean (text, &v->boolean))
            v->error = g_strdup_printf (_("“%s” is not true or false"), text);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  validate_row (rp);
}

/* The first problem of the row as one message, or NULL. */
static char *
row_problem (RowParser *rp)
{
  for (guint i = 0; i < rp->n_fields; i++)
    if (rp->values[i].error != NULL)
      {
        const FieldMap *map = &rp->mapping->fields[i];

        if (map->column != NULL)
          return g_strdup_printf (_("column “%s” (%s): %s"), map->column, rp->fields[i].name,
                                  rp->values[i].error);
        return g_strdup_printf (_("the value of %s: %s"), rp->fields[i].name, rp->values[i].error);
      }
  return g_strdup (rp->problem);
}

/* Open @path as CSV with @mapping's delimiter (or a guess). */
static UcCsvReader *
open_csv (const UcCsvMapping  *mapping,
          const char          *path,
          const char          *display_name,
          GCancellable        *cancellable,
          GError             **error)
{
  g_autoptr(UcCsvReader) csv = NULL;
  char delimiter = mapping->delimiter;

  csv = uc_csv_reader_new_for_path (path, cancellable, error);
  if (csv == NULL)
    return NULL;
  uc_csv_reader_set_display_name (csv, display_name);

  if (delimiter == '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInputStream) input = g_file_read (file, cancellable, NULL);
      char head[4097];
      gsize n = 0;

      if (input != NULL &&
          g_input_stream_read_all (G_INPUT_STREAM (input), head, sizeof head - 1, &n, cancellable, NULL))
        {
          head[n] = '\0';
          delimiter = uc_csv_guess_delimiter (head, n);
        }
      else
        delimiter = ',';
    }
  uc_csv_reader_set_delimiter (csv, delimiter);
  return g_steal_pointer (&csv);
}

/* ====================================================================== *
 * Preview
 * ====================================================================== */

/* The values and errors are freed by uc_csv_preview_free(), which knows
 * how many there are. */
static void
preview_row_free (gpointer data)
{
  UcCsvPreviewRow *row = data;

  g_free (row->problem);
  g_free (row);
}

void
uc_csv_preview_free (UcCsvPreview *preview)
{
  if (preview == NULL)
    return;
  for (guint r = 0; preview->rows != NULL && r < preview->rows->len; r++)
    {
      UcCsvPreviewRow *row = g_ptr_array_index (preview->rows, r);

      for (guint i = 0; i < preview->n_fields; i++)
        {
          g_free (row->values[i]);
          g_free (row->errors[i]);
        }
      g_free (row->values);
      g_free (row->errors);
    }
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_strfreev (preview->columns);
  g_strfreev (preview->fields);
  g_strfreev (preview->field_sources);
  g_strfreev (preview->problems);
  g_free (preview);
}

static char *
format_value (const UcCsvFieldInfo *info,
              const Value          *v)
{
  switch (info->type)
    {
    case UC_CSV_FIELD_TIME:
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (v->time);

        return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
      }
    case UC_CSV_FIELD_NUMBER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v->number);
    case UC_CSV_FIELD_REAL:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buf, sizeof buf, v->real));
      }
    case UC_CSV_FIELD_BOOLEAN:
      return g_strdup (v->boolean ? "true" : "false");
    case UC_CSV_FIELD_BODY:
      return g_strdup_printf ("%u", v->chars);
    case UC_CSV_FIELD_TEXT:
    default:
      return g_strdup (v->text);
    }
}

UcCsvPreview *
uc_csv_mapping_preview (const UcCsvMapping  *mapping,
                        const char          *csv_path,
                        guint                n_rows,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(UcCsvReader) csv = NULL;
  g_auto(RowParser) rp = { 0 };
  g_autoptr(GStrvBuilder) problems = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) sources = g_strv_builder_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  UcCsvPreview *preview;
  guint shown[MAX_FIELDS];
  guint n_shown = 0;

  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (csv_path != NULL, NULL);

  display = g_filename_display_name (csv_path);
  csv = open_csv (mapping, csv_path, display, cancellable, error);
  if (csv == NULL || !uc_csv_reader_read_header (csv, error))
    return NULL;

  preview = g_new0 (UcCsvPreview, 1);
  preview->columns = reader_columns (csv);
  preview->rows = g_ptr_array_new_with_free_func (preview_row_free);

  /* Every problem of the mapping against this header, not just the first. */
  for (guint i = 0; i < mapping->n_fields; i++)
    {
      const FieldMap *map = &mapping->fields[i];

      if (map->column != NULL)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (map->column));

          if (uc_csv_reader_find_column (csv, trimmed) < 0)
            {
              g_autofree char *problem =
                g_strdup_printf (_("The column “%s” (for “%s”) is not in the file's header"),
                                 map->column, kinds[mapping->kind].fields[i].name);

              g_strv_builder_add (problems, problem);
            }
        }
    }
  if (!uc_csv_mapping_check (mapping, NULL, &local_error))
    {
      g_strv_builder_add (problems, local_error->message);
      g_clear_error (&local_error);
    }

  row_parser_init (&rp, mapping, csv, NULL);
  for (guint i = 0; i < mapping->n_fields; i++)
    {
      const FieldMap *map = &mapping->fields[i];

      if (map->column == NULL && map->value == NULL)
        continue;
      shown[n_shown++] = i;
      g_strv_builder_add (fields, kinds[mapping->kind].fields[i].name);
      if (map->column != NULL)
        g_strv_builder_add (sources, map->column);
      else
        {
          g_autofree char *source = g_strconcat ("=", map->value, NULL);

          g_strv_builder_add (sources, source);
        }
    }
  preview->n_fields = n_shown;
  preview->fields = g_strv_builder_end (fields);
  preview->field_sources = g_strv_builder_end (sources);

  while (preview->rows->len < n_rows)
    {
      UcCsvPreviewRow *row;
      gboolean bad = FALSE;

      if (!uc_csv_reader_next_row (csv, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              uc_csv_preview_free (preview);
              return NULL;
            }
          break;
        }
      row_parser_parse (&rp, csv);
      row = g_new0 (UcCsvPreviewRow, 1);
      row->line = uc_csv_reader_get_line (csv);
      row->values = g_new0 (char *, MAX (n_shown, 1));
      row->errors = g_new0 (char *, MAX (n_shown, 1));
      for (guint k = 0; k < n_shown; k++)
        {
          guint i = shown[k];
          Value *v = &rp.values[i];

          if (!rp.bound[i].mapped)
            row->errors[k] = g_strdup_printf (_("the column “%s” is not in the file"),
                                              mapping->fields[i].column);
          else if (v->error != NULL)
            row->errors[k] = g_strdup (v->error);
          else
            row->values[k] = v->present ? format_value (&rp.fields[i], v) : g_strdup ("");
          bad |= row->errors[k] != NULL;
        }
      row->problem = g_strdup (rp.problem);
      bad |= row->problem != NULL;
      preview->n_bad_rows += bad ? 1 : 0;
      g_ptr_array_add (preview->rows, row);
    }
  preview->problems = g_strv_builder_end (problems);
  return preview;
}

/* ====================================================================== *
 * Importing
 * ====================================================================== */

typedef struct
{
  UcImportContext     *ctx;           /* borrowed */
  UcCsvMapping        *mapping;       /* borrowed (ctx->format_data) */
  UcCsvReader         *csv;           /* owned */
  RowParser            rp;
  const char          *system;        /* "csv", "github"… */
  const char          *account_kind;  /* NULL: authors are names */
  const char          *repo_kind;     /* for change requests */
  const char          *tracker;       /* default tracker */
  GHashTable          *repos;         /* name → UcId */
  GHashTable          *authors;       /* kind\037account\037email → UcId */
  UcStatusMap         *status_map;    /* owned */
  char                *where;         /* owned: "line N" */
} Mapped;

static void
mapped_clear (Mapped *m)
{
  g_clear_pointer (&m->csv, uc_csv_reader_free);
  row_parser_clear (&m->rp);
  g_clear_pointer (&m->repos, g_hash_table_unref);
  g_clear_pointer (&m->authors, g_hash_table_unref);
  g_clear_pointer (&m->status_map, uc_status_map_free);
  g_clear_pointer (&m->where, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Mapped, mapped_clear)

static gboolean
is_account_system (const char *system)
{
  static const char *const accounts[] = { "github", "gitlab", "gerrit", "jira", "slack", "mattermost" };

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    if (g_str_equal (system, accounts[i]))
      return TRUE;
  return FALSE;
}

static UcId
lookup_identity (UcStore    *store,
                 const char *kind,
                 const char *value)
{
  sqlite3_stmt *stmt = uc_store_prepare (store,
                                         "SELECT id FROM identity WHERE kind = ?1 AND value = ?2", NULL);
  UcId id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
looks_like_email (const char *text)
{
  const char *at = text != NULL ? strchr (text, '@') : NULL;

  return at != NULL && at > text && strchr (at + 1, '.') != NULL && strchr (text, ' ') == NULL;
}

/* The identity of an author given by @name_or_account and @email (either
 * may be NULL); 0 with no error when both are missing. */
static UcId
author_identity (Mapped      *m,
                 const char  *name_or_account,
                 const char  *email,
                 GError     **error)
{
  UcImportContext *ctx = m->ctx;
  g_autofree char *key = NULL;
  gpointer cached;
  UcId id;

  if (email != NULL && !looks_like_email (email))
    email = NULL;
  if (name_or_account == NULL && email == NULL)
    return 0;

  key = g_strjoin ("\037", m->account_kind ? m->account_kind : "", name_or_account ? name_or_account : "",
                   email ? email : "", NULL);
  if (g_hash_table_lookup_extended (m->authors, key, NULL, &cached))
    return *(UcId *) cached;

  if (m->account_kind == NULL || name_or_account == NULL)
    {
      id = _uc_import_person (ctx, name_or_account, email, error);
      if (id <= 0)
        return 0;
    }
  else
    {
      id = lookup_identity (ctx->store, m->account_kind, name_or_account);
      if (id > 0)
        {
          /* A known account: a new address joins its person (an address
           * known elsewhere stays where it is). */
          if (email != NULL &&
              uc_store_ensure_identity (ctx->store, "email", email, name_or_account,
                                        uc_store_identity_person (ctx->store, id),
                                        ctx->source_id, error) <= 0)
            return 0;
        }
      else if (email != NULL)
        {
          UcId email_id = _uc_import_identity (ctx, "email", email, name_or_account, error);

          if (email_id <= 0)
            return 0;
          id = uc_store_ensure_identity (ctx->store, m->account_kind, name_or_account, name_or_account,
                                         uc_store_identity_person (ctx->store, email_id),
                                         ctx->source_id, error);
        }
      else
        id = _uc_import_identity (ctx, m->account_kind, name_or_account, name_or_account, error);
      if (id <= 0)
        return 0;
      if (uc_text_is_agent_account (name_or_account, email != NULL ? email : name_or_account) &&
          !_uc_import_flag_agent (ctx, id, error))
        return 0;
    }
  g_hash_table_insert (m->authors, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  return id;
}

static UcId
find_repo (Mapped      *m,
           const char  *name,
           const char  *kind,
           gboolean     create,
           GError     **error)
{
  g_autofree char *key = g_strconcat (kind, "\037", name, NULL);
  gpointer cached;
  UcId id = 0;

  if (g_hash_table_lookup_extended (m->repos, key, NULL, &cached))
    return *(UcId *) cached;
  if (create)
    {
      id = uc_store_ensure_repo (m->ctx->store, name, kind, m->ctx->source_id, error);
      if (id <= 0)
        return 0;
    }
  else
    {
      sqlite3_stmt *stmt = uc_store_prepare (m->ctx->store,
                                             "SELECT id FROM repo WHERE name = ?1 AND kind = ?2", error);

      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (id <= 0)
        return 0;
    }
  g_hash_table_insert (m->repos, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  return id;
}

static const char *
text_of (Mapped     *m,
         const char *field)
{
  return value_text (&m->rp, field);
}

static UcTime
time_of (Mapped     *m,
         const char *field)
{
  Value *v = value_of (&m->rp, field);

  return v->present ? v->time : 0;
}

static gint64
number_of (Mapped     *m,
           const char *field,
           gint64      fallback)
{
  Value *v = value_of (&m->rp, field);

  return v->present ? v->number : fallback;
}

/* A body's length: an explicit length field wins over the measured text. */
static guint
length_of (Mapped     *m,
           const char *length_field,
           const char *text_field)
{
  Value *length = value_of (&m->rp, length_field);
  Value *text = value_of (&m->rp, text_field);

  if (length->present)
    return (guint) CLAMP (length->number, 0, G_MAXUINT);
  return text->present ? text->chars : 0;
}

static char *
ext_id (Mapped     *m,
        const char *id)
{
  return g_strconcat (m->system, ":", id, NULL);
}

/* Ticket keys in @text as links from a commit or change request. "#12" is
 * qualified with @repo ("owner/repo#12"), as GitHub and GitLab keys are. */
static gboolean
add_links (Mapped      *m,
           UcId         commit_id,
           UcId         cr_id,
           const char  *repo,
           const char  *text,
           const char  *via,
           GError     **error)
{
  g_autoptr(GPtrArray) keys = NULL;

  if (text == NULL)
    return TRUE;
  keys = uc_text_find_ticket_keys (text, -1);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autofree char *qualified = NULL;

      if (key[0] == '#' && repo != NULL)
        key = qualified = g_strconcat (repo, key, NULL);
      if (!uc_store_add_link (m->ctx->store, commit_id, cr_id, key, via, m->ctx->source_id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
missing_target (Mapped      *m,
                const char  *problem,
                GError     **error)
{
  return _uc_import_record_error (m->ctx, m->where, problem, error);
}

static gboolean
store_commit (Mapped  *m,
              GError **error)
{
  UcImportContext *ctx = m->ctx;
  UcCommitRow row = { 0 };
  const char *repo = text_of (m, "repo");
  const char *text = text_of (m, "text");
  gboolean inserted = FALSE;
  UcId commit_id;

  row.repo_id = find_repo (m, repo, "git", TRUE, error);
  if (row.repo_id <= 0)
    return FALSE;
  row.sha = text_of (m, "id");
  row.author_identity = author_identity (m, text_of (m, "author"), text_of (m, "author_email"), error);
  if (row.author_identity == 0 && error != NULL && *error != NULL)
    return FALSE;
  if (text_of (m, "committer") != NULL || text_of (m, "committer_email") != NULL)
    {
      row.committer_identity = author_identity (m, text_of (m, "committer"),
                                                text_of (m, "committer_email"), error);
      if (row.committer_identity == 0 && error != NULL && *error != NULL)
        return FALSE;
    }
  else
    row.committer_identity = row.author_identity;
  row.author_time = time_of (m, "created");
  row.commit_time = time_of (m, "committed") > 0 ? time_of (m, "committed") : row.author_time;
  row.n_parents = (guint) CLAMP (number_of (m, "parents", 1), 0, 64);
  row.source_id = ctx->source_id;

  if (text != NULL)
    {
      const char *newline = strchr (text, '\n');
      g_autofree char *subject = newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);
      const char *body = newline != NULL ? newline : "";
      g_autofree char *ai_name = NULL;
      g_autofree char *ai_email = NULL;

      while (*body == '\n' || *body == '\r')
        body++;
      g_strchomp (subject);
      row.subject_len = (guint) g_utf8_strlen (subject, -1);
      row.body_len = (guint) g_utf8_strlen (body, -1);
      row.is_revert = uc_text_is_revert (text, -1);
      row.is_fix = !row.is_revert && uc_text_is_fix (subject, -1);
      if (uc_text_find_ai_coauthor (text, -1, &ai_name, &ai_email))
        {
          UcId agent = _uc_import_person (ctx, ai_name, ai_email, error);

          row.ai_assisted = TRUE;
          if (agent > 0 && !_uc_import_flag_agent (ctx, agent, error))
            return FALSE;
          if (agent == 0 && error != NULL && *error != NULL)
            return FALSE;
        }
    }
  if (value_of (&m->rp, "length")->present)
    row.subject_len = (guint) CLAMP (number_of (m, "length", 0), 0, G_MAXUINT);

  commit_id = uc_store_add_commit (ctx->store, &row, &inserted, error);
  if (commit_id <= 0)
    return FALSE;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, row.author_time);

  if (text != NULL)
    {
      const char *newline = strchr (text, '\n');
      g_autofree char *subject = newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);

      if (!add_links (m, commit_id, 0, NULL, subject, "subject", error) ||
          (newline != NULL && !add_links (m, commit_id, 0, NULL, newline, "body", error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_change_request (Mapped  *m,
                      GError **error)
{
  UcImportContext *ctx = m->ctx;
  UcChangeRequestRow row = { 0 };
  const char *repo = text_of (m, "repo");
  const char *state = text_of (m, "state");
  gboolean inserted = FALSE;
  UcId cr_id;

  row.repo_id = find_repo (m, repo, m->repo_kind, TRUE, error);
  if (row.repo_id <= 0)
    return FALSE;
  row.number = text_of (m, "id");
  row.author_identity = author_identity (m, text_of (m, "author"), text_of (m, "author_email"), error);
  if (row.author_identity == 0 && error != NULL && *error != NULL)
    return FALSE;
  row.created_time = time_of (m, "created");
  row.updated_time = time_of (m, "updated");
  row.merged_time = time_of (m, "merged");
  row.closed_time = time_of (m, "closed");
  if (state != NULL)
    row.state = cr_states[parse_cr_state (state)];
  else
    row.state = row.merged_time > 0 ? "merged" : row.closed_time > 0 ? "closed" : "open";
  if (g_str_equal (row.state, "merged") && row.closed_time == 0)
    row.closed_time = row.merged_time;
  if (text_of (m, "merged_by") != NULL)
    {
      row.merged_by_identity = author_identity (m, text_of (m, "merged_by"), NULL, error);
      if (row.merged_by_identity == 0)
        return FALSE;
    }
  row.additions = number_of (m, "additions", -1);
  row.deletions = number_of (m, "deletions", -1);
  row.n_commits = number_of (m, "commits", -1);
  row.n_rounds = number_of (m, "rounds", -1);
  row.title_len = length_of (m, "title_length", "title");
  row.body_len = length_of (m, "length", "text");
  row.is_draft = value_of (&m->rp, "draft")->present && value_of (&m->rp, "draft")->boolean;
  row.source_id = ctx->source_id;

  cr_id = uc_store_add_change_request (ctx->store, &row, &inserted, error);
  if (cr_id <= 0)
    return FALSE;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, row.created_time);

  return add_links (m, 0, cr_id, repo, text_of (m, "title"), "title", error) &&
         add_links (m, 0, cr_id, repo, text_of (m, "text"), "body", error) &&
         add_links (m, 0, cr_id, repo, text_of (m, "branch"), "branch", error);
}

/* The change request of the row in *@cr_id: 1 when found, 0 when it is
 * not in the workspace and the row is skipped (--skip-bad), -1 on an
 * error. */
static int
row_change_request (Mapped      *m,
                    UcId        *cr_id,
                    GError     **error)
{
  const char *repo = text_of (m, "repo");
  const char *number = text_of (m, "change_request");
  UcId repo_id;

  *cr_id = 0;
  repo_id = find_repo (m, repo, m->repo_kind, FALSE, error);
  if (repo_id < 0)
    return -1;
  if (repo_id > 0)
    *cr_id = uc_store_find_change_request (m->ctx->store, repo_id, number);
  if (*cr_id <= 0)
    {
      g_autofree char *problem =
        g_strdup_printf (_("the change request %s#%s is not in the workspace (import the change requests first)"),
                         repo, number);

      return missing_target (m, problem, error) ? 0 : -1;
    }
  return 1;
}

static const char *
row_tracker (Mapped *m)
{
  const char *tracker = text_of (m, "tracker");

  return tracker != NULL ? tracker : m->tracker;
}

/* The same for the row's work item. */
static int
row_work_item (Mapped      *m,
               UcId        *item_id,
               GError     **error)
{
  const char *key = text_of (m, "key");

  *item_id = uc_store_find_work_item (m->ctx->store, row_tracker (m), key);
  if (*item_id <= 0)
    {
      g_autofree char *problem =
        g_strdup_printf (_("the work item %s is not in the workspace (import the work items first)"), key);

      return missing_target (m, problem, error) ? 0 : -1;
    }
  return 1;
}

static gboolean
store_review (Mapped  *m,
              GError **error)
{
  UcImportContext *ctx = m->ctx;
  UcReviewRow row = { 0 };
  g_autofree char *ext = NULL;
  gboolean inserted = FALSE;
  const char *text = text_of (m, "text");
  int found;

  found = row_change_request (m, &row.cr_id, error);
  if (found <= 0)
    return found == 0;
  ext = ext_id (m, text_of (m, "id"));
  row.ext_id = ext;
  row.reviewer_identity = author_identity (m, text_of (m, "author"), text_of (m, "author_email"), error);
  if (row.reviewer_identity == 0 && error != NULL && *error != NULL)
    return FALSE;
  row.state = (UcReviewState) parse_review_state (text_of (m, "state"));
  row.time = time_of (m, "created");
  row.body_len = length_of (m, "length", "text");
  row.is_objection = row.state == UC_REVIEW_CHANGES_REQUESTED ||
                     (text != NULL && uc_text_has_objection (text, -1, NULL));
  row.source_id = ctx->source_id;
  if (uc_store_add_review (ctx->store, &row, &inserted, error) <= 0)
    return FALSE;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, row.time);
  return TRUE;
}

static gboolean
store_comment (Mapped  *m,
               GError **error)
{
  UcImportContext *ctx = m->ctx;
  UcCommentRow row = { 0 };
  g_autofree char *target = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *reply = NULL;
  const char *text = text_of (m, "text");
  gboolean inserted = FALSE;
  int found;

  if (text_of (m, "change_request") != NULL)
    {
      found = row_change_request (m, &row.cr_id, error);
      target = g_strdup_printf ("%s#%s", text_of (m, "repo"), text_of (m, "change_request"));
    }
  else
    {
      found = row_work_item (m, &row.item_id, error);
      target = g_strdup (text_of (m, "key"));
    }
  if (found <= 0)
    return found == 0;

  ext = g_strdup_printf ("%s:%s:%s", m->system, target, text_of (m, "id"));
  row.ext_id = ext;
  row.author_identity = author_identity (m, text_of (m, "author"), text_of (m, "author_email"), error);
  if (row.author_identity == 0 && error != NULL && *error != NULL)
    return FALSE;
  row.time = time_of (m, "created");
  if (text_of (m, "reply_to") != NULL)
    row.reply_to_ext_id = reply = g_strdup_printf ("%s:%s:%s", m->system, target, text_of (m, "reply_to"));
  row.is_review_comment = value_of (&m->rp, "review_comment")->present &&
                          value_of (&m->rp, "review_comment")->boolean;
  row.body_len = length_of (m, "length", "text");
  row.is_objection = text != NULL && uc_text_has_objection (text, -1, NULL);
  row.source_id = ctx->source_id;
  if (uc_store_add_comment (ctx->store, &row, &inserted, error) <= 0)
    return FALSE;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, row.time);
  return TRUE;
}

static int
category_of (Mapped     *m,
             const char *category_field,
             const char *status)
{
  const char *category = text_of (m, category_field);

  if (category != NULL)
    return uc_status_category_from_string (category);
  if (status != NULL)
    return uc_status_map_lookup (m->status_map, status);
  return -1;
}

/* "ABC" of "ABC-123", "owner/repo" of "owner/repo#12", else the key. */
static char *
project_of_key (const char *key)
{
  const char *hash = strrchr (key, '#');
  const char *dash = strrchr (key, '-');

  if (hash != NULL && hash > key)
    return g_strndup (key, hash - key);
  if (dash != NULL && dash > key && dash[1] != '\0' && strspn (dash + 1, "0123456789") == strlen (dash + 1))
    return g_strndup (key, dash - key);
  return g_strdup (key);
}

static gboolean
store_work_item (Mapped  *m,
                 GError **error)
{
  UcImportContext *ctx = m->ctx;
  UcWorkItemRow row = { 0 };
  g_autofree char *project = NULL;
  Value *decision = value_of (&m->rp, "decision");
  Value *points = value_of (&m->rp, "story_points");
  gboolean inserted = FALSE;

  row.tracker = row_tracker (m);
  row.key = text_of (m, "key");
  row.project = text_of (m, "project");
  if (row.project == NULL)
    row.project = project = project_of_key (row.key);
  row.type = text_of (m, "type");
  row.status = text_of (m, "status");
  row.status_category = category_of (m, "status_category", row.status);
  row.reporter_identity = author_identity (m, text_of (m, "author"), text_of (m, "author_email"), error);
  if (row.reporter_identity == 0 && error != NULL && *error != NULL)
    return FALSE;
  row.assignee_identity = author_identity (m, text_of (m, "assignee"), text_of (m, "assignee_email"), error);
  if (row.assignee_identity == 0 && error != NULL && *error != NULL)
    return FALSE;
  row.created_time = time_of (m, "created");
  row.updated_time = time_of (m, "updated");
  row.resolved_time = time_of (m, "closed");
  row.is_decision = decision->present ? decision->boolean
                                      : (row.type != NULL && _uc_jira_is_decision_word (row.type));
  row.title_len = length_of (m, "title_length", "title");
  row.body_len = length_of (m, "length", "text");
  row.story_points = points->present ? points->real : NAN;
  row.source_id = ctx->source_id;
  if (uc_store_add_work_item (ctx->store, &row, &inserted, error) <= 0)
    return FALSE;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, row.created_time);
  return TRUE;
}

static gboolean
store_status_change (Mapped  *m,
                     GError **error)
{
  UcImportContext *ctx = m->ctx;
  UcStatusChangeRow row = { 0 };
  g_autofree char *ext = NULL;
  gboolean inserted = FALSE;
  int found;

  found = row_work_item (m, &row.item_id, error);
  if (found <= 0)
    return found == 0;
  row.time = time_of (m, "created");
  row.from_status = text_of (m, "from");
  row.to_status = text_of (m, "to");
  if (text_of (m, "id") != NULL)
    ext = ext_id (m, text_of (m, "id"));
  else
    ext = g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%s>%s", m->system, row.time,
                           row.from_status != NULL ? row.from_status : "", row.to_status);
  row.ext_id = ext;
  row.author_identity = author_identity (m, text_of (m, "author"), text_of (m, "author_email"), error);
  if (row.author_identity == 0 && error != NULL && *error != NULL)
    return FALSE;
  row.from_category = category_of (m, "from_category", row.from_status);
  row.to_category = category_of (m, "to_category", row.to_status);
  row.source_id = ctx->source_id;
  if (uc_store_add_status_change (ctx->store, &row, &inserted, error) <= 0)
    return FALSE;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, row.time);
  return TRUE;
}

static gboolean
store_message (Mapped  *m,
               GError **error)
{
  UcImportContext *ctx = m->ctx;
  UcMessageRow row = { 0 };
  const char *text = text_of (m, "text");
  const char *thread = text_of (m, "thread");
  gboolean inserted = FALSE;

  row.system = m->system;
  row.channel = text_of (m, "channel");
  row.ext_id = text_of (m, "id");
  row.author_identity = author_identity (m, text_of (m, "author"), text_of (m, "author_email"), error);
  if (row.author_identity == 0 && error != NULL && *error != NULL)
    return FALSE;
  row.time = time_of (m, "created");
  row.thread_ext_id = thread != NULL && !g_str_equal (thread, row.ext_id) ? thread : NULL;
  row.body_len = length_of (m, "length", "text");
  row.is_objection = text != NULL && uc_text_has_objection (text, -1, NULL);
  row.source_id = ctx->source_id;
  if (uc_store_add_message (ctx->store, &row, &inserted, error) <= 0)
    return FALSE;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, row.time);
  return TRUE;
}

typedef gboolean (*StoreFunc) (Mapped *m, GError **error);

static const StoreFunc store_funcs[UC_CSV_N_RECORD_KINDS] = {
  [UC_CSV_RECORD_COMMIT] = store_commit,
  [UC_CSV_RECORD_CHANGE_REQUEST] = store_change_request,
  [UC_CSV_RECORD_REVIEW] = store_review,
  [UC_CSV_RECORD_COMMENT] = store_comment,
  [UC_CSV_RECORD_WORK_ITEM] = store_work_item,
  [UC_CSV_RECORD_STATUS_CHANGE] = store_status_change,
  [UC_CSV_RECORD_MESSAGE] = store_message,
};

/* ---- the format ---- */

static double
mapped_probe (const UcImportProbe *probe)
{
  /* A CSV does not say what its rows are: only with a mapping. */
  return 0.0;
}

/* The mapping of this import, parsed once (kept in ctx->format_data). */
static UcCsvMapping *
context_mapping (UcImportContext  *ctx,
                 GError          **error)
{
  UcCsvMapping *mapping;

  if (ctx->format_data != NULL)
    return ctx->format_data;
  if (ctx->options == NULL || ctx->options->mapping_path == NULL)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("“%s”: importing a CSV with a column mapping needs the mapping (--mapping FILE)"),
                   ctx->display_name);
      return NULL;
    }
  mapping = uc_csv_mapping_new_from_file (ctx->options->mapping_path, error);
  if (mapping == NULL)
    return NULL;
  ctx->format_data = mapping;
  ctx->format_data_free = (GDestroyNotify) uc_csv_mapping_free;
  return mapping;
}

static char *
mapped_checksum (UcImportContext  *ctx,
                 GError          **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFile) file = g_file_new_for_path (ctx->path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buf = NULL;
  g_autofree char *json = NULL;
  UcCsvMapping *mapping;
  gssize n;

  mapping = context_mapping (ctx, error);
  if (mapping == NULL)
    return NULL;

  input = g_file_read (file, ctx->cancellable, &local_error);
  if (input == NULL)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read “%s”: %s"), ctx->display_name, local_error->message);
      return NULL;
    }
  buf = g_malloc (64 * 1024);
  while ((n = g_input_stream_read (G_INPUT_STREAM (input), buf, 64 * 1024,
                                   ctx->cancellable, &local_error)) > 0)
    g_checksum_update (checksum, buf, (gsize) n);
  if (n < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not read “%s”: %s"), ctx->display_name, local_error->message);
      return NULL;
    }
  /* The same file with another mapping is another source. */
  json = uc_csv_mapping_to_json (mapping);
  g_checksum_update (checksum, (const guchar *) "\0", 1);
  g_checksum_update (checksum, (const guchar *) json, strlen (json));
  return g_strdup (g_checksum_get_string (checksum));
}

/* A CSV reader error as an import error naming the file and line. */
static void
propagate_csv_error (UcImportContext  *ctx,
                     GError           *csv_error,
                     GError          **error)
{
  if (csv_error->domain == UC_CSV_ERROR && csv_error->code == UC_CSV_ERROR_IO)
    g_set_error_literal (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO, csv_error->message);
  else if (csv_error->domain == UC_CSV_ERROR)
    g_set_error_literal (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE, csv_error->message);
  else if (csv_error->domain == G_IO_ERROR && csv_error->code != G_IO_ERROR_CANCELLED)
    g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                 _("Could not read “%s”: %s"), ctx->display_name, csv_error->message);
  else
    {
      g_propagate_error (error, csv_error);
      return;
    }
  g_error_free (csv_error);
}

static gboolean
mapped_import (UcImportContext  *ctx,
               GError          **error)
{
  g_auto(Mapped) m = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) columns = NULL;
  UcCsvMapping *mapping;
  StoreFunc store;

  mapping = context_mapping (ctx, error);
  if (mapping == NULL)
    return FALSE;

  m.ctx = ctx;
  m.mapping = mapping;
  m.system = uc_csv_mapping_get_system (mapping);
  m.account_kind = is_account_system (m.system) ? m.system : NULL;
  m.repo_kind = g_str_equal (m.system, "github") || g_str_equal (m.system, "gitlab") ||
                g_str_equal (m.system, "gerrit") ? m.system : "csv";
  m.tracker = g_str_equal (m.system, "jira") || g_str_equal (m.system, "github") ||
              g_str_equal (m.system, "gitlab") ? m.system : "csv";
  m.repos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m.authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  store = store_funcs[mapping->kind];

  m.csv = open_csv (mapping, ctx->path, ctx->display_name, ctx->cancellable, &local_error);
  if (m.csv == NULL)
    {
      propagate_csv_error (ctx, g_steal_pointer (&local_error), error);
      return FALSE;
    }
  if (!uc_csv_reader_read_header (m.csv, &local_error))
    {
      propagate_csv_error (ctx, g_steal_pointer (&local_error), error);
      return FALSE;
    }
  columns = reader_columns (m.csv);
  if (!uc_csv_mapping_check (mapping, (const char * const *) columns, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "“%s”: ", ctx->display_name);
      return FALSE;
    }
  if (mapping->kind == UC_CSV_RECORD_WORK_ITEM || mapping->kind == UC_CSV_RECORD_STATUS_CHANGE)
    {
      m.status_map = uc_status_map_load (ctx->store, error);
      if (m.status_map == NULL)
        return FALSE;
    }
  row_parser_init (&m.rp, mapping, m.csv, NULL);

  while (uc_csv_reader_next_row (m.csv, &local_error))
    {
      g_autofree char *problem = NULL;
      double fraction = ctx->size > 0 ? (double) uc_csv_reader_get_offset (m.csv) / (double) ctx->size : -1.0;

      ctx->n_records++;
      if (!_uc_import_tick (ctx, fraction, error))
        return FALSE;
      g_free (m.where);
      m.where = g_strdup_printf (_("line %" G_GUINT64_FORMAT), uc_csv_reader_get_line (m.csv));

      row_parser_parse (&m.rp, m.csv);
      problem = row_problem (&m.rp);
      if (problem != NULL)
        {
          if (!_uc_import_record_error (ctx, m.where, problem, error))
            return FALSE;
          continue;
        }
      /* A local error: the store functions tell an error from "nobody"
       * by looking at it. */
      if (!store (&m, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (local_error != NULL)
    {
      propagate_csv_error (ctx, g_steal_pointer (&local_error), error);
      return FALSE;
    }
  if (mapping->kind == UC_CSV_RECORD_MESSAGE && !_uc_chat_link_replies (ctx, m.system, error))
    return FALSE;
  return TRUE;
}

const UcImportFormat _uc_import_format_csv_mapped = {
  "csv-mapped",
  N_("CSV with a column mapping"),
  UC_IMPORT_INPUT_FILE,
  mapped_probe,
  mapped_checksum,
  mapped_import,
};
