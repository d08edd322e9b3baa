/* uc-slack-import.c: Slack conversations.
 *
 * Three formats, all stored as messages of system "slack" (ext_id = the
 * message's ts, thread_ext_id = its thread_ts, channel = the channel's
 * name when known, else its id):
 *
 *  - "slack-export": the workspace export, a folder or a zip: users.json,
 *    channels.json (groups.json, dms.json, mpims.json when present) and
 *    one folder per conversation holding YYYY-MM-DD.json day files, each a
 *    JSON array of messages. The folder is named after the channel (after
 *    its id for direct messages), so the folder name is the channel; the
 *    channel lists are only used to recognise an export. The export may sit
 *    under one top folder. A zip is streamed entry by entry with
 *    libarchive, never extracted; an entry with an absolute path or a “..”
 *    component refuses the whole zip.
 *  - "slack-events": a log of RTM "message" events, one JSON object per
 *    line (the Clojurians log), a file or a folder of such files. An EDN
 *    channel list beside them (#:channel{:slack-id … :name …}, in the
 *    folder, or beside the file) names the channels; given on its own it
 *    holds no messages and is not a format Undercurrent knows.
 *  - "slack-perceval": Perceval's Slack items (a JSON array of envelopes,
 *    or one per line: data = the message with data.channel_info and
 *    data.user_data), or a folder of the raw Web API pages Perceval reads:
 *    conversations.history pages, conversations.info (the channel) and
 *    users.info pages. A history page does not say which channel it
 *    belongs to, so history pages are importable only from a folder that
 *    holds the channel's conversations.info page beside them; members
 *    lists and error responses in that folder are ignored.
 *
 * What counts as discussion: plain messages and the subtypes bot_message,
 * me_message, file_share, file_comment and thread_broadcast. Membership and
 * housekeeping events (channel_join, channel_leave, channel_topic,
 * channel_purpose, channel_name, pinned_item, bot_add, message_deleted, a
 * deleted thread root's tombstone…) are read and counted in n_records but
 * not imported. message_changed and message_replied events carry a
 * message in full: it is upserted, which adds a message sent before the
 * log started and changes nothing for one already read (edits are not
 * kept). Other RTM event types (reactions, typing…) are read and skipped.
 *
 * Authors are identities of kind "slack" (the user id, or the bot id for
 * an integration); an e-mail address in the profile also gives the person
 * an "email" identity, so they merge with their git commits. Bots (bot_id,
 * bot_message, is_bot, Slackbot) are flagged as agents. Text is measured
 * and scanned for objection markers, then forgotten. (Ticket keys in chat
 * are not linked: links join commits and change requests to work items.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "uc-chat-import-private.h"

/* Perceval and API pages are small; anything bigger is not one. */
#define MAX_PAGE_SIZE (64 * 1024 * 1024)
/* How many files of a folder a probe looks at. */
#define PROBE_MAX_FILES 200
/* How many zip entries a probe looks at. */
#define PROBE_MAX_ENTRIES 20000
/* How much of a file a folder probe reads. */
#define PROBE_FILE_HEAD 4096

typedef struct
{
  char     *name;    /* display name */
  char     *login;   /* the handle: the profile's display name, else the user name */
  char     *email;
  gboolean  is_bot;
} SlackUser;

static void
slack_user_free (gpointer data)
{
  SlackUser *user = data;

  g_free (user->name);
  g_free (user->login);
  g_free (user->email);
  g_free (user);
}

typedef struct
{
  UcImportContext *ctx;
  UcChatPeople     people;
  GHashTable      *users;     /* user id → SlackUser */
  GHashTable      *channels;  /* channel id → name */
} SlackImport;

static void
slack_import_init (SlackImport     *si,
                   UcImportContext *ctx)
{
  si->ctx = ctx;
  _uc_chat_people_init (&si->people);
  si->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, slack_user_free);
  si->channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
slack_import_clear (SlackImport *si)
{
  _uc_chat_people_clear (&si->people);
  g_clear_pointer (&si->users, g_hash_table_unref);
  g_clear_pointer (&si->channels, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SlackImport, slack_import_clear)

static const char *
first_nonempty (const char *a,
                const char *b,
                const char *c)
{
  if (a != NULL && *a != '\0')
    return a;
  if (b != NULL && *b != '\0')
    return b;
  if (c != NULL && *c != '\0')
    return c;
  return NULL;
}

/* Remember a user from a users.json element, a users.info page or a
 * Perceval user_data. @replace: a user list wins over what a message
 * said about its author. */
static void
slack_remember_user (SlackImport *si,
                     JsonObject  *object,
                     gboolean     replace)
{
  const char *id = _uc_json_string (object, "id");
  JsonObject *profile = _uc_json_object (object, "profile");
  SlackUser *user;

  if (id == NULL || *id == '\0')
    return;
  if (!replace && g_hash_table_contains (si->users, id))
    return;

  user = g_new0 (SlackUser, 1);
  user->name = g_strdup (first_nonempty (_uc_json_string (object, "real_name"),
                                         _uc_json_string (profile, "real_name"),
                                         _uc_json_string (profile, "display_name")));
  user->login = g_strdup (first_nonempty (_uc_json_string (profile, "display_name"),
                                          _uc_json_string (object, "name"), NULL));
  user->email = g_strdup (_uc_json_string (profile, "email"));
  user->is_bot = _uc_json_true (object, "is_bot") || _uc_json_true (object, "is_app_user") ||
                 g_str_equal (id, "USLACKBOT");
  g_hash_table_replace (si->users, g_strdup (id), user);
}

/* What a message's own user_profile says (exports and RTM events carry
 * one on some messages). */
static void
slack_remember_profile (SlackImport *si,
                        const char  *id,
                        JsonObject  *profile)
{
  SlackUser *user;

  if (id == NULL || *id == '\0' || profile == NULL || g_hash_table_contains (si->users, id))
    return;
  user = g_new0 (SlackUser, 1);
  user->name = g_strdup (first_nonempty (_uc_json_string (profile, "real_name"),
                                         _uc_json_string (profile, "display_name"),
                                         _uc_json_string (profile, "name")));
  user->login = g_strdup (first_nonempty (_uc_json_string (profile, "display_name"),
                                          _uc_json_string (profile, "name"), NULL));
  user->is_bot = g_str_equal (id, "USLACKBOT");
  g_hash_table_replace (si->users, g_strdup (id), user);
}

/* "1517443200.000123" → 1517443200. */
static gboolean
parse_slack_ts (const char *ts,
                UcTime     *time)
{
  const char *p = ts;
  gint64 value = 0;

  if (ts == NULL || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    {
      if (value > (G_MAXINT64 - 9) / 10)
        return FALSE;
      value = value * 10 + (*p - '0');
      p++;
    }
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;
  *time = value;
  return TRUE;
}

/* Subtypes that are somebody saying something (see the top comment). */
static gboolean
is_discussion (const char *subtype)
{
  static const char * const kept[] = {
    "bot_message", "me_message", "file_share", "file_comment", "thread_broadcast",
    "reply_broadcast",  /* the old name of thread_broadcast */
  };

  if (subtype == NULL || *subtype == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    if (g_str_equal (subtype, kept[i]))
      return TRUE;
  return FALSE;
}

/* A member that must be a string (or null) when present. */
static gboolean
check_string_member (JsonObject  *object,
                     const char  *member,
                     char       **problem)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING))
    return TRUE;
  *problem = g_strdup_printf (_("“%s” is %s, not a string"), member, _uc_json_type_name (node));
  return FALSE;
}

