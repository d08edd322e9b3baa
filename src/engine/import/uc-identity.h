/* uc-identity.h: who is who: suggested merges, merging, splitting, undo.
 *
 * Events point at identities (an e-mail address, a GitHub login, a Slack
 * user id…) and identity.person_id says whose they are, so deciding that
 * two people are one (or one is two) moves identities between people and
 * never rewrites an event.
 *
 * Resolved automatically, at import:
 *   - the same e-mail address (lower-cased) in any system is one person;
 *   - a GitHub no-reply address (12345+login@users.noreply.github.com or
 *     login@users.noreply.github.com, as git commits made on github.com
 *     carry) belongs to the person of the GitHub login (case-insensitive);
 *   - a roster row ties all the identities it lists to one person, and a
 *     roster's Slack name (“@ann”) to the Slack account of that display
 *     name once a Slack import knows it;
 *   - .mailmap (git importer).
 * Merges done automatically after the import are recorded like manual ones,
 * so they can be undone.
 *
 * Suggested only (uc_identity_suggest()), applied when accepted:
 *   - same normalised name: case, accents, punctuation and spacing folded,
 *     “Last, First” read as “First Last”;
 *   - a name and an e-mail address's local part (ann.lee@, annlee@, alee@
 *     ↔ “Ann Lee”);
 *   - a name and a login (annlee ↔ “Ann Lee”);
 *   - the same login in two systems (github annlee, gitlab AnnLee), or a
 *     login and an e-mail address's local part.
 * An agent (bot, AI assistant) is never suggested with a human.
 *
 * Every merge and split runs in one transaction and is recorded: one
 * identity_merge row per identity moved, plus an undo record in the meta
 * table under "identity-merge:ID" (ID: the operation's first
 * identity_merge row, its “merge id”). A merge moves every identity of
 * the merged person to the kept one, gives the kept person the merged
 * person's team memberships and pod places they did not have, and deletes
 * the merged person; a split moves chosen identities to a new person.
 * Undo restores the people, their identities, teams and pod places as they
 * were and deletes the operation's rows, so a merge and its undo leave the
 * workspace exactly as before (the identity_merge “undone” column is not
 * used). Undo refuses (UC_IDENTITY_ERROR_CONFLICT) when a later operation
 * moved the same identities: undo that one first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-store.h"

G_BEGIN_DECLS

#define UC_IDENTITY_ERROR (uc_identity_error_quark ())

typedef enum
{
  UC_IDENTITY_ERROR_NOT_FOUND,        /* no such person, identity or merge */
  UC_IDENTITY_ERROR_AMBIGUOUS,        /* a name names several people (the message lists them) */
  UC_IDENTITY_ERROR_INVALID,          /* merging a person with itself, splitting off everything… */
  UC_IDENTITY_ERROR_CONFLICT,         /* undo: a later merge or split moved the same identities */
  UC_IDENTITY_ERROR_NOTHING_TO_UNDO,  /* undo with no merge or split recorded */
} UcIdentityError;

GQuark uc_identity_error_quark (void);

/* ---- suggestions ---- */

typedef enum
{
  UC_IDENTITY_REASON_SAME_NAME,       /* the same normalised name */
  UC_IDENTITY_REASON_NAME_EMAIL,      /* a name ↔ an e-mail local part */
  UC_IDENTITY_REASON_NAME_LOGIN,      /* a name ↔ a login */
  UC_IDENTITY_REASON_SAME_LOGIN,      /* a login in two systems, or ↔ an e-mail local part */
} UcIdentityReason;

/* A stable id ("same-name", "name-email", "name-login", "same-login"). */
const char *uc_identity_reason_to_string (UcIdentityReason reason);
/* A translated, human phrase ("Same name"). */
const char *uc_identity_reason_describe  (UcIdentityReason reason);

