/* uc-git-import.c: git history, from a repository or from a log file.
 *
 * Two formats:
 *
 *   git-repo  a repository folder, bare or not (shallow clones too). The
 *             `git` program (uc-spawn.h, never a shell) counts the commits,
 *             then `git log` runs and its NUL-separated output is read as a
 *             stream; a long history is read by two `git log`s at once
 *             (below, "one `git log`, or two at once").
 *   git-log   a file: our export (below), or the classic text of
 *             `git log --raw --numstat --pretty=fuller --decorate=full
 *             --parents -M -C -c` (Perceval's format).
 *
 * THE EXPORT A CLIENT RUNS, in their clone (a POSIX shell; Git Bash on
 * Windows), without sharing any code:
 *
 *   git log --branches --remotes --tags -z --root --raw --numstat -M \
 *     --date=raw --no-color --no-ext-diff --no-textconv --no-show-signature \
 *     --encoding=UTF-8 \
 *     --format='UCGITLOG1%x00%H%x00%P%x00%aN%x00%aE%x00%ad%x00%cN%x00%cE%x00%cd%x00%s%x00%b%x00' \
 *     --output=REPOSITORY.uclog
 *
 * It is exactly what the git-repo importer runs (plus HEAD when it points at
 * a commit). --output avoids shell redirection, which on Windows PowerShell
 * would re-encode the bytes. The repository is named after the file
 * (REPOSITORY.uclog → "REPOSITORY"). The file holds commit messages (only
 * used at import to derive flags and ticket keys, never stored) and file
 * paths with line counts, never file contents.
 *
 * Record layout (-z: every field ends with a NUL): "UCGITLOG1" (the marker
 * detection looks for), sha, parent shas (space-separated), author name and
 * e-mail (.mailmap applied), author date ("seconds ±hhmm"), committer name,
 * e-mail and date, subject, body; then an empty field, and for each changed
 * file a raw entry (":modes shas STATUS", then the path, or old and new path
 * for a rename/copy) followed, in the same order, by numstat entries
 * ("added<TAB>deleted<TAB>path", "-<TAB>-<TAB>path" for binary files, or
 * "added<TAB>deleted<TAB>" then old and new path for a rename/copy). Names,
 * paths and messages may contain any byte but NUL, so nothing is ever split
 * on a printable separator. Merges carry no file entries.
 *
 * What is stored per commit: author and committer identities (kind
 * "email", lower-cased; people are merged on an exact e-mail match and
 * named after the author name; bots and AI accounts are flagged agents),
 * times and time-zone offsets, the number of parents, the lengths of the
 * subject and body in characters, is_revert (a revert marker in the
 * subject, or "This reverts commit" in the body), is_fix (a fix marker in
 * the subject of a commit that is not a revert), ai_assisted (a
 * Co-authored-by trailer naming an AI assistant, who also becomes an agent
 * person), ticket keys as links (via "subject", "trailer" or "body"), and
 * one file change per file (renames and copies with their old path).
 * Merges get file changes only for the files a combined diff ("::" lines)
 * shows them changing themselves; their first-parent numstat is the merged
 * branch's work, already counted in that branch's commits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#ifdef G_OS_UNIX
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "uc-import-private.h"
#include "uc-spawn.h"

#define GIT_MARKER "UCGITLOG1"
#define GIT_MARKER_LEN (sizeof GIT_MARKER - 1)
#define GIT_FORMAT_ARG \
  "--format=" GIT_MARKER "%x00%H%x00%P%x00%aN%x00%aE%x00%ad%x00%cN%x00%cE%x00%cd%x00%s%x00%b%x00"

/* Header fields after the marker. */
enum
{
  FIELD_SHA,
  FIELD_PARENTS,
  FIELD_AUTHOR_NAME,
  FIELD_AUTHOR_EMAIL,
  FIELD_AUTHOR_DATE,
  FIELD_COMMITTER_NAME,
  FIELD_COMMITTER_EMAIL,
  FIELD_COMMITTER_DATE,
  FIELD_SUBJECT,
  FIELD_BODY,
  N_FIELDS
};

static const char * const git_log_options[] = {
  "-z", "--root", "--raw", "--numstat", "-M", "--date=raw", "--no-color",
  "--no-ext-diff", "--no-textconv", "--no-show-signature", "--encoding=UTF-8",
  GIT_FORMAT_ARG,
};

static const char * const git_revs[] = { "--branches", "--remotes", "--tags" };

#define NO_PATH G_MAXSIZE

typedef struct
{
  char      kind;          /* UcChangeKind */
  gboolean  combined;      /* a "::" line: a merge's own change */
  gboolean  used;
  gsize     old_path;      /* offset in the pool, or NO_PATH */
  gsize     new_path;
} RawEntry;

typedef struct
{
  gint64    added;
  gint64    deleted;
  gboolean  binary;
  gboolean  used;
  gsize     old_path;      /* NUL format: explicit old path of a rename, or NO_PATH */
  gsize     path;          /* NUL format: the (new) path; classic: the text as printed */
} StatEntry;

typedef struct
{
  gboolean  active;
  guint64   where;         /* classic: line of "commit"; NUL: record number */
  GString  *sha;
  GString  *author_name;
  GString  *author_email;
  GString  *committer_name;
  GString  *committer_email;
  GString  *subject;
  GString  *body;
  gboolean  has_author;
  gboolean  has_committer;
  gboolean  has_author_date;
  gboolean  has_commit_date;
  gboolean  subject_done;  /* classic: the first paragraph is over */
  UcTime    author_time;
  UcTime    commit_time;
  int       author_tz;
  int       commit_tz;
  int       n_parents;     /* -1: not known yet */
  GArray   *raw;           /* RawEntry */
  GArray   *stats;         /* StatEntry */
  GString  *pool;          /* NUL-separated paths */
} GitCommit;

typedef struct
{
  UcImportContext *ctx;                /* borrowed */
  UcId             repo_id;
  gboolean         classic;            /* paths in stats are printed text */
  gboolean         saw_parent_lists;   /* classic: commit lines carry parents */
  gint64           total_commits;      /* for progress, 0: use the file position */
  UcChild          count_proc;         /* owned: git rev-list --count (pid 0: none) */
  GString         *count_buf;          /* owned: its output so far */
  gboolean         count_done;
  GHashTable      *files;              /* owned: raw path → CachedFile */
  GString         *utf8_a;             /* scratch */
  GString         *utf8_b;
  GString         *path_a;
  GString         *path_b;
  GString         *header;             /* NUL format: one commit's header fields */
  GPtrArray       *keys;               /* char *: ticket keys of one commit */
  guint64          nul_records;        /* NUL format: records read so far (all streams) */
  GitCommit        commit;
} GitImporter;

typedef struct
{
  UcId id;
  char path[];
} CachedFile;

/* ---- importer state ---- */

static void
git_commit_init (GitCommit *c)
{
  c->sha = g_string_new (NULL);
  c->author_name = g_string_new (NULL);
  c->author_email = g_string_new (NULL);
  c->committer_name = g_string_new (NULL);
  c->committer_email = g_string_new (NULL);
  c->subject = g_string_new (NULL);
  c->body = g_string_new (NULL);
  c->raw = g_array_new (FALSE, FALSE, sizeof (RawEntry));
  c->stats = g_array_new (FALSE, FALSE, sizeof (StatEntry));
  c->pool = g_string_new (NULL);
}

static void
git_commit_reset (GitCommit *c,
                  guint64    where)
{
  c->active = TRUE;
  c->where = where;
  g_string_truncate (c->sha, 0);
  g_string_truncate (c->author_name, 0);
  g_string_truncate (c->author_email, 0);
  g_string_truncate (c->committer_name, 0);
  g_string_truncate (c->committer_email, 0);
  g_string_truncate (c->subject, 0);
  g_string_truncate (c->body, 0);
  c->has_author = c->has_committer = FALSE;
  c->has_author_date = c->has_commit_date = FALSE;
  c->subject_done = FALSE;
  c->author_time = c->commit_time = 0;
  c->author_tz = c->commit_tz = 0;
  c->n_parents = -1;
  g_array_set_size (c->raw, 0);
  g_array_set_size (c->stats, 0);
  g_string_truncate (c->pool, 0);
}

static void
git_commit_clear (GitCommit *c)
{
  if (c->sha == NULL)
    return;
  g_string_free (c->sha, TRUE);
  g_string_free (c->author_name, TRUE);
  g_string_free (c->author_email, TRUE);
  g_string_free (c->committer_name, TRUE);
  g_string_free (c->committer_email, TRUE);
  g_string_free (c->subject, TRUE);
  g_string_free (c->body, TRUE);
  g_array_unref (c->raw);
  g_array_unref (c->stats);
  g_string_free (c->pool, TRUE);
  memset (c, 0, sizeof *c);
}

static void
git_importer_init (GitImporter     *imp,
                   UcImportContext *ctx)
{
  memset (imp, 0, sizeof *imp);
  imp->ctx = ctx;
  /* No count process: uc_child_wait() would close a zero fd (stdin). */
  imp->count_proc.stdout_fd = -1;
  imp->files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  imp->utf8_a = g_string_new (NULL);
  imp->utf8_b = g_string_new (NULL);
  imp->path_a = g_string_new (NULL);
  imp->path_b = g_string_new (NULL);
  imp->header = g_string_new (NULL);
  imp->keys = g_ptr_array_new_with_free_func (g_free);
  git_commit_init (&imp->commit);
}

