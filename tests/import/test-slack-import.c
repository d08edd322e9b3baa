/* test-slack-import.c: the Slack importers (workspace export folder and
 * zip, RTM event logs, Perceval items and API pages).
 *
 * The project's own fixtures are in tests/import/fixtures/slack/ (hand
 * written; the zips are built here at run time with libarchive). The real
 * samples in $UC_SHARED_DATA are imported too when present.
 *
 * Expected numbers for our fixtures were counted by hand from the files.
 * Expected numbers for the real samples were derived independently with a
 * short python3 script over the JSON (json.load / json.loads per line):
 * a record is a non-blank line (event log), an array element (day files,
 * Perceval items) or an element of a history page's "messages"; a message
 * is a record of type "message" whose subtype is absent or one of
 * bot_message, me_message, file_share, file_comment, thread_broadcast,
 * plus the "message" nested in message_changed / message_replied events,
 * counted once per (channel, ts); channels are named from channels.edn
 * ((#:channel{:slack-id … :name …}) and otherwise kept as ids; a reply is
 * a message whose thread_ts differs from its ts, linked when its root is
 * among the messages; authors are distinct user ids (or bot_id, or
 * username for a bot without one); objections were counted with a regex
 * version of the default lexicon (word boundaries, case-insensitive).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "uc-import.h"

static char *tmp_root;
static guint n_scratch;

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
  return g_test_build_filename (G_TEST_DIST, "import", "fixtures", "slack", name, NULL);
}

/* A path in the shared samples, or NULL (and the test skipped). */
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

/* Import must fail with @code, leave the workspace as it was, and the
 * message must contain every one of the NULL-terminated strings. */
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

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        copy_tree (src, dst);
      else
        {
          g_autofree char *data = NULL;
          gsize len = 0;

          g_assert_true (g_file_get_contents (src, &data, &len, NULL));
          g_assert_true (g_file_set_contents (dst, data, (gssize) len, NULL));
        }
    }
}

static char *
copy_export (void)
{
  g_autofree char *src = fixture ("export");
  char *dst = scratch_path ("export");

  copy_tree (src, dst);
  return dst;
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

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
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

/* Add the files of @dir (recursively) under @prefix. */
static void
zip_add_tree (struct archive *a,
              const char     *dir,
              const char     *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, n, NULL);
      g_autofree char *entry_name = g_strconcat (prefix, n, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *sub = g_strconcat (entry_name, "/", NULL);

          zip_add_tree (a, path, sub);
        }
      else
        {
          g_autofree char *data = NULL;
          gsize len = 0;
          struct archive_entry *entry = archive_entry_new ();

          data = read_file (path, &len);
          archive_entry_set_pathname (entry, entry_name);
          archive_entry_set_size (entry, (la_int64_t) len);
          archive_entry_set_filetype (entry, AE_IFREG);
          archive_entry_set_perm (entry, 0644);
          archive_entry_set_mtime (entry, 1709000000, 0);
          g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
          g_assert_cmpint (archive_write_data (a, data, len), ==, (la_ssize_t) len);
          archive_entry_free (entry);
        }
    }
}

/* A zip of @dir under @prefix, after extra entries given as name,
 * contents pairs (NULL-terminated). */
static char *
build_zip (const char *dir,
           const char *prefix,
           ...) G_GNUC_NULL_TERMINATED;

static char *
build_zip (const char *dir,
           const char *prefix,
           ...)
{
  char *path = scratch_path ("export.zip");
  struct archive *a = archive_write_new ();
  const char *name;
  va_list ap;

  g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  va_start (ap, prefix);
  while ((name = va_arg (ap, const char *)) != NULL)
    {
      const char *data = va_arg (ap, const char *);
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, name);
      archive_entry_set_size (entry, (la_int64_t) strlen (data));
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, data, strlen (data)), ==, (la_ssize_t) strlen (data));
      archive_entry_free (entry);
    }
  va_end (ap);
  if (dir != NULL)
    zip_add_tree (a, dir, prefix);
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
  return path;
}

/* None of @texts may be in the workspace file or its WAL. */
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

/* The person behind an identity. */
static gint64
person_of (UcStore    *store,
           const char *kind,
           const char *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT person_id FROM identity WHERE kind = '%s' AND value = '%s'",
                                          kind, value);

  return q (store, sql);
}

static gint64
message_id (UcStore    *store,
            const char *channel,
            const char *ext_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM message WHERE system = 'slack'"
                                          " AND channel = '%s' AND ext_id = '%s'",
                                          channel, ext_id);

  return q (store, sql);
}

static gint64
reply_to (UcStore    *store,
          const char *channel,
          const char *ext_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT IFNULL (reply_to_id, 0) FROM message WHERE system = 'slack'"
                                          " AND channel = '%s' AND ext_id = '%s'",
                                          channel, ext_id);

  return q (store, sql);
}

/* ---- the workspace export ---- */

/* What our export (tests/import/fixtures/slack/export) holds, counted by
 * hand: 14 records (6 + 3 in general, 3 in design, 2 in the DM D01AB), of
 * which a channel_join and a channel_leave are not discussion: 12
 * messages; 2 threads (general, design) with 4 replies, one of them a day
 * after its root; 2 objections ("not sure … concern", "I'd rather");
 * authors Alice, Bob, Caro, the deploybot integration (bot_id B01DEPLOY)
 * and the Deploy Bot user (U04DEPLOY, is_bot): 5 people, 2 agents; Alice
 * and Bob have e-mail addresses. */
