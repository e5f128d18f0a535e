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
  g_free (geo->ring_starts);
  g_free (geo->xy);
  g_free (geo);
}

LmMapGeometry *
lm_map_geometry_new (LmShapeLayer *layer)
{
  LmMapGeometry *geo = g_new0 (LmMapGeometry, 1);
  LmBounds bounds = lm_shape_layer_get_bounds (layer);
  const guint *part_starts;
  const double *points;
  guint n_parts = 0;
  guint n_points = 0;
  guint n_rings = 0;
  guint n_xy = 0;   /* points kept so far */

  geo->layer = g_object_ref (layer);
  geo->ox = isfinite (bounds.xmin) ? bounds.xmin : 0;
  geo->oy = isfinite (bounds.ymin) ? bounds.ymin : 0;
  geo->n_features = lm_shape_layer_get_n_features (layer);
  geo->features = g_new0 (LmMapGeoFeature, MAX (geo->n_features, 1));
  part_starts = lm_shape_layer_get_part_starts (layer, &n_parts);
  points = lm_shape_layer_get_points (layer, &n_points);

  /* At most every point and part is kept: allocated once, trimmed at
   * the end, so that a layer costs its size and not the next power of
   * two. */
  geo->ring_starts = g_new (guint, n_parts + 1);
  geo->xy = g_new (float, 2 * (gsize) MAX (n_points, 1));

  for (guint f = 0; f < geo->n_features; f++)
    {
      const LmShapeFeature *feature = lm_shape_layer_get_feature (layer, f);
      LmMapGeoFeature *out = &geo->features[f];

      out->first_ring = n_rings;
      out->xmin = out->ymin = INFINITY;
      out->xmax = out->ymax = -INFINITY;

      for (guint p = feature->first_part;
           p < feature->first_part + feature->n_parts && p < n_parts;
           p++)
        {
          guint start = part_starts[p];
          guint end = MIN (part_starts[p + 1], n_points);
          guint ring_start = n_xy;
          float last_x = NAN, last_y = NAN;
          float xmin = INFINITY, ymin = INFINITY, xmax = -INFINITY, ymax = -INFINITY;

          for (guint i = start; i < end; i++)
            {
              double x = points[2 * i];
              double y = points[2 * i + 1];
              float fx, fy;

              /* Untrusted files: a NaN or infinite coordinate would
               * poison a whole class path. */
              if (!isfinite (x) || !isfinite (y))
                continue;
              fx = (float) (x - geo->ox);
              fy = (float) (y - geo->oy);
              if (fx == last_x && fy == last_y)
                continue;
              geo->xy[2 * (gsize) n_xy] = fx;
              geo->xy[2 * (gsize) n_xy + 1] = fy;
              n_xy++;
              last_x = fx;
              last_y = fy;
              xmin = MIN (xmin, fx);
              ymin = MIN (ymin, fy);
              xmax = MAX (xmax, fx);
              ymax = MAX (ymax, fy);
            }

          /* A ring needs three distinct points to enclose anything. */
          if (n_xy - ring_start < 3)
            {
              n_xy = ring_start;
              continue;
            }
          geo->ring_starts[n_rings++] = ring_start;
          out->n_points += n_xy - ring_start;
          out->xmin = MIN (out->xmin, xmin);
          out->ymin = MIN (out->ymin, ymin);
          out->xmax = MAX (out->xmax, xmax);
          out->ymax = MAX (out->ymax, ymax);
        }
      out->n_rings = n_rings - out->first_ring;
    }

  geo->n_rings = n_rings;
  geo->ring_starts[n_rings] = n_xy;
  geo->ring_starts = g_renew (guint, geo->ring_starts, n_rings + 1);
  geo->xy = g_renew (float, geo->xy, 2 * (gsize) MAX (n_xy, 1));
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
  guint n_points = geo->ring_starts[geo->n_rings];
  guint capacity = 1024;
  EdgeSlot *table;
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *xy = g_array_sized_new (FALSE, FALSE, sizeof (float), n_points);
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (float));

  while (capacity < 2 * n_points + 2)
    capacity *= 2;
  table = g_new0 (EdgeSlot, capacity);

  for (guint r = 0; r < geo->n_rings; r++)
    {
      const float *p = geo->xy + 2 * (gsize) geo->ring_starts[r];
      guint n = geo->ring_starts[r + 1] - geo->ring_starts[r];
      gboolean in_chain = FALSE;
      float bx0 = 0, by0 = 0, bx1 = 0, by1 = 0;

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
