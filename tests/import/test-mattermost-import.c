/* test-mattermost-import.c: the Mattermost importer (Perceval items, a
 * posts page, a folder of API pages).
 *
 * The project's own fixtures are in tests/import/fixtures/mattermost/
 * (hand written). The real samples in $UC_SHARED_DATA are imported too
 * when present.
 *
 * Expected numbers for the real samples were derived independently with
 * python3 over the JSON: every post of every "posts" map (pages) or every
 * envelope's data (items) is a record; a post whose type starts with
 * "system_" is not a message; messages are counted once per post id; a
 * reply is a message with a non-empty root_id, linked when the root is
 * among the messages; authors are the distinct user_ids of messages;
 * objections were counted with a regex version of the default lexicon.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "uc-import.h"

static char *tmp_root;
static guint n_scratch;

#define CHANNEL_ID "q7hd3w1xyb8xzk9n4fm6pjtr5e"
#define PRIYA "k3j8yq1x7bgzdm5rwfp9nthe4a"
#define WEI "w9c2mx5tqjfrhn8ze4dk1yb7so"
#define RFC_POST "r1o0tq8xkjf3bn5ewzm7y2hd4c"

/* ---- helpers ---- */

static char *
scratch_path (const char *what)
{
  return g_strdup_printf ("%s/%s-%u", tmp_root, what, ++n_scratch);
}

static UcStore *
new_workspace (void)
{
  g_autofree char *path = scratch_path ("ws.undercurrent");
  g_autoptr(GError) error = NULL;
  UcStore *store = uc_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
q (UcStore    *store,
   const char *sql)
{
  return uc_store_query_int (store, sql, -1);
}

static char *
q_text (UcStore    *store,
        const char *sql)
{
  sqlite3_stmt *stmt = uc_store_prepare (store, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "import", "fixtures", "mattermost", name, NULL);
}

static char *
sample (const char *rel)
{
  const char *root = g_getenv ("UC_SHARED_DATA");
  g_autofree char *path = NULL;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("UC_SHARED_DATA is not available");
      return NULL;
    }
  path = g_build_filename (root, rel, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the shared sample is missing");
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
import_ok (UcStore        *store,
           const char     *path,
           const char     *format,
           UcImportFlags   flags,
           UcImportResult *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (uc_import_path (store, path, format, flags, result, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_import_fails (UcStore       *store,
                     const char    *path,
                     const char    *format,
                     UcImportError  code,
                     ...) G_GNUC_NULL_TERMINATED;

static void
assert_import_fails (UcStore       *store,
                     const char    *path,
                     const char    *format,
                     UcImportError  code,
                     ...)
{
  g_autofree char *before = uc_store_describe_counts (store);
  g_autofree char *after = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  const char *needle;
  va_list ap;

  g_assert_false (uc_import_path (store, path, format, UC_IMPORT_FLAGS_NONE, &result,
                                  NULL, NULL, NULL, &error));
  g_assert_error (error, UC_IMPORT_ERROR, (gint) code);
  va_start (ap, code);
  while ((needle = va_arg (ap, const char *)) != NULL)
    if (strstr (error->message, needle) == NULL)
      g_error ("“%s” is not in the error “%s”", needle, error->message);
  va_end (ap);
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);
}

/* Not inlined: GCC's dangling-pointer check misreads the out-parameter. */
G_GNUC_NO_INLINE static char *
read_file (const char *path,
           gsize      *len)
{
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, NULL));
  return data;
}

static void
write_file (const char *path,
            const char *data,
            gssize      len)
{
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);
      gsize len = 0;
      g_autofree char *data = read_file (src, &len);

      write_file (dst, data, (gssize) len);
    }
}

/* A copy of @name with the first @n occurrences of @from replaced. */
static char *
variant (const char *name,
         const char *from,
         const char *to,
         guint       n)
{
  g_autofree char *src = fixture (name);
  char *dst = scratch_path ("variant.json");
  gsize len = 0;
  g_autofree char *data = read_file (src, &len);
  g_autoptr(GString) s = g_string_new_len (data, (gssize) len);

  g_assert_cmpuint (g_string_replace (s, from, to, n), >=, 1);
  write_file (dst, s->str, (gssize) s->len);
  return dst;
}

