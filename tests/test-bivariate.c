/* test-bivariate.c — two variables on one map: classes, key, figure
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "lm-bivariate.h"
#include "lm-bivariate-legend-renderer.h"
#include "lm-bivariate-palette.h"
#include "lm-export.h"
#include "lm-map-figure.h"
#include "lm-synthetic.h"

/* ------------------------------------------------------------------ */
/* A small level of our own                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  LmLevel    *level;
  LmVariable *score;   /* higher is worse */
  LmVariable *rank;    /* 1 is worst */
} Fixture;

/* 30 areas: score i (0..29), rank 30 - i ... with area 29 missing the
 * rank and area 0 the score. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->level = lm_level_new ("ward", "Wards", 0);
  lm_level_set_nouns (fixture->level, "ward", "wards");
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *code = g_strdup_printf ("W%02u", i);

      lm_level_add_area (fixture->level, code, code);
    }
  fixture->score = lm_level_add_variable (fixture->level,
                                          lm_variable_new ("a.score", "A score", LM_UNIT_SCORE,
                                                           fixture->level));
  fixture->rank = lm_level_add_variable (fixture->level,
                                         lm_variable_new ("b.rank", "B rank", LM_UNIT_RANK,
                                                          fixture->level));
  for (guint i = 0; i < 30; i++)
    {
      fixture->score->values[i] = i == 0 ? NAN : i;
      fixture->rank->values[i] = i == 29 ? NAN : (i * 7) % 30 + 1;
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_level_free (fixture->level);
}

/* The class each axis should give, worked out here: 2 is the worse end. */
static int
expected_class (double   value,
                double   low,
                double   high,
                gboolean higher_is_worse)
{
  int raw;

  if (isnan (value))
    return -1;
  raw = value <= low ? 0 : value <= high ? 1 : 2;
  return higher_is_worse ? raw : 2 - raw;
}

static void
test_given_breaks (Fixture       *fixture,
                   gconstpointer  data)
{
  LmBivariateBreaks x = { TRUE, 10, 20 }, y = { TRUE, 5, 15 };
  LmBivariateClasses classes;
  gint8 cells[30];
  guint counts[LM_BIVARIATE_CELLS] = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (lm_bivariate_classify (fixture->score, fixture->rank, &x, &y, &classes, cells, &error));
  g_assert_no_error (error);
  for (guint a = 0; a < 30; a++)
    {
      int cx = expected_class (fixture->score->values[a], 10, 20, TRUE);
      int cy = expected_class (fixture->rank->values[a], 5, 15, FALSE);
      int cell = cx < 0 || cy < 0 ? -1 : cy * 3 + cx;

      g_assert_cmpint (cells[a], ==, cell);
      if (cell >= 0)
        counts[cell]++;
    }
  g_assert_cmpmem (classes.count, sizeof counts, counts, sizeof counts);
  g_assert_cmpuint (classes.n_missing, ==, 2);
  /* The worst on both: a score above 20 and a rank of 5 or better. */
  g_assert_cmpint (cells[26], ==, lm_bivariate_cell (2, 2));  /* score 26, rank 3 */
}

/* Tertiles of the areas with both values: 28 of them, so each third
 * holds 9 or 10 of each variable. */
static void
test_tertiles (Fixture       *fixture,
               gconstpointer  data)
{
  LmBivariateClasses classes;
  guint per_x[3] = { 0 }, per_y[3] = { 0 };

  g_assert_true (lm_bivariate_classify (fixture->score, fixture->rank, NULL, NULL, &classes, NULL, NULL));
  g_assert_false (classes.x.given);
  for (guint c = 0; c < LM_BIVARIATE_CELLS; c++)
    {
      per_x[c % 3] += classes.count[c];
      per_y[c / 3] += classes.count[c];
    }
  for (guint k = 0; k < 3; k++)
    {
      g_assert_cmpuint (per_x[k], >=, 9);
      g_assert_cmpuint (per_x[k], <=, 10);
      g_assert_cmpuint (per_y[k], >=, 9);
      g_assert_cmpuint (per_y[k], <=, 10);
    }
  /* Scores 1..28 of the paired areas: a third is 9.33 values. */
  g_assert_cmpfloat (classes.x.low, >=, 9);
  g_assert_cmpfloat (classes.x.low, <, 11);
}

