/* test-jira-import.c: the Jira JSON importer, the status map and what the
 * three Jira formats share.
 *
 * Own fixtures: tests/import/fixtures/jira/rest/, two REST search pages
 * (expand=changelog,names) that overlap (ACME-3 is in both, newer in page
 * 2), a comment page and the field catalogue. Expected values were derived
 * independently with python3 over the fixture files (json.load, then
 * datetime.strptime(..., "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() for times,
 * len(text.strip()) for lengths, and a regex version of the objection
 * lexicon of uc-text-flags.c for the flags).
 *
 * Real samples (skipped without $UC_SHARED_DATA): GrimoireLab's jira.json
 * (Perceval envelopes) and Perceval's raw jira folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "test-jira-util.h"
#include "uc-status-map.h"

/* ---- the status map ---- */

static void
test_status_map_defaults (void)
{
  g_autoptr(UcStatusMap) map = uc_status_map_new ();
  static const struct
  {
    const char *status;
    int         category;
  } cases[] = {
    { "To Do", UC_STATUS_TODO },
    { "  to   do ", UC_STATUS_TODO },
    { "OPEN", UC_STATUS_TODO },
    { "Backlog", UC_STATUS_TODO },
    { "Selected for Development", UC_STATUS_TODO },
    { "In Progress", UC_STATUS_DOING },
    { "In Review", UC_STATUS_DOING },
    { "Code Review", UC_STATUS_DOING },
    { "Testing", UC_STATUS_DOING },
    { "QA", UC_STATUS_DOING },
    { "Blocked", UC_STATUS_DOING },
    { "Done", UC_STATUS_DONE },
    { "Closed", UC_STATUS_DONE },
    { "Resolved", UC_STATUS_DONE },
    { "Released", UC_STATUS_DONE },
    { "Won't Do", UC_STATUS_DONE },
    { "won\xe2\x80\x99t do", UC_STATUS_DONE },
    { "Duplicate", UC_STATUS_DONE },
    { "Cancelled", UC_STATUS_DONE },
    { "Licenses Validated", -1 },
    { "", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (uc_status_map_lookup (map, cases[i].status), ==, cases[i].category);
      g_assert_cmpint (uc_status_map_lookup_default (cases[i].status), ==, cases[i].category);
    }
  g_assert_cmpint (uc_status_map_lookup (map, NULL), ==, -1);

  g_assert_cmpint (uc_status_category_from_jira ("new"), ==, UC_STATUS_TODO);
  g_assert_cmpint (uc_status_category_from_jira ("indeterminate"), ==, UC_STATUS_DOING);
  g_assert_cmpint (uc_status_category_from_jira ("done"), ==, UC_STATUS_DONE);
  g_assert_cmpint (uc_status_category_from_jira ("undefined"), ==, -1);
  g_assert_cmpint (uc_status_category_from_jira (NULL), ==, -1);
  g_assert_cmpint (uc_status_category_from_string ("To Do"), ==, UC_STATUS_TODO);
  g_assert_cmpint (uc_status_category_from_string ("in progress"), ==, UC_STATUS_DOING);
  g_assert_cmpint (uc_status_category_from_string ("DONE"), ==, UC_STATUS_DONE);
  g_assert_cmpint (uc_status_category_from_string ("later"), ==, -1);
  g_assert_cmpstr (uc_status_category_to_string (UC_STATUS_DOING), ==, "doing");
  g_assert_null (uc_status_category_to_string (-1));
}

static void
test_status_map_overrides (void)
{
  g_autoptr(UcStatusMap) map = uc_status_map_new ();
  g_autoptr(UcStatusMap) copy = NULL;
  g_autoptr(UcStatusMap) loaded = NULL;
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) names = NULL;
  int category = 99;

  uc_status_map_set (map, "Awaiting Deploy", UC_STATUS_DOING);
  uc_status_map_set (map, " Blocked ", UC_STATUS_TODO);
  uc_status_map_set (map, "Triage", -1);
  g_assert_cmpint (uc_status_map_lookup (map, "awaiting  DEPLOY"), ==, UC_STATUS_DOING);
  g_assert_cmpint (uc_status_map_lookup (map, "blocked"), ==, UC_STATUS_TODO);
  g_assert_cmpint (uc_status_map_lookup (map, "Triage"), ==, -1);
  g_assert_true (uc_status_map_get_override (map, "triage", &category));
  g_assert_cmpint (category, ==, -1);
  g_assert_false (uc_status_map_get_override (map, "Done", NULL));

  json = uc_status_map_to_json (map);
  g_assert_cmpstr (json, ==, "{\"Awaiting Deploy\":\"doing\",\"Blocked\":\"todo\",\"Triage\":null}");

  copy = uc_status_map_copy (map);
  uc_status_map_reset (map, "BLOCKED");
  g_assert_cmpint (uc_status_map_lookup (map, "Blocked"), ==, UC_STATUS_DOING);
  g_assert_cmpint (uc_status_map_lookup (copy, "Blocked"), ==, UC_STATUS_TODO);

  names = uc_status_map_list_names (copy);
  g_assert_true (g_strv_contains ((const char * const *) names, "Awaiting Deploy"));
  g_assert_true (g_strv_contains ((const char * const *) names, "Blocked"));
  g_assert_true (g_strv_contains ((const char * const *) names, "In progress"));
  for (guint i = 1; names[i] != NULL; i++)
    g_assert_cmpint (g_ascii_strcasecmp (names[i - 1], names[i]), <=, 0);

  /* Through the workspace. */
  loaded = uc_status_map_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (uc_status_map_lookup (loaded, "Awaiting Deploy"), ==, -1);
  g_clear_pointer (&loaded, uc_status_map_free);
  g_assert_true (uc_status_map_save (copy, store, &error));
  g_assert_no_error (error);
  loaded = uc_status_map_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (uc_status_map_lookup (loaded, "Awaiting Deploy"), ==, UC_STATUS_DOING);
  g_assert_cmpint (uc_status_map_lookup (loaded, "Blocked"), ==, UC_STATUS_TODO);
  g_assert_true (uc_status_map_get_override (loaded, "triage", &category));
  g_assert_cmpint (category, ==, -1);

  /* Saving no overrides removes the key. */
  uc_status_map_reset_all (loaded);
  g_assert_true (uc_status_map_save (loaded, store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM meta WHERE key = 'status-map'"), ==, 0);

  /* Bad JSON leaves the map as it was. */
  g_assert_false (uc_status_map_set_from_json (copy, "{\"Done\": \"finished\"}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "Done"));
  g_clear_error (&error);
  g_assert_false (uc_status_map_set_from_json (copy, "[1, 2]", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (uc_status_map_set_from_json (copy, "{\"Done\": ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpint (uc_status_map_lookup (copy, "Blocked"), ==, UC_STATUS_TODO);

  /* A damaged stored value is reported, naming the key. */
  g_assert_true (uc_store_exec (store, "INSERT INTO meta (key, value) VALUES ('status-map', '{oops')",
                                &error));
  g_assert_no_error (error);
  g_assert_null (uc_status_map_load (store, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "status-map"));
}

/* ---- the REST fixtures ---- */

#define ITEM(col, key) "SELECT " col " FROM work_item WHERE tracker = 'jira' AND key = '" key "'"

static void
check_rest_folder (UcStore *store)
{
  /* Items: ACME-1..6 (ACME-3 twice, the newer copy of page 2 wins). */
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 6);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item WHERE project = 'ACME'"), ==, 6);

  /* ACME-1: the reopen loop (done → in progress → done). */
  jira_assert_text (store, ITEM ("type", "ACME-1"), "Story");
  jira_assert_text (store, ITEM ("status", "ACME-1"), "Done");
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-1")), ==, UC_STATUS_DONE);
  g_assert_cmpint (jira_q (store, ITEM ("created_time", "ACME-1")), ==, 1772439300);
  g_assert_cmpint (jira_q (store, ITEM ("updated_time", "ACME-1")), ==, 1773330070);
  g_assert_cmpint (jira_q (store, ITEM ("resolved_time", "ACME-1")), ==, 1773330000);
  g_assert_cmpint (jira_q (store, ITEM ("title_len", "ACME-1")), ==, 28);
  g_assert_cmpint (jira_q (store, ITEM ("body_len", "ACME-1")), ==, 69);
  g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "ACME-1")), ==, 5.0);
  g_assert_cmpint (jira_q (store, ITEM ("is_decision", "ACME-1")), ==, 0);
  jira_assert_text (store, "SELECT i.value FROM work_item w JOIN identity i ON i.id = w.reporter_id"
                                       " WHERE w.key = 'ACME-1'", "5b10a2844c20165700ede21g");
  jira_assert_text (store, "SELECT i.kind FROM work_item w JOIN identity i ON i.id = w.assignee_id"
                                       " WHERE w.key = 'ACME-1'", "jira");
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change s JOIN work_item w ON w.id = s.item_id"
                                  " WHERE w.key = 'ACME-1'"), ==, 4);
  jira_assert_text (store, "SELECT group_concat (x, ' ') FROM (SELECT s.ext_id || '@' || s.time || ':'"
                                       " || s.from_status || '>' || s.to_status || ':' || s.from_category || '>'"
                                       " || s.to_category AS x FROM status_change s JOIN work_item w ON w.id = s.item_id"
                                       " WHERE w.key = 'ACME-1' ORDER BY s.time)", "jira:10001:0@1772524800:To Do>In Progress:0>1 "
                   "jira:10002:1@1772812800:In Progress>Done:1>2 "
                   "jira:10003:0@1773048000:Done>In Progress:2>1 "
                   "jira:10004:0@1773330000:In Progress>Done:1>2");
  jira_assert_text (store, "SELECT i.value FROM status_change s JOIN identity i ON i.id = s.author_id"
                                       " WHERE s.ext_id = 'jira:10003:0'", "5b10ac8d82e05b22cc7d4ef5");

  /* ACME-2: done without any status history (an empty changelog). */
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-2")), ==, UC_STATUS_DONE);
  g_assert_cmpint (jira_q (store, ITEM ("resolved_time", "ACME-2")), ==, 1772609400);
  g_assert_cmpint (jira_q (store, ITEM ("body_len", "ACME-2")), ==, 0);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change s JOIN work_item w ON w.id = s.item_id"
                                  " WHERE w.key = 'ACME-2'"), ==, 0);

  /* ACME-3: a decision item (label "rfc"), newest copy: done. */
  g_assert_cmpint (jira_q (store, ITEM ("is_decision", "ACME-3")), ==, 1);
  jira_assert_text (store, ITEM ("status", "ACME-3"), "Done");
  g_assert_cmpint (jira_q (store, ITEM ("updated_time", "ACME-3")), ==, 1774015200);
  g_assert_cmpint (jira_q (store, ITEM ("resolved_time", "ACME-3")), ==, 1774015200);
  g_assert_cmpint (jira_q (store, ITEM ("title_len", "ACME-3")), ==, 41);
  g_assert_cmpint (jira_q (store, ITEM ("body_len", "ACME-3")), ==, 56);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change s JOIN work_item w ON w.id = s.item_id"
                                  " WHERE w.key = 'ACME-3'"), ==, 3);
  g_assert_cmpint (jira_q (store, "SELECT to_category FROM status_change WHERE ext_id = 'jira:10011:0'"), ==,
                   UC_STATUS_DOING);
  g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "ACME-3")), ==, -1.0);

  /* ACME-4: won't do, a done category; "Open" is todo by default. */
  jira_assert_text (store, ITEM ("status", "ACME-4"), "Won't Do");
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-4")), ==, UC_STATUS_DONE);
  g_assert_cmpint (jira_q (store, ITEM ("assignee_id IS NULL", "ACME-4")), ==, 1);
  jira_assert_text (store, "SELECT from_category || '>' || to_category FROM status_change"
                                       " WHERE ext_id = 'jira:10030:0'", "0>2");

  /* ACME-5: reported by an automation account; no changelog expanded and
   * in progress, so no derived change (its time is unknown). */
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-5")), ==, UC_STATUS_DOING);
  g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "ACME-5")), ==, 1.0);
  g_assert_cmpint (jira_q (store, "SELECT p.is_agent FROM work_item w JOIN identity i ON i.id = w.reporter_id"
                                  " JOIN person p ON p.id = i.person_id WHERE w.key = 'ACME-5'"), ==, 1);

  /* ACME-6: to do; a comment naming ACME-1 is not a link. */
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-6")), ==, UC_STATUS_TODO);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM link"), ==, 0);

  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change"), ==, 8);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change WHERE ext_id LIKE 'jira:derived:%'"), ==, 0);

  /* Comments: 2 on ACME-1, 2 on ACME-3, 1 on ACME-6 + 1 from the comment
   * page (the other page comment's issue is not in the folder). */
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM comment"), ==, 6);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM comment WHERE is_objection"), ==, 3);
  jira_assert_text (store, "SELECT group_concat (x, ' ') FROM (SELECT c.ext_id || ':' || w.key || ':'"
                                       " || c.time || ':' || c.body_len || ':' || c.is_objection AS x"
                                       " FROM comment c JOIN work_item w ON w.id = c.item_id ORDER BY c.ext_id)", "jira:comment:10101:ACME-1:1772701200:51:1 "
                   "jira:comment:10102:ACME-1:1772706600:44:0 "
                   "jira:comment:10103:ACME-3:1773043200:69:1 "
                   "jira:comment:10110:ACME-3:1774014900:41:0 "
                   "jira:comment:10120:ACME-6:1773302400:54:0 "
                   "jira:comment:10121:ACME-6:1773391500:71:1");

  /* People: Alice (accountId + e-mail), Bob, Carol (+ e-mail, lower-cased),
   * the automation app. */
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM person"), ==, 4);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 1);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM identity"), ==, 6);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 2);
  g_assert_cmpint (jira_q (store, "SELECT count(DISTINCT person_id) FROM identity WHERE value IN"
                                  " ('60a1b2c3d4e5f6a7b8c9d0e1', 'carol@example.com')"), ==, 1);
  jira_assert_text (store, "SELECT p.name FROM identity i JOIN person p ON p.id = i.person_id"
                                       " WHERE i.value = 'carol@example.com'", "Carol D\xc3\xad""az");
}

