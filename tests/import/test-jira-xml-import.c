/* test-jira-xml-import.c: the Jira XML (RSS) importer.
 *
 * Own fixture: tests/import/fixtures/jira/acme-search.xml (3 items: a
 * closed bug with two HTML comments, an in-progress design story with a
 * CDATA description, an open task with story points). The real sample is
 * $UC_SHARED_DATA/jira-xml/ops4j_PAXLOGGING_SearchRequest.xml.
 *
 * Expected values were derived with python3's xml.etree over the files:
 * datetime.strptime(..., "%a, %d %b %Y %H:%M:%S %z") for times; for HTML
 * bodies, tags dropped (block tags as a space), html.unescape, whitespace
 * runs collapsed, then len(); the objection flags with a regex version of
 * the lexicon in uc-text-flags.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-jira-util.h"

#define ITEM(col, key) "SELECT " col " FROM work_item WHERE tracker = 'jira' AND key = '" key "'"

static void
test_fixture (void)
{
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *path = jira_fixture ("acme-search.xml");
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (jira_import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "jira-xml");
  g_assert_cmpint (result.n_records, ==, 3);
  g_assert_cmpint (result.n_new, ==, 3);
  g_assert_cmpuint (result.warnings->len, ==, 0);

  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 3);

  /* ACME-201: closed (done), resolved, two comments. */
  jira_assert_text (store, ITEM ("type", "ACME-201"), "Bug");
  jira_assert_text (store, ITEM ("status", "ACME-201"), "Closed");
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-201")), ==, UC_STATUS_DONE);
  g_assert_cmpint (jira_q (store, ITEM ("created_time", "ACME-201")), ==, 1772439300);
  g_assert_cmpint (jira_q (store, ITEM ("updated_time", "ACME-201")), ==, 1773330070);
  g_assert_cmpint (jira_q (store, ITEM ("resolved_time", "ACME-201")), ==, 1773330000);
  g_assert_cmpint (jira_q (store, ITEM ("title_len", "ACME-201")), ==, 44);
  g_assert_cmpint (jira_q (store, ITEM ("body_len", "ACME-201")), ==, 98);
  g_assert_cmpint (jira_q (store, ITEM ("is_decision", "ACME-201")), ==, 0);
  jira_assert_text (store, "SELECT i.value FROM work_item w JOIN identity i ON i.id = w.reporter_id"
                                       " WHERE w.key = 'ACME-201'", "bchen");
  jira_assert_text (store, "SELECT p.name FROM work_item w JOIN identity i ON i.id = w.assignee_id"
                                       " JOIN person p ON p.id = i.person_id WHERE w.key = 'ACME-201'", "Alice Martin");

  /* No changelog: one derived change, to the done status at resolution. */
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change"), ==, 1);
  jira_assert_text (store, "SELECT ext_id || '@' || time || ':' || IFNULL (from_status, '?') || '>'"
                                       " || to_status || ':' || IFNULL (from_category, '?') || '>' || to_category"
                                       " FROM status_change", "jira:derived:ACME-201@1773330000:?>Closed:?>2");

  jira_assert_text (store, "SELECT group_concat (x, ' ') FROM (SELECT c.ext_id || ':' || c.time || ':'"
                                       " || c.body_len || ':' || c.is_objection || ':' || i.value AS x FROM comment c"
                                       " JOIN identity i ON i.id = c.author_id ORDER BY c.ext_id)", "jira:comment:20101:1772701200:66:1:bchen jira:comment:20102:1772706600:50:0:amartin");

  /* ACME-202: a decision item (label "design"), in progress. */
  g_assert_cmpint (jira_q (store, ITEM ("is_decision", "ACME-202")), ==, 1);
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-202")), ==, UC_STATUS_DOING);
  g_assert_cmpint (jira_q (store, ITEM ("body_len", "ACME-202")), ==, 26);
  g_assert_cmpint (jira_q (store, ITEM ("resolved_time IS NULL", "ACME-202")), ==, 1);

  /* ACME-203: open, unassigned ("-1"), story points. */
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-203")), ==, UC_STATUS_TODO);
  g_assert_cmpint (jira_q (store, ITEM ("assignee_id IS NULL", "ACME-203")), ==, 1);
  g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "ACME-203")), ==, 2.0);
  g_assert_cmpint (jira_q (store, ITEM ("body_len", "ACME-203")), ==, 0);
  g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "ACME-201")), ==, -1.0);

  /* People: bchen, amartin, carol@example.com (a username that is an
   * address, so an e-mail identity too). */
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM identity"), ==, 4);
  g_assert_cmpint (jira_q (store, "SELECT count(DISTINCT person_id) FROM identity"
                                  " WHERE value = 'carol@example.com'"), ==, 1);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM link"), ==, 0);

  {
    static const char * const bodies[] = {
      "draining the queue", "survive a deploy", "pending retries are lost", "Two options",
      NULL
    };

    jira_assert_no_text (store, bodies);
  }
}

