/* uc-jira-xml-import.c: Jira's XML (RSS) search export (format "jira-xml").
 *
 * The export of an issue search ("Export → XML"): <rss><channel> with one
 * <item> per issue: <key>, <type>, <status> and <statusCategory key=…/>,
 * <created>, <updated>, <resolved> (RFC 822 dates), <reporter> and
 * <assignee> (username attribute, display name as text), <summary>,
 * <description> and <comments><comment id author created> (HTML, escaped),
 * <labels><label>, <customfields> (story points by field name).
 *
 * Jira caps these exports (1000 issues by default): when the export's
 * <issue total="…"/> says the search found more, a warning says so.
 *
 * The file is read in chunks through GMarkup, so its size does not matter;
 * each item is stored when its </item> closes. Malformed XML is reported
 * with the line GMarkup stops at.
 *
 * The export has no changelog: each item gets one derived status change
 * from an unknown status to its current one when it is done, at its
 * resolution date (uc-jira-common.c); a later JSON import with a changelog
 * replaces it. Comment and description bodies are HTML: their length and
 * objection flags are computed on the visible text, and neither is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "uc-jira-private.h"

#define CHUNK_SIZE (64 * 1024)
/* Text kept for one element (a description, a comment): beyond this only
 * the length is counted. */
#define MAX_TEXT (4 * 1024 * 1024)

typedef enum
{
  F_NONE,
  F_KEY,
  F_TYPE,
  F_STATUS,
  F_CREATED,
  F_UPDATED,
  F_RESOLVED,
  F_SUMMARY,
  F_DESCRIPTION,
  F_REPORTER,
  F_ASSIGNEE,
  F_LABEL,
  F_COMMENT,
  F_CF_NAME,
  F_CF_VALUE,
} Field;

typedef struct
{
  char   *ext_id;
  char   *author;
  char   *created;
  guint   body_len;
  gboolean objection;
} XmlComment;

typedef struct
{
  UcJiraImport      ji;
  UcImportContext  *ctx;          /* borrowed */
  GMarkupParseContext *markup;    /* borrowed */

  int               depth;
  int               item_depth;   /* depth of the open <item>, 0: none */
  guint64           item_line;
  guint64           n_items;
  gboolean          seen_rss;

  Field             field;        /* what the text goes to */
  GString          *text;         /* owned */
  gsize             text_total;   /* bytes of text seen (kept or not) */

  /* The open item, owned. */
  char             *key;
  char             *type;
  char             *status;
  int               status_category;
  char             *created;
  char             *updated;
  char             *resolved;
  guint             title_len;
  guint             body_len;
  char             *reporter_user;
  char             *reporter_name;
  char             *assignee_user;
  char             *assignee_name;
  gboolean          is_decision;
  gboolean          cf_is_sp;     /* the open <customfield> holds story points */
  double            story_points;
  GArray           *comments;     /* XmlComment */
  char             *comment_id;
  char             *comment_author;
  char             *comment_created;

  double            fraction;     /* of the file read so far, or -1 */
  gint64            total;        /* <issue total="…"/>: issues the search found, -1 */
  gboolean          own_error;    /* the error came from us, not from GMarkup */
} JiraXml;

static void
xml_comment_clear (gpointer data)
{
  XmlComment *c = data;

  g_free (c->ext_id);
  g_free (c->author);
  g_free (c->created);
}

