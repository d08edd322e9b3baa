/* uc-signal-defs.h: the catalogue of signals and families of SIGNALS.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  UC_FAMILY_CA,
  UC_FAMILY_RV,
  UC_FAMILY_WV,
  UC_FAMILY_DS,
  UC_FAMILY_CV,
  UC_FAMILY_EG,
  UC_FAMILY_HD,
  UC_FAMILY_TD,
  UC_FAMILY_AP,
  UC_FAMILY_ED,
  UC_N_FAMILIES,
} UcFamily;

/* What a raw value measures, so front ends can format it. */
typedef enum
{
  UC_SIGNAL_UNIT_SHARE,     /* 0..1, shown as a percentage */
  UC_SIGNAL_UNIT_RATIO,     /* a plain number: Gini, CV, p85/p50… */
  UC_SIGNAL_UNIT_PEOPLE,
  UC_SIGNAL_UNIT_COUNT,     /* items, rounds, comments per 100 lines… */
  UC_SIGNAL_UNIT_HOURS,
  UC_SIGNAL_UNIT_DAYS,
  UC_SIGNAL_UNIT_WEEKS,
} UcSignalUnit;

typedef struct
{
  const char *id;            /* "CA.gini" */
  UcFamily    family;
  const char *title;         /* translatable (N_), short */
  const char *description;   /* translatable (N_), plain words */
  double      healthy;       /* g: score 0 */
  double      alarming;      /* r: score 100 (may be below healthy: inverted) */
  int         window_weeks;  /* rolling window */
  /* Added after the first contract; every field above is unchanged. */
  int          lookback_weeks; /* history the value reads, window included
                                * (52 for truck factor, islands, hotspots;
                                * 16 for "against the previous 12 weeks") */
  UcSignalUnit unit;
  gboolean     absolute;       /* scored on |value| (EG.status_lag) */
} UcSignalDef;

/* Number of signals in the catalogue (the analysis options hold 64). */
#define UC_N_SIGNALS 40

const UcSignalDef *uc_signal_defs        (guint *n_defs);
int                uc_signal_def_index   (const char *id);   /* -1 if unknown */
const char        *uc_family_id          (UcFamily family);  /* "CA" */
const char        *uc_family_title       (UcFamily family);  /* translated */
int                uc_family_from_id     (const char *id);   /* -1 if unknown */

/* Translated title and description of a catalogue entry. */
const char        *uc_signal_def_get_title       (const UcSignalDef *def);
const char        *uc_signal_def_get_description (const UcSignalDef *def);

/* A short, translated rendering of a raw value in the signal's unit
 * ("27 %", "2 people", "0.41", "36 h"); "—" for NAN. */
char              *uc_signal_format_value (const UcSignalDef *def,
                                           double             value);

/* Piecewise-linear map of @raw between @healthy (0) and @alarming (100),
 * clamped; NAN in, NAN out. */
double             uc_signal_score       (double raw,
                                          double healthy,
                                          double alarming);

/* Score of @raw with the catalogue's bounds of @def (or the given bounds
 * when not NAN), honouring def->absolute. */
double             uc_signal_def_score   (const UcSignalDef *def,
                                          double             raw,
                                          double             healthy,
                                          double             alarming);

G_END_DECLS
