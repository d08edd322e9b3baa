/* undercurrent-cli.c: the engine without a window.
 *
 * Exit status: 0 on success, 1 on a user error (one line on stderr),
 * 2 on bad usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "uc-engine.h"
#include "uc-analysis-cache.h"
#include "uc-analysis-config.h"
#include "uc-identity.h"

#define EXIT_USER_ERROR 1
#define EXIT_USAGE      2

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *args;
  const char  *summary;
} Command;

static int
fail (GError *error)
{
  g_printerr ("undercurrent-cli: %s\n", error->message);
  g_error_free (error);
  return EXIT_USER_ERROR;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("undercurrent-cli: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
    }
  return EXIT_USAGE;
}

/* Parse @entries; on success argv holds the positional arguments after
 * the command name. Returns -1 to go on, or an exit status. */
static int
parse_options (GOptionContext *context,
               int            *argc,
               char         ***argv,
               int             min_positional,
               int             max_positional)
{
  g_autoptr(GError) error = NULL;
  int n_positional;

  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error (context, error->message);

  n_positional = *argc - 1;
  if (n_positional < min_positional || (max_positional >= 0 && n_positional > max_positional))
    return usage_error (context, _("wrong number of arguments"));
  return -1;
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  static gint64 last;
  gint64 now = g_get_monotonic_time ();

  if (!isatty (STDERR_FILENO) || (now - last < G_USEC_PER_SEC / 10 && fraction < 1.0))
    return;
  last = now;
  if (fraction >= 0)
    g_printerr ("\r%3.0f %% %-60.60s", fraction * 100, message ? message : "");
  if (fraction >= 1.0)
    g_printerr ("\r%-70s\r", "");
}

static char *
format_time (UcTime time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (time <= 0)
    return g_strdup ("—");
  dt = g_date_time_new_from_unix_utc (time);
  return g_date_time_format (dt, "%Y-%m-%d");
}

/* ---- new ---- */

static int
cmd_new (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — create an empty workspace"));
  g_autoptr(UcStore) store = NULL;
  GError *error = NULL;
  int status;

  if ((status = parse_options (context, &argc, &argv, 1, 1)) >= 0)
    return status;

  store = uc_store_create (argv[1], &error);
  if (store == NULL)
    return fail (error);
  g_print (_("Created %s\n"), argv[1]);
  return EXIT_SUCCESS;
}

/* ---- import ---- */

static int
cmd_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE PATH… — detect each file or folder's format and import it"));
  g_autofree char *format = NULL;
  gboolean skip_bad = FALSE;
  g_autofree char *mapping = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Force the format (see “undercurrent-cli formats”)"), N_("FORMAT") },
    { "skip-bad", 0, 0, G_OPTION_ARG_NONE, &skip_bad, N_("Import the good records and report the bad ones"), NULL },
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping, N_("Import CSV files with this column mapping (JSON)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(UcStore) store = NULL;
  GError *error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 2, -1)) >= 0)
    return status;

  if (format != NULL)
    {
      const char * const *formats = uc_import_list_formats ();

      if (!g_strv_contains (formats, format))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) formats);
          g_autofree char *message = g_strdup_printf (_("unknown format “%s” (known: %s)"), format, known);
          return usage_error (NULL, message);
        }
    }

  store = uc_store_open (argv[1], &error);
  if (store == NULL)
    return fail (error);

  for (int i = 2; i < argc; i++)
    {
      UcImportResult result = { 0 };
      UcImportFlags flags = skip_bad ? UC_IMPORT_FLAGS_SKIP_BAD : UC_IMPORT_FLAGS_NONE;
      UcImportOptions options = { 0 };

      options.mapping_path = mapping;
      if (!uc_import_path_full (store, argv[i], format, flags, &options, &result,
                                progress_cb, NULL, NULL, &error))
        {
          uc_import_result_clear (&result);
          return fail (error);
        }

      if (result.already_imported)
        g_print (_("%s: %s, already imported, nothing new\n"), argv[i],
                 uc_import_format_name (result.format));
      else
        g_print (_("%s: %s, %" G_GINT64_FORMAT " records, %" G_GINT64_FORMAT " new\n"),
                 argv[i], uc_import_format_name (result.format), result.n_records, result.n_new);
      for (guint w = 0; result.warnings != NULL && w < result.warnings->len; w++)
        g_print (_("  skipped: %s\n"), (const char *) g_ptr_array_index (result.warnings, w));
      uc_import_result_clear (&result);
    }
  return EXIT_SUCCESS;
}

