/* uc-mattermost-import.c: Mattermost posts.
 *
 * One format, "mattermost", in three shapes, all stored as messages of
 * system "mattermost" (ext_id = the post id, thread_ext_id = its root_id,
 * channel = the channel's name when known, else its id):
 *
 *  - Perceval's Mattermost items: a JSON array of envelopes (or one per
 *    line), data = the post with data.user_data and data.channel_data;
 *  - a posts page of the REST API (GET /channels/{id}/posts:
 *    {"order": [ids], "posts": {id: post}}), on its own: posts carry their
 *    channel and user ids, so a page is importable alone (authors are
 *    then known by id only);
 *  - a folder of such pages with the user pages (GET /users/{id}) and the
 *    channel page (GET /channels/{id}) beside them, which name the authors
 *    and the channel; error responses and other files there are ignored.
 *
 * Every post of a page's "posts" map is read, including the thread roots
 * Mattermost adds for context without listing them in "order". System
 * posts (type "system_…": joins, leaves, header and name changes) are read
 * and counted in n_records but are not discussion and are not imported.
 * A deleted post (delete_at set, when an export includes it) is kept:
 * it was said. Edits do not change a stored post.
 * A channel's name is used only when the channel description has the
 * post's channel id.
 *
 * Authors are identities of kind "mattermost" (the user id), with an
 * "email" identity on the same person when the user has an address. Bot
 * accounts (is_bot, props.from_bot) are agents; a webhook post (props.
 * from_webhook) is the webhook's, an agent, not its creator's. Text is
 * measured and scanned for objection markers, then forgotten (ticket keys
 * in chat are not linked: links join commits and change requests to
 * work items).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "uc-chat-import-private.h"

#define MAX_PAGE_SIZE (64 * 1024 * 1024)
#define PROBE_MAX_FILES 200
#define PROBE_FILE_HEAD 4096

typedef struct
{
  char     *name;
  char     *login;
  char     *email;
  gboolean  is_bot;
} MmUser;

static void
mm_user_free (gpointer data)
{
  MmUser *user = data;

  g_free (user->name);
  g_free (user->login);
  g_free (user->email);
  g_free (user);
}

typedef struct
{
  UcImportContext *ctx;
  UcChatPeople     people;
  GHashTable      *users;     /* user id → MmUser */
  GHashTable      *channels;  /* channel id → name */
} MmImport;

static void
mm_import_init (MmImport        *mi,
                UcImportContext *ctx)
{
  mi->ctx = ctx;
  _uc_chat_people_init (&mi->people);
  mi->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, mm_user_free);
  mi->channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
mm_import_clear (MmImport *mi)
{
  _uc_chat_people_clear (&mi->people);
  g_clear_pointer (&mi->users, g_hash_table_unref);
  g_clear_pointer (&mi->channels, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MmImport, mm_import_clear)

static void
mm_remember_user (MmImport   *mi,
                  JsonObject *object,
                  gboolean    replace)
{
  const char *id = _uc_json_string (object, "id");
  const char *first = _uc_json_string (object, "first_name");
  const char *last = _uc_json_string (object, "last_name");
  const char *nickname = _uc_json_string (object, "nickname");
  g_autofree char *full = NULL;
  MmUser *user;

  if (id == NULL || *id == '\0')
    return;
  if (!replace && g_hash_table_contains (mi->users, id))
    return;

  full = g_strstrip (g_strjoin (" ", first ? first : "", last ? last : "", NULL));
  user = g_new0 (MmUser, 1);
  user->login = g_strdup (_uc_json_string (object, "username"));
  if (*full != '\0')
    user->name = g_steal_pointer (&full);
  else if (nickname != NULL && *nickname != '\0')
    user->name = g_strdup (nickname);
  else
    user->name = g_strdup (user->login);
  user->email = g_strdup (_uc_json_string (object, "email"));
  user->is_bot = _uc_json_true (object, "is_bot");
  g_hash_table_replace (mi->users, g_strdup (id), user);
}

static void
mm_remember_channel (MmImport   *mi,
                     JsonObject *object)
{
  const char *id = _uc_json_string (object, "id");
  const char *name = _uc_json_string (object, "name");

  if (id == NULL || *id == '\0' || name == NULL || *name == '\0')
    return;
  g_hash_table_replace (mi->channels, g_strdup (id), g_strdup (name));
}

/* create_at, in milliseconds. */
static gboolean
post_time (JsonObject *post,
           UcTime     *time,
           char      **problem)
{
  JsonNode *node = json_object_get_member (post, "create_at");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *problem = g_strdup (_("a post without “create_at”"));
      return FALSE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *time = json_node_get_int (node) / 1000;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double ms = json_node_get_double (node);

      if (ms > -9.2e18 && ms < 9.2e18)
        {
          *time = (UcTime) (ms / 1000.0);
          return TRUE;
        }
    }
  *problem = g_strdup_printf (_("“create_at” is %s, not a time in milliseconds"),
                              _uc_json_type_name (node));
  return FALSE;
}

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

