/* uc-import.c: detecting and importing sources into a workspace.
 *
 * A table of formats (uc-import-private.h explains how to add one), the
 * checks every import shares, one transaction per import, and the helpers
 * importers use: identities, progress, cancellation, streaming.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "uc-import-private.h"
#include "uc-identity-private.h"

G_DEFINE_QUARK (uc-import-error-quark, uc_import_error)

/* ---- the format table ---- */

extern const UcImportFormat _uc_import_format_git_repo;
extern const UcImportFormat _uc_import_format_git_log;
extern const UcImportFormat _uc_import_format_github_rest;
extern const UcImportFormat _uc_import_format_github_perceval;
extern const UcImportFormat _uc_import_format_github_archive;
extern const UcImportFormat _uc_import_format_slack_export;
extern const UcImportFormat _uc_import_format_slack_events;
extern const UcImportFormat _uc_import_format_slack_perceval;
extern const UcImportFormat _uc_import_format_mattermost;
extern const UcImportFormat _uc_import_format_gitlab;
extern const UcImportFormat _uc_import_format_gerrit;
extern const UcImportFormat _uc_import_format_jira_json;
extern const UcImportFormat _uc_import_format_jira_xml;
extern const UcImportFormat _uc_import_format_jira_csv;
extern const UcImportFormat _uc_import_format_roster;
extern const UcImportFormat _uc_import_format_csv_mapped;

/* In a stable order: detection prefers the earlier entry on a tie. */
static const UcImportFormat * const formats[] = {
  &_uc_import_format_git_repo,
  &_uc_import_format_git_log,
  &_uc_import_format_github_rest,
  &_uc_import_format_github_perceval,
  &_uc_import_format_github_archive,
  &_uc_import_format_slack_export,
  &_uc_import_format_slack_events,
  &_uc_import_format_slack_perceval,
  &_uc_import_format_mattermost,
  &_uc_import_format_gitlab,
  &_uc_import_format_gerrit,
  &_uc_import_format_jira_json,
  &_uc_import_format_jira_xml,
  &_uc_import_format_jira_csv,
  &_uc_import_format_roster,
  &_uc_import_format_csv_mapped,
};

/* Below this, a probe's best guess is not taken as the format. */
#define DETECT_THRESHOLD 0.5

/* How much of a file probes see. */
#define PROBE_HEAD_SIZE (64 * 1024)

static const UcImportFormat *
find_format (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i]->id, id))
      return formats[i];
  return NULL;
}

const char * const *
uc_import_list_formats (void)
{
  static const char *ids[G_N_ELEMENTS (formats) + 1];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        ids[i] = formats[i]->id;
      ids[G_N_ELEMENTS (formats)] = NULL;
      g_once_init_leave (&initialised, 1);
    }
  return ids;
}

const char *
uc_import_format_name (const char *format)
{
  const UcImportFormat *fmt;

  g_return_val_if_fail (format != NULL, NULL);

  fmt = find_format (format);
  if (fmt == NULL)
    return NULL;
  return g_dgettext (GETTEXT_PACKAGE, fmt->name);
}

void
uc_import_result_clear (UcImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->format, g_free);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  result->source_id = 0;
  result->already_imported = FALSE;
  result->n_records = 0;
  result->n_new = 0;
}

/* ---- checking the path ---- */

typedef struct
{
  gboolean  is_dir;
  goffset   size;
  guint8   *head;       /* owned, NUL-terminated, UTF-8 where it was UTF-16 */
  gsize     head_len;
} PathInfo;

