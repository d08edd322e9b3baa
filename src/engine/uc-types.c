/* uc-types.c: ISO-8601 week helpers (UTC).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "uc-types.h"

#define SECONDS_PER_WEEK (7 * 24 * 3600)

int
uc_week_of_time (UcTime time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  if (dt == NULL)
    return 0;
  return g_date_time_get_week_numbering_year (dt) * 100 +
         g_date_time_get_week_of_year (dt);
}

UcTime
uc_week_start (int week_key)
{
  int year = week_key / 100;
  int week = week_key % 100;
  g_autoptr(GDateTime) jan4 = NULL;
  int dow;

  /* ISO week 1 is the week with January 4th in it. */
  jan4 = g_date_time_new_utc (year, 1, 4, 0, 0, 0);
  if (jan4 == NULL)
    return 0;
  dow = g_date_time_get_day_of_week (jan4);   /* 1 = Monday */
  return g_date_time_to_unix (jan4) - (gint64) (dow - 1) * 86400 +
         (gint64) (week - 1) * SECONDS_PER_WEEK;
}

int
uc_week_add (int week_key,
             int n_weeks)
{
  return uc_week_of_time (uc_week_start (week_key) + (gint64) n_weeks * SECONDS_PER_WEEK);
}

int
uc_week_diff (int later_week_key,
              int earlier_week_key)
{
  return (int) ((uc_week_start (later_week_key) - uc_week_start (earlier_week_key)) /
                SECONDS_PER_WEEK);
}

char *
uc_week_format (int week_key)
{
  return g_strdup_printf ("%04d-W%02d", week_key / 100, week_key % 100);
}

gboolean
uc_week_parse (const char *text,
               int        *week_key)
{
  char *end = NULL;
  long year, week;

  if (text == NULL)
    return FALSE;
  year = strtol (text, &end, 10);
  if (end == text || year < 1970 || year > 9999 || end[0] != '-' ||
      (end[1] != 'W' && end[1] != 'w'))
    return FALSE;
  text = end + 2;
  week = strtol (text, &end, 10);
  if (end == text || *end != '\0' || week < 1 || week > 53)
    return FALSE;
  /* Week 53 exists only in some years. */
  if (uc_week_of_time (uc_week_start ((int) (year * 100 + week))) != year * 100 + week)
    return FALSE;
  if (week_key != NULL)
    *week_key = (int) (year * 100 + week);
  return TRUE;
}