static void
test_reimport (void)
{
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *path = jira_fixture ("acme-search.xml");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  jira_import_ok (store, path, NULL);
  before = uc_store_describe_counts (store);
  g_assert_true (jira_import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.already_imported);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);
}

/* A later export with a changelog replaces the derived history; an older
 * XML export after it does not bring it back. */
static void
test_then_json (void)
{
  static const char json[] =
    "{\"startAt\": 0, \"maxResults\": 1, \"total\": 1, \"issues\": [{\"key\": \"ACME-201\", \"fields\": {"
    "\"created\": \"2026-03-02T09:15:00.000+0100\", \"updated\": \"2026-03-12T16:41:10.000+0100\","
    "\"resolutiondate\": \"2026-03-12T16:40:00.000+0100\", \"status\": {\"name\": \"Closed\","
    " \"statusCategory\": {\"key\": \"done\"}}, \"assignee\": {\"name\": \"amartin\"}},"
    " \"changelog\": {\"histories\": [{\"id\": \"700\", \"created\": \"2026-03-03T09:00:00.000+0100\","
    " \"author\": {\"name\": \"amartin\", \"displayName\": \"Alice Martin\"},"
    " \"items\": [{\"field\": \"status\", \"fromString\": \"Open\", \"toString\": \"In Progress\"}]},"
    " {\"id\": \"701\", \"created\": \"2026-03-12T16:40:00.000+0100\","
    " \"author\": {\"name\": \"amartin\"},"
    " \"items\": [{\"field\": \"status\", \"fromString\": \"In Progress\", \"toString\": \"Closed\"}]}]}}]}";
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *xml = jira_fixture ("acme-search.xml");
  g_autofree char *path = jira_write ("acme-201.json", json, -1);

  jira_import_ok (store, xml, NULL);
  jira_import_ok (store, path, NULL);
  jira_assert_text (store, "SELECT group_concat (ext_id || ':' || from_category || '>' || to_category, ' ')"
                                       " FROM (SELECT * FROM status_change ORDER BY time)", "jira:700:0:0>1 jira:701:0:1>2");
  /* The same person: the username of the XML. */
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM person"), ==, 3);

  /* The XML again, under another name (a new source): unchanged history. */
  {
    gsize len = 0;
    g_autofree char *text = jira_read (xml, &len);
    g_autofree char *copy = NULL;
    g_autofree char *changed = g_strconcat (text, "\n<!-- again -->\n", NULL);

    copy = jira_write ("again.xml", changed, -1);
    jira_import_ok (store, copy, NULL);
    g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change"), ==, 2);
    g_assert_cmpint (jira_q (store, "SELECT count(*) FROM source"), ==, 3);
  }
}

