/* uc-import.h: detecting and importing sources into a workspace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-store.h"

G_BEGIN_DECLS

#define UC_IMPORT_ERROR (uc_import_error_quark ())

typedef enum
{
  UC_IMPORT_ERROR_UNKNOWN_FORMAT,   /* nothing recognises the path */
  UC_IMPORT_ERROR_PARSE,            /* malformed record: message names file, line/record, problem */
  UC_IMPORT_ERROR_IO,               /* cannot read the path */
  UC_IMPORT_ERROR_TOOL,             /* an external program (git) failed */
} UcImportError;

GQuark uc_import_error_quark (void);

typedef enum
{
  UC_IMPORT_FLAGS_NONE = 0,
  UC_IMPORT_FLAGS_SKIP_BAD = 1 << 0,  /* import the good records, report the bad */
} UcImportFlags;

typedef struct
{
  char     *format;            /* the format id used, e.g. "git-repo" */
  UcId      source_id;
  gboolean  already_imported;  /* same kind + checksum was imported before */
  gint64    n_records;         /* records read */
  gint64    n_new;             /* records that were new to the workspace */
  GPtrArray *warnings;         /* char *: skipped records (with --skip-bad) */
} UcImportResult;

void      uc_import_result_clear (UcImportResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UcImportResult, uc_import_result_clear)

/* Format ids known to this build, NULL-terminated, in a stable order. */
const char * const *uc_import_list_formats (void);
/* A translated, human name for a format id ("Git repository"). */
const char *uc_import_format_name (const char *format);

/* Detect the format of @path by content. Returns the format id, or NULL
 * with UC_IMPORT_ERROR_UNKNOWN_FORMAT ("not a format Undercurrent knows",
 * naming the closest guess where there is one). */
const char *uc_import_detect     (const char    *path,
                                  double        *confidence,
                                  GError       **error);

/* Import @path into @store in ONE transaction: on any error or
 * cancellation the workspace is left exactly as it was. @format NULL means
 * detect. Progress is reported from the calling (worker) thread. */
gboolean  uc_import_path         (UcStore        *store,
                                  const char     *path,
                                  const char     *format,
                                  UcImportFlags   flags,
                                  UcImportResult *result,
                                  UcProgressFunc  progress,
                                  gpointer        progress_data,
                                  GCancellable   *cancellable,
                                  GError        **error);

/* Options for uc_import_path_full(). Initialise with { 0 }: fields may be
 * added, and zero always means "as uc_import_path()". */
typedef struct
{
  const char *mapping_path;    /* a column mapping (JSON, uc-csv-mapped-import.h):
                                * imports a CSV as format "csv-mapped"
                                * when @format is NULL */
} UcImportOptions;

/* uc_import_path() with @options (may be NULL). */
gboolean  uc_import_path_full    (UcStore                *store,
                                  const char             *path,
                                  const char             *format,
                                  UcImportFlags           flags,
                                  const UcImportOptions  *options,
                                  UcImportResult         *result,
                                  UcProgressFunc          progress,
                                  gpointer                progress_data,
                                  GCancellable           *cancellable,
                                  GError                **error);

G_END_DECLS
