/* test-legend-renderer.c — the legend: rows, counts, order, hit-testing
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>


#include "lm-legend-renderer.h"
#include "lm-level.h"

typedef struct
{
  LmLevel          *level;
  LmVariable       *variable;
  LmClassification  classes;
  LmColor           colors[LM_CLASSIFY_MAX_CLASSES];
} Fixture;

/* 200 areas: 190 values 1..190 (with repeats), 10 without a value. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  LmUnit unit = GPOINTER_TO_INT (data);

  fixture->level = lm_level_new ("ward", "Wards", 1);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *code = g_strdup_printf ("W%03u", i);

      lm_level_add_area (fixture->level, code, code);
    }
  fixture->variable = lm_level_add_variable (fixture->level,
                                             lm_variable_new ("v", "Some score", unit,
                                                              fixture->level));
  for (guint i = 0; i < 200; i++)
    fixture->variable->values[i] = i % 20 == 7 ? NAN : 1 + (i * 37) % 190 + 0.25;

  g_assert_true (lm_classify (fixture->variable->values, 200, LM_CLASSIFY_QUANTILE, 5,
                              &fixture->classes));
  lm_palette_get_colors_for_variable (lm_palette_lookup ("viridis", NULL), fixture->variable,
                                      fixture->classes.n_classes, fixture->colors);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lm_level_free (fixture->level);
}

static LmLegendRenderer *
make_legend (Fixture *fixture)
{
  LmLegendRenderer *legend = lm_legend_renderer_new ();

  lm_legend_renderer_set_classes (legend, fixture->variable, &fixture->classes,
                                  fixture->colors, NULL);
  lm_legend_renderer_set_title (legend, NULL, "Wards · Test data");
  lm_legend_renderer_set_left_behind (legend, TRUE, NULL, 12);
  lm_legend_renderer_set_font (legend, "Sans", 14);
  return legend;
}

static void
row_center (LmLegendRenderer *legend,
            int               row,
            double           *x,
            double           *y)
{
  double rx, ry, rw, rh;

  g_assert_true (lm_legend_renderer_get_row_rect (legend, row, &rx, &ry, &rw, &rh));
  g_assert_cmpfloat (rw, >, 0);
  g_assert_cmpfloat (rh, >, 0);
  *x = rx + rw / 2;
  *y = ry + rh / 2;
}

static void
test_classes_feed_legend (Fixture       *fixture,
                          gconstpointer  data)
{
  const LmClassification *classes = &fixture->classes;
  guint sum = 0;

  /* Counts sum to the areas with a value; the rest are "no data" */
  for (guint k = 0; k < classes->n_classes; k++)
    sum += classes->count[k];
  g_assert_cmpuint (sum, ==, lm_variable_count_values (fixture->variable));
  g_assert_cmpuint (classes->n_missing, ==, 10);
  g_assert_cmpuint (sum + classes->n_missing, ==, fixture->level->n_areas);

  /* Bounds are monotonic */
  for (guint k = 0; k < classes->n_classes; k++)
    {
      g_assert_cmpfloat (classes->lower[k], <=, classes->upper[k]);
      if (k > 0)
        g_assert_cmpfloat (classes->upper[k - 1], <=, classes->lower[k]);
    }
}

