/* test-scatter-renderer.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "lm-scatter-renderer.h"
#include "lm-scatter-renderer-private.h"
#include "lm-stats.h"

#include "lm-test-data.h"

/* A synthetic level of @n areas under a region level of three, with
 * variables "x" (score) and "y" (percent); the caller fills the values. */
typedef struct
{
  LmLevel    *level;
  LmLevel    *region;
  LmVariable *x;
  LmVariable *y;
} Synthetic;

static void
synthetic_init (Synthetic *data,
                guint      n)
{
  data->region = lm_level_new ("region", "Regions", 1);
  for (guint r = 0; r < 3; r++)
    {
      g_autofree char *code = g_strdup_printf ("R%u", r);
      lm_level_add_area (data->region, code, code);
    }
  data->level = lm_level_new ("lad", "Districts", 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("E%05u", i);
      guint a = lm_level_add_area (data->level, code, code);

      data->level->parent[a] = (int) (i % 3);
      data->level->population[a] = 1000 + 37 * (i % 50);
    }
  data->level->parent_level = data->region;
  data->region->child_level = data->level;
  data->x = lm_level_add_variable (data->level, lm_variable_new ("x", "Deprivation score",
                                                                 LM_UNIT_SCORE, data->level));
  data->y = lm_level_add_variable (data->level, lm_variable_new ("y", "Leave vote (%)",
                                                                 LM_UNIT_PERCENT, data->level));
}

static void
synthetic_clear (Synthetic *data)
{
  lm_level_free (data->level);
  lm_level_free (data->region);
}

static void
fill_random (Synthetic *data,
             GRand     *rand)
{
  for (guint i = 0; i < data->level->n_areas; i++)
    {
      double x = g_rand_double_range (rand, 5, 60);

      data->x->values[i] = x;
      data->y->values[i] = 30 + 0.4 * x + g_rand_double_range (rand, -12, 12);
    }
  /* Missing values are not plotted. */
  data->x->values[0] = NAN;
  data->y->values[1] = NAN;
}

static gboolean
is_round_step (double step)
{
  double magnitude = pow (10, floor (log10 (step) + 1e-9));
  double mantissa = step / magnitude;

  return fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 || fabs (mantissa - 5) < 1e-9;
}

static gboolean
is_multiple (double value,
             double step)
{
  double q = value / step;

  return fabs (q - round (q)) < 1e-6;
}

/* A point at a known value is drawn at the expected pixel and nowhere
 * near it is anything else. */
