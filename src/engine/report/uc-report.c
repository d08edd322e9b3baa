/* uc-report.c: the one-page PDF summary (cairo-pdf + pango).
 *
 * The page is drawn in 96-dpi user units (cairo_scale by 72/96) so the
 * charts draw exactly as they do on screen, with the same font sizes in
 * points. The PDF goes to a temporary file next to the target, renamed
 * over it only when complete: a failure or a cancel never leaves half a
 * report behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "uc-chart-private.h"
#include "uc-report.h"

G_DEFINE_QUARK (uc-report-error-quark, uc_report_error)

/* Points per user unit: the page is laid out in CSS pixels. */
#define PX 0.75

#define A4_WIDTH_PT      595.28
#define A4_HEIGHT_PT     841.89
#define LETTER_WIDTH_PT  612.0
#define LETTER_HEIGHT_PT 792.0

#define MARGIN      60.0
#define CHART_MIN_H 240.0
#define CHART_MAX_H 380.0
#define ROW_H       26.0
#define CHIP_H      18.0
#define TEAM_ROWS   4      /* rows of the team list (two columns) */

typedef enum
{
  FORMAT_RATIO,
  FORMAT_PERCENT,
  FORMAT_COUNT,
} ValueFormat;

/* The table's columns: the CA signals of SIGNALS.md. */
static const struct
{
  const char  *signal_id;
  const char  *title;      /* N_ */
  const char  *short_name; /* N_, for the method line */
  ValueFormat  format;
} ca_columns[] = {
  { "CA.gini",      N_("Gini"),         N_("Gini"),         FORMAT_RATIO },
  { "CA.top_share", N_("Top share"),    N_("top share"),    FORMAT_PERCENT },
  { "CA.truck",     N_("Truck factor"), N_("truck factor"), FORMAT_COUNT },
  { "CA.islands",   N_("Islands"),      N_("islands"),      FORMAT_PERCENT },
};

void
uc_report_options_init (UcReportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->paper = UC_REPORT_PAPER_A4;
  options->title = NULL;
}

/* ---- output: a temporary file written through a cairo stream ---- */

typedef struct
{
  int fd;
  int errsv;   /* errno of the first failed write, 0 if none */
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->errsv != 0)
    return CAIRO_STATUS_WRITE_ERROR;

  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          sink->errsv = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          errsv)
{
  g_set_error (error, UC_REPORT_ERROR, UC_REPORT_ERROR_WRITE,
               /* Translators: %s is a file path, then the system's reason. */
               _("Could not write the report “%s”: %s"),
               path, g_strerror (errsv));
}

/* ---- text helpers ---- */

typedef struct
{
  cairo_t            *cr;
  UcChartStyle        style;
  double              width;    /* page, user units */
  double              height;
  double              x0, x1;   /* content */
  double              y;        /* next line */
  double              bottom;   /* content bottom (above the footer) */
  gboolean            measuring; /* text_at() only measures */
} Page;

/* Draws @text (plain, or Pango markup when @markup) at (@x, page->y)
 * within @width, wrapping when @wrap else ellipsising at @ellipsize.
 * Returns its height; nothing is drawn when @draw is FALSE. */