/* ---- sources ---- */

static int
cmd_sources (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — list what was imported"));
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(UcStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 1, 1)) >= 0)
    return status;

  store = uc_store_open (argv[1], &error);
  if (store == NULL)
    return fail (error);
  stmt = uc_store_prepare (store,
                           "SELECT id, kind, path, imported_at, first_time, last_time, n_records, n_warnings"
                           " FROM source ORDER BY id", &error);
  if (stmt == NULL)
    return fail (error);

  json_builder_begin_array (builder);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *path = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *first = format_time (sqlite3_column_int64 (stmt, 4));
      g_autofree char *last = format_time (sqlite3_column_int64 (stmt, 5));

      if (as_json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kind);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, path);
          json_builder_set_member_name (builder, "imported_at");
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 3));
          json_builder_set_member_name (builder, "first");
          json_builder_add_string_value (builder, first);
          json_builder_set_member_name (builder, "last");
          json_builder_add_string_value (builder, last);
          json_builder_set_member_name (builder, "records");
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 6));
          json_builder_set_member_name (builder, "warnings");
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 7));
          json_builder_end_object (builder);
        }
      else
        g_print ("%-10s %s → %s  %7" G_GINT64_FORMAT " records  %s\n",
                 kind, first, last, (gint64) sqlite3_column_int64 (stmt, 6), path);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return EXIT_SUCCESS;
}

/* ---- people ---- */

static char *
person_name (UcStore *store,
             UcId     person)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, "SELECT name FROM person WHERE id = ?1", NULL);
  char *name = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, person);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return name != NULL ? name : g_strdup ("?");
}

static void
add_person_member (JsonBuilder *builder,
                   const char  *member,
                   UcId         id,
                   const char  *name)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
}

static int
print_suggestions (UcStore    *store,
                   const char *workspace,
                   gboolean    as_json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) suggestions = NULL;
  GError *error = NULL;

  suggestions = uc_identity_suggest (store, &error);
  if (suggestions == NULL)
    return fail (error);

  json_builder_begin_array (builder);
  if (!as_json && suggestions->len == 0)
    g_print ("%s\n", _("No suggested merges."));
  for (guint i = 0; i < suggestions->len; i++)
    {
      UcIdentitySuggestion *s = g_ptr_array_index (suggestions, i);
      g_autofree char *a = person_name (store, s->person_a);
      g_autofree char *b = person_name (store, s->person_b);

      if (as_json)
        {
          json_builder_begin_object (builder);
          add_person_member (builder, "keep", s->person_a, a);
          add_person_member (builder, "merge", s->person_b, b);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, uc_identity_reason_to_string (s->reason));
          json_builder_set_member_name (builder, "reason_text");
          json_builder_add_string_value (builder, uc_identity_reason_describe (s->reason));
          json_builder_set_member_name (builder, "confidence");
          json_builder_add_double_value (builder, s->confidence);
          json_builder_set_member_name (builder, "evidence");
          json_builder_add_string_value (builder, s->evidence);
          json_builder_end_object (builder);
        }
      else
        {
          g_print ("%" G_GINT64_FORMAT " %s  ←  %" G_GINT64_FORMAT " %s\n", s->person_a, a, s->person_b, b);
          g_print ("    %s (%.2f): %s\n", uc_identity_reason_describe (s->reason), s->confidence, s->evidence);
          g_print ("    undercurrent-cli people merge %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                   workspace, s->person_a, s->person_b);
        }
    }
  json_builder_end_array (builder);
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return EXIT_SUCCESS;
}

