/* uc-github-json.c: streaming JSON records and GitHub value helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-github-json.h"

#define CHUNK_SIZE (64 * 1024)
#define DEFAULT_MAX_RECORD ((gsize) 256 * 1024 * 1024)
#define DEFAULT_MAX_DEPTH 512

enum
{
  ST_TOP,
  ST_ARRAY_FIRST,
  ST_ARRAY_NEXT,
  ST_OBJECT_FIRST,
  ST_OBJECT_NEXT,
};

/* ---- the splitter ---- */

void
_uc_github_splitter_init (UcGithubSplitter *sp,
                          GInputStream     *stream,
                          GSeekable        *position,
                          GCancellable     *cancellable)
{
  memset (sp, 0, sizeof *sp);
  sp->stream = stream;
  sp->position = position;
  sp->cancellable = cancellable;
  sp->alloc = CHUNK_SIZE * 2;
  sp->buf = g_malloc (sp->alloc);
  sp->line = 1;
  sp->state = ST_TOP;
  sp->after_array = ST_TOP;
  sp->max_record = DEFAULT_MAX_RECORD;
  sp->max_depth = DEFAULT_MAX_DEPTH;
}

void
_uc_github_splitter_clear (UcGithubSplitter *sp)
{
  g_clear_object (&sp->stream);
  g_clear_pointer (&sp->buf, g_free);
  g_clear_pointer (&sp->member, g_free);
  g_clear_pointer (&sp->problem, g_free);
  sp->position = NULL;
}

gboolean
_uc_github_splitter_open (UcGithubSplitter  *sp,
                          const char        *path,
                          const char        *display_name,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;
  GInputStream *stream;
  guint8 bom[3] = { 0 };
  gsize n_bom = 0;
  const char *from = NULL;
  goffset skip = 0;

  input = g_file_read (file, cancellable, &local_error);
  if (input == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (input), bom, sizeof bom, &n_bom,
                                cancellable, &local_error) ||
      !g_seekable_seek (G_SEEKABLE (input), 0, G_SEEK_SET, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not read “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }

  if (n_bom >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
    skip = 3;
  else if (n_bom >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
    from = "UTF-16LE", skip = 2;
  else if (n_bom >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
    from = "UTF-16BE", skip = 2;

  if (skip > 0 &&
      !g_seekable_seek (G_SEEKABLE (input), skip, G_SEEK_SET, cancellable, &local_error))
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }

  if (from != NULL)
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", from, &local_error);

      if (converter == NULL)
        {
          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                       _("Could not read “%s”: %s"), display_name, local_error->message);
          return FALSE;
        }
      g_charset_converter_set_use_fallback (converter, TRUE);
      stream = g_converter_input_stream_new (G_INPUT_STREAM (input), G_CONVERTER (converter));
    }
  else
    stream = G_INPUT_STREAM (g_object_ref (input));

  /* The stream holds the file stream that position points at. */
  _uc_github_splitter_init (sp, stream, G_SEEKABLE (input), cancellable);
  return TRUE;
}

static gboolean
fill (UcGithubSplitter  *sp,
      GError           **error)
{
  gssize n;

  if (sp->start > 0)
    {
      memmove (sp->buf, sp->buf + sp->start, sp->end - sp->start);
      sp->end -= sp->start;
      sp->start = 0;
    }
  if (sp->alloc - sp->end < CHUNK_SIZE)
    {
      sp->alloc *= 2;
      sp->buf = g_realloc (sp->buf, sp->alloc);
    }
  n = g_input_stream_read (sp->stream, sp->buf + sp->end, sp->alloc - sp->end,
                           sp->cancellable, error);
  if (n < 0)
    {
      if (error != NULL && *error != NULL &&
          !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) io_error = g_steal_pointer (error);

          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                       _("Could not read the file: %s"), io_error->message);
        }
      return FALSE;
    }
  if (n == 0)
    sp->eof = TRUE;
  sp->end += (gsize) n;
  return TRUE;
}

const char *
_uc_github_splitter_peek (UcGithubSplitter  *sp,
                          gsize              n,
                          gsize             *available,
                          GError           **error)
{
  while (sp->end - sp->start < n && !sp->eof)
    if (!fill (sp, error))
      return NULL;
  *available = sp->end - sp->start;
  return sp->buf + sp->start;
}