static void
git_importer_clear (GitImporter *imp)
{
  g_clear_pointer (&imp->files, g_hash_table_unref);
  if (imp->utf8_a != NULL)
    {
      g_string_free (imp->utf8_a, TRUE);
      g_string_free (imp->utf8_b, TRUE);
      g_string_free (imp->path_a, TRUE);
      g_string_free (imp->path_b, TRUE);
      g_string_free (imp->header, TRUE);
      imp->utf8_a = imp->utf8_b = imp->path_a = imp->path_b = imp->header = NULL;
    }
  g_clear_pointer (&imp->keys, g_ptr_array_unref);
  git_commit_clear (&imp->commit);
  uc_child_wait (&imp->count_proc, !imp->count_done);
  if (imp->count_buf != NULL)
    g_string_free (g_steal_pointer (&imp->count_buf), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GitImporter, git_importer_clear)

static gsize
pool_add (GitCommit  *c,
          const char *str,
          gsize       len)
{
  gsize offset = c->pool->len;

  g_string_append_len (c->pool, str, (gssize) len);
  g_string_append_c (c->pool, '\0');
  return offset;
}

static inline const char *
pool_get (GitCommit *c,
          gsize      offset)
{
  return offset == NO_PATH ? NULL : c->pool->str + offset;
}

/* ---- small parsers (they return a translated problem, or NULL) ---- */

/* Printable excerpt of bad input for an error message. */
static char *
excerpt (const char *text,
         gsize       len)
{
  g_autofree char *copy = g_strndup (text, MIN (len, 200));
  g_autoptr(GString) valid = g_string_new (NULL);
  GString *out = g_string_new (NULL);
  const char *utf8 = _uc_import_to_utf8 (valid, copy, -1);
  glong n = 0;
  const char *p;

  for (p = utf8; *p != '\0' && n < 48; p = g_utf8_next_char (p), n++)
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '\t')
        g_string_append (out, "\\t");
      else if (g_unichar_iscntrl (ch))
        g_string_append_printf (out, "\\x%02x", (guint) ch);
      else
        g_string_append_unichar (out, ch);
    }
  if (*p != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static gboolean
is_hex_sha (const char *s,
            gsize       len)
{
  if (len != 40 && len != 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* "+0130" / "-0800" (or "+01:30") → minutes east of UTC. */
static gboolean
parse_tz (const char *s,
          gsize       len,
          int        *minutes)
{
  int sign, hh, mm;

  if (len == 6 && s[3] == ':')
    {
      char compact[5] = { s[0], s[1], s[2], s[4], s[5] };

      return parse_tz (compact, 5, minutes);
    }
  if (len != 5 || (s[0] != '+' && s[0] != '-'))
    return FALSE;
  for (guint i = 1; i < 5; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  sign = s[0] == '-' ? -1 : 1;
  hh = (s[1] - '0') * 10 + (s[2] - '0');
  mm = (s[3] - '0') * 10 + (s[4] - '0');
  /* Git keeps whatever offset a commit claims; keep plausible ones. */
  if (mm >= 60 || hh > 18)
    *minutes = 0;
  else
    *minutes = sign * (hh * 60 + mm);
  return TRUE;
}

/* --date=raw: "1392185439 -0800". */
static char *
parse_raw_date (const char *s,
                gsize       len,
                UcTime     *time,
                int        *tz)
{
  g_autofree char *copy = g_strndup (s, len);
  char *space, *end = NULL;
  gint64 secs;

  space = strchr (copy, ' ');
  if (space == NULL || space == copy)
    goto bad;
  *space = '\0';
  secs = g_ascii_strtoll (copy, &end, 10);
  if (end == copy || *end != '\0' || (*copy != '-' && !g_ascii_isdigit (*copy)))
    goto bad;
  if (!parse_tz (space + 1, strlen (space + 1), tz))
    goto bad;
  *time = secs;
  return NULL;

bad:
  {
    g_autofree char *text = excerpt (s, len);

    return g_strdup_printf (_("“%s” is not a date (expected seconds and a time zone, e.g. “1392185439 -0800”)"),
                            text);
  }
}

static int
month_of (const char *word)
{
  static const char * const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  };

  if (strlen (word) < 3)
    return 0;
  for (int i = 0; i < 12; i++)
    if (g_ascii_strncasecmp (word, months[i], 3) == 0)
      return i + 1;
  return 0;
}

static gboolean
is_weekday (const char *word)
{
  static const char * const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
  gsize len = strlen (word);

  if (len < 3 || len > 9)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    if (g_ascii_strncasecmp (word, days[i], 3) == 0)
      return TRUE;
  return FALSE;
}

/* The dates `git log` prints: default ("Tue Feb 11 22:10:39 2014 -0800"),
 * --date=rfc ("Tue, 11 Feb 2014 22:10:39 -0800"), iso ("2014-02-11
 * 22:10:39 -0800"), iso-strict ("2014-02-11T22:10:39-08:00") and raw. */
static char *
parse_text_date (const char *s,
                 gsize       len,
                 UcTime     *time,
                 int        *tz)
{
  g_autofree char *copy = g_strndup (s, len);
  g_auto(GStrv) words = NULL;
  int year = -1, month = 0, day = -1, hour = -1, minute = -1, second = -1;
  gboolean have_tz = FALSE;
  g_autoptr(GDateTime) dt = NULL;

  g_strstrip (copy);
  *tz = 0;

  /* raw */
  if (g_ascii_isdigit (copy[0]) && strchr (copy, ' ') != NULL &&
      strspn (copy, "0123456789") == (gsize) (strchr (copy, ' ') - copy))
    return parse_raw_date (copy, strlen (copy), time, tz);

  /* iso and iso-strict */
  if (strlen (copy) >= 19 && g_ascii_isdigit (copy[0]) && copy[4] == '-' && copy[7] == '-' &&
      (copy[10] == ' ' || copy[10] == 'T'))
    {
      char *rest;

      if (sscanf (copy, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
          sscanf (copy + 11, "%2d:%2d:%2d", &hour, &minute, &second) != 3)
        goto bad;
      rest = copy + 19;
      while (*rest == ' ')
        rest++;
      if (*rest == 'Z')
        have_tz = TRUE;
      else if (*rest != '\0')
        {
          if (!parse_tz (rest, strlen (rest), tz))
            goto bad;
          have_tz = TRUE;
        }
    }
  else
    {
      words = g_strsplit_set (copy, " ,", -1);
      for (guint i = 0; words[i] != NULL; i++)
        {
          const char *w = words[i];
          gsize wl = strlen (w);

          if (wl == 0)
            continue;
          if ((w[0] == '+' || w[0] == '-') && wl == 5)
            {
              if (!parse_tz (w, wl, tz))
                goto bad;
              have_tz = TRUE;
            }
          else if (strchr (w, ':') != NULL)
            {
              if (sscanf (w, "%2d:%2d:%2d", &hour, &minute, &second) != 3)
                goto bad;
            }
          else if (g_ascii_isdigit (w[0]))
            {
              if (strspn (w, "0123456789") != wl)
                goto bad;
              if (wl == 4 && year < 0)
                year = atoi (w);
              else if (wl <= 2 && day < 0)
                day = atoi (w);
              else
                goto bad;
            }
          else if (g_ascii_isalpha (w[0]))
            {
              int m = month_of (w);

              /* A month name, or a weekday (ignored). */
              if (m > 0 && month == 0 && wl <= 9)
                month = m;
              else if (!is_weekday (w))
                goto bad;
            }
          else
            goto bad;
        }
    }

  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
    goto bad;
  dt = g_date_time_new_utc (year, month, day, hour, minute, MIN (second, 59));
  if (dt == NULL)
    goto bad;
  if (!have_tz)
    *tz = 0;
  *time = g_date_time_to_unix (dt) - (UcTime) *tz * 60;
  return NULL;

bad:
  {
    g_autofree char *text = excerpt (s, len);

    return g_strdup_printf (_("“%s” is not a date"), text);
  }
}

/* "12", "-" (binary). */
static gboolean
parse_count (const char *s,
             gsize       len,
             gint64     *value,
             gboolean   *binary)
{
  gint64 v = 0;

  if (len == 1 && s[0] == '-')
    {
      *value = 0;
      *binary = TRUE;
      return TRUE;
    }
  if (len == 0 || len > 12)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *value = v;
  return TRUE;
}

/* The part of a raw entry before its paths: ":100644 100644 abc def M" or,
 * for a merge's combined diff, "::100644 100644 100644 abc def ghi MM". */
static char *
parse_raw_meta (const char *s,
                gsize       len,
                char       *kind,
                gboolean   *combined,
                gboolean   *two_paths)
{
  guint colons = 0;
  const char *status;
  gsize status_len;
  guint n_words = 0;
  gboolean all_a = TRUE, all_d = TRUE;

  while (colons < len && s[colons] == ':')
    colons++;
  status = s + len;
  while (status > s && status[-1] != ' ')
    status--;
  status_len = (gsize) (s + len - status);

  for (gsize i = colons; i < len; i++)
    if (s[i] != ' ' && (i == colons || s[i - 1] == ' '))
      n_words++;

  if (colons == 0 || status_len == 0 || n_words != 2 * (colons + 1) + 1 ||
      !g_ascii_isdigit (s[colons]))
    {
      g_autofree char *text = excerpt (s, len);

      return g_strdup_printf (_("“%s” is not a raw diff line"), text);
    }

  for (gsize i = 0; i < status_len; i++)
    {
      char ch = status[i];

      if (g_ascii_isdigit (ch) && colons == 1 && i > 0)
        continue;           /* R100, C058: the similarity */
      if (strchr ("ACDMRTUXB", ch) == NULL)
        {
          g_autofree char *text = excerpt (status, status_len);

          return g_strdup_printf (_("“%s” is not a change status"), text);
        }
      if (ch != 'A')
        all_a = FALSE;
      if (ch != 'D')
        all_d = FALSE;
    }

  *combined = colons > 1;
  if (*combined)
    *kind = all_a ? UC_CHANGE_ADDED : all_d ? UC_CHANGE_DELETED : UC_CHANGE_MODIFIED;
  else
    switch (status[0])
      {
      case 'A':
        *kind = UC_CHANGE_ADDED;
        break;
      case 'D':
        *kind = UC_CHANGE_DELETED;
        break;
      case 'R':
        *kind = UC_CHANGE_RENAMED;
        break;
      case 'C':
        *kind = UC_CHANGE_COPIED;
        break;
      default:
        *kind = UC_CHANGE_MODIFIED;
        break;
      }
  *two_paths = !*combined && (status[0] == 'R' || status[0] == 'C');
  return NULL;
}

/* Undo git's C-style quoting of unusual paths ("a\tb", "\303\251"). */
static void
unquote_path (GString    *out,
              const char *s,
              gsize       len)
{
  g_string_truncate (out, 0);
  if (len < 2 || s[0] != '"' || s[len - 1] != '"')
    {
      g_string_append_len (out, s, (gssize) len);
      return;
    }
  for (gsize i = 1; i < len - 1; i++)
    {
      char ch = s[i];

      if (ch != '\\' || i + 1 >= len - 1)
        {
          g_string_append_c (out, ch);
          continue;
        }
      ch = s[++i];
      switch (ch)
        {
        case 'a': g_string_append_c (out, '\a'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'v': g_string_append_c (out, '\v'); break;
        default:
          if (ch >= '0' && ch <= '3' && i + 2 < len - 1 &&
              s[i + 1] >= '0' && s[i + 1] <= '7' && s[i + 2] >= '0' && s[i + 2] <= '7')
            {
              g_string_append_c (out, (char) (((ch - '0') << 6) | ((s[i + 1] - '0') << 3) |
                                              (s[i + 2] - '0')));
              i += 2;
            }
          else
            g_string_append_c (out, ch);
          break;
        }
    }
}

/* A numstat path as printed: "a/b", "a/{x => y}/b", "old => new" or
 * "\"q\" => \"r\"". Returns TRUE for a rename, with both paths. */
static gboolean
split_rename (const char *text,
              GString    *old_path,
              GString    *new_path)
{
  const char *arrow = strstr (text, " => ");
  gsize len = strlen (text);
  const char *open = NULL, *close = NULL;

  if (arrow == NULL)
    {
      unquote_path (new_path, text, len);
      return FALSE;
    }

  /* git writes "prefix{old => new}suffix" where the braces sit at the
   * start or after a '/', and end at the end or before a '/'. */
  for (const char *p = arrow; p >= text; p--)
    if (*p == '{' && (p == text || p[-1] == '/'))
      {
        open = p;
        break;
      }
  if (open != NULL)
    for (const char *p = arrow + 4; p < text + len; p++)
      if (*p == '}' && (p[1] == '\0' || p[1] == '/'))
        {
          close = p;
          break;
        }

  if (open != NULL && close != NULL)
    {
      const char *suffix = close + 1;
      gsize prefix_len = (gsize) (open - text);

      g_string_truncate (old_path, 0);
      g_string_append_len (old_path, text, (gssize) prefix_len);
      g_string_append_len (old_path, open + 1, arrow - (open + 1));
      g_string_append (old_path, suffix);
      g_string_truncate (new_path, 0);
      g_string_append_len (new_path, text, (gssize) prefix_len);
      g_string_append_len (new_path, arrow + 4, close - (arrow + 4));
      g_string_append (new_path, suffix);

      /* An empty side leaves "a//b" or "/b". */
      for (GString *s = old_path; s != NULL; s = s == old_path ? new_path : NULL)
        {
          char *dbl;

          while ((dbl = strstr (s->str, "//")) != NULL)
            g_string_erase (s, dbl - s->str, 1);
          if (s->len > 0 && s->str[0] == '/')
            g_string_erase (s, 0, 1);
        }
      return TRUE;
    }

  {
    g_autofree char *left = g_strndup (text, arrow - text);

    unquote_path (old_path, left, strlen (left));
    unquote_path (new_path, arrow + 4, strlen (arrow + 4));
  }
  return TRUE;
}

/* ---- storing ---- */

static UcId
file_id (GitImporter  *imp,
         const char   *path,
         GError      **error)
{
  CachedFile *cached = g_hash_table_lookup (imp->files, path);
  const char *utf8;
  gsize len;
  UcId id;

  if (cached != NULL)
    return cached->id;

  utf8 = _uc_import_to_utf8 (imp->utf8_b, path, -1);
  id = uc_store_ensure_file (imp->ctx->store, imp->repo_id, utf8, error);
  if (id <= 0)
    return 0;

  len = strlen (path);
  cached = g_malloc (sizeof *cached + len + 1);
  cached->id = id;
  memcpy (cached->path, path, len + 1);
  g_hash_table_insert (imp->files, cached->path, cached);
  return id;
}

static gboolean
store_change (GitImporter  *imp,
              UcId          commit_id,
              char          kind,
              const char   *old_path,
              const char   *new_path,
              const StatEntry *stat,
              GError      **error)
{
  UcId new_id, old_id = 0;

  if (new_path == NULL || *new_path == '\0')
    return TRUE;
  new_id = file_id (imp, new_path, error);
  if (new_id <= 0)
    return FALSE;
  if (old_path != NULL && *old_path != '\0' && !g_str_equal (old_path, new_path) &&
      (kind == UC_CHANGE_RENAMED || kind == UC_CHANGE_COPIED))
    {
      old_id = file_id (imp, old_path, error);
      if (old_id <= 0)
        return FALSE;
    }
  else if (kind == UC_CHANGE_RENAMED || kind == UC_CHANGE_COPIED)
    kind = UC_CHANGE_MODIFIED;

  return uc_store_add_file_change (imp->ctx->store, commit_id, new_id, (UcChangeKind) kind,
                                   old_id,
                                   stat != NULL ? stat->added : 0,
                                   stat != NULL ? stat->deleted : 0,
                                   stat != NULL && stat->binary, error);
}

/* The raw entry (not used yet) whose new path is @path, or -1. */
static gint
find_raw (GitCommit  *c,
          const char *path,
          gboolean    combined_only)
{
  for (guint i = 0; i < c->raw->len; i++)
    {
      RawEntry *r = &g_array_index (c->raw, RawEntry, i);

      if (r->used || (combined_only && !r->combined))
        continue;
      if (g_str_equal (pool_get (c, r->new_path), path))
        return (gint) i;
    }
  return -1;
}

static gboolean
store_changes (GitImporter  *imp,
               UcId          commit_id,
               GError      **error)
{
  GitCommit *c = &imp->commit;
  gboolean merge = c->n_parents > 1;
  guint n_raw = c->raw->len, n_stats = c->stats->len;

  for (guint i = 0; i < n_raw && !merge; i++)
    if (g_array_index (c->raw, RawEntry, i).combined)
      merge = TRUE;

  if (merge)
    {
      /* Only what the merge itself changed: its combined-diff entries,
       * with the counts of the numstat line for the same path. */
      for (guint i = 0; i < n_raw; i++)
        {
          RawEntry *r = &g_array_index (c->raw, RawEntry, i);
          const char *path = pool_get (c, r->new_path);
          StatEntry *match = NULL;

          if (!r->combined)
            continue;
          for (guint j = 0; j < n_stats && match == NULL; j++)
            {
              StatEntry *s = &g_array_index (c->stats, StatEntry, j);

              if (!s->used && g_str_equal (pool_get (c, s->path), path))
                match = s;
            }
          if (match != NULL)
            match->used = TRUE;
          if (!store_change (imp, commit_id, r->kind, NULL, path, match, error))
            return FALSE;
        }
      return TRUE;
    }

  if (n_raw == n_stats)
    {
      /* git prints raw and numstat entries in the same order. */
      for (guint i = 0; i < n_raw; i++)
        {
          RawEntry *r = &g_array_index (c->raw, RawEntry, i);
          StatEntry *s = &g_array_index (c->stats, StatEntry, i);

          if (!store_change (imp, commit_id, r->kind, pool_get (c, r->old_path),
                             pool_get (c, r->new_path), s, error))
            return FALSE;
        }
      return TRUE;
    }

  /* Otherwise (a log with only one of --raw and --numstat, or an edited
   * one): each numstat entry, with the kind of its raw entry when there
   * is one; then the raw entries left. */
  for (guint j = 0; j < n_stats; j++)
    {
      StatEntry *s = &g_array_index (c->stats, StatEntry, j);
      const char *text = pool_get (c, s->path);
      const char *old_path = NULL, *new_path;
      char kind = UC_CHANGE_MODIFIED;
      gint r;

      if (!imp->classic)
        {
          new_path = text;
          old_path = pool_get (c, s->old_path);
          if (old_path != NULL)
            kind = UC_CHANGE_RENAMED;
          r = find_raw (c, new_path, FALSE);
        }
      else if ((r = find_raw (c, text, FALSE)) >= 0)
        new_path = text;       /* a path that really contains " => " */
      else
        {
          if (split_rename (text, imp->path_a, imp->path_b))
            {
              old_path = imp->path_a->str;
              kind = UC_CHANGE_RENAMED;
            }
          new_path = imp->path_b->str;
          r = find_raw (c, new_path, FALSE);
        }

      if (r >= 0)
        {
          RawEntry *raw = &g_array_index (c->raw, RawEntry, r);

          raw->used = TRUE;
          kind = raw->kind;
          if (raw->old_path != NO_PATH)
            old_path = pool_get (c, raw->old_path);
        }
      if (!store_change (imp, commit_id, kind, old_path, new_path, s, error))
        return FALSE;
    }
  for (guint i = 0; i < n_raw; i++)
    {
      RawEntry *r = &g_array_index (c->raw, RawEntry, i);

      if (!r->used && !store_change (imp, commit_id, r->kind, pool_get (c, r->old_path),
                                     pool_get (c, r->new_path), NULL, error))
        return FALSE;
    }
  return TRUE;
}

static glong
char_length (GitImporter *imp,
             const char  *text,
             gsize        len)
{
  const char *utf8;

  if (g_utf8_validate (text, (gssize) len, NULL))
    return g_utf8_strlen (text, (gssize) len);
  utf8 = _uc_import_to_utf8 (imp->utf8_a, text, (gssize) len);
  return g_utf8_strlen (utf8, -1);
}

static gboolean
add_links (GitImporter  *imp,
           UcId          commit_id,
           const char   *text,
           gsize         len,
           const char   *via,
           GError      **error)
{
  guint before = imp->keys->len;

  if (len == 0 || uc_text_collect_ticket_keys (text, (gssize) len, imp->keys) == 0)
    return TRUE;
  for (guint i = before; i < imp->keys->len; i++)
    if (!uc_store_add_link (imp->ctx->store, commit_id, 0, g_ptr_array_index (imp->keys, i),
                            via, imp->ctx->source_id, error))
      return FALSE;
  return TRUE;
}

/* The identity of "name <email>" (invalid UTF-8 made valid). */
static UcId
commit_person (GitImporter  *imp,
               GString      *name,
               GString      *email,
               GError      **error)
{
  const char *n = _uc_import_to_utf8 (imp->utf8_a, name->str, (gssize) name->len);
  const char *e = _uc_import_to_utf8 (imp->utf8_b, email->str, (gssize) email->len);

  return _uc_import_person (imp->ctx, n, e, error);
}

/* Problems that make the commit unusable (a translated message), else NULL. */
static char *
check_commit (GitCommit *c)
{
  if (!c->has_author)
    return g_strdup_printf (_("commit %s has no author"), c->sha->str);
  if (!c->has_author_date)
    return g_strdup_printf (_("commit %s has no date"), c->sha->str);
  return NULL;
}

static gboolean
store_commit (GitImporter  *imp,
              GError      **error)
{
  UcImportContext *ctx = imp->ctx;
  GitCommit *c = &imp->commit;
  UcCommitRow row = { 0 };
  gsize body_len = c->body->len;
  gssize trailer;
  gboolean inserted = FALSE;
  UcId commit_id;
  g_autofree char *ai_name = NULL;
  g_autofree char *ai_email = NULL;
  g_autoptr(GError) local_error = NULL;

  c->active = FALSE;

  while (body_len > 0 && g_ascii_isspace (c->body->str[body_len - 1]))
    body_len--;
  g_string_truncate (c->body, body_len);

  row.repo_id = imp->repo_id;
  row.sha = c->sha->str;
  row.author_identity = commit_person (imp, c->author_name, c->author_email, &local_error);
  if (local_error == NULL && c->has_committer)
    row.committer_identity = commit_person (imp, c->committer_name, c->committer_email,
                                            &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!c->has_committer)
    row.committer_identity = row.author_identity;
  row.author_time = c->author_time;
  row.author_tz = c->author_tz;
  row.commit_time = c->has_commit_date ? c->commit_time : c->author_time;
  row.commit_tz = c->has_commit_date ? c->commit_tz : c->author_tz;
  if (c->n_parents < 0)
    c->n_parents = imp->saw_parent_lists ? 0 : 1;
  row.n_parents = (guint) c->n_parents;
  row.subject_len = (guint) char_length (imp, c->subject->str, c->subject->len);
  row.body_len = (guint) char_length (imp, c->body->str, body_len);
  row.is_revert = uc_text_is_revert (c->subject->str, (gssize) c->subject->len) ||
                  strstr (c->body->str, "This reverts commit") != NULL;
  row.is_fix = !row.is_revert && uc_text_is_fix (c->subject->str, (gssize) c->subject->len);
  row.ai_assisted = uc_text_find_ai_coauthor (c->body->str, (gssize) body_len, &ai_name, &ai_email);
  row.source_id = ctx->source_id;

  commit_id = uc_store_add_commit (ctx->store, &row, &inserted, &local_error);
  if (commit_id <= 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                     _("Could not store commit %s"), c->sha->str);
      return FALSE;
    }
  ctx->n_records++;
  if (inserted)
    ctx->n_new++;
  _uc_import_note_time (ctx, c->author_time);

  /* The AI co-author is an agent person too. */
  if (row.ai_assisted)
    {
      const char *n = _uc_import_to_utf8 (imp->utf8_a, ai_name, -1);
      const char *e = _uc_import_to_utf8 (imp->utf8_b, ai_email, -1);
      UcId id = _uc_import_person (ctx, n, e, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (id > 0 && !_uc_import_flag_agent (ctx, id, error))
        return FALSE;
    }

  /* Ticket keys: subject, then trailers, then the rest of the body. */
  g_ptr_array_set_size (imp->keys, 0);
  trailer = uc_text_trailer_block (c->body->str, (gssize) body_len);
  if (!add_links (imp, commit_id, c->subject->str, c->subject->len, "subject", error) ||
      (trailer >= 0 &&
       !add_links (imp, commit_id, c->body->str + trailer, body_len - (gsize) trailer,
                   "trailer", error)) ||
      !add_links (imp, commit_id, c->body->str, trailer >= 0 ? (gsize) trailer : body_len,
                  "body", error))
    return FALSE;

  return store_changes (imp, commit_id, error);
}

static void poll_count (GitImporter *imp);

static double
progress_fraction (GitImporter    *imp,
                   UcImportReader *reader)
{
  if (imp->count_proc.pid != 0)
    {
      /* Progress is reported every 16 records at most: no need to look
       * more often. */
      if (imp->ctx->n_records % 16 == 0)
        poll_count (imp);
      if (imp->total_commits <= 0)
        return 0.0;
    }
  if (imp->total_commits > 0)
    return (double) imp->ctx->n_records / (double) imp->total_commits;
  if (imp->ctx->size > 0)
    return (double) _uc_import_reader_tell (reader) / (double) imp->ctx->size;
  return -1.0;
}

/* Store the current commit, or with --skip-bad report why it cannot be. */
static gboolean
finish_commit (GitImporter     *imp,
               UcImportReader  *reader,
               const char      *where,
               GError         **error)
{
  g_autofree char *problem = NULL;

  if (!imp->commit.active)
    return TRUE;
  problem = check_commit (&imp->commit);
  if (problem != NULL)
    {
      imp->commit.active = FALSE;
      return _uc_import_record_error (imp->ctx, where, problem, error);
    }
  if (!store_commit (imp, error))
    return FALSE;
  return _uc_import_tick (imp->ctx, progress_fraction (imp, reader), error);
}

/* ---- our NUL-separated format (git-repo, and git-log exports) ---- */

static char *
record_where (guint64     record,
              const char *sha)
{
  if (sha != NULL && *sha != '\0')
    /* Translators: where a problem is: the record number, then a commit id */
    return g_strdup_printf (_("record %" G_GUINT64_FORMAT " (commit %.12s)"), record, sha);
  return g_strdup_printf (_("record %" G_GUINT64_FORMAT), record);
}

static char *
parse_header_fields (GitImporter  *imp,
                     char        **fields,
                     gsize        *lengths)
{
  GitCommit *c = &imp->commit;
  char *problem;
  int n = 0;

  if (!is_hex_sha (fields[FIELD_SHA], lengths[FIELD_SHA]))
    {
      g_autofree char *text = excerpt (fields[FIELD_SHA], lengths[FIELD_SHA]);

      return g_strdup_printf (_("“%s” is not a commit id"), text);
    }
  g_string_append_len (c->sha, fields[FIELD_SHA], (gssize) lengths[FIELD_SHA]);

  for (gsize i = 0; i < lengths[FIELD_PARENTS]; i++)
    {
      char ch = fields[FIELD_PARENTS][i];

      if (ch == ' ')
        continue;
      if (!g_ascii_isxdigit (ch))
        {
          g_autofree char *text = excerpt (fields[FIELD_PARENTS], lengths[FIELD_PARENTS]);

          return g_strdup_printf (_("“%s” is not a list of parent commits"), text);
        }
      if (i == 0 || fields[FIELD_PARENTS][i - 1] == ' ')
        n++;
    }
  c->n_parents = n;

  g_string_append_len (c->author_name, fields[FIELD_AUTHOR_NAME], (gssize) lengths[FIELD_AUTHOR_NAME]);
  g_string_append_len (c->author_email, fields[FIELD_AUTHOR_EMAIL], (gssize) lengths[FIELD_AUTHOR_EMAIL]);
  g_string_append_len (c->committer_name, fields[FIELD_COMMITTER_NAME], (gssize) lengths[FIELD_COMMITTER_NAME]);
  g_string_append_len (c->committer_email, fields[FIELD_COMMITTER_EMAIL], (gssize) lengths[FIELD_COMMITTER_EMAIL]);
  c->has_author = TRUE;
  c->has_committer = TRUE;

  problem = parse_raw_date (fields[FIELD_AUTHOR_DATE], lengths[FIELD_AUTHOR_DATE],
                            &c->author_time, &c->author_tz);
  if (problem != NULL)
    return problem;
  c->has_author_date = TRUE;
  problem = parse_raw_date (fields[FIELD_COMMITTER_DATE], lengths[FIELD_COMMITTER_DATE],
                            &c->commit_time, &c->commit_tz);
  if (problem != NULL)
    return problem;
  c->has_commit_date = TRUE;

  g_string_append_len (c->subject, fields[FIELD_SUBJECT], (gssize) lengths[FIELD_SUBJECT]);
  g_string_append_len (c->body, fields[FIELD_BODY], (gssize) lengths[FIELD_BODY]);
  return NULL;
}

static gboolean
parse_nul_stream (GitImporter     *imp,
                  UcImportReader  *reader,
                  GError         **error)
{
  GitCommit *c = &imp->commit;
  guint64 record = imp->nul_records;
  gboolean skipping = FALSE;
  char *field;
  gsize len;

  for (;;)
    {
      g_autofree char *problem = NULL;
      g_autofree char *where = NULL;
      g_autoptr(GError) read_error = NULL;

      if (!_uc_import_reader_next (reader, '\0', &field, &len, &read_error))
        {
          if (read_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&read_error));
              return FALSE;
            }
          break;
        }
      if (len > 0 && field[0] == '\n')
        field++, len--;
      if (len == 0)
        continue;

      if (len == GIT_MARKER_LEN && memcmp (field, GIT_MARKER, GIT_MARKER_LEN) == 0)
        {
          char *fields[N_FIELDS];
          gsize lengths[N_FIELDS];
          GString *header = NULL;

          where = record_where (record, c->sha->str);
          if (!finish_commit (imp, reader, where, error))
            return FALSE;
          g_clear_pointer (&where, g_free);

          record++;
          imp->nul_records = record;
          git_commit_reset (c, record);
          skipping = FALSE;

          /* The reader reuses its buffer: keep the header fields in one
           * string while reading them. */
          header = imp->header;
          g_string_truncate (header, 0);
          {
            gsize offsets[N_FIELDS];

            for (guint i = 0; i < N_FIELDS; i++)
              {
                if (!_uc_import_reader_next (reader, '\0', &field, &len, &read_error))
                  {
                    if (read_error != NULL)
                      {
                        g_propagate_error (error, g_steal_pointer (&read_error));
                        return FALSE;
                      }
                    where = record_where (record, i > FIELD_SHA ? header->str : NULL);
                    c->active = FALSE;
                    if (!_uc_import_record_error (imp->ctx, where,
                                                  _("the file ends in the middle of this commit's header (truncated?)"),
                                                  error))
                      return FALSE;
                    return TRUE;
                  }
                offsets[i] = header->len;
                lengths[i] = len;
                g_string_append_len (header, field, (gssize) len);
                g_string_append_c (header, '\0');
              }
            for (guint i = 0; i < N_FIELDS; i++)
              fields[i] = header->str + offsets[i];
          }

          problem = parse_header_fields (imp, fields, lengths);
          if (problem != NULL)
            {
              where = record_where (record, c->sha->str);
              c->active = FALSE;
              skipping = TRUE;
              if (!_uc_import_record_error (imp->ctx, where, problem, error))
                return FALSE;
            }
          continue;
        }

      if (skipping)
        continue;
      if (!c->active)
        {
          g_autofree char *text = excerpt (field, len);

          where = record_where (MAX (record, 1), NULL);
          problem = g_strdup_printf (_("expected “%s”, found “%s”"), GIT_MARKER, text);
          skipping = TRUE;
          if (!_uc_import_record_error (imp->ctx, where, problem, error))
            return FALSE;
          continue;
        }

      if (field[0] == ':')
        {
          RawEntry r = { 0 };
          gboolean two_paths = FALSE;

          problem = parse_raw_meta (field, len, &r.kind, &r.combined, &two_paths);
          r.old_path = NO_PATH;
          for (guint i = 0; problem == NULL && i < (two_paths ? 2u : 1u); i++)
            {
              if (!_uc_import_reader_next (reader, '\0', &field, &len, &read_error))
                {
                  if (read_error != NULL)
                    {
                      g_propagate_error (error, g_steal_pointer (&read_error));
                      return FALSE;
                    }
                  problem = g_strdup (_("the file ends in the middle of a file entry (truncated?)"));
                  break;
                }
              if (two_paths && i == 0)
                r.old_path = pool_add (c, field, len);
              else
                r.new_path = pool_add (c, field, len);
            }
          if (problem == NULL)
            {
              g_array_append_val (c->raw, r);
              continue;
            }
        }
      else if (g_ascii_isdigit (field[0]) || field[0] == '-' ||
               (memchr (field, '\t', len) != NULL &&
                memchr ((char *) memchr (field, '\t', len) + 1, '\t',
                        len - (gsize) ((char *) memchr (field, '\t', len) + 1 - field)) != NULL))
        {
          StatEntry s = { 0 };
          const char *tab1 = memchr (field, '\t', len);
          const char *tab2 = tab1 ? memchr (tab1 + 1, '\t', len - (gsize) (tab1 + 1 - field)) : NULL;
          gboolean bin_a = FALSE, bin_d = FALSE;

          s.old_path = NO_PATH;
          if (tab1 == NULL || tab2 == NULL ||
              !parse_count (field, (gsize) (tab1 - field), &s.added, &bin_a) ||
              !parse_count (tab1 + 1, (gsize) (tab2 - tab1 - 1), &s.deleted, &bin_d))
            {
              g_autofree char *text = excerpt (field, len);

              problem = g_strdup_printf (_("“%s” is not a line count entry (added, deleted, path)"), text);
            }
          else
            {
              s.binary = bin_a || bin_d;
              if (tab2 + 1 < field + len)
                {
                  s.path = pool_add (c, tab2 + 1, (gsize) (field + len - tab2 - 1));
                }
              else
                {
                  /* A rename: old and new path follow. */
                  for (guint i = 0; i < 2 && problem == NULL; i++)
                    {
                      if (!_uc_import_reader_next (reader, '\0', &field, &len, &read_error))
                        {
                          if (read_error != NULL)
                            {
                              g_propagate_error (error, g_steal_pointer (&read_error));
                              return FALSE;
                            }
                          problem = g_strdup (_("the file ends in the middle of a file entry (truncated?)"));
                          break;
                        }
                      if (i == 0)
                        s.old_path = pool_add (c, field, len);
                      else
                        s.path = pool_add (c, field, len);
                    }
                }
              if (problem == NULL)
                {
                  g_array_append_val (c->stats, s);
                  continue;
                }
            }
        }
      else
        {
          g_autofree char *text = excerpt (field, len);

          problem = g_strdup_printf (_("“%s” is neither a file entry nor the start of a commit"), text);
        }

      /* A bad entry: the whole commit is bad. */
      where = record_where (record, c->sha->str);
      c->active = FALSE;
      skipping = TRUE;
      if (!_uc_import_record_error (imp->ctx, where, problem, error))
        return FALSE;
    }

  {
    g_autofree char *where = record_where (record, c->sha->str);

    return finish_commit (imp, reader, where, error);
  }
}

/* ---- the classic text format ---- */

typedef enum
{
  CLASSIC_START,      /* before the first commit */
  CLASSIC_HEADER,     /* Author:, Date:… */
  CLASSIC_MESSAGE,    /* indented message lines */
  CLASSIC_DIFF,       /* raw and numstat lines */
  CLASSIC_NOTES,      /* a "Notes:" section */
  CLASSIC_SKIP,       /* a bad commit, up to the next one */
} ClassicState;

static char *
line_where (guint64 line)
{
  return g_strdup_printf (_("line %" G_GUINT64_FORMAT), line);
}

/* "commit SHA [PARENT…] [(refs)]" */
static char *
parse_commit_line (GitImporter *imp,
                   const char  *line,
                   gsize        len)
{
  GitCommit *c = &imp->commit;
  const char *p = line + 7, *end = line + len;
  guint n_words = 0;

  while (p < end)
    {
      const char *w;

      while (p < end && *p == ' ')
        p++;
      if (p >= end || *p == '(')
        break;
      w = p;
      while (p < end && *p != ' ')
        p++;
      if (!is_hex_sha (w, (gsize) (p - w)))
        {
          g_autofree char *text = excerpt (w, (gsize) (p - w));

          return g_strdup_printf (_("“%s” is not a commit id"), text);
        }
      if (n_words == 0)
        g_string_append_len (c->sha, w, p - w);
      n_words++;
    }
  if (n_words == 0)
    return g_strdup (_("“commit” without a commit id"));
  if (n_words > 1)
    {
      c->n_parents = (int) n_words - 1;
      imp->saw_parent_lists = TRUE;
    }
  return NULL;
}

static char *
parse_ident (const char *value,
             gsize       len,
             GString    *name,
             GString    *email)
{
  g_autofree char *n = NULL;
  g_autofree char *e = NULL;

  /* An empty identity ("Author:  <>") is kept as no one, as git does. */
  uc_text_split_name_email (value, (gssize) len, &n, &e);
  g_string_assign (name, n);
  g_string_assign (email, e);
  return NULL;
}

static char *
parse_header_line (GitImporter *imp,
                   const char  *line,
                   gsize        len)
{
  GitCommit *c = &imp->commit;
  const char *colon = memchr (line, ':', len);
  const char *value;
  gsize key_len, value_len;

  if (colon == NULL || colon == line || !g_ascii_isalpha (line[0]))
    goto bad;
  for (const char *p = line; p < colon; p++)
    if (!(g_ascii_isalnum (*p) || *p == ' ' || *p == '-' || *p == '_' || *p == '.'))
      goto bad;
  key_len = (gsize) (colon - line);
  value = colon + 1;
  while (value < line + len && (*value == ' ' || *value == '\t'))
    value++;
  value_len = (gsize) (line + len - value);

#define KEY_IS(k) (key_len == sizeof (k) - 1 && memcmp (line, k, key_len) == 0)
  if (KEY_IS ("Author"))
    {
      c->has_author = TRUE;
      return parse_ident (value, value_len, c->author_name, c->author_email);
    }
  if (KEY_IS ("Commit"))
    {
      c->has_committer = TRUE;
      return parse_ident (value, value_len, c->committer_name, c->committer_email);
    }
  if (KEY_IS ("AuthorDate") || KEY_IS ("Date"))
    {
      char *problem = parse_text_date (value, value_len, &c->author_time, &c->author_tz);

      c->has_author_date = problem == NULL;
      return problem;
    }
  if (KEY_IS ("CommitDate"))
    {
      char *problem = parse_text_date (value, value_len, &c->commit_time, &c->commit_tz);

      c->has_commit_date = problem == NULL;
      return problem;
    }
  if (KEY_IS ("Merge"))
    {
      guint n = 0;

      for (gsize i = 0; i < value_len; i++)
        {
          if (value[i] == ' ')
            continue;
          if (!g_ascii_isxdigit (value[i]))
            goto bad;
          if (i == 0 || value[i - 1] == ' ')
            n++;
        }
      if (c->n_parents < 0)
        c->n_parents = (int) n;
      return NULL;
    }
#undef KEY_IS
  /* Other headers (Reflog:, gpg:…) carry nothing we keep. */
  return NULL;

bad:
  {
    g_autofree char *text = excerpt (line, len);

    return g_strdup_printf (_("“%s” is not a commit header line"), text);
  }
}

/* ":100644 100644 abc def M<TAB>path[<TAB>path]" */
static char *
parse_classic_raw (GitImporter *imp,
                   const char  *line,
                   gsize        len)
{
  GitCommit *c = &imp->commit;
  const char *tab = memchr (line, '\t', len);
  const char *end = line + len;
  RawEntry r = { 0 };
  gboolean two_paths = FALSE;
  char *problem;

  if (tab == NULL)
    {
      g_autofree char *text = excerpt (line, len);

      return g_strdup_printf (_("“%s” is not a raw diff line (no path)"), text);
    }
  problem = parse_raw_meta (line, (gsize) (tab - line), &r.kind, &r.combined, &two_paths);
  if (problem != NULL)
    return problem;

  r.old_path = NO_PATH;
  if (two_paths)
    {
      const char *tab2 = memchr (tab + 1, '\t', (gsize) (end - tab - 1));

      if (tab2 == NULL)
        {
          g_autofree char *text = excerpt (line, len);

          return g_strdup_printf (_("“%s” is a rename without its new path"), text);
        }
      unquote_path (imp->path_a, tab + 1, (gsize) (tab2 - tab - 1));
      r.old_path = pool_add (c, imp->path_a->str, imp->path_a->len);
      tab = tab2;
    }
  else if (r.combined)
    {
      /* --combined-all-paths lists every parent's path: keep the last. */
      const char *last = tab;

      for (const char *p = tab + 1; p < end; p++)
        if (*p == '\t')
          last = p;
      tab = last;
    }
  unquote_path (imp->path_a, tab + 1, (gsize) (end - tab - 1));
  if (imp->path_a->len == 0)
    return g_strdup (_("a raw diff line with an empty path"));
  r.new_path = pool_add (c, imp->path_a->str, imp->path_a->len);
  g_array_append_val (c->raw, r);
  return NULL;
}

/* "added<TAB>deleted<TAB>path" */
static char *
parse_classic_numstat (GitImporter *imp,
                       const char  *line,
                       gsize        len)
{
  GitCommit *c = &imp->commit;
  const char *tab1 = memchr (line, '\t', len);
  const char *tab2 = tab1 ? memchr (tab1 + 1, '\t', len - (gsize) (tab1 + 1 - line)) : NULL;
  StatEntry s = { 0 };
  gboolean bin_a = FALSE, bin_d = FALSE;
  const char *path;
  gsize path_len;

  if (tab1 == NULL || tab2 == NULL)
    {
      g_autofree char *text = excerpt (line, len);

      return g_strdup_printf (_("“%s” is not a line count entry (added, deleted, path)"), text);
    }
  if (!parse_count (line, (gsize) (tab1 - line), &s.added, &bin_a))
    {
      g_autofree char *text = excerpt (line, (gsize) (tab1 - line));

      return g_strdup_printf (_("“%s” is not a number of added lines"), text);
    }
  if (!parse_count (tab1 + 1, (gsize) (tab2 - tab1 - 1), &s.deleted, &bin_d))
    {
      g_autofree char *text = excerpt (tab1 + 1, (gsize) (tab2 - tab1 - 1));

      return g_strdup_printf (_("“%s” is not a number of deleted lines"), text);
    }
  path = tab2 + 1;
  path_len = (gsize) (line + len - path);
  if (path_len == 0)
    return g_strdup (_("a line count entry without a path"));

  s.binary = bin_a || bin_d;
  s.old_path = NO_PATH;
  /* A lone quoted path is unquoted now; rename forms are split later. */
  if (path[0] == '"' && path[path_len - 1] == '"' && path_len >= 2 &&
      g_strstr_len (path, (gssize) path_len, "\" => ") == NULL)
    {
      unquote_path (imp->path_a, path, path_len);
      s.path = pool_add (c, imp->path_a->str, imp->path_a->len);
    }
  else
    s.path = pool_add (c, path, path_len);
  g_array_append_val (c->stats, s);
  return NULL;
}

static void
add_message_line (GitCommit  *c,
                  const char *text,
                  gsize       len)
{
  gboolean blank = TRUE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      {
        blank = FALSE;
        break;
      }

  if (!c->subject_done)
    {
      if (blank)
        {
          if (c->subject->len > 0)
            c->subject_done = TRUE;
          return;
        }
      if (c->subject->len > 0)
        g_string_append_c (c->subject, ' ');
      g_string_append_len (c->subject, text, (gssize) len);
      return;
    }
  if (blank && c->body->len == 0)
    return;
  g_string_append_len (c->body, text, (gssize) len);
  g_string_append_c (c->body, '\n');
}

static gboolean
parse_classic_stream (GitImporter     *imp,
                      UcImportReader  *reader,
                      GError         **error)
{
  GitCommit *c = &imp->commit;
  ClassicState state = CLASSIC_START;
  char *line;
  gsize len;

  for (;;)
    {
      g_autofree char *problem = NULL;
      g_autoptr(GError) read_error = NULL;
      guint64 line_no;

      if (!_uc_import_reader_next (reader, '\n', &line, &len, &read_error))
        {
          if (read_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&read_error));
              return FALSE;
            }
          break;
        }
      line_no = reader->n_records;
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';

      if (len >= 7 && memcmp (line, "commit ", 7) == 0)
        {
          g_autofree char *where = NULL;

          if (state == CLASSIC_HEADER)
            {
              where = line_where (line_no);
              problem = g_strdup_printf (_("commit %s has no message (the log is cut short before this line)"),
                                         c->sha->str);
              c->active = FALSE;
              if (!_uc_import_record_error (imp->ctx, where, problem, error))
                return FALSE;
              g_clear_pointer (&problem, g_free);
              g_clear_pointer (&where, g_free);
            }
          else if (state != CLASSIC_SKIP && state != CLASSIC_START)
            {
              where = line_where (c->where);
              if (!finish_commit (imp, reader, where, error))
                return FALSE;
              g_clear_pointer (&where, g_free);
            }
          git_commit_reset (c, line_no);
          state = CLASSIC_HEADER;
          problem = parse_commit_line (imp, line, len);
        }
      else
        switch (state)
          {
          case CLASSIC_SKIP:
            continue;

          case CLASSIC_START:
            if (len > 0 && !(len == strspn (line, " \t")))
              {
                g_autofree char *text = excerpt (line, len);

                problem = g_strdup_printf (_("expected “commit” and a commit id, found “%s”"), text);
              }
            break;

          case CLASSIC_HEADER:
            if (len == 0)
              state = CLASSIC_MESSAGE;
            else
              problem = parse_header_line (imp, line, len);
            break;

          case CLASSIC_MESSAGE:
            if (len >= 4 && memcmp (line, "    ", 4) == 0)
              {
                add_message_line (c, line + 4, len - 4);
                break;
              }
            state = CLASSIC_DIFF;
            G_GNUC_FALLTHROUGH;

          case CLASSIC_NOTES:
            if (state == CLASSIC_NOTES)
              {
                if (len >= 4 && memcmp (line, "    ", 4) == 0)
                  break;
                state = CLASSIC_DIFF;
              }
            G_GNUC_FALLTHROUGH;

          case CLASSIC_DIFF:
            if (len == 0)
              break;
            if (line[0] == ':')
              problem = parse_classic_raw (imp, line, len);
            else if (g_ascii_isdigit (line[0]) || line[0] == '-')
              problem = parse_classic_numstat (imp, line, len);
            else if (len >= 5 && memcmp (line, "Notes", 5) == 0 && line[len - 1] == ':')
              state = CLASSIC_NOTES;
            else if (line[0] == ' ' && len > 1 && line[1] != ' ')
              ;   /* --summary / --stat lines */
            else
              {
                g_autofree char *text = excerpt (line, len);

                problem = g_strdup_printf (_("“%s” is neither a file change nor the start of a commit"),
                                           text);
              }
            break;
          }

      if (problem != NULL)
        {
          g_autofree char *where = line_where (line_no);

          c->active = FALSE;
          state = CLASSIC_SKIP;
          if (!_uc_import_record_error (imp->ctx, where, problem, error))
            return FALSE;
        }
    }

  if (state == CLASSIC_HEADER)
    {
      g_autofree char *where = line_where (reader->n_records);
      g_autofree char *problem = g_strdup_printf (_("the log ends in the header of commit %s, before its message (truncated?)"),
                                                  c->sha->str);

      c->active = FALSE;
      return _uc_import_record_error (imp->ctx, where, problem, error);
    }
  if (state != CLASSIC_SKIP && state != CLASSIC_START)
    {
      g_autofree char *where = line_where (c->where);

      return finish_commit (imp, reader, where, error);
    }
  return TRUE;
}

/* ---- running git ---- */

/* How git runs: in the folder, never looking above it, never prompting,
 * never writing. @env_storage keeps the strings @options points to. */
static void
git_spawn_options (UcImportContext *ctx,
                   UcSpawnOptions  *options,
                   GPtrArray       *env_storage)
{
  static const char * const unset[] = {
    "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_NAMESPACE",
    "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_PAGER", "PAGER",
    NULL,
  };
  g_autofree char *parent = g_path_get_dirname (ctx->abs_path);

  g_ptr_array_add (env_storage, g_strconcat ("GIT_CEILING_DIRECTORIES=", parent, NULL));
  g_ptr_array_add (env_storage, g_strdup ("GIT_TERMINAL_PROMPT=0"));
  g_ptr_array_add (env_storage, g_strdup ("GIT_OPTIONAL_LOCKS=0"));
  /* Fully buffered output: into a pipe git would flush after every commit,
   * waking the reader 20 000 times for 20 000 commits. */
  g_ptr_array_add (env_storage, g_strdup ("GIT_FLUSH=0"));
  g_ptr_array_add (env_storage, NULL);

  memset (options, 0, sizeof *options);
  options->cwd = ctx->abs_path;
  options->setenv = (const char * const *) env_storage->pdata;
  options->unsetenv = unset;
  options->stdin_fd = -1;
}

static void
set_spawn_error (GError     **error,
                 GError      *spawn_error)
{
  g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_TOOL,
               _("Could not run git (is it installed?): %s"), spawn_error->message);
}