static int
cmd_people_merge (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE KEEP MERGE — merge person MERGE into person KEEP (by id or exact name)"));
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (recorded with the merge)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(UcStore) store = NULL;
  g_autofree char *keep_name = NULL;
  g_autofree char *merge_name = NULL;
  GError *error = NULL;
  UcId keep, merge, merge_id;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 3, 3)) >= 0)
    return status;

  store = uc_store_open (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if ((keep = uc_identity_find_person (store, argv[2], &error)) == 0 ||
      (merge = uc_identity_find_person (store, argv[3], &error)) == 0)
    return fail (error);
  keep_name = person_name (store, keep);
  merge_name = person_name (store, merge);
  merge_id = uc_identity_merge (store, keep, merge, reason != NULL ? reason : "manual", &error);
  if (merge_id == 0)
    return fail (error);
  g_print (_("Merged “%s” (%" G_GINT64_FORMAT ") into “%s” (%" G_GINT64_FORMAT "): merge %" G_GINT64_FORMAT "; undo with “undercurrent-cli people undo %s”\n"),
           merge_name, merge, keep_name, keep, merge_id, argv[1]);
  return EXIT_SUCCESS;
}

static int
cmd_people_split (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE PERSON IDENTITY… — move identities (kind:value) of PERSON to a new person"));
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The new person's name"), N_("NAME") },
    { NULL }
  };
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (UcId));
  g_autofree char *old_name = NULL;
  g_autofree char *new_name = NULL;
  GError *error = NULL;
  UcId person, created = 0, merge_id;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 3, -1)) >= 0)
    return status;

  store = uc_store_open (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if ((person = uc_identity_find_person (store, argv[2], &error)) == 0)
    return fail (error);
  for (int i = 3; i < argc; i++)
    {
      UcId id = uc_identity_find_identity (store, argv[i], &error);

      if (id == 0)
        return fail (error);
      g_array_append_val (ids, id);
    }
  old_name = person_name (store, person);
  merge_id = uc_identity_split (store, person, (const UcId *) ids->data, ids->len, name, &created, &error);
  if (merge_id == 0)
    return fail (error);
  new_name = person_name (store, created);
  g_print (_("Split %u identities of “%s” (%" G_GINT64_FORMAT ") into “%s” (%" G_GINT64_FORMAT "): merge %" G_GINT64_FORMAT "; undo with “undercurrent-cli people undo %s”\n"),
           ids->len, old_name, person, new_name, created, merge_id, argv[1]);
  return EXIT_SUCCESS;
}

static int
cmd_people_undo (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE [MERGE] — undo the last merge or split (or the one given)"));
  g_autoptr(UcStore) store = NULL;
  GError *error = NULL;
  UcId wanted = 0, undone;
  int status;

  if ((status = parse_options (context, &argc, &argv, 1, 2)) >= 0)
    return status;
  if (argc == 3)
    {
      char *end = NULL;

      wanted = g_ascii_strtoll (argv[2], &end, 10);
      if (end == argv[2] || *end != '\0' || wanted <= 0)
        return usage_error (context, _("MERGE must be a merge id (see “undercurrent-cli people history”)"));
    }

  store = uc_store_open (argv[1], &error);
  if (store == NULL)
    return fail (error);
  undone = uc_identity_undo_merge (store, wanted, &error);
  if (undone == 0)
    return fail (error);
  g_print (_("Undid merge %" G_GINT64_FORMAT "\n"), undone);
  return EXIT_SUCCESS;
}

