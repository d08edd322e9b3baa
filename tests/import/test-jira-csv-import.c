/* test-jira-csv-import.c: the CSV reader, the Jira CSV importer, and the
 * date and text helpers the Jira importers share.
 *
 * Own fixture: tests/import/fixtures/jira/acme-export.csv, an "Export CSV
 * (all fields)" file as Jira Cloud writes it (UTF-8 BOM, CRLF, repeated
 * "Labels", "Sprint", "Watchers" and "Comment" columns, a description
 * spanning two lines with quotes, both the display date format and ISO
 * dates). Expected values were derived with python3: csv.reader over the
 * file opened with encoding="utf-8-sig", newline="" (so the CRLF inside a
 * quoted cell stays two characters); datetime.strptime(...,
 * "%d/%b/%y %I:%M %p") read as UTC for display dates; len(text.strip()) for
 * lengths; comment cells split on the first two ';'; objection flags with a
 * regex version of the lexicon in uc-text-flags.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-jira-util.h"
#include "uc-csv-reader.h"
#include "uc-jira-private.h"

#define ITEM(col, key) "SELECT " col " FROM work_item WHERE tracker = 'jira' AND key = '" key "'"

/* ---- the CSV reader ---- */

static UcCsvReader *
reader_for (const char *text,
            gssize      len)
{
  g_autoptr(GInputStream) stream = NULL;

  if (len < 0)
    len = (gssize) strlen (text);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (text, (gsize) len), len, g_free);
  return uc_csv_reader_new (stream, NULL);
}

/* All rows as "field|field|…" lines, with "@line-endline" after each. */
static char *
read_all (UcCsvReader  *csv,
          GError      **error)
{
  GString *out = g_string_new (NULL);

  while (uc_csv_reader_next_row (csv, error))
    {
      for (guint i = 0; i < uc_csv_reader_get_n_fields (csv); i++)
        {
          if (i > 0)
            g_string_append_c (out, '|');
          if (uc_csv_reader_field_was_quoted (csv, (int) i))
            g_string_append_c (out, '^');
          g_string_append (out, uc_csv_reader_get_field (csv, (int) i, NULL));
        }
      g_string_append_printf (out, "@%lu-%lu\n", (gulong) uc_csv_reader_get_line (csv),
                              (gulong) uc_csv_reader_get_end_line (csv));
    }
  return g_string_free (out, FALSE);
}