static void
test_point_position (void)
{
  static const double xs[] = { 3, 13, 27, 38 };
  /* The fitted line runs far from the point tested. */
  static const double ys[] = { 30, 75, 61, 22 };
  Synthetic data;
  g_autoptr(LmScatterRenderer) renderer = lm_scatter_renderer_new ();
  cairo_rectangle_t area;
  cairo_surface_t *surface;
  cairo_t *cr;
  double lo, hi, step, px, py, dx, dy;
  const guint8 *pixels;
  int stride;

  synthetic_init (&data, 4);
  for (guint i = 0; i < 4; i++)
    {
      data.x->values[i] = xs[i];
      data.y->values[i] = ys[i];
    }
  lm_scatter_renderer_set_variables (renderer, data.level, data.x, data.y);
  lm_scatter_renderer_set_size (renderer, 800, 500);
  lm_scatter_renderer_get_plot_area (renderer, &area);

  /* x: 3..38 gives ticks of 10 from 0 to 40; y: 22..75 gives 10s, 20..80. */
  lm_scatter_renderer_get_axis (renderer, FALSE, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 40);
  g_assert_cmpfloat (step, ==, 10);
  lm_scatter_renderer_get_axis (renderer, TRUE, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 20);
  g_assert_cmpfloat (hi, ==, 80);
  g_assert_cmpfloat (step, ==, 10);

  /* (27, 61) is 27/40 across and (61-20)/60 up. */
  lm_scatter_renderer_data_to_pixel (renderer, 27, 61, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, area.x + 27.0 / 40 * area.width, 1e-9);
  g_assert_cmpfloat_with_epsilon (py, area.y + area.height - 41.0 / 60 * area.height, 1e-9);
  lm_scatter_renderer_pixel_to_data (renderer, px, py, &dx, &dy);
  g_assert_cmpfloat_with_epsilon (dx, 27, 1e-9);
  g_assert_cmpfloat_with_epsilon (dy, 61, 1e-9);
  g_assert_cmpint (lm_scatter_renderer_find_nearest (renderer, px + 1, py - 1, 5), ==, 2);
  g_assert_cmpint (lm_scatter_renderer_find_nearest (renderer, px + 30, py, 5), ==, -1);

  /* The drawn picture has the point there: a saturated blue pixel at the
   * centre, paper a little beyond its radius. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 500);
  cr = cairo_create (surface);
  lm_scatter_renderer_draw (renderer, cr, 800, 500);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  {
    const guint32 *row = (const guint32 *) (gconstpointer) (pixels + (int) py * stride);
    const guint32 *centre = row + (int) px;
    const guint32 *beside = row + (int) px + 12;
    guint red = *centre >> 16 & 0xff, blue = *centre & 0xff;

    g_assert_cmpuint (blue, >, red + 80);
    g_assert_cmphex (*beside & 0xffffff, ==, 0xffffff);
  }
  cairo_surface_destroy (surface);

  synthetic_clear (&data);
}

/* The least-squares line passes through the mean point (the weighted
 * mean for weighted least squares). */
static void
test_fit_through_mean (void)
{
  Synthetic data;
  g_autoptr(LmScatterRenderer) renderer = lm_scatter_renderer_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const LmStats *stats;
  double x0, y0, x1, y1, mx, my;

  synthetic_init (&data, 300);
  fill_random (&data, rand);
  lm_scatter_renderer_set_variables (renderer, data.level, data.x, data.y);
  lm_scatter_renderer_set_size (renderer, 900, 600);

  for (int weighted = 0; weighted < 2; weighted++)
    {
      double sw = 0, swx = 0, swy = 0, mean_x, mean_y, cross;

      lm_scatter_renderer_set_weighted (renderer, weighted);
      stats = lm_scatter_renderer_get_stats (renderer);
      g_assert_cmpuint (stats->n, ==, 298);
      g_assert_true (lm_scatter_renderer_get_fit_segment (renderer, &x0, &y0, &x1, &y1));

      for (guint i = 0; i < data.level->n_areas; i++)
        {
          double w = weighted ? data.level->population[i] : 1;

          if (isnan (data.x->values[i]) || isnan (data.y->values[i]))
            continue;
          sw += w;
          swx += w * data.x->values[i];
          swy += w * data.y->values[i];
        }
      mean_x = swx / sw;
      mean_y = swy / sw;
      if (!weighted)
        {
          g_assert_cmpfloat_with_epsilon (stats->mean_x, mean_x, 1e-9);
          g_assert_cmpfloat_with_epsilon (stats->mean_y, mean_y, 1e-9);
        }
      lm_scatter_renderer_data_to_pixel (renderer, mean_x, mean_y, &mx, &my);

      /* The mean point lies on the segment: zero cross product, and
       * between its ends. */
      cross = (x1 - x0) * (my - y0) - (y1 - y0) * (mx - x0);
      g_assert_cmpfloat (fabs (cross) / hypot (x1 - x0, y1 - y0), <, 1e-6);
      g_assert_cmpfloat (mx, >, MIN (x0, x1));
      g_assert_cmpfloat (mx, <, MAX (x0, x1));
    }

  synthetic_clear (&data);
}

/* Ticks are 1, 2 or 5 times a power of ten and cover the data. */
static void
test_round_ticks (void)
{
  static const double ranges[][2] = {
    { 0.3, 0.9 }, { 21.4, 75.6 }, { 1, 32844 }, { -3.2, 4.1 }, { 5, 5 },
    { 1e-4, 3e-4 }, { 17.2, 229.3 }, { 0, 100 }, { 99.5, 100.5 }, { -250, -3 },
  };
  Synthetic data;
  g_autoptr(LmScatterRenderer) renderer = lm_scatter_renderer_new ();

  synthetic_init (&data, 2);
  lm_scatter_renderer_set_variables (renderer, data.level, data.x, data.y);
  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    {
      double lo, hi, step;
      guint n_ticks;

      data.x->values[0] = ranges[r][0];
      data.x->values[1] = ranges[r][1];
      data.y->values[0] = ranges[r][1];
      data.y->values[1] = ranges[r][0];
      lm_scatter_renderer_invalidate (renderer);

      for (int y_axis = 0; y_axis < 2; y_axis++)
        {
          lm_scatter_renderer_get_axis (renderer, y_axis, &lo, &hi, &step);
          g_test_message ("%g..%g: %g..%g by %g", ranges[r][0], ranges[r][1], lo, hi, step);
          g_assert_true (is_round_step (step));
          g_assert_true (is_multiple (lo, step));
          g_assert_true (is_multiple (hi, step));
          g_assert_cmpfloat (lo, <=, ranges[r][0]);
          g_assert_cmpfloat (hi, >=, ranges[r][1]);
          g_assert_cmpfloat (hi, >, lo);
          n_ticks = (guint) lround ((hi - lo) / step) + 1;
          g_assert_cmpuint (n_ticks, >=, 3);
          g_assert_cmpuint (n_ticks, <=, 11);
        }
    }
  synthetic_clear (&data);
}

static void
assert_stats_equal (const LmStats *a,
                    const LmStats *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpfloat (a->pearson_r, ==, b->pearson_r);
  g_assert_cmpfloat (a->spearman_rho, ==, b->spearman_rho);
  g_assert_cmpfloat (a->slope, ==, b->slope);
  g_assert_cmpfloat (a->intercept, ==, b->intercept);
  g_assert_cmpfloat (a->r2, ==, b->r2);
  g_assert_cmpint (a->weighted, ==, b->weighted);
}

static void
assert_line (char      **lines,
             const char *expected)
{
  g_assert_true (g_strv_contains ((const char * const *) lines, expected));
}

/* The statistics box against values worked out by hand for
 *   x = 1 2 3 4 5,  y = 2 4 5 4 5
 * (two more areas each lack one value and are not plotted):
 *   means 3 and 4; Sxx = 10, Sxy = 6, Syy = 6;
 *   slope 6/10 = 0.6, intercept 4 - 0.6 * 3 = 2.2;
 *   r = 6 / sqrt (60) = 0.774597, R2 = 0.6;
 *   Spearman: ranks of y with ties averaged are 1 2.5 4.5 2.5 4.5, so
 *   Sxy = 7, Sxx = 10, Syy = 9 and rho = 7 / sqrt (90) = 0.737865.
 * Weighted by population 1 1 1 1 2 (the last point counted twice):
 *   means 20/6 and 25/6; Sxx = 80 - 400/6 = 13.3333, Sxy = 91 - 500/6
 *   = 7.6667, Syy = 111 - 625/6 = 6.8333; slope 0.575, intercept
 *   25/6 - 0.575 * 20/6 = 2.25; r = (23/3) / sqrt (40/3 * 41/6)
 *   = 0.803195, R2 = 0.645122; rho stays 0.737865 (unweighted). */
static void
test_stats_box (void)
{
  static const double xs[] = { 1, 2, 3, 4, 5, NAN, 7 };
  static const double ys[] = { 2, 4, 5, 4, 5, 9, NAN };
  static const double pops[] = { 1, 1, 1, 1, 2, 1, 1 };
  static const struct
  {
    double r, rho, slope, intercept, r2;
    const char *lines[6];
  } expected[2] = {
    { 0.774597, 0.737865, 0.6, 2.2, 0.6,
      { "Statistics", "n = 5", "Pearson r = 0.775", "Spearman ρ = 0.738", "R² = 0.600",
        "y = 2.20 + 0.600 x" } },
    { 0.803195, 0.737865, 0.575, 2.25, 0.645122,
      { "Population-weighted statistics", "n = 5", "Pearson r = 0.803",
        "Spearman ρ = 0.738 (unweighted)", "R² = 0.645", "y = 2.25 + 0.575 x" } },
  };
  Synthetic data;
  g_autoptr(LmScatterRenderer) renderer = lm_scatter_renderer_new ();

  synthetic_init (&data, G_N_ELEMENTS (xs));
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      data.x->values[i] = xs[i];
      data.y->values[i] = ys[i];
      data.level->population[i] = pops[i];
    }
  lm_scatter_renderer_set_variables (renderer, data.level, data.x, data.y);

  for (int weighted = 0; weighted < 2; weighted++)
    {
      const LmStats *stats;
      g_auto(GStrv) lines = NULL;

      lm_scatter_renderer_set_weighted (renderer, weighted);
      stats = lm_scatter_renderer_get_stats (renderer);
      g_assert_cmpuint (stats->n, ==, 5);
      g_assert_cmpint (stats->weighted, ==, weighted);
      g_assert_cmpfloat_with_epsilon (stats->pearson_r, expected[weighted].r, 1e-6);
      g_assert_cmpfloat_with_epsilon (stats->spearman_rho, expected[weighted].rho, 1e-6);
      g_assert_cmpfloat_with_epsilon (stats->slope, expected[weighted].slope, 1e-9);
      g_assert_cmpfloat_with_epsilon (stats->intercept, expected[weighted].intercept, 1e-9);
      g_assert_cmpfloat_with_epsilon (stats->r2, expected[weighted].r2, 1e-6);

      lines = lm_scatter_renderer_format_stats (renderer);
      for (guint i = 0; lines[i] != NULL; i++)
        g_test_message ("%s", lines[i]);
      g_assert_cmpstr (lines[0], ==, expected[weighted].lines[0]);
      for (guint i = 1; i < G_N_ELEMENTS (expected[weighted].lines); i++)
        assert_line (lines, expected[weighted].lines[i]);
    }

  synthetic_clear (&data);
}

