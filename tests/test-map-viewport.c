/* test-map-viewport.c — the map's view and extent, without a display
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT

#include <math.h>
#include <glib.h>

#include "lm-map-viewport.h"

/* A layer 1000 x 500 metres; views in whole pixels. */
static const LmBounds layer = { 0, 0, 1000, 500 };

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static LmBounds
shown (LmMapViewport *viewport)
{
  return lm_map_view_get_world_bounds (lm_map_viewport_get_view (viewport));
}

/* NULL extent: the whole layer with a 16-pixel margin, at any size. */
static void
test_fit_layer (void)
{
  g_autoptr(LmMapViewport) viewport = lm_map_viewport_new ();
  const LmMapView *view = lm_map_viewport_get_view (viewport);
  guint n_notify = 0;

  g_signal_connect (viewport, "notify::extent", G_CALLBACK (count_notify), &n_notify);
  lm_map_viewport_set_data_bounds (viewport, &layer);
  g_assert_false (lm_map_viewport_is_sized (viewport));
  lm_map_viewport_set_size (viewport, 232, 532);
  /* Width limits: (1000 m) / (232 - 32 px) = 5 m per pixel. */
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (view->center_x, 500, 1e-9);
  g_assert_cmpfloat_with_epsilon (view->center_y, 250, 1e-9);
  lm_map_viewport_set_size (viewport, 1032, 132);
  /* Height limits now: 500 m / 100 px. */
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, 5, 1e-12);
  lm_map_viewport_set_size (viewport, 2032, 1032);
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, 0.5, 1e-12);
  g_assert_null (lm_map_viewport_get_extent (viewport));
  g_assert_cmpuint (n_notify, ==, 0);
}

