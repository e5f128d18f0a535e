/* lm-map-view.h — world coordinates to output pixels (no GTK)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lm-bounds.h"

G_BEGIN_DECLS

/* What part of the world is shown, and how large. World coordinates are
 * the layer's (British National Grid metres, y north); pixel coordinates
 * have their origin at the top left of the output, y down. The widget
 * keeps one of these as its viewport and hands it to the renderer. */
typedef struct
{
  double center_x;          /* world x at the centre of the output */
  double center_y;          /* world y at the centre of the output */
  double metres_per_pixel;  /* > 0; smaller is closer */
  int    width;             /* output size in pixels */
  int    height;
} LmMapView;

/* Centres @bounds in a @width x @height output, leaving @margin pixels on
 * every side, at the largest scale that shows all of it. */
void      lm_map_view_fit           (LmMapView      *view,
                                     const LmBounds *bounds,
                                     int             width,
                                     int             height,
                                     double          margin);
void      lm_map_view_world_to_pixel (const LmMapView *view,
                                      double           x,
                                      double           y,
                                      double          *out_px,
                                      double          *out_py);
void      lm_map_view_pixel_to_world (const LmMapView *view,
                                      double           px,
                                      double           py,
                                      double          *out_x,
                                      double          *out_y);
/* The world rectangle the output covers. */
LmBounds  lm_map_view_get_world_bounds (const LmMapView *view);
/* Multiplies the scale by @factor (> 1 zooms in) keeping the world point
 * under pixel (@px, @py) fixed, as scroll-wheel zoom about the pointer
 * needs. */
void      lm_map_view_zoom_at       (LmMapView      *view,
                                     double          factor,
                                     double          px,
                                     double          py);
/* Moves the content by (@dx, @dy) pixels (a drag to the right moves the
 * map to the right). */
void      lm_map_view_pan           (LmMapView      *view,
                                     double          dx,
                                     double          dy);
/* Sets the cairo matrix so that user space is world metres: useful for
 * overlays drawn with the same view. */
void      lm_map_view_apply_transform (const LmMapView *view,
                                       cairo_t         *cr);

G_END_DECLS
