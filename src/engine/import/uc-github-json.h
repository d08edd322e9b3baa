/* uc-github-json.h: streaming JSON records and GitHub value helpers.
 *
 * Private to the GitHub importer (uc-github-import.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "uc-import-private.h"

G_BEGIN_DECLS

/* ---- splitting a stream into records ----
 *
 * A file holds a sequence of top-level JSON values with anything but
 * nothing else between them: one page (`[ … ]`), pages written one after
 * the other (`gh api --paginate` prints `[ … ][ … ]`), one object per line
 * (NDJSON, `--jq '.[]'`, Perceval's --json-line), pretty-printed objects one
 * after the other (Perceval's default output) or a single object. The
 * splitter returns the elements of top-level arrays and the top-level
 * objects themselves as separate texts, without ever holding more than
 * one record (plus a read-ahead chunk) in memory.
 *
 * In members mode a top-level object is split into its members instead:
 * every member's value is a record tagged with the member name, and the
 * elements of an array-valued member are records of their own (the
 * i-d-template archive.json: {"repo": …, "issues": [ … ], "pulls": [ … ]}).
 *
 * The splitter only tracks nesting and strings; a record with broken
 * syntax inside is returned as it is and rejected by the JSON parser, so
 * it can be skipped on its own. */

typedef enum
{
  UC_GITHUB_SPLIT_RECORD,   /* a record was returned */
  UC_GITHUB_SPLIT_END,      /* no more records */
  UC_GITHUB_SPLIT_SYNTAX,   /* the stream is broken: see problem, line */
  UC_GITHUB_SPLIT_ERROR,    /* a read error or cancellation: error is set */
} UcGithubSplit;

typedef struct
{
  const char *text;       /* not NUL-terminated; valid until the next call */
  gsize       len;
  const char *member;     /* members mode: the top-level member, else NULL */
  guint64     index;      /* 1-based count of records returned */
  guint64     line;       /* line where the record starts, from 1 */
} UcGithubRecord;

typedef struct
{
  GInputStream *stream;        /* owned */
  GSeekable    *position;      /* borrowed: the file under a converter */
  GCancellable *cancellable;   /* borrowed */
  char         *buf;           /* owned */
  gsize         alloc;
  gsize         start;         /* first unconsumed byte */
  gsize         end;           /* end of valid data */
  gboolean      eof;
  guint64       line;          /* line of buf[start] */
  guint64       consumed;      /* bytes consumed so far */
  gboolean      members;       /* split top-level objects into members */
  int           state;
  int           after_array;   /* state to return to after an array */
  char         *member;        /* owned */
  guint64       n_records;
  gsize         pending;       /* length of the record last returned */
  gsize         max_record;
  guint         max_depth;
  char         *problem;       /* owned: set with UC_GITHUB_SPLIT_SYNTAX */
  guint64       problem_line;
} UcGithubSplitter;

/* Open @path (a UTF-8 BOM is skipped, UTF-16 with a BOM is converted). */
gboolean       _uc_github_splitter_open  (UcGithubSplitter  *splitter,
                                          const char        *path,
                                          const char        *display_name,
                                          GCancellable      *cancellable,
                                          GError           **error);
/* Over any stream (taken over); @position may be NULL. */
void           _uc_github_splitter_init  (UcGithubSplitter  *splitter,
                                          GInputStream      *stream,
                                          GSeekable         *position,
                                          GCancellable      *cancellable);
void           _uc_github_splitter_clear (UcGithubSplitter  *splitter);
/* At least @n bytes from the current position (or all that remain), not
 * consumed; NULL on a read error. */
const char    *_uc_github_splitter_peek  (UcGithubSplitter  *splitter,
                                          gsize              n,
                                          gsize             *available,
                                          GError           **error);
UcGithubSplit  _uc_github_splitter_next  (UcGithubSplitter  *splitter,
                                          UcGithubRecord    *record,
                                          GError           **error);
/* Bytes of the underlying file read so far. */
goffset        _uc_github_splitter_tell  (UcGithubSplitter  *splitter);

/* ---- values ---- */

/* An ISO-8601 time ("2016-01-03T23:46:04Z", fractions and offsets
 * allowed; UTC when no offset is given). FALSE when it is not one. */
gboolean       _uc_github_parse_time     (const char        *text,
                                          UcTime            *time);

/* The repository ("owner/repo") and the issue or pull request number a
 * GitHub URL names: API URLs (https://api.github.com/repos/O/R/pulls/7,
 * GitHub Enterprise …/api/v3/repos/O/R/issues/7, …/repos/O/R) and web
 * URLs (https://github.com/O/R/pull/7#discussion_r12, https://github.com/O/R).
 * @number is 0 when the URL names no issue or pull request, @anchor
 * receives the part after '#' (or NULL). FALSE when no repository can be
 * read from the URL. */
gboolean       _uc_github_parse_url      (const char        *url,
                                          char             **repo,
                                          gint64            *number,
                                          char             **anchor);

/* The database id behind a GraphQL node id: legacy ids are base64 of
 * "NNN:TypeName12345", current ones a prefix ("PRR_") and base64url
 * MessagePack [version, …, id]. Returns 0 when it cannot be read. */
gint64         _uc_github_node_database_id (const char      *node_id);

/* The number at the end of an anchor such as "pullrequestreview-123",
 * "issuecomment-123", "discussion_r123" or "event-123" when it starts
 * with @prefix; 0 otherwise. */
gint64         _uc_github_anchor_id      (const char        *anchor,
                                          const char        *prefix);

/* Ticket keys of a branch name that GitHub or people make from an issue
 * number: "123-fix-crash", "issue-123", "issue/123", "gh-123" (the last
 * path component counts). Appends "#123" to @keys. */
void           _uc_github_branch_issue_keys (const char     *branch,
                                             GPtrArray      *keys);

/* Appends "owner/repo#N" for every github.com/OWNER/REPO/(issues|pull)/N
 * link in @text to @keys (not repeating keys already there). */
void           _uc_github_collect_url_keys (const char      *text,
                                            GPtrArray       *keys);

G_END_DECLS