static double
text_at (Page              *page,
         double             x,
         double             y,
         double             width,
         double             size_factor,
         PangoWeight        weight,
         const UcRgba      *color,
         gboolean           markup,
         gboolean           wrap,
         PangoEllipsizeMode ellipsize,
         const char        *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  double h;

  layout = _uc_chart_layout (page->cr, &page->style, size_factor, weight, "");
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  if (wrap)
    {
      pango_layout_set_single_paragraph_mode (layout, FALSE);
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  else
    _uc_chart_layout_limit (layout, width, ellipsize);
  _uc_chart_layout_size (layout, NULL, &h);
  if (!page->measuring)
    _uc_chart_show_layout (page->cr, layout, x, y, color);
  return h;
}

static double
text_width (Page        *page,
            double       size_factor,
            PangoWeight  weight,
            const char  *text)
{
  g_autoptr(PangoLayout) layout = _uc_chart_layout (page->cr, &page->style, size_factor,
                                                    weight, text);
  double w;

  _uc_chart_layout_size (layout, &w, NULL);
  return w;
}

static void
rule (Page   *page,
      double  y)
{
  cairo_save (page->cr);
  _uc_chart_set_source (page->cr, &page->style.grid);
  cairo_set_line_width (page->cr, 1.0);
  cairo_move_to (page->cr, page->x0, y);
  cairo_line_to (page->cr, page->x1, y);
  cairo_stroke (page->cr);
  cairo_restore (page->cr);
}

static double
heading (Page       *page,
         const char *text)
{
  double h = text_at (page, page->x0, page->y, page->x1 - page->x0, 1.35, PANGO_WEIGHT_BOLD,
                      &page->style.foreground, FALSE, FALSE, PANGO_ELLIPSIZE_END, text);

  page->y += h + 6.0;
  return h;
}

static char *
format_value (double      value,
              ValueFormat format)
{
  if (isnan (value))
    return g_strdup (_("no data"));

  switch (format)
    {
    case FORMAT_PERCENT:
      /* Translators: a percentage, e.g. "42%". */
      return g_strdup_printf (_("%.0f%%"), value * 100.0);
    case FORMAT_COUNT:
      if (fabs (value - round (value)) < 1e-9)
        return g_strdup_printf ("%.0f", value);
      return _uc_chart_format_value (value);
    case FORMAT_RATIO:
    default:
      return g_strdup_printf ("%.2f", value);
    }
}

static char *
format_date (UcTime      time,
             const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  if (dt == NULL)
    return g_strdup ("?");
  return g_date_time_format (dt, format);
}

static char *
default_title (UcStore *store)
{
  const char *path = store != NULL ? uc_store_get_path (store) : NULL;
  g_autofree char *base = NULL;
  char *dot;

  if (path == NULL || path[0] == '\0')
    return g_strdup (_("Undercurrent summary"));

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* ---- sections ---- */

static void
draw_header (Page       *page,
             UcStore    *store,
             UcAnalysis *analysis,
             const char *title,
             GDateTime  *now)
{
  const char *store_path = store != NULL ? uc_store_get_path (store) : NULL;
  /* The full path: the reader of the PDF does not know the folder. */
  g_autofree char *path = store_path != NULL ? g_canonicalize_filename (store_path, NULL) : NULL;
  g_autofree char *period = NULL;
  g_autofree char *generated = NULL;
  double label_w, w = page->x1 - page->x0;
  guint n_weeks = uc_analysis_get_n_weeks (analysis);
  const char *labels[3];
  const char *values[3];

  page->y += text_at (page, page->x0, page->y, w, 2.3, PANGO_WEIGHT_BOLD,
                      &page->style.foreground, FALSE, FALSE, PANGO_ELLIPSIZE_END, title);
  page->y += 2.0;
  /* Translators: the report's subtitle. */
  page->y += text_at (page, page->x0, page->y, w, 1.2, PANGO_WEIGHT_NORMAL, &page->style.dim,
                      FALSE, FALSE, PANGO_ELLIPSIZE_END,
                      _("Execution Debt summary: contribution asymmetry"));
  page->y += 12.0;

  if (n_weeks > 0 && uc_analysis_get_last_time (analysis) > 0)
    {
      g_autofree char *first = format_date (uc_analysis_get_first_time (analysis), "%-d %b %Y");
      g_autofree char *last = format_date (uc_analysis_get_last_time (analysis), "%-d %b %Y");
      g_autofree char *first_week = uc_week_format (uc_analysis_get_week (analysis, 0));
      g_autofree char *last_week = uc_week_format (uc_analysis_get_week (analysis, n_weeks - 1));
      g_autofree char *weeks = g_strdup_printf (ngettext ("%u week", "%u weeks", n_weeks), n_weeks);

      /* Translators: "3 Nov 2025 – 14 Sep 2026 (2025-W45 to 2026-W37, 45 weeks)". */
      period = g_strdup_printf (_("%s – %s (%s to %s, %s)"), first, last,
                                first_week, last_week, weeks);
    }
  else
    period = g_strdup (_("No activity in the workspace"));

  generated = g_date_time_format (now, "%-d %b %Y, %H:%M %Z");

  labels[0] = _("Workspace");
  values[0] = path != NULL ? path : _("(not saved)");
  labels[1] = _("Period");
  values[1] = period;
  labels[2] = _("Generated");
  values[2] = generated;

  label_w = 0.0;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    label_w = MAX (label_w, text_width (page, 1.0, PANGO_WEIGHT_BOLD, labels[i]));
  label_w += 12.0;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      double h;

      text_at (page, page->x0, page->y, label_w, 1.0, PANGO_WEIGHT_BOLD, &page->style.dim,
               FALSE, FALSE, PANGO_ELLIPSIZE_END, labels[i]);
      /* Paths are long: keep both ends, the file name matters. */
      h = text_at (page, page->x0 + label_w, page->y, w - label_w, 1.0, PANGO_WEIGHT_NORMAL,
                   &page->style.foreground, FALSE, FALSE,
                   i == 0 ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END, values[i]);
      page->y += h + 3.0;
    }

  page->y += 10.0;
  rule (page, page->y);
  page->y += 14.0;
}

static char *
team_counts (const UcTeamInfo *team)
{
  g_autofree char *members = g_strdup_printf (ngettext ("%u member", "%u members",
                                                        team->n_members), team->n_members);
  g_autofree char *agents = NULL;

  if (team->n_agents == 0)
    return g_steal_pointer (&members);
  agents = g_strdup_printf (ngettext ("%u agent", "%u agents", team->n_agents), team->n_agents);
  /* Translators: "6 members, 1 agent". */
  return g_strdup_printf (_("%s, %s"), members, agents);
}

static void
draw_teams (Page       *page,
            UcAnalysis *analysis)
{
  guint n_teams = uc_analysis_get_n_teams (analysis);
  double w = page->x1 - page->x0;
  double col_w, line_h = 0.0;
  guint n_cols, rows, capacity, shown;
  gboolean has_other = FALSE;
  char dim[8];

  g_snprintf (dim, sizeof dim, "#%02x%02x%02x",
              (guint) lround (page->style.dim.red * 255.0),
              (guint) lround (page->style.dim.green * 255.0),
              (guint) lround (page->style.dim.blue * 255.0));

  heading (page, _("Teams"));

  if (n_teams == 0)
    {
      page->y += text_at (page, page->x0, page->y, w, 1.0, PANGO_WEIGHT_NORMAL, &page->style.dim,
                          FALSE, FALSE, PANGO_ELLIPSIZE_END,
                          _("No team has activity in the analysed period."));
      page->y += 14.0;
      return;
    }

  /* One column, or two balanced ones of at most TEAM_ROWS rows. */
  n_cols = n_teams > TEAM_ROWS ? 2 : 1;
  col_w = (w - (n_cols - 1) * 24.0) / n_cols;
  rows = MIN ((n_teams + n_cols - 1) / n_cols, (guint) TEAM_ROWS);
  capacity = rows * n_cols;
  shown = n_teams <= capacity ? n_teams : capacity - 1;

  for (guint i = 0; i < shown; i++)
    {
      const UcTeamInfo *team = uc_analysis_get_team (analysis, i);
      g_autofree char *counts = team_counts (team);
      g_autofree char *markup = NULL;
      guint col = i / rows, row = i % rows;
      double h;

      markup = g_markup_printf_escaped ("<b>%s</b>  <span foreground=\"%s\">%s</span>",
                                        team->name, dim, counts);
      h = text_at (page, page->x0 + col * (col_w + 24.0), page->y + row * (line_h + 4.0),
                   col_w, 1.0, PANGO_WEIGHT_NORMAL, &page->style.foreground, TRUE, FALSE,
                   PANGO_ELLIPSIZE_END, markup);
      if (line_h == 0.0)
        line_h = h;
      if (team->team_id == 0
          && (g_strcmp0 (team->name, "Other") == 0 || g_strcmp0 (team->name, _("Other")) == 0))
        has_other = TRUE;
    }
  if (shown < n_teams)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more team", "and %u more teams",
                                                         n_teams - shown), n_teams - shown);

      text_at (page, page->x0 + (n_cols - 1) * (col_w + 24.0),
               page->y + (rows - 1) * (line_h + 4.0), col_w, 1.0, PANGO_WEIGHT_NORMAL,
               &page->style.dim, FALSE, FALSE, PANGO_ELLIPSIZE_END, more);
    }
  page->y += rows * (line_h + 4.0);
  if (has_other)
    {
      page->y += 2.0;
      page->y += text_at (page, page->x0, page->y, w, 0.9, PANGO_WEIGHT_NORMAL, &page->style.dim,
                          FALSE, TRUE, PANGO_ELLIPSIZE_NONE,
                          _("“Other” gathers the people of teams too small to be shown on "
                            "their own."));
    }
  page->y += 14.0;
}

