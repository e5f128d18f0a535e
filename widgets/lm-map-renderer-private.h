/* lm-map-renderer-private.h — what the parts of LmMapRenderer share
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "lm-map-geometry.h"
#include "lm-map-renderer.h"
#include "lm-rasterizer.h"

G_BEGIN_DECLS

/* Smallest band worth a thread of its own: below this, thread start-up
 * and the duplicated path building outweigh the parallel rasterising. */
#define MIN_BAND_ROWS 32
#define MAX_THREADS 4

/* Areas whose bounding box is smaller than this many pixels both ways
 * are drawn as a single pixel: Cairo would spend a whole polygon's
 * set-up on a speck. */
#define DOT_SIZE 0.5

/* Consecutive vertices closer than this (in pixels, both ways) are
 * merged while building paths: invisible, and fewer edges to sort.
 * Vector output keeps more, since a reader may zoom into it. */
#define VERTEX_TOLERANCE 0.3
#define VECTOR_VERTEX_TOLERANCE 0.05

/* Maps a layer's coordinates to target pixels:
 * px = x * scale + tx, py = ty - y * scale. */
typedef struct
{
  double scale;
  double tx;
  double ty;
  double tolerance;
} Xform;

static inline Xform
xform_for (const LmMapView *view,
           const LmMapGeometry  *geo,
           double           y_offset,
           double           tolerance)
{
  Xform t;

  t.tolerance = tolerance;
  t.scale = 1 / view->metres_per_pixel;
  t.tx = -view->center_x * t.scale + view->width / 2.0;
  t.ty = view->center_y * t.scale + view->height / 2.0 - y_offset;
  return t;
}

typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
} Rect;

typedef enum
{
  FEATURE_HIDDEN,
  FEATURE_DOT,
  FEATURE_PATH,
} FeatureVisibility;

static inline FeatureVisibility
classify_feature (const LmMapGeoFeature *f,
                  const Xform      *t,
                  const Rect       *clip,
                  double            pad)
{
  double px0, px1, py0, py1;

  if (f->n_rings == 0)
    return FEATURE_HIDDEN;
  px0 = f->xmin * t->scale + t->tx;
  px1 = f->xmax * t->scale + t->tx;
  py0 = t->ty - f->ymax * t->scale;
  py1 = t->ty - f->ymin * t->scale;
  if (px1 < clip->x0 - pad || px0 > clip->x1 + pad
      || py1 < clip->y0 - pad || py0 > clip->y1 + pad)
    return FEATURE_HIDDEN;
  if (px1 - px0 < DOT_SIZE && py1 - py0 < DOT_SIZE)
    return FEATURE_DOT;
  return FEATURE_PATH;
}

/* One draw of the whole picture restricted to @clip (target pixels),
 * shared by the threaded raster path (one per band) and the vector
 * path (one for everything). */
typedef struct
{
  LmLevel          *level;
  const LmMapView  *view;
  const LmMapStyle *style;
  const LmMapGeometry   *geo;
  const LmMapGeometry   *outline_geo;
  const LmMapGeometry   *marked_geo;
  const guint      *sorted;      /* areas grouped by slot */
  const guint      *offsets;     /* n_slots + 1 */
  guint             n_slots;     /* slot 0: no data; slot k + 1: class k */
  double            tolerance;   /* see VERTEX_TOLERANCE */
  gboolean          lines_only;  /* lm_map_renderer_render_lines() */
  const guint32    *area_pixels; /* premultiplied ARGB per area, with style->area_index */
} Job;

/* lm-map-renderer-band.c: drawing one band of a picture */
void     _lm_map_append_feature   (cairo_t               *cr,
                                   LmRasterizer          *rast,
                                   const LmMapGeometry   *geo,
                                   const LmMapGeoFeature *f,
                                   const Xform           *t);
void     _lm_map_set_source       (cairo_t               *cr,
                                   const LmColor         *color);
guint32  _lm_map_color_to_pixel   (const LmColor         *color);
/* The picture restricted to @clip (band pixels, whose first row is view
 * row @y_offset); @rast NULL fills with Cairo (vector targets). */
void     _lm_map_draw_band        (const Job             *job,
                                   cairo_t               *cr,
                                   LmRasterizer          *rast,
                                   double                 y_offset,
                                   const Rect            *clip,
                                   cairo_surface_t       *lines,
                                   const guint8          *index,
                                   int                    index_stride);

G_END_DECLS