/* The grid-bucket hit tests agree with brute force. */
static void
test_hit_tests (void)
{
  Synthetic data;
  g_autoptr(LmScatterRenderer) renderer = lm_scatter_renderer_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  cairo_rectangle_t area;

  synthetic_init (&data, 2000);
  fill_random (&data, rand);
  lm_scatter_renderer_set_variables (renderer, data.level, data.x, data.y);
  lm_scatter_renderer_set_size (renderer, 700, 450);
  lm_scatter_renderer_get_plot_area (renderer, &area);
  g_assert_cmpuint (lm_scatter_renderer_get_n_points (renderer), ==, 1998);

  for (guint q = 0; q < 500; q++)
    {
      double qx = g_rand_double_range (rand, area.x - 20, area.x + area.width + 20);
      double qy = g_rand_double_range (rand, area.y - 20, area.y + area.height + 20);
      double radius = g_rand_double_range (rand, 0, 12);
      double best_d2 = radius * radius;
      int best = -1;

      for (guint i = 0; i < data.level->n_areas; i++)
        {
          double px, py, d2;

          if (isnan (data.x->values[i]) || isnan (data.y->values[i]))
            continue;
          lm_scatter_renderer_data_to_pixel (renderer, data.x->values[i], data.y->values[i],
                                             &px, &py);
          d2 = (px - qx) * (px - qx) + (py - qy) * (py - qy);
          /* Ascending order: the lower index wins ties. */
          if (d2 <= best_d2 && (best < 0 || d2 < best_d2))
            {
              best_d2 = d2;
              best = (int) i;
            }
        }
      g_assert_cmpint (lm_scatter_renderer_find_nearest (renderer, qx, qy, radius), ==, best);
    }

  for (guint q = 0; q < 50; q++)
    {
      double x0 = g_rand_double_range (rand, area.x - 10, area.x + area.width + 10);
      double x1 = g_rand_double_range (rand, area.x - 10, area.x + area.width + 10);
      double y0 = g_rand_double_range (rand, area.y - 10, area.y + area.height + 10);
      double y1 = g_rand_double_range (rand, area.y - 10, area.y + area.height + 10);
      g_autoptr(GArray) found = lm_scatter_renderer_find_in_rect (renderer, x0, y0, x1, y1);
      guint k = 0;

      for (guint i = 0; i < data.level->n_areas; i++)
        {
          double px, py;

          if (isnan (data.x->values[i]) || isnan (data.y->values[i]))
            continue;
          lm_scatter_renderer_data_to_pixel (renderer, data.x->values[i], data.y->values[i],
                                             &px, &py);
          if (px >= MIN (x0, x1) && px <= MAX (x0, x1) && py >= MIN (y0, y1) && py <= MAX (y0, y1))
            {
              g_assert_cmpuint (k, <, found->len);
              g_assert_cmpuint (g_array_index (found, guint, k), ==, i);
              k++;
            }
        }
      g_assert_cmpuint (k, ==, found->len);
    }

  synthetic_clear (&data);
}

