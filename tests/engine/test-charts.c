/* test-charts.c: chart styles, axis ticks, label thinning and drawing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "uc-chart-private.h"

#define MARGIN 16
/* The sentinel colour around the drawing area: it must survive. */
#define SENTINEL 0xfff0ff0fu

/* ---- helpers ---- */

static cairo_surface_t *
surface_with_sentinel (int width,
                       int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guint32 *data;
  int stride;

  cairo_surface_flush (surface);
  data = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      data[y * stride + x] = SENTINEL;
  cairo_surface_mark_dirty (surface);
  return surface;
}

typedef struct
{
  guint  n_changed;     /* pixels inside the area that are not the sentinel */
  guint  n_inside;
  double variance;      /* of the luminance inside */
  guint  n_outside_changed;
} PixelStats;

static void
pixel_stats (cairo_surface_t *surface,
             double           width,
             double           height,
             PixelStats      *stats)
{
  int sw = cairo_image_surface_get_width (surface);
  int sh = cairo_image_surface_get_height (surface);
  int stride;
  guint32 *data;
  double sum = 0.0, sum2 = 0.0;
  int x1 = MARGIN + (int) ceil (width);
  int y1 = MARGIN + (int) ceil (height);

  cairo_surface_flush (surface);
  data = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  memset (stats, 0, sizeof *stats);

  for (int y = 0; y < sh; y++)
    for (int x = 0; x < sw; x++)
      {
        guint32 p = data[y * stride + x];
        gboolean inside = x >= MARGIN && x < x1 && y >= MARGIN && y < y1;

        if (!inside)
          {
            if (p != SENTINEL)
              stats->n_outside_changed++;
            continue;
          }
        {
          double l = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);

          stats->n_inside++;
          sum += l;
          sum2 += l * l;
          if (p != SENTINEL)
            stats->n_changed++;
        }
      }
  if (stats->n_inside > 0)
    stats->variance = sum2 / stats->n_inside - (sum / stats->n_inside) * (sum / stats->n_inside);
}