static UcId
slack_author (SlackImport  *si,
              JsonObject   *msg,
              const char   *subtype,
              GError      **error)
{
  const char *user_id = _uc_json_string (msg, "user");
  const char *bot_id = _uc_json_string (msg, "bot_id");
  gboolean bot = (bot_id != NULL && *bot_id != '\0') || g_strcmp0 (subtype, "bot_message") == 0;
  SlackUser *user;

  if ((user_id == NULL || *user_id == '\0') && g_strcmp0 (subtype, "file_comment") == 0)
    user_id = _uc_json_string (_uc_json_object (msg, "comment"), "user");

  if (user_id != NULL && *user_id != '\0')
    {
      slack_remember_profile (si, user_id, _uc_json_object (msg, "user_profile"));
      user = g_hash_table_lookup (si->users, user_id);
      /* A message with a bot_id comes from an app, even when it posts
       * through its bot user. */
      return _uc_chat_author (si->ctx, &si->people, "slack", user_id,
                              user ? user->name : NULL, user ? user->login : NULL,
                              user ? user->email : NULL,
                              bot || (user != NULL && user->is_bot), error);
    }

  if (bot)
    {
      const char *name = first_nonempty (_uc_json_string (msg, "username"),
                                         _uc_json_string (_uc_json_object (msg, "bot_profile"), "name"),
                                         NULL);
      const char *account = bot_id != NULL && *bot_id != '\0' ? bot_id : name;

      return _uc_chat_author (si->ctx, &si->people, "slack", account, name, name, NULL, TRUE, error);
    }
  return 0;
}

/* One message (or RTM event). Returns FALSE only with @error set: a bad
 * record is reported through _uc_chat_record_error (skipped with
 * UC_IMPORT_FLAGS_SKIP_BAD). */
static gboolean
slack_message (SlackImport        *si,
               JsonObject         *msg,
               const char         *channel,
               const UcChatWhere  *where,
               gboolean            nested,
               GError            **error)
{
  g_autofree char *problem = NULL;
  g_autofree char *ts = NULL;
  g_autofree char *thread_ts = NULL;
  const char *type, *subtype;
  UcTime time = 0, thread_time = 0;
  UcId author;

  if (!check_string_member (msg, "type", &problem) ||
      !check_string_member (msg, "subtype", &problem))
    return _uc_chat_record_error (si->ctx, where, problem, error);

  type = _uc_json_string (msg, "type");
  if (type != NULL && !g_str_equal (type, "message"))
    return TRUE;   /* another RTM event: read, not discussion */

  subtype = _uc_json_string (msg, "subtype");
  if (subtype != NULL &&
      (g_str_equal (subtype, "message_changed") || g_str_equal (subtype, "message_replied")))
    {
      JsonObject *inner = _uc_json_object (msg, "message");

      if (nested)
        return TRUE;
      if (inner == NULL)
        {
          problem = g_strdup_printf (_("a “%s” event without its “message”"), subtype);
          return _uc_chat_record_error (si->ctx, where, problem, error);
        }
      return slack_message (si, inner, channel, where, TRUE, error);
    }
  if (!is_discussion (subtype))
    return TRUE;   /* joins, leaves, topics…: read, not discussion */

  ts = _uc_json_scalar_text (msg, "ts");
  if (ts == NULL)
    return _uc_chat_record_error (si->ctx, where,
                                  _("a message without “ts” (its timestamp and id)"), error);
  if (!parse_slack_ts (ts, &time))
    {
      problem = g_strdup_printf (_("“ts” is not a Slack timestamp: “%s”"), ts);
      return _uc_chat_record_error (si->ctx, where, problem, error);
    }
  if (_uc_json_has (msg, "thread_ts"))
    {
      thread_ts = _uc_json_scalar_text (msg, "thread_ts");
      if (thread_ts == NULL || !parse_slack_ts (thread_ts, &thread_time))
        {
          problem = g_strdup_printf (_("“thread_ts” is not a Slack timestamp: “%s”"),
                                     thread_ts ? thread_ts : "?");
          return _uc_chat_record_error (si->ctx, where, problem, error);
        }
    }
  if (!check_string_member (msg, "text", &problem) ||
      !check_string_member (msg, "user", &problem) ||
      !check_string_member (msg, "bot_id", &problem))
    return _uc_chat_record_error (si->ctx, where, problem, error);

  author = slack_author (si, msg, subtype, error);
  if (author == 0 && *error != NULL)
    return FALSE;

  return _uc_chat_add_message (si->ctx, "slack", channel, ts, author, time, thread_ts,
                               _uc_json_string (msg, "text"), error);
}

static gboolean
is_parse_error (const GError *error)
{
  return g_error_matches (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE);
}

/* Parse a record that must be an object. NULL when it is bad: then the
 * problem has been reported, and *@ok says whether to go on. */
static JsonNode *
parse_object_record (UcImportContext    *ctx,
                     const char         *text,
                     gsize               length,
                     const UcChatWhere  *where,
                     const char         *what,
                     gboolean           *ok,
                     GError            **error)
{
  g_autofree char *problem = NULL;
  JsonNode *node = _uc_json_parse_record (text, length, &problem);

  *ok = TRUE;
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Translators: the first %s is "a message", "a user"…, the second a JSON type */
      problem = g_strdup_printf (_("%s is %s, not an object"), what, _uc_json_type_name (node));
      g_clear_pointer (&node, json_node_unref);
    }
  if (node == NULL)
    *ok = _uc_chat_record_error (ctx, where, problem, error);
  return node;
}

/* A splitter error: a syntax problem stops this file (reported as a bad
 * record, so --skip-bad goes on with the next file), an I/O error stops
 * the import. */
static gboolean
splitter_failed (UcImportContext    *ctx,
                 UcJsonSplitter     *splitter,
                 const char         *file,
                 UcChatUnit          unit,
                 GError            **error,
                 GError             *local_error)
{
  UcChatWhere where = { file, unit, splitter->n_records + 1, splitter->record_line };

  if (!is_parse_error (local_error))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (unit == UC_CHAT_FILE)
    where.index = where.line = 0;
  {
    gboolean ok = _uc_chat_record_error (ctx, &where, local_error->message, error);

    g_error_free (local_error);
    return ok;
  }
}

/* ---- day files and user lists ---- */

/* A day file: a JSON array of messages, streamed. */
static gboolean
slack_read_day (SlackImport     *si,
                UcJsonSplitter  *splitter,
                const char      *channel,
                const char      *file,
                double           fraction,
                GError         **error)
{
  UcImportContext *ctx = si->ctx;
  UcJsonSplitMode mode;
  GError *local_error = NULL;
  UcChatWhere where = { file, UC_CHAT_FILE, 0, 0 };
  const char *text;
  gsize length;

  if (!_uc_json_splitter_start (splitter, &mode, &local_error))
    return splitter_failed (ctx, splitter, file, UC_CHAT_FILE, error, local_error);
  if (mode == UC_JSON_SPLIT_NONE)
    return _uc_chat_record_error (ctx, &where, _("the day file is empty"), error);
  if (mode != UC_JSON_SPLIT_ARRAY)
    return _uc_chat_record_error (ctx, &where,
                                  _("a JSON object, but a day file is an array of messages"),
                                  error);

  while (_uc_json_splitter_next (splitter, &text, &length, &local_error))
    {
      g_autoptr(JsonNode) node = NULL;
      gboolean ok;

      where.unit = UC_CHAT_MESSAGE;
      where.index = splitter->n_records;
      where.line = splitter->record_line;
      ctx->n_records++;
      if (!_uc_import_tick (ctx, fraction, error))
        return FALSE;
      node = parse_object_record (ctx, text, length, &where, _("a message"), &ok, error);
      if (node == NULL)
        {
          if (!ok)
            return FALSE;
          continue;
        }
      if (!slack_message (si, json_node_get_object (node), channel, &where, FALSE, error))
        return FALSE;
    }
  if (local_error != NULL)
    return splitter_failed (ctx, splitter, file, UC_CHAT_MESSAGE, error, local_error);
  return TRUE;
}