goffset
_uc_github_splitter_tell (UcGithubSplitter *sp)
{
  if (sp->position != NULL)
    return g_seekable_tell (sp->position);
  return (goffset) sp->consumed;
}

static void
advance (UcGithubSplitter *sp,
         gsize             n)
{
  const char *p = sp->buf + sp->start;
  const char *end = p + n;

  while ((p = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      sp->line++;
      p++;
    }
  sp->start += n;
  sp->consumed += n;
}

static UcGithubSplit
syntax (UcGithubSplitter *sp,
        guint64           line,
        char             *problem)
{
  g_free (sp->problem);
  sp->problem = problem;
  sp->problem_line = line;
  return UC_GITHUB_SPLIT_SYNTAX;
}

/* Skip white space. Returns the next byte (not consumed), -1 at the end,
 * -2 on a read error. */
static int
skip_space (UcGithubSplitter  *sp,
            GError           **error)
{
  for (;;)
    {
      gsize i = sp->start;

      while (i < sp->end && g_ascii_isspace (sp->buf[i]))
        i++;
      advance (sp, i - sp->start);
      if (sp->start < sp->end)
        return (guchar) sp->buf[sp->start];
      if (sp->eof)
        return -1;
      if (!fill (sp, error))
        return -2;
    }
}

static gboolean
is_delimiter (char c)
{
  return g_ascii_isspace (c) || c == ',' || c == ']' || c == '}' || c == ':';
}

/* Find the end of the value starting at buf[start] (not white space).
 * Its length goes to *len; nothing is consumed. */
static UcGithubSplit
scan_value (UcGithubSplitter  *sp,
            gsize             *len,
            GError           **error)
{
  char first = sp->buf[sp->start];
  gboolean container = first == '{' || first == '[';
  gboolean literal = !container && first != '"';
  gboolean in_string = first == '"';
  gboolean escaped = FALSE;
  guint depth = 0;
  gsize pos = in_string ? 1 : 0;

  for (;;)
    {
      const char *buf;
      gsize avail;

      if (sp->start + pos >= sp->end)
        {
          if (sp->eof)
            {
              if (literal && pos > 0)
                {
                  *len = pos;
                  return UC_GITHUB_SPLIT_RECORD;
                }
              return syntax (sp, sp->line,
                             g_strdup_printf (_("the document ends in the middle of record %" G_GUINT64_FORMAT " (it is truncated)"),
                                              sp->n_records + 1));
            }
          if (pos > sp->max_record)
            return syntax (sp, sp->line,
                           g_strdup_printf (_("a record is larger than %u MiB"),
                                            (guint) (sp->max_record / (1024 * 1024))));
          if (!fill (sp, error))
            return UC_GITHUB_SPLIT_ERROR;
          continue;
        }

      buf = sp->buf + sp->start;
      avail = sp->end - sp->start;

      while (pos < avail)
        {
          char c;

          if (in_string && !escaped)
            {
              /* Most of a record is string contents: jump to the closing
               * quote, or to the first backslash before it. */
              const char *quote = memchr (buf + pos, '"', avail - pos);
              gsize stop = quote != NULL ? (gsize) (quote - buf) : avail;
              const char *backslash = memchr (buf + pos, '\\', stop - pos);

              pos = backslash != NULL ? (gsize) (backslash - buf) : stop;
              if (pos >= avail)
                break;
            }
          c = buf[pos];
          if (in_string)
            {
              if (escaped)
                escaped = FALSE;
              else if (c == '\\')
                escaped = TRUE;
              else if (c == '"')
                {
                  in_string = FALSE;
                  if (depth == 0)
                    {
                      *len = pos + 1;
                      return UC_GITHUB_SPLIT_RECORD;
                    }
                }
              pos++;
              continue;
            }
          if (literal)
            {
              if (is_delimiter (c) || c == '{' || c == '[' || c == '"')
                {
                  if (pos == 0)
                    return syntax (sp, sp->line,
                                   g_strdup_printf (_("unexpected “%c”"), c));
                  *len = pos;
                  return UC_GITHUB_SPLIT_RECORD;
                }
              pos++;
              continue;
            }
          switch (c)
            {
            case '"':
              in_string = TRUE;
              break;
            case '{':
            case '[':
              if (++depth > sp->max_depth)
                return syntax (sp, sp->line,
                               g_strdup_printf (_("a record is nested more than %u levels deep"),
                                                sp->max_depth));
              break;
            case '}':
            case ']':
              if (depth > 0 && --depth == 0)
                {
                  *len = pos + 1;
                  return UC_GITHUB_SPLIT_RECORD;
                }
              break;
            default:
              break;
            }
          pos++;
        }
    }
}

static UcGithubSplit
yield (UcGithubSplitter *sp,
       UcGithubRecord   *record,
       gsize             len)
{
  sp->pending = len;
  record->text = sp->buf + sp->start;
  record->len = len;
  record->member = sp->member;
  record->index = ++sp->n_records;
  record->line = sp->line;
  return UC_GITHUB_SPLIT_RECORD;
}

static UcGithubSplit
truncated (UcGithubSplitter *sp,
           const char       *what)
{
  return syntax (sp, sp->line,
                 /* Translators: %s is "]" or "}" */
                 g_strdup_printf (_("the document ends before its closing “%s” (it is truncated)"),
                                  what));
}

UcGithubSplit
_uc_github_splitter_next (UcGithubSplitter  *sp,
                          UcGithubRecord    *record,
                          GError           **error)
{
  UcGithubSplit status;
  gsize len = 0;
  int c;

  /* The previous record stays in the buffer until now. */
  advance (sp, sp->pending);
  sp->pending = 0;
  memset (record, 0, sizeof *record);

  for (;;)
    {
      c = skip_space (sp, error);
      if (c == -2)
        return UC_GITHUB_SPLIT_ERROR;

      switch (sp->state)
        {
        case ST_TOP:
          g_clear_pointer (&sp->member, g_free);
          if (c == -1)
            return UC_GITHUB_SPLIT_END;
          if (c == '[')
            {
              advance (sp, 1);
              sp->after_array = ST_TOP;
              sp->state = ST_ARRAY_FIRST;
              continue;
            }
          if (c == '{' && sp->members)
            {
              advance (sp, 1);
              sp->state = ST_OBJECT_FIRST;
              continue;
            }
          if (c == '{')
            {
              status = scan_value (sp, &len, error);
              if (status != UC_GITHUB_SPLIT_RECORD)
                return status;
              return yield (sp, record, len);
            }
          if (c == ',' && sp->n_records > 0)
            {
              /* Objects written one after the other with commas. */
              advance (sp, 1);
              continue;
            }
          return syntax (sp, sp->line,
                         g_ascii_isprint (c)
                         ? g_strdup_printf (_("expected a JSON object or list, found “%c”"), c)
                         : g_strdup_printf (_("expected a JSON object or list, found the byte 0x%02X"), c));

        case ST_ARRAY_FIRST:
        case ST_ARRAY_NEXT:
          if (c == -1)
            return truncated (sp, "]");
          if (c == ']')
            {
              advance (sp, 1);
              sp->state = sp->after_array;
              if (sp->state == ST_OBJECT_NEXT)
                g_clear_pointer (&sp->member, g_free);
              continue;
            }
          if (sp->state == ST_ARRAY_NEXT)
            {
              if (c != ',')
                return syntax (sp, sp->line,
                               g_strdup_printf (_("expected “,” or “]” after record %" G_GUINT64_FORMAT),
                                                sp->n_records));
              advance (sp, 1);
              c = skip_space (sp, error);
              if (c == -2)
                return UC_GITHUB_SPLIT_ERROR;
              if (c == -1)
                return truncated (sp, "]");
              if (c == ']')
                continue;   /* a trailing comma */
            }
          status = scan_value (sp, &len, error);
          if (status != UC_GITHUB_SPLIT_RECORD)
            return status;
          sp->state = ST_ARRAY_NEXT;
          return yield (sp, record, len);

        case ST_OBJECT_FIRST:
        case ST_OBJECT_NEXT:
          if (c == -1)
            return truncated (sp, "}");
          if (c == '}')
            {
              advance (sp, 1);
              sp->state = ST_TOP;
              continue;
            }
          if (sp->state == ST_OBJECT_NEXT)
            {
              if (c != ',')
                return syntax (sp, sp->line, g_strdup (_("expected “,” or “}” between members")));
              advance (sp, 1);
              c = skip_space (sp, error);
              if (c == -2)
                return UC_GITHUB_SPLIT_ERROR;
              if (c == -1)
                return truncated (sp, "}");
            }
          if (c != '"')
            return syntax (sp, sp->line, g_strdup (_("expected the name of a member")));
          status = scan_value (sp, &len, error);
          if (status != UC_GITHUB_SPLIT_RECORD)
            return status;
          g_free (sp->member);
          sp->member = g_strndup (sp->buf + sp->start + 1, len - 2);
          advance (sp, len);
          c = skip_space (sp, error);
          if (c == -2)
            return UC_GITHUB_SPLIT_ERROR;
          if (c == -1)
            return truncated (sp, "}");
          if (c != ':')
            return syntax (sp, sp->line,
                           g_strdup_printf (_("expected “:” after the member name “%s”"), sp->member));
          advance (sp, 1);
          c = skip_space (sp, error);
          if (c == -2)
            return UC_GITHUB_SPLIT_ERROR;
          if (c == -1)
            return truncated (sp, "}");
          sp->state = ST_OBJECT_NEXT;
          if (c == '[')
            {
              advance (sp, 1);
              sp->after_array = ST_OBJECT_NEXT;
              sp->state = ST_ARRAY_FIRST;
              continue;
            }
          status = scan_value (sp, &len, error);
          if (status != UC_GITHUB_SPLIT_RECORD)
            return status;
          return yield (sp, record, len);

        default:
          g_assert_not_reached ();
        }
    }
}

/* ---- values ---- */

gboolean
_uc_github_parse_time (const char *text,
                       UcTime     *time)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return FALSE;
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *time = g_date_time_to_unix (dt);
  return TRUE;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.';
}

