/* uc-signal-defs.c: the catalogue of signals and families of SIGNALS.md.
 *
 * One row per signal, in the order of SIGNALS.md. Bounds are the defaults
 * of SIGNALS.md (editable in Preferences through UcAnalysisOptions); a row
 * whose alarming bound is below its healthy bound is scored inverted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "uc-signal-defs.h"

#define W  4    /* default rolling window, weeks */
#define WV 12   /* workflow volatility window */

static const UcSignalDef defs[] = {
  /* 1. Contribution asymmetry */
  { "CA.gini", UC_FAMILY_CA,
    N_("Commit inequality"),
    N_("How unevenly commits are spread across the team’s members (Gini coefficient, members with no commits included). 0 means everyone commits the same amount; 1 means one person does everything."),
    0.30, 0.70, W, W, UC_SIGNAL_UNIT_RATIO, FALSE },
  { "CA.top_share", UC_FAMILY_CA,
    N_("Top contributor’s share"),
    N_("The share of the team’s commits written by its most active person."),
    0.25, 0.60, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "CA.truck", UC_FAMILY_CA,
    N_("Truck factor"),
    N_("How many people would have to leave before more than half of the files the team changed in the last year have nobody who knows them well (Avelino et al., 2016). Lower is riskier."),
    4.0, 1.0, W, 52, UC_SIGNAL_UNIT_PEOPLE, FALSE },
  { "CA.islands", UC_FAMILY_CA,
    N_("Knowledge islands"),
    N_("The share of files the team changed in the last year that exactly one person knows well."),
    0.20, 0.60, W, 52, UC_SIGNAL_UNIT_SHARE, FALSE },

  /* 2. Review density and inspection */
  { "RV.coverage", UC_FAMILY_RV,
    N_("Review coverage"),
    N_("The share of merged change requests that someone other than the author reviewed or commented on."),
    0.95, 0.50, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "RV.self_merge", UC_FAMILY_RV,
    N_("Self-merges"),
    N_("The share of merged change requests that their author merged without anyone else approving them."),
    0.05, 0.40, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "RV.rubber_stamp", UC_FAMILY_RV,
    N_("Rubber-stamp approvals"),
    N_("The share of approvals of change requests of 50 lines or more given without a comment and faster than 500 changed lines per hour."),
    0.10, 0.50, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "RV.density", UC_FAMILY_RV,
    N_("Review depth"),
    N_("The median number of review comments per 100 changed lines on merged change requests. Lower means lighter inspection."),
    1.0, 0.1, W, W, UC_SIGNAL_UNIT_COUNT, FALSE },
  { "RV.load_gini", UC_FAMILY_RV,
    N_("Review load inequality"),
    N_("How unevenly reviews are spread across the team’s members (Gini coefficient)."),
    0.30, 0.75, W, W, UC_SIGNAL_UNIT_RATIO, FALSE },

  /* 3. Workflow volatility (12-week window) */
  { "WV.throughput_cv", UC_FAMILY_WV,
    N_("Throughput swings"),
    N_("How much weekly completions (merged change requests and items moved to done) vary from week to week (coefficient of variation)."),
    0.30, 1.00, WV, WV, UC_SIGNAL_UNIT_RATIO, FALSE },
  { "WV.backflow", UC_FAMILY_WV,
    N_("Backflow"),
    N_("The share of status changes that move work backwards, such as done back to doing, reopenings included."),
    0.05, 0.25, WV, WV, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "WV.cycle_spread", UC_FAMILY_WV,
    N_("Cycle time spread"),
    N_("How much longer slow items take than typical ones: the 85th percentile of cycle time divided by the median."),
    2.0, 6.0, WV, WV, UC_SIGNAL_UNIT_RATIO, FALSE },
  { "WV.wip_cv", UC_FAMILY_WV,
    N_("Work-in-progress swings"),
    N_("How much the daily amount of work in progress (items in doing and open change requests) varies (coefficient of variation)."),
    0.20, 0.80, WV, WV, UC_SIGNAL_UNIT_RATIO, FALSE },

  /* 4. Dissent suppression */
  { "DS.overridden", UC_FAMILY_DS,
    N_("Overridden objections"),
    N_("The share of change requests with a “changes requested” review that were merged without a later approval from that reviewer."),
    0.05, 0.40, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "DS.unanswered", UC_FAMILY_DS,
    N_("Unanswered objections"),
    N_("The share of objecting comments that got no reply from anyone else within 7 days while their change request or item was closed."),
    0.10, 0.50, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "DS.voice_gini", UC_FAMILY_DS,
    N_("Voice inequality"),
    N_("How unevenly discussion comments (reviews, tickets, chat) are spread across the members who wrote code (Gini coefficient)."),
    0.35, 0.75, W, W, UC_SIGNAL_UNIT_RATIO, FALSE },
  { "DS.silent", UC_FAMILY_DS,
    N_("Silent members"),
    N_("The share of members who wrote code but no review or discussion comment."),
    0.10, 0.50, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "DS.fading", UC_FAMILY_DS,
    N_("Fading voices"),
    N_("The share of members who still work at the same pace but comment more than 60 % less than in their previous 12 weeks."),
    0.00, 0.25, W, W + 12, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "DS.newcomer_gap", UC_FAMILY_DS,
    N_("Newcomer reply gap"),
    N_("How much longer newcomers (under 90 days of history) wait for a first reply to their comments than everyone else."),
    1.0, 3.0, W, W, UC_SIGNAL_UNIT_RATIO, FALSE },

  /* 5. Convergence velocity */
  { "CV.first_response", UC_FAMILY_CV,
    N_("Time to first response"),
    N_("The median number of hours from opening a change request or item to the first response from someone else."),
    4.0, 72.0, W, W, UC_SIGNAL_UNIT_HOURS, FALSE },
  { "CV.decision_time", UC_FAMILY_CV,
    N_("Time to decision"),
    N_("The median number of hours from opening a change request to merging or closing it, and from creating an item to finishing it."),
    24.0, 336.0, W, W, UC_SIGNAL_UNIT_HOURS, FALSE },
  { "CV.rounds", UC_FAMILY_CV,
    N_("Review rounds"),
    N_("The median number of review rounds per merged change request; a round ends when new commits arrive after a review."),
    1.5, 5.0, W, W, UC_SIGNAL_UNIT_COUNT, FALSE },
  { "CV.stalled", UC_FAMILY_CV,
    N_("Stalled work"),
    N_("The share of open change requests and decision items with no activity for 14 days."),
    0.05, 0.40, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "CV.abandoned", UC_FAMILY_CV,
    N_("Abandoned change requests"),
    N_("The share of change requests closed without merging after more than 7 days open."),
    0.05, 0.30, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },

  /* 6. Execution gap */
  { "EG.unbacked_done", UC_FAMILY_EG,
    N_("Done without code"),
    N_("The share of items moved to done with no linked commit or change request (questions, support requests and duplicates excluded)."),
    0.10, 0.50, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "EG.zombie", UC_FAMILY_EG,
    N_("Zombie items"),
    N_("The share of items in progress for over 14 days with no linked code activity in those 14 days."),
    0.05, 0.40, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "EG.invisible", UC_FAMILY_EG,
    N_("Invisible work"),
    N_("The share of merged change requests (or commits where there are none) not linked to any item."),
    0.20, 0.70, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "EG.reopened", UC_FAMILY_EG,
    N_("Reopened items"),
    N_("The share of items finished and then reopened within 28 days."),
    0.03, 0.20, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "EG.status_lag", UC_FAMILY_EG,
    N_("Status lag"),
    N_("The median number of days between the last linked merge and the item being marked done. Negative values mean it was reported done before the code landed."),
    1.0, 10.0, W, W, UC_SIGNAL_UNIT_DAYS, TRUE },

  /* 7. Human Debt */
  { "HD.after_hours", UC_FAMILY_HD,
    N_("After-hours work"),
    N_("The share of commits, reviews and comments made outside 08:00–19:00 local time or at weekends."),
    0.10, 0.35, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "HD.wip", UC_FAMILY_HD,
    N_("Work in progress per person"),
    N_("The median amount of work each person has open at once (authored change requests and items in progress)."),
    2.0, 6.0, W, W, UC_SIGNAL_UNIT_COUNT, FALSE },
  { "HD.switching", UC_FAMILY_HD,
    N_("Context switching"),
    N_("The median number of code areas and repositories each person touches per week."),
    2.0, 6.0, W, W, UC_SIGNAL_UNIT_COUNT, FALSE },
  { "HD.overload", UC_FAMILY_HD,
    N_("Overload"),
    N_("The share of members active on 6 or 7 days a week for 3 or more weeks in a row."),
    0.00, 0.30, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "HD.fading", UC_FAMILY_HD,
    N_("Disengagement risk"),
    N_("The share of members whose activity fell by more than 70 % against their previous 12 weeks."),
    0.00, 0.25, W, W + 12, UC_SIGNAL_UNIT_SHARE, FALSE },

  /* 8. Technical Debt */
  { "TD.hotspots", UC_FAMILY_TD,
    N_("Hotspot concentration"),
    N_("The share of changes landing in the top 5 % of files by hotspot score (commits times lines changed in the last year)."),
    0.20, 0.60, W, 52, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "TD.coupling", UC_FAMILY_TD,
    N_("Tangled changes"),
    N_("The share of commits touching two or more code areas."),
    0.15, 0.50, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "TD.rework", UC_FAMILY_TD,
    N_("Rework"),
    N_("The share of commits that revert or fix earlier work."),
    0.15, 0.45, W, W, UC_SIGNAL_UNIT_SHARE, FALSE },
  { "TD.islands", UC_FAMILY_TD,
    N_("Hot knowledge islands"),
    N_("Knowledge islands weighted by hotspot score: single-owner files that also change a lot."),
    0.20, 0.60, W, 52, UC_SIGNAL_UNIT_SHARE, FALSE },

  /* 11. Adoption Performance: capabilities whose 12 weeks of adoption
   * ended in the last 52 weeks (uc-signals-ap.c), so 64 weeks of history. */
  { "AP.t50", UC_FAMILY_AP,
    N_("Time to half adoption"),
    N_("The median number of weeks from a new capability’s introduction (a tool, a CI configuration, a language, AI assistance) until half of the team’s active members have used it."),
    2.0, 12.0, 52, 64, UC_SIGNAL_UNIT_WEEKS, FALSE },
  { "AP.reach", UC_FAMILY_AP,
    N_("Adoption reach"),
    N_("The median share of active members who have used a new capability 12 weeks after its introduction."),
    0.80, 0.20, 52, 64, UC_SIGNAL_UNIT_SHARE, FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (defs) == UC_N_SIGNALS);
G_STATIC_ASSERT (UC_N_SIGNALS <= 64);

static const struct
{
  const char *id;
  const char *title;
} families[UC_N_FAMILIES] = {
  [UC_FAMILY_CA] = { "CA", N_("Contribution asymmetry") },
  [UC_FAMILY_RV] = { "RV", N_("Review density and inspection") },
  [UC_FAMILY_WV] = { "WV", N_("Workflow volatility") },
  [UC_FAMILY_DS] = { "DS", N_("Dissent suppression") },
  [UC_FAMILY_CV] = { "CV", N_("Convergence velocity") },
  [UC_FAMILY_EG] = { "EG", N_("Execution gap") },
  [UC_FAMILY_HD] = { "HD", N_("Human Debt") },
  [UC_FAMILY_TD] = { "TD", N_("Technical Debt") },
  [UC_FAMILY_AP] = { "AP", N_("Adoption performance") },
  [UC_FAMILY_ED] = { "ED", N_("Execution Debt") },
};

const UcSignalDef *
uc_signal_defs (guint *n_defs)
{
  if (n_defs != NULL)
    *n_defs = G_N_ELEMENTS (defs);
  return defs;
}

int
uc_signal_def_index (const char *id)
{
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < G_N_ELEMENTS (defs); i++)
    if (g_str_equal (defs[i].id, id))
      return (int) i;
  return -1;
}