static int
cmd_people_history (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — list the merges and splits that can be undone"));
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(UcStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) ops = NULL;
  GError *error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 1, 1)) >= 0)
    return status;

  store = uc_store_open (argv[1], &error);
  if (store == NULL)
    return fail (error);
  ops = uc_identity_list_operations (store, &error);
  if (ops == NULL)
    return fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < ops->len; i++)
    {
      UcIdentityOperation *op = g_ptr_array_index (ops, i);
      g_autofree char *when = format_time (op->time);
      g_autofree char *identities = g_strjoinv (", ", op->identities);
      gboolean split = op->kind == UC_IDENTITY_OP_SPLIT;

      if (as_json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, op->id);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, split ? "split" : "merge");
          add_person_member (builder, "from", op->from_person, op->from_name);
          add_person_member (builder, "to", op->to_person, op->to_name);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, op->reason);
          json_builder_set_member_name (builder, "time");
          json_builder_add_int_value (builder, op->time);
          json_builder_set_member_name (builder, "identities");
          json_builder_begin_array (builder);
          for (guint k = 0; op->identities[k] != NULL; k++)
            json_builder_add_string_value (builder, op->identities[k]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      else if (split)
        g_print (_("%" G_GINT64_FORMAT "  %s  split “%s” → “%s”: %s\n"),
                 op->id, when, op->from_name, op->to_name, identities);
      else
        g_print (_("%" G_GINT64_FORMAT "  %s  merged “%s” into “%s” (%s): %s\n"),
                 op->id, when, op->from_name, op->to_name, op->reason, identities);
    }
  json_builder_end_array (builder);
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return EXIT_SUCCESS;
}

static int
cmd_people (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — list people and their identities"));
  gboolean as_json = FALSE;
  gboolean suggestions = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { "suggestions", 0, 0, G_OPTION_ARG_NONE, &suggestions, N_("List suggested merges with their reasons"), NULL },
    { NULL }
  };
  g_autoptr(UcStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GError *error = NULL;
  sqlite3_stmt *stmt;
  UcId current = 0;
  int status;

  /* people merge|split|undo|history WORKSPACE … */
  if (argc >= 2)
    {
      static const struct { const char *name; CommandFunc func; } subcommands[] = {
        { "merge", cmd_people_merge },
        { "split", cmd_people_split },
        { "undo", cmd_people_undo },
        { "history", cmd_people_history },
      };

      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        if (g_str_equal (argv[1], subcommands[i].name))
          {
            g_autofree char *prgname = g_strdup_printf ("undercurrent-cli people %s", subcommands[i].name);

            g_set_prgname (prgname);
            return subcommands[i].func (argc - 1, argv + 1);
          }
    }
  g_option_context_set_summary (context,
                                _("Also: people merge WORKSPACE KEEP MERGE, people split WORKSPACE PERSON KIND:VALUE…,\n"
                                  "people undo WORKSPACE [MERGE], people history WORKSPACE"));

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 1, 1)) >= 0)
    return status;

  store = uc_store_open (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if (suggestions)
    return print_suggestions (store, argv[1], as_json);
  stmt = uc_store_prepare (store,
                           "SELECT p.id, p.name, p.is_agent, i.kind, i.value,"
                           " (SELECT count(*) FROM git_commit c JOIN identity ci ON ci.id = c.author_id"
                           "  WHERE ci.person_id = p.id)"
                           " FROM person p JOIN identity i ON i.person_id = p.id"
                           " ORDER BY p.name COLLATE NOCASE, p.id, i.kind, i.value", &error);
  if (stmt == NULL)
    return fail (error);

  json_builder_begin_array (builder);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      UcId id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      gboolean agent = sqlite3_column_int (stmt, 2);
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);
      const char *value = (const char *) sqlite3_column_text (stmt, 4);
      gint64 commits = sqlite3_column_int64 (stmt, 5);

      if (id != current)
        {
          if (current != 0 && as_json)
            {
              json_builder_end_array (builder);
              json_builder_end_object (builder);
            }
          current = id;
          if (as_json)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_int_value (builder, id);
              json_builder_set_member_name (builder, "name");
              json_builder_add_string_value (builder, name);
              json_builder_set_member_name (builder, "agent");
              json_builder_add_boolean_value (builder, agent);
              json_builder_set_member_name (builder, "commits");
              json_builder_add_int_value (builder, commits);
              json_builder_set_member_name (builder, "identities");
              json_builder_begin_array (builder);
            }
          else
            g_print ("%s%s  (%" G_GINT64_FORMAT " commits)\n", name,
                     agent ? _(" [agent]") : "", commits);
        }
      if (as_json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kind);
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, value);
          json_builder_end_object (builder);
        }
      else
        g_print ("    %-8s %s\n", kind, value);
    }
  sqlite3_reset (stmt);
  if (current != 0 && as_json)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return EXIT_SUCCESS;
}