static void
test_measure_and_rows (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LmLegendRenderer) legend = make_legend (fixture);
  LmUnit unit = GPOINTER_TO_INT (data);
  double width, height, x, y, y_low, y_high, y_missing, y_left;
  guint n = fixture->classes.n_classes;

  lm_legend_renderer_measure (legend, NULL, &width, &height);
  g_assert_cmpfloat (width, >, 50);
  g_assert_cmpfloat (height, >, 14 * (n + 3));

  /* Every class has a row, hit-testing finds it */
  for (guint k = 0; k < n; k++)
    {
      row_center (legend, k, &x, &y);
      g_assert_cmpint (lm_legend_renderer_hit_test (legend, x, y), ==, (int) k);
      g_assert_cmpint (lm_legend_renderer_hit_test (legend, 2, y), ==, (int) k);
    }
  row_center (legend, LM_LEGEND_HIT_NO_DATA, &x, &y_missing);
  g_assert_cmpint (lm_legend_renderer_hit_test (legend, x, y_missing), ==, LM_LEGEND_HIT_NO_DATA);
  row_center (legend, LM_LEGEND_HIT_LEFT_BEHIND, &x, &y_left);
  g_assert_cmpint (lm_legend_renderer_hit_test (legend, x, y_left), ==, LM_LEGEND_HIT_LEFT_BEHIND);
  g_assert_cmpint (lm_legend_renderer_hit_test (legend, 5, 3), ==, LM_LEGEND_HIT_TITLE);
  g_assert_cmpint (lm_legend_renderer_hit_test (legend, -5, y_left), ==, LM_LEGEND_HIT_NONE);
  g_assert_cmpint (lm_legend_renderer_hit_test (legend, 5, height + 5), ==, LM_LEGEND_HIT_NONE);
  g_assert_false (lm_legend_renderer_get_row_rect (legend, 99, NULL, NULL, NULL, NULL));
  g_assert_null (lm_legend_renderer_describe_row (legend, 99));
  {
    g_autofree char *text = lm_legend_renderer_describe_row (legend, LM_LEGEND_HIT_LEFT_BEHIND);
    g_autofree char *first = lm_legend_renderer_describe_row (legend, 0);
    g_autofree char *count = g_strdup_printf (": %u areas", fixture->classes.count[0]);

    g_assert_cmpstr (text, ==, "Left behind: 12 areas");
    g_assert_true (g_str_has_suffix (first, count));
  }

  /* The worst class is at the top: the highest scores, the lowest ranks */
  row_center (legend, 0, &x, &y_low);
  row_center (legend, n - 1, &x, &y_high);
  if (unit == LM_UNIT_SCORE)
    g_assert_cmpfloat (y_high, <, y_low);
  else
    g_assert_cmpfloat (y_low, <, y_high);
  /* "No data" and "Left behind" come after the classes */
  g_assert_cmpfloat (y_missing, >, MAX (y_low, y_high));
  g_assert_cmpfloat (y_left, >, y_missing);

  /* Without missing values or left-behind areas, no such rows */
  {
    LmClassification full = fixture->classes;

    full.n_missing = 0;
    lm_legend_renderer_set_classes (legend, fixture->variable, &full, fixture->colors, NULL);
    lm_legend_renderer_set_left_behind (legend, FALSE, NULL, 0);
    lm_legend_renderer_measure (legend, NULL, &width, &y);
    g_assert_cmpfloat (y, <, height);
    g_assert_false (lm_legend_renderer_get_row_rect (legend, LM_LEGEND_HIT_NO_DATA,
                                                     NULL, NULL, NULL, NULL));
    g_assert_false (lm_legend_renderer_get_row_rect (legend, LM_LEGEND_HIT_LEFT_BEHIND,
                                                     NULL, NULL, NULL, NULL));
  }
}

static guint32
argb (const LmColor *color)
{
  return 0xff000000u
         | (guint32) lround (color->red * 255) << 16
         | (guint32) lround (color->green * 255) << 8
         | (guint32) lround (color->blue * 255);
}