static char *
first_lines (const char *text,
             gsize       len)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) valid = g_string_new (NULL);
  const char *utf8 = _uc_import_to_utf8 (valid, text, (gssize) len);

  g_string_append (out, utf8);
  g_strstrip (out->str);
  out->len = strlen (out->str);
  if (out->len > 500)
    {
      const char *cut = g_utf8_find_prev_char (out->str, out->str + 500);

      g_string_truncate (out, cut != NULL ? (gsize) (cut - out->str) : 500);
      g_string_append (out, "…");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Run a short git command and return its output. An exit status other
 * than 0 and @ok_status is an error naming git's message. */
static GBytes *
run_git_capture (UcImportContext     *ctx,
                 const char * const  *args,
                 int                  ok_status,
                 int                 *exit_status,
                 GError             **error)
{
  g_autoptr(GPtrArray) env = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) local_error = NULL;
  UcSpawnOptions options;
  int status;

  g_ptr_array_add (argv, (gpointer) "git");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  git_spawn_options (ctx, &options, env);
  if (!uc_spawn_capture ((const char * const *) argv->pdata, &options, &out, &err, &status,
                         ctx->cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_spawn_error (error, local_error);
      return NULL;
    }
  if (exit_status != NULL)
    *exit_status = status;
  if (status != 0 && status != ok_status)
    {
      g_autofree char *message = first_lines (err != NULL ? err : "", err != NULL ? strlen (err) : 0);

      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_TOOL,
                   /* Translators: git <command> failed in “folder”: git's message */
                   _("git %s failed in “%s”: %s"), args[0], ctx->display_name, message);
      return NULL;
    }
  return out != NULL ? g_steal_pointer (&out) : g_bytes_new (NULL, 0);
}