/* @below: the height the sections under the chart need. */
static void
draw_chart (Page       *page,
            UcAnalysis *analysis,
            double      below)
{
  g_autoptr(UcLineChart) chart = uc_line_chart_new_for_signal (analysis, "CA.gini");
  g_autofree char *description = uc_line_chart_describe (chart);
  double w = page->x1 - page->x0;
  double chart_h;

  /* Translators: a heading; CA is the family's id. */
  heading (page, _("Contribution asymmetry (CA)"));

  /* The chart takes the room the table leaves, within reason. */
  chart_h = CLAMP (page->bottom - page->y - below, CHART_MIN_H, CHART_MAX_H);
  cairo_save (page->cr);
  cairo_translate (page->cr, page->x0, page->y);
  uc_line_chart_draw (page->cr, w, chart_h, chart, &page->style);
  cairo_restore (page->cr);
  page->y += chart_h + 6.0;

  page->y += text_at (page, page->x0, page->y, w, 0.9, PANGO_WEIGHT_NORMAL, &page->style.dim,
                      FALSE, TRUE, PANGO_ELLIPSIZE_NONE, description);
  page->y += 16.0;
}

/* Text in a table cell, vertically centred on its row: its right edge at
 * @x when @right_aligned, else its left edge; ellipsised past @max_w. */