static void
reset_item (JiraXml *jx)
{
  g_clear_pointer (&jx->key, g_free);
  g_clear_pointer (&jx->type, g_free);
  g_clear_pointer (&jx->status, g_free);
  g_clear_pointer (&jx->created, g_free);
  g_clear_pointer (&jx->updated, g_free);
  g_clear_pointer (&jx->resolved, g_free);
  g_clear_pointer (&jx->reporter_user, g_free);
  g_clear_pointer (&jx->reporter_name, g_free);
  g_clear_pointer (&jx->assignee_user, g_free);
  g_clear_pointer (&jx->assignee_name, g_free);
  g_clear_pointer (&jx->comment_id, g_free);
  g_clear_pointer (&jx->comment_author, g_free);
  g_clear_pointer (&jx->comment_created, g_free);
  if (jx->comments != NULL)
    g_array_set_size (jx->comments, 0);
  jx->status_category = -1;
  jx->title_len = 0;
  jx->body_len = 0;
  jx->is_decision = FALSE;
  jx->cf_is_sp = FALSE;
  jx->story_points = NAN;
  jx->field = F_NONE;
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static char *
trimmed (GString *text)
{
  return g_strstrip (g_strndup (text->str, text->len));
}

static char *
item_where (JiraXml *jx)
{
  if (jx->key != NULL)
    /* Translators: %lu is a line number, %s an issue key */
    return g_strdup_printf (_("line %lu (issue %s)"), (gulong) jx->item_line, jx->key);
  /* Translators: %lu is a line number */
  return g_strdup_printf (_("line %lu"), (gulong) jx->item_line);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  JiraXml *jx = user_data;
  int child;

  jx->depth++;
  if (jx->depth == 1)
    {
      if (!g_str_equal (name, "rss"))
        {
          g_autofree char *problem = g_strdup_printf (_("the document is <%s>, not a Jira XML export (<rss>)"),
                                                      name);
          int line = 0;

          g_markup_parse_context_get_position (context, &line, NULL);
          {
            g_autofree char *where = g_strdup_printf (_("line %d"), line);

            _uc_import_set_parse_error (jx->ctx, error, where, problem);
          }
          jx->own_error = TRUE;
        }
      jx->seen_rss = TRUE;
      return;
    }

  if (jx->item_depth == 0)
    {
      if (jx->depth == 3 && g_str_equal (name, "issue"))
        {
          const char *total = attribute (attribute_names, attribute_values, "total");
          guint64 v;

          if (total != NULL && g_ascii_string_to_unsigned (total, 10, 0, G_MAXINT64, &v, NULL))
            jx->total = (gint64) v;
        }
      if (jx->depth == 3 && g_str_equal (name, "item"))
        {
          int line = 0;

          g_markup_parse_context_get_position (context, &line, NULL);
          reset_item (jx);
          jx->item_depth = jx->depth;
          jx->item_line = (guint64) line;
        }
      return;
    }

  child = jx->depth - jx->item_depth;
  jx->field = F_NONE;
  if (child == 1)
    {
      if (g_str_equal (name, "key"))
        jx->field = F_KEY;
      else if (g_str_equal (name, "type"))
        jx->field = F_TYPE;
      else if (g_str_equal (name, "status"))
        jx->field = F_STATUS;
      else if (g_str_equal (name, "statusCategory"))
        jx->status_category =
          uc_status_category_from_jira (attribute (attribute_names, attribute_values, "key"));
      else if (g_str_equal (name, "created"))
        jx->field = F_CREATED;
      else if (g_str_equal (name, "updated"))
        jx->field = F_UPDATED;
      else if (g_str_equal (name, "resolved"))
        jx->field = F_RESOLVED;
      else if (g_str_equal (name, "summary"))
        jx->field = F_SUMMARY;
      else if (g_str_equal (name, "description"))
        jx->field = F_DESCRIPTION;
      else if (g_str_equal (name, "reporter"))
        {
          jx->field = F_REPORTER;
          g_free (jx->reporter_user);
          jx->reporter_user = g_strdup (attribute (attribute_names, attribute_values, "username"));
        }
      else if (g_str_equal (name, "assignee"))
        {
          jx->field = F_ASSIGNEE;
          g_free (jx->assignee_user);
          jx->assignee_user = g_strdup (attribute (attribute_names, attribute_values, "username"));
        }
    }
  else if (child == 2 && g_str_equal (name, "label"))
    jx->field = F_LABEL;
  else if (child == 2 && g_str_equal (name, "comment"))
    {
      jx->field = F_COMMENT;
      g_free (jx->comment_id);
      g_free (jx->comment_author);
      g_free (jx->comment_created);
      jx->comment_id = g_strdup (attribute (attribute_names, attribute_values, "id"));
      jx->comment_author = g_strdup (attribute (attribute_names, attribute_values, "author"));
      jx->comment_created = g_strdup (attribute (attribute_names, attribute_values, "created"));
    }
  else if (child == 2 && g_str_equal (name, "customfield"))
    jx->cf_is_sp = FALSE;
  else if (child == 3 && g_str_equal (name, "customfieldname"))
    jx->field = F_CF_NAME;
  else if (child == 4 && g_str_equal (name, "customfieldvalue"))
    jx->field = jx->cf_is_sp ? F_CF_VALUE : F_NONE;

  g_string_truncate (jx->text, 0);
  jx->text_total = 0;
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  JiraXml *jx = user_data;

  if (jx->field == F_NONE)
    return;
  jx->text_total += len;
  if (jx->text->len + len <= MAX_TEXT)
    g_string_append_len (jx->text, text, (gssize) len);
}

/* Length and objection flag of HTML text. */
static guint
html_length (JiraXml  *jx,
             gboolean *objection)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  const char *utf8 = _uc_import_to_utf8 (jx->ji.utf8, jx->text->str, (gssize) jx->text->len);
  guint len;

  _uc_jira_html_to_text (plain, utf8, -1);
  len = _uc_jira_text_length (&jx->ji, plain->str, (gssize) plain->len);
  if (jx->text_total > jx->text->len)
    len += (guint) MIN (jx->text_total - jx->text->len, (gsize) G_MAXUINT - len);
  if (objection != NULL)
    *objection = uc_text_has_objection (plain->str, (gssize) plain->len, NULL);
  return len;
}