/* ---- git-repo ---- */

static double
git_repo_probe (const UcImportProbe *probe)
{
  g_autofree char *dot_git = NULL;
  g_autofree char *head = NULL;
  g_autofree char *objects = NULL;
  g_autofree char *refs = NULL;

  if (!probe->is_dir)
    return 0.0;

  dot_git = g_build_filename (probe->path, ".git", NULL);
  if (g_file_test (dot_git, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *inner_head = g_build_filename (dot_git, "HEAD", NULL);

      return g_file_test (inner_head, G_FILE_TEST_IS_REGULAR) ? 1.0 : 0.6;
    }
  if (g_file_test (dot_git, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;

      /* A worktree or submodule: ".git" is a file "gitdir: …". */
      if (g_file_get_contents (dot_git, &contents, NULL, NULL) &&
          g_str_has_prefix (contents, "gitdir:"))
        return 0.95;
      return 0.0;
    }

  /* A bare repository. */
  head = g_build_filename (probe->path, "HEAD", NULL);
  objects = g_build_filename (probe->path, "objects", NULL);
  refs = g_build_filename (probe->path, "refs", NULL);
  if (g_file_test (head, G_FILE_TEST_IS_REGULAR) &&
      g_file_test (objects, G_FILE_TEST_IS_DIR) &&
      g_file_test (refs, G_FILE_TEST_IS_DIR))
    return 1.0;
  return 0.0;
}

static gboolean
check_repository (UcImportContext  *ctx,
                  GError          **error)
{
  UcImportProbe probe = { .path = ctx->path, .is_dir = TRUE };

  if (git_repo_probe (&probe) >= 0.5)
    return TRUE;
  g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
               _("“%s” is not a Git repository (it has no .git folder and is not a bare repository)"),
               ctx->display_name);
  return FALSE;
}

/* What the checksum learnt, for the import. */
typedef struct
{
  gboolean head_valid;   /* HEAD names a commit */
  gboolean has_refs;     /* some branch, remote branch or tag */
} GitRepoState;

/* SHA-256 of the folder's path and of every ref (`git show-ref --head`:
 * HEAD when it names a commit, then every ref with its commit). */
static char *
git_repo_checksum (UcImportContext  *ctx,
                   GError          **error)
{
  static const char * const args[] = { "show-ref", "--head", NULL };
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GBytes) refs = NULL;
  GitRepoState *state;
  const char *data;
  gsize len = 0;
  int status = 0;

  if (!check_repository (ctx, error))
    return NULL;
  /* Exit status 1: no refs at all (an empty repository). */
  refs = run_git_capture (ctx, args, 1, &status, error);
  if (refs == NULL)
    return NULL;

  state = g_new0 (GitRepoState, 1);
  data = g_bytes_get_data (refs, &len);
  for (gsize pos = 0; pos < len;)
    {
      const char *nl = memchr (data + pos, '\n', len - pos);
      gsize end = nl ? (gsize) (nl - data) : len;
      const char *space = memchr (data + pos, ' ', end - pos);

      if (space != NULL)
        {
          gsize name_len = (gsize) (data + end - space - 1);

          if (name_len == 4 && memcmp (space + 1, "HEAD", 4) == 0)
            state->head_valid = TRUE;
          else if ((name_len > 11 && memcmp (space + 1, "refs/heads/", 11) == 0) ||
                   (name_len > 13 && memcmp (space + 1, "refs/remotes/", 13) == 0) ||
                   (name_len > 10 && memcmp (space + 1, "refs/tags/", 10) == 0))
            state->has_refs = TRUE;
        }
      pos = end + 1;
    }
  if (ctx->format_data != NULL && ctx->format_data_free != NULL)
    ctx->format_data_free (ctx->format_data);
  ctx->format_data = state;
  ctx->format_data_free = g_free;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guint8 *) ctx->abs_path, (gssize) strlen (ctx->abs_path) + 1);
  if (len > 0)
    g_checksum_update (checksum, (const guint8 *) data, (gssize) len);
  return g_strdup (g_checksum_get_string (checksum));
}

