/* lm-hit-grid.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lm-hit-grid.h"

/* Grids larger than this per side would cost more memory than they save
 * time: a cell then holds a few items at most anyway. */
#define MAX_SIDE 2048

struct _LmHitGrid
{
  double        x0;
  double        y0;
  double        inv_cell_w;   /* cells per world unit */
  double        inv_cell_h;
  guint         nx;
  guint         ny;
  guint        *cell_start;   /* nx * ny + 1 */
  guint        *items;
  LmShapeLayer *layer;        /* owned ref, level grids only */
};

static gboolean
box_is_empty (const LmBounds *b)
{
  /* Written so that NaN counts as empty too. */
  return !(b->xmin <= b->xmax && b->ymin <= b->ymax);
}

static inline guint
clamp_cell (double f,
            guint  n)
{
  if (!(f >= 0))
    return 0;
  if (f >= n - 1)
    return n - 1;
  return (guint) f;
}

static void
cell_range (const LmHitGrid *self,
            const LmBounds  *b,
            guint           *ix0,
            guint           *iy0,
            guint           *ix1,
            guint           *iy1)
{
  *ix0 = clamp_cell (floor ((b->xmin - self->x0) * self->inv_cell_w), self->nx);
  *iy0 = clamp_cell (floor ((b->ymin - self->y0) * self->inv_cell_h), self->ny);
  *ix1 = clamp_cell (floor ((b->xmax - self->x0) * self->inv_cell_w), self->nx);
  *iy1 = clamp_cell (floor ((b->ymax - self->y0) * self->inv_cell_h), self->ny);
}

/* Without @fill, counts the items of each cell into cell_start[c + 1];
 * with it (each cell's next free slot), lists them. */
static void
place_boxes (LmHitGrid      *self,
             const LmBounds *boxes,
             guint           n_boxes,
             guint          *fill)
{
  for (guint i = 0; i < n_boxes; i++)
    {
      guint ix0, iy0, ix1, iy1;

      if (box_is_empty (&boxes[i]))
        continue;
      cell_range (self, &boxes[i], &ix0, &iy0, &ix1, &iy1);
      for (guint iy = iy0; iy <= iy1; iy++)
        for (guint ix = ix0; ix <= ix1; ix++)
          {
            guint c = iy * self->nx + ix;

            if (fill != NULL)
              self->items[fill[c]++] = i;
            else
              self->cell_start[c + 1]++;
          }
    }
}

LmHitGrid *
lm_hit_grid_new (const LmBounds *extent,
                 guint           nx,
                 guint           ny,
                 const LmBounds *boxes,
                 guint           n_boxes)
{
  LmHitGrid *self;
  g_autofree guint *fill = NULL;
  guint n_cells, total = 0;
  double w, h;

  g_return_val_if_fail (extent != NULL, NULL);
  g_return_val_if_fail (nx >= 1 && ny >= 1 && nx <= MAX_SIDE && ny <= MAX_SIDE, NULL);
  g_return_val_if_fail (boxes != NULL || n_boxes == 0, NULL);

  w = extent->xmax - extent->xmin;
  h = extent->ymax - extent->ymin;
  self = g_new0 (LmHitGrid, 1);
  self->x0 = extent->xmin;
  self->y0 = extent->ymin;
  self->inv_cell_w = w > 0 ? nx / w : 0;
  self->inv_cell_h = h > 0 ? ny / h : 0;
  self->nx = nx;
  self->ny = ny;
  n_cells = nx * ny;
  self->cell_start = g_new0 (guint, n_cells + 1);

  /* Count, prefix-sum, fill. */
  place_boxes (self, boxes, n_boxes, NULL);
  for (guint c = 0; c < n_cells; c++)
    {
      total += self->cell_start[c + 1];
      self->cell_start[c + 1] = total;
    }
  self->items = g_new (guint, MAX (total, 1));
  fill = g_memdup2 (self->cell_start, sizeof (guint) * n_cells);
  place_boxes (self, boxes, n_boxes, fill);
  return self;
}