/* Draws @chart at (MARGIN, MARGIN) into a surface with a sentinel border. */
static cairo_surface_t *
draw_chart (const UcLineChart  *chart,
            const UcChartStyle *style,
            double              width,
            double              height)
{
  cairo_surface_t *surface = surface_with_sentinel ((int) ceil (width) + 2 * MARGIN,
                                                    (int) ceil (height) + 2 * MARGIN);
  cairo_t *cr = cairo_create (surface);

  cairo_translate (cr, MARGIN, MARGIN);
  uc_line_chart_draw (cr, width, height, chart, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static UcLineChart *
sample_chart (guint n_weeks,
              guint n_series)
{
  static const char *names[] = {
    "Atlas", "Borealis", "Cassiopeia and the extremely long team name of the platform group",
    "Draco", "Eridanus", "Fornax", "Gemini", "Hydra", "Indus", "Lyra",
  };
  UcLineChart *chart = uc_line_chart_new ();
  g_autofree double *values = g_new (double, n_weeks);

  chart->title = g_strdup ("Commit concentration (CA.gini)");
  chart->name = g_strdup ("CA.gini");
  for (guint w = 0; w < n_weeks; w++)
    g_ptr_array_add (chart->x_labels, uc_week_format (uc_week_add (202547, (int) w)));
  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *label = NULL;

      for (guint w = 0; w < n_weeks; w++)
        values[w] = 0.2 + 0.05 * s + 0.15 * sin (w / 4.0 + s);
      /* Gaps, and a lone value between two gaps. */
      if (n_weeks > 12)
        {
          values[3] = NAN;
          values[4] = NAN;
          values[6] = NAN;
        }
      label = s < G_N_ELEMENTS (names) ? g_strdup (names[s])
              : g_strdup_printf ("Team number %u with a long name", s);
      uc_line_chart_add_series (chart, label, values, n_weeks);
    }
  chart->marker_index = n_weeks > 10 ? (int) n_weeks - 8 : -1;
  if (n_series >= 5)
    {
      chart->healthy_line = 0.3;
      chart->alarming_line = 0.7;
    }
  return chart;
}

/* ---- style ---- */

static gboolean
same_color (UcRgba a,
            UcRgba b)
{
  return fabs (a.red - b.red) < 1e-9 && fabs (a.green - b.green) < 1e-9
         && fabs (a.blue - b.blue) < 1e-9 && fabs (a.alpha - b.alpha) < 1e-9;
}

static void
test_charts_style (void)
{
  UcChartStyle light, dark;
  UcRgba white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 1 };

  uc_chart_style_init_light (&light);
  uc_chart_style_init_dark (&dark);

  g_assert_nonnull (light.font_family);
  g_assert_nonnull (strstr (light.font_family, "Cantarell"));
  g_assert_cmpfloat (light.font_size, >, 5.0);
  g_assert_cmpfloat (light.background.alpha, ==, 0.0);
  /* GNOME blue_3 leads the light palette. */
  g_assert_cmpfloat (fabs (light.palette[0].red - 0x35 / 255.0), <, 1e-9);
  g_assert_cmpfloat (fabs (light.palette[0].blue - 0xe4 / 255.0), <, 1e-9);
  /* Dark variants are lighter. */
  for (guint i = 0; i < UC_CHART_N_PALETTE; i++)
    {
      UcRgba a = light.palette[i], b = dark.palette[i];

      g_assert_cmpfloat (a.red + a.green + a.blue, <, b.red + b.green + b.blue);
    }
  g_assert_cmpfloat (light.foreground.red, <, dark.foreground.red);

  g_assert_true (same_color (uc_chart_style_score_color (&light, 0.0), light.good));
  g_assert_true (same_color (uc_chart_style_score_color (&light, -10.0), light.good));
  g_assert_true (same_color (uc_chart_style_score_color (&light, 50.0), light.warning));
  g_assert_true (same_color (uc_chart_style_score_color (&light, 100.0), light.bad));
  g_assert_true (same_color (uc_chart_style_score_color (&light, 250.0), light.bad));
  g_assert_true (same_color (uc_chart_style_score_color (&light, NAN), light.dim));
  {
    UcRgba mid = uc_chart_style_score_color (&light, 75.0);

    g_assert_cmpfloat (mid.green, <, light.warning.green + 1e-9);
    g_assert_cmpfloat (mid.green, >, light.bad.green - 1e-9);
  }

  g_assert_cmpint (uc_score_band (NAN), ==, UC_SCORE_BAND_NONE);
  g_assert_cmpint (uc_score_band (0.0), ==, UC_SCORE_BAND_GOOD);
  g_assert_cmpint (uc_score_band (33.0), ==, UC_SCORE_BAND_GOOD);
  g_assert_cmpint (uc_score_band (34.0), ==, UC_SCORE_BAND_WARNING);
  g_assert_cmpint (uc_score_band (66.0), ==, UC_SCORE_BAND_WARNING);
  g_assert_cmpint (uc_score_band (67.0), ==, UC_SCORE_BAND_BAD);
  g_assert_cmpint (uc_score_band (100.0), ==, UC_SCORE_BAND_BAD);
  g_assert_true (same_color (uc_chart_style_band_color (&light, UC_SCORE_BAND_BAD), light.bad));
  g_assert_true (same_color (uc_chart_style_band_color (&light, UC_SCORE_BAND_NONE), light.dim));

  g_assert_cmpfloat (uc_chart_style_text_color_on (&white).red, <, 0.5);
  g_assert_cmpfloat (uc_chart_style_text_color_on (&black).red, >, 0.5);
}

/* ---- numbers ---- */