/* Folder basename without ".git"; "x/.git" names "x". */
static char *
repo_name_for_folder (const char *abs_path)
{
  g_autofree char *base = g_path_get_basename (abs_path);
  g_autofree char *utf8 = NULL;

  if (g_str_equal (base, ".git"))
    {
      g_autofree char *parent = g_path_get_dirname (abs_path);

      g_free (base);
      base = g_path_get_basename (parent);
    }
  if (g_str_has_suffix (base, ".git") && strlen (base) > 4)
    base[strlen (base) - 4] = '\0';
  utf8 = g_filename_display_name (base);
  if (*utf8 == '\0' || g_str_equal (utf8, "/") || g_str_equal (utf8, "."))
    return g_strdup ("repository");
  return g_steal_pointer (&utf8);
}

/* The commit count for the progress bar comes from `git rev-list --count`,
 * run alongside `git log` and read without waiting whenever progress is
 * reported; until it arrives the fraction stays 0. */
static void
poll_count (GitImporter *imp)
{
  char buf[64];

  if (imp->count_proc.pid == 0 || imp->count_done)
    return;
  for (;;)
    {
      ssize_t n = read (imp->count_proc.stdout_fd, buf, sizeof buf);

      if (n > 0)
        {
          g_string_append_len (imp->count_buf, buf, n);
          continue;
        }
      if (n == 0)
        {
          imp->count_done = TRUE;
          imp->total_commits = MAX (g_ascii_strtoll (imp->count_buf->str, NULL, 10), 0);
        }
      else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        imp->count_done = TRUE;
      return;
    }
}

