/* lm-map-figure.h — what a map shows and how it is coloured, and the
 * figure composed around it (no GTK)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "lm-bivariate-map.h"
#include "lm-classify.h"
#include "lm-export.h"
#include "lm-legend-renderer.h"
#include "lm-map-renderer.h"
#include "lm-model.h"
#include "lm-palette.h"

G_BEGIN_DECLS

#define LM_TYPE_MAP_FIGURE (lm_map_figure_get_type ())
G_DECLARE_FINAL_TYPE (LmMapFigure, lm_map_figure, LM, MAP_FIGURE, GObject)

/* The one place where a map is coloured: the variable's values are
 * classified, the palette gives each class a colour and each area gets
 * its class; the left-behind areas of the dataset's rule are marked.
 * The map widget, the exported figures and the command line's --bench
 * all colour through it, so they cannot disagree. The setters only
 * record; lm_map_figure_update() does the work (after a recompute,
 * too). */
LmMapFigure      *lm_map_figure_new                (LmModel                  *model);
LmModel          *lm_map_figure_get_model          (LmMapFigure              *self);
/* Another model (NULL for none) clears the colouring until the next
 * update. */
void              lm_map_figure_set_model          (LmMapFigure              *self,
                                                    LmModel                  *model);
/* Level and variable ids as on the command line ("lsoa", "imd.score"),
 * NULL for the finest level and the dataset's default variable;
 * @palette NULL for the variable's default. */
void              lm_map_figure_set_level          (LmMapFigure              *self,
                                                    const char               *level_id);
void              lm_map_figure_set_variable       (LmMapFigure              *self,
                                                    const char               *variable_id);
void              lm_map_figure_set_method         (LmMapFigure              *self,
                                                    LmClassifyMethod          method);
void              lm_map_figure_set_n_classes      (LmMapFigure              *self,
                                                    guint                     n_classes);
void              lm_map_figure_set_palette        (LmMapFigure              *self,
                                                    const char               *palette);
void              lm_map_figure_set_show_left_behind (LmMapFigure            *self,
                                                      gboolean                show);
void              lm_map_figure_set_show_selection (LmMapFigure              *self,
                                                    gboolean                  show);
/* A bivariate map of @x_id across and @y_id up instead of the variable
 * (NULL ids: none); NULL or not given breaks: tertiles. */
void              lm_map_figure_set_bivariate      (LmMapFigure              *self,
                                                    const char               *x_id,
                                                    const char               *y_id,
                                                    const LmBivariateBreaks  *x_breaks,
                                                    const LmBivariateBreaks  *y_breaks);
/* NULL: the default scheme. */
void              lm_map_figure_set_bivariate_palette (LmMapFigure           *self,
                                                    const char               *name);
/* Level, variable, method, classes, palette, the two toggles and the
 * bivariate map from export options (the size and antialiasing are the
 * draw's). */
void              lm_map_figure_set_options        (LmMapFigure              *self,
                                                    const LmMapExportOptions *options);

/**
 * lm_map_figure_update:
 * @self: a figure with a model
 * @error: the model's error for an unknown level or variable or one not
 *   available at the level; LM_PALETTE_ERROR for an unknown palette;
 *   LM_EXPORT_ERROR_NO_VALUES when the variable has no value to classify
 *
 * Classifies the variable's current values, colours the classes, gives
 * each area its class and marks the left-behind areas. On failure every
 * area is "no data" (class -1) and there is no classification; the
 * left-behind marks are made either way.
 */
gboolean          lm_map_figure_update             (LmMapFigure              *self,
                                                    GError                  **error);

/* The results of the last update. The level is NULL only when its id is
 * unknown; the variable is NULL when it could not be found. */
LmLevel          *lm_map_figure_get_level          (LmMapFigure              *self);
LmVariable       *lm_map_figure_get_variable       (LmMapFigure              *self);
const LmPalette  *lm_map_figure_get_palette        (LmMapFigure              *self);
/* NULL when there was nothing to classify, and for a bivariate map. */
const LmClassification *lm_map_figure_get_classification (LmMapFigure        *self);
/* The bivariate map after a successful update (its variables, classes
 * and colours), or NULL for a map of one variable. */
LmBivariateMap   *lm_map_figure_get_bivariate      (LmMapFigure              *self);
/* n_classes colours, lowest values first. */
const LmColor    *lm_map_figure_get_class_colors   (LmMapFigure              *self,
                                                    guint                    *n_colors);
/* level->n_areas entries: class index or -1 for no data; NULL without a
 * level. */
const gint8      *lm_map_figure_get_area_classes   (LmMapFigure              *self,
                                                    guint                    *n_areas);
/* The rule's level (NULL without a rule), with @n_marked set to the
 * number of left-behind areas and @mask to one byte per area of it. */
LmLevel          *lm_map_figure_get_left_behind    (LmMapFigure              *self,
                                                    guint                    *n_marked,
                                                    const guint8            **mask);

/* Loads the polygons the figure draws: the level's (an error, naming
 * the level, when it has none) and, for the marks, the rule level's
 * (missing ones only leave the marks out). */
gboolean          lm_map_figure_ensure_shapes      (LmMapFigure              *self,
                                                    GError                  **error);
/* Sets @style's fills (classes and colours), the left-behind marks when
 * shown and their polygons are loaded, and the selection when shown.
 * The arrays stay the figure's: valid until its next update. */
void              lm_map_figure_apply              (LmMapFigure              *self,
                                                    LmMapStyle               *style);

char             *lm_map_figure_describe_area      (LmMapFigure              *self,
                                                    guint                     area);

/* The legend every figure shows (see lm-map-figure.c), without a font
 * or a place; free with lm_legend_renderer_free(). */
LmLegendRenderer *lm_map_figure_create_legend      (LmMapFigure              *self);
/* "Made with Levelmap … from …. Official weights. Classes: …". */
char             *lm_map_figure_describe_provenance (LmMapFigure            *self);
void              lm_map_figure_draw_map           (LmMapFigure              *self,
                                                    cairo_t                  *cr,
                                                    double                    x,
                                                    double                    y,
                                                    double                    width,
                                                    double                    height,
                                                    const LmBounds           *extent,
                                                    double                    base,
                                                    cairo_antialias_t         antialias);

/**
 * lm_map_figure_draw:
 * @self: an updated figure whose shapes are loaded
 * @cr: a context whose user space is @width x @height pixels; an image
 *   target takes the renderer's fast threaded path
 * @width: figure width in pixels
 * @height: figure height in pixels
 * @extent: (nullable): the world rectangle the map must show (centred,
 *   at the largest scale that shows all of it, clipped to the map's
 *   place); NULL for the whole level
 * @antialias: the fills' antialiasing
 *
 * The whole figure on white paper: title (variable, level, dataset), the
 * map, its legend with class bounds and counts, a scale bar, the
 * dataset's attribution lines and a provenance line (dataset, weights
 * when not the official ones, classification, colours).
 */
void              lm_map_figure_draw               (LmMapFigure              *self,
                                                    cairo_t                  *cr,
                                                    int                       width,
                                                    int                       height,
                                                    const LmBounds           *extent,
                                                    cairo_antialias_t         antialias);

gboolean          lm_map_figure_write_png          (LmMapFigure              *self,
                                                    const char               *path,
                                                    int                       width,
                                                    int                       height,
                                                    cairo_antialias_t         antialias,
                                                    GError                  **error);

G_END_DECLS
