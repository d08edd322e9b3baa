/* uc-chat-import-private.h: what the chat importers (Slack, Mattermost)
 * share on top of uc-import-private.h.
 *
 *  - UcJsonSplitter: splits a JSON document into its records without
 *    building one tree for the whole document: the elements of a top-level
 *    array, or a sequence of top-level values (JSON lines, or concatenated
 *    objects). Each record is then parsed on its own with json-glib, so
 *    peak memory is one record, whatever the size of the file.
 *  - small JSON accessors that never crash on the wrong type;
 *  - chat authors: an identity of the chat system ("slack", "mattermost")
 *    joined to the person of its e-mail address when the source gives one;
 *  - chat messages: body length and objection flag from the text, which is
 *    then forgotten, and thread replies linked to their root;
 *  - checksums of a file or of a set of files in a folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "uc-import-private.h"

G_BEGIN_DECLS

/* ---- streaming JSON records ---- */

/* Reads up to @n bytes into @buf: the count, 0 at the end, or -1 with
 * @error set. */
typedef gssize (*UcJsonReadFunc) (gpointer   data,
                                  void      *buf,
                                  gsize      n,
                                  GError   **error);

typedef enum
{
  UC_JSON_SPLIT_NONE,     /* nothing but blank space */
  UC_JSON_SPLIT_ARRAY,    /* '[': the elements of one top-level array */
  UC_JSON_SPLIT_VALUES,   /* '{': a sequence of top-level objects */
} UcJsonSplitMode;

/* The largest record the splitter accepts. */
#define UC_JSON_MAX_RECORD (64 * 1024 * 1024)

typedef struct
{
  UcJsonReadFunc  read;
  gpointer        read_data;
  char           *buf;          /* owned */
  gsize           alloc;
  gsize           start;        /* first byte not yet returned */
  gsize           end;          /* end of valid data */
  gboolean        eof;
  gboolean        started;
  gboolean        done;         /* the closing ']' was seen */
  UcJsonSplitMode mode;
  guint64         line;         /* line number at buf[start] (1-based) */
  guint64         n_records;    /* records returned so far */
  guint64         record_line;  /* line where the last record started */
  guint64         consumed;     /* bytes consumed so far */
} UcJsonSplitter;

void      _uc_json_splitter_init   (UcJsonSplitter *splitter,
                                    UcJsonReadFunc  read,
                                    gpointer        read_data);
void      _uc_json_splitter_clear  (UcJsonSplitter *splitter);
/* What the document is, from its first non-blank byte. On a document that
 * starts with anything else, sets a UC_IMPORT_ERROR_PARSE error whose
 * message is only the problem (the caller names the file). */
gboolean  _uc_json_splitter_start  (UcJsonSplitter  *splitter,
                                    UcJsonSplitMode *mode,
                                    GError         **error);
/* The next record (not NUL-terminated, valid until the next call).
 * Returns FALSE at the end (@error unset) or on an error: IO errors come
 * from the read function; syntax errors (truncated document, garbage
 * between records) are UC_IMPORT_ERROR_PARSE with only the problem as
 * message, and the splitter cannot go on after them. */
gboolean  _uc_json_splitter_next   (UcJsonSplitter  *splitter,
                                    const char     **record,
                                    gsize           *length,
                                    GError         **error);

/* A read function over a GInputStream (@data). */
gssize    _uc_json_read_stream     (gpointer   data,
                                    void      *buf,
                                    gsize      n,
                                    GError   **error);

/* Open @path for reading as UTF-8 text: skips a UTF-8 byte order mark and
 * converts UTF-16 with a BOM. @display names the file in errors. */