static void
test_rest_folder (void)
{
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *folder = jira_fixture ("rest");
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (jira_import (store, folder, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "jira-json");
  /* 4 + 3 issues and the 2 comments of the comment page. */
  g_assert_cmpint (result.n_records, ==, 9);
  g_assert_cmpint (result.n_new, ==, 6);
  g_assert_cmpuint (result.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "comments-page.json"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "10999"));
  check_rest_folder (store);
  g_assert_cmpint (jira_q (store, "SELECT first_time FROM source"), ==, 1772439300);
  g_assert_cmpint (jira_q (store, "SELECT last_time FROM source"), ==, 1774015200);
}

/* Pages in either order end the same: the newest copy of ACME-3 wins. */
static void
test_rest_overlap (void)
{
  g_autofree char *page1 = jira_fixture ("rest/search-page-1.json");
  g_autofree char *page2 = jira_fixture ("rest/search-page-2.json");
  const char *orders[2][2] = { { page1, page2 }, { page2, page1 } };
  g_autofree char *first = NULL;

  for (guint o = 0; o < 2; o++)
    {
      g_autoptr(UcStore) store = jira_new_workspace ();
      g_autofree char *state = NULL;

      jira_import_ok (store, orders[o][0], NULL);
      jira_import_ok (store, orders[o][1], NULL);
      jira_assert_text (store, ITEM ("status", "ACME-3"), "Done");
      g_assert_cmpint (jira_q (store, ITEM ("updated_time", "ACME-3")), ==, 1774015200);
      g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change s JOIN work_item w"
                                      " ON w.id = s.item_id WHERE w.key = 'ACME-3'"), ==, 3);
      g_assert_cmpint (jira_q (store, "SELECT count(*) FROM comment"), ==, 5);
      state = jira_q_text (store, "SELECT group_concat (x, '|') FROM (SELECT key || status || status_category"
                                  " || updated_time || IFNULL (resolved_time, '-') || title_len || body_len"
                                  " || IFNULL (story_points, '-') AS x FROM work_item ORDER BY key)");
      if (first == NULL)
        first = g_steal_pointer (&state);
      else
        g_assert_cmpstr (state, ==, first);
    }
}

