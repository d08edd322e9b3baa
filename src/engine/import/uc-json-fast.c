/* uc-json-fast.c: a quick JSON parser for the records importers read.
 *
 * Importers parse every record of an export into a json-glib tree, and
 * json-glib's own parser (a GScanner that looks at every byte through
 * character sets, a GObject and signals per document) was most of the time
 * of a JSON import. This parser builds the same tree directly, for the
 * plain, strict JSON that exports are made of, and gives up (returns NULL)
 * on anything else, so that the caller falls back to json-glib, which
 * then accepts what it accepts and words the errors as it always did:
 *
 *   - numbers with an exponent, integers of more than 18 digits;
 *   - strings with a control character, bytes that are not UTF-8, \u0000
 *     or an unpaired surrogate escape;
 *   - an empty or repeated member name in an object;
 *   - nesting deeper than UC_JSON_FAST_MAX_DEPTH;
 *   - any syntax error, and anything after the value but blanks.
 *
 * What it does accept gives exactly the tree json-glib would: integers as
 * gint64, numbers with a fraction as doubles (g_ascii_strtod), members in
 * document order. The nodes are not sealed (json-glib's immutable parser
 * seals them); nothing in the importers changes a tree it parsed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "uc-json-fast.h"

#define UC_JSON_FAST_MAX_DEPTH 256

typedef struct
{
  const char *p;
  const char *end;
  GString    *scratch;      /* unescaped strings, NUL-terminated */
  guint       depth;
} Parser;

static JsonNode *parse_value (Parser *ps);