/* ---- analysis-based commands ---- */

/* @config: a JSON settings file (uc-analysis-config.h) or NULL. */
static UcAnalysis *
run_analysis (const char  *path,
              gboolean     no_min_group,
              const char  *week,
              const char  *config,
              UcStore    **out_store,
              GError     **error)
{
  g_autoptr(UcStore) store = NULL;
  UcAnalysisOptions options;
  UcAnalysis *analysis;

  uc_analysis_options_init (&options);
  if (config != NULL && !uc_analysis_options_load_file (&options, config, error))
    return NULL;
  if (no_min_group)
    options.min_group_enabled = FALSE;
  if (week != NULL && !uc_week_parse (week, &options.last_week))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not an ISO week like 2026-W47"), week);
      return NULL;
    }

  store = uc_store_open (path, error);
  if (store == NULL)
    return NULL;
  /* Through the workspace's cache: the same numbers, computed once. */
  analysis = uc_analysis_run_cached (store, &options, progress_cb, NULL, NULL, error);
  if (analysis != NULL && out_store != NULL)
    *out_store = g_steal_pointer (&store);
  return analysis;
}

static int
analysis_error (GError *error)
{
  if (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE))
    {
      int status = usage_error (NULL, error->message);
      g_error_free (error);
      return status;
    }
  return fail (error);
}

static int
cmd_teams (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — list the teams analysed"));
  gboolean as_json = FALSE, no_min_group = FALSE;
  g_autofree char *config = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { "no-min-group", 0, 0, G_OPTION_ARG_NONE, &no_min_group, N_("Show groups under the minimum size on their own"), NULL },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config, N_("Read score bounds, ED weights, working hours and the minimum group from this JSON file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GError *error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 1, 1)) >= 0)
    return status;

  analysis = run_analysis (argv[1], no_min_group, NULL, config, NULL, &error);
  if (analysis == NULL)
    return analysis_error (error);

  json_builder_begin_array (builder);
  for (guint t = 0; t < uc_analysis_get_n_teams (analysis); t++)
    {
      const UcTeamInfo *team = uc_analysis_get_team (analysis, t);

      if (as_json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, team->name);
          json_builder_set_member_name (builder, "members");
          json_builder_add_int_value (builder, team->n_members);
          json_builder_set_member_name (builder, "agents");
          json_builder_add_int_value (builder, team->n_agents);
          json_builder_end_object (builder);
        }
      else
        g_print (_("%-20s %u people, %u agents\n"), team->name, team->n_members, team->n_agents);
    }
  json_builder_end_array (builder);
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return EXIT_SUCCESS;
}

static int
cmd_analyze (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — every signal, per team"));
  g_autofree char *format = NULL;
  g_autofree char *week = NULL;
  g_autofree char *config = NULL;
  gboolean no_min_group = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format (json)"), N_("FORMAT") },
    { "week", 'w', 0, G_OPTION_ARG_STRING, &week, N_("Last week of the window (default: the last week with data)"), N_("YYYY-Www") },
    { "no-min-group", 0, 0, G_OPTION_ARG_NONE, &no_min_group, N_("Show groups under the minimum size on their own"), NULL },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config, N_("Read score bounds, ED weights, working hours and the minimum group from this JSON file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  int status;
  int week_key = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 1, 1)) >= 0)
    return status;
  if (format != NULL && !g_str_equal (format, "json"))
    return usage_error (context, _("the only output format is json"));

  analysis = run_analysis (argv[1], no_min_group, week, config, NULL, &error);
  if (analysis == NULL)
    return analysis_error (error);

  if (week != NULL)
    uc_week_parse (week, &week_key);
  root = uc_analysis_to_json (analysis, argv[1], week_key);
  print_json (root);
  return EXIT_SUCCESS;
}

