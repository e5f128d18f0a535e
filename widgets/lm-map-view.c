/* lm-map-view.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lm-map-view.h"

void
lm_map_view_fit (LmMapView      *view,
                 const LmBounds *bounds,
                 int             width,
                 int             height,
                 double          margin)
{
  double avail_w, avail_h, world_w, world_h;

  g_return_if_fail (view != NULL);
  g_return_if_fail (bounds != NULL);

  view->width = MAX (width, 1);
  view->height = MAX (height, 1);
  avail_w = MAX (view->width - 2 * margin, 1.0);
  avail_h = MAX (view->height - 2 * margin, 1.0);
  world_w = bounds->xmax - bounds->xmin;
  world_h = bounds->ymax - bounds->ymin;
  if (!(world_w > 0) && !(world_h > 0))
    {
      world_w = 1000;
      world_h = 1000;
    }
  view->center_x = (bounds->xmin + bounds->xmax) / 2;
  view->center_y = (bounds->ymin + bounds->ymax) / 2;
  view->metres_per_pixel = MAX (world_w / avail_w, world_h / avail_h);
  if (!(view->metres_per_pixel > 0))
    view->metres_per_pixel = 1;
}

void
lm_map_view_world_to_pixel (const LmMapView *view,
                            double           x,
                            double           y,
                            double          *out_px,
                            double          *out_py)
{
  g_return_if_fail (view != NULL);

  if (out_px)
    *out_px = (x - view->center_x) / view->metres_per_pixel + view->width / 2.0;
  if (out_py)
    *out_py = view->height / 2.0 - (y - view->center_y) / view->metres_per_pixel;
}

void
lm_map_view_pixel_to_world (const LmMapView *view,
                            double           px,
                            double           py,
                            double          *out_x,
                            double          *out_y)
{
  g_return_if_fail (view != NULL);

  if (out_x)
    *out_x = view->center_x + (px - view->width / 2.0) * view->metres_per_pixel;
  if (out_y)
    *out_y = view->center_y - (py - view->height / 2.0) * view->metres_per_pixel;
}

LmBounds
lm_map_view_get_world_bounds (const LmMapView *view)
{
  LmBounds bounds = { 0, 0, 0, 0 };

  g_return_val_if_fail (view != NULL, bounds);

  lm_map_view_pixel_to_world (view, 0, view->height, &bounds.xmin, &bounds.ymin);
  lm_map_view_pixel_to_world (view, view->width, 0, &bounds.xmax, &bounds.ymax);
  return bounds;
}

void
lm_map_view_zoom_at (LmMapView *view,
                     double     factor,
                     double     px,
                     double     py)
{
  double x, y;

  g_return_if_fail (view != NULL);
  g_return_if_fail (factor > 0);

  lm_map_view_pixel_to_world (view, px, py, &x, &y);
  view->metres_per_pixel /= factor;
  /* Move the centre so that (x, y) is back under (px, py). */
  view->center_x = x - (px - view->width / 2.0) * view->metres_per_pixel;
  view->center_y = y + (py - view->height / 2.0) * view->metres_per_pixel;
}

void
lm_map_view_pan (LmMapView *view,
                 double     dx,
                 double     dy)
{
  g_return_if_fail (view != NULL);

  view->center_x -= dx * view->metres_per_pixel;
  view->center_y += dy * view->metres_per_pixel;
}

void
lm_map_view_apply_transform (const LmMapView *view,
                             cairo_t         *cr)
{
  g_return_if_fail (view != NULL);
  g_return_if_fail (cr != NULL);

  cairo_translate (cr, view->width / 2.0, view->height / 2.0);
  cairo_scale (cr, 1 / view->metres_per_pixel, -1 / view->metres_per_pixel);
  cairo_translate (cr, -view->center_x, -view->center_y);
}