/* Resizing lays out again but keeps the normalised data: the same area
 * is found at the scaled position. */
static void
test_resize (void)
{
  Synthetic data;
  g_autoptr(LmScatterRenderer) renderer = lm_scatter_renderer_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  static const int sizes[][2] = { { 1200, 800 }, { 420, 320 }, { 200, 150 } };

  synthetic_init (&data, 500);
  fill_random (&data, rand);
  lm_scatter_renderer_set_variables (renderer, data.level, data.x, data.y);
  lm_scatter_renderer_set_colour_by (renderer, LM_SCATTER_COLOUR_REGION);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                             sizes[s][0], sizes[s][1]);
      cairo_t *cr = cairo_create (surface);
      double px, py;
      guint8 selected[500] = { 0 };

      selected[10] = selected[11] = 1;
      lm_scatter_renderer_draw (renderer, cr, sizes[s][0], sizes[s][1]);
      lm_scatter_renderer_draw_overlay (renderer, cr, selected, 12);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      lm_scatter_renderer_data_to_pixel (renderer, data.x->values[42], data.y->values[42],
                                         &px, &py);
      g_assert_cmpint (lm_scatter_renderer_find_nearest (renderer, px, py, 0.5), ==, 42);
    }

  /* Nothing to plot draws axes and no points, without warnings. */
  lm_scatter_renderer_set_variables (renderer, NULL, NULL, NULL);
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 200);
    cairo_t *cr = cairo_create (surface);

    lm_scatter_renderer_draw (renderer, cr, 300, 200);
    lm_scatter_renderer_draw_overlay (renderer, cr, NULL, -1);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  g_assert_cmpuint (lm_scatter_renderer_get_n_points (renderer), ==, 0);
  g_assert_cmpint (lm_scatter_renderer_find_nearest (renderer, 100, 100, 50), ==, -1);

  synthetic_clear (&data);
}