static int
cmd_report (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — write the PDF summary"));
  g_autofree char *pdf = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *title = NULL;
  g_autofree char *config = NULL;
  gboolean no_min_group = FALSE;
  GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the PDF to this file"), N_("OUT.pdf") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("Paper size: a4 or letter"), N_("SIZE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of the report"), N_("TITLE") },
    { "no-min-group", 0, 0, G_OPTION_ARG_NONE, &no_min_group, N_("Show groups under the minimum size on their own"), NULL },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config, N_("Read score bounds, ED weights, working hours and the minimum group from this JSON file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(UcStore) store = NULL;
  UcReportOptions options;
  GError *error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 1, 1)) >= 0)
    return status;
  if (pdf == NULL)
    return usage_error (context, _("--pdf OUT.pdf is required"));

  uc_report_options_init (&options);
  if (paper != NULL)
    {
      if (g_ascii_strcasecmp (paper, "a4") == 0)
        options.paper = UC_REPORT_PAPER_A4;
      else if (g_ascii_strcasecmp (paper, "letter") == 0)
        options.paper = UC_REPORT_PAPER_LETTER;
      else
        return usage_error (context, _("--paper must be a4 or letter"));
    }
  options.title = title;

  analysis = run_analysis (argv[1], no_min_group, NULL, config, &store, &error);
  if (analysis == NULL)
    return analysis_error (error);
  if (!uc_report_write_pdf (store, analysis, pdf, &options, progress_cb, NULL, NULL, &error))
    return fail (error);
  g_print (_("Wrote %s\n"), pdf);
  return EXIT_SUCCESS;
}

/* ---- evidence ---- */