/* users.json: an array of users, streamed. */
static gboolean
slack_read_users (SlackImport     *si,
                  UcJsonSplitter  *splitter,
                  const char      *file,
                  GError         **error)
{
  UcImportContext *ctx = si->ctx;
  UcJsonSplitMode mode;
  GError *local_error = NULL;
  UcChatWhere where = { file, UC_CHAT_FILE, 0, 0 };
  const char *text;
  gsize length;

  if (!_uc_json_splitter_start (splitter, &mode, &local_error))
    return splitter_failed (ctx, splitter, file, UC_CHAT_FILE, error, local_error);
  if (mode == UC_JSON_SPLIT_NONE)
    return _uc_chat_record_error (ctx, &where, _("the user list is empty"), error);
  if (mode != UC_JSON_SPLIT_ARRAY)
    return _uc_chat_record_error (ctx, &where,
                                  _("a JSON object, but the user list is an array of users"),
                                  error);

  while (_uc_json_splitter_next (splitter, &text, &length, &local_error))
    {
      g_autoptr(JsonNode) node = NULL;
      gboolean ok;

      where.unit = UC_CHAT_USER;
      where.index = splitter->n_records;
      where.line = splitter->record_line;
      if (!_uc_import_tick (ctx, -1.0, error))
        return FALSE;
      node = parse_object_record (ctx, text, length, &where, _("a user"), &ok, error);
      if (node == NULL)
        {
          if (!ok)
            return FALSE;
          continue;
        }
      if (_uc_json_string (json_node_get_object (node), "id") == NULL)
        {
          if (!_uc_chat_record_error (ctx, &where, _("a user without an “id”"), error))
            return FALSE;
          continue;
        }
      slack_remember_user (si, json_node_get_object (node), TRUE);
    }
  if (local_error != NULL)
    return splitter_failed (ctx, splitter, file, UC_CHAT_USER, error, local_error);
  return TRUE;
}

/* "2018-02-01.json" */
static gboolean
is_day_file_name (const char *name)
{
  static const char pattern[] = "dddd-dd-dd.json";

  if (strlen (name) != sizeof pattern - 1)
    return FALSE;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (name[i]) : name[i] != pattern[i])
      return FALSE;
  return TRUE;
}

/* The lists at the top of an export; users.json first. */
static const char * const export_lists[] = {
  "users.json", "channels.json", "groups.json", "dms.json", "mpims.json",
};

static gboolean
is_export_list_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_lists); i++)
    if (g_str_equal (name, export_lists[i]))
      return TRUE;
  return FALSE;
}

/* ---- the export as a folder ---- */

typedef struct
{
  char      *root;        /* relative to the input: "" or the single top folder */
  GPtrArray *lists;       /* relative paths of users.json, channels.json… */
  GPtrArray *day_files;   /* relative paths of day files, sorted */
  gboolean   has_users;
} ExportFolder;

static void
export_folder_clear (ExportFolder *ef)
{
  g_clear_pointer (&ef->root, g_free);
  g_clear_pointer (&ef->lists, g_ptr_array_unref);
  g_clear_pointer (&ef->day_files, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportFolder, export_folder_clear)

/* The export lists in @dir (relative to @root when @found is not NULL). */
static guint
find_lists (const char *dir,
            const char *root,
            GPtrArray  *found,
            gboolean   *has_users)
{
  guint n = 0;

  if (has_users != NULL)
    *has_users = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (export_lists); i++)
    {
      g_autofree char *path = g_build_filename (dir, export_lists[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      n++;
      if (i == 0 && has_users != NULL)
        *has_users = TRUE;
      if (found != NULL)
        g_ptr_array_add (found, g_build_filename (root, export_lists[i], NULL));
    }
  return n;
}

/* Find the export's root and its files. Returns FALSE without error when
 * the folder does not look like an export. */
static gboolean
export_folder_scan (const char    *path,
                    ExportFolder  *ef,
                    guint          max_dirs,
                    GError       **error)
{
  g_autoptr(GPtrArray) dirs = NULL;
  g_autofree char *root_path = NULL;

  memset (ef, 0, sizeof *ef);
  if (find_lists (path, NULL, NULL, NULL) > 0)
    ef->root = g_strdup ("");
  else
    {
      /* The export may sit under one top folder. */
      dirs = _uc_chat_list_dir (path, TRUE, error);
      if (dirs == NULL)
        return FALSE;
      for (guint i = 0; i < dirs->len && i < max_dirs; i++)
        {
          g_autofree char *sub = g_build_filename (path, g_ptr_array_index (dirs, i), NULL);

          if (find_lists (sub, NULL, NULL, NULL) > 0)
            {
              if (ef->root != NULL || dirs->len != 1)
                return FALSE;
              ef->root = g_strdup (g_ptr_array_index (dirs, i));
            }
        }
      if (ef->root == NULL)
        return FALSE;
    }

  root_path = g_build_filename (path, ef->root, NULL);
  ef->lists = g_ptr_array_new_with_free_func (g_free);
  ef->day_files = g_ptr_array_new_with_free_func (g_free);
  find_lists (root_path, ef->root, ef->lists, &ef->has_users);

  g_clear_pointer (&dirs, g_ptr_array_unref);
  dirs = _uc_chat_list_dir (root_path, TRUE, error);
  if (dirs == NULL)
    return FALSE;
  for (guint i = 0; i < dirs->len && i < max_dirs; i++)
    {
      const char *channel = g_ptr_array_index (dirs, i);
      g_autofree char *dir = g_build_filename (root_path, channel, NULL);
      g_autoptr(GPtrArray) files = _uc_chat_list_dir (dir, FALSE, error);

      if (files == NULL)
        return FALSE;
      for (guint j = 0; j < files->len; j++)
        if (is_day_file_name (g_ptr_array_index (files, j)))
          g_ptr_array_add (ef->day_files,
                           g_build_filename (ef->root, channel, g_ptr_array_index (files, j), NULL));
    }
  return TRUE;
}

static gboolean
export_folder_find (UcImportContext  *ctx,
                    ExportFolder     *ef,
                    GError          **error)
{
  if (export_folder_scan (ctx->path, ef, G_MAXUINT, error))
    return TRUE;
  if (error == NULL || *error == NULL)
    g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                 _("The folder “%s” is not a Slack export: it holds no users.json or channels.json (directly or in one top folder)"),
                 ctx->display_name);
  return FALSE;
}

static gboolean
import_export_folder (SlackImport  *si,
                      GError      **error)
{
  UcImportContext *ctx = si->ctx;
  g_auto(ExportFolder) ef = { 0 };

  if (!export_folder_find (ctx, &ef, error))
    return FALSE;

  if (ef.has_users)
    {
      g_autofree char *rel = g_build_filename (ef.root, "users.json", NULL);
      g_autofree char *path = g_build_filename (ctx->path, rel, NULL);
      g_autofree char *display = g_filename_display_name (rel);
      g_autoptr(GInputStream) stream = _uc_chat_open_text (path, display, ctx->cancellable, error);
      UcJsonSplitter splitter;
      gboolean ok;

      if (stream == NULL)
        return FALSE;
      _uc_json_splitter_init (&splitter, _uc_json_read_stream, stream);
      ok = slack_read_users (si, &splitter, display, error);
      _uc_json_splitter_clear (&splitter);
      if (!ok)
        return FALSE;
    }

  for (guint i = 0; i < ef.day_files->len; i++)
    {
      const char *rel = g_ptr_array_index (ef.day_files, i);
      g_autofree char *path = g_build_filename (ctx->path, rel, NULL);
      g_autofree char *display = g_filename_display_name (rel);
      g_autofree char *dir = g_path_get_dirname (rel);
      g_autofree char *channel_raw = g_path_get_basename (dir);
      g_autofree char *channel = g_filename_display_name (channel_raw);
      g_autoptr(GInputStream) stream = NULL;
      UcJsonSplitter splitter;
      gboolean ok;

      stream = _uc_chat_open_text (path, display, ctx->cancellable, error);
      if (stream == NULL)
        return FALSE;
      _uc_json_splitter_init (&splitter, _uc_json_read_stream, stream);
      ok = slack_read_day (si, &splitter, channel, display,
                           (double) i / (double) ef.day_files->len, error);
      _uc_json_splitter_clear (&splitter);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* ---- the export as a zip ---- */

/* An entry name that would leave the folder it is extracted to. */
static gboolean
entry_path_escapes (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name[0] == '/' || name[0] == '\\')
    return TRUE;
  if (g_ascii_isalpha (name[0]) && name[1] == ':')
    return TRUE;   /* C:\… */
  parts = g_strsplit_set (name, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return TRUE;
  return FALSE;
}

typedef struct
{
  struct archive *archive;
  const char     *zip;     /* display name */
  const char     *entry;   /* display name */
} ZipRead;

static gssize
zip_read (gpointer   data,
          void      *buf,
          gsize      n,
          GError   **error)
{
  ZipRead *zr = data;
  la_ssize_t got = archive_read_data (zr->archive, buf, n);

  if (got < 0)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read “%s” in “%s”: %s"), zr->entry, zr->zip,
                   archive_error_string (zr->archive) ? archive_error_string (zr->archive) : "?");
      return -1;
    }
  return (gssize) got;
}

static struct archive *
zip_open (const char  *path,
          const char  *display,
          GError     **error)
{
  struct archive *a = archive_read_new ();

  archive_read_support_format_zip (a);
  if (archive_read_open_filename (a, path, 64 * 1024) != ARCHIVE_OK)
    {
      if (error != NULL)
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                     _("“%s” is not a readable zip archive: %s"), display,
                     archive_error_string (a) ? archive_error_string (a) : "?");
      archive_read_free (a);
      return NULL;
    }
  return a;
}

