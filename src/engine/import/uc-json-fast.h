/* uc-json-fast.h: a quick JSON parser for the records importers read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The tree of @text (@length bytes, not necessarily NUL-terminated), the
 * same json-glib's parser would build, or NULL when @text is not plain
 * strict JSON this parser reads (see uc-json-fast.c): parse it with
 * json-glib then, which also words the error when there is one. */
JsonNode *_uc_json_fast_parse (const char *text,
                               gsize       length);

G_END_DECLS
