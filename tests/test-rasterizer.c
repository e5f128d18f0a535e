/* test-rasterizer.c — exact-area coverage: known areas, fill rules,
 * clipping, and agreement with Cairo's own fills
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib.h>

#include "lm-rasterizer.h"

#define W 64
#define H 48

#define RED   0xffff0000u
#define WHITE 0xffffffffu

typedef struct
{
  guint32 pixels[W * H];
} Image;

static void
clear (Image   *image,
       guint32  pixel)
{
  for (guint i = 0; i < W * H; i++)
    image->pixels[i] = pixel;
}

static guint32
at (const Image *image,
    int          x,
    int          y)
{
  return image->pixels[y * W + x];
}

static void
fill (LmRasterizer     *rast,
      Image            *image,
      guint32           pixel,
      LmRasterFillRule  rule)
{
  lm_rasterizer_fill (rast, (guint8 *) image->pixels, W * 4, pixel, rule);
}

static void
add_polygon (LmRasterizer *rast,
             const double *xy,
             guint         n)
{
  lm_rasterizer_move_to (rast, xy[0], xy[1]);
  for (guint i = 1; i < n; i++)
    lm_rasterizer_line_to (rast, xy[2 * i], xy[2 * i + 1]);
}

/* Opaque red over white at coverage @fraction of a pixel, worked out
 * here: coverage rounded to 1/255, then red * c + white * (1 - c), each
 * term rounded. */
static guint32
red_over_white (double fraction)
{
  guint c = (guint) floor (fraction * 255 + 0.5);
  guint keep = (guint) floor (255.0 * (255 - c) / 255 + 0.5);
  guint r = MIN ((guint) floor (255.0 * c / 255 + 0.5) + keep, 255);

  return 0xff000000u | r << 16 | keep << 8 | keep;
}

/* A square with its sides on pixel middles: whole pixels inside, half
 * pixels along the sides, quarters in the corners. */
static void
test_half_pixels (void)
{
  g_autoptr(LmRasterizer) rast = lm_rasterizer_new ();
  static const double square[] = { 10.5, 10.5, 20.5, 10.5, 20.5, 20.5, 10.5, 20.5 };
  Image image;

  clear (&image, WHITE);
  lm_rasterizer_set_target (rast, W, H, 0, H);
  add_polygon (rast, square, 4);
  fill (rast, &image, RED, LM_RASTER_FILL_EVEN_ODD);

  g_assert_cmphex (at (&image, 15, 15), ==, RED);
  g_assert_cmphex (at (&image, 11, 11), ==, RED);
  g_assert_cmphex (at (&image, 9, 15), ==, WHITE);
  g_assert_cmphex (at (&image, 21, 15), ==, WHITE);
  g_assert_cmphex (at (&image, 10, 15), ==, red_over_white (0.5));
  g_assert_cmphex (at (&image, 20, 15), ==, red_over_white (0.5));
  g_assert_cmphex (at (&image, 15, 10), ==, red_over_white (0.5));
  g_assert_cmphex (at (&image, 15, 20), ==, red_over_white (0.5));
  g_assert_cmphex (at (&image, 10, 10), ==, red_over_white (0.25));
  g_assert_cmphex (at (&image, 20, 20), ==, red_over_white (0.25));
  g_assert_true (lm_rasterizer_is_empty (rast));
}

/* A diagonal halves the pixels it crosses; the same triangle drawn in
 * either direction covers the same pixels. */
static void
test_diagonal (void)
{
  static const double forward[] = { 0, 0, 30, 30, 0, 30 };
  static const double backward[] = { 0, 30, 30, 30, 0, 0 };
  const double *triangles[] = { forward, backward };

  for (guint t = 0; t < 2; t++)
    {
      g_autoptr(LmRasterizer) rast = lm_rasterizer_new ();
      Image image;

      clear (&image, WHITE);
      lm_rasterizer_set_target (rast, W, H, 0, H);
      add_polygon (rast, triangles[t], 3);
      fill (rast, &image, RED, LM_RASTER_FILL_NONZERO);
      for (int y = 0; y < 30; y++)
        for (int x = 0; x < 30; x++)
          {
            guint32 expected = x < y ? RED : x == y ? red_over_white (0.5) : WHITE;

            g_assert_cmphex (at (&image, x, y), ==, expected);
          }
    }
}