static void
add_number_or_null (JsonBuilder *builder,
                    double       value)
{
  if (isnan (value) || isinf (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static char *
team_names (UcAnalysis *analysis)
{
  GString *names = g_string_new (NULL);

  for (guint t = 0; t < uc_analysis_get_n_teams (analysis); t++)
    {
      if (t > 0)
        g_string_append (names, ", ");
      g_string_append (names, uc_analysis_get_team (analysis, t)->name);
    }
  return g_string_free (names, FALSE);
}

static int
cmd_evidence (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — the records behind one value"));
  g_autofree char *team = NULL;
  g_autofree char *signal = NULL;
  g_autofree char *week = NULL;
  g_autofree char *config = NULL;
  gboolean as_json = FALSE, no_min_group = FALSE;
  GOptionEntry entries[] = {
    { "team", 't', 0, G_OPTION_ARG_STRING, &team, N_("The team (required)"), N_("NAME") },
    { "signal", 's', 0, G_OPTION_ARG_STRING, &signal, N_("The signal id, such as CA.gini (required)"), N_("ID") },
    { "week", 'w', 0, G_OPTION_ARG_STRING, &week, N_("The week of the value (default: the last week analysed)"), N_("YYYY-Www") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { "no-min-group", 0, 0, G_OPTION_ARG_NONE, &no_min_group, N_("Show groups under the minimum size on their own"), NULL },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config, N_("Read score bounds, ED weights, working hours and the minimum group from this JSON file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(UcAnalysis) analysis = NULL;
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *week_label = NULL;
  const UcSignalDef *def;
  const UcSignalValue *value;
  GError *error = NULL;
  int status, team_index, week_key = 0, week_index, signal_index;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 1, 1)) >= 0)
    return status;
  if (team == NULL || signal == NULL)
    return usage_error (context, _("--team NAME and --signal ID are required"));
  if (week != NULL && !uc_week_parse (week, &week_key))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an ISO week like 2026-W47"), week);

      return usage_error (context, message);
    }
  signal_index = uc_signal_def_index (signal);
  if (signal_index < 0)
    return fail (g_error_new (UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_UNKNOWN_SIGNAL,
                              _("“%s” is not a signal (the ids are those of “analyze --format json”, such as CA.gini)"),
                              signal));
  def = &uc_signal_defs (NULL)[signal_index];

  /* The whole workspace, as analyze without --week and the app see it. */
  analysis = run_analysis (argv[1], no_min_group, NULL, config, &store, &error);
  if (analysis == NULL)
    return analysis_error (error);

  team_index = uc_analysis_find_team (analysis, team);
  if (team_index < 0)
    {
      g_autofree char *names = team_names (analysis);

      return fail (g_error_new (UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_OUT_OF_RANGE,
                                _("no team “%s” in %s (teams: %s)"), team, argv[1],
                                names[0] != '\0' ? names : _("none")));
    }
  if (uc_analysis_get_n_weeks (analysis) == 0)
    return fail (g_error_new (UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_OUT_OF_RANGE,
                              _("%s has no dated records"), argv[1]));
  if (week_key == 0)
    week_index = (int) uc_analysis_get_n_weeks (analysis) - 1;
  else
    week_index = uc_analysis_find_week (analysis, week_key);
  if (week_index < 0)
    {
      g_autofree char *first = uc_week_format (uc_analysis_get_week (analysis, 0));
      g_autofree char *last = uc_week_format (uc_analysis_get_week (analysis, uc_analysis_get_n_weeks (analysis) - 1));

      return fail (g_error_new (UC_ANALYSIS_ERROR, UC_ANALYSIS_ERROR_OUT_OF_RANGE,
                                _("week %s is outside the analysed weeks (%s to %s)"), week, first, last));
    }

  rows = uc_analysis_get_evidence (analysis, store, (guint) team_index, signal, (guint) week_index, &error);
  if (rows == NULL)
    return fail (error);
  value = uc_analysis_get_value (analysis, (guint) team_index, (guint) signal_index, (guint) week_index);
  week_label = uc_week_format (uc_analysis_get_week (analysis, (guint) week_index));

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "workspace");
      json_builder_add_string_value (builder, argv[1]);
      json_builder_set_member_name (builder, "team");
      json_builder_add_string_value (builder, team);
      json_builder_set_member_name (builder, "signal");
      json_builder_add_string_value (builder, def->id);
      json_builder_set_member_name (builder, "week");
      json_builder_add_string_value (builder, week_label);
      json_builder_set_member_name (builder, "value");
      add_number_or_null (builder, value->value);
      json_builder_set_member_name (builder, "score");
      add_number_or_null (builder, value->score);
      json_builder_set_member_name (builder, "coverage");
      json_builder_add_int_value (builder, value->coverage);
      json_builder_set_member_name (builder, "evidence");
      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          const UcEvidence *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, row->kind);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, row->kind_id);
          json_builder_set_member_name (builder, "ref");
          json_builder_add_string_value (builder, row->ref);
          json_builder_set_member_name (builder, "fact");
          json_builder_add_string_value (builder, row->fact);
          json_builder_set_member_name (builder, "time");
          if (row->time > 0)
            {
              g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (row->time);
              g_autofree char *text = g_date_time_format_iso8601 (time);

              json_builder_add_string_value (builder, text);
            }
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_SUCCESS;
    }

  {
    g_autofree char *shown = uc_signal_format_value (def, value->value);

    if (isnan (value->value))
      /* Translators: "CA.gini for Atlas in 2026-W10: no data" */
      g_print (_("%s for %s in %s: no data\n"), def->id, team, week_label);
    else
      /* Translators: "CA.gini for Atlas in 2026-W10: 0.41, score 27, 52 records" */
      g_print (_("%s for %s in %s: %s, score %.0f, %" G_GINT64_FORMAT " records\n"),
               def->id, team, week_label, shown, value->score, value->coverage);
  }
  for (guint i = 0; i < rows->len; i++)
    {
      const UcEvidence *row = g_ptr_array_index (rows, i);
      g_autofree char *date = format_time (row->time);

      g_print ("%-10s  %-14s  %-24s  %s\n", date, row->kind, row->ref, row->fact);
    }
  return EXIT_SUCCESS;
}

/* ---- formats ---- */