static void
cell_text (Page         *page,
           double        x,
           gboolean      right_aligned,
           double        row_y,
           double        max_w,
           PangoWeight   weight,
           double        size_factor,
           const UcRgba *color,
           const char   *text)
{
  g_autoptr(PangoLayout) layout = _uc_chart_layout (page->cr, &page->style, size_factor,
                                                    weight, text);
  double tw, th;

  _uc_chart_layout_limit (layout, max_w, PANGO_ELLIPSIZE_END);
  _uc_chart_layout_size (layout, &tw, &th);
  _uc_chart_show_layout (page->cr, layout, right_aligned ? x - tw : x,
                         row_y + (ROW_H - th) / 2.0, color);
}

static void
draw_table (Page       *page,
            UcAnalysis *analysis,
            double      reserve)
{
  guint n_teams = uc_analysis_get_n_teams (analysis);
  guint n_weeks = uc_analysis_get_n_weeks (analysis);
  guint n_value_cols = G_N_ELEMENTS (ca_columns);
  double w = page->x1 - page->x0;
  double col_w = 98.0, score_w = 72.0, team_w;
  int signal_index[G_N_ELEMENTS (ca_columns)];
  g_autofree char *week = NULL;
  g_autofree char *title = NULL;
  guint max_rows, shown;
  double y;

  if (n_weeks > 0)
    {
      week = uc_week_format (uc_analysis_get_week (analysis, n_weeks - 1));
      /* Translators: a heading, %s is an ISO week such as 2026-W37. */
      title = g_strdup_printf (_("Latest week, %s"), week);
    }
  else
    title = g_strdup (_("Latest week"));
  heading (page, title);

  if (n_teams == 0 || n_weeks == 0)
    {
      page->y += text_at (page, page->x0, page->y, w, 1.0, PANGO_WEIGHT_NORMAL, &page->style.dim,
                          FALSE, FALSE, PANGO_ELLIPSIZE_END, _("No values: no week with data."));
      page->y += 14.0;
      return;
    }

  for (guint c = 0; c < n_value_cols; c++)
    signal_index[c] = uc_signal_def_index (ca_columns[c].signal_id);

  team_w = w - n_value_cols * col_w - score_w;

  /* Header. */
  y = page->y;
  {
    UcRgba dim = page->style.dim;
    double x = page->x0 + team_w;

    cell_text (page, page->x0 + 8.0, FALSE, y, team_w - 16.0, PANGO_WEIGHT_BOLD, 0.95, &dim,
               _("Team"));
    for (guint c = 0; c < n_value_cols; c++, x += col_w)
      cell_text (page, x + col_w - 8.0, TRUE, y, col_w - 12.0, PANGO_WEIGHT_BOLD, 0.95, &dim,
                 _(ca_columns[c].title));
    /* Translators: table header: the family's 0–100 score. */
    cell_text (page, x + score_w - 8.0, TRUE, y, score_w - 12.0, PANGO_WEIGHT_BOLD, 0.95, &dim,
               _("CA score"));
  }
  y += ROW_H;
  {
    UcRgba line = page->style.foreground;

    line.alpha = 0.5;
    cairo_save (page->cr);
    _uc_chart_set_source (page->cr, &line);
    cairo_set_line_width (page->cr, 1.0);
    cairo_move_to (page->cr, page->x0, y);
    cairo_line_to (page->cr, page->x1, y);
    cairo_stroke (page->cr);
    cairo_restore (page->cr);
  }

  max_rows = (guint) MAX (1.0, floor ((page->bottom - reserve - y) / ROW_H));
  shown = n_teams <= max_rows ? n_teams : max_rows - 1;
  if (max_rows == 1 && n_teams > 1)
    shown = 0;

  for (guint t = 0; t < shown; t++, y += ROW_H)
    {
      const UcTeamInfo *team = uc_analysis_get_team (analysis, t);
      double x = page->x0 + team_w;
      double family;

      if (t % 2 == 1)
        {
          UcRgba zebra = page->style.grid;

          zebra.alpha = 0.35;
          cairo_save (page->cr);
          _uc_chart_set_source (page->cr, &zebra);
          cairo_rectangle (page->cr, page->x0, y, w, ROW_H);
          cairo_fill (page->cr);
          cairo_restore (page->cr);
        }

      cell_text (page, page->x0 + 8.0, FALSE, y, team_w - 16.0, PANGO_WEIGHT_BOLD, 1.0,
                 &page->style.foreground, team->name);

      for (guint c = 0; c < n_value_cols; c++, x += col_w)
        {
          const UcSignalValue *v = NULL;
          g_autofree char *text = NULL;
          double chip_w, right = x + col_w - 8.0;

          if (signal_index[c] >= 0)
            v = uc_analysis_get_value (analysis, t, (guint) signal_index[c], n_weeks - 1);

          if (v == NULL || isnan (v->value))
            {
              cell_text (page, right, TRUE, y, col_w - 12.0, PANGO_WEIGHT_NORMAL, 0.95,
                         &page->style.dim, _("no data"));
              continue;
            }

          text = format_value (v->value, ca_columns[c].format);
          chip_w = uc_score_chip_get_width (page->cr, CHIP_H, v->score, &page->style);
          uc_score_chip_draw (page->cr, right - chip_w, y + (ROW_H - CHIP_H) / 2.0, CHIP_H,
                              v->score, &page->style);
          cell_text (page, right - chip_w - 6.0, TRUE, y, col_w - chip_w - 18.0,
                     PANGO_WEIGHT_NORMAL, 1.0, &page->style.foreground, text);
        }

      family = uc_analysis_get_family_score (analysis, t, UC_FAMILY_CA, n_weeks - 1);
      if (isnan (family))
        cell_text (page, x + score_w - 8.0, TRUE, y, score_w - 12.0, PANGO_WEIGHT_NORMAL, 0.95,
                   &page->style.dim, _("no data"));
      else
        {
          double chip_w = uc_score_chip_get_width (page->cr, CHIP_H, family, &page->style);

          uc_score_chip_draw (page->cr, x + score_w - 8.0 - chip_w, y + (ROW_H - CHIP_H) / 2.0,
                              CHIP_H, family, &page->style);
        }
    }

  if (shown < n_teams)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u more team is in the app.",
                                                         "%u more teams are in the app.",
                                                         n_teams - shown), n_teams - shown);

      cell_text (page, page->x0 + 8.0, FALSE, y, w - 16.0, PANGO_WEIGHT_NORMAL, 0.95,
                 &page->style.dim, more);
      y += ROW_H;
    }

  rule (page, y);
  page->y = y + 10.0;
}