static void
test_words (Fixture       *fixture,
            gconstpointer  data)
{
  LmBivariateBreaks deciles = { TRUE, 1, 3 }, scores = { TRUE, 12.25, 20.5 };
  LmVariable *decile = lm_level_add_variable (fixture->level,
                                              lm_variable_new ("a.decile", "A decile", LM_UNIT_DECILE,
                                                               fixture->level));
  g_autofree char *worst_decile = lm_bivariate_describe_class (decile, &deciles, 2);
  g_autofree char *middle_decile = lm_bivariate_describe_class (decile, &deciles, 1);
  g_autofree char *best_decile = lm_bivariate_describe_class (decile, &deciles, 0);
  g_autofree char *worst_score = lm_bivariate_describe_class (fixture->score, &scores, 2);
  g_autofree char *middle_score = lm_bivariate_describe_class (fixture->score, &scores, 1);

  g_assert_cmpstr (worst_decile, ==, "up to 1");
  g_assert_cmpstr (middle_decile, ==, "2 – 3");
  g_assert_cmpstr (best_decile, ==, "above 3");
  g_assert_cmpstr (worst_score, ==, "above 20.5");
  g_assert_cmpstr (middle_score, ==, "12.2 – 20.5");
}

static void
test_parse (void)
{
  const char * const bad[] = { "imd.score", "a,b,c", "a:1,b", "a:1:x,b", ",b", "a:1:2:3,b" };
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *back = NULL;
  LmBivariateBreaks xb, yb;
  g_autoptr(GError) error = NULL;

  g_assert_true (lm_bivariate_parse ("imd.decile:1:3,cni.score", &x, &y, &xb, &yb, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (x, ==, "imd.decile");
  g_assert_cmpstr (y, ==, "cni.score");
  g_assert_true (xb.given);
  g_assert_cmpfloat (xb.low, ==, 1);
  g_assert_cmpfloat (xb.high, ==, 3);
  g_assert_false (yb.given);
  back = lm_bivariate_to_string (x, y, &xb, &yb);
  g_assert_cmpstr (back, ==, "imd.decile:1:3,cni.score");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *bx = NULL;
      g_autofree char *by = NULL;
      g_autoptr(GError) bad_error = NULL;

      g_assert_false (lm_bivariate_parse (bad[i], &bx, &by, &xb, &yb, &bad_error));
      g_assert_error (bad_error, LM_BIVARIATE_ERROR, LM_BIVARIATE_ERROR_SYNTAX);
      g_assert_nonnull (strstr (bad_error->message, bad[i]));
      g_assert_null (bx);
    }
  g_assert_false (lm_bivariate_parse ("a:3:1,b", &x, &y, &xb, &yb, &error));
  g_assert_error (error, LM_BIVARIATE_ERROR, LM_BIVARIATE_ERROR_BREAKS);
  g_assert_nonnull (strstr (error->message, "a:3:1,b"));
}

static void
test_no_values (Fixture       *fixture,
                gconstpointer  data)
{
  LmVariable *empty = lm_level_add_variable (fixture->level,
                                             lm_variable_new ("c.score", "C score", LM_UNIT_SCORE,
                                                              fixture->level));
  LmBivariateClasses classes;
  g_autoptr(GError) error = NULL;

  g_assert_false (lm_bivariate_classify (fixture->score, empty, NULL, NULL, &classes, NULL, &error));
  g_assert_error (error, LM_BIVARIATE_ERROR, LM_BIVARIATE_ERROR_NO_VALUES);
  g_assert_nonnull (strstr (error->message, "C score"));
  g_assert_nonnull (strstr (error->message, "ward"));
}

/* ------------------------------------------------------------------ */
/* The key                                                            */
/* ------------------------------------------------------------------ */

static gboolean
pixel_is (cairo_surface_t *surface,
          double           x,
          double           y,
          const LmColor   *color)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint32 pixel = *(const guint32 *) (data + (int) y * stride + 4 * (int) x);
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) round (color->red * 255)) <= 1 &&
         abs (g - (int) round (color->green * 255)) <= 1 &&
         abs (b - (int) round (color->blue * 255)) <= 1;
}

