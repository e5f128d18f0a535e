/* lm-map-cache.h — the map's cached image and the renders behind it
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-dataset.h"
#include "lm-map-renderer.h"

G_BEGIN_DECLS

#define LM_TYPE_MAP_CACHE (lm_map_cache_get_type ())
G_DECLARE_FINAL_TYPE (LmMapCache, lm_map_cache, LM, MAP_CACHE, GObject)

/* Fills @style (from lm_map_style_init()) for a render of @view, in
 * device pixels at @scale_factor, with @antialias for the fills. */
typedef void (*LmMapCacheStyleFunc) (LmMapStyle        *style,
                                     const LmMapView   *view,
                                     int                scale_factor,
                                     cairo_antialias_t  antialias,
                                     gpointer           user_data);

/* The image the map widget draws, and everything that makes it: an
 * image of the viewport plus a margin, re-rendered in a worker thread
 * (fast antialiasing) when the view leaves it or its scale drifts, then
 * sharply once the view has been still for a moment; a colour render of
 * the viewport on the main thread, kept fast by the borders, the
 * left-behind marks and an area index (made by a background job) kept
 * between recolours of the same view. The widget only says what the
 * view is and when the colours change, and draws the image; "changed"
 * says there is a new one. */
LmMapCache       *lm_map_cache_new            (void);
/* How renders are coloured; NULL stops all renders (the widget's
 * dispose), jobs in flight are then dropped. */
void              lm_map_cache_set_style_func (LmMapCache          *self,
                                               LmMapCacheStyleFunc  func,
                                               gpointer             user_data);
/* The level drawn (@dataset keeps it alive for the jobs); NULL for
 * none. What was kept for the old level is dropped; the image stays
 * until the next render replaces it. */
void              lm_map_cache_set_level      (LmMapCache          *self,
                                               LmDataset           *dataset,
                                               LmLevel             *level);
/* Drops the image and everything kept, including the renderers'
 * geometry (another dataset). */
void              lm_map_cache_clear          (LmMapCache          *self);
/* Drops only the image (the widget is unrealized). */
void              lm_map_cache_drop_image     (LmMapCache          *self);

/* The view now, in logical pixels, and the scale factor: with an image,
 * a background render starts if it no longer serves the view, and a
 * sharp one is scheduled. */
void              lm_map_cache_set_view       (LmMapCache          *self,
                                               const LmMapView     *view,
                                               int                  scale_factor);
/* While the map moves (a drag, a pinch, an animation) the sharp render
 * waits. */
void              lm_map_cache_set_moving     (LmMapCache          *self,
                                               gboolean             moving);
/* The colours changed: images rendered before are stale. */
void              lm_map_cache_content_changed (LmMapCache         *self);
/* Renders the viewport now, on this thread, without antialiasing (for a
 * colour change that must show in this frame), then schedules the sharp
 * render. */
void              lm_map_cache_render_now     (LmMapCache          *self);

/* For tests of the fast paths: what lm_map_cache_render_now() draws
 * now, drawn afresh by a new renderer in one band, every line and mark
 * stroked, every polygon filled (or with @use_index, coloured through
 * the area index the cache keeps, if it has one for the view); NULL if
 * nothing can be drawn. */
cairo_surface_t  *lm_map_cache_render_reference (LmMapCache        *self,
                                                 gboolean           use_index);
/* Whether colour renders of the view now use an area index. */
gboolean          lm_map_cache_has_index      (LmMapCache          *self);
/* How many colour renders drew into the image shown before the current
 * one rather than into a new image (for tests of that reuse). */
guint             lm_map_cache_get_n_reused_images (LmMapCache     *self);

/* The image to draw: FALSE if there is none yet. @view is the image's
 * view in device pixels at @scale_factor. */
gboolean          lm_map_cache_get_image      (LmMapCache          *self,
                                               GdkTexture         **texture,
                                               cairo_surface_t    **surface,
                                               LmMapView           *view,
                                               int                 *scale_factor);
/* The main-thread renderer (its geometry cache serves overlays too). */
LmMapRenderer    *lm_map_cache_get_renderer   (LmMapCache          *self);
/* Milliseconds the last render of the image took. */
double            lm_map_cache_get_last_render_ms (LmMapCache      *self);

/* A texture sharing @surface's pixels (an ARGB32 image), no copy. */
GdkTexture       *lm_map_cache_texture_new_for_surface (cairo_surface_t *surface);

G_END_DECLS
