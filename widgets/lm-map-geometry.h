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

/* A feature as the renderer culls it: its rings (the layer's parts) and
 * its bounding box, in the layer's coordinates. */
typedef struct
{
  guint  first_ring;
  guint  n_rings;
  guint  n_points;
  double xmin;
  double ymin;
  double xmax;
  double ymax;
} LmMapGeoFeature;

/* The boundary of a whole layer with every edge once: neighbouring
 * areas share their borders (our layers nest exactly), so stroking each
 * polygon would draw every inner border twice. Open polylines ("chains")
 * with their bounding boxes for culling, as floats relative to (ox, oy)
 * (precise to a few centimetres over England). */
typedef struct
{
  double ox;
  double oy;
  guint  n_chains;
  guint *chain_starts;   /* n_chains + 1, into xy pairs */
  float *xy;
  float *bounds;         /* 4 per chain: xmin, ymin, xmax, ymax */
} LmMapEdges;

/* A shape layer as the renderer draws it: the layer's own points and
 * rings (shared, not copied: a layer's coordinates are already checked
 * to be finite and inside its records' boxes) with per-feature bounding
 * boxes. Built once per layer; read-only afterwards, so band threads
 * share it. */
typedef struct
{
  LmShapeLayer    *layer;         /* owned ref: keeps the points and the key pointer */
  guint            n_features;
  LmMapGeoFeature *features;
  guint            n_rings;
  const guint     *ring_starts;   /* the layer's; n_rings + 1, into xy pairs */
  const double    *xy;            /* the layer's points */
  LmMapEdges      *edges;         /* built on first use for outlines */
} LmMapGeometry;

/* The features of @layer; keeps a reference on it. */
LmMapGeometry *lm_map_geometry_new         (LmShapeLayer        *layer);
void           lm_map_geometry_free        (LmMapGeometry       *geo);
/* Every border of the layer once, as chains (for outlines). */
LmMapEdges    *lm_map_geometry_build_edges (const LmMapGeometry *geo);

G_END_DECLS
