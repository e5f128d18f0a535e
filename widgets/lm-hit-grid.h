/* lm-hit-grid.h — a uniform bucket grid for hit-testing (no GTK)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-bounds.h"
#include "lm-level.h"

G_BEGIN_DECLS

/* A grid of equal cells over a rectangle; each cell lists the items
 * (by index) whose box overlaps it, in index order. Built once from all
 * the boxes (a count, a prefix sum and a fill: no per-cell arrays), so a
 * hit test is a look-up of one or a few cells. The map keeps one per
 * level (polygon bounding boxes, then a point-in-polygon test); the
 * scatter plot one over its normalised points (zero-sized boxes). */
typedef struct _LmHitGrid LmHitGrid;

/**
 * lm_hit_grid_new:
 * @extent: the rectangle the grid covers (boxes beyond it land in the
 *   edge cells)
 * @nx: columns, >= 1
 * @ny: rows, >= 1
 * @boxes: (array length=n_boxes): one box per item; an empty box (xmin >
 *   xmax, or NaN) leaves its item out
 * @n_boxes: the number of items
 *
 * Returns: (transfer full): a new grid; free with lm_hit_grid_free()
 */
LmHitGrid    *lm_hit_grid_new            (const LmBounds *extent,
                                          guint           nx,
                                          guint           ny,
                                          const LmBounds *boxes,
                                          guint           n_boxes);
/**
 * lm_hit_grid_new_for_level:
 * @level: a level with its shapes loaded
 *
 * A grid over the polygons of @level whose items are the level's area
 * indices (areas without a polygon are left out), with about one
 * polygon per cell, for lm_hit_grid_pick_area().
 *
 * Returns: (transfer full) (nullable): a new grid, NULL without shapes
 */
LmHitGrid    *lm_hit_grid_new_for_level  (LmLevel        *level);
void          lm_hit_grid_free           (LmHitGrid      *self);

/* The cells that @rect overlaps, clamped to the grid: FALSE when @rect
 * lies wholly outside the extent (or is empty). */
gboolean      lm_hit_grid_get_cell_range (const LmHitGrid *self,
                                          const LmBounds  *rect,
                                          guint           *ix0,
                                          guint           *iy0,
                                          guint           *ix1,
                                          guint           *iy1);
/* The items of one cell, in index order; @n_items is set. */
const guint  *lm_hit_grid_get_cell_items (const LmHitGrid *self,
                                          guint            ix,
                                          guint            iy,
                                          guint           *n_items);
typedef void (*LmHitGridFunc) (guint    item,
                               gpointer user_data);
/* Calls @func for every item of every cell @rect overlaps, cell by cell
 * (an item whose box spans several of them comes once per cell). */
void          lm_hit_grid_foreach        (const LmHitGrid *self,
                                          const LmBounds  *rect,
                                          LmHitGridFunc    func,
                                          gpointer         user_data);
/* The shape layer a level's grid was built from (NULL for others): a
 * grid is stale once its level has another layer. */
LmShapeLayer *lm_hit_grid_get_layer      (const LmHitGrid *self);

/**
 * lm_hit_grid_pick_area:
 * @self: a grid from lm_hit_grid_new_for_level (@level)
 * @level: the same level
 * @x: world x
 * @y: world y
 *
 * Returns: the area of @level whose polygon contains (@x, @y) (even-odd
 *   rule; the lowest area index if polygons overlap), or -1
 */
int           lm_hit_grid_pick_area      (const LmHitGrid *self,
                                          LmLevel         *level,
                                          double           x,
                                          double           y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmHitGrid, lm_hit_grid_free)

G_END_DECLS
