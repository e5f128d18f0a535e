/* lm-map-geometry.h — shape layers as the map renderer draws them (no GTK)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to lm-render: LmMapRenderer keeps one LmMapGeometry per layer.
 */
#pragma once

#include <glib.h>

#include "lm-shape-layer.h"

G_BEGIN_DECLS

typedef struct
{
  guint first_ring;
  guint n_rings;
  float xmin;
  float ymin;
  float xmax;
  float ymax;
  guint n_points;
} LmMapGeoFeature;

/* The boundary of a whole layer with every edge once: neighbouring
 * areas share their borders (our layers nest exactly), so stroking each
 * polygon would draw every inner border twice. Open polylines ("chains")
 * with their bounding boxes for culling. */
typedef struct
{
  guint  n_chains;
  guint *chain_starts;   /* n_chains + 1, into xy pairs */
  float *xy;
  float *bounds;         /* 4 per chain: xmin, ymin, xmax, ymax */
} LmMapEdges;

/* A shape layer as the renderer likes it: float coordinates relative to
 * the layer's corner (precise to a few centimetres over England, half
 * the memory traffic of doubles), consecutive duplicate points and
 * degenerate rings dropped, per-feature bounding boxes. Built once per
 * layer; read-only afterwards, so band threads share it. */
typedef struct
{
  LmShapeLayer *layer;   /* owned ref: keeps the key pointer unique */
  double        ox;
  double        oy;
  guint         n_features;
  LmMapGeoFeature   *features;
  guint         n_rings;
  guint        *ring_starts;   /* n_rings + 1, into xy pairs */
  float        *xy;
  LmMapEdges        *edges;         /* built on first use for outlines */
} LmMapGeometry;

/* Copies @layer into floats, dropping duplicate points and degenerate
 * rings; keeps a reference on @layer. */
LmMapGeometry *lm_map_geometry_new         (LmShapeLayer        *layer);
void           lm_map_geometry_free        (LmMapGeometry       *geo);
/* Every border of the layer once, as chains (for outlines). */
LmMapEdges    *lm_map_geometry_build_edges (const LmMapGeometry *geo);

G_END_DECLS