/* Split an entry name into the folder part and the base name; skips
 * resource-fork folders. */
typedef struct
{
  char  *name;      /* UTF-8, '/' separated, without a leading "./" */
  char  *dir;       /* "" or "a/b/" */
  char  *base;
  guint  depth;     /* components in dir */
} EntryName;

static void
entry_name_clear (EntryName *en)
{
  g_clear_pointer (&en->name, g_free);
  g_clear_pointer (&en->dir, g_free);
  g_clear_pointer (&en->base, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EntryName, entry_name_clear)

static void
entry_name_init (EntryName  *en,
                 const char *raw)
{
  const char *slash;
  const char *name;

  en->name = g_utf8_make_valid (raw, -1);
  g_strdelimit (en->name, "\\", '/');
  name = en->name;
  while (g_str_has_prefix (name, "./"))
    name += 2;
  slash = strrchr (name, '/');
  en->dir = slash ? g_strndup (name, (gsize) (slash - name) + 1) : g_strdup ("");
  en->base = g_strdup (slash ? slash + 1 : name);
  en->depth = 0;
  for (const char *p = en->dir; *p; p++)
    if (*p == '/')
      en->depth++;
}

typedef struct
{
  char      *prefix;       /* "" or "top/" */
  guint      depth;
  guint      n_entries;
  gboolean   ambiguous;
  gboolean   has_day_file;
} ZipLayout;

static void
zip_layout_clear (ZipLayout *zl)
{
  g_clear_pointer (&zl->prefix, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ZipLayout, zip_layout_clear)

static void
zip_layout_note (ZipLayout       *zl,
                 const EntryName *en)
{
  if (g_str_has_prefix (en->dir, "__MACOSX/"))
    return;
  if (is_export_list_name (en->base) && en->depth <= 1)
    {
      if (zl->prefix == NULL || en->depth < zl->depth)
        {
          g_free (zl->prefix);
          zl->prefix = g_strdup (en->dir);
          zl->depth = en->depth;
          zl->ambiguous = FALSE;
        }
      else if (en->depth == zl->depth && !g_str_equal (en->dir, zl->prefix))
        zl->ambiguous = TRUE;
    }
  if (is_day_file_name (en->base) && en->depth >= 1 && en->depth <= 2)
    zl->has_day_file = TRUE;
}

/* The channel of a day file entry under @prefix, or NULL. */
static char *
zip_day_channel (const EntryName *en,
                 const char      *prefix)
{
  const char *rest;

  if (!is_day_file_name (en->base) || !g_str_has_prefix (en->dir, prefix))
    return NULL;
  rest = en->dir + strlen (prefix);
  /* exactly one folder: "general/" */
  if (*rest == '\0' || strchr (rest, '/') != rest + strlen (rest) - 1 || rest[0] == '/')
    return NULL;
  return g_strndup (rest, strlen (rest) - 1);
}

/* First pass: every entry name is checked (a path escaping the export
 * refuses the zip) and the export's root found; users.json is read here,
 * wherever it sits in the zip, so authors are named in the second pass. */
static gboolean
zip_first_pass (SlackImport  *si,
                ZipLayout    *zl,
                GError      **error)
{
  UcImportContext *ctx = si->ctx;
  struct archive *a;
  struct archive_entry *entry;
  g_autoptr(GHashTable) users_by_prefix = NULL;
  int rc;

  a = zip_open (ctx->path, ctx->display_name, error);
  if (a == NULL)
    return FALSE;

  /* prefix → a SlackImport users table read from that prefix's users.json */
  users_by_prefix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);

  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      const char *raw = archive_entry_pathname (entry);
      g_auto(EntryName) en = { 0 };

      if (raw == NULL)
        continue;
      entry_name_init (&en, raw);
      if (entry_path_escapes (en.name))
        {
          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                       _("“%s” holds the entry “%s”, whose path leads outside the export (absolute or with “..”): the zip is refused"),
                       ctx->display_name, en.name);
          archive_read_free (a);
          return FALSE;
        }
      zl->n_entries++;
      if (archive_entry_filetype (entry) != AE_IFREG)
        continue;
      zip_layout_note (zl, &en);

      if (g_str_equal (en.base, "users.json") && en.depth <= 1 &&
          !g_str_has_prefix (en.dir, "__MACOSX/") &&
          !g_hash_table_contains (users_by_prefix, en.dir))
        {
          GHashTable *saved = si->users;
          ZipRead zr = { a, ctx->display_name, en.name };
          UcJsonSplitter splitter;
          gboolean ok;

          si->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, slack_user_free);
          _uc_json_splitter_init (&splitter, zip_read, &zr);
          ok = slack_read_users (si, &splitter, en.name, error);
          _uc_json_splitter_clear (&splitter);
          g_hash_table_insert (users_by_prefix, g_strdup (en.dir), si->users);
          si->users = saved;
          if (!ok)
            {
              archive_read_free (a);
              return FALSE;
            }
        }
      if (!_uc_import_tick (ctx, -1.0, error))
        {
          archive_read_free (a);
          return FALSE;
        }
    }
  if (rc != ARCHIVE_EOF)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                   _("“%s” is not a readable zip archive: %s"), ctx->display_name,
                   archive_error_string (a) ? archive_error_string (a) : "?");
      archive_read_free (a);
      return FALSE;
    }
  archive_read_free (a);

  if (zl->prefix == NULL)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("“%s” is not a Slack export: it holds no users.json or channels.json (at its top or in one top folder)"),
                   ctx->display_name);
      return FALSE;
    }
  if (zl->ambiguous)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                   _("“%s” holds several Slack exports in different folders; import them one at a time"),
                   ctx->display_name);
      return FALSE;
    }
  {
    GHashTable *users = g_hash_table_lookup (users_by_prefix, zl->prefix);

    if (users != NULL)
      {
        g_hash_table_unref (si->users);
        si->users = g_hash_table_ref (users);
      }
  }
  return TRUE;
}