/* The coverage of any polygon adds up to its area (the shoelace
 * formula), up to the 1/256 pixel grid and the rounding of each pixel. */
static void
test_total_area (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(LmRasterizer) rast = lm_rasterizer_new ();
      double xy[2 * 12] = { 0 };
      guint n = g_rand_int_range (rand, 3, 12);
      double cx = g_rand_double_range (rand, 15, W - 15);
      double cy = g_rand_double_range (rand, 15, H - 15);
      double area = 0, covered = 0, perimeter = 0;
      Image image;

      /* A star-shaped polygon (no self-crossing), points by angle. */
      for (guint i = 0; i < n; i++)
        {
          double angle = 2 * G_PI * (i + g_rand_double_range (rand, 0, 0.9)) / n;
          double radius = g_rand_double_range (rand, 2, 14);

          xy[2 * i] = cx + radius * cos (angle);
          xy[2 * i + 1] = cy + radius * sin (angle);
        }
      for (guint i = 0; i < n; i++)
        {
          guint j = (i + 1) % n;

          area += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
          perimeter += hypot (xy[2 * j] - xy[2 * i], xy[2 * j + 1] - xy[2 * i + 1]);
        }
      area = fabs (area) / 2;

      /* Coverage is read back from an opaque white fill on black. */
      memset (image.pixels, 0, sizeof image.pixels);
      lm_rasterizer_set_target (rast, W, H, 0, H);
      add_polygon (rast, xy, n);
      fill (rast, &image, WHITE, round % 2 ? LM_RASTER_FILL_NONZERO : LM_RASTER_FILL_EVEN_ODD);
      for (guint i = 0; i < W * H; i++)
        covered += (image.pixels[i] & 0xff) / 255.0;
      g_assert_cmpfloat (fabs (covered - area), <=, perimeter / 256 + 0.003 * perimeter + 0.01);
    }
}

/* A hole drawn the same way round as its ring: empty under even-odd,
 * filled (winding 2) under non-zero. */
static void
test_fill_rules (void)
{
  static const double outer[] = { 4, 4, 40, 4, 40, 40, 4, 40 };
  static const double inner[] = { 14, 14, 30, 14, 30, 30, 14, 30 };
  g_autoptr(LmRasterizer) rast = lm_rasterizer_new ();
  Image image;

  lm_rasterizer_set_target (rast, W, H, 0, H);

  clear (&image, WHITE);
  add_polygon (rast, outer, 4);
  add_polygon (rast, inner, 4);
  fill (rast, &image, RED, LM_RASTER_FILL_EVEN_ODD);
  g_assert_cmphex (at (&image, 8, 8), ==, RED);
  g_assert_cmphex (at (&image, 22, 22), ==, WHITE);
  g_assert_cmphex (at (&image, 13, 22), ==, RED);
  g_assert_cmphex (at (&image, 14, 22), ==, WHITE);

  clear (&image, WHITE);
  add_polygon (rast, outer, 4);
  add_polygon (rast, inner, 4);
  fill (rast, &image, RED, LM_RASTER_FILL_NONZERO);
  g_assert_cmphex (at (&image, 22, 22), ==, RED);
}

/* Shapes reaching far outside the target: what shows is what a target
 * large enough would have shown. */