/* Draws the score legend and the method paragraph, or with @draw FALSE
 * only measures them. Returns their height. */
static double
draw_legend_and_method (Page       *page,
                        UcAnalysis *analysis,
                        gboolean    draw)
{
  static const struct { double score; const char *label; } bands[] = {
    { 0.0, N_("0–33 healthy") },
    { 50.0, N_("34–66 watch") },
    { 100.0, N_("67–100 alarming") },
  };
  const UcSignalDef *defs;
  g_autoptr(GString) bounds = NULL;
  g_autofree char *method = NULL;
  guint n_defs;
  double x = page->x0, w = page->x1 - page->x0;
  int window = 4, lookback = 52;
  double h, top = page->y;

  page->measuring = !draw;

  /* Score legend: one chip per band. */
  h = text_at (page, x, page->y + 1.0, w, 0.95, PANGO_WEIGHT_BOLD, &page->style.dim, FALSE,
               FALSE, PANGO_ELLIPSIZE_END, _("Scores"));
  x += text_width (page, 0.95, PANGO_WEIGHT_BOLD, _("Scores")) + 12.0;
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    {
      double cw = draw ? uc_score_chip_draw (page->cr, x, page->y + (h - 16.0) / 2.0 + 1.0, 16.0,
                                             bands[i].score, &page->style)
                       : uc_score_chip_get_width (page->cr, 16.0, bands[i].score, &page->style);

      x += cw + 6.0;
      text_at (page, x, page->y + 1.0, page->x1 - x, 0.95, PANGO_WEIGHT_NORMAL,
               &page->style.foreground, FALSE, FALSE, PANGO_ELLIPSIZE_END, _(bands[i].label));
      x += text_width (page, 0.95, PANGO_WEIGHT_NORMAL, _(bands[i].label)) + 18.0;
    }
  page->y += MAX (h, 16.0) + 10.0;

  /* Method. */
  defs = uc_signal_defs (&n_defs);
  bounds = g_string_new (NULL);
  for (guint c = 0; c < G_N_ELEMENTS (ca_columns); c++)
    {
      int index = uc_signal_def_index (ca_columns[c].signal_id);
      g_autofree char *healthy = NULL;
      g_autofree char *alarming = NULL;
      g_autofree char *item = NULL;
      double healthy_value, alarming_value;

      if (index < 0 || (guint) index >= n_defs)
        continue;
      if (c == 0)
        window = defs[index].window_weeks;
      if (g_str_equal (ca_columns[c].signal_id, "CA.truck") && defs[index].lookback_weeks > 0)
        lookback = defs[index].lookback_weeks;
      /* The bounds this analysis used: the user may have edited them. */
      uc_analysis_get_bounds (analysis, (guint) index, &healthy_value, &alarming_value);
      healthy = format_value (healthy_value, ca_columns[c].format);
      alarming = format_value (alarming_value, ca_columns[c].format);
      /* Translators: a signal's bounds, e.g. "Gini 0.30 → 0.70". */
      item = g_strdup_printf (_("%s %s → %s"), _(ca_columns[c].short_name), healthy, alarming);
      if (bounds->len > 0)
        g_string_append (bounds, ", ");
      g_string_append (bounds, item);
    }

  method = g_strdup_printf (_("Method: values per team and ISO week over a rolling window of "
                              "%d weeks (truck factor and islands: files changed in the last "
                              "%d weeks), from version-control metadata only; no message, "
                              "comment or commit text is read. Each value is scored from 0 at "
                              "its healthy bound to 100 at its alarming bound (bounds: "
                              "%s). Too little data shows as “no data”, never as 0."),
                            window, lookback, bounds->str);
  page->y += text_at (page, page->x0, page->y, w, 0.9, PANGO_WEIGHT_NORMAL, &page->style.dim,
                      FALSE, TRUE, PANGO_ELLIPSIZE_NONE, method);

  h = page->y - top;
  page->measuring = FALSE;
  if (!draw)
    page->y = top;
  return h;
}