static void
path_info_clear (PathInfo *info)
{
  g_clear_pointer (&info->head, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PathInfo, path_info_clear)

/* A BOM-less UTF-8 copy of a file's first bytes, for probes. */
static void
decode_head (PathInfo     *info,
             const guint8 *raw,
             gsize         raw_len)
{
  const char *from = NULL;
  gsize skip = 0;

  if (raw_len >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF)
    skip = 3;
  else if (raw_len >= 2 && raw[0] == 0xFF && raw[1] == 0xFE)
    from = "UTF-16LE", skip = 2;
  else if (raw_len >= 2 && raw[0] == 0xFE && raw[1] == 0xFF)
    from = "UTF-16BE", skip = 2;

  if (from != NULL)
    {
      gsize even = (raw_len - skip) & ~(gsize) 1;
      gsize written = 0;
      char *converted = g_convert_with_fallback ((const char *) raw + skip, (gssize) even,
                                                 "UTF-8", from, "?", NULL, &written, NULL);

      if (converted != NULL)
        {
          info->head = (guint8 *) converted;
          info->head_len = written;
          return;
        }
    }

  info->head = g_malloc (raw_len - skip + 1);
  memcpy (info->head, raw + skip, raw_len - skip);
  info->head[raw_len - skip] = '\0';
  info->head_len = raw_len - skip;
}

static gboolean
check_path (const char  *path,
            gboolean     want_head,
            PathInfo    *info,
            GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT || saved == ENOTDIR)
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("“%s” does not exist"), display);
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not read “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GError) local_error = NULL;

      info->is_dir = TRUE;
      dir = g_dir_open (path, 0, &local_error);
      if (dir == NULL)
        {
          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                       _("Could not read the folder “%s”: %s"), display,
                       local_error->message);
          return FALSE;
        }
      return TRUE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("“%s” is neither a file nor a folder"), display);
      return FALSE;
    }

  info->is_dir = FALSE;
  info->size = st.st_size;

  {
    FILE *fp = g_fopen (path, "rb");
    g_autofree guint8 *raw = NULL;
    gsize raw_len = 0;

    if (fp == NULL)
      {
        int saved = errno;

        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not read “%s”: %s"), display, g_strerror (saved));
        return FALSE;
      }
    if (want_head)
      {
        raw = g_malloc (PROBE_HEAD_SIZE);
        raw_len = fread (raw, 1, PROBE_HEAD_SIZE, fp);
        if (ferror (fp))
          {
            int saved = errno;

            fclose (fp);
            g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                         _("Could not read “%s”: %s"), display, g_strerror (saved));
            return FALSE;
          }
      }
    fclose (fp);

    if (info->size == 0)
      {
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("“%s” is empty"), display);
        return FALSE;
      }
    if (want_head)
      decode_head (info, raw, raw_len);
  }
  return TRUE;
}

static gboolean
is_blank_text (const guint8 *text,
               gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/* Probe every format that takes this kind of input. */
static const UcImportFormat *
probe_all (const char     *path,
           const PathInfo *info,
           double         *best_confidence)
{
  const UcImportFormat *best = NULL;
  UcImportProbe probe = {
    .path = path,
    .is_dir = info->is_dir,
    .head = info->head,
    .head_len = info->head_len,
    .size = info->size,
  };

  *best_confidence = 0.0;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      UcImportInput wanted = info->is_dir ? UC_IMPORT_INPUT_FOLDER : UC_IMPORT_INPUT_FILE;
      double c;

      if ((formats[i]->input & wanted) == 0)
        continue;
      c = CLAMP (formats[i]->probe (&probe), 0.0, 1.0);
      if (c > *best_confidence)
        {
          *best_confidence = c;
          best = formats[i];
        }
    }
  return best;
}

static const UcImportFormat *
detect (const char  *path,
        double      *confidence,
        GError     **error)
{
  g_auto(PathInfo) info = { 0 };
  g_autofree char *display = NULL;
  const UcImportFormat *best;
  double c;

  if (!check_path (path, TRUE, &info, error))
    return NULL;

  best = probe_all (path, &info, &c);
  if (confidence != NULL)
    *confidence = c;
  if (best != NULL && c >= DETECT_THRESHOLD)
    return best;

  display = g_filename_display_name (path);
  if (!info.is_dir && is_blank_text (info.head, info.head_len))
    g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                 _("“%s” contains only blank space, so its format cannot be told; choose the format explicitly"),
                 display);
  else if (best != NULL)
    g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                 /* Translators: the second %s is a format name, e.g. "Git repository" */
                 _("“%s” is not in a format Undercurrent knows (closest: %s, but it does not look like one)"),
                 display, g_dgettext (GETTEXT_PACKAGE, best->name));
  else if (info.is_dir)
    g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                 _("The folder “%s” is not in a format Undercurrent knows"), display);
  else
    g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                 _("“%s” is not in a format Undercurrent knows"), display);
  return NULL;
}

const char *
uc_import_detect (const char  *path,
                  double      *confidence,
                  GError     **error)
{
  const UcImportFormat *fmt;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (confidence != NULL)
    *confidence = 0.0;
  fmt = detect (path, confidence, error);
  return fmt != NULL ? fmt->id : NULL;
}

/* ---- the import context ---- */

/* One allocation per cached id: the key string follows the id. */
typedef struct
{
  UcId id;
  char key[];
} CachedId;

