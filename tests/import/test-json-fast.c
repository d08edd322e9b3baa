/* test-json-fast.c: the quick record parser builds json-glib's trees.
 *
 * Whatever _uc_json_fast_parse() accepts, json-glib must accept too and
 * build the same tree (node types, value types, values, member order);
 * whatever it declines goes to json-glib. Checked on hand-written edge
 * cases, on every JSON fixture of the importers, and on random documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "uc-json-fast.h"

/* Strict equality: json_node_equal() would take 1 and 1.0 for the same. */
static gboolean
same_tree (JsonNode *a,
           JsonNode *b)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;
  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      if (json_node_get_value_type (a) == G_TYPE_INT64)
        return json_node_get_int (a) == json_node_get_int (b);
      if (json_node_get_value_type (a) == G_TYPE_DOUBLE)
        return json_node_get_double (a) == json_node_get_double (b);
      if (json_node_get_value_type (a) == G_TYPE_BOOLEAN)
        return json_node_get_boolean (a) == json_node_get_boolean (b);
      return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);

        if (json_array_get_length (x) != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (x); i++)
          if (!same_tree (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a), *y = json_node_get_object (b);
        g_autoptr(GList) mx = json_object_get_members (x);
        g_autoptr(GList) my = json_object_get_members (y);
        GList *l, *m;

        for (l = mx, m = my; l != NULL && m != NULL; l = l->next, m = m->next)
          if (!g_str_equal (l->data, m->data) ||
              !same_tree (json_object_get_member (x, l->data),
                          json_object_get_member (y, m->data)))
            return FALSE;
        return l == NULL && m == NULL;
      }
    default:
      return FALSE;
    }
}

/* Parse @text both ways; returns whether the quick parser took it. */
static gboolean
check_text (const char *text,
            gssize      len)
{
  g_autoptr(JsonNode) fast = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  gsize n = len < 0 ? strlen (text) : (gsize) len;

  fast = _uc_json_fast_parse (text, n);
  if (fast == NULL)
    return FALSE;
  if (!json_parser_load_from_data (parser, text, (gssize) n, &error))
    g_error ("json-glib rejects what the quick parser took: %s\n%.*s", error->message,
             (int) MIN (n, 400), text);
  if (!same_tree (fast, json_parser_get_root (parser)))
    g_error ("different trees for:\n%.*s", (int) MIN (n, 400), text);
  return TRUE;
}

static void
test_json_fast_cases (void)
{
  /* Taken, and the same as json-glib's. */
  static const char * const taken[] = {
    "{}", "[]", " \r\n\t{ } ", "{\"a\":1}", "{\"a\": -1, \"b\": 0, \"c\": -0}",
    "[1, 2.5, -3.25, 0.0, -0.0, 123456789012345678, -123456789012345678]",
    "[true, false, null]", "{\"nested\": {\"a\": [ {\"b\": [[]]}, {} ]}}",
    "[\"plain\", \"\", \"caf\xc3\xa9\", \"\\u00e9\", \"\\ud83d\\ude00\", \"a\\\"b\\\\c\\/d\"]",
    "[\"\\b\\f\\n\\r\\t\", \"\\u0041\\u00DF\\uFFFF\", \"\x7f\"]",
    "{\"k\\u00e9y\": \"v\", \"k\\\"2\": [1]}",
    "{\"z\": 1, \"a\": 2, \"m\": 3}",
    "\"a string\"", "42", "-7.5", "true", "null",
    "[0.1, 0.2, 3.14159265358979, 1234567.890123, 0.000001]",
  };
  /* Declined (json-glib decides). */
  static const char * const declined[] = {
    "", "   ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "[01]", "[1.]", "[.5]", "[+1]",
    "[1e5]", "[1E-3]", "[2.5e10]", "[1234567890123456789]", "[NaN]", "[Infinity]",
    "{\"\": 1}", "{\"a\": 1, \"a\": 2}", "[\"tab\there\"]", "[\"nl\nthere\"]",
    "[\"\\u0000\"]", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud800x\"]", "[\"\\x41\"]",
    "[\"\\'\"]", "[\"bad \xff utf8\"]", "[\"bad \xc3\"]", "[1] x", "[1] [2]", "{} {}",
    "[tru]", "[nul]", "[fals]", "{'a': 1}", "{a: 1}", "[\"open", "\xef\xbb\xbf{}",
    "[1\f]", "[\"\\u12\"]", "[-]", "[--1]", "[1,,2]", "[,1]",
  };
  GString *deep = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    if (!check_text (taken[i], -1))
      g_error ("the quick parser declined: %s", taken[i]);
  for (guint i = 0; i < G_N_ELEMENTS (declined); i++)
    {
      g_autoptr(JsonNode) node = _uc_json_fast_parse (declined[i], strlen (declined[i]));

      if (node != NULL)
        g_error ("the quick parser took: %s", declined[i]);
    }
  /* Not NUL-terminated: only @length bytes count. */
  g_assert_true (check_text ("{\"a\":[1,2]}garbage", 11));
  g_assert_null (_uc_json_fast_parse ("{\"a\":[1,2]}", 10));

  /* Nesting: up to 256 levels, then json-glib's turn. */
  for (int i = 0; i < 256; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 256; i++)
    g_string_append_c (deep, ']');
  g_assert_true (check_text (deep->str, (gssize) deep->len));
  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  g_assert_null (_uc_json_fast_parse (deep->str, deep->len));
  g_string_free (deep, TRUE);
}

