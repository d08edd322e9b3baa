/* uc-import-private.h: what every importer shares.
 *
 * Adding a format is one file and one table entry:
 *
 *  1. write uc-FOO-import.c defining
 *       const UcImportFormat _uc_import_format_foo = {
 *         "foo", N_("Foo export"), UC_IMPORT_INPUT_FILE,
 *         foo_probe, NULL, foo_import,
 *       };
 *     (add the file to src/engine/import/meson.build);
 *  2. add `&_uc_import_format_foo` to the formats[] table in uc-import.c
 *     (and its extern line just above the table).
 *
 * The framework does everything else: it checks the path (missing,
 * unreadable, empty, folder vs file), detects the format from content,
 * computes the source checksum (SHA-256 of the file unless the format
 * provides one), opens ONE transaction, creates the source row (a repeat
 * of the same kind + checksum is a no-op reported as already_imported),
 * calls import(), finishes the source row, checks for cancellation and
 * commits, or rolls everything back on any error.
 *
 * Inside import(), use the helpers below: _uc_import_tick() once per record
 * (cancellation + throttled progress), _uc_import_person() for people
 * (identity resolution + bot/AI agent flags), _uc_import_record_error()
 * for a bad record (it becomes a warning with UC_IMPORT_FLAGS_SKIP_BAD),
 * the UcImportReader for streaming a file, and uc-text-flags.h for
 * everything derived from text that is then thrown away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-import.h"
#include "uc-text-flags.h"

G_BEGIN_DECLS

typedef enum
{
  UC_IMPORT_INPUT_FILE = 1 << 0,
  UC_IMPORT_INPUT_FOLDER = 1 << 1,
} UcImportInput;

/* What a probe may look at. Probes decide from content, never from the
 * file name. */
typedef struct
{
  const char   *path;
  gboolean      is_dir;
  const guint8 *head;       /* first bytes of a file (NUL-terminated), NULL for a folder */
  gsize         head_len;
  goffset       size;       /* file size, 0 for a folder */
} UcImportProbe;

typedef struct _UcImportContext UcImportContext;

typedef struct
{
  const char     *id;        /* stable id, also the source row's kind */
  const char     *name;      /* N_(): human name */
  UcImportInput   input;     /* what the path must be */
  /* 0 (not this format) .. 1 (certainly this format). */
  double        (*probe)    (const UcImportProbe *probe);
  /* A checksum identifying this version of the input (newly allocated),
   * or NULL for the SHA-256 of the file. */
  char         *(*checksum) (UcImportContext *ctx, GError **error);
  /* Stream records into ctx->store; the transaction is the caller's. */
  gboolean      (*import)   (UcImportContext *ctx, GError **error);
} UcImportFormat;

struct _UcImportContext
{
  /* read-only for importers */
  UcStore              *store;          /* borrowed */
  const UcImportFormat *format;         /* borrowed */
  const char           *path;           /* borrowed: as given */
  char                 *abs_path;       /* owned: absolute path */
  char                 *display_name;   /* owned: UTF-8 path for messages */
  UcImportFlags         flags;
  const UcImportOptions *options;       /* borrowed, never NULL */
  GCancellable         *cancellable;    /* borrowed, may be NULL */
  UcProgressFunc        progress;
  gpointer              progress_data;
  UcId                  source_id;
  goffset               size;           /* file size, 0 for folders */

  /* counters the importer updates */
  gint64                n_records;      /* records read */
  gint64                n_new;          /* records new to the workspace */
  UcTime                first_time;     /* earliest event time (0: none) */
  UcTime                last_time;      /* latest event time */
  GPtrArray            *warnings;       /* owned: char *, skipped records */

  /* for the format: state kept from checksum() to import(), which always
   * run in that order on the same context (freed with format_data_free) */
  gpointer              format_data;
  GDestroyNotify        format_data_free;

  /* private to uc-import.c */
  gint64                last_progress_us;
  guint                 tick;
  GHashTable           *identities;     /* owned: "kind\037value" → UcId */
  GHashTable           *email_ids;      /* owned: raw email → UcId (fast path) */
  GHashTable           *agent_persons;  /* owned: person id set already flagged */
};

/* How often (records) _uc_import_tick() checks for cancellation. */
#define UC_IMPORT_CANCEL_EVERY 64

/* Call once per record. Checks the cancellable every
 * UC_IMPORT_CANCEL_EVERY records and reports progress at most ten times a
 * second. @fraction: 0..1, or < 0 when unknown. */
gboolean  _uc_import_tick           (UcImportContext *ctx,
                                     double           fraction,
                                     GError         **error);