static UcId
cache_lookup (GHashTable *table,
              const char *key)
{
  CachedId *entry = g_hash_table_lookup (table, key);

  return entry != NULL ? entry->id : 0;
}

static void
cache_insert (GHashTable *table,
              const char *key,
              UcId        id)
{
  gsize len = strlen (key);
  CachedId *entry = g_malloc (sizeof *entry + len + 1);

  entry->id = id;
  memcpy (entry->key, key, len + 1);
  g_hash_table_replace (table, entry->key, entry);
}

static GHashTable *
cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static void
context_clear (UcImportContext *ctx)
{
  if (ctx->format_data != NULL && ctx->format_data_free != NULL)
    ctx->format_data_free (ctx->format_data);
  ctx->format_data = NULL;
  g_clear_pointer (&ctx->abs_path, g_free);
  g_clear_pointer (&ctx->display_name, g_free);
  g_clear_pointer (&ctx->warnings, g_ptr_array_unref);
  g_clear_pointer (&ctx->identities, g_hash_table_unref);
  g_clear_pointer (&ctx->email_ids, g_hash_table_unref);
  g_clear_pointer (&ctx->agent_persons, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UcImportContext, context_clear)

void
_uc_import_progress (UcImportContext *ctx,
                     double           fraction,
                     const char      *message)
{
  gint64 now;

  if (ctx->progress == NULL)
    return;
  now = g_get_monotonic_time ();
  /* At most ten reports a second, but the last one (1.0) always goes out,
   * so a progress bar ends full. */
  if (fraction < 1.0 && ctx->last_progress_us != 0 &&
      now - ctx->last_progress_us < G_USEC_PER_SEC / 10)
    return;
  ctx->last_progress_us = now;
  ctx->progress (fraction < 0 ? -1.0 : CLAMP (fraction, 0.0, 1.0), message, ctx->progress_data);
}

gboolean
_uc_import_tick (UcImportContext *ctx,
                 double           fraction,
                 GError         **error)
{
  ctx->tick++;
  if (ctx->tick % UC_IMPORT_CANCEL_EVERY == 0 &&
      g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;
  if (ctx->tick % 16 == 0)
    _uc_import_progress (ctx, fraction, NULL);
  return TRUE;
}

void
_uc_import_note_time (UcImportContext *ctx,
                      UcTime           time)
{
  if (time <= 0)
    return;
  if (ctx->first_time == 0 || time < ctx->first_time)
    ctx->first_time = time;
  if (time > ctx->last_time)
    ctx->last_time = time;
}

void
_uc_import_set_parse_error (UcImportContext *ctx,
                            GError         **error,
                            const char      *where,
                            const char      *problem)
{
  g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
               /* Translators: “file”, where (e.g. "line 12"): what was wrong */
               _("“%s”, %s: %s"), ctx->display_name, where, problem);
}

gboolean
_uc_import_record_error (UcImportContext *ctx,
                         const char      *where,
                         const char      *problem,
                         GError         **error)
{
  if ((ctx->flags & UC_IMPORT_FLAGS_SKIP_BAD) == 0)
    {
      _uc_import_set_parse_error (ctx, error, where, problem);
      return FALSE;
    }
  g_ptr_array_add (ctx->warnings,
                   g_strdup_printf (_("“%s”, %s: %s"), ctx->display_name, where, problem));
  return TRUE;
}

UcId
_uc_import_identity (UcImportContext *ctx,
                     const char      *kind,
                     const char      *value,
                     const char      *display_name,
                     GError         **error)
{
  g_autofree char *key = NULL;
  g_autofree char *folded = NULL;
  UcId id;

  g_return_val_if_fail (kind != NULL && value != NULL, 0);

  if (g_str_equal (kind, "email"))
    value = folded = g_utf8_strdown (value, -1);
  key = g_strconcat (kind, "\037", value, NULL);
  id = cache_lookup (ctx->identities, key);
  if (id > 0)
    return id;

  id = uc_store_ensure_identity (ctx->store, kind, value, display_name, 0,
                                 ctx->source_id, error);
  if (id <= 0)
    return 0;
  cache_insert (ctx->identities, key, id);
  return id;
}

gboolean
_uc_import_flag_agent (UcImportContext *ctx,
                       UcId             identity_id,
                       GError         **error)
{
  UcId person_id = uc_store_identity_person (ctx->store, identity_id);

  if (person_id <= 0)
    return TRUE;
  if (g_hash_table_contains (ctx->agent_persons, &person_id))
    return TRUE;
  if (!uc_store_set_person_agent (ctx->store, person_id, TRUE, error))
    return FALSE;
  g_hash_table_add (ctx->agent_persons, g_memdup2 (&person_id, sizeof person_id));
  return TRUE;
}

UcId
_uc_import_person (UcImportContext *ctx,
                   const char      *name,
                   const char      *email,
                   GError         **error)
{
  gboolean has_email = email != NULL && *email != '\0';
  gboolean has_name = name != NULL && *name != '\0';
  UcId id;

  if (!has_email && !has_name)
    return 0;

  /* Fast path: the exact address seen before in this import. */
  if (has_email)
    {
      id = cache_lookup (ctx->email_ids, email);
      if (id > 0)
        return id;
      id = _uc_import_identity (ctx, "email", email, has_name ? name : email, error);
    }
  else
    id = _uc_import_identity (ctx, "name", name, name, error);
  if (id <= 0)
    return 0;

  if (uc_text_is_agent_account (name, email) && !_uc_import_flag_agent (ctx, id, error))
    return 0;
  if (has_email)
    cache_insert (ctx->email_ids, email, id);
  return id;
}

/* ---- streaming reader ---- */

#define READER_CHUNK (64 * 1024)

void
_uc_import_reader_init (UcImportReader *reader,
                        GInputStream   *stream,
                        GSeekable      *position,
                        GCancellable   *cancellable)
{
  memset (reader, 0, sizeof *reader);
  reader->stream = stream;
  reader->position = position;
  reader->cancellable = cancellable;
  reader->alloc = READER_CHUNK * 2;
  reader->buf = g_malloc (reader->alloc);
}

void
_uc_import_reader_clear (UcImportReader *reader)
{
  g_clear_object (&reader->stream);
  g_clear_pointer (&reader->buf, g_free);
  g_clear_pointer (&reader->display_name, g_free);
  reader->position = NULL;
}

/* Read one more chunk, keeping the unread bytes. One byte always stays
 * free for the terminating NUL of a last record. */
static gboolean
reader_fill (UcImportReader  *reader,
             GError         **error)
{
  gssize n;

  if (reader->start > 0)
    {
      memmove (reader->buf, reader->buf + reader->start, reader->end - reader->start);
      reader->end -= reader->start;
      reader->scan -= MIN (reader->scan, reader->start);
      reader->start = 0;
    }
  if (reader->alloc - reader->end < READER_CHUNK + 1)
    {
      reader->alloc *= 2;
      reader->buf = g_realloc (reader->buf, reader->alloc);
    }
  n = g_input_stream_read (reader->stream, reader->buf + reader->end,
                           reader->alloc - reader->end - 1, reader->cancellable, error);
  if (n < 0)
    {
      if (error != NULL && *error != NULL &&
          !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) io_error = g_steal_pointer (error);

          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                       _("Could not read “%s”: %s"),
                       reader->display_name ? reader->display_name : "?",
                       io_error->message);
        }
      return FALSE;
    }
  if (n == 0)
    reader->eof = TRUE;
  reader->end += (gsize) n;
  return TRUE;
}