static void
test_clipping (void)
{
  g_autoptr(LmRasterizer) rast = lm_rasterizer_new ();
  /* Rows 0..29 whole, row 30 half; every column. */
  static const double band[] = { -1e7, -50, 1e7, -50, 1e7, 30.5, -1e7, 30.5 };
  /* A triangle crossing the left border: below y = x + 10. */
  static const double wedge[] = { -10, 0, 10, 20, -1e6, 20 };
  Image image;

  lm_rasterizer_set_target (rast, W, H, 0, H);
  clear (&image, WHITE);
  add_polygon (rast, band, 4);
  fill (rast, &image, RED, LM_RASTER_FILL_EVEN_ODD);
  for (int x = 0; x < W; x++)
    {
      g_assert_cmphex (at (&image, x, 0), ==, RED);
      g_assert_cmphex (at (&image, x, 29), ==, RED);
      g_assert_cmphex (at (&image, x, 30), ==, red_over_white (0.5));
      g_assert_cmphex (at (&image, x, 31), ==, WHITE);
    }

  clear (&image, WHITE);
  add_polygon (rast, wedge, 3);
  fill (rast, &image, RED, LM_RASTER_FILL_EVEN_ODD);
  for (int y = 10; y < 20; y++)
    for (int x = 0; x < 10; x++)
      {
        guint32 expected = y > x + 10 ? RED : y == x + 10 ? red_over_white (0.5) : WHITE;

        g_assert_cmphex (at (&image, x, y), ==, expected);
      }
  g_assert_cmphex (at (&image, 0, 21), ==, WHITE);

  /* Nothing at all inside: the target is untouched. */
  clear (&image, WHITE);
  lm_rasterizer_move_to (rast, -100, -100);
  lm_rasterizer_line_to (rast, -50, -100);
  lm_rasterizer_line_to (rast, -50, 1000);
  fill (rast, &image, RED, LM_RASTER_FILL_EVEN_ODD);
  for (guint i = 0; i < W * H; i++)
    g_assert_cmphex (image.pixels[i], ==, WHITE);

  /* Non-finite points are dropped with their edges. */
  lm_rasterizer_move_to (rast, NAN, 3);
  lm_rasterizer_line_to (rast, INFINITY, 40);
  lm_rasterizer_line_to (rast, 5, -INFINITY);
  fill (rast, &image, RED, LM_RASTER_FILL_EVEN_ODD);
  for (guint i = 0; i < W * H; i++)
    g_assert_cmphex (image.pixels[i], ==, WHITE);
}

/* Pixel squares (specks) count once under non-zero, however many land
 * on a pixel, so a translucent colour is not darkened. */
static void
test_pixels (void)
{
  g_autoptr(LmRasterizer) rast = lm_rasterizer_new ();
  Image twice, once;

  lm_rasterizer_set_target (rast, W, H, 0, H);
  clear (&twice, WHITE);
  clear (&once, WHITE);
  lm_rasterizer_add_pixel (rast, 3, 4);
  lm_rasterizer_add_pixel (rast, 3, 4);
  fill (rast, &twice, 0x80400000u, LM_RASTER_FILL_NONZERO);
  lm_rasterizer_add_pixel (rast, 3, 4);
  fill (rast, &once, 0x80400000u, LM_RASTER_FILL_NONZERO);
  g_assert_cmphex (at (&twice, 3, 4), ==, at (&once, 3, 4));
  g_assert_cmphex (at (&once, 3, 4), !=, WHITE);
  g_assert_cmphex (at (&once, 2, 4), ==, WHITE);
  g_assert_cmphex (at (&once, 3, 5), ==, WHITE);
}

static cairo_surface_t *
cairo_target (double r,
              double g,
              double b)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  g_assert_cmpint (cairo_image_surface_get_stride (surface), ==, W * 4);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_paint (cr);
  cairo_destroy (cr);
  return surface;
}

static guint32
cairo_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  cairo_surface_flush (surface);
  return ((const guint32 *) cairo_image_surface_get_data (surface))[y * W + x];
}

/* Random triangles filled by Cairo (the reference) and here. Pixels
 * wholly inside or outside are identical; at edges Cairo samples 15
 * rows per pixel where the area here is exact, which is at most 1/15
 * of a pixel apart: 17 levels of 255, plus rounding. */