/* A path segment [start, end) of @path, or FALSE. */
static gboolean
segment (const char  *path,
         guint        index,
         const char **start,
         gsize       *len)
{
  const char *p = path;

  for (guint i = 0; ; i++)
    {
      const char *e = p;

      while (*e != '\0' && *e != '/' && *e != '?' && *e != '#')
        e++;
      if (i == index)
        {
          *start = p;
          *len = (gsize) (e - p);
          return e > p;
        }
      if (*e != '/')
        return FALSE;
      p = e + 1;
    }
}

static gboolean
valid_name (const char *s,
            gsize       len)
{
  if (len == 0 || len > 100)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!is_name_char (s[i]))
      return FALSE;
  return !(len == 1 && s[0] == '.') && !(len == 2 && s[0] == '.' && s[1] == '.');
}

static gint64
parse_number (const char *s,
              gsize       len)
{
  gint64 n = 0;

  if (len == 0 || len > 15)
    return 0;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return 0;
      n = n * 10 + (s[i] - '0');
    }
  return n;
}

gboolean
_uc_github_parse_url (const char  *url,
                      char       **repo,
                      gint64      *number,
                      char       **anchor)
{
  const char *path, *hash, *owner, *name, *kind, *num;
  gsize owner_len, name_len, kind_len, num_len;
  guint base = 0;

  *repo = NULL;
  *number = 0;
  if (anchor != NULL)
    *anchor = NULL;
  if (url == NULL)
    return FALSE;

  path = strstr (url, "://");
  if (path == NULL)
    return FALSE;
  path = strchr (path + 3, '/');
  if (path == NULL)
    return FALSE;
  path++;

  /* API: repos/O/R/…, api/v3/repos/O/R/… (GitHub Enterprise). */
  if (g_str_has_prefix (path, "repos/"))
    base = 1;
  else if (g_str_has_prefix (path, "api/v3/repos/"))
    base = 3;

  if (!segment (path, base, &owner, &owner_len) ||
      !segment (path, base + 1, &name, &name_len) ||
      !valid_name (owner, owner_len) || !valid_name (name, name_len))
    return FALSE;
  if (name_len > 4 && g_ascii_strncasecmp (name + name_len - 4, ".git", 4) == 0)
    name_len -= 4;

  if (segment (path, base + 2, &kind, &kind_len) &&
      segment (path, base + 3, &num, &num_len) &&
      ((kind_len == 6 && memcmp (kind, "issues", 6) == 0) ||
       (kind_len == 5 && memcmp (kind, "pulls", 5) == 0) ||
       (kind_len == 4 && memcmp (kind, "pull", 4) == 0)))
    *number = parse_number (num, num_len);

  *repo = g_strdup_printf ("%.*s/%.*s", (int) owner_len, owner, (int) name_len, name);
  hash = strchr (path, '#');
  if (anchor != NULL && hash != NULL && hash[1] != '\0')
    *anchor = g_strdup (hash + 1);
  return TRUE;
}