/* One page alone: the story points field comes from the page's "names",
 * which follow the issues. Without names, from the catalogue next to it. */
static void
test_rest_story_points (void)
{
  g_autofree char *page1 = jira_fixture ("rest/search-page-1.json");
  g_autofree char *fields = jira_fixture ("rest/fields.json");

  {
    g_autoptr(UcStore) store = jira_new_workspace ();

    jira_import_ok (store, page1, "jira-json");
    g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "ACME-1")), ==, 5.0);
    g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-3")), ==, UC_STATUS_DOING);
  }

  {
    g_autoptr(UcStore) store = jira_new_workspace ();
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *folder = jira_tmp_path ("catalogue");
    g_autofree char *page_copy = g_build_filename (folder, "page.json", NULL);
    g_autofree char *fields_copy = g_build_filename (folder, "fields.json", NULL);
    g_autofree char *fields_text = NULL;
    gsize len;

    g_assert_true (json_parser_load_from_file (parser, page1, &error));
    g_assert_no_error (error);
    json_object_remove_member (json_node_get_object (json_parser_get_root (parser)), "names");
    json_generator_set_root (generator, json_parser_get_root (parser));
    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_true (json_generator_to_file (generator, page_copy, &error));
    g_assert_no_error (error);
    fields_text = jira_read (fields, &len);
    g_assert_true (g_file_set_contents (fields_copy, fields_text, (gssize) len, &error));
    g_assert_no_error (error);

    jira_import_ok (store, folder, NULL);
    g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "ACME-1")), ==, 5.0);

    /* Without both, the points are unknown. */
    g_assert_cmpint (g_unlink (fields_copy), ==, 0);
    {
      g_autoptr(UcStore) bare = jira_new_workspace ();

      jira_import_ok (bare, page_copy, NULL);
      g_assert_cmpfloat (jira_q_double (bare, ITEM ("story_points", "ACME-1")), ==, -1.0);
    }
  }
}