static void
test_csv_reader (void)
{
  static const struct
  {
    const char *input;
    const char *rows;
  } cases[] = {
    { "a,b,c\r\n\"x,1\",\"he said \"\"hi\"\"\",\"multi\nline\"\r\n\r\n,,\"\"\nlast,row",
      "a|b|c@1-1\n^x,1|^he said \"hi\"|^multi\nline@2-3\n||^@5-5\nlast|row@6-6\n" },
    { "a\rb\r\rc", "a@1-1\nb@2-2\nc@4-4\n" },
    { "\"a\r\nb\",c\r\n", "^a\r\nb|c@1-2\n" },
    { "ab\"c,d\n\"ab\"c,d\n", "ab\"c|d@1-1\n^abc|d@2-2\n" },
    { "\n\n", "" },
    { "", "" },
    { "only", "only@1-1\n" },
    { "x,\n", "x|@1-1\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UcCsvReader) csv = reader_for (cases[i].input, -1);
      g_autoptr(GError) error = NULL;
      g_autofree char *rows = read_all (csv, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rows, ==, cases[i].rows);
    }

  /* Embedded NUL bytes keep their length. */
  {
    g_autoptr(UcCsvReader) csv = reader_for ("a\0b,c\n", 6);
    g_autoptr(GError) error = NULL;
    gsize len = 0;

    g_assert_true (uc_csv_reader_next_row (csv, &error));
    g_assert_cmpstr (uc_csv_reader_get_field (csv, 0, &len), ==, "a");
    g_assert_cmpuint (len, ==, 3);
    g_assert_cmpstr (uc_csv_reader_get_field (csv, 7, &len), ==, "");
    g_assert_cmpuint (len, ==, 0);
    g_assert_cmpstr (uc_csv_reader_get_field (csv, -1, NULL), ==, "");
    g_assert_cmpint (uc_csv_reader_get_row (csv), ==, 1);
    g_assert_cmpint (uc_csv_reader_get_offset (csv), ==, 6);
  }

  /* Another delimiter. */
  {
    g_autoptr(UcCsvReader) csv = reader_for ("a;\"b;c\",d\n", -1);
    g_autoptr(GError) error = NULL;
    g_autofree char *rows = NULL;

    uc_csv_reader_set_delimiter (csv, ';');
    rows = read_all (csv, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (rows, ==, "a|^b;c,d@1-1\n");
  }

  /* An unterminated quote names the line where the field starts. */
  {
    g_autoptr(UcCsvReader) csv = reader_for ("a,b\n\"open,\nmore\n", -1);
    g_autoptr(GError) error = NULL;

    uc_csv_reader_set_display_name (csv, "x.csv");
    g_assert_true (uc_csv_reader_next_row (csv, &error));
    g_assert_false (uc_csv_reader_next_row (csv, &error));
    g_assert_error (error, UC_CSV_ERROR, UC_CSV_ERROR_UNTERMINATED);
    g_assert_cmpstr (error->message, ==,
                     "“x.csv”, line 2: a quoted field starts here but its closing quote is missing (unterminated quote)");
  }

  /* Too long a field. */
  {
    g_autoptr(UcCsvReader) csv = reader_for ("ok\n\"0123456789\n", -1);
    g_autoptr(GError) error = NULL;

    uc_csv_reader_set_max_field_size (csv, 8);
    g_assert_true (uc_csv_reader_next_row (csv, &error));
    g_assert_false (uc_csv_reader_next_row (csv, &error));
    g_assert_error (error, UC_CSV_ERROR, UC_CSV_ERROR_FIELD_TOO_LONG);
    g_assert_nonnull (strstr (error->message, "line 2"));
  }

  /* Cancellation. */
  {
    g_autoptr(GCancellable) cancel = g_cancellable_new ();
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("a\nb\n", 4, NULL);
    g_autoptr(UcCsvReader) csv = uc_csv_reader_new (stream, cancel);
    g_autoptr(GError) error = NULL;

    g_assert_true (uc_csv_reader_next_row (csv, &error));
    g_cancellable_cancel (cancel);
    g_assert_false (uc_csv_reader_next_row (csv, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
test_csv_header (void)
{
  g_autoptr(UcCsvReader) csv = reader_for ("Name, Comment ,comment,Labels\n1,2,3,4\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) comments = NULL;
  g_autoptr(GArray) none = NULL;

  g_assert_true (uc_csv_reader_read_header (csv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (uc_csv_reader_get_n_columns (csv), ==, 4);
  g_assert_cmpstr (uc_csv_reader_get_column_name (csv, 1), ==, "Comment");
  g_assert_null (uc_csv_reader_get_column_name (csv, 4));
  g_assert_cmpint (uc_csv_reader_find_column (csv, "comment"), ==, 1);
  g_assert_cmpint (uc_csv_reader_find_column (csv, " LABELS "), ==, 3);
  g_assert_cmpint (uc_csv_reader_find_column (csv, "missing"), ==, -1);
  comments = uc_csv_reader_find_columns (csv, "Comment");
  g_assert_cmpuint (comments->len, ==, 2);
  g_assert_cmpint (g_array_index (comments, int, 0), ==, 1);
  g_assert_cmpint (g_array_index (comments, int, 1), ==, 2);
  none = uc_csv_reader_find_columns (csv, "Sprint");
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_true (uc_csv_reader_next_row (csv, &error));
  g_assert_cmpstr (uc_csv_reader_get_field (csv, uc_csv_reader_find_column (csv, "labels"), NULL), ==, "4");
  g_assert_cmpint (uc_csv_reader_get_row (csv), ==, 2);

  /* No row at all. */
  {
    g_autoptr(UcCsvReader) empty = reader_for ("\n\n", -1);

    g_assert_false (uc_csv_reader_read_header (empty, &error));
    g_assert_error (error, UC_CSV_ERROR, UC_CSV_ERROR_NO_HEADER);
  }

  g_assert_cmpint (uc_csv_guess_delimiter ("a;b;c\n1,5;2;3", 13), ==, ';');
  g_assert_cmpint (uc_csv_guess_delimiter ("\"a,b,c\";d;e\n", 12), ==, ';');
  g_assert_cmpint (uc_csv_guess_delimiter ("a\tb\tc,d", 7), ==, '\t');
  g_assert_cmpint (uc_csv_guess_delimiter ("abc", 3), ==, ',');
  g_assert_cmpint (uc_csv_guess_delimiter ("\xef\xbb\xbf" "a,b", 6), ==, ',');
}

static void
test_csv_files (void)
{
  /* A UTF-8 BOM and a UTF-16LE file with a BOM. */
  static const char utf8[] = "\xef\xbb\xbfName,Caf\xc3\xa9\r\n1,2\r\n";
  g_autofree char *a = jira_write ("bom.csv", utf8, -1);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(UcCsvReader) csv = uc_csv_reader_new_for_path (a, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (uc_csv_reader_read_header (csv, &error));
    g_assert_cmpint (uc_csv_reader_find_column (csv, "Name"), ==, 0);
    g_assert_cmpstr (uc_csv_reader_get_column_name (csv, 1), ==, "Caf\xc3\xa9");
  }
  {
    gsize len = 0;
    g_autofree char *utf16 = g_convert ("Name,Caf\xc3\xa9\r\n1,\"2\r\n3\"\r\n", -1, "UTF-16LE", "UTF-8",
                                        NULL, &len, &error);
    g_autofree char *with_bom = g_malloc (len + 2);
    g_autofree char *b = NULL;
    g_autoptr(UcCsvReader) csv = NULL;
    g_autofree char *rows = NULL;

    g_assert_no_error (error);
    with_bom[0] = (char) 0xFF;
    with_bom[1] = (char) 0xFE;
    memcpy (with_bom + 2, utf16, len);
    b = jira_write ("utf16.csv", with_bom, (gssize) len + 2);
    csv = uc_csv_reader_new_for_path (b, NULL, &error);
    g_assert_no_error (error);
    rows = read_all (csv, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (rows, ==, "Name|Caf\xc3\xa9@1-1\n1|^2\r\n3@2-3\n");
  }
  {
    g_autofree char *missing = jira_tmp_path ("missing.csv");

    g_assert_null (uc_csv_reader_new_for_path (missing, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

/* ---- dates, keys and text ---- */

static void
test_helpers (void)
{
  static const struct
  {
    const char *text;
    gint64      iso;      /* -1: not a date in that format */
    gint64      rss;
    gint64      display;
  } dates[] = {
    { "2016-03-03T13:40:01.000+0000", 1457012401, -1, -1 },
    { "2026-01-05T10:00:00Z", 1767607200, -1, -1 },
    { "2026-01-06T10:00:00.5+05:30", 1767673800, -1, -1 },
    { "2026-11-25 09:14", 1795598040, -1, -1 },
    { "2026-11-25", 1795564800, -1, -1 },
    { "2026-11-25T09:14:00 +0000", 1795598040, -1, -1 },
    { "Sat, 15 Apr 2006 00:16:31 +0200", -1, 1145052991, -1 },
    { "Mon, 9 Apr 2007 08:01:59 +0200", -1, 1176098519, -1 },
    { "15 Apr 2006 00:16 GMT", -1, 1145060160, -1 },
    { "25/Nov/26 9:14 AM", -1, -1, 1795598040 },
    { "25/nov/2026 9:14 am", -1, -1, 1795598040 },
    { "25/Nov/26 12:05 AM", -1, -1, 1795565100 },
    { "25/Nov/26 12:05 PM", -1, -1, 1795608300 },
    { "1/Jan/2026 13:00", -1, -1, 1767272400 },
    { "25/Nov/26", -1, -1, 1795564800 },
    { "12/Mar/26 4:41 PM", -1, -1, 1773333660 },
    { "2026-13-01", -1, -1, -1 },
    { "2026-02-30T00:00:00Z", -1, -1, -1 },
    { "2026-01-01T25:00", -1, -1, -1 },
    { "2026-01-01T10:00+25:00", -1, -1, -1 },
    { "Sat, 15 Foo 2006 00:16:31 +0200", -1, -1, -1 },
    { "25/Nov/26 13:00 PM", -1, -1, -1 },
    { "32/Jan/26 10:00", -1, -1, -1 },
    { "25/Nov/265 10:00", -1, -1, -1 },
    { "yesterday", -1, -1, -1 },
    { "", -1, -1, -1 },
  };
  double v = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      UcTime t = 0;
      gint64 any = dates[i].iso >= 0 ? dates[i].iso : dates[i].rss >= 0 ? dates[i].rss : dates[i].display;

      g_test_message ("%s", dates[i].text);
      g_assert_cmpint (_uc_jira_parse_iso_time (dates[i].text, &t), ==, dates[i].iso >= 0);
      if (dates[i].iso >= 0)
        g_assert_cmpint (t, ==, dates[i].iso);
      g_assert_cmpint (_uc_jira_parse_rss_time (dates[i].text, &t), ==, dates[i].rss >= 0);
      if (dates[i].rss >= 0)
        g_assert_cmpint (t, ==, dates[i].rss);
      g_assert_cmpint (_uc_jira_parse_display_time (dates[i].text, &t), ==, dates[i].display >= 0);
      if (dates[i].display >= 0)
        g_assert_cmpint (t, ==, dates[i].display);
      g_assert_cmpint (_uc_jira_parse_any_time (dates[i].text, &t), ==, any >= 0);
      if (any >= 0)
        g_assert_cmpint (t, ==, any);
    }
  g_assert_false (_uc_jira_parse_any_time (NULL, NULL));

  {
    static const char * const good[][2] = {
      { "PAXLOGGING-12", "PAXLOGGING" }, { "A_1-2", "A_1" }, { "X2-0", "X2" },
    };
    static const char * const bad[] = { "-1", "ABC-", "ABC-12a", "ab c-1", "1ABC-2", "ABC", "AB-CD-7", "", NULL };

    for (guint i = 0; i < G_N_ELEMENTS (good); i++)
      {
        g_autofree char *project = _uc_jira_project_of_key (good[i][0]);

        g_assert_cmpstr (project, ==, good[i][1]);
      }
    for (guint i = 0; bad[i] != NULL; i++)
      g_assert_null (_uc_jira_project_of_key (bad[i]));
  }

  g_assert_true (_uc_jira_is_decision_word ("RFC"));
  g_assert_true (_uc_jira_is_decision_word ("design-review"));
  g_assert_true (_uc_jira_is_decision_word ("Architecture Decision"));
  g_assert_true (_uc_jira_is_decision_word ("Spikes"));
  g_assert_true (_uc_jira_is_decision_word ("adr"));
  g_assert_false (_uc_jira_is_decision_word ("Redesign"));
  g_assert_false (_uc_jira_is_decision_word ("Bug"));
  g_assert_false (_uc_jira_is_decision_word (NULL));

  g_assert_true (_uc_jira_is_story_points_field ("Story Points"));
  g_assert_true (_uc_jira_is_story_points_field (" story  point estimate"));
  g_assert_false (_uc_jira_is_story_points_field ("Sprint"));
  g_assert_false (_uc_jira_is_story_points_field (NULL));

  g_assert_true (_uc_jira_parse_number (" 2.5 ", &v));
  g_assert_cmpfloat (v, ==, 2.5);
  g_assert_false (_uc_jira_parse_number ("three", &v));
  g_assert_false (_uc_jira_parse_number ("3 points", &v));
  g_assert_false (_uc_jira_parse_number ("nan", &v));
  g_assert_false (_uc_jira_parse_number ("", &v));

  {
    g_autoptr(GString) out = g_string_new (NULL);

    g_assert_cmpstr (_uc_jira_html_to_text (out, "<p>I don&#39;t <b>think</b>&nbsp;so</p><p>x &amp; y &lt; z &bogus; a < b</p>", -1),
                     ==, "I don't think so x & y < z &bogus; a < b");
    g_assert_cmpstr (_uc_jira_html_to_text (out, "  &#x263A;<br/>&mdash;  ", -1), ==, "\xe2\x98\xba \xe2\x80\x94");
    g_assert_cmpstr (_uc_jira_html_to_text (out, NULL, -1), ==, "");
  }
}

/* ---- the importer ---- */

static void
test_fixture (void)
{
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *path = jira_fixture ("acme-export.csv");
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (jira_import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format, ==, "jira-csv");
  g_assert_cmpint (result.n_records, ==, 5);
  g_assert_cmpint (result.n_new, ==, 5);
  g_assert_cmpuint (result.warnings->len, ==, 0);

  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 5);

  /* ACME-101: done, with story points and a two-line description. */
  jira_assert_text (store, ITEM ("type", "ACME-101"), "Story");
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-101")), ==, UC_STATUS_DONE);
  g_assert_cmpint (jira_q (store, ITEM ("created_time", "ACME-101")), ==, 1772442900);
  g_assert_cmpint (jira_q (store, ITEM ("updated_time", "ACME-101")), ==, 1773333660);
  g_assert_cmpint (jira_q (store, ITEM ("resolved_time", "ACME-101")), ==, 1773333600);
  g_assert_cmpint (jira_q (store, ITEM ("title_len", "ACME-101")), ==, 28);
  g_assert_cmpint (jira_q (store, ITEM ("body_len", "ACME-101")), ==, 84);
  g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "ACME-101")), ==, 5.0);
  g_assert_cmpint (jira_q (store, ITEM ("is_decision", "ACME-101")), ==, 0);
  jira_assert_text (store, "SELECT i.value FROM work_item w JOIN identity i ON i.id = w.reporter_id"
                                       " WHERE w.key = 'ACME-101'", "5b10ac8d82e05b22cc7d4ef5");
  jira_assert_text (store, "SELECT p.name FROM work_item w JOIN identity i ON i.id = w.assignee_id"
                                       " JOIN person p ON p.id = i.person_id WHERE w.key = 'ACME-101'", "Alice Martin");

  /* ACME-102: a spike (decision), in progress since "Status Category
   * Changed" (ISO dates). */
  g_assert_cmpint (jira_q (store, ITEM ("is_decision", "ACME-102")), ==, 1);
  g_assert_cmpint (jira_q (store, ITEM ("created_time", "ACME-102")), ==, 1772542800);
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-102")), ==, UC_STATUS_DOING);
  g_assert_cmpfloat (jira_q_double (store, ITEM ("story_points", "ACME-102")), ==, 3.5);

  /* ACME-103: won't do; ACME-104: an ADR (label), done by the default map
   * (no Status Category); ACME-105: to do. */
  jira_assert_text (store, ITEM ("status", "ACME-103"), "Won't Do");
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-103")), ==, UC_STATUS_DONE);
  g_assert_cmpint (jira_q (store, ITEM ("assignee_id IS NULL", "ACME-103")), ==, 1);
  g_assert_cmpint (jira_q (store, ITEM ("is_decision", "ACME-104")), ==, 1);
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-104")), ==, UC_STATUS_DONE);
  g_assert_cmpint (jira_q (store, ITEM ("status_category", "ACME-105")), ==, UC_STATUS_TODO);

  /* Derived history: done or in progress at "Status Category Changed",
   * else (ACME-104) at the resolution; none for the to-do item. */
  jira_assert_text (store, "SELECT group_concat (x, ' ') FROM (SELECT ext_id || '@' || time || ':'"
                                       " || to_status || ':' || to_category AS x FROM status_change ORDER BY ext_id)", "jira:derived:ACME-101@1773333600:Done:2 "
                   "jira:derived:ACME-102@1772613000:In Progress:1 "
                   "jira:derived:ACME-103@1772787600:Won't Do:2 "
                   "jira:derived:ACME-104@1772613000:Done:2");

  /* Comments: "date;author;body" cells. */
  jira_assert_text (store, "SELECT group_concat (x, ' ') FROM (SELECT w.key || ':' || c.time || ':'"
                                       " || c.body_len || ':' || c.is_objection || ':' || i.value AS x FROM comment c"
                                       " JOIN work_item w ON w.id = c.item_id JOIN identity i ON i.id = c.author_id"
                                       " ORDER BY c.time)", "ACME-101:1772704800:69:1:5b10ac8d82e05b22cc7d4ef5 "
                   "ACME-101:1772710200:76:0:5b10a2844c20165700ede21g "
                   "ACME-103:1772787300:42:1:60a1b2c3d4e5f6a7b8c9d0e1 "
                   "ACME-105:1773395100:56:1:60a1b2c3d4e5f6a7b8c9d0e1");
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM link"), ==, 0);

  /* People: three accountIds, named from the Reporter/Assignee cells. */
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM identity"), ==, 3);
  jira_assert_text (store, "SELECT group_concat (name, ',') FROM (SELECT name FROM person ORDER BY name)", "Alice Martin,Bob Chen,Carol D\xc3\xad""az");

  {
    static const char * const bodies[] = {
      "double-charge", "idempotency key", "exponential", "empty exports are rare",
      "Not sure where this goes", "Compare three options", NULL
    };

    jira_assert_no_text (store, bodies);
  }

  /* Again: nothing changes. */
  {
    g_autofree char *before = uc_store_describe_counts (store);
    g_autofree char *after = NULL;
    g_auto(UcImportResult) again = { 0 };

    g_assert_true (jira_import (store, path, NULL, UC_IMPORT_FLAGS_NONE, &again, &error));
    g_assert_no_error (error);
    g_assert_true (again.already_imported);
    after = uc_store_describe_counts (store);
    g_assert_cmpstr (before, ==, after);
  }
}

/* A newer export converges; an older one changes nothing. */
static void
test_overlap (void)
{
  static const char older[] =
    "Issue key,Issue Type,Status,Created,Updated,Resolved,Reporter,Comment\n"
    "OPS-1,Task,In Progress,01/Feb/26 9:00 AM,02/Feb/26 9:00 AM,,jdoe,02/Feb/26 8:00 AM;jdoe;started\n";
  static const char newer[] =
    "Issue key,Issue Type,Status,Created,Updated,Resolved,Reporter,Comment,Comment\n"
    "OPS-1,Task,Closed,01/Feb/26 9:00 AM,05/Feb/26 9:00 AM,05/Feb/26 9:00 AM,jdoe,02/Feb/26 8:00 AM;jdoe;started,"
    "05/Feb/26 8:59 AM;asmith;looks good\n";
  g_autofree char *a = jira_write ("older.csv", older, -1);
  g_autofree char *b = jira_write ("newer.csv", newer, -1);

  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(UcStore) store = jira_new_workspace ();

      jira_import_ok (store, order == 0 ? a : b, "jira-csv");
      jira_import_ok (store, order == 0 ? b : a, "jira-csv");
      jira_assert_text (store, ITEM ("status", "OPS-1"), "Closed");
      g_assert_cmpint (jira_q (store, ITEM ("status_category", "OPS-1")), ==, UC_STATUS_DONE);
      g_assert_cmpint (jira_q (store, "SELECT count(*) FROM comment"), ==, 2);
      jira_assert_text (store, "SELECT group_concat (ext_id || '@' || time) FROM status_change", "jira:derived:OPS-1@1770282000");
    }
}

static void
test_errors (void)
{
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_autofree char *fixture = jira_fixture ("acme-export.csv");
  static const char header[] =
    "Summary,Issue key,Issue Type,Status,Created,Updated,Custom field (Story Points),Comment\n";
  static const struct
  {
    const char *rows;
    const char *expect1;
    const char *expect2;
  } cases[] = {
    { "Fine,OPS-1,Task,Open,01/Feb/26 9:00 AM,,,\n\"Broken,OPS-2,Task,Open,01/Feb/26 9:00 AM,,,\nLast,OPS-3,Task,Open,,,,\n",
      "line 3: a quoted field starts here but its closing quote is missing (unterminated quote)", "bad.csv" },
    { "Fine,OPS-1,Task,Open,01/Feb/26 9:00 AM,,,\nBad,OPS-2,Task,Open,2026-13-45,,,\n",
      "line 3 (row 3), column “Created”: “2026-13-45” is not a date", "bad.csv" },
    { "Bad,OPS-2,Task,Open,01/Feb/26 9:00 AM,Feb 2nd,,\n",
      "line 2 (row 2), column “Updated”", "Feb 2nd" },
    { "Bad,,Task,Open,01/Feb/26 9:00 AM,,,\n", "line 2 (row 2): the “Issue key” cell is empty", "bad.csv" },
    { "Bad,ops 2,Task,Open,01/Feb/26 9:00 AM,,,\n", "column “Issue key”", "not an issue key" },
    { "Bad,OPS-2,Task,Open,,,,\n", "column “Created”", "creation date is missing" },
    { "Bad,OPS-2,Task,Open,01/Feb/26 9:00 AM,,three,\n",
      "column “Custom field (Story Points)”", "“three” is not a number" },
    { "Bad,OPS-2,Task,Open,01/Feb/26 9:00 AM,,,just text\n", "column “Comment”", "date;author;text" },
    { "Bad,OPS-2,Task,Open,01/Feb/26 9:00 AM,,,someday;jdoe;text\n", "column “Comment”", "“someday”" },
  };

  jira_import_ok (store, fixture, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (header, cases[i].rows, NULL);
      g_autofree char *path = jira_write ("bad.csv", text, -1);

      g_test_message ("case %u", i);
      jira_expect_error (store, path, "jira-csv", UC_IMPORT_ERROR_PARSE, cases[i].expect1, cases[i].expect2, NULL);
    }

  /* Not a Jira export; no creation dates; a folder. */
  {
    g_autofree char *roster = jira_write ("roster.csv", "name,team,email\nAda,core,ada@example.com\n", -1);
    g_autofree char *dateless = jira_write ("dateless.csv", "Issue key,Summary\nOPS-1,x\n", -1);
    g_autofree char *folder = jira_tmp_path ("folder.csv");

    g_assert_true (jira_detect (roster) == NULL || !g_str_has_prefix (jira_detect (roster), "jira-"));
    jira_expect_error (store, roster, "jira-csv", UC_IMPORT_ERROR_PARSE, "line 1", "no “Issue key” column", NULL);
    jira_expect_error (store, dateless, "jira-csv", UC_IMPORT_ERROR_PARSE, "line 1", "no “Created” column", NULL);
    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    jira_expect_error (store, folder, "jira-csv", UC_IMPORT_ERROR_IO, "folder", NULL);
  }

  /* A header only: nothing to import, and no error. */
  {
    g_autofree char *only = jira_write ("header.csv", header, -1);
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_true (jira_import (store, only, "jira-csv", UC_IMPORT_FLAGS_NONE, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.n_records, ==, 0);
  }
}

static void
test_skip_bad (void)
{
  static const char text[] =
    "Issue key,Status,Created\n"
    "OPS-1,Open,01/Feb/26 9:00 AM\n"
    "OPS-2,Open,sometime\n"
    "OPS-3,Open,03/Feb/26 9:00 AM\n"
    "\"OPS-4,Open,04/Feb/26 9:00 AM\n"
    "OPS-5,Open,05/Feb/26 9:00 AM\n";
  g_autofree char *path = jira_write ("skip.csv", text, -1);
  g_autoptr(UcStore) store = jira_new_workspace ();
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (jira_import (store, path, "jira-csv", UC_IMPORT_FLAGS_SKIP_BAD, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jira_q (store, "SELECT count(*) FROM work_item"), ==, 2);
  g_assert_cmpuint (result.warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "line 3 (row 3), column “Created”"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "line 5"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "rest of the file"));
}

/* Semicolons, as spreadsheets in some locales save it; Latin-1 bytes. */
static void
test_variants (void)
{
  static const char text[] =
    "Issue key;Issue Type;Status;Created;Summary\r\n"
    "OPS-1;Bug;Geschlossen;2026-02-01;Caf\xe9 cr\xe9me\r\n";
  g_autofree char *path = jira_write ("semicolon.csv", text, -1);
  g_autoptr(UcStore) store = jira_new_workspace ();

  g_assert_cmpstr (jira_detect (path), ==, "jira-csv");
  jira_import_ok (store, path, NULL);
  g_assert_cmpint (jira_q (store, ITEM ("title_len", "OPS-1")), ==, 10);
  g_assert_cmpint (jira_q (store, ITEM ("status_category IS NULL", "OPS-1")), ==, 1);
  g_assert_cmpint (jira_q (store, ITEM ("created_time", "OPS-1")), ==, 1769904000);
}

int
main (int    argc,
      char **argv)
{
  jira_test_init (&argc, &argv);

  g_test_add_func ("/jira/csv/reader", test_csv_reader);
  g_test_add_func ("/jira/csv/header", test_csv_header);
  g_test_add_func ("/jira/csv/files", test_csv_files);
  g_test_add_func ("/jira/helpers", test_helpers);
  g_test_add_func ("/jira/csv/fixture", test_fixture);
  g_test_add_func ("/jira/csv/overlap", test_overlap);
  g_test_add_func ("/jira/csv/errors", test_errors);
  g_test_add_func ("/jira/csv/skip-bad", test_skip_bad);
  g_test_add_func ("/jira/csv/variants", test_variants);

  return jira_test_finish (g_test_run ());
}