static void
test_charts_format_value (void)
{
  static const struct { double v; const char *text; } cases[] = {
    { 0.42, "0.42" }, { 0.4, "0.4" }, { 3.0, "3" }, { 12.5, "12.5" },
    { 12.04, "12" }, { 1234.4, "1234" }, { -0.001, "0" }, { -2.25, "-2.25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = _uc_chart_format_value (cases[i].v);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autofree char *text = _uc_chart_format_value (NAN);

    g_assert_cmpstr (text, ==, "–");
  }
}

static void
test_charts_ticks (void)
{
  static const struct
  {
    double lo, hi;
    guint max_ticks;
    gboolean fixed;
    double min, max, step;
    int decimals;
  } cases[] = {
    { 0.0, 0.73, 6, FALSE, 0.0, 0.8, 0.2, 1 },
    { 0.0, 0.73, 3, FALSE, 0.0, 1.0, 0.5, 1 },
    { 12.0, 87.0, 5, FALSE, 0.0, 100.0, 25.0, 0 },
    { 0.0, 100.0, 6, TRUE, 0.0, 100.0, 20.0, 0 },
    { 0.0, 1.0, 5, TRUE, 0.0, 1.0, 0.25, 2 },
    { 1.0, 4.0, 7, FALSE, 1.0, 4.0, 0.5, 1 },
    { 5.0, 5.0, 5, FALSE, 4.5, 5.5, 0.25, 2 },
    { 0.0, 0.0, 5, FALSE, 0.0, 1.0, 0.25, 2 },
    { -3.0, 7.0, 6, FALSE, -5.0, 7.5, 2.5, 1 },
    { -3.0, 7.0, 7, FALSE, -4.0, 8.0, 2.0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      UcChartTicks t;

      _uc_chart_nice_ticks (cases[i].lo, cases[i].hi, cases[i].max_ticks, cases[i].fixed, &t);
      g_test_message ("case %u: [%g, %g] step %g, %u ticks", i, t.min, t.max, t.step, t.n_ticks);
      g_assert_cmpfloat_with_epsilon (t.min, cases[i].min, 1e-9);
      g_assert_cmpfloat_with_epsilon (t.max, cases[i].max, 1e-9);
      g_assert_cmpfloat_with_epsilon (t.step, cases[i].step, 1e-9);
      g_assert_cmpint (t.decimals, ==, cases[i].decimals);
      g_assert_cmpuint (t.n_ticks, >=, 2);
      g_assert_cmpuint (t.n_ticks, <=, cases[i].max_ticks);
      g_assert_cmpfloat (t.first, >=, t.min - 1e-9);
      g_assert_cmpfloat (t.first + t.step * (t.n_ticks - 1), <=, t.max + 1e-9);
    }
}

/* ---- label thinning ---- */

static void
check_labels (const double   *centers,
              const double   *widths,
              guint           n,
              double          min_x,
              double          max_x,
              double          gap,
              guint           expect_min,
              guint           expect_max)
{
  g_autofree double *lefts = g_new0 (double, n);
  g_autofree gboolean *drawn = g_new0 (gboolean, n);
  guint count, seen = 0;
  double prev_right = -G_MAXDOUBLE;
  int step = -1, prev = -1;

  count = _uc_chart_pick_labels (centers, widths, n, min_x, max_x, gap, lefts, drawn);
  g_assert_cmpuint (count, >=, expect_min);
  g_assert_cmpuint (count, <=, expect_max);

  for (guint i = 0; i < n; i++)
    {
      if (!drawn[i])
        continue;
      seen++;
      /* Inside the bounds, and never overlapping the previous label. */
      g_assert_cmpfloat (lefts[i], >=, min_x - 1e-9);
      g_assert_cmpfloat (lefts[i] + widths[i], <=, max_x + 1e-9);
      g_assert_cmpfloat (lefts[i], >=, prev_right + gap - 1e-9);
      prev_right = lefts[i] + widths[i];
      /* Evenly thinned. */
      if (prev >= 0)
        {
          if (step < 0)
            step = (int) i - prev;
          g_assert_cmpint ((int) i - prev, ==, step);
        }
      prev = (int) i;
    }
  g_assert_cmpuint (seen, ==, count);
  /* The latest label is always among the drawn ones. */
  if (count > 0)
    g_assert_true (drawn[n - 1]);
}

static void
test_charts_label_thinning (void)
{
  double centers[60], widths[60];

  /* 40 labels 50 wide, 10 apart: thinned to about one in six. */
  for (guint i = 0; i < 40; i++)
    {
      centers[i] = 20.0 + i * 10.0;
      widths[i] = 50.0;
    }
  check_labels (centers, widths, 40, 0.0, 420.0, 4.0, 5, 8);

  /* Plenty of room: all of them. */
  for (guint i = 0; i < 5; i++)
    {
      centers[i] = 40.0 + i * 80.0;
      widths[i] = 50.0;
    }
  check_labels (centers, widths, 5, 0.0, 400.0, 4.0, 5, 5);

  /* Edge labels are shifted inside the bounds rather than dropped. */
  check_labels (centers, widths, 5, 30.0, 370.0, 4.0, 3, 5);

  /* Varying widths, tiny area. */
  for (guint i = 0; i < 60; i++)
    {
      centers[i] = 10.0 + i * 3.0;
      widths[i] = 30.0 + (i % 7) * 5.0;
    }
  check_labels (centers, widths, 60, 0.0, 190.0, 3.0, 1, 6);

  /* One label wider than the area: nothing fits. */
  centers[0] = 50.0;
  widths[0] = 150.0;
  check_labels (centers, widths, 1, 0.0, 100.0, 4.0, 0, 0);

  /* A single label that fits. */
  widths[0] = 60.0;
  check_labels (centers, widths, 1, 0.0, 100.0, 4.0, 1, 1);
}

/* ---- drawing ---- */

static void
test_charts_draw_sizes (void)
{
  static const struct { double w, h; } sizes[] = {
    { 200, 120 }, { 240, 140 }, { 320, 200 }, { 480, 270 },
    { 640, 360 }, { 1280, 720 }, { 1920, 400 }, { 333.5, 201.25 }, { 150, 90 },
  };
  UcChartStyle light, dark;

  uc_chart_style_init_light (&light);
  uc_chart_style_init_dark (&dark);

  for (guint n_series = 1; n_series <= 12; n_series += 4)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      for (guint d = 0; d < 2; d++)
        {
          g_autoptr(UcLineChart) chart = sample_chart (40, n_series);
          cairo_surface_t *surface;
          PixelStats stats;

          surface = draw_chart (chart, d ? &dark : &light, sizes[i].w, sizes[i].h);
          pixel_stats (surface, sizes[i].w, sizes[i].h, &stats);
          g_test_message ("%u series, %gx%g %s: %u/%u changed, variance %.0f",
                          n_series, sizes[i].w, sizes[i].h, d ? "dark" : "light",
                          stats.n_changed, stats.n_inside, stats.variance);
          g_assert_cmpuint (stats.n_outside_changed, ==, 0);
          g_assert_cmpuint (stats.n_changed, >, MIN (stats.n_inside / 50, 4000));
          g_assert_cmpfloat (stats.variance, >, 50.0);
          cairo_surface_destroy (surface);
        }
}

static void
test_charts_draw_fixed_range (void)
{
  g_autoptr(UcLineChart) chart = sample_chart (30, 3);
  cairo_surface_t *surface;
  UcChartStyle style;
  PixelStats stats;

  uc_chart_style_init_light (&style);
  /* Values outside a fixed range stay inside the chart. */
  chart->y_min = 0.3;
  chart->y_max = 0.35;
  g_clear_pointer (&chart->title, g_free);
  chart->y_label = g_strdup ("Gini (0–1)");
  style.background = (UcRgba) { 1, 1, 1, 1 };
  surface = draw_chart (chart, &style, 400, 240);
  pixel_stats (surface, 400, 240, &stats);
  g_assert_cmpuint (stats.n_outside_changed, ==, 0);
  g_assert_cmpuint (stats.n_changed, ==, stats.n_inside);   /* opaque background */
  g_assert_cmpfloat (stats.variance, >, 50.0);
  cairo_surface_destroy (surface);
}

static void
test_charts_draw_few_points (void)
{
  UcChartStyle style;
  static const double one[] = { 0.5 };
  static const double two[] = { NAN, 0.5 };

  uc_chart_style_init_light (&style);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(UcLineChart) chart = uc_line_chart_new ();
      cairo_surface_t *surface;
      PixelStats stats;

      g_ptr_array_add (chart->x_labels, g_strdup ("2026-W01"));
      if (i == 1)
        g_ptr_array_add (chart->x_labels, g_strdup ("2026-W02"));
      uc_line_chart_add_series (chart, "Atlas", i == 0 ? one : two, i + 1);
      surface = draw_chart (chart, &style, 300, 180);
      pixel_stats (surface, 300, 180, &stats);
      g_assert_cmpuint (stats.n_outside_changed, ==, 0);
      g_assert_cmpuint (stats.n_changed, >, 200);
      cairo_surface_destroy (surface);
    }
}

static void
test_charts_no_data (void)
{
  UcChartStyle style;
  static const double gaps[] = { NAN, NAN, NAN };

  uc_chart_style_init_light (&style);
  for (guint kind = 0; kind < 3; kind++)
    {
      g_autoptr(UcLineChart) chart = uc_line_chart_new ();
      g_autofree char *text = NULL;
      cairo_surface_t *surface;
      PixelStats stats;
      int stride, cx, cy, dark_pixels = 0;
      guint32 *data;

      if (kind >= 1)
        {
          for (guint w = 0; w < 3; w++)
            g_ptr_array_add (chart->x_labels, uc_week_format (uc_week_add (202601, (int) w)));
          uc_line_chart_add_series (chart, "Atlas", gaps, 3);
        }
      if (kind == 2)
        chart->title = g_strdup ("Commit concentration");

      text = uc_line_chart_describe (chart);
      g_assert_true (g_str_has_suffix (text, "no data."));

      surface = draw_chart (chart, &style, 240, 140);
      pixel_stats (surface, 240, 140, &stats);
      g_assert_cmpuint (stats.n_outside_changed, ==, 0);
      g_assert_cmpfloat (stats.variance, >, 10.0);

      /* "No data" is written in the middle of the chart. */
      cairo_surface_flush (surface);
      data = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface) / 4;
      cx = MARGIN + 120;
      cy = MARGIN + (kind == 2 ? 80 : 70);
      for (int y = cy - 12; y < cy + 12; y++)
        for (int x = cx - 50; x < cx + 50; x++)
          if (data[y * stride + x] != SENTINEL)
            dark_pixels++;
      g_assert_cmpint (dark_pixels, >, 40);
      cairo_surface_destroy (surface);
    }
}