static gboolean
contains_bytes (const char *data,
                gsize       len,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n <= len && i <= len - n; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_no_text (UcStore            *store,
                const char * const *texts)
{
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      g_autofree char *path = g_strconcat (uc_store_get_path (store), suffixes[s], NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &data, &len, NULL))
        continue;
      for (guint i = 0; texts[i] != NULL; i++)
        if (contains_bytes (data, len, texts[i]))
          g_error ("“%s” is stored in %s", texts[i], path);
    }
}

static gint64
person_of (UcStore    *store,
           const char *kind,
           const char *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT person_id FROM identity WHERE kind = '%s' AND value = '%s'",
                                          kind, value);

  return q (store, sql);
}

static const char * const fixture_texts[] = {
  "split the job queue into interactive",
  "a priority flag might do",
  "Nightly backup completed",
  "try the flag first and measure",
  "latency for interactive jobs is down",
  "the batch jobs now starve",
  "Standup notes for Tuesday",
  NULL
};

/* ---- our fixtures ---- */

/* pages/: one posts page of 5 posts: the RFC root (only in "posts", for
 * context), 2 replies to it (one "Not convinced": an objection), a
 * webhook post and a system join: 5 records, 4 messages in "platform"
 * (named by channel.json); authors Priya, Wei (user pages with
 * addresses) and the backup-cron webhook (an agent). */
static void
test_pages (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_auto(UcImportResult) result = { 0 };
  g_autofree char *path = fixture ("pages");
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  UcId rfc;

  g_assert_cmpstr (uc_import_detect (path, NULL, &error), ==, "mattermost");
  g_assert_no_error (error);
  import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
  g_assert_cmpstr (result.format, ==, "mattermost");
  g_assert_cmpint (result.n_records, ==, 5);
  g_assert_cmpint (result.n_new, ==, 4);
  g_assert_cmpuint (result.warnings->len, ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE system = 'mattermost' AND channel = 'platform'"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE is_objection"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 2);
  g_assert_cmpint (person_of (store, "email", "priya.nair@example.com"), ==,
                   person_of (store, "mattermost", PRIYA));
  name = q_text (store, "SELECT p.name FROM person p JOIN identity i ON i.person_id = p.id"
                        " WHERE i.kind = 'mattermost' AND i.value = '" WEI "'");
  g_assert_cmpstr (name, ==, "Wei Chen");
  {
    g_autofree char *handle = q_text (store, "SELECT display_name FROM identity"
                                             " WHERE kind = 'mattermost' AND value = '" WEI "'");

    g_assert_cmpstr (handle, ==, "w.chen");
  }
  g_assert_cmpint (q (store, "SELECT p.is_agent FROM person p JOIN identity i ON i.person_id = p.id"
                             " WHERE i.kind = 'mattermost' AND i.value = 'webhook:backup-cron'"), ==, 1);

  /* the thread: both replies point at the root, which came after them */
  rfc = q (store, "SELECT id FROM message WHERE ext_id = '" RFC_POST "'");
  g_assert_cmpint (rfc, >, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE thread_ext_id = '" RFC_POST "'"), ==, 2);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM message WHERE reply_to_id = %" G_GINT64_FORMAT, rfc);

    g_assert_cmpint (q (store, sql), ==, 2);
  }
  g_assert_cmpint (q (store, "SELECT time FROM message WHERE ext_id = '" RFC_POST "'"), ==, 1710151200);
  g_assert_cmpint (q (store, "SELECT body_len FROM message WHERE ext_id = '" RFC_POST "'"), ==,
                   g_utf8_strlen ("RFC: split the job queue into interactive and batch queues. Feedback by Friday please.", -1));
  assert_no_text (store, fixture_texts);
}