const char *
uc_family_id (UcFamily family)
{
  g_return_val_if_fail (family < UC_N_FAMILIES, NULL);
  return families[family].id;
}

const char *
uc_family_title (UcFamily family)
{
  g_return_val_if_fail (family < UC_N_FAMILIES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, families[family].title);
}

int
uc_family_from_id (const char *id)
{
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < UC_N_FAMILIES; i++)
    if (g_str_equal (families[i].id, id))
      return (int) i;
  return -1;
}

const char *
uc_signal_def_get_title (const UcSignalDef *def)
{
  g_return_val_if_fail (def != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, def->title);
}

const char *
uc_signal_def_get_description (const UcSignalDef *def)
{
  g_return_val_if_fail (def != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, def->description);
}

char *
uc_signal_format_value (const UcSignalDef *def,
                        double             value)
{
  g_return_val_if_fail (def != NULL, NULL);

  if (isnan (value))
    return g_strdup ("—");

  switch (def->unit)
    {
    case UC_SIGNAL_UNIT_SHARE:
      /* Translators: a percentage, e.g. "27 %" */
      return g_strdup_printf (_("%.0f %%"), value * 100.0);
    case UC_SIGNAL_UNIT_PEOPLE:
      {
        gulong n = value < 0 ? 0 : (gulong) lround (value);

        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu person", "%lu people", n), n);
      }
    case UC_SIGNAL_UNIT_HOURS:
      /* Translators: a number of hours, e.g. "36 h" */
      return g_strdup_printf (_("%.0f h"), value);
    case UC_SIGNAL_UNIT_DAYS:
      /* Translators: a number of days, e.g. "4.5 d" */
      return g_strdup_printf (_("%.1f d"), value);
    case UC_SIGNAL_UNIT_WEEKS:
      /* Translators: a number of weeks, e.g. "3.0 wk" */
      return g_strdup_printf (_("%.1f wk"), value);
    case UC_SIGNAL_UNIT_COUNT:
      return g_strdup_printf ("%.1f", value);
    case UC_SIGNAL_UNIT_RATIO:
    default:
      return g_strdup_printf ("%.2f", value);
    }
}

double
uc_signal_score (double raw,
                 double healthy,
                 double alarming)
{
  double t;

  if (isnan (raw) || isnan (healthy) || isnan (alarming))
    return NAN;

  /* Degenerate bounds: a step at the bound (0 at or below, 100 above). */
  if (healthy == alarming)
    return raw > healthy ? 100.0 : 0.0;

  /* The same expression covers inverted bounds (alarming < healthy): the
   * denominator is negative and so is the distance towards alarming. */
  t = (raw - healthy) / (alarming - healthy);
  t = CLAMP (t, 0.0, 1.0);
  /* No negative zero (0 / -3 at the healthy bound of an inverted map). */
  return t > 0.0 ? t * 100.0 : 0.0;
}

double
uc_signal_def_score (const UcSignalDef *def,
                     double             raw,
                     double             healthy,
                     double             alarming)
{
  g_return_val_if_fail (def != NULL, NAN);

  if (isnan (healthy))
    healthy = def->healthy;
  if (isnan (alarming))
    alarming = def->alarming;
  if (def->absolute && !isnan (raw))
    raw = fabs (raw);
  return uc_signal_score (raw, healthy, alarming);
}