static void
test_rest_reimport (void)
{
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *folder = jira_fixture ("rest");
  g_autofree char *page1 = jira_fixture ("rest/search-page-1.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *content_before = NULL;
  g_autofree char *content_after = NULL;
  const char *content_sql = "SELECT (SELECT count(*) FROM work_item) || '/' || (SELECT count(*) FROM status_change)"
                            " || '/' || (SELECT count(*) FROM comment) || '/' || (SELECT count(*) FROM person)"
                            " || '/' || (SELECT count(*) FROM identity) || '/' ||"
                            " (SELECT group_concat (status || updated_time, ',') FROM work_item)";

  jira_import_ok (store, folder, NULL);
  before = uc_store_describe_counts (store);
  content_before = jira_q_text (store, content_sql);

  {
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_true (jira_import (store, folder, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_true (result.already_imported);
    g_assert_cmpint (result.n_new, ==, 0);
    after = uc_store_describe_counts (store);
    g_assert_cmpstr (before, ==, after);
  }

  /* The same records in another file: converge, nothing new. */
  {
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_true (jira_import (store, page1, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_false (result.already_imported);
    g_assert_cmpint (result.n_records, ==, 4);
    g_assert_cmpint (result.n_new, ==, 0);
    content_after = jira_q_text (store, content_sql);
    g_assert_cmpstr (content_before, ==, content_after);
    g_assert_cmpint (jira_q (store, "SELECT count(*) FROM source"), ==, 2);
  }
}

/* An e-mail address known from elsewhere (git) makes the Jira user that
 * person. */
static void
test_rest_identity_merge (void)
{
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *folder = jira_fixture ("rest");
  g_autoptr(GError) error = NULL;
  UcId source, git_identity, person;
  gboolean already = FALSE;

  g_assert_true (uc_store_begin (store, &error));
  source = uc_store_add_source (store, "git-log", "/x.uclog", "abc", &already, &error);
  g_assert_no_error (error);
  git_identity = uc_store_ensure_identity (store, "email", "Alice.Martin@example.com", "Alice M.", 0,
                                           source, &error);
  g_assert_no_error (error);
  g_assert_true (uc_store_commit (store, &error));
  person = uc_store_identity_person (store, git_identity);

  jira_import_ok (store, folder, NULL);
  g_assert_cmpint (jira_q (store, "SELECT person_id FROM identity WHERE kind = 'jira'"
                                  " AND value = '5b10a2844c20165700ede21g'"), ==, person);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM person"), ==, 4);
}

/* Overrides in the workspace win over the export's categories. */
static void
test_rest_status_overrides (void)
{
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autoptr(UcStatusMap) map = uc_status_map_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = jira_fixture ("rest");

  uc_status_map_set (map, "In Review", UC_STATUS_DONE);
  uc_status_map_set (map, "Won't Do", -1);
  g_assert_true (uc_status_map_save (map, store, &error));
  g_assert_no_error (error);

  jira_import_ok (store, folder, NULL);
  g_assert_cmpint (jira_q (store, "SELECT to_category FROM status_change WHERE ext_id = 'jira:10011:0'"), ==,
                   UC_STATUS_DONE);
  g_assert_cmpint (jira_q (store, ITEM ("status_category IS NULL", "ACME-4")), ==, 1);
  g_assert_cmpint (jira_q (store, "SELECT to_category IS NULL FROM status_change WHERE ext_id = 'jira:10030:0'"),
                   ==, 1);
}

/* ---- variants ---- */

static void
test_json_variants (void)
{
  /* A single issue (GET /issue/KEY), API v3 (ADF bodies), with a BOM and
   * CRLF line ends. */
  {
    static const char issue[] =
      "\xef\xbb\xbf{\r\n \"id\": \"42\", \"key\": \"OPS-7\",\r\n"
      " \"fields\": {\"issuetype\": {\"name\": \"Design Review\"}, \"status\": {\"name\": \"Parked\","
      " \"statusCategory\": {\"key\": \"new\"}}, \"created\": \"2026-01-05T10:00:00Z\","
      " \"updated\": \"2026-01-06T10:00:00.5+05:30\", \"summary\": \"Pick a queue\","
      " \"reporter\": {\"accountId\": \"abc\", \"displayName\": \"Dee\"},"
      " \"description\": {\"type\": \"doc\", \"version\": 1, \"content\": [{\"type\": \"paragraph\","
      " \"content\": [{\"type\": \"text\", \"text\": \"Kafka or\"}, {\"type\": \"text\", \"text\": \" NATS?\"}]}]},"
      " \"comment\": {\"comments\": [{\"id\": 9, \"created\": \"2026-01-05T11:00:00+0000\","
      " \"author\": {\"accountId\": \"abc\"}, \"body\": {\"type\": \"doc\", \"content\": [{\"type\": \"paragraph\","
      " \"content\": [{\"type\": \"text\", \"text\": \"I'd rather not.\"}]}]}}]}}\r\n}\r\n";
    g_autofree char *path = jira_write ("issue.json", issue, -1);
    g_autoptr(UcStore) store = jira_new_workspace ();

    g_assert_cmpstr (jira_detect (path), ==, "jira-json");
    jira_import_ok (store, path, NULL);
    g_assert_cmpint (jira_q (store, ITEM ("is_decision", "OPS-7")), ==, 1);
    g_assert_cmpint (jira_q (store, ITEM ("status_category", "OPS-7")), ==, UC_STATUS_TODO);
    g_assert_cmpint (jira_q (store, ITEM ("created_time", "OPS-7")), ==, 1767607200);
    g_assert_cmpint (jira_q (store, ITEM ("updated_time", "OPS-7")), ==, 1767673800);
    /* "Kafka or NATS?" */
    g_assert_cmpint (jira_q (store, ITEM ("body_len", "OPS-7")), ==, 14);
    g_assert_cmpint (jira_q (store, "SELECT is_objection FROM comment WHERE ext_id = 'jira:comment:9'"), ==, 1);
  }

  /* NDJSON of Perceval envelopes, with a blank line. */
  {
    static const char ndjson[] =
      "{\"backend_name\": \"Jira\", \"category\": \"issue\", \"updated_on\": 1767607200.0, \"data\":"
      " {\"key\": \"OPS-8\", \"fields\": {\"created\": \"2026-01-05T10:00:00.000+0000\", \"status\": {\"name\": \"Closed\"},"
      " \"labels\": [\"spike\"], \"customfield_10002\": {\"id\": \"customfield_10002\", \"name\": \"Story Points\","
      " \"value\": 8}}}}\n"
      "\n"
      "{\"backend_name\": \"Jira\", \"category\": \"issue\", \"data\": {\"key\": \"OPS-9\","
      " \"fields\": {\"created\": \"2026-01-07T10:00:00.000+0000\", \"resolutiondate\": \"2026-01-08T10:00:00.000+0000\","
      " \"status\": {\"name\": \"Resolved\"}}}}\n";
    g_autofree char *path = jira_write ("items.ndjson", ndjson, -1);
    g_autoptr(UcStore) store = jira_new_workspace ();

    g_assert_cmpstr (jira_detect (path), ==, "jira-json");
    jira_import_ok (store, path, NULL);
    g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 2);
    g_assert_cmpint (jira_q (store, ITEM ("is_decision", "OPS-8")), ==, 1);
    g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "OPS-8")), ==, 8.0);
    /* No statusCategory: the default map. */
    g_assert_cmpint (jira_q (store, ITEM ("status_category", "OPS-8")), ==, UC_STATUS_DONE);
    /* No changelog: derived changes, at the update (OPS-8, no resolution)
     * or the resolution (OPS-9). */
    jira_assert_text (store, "SELECT group_concat (ext_id || '@' || time || ':' || to_category, ' ')"
                                         " FROM (SELECT * FROM status_change ORDER BY ext_id)", "jira:derived:OPS-8@1767607200:2 jira:derived:OPS-9@1767866400:2");
    g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change WHERE from_status IS NULL"
                                    " AND from_category IS NULL"), ==, 2);
  }
  /* An array of search pages (as some scripts save them). */
  {
    static const char pages[] =
      "[{\"startAt\": 0, \"maxResults\": 1, \"total\": 2, \"issues\": [{\"key\": \"OPS-20\", \"fields\":"
      " {\"created\": \"2026-01-01T00:00:00Z\", \"customfield_1\": 3}}], \"names\": {\"customfield_1\":"
      " \"Story Points\"}},\n {\"startAt\": 1, \"maxResults\": 1, \"total\": 2, \"issues\": [{\"key\": \"OPS-21\","
      " \"fields\": {\"created\": \"2026-01-02T00:00:00Z\"}}]}]";
    g_autofree char *path = jira_write ("pages.json", pages, -1);
    g_autoptr(UcStore) store = jira_new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (jira_detect (path), ==, "jira-json");
    g_assert_true (jira_import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.n_records, ==, 2);
    g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 2);
    g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "OPS-20")), ==, 3.0);
  }
}