GInputStream *_uc_chat_open_text   (const char    *path,
                                    const char    *display,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Parse one record. Returns NULL and sets *@problem (newly allocated,
 * translated) when it is not valid UTF-8 or not valid JSON. */
JsonNode *_uc_json_parse_record    (const char  *text,
                                    gsize        length,
                                    char       **problem);
/* Parse a whole small file (an API page). Returns NULL with *@problem set
 * for bad content, or NULL with @error set when it cannot be read. */
JsonNode *_uc_json_load_small_file (const char    *path,
                                    const char    *display,
                                    gsize          max_size,
                                    GCancellable  *cancellable,
                                    char         **problem,
                                    GError       **error);

/* The member's value when it has that type, else NULL / FALSE. */
const char *_uc_json_string        (JsonObject *object,
                                    const char *member);
JsonObject *_uc_json_object        (JsonObject *object,
                                    const char *member);
JsonArray  *_uc_json_array         (JsonObject *object,
                                    const char *member);
gboolean    _uc_json_true          (JsonObject *object,
                                    const char *member);
/* A member of any scalar type as text ("12", "1.5", "abc"), newly
 * allocated, or NULL. */
char       *_uc_json_scalar_text   (JsonObject *object,
                                    const char *member);
/* Does @member exist with a value other than null? */
gboolean    _uc_json_has           (JsonObject *object,
                                    const char *member);
/* The JSON type of a member, for error messages ("an object", "a number"). */
const char *_uc_json_type_name     (JsonNode   *node);

/* ---- where a record is ---- */

typedef enum
{
  UC_CHAT_FILE,       /* the file as a whole */
  UC_CHAT_LINE,       /* a line of a JSON-lines file */
  UC_CHAT_MESSAGE,    /* an element of a message array */
  UC_CHAT_POST,       /* a Mattermost post */
  UC_CHAT_ITEM,       /* a Perceval item */
  UC_CHAT_USER,       /* an element of a user list */
} UcChatUnit;

typedef struct
{
  const char *file;   /* a file inside the input (folder, zip), or NULL */
  UcChatUnit  unit;
  guint64     index;  /* 1-based record number (the line for UC_CHAT_LINE) */
  guint64     line;   /* 1-based line where the record starts, 0: unknown */
} UcChatWhere;

/* "“general/2018-02-01.json”, message 3 (line 12)" (translated). */
char     *_uc_chat_where_text      (const UcChatWhere *where);
/* _uc_import_record_error() at @where. */
gboolean  _uc_chat_record_error    (UcImportContext   *ctx,
                                    const UcChatWhere *where,
                                    const char        *problem,
                                    GError           **error);

/* ---- authors ---- */

typedef struct
{
  GHashTable *ids;    /* "kind\037value" → UcId, owned */
} UcChatPeople;

void      _uc_chat_people_init     (UcChatPeople *people);
void      _uc_chat_people_clear    (UcChatPeople *people);

/* The identity of a chat account: kind @kind ("slack", "mattermost"),
 * value @account (the system's user or bot id), person called @name (or
 * the account). A new account's identity is displayed as @login, its
 * handle (Slack's display name, a Mattermost username), when there is
 * one. When @email is not empty the account also gets an "email"
 * identity on the same person, so the same address seen in git or another
 * system is the same person. @agent (or an account that looks like a bot
 * or an AI, uc_text_is_agent_account with @name and @login) flags the
 * person as an agent. Returns 0 with @error set on a store error, 0
 * without error when @account is empty. */
UcId      _uc_chat_author          (UcImportContext  *ctx,
                                    UcChatPeople     *people,
                                    const char       *kind,
                                    const char       *account,
                                    const char       *name,
                                    const char       *login,
                                    const char       *email,
                                    gboolean          agent,
                                    GError          **error);

/* ---- messages ---- */

/* Store one message: body length (characters) and objection flag from
 * @text, which is not kept. Counts a new message in ctx->n_new and notes
 * its time. @thread_ext_id may be NULL. */
gboolean  _uc_chat_add_message     (UcImportContext  *ctx,
                                    const char       *system,
                                    const char       *channel,
                                    const char       *ext_id,
                                    UcId              author,
                                    UcTime            time,
                                    const char       *thread_ext_id,
                                    const char       *text,
                                    GError          **error);

/* Link replies of @system whose root was stored after them (or by a later
 * import) to their root message. Run once at the end of an import. */
gboolean  _uc_chat_link_replies    (UcImportContext  *ctx,
                                    const char       *system,
                                    GError          **error);

/* ---- running ---- */

typedef gboolean (*UcChatRunFunc) (UcImportContext  *ctx,
                                   GError          **error);

/* Run @run with a local error, so the importer can rely on a non-NULL
 * GError ** (the caller's may be NULL). */
gboolean  _uc_chat_run             (UcImportContext  *ctx,
                                    UcChatRunFunc     run,
                                    GError          **error);

/* ---- checksums ---- */

/* SHA-256 of the file ctx->path. */
char     *_uc_chat_checksum_file   (UcImportContext  *ctx,
                                    GError          **error);
/* SHA-256 over the names, sizes and contents of @files (paths relative to
 * ctx->path, in the given order). */
char     *_uc_chat_checksum_files  (UcImportContext  *ctx,
                                    GPtrArray        *files,
                                    GError          **error);

/* The regular files directly in @dir (names, sorted), or NULL with @error
 * set. */
GPtrArray *_uc_chat_list_dir       (const char   *dir,
                                    gboolean      want_dirs,
                                    GError      **error);

/* At most @n bytes of the start of @path, NUL-terminated, skipping a UTF-8
 * BOM; NULL when it cannot be read. */
char     *_uc_chat_read_head       (const char *path,
                                    gsize       n,
                                    gsize      *length);

/* The first non-blank byte of @text, or 0. */
char      _uc_chat_first_char      (const char *text,
                                    gsize       length);

G_END_DECLS