/* Every .json file under @dir, whole (they are small). */
static void
check_folder (const char *dir,
              guint      *n_files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          check_folder (path, n_files);
          continue;
        }
      if (!g_str_has_suffix (name, ".json") && !g_str_has_suffix (name, ".jsonl") &&
          !g_str_has_suffix (name, ".txt"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      if (check_text (contents, (gssize) len))
        (*n_files)++;
      /* Line by line too (NDJSON files, and declined partial lines). */
      for (char *line = contents, *nl; line < contents + len; line = nl + 1)
        {
          nl = memchr (line, '\n', (gsize) (contents + len - line));
          if (nl == NULL)
            nl = contents + len;
          check_text (line, nl - line);
        }
    }
}

static void
test_json_fast_fixtures (void)
{
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "import", "fixtures", NULL);
  guint n_files = 0;

  check_folder (fixtures, &n_files);
  /* Most fixtures are plain JSON the quick parser reads. */
  g_assert_cmpuint (n_files, >=, 20);
}

static void
random_value (GRand   *rand,
              GString *out,
              int      depth)
{
  static const char * const strings[] = {
    "", "a", "login", "caf\xc3\xa9", "\\u00e9", "\\ud83d\\ude00", "\\\"q\\\"", "back\\\\slash",
    "\\n\\t", "https:\\/\\/example.com\\/x", "\xe2\x80\x99", "\\u20ac",
  };
  static const char * const numbers[] = {
    "0", "-0", "1", "-1", "42", "123456789012345678", "-99", "0.5", "-0.25", "3.0",
    "1234.5678", "0.1", "1e3", "2.5E-2", "12345678901234567890",
  };
  int kind = g_rand_int_range (rand, 0, depth > 6 ? 5 : 8);

  switch (kind)
    {
    case 0:
      g_string_append (out, "null");
      break;
    case 1:
      g_string_append (out, g_rand_boolean (rand) ? "true" : "false");
      break;
    case 2:
    case 3:
      g_string_append (out, numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (numbers))]);
      break;
    case 4:
      g_string_append_printf (out, "\"%s%s\"",
                              strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))],
                              strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
      break;
    case 5:
      {
        int n = g_rand_int_range (rand, 0, 5);

        g_string_append_c (out, '[');
        for (int i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append (out, g_rand_boolean (rand) ? "," : " ,\n ");
            random_value (rand, out, depth + 1);
          }
        g_string_append_c (out, ']');
      }
      break;
    default:
      {
        int n = g_rand_int_range (rand, 0, 6);

        g_string_append_c (out, '{');
        for (int i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            /* Sometimes a repeated or an empty name. */
            g_string_append_printf (out, "\"%s%d\" : ", g_rand_int_range (rand, 0, 20) == 0 ? "" : "k",
                                    g_rand_int_range (rand, 0, 20) == 0 ? 0 : i);
            random_value (rand, out, depth + 1);
          }
        g_string_append_c (out, '}');
      }
      break;
    }
}

static void
test_json_fast_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(GString) text = g_string_new (NULL);
  guint taken = 0;

  for (guint i = 0; i < 20000; i++)
    {
      g_string_truncate (text, 0);
      random_value (rand, text, 0);
      /* Now and then a damaged copy. */
      if (text->len > 2 && g_rand_int_range (rand, 0, 4) == 0)
        text->str[g_rand_int_range (rand, 0, (gint32) text->len)] =
          "{}[],:\"\\ 0a-."[g_rand_int_range (rand, 0, 14)];
      if (check_text (text->str, (gssize) text->len))
        taken++;
    }
  /* Most random documents are plain JSON. */
  g_assert_cmpuint (taken, >, 5000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-fast/cases", test_json_fast_cases);
  g_test_add_func ("/json-fast/fixtures", test_json_fast_fixtures);
  g_test_add_func ("/json-fast/random", test_json_fast_random);

  return g_test_run ();
}