static inline void
skip_blanks (Parser *ps)
{
  while (ps->p < ps->end &&
         (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t'))
    ps->p++;
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser   *ps,
           gunichar *out)
{
  gunichar v = 0;

  if (ps->end - ps->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (ps->p[i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | (gunichar) h;
    }
  ps->p += 4;
  *out = v;
  return TRUE;
}

/* What a byte is inside a string: 0 plain ASCII, else what to look at. */
enum
{
  CH_PLAIN,
  CH_QUOTE,
  CH_BACKSLASH,
  CH_CONTROL,
  CH_HIGH,
};

static const guint8 string_class[256] = {
  /* 0x00-0x1F: control characters */
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  ['"'] = CH_QUOTE,
  ['\\'] = CH_BACKSLASH,
  /* 0x80-0xFF: UTF-8 sequences */
  [0x80] = 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* Read a string (ps->p is just after the opening quote) into
 * ps->scratch. */
static gboolean
read_string (Parser *ps)
{
  GString *s = ps->scratch;
  gboolean high = FALSE;
  const char *run;

  g_string_truncate (s, 0);
  run = ps->p;
  for (;;)
    {
      guchar c;

      /* Plain bytes, the bulk of any string. */
      while (ps->p < ps->end && string_class[(guchar) *ps->p] == CH_PLAIN)
        ps->p++;
      if (ps->p >= ps->end)
        return FALSE;
      c = (guchar) *ps->p;
      switch (string_class[c])
        {
        case CH_QUOTE:
          g_string_append_len (s, run, ps->p - run);
          ps->p++;
          return !high || g_utf8_validate_len (s->str, s->len, NULL);
        case CH_CONTROL:
          return FALSE;
        case CH_HIGH:
          high = TRUE;
          ps->p++;
          continue;
        default:
          break;
        }

      /* A backslash. */
      g_string_append_len (s, run, ps->p - run);
      ps->p++;
      if (ps->p >= ps->end)
        return FALSE;
      c = (guchar) *ps->p++;
      switch (c)
        {
        case '"': g_string_append_c (s, '"'); break;
        case '\\': g_string_append_c (s, '\\'); break;
        case '/': g_string_append_c (s, '/'); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          {
            gunichar u, low;

            if (!read_hex4 (ps, &u) || u == 0 || (u >= 0xDC00 && u <= 0xDFFF))
              return FALSE;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u')
                  return FALSE;
                ps->p += 2;
                if (!read_hex4 (ps, &low) || low < 0xDC00 || low > 0xDFFF)
                  return FALSE;
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            g_string_append_unichar (s, u);
          }
          break;
        default:
          return FALSE;
        }
      run = ps->p;
    }
}

static JsonNode *
parse_number (Parser *ps)
{
  const char *start = ps->p;
  const char *digits;
  gboolean fraction = FALSE;
  JsonNode *node;

  if (ps->p < ps->end && *ps->p == '-')
    ps->p++;
  digits = ps->p;
  if (ps->p >= ps->end || !g_ascii_isdigit (*ps->p))
    return NULL;
  if (*ps->p == '0')
    ps->p++;
  else
    while (ps->p < ps->end && g_ascii_isdigit (*ps->p))
      ps->p++;
  if (ps->p < ps->end && *ps->p == '.')
    {
      ps->p++;
      if (ps->p >= ps->end || !g_ascii_isdigit (*ps->p))
        return NULL;
      while (ps->p < ps->end && g_ascii_isdigit (*ps->p))
        ps->p++;
      fraction = TRUE;
    }
  /* Exponents: json-glib's word for them is its own. */
  if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E'))
    return NULL;

  node = json_node_alloc ();
  if (fraction)
    {
      char buf[64];
      gsize n = (gsize) (ps->p - start);

      if (n >= sizeof buf)
        {
          json_node_unref (node);
          return NULL;
        }
      memcpy (buf, start, n);
      buf[n] = '\0';
      json_node_init_double (node, g_ascii_strtod (buf, NULL));
    }
  else
    {
      gint64 v = 0;

      if (ps->p - digits > 18)
        {
          json_node_unref (node);
          return NULL;
        }
      for (const char *d = digits; d < ps->p; d++)
        v = v * 10 + (*d - '0');
      json_node_init_int (node, *start == '-' ? -v : v);
    }
  return node;
}

static gboolean
literal (Parser     *ps,
         const char *word,
         gsize       len)
{
  if ((gsize) (ps->end - ps->p) < len || memcmp (ps->p, word, len) != 0)
    return FALSE;
  ps->p += len;
  return TRUE;
}

static JsonNode *
parse_object (Parser *ps)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  ps->p++;   /* '{' */
  skip_blanks (ps);
  if (ps->p < ps->end && *ps->p == '}')
    ps->p++;
  else
    for (;;)
      {
        JsonNode *member;
        guint size;

        if (ps->p >= ps->end || *ps->p != '"')
          goto fail;
        ps->p++;
        if (!read_string (ps) || ps->scratch->len == 0)
          goto fail;
        skip_blanks (ps);
        if (ps->p >= ps->end || *ps->p != ':')
          goto fail;
        ps->p++;
        {
          /* The value may use the scratch buffer: keep the name aside. */
          char stack_name[128];
          g_autofree char *heap_name = NULL;
          const char *name;

          if (ps->scratch->len < sizeof stack_name)
            {
              memcpy (stack_name, ps->scratch->str, ps->scratch->len + 1);
              name = stack_name;
            }
          else
            name = heap_name = g_strndup (ps->scratch->str, ps->scratch->len);
          skip_blanks (ps);
          member = parse_value (ps);
          if (member == NULL)
            goto fail;
          size = json_object_get_size (object);
          json_object_set_member (object, name, member);
        }
        /* A repeated name replaced a member: let json-glib decide. */
        if (json_object_get_size (object) == size)
          goto fail;
        skip_blanks (ps);
        if (ps->p < ps->end && *ps->p == ',')
          {
            ps->p++;
            skip_blanks (ps);
            continue;
          }
        if (ps->p < ps->end && *ps->p == '}')
          {
            ps->p++;
            break;
          }
        goto fail;
      }

  node = json_node_alloc ();
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;

fail:
  json_object_unref (object);
  return NULL;
}

static JsonNode *
parse_array (Parser *ps)
{
  JsonArray *array = json_array_new ();
  JsonNode *node;

  ps->p++;   /* '[' */
  skip_blanks (ps);
  if (ps->p < ps->end && *ps->p == ']')
    ps->p++;
  else
    for (;;)
      {
        JsonNode *element = parse_value (ps);

        if (element == NULL)
          goto fail;
        json_array_add_element (array, element);
        skip_blanks (ps);
        if (ps->p < ps->end && *ps->p == ',')
          {
            ps->p++;
            skip_blanks (ps);
            continue;
          }
        if (ps->p < ps->end && *ps->p == ']')
          {
            ps->p++;
            break;
          }
        goto fail;
      }

  node = json_node_alloc ();
  json_node_init_array (node, array);
  json_array_unref (array);
  return node;

fail:
  json_array_unref (array);
  return NULL;
}

static JsonNode *
parse_value (Parser *ps)
{
  JsonNode *node;

  if (ps->p >= ps->end)
    return NULL;
  switch (*ps->p)
    {
    case '{':
    case '[':
      if (ps->depth >= UC_JSON_FAST_MAX_DEPTH)
        return NULL;
      ps->depth++;
      node = *ps->p == '{' ? parse_object (ps) : parse_array (ps);
      ps->depth--;
      return node;
    case '"':
      ps->p++;
      if (!read_string (ps))
        return NULL;
      return json_node_init_string (json_node_alloc (), ps->scratch->str);
    case 't':
      if (!literal (ps, "true", 4))
        return NULL;
      return json_node_init_boolean (json_node_alloc (), TRUE);
    case 'f':
      if (!literal (ps, "false", 5))
        return NULL;
      return json_node_init_boolean (json_node_alloc (), FALSE);
    case 'n':
      if (!literal (ps, "null", 4))
        return NULL;
      return json_node_init_null (json_node_alloc ());
    default:
      return parse_number (ps);
    }
}

JsonNode *
_uc_json_fast_parse (const char *text,
                     gsize       length)
{
  Parser ps = { text, text + length, NULL, 0 };
  JsonNode *root;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  ps.scratch = g_string_sized_new (256);
  skip_blanks (&ps);
  root = parse_value (&ps);
  skip_blanks (&ps);
  if (root != NULL && ps.p != ps.end)
    g_clear_pointer (&root, json_node_unref);
  g_string_free (ps.scratch, TRUE);
  return root;
}