static void
test_charts_describe (void)
{
  g_autoptr(UcLineChart) chart = uc_line_chart_new ();
  const double atlas[] = { 0.5, 0.45, 0.42 };
  const double borealis[] = { 0.3, 0.31, NAN };
  const double other[] = { NAN, NAN, NAN };
  g_autofree char *text = NULL;

  /* Defaults of a new chart. */
  g_assert_cmpint (chart->marker_index, ==, -1);
  g_assert_true (isnan (chart->healthy_line));
  g_assert_true (isnan (chart->alarming_line));
  g_assert_cmpfloat (chart->y_max, <=, chart->y_min);

  for (guint w = 0; w < 3; w++)
    g_ptr_array_add (chart->x_labels, uc_week_format (uc_week_add (202645, (int) w)));
  chart->title = g_strdup ("Commit concentration (CA.gini)");
  chart->name = g_strdup ("CA.gini");
  uc_line_chart_add_series (chart, "Atlas", atlas, 3);
  uc_line_chart_add_series (chart, "Borealis", borealis, 3);
  uc_line_chart_add_series (chart, "Other", other, 3);

  text = uc_line_chart_describe (chart);
  g_assert_cmpstr (text, ==,
                   "CA.gini for 3 teams over 3 weeks; latest: Atlas 0.42, "
                   "Borealis 0.31 (2026-W46), Other no data.");
  g_clear_pointer (&text, g_free);

  /* Without a name, the title; singular forms. */
  g_clear_pointer (&chart->name, g_free);
  g_ptr_array_set_size (chart->series, 1);
  g_ptr_array_set_size (chart->x_labels, 1);
  g_array_set_size (((UcChartSeries *) g_ptr_array_index (chart->series, 0))->values, 1);
  text = uc_line_chart_describe (chart);
  g_assert_cmpstr (text, ==,
                   "Commit concentration (CA.gini) for 1 team over 1 week; latest: Atlas 0.5.");
}

