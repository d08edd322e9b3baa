/* uc-analysis-config.c: the analysis' settings from code, JSON or
 * GSettings values (see uc-analysis-config.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-analysis-config.h"
#include "uc-analysis-private.h"

G_DEFINE_QUARK (uc-analysis-config-error-quark, uc_analysis_config_error)

#define DEFAULT_HOURS_START 8
#define DEFAULT_HOURS_END   19
#define MAX_MIN_GROUP_SIZE  1000

/* ---- checks shared with the analysis ---- */

static gboolean
hours_valid (int start,
             int end)
{
  return start >= 0 && start < end && end <= 24;
}

static gboolean
weights_valid (double interaction,
               double execution)
{
  return isfinite (interaction) && isfinite (execution) &&
         interaction >= 0.0 && execution >= 0.0 && interaction + execution > 0.0;
}

double
_uc_analysis_ed_weight (const UcAnalysisOptions *options)
{
  if (!weights_valid (options->ed_weights[0], options->ed_weights[1]))
    return 0.5;
  return options->ed_weights[0] / (options->ed_weights[0] + options->ed_weights[1]);
}

void
_uc_analysis_options_normalise (UcAnalysisOptions *options)
{
  if (!hours_valid (options->working_hours_start, options->working_hours_end))
    {
      options->working_hours_start = DEFAULT_HOURS_START;
      options->working_hours_end = DEFAULT_HOURS_END;
    }
  if (!weights_valid (options->ed_weights[0], options->ed_weights[1]))
    {
      options->ed_weights[0] = 0.5;
      options->ed_weights[1] = 0.5;
    }
  for (guint i = 0; i < G_N_ELEMENTS (options->healthy); i++)
    if (i >= UC_N_SIGNALS || !isfinite (options->healthy[i]) || !isfinite (options->alarming[i]) ||
        options->healthy[i] == options->alarming[i])
      {
        options->healthy[i] = NAN;
        options->alarming[i] = NAN;
      }
}

/* ---- setters ---- */

static gboolean
check_bounds (const char  *signal_id,
              double       healthy,
              double       alarming,
              int         *index,
              GError     **error)
{
  *index = uc_signal_def_index (signal_id);
  if (*index < 0)
    {
      g_set_error (error, UC_ANALYSIS_CONFIG_ERROR, UC_ANALYSIS_CONFIG_ERROR_INVALID,
                   _("“%s” is not a signal"), signal_id);
      return FALSE;
    }
  if (!isfinite (healthy) || !isfinite (alarming))
    {
      g_set_error (error, UC_ANALYSIS_CONFIG_ERROR, UC_ANALYSIS_CONFIG_ERROR_INVALID,
                   _("the bounds of %s must be numbers"), signal_id);
      return FALSE;
    }
  if (healthy == alarming)
    {
      g_set_error (error, UC_ANALYSIS_CONFIG_ERROR, UC_ANALYSIS_CONFIG_ERROR_INVALID,
                   _("the healthy and alarming bounds of %s must differ"), signal_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
uc_analysis_options_set_bounds (UcAnalysisOptions  *options,
                                const char         *signal_id,
                                double              healthy,
                                double              alarming,
                                GError            **error)
{
  int index;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (signal_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_bounds (signal_id, healthy, alarming, &index, error))
    return FALSE;
  options->healthy[index] = healthy;
  options->alarming[index] = alarming;
  return TRUE;
}

gboolean
uc_analysis_options_set_ed_weights (UcAnalysisOptions  *options,
                                    double              interaction,
                                    double              execution,
                                    GError            **error)
{
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!weights_valid (interaction, execution))
    {
      g_set_error (error, UC_ANALYSIS_CONFIG_ERROR, UC_ANALYSIS_CONFIG_ERROR_INVALID,
                   _("the Execution Debt weights must be two numbers of at least 0, not both 0"));
      return FALSE;
    }
  options->ed_weights[0] = interaction;
  options->ed_weights[1] = execution;
  return TRUE;
}

gboolean
uc_analysis_options_set_working_hours (UcAnalysisOptions  *options,
                                       int                 start,
                                       int                 end,
                                       GError            **error)
{
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hours_valid (start, end))
    {
      g_set_error (error, UC_ANALYSIS_CONFIG_ERROR, UC_ANALYSIS_CONFIG_ERROR_INVALID,
                   _("working hours must start between 0 and 23 and end after the start, by 24 (%d–%d)"),
                   start, end);
      return FALSE;
    }
  options->working_hours_start = start;
  options->working_hours_end = end;
  return TRUE;
}

/* ---- JSON ---- */

/* A number member; FALSE when @node is not one. */
static gboolean
node_number (JsonNode *node,
             double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*value);
}

