/* uc-text-flags.c: what importers derive from text that is then thrown away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "uc-text-flags.h"

/* ---- matching primitives ---- */

static inline gboolean
is_word (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c >= 0x80;
}

static inline gboolean
is_blank (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline char
lower (char c)
{
  return (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
}

static inline gsize
text_length (const char *text,
             gssize      len)
{
  return len < 0 ? strlen (text) : (gsize) len;
}

/* Match @pat at @pos: letters compare ASCII case-insensitively, a space
 * matches one or more blanks or dashes, an apostrophe matches ' or ’, and a
 * final '*' matches the rest of the word. Returns the end, or -1. */
static gssize
match_pattern (const char *t,
               gsize       len,
               gsize       pos,
               const char *pat)
{
  gsize i = pos;

  for (const char *p = pat; *p != '\0'; p++)
    {
      if (p[0] == '*' && p[1] == '\0')
        {
          while (i < len && is_word (t[i]))
            i++;
          return (gssize) i;
        }
      if (*p == ' ')
        {
          gsize s = i;

          while (i < len && (is_blank (t[i]) || t[i] == '-'))
            i++;
          if (i == s)
            return -1;
          continue;
        }
      if (*p == '\'')
        {
          if (i < len && t[i] == '\'')
            i++;
          else if (i + 2 < len && (guchar) t[i] == 0xE2 && (guchar) t[i + 1] == 0x80 &&
                   (guchar) t[i + 2] == 0x99)
            i += 3;
          else
            return -1;
          continue;
        }
      if (i >= len || lower (t[i]) != lower (*p))
        return -1;
      i++;
    }
  return (gssize) i;
}

typedef struct
{
  const char *pat;
  gsize       len;
  char        first;       /* lower-cased, or 0 when it is not a plain letter */
  gboolean    word_start;  /* the pattern starts with a word character */
  gboolean    word_end;    /* … and ends with one (not '*') */
} Pattern;

static void
compile_patterns (const char * const *patterns,
                  Pattern            *pats,
                  guint               n)
{
  for (guint k = 0; k < n; k++)
    {
      const char *pat = patterns[k];
      gsize plen = strlen (pat);
      guchar last = plen > 0 ? (guchar) pat[plen - 1] : 0;

      pats[k].pat = pat;
      pats[k].len = plen;
      pats[k].first = (plen > 0 && pat[0] != '\'' && pat[0] != ' ' && pat[0] != '*') ? lower (pat[0]) : 0;
      pats[k].word_start = plen > 0 && is_word (pat[0]);
      pats[k].word_end = plen > 0 && last != '*' && is_word (last);
    }
}

/* Which patterns can start at a byte, for lists of at most 64 patterns:
 * the scan then tries only those, instead of every pattern at every
 * position (this scan was the largest cost of a chat import). */
typedef struct
{
  guint64 by_first[256];   /* bit k: pattern k starts with this lower-cased byte */
  guint64 any_first;       /* patterns starting with a blank, quote or '*' */
  guint64 word_start;      /* patterns starting with a word character */
} PatternIndex;

#define INDEX_MAX_PATTERNS 64

static void
index_patterns (const Pattern *pats,
                guint          n,
                PatternIndex  *index)
{
  memset (index, 0, sizeof *index);
  g_assert (n <= INDEX_MAX_PATTERNS);
  for (guint k = 0; k < n; k++)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << k;

      if (pats[k].len == 0)
        continue;
      if (pats[k].first != 0)
        index->by_first[(guchar) pats[k].first] |= bit;
      else
        index->any_first |= bit;
      if (pats[k].word_start)
        index->word_start |= bit;
    }
}

static inline gboolean
match_at (const char    *t,
          gsize          len,
          gsize          pos,
          const Pattern *p)
{
  gssize end = match_pattern (t, len, pos, p->pat);

  if (end < 0)
    return FALSE;
  return !(p->word_end && (gsize) end < len && is_word (t[end]));
}

static gboolean
find_compiled (const char         *t,
               gsize               len,
               const Pattern      *pats,
               guint               n,
               const PatternIndex *index)
{
  gboolean all_word_start = TRUE;

  if (index != NULL)
    {
      for (gsize pos = 0; pos < len; pos++)
        {
          guint64 cand = index->by_first[(guchar) lower (t[pos])] | index->any_first;
          guchar prev;

          if (cand == 0)
            continue;
          prev = pos > 0 ? (guchar) t[pos - 1] : ' ';
          /* Word patterns start after a non-word byte, the others after
           * a blank or at the start. */
          if (is_word (prev))
            cand &= ~index->word_start;
          if (!(pos == 0 || is_blank (prev)))
            cand &= index->word_start;
          while (cand != 0)
            {
              guint k = (guint) __builtin_ctzll (cand);

              cand &= cand - 1;
              if (match_at (t, len, pos, &pats[k]))
                return TRUE;
            }
        }
      return FALSE;
    }

  for (guint k = 0; k < n; k++)
    if (!pats[k].word_start)
      all_word_start = FALSE;

  for (gsize pos = 0; pos < len; pos++)
    {
      guchar prev = pos > 0 ? (guchar) t[pos - 1] : ' ';
      gboolean prev_word = is_word (prev);
      char lc;

      /* Inside a word only patterns that start with punctuation can begin. */
      if (prev_word && all_word_start)
        continue;
      lc = lower (t[pos]);
      for (guint k = 0; k < n; k++)
        {
          const Pattern *p = &pats[k];

          if (p->len == 0)
            continue;
          /* Quick reject on the first character. */
          if (p->first != 0 && p->first != lc)
            continue;
          if (p->word_start ? prev_word : !(pos == 0 || is_blank (prev)))
            continue;
          if (match_at (t, len, pos, p))
            return TRUE;
        }
    }
  return FALSE;
}

/* TRUE when one of @patterns occurs in @t on word boundaries. */
static gboolean
find_any_pattern (const char         *t,
                  gsize               len,
                  const char * const *patterns)
{
  Pattern stack[48];
  g_autofree Pattern *heap = NULL;
  Pattern *pats = stack;
  guint n = 0;

  while (patterns[n] != NULL)
    n++;
  if (n > G_N_ELEMENTS (stack))
    pats = heap = g_new (Pattern, n);
  compile_patterns (patterns, pats, n);
  if (n <= INDEX_MAX_PATTERNS)
    {
      PatternIndex index;

      index_patterns (pats, n, &index);
      return find_compiled (t, len, pats, n, &index);
    }
  return find_compiled (t, len, pats, n, NULL);
}

/* A built-in list, compiled once. */
typedef struct
{
  gsize         once;
  Pattern       pats[48];
  guint         n;
  PatternIndex  index;
} CompiledList;

static const Pattern *
compiled_list (CompiledList        *list,
               const char * const  *patterns,
               guint               *n,
               const PatternIndex **index)
{
  if (g_once_init_enter (&list->once))
    {
      guint count = 0;

      while (patterns[count] != NULL)
        count++;
      g_assert (count <= G_N_ELEMENTS (list->pats));
      compile_patterns (patterns, list->pats, count);
      index_patterns (list->pats, count, &list->index);
      list->n = count;
      g_once_init_leave (&list->once, 1);
    }
  *n = list->n;
  *index = &list->index;
  return list->pats;
}

/* ---- revert / fix ---- */

static const char * const revert_patterns[] = {
  "revert", "reverts", "reverted", "reverting",
  "rollback", "rollbacks", "roll back", "rolls back", "rolled back", "rolling back",
  "backout", "back out", "backs out", "backed out", "backing out",
  NULL
};

static const char * const fix_patterns[] = {
  "fix", "fixes", "fixed", "fixing",
  "bug", "bugs", "bugfix", "bugfixes",
  "hotfix", "hotfixes", "hotfixed",
  "regression", "regressions",
  NULL
};

gboolean
uc_text_is_revert (const char *text,
                   gssize      len)
{
  static CompiledList compiled;
  const PatternIndex *index;
  const Pattern *pats;
  guint n;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (text == NULL)
    return FALSE;
  pats = compiled_list (&compiled, revert_patterns, &n, &index);
  return find_compiled (text, text_length (text, len), pats, n, index);
}

gboolean
uc_text_is_fix (const char *text,
                gssize      len)
{
  static CompiledList compiled;
  const PatternIndex *index;
  const Pattern *pats;
  guint n;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (text == NULL)
    return FALSE;
  pats = compiled_list (&compiled, fix_patterns, &n, &index);
  return find_compiled (text, text_length (text, len), pats, n, index);
}

/* ---- objection markers ---- */

static const char * const default_objection_markers[] = {
  "disagree*",
  "I don't think",
  "I dont think",
  "I do not think",
  "concern*",
  "worried",
  "worry",
  "not sure",
  "unsure",
  "why not",
  "instead",
  "blocker*",
  "-1",
  "nack",
  "I'd rather",
  "I would rather",
  "push back",
  "pushback",
  "does this break",
  "will this break",
  "risk*",
  "not convinced",
  "object to",
  "objection*",
  "not a fan",
  "doesn't make sense",
  "does not make sense",
  NULL
};

const char * const *
uc_text_default_objection_markers (void)
{
  return default_objection_markers;
}

GStrv
uc_text_parse_objection_markers (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

gboolean
uc_text_has_objection (const char          *text,
                       gssize               len,
                       const char * const  *markers)
{
  static CompiledList compiled;
  const PatternIndex *index;
  const Pattern *pats;
  guint n;

  if (text == NULL)
    return FALSE;
  if (markers != NULL && markers != default_objection_markers)
    return find_any_pattern (text, text_length (text, len), markers);
  pats = compiled_list (&compiled, default_objection_markers, &n, &index);
  return find_compiled (text, text_length (text, len), pats, n, index);
}

/* ---- ticket keys ---- */

static const char * const ticket_key_denylist[] = {
  "AES", "AGPL", "AMD", "ANSI", "ARM", "ARMV", "AVX", "BIG5", "BLAKE", "BSD",
  "CC", "CCITT", "CP", "CRC", "CVE", "CVSS", "CWE", "DES", "DSA", "ECMA",
  "ED", "ES", "EUC", "FIPS", "GB", "GHSA", "GPL", "HMAC", "HTTP", "HTTPS",
  "IBM", "IEC", "IEEE", "IPV", "ISO", "JIS", "JSR", "KOI", "KOI8", "LATIN",
  "LGPL", "MD", "MPL", "NIST", "OWASP", "PBKDF", "PEP", "RC", "RFC", "RSA",
  "SHA", "SHAKE", "SSE", "SSL", "TLS", "UCS", "UTF", "UUID", "WIN", "WINDOWS",
  "X64", "X86",
  NULL
};

const char * const *
uc_text_ticket_key_denylist (void)
{
  return ticket_key_denylist;
}

static gboolean
denied_project (const char *t,
                gsize       len)
{
  for (guint i = 0; ticket_key_denylist[i] != NULL; i++)
    if (strlen (ticket_key_denylist[i]) == len &&
        memcmp (ticket_key_denylist[i], t, len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_key (GPtrArray  *keys,
         const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

static guint
add_key (GPtrArray  *keys,
         const char *t,
         gsize       len)
{
  g_autofree char *key = g_strndup (t, len);

  if (has_key (keys, key))
    return 0;
  g_ptr_array_add (keys, g_steal_pointer (&key));
  return 1;
}

/* Digits at @pos (at most 10), not followed by a word character or by
 * ".digit"/"-digit" (versions, dates). Returns the end or 0. */
static gsize
number_end (const char *t,
            gsize       len,
            gsize       pos)
{
  gsize i = pos;

  while (i < len && g_ascii_isdigit (t[i]) && i - pos < 11)
    i++;
  if (i == pos || i - pos > 10)
    return 0;
  if (i < len && is_word (t[i]))
    return 0;
  if (i + 1 < len && (t[i] == '.' || t[i] == '-') && g_ascii_isdigit (t[i + 1]))
    return 0;
  return i;
}

static inline gboolean
is_repo_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '-';
}

guint
uc_text_collect_ticket_keys (const char *text,
                             gssize      len_,
                             GPtrArray  *keys)
{
  gsize len;
  guint n_added = 0;

  g_return_val_if_fail (keys != NULL, 0);

  if (text == NULL)
    return 0;
  len = text_length (text, len_);

  for (gsize pos = 0; pos < len; pos++)
    {
      guchar c = (guchar) text[pos];
      guchar prev = pos > 0 ? (guchar) text[pos - 1] : ' ';

      if (c >= 'A' && c <= 'Z' && !is_word (prev) && prev != '-')
        {
          gsize i = pos + 1, end;

          while (i < len && ((text[i] >= 'A' && text[i] <= 'Z') ||
                             g_ascii_isdigit (text[i]) || text[i] == '_'))
            i++;
          if (i - pos < 2 || i >= len || text[i] != '-')
            {
              pos = i > pos ? i - 1 : pos;
              continue;
            }
          end = number_end (text, len, i + 1);
          if (end == 0 || denied_project (text + pos, i - pos))
            {
              pos = i;
              continue;
            }
          n_added += add_key (keys, text + pos, end - pos);
          pos = end - 1;
        }
      else if (c == '#')
        {
          gsize end = number_end (text, len, pos + 1);
          gsize owner_start, slash;

          if (end == 0)
            continue;
          /* An all-zero number is not an issue. */
          if (strspn (text + pos + 1, "0") >= end - pos - 1)
            continue;

          /* owner/repo#N */
          slash = pos;
          while (slash > 0 && is_repo_char (text[slash - 1]))
            slash--;
          if (slash < pos && slash > 0 && text[slash - 1] == '/')
            {
              owner_start = slash - 1;
              while (owner_start > 0 && is_repo_char (text[owner_start - 1]))
                owner_start--;
              if (owner_start < slash - 1 &&
                  (owner_start == 0 || !(is_word (text[owner_start - 1]) ||
                                         text[owner_start - 1] == '/')))
                {
                  n_added += add_key (keys, text + owner_start, end - owner_start);
                  pos = end - 1;
                  continue;
                }
            }
          if (is_word (prev) || prev == '&' || prev == '#' || prev == '/')
            continue;
          n_added += add_key (keys, text + pos, end - pos);
          pos = end - 1;
        }
    }
  return n_added;
}

GPtrArray *
uc_text_find_ticket_keys (const char *text,
                          gssize      len)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  uc_text_collect_ticket_keys (text, len, keys);
  return keys;
}

/* ---- trailers ---- */

static gboolean
is_trailer_line (const char *line,
                 gsize       len)
{
  gsize i = 0;

  if (len == 0 || !g_ascii_isalnum (line[0]))
    return FALSE;
  while (i < len && (g_ascii_isalnum (line[i]) || line[i] == '-' || line[i] == '_'))
    i++;
  return i < len && line[i] == ':' && (i + 1 == len || is_blank (line[i + 1]));
}

gssize
uc_text_trailer_block (const char *text,
                       gssize      len_)
{
  gsize len, start, pos;
  gboolean any = FALSE;

  if (text == NULL)
    return -1;
  len = text_length (text, len_);
  while (len > 0 && is_blank (text[len - 1]))
    len--;
  if (len == 0)
    return -1;

  /* The start of the last paragraph: after the last blank line. */
  start = 0;
  pos = 0;
  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize line_end = nl ? (gsize) (nl - text) : len;
      gboolean blank = TRUE;

      for (gsize i = pos; i < line_end; i++)
        if (!is_blank (text[i]))
          {
            blank = FALSE;
            break;
          }
      if (blank)
        start = line_end + 1;
      pos = line_end + 1;
    }
  if (start >= len)
    return -1;

  /* Every line a trailer or a continuation of one. */
  pos = start;
  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize line_end = nl ? (gsize) (nl - text) : len;
      gsize line_len = line_end - pos;

      if (line_len > 0 && text[line_end - 1] == '\r')
        line_len--;
      if (is_trailer_line (text + pos, line_len))
        any = TRUE;
      else if (line_len >= 27 && strncmp (text + pos, "(cherry picked from commit ", 27) == 0)
        ;   /* git counts it as part of the trailers */
      else if (!(any && line_len > 0 && is_blank (text[pos])))
        return -1;
      pos = line_end + 1;
    }
  return any ? (gssize) start : -1;
}

void
uc_text_split_name_email (const char  *text,
                          gssize       len_,
                          char       **name,
                          char       **email)
{
  gsize len, s = 0;
  const char *lt = NULL;

  g_return_if_fail (name != NULL && email != NULL);

  if (text == NULL)
    {
      *name = g_strdup ("");
      *email = g_strdup ("");
      return;
    }
  len = text_length (text, len_);
  while (s < len && is_blank (text[s]))
    s++;
  while (len > s && is_blank (text[len - 1]))
    len--;

  if (len > s && text[len - 1] == '>')
    for (gsize i = len - 1; i > s; i--)
      if (text[i - 1] == '<')
        {
          lt = text + i - 1;
          break;
        }

  if (lt != NULL)
    {
      gsize name_end = (gsize) (lt - text);

      while (name_end > s && is_blank (text[name_end - 1]))
        name_end--;
      *name = g_strndup (text + s, name_end - s);
      *email = g_strndup (lt + 1, (gsize) (text + len - 1 - (lt + 1)));
      g_strstrip (*email);
    }
  else if (memchr (text + s, '@', len - s) != NULL &&
           memchr (text + s, ' ', len - s) == NULL)
    {
      *name = g_strdup ("");
      *email = g_strndup (text + s, len - s);
    }
  else
    {
      *name = g_strndup (text + s, len - s);
      *email = g_strdup ("");
    }
}

/* ---- accounts ---- */

/* Tokens that may follow an assistant's name: models, versions, products. */
static const char * const model_words[] = {
  "agent", "ai", "assist", "assistant", "bot", "chat", "cli", "code", "coder",
  "coding", "connector", "developer", "flash", "haiku", "integration", "max",
  "mini", "nano", "opus", "preview", "pro", "sonnet", "swe", "turbo", "ultra",
  "anthropic", "openai", "github", "google", "aws", "amazon",
  NULL
};

/* Names that are only ever an AI assistant. Multi-word entries use '-'. */
static const char * const ai_brands[] = {
  "aider", "amazon-q", "chatgpt", "cline-bot", "codeium", "codewhisperer", "codex",
  "copilot", "gemini", "github-copilot", "gpt", "openai", "openai-codex", "openhands",
  "q-developer", "tabnine", "windsurf", "claude-code", "cursor-agent", "cursoragent",
  "devin-ai", "sweep-ai", "jules-agent", "roo-code",
  NULL
};

/* Names that are also human first names: an AI only with a model word. */
static const char * const ai_ambiguous[] = {
  "claude", "cursor", "devin", "jules", "cline", "sweep",
  NULL
};

static const char * const ai_addresses[] = {
  "noreply@anthropic.com", "claude@anthropic.com", "noreply@openai.com",
  "codex@openai.com", "cursoragent@cursor.com", "agent@cursor.com",
  "noreply@aider.chat", "aider@aider.chat", "devin@cognition.ai",
  "devin-ai-integration@cognition.ai", "openhands@all-hands.dev",
  "noreply@cline.bot", "copilot@github.com", "noreply@tabnine.com",
  "noreply@codeium.com", "noreply@windsurf.com",
  NULL
};

static gboolean
in_list (const char * const *list,
         const char         *word)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (list[i], word))
      return TRUE;
  return FALSE;
}