static void
test_axis_titles (void)
{
  Synthetic data;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *rank = NULL;
  LmVariable *rank_variable;

  synthetic_init (&data, 1);
  rank_variable = lm_level_add_variable (data.level, lm_variable_new ("x.rank", "Deprivation rank",
                                                                      LM_UNIT_RANK, data.level));
  rank_variable->source = g_strdup ("x");
  x = lm_scatter_get_axis_title (data.x);
  y = lm_scatter_get_axis_title (data.y);
  rank = lm_scatter_get_axis_title (rank_variable);
  g_assert_cmpstr (x, ==, "Deprivation score");
  g_assert_cmpstr (y, ==, "Leave vote (%)");
  g_assert_cmpstr (rank, ==, "Deprivation rank (1 = most deprived)");
  g_assert_true (lm_scatter_find_rank_variable (data.x) == rank_variable);
  g_assert_null (lm_scatter_find_rank_variable (data.y));
  synthetic_clear (&data);
}

/* ------------------------------------------------------------------ */
/* Export, on the real data                                           */
/* ------------------------------------------------------------------ */

static LmModel *shared_model;

static LmModel *
get_model (void)
{
  if (shared_model == NULL)
    shared_model = lm_test_load_model ("england-2019");
  return shared_model;
}

static void
assert_png (const char *path,
            int         width,
            int         height)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, height);
  cairo_surface_destroy (image);
}