static void
assert_export_values (UcStore              *store,
                      const UcImportResult *result)
{
  g_autofree char *caro = NULL;
  g_autofree char *alice = NULL;

  g_assert_cmpstr (result->format, ==, "slack-export");
  g_assert_false (result->already_imported);
  g_assert_cmpint (result->n_records, ==, 14);
  g_assert_cmpint (result->n_new, ==, 12);
  g_assert_cmpuint (result->warnings->len, ==, 0);

  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE system = 'slack'"), ==, 12);
  g_assert_cmpint (q (store, "SELECT count(DISTINCT channel) FROM message"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'general'"), ==, 7);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'design'"), ==, 3);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'D01AB'"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE thread_ext_id IS NOT NULL"), ==, 6);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 4);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE is_objection"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE author_id IS NULL"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'slack'"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 2);
  g_assert_cmpint (q (store, "SELECT min(time) FROM message"), ==, 1709542800);
  g_assert_cmpint (q (store, "SELECT max(time) FROM message"), ==, 1709636460);
  g_assert_cmpint (q (store, "SELECT first_time FROM source ORDER BY id DESC LIMIT 1"), ==, 1709542800);
  g_assert_cmpint (q (store, "SELECT last_time FROM source ORDER BY id DESC LIMIT 1"), ==, 1709636460);

  /* names from users.json: real_name, else the profile's display name */
  alice = q_text (store, "SELECT p.name FROM person p JOIN identity i ON i.person_id = p.id"
                         " WHERE i.kind = 'slack' AND i.value = 'U01ALICE'");
  g_assert_cmpstr (alice, ==, "Alice Moreau");
  caro = q_text (store, "SELECT p.name FROM person p JOIN identity i ON i.person_id = p.id"
                        " WHERE i.kind = 'slack' AND i.value = 'U03CARO'");
  g_assert_cmpstr (caro, ==, "Caro Reyes");
  /* the account shows its handle (the profile's display name) */
  {
    g_autofree char *bob = q_text (store, "SELECT display_name FROM identity"
                                          " WHERE kind = 'slack' AND value = 'U02BOB'");

    g_assert_cmpstr (bob, ==, "bobo");
  }
  g_assert_cmpint (person_of (store, "email", "alice.moreau@example.com"), ==,
                   person_of (store, "slack", "U01ALICE"));
  g_assert_cmpint (person_of (store, "email", "bob@example.org"), ==,
                   person_of (store, "slack", "U02BOB"));

  /* body length in characters */
  g_assert_cmpint (q (store, "SELECT body_len FROM message WHERE ext_id = '1709636460.000200'"),
                   ==, g_utf8_strlen ("Platform team, ask in their channel.", -1));
}

static const char * const export_texts[] = {
  "move the nightly build to the new runners",
  "enough disk for the cache",
  "Fine by me, let's try it on Thursday",
  "Deploy of build 4521 to staging",
  "PAY-311 tracks the cache follow-up",
  "keep the old layout for the sidebar",
  "who owns the cache volume",
  "ask in their channel",
  NULL
};

static void
test_export_folder (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_auto(UcImportResult) result = { 0 };
  g_autofree char *path = fixture ("export");
  g_autoptr(GError) error = NULL;
  double confidence = 0;

  g_assert_cmpstr (uc_import_detect (path, &confidence, &error), ==, "slack-export");
  g_assert_no_error (error);
  g_assert_cmpfloat (confidence, >=, 0.9);

  import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
  assert_export_values (store, &result);
  assert_no_text (store, export_texts);
}

static void
test_export_zip (void)
{
  g_autofree char *dir = fixture ("export");
  g_autofree char *top = build_zip (dir, "acme-slack-export/", NULL);
  g_autofree char *flat = build_zip (dir, "", NULL);
  const char *zips[] = { top, flat };

  for (guint i = 0; i < G_N_ELEMENTS (zips); i++)
    {
      g_autoptr(UcStore) store = new_workspace ();
      g_auto(UcImportResult) result = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (uc_import_detect (zips[i], NULL, &error), ==, "slack-export");
      g_assert_no_error (error);
      import_ok (store, zips[i], NULL, UC_IMPORT_FLAGS_NONE, &result);
      assert_export_values (store, &result);
      assert_no_text (store, export_texts);
    }

  /* the export under one top folder of a folder */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autofree char *outer = scratch_path ("outer");
    g_autofree char *inner = g_build_filename (outer, "acme-slack-export", NULL);

    copy_tree (dir, inner);
    import_ok (store, outer, NULL, UC_IMPORT_FLAGS_NONE, &result);
    assert_export_values (store, &result);
  }
}

