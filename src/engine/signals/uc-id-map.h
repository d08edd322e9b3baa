/* uc-id-map.h: a small open-addressing map from 64-bit keys (row ids,
 * packed pairs of indices) to int, for the analysis' hot loops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64 *keys;     /* owned; UC_ID_MAP_EMPTY marks a free slot */
  int    *values;   /* owned */
  gsize   mask;     /* capacity - 1, capacity a power of two */
  gsize   n;
} UcIdMap;

#define UC_ID_MAP_EMPTY G_MININT64

void  uc_id_map_init     (UcIdMap *map,
                          gsize    expected);
void  uc_id_map_clear    (UcIdMap *map);
int   uc_id_map_lookup   (const UcIdMap *map,
                          gint64         key,
                          int            missing);
/* The value cell of @key, created with @initial when absent. The pointer
 * is valid until the next insertion. */
int  *uc_id_map_ensure   (UcIdMap *map,
                          gint64   key,
                          int      initial,
                          gboolean *created);
void  uc_id_map_insert   (UcIdMap *map,
                          gint64   key,
                          int      value);

/* Iterate: for (gsize i = 0; i <= map->mask; i++) if (map->keys[i] != UC_ID_MAP_EMPTY) … */

G_END_DECLS