static void
test_errors (void)
{
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *path = jira_fixture ("acme-search.xml");
  g_autofree char *text = NULL;
  gsize len = 0;

  jira_import_ok (store, path, NULL);
  text = jira_read (path, &len);

  /* A capped export (the search found more than it holds) is imported
   * with a warning. */
  {
    g_autoptr(GString) capped = g_string_new (text);
    g_autoptr(UcStore) other = jira_new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *capped_path = NULL;

    g_string_replace (capped, "<issue start=\"0\" end=\"3\" total=\"3\" />",
                      "<issue start=\"0\" end=\"3\" total=\"1250\" />", 1);
    capped_path = jira_write ("capped.xml", capped->str, -1);
    g_assert_true (jira_import (other, capped_path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (jira_q (other, "SELECT count(*) FROM work_item"), ==, 3);
    g_assert_cmpuint (result.warnings->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "found 1250 issues but the export holds 3"));
  }

  /* Cut in the middle of an element: the error names the last line. */
  {
    const char *cut = strstr (text, "<summary>Design");
    g_autofree char *truncated = NULL;
    g_autofree char *line = NULL;
    guint n_lines = 1;

    g_assert_nonnull (cut);
    cut += 12;
    for (const char *p = text; p < cut; p++)
      if (*p == '\n')
        n_lines++;
    truncated = jira_write ("cut.xml", text, cut - text);
    line = g_strdup_printf ("line %u:", n_lines);
    g_assert_cmpstr (jira_detect (truncated), ==, "jira-xml");
    jira_expect_error (store, truncated, NULL, UC_IMPORT_ERROR_PARSE, "cut.xml", line, "invalid XML", NULL);
  }

  /* Broken items: the line of the <item> and the key are named. */
  {
    static const struct
    {
      const char *from;
      const char *to;
      const char *expect;
    } cases[] = {
      { "<created>Tue, 3 Mar 2026 14:00:00 +0100</created>", "<created>3/3/2026</created>",
        "(issue ACME-202): <created> is not a date: “3/3/2026”" },
      { "<created>Tue, 3 Mar 2026 14:00:00 +0100</created>", "", "(issue ACME-202): <created> is missing" },
      { "<key id=\"10202\">ACME-202</key>", "", "item 2 has no <key>" },
      { "<key id=\"10202\">ACME-202</key>", "<key id=\"10202\">billing</key>", "not an issue key" },
      { "created=\"Thu, 5 Mar 2026 10:00:00 +0100\"", "created=\"soon\"", "comment 1: “created” is not a date" },
      { "Seen twice on &amp;quot;prod-eu&amp;quot;.", "Seen twice on &nbsp;prod-eu.", "invalid XML" },
      { "<rss version=\"0.92\" >", "<rss version=\"0.92\" ><rss>", "invalid XML" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GString) broken = g_string_new (text);
        g_autofree char *bad = NULL;

        g_test_message ("case %u", i);
        g_assert_cmpuint (g_string_replace (broken, cases[i].from, cases[i].to, 1), ==, 1);
        bad = jira_write ("bad.xml", broken->str, -1);
        jira_expect_error (store, bad, "jira-xml", UC_IMPORT_ERROR_PARSE, "bad.xml", "line",
                           cases[i].expect, NULL);
      }
  }

  /* Not an RSS document, invalid UTF-8, no element at all, a folder. */
  {
    g_autofree char *html = jira_write ("page.xml", "<html><body>Jira</body></html>", -1);
    g_autofree char *latin1 = jira_write ("latin1.xml", "<rss><channel><item><key>A-1</key><summary>caf\xe9</summary>"
                                                        "</item></channel></rss>", -1);
    g_autofree char *comment = jira_write ("comment.xml", "<!-- RSS generated by JIRA -->\n", -1);
    g_autofree char *folder = jira_tmp_path ("folder.xml");

    jira_expect_error (store, html, "jira-xml", UC_IMPORT_ERROR_PARSE, "line 1", "not a Jira XML export", NULL);
    jira_expect_error (store, latin1, "jira-xml", UC_IMPORT_ERROR_PARSE, "line 1", "UTF-8", NULL);
    jira_expect_error (store, comment, "jira-xml", UC_IMPORT_ERROR_PARSE, "no XML element", NULL);
    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    jira_expect_error (store, folder, "jira-xml", UC_IMPORT_ERROR_IO, "folder", NULL);
  }
}

static void
test_skip_bad (void)
{
  g_autofree char *path = jira_fixture ("acme-search.xml");
  g_autofree char *text = NULL;
  gsize len = 0;

  text = jira_read (path, &len);

  /* A bad item is skipped, the others stay. */
  {
    g_autoptr(GString) broken = g_string_new (text);
    g_autoptr(UcStore) store = jira_new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *bad = NULL;

    g_string_replace (broken, "<created>Tue, 3 Mar 2026 14:00:00 +0100</created>", "<created>someday</created>", 1);
    bad = jira_write ("skip.xml", broken->str, -1);
    g_assert_true (jira_import (store, bad, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 2);
    g_assert_cmpuint (result.warnings->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "ACME-202"));
  }

  /* Truncated: what came before the break is kept. */
  {
    g_autoptr(UcStore) store = jira_new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;
    const char *cut = strstr (text, "<summary>Design");
    g_autofree char *truncated = jira_write ("cut.xml", text, cut - text);

    g_assert_true (jira_import (store, truncated, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 1);
    g_assert_cmpuint (result.warnings->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "rest of the file"));
  }
}

static void
test_real (void)
{
  g_autofree char *path = jira_shared ("jira-xml/ops4j_PAXLOGGING_SearchRequest.xml");
  g_autoptr(UcStore) store = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  store = jira_new_workspace ();
  g_assert_true (jira_import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "jira-xml");

  /* Derived with python3 (xml.etree, see the top of the file): 310 items;
   * statusCategory done for 307 Closed + 1 Resolved, new for 2 Open, so 308
   * derived changes; 636 comments, 40 matching the objection lexicon on
   * their visible text; 112 distinct usernames among reporters, assignees
   * (not "-1") and comment authors, 7 of them e-mail addresses (so 119
   * identities); no type or label names a decision. */
  g_assert_cmpint (result.n_records, ==, 310);
  g_assert_cmpint (result.n_new, ==, 310);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 310);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item WHERE project = 'PAXLOGGING'"), ==, 310);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item WHERE status_category = 2"), ==, 308);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item WHERE status_category = 0"), ==, 2);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item WHERE type = 'Bug'"), ==, 140);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item WHERE resolved_time IS NOT NULL"), ==, 308);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item WHERE is_decision"), ==, 0);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM status_change"), ==, 308);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM comment"), ==, 636);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM comment WHERE is_objection"), ==, 40);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM person"), ==, 112);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM identity"), ==, 119);
  /* PAXLOGGING-1: created "Sat, 15 Apr 2006 00:16:31 +0200", summary of 27
   * characters, a description of 764 visible characters. */
  g_assert_cmpint (jira_q (store, ITEM ("created_time", "PAXLOGGING-1")), ==, 1145052991);
  g_assert_cmpint (jira_q (store, ITEM ("title_len", "PAXLOGGING-1")), ==, 27);
  g_assert_cmpint (jira_q (store, ITEM ("body_len", "PAXLOGGING-1")), ==, 764);
  g_assert_cmpint (jira_q (store, "SELECT first_time FROM source"), ==,
                   jira_q (store, "SELECT min (created_time) FROM work_item"));

  {
    static const char * const bodies[] = {
      "Pax Logging NG", "It would be cool if one could define Appenders",
      "complicated Configuration system", NULL
    };

    jira_assert_no_text (store, bodies);
  }
}