static void
test_draw_swatches (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LmLegendRenderer) legend = make_legend (fixture);
  double width, height;
  cairo_surface_t *image;
  cairo_t *cr;
  const double ox = 10, oy = 20;
  guint text_pixels = 0;
  LmColor no_data = lm_palette_get_no_data_color ();

  lm_legend_renderer_measure (legend, NULL, &width, &height);
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width + 40, (int) height + 40);
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  lm_legend_renderer_draw (legend, cr, ox, oy);
  cairo_destroy (cr);
  cairo_surface_flush (image);

  /* Each class's swatch is at the left of its row, in its colour */
  for (int k = -2; k < (int) fixture->classes.n_classes; k++)
    {
      double rx, ry, rw, rh;
      const guint8 *row;
      guint32 pixel, expected;
      int px, py;

      if (k == -1)
        continue;
      g_assert_true (lm_legend_renderer_get_row_rect (legend, k, &rx, &ry, &rw, &rh));
      px = (int) (ox + rx + 8);
      py = (int) (oy + ry + rh / 2);
      row = cairo_image_surface_get_data (image) + py * cairo_image_surface_get_stride (image);
      pixel = ((const guint32 *) row)[px];
      expected = argb (k >= 0 ? &fixture->colors[k] : &no_data);
      /* Cairo rounds colour components its own way: allow one step. */
      for (int shift = 0; shift < 32; shift += 8)
        g_assert_cmpint (abs ((int) ((pixel >> shift) & 0xff) - (int) ((expected >> shift) & 0xff)),
                         <=, 1);
    }

  /* And there is text: dark pixels right of the swatches */
  for (int y = 0; y < cairo_image_surface_get_height (image); y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (image)
                                              + y * cairo_image_surface_get_stride (image));

      for (int x = (int) (ox + 40); x < cairo_image_surface_get_width (image); x++)
        if ((row[x] & 0xff) < 0x60 && ((row[x] >> 8) & 0xff) < 0x60)
          text_pixels++;
    }
  g_assert_cmpuint (text_pixels, >, 200);
  cairo_surface_destroy (image);
}

static void
test_integer_bounds (void)
{
  LmLevel *level = lm_level_new ("lad", "Districts", 2);
  LmVariable *rank;
  LmClassification classes;
  LmColor colors[4];
  g_autoptr(LmLegendRenderer) legend = lm_legend_renderer_new ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *code = g_strdup_printf ("D%u", i);

      lm_level_add_area (level, code, code);
    }
  rank = lm_level_add_variable (level, lm_variable_new ("imd.rank", "IMD rank", LM_UNIT_RANK, level));
  for (guint i = 0; i < 8; i++)
    rank->values[i] = i + 1;
  /* Ranks 1..8 in classes (1, 4], (4, 8]: the second reads "5 – 8" */
  memset (&classes, 0, sizeof classes);
  classes.n_classes = 2;
  classes.lower[0] = 1;
  classes.upper[0] = 4;
  classes.lower[1] = 4;
  classes.upper[1] = 8;
  classes.count[0] = 4;
  classes.count[1] = 4;
  lm_palette_get_colors_for_variable (lm_palette_lookup ("Blues", NULL), rank, 2, colors);
  lm_legend_renderer_set_classes (legend, rank, &classes, colors, NULL);
  first = lm_legend_renderer_describe_row (legend, 0);
  second = lm_legend_renderer_describe_row (legend, 1);
  g_assert_cmpstr (first, ==, "1 – 4: 4 areas");
  g_assert_cmpstr (second, ==, "5 – 8: 4 areas");
  lm_level_free (level);
}

static void
test_empty (void)
{
  g_autoptr(LmLegendRenderer) legend = lm_legend_renderer_new ();
  double width = -1, height = -1;

  /* No classes yet (the widget before the first classification) */
  lm_legend_renderer_measure (legend, NULL, &width, &height);
  g_assert_cmpfloat (width, >=, 0);
  g_assert_cmpfloat (height, >=, 0);
  g_assert_cmpint (lm_legend_renderer_hit_test (legend, 1000, 1000), ==, LM_LEGEND_HIT_NONE);
}

/* Custom weights are never silent: a note under the rows, in the
 * marker's orange, that makes the legend taller; the rows stay where
 * they were. */