static void
test_coverage_near_cairo (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(LmRasterizer) rast = lm_rasterizer_new ();
  guint n_partial = 0;

  lm_rasterizer_set_target (rast, W, H, 0, H);
  for (guint round = 0; round < 40; round++)
    {
      cairo_surface_t *reference = cairo_target (0, 0, 0);
      cairo_t *cr = cairo_create (reference);
      double xy[6];
      Image image;

      for (guint i = 0; i < 3; i++)
        {
          xy[2 * i] = g_rand_double_range (rand, -8, W + 8);
          xy[2 * i + 1] = g_rand_double_range (rand, -8, H + 8);
        }
      cairo_move_to (cr, xy[0], xy[1]);
      cairo_line_to (cr, xy[2], xy[3]);
      cairo_line_to (cr, xy[4], xy[5]);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      cairo_destroy (cr);

      memset (image.pixels, 0, sizeof image.pixels);
      add_polygon (rast, xy, 3);
      fill (rast, &image, WHITE, LM_RASTER_FILL_EVEN_ODD);

      for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
          {
            int expected = cairo_at (reference, x, y) & 0xff;
            int found = at (&image, x, y) & 0xff;

            gboolean flat = TRUE;

            /* No edge within a pixel: the same either way. */
            for (int dy = -1; dy <= 1; dy++)
              for (int dx = -1; dx <= 1; dx++)
                if (x + dx >= 0 && x + dx < W && y + dy >= 0 && y + dy < H)
                  flat = flat && (int) (cairo_at (reference, x + dx, y + dy) & 0xff) == expected;
            if (flat)
              g_assert_cmpint (found, ==, expected);
            else if (expected > 0 && expected < 255)
              n_partial++;
            g_assert_cmpint (abs (found - expected), <=, 18);
          }
      cairo_surface_destroy (reference);
    }
  g_assert_cmpuint (n_partial, >, 500);
}

/* A colour as Cairo keeps it for a fill: premultiplied in 16 bits,
 * then the top 8 bits of each. */
static guint32
cairo_pixel (const double *rgba)
{
  guint32 a = (guint32) (rgba[3] * 65535 + 0.5);
  guint32 pixel = (a >> 8) << 24;

  for (int i = 0; i < 3; i++)
    pixel |= ((guint32) (rgba[i] * rgba[3] * 65535 + 0.5) >> 8) << (16 - 8 * i);
  return pixel;
}

/* Where both rasterisers see the same coverage (whole pixels, and
 * vertical sides at half pixels, which Cairo measures exactly too),
 * layers of opaque and translucent colours composite to the very same
 * pixels as Cairo's. */
static void
test_compositing_as_cairo (void)
{
  static const double rgba[][4] = {
    { 0.84, 0.15, 0.16, 1 },
    { 0.12, 0.47, 0.71, 1 },
    { 0.25, 0.5, 0.75, 0.5 },
    { 0.17, 0.63, 0.17, 0.8 },
    { 0.9, 0.9, 0.1, 0.3 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(LmRasterizer) rast = lm_rasterizer_new ();
  cairo_surface_t *reference = cairo_target (0.95, 0.9, 0.8);
  cairo_t *cr = cairo_create (reference);
  Image image;

  lm_rasterizer_set_target (rast, W, H, 0, H);
  clear (&image, cairo_at (reference, 0, 0));
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint c = 0; c < G_N_ELEMENTS (rgba); c++)
    {
      for (guint r = 0; r < 4; r++)
        {
          double x0 = g_rand_int_range (rand, -4, W) + 0.5;
          double x1 = x0 + g_rand_int_range (rand, 1, 30);
          double y0 = g_rand_int_range (rand, -4, H);
          double y1 = y0 + g_rand_int_range (rand, 1, 30);
          double xy[] = { x0, y0, x1, y0, x1, y1, x0, y1 };

          add_polygon (rast, xy, 4);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
        }
      cairo_set_source_rgba (cr, rgba[c][0], rgba[c][1], rgba[c][2], rgba[c][3]);
      cairo_fill (cr);
      fill (rast, &image, cairo_pixel (rgba[c]), LM_RASTER_FILL_EVEN_ODD);
    }
  cairo_destroy (cr);

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      g_assert_cmphex (at (&image, x, y), ==, cairo_at (reference, x, y));
  cairo_surface_destroy (reference);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/rasterizer/half-pixels", test_half_pixels);
  g_test_add_func ("/render/rasterizer/diagonal", test_diagonal);
  g_test_add_func ("/render/rasterizer/total-area", test_total_area);
  g_test_add_func ("/render/rasterizer/fill-rules", test_fill_rules);
  g_test_add_func ("/render/rasterizer/clipping", test_clipping);
  g_test_add_func ("/render/rasterizer/pixels", test_pixels);
  g_test_add_func ("/render/rasterizer/coverage-near-cairo", test_coverage_near_cairo);
  g_test_add_func ("/render/rasterizer/compositing-as-cairo", test_compositing_as_cairo);
  return g_test_run ();
}