static void
test_charts_sparkline (void)
{
  UcChartStyle style;
  const double values[] = { 10, 12, NAN, 30, 28, 35, 50, NAN, 45 };
  const double nothing[] = { NAN, NAN };
  UcRgba red = { 0.9, 0.1, 0.1, 1.0 };

  uc_chart_style_init_light (&style);
  for (guint i = 0; i < 4; i++)
    {
      static const struct { double w, h; } sizes[] = { { 80, 24 }, { 160, 40 }, { 30, 10 }, { 400, 100 } };
      cairo_surface_t *surface = surface_with_sentinel ((int) sizes[i].w + 2 * MARGIN,
                                                        (int) sizes[i].h + 2 * MARGIN);
      cairo_t *cr = cairo_create (surface);
      PixelStats stats;

      cairo_translate (cr, MARGIN, MARGIN);
      uc_sparkline_draw (cr, sizes[i].w, sizes[i].h, values, G_N_ELEMENTS (values),
                         i % 2 ? &red : NULL, &style);
      cairo_destroy (cr);
      pixel_stats (surface, sizes[i].w, sizes[i].h, &stats);
      g_assert_cmpuint (stats.n_outside_changed, ==, 0);
      g_assert_cmpuint (stats.n_changed, >, stats.n_inside / 20);
      cairo_surface_destroy (surface);
    }

  /* No value: a dashed line, still something to see. */
  {
    cairo_surface_t *surface = surface_with_sentinel (80 + 2 * MARGIN, 24 + 2 * MARGIN);
    cairo_t *cr = cairo_create (surface);
    PixelStats stats;

    cairo_translate (cr, MARGIN, MARGIN);
    uc_sparkline_draw (cr, 80, 24, nothing, G_N_ELEMENTS (nothing), NULL, &style);
    uc_sparkline_draw (cr, 80, 24, NULL, 0, NULL, &style);
    cairo_destroy (cr);
    pixel_stats (surface, 80, 24, &stats);
    g_assert_cmpuint (stats.n_outside_changed, ==, 0);
    g_assert_cmpuint (stats.n_changed, >, 20);
    cairo_surface_destroy (surface);
  }
}