static gboolean
node_integer (JsonNode *node,
              gint64   *value)
{
  double number;

  if (!node_number (node, &number) || number != floor (number) || fabs (number) > 1e9)
    return FALSE;
  *value = (gint64) number;
  return TRUE;
}

/* Two numbers; FALSE when @node is anything else. */
static gboolean
node_pair (JsonNode *node,
           double   *first,
           double   *second)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  return json_array_get_length (array) == 2 &&
         node_number (json_array_get_element (array, 0), first) &&
         node_number (json_array_get_element (array, 1), second);
}

/* "FILE: “bounds” → “CA.gini”: the problem" */
G_GNUC_PRINTF (4, 5)
static void
member_error (GError     **error,
              const char  *name,
              const char  *member,
              const char  *format,
              ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, UC_ANALYSIS_CONFIG_ERROR, UC_ANALYSIS_CONFIG_ERROR_INVALID,
               /* Translators: "settings.json: member “ed_weights”: …" */
               _("%s: member “%s”: %s"), name, member, problem);
}

static gboolean
load_bounds (UcAnalysisOptions  *options,
             JsonNode           *node,
             const char         *name,
             GError            **error)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      member_error (error, name, "bounds", "%s",
                    _("expected an object of signal ids and [healthy, alarming] pairs"));
      return FALSE;
    }
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *id = l->data;
      g_autofree char *path = g_strdup_printf ("bounds → %s", id);
      g_autoptr(GError) local = NULL;
      double healthy, alarming;

      if (!node_pair (json_object_get_member (object, id), &healthy, &alarming))
        {
          member_error (error, name, path, "%s", _("expected [healthy, alarming], two numbers"));
          return FALSE;
        }
      if (!uc_analysis_options_set_bounds (options, id, healthy, alarming, &local))
        {
          member_error (error, name, path, "%s", local->message);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
uc_analysis_options_load_data (UcAnalysisOptions  *options,
                               const char         *data,
                               gssize              length,
                               const char         *name,
                               GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GList) members = NULL;
  UcAnalysisOptions work;
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (name == NULL)
    name = _("the settings");
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      g_set_error (error, UC_ANALYSIS_CONFIG_ERROR, UC_ANALYSIS_CONFIG_ERROR_PARSE,
                   /* Translators: "settings.json: not valid JSON: <json-glib's message>" */
                   _("%s: not valid JSON: %s"), name, local->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, UC_ANALYSIS_CONFIG_ERROR, UC_ANALYSIS_CONFIG_ERROR_PARSE,
                   _("%s: expected a JSON object with “bounds”, “ed_weights”, “working_hours” or “min_group_size”"),
                   name);
      return FALSE;
    }

  work = *options;
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *node = json_object_get_member (object, member);

      if (g_str_equal (member, "bounds"))
        {
          if (!load_bounds (&work, node, name, error))
            return FALSE;
        }
      else if (g_str_equal (member, "ed_weights"))
        {
          double interaction, execution;

          g_clear_error (&local);
          if (!node_pair (node, &interaction, &execution))
            {
              member_error (error, name, member, "%s", _("expected [interaction, execution], two numbers"));
              return FALSE;
            }
          if (!uc_analysis_options_set_ed_weights (&work, interaction, execution, &local))
            {
              member_error (error, name, member, "%s", local->message);
              return FALSE;
            }
        }
      else if (g_str_equal (member, "working_hours"))
        {
          JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
          gint64 start, end;

          g_clear_error (&local);
          if (array == NULL || json_array_get_length (array) != 2 ||
              !node_integer (json_array_get_element (array, 0), &start) ||
              !node_integer (json_array_get_element (array, 1), &end))
            {
              member_error (error, name, member, "%s", _("expected [start, end], two whole hours"));
              return FALSE;
            }
          if (!uc_analysis_options_set_working_hours (&work, (int) CLAMP (start, -1, 25),
                                                      (int) CLAMP (end, -1, 25), &local))
            {
              member_error (error, name, member, "%s", local->message);
              return FALSE;
            }
        }
      else if (g_str_equal (member, "min_group_size"))
        {
          gint64 size;

          if (!node_integer (node, &size) || size < 1 || size > MAX_MIN_GROUP_SIZE)
            {
              member_error (error, name, member, _("expected a whole number from 1 to %d"),
                            MAX_MIN_GROUP_SIZE);
              return FALSE;
            }
          work.min_group_size = (guint) size;
        }
      else if (g_str_equal (member, "min_group_enabled"))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            {
              member_error (error, name, member, "%s", _("expected true or false"));
              return FALSE;
            }
          work.min_group_enabled = json_node_get_boolean (node);
        }
      else
        {
          member_error (error, name, member, "%s",
                        _("unknown setting (expected “bounds”, “ed_weights”, “working_hours”, “min_group_size” or “min_group_enabled”)"));
          return FALSE;
        }
    }

  *options = work;
  return TRUE;
}