static void
assert_svg (const char *path)
{
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  xmlNode *root;

  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  xmlFreeDoc (doc);
}

static void
assert_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);
}

static void
test_export_presets (void)
{
  LmModel *model = get_model ();
  g_autofree char *dir = g_dir_make_tmp ("levelmap-scatter-XXXXXX", NULL);

  g_assert_nonnull (dir);
  for (guint r = 0; r < lm_dataset_get_n_reports (lm_model_get_dataset (model)); r++)
    {
      const LmReportPreset *preset = lm_dataset_get_report (lm_model_get_dataset (model), r);
      LmScatterExportOptions options = { 0 };
      const LmStats *report = lm_model_get_report_stats (model, r);
      g_autoptr(LmScatterRenderer) renderer = lm_scatter_renderer_new ();
      LmVariable *x = lm_test_variable (model, preset->level, preset->x);
      LmVariable *y = lm_test_variable (model, preset->level, preset->y);
      g_autoptr(GError) error = NULL;
      static const char *extensions[] = { "png", "svg", "pdf" };

      /* The plot's statistics are the model's report statistics. */
      lm_scatter_renderer_set_variables (renderer, x->level, x, y);
      assert_stats_equal (lm_scatter_renderer_get_stats (renderer), report);
      g_test_message ("%s: n = %u, r = %.4f, rho = %.4f, slope = %.4f, intercept = %.4f, R2 = %.4f",
                      preset->id, report->n, report->pearson_r, report->spearman_rho,
                      report->slope, report->intercept, report->r2);

      options.level = preset->level;
      options.x = preset->x;
      options.y = preset->y;
      options.width = 1000 + 100 * r;
      options.height = 700;
      options.colour_by = g_str_equal (preset->id, "imd-cni") ? LM_SCATTER_COLOUR_LEFT_BEHIND
                                                              : LM_SCATTER_COLOUR_REGION;
      options.show_cutoffs = TRUE;
      options.weighted = g_str_equal (preset->id, "leave-cni");
      for (guint e = 0; e < G_N_ELEMENTS (extensions); e++)
        {
          g_autofree char *name = g_strdup_printf ("%s.%s", preset->id, extensions[e]);
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_assert_true (lm_scatter_export (model, &options, path, &error));
          g_assert_no_error (error);
          if (e == 0)
            assert_png (path, options.width, options.height);
          else if (e == 1)
            assert_svg (path);
          else
            assert_pdf (path);
          g_unlink (path);
        }
    }
  g_rmdir (dir);
}

/* Whether column @x (or, if @x < 0, row @y) of @surface is all the
 * paper colour: nothing drawn reaches that edge. */
static gboolean
edge_is_blank (cairo_surface_t *surface,
               int              x,
               int              y)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  /* RGB24: the top byte is unused. */
  guint32 paper = *(const guint32 *) (const void *) data & 0xffffff;

  cairo_surface_flush (surface);
  for (int i = 0; i < (x >= 0 ? h : w); i++)
    {
      int px = x >= 0 ? x : i, py = x >= 0 ? i : y;

      if ((*(const guint32 *) (const void *) (data + py * stride + 4 * px) & 0xffffff) != paper)
        return FALSE;
    }
  return TRUE;
}