gboolean
_uc_import_reader_next (UcImportReader  *reader,
                        char             separator,
                        char           **record,
                        gsize           *length,
                        GError         **error)
{
  for (;;)
    {
      char *found = NULL;

      if (reader->scan < reader->end)
        found = memchr (reader->buf + reader->scan, separator, reader->end - reader->scan);
      if (found != NULL)
        {
          *found = '\0';
          *record = reader->buf + reader->start;
          *length = (gsize) (found - *record);
          reader->start = reader->scan = (gsize) (found - reader->buf) + 1;
          reader->n_records++;
          reader->consumed += *length + 1;
          return TRUE;
        }
      reader->scan = reader->end;

      if (reader->eof)
        {
          if (reader->start < reader->end)
            {
              reader->buf[reader->end] = '\0';
              *record = reader->buf + reader->start;
              *length = reader->end - reader->start;
              reader->start = reader->scan = reader->end;
              reader->n_records++;
              reader->consumed += *length;
              return TRUE;
            }
          return FALSE;
        }

      if (!reader_fill (reader, error))
        return FALSE;
    }
}

const char *
_uc_import_reader_peek (UcImportReader  *reader,
                        gsize            n,
                        gsize           *available,
                        GError         **error)
{
  while (reader->end - reader->start < n && !reader->eof)
    if (!reader_fill (reader, error))
      return NULL;
  *available = reader->end - reader->start;
  return reader->buf + reader->start;
}

