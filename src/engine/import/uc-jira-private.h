/* uc-jira-private.h: what the three Jira importers share (JSON, XML, CSV).
 *
 * Each importer reads its format into UcJiraItem / status changes /
 * comments and stores them through these helpers, so every format maps
 * people, statuses, categories, decision items and story points the same
 * way. See uc-jira-common.c for the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-import-private.h"
#include "uc-status-map.h"

G_BEGIN_DECLS

/* The tracker name of Jira work items and the prefix of their ext_ids. */
#define UC_JIRA_TRACKER "jira"
/* ext_id prefix of the status changes derived from an export without a
 * changelog (one per item, replaced by newer copies and removed when a real
 * changelog arrives). */
#define UC_JIRA_DERIVED_PREFIX "jira:derived:"

typedef struct
{
  UcImportContext *ctx;          /* borrowed */
  UcStatusMap     *status_map;   /* owned: defaults + the workspace's overrides */
  GHashTable      *learned;      /* owned: folded status → category + 1, from the tracker */
  GHashTable      *users;        /* owned: user cache key → UcId (as gint64 in a pointer-sized box) */
  GString         *text;         /* owned: scratch for HTML → text */
  GString         *utf8;         /* owned: scratch for lossy UTF-8 */
} UcJiraImport;

/* A Jira user as the exports give it: any field may be NULL. */
typedef struct
{
  const char *account_id;        /* Cloud accountId */
  const char *name;              /* Server/DC username, XML username attribute */
  const char *key;               /* Server/DC user key */
  const char *email;             /* emailAddress */
  const char *display_name;
  gboolean    is_app;            /* Cloud accountType "app" (automation) */
} UcJiraUser;

/* One issue, whatever the format. */
typedef struct
{
  const char *key;               /* "PAXLOGGING-12", required */
  const char *type;              /* issue type name, or NULL */
  const char *status;            /* status name, or NULL */
  int         status_category;   /* from the export (statusCategory), -1: none */
  UcId        reporter;
  UcId        assignee;
  UcTime      created;           /* required */
  UcTime      updated;           /* 0: unknown (created is used) */
  UcTime      resolved;          /* 0: not resolved */
  UcTime      category_changed;  /* CSV "Status Category Changed", 0: unknown */
  gboolean    is_decision;
  guint       title_len;
  guint       body_len;
  double      story_points;      /* NAN: unknown */
} UcJiraItem;

gboolean  _uc_jira_import_init      (UcJiraImport     *ji,
                                     UcImportContext  *ctx,
                                     GError          **error);
void      _uc_jira_import_clear     (UcJiraImport     *ji);
/* Call once the records are stored: gives the status changes and items of
 * this import that had no category the categories learned from the
 * tracker later in the import. */
gboolean  _uc_jira_import_finish    (UcJiraImport     *ji,
                                     GError          **error);

/* The identity of a Jira user: kind "jira" (the accountId, else the
 * username, else the user key; the other ids become identities of the same
 * person), plus kind "email" when an address is known (the username counts
 * when it is one). An e-mail already known makes the user that person.
 * Automation accounts are flagged agents. 0 with no error when the user
 * has no id at all. */
UcId      _uc_jira_user             (UcJiraImport     *ji,
                                     const UcJiraUser *user,
                                     GError          **error);

/* The category of @status: a user override, else @source_category (the
 * tracker's own, which is also learned for statuses seen without one),
 * else what was learned, else the default map. -1 when unknown. */
int       _uc_jira_category         (UcJiraImport     *ji,
                                     const char       *status,
                                     int               source_category);

/* Store the item (an upsert: a newer copy wins). *@newest is TRUE when
 * this copy is at least as recent as what the workspace had (or new).
 * Counts it in ctx->n_new when new. Returns the item id, 0 on error. */
UcId      _uc_jira_store_item       (UcJiraImport     *ji,
                                     const UcJiraItem *item,
                                     gboolean         *newest,
                                     GError          **error);
/* Drop the item's derived status change: call it once for an item whose
 * export has a changelog, before its changes. */
gboolean  _uc_jira_drop_derived     (UcJiraImport     *ji,
                                     UcId              item_id,
                                     GError          **error);
/* A status change from a changelog. @ext_id: "jira:<history id>:<item
 * index>". */
gboolean  _uc_jira_add_status_change (UcJiraImport    *ji,
                                      UcId             item_id,
                                      const char      *ext_id,
                                      UcId             author,
                                      UcTime           time,
                                      const char      *from_status,
                                      const char      *to_status,
                                      GError         **error);
/* For exports without a changelog: when @newest and the item has no real
 * status history, (re)place one derived change: unknown → the current
 * status at the time it was reached (@item->category_changed, else for a
 * done item its resolution or last update). Items in a todo status need
 * none (they start there). */
gboolean  _uc_jira_derive_status    (UcJiraImport     *ji,
                                     UcId              item_id,
                                     const UcJiraItem *item,
                                     gboolean          newest,
                                     GError          **error);
/* A comment on an item: only its length (characters, of the visible text
 * when @is_html) and objection flag are kept. */
gboolean  _uc_jira_add_comment      (UcJiraImport     *ji,
                                     UcId              item_id,
                                     const char       *ext_id,
                                     UcId              author,
                                     UcTime            time,
                                     const char       *text,
                                     gssize            len,
                                     gboolean          is_html,
                                     GError          **error);

/* ---- text ---- */

/* Length in characters of @text (lossy UTF-8), surrounding space trimmed. */
guint     _uc_jira_text_length      (UcJiraImport     *ji,
                                     const char       *text,
                                     gssize            len);
/* The visible text of HTML: tags dropped, entities decoded, runs of space
 * collapsed to one, trimmed. Returns out->str. */
const char *_uc_jira_html_to_text   (GString          *out,
                                     const char       *html,
                                     gssize            len);
/* A decision item's type or label: RFC, ADR, design, proposal, decision,
 * spike, discussion (as a word, plurals too). */
gboolean  _uc_jira_is_decision_word (const char       *text);
/* A field called Story Points / Story point estimate. */
gboolean  _uc_jira_is_story_points_field (const char  *name);
/* A number ("3", "2.5", " 8 "); FALSE for anything else. */
gboolean  _uc_jira_parse_number     (const char       *text,
                                     double           *value);
/* The project of an issue key ("PAXLOGGING" for "PAXLOGGING-12"), or NULL
 * when @key is not an issue key (PROJECT-NUMBER). */
char     *_uc_jira_project_of_key   (const char       *key);

/* ---- dates ---- */

/* ISO 8601 as Jira's REST API writes it ("2016-03-03T13:40:01.000+0000",
 * "…Z", "…+01:00", "2026-11-25 09:14", "2026-11-25"); without a zone,
 * UTC. */
gboolean  _uc_jira_parse_iso_time   (const char       *text,
                                     UcTime           *time);
/* RFC 822 as in Jira's XML: "Sat, 15 Apr 2006 00:16:31 +0200". */
gboolean  _uc_jira_parse_rss_time   (const char       *text,
                                     UcTime           *time);
/* Jira's display format, as in its CSV export: "25/Nov/26 9:14 AM",
 * "25/Nov/2026 09:14", "25/Nov/26" (local time of the exporting user,
 * read as UTC: the export does not say). */
gboolean  _uc_jira_parse_display_time (const char     *text,
                                       UcTime         *time);
/* Any of the above. */
gboolean  _uc_jira_parse_any_time   (const char       *text,
                                     UcTime           *time);

G_END_DECLS