/* Issue 13, defect 6: in a narrow plot the key ("Yorkshire and The
 * Humber") and the weighted statistics wrap instead of running off the
 * edge, and a label of a point at the plot's edge stays inside it. */
static void
test_narrow_text (void)
{
  LmModel *model = get_model ();
  LmLevel *lad = lm_test_variable (model, "lad", "cni.score")->level;
  g_autoptr(LmScatterRenderer) renderer = lm_scatter_renderer_new ();
  static const int sizes[][2] = { { 460, 420 }, { 380, 520 }, { 620, 300 } };
  cairo_rectangle_t rect;

  lm_scatter_renderer_set_variables (renderer, lad, lm_test_variable (model, "lad", "cni.score"),
                                     lm_test_variable (model, "lad", "eu.leave_pct"));
  lm_scatter_renderer_set_colour_by (renderer, LM_SCATTER_COLOUR_REGION);
  lm_scatter_renderer_set_weighted (renderer, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, sizes[i][0],
                                                             sizes[i][1]);
      cairo_t *cr = cairo_create (surface);

      lm_scatter_renderer_draw (renderer, cr, sizes[i][0], sizes[i][1]);
      cairo_destroy (cr);
      g_test_message ("%d x %d", sizes[i][0], sizes[i][1]);
      g_assert_true (edge_is_blank (surface, sizes[i][0] - 1, 0));
      g_assert_true (edge_is_blank (surface, -1, sizes[i][1] - 1));
      cairo_surface_destroy (surface);

      /* A label right of a point in the top-right corner goes left of it,
       * and a point at the bottom edge keeps its label in the plot. */
      g_assert_true (_lm_scatter_place_label (renderer, 90, 14, renderer->plot_x + renderer->plot_w,
                                              renderer->plot_y, NULL, 0, &rect));
      g_assert_cmpfloat (rect.x + rect.width, <=, renderer->plot_x + renderer->plot_w);
      g_assert_cmpfloat (rect.y, >=, renderer->plot_y);
      g_assert_true (_lm_scatter_place_label (renderer, 90, 14, renderer->plot_x,
                                              renderer->plot_y + renderer->plot_h, NULL, 0, &rect));
      g_assert_cmpfloat (rect.y + rect.height, <=, renderer->plot_y + renderer->plot_h);
      g_assert_cmpfloat (rect.x, >=, renderer->plot_x);
    }
}

static void
test_export_errors (void)
{
  LmModel *model = get_model ();
  g_autofree char *dir = g_dir_make_tmp ("levelmap-scatter-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plot.png", NULL);
  LmScatterExportOptions options = { .level = "lad", .x = "imd.score", .y = "no.such.variable" };
  g_autoptr(GError) error = NULL;

  g_assert_false (lm_scatter_export (model, &options, path, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/scatter/point-position", test_point_position);
  g_test_add_func ("/render/scatter/fit-through-mean", test_fit_through_mean);
  g_test_add_func ("/render/scatter/round-ticks", test_round_ticks);
  g_test_add_func ("/render/scatter/stats-box", test_stats_box);
  g_test_add_func ("/render/scatter/hit-tests", test_hit_tests);
  g_test_add_func ("/render/scatter/resize", test_resize);
  g_test_add_func ("/render/scatter/axis-titles", test_axis_titles);
  g_test_add_func ("/render/scatter/export-presets", test_export_presets);
  g_test_add_func ("/render/scatter/export-errors", test_export_errors);
  g_test_add_func ("/render/scatter/narrow-text", test_narrow_text);

  status = g_test_run ();
  g_clear_object (&shared_model);
  return status;
}