static void
test_export_zip_evil (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *dir = fixture ("export");
  g_autofree char *evil = build_zip (dir, "", "../evil.json", "[]", NULL);
  g_autofree char *absolute = build_zip (dir, "", "/tmp/evil.json", "[]", NULL);
  g_autofree char *deep = build_zip (dir, "export/", "export/general/../../../x/2024-03-04.json", "[]", NULL);
  g_autofree char *evil_name = g_filename_display_name (evil);
  g_auto(UcImportResult) result = { 0 };

  /* something in the workspace first, which must stay as it is */
  {
    g_autofree char *events = fixture ("events");

    import_ok (store, events, NULL, UC_IMPORT_FLAGS_NONE, &result);
  }
  assert_import_fails (store, evil, NULL, UC_IMPORT_ERROR_PARSE, evil_name, "“../evil.json”",
                       "refused", NULL);
  assert_import_fails (store, evil, "slack-export", UC_IMPORT_ERROR_PARSE, "“../evil.json”", NULL);
  assert_import_fails (store, absolute, "slack-export", UC_IMPORT_ERROR_PARSE, "“/tmp/evil.json”", NULL);
  assert_import_fails (store, deep, "slack-export", UC_IMPORT_ERROR_PARSE,
                       "“export/general/../../../x/2024-03-04.json”", NULL);
  /* skipping bad records does not make a hostile zip acceptable */
  {
    g_auto(UcImportResult) again = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_false (uc_import_path (store, evil, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &again,
                                    NULL, NULL, NULL, &error));
    g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE);
  }
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'D01AB'"), ==, 0);
}

static void
test_export_threads (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_auto(UcImportResult) result = { 0 };
  g_autofree char *path = fixture ("export");
  gint64 root, droot;

  import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
  root = message_id (store, "general", "1709542800.000100");
  droot = message_id (store, "design", "1709544600.000100");
  g_assert_cmpint (root, >, 0);
  g_assert_cmpint (droot, >, 0);
  /* the root is its own thread, not a reply */
  g_assert_cmpint (reply_to (store, "general", "1709542800.000100"), ==, 0);
  g_assert_cmpint (reply_to (store, "general", "1709543100.000200"), ==, root);
  g_assert_cmpint (reply_to (store, "general", "1709543400.000300"), ==, root);
  /* a reply on the next day (another day file) */
  g_assert_cmpint (reply_to (store, "general", "1709632800.000900"), ==, root);
  g_assert_cmpint (reply_to (store, "design", "1709545200.000200"), ==, droot);
  g_assert_cmpint (reply_to (store, "design", "1709545800.000300"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE thread_ext_id = '1709542800.000100'"),
                   ==, 4);
  g_assert_cmpint (q (store, "SELECT is_objection FROM message WHERE ext_id = '1709543100.000200'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT is_objection FROM message WHERE ext_id = '1709545200.000200'"), ==, 1);
}

static void
test_export_bots (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_auto(UcImportResult) result = { 0 };
  g_autofree char *path = fixture ("export");
  g_autofree char *name = NULL;

  import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
  /* a bot_message with a bot_id and no user */
  g_assert_cmpint (q (store, "SELECT p.is_agent FROM person p JOIN identity i ON i.person_id = p.id"
                             " WHERE i.kind = 'slack' AND i.value = 'B01DEPLOY'"), ==, 1);
  name = q_text (store, "SELECT p.name FROM person p JOIN identity i ON i.person_id = p.id"
                        " WHERE i.kind = 'slack' AND i.value = 'B01DEPLOY'");
  g_assert_cmpstr (name, ==, "deploybot");
  /* an app posting through its bot user (is_bot in users.json) */
  g_assert_cmpint (q (store, "SELECT p.is_agent FROM person p JOIN identity i ON i.person_id = p.id"
                             " WHERE i.kind = 'slack' AND i.value = 'U04DEPLOY'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT p.is_agent FROM person p JOIN identity i ON i.person_id = p.id"
                             " WHERE i.kind = 'slack' AND i.value = 'U02BOB'"), ==, 0);
  /* users who never wrote are not imported */
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE value = 'U05GONE'"), ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE value = 'USLACKBOT'"), ==, 0);
}

static void
test_export_git_author (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_auto(UcImportResult) result = { 0 };
  g_autofree char *path = fixture ("export");
  g_autoptr(GError) error = NULL;
  UcId git_identity, git_person;

  /* Alice is already known from git by her address (any case). */
  g_assert_true (uc_store_begin (store, &error));
  git_identity = uc_store_ensure_identity (store, "email", "alice.moreau@EXAMPLE.com",
                                           "Alice M.", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (uc_store_commit (store, &error));
  git_person = uc_store_identity_person (store, git_identity);
  g_assert_cmpint (git_person, >, 0);

  import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
  g_assert_cmpint (person_of (store, "slack", "U01ALICE"), ==, git_person);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 2);
  /* no second person for Alice */
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message m JOIN identity i ON i.id = m.author_id"
                             " JOIN person p ON p.id = i.person_id WHERE p.name = 'Alice M.'"), ==, 5);
}

static void
replace_in_file (const char *path,
                 const char *from,
                 const char *to)
{
  gsize len = 0;
  g_autofree char *data = read_file (path, &len);
  g_autoptr(GString) s = g_string_new_len (data, (gssize) len);

  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  write_file (path, s->str, (gssize) s->len);
}