static void
test_charts_score_chip (void)
{
  UcChartStyle style;
  static const double scores[] = { 0.0, 12.4, 50.0, 99.6, 100.0, NAN };

  uc_chart_style_init_light (&style);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      cairo_surface_t *surface = surface_with_sentinel (120, 60);
      cairo_t *cr = cairo_create (surface);
      double measured, drawn;
      guint32 *data;
      int stride;

      measured = uc_score_chip_get_width (cr, 20.0, scores[i], &style);
      drawn = uc_score_chip_draw (cr, MARGIN, MARGIN, 20.0, scores[i], &style);
      cairo_destroy (cr);
      g_assert_cmpfloat (measured, ==, drawn);
      g_assert_cmpfloat (drawn, >=, 20.0);
      g_assert_cmpfloat (drawn, <, 80.0);

      /* The chip's fill is its band colour (sampled left of the text). */
      cairo_surface_flush (surface);
      data = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface) / 4;
      {
        guint32 p = data[(MARGIN + 10) * stride + MARGIN + 4];
        UcRgba band = uc_chart_style_band_color (&style, uc_score_band (scores[i]));

        if (isnan (scores[i]))
          g_assert_cmphex (p, ==, SENTINEL);   /* outlined only */
        else
          {
            g_assert_cmpint (abs ((int) ((p >> 16) & 0xff) - (int) lround (band.red * 255)), <=, 1);
            g_assert_cmpint (abs ((int) ((p >> 8) & 0xff) - (int) lround (band.green * 255)), <=, 1);
            g_assert_cmpint (abs ((int) (p & 0xff) - (int) lround (band.blue * 255)), <=, 1);
          }
      }
      cairo_surface_destroy (surface);
    }
}

static void
test_charts_pdf_surface (void)
{
  /* The same call works on a vector surface. */
  g_autoptr(UcLineChart) chart = sample_chart (20, 3);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  UcChartStyle style;
  double x, y, w, h;

  uc_chart_style_init_light (&style);
  uc_line_chart_draw (cr, 500, 300, chart, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  g_assert_cmpfloat (x, >=, 0.0);
  g_assert_cmpfloat (y, >=, 0.0);
  g_assert_cmpfloat (x + w, <=, 500.0);
  g_assert_cmpfloat (y + h, <=, 300.0);
  g_assert_cmpfloat (w * h, >, 500.0 * 300.0 * 0.5);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/charts/style", test_charts_style);
  g_test_add_func ("/charts/format-value", test_charts_format_value);
  g_test_add_func ("/charts/ticks", test_charts_ticks);
  g_test_add_func ("/charts/label-thinning", test_charts_label_thinning);
  g_test_add_func ("/charts/draw-sizes", test_charts_draw_sizes);
  g_test_add_func ("/charts/draw-fixed-range", test_charts_draw_fixed_range);
  g_test_add_func ("/charts/draw-few-points", test_charts_draw_few_points);
  g_test_add_func ("/charts/no-data", test_charts_no_data);
  g_test_add_func ("/charts/describe", test_charts_describe);
  g_test_add_func ("/charts/sparkline", test_charts_sparkline);
  g_test_add_func ("/charts/score-chip", test_charts_score_chip);
  g_test_add_func ("/charts/pdf-surface", test_charts_pdf_surface);

  return g_test_run ();
}