goffset
_uc_import_reader_tell (UcImportReader *reader)
{
  if (reader->position != NULL)
    return g_seekable_tell (reader->position);
  return (goffset) reader->consumed;
}

gboolean
_uc_import_reader_open (UcImportReader  *reader,
                        UcImportContext *ctx,
                        GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (ctx->path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;
  GInputStream *stream;
  guint8 bom[3] = { 0 };
  gsize n_bom = 0;
  const char *from = NULL;
  goffset skip = 0;

  input = g_file_read (file, ctx->cancellable, &local_error);
  if (input == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (input), bom, sizeof bom, &n_bom,
                                ctx->cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not read “%s”: %s"), ctx->display_name, local_error->message);
      return FALSE;
    }

  if (n_bom >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
    skip = 3;
  else if (n_bom >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
    from = "UTF-16LE", skip = 2;
  else if (n_bom >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
    from = "UTF-16BE", skip = 2;

  if (!g_seekable_seek (G_SEEKABLE (input), skip, G_SEEK_SET, ctx->cancellable, &local_error))
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read “%s”: %s"), ctx->display_name, local_error->message);
      return FALSE;
    }

  if (from != NULL)
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", from, error);

      if (converter == NULL)
        return FALSE;
      g_charset_converter_set_use_fallback (converter, TRUE);
      stream = g_converter_input_stream_new (G_INPUT_STREAM (input), G_CONVERTER (converter));
    }
  else
    stream = G_INPUT_STREAM (g_object_ref (input));

  _uc_import_reader_init (reader, stream, G_SEEKABLE (input), ctx->cancellable);
  reader->display_name = g_strdup (ctx->display_name);
  /* The reader holds the converter stream, which holds the file stream
   * that position points at. */
  return TRUE;
}

/* ---- text ---- */

/* Windows-1252 for 0x80..0x9F; the holes keep their Latin-1 meaning. */
static const gunichar cp1252[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

const char *
_uc_import_to_utf8 (GString    *out,
                    const char *str,
                    gssize      len)
{
  const char *p, *end;

  if (len < 0)
    len = (gssize) strlen (str);
  if (g_utf8_validate (str, len, NULL) && str[len] == '\0')
    return str;

  g_string_truncate (out, 0);
  p = str;
  end = str + len;
  while (p < end)
    {
      const char *valid_end;
      guchar b;

      g_utf8_validate (p, end - p, &valid_end);
      g_string_append_len (out, p, valid_end - p);
      p = valid_end;
      if (p >= end)
        break;
      b = (guchar) *p++;
      if (b == 0)
        g_string_append_unichar (out, 0xFFFD);
      else if (b < 0x80)
        g_string_append_c (out, (char) b);
      else if (b < 0xA0)
        g_string_append_unichar (out, cp1252[b - 0x80]);
      else
        g_string_append_unichar (out, b);
    }
  return out->str;
}

/* ---- importing ---- */

static char *
file_checksum (UcImportContext  *ctx,
               GError          **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (READER_CHUNK);
  FILE *fp;
  gsize n;

  fp = g_fopen (ctx->path, "rb");
  if (fp == NULL)
    {
      int saved = errno;

      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read “%s”: %s"), ctx->display_name, g_strerror (saved));
      return NULL;
    }
  while ((n = fread (buf, 1, READER_CHUNK, fp)) > 0)
    {
      g_checksum_update (checksum, buf, n);
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        {
          fclose (fp);
          return NULL;
        }
    }
  if (ferror (fp))
    {
      int saved = errno;

      fclose (fp);
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read “%s”: %s"), ctx->display_name, g_strerror (saved));
      return NULL;
    }
  fclose (fp);
  return g_strdup (g_checksum_get_string (checksum));
}

static gint64
source_n_records (UcStore *store,
                  UcId     source_id)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, "SELECT n_records FROM source WHERE id = ?1", NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gboolean
uc_import_path (UcStore        *store,
                const char     *path,
                const char     *format,
                UcImportFlags   flags,
                UcImportResult *result,
                UcProgressFunc  progress,
                gpointer        progress_data,
                GCancellable   *cancellable,
                GError        **error)
{
  return uc_import_path_full (store, path, format, flags, NULL, result,
                              progress, progress_data, cancellable, error);
}

gboolean
uc_import_path_full (UcStore                *store,
                     const char             *path,
                     const char             *format,
                     UcImportFlags           flags,
                     const UcImportOptions  *options,
                     UcImportResult         *result,
                     UcProgressFunc          progress,
                     gpointer                progress_data,
                     GCancellable           *cancellable,
                     GError                **error)
{
  static const UcImportOptions no_options = { 0 };
  g_auto(UcImportContext) ctx = { 0 };
  g_auto(PathInfo) info = { 0 };
  g_autofree char *checksum = NULL;
  const UcImportFormat *fmt;
  gboolean already = FALSE;
  g_auto(UcImportResult) local_result = { 0 };

  g_return_val_if_fail (UC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (!uc_store_in_transaction (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result == NULL)
    result = &local_result;
  memset (result, 0, sizeof *result);

  ctx.store = store;
  ctx.path = path;
  ctx.abs_path = g_canonicalize_filename (path, NULL);
  ctx.display_name = g_filename_display_name (path);
  ctx.flags = flags;
  ctx.options = options != NULL ? options : &no_options;
  ctx.cancellable = cancellable;
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  ctx.warnings = g_ptr_array_new_with_free_func (g_free);
  ctx.identities = cache_new ();
  ctx.email_ids = cache_new ();
  ctx.agent_persons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* A column mapping is for the mapped CSV. */
  if (format == NULL && ctx.options->mapping_path != NULL)
    format = "csv-mapped";

  if (format != NULL)
    {
      fmt = find_format (format);
      if (fmt == NULL)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) uc_import_list_formats ());

          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                       _("Unknown format “%s” (known formats: %s)"), format, known);
          return FALSE;
        }
      if (!check_path (path, FALSE, &info, error))
        return FALSE;
      if (info.is_dir && (fmt->input & UC_IMPORT_INPUT_FOLDER) == 0)
        {
          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                       /* Translators: %s: a path, then a format name */
                       _("“%s” is a folder, but a file was expected (%s)"),
                       ctx.display_name, g_dgettext (GETTEXT_PACKAGE, fmt->name));
          return FALSE;
        }
      if (!info.is_dir && (fmt->input & UC_IMPORT_INPUT_FILE) == 0)
        {
          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                       /* Translators: %s: a path, then a format name */
                       _("“%s” is a file, but a folder was expected (%s)"),
                       ctx.display_name, g_dgettext (GETTEXT_PACKAGE, fmt->name));
          return FALSE;
        }
    }
  else
    {
      fmt = detect (path, NULL, error);
      if (fmt == NULL)
        return FALSE;
      if (!check_path (path, FALSE, &info, error))
        return FALSE;
    }

  ctx.format = fmt;
  ctx.size = info.size;

  _uc_import_progress (&ctx, 0.0, g_dgettext (GETTEXT_PACKAGE, fmt->name));

  checksum = fmt->checksum != NULL ? fmt->checksum (&ctx, error) : file_checksum (&ctx, error);
  if (checksum == NULL)
    return FALSE;

  if (!uc_store_begin (store, error))
    return FALSE;

  ctx.source_id = uc_store_add_source (store, fmt->id, ctx.abs_path, checksum, &already, error);
  if (ctx.source_id <= 0)
    goto failed;

  if (already)
    {
      uc_store_rollback (store);
      result->format = g_strdup (fmt->id);
      result->source_id = ctx.source_id;
      result->already_imported = TRUE;
      result->n_records = source_n_records (store, ctx.source_id);
      result->n_new = 0;
      result->warnings = g_ptr_array_new_with_free_func (g_free);
      return TRUE;
    }

  if (!fmt->import (&ctx, error))
    goto failed;

  /* Identities only the whole workspace can resolve (uc-identity.h). */
  if (!_uc_identity_resolve_automatic (store, NULL, error))
    goto failed;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  if (!uc_store_finish_source (store, ctx.source_id, ctx.n_records, ctx.warnings->len,
                               ctx.first_time, ctx.last_time, error))
    goto failed;

  if (!uc_store_commit (store, error))
    return FALSE;

  _uc_import_progress (&ctx, 1.0, NULL);

  result->format = g_strdup (fmt->id);
  result->source_id = ctx.source_id;
  result->n_records = ctx.n_records;
  result->n_new = ctx.n_new;
  result->warnings = g_steal_pointer (&ctx.warnings);
  return TRUE;

failed:
  uc_store_rollback (store);
  return FALSE;
}