static gboolean
store_item (JiraXml  *jx,
            GError  **error)
{
  UcJiraImport *ji = &jx->ji;
  UcImportContext *ctx = jx->ctx;
  UcJiraItem item = { 0 };
  UcJiraUser user = { 0 };
  g_autofree char *project = NULL;
  g_autofree char *problem = NULL;
  gboolean newest = FALSE;
  UcId item_id;

  ctx->n_records++;
  jx->n_items++;
  if (!_uc_import_tick (ctx, jx->fraction, error))
    return FALSE;

  item.status_category = jx->status_category;
  item.story_points = jx->story_points;
  if (jx->key == NULL || *jx->key == '\0')
    problem = g_strdup_printf (_("item %lu has no <key>"), (gulong) jx->n_items);
  else if ((project = _uc_jira_project_of_key (jx->key)) == NULL)
    problem = g_strdup_printf (_("“%s” is not an issue key (PROJECT-123)"), jx->key);
  else if (jx->created == NULL || *jx->created == '\0')
    problem = g_strdup (_("<created> is missing"));
  else if (!_uc_jira_parse_rss_time (jx->created, &item.created))
    problem = g_strdup_printf (_("<created> is not a date: “%s”"), jx->created);
  else if (jx->updated != NULL && *jx->updated != '\0' &&
           !_uc_jira_parse_rss_time (jx->updated, &item.updated))
    problem = g_strdup_printf (_("<updated> is not a date: “%s”"), jx->updated);
  else if (jx->resolved != NULL && *jx->resolved != '\0' &&
           !_uc_jira_parse_rss_time (jx->resolved, &item.resolved))
    problem = g_strdup_printf (_("<resolved> is not a date: “%s”"), jx->resolved);
  for (guint i = 0; problem == NULL && i < jx->comments->len; i++)
    {
      XmlComment *c = &g_array_index (jx->comments, XmlComment, i);
      UcTime t;

      if (c->created == NULL)
        problem = g_strdup_printf (_("comment %u has no “created” date"), i + 1);
      else if (!_uc_jira_parse_rss_time (c->created, &t))
        problem = g_strdup_printf (_("comment %u: “created” is not a date: “%s”"), i + 1, c->created);
    }
  if (problem != NULL)
    {
      g_autofree char *where = item_where (jx);

      return _uc_import_record_error (ctx, where, problem, error);
    }

  item.key = jx->key;
  item.type = jx->type;
  item.status = jx->status;
  item.title_len = jx->title_len;
  item.body_len = jx->body_len;
  item.is_decision = jx->is_decision || _uc_jira_is_decision_word (jx->type);

  /* "-1" is how the export says Unassigned. */
  if (jx->reporter_user != NULL && !g_str_equal (jx->reporter_user, "-1"))
    {
      user.name = jx->reporter_user;
      user.display_name = jx->reporter_name;
      item.reporter = _uc_jira_user (ji, &user, error);
      if (item.reporter == 0 && *error != NULL)
        return FALSE;
    }
  if (jx->assignee_user != NULL && !g_str_equal (jx->assignee_user, "-1"))
    {
      user.name = jx->assignee_user;
      user.display_name = jx->assignee_name;
      item.assignee = _uc_jira_user (ji, &user, error);
      if (item.assignee == 0 && *error != NULL)
        return FALSE;
    }

  item_id = _uc_jira_store_item (ji, &item, &newest, error);
  if (item_id <= 0)
    return FALSE;
  if (!_uc_jira_derive_status (ji, item_id, &item, newest, error))
    return FALSE;

  for (guint i = 0; i < jx->comments->len; i++)
    {
      XmlComment *c = &g_array_index (jx->comments, XmlComment, i);
      UcCommentRow row = { 0 };
      UcJiraUser author = { 0 };
      UcTime time = 0;

      _uc_jira_parse_rss_time (c->created, &time);
      if (c->author != NULL && *c->author != '\0')
        {
          author.name = c->author;
          row.author_identity = _uc_jira_user (ji, &author, error);
          if (row.author_identity == 0 && *error != NULL)
            return FALSE;
        }
      row.ext_id = c->ext_id;
      row.item_id = item_id;
      row.time = time;
      row.body_len = c->body_len;
      row.is_objection = c->objection;
      row.source_id = ctx->source_id;
      if (uc_store_add_comment (ctx->store, &row, NULL, error) <= 0)
        return FALSE;
      _uc_import_note_time (ctx, time);
    }
  return TRUE;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *name,
             gpointer              user_data,
             GError              **error)
{
  JiraXml *jx = user_data;
  int child = jx->item_depth > 0 ? jx->depth - jx->item_depth : -1;
  Field field = jx->field;

  jx->depth--;
  jx->field = F_NONE;
  if (child < 0)
    return;

  if (child == 0)
    {
      if (!store_item (jx, error))
        jx->own_error = TRUE;
      reset_item (jx);
      jx->item_depth = 0;
      return;
    }

  switch (field)
    {
    case F_KEY:
      g_free (jx->key);
      jx->key = trimmed (jx->text);
      break;
    case F_TYPE:
      g_free (jx->type);
      jx->type = trimmed (jx->text);
      break;
    case F_STATUS:
      g_free (jx->status);
      jx->status = trimmed (jx->text);
      break;
    case F_CREATED:
      g_free (jx->created);
      jx->created = trimmed (jx->text);
      break;
    case F_UPDATED:
      g_free (jx->updated);
      jx->updated = trimmed (jx->text);
      break;
    case F_RESOLVED:
      g_free (jx->resolved);
      jx->resolved = trimmed (jx->text);
      break;
    case F_SUMMARY:
      jx->title_len = _uc_jira_text_length (&jx->ji, jx->text->str, (gssize) jx->text->len);
      break;
    case F_DESCRIPTION:
      jx->body_len = html_length (jx, NULL);
      break;
    case F_REPORTER:
      g_free (jx->reporter_name);
      jx->reporter_name = trimmed (jx->text);
      break;
    case F_ASSIGNEE:
      g_free (jx->assignee_name);
      jx->assignee_name = trimmed (jx->text);
      break;
    case F_LABEL:
      {
        g_autofree char *label = trimmed (jx->text);

        if (_uc_jira_is_decision_word (label))
          jx->is_decision = TRUE;
      }
      break;
    case F_COMMENT:
      {
        XmlComment c = { 0 };

        c.body_len = html_length (jx, &c.objection);
        c.author = g_steal_pointer (&jx->comment_author);
        c.created = g_steal_pointer (&jx->comment_created);
        if (jx->comment_id != NULL && *jx->comment_id != '\0')
          c.ext_id = g_strconcat ("jira:comment:", jx->comment_id, NULL);
        else
          /* No id: the issue, the time and the author name it. */
          c.ext_id = g_strdup_printf ("jira:%s:comment:%s:%s", jx->key ? jx->key : "?",
                                      c.created ? c.created : "", c.author ? c.author : "");
        g_clear_pointer (&jx->comment_id, g_free);
        g_array_append_val (jx->comments, c);
      }
      break;
    case F_CF_NAME:
      {
        g_autofree char *cf_name = trimmed (jx->text);

        jx->cf_is_sp = _uc_jira_is_story_points_field (cf_name);
      }
      break;
    case F_CF_VALUE:
      {
        g_autofree char *value = trimmed (jx->text);
        double v;

        if (_uc_jira_parse_number (value, &v))
          jx->story_points = v;
      }
      break;
    case F_NONE:
    default:
      break;
    }
}