gint64
_uc_github_anchor_id (const char *anchor,
                      const char *prefix)
{
  gsize plen;

  if (anchor == NULL || !g_str_has_prefix (anchor, prefix))
    return 0;
  plen = strlen (prefix);
  return parse_number (anchor + plen, strlen (anchor + plen));
}

/* A MessagePack unsigned integer at *p (advancing it), or -1. */
static gint64
msgpack_uint (const guint8 **p,
              const guint8  *end)
{
  const guint8 *q = *p;
  guint8 tag;
  guint n;
  guint64 v = 0;

  if (q >= end)
    return -1;
  tag = *q++;
  if (tag <= 0x7f)
    {
      *p = q;
      return tag;
    }
  switch (tag)
    {
    case 0xcc: n = 1; break;
    case 0xcd: n = 2; break;
    case 0xce: n = 4; break;
    case 0xcf: n = 8; break;
    default: return -1;
    }
  if ((gsize) (end - q) < n)
    return -1;
  for (guint i = 0; i < n; i++)
    v = (v << 8) | q[i];
  if (v > G_MAXINT64)
    return -1;
  *p = q + n;
  return (gint64) v;
}

gint64
_uc_github_node_database_id (const char *node_id)
{
  const char *underscore;
  g_autofree char *b64 = NULL;
  g_autofree guint8 *raw = NULL;
  gsize len, raw_len = 0;

  if (node_id == NULL || (len = strlen (node_id)) < 4 || len > 200)
    return 0;

  underscore = strchr (node_id, '_');
  if (underscore != NULL && underscore > node_id && underscore - node_id <= 8)
    {
      /* Current ids: PREFIX_ + base64url (no padding) of MessagePack. */
      const guint8 *p, *end;
      gint64 last = -1;
      guint count;

      b64 = g_strdup (underscore + 1);
      for (char *c = b64; *c != '\0'; c++)
        {
          if (*c == '-')
            *c = '+';
          else if (*c == '_')
            *c = '/';
          else if (!g_ascii_isalnum (*c))
            return 0;
        }
      len = strlen (b64);
      if (len % 4 == 1)
        return 0;
      while (len % 4 != 0)
        {
          char *grown = g_strconcat (b64, "=", NULL);

          g_free (b64);
          b64 = grown;
          len++;
        }
      raw = g_base64_decode (b64, &raw_len);
      p = raw;
      end = raw + raw_len;
      if (raw_len < 2 || (p[0] & 0xf0) != 0x90)
        return 0;
      count = p[0] & 0x0f;
      p++;
      if (count < 2)
        return 0;
      for (guint i = 0; i < count; i++)
        {
          last = msgpack_uint (&p, end);
          if (last < 0)
            return 0;
        }
      return p == end ? last : 0;
    }

  /* Legacy ids: base64 of "NNN:TypeName12345". */
  for (const char *c = node_id; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '+' && *c != '/' && *c != '=')
      return 0;
  if (len % 4 != 0)
    return 0;
  raw = g_base64_decode (node_id, &raw_len);
  {
    const char *text = (const char *) raw;
    gsize i = 0, digits_end;

    while (i < raw_len && g_ascii_isdigit (text[i]))
      i++;
    if (i == 0 || i >= raw_len || text[i] != ':')
      return 0;
    i++;
    if (i >= raw_len || !g_ascii_isalpha (text[i]))
      return 0;
    while (i < raw_len && g_ascii_isalpha (text[i]))
      i++;
    digits_end = i;
    while (digits_end < raw_len && g_ascii_isdigit (text[digits_end]))
      digits_end++;
    if (digits_end != raw_len || digits_end == i)
      return 0;
    return parse_number (text + i, digits_end - i);
  }
}