/* A changelog imported later replaces the derived history. */
static void
test_json_replaces_derived (void)
{
  static const char without[] =
    "{\"startAt\": 0, \"maxResults\": 1, \"total\": 1, \"issues\": [{\"key\": \"OPS-1\", \"fields\": {"
    "\"created\": \"2026-01-05T10:00:00.000+0000\", \"updated\": \"2026-01-09T10:00:00.000+0000\","
    "\"resolutiondate\": \"2026-01-09T10:00:00.000+0000\", \"status\": {\"name\": \"Done\","
    " \"statusCategory\": {\"key\": \"done\"}}}}]}";
  static const char with[] =
    "{\"startAt\": 0, \"maxResults\": 1, \"total\": 1, \"issues\": [{\"key\": \"OPS-1\", \"fields\": {"
    "\"created\": \"2026-01-05T10:00:00.000+0000\", \"updated\": \"2026-01-09T10:00:00.000+0000\","
    "\"resolutiondate\": \"2026-01-09T10:00:00.000+0000\", \"status\": {\"name\": \"Done\","
    " \"statusCategory\": {\"key\": \"done\"}}}, \"changelog\": {\"histories\": [{\"id\": \"5\","
    " \"created\": \"2026-01-09T10:00:00.000+0000\", \"items\": [{\"field\": \"status\","
    " \"fromString\": \"To Do\", \"toString\": \"Done\"}]}]}}]}";
  g_autofree char *a = jira_write ("without.json", without, -1);
  g_autofree char *b = jira_write ("with.json", with, -1);
  g_autoptr(UcStore) store = jira_new_workspace ();

  jira_import_ok (store, a, NULL);
  jira_assert_text (store, "SELECT group_concat (ext_id) FROM status_change", "jira:derived:OPS-1");
  jira_import_ok (store, b, NULL);
  jira_assert_text (store, "SELECT group_concat (ext_id) FROM status_change", "jira:5:0");
  /* An export without a changelog does not bring it back. */
  {
    g_autofree char *text = g_strconcat (without, " ", NULL);
    g_autofree char *path = jira_write ("without-2.json", text, -1);

    jira_import_ok (store, path, NULL);
    jira_assert_text (store, "SELECT group_concat (ext_id) FROM status_change", "jira:5:0");
  }
}

