/* uc-csv-mapped-import.h: any CSV, with a column mapping.
 *
 * A CSV file Undercurrent has no importer for is imported with a mapping
 * that says what each row is (its record kind) and which column gives each
 * field. The mapping is a small JSON file (the import wizard builds one
 * interactively with the API below):
 *
 *   {
 *     "kind": "change_request",        what every row is (required):
 *                                      commit, change_request, review,
 *                                      comment, work_item, status_change,
 *                                      message
 *     "system": "github",              where the data comes from (default
 *                                      "csv"): github, gitlab, gerrit,
 *                                      jira, slack or mattermost make
 *                                      authors accounts of that system (so
 *                                      they meet the same people imported
 *                                      from it); anything else reads
 *                                      authors as names (with author_email
 *                                      as their address)
 *     "columns": {"id": "Number", "author": "Opened by", "created": "Opened"},
 *                                      field → header column (matched
 *                                      trimmed and case-insensitively)
 *     "values": {"repo": "acme/api"},  field → the same value on every row
 *     "date_format": "%d/%m/%Y %H:%M", for every time field (default
 *                                      "iso8601"; also "unix", "unix_ms")
 *     "date_formats": {"merged": "unix"},  per field
 *     "timezone": "Europe/Paris",      for times without an offset
 *                                      (default UTC; "+02:00" works too)
 *     "delimiter": ";"                 default: guessed from the header
 *   }
 *
 * uc_csv_record_kind_fields() lists the fields of each kind, with their
 * types and which are required. A field of type BODY ("text", "title") is
 * read to derive what the signals need (length, objection markers, ticket
 * keys, revert/fix markers, AI co-author trailers) and never stored.
 *
 * Date formats: "iso8601" (2024-03-01, 2024-03-01T10:15:00Z,
 * 2024-03-01 10:15:00+01:00…), "unix" (seconds), "unix_ms", or a pattern:
 * %Y (4-digit year), %y (2-digit, 1970–2069), %m, %d, %e (day, 1 or 2
 * digits), %H, %I (12-hour) with %p (AM/PM), %M, %S, %f (fraction of a
 * second, ignored), %b/%B (English month name or abbreviation), %z
 * (+hhmm, +hh:mm or Z), %% (a percent sign); a space matches any run of
 * spaces and every other character itself.
 *
 * Identities: ext ids are prefixed with the system ("github:…", "csv:…");
 * commits go to git repositories, change requests to repositories of the
 * system (github, gitlab, gerrit, else "csv"), work items to the tracker
 * field or the system (jira, github, gitlab, else "csv").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-store.h"

G_BEGIN_DECLS

#define UC_CSV_MAPPING_ERROR (uc_csv_mapping_error_quark ())

typedef enum
{
  UC_CSV_MAPPING_ERROR_INVALID,        /* not a mapping: JSON syntax, wrong types, unknown member */
  UC_CSV_MAPPING_ERROR_UNKNOWN_KIND,   /* "kind" is missing or not a record kind */
  UC_CSV_MAPPING_ERROR_UNKNOWN_FIELD,  /* a field the kind does not have */
  UC_CSV_MAPPING_ERROR_MISSING_FIELD,  /* a required field has no column nor value */
  UC_CSV_MAPPING_ERROR_NO_SUCH_COLUMN, /* a mapped column is not in the file's header */
  UC_CSV_MAPPING_ERROR_BAD_FORMAT,     /* a date format or time zone that cannot be used */
  UC_CSV_MAPPING_ERROR_BAD_VALUE,      /* a value that does not parse (dates, numbers…) */
} UcCsvMappingError;

GQuark uc_csv_mapping_error_quark (void);

typedef enum
{
  UC_CSV_RECORD_COMMIT,
  UC_CSV_RECORD_CHANGE_REQUEST,
  UC_CSV_RECORD_REVIEW,
  UC_CSV_RECORD_COMMENT,
  UC_CSV_RECORD_WORK_ITEM,
  UC_CSV_RECORD_STATUS_CHANGE,
  UC_CSV_RECORD_MESSAGE,
} UcCsvRecordKind;

#define UC_CSV_N_RECORD_KINDS 7

/* "commit", "change_request"…, and back (FALSE for an unknown name). */
const char *uc_csv_record_kind_to_string   (UcCsvRecordKind  kind);
gboolean    uc_csv_record_kind_from_string (const char      *text,
                                            UcCsvRecordKind *kind);
/* A translated, human name ("Change requests"). */
const char *uc_csv_record_kind_describe    (UcCsvRecordKind  kind);

typedef enum
{
  UC_CSV_FIELD_TEXT,     /* kept as it is (ids, names, statuses) */
  UC_CSV_FIELD_TIME,     /* parsed with the field's date format */
  UC_CSV_FIELD_NUMBER,   /* an integer */
  UC_CSV_FIELD_REAL,     /* a decimal number */
  UC_CSV_FIELD_BOOLEAN,  /* true/false, yes/no, 1/0, y/n, x or empty */
  UC_CSV_FIELD_BODY,     /* text measured and scanned, never stored */
} UcCsvFieldType;

typedef struct
{
  const char     *name;         /* "created" */
  UcCsvFieldType  type;
  gboolean        required;     /* the row means nothing without it */
  const char     *group;        /* non-NULL: at least one field of the group is needed */
  const char     *description;  /* N_(): what it is, for the wizard */
} UcCsvFieldInfo;