static void
test_single_page (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_auto(UcImportResult) result = { 0 };
  g_autofree char *path = fixture ("pages/posts_page_1.json");
  g_autoptr(GError) error = NULL;

  /* alone, a page knows its channel and authors by id only */
  g_assert_cmpstr (uc_import_detect (path, NULL, &error), ==, "mattermost");
  g_assert_no_error (error);
  import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
  g_assert_cmpint (result.n_records, ==, 5);
  g_assert_cmpint (result.n_new, ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = '" CHANNEL_ID "'"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 0);
}

/* perceval-items.json: 5 items: 4 posts and a header change; one reply
 * ("I worry": an objection); the standup bot (is_bot, from_bot) is an
 * agent; the RFC root is also on the page above. */
static void
test_items (void)
{
  g_autofree char *items = fixture ("perceval-items.json");
  g_autofree char *pages = fixture ("pages");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (uc_import_detect (items, NULL, &error), ==, "mattermost");
  g_assert_no_error (error);
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };

    import_ok (store, items, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpint (result.n_records, ==, 5);
    g_assert_cmpint (result.n_new, ==, 4);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'platform'"), ==, 4);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE is_objection"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 3);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 2);
    assert_no_text (store, fixture_texts);
  }
  /* items and pages overlap on the RFC post and on the people */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) first = { 0 };
    g_auto(UcImportResult) second = { 0 };

    import_ok (store, pages, NULL, UC_IMPORT_FLAGS_NONE, &first);
    import_ok (store, items, NULL, UC_IMPORT_FLAGS_NONE, &second);
    g_assert_cmpint (second.n_new, ==, 3);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message"), ==, 7);
    /* Priya, Wei, the webhook, the standup bot */
    g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 4);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 3);
  }
}

static void
test_git_author (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_auto(UcImportResult) result = { 0 };
  g_autofree char *items = fixture ("perceval-items.json");
  g_autoptr(GError) error = NULL;
  UcId git_identity;

  g_assert_true (uc_store_begin (store, &error));
  git_identity = uc_store_ensure_identity (store, "email", "Wei.Chen@example.com", "wchen", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (uc_store_commit (store, &error));

  import_ok (store, items, NULL, UC_IMPORT_FLAGS_NONE, &result);
  g_assert_cmpint (person_of (store, "mattermost", WEI), ==, uc_store_identity_person (store, git_identity));
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 3);
}