static void
test_export_malformed (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_auto(UcImportResult) seed = { 0 };
  g_autofree char *events = fixture ("events");

  import_ok (store, events, NULL, UC_IMPORT_FLAGS_NONE, &seed);

  /* truncated in the middle of its third message */
  {
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "general", "2024-03-04.json", NULL);
    gsize len = 0;
    g_autofree char *data = read_file (day, &len);
    const char *cut = strstr (data, "I'm not sure");

    g_assert_nonnull (cut);
    write_file (day, data, cut - data);
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE,
                         "general/2024-03-04.json", "message 3", "truncated", NULL);
  }
  /* a day file that is an object, not an array */
  {
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "design", "2024-03-04.json", NULL);

    write_file (day, "{\"type\": \"message\", \"ts\": \"1709544600.000100\", \"text\": \"hi\"}\n", -1);
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE,
                         "design/2024-03-04.json", "array of messages", NULL);
  }
  /* invalid UTF-8 in a message */
  {
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "design", "2024-03-04.json", NULL);

    replace_in_file (day, "Looks good overall", "Looks \xff\xfe overall");
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE,
                         "design/2024-03-04.json", "message 2", "UTF-8", NULL);
  }
  /* wrong types and missing fields */
  {
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "D01AB", "2024-03-05.json", NULL);

    replace_in_file (day, "\"text\": \"Platform team, ask in their channel.\"", "\"text\": 42");
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE,
                         "D01AB/2024-03-05.json", "message 2", "“text” is a number", NULL);
  }
  {
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "D01AB", "2024-03-05.json", NULL);

    replace_in_file (day, "\"ts\": \"1709636400.000100\"", "\"when\": \"1709636400.000100\"");
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE,
                         "D01AB/2024-03-05.json", "message 1", "“ts”", NULL);
  }
  {
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "D01AB", "2024-03-05.json", NULL);

    replace_in_file (day, "\"ts\": \"1709636400.000100\"", "\"ts\": \"yesterday\"");
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE,
                         "message 1", "not a Slack timestamp", NULL);
  }
  {
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "D01AB", "2024-03-05.json", NULL);

    write_file (day, "[\n  \"just a string\"\n]\n", -1);
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE,
                         "D01AB/2024-03-05.json", "message 1 (line 2)", "not an object", NULL);
  }
  /* an empty day file, garbage in a day file, a broken users.json */
  {
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "D01AB", "2024-03-05.json", NULL);

    write_file (day, "", 0);
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE, "D01AB/2024-03-05.json", "empty", NULL);
    write_file (day, "<html>Rate limited</html>", -1);
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE, "D01AB/2024-03-05.json", "not JSON", NULL);
    write_file (day, "[{\"type\": \"message\", \"ts\": \"1.0\"}] trailing", -1);
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE, "D01AB/2024-03-05.json", "after the closing", NULL);
  }
  {
    g_autofree char *dir = copy_export ();
    g_autofree char *users = g_build_filename (dir, "users.json", NULL);

    write_file (users, "[{\"id\": \"U01ALICE\", \"name\": \"alice\"}, {\"id\": ", -1);
    assert_import_fails (store, dir, NULL, UC_IMPORT_ERROR_PARSE, "users.json", "user 2", "truncated", NULL);
  }
  /* a truncated entry inside a zip names the entry */
  {
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "general", "2024-03-05.json", NULL);
    g_autofree char *zip = NULL;
    gsize len = 0;
    g_autofree char *data = read_file (day, &len);

    write_file (day, data, (gssize) len / 2);
    zip = build_zip (dir, "top/", NULL);
    assert_import_fails (store, zip, NULL, UC_IMPORT_ERROR_PARSE,
                         "top/general/2024-03-05.json", "truncated", NULL);
  }
  /* an empty folder, a folder of something else */
  {
    g_autofree char *empty = scratch_path ("empty");
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
    g_assert_null (uc_import_detect (empty, NULL, &error));
    g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT);
    assert_import_fails (store, empty, NULL, UC_IMPORT_ERROR_UNKNOWN_FORMAT, NULL);
    assert_import_fails (store, empty, "slack-export", UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                         "not a Slack export", NULL);
    assert_import_fails (store, empty, "slack-events", UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                         "no Slack event log", NULL);
  }
  /* a zip that is not an export, and a file that is not a zip */
  {
    g_autofree char *zip = build_zip (NULL, "", "README.txt", "hello", NULL);
    g_autofree char *junk = scratch_path ("junk.zip");

    assert_import_fails (store, zip, "slack-export", UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                         "not a Slack export", NULL);
    write_file (junk, "PK\003\004 this is not really a zip", -1);
    assert_import_fails (store, junk, "slack-export", UC_IMPORT_ERROR_PARSE, "zip", NULL);
  }
}

