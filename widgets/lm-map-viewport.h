/* lm-map-viewport.h — what part of the world the map shows (no GTK)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lm-bounds.h"
#include "lm-map-renderer.h"
#include "lm-shape-layer.h"

G_BEGIN_DECLS

#define LM_TYPE_MAP_VIEWPORT (lm_map_viewport_get_type ())
G_DECLARE_FINAL_TYPE (LmMapViewport, lm_map_viewport, LM, MAP_VIEWPORT, GObject)

/* Closest zoom, metres per logical pixel. */
#define LM_MAP_VIEWPORT_MIN_METRES_PER_PIXEL 0.5
/* Pixels left around the whole layer when it is fitted. */
#define LM_MAP_VIEWPORT_FIT_MARGIN 16

/* As libshumate's ShumateViewport: a plain object, no drawing and no
 * input. It holds the view (centre, scale, size in logical pixels) and
 * the "extent" property, the world rectangle the user asked to see:
 * NULL means the whole layer, fitted. Whenever the size changes, the
 * view is fitted anew to the extent (or the layer), so a resize or full
 * screen shows the same rectangle. Gestures move the view without
 * touching the extent (a resize meanwhile keeps their centre and
 * scale); lm_map_viewport_settle() then makes the visible rectangle the
 * extent, once per movement. */
LmMapViewport    *lm_map_viewport_new             (void);

/* A rectangle of the widget, in logical pixels. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} LmMapRect;

/* The parts of the widget that something lies over (the legend, the
 * zoom buttons, the scale bar): a fit of the whole layer or of an area
 * puts it in the free rectangle where it shows largest, and a map
 * following the whole layer is fitted anew when they change. Up to
 * LM_MAP_VIEWPORT_MAX_COVERED rectangles; the rest are ignored. */
#define LM_MAP_VIEWPORT_MAX_COVERED 6
void              lm_map_viewport_set_covered     (LmMapViewport   *self,
                                                   const LmMapRect *rects,
                                                   guint            n_rects);
/* Where the layer has land (any level of a dataset: they nest): a fit
 * of the whole layer may then let what covers the widget lie over the
 * sea rather than shrink the map beside it. NULL forgets it. */
void              lm_map_viewport_set_land        (LmMapViewport   *self,
                                                   LmShapeLayer    *layer);
/* The free rectangle that a fit of @bounds with @margin pixels around
 * it uses: the whole widget when nothing covers it. */
void              lm_map_viewport_get_free_rect   (LmMapViewport   *self,
                                                   const LmBounds  *bounds,
                                                   double           margin,
                                                   LmMapRect       *out_rect);

/* In logical pixels; width and height 0 until the first size. */
const LmMapView  *lm_map_viewport_get_view        (LmMapViewport  *self);
gboolean          lm_map_viewport_is_sized        (LmMapViewport  *self);
/* The layer's bounds (NULL: no layer): where the centre may go and what
 * a NULL extent fits. With a NULL extent the view is fitted anew. */
void              lm_map_viewport_set_data_bounds (LmMapViewport  *self,
                                                   const LmBounds *bounds);
void              lm_map_viewport_set_size        (LmMapViewport  *self,
                                                   int             width,
                                                   int             height);

/* NULL when the whole layer is fitted. */
const LmBounds   *lm_map_viewport_get_extent      (LmMapViewport  *self);
/* Shows at least @extent, centred (at the first size if there is none
 * yet); NULL fits the whole layer. Equal to the current value: nothing
 * happens and nothing is notified. */
void              lm_map_viewport_set_extent      (LmMapViewport  *self,
                                                   const LmBounds *extent);
/* Fits @bounds, with @margin_fraction of the smaller side around it,
 * once the size is known (now if it is), then settles: for "zoom to
 * this area" before the map has a size. */
void              lm_map_viewport_fit_when_sized  (LmMapViewport  *self,
                                                   const LmBounds *bounds,
                                                   double          margin_fraction);

/* A gesture step: the view moves to @view (clamped; its size is
 * ignored), the extent waits for lm_map_viewport_settle(). */
void              lm_map_viewport_move            (LmMapViewport  *self,
                                                   const LmMapView *view);
/* Whether the view moved since the extent was last set. */
gboolean          lm_map_viewport_is_unsettled    (LmMapViewport  *self);
/* The movement ended: the visible rectangle becomes the extent. */
void              lm_map_viewport_settle          (LmMapViewport  *self);

/* Keeps @view's scale between street level and a little beyond the
 * whole layer and its centre over the layer. */
void              lm_map_viewport_clamp           (LmMapViewport  *self,
                                                   LmMapView      *view);
/* The farthest zoom allowed, metres per logical pixel. */
double            lm_map_viewport_get_max_metres_per_pixel (LmMapViewport *self);
/* The view that fits @bounds (NULL: the layer, with the usual margin)
 * at the current size, in the free rectangle for it (see
 * lm_map_viewport_set_covered()): a target for an animation. */
void              lm_map_viewport_get_fit_view    (LmMapViewport  *self,
                                                   const LmBounds *bounds,
                                                   double          margin,
                                                   LmMapView      *out_view);

G_END_DECLS