static void
add_unique (GPtrArray *keys,
            char      *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      {
        g_free (key);
        return;
      }
  g_ptr_array_add (keys, key);
}

void
_uc_github_branch_issue_keys (const char *branch,
                              GPtrArray  *keys)
{
  const char *last;
  gsize i = 0;
  gint64 n;

  if (branch == NULL)
    return;
  last = strrchr (branch, '/');
  if (last != NULL && last[1] != '\0')
    {
      /* issue/123 */
      if (last - branch >= 5 && g_ascii_strncasecmp (last - 5, "issue", 5) == 0 &&
          (last - 5 == branch || last[-6] == '/' || last[-6] == '-' || last[-6] == '_'))
        {
          n = parse_number (last + 1, strspn (last + 1, "0123456789"));
          if (n > 0 && last[1 + strspn (last + 1, "0123456789")] == '\0')
            {
              add_unique (keys, g_strdup_printf ("#%" G_GINT64_FORMAT, n));
              return;
            }
        }
      branch = last + 1;
    }

  /* 123-slug (GitHub's "create a branch" for an issue) */
  while (g_ascii_isdigit (branch[i]))
    i++;
  if (i > 0 && (branch[i] == '-' || branch[i] == '_') && (n = parse_number (branch, i)) > 0)
    {
      add_unique (keys, g_strdup_printf ("#%" G_GINT64_FORMAT, n));
      return;
    }

  /* issue-123, issue_123, gh-123 (with more after a separator) */
  for (const char *p = branch; *p != '\0'; p++)
    {
      gsize plen = 0;

      if (p != branch && is_name_char (p[-1]) && p[-1] != '-' && p[-1] != '_' && p[-1] != '.')
        continue;
      if (g_ascii_strncasecmp (p, "issue", 5) == 0)
        plen = 5;
      else if (g_ascii_strncasecmp (p, "gh", 2) == 0)
        plen = 2;
      else
        continue;
      if (p[plen] != '-' && p[plen] != '_')
        continue;
      i = strspn (p + plen + 1, "0123456789");
      if (i == 0 || (p[plen + 1 + i] != '\0' && p[plen + 1 + i] != '-' && p[plen + 1 + i] != '_'))
        continue;
      n = parse_number (p + plen + 1, i);
      if (n > 0)
        {
          add_unique (keys, g_strdup_printf ("#%" G_GINT64_FORMAT, n));
          return;
        }
    }
}