static void
test_export_skip_bad (void)
{
  /* truncated general/2024-03-04.json: its first two records are read,
   * the rest of that file is skipped (1 warning), other files go on */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "general", "2024-03-04.json", NULL);
    gsize len = 0;
    g_autofree char *data = read_file (day, &len);
    const char *warning;

    write_file (day, data, strstr (data, "I'm not sure") - data);
    import_ok (store, dir, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result);
    g_assert_cmpuint (result.warnings->len, ==, 1);
    warning = g_ptr_array_index (result.warnings, 0);
    g_assert_nonnull (strstr (warning, "general/2024-03-04.json"));
    g_assert_nonnull (strstr (warning, "message 3"));
    g_assert_cmpint (result.n_records, ==, 10);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message"), ==, 8);
    g_assert_cmpint (q (store, "SELECT n_warnings FROM source"), ==, 1);
    /* the reply of the next day still finds its root */
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 2);
  }
  /* one bad message: only that one is skipped */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autofree char *dir = copy_export ();
    g_autofree char *day = g_build_filename (dir, "design", "2024-03-04.json", NULL);

    replace_in_file (day, "Looks good overall", "Looks \xff overall");
    import_ok (store, dir, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result);
    g_assert_cmpuint (result.warnings->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "design/2024-03-04.json"));
    g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "message 2"));
    g_assert_cmpint (result.n_records, ==, 14);
    g_assert_cmpint (result.n_new, ==, 11);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE is_objection"), ==, 1);
  }
}

static void
test_export_reimport (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *path = fixture ("export");
  g_autofree char *zip = build_zip (path, "slack/", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  {
    g_auto(UcImportResult) result = { 0 };

    import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
  }
  before = uc_store_describe_counts (store);
  {
    g_auto(UcImportResult) result = { 0 };

    import_ok (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_true (result.already_imported);
    g_assert_cmpint (result.n_new, ==, 0);
    g_assert_cmpint (result.n_records, ==, 14);
  }
  /* the same export as a zip: another source, nothing new */
  {
    g_auto(UcImportResult) result = { 0 };

    import_ok (store, zip, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_false (result.already_imported);
    g_assert_cmpint (result.n_records, ==, 14);
    g_assert_cmpint (result.n_new, ==, 0);
  }
  after = uc_store_describe_counts (store);
  /* only the source table grew */
  g_assert_cmpint (q (store, "SELECT count(*) FROM source"), ==, 2);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message"), ==, 12);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM identity"), ==, 7);
  g_assert_cmpstr (strstr (before, " person="), ==, strstr (after, " person="));
}

/* ---- RTM event logs ---- */

/* Our log (fixtures/slack/events/2024-03-06.txt), by hand: 12 non-blank
 * lines = 12 records; messages: Alice's root, Erin's question, Bob's
 * reply, Caro's message from before the log (inside a message_changed),
 * the ci-bot message, Alice's /me and Bob's ping = 7 (the other edit and
 * the message_replied repeat known messages; the join, the deletion and
 * the reaction are not discussion); 1 reply, linked; 1 objection
 * ("Concerned"); 5 authors, 1 agent (ci-bot); general and design are
 * named by channels.edn, C09RANDOM is not in it. Erin is named by the
 * profile of her later channel_join. */
static void
assert_events_values (UcStore              *store,
                      const UcImportResult *result)
{
  g_autofree char *erin = NULL;

  g_assert_cmpstr (result->format, ==, "slack-events");
  g_assert_cmpint (result->n_records, ==, 12);
  g_assert_cmpint (result->n_new, ==, 7);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message"), ==, 7);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'general'"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'design'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'C09RANDOM'"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE is_objection"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 5);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 1);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE ext_id = '1709712000.000050'"), ==, 1);
  erin = q_text (store, "SELECT p.name FROM person p JOIN identity i ON i.person_id = p.id"
                        " WHERE i.kind = 'slack' AND i.value = 'U06ERIN'");
  g_assert_cmpstr (erin, ==, "Erin Walsh");
  /* the first copy is kept: the edit's text is not measured again */
  g_assert_cmpint (q (store, "SELECT body_len FROM message WHERE ext_id = '1709715600.000100'"),
                   ==, g_utf8_strlen ("Morning! Standup moved to 10:30 today.", -1));
}

static void
test_events (void)
{
  g_autofree char *dir = fixture ("events");
  g_autofree char *log = g_build_filename (dir, "2024-03-06.txt", NULL);
  g_autofree char *edn = g_build_filename (dir, "channels.edn", NULL);
  static const char * const texts[] = {
    "Standup moved to", "new color tokens", "clashes with the deploy window",
    "Draft agenda", "main is green again", "is out for lunch", NULL
  };

  /* the folder, then the file alone: the channel list beside the file
   * names the channels the same way, so nothing is new */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_auto(UcImportResult) again = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (uc_import_detect (dir, NULL, &error), ==, "slack-events");
    g_assert_no_error (error);
    import_ok (store, dir, NULL, UC_IMPORT_FLAGS_NONE, &result);
    assert_events_values (store, &result);
    assert_no_text (store, texts);

    import_ok (store, log, NULL, UC_IMPORT_FLAGS_NONE, &again);
    g_assert_false (again.already_imported);
    g_assert_cmpint (again.n_records, ==, 12);
    g_assert_cmpint (again.n_new, ==, 0);
  }
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (uc_import_detect (log, NULL, &error), ==, "slack-events");
    g_assert_no_error (error);
    import_ok (store, log, NULL, UC_IMPORT_FLAGS_NONE, &result);
    assert_events_values (store, &result);
  }
  /* the channel list alone holds no messages */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_autoptr(GError) error = NULL;

    g_assert_null (uc_import_detect (edn, NULL, &error));
    g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT);
    assert_import_fails (store, edn, NULL, UC_IMPORT_ERROR_UNKNOWN_FORMAT, NULL);
    assert_import_fails (store, edn, "slack-events", UC_IMPORT_ERROR_PARSE, "line 1", "not valid JSON", NULL);
  }
}