static void
test_malformed (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *items = fixture ("perceval-items.json");

  {
    g_auto(UcImportResult) seed = { 0 };
    g_autofree char *pages = fixture ("pages");

    import_ok (store, pages, NULL, UC_IMPORT_FLAGS_NONE, &seed);
  }
  /* truncated inside the second item */
  {
    g_autofree char *bad = scratch_path ("truncated.json");
    gsize len = 0;
    g_autofree char *data = read_file (items, &len);
    const char *cut = strstr (data, "the batch jobs now starve");

    g_assert_nonnull (cut);
    write_file (bad, data, cut - data);
    assert_import_fails (store, bad, NULL, UC_IMPORT_ERROR_PARSE, "item 2", "truncated", NULL);
  }
  /* wrong types, missing fields, another backend, bad UTF-8 */
  {
    g_autofree char *bad = variant ("perceval-items.json", "\"create_at\": 1710237600000", "\"create_at\": \"yesterday\"", 1);

    assert_import_fails (store, bad, NULL, UC_IMPORT_ERROR_PARSE, "item 1", "“create_at” is a string", NULL);
  }
  {
    g_autofree char *bad = variant ("perceval-items.json", "\"create_at\": 1710237900000,", "", 1);

    assert_import_fails (store, bad, NULL, UC_IMPORT_ERROR_PARSE, "item 2", "without “create_at”", NULL);
  }
  {
    g_autofree char *bad = variant ("perceval-items.json", "\"id\": \"i3y5stm7qxb2jr8wkn4fz6ed1d\"", "\"id\": 3", 1);

    assert_import_fails (store, bad, NULL, UC_IMPORT_ERROR_PARSE, "item 3", "“id” is a number", NULL);
  }
  {
    g_autofree char *bad = variant ("perceval-items.json", "\"backend_name\": \"Mattermost\"", "\"backend_name\": \"Slack\"", 1);

    assert_import_fails (store, bad, "mattermost", UC_IMPORT_ERROR_PARSE, "item 1", "“Slack” item", NULL);
  }
  {
    g_autofree char *bad = variant ("perceval-items.json", "down 40%", "down \xe2\x82 40%", 1);

    assert_import_fails (store, bad, NULL, UC_IMPORT_ERROR_PARSE, "item 1", "UTF-8", NULL);
  }
  {
    g_autofree char *bad = scratch_path ("blank.json");

    write_file (bad, "\n  \n", -1);
    assert_import_fails (store, bad, "mattermost", UC_IMPORT_ERROR_PARSE, "no posts", NULL);
    write_file (bad, "[1, 2]", -1);
    assert_import_fails (store, bad, "mattermost", UC_IMPORT_ERROR_PARSE, "item 1", "not an object", NULL);
    write_file (bad, "{\"hello\": \"world\"}", -1);
    assert_import_fails (store, bad, "mattermost", UC_IMPORT_ERROR_PARSE, "neither", NULL);
  }
  /* a broken page in a folder names the page; a posts map of the wrong type */
  {
    g_autofree char *src = fixture ("pages");
    g_autofree char *dir = scratch_path ("pages");
    g_autofree char *page = NULL;
    gsize len = 0;
    g_autofree char *data = NULL;

    copy_tree (src, dir);
    page = g_build_filename (dir, "posts_page_1.json", NULL);
    data = read_file (page, &len);
    write_file (page, data, (gssize) len - 10);
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE, "posts_page_1.json", "not valid JSON", NULL);
    write_file (page, "{\"order\": [], \"posts\": []}", -1);
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE, "posts_page_1.json", "“posts” is an array", NULL);
  }
  /* a folder with nothing of Mattermost in it */
  {
    g_autofree char *empty = scratch_path ("empty");

    g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
    assert_import_fails (store, empty, "mattermost", UC_IMPORT_ERROR_UNKNOWN_FORMAT, "no page of Mattermost posts", NULL);
  }
}

static void
test_skip_bad (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_auto(UcImportResult) result = { 0 };
  g_autofree char *bad = variant ("perceval-items.json", "\"create_at\": 1710237900000,", "", 1);

  import_ok (store, bad, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result);
  g_assert_cmpuint (result.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "item 2"));
  g_assert_cmpint (result.n_records, ==, 5);
  g_assert_cmpint (result.n_new, ==, 3);
  g_assert_cmpint (q (store, "SELECT n_warnings FROM source"), ==, 1);
}

static void
test_reimport (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *pages = fixture ("pages");
  g_autofree char *items = fixture ("perceval-items.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *paths[] = { pages, items };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(UcImportResult) result = { 0 };

      import_ok (store, paths[i], NULL, UC_IMPORT_FLAGS_NONE, &result);
    }
  before = uc_store_describe_counts (store);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(UcImportResult) result = { 0 };

      import_ok (store, paths[i], NULL, UC_IMPORT_FLAGS_NONE, &result);
      g_assert_true (result.already_imported);
      g_assert_cmpint (result.n_new, ==, 0);
    }
  after = uc_store_describe_counts (store);
  g_assert_cmpstr (before, ==, after);
}

/* ---- the real samples ---- */

