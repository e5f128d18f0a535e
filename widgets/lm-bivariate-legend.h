/* lm-bivariate-legend.h — the on-screen key of a bivariate map
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-choropleth.h"

G_BEGIN_DECLS

#define LM_TYPE_BIVARIATE_LEGEND (lm_bivariate_legend_get_type ())
G_DECLARE_FINAL_TYPE (LmBivariateLegend, lm_bivariate_legend, LM, BIVARIATE_LEGEND, GtkWidget)

/**
 * lm_bivariate_legend_new:
 * @map: (nullable): the map whose bivariate cells are shown
 *
 * The 3 × 3 key of @map's bivariate map, drawn as exported figures draw
 * it: cells in their colours with counts, the classes of each axis, the
 * axis titles. Empty while the map shows one variable. Clicking a cell
 * selects its areas (Shift+click adds them), as the legend does for a
 * class; hovering a cell says what it holds.
 */
GtkWidget    *lm_bivariate_legend_new         (LmChoropleth      *map);
LmChoropleth *lm_bivariate_legend_get_map     (LmBivariateLegend *self);
void          lm_bivariate_legend_set_map     (LmBivariateLegend *self,
                                               LmChoropleth      *map);
/* The cell under widget point (@x, @y), or -1. */
int           lm_bivariate_legend_hit_test    (LmBivariateLegend *self,
                                               double             x,
                                               double             y);
/* Selects the areas of @cell as a click (REPLACE) or Shift+click (ADD)
 * does; FALSE without a bivariate map or for no cell. */
gboolean      lm_bivariate_legend_select_cell (LmBivariateLegend *self,
                                               int                cell,
                                               LmSelectionMode    mode);

G_END_DECLS