/* ---- bad input ---- */

static void
test_json_errors (void)
{
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *page1 = jira_fixture ("rest/search-page-1.json");
  g_autofree char *comments = jira_fixture ("rest/comments-page.json");
  g_autofree char *fields = jira_fixture ("rest/fields.json");
  g_autofree char *text = NULL;
  gsize len = 0;

  /* Something to keep. */
  jira_import_ok (store, page1, NULL);

  /* Truncated: the page cut in the middle of its second issue. */
  {
    g_autofree char *path = NULL;
    const char *second;

    text = jira_read (page1, &len);
    second = strstr (strstr (text, "\"key\": \"ACME-2\""), "\"summary\"");
    path = jira_write ("truncated.json", text, second - text);
    jira_expect_error (store, path, NULL, UC_IMPORT_ERROR_PARSE, "truncated.json", "truncated",
                       "record 2", "line", NULL);
    g_clear_pointer (&text, g_free);
  }

  /* Wrong type, missing or bad required fields, a bad key. */
  {
    static const struct
    {
      const char *json;
      const char *expect1;
      const char *expect2;
    } cases[] = {
      { "{\"startAt\": 0, \"issues\": [{\"key\": \"OPS-1\", \"fields\": {\"created\": 123}}]}",
        "fields.created", "OPS-1" },
      { "{\"startAt\": 0, \"issues\": [{\"key\": \"OPS-1\", \"fields\": {\"summary\": \"x\"}}]}",
        "“fields.created” is missing", "line 1" },
      { "{\"startAt\": 0, \"issues\": [{\"key\": \"OPS-1\", \"fields\": {\"created\": \"yesterday\"}}]}",
        "is not a date", "yesterday" },
      { "{\"startAt\": 0, \"issues\": [{\"key\": \"OPS-1\", \"fields\": \"none\"}]}",
        "“fields” should be an object", "OPS-1" },
      { "{\"startAt\": 0, \"issues\": [{\"key\": 12, \"fields\": {}}]}",
        "“key” should be a string", "line 1" },
      { "{\"startAt\": 0, \"issues\": [{\"key\": \"not a key\", \"fields\": {}}]}",
        "is not an issue key", "not a key" },
      { "{\"startAt\": 0, \"issues\": [{\"fields\": {}}]}",
        "has no “key”", "line 1" },
      { "{\"startAt\": 0, \"issues\": [{\"key\": \"OPS-1\", \"fields\": {\"created\": \"2026-01-01T00:00:00Z\"},"
        " \"changelog\": {\"histories\": [{\"id\": 1, \"items\": []}]}}]}",
        "changelog.histories[0].created", "OPS-1" },
      { "{\"startAt\": 0, \"issues\": [{\"key\": \"OPS-1\", \"fields\": {\"created\": \"2026-01-01T00:00:00Z\","
        " \"comment\": {\"comments\": [{\"id\": \"3\", \"body\": \"x\"}]}}}]}",
        "fields.comment.comments[0].created", "OPS-1" },
      { "{\"startAt\": 0, \"issues\": [1]}", "record 1 is not a JSON object", "line 1" },
      { "{\"startAt\": 0,\n \"issues\": [{\"key\": \"OPS-1\",\n \"fields\": {\"created\" \"x\"}}]}",
        "invalid JSON on line 3", "bad.json" },
      { "{\"startAt\": 0, \"issues\": [{\"key\": \"OPS-1\", \"fields\": {\"created\": \"2026-01-01\"}}"
        " {\"key\": \"OPS-2\"}]}",
        "a “,” is missing", "line 1" },
      { "[{\"backend_name\": \"GitHub\", \"category\": \"issue\", \"data\": {}}]",
        "“GitHub” backend", "line 1" },
      { "{\"startAt\": 0, \"issues\": [{\"key\": \"OPS-1\", \"fields\": {\"created\": \"2026-01-01\","
        " \"summary\": \"caf\xff\"}}]}",
        "invalid UTF-8 on line 1", "bad.json" },
      { "   \n  ", "blank", "bad.json" },
      { "42", "not a JSON object or array", "line 1" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *path = jira_write ("bad.json", cases[i].json, -1);

        g_test_message ("case %u", i);
        if (g_str_equal (cases[i].expect1, "blank"))
          jira_expect_error (store, path, "jira-json", UC_IMPORT_ERROR_PARSE, "bad.json", "no JSON", NULL);
        else
          jira_expect_error (store, path, "jira-json", UC_IMPORT_ERROR_PARSE,
                             cases[i].expect1, cases[i].expect2, NULL);
      }
  }

  /* Only comments, or only the field catalogue. */
  jira_expect_error (store, comments, "jira-json", UC_IMPORT_ERROR_PARSE, "only comments", NULL);
  jira_expect_error (store, fields, "jira-json", UC_IMPORT_ERROR_PARSE, "field catalogue", NULL);

  /* An empty file; a folder with nothing of Jira's. */
  {
    g_autofree char *empty = jira_write ("empty.json", "", 0);
    g_autofree char *folder = jira_tmp_path ("nothing");
    g_autofree char *readme = g_build_filename (folder, "README.txt", NULL);

    jira_expect_error (store, empty, "jira-json", UC_IMPORT_ERROR_IO, "empty", NULL);
    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_true (g_file_set_contents (readme, "Exports go here.\n", -1, NULL));
    jira_expect_error (store, folder, "jira-json", UC_IMPORT_ERROR_PARSE, "holds no Jira issue pages", NULL);
    g_assert_null (jira_detect (folder));
  }
}

static void
test_json_skip_bad (void)
{
  static const char page[] =
    "{\"startAt\": 0, \"maxResults\": 3, \"total\": 3, \"issues\": [\n"
    "{\"key\": \"OPS-1\", \"fields\": {\"created\": \"2026-01-01T00:00:00.000+0000\"}},\n"
    "{\"key\": \"OPS-2\", \"fields\": {\"summary\": \"no date\"}},\n"
    "{\"key\": \"OPS-3\", \"fields\": {\"created\": \"2026-01-03T00:00:00.000+0000\"}},\n"
    "{\"key\": \"OPS-4\", \"fields\": {\"created\": \"2026-01-04T00:00";
  g_autofree char *path = jira_write ("skip.json", page, -1);
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  jira_expect_error (store, path, NULL, UC_IMPORT_ERROR_PARSE, "line 3", "OPS-2", NULL);

  g_assert_true (jira_import (store, path, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 2);
  g_assert_cmpuint (result.warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "line 3 (issue OPS-2)"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "truncated"));
  g_assert_cmpint (jira_q (store, "SELECT n_warnings FROM source"), ==, 2);
}

/* ---- the real samples ---- */

static void
test_real_grimoirelab (void)
{
  g_autofree char *path = jira_shared ("grimoirelab-elk-items/jira.json");
  g_autoptr(UcStore) store = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  store = jira_new_workspace ();
  g_assert_cmpstr (jira_detect (path), ==, "jira-json");
  g_assert_true (jira_import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);

  /* Derived with python3 (json.load): 5 envelopes with distinct keys; 12
   * changelog items whose field is "status"; 2 entries in comments_data,
   * neither matching the objection lexicon; 3 distinct accounts (reporters,
   * assignees, history and comment authors). */
  g_assert_cmpint (result.n_records, ==, 5);
  g_assert_cmpint (result.n_new, ==, 5);
  g_assert_cmpuint (result.warnings->len, ==, 0);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 5);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change"), ==, 12);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM comment"), ==, 2);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM comment WHERE is_objection"), ==, 0);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item WHERE status_category = 2"), ==, 5);

  /* CONTRIB-4 has only renderedFields: "14/May/18 11:53 PM" in the
   * viewer's zone, which updated_on (1526335142.631) against the rendered
   * "11:59 PM" puts at +02:00, so 2018-05-14T21:53:00Z; its status is the
   * last one in its changelog, whose done category is learned from
   * CONTRIB-11. */
  g_assert_cmpint (jira_q (store, ITEM ("created_time", "CONTRIB-4")), ==, 1526334780);
  g_assert_cmpint (jira_q (store, ITEM ("updated_time", "CONTRIB-4")), ==, 1526335142);
  jira_assert_text (store, ITEM ("status", "CONTRIB-4"), "Licenses Validated");
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "CONTRIB-4")), ==, UC_STATUS_DONE);
  g_assert_cmpint (jira_q (store, "SELECT to_category FROM status_change WHERE ext_id = 'jira:10029:0'"), ==,
                   UC_STATUS_DONE);
  /* CONTRIB-3: "2018-05-14T23:47:22.774+0200". */
  g_assert_cmpint (jira_q (store, ITEM ("created_time", "CONTRIB-3")), ==, 1526334442);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change s JOIN work_item w ON w.id = s.item_id"
                                  " WHERE w.key = 'CONTRIB-3'"), ==, 4);

  {
    static const char * const bodies[] = {
      "node-license-validator", "Scanned the 3 repositories", NULL
    };

    jira_assert_no_text (store, bodies);
  }
}