void
_uc_github_collect_url_keys (const char *text,
                             GPtrArray  *keys)
{
  const char *p = text;

  if (text == NULL)
    return;
  while ((p = strstr (p, "github.com/")) != NULL)
    {
      const char *owner = p + strlen ("github.com/");
      const char *name, *kind, *num;
      gsize owner_len, name_len, num_len;

      p = owner;
      owner_len = strspn (owner, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
      if (owner[owner_len] != '/')
        continue;
      name = owner + owner_len + 1;
      name_len = strspn (name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
      if (name[name_len] != '/')
        continue;
      kind = name + name_len + 1;
      if (g_str_has_prefix (kind, "issues/"))
        num = kind + 7;
      else if (g_str_has_prefix (kind, "pull/"))
        num = kind + 5;
      else
        continue;
      num_len = strspn (num, "0123456789");
      if (!valid_name (owner, owner_len) || !valid_name (name, name_len) ||
          num_len == 0 || num_len > 10 || is_name_char (num[num_len]))
        continue;
      if (parse_number (num, num_len) <= 0)
        continue;
      add_unique (keys, g_strdup_printf ("%.*s/%.*s#%.*s", (int) owner_len, owner,
                                         (int) name_len, name, (int) num_len, num));
      p = num + num_len;
    }
}