static gboolean
import_export_zip (SlackImport  *si,
                   GError      **error)
{
  UcImportContext *ctx = si->ctx;
  g_auto(ZipLayout) zl = { 0 };
  struct archive *a;
  struct archive_entry *entry;
  guint index = 0;
  int rc;

  if (!zip_first_pass (si, &zl, error))
    return FALSE;

  a = zip_open (ctx->path, ctx->display_name, error);
  if (a == NULL)
    return FALSE;
  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      const char *raw = archive_entry_pathname (entry);
      g_auto(EntryName) en = { 0 };
      g_autofree char *channel = NULL;
      ZipRead zr;
      UcJsonSplitter splitter;
      gboolean ok;

      index++;
      if (raw == NULL || archive_entry_filetype (entry) != AE_IFREG)
        continue;
      entry_name_init (&en, raw);
      channel = zip_day_channel (&en, zl.prefix);
      if (channel == NULL)
        continue;

      zr.archive = a;
      zr.zip = ctx->display_name;
      zr.entry = en.name;
      _uc_json_splitter_init (&splitter, zip_read, &zr);
      ok = slack_read_day (si, &splitter, channel, en.name,
                           (double) index / (double) MAX (zl.n_entries, 1), error);
      _uc_json_splitter_clear (&splitter);
      if (!ok)
        {
          archive_read_free (a);
          return FALSE;
        }
    }
  if (rc != ARCHIVE_EOF)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                   _("“%s” is not a readable zip archive: %s"), ctx->display_name,
                   archive_error_string (a) ? archive_error_string (a) : "?");
      archive_read_free (a);
      return FALSE;
    }
  archive_read_free (a);
  return TRUE;
}

static gboolean
is_zip_head (const guint8 *head,
             gsize         len)
{
  return len >= 4 && head[0] == 'P' && head[1] == 'K' &&
         ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
}

static gboolean
path_is_dir (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

static double
slack_export_probe (const UcImportProbe *probe)
{
  if (probe->is_dir)
    {
      g_auto(ExportFolder) ef = { 0 };
      gsize len = 0;

      if (!export_folder_scan (probe->path, &ef, PROBE_MAX_FILES, NULL))
        return 0.0;
      /* The lists must be JSON arrays. */
      for (guint i = 0; i < ef.lists->len; i++)
        {
          g_autofree char *path = g_build_filename (probe->path, g_ptr_array_index (ef.lists, i), NULL);
          g_autofree char *text = _uc_chat_read_head (path, 256, &len);

          if (text == NULL || _uc_chat_first_char (text, len) != '[')
            return 0.1;
        }
      return ef.day_files->len > 0 ? 0.95 : 0.7;
    }

  if (is_zip_head (probe->head, probe->head_len))
    {
      g_auto(ZipLayout) zl = { 0 };
      struct archive *a = zip_open (probe->path, "", NULL);
      struct archive_entry *entry;
      guint n = 0;

      if (a == NULL)
        return 0.0;
      while (n++ < PROBE_MAX_ENTRIES && archive_read_next_header (a, &entry) == ARCHIVE_OK)
        {
          const char *raw = archive_entry_pathname (entry);
          g_auto(EntryName) en = { 0 };

          if (raw == NULL || archive_entry_filetype (entry) != AE_IFREG)
            continue;
          entry_name_init (&en, raw);
          zip_layout_note (&zl, &en);
          if (zl.prefix != NULL && zl.has_day_file)
            break;
        }
      archive_read_free (a);
      if (zl.prefix == NULL)
        return 0.0;
      return zl.has_day_file ? 0.95 : 0.7;
    }
  return 0.0;
}

static char *
slack_export_checksum (UcImportContext  *ctx,
                       GError          **error)
{
  g_auto(ExportFolder) ef = { 0 };
  g_autoptr(GPtrArray) files = NULL;

  if (!path_is_dir (ctx->path))
    return _uc_chat_checksum_file (ctx, error);
  if (!export_folder_find (ctx, &ef, error))
    return NULL;
  files = g_ptr_array_new ();
  for (guint i = 0; i < ef.lists->len; i++)
    g_ptr_array_add (files, g_ptr_array_index (ef.lists, i));
  for (guint i = 0; i < ef.day_files->len; i++)
    g_ptr_array_add (files, g_ptr_array_index (ef.day_files, i));
  return _uc_chat_checksum_files (ctx, files, error);
}

static gboolean
slack_export_run (UcImportContext  *ctx,
                  GError          **error)
{
  g_auto(SlackImport) si = { 0 };

  slack_import_init (&si, ctx);
  if (path_is_dir (ctx->path))
    {
      if (!import_export_folder (&si, error))
        return FALSE;
    }
  else if (!import_export_zip (&si, error))
    return FALSE;
  return _uc_chat_link_replies (ctx, "slack", error);
}

static gboolean
slack_export_import (UcImportContext  *ctx,
                     GError          **error)
{
  return _uc_chat_run (ctx, slack_export_run, error);
}

const UcImportFormat _uc_import_format_slack_export = {
  "slack-export", N_("Slack workspace export"), UC_IMPORT_INPUT_FILE | UC_IMPORT_INPUT_FOLDER,
  slack_export_probe, slack_export_checksum, slack_export_import,
};

/* ---- RTM event logs ---- */

/* Does this line look like a Slack RTM message event? */
static double
event_line_confidence (const char *line,
                       gsize       len,
                       gboolean    complete)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *problem = NULL;
  JsonObject *object;
  const char *type;

  if (_uc_chat_first_char (line, len) != '{')
    return 0.0;
  if (!complete)
    {
      /* A first line longer than the probe's view: judge by its keys. */
      if (g_strstr_len (line, (gssize) len, "\"backend_name\"") != NULL)
        return 0.0;
      return g_strstr_len (line, (gssize) len, "\"type\":\"message\"") != NULL &&
             g_strstr_len (line, (gssize) len, "\"ts\":\"") != NULL ? 0.6 : 0.0;
    }
  node = _uc_json_parse_record (line, len, &problem);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return 0.0;
  object = json_node_get_object (node);
  type = _uc_json_string (object, "type");
  if (_uc_json_has (object, "backend_name") || type == NULL ||
      _uc_json_string (object, "channel") == NULL || _uc_json_string (object, "ts") == NULL)
    return 0.0;
  return g_str_equal (type, "message") ? 0.9 : 0.6;
}

static double
event_head_confidence (const char *head,
                       gsize       len,
                       gboolean    whole_file)
{
  const char *p = head, *end = head + len;

  /* the first non-blank line */
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end)
    return 0.0;
  {
    const char *nl = memchr (p, '\n', (gsize) (end - p));

    if (nl != NULL)
      return event_line_confidence (p, (gsize) (nl - p), TRUE);
    return event_line_confidence (p, (gsize) (end - p), whole_file);
  }
}

/* An EDN channel list: #:channel{:slack-id "C…" :name "…"} (or with
 * :channel/slack-id keys). */
static gboolean
looks_like_edn_channels (const char *head,
                         gsize       len)
{
  char c = _uc_chat_first_char (head, len);

  return (c == '(' || c == '[' || c == '#' || c == '{') &&
         g_strstr_len (head, (gssize) len, "slack-id") != NULL;
}

/* Read the channel ids and names of an EDN channel list: the string
 * values of :slack-id and :name keys of the maps at the first map level
 * (nested maps and vectors, like :creator [:user/slack-id "U…"], are not
 * looked into). */