/* One post. Returns FALSE only with @error set. */
static gboolean
mm_post (MmImport           *mi,
         JsonObject         *post,
         const UcChatWhere  *where,
         GError            **error)
{
  UcImportContext *ctx = mi->ctx;
  g_autofree char *problem = NULL;
  JsonObject *props;
  const char *id, *channel_id, *user_id, *type, *channel;
  UcTime time = 0;
  UcId author = 0;

  if (!check_string_member (post, "id", &problem) ||
      !check_string_member (post, "channel_id", &problem) ||
      !check_string_member (post, "user_id", &problem) ||
      !check_string_member (post, "root_id", &problem) ||
      !check_string_member (post, "type", &problem) ||
      !check_string_member (post, "message", &problem))
    return _uc_chat_record_error (ctx, where, problem, error);

  id = _uc_json_string (post, "id");
  if (id == NULL || *id == '\0')
    return _uc_chat_record_error (ctx, where, _("a post without “id”"), error);
  channel_id = _uc_json_string (post, "channel_id");
  if (channel_id == NULL || *channel_id == '\0')
    return _uc_chat_record_error (ctx, where, _("a post without “channel_id”"), error);
  if (!post_time (post, &time, &problem))
    return _uc_chat_record_error (ctx, where, problem, error);

  type = _uc_json_string (post, "type");
  if (type != NULL && g_str_has_prefix (type, "system_"))
    return TRUE;   /* joins, leaves, renames: read, not discussion */

  props = _uc_json_object (post, "props");
  user_id = _uc_json_string (post, "user_id");
  if (_uc_json_true (props, "from_webhook"))
    {
      const char *name = _uc_json_string (props, "override_username");
      g_autofree char *account = g_strconcat ("webhook:", name && *name ? name : "webhook", NULL);

      author = _uc_chat_author (ctx, &mi->people, "mattermost", account,
                                name && *name ? name : _("Webhook"), NULL, NULL, TRUE, error);
    }
  else if (user_id != NULL && *user_id != '\0')
    {
      MmUser *user = g_hash_table_lookup (mi->users, user_id);

      author = _uc_chat_author (ctx, &mi->people, "mattermost", user_id,
                                user ? user->name : NULL, user ? user->login : NULL,
                                user ? user->email : NULL,
                                (user != NULL && user->is_bot) || _uc_json_true (props, "from_bot"),
                                error);
    }
  if (author == 0 && *error != NULL)
    return FALSE;

  channel = g_hash_table_lookup (mi->channels, channel_id);
  return _uc_chat_add_message (ctx, "mattermost", channel ? channel : channel_id, id, author,
                               time, _uc_json_string (post, "root_id"),
                               _uc_json_string (post, "message"), error);
}