static const GMarkupParser parser = {
  start_element,
  end_element,
  text_cb,
  NULL,
  NULL,
};

/* GMarkup's messages start with "Error on line N char M: "; the line is
 * given separately. */
static const char *
strip_position (const char *message)
{
  const char *colon;

  if (!g_str_has_prefix (message, "Error on line "))
    return message;
  colon = strstr (message, ": ");
  return colon != NULL ? colon + 2 : message;
}

static gboolean
markup_failed (JiraXml  *jx,
               GError  **error,
               GError   *markup_error)
{
  int line = 0;
  g_autofree char *where = NULL;
  g_autofree char *problem = NULL;

  g_markup_parse_context_get_position (jx->markup, &line, NULL);
  where = g_strdup_printf (_("line %d"), line);
  problem = g_strdup_printf (_("invalid XML: %s"), strip_position (markup_error->message));
  if ((jx->ctx->flags & UC_IMPORT_FLAGS_SKIP_BAD) != 0)
    {
      g_autofree char *skipped = g_strdup_printf (_("%s; the rest of the file was skipped"), problem);

      return _uc_import_record_error (jx->ctx, where, skipped, error);
    }
  _uc_import_set_parse_error (jx->ctx, error, where, problem);
  return FALSE;
}

static gboolean
jira_xml_import (UcImportContext  *ctx,
                 GError          **error)
{
  UcImportReader reader = { 0 };
  g_autoptr(GMarkupParseContext) markup = NULL;
  g_autofree char *buf = NULL;
  g_autoptr(GError) local_error = NULL;
  JiraXml jx = { 0 };
  gboolean ok = FALSE, parsed = TRUE;

  jx.ctx = ctx;
  jx.fraction = -1.0;
  jx.total = -1;
  jx.text = g_string_new (NULL);
  jx.comments = g_array_new (FALSE, TRUE, sizeof (XmlComment));
  g_array_set_clear_func (jx.comments, xml_comment_clear);
  reset_item (&jx);

  if (!_uc_jira_import_init (&jx.ji, ctx, error))
    goto out;
  if (!_uc_import_reader_open (&reader, ctx, error))
    goto out;

  markup = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &jx, NULL);
  jx.markup = markup;
  buf = g_malloc (CHUNK_SIZE);
  for (;;)
    {
      gssize n = g_input_stream_read (reader.stream, buf, CHUNK_SIZE, ctx->cancellable, &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, UC_IMPORT_ERROR, UC_IMPORT_ERROR_IO,
                         _("Could not read “%s”: %s"), ctx->display_name, local_error->message);
          goto out;
        }
      if (n == 0)
        break;
      if (!g_markup_parse_context_parse (markup, buf, n, &local_error))
        {
          parsed = FALSE;
          break;
        }
      if (ctx->size > 0)
        jx.fraction = (double) _uc_import_reader_tell (&reader) / (double) ctx->size;
    }
  if (parsed && !g_markup_parse_context_end_parse (markup, &local_error))
    parsed = FALSE;

  if (!parsed)
    {
      if (jx.own_error)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
      if (!jx.seen_rss && g_error_matches (local_error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY))
        {
          _uc_import_set_parse_error (ctx, error, _("line 1"), _("there is no XML element in this file"));
          goto out;
        }
      if (!markup_failed (&jx, error, local_error))
        goto out;
    }
  else if (!jx.seen_rss)
    {
      _uc_import_set_parse_error (ctx, error, _("line 1"), _("there is no XML element in this file"));
      goto out;
    }

  /* Jira caps XML exports (1000 issues unless configured): say so. */
  if (parsed && jx.total > (gint64) jx.n_items)
    g_ptr_array_add (ctx->warnings,
                     g_strdup_printf (_("“%s”: the search found %" G_GINT64_FORMAT " issues but the export holds %" G_GUINT64_FORMAT " (Jira limits XML exports); export the rest separately"),
                                      ctx->display_name, jx.total, jx.n_items));

  ok = _uc_jira_import_finish (&jx.ji, error);

out:
  _uc_import_reader_clear (&reader);
  _uc_jira_import_clear (&jx.ji);
  reset_item (&jx);
  g_array_unref (jx.comments);
  g_string_free (jx.text, TRUE);
  return ok;
}

static double
jira_xml_probe (const UcImportProbe *probe)
{
  const char *head = (const char *) probe->head;

  if (probe->is_dir || head == NULL)
    return 0.0;
  if (strstr (head, "<rss") == NULL)
    return 0.0;
  if (strstr (head, "RSS generated by JIRA") != NULL || strstr (head, "RSS generated by Jira") != NULL)
    return 0.95;
  if (strstr (head, "<channel") != NULL && strstr (head, "<item") != NULL &&
      strstr (head, "<key id=") != NULL && strstr (head, "<status") != NULL)
    return 0.9;
  return 0.0;
}

const UcImportFormat _uc_import_format_jira_xml = {
  "jira-xml",
  N_("Jira XML (RSS) export"),
  UC_IMPORT_INPUT_FILE,
  jira_xml_probe,
  NULL,
  jira_xml_import,
};