static void
parse_edn_channels (const char *text,
                    gsize       len,
                    GHashTable *channels)
{
  g_autoptr(GString) stack = g_string_new (NULL);   /* open brackets */
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  guint maps = 0;
  gsize i = 0;

  while (i < len)
    {
      char c = text[i];

      if (c == ';')
        {
          while (i < len && text[i] != '\n')
            i++;
          continue;
        }
      if (c == '"')
        {
          g_autoptr(GString) value = g_string_new (NULL);

          for (i++; i < len && text[i] != '"'; i++)
            {
              if (text[i] == '\\' && i + 1 < len)
                i++;
              g_string_append_c (value, text[i]);
            }
          i++;
          if (key != NULL && maps == 1 && stack->len > 0 && stack->str[stack->len - 1] == '{' &&
              g_utf8_validate (value->str, (gssize) value->len, NULL))
            {
              if (g_str_equal (key, "slack-id"))
                g_free (id), id = g_strdup (value->str);
              else if (g_str_equal (key, "name"))
                g_free (name), name = g_strdup (value->str);
            }
          g_clear_pointer (&key, g_free);
          continue;
        }
      if (c == ':')
        {
          gsize start = ++i;
          const char *slash;

          while (i < len && !g_ascii_isspace (text[i]) && strchr ("{}[]()\",;", text[i]) == NULL)
            i++;
          g_free (key);
          key = g_strndup (text + start, i - start);
          slash = strrchr (key, '/');
          if (slash != NULL)
            memmove (key, slash + 1, strlen (slash + 1) + 1);
          continue;
        }
      if (c == '{' || c == '[' || c == '(')
        {
          g_string_append_c (stack, c);
          if (c == '{' && ++maps == 1)
            {
              g_clear_pointer (&id, g_free);
              g_clear_pointer (&name, g_free);
            }
        }
      else if ((c == '}' || c == ']' || c == ')') && stack->len > 0)
        {
          char open = stack->str[stack->len - 1];

          g_string_truncate (stack, stack->len - 1);
          if (open == '{' && maps-- == 1 && id != NULL && name != NULL)
            g_hash_table_replace (channels, g_steal_pointer (&id), g_steal_pointer (&name));
        }
      if (!g_ascii_isspace (c))
        g_clear_pointer (&key, g_free);
      i++;
    }
}

typedef struct
{
  GPtrArray *logs;      /* relative paths (in a folder) or NULL for the file itself */
  char      *channels;  /* relative path of the EDN channel list, or NULL */
} EventFiles;

static void
event_files_clear (EventFiles *ev)
{
  g_clear_pointer (&ev->logs, g_ptr_array_unref);
  g_clear_pointer (&ev->channels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EventFiles, event_files_clear)

static gboolean
event_files_scan (const char  *path,
                  EventFiles  *ev,
                  guint        max_files,
                  GError     **error)
{
  g_autoptr(GPtrArray) names = _uc_chat_list_dir (path, FALSE, error);

  if (names == NULL)
    return FALSE;
  ev->logs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len && i < max_files; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *file = g_build_filename (path, name, NULL);
      gsize len = 0;
      g_autofree char *head = _uc_chat_read_head (file, 64 * 1024, &len);

      if (head == NULL)
        continue;
      if (event_head_confidence (head, len, len < 64 * 1024) >= 0.5)
        g_ptr_array_add (ev->logs, g_strdup (name));
      else if (ev->channels == NULL && looks_like_edn_channels (head, len))
        ev->channels = g_strdup (name);
    }
  return TRUE;
}

static double
slack_events_probe (const UcImportProbe *probe)
{
  if (probe->is_dir)
    {
      g_auto(EventFiles) ev = { 0 };
      g_autofree char *users = g_build_filename (probe->path, "users.json", NULL);

      if (g_file_test (users, G_FILE_TEST_EXISTS))
        return 0.0;
      if (!event_files_scan (probe->path, &ev, PROBE_MAX_FILES, NULL) || ev.logs->len == 0)
        return 0.0;
      return 0.85;
    }
  return event_head_confidence ((const char *) probe->head, probe->head_len,
                                (goffset) probe->head_len >= probe->size);
}

/* The first pass over a log: the profiles events carry (mostly on joins),
 * so an author is named even when their first message comes before it. */
static gboolean
events_collect_profiles (SlackImport  *si,
                         const char   *path,
                         const char   *display,
                         GError      **error)
{
  UcImportReader reader;
  GInputStream *stream;
  char *line;
  gsize len;
  gboolean ok = TRUE;

  stream = _uc_chat_open_text (path, display, si->ctx->cancellable, error);
  if (stream == NULL)
    return FALSE;
  _uc_import_reader_init (&reader, stream, NULL, si->ctx->cancellable);
  reader.display_name = g_strdup (display);
  while ((ok = _uc_import_reader_next (&reader, '\n', &line, &len, error)))
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *problem = NULL;
      JsonObject *object;

      if (!_uc_import_tick (si->ctx, -1.0, error))
        {
          ok = FALSE;
          break;
        }
      if (strstr (line, "\"user_profile\"") == NULL)
        continue;
      node = _uc_json_parse_record (line, len, &problem);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;   /* reported by the second pass */
      object = json_node_get_object (node);
      slack_remember_profile (si, _uc_json_string (object, "user"),
                              _uc_json_object (object, "user_profile"));
    }
  _uc_import_reader_clear (&reader);
  return *error == NULL;
}

static gboolean
events_read_log (SlackImport  *si,
                 const char   *path,
                 const char   *file,
                 const char   *display,
                 goffset       done_bytes,
                 goffset       total_bytes,
                 GError      **error)
{
  UcImportContext *ctx = si->ctx;
  UcImportReader reader;
  GInputStream *stream;
  char *line;
  gsize len;
  gboolean ok = TRUE;

  stream = _uc_chat_open_text (path, display, ctx->cancellable, error);
  if (stream == NULL)
    return FALSE;
  _uc_import_reader_init (&reader, stream, NULL, ctx->cancellable);
  reader.display_name = g_strdup (display);
  while ((ok = _uc_import_reader_next (&reader, '\n', &line, &len, error)))
    {
      g_autoptr(JsonNode) node = NULL;
      UcChatWhere where = { file, UC_CHAT_LINE, reader.n_records, 0 };
      const char *channel_id;
      const char *channel;
      double fraction = total_bytes > 0 ?
        (double) (done_bytes + (goffset) reader.consumed) / (double) total_bytes : -1.0;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (_uc_chat_first_char (line, len) == 0)
        continue;
      ctx->n_records++;
      if (!_uc_import_tick (ctx, fraction, error))
        {
          ok = FALSE;
          break;
        }
      node = parse_object_record (ctx, line, len, &where, _("an event"), &ok, error);
      if (node == NULL)
        {
          if (!ok)
            break;
          continue;
        }
      channel_id = _uc_json_string (json_node_get_object (node), "channel");
      if (channel_id == NULL || *channel_id == '\0')
        {
          const char *type = _uc_json_string (json_node_get_object (node), "type");

          /* Only message events need a channel. */
          if (type != NULL && !g_str_equal (type, "message"))
            continue;
          if (!(ok = _uc_chat_record_error (ctx, &where, _("a message event without “channel”"), error)))
            break;
          continue;
        }
      channel = g_hash_table_lookup (si->channels, channel_id);
      if (!slack_message (si, json_node_get_object (node), channel ? channel : channel_id,
                          &where, FALSE, error))
        {
          ok = FALSE;
          break;
        }
    }
  _uc_import_reader_clear (&reader);
  return *error == NULL;
}