static void
test_events_malformed (void)
{
  g_autoptr(UcStore) store = new_workspace ();
  g_autofree char *dir = fixture ("events");
  g_autofree char *log = g_build_filename (dir, "2024-03-06.txt", NULL);
  gsize len = 0;
  g_autofree char *data = read_file (log, &len);
  g_autofree char *bad = scratch_path ("log.txt");
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  g_autoptr(GString) s = g_string_new (NULL);

  /* line 4 cut short, line 7 not UTF-8, line 11 without a channel */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      if (i == 3)
        g_string_append_len (s, lines[i], 40);
      else if (i == 6)
        {
          g_autoptr(GString) l = g_string_new (lines[i]);

          g_string_replace (l, "Draft agenda", "Draft \xc3\x28genda", 1);
          g_string_append (s, l->str);
        }
      else if (i == 10)
        {
          g_autoptr(GString) l = g_string_new (lines[i]);

          g_string_replace (l, "\"channel\":\"C01GENERAL\",", "", 1);
          g_string_append (s, l->str);
        }
      else
        g_string_append (s, lines[i]);
      g_string_append_c (s, '\n');
    }
  write_file (bad, s->str, (gssize) s->len);

  assert_import_fails (store, bad, NULL, UC_IMPORT_ERROR_PARSE, "line 4", "not valid JSON", NULL);
  {
    g_auto(UcImportResult) result = { 0 };

    import_ok (store, bad, NULL, UC_IMPORT_FLAGS_SKIP_BAD, &result);
    g_assert_cmpuint (result.warnings->len, ==, 3);
    g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "line 4"));
    g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "line 7"));
    g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 1), "UTF-8"));
    g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 2), "line 11"));
    g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 2), "“channel”"));
    g_assert_cmpint (result.n_records, ==, 12);
    /* lost: Bob's reply, Caro's old message, Alice's /me */
    g_assert_cmpint (result.n_new, ==, 4);
  }
}

/* ---- Perceval ---- */

static void
test_perceval (void)
{
  g_autofree char *items = fixture ("perceval-items.json");
  g_autofree char *pages = fixture ("api-pages");
  g_autofree char *history = g_build_filename (pages, "conversations_history.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (uc_import_detect (items, NULL, &error), ==, "slack-perceval");
  g_assert_no_error (error);
  g_assert_cmpstr (uc_import_detect (pages, NULL, &error), ==, "slack-perceval");
  g_assert_no_error (error);

  /* items: 4 records, a join skipped: Fred's root, Bob's reply ("Why not
   * … instead": an objection), the Owl bot without a bot_id; the pages
   * then add one message (Fred's follow-up; his root is in both) */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_auto(UcImportResult) more = { 0 };
    static const char * const texts[] = {
      "Disk alert on db-2", "move the WAL to the bigger volume", "on-call handover",
      "db-2 is fine now", NULL
    };

    import_ok (store, items, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpstr (result.format, ==, "slack-perceval");
    g_assert_cmpint (result.n_records, ==, 4);
    g_assert_cmpint (result.n_new, ==, 3);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'ops'"), ==, 3);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE is_objection"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 3);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 2);
    g_assert_cmpint (person_of (store, "email", "fred@example.net"), ==,
                     person_of (store, "slack", "U07FRED"));

    import_ok (store, pages, NULL, UC_IMPORT_FLAGS_NONE, &more);
    g_assert_cmpint (more.n_records, ==, 3);
    g_assert_cmpint (more.n_new, ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message"), ==, 4);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 3);
    assert_no_text (store, texts);
  }
  /* pages alone */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autofree char *fred = NULL;

    import_ok (store, pages, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpint (result.n_records, ==, 3);
    g_assert_cmpint (result.n_new, ==, 2);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'ops'"), ==, 2);
    fred = q_text (store, "SELECT name FROM person");
    g_assert_cmpstr (fred, ==, "Fred Lindqvist");
  }
  /* a history page alone does not say its channel */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_autofree char *lonely = scratch_path ("lonely");
    g_autofree char *copy = g_build_filename (lonely, "conversations_history.json", NULL);
    gsize len = 0;
    g_autofree char *data = read_file (history, &len);

    g_assert_null (uc_import_detect (history, NULL, &error));
    g_assert_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT);
    g_clear_error (&error);
    assert_import_fails (store, history, "slack-perceval", UC_IMPORT_ERROR_PARSE,
                         "conversations.info", NULL);
    g_assert_cmpint (g_mkdir_with_parents (lonely, 0700), ==, 0);
    write_file (copy, data, (gssize) len);
    assert_import_fails (store, lonely, "slack-perceval", UC_IMPORT_ERROR_PARSE,
                         "no conversations.info page", NULL);
  }
  /* broken items */
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_autofree char *bad = scratch_path ("items.json");
    gsize len = 0;
    g_autofree char *data = read_file (items, &len);
    g_autoptr(GString) s = g_string_new_len (data, (gssize) len);

    g_string_replace (s, "\"backend_name\": \"Slack\"", "\"backend_name\": \"GitHub\"", 2);
    write_file (bad, s->str, (gssize) s->len);
    assert_import_fails (store, bad, "slack-perceval", UC_IMPORT_ERROR_PARSE,
                         "item 1 (line 2)", "“GitHub” item", NULL);
    write_file (bad, data, (gssize) len - 200);
    assert_import_fails (store, bad, "slack-perceval", UC_IMPORT_ERROR_PARSE, "item 4", "truncated", NULL);
    write_file (bad, "  \n\n ", -1);
    assert_import_fails (store, bad, "slack-perceval", UC_IMPORT_ERROR_PARSE, "no items", NULL);
    /* objects one after the other, but with the array's commas left in */
    {
      const char *first = strchr (data, '{');
      const char *last = strrchr (data, '}');
      g_auto(UcImportResult) result = { 0 };

      write_file (bad, first, last - first + 1);
      assert_import_fails (store, bad, "slack-perceval", UC_IMPORT_ERROR_PARSE,
                           "item 2", "unexpected “,”", NULL);
      import_ok (store, bad, "slack-perceval", UC_IMPORT_FLAGS_SKIP_BAD, &result);
      g_assert_cmpuint (result.warnings->len, ==, 1);
      g_assert_cmpint (result.n_records, ==, 1);
      g_assert_cmpint (result.n_new, ==, 1);
    }
  }
}