static int
cmd_formats (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the formats import understands"));
  const char * const *formats;
  int status;

  if ((status = parse_options (context, &argc, &argv, 0, 0)) >= 0)
    return status;
  formats = uc_import_list_formats ();
  for (guint i = 0; formats[i] != NULL; i++)
    g_print ("%-14s %s\n", formats[i], uc_import_format_name (formats[i]));
  return EXIT_SUCCESS;
}

/* ---- demo ---- */

static int
cmd_demo (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — build the demo workspace"));
  int seed = 1;
  int scale = 1;
  g_autofree char *exports = NULL;
  gboolean timing = FALSE;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed of the simulated organisation"), N_("N") },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_("Copies of every team (1: the demo; 18: the engine benchmark’s size, over 100 000 commits)"), N_("N") },
    { "exports", 0, 0, G_OPTION_ARG_FILENAME, &exports, N_("Keep the generated exports in this new or empty folder"), N_("DIR") },
    { "time", 0, 0, G_OPTION_ARG_NONE, &timing, N_("Print how long the build took"), NULL },
    { NULL }
  };
  UcDemoOptions options = { 0 };
  GError *error = NULL;
  gint64 started;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, &argc, &argv, 1, 1)) >= 0)
    return status;
  if (scale < 1 || scale > UC_DEMO_MAX_SCALE)
    {
      g_autofree char *message = g_strdup_printf (_("--scale must be between 1 and %d"), UC_DEMO_MAX_SCALE);

      return usage_error (context, message);
    }

  options.scale = (guint) scale;
  options.exports_dir = exports;
  started = g_get_monotonic_time ();
  if (!uc_demo_build_full (argv[1], (guint) seed, &options, progress_cb, NULL, NULL, &error))
    return fail (error);
  g_print (_("Created the demo workspace %s\n"), argv[1]);
  if (exports != NULL)
    g_print (_("Kept the exports in %s\n"), exports);
  if (timing)
    g_print (_("Built in %.1f s\n"), (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return EXIT_SUCCESS;
}

static const Command commands[] = {
  { "new", cmd_new, N_("WORKSPACE"), N_("Create an empty workspace") },
  { "import", cmd_import, N_("WORKSPACE PATH…"), N_("Detect each file or folder's format and import it") },
  { "formats", cmd_formats, "", N_("List the formats import understands") },
  { "sources", cmd_sources, N_("WORKSPACE"), N_("List what was imported") },
  { "people", cmd_people, N_("[merge|split|undo|history] WORKSPACE…"), N_("List people and their identities, suggested merges (--suggestions); merge, split, undo") },
  { "teams", cmd_teams, N_("WORKSPACE"), N_("List the teams analysed") },
  { "analyze", cmd_analyze, N_("WORKSPACE --format json"), N_("Every signal, per team") },
  { "report", cmd_report, N_("WORKSPACE --pdf OUT.pdf"), N_("Write the PDF summary") },
  { "evidence", cmd_evidence, N_("WORKSPACE --team T --signal ID"), N_("The records behind one value") },
  { "demo", cmd_demo, N_("WORKSPACE [--scale N] [--exports DIR]"), N_("Build the demo workspace") },
};

static int
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: undercurrent-cli COMMAND [OPTION…] ARGUMENTS"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *left = g_strdup_printf ("%s %s", commands[i].name, _(commands[i].args));
      fprintf (out, "  %-36s %s\n", left, _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Run “undercurrent-cli COMMAND --help” for a command's options."));
  return out == stdout ? EXIT_SUCCESS : EXIT_USAGE;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("undercurrent-cli");

  if (argc < 2)
    return print_usage (stderr);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    return print_usage (stdout);
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("undercurrent-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          g_autofree char *prgname = g_strdup_printf ("undercurrent-cli %s", commands[i].name);

          g_set_prgname (prgname);
          /* The command sees itself as argv[0]. */
          return commands[i].func (argc - 1, argv + 1);
        }
    }

  g_printerr ("undercurrent-cli: %s\n", _("unknown command"));
  return print_usage (stderr);
}