static void
test_key (Fixture       *fixture,
          gconstpointer  data)
{
  LmBivariateBreaks x = { TRUE, 10, 20 }, y = { TRUE, 5, 15 };
  LmBivariateClasses classes;
  LmColor colors[LM_BIVARIATE_CELLS];
  g_autoptr(LmBivariateLegendRenderer) key = lm_bivariate_legend_renderer_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  g_assert_true (lm_bivariate_classify (fixture->score, fixture->rank, &x, &y, &classes, NULL, NULL));
  lm_bivariate_palette_get_colors (lm_bivariate_palette_get_default (), colors);
  lm_bivariate_legend_renderer_set_classes (key, fixture->score, fixture->rank, &classes, colors);
  lm_bivariate_legend_renderer_set_font (key, "Sans", 14);
  lm_bivariate_legend_renderer_measure (key, NULL, &width, &height);
  g_assert_cmpfloat (width, >, 100);
  g_assert_cmpfloat (height, >, 80);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width) + 20, (int) ceil (height) + 20);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  lm_bivariate_legend_renderer_draw (key, cr, 10, 10);
  cairo_surface_flush (surface);

  for (guint c = 0; c < LM_BIVARIATE_CELLS; c++)
    {
      double cx, cy, cw, ch;
      g_autofree char *text = lm_bivariate_legend_renderer_describe_cell (key, c);
      g_autofree char *count = g_strdup_printf (": %u ", classes.count[c]);

      g_assert_true (lm_bivariate_legend_renderer_get_cell_rect (key, c, &cx, &cy, &cw, &ch));
      /* A corner of the swatch, clear of its count. */
      g_assert_true (pixel_is (surface, 10 + cx + 2, 10 + cy + 2, &colors[c]));
      g_assert_cmpint (lm_bivariate_legend_renderer_hit_test (key, cx + cw / 2, cy + ch / 2), ==, (int) c);
      g_assert_nonnull (strstr (text, count));
    }
  /* The worse ends: right and top. */
  {
    double x0, y0, w, h, x8, y8;

    lm_bivariate_legend_renderer_get_cell_rect (key, 0, &x0, &y0, &w, &h);
    lm_bivariate_legend_renderer_get_cell_rect (key, 8, &x8, &y8, &w, &h);
    g_assert_cmpfloat (x8, >, x0);
    g_assert_cmpfloat (y8, <, y0);
  }
  g_assert_cmpint (lm_bivariate_legend_renderer_hit_test (key, 1, 1), ==, -1);
  g_assert_cmpint (lm_bivariate_legend_renderer_hit_test (key, width + 50, height), ==, -1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_palettes (void)
{
  g_autoptr(GError) error = NULL;
  LmColor colors[LM_BIVARIATE_CELLS];
  g_autofree char *names = lm_bivariate_palette_list_names ();

  g_assert_cmpstr (names, ==, "pink-blue, green-blue");
  for (guint p = 0; p < 2; p++)
    {
      const LmBivariatePalette *palette = lm_bivariate_palette_lookup (p ? "GREEN-BLUE" : "pink-blue", &error);

      g_assert_no_error (error);
      lm_bivariate_palette_get_colors (palette, colors);
      /* Lightness falls along each axis, so both worst is the darkest
       * and both best the lightest. */
      for (guint c = 0; c < LM_BIVARIATE_CELLS; c++)
        {
          g_assert_cmpfloat (lm_color_get_luminance (&colors[8]), <=, lm_color_get_luminance (&colors[c]));
          g_assert_cmpfloat (lm_color_get_luminance (&colors[0]), >=, lm_color_get_luminance (&colors[c]));
          if (c % 3 < 2)
            g_assert_cmpfloat (lm_color_get_luminance (&colors[c + 1]), <, lm_color_get_luminance (&colors[c]));
          if (c < 6)
            g_assert_cmpfloat (lm_color_get_luminance (&colors[c + 3]), <, lm_color_get_luminance (&colors[c]));
        }
    }
  g_assert_null (lm_bivariate_palette_lookup ("rainbow", &error));
  g_assert_error (error, LM_PALETTE_ERROR, LM_PALETTE_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "rainbow"));
  g_assert_nonnull (strstr (error->message, "pink-blue"));
}