static void
stop_count (GitImporter *imp)
{
  uc_child_wait (&imp->count_proc, !imp->count_done);
}

static void
start_count (GitImporter        *imp,
             const char * const *revs)
{
  g_autoptr(GPtrArray) env = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  UcSpawnOptions options;

  g_ptr_array_add (argv, (gpointer) "git");
  g_ptr_array_add (argv, (gpointer) "rev-list");
  g_ptr_array_add (argv, (gpointer) "--count");
  for (guint i = 0; revs[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) revs[i]);
  g_ptr_array_add (argv, NULL);

  git_spawn_options (imp->ctx, &options, env);
  /* The count only feeds the progress bar, so it yields the CPU to git
   * log and to the import; without it the import still works. */
  options.lower_priority = TRUE;
  imp->count_buf = g_string_new (NULL);
  imp->count_done = !uc_spawn ((const char * const *) argv->pdata, &options,
                               &imp->count_proc, NULL);
  if (!imp->count_done)
    g_unix_set_fd_nonblocking (imp->count_proc.stdout_fd, TRUE, NULL);
}

/* ---- reading the history: one `git log`, or two at once ----
 *
 * git computing the diffs is most of an import's time, and one `git log`
 * uses one core. A long history is therefore read by two processes at
 * once: `git log --max-count=K` (its first K commits, read as they come)
 * and `git log --skip=K` (the rest, which git writes to a temporary file
 * meanwhile, read once the first part is in, and as it grows until that
 * git is done). The two outputs one after
 * the other are byte for byte the output of the single `git log` (the same
 * walk over the same tips), so the import is the same, in the same order;
 * the count of commits that places K is the one the progress bar needs. */