static void
test_real_perceval_folder (void)
{
  g_autofree char *path = jira_shared ("perceval/jira");
  g_autoptr(UcStore) store = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  store = jira_new_workspace ();
  g_assert_cmpstr (jira_detect (path), ==, "jira-json");
  g_assert_true (jira_import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);

  /* Derived with python3: pages 1 and 2 hold HELP-6043, HELP-6042 and
   * HELP-6041 (parse_expected repeats two of them): 3 items, 5 issue
   * records; the two comment pages hold 4 comments, all of issue 10016,
   * which is not in the folder (2 warnings, one per file). No changelog:
   * HELP-6042 is done with resolutiondate 2016-03-03T14:30:17.000+0000, the
   * only derived change. Reporters and assignees: user1, user2, user3. */
  g_assert_cmpint (result.n_records, ==, 9);
  g_assert_cmpint (result.n_new, ==, 3);
  g_assert_cmpuint (result.warnings->len, ==, 2);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 3);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM comment"), ==, 0);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM person"), ==, 3);
  jira_assert_text (store, "SELECT ext_id || '@' || time || ':' || to_status || ':' || to_category"
                                       " FROM status_change", "jira:derived:HELP-6042@1457015417:Closed:2");
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change"), ==, 1);
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "HELP-6043")), ==, UC_STATUS_TODO);
}