typedef struct
{
  UcId              person_a;     /* the one to keep: the older (lower id) */
  UcId              person_b;     /* the one to merge into it */
  UcIdentityReason  reason;       /* the strongest reason found */
  double            confidence;   /* 0..1 */
  char             *evidence;     /* what matched, e.g. “ann.lee@acme.example” ↔ “Ann Lee” */
} UcIdentitySuggestion;

void       uc_identity_suggestion_free (UcIdentitySuggestion *suggestion);

/* Suggested merges: at most one per pair of people, strongest reason
 * first, sorted by confidence (highest first), then by person ids.
 * A new array of UcIdentitySuggestion. */
GPtrArray *uc_identity_suggest         (UcStore     *store,
                                        GError     **error);

/* ---- merge, split, undo ---- */

/* Merge person @merge into person @keep (who keeps their name and agent
 * flag). @reason (may be NULL: "manual") is recorded. Returns the merge
 * id, or 0 with @error set. */
UcId       uc_identity_merge           (UcStore     *store,
                                        UcId         keep,
                                        UcId         merge,
                                        const char  *reason,
                                        GError     **error);

/* Move @identity_ids (every one a current identity of @person, at least one
 * of its identities staying) to a new person called @new_name (NULL: the
 * first moved identity's display name, else its value) with @person's
 * agent flag. Returns the operation's merge id and the new person in
 * *@new_person (may be NULL), or 0 with @error set. */
UcId       uc_identity_split           (UcStore     *store,
                                        UcId         person,
                                        const UcId  *identity_ids,
                                        guint        n_identities,
                                        const char  *new_name,
                                        UcId        *new_person,
                                        GError     **error);

/* Undo the merge or split @merge_id, or the latest one when @merge_id is 0.
 * Returns the merge id undone, or 0 with @error set. */
UcId       uc_identity_undo_merge      (UcStore     *store,
                                        UcId         merge_id,
                                        GError     **error);

typedef enum
{
  UC_IDENTITY_OP_MERGE,
  UC_IDENTITY_OP_SPLIT,
} UcIdentityOpKind;

typedef struct
{
  UcId              id;             /* the merge id */
  UcIdentityOpKind  kind;
  UcId              from_person;    /* merge: the person merged away; split: the person split */
  UcId              to_person;      /* merge: the person kept; split: the new person */
  char             *from_name;      /* names at the time of the operation */
  char             *to_name;
  char             *reason;
  UcTime            time;
  GStrv             identities;     /* "kind:value" of the identities moved */
} UcIdentityOperation;

void       uc_identity_operation_free  (UcIdentityOperation *operation);

/* Every merge and split not undone, oldest first. A new array of
 * UcIdentityOperation. */
GPtrArray *uc_identity_list_operations (UcStore     *store,
                                        GError     **error);

/* ---- looking people up ---- */

/* A person by id (digits) or by exact name (then case-insensitively when
 * nothing matches exactly). Several people with that name is
 * UC_IDENTITY_ERROR_AMBIGUOUS, the message listing them with ids and
 * identities. */
UcId       uc_identity_find_person     (UcStore     *store,
                                        const char  *id_or_name,
                                        GError     **error);
/* An identity given as "kind:value" (e-mail values compared lower-cased,
 * GitHub and GitLab logins case-insensitively), or by its id (digits). */
UcId       uc_identity_find_identity   (UcStore     *store,
                                        const char  *spec,
                                        GError     **error);

/* ---- text helpers ---- */

/* A name folded for comparison: accents removed, case folded, punctuation
 * and runs of space made one space, “Last, First” → “first last”. "" when
 * nothing is left. Newly allocated. */
char      *uc_identity_normalize_name  (const char  *name);
/* The login of a GitHub no-reply address, NULL for any other address. */
char      *uc_identity_github_noreply_login (const char *email);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcIdentitySuggestion, uc_identity_suggestion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UcIdentityOperation, uc_identity_operation_free)

G_END_DECLS
