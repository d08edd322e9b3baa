/* uc-text-flags.h: what importers derive from text that is then thrown away.
 *
 * The workspace never stores message, comment or commit bodies. Importers
 * run these pure functions over the text at import time and keep only the
 * results: ticket keys referenced, revert/fix markers, AI co-author
 * trailers, objection markers, and whether an account is a bot or an AI.
 *
 * All functions take text (UTF-8; any byte >= 0x80 counts as part of a
 * word), @len may be -1 for NUL-terminated text, and matching is ASCII
 * case-insensitive on word boundaries unless said otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---- ticket keys ---- */

/* Append to @keys (char *, owned by the array) every work-item key found in
 * @text that is not already in @keys: Jira-style keys ("ABC-123": an
 * upper-case project key of 2+ letters/digits/underscores starting with a
 * letter, a dash, a number; well-known non-ticket prefixes such as UTF-8,
 * ISO-8859, SHA-256, CVE-2024 or RFC-2119 are left out), issue references
 * ("#123"), and cross-repository references ("owner/repo#123").
 * Returns the number of keys added. */
guint      uc_text_collect_ticket_keys   (const char  *text,
                                          gssize       len,
                                          GPtrArray   *keys);
/* The same, into a new array (char *, de-duplicated, in order of first
 * appearance). */
GPtrArray *uc_text_find_ticket_keys      (const char  *text,
                                          gssize       len);
/* Prefixes never taken for Jira project keys (NULL-terminated). */
const char * const *uc_text_ticket_key_denylist (void);

/* ---- revert / fix markers ---- */

/* A revert marker: revert, rollback, "roll back", back out (with their
 * inflections: reverts, reverted, rolled back…), or git's "This reverts
 * commit". */
gboolean   uc_text_is_revert             (const char  *text,
                                          gssize       len);
/* A fix marker: fix, bug, bugfix, hotfix, regression (with inflections:
 * fixes, fixed, bugs…); "prefix", "debug" or "fixture" do not count. */
gboolean   uc_text_is_fix                (const char  *text,
                                          gssize       len);

/* ---- trailers ---- */

/* The offset where @text's trailer block starts (its last paragraph, when
 * every line of it is "Token: value" or a continuation), or -1. */
gssize     uc_text_trailer_block         (const char  *text,
                                          gssize       len);

/* Split "Name <email>" (either part may be missing) into new strings. */
void       uc_text_split_name_email      (const char  *text,
                                          gssize       len,
                                          char       **name,
                                          char       **email);

/* TRUE when @text has a "Co-authored-by:" line naming an AI assistant.
 * When @name/@email are not NULL they receive the first such co-author
 * (newly allocated, may be empty strings). */
gboolean   uc_text_find_ai_coauthor      (const char  *text,
                                          gssize       len,
                                          char       **name,
                                          char       **email);

/* ---- accounts ---- */

/* An AI coding assistant, known by its name or e-mail address: Claude /
 * noreply@anthropic.com, GitHub Copilot, ChatGPT / OpenAI / Codex, Cursor,
 * Devin, aider, Gemini, Amazon Q… A name that is also a human first name
 * ("Claude", "Devin") counts only with an AI address or a model name
 * ("Claude Opus 4"). Either argument may be NULL. */
gboolean   uc_text_is_ai_assistant       (const char  *name,
                                          const char  *email);
/* A bot or agent account: a "[bot]" suffix, a known automation account
 * (dependabot, renovate, github-actions, greenkeeper, snyk-bot, codecov,
 * mergify, pre-commit-ci, web-flow…), a name ending in "bot", or an AI
 * assistant. @id is an e-mail address or a login; either may be NULL. */
gboolean   uc_text_is_agent_account      (const char  *name,
                                          const char  *id);

/* ---- objection markers ---- */

/* The default objection lexicon (SIGNALS.md §4), NULL-terminated. A marker
 * matches on word boundaries, case-insensitively, with any run of spaces
 * between its words; a trailing '*' matches any word ending ("concern*"
 * matches "concerns", "concerned"). Typographic apostrophes match "'". */
const char * const *uc_text_default_objection_markers (void);
/* Parse an edited lexicon: one marker per line, blank lines and lines
 * starting with '#' ignored, surrounding space trimmed. */
GStrv      uc_text_parse_objection_markers (const char *text);
/* TRUE when @text contains one of @markers (NULL: the default lexicon). */
gboolean   uc_text_has_objection         (const char          *text,
                                          gssize               len,
                                          const char * const  *markers);

G_END_DECLS
