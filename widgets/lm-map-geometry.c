/* lm-map-geometry.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-map-geometry.h"

static void
edges_free (LmMapEdges *edges)
{
  if (edges == NULL)
    return;
  g_free (edges->chain_starts);
  g_free (edges->xy);
  g_free (edges->bounds);
  g_free (edges);
}

void
lm_map_geometry_free (LmMapGeometry *geo)
{
  edges_free (geo->edges);
  g_clear_object (&geo->layer);
  g_free (geo->features);
  g_free (geo);
}

LmMapGeometry *
lm_map_geometry_new (LmShapeLayer *layer)
{
  LmMapGeometry *geo = g_new0 (LmMapGeometry, 1);
  guint n_parts = 0;
  guint n_points = 0;

  geo->layer = g_object_ref (layer);
  geo->n_features = lm_shape_layer_get_n_features (layer);
  geo->features = g_new0 (LmMapGeoFeature, MAX (geo->n_features, 1));
  geo->ring_starts = lm_shape_layer_get_part_starts (layer, &n_parts);
  geo->xy = lm_shape_layer_get_points (layer, &n_points);
  geo->n_rings = n_parts;

  for (guint f = 0; f < geo->n_features; f++)
    {
      const LmShapeFeature *feature = lm_shape_layer_get_feature (layer, f);
      LmMapGeoFeature *out = &geo->features[f];

      out->first_ring = MIN (feature->first_part, n_parts);
      out->n_rings = MIN (feature->n_parts, n_parts - out->first_ring);
      out->xmin = feature->bounds.xmin;
      out->ymin = feature->bounds.ymin;
      out->xmax = feature->bounds.xmax;
      out->ymax = feature->bounds.ymax;
      if (out->n_rings > 0)
        out->n_points = geo->ring_starts[out->first_ring + out->n_rings] -
                        geo->ring_starts[out->first_ring];
    }
  return geo;
}

typedef struct
{
  float  x0;
  float  y0;
  float  x1;
  float  y1;
  guint  used;   /* 0 empty, 1 seen, 2 drawn */
} EdgeSlot;

static inline guint32
float_bits (float f)
{
  guint32 u;

  f = f == 0 ? 0 : f;   /* -0 and +0 are the same point */
  memcpy (&u, &f, sizeof u);
  return u;
}

/* Finds (or claims) the slot of the undirected segment (a, b). */
static EdgeSlot *
edge_slot (EdgeSlot *table,
           guint     mask,
           float     ax,
           float     ay,
           float     bx,
           float     by)
{
  guint64 h;
  guint i;

  /* Undirected: the neighbour walks the shared border the other way. */
  if (ax > bx || (ax == bx && ay > by))
    {
      float tx = ax, ty = ay;

      ax = bx;
      ay = by;
      bx = tx;
      by = ty;
    }
  h = float_bits (ax) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  h ^= float_bits (ay) + (h << 6) + (h >> 2);
  h *= G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F);
  h ^= float_bits (bx) + (h << 6) + (h >> 2);
  h *= G_GUINT64_CONSTANT (0x165667B19E3779F9);
  h ^= float_bits (by) + (h << 6) + (h >> 2);
  h ^= h >> 29;

  for (i = (guint) h & mask; ; i = (i + 1) & mask)
    {
      EdgeSlot *slot = &table[i];

      if (slot->used == 0)
        {
          slot->x0 = ax;
          slot->y0 = ay;
          slot->x1 = bx;
          slot->y1 = by;
          return slot;
        }
      if (slot->x0 == ax && slot->y0 == ay && slot->x1 == bx && slot->y1 == by)
        return slot;
    }
}

LmMapEdges *
lm_map_geometry_build_edges (const LmMapGeometry *geo)
{
  LmMapEdges *edges = g_new0 (LmMapEdges, 1);
  LmBounds layer_bounds = lm_shape_layer_get_bounds (geo->layer);
  guint n_points = geo->ring_starts[geo->n_rings];
  guint capacity = 1024;
  EdgeSlot *table;
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *xy = g_array_sized_new (FALSE, FALSE, sizeof (float), n_points);
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (float));

  edges->ox = isfinite (layer_bounds.xmin) ? layer_bounds.xmin : 0;
  edges->oy = isfinite (layer_bounds.ymin) ? layer_bounds.ymin : 0;
  while (capacity < 2 * n_points + 2)
    capacity *= 2;
  table = g_new0 (EdgeSlot, capacity);

  for (guint r = 0; r < geo->n_rings; r++)
    {
      guint first = geo->ring_starts[r];
      guint n = geo->ring_starts[r + 1] - first;
      g_autofree float *p = g_new (float, 2 * (gsize) MAX (n, 1));
      gboolean in_chain = FALSE;
      float bx0 = 0, by0 = 0, bx1 = 0, by1 = 0;

      /* Neighbours share their border's points exactly, so their
       * floats match too. */
      for (guint i = 0; i < n; i++)
        {
          p[2 * i] = (float) (geo->xy[2 * (gsize) (first + i)] - edges->ox);
          p[2 * i + 1] = (float) (geo->xy[2 * (gsize) (first + i) + 1] - edges->oy);
        }
      for (guint i = 0; i < n; i++)
        {
          /* Segment i runs to the next point, the last one back to the
           * first (a no-op when the ring is closed explicitly). */
          guint j = i + 1 < n ? i + 1 : 0;
          EdgeSlot *slot;

          if (p[2 * i] == p[2 * j] && p[2 * i + 1] == p[2 * j + 1])
            continue;
          slot = edge_slot (table, capacity - 1, p[2 * i], p[2 * i + 1], p[2 * j], p[2 * j + 1]);
          if (slot->used == 2)
            {
              in_chain = FALSE;
              continue;
            }
          slot->used = 2;
          if (!in_chain)
            {
              guint start = xy->len / 2;

              if (starts->len > bounds->len / 4)
                {
                  float b[4] = { bx0, by0, bx1, by1 };

                  g_array_append_vals (bounds, b, 4);
                }
              g_array_append_val (starts, start);
              g_array_append_vals (xy, &p[2 * i], 2);
              bx0 = bx1 = p[2 * i];
              by0 = by1 = p[2 * i + 1];
              in_chain = TRUE;
            }
          g_array_append_vals (xy, &p[2 * j], 2);
          bx0 = MIN (bx0, p[2 * j]);
          by0 = MIN (by0, p[2 * j + 1]);
          bx1 = MAX (bx1, p[2 * j]);
          by1 = MAX (by1, p[2 * j + 1]);
        }
      if (starts->len > bounds->len / 4)
        {
          float b[4] = { bx0, by0, bx1, by1 };

          g_array_append_vals (bounds, b, 4);
        }
    }
  g_free (table);

  edges->n_chains = starts->len;
  {
    guint end = xy->len / 2;

    g_array_append_val (starts, end);
  }
  edges->chain_starts = (guint *) g_array_free (starts, FALSE);
  edges->xy = (float *) g_array_free (xy, FALSE);
  edges->bounds = (float *) g_array_free (bounds, FALSE);
  return edges;
}