static void
draw_footer (Page      *page,
             GDateTime *now)
{
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *left = NULL;
  /* Translators: the page number in the report's footer. */
  const char *right = _("Page 1 of 1");
  double y = page->height - MARGIN + 14.0;
  double rw = text_width (page, 0.85, PANGO_WEIGHT_NORMAL, right);

  rule (page, y - 8.0);
  /* Translators: the footer: version and date. */
  left = g_strdup_printf (_("Undercurrent %s · generated %s · offline analysis"),
                          PACKAGE_VERSION, date);
  text_at (page, page->x0, y, page->x1 - page->x0 - rw - 24.0, 0.85, PANGO_WEIGHT_NORMAL,
           &page->style.dim, FALSE, FALSE, PANGO_ELLIPSIZE_END, left);
  text_at (page, page->x1 - rw, y, rw + 1.0, 0.85, PANGO_WEIGHT_NORMAL, &page->style.dim,
           FALSE, FALSE, PANGO_ELLIPSIZE_NONE, right);
}

/* ---- the whole page ---- */

static void
report_progress (UcProgressFunc  progress,
                 gpointer        progress_data,
                 double          fraction)
{
  if (progress != NULL)
    progress (fraction, _("Writing the PDF summary…"), progress_data);
}

gboolean
uc_report_write_pdf (UcStore               *store,
                     UcAnalysis            *analysis,
                     const char            *path,
                     const UcReportOptions *options,
                     UcProgressFunc         progress,
                     gpointer               progress_data,
                     GCancellable          *cancellable,
                     GError               **error)
{
  UcReportOptions defaults;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *title = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *create_date = NULL;
  g_autofree char *creator = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  Sink sink = { -1, 0 };
  Page page;
  double width_pt, height_pt, reserve;
  int errsv;

  g_return_val_if_fail (store == NULL || UC_IS_STORE (store), FALSE);
  g_return_val_if_fail (analysis != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      uc_report_options_init (&defaults);
      options = &defaults;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  report_progress (progress, progress_data, 0.0);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_write_error (error, path, EISDIR);
      return FALSE;
    }

  /* A temporary file in the same folder, so the final rename is atomic. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  sink.fd = g_mkstemp_full (tmp_path, O_RDWR, 0666);
  if (sink.fd < 0)
    {
      set_write_error (error, path, errno);
      return FALSE;
    }

  now = g_date_time_new_now_local ();
  title = options->title != NULL && options->title[0] != '\0'
          ? g_strdup (options->title) : default_title (store);

  if (options->paper == UC_REPORT_PAPER_LETTER)
    {
      width_pt = LETTER_WIDTH_PT;
      height_pt = LETTER_HEIGHT_PT;
    }
  else
    {
      width_pt = A4_WIDTH_PT;
      height_pt = A4_HEIGHT_PT;
    }

  surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, width_pt, height_pt);
  create_date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  creator = g_strdup_printf ("Undercurrent %s", PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Undercurrent");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  _("Execution Debt summary"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, create_date);

  memset (&page, 0, sizeof page);
  page.cr = cairo_create (surface);
  uc_chart_style_init_light (&page.style);
  page.width = width_pt / PX;
  page.height = height_pt / PX;
  page.x0 = MARGIN;
  page.x1 = page.width - MARGIN;
  page.y = MARGIN - 8.0;
  page.bottom = page.height - MARGIN - 12.0;
  cairo_scale (page.cr, PX, PX);

  draw_header (&page, store, analysis, title, now);
  report_progress (progress, progress_data, 0.2);
  if (g_cancellable_is_cancelled (cancellable))
    goto cancelled;

  draw_teams (&page, analysis);
  report_progress (progress, progress_data, 0.35);
  if (g_cancellable_is_cancelled (cancellable))
    goto cancelled;

  /* Under the table: the legend and the method, and a little air. */
  reserve = draw_legend_and_method (&page, analysis, FALSE) + 12.0;
  draw_chart (&page, analysis,
              /* description, table heading and header, every row, the rest */
              60.0 + 40.0 + ROW_H * (1 + MAX (uc_analysis_get_n_teams (analysis), 1u))
              + 10.0 + reserve);
  report_progress (progress, progress_data, 0.6);
  if (g_cancellable_is_cancelled (cancellable))
    goto cancelled;

  draw_table (&page, analysis, reserve);
  report_progress (progress, progress_data, 0.8);
  if (g_cancellable_is_cancelled (cancellable))
    goto cancelled;

  draw_legend_and_method (&page, analysis, TRUE);
  draw_footer (&page, now);

  cairo_show_page (page.cr);
  status = cairo_status (page.cr);
  cairo_destroy (page.cr);
  page.cr = NULL;
  if (g_cancellable_is_cancelled (cancellable))
    goto cancelled;

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  surface = NULL;

  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (sink.errsv != 0)
        set_write_error (error, path, sink.errsv);
      else
        g_set_error (error, UC_REPORT_ERROR, UC_REPORT_ERROR_WRITE,
                     _("Could not write the report “%s”: %s"),
                     path, cairo_status_to_string (status));
      goto failed;
    }

  if (g_fsync (sink.fd) != 0)
    {
      set_write_error (error, path, errno);
      goto failed;
    }
  errsv = 0;
  if (close (sink.fd) != 0)
    errsv = errno;
  sink.fd = -1;
  if (errsv != 0)
    {
      set_write_error (error, path, errsv);
      goto failed;
    }

  if (g_cancellable_is_cancelled (cancellable))
    goto cancelled;

  if (g_rename (tmp_path, path) != 0)
    {
      set_write_error (error, path, errno);
      goto failed;
    }

  report_progress (progress, progress_data, 1.0);
  return TRUE;

cancelled:
  g_cancellable_set_error_if_cancelled (cancellable, error);

failed:
  g_clear_pointer (&page.cr, cairo_destroy);
  if (surface != NULL)
    {
      /* Finishing flushes into the sink; mark it failed so nothing more
       * is written to a file about to be removed. */
      sink.errsv = ECANCELED;
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
    }
  if (sink.fd >= 0)
    close (sink.fd);
  g_unlink (tmp_path);
  return FALSE;
}