/* An extent is shown centred at every size; equal values do nothing. */
static void
test_extent (void)
{
  g_autoptr(LmMapViewport) viewport = lm_map_viewport_new ();
  const LmMapView *view = lm_map_viewport_get_view (viewport);
  LmBounds rect = { 100, 100, 300, 200 };
  LmBounds r;
  guint n_notify = 0;

  g_signal_connect (viewport, "notify::extent", G_CALLBACK (count_notify), &n_notify);
  lm_map_viewport_set_data_bounds (viewport, &layer);
  /* Before any size: kept, shown at the first one. */
  lm_map_viewport_set_extent (viewport, &rect);
  g_assert_cmpuint (n_notify, ==, 1);
  lm_map_viewport_set_size (viewport, 400, 100);
  /* 200 x 100 m in 400 x 100 px: the height limits, 1 m per pixel. */
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (view->center_x, 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (view->center_y, 150, 1e-9);
  r = shown (viewport);
  g_assert_cmpfloat_with_epsilon (r.xmin, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.xmax, 400, 1e-9);

  lm_map_viewport_set_size (viewport, 100, 400);
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (view->center_x, 200, 1e-9);
  g_assert_cmpuint (n_notify, ==, 1);

  g_object_set (viewport, "extent", &rect, NULL);
  lm_map_viewport_set_extent (viewport, &(LmBounds) { 100, 100, 300, 200 });
  g_assert_cmpuint (n_notify, ==, 1);

  lm_map_viewport_set_extent (viewport, NULL);
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_null (lm_map_viewport_get_extent (viewport));
  g_assert_cmpfloat_with_epsilon (view->center_x, 500, 1e-9);
}

/* Moves leave the extent until they settle, then it is what is visible,
 * with one notification; a resize meanwhile settles first. */
static void
test_move_settle (void)
{
  g_autoptr(LmMapViewport) viewport = lm_map_viewport_new ();
  const LmMapView *view = lm_map_viewport_get_view (viewport);
  guint n_notify = 0;
  LmBounds before, r;

  g_signal_connect (viewport, "notify::extent", G_CALLBACK (count_notify), &n_notify);
  lm_map_viewport_set_data_bounds (viewport, &layer);
  lm_map_viewport_set_size (viewport, 200, 100);
  for (int i = 1; i <= 5; i++)
    {
      LmMapView step = *view;

      lm_map_view_pan (&step, -10, 0);
      lm_map_viewport_move (viewport, &step);
    }
  g_assert_true (lm_map_viewport_is_unsettled (viewport));
  g_assert_cmpuint (n_notify, ==, 0);
  g_assert_null (lm_map_viewport_get_extent (viewport));
  before = shown (viewport);
  lm_map_viewport_settle (viewport);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (lm_bounds_equal (lm_map_viewport_get_extent (viewport), &before));
  lm_map_viewport_settle (viewport);
  g_assert_cmpuint (n_notify, ==, 1);

  /* Resized while a movement is under way (an animation, a drag): it
   * keeps its centre and scale, nothing is notified until it settles,
   * and then the extent is what it shows at the new size. */
  {
    LmMapView step = *view;

    lm_map_view_zoom_at (&step, 2, 100, 50);
    lm_map_viewport_move (viewport, &step);
    lm_map_viewport_set_size (viewport, 400, 100);
    g_assert_cmpuint (n_notify, ==, 1);
    g_assert_true (lm_map_viewport_is_unsettled (viewport));
    g_assert_cmpfloat (view->center_x, ==, step.center_x);
    g_assert_cmpfloat (view->center_y, ==, step.center_y);
    g_assert_cmpfloat (view->metres_per_pixel, ==, step.metres_per_pixel);
  }
  lm_map_viewport_settle (viewport);
  g_assert_cmpuint (n_notify, ==, 2);
  r = shown (viewport);
  g_assert_true (lm_bounds_equal (lm_map_viewport_get_extent (viewport), &r));
  g_assert_cmpfloat_with_epsilon (r.xmax - r.xmin, 400 * view->metres_per_pixel, 1e-9);
}

/* The scale stays between 0.5 m per pixel and four times the fit; the
 * centre over the layer. */
static void
test_clamp (void)
{
  g_autoptr(LmMapViewport) viewport = lm_map_viewport_new ();
  LmMapView view = { -50, 900, 0.01, 0, 0 };

  lm_map_viewport_set_data_bounds (viewport, &layer);
  lm_map_viewport_set_size (viewport, 232, 532);
  lm_map_viewport_clamp (viewport, &view);
  g_assert_cmpfloat (view.metres_per_pixel, ==, LM_MAP_VIEWPORT_MIN_METRES_PER_PIXEL);
  g_assert_cmpfloat (view.center_x, ==, 0);
  g_assert_cmpfloat (view.center_y, ==, 500);
  view.metres_per_pixel = 1000;
  lm_map_viewport_clamp (viewport, &view);
  g_assert_cmpfloat_with_epsilon (view.metres_per_pixel, 20, 1e-12);
  g_assert_cmpfloat_with_epsilon (lm_map_viewport_get_max_metres_per_pixel (viewport), 20, 1e-12);
}

/* Zoom to an area before the first size: fitted with its margin then,
 * and settled (notified once). */
static void
test_fit_when_sized (void)
{
  g_autoptr(LmMapViewport) viewport = lm_map_viewport_new ();
  const LmMapView *view = lm_map_viewport_get_view (viewport);
  LmBounds area = { 400, 200, 500, 300 };
  guint n_notify = 0;

  g_signal_connect (viewport, "notify::extent", G_CALLBACK (count_notify), &n_notify);
  lm_map_viewport_set_data_bounds (viewport, &layer);
  lm_map_viewport_fit_when_sized (viewport, &area, 0.125);
  g_assert_cmpuint (n_notify, ==, 0);
  lm_map_viewport_set_size (viewport, 160, 160);
  /* 100 m in 160 - 2 * 20 px. */
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, 100.0 / 120, 1e-12);
  g_assert_cmpfloat_with_epsilon (view->center_x, 450, 1e-9);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (lm_bounds_equal (lm_map_viewport_get_extent (viewport),
                                  (LmBounds[]) { shown (viewport) }));
}