/* ------------------------------------------------------------------ */
/* The figure, on Quadria                                             */
/* ------------------------------------------------------------------ */

static void
test_figure (void)
{
  g_autoptr(GError) error = NULL;
  char *manifest = lm_synthetic_write ();
  g_autofree char *dir = g_path_get_dirname (manifest);
  g_autoptr(LmDataset) dataset = lm_dataset_load (manifest, dir, &error);
  g_autoptr(LmModel) model = NULL;
  g_autoptr(LmMapFigure) figure = NULL;
  g_autofree char *png = g_build_filename (dir, "bivariate.png", NULL);
  LmMapExportOptions options;
  LmBivariateMap *bivariate;
  const gint8 *cells;
  guint n;
  g_autofree char *tooltip = NULL;

  g_assert_no_error (error);
  model = lm_model_new (dataset);
  figure = lm_map_figure_new (model);
  lm_map_export_options_init (&options);
  options.level_id = "parish";
  options.bivariate_x = "hdx.score";
  options.bivariate_y = "hdx.air";
  options.bivariate_palette = "green-blue";
  lm_map_figure_set_options (figure, &options);
  g_assert_true (lm_map_figure_update (figure, &error));
  g_assert_no_error (error);

  bivariate = lm_map_figure_get_bivariate (figure);
  g_assert_nonnull (bivariate);
  g_assert_null (lm_map_figure_get_classification (figure));
  cells = lm_map_figure_get_area_classes (figure, &n);
  g_assert_cmpuint (n, ==, LM_SYNTHETIC_N_PARISHES);
  for (guint a = 0; a < n; a++)
    {
      LmVariable *x = lm_bivariate_map_get_x (bivariate), *y = lm_bivariate_map_get_y (bivariate);
      const LmBivariateClasses *classes = lm_bivariate_map_get_classes (bivariate);
      int cx = expected_class (x->values[a], classes->x.low, classes->x.high, TRUE);
      int cy = expected_class (y->values[a], classes->y.low, classes->y.high, TRUE);

      g_assert_cmpint (cells[a], ==, cy * 3 + cx);
    }
  tooltip = lm_map_figure_describe_area (figure, 0);
  g_assert_nonnull (strstr (tooltip, "Air quality"));
  lm_synthetic_assert_no_foreign_words (tooltip, "the bivariate tooltip");

  /* Exported like any map; and an unknown variable is said, not drawn. */
  g_assert_true (lm_export_map (model, &options, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  options.bivariate_y = "hdx.noise";
  g_assert_false (lm_export_map (model, &options, png, &error));
  g_assert_error (error, LM_MODEL_ERROR, LM_MODEL_ERROR_UNKNOWN_VARIABLE);
  g_remove (png);
  lm_synthetic_remove (manifest);
  g_free (manifest);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/render/bivariate/classes/given-breaks", test_given_breaks);
  ADD ("/render/bivariate/classes/tertiles", test_tertiles);
  ADD ("/render/bivariate/classes/words", test_words);
  ADD ("/render/bivariate/classes/no-values", test_no_values);
  ADD ("/render/bivariate/key", test_key);
#undef ADD
  g_test_add_func ("/render/bivariate/parse", test_parse);
  g_test_add_func ("/render/bivariate/palettes", test_palettes);
  g_test_add_func ("/render/bivariate/figure", test_figure);
  return g_test_run ();
}