LmHitGrid *
lm_hit_grid_new_for_level (LmLevel *level)
{
  LmShapeLayer *layer;
  g_autofree LmBounds *boxes = NULL;
  LmBounds extent;
  guint n_features;
  double w, h, cell;
  LmHitGrid *self;

  g_return_val_if_fail (level != NULL, NULL);

  layer = level->shapes;
  if (layer == NULL || level->feature == NULL)
    return NULL;
  n_features = lm_shape_layer_get_n_features (layer);
  boxes = g_new (LmBounds, MAX (level->n_areas, 1));
  for (guint a = 0; a < level->n_areas; a++)
    {
      int f = level->feature[a];
      const LmShapeFeature *feature;

      boxes[a] = (LmBounds) { 1, 1, 0, 0 };
      if (f < 0 || (guint) f >= n_features)
        continue;
      feature = lm_shape_layer_get_feature (layer, f);
      if (feature->n_parts > 0)
        boxes[a] = feature->bounds;
    }

  /* Square cells, about one polygon per cell on average. */
  extent = lm_shape_layer_get_bounds (layer);
  w = MAX (extent.xmax - extent.xmin, 1.0);
  h = MAX (extent.ymax - extent.ymin, 1.0);
  cell = sqrt (w * h / MAX (n_features, 1));
  {
    guint nx = CLAMP ((guint) ceil (w / cell), 1, MAX_SIDE);
    guint ny = CLAMP ((guint) ceil (h / cell), 1, MAX_SIDE);

    cell = MAX (w / nx, h / ny);
    extent.xmax = extent.xmin + cell * nx;
    extent.ymax = extent.ymin + cell * ny;
    self = lm_hit_grid_new (&extent, nx, ny, boxes, level->n_areas);
  }
  self->layer = g_object_ref (layer);
  return self;
}

void
lm_hit_grid_free (LmHitGrid *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->layer);
  g_free (self->cell_start);
  g_free (self->items);
  g_free (self);
}

gboolean
lm_hit_grid_get_cell_range (const LmHitGrid *self,
                            const LmBounds  *rect,
                            guint           *ix0,
                            guint           *iy0,
                            guint           *ix1,
                            guint           *iy1)
{
  double fx0, fy0, fx1, fy1;

  g_return_val_if_fail (self != NULL && rect != NULL, FALSE);

  if (box_is_empty (rect))
    return FALSE;
  fx0 = floor ((rect->xmin - self->x0) * self->inv_cell_w);
  fy0 = floor ((rect->ymin - self->y0) * self->inv_cell_h);
  fx1 = floor ((rect->xmax - self->x0) * self->inv_cell_w);
  fy1 = floor ((rect->ymax - self->y0) * self->inv_cell_h);
  if (fx1 < 0 || fy1 < 0 || fx0 >= self->nx || fy0 >= self->ny)
    return FALSE;
  *ix0 = clamp_cell (fx0, self->nx);
  *iy0 = clamp_cell (fy0, self->ny);
  *ix1 = clamp_cell (fx1, self->nx);
  *iy1 = clamp_cell (fy1, self->ny);
  return TRUE;
}

const guint *
lm_hit_grid_get_cell_items (const LmHitGrid *self,
                            guint            ix,
                            guint            iy,
                            guint           *n_items)
{
  guint c;

  g_return_val_if_fail (self != NULL && n_items != NULL, NULL);
  g_return_val_if_fail (ix < self->nx && iy < self->ny, NULL);

  c = iy * self->nx + ix;
  *n_items = self->cell_start[c + 1] - self->cell_start[c];
  return self->items + self->cell_start[c];
}

void
lm_hit_grid_foreach (const LmHitGrid *self,
                     const LmBounds  *rect,
                     LmHitGridFunc    func,
                     gpointer         user_data)
{
  guint ix0, iy0, ix1, iy1;

  g_return_if_fail (self != NULL && rect != NULL && func != NULL);

  if (!lm_hit_grid_get_cell_range (self, rect, &ix0, &iy0, &ix1, &iy1))
    return;
  for (guint iy = iy0; iy <= iy1; iy++)
    for (guint ix = ix0; ix <= ix1; ix++)
      {
        guint c = iy * self->nx + ix;

        for (guint k = self->cell_start[c]; k < self->cell_start[c + 1]; k++)
          func (self->items[k], user_data);
      }
}

LmShapeLayer *
lm_hit_grid_get_layer (const LmHitGrid *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->layer;
}

int
lm_hit_grid_pick_area (const LmHitGrid *self,
                       LmLevel         *level,
                       double           x,
                       double           y)
{
  LmBounds point = { x, y, x, y };
  guint ix0, iy0, ix1, iy1, n;
  const guint *items;

  g_return_val_if_fail (self != NULL && level != NULL, -1);
  g_return_val_if_fail (self->layer != NULL && self->layer == level->shapes, -1);

  /* A point beyond the extent is in no polygon (the extent is the
   * layer's bounds), not in the edge cells' ones. */
  if (!(x >= self->x0 && y >= self->y0) ||
      !lm_hit_grid_get_cell_range (self, &point, &ix0, &iy0, &ix1, &iy1))
    return -1;
  items = lm_hit_grid_get_cell_items (self, ix0, iy0, &n);
  for (guint i = 0; i < n; i++)
    {
      guint a = items[i];
      int f = level->feature[a];
      const LmShapeFeature *feature = lm_shape_layer_get_feature (self->layer, f);

      if (x < feature->bounds.xmin || x > feature->bounds.xmax ||
          y < feature->bounds.ymin || y > feature->bounds.ymax)
        continue;
      if (lm_shape_layer_feature_contains (self->layer, f, x, y))
        return (int) a;
    }
  return -1;
}