/* The posts of a page, in the page's order of the "posts" map. */
static gboolean
mm_page (MmImport     *mi,
         JsonObject   *page,
         const char   *file,
         double        fraction,
         GError      **error)
{
  UcImportContext *ctx = mi->ctx;
  JsonObject *posts = _uc_json_object (page, "posts");
  g_autoptr(GList) members = NULL;
  UcChatWhere where = { file, UC_CHAT_FILE, 0, 0 };
  guint64 index = 0;

  if (posts == NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("“posts” is %s, not an object"),
                                                  _uc_json_type_name (json_object_get_member (page, "posts")));

      return _uc_chat_record_error (ctx, &where, problem, error);
    }
  members = json_object_get_members (posts);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (posts, l->data);

      where.unit = UC_CHAT_POST;
      where.index = ++index;
      ctx->n_records++;
      if (!_uc_import_tick (ctx, fraction, error))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *problem = g_strdup_printf (_("a post is %s, not an object"),
                                                      _uc_json_type_name (node));

          if (!_uc_chat_record_error (ctx, &where, problem, error))
            return FALSE;
          continue;
        }
      if (!mm_post (mi, json_node_get_object (node), &where, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
mm_item (MmImport           *mi,
         JsonObject         *item,
         const UcChatWhere  *where,
         GError            **error)
{
  const char *backend = _uc_json_string (item, "backend_name");
  JsonObject *data = _uc_json_object (item, "data");
  JsonObject *channel_data, *user_data;
  g_autofree char *problem = NULL;

  if (backend == NULL)
    return _uc_chat_record_error (mi->ctx, where, _("not a Perceval item (no “backend_name”)"), error);
  if (!g_str_equal (backend, "Mattermost"))
    {
      problem = g_strdup_printf (_("a “%s” item, not a Mattermost one"), backend);
      return _uc_chat_record_error (mi->ctx, where, problem, error);
    }
  if (data == NULL)
    return _uc_chat_record_error (mi->ctx, where, _("an item without “data”"), error);

  channel_data = _uc_json_object (data, "channel_data");
  if (channel_data != NULL)
    mm_remember_channel (mi, channel_data);
  user_data = _uc_json_object (data, "user_data");
  if (user_data != NULL)
    mm_remember_user (mi, user_data, FALSE);
  return mm_post (mi, data, where, error);
}

/* A file: Perceval items (array or lines) or posts pages. */
static gboolean
import_mm_file (MmImport  *mi,
                GError   **error)
{
  UcImportContext *ctx = mi->ctx;
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
    goto syntax;
  if (mode == UC_JSON_SPLIT_NONE)
    {
      _uc_import_set_parse_error (ctx, error, _("the file"), _("it holds no posts"));
      ok = FALSE;
      goto out;
    }

  while (_uc_json_splitter_next (&splitter, &text, &length, &local_error))
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *problem = NULL;
      JsonObject *object;
      double fraction = ctx->size > 0 ? (double) splitter.consumed / (double) ctx->size : -1.0;

      where.unit = UC_CHAT_ITEM;
      where.index = splitter.n_records;
      where.line = splitter.record_line;
      node = _uc_json_parse_record (text, length, &problem);
      if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
        {
          problem = g_strdup_printf (_("an item is %s, not an object"), _uc_json_type_name (node));
          g_clear_pointer (&node, json_node_unref);
        }
      if (node == NULL)
        {
          ctx->n_records++;
          if (!(ok = _uc_chat_record_error (ctx, &where, problem, error)))
            goto out;
          continue;
        }
      object = json_node_get_object (node);
      if (json_object_has_member (object, "backend_name"))
        {
          ctx->n_records++;
          if (!_uc_import_tick (ctx, fraction, error) || !mm_item (mi, object, &where, error))
            {
              ok = FALSE;
              goto out;
            }
        }
      else if (json_object_has_member (object, "posts") && json_object_has_member (object, "order"))
        {
          if (!mm_page (mi, object, NULL, fraction, error))
            {
              ok = FALSE;
              goto out;
            }
        }
      else
        {
          ctx->n_records++;
          if (!(ok = _uc_chat_record_error (ctx, &where,
                                            _("neither a Perceval item nor a page of posts"), error)))
            goto out;
        }
    }
  if (local_error == NULL)
    goto out;

syntax:
  if (!g_error_matches (local_error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_PARSE))
    {
      g_propagate_error (error, local_error);
      ok = FALSE;
    }
  else
    {
      UcChatWhere at = { NULL, splitter.started && splitter.mode != UC_JSON_SPLIT_NONE &&
                               splitter.record_line > 0 ? UC_CHAT_ITEM : UC_CHAT_FILE,
                         splitter.n_records + 1, splitter.record_line };

      ok = _uc_chat_record_error (ctx, &at, local_error->message, error);
      g_error_free (local_error);
    }

out:
  _uc_json_splitter_clear (&splitter);
  return ok;
}

typedef enum
{
  MM_OTHER,
  MM_POSTS,     /* {"order": […], "posts": {…}} */
  MM_USER,      /* {"id": …, "username": …} */
  MM_CHANNEL,   /* {"id": …, "name": …, "team_id": …} */
} MmPage;

static MmPage
classify_page (JsonNode *node)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return MM_OTHER;
  object = json_node_get_object (node);
  if (json_object_has_member (object, "posts") && json_object_has_member (object, "order"))
    return MM_POSTS;
  if (_uc_json_string (object, "id") == NULL)
    return MM_OTHER;
  if (_uc_json_string (object, "username") != NULL)
    return MM_USER;
  if (_uc_json_string (object, "name") != NULL && _uc_json_string (object, "team_id") != NULL)
    return MM_CHANNEL;
  return MM_OTHER;   /* error responses and the like */
}

static gboolean
head_is_posts_page (const char *head,
                    gsize       len)
{
  return _uc_chat_first_char (head, len) == '{' &&
         g_strstr_len (head, (gssize) len, "\"order\"") != NULL &&
         (g_strstr_len (head, (gssize) len, "\"posts\"") != NULL ||
          g_strstr_len (head, (gssize) len, "\"channel_id\"") != NULL);
}