static gboolean
load_edn_channels (SlackImport  *si,
                   const char   *path,
                   GError      **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, &text, &len, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                   _("Could not read “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  parse_edn_channels (text, len, si->channels);
  return TRUE;
}

static char *
slack_events_checksum (UcImportContext  *ctx,
                       GError          **error)
{
  g_auto(EventFiles) ev = { 0 };
  g_autoptr(GPtrArray) files = NULL;

  if (!path_is_dir (ctx->path))
    return _uc_chat_checksum_file (ctx, error);
  if (!event_files_scan (ctx->path, &ev, G_MAXUINT, error))
    return NULL;
  files = g_ptr_array_new ();
  for (guint i = 0; i < ev.logs->len; i++)
    g_ptr_array_add (files, g_ptr_array_index (ev.logs, i));
  if (ev.channels != NULL)
    g_ptr_array_add (files, ev.channels);
  return _uc_chat_checksum_files (ctx, files, error);
}

static gboolean
slack_events_run (UcImportContext  *ctx,
                  GError          **error)
{
  g_auto(SlackImport) si = { 0 };
  g_auto(EventFiles) ev = { 0 };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  goffset total = 0, done = 0;

  slack_import_init (&si, ctx);
  if (path_is_dir (ctx->path))
    {
      if (!event_files_scan (ctx->path, &ev, G_MAXUINT, error))
        return FALSE;
      if (ev.logs->len == 0)
        {
          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                       _("The folder “%s” holds no Slack event log (files of one message event per line)"),
                       ctx->display_name);
          return FALSE;
        }
      if (ev.channels != NULL)
        {
          g_autofree char *edn = g_build_filename (ctx->path, ev.channels, NULL);

          if (!load_edn_channels (&si, edn, error))
            return FALSE;
        }
      for (guint i = 0; i < ev.logs->len; i++)
        {
          const char *name = g_ptr_array_index (ev.logs, i);
          g_autofree char *path = g_build_filename (ctx->path, name, NULL);
          GStatBuf st;

          if (g_stat (path, &st) == 0)
            total += st.st_size;
          g_ptr_array_add (paths, g_steal_pointer (&path));
          g_ptr_array_add (files, g_filename_display_name (name));
        }
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (ctx->path);

      /* A channel list beside the log names its channels, as it does when
       * the folder is imported: both give the same channel names. */
      if (event_files_scan (dir, &ev, PROBE_MAX_FILES, NULL) && ev.channels != NULL)
        {
          g_autofree char *edn = g_build_filename (dir, ev.channels, NULL);

          if (!load_edn_channels (&si, edn, error))
            return FALSE;
        }
      g_ptr_array_add (paths, g_strdup (ctx->path));
      g_ptr_array_add (files, NULL);
      total = ctx->size;
    }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);

      if (!events_collect_profiles (&si, g_ptr_array_index (paths, i),
                                    file ? file : ctx->display_name, error))
        return FALSE;
    }
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      const char *file = g_ptr_array_index (files, i);
      GStatBuf st;

      if (!events_read_log (&si, path, file, file ? file : ctx->display_name,
                            done, total, error))
        return FALSE;
      if (g_stat (path, &st) == 0)
        done += st.st_size;
    }
  return _uc_chat_link_replies (ctx, "slack", error);
}

static gboolean
slack_events_import (UcImportContext  *ctx,
                     GError          **error)
{
  return _uc_chat_run (ctx, slack_events_run, error);
}

const UcImportFormat _uc_import_format_slack_events = {
  "slack-events", N_("Slack event log"), UC_IMPORT_INPUT_FILE | UC_IMPORT_INPUT_FOLDER,
  slack_events_probe, slack_events_checksum, slack_events_import,
};

/* ---- Perceval ---- */

/* `"backend_name": "Slack"` near the start. */
static gboolean
head_has_backend (const char *head,
                  gsize       len,
                  const char *backend)
{
  const char *p = g_strstr_len (head, (gssize) len, "\"backend_name\"");

  if (p == NULL)
    return FALSE;
  p += strlen ("\"backend_name\"");
  while (p < head + len && g_ascii_isspace (*p))
    p++;
  if (p >= head + len || *p != ':')
    return FALSE;
  p++;
  while (p < head + len && g_ascii_isspace (*p))
    p++;
  return p < head + len && *p == '"' &&
         strncmp (p + 1, backend, strlen (backend)) == 0 &&
         p[1 + strlen (backend)] == '"';
}

typedef enum
{
  PAGE_OTHER,
  PAGE_HISTORY,   /* conversations.history: {"ok": true, "messages": […]} */
  PAGE_INFO,      /* conversations.info: {"ok": true, "channel": {"id": …}} */
  PAGE_USER,      /* users.info: {"ok": true, "user": {"id": …}} */
} SlackPage;

static SlackPage
classify_page (JsonNode *node)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return PAGE_OTHER;
  object = json_node_get_object (node);
  if (_uc_json_has (object, "ok") && !_uc_json_true (object, "ok"))
    return PAGE_OTHER;   /* an error response */
  if (json_object_has_member (object, "messages"))
    return PAGE_HISTORY;
  if (_uc_json_string (_uc_json_object (object, "channel"), "id") != NULL)
    return PAGE_INFO;
  if (_uc_json_string (_uc_json_object (object, "user"), "id") != NULL)
    return PAGE_USER;
  return PAGE_OTHER;
}

/* A cheap look at a page's start, for the probe. */
static SlackPage
classify_page_head (const char *head,
                    gsize       len)
{
  if (_uc_chat_first_char (head, len) != '{' || g_strstr_len (head, (gssize) len, "\"ok\"") == NULL)
    return PAGE_OTHER;
  if (g_strstr_len (head, (gssize) len, "\"messages\"") != NULL)
    return PAGE_HISTORY;
  {
    const char *p = g_strstr_len (head, (gssize) len, "\"channel\"");

    if (p != NULL)
      {
        p += strlen ("\"channel\"");
        while (p < head + len && (g_ascii_isspace (*p) || *p == ':'))
          p++;
        if (p < head + len && *p == '{')
          return PAGE_INFO;
      }
  }
  return PAGE_OTHER;
}

static double
slack_perceval_probe (const UcImportProbe *probe)
{
  if (probe->is_dir)
    {
      g_autoptr(GPtrArray) names = _uc_chat_list_dir (probe->path, FALSE, NULL);
      gboolean history = FALSE, info = FALSE;

      if (names == NULL)
        return 0.0;
      for (guint i = 0; i < names->len && i < PROBE_MAX_FILES; i++)
        {
          g_autofree char *path = g_build_filename (probe->path, g_ptr_array_index (names, i), NULL);
          gsize len = 0;
          g_autofree char *head = _uc_chat_read_head (path, PROBE_FILE_HEAD, &len);

          if (head == NULL)
            continue;
          switch (classify_page_head (head, len))
            {
            case PAGE_HISTORY:
              history = TRUE;
              break;
            case PAGE_INFO:
              info = TRUE;
              break;
            case PAGE_USER:
            case PAGE_OTHER:
            default:
              break;
            }
        }
      /* History pages without the channel's info: the closest guess, but
       * not importable (the import says why). */
      return history ? (info ? 0.9 : 0.4) : 0.0;
    }
  return head_has_backend ((const char *) probe->head, probe->head_len, "Slack") ? 0.95 : 0.0;
}

static gboolean
slack_item (SlackImport        *si,
            JsonObject         *item,
            const UcChatWhere  *where,
            GError            **error)
{
  const char *backend = _uc_json_string (item, "backend_name");
  JsonObject *data = _uc_json_object (item, "data");
  JsonObject *info, *user_data;
  const char *channel;
  g_autofree char *problem = NULL;

  if (backend == NULL)
    return _uc_chat_record_error (si->ctx, where, _("not a Perceval item (no “backend_name”)"), error);
  if (!g_str_equal (backend, "Slack"))
    {
      problem = g_strdup_printf (_("a “%s” item, not a Slack one"), backend);
      return _uc_chat_record_error (si->ctx, where, problem, error);
    }
  if (data == NULL)
    return _uc_chat_record_error (si->ctx, where, _("an item without “data”"), error);

  info = _uc_json_object (data, "channel_info");
  channel = first_nonempty (_uc_json_string (info, "name"), _uc_json_string (info, "id"), NULL);
  if (channel == NULL)
    return _uc_chat_record_error (si->ctx, where,
                                  _("an item without “data.channel_info”: its channel is unknown"),
                                  error);
  user_data = _uc_json_object (data, "user_data");
  if (user_data != NULL)
    slack_remember_user (si, user_data, FALSE);
  return slack_message (si, data, channel, where, FALSE, error);
}