/* What covers the map (a legend at the top left): the whole layer is
 * fitted in the free rectangle that shows it largest, and refitted when
 * the covered part changes. */
static void
test_covered (void)
{
  g_autoptr(LmMapViewport) viewport = lm_map_viewport_new ();
  const LmMapView *view = lm_map_viewport_get_view (viewport);
  const LmMapRect legend = { 0, 0, 200, 100 };
  LmMapRect free;
  double x0, y0, x1, y1;

  lm_map_viewport_set_data_bounds (viewport, &layer);
  lm_map_viewport_set_size (viewport, 632, 432);
  lm_map_viewport_set_covered (viewport, &legend, 1);
  /* Below the legend, 632 x 332 shows 1000 x 500 at 600/1000 = 0.6 px
   * a metre; right of it, 432 x 432 shows it at 400/1000 only. */
  lm_map_viewport_get_free_rect (viewport, &layer, 16, &free);
  g_assert_cmpfloat (free.x, ==, 0);
  g_assert_cmpfloat (free.y, ==, 100);
  g_assert_cmpfloat (free.width, ==, 632);
  g_assert_cmpfloat (free.height, ==, 332);
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, 1000.0 / 600, 1e-9);
  lm_map_view_world_to_pixel (view, layer.xmin, layer.ymax, &x0, &y0);
  lm_map_view_world_to_pixel (view, layer.xmax, layer.ymin, &x1, &y1);
  g_assert_cmpfloat (y0, >=, 100);
  g_assert_cmpfloat_with_epsilon (x0, 16, 1e-6);
  g_assert_cmpfloat_with_epsilon (x1, 616, 1e-6);

  /* Nothing covers it any more: the whole widget again. */
  lm_map_viewport_set_covered (viewport, NULL, 0);
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, 1000.0 / 600, 1e-9);
  g_assert_cmpfloat_with_epsilon (view->center_y, 250, 1e-9);
  g_assert_null (lm_map_viewport_get_extent (viewport));
}

/* A movement that ends with the whole layer in view leaves the map
 * following the layer (the extent NULL): a larger window then shows it
 * larger, not the old rectangle with its margins (issue 13). */
static void
test_settle_whole_layer (void)
{
  g_autoptr(LmMapViewport) viewport = lm_map_viewport_new ();
  const LmMapView *view = lm_map_viewport_get_view (viewport);
  LmMapView moved;
  LmBounds whole = { -100, -100, 1100, 600 };

  lm_map_viewport_set_data_bounds (viewport, &layer);
  lm_map_viewport_set_size (viewport, 532, 282);
  moved = *view;
  moved.metres_per_pixel *= 1.5;
  lm_map_viewport_move (viewport, &moved);
  lm_map_viewport_settle (viewport);
  g_assert_null (lm_map_viewport_get_extent (viewport));
  lm_map_viewport_set_size (viewport, 1032, 532);
  g_assert_cmpfloat_with_epsilon (view->metres_per_pixel, 1, 1e-9);

  /* Part of the layer: kept. */
  moved = *view;
  moved.metres_per_pixel /= 4;
  lm_map_viewport_move (viewport, &moved);
  lm_map_viewport_settle (viewport);
  g_assert_nonnull (lm_map_viewport_get_extent (viewport));

  /* Setting a rectangle around the whole layer is setting NULL. */
  lm_map_viewport_set_extent (viewport, &whole);
  g_assert_null (lm_map_viewport_get_extent (viewport));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/viewport/fit-layer", test_fit_layer);
  g_test_add_func ("/render/viewport/extent", test_extent);
  g_test_add_func ("/render/viewport/move-settle", test_move_settle);
  g_test_add_func ("/render/viewport/clamp", test_clamp);
  g_test_add_func ("/render/viewport/fit-when-sized", test_fit_when_sized);
  g_test_add_func ("/render/viewport/covered", test_covered);
  g_test_add_func ("/render/viewport/settle-whole-layer", test_settle_whole_layer);
  return g_test_run ();
}