/* The fields of @kind, in a stable order, ending with a { NULL } entry. */
const UcCsvFieldInfo *uc_csv_record_kind_fields (UcCsvRecordKind kind);

/* ---- mappings ---- */

typedef struct _UcCsvMapping UcCsvMapping;

UcCsvMapping *uc_csv_mapping_new            (UcCsvRecordKind   kind);
/* Parse a mapping. Every field named must exist for the kind, every date
 * format and time zone must be usable; the columns are checked against a
 * file later (uc_csv_mapping_check()). */
UcCsvMapping *uc_csv_mapping_new_from_json  (const char       *json,
                                             gssize            length,
                                             GError          **error);
/* The same from a file; errors name the file. */
UcCsvMapping *uc_csv_mapping_new_from_file  (const char       *path,
                                             GError          **error);
UcCsvMapping *uc_csv_mapping_copy           (const UcCsvMapping *mapping);
void          uc_csv_mapping_free           (UcCsvMapping     *mapping);

UcCsvRecordKind uc_csv_mapping_get_kind     (const UcCsvMapping *mapping);

/* Read @field from @column (NULL: no column). Unknown field: FALSE with
 * UC_CSV_MAPPING_ERROR_UNKNOWN_FIELD. Setting a column clears a value. */
gboolean      uc_csv_mapping_set_column     (UcCsvMapping     *mapping,
                                             const char       *field,
                                             const char       *column,
                                             GError          **error);
const char   *uc_csv_mapping_get_column     (const UcCsvMapping *mapping,
                                             const char       *field);
/* Give @field the same @value on every row (NULL: none). Setting a value
 * clears a column. */
gboolean      uc_csv_mapping_set_value      (UcCsvMapping     *mapping,
                                             const char       *field,
                                             const char       *value,
                                             GError          **error);
const char   *uc_csv_mapping_get_value      (const UcCsvMapping *mapping,
                                             const char       *field);
/* The date format of @field, or the default one when @field is NULL
 * (@format NULL: back to the default). */
gboolean      uc_csv_mapping_set_date_format (UcCsvMapping    *mapping,
                                              const char      *field,
                                              const char      *format,
                                              GError         **error);
/* "UTC", "+02:00", an IANA name; NULL: UTC. */
gboolean      uc_csv_mapping_set_timezone   (UcCsvMapping     *mapping,
                                             const char       *timezone,
                                             GError          **error);
/* NULL or "": "csv". */
void          uc_csv_mapping_set_system     (UcCsvMapping     *mapping,
                                             const char       *system);
const char   *uc_csv_mapping_get_system     (const UcCsvMapping *mapping);
/* '\0': guess from the header. */
void          uc_csv_mapping_set_delimiter  (UcCsvMapping     *mapping,
                                             char              delimiter);
char          uc_csv_mapping_get_delimiter  (const UcCsvMapping *mapping);

/* The mapping as JSON, as uc_csv_mapping_new_from_json() reads it. */
char         *uc_csv_mapping_to_json        (const UcCsvMapping *mapping);

/* Check the mapping against a file's header (@columns, NULL-terminated):
 * every mapped column exists, every required field (and one field of each
 * group) has a column or a value. The first problem is the error. */
gboolean      uc_csv_mapping_check          (const UcCsvMapping *mapping,
                                             const char * const *columns,
                                             GError          **error);

/* ---- preview (for the wizard) ---- */

typedef struct
{
  guint64   line;        /* where the row starts in the file */
  char    **values;      /* n_fields: the parsed value as text (times as
                          * ISO 8601 UTC, bodies as their length), "" when
                          * empty, NULL when it did not parse */
  char    **errors;      /* n_fields: NULL or why the value is bad */
  char     *problem;     /* NULL or what is wrong with the row as a whole
                          * (e.g. no author at all) */
} UcCsvPreviewRow;

typedef struct
{
  GStrv      columns;        /* the file's header */
  guint      n_fields;
  GStrv      fields;         /* the kind's fields that have a column or a value */
  GStrv      field_sources;  /* for each: the column's header name, or "=value" */
  GPtrArray *rows;           /* UcCsvPreviewRow */
  GStrv      problems;       /* mapping problems against this header (unknown
                              * columns, missing required fields), maybe empty */
  guint      n_bad_rows;     /* rows among these with an error */
} UcCsvPreview;

/* Read the first @n_rows data rows of @csv_path with @mapping, parsing
 * every mapped field and reporting what does not parse, field by field. A
 * mapping that does not fit the file is reported in problems, not as an
 * error: the error is for a file that cannot be read as CSV. */
UcCsvPreview *uc_csv_mapping_preview        (const UcCsvMapping *mapping,
                                             const char       *csv_path,
                                             guint             n_rows,
                                             GCancellable     *cancellable,
                                             GError          **error);
void          uc_csv_preview_free           (UcCsvPreview     *preview);

/* ---- times ---- */

/* Parse @text with @format (NULL: "iso8601"; see above) in @tz (NULL:
 * UTC) when the text has no offset. UC_CSV_MAPPING_ERROR_BAD_VALUE when it
 * does not match, UC_CSV_MAPPING_ERROR_BAD_FORMAT for a bad @format. */
gboolean      uc_csv_parse_time             (const char       *text,
                                             const char       *format,
                                             GTimeZone        *tz,
                                             UcTime           *time,
                                             GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcCsvMapping, uc_csv_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcCsvPreview, uc_csv_preview_free)

G_END_DECLS