static void
test_samples (void)
{
  g_autofree char *folder = sample ("perceval/mattermost");
  g_autofree char *items = NULL;
  g_autofree char *page = NULL;

  if (folder == NULL)
    return;
  items = sample ("grimoirelab-elk-items/mattermost.json");
  if (items == NULL)
    return;
  page = g_build_filename (folder, "mattermost_posts.json", NULL);

  /* perceval/mattermost: 5 + 4 + 0 posts = 9 records, 2 system joins:
   * 7 messages, 1 reply (linked); sduenas and valcos, with addresses;
   * mattermost_channel.json describes another channel id, so the posts
   * keep their channel id */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    static const char * const texts[] = { "El Madrid tambi", "hola valerio", NULL };

    import_ok (store, folder, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpstr (result.format, ==, "mattermost");
    g_assert_cmpint (result.n_records, ==, 9);
    g_assert_cmpint (result.n_new, ==, 7);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'cf6axeehstft9eq4nq5uk5jqby'"), ==, 7);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 2);
    g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 2);
    g_assert_cmpint (person_of (store, "email", "sduenas@bitergia.com"), ==,
                     person_of (store, "mattermost", "8tbwn7uikpdy3gpse6fgiie5co"));
    assert_no_text (store, texts);
  }
  /* mattermost_posts.json alone: 5 posts, none a system post */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };

    import_ok (store, page, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpint (result.n_records, ==, 5);
    g_assert_cmpint (result.n_new, ==, 5);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 1);
  }
  /* mattermost.json: 89 items, 33 system posts: 56 messages, 10 replies
   * all linked, 17 authors, no address, no objection */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;
    static const char * const texts[] = { "joined the team", NULL };

    g_assert_cmpstr (uc_import_detect (items, NULL, &error), ==, "mattermost");
    g_assert_no_error (error);
    import_ok (store, items, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpint (result.n_records, ==, 89);
    g_assert_cmpint (result.n_new, ==, 56);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE thread_ext_id IS NOT NULL"), ==, 10);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 10);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE is_objection"), ==, 0);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 17);
    g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 0);
    assert_no_text (store, texts);
  }
}

static void
test_detect (void)
{
  static const char * const others[] = {
    "grimoirelab-elk-items/github.json", "grimoirelab-elk-items/gitlab.json",
    "grimoirelab-elk-items/gerrit.json", "grimoirelab-elk-items/jira.json",
    "grimoirelab-elk-items/git.json", "grimoirelab-elk-items/slack.json",
    "perceval/slack", "slack-clojurians", "slack-clojurians/2018-02-01.txt",
    "perceval/github", "perceval/gitlab", "perceval/jira", "perceval/gerrit",
    "perceval/mattermost/mattermost_user_sduenas.json",
    "perceval/mattermost/mattermost_erros.json",
    "github-archive-json/quicwg_load-balancers_archive.json",
  };
  const char *root = g_getenv ("UC_SHARED_DATA");
  g_autofree char *slack_export = g_test_build_filename (G_TEST_DIST, "import", "fixtures", "slack",
                                                         "export", NULL);
  g_autofree char *slack_items = g_test_build_filename (G_TEST_DIST, "import", "fixtures", "slack",
                                                        "perceval-items.json", NULL);
  const char *ours[] = { slack_export, slack_items };

  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (uc_import_detect (ours[i], NULL, &error), !=, "mattermost");
    }
  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("UC_SHARED_DATA is not available");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (root, others[i], NULL);
      g_autoptr(GError) error = NULL;
      const char *format;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      format = uc_import_detect (path, NULL, &error);
      if (g_strcmp0 (format, "mattermost") == 0)
        g_error ("%s was taken for Mattermost", others[i]);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_remove (child);
      }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_root = g_dir_make_tmp ("uc-test-mattermost-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/import/mattermost/pages", test_pages);
  g_test_add_func ("/import/mattermost/single-page", test_single_page);
  g_test_add_func ("/import/mattermost/items", test_items);
  g_test_add_func ("/import/mattermost/git-author", test_git_author);
  g_test_add_func ("/import/mattermost/malformed", test_malformed);
  g_test_add_func ("/import/mattermost/skip-bad", test_skip_bad);
  g_test_add_func ("/import/mattermost/reimport", test_reimport);
  g_test_add_func ("/import/mattermost/samples", test_samples);
  g_test_add_func ("/import/mattermost/detect", test_detect);

  status = g_test_run ();

  remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