static void
test_custom_weights (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LmLegendRenderer) legend = make_legend (fixture);
  double width, height, marked_w, marked_h, rx, ry, rw, rh, ry2;
  cairo_surface_t *image;
  cairo_t *cr;
  guint orange = 0;

  lm_legend_renderer_measure (legend, NULL, &width, &height);
  g_assert_true (lm_legend_renderer_get_row_rect (legend, LM_LEGEND_HIT_LEFT_BEHIND,
                                                  &rx, &ry, &rw, &rh));
  lm_legend_renderer_set_custom_weights (legend, "IMD: Income 28.9% (official 22.5%)");
  lm_legend_renderer_measure (legend, NULL, &marked_w, &marked_h);
  g_assert_cmpfloat (marked_h, >, height + 14 * 1.5);
  g_assert_cmpfloat (marked_w, >=, width);
  g_assert_true (lm_legend_renderer_get_row_rect (legend, LM_LEGEND_HIT_LEFT_BEHIND,
                                                  &rx, &ry2, &rw, &rh));
  g_assert_cmpfloat (ry2, ==, ry);

  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (marked_w) + 4,
                                      (int) ceil (marked_h) + 4);
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  lm_legend_renderer_draw (legend, cr, 2, 2);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  /* The orange bar sits below the last row. */
  for (int y = (int) (ry + rh); y < cairo_image_surface_get_height (image); y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (image) +
                                              y * cairo_image_surface_get_stride (image));

      for (int x = 0; x < 8; x++)
        if (((row[x] >> 16) & 0xff) > 150 && ((row[x] >> 8) & 0xff) < 110 && (row[x] & 0xff) < 60)
          orange++;
    }
  g_assert_cmpuint (orange, >, 20);
  cairo_surface_destroy (image);

  /* NULL takes it away. */
  lm_legend_renderer_set_custom_weights (legend, NULL);
  lm_legend_renderer_measure (legend, NULL, &marked_w, &marked_h);
  g_assert_cmpfloat (marked_h, ==, height);
}

/* Where a legend is drawn: an image, a recording replayed on one (what
 * a GTK Cairo node is), or an image with aliased text. */
typedef enum
{
  TARGET_IMAGE,
  TARGET_RECORDING,
  TARGET_ALIASED,
} Target;

#define TARGET_SIZE 480

static cairo_t *
target_context (Target            target,
                cairo_surface_t  *image)
{
  cairo_surface_t *surface = target == TARGET_RECORDING
                             ? cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL)
                             : cairo_surface_reference (image);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  if (target == TARGET_ALIASED)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_NONE);
      cairo_set_font_options (cr, options);
      cairo_font_options_destroy (options);
    }
  return cr;
}

/* @legend drawn on @target, measured there first if @measure: an image
 * of TARGET_SIZE on white. */
static cairo_surface_t *
draw_on (LmLegendRenderer *legend,
         Target            target,
         gboolean          measure)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TARGET_SIZE, TARGET_SIZE);
  cairo_t *cr = cairo_create (image);
  cairo_t *target_cr;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  target_cr = target_context (target, image);
  if (measure)
    lm_legend_renderer_measure (legend, target_cr, NULL, NULL);
  lm_legend_renderer_draw (legend, target_cr, 5, 5);
  if (target == TARGET_RECORDING)
    {
      cairo_set_source_surface (cr, cairo_get_target (target_cr), 0, 0);
      cairo_paint (cr);
    }
  cairo_destroy (target_cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * TARGET_SIZE) == 0;
}

/* Another content for the same legend: four classes of other bounds,
 * custom weights, a title inset. */
static void
change_content (Fixture          *fixture,
                LmLegendRenderer *legend)
{
  LmClassification classes;
  LmColor colors[LM_CLASSIFY_MAX_CLASSES];

  g_assert_true (lm_classify (fixture->variable->values, fixture->level->n_areas,
                              LM_CLASSIFY_EQUAL, 4, &classes));
  lm_palette_get_colors_for_variable (lm_palette_lookup ("Blues", NULL), fixture->variable, 4, colors);
  lm_legend_renderer_set_classes (legend, fixture->variable, &classes, colors, NULL);
  lm_legend_renderer_set_custom_weights (legend, "IMD: Income 28.9% (official 22.5%)");
  lm_legend_renderer_set_title_inset (legend, 30);
}