/* ---- the real samples ---- */

static void
test_sample_clojurians (void)
{
  g_autofree char *dir = sample ("slack-clojurians");
  g_autofree char *day1 = NULL;
  g_autoptr(UcStore) store = NULL;
  g_auto(UcImportResult) result = { 0 };
  g_auto(UcImportResult) again = { 0 };

  if (dir == NULL)
    return;
  store = new_workspace ();
  import_ok (store, dir, NULL, UC_IMPORT_FLAGS_NONE, &result);
  g_assert_cmpstr (result.format, ==, "slack-events");
  /* python3: see the top of this file */
  g_assert_cmpint (result.n_records, ==, 2381);
  g_assert_cmpint (result.n_new, ==, 1734);
  g_assert_cmpuint (result.warnings->len, ==, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message"), ==, 1734);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE thread_ext_id IS NOT NULL"), ==, 118);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE reply_to_id IS NOT NULL"), ==, 107);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE is_objection"), ==, 58);
  g_assert_cmpint (q (store, "SELECT count(DISTINCT channel) FROM message"), ==, 47);
  g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'clojurescript'"), >, 0);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 201);
  g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 6);
  {
    static const char * const texts[] = {
      "I dug up the convo",
      "it is still a bit counter intuitive imho",
      NULL
    };

    assert_no_text (store, texts);
  }

  /* one day of it again, named by the channels.edn beside it */
  day1 = g_build_filename (dir, "2018-02-01.txt", NULL);
  import_ok (store, day1, NULL, UC_IMPORT_FLAGS_NONE, &again);
  g_assert_cmpint (again.n_records, ==, 1004);
  g_assert_cmpint (again.n_new, ==, 0);
}

