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

typedef struct
{
  const char *id;            /* "CA.gini" */
  UcFamily    family;
  const char *title;         /* translatable (N_), short */
  const char *description;   /* translatable (N_), plain words */
  double      healthy;       /* g: score 0 */
  double      alarming;      /* r: score 100 (may be below healthy: inverted) */
  int         window_weeks;  /* rolling window */
} UcSignalDef;

const UcSignalDef *uc_signal_defs        (guint *n_defs);
int                uc_signal_def_index   (const char *id);   /* -1 if unknown */
const char        *uc_family_id          (UcFamily family);  /* "CA" */
const char        *uc_family_title       (UcFamily family);  /* translated */
int                uc_family_from_id     (const char *id);   /* -1 if unknown */

/* Piecewise-linear map of @raw between @healthy (0) and @alarming (100),
 * clamped; NAN in, NAN out. */
double             uc_signal_score       (double raw,
                                          double healthy,
                                          double alarming);

G_END_DECLS