/* Report progress now if the last report is 100 ms old. */
void      _uc_import_progress       (UcImportContext *ctx,
                                     double           fraction,
                                     const char      *message);

/* Extend the source's first/last times with @time (ignored if <= 0). */
void      _uc_import_note_time      (UcImportContext *ctx,
                                     UcTime           time);

/* A bad record at @where (e.g. "line 12", already translated). With
 * UC_IMPORT_FLAGS_SKIP_BAD it is added to the warnings and TRUE is
 * returned (skip it and go on); otherwise @error is set to
 * UC_IMPORT_ERROR_PARSE, “FILE”, WHERE: PROBLEM, and FALSE returned. */
gboolean  _uc_import_record_error   (UcImportContext *ctx,
                                     const char      *where,
                                     const char      *problem,
                                     GError         **error);
/* The same message as a GError, without the skip logic. */
void      _uc_import_set_parse_error (UcImportContext *ctx,
                                      GError         **error,
                                      const char      *where,
                                      const char      *problem);

/* Identities, cached for the whole import. Values of kind "email" are
 * lower-cased by the store; an identity that does not exist yet gets a new
 * person called @display_name (or the value). */
UcId      _uc_import_identity       (UcImportContext *ctx,
                                     const char      *kind,
                                     const char      *value,
                                     const char      *display_name,
                                     GError         **error);
/* The identity of someone known by a name and an e-mail address (a commit
 * author, a roster line…): kind "email" when @email is not empty, so an
 * exact e-mail match merges people automatically, else kind "name". The
 * person is called @name. Bots and AI assistants (uc_text_is_agent_account)
 * are flagged as agents. Returns 0 with no error when both are empty. */
UcId      _uc_import_person         (UcImportContext *ctx,
                                     const char      *name,
                                     const char      *email,
                                     GError         **error);
/* Flag the person behind @identity_id as an agent (once per import). */
gboolean  _uc_import_flag_agent     (UcImportContext *ctx,
                                     UcId             identity_id,
                                     GError         **error);

/* ---- streaming reader ---- */

/* Reads a stream record by record, each record ending at a separator byte
 * ('\n' for lines, '\0' for NUL-separated output), without slurping it. */
typedef struct
{
  GInputStream *stream;       /* owned */
  GSeekable    *position;     /* borrowed: where to ask the position, may be NULL */
  GCancellable *cancellable;  /* borrowed */
  char         *display_name; /* owned, may be NULL: names the input in errors */
  char         *buf;          /* owned */
  gsize         alloc;
  gsize         start;        /* next unread byte */
  gsize         end;          /* end of valid data */
  gsize         scan;         /* where the separator search resumes */
  gboolean      eof;
  guint64       n_records;    /* records returned so far (= line number in line mode) */
  guint64       consumed;     /* bytes returned so far, separators included */
} UcImportReader;

/* @stream is taken over; @position may be the stream itself or the file
 * stream under a converter. */
void      _uc_import_reader_init    (UcImportReader *reader,
                                     GInputStream   *stream,
                                     GSeekable      *position,
                                     GCancellable   *cancellable);
void      _uc_import_reader_clear   (UcImportReader *reader);
/* The next record, NUL-terminated in place (the separator is replaced) and
 * valid until the next call. Returns FALSE at the end (error unset) or on a
 * read error (error set, UC_IMPORT_ERROR_IO). */
gboolean  _uc_import_reader_next    (UcImportReader *reader,
                                     char            separator,
                                     char          **record,
                                     gsize          *length,
                                     GError        **error);
/* Make at least @n bytes (or all that remain) available without consuming
 * them. Returns them (valid until the next call) and their count in
 * *@available, or NULL on a read error. */
const char *_uc_import_reader_peek  (UcImportReader *reader,
                                     gsize           n,
                                     gsize          *available,
                                     GError        **error);
/* Bytes read from the underlying file so far (for progress). */
goffset   _uc_import_reader_tell    (UcImportReader *reader);

/* Open a file for streaming: handles a UTF-8 BOM and converts UTF-16
 * (with a BOM, as Windows PowerShell writes) to UTF-8 on the fly. */
gboolean  _uc_import_reader_open    (UcImportReader  *reader,
                                     UcImportContext *ctx,
                                     GError         **error);

/* ---- text helpers ---- */

/* Make @str valid UTF-8 in @out (which is overwritten): valid sequences are
 * kept, every other byte is read as Windows-1252/Latin-1. Returns out->str. */
const char *_uc_import_to_utf8      (GString     *out,
                                     const char  *str,
                                     gssize       len);

G_END_DECLS
