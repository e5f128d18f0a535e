/* lm-bivariate-map.h — what a bivariate map shows and how it is
 * coloured, for the map figure (no GTK)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lm-bivariate.h"
#include "lm-bivariate-legend-renderer.h"
#include "lm-bivariate-palette.h"
#include "lm-model.h"

G_BEGIN_DECLS

/* The two variables, their breaks and the colour scheme asked for, and
 * after an update the classes found. LmMapFigure keeps one: when it is
 * set, the figure colours its level by the nine cells instead of one
 * variable's classes, and keys the map with the 3 × 3 grid. */
typedef struct _LmBivariateMap LmBivariateMap;

LmBivariateMap   *lm_bivariate_map_new            (void);
void              lm_bivariate_map_free           (LmBivariateMap          *self);
/* Both ids, or NULL for none; NULL breaks (or not given) for tertiles. */
void              lm_bivariate_map_set            (LmBivariateMap          *self,
                                                   const char              *x_id,
                                                   const char              *y_id,
                                                   const LmBivariateBreaks *x_breaks,
                                                   const LmBivariateBreaks *y_breaks);
gboolean          lm_bivariate_map_is_set         (LmBivariateMap          *self);
/* NULL for the default scheme. */
void              lm_bivariate_map_set_palette    (LmBivariateMap          *self,
                                                   const char              *name);

/**
 * lm_bivariate_map_update:
 * @self: a set bivariate map
 * @model: the data
 * @level_id: where
 * @out_cells: (array): the level's n_areas cells (-1 without both values)
 * @out_colors: (array fixed-size=9): the cells' colours
 * @error: the model's error for a variable missing at the level,
 *   LM_PALETTE_ERROR for an unknown scheme, LM_BIVARIATE_ERROR_NO_VALUES
 */
gboolean          lm_bivariate_map_update         (LmBivariateMap          *self,
                                                   LmModel                 *model,
                                                   const char              *level_id,
                                                   gint8                   *out_cells,
                                                   LmColor                 *out_colors,
                                                   GError                 **error);
/* After a successful update. */
LmVariable       *lm_bivariate_map_get_x          (LmBivariateMap          *self);
LmVariable       *lm_bivariate_map_get_y          (LmBivariateMap          *self);
const LmBivariateClasses *lm_bivariate_map_get_classes (LmBivariateMap     *self);
const LmColor    *lm_bivariate_map_get_colors     (LmBivariateMap          *self);
/* "IMD decile and CNI score". Free with g_free(). */
char             *lm_bivariate_map_get_title      (LmBivariateMap          *self);
/* The key at @font_size, its titles wrapped at @max_width (0: default);
 * free with lm_bivariate_legend_renderer_free(). */
LmBivariateLegendRenderer *lm_bivariate_map_make_legend (LmBivariateMap    *self,
                                                   double                   font_size,
                                                   double                   max_width);
/* For provenance lines: "Classes: tertiles of each; colours: Pink–blue
 * (Stevens)." Free with g_free(). */
char             *lm_bivariate_map_describe_classes (LmBivariateMap        *self);
/* Lines of Pango markup for a tooltip: each value and the cell. */
char             *lm_bivariate_map_describe_area  (LmBivariateMap          *self,
                                                   guint                    area);

G_END_DECLS