/* ---- detection ---- */

static void
check_not_claimed (const char *path,
                   int         depth)
{
  const char *format;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      if (strstr (path, "jira") == NULL)
        {
          format = jira_detect (path);
          if (format != NULL && g_str_has_prefix (format, "jira-"))
            g_error ("the folder %s is taken for %s", path, format);
        }
      while (depth < 3 && dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (strstr (name, "jira") == NULL)
            check_not_claimed (child, depth + 1);
        }
      return;
    }
  format = jira_detect (path);
  if (format != NULL && g_str_has_prefix (format, "jira-"))
    g_error ("%s is taken for %s", path, format);
}

static void
test_detect (void)
{
  static const struct
  {
    const char *fixture;
    const char *format;
  } own[] = {
    { "rest", "jira-json" },
    { "rest/search-page-1.json", "jira-json" },
    { "rest/search-page-2.json", "jira-json" },
    { "acme-search.xml", "jira-xml" },
    { "acme-export.csv", "jira-csv" },
  };
  const char *root = g_getenv ("UC_SHARED_DATA");
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "import", "fixtures", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    {
      g_autofree char *path = jira_fixture (own[i].fixture);

      g_assert_cmpstr (jira_detect (path), ==, own[i].format);
    }
  /* A comment page or the catalogue alone is only a guess. */
  {
    g_autofree char *comments = jira_fixture ("rest/comments-page.json");
    const char *format = jira_detect (comments);

    g_assert_true (format == NULL || !g_str_has_prefix (format, "jira-"));
  }

  /* Other importers' fixtures are not Jira. */
  check_not_claimed (fixtures, 0);
  if (root != NULL && g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      check_not_claimed (root, 0);
      {
        g_autofree char *xml = g_build_filename (root, "jira-xml", "ops4j_PAXLOGGING_SearchRequest.xml", NULL);
        g_autofree char *elk = g_build_filename (root, "grimoirelab-elk-items", "jira.json", NULL);

        g_assert_cmpstr (jira_detect (xml), ==, "jira-xml");
        g_assert_cmpstr (jira_detect (elk), ==, "jira-json");
      }
    }

  /* Format names. */
  g_assert_nonnull (uc_import_format_name ("jira-json"));
  g_assert_nonnull (uc_import_format_name ("jira-xml"));
  g_assert_nonnull (uc_import_format_name ("jira-csv"));
}

/* ---- nothing of the text is kept ---- */

static void
test_no_body_text (void)
{
  static const char * const bodies[] = {
    "double-charge", "idempotency key covers", "audit-v2 flag", "block on this",
    "see the wiki page", "README is closer", "exponential backoff", "Webhook calls fail",
    "Proposal, options", "Automated weekly bump", "not part of the export",
    NULL
  };
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *folder = jira_fixture ("rest");

  jira_import_ok (store, folder, NULL);
  jira_assert_no_text (store, bodies);
}

int
main (int    argc,
      char **argv)
{
  jira_test_init (&argc, &argv);

  g_test_add_func ("/jira/status-map/defaults", test_status_map_defaults);
  g_test_add_func ("/jira/status-map/overrides", test_status_map_overrides);
  g_test_add_func ("/jira/json/folder", test_rest_folder);
  g_test_add_func ("/jira/json/overlap", test_rest_overlap);
  g_test_add_func ("/jira/json/story-points", test_rest_story_points);
  g_test_add_func ("/jira/json/reimport", test_rest_reimport);
  g_test_add_func ("/jira/json/identity-merge", test_rest_identity_merge);
  g_test_add_func ("/jira/json/status-overrides", test_rest_status_overrides);
  g_test_add_func ("/jira/json/variants", test_json_variants);
  g_test_add_func ("/jira/json/replaces-derived", test_json_replaces_derived);
  g_test_add_func ("/jira/json/errors", test_json_errors);
  g_test_add_func ("/jira/json/skip-bad", test_json_skip_bad);
  g_test_add_func ("/jira/json/real-grimoirelab", test_real_grimoirelab);
  g_test_add_func ("/jira/json/real-perceval-folder", test_real_perceval_folder);
  g_test_add_func ("/jira/detect", test_detect);
  g_test_add_func ("/jira/json/no-body-text", test_no_body_text);

  return jira_test_finish (g_test_run ());
}
