/* fuzz-json-fast.c: libFuzzer target for the quick JSON record parser.
 *
 * Differential: whatever _uc_json_fast_parse() accepts, json-glib must
 * accept and build the same tree (types, values, member order); anything
 * else aborts. Inputs it declines are not looked at further (json-glib
 * reads those, as before the quick parser existed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "uc-json-fast.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) fast = _uc_json_fast_parse ((const char *) data, size);
  g_autoptr(JsonParser) parser = NULL;

  if (fast == NULL)
    return 0;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL) ||
      !same_tree (fast, json_parser_get_root (parser)))
    abort ();
  return 0;
}