/* From this many commits on, two processes (UC_GIT_SPLIT_MIN overrides it,
 * so tests can split small histories). */
#define SPLIT_MIN_COMMITS 4000

static gint64
split_min_commits (void)
{
  const char *env = g_getenv ("UC_GIT_SPLIT_MIN");

  if (env != NULL && *env != '\0')
    return g_ascii_strtoll (env, NULL, 10);
  return SPLIT_MIN_COMMITS;
}

typedef struct
{
  UcChild  proc;           /* stdout_fd -1 until started */
  char    *err_path;       /* owned: its standard error */
} GitLog;

#define GIT_LOG_INIT { { 0, -1 }, NULL }

static void
git_log_clear (GitLog *log)
{
  uc_child_wait (&log->proc, TRUE);
  if (log->err_path != NULL)
    {
      g_unlink (log->err_path);
      g_clear_pointer (&log->err_path, g_free);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GitLog, git_log_clear)

/* Start `git log` on @revs, with @extra options (NULL-terminated). */
static gboolean
git_log_start (UcImportContext     *ctx,
               const char * const  *revs,
               const char * const  *extra,
               GitLog              *log,
               GError             **error)
{
  g_autoptr(GPtrArray) env = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  UcSpawnOptions options;
  int err_fd;

  g_ptr_array_add (argv, (gpointer) "git");
  g_ptr_array_add (argv, (gpointer) "log");
  for (guint i = 0; i < G_N_ELEMENTS (git_log_options); i++)
    g_ptr_array_add (argv, (gpointer) git_log_options[i]);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  for (guint i = 0; revs[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) revs[i]);
  g_ptr_array_add (argv, NULL);

  /* git's messages go to a file: a pipe nobody reads could fill up. */
  err_fd = g_file_open_tmp ("undercurrent-git-XXXXXX.log", &log->err_path, &local_error);
  if (err_fd < 0)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not create a temporary file: %s"), local_error->message);
      return FALSE;
    }
  g_close (err_fd, NULL);

  git_spawn_options (ctx, &options, env);
  options.stderr_path = log->err_path;
  if (!uc_spawn ((const char * const *) argv->pdata, &options, &log->proc, &local_error))
    {
      set_spawn_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* Parse what @stream holds (taken over) as git's NUL-separated log. */
static gboolean
git_log_parse (GitImporter   *imp,
               GInputStream  *stream,
               GError       **error)
{
  UcImportReader reader;
  gboolean ok;

  _uc_import_reader_init (&reader, stream, NULL, imp->ctx->cancellable);
  reader.display_name = g_strdup_printf ("git log (%s)", imp->ctx->display_name);
  ok = parse_nul_stream (imp, &reader, error);
  _uc_import_reader_clear (&reader);
  return ok;
}

/* The error for a `git log` that exited with @status (not 0): its message. */
static gboolean
git_log_check (UcImportContext  *ctx,
               GitLog           *log,
               int               status,
               GError          **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *message = NULL;
  gsize len = 0;

  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    return TRUE;
  g_file_get_contents (log->err_path, &contents, &len, NULL);
  message = first_lines (contents != NULL ? contents : "", len);
  g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_TOOL,
               _("git log failed in “%s”: %s"), ctx->display_name, message);
  return FALSE;
}

/* Reap @child if it has exited: TRUE with its wait status in *@status. */
static gboolean
try_reap (UcChild *child,
          int     *status)
{
  pid_t pid;

  if (child->pid <= 0)
    return FALSE;
  do
    pid = waitpid (child->pid, status, WNOHANG);
  while (pid < 0 && errno == EINTR);
  if (pid == 0)
    return FALSE;
  if (pid < 0)
    *status = -1;
  g_spawn_close_pid (child->pid);
  child->pid = 0;
  if (child->stdout_fd >= 0)
    {
      g_close (child->stdout_fd, NULL);
      child->stdout_fd = -1;
    }
  return TRUE;
}

/* The file a `git log --output=FILE` is writing, read as it grows: a read
 * at its current end waits for more until that git has exited (then its
 * wait status is in *status and its pid is 0). */
#define GIT_TYPE_SPOOL_STREAM (git_spool_stream_get_type ())
G_DECLARE_FINAL_TYPE (GitSpoolStream, git_spool_stream, GIT, SPOOL_STREAM, GInputStream)

struct _GitSpoolStream
{
  GInputStream  parent_instance;
  int           fd;            /* owned */
  UcChild      *writer;        /* borrowed */
  int          *status;        /* borrowed */
};

G_DEFINE_FINAL_TYPE (GitSpoolStream, git_spool_stream, G_TYPE_INPUT_STREAM)

static gssize
git_spool_stream_read (GInputStream  *stream,
                       void          *buffer,
                       gsize          count,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GitSpoolStream *self = GIT_SPOOL_STREAM (stream);

  for (;;)
    {
      ssize_t n = read (self->fd, buffer, count);

      if (n > 0)
        return n;
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s",
                       g_strerror (saved));
          return -1;
        }
      /* At the end of what is written: the end of the file once git is
       * gone (read once more, for what it wrote just before). */
      if (self->writer->pid <= 0)
        return 0;
      if (try_reap (self->writer, self->status))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;
      g_usleep (2 * 1000);
    }
}