typedef struct
{
  GCancellable *cancel;
  GArray       *fractions;
} Progress;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_array_append_val (p->fractions, fraction);
  if (p->cancel != NULL && fraction > 0.2)
    g_cancellable_cancel (p->cancel);
}

static void
test_progress_cancel (void)
{
  g_autofree char *path = jira_shared ("jira-xml/ops4j_PAXLOGGING_SearchRequest.xml");
  g_autofree char *fixture = jira_fixture ("acme-search.xml");
  g_autoptr(UcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Progress p = { 0 };

  if (path == NULL)
    return;
  store = jira_new_workspace ();
  jira_import_ok (store, fixture, NULL);
  before = uc_store_describe_counts (store);

  /* Progress stays within 0..1 and never goes back. */
  p.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  {
    g_autoptr(UcStore) other = jira_new_workspace ();

    g_assert_true (uc_import_path (other, path, NULL, UC_IMPORT_FLAGS_NONE, NULL, progress_cb, &p,
                                   NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (p.fractions->len, >=, 1);
    for (guint i = 0; i < p.fractions->len; i++)
      {
        double f = g_array_index (p.fractions, double, i);

        g_assert_true (f >= 0.0 && f <= 1.0);
        if (i > 0)
          g_assert_cmpfloat (f, >=, g_array_index (p.fractions, double, i - 1));
      }
  }

  /* Cancelled (the import takes too little time to be cancelled reliably
   * part-way; the git importer's test covers that): nothing changes. */
  g_array_set_size (p.fractions, 0);
  p.cancel = cancel;
  g_cancellable_cancel (cancel);
  g_assert_false (uc_import_path (store, path, NULL, UC_IMPORT_FLAGS_NONE, NULL, progress_cb, &p,
                                  cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);
  g_array_unref (p.fractions);
}

int
main (int    argc,
      char **argv)
{
  jira_test_init (&argc, &argv);

  g_test_add_func ("/jira/xml/fixture", test_fixture);
  g_test_add_func ("/jira/xml/reimport", test_reimport);
  g_test_add_func ("/jira/xml/then-json", test_then_json);
  g_test_add_func ("/jira/xml/errors", test_errors);
  g_test_add_func ("/jira/xml/skip-bad", test_skip_bad);
  g_test_add_func ("/jira/xml/real", test_real);
  g_test_add_func ("/jira/xml/progress-cancel", test_progress_cancel);

  return jira_test_finish (g_test_run ());
}