/* The layouts a measure makes are kept for the drawing that follows
 * (the widget's path): what is drawn with them is, pixel for pixel,
 * what a fresh legend draws; and they are not kept across a change of
 * the content or of the context's font settings. */
static void
test_kept_layouts (Fixture       *fixture,
                   gconstpointer  data)
{
  for (Target target = TARGET_IMAGE; target <= TARGET_RECORDING; target++)
    {
      g_autoptr(LmLegendRenderer) fresh = make_legend (fixture);
      g_autoptr(LmLegendRenderer) kept = make_legend (fixture);
      g_autoptr(LmLegendRenderer) fresh_changed = make_legend (fixture);
      cairo_surface_t *expected = draw_on (fresh, target, FALSE);
      cairo_surface_t *measured = draw_on (kept, target, TRUE);
      cairo_surface_t *again = draw_on (kept, target, FALSE);
      cairo_surface_t *changed, *expected_changed;

      g_assert_true (same_pixels (measured, expected));
      g_assert_true (same_pixels (again, expected));

      /* Changed between a measure and a draw */
      lm_legend_renderer_measure (kept, NULL, NULL, NULL);
      change_content (fixture, kept);
      change_content (fixture, fresh_changed);
      changed = draw_on (kept, target, FALSE);
      expected_changed = draw_on (fresh_changed, target, FALSE);
      g_assert_false (same_pixels (changed, expected));
      g_assert_true (same_pixels (changed, expected_changed));

      cairo_surface_destroy (expected);
      cairo_surface_destroy (measured);
      cairo_surface_destroy (again);
      cairo_surface_destroy (changed);
      cairo_surface_destroy (expected_changed);
    }

  /* Measured with antialiased text, drawn where text is aliased: the
   * fonts of the drawing are the target's. */
  {
    g_autoptr(LmLegendRenderer) fresh = make_legend (fixture);
    g_autoptr(LmLegendRenderer) kept = make_legend (fixture);
    cairo_surface_t *smooth = draw_on (kept, TARGET_IMAGE, TRUE);
    cairo_surface_t *aliased, *expected;

    lm_legend_renderer_measure (kept, NULL, NULL, NULL);
    aliased = draw_on (kept, TARGET_ALIASED, FALSE);
    expected = draw_on (fresh, TARGET_ALIASED, FALSE);
    g_assert_false (same_pixels (aliased, smooth));
    g_assert_true (same_pixels (aliased, expected));
    cairo_surface_destroy (smooth);
    cairo_surface_destroy (aliased);
    cairo_surface_destroy (expected);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/legend/empty", test_empty);
  g_test_add_func ("/render/legend/integer-bounds", test_integer_bounds);
#define ADD(path, unit, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (unit), fixture_set_up, func, fixture_tear_down)
  ADD ("/render/legend/classes/score", LM_UNIT_SCORE, test_classes_feed_legend);
  ADD ("/render/legend/rows/score", LM_UNIT_SCORE, test_measure_and_rows);
  ADD ("/render/legend/rows/rank", LM_UNIT_RANK, test_measure_and_rows);
  ADD ("/render/legend/draw", LM_UNIT_SCORE, test_draw_swatches);
  ADD ("/render/legend/draw/percent", LM_UNIT_PERCENT, test_draw_swatches);
  ADD ("/render/legend/custom-weights", LM_UNIT_SCORE, test_custom_weights);
  ADD ("/render/legend/kept-layouts", LM_UNIT_SCORE, test_kept_layouts);
  ADD ("/render/legend/kept-layouts/change", LM_UNIT_CHANGE, test_kept_layouts);
#undef ADD

  return g_test_run ();
}