gboolean
uc_analysis_options_load_file (UcAnalysisOptions  *options,
                               const char         *path,
                               GError            **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  return uc_analysis_options_load_data (options, data, (gssize) length, path, error);
}

gboolean
uc_analysis_options_apply_settings (UcAnalysisOptions  *options,
                                    GVariant           *signal_bounds,
                                    GVariant           *ed_weights,
                                    GError            **error)
{
  UcAnalysisOptions work;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (signal_bounds == NULL ||
                        g_variant_is_of_type (signal_bounds, G_VARIANT_TYPE ("a{s(dd)}")), FALSE);
  g_return_val_if_fail (ed_weights == NULL ||
                        g_variant_is_of_type (ed_weights, G_VARIANT_TYPE ("(dd)")), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  work = *options;
  if (signal_bounds != NULL)
    {
      GVariantIter iter;
      const char *id;
      double healthy, alarming;

      g_variant_iter_init (&iter, signal_bounds);
      while (g_variant_iter_next (&iter, "{&s(dd)}", &id, &healthy, &alarming))
        if (!uc_analysis_options_set_bounds (&work, id, healthy, alarming, error))
          {
            g_prefix_error (error, "%s", _("signal-bounds setting: "));
            return FALSE;
          }
    }
  if (ed_weights != NULL)
    {
      double interaction, execution;

      g_variant_get (ed_weights, "(dd)", &interaction, &execution);
      if (!uc_analysis_options_set_ed_weights (&work, interaction, execution, error))
        {
          g_prefix_error (error, "%s", _("ed-weights setting: "));
          return FALSE;
        }
    }
  *options = work;
  return TRUE;
}

/* ---- an analysis' settings ---- */

void
uc_analysis_get_ed_weights (UcAnalysis *analysis,
                            double     *interaction,
                            double     *execution)
{
  g_return_if_fail (analysis != NULL);

  if (interaction != NULL)
    *interaction = analysis->ed_weight_interaction;
  if (execution != NULL)
    *execution = 1.0 - analysis->ed_weight_interaction;
}

void
uc_analysis_get_working_hours (UcAnalysis *analysis,
                               int        *start,
                               int        *end)
{
  g_return_if_fail (analysis != NULL);

  if (start != NULL)
    *start = analysis->options.working_hours_start;
  if (end != NULL)
    *end = analysis->options.working_hours_end;
}

JsonNode *
uc_analysis_config_to_json (UcAnalysis *analysis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const UcSignalDef *defs = uc_signal_defs (NULL);

  g_return_val_if_fail (analysis != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bounds");
  json_builder_begin_object (builder);
  for (guint s = 0; s < UC_N_SIGNALS; s++)
    {
      json_builder_set_member_name (builder, defs[s].id);
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, analysis->healthy[s]);
      json_builder_add_double_value (builder, analysis->alarming[s]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "ed_weights");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, analysis->ed_weight_interaction);
  json_builder_add_double_value (builder, 1.0 - analysis->ed_weight_interaction);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "working_hours");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, analysis->options.working_hours_start);
  json_builder_add_int_value (builder, analysis->options.working_hours_end);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "min_group_enabled");
  json_builder_add_boolean_value (builder, analysis->options.min_group_enabled);
  json_builder_set_member_name (builder, "min_group_size");
  json_builder_add_int_value (builder, analysis->options.min_group_size);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