static gboolean
import_mm_folder (MmImport  *mi,
                  GError   **error)
{
  UcImportContext *ctx = mi->ctx;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  names = _uc_chat_list_dir (ctx->path, FALSE, error);
  if (names == NULL)
    return FALSE;

  /* First the users and channels, then the posts. */
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
        case MM_POSTS:
          g_ptr_array_add (pages, (gpointer) name);
          break;
        case MM_USER:
          mm_remember_user (mi, json_node_get_object (node), TRUE);
          break;
        case MM_CHANNEL:
          mm_remember_channel (mi, json_node_get_object (node));
          break;
        case MM_OTHER:
        default:
          break;
        }
      if (!_uc_import_tick (ctx, -1.0, error))
        return FALSE;
    }

  if (pages->len == 0)
    {
      g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("The folder “%s” holds no page of Mattermost posts"), ctx->display_name);
      return FALSE;
    }

  for (guint i = 0; i < pages->len; i++)
    {
      const char *name = g_ptr_array_index (pages, i);
      g_autofree char *path = g_build_filename (ctx->path, name, NULL);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *problem = NULL;
      g_autoptr(JsonNode) node = NULL;
      UcChatWhere where = { display, UC_CHAT_FILE, 0, 0 };

      node = _uc_json_load_small_file (path, display, MAX_PAGE_SIZE, ctx->cancellable,
                                       &problem, error);
      if (node == NULL)
        {
          if (problem == NULL || !_uc_chat_record_error (ctx, &where, problem, error))
            return FALSE;
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      if (!mm_page (mi, json_node_get_object (node), display, (double) i / (double) pages->len,
                    error))
        return FALSE;
    }
  return TRUE;
}

static double
mattermost_probe (const UcImportProbe *probe)
{
  if (probe->is_dir)
    {
      g_autoptr(GPtrArray) names = _uc_chat_list_dir (probe->path, FALSE, NULL);

      if (names == NULL)
        return 0.0;
      for (guint i = 0; i < names->len && i < PROBE_MAX_FILES; i++)
        {
          g_autofree char *path = g_build_filename (probe->path, g_ptr_array_index (names, i), NULL);
          gsize len = 0;
          g_autofree char *head = _uc_chat_read_head (path, PROBE_FILE_HEAD, &len);

          if (head != NULL && head_is_posts_page (head, len))
            return 0.85;
        }
      return 0.0;
    }
  {
    const char *head = (const char *) probe->head;
    gsize len = probe->head_len;
    const char *p = g_strstr_len (head, (gssize) len, "\"backend_name\"");

    if (p != NULL)
      {
        p += strlen ("\"backend_name\"");
        while (p < head + len && (g_ascii_isspace (*p) || *p == ':'))
          p++;
        return (gsize) (head + len - p) > strlen ("\"Mattermost\"") &&
               strncmp (p, "\"Mattermost\"", strlen ("\"Mattermost\"")) == 0 ? 0.95 : 0.0;
      }
    return head_is_posts_page (head, len) ? 0.8 : 0.0;
  }
}

static char *
mattermost_checksum (UcImportContext  *ctx,
                     GError          **error)
{
  g_autoptr(GPtrArray) names = NULL;

  if (!g_file_test (ctx->path, G_FILE_TEST_IS_DIR))
    return _uc_chat_checksum_file (ctx, error);
  names = _uc_chat_list_dir (ctx->path, FALSE, error);
  if (names == NULL)
    return NULL;
  return _uc_chat_checksum_files (ctx, names, error);
}

static gboolean
mattermost_run (UcImportContext  *ctx,
                GError          **error)
{
  g_auto(MmImport) mi = { 0 };

  mm_import_init (&mi, ctx);
  if (g_file_test (ctx->path, G_FILE_TEST_IS_DIR))
    {
      if (!import_mm_folder (&mi, error))
        return FALSE;
    }
  else if (!import_mm_file (&mi, error))
    return FALSE;
  return _uc_chat_link_replies (ctx, "mattermost", error);
}

static gboolean
mattermost_import (UcImportContext  *ctx,
                   GError          **error)
{
  return _uc_chat_run (ctx, mattermost_run, error);
}

const UcImportFormat _uc_import_format_mattermost = {
  "mattermost", N_("Mattermost posts (Perceval items or API pages)"),
  UC_IMPORT_INPUT_FILE | UC_IMPORT_INPUT_FOLDER,
  mattermost_probe, mattermost_checksum, mattermost_import,
};