/* Lower-case @text, drop "[bot]" and parenthesised parts, and join the
 * words with single dashes: "Claude Opus 4 (Anthropic)" → "claude-opus-4". */
static char *
normalise_name (const char *text)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '(' || c == '[')
        {
          depth++;
          continue;
        }
      if (c == ')' || c == ']')
        {
          depth = MAX (depth - 1, 0);
          continue;
        }
      if (depth > 0)
        continue;
      if (is_blank (c) || c == '-' || c == '_' || c == '.' || c == '/')
        {
          if (out->len > 0 && out->str[out->len - 1] != '-')
            g_string_append_c (out, '-');
          continue;
        }
      g_string_append_c (out, g_ascii_tolower (c));
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static gboolean
is_model_word (const char *word)
{
  if (in_list (model_words, word))
    return TRUE;
  for (const char *p = word; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;    /* "4", "4o", "3.5" split into "3" "5", "o1"… */
  return FALSE;
}

/* @norm starts with @brand (dash-joined), followed by the end or by model
 * words only. *@n_rest is the number of words after the brand. */
static gboolean
brand_match (const char *norm,
             const char *brand,
             guint      *n_rest)
{
  gsize blen = strlen (brand);
  g_auto(GStrv) rest = NULL;

  *n_rest = 0;
  if (strncmp (norm, brand, blen) != 0)
    return FALSE;
  if (norm[blen] == '\0')
    return TRUE;
  /* "gpt4o", "gpt-4o": the brand may run straight into a version. */
  if (norm[blen] != '-' && !(g_str_equal (brand, "gpt") && g_ascii_isdigit (norm[blen])))
    return FALSE;
  rest = g_strsplit (norm + blen + (norm[blen] == '-' ? 1 : 0), "-", -1);
  for (guint i = 0; rest[i] != NULL; i++)
    {
      if (rest[i][0] == '\0')
        continue;
      if (!is_model_word (rest[i]))
        return FALSE;
      (*n_rest)++;
    }
  return TRUE;
}

/* The local part of a GitHub/GitLab no-reply address names an assistant:
 * "198982749+Copilot@users.noreply.github.com", "claude[bot]@…". */
static gboolean
noreply_local_is_ai (const char *email)
{
  const char *at = strchr (email, '@');
  const char *local = email;
  g_autofree char *norm = NULL;
  g_autofree char *copy = NULL;
  guint n_rest;

  if (at == NULL)
    return FALSE;
  if (!g_str_has_suffix (at, "noreply.github.com") && !g_str_has_suffix (at, "noreply.gitlab.com"))
    return FALSE;
  for (const char *p = email; p < at; p++)
    if (*p == '+')
      local = p + 1;
  copy = g_strndup (local, (gsize) (at - local));
  norm = normalise_name (copy);
  if (*norm == '\0')
    return FALSE;
  for (guint i = 0; ai_brands[i] != NULL; i++)
    if (brand_match (norm, ai_brands[i], &n_rest))
      return TRUE;
  /* With "[bot]" in the address an ambiguous name is an app, not a person. */
  if (strstr (copy, "[bot]") != NULL)
    for (guint i = 0; ai_ambiguous[i] != NULL; i++)
      if (brand_match (norm, ai_ambiguous[i], &n_rest))
        return TRUE;
  return FALSE;
}

gboolean
uc_text_is_ai_assistant (const char *name,
                         const char *email)
{
  if (email != NULL && *email != '\0')
    {
      g_autofree char *lower = g_ascii_strdown (email, -1);

      g_strstrip (lower);
      if (in_list (ai_addresses, lower) || noreply_local_is_ai (lower))
        return TRUE;
    }

  if (name != NULL && *name != '\0')
    {
      g_autofree char *norm = normalise_name (name);
      guint n_rest;

      if (*norm == '\0')
        return FALSE;
      for (guint i = 0; ai_brands[i] != NULL; i++)
        if (brand_match (norm, ai_brands[i], &n_rest))
          return TRUE;
      for (guint i = 0; ai_ambiguous[i] != NULL; i++)
        if (brand_match (norm, ai_ambiguous[i], &n_rest) &&
            (n_rest > 0 || email == NULL || *email == '\0'))
          return TRUE;
    }
  return FALSE;
}

static const char * const bot_accounts[] = {
  "all-contributors", "allcontributors", "azure-pipelines", "bors", "bors-ng",
  "buildkite", "circleci", "codecov", "codecov-commenter", "codecov-io",
  "coderabbitai", "deepsource-autofix", "dependabot", "dependabot-preview",
  "github-action", "github-actions", "gitlab-bot", "gitter-badger", "greenkeeper",
  "greenkeeperio-bot", "homu", "imgbot", "k8s-ci-robot", "kodiakhq", "lgtm-com",
  "mend-bolt", "mergify", "netlify", "pre-commit-ci", "pyup-bot", "renovate",
  "renovate-bot", "renovatebot", "restyled-io", "semantic-release-bot", "snyk-bot",
  "sonarcloud", "travis-ci", "vercel", "web-flow", "whitesource-bolt",
  NULL
};

static const char * const bot_addresses[] = {
  "noreply@github.com", "actions@github.com", "action@github.com",
  "support@dependabot.com", "bot@renovateapp.com", "renovate@whitesourcesoftware.com",
  "snyk-bot@snyk.io", "bot@greenkeeper.io", "noreply@mergify.io",
  NULL
};

static gboolean
name_is_bot (const char *text)
{
  g_autofree char *norm = NULL;
  const char *last;

  if (text == NULL || *text == '\0')
    return FALSE;
  {
    g_autofree char *lower = g_ascii_strdown (text, -1);

    g_strstrip (lower);
    if (g_str_has_suffix (lower, "[bot]"))
      return TRUE;
  }

  norm = normalise_name (text);
  if (*norm == '\0')
    return FALSE;
  for (guint i = 0; bot_accounts[i] != NULL; i++)
    {
      gsize blen = strlen (bot_accounts[i]);

      if (strncmp (norm, bot_accounts[i], blen) == 0 &&
          (norm[blen] == '\0' || norm[blen] == '-'))
        return TRUE;
    }
  last = strrchr (norm, '-');
  last = last != NULL ? last + 1 : norm;
  return last != norm && (g_str_equal (last, "bot") || g_str_equal (last, "robot"));
}

gboolean
uc_text_is_agent_account (const char *name,
                          const char *id)
{
  if (name_is_bot (name))
    return TRUE;

  if (id != NULL && *id != '\0')
    {
      g_autofree char *lower = g_ascii_strdown (id, -1);
      const char *at;

      g_strstrip (lower);
      if (in_list (bot_addresses, lower) || strstr (lower, "[bot]") != NULL)
        return TRUE;
      at = strchr (lower, '@');
      if (at == NULL)
        {
          if (name_is_bot (lower))
            return TRUE;
        }
      else
        {
          const char *local = lower;
          g_autofree char *copy = NULL;

          /* Only no-reply addresses carry a login in their local part. */
          if (strstr (at, "noreply") != NULL)
            {
              for (const char *p = lower; p < at; p++)
                if (*p == '+')
                  local = p + 1;
              copy = g_strndup (local, (gsize) (at - local));
              if (name_is_bot (copy))
                return TRUE;
            }
        }
    }

  return uc_text_is_ai_assistant (name, id);
}

gboolean
uc_text_find_ai_coauthor (const char  *text,
                          gssize       len_,
                          char       **name,
                          char       **email)
{
  static const char prefix[] = "co-authored-by:";
  gsize len, pos = 0;

  if (name != NULL)
    *name = NULL;
  if (email != NULL)
    *email = NULL;
  if (text == NULL)
    return FALSE;
  len = text_length (text, len_);

  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize line_end = nl ? (gsize) (nl - text) : len;
      gsize s = pos;

      while (s < line_end && is_blank (text[s]))
        s++;
      if (line_end - s > sizeof prefix - 1 &&
          g_ascii_strncasecmp (text + s, prefix, sizeof prefix - 1) == 0)
        {
          g_autofree char *who_name = NULL;
          g_autofree char *who_email = NULL;

          s += sizeof prefix - 1;
          uc_text_split_name_email (text + s, line_end - s, &who_name, &who_email);
          if (uc_text_is_ai_assistant (who_name, who_email))
            {
              if (name != NULL)
                *name = g_steal_pointer (&who_name);
              if (email != NULL)
                *email = g_steal_pointer (&who_email);
              return TRUE;
            }
        }
      pos = line_end + 1;
    }
  return FALSE;
}
