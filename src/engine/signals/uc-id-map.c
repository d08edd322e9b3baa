/* uc-id-map.c: a small open-addressing map from 64-bit keys to int.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-id-map.h"

static inline gsize
hash_key (gint64 key)
{
  guint64 x = (guint64) key;

  /* splitmix64 finaliser */
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return (gsize) x;
}

static void
allocate (UcIdMap *map,
          gsize    capacity)
{
  map->keys = g_new (gint64, capacity);
  map->values = g_new (int, capacity);
  map->mask = capacity - 1;
  map->n = 0;
  for (gsize i = 0; i < capacity; i++)
    map->keys[i] = UC_ID_MAP_EMPTY;
}

void
uc_id_map_init (UcIdMap *map,
                gsize    expected)
{
  gsize capacity = 16;

  while (capacity < expected * 2)
    capacity <<= 1;
  allocate (map, capacity);
}

void
uc_id_map_clear (UcIdMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
  map->mask = 0;
  map->n = 0;
}

int
uc_id_map_lookup (const UcIdMap *map,
                  gint64         key,
                  int            missing)
{
  gsize i;

  g_assert (key != UC_ID_MAP_EMPTY);
  if (map->keys == NULL)
    return missing;
  for (i = hash_key (key) & map->mask; map->keys[i] != UC_ID_MAP_EMPTY; i = (i + 1) & map->mask)
    if (map->keys[i] == key)
      return map->values[i];
  return missing;
}

static void
grow (UcIdMap *map)
{
  gint64 *old_keys = map->keys;
  int *old_values = map->values;
  gsize old_capacity = map->mask + 1;

  allocate (map, old_capacity * 2);
  for (gsize i = 0; i < old_capacity; i++)
    if (old_keys[i] != UC_ID_MAP_EMPTY)
      uc_id_map_insert (map, old_keys[i], old_values[i]);
  g_free (old_keys);
  g_free (old_values);
}

int *
uc_id_map_ensure (UcIdMap  *map,
                  gint64    key,
                  int       initial,
                  gboolean *created)
{
  gsize i;

  g_assert (key != UC_ID_MAP_EMPTY);
  if (map->keys == NULL)
    uc_id_map_init (map, 8);
  if ((map->n + 1) * 2 > map->mask + 1)
    grow (map);

  for (i = hash_key (key) & map->mask; map->keys[i] != UC_ID_MAP_EMPTY; i = (i + 1) & map->mask)
    if (map->keys[i] == key)
      {
        if (created != NULL)
          *created = FALSE;
        return &map->values[i];
      }
  map->keys[i] = key;
  map->values[i] = initial;
  map->n++;
  if (created != NULL)
    *created = TRUE;
  return &map->values[i];
}

void
uc_id_map_insert (UcIdMap *map,
                  gint64   key,
                  int      value)
{
  *uc_id_map_ensure (map, key, value, NULL) = value;
}