static gboolean
import_perceval_items (SlackImport  *si,
                       GError      **error)
{
  UcImportContext *ctx = si->ctx;
  g_autoptr(GInputStream) stream = NULL;
  UcJsonSplitter splitter;
  UcJsonSplitMode mode;
  GError *local_error = NULL;
  UcChatWhere where = { NULL, UC_CHAT_FILE, 0, 0 };
  const char *text;
  gsize length;
  gboolean ok = TRUE;

  stream = _uc_chat_open_text (ctx->path, ctx->display_name, ctx->cancellable, error);
  if (stream == NULL)
    return FALSE;
  _uc_json_splitter_init (&splitter, _uc_json_read_stream, stream);
  if (!_uc_json_splitter_start (&splitter, &mode, &local_error))
    {
      ok = splitter_failed (ctx, &splitter, NULL, UC_CHAT_FILE, error, local_error);
      goto out;
    }
  if (mode == UC_JSON_SPLIT_NONE)
    {
      _uc_import_set_parse_error (ctx, error, _("the file"), _("it holds no items"));
      ok = FALSE;
      goto out;
    }

  while (_uc_json_splitter_next (&splitter, &text, &length, &local_error))
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;

      where.unit = UC_CHAT_ITEM;
      where.index = splitter.n_records;
      where.line = splitter.record_line;
      ctx->n_records++;
      if (!_uc_import_tick (ctx, ctx->size > 0 ? (double) splitter.consumed / (double) ctx->size : -1.0,
                            error))
        {
          ok = FALSE;
          goto out;
        }
      node = parse_object_record (ctx, text, length, &where, _("an item"), &ok, error);
      if (node == NULL)
        {
          if (!ok)
            goto out;
          continue;
        }
      object = json_node_get_object (node);
      if (splitter.n_records == 1 && mode == UC_JSON_SPLIT_VALUES &&
          !json_object_has_member (object, "backend_name") &&
          classify_page (node) != PAGE_OTHER)
        {
          g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                       _("“%s” is a single Slack Web API page, not Perceval items: a conversations.history page does not say which channel it belongs to, so import the folder that holds it together with the channel’s conversations.info page"),
                       ctx->display_name);
          ok = FALSE;
          goto out;
        }
      if (!slack_item (si, object, &where, error))
        {
          ok = FALSE;
          goto out;
        }
    }
  if (local_error != NULL)
    ok = splitter_failed (ctx, &splitter, NULL, UC_CHAT_ITEM, error, local_error);

out:
  _uc_json_splitter_clear (&splitter);
  return ok;
}

/* A folder of raw Web API pages (see the top comment). */
static gboolean
import_perceval_pages (SlackImport  *si,
                       GError      **error)
{
  UcImportContext *ctx = si->ctx;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) history = g_ptr_array_new ();
  g_autoptr(GHashTable) infos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *channel = NULL;

  names = _uc_chat_list_dir (ctx->path, FALSE, error);
  if (names == NULL)
    return FALSE;

  /* First the users and the channel, then the messages. */
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (ctx->path, name, NULL);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *problem = NULL;
      g_autoptr(JsonNode) node = NULL;
      gsize len = 0;
      g_autofree char *head = _uc_chat_read_head (path, 256, &len);
      char first = head ? _uc_chat_first_char (head, len) : 0;
      UcChatWhere where = { display, UC_CHAT_FILE, 0, 0 };

      if (first != '{' && first != '[')
        continue;   /* not JSON: not a page */
      node = _uc_json_load_small_file (path, display, MAX_PAGE_SIZE, ctx->cancellable,
                                       &problem, error);
      if (node == NULL)
        {
          if (problem == NULL || !_uc_chat_record_error (ctx, &where, problem, error))
            return FALSE;
          continue;
        }
      switch (classify_page (node))
        {
        case PAGE_HISTORY:
          g_ptr_array_add (history, (gpointer) name);
          break;
        case PAGE_INFO:
          {
            JsonObject *info = _uc_json_object (json_node_get_object (node), "channel");
            const char *id = _uc_json_string (info, "id");
            const char *cname = _uc_json_string (info, "name");

            g_hash_table_replace (infos, g_strdup (id), g_strdup (cname && *cname ? cname : id));
          }
          break;
        case PAGE_USER:
          slack_remember_user (si, _uc_json_object (json_node_get_object (node), "user"), TRUE);
          break;
        case PAGE_OTHER:
        default:
          break;   /* members lists, error responses, other files */
        }
      if (!_uc_import_tick (ctx, -1.0, error))
        return FALSE;
    }

  if (history->len == 0)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("The folder “%s” holds no Slack conversations.history page"),
                   ctx->display_name);
      return FALSE;
    }
  if (g_hash_table_size (infos) != 1)
    {
      if (g_hash_table_size (infos) == 0)
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                     _("The folder “%s” holds conversations.history pages but no conversations.info page: history pages do not say which channel they belong to"),
                     ctx->display_name);
      else
        g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE,
                     _("The folder “%s” holds conversations.info pages of %u channels: it cannot tell which channel its history pages belong to; keep one channel per folder"),
                     ctx->display_name, g_hash_table_size (infos));
      return FALSE;
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, infos);
    g_hash_table_iter_next (&iter, NULL, &value);
    channel = g_strdup (value);
  }

  for (guint i = 0; i < history->len; i++)
    {
      const char *name = g_ptr_array_index (history, i);
      g_autofree char *path = g_build_filename (ctx->path, name, NULL);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *problem = NULL;
      g_autoptr(JsonNode) node = NULL;
      UcChatWhere where = { display, UC_CHAT_FILE, 0, 0 };
      JsonArray *messages;

      node = _uc_json_load_small_file (path, display, MAX_PAGE_SIZE, ctx->cancellable,
                                       &problem, error);
      if (node == NULL)
        {
          /* It parsed in the first pass, unless it changed since. */
          if (problem == NULL || !_uc_chat_record_error (ctx, &where, problem, error))
            return FALSE;
          continue;
        }
      messages = _uc_json_array (json_node_get_object (node), "messages");
      if (messages == NULL)
        {
          problem = g_strdup_printf (_("“messages” is %s, not an array"),
                                     _uc_json_type_name (json_object_get_member (json_node_get_object (node),
                                                                                 "messages")));
          if (!_uc_chat_record_error (ctx, &where, problem, error))
            return FALSE;
          continue;
        }
      for (guint j = 0; j < json_array_get_length (messages); j++)
        {
          JsonNode *element = json_array_get_element (messages, j);

          where.unit = UC_CHAT_MESSAGE;
          where.index = j + 1;
          ctx->n_records++;
          if (!_uc_import_tick (ctx, (double) i / (double) history->len, error))
            return FALSE;
          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_autofree char *bad = g_strdup_printf (_("a message is %s, not an object"),
                                                      _uc_json_type_name (element));

              if (!_uc_chat_record_error (ctx, &where, bad, error))
                return FALSE;
              continue;
            }
          if (!slack_message (si, json_node_get_object (element), channel, &where, FALSE, error))
            return FALSE;
        }
    }
  return TRUE;
}

static char *
slack_perceval_checksum (UcImportContext  *ctx,
                         GError          **error)
{
  g_autoptr(GPtrArray) names = NULL;

  if (!path_is_dir (ctx->path))
    return _uc_chat_checksum_file (ctx, error);
  names = _uc_chat_list_dir (ctx->path, FALSE, error);
  if (names == NULL)
    return NULL;
  return _uc_chat_checksum_files (ctx, names, error);
}

static gboolean
slack_perceval_run (UcImportContext  *ctx,
                    GError          **error)
{
  g_auto(SlackImport) si = { 0 };

  slack_import_init (&si, ctx);
  if (path_is_dir (ctx->path))
    {
      if (!import_perceval_pages (&si, error))
        return FALSE;
    }
  else if (!import_perceval_items (&si, error))
    return FALSE;
  return _uc_chat_link_replies (ctx, "slack", error);
}

static gboolean
slack_perceval_import (UcImportContext  *ctx,
                       GError          **error)
{
  return _uc_chat_run (ctx, slack_perceval_run, error);
}

const UcImportFormat _uc_import_format_slack_perceval = {
  "slack-perceval", N_("Slack items or API pages (Perceval)"),
  UC_IMPORT_INPUT_FILE | UC_IMPORT_INPUT_FOLDER,
  slack_perceval_probe, slack_perceval_checksum, slack_perceval_import,
};