static void
test_sample_perceval (void)
{
  g_autofree char *items = sample ("grimoirelab-elk-items/slack.json");
  g_autofree char *pages = NULL;
  g_autoptr(UcStore) store = NULL;

  if (items == NULL)
    return;
  pages = sample ("perceval/slack");
  if (pages == NULL)
    return;

  /* slack.json: 12 items, 1 channel_join: 11 messages in 2 channels by 6
   * authors (3 of them bots: B0001, B0CELKA3V and "Owl Capone" without a
   * bot id); 3 users give an address */
  store = new_workspace ();
  {
    g_auto(UcImportResult) result = { 0 };

    import_ok (store, items, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpstr (result.format, ==, "slack-perceval");
    g_assert_cmpint (result.n_records, ==, 12);
    g_assert_cmpint (result.n_new, ==, 11);
    g_assert_cmpint (q (store, "SELECT count(DISTINCT channel) FROM message"), ==, 2);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person"), ==, 6);
    g_assert_cmpint (q (store, "SELECT count(*) FROM person WHERE is_agent"), ==, 3);
    g_assert_cmpint (q (store, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 3);
  }
  /* perceval/slack: history pages of 7 + 5 + 0 + 2 messages (overlapping,
   * 2 joins) = 14 records, 9 distinct messages in "test channel"; all 9
   * are in slack.json too but one ("hey hey!", 1486949200.000069) */
  {
    g_auto(UcImportResult) result = { 0 };

    import_ok (store, pages, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpint (result.n_records, ==, 14);
    g_assert_cmpint (result.n_new, ==, 1);
    g_assert_cmpint (q (store, "SELECT count(*) FROM message WHERE channel = 'test channel'"), ==, 10);
  }
  {
    g_autoptr(UcStore) alone = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    static const char * const texts[] = { "tengo el m", "There are no events this week", NULL };

    import_ok (alone, pages, NULL, UC_IMPORT_FLAGS_NONE, &result);
    g_assert_cmpint (result.n_records, ==, 14);
    g_assert_cmpint (result.n_new, ==, 9);
    /* U0001, U0002, U0003 (users.info pages with addresses), B0001 and
     * "Owl Capone" */
    g_assert_cmpint (q (alone, "SELECT count(*) FROM person"), ==, 5);
    g_assert_cmpint (q (alone, "SELECT count(*) FROM person WHERE is_agent"), ==, 2);
    g_assert_cmpint (q (alone, "SELECT count(*) FROM identity WHERE kind = 'email'"), ==, 3);
    assert_no_text (alone, texts);
  }
}

/* ---- detection ---- */

static void
test_detect (void)
{
  static const char * const others[] = {
    "grimoirelab-elk-items/github.json", "grimoirelab-elk-items/gitlab.json",
    "grimoirelab-elk-items/gerrit.json", "grimoirelab-elk-items/jira.json",
    "grimoirelab-elk-items/git.json", "grimoirelab-elk-items/mattermost.json",
    "perceval/mattermost", "perceval/mattermost/mattermost_posts.json",
    "perceval/github", "perceval/gitlab", "perceval/jira", "perceval/gerrit",
    "jira-xml/ops4j_PAXLOGGING_SearchRequest.xml",
    "github-archive-json/quicwg_multipath_archive.json",
    "review-comments-labeled/strudel_train_comments.csv",
    "slack-clojurians/channels.edn",
    "perceval/slack/slack_history.json", "perceval/slack/slack_user_U0001.json",
  };
  const char *root = g_getenv ("UC_SHARED_DATA");
  g_autofree char *mm = g_test_build_filename (G_TEST_DIST, "import", "fixtures", "mattermost",
                                               "perceval-items.json", NULL);
  g_autofree char *mm_pages = g_test_build_filename (G_TEST_DIST, "import", "fixtures", "mattermost",
                                                     "pages", NULL);
  const char *ours[] = { mm, mm_pages };

  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *format = uc_import_detect (ours[i], NULL, &error);

      g_assert_false (g_str_has_prefix (format ? format : "", "slack"));
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
      if (format != NULL && g_str_has_prefix (format, "slack"))
        g_error ("%s was taken for %s", others[i], format);
    }
  {
    g_autofree char *path = g_build_filename (root, "grimoirelab-elk-items", "slack.json", NULL);
    g_autofree char *events = g_build_filename (root, "slack-clojurians", "2018-02-02.txt", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (uc_import_detect (path, NULL, &error), ==, "slack-perceval");
    g_assert_no_error (error);
    g_assert_cmpstr (uc_import_detect (events, NULL, &error), ==, "slack-events");
    g_assert_no_error (error);
  }
}

/* ---- progress and cancellation ---- */

typedef struct
{
  guint         calls;
  double        last;
  gboolean      backwards;
  GCancellable *cancel_on_first;
} Progress;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    data)
{
  Progress *p = data;

  if (fraction >= 0 && fraction < p->last)
    p->backwards = TRUE;
  if (fraction >= 0)
    p->last = fraction;
  g_assert_true (fraction <= 1.0);
  p->calls++;
  if (p->cancel_on_first != NULL)
    g_cancellable_cancel (p->cancel_on_first);
}

static void
test_progress_cancel (void)
{
  g_autofree char *path = fixture ("export");
  g_autofree char *zip = build_zip (path, "", NULL);

  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;
    Progress p = { 0 };

    /* reports are throttled to ten a second: a small import gets one */
    g_assert_true (uc_import_path (store, zip, NULL, UC_IMPORT_FLAGS_NONE, &result,
                                   progress_cb, &p, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (p.calls, >=, 1);
    g_assert_false (p.backwards);
  }
  {
    g_autoptr(UcStore) store = new_workspace ();
    g_auto(UcImportResult) result = { 0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autofree char *before = uc_store_describe_counts (store);
    g_autofree char *after = NULL;
    Progress p = { .cancel_on_first = cancellable };

    g_assert_false (uc_import_path (store, path, NULL, UC_IMPORT_FLAGS_NONE, &result,
                                    progress_cb, &p, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    after = uc_store_describe_counts (store);
    g_assert_cmpstr (before, ==, after);
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

  tmp_root = g_dir_make_tmp ("uc-test-slack-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/import/slack/export/folder", test_export_folder);
  g_test_add_func ("/import/slack/export/zip", test_export_zip);
  g_test_add_func ("/import/slack/export/zip-evil", test_export_zip_evil);
  g_test_add_func ("/import/slack/export/threads", test_export_threads);
  g_test_add_func ("/import/slack/export/bots", test_export_bots);
  g_test_add_func ("/import/slack/export/git-author", test_export_git_author);
  g_test_add_func ("/import/slack/export/malformed", test_export_malformed);
  g_test_add_func ("/import/slack/export/skip-bad", test_export_skip_bad);
  g_test_add_func ("/import/slack/export/reimport", test_export_reimport);
  g_test_add_func ("/import/slack/events", test_events);
  g_test_add_func ("/import/slack/events/malformed", test_events_malformed);
  g_test_add_func ("/import/slack/perceval", test_perceval);
  g_test_add_func ("/import/slack/sample/clojurians", test_sample_clojurians);
  g_test_add_func ("/import/slack/sample/perceval", test_sample_perceval);
  g_test_add_func ("/import/slack/detect", test_detect);
  g_test_add_func ("/import/slack/progress-cancel", test_progress_cancel);

  status = g_test_run ();

  remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