static gboolean
git_spool_stream_close (GInputStream  *stream,
                        GCancellable  *cancellable,
                        GError       **error)
{
  GitSpoolStream *self = GIT_SPOOL_STREAM (stream);

  if (self->fd >= 0)
    g_close (self->fd, NULL);
  self->fd = -1;
  return TRUE;
}

static void
git_spool_stream_class_init (GitSpoolStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  stream_class->read_fn = git_spool_stream_read;
  stream_class->close_fn = git_spool_stream_close;
}

static void
git_spool_stream_init (GitSpoolStream *self)
{
  self->fd = -1;
}

static GInputStream *
git_spool_stream_new (int      fd,
                      UcChild *writer,
                      int     *status)
{
  GitSpoolStream *self = g_object_new (GIT_TYPE_SPOOL_STREAM, NULL);

  self->fd = fd;
  self->writer = writer;
  self->status = status;
  return G_INPUT_STREAM (self);
}

/* The number of commits `git log` will show, or -1 when git cannot say. */
static gint64
count_commits (UcImportContext     *ctx,
               const char * const  *revs,
               GError             **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  const char *data;
  char *end = NULL;
  gint64 n;

  g_ptr_array_add (args, (gpointer) "rev-list");
  g_ptr_array_add (args, (gpointer) "--count");
  for (guint i = 0; revs[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) revs[i]);
  g_ptr_array_add (args, NULL);

  out = run_git_capture (ctx, (const char * const *) args->pdata, 0, NULL, &local_error);
  if (out == NULL)
    {
      /* git log will say what is wrong; only cancelling stops here. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  data = g_bytes_get_data (out, &len);
  text = g_strndup (data, len);
  n = g_ascii_strtoll (text, &end, 10);
  if (end == text || n < 0)
    return -1;
  return n;
}

/* One `git log`. @n_commits: the count, or -1 (then counted alongside, at
 * a lower priority, for the progress bar). */
static gboolean
import_history_single (GitImporter         *imp,
                       const char * const  *revs,
                       gint64               n_commits,
                       GError             **error)
{
  UcImportContext *ctx = imp->ctx;
  g_auto(GitLog) log = GIT_LOG_INIT;
  int status;
  gboolean ok;

  if (n_commits >= 0)
    imp->total_commits = n_commits;
  else
    start_count (imp, revs);

  if (!git_log_start (ctx, revs, NULL, &log, error))
    return FALSE;
  /* The reader owns the pipe from here on. */
  ok = git_log_parse (imp, g_unix_input_stream_new (log.proc.stdout_fd, TRUE), error);
  log.proc.stdout_fd = -1;
  stop_count (imp);
  status = uc_child_wait (&log.proc, !ok);
  return ok && git_log_check (ctx, &log, status, error);
}

/* Two `git log`s at once: the first @n_first commits, and the rest. */
static gboolean
import_history_split (GitImporter         *imp,
                      const char * const  *revs,
                      gint64               n_commits,
                      gint64               n_first,
                      GError             **error)
{
  UcImportContext *ctx = imp->ctx;
  g_auto(GitLog) first = GIT_LOG_INIT;
  g_auto(GitLog) rest = GIT_LOG_INIT;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *spool_path = NULL;
  g_autofree char *max_count = NULL;
  g_autofree char *skip = NULL;
  g_autofree char *output = NULL;
  int spool_fd, status;
  gboolean ok;

  imp->total_commits = n_commits;

  spool_fd = g_file_open_tmp ("undercurrent-git-XXXXXX.uclog", &spool_path, &local_error);
  if (spool_fd < 0)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not create a temporary file: %s"), local_error->message);
      return FALSE;
    }
  g_close (spool_fd, NULL);

  max_count = g_strdup_printf ("--max-count=%" G_GINT64_FORMAT, n_first);
  skip = g_strdup_printf ("--skip=%" G_GINT64_FORMAT, n_first);
  output = g_strconcat ("--output=", spool_path, NULL);
  {
    const char *rest_extra[] = { skip, output, NULL };
    const char *first_extra[] = { max_count, NULL };

    ok = git_log_start (ctx, revs, rest_extra, &rest, error) &&
         git_log_start (ctx, revs, first_extra, &first, error);
  }
  if (ok)
    {
      ok = git_log_parse (imp, g_unix_input_stream_new (first.proc.stdout_fd, TRUE), error);
      first.proc.stdout_fd = -1;
      status = uc_child_wait (&first.proc, !ok);
      ok = ok && git_log_check (ctx, &first, status, error);
    }
  if (ok)
    {
      /* The rest, as far as git has written it, then as it comes. */
      int fd = g_open (spool_path, O_RDONLY | O_CLOEXEC, 0);

      status = -1;
      if (fd < 0)
        {
          int saved = errno;

          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                       _("Could not read “%s”: %s"), spool_path, g_strerror (saved));
          ok = FALSE;
        }
      else
        ok = git_log_parse (imp, git_spool_stream_new (fd, &rest.proc, &status), error);
      if (ok && rest.proc.pid > 0)
        status = uc_child_wait (&rest.proc, FALSE);
      ok = ok && git_log_check (ctx, &rest, status, error);
    }
  g_unlink (spool_path);
  return ok;
}

static gboolean
git_repo_import (UcImportContext  *ctx,
                 GError          **error)
{
  g_auto(GitImporter) imp = { 0 };
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  GitRepoState *state = ctx->format_data;
  gint64 n_commits;

  /* The framework asks for the checksum first, which reads the refs. */
  g_assert (state != NULL);

  git_importer_init (&imp, ctx);
  imp.classic = FALSE;

  name = repo_name_for_folder (ctx->abs_path);
  imp.repo_id = uc_store_ensure_repo (ctx->store, name, "git", ctx->source_id, error);
  if (imp.repo_id <= 0)
    return FALSE;

  /* An empty repository: nothing to read. */
  if (!state->head_valid && !state->has_refs)
    return TRUE;

  revs = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (git_revs); i++)
    g_ptr_array_add (revs, (gpointer) git_revs[i]);
  if (state->head_valid)
    g_ptr_array_add (revs, (gpointer) "HEAD");
  g_ptr_array_add (revs, NULL);

  n_commits = count_commits (ctx, (const char * const *) revs->pdata, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (n_commits >= 2 && n_commits >= split_min_commits ())
    /* The first process also hands its output to the import as it goes,
     * so it gets a little more than half. */
    return import_history_split (&imp, (const char * const *) revs->pdata, n_commits,
                                 CLAMP (n_commits * 11 / 20, 1, n_commits - 1), error);
  return import_history_single (&imp, (const char * const *) revs->pdata, n_commits, error);
}

const UcImportFormat _uc_import_format_git_repo = {
  "git-repo",
  N_("Git repository"),
  UC_IMPORT_INPUT_FOLDER,
  git_repo_probe,
  git_repo_checksum,
  git_repo_import,
};

/* ---- git-log ---- */

static double
git_log_probe (const UcImportProbe *probe)
{
  const char *text = (const char *) probe->head;
  gsize len = probe->head_len, i = 0, w;

  if (probe->is_dir || text == NULL)
    return 0.0;

  if (len > GIT_MARKER_LEN + 41 &&
      memcmp (text, GIT_MARKER "\0", GIT_MARKER_LEN + 1) == 0 &&
      is_hex_sha (text + GIT_MARKER_LEN + 1,
                  strnlen (text + GIT_MARKER_LEN + 1, len - GIT_MARKER_LEN - 1)))
    return 1.0;

  /* The classic text: "commit <sha>" first, then headers. */
  while (i < len && g_ascii_isspace (text[i]))
    i++;
  if (len - i < 47 || memcmp (text + i, "commit ", 7) != 0)
    return 0.0;
  i += 7;
  for (w = i; w < len && g_ascii_isxdigit (text[w]); w++)
    ;
  if (!is_hex_sha (text + i, w - i) || (w < len && text[w] != ' ' && text[w] != '\n' &&
                                        text[w] != '\r'))
    return 0.0;
  {
    g_autofree char *rest = g_strndup (text + w, MIN (len - w, 4096));

    if (strstr (rest, "\nAuthor:") != NULL)
      return 0.95;
  }
  return 0.6;
}

/* File basename without its extension: "shop.uclog" → "shop". */
static char *
repo_name_for_file (const char *abs_path)
{
  g_autofree char *base = g_path_get_basename (abs_path);
  g_autofree char *utf8 = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  if (g_str_has_suffix (base, ".git") && strlen (base) > 4)
    base[strlen (base) - 4] = '\0';
  utf8 = g_filename_display_name (base);
  if (*utf8 == '\0')
    return g_strdup ("repository");
  return g_steal_pointer (&utf8);
}

static gboolean
git_log_import (UcImportContext  *ctx,
                GError          **error)
{
  g_auto(GitImporter) imp = { 0 };
  g_autofree char *name = NULL;
  UcImportReader reader;
  const char *head;
  gsize available = 0;
  gboolean ok;

  git_importer_init (&imp, ctx);

  name = repo_name_for_file (ctx->abs_path);
  imp.repo_id = uc_store_ensure_repo (ctx->store, name, "git", ctx->source_id, error);
  if (imp.repo_id <= 0)
    return FALSE;

  if (!_uc_import_reader_open (&reader, ctx, error))
    return FALSE;

  head = _uc_import_reader_peek (&reader, GIT_MARKER_LEN + 1, &available, error);
  if (head == NULL)
    {
      _uc_import_reader_clear (&reader);
      return FALSE;
    }
  if (available >= GIT_MARKER_LEN + 1 && memcmp (head, GIT_MARKER "\0", GIT_MARKER_LEN + 1) == 0)
    {
      imp.classic = FALSE;
      ok = parse_nul_stream (&imp, &reader, error);
    }
  else
    {
      imp.classic = TRUE;
      ok = parse_classic_stream (&imp, &reader, error);
    }
  _uc_import_reader_clear (&reader);
  return ok;
}

const UcImportFormat _uc_import_format_git_log = {
  "git-log",
  N_("Git log export"),
  UC_IMPORT_INPUT_FILE,
  git_log_probe,
  NULL,
  git_log_import,
};
